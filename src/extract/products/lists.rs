//! Products listed in prose and footnotes.
//!
//! Shapes handled (sample 004 has them all):
//! - a heading with a count: `Xã Phước Thuận (04 sản phẩm): A - HTX X; B, C - HKD Y.`
//!   (locality) or `Nhóm thực phẩm (11 sản phẩm): A, B, C.` (category);
//! - producer first: `Hộ kinh doanh ... Thiên Thảo sản phẩm A, B, C.`;
//! - items with their producer after a dash, in a footnote, after `cụ thể:`,
//!   or in parentheses after `03 sản phẩm (...)`;
//! - one product in a sentence: `sản phẩm nho xanh của Hộ kinh doanh ... đạt 4 sao`.
//!
//! Stars and status come from the sentence the list belongs to: for a footnote,
//! the sentence where its marker stands (`... đạt chuẩn OCOP xếp hạng 3 sao[^5]`).

use crate::output::{ProductSource, ProductStatus};
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use super::text::{
    clean_field, clean_name, collapse, legal_form_at, producer_first_split, starts_with_locality,
    trim, trim_with, words_lower, Range,
};
use super::words::{
    CATEGORIES, CLAUSE_STOPS, GENERIC_NAME_WORDS, LOCALITY_ABBREVIATIONS, PLACE_WORDS,
};
use super::{first_count, status_of, Candidate, Found, RawList};
use crate::lexicon::{level_pattern, LevelCase, COMMUNE_LEVELS, DISTRICT_LEVELS};
use crate::text::notes;

/// What a list heading starts with: a commune or district level word as a
/// heading writes it (`Xã`, `Thị trấn`), its abbreviation, or `Nhóm` (a
/// product group).
static HEADING_WORDS: LazyLock<String> = LazyLock::new(|| {
    let levels = [COMMUNE_LEVELS, DISTRICT_LEVELS].concat();
    let mut words = vec![level_pattern(&levels, LevelCase::Capital, " ")];
    words.extend(LOCALITY_ABBREVIATIONS.iter().map(|a| regex::escape(a)));
    words.push("Nhóm".into());
    words.join("|")
});
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^((?:{})\s+[^():;\n]{{1,60}}?)\s*\((\d{{1,3}})\s*(?:sản\s+phẩm|sp)\)\s*:",
        *HEADING_WORDS
    ))
    .unwrap()
});
/// A locality heading without a count (`- Xã Tân Lập: A - HTX X; ...`): its
/// items must name their producers with a legal form.
static BARE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let levels = [COMMUNE_LEVELS, DISTRICT_LEVELS].concat();
    Regex::new(&format!(
        r"^((?:{})\s+\p{{Lu}}[^():;\n]{{0,40}}?)\s*:\s",
        level_pattern(&levels, LevelCase::Capital, " ")
    ))
    .unwrap()
});
/// The words [`HEADING`] and [`BARE_HEADING`] can start with.
const HEADING_STARTS: &[&str] = &["Xã", "Phường", "Thị", "TT", "Huyện", "Thành", "Nhóm"];
static RAW_FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})(?:\s+-\s+|\s+|)(?:\p{Lu}|-\s)").unwrap());
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-+•]\s*").unwrap());
static DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+[-–]\s+").unwrap());
static OF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+của\s+").unwrap());
static AS_FOLLOWS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"cụ\s+thể(?:\s+như\s+sau)?\s*:").unwrap());
static IN_PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,3})\s+sản\s+phẩm\s*\(").unwrap());
/// One lower-case letter (general category Ll), for the letters
/// [`is_lower_letter`] cannot judge from `char::is_lowercase`.
static LL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\p{Ll}\z").unwrap());
static STARS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b([1-5])\s*sao\b").unwrap());
static STARS_FOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([1-5])\s*sao\s*\(([^()]{1,80})\)").unwrap());
static ROW_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,3}[.)]").unwrap());

/// How a clause may name its producer.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Under a locality heading: any ` - ` separates names from the producer,
    /// and a clause of bare names is a list of products.
    Heading,
    /// Under a category heading: bare names only (no producer given).
    Names,
    /// Elsewhere: only a dash or `của` followed by a legal form, or a clause
    /// that opens with a legal form.
    Strict,
}

/// What the sentence around a list says about its products.
#[derive(Clone, Default)]
struct Context {
    stars: Option<u8>,
    status: Option<ProductStatus>,
    /// `4 sao (nho xanh Ba Mọi)`: star level, lowercase words named, proposal?
    special: Vec<(u8, Vec<String>, bool)>,
}

struct Item {
    span: Range,
    name: String,
    producer: Option<String>,
    address: Option<String>,
    locality: Option<String>,
}

