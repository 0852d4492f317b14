//! Figures a report states about a locality and a period, reduced to small
//! keys for the cross-document audit (`cross`): "Tính đến hết năm 2024, toàn
//! huyện có: + 20 sản phẩm đạt OCOP" becomes
//! `(huyen:ninh phuoc, cum:2024, san pham ocop) = 20`.
//!
//! A figure is kept only when all three parts of its key are plain from the
//! text: whose figure it is (the report's own locality, or the one place the
//! sentence names), which period (a year, "N tháng đầu năm", or "lũy kế / tính
//! đến" with a date, a year or the report's own period) and what is counted
//! (OCOP-certified products, with their star level when one is named; OCOP
//! producers; a "tổng kinh phí" of one year for the same counted things).
//! Targets, registrations, supports, increases and ranges are not figures.
//! Anything unclear is dropped: a dropped figure is a miss, a wrong key would
//! be a false alarm.

use std::sync::LazyLock;

use regex::Regex;

use crate::short_regex::ShortRegex;

use super::identity::{bare, level_slug, PLACE};
use super::quantities::{collect, Quantity};
use super::restated::signed;
use crate::ground::Ground;
use crate::lexicon::{level_pattern, LevelCase, COMMUNE_LEVELS, DISTRICT_LEVELS};
use crate::normalize::fold_key as fold;
use crate::output::{Document, Span};
use crate::text::dates::VnDate;
use crate::text::sentence::{sentence, MAX_SENTENCE};

/// Words that make a count something other than a stated result: a target,
/// a registration, a support given, a change, a candidate.
const NOT_A_RESULT: &[&str] = &[
    "dang ky",
    "phan dau",
    "chi tieu",
    "ke hoach",
    "muc tieu",
    "du kien",
    "it nhat",
    "toi thieu",
    "ho tro",
    "khong dat",
    "nang hang",
    "danh gia lai",
    "chua",
    "them",
    "tang",
    "giam",
    "so voi",
    "de nghi",
    "du dieu kien",
    "xay dung moi",
    "tu van",
    "ho so",
    "huong dan",
    "tham gia",
    "len san",
    "thuong mai dien tu",
    "het han",
    "quy i",
    "quy ii",
    "quy iii",
    "quy iv",
];

/// [`NOT_A_RESULT`] as one search over a [`padded`] text: any of them as
/// whole words (`has_word` for each, in one pass).
static NOT_A_RESULT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<String> = NOT_A_RESULT.iter().map(|w| regex::escape(w)).collect();
    Regex::new(&format!(" (?:{}) ", words.join("|"))).expect("static regex")
});

/// Words that make a figure a running total (stock) rather than a year's result.
const CUMULATIVE: &[&str] = &[
    "luy ke", "tinh den", "den nay", "hien nay", "hien tai", "hien co", "tong so",
];

/// "Toàn xã có": a running total when no year is named, a year's result
/// when one is ("Năm 2024, toàn xã có 02 sản phẩm được công nhận").
const WHOLE_UNIT: &[&str] = &[
    "toan huyen co",
    "toan thi xa co",
    "toan thanh pho co",
    "toan xa co",
    "toan phuong co",
    "toan thi tran co",
    "tren dia ban",
];

/// Words that make a year's figure the year's result (new certifications).
const FLOW: &[&str] = &["cong nhan", "chung nhan", "moi", "duoc danh gia"];

/// Bodies that issue documents: a place named after one of these is an
/// issuer ("UBND tỉnh công nhận"), not whose figure it is.
const ISSUER_WORDS: &[&str] = &["ubnd", "uy ban nhan dan", "so", "cua", "hoi dong"];

