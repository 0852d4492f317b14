//! WordprocessingML → paragraphs and tables, in document order.
//!
//! One streaming pass over a part (no DOM, so memory is the size of the
//! output), with an explicit element stack instead of recursion so hostile
//! nesting is bounded by [`MAX_DEPTH`] rather than by the thread's stack.
//!
//! What becomes what ([`Piece`]s, assembled into the document model by the
//! caller):
//! - a body paragraph is one line (a `w:br` inside it starts a new line);
//! - a table is a [`Piece::Table`] of rows of cells, each cell keeping its own
//!   paragraphs; a cell spanning `n` grid columns (`w:gridSpan`) is followed by
//!   `n - 1` empty cells; a vertically merged continuation cell (`w:vMerge`
//!   without `restart`) is an empty cell marked `merged_up`, so every row keeps
//!   the table's column count; a table nested in a cell is flattened into the
//!   cell, one paragraph per row;
//! - `w:footnoteReference`/`w:endnoteReference` become note anchors, numbered
//!   in order of first appearance (see [`NoteRefs`]); in the strings they are
//!   held as [`ANCHOR_OPEN`]`n`[`ANCHOR_CLOSE`] until the caller writes them;
//! - deleted text, field instructions and the `mc:Fallback` copy of
//!   alternate content are skipped, so nothing is read twice.
//!
//! Elements are matched by namespace, not prefix, so a generator that binds
//! WordprocessingML to another prefix reads the same.

use std::collections::HashMap;
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::numbering::{Numbering, ParaProps};
use super::styles::{self, Styles};
use crate::model::FontEncoding;

/// Deepest element nesting accepted. Real documents stay far below (a table
/// in a text box in a table is about 30 levels); deeper is an attack or damage.
pub const MAX_DEPTH: usize = 256;
/// Widest `w:gridSpan` honoured: Word's own limit is 63 columns. Caps the
/// output a tiny hostile cell can produce.
const MAX_SPAN: usize = 64;
/// Most distinct legacy font names kept (a hostile file could name many).
const MAX_FONTS: usize = 1024;

/// WordprocessingML namespaces: transitional and strict OOXML.
pub(crate) const W_NS: &[&[u8]] = &[
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NS: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Footnote or endnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    Foot,
    End,
}

/// Note references in order of first appearance: the `n` of `[^n]` is the
/// position here, so markers read 1, 2, 3... whatever ids the file uses.
#[derive(Debug, Default)]
pub struct NoteRefs {
    pub order: Vec<(NoteKind, String)>,
    index: HashMap<(NoteKind, String), usize>,
}

impl NoteRefs {
    /// The 1-based number of a note, assigned on first sight.
    pub fn number(&mut self, kind: NoteKind, id: &str) -> usize {
        let key = (kind, id.to_string());
        if let Some(&n) = self.index.get(&key) {
            return n;
        }
        self.order.push(key.clone());
        let n = self.order.len();
        self.index.insert(key, n);
        n
    }
}

/// What one open element means to the walker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Run,
    Text,
    Other,
}

/// Opens a note anchor inside a walker string: `ANCHOR_OPEN n ANCHOR_CLOSE`.
/// Interlinear-annotation characters, removed from document text on the way
/// in, so a document cannot forge an anchor.
pub const ANCHOR_OPEN: char = '\u{FFF9}';
/// Closes a note anchor.
pub const ANCHOR_CLOSE: char = '\u{FFFB}';

/// Text with the ranges drawn in legacy fonts: a paragraph, a line of one,
/// or a cell's or note's text. Only fonts that declare a code page
/// ([`FontEncoding::of`]: `.VnTime`, `VNI-Times`) are kept, as indexes into
/// the walker's font names; normalize decodes those ranges by their font.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    pub text: String,
    /// Byte ranges of `text`, in order, with their font.
    pub fonts: Vec<(Range<usize>, u16)>,
}

