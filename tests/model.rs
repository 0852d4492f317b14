//! The document model end to end: structure a reader found (DOCX table cells
//! with their own paragraphs) reaches the extractors. Expected values were
//! read in the documents (`fixtures/real/`, copies of `shared/real-dev`).

use baocao::{process_path, Options};

fn doc(name: &str) -> baocao::output::Document {
    let path = format!("{}/fixtures/real/{name}", env!("CARGO_MANIFEST_DIR"));
    let d = process_path(std::path::Path::new(&path), &Options::default());
    assert!(d.errors.is_empty(), "{path}: {:?}", d.errors);
    d
}

/// The signature block and `Nơi nhận` sit side by side in a two-cell table:
/// each cell's paragraphs are read as lines, not joined into one.
#[test]
fn signer_and_recipients_from_a_signature_table() {
    let d = doc("R04_bc_cchc_quy1_2026.docx");
    let signer = d.metadata.signer.expect("a signer");
    assert_eq!(signer.name.as_deref(), Some("Nguyễn Ngọc Phúc"));
    assert_eq!(signer.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(signer.authority.as_deref(), Some("KT. CHỦ TỊCH"));
    assert_eq!(
        d.metadata.recipients,
        [
            "Bộ Nội vụ",
            "Thường trực Tỉnh ủy",
            "Thường trực HĐND tỉnh",
            "Chủ tịch, PCT UBND tỉnh (Đ/c Phúc)",
            "Các sở, ban, ngành tỉnh",
            "UBND các xã, phường, đặc khu",
            "Lưu: VT, NC",
        ]
    );
}

/// A signature cell with two delegation lines (`TL. CHỦ TỊCH` over
/// `KT. CHÁNH VĂN PHÒNG`): the signer acts for the nearer one by order of
/// the other, and the authority keeps the whole chain as written (as the
/// written test set `tests/realdev/O01_*.expected.json` reads it).
#[test]
fn signer_under_two_delegations() {
    let d = doc("O01_tbkl_hoi-nghi-cchc_2026-01-22.docx");
    let signer = d.metadata.signer.expect("a signer");
    assert_eq!(signer.name.as_deref(), Some("Trịnh Ngọc Duệ"));
    assert_eq!(signer.title.as_deref(), Some("PHÓ CHÁNH VĂN PHÒNG"));
    assert_eq!(
        signer.authority.as_deref(),
        Some("TL.CHỦ TỊCH KT. CHÁNH VĂN PHÒNG")
    );
    assert_eq!(d.metadata.recipients.len(), 8);
    assert_eq!(
        d.metadata.recipients[0],
        "Chủ tịch, PCT. UBND tỉnh (Đ/c Phúc)"
    );
    assert_eq!(d.metadata.recipients[7], "Lưu: VT, NC.Châu");
}
