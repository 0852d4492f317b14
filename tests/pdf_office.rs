//! PDFs as offices issue them (issue 17): stamped numbers and dates, blocks
//! side by side, superscript notes, ruled tables.
//!
//! Fixtures are made by `fixtures/make_pdf_office.sh` (LibreOffice from the
//! DOCX twins in `fixtures/docx/`, annotations written with pypdf);
//! `fixtures/pdf/O03_signed.pdf` is the real signed submission
//! `shared/real-dev/O03_ttr_bc-cchc-2025_snv.pdf`. Expected values were read
//! off the documents (`pdftotext -layout` and the rendered pages).

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

const BIN: &str = env!("CARGO_BIN_EXE_baocao");
const LETTER: &str = "fixtures/pdf/office_letter.pdf";
const STAMPED: &str = "fixtures/pdf/office_letter.stamped.pdf";
const LETTER_DOCX: &str = "fixtures/docx/office_letter.docx";
const TABLE: &str = "fixtures/pdf/003_report_table.pdf";
const TABLE_DOCX: &str = "fixtures/docx/003_report_table.docx";
const NOTES: &str = "fixtures/pdf/001_footnotes.pdf";
const NOTES_DOCX: &str = "fixtures/docx/001_footnotes.docx";
const SIGNED: &str = "fixtures/pdf/O03_signed.pdf";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn extract(paths: &[&str]) -> Vec<Value> {
    let out = Command::new(BIN)
        .current_dir(root())
        .args(["extract", "-q", "--jsonl", "-"])
        .args(paths)
        .output()
        .expect("run baocao");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn text(doc: &Value) -> &str {
    doc["text"].as_str().unwrap_or("")
}

/// Products as comparable tuples.
fn products(doc: &Value) -> Vec<String> {
    doc["products"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            format!(
                "{} | {} | {} | {} | {} | {}",
                p["name"], p["producer"], p["address"], p["stars"], p["target_stars"], p["status"]
            )
        })
        .collect()
}

/// The products that differ between two lists, pairwise.
fn differing<'a>(a: &'a [String], b: &'a [String]) -> Vec<(&'a String, &'a String)> {
    a.iter().zip(b).filter(|(x, y)| x != y).collect()
}

#[test]
fn products_from_a_ruled_table_pdf_equal_the_docx_twin() {
    let d = extract(&[LETTER, LETTER_DOCX, STAMPED]);
    let (pdf, docx, stamped) = (products(&d[0]), products(&d[1]), products(&d[2]));
    // The letter's table lists 24 products over a page break, cells wrapping.
    assert_eq!(docx.len(), 24, "{docx:#?}");
    assert_eq!(pdf.len(), 24);
    assert_eq!(stamped, pdf);
    assert_eq!(
        pdf[0],
        "\"Mật ong rừng nguyên chất\" | \"Hợp tác xã Nông nghiệp An Bình\" | \"Thôn 1, xã An Bình\" | 3 | null | \"certified\""
    );
    // Row 11 is split by the page break (LibreOffice lets rows break): its
    // address `Thôn 9, xã An` / `Bình` goes on on page 2, so the PDF's is
    // cut. Every other product is the DOCX's, field for field.
    let differ = differing(&pdf, &docx);
    assert_eq!(differ.len(), 1, "{differ:#?}");
    assert!(differ[0].0.contains("\"Măng tre khô sấy củi\""));
    assert!(differ[0].0.contains("\"Thôn 9, xã An\""));
}

#[test]
fn merged_header_cells_and_a_row_split_by_the_page_break() {
    let d = extract(&[TABLE, TABLE_DOCX]);
    let (pdf, docx) = (products(&d[0]), products(&d[1]));
    assert_eq!(docx.len(), 13);
    assert_eq!(pdf.len(), 13);
    // One row is split by the page break (its address cell goes on, on the
    // next page): that address is cut; every other product is the DOCX's.
    let differ = differing(&pdf, &docx);
    assert_eq!(differ.len(), 1, "{differ:#?}");
    assert!(differ[0].0.contains("\"Tinh bột nghệ\""));
    assert!(differ[0].0.contains("\"TDP 3, phường\""));
    // The table is a Table block in the reader's document: the two-row header
    // with a cell spanning the four registration columns.
    let t = text(&d[0]);
    assert!(t.contains(
        "TT\tĐịa phương (Xã/phường/ thị trấn)\tTên sản phẩm\tNgười đại diện trước pháp luật (chủ thể)\tĐịa chỉ sản xuất sản phẩm\tĐăng ký sản phẩm\t\t\t\n\t\t\t\t\t3 sao\t4 sao\tNâng hạng 3 sao lên 4 sao"
    ), "{t}");
}

