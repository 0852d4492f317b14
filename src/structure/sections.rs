//! The section tree: which lines are section headings, their depth, their
//! heading text, and the span each section covers.
//!
//! Depth comes from the document itself: a stack of the marker styles seen
//! on the current branch. A style already on the stack is a sibling of that
//! entry (everything deeper closes); a new style opens one level deeper. So
//! `A. / I. / 1.` and `I. / 1. / a)` are both understood, whatever the
//! style's usual rank.
//!
//! Lines that look like markers but are not sections: bullets, numbered rows
//! of flattened tables (`1. 1 Yến ...`, rows after a `TT ...` header), tab
//! separated table rows, footnote bodies, the `Nơi nhận` block, numbers and
//! dates at line start (rejected in `markers`).

use crate::ground::Ground;
use crate::output::Section;
use crate::text::notes;

use super::lines::{self, is_upper_text, starts_lower, Line};
use super::markers::{self, Marker, Style};
use super::vocab::NUMBER_LEADS;

/// Lines that open the closing block (recipients and signature).
const CLOSING_OPENERS: &[&str] = &["Nơi nhận", "NƠI NHẬN"];
/// Lines that open an appendix after the signature; sections resume there.
const APPENDIX_OPENERS: &[&str] = &["Phụ lục", "PHỤ LỤC", "Phụ Lục"];
/// First cells of a flattened table header line (`TT Sản phẩm Đơn vị ...`).
const TABLE_HEADER_FIRST: &[&str] = &["TT", "STT", "Stt", "T.T"];
/// Words that appear in table header lines after the row-number column.
const TABLE_HEADER_WORDS: &[&str] = &[
    "Sản phẩm",
    "Tên",
    "Đơn vị",
    "Địa chỉ",
    "Nội dung",
    "Ghi chú",
    "Số lượng",
    "Chủ thể",
    "Địa phương",
    "Họ và tên",
    "Kinh phí",
    "Chỉ tiêu",
    "Kết quả",
    "Thời gian",
];
/// Most continuation lines a heading may take.
const MAX_HEADING_LINES: usize = 8;
/// Longest heading span read, in bytes (a paragraph-long numbered item).
const MAX_HEADING_BYTES: usize = 2000;

/// A heading found in the text, with byte offsets.
#[derive(Debug, Clone)]
pub struct RawSection {
    pub style: Style,
    pub ordinal: Option<u32>,
    pub marker: String,
    pub heading: String,
    /// Byte span of marker + heading.
    pub start: usize,
    pub end: usize,
    pub level: u32,
    /// Index of the parent in the list.
    pub parent: Option<usize>,
    /// Byte offset where the section's body ends.
    pub body_end: usize,
}

pub fn extract(g: &Ground) -> Vec<Section> {
    let raws = find_outside(g.text(), &row_number_rows(g));
    raws.iter()
        .enumerate()
        .map(|(k, r)| {
            let at = g.at(r.start, r.end);
            Section {
                id: id_of(k),
                parent: r.parent.map(id_of),
                level: r.level,
                marker: r.marker.clone(),
                heading: r.heading.clone(),
                start: at.start,
                end: at.end,
                text: at.text,
                body_start: at.end,
                body_end: g.char_offset(r.body_end).max(at.end),
                page: at.page,
            }
        })
        .collect()
}

fn id_of(index: usize) -> String {
    format!("s{}", index + 1)
}

/// One entry of the open-branch stack.
struct Frame {
    style: Style,
    ordinal: Option<u32>,
    index: usize,
}

/// Rows of the document's tables (byte ranges, in order) whose first cell
/// holds only a marker and whose row has two more cells: a statistical
/// table's row number (`3.` | `Kiểm tra CCHC` | unit | figure), not a
/// heading of the document, whatever its second cell says.
fn row_number_rows(g: &Ground) -> Vec<std::ops::Range<usize>> {
    let text = g.text();
    let mut rows: Vec<std::ops::Range<usize>> = g
        .tables()
        .flat_map(|(_, t)| t.rows.iter())
        .filter(|r| r.cells.len() >= 3)
        .filter(|r| {
            r.cells.first().is_some_and(|c| {
                let first = text.get(c.range.clone()).unwrap_or("").trim();
                markers::parse(first).is_some_and(|m| first[m.rest..].trim().is_empty())
            })
        })
        .map(|r| r.range.clone())
        .collect();
    rows.sort_by_key(|r| r.start);
    rows
}

