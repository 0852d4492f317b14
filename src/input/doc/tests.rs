//! Tests of the `.doc` reader on real archive files (`fixtures/legacy-real`,
//! expected sentences read from the hand transcripts of the legacy set), on
//! the LibreOffice-made fixture (`fixtures/legacy-gen`) and on hostile
//! variants made here.

use super::*;
use crate::normalize::fonts::decode_doc;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The document's text after decoding by font.
fn decoded_text(name: &str) -> (Decoded, String) {
    let d = crate::input::decode(name, &fixture(name), &Options::default()).unwrap();
    assert_eq!(d.doc.check(), Ok(()));
    let text = decode_doc(&d.doc).0.text.clone();
    (d, text)
}

#[test]
fn real_decision_in_vntime() {
    let (d, text) = decoded_text("legacy-real/2004-B6.doc");
    assert_eq!((d.format.as_str(), d.backend.as_str()), ("doc", "doc"));
    assert!(d.doc.fonts.iter().any(|f| f.font.starts_with(".Vn")));
    for sentence in [
        "- Căn cứ Nghị định số 178/CP ngày 28-10-1994 của Chính phủ quy định chức năng, nhiệm vụ và tổ chức bộ máy của Bộ Tài chính.",
        "Để đáp ứng yêu cầu đổi mới cơ chế quản lý kinh tế, tài chính, tăng cường công tác hạch toán kế toán của các doanh nghiệp.",
    ] {
        assert!(text.contains(sentence), "missing: {sentence}");
    }
    // The running header (the transcript writes its .VnTimeH capitals in
    // lower case), once, after the body.
    let last = text.lines().last().unwrap_or_default();
    assert!(last.starts_with("VĂN PHÒNG QUỐC HỘI"), "{last}");
    assert!(
        last.ends_with("CƠ SỞ DỮ LIỆU LUẬT VIỆT NAM LAWDATA"),
        "{last}"
    );
    assert_eq!(text.matches("VĂN PHÒNG QUỐC HỘI").count(), 1);
}

#[test]
fn real_form_with_upper_case_font() {
    let (_, text) = decoded_text("legacy-real/2006-Mau-MD-3M-CP.doc");
    // The transcript writes the heading in lower case (.VnTimeH capitals).
    assert!(
        text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{text}"
    );
    for sentence in [
        "Kính gửi: Phòng đăng ký kinh doanh tỉnh Sóc Trăng",
        "Tên công ty viết bằng tiếng nước ngoài:",
        "Nơi đăng ký hộ khẩu thường trú:",
    ] {
        assert!(text.contains(sentence), "missing: {sentence}");
    }
    // The form's code sits in its running footer.
    assert_eq!(text.lines().last(), Some("Mẫu MĐ-3"));
}

#[test]
fn generated_mixed_fonts_table_and_footnote() {
    let (d, text) = decoded_text("legacy-gen/mixed.doc");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let lines: Vec<&str> = text.lines().collect();
    // The text read from mixed.fodt (`uû` in .VnTimeH is u + ỷ: the tone
    // moves later, in normalize).
    let expected = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/legacy-gen/mixed.expected"
    ));
    assert_eq!(lines, expected.lines().collect::<Vec<_>>());
    // Before decoding, the legacy runs are the bytes as Word shows them.
    assert!(d.doc.text.contains("QuyÕt ®Þnh"));
    assert!(d.doc.text.contains("Nöôùc maém"));
    let (_, t) = d.doc.tables().next().unwrap();
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[1].cells.len(), 3);
    assert_eq!(t.rows[1].cells[1].paragraphs.len(), 2);
    let (b, n) = d.doc.notes().next().unwrap();
    assert_eq!(n.marker, "1");
    assert_eq!(d.doc.slice(n.anchor.as_ref().unwrap()), "[^1]");
    assert!(d.doc.slice(&b.range).starts_with("Theo"));
}

/// Text boxes follow the paragraph their shape is anchored in: a box alone,
/// and the two boxes of a group, which the group's anchor places.
#[test]
fn text_boxes_follow_their_anchor_paragraph() {
    let (d, text) = decoded_text("legacy-gen/textbox.doc");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "Báo cáo kết quả thực hiện năm 2005.",
            "Sơ đồ tổ chức của đơn vị như sau:",
            // In .VnTime inside the box: decoded by its font like any run.
            "Ban lãnh đạo",
            "Các phòng chuyên môn gồm hai bộ phận.",
            "Phòng tổng hợp",
            "Phòng kế hoạch",
            "Kết luận của báo cáo.",
        ]
    );
    let paragraphs = d.doc.blocks.iter();
    assert_eq!(
        paragraphs
            .filter(|b| matches!(b.kind, crate::model::BlockKind::Paragraph))
            .count(),
        7
    );
}

fn kind(bytes: &[u8]) -> String {
    match crate::input::decode("x.doc", bytes, &Options::default()) {
        Ok(_) => "ok".into(),
        Err(e) => e.kind.as_str().to_string(),
    }
}

/// A compound file with the given streams.
fn ole(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        let mut s = cf.create_stream(name).unwrap();
        std::io::Write::write_all(&mut s, data).unwrap();
    }
    cf.into_inner().into_inner()
}

