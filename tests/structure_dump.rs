//! Prints the structure the pipeline finds for given files (a debugging aid):
//! `BAOCAO_DUMP=fixtures/x.txt cargo test --test structure_dump -- --nocapture`.

#[test]
fn dump() {
    let Ok(paths) = std::env::var("BAOCAO_DUMP") else {
        return;
    };
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