/// Find prose and footnote lists and read their products.
pub fn extract(text: &str, ls: &[(Range, bool)], found: &mut Found) {
    let anchors = layout_anchors(text);
    let mut taken: Vec<Range> = Vec::new();
    // Items and first/last byte per footnote number, for its stated count.
    let mut per_note: BTreeMap<u32, (u32, usize, usize)> = BTreeMap::new();
    let mut note: Option<u32> = None;
    // Consecutive list lines share the sentence that introduced them.
    let mut block: Option<Context> = None;
    // The lines of one footnote share its marker's sentence: read it once.
    let mut contexts: HashMap<Range, Context> = HashMap::new();
    let mut k = 0;
    while k < ls.len() {
        let ((s, e), _) = ls[k];
        let line = &text[s..e];
        if memchr::memchr(b'\t', line.as_bytes()).is_some() || line.starts_with('|') {
            note = None;
            k += 1;
            continue;
        }
        let mut p = s;
        let mut marker: Option<u32> = None;
        let mut raw = false;
        // Cheap first-byte tests spare most lines the anchored regexes.
        let layout_note = notes::body_at(line);
        let raw_note = || {
            may_be_raw_note(line)
                .then(|| RAW_FOOTNOTE.captures(line))
                .flatten()
        };
        if let Some((n, len)) = layout_note {
            marker = Some(n);
            p = s + len + (line[len..].len() - line[len..].trim_start().len());
        } else if let Some(c) = raw_note() {
            marker = c[1].parse().ok();
            raw = true;
            p = s + c.get(1).map(|m| m.end()).unwrap_or(0);
            p = trim(text, (p, e)).0;
        }
        let bullet = if text[p..e].starts_with(['-', '+', '•']) {
            BULLET.find(&text[p..e]).map(|m| m.end()).unwrap_or(0)
        } else {
            0
        };
        let bulleted = bullet > 0;
        p += bullet;
        let content = &text[p..e];
        let may_head = HEADING_STARTS.iter().any(|w| content.starts_with(w));
        // A heading with a count has its `(`, one without has its `:`.
        let heading = (may_head && content.contains('('))
            .then(|| HEADING.captures(content))
            .flatten();
        let bare = match heading {
            None if may_head && content.contains(':') => BARE_HEADING
                .captures(content)
                .filter(|c| has_legal_dash(&content[c.get(0).map_or(0, |m| m.end())..])),
            _ => None,
        };
        // A raw number at a line start is a footnote only when its marker
        // stands somewhere before it (`kinh doanh4`).
        if raw && heading.is_none() {
            if let Some(n) = marker {
                if find_anchor(text, &anchors, n, s).is_none() {
                    marker = None;
                }
            }
        }
        let in_note = marker.is_some() || (bulleted && note.is_some());
        let is_list = heading.is_some()
            || bare.is_some()
            || (in_note && (legal_form_at(content, true).is_some() || has_legal_dash(content)));
        if !is_list {
            // A raw number at a line start is a footnote only when a list follows.
            note = if marker.is_some() && !raw {
                marker
            } else {
                None
            };
            block = None;
            k += 1;
            continue;
        }
        if marker.is_some() {
            note = marker;
        }
        let bare_end = bare
            .as_ref()
            .map(|b| (p + b.get(0).map_or(0, |m| m.end()), collapse(&b[1])));
        let (region_end, next) = region_end(text, ls, k, p);
        let ctx = match (note, &block) {
            (Some(n), _) => note_sentence(text, &anchors, n, s)
                .map(|r| cached_context(text, r, &mut contexts))
                .unwrap_or_default(),
            (None, Some(b)) => b.clone(),
            (None, None) => cached_context(text, intro_sentence(text, s), &mut contexts),
        };
        block = Some(ctx.clone());
        let mut n_items = 0u32;
        for seg in segments(text, (p, region_end), bare_end) {
            let items = parse_region(text, seg.items, seg.mode);
            let (locality, category) = match (&seg.label, seg.mode) {
                (Some(l), Mode::Names) => (None, category_of(l)),
                (Some(l), _) => (Some(l.clone()), None),
                _ => (None, None),
            };
            let listed = items.len() as u32;
            n_items += listed;
            let source = if note.is_some() {
                ProductSource::Footnote
            } else {
                ProductSource::List
            };
            push_items(found, items, &ctx, locality, category, source);
            if let Some((n, count)) = seg.stated {
                found.lists.push(RawList {
                    stated: n,
                    listed,
                    count,
                    list: (seg.start, seg.items.1),
                    label: seg.label.clone(),
                });
            }
        }
        if let Some(n) = note {
            let entry = per_note.entry(n).or_insert((0, s, region_end));
            entry.0 += n_items;
            entry.2 = region_end;
        }
        taken.push((s, region_end));
        k = next;
    }
    for (n, (listed, start, end)) in &per_note {
        if let Some(anchor) = find_anchor(text, &anchors, *n, *start) {
            let (bs, _) = sentence_bounds(text, anchor);
            if let Some((stated, count)) = first_count(text, (bs, anchor)) {
                found.lists.push(RawList {
                    stated,
                    listed: *listed,
                    count,
                    list: (*start, *end),
                    label: None,
                });
            }
        }
    }
    as_follows_lists(text, ls, &mut taken, found);
    paren_lists(text, &mut taken, found);
    single_mentions(text, &taken, found);
}

/// Whether [`RAW_FOOTNOTE`] may match `line`: it opens with an ASCII digit,
/// and after one or two digits comes white space, a capital or a dash.
/// Only ASCII bytes are judged here (`1.`, `2024`, `15%` are rejected); the
/// regex decides the rest.
fn may_be_raw_note(line: &str) -> bool {
    let b = line.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    // After two digits (the second only when ASCII), or else after one.
    let next = if b.get(1).is_some_and(u8::is_ascii_digit) {
        b.get(2)
    } else {
        b.get(1)
    };
    match next {
        Some(&c) if c.is_ascii() => {
            c == b'-' || c.is_ascii_uppercase() || char::from(c).is_whitespace()
        }
        _ => true,
    }
}

