//! Footnotes: bodies at page bottoms, markers glued to the running text.
//!
//! PDF extraction loses the superscript, so `năm 2020³` arrives as `năm 20203`,
//! `tập huấn⁷` as `tập huấn7`, `(06 sản phẩm)⁹` as `(06 sản phẩm)9`. The bodies
//! come after the footnote rule (a long run of spaces) at the bottom of the
//! page, each starting with its number. Footnotes are numbered in order
//! through the document, so the sequence tells which digits are a marker: the
//! marker of footnote 3 is a `3` glued to a word, a closing bracket or a year,
//! on the same page as body 3 and after marker 2. Anything less certain is
//! left as it is.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::Line;
use crate::text::notes;

/// A line of at least this many spaces and nothing else is the footnote rule.
const RULE_MIN_SPACES: usize = 20;
/// A line of at least this many underscores is the footnote rule, too.
const RULE_MIN_UNDERSCORES: usize = 8;
/// The first body after a rule may skip this many numbers (a body we missed).
const MAX_NUMBER_SKIP: u32 = 2;
/// More bytes than a printed page holds (about 5 KB of Vietnamese text).
const MAX_PAGE_BYTES: usize = 16 * 1024;
/// Text between two tries at a footnote body without its rule.
const RETRY_BYTES: usize = 2048;
/// Blank lines allowed between the rule and the first body.
const MAX_RULE_GAP: usize = 8;
/// A footnote area longer than this many lines is not a footnote area.
const MAX_AREA_LINES: usize = 60;

/// Letter runs that are units or codes when digits follow (`km2`, `m3`, `CO2`).
const NOT_MARKER_WORDS: &[&str] = &[
    "m", "km", "cm", "mm", "dm", "ha", "kg", "g", "l", "ml", "x", "co", "pm", "so", "no", "nh",
];

/// Closing punctuation a marker can be glued to.
const MARKER_AFTER: &[char] = &[')', ']', '”', '"', '’', '»'];

/// A footnote body in the raw form (`3 Đơn vị tư vấn…` after the rule).
#[derive(Debug, Clone)]
pub(crate) struct RawBody {
    pub num: u32,
    /// Line indices (inclusive) covered by this body.
    pub first: usize,
    pub last: usize,
    /// Byte range of the number at the start of the first line.
    pub digits: (usize, usize),
    /// Byte where the body's own text starts on the first line.
    pub text_start: usize,
}

/// A footnote area: the rule line (when the extraction kept it) and the
/// bodies after it.
#[derive(Debug, Clone)]
pub(crate) struct Area {
    pub rule: Option<usize>,
    /// First line of the area (the rule, or the first body).
    pub first: usize,
    pub bodies: Vec<RawBody>,
    /// Found in text without blank lines (see [`read_loose`]): its markers
    /// may be on the page before, and its bodies may cross a page break.
    pub loose: bool,
}

/// A marker found in the running text: byte range of its digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    pub num: u32,
    pub start: usize,
    pub end: usize,
}

/// A body already written as `[^3]: …` (layout output read again).
#[derive(Debug, Clone)]
pub(crate) struct MdBody {
    pub num: u32,
    pub first: usize,
    pub last: usize,
    /// Byte where the body text starts (after `[^3]: `).
    pub text_start: usize,
}

/// How sure a glued number is a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Glue {
    /// After an upper-case word (`OCOP2`): could be a code.
    Upper,
    /// After a year not introduced by `năm`.
    Year,
    /// After a lower-case letter, a closing bracket or quote, or `năm 2020`.
    Strong,
}

fn is_rule(text: &str, l: &Line) -> bool {
    let raw = &text[l.start..l.end];
    if l.blank {
        return raw.chars().filter(|&c| c == ' ').count() >= RULE_MIN_SPACES;
    }
    let c = l.content(text);
    c.len() >= RULE_MIN_UNDERSCORES && c.bytes().all(|b| b == b'_')
}

/// The footnote number starting a body line: `3 Đơn vị`, `2  - Xã`, `6Vườn`.
/// Returns the number, the end of its digits and where the text starts.
fn body_number(s: &str) -> Option<(u32, usize, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let num: u32 = s[..digits].parse().ok()?;
    let rest = &s[digits..];
    let next = rest.chars().next()?;
    if next == ' ' {
        let text = rest.trim_start_matches(' ');
        if text.is_empty() {
            return None;
        }
        Some((num, digits, s.len() - text.len()))
    } else if next.is_alphabetic() || matches!(next, '-' | '–' | '(' | '“' | '"') {
        Some((num, digits, digits))
    } else {
        None
    }
}

