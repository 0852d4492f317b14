//! Mentions of legal and administrative documents.
//!
//! A reference is a kind word from [`crate::lexicon::DOC_KINDS`] (any case,
//! words possibly split over lines), an optional `số`/`số:`, and a document
//! number (`919/QĐ-TTg`, `09-NQ/HU`, `55/2023/TT-BTC`, `02 QĐ-ĐU`), then
//! optionally a date (`ngày 01/8/2022`, `ngày 14 tháng 8 năm 2025`) and an
//! issuer (`của Thủ tướng Chính phủ`). An issuer may also come first:
//! "UBND huyện đã ban hành Kế hoạch số ..." or "đề xuất của Phòng Kinh tế tại
//! Công văn số ...". Mentions without a number ("Kế hoạch này") are not
//! references. The document's own header number (`Số: 25/BC-UBND`) is
//! metadata and is skipped.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use regex_automata::util::captures as meta_captures;
use regex_automata::util::syntax;
use regex_automata::{meta, Anchored, Input, MatchKind, PatternID};

use super::counts::letter_before;
use super::lexicon::{
    BODY_AFTER_LEVEL, COUNT_UNITS, ISSUER_ENDS, ISSUER_GOES_ON, ISSUER_HEADS, ISSUER_STOP_WORDS,
};
use super::numbers::collapse_ws;
use crate::ground::Ground;
use crate::lexicon::{DOC_KINDS, LOCALITY_LEVELS};
use crate::output::{Metadata, Reference};
use crate::text::dates::{parse_date_at, parse_date_head};
use crate::text::notes;

/// The kind-word alternation (labels longest first, any case, words split
/// by any whitespace) and the rest of [`reference_pattern`], as pattern text.
fn reference_parts() -> (String, String) {
    let mut labels: Vec<&str> = DOC_KINDS
        .iter()
        .flat_map(|k| k.labels.iter().copied())
        .collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let labels: Vec<String> = labels
        .iter()
        .map(|l| {
            l.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect();
    let seg = r"\p{Lu}[\p{Lu}\d&]*\p{Ll}?\d*";
    let kind = format!("(?i:{})", labels.join("|"));
    let rest = format!(
        r"(?P<so>\s+(?i:số)\s*:?|\s*:)?\s*(?P<serial>\d{{1,6}}[a-zđ]?)?(?P<sep>\s*[-/]\s*|\s+)(?P<code>(?:\d{{4}}\s*/\s*)?{seg}(?:\s*[-/]\s*{seg})*)"
    );
    (kind, rest)
}

/// Kind word, `số`, serial, separator, code.
fn reference_pattern() -> String {
    let (kind, rest) = reference_parts();
    format!("(?P<kind>{kind}){rest}")
}

/// A document cited by its kind and serial alone, without a code:
/// `Nghị quyết 57 của Bộ Chính trị`, `Nghị quyết số 163 ngày 27/11/2024 của
/// Quốc hội`, `Quyết định số 335`. Taken with `số`, a date or an issuing
/// body; a bare figure after a kind word may be anything (`Kế hoạch 2 ...`).
fn short_name_pattern() -> String {
    let (kind, _) = reference_parts();
    format!(r"(?P<kind>{kind})\s+(?P<so>số\s+)?(?P<serial>\d{{1,4}})")
}

/// The full reference ([`reference_pattern`]) and the short name
/// ([`short_name_pattern`]) as the two patterns of one regex, searched only
/// anchored at a place where a kind word starts ([`Mentions`]).
static MENTION: LazyLock<meta::Regex> = LazyLock::new(|| {
    meta::Regex::builder()
        .configure(
            meta::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .utf8_empty(true)
                .nfa_size_limit(Some(16 << 20))
                .hybrid_cache_capacity(16 << 20),
        )
        .syntax(syntax::Config::new().utf8(true))
        .build_many(&[reference_pattern(), short_name_pattern()])
        .expect("static regex")
});

/// The kind alternation alone, which both patterns of [`MENTION`] open with.
///
/// It lists the places where a mention may start ([`Mentions::new`]) for a
/// fraction of what an unanchored search of [`MENTION`] costs: the two whole
/// patterns, with their Unicode letter classes, make the lazy DFA build many
/// states forwards and in reverse (the searches of [`MENTION`] counted 188M
/// instructions on the 60-file corpus that way, 102M with this list). The
/// prefilter is off: the labels' first bytes are among the commonest of the
/// language, and stopping at each of them cost more than the automaton
/// reading every byte.
static KIND: LazyLock<meta::Regex> = LazyLock::new(|| {
    let (kind, _) = reference_parts();
    meta::Regex::builder()
        .configure(
            meta::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .utf8_empty(true)
                .auto_prefilter(false),
        )
        .syntax(syntax::Config::new().utf8(true))
        .build(&kind)
        .expect("static regex")
});

/// The pattern of [`MENTION`] for a full reference.
const FULL: PatternID = PatternID::ZERO;
/// The pattern of [`MENTION`] for a short name.
const SHORT: PatternID = PatternID::new_unchecked(1);

/// A place where a pattern of [`MENTION`] matches.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Start {
    /// Byte at which the kind word starts.
    at: usize,
    /// End of the first label written there (the kind alternation's match).
    kind_end: usize,
    /// The full pattern's match there, if it matches.
    full: Option<Range<usize>>,
    /// The short pattern's match there, when the full pattern does not
    /// match (then the short one does); `None` when it was not read.
    short: Option<Range<usize>>,
}

/// Where the patterns of [`MENTION`] match in a text.
struct Mentions<'t> {
    text: &'t str,
    /// Every byte at which one of the patterns matches, in order.
    starts: Vec<Start>,
}

impl<'t> Mentions<'t> {
    /// Both patterns open with the kind alternation, so every place where
    /// one matches is a place where a kind word starts: the kind words are
    /// listed (searching again from the next character, to see those inside
    /// another, `kết luận` in `Thông báo kết luận`), and a search anchored at
    /// each, over both patterns, keeps those where one matches. Leftmost
    /// first, that search reports the full pattern's own match where it
    /// matches and the short one's where only that does.
    fn new(text: &'t str) -> Self {
        let mut starts = Vec::new();
        let mut from = 0;
        while from <= text.len() {
            let Some(k) = KIND.search(&Input::new(text).range(from..)) else {
                break;
            };
            let at = k.start();
            let input = Input::new(text).range(at..).anchored(Anchored::Yes);
            if let Some(m) = MENTION.search(&input) {
                let full = m.pattern() == FULL;
                starts.push(Start {
                    at,
                    kind_end: k.end(),
                    full: full.then(|| m.range()),
                    short: (!full).then(|| m.range()),
                });
            }
            from = crate::ground::next_char(text, at);
        }
        Mentions { text, starts }
    }

    /// The match of `pattern` that starts at `start`, if it matches there:
    /// the match an unanchored search of that pattern alone finds when
    /// `start` is the first place where it matches.
    fn at(&self, pattern: PatternID, start: usize) -> Option<Range<usize>> {
        let input = Input::new(self.text)
            .range(start..)
            .anchored(Anchored::Pattern(pattern));
        MENTION.search(&input).map(|m| m.range())
    }

    /// The short pattern's match at `st`, searched only where the full
    /// pattern's match hides it.
    fn short_at(&self, st: &Start) -> Option<Range<usize>> {
        match &st.full {
            None => st.short.clone(),
            Some(_) => self.at(SHORT, st.at),
        }
    }

    /// The first full match starting at or after `from`, as `Regex::find_at`
    /// of that pattern alone gives it, with the end of its first label.
    fn find_full(&self, from: usize) -> Option<(Range<usize>, usize)> {
        let i = self.starts.partition_point(|s| s.at < from);
        self.starts[i..]
            .iter()
            .find_map(|s| Some((s.full.clone()?, s.kind_end)))
    }

