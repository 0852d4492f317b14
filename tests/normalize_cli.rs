//! `baocao normalize` end to end: repaired text on stdout, summary on stderr.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn baocao");
    // The process may exit before reading (a usage error): a broken pipe is fine.
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin);
    }
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn repairs_a_tcvn3_file_and_reports_on_stderr() {
    let path = format!(
        "{}/fixtures/legacy/000.tcvn3.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, out, err) = run(&["normalize", &path], b"");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới"));
    assert!(err.contains("legacy_tcvn3"), "{err}");
    assert!(err.contains("quality"), "{err}");
}

#[test]
fn raw_tcvn3_bytes_on_stdin() {
    // TCVN3 bytes of "Chương trình" (iconv -t TCVN5712-1), not UTF-8.
    let (code, out, _) = run(&["normalize", "-"], b"Ch\xAD\xACng tr\xD7nh\n");
    assert_eq!(code, 0);
    assert_eq!(out, "Chương trình\n");
}

#[test]
fn tone_style_option() {
    let (_, out, err) = run(
        &["normalize", "--tone-style", "modern", "-"],
        "hòa thủy Ủy ban".as_bytes(),
    );
    assert_eq!(out, "hoà thuỷ Uỷ ban", "{err}");
    let (_, out, _) = run(&["normalize", "-"], "hoà thuỷ Uỷ ban điạ".as_bytes());
    assert_eq!(out, "hòa thủy Ủy ban địa");
    let (code, _, err) = run(&["normalize", "--tone-style", "sideways", "-"], b"x");
    assert_eq!(code, 2);
    assert!(err.contains("tone style"), "{err}");
}

#[test]
fn missing_file_fails_with_a_message() {
    let (code, out, err) = run(&["normalize", "/nonexistent/x.txt"], b"");
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("/nonexistent/x.txt"), "{err}");
}
