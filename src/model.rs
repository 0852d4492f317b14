//! The document model: one text plus typed blocks over it.
//!
//! Every reader (text, PDF, DOCX, and the archive, spreadsheet and OCR
//! readers) produces a [`Doc`]; every later stage reads it. The text is what
//! the contract's `text` will show (cells of a table row separated by `\t`,
//! pages by `\u{c}`), but no stage has to find structure in it again: a table
//! is a [`Table`] with rows and cells as byte ranges, a note is a [`Note`]
//! with its anchor, a page break is a [`BlockKind::PageBreak`].
//!
//! Ranges are byte offsets into [`Doc::text`] (`start..end`, on character
//! boundaries). They stay bytes through every stage; the contract's
//! code-point offsets are made once, at output (`ground`). When a stage
//! rewrites the text (normalize repairs a line, layout joins wrapped lines) it
//! hands on an [`OffsetMap`] and the blocks are moved with
//! [`Doc::remap`], so structure found by a reader survives every rewrite.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A document: its text and the blocks that cover it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    pub text: String,
    /// Blocks in text order, not overlapping (a table's cells are inside the
    /// table block, not separate blocks). Text not covered by any block is
    /// separators. An empty list means "unstructured": the reader knew
    /// nothing beyond lines (plain text, PDF before layout).
    pub blocks: Vec<Block>,
    /// The font of each run of text where the reader knows it (DOCX, `.doc`,
    /// RTF, spreadsheets, PDF). Normalize decodes legacy runs by their font.
    /// Sorted, not overlapping; text outside every run has no known font.
    pub fonts: Vec<FontRun>,
    /// What a line of the text is: a printed line that may be wrapped (PDF,
    /// plain text) or a whole paragraph (word processors, spreadsheets).
    #[serde(default)]
    pub flow: Flow,
}

/// What one line of a [`Doc`]'s text stands for. Layout joins wrapped lines
/// only where lines are printed lines; a reader that writes one line per
/// paragraph says so instead of leaving layout to guess.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flow {
    /// Lines as printed or typed: they may be hard-wrapped.
    #[default]
    Lines,
    /// Each line is a whole paragraph (or a table row).
    Paragraphs,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Byte range of the whole block in [`Doc::text`].
    pub range: Range<usize>,
    /// 1-based page, where the source has pages.
    pub page: Option<u32>,
    pub kind: BlockKind,
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BlockKind {
    /// A paragraph of running text (a heading is a paragraph too: the
    /// structure stage decides what is a heading).
    Paragraph,
    /// A table, row by row.
    Table(Table),
    /// A footnote or endnote body; `range` is the body text.
    Note(Note),
    /// The form feed between two pages (`range` covers the `\u{c}`).
    PageBreak,
    /// A sheet of a workbook starts here; `range` covers its title line.
    Sheet { name: String },
}

/// A table: rows of cells.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub rows: Vec<Row>,
}

/// One row of a table; its cells in column order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub range: Range<usize>,
    pub cells: Vec<Cell>,
}

/// One cell of a table row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The cell's text (may be empty: `start == end`).
    pub range: Range<usize>,
    /// The cell's own paragraphs, each a range inside `range` (a signature
    /// cell holds `KT. CHỦ TỊCH`, `PHÓ CHỦ TỊCH` and a name as three).
    pub paragraphs: Vec<Range<usize>>,
    /// First grid column of the cell (0-based).
    pub col: usize,
    /// Grid columns covered (1 for an ordinary cell).
    pub col_span: usize,
    /// A continuation of a cell merged from the row above: its text is there.
    pub merged_up: bool,
}

/// A footnote or endnote.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// The marker as the document numbers it (`3`).
    pub marker: String,
    /// Where the note is referenced in the running text (the marker span).
    pub anchor: Option<Range<usize>>,
}

/// The font of a run of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FontRun {
    pub range: Range<usize>,
    /// The font name as the file gives it (`.VnTime`, `VNI-Times`).
    pub font: String,
}