/// Find the sections of `text` (byte offsets).
pub fn find(text: &str) -> Vec<RawSection> {
    find_outside(text, &[])
}

/// [`find`], with lines that start inside one of `row_numbers` (sorted byte
/// ranges) read as table rows.
fn find_outside(text: &str, row_numbers: &[std::ops::Range<usize>]) -> Vec<RawSection> {
    let lines = lines::split(text);
    let width = lines::typical_width(&lines);
    let mut out: Vec<RawSection> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut closing_start: Option<usize> = None;
    let mut in_closing = false;
    let mut table_next: Option<u32> = None;
    let mut in_footnote = false;
    let mut skip_to = 0usize;
    let mut prev_end = 0usize;
    let mut last_text = "";

    for (i, line) in lines.iter().enumerate() {
        let gap_has_page_break = text
            .get(prev_end..line.start)
            .is_some_and(|g| g.contains('\u{c}'));
        if gap_has_page_break {
            in_footnote = false;
        }
        if line.is_blank() {
            continue;
        }
        let prev_text = std::mem::replace(&mut last_text, line.text);
        prev_end = line.end;
        if i < skip_to {
            continue;
        }
        let t = line.text;
        let plain = &t[markers::emphasis_len(t)..];
        let k = row_numbers.partition_point(|r| r.end <= line.start);
        if row_numbers.get(k).is_some_and(|r| r.start <= line.start) {
            continue;
        }
        if in_closing {
            if starts_with_any(plain, APPENDIX_OPENERS) {
                in_closing = false;
                stack.clear();
            }
            continue;
        }
        if starts_with_any(plain, CLOSING_OPENERS) {
            in_closing = true;
            closing_start.get_or_insert(line.start);
            continue;
        }
        if is_footnote_body(t) {
            in_footnote = true;
            continue;
        }
        if is_table_header(t) {
            table_next = Some(1);
            continue;
        }
        if is_bullet(t) {
            table_next = None;
            continue;
        }
        let Some(mut m) = markers::parse(t) else {
            continue;
        };
        if is_table_row(t, &m) {
            continue;
        }
        let rest = t[m.rest..].trim_start_matches(['*', '_', '"', '“']);
        // `1. 1 Yến rút lông`: a row number repeated by a flattened table.
        if m.style == Style::Decimal(1) {
            if let Some(n) = m.ordinal {
                if leading_integer(rest) == Some(n) {
                    table_next = Some(n + 1);
                    continue;
                }
                if table_next == Some(n) {
                    table_next = Some(n + 1);
                    continue;
                }
            }
        }
        table_next = None;
        if !heading_start_ok(rest, m.style) {
            continue;
        }
        if matches!(m.style, Style::Decimal(_) | Style::Article)
            && continues_number(prev_text, width)
        {
            continue;
        }
        // `(3) Nhóm ...` or `b) ...` at the start of a wrapped prose line
        // (a list inside a sentence, often in raw footnotes) is not a heading.
        if matches!(m.style, Style::ParenNum | Style::NumParen | Style::Lower)
            && is_wrapped_prose(prev_text, width)
        {
            continue;
        }
        reinterpret_letter(&mut m, t, &stack);
        let position = stack.iter().rposition(|f| f.style == m.style);
        if in_footnote {
            // Inside a footnote only a line that continues the document's
            // own numbering is a section (and it ends the footnote).
            let continues = position.is_some_and(
                |k| matches!((stack[k].ordinal, m.ordinal), (Some(a), Some(b)) if b == a + 1),
            );
            if !continues {
                continue;
            }
            in_footnote = false;
        }
        let (end, heading, last_line) = heading_span(text, &lines, i, &m, width);
        skip_to = last_line + 1;
        match (position, structural_rank(m.style)) {
            (Some(k), _) => stack.truncate(k),
            // `Phần`, `Chương`, `Điều` never sit under numbered items (a
            // numbered list in the preamble must not swallow `Điều 1.`).
            (None, Some(rank)) => {
                let keep = stack
                    .iter()
                    .rposition(|f| structural_rank(f.style).is_some_and(|r| r < rank))
                    .map_or(0, |k| k + 1);
                stack.truncate(keep);
            }
            (None, None) => {}
        }
        let parent = stack.last().map(|f| f.index);
        let level = stack.len() as u32 + 1;
        let start = line.start + m.start;
        out.push(RawSection {
            style: m.style,
            ordinal: m.ordinal,
            marker: t[m.start..m.end].to_string(),
            heading,
            start,
            end: end.max(line.start + m.end),
            level,
            parent,
            body_end: text.len(),
        });
        stack.push(Frame {
            style: m.style,
            ordinal: m.ordinal,
            index: out.len() - 1,
        });
    }
    set_body_ends(&mut out, closing_start, text.len());
    out
}

