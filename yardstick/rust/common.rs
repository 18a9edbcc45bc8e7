// What every yardstick program shares (included with `include!`): N and RUNS
// from the command line, and the one output line the workbook reads: the sum
// ({:?} prints the shortest string that reads back as the same double) and
// the time of each run in milliseconds.
use std::hint::black_box;
use std::time::Instant;

fn time_runs(kernel: fn(i64) -> f64, shown: fn(f64) -> f64) {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: {} N RUNS", args[0]);
        std::process::exit(2);
    }
    let n: i64 = args[1].parse().expect("N: an integer");
    let runs: usize = args[2].parse().expect("RUNS: an integer");
    let mut times = Vec::new();
    let mut sum = 0.0;
    for _ in 0..runs {
        let started = Instant::now();
        // black_box: the kernel is a pure function of n; this keeps each run a run.
        sum = black_box(kernel(black_box(n)));
        times.push(started.elapsed().as_secs_f64() * 1e3);
    }
    let mut line = format!("{:?}", shown(sum));
    for t in times {
        line.push_str(&format!(" {:.3}", t));
    }
    println!("{}", line);
}

#[allow(dead_code)]
fn as_is(sum: f64) -> f64 {
    sum
}
