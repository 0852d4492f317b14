//! Layout stage: pages, lines, footnotes.
//!
//! Input: normalized text (pages separated by `\u{c}`). Output: the final `text`
//! of the contract and the footnotes found in it. The stage
//!
//! - drops the blank line PDF extraction puts after every printed line, keeping
//!   real paragraph breaks as one empty line, and strips trailing spaces;
//! - joins hard-wrapped prose lines into paragraphs where the evidence is strong
//!   (see `join.rs`), keeping headings, bullets, signature lines, table rows and
//!   tables flattened one cell per line on their own lines;
//! - removes page numbers and running headers/footers of paged text
//!   (`furniture.rs`);
//! - rewrites footnotes (`footnotes.rs`): a marker glued to the text becomes
//!   `[^3]`, a body at the page bottom becomes a line `[^3]: body`.
//!
//! It never changes a character of the input: the output is made of copied
//! input spans and inserted separators/brackets (`builder.rs`), so the offset map
//! [`Laid::map_offset`] is exact and monotone. Running it on its own output
//! changes nothing.

mod blocks;
mod builder;
mod footnotes;
mod furniture;
mod join;
mod lines;

use std::collections::{HashMap, VecDeque};

use crate::model::{Block, BlockKind, Doc, Flow, OffsetMap};

use builder::{Builder, Seg};
use footnotes::{Marker, MdBody, RawBody};
use lines::{Line, Mode, Skip};

/// The result of layout.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub text: String,
    /// Footnotes with byte offsets into `text` (converted to code points by the
    /// pipeline): `start..end` is the body text (after `[^3]: `), and
    /// `anchor_start..anchor_end` the `[^3]` in the running text.
    pub footnotes: Vec<LaidNote>,
    /// Copied spans, for [`Laid::map_offset`].
    segs: Vec<Seg>,
    src_len: usize,
}

impl Laid {
    /// The blocks of the laid-out text. A reader's own blocks (`reader`, over
    /// the text before normalize; `normalized` maps that text to the one
    /// layout read) are kept and moved onto the final text; a reader that gave
    /// none gets blocks derived from the lines (tables, notes, page breaks,
    /// paragraphs).
    pub fn blocks(&self, reader: &Doc, normalized: Option<&OffsetMap>) -> Vec<Block> {
        let Some(map) = normalized.filter(|_| !reader.blocks.is_empty()) else {
            return blocks::derive(&self.text, &self.footnotes);
        };
        let mut doc = Doc {
            blocks: reader.blocks.clone(),
            ..Doc::default()
        };
        doc.remap_ranges(&self.text, |b| self.map_offset(map.map(b)));
        // Rows layout dropped (page furniture) are gone from the text.
        for b in &mut doc.blocks {
            if let BlockKind::Table(t) = &mut b.kind {
                t.rows.retain(|r| !r.range.is_empty());
            }
        }
        doc.blocks.retain(|b| match &b.kind {
            BlockKind::Table(t) => !t.rows.is_empty(),
            BlockKind::PageBreak => true,
            _ => !b.range.is_empty(),
        });
        join_tables_across_pages(&self.text, doc.blocks)
    }

    /// Map a byte offset of the layout's input to the corresponding byte offset
    /// of its output (used to move normalize warnings onto the final text).
    /// Monotone; an offset inside dropped text lands where the text was.
    pub fn map_offset(&self, byte: usize) -> usize {
        builder::map_offset(&self.segs, self.src_len, self.text.len(), byte)
    }
}

/// A table that a page break cuts is one table: two table blocks with only
/// blank lines and page breaks between them are joined (the rows of the
/// second page follow the first page's header, as they do in the source).
fn join_tables_across_pages(text: &str, blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let BlockKind::Table(next) = &b.kind {
            // The last table before any page breaks in between.
            let at = out
                .iter()
                .rposition(|p| !matches!(p.kind, BlockKind::PageBreak))
                .filter(|&i| matches!(out[i].kind, BlockKind::Table(_)));
            if let Some(i) = at {
                let gap = text.get(out[i].range.end..b.range.start).unwrap_or("x");
                if gap.chars().all(|c| c.is_whitespace()) && gap.contains('\u{c}') {
                    out.truncate(i + 1);
                    let prev = &mut out[i];
                    prev.range.end = b.range.end;
                    if let BlockKind::Table(t) = &mut prev.kind {
                        t.rows.extend(next.rows.iter().cloned());
                    }
                    continue;
                }
            }
        }
        out.push(b);
    }
    out
}

/// Blocks of a text with no footnotes known, derived from its lines (tests
/// and tools that start from text).
pub fn derive_blocks(text: &str) -> Vec<Block> {
    blocks::derive(text, &[])
}

