//! Shared scoring for the audit tests on planted errors: a hand-written
//! manifest of the findings expected (`manifest.tsv`), matched against the
//! audit's mismatches; everything else is a false alarm.

use std::path::{Path, PathBuf};

use baocao::audit::cross::CrossFinding;
use baocao::output::Document;

/// One expected finding of a manifest line: kind (`in` one document,
/// `cross` a folder audited together, `ok` a cross check that must run and
/// agree), place (file or folder under the set's root), check, the phrases
/// its items must hold, and why it is expected.
#[derive(Debug)]
pub struct Expected {
    pub kind: String,
    pub place: String,
    pub check: String,
    pub phrases: Vec<String>,
    pub why: String,
}

/// The manifest of the set under `root` (`root/manifest.tsv`).
pub fn manifest(root: &str) -> Vec<Expected> {
    let text = std::fs::read_to_string(format!("{root}/manifest.tsv")).expect("manifest");
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

/// The `.txt` files under `dir`, recursively, sorted.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            out.extend(txt_files(&p));
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// `(check, status, items joined)` of one finding.
pub type Seen = (String, String, String);

/// A document's own findings, each item checked to be grounded in its text.
pub fn doc_seen(doc: &Document, place: &str) -> Vec<Seen> {
    let text: Vec<char> = doc.text.as_deref().unwrap_or("").chars().collect();
    doc.audit
        .iter()
        .map(|f| {
            for i in &f.items {
                let slice: String = text[i.start..i.end].iter().collect();
                assert_eq!(slice, i.text, "item not grounded in {place}");
            }
            let items: Vec<&str> = f.items.iter().map(|i| i.text.as_str()).collect();
            (f.check.clone(), f.status.to_string(), items.join(" | "))
        })
        .collect()
}

/// Cross-document findings as [`Seen`].
pub fn cross_seen(findings: &[CrossFinding]) -> Vec<Seen> {
    findings
        .iter()
        .map(|f| {
            let items: Vec<&str> = f.items.iter().map(|i| i.text.as_str()).collect();
            (f.check.clone(), f.status.to_string(), items.join(" | "))
        })
        .collect()
}

/// (found and expected, false alarms, missed) of one place, each printed.
pub fn score(place: &str, found: &[Seen], expected: &[&Expected]) -> (usize, usize, usize) {
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

/// The `ok` lines of `expected` that no agreeing finding of `found` shows.
pub fn ok_missing(place: &str, found: &[Seen], expected: &[&Expected]) -> Vec<String> {
    expected
        .iter()
        .filter(|e| e.kind == "ok")
        .filter(|e| {
            !found.iter().any(|(c, s, items)| {
                s == "ok" && c == &e.check && e.phrases.iter().all(|p| items.contains(p.as_str()))
            })
        })
        .map(|e| format!("{place}: {} {:?} ({})", e.check, e.phrases, e.why))
        .collect()
}

/// Two scores added.
pub fn add(a: (usize, usize, usize), b: (usize, usize, usize)) -> (usize, usize, usize) {
    (a.0 + b.0, a.1 + b.1, a.2 + b.2)
}

/// Precision and recall of a score, printed under `what`.
pub fn report(what: &str, (tp, fp, missed): (usize, usize, usize)) -> (f64, f64) {
    let precision = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + missed == 0 {
        1.0
    } else {
        tp as f64 / (tp + missed) as f64
    };
    println!(
        "{what}: {tp} found, {fp} false alarms, {missed} missed: precision {precision:.3}, recall {recall:.3}"
    );
    (precision, recall)
}
