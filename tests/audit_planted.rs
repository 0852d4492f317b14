//! The audit on a test set with planted inconsistencies and tricky-but-correct
//! figures (`fixtures/audit/`). The expected findings are in
//! `fixtures/audit/manifest.tsv`, written by hand from what was planted; this
//! test matches the audit's mismatches against them, reports precision and
//! recall for the in-document and the cross-document audit, and asserts floors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use baocao::audit::cross::CrossAudit;
use baocao::{process_path, Options};

const ROOT: &str = "fixtures/audit";

#[derive(Debug)]
struct Expected {
    kind: String,
    place: String,
    check: String,
    phrases: Vec<String>,
    why: String,
}

fn manifest() -> Vec<Expected> {
    let text = std::fs::read_to_string(format!("{ROOT}/manifest.tsv")).unwrap();
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
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
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
type Seen = (String, String, String);

/// Match found findings against expected lines of one place; returns
/// (true positives, false alarms, misses) and prints the details.
fn score(place: &str, found: &[Seen], expected: &[&Expected]) -> (usize, usize, usize) {
    let mut used = vec![false; expected.len()];
    let (mut tp, mut fp) = (0, 0);
    for (check, status, items) in found.iter().filter(|f| f.1 == "mismatch") {
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
            }
            None => {
                fp += 1;
                eprintln!("FALSE ALARM {place}: {check} {status}: {items}");
            }
        }
    }
    let mut missed = 0;
    for (i, e) in expected.iter().enumerate() {
        if e.kind != "ok" && !used[i] {
            missed += 1;
            eprintln!("MISSED {place}: {} {:?} ({})", e.check, e.phrases, e.why);
        }
    }
    (tp, fp, missed)
}

fn report(what: &str, (tp, fp, missed): (usize, usize, usize)) -> (f64, f64) {
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
    eprintln!(
        "{what}: {tp} found, {fp} false alarms, {missed} missed: precision {precision:.3}, recall {recall:.3}"
    );
    (precision, recall)
}

fn add(
    (a, b, c): (usize, usize, usize),
    (x, y, z): (usize, usize, usize),
) -> (usize, usize, usize) {
    (a + x, b + y, c + z)
}

#[test]
fn planted_inconsistencies_are_found_and_correct_figures_pass() {
    let expected = manifest();
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
                (f.check.clone(), f.status.to_string(), items.join(" | "))
            })
            .collect();
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
        let found = cross_seen(&audit);
        let mine: Vec<&Expected> = expected.iter().filter(|e| e.place == rel).collect();
        cross = add(cross, score(&rel, &found, &mine));
        for e in mine.iter().filter(|e| e.kind == "ok") {
            let agrees = found.iter().any(|(c, s, items)| {
                s == "ok" && c == &e.check && e.phrases.iter().all(|p| items.contains(p.as_str()))
            });
            if !agrees {
                ok_missing.push(format!("{rel}: {} {:?} ({})", e.check, e.phrases, e.why));
            }
        }
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
    let found = cross_seen(&together);
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

/// The cross-document findings as (check, status, items' texts).
fn cross_seen(audit: &CrossAudit) -> Vec<Seen> {
    audit
        .findings()
        .iter()
        .map(|f| {
            let items: Vec<&str> = f.items.iter().map(|i| i.text.as_str()).collect();
            (f.check.clone(), f.status.to_string(), items.join(" | "))
        })
        .collect()
}
