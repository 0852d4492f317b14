//! Word 97–2003 binary documents (`.doc`), read natively.
//!
//! The file is an OLE compound file (read with the `cfb` crate) holding a
//! `WordDocument` stream (the FIB, the text, the formatting pages) and a
//! table stream (`0Table` or `1Table`: piece table, font table, stylesheet,
//! note tables). The text is walked piece by piece in character-position
//! order; each character gets the font of its run, so legacy runs
//! (`.VnTime`, `VNI-Times`) keep their bytes as Windows-1252 characters,
//! exactly what Word shows, and normalize decodes them by font. Fields keep
//! their result and drop their code; cell marks make table blocks; footnotes
//! and endnotes become `[^n]` references and note blocks; text boxes become
//! paragraphs after the paragraph holding their shape ([`drawing`]); running
//! headers and footers, each distinct one once, become paragraphs at the end.
//!
//! Word 6 and 95 files (another FIB) and encrypted files are refused with a
//! typed error; every table offset is checked against its stream.

mod bytes;
mod drawing;
mod fib;
mod pieces;
mod props;

use std::io::{Cursor, Read};

use super::flow::Flow;
use super::Decoded;
use crate::model::FontEncoding;
use crate::options::Options;
use crate::output::{DocError, ErrorKind, Warning};
use crate::vi::legacy::cp1252_char;
use fib::{lcb, FibError};
use pieces::Piece;
use props::{CharProps, ParaProps, Runs, Styles};

/// The error kind of a damaged `.doc`.
const CORRUPT: ErrorKind = ErrorKind::CorruptDoc;

/// The OLE compound file signature.
pub const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Most nested fields tracked (deeper ones are still balanced by count).
const MAX_FIELD_DEPTH: usize = 64;

