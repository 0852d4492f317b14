//! The stage order holds in the imports (docs/ARCHITECTURE.md).
//!
//! Every module of `src/` is a stage or a shared layer. A stage may use the
//! shared layers and the stages before it, never a later one; the shared
//! layers use only each other; the drivers on top (the crate root, `batch`,
//! `export`, `review`, the CLI) may use everything. This test reads the
//! non-test code of every file and checks each `crate::` path against that
//! order, so a wrong import fails here, not in review.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The rank of a top-level module: shared layers are 0, stages 1–6 in data
/// order, drivers 9.
fn rank(module: &str) -> Option<u8> {
    Some(match module {
        "bytescan" | "short_regex" | "cleanup" | "vi" | "text" | "model" | "output" | "options"
        | "lexicon" | "ground" | "testgen" => 0,
        "input" => 1,
        "normalize" => 2,
        "layout" => 3,
        "structure" => 4,
        "extract" => 5,
        "audit" => 6,
        "batch" | "export" | "review" | "python" => 9,
        _ => return None,
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its test module (tests may build fixtures with
/// any stage).
fn non_test_code(src: &str) -> &str {
    match src.find("#[cfg(test)]\nmod tests") {
        Some(i) => &src[..i],
        None => src,
    }
}

/// The top-level modules a piece of code names through `crate::`, including
/// those inside `use crate::{a::b, c}` groups.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        found.insert(name);
                    }
                }
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn imports_follow_the_stage_order() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong: Vec<String> = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        // The crate root and the CLI are the top; a `tests.rs` is test code.
        if top == "lib" || top == "main" || f.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let Some(own) = rank(&top) else {
            wrong.push(format!(
                "{}: module `{top}` has no place in the order",
                rel.display()
            ));
            continue;
        };
        let code = std::fs::read_to_string(f).unwrap();
        for dep in crate_paths(non_test_code(&code)) {
            if dep == top {
                continue;
            }
            // Items of the crate root (lib.rs) are the top driver.
            let theirs = rank(&dep).unwrap_or(9);
            let ok = if own == 0 { theirs == 0 } else { theirs <= own };
            if !ok {
                wrong.push(format!("{}: uses crate::{dep}", rel.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the stage order:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_checker_sees_grouped_and_inline_paths() {
    let code = "use crate::{model::Doc, output};\nlet x = crate::audit::run();\n// crate::batch\n";
    let got: Vec<String> = crate_paths(code).into_iter().collect();
    assert_eq!(got, ["audit", "model", "output"]);
    assert_eq!(rank("extract"), Some(5));
    assert!(rank("structure") < rank("extract"));
}