/// A footnote found by layout, in byte offsets of the laid-out text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LaidNote {
    /// The note's number as written (`3`).
    pub marker: String,
    /// The body text (`text[start..end]`).
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The `[^3]` anchor in the running text, if found.
    pub anchor_start: Option<usize>,
    pub anchor_end: Option<usize>,
}

/// What a line is, for emission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Text,
    /// Page furniture or a footnote rule: not emitted.
    Drop,
    /// First line of raw footnote body `k` (index into the bodies list).
    RawStart(usize),
    RawCont(usize),
    /// First line of a body already written `[^3]: …` (index into md bodies).
    MdStart(usize),
    MdCont(usize),
}

impl Role {
    fn is_note(self) -> bool {
        !matches!(self, Role::Text | Role::Drop)
    }

    /// Index of the body this line belongs to, raw and Markdown apart.
    fn body(self) -> Option<(bool, usize)> {
        match self {
            Role::RawStart(k) | Role::RawCont(k) => Some((false, k)),
            Role::MdStart(k) | Role::MdCont(k) => Some((true, k)),
            _ => None,
        }
    }
}

/// Lay out normalized text whose lines may be printed lines. Never panics.
pub fn layout(text: &str) -> Laid {
    layout_flow(text, Flow::Lines)
}

/// Lay out normalized text; `flow` says what its lines are (a reader that
/// writes a line per paragraph has nothing to join). Never panics.
pub fn layout_flow(text: &str, flow: Flow) -> Laid {
    let mut lines = lines::scan(text);
    let mut role = vec![Role::Text; lines.len()];
    for i in furniture::find(text, &lines) {
        role[i] = Role::Drop;
    }
    let md_bodies = footnotes::find_md_bodies(text, &lines);
    for (k, b) in md_bodies.iter().enumerate() {
        role[b.first] = Role::MdStart(k);
        for r in role.iter_mut().take(b.last + 1).skip(b.first + 1) {
            *r = Role::MdCont(k);
        }
    }

    let first_skip = mode_skip(&role);
    let first_mode = lines::detect_mode(text, &lines, &first_skip, flow);
    lines::mark_virtual_pages(&mut lines, &first_mode);

    let not_text: Vec<bool> = role.iter().map(|r| *r != Role::Text).collect();
    let areas = footnotes::find_areas(text, &lines, &not_text, first_mode.blank_after_each);
    let mut raw_bodies: Vec<RawBody> = Vec::new();
    for area in &areas {
        if let Some(rule) = area.rule {
            role[rule] = Role::Drop;
        }
        for b in &area.bodies {
            let k = raw_bodies.len();
            role[b.first] = Role::RawStart(k);
            for j in b.first + 1..=b.last {
                if role[j] == Role::Text && !lines[j].blank {
                    role[j] = Role::RawCont(k);
                }
            }
            raw_bodies.push(b.clone());
        }
    }
    let markers = footnotes::find_markers(text, &lines, &areas);
    let anchors = footnotes::find_md_anchors(text, &lines, &md_bodies);

    // The page width is judged on running text only. Mode detection reads
    // nothing that marking virtual pages changed, so where no footnote area
    // changed a role the first judgement stands (most documents).
    let skip = mode_skip(&role);
    let mode = if skip == first_skip {
        first_mode
    } else {
        lines::detect_mode(text, &lines, &skip, flow)
    };

    emit(
        text,
        &lines,
        &role,
        &mode,
        &raw_bodies,
        &md_bodies,
        &markers,
        &anchors,
    )
}

/// What mode detection should make of each line: furniture is as good as
/// absent, a footnote body separates the text around it.
fn mode_skip(role: &[Role]) -> Vec<Skip> {
    role.iter()
        .map(|r| match r {
            Role::Text => Skip::No,
            Role::Drop => Skip::Absent,
            _ => Skip::Break,
        })
        .collect()
}

/// A footnote being written: its number and output spans.
#[derive(Debug, Clone)]
struct NoteOut {
    num: u32,
    text_start: usize,
    text_end: usize,
}