static CUM_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:tinh den|den)\s+(?:het\s+)?(?:ngay\s+)?(\d{1,2})/(\d{1,2})/(\d{4})")
        .expect("static regex")
});
static CUM_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:tinh den|den|het|cuoi)\s+(?:het\s+|cuoi\s+)?nam\s+(\d{4})")
        .expect("static regex")
});
static MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"0?(\d{1,2})\s+thang\s+(?:(dau|cuoi)\s+)?nam\s+(\d{4})").expect("static regex")
});
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"nam\s+(\d{4})(?:\s*(?:-|–|,|va)\s*(\d{4}))?").expect("static regex")
});
/// Dates of cited documents, removed before years are read.
static CITED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}")
        .expect("static regex")
});
static STARS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d)\s*(?:-\s*(\d)\s*)?sao(\s+tro len)?").expect("static regex"));
/// "Toàn huyện có 08 xã và 01 thị trấn": how many communes a district has.
static COMMUNES: LazyLock<Regex> = LazyLock::new(|| {
    let unit = format!(
        "(?:{})",
        level_pattern(COMMUNE_LEVELS, LevelCase::Lower, " ")
    );
    let district = level_pattern(DISTRICT_LEVELS, LevelCase::Lower, " ");
    Regex::new(&format!(
        r"(?:Toàn|toàn)\s+(?:{district})\s+(?:hiện\s+)?(?:có|gồm)\s+(\d{{1,3}})\s+{unit}(?:\s*(?:,|và)\s*(\d{{1,3}})\s+{unit})?(?:\s*(?:,|và)\s*(\d{{1,3}})\s+{unit})?"
    ))
    .expect("static regex")
});
/// "UBND HUYỆN NINH PHƯỚC" in a commune report's header.
///
/// The name (group 2) is read up to [`NAME_WORDS`] words by [`first_words`]:
/// the words are the pattern's last part, so cutting the match gives what
/// `{0,3}` would have matched, and that bound made the pattern cost several
/// times as much to compile (as it does for [`TITLE_PARENT`]).
static HEADER_PARENT: LazyLock<ShortRegex> = LazyLock::new(|| {
    ShortRegex::new(&format!(
        r"(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HUYỆN ỦY|HUYỆN UỶ)[ \t]+({})[ \t]+(\p{{Lu}}+(?:[ ][\p{{Lu}}]+)*)",
        level_pattern(DISTRICT_LEVELS, LevelCase::Upper, " ")
    ))
    .expect("static regex")
});
/// "xã Phước Hậu, huyện Ninh Phước" in a commune report's title; the name
/// (group 2) is cut to [`NAME_WORDS`] words as in [`HEADER_PARENT`].
static TITLE_PARENT: LazyLock<ShortRegex> = LazyLock::new(|| {
    ShortRegex::new(&format!(
        r"(?i:{})\s+\p{{Lu}}[\p{{L}}\p{{M}} ]*?,\s*(?i:({}))\s+(\p{{Lu}}[\p{{L}}\p{{M}}]*(?:[ ]\p{{Lu}}[\p{{L}}\p{{M}}]*)*)",
        level_pattern(COMMUNE_LEVELS, LevelCase::Lower, " "),
        level_pattern(DISTRICT_LEVELS, LevelCase::Lower, " ")
    ))
    .expect("static regex")
});

/// Most words of a parent district's name.
const NAME_WORDS: usize = 4;

/// The first `n` words of a name whose words are separated by single spaces.
fn first_words(name: &str, n: usize) -> &str {
    name.match_indices(' ')
        .nth(n - 1)
        .map_or(name, |(i, _)| &name[..i])
}

/// One stated figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// `level:name`, e.g. `xa:phuoc hau`.
    pub locality: String,
    /// `y:2024`, `y:2022+2023`, `m6dau:2024`, `cum:2024`, `cum:2024-06-30`,
    /// `cum@y:2024` (running total as of the report's own period).
    pub scope: String,
    /// `san pham ocop`, `san pham ocop 3 sao`, `chu the ocop`, `kinh phi|...`.
    pub thing: String,
    pub value: i64,
    pub money: bool,
    pub span: Span,
}

/// What the cross-document audit keeps of one document.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The report's own locality, `level:name`.
    pub locality: Option<String>,
    /// The district a commune report belongs to, from its header or title.
    pub parent: Option<String>,
    /// How many communes a district report says it has, and where.
    pub communes: Option<(i64, Span)>,
    pub figures: Vec<Figure>,
}

/// A figure key in words: "OCOP products (3 sao) of xa:phuoc hau, running total to 2024".
pub fn describe(key: &str) -> String {
    let mut parts = key.splitn(3, '|');
    let (loc, scope, thing) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let thing = if let Some(rest) = thing.strip_prefix("kinh phi|") {
        let (label, counted) = rest.split_once('|').unwrap_or((rest, ""));
        format!("The amount \"{label}\" for {counted}")
    } else if let Some(star) = thing.strip_prefix("san pham ocop ") {
        format!("The number of OCOP products at {star}")
    } else if thing == "san pham ocop" {
        "The number of OCOP products".to_string()
    } else if thing == "chu the ocop" {
        "The number of OCOP producers".to_string()
    } else {
        thing.to_string()
    };
    let scope = if let Some(p) = scope.strip_prefix("cum@") {
        format!(
            "running total as of the reports' period, {}",
            period_words(p)
        )
    } else if let Some(p) = scope.strip_prefix("cum:") {
        format!("running total to {}", period_words(p))
    } else {
        format!("in {}", period_words(scope))
    };
    let loc = match loc.split_once(':') {
        Some((level, name)) => {
            let word = crate::lexicon::LOCALITY_LEVELS
                .iter()
                .find(|(_, slug)| *slug == level)
                .map_or(level, |(w, _)| *w);
            format!("{word} {name}")
        }
        None => loc.to_string(),
    };
    format!("{thing} of {loc} ({scope})")
}