/// Byte where each page (as the text shows it) starts.
fn page_starts(lines: &[Line]) -> Vec<usize> {
    let mut starts: Vec<usize> = Vec::new();
    for l in lines {
        if starts.len() <= l.vpage {
            starts.resize(l.vpage + 1, l.start);
        }
    }
    starts
}

/// Find the footnote areas of raw PDF text. Lines with `skip` set (page
/// furniture, bodies already in Markdown form) are not read.
///
/// An area starts at the footnote rule (a long run of spaces) followed by the
/// next body number. Where the rule did not survive extraction, a line
/// starting with the next number after a paragraph break also starts an area,
/// but only when the page has a marker for it. Text with no blank lines at
/// all (PDF text re-flowed one paragraph per line) has no breaks to go by: a
/// line starting with the next number starts a loose area when the text
/// before it has a marker for it.
pub(crate) fn find_areas(
    text: &str,
    lines: &[Line],
    skip: &[bool],
    blank_after_each: bool,
) -> Vec<Area> {
    let empty = |j: usize| lines[j].blank || skip.get(j).copied().unwrap_or(false);
    let starts = page_starts(lines);
    let min_gap = if blank_after_each { 2 } else { 1 };
    let mut areas = Vec::new();
    let mut next = 1u32;
    let mut floor = 0usize;
    let mut gap = 0usize;
    // Page and byte of the last rule-less try: one try per page, or per
    // `RETRY_BYTES` of text without pages, keeps hostile text linear.
    let mut tried = (usize::MAX, 0usize);
    let mut i = 0usize;
    while i < lines.len() {
        let l = &lines[i];
        if is_rule(text, l) {
            let vpage = l.vpage;
            let first = (i + 1..lines.len())
                .take(MAX_RULE_GAP)
                .take_while(|&j| lines[j].vpage == vpage)
                .find(|&j| !empty(j));
            if let Some(area) =
                first.and_then(|f| read_area(text, lines, &empty, Some(i), f, next, false))
            {
                i = push_area(lines, area, &mut areas, &mut next, &mut floor);
                gap = 0;
                continue;
            }
        }
        if empty(i) {
            gap += 1;
            i += 1;
            continue;
        }
        let loose = !blank_after_each && gap == 0;
        if (gap >= min_gap || loose) && (l.vpage != tried.0 || l.start >= tried.1 + RETRY_BYTES) {
            let page_start = starts.get(l.vpage).copied().unwrap_or(0);
            let numbered = body_number(l.content(text)).is_some_and(|(n, _, _)| n == next);
            if numbered {
                tried = (l.vpage, l.start);
            }
            // A loose area's marker may be on the page before (the re-flowed
            // pages do not match the printed ones).
            let lo = if loose { floor } else { floor.max(page_start) };
            if numbered && find_marker(text, lo, l.start, next).is_some() {
                if let Some(area) = read_area(text, lines, &empty, None, i, next, loose) {
                    i = push_area(lines, area, &mut areas, &mut next, &mut floor);
                    gap = 0;
                    continue;
                }
            }
        }
        gap = 0;
        i += 1;
    }
    areas
}

/// Record an area; returns the line to go on from.
fn push_area(
    lines: &[Line],
    area: Area,
    areas: &mut Vec<Area>,
    next: &mut u32,
    floor: &mut usize,
) -> usize {
    let last_line = area.bodies.last().map_or(area.first, |b| b.last);
    *next = area.bodies.last().map_or(*next, |b| b.num + 1);
    *floor = lines[last_line].end;
    areas.push(area);
    last_line + 1
}

