//! DOCX input: paragraphs, tables and footnotes, in document order.
//!
//! The reader builds the document model directly: a paragraph block per
//! line, a table block per table (rows, cells, each cell's own paragraphs;
//! merged cells keep their column: see [`wordml`]), and a note block per
//! footnote or endnote with its anchor. The text shows one line per
//! paragraph, one line per table row with cells separated by `\t`, anchors as
//! `[^n]` in the running text and the note bodies after the body as lines
//! `[^n]: body`. A DOCX has no fixed pages, so `pages` is `None`.
//!
//! The archive is untrusted: part sizes are capped ([`crate::Options::max_part_bytes`]),
//! XML nesting is capped ([`wordml::MAX_DEPTH`]), and any damage becomes a
//! `corrupt_docx` error naming the part, never a panic.

pub mod numbering;
mod package;
mod styles;
pub mod wordml;

use std::collections::HashMap;
use std::ops::Range;

use super::Decoded;
use crate::model::{BlockKind, Cell, Doc, DocBuilder, Note, Row, Table};
use crate::options::Options;
use crate::output::{DocError, Warning};

use numbering::Numbering;
use package::{corrupt, Package};
use styles::Styles;
use wordml::{CellOut, NoteKind, NoteRefs, Para, Piece, ANCHOR_CLOSE, ANCHOR_OPEN};

pub fn decode(bytes: &[u8], opts: &Options) -> Result<Decoded, DocError> {
    let mut pkg = Package::open(bytes, opts.max_part_bytes)?;
    let parts = pkg.parts()?;
    let mut warnings = Vec::new();
    let (mut numbering, styles) = read_numbering(&mut pkg, &parts, &mut warnings);
    let xml = pkg
        .read(&parts.document)?
        .ok_or_else(|| corrupt(format!("{} is missing", parts.document)))?;
    let mut refs = NoteRefs::default();
    let mut fonts = Vec::new();
    let pieces = wordml::body(&xml, &mut refs, &mut numbering, &styles, &mut fonts)
        .map_err(|m| corrupt(format!("{}: {m}", parts.document)))?;
    drop(xml);

    let mut errors = Vec::new();
    let mut notes: Vec<(usize, Para)> = Vec::new();
    if !refs.order.is_empty() {
        let mut bodies = HashMap::new();
        for (kind, part) in [
            (NoteKind::Foot, &parts.footnotes),
            (NoteKind::End, &parts.endnotes),
        ] {
            if !refs.order.iter().any(|(k, _)| *k == kind) {
                continue;
            }
            // Damaged notes cost the notes, not the body: a non-fatal error.
            let read = match part {
                Some(name) => pkg.read(name).and_then(|xml| {
                    let xml = xml.unwrap_or_default();
                    wordml::notes(&xml, &styles, &mut fonts)
                        .map_err(|m| corrupt(format!("{name}: {m}")))
                }),
                None => Ok(Default::default()),
            };
            match read {
                Ok(found) => bodies.extend(found),
                Err(e) => errors.push(e),
            }
        }
        let mut missing = Vec::new();
        for (i, key) in refs.order.iter().enumerate() {
            match bodies.get(key) {
                Some(body) => notes.push((i + 1, body.clone())),
                None => missing.push(format!("[^{}]", i + 1)),
            }
        }
        if !missing.is_empty() && errors.is_empty() {
            warnings.push(Warning {
                kind: "footnote_missing".into(),
                message: format!(
                    "note reference(s) {} have no body in the notes part",
                    missing.join(", ")
                ),
                start: None,
                end: None,
            });
        }
    }

    Ok(Decoded {
        format: "docx".into(),
        encoding: None,
        backend: "docx".into(),
        pages: None,
        doc: assemble(&pieces, &notes, &fonts),
        warnings,
        errors,
        ..Default::default()
    })
}