/// `y:2024` → "2024", `y:2022+2023` → "2022-2023", `m6dau:2024` → "the
/// first 6 months of 2024"; other keys as they are.
fn period_words(p: &str) -> String {
    if let Some(y) = p.strip_prefix("y:") {
        return y.replace('+', "-");
    }
    if let Some((m, y)) = p.strip_prefix('m').and_then(|r| r.split_once(':')) {
        let n: String = m.chars().take_while(char::is_ascii_digit).collect();
        let which = match &m[n.len()..] {
            "dau" => "first ",
            "cuoi" => "last ",
            _ => "",
        };
        return format!("the {which}{n} months of {y}");
    }
    p.to_string()
}

/// `level:name` of a locality.
pub fn locality_key(level: &str, name: &str) -> String {
    format!("{level}:{}", bare(name))
}

fn is_commune(level: &str) -> bool {
    COMMUNE_LEVELS.contains(&level)
}

/// The report's own period from its title: `y:2024`, `m6dau:2024`.
fn report_period(doc: &Document) -> Option<String> {
    let title = fold(doc.metadata.title.as_deref()?);
    if title.contains("quy ") {
        return None;
    }
    if let Some(c) = MONTHS.captures(&title) {
        return Some(format!(
            "m{}{}:{}",
            &c[1],
            c.get(2).map_or("", |m| m.as_str()),
            &c[3]
        ));
    }
    let c = YEARS.captures(&title)?;
    Some(format!("y:{}", &c[1]))
}

/// Figures and membership of one document (needs its text).
pub fn facts(doc: &Document) -> Facts {
    match doc.text.as_deref() {
        Some(text) => facts_in(&Ground::new(text, false), doc),
        // Extracted with --no-text: membership from the title only.
        None => {
            let mut out = Facts::default();
            if let Some(l) = &doc.metadata.locality {
                out.locality = Some(locality_key(&l.level, &l.name));
                if is_commune(&l.level) {
                    out.parent = title_parent(doc);
                }
            }
            out
        }
    }
}

/// Figures and membership of one document whose text `g` indexes.
pub(super) fn facts_in(g: &Ground, doc: &Document) -> Facts {
    facts_with(g, doc, &collect(g, doc))
}

/// [`facts_in`] with the document's quantities already collected.
pub(super) fn facts_with(g: &Ground, doc: &Document, qs: &[Quantity]) -> Facts {
    let mut out = Facts::default();
    let text = g.text();
    let own = doc
        .metadata
        .locality
        .as_ref()
        .map(|l| (l.level.clone(), locality_key(&l.level, &l.name)));
    out.locality = own.as_ref().map(|(_, k)| k.clone());
    if let Some((level, _)) = &own {
        if is_commune(level) {
            out.parent = title_parent(doc).or_else(|| header_parent(text));
        } else if !matches!(level.as_str(), "tinh") {
            out.communes = communes(g);
        }
    }
    let period = report_period(doc);
    // A plan's figures for its own year (or later) are targets or status.
    let plan_year = (doc.metadata.doc_type.as_deref() == Some("ke_hoach"))
        .then(|| {
            period
                .as_deref()
                .and_then(|p| p.rsplit(':').next()?.parse::<u32>().ok())
                .or(doc.metadata.year.map(|y| y as u32))
        })
        .flatten();
    for (i, q) in qs.iter().enumerate() {
        if q.money {
            continue;
        }
        if let Some(f) = count_figure(g, qs, i, own.as_ref().map(|o| &o.1), &period) {
            if plan_year.is_some_and(|y| first_year(&f.scope).is_some_and(|fy| fy >= y)) {
                continue;
            }
            out.figures.push(f);
        }
    }
    if let Some((_, own_key)) = &own {
        for (sig, i) in signed(g, qs) {
            let q = &qs[i];
            let (s, _) = sentence(text, q.start);
            if !fold(&text[s..q.start]).contains("kinh phi") || !places(text, s, q.start).is_empty()
            {
                continue;
            }
            if plan_year.is_some_and(|y| sig.years.iter().any(|fy| *fy >= y)) {
                continue;
            }
            let years: Vec<String> = sig.years.iter().map(|y| y.to_string()).collect();
            let counted: Vec<String> = sig
                .counted
                .iter()
                .map(|(v, u)| format!("{v} {}", fold(u)))
                .collect();
            out.figures.push(Figure {
                locality: own_key.clone(),
                scope: format!("y:{}", years.join("+")),
                thing: format!("kinh phi|{}|{}", sig.label, counted.join(",")),
                value: q.value,
                money: true,
                span: q.span.clone(),
            });
        }
    }
    out
}

