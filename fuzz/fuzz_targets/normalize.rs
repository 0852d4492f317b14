//! Normalize and layout on arbitrary text: no panic, no hang, repairs that
//! keep the text valid, and offset maps that stay in range and in order.
#![no_main]

use baocao::{layout, normalize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let norm = normalize::normalize(&text, &Default::default());
    let laid = layout::layout(&norm.text);
    let mut last = 0;
    for b in 0..=norm.text.len() {
        let m = laid.map_offset(b);
        assert!(m <= laid.text.len(), "map_offset({b}) = {m} past the end");
        assert!(m >= last, "map_offset not monotone at {b}");
        last = m;
    }
    for w in &norm.warnings {
        if let (Some(s), Some(e)) = (w.start, w.end) {
            assert!(
                s <= e && e <= norm.text.len(),
                "warning {s}..{e} out of range"
            );
        }
    }
    for f in &laid.footnotes {
        assert!(
            laid.text.get(f.start..f.end).is_some(),
            "footnote body off a char boundary"
        );
    }
});
