//! `baocao review`: the site is written whole or not at all, never over a
//! folder that is not a review site, and a bad input costs only itself.
//! (The pages themselves are checked in a browser: tests/browser.)

use std::path::Path;
use std::process::Command;

fn baocao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .output()
        .expect("run baocao")
}

const REPORT: &str = "fixtures/003_49b22b13f22dc593.txt";

/// Names in `dir` other than `keep`: what a run left behind.
fn others(dir: &Path, keep: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != keep)
        .collect()
}

#[test]
fn a_site_is_written_and_an_earlier_one_replaced_without_leftovers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = baocao(&["review", REPORT, "-o", out.to_str().unwrap(), "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("index.html").is_file());
    let pages: Vec<_> = std::fs::read_dir(out.join("d")).unwrap().collect();
    assert_eq!(pages.len(), 1);
    let page = std::fs::read_to_string(pages[0].as_ref().unwrap().path()).unwrap();
    // The sample's header reads "Kết quả thực hiện Chương trình mỗi xã một sản phẩm".
    assert!(page.contains("Kết quả thực hiện Chương trình mỗi xã một sản phẩm"));
    assert!(!out.join(".texts").exists());
    // Again, with two inputs: the earlier site is replaced.
    let o = baocao(&[
        "review",
        REPORT,
        "fixtures/002_62a083c6f8fe7315.txt",
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_dir(out.join("d")).unwrap().count(), 2);
    assert_eq!(others(tmp.path(), "site"), Vec::<String>::new());
}

#[test]
fn a_folder_of_the_users_is_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mine");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "giữ lại").unwrap();
    let o = baocao(&["review", REPORT, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("not a review site"), "{err}");
    assert_eq!(others(&out, ""), vec!["notes.txt".to_string()]);
    assert_eq!(others(tmp.path(), "mine"), Vec::<String>::new());
}

#[test]
fn a_bad_input_is_named_and_the_others_are_shown() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, "{\"schema\": \"baocao/1\", oops").unwrap();
    // Lines of JSON: the bad second line costs only itself.
    let one = String::from_utf8(
        baocao(&[
            "extract",
            "fixtures/002_62a083c6f8fe7315.txt",
            "--jsonl",
            "-",
            "-q",
        ])
        .stdout,
    )
    .unwrap();
    let lines = tmp.path().join("docs.jsonl");
    std::fs::write(&lines, format!("{one}{{oops\n\n{one}")).unwrap();
    let out = tmp.path().join("site");
    let o = baocao(&[
        "review",
        bad.to_str().unwrap(),
        lines.to_str().unwrap(),
        REPORT,
        "tests/no-such-file.txt",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.json: not a baocao/1 JSON document"),
        "{err}"
    );
    assert!(err.contains("no-such-file.txt: not_found"), "{err}");
    assert!(
        err.contains("docs.jsonl:2: not a baocao/1 JSON document"),
        "{err}"
    );
    // Two good lines, the report and the missing file (its error) have
    // pages; the bad JSON and the bad line have none.
    assert_eq!(std::fs::read_dir(out.join("d")).unwrap().count(), 4);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("4 documents · 1 with errors"), "{index}");
}