fn category_of(label: &str) -> Option<String> {
    let lower = label.to_lowercase();
    let rest = lower.strip_prefix("nhóm")?.trim();
    CATEGORIES
        .iter()
        .find(|c| rest.starts_with(*c))
        .map(|c| c.to_string())
        .or_else(|| Some(rest.to_string()))
}

fn push_items(
    found: &mut Found,
    items: Vec<Item>,
    ctx: &Context,
    locality: Option<String>,
    category: Option<String>,
    source: ProductSource,
) {
    for it in items {
        let mut stars = ctx.stars;
        let mut target = None;
        let mut status = match (stars, ctx.status) {
            (Some(_), _) => ProductStatus::Certified,
            (None, Some(s)) => s,
            (None, None) => ProductStatus::Mentioned,
        };
        // Only a `4 sao (nho xanh ...)` context compares names.
        let words = if ctx.special.is_empty() {
            Vec::new()
        } else {
            words_lower(&it.name)
        };
        for (n, named, proposal) in &ctx.special {
            if !words.is_empty() && named.starts_with(&words) {
                if *proposal {
                    stars = None;
                    target = Some(*n);
                    status = ProductStatus::Registered;
                } else {
                    stars = Some(*n);
                    status = ProductStatus::Certified;
                }
            }
        }
        found.products.push(Candidate {
            name: it.name,
            span: it.span,
            producer: it.producer,
            address: it.address,
            locality: it.locality.or_else(|| locality.clone()),
            stars,
            target_stars: target,
            status,
            category: category.clone(),
            source,
        });
    }
}

/// Whether a dash in `s` is followed by a producer's legal form.
fn has_legal_dash(s: &str) -> bool {
    DASH.find_iter(s).any(|m| producer_after(&s[m.end()..]))
}

/// Whether `s` opens with a producer (`HTX ...`, `của HKD ...`).
fn producer_after(s: &str) -> bool {
    let s = s.strip_prefix("của ").unwrap_or(s);
    legal_form_at(s, true).is_some()
}

/// End of a list region that starts at byte `from` on line `k`: a line ending
/// with a full stop, a page break, or the next bullet, footnote or heading.
/// Returns the end byte and the index of the next unread line.
fn region_end(text: &str, ls: &[(Range, bool)], k: usize, from: usize) -> (usize, usize) {
    let mut end = ls[k].0 .1.max(from);
    let mut j = k;
    loop {
        if text[from.min(end)..end].trim_end().ends_with('.') || j + 1 >= ls.len() || j >= k + 12 {
            return (end, j + 1);
        }
        let ((s, e), after_break) = ls[j + 1];
        let next = &text[s..e];
        if after_break
            || BULLET.is_match(next) && starts_item_block(next)
            || notes::body_at(next).is_some()
            || RAW_FOOTNOTE.is_match(next) && !next.starts_with(|c: char| c.is_alphabetic())
            || ROW_LINE.is_match(next)
            || next.contains('\t')
        {
            return (end, j + 1);
        }
        end = e;
        j += 1;
    }
}

/// A bullet line that opens a new block rather than continuing a wrapped list.
fn starts_item_block(line: &str) -> bool {
    let rest = BULLET.replace(line, "");
    // `- Phước Thuận; ...` is a wrapped `Táo tươi Ba Khoa - HTX Ba Khoa - Phước Thuận`.
    let short_tail = rest.split([';', ')']).next().is_some_and(|first| {
        first.split_whitespace().count() <= 3 && (rest.contains(';') || rest.contains(')'))
    });
    !short_tail
}

/// One list inside a region: its items, and the heading that announces it.
struct Segment {
    start: usize,
    items: Range,
    mode: Mode,
    label: Option<String>,
    stated: Option<(u32, Range)>,
}

/// Headings anywhere in a region, also several joined on one line
/// (`... mật nho 39. - Xã Phước Vinh (04 sản phẩm): ...`).
static INLINE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[.;:]\s*(?:[-+–]\s+)?|\s[-+–]\s+)((?:{})\s+[^():;\n.]{{1,60}}?)\s*\((\d{{1,3}})(\s*(?:sản\s+phẩm|sp))\)\s*:",
        *HEADING_WORDS
    ))
    .unwrap()
});

