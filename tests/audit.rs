//! The audit on the sample documents: the inconsistencies found by reading
//! them, and no false alarm. Each expected finding was written from the
//! documents (see the comments), not from the program's output.

use std::collections::BTreeSet;
use std::process::Command;

use baocao::{process_path, Options};

/// `(check, a phrase of the grounded items)` of every mismatch in a document.
fn mismatches(path: &str) -> BTreeSet<(String, String)> {
    let doc = process_path(std::path::Path::new(path), &Options::default());
    let text: Vec<char> = doc.text.as_deref().unwrap_or("").chars().collect();
    for f in &doc.audit {
        for i in &f.items {
            let slice: String = text[i.start..i.end].iter().collect();
            assert_eq!(slice, i.text, "audit item not grounded in {path}");
        }
    }
    doc.audit
        .iter()
        .filter(|f| f.status.as_str() == "mismatch")
        .map(|f| {
            let items: Vec<&str> = f.items.iter().map(|i| i.text.as_str()).collect();
            (f.check.clone(), items.join(" | "))
        })
        .collect()
}

fn set(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn sample_000_numbering_gap_and_wrong_ward() {
    // Under "II. Kết quả thực hiện Chương trình OCOP" the items run 1., 2., 3., 5.;
    // the report is from phường Trần Phú but closes "trên địa bàn phường Bắc Hồng Lĩnh".
    let m = mismatches("fixtures/000_3e1b6377d3df0e19.txt");
    let checks: Vec<&str> = m.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(checks, vec!["identity", "numbering"], "{m:#?}");
    assert!(
        m.contains(&("identity".into(), "phường Bắc Hồng Lĩnh".into())),
        "{m:#?}"
    );
    let numbering = &m.iter().find(|(c, _)| c == "numbering").unwrap().1;
    assert!(
        numbering.starts_with("3. Phát triển sản phẩm")
            && numbering.contains("5. Công tác quảng bá"),
        "{numbering}"
    );
}

#[test]
fn sample_001_text_claims_a_4_star_product_the_table_does_not_have() {
    // "Trong đó có 01 sp đạt 4 sao" but the star column has 24 × "3 sao" and one "5 sao" (row 10).
    let m = mismatches("fixtures/001_849251cef8cea693.txt");
    assert_eq!(m.len(), 1, "{m:#?}");
    let (check, items) = m.iter().next().unwrap();
    assert_eq!(check, "table_vs_text");
    assert!(items.starts_with("01 sp đạt 4 sao"), "{items}");
    assert!(items.contains("Mạch nha Quảng Ngãi"), "{items}");
}

#[test]
fn sample_002_is_consistent() {
    assert_eq!(mismatches("fixtures/002_62a083c6f8fe7315.txt"), set(&[]));
}

#[test]
fn sample_003_subjects_do_not_add_up() {
    // "20 chủ thể ..., trong đó: 03 Doanh nghiệp ...; 07 Hợp tác xã ...; 06 cơ sở ..." = 16,
    // while the same breakdown's products 05 + 08 + 07 = 20 match "20 sản phẩm".
    // Funds balance: 446 = 324,474 + 121,526, and line by line.
    let m = mismatches("fixtures/003_49b22b13f22dc593.txt");
    assert_eq!(m.len(), 1, "{m:#?}");
    let (check, items) = m.iter().next().unwrap();
    assert_eq!(check, "sum");
    assert!(
        items.starts_with("20 chủ thể | 03 Doanh nghiệp | 07 Hợp tác xã | 06 cơ sở"),
        "{items}"
    );
}

#[test]
fn sample_004_spending_and_products_restated_and_part_two_skips_iii() {
    // 2.3 says the 2024 support for 17 products cost 345 triệu đồng, 2.6 says 342;
    // Phần thứ hai has I., II., IV. All footnote lists (11+3, 4+4+3+2+1+1, ...),
    // ratios (2.038/2.102 = 97%, 156/160 = 98%) and the population sum agree.
    // 2.1 says "Năm 2022-2023, có 15 sản phẩm đạt chuẩn OCOP xếp hạng 3 sao",
    // footnote 11 says the same two years gave "20 sản phẩm đạt chuẩn OCOP,
    // sếp hạng 3 sao (Năm 2022: 10 sản phẩm, Năm 2023: 10 sản phẩm)".
    let m = mismatches("fixtures/004_9b2a86f56208a256.txt");
    let checks: Vec<&str> = m.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        checks,
        vec!["numbering", "restated_value", "restated_value"],
        "{m:#?}"
    );
    assert!(
        m.contains(&("restated_value".into(), "15 sản phẩm | 20 sản phẩm".into())),
        "{m:#?}"
    );
    assert!(
        m.contains(&(
            "restated_value".into(),
            "345 triệu đồng | 342 triệu đồng".into()
        )),
        "{m:#?}"
    );
}