/// Decode a `.doc`.
pub fn decode(data: &[u8], opts: &Options) -> Result<Decoded, DocError> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(data))
        .map_err(|e| DocError::new(CORRUPT, format!("not a readable compound file: {e}")))?;
    if !cf.is_stream("/WordDocument") {
        return Err(other_office_file(&cf));
    }
    let w = read_stream(&mut cf, "/WordDocument", opts.max_part_bytes)?;
    let fib = fib::parse(&w).map_err(|e| match e {
        FibError::NotWord => DocError::new(CORRUPT, "WordDocument stream has no Word header"),
        FibError::TooOld(n) => DocError::new(
            ErrorKind::UnsupportedFormat,
            format!(
                "a Word 6/95 document (nFib {n}): only Word 97-2003 .doc is read; \
                 save it as .doc (97-2003) or .docx first"
            ),
        ),
        FibError::Truncated => DocError::new(CORRUPT, "the Word header (FIB) is cut short"),
    })?;
    if fib.encrypted || fib.obfuscated {
        return Err(DocError::new(
            ErrorKind::Encrypted,
            "the document is password-protected: remove the password in Word first",
        ));
    }
    let table_name = if fib.table1 { "/1Table" } else { "/0Table" };
    if !cf.is_stream(table_name) {
        return Err(DocError::new(
            CORRUPT,
            format!("the table stream {table_name} is missing"),
        ));
    }
    let t = read_stream(&mut cf, table_name, opts.max_part_bytes)?;
    let table = |i: usize| -> &[u8] {
        fib.table(i)
            .and_then(|(fc, len)| bytes::slice(&t, fc, len))
            .unwrap_or(&[])
    };
    let clx = table(lcb::CLX);
    if clx.is_empty() {
        return Err(DocError::new(CORRUPT, "no piece table (Clx)"));
    }
    let pieces = pieces::parse(clx, w.len()).map_err(|e| DocError::new(CORRUPT, e))?;
    let reader = Reader {
        w: &w,
        pieces,
        chpx: props::chpx_runs(&w, table(lcb::PLCF_BTE_CHPX)),
        papx: props::papx_runs(&w, table(lcb::PLCF_BTE_PAPX)),
        fonts: props::font_names(table(lcb::STTBF_FFN)),
        styles: Styles::parse(table(lcb::STSHF)),
    };
    let mut warnings = Vec::new();
    let mut flow = Flow::new();
    // Text boxes follow the paragraph holding their shape's anchor; those
    // without one follow the main text.
    let txbx_base = fib
        .ccp_text
        .saturating_add(fib.ccp_ftn)
        .saturating_add(fib.ccp_hdd)
        .saturating_add(fib.ccp_atn)
        .saturating_add(fib.ccp_edn);
    let mut boxes = drawing::text_boxes(
        table(lcb::PLCFTXBX_TXT),
        table(lcb::PLC_SPA_MOM),
        table(lcb::DGG_INFO),
        fib.ccp_txbx,
    );
    boxes.sort_by_key(|b| b.anchor.unwrap_or(u32::MAX));
    let story = |b: &drawing::TextBox| {
        txbx_base.saturating_add(b.range.start)..txbx_base.saturating_add(b.range.end)
    };
    let mut next_box = 0;
    let main = 0..fib.ccp_text;
    reader.walk_then(main, &mut flow, Mode::Main, &mut |cp, flow| {
        while let Some(b) = boxes
            .get(next_box)
            .filter(|b| b.anchor.is_some_and(|a| a <= cp))
        {
            reader.walk(story(b), flow, Mode::Furniture);
            next_box += 1;
        }
    });
    for b in boxes.iter().skip(next_box) {
        reader.walk(story(b), &mut flow, Mode::Furniture);
    }
    flow.end_main();
    let refs = flow.note_count();
    // Notes: footnotes after the main text, endnotes after footnotes,
    // headers and comments.
    let ftn_base = fib.ccp_text;
    let edn_base = fib
        .ccp_text
        .saturating_add(fib.ccp_ftn)
        .saturating_add(fib.ccp_hdd)
        .saturating_add(fib.ccp_atn);
    let mut bodies = note_ranges(
        table(lcb::PLCFFND_TXT),
        plc_count(table(lcb::PLCFFND_REF), 2),
        ftn_base,
        fib.ccp_ftn,
    );
    bodies.extend(note_ranges(
        table(lcb::PLCFEND_TXT),
        plc_count(table(lcb::PLCFEND_REF), 2),
        edn_base,
        fib.ccp_edn,
    ));
    if bodies.len() != refs && refs > 0 {
        warnings.push(Warning {
            kind: "footnote_missing".into(),
            message: format!("{refs} note reference(s), {} note bodies", bodies.len()),
            start: None,
            end: None,
        });
    }
    for (k, body) in bodies.into_iter().enumerate().take(refs) {
        flow.begin_note(k + 1);
        reader.walk(body, &mut flow, Mode::Note);
        flow.end_note();
    }
    // Running headers and footers (a form's code, an office's name): each
    // distinct one once, as paragraphs after the notes, since a text has no
    // page margin to put them in.
    let hdd_base = fib.ccp_text.saturating_add(fib.ccp_ftn);
    let mut seen: Vec<String> = Vec::new();
    for story in header_stories(table(lcb::PLCF_HDD), hdd_base, fib.ccp_hdd) {
        let mut alone = Flow::new();
        reader.walk(story.clone(), &mut alone, Mode::Furniture);
        let key = alone.finish().text.trim().to_string();
        if key.is_empty() || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        flow.end_note();
        flow.end_main();
        reader.walk(story, &mut flow, Mode::Furniture);
    }
    Ok(Decoded {
        format: "doc".into(),
        encoding: None,
        backend: "doc".into(),
        pages: None,
        doc: flow.finish(),
        warnings,
        ..Default::default()
    })
}

/// The error for an OLE file without a Word document in it.
fn other_office_file<F: Read + std::io::Seek>(cf: &cfb::CompoundFile<F>) -> DocError {
    if cf.is_stream("/EncryptionInfo") || cf.is_stream("/EncryptedPackage") {
        return DocError::new(
            ErrorKind::Encrypted,
            "a password-protected Office document: remove the password first",
        );
    }
    let what = if cf.is_stream("/Workbook") || cf.is_stream("/Book") {
        "an Excel workbook"
    } else if cf.is_stream("/PowerPoint Document") {
        "a PowerPoint presentation"
    } else {
        "an OLE compound file without a Word document"
    };
    DocError::new(
        ErrorKind::UnsupportedFormat,
        format!("{what}, not a Word document"),
    )
}

/// Read a whole stream, refusing one larger than `max` bytes.
fn read_stream<F: Read + std::io::Seek>(
    cf: &mut cfb::CompoundFile<F>,
    name: &str,
    max: u64,
) -> Result<Vec<u8>, DocError> {
    let s = cf
        .open_stream(name)
        .map_err(|e| DocError::new(CORRUPT, format!("{name}: {e}")))?;
    if s.len() > max {
        return Err(DocError::new(
            CORRUPT,
            format!("{name}: more than {max} bytes (--max-part-bytes)"),
        ));
    }
    let mut out = Vec::with_capacity(s.len() as usize);
    s.take(max)
        .read_to_end(&mut out)
        .map_err(|e| DocError::new(CORRUPT, format!("{name}: {e}")))?;
    Ok(out)
}