/// Cut a list region at its headings. Text before the first heading is a list
/// of its own (producer first, dashed items), under `bare` when a heading
/// without a count opened it.
fn segments(text: &str, (p, end): Range, bare: Option<(usize, String)>) -> Vec<Segment> {
    let region = &text[p..end];
    // Every heading has its count in parentheses.
    let heads: Vec<regex::Captures> = if region.contains('(') {
        INLINE_HEADING.captures_iter(region).collect()
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    let first = heads
        .first()
        .and_then(|h| h.get(0))
        .map_or(region.len(), |m| m.start());
    let lead_start = bare.as_ref().map_or(p, |b| b.0.min(p + first));
    if !text[lead_start..p + first].trim().is_empty() {
        out.push(Segment {
            start: p,
            items: (lead_start, p + first),
            mode: Mode::Strict,
            label: bare.map(|b| b.1),
            stated: None,
        });
    }
    for (i, h) in heads.iter().enumerate() {
        let (Some(whole), Some(label), Some(num), Some(unit)) =
            (h.get(0), h.get(1), h.get(2), h.get(3))
        else {
            continue;
        };
        let items_end = heads
            .get(i + 1)
            .and_then(|n| n.get(0))
            .map_or(end, |m| p + m.start());
        let label = collapse(label.as_str());
        let mode = if label.starts_with("Nhóm") {
            Mode::Names
        } else {
            Mode::Heading
        };
        out.push(Segment {
            start: p + label_start(h),
            items: (p + whole.end(), items_end),
            mode,
            label: Some(label),
            stated: num
                .as_str()
                .parse()
                .ok()
                .map(|n| (n, (p + num.start(), p + unit.end()))),
        });
    }
    out
}

fn label_start(h: &regex::Captures) -> usize {
    h.get(1).map_or(0, |m| m.start())
}

/// Split a region into clauses at `;`, at `. ` before a capital, and at
/// `và` before a legal form, outside parentheses.
fn clauses(text: &str, (s, e): Range) -> Vec<Range> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = s;
    let region = &text[s..e];
    for (i, c) in region.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth <= 0 => {
                out.push((start, s + i));
                start = s + i + 1;
            }
            '.' if depth <= 0 => {
                let rest = &region[i + 1..];
                let t = rest.trim_start();
                let bullet = t.starts_with("- ") || t.starts_with("+ ") || t.starts_with("– ");
                if rest.starts_with(char::is_whitespace)
                    && (t.starts_with(char::is_uppercase) || bullet)
                {
                    out.push((start, s + i));
                    start = s + i + 1;
                }
            }
            ' ' | '\n' if depth <= 0 => {
                let rest = &region[i + 1..];
                if let Some(r) = rest.strip_prefix("và ") {
                    if legal_form_at(r.trim_start(), true).is_some() {
                        out.push((start, s + i));
                        start = s + i + 1;
                    }
                }
            }
            _ => {}
        }
    }
    out.push((start, e));
    out
}

fn parse_region(text: &str, r: Range, mode: Mode) -> Vec<Item> {
    let mut out = Vec::new();
    for c in clauses(text, r) {
        parse_clause(text, c, mode, &mut out);
    }
    out
}

fn parse_clause(text: &str, r: Range, mode: Mode, out: &mut Vec<Item>) {
    let mut r = trim_with(text, r, &['.', ',', ';', ' ']);
    for lead in ["và ", "- ", "– "] {
        if text[r.0..r.1].starts_with(lead) {
            r.0 += lead.len();
        }
    }
    r = trim(text, r);
    if r.0 >= r.1 {
        return;
    }
    // A trailing `(Phước Vinh)` / `(xã An Hải)` names the locality.
    let mut locality = None;
    let mut address = None;
    if text[r.0..r.1].ends_with(')') {
        if let Some(open) = text[r.0..r.1].rfind('(') {
            let inner = collapse(&text[r.0 + open + 1..r.1 - 1]);
            let lower = inner.to_lowercase();
            let short =
                inner.split(' ').count() <= 4 && inner.starts_with(|c: char| c.is_uppercase());
            if PLACE_WORDS.iter().any(|w| lower.starts_with(w)) {
                address = Some(inner);
                r = trim(text, (r.0, r.0 + open));
            } else if starts_with_locality(&inner) || short {
                locality = Some(inner);
                r = trim(text, (r.0, r.0 + open));
            }
        }
    }
    let clause = &text[r.0..r.1];
    let dashes: Vec<(usize, usize)> = DASH
        .find_iter(clause)
        .filter(|m| {
            let right = &clause[m.end()..];
            producer_after(right)
                || (mode == Mode::Heading && right.starts_with(|c: char| c.is_uppercase()))
        })
        .map(|m| (r.0 + m.start(), r.0 + m.end()))
        .collect();
    let mut push = |names: Range, producer: Option<String>| {
        for n in split_names(text, names) {
            out.push(Item {
                span: n.0,
                name: n.1,
                producer: producer.clone(),
                address: address.clone(),
                locality: locality.clone(),
            });
        }
    };
    if !dashes.is_empty() && mode != Mode::Names {
        // `A - P1, B - P2`: the text between two dashes is a producer, then the
        // next item's names after its last comma.
        let mut names = (r.0, dashes[0].0);
        for (i, d) in dashes.iter().enumerate() {
            let seg_end = dashes.get(i + 1).map(|n| n.0).unwrap_or(r.1);
            let seg = (d.1, seg_end);
            let (prod, next_names) = if i + 1 < dashes.len() {
                match text[seg.0..seg.1].rfind(',') {
                    Some(c) => ((seg.0, seg.0 + c), Some((seg.0 + c + 1, seg.1))),
                    None => (seg, None),
                }
            } else {
                (seg, None)
            };
            push(names, producer_of(text, prod));
            match next_names {
                Some(n) => names = n,
                None => break,
            }
        }
        return;
    }
    if legal_form_at(clause, true).is_some() {
        if let Some((pe, ns)) = producer_first_split(clause) {
            push((r.0 + ns, r.1), producer_of(text, (r.0, r.0 + pe)));
        }
        return;
    }
    if let Some(m) = OF
        .find(clause)
        .filter(|m| producer_after(&clause[m.end()..]))
    {
        if mode != Mode::Names {
            push(
                (r.0, r.0 + m.start()),
                producer_of(text, (r.0 + m.end(), r.1)),
            );
            return;
        }
    }
    if mode != Mode::Strict {
        push(r, None);
    }
}

