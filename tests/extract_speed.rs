//! Extraction speed on normalized text (issue 5: at least 20 MB/s per core).
//!
//! Run: `cargo test --release --test extract_speed -- --ignored --nocapture`.
//! The text is the five samples concatenated and repeated to about 16 MB; the
//! extractors (references, counts, funds) run on one thread.

use std::time::Instant;

use baocao::extract;
use baocao::ground::Ground;
use baocao::output::Metadata;

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
    let mut timings = Vec::new();
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
    println!("text {mb:.1} MB; ground index {:.1} MB/s", mb / t_ground);
    for (name, secs, n) in &timings {
        println!("{name:<11} {:>8.1} MB/s  ({n} items)", mb / secs);
    }
    println!("all three  {:>8.1} MB/s", mb / total);
    if !cfg!(debug_assertions) {
        assert!(
            mb / total >= 20.0,
            "extraction below 20 MB/s: {:.1}",
            mb / total
        );
    }
}