fn read_area(
    text: &str,
    lines: &[Line],
    empty: &dyn Fn(usize) -> bool,
    rule: Option<usize>,
    first: usize,
    next: u32,
    loose: bool,
) -> Option<Area> {
    let vpage = lines[first].vpage;
    let (num, dend, tstart) = body_number(lines[first].content(text))?;
    if num < next || num > next + MAX_NUMBER_SKIP {
        return None;
    }
    if loose {
        return read_loose(text, lines, empty, first, num, dend, tstart);
    }
    // The area runs to the end of the page; give up (without scanning the
    // rest of the document) when that is further than an area can be.
    let mut end = first;
    let mut nonblank = 0usize;
    for (j, l) in lines.iter().enumerate().skip(first) {
        if l.vpage != vpage {
            break;
        }
        if !empty(j) {
            nonblank += 1;
            if nonblank > MAX_AREA_LINES {
                return None;
            }
        }
        end = j;
    }
    let lead = lines[first].lead;
    let mut bodies = vec![RawBody {
        num,
        first,
        last: first,
        digits: (lead, lead + dend),
        text_start: lead + tstart,
    }];
    for (j, l) in lines.iter().enumerate().take(end + 1).skip(first + 1) {
        if empty(j) {
            continue;
        }
        let expected = bodies.last().map_or(num, |b| b.num + 1);
        match body_number(l.content(text)) {
            Some((n, dend, tstart)) if n == expected => bodies.push(RawBody {
                num: n,
                first: j,
                last: j,
                digits: (l.lead, l.lead + dend),
                text_start: l.lead + tstart,
            }),
            _ => {
                if let Some(b) = bodies.last_mut() {
                    b.last = j;
                }
            }
        }
    }
    Some(Area {
        rule,
        first: rule.unwrap_or(first),
        bodies,
        loose: false,
    })
}

/// Lines around a loose area read to judge the text width.
const WIDTH_WINDOW: usize = 40;

/// Read a loose area: bodies in text without blank lines, where the running
/// text may go on right after them on the same page. A body goes on to the
/// next body number, and otherwise ends
/// - after a line ending a sentence, unless the next line is an item of a
///   list (`- Xã …` in a body that has items already, or starts `Xã …`);
/// - in a body made of items, at a line starting in lower case after a short
///   item line (a complete item; a wrapped one fills the width);
/// - at a blank line.
///
/// Bodies may cross a page break. More than [`MAX_AREA_LINES`] lines is no
/// footnote area.
fn read_loose(
    text: &str,
    lines: &[Line],
    empty: &dyn Fn(usize) -> bool,
    first: usize,
    num: u32,
    dend: usize,
    tstart: usize,
) -> Option<Area> {
    let width = lines[first.saturating_sub(WIDTH_WINDOW)..lines.len().min(first + WIDTH_WINDOW)]
        .iter()
        .map(|l| l.chars)
        .max()
        .unwrap_or(0);
    let lead = lines[first].lead;
    let mut bodies = vec![RawBody {
        num,
        first,
        last: first,
        digits: (lead, lead + dend),
        text_start: lead + tstart,
    }];
    let mut lead_word = list_word(&text[lead + tstart..lines[first].cend]);
    let mut items = text[lead + tstart..].starts_with('-');
    for (j, l) in lines.iter().enumerate().skip(first + 1) {
        if empty(j) {
            if lines[j].blank {
                break;
            }
            continue;
        }
        if j - first > MAX_AREA_LINES {
            return None;
        }
        let c = l.content(text);
        let expected = bodies.last().map_or(num, |b| b.num + 1);
        if let Some((n, dend, tstart)) = body_number(c).filter(|&(n, _, _)| n == expected) {
            bodies.push(RawBody {
                num: n,
                first: j,
                last: j,
                digits: (l.lead, l.lead + dend),
                text_start: l.lead + tstart,
            });
            lead_word = list_word(&c[tstart..]);
            items = c[tstart..].starts_with('-');
            continue;
        }
        let Some(b) = bodies.last_mut() else { break };
        let prev = &lines[b.last];
        let p = prev.content(text).trim_end();
        let same_list =
            c.starts_with('-') && (items || (!lead_word.is_empty() && list_word(c) == lead_word));
        if p.ends_with('.') && !same_list {
            break;
        }
        let prev_item = p.starts_with('-') || b.last == b.first && items;
        if items && prev_item && prev.chars * 4 < width * 3 && starts_lower(c) {
            break;
        }
        items |= c.starts_with('-');
        b.last = j;
    }
    Some(Area {
        rule: None,
        first,
        bodies,
        loose: true,
    })
}

/// The first word of a list item, past its dash: `- Xã Phước Thái` → `Xã`.
fn list_word(s: &str) -> &str {
    let s = s.trim_start_matches(['-', '–', ' ']);
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(k, _)| k);
    &s[..end]
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Find the marker of every body: a glued number equal to the body's number,
/// after the previous marker and on the body's page, and the only candidate of
/// its strength there.
pub(crate) fn find_markers(text: &str, lines: &[Line], areas: &[Area]) -> Vec<Marker> {
    let mut markers = Vec::new();
    if areas.is_empty() {
        return markers;
    }
    let page_starts = page_starts(lines);
    let mut floor = 0usize;
    for area in areas {
        let first_line = &lines[area.first];
        let page_start = if area.loose {
            0
        } else {
            page_starts.get(first_line.vpage).copied().unwrap_or(0)
        };
        let hi = first_line.start;
        for body in &area.bodies {
            let lo = floor.max(page_start);
            if let Some(m) = find_marker(text, lo, hi, body.num) {
                floor = m.end;
                markers.push(m);
            }
        }
        // Markers of later footnotes are after this area.
        let area_end = area.bodies.last().map_or(hi, |b| lines[b.last].end);
        floor = floor.max(area_end);
    }
    markers
}