/// A producer as written, without `của` and without a trailing ` - Phước Hậu`.
fn producer_of(text: &str, r: Range) -> Option<String> {
    let mut p = clean_field(text, r)?;
    if let Some(rest) = p.strip_prefix("của ") {
        p = rest.to_string();
    }
    if let Some(i) = p.rfind(" - ") {
        let tail = &p[i + 3..];
        let words = tail.split(' ').count();
        if words <= 3
            && tail.starts_with(|c: char| c.is_uppercase())
            && legal_form_at(tail, true).is_none()
        {
            p.truncate(i);
        }
    }
    Some(p)
}

/// Product names separated by commas, each cut at a clause stop and cleaned.
fn split_names(text: &str, (s, e): Range) -> Vec<(Range, String)> {
    let mut out = Vec::new();
    let mut start = s;
    let mut depth = 0i32;
    let mut bounds = Vec::new();
    for (i, c) in text[s..e].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                bounds.push((start, s + i));
                start = s + i + 1;
            }
            _ => {}
        }
    }
    bounds.push((start, e));
    for (a, mut b) in bounds {
        if let Some(cut) = first_clause_stop(&text[a..b]) {
            b = a + cut;
        }
        let Some((span, name)) = clean_name(text, (a, b)) else {
            continue;
        };
        let words = name.split(' ').count();
        if words > 12 || legal_form_at(&name, true).is_some() || generic(&name) {
            continue;
        }
        out.push((span, name));
    }
    out
}

/// Where the first [`CLAUSE_STOPS`] phrase starts in `seg`, line breaks
/// read as spaces. Every phrase opens with a space: only spaces and line
/// breaks are tried.
fn first_clause_stop(seg: &str) -> Option<usize> {
    let b = seg.as_bytes();
    let same = |x: u8, y: u8| x == y || (x == b'\n' && y == b' ');
    memchr::memchr2_iter(b' ', b'\n', b).find(|&i| {
        CLAUSE_STOPS.iter().any(|w| {
            let w = w.as_bytes();
            b.len() - i >= w.len() && b[i..i + w.len()].iter().zip(w).all(|(&x, &y)| same(x, y))
        })
    })
}

/// A name made only of generic words (`chủ lực`, `OCOP mới`) names no product.
fn generic(name: &str) -> bool {
    // `words_lower`, lowered word by word until one is not generic.
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            if w.is_ascii() {
                // Lowering an ASCII word is byte by byte: no allocation.
                GENERIC_NAME_WORDS.iter().any(|g| {
                    g.len() == w.len()
                        && g.bytes()
                            .zip(w.bytes())
                            .all(|(a, b)| a == b.to_ascii_lowercase())
                })
            } else {
                GENERIC_NAME_WORDS.contains(&w.to_lowercase().as_str())
            }
        })
}

/// Byte range of the sentence that ends at `at`: back to the previous full
/// stop before a capital, colon, or bullet.
///
/// Not [`crate::text::sentence::sentence`]: a list's context sentence ends at
/// its colon (`..., cụ thể:`) and goes on over blank lines, and reading it
/// with the audit's sentence bounds gave 5 stars to products of sample 004
/// whose context states none.
fn sentence_bounds(text: &str, at: usize) -> Range {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut from = at.saturating_sub(1500);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..at];
    // The last boundary wins: look for it from the end. Each marks the start
    // of what follows it, and all three are single bytes.
    let best = memchr::memrchr3_iter(b'.', b':', b'\n', window.as_bytes())
        .find(|&i| {
            let rest = &window[i + 1..];
            match window.as_bytes()[i] {
                b'.' => {
                    rest.starts_with(char::is_whitespace)
                        && rest.trim_start().starts_with(char::is_uppercase)
                }
                b':' => rest.starts_with(char::is_whitespace),
                _ => rest.trim_start_matches([' ', '\n']).starts_with(['-', '+']),
            }
        })
        .map_or(0, |i| i + 1);
    (from + best, at)
}

fn context_of(sentence: &str) -> Context {
    let special = STARS_FOR
        .captures_iter(sentence)
        .filter_map(|c| {
            let n: u8 = c[1].parse().ok()?;
            let before = &sentence[..c.get(0)?.start()];
            let proposal = before.contains("trình") || before.contains("đề nghị");
            Some((n, words_lower(&c[2]), proposal))
        })
        .collect();
    let stars = STARS
        .captures_iter(sentence)
        .filter(|c| {
            let after = &sentence[c.get(0).map(|m| m.end()).unwrap_or(0)..];
            !after.trim_start().starts_with("trở lên") && !after.trim_start().starts_with('(')
        })
        .find_map(|c| c[1].parse().ok())
        .filter(|n| (3..=5).contains(n));
    Context {
        stars,
        status: status_of(sentence),
        special,
    }
}