/// The 8-bit encoding a font name declares, if any.
///
/// Vietnamese fonts of the 1990s–2000s put their own code page behind an
/// ordinary font name: `.VnTime` draws TCVN3 (ABC) codes, `.VnTimeH` the same
/// codes as capitals, `VNI-Times` draws VNI codes. The name is the only
/// reliable evidence of how the bytes of a run are meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FontEncoding {
    /// TCVN3 (ABC): `.Vn*` fonts.
    Tcvn3,
    /// TCVN3 drawn as capitals: `.Vn*H` fonts.
    Tcvn3Upper,
    /// VNI: `VNI-*` fonts.
    Vni,
    /// A symbol font (`Symbol`, `Wingdings`): not text.
    Symbol,
}

impl FontEncoding {
    /// The encoding a font name declares, or `None` for an ordinary
    /// (Unicode or unknown) font.
    pub fn of(font: &str) -> Option<FontEncoding> {
        let lower = font.trim().to_ascii_lowercase();
        let lower = family(&lower);
        if let Some(rest) = lower.strip_prefix(".vn") {
            // `.VnTimeH`, `.VnArialH`, `.VnAvantH`: the upper-case faces end
            // in `h` after the family name (`.vnh` alone is not one).
            let upper = rest.len() > 1 && rest.ends_with('h');
            return Some(if upper {
                FontEncoding::Tcvn3Upper
            } else {
                FontEncoding::Tcvn3
            });
        }
        // Other makers' names for the same TCVN3 faces (`VNTime`,
        // `VNSTCVN3`): no dot, but the code page or the family in the name.
        if lower.contains("tcvn3") || lower == "vntime" {
            return Some(FontEncoding::Tcvn3);
        }
        if lower == "vntimeh" {
            return Some(FontEncoding::Tcvn3Upper);
        }
        if lower.starts_with("vni-") || lower.starts_with("vni ") {
            return Some(FontEncoding::Vni);
        }
        if matches!(
            lower,
            "symbol" | "wingdings" | "wingdings 2" | "wingdings 3" | "webdings" | "marlett"
        ) {
            return Some(FontEncoding::Symbol);
        }
        None
    }

    /// The code page a font name declares: `of`, without symbol fonts,
    /// which draw pictures, not letters of a code page. The readers keep
    /// these runs' bytes as Windows-1252 characters for normalize to decode.
    pub fn code_page_of(font: &str) -> Option<FontEncoding> {
        FontEncoding::of(font).filter(|&e| e != FontEncoding::Symbol)
    }

    /// TCVN3, in either face: the code page whose `ư` is byte 0xAD, which
    /// Word and converters take for an optional hyphen.
    pub fn is_tcvn3(self) -> bool {
        matches!(self, FontEncoding::Tcvn3 | FontEncoding::Tcvn3Upper)
    }
}

/// The family part of a lower-case font name: the style a PDF writer
/// appends to the family (`VnTimeBold`, `VnTimeHBold`, `.VnTime,BoldItalic`,
/// `VNI-Times-Bold`) removed, so that the face declares what its family does
/// (`VnTimeHBold` is a capitals face like `.VnTimeH`).
fn family(lower: &str) -> &str {
    const STYLES: [&str; 4] = ["bold", "italic", "oblique", "regular"];
    let mut name = lower;
    loop {
        let before = name.len();
        for style in STYLES {
            name = name.strip_suffix(style).unwrap_or(name);
        }
        name = name.trim_end_matches([',', '-', ' ']);
        if name.len() == before || name.is_empty() {
            return if name.is_empty() { lower } else { name };
        }
    }
}