impl Para {
    /// Text in no legacy font.
    pub fn plain(text: impl Into<String>) -> Para {
        Para {
            text: text.into(),
            fonts: Vec::new(),
        }
    }

    /// Append `s`, drawn in legacy font `font` if any (adjacent ranges of
    /// one font merge).
    fn push_str(&mut self, s: &str, font: Option<u16>) {
        let start = self.text.len();
        self.text.push_str(s);
        if let (Some(f), false) = (font, s.is_empty()) {
            match self.fonts.last_mut() {
                Some((r, last)) if *last == f && r.end == start => r.end = self.text.len(),
                _ => self.fonts.push((start..self.text.len(), f)),
            }
        }
    }

    /// Append another text with its fonts.
    fn append(&mut self, other: &Para) {
        let shift = self.text.len();
        for (r, f) in &other.fonts {
            let r = r.start + shift..r.end + shift;
            match self.fonts.last_mut() {
                Some((last, lf)) if lf == f && last.end == r.start => last.end = r.end,
                _ => self.fonts.push((r, *f)),
            }
        }
        self.text.push_str(&other.text);
    }

    /// The text of byte range `r` (on character boundaries) with its fonts.
    fn slice(&self, r: Range<usize>) -> Para {
        Para {
            text: self.text[r.clone()].to_string(),
            fonts: self
                .fonts
                .iter()
                .filter_map(|(f, id)| {
                    let (a, b) = (f.start.max(r.start), f.end.min(r.end));
                    (a < b).then(|| (a - r.start..b - r.start, *id))
                })
                .collect(),
        }
    }

    /// Without leading and trailing whitespace.
    fn trim(&self) -> Para {
        let start = self.text.len() - self.text.trim_start().len();
        let end = start + self.text[start..].trim_end().len();
        self.slice(start..end)
    }

    /// The lines between `\n`s, each trimmed, empty ones dropped.
    fn lines(&self) -> Vec<Para> {
        let mut out = Vec::new();
        let mut from = 0;
        for (i, _) in self.text.match_indices('\n').chain([(self.text.len(), "")]) {
            let line = self.slice(from..i).trim();
            if !line.text.is_empty() {
                out.push(line);
            }
            from = i + 1;
        }
        out
    }

    /// `parts` joined by `sep`.
    fn join(parts: &[Para], sep: &str) -> Para {
        let mut out = Para::default();
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                out.text.push_str(sep);
            }
            out.append(p);
        }
        out
    }
}

/// What the walker delivers, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// One line of running text (a paragraph, or part of one after a break).
    Line(Para),
    /// A table: rows of cells.
    Table(Vec<Vec<CellOut>>),
}

impl Piece {
    /// The piece as the lines of text it shows: a table row is its cells
    /// joined by `\t`, a cell its paragraphs joined by a space.
    pub fn lines(&self) -> Vec<Para> {
        match self {
            Piece::Line(l) => vec![l.clone()],
            Piece::Table(rows) => rows
                .iter()
                .map(|r| Para::join(&r.iter().map(CellOut::text).collect::<Vec<_>>(), "\t"))
                .collect(),
        }
    }
}

/// One cell of a delivered table row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CellOut {
    /// The cell's paragraphs (each one line, breaks as spaces).
    pub paras: Vec<Para>,
    /// Grid columns covered (the extra columns follow as empty cells).
    pub col_span: usize,
    /// A continuation of a vertically merged cell (shown empty).
    pub merged_up: bool,
}

impl CellOut {
    /// The cell's text: its paragraphs joined by a space.
    pub fn text(&self) -> Para {
        Para::join(&self.paras, " ")
    }
}

#[derive(Debug, Default)]
struct Cell {
    paras: Vec<Para>,
    span: usize,
    continuation: bool,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<CellOut>,
    cell: Option<Cell>,
    grid_before: usize,
    grid_after: usize,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<CellOut>>,
    row: Option<Row>,
}

/// Which part is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    Notes,
}

