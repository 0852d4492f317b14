//! Layout throughput. Not a timed test in the normal run (the machine is
//! shared); run it in release:
//! `cargo test --release --test layout_speed -- --ignored --nocapture`.

use std::time::Instant;

use baocao::layout::layout;
use unicode_normalization::UnicodeNormalization;

/// Target from the brief: layout must not be the slow stage.
const MIN_MB_PER_S: f64 = 50.0;
const TARGET_BYTES: usize = 48 * 1024 * 1024;

fn corpus() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v.iter()
        .map(|p| std::fs::read_to_string(p).expect("utf-8").nfc().collect())
        .collect()
}

fn build(sep: &str) -> String {
    let docs = corpus();
    let mut s = String::with_capacity(TARGET_BYTES + 100_000);
    while s.len() < TARGET_BYTES {
        for d in &docs {
            s.push_str(d);
            s.push_str(sep);
        }
    }
    s
}

/// Nanoseconds this thread has spent on a CPU (Linux), so that the number is
/// per core even when other jobs share the machine.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Best-of-three throughput in MB/s: (wall clock, CPU time of the thread).
fn measure(name: &str, text: &str) -> (f64, f64) {
    let _ = layout(&text[..text.floor_char_boundary(1 << 20)]);
    let mut best_wall = f64::MAX;
    let mut best_cpu = f64::MAX;
    for _ in 0..3 {
        let c0 = cpu_ns();
        let t = Instant::now();
        let l = layout(text);
        let wall = t.elapsed().as_secs_f64();
        let cpu = match (c0, cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => wall,
        };
        assert!(!l.text.is_empty());
        best_wall = best_wall.min(wall);
        best_cpu = best_cpu.min(cpu);
    }
    let mb = text.len() as f64 / 1e6;
    let (w, c) = (mb / best_wall, mb / best_cpu);
    println!("{name}: {mb:.1} MB, wall {best_wall:.3} s = {w:.1} MB/s, cpu {best_cpu:.3} s = {c:.1} MB/s per core");
    (w, c)
}

#[test]
#[ignore]
fn layout_throughput() {
    let (_, plain) = measure("samples, one long text", &build("\n"));
    let (_, paged) = measure("samples, a page per sample", &build("\u{c}"));
    // Hostile text: every line looks like a footnote body, a rule or a marker.
    let hostile = "ngành hàng1 và năm 20201 (06 sản phẩm)1\n\n                              \n1 Sáu ngành hàng\n\n1\tNguyễn\t\n[^1]: x [^1]\n"
        .repeat(TARGET_BYTES / 100 / 4);
    let (_, odd) = measure("hostile text", &hostile);
    if cfg!(debug_assertions) {
        println!("debug build: numbers not meaningful, no assertion");
        return;
    }
    assert!(plain >= MIN_MB_PER_S, "{plain:.1} MB/s per core");
    assert!(paged >= MIN_MB_PER_S, "{paged:.1} MB/s per core");
    // Linear, if not as fast.
    assert!(odd >= MIN_MB_PER_S / 5.0, "hostile: {odd:.1} MB/s per core");
}
