//! Audit precision and recall on real documents with planted errors (issue 22).
//!
//! `fixtures/real/planted/make.py` writes text variants of real documents with
//! one error planted each; `fixtures/real/planted/manifest.tsv` lists, by hand,
//! what the audit must report there (planted errors, and the genuine slips of
//! the originals found by reading). Every other mismatch is a false alarm.

use std::path::{Path, PathBuf};

use baocao::audit::cross::{CrossAudit, CrossFinding};
use baocao::audit::running::Series;
use baocao::{process_path, Options};

const ROOT: &str = "fixtures/real/planted";

struct Expected {
    kind: String,
    place: String,
    check: String,
    phrases: Vec<String>,
    why: String,
}

fn manifest() -> Vec<Expected> {
    let text = std::fs::read_to_string(format!("{ROOT}/manifest.tsv")).expect("manifest");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 4, "bad manifest line: {l}");
            Expected {
                kind: f[0].into(),
                place: f[1].into(),
                check: f[2].into(),
                phrases: f[3].split(" | ").map(str::to_string).collect(),
                why: f.get(4).copied().unwrap_or("").into(),
            }
        })
        .collect()
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    out.sort();
    out
}

/// `(check, status, items joined)` of one finding.
type Seen = (String, String, String);

/// (found and expected, false alarms, missed), printed.
fn score(place: &str, found: &[Seen], expected: &[&Expected]) -> (usize, usize, usize) {
    let mut used = vec![false; expected.len()];
    let (mut tp, mut fp) = (0, 0);
    for (check, _, items) in found.iter().filter(|f| f.1 == "mismatch") {
        let hit = expected.iter().enumerate().position(|(i, e)| {
            !used[i]
                && e.kind != "ok"
                && &e.check == check
                && e.phrases.iter().all(|p| items.contains(p.as_str()))
        });
        match hit {
            Some(i) => {
                used[i] = true;
                tp += 1;
                println!("found        {place}: {check}: {items}");
            }
            None => {
                fp += 1;
                println!("FALSE ALARM  {place}: {check}: {items}");
            }
        }
    }
    let mut missed = 0;
    for (i, e) in expected.iter().enumerate() {
        if e.kind != "ok" && !used[i] {
            missed += 1;
            println!(
                "MISSED       {place}: {} {:?} ({})",
                e.check, e.phrases, e.why
            );
        }
    }
    (tp, fp, missed)
}

fn pr((tp, fp, missed): (usize, usize, usize)) -> (f64, f64) {
    let p = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + missed == 0 {
        1.0
    } else {
        tp as f64 / (tp + missed) as f64
    };
    (p, r)
}

fn cross_seen(f: &[CrossFinding]) -> Vec<Seen> {
    f.iter()
        .map(|f| {
            let items: Vec<&str> = f.items.iter().map(|i| i.text.as_str()).collect();
            (
                f.check.clone(),
                f.status.as_str().to_string(),
                items.join(" | "),
            )
        })
        .collect()
}

#[test]
fn planted_errors_in_real_documents() {
    let expected = manifest();
    let opts = Options::default();
    let mut total = (0, 0, 0);
    for path in txt_files(&Path::new(ROOT).join("indoc")) {
        let rel = path
            .strip_prefix(ROOT)
            .expect("under root")
            .to_string_lossy()
            .to_string();
        let doc = process_path(&path, &opts);
        let text: Vec<char> = doc.text.as_deref().unwrap_or("").chars().collect();
        let found: Vec<Seen> = doc
            .audit
            .iter()
            .map(|f| {
                for i in &f.items {
                    let slice: String = text[i.start..i.end].iter().collect();
                    assert_eq!(slice, i.text, "item not grounded in {rel}");
                }
                let items: Vec<&str> = f.items.iter().map(|i| i.text.as_str()).collect();
                (
                    f.check.clone(),
                    f.status.as_str().to_string(),
                    items.join(" | "),
                )
            })
            .collect();
        let mine: Vec<&Expected> = expected
            .iter()
            .filter(|e| e.kind == "in" && e.place == rel)
            .collect();
        let s = score(&rel, &found, &mine);
        total = (total.0 + s.0, total.1 + s.1, total.2 + s.2);
    }
    let in_doc = total;

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
    let mut ok_missing = Vec::new();
    for e in mine.iter().filter(|e| e.kind == "ok") {
        let agrees = found.iter().any(|(c, s, items)| {
            s == "ok" && c == &e.check && e.phrases.iter().all(|p| items.contains(p.as_str()))
        });
        if !agrees {
            ok_missing.push(format!("{} {:?} ({})", e.check, e.phrases, e.why));
        }
    }
    total = (total.0 + across.0, total.1 + across.1, total.2 + across.2);
    for (what, t) in [
        ("in-document", in_doc),
        ("across documents", across),
        ("all", total),
    ] {
        let (p, r) = pr(t);
        println!(
            "{what}: {} found, {} false alarms, {} missed: precision {p:.3}, recall {r:.3}",
            t.0, t.1, t.2
        );
    }
    println!("checks that should have run and agreed but did not: {ok_missing:?}");
    // Floors at what the audit reaches on this set (the issue asks recall
    // 0.85 at precision 0.9): every expected finding, no false alarm.
    let (p, r) = pr(total);
    assert!(r >= 1.0, "audit recall {r:.3}");
    assert!(p >= 1.0, "audit precision {p:.3}");
    assert!(ok_missing.is_empty(), "{ok_missing:?}");
}