#[allow(clippy::too_many_arguments)]
fn emit(
    text: &str,
    lines: &[Line],
    role: &[Role],
    mode: &Mode,
    raw_bodies: &[RawBody],
    md_bodies: &[MdBody],
    markers: &[Marker],
    md_anchors: &[Marker],
) -> Laid {
    let mut b = Builder::new(text);
    // Markers rewritten as `[^k]` (raw) or kept (Markdown), in input order.
    let mut inline: Vec<(Marker, bool)> = markers
        .iter()
        .map(|m| (*m, true))
        .chain(md_anchors.iter().map(|m| (*m, false)))
        .collect();
    inline.sort_by_key(|(m, _)| m.start);
    let mut next_inline = 0usize;
    // Output span of each anchor, by number, in order of appearance.
    let mut anchors_out: Vec<(u32, usize, usize)> = Vec::new();
    let mut notes: Vec<NoteOut> = Vec::new();
    let mut open_note: Option<(bool, usize)> = None;

    let strip_lead = mode.blank_after_each || mode.width.is_some();
    let mut page = 0usize;
    let mut prev: Option<usize> = None;
    let mut gap = 0usize;
    let mut parens = 0i32;

    for (i, l) in lines.iter().enumerate() {
        if l.page != page {
            page = l.page;
            // A body of a loose area may go on over the page break.
            if !matches!(role[i], Role::RawCont(_) | Role::MdCont(_)) {
                open_note = None;
            }
            prev = None;
            gap = 0;
            parens = 0;
            if b.len() > 0 && !matches!(b.last_char(), Some('\n' | '\u{c}')) {
                b.push("\n");
            }
            // The form feed is the byte just before this line.
            b.copy(l.start - 1, l.start);
        }
        if l.blank {
            gap += 1;
            continue;
        }
        let r = role[i];
        if r == Role::Drop {
            continue;
        }
        let content = l.content(text);

        // Separator from the previous emitted line.
        let mut from = if strip_lead { l.lead } else { l.start };
        if let Some(p) = prev {
            let pr = role[p];
            let sep = match r {
                Role::RawStart(_) | Role::MdStart(_) => {
                    if pr.is_note() {
                        "\n"
                    } else {
                        "\n\n"
                    }
                }
                Role::RawCont(_) => {
                    if starts_bullet(content) {
                        "\n"
                    } else {
                        " "
                    }
                }
                Role::MdCont(_) => "\n",
                Role::Text | Role::Drop => {
                    if pr.is_note() || paragraph_break(text, &lines[p], l, gap, mode) {
                        "\n\n"
                    } else if mode.blank_after_each && gap == 0 && !l.indented() {
                        // Where the extraction left out its blank line the
                        // paragraph style changed: heading to body, list start,
                        // table cell to cell. Not a wrap.
                        "\n"
                    } else if mode.width.is_some_and(|w| {
                        join::should_join(
                            lines[p].content(text),
                            lines[p].chars,
                            content,
                            w,
                            parens > 0,
                        )
                    }) {
                        " "
                    } else {
                        "\n"
                    }
                }
            };
            // A number or code cut at its hyphen ("09-" / "NQ/HU", "2021-" /
            // "2025") is one token again: no space.
            let sep = if sep == " " && join::continues_code(lines[p].content(text), content) {
                ""
            } else {
                sep
            };
            if sep == " " || sep.is_empty() {
                from = l.lead;
            } else {
                parens = 0;
            }
            b.push(sep);
        }
        parens += paren_balance(content);

        // A new body closes the one before it.
        let this_note = r.body();
        if this_note != open_note {
            open_note = None;
        }

        match r {
            Role::RawStart(k) => {
                let body = &raw_bodies[k];
                b.push("[^");
                b.copy(body.digits.0, body.digits.1);
                b.push("]: ");
                let start = b.len();
                b.copy(body.text_start, l.cend);
                notes.push(NoteOut {
                    num: body.num,
                    text_start: start,
                    text_end: b.len(),
                });
                open_note = this_note;
            }
            Role::MdStart(k) => {
                let body = &md_bodies[k];
                let start = b.len() + (body.text_start - l.lead);
                b.copy(l.lead, l.cend);
                notes.push(NoteOut {
                    num: body.num,
                    text_start: start,
                    text_end: b.len(),
                });
                open_note = this_note;
            }
            Role::RawCont(_) | Role::MdCont(_) => {
                b.copy(l.lead, l.cend);
                if open_note.is_some() && this_note == open_note {
                    if let Some(n) = notes.last_mut() {
                        n.text_end = b.len();
                    }
                }
            }
            Role::Text | Role::Drop => {
                // Skip inline markers that fell in text not emitted.
                while next_inline < inline.len() && inline[next_inline].0.start < from {
                    next_inline += 1;
                }
                let mut pos = from;
                while next_inline < inline.len() && inline[next_inline].0.end <= l.cend {
                    let (m, rewrite) = inline[next_inline];
                    next_inline += 1;
                    b.copy(pos, m.start);
                    let a = b.len();
                    if rewrite {
                        b.push("[^");
                        b.copy(m.start, m.end);
                        b.push("]");
                    } else {
                        b.copy(m.start, m.end);
                    }
                    anchors_out.push((m.num, a, b.len()));
                    pos = m.end;
                }
                b.copy(pos, l.cend);
            }
        }
        prev = Some(i);
        gap = 0;
    }
    if text.ends_with('\n') && b.len() > 0 && !matches!(b.last_char(), Some('\n' | '\u{c}')) {
        b.push("\n");
    }

    let (out, segs) = b.finish();
    // Anchors by number, in order of appearance; each is used once.
    let mut by_num: HashMap<u32, VecDeque<(usize, usize)>> = HashMap::new();
    for &(num, s, e) in &anchors_out {
        by_num.entry(num).or_default().push_back((s, e));
    }
    let footnotes = notes
        .iter()
        .map(|n| {
            let anchor = by_num.get_mut(&n.num).and_then(|q| {
                let first = *q.front()?;
                (first.0 < n.text_start).then(|| q.pop_front()).flatten()
            });
            LaidNote {
                marker: n.num.to_string(),
                text: out.get(n.text_start..n.text_end).unwrap_or("").to_string(),
                start: n.text_start,
                end: n.text_end,
                anchor_start: anchor.map(|(s, _)| s),
                anchor_end: anchor.map(|(_, e)| e),
            }
        })
        .collect::<Vec<_>>();
    Laid {
        text: out,
        footnotes,
        segs,
        src_len: text.len(),
    }
}