#[test]
fn stamped_number_and_date_are_read() {
    let d = extract(&[STAMPED, LETTER, SIGNED]);
    assert_eq!(d[0]["metadata"]["number"], "125/BC-UBND");
    assert_eq!(d[0]["metadata"]["date"], "2025-12-19");
    assert!(text(&d[0]).contains("Số: 125 /BC-UBND"), "{}", text(&d[0]));
    // Unsigned, the blanks stay blank.
    assert_ne!(d[1]["metadata"]["number"], "125/BC-UBND");
    assert!(d[1]["metadata"]["date"].is_null());
    // The real signed submission: number and date stamped by the signing tool.
    assert_eq!(d[2]["metadata"]["number"], "629/TTr-SNV");
    assert_eq!(d[2]["metadata"]["date"], "2025-12-12");
    assert!(
        text(&d[2]).contains("Số: 629 /TTr-SNV"),
        "{}",
        &text(&d[2])[..300]
    );
}

#[test]
fn signature_overlay_is_kept_apart_and_marked() {
    let d = extract(&[STAMPED]);
    let t = text(&d[0]);
    assert!(!t.contains("Signed by"), "{t}");
    let status = d[0]["source"]["page_status"].as_array().unwrap();
    let marked: Vec<&Value> = status
        .iter()
        .filter(|s| s.get("message").is_some())
        .collect();
    assert_eq!(marked.len(), 1, "{status:?}");
    let msg = marked[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("digital-signature overlay") && msg.contains("Signed by: UBND xa An Binh"),
        "{msg}"
    );
    let warnings = d[0]["normalization"]["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w["kind"] == "signature_overlay"));
}

#[test]
fn blocks_side_by_side_never_interleave() {
    let d = extract(&[STAMPED, SIGNED]);
    // Every recipient line and every line of the signature block comes out
    // whole (in a line of its own or a tab-separated part of one).
    let parts = |t: &str| -> Vec<String> {
        t.lines()
            .flat_map(|l| l.split('\t'))
            .map(|p| p.trim().to_string())
            .collect()
    };
    let letter = parts(text(&d[0]));
    for want in [
        "Nơi nhận:",
        "- Như trên;",
        "- Thường trực Đảng ủy xã;",
        "- Lưu: VT.",
        "CHỦ TỊCH",
        "Nguyễn Văn Hùng",
    ] {
        assert!(letter.iter().any(|p| p == want), "{want}: {letter:#?}");
    }
    let signed = text(&d[1]);
    for want in ["- Như trên;", "- Văn phòng UBND tỉnh;", "KT. GIÁM ĐỐC"] {
        assert!(
            parts(signed).iter().any(|p| p.contains(want)),
            "{want}: {signed}"
        );
    }
}

#[test]
fn superscript_markers_become_notes() {
    let d = extract(&[NOTES, NOTES_DOCX]);
    let t = text(&d[0]);
    for want in [
        "hàng[^1] và thực hiện Chu trình OCOP[^2] theo",
        "tư vấn[^3] có",
        "[^1]: 6 ngành hàng gồm:",
        "[^3]: Đơn vị tư vấn OCOP",
    ] {
        assert!(t.contains(want), "{want}: {t}");
    }
    assert_eq!(d[0]["footnotes"].as_array().map(Vec::len), Some(3));
    assert_eq!(d[1]["footnotes"].as_array().map(Vec::len), Some(3));
}

/// Order-free token F1: the words of `a` and `b` as multisets.
fn token_f1(a: &str, b: &str) -> f64 {
    let count = |t: &str| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for w in t.split_whitespace() {
            *m.entry(w.to_string()).or_default() += 1;
        }
        m
    };
    let (ca, cb) = (count(a), count(b));
    let common: usize = ca
        .iter()
        .map(|(w, n)| (*n).min(cb.get(w).copied().unwrap_or(0)))
        .sum();
    let (na, nb) = (ca.values().sum::<usize>(), cb.values().sum::<usize>());
    if na + nb == 0 {
        return 1.0;
    }
    2.0 * common as f64 / (na + nb) as f64
}

/// Our text with note markers written as printed (`[^3]` → `3`, `[^3]: ` →
/// `3 `), so that words compare with pdftotext's.
fn as_printed(t: &str) -> String {
    let re = regex::Regex::new(r"\[\^(\d+)\](: )?").unwrap();
    re.replace_all(t, |c: &regex::Captures| match c.get(2) {
        Some(_) => format!("{} ", &c[1]),
        None => c[1].to_string(),
    })
    .into_owned()
}

