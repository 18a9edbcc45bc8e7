// Exercise 7's algorithm: Σ cos(i)/i by the angle-addition recurrence,
// restarted from the libm cos and sin every 1024 terms.
include!("common.rs");

const ANCHOR_INTERVAL: i64 = 1024;

fn trig_recurrence(n: i64) -> f64 {
    let (cos1, sin1) = (1f64.cos(), 1f64.sin());
    let mut total = 0.0;
    let mut anchor = 1;
    while anchor <= n {
        let last = (anchor + ANCHOR_INTERVAL - 1).min(n);
        let (mut c, mut s) = ((anchor as f64).cos(), (anchor as f64).sin());
        for i in anchor..=last {
            total += c / i as f64;
            let next = c * cos1 - s * sin1;
            s = s * cos1 + c * sin1;
            c = next;
        }
        anchor += ANCHOR_INTERVAL;
    }
    total
}

fn main() {
    time_runs(trig_recurrence, as_is);
}