    /// The groups of `pattern`'s match at `start`, by name.
    fn captures(&self, pattern: PatternID, start: usize) -> Option<meta_captures::Captures> {
        let input = Input::new(self.text)
            .range(start..)
            .anchored(Anchored::Pattern(pattern));
        let mut caps = MENTION.create_captures();
        MENTION.search_captures(&input, &mut caps);
        caps.is_match().then_some(caps)
    }
}

/// The part of [`reference_pattern`] after the kind word, anchored.
static REST_AT: LazyLock<Regex> = LazyLock::new(|| {
    let (_, rest) = reference_parts();
    super::numbers::big_regex(&format!("^(?:{rest})"))
});

/// The header line carrying the document's own number.
static HEADER_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[ \t]*Số[ \t]*:[^\n]*").expect("static regex"));

/// `của X tại` right before a kind word.
static OF_X_AT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"của\s+([^;:,.()\n]{2,120}?)\s+tại\s*$").expect("static regex"));

/// `ban hành` (optionally `tại`) right before a kind word.
static ISSUED_BY_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:ban\s+hành|đã\s+có)\s*(?:tại\s*)?$").expect("static regex"));

/// A law cited by its name: `Luật Ngân sách nhà nước số 83/2015/QH13`,
/// `Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015`, `Luật Thi
/// đua, khen thưởng ngày 15/6/2022` (a name may hold a comma). Without a
/// number or a date ("Luật Hợp tác xã năm 2023") it is not taken.
///
/// At most [`MAX_NAME_WORDS`] words may follow the name's first (group
/// `words`): the bound is checked after the match, as written `{0,10}?` the
/// pattern cost 27M instructions to compile. The lazy repeat takes the fewest
/// words that let the rest match, so more words than the bound mean the
/// bounded pattern has no match at that start.
static NAMED_LAW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<kind>Bộ\s+luật|Luật)\s+\p{Lu}\p{L}*(?P<words>(?:,?\s+[\p{L}]+)*?)\s+(?:số\s+(?P<num>\d{1,4}/\d{4}/[\p{Lu}\d]+(?:-[\p{Lu}\d]+)?)|(?P<ngay>ngày)\s)",
    )
    .expect("static regex")
});

/// Most words after the first of a law's name in [`NAMED_LAW`].
const MAX_NAME_WORDS: usize = 10;

/// How far back an issuer that precedes the kind word is looked for.
const PREFIX_WINDOW: usize = 240;

pub fn extract(g: &Ground, _meta: &Metadata) -> Vec<Reference> {
    let text = g.text();
    // The header `Số:` line, searched near the top only.
    let head_limit = text.floor_char_boundary(4000);
    let header = HEADER_NUMBER
        .find(&text[..head_limit])
        .map(|m| m.start()..m.end());
    let mut out = Vec::new();
    let mut pos = 0;
    // End of the last reference and the issuer it passes on (only an issuer
    // written before it, "X ban hành A và B", carries over).
    let mut last: Option<(usize, Option<String>)> = None;
    let mentions = Mentions::new(text);
    while let Some((m, first_label_end)) = mentions.find_full(pos) {
        // Most matches are rejected (a lowercase kind word before a
        // capitalised one: "báo cáo Tình hình"); they are told apart from the
        // match alone, and only their kind word's end is needed, so the
        // costly capture search runs for likely references only.
        // The kind word must start a word (no `\b` in the pattern: it keeps
        // the regex off its fast DFA on non-ASCII text).
        if letter_before(text, m.start) || !may_have_number(&text[m.clone()]) {
            match kind_end(&mentions, m.start, first_label_end) {
                Some(e) => pos = e,
                None => break,
            }
            continue;
        }
        let Some(c) = parts_at(&mentions, m.start, first_label_end, m.end) else {
            break;
        };
        let kind_m = c.kind.clone();
        // A rejected match resumes right after its kind word, so that a
        // mention starting inside it ("Văn bản:\nCông văn số 12/PKT") is seen.
        pos = match read_reference(g, &c, header.as_ref()) {
            Some((mut r, end, mut before)) => {
                // "X đã ban hành Kết luận số ... và Nghị quyết số ...": the
                // issuer written before the first mention covers the second.
                if r.issuer.is_none() {
                    if let Some((prev_end, prev_issuer)) = &last {
                        let gap = text.get(*prev_end..kind_m.start).unwrap_or("").trim();
                        if matches!(gap, "và" | ",") {
                            r.issuer = prev_issuer.clone();
                        }
                    }
                }
                let carried = r.issuer.clone().filter(|_| before.get().is_some());
                last = Some((end, carried));
                out.push(r);
                end.max(kind_m.end)
            }
            None => kind_m.end,
        };
    }
    out.extend(named_laws(g));
    let short = short_names(g, &mentions, &out);
    out.extend(short);
    out.sort_by_key(|r| r.at.start);
    out
}

/// References by short name ([`short_name_pattern`]) not inside one already found.
fn short_names(g: &Ground, mentions: &Mentions, found: &[Reference]) -> Vec<Reference> {
    let text = g.text();
    let mut out = Vec::new();
    // The matches one after another, as an iteration over the pattern alone
    // gives them: each searched from the end of the one before.
    let mut from = 0;
    for st in &mentions.starts {
        let start = st.at;
        if start < from {
            continue;
        }
        let Some(m) = mentions.short_at(st) else {
            continue;
        };
        from = m.end;
        // The serial ends the match, after a space (`\s` and `\d` share no
        // character): most matches are a coded number's start, told from
        // the serial alone before any group is read.
        let serial_start = text[m.clone()]
            .rfind(char::is_whitespace)
            .map_or(m.start, |p| {
                m.start + p + text[m.start + p..].chars().next().map_or(1, char::len_utf8)
            });
        let serial = &text[serial_start..m.end];
        if letter_before(text, start) {
            continue;
        }
        // A coded number (`36-CT/TW`) or a longer figure is the main pattern's.
        let after = &text[m.end..];
        let glued = after.chars().next().is_some_and(|ch| ch.is_alphanumeric());
        let coded = after
            .trim_start()
            .strip_prefix(['/', '-'])
            .and_then(|r| r.trim_start().chars().next())
            .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit());
        let decimal =
            after.starts_with(['.', ',']) && after[1..].starts_with(|ch: char| ch.is_ascii_digit());
        if glued || coded || decimal {
            continue;
        }
        let value: u32 = serial.parse().unwrap_or(0);
        if value == 0 || (1945..=2100).contains(&value) {
            continue;
        }
        if found
            .iter()
            .any(|r| r.at.start <= g.char_offset(start) && g.char_offset(start) < r.at.end)
        {
            continue;
        }
        let Some(c) = mentions.captures(SHORT, start) else {
            continue;
        };
        let (Some(kind_m), Some(serial_m)) =
            (c.get_group_by_name("kind"), c.get_group_by_name("serial"))
        else {
            continue;
        };
        debug_assert_eq!(serial_m.range(), serial_start..m.end);
        let kind_m = kind_m.range();
        let mut end = m.end;
        let mut date = None;
        if let Some((d, len, ngay)) = parse_date_head(&text[end..]) {
            if ngay {
                date = d.iso();
                end += len;
            }
        }
        let issuer = issuer_after(&text[end..]).or_else(|| issuer_before(text, kind_m.start));
        let named_body = issuer
            .as_deref()
            .is_some_and(|i| ISSUER_HEADS.iter().any(|h| i.starts_with(h)));
        // `số` alone makes a number a document's (`Quyết định số 335 phê
        // duyệt`), unless a counted noun follows (`báo cáo số 3 sản phẩm`).
        let counted = {
            let rest: String = text[end..].trim_start().chars().take(32).collect();
            let rest = rest.to_lowercase();
            COUNT_UNITS.iter().any(|u| {
                rest.strip_prefix(u)
                    .is_some_and(|r| !r.starts_with(|ch: char| ch.is_alphabetic()))
            })
        };
        let numbered = c.get_group_by_name("so").is_some() && !counted;
        if !numbered && date.is_none() && !named_body {
            continue;
        }
        let kind_label = collapse_ws(&text[kind_m.clone()]);
        out.push(Reference {
            kind: kind_slug(&kind_label).to_string(),
            kind_label,
            number: Some(serial.to_string()),
            date,
            issuer,
            at: g.at(kind_m.start, end),
        });
    }
    out
}

