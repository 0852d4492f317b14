//! Extraction speed on normalized text (issue 5: at least 20 MB/s per core).
//!
//! Run: `cargo test --release --test extract_speed -- --ignored --nocapture`.
//! The text is the five samples concatenated and repeated to about 16 MB; the
//! extractors (references, counts, funds) run on one thread.

use std::time::Instant;

use baocao::extract;
use baocao::ground::Ground;
use baocao::output::Metadata;

/// CPU seconds used by this thread so far (Linux `/proc/thread-self/stat`,
/// fields 14 and 15 in clock ticks of 1/100 s); `None` elsewhere. The machine
/// is shared, so throughput per core is measured on CPU time, not wall time.
fn thread_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn corpus(target: usize) -> String {
    let dir = format!("{}/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut one = String::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    for p in names {
        one.push_str(&std::fs::read_to_string(p).unwrap());
        one.push('\u{c}');
    }
    let mut text = String::with_capacity(target + one.len());
    while text.len() < target {
        text.push_str(&one);
    }
    text
}

#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
fn extraction_throughput() {
    let text = corpus(16 << 20);
    let mb = text.len() as f64 / 1e6;
    let t0 = Instant::now();
    let g = Ground::new(&text, true);
    let t_ground = t0.elapsed().as_secs_f64();
    let meta = Metadata::default();
    // Warm up: the regexes' lazy DFAs build their states on first use (once
    // per thread, then reused for every document); measure the steady state.
    let warm = corpus(1 << 20);
    let wg = Ground::new(&warm, true);
    let _ = (
        extract::references(&wg, &meta),
        extract::counts(&wg),
        extract::funds(&wg),
    );
    let mut timings = Vec::new();
    let cpu0 = thread_cpu();
    let t = Instant::now();
    let refs = extract::references(&g, &meta);
    timings.push(("references", t.elapsed().as_secs_f64(), refs.len()));
    let t = Instant::now();
    let counts = extract::counts(&g);
    timings.push(("counts", t.elapsed().as_secs_f64(), counts.len()));
    let t = Instant::now();
    let funds = extract::funds(&g);
    timings.push(("funds", t.elapsed().as_secs_f64(), funds.len()));
    let total: f64 = timings.iter().map(|x| x.1).sum();
    let cpu = thread_cpu().zip(cpu0).map(|(b, a)| b - a);
    println!("text {mb:.1} MB; ground index {:.1} MB/s", mb / t_ground);
    for (name, secs, n) in &timings {
        println!("{name:<11} {:>8.1} MB/s  ({n} items)", mb / secs);
    }
    println!("all three  {:>8.1} MB/s wall clock", mb / total);
    // Per core: CPU time of this thread when the platform tells it.
    let per_core = match cpu {
        Some(c) if c > 0.0 => {
            println!(
                "all three  {:>8.1} MB/s per core (CPU time {c:.2} s)",
                mb / c
            );
            mb / c
        }
        _ => mb / total,
    };
    if !cfg!(debug_assertions) {
        assert!(
            per_core >= 20.0,
            "extraction below 20 MB/s per core: {per_core:.1}"
        );
    }
}