/// Context of a list in the running text: the sentence it stands in.
fn sentence_context(text: &str, at: usize) -> Context {
    let (s, e) = sentence_bounds(text, at);
    context_of(&text[s..e])
}

/// Context of the sentence `r`, read once per document.
fn cached_context(text: &str, r: Range, cache: &mut HashMap<Range, Context>) -> Context {
    cache
        .entry(r)
        .or_insert_with(|| context_of(&text[r.0..r.1]))
        .clone()
}

/// The sentence that introduces a list following it (`..., cụ thể:` then the
/// list lines): the sentence before, or the one ending at the colon.
fn intro_sentence(text: &str, at: usize) -> Range {
    let (s, e) = sentence_bounds(text, at);
    if !text[s..e].trim().is_empty() || s == 0 {
        return (s, e);
    }
    let (s2, _) = sentence_bounds(text, s - 1);
    (s2, s)
}

/// The sentence a footnote's marker stands in: its list's context.
fn note_sentence(text: &str, anchors: &Anchors, n: u32, body: usize) -> Option<Range> {
    find_anchor(text, anchors, n, body).map(|a| sentence_bounds(text, a))
}

/// Byte offsets of each footnote's `[^n]` markers in the running text
/// (bodies `[^n]: ` excluded), found in one pass.
type Anchors = HashMap<u32, Vec<usize>>;

fn layout_anchors(text: &str) -> Anchors {
    let mut out: Anchors = HashMap::new();
    for (n, r) in notes::anchors(text) {
        out.entry(n).or_default().push(r.start);
    }
    out
}

/// Where footnote `n`'s marker stands: `[^n]` (not its body), or in raw PDF
/// text the number glued to a word, a parenthesis or a year (`sao5`, `(06 sản
/// phẩm)9`, `năm 20203`), the nearest before the body.
fn find_anchor(text: &str, anchors: &Anchors, n: u32, body: usize) -> Option<usize> {
    let layout = anchors.get(&n).map(Vec::as_slice).unwrap_or(&[]);
    if !layout.is_empty() {
        return layout
            .iter()
            .rev()
            .find(|&&i| i < body)
            .or(layout.first())
            .copied();
    }
    let digits = n.to_string();
    let mut from = body.saturating_sub(8000);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..body];
    window
        .match_indices(digits.as_str())
        .filter(|(i, _)| {
            let before = window[..*i].chars().next_back();
            let after = window[i + digits.len()..].chars().next();
            let after_ok = after.is_none_or(|c| !c.is_alphanumeric());
            let glued = before.is_some_and(|c| c.is_alphabetic() || c == ')');
            let year = window[..*i].len() >= 4
                && window[..*i].get(window[..*i].len() - 4..).is_some_and(|y| {
                    (y.starts_with("19") || y.starts_with("20"))
                        && y.chars().all(|c| c.is_ascii_digit())
                })
                && window[..*i].len() >= 5
                && !window[..*i - 4].ends_with(|c: char| c.is_ascii_digit() || c == '/');
            after_ok && (glued || year)
        })
        .map(|(i, _)| from + i)
        .last()
}

/// `..., cụ thể: A - HTX X; B - HKD Y.` in the running text.
fn as_follows_lists(text: &str, ls: &[(Range, bool)], taken: &mut Vec<Range>, found: &mut Found) {
    for m in AS_FOLLOWS.find_iter(text) {
        let start = m.end();
        if taken.iter().any(|&(a, b)| a <= start && start < b) {
            continue;
        }
        let k = ls.partition_point(|((_, e), _)| *e < start);
        if k >= ls.len() {
            continue;
        }
        let (end, _) = region_end(text, ls, k, start);
        let items = parse_region(text, (start, end), Mode::Strict);
        if items.is_empty() {
            continue;
        }
        let sentence = sentence_bounds(text, m.start());
        let ctx = context_of(&text[sentence.0..sentence.1]);
        let n = items.len() as u32;
        push_items(found, items, &ctx, None, None, ProductSource::List);
        if let Some((stated, count)) = first_count(text, sentence) {
            found.lists.push(RawList {
                stated,
                listed: n,
                count,
                list: (start, end),
                label: None,
            });
        }
        taken.push((m.start(), end));
    }
}

/// `03 sản phẩm (A - Công ty X - Phước Hậu; B - HTX Y - Phước Thuận)`.
fn paren_lists(text: &str, taken: &mut Vec<Range>, found: &mut Found) {
    for c in IN_PARENS.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let open = m.end();
        if taken.iter().any(|&(a, b)| a <= open && open < b) {
            continue;
        }
        let mut depth = 1;
        let mut close = None;
        for (i, ch) in text[open..].char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(open + i);
                        break;
                    }
                }
                _ => {}
            }
            if i > 1500 {
                break;
            }
        }
        let Some(close) = close else { continue };
        let items = parse_region(text, (open, close), Mode::Strict);
        if items.is_empty() {
            continue;
        }
        let ctx = sentence_context(text, m.start());
        let n = items.len() as u32;
        push_items(found, items, &ctx, None, None, ProductSource::List);
        if let (Ok(stated), Some(cm)) = (c[1].parse(), c.get(1)) {
            let count_end = cm.end()
                + text[cm.end()..open]
                    .trim_end_matches(['(', ' ', '\n'])
                    .len();
            found.lists.push(RawList {
                stated,
                listed: n,
                count: (cm.start(), count_end),
                list: (open, close),
                label: None,
            });
        }
        taken.push((m.start(), close));
    }
}