/// List numbering definitions and styles. A part that cannot be read costs
/// the list markers or the styles' fonts only (a warning), never the
/// document.
fn read_numbering(
    pkg: &mut Package,
    parts: &package::Parts,
    warnings: &mut Vec<Warning>,
) -> (Numbering, Styles) {
    let mut read = |name: &str, kind: &str, lost: &str| match pkg.read(name) {
        Ok(x) => x,
        Err(e) => {
            warnings.push(Warning {
                kind: kind.into(),
                message: format!("{lost} left out: {}", e.message),
                start: None,
                end: None,
            });
            None
        }
    };
    let numbering = parts
        .numbering
        .as_deref()
        .and_then(|p| read(p, "docx_numbering", "list numbers"))
        .map_or_else(Numbering::default, |x| Numbering::parse(&x));
    let styles = parts
        .styles
        .as_deref()
        .and_then(|p| read(p, "docx_styles", "list numbers and fonts of styles"))
        .map_or_else(Styles::default, |x| Styles::parse(&x));
    (numbering, styles)
}

/// Build the document model from the walker's pieces and the note bodies
/// (`(n, body)` in order): paragraphs, tables and notes as blocks, anchors
/// written `[^n]` and recorded, legacy-font ranges as font runs (`fonts`
/// names them).
fn assemble(pieces: &[Piece], notes: &[(usize, Para)], fonts: &[String]) -> Doc {
    let mut b = Builder {
        b: DocBuilder::new(),
        anchors: HashMap::new(),
        fonts,
    };
    b.b.paragraphs();
    for piece in pieces {
        if !b.b.is_empty() {
            b.b.push("\n");
        }
        match piece {
            Piece::Line(line) => {
                let r = b.push_para(line);
                b.b.block(r, None, BlockKind::Paragraph);
            }
            Piece::Table(rows) => {
                let start = b.b.len();
                let mut table = Table::default();
                for (i, row) in rows.iter().enumerate() {
                    if i > 0 {
                        b.b.push("\n");
                    }
                    table.rows.push(b.push_row(row));
                }
                b.b.block(start..b.b.len(), None, BlockKind::Table(table));
            }
        }
    }
    for (n, body) in notes {
        if !b.b.is_empty() {
            b.b.push("\n");
        }
        b.b.push(&format!("[^{n}]: "));
        let r = b.push_para(body);
        let note = Note {
            marker: n.to_string(),
            anchor: b.anchors.get(n).cloned(),
        };
        b.b.block(r, None, BlockKind::Note(note));
    }
    b.b.finish()
}

/// The document being built, the note anchors met, the legacy fonts' names.
struct Builder<'f> {
    b: DocBuilder,
    anchors: HashMap<usize, Range<usize>>,
    fonts: &'f [String],
}