fn find_marker(text: &str, lo: usize, hi: usize, num: u32) -> Option<Marker> {
    let hi = hi.min(text.len());
    // A marker is on the page of its body: never look further back than a page.
    let lo = lo.max(hi.saturating_sub(MAX_PAGE_BYTES));
    if lo >= hi {
        return None;
    }
    let want = num.to_string();
    let bytes = text.as_bytes();
    let mut best: Option<(Glue, Marker)> = None;
    let mut ties = 0usize;
    let mut i = lo;
    while i < hi {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let a = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let b = i;
        if b > hi {
            break;
        }
        let Some((glue, start)) = classify(text, a, b, &want) else {
            continue;
        };
        let m = Marker { num, start, end: b };
        match best {
            Some((g, _)) if g > glue => {}
            Some((g, _)) if g == glue => ties += 1,
            _ => {
                best = Some((glue, m));
                ties = 0;
            }
        }
    }
    match best {
        Some((_, m)) if ties == 0 => Some(m),
        _ => None,
    }
}

/// Is the digit run `a..b` (maximal) a marker `want`, and how sure? Returns the
/// start of the marker digits.
fn classify(text: &str, a: usize, b: usize, want: &str) -> Option<(Glue, usize)> {
    let run = &text[a..b];
    if !run.ends_with(want) {
        return None;
    }
    let after = text[b..].chars().next();
    if let Some(c) = after {
        if c.is_alphanumeric() || matches!(c, '/' | '%') {
            return None;
        }
        if matches!(c, '.' | ',') && text[b + 1..].starts_with(|d: char| d.is_ascii_digit()) {
            return None;
        }
    }
    let before_text = &text[..a];
    let before = before_text.chars().next_back();
    if let Some(c) = before {
        // Part of a number written with separators: `2.102`, `339,4`.
        if matches!(c, '.' | ',') {
            let c2 = before_text[..before_text.len() - 1].chars().next_back();
            if c2.is_some_and(|d| d.is_ascii_digit()) {
                return None;
            }
        }
    }
    if run.len() == want.len() {
        let c = before?;
        if MARKER_AFTER.contains(&c) {
            return Some((Glue::Strong, a));
        }
        if !c.is_alphabetic() {
            return None;
        }
        let word_start = before_text
            .char_indices()
            .rev()
            .take_while(|(_, ch)| ch.is_alphabetic())
            .last()
            .map_or(a, |(k, _)| k);
        let word = &before_text[word_start..];
        if before_text[..word_start]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_ascii_digit())
        {
            return None; // `4km2`, `H5N1`
        }
        if NOT_MARKER_WORDS
            .iter()
            .any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(word))
        {
            return None;
        }
        if c.is_lowercase() {
            return Some((Glue::Strong, a));
        }
        if word.chars().count() >= 2 {
            return Some((Glue::Upper, a));
        }
        return None;
    }
    // A year with the marker glued on: `20203` = 2020 + 3.
    if run.len() == 4 + want.len() {
        let year: u32 = run[..4].parse().ok()?;
        if !(1900..=2099).contains(&year) {
            return None;
        }
        if before.is_some_and(|c| c.is_alphanumeric()) {
            return None;
        }
        // Only the last few bytes can hold `năm `.
        let tail =
            &before_text[before_text.floor_char_boundary(before_text.len().saturating_sub(12))..];
        let glue = if NAM_BEFORE.is_match(tail) {
            Glue::Strong
        } else {
            Glue::Year
        };
        return Some((glue, a + 4));
    }
    None
}

static NAM_BEFORE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i:năm)\s*$").expect("valid"));