/// Share of `expected`'s words found in order in `got` (longest common
/// subsequence of the word lists).
fn in_order(expected: &str, got: &str) -> f64 {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        expected.split_whitespace().collect(),
        got.split_whitespace().collect(),
    );
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for x in &a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as f64 / a.len().max(1) as f64
}

fn pdftotext(path: &str) -> Option<String> {
    let out = Command::new("pdftotext")
        .current_dir(root())
        .args(["-enc", "UTF-8", path, "-"])
        .output()
        .ok()?;
    let raw: String = String::from_utf8_lossy(&out.stdout).nfc().collect();
    Some(baocao::normalize::normalize(&raw, &Default::default()).text)
}

/// Words against poppler's on the same PDF (≥ 0.99), and against the DOCX
/// twin at least as close as poppler's, and closer in word order on one twin
/// at least.
#[test]
fn words_agree_with_pdftotext_and_beat_it_against_the_docx() {
    let Some(_) = pdftotext(LETTER) else {
        eprintln!("pdftotext not installed (poppler-utils): skipped");
        return;
    };
    let pairs = [
        (LETTER, Some(LETTER_DOCX)),
        (STAMPED, None),
        (TABLE, Some(TABLE_DOCX)),
        (NOTES, Some(NOTES_DOCX)),
        (SIGNED, None),
    ];
    let mut better = 0;
    for (pdf, twin) in pairs {
        let mut args = vec![pdf];
        args.extend(twin);
        let d = extract(&args);
        let ours = as_printed(text(&d[0]));
        let theirs = pdftotext(pdf).unwrap_or_default();
        let f1 = token_f1(&ours, &theirs);
        eprintln!("{pdf}: token F1 against pdftotext {f1:.4}");
        assert!(f1 >= 0.99, "{pdf}: {f1:.4}");
        if let Some(twin) = twin {
            let docx = as_printed(text(&d[1]));
            let (us, them) = (token_f1(&ours, &docx), token_f1(&theirs, &docx));
            eprintln!("{pdf}: against the DOCX: ours {us:.4}, pdftotext {them:.4}");
            // Order-free words tie where both read every word.
            assert!(
                us >= them,
                "{pdf}: ours {us:.4} vs pdftotext {them:.4} against {twin}"
            );
            // In order (longest common word subsequence), table rows read
            // as rows are where we differ from poppler.
            let (us, them) = (in_order(&docx, &ours), in_order(&docx, &theirs));
            eprintln!("{pdf}: in order against the DOCX: ours {us:.4}, pdftotext {them:.4}");
            assert!(
                us >= them,
                "{pdf}: in order, ours {us:.4} vs pdftotext {them:.4}"
            );
            better += usize::from(us > them);
        }
    }
    assert!(
        better >= 1,
        "never closer to the DOCX than pdftotext in order"
    );
}

#[test]
fn reader_blocks_are_tables_notes_and_page_breaks() {
    use baocao::model::BlockKind;
    let opts = baocao::Options::default();
    for (path, tables, notes) in [(LETTER, 2, 0), (TABLE, 1, 0), (NOTES, 0, 3)] {
        let bytes = std::fs::read(root().join(path)).unwrap();
        let d = baocao::input::pdf::decode(&bytes, &opts).expect(path);
        assert_eq!(d.doc.check(), Ok(()), "{path}");
        let pages = d.pages.unwrap_or(0) as usize;
        let kinds = |f: fn(&BlockKind) -> bool| d.doc.blocks.iter().filter(|b| f(&b.kind)).count();
        assert_eq!(
            kinds(|k| matches!(k, BlockKind::PageBreak)),
            pages - 1,
            "{path}"
        );
        assert!(
            kinds(|k| matches!(k, BlockKind::Table(_))) >= tables,
            "{path}"
        );
        assert_eq!(kinds(|k| matches!(k, BlockKind::Note(_))), notes, "{path}");
        for (b, t) in d.doc.tables() {
            for row in &t.rows {
                let cells: Vec<&str> = row.cells.iter().map(|c| d.doc.slice(&c.range)).collect();
                assert_eq!(
                    d.doc.slice(&row.range).matches('\t').count() + 1,
                    t.rows[0].cells.iter().map(|c| c.col_span).sum::<usize>(),
                    "{path} {cells:?}"
                );
            }
            assert!(b.page.is_some());
        }
        for (b, n) in d.doc.notes() {
            let anchor = n.anchor.clone().expect("anchored");
            assert_eq!(d.doc.slice(&anchor), format!("[^{}]", n.marker));
            assert!(!d.doc.slice(&b.range).is_empty());
        }
    }
}
