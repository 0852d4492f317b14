//! Issue 21: which files a batch takes (globs, types, hidden files, ignore
//! files, special files), shards for job arrays, the progress bar and the
//! closing summary, completions and the man page, and quiet closed pipes.
//!
//! Folders are built here, file by file, so every expected list below is
//! read off the tree the test makes.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_baocao");

mod common;
use common::cli::run_with_closed_stdout;
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// A small real report, copied under many names.
const REPORT: &str = "fixtures/000_3e1b6377d3df0e19.txt";

fn baocao(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout_lines(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The files `--files` lists for `args` run in `dir`.
fn files(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["extract", "--files"];
    all.extend_from_slice(args);
    let o = baocao(dir, &all);
    assert_eq!(o.status.code(), Some(0), "{all:?}: {}", stderr(&o));
    stdout_lines(&o)
}

/// Make the files `names` under `dir`, each a copy of the report (folders
/// created as needed), in the order given.
fn make(dir: &Path, names: &[&str]) {
    let report = std::fs::read(Path::new(ROOT).join(REPORT)).unwrap();
    for name in names {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &report).unwrap();
    }
}

/// A folder of every kind of name the selection tells apart. Written in
/// no particular order: the listing must come out sorted anyway.
fn corpus() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    make(
        tmp.path(),
        &[
            "c/2024/z.pdf",
            "c/2024/b.docx",
            "c/2023/a.txt",
            "c/2024/a.TXT",
            "c/old/a.txt",
            "c/scan.tif",
            "c/notes",
            "c/out/a.json",
            "c/.trash/a.pdf",
            "c/.hidden.txt",
            "c/2024/ignored.txt",
        ],
    );
    std::fs::write(tmp.path().join("c/.gitignore"), "old/\nignored.txt\n").unwrap();
    tmp
}

#[test]
fn folders_give_every_document_sorted_hidden_skipped_gitignore_not_read() {
    let tmp = corpus();
    // The default: every document type, json and extensionless files out,
    // hidden names out, `.gitignore` not read.
    assert_eq!(
        files(tmp.path(), &["c"]),
        [
            "c/2023/a.txt",
            "c/2024/a.TXT",
            "c/2024/b.docx",
            "c/2024/ignored.txt",
            "c/2024/z.pdf",
            "c/old/a.txt",
            "c/scan.tif",
        ]
    );
    assert_eq!(
        files(tmp.path(), &["c", "--respect-ignore"]),
        [
            "c/2023/a.txt",
            "c/2024/a.TXT",
            "c/2024/b.docx",
            "c/2024/z.pdf",
            "c/scan.tif",
        ]
    );
    assert_eq!(
        files(tmp.path(), &["c", "--hidden", "-t", "pdf", "-t", "txt"]),
        [
            "c/.hidden.txt",
            "c/.trash/a.pdf",
            "c/2023/a.txt",
            "c/2024/a.TXT",
            "c/2024/ignored.txt",
            "c/2024/z.pdf",
            "c/old/a.txt",
        ]
    );
}

