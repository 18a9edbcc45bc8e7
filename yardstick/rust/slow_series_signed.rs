// Exercise 1's algorithm as its reference runs it: Σ termSign(SEED, k)/k for
// k = 1..n without a 9 in k, testing every k with 32-bit integer division by
// the constant 10, the sign a bit of a hash of (SEED, k / 32) computed once per
// 32 terms (checks/shared/term_sign.ts). SEED is the yardstick's
// (SIGNED_SERIES_SEED in lib/learner/yardstick/problems.ts): the sums agree bit
// for bit only when the two are the same.
include!("common.rs");

const SEED: u32 = 12345;

// The 32 signs of the block k / 32 = block: bit k % 32 set means -1.
fn block_signs(seed: u32, block: u32) -> u32 {
    let mut h = block.wrapping_mul(0x9e3779b1) ^ seed;
    h = (h ^ (h >> 16)).wrapping_mul(0x85ebca6b);
    h = (h ^ (h >> 13)).wrapping_mul(0xc2b2ae35);
    h ^ (h >> 16)
}

fn slow_series_signed(n: i64) -> f64 {
    let mut total = 0.0;
    let mut signs = block_signs(SEED, 0);
    for k in 1..=(n as i32) {
        if k & 31 == 0 {
            signs = block_signs(SEED, (k as u32) >> 5);
        }
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
            // ±1/k exactly: (1 - 2·bit) is ±1, as the reference writes it
            total += (1 - (((signs >> (k & 31)) & 1) << 1) as i32) as f64 / k as f64;
        }
    }
    total
}

fn main() {
    time_runs(slow_series_signed, as_is);
}
