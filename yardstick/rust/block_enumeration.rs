// Exercise 9's algorithm: visit only the 9-free k, as blocks 10·P + m of a
// 9-free prefix P counted upwards; the terms come in ascending k, so the sum
// is the brute force's double, bit for bit.
include!("common.rs");

fn block_enumeration(n: i64) -> f64 {
    let mut total = 0.0;
    for k in 1..=8.min(n) {
        total += 1.0 / k as f64;
    }
    let mut prefix = [0u8; 20];
    prefix[0] = 1;
    let mut length = 1;
    let mut value: i64 = 1;
    while 10 * value <= n {
        let base = (10 * value) as f64;
        if 10 * value + 9 <= n {
            for m in 0..9 {
                total += 1.0 / (base + m as f64);
            }
        } else {
            for m in 0..9 {
                if 10 * value + m <= n {
                    total += 1.0 / (base + m as f64);
                }
            }
        }
        // The next 9-free prefix (8 carries to 0).
        let mut position = 0;
        let mut step = 1;
        loop {
            if prefix[position] < 8 {
                prefix[position] += 1;
                value += step;
                break;
            }
            value -= 8 * step;
            prefix[position] = 0;
            position += 1;
            step *= 10;
            if position == length {
                prefix[position] = 1;
                value += step;
                length += 1;
                break;
            }
        }
    }
    total
}

fn main() {
    time_runs(block_enumeration, as_is);
}