impl Builder<'_> {
    /// One table row: cells separated by `\t`, each cell's paragraphs by a
    /// space.
    fn push_row(&mut self, row: &[CellOut]) -> Row {
        let start = self.b.len();
        let mut cells = Vec::with_capacity(row.len());
        for (col, cell) in row.iter().enumerate() {
            if col > 0 {
                self.b.push("\t");
            }
            let cell_start = self.b.len();
            let mut paragraphs = Vec::with_capacity(cell.paras.len());
            for (j, p) in cell.paras.iter().enumerate() {
                if j > 0 {
                    self.b.push(" ");
                }
                paragraphs.push(self.push_para(p));
            }
            cells.push(Cell {
                range: cell_start..self.b.len(),
                paragraphs,
                col,
                col_span: cell.col_span.max(1),
                merged_up: cell.merged_up,
            });
        }
        Row {
            range: start..self.b.len(),
            cells,
        }
    }

    /// Append a walker text: its legacy-font ranges as font runs, each held
    /// anchor written `[^n]` (the first of each note recorded).
    fn push_para(&mut self, p: &Para) -> Range<usize> {
        let start = self.b.len();
        let mut at = 0;
        for (r, f) in &p.fonts {
            let (Some(before), Some(run)) = (p.text.get(at..r.start), p.text.get(r.clone())) else {
                continue;
            };
            self.push_anchored(before, None);
            let font = self.fonts.get(usize::from(*f)).map(String::as_str);
            self.push_anchored(run, font);
            at = r.end;
        }
        self.push_anchored(p.text.get(at..).unwrap_or_default(), None);
        start..self.b.len()
    }

    /// Append `s` drawn in `font`, writing each held anchor as `[^n]`.
    fn push_anchored(&mut self, s: &str, font: Option<&str>) {
        let mut rest = s;
        while let Some(open) = rest.find(ANCHOR_OPEN) {
            self.push_text(&rest[..open], font);
            let after = &rest[open + ANCHOR_OPEN.len_utf8()..];
            let Some(close) = after.find(ANCHOR_CLOSE) else {
                rest = after;
                continue;
            };
            let n = &after[..close];
            let r = self.b.push(&format!("[^{n}]"));
            if let Ok(n) = n.parse::<usize>() {
                self.anchors.entry(n).or_insert(r);
            }
            rest = &after[close + ANCHOR_CLOSE.len_utf8()..];
        }
        self.push_text(rest, font);
    }

    fn push_text(&mut self, s: &str, font: Option<&str>) {
        match font {
            Some(f) => self.b.push_font(s, f),
            None => self.b.push(s),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// The blocks of a document, for tests: `(kind, text)`.
    fn describe(doc: &Doc) -> Vec<(String, String)> {
        doc.blocks
            .iter()
            .map(|blk| {
                let kind = match &blk.kind {
                    BlockKind::Paragraph => "p".to_string(),
                    BlockKind::Table(t) => format!(
                        "table {}x{}",
                        t.rows.len(),
                        t.rows.first().map_or(0, |r| r.cells.len())
                    ),
                    BlockKind::Note(n) => format!("note {}", n.marker),
                    other => format!("{other:?}"),
                };
                (kind, doc.slice(&blk.range).to_string())
            })
            .collect()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A minimal DOCX from (part name, content) pairs.
    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let o = zip::write::SimpleFileOptions::default();
            for (name, content) in parts {
                z.start_file(*name, o).unwrap();
                z.write_all(content.as_bytes()).unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    fn document(body: &str) -> String {
        format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#)
    }

    /// The LibreOffice-made fixture with `.VnTime`, `.VnTimeH` and
    /// `VNI-Times` runs beside Unicode ones (the `.doc` reader's test reads
    /// the same text from `mixed.doc`): every run decodes by its font, and
    /// the TCVN3 `ư` that LibreOffice wrote as `w:softHyphen` is kept.
    #[test]
    fn legacy_font_runs_are_kept_and_decode_by_font() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/legacy-gen/mixed.docx"
        );
        let bytes = std::fs::read(path).unwrap();
        let d = decode(&bytes, &Options::default()).unwrap();
        assert!(d.doc.text.contains("QuyÕt ®Þnh"));
        let mut fonts: Vec<&str> = d.doc.fonts.iter().map(|f| f.font.as_str()).collect();
        fonts.sort();
        fonts.dedup();
        assert_eq!(fonts, [".VnTime", ".VnTimeH", "VNI-Times"]);
        let text = crate::normalize::fonts::decode_doc(&d.doc).0.text.clone();
        let lines: Vec<&str> = text.lines().collect();
        // The text read from mixed.fodt (`uû` in .VnTimeH is u + ỷ: the
        // tone moves later, in normalize).
        let expected = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/legacy-gen/mixed.expected"
        ));
        assert_eq!(lines, expected.lines().collect::<Vec<_>>());
    }

    /// A run with no font of its own takes its character style's, its
    /// paragraph style's, or the default paragraph style's.
    #[test]
    fn run_fonts_come_through_the_styles() {
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Head"><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:hAnsi=".VnTimeH"/></w:rPr></w:style><w:style w:type="character" w:styleId="U"><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:style></w:styles>"#
        );
        let body = document(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Head"/></w:pPr><w:r><w:t>b¸o c¸o</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Tæng sè</w:t></w:r><w:r><w:rPr><w:rStyle w:val="U"/></w:rPr><w:t> Việt</w:t></w:r></w:p>"#,
        ));
        let bytes = docx(&[
            ("word/document.xml", &body),
            ("word/styles.xml", &styles),
            (
                "word/_rels/document.xml.rels",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
            ),
        ]);
        let d = decode(&bytes, &Options::default()).unwrap();
        let text = crate::normalize::fonts::decode_doc(&d.doc).0.text.clone();
        assert_eq!(text, "BÁO CÁO\nTổng số Việt");
    }

    #[test]
    fn body_and_footnotes() {
        let bytes = docx(&[
            (
                "word/document.xml",
                &document(concat!(
                    r#"<w:p><w:r><w:t>6 ngành hàng</w:t></w:r><w:r><w:footnoteReference w:id="5"/></w:r>"#,
                    r#"<w:r><w:t xml:space="preserve"> và Chu trình OCOP</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r></w:p>"#
                )),
            ),
            (
                "word/footnotes.xml",
                &format!(
                    r#"<w:footnotes {W}><w:footnote w:id="3"><w:p><w:r><w:footnoteRef/><w:t>Chu trình gồm 6 bước.</w:t></w:r></w:p></w:footnote><w:footnote w:id="5"><w:p><w:r><w:t>Sáu nhóm.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
                ),
            ),
        ]);
        let d = decode(&bytes, &Options::default()).unwrap();
        assert_eq!(
            d.doc.text,
            "6 ngành hàng[^1] và Chu trình OCOP[^2]\n[^1]: Sáu nhóm.\n[^2]: Chu trình gồm 6 bước."
        );
        assert_eq!(
            (d.format.as_str(), d.backend.as_str(), d.encoding, d.pages),
            ("docx", "docx", None, None)
        );
        assert!(d.warnings.is_empty() && d.errors.is_empty());
        assert_eq!(d.doc.check(), Ok(()));
        assert_eq!(
            describe(&d.doc),
            vec![
                ("p".into(), "6 ngành hàng[^1] và Chu trình OCOP[^2]".into()),
                ("note 1".into(), "Sáu nhóm.".into()),
                ("note 2".into(), "Chu trình gồm 6 bước.".into()),
            ]
        );
        let anchors: Vec<&str> = d
            .doc
            .notes()
            .map(|(_, n)| d.doc.slice(n.anchor.as_ref().unwrap()))
            .collect();
        assert_eq!(anchors, ["[^1]", "[^2]"]);
    }

    #[test]
    fn signature_table_keeps_each_cells_paragraphs() {
        let p = |t: &str| format!(r#"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"#);
        let cell = |paras: &[&str]| {
            format!(
                "<w:tc>{}</w:tc>",
                paras.iter().map(|t| p(t)).collect::<String>()
            )
        };
        let body = format!(
            "{}<w:tbl><w:tr>{}{}</w:tr></w:tbl>{}",
            p("Trân trọng./."),
            cell(&["Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT."]),
            cell(&["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Văn An"]),
            p("Phụ lục")
        );
        let bytes = docx(&[("word/document.xml", &document(&body))]);
        let d = decode(&bytes, &Options::default()).unwrap();
        assert_eq!(d.doc.check(), Ok(()));
        // The text is unchanged: one line per row, cells by tab.
        assert_eq!(
            d.doc.text,
            "Trân trọng./.\nNơi nhận: - Bộ Nội vụ; - Lưu: VT.\tKT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn An\nPhụ lục"
        );
        let (_, table) = d.doc.tables().next().unwrap();
        let row = &table.rows[0];
        let paras = |c: usize| -> Vec<&str> {
            row.cells[c]
                .paragraphs
                .iter()
                .map(|r| d.doc.slice(r))
                .collect()
        };
        assert_eq!(paras(0), ["Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT."]);
        assert_eq!(paras(1), ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]);
        assert_eq!((row.cells[1].col, row.cells[1].col_span), (1, 1));
    }

    #[test]
    fn list_numbers_are_rendered() {
        let numbering = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="4"/></w:num></w:numbering>"#
        );
        let para = |lvl: u8, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let body = [
            para(0, "MỤC ĐÍCH, YÊU CẦU"),
            para(1, "Mục đích"),
            para(1, "Yêu cầu"),
            para(0, "NHIỆM VỤ"),
        ]
        .concat();
        let bytes = docx(&[
            ("word/document.xml", &document(&body)),
            ("word/numbering.xml", &numbering),
        ]);
        assert_eq!(
            decode(&bytes, &Options::default()).unwrap().doc.text,
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n2. Yêu cầu\nII. NHIỆM VỤ"
        );
    }

    #[test]
    fn document_found_through_relationships() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/content/main.xml"/></Relationships>"#;
        let bytes = docx(&[
            ("_rels/.rels", rels),
            (
                "content/main.xml",
                &document("<w:p><w:r><w:t>ở chỗ khác</w:t></w:r></w:p>"),
            ),
        ]);
        assert_eq!(
            decode(&bytes, &Options::default()).unwrap().doc.text,
            "ở chỗ khác"
        );
    }

    fn kind(r: Result<Decoded, DocError>) -> (String, String) {
        let e = r.unwrap_err();
        (e.kind.to_string(), e.message)
    }

    #[test]
    fn damage_is_corrupt_docx() {
        let o = Options::default();
        assert_eq!(kind(decode(b"PK\x03\x04garbage", &o)).0, "corrupt_docx");
        let (k, m) = kind(decode(&docx(&[("xl/workbook.xml", "<a/>")]), &o));
        assert_eq!(k, "corrupt_docx");
        assert!(m.contains("word/document.xml"), "{m}");
        let (k, m) = kind(decode(
            &docx(&[("word/document.xml", "<w:document><w:body><w:p>")]),
            &o,
        ));
        assert_eq!(k, "corrupt_docx");
        assert!(m.starts_with("word/document.xml: "), "{m}");
    }

    #[test]
    fn zip_bomb_is_refused_by_decompressed_size() {
        let filler = " ".repeat(200_000);
        let bytes = docx(&[(
            "word/document.xml",
            &document(&format!("<w:p><w:r><w:t>a</w:t></w:r></w:p>{filler}")),
        )]);
        let small = Options {
            max_part_bytes: 100_000,
            ..Default::default()
        };
        let (k, m) = kind(decode(&bytes, &small));
        assert_eq!(k, "corrupt_docx");
        assert!(m.contains("more than 100000 bytes"), "{m}");
        assert!(decode(&bytes, &Options::default()).is_ok());
    }

    #[test]
    fn broken_footnotes_keep_the_body() {
        let bytes = docx(&[
            (
                "word/document.xml",
                &document(r#"<w:p><w:r><w:t>x</w:t><w:footnoteReference w:id="1"/></w:r></w:p>"#),
            ),
            ("word/footnotes.xml", "<w:footnotes><w:footnote>"),
        ]);
        let d = decode(&bytes, &Options::default()).unwrap();
        assert_eq!(d.doc.text, "x[^1]");
        assert_eq!(d.errors.len(), 1);
        // Nor the fonts of the body's runs.
        let legacy = docx(&[
            (
                "word/document.xml",
                &document(
                    r#"<w:p><w:r><w:rPr><w:rFonts w:hAnsi=".VnTime"/></w:rPr><w:t>Tæng</w:t><w:footnoteReference w:id="1"/></w:r></w:p>"#,
                ),
            ),
            ("word/footnotes.xml", "<w:footnotes><w:footnote>"),
        ]);
        let d = decode(&legacy, &Options::default()).unwrap();
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.doc.fonts.len(), 1);
        assert_eq!(d.doc.fonts[0].font, ".VnTime");
        assert_eq!(d.doc.slice(&d.doc.fonts[0].range), "Tæng");
        assert_eq!(d.errors[0].kind.as_str(), "corrupt_docx");
        let no_notes = docx(&[(
            "word/document.xml",
            &document(r#"<w:p><w:r><w:t>x</w:t><w:footnoteReference w:id="1"/></w:r></w:p>"#),
        )]);
        let d = decode(&no_notes, &Options::default()).unwrap();
        assert_eq!(d.warnings[0].kind, "footnote_missing");
    }
}
