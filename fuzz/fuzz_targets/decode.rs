//! Input stage on arbitrary bytes: text decoding (BOMs, UTF-16, Windows-1258
//! guesses) and DOCX (zip, XML, numbering). PDF is left out: pdf-extract runs
//! in a worker process in production, where a hang or crash costs one file.
#![no_main]

use baocao::input::{decode, sniff, Format};
use baocao::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if matches!(sniff(data, ""), Ok(Format::Pdf)) {
        return;
    }
    let opts = Options {
        max_part_bytes: 4 * 1024 * 1024,
        ..Options::default()
    };
    if let Ok(d) = decode("fuzz", data, &opts) {
        for w in &d.warnings {
            if let (Some(s), Some(e)) = (w.start, w.end) {
                assert!(s <= e && e <= d.doc.text.len(), "warning {s}..{e} out of range");
            }
        }
    }
});