#[test]
fn cross_document_audit_passes_on_consistent_samples_and_gates_on_a_conflict() {
    let bin = env!("CARGO_BIN_EXE_baocao");
    // The five samples cite 148/QĐ-TTg with the same date: nothing to report.
    let o = Command::new(bin)
        .args([
            "audit",
            "fixtures/000_3e1b6377d3df0e19.txt",
            "fixtures/001_849251cef8cea693.txt",
            "fixtures/004_9b2a86f56208a256.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // A report citing 919/QĐ-TTg with another date than sample 001 does.
    let tmp = tempfile::tempdir().unwrap();
    let other = tmp.path().join("khac.txt");
    std::fs::write(&other, "Căn cứ Quyết định số 919/QĐ-TTg ngày 11/8/2022 của Thủ tướng Chính phủ phê duyệt Chương trình.\n").unwrap();
    let o = Command::new(bin)
        .args([
            "audit",
            "--json",
            "fixtures/001_849251cef8cea693.txt",
            other.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["check"], "reference_date");
    let dates: Vec<&str> = f["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["value"].as_str().unwrap())
        .collect();
    assert_eq!(dates, vec!["2022-08-01", "2022-08-11"]);
}

#[test]
fn cross_document_audit_checks_district_totals_and_passes_agreeing_reports() {
    let bin = env!("CARGO_BIN_EXE_baocao");
    // huyện Tân Phước says 18 products to the end of 2024; its three xã and one
    // thị trấn (all of them, "Toàn huyện có 03 xã và 01 thị trấn") say 5+4+6+2.
    let o = Command::new(bin)
        .args(["audit", "--json", "fixtures/audit/cross/tan_phuoc_2024"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let sums: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "district_sum" && f["status"] == "mismatch")
        .collect();
    assert_eq!(sums.len(), 1, "{v:#}");
    assert_eq!(
        (sums[0]["expected"].as_f64(), sums[0]["found"].as_f64()),
        (Some(18.0), Some(17.0))
    );
    assert_eq!(sums[0]["items"][0]["text"], "18 sản phẩm");
    // xã An Thới's report, its plan and its 6-month report agree (different
    // periods are not compared): exit 0, the agreements listed as ok.
    let o = Command::new(bin)
        .args(["audit", "fixtures/audit/cross/an_thoi_dung"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("figure             ok"), "{out}");
    assert!(out.contains("0 cross-document mismatches"), "{out}");
}

/// Mismatches of `sum` in a text run through the whole pipeline.
fn sum_mismatches(text: &str) -> usize {
    let doc = baocao::process_bytes("t.txt", text.as_bytes(), &baocao::Options::default());
    doc.audit
        .iter()
        .filter(|f| f.check == "sum" && f.status.as_str() == "mismatch")
        .count()
}

/// `không bao gồm X` names what a figure leaves out, not one of its parts
/// (a real report on disbursement, issue 22).
#[test]
fn what_a_figure_does_not_include_is_no_part() {
    let t = "Tổng kế hoạch vốn (không bao gồm nguồn mới giao 3.438 triệu đồng) là 17.715.000 triệu đồng; số đã giải ngân (không bao gồm số giải ngân nguồn mới giao 511.000 triệu đồng) là 12.721.668 triệu đồng.\n";
    assert_eq!(sum_mismatches(t), 0);
    let t = "Toàn huyện có 20 chủ thể, bao gồm: 3 doanh nghiệp, 7 hợp tác xã và 6 hộ kinh doanh.\n";
    assert_eq!(sum_mismatches(t), 1);
}