/// A section's body runs to the next section of the same or a higher level,
/// or to the closing block, or to the end.
fn set_body_ends(out: &mut [RawSection], closing_start: Option<usize>, text_len: usize) {
    // Walking backwards, `next[l]` is the start of the nearest following
    // section whose level is l or higher up (smaller number).
    let max_level = out.iter().map(|s| s.level as usize).max().unwrap_or(0);
    let mut next: Vec<Option<usize>> = vec![None; max_level + 1];
    for k in (0..out.len()).rev() {
        let level = out[k].level as usize;
        let fallback = match closing_start {
            Some(c) if c > out[k].start => c,
            _ => text_len,
        };
        let end = next[level].unwrap_or(fallback).min(fallback);
        out[k].body_end = end.max(out[k].end);
        for slot in next.iter_mut().skip(level) {
            *slot = Some(out[k].start);
        }
    }
}

/// Rank of the structural styles of legal documents: a part holds
/// chapters, a chapter holds articles.
fn structural_rank(style: Style) -> Option<u8> {
    match style {
        Style::Part => Some(0),
        Style::Chapter => Some(1),
        Style::Article => Some(2),
        _ => None,
    }
}

/// `I.`, `V.`, `X.` are Roman numerals unless an `A. B. ... H.` sequence
/// on the branch expects exactly that letter next.
fn reinterpret_letter(m: &mut Marker, line: &str, stack: &[Frame]) {
    if m.style != Style::Roman {
        return;
    }
    let numeral = &line[m.start..m.end];
    let letter = numeral.chars().next().unwrap_or(' ');
    if numeral
        .trim_end_matches(['.', '/', ')', ' ', '-', '–'])
        .chars()
        .count()
        != 1
    {
        return;
    }
    let upper_expects = stack
        .iter()
        .rev()
        .find(|f| f.style == Style::Upper)
        .and_then(|f| f.ordinal)
        .and_then(|o| markers::letter_at(o + 1))
        .is_some_and(|next| next.to_uppercase().next() == Some(letter));
    let roman_on_branch = stack.iter().any(|f| f.style == Style::Roman);
    if upper_expects && !roman_on_branch {
        m.style = Style::Upper;
        m.ordinal = markers::letter_ordinal(letter);
    }
}

/// The heading's end (byte offset), its clean text, and the last line it uses.
fn heading_span(
    text: &str,
    lines: &[Line],
    i: usize,
    m: &Marker,
    width: usize,
) -> (usize, String, usize) {
    let line = lines[i];
    let head_start = line.start + m.rest;
    let mut cur = i;
    let first_text = line.text[m.rest..].trim_matches(['*', '_']).trim();
    if first_text.is_empty() {
        // `Phần thứ nhất` ⏎ `ĐÁNH GIÁ ...`: the heading is on the next line.
        match next_nonblank(lines, i) {
            Some(j)
                if m.style.heading_may_follow()
                    && !stops_heading(lines[j].text)
                    && (is_upper_text(lines[j].text) || lines[j].chars() * 10 < width * 9) =>
            {
                cur = j;
            }
            _ => return (line.start + m.end, String::new(), i),
        }
    }
    let caps = is_upper_text(
        lines[cur]
            .text
            .get(if cur == i { m.rest } else { 0 }..)
            .unwrap_or(""),
    );
    for _ in 0..MAX_HEADING_LINES {
        let Some(n) = next_nonblank(lines, cur) else {
            break;
        };
        if !joins(&lines[cur], &lines[n], caps, width) {
            break;
        }
        cur = n;
    }
    let span_start = if cur == i || !first_text.is_empty() {
        head_start
    } else {
        lines[cur.min(next_nonblank(lines, i).unwrap_or(cur))].start
    };
    let mut span_end = lines[cur].end.max(span_start);
    if span_end - span_start > MAX_HEADING_BYTES {
        // A whole paragraph joined into one line: its first sentence is enough.
        span_end = span_start + MAX_HEADING_BYTES;
        while !text.is_char_boundary(span_end) {
            span_end -= 1;
        }
    }
    let slice = &text[span_start..span_end];
    let cut = span_start + cut_point(slice);
    let end = trim_heading_end(text, span_start, cut);
    let heading = clean_heading(&text[span_start..end]);
    let end = if heading.is_empty() {
        line.start + m.end
    } else {
        end
    };
    (end, heading, cur)
}