/// Whether a match of [`reference_pattern`] can hold a number as
/// [`read_reference`] requires: a serial (a digit) or `số /` (a slash).
///
/// An ASCII digit or a slash, looked for in the bytes first, answers for
/// most matches: asking each character whether it is numeric looks every
/// Vietnamese letter up in a Unicode table, and this order saved 2.6M of
/// the 6.2M instructions those look-ups cost on the 60-file corpus. The
/// character test runs only where no such byte is.
fn may_have_number(matched: &str) -> bool {
    matched.bytes().any(|b| b.is_ascii_digit() || b == b'/')
        || matched.chars().any(char::is_numeric)
}

/// End of the kind word of the [`reference_pattern`] match that starts at `start`:
/// the first label written there after which the rest of the pattern
/// matches, exactly as the capture search would choose it. `first_label_end`
/// is the end of the first label written there ([`Start::kind_end`]).
fn kind_end(mentions: &Mentions, start: usize, first_label_end: usize) -> Option<usize> {
    let text = mentions.text;
    if REST_AT.is_match(&text[first_label_end..]) {
        return Some(first_label_end);
    }
    // A longer label matched but the rest only follows a shorter one.
    let c = mentions.captures(FULL, start)?;
    c.get_group_by_name("kind").map(|k| k.end)
}

/// The groups of one match of [`reference_pattern`], as byte ranges into the text.
struct Parts {
    kind: Range<usize>,
    so: Option<Range<usize>>,
    serial: Option<Range<usize>>,
    sep: Range<usize>,
    code: Range<usize>,
}

/// The groups of the match of [`reference_pattern`] that spans `start..end`.
///
/// The first label written at `start` followed by the best reading of the
/// rest is the capture search's own choice whenever the rest matches after
/// that label; capturing the two apart costs a fraction of a capture search
/// over the whole pattern, whose label alternation makes the capture
/// engine's work large. The full capture search decides the other cases.
/// `first_label_end` is the end of the first label written at `start`
/// ([`Start::kind_end`]).
fn parts_at(
    mentions: &Mentions,
    start: usize,
    first_label_end: usize,
    end: usize,
) -> Option<Parts> {
    let text = mentions.text;
    let split = || {
        let kind_end = first_label_end;
        let c = REST_AT.captures(&text[kind_end..])?;
        // Groups by index (a lookup by name costs a hash): `so`, `serial`,
        // `sep`, `code`, as [`rest_groups_are_numbered_as_parts_reads_them`] checks.
        let at = |i: usize| c.get(i).map(|m| m.start() + kind_end..m.end() + kind_end);
        let parts = Parts {
            kind: start..kind_end,
            so: at(1),
            serial: at(2),
            sep: at(3)?,
            code: at(4)?,
        };
        (parts.code.end == end).then_some(parts)
    };
    split().or_else(|| {
        let c = mentions.captures(FULL, start)?;
        let at = |name: &str| c.get_group_by_name(name).map(|m| m.range());
        Some(Parts {
            kind: at("kind")?,
            so: at("so"),
            serial: at("serial"),
            sep: at("sep")?,
            code: at("code")?,
        })
    })
}

/// Laws cited by name (the main pattern needs `số` right after the kind).
fn named_laws(g: &Ground) -> Vec<Reference> {
    let text = g.text();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(c) = NAMED_LAW.captures_at(text, pos) {
        let (Some(kind_m), Some(whole)) = (c.name("kind"), c.get(0)) else {
            break;
        };
        // A word is a run of letters after spaces: one space run each.
        // A name holds no second law (`Luật A, Luật B ngày ...`: the date
        // is the second's).
        if c.name("words").is_some_and(|w| {
            w.as_str().split_whitespace().count() > MAX_NAME_WORDS
                || w.as_str()
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .any(|x| x == "Luật")
        }) {
            // No match of the bounded pattern starts here: look again from
            // the next character, as a search over it would have.
            pos = crate::ground::next_char(text, whole.start());
            continue;
        }
        pos = whole.end();
        if letter_before(text, kind_m.start()) {
            continue;
        }
        let mut end = whole.end();
        let number = c.name("num").map(|m| m.as_str().to_string());
        let mut date = None;
        if let Some(m) = c.name("num") {
            end = m.end();
        }
        let date_from = c.name("ngay").map_or(end, |m| m.start());
        if let Some((d, len)) = parse_date_at(&text[date_from..]) {
            if text[date_from..date_from + len].contains("ngày") {
                date = d.iso();
                end = date_from + len;
            }
        }
        if number.is_none() && date.is_none() {
            continue;
        }
        out.push(Reference {
            kind: "luat".into(),
            kind_label: collapse_ws(kind_m.as_str()),
            number,
            date,
            issuer: None,
            at: g.at(kind_m.start(), end),
        });
    }
    out
}

/// Read one reference from a match of [`reference_pattern`]; `None` when the match
/// is not a reference (bad code, header number). Returns it, its end, and
/// the issuer written before it as far as it was read.
fn read_reference<'t>(
    g: &Ground<'t>,
    c: &Parts,
    header: Option<&std::ops::Range<usize>>,
) -> Option<(Reference, usize, IssuerBefore<'t>)> {
    let text = g.text();
    let kind_m = &c.kind;
    let code = &c.code;
    let serial = c.serial.as_ref().map(|r| &text[r.clone()]);
    let has_so = c.so.is_some();
    let sep_str = &text[c.sep.clone()];
    let sep_char = sep_str.trim();
    let mut code_str = &text[code.clone()];
    let mut code_end = code.end;
    // A last segment glued to a following word ("...-Th" of "Thông") is not code.
    if text[code_end..]
        .chars()
        .next()
        .is_some_and(char::is_alphabetic)
    {
        match code_str.rfind(['-', '/']) {
            Some(p) => {
                code_str = code_str[..p].trim_end();
                code_end = code.start + code_str.len();
            }
            None => return None,
        }
    }
    let code_norm: String = code_str.chars().filter(|ch| !ch.is_whitespace()).collect();
    if code_norm.is_empty() {
        return None;
    }
    // `02 QĐ-ĐU`: only with a structured code; a blank serial needs `số /`.
    if sep_char.is_empty() && !(code_norm.contains('-') || code_norm.contains('/')) {
        return None;
    }
    if serial.is_none() && !(has_so && sep_char == "/") {
        return None;
    }
    if let Some(h) = header {
        if h.contains(&kind_m.start) || h.contains(&code.start) {
            return None;
        }
    }
    let number = serial.map(|s| {
        let joiner = if sep_char.is_empty() { "/" } else { sep_char };
        format!("{s}{joiner}{code_norm}")
    });
    let kind_label = collapse_ws(&text[kind_m.clone()]);
    let kind = kind_slug(&kind_label);

    // Date right after the number (a footnote marker may stand between).
    let mut end = skip_marker(text, code_end);
    let mut date = None;
    if let Some((d, len, ngay)) = parse_date_head(&text[end..]) {
        if ngay {
            date = d.iso();
            end += len;
        }
    }
    // Issuer after, else before.
    let mut before = IssuerBefore::new(text, kind_m.start);
    let issuer = issuer_after(&text[end..]).or_else(|| before.get().map(str::to_string));
    // `Ngày 10/9/2024, UBND Thành phố đã ban hành Kế hoạch số 265/KH-UBND`:
    // the date of issue opens the sentence.
    if date.is_none() && before.get().is_some() {
        date = date_before(text, kind_m.start);
    }

    if end == skip_marker(text, code_end) && date.is_none() {
        end = code_end;
    }
    let at = g.at(kind_m.start, end);
    Some((
        Reference {
            kind: kind.to_string(),
            kind_label,
            number,
            date,
            issuer,
            at,
        },
        end,
        before,
    ))
}