/// The number of entries of a PLC whose data entries are `cb` bytes.
fn plc_count(plc: &[u8], cb: usize) -> usize {
    plc.len().saturating_sub(4) / (4 + cb)
}

/// CP ranges of the `n` note bodies of a `PlcffndTxt`/`PlcfendTxt` (which
/// ends with a guard entry): `base` is where the sub-document starts, `len`
/// its length.
fn note_ranges(plc: &[u8], n: usize, base: u32, len: u32) -> Vec<std::ops::Range<u32>> {
    let cps: Vec<u32> = (0..=n).filter_map(|i| bytes::u32_at(plc, i * 4)).collect();
    cps.windows(2)
        .filter(|p| p[0] < p[1] && p[1] <= len)
        .map(|p| base.saturating_add(p[0])..base.saturating_add(p[1]))
        .collect()
}

/// The stories of the headers sub-document (`PlcfHdd`: CPs relative to
/// `base`, `len` long, ending with a guard), without the six note
/// separators that come first; at most [`MAX_STORIES`].
fn header_stories(plc: &[u8], base: u32, len: u32) -> Vec<std::ops::Range<u32>> {
    let cps: Vec<u32> = (0..plc.len() / 4)
        .take(MAX_STORIES + SEPARATOR_STORIES + 1)
        .filter_map(|i| bytes::u32_at(plc, i * 4))
        .collect();
    cps.windows(2)
        .skip(SEPARATOR_STORIES)
        .filter(|p| p[0] < p[1] && p[1] <= len)
        .map(|p| base.saturating_add(p[0])..base.saturating_add(p[1]))
        .collect()
}

/// Footnote and endnote separators and continuation notices.
const SEPARATOR_STORIES: usize = 6;
/// Most header and footer stories read (six per section).
const MAX_STORIES: usize = 600;

/// Which sub-document is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Main,
    Note,
    /// A running header or footer, or a text box: paragraphs, its cells
    /// read as paragraphs.
    Furniture,
}

struct Reader<'a> {
    w: &'a [u8],
    pieces: Vec<Piece>,
    chpx: Runs<CharProps>,
    papx: Runs<ParaProps>,
    fonts: Vec<String>,
    styles: Styles,
}

/// Per-walk state: what the fields hide, and lookup hints.
#[derive(Default)]
struct Walk {
    /// Open fields: true while in the code part (hidden).
    fields: Vec<bool>,
    /// Fields deeper than [`MAX_FIELD_DEPTH`].
    deep: usize,
    chp_hint: usize,
    pap_hint: usize,
    /// The run being collected: text and font.
    run: String,
    run_font: Option<usize>,
    run_table: bool,
}