fn next_nonblank(lines: &[Line], i: usize) -> Option<usize> {
    // Raw extraction puts a blank line after every line; allow a few.
    (i + 1..lines.len().min(i + 5)).find(|&j| !lines[j].is_blank())
}

/// Whether line `next` continues the heading that currently ends with `cur`.
fn joins(cur: &Line, next: &Line, caps: bool, width: usize) -> bool {
    let c = cur.text.trim_end_matches(['*', '_']).trim_end();
    if c.ends_with([':', '.', '!', '?', '…']) {
        return false;
    }
    if stops_heading(next.text) {
        return false;
    }
    // Lines longer than a printed line were joined by the layout stage: a
    // heading that long is already whole, and a line that long is a paragraph
    // of body text, not the wrapped tail of a heading.
    if cur.chars() * 10 > width * 13 || next.chars() * 10 > width * 13 {
        return false;
    }
    if c.ends_with('-') && c[..c.len() - 1].ends_with(|ch: char| ch.is_alphanumeric()) {
        return true;
    }
    let n = next.text.trim_start_matches(['-', ' ']);
    starts_lower(n)
        || c.ends_with(',')
        || (caps && is_upper_text(next.text))
        || cur.chars() * 100 >= width * 85
}

/// Lines that can never continue a heading.
fn stops_heading(t: &str) -> bool {
    (is_bullet(t))
        || is_footnote_body(t)
        || t.contains('\t')
        || starts_with_any(t, CLOSING_OPENERS)
        || markers::parse(t).is_some_and(|m| {
            let rest = t[m.rest..].trim_start_matches(['*', '_', '"', '“']);
            rest.is_empty() || heading_start_ok(rest, m.style)
        })
}

/// Where a heading stops inside its (possibly paragraph-long) text: at a
/// colon followed by space or end (`1. Về sản phẩm: Xác định ...`), or at a
/// sentence end (`... OCOP. Đẩy mạnh ...`), outside parentheses.
fn cut_point(s: &str) -> usize {
    let mut depth = 0i32;
    let mut prev: Option<char> = None;
    let mut iter = s.char_indices().peekable();
    while let Some((k, c)) = iter.next() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            ':' if depth == 0 => {
                let after = &s[k + 1..];
                if after.is_empty() || after.starts_with(lines::is_space) {
                    return k;
                }
            }
            '.' if depth == 0 => {
                let after = &s[k + 1..];
                // A sentence ends after a lowercase word, a figure, a bracket or
                // an acronym of 4+ letters (`OCOP.`); not after `TP.`, `PCT.`.
                let word_len = s[..k]
                    .chars()
                    .rev()
                    .take_while(|ch| ch.is_alphanumeric())
                    .count();
                let before_ok = prev.is_some_and(|p| {
                    p.is_lowercase()
                        || p.is_ascii_digit()
                        || matches!(p, ')' | '”' | '"')
                        || (p.is_uppercase() && word_len >= 4)
                });
                if before_ok && after.starts_with(lines::is_space) {
                    let next_word = after.trim_start_matches(|ch: char| {
                        lines::is_space(ch) || matches!(ch, '*' | '_' | '"' | '“')
                    });
                    if next_word.chars().next().is_some_and(|ch| ch.is_uppercase()) {
                        return k;
                    }
                }
            }
            _ => {}
        }
        prev = Some(c);
        let _ = iter.peek();
    }
    s.len()
}

/// Drop trailing spaces and punctuation that end a heading line.
fn trim_heading_end(text: &str, start: usize, end: usize) -> usize {
    let s = &text[start..end];
    // Also the closing `./.` of a last paragraph.
    let t = s
        .trim_end_matches(|c: char| lines::is_space(c) || matches!(c, ';' | ',' | ':' | '.' | '/'));
    start + t.len()
}

