//! `baocao export` and `baocao schema`, end to end through the binary.
//!
//! The extractors are filled in parallel, so besides the fixtures (whose
//! lists may still be empty) the tests use documents built by hand: a
//! district OCOP report with sections, references, products, counts, funds,
//! a footnote and an audit finding, all with real Vietnamese strings and
//! spans found in the text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use baocao::output::{
    Count, Document, Finding, FindingStatus, Footnote, Fund, Grounding, Locality, Metadata,
    Product, ProductSource, ProductStatus, Reference, Section, Severity, Signer, Source, Span,
};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_baocao");

const TEXT: &str = "UỶ BAN NHÂN DÂN\nHUYỆN NINH PHƯỚC\nSố: 25/BC-UBND\nNinh Phước, ngày 15 tháng 12 năm 2023\nBÁO CÁO\nKết quả thực hiện Chương trình OCOP năm 2023\nPhần thứ nhất\nKẾT QUẢ THỰC HIỆN\nI. Công tác chỉ đạo, điều hành\nThực hiện Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ và Kế hoạch số 09-KH/HU ngày 20/3/2023 của Huyện ủy Ninh Phước.\nII. Kết quả đánh giá, phân hạng sản phẩm\n3. Sản phẩm đạt 3 sao\nNăm 2023 toàn huyện có 25 sản phẩm được đánh giá, 11/15 xã có sản phẩm.\nXã Phước Hậu: Nước mắm cá cơm \"Ông Ba\", loại 1 của HTX Nông nghiệp Phước Hậu, đạt 3 sao.\nPhường Đô Vinh: Mật ong hoa nhãn\ncủa Cơ sở Mật ong Đô Vinh, đạt 4 sao.\nTổng kinh phí được giao 1,5 tỷ đồng; đã giải ngân 446 triệu đồng.[^1]\nKinh phí còn lại không giải ngân: 1.054 triệu đồng.\n[^1]: Số liệu đến ngày 30/11/2023.\n";