/// A monotone map from byte offsets of an old text to byte offsets of a new
/// one, made of the spans a stage replaced.
///
/// Offsets outside every edit move by the length difference of the edits
/// before them. An offset inside an edit is placed inside its replacement:
/// at the same number of whitespace-separated words when both sides have the
/// same word count (legacy decodings replace a line word for word), else at
/// the replacement's start.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OffsetMap {
    /// `(old_range, new_range)`, sorted, not overlapping.
    edits: Vec<(Range<usize>, Range<usize>)>,
    /// Word boundaries inside edits, when they align: `(old, new)` pairs.
    inner: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The identity map.
    pub fn identity() -> Self {
        Self::default()
    }

    /// Record that `old[old_range]` became `new[new_range]`. Edits must be
    /// added in order. `old_text` and `new_text` are the replaced and the
    /// replacing text, used to place word boundaries inside the edit.
    pub fn push(
        &mut self,
        old_range: Range<usize>,
        new_range: Range<usize>,
        old_text: &str,
        new_text: &str,
    ) {
        let old_ws: Vec<usize> = word_gaps(old_text).collect();
        let new_ws: Vec<usize> = word_gaps(new_text).collect();
        if !old_ws.is_empty() && old_ws.len() == new_ws.len() {
            for (o, n) in old_ws.into_iter().zip(new_ws) {
                self.inner.push((old_range.start + o, new_range.start + n));
            }
        }
        self.edits.push((old_range, new_range));
    }

    /// The map between two texts with the same line structure (normalize
    /// keeps every `\n`): each line that differs is one edit, narrowed to
    /// the part between their common prefix and suffix. `None` when the line
    /// counts differ (then no map can be trusted).
    pub fn by_lines(old: &str, new: &str) -> Option<OffsetMap> {
        let mut map = OffsetMap::identity();
        if old == new {
            return Some(map);
        }
        let (mut o, mut n) = (0usize, 0usize);
        let mut old_lines = old.split('\n');
        let mut new_lines = new.split('\n');
        loop {
            match (old_lines.next(), new_lines.next()) {
                (Some(a), Some(b)) => {
                    if a != b {
                        let pre = common_prefix(a, b);
                        let suf = common_suffix(&a[pre..], &b[pre..]);
                        let (ae, be) = (a.len() - suf, b.len() - suf);
                        map.push(o + pre..o + ae, n + pre..n + be, &a[pre..ae], &b[pre..be]);
                    }
                    o += a.len() + 1;
                    n += b.len() + 1;
                }
                (None, None) => return Some(map),
                _ => return None,
            }
        }
    }

    pub fn is_identity(&self) -> bool {
        self.edits.is_empty()
    }

    /// The new offset of old byte offset `b`.
    pub fn map(&self, b: usize) -> usize {
        // Last edit starting at or before b.
        let k = self.edits.partition_point(|(o, _)| o.start <= b);
        if k == 0 {
            return b;
        }
        let (old, new) = &self.edits[k - 1];
        if b >= old.end {
            return b - old.end + new.end;
        }
        if b == old.start {
            return new.start;
        }
        match self.inner.binary_search_by_key(&b, |&(o, _)| o) {
            Ok(i) => self.inner[i].1,
            Err(_) => new.start,
        }
    }

    /// The map of this map followed by `then`.
    pub fn then(self, then: &OffsetMap) -> ComposedMap<'_> {
        ComposedMap {
            first: self,
            second: then,
        }
    }
}

/// Two maps applied in turn.
pub struct ComposedMap<'a> {
    first: OffsetMap,
    second: &'a OffsetMap,
}

impl ComposedMap<'_> {
    pub fn map(&self, b: usize) -> usize {
        self.second.map(self.first.map(b))
    }
}

/// Length in bytes of the common prefix of `a` and `b`, on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    a.floor_char_boundary(n).min(b.floor_char_boundary(n))
}

/// Length in bytes of the common suffix of `a` and `b`, on a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    let n = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut n = n;
    while n > 0 && !(a.is_char_boundary(a.len() - n) && b.is_char_boundary(b.len() - n)) {
        n -= 1;
    }
    n
}

/// Word edges inside `s`: the offset where each whitespace run starts and
/// where it ends (a word's end and the next word's start), in order.
fn word_gaps(s: &str) -> impl Iterator<Item = usize> + '_ {
    let mut prev_space: Option<bool> = None;
    s.char_indices().filter_map(move |(i, c)| {
        let space = c.is_whitespace();
        let edge = prev_space.is_some_and(|p| p != space);
        prev_space = Some(space);
        edge.then_some(i)
    })
}

