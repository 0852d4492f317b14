//! Audit precision and recall on real documents with planted errors (issue 22).
//!
//! `fixtures/real/planted/make.py` writes text variants of real documents with
//! one error planted each; `fixtures/real/planted/manifest.tsv` lists, by hand,
//! what the audit must report there (planted errors, and the genuine slips of
//! the originals found by reading). Every other mismatch is a false alarm.

use std::path::Path;

use baocao::audit::cross::CrossAudit;
use baocao::audit::running::Series;
use baocao::{process_path, Options};

mod common;
use common::planted::{add, cross_seen, doc_seen, manifest, ok_missing, report, score, txt_files};
use common::planted::{Expected, Seen};

const ROOT: &str = "fixtures/real/planted";

#[test]
fn planted_errors_in_real_documents() {
    let expected = manifest(ROOT);
    let opts = Options::default();
    let mut in_doc = (0, 0, 0);
    for path in txt_files(&Path::new(ROOT).join("indoc")) {
        let rel = path
            .strip_prefix(ROOT)
            .expect("under root")
            .to_string_lossy()
            .to_string();
        let found: Vec<Seen> = doc_seen(&process_path(&path, &opts), &rel);
        let mine: Vec<&Expected> = expected
            .iter()
            .filter(|e| e.kind == "in" && e.place == rel)
            .collect();
        in_doc = add(in_doc, score(&rel, &found, &mine));
    }

    let folder = Path::new(ROOT).join("cross/series");
    let mut cross = CrossAudit::default();
    let mut series = Series::default();
    for path in txt_files(&folder) {
        let doc = process_path(&path, &opts);
        cross.add(&doc);
        series.add(&doc);
    }
    let mut findings = cross.findings();
    findings.extend(series.findings());
    let found = cross_seen(&findings);
    let mine: Vec<&Expected> = expected
        .iter()
        .filter(|e| e.place == "cross/series")
        .collect();
    let across = score("cross/series", &found, &mine);
    let missing = ok_missing("cross/series", &found, &mine);
    let total = add(in_doc, across);
    report("in-document", in_doc);
    report("across documents", across);
    let (p, r) = report("all", total);
    println!("checks that should have run and agreed but did not: {missing:?}");
    // Floors at what the audit reaches on this set (the issue asks recall
    // 0.85 at precision 0.9): every expected finding, no false alarm.
    assert!(r >= 1.0, "audit recall {r:.3}");
    assert!(p >= 1.0, "audit precision {p:.3}");
    assert!(missing.is_empty(), "{missing:?}");
}