impl Reader<'_> {
    /// Walk CPs `range` into `flow`.
    fn walk(&self, range: std::ops::Range<u32>, flow: &mut Flow, mode: Mode) {
        self.walk_then(range, flow, mode, &mut |_, _| {});
    }

    /// Walk CPs `range` into `flow`, calling `after_para` with the CP of
    /// each paragraph mark of the main text outside tables and fields, once
    /// the paragraph is in `flow` (where text boxes are placed).
    fn walk_then(
        &self,
        range: std::ops::Range<u32>,
        flow: &mut Flow,
        mode: Mode,
        after_para: &mut dyn FnMut(u32, &mut Flow),
    ) {
        let mut st = Walk::default();
        let first = self.pieces.partition_point(|p| p.cp_end <= range.start);
        for piece in self.pieces.iter().skip(first) {
            if piece.cp >= range.end {
                break;
            }
            let from = piece.cp.max(range.start);
            let to = piece.cp_end.min(range.end);
            for cp in from..to {
                let fc = piece.fc_of(cp);
                let c = if piece.compressed {
                    cp1252_char(self.w[fc])
                } else {
                    let u = u16::from_le_bytes([self.w[fc], self.w[fc + 1]]);
                    char::from_u32(u as u32).unwrap_or('\u{FFFD}')
                };
                self.char(c, fc, flow, mode, &mut st);
                if c == '\r'
                    && mode == Mode::Main
                    && !Self::hidden(&st)
                    && !self.papx.at(fc, &mut st.pap_hint).in_table
                {
                    after_para(cp, flow);
                }
            }
        }
        self.flush(flow, &mut st);
    }

    fn hidden(st: &Walk) -> bool {
        st.fields.iter().any(|&code| code)
    }

    /// One character at stream offset `fc`.
    fn char(&self, c: char, fc: usize, flow: &mut Flow, mode: Mode, st: &mut Walk) {
        match c {
            '\u{13}' => {
                if st.fields.len() < MAX_FIELD_DEPTH {
                    st.fields.push(true);
                } else {
                    st.deep += 1;
                }
                return;
            }
            '\u{14}' => {
                if st.deep == 0 {
                    if let Some(f) = st.fields.last_mut() {
                        *f = false;
                    }
                }
                return;
            }
            '\u{15}' => {
                if st.deep > 0 {
                    st.deep -= 1;
                } else {
                    st.fields.pop();
                }
                return;
            }
            _ => {}
        }
        if Self::hidden(st) {
            return;
        }
        let para = self.papx.at(fc, &mut st.pap_hint);
        let in_table = para.in_table && mode == Mode::Main;
        match c {
            '\r' => {
                self.flush(flow, st);
                flow.para_end(in_table);
            }
            '\u{7}' => {
                self.flush(flow, st);
                if mode != Mode::Main {
                    flow.para_end(false);
                } else if para.ttp {
                    flow.row_end();
                } else {
                    flow.cell_end();
                }
            }
            '\u{b}' | '\u{c}' | '\u{e}' => {
                self.flush(flow, st);
                flow.line_break(in_table);
            }
            '\u{2}' => {
                // An auto-numbered note reference (in a note: its own mark).
                self.flush(flow, st);
                if mode == Mode::Main {
                    flow.note_ref(in_table);
                }
            }
            '\u{1e}' => self.push(flow, st, '-', fc, in_table),
            // An optional hyphen after a letter in a TCVN3 font is the byte
            // 0xAD, `ư`, that a converter took for a soft hyphen (`n\u{1f}íc`
            // is `nước`); Word's own optional hyphens stand before words.
            '\u{1f}'
                if st.run.chars().last().is_some_and(char::is_alphabetic)
                    && self.legacy_at(fc, st) =>
            {
                self.push(flow, st, '\u{ad}', fc, in_table)
            }
            '\u{1f}' | '\u{1}' | '\u{3}' | '\u{4}' | '\u{5}' | '\u{8}' => {}
            '\t' => self.push(flow, st, '\t', fc, in_table),
            c if c.is_control() => {}
            c => self.push(flow, st, c, fc, in_table),
        }
    }

    /// Add a character to the current run, starting a new run when the font
    /// or the table state changes.
    fn push(&self, flow: &mut Flow, st: &mut Walk, c: char, fc: usize, in_table: bool) {
        let font = self.font_at(fc, st);
        if (font != st.run_font || in_table != st.run_table) && !st.run.is_empty() {
            self.flush(flow, st);
        }
        st.run_font = font;
        st.run_table = in_table;
        // Symbol-area code points (U+F0xx) of a legacy font stand for the byte.
        let legacy = font
            .and_then(|f| self.fonts.get(f))
            .and_then(|n| FontEncoding::code_page_of(n))
            .is_some();
        let c = if legacy && ('\u{F020}'..='\u{F0FF}').contains(&c) {
            cp1252_char((c as u32 - 0xF000) as u8)
        } else {
            c
        };
        st.run.push(c);
    }

    /// Is the character at `fc` in a TCVN3 font?
    fn legacy_at(&self, fc: usize, st: &mut Walk) -> bool {
        let font = self.font_at(fc, st).and_then(|f| self.fonts.get(f));
        font.and_then(|n| FontEncoding::of(n))
            .is_some_and(FontEncoding::is_tcvn3)
    }

    fn flush(&self, flow: &mut Flow, st: &mut Walk) {
        if st.run.is_empty() {
            return;
        }
        let font = st
            .run_font
            .and_then(|f| self.fonts.get(f))
            .map(String::as_str);
        flow.text(&st.run, font.filter(|f| !f.is_empty()), st.run_table);
        st.run.clear();
    }

    /// The font index of the character at `fc`: its own, its character
    /// style's, its paragraph style's, or the document default; the font of
    /// non-ASCII characters (`ftc2`) first, as legacy bytes are drawn in it.
    fn font_at(&self, fc: usize, st: &mut Walk) -> Option<usize> {
        let chp = self.chpx.at(fc, &mut st.chp_hint);
        let mut fonts = chp.fonts;
        if !fonts.complete() {
            if let Some(i) = chp.istd {
                fonts = fonts.or(self.styles.fonts(i));
            }
        }
        if !fonts.complete() {
            let para = self.papx.at(fc, &mut st.pap_hint);
            fonts = fonts.or(self.styles.fonts(para.istd));
        }
        let fonts = fonts.or(self.styles.default_fonts());
        fonts.other.or(fonts.ascii).map(usize::from)
    }
}

#[cfg(test)]
mod tests;