impl Doc {
    /// A document of plain text with no known structure.
    pub fn plain(text: String) -> Self {
        Doc {
            text,
            ..Default::default()
        }
    }

    /// Replace the text by `new_text` and move every range with `map`
    /// (old byte offset → new byte offset, monotone). Ranges are clamped to
    /// character boundaries of the new text.
    pub fn remap(&mut self, new_text: String, map: impl Fn(usize) -> usize) {
        self.remap_ranges(&new_text, map);
        self.text = new_text;
    }

    /// Move every range with `map` onto `new_text`, leaving [`Doc::text`]
    /// as it is (for a caller that keeps the new text elsewhere).
    pub fn remap_ranges(&mut self, new_text: &str, map: impl Fn(usize) -> usize) {
        let fix = |r: &mut Range<usize>| {
            let s = new_text.floor_char_boundary(map(r.start));
            let e = new_text.floor_char_boundary(map(r.end)).max(s);
            *r = s..e;
        };
        for b in &mut self.blocks {
            fix(&mut b.range);
            match &mut b.kind {
                BlockKind::Table(t) => {
                    for row in &mut t.rows {
                        fix(&mut row.range);
                        for cell in &mut row.cells {
                            fix(&mut cell.range);
                            for p in &mut cell.paragraphs {
                                fix(p);
                            }
                        }
                    }
                }
                BlockKind::Note(n) => {
                    if let Some(a) = &mut n.anchor {
                        fix(a);
                    }
                }
                BlockKind::Paragraph | BlockKind::PageBreak | BlockKind::Sheet { .. } => {}
            }
        }
        for f in &mut self.fonts {
            fix(&mut f.range);
        }
    }

    /// The tables, in text order.
    pub fn tables(&self) -> impl Iterator<Item = (&Block, &Table)> {
        tables(&self.blocks)
    }

    /// The notes, in text order.
    pub fn notes(&self) -> impl Iterator<Item = (&Block, &Note)> {
        self.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Note(n) => Some((b, n)),
            _ => None,
        })
    }

    /// The text of a range (empty when out of bounds).
    pub fn slice(&self, r: &Range<usize>) -> &str {
        self.text.get(r.clone()).unwrap_or("")
    }

    /// Check the model's invariants: ranges inside the text, on character
    /// boundaries, in order; cells inside their row, rows inside their table.
    /// Readers' tests call it; a violation names the first broken range.
    pub fn check(&self) -> Result<(), String> {
        let ok = |r: &Range<usize>| {
            r.start <= r.end
                && r.end <= self.text.len()
                && self.text.is_char_boundary(r.start)
                && self.text.is_char_boundary(r.end)
        };
        let inside = |inner: &Range<usize>, outer: &Range<usize>| {
            outer.start <= inner.start && inner.end <= outer.end
        };
        let mut last_end = 0;
        for (i, b) in self.blocks.iter().enumerate() {
            if !ok(&b.range) {
                return Err(format!("block {i}: range {:?} is not in the text", b.range));
            }
            if b.range.start < last_end {
                return Err(format!("block {i}: starts before the previous block ends"));
            }
            last_end = b.range.end;
            if let BlockKind::Table(t) = &b.kind {
                for (r, row) in t.rows.iter().enumerate() {
                    if !ok(&row.range) || !inside(&row.range, &b.range) {
                        return Err(format!("block {i} row {r}: {:?} outside", row.range));
                    }
                    for (c, cell) in row.cells.iter().enumerate() {
                        if !ok(&cell.range) || !inside(&cell.range, &row.range) {
                            return Err(format!("block {i} row {r} cell {c}: outside its row"));
                        }
                        if cell
                            .paragraphs
                            .iter()
                            .any(|p| !ok(p) || !inside(p, &cell.range))
                        {
                            return Err(format!(
                                "block {i} row {r} cell {c}: a paragraph outside the cell"
                            ));
                        }
                    }
                }
            }
            if let BlockKind::Note(n) = &b.kind {
                if n.anchor.as_ref().is_some_and(|a| !ok(a)) {
                    return Err(format!("block {i}: note anchor not in the text"));
                }
            }
        }
        for f in &self.fonts {
            if !ok(&f.range) {
                return Err(format!("font run {:?} is not in the text", f.range));
            }
        }
        Ok(())
    }
}