#[test]
fn hostile_and_foreign_files_fail_clearly_and_fast() {
    let t = std::time::Instant::now();
    let good = fixture("legacy-gen/mixed.doc");
    assert_eq!(kind(&good), "ok");
    // Truncated compound files, at several lengths.
    for n in [8, 100, 512, 1024, 3000, good.len() / 2, good.len() - 100] {
        let k = kind(&good[..n]);
        assert!(k == "corrupt_doc" || k == "ok", "{n}: {k}");
    }
    // Cyclic FAT chains: every FAT entry pointing at sector 0.
    let mut cyclic = good.clone();
    let fat_sector = u32::from_le_bytes(cyclic[0x4C..0x50].try_into().unwrap()) as usize;
    let at = 512 * (fat_sector + 1);
    for k in 0..128 {
        cyclic[at + 4 * k..at + 4 * k + 4].copy_from_slice(&0u32.to_le_bytes());
    }
    assert_eq!(kind(&cyclic), "corrupt_doc");
    // Other Office files and encryption.
    // A compound file with a workbook stream goes to the spreadsheet reader,
    // which finds this one damaged.
    assert_eq!(kind(&ole(&[("Workbook", b"x")])), "corrupt_xls");
    assert_eq!(
        kind(&ole(&[("PowerPoint Document", b"x")])),
        "unsupported_format"
    );
    assert_eq!(kind(&ole(&[("EncryptionInfo", b"x")])), "encrypted");
    // Word 6/95: an older nFib.
    let mut w6 = vec![0u8; 1024];
    w6[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    w6[2..4].copy_from_slice(&101u16.to_le_bytes());
    assert_eq!(kind(&ole(&[("WordDocument", &w6)])), "unsupported_format");
    // Encrypted Word 97.
    let mut enc = w6.clone();
    enc[2..4].copy_from_slice(&0xC1u16.to_le_bytes());
    enc[0x0A..0x0C].copy_from_slice(&0x0100u16.to_le_bytes());
    assert_eq!(kind(&ole(&[("WordDocument", &enc)])), "encrypted");
    // Not a FIB; no table stream; an absurd piece table.
    assert_eq!(kind(&ole(&[("WordDocument", b"hello")])), "corrupt_doc");
    let mut plain = enc.clone();
    plain[0x0A..0x0C].copy_from_slice(&0u16.to_le_bytes());
    assert_eq!(kind(&ole(&[("WordDocument", &plain)])), "corrupt_doc");
    assert_eq!(
        kind(&absurd_pieces(&good)),
        "corrupt_doc",
        "a piece table of a million pieces over the same bytes"
    );
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
}

/// The good fixture with its piece table replaced by a million pieces that
/// all point at the start of the text.
fn absurd_pieces(good: &[u8]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(good.to_vec())).unwrap();
    let mut w = read_stream(&mut cf, "/WordDocument", u64::MAX).unwrap();
    let f = fib::parse(&w).unwrap();
    let n: u32 = 1_000_000;
    let mut clx = vec![2u8];
    clx.extend((4 + 12 * n).to_le_bytes());
    for i in 0..=n {
        clx.extend((i * 10).to_le_bytes());
    }
    for _ in 0..n {
        clx.extend([0, 0]);
        clx.extend((0x4000_0000u32 | 2048).to_le_bytes());
        clx.extend([0, 0]);
    }
    let table = if f.table1 { "/1Table" } else { "/0Table" };
    let mut t = read_stream(&mut cf, table, u64::MAX).unwrap();
    let at = t.len() as u32;
    t.extend(&clx);
    // FibRgFcLcb97 pair 33 (Clx): after FibBase, csw, fibRgW, cslw, fibRgLw, cbRgFcLcb.
    let csw = u16::from_le_bytes([w[32], w[33]]) as usize;
    let cslw_at = 34 + csw * 2;
    let cslw = u16::from_le_bytes([w[cslw_at], w[cslw_at + 1]]) as usize;
    let pairs = cslw_at + 2 + cslw * 4 + 2;
    let clx_at = pairs + lcb::CLX * 8;
    w[clx_at..clx_at + 4].copy_from_slice(&at.to_le_bytes());
    w[clx_at + 4..clx_at + 8].copy_from_slice(&(clx.len() as u32).to_le_bytes());
    ole(&[("WordDocument", &w), (&table[1..], &t)])
}

#[test]
fn whole_pipeline_takes_doc_and_rtf() {
    for (name, format) in [
        ("legacy-gen/mixed.doc", "doc"),
        ("legacy-gen/mixed.rtf", "rtf"),
    ] {
        let out = crate::process_bytes(name, &fixture(name), &Options::default());
        assert!(out.errors.is_empty(), "{name}: {:?}", out.errors);
        assert_eq!(out.source.format, format);
        let text = out.text.clone().unwrap_or_default();
        assert!(
            text.contains("Quyết định về việc phát triển sản phẩm nước mắm"),
            "{text}"
        );
        let kinds: Vec<&str> = out
            .normalization
            .repairs
            .iter()
            .map(|r| r.kind.as_str())
            .collect();
        for k in ["font_tcvn3", "font_tcvn3_upper", "font_vni"] {
            assert!(kinds.contains(&k), "{name}: {kinds:?}");
        }
        assert_eq!(out.footnotes.len(), 1, "{name}");
        let f = &out.footnotes[0];
        let chars: Vec<char> = text.chars().collect();
        let grounded: String = chars[f.start..f.end].iter().collect();
        assert_eq!(grounded, f.text);
    }
}
