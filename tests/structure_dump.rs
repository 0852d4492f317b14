//! Tools run on demand (ignored by default):
//! - `BAOCAO_DUMP=fixtures/x.txt cargo test --test structure_dump dump -- --ignored --nocapture`
//!   prints the metadata and section outline the pipeline finds;
//! - `cargo test --release --test structure_dump speed -- --ignored --nocapture`
//!   measures the stage's throughput and fails under 20 MB/s.

#[test]
#[ignore = "debugging aid: prints the structure of BAOCAO_DUMP files"]
fn dump() {
    let paths =
        std::env::var("BAOCAO_DUMP").unwrap_or_else(|_| "fixtures/000_3e1b6377d3df0e19.txt".into());
    for path in paths.split(',') {
        let bytes = std::fs::read(path).expect("readable file");
        let doc = baocao::process_bytes(path, &bytes, &baocao::Options::default());
        println!("== {path}");
        println!(
            "{}",
            serde_json::to_string_pretty(&doc.metadata).unwrap_or_default()
        );
        for s in &doc.sections {
            let parent = s
                .parent
                .as_ref()
                .and_then(|p| doc.sections.iter().find(|x| &x.id == p))
                .map(|p| p.marker.as_str())
                .unwrap_or("-");
            println!(
                "{:>4} L{} [{}] <{}> {}",
                s.id, s.level, s.marker, parent, s.heading
            );
        }
        for i in baocao::structure::numbering_issues(&doc.sections) {
            println!("issue {i:?}");
        }
    }
}

/// Throughput of the structure stage on a large document (all samples
/// repeated); meaningful in release builds only.
#[test]
#[ignore = "throughput check: run with --release"]
fn speed() {
    let mut text = String::new();
    for f in [
        "000_3e1b6377d3df0e19.txt",
        "001_849251cef8cea693.txt",
        "002_62a083c6f8fe7315.txt",
        "003_49b22b13f22dc593.txt",
        "004_9b2a86f56208a256.txt",
    ] {
        let p = format!("{}/fixtures/{f}", env!("CARGO_MANIFEST_DIR"));
        text.push_str(&std::fs::read_to_string(p).unwrap_or_default());
    }
    let big = text.repeat(50);
    let g = baocao::ground::Ground::new(&big, false);
    let t = std::time::Instant::now();
    let md = baocao::structure::metadata(&g);
    let t_md = t.elapsed();
    let t = std::time::Instant::now();
    let secs = baocao::structure::sections(&g);
    let t_sec = t.elapsed();
    let mb = big.len() as f64 / 1e6;
    println!(
        "{mb:.1} MB: metadata {:.1} MB/s, sections {:.1} MB/s ({} sections, type {:?})",
        mb / t_md.as_secs_f64(),
        mb / t_sec.as_secs_f64(),
        secs.len(),
        md.doc_type
    );
    assert!(mb / t_md.as_secs_f64() >= 20.0, "metadata under 20 MB/s");
    assert!(mb / t_sec.as_secs_f64() >= 20.0, "sections under 20 MB/s");
}