/// Heading text: lines joined, emphasis and footnote markers removed.
fn clean_heading(s: &str) -> String {
    // Footnote markers `[^12]`.
    let out = notes::strip_markers(s);
    // A word split by a line-end hyphen (`09-` ⏎ `NQ/HU`) is joined without a space.
    let mut joined = String::with_capacity(out.len());
    for l in out.split('\n') {
        let l = l.trim_matches(lines::is_space);
        if l.is_empty() {
            continue;
        }
        if !joined.is_empty() {
            let glued = joined.ends_with('-')
                && joined[..joined.len() - 1].ends_with(|c: char| c.is_alphanumeric());
            if !glued {
                joined.push(' ');
            }
        }
        joined.push_str(l);
    }
    let joined: String = joined.chars().filter(|&c| c != '*').collect();
    lines::collapse_ws(&joined)
}

/// The previous line is wrapped prose (nearly full, not a heading) ending
/// mid-sentence on a word that expects a number (`... Quyết định số`), so a
/// number at the start of this line continues it.
fn continues_number(prev: &str, width: usize) -> bool {
    if prev.chars().count() * 100 < width * 85 || markers::parse(prev).is_some() {
        return false;
    }
    let p = prev.trim_end_matches(['*', '_']);
    if p.ends_with(|c: char| c.is_ascii_punctuation() && c != '-') {
        return false;
    }
    p.rsplit(|c: char| lines::is_space(c))
        .next()
        .is_some_and(|w| NUMBER_LEADS.contains(&w.to_lowercase().as_str()))
}

/// A nearly full line that is not a heading and ends without punctuation:
/// the sentence goes on on the next line.
fn is_wrapped_prose(prev: &str, width: usize) -> bool {
    let p = prev.trim_end_matches(['*', '_']);
    p.chars().count() * 100 >= width * 85
        && markers::parse(p).is_none()
        && p.ends_with(|c: char| c.is_alphanumeric())
}

fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| s.starts_with(p))
}

/// A footnote body as written by the layout stage: `[^3]: ...`.
fn is_footnote_body(t: &str) -> bool {
    notes::body_at(t).is_some()
}

/// Bullets: `-`, `+`, `•`, `–`, or `* ` (a star followed by a space), when what
/// follows is not a lowercase continuation (`- xã hội` continues a wrapped line).
pub fn is_bullet(t: &str) -> bool {
    let mut chars = t.chars();
    match chars.next() {
        Some('-' | '+' | '•' | '–' | '—' | '·' | '\u{f0b7}' | '\u{f0a7}') => {}
        Some('*') if chars.clone().next().is_some_and(char::is_whitespace) => {}
        _ => return false,
    }
    !starts_lower(chars.as_str().trim_start_matches(['-', '+', ' ']))
}

/// A flattened table header: `TT Sản phẩm Đơn vị Địa chỉ cũ Đạt sao`.
fn is_table_header(t: &str) -> bool {
    let Some(first) = t.split_whitespace().next() else {
        return false;
    };
    TABLE_HEADER_FIRST.contains(&first) && TABLE_HEADER_WORDS.iter().any(|w| t.contains(w))
}

/// A row of a tab-separated table: two tabs or more, or a tab that is not
/// right after the marker.
fn is_table_row(t: &str, m: &Marker) -> bool {
    let tabs = t.matches('\t').count();
    tabs >= 2 || (tabs == 1 && !t[m.end..].starts_with('\t'))
}

/// The integer a text starts with, when followed by a space (`1 Yến` → 1).
fn leading_integer(s: &str) -> Option<u32> {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    if !s[digits..].starts_with(char::is_whitespace) {
        return None;
    }
    s[..digits].parse().ok()
}

