//! The real `baocao` binary on good and bad inputs: exit codes, one-line
//! messages naming the file, one JSON per input even when it failed, nothing
//! half-written left behind, input order, stdin, name collisions, --no-text,
//! and the grounding invariant on every fixture.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use serde_json::Value;

mod common;
use common::cli::{error_kinds, run_with_closed_stdout};

const BIN: &str = env!("CARGO_BIN_EXE_baocao");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn root(p: &str) -> PathBuf {
    Path::new(ROOT).join(p)
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(ROOT)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run baocao");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn jsonl(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn read_json(p: &Path) -> Value {
    let s = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&s).unwrap()
}

/// Every file name in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The stderr lines that mention `name`.
fn lines_naming<'a>(err: &'a str, name: &str) -> Vec<&'a str> {
    err.lines().filter(|l| l.contains(name)).collect()
}

#[test]
fn bad_inputs_fail_alone_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let missing = tmp.path().join("khong_co.txt");
    // Unreadable even for root: a symlink loop cannot be opened, and the
    // kernel refuses to read /proc/self/mem at offset 0 (EIO). chmod 000 is
    // added only where it really stops reads (not when tests run as root).
    let looped = tmp.path().join("vong.txt");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    let locked = tmp.path().join("khoa.txt");
    std::fs::write(&locked, "Báo cáo").unwrap();
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let chmod_stops_reads = std::fs::read(&locked).is_err();
    if !chmod_stops_reads {
        eprintln!("note: running with read-override privileges (root): chmod 000 not tested");
    }

    let good = "fixtures/003_49b22b13f22dc593.txt";
    let good_docx = "fixtures/docx/001_footnotes.docx";
    let mut inputs: Vec<(String, Option<&str>)> = vec![
        ("tests/bad/empty.txt".into(), Some("empty")),
        (good.into(), None),
        ("tests/bad/not_a_zip.docx".into(), Some("corrupt_docx")),
        ("tests/bad/malformed_xml.docx".into(), Some("corrupt_docx")),
        (missing.display().to_string(), Some("not_found")),
        (looped.display().to_string(), Some("unreadable")),
        ("/proc/self/mem".into(), Some("unreadable")),
        ("tests/bad/invalid_utf8.txt".into(), None),
        (good_docx.into(), None),
    ];
    if chmod_stops_reads {
        inputs.push((locked.display().to_string(), Some("unreadable")));
    }
    let mut args: Vec<&str> = vec!["extract", "-q", "-j", "2", "-o", out.to_str().unwrap()];
    args.extend(inputs.iter().map(|(p, _)| p.as_str()));
    let o = run(&args, None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");

    let stem = |p: &str| {
        Path::new(p)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let mut expected_files = Vec::new();
    for (path, kind) in &inputs {
        let json = out.join(format!("{}.json", stem(path)));
        expected_files.push(format!("{}.json", stem(path)));
        let doc = read_json(&json);
        assert_eq!(doc["schema"], "baocao/1");
        assert_eq!(doc["source"]["path"], path.as_str());
        let named = lines_naming(&err, path);
        match kind {
            Some(kind) => {
                assert_eq!(error_kinds(&doc), vec![kind.to_string()], "{path}");
                // Exactly one line, naming the file and saying what happened.
                assert_eq!(named.len(), 1, "{path}: {err}");
                assert!(named[0].starts_with("baocao: "), "{}", named[0]);
                assert!(named[0].contains(kind), "{}", named[0]);
                assert!(doc["sections"].as_array().unwrap().is_empty());
            }
            None => {
                assert!(error_kinds(&doc).is_empty(), "{path}: {doc}");
                assert!(named.is_empty(), "{path}: {err}");
                assert!(!doc["text"].as_str().unwrap().is_empty());
            }
        }
    }
    // Nothing else in the output folder: no temporary or partial files.
    expected_files.sort();
    assert_eq!(listing(&out), expected_files);

    // The messages say what is wrong, not just a kind.
    let malformed = lines_naming(&err, "malformed_xml.docx")[0];
    assert!(malformed.contains("word/document.xml"), "{malformed}");
    let notzip = lines_naming(&err, "not_a_zip.docx")[0];
    assert!(notzip.contains("zip"), "{notzip}");
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let o = run(
        &[
            "extract",
            "-q",
            "tests/bad/invalid_utf8.txt",
            "--jsonl",
            "-",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = &jsonl(&o)[0];
    assert!(error_kinds(doc).is_empty());
    assert_eq!(doc["source"]["encoding"], "utf-8");
    let text = doc["text"].as_str().unwrap();
    // Three damaged sequences, three replacement characters; the rest intact.
    assert_eq!(text.matches('\u{FFFD}').count(), 3, "{text}");
    assert!(text.starts_with("Báo cáo kết quả thực hiện Chương trình OCOP năm 2024\n"));
    assert!(text.contains(": 25 sản phẩm"));
    let warnings = doc["normalization"]["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w["kind"] == "invalid_bytes"),
        "{warnings:?}"
    );
}

#[test]
fn twenty_megabyte_single_line_is_processed() {
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("mot_dong.txt");
    let sentence = "Kinh phí được phân bổ tại Quyết định số 148/QĐ-UBND ngày 01/02/2024 của UBND tỉnh: 320 triệu đồng, 25 sản phẩm đạt OCOP 3 sao; ";
    let size = 20 * 1024 * 1024;
    let mut text = sentence.repeat(size / sentence.len() + 1);
    let mut cut = size;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    assert!(!text.contains('\n'));
    std::fs::write(&big, &text).unwrap();
    let out = tmp.path().join("out");
    let t = Instant::now();
    let o = run(
        &[
            "extract",
            "-q",
            "--no-text",
            // Linear work takes seconds even in the dev profile on a busy
            // machine; a scan back or forward over the whole line at each
            // number (quadratic: over two minutes here) runs into this bound.
            "--timeout",
            "120",
            "-o",
            out.to_str().unwrap(),
            big.to_str().unwrap(),
        ],
        None,
    );
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "20 MB single line: {secs:.1} s ({:.1} MB/s, this build's profile)",
        text.len() as f64 / 1e6 / secs
    );
    // Each 127-byte sentence holds a reference, a fund and two counts: far over
    // the per-list limit, so the lists are capped and the file says so.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    // The file's line, then the summary that -q keeps when something failed.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].contains("mot_dong.txt: too_many_items"), "{err}");
    assert_eq!(
        lines[1],
        "baocao: 1 processed, 1 failed (1 too_many_items), 0 not written"
    );
    let doc = read_json(&out.join("mot_dong.json"));
    assert_eq!(doc["source"]["bytes"], text.len() as u64);
    assert_eq!(error_kinds(&doc), vec!["too_many_items"]);
    assert_eq!(doc["references"].as_array().map(Vec::len), Some(20_000));
    assert_eq!(doc["references"][0]["number"], "148/QĐ-UBND");
    assert_eq!(listing(&out), vec!["mot_dong.json"]);
}

#[test]
fn unwritable_output_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("tep.txt");
    std::fs::write(&file, "x").unwrap();
    let good = "fixtures/000_3e1b6377d3df0e19.txt";

    // -o under a regular file: the folder cannot exist.
    let under = file.join("out");
    let o = run(
        &["extract", "-q", "-o", under.to_str().unwrap(), good],
        None,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(under.to_str().unwrap()), "{err}");

    // --jsonl under a regular file.
    let under = file.join("x.jsonl");
    let o = run(
        &["extract", "-q", "--jsonl", under.to_str().unwrap(), good],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(under.to_str().unwrap()));

    // One output name taken by a folder: that input is reported, the others
    // are written, and no temporary file is left.
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("a.json")).unwrap();
    let a = tmp.path().join("a.txt");
    let b = tmp.path().join("b.txt");
    std::fs::copy(root(good), &a).unwrap();
    std::fs::copy(root(good), &b).unwrap();
    let o = run(
        &[
            "extract",
            "-q",
            "-o",
            out.to_str().unwrap(),
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
        None,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let named = lines_naming(&err, a.to_str().unwrap());
    assert_eq!(named.len(), 1, "{err}");
    assert!(named[0].contains("cannot write"), "{err}");
    assert!(lines_naming(&err, b.to_str().unwrap()).is_empty(), "{err}");
    assert_eq!(listing(&out), vec!["a.json", "b.json"]);
    assert!(out.join("a.json").is_dir());
    assert_eq!(read_json(&out.join("b.json"))["schema"], "baocao/1");
}

#[test]
fn usage_errors_exit_2() {
    let good = "fixtures/000_3e1b6377d3df0e19.txt";
    for args in [
        vec![],
        vec!["extract"],
        vec!["extract", good],
        vec!["extract", good, "-o", "x", "--jsonl", "-"],
        vec!["extract", good, "--jsonl", "-", "--bogus"],
        vec!["extract", good, "--jsonl", "-", "-j", "many"],
        vec!["nonsense"],
    ] {
        let o = run(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    let help = run(&["extract", "--help"], None);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("Exit codes: 0"), "{text}");
}

#[test]
fn jsonl_keeps_input_order() {
    // Sizes differ a lot, so with two workers they finish out of order.
    let order = [
        "fixtures/004_9b2a86f56208a256.txt",
        "fixtures/000_3e1b6377d3df0e19.txt",
        "fixtures/docx/003_report_table.docx",
        "tests/bad/empty.txt",
        "fixtures/002_62a083c6f8fe7315.txt",
        "fixtures/001_849251cef8cea693.txt",
        "fixtures/docx/001_footnotes.docx",
        "fixtures/003_49b22b13f22dc593.txt",
        "fixtures/000_3e1b6377d3df0e19.txt",
    ];
    // Without -q, but stderr is not a terminal: no progress bar drawing, just
    // the failed input's line and the summary.
    let mut args = vec!["extract", "-j", "2", "--jsonl", "-"];
    args.extend(order);
    let o = run(&args, None);
    assert_eq!(o.status.code(), Some(1)); // the empty file
    let err = stderr(&o);
    assert!(!err.contains('\x1b') && !err.contains('\r'), "{err:?}");
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        vec![
            "baocao: tests/bad/empty.txt: empty: the file is empty",
            "baocao: 9 processed, 1 failed (1 empty), 0 not written"
        ]
    );
    let docs = jsonl(&o);
    let paths: Vec<&str> = docs
        .iter()
        .map(|d| d["source"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, order);
}

#[test]
fn standard_input() {
    let txt = std::fs::read(root("fixtures/000_3e1b6377d3df0e19.txt")).unwrap();
    let o = run(&["extract", "-q", "-", "--jsonl", "-"], Some(&txt));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = jsonl(&o);
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d["source"]["path"], "-");
    assert_eq!(d["source"]["format"], "txt");
    assert_eq!(d["source"]["bytes"], txt.len() as u64);
    assert_eq!(d["source"]["sha256"], baocao::sha256_hex(&txt));
    assert!(d["text"].as_str().unwrap().contains("UBND phường Trần Phú"));

    // Chosen by content: DOCX bytes on stdin are a DOCX.
    let docx = std::fs::read(root("fixtures/docx/001_footnotes.docx")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = run(
        &["extract", "-q", "-", "-o", out.to_str().unwrap()],
        Some(&docx),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = read_json(&out.join("stdin.json"));
    assert_eq!(d["source"]["format"], "docx");
    assert!(d["text"].as_str().unwrap().starts_with("KẾ HOẠCH"));
}

#[test]
fn colliding_stems_get_distinct_names() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    for d in ["x", "y"] {
        std::fs::create_dir_all(src.join(d)).unwrap();
    }
    std::fs::copy(root("fixtures/000_3e1b6377d3df0e19.txt"), src.join("a.txt")).unwrap();
    std::fs::copy(root("fixtures/docx/001_footnotes.docx"), src.join("a.docx")).unwrap();
    std::fs::copy(
        root("fixtures/002_62a083c6f8fe7315.txt"),
        src.join("x/r.txt"),
    )
    .unwrap();
    std::fs::copy(
        root("fixtures/003_49b22b13f22dc593.txt"),
        src.join("y/r.txt"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = run(
        &[
            "extract",
            "-q",
            "-o",
            out.to_str().unwrap(),
            src.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        listing(&out),
        vec!["a.docx.json", "a.txt.json", "r.txt.2.json", "r.txt.json"]
    );
    assert_eq!(
        read_json(&out.join("a.docx.json"))["source"]["format"],
        "docx"
    );
    assert_eq!(
        read_json(&out.join("a.txt.json"))["source"]["format"],
        "txt"
    );
    // Folder order is sorted, so x/r.txt comes first.
    assert!(read_json(&out.join("r.txt.json"))["source"]["path"]
        .as_str()
        .unwrap()
        .ends_with("x/r.txt"));
}

#[test]
fn no_text_omits_text() {
    let o = run(
        &[
            "extract",
            "-q",
            "--no-text",
            "--jsonl",
            "-",
            "fixtures/000_3e1b6377d3df0e19.txt",
            "fixtures/docx/003_report_table.docx",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = jsonl(&o);
    assert_eq!(docs.len(), 2);
    for d in docs {
        assert!(d.get("text").is_none(), "{d}");
        assert_eq!(d["schema"], "baocao/1");
    }
}

/// Check `text[start..end] == item.text` (code points) for every object in
/// `v` that has a span and a text, and that every other offset is in bounds.
fn check_grounding(v: &Value, chars: &[char], where_: &str, checked: &mut usize) {
    match v {
        Value::Object(m) => {
            let n = chars.len() as u64;
            if let (Some(s), Some(e)) = (m.get("start"), m.get("end")) {
                if let (Some(s), Some(e)) = (s.as_u64(), e.as_u64()) {
                    assert!(s <= e && e <= n, "{where_}: span {s}..{e} of {n}");
                    if let Some(t) = m.get("text").and_then(Value::as_str) {
                        let slice: String = chars[s as usize..e as usize].iter().collect();
                        assert_eq!(slice, t, "{where_}: grounding of {m:?}");
                        *checked += 1;
                    }
                }
            }
            for k in ["body_start", "body_end", "anchor_start", "anchor_end"] {
                if let Some(x) = m.get(k).and_then(Value::as_u64) {
                    assert!(x <= n, "{where_}: {k} {x} beyond {n}");
                }
            }
            for (k, x) in m {
                check_grounding(x, chars, &format!("{where_}.{k}"), checked);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                check_grounding(x, chars, &format!("{where_}[{i}]"), checked);
            }
        }
        _ => {}
    }
}

#[test]
fn every_fixture_gives_valid_grounded_json() {
    let o = run(&["extract", "-q", "fixtures/", "--jsonl", "-"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = jsonl(&o);
    // One object per input the folder holds.
    let inputs = walkdir::WalkDir::new(root("fixtures"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| baocao::batch::FOLDER_EXTENSIONS.contains(&x))
        })
        .count();
    assert_eq!(docs.len(), inputs);
    assert!(docs.len() >= 7);
    let mut checked = 0;
    for d in &docs {
        let path = d["source"]["path"].as_str().unwrap();
        assert_eq!(d["schema"], "baocao/1", "{path}");
        let src = &d["source"];
        assert!(src["format"].is_string() && src["bytes"].is_u64(), "{path}");
        let sha = src["sha256"].as_str().unwrap();
        assert!(sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(src.get("encoding").is_some() && src.get("pages").is_some());
        for k in ["repairs", "warnings"] {
            assert!(d["normalization"][k].is_array(), "{path}");
        }
        assert!(d["normalization"]["quality"]["before"].is_number());
        assert!(d["metadata"].is_object());
        for k in [
            "sections",
            "footnotes",
            "references",
            "products",
            "counts",
            "funds",
            "audit",
            "errors",
        ] {
            assert!(d[k].is_array(), "{path}: {k}");
        }
        assert!(error_kinds(d).is_empty(), "{path}: {:?}", d["errors"]);
        let text = d["text"].as_str().unwrap();
        let chars: Vec<char> = text.chars().collect();
        // The whole document except `text` itself (which is not an item).
        for (k, v) in d.as_object().unwrap() {
            if k != "text" {
                check_grounding(v, &chars, &format!("{path}:{k}"), &mut checked);
            }
        }
    }
    eprintln!(
        "grounding checked on {checked} items of {} documents",
        docs.len()
    );
}

#[test]
fn grounding_check_catches_a_wrong_span() {
    let chars: Vec<char> = "Quyết định số 148/QĐ-UBND".chars().collect();
    let good = serde_json::json!({"counts": [{"start": 14, "end": 25, "text": "148/QĐ-UBND"}]});
    let mut n = 0;
    check_grounding(&good, &chars, "good", &mut n);
    assert_eq!(n, 1);
    // Byte offsets instead of code points: the classic mistake.
    let bad = serde_json::json!({"counts": [{"start": 18, "end": 30, "text": "148/QĐ-UBND"}]});
    let caught = std::panic::catch_unwind(|| check_grounding(&bad, &chars, "bad", &mut 0));
    assert!(caught.is_err());
}

#[test]
fn jsonl_file_appears_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("all.jsonl");
    let o = run(
        &[
            "extract",
            "-q",
            "--jsonl",
            file.to_str().unwrap(),
            "fixtures/000_3e1b6377d3df0e19.txt",
            "fixtures/docx/001_footnotes.docx",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 2);
    // Written through a temporary file that is renamed: nothing else remains.
    assert_eq!(listing(tmp.path()), vec!["all.jsonl"]);
}

#[test]
fn closed_output_pipe_ends_quietly_and_a_full_disk_stops_with_one_message() {
    // Many inputs, and the reader goes away at once (`| head`): the reader
    // has what it wanted, so nothing is said and the exit is 0, as `rg` does.
    let mut args = vec!["extract", "-q", "--jsonl", "-"];
    args.extend(std::iter::repeat_n(
        "fixtures/004_9b2a86f56208a256.txt",
        200,
    ));
    let o = run_with_closed_stdout(&args, Path::new(ROOT));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
    // A full disk is a failure: one line, not one error per remaining file.
    let mut args = vec!["extract", "-q", "--jsonl", "/dev/full"];
    args.extend(std::iter::repeat_n(
        "fixtures/004_9b2a86f56208a256.txt",
        200,
    ));
    let o = Command::new(BIN)
        .args(&args)
        .current_dir(ROOT)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines.len() <= 2, "{err}");
    let last = lines.last().unwrap();
    assert!(last.contains("cannot write the JSONL output"), "{err}");
    assert!(last.ends_with("stopped"), "{err}");
}

#[test]
fn resume_skips_what_is_done_and_redoes_what_changed_or_failed() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.txt");
    let b = tmp.path().join("b.txt");
    std::fs::copy("fixtures/000_3e1b6377d3df0e19.txt", &a).unwrap();
    std::fs::write(&b, b"").unwrap(); // empty: fails
    let out = tmp.path().join("out");
    let args = |extra: &[&str]| {
        let mut v = vec!["extract", "-o", out.to_str().unwrap()];
        v.extend(extra);
        v.extend([a.to_str().unwrap(), b.to_str().unwrap()]);
        v.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let first = run(
        &args(&[]).iter().map(String::as_str).collect::<Vec<_>>(),
        None,
    );
    assert_eq!(first.status.code(), Some(1));
    let written = std::fs::metadata(out.join("a.json"))
        .unwrap()
        .modified()
        .unwrap();

    // Resumed: a.txt is done and skipped (its JSON untouched), b.txt failed and is retried.
    let second = run(
        &args(&["--resume"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        None,
    );
    let err = stderr(&second);
    assert!(
        err.contains("2 processed (1 already done, skipped), 1 failed"),
        "{err}"
    );
    assert_eq!(
        std::fs::metadata(out.join("a.json"))
            .unwrap()
            .modified()
            .unwrap(),
        written
    );

    // a.txt changed: its sha256 no longer matches, so it is processed again.
    std::fs::write(&a, "BÁO CÁO\nKết quả thực hiện Chương trình OCOP\n").unwrap();
    let third = run(
        &args(&["--resume"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        None,
    );
    assert!(
        stderr(&third).contains("(0 already done, skipped)"),
        "{}",
        stderr(&third)
    );
    let doc = read_json(&out.join("a.json"));
    assert_eq!(doc["metadata"]["doc_type"], "bao_cao");
    assert_eq!(doc["source"]["bytes"], 57);
}

#[test]
fn jsonl_into_a_pipe_writes_into_it_and_leaves_it_a_pipe() {
    // `--jsonl /dev/null` once renamed a temporary file over /dev/null. A
    // FIFO stands in for the device here: it must get the lines, and stay a
    // FIFO.
    use std::os::unix::fs::FileTypeExt;
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("out.jsonl");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let o = run(
        &[
            "extract",
            "-q",
            "--jsonl",
            fifo.to_str().unwrap(),
            "fixtures/000_3e1b6377d3df0e19.txt",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Checked first: were the pipe replaced, the reader would wait forever.
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let got = reader.join().unwrap();
    assert_eq!(got.lines().count(), 1);
    assert!(got.contains("\"schema\":\"baocao/1\""));
}