/// `sản phẩm nho xanh của Hộ kinh doanh ... Ba Mọi đạt 4 sao`.
fn single_mentions(text: &str, taken: &[Range], found: &mut Found) {
    // The matches of the pattern, left to right: each `sản` not inside
    // the previous match may start one.
    let mut last_end = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), "sản".as_bytes()) {
        if at < last_end {
            continue;
        }
        let Some((name, m_end)) = single_at(text, at) else {
            continue;
        };
        last_end = m_end;
        let m_start = at;
        if taken.iter().any(|&(a, b)| a <= m_start && m_start < b) {
            continue;
        }
        let rest = &text[m_end..];
        if legal_form_at(rest, true).is_none() {
            continue;
        }
        let Some((whole_end, stars)) = reaches(rest) else {
            continue;
        };
        let prod_end = m_end + rest[..whole_end].rfind("đạt").unwrap_or(0);
        let Some(producer) = clean_field(text, (m_end, prod_end)) else {
            continue;
        };
        let Some((span, name)) = clean_name(text, name) else {
            continue;
        };
        if name.split(' ').count() > 6 || generic(&name) {
            continue;
        }
        let (bs, _) = sentence_bounds(text, m_start);
        let before = &text[bs..m_start];
        let proposal = before.contains("đề nghị") || before.contains("trình");
        found.products.push(Candidate {
            name,
            span,
            producer: Some(producer),
            stars: (!proposal).then_some(stars),
            target_stars: proposal.then_some(stars),
            status: if proposal {
                ProductStatus::Registered
            } else {
                ProductStatus::Certified
            },
            source: ProductSource::List,
            ..Default::default()
        });
    }
}

/// The regex `sản\s+phẩm\s+(\p{Ll}[\p{Ll}\s]{1,40}?)\s+của\s+` anchored at
/// `at`, by hand (compiling it cost 48M instructions, more than all its
/// searches): the name's range and the end of the match. The name is the
/// shortest run of lower-case letters and spaces (2 to 41 characters, the
/// first a letter) followed by `của` between spaces.
fn single_at(text: &str, at: usize) -> Option<(Range, usize)> {
    let rest = text[at..].strip_prefix("sản")?;
    let name = strip_white(rest)?.strip_prefix("phẩm")?;
    let name = strip_white(name)?;
    let start = text.len() - name.len();
    let mut chars = name.chars();
    if !chars.next().is_some_and(is_lower_letter) {
        return None;
    }
    for _ in 0..40 {
        match chars.next() {
            Some(c) if c.is_whitespace() || is_lower_letter(c) => {}
            _ => return None,
        }
        let after = chars.as_str();
        let end = strip_white(after)
            .and_then(|r| r.strip_prefix("của"))
            .and_then(strip_white);
        if let Some(end) = end {
            let name_end = text.len() - after.len();
            return Some(((start, name_end), text.len() - end.len()));
        }
    }
    None
}