/// Code-point span of the `nth` occurrence of `needle` in `TEXT`.
fn find(needle: &str, nth: usize) -> (usize, usize) {
    let (byte, _) = TEXT
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in the test text"));
    let start = TEXT[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn ground(needle: &str, section: &str) -> Grounding {
    let (start, end) = find(needle, 0);
    Grounding {
        start,
        end,
        text: needle.to_string(),
        page: None,
        section: Some(section.to_string()),
    }
}

fn section(id: &str, parent: Option<&str>, level: u32, marker: &str, heading: &str) -> Section {
    let head = format!("{marker} {heading}");
    let (start, end) = find(
        if marker == "Phần thứ nhất" {
            marker
        } else {
            &head
        },
        0,
    );
    Section {
        id: id.into(),
        parent: parent.map(Into::into),
        level,
        marker: marker.into(),
        heading: heading.into(),
        start,
        end,
        text: TEXT.chars().skip(start).take(end - start).collect(),
        body_start: end,
        body_end: TEXT.chars().count(),
        page: None,
    }
}

/// The hand-built report. `variant` changes the bytes (and so the id) and
/// the document's path.
fn sample(variant: &str) -> Document {
    let path = format!("reports/ninh-phuoc-{variant}.txt");
    let mut sections = vec![
        section("s1", None, 1, "Phần thứ nhất", "KẾT QUẢ THỰC HIỆN"),
        section("s2", Some("s1"), 2, "I.", "Công tác chỉ đạo, điều hành"),
        section(
            "s3",
            Some("s1"),
            2,
            "II.",
            "Kết quả đánh giá, phân hạng sản phẩm",
        ),
        section("s4", Some("s3"), 3, "3.", "Sản phẩm đạt 3 sao"),
    ];
    // I. ends where II. starts.
    sections[1].body_end = sections[2].start;
    let footnote = "[^1]: Số liệu đến ngày 30/11/2023.";
    let (fs, fe) = find(footnote, 0);
    let (anchor_start, anchor_end) = find("[^1]", 0);
    Document {
        schema: "baocao/1".into(),
        source: Source {
            path: path.clone(),
            format: "txt".into(),
            sha256: baocao::sha256_hex(format!("{variant}\n{TEXT}").as_bytes()),
            bytes: TEXT.len() as u64,
            encoding: Some("utf-8".into()),
            pages: None,
            backend: Some("text".into()),
            page_status: vec![],
        },
        text: Some(TEXT.into()),
        normalization: Default::default(),
        metadata: Metadata {
            doc_type: Some("bao_cao".into()),
            doc_type_label: Some("BÁO CÁO".into()),
            number: Some("25/BC-UBND".into()),
            code: Some("BC-UBND".into()),
            issuer: Some("UBND huyện Ninh Phước".into()),
            issuer_as_written: Some("ỦY BAN NHÂN DÂN HUYỆN NINH PHƯỚC".into()),
            issuer_parent: None,
            issuer_inferred: false,
            place: Some("Ninh Phước".into()),
            date: Some("2023-12-15".into()),
            year: Some(2023),
            title: Some("Kết quả thực hiện Chương trình OCOP năm 2023".into()),
            locality: Some(Locality {
                name: "Ninh Phước".into(),
                level: "huyen".into(),
            }),
            signer: Some(Signer {
                name: Some("Mai Thị Cẩm Hồng".into()),
                title: Some("PHÓ CHỦ TỊCH".into()),
                authority: Some("KT. CHỦ TỊCH".into()),
            }),
            recipients: vec!["UBND tỉnh Ninh Thuận;".into(), "Lưu: VT.".into()],
        },
        sections,
        footnotes: vec![Footnote {
            marker: "1".into(),
            text: footnote.into(),
            start: fs,
            end: fe,
            anchor_start: Some(anchor_start),
            anchor_end: Some(anchor_end),
            page: None,
        }],
        references: vec![
            Reference {
                kind: "quyet_dinh".into(),
                kind_label: "Quyết định".into(),
                number: Some("919/QĐ-TTg".into()),
                date: Some("2022-08-01".into()),
                issuer: Some("Thủ tướng Chính phủ".into()),
                at: ground("Quyết định số 919/QĐ-TTg ngày 01/8/2022", "s2"),
            },
            Reference {
                kind: "ke_hoach".into(),
                kind_label: "Kế hoạch".into(),
                number: Some("09-KH/HU".into()),
                date: Some("2023-03-20".into()),
                issuer: Some("Huyện ủy Ninh Phước".into()),
                at: ground("Kế hoạch số 09-KH/HU ngày 20/3/2023", "s2"),
            },
        ],
        products: vec![
            Product {
                name: "Nước mắm cá cơm \"Ông Ba\", loại 1".into(),
                producer: Some("HTX Nông nghiệp Phước Hậu".into()),
                address: None,
                locality: Some("Phước Hậu".into()),
                stars: Some(3),
                target_stars: None,
                status: ProductStatus::Certified,
                category: Some("thực phẩm".into()),
                source: ProductSource::List,
                at: ground("Nước mắm cá cơm \"Ông Ba\", loại 1", "s4"),
            },
            Product {
                // A name whose span crosses a line break: the CSV must quote it.
                name: "Mật ong hoa nhãn".into(),
                producer: Some("Cơ sở Mật ong Đô Vinh".into()),
                address: None,
                locality: Some("Đô Vinh".into()),
                stars: Some(4),
                target_stars: None,
                status: ProductStatus::Certified,
                category: None,
                source: ProductSource::List,
                at: ground("Mật ong hoa nhãn\ncủa", "s4"),
            },
        ],
        counts: vec![
            Count {
                value: 25,
                max: None,
                total: None,
                unit: "sản phẩm".into(),
                approx: None,
                at: ground("25 sản phẩm", "s4"),
            },
            Count {
                value: 11,
                max: None,
                total: Some(15),
                unit: "xã".into(),
                approx: None,
                at: ground("11/15 xã", "s4"),
            },
        ],
        funds: vec![
            Fund {
                notation: None,
                source: None,
                amount_vnd: 1_500_000_000,
                value: 1.5,
                scale: Some("tỷ".into()),
                label: Some("Tổng kinh phí được giao".into()),
                approx: None,
                at: ground("1,5 tỷ đồng", "s4"),
            },
            Fund {
                notation: None,
                source: None,
                amount_vnd: 446_000_000,
                value: 446.0,
                scale: Some("triệu".into()),
                label: Some("đã giải ngân".into()),
                approx: None,
                at: ground("446 triệu đồng", "s4"),
            },
            Fund {
                notation: None,
                source: None,
                amount_vnd: 1_054_000_000,
                value: 1054.0,
                scale: Some("triệu".into()),
                label: Some("Kinh phí còn lại không giải ngân".into()),
                approx: None,
                at: ground("1.054 triệu đồng", "s4"),
            },
        ],
        audit: vec![Finding {
            check: "list_length".into(),
            status: FindingStatus::Mismatch,
            severity: Some(Severity::Low),
            message: "The text counts 25 products but lists 2; check the list.".into(),
            expected: Some(25.0),
            found: Some(2.0),
            items: vec![Span {
                start: find("25 sản phẩm", 0).0,
                end: find("25 sản phẩm", 0).1,
                text: "25 sản phẩm".into(),
            }],
        }],
        errors: vec![],
    }
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write_json(dir: &Path, name: &str, doc: &Document) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    p
}

fn baocao(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A CSV file as header → column index, and rows.
fn read_csv(path: &Path) -> (HashMap<String, usize>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r
        .headers()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, h)| (h.to_string(), i))
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// For each table: the JSON list it comes from and (column, JSON field) pairs
/// whose values must match.
/// (table, JSON list, [(column, JSON field)]).
type TableSpec = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const TABLES: &[TableSpec] = &[
    (
        "sections",
        "sections",
        &[
            ("section", "id"),
            ("marker", "marker"),
            ("heading", "heading"),
            ("text", "text"),
            ("start_offset", "start"),
        ],
    ),
    (
        "references",
        "references",
        &[
            ("number", "number"),
            ("date", "date"),
            ("issuer", "issuer"),
            ("text", "text"),
            ("end_offset", "end"),
        ],
    ),
    (
        "products",
        "products",
        &[
            ("name", "name"),
            ("producer", "producer"),
            ("locality", "locality"),
            ("stars", "stars"),
            ("text", "text"),
            ("section", "section"),
        ],
    ),
    (
        "counts",
        "counts",
        &[
            ("value", "value"),
            ("total", "total"),
            ("unit", "unit"),
            ("text", "text"),
        ],
    ),
    (
        "funds",
        "funds",
        &[
            ("amount_vnd", "amount_vnd"),
            ("label", "label"),
            ("text", "text"),
        ],
    ),
    (
        "footnotes",
        "footnotes",
        &[
            ("marker", "marker"),
            ("text", "text"),
            ("start_offset", "start"),
        ],
    ),
    (
        "audit",
        "audit",
        &[
            ("check_name", "check"),
            ("status", "status"),
            ("message", "message"),
        ],
    ),
];

/// JSON value as the CSV writes it (null → empty).
fn as_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Every item of every document appears exactly once in its CSV table, with
/// the listed fields equal to the JSON's, and nothing else is there.
fn assert_csv_holds(dir: &Path, docs: &[Value]) {
    let (h, rows) = read_csv(&dir.join("documents.csv"));
    assert_eq!(rows.len(), docs.len(), "documents.csv rows");
    for doc in docs {
        let id = doc["source"]["sha256"].as_str().unwrap();
        let found: Vec<_> = rows.iter().filter(|r| r[h["doc_id"]] == id).collect();
        assert_eq!(found.len(), 1, "document {id}");
        assert_eq!(
            found[0][h["source_path"]],
            doc["source"]["path"].as_str().unwrap()
        );
        let title = as_cell(&doc["metadata"]["title"]);
        assert_eq!(found[0][h["title"]], title);
    }
    for (table, list, fields) in TABLES {
        let (h, rows) = read_csv(&dir.join(format!("{table}.csv")));
        let total: usize = docs.iter().map(|d| d[list].as_array().unwrap().len()).sum();
        assert_eq!(rows.len(), total, "{table}.csv rows");
        for doc in docs {
            let id = doc["source"]["sha256"].as_str().unwrap();
            for (i, item) in doc[list].as_array().unwrap().iter().enumerate() {
                let found: Vec<_> = rows
                    .iter()
                    .filter(|r| r[h["doc_id"]] == id && r[h["idx"]] == i.to_string())
                    .collect();
                assert_eq!(found.len(), 1, "{table} item {i} of {id}");
                for (col, field) in *fields {
                    assert_eq!(found[0][h[*col]], as_cell(&item[field]), "{table}.{col}");
                }
            }
        }
    }
}

#[test]
fn csv_from_json_holds_every_item_once_with_vietnamese_intact() {
    let d = tmp();
    let a = write_json(d.path(), "a.json", &sample("a"));
    let b = write_json(d.path(), "b.json", &sample("b"));
    let out = d.path().join("csv");
    ok(&baocao(&["export", s(&a), s(&b), "--csv", s(&out), "-q"]));
    let docs: Vec<Value> = [&a, &b]
        .iter()
        .map(|p| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap())
        .collect();
    assert_csv_holds(&out, &docs);

    // Spot checks written from the document, not from the program.
    let (h, rows) = read_csv(&out.join("products.csv"));
    let honey = rows
        .iter()
        .find(|r| r[h["name"]] == "Mật ong hoa nhãn")
        .unwrap();
    assert_eq!(honey[h["text"]], "Mật ong hoa nhãn\ncủa");
    assert_eq!(honey[h["stars"]], "4");
    assert_eq!(honey[h["section_path"]], "Phần thứ nhất > II > 3");
    assert_eq!(honey[h["section_heading"]], "Sản phẩm đạt 3 sao");
    let (h, rows) = read_csv(&out.join("references.csv"));
    let qd = rows
        .iter()
        .find(|r| r[h["number"]] == "919/QĐ-TTg")
        .unwrap();
    assert_eq!(qd[h["section_path"]], "Phần thứ nhất > I");
    assert_eq!(qd[h["kind_label"]], "Quyết định");
    // Footnotes and audit findings carry no section: it is found by offset.
    let (h, rows) = read_csv(&out.join("audit.csv"));
    assert_eq!(rows[0][h["text"]], "25 sản phẩm");
    assert_eq!(rows[0][h["section_path"]], "Phần thứ nhất > II > 3");
    let (h, rows) = read_csv(&out.join("documents.csv"));
    assert_eq!(rows[0][h["signer_name"]], "Mai Thị Cẩm Hồng");
    assert_eq!(rows[0][h["recipients"]], "UBND tỉnh Ninh Thuận;\nLưu: VT.");
    assert_eq!(rows[0][h["n_products"]], "2");
}

#[test]
fn csv_quotes_by_rfc_4180_and_adds_a_bom_only_for_excel() {
    let d = tmp();
    let a = write_json(d.path(), "a.json", &sample("a"));
    let plain = d.path().join("plain");
    let excel = d.path().join("excel");
    ok(&baocao(&["export", s(&a), "--csv", s(&plain), "-q"]));
    ok(&baocao(&[
        "export",
        s(&a),
        "--csv",
        s(&excel),
        "--excel",
        "-q",
    ]));
    let raw = std::fs::read(plain.join("products.csv")).unwrap();
    assert!(raw.starts_with(b"doc_id,source_path,idx,name,"));
    let text = String::from_utf8(raw.clone()).unwrap();
    // Quotes doubled inside a quoted field; a line break kept inside quotes.
    assert!(text.contains(r#","Nước mắm cá cơm ""Ông Ba"", loại 1","#));
    assert!(text.contains("\"Mật ong hoa nhãn\ncủa\""));
    assert!(text.contains("\r\n"), "records end with CRLF");
    let with_bom = std::fs::read(excel.join("products.csv")).unwrap();
    assert_eq!(&with_bom[..3], b"\xEF\xBB\xBF");
    assert_eq!(&with_bom[3..], &raw[..]);
    // --excel without --csv is a usage error.
    let db = d.path().join("x.db");
    let out = baocao(&["export", s(&a), "--sqlite", s(&db), "--excel"]);
    assert_eq!(out.status.code(), Some(2));
}

fn count(db: &rusqlite::Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn sqlite_holds_every_item_once_and_reruns_replace_rows() {
    let d = tmp();
    let a = write_json(d.path(), "a.json", &sample("a"));
    let b = write_json(d.path(), "b.json", &sample("b"));
    let db = d.path().join("reports.db");
    for _ in 0..2 {
        ok(&baocao(&["export", s(&a), s(&b), "--sqlite", s(&db), "-q"]));
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let tables = [
        ("documents", 2),
        ("sections", 8),
        ("\"references\"", 4),
        ("products", 4),
        ("counts", 4),
        ("funds", 6),
        ("footnotes", 2),
        ("audit", 2),
    ];
    for (t, n) in tables {
        assert_eq!(count(&conn, &format!("SELECT count(*) FROM {t}")), n, "{t}");
        // No (doc_id, idx) twice.
        if t != "documents" {
            let distinct = count(
                &conn,
                &format!("SELECT count(*) FROM (SELECT DISTINCT doc_id, idx FROM {t})"),
            );
            assert_eq!(distinct, n, "{t} distinct");
        }
    }
    let (name, locality, path): (String, String, String) = conn
        .query_row(
            "SELECT name, locality, section_path FROM products WHERE stars = 3 LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(name, "Nước mắm cá cơm \"Ông Ba\", loại 1");
    assert_eq!(locality, "Phước Hậu");
    assert_eq!(path, "Phần thứ nhất > II > 3");
    let amount: i64 = count(
        &conn,
        "SELECT sum(amount_vnd) FROM funds WHERE label = 'đã giải ngân'",
    );
    assert_eq!(amount, 2 * 446_000_000);
    drop(conn);

    // The extraction improves: document a now has one product fewer and a
    // new path. Re-exporting a replaces a's rows and leaves b's alone.
    let mut a2 = sample("a");
    a2.products.remove(1);
    a2.source.path = "reports/moved.txt".into();
    let a2p = write_json(d.path(), "a2.json", &a2);
    ok(&baocao(&["export", s(&a2p), "--sqlite", s(&db), "-q"]));
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM documents"), 2);
    assert_eq!(count(&conn, "SELECT count(*) FROM products"), 3);
    let id = a2.source.sha256.clone();
    let moved: i64 = conn
        .query_row(
            "SELECT count(*) FROM products WHERE doc_id = ?1 AND source_path = 'reports/moved.txt'",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(moved, 1);
    // Foreign keys hold: every item row has its document.
    let orphans = count(
        &conn,
        "SELECT count(*) FROM products WHERE doc_id NOT IN (SELECT doc_id FROM documents)",
    );
    assert_eq!(orphans, 0);
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let bad = conn.execute(
        "INSERT INTO products (doc_id, path, idx, name) VALUES ('nope', 'x', 0, 'y')",
        [],
    );
    assert!(bad.is_err(), "foreign key from items to documents");
}

#[test]
fn product_stars_view_answers_the_common_question() {
    let d = tmp();
    let a = write_json(d.path(), "a.json", &sample("a"));
    let db = d.path().join("r.db");
    ok(&baocao(&["export", s(&a), "--sqlite", s(&db), "-q"]));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT product, producer, locality, stars, document, date \
             FROM product_stars ORDER BY stars",
        )
        .unwrap();
    let rows: Vec<(String, String, String, i64, String, String)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].0, "Nước mắm cá cơm \"Ông Ba\", loại 1");
    assert_eq!(rows[0].2, "Phước Hậu");
    assert_eq!(rows[0].3, 3);
    assert_eq!(rows[0].4, "reports/ninh-phuoc-a.txt");
    assert_eq!(rows[0].5, "2023-12-15");
    assert_eq!(rows[1].1, "Cơ sở Mật ong Đô Vinh");
    assert_eq!(rows[1].3, 4);
    // Indexes asked for by users' queries exist.
    for index in ["products_name", "references_number", "products_doc_id"] {
        let n = count(
            &conn,
            &format!(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '{index}'"
            ),
        );
        assert_eq!(n, 1, "{index}");
    }
}

#[test]
fn jsonl_stdin_and_duplicates() {
    let d = tmp();
    let a = serde_json::to_string(&sample("a")).unwrap();
    let b = serde_json::to_string(&sample("b")).unwrap();
    // A JSON-lines file with a bad line in the middle: the others still go in.
    let jsonl = d.path().join("batch.jsonl");
    std::fs::write(&jsonl, format!("{a}\n\nnot json\n{b}\n")).unwrap();
    let db = d.path().join("r.db");
    let out = baocao(&["export", s(&jsonl), "--sqlite", s(&db), "-q"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("batch.jsonl:3"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM documents"), 2);
    drop(conn);

    // The same documents on standard input, twice: one copy each.
    let csv_dir = d.path().join("csv");
    let mut child = Command::new(BIN)
        .args(["export", "-", "--csv", s(&csv_dir), "-q"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        write!(stdin, "{a}\n{b}\n{a}\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    ok(&out);
    let (_, rows) = read_csv(&csv_dir.join("documents.csv"));
    assert_eq!(rows.len(), 2);
    let (_, rows) = read_csv(&csv_dir.join("products.csv"));
    assert_eq!(rows.len(), 4);
}

/// Both exports of the same reports, one straight from the inputs and one
/// from the JSON `extract` wrote, give identical tables.
#[test]
fn export_from_json_equals_export_from_inputs() {
    let d = tmp();
    // Every fixture folder but legacy/, whose "clean" references are
    // byte-identical copies of the samples (export keeps one of each, and
    // which path it keeps depends on input order).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut inputs: Vec<std::path::PathBuf> = ["pdf", "docx", "extra"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    for e in std::fs::read_dir(&root).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            inputs.push(p);
        }
    }
    let fixtures: Vec<&str> = inputs.iter().map(|p| s(p)).collect();
    let json = d.path().join("json");
    let mut args = vec!["extract"];
    args.extend(&fixtures);
    args.extend(["-o", s(&json), "-q"]);
    let out = baocao(&args);
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
    let direct = d.path().join("direct");
    let via = d.path().join("via");
    let db_direct = d.path().join("direct.db");
    let db_via = d.path().join("via.db");
    let mut args = vec!["export"];
    args.extend(&fixtures);
    args.extend(["--csv", s(&direct), "--sqlite", s(&db_direct), "-q"]);
    ok(&baocao(&args));
    ok(&baocao(&[
        "export",
        s(&json),
        "--csv",
        s(&via),
        "--sqlite",
        s(&db_via),
        "-q",
    ]));
    let mut names: Vec<_> = std::fs::read_dir(&direct)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "{names:?}");
    for name in &names {
        // Rows come in input order, which differs between the list of reports
        // and the folder of JSON: compare the header, then the sorted rows.
        let rows = |dir: &Path| {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
            let header = lines.remove(0);
            lines.sort();
            (header, lines)
        };
        assert!(rows(&direct) == rows(&via), "{name:?} differs");
    }
    // The CSV holds what the JSON holds, item by item.
    let docs: Vec<Value> = std::fs::read_dir(&json)
        .unwrap()
        .map(|e| serde_json::from_slice(&std::fs::read(e.unwrap().path()).unwrap()).unwrap())
        .collect();
    // One JSON per report: the five samples and every file of pdf/, docx/, extra/.
    let in_folders: usize = ["pdf", "docx", "extra"]
        .iter()
        .map(|d| std::fs::read_dir(root.join(d)).unwrap().count())
        .sum();
    assert_eq!(docs.len(), 5 + in_folders);
    assert_csv_holds(&direct, &docs);
    // And the SQLite files hold the same rows.
    let dump = |p: &Path| -> Vec<String> {
        let c = rusqlite::Connection::open(p).unwrap();
        let mut all = Vec::new();
        for t in [
            "documents",
            "products",
            "\"references\"",
            "funds",
            "counts",
            "sections",
        ] {
            let mut st = c
                .prepare(&format!("SELECT * FROM {t} ORDER BY 1, 3"))
                .unwrap();
            let n = st.column_count();
            let rows = st
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect();
                    Ok(cells.join("|"))
                })
                .unwrap();
            all.extend(rows.map(Result::unwrap));
        }
        all
    };
    let x = dump(&db_direct);
    assert!(x.len() >= 5);
    assert_eq!(x, dump(&db_via));
}

#[test]
fn unreadable_inputs_are_named_and_the_rest_exported() {
    let d = tmp();
    let a = write_json(d.path(), "a.json", &sample("a"));
    let broken = d.path().join("broken.json");
    std::fs::write(&broken, "{\"schema\": \"baocao/1\", \"source\": ").unwrap();
    let missing = d.path().join("missing.txt");
    let db = d.path().join("r.db");
    let out = baocao(&["export", s(&broken), s(&a), s(&missing), "--sqlite", s(&db)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.json"), "{err}");
    assert!(err.contains("missing.txt: not_found"), "{err}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    // The missing file still has its documents row, with its error.
    assert_eq!(count(&conn, "SELECT count(*) FROM documents"), 2);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM documents WHERE errors LIKE 'not_found:%'"
        ),
        1
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM products"), 2);
}

fn validator() -> jsonschema::Validator {
    let out = baocao(&["schema"]);
    ok(&out);
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_fixture_output_validates_against_the_schema() {
    let v = validator();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut n = 0;
    for e in std::fs::read_dir(&fixtures).unwrap() {
        let path = e.unwrap().path();
        let doc = baocao::process_path(&path, &baocao::Options::default());
        let value = serde_json::to_value(&doc).unwrap();
        assert_eq!(
            errors(&v, &value),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        n += 1;
    }
    assert!(n >= 5);
    // The hand-built document, and a failed one, too.
    let sample = serde_json::to_value(sample("a")).unwrap();
    assert_eq!(errors(&v, &sample), Vec::<String>::new());
    let failed = baocao::process_path(Path::new("/no/such/file.txt"), &Default::default());
    assert!(v.is_valid(&serde_json::to_value(&failed).unwrap()));
}

#[test]
fn the_schema_rejects_what_breaks_the_contract() {
    let v = validator();
    let good = serde_json::to_value(sample("a")).unwrap();
    let mut wrong_schema = good.clone();
    wrong_schema["schema"] = "baocao/2".into();
    assert!(!v.is_valid(&wrong_schema));
    let mut stars_as_text = good.clone();
    stars_as_text["products"][0]["stars"] = "ba".into();
    assert!(!v.is_valid(&stars_as_text));
    let mut no_start = good.clone();
    no_start["references"][0]
        .as_object_mut()
        .unwrap()
        .remove("start");
    assert!(!v.is_valid(&no_start));
    let mut negative = good;
    negative["counts"][0]["end"] = (-1).into();
    assert!(!v.is_valid(&negative));
}

/// The SQL of every `sqlite3 ... <<'SQL'` block and every `jq -r` line of the
/// README's export section, in order.
fn readme_commands() -> (Vec<String>, Vec<String>) {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("## Datasets: `baocao export`")
        .expect("README has the export section");
    let section = &readme[start..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    let md = &section[..end];
    let mut sql = Vec::new();
    let mut jq = Vec::new();
    let mut lines = md.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("sqlite3 ") && line.ends_with("<<'SQL'") {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "SQL").collect();
            sql.push(body.join("\n"));
        } else if line.starts_with("jq -r '") {
            jq.push(line.to_string());
        }
    }
    (sql, jq)
}

fn query(conn: &rusqlite::Connection, sql: &str) -> Vec<Vec<String>> {
    let mut st = conn.prepare(sql).unwrap();
    let n = st.column_count();
    st.query_map([], |r| {
        Ok((0..n)
            .map(|i| match r.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => String::new(),
                rusqlite::types::ValueRef::Integer(x) => x.to_string(),
                rusqlite::types::ValueRef::Real(x) => x.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8(t.to_vec()).unwrap(),
                rusqlite::types::ValueRef::Blob(_) => "<blob>".into(),
            })
            .collect())
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The worked questions of the README run as written and give the answers
/// read off the hand-built report (the fixtures' answers need the extractors).
#[test]
fn readme_questions_run_as_written() {
    let (sql, jq) = readme_commands();
    assert_eq!(sql.len(), 3, "three sqlite3 questions");
    assert_eq!(jq.len(), 3, "three jq questions");
    let d = tmp();
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    write_json(&out, "a.json", &sample("a"));
    let db = d.path().join("reports.db");
    ok(&baocao(&["export", s(&out), "--sqlite", s(&db), "-q"]));
    let conn = rusqlite::Connection::open(&db).unwrap();

    let stars = query(&conn, &sql[0]);
    assert_eq!(
        stars,
        vec![vec![
            "Phước Hậu".to_string(),
            "Nước mắm cá cơm \"Ông Ba\", loại 1".into(),
            "HTX Nông nghiệp Phước Hậu".into(),
            "reports/ninh-phuoc-a.txt".into(),
        ]]
    );
    let decisions = query(&conn, &sql[1]);
    assert_eq!(decisions.len(), 1);
    assert_eq!(
        decisions[0][..4],
        ["919/QĐ-TTg", "2022-08-01", "Thủ tướng Chính phủ", "1"]
    );
    let funds = query(&conn, &sql[2]);
    assert_eq!(
        funds,
        vec![vec![
            "reports/ninh-phuoc-a.txt".to_string(),
            "25/BC-UBND".into(),
            "446000000".into(),
        ]]
    );

    // The jq versions, when jq is installed, give the same answers.
    if Command::new("jq").arg("--version").output().is_err() {
        eprintln!("jq not installed: the jq lines of the README were not run");
        return;
    }
    let run = |line: &str| -> String {
        let out = Command::new("sh")
            .arg("-c")
            .arg(line)
            .current_dir(d.path())
            .output()
            .unwrap();
        ok(&out);
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        run(&jq[0]),
        "Phước Hậu\tNước mắm cá cơm \"Ông Ba\", loại 1\tHTX Nông nghiệp Phước Hậu\n"
    );
    assert_eq!(
        run(&jq[1]),
        "919/QĐ-TTg\t2022-08-01\treports/ninh-phuoc-a.txt\n"
    );
    assert_eq!(run(&jq[2]), "reports/ninh-phuoc-a.txt\t446000000\n");
}