/// The tables among `blocks`, in order.
pub fn tables(blocks: &[Block]) -> impl Iterator<Item = (&Block, &Table)> {
    blocks.iter().filter_map(|b| match &b.kind {
        BlockKind::Table(t) => Some((b, t)),
        _ => None,
    })
}

/// Helps readers build a [`Doc`]: appends text and records ranges, so a
/// reader never computes an offset by hand.
#[derive(Debug, Default)]
pub struct DocBuilder {
    doc: Doc,
}

impl DocBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for `additional` more bytes of text, made at once.
    pub fn reserve(&mut self, additional: usize) {
        self.doc.text.reserve(additional);
    }

    /// Current end of the text.
    pub fn len(&self) -> usize {
        self.doc.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doc.text.is_empty()
    }

    pub fn text(&self) -> &str {
        &self.doc.text
    }

    /// Append text with no font information; returns its range.
    pub fn push(&mut self, s: &str) -> Range<usize> {
        let start = self.doc.text.len();
        self.doc.text.push_str(s);
        start..self.doc.text.len()
    }

    /// Append text drawn in `font`; consecutive runs of one font merge.
    pub fn push_font(&mut self, s: &str, font: &str) -> Range<usize> {
        let r = self.push(s);
        if r.is_empty() {
            return r;
        }
        match self.doc.fonts.last_mut() {
            Some(last) if last.range.end == r.start && last.font == font => {
                last.range.end = r.end;
            }
            _ => self.doc.fonts.push(FontRun {
                range: r.clone(),
                font: font.to_string(),
            }),
        }
        r
    }

    /// Add a block (blocks must be added in text order).
    pub fn block(&mut self, range: Range<usize>, page: Option<u32>, kind: BlockKind) {
        self.doc.blocks.push(Block { range, page, kind });
    }

    /// Say that each line of the text is a whole paragraph.
    pub fn paragraphs(&mut self) {
        self.doc.flow = Flow::Paragraphs;
    }

    pub fn finish(self) -> Doc {
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_names_declare_encodings() {
        assert_eq!(FontEncoding::of(".VnTime"), Some(FontEncoding::Tcvn3));
        assert_eq!(FontEncoding::of(".VnTimeH"), Some(FontEncoding::Tcvn3Upper));
        assert_eq!(
            FontEncoding::of(".VnArialH"),
            Some(FontEncoding::Tcvn3Upper)
        );
        assert_eq!(FontEncoding::of(".VnArial"), Some(FontEncoding::Tcvn3));
        assert_eq!(FontEncoding::of("VNI-Times"), Some(FontEncoding::Vni));
        assert_eq!(FontEncoding::of("Symbol"), Some(FontEncoding::Symbol));
        assert_eq!(FontEncoding::of("Times New Roman"), None);
        assert_eq!(FontEncoding::of("VNSTCVN3"), Some(FontEncoding::Tcvn3));
        assert_eq!(FontEncoding::of("VNTime"), Some(FontEncoding::Tcvn3));
        assert_eq!(FontEncoding::of("VNTimeH"), Some(FontEncoding::Tcvn3Upper));
        assert_eq!(FontEncoding::of("VNI Times"), Some(FontEncoding::Vni));
        // Faces as PDF writers name them: the style after the family.
        assert_eq!(FontEncoding::of("VnTimeBold"), Some(FontEncoding::Tcvn3));
        assert_eq!(FontEncoding::of("VnTimeItalic"), Some(FontEncoding::Tcvn3));
        assert_eq!(
            FontEncoding::of("VnTimeBoldItalic"),
            Some(FontEncoding::Tcvn3)
        );
        assert_eq!(
            FontEncoding::of("VnTimeHBold"),
            Some(FontEncoding::Tcvn3Upper)
        );
        assert_eq!(FontEncoding::of(".VnTime,Bold"), Some(FontEncoding::Tcvn3));
        assert_eq!(
            FontEncoding::of(".VnTime,BoldItalic"),
            Some(FontEncoding::Tcvn3)
        );
        assert_eq!(
            FontEncoding::of(".VnTimeH,Bold"),
            Some(FontEncoding::Tcvn3Upper)
        );
        assert_eq!(FontEncoding::of("VNI-Times-Bold"), Some(FontEncoding::Vni));
        assert_eq!(FontEncoding::of("TimesNewRomanPS-BoldMT"), None);
        assert_eq!(FontEncoding::of("Arial,Bold"), None);
    }

    #[test]
    fn offset_map_moves_ranges_through_edits() {
        // "ab Qu®Þnh cd" → "ab Quyết định cd": one edit over the word.
        let old = "ab Qu\u{ae}\u{de}nh cd";
        let new = "ab Quyết định cd";
        let mut m = OffsetMap::identity();
        let (os, oe) = (3, old.len() - 3);
        let (ns, ne) = (3, new.len() - 3);
        m.push(os..oe, ns..ne, &old[os..oe], &new[ns..ne]);
        assert_eq!(m.map(0), 0);
        assert_eq!(m.map(3), 3);
        assert_eq!(m.map(oe), ne);
        assert_eq!(m.map(old.len()), new.len());
    }

    #[test]
    fn offset_map_aligns_words_inside_an_edit() {
        let old = "aa bb cc";
        let new = "ááá bbb ccc";
        let mut m = OffsetMap::identity();
        m.push(0..old.len(), 0..new.len(), old, new);
        // The gap after the first word.
        assert_eq!(&new[m.map(2)..m.map(2) + 1], " ");
        assert_eq!(&new[..m.map(2)], "ááá");
        assert_eq!(&new[..m.map(5)], "ááá bbb");
    }

    #[test]
    fn by_lines_narrows_each_changed_line() {
        let old = "Quy\u{d5}t \u{ae}\u{de}nh\tX\nkh\u{f4}ng \u{f0}\u{f5}i\n";
        let new = "Quyết định\tX\nkhông đổi\n";
        let m = OffsetMap::by_lines(old, new).unwrap();
        let tab_old = old.find('\t').unwrap();
        let tab_new = new.find('\t').unwrap();
        assert_eq!(m.map(tab_old), tab_new);
        assert_eq!(m.map(old.len()), new.len());
        let second_old = old.find('\n').unwrap() + 1;
        assert_eq!(m.map(second_old), new.find('\n').unwrap() + 1);
        assert!(OffsetMap::by_lines("a\nb", "ab").is_none());
    }

    #[test]
    fn remap_keeps_cells_in_rows() {
        let mut b = DocBuilder::new();
        let a = b.push("Xã A");
        let _ = b.push("\t");
        let c = b.push("100");
        let row = a.start..c.end;
        b.block(
            row.clone(),
            None,
            BlockKind::Table(Table {
                rows: vec![Row {
                    range: row,
                    cells: vec![
                        Cell {
                            range: a.clone(),
                            paragraphs: vec![a],
                            col: 0,
                            col_span: 1,
                            merged_up: false,
                        },
                        Cell {
                            range: c.clone(),
                            paragraphs: vec![c],
                            col: 1,
                            col_span: 1,
                            merged_up: false,
                        },
                    ],
                }],
            }),
        );
        let mut doc = b.finish();
        assert_eq!(doc.check(), Ok(()));
        // Prepend two bytes.
        let new = format!("..{}", doc.text);
        doc.remap(new, |o| o + 2);
        assert_eq!(doc.check(), Ok(()));
        let (_, t) = doc.tables().next().unwrap();
        assert_eq!(doc.slice(&t.rows[0].cells[1].range), "100");
    }
}
