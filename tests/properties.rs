//! Property tests over the whole pipeline: whatever the bytes, no panic
//! reaches the user, every item is grounded (`text[start..end] == item.text`
//! in code points), and the output round-trips through JSON.

use baocao::output::Document;
use baocao::{process_bytes, Options};
use proptest::prelude::*;

/// Check every grounded item of `doc` against its text.
fn assert_grounded(doc: &Document) {
    let bad = doc.ungrounded();
    assert!(bad.is_empty(), "{bad:?}");
}

fn check(name: &str, bytes: &[u8]) {
    let doc = process_bytes(name, bytes, &Options::default());
    assert!(
        doc.errors.iter().all(|e| e.kind.as_str() != "panic"),
        "a stage panicked: {:?}",
        doc.errors
    );
    assert_grounded(&doc);
    let json = serde_json::to_string(&doc).expect("serializes");
    let back: Document = serde_json::from_str(&json).expect("parses back");
    assert_eq!(back.text, doc.text);
}

/// Pieces of real reports, so that random documents reach deep into the extractors.
const PIECES: &[&str] = &[
    "Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ",
    "Kế hoạch số 265-KH/HU, ngày 26/9/2024",
    "Số:          /KH-UBND",
    "ngày       tháng     năm 2025",
    "I. KẾT QUẢ THỰC HIỆN",
    "1. ",
    "2.1. ",
    "a) ",
    "(1) ",
    "Phần thứ nhất",
    "- ",
    "+ ",
    "20 chủ thể, trong đó: 03 Doanh nghiệp; 07 Hợp tác xã",
    "446 triệu đồng, trong đó:",
    "324,474 triệu đồng",
    "1 tỷ 250 triệu đồng",
    "2.038/2.102 đồng chí, đạt tỷ lệ 97%",
    "11/15 xã",
    "03 - 05 sản phẩm",
    "năm 20203",
    "(06 sản phẩm)9",
    "[^3]",
    "[^3]: ",
    "3 sao",
    "TT\tTên sản phẩm\tChủ thể\tĐịa chỉ\tĐạt sao",
    "1. 1 Yến rút lông nguyên tổ",
    "Công ty TNHH XNK",
    "Xã Phước Thuận (04 sản phẩm): Táo tươi Ba Khoa - HTX Ba Khoa; ",
    "Trên đây là kết quả trên địa bàn phường Trần Phú./.",
    "Nơi nhận:",
    "KT. CHỦ TỊCH",
    "Ch\u{01a3}\u{01a1}ng",
    "Vie\u{0301}\u{0302}t",
    "Ch\u{ad}\u{ac}ng tr\u{d7}nh",
    "ChÆ°Æ¡ng",
    "\u{c}",
    "\n",
    "\n\n",
    "   ",
    "\t",
    "x",
    "9",
    ".",
    ",",
    "/",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{0,12}",
            1 => "[0-9./,-]{1,10}",
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn report_like_text_is_always_grounded(doc in document()) {
        check("doc.txt", doc.as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        check("random.txt", &bytes);
    }

    #[test]
    fn arbitrary_bytes_named_like_binaries_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..2000),
        ext in prop::sample::select(&["pdf", "docx", "md", ""][..]),
    ) {
        check(&format!("random.{ext}"), &bytes);
    }
}

#[test]
fn the_samples_are_grounded() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let bytes = std::fs::read(&path).expect("read");
            check(&path.display().to_string(), &bytes);
        }
    }
}

/// Inputs the fuzzers found crashing (`fuzz/`), replayed the way the
/// `pipeline` target feeds them: the bytes read as UTF-8 (lossily) and
/// analysed. Each once panicked; now each must give a grounded document.
#[test]
fn fuzz_regressions_stay_fixed() {
    let mut n = 0;
    for entry in std::fs::read_dir("tests/bad/fuzz").unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let pages = text
            .contains('\u{c}')
            .then(|| text.matches('\u{c}').count() as u32 + 1);
        let decoded = baocao::input::Decoded {
            format: "txt".into(),
            encoding: Some("utf-8".into()),
            backend: "text".into(),
            pages,
            page_status: Vec::new(),
            doc: baocao::model::Doc::plain(text),
            warnings: Vec::new(),
            errors: Vec::new(),
        };
        let doc = baocao::analyze(&decoded, &Options::default());
        assert_grounded(&doc);
        // And through the command's own path (bytes decoded by the input stage).
        check(&path.display().to_string(), &bytes);
        n += 1;
    }
    assert!(n >= 1, "no regression inputs found");
}