struct Walker<'r> {
    mode: Mode,
    stack: Vec<Kind>,
    /// Stack depth at which an ignored subtree began.
    skip_from: Option<usize>,
    /// Open paragraphs: text so far and numbering properties.
    paras: Vec<(Para, ParaProps)>,
    numbering: Option<&'r mut Numbering>,
    styles: Option<&'r Styles>,
    /// The open run's own font and character style (`w:rFonts`, `w:rStyle`),
    /// and its font once resolved through the styles (at its first text).
    run_font: Option<String>,
    run_style: Option<String>,
    run_legacy: Option<Option<u16>>,
    /// Names of the legacy fonts met, indexed by [`Para::fonts`].
    fonts: Vec<String>,
    tables: Vec<Table>,
    out: Vec<Piece>,
    refs: Option<&'r mut NoteRefs>,
    /// Notes mode: the open note (kind, id, index into `out` where it began).
    note: Option<(NoteKind, String, usize)>,
    notes: NoteBodies,
}

/// The pieces of a document body and the names of the legacy fonts they
/// use; note references are numbered into `refs`, list paragraphs get their
/// markers from `numbering`, runs their fonts through `styles`.
pub fn body(
    xml: &str,
    refs: &mut NoteRefs,
    numbering: &mut Numbering,
    styles: &Styles,
    fonts: &mut Vec<String>,
) -> Result<Vec<Piece>, String> {
    let mut w = Walker::new(Mode::Body, Some(refs));
    w.numbering = Some(numbering);
    w.styles = Some(styles);
    w.run_with_fonts(xml, fonts)?;
    Ok(w.out)
}

/// Note bodies by (kind, id).
pub type NoteBodies = HashMap<(NoteKind, String), Para>;

/// The bodies of the notes in a footnotes or endnotes part, by (kind, id),
/// each one line, and the legacy fonts' names (`fonts` extended).
pub fn notes(xml: &str, styles: &Styles, fonts: &mut Vec<String>) -> Result<NoteBodies, String> {
    let mut w = Walker::new(Mode::Notes, None);
    w.styles = Some(styles);
    w.run_with_fonts(xml, fonts)?;
    Ok(w.notes)
}

impl<'r> Walker<'r> {
    fn new(mode: Mode, refs: Option<&'r mut NoteRefs>) -> Self {
        Walker {
            mode,
            stack: Vec::new(),
            skip_from: None,
            paras: Vec::new(),
            numbering: None,
            styles: None,
            run_font: None,
            run_style: None,
            run_legacy: None,
            fonts: Vec::new(),
            tables: Vec::new(),
            out: Vec::new(),
            refs,
            note: None,
            notes: HashMap::new(),
        }
    }

    /// [`Walker::run`] adding the legacy fonts it meets to `fonts` (the
    /// names the font ids of its text point at), kept even when the part
    /// turns out damaged, since earlier parts' text points at them too.
    fn run_with_fonts(&mut self, xml: &str, fonts: &mut Vec<String>) -> Result<(), String> {
        self.fonts = std::mem::take(fonts);
        let read = self.run(xml);
        *fonts = std::mem::take(&mut self.fonts);
        read
    }

