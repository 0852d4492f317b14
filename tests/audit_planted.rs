//! The audit on a test set with planted inconsistencies and tricky-but-correct
//! figures (`fixtures/audit/`). The expected findings are in
//! `fixtures/audit/manifest.tsv`, written by hand from what was planted; this
//! test matches the audit's mismatches against them, reports precision and
//! recall for the in-document and the cross-document audit, and asserts floors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use baocao::audit::cross::CrossAudit;
use baocao::{process_path, Options};

mod common;
use common::planted::{add, cross_seen, doc_seen, manifest, report, score, txt_files};
use common::planted::{Expected, Seen};

const ROOT: &str = "fixtures/audit";

#[test]
fn planted_inconsistencies_are_found_and_correct_figures_pass() {
    let expected = manifest(ROOT);
    let opts = Options::default();

    // In-document: every document of the set, including the cross sets'.
    let mut in_doc = (0, 0, 0);
    let mut docs_by_folder: BTreeMap<PathBuf, Vec<baocao::output::Document>> = BTreeMap::new();
    for path in txt_files(Path::new(ROOT)) {
        let rel = path
            .strip_prefix(ROOT)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let doc = process_path(&path, &opts);
        let found: Vec<Seen> = doc_seen(&doc, &rel);
        let mine: Vec<&Expected> = expected
            .iter()
            .filter(|e| e.kind == "in" && e.place == rel)
            .collect();
        in_doc = add(in_doc, score(&rel, &found, &mine));
        if rel.starts_with("cross/") {
            if let Some(parent) = path.parent() {
                docs_by_folder
                    .entry(parent.to_path_buf())
                    .or_default()
                    .push(doc);
            }
        }
    }
    let named_files = expected
        .iter()
        .filter(|e| e.kind == "in")
        .all(|e| Path::new(ROOT).join(&e.place).is_file());
    assert!(named_files, "the manifest names a file that does not exist");

    // Across documents: each folder under cross/ is one audit run.
    let mut cross = (0, 0, 0);
    let mut ok_missing = Vec::new();
    for (folder, docs) in &docs_by_folder {
        let rel = folder
            .strip_prefix(ROOT)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let mut audit = CrossAudit::default();
        for d in docs {
            audit.add(d);
        }
        let found = cross_seen(&audit.findings());
        let mine: Vec<&Expected> = expected.iter().filter(|e| e.place == rel).collect();
        cross = add(cross, score(&rel, &found, &mine));
        ok_missing.extend(common::planted::ok_missing(&rel, &found, &mine));
    }
    assert_eq!(docs_by_folder.len(), 5, "five cross-document sets");

    // Everything at once (the sets, the in-document files and the five
    // samples): places and periods keep the sets apart, so exactly the sets'
    // planted mismatches come out, and nothing across sets.
    let mut together = CrossAudit::default();
    for docs in docs_by_folder.values() {
        for d in docs {
            together.add(d);
        }
    }
    for path in txt_files(Path::new(&format!("{ROOT}/indoc")))
        .into_iter()
        .chain(
            txt_files(Path::new("fixtures"))
                .into_iter()
                .filter(|p| p.parent() == Some(Path::new("fixtures"))),
        )
    {
        together.add(&process_path(&path, &opts));
    }
    let found = cross_seen(&together.findings());
    let all_cross: Vec<&Expected> = expected.iter().filter(|e| e.kind == "cross").collect();
    let together_score = score("all documents together", &found, &all_cross);
    report("cross-document, all documents in one run", together_score);
    assert_eq!(together_score.1, 0, "false alarms across sets");

    let (p_in, r_in) = report("in-document", in_doc);
    let (p_x, r_x) = report("cross-document", cross);
    let all = add(in_doc, cross);
    report("all", all);
    // Floors: recall ≥ 0.9, and at most one false alarm in twenty findings.
    assert!(r_in >= 0.9, "in-document recall {r_in}");
    assert!(r_x >= 0.9, "cross-document recall {r_x}");
    assert!(
        in_doc.1 * 20 <= in_doc.0 + in_doc.1,
        "in-document precision {p_in}"
    );
    assert!(
        cross.1 * 20 <= cross.0 + cross.1,
        "cross-document precision {p_x}"
    );
    assert!(
        ok_missing.is_empty(),
        "checks that should have run and agreed: {ok_missing:#?}"
    );
}