/// Contract slug of a kind label as written (any case).
fn kind_slug(label: &str) -> &'static str {
    /// Every label lowercased once, with its kind's slug.
    static LOWER_LABELS: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
        DOC_KINDS
            .iter()
            .flat_map(|k| k.labels.iter().map(|x| (x.to_lowercase(), k.slug)))
            .collect()
    });
    let l = label.to_lowercase();
    LOWER_LABELS
        .iter()
        .find(|(x, _)| *x == l)
        .map_or("other", |(_, slug)| slug)
}

static OF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\s,]*của\s+").expect("static regex"));

/// `của X` at the start of `rest`.
fn issuer_after(rest: &str) -> Option<String> {
    let m = OF.find(rest)?;
    issuer_phrase(&rest[m.end()..])
}

/// [`ISSUER_STOP_WORDS`] sorted for [`issuer_phrase`], which asks about
/// every token of every candidate issuer: a scan of the whole list per token
/// was most of its cost.
struct StopWords {
    /// Entries of one word.
    single: Vec<&'static str>,
    /// Entries of two words, split at their space.
    pairs: Vec<(&'static str, &'static str)>,
    /// First bytes of all entries: a token starting otherwise is no stop word
    /// and no pair's first word.
    first: [bool; 256],
}

impl StopWords {
    /// Whether `tok`, or `tok` and the token `next` after it, is an entry.
    /// Tokens hold no whitespace, so an entry with a space is only ever met
    /// as a pair, and one with two spaces never (the lexicon has none).
    fn stops(&self, tok: &str, next: Option<&str>) -> bool {
        if !tok
            .as_bytes()
            .first()
            .is_some_and(|&b| self.first[b as usize])
        {
            return false;
        }
        self.single.contains(&tok)
            || next.is_some_and(|n| self.pairs.iter().any(|&(a, b)| a == tok && b == n))
    }
}

static STOP_WORDS: LazyLock<StopWords> = LazyLock::new(|| {
    let mut w = StopWords {
        single: Vec::new(),
        pairs: Vec::new(),
        first: [false; 256],
    };
    for &e in ISSUER_STOP_WORDS {
        match e.split_once(' ') {
            Some(pair) => w.pairs.push(pair),
            None => w.single.push(e),
        }
        if let Some(&b) = e.as_bytes().first() {
            w.first[b as usize] = true;
        }
    }
    w
});

/// Read an issuing body from the start of `s`: capitalised first word, then
/// words up to punctuation, a stop word (`về`, `phê duyệt`, ...), a number or
/// a bullet.
fn issuer_phrase(s: &str) -> Option<String> {
    // Only the phrase's 24 words are read: a window of bytes keeps the word
    // split below from scanning to the end of a text without line breaks.
    const WINDOW: usize = 1024;
    let s = if s.len() > WINDOW {
        let cut = s.floor_char_boundary(WINDOW);
        // Drop the word the window may have cut.
        s[..cut]
            .rfind(char::is_whitespace)
            .map_or(&s[..cut], |w| &s[..w])
    } else {
        s
    };
    let mut words: Vec<&str> = Vec::new();
    let mut toks = words_before_tab(s).take(24).peekable();
    while let Some(tok) = toks.next() {
        let first = tok.chars().next()?;
        if !first.is_alphabetic() {
            break;
        }
        if words.is_empty() && !first.is_uppercase() {
            return None;
        }
        let next = toks.peek().copied();
        // A stop word, or two words "tok next".
        if STOP_WORDS.stops(tok, next) {
            break;
        }
        let closed = body_closed(&words);
        // After a complete name, a capitalised stop word starts the next
        // clause (`Thủ tướng Chính phủ Ban hành ...`, `UBND tỉnh Theo ...`).
        if closed && first.is_uppercase() {
            let (low, low_next) = (tok.to_lowercase(), next.map(str::to_lowercase));
            if STOP_WORDS.stops(&low, low_next.as_deref()) {
                break;
            }
        }
        // A lowercase word after a complete name is the sentence going on,
        // unless it names the unit above (`xã Phước Hậu huyện Ninh Phước`)
        // or makes the level word a party body (`tỉnh ủy Lâm Đồng`; not
        // `tỉnh ủy quyền`). The word lists are asked only then.
        if closed && first.is_lowercase() {
            let next_level = BODY_ENDS.level_heads.contains(&tok);
            let committee = BODY_AFTER_LEVEL.contains(&tok)
                && !next.is_some_and(|n| n.chars().next().is_some_and(char::is_lowercase));
            let goes_on = ISSUER_GOES_ON.contains(&tok);
            if !next_level && !committee && !goes_on {
                break;
            }
        }
        // Cut at a footnote marker or trailing punctuation.
        let core = &tok[..notes::opening(tok).unwrap_or(tok.len())];
        let trimmed = trim_word_end(core);
        if !trimmed.is_empty() {
            words.push(trimmed);
        }
        if trimmed.len() != tok.len() {
            break;
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The whitespace-separated words of `s` before its first tab (a tab ends
/// a table cell: the next cell is another column's), as
/// `s.split('\t').next()` split at whitespace gives them. The tab is looked
/// for only in the gaps between the words read, not over the whole window
/// ahead of them: that search was a third of [`issuer_phrase`].
fn words_before_tab(s: &str) -> impl Iterator<Item = &str> {
    let mut gap_start = 0;
    s.split_whitespace().map_while(move |w| {
        // `w` is a slice of `s`: its offset is the distance between them.
        let start = w.as_ptr() as usize - s.as_ptr() as usize;
        let tab = s.as_bytes()[gap_start..start].contains(&b'\t');
        gap_start = start + w.len();
        (!tab).then_some(w)
    })
}

/// `core` without its trailing characters other than letters, digits and
/// `&`; a word that ends in an ASCII letter or digit, the common case, is
/// returned as it is without decoding characters from its end.
fn trim_word_end(core: &str) -> &str {
    match core.as_bytes().last() {
        Some(&b) if b.is_ascii_alphanumeric() || b == b'&' => core,
        _ => core.trim_end_matches(|ch: char| !ch.is_alphanumeric() && ch != '&'),
    }
}

/// The entries [`body_closed`] compares words with, split into words once:
/// it runs for every word of every candidate issuer, and splitting each
/// entry there was most of its cost.
struct BodyEnds {
    /// [`ISSUER_ENDS`] and the [`LOCALITY_LEVELS`] words: a name ending in one is closed.
    closing: Vec<Vec<&'static str>>,
    /// The [`LOCALITY_LEVELS`] words alone: a capitalised name after one is closed.
    levels: Vec<Vec<&'static str>>,
    /// The first word of each [`LOCALITY_LEVELS`] entry (`thành` of `thành phố`).
    level_heads: Vec<&'static str>,
}

static BODY_ENDS: LazyLock<BodyEnds> = LazyLock::new(|| {
    let levels: Vec<Vec<&str>> = LOCALITY_LEVELS
        .iter()
        .map(|(level, _)| level.split(' ').collect())
        .collect();
    let closing = ISSUER_ENDS
        .iter()
        .map(|e| e.split(' ').collect())
        .chain(levels.iter().cloned())
        .collect();
    let level_heads = levels.iter().filter_map(|l| l.first().copied()).collect();
    BodyEnds {
        closing,
        levels,
        level_heads,
    }
});

/// Whether `words` end a body's name: an entry of [`ISSUER_ENDS`], a level
/// word written in lower case (`UBND tỉnh`), or a unit's capitalised name
/// after its level word (`tỉnh Lâm Đồng`).
fn body_closed(words: &[&str]) -> bool {
    let ends = &*BODY_ENDS;
    // An entry, or a level word standing for the writer's own unit
    // (`Chủ tịch UBND tỉnh` ⏎ `công bố ...`).
    if ends.closing.iter().any(|t| words.ends_with(t)) {
        return true;
    }
    let caps = words
        .iter()
        .rev()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    caps > 0 && {
        let before = &words[..words.len() - caps];
        ends.levels.iter().any(|t| before.ends_with(t))
    }
}

/// `Ngày <date>, <body> (đã) ban hành` right before the kind word: a
/// sentence that opens with the date on which a body issued the document.
static DATED_ISSUE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.;:\n]\s*)[Nn]gày\s+([^,;.\n]{6,30}),\s*[^,;.\n]{2,100}?\s(?:đã\s+)?ban\s+hành\s*(?:tại\s*)?$")
        .expect("static regex")
});