/// A heading starts with a capital letter (or an opening quote/bracket, or a
/// figure like `100%`). Empty is allowed for styles whose heading may be on
/// the next line.
fn heading_start_ok(rest: &str, style: Style) -> bool {
    let rest = rest.trim_start_matches(['*', '_', '"', '“', '\'', '(']);
    match rest.chars().next() {
        None => style.heading_may_follow(),
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_ascii_digit() => {
            // `100% các chủ thể` is a heading; `2023 ...` or `1 Yến` is not.
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            rest[digits..].starts_with(['%', ','])
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(text: &str) -> Vec<(String, String, Option<String>)> {
        let raws = find(text);
        raws.iter()
            .map(|r| {
                (
                    r.marker.clone(),
                    r.heading.clone(),
                    r.parent.map(|p| raws[p].marker.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn hierarchy_follows_first_appearance() {
        let text = "A. PHẦN MỘT\nI. Mục lớn\n1. Việc một\n2. Việc hai\nB. PHẦN HAI\nI. Khác\n";
        let o = outline(text);
        let parents: Vec<Option<&str>> = o.iter().map(|x| x.2.as_deref()).collect();
        assert_eq!(
            parents,
            vec![None, Some("A."), Some("I."), Some("I."), None, Some("B.")]
        );
    }

    #[test]
    fn wrapped_headings_join_and_footnotes_drop() {
        let text = "I. KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH\n\nOCOP NĂM 2024\n\n1. Công tác tuyên truyền, đào tạo, tập huấn, tham quan học tập kinh\n\nnghiệm[^3]:\n\n- Nội dung\n";
        let o = outline(text);
        assert_eq!(o[0].1, "KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH OCOP NĂM 2024");
        assert_eq!(
            o[1].1,
            "Công tác tuyên truyền, đào tạo, tập huấn, tham quan học tập kinh nghiệm"
        );
        let raws = find(text);
        assert!(text[raws[1].start..raws[1].end].contains("[^3]"));
    }

    #[test]
    fn bullets_table_rows_and_numbers_are_not_sections() {
        let text = "I. KẾT QUẢ\n1. Kết quả thực hiện\nTT Sản phẩm Đơn vị Đạt sao\n1. 1 Yến rút lông\n3 sao\n2. 2 Yến thô\n3. Chả bò Hồng Vân\n3 sao\n2. Tồn tại, khó khăn\n- Bullet\n01/8/2022 ngày\n2.038/2.102 đồng chí\n";
        let o = outline(text);
        let markers: Vec<&str> = o.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(markers, vec!["I.", "1.", "2."]);
    }

    #[test]
    fn a_number_continuing_a_sentence_is_not_a_heading() {
        let text = "I. KẾT QUẢ\nTrong năm đã có nhiều sản phẩm của các chủ thể trên địa bàn được công nhận theo Quyết định số\n12. Các sản phẩm khác\n1. Kết quả đạt được\n2. Nhiệm vụ\n";
        let o = outline(text);
        let markers: Vec<&str> = o.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(markers, vec!["I.", "1.", "2."]);
    }

    #[test]
    fn a_list_inside_a_wrapped_sentence_is_not_a_heading() {
        let text = "I. KẾT QUẢ\n1. Sản phẩm\nSáu ngành hàng gồm: (1) Nhóm thực phẩm; (2) Nhóm đồ uống có cồn và không có cồn; tiếp theo\n(3) Nhóm dược liệu và sản phẩm từ dược liệu.\n(1) Sản phẩm mới\n";
        let o = outline(text);
        let markers: Vec<&str> = o.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(markers, vec!["I.", "1.", "(1)"]);
    }

    #[test]
    fn articles_do_not_nest_under_a_numbered_preamble() {
        let text = "Căn cứ các văn bản sau:\n1. Luật Tổ chức chính quyền địa phương;\n2. Nghị định số 98/2018/NĐ-CP;\nQUYẾT ĐỊNH:\nĐiều 1. Phê duyệt\n1. Nội dung\nĐiều 2. Hiệu lực\nChương II\nĐIỀU KHOẢN KHÁC\nĐiều 3. Thi hành\n";
        let o = outline(text);
        let parents: Vec<(&str, Option<&str>)> =
            o.iter().map(|x| (x.0.as_str(), x.2.as_deref())).collect();
        assert_eq!(
            parents,
            vec![
                ("1.", None),
                ("2.", None),
                ("Điều 1.", None),
                ("1.", Some("Điều 1.")),
                ("Điều 2.", None),
                ("Chương II", None),
                ("Điều 3.", Some("Chương II")),
            ]
        );
    }

    #[test]
    fn paragraph_items_take_their_first_clause() {
        let text = "III. MỤC TIÊU\n1. Về sản phẩm: Xác định, hoàn thiện các sản phẩm.\n2. Đào tạo nâng cao năng lực. Đẩy mạnh đào tạo nghề.\n";
        let o = outline(text);
        assert_eq!(o[1].1, "Về sản phẩm");
        assert_eq!(o[2].1, "Đào tạo nâng cao năng lực");
    }
}