/// `\p{Ll}`: in the Latin blocks Vietnamese is written in (U+00C0..=U+024F,
/// U+1E00..=U+1EFF) and in ASCII no lower-case character is outside Ll, so
/// `char::is_lowercase` answers there; elsewhere the regex does.
fn is_lower_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else if ('\u{c0}'..='\u{24f}').contains(&c) || ('\u{1e00}'..='\u{1eff}').contains(&c) {
        c.is_lowercase()
    } else {
        LL.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

/// `s` without its leading white space, when it has some.
fn strip_white(s: &str) -> Option<&str> {
    // Most calls meet a letter: settle ASCII without the trimming loop.
    match s.as_bytes().first() {
        None => None,
        Some(&b) if b.is_ascii() && !char::from(b).is_whitespace() => None,
        Some(_) => {
            let t = s.trim_start_matches(char::is_whitespace);
            (t.len() < s.len()).then_some(t)
        }
    }
}

/// The regex `^[^.;:()]{1,120}?\s+đạt\s+([1-5])\s*sao` by hand (compiling
/// it cost more than all its searches): the shortest lead of 1 to 120
/// characters other than `.;:()` followed by `đạt N sao`. Returns the end of
/// the match and N.
fn reaches(rest: &str) -> Option<(usize, u8)> {
    let mut chars = rest.char_indices();
    for _ in 0..120 {
        let (_, c) = chars.next()?;
        if matches!(c, '.' | ';' | ':' | '(' | ')') {
            return None;
        }
        let at = chars.offset();
        if let Some(hit) = stars_reached(&rest[at..]) {
            return Some((at + hit.0, hit.1));
        }
    }
    None
}

/// `\s+đạt\s+([1-5])\s*sao` at the start of `s`: end of the match and N.
fn stars_reached(s: &str) -> Option<(usize, u8)> {
    let t = strip_white(s)?.strip_prefix("đạt")?;
    let t = strip_white(t)?;
    let n = *t.as_bytes().first()?;
    if !(b'1'..=b'5').contains(&n) {
        return None;
    }
    let t = t[1..]
        .trim_start_matches(char::is_whitespace)
        .strip_prefix("sao")?;
    Some((s.len() - t.len(), n - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> Vec<Candidate> {
        let mut f = Found::default();
        extract(t, &super::super::text::lines(t, 0, t.len()), &mut f);
        super::super::merge::merge(f.products)
    }

    #[test]
    fn lower_letters_are_ll() {
        let ll = Regex::new(r"\A\p{Ll}\z").unwrap();
        for c in ('\0'..='\u{2fff}').chain(['\u{1e9e}', '\u{1ef9}', '\u{1eff}']) {
            let expected = ll.is_match(c.encode_utf8(&mut [0; 4]));
            assert_eq!(is_lower_letter(c), expected, "{c:?}");
        }
    }

    #[test]
    fn single_mention_by_hand() {
        let t = "xx sản phẩm  nho xanh  của\nHộ kinh doanh";
        let ((a, b), end) = single_at(t, 3).unwrap();
        assert_eq!(&t[a..b], "nho xanh");
        assert_eq!(&t[end..], "Hộ kinh doanh");
        assert!(single_at("sản phẩm Nho của HTX", 0).is_none());
        assert!(single_at("sản phẩm n của HTX", 0).is_none());
        assert_eq!(single_at("sản phẩm na của HTX", 0).map(|r| r.1), Some(22));
    }

    #[test]
    fn locality_heading_with_shared_producers() {
        let t = "có 15 sản phẩm đạt chuẩn OCOP xếp hạng 3 sao[^4].\n\n\
                 [^4]: - Xã Phước Thuận (04 sản phẩm): Táo tươi Ba Khoa - HTX Ba Khoa; Táo sấy dẻo - HKD \n\n\
                 Trung Tuấn; Rượu nho, Mật nho - Cơ sở sản xuất rượu, mật nho 39.\n";
        let p = run(t);
        let names: Vec<_> = p.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["Táo tươi Ba Khoa", "Táo sấy dẻo", "Rượu nho", "Mật nho"]
        );
        assert_eq!(p[1].producer.as_deref(), Some("HKD Trung Tuấn"));
        assert_eq!(
            p[3].producer.as_deref(),
            Some("Cơ sở sản xuất rượu, mật nho 39")
        );
        assert!(p
            .iter()
            .all(|c| c.stars == Some(3) && c.source == ProductSource::Footnote));
        assert_eq!(p[0].locality.as_deref(), Some("Xã Phước Thuận"));
    }

    #[test]
    fn producer_first_and_categories() {
        let t = "Năm 2024, có 3 sản phẩm đạt chuẩn OCOP xếp hạng 3 sao5, như sau.\n\
                 5 Hộ kinh doanh cơ sở sản xuất Thiên Thảo sản phẩm Nho sấy Thiên Thảo, Siro nho Thiên Thảo.\n\
                 - Hộ kinh doanh nông sản xanh Trang Huỳnh táo sấy dẻo (xã An Hải).\n";
        let p = run(t);
        let names: Vec<_> = p.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["Nho sấy Thiên Thảo", "Siro nho Thiên Thảo", "táo sấy dẻo"]
        );
        assert_eq!(
            p[2].producer.as_deref(),
            Some("Hộ kinh doanh nông sản xanh Trang Huỳnh")
        );
        assert_eq!(p[2].locality.as_deref(), Some("xã An Hải"));
        assert!(p.iter().all(|c| c.stars == Some(3)));
    }

    #[test]
    fn commune_lines_without_counts() {
        let t = "Năm 2024 có 2 sản phẩm đạt OCOP 4 sao, cụ thể:\n\
                 - Xã Tân Lập: Miến dong Tân Lập - HTX Miến Tân Lập.\n\
                 - Phường Yên Ninh: Chè Shan - Công ty TNHH Chè Việt.\n\
                 - Xã Phước Thái: Chương trình hành động số 12-CTr/ĐU ngày 30/8/2021\n";
        let p = run(t);
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].locality.as_deref(), Some("Phường Yên Ninh"));
        assert!(p.iter().all(|c| c.stars == Some(4)));
    }

    #[test]
    fn generic_phrases_and_unanchored_numbers_are_not_lists() {
        let t = "Huyện có sản phẩm chủ lực của Hợp tác xã Tân Tiến đạt 3 sao.\n\
                 Năm nay có \n12 Hộ kinh doanh tham gia Chương trình với sản phẩm rau sạch, gạo.\n";
        assert!(
            run(t).is_empty(),
            "{:?}",
            run(t).iter().map(|c| c.name.clone()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn advised_entities_are_not_products() {
        let t = "vận động hướng dẫn lập thủ tục hồ sơ OCOP như: HomeStay Ngôi nhà hoa Ếch, \n\
                 Khu du lịch vườn Hồng Tư Tôn, Công ty Cổ phần thực phẩm Bích Chi, Cơ sở \nPhú Khang 2, ...\n";
        assert!(run(t).is_empty());
    }
}