    fn run(&mut self, xml: &str) -> Result<(), String> {
        let mut reader = NsReader::from_str(xml);
        loop {
            let pos = reader.buffer_position();
            let (ns, event) = reader
                .read_resolved_event()
                .map_err(|e| format!("malformed XML near byte {pos}: {e}"))?;
            match event {
                Event::Start(e) => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(format!(
                            "XML nested deeper than {MAX_DEPTH} levels near byte {pos}"
                        ));
                    }
                    let kind = self.start(&ns, &e, true);
                    self.stack.push(kind);
                }
                Event::Empty(e) => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(format!(
                            "XML nested deeper than {MAX_DEPTH} levels near byte {pos}"
                        ));
                    }
                    self.start(&ns, &e, false);
                }
                Event::End(e) => {
                    self.stack.pop();
                    if self.skip_from.is_some_and(|d| self.stack.len() <= d) {
                        self.skip_from = None;
                        continue;
                    }
                    if self.skip_from.is_none() {
                        self.end(&ns, e.local_name().as_ref());
                    }
                }
                Event::Text(t) if self.in_text() => {
                    let s = t
                        .unescape()
                        .map_err(|e| format!("malformed XML near byte {pos}: {e}"))?;
                    self.push_text(&s);
                }
                Event::CData(t) if self.in_text() => {
                    let s = String::from_utf8_lossy(&t).into_owned();
                    self.push_text(&s);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !self.stack.is_empty() {
            return Err(format!(
                "XML ends with {} element(s) still open (truncated part?)",
                self.stack.len()
            ));
        }
        Ok(())
    }

    fn in_text(&self) -> bool {
        self.skip_from.is_none() && self.stack.last() == Some(&Kind::Text)
    }

    fn parent_is_run(&self) -> bool {
        self.stack.last() == Some(&Kind::Run)
    }

    /// Inside a run's properties (`w:r/w:rPr`), not a paragraph mark's.
    fn in_run_props(&self) -> bool {
        self.stack.len() >= 2 && self.stack[self.stack.len() - 2] == Kind::Run
    }

    /// The open run's font, as an index into [`Walker::fonts`], when it is
    /// a legacy font (resolved once per run, through the styles).
    fn legacy_font(&mut self) -> Option<u16> {
        if let Some(f) = self.run_legacy {
            return f;
        }
        let para_style = self.paras.last().and_then(|(_, p)| p.style.as_deref());
        let name = match self.styles {
            Some(st) => st.font(
                self.run_font.as_deref(),
                self.run_style.as_deref(),
                para_style,
            ),
            None => self.run_font.as_deref(),
        };
        let f = name
            .filter(|n| FontEncoding::code_page_of(n).is_some())
            .and_then(|n| match self.fonts.iter().position(|x| x == n) {
                Some(i) => u16::try_from(i).ok(),
                None if self.fonts.len() < MAX_FONTS => {
                    self.fonts.push(n.to_string());
                    u16::try_from(self.fonts.len() - 1).ok()
                }
                None => None,
            });
        self.run_legacy = Some(f);
        f
    }

    /// Handle an opening (or empty) element; returns its kind for the stack.
    fn start(&mut self, ns: &ResolveResult, e: &BytesStart, has_end: bool) -> Kind {
        if self.skip_from.is_some() {
            return Kind::Other;
        }
        let local = e.local_name();
        let name = local.as_ref();
        if is_ns(ns, &[MC_NS]) {
            if name == b"Fallback" && has_end {
                self.skip_from = Some(self.stack.len());
            }
            return Kind::Other;
        }
        if !is_ns(ns, W_NS) {
            return Kind::Other;
        }
        match name {
            b"p" if has_end => self.paras.push(Default::default()),
            b"pStyle" | b"numId" | b"ilvl" if !self.in_run_props() => {
                if let Some((_, props)) = self.paras.last_mut() {
                    let v = attr(e, b"val");
                    match name {
                        b"pStyle" => props.style = v,
                        b"numId" => props.num_id = v,
                        _ => props.ilvl = v.and_then(|v| v.parse().ok()),
                    }
                }
            }
            b"r" => {
                self.run_font = None;
                self.run_style = None;
                self.run_legacy = None;
                return Kind::Run;
            }
            b"rFonts" if self.in_run_props() => self.run_font = styles::run_font(e),
            b"rStyle" if self.in_run_props() => self.run_style = attr(e, b"val"),
            b"t" => return Kind::Text,
            // An optional hyphen in a TCVN3 font is the byte 0xAD, `ư`, that
            // a converter took for a soft hyphen (`n`, hyphen, `íc`: `nước`).
            b"softHyphen" if self.parent_is_run() => {
                if let Some(f) = self.legacy_font() {
                    let tcvn3 = self
                        .fonts
                        .get(usize::from(f))
                        .and_then(|n| FontEncoding::of(n))
                        .is_some_and(FontEncoding::is_tcvn3);
                    if tcvn3 {
                        if let Some((p, _)) = self.paras.last_mut() {
                            p.push_str("\u{ad}", Some(f));
                        }
                    }
                }
            }
            // Deleted text, field codes, and the old properties of tracked changes.
            b"delText" | b"instrText" | b"delInstrText" | b"pPrChange" | b"rPrChange"
            | b"numberingChange"
                if has_end =>
            {
                self.skip_from = Some(self.stack.len());
            }
            b"tab" | b"ptab" if self.parent_is_run() => self.push_raw(" "),
            b"br" | b"cr" if self.parent_is_run() => self.push_raw("\n"),
            b"noBreakHyphen" if self.parent_is_run() => self.push_raw("-"),
            b"footnoteReference" | b"endnoteReference" if self.mode == Mode::Body => {
                let kind = if name == b"footnoteReference" {
                    NoteKind::Foot
                } else {
                    NoteKind::End
                };
                if let (Some(id), Some(refs)) = (attr(e, b"id"), self.refs.as_deref_mut()) {
                    let n = refs.number(kind, &id);
                    self.push_raw(&format!("{ANCHOR_OPEN}{n}{ANCHOR_CLOSE}"));
                }
            }
            b"footnote" | b"endnote" if self.mode == Mode::Notes && has_end => {
                let kind = if name == b"footnote" {
                    NoteKind::Foot
                } else {
                    NoteKind::End
                };
                let id = attr(e, b"id").unwrap_or_default();
                self.note = Some((kind, id, self.out.len()));
            }
            b"tbl" if has_end => self.tables.push(Table::default()),
            b"tr" if has_end => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(Row::default());
                }
            }
            b"gridBefore" | b"gridAfter" => {
                let n = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    if row.cell.is_none() {
                        if name == b"gridBefore" {
                            row.grid_before = n.min(MAX_SPAN);
                        } else {
                            row.grid_after = n.min(MAX_SPAN);
                        }
                    }
                }
            }
            b"tc" if has_end => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    row.cell = Some(Cell {
                        span: 1,
                        ..Default::default()
                    });
                }
            }
            b"gridSpan" => {
                if let Some(cell) = self.open_cell() {
                    let n: usize = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1);
                    cell.span = n.clamp(1, MAX_SPAN);
                }
            }
            b"vMerge" | b"hMerge" => {
                if let Some(cell) = self.open_cell() {
                    cell.continuation = attr(e, b"val").is_none_or(|v| v != "restart");
                }
            }
            _ => {}
        }
        Kind::Other
    }

    fn end(&mut self, ns: &ResolveResult, name: &[u8]) {
        if !is_ns(ns, W_NS) {
            return;
        }
        match name {
            b"p" => {
                if let Some((text, props)) = self.paras.pop() {
                    self.deliver_paragraph(text, &props);
                }
            }
            b"tc" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    if let Some(cell) = row.cell.take() {
                        row.cells.push(CellOut {
                            paras: if cell.continuation {
                                Vec::new()
                            } else {
                                cell.paras
                            },
                            col_span: cell.span,
                            merged_up: cell.continuation,
                        });
                        row.cells
                            .extend(std::iter::repeat_n(CellOut::default(), cell.span - 1));
                    }
                }
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(row) = t.row.take() {
                        if row.cells.iter().any(|c| !c.paras.is_empty()) {
                            let mut cells = vec![CellOut::default(); row.grid_before];
                            cells.extend(row.cells);
                            cells.extend(std::iter::repeat_n(CellOut::default(), row.grid_after));
                            t.rows.push(cells);
                        }
                    }
                }
            }
            b"tbl" => {
                if let Some(t) = self.tables.pop() {
                    match self.open_cell() {
                        // A nested table is flattened into its cell.
                        Some(cell) => {
                            for mut line in Piece::Table(t.rows).lines() {
                                // Tabs and spaces are one byte: ranges hold.
                                line.text = line.text.replace('\t', " ");
                                cell.paras.push(line);
                            }
                        }
                        None if !t.rows.is_empty() => self.out.push(Piece::Table(t.rows)),
                        None => {}
                    }
                }
            }
            b"footnote" | b"endnote" if self.mode == Mode::Notes => {
                if let Some((kind, id, from)) = self.note.take() {
                    let from = from.min(self.out.len());
                    let lines: Vec<Para> = self.out.drain(from..).flat_map(|p| p.lines()).collect();
                    let body = Para::join(&lines, " ");
                    if !body.text.is_empty() {
                        self.notes.insert((kind, id), body);
                    }
                }
            }
            _ => {}
        }
    }

    fn open_cell(&mut self) -> Option<&mut Cell> {
        self.tables
            .last_mut()
            .and_then(|t| t.row.as_mut())
            .and_then(|r| r.cell.as_mut())
    }

    /// A finished paragraph, prefixed with its list marker if numbered, goes
    /// into the open table cell (one line, spaces for breaks), or out as lines.
    fn deliver_paragraph(&mut self, mut text: Para, props: &ParaProps) {
        let marker = match (self.numbering.as_deref_mut(), self.styles) {
            (Some(n), Some(st)) if props.num_id.is_some() || props.style.is_some() => {
                n.marker(props, st)
            }
            _ => None,
        };
        if let Some(m) = marker {
            let rest = text.slice(text.text.len() - text.text.trim_start().len()..text.text.len());
            let mut with = Para::plain(m);
            if !rest.text.is_empty() {
                with.text.push(' ');
                with.append(&rest);
            }
            text = with;
        }
        if let Some(cell) = self.open_cell() {
            // Breaks inside a cell paragraph become spaces; ends trimmed.
            let line = Para::join(&text.lines(), " ");
            if !line.text.is_empty() {
                cell.paras.push(line);
            }
            return;
        }
        for line in text.lines() {
            self.out.push(Piece::Line(line));
        }
    }

    /// Append text from `w:t`: whitespace controls become spaces (tab and line
    /// feed are reserved for table cells and lines), other controls are dropped.
    fn push_text(&mut self, s: &str) {
        if self.paras.is_empty() {
            return;
        }
        let clean: String = s
            .chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' => Some(' '),
                c if c.is_control() => None,
                ANCHOR_OPEN..=ANCHOR_CLOSE => None,
                c => Some(c),
            })
            .collect();
        let font = self.legacy_font();
        if let Some((p, _)) = self.paras.last_mut() {
            p.push_str(&clean, font);
        }
    }

    /// Append generated text (breaks, markers) as is.
    fn push_raw(&mut self, s: &str) {
        if let Some((p, _)) = self.paras.last_mut() {
            p.push_str(s, None);
        }
    }
}