#[test]
fn globs_and_excludes_work_as_in_ripgrep() {
    let tmp = corpus();
    // A glob without `/` matches names at any depth; case counts.
    assert_eq!(
        files(tmp.path(), &["c", "-g", "*.txt"]),
        ["c/2023/a.txt", "c/2024/ignored.txt", "c/old/a.txt"]
    );
    // ... unless --iglob; and a glob never brings in a hidden file.
    assert_eq!(
        files(tmp.path(), &["c", "--iglob", "*.txt"]),
        [
            "c/2023/a.txt",
            "c/2024/a.TXT",
            "c/2024/ignored.txt",
            "c/old/a.txt"
        ]
    );
    // `!` leaves out; --exclude is the same without the `!`.
    let bang = files(tmp.path(), &["c", "-g", "!old", "-g", "!2024/**"]);
    let exclude = files(
        tmp.path(),
        &["c", "--exclude", "old", "--exclude", "2024/**"],
    );
    assert_eq!(bang, ["c/2023/a.txt", "c/scan.tif"]);
    assert_eq!(exclude, bang);
    // Globs with a `/` are anchored below the folder given.
    assert_eq!(
        files(tmp.path(), &["c", "-g", "2024/*"]),
        [
            "c/2024/a.TXT",
            "c/2024/b.docx",
            "c/2024/ignored.txt",
            "c/2024/z.pdf"
        ]
    );
    // A glob and a type both have to agree.
    assert_eq!(
        files(tmp.path(), &["c", "-g", "2024/*", "-t", "pdf"]),
        ["c/2024/z.pdf"]
    );
    // A file named on the command line is always taken.
    assert_eq!(
        files(tmp.path(), &["c/notes", "c/2023", "-g", "*.pdf"]),
        ["c/notes"]
    );
    // A glob that does not parse is a usage error.
    let o = baocao(tmp.path(), &["extract", "--files", "c", "-g", "a/["]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a/["), "{}", stderr(&o));
}

#[test]
fn types_and_the_type_list() {
    let tmp = corpus();
    assert_eq!(
        files(tmp.path(), &["c", "-t", "image", "-t", "DOCX"]),
        ["c/2024/b.docx", "c/scan.tif"]
    );
    assert_eq!(
        files(tmp.path(), &["c", "-t", "any", "--exclude", "20*"]),
        ["c/notes", "c/old/a.txt", "c/out/a.json", "c/scan.tif"]
    );
    // export and audit read extracted JSON by default too.
    let o = baocao(tmp.path(), &["export", "--files", "c", "-g", "a.*"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout_lines(&o),
        [
            "c/2023/a.txt",
            "c/2024/a.TXT",
            "c/old/a.txt",
            "c/out/a.json"
        ]
    );
    let o = baocao(tmp.path(), &["audit", "--files", "c", "-t", "json"]);
    assert_eq!(stdout_lines(&o), ["c/out/a.json"]);
    let o = baocao(tmp.path(), &["extract", "-t", "xyz", "--files", "c"]);
    assert_eq!(o.status.code(), Some(2));

    let o = baocao(tmp.path(), &["extract", "--type-list"]);
    assert_eq!(o.status.code(), Some(0));
    let list = stdout_lines(&o);
    assert!(list.iter().any(|l| l.starts_with("image")
        && l.contains("*.tif")
        && l.contains("*.jpeg")
        && l.contains("(default)")));
    assert!(list
        .iter()
        .any(|l| l.starts_with("json") && !l.contains("(default)")));
    let o = baocao(tmp.path(), &["export", "--type-list"]);
    assert!(stdout_lines(&o)
        .iter()
        .any(|l| l.starts_with("json") && l.contains("(default)")));
}

#[test]
fn special_files_in_folders_are_skipped_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    make(tmp.path(), &["d/a.txt"]);
    let fifo = tmp.path().join("d/pipe.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // A link to a folder is not followed, a link to a file is taken.
    std::os::unix::fs::symlink(tmp.path().join("d"), tmp.path().join("d/loop")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("d/a.txt"), tmp.path().join("d/b.txt")).unwrap();
    let o = baocao(
        tmp.path(),
        &[
            "extract",
            "d",
            "--jsonl",
            "-",
            "--no-text",
            "--timeout",
            "5",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let paths: Vec<String> = stdout_lines(&o)
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["source"]["path"].to_string())
        .collect();
    assert_eq!(paths, ["\"d/a.txt\"", "\"d/b.txt\""]);
    let err = stderr(&o);
    assert!(err.contains("d/pipe.txt: skipped: a FIFO"), "{err}");
    // -q: no note, and nothing failed, so nothing at all.
    let o = baocao(tmp.path(), &["extract", "-q", "d", "--jsonl", "/dev/null"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
}

/// A tree whose stems collide across folders, so output names depend on
/// the whole list.
fn shard_corpus() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    make(
        tmp.path(),
        &[
            "s/k/r.txt",
            "s/a/r.txt",
            "s/a/r.md",
            "s/b/r.txt",
            "s/b/q.txt",
            "s/c/p.txt",
            "s/c/o.txt",
            "s/d/n.txt",
            "s/d/m.txt",
            "s/e/l.txt",
            "s/f/r.txt",
        ],
    );
    tmp
}

#[test]
fn shards_split_the_list_exactly_whatever_the_jobs() {
    let tmp = shard_corpus();
    let all = files(tmp.path(), &["s"]);
    assert_eq!(all.len(), 11);
    for n in [1usize, 2, 3, 4, 11, 13] {
        let mut union = Vec::new();
        let mut sizes = Vec::new();
        for i in 1..=n {
            let shard = format!("{i}/{n}");
            let part = files(tmp.path(), &["s", "--shard", &shard]);
            // The same shard again, with other flags that must not matter.
            assert_eq!(
                files(tmp.path(), &["-j", "3", "s", "--shard", &shard]),
                part
            );
            sizes.push(part.len());
            union.extend(part);
        }
        // Every file once: no overlap, nothing missing.
        let distinct: BTreeSet<&String> = union.iter().collect();
        assert_eq!(distinct.len(), union.len(), "overlap with {n} shards");
        assert_eq!(distinct, all.iter().collect::<BTreeSet<_>>(), "{n} shards");
        // Even: sizes differ by one at most.
        let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert!(hi - lo <= 1, "{n} shards: {sizes:?}");
    }
    // The split depends on the list, not on how it was named: a folder
    // given as two subfolders in another order gives the same shards.
    let whole = files(tmp.path(), &["s/a", "s/b", "--shard", "2/3"]);
    let swapped = files(tmp.path(), &["s/b", "s/a", "--shard", "2/3"]);
    assert_eq!(
        whole.iter().collect::<BTreeSet<_>>(),
        swapped.iter().collect::<BTreeSet<_>>()
    );
}

#[test]
fn shards_written_to_one_folder_give_what_one_run_gives() {
    let tmp = shard_corpus();
    let one = tmp.path().join("one");
    let o = baocao(
        tmp.path(),
        &["extract", "-q", "s", "-o", "one", "--no-text", "-j", "2"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for (i, jobs) in [(1, "1"), (2, "2"), (3, "1")] {
        let shard = format!("{i}/3");
        let o = baocao(
            tmp.path(),
            &[
                "extract",
                "-q",
                "s",
                "-o",
                "many",
                "--no-text",
                "-j",
                jobs,
                "--shard",
                &shard,
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let listing = |d: &Path| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let doc: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    doc["source"]["path"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let from_one = listing(&one);
    // Four inputs are called r.txt: each keeps its own output.
    assert_eq!(from_one.len(), 11);
    assert_eq!(listing(&tmp.path().join("many")), from_one);
}

#[test]
fn bad_shards_are_usage_errors() {
    let tmp = shard_corpus();
    for bad in ["0/3", "4/3", "1/0", "3", "a/b", "1/3/1"] {
        let o = baocao(tmp.path(), &["extract", "--files", "s", "--shard", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
    }
    let o = baocao(tmp.path(), &["extract", "--files", "-", "--shard", "1/2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("standard input"), "{}", stderr(&o));
    // More shards than files: an empty shard is done, not failed.
    let o = baocao(
        tmp.path(),
        &["extract", "s/a", "--shard", "3/3", "--jsonl", "part.jsonl"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(tmp.path().join("part.jsonl")).unwrap(), b"");
    assert!(
        stderr(&o).contains("0 processed (shard 3/3 of 2 inputs)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn quiet_hides_the_progress_but_not_the_failures() {
    let tmp = tempfile::tempdir().unwrap();
    make(tmp.path(), &["q/a.txt", "q/b.txt"]);
    std::fs::write(tmp.path().join("q/empty.txt"), b"").unwrap();
    std::fs::write(tmp.path().join("q/blank.txt"), b"  \n").unwrap();
    std::fs::copy(
        Path::new(ROOT).join("tests/bad/not_a_zip.docx"),
        tmp.path().join("q/bad.docx"),
    )
    .unwrap();
    let o = baocao(tmp.path(), &["extract", "-q", "q", "--jsonl", "/dev/null"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    // One line per failed file, then the summary with the kinds.
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        lines[0].starts_with("baocao: q/bad.docx: corrupt_docx"),
        "{err}"
    );
    assert!(lines[1].starts_with("baocao: q/blank.txt: empty"), "{err}");
    assert!(lines[2].starts_with("baocao: q/empty.txt: empty"), "{err}");
    assert_eq!(
        lines[3],
        "baocao: 5 processed, 3 failed (2 empty, 1 corrupt_docx), 0 not written"
    );
    // Without -q the same summary; with -q and no failure, silence.
    let o = baocao(tmp.path(), &["extract", "q", "--jsonl", "/dev/null"]);
    assert!(stderr(&o).ends_with("3 failed (2 empty, 1 corrupt_docx), 0 not written\n"));
    let o = baocao(
        tmp.path(),
        &[
            "extract",
            "-q",
            "q",
            "-g",
            "[ab].txt",
            "--jsonl",
            "/dev/null",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
}

/// Run `baocao ARGS` with stderr on a terminal (`script` gives it one) and
/// return what the terminal showed.
fn on_a_terminal(dir: &Path, args: &str) -> String {
    let o = Command::new("script")
        .args(["-qec", &format!("{BIN} {args}"), "/dev/null"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("script (bsdutils) gives the command a terminal");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_progress_bar_is_drawn_on_a_terminal_only() {
    let tmp = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..12).map(|i| format!("p/{i:02}.txt")).collect();
    make(
        tmp.path(),
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let shown = on_a_terminal(tmp.path(), "extract p --jsonl /dev/null -j 1");
    assert!(shown.contains("docs/s"), "{shown:?}");
    assert!(
        shown.contains("elapsed") && shown.contains("ETA"),
        "{shown:?}"
    );
    assert!(shown.contains("/12 docs"), "{shown:?}");
    assert!(shown.contains("12 processed, 0 failed"), "{shown:?}");
    // -q: no bar, and nothing failed.
    let quiet = on_a_terminal(tmp.path(), "extract -q p --jsonl /dev/null -j 1");
    assert!(!quiet.contains("docs"), "{quiet:?}");
    // Not a terminal: the summary only, no control characters.
    let o = baocao(
        tmp.path(),
        &["extract", "p", "--jsonl", "/dev/null", "-j", "1"],
    );
    assert_eq!(
        stderr(&o),
        "baocao: 12 processed, 0 failed, 0 not written\n"
    );
}

#[test]
fn completions_and_man_pages_name_the_commands() {
    let here = Path::new(ROOT);
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = baocao(here, &["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&o.stdout);
        for word in ["extract", "export", "audit", "normalize", "shard", "glob"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
        assert!(
            !script.contains("__worker"),
            "{shell} offers an internal command"
        );
    }
    let o = baocao(here, &["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));

    let o = baocao(here, &["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = String::from_utf8_lossy(&o.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH baocao 1"),
        "{page}"
    );
    assert!(page.contains(".TH baocao 1"));
    for word in ["extract", "export", "audit", "completions"] {
        assert!(page.contains(word), "man page lacks {word}");
    }
    assert!(!page.contains("__worker"));
    let o = baocao(here, &["man", "extract"]);
    let page = String::from_utf8_lossy(&o.stdout);
    assert!(page.contains(".TH baocao-extract 1"), "{page}");
    assert!(page.contains("shard") && page.contains("respect\\-ignore"));
    let o = baocao(here, &["man", "no-such-command"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_closed_pipe_is_quiet_for_every_printing_command() {
    let tmp = tempfile::tempdir().unwrap();
    make(tmp.path(), &["x/a.txt", "x/b.txt"]);
    let runs: [&[&str]; 6] = [
        &["schema"],
        &["completions", "bash"],
        &["man"],
        &["extract", "--type-list"],
        &["extract", "--files", "x"],
        &["normalize", "x/a.txt"],
    ];
    for args in runs {
        // The reader is gone before the command writes anything.
        let o = run_with_closed_stdout(args, tmp.path());
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        // `normalize` still says what it repaired; nobody complains.
        assert!(
            !stderr(&o).contains("pipe") && !stderr(&o).contains("panic"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // audit's exit code is what it found, whoever reads the report.
    let o = run_with_closed_stdout(&["audit", "x"], tmp.path());
    assert!(
        matches!(o.status.code(), Some(0) | Some(3)),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o), "");
}