/// The date of [`DATED_ISSUE_BEFORE`] before `kind_start`; asked only when
/// the body in between reads as an issuer ([`issuer_before`]).
fn date_before(text: &str, kind_start: usize) -> Option<String> {
    let from = text.floor_char_boundary(kind_start.saturating_sub(PREFIX_WINDOW));
    let c = DATED_ISSUE_BEFORE.captures(&text[from..kind_start])?;
    let written = c.get(1)?.as_str();
    let (d, len) = parse_date_at(written)?;
    (len == written.trim_end().len()).then(|| d.iso()).flatten()
}

/// [`issuer_before`] of one kind word, read at most once: a reference asks
/// for it up to three times (as its issuer, before the date that opens its
/// sentence, whether its issuer carries over to the next mention), and each
/// reading runs two regexes over the text before the kind word.
struct IssuerBefore<'t> {
    text: &'t str,
    kind_start: usize,
    read: Option<Option<String>>,
}

impl<'t> IssuerBefore<'t> {
    fn new(text: &'t str, kind_start: usize) -> Self {
        IssuerBefore {
            text,
            kind_start,
            read: None,
        }
    }

    fn get(&mut self) -> Option<&str> {
        let (text, kind_start) = (self.text, self.kind_start);
        self.read
            .get_or_insert_with(|| issuer_before(text, kind_start))
            .as_deref()
    }
}

/// An issuer written before the kind word: "X (đã) ban hành [tại] Kế hoạch
/// số ..." or "của X tại Công văn số ...".
fn issuer_before(text: &str, kind_start: usize) -> Option<String> {
    let from = text.floor_char_boundary(kind_start.saturating_sub(PREFIX_WINDOW));
    let window = &text[from..kind_start];
    if let Some(c) = OF_X_AT.captures(window) {
        let x = collapse_ws(c.get(1)?.as_str());
        return issuer_phrase(&x).filter(|p| *p == x);
    }
    let m = ISSUED_BY_BEFORE.find(window)?;
    let before = &window[..m.start()];
    let clause_start = before
        .rfind([';', '.', ':', ',', '(', '\u{c}'])
        .map(|p| p + 1)
        .unwrap_or(0);
    let clause = collapse_ws(&before[clause_start..]);
    let clause = clause
        .strip_suffix(" đã")
        .or_else(|| clause.strip_suffix(" đã được"))
        .unwrap_or(&clause)
        .trim();
    // The earliest issuer head from which the rest of the clause reads as an issuer.
    let issuer = head_starts(clause).find_map(|i| {
        let cand = &clause[i..];
        issuer_phrase(cand).filter(|p| p == cand)
    });
    issuer
}

/// Where an [`ISSUER_HEADS`] entry starts a word of `clause`, in order.
///
/// The clause is one-spaced ([`collapse_ws`]), so a word starts at 0 and
/// after each space: trying the heads there is one pass over the clause,
/// where a substring search per head (a searcher built and run for each of
/// them, then a sort) was half of [`issuer_before`].
fn head_starts(clause: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b' ', clause.as_bytes()).map(|p| p + 1))
        .filter(|&i| {
            let rest = &clause[i..];
            ISSUER_HEADS.iter().any(|h| rest.starts_with(h))
        })
}