/// The first year of a scope key: `y:2022+2023` → 2022, `cum:2024-06-30` → 2024.
fn first_year(scope: &str) -> Option<u32> {
    let rest = scope.rsplit(':').next()?;
    rest.get(..4)?.parse().ok()
}

fn title_parent(doc: &Document) -> Option<String> {
    let title = doc.metadata.title.as_deref()?;
    let c = TITLE_PARENT.captures(title)?;
    Some(locality_key(
        level_slug(c.get(1)?.as_str())?,
        first_words(c.get(2)?.as_str(), NAME_WORDS),
    ))
}

fn header_parent(text: &str) -> Option<String> {
    let mut end = text.len().min(1500);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    // The header stands before the document type.
    let stop = ["BÁO CÁO", "KẾ HOẠCH", "TỜ TRÌNH", "CÔNG VĂN"]
        .iter()
        .filter_map(|w| head.find(w))
        .min()
        .unwrap_or(head.len());
    let c = HEADER_PARENT.captures(&head[..stop])?;
    Some(locality_key(
        level_slug(c.get(1)?.as_str())?,
        first_words(c.get(2)?.as_str(), NAME_WORDS),
    ))
}

/// "Toàn huyện có 08 xã và 01 thị trấn" → 9, with its span.
fn communes(g: &Ground) -> Option<(i64, Span)> {
    let c = COMMUNES.captures(g.text())?;
    let whole = c.get(0)?;
    let n: i64 = (1..=3)
        .filter_map(|i| c.get(i)?.as_str().parse::<i64>().ok())
        .sum();
    Some((n, g.span(whole.start(), whole.end())))
}

