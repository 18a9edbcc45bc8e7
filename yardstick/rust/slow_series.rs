// Exercise 1's algorithm: Σ 1/k for k = 1..n without a 9 in k, testing every k
// with 32-bit integer division by the constant 10.
include!("common.rs");

fn slow_series(n: i64) -> f64 {
    let mut total = 0.0;
    for k in 1..=(n as i32) {
        let mut rest = k;
        let mut nine = false;
        while rest > 0 {
            let next = rest / 10;
            if rest - next * 10 == 9 {
                nine = true;
                break;
            }
            rest = next;
        }
        if !nine {
            total += 1.0 / k as f64; // ascending k, as the references add
        }
    }
    total
}

fn main() {
    time_runs(slow_series, as_is);
}
