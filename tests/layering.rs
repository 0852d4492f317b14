//! The stage order, checked on the sources: a module may use its own stage,
//! earlier stages and the shared layers, never a later stage. Only the rules
//! the deduplication of issue 23 set up are listed here; `docs/ARCHITECTURE.md`
//! has the whole picture.

use std::path::Path;

/// (folder or file under `src/`, the crate modules it must not name).
const FORBIDDEN: &[(&str, &[&str])] = &[
    // Shared text conventions sit below every stage.
    (
        "text",
        &[
            "input",
            "normalize",
            "layout",
            "structure",
            "extract",
            "audit",
            "export",
            "batch",
        ],
    ),
    (
        "bytescan.rs",
        &[
            "input",
            "normalize",
            "layout",
            "structure",
            "extract",
            "audit",
            "export",
            "batch",
        ],
    ),
    // Structure comes before extract.
    ("structure", &["extract", "audit", "export", "batch"]),
    // The audit is fed documents; it reads no files and drives no pipeline.
    ("audit", &["export", "batch"]),
];

/// Source files under `path`, with their text up to the unit tests (tests may
/// borrow helpers from anywhere).
fn sources(path: &Path, out: &mut Vec<(String, String)>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .expect("readable source folder")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for p in entries {
            sources(&p, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        let text = std::fs::read_to_string(path).expect("readable source");
        let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
        out.push((path.display().to_string(), code));
    }
}

/// The forbidden modules `code` names, as `crate::m::`, `crate::m;` or in a
/// braced `use crate::{m, ...}`.
fn named(code: &str, forbidden: &[&str]) -> Vec<String> {
    forbidden
        .iter()
        .filter(|m| {
            code.contains(&format!("crate::{m}::"))
                || code.contains(&format!("crate::{m};"))
                || code.contains(&format!("crate::{{{m}"))
        })
        .map(|m| m.to_string())
        .collect()
}

#[test]
fn stages_use_no_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut broken = Vec::new();
    for (part, forbidden) in FORBIDDEN {
        let mut files = Vec::new();
        sources(&src.join(part), &mut files);
        assert!(!files.is_empty(), "no sources under src/{part}");
        for (file, code) in &files {
            for m in named(code, forbidden) {
                broken.push(format!("{file} uses {m}"));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn a_use_of_a_later_stage_is_seen() {
    let forbidden = &["extract", "batch"];
    assert_eq!(
        named("use crate::extract::numbers::next_digit;", forbidden),
        ["extract"]
    );
    assert_eq!(named("use crate::{batch, output};", forbidden), ["batch"]);
    assert_eq!(
        named("let d = crate::batch::process(&i, o);", forbidden),
        ["batch"]
    );
    assert!(named("use crate::extraction_notes;", forbidden).is_empty());
    assert!(named("use crate::text::dates::VnDate;", forbidden).is_empty());
}
