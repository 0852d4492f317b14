//! DOCX, structure-aware: the fuzzer mutates the XML parts, and the target
//! packs them into a valid zip with the package's fixed parts (content types,
//! relationships), so every input reaches the WordprocessingML reader instead
//! of failing at the zip's checksums.
//!
//! Input: the parts `word/document.xml`, `word/numbering.xml`,
//! `word/footnotes.xml` and `word/styles.xml`, in that order, separated by
//! [`SEPARATOR`] (missing parts are left out of the package). `fuzz/seed.py`
//! writes the fixtures' parts in this form.
#![no_main]

use std::io::Write;

use baocao::input::decode;
use baocao::Options;
use libfuzzer_sys::fuzz_target;

const SEPARATOR: &[u8] = b"\n--8<--\n";
const PARTS: [&str; 4] = [
    "word/document.xml",
    "word/numbering.xml",
    "word/footnotes.xml",
    "word/styles.xml",
];
const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        parts.push(&rest[..at]);
        rest = &rest[at + SEPARATOR.len()..];
    }
    parts.push(rest);
    parts
}

fn package(parts: &[&[u8]]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    let fixed = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
    ];
    for (name, bytes) in fixed.into_iter().chain(PARTS.into_iter().zip(parts.iter().copied())) {
        zip.start_file(name, opts).ok()?;
        zip.write_all(bytes).ok()?;
    }
    Some(zip.finish().ok()?.into_inner())
}

fuzz_target!(|data: &[u8]| {
    let parts = split(data);
    let Some(bytes) = package(&parts) else { return };
    let opts = Options {
        max_part_bytes: 4 * 1024 * 1024,
        ..Options::default()
    };
    if let Ok(d) = decode("fuzz.docx", &bytes, &opts) {
        d.doc.check().expect("the document model holds together");
        for w in &d.warnings {
            if let (Some(s), Some(e)) = (w.start, w.end) {
                assert!(s <= e && e <= d.doc.text.len(), "warning {s}..{e} out of range");
            }
        }
    }
});