pub(super) fn is_ns(ns: &ResolveResult, wanted: &[&[u8]]) -> bool {
    matches!(ns, ResolveResult::Bound(n) if wanted.contains(&n.as_ref()))
}

/// An attribute's value by local name (`w:val` → `val`).
pub(super) fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The body's pieces, read with no styles (so no fonts).
    fn body(
        xml: &str,
        refs: &mut NoteRefs,
        numbering: &mut Numbering,
    ) -> Result<Vec<Piece>, String> {
        super::body(xml, refs, numbering, &Styles::default(), &mut Vec::new())
    }

    /// The note bodies' texts, read with no styles.
    fn notes(xml: &str) -> Result<HashMap<(NoteKind, String), String>, String> {
        super::notes(xml, &Styles::default(), &mut Vec::new())
            .map(|n| n.into_iter().map(|(k, v)| (k, v.text)).collect())
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn doc(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{inner}</w:body></w:document>"#
        )
    }

    /// The body as the lines it shows, anchors written `[^n]`.
    fn lines(inner: &str) -> Vec<String> {
        body(
            &doc(inner),
            &mut NoteRefs::default(),
            &mut Numbering::default(),
        )
        .unwrap()
        .iter()
        .flat_map(Piece::lines)
        .map(|l| l.text.replace(ANCHOR_OPEN, "[^").replace(ANCHOR_CLOSE, "]"))
        .collect()
    }

    #[test]
    fn paragraphs_runs_tabs_breaks() {
        let got = lines(concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>"#,
            r#"<w:r><w:t>Số: 25/BC-UBND</w:t></w:r><w:r><w:tab/><w:t>Nghĩa Lộ</w:t></w:r></w:p>"#,
            r#"<w:p/><w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>KT. CHỦ TỊCH</w:t><w:br/><w:t>PHÓ CHỦ TỊCH</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>a&amp;b</w:t><w:delText>xoá</w:delText><w:instrText> PAGE </w:instrText><w:noBreakHyphen/><w:t>c</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            got,
            vec![
                "Số: 25/BC-UBND Nghĩa Lộ",
                "KT. CHỦ TỊCH",
                "PHÓ CHỦ TỊCH",
                "a&b-c"
            ]
        );
    }

    #[test]
    fn alternate_content_is_read_once() {
        let got = lines(concat!(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>"#,
            r#"<w:p><w:r><w:t>trong hộp</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"#,
            r#"<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>trong hộp</w:t></w:r></w:p>"#,
            r#"</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>ngoài</w:t></w:r></w:p>"#,
        ));
        assert_eq!(got, vec!["trong hộp", "ngoài"]);
    }

    #[test]
    fn other_prefix_same_namespace() {
        let xml = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p><x:r><x:t>Báo cáo</x:t></x:r></x:p></x:body></x:document>"#;
        assert_eq!(
            body(xml, &mut NoteRefs::default(), &mut Numbering::default()).unwrap(),
            vec![Piece::Line(Para::plain("Báo cáo"))]
        );
        // Same local names in a foreign namespace are not text.
        let foreign =
            r#"<x:document xmlns:x="urn:other"><x:p><x:r><x:t>no</x:t></x:r></x:p></x:document>"#;
        assert!(
            body(foreign, &mut NoteRefs::default(), &mut Numbering::default())
                .unwrap()
                .is_empty()
        );
    }

    fn tc(text: &str, props: &str) -> String {
        format!(r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#)
    }

    #[test]
    fn table_rows_spans_and_vertical_merge() {
        let row1 = format!(
            "<w:tr>{}{}{}</w:tr>",
            tc("TT", r#"<w:vMerge w:val="restart"/>"#),
            tc("Tên", r#"<w:vMerge w:val="restart"/>"#),
            tc("Đăng ký", r#"<w:gridSpan w:val="2"/>"#)
        );
        let row2 = format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc("", "<w:vMerge/>"),
            tc("stale", r#"<w:vMerge w:val="continue"/>"#),
            tc("3 sao", ""),
            tc("4 sao", "")
        );
        let row3 = concat!(
            r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>Dầu</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>phụng</w:t><w:br/><w:t>Phổ</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>X</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"#
        );
        let got = lines(&format!(
            "<w:p><w:r><w:t>trước</w:t></w:r></w:p><w:tbl><w:tblGrid/>{row1}{row2}{row3}</w:tbl><w:p><w:r><w:t>sau</w:t></w:r></w:p>"
        ));
        assert_eq!(
            got,
            vec![
                "trước",
                "TT\tTên\tĐăng ký\t",
                "\t\t3 sao\t4 sao",
                "\tDầu phụng Phổ\t\tX",
                "sau"
            ]
        );
    }

    #[test]
    fn nested_table_is_flattened_into_its_cell() {
        let inner = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", tc("a", ""), tc("b", ""));
        let got = lines(&format!(
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>{inner}</w:tc>{}</w:tr></w:tbl>",
            tc("y", "")
        ));
        assert_eq!(got, vec!["x a b\ty"]);
    }

    #[test]
    fn note_references_are_renumbered_in_order() {
        let mut refs = NoteRefs::default();
        let got = body(
            &doc(concat!(
                r#"<w:p><w:r><w:t>năm 2020</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r>"#,
                r#"<w:r><w:t> và</w:t></w:r><w:r><w:endnoteReference w:id="7"/></w:r></w:p>"#,
                r#"<w:p><w:r><w:t>lại</w:t><w:footnoteReference w:id="7"/><w:footnoteReference w:id="2"/></w:r></w:p>"#
            )),
            &mut refs,
            &mut Numbering::default(),
        )
        .unwrap();
        let got: Vec<String> = got
            .iter()
            .flat_map(Piece::lines)
            .map(|l| l.text.replace(ANCHOR_OPEN, "[^").replace(ANCHOR_CLOSE, "]"))
            .collect();
        assert_eq!(got, vec!["năm 2020[^1] và[^2]", "lại[^1][^3]"]);
        assert_eq!(
            refs.order,
            vec![
                (NoteKind::Foot, "7".to_string()),
                (NoteKind::End, "7".to_string()),
                (NoteKind::Foot, "2".to_string())
            ]
        );
    }

    #[test]
    fn note_bodies_by_id() {
        let xml = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 6 ngành hàng gồm:</w:t></w:r></w:p><w:p><w:r><w:t>(1) Nhóm thực phẩm</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let got = notes(&xml).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[&(NoteKind::Foot, "2".to_string())],
            "6 ngành hàng gồm: (1) Nhóm thực phẩm"
        );
    }

    #[test]
    fn malformed_and_hostile_xml_are_errors() {
        let mut r = NoteRefs::default();
        assert!(body(
            &doc("<w:p><w:r><w:t>x</w:r></w:p>"),
            &mut r,
            &mut Numbering::default()
        )
        .is_err());
        assert!(body(
            "<w:document><w:body><w:p>",
            &mut r,
            &mut Numbering::default()
        )
        .unwrap_err()
        .contains("still open"));
        assert!(body(
            &doc("<w:p><w:r><w:t>&bogus;</w:t></w:r></w:p>"),
            &mut r,
            &mut Numbering::default()
        )
        .is_err());
        let deep = format!("{}{}", "<w:sdt>".repeat(10_000), "</w:sdt>".repeat(10_000));
        assert!(body(&doc(&deep), &mut r, &mut Numbering::default())
            .unwrap_err()
            .contains("nested deeper"));
        let ok = format!("{}{}", "<w:sdt>".repeat(100), "</w:sdt>".repeat(100));
        assert!(body(&doc(&ok), &mut r, &mut Numbering::default()).is_ok());
    }

    #[test]
    fn huge_grid_span_is_capped() {
        let got = lines(&format!(
            "<w:tbl><w:tr>{}</w:tr></w:tbl>",
            tc("a", r#"<w:gridSpan w:val="99999999"/>"#)
        ));
        assert_eq!(got[0].matches('\t').count(), MAX_SPAN - 1);
    }

    /// Trimming, splitting at breaks and joining keep each font range on
    /// its own characters.
    #[test]
    fn para_font_ranges_follow_their_text() {
        let mut p = Para::default();
        p.push_str("  Sè ", Some(0));
        p.push_str("liÖu", Some(0));
        p.push_str(" và\n ", None);
        p.push_str("tØnh ", Some(1));
        let words = |q: &Para| -> Vec<(String, u16)> {
            q.fonts
                .iter()
                .map(|(r, f)| (q.text[r.clone()].to_string(), *f))
                .collect()
        };
        let lines = p.lines();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "Sè liÖu và");
        assert_eq!(words(&lines[0]), [("Sè liÖu".to_string(), 0)]);
        assert_eq!(words(&lines[1]), [("tØnh".to_string(), 1)]);
        let joined = Para::join(&lines, "\t");
        assert_eq!(joined.text, "Sè liÖu và\ttØnh");
        assert_eq!(
            words(&joined),
            [("Sè liÖu".to_string(), 0), ("tØnh".to_string(), 1)]
        );
    }
}
