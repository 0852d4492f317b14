//! OCR of scanned PDFs and images (issue 18), through the real binary.
//!
//! Needs `tesseract` with the Vietnamese model (Debian `tesseract-ocr
//! tesseract-ocr-vie`), as `.ci/run` installs. The fixtures are drawn by
//! `fixtures/make_scans.py`; `fixtures/scan/letter.txt` is what is drawn on
//! the letter, and the expected values below are read from it.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

mod common;
use common::cli::{docs, error_kinds};

const BIN: &str = env!("CARGO_BIN_EXE_baocao");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(root())
        .args(["extract", "-q", "-j", "2", "--jsonl", "-"])
        .args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run baocao")
}

fn text(doc: &Value) -> &str {
    doc["text"].as_str().unwrap_or("")
}

/// `text[start..end] == item.text` in code points, for every reference.
fn grounded(doc: &Value) {
    let chars: Vec<char> = text(doc).chars().collect();
    for r in doc["references"].as_array().unwrap() {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        let span: String = chars[s..e].iter().collect();
        assert_eq!(span, r["text"].as_str().unwrap());
    }
}

fn references(doc: &Value) -> Vec<String> {
    doc["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect()
}

fn status(doc: &Value) -> Vec<String> {
    doc["source"]["page_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap().to_string())
        .collect()
}

fn warning_kinds(doc: &Value) -> Vec<String> {
    doc["normalization"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap().to_string())
        .collect()
}

/// A scan whose only text layer is a signing tool's overlay is OCRed, laid
/// out like the page: the header as two columns, the table as rows of cells.
#[test]
fn a_signed_scan_is_read_by_ocr_like_the_page() {
    let out = run(&["fixtures/scan/letter-signed.pdf"], &[]);
    let d = &docs(&out)[0];
    assert!(error_kinds(d).is_empty(), "{d}");
    assert_eq!(d["source"]["format"], "pdf");
    assert_eq!(d["source"]["backend"], "tesseract");
    assert_eq!(status(d), ["ocr"]);
    let message = d["source"]["page_status"][0]["message"].as_str().unwrap();
    assert!(message.contains("signature overlay"), "{message}");
    assert!(message.contains("mean confidence"), "{message}");
    let overlay = d["normalization"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["kind"] == "signature_overlay")
        .expect("the overlay kept as evidence");
    assert!(overlay["message"]
        .as_str()
        .unwrap()
        .contains("Thoi gian ky: 18.09.2025 16:05:12 +07:00"));
    let t = text(d);
    // Issuer | motto, number | place and date: two columns, not interleaved.
    assert!(
        t.contains("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"),
        "{t}"
    );
    assert!(
        t.contains("HUYỆN HÒA BÌNH\tĐộc lập - Tự do - Hạnh phúc\n"),
        "{t}"
    );
    assert!(
        t.contains("Số: 245/BC-UBND\tHòa Bình, ngày 18 tháng 9 năm 2025"),
        "{t}"
    );
    assert!(t.contains("Sản phẩm 3 sao\t09\t450\n"), "{t}");
    assert!(t.contains("Tổng cộng\t12\t850"), "{t}");
    assert_eq!(
        references(d),
        [
            "Quyết định số 1187/QĐ-UBND ngày 12/3/2025",
            "Kế hoạch số 56/KH-UBND ngày 20/4/2025"
        ]
    );
    grounded(d);
    assert_eq!(d["metadata"]["number"], "245/BC-UBND");
    assert_eq!(d["metadata"]["date"], "2025-09-18");
    assert_eq!(
        d["metadata"]["title"],
        "Kết quả thực hiện Chương trình OCOP cấp huyện năm 2025"
    );
}

/// A two-page TIFF is an input of format `image`, every page marked `ocr`;
/// a reference on page 2 says so.
#[test]
fn a_multipage_tiff_is_an_input() {
    let out = run(&["fixtures/scan/two-pages.tif"], &[]);
    let d = &docs(&out)[0];
    assert!(error_kinds(d).is_empty(), "{d}");
    assert_eq!(d["source"]["format"], "image");
    assert_eq!(d["source"]["pages"], 2);
    assert_eq!(status(d), ["ocr", "ocr"]);
    let refs = d["references"].as_array().unwrap();
    let resolution = refs
        .iter()
        .find(|r| r["text"] == "Nghị quyết số 15/NQ-HĐND ngày 08/12/2024")
        .expect("the page 2 reference");
    assert_eq!(resolution["page"], 2);
    grounded(d);
}

/// A Flate (deflate) page image is written out as PNM for Tesseract; the
/// 50 dpi scan of tests/bad is read too, and flagged as poor.
#[test]
fn flate_images_and_poor_scans() {
    let out = run(
        &["fixtures/scan/letter-flate.pdf", "tests/bad/scanned.pdf"],
        &[],
    );
    let d = docs(&out);
    assert!(error_kinds(&d[0]).is_empty(), "{}", d[0]);
    assert_eq!(status(&d[0]), ["ocr"]);
    assert!(text(&d[0]).contains("Kế hoạch số 56/KH-UBND ngày 20/4/2025"));
    assert_eq!(status(&d[1]), ["ocr"]);
    let kinds = warning_kinds(&d[1]);
    assert!(
        kinds.contains(&"ocr_poor_document".to_string()),
        "{kinds:?}"
    );
}

/// `--ocr never`: a scan has no text layer, an image is an error; without
/// Tesseract a scan is a clear `ocr_unavailable` naming the packages, and a
/// text PDF in the same run is unaffected.
#[test]
fn without_ocr_scans_fail_clearly_and_the_rest_works() {
    let out = run(
        &[
            "--ocr",
            "never",
            "fixtures/scan/letter-scan.pdf",
            "fixtures/scan/letter.jpg",
        ],
        &[],
    );
    let d = docs(&out);
    assert_eq!(error_kinds(&d[0]), ["no_text_layer"]);
    assert_eq!(error_kinds(&d[1]), ["ocr_disabled"]);

    let out = run(
        &[
            "fixtures/scan/letter-scan.pdf",
            "fixtures/scan/letter.jpg",
            "fixtures/pdf/000_3e1b6377d3df0e19.liberation.pdf",
        ],
        &[("BAOCAO_TESSERACT", "/nonexistent/tesseract")],
    );
    assert_eq!(out.status.code(), Some(1));
    let d = docs(&out);
    for doc in &d[..2] {
        assert_eq!(error_kinds(doc), ["ocr_unavailable"], "{doc}");
        let m = doc["errors"][0]["message"].as_str().unwrap();
        assert!(m.contains("tesseract-ocr tesseract-ocr-vie"), "{m}");
    }
    assert!(error_kinds(&d[2]).is_empty(), "{}", d[2]);
    assert!(text(&d[2]).contains("BÁO CÁO"));
}

/// A header whose serial the reader does not vouch for (as OCR flags a
/// handwritten number): the number is null, the rest is read, and the
/// warning's span, moved through normalize (which composes the decomposed
/// letters before it), still covers exactly the doubtful word.
#[test]
fn a_doubtful_header_field_is_null_and_its_warning_stays_on_its_word() {
    use baocao::model::Doc;
    use baocao::output::{Warning, DOUBTFUL_FIELD};
    // `Số` and `ỦY` written decomposed (base letter + combining marks).
    let nfd_so = "So\u{302}\u{301}";
    let text = format!(
        "U\u{309}Y BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         HUYỆN HÒA BÌNH\tĐộc lập - Tự do - Hạnh phúc\n\
         {nfd_so}: 245/BC-UBND\tHòa Bình, ngày 18 tháng 9 năm 2025\n\
         \n\
         BÁO CÁO\n\
         Kết quả thực hiện Chương trình OCOP năm 2025\n\
         \n\
         Năm 2025, huyện có 12 sản phẩm được công nhận.\n"
    );
    let doubt = |word: &str, text: &str| {
        let at = text.find(word).unwrap();
        Warning {
            kind: DOUBTFUL_FIELD.into(),
            message: format!("header word {word:?} read with low confidence"),
            start: Some(at),
            end: Some(at + word.len()),
        }
    };
    for (word, number, date) in [
        ("245/BC-UBND", None, Some("2025-09-18")),
        ("18", Some("245/BC-UBND"), None),
    ] {
        let decoded = baocao::input::Decoded {
            format: "image".into(),
            backend: "tesseract".into(),
            pages: Some(1),
            doc: Doc::plain(text.clone()),
            warnings: vec![doubt(word, &text)],
            ..Default::default()
        };
        let d = baocao::analyze(&decoded, &baocao::Options::default());
        assert_eq!(d.metadata.number.as_deref(), number, "doubt on {word}");
        assert_eq!(d.metadata.date.as_deref(), date, "doubt on {word}");
        assert_eq!(d.metadata.code.as_deref(), Some("BC-UBND"));
        let final_text: Vec<char> = d.text.as_deref().unwrap().chars().collect();
        assert!(
            final_text.starts_with(&['Ủ', 'Y']),
            "normalize composed the letters"
        );
        let w = d
            .normalization
            .warnings
            .iter()
            .find(|w| w.kind == DOUBTFUL_FIELD)
            .unwrap();
        let span: String = final_text[w.start.unwrap()..w.end.unwrap()]
            .iter()
            .collect();
        assert_eq!(span, word);
    }
}

/// The batch ends and reaps its workers before it exits: the CPU time of a
/// worker and of its tesseract child counts in the batch's own (a process
/// measuring `baocao` with `wait4`, as `time` does, sees it), instead of
/// the workers being killed unreaped when their threads end.
#[test]
// The child is waited for by `wait4`, which also gives its resource usage.
#[allow(clippy::zombie_processes)]
fn workers_are_reaped_and_their_cpu_time_counted() {
    let child = Command::new(BIN)
        .current_dir(root())
        .args(["extract", "-q", "-j", "1", "--jsonl", "/dev/null"])
        .arg("fixtures/scan/letter.jpg")
        .spawn()
        .expect("run baocao");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for.
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(got, pid);
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu = secs(usage.ru_utime) + secs(usage.ru_stime);
    // OCR of a 300 dpi page is about a second of CPU, all of it in the
    // tesseract grandchild; the parent alone spends a few milliseconds.
    assert!(
        cpu > 0.3,
        "CPU time of the batch and its children: {cpu:.3} s"
    );
}