/// Skip a footnote marker `[^3]` (and the spaces before it) at `pos`.
fn skip_marker(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    match notes::marker_at(trimmed) {
        Some((_, len)) => pos + (rest.len() - trimmed.len()) + len,
        None => pos,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<Reference> {
        let g = Ground::new(text, false);
        extract(&g, &Metadata::default())
    }

    fn one(text: &str) -> (String, Option<String>, Option<String>, Option<String>) {
        let r = refs(text);
        assert_eq!(r.len(), 1, "{text}: {r:?}");
        let r = &r[0];
        (
            r.kind.clone(),
            r.number.clone(),
            r.date.clone(),
            r.issuer.clone(),
        )
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn stop_words_answer_as_the_list_does() {
        // The straightforward reading of the list: `tok` is an entry, or
        // `tok next` is.
        let plain = |tok: &str, next: Option<&str>| {
            ISSUER_STOP_WORDS.contains(&tok)
                || next.is_some_and(|n| ISSUER_STOP_WORDS.contains(&format!("{tok} {n}").as_str()))
        };
        assert!(ISSUER_STOP_WORDS
            .iter()
            .all(|e| e.matches(' ').count() <= 1));
        let toks = [
            "về", "v/v", "phê", "duyệt", "ban", "hành", "đối", "với", "UBND", "tỉnh", "Ban", "kế",
            "hoạch", "Kế", "đã", "được", "năm", "số", "x", "", "sơ", "kết", "tổng",
        ];
        for a in toks {
            for b in toks.iter().map(|b| Some(*b)).chain([None]) {
                assert_eq!(STOP_WORDS.stops(a, b), plain(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn body_closed_answers_as_the_lists_do() {
        // The straightforward reading: each entry split at its spaces where
        // it is compared.
        let plain = |words: &[&str]| {
            let ends_with = |w: &[&str], tail: &str| {
                let t: Vec<&str> = tail.split(' ').collect();
                w.len() >= t.len() && w[w.len() - t.len()..] == t[..]
            };
            if ISSUER_ENDS.iter().any(|e| ends_with(words, e))
                || LOCALITY_LEVELS.iter().any(|(l, _)| ends_with(words, l))
            {
                return true;
            }
            let caps = words
                .iter()
                .rev()
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                .count();
            caps > 0
                && LOCALITY_LEVELS
                    .iter()
                    .any(|(l, _)| ends_with(&words[..words.len() - caps], l))
        };
        let mut pool: Vec<&str> = ["UBND", "Sở", "Lâm", "Đồng", "về", "x", ""].to_vec();
        for e in ISSUER_ENDS
            .iter()
            .chain(LOCALITY_LEVELS.iter().map(|(l, _)| l))
        {
            pool.extend(e.split(' '));
        }
        pool.sort_unstable();
        pool.dedup();
        let n = pool.len();
        // Every sequence of up to three words from the pool, and longer ones
        // built from the entries themselves.
        let mut cases: Vec<Vec<&str>> = vec![Vec::new()];
        for a in 0..n {
            cases.push(vec![pool[a]]);
            for b in 0..n {
                cases.push(vec![pool[a], pool[b]]);
                for c in 0..n {
                    cases.push(vec![pool[a], pool[b], pool[c]]);
                }
            }
        }
        for e in ISSUER_ENDS
            .iter()
            .chain(LOCALITY_LEVELS.iter().map(|(l, _)| l))
        {
            let mut w = vec!["Chủ", "tịch"];
            w.extend(e.split(' '));
            cases.push(w.clone());
            w.extend(["Lâm", "Đồng"]);
            cases.push(w);
        }
        for w in &cases {
            assert_eq!(body_closed(w), plain(w), "{w:?}");
        }
    }

    /// The plain reading of [`Mentions`]: every character boundary at which
    /// the full or the short pattern, each alone and anchored, matches, with
    /// both matches there and the first label written there.
    fn plain_starts(text: &str) -> Vec<Start> {
        let (kind, _) = reference_parts();
        let anchored = |p: &str| Regex::new(&format!("^(?:{p})")).expect("test regex");
        let (full, short, label) = (
            anchored(&reference_pattern()),
            anchored(&short_name_pattern()),
            anchored(&kind),
        );
        let at = |re: &Regex, s: usize| re.find(&text[s..]).map(|m| s + m.start()..s + m.end());
        (0..=text.len())
            .filter(|&s| text.is_char_boundary(s))
            .filter_map(|s| {
                let (f, sh) = (at(&full, s), at(&short, s));
                if f.is_none() && sh.is_none() {
                    return None;
                }
                Some(Start {
                    at: s,
                    kind_end: at(&label, s)?.end,
                    full: f,
                    short: sh,
                })
            })
            .collect()
    }

    /// [`Mentions::new`]'s starts, with the short match read where it was
    /// not, are the plain ones.
    fn same_starts_as_plain(text: &str) {
        let m = Mentions::new(text);
        let got: Vec<Start> = m
            .starts
            .iter()
            .map(|st| Start {
                short: m.short_at(st),
                ..st.clone()
            })
            .collect();
        assert_eq!(got, plain_starts(text), "{text:?}");
    }

    #[test]
    fn mentions_are_where_the_patterns_match() {
        for t in [
            "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ",
            "Thông báo kết luận số 1059-TB/HU; thông báo kết luận 12 của; XThông báo kết luận số 5/TB",
            "Nghị quyết 57 của Bộ Chính trị, Nghị quyết số 163 ngày; Quyết định số 335 phê duyệt",
            "Chương trình hành động số 12-CTr/ĐU, Chương trình 5 và chương trình hành động 7",
            "KẾ HOẠCH\nSố: 25/KH-UBND\nKế hoạch này; Báo cáo số 3 sản phẩm; Công văn số /UBND-PKT",
            "Nghị\nquyết số 05-NQ/HU, quyết \nđịnh số 148/QĐ-TTg, Kế hoạch số 38- KH/ĐU",
            "\u{212A}ế hoạch số 5/KH, Thông tư liên tịch 12/2024/TTLT-BTC, Thông tư 55/2023/TT-BTC",
            "Luật số 83/2015/QH13, Đề án 6, Công điện 207/CĐ-TTg, Kết luận 88-KL/HU, Quy định 3",
        ] {
            same_starts_as_plain(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn mentions_are_where_the_patterns_match_on_any_text(
            t in "(Quyết định|QUYẾT ĐỊNH|quyết\n định|Thông báo|thông báo kết luận|Kết luận|Thông tư liên tịch|Chương trình|Luật|Đề án|\u{212A}ế hoạch|Xnghị quyết| số| Số|:|/|-| |\n|12|2024|QĐ|UBND|Th|a|ſ|&){0,10}"
        ) {
            same_starts_as_plain(&t);
        }
    }

    /// [`issuer_phrase`] as first written: the window cut at its first tab,
    /// every word list asked for every word.
    fn plain_issuer_phrase(s: &str) -> Option<String> {
        const WINDOW: usize = 1024;
        let s = if s.len() > WINDOW {
            let cut = s.floor_char_boundary(WINDOW);
            s[..cut]
                .rfind(char::is_whitespace)
                .map_or(&s[..cut], |w| &s[..w])
        } else {
            s
        };
        let s = s.split('\t').next().unwrap_or(s);
        let mut words: Vec<&str> = Vec::new();
        let mut toks = s.split_whitespace().take(24).peekable();
        while let Some(tok) = toks.next() {
            if tok.contains('\u{c}') {
                break;
            }
            let first = tok.chars().next()?;
            if !first.is_alphabetic() {
                break;
            }
            if words.is_empty() && !first.is_uppercase() {
                return None;
            }
            let next = toks.peek().copied();
            if STOP_WORDS.stops(tok, next) {
                break;
            }
            let closed = body_closed(&words);
            if closed && first.is_uppercase() {
                let (low, low_next) = (tok.to_lowercase(), next.map(str::to_lowercase));
                if STOP_WORDS.stops(&low, low_next.as_deref()) {
                    break;
                }
            }
            let next_level = LOCALITY_LEVELS
                .iter()
                .any(|(l, _)| l.split(' ').next() == Some(tok));
            let committee = BODY_AFTER_LEVEL.contains(&tok)
                && !next.is_some_and(|n| n.chars().next().is_some_and(char::is_lowercase));
            let goes_on = ISSUER_GOES_ON.contains(&tok);
            if first.is_lowercase() && !next_level && !committee && !goes_on && closed {
                break;
            }
            let core_end = tok.find("[^").unwrap_or(tok.len());
            let core = &tok[..core_end];
            let trimmed = core.trim_end_matches(|ch: char| !ch.is_alphanumeric() && ch != '&');
            if !trimmed.is_empty() {
                words.push(trimmed);
            }
            if trimmed.len() != tok.len() {
                break;
            }
        }
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// The heads as first found: every occurrence of each head, kept where
    /// it starts the clause or follows a space, sorted.
    fn plain_head_starts(clause: &str) -> Vec<usize> {
        let mut starts: Vec<usize> = ISSUER_HEADS
            .iter()
            .flat_map(|h| clause.match_indices(h).map(|(i, _)| i))
            .filter(|&i| i == 0 || clause[..i].ends_with(' '))
            .collect();
        starts.sort_unstable();
        starts.dedup();
        starts
    }

    /// Phrases built from the words the issuer reading turns on: bodies,
    /// level words, stop words in both cases, marks, tabs, form feeds.
    const ISSUER_PIECES: &str = "(UBND|Ủy ban|Sở|Ban|Thường vụ|Tỉnh ủy|tỉnh|thành phố|thị xã|huyện|xã|Lâm|Đồng|Chính phủ|Thủ tướng|Bộ|Chính trị|Quốc hội|ủy|đoàn|khóa|nhiệm|XII|về|Về|ban hành|Ban Hành|phê duyệt|Phê|duyệt|đã|và|công bố|quyền|Nông nghiệp|Kế hoạch|&|12|2024|\\[\\^3\\]|\\[x|,|;|\\.|\\)|:| |  |\n|\t|\u{c}|\u{a0}){0,16}";

    fn issuer_cases() -> Vec<String> {
        let mut cases: Vec<String> = [
            "Thủ tướng Chính phủ Ban hành tiêu chí",
            "UBND tỉnh Lâm Đồng triển khai nhiệm vụ",
            "Sở Nông nghiệp và Phát triển nông thôn tỉnh Quảng Ngãi về",
            "Chủ tịch UBND tỉnh\t\tVăn phòng UBND tỉnh\n",
            "Ban Thường vụ tỉnh ủy Lâm Đồng",
            "Ban chấp hành Đảng bộ huyện khóa XII về",
            "UBND xã Phước Hậu huyện Ninh Phước công bố",
            "Bộ Chính trị[^2] về đột phá",
            "UBND tỉnh, Sở Tài chính",
            "\tUBND tỉnh",
            "  UBND tỉnh ủy quyền",
        ]
        .iter()
        .map(|x| x.to_string())
        .collect();
        // A phrase longer than the window, and one whose 24 words pass it.
        cases.push(format!("UBND {}", "tỉnh ".repeat(300)));
        cases.push(format!(
            "Ban {}\tSở",
            "Xyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyz ".repeat(23)
        ));
        cases
    }

    #[test]
    fn issuer_phrase_reads_as_first_written() {
        for c in issuer_cases() {
            assert_eq!(issuer_phrase(&c), plain_issuer_phrase(&c), "{c:?}");
            let clause = collapse_ws(&c);
            assert_eq!(
                head_starts(&clause).collect::<Vec<_>>(),
                plain_head_starts(&clause),
                "{clause:?}"
            );
        }
        // Every head next to every other, in both orders.
        for a in ISSUER_HEADS {
            for b in ISSUER_HEADS {
                for c in [
                    format!("{a} {b}"),
                    format!("{a}{b} {a}"),
                    format!("x {b} {a}"),
                ] {
                    assert_eq!(head_starts(&c).collect::<Vec<_>>(), plain_head_starts(&c));
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn issuer_phrase_reads_as_first_written_on_any_text(t in ISSUER_PIECES) {
            proptest::prop_assert_eq!(issuer_phrase(&t), plain_issuer_phrase(&t));
            let clause = collapse_ws(&t);
            proptest::prop_assert_eq!(
                head_starts(&clause).collect::<Vec<_>>(),
                plain_head_starts(&clause)
            );
        }
    }

    #[test]
    fn may_have_number_answers_as_the_character_test() {
        let plain = |m: &str| m.chars().any(|ch| ch.is_numeric() || ch == '/');
        for m in [
            "Quyết định số 919/QĐ-TTg",
            "Quyết định số /QĐ-UBND",
            "Kế hoạch số QĐ-UBND",
            "Báo cáo Tình hình",
            "Công văn số ٣/UBND",
            "Nghị quyết Ⅻ-NQ",
            "Chỉ thị số ½",
            "",
        ] {
            assert_eq!(may_have_number(m), plain(m), "{m:?}");
        }
    }

    #[test]
    fn rest_groups_are_numbered_as_parts_reads_them() {
        let names: Vec<&str> = REST_AT.capture_names().map(|n| n.unwrap_or("")).collect();
        assert_eq!(names, ["", "so", "serial", "sep", "code"]);
    }

    #[test]
    fn forms_from_the_issue() {
        assert_eq!(
            one("Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ phê duyệt"),
            (
                "quyet_dinh".into(),
                s("919/QĐ-TTg"),
                s("2022-08-01"),
                s("Thủ tướng Chính phủ")
            )
        );
        assert_eq!(
            one("Kế hoạch số 73/KH-UBND ngày 09/4/2025 của UBND tỉnh Quảng Ngãi triển khai"),
            (
                "ke_hoach".into(),
                s("73/KH-UBND"),
                s("2025-04-09"),
                s("UBND tỉnh Quảng Ngãi")
            )
        );
        assert_eq!(one("Công văn số 147/UBND-KTN;").1, s("147/UBND-KTN"));
        assert_eq!(one("Văn bản số 300/VPĐP-NV3").0, "van_ban");
        let r = one("Thông báo kết luận số 1059-TB/HU ngày 25/7/2024.");
        assert_eq!(
            (r.0.as_str(), r.1, r.2),
            ("thong_bao", s("1059-TB/HU"), s("2024-07-25"))
        );
        assert_eq!(
            one("Nghị quyết số 09-NQ/HU, ngày 22/7/2021 của Ban chấp hành Đảng bộ huyện khóa XII về"),
            (
                "nghi_quyet".into(),
                s("09-NQ/HU"),
                s("2021-07-22"),
                s("Ban chấp hành Đảng bộ huyện khóa XII")
            )
        );
        let r = refs("Chương trình hành động số 12-CTr/ĐU ngày 30/8/2021");
        assert_eq!(r[0].kind, "chuong_trinh");
        assert_eq!(r[0].kind_label, "Chương trình hành động");
        assert_eq!(r[0].number, s("12-CTr/ĐU"));
        assert_eq!(
            one("Thông tư 55/2023/TT-BTC ngày 15/8/2023 của Bộ Tài chính về").1,
            s("55/2023/TT-BTC")
        );
        assert_eq!(
            one("theo Quyết định số: 724/QĐ-UBND, \nngày 01/8/2025 của UBND phường Nghĩa Lộ về việc"),
            ("quyet_dinh".into(), s("724/QĐ-UBND"), s("2025-08-01"), s("UBND phường Nghĩa Lộ"))
        );
        assert_eq!(
            one("Ban hành Quyết định số 02 QĐ-ĐU ngày 14 tháng 8 năm 2025 về việc"),
            ("quyet_dinh".into(), s("02/QĐ-ĐU"), s("2025-08-14"), None)
        );
        assert_eq!(
            one("Quyết định số 4078/QĐ-BNN-VPĐP ngày").1,
            s("4078/QĐ-BNN-VPĐP")
        );
        assert_eq!(
            one("Quyết định số 67/QĐ-UBND-TL ngày").1,
            s("67/QĐ-UBND-TL")
        );
    }

    #[test]
    fn split_over_lines_is_one_reference() {
        let t = "thực hiện Nghị quyết số 09-\n\nNQ/HU. Quyết \nđịnh số 148/QĐ-TTg ngày 06 tháng 7 năm \n\n2025 của Thủ tướng Chính \n\nphủ; Kế hoạch số 38- KH/ĐU ngày 29/11/2021";
        let r = refs(t);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].number, s("09-NQ/HU"));
        assert_eq!(r[1].number, s("148/QĐ-TTg"));
        assert_eq!(r[1].date, s("2025-07-06"));
        assert_eq!(r[1].issuer, s("Thủ tướng Chính phủ"));
        assert_eq!(r[1].kind_label, "Quyết định");
        assert_eq!(r[2].number, s("38-KH/ĐU"));
        for x in &r {
            assert!(crate::ground::holds(t, x.at.start, x.at.end, &x.at.text));
            assert!(x.at.text.contains("số"));
        }
    }

    #[test]
    fn issuer_stops_where_the_body_ends() {
        let (_, _, _, issuer) =
            one("theo Công điện 207/CĐ-TTg của Thủ tướng Chính phủ chưa đạt 100%");
        assert_eq!(issuer, s("Thủ tướng Chính phủ"));
        let (_, _, _, issuer) =
            one("Nghị định số 12/2024/NĐ-CP của Chính phủ và Quyết định của tỉnh");
        assert_eq!(issuer, s("Chính phủ"));
        let (_, _, _, issuer) =
            one("Kế hoạch số 9/KH-UBND của UBND tỉnh Lâm Đồng triển khai nhiệm vụ");
        assert_eq!(issuer, s("UBND tỉnh Lâm Đồng"));
        let (_, _, _, issuer) = one(
            "Công văn số 28/SNNPTNT-NTM của Sở Nông nghiệp và Phát triển nông thôn tỉnh Quảng Ngãi",
        );
        assert_eq!(
            issuer,
            s("Sở Nông nghiệp và Phát triển nông thôn tỉnh Quảng Ngãi")
        );
        let (_, _, _, issuer) =
            one("Quyết định số 5/QĐ-UBND của Chủ tịch UBND tỉnh công bố thủ tục hành chính");
        assert_eq!(issuer, s("Chủ tịch UBND tỉnh"));
        let (_, _, _, issuer) =
            one("Quyết định số 5/QĐ-TTg của Thủ tướng Chính phủ Ban hành tiêu chí");
        assert_eq!(issuer, s("Thủ tướng Chính phủ"));
        let (_, _, _, issuer) = one("Kết luận số 5-KL/TU của Ban Thường vụ Tỉnh ủy về việc");
        assert_eq!(issuer, s("Ban Thường vụ Tỉnh ủy"));
        let (_, _, _, issuer) = one("Kết luận số 5-KL/TU của Ban Thường vụ tỉnh ủy Lâm Đồng");
        assert_eq!(issuer, s("Ban Thường vụ tỉnh ủy Lâm Đồng"));
        let (_, _, _, issuer) =
            one("Quyết định số 5/QĐ-UBND của Chủ tịch UBND tỉnh\t\tVăn phòng UBND tỉnh\n");
        assert_eq!(issuer, s("Chủ tịch UBND tỉnh"));
        let (_, _, _, issuer) = one("Văn bản số 5/SKHĐT của Sở Kế hoạch và Đầu tư tỉnh");
        assert_eq!(issuer, s("Sở Kế hoạch và Đầu tư tỉnh"));
    }

    #[test]
    fn a_date_of_issue_that_opens_the_sentence() {
        assert_eq!(
            one("Ngày 10/9/2024, UBND Thành phố đã ban hành Kế hoạch số 265/KH-UBND xây dựng"),
            (
                "ke_hoach".into(),
                s("265/KH-UBND"),
                s("2024-09-10"),
                s("UBND Thành phố")
            )
        );
        // A date that is not the issue's stays out.
        assert_eq!(
            one("Đến ngày 10/9/2024 đã hoàn thành Kế hoạch số 265/KH-UBND").2,
            None
        );
    }

    #[test]
    fn references_by_short_name_with_their_issuer() {
        assert_eq!(
            one("thực hiện Nghị quyết 57 của Bộ Chính trị về đột phá"),
            ("nghi_quyet".into(), s("57"), None, s("Bộ Chính trị"))
        );
        assert_eq!(
            one("tại Nghị quyết số 163 ngày 27/11/2024 của Quốc hội phê duyệt"),
            (
                "nghi_quyet".into(),
                s("163"),
                s("2024-11-27"),
                s("Quốc hội")
            )
        );
        assert_eq!(
            one("Công an Thành phố đã ban hành Quyết định số 335 phê duyệt Đề án"),
            ("quyet_dinh".into(), s("335"), None, s("Công an Thành phố"))
        );
        // One reference for a coded number.
        assert_eq!(one("Chỉ thị số 36-CT/TW ngày 16/8/2019").1, s("36-CT/TW"));
        // No issuer, or a year: not a reference.
        assert!(refs("Kế hoạch 2 của năm; Kế hoạch 2026 của UBND tỉnh").is_empty());
    }

    #[test]
    fn issuer_before_the_kind() {
        let r = one("Phòng Kinh tế đã tham mưu UBND thị xã ban hành Kế hoạch số 90/KH-UBND ngày 24/4/2024 triển khai");
        assert_eq!(r.3, s("UBND thị xã"));
        let r = one("Sau kiểm tra, Ban Thường vụ Huyện ủy ban \nhành Thông báo kết luận số 1059-TB/HU ngày 25/7/2024.");
        assert_eq!(r.3, s("Ban Thường vụ Huyện ủy"));
        let r = one("trên cơ sở đề xuất của Phòng Kinh tế thị xã tại Công văn số 25/PKT ngày 20/01/2024, UBND");
        assert_eq!((r.1, r.3), (s("25/PKT"), s("Phòng Kinh tế thị xã")));
        let r = one("Kinh phí được phân bổ tại Quyết định số 148/QĐ-UBND ngày 01/02/2024: 320");
        assert_eq!(r.3, None);
    }

    #[test]
    fn header_number_and_unnumbered_mentions_are_skipped() {
        let t = "KẾ HOẠCH\nSố: 25/KH-UBND\nTriển khai Kế hoạch này và Chương trình OCOP; Báo cáo số 3 sản phẩm.";
        assert!(refs(t).is_empty(), "{:?}", refs(t));
        let t = "Số:          /KH-UBND  Nghĩa Lộ, ngày       tháng     năm 2025\nKẾ HOẠCH";
        assert!(refs(t).is_empty());
    }

    #[test]
    fn uppercase_and_blank_serial() {
        let r = refs("TÌNH HÌNH THỰC HIỆN NGHỊ QUYẾT SỐ 09-NQ/HU\n(Kèm theo Công văn số /UBND-PKT ngày /01/2025\n của UBND thị xã Đức Phổ)");
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].kind_label.as_str(), r[0].number.as_deref()),
            ("NGHỊ QUYẾT", Some("09-NQ/HU"))
        );
        assert_eq!(r[1].number, None);
        assert_eq!(r[1].date, None);
        assert_eq!(r[1].issuer, s("UBND thị xã Đức Phổ"));
    }

    #[test]
    fn named_laws_need_a_number_or_a_date() {
        let r = refs("căn cứ Luật Ngân sách nhà \nnước số 83/2015/QH13, Ban; Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật Hợp tác xã năm 2023");
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(
            (r[0].kind.as_str(), r[0].number.as_deref()),
            ("luat", Some("83/2015/QH13"))
        );
        assert_eq!(
            (r[1].number.as_deref(), r[1].date.as_deref()),
            (None, Some("2015-06-19"))
        );
    }

    #[test]
    fn issuer_that_already_has_the_document() {
        let r = one("báo cáo UBND tỉnh, Sở Nông nghiệp và Môi trường đã có Công văn số \n430/SNNMT-PTNT ngày 28/8/2025 đề nghị");
        assert_eq!(r.3, s("Sở Nông nghiệp và Môi trường"));
    }

    #[test]
    fn issuer_before_covers_a_second_mention_and_other_kinds() {
        let r = refs("Ban Thường vụ Huyện ủy đã ban hành Kết luận số 88-KL/HU ngày 14/6/2021 và Nghị\nquyết số 05-NQ/HU ngày 30/9/2022 về");
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].kind.as_str(), r[0].kind_label.as_str()),
            ("other", "Kết luận")
        );
        assert_eq!(r[1].issuer, s("Ban Thường vụ Huyện ủy"));
        // An issuer after the first mention ("của") is not carried back.
        let r = refs("Quyết định số 148/QĐ-TTg ngày 24/02/2023 và Quyết định số 1489/QĐ-TTg ngày 06/7/2025 của Thủ tướng Chính phủ");
        assert_eq!(
            (r[0].issuer.as_deref(), r[1].issuer.as_deref()),
            (None, Some("Thủ tướng Chính phủ"))
        );
    }

    #[test]
    fn footnote_marker_never_joins_the_number() {
        let r = refs("Kế hoạch số 41-KH/HU[^1], ngày 16/9/2021");
        assert_eq!(r[0].number, s("41-KH/HU"));
        assert_eq!(r[0].date, s("2021-09-16"));
        let r = refs("Quyết định số 148/QĐ-TTg[^4] về việc");
        assert_eq!(
            (r[0].number.as_deref(), r[0].at.text.as_str()),
            (Some("148/QĐ-TTg"), "Quyết định số 148/QĐ-TTg")
        );
    }
}
