//! Every stage after input (normalize, layout, structure, every extractor,
//! audit) on arbitrary text: no panic, every item grounded, and the document
//! serializes to JSON and reads back equal.
#![no_main]

use baocao::input::Decoded;
use baocao::output::Document;
use baocao::{analyze, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let pages = text
        .contains('\u{c}')
        .then(|| text.matches('\u{c}').count() as u32 + 1);
    let decoded = Decoded {
        format: "txt".into(),
        encoding: Some("utf-8".into()),
        pages,
        backend: "text".into(),
        page_status: Vec::new(),
        doc: baocao::model::Doc::plain(text),
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    let doc = analyze(&decoded, &Options::default());
    let bad = doc.ungrounded();
    assert!(bad.is_empty(), "{bad:?}");
    let json = serde_json::to_string(&doc).expect("serializes");
    let back: Document = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, doc);
});