/// Places named between `s` and `e` that say whose figure it is: not an
/// issuing body ("UBND tỉnh"), not one of a list ("các xã", "xã A, B").
fn places(text: &str, s: usize, e: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let part = &text[s..e];
    for c in PLACE.captures_iter(part) {
        let (Some(level), Some(name)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let Some(slug) = level_slug(level.as_str()) else {
            continue;
        };
        let before = fold(&part[..level.start()]);
        let before = before.trim_end();
        if ISSUER_WORDS
            .iter()
            .any(|w| before.ends_with(&format!(" {w}")) || before == *w)
            || before.ends_with("cac")
        {
            continue;
        }
        let after = &part[name.end()..];
        let listed = after.trim_start().starts_with(',') && {
            let rest = after.trim_start()[1..].trim_start();
            rest.chars().next().is_some_and(char::is_uppercase)
        };
        if listed {
            out.push(String::from("*list*"));
            continue;
        }
        let key = locality_key(slug, name.as_str().trim_end());
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

/// The lead-in of a bullet list: walking back over sibling bullet lines to the
/// line before them, if it ends with ':'. Returns its byte range.
fn lead_in(text: &str, s: usize) -> Option<(usize, usize)> {
    // Bounded like `sentence`: a list item or lead-in longer than this is not
    // one a figure's key can rest on, and one huge line must stay linear.
    let low = s.saturating_sub(MAX_SENTENCE);
    let mut pos = s;
    for _ in 0..12 {
        let before = text[..pos].trim_end_matches([' ', '\t', '\n', '\r']);
        if before.len() < low {
            return None;
        }
        if before.ends_with(':') {
            let (ls, _) = sentence(text, before.len().saturating_sub(1));
            return Some((ls, before.len()));
        }
        let mut from = low;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let line_start = match text[from..before.len().max(from)].rfind('\n') {
            Some(i) => from + i + 1,
            None if from == 0 => 0,
            None => return None,
        };
        let line = text[line_start..before.len()].trim_start();
        if !(line.starts_with('+') || line.starts_with('-') || line.starts_with('*')) {
            return None;
        }
        if line_start == 0 {
            return None;
        }
        pos = line_start;
    }
    None
}

/// The figure a count states, if its key is plain.
fn count_figure(
    g: &Ground,
    qs: &[Quantity],
    i: usize,
    own: Option<&String>,
    period: &Option<String>,
) -> Option<Figure> {
    let q = &qs[i];
    let text = g.text();
    let unit = fold(&q.unit);
    let base = match unit.as_str() {
        "san pham" | "sp" => "san pham",
        "chu the" => "chu the",
        _ => return None,
    };
    if q.total.is_some() || q.max.is_some() {
        return None;
    }
    let (s, e) = sentence(text, q.start);
    // After the count: up to the next quantity, the sentence end, or a breakdown.
    let next = qs.get(i + 1).map_or(e, |n| n.start.max(q.end)).min(e);
    // Never before the count's end (a damaged count may span a sentence stop).
    let mut post_end = next.min(q.end + 120).min(text.len()).max(q.end);
    while !text.is_char_boundary(post_end) {
        post_end -= 1;
    }
    let post = fold(&text[q.end..post_end]);
    let wide = post
        .split([';', '(', '['])
        .next()
        .unwrap_or("")
        .split(" trong do")
        .next()
        .unwrap_or("");
    // The count's own clause: up to the first comma after some words ("09 sản
    // phẩm được công nhận đạt OCOP 3 sao, vượt kế hoạch đề ra"), but a comma
    // right after the count starts it ("17 sản phẩm, đạt chuẩn OCOP").
    let lead_comma = wide.trim_start().starts_with(',');
    let post = wide
        .split(',')
        .find(|seg| !seg.trim().is_empty())
        .map_or(String::new(), |seg| {
            if lead_comma {
                format!(", {seg}")
            } else {
                seg.to_string()
            }
        });
    let pre = fold(&text[s..q.start]);
    let lead = lead_in(text, s);
    let lead_text = lead.map(|(a, b)| fold(&text[a..b])).unwrap_or_default();
    // Only the clause of this count is read for "not a result" words: in
    // "20 sản phẩm ..., trong đó có: 03 sản phẩm đạt 4 sao" the part before
    // the previous count belongs to that count.
    let clause_start = qs[..i]
        .iter()
        .rev()
        .take_while(|p| p.start >= s)
        .find(|p| p.end <= q.start)
        .map_or(s, |p| p.end);
    // Without an earlier count in the sentence the clause is `pre` (folded once).
    let clause = if clause_start == s {
        pre.clone()
    } else {
        fold(&text[clause_start..q.start])
    };
    // A lead-in "Kết quả thực hiện các chỉ tiêu cụ thể:" introduces results.
    let lead_words = padded(&lead_text);
    let lead_is_results = has_word(&lead_words, "ket qua");
    let words = padded(&format!("{clause} {post}"));
    if NOT_A_RESULT_WORDS.is_match(&words)
        || (!lead_is_results && NOT_A_RESULT_WORDS.is_match(&lead_words))
        || q.approx_or_range(text)
    {
        return None;
    }
    // A part of a breakdown ("03 sản phẩm, trong đó có 01 sản phẩm đạt 3 sao
    // năm 2024") is a subset whose qualifier we may not read: not a figure.
    // A colon after "trong đó" starts a new statement ("..., trong đó có 2 đến
    // 3 sản phẩm đạt 5 sao: Năm 2022-2023, có 15 sản phẩm").
    if let Some(td) = pre.rfind("trong do") {
        let after = pre[td + "trong do".len()..].trim_start();
        let after = after.strip_prefix("co").unwrap_or(after).trim_start();
        let after = after.strip_prefix(':').unwrap_or(after);
        if !after.contains(':') {
            return None;
        }
    }
    let ctx = format!("{lead_text} {pre}");
    let ocop = words.contains("ocop") || ctx.contains("ocop");
    // The star level may follow a comma: "20 sản phẩm đạt chuẩn OCOP, xếp hạng 3 sao".
    let stars = STARS.captures(wide);
    let post_words = padded(&post);
    let certified = match base {
        "san pham" => {
            let p = post_words.trim_start();
            (has_word(&post_words, "ocop")
                && (p.starts_with("ocop")
                    || ["dat", "cong nhan", "chung nhan", "xep hang"]
                        .iter()
                        .any(|w| has_word(&post_words, w))))
                || (ocop && has_word(&post_words, "dat") && stars.is_some())
        }
        _ => has_word(&post_words, "ocop") && has_word(&post_words, "san pham"),
    };
    if !certified {
        return None;
    }
    let star = match &stars {
        Some(c) if c.get(2).is_none() && c.get(3).is_none() => format!(" {} sao", &c[1]),
        _ => String::new(),
    };
    let thing = format!("{base} ocop{star}");
    let mut scope = scope(&ctx, period)?;
    // "Năm 2024, xã có 01 sản phẩm được công nhận" in a report of the first 6
    // months of 2024 is the count so far: the report's period, not the year's.
    if let Some(p) = period.as_deref().filter(|p| p.starts_with('m')) {
        if p.rsplit(':').next() == scope.strip_prefix("y:") {
            scope = p.to_string();
        }
    }
    // "Năm 2024, toàn xã có 05 sản phẩm OCOP" may be the stock in 2024 or the
    // year's new products: a year's figure needs a word that says which.
    let whole = WHOLE_UNIT.iter().any(|w| ctx.contains(w));
    let flow = padded(&format!("{clause} {post}"));
    if !scope.starts_with("cum") && whole && !FLOW.iter().any(|w| has_word(&flow, w)) {
        return None;
    }
    // Whose figure: the one place named, else the report's own.
    let mut named = places(text, s, post_end.max(q.end));
    if named.is_empty() {
        if let Some((a, b)) = lead {
            named = places(text, a, b);
        }
    }
    let locality = match named.as_slice() {
        [] => own?.clone(),
        [one] if one != "*list*" => one.clone(),
        _ => return None,
    };
    Some(Figure {
        locality,
        scope,
        thing,
        value: q.value,
        money: false,
        span: q.span.clone(),
    })
}

/// The period of a figure from the words before it.
fn scope(ctx: &str, period: &Option<String>) -> Option<String> {
    let cumulative = CUMULATIVE.iter().any(|w| ctx.contains(w));
    if let Some(date) = CUM_DATE.captures(ctx).and_then(|c| {
        VnDate {
            year: c[3].parse().ok(),
            month: c[2].parse().ok(),
            day: c[1].parse().ok(),
        }
        .iso()
    }) {
        return Some(format!("cum:{date}"));
    }
    let ctx = CITED_DATE.replace_all(ctx, " ");
    let prefix = if cumulative { "cum:" } else { "" };
    let months: Vec<_> = MONTHS.captures_iter(&ctx).collect();
    if let [c] = months.as_slice() {
        return Some(format!(
            "{prefix}m{}{}:{}",
            &c[1],
            c.get(2).map_or("", |m| m.as_str()),
            &c[3]
        ));
    }
    if months.len() > 1 || ctx.contains("thang") {
        return None;
    }
    if let Some(c) = CUM_YEAR.captures(&ctx) {
        return Some(format!("cum:{}", &c[1]));
    }
    // The same year named twice ("Kết quả năm 2024 / Năm 2024, ...") is one year.
    let years: Vec<String> = YEARS
        .captures_iter(&ctx)
        .map(|c| match c.get(2) {
            Some(y2) => format!("{}+{}", &c[1], y2.as_str()),
            None => c[1].to_string(),
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let whole = WHOLE_UNIT.iter().any(|w| ctx.contains(w));
    match years.as_slice() {
        [y] if !cumulative => Some(format!("y:{y}")),
        [] if cumulative || whole => Some(format!("cum@{}", period.as_ref()?)),
        _ => None,
    }
}

/// `s` with every non-alphanumeric character as a space, padded with spaces,
/// so that [`has_word`] matches whole words only.
fn padded(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(' ');
    let mut space = true;
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if !space {
        out.push(' ');
    }
    out
}

/// Whether the padded text holds `w` (one or more words) as whole words.
fn has_word(padded: &str, w: &str) -> bool {
    // `padded.contains(" {w} ")` without building the needle: called for
    // every word list on every figure.
    let Some(step) = w.chars().next().map(char::len_utf8) else {
        return padded.contains("  ");
    };
    let mut from = 0;
    while let Some(k) = padded[from..].find(w) {
        let i = from + k;
        if padded[..i].ends_with(' ') && padded[i + w.len()..].starts_with(' ') {
            return true;
        }
        from = i + step;
    }
    false
}

trait Approx {
    fn approx_or_range(&self, text: &str) -> bool;
}

impl Approx for Quantity {
    /// "khoảng 20 sản phẩm", "trên 20", "từ 5 đến 7": not a stated figure.
    fn approx_or_range(&self, text: &str) -> bool {
        let mut a = self.start.saturating_sub(24);
        while !text.is_char_boundary(a) {
            a += 1;
        }
        let before = fold(&text[a..self.start]);
        let before = before.trim_end();
        [
            "khoang", "tren", "hon", "gan", "tu", "den", "toi", "lên", "len",
        ]
        .iter()
        .any(|w| {
            before
                .strip_suffix(w)
                .is_some_and(|head| head.is_empty() || head.ends_with(' '))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_result_words_are_whole_words() {
        assert!(NOT_A_RESULT_WORDS.is_match(" da dang ky 05 san pham "));
        assert!(NOT_A_RESULT_WORDS.is_match(" quy iii nam 2024 "));
        assert!(!NOT_A_RESULT_WORDS.is_match(" dang kyx san pham "));
        assert!(!NOT_A_RESULT_WORDS.is_match(" quy iiii "));
        for s in [
            " a chua b ",
            " chuan ",
            " tu van ",
            " xtu van ",
            " ho so ho tro ",
        ] {
            let each = NOT_A_RESULT.iter().any(|w| has_word(s, w));
            assert_eq!(NOT_A_RESULT_WORDS.is_match(s), each, "{s}");
        }
    }

    #[test]
    fn parent_names_keep_four_words() {
        assert_eq!(first_words("A B C D E F", NAME_WORDS), "A B C D");
        assert_eq!(first_words("Ninh Phước", NAME_WORDS), "Ninh Phước");
        let c = TITLE_PARENT
            .captures("xã Phước Hậu, huyện Một Hai Ba Bốn Năm")
            .unwrap();
        assert_eq!(
            first_words(c.get(2).unwrap().as_str(), NAME_WORDS),
            "Một Hai Ba Bốn"
        );
    }

    #[test]
    fn has_word_needs_spaces_on_both_sides() {
        assert!(has_word(" da cong nhan 05 san pham ", "cong nhan"));
        assert!(!has_word(" da cong nhanh ", "cong nhan"));
        assert!(has_word(" aaa aa ", "aa"));
        assert!(!has_word(" aaa ", "aa"));
        assert!(has_word(" a a a ", "a a"));
    }

    #[test]
    fn scopes_are_read_from_the_words_before() {
        let p = Some("y:2024".to_string());
        assert_eq!(
            scope("luy ke: tinh den het nam 2024, toan huyen co:", &p).as_deref(),
            Some("cum:2024")
        );
        assert_eq!(
            scope("tinh den ngay 30/6/2024, toan xa co", &p).as_deref(),
            Some("cum:2024-06-30")
        );
        assert_eq!(scope("nam 2024, co", &p).as_deref(), Some("y:2024"));
        assert_eq!(
            scope("nam 2022-2023, co", &p).as_deref(),
            Some("y:2022+2023")
        );
        assert_eq!(
            scope("6 thang dau nam 2024, co", &p).as_deref(),
            Some("m6dau:2024")
        );
        assert_eq!(
            scope("den nay, toan xa co", &p).as_deref(),
            Some("cum@y:2024")
        );
        assert_eq!(scope("den nay, toan xa co", &None), None);
        // Two different years: whose figure is unclear.
        assert_eq!(scope("nam 2023 va nam 2024 co", &p), None);
        // A cited document's date is not the figure's year.
        assert_eq!(
            scope(
                "theo quyet dinh so 5/qd-ubnd ngay 12/3/2023, nam 2024 co",
                &p
            )
            .as_deref(),
            Some("y:2024")
        );
    }

    #[test]
    fn keys_read_as_words() {
        assert_eq!(
            describe("xa:phuoc hoa|m6dau:2024|san pham ocop 3 sao"),
            "The number of OCOP products at 3 sao of xã phuoc hoa (in the first 6 months of 2024)"
        );
        assert_eq!(
            describe("huyen:ninh phuoc|cum:2024|chu the ocop"),
            "The number of OCOP producers of huyện ninh phuoc (running total to 2024)"
        );
    }

    #[test]
    fn commune_headers_name_their_district() {
        let t = "UBND HUYỆN NINH PHƯỚC      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nUBND XÃ PHƯỚC HẬU     Độc lập - Tự do - Hạnh phúc\n\nBÁO CÁO\n";
        assert_eq!(header_parent(t).as_deref(), Some("huyen:ninh phuoc"));
    }

    #[test]
    fn districts_say_how_many_communes_they_have() {
        let t = "Tổng diện tích 339,4km2. Toàn huyện có 08 xã và 01 thị trấn với 50 thôn.";
        let (n, span) = communes(&Ground::new(t, false)).unwrap();
        assert_eq!(
            (n, span.text.as_str()),
            (9, "Toàn huyện có 08 xã và 01 thị trấn")
        );
    }
}

#[cfg(test)]
mod doc_tests {
    use super::*;

    fn keys(text: &str, parent: Option<&str>) -> Vec<String> {
        let doc = crate::process_bytes("x.txt", text.as_bytes(), &crate::Options::default());
        let f = facts(&doc);
        assert_eq!(f.parent.as_deref(), parent);
        f.figures
            .iter()
            .map(|f| format!("{}|{}|{}={}", f.locality, f.scope, f.thing, f.value))
            .collect()
    }

    #[test]
    fn a_six_month_report_counts_the_year_so_far() {
        let t = "UBND XÃ AN THỚI                 Độc lập - Tự do - Hạnh phúc\n\nSố: 40/BC-UBND      An Thới, ngày 05 tháng 7 năm 2024\n\nBÁO CÁO\nKết quả thực hiện Chương trình OCOP 06 tháng đầu năm 2024 trên địa bàn xã An Thới, huyện Phú Tân\n\nI. KẾT QUẢ\nNăm 2024, xã có 01 sản phẩm được công nhận đạt OCOP 3 sao.\nĐến nay, toàn xã có 04 sản phẩm OCOP.\n";
        assert_eq!(
            keys(t, Some("huyen:phu tan")),
            vec![
                "xa:an thoi|m6dau:2024|san pham ocop 3 sao=1",
                "xa:an thoi|cum@m6dau:2024|san pham ocop=4",
            ]
        );
    }

    #[test]
    fn a_count_across_a_blank_line_does_not_panic() {
        let t = "Năm 2024, toàn xã có 05 sản\n\nphẩm được công nhận đạt OCOP.";
        let mut doc = crate::empty();
        let g = Ground::new(t, false);
        let s = t.find("05").unwrap();
        let e = t.find("phẩm").unwrap() + "phẩm".len();
        doc.counts.push(crate::output::Count {
            value: 5,
            unit: "sản phẩm".into(),
            at: g.at(s, e),
            ..Default::default()
        });
        doc.metadata.locality = Some(crate::output::Locality {
            name: "An Phú".into(),
            level: "xa".into(),
        });
        let _ = facts_in(&g, &doc);
    }

    #[test]
    fn a_commune_report_states_its_figures() {
        let t = "UBND HUYỆN TÂN PHƯỚC          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nUBND XÃ PHƯỚC HÒA                 Độc lập - Tự do - Hạnh phúc\n\nSố: 112/BC-UBND                 Phước Hòa, ngày 16 tháng 12 năm 2024\n\nBÁO CÁO\nKết quả thực hiện Chương trình OCOP năm 2024 trên địa bàn xã Phước Hòa\n\nI. KẾT QUẢ THỰC HIỆN\n1. Kết quả năm 2024\nNăm 2024, toàn xã có 02 sản phẩm được công nhận đạt OCOP 3 sao.\n2. Lũy kế\nTính đến hết năm 2024, toàn xã có 05 sản phẩm đạt OCOP 3 sao trở lên, của 03 chủ thể có sản phẩm đạt OCOP.\nPhấn đấu năm 2025 có thêm 02 sản phẩm đạt OCOP 3 sao.\n";
        assert_eq!(
            keys(t, Some("huyen:tan phuoc")),
            vec![
                "xa:phuoc hoa|y:2024|san pham ocop 3 sao=2",
                "xa:phuoc hoa|cum:2024|san pham ocop=5",
                "xa:phuoc hoa|cum:2024|chu the ocop=3",
            ]
        );
    }
}

#[cfg(test)]
mod speed_tests {
    use super::*;

    /// One huge line of counts (no newline, no stop): every scan is bounded,
    /// so this stays fast instead of quadratic.
    #[test]
    fn one_huge_line_and_many_sentences_stay_linear() {
        for unit in [
            "năm 2024 có 05 sản phẩm đạt OCOP 3 sao và ",
            "Năm 2024 có 05 sản phẩm đạt OCOP. ",
            "- Năm 2024 có 05 sản phẩm đạt OCOP\n",
        ] {
            let t = unit.repeat(20_000);
            let mut doc = crate::empty();
            let g = Ground::new(&t, false);
            for (i, _) in t.match_indices("05 sản phẩm") {
                doc.counts.push(crate::output::Count {
                    value: 5,
                    unit: "sản phẩm".into(),
                    at: g.at(i, i + "05 sản phẩm".len()),
                    ..Default::default()
                });
            }
            doc.metadata.locality = Some(crate::output::Locality {
                name: "An Phú".into(),
                level: "xa".into(),
            });
            let started = std::time::Instant::now();
            let _ = facts_in(&g, &doc);
            assert!(
                started.elapsed().as_secs_f64() < 10.0,
                "{unit:?}: {:?}",
                started.elapsed()
            );
        }
    }
}