/// Bodies already in Markdown form: a line starting `[^3]: `, continued by the
/// following lines up to a blank line, a page break (unless the body plainly
/// goes on over it, see [`goes_on_over_page`]) or the next body.
pub(crate) fn find_md_bodies(text: &str, lines: &[Line]) -> Vec<MdBody> {
    let mut out: Vec<MdBody> = Vec::new();
    let mut open = false;
    for (j, l) in lines.iter().enumerate() {
        if l.blank {
            // The empty line between a page's last `\n` and its form feed
            // is no paragraph break.
            let before_ff = l.start == l.end && text[l.end..].starts_with('\u{c}');
            open &= before_ff;
            continue;
        }
        let c = l.content(text);
        if let Some((num, len)) = notes::body_at(c) {
            // The body's text starts after one space, if there is one.
            let len = len + usize::from(c[len..].starts_with(' '));
            out.push(MdBody {
                num,
                first: j,
                last: j,
                text_start: l.lead + len,
            });
            open = true;
            continue;
        }
        match out.last_mut() {
            Some(b)
                if open
                    && (lines[b.last].page == l.page
                        || goes_on_over_page(lines[b.last].content(text), c)) =>
            {
                b.last = j
            }
            _ => open = false,
        }
    }
    out
}

/// Does a body whose line `last` ends a page go on with `next`, the first
/// line of the next page? Only when it plainly does (the layout stage writes
/// a body that crosses a page break this way, see [`read_loose`]): `last`
/// stops at a comma or semicolon, or both are items of the same list
/// (`- Xã …` / `- Xã …`).
fn goes_on_over_page(last: &str, next: &str) -> bool {
    let last = last.trim_end();
    if last.ends_with([',', ';']) {
        return true;
    }
    match (item_word(last), item_word(next)) {
        (Some(a), Some(b)) => !a.is_empty() && a == b,
        _ => false,
    }
}

/// The first word of a list item line (`- Xã …`, or a body `[^2]: - Xã …`).
fn item_word(s: &str) -> Option<&str> {
    let s = match s.strip_prefix("[^") {
        Some(rest) => &rest[rest.find("]: ")? + 3..],
        None => s,
    };
    s.starts_with("- ").then(|| list_word(s))
}

