//! Throughput of the normalize stage (a benchmark, not a test):
//! `cargo run --release --example normalize_bench`.
//!
//! Clean: the sample documents (UTF-8, NFC-fixed first so the clean path is
//! measured). Legacy: the same documents in TCVN3, VNI and UTF-8-as-1252.

use std::time::Instant;

use baocao::normalize::{normalize, NormalizeOptions};

fn load(names: &[String]) -> String {
    names
        .iter()
        .map(|n| std::fs::read_to_string(n).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// CPU seconds used by this process so far (Linux `/proc/self/stat`, 100 Hz
/// ticks), so that the rate is per core even on a shared, loaded machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit(')').next()?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn measure(label: &str, unit: &str) {
    let target = 16 << 20;
    let reps = (target / unit.len().max(1)).max(1);
    let text = unit.repeat(reps);
    let opts = NormalizeOptions::default();
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let n = normalize(&text, &opts);
    let secs = t.elapsed().as_secs_f64();
    let cpu = match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => format!(
            ", {:.3} s CPU = {:.1} MB/s per core",
            b - a,
            text.len() as f64 / 1e6 / (b - a)
        ),
        _ => String::new(),
    };
    println!(
        "{label}: {:.1} MB in {:.3} s wall = {:.1} MB/s{cpu} (quality {:.3} → {:.3})",
        text.len() as f64 / 1e6,
        secs,
        text.len() as f64 / 1e6 / secs,
        n.quality.before,
        n.quality.after
    );
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let docs = ["000", "001", "002", "003", "004"];
    let samples: Vec<String> = std::fs::read_dir(format!("{root}/fixtures"))
        .map(|d| {
            let mut v: Vec<String> = d
                .filter_map(|e| e.ok())
                .map(|e| e.path().display().to_string())
                .filter(|p| p.ends_with(".txt"))
                .collect();
            v.sort();
            v
        })
        .unwrap_or_default();
    let clean = normalize(&load(&samples), &NormalizeOptions::default()).text;
    measure("clean", &clean);
    for code in ["tcvn3", "vni", "utf8", "viscii", "cp1258"] {
        let files: Vec<String> = docs
            .iter()
            .map(|d| format!("{root}/fixtures/legacy/{d}.{code}.txt"))
            .collect();
        measure(code, &load(&files));
    }
}