/// Is the run of `gap` blank lines between `a` and `b` a paragraph break?
fn paragraph_break(text: &str, a: &Line, b: &Line, gap: usize, mode: &Mode) -> bool {
    if !mode.blank_after_each {
        return gap >= 1;
    }
    if gap < 2 {
        return false;
    }
    // Blank lines between two short lines are spacing inside a table cell or a
    // signature block, not a break (tables are read line by line).
    match mode.width {
        Some(w) if join::is_short(a.chars, w) && join::is_short(b.chars, w) => {
            a.content(text).ends_with(['.', ';', ':', '!', '?'])
        }
        _ => true,
    }
}

fn starts_bullet(s: &str) -> bool {
    s.starts_with([
        '-', '+', '*', '•', '–', '—', '·', '▪', '●', '○', '◦', '►', '➢', '\t',
    ])
}

fn paren_balance(s: &str) -> i32 {
    memchr::memchr2_iter(b'(', b')', s.as_bytes()).fold(0, |n, i| {
        if s.as_bytes()[i] == b'(' {
            n + 1
        } else {
            n - 1
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_tiny_inputs() {
        for t in [
            "",
            "\n",
            "\u{c}",
            "a",
            "\u{c}\u{c}x\n",
            "  \n\n  ",
            "1",
            "[^1]:",
            "[^",
        ] {
            let l = layout(t);
            assert_eq!(layout(&l.text).text, l.text, "{t:?}");
            assert_eq!(l.map_offset(t.len()), l.text.len());
        }
    }

    /// Random documents built from pieces that trigger every rule: no panic,
    /// a monotone map, every letter and digit kept, form feeds kept.
    /// (Idempotence is tested on real documents: a random soup of pieces can
    /// be judged differently once its lines are joined.)
    #[test]
    fn random_documents_hold_the_invariants() {
        const PIECES: &[&str] = &[
            "đây là một dòng văn bản khá dài được ngắt ở cuối trang và tiếp tục ",
            "\n",
            "\n\n",
            " ",
            "                                           \n",
            "1 Kế hoạch số 41-KH/HU",
            "năm 20201",
            "hàng2",
            "(06 sản phẩm)3",
            "- Xã Phước Thái",
            "I. MỤC TIÊU",
            "\u{c}",
            "\t",
            "3 sao",
            "[^1]: ",
            "[^2]",
            "2.1. ",
            "Nơi nhận:",
            "\r\n",
            "\u{a0}",
            "Ế",
            "- 2 -\n",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..600 {
            let n = (next() % 200) as usize;
            let t: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .filter(|p| round % 2 == 0 || *p != "\u{c}")
                .collect();
            let l = layout(&t);
            assert_eq!(
                l.text.matches('\u{c}').count(),
                t.matches('\u{c}').count(),
                "{t:?}"
            );
            let mut last = 0;
            for i in 0..=t.len() {
                let o = l.map_offset(i);
                assert!(o >= last && o <= l.text.len(), "{t:?}");
                last = o;
            }
            let kept: String = l.text.chars().filter(|c| c.is_alphanumeric()).collect();
            let orig: String = t.chars().filter(|c| c.is_alphanumeric()).collect();
            if !t.contains('\u{c}') {
                // No pages, no furniture: nothing but layout characters changes.
                assert_eq!(kept, orig, "{t:?}");
            }
            for f in &l.footnotes {
                assert_eq!(&l.text[f.start..f.end], f.text);
            }
        }
    }

    #[test]
    fn form_feeds_are_kept_one_per_break() {
        let t = "Trang một\n\u{c}Trang hai\n\u{c}\u{c}Trang bốn";
        let l = layout(t);
        assert_eq!(l.text.matches('\u{c}').count(), 3);
        assert_eq!(l.text, "Trang một\n\u{c}Trang hai\n\u{c}\u{c}Trang bốn");
    }
}