/// `[^n]` anchors in the text outside the given line ranges (the bodies).
pub(crate) fn find_md_anchors(text: &str, lines: &[Line], bodies: &[MdBody]) -> Vec<Marker> {
    if !text.contains("[^") {
        return Vec::new();
    }
    let mut body_starts: Vec<usize> = bodies.iter().map(|b| lines[b.first].lead).collect();
    body_starts.sort_unstable();
    notes::markers(text)
        .filter(|(_, r)| body_starts.binary_search(&r.start).is_err())
        .map(|(num, r)| Marker {
            num,
            start: r.start,
            end: r.end,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker_in(text: &str, num: u32) -> Option<&str> {
        find_marker(text, 0, text.len(), num).map(|m| &text[m.start..m.end])
    }

    #[test]
    fn glued_markers() {
        let t = "đã đạt chuẩn OCOP và xếp hạng năm 20203, hiện nay";
        let m = find_marker(t, 0, t.len(), 3).unwrap();
        assert_eq!(&t[..m.start], "đã đạt chuẩn OCOP và xếp hạng năm 2020");
        assert_eq!(marker_in("tổ chức 94 lớp tập huấn7, với", 7), Some("7"));
        assert_eq!(marker_in("cho 04 chủ thể (06 sản phẩm)9 và", 9), Some("9"));
        assert_eq!(marker_in("phẩm nho xanh Ba Mọi)12. Năm", 12), Some("12"));
        assert_eq!(marker_in("theo Chu trình OCOP2 theo", 2), Some("2"));
    }

    #[test]
    fn not_markers() {
        for (t, n) in [
            ("diện tích tự nhiên 339,4km2. Toàn", 2),
            ("bình 382,6 người/km2.", 2),
            ("dịch cúm H5N1 và", 1),
            ("khổ giấy A4 và", 4),
            ("Định hình A5 Culaore", 5),
            ("đạt 2.038/2.102 đồng chí", 2),
            ("có 12 sản phẩm", 2),
            ("ngày 16/9/2021 về", 1),
            ("tổng 20.203 người", 3),
            ("mã số 123456", 6),
            ("phòng họp 3", 3),
        ] {
            assert_eq!(marker_in(t, n), None, "{t}");
        }
    }

    #[test]
    fn ambiguity_is_refused() {
        assert_eq!(marker_in("ngành hàng1 và chu trình1 theo", 1), None);
        // A stronger candidate wins over a weaker one.
        assert_eq!(
            marker_in("mã OCOP1 và ngành hàng1 theo", 1).map(|s| s.len()),
            Some(1)
        );
        let t = "mã OCOP1 và ngành hàng1 theo";
        let m = find_marker(t, 0, t.len(), 1).unwrap();
        assert!(t[..m.start].ends_with("hàng"));
    }

    fn loose_areas(text: &str) -> Vec<(u32, String)> {
        let lines = super::super::lines::scan(text);
        let skip = vec![false; lines.len()];
        find_areas(text, &lines, &skip, false)
            .iter()
            .flat_map(|a| a.bodies.iter())
            .map(|b| {
                let end = lines[b.last].cend;
                (b.num, text[b.text_start..end].replace('\n', " "))
            })
            .collect()
    }

    #[test]
    fn bodies_in_text_without_blank_lines() {
        // The body sits mid-page with the running text going on after it.
        let t = "Ban hành kế hoạch1 chỉ đạo tổ chức học tập.\n\
                 1 Kế hoạch số 41-KH/HU về tổ chức quán triệt các\n\
                 văn bản của Tỉnh ủy.\n\
                 Nhìn chung, việc quán triệt được thực hiện.";
        assert_eq!(
            loose_areas(t),
            [(
                1,
                "Kế hoạch số 41-KH/HU về tổ chức quán triệt các văn bản của Tỉnh ủy.".to_string()
            )]
        );
        // A list body goes on with its items, and ends at the first line
        // after a short complete item that is no item.
        let t = "các văn bản cụ thể triển khai thực hiện1.\n\
                 1 - Xã Phước Thái: Chương trình hành động số 12-CTr/ĐU\n\
                 - Xã Phước Hậu: Kế hoạch số 34-KH/ĐU ngày 24/9/2021\n\
                 nghiệp, hợp tác xã, tổ hợp tác, hộ sản xuất để sản xuất các sản phẩm nông nghiệp";
        let got = loose_areas(t);
        assert_eq!(got.len(), 1);
        assert!(got[0].1.ends_with("ngày 24/9/2021"), "{got:?}");
        // After a sentence, a bullet of another list is running text.
        let t = "thực hiện Chu trình OCOP1 theo quy định.\n\
                 1 Chu trình OCOP gồm 6 bước: (6) Xúc tiến thương mại.\n\
                 - Năm 2025 trên địa bàn có 25 sản phẩm.";
        assert_eq!(
            loose_areas(t),
            [(
                1,
                "Chu trình OCOP gồm 6 bước: (6) Xúc tiến thương mại.".to_string()
            )]
        );
    }

    #[test]
    fn numbered_lines_without_marker_are_no_bodies() {
        // Table rows and wrapped numbers: no glued marker before them.
        let t = "Sản phẩm đạt chuẩn như sau:\n1. 1 Yến sào Culaore\n3 sao\n\
                 trong đó có\n2 thôn đặc biệt khó khăn.";
        assert!(loose_areas(t).is_empty());
    }

    #[test]
    fn bodies_over_a_page_break() {
        assert!(goes_on_over_page(
            "[^1]: Nông, thủy sản tươi sống;",
            "nông, thủy sản"
        ));
        assert!(goes_on_over_page(
            "- Xã Phước Sơn: Kế hoạch số 24",
            "- Xã Phước Vinh"
        ));
        assert!(goes_on_over_page(
            "[^2]: - Xã Phước Thái: số 12",
            "- Xã Phước Vinh"
        ));
        assert!(!goes_on_over_page(
            "(6) Xúc tiến thương mại.",
            "- Năm 2025 trên"
        ));
        assert!(!goes_on_over_page(
            "[^1]: Tỉnh ủy và Huyện ủy.",
            "Nhìn chung, việc"
        ));
        assert!(!goes_on_over_page(
            "- Hộ kinh doanh táo sấy dẻo",
            "nhưng chưa"
        ));
    }

    #[test]
    fn body_numbers() {
        assert_eq!(body_number("3 Đơn vị tư vấn"), Some((3, 1, 2)));
        assert_eq!(body_number("2  - Xã Phước Thái"), Some((2, 1, 3)));
        assert_eq!(body_number("6Vườn nho"), Some((6, 1, 1)));
        assert_eq!(body_number("12 - Xã Phước Thuận"), Some((12, 2, 3)));
        assert_eq!(body_number("1. Mục đích"), None);
        assert_eq!(body_number("24/02/2023 của"), None);
        assert_eq!(body_number("1\tNguyễn Nghiêm\tDầu phụng"), None);
        assert_eq!(body_number("Culaore"), None);
    }
}
