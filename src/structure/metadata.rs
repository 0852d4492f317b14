//! Header metadata: what the document is, who issued it, when, about which
//! place, and who signed it for whom.
//!
//! Decree 30/2020/NĐ-CP lays the header out in two columns (issuer | national
//! name and motto; number | place and date), then the type line and title.
//! PDF extraction flattens the columns into shared lines, splits them, or
//! loses them entirely, so each field is read by its own pattern wherever it
//! sits in the first lines, and the issuer falls back on the body's own
//! sentence ("UBND phường Trần Phú báo cáo ...") with `issuer_inferred`.

use std::sync::LazyLock;

use regex::Regex;

use crate::short_regex::ShortRegex;

use crate::bytescan::next_digit;
use crate::ground::Ground;
use crate::lexicon::{self, DOC_KINDS, LOCALITY_LEVELS};
use crate::output::{Locality, Metadata};
use crate::text::dates::VnDate;

use super::closing;
use super::lines::{self, is_upper_text, Line};
use super::markers;
use super::vocab::{
    BARE_ISSUERS, BODY_AFTER_LEVEL, BODY_OPENERS, BODY_ORGS, LEVEL_WORD_BODIES, NAME_ENDINGS,
    NATIONAL_NAMES, OTHER_TYPE_LINES, SELF_VERBS, TITLE_RUNS_ON, TITLE_STOPPERS, UPPER_LEVEL_WORDS,
};

/// Most non-blank lines read as header + title.
const HEADER_LINES: usize = 40;

/// A level word (any case, possibly split over a line break) and a name of
/// capitalized words after it.
static LEVEL_RE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "(?i:{})",
        lexicon::level_pattern(&[], lexicon::LevelCase::Lower, r"\s+")
    )
});
const NAME_RE: &str =
    r"\p{Lu}[\p{Ll}\p{M}]*(?:[ \t]*\n?[ \t]*\n?[ \t]*(?:\p{Lu}[\p{Ll}\p{M}]*|\d{1,3}(?-u:\b)))*";

static MOTTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Đ?ộc\s+lập\s*[-–]\s*T?ự\s+do\s*[-–]\s*H?ạnh\s+phúc").expect("static regex")
});
/// The word both number patterns start with: a line without it has no
/// number, and is not searched (a capture search of a header line costs
/// about 20,000 instructions, and most header lines have no number).
const NUMBER_WORD: &str = "Số";
const NUMBER_RE: &str =
    r"(?:^|\s)Số\s*:?\s*(\d*)\s*/\s*(?:(\d{4})\s*/\s*)?(\p{Lu}[\p{L}\d&.\-/]*[\p{L}\d])";
const PARTY_NUMBER_RE: &str =
    r"(?:^|\s)Số\s*:?\s*(\d*)\s*-\s*(\p{Lu}[\p{L}]*\s*/\s*\p{Lu}[\p{L}\-]*)";
static NUMBER: LazyLock<ShortRegex> =
    LazyLock::new(|| ShortRegex::new(NUMBER_RE).expect("static regex"));
static PARTY_NUMBER: LazyLock<ShortRegex> =
    LazyLock::new(|| ShortRegex::new(PARTY_NUMBER_RE).expect("static regex"));
static HEADER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:ngày|Ngày)[\s._…]*(\d{1,2})?[\s._…]*tháng[\s._…]*(\d{1,2})?[\s._…]*năm[\s._…]*(\d{4})",
    )
    .expect("static regex")
});
/// A full date up to its year: day and month, or the words `ngày` / `tháng`
/// with a number, then a slash or `năm`.
const DATE_HEAD_RE: &str =
    r"(?:(?-u:\b)\d{1,2}\s*/\s*\d{1,2}|ngày\s*/\s*\d{1,2}|tháng\s+\d{1,2})\s*(?:/|\s+năm\s+)\s*";
/// A full date with its year (group 1).
static ANY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{DATE_HEAD_RE}((?:19|20)\d{{2}})(?-u:\b)")).expect("static regex")
});
/// A date's head ending where the haystack ends: whether a year at that
/// point completes a date. Anchored at the end only, it is searched
/// backwards from there, so the cost does not grow with the text before.
static DATE_HEAD_AT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?:{DATE_HEAD_RE})\z")).expect("static regex"));
static LEVEL_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"({})\s+({NAME_RE})", *LEVEL_RE)).expect("static regex"));
static AREA_LEVEL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i:địa\s+bàn)\s+({})\s+({NAME_RE})", *LEVEL_RE)).expect("static regex")
});
/// A self-statement from its body's name on: the body must also not follow a
/// letter, which [`self_statements`] checks (written in the pattern, as
/// `(?:^|[^\p{L}])`, it kept the regex from skipping to the body names by
/// their literal text, and the scan cost three times as much).
static SELF_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    let orgs: Vec<String> = BODY_ORGS.iter().map(|(o, _)| regex::escape(o)).collect();
    let verbs: Vec<String> = SELF_VERBS
        .iter()
        .map(|v| regex::escape(v).replace(' ', r"\s+"))
        .collect();
    Regex::new(&format!(
        r"({})(?:\s+({level})(?:\s+({NAME_RE}))?)?\s+({})(?:[^\p{{L}}\p{{M}}]|$)",
        orgs.join("|"),
        verbs.join("|"),
        level = LEVEL_RE.as_str()
    ))
    .expect("static regex")
});

/// One letter (general category L), as `[^\p{L}]` reads it.
static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{L}$").expect("static regex"));
static VV: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:V/v|V/V|v/v)\s*:?\s*").expect("static regex"));

pub fn extract(g: &Ground) -> Metadata {
    let text = g.text();
    let all = lines::split(text);
    let nonblank: Vec<Line> = all.iter().copied().filter(|l| !l.is_blank()).collect();
    let mut md = Metadata::default();

    let mut head = read_header(&nonblank);
    // A number or date read over a word the reader does not vouch for (a
    // handwritten serial OCRed with low confidence) is null, not a guess;
    // the reader's warning says where.
    if head
        .number_span
        .as_ref()
        .is_some_and(|r| g.is_doubtful(r.start, r.end))
    {
        head.number = None;
    }
    if head
        .date_span
        .as_ref()
        .is_some_and(|r| g.is_doubtful(r.start, r.end))
    {
        head.date = None;
        head.year = None;
    }
    md.doc_type = head.doc_type.clone();
    md.doc_type_label = head.doc_type_label.clone();
    md.number = head.number.clone();
    md.code = head.code.clone();
    md.place = head.place.clone();
    md.date = head.date.clone();
    let (opening, ending) = windows(text);
    md.year = head
        .year
        .or_else(|| latest_year(opening).max(latest_year(ending)));
    if md.doc_type.is_none() {
        md.doc_type = head.code.as_deref().and_then(kind_from_code);
    }
    if md.doc_type.is_none() && head.has_vv {
        md.doc_type = Some("cong_van".into());
    }

    // Issuer: the header's, completed or replaced by the body's own sentence.
    let mut stated = self_statements(opening);
    stated.extend(self_statements(ending));
    let preferred_verb = match md.doc_type.as_deref() {
        Some("bao_cao") => "báo cáo",
        Some("to_trinh") => "trình",
        Some("thong_bao") => "thông báo",
        _ => "ban hành",
    };
    let body_issuer = best_statement(&stated, preferred_verb);
    let header_issuer = head.issuer.clone();
    let header_is_bare = header_issuer
        .as_deref()
        .is_none_or(|i| BARE_ISSUERS.contains(&i) || head.issuer_damaged);

    // Locality: what the title says the document is about, else the issuer's unit.
    let mut locality = head.title.as_deref().and_then(title_locality);
    if locality.is_none() {
        locality = header_issuer
            .as_deref()
            .filter(|_| !header_is_bare)
            .and_then(issuer_locality);
    }
    if locality.is_none() {
        locality = body_issuer
            .and_then(|s| s.level.clone().zip(s.name.clone()))
            .map(|(level, name)| Locality { name, level });
    }
    if locality.is_none() {
        let implied = body_issuer.and_then(|s| s.implied_level).or_else(|| {
            body_issuer
                .and_then(|s| s.level.clone())
                .map(|l| leak_level(&l))
        });
        locality = frequent_locality(opening, implied);
    }

    if header_is_bare {
        if let Some(s) = body_issuer {
            md.issuer = Some(s.complete(locality.as_ref()));
            md.issuer_inferred = true;
        } else if let Some(h) = header_issuer.filter(|_| !head.issuer_damaged) {
            md.issuer = Some(h);
        }
    } else {
        md.issuer = header_issuer;
    }
    // One canonical form, the written one beside it; a header's line above
    // the issuer is its parent (`UBND TỈNH LÂM ĐỒNG` ⏎ `SỞ NỘI VỤ`).
    if let Some(written) = md.issuer.take() {
        let above = head
            .issuer_above
            .as_deref()
            .filter(|_| !md.issuer_inferred && head.issuer.as_deref() == Some(written.as_str()));
        let resolved = super::issuer::resolve(&written, above);
        md.issuer = Some(resolved.canonical);
        md.issuer_parent = resolved.parent;
        md.issuer_as_written = Some(written);
    }

    md.title = head
        .title
        .as_deref()
        .map(|t| repair_title(t, locality.as_ref()));
    md.locality = locality;

    let close = closing::read(&lines::with_cell_paragraphs(&all, g));
    md.signer = close.signer;
    md.recipients = close.recipients;
    md
}

/// Bytes of the opening and of the ending searched for self-statements,
/// cited dates and locality mentions: a document speaks of itself in its
/// first and last paragraphs, and scanning everything would cost time on
/// long documents for nothing.
const OPENING_BYTES: usize = 64 * 1024;
const ENDING_BYTES: usize = 24 * 1024;

/// The opening and the ending of `text`; the ending is empty when the
/// opening already covers everything.
fn windows(text: &str) -> (&str, &str) {
    let mut head = OPENING_BYTES.min(text.len());
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = text.len().saturating_sub(ENDING_BYTES).max(head);
    while !text.is_char_boundary(tail) {
        tail += 1;
    }
    (&text[..head], &text[tail..])
}

/// What the header lines give.
#[derive(Debug, Default)]
struct Header {
    doc_type: Option<String>,
    doc_type_label: Option<String>,
    title: Option<String>,
    number: Option<String>,
    /// The bytes the number was read from.
    number_span: Option<std::ops::Range<usize>>,
    code: Option<String>,
    place: Option<String>,
    date: Option<String>,
    /// The bytes of the date as written (`ngày … năm …`).
    date_span: Option<std::ops::Range<usize>>,
    year: Option<i32>,
    issuer: Option<String>,
    /// The header line above the issuer's, when there is one.
    issuer_above: Option<String>,
    issuer_damaged: bool,
    has_vv: bool,
}

fn read_header(nonblank: &[Line]) -> Header {
    let mut h = Header::default();
    // The line right after the type line is the title's first line even when
    // it reads like a body opener (`KẾ HOẠCH` ⏎ `Thực hiện Nghị quyết ...`).
    let zone_len = (0..nonblank.len().min(HEADER_LINES))
        .find(|&k| {
            let after_type = k > 0 && doc_type_of(nonblank[k - 1].text).is_some();
            let t = nonblank[k].text;
            let title_like = after_type
                && markers::parse(t).is_none()
                && !TITLE_STOPPERS.iter().any(|o| t.starts_with(o));
            is_body_start(&nonblank[k]) && !title_like
        })
        .unwrap_or(nonblank.len().min(HEADER_LINES));
    let zone = &nonblank[..zone_len];

    // Type line and title.
    let type_at = zone.iter().position(|l| doc_type_of(l.text).is_some());
    if let Some(t) = type_at {
        if let Some((slug, label, rest)) = doc_type_of(zone[t].text) {
            h.doc_type = Some(slug.to_string());
            h.doc_type_label = Some(label);
            h.title = read_title(&zone[t + 1..], rest);
        }
    }
    // Công văn: `V/v ...` under the number.
    if let Some(v) = zone.iter().position(|l| VV.is_match(l.text)) {
        h.has_vv = true;
        if h.title.is_none() {
            let first = VV.replace(zone[v].text, "").to_string();
            h.title = read_title(&zone[v + 1..], Some(first));
        }
    }

    // Number and date: anywhere in the header zone (flattened columns).
    for l in zone {
        if h.code.is_none() {
            if let Some((number, code, at)) = read_number_at(l.text) {
                h.number = number;
                h.number_span = Some(l.start + at.start..l.start + at.end);
                h.code = Some(code);
            }
        }
        if h.year.is_none() {
            if let Some(c) = HEADER_DATE.captures(l.text) {
                let day = c.get(1).and_then(|m| m.as_str().parse::<u32>().ok());
                let month = c.get(2).and_then(|m| m.as_str().parse::<u32>().ok());
                let year = c.get(3).and_then(|m| m.as_str().parse::<i32>().ok());
                h.year = year;
                h.date = VnDate { year, month, day }.iso();
                h.date_span = c.get(0).map(|m| l.start + m.start()..l.start + m.end());
                let before = c.get(0).map_or("", |m| &l.text[..m.start()]);
                h.place = place_before(before);
            }
        }
    }

    // Issuer: uppercase fragments before the type line (or the number line).
    let issuer_end = type_at
        .or_else(|| zone.iter().position(|l| read_number(l.text).is_some()))
        .unwrap_or(0);
    let (mut frags, damaged) = header_issuer(&zone[..issuer_end]);
    h.issuer = frags.pop();
    h.issuer_above = frags.pop();
    h.issuer_damaged = damaged;
    // No header column: the body named on its own line under the title.
    if h.issuer.is_none() {
        if let Some(t) = type_at {
            h.issuer = presenter_line(&zone[t + 1..])
                .map(|k| lines::collapse_ws(zone[t + 1 + k].text.trim_matches(['*', '_'])));
        }
    }
    h
}

/// The body starts at a known opener or at the first section heading.
fn is_body_start(l: &Line) -> bool {
    let t = l.text;
    BODY_OPENERS.iter().any(|o| t.starts_with(o))
        || (markers::parse(t).is_some() && !t.starts_with("Số"))
        || t.starts_with("Nơi nhận")
}

/// `BÁO CÁO` → (`bao_cao`, `"BÁO CÁO"`, None); `KẾ HOẠCH TRIỂN KHAI ...` →
/// (`ke_hoach`, `"KẾ HOẠCH"`, Some("TRIỂN KHAI ...")).
fn doc_type_of(line: &str) -> Option<(&'static str, String, Option<String>)> {
    let t = line.trim_matches(|c: char| c == '*' || c == '_' || lines::is_space(c));
    if !is_upper_text(t) {
        return None;
    }
    for kind in DOC_KINDS.iter().filter(|k| k.is_header_type) {
        for label in kind.labels {
            let upper = label.to_uppercase();
            if t == upper {
                return Some((kind.slug, t.to_string(), None));
            }
            if let Some(rest) = t.strip_prefix(&upper) {
                if rest.starts_with(' ') && rest.trim().chars().count() > 3 {
                    let label = t[..upper.len()].to_string();
                    return Some((kind.slug, label, Some(rest.trim().to_string())));
                }
            }
        }
    }
    OTHER_TYPE_LINES
        .iter()
        .find(|l| {
            t == **l
                || t.strip_prefix(**l)
                    .is_some_and(|rest| rest.starts_with(' ') && is_designator(rest))
        })
        .map(|_| ("other", t.to_string(), None))
}

/// `II`, `01`, `SỐ 2`, `A`: what numbers an appendix, not a title.
fn is_designator(rest: &str) -> bool {
    let words: Vec<&str> = rest.split_whitespace().collect();
    let word_ok = |w: &&str| {
        let w = w.trim_end_matches(['.', ':']);
        !w.is_empty()
            && (w.chars().all(|c| c.is_ascii_digit())
                || w.chars().all(|c| "IVXLC".contains(c))
                || (w.chars().count() == 1 && w.chars().all(|c| c.is_ascii_uppercase())))
    };
    match words.as_slice() {
        [w] => word_ok(w),
        [s, w] => *s == "SỐ" && word_ok(w),
        _ => false,
    }
}

/// Index in `after` (the lines after the type line) of the line naming the
/// presenting body, within the title's reach; not when the title runs on
/// into it (`... năm 2025 của` ⏎ `UBND tỉnh Lâm Đồng`).
fn presenter_line(after: &[Line]) -> Option<usize> {
    after
        .iter()
        .take(TITLE_LINES + 1)
        .enumerate()
        .find(|&(k, l)| {
            let runs_on = k > 0
                && after[k - 1]
                    .text
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| TITLE_RUNS_ON.contains(&w));
            is_body_name_line(l.text) && !runs_on
        })
        .map(|(k, _)| k)
}

/// A line that is only the name of a body with its unit (`UBND tỉnh Nghệ
/// An`, `Ủy ban nhân dân thành phố Hà Nội`): under the title of a document
/// without a header (a conference contribution), the body that presents it.
fn is_body_name_line(t: &str) -> bool {
    BODY_NAME_LINE.is_match(t.trim_matches(|c: char| c == '*' || c == '_' || lines::is_space(c)))
}

static BODY_NAME_LINE: LazyLock<ShortRegex> = LazyLock::new(|| {
    let orgs: Vec<String> = BODY_ORGS.iter().map(|(o, _)| regex::escape(o)).collect();
    ShortRegex::new(&format!(
        r"^(?i:{})\s+{level}\s+{NAME_RE}$",
        orgs.join("|"),
        level = LEVEL_RE.as_str()
    ))
    .expect("static regex")
});

/// Most lines of a title.
const TITLE_LINES: usize = 6;

/// Title lines after the type line: until the body, a separator, a
/// parenthesized note, an uppercase authority line after a mixed-case title,
/// or a line naming the presenting body.
fn read_title(after: &[Line], first: Option<String>) -> Option<String> {
    let mut parts: Vec<String> = first.into_iter().filter(|s| !s.is_empty()).collect();
    let mut caps = parts.first().map(|p| is_upper_text(p));
    let presenter = presenter_line(after);
    for (k, l) in after.iter().take(TITLE_LINES).enumerate() {
        let t = l.text.trim_matches(['*', '_']).trim();
        if t.is_empty() {
            continue;
        }
        if Some(k) == presenter {
            break;
        }
        if t.chars()
            .all(|c| matches!(c, '-' | '_' | '*' | '=' | '.' | '–' | '—') || lines::is_space(c))
            || t.starts_with('(')
            || t.starts_with("Số")
            || t.starts_with("Kính gửi")
            || HEADER_DATE.is_match(t)
        {
            break;
        }
        let upper = is_upper_text(t);
        match caps {
            Some(false) if upper => break,
            None => caps = Some(upper),
            _ => {}
        }
        parts.push(t.to_string());
    }
    if parts.is_empty() {
        return None;
    }
    Some(join_wrapped(&parts))
}

/// Join wrapped lines: a space between lines, none after a glued hyphen.
fn join_wrapped(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts {
        let p = lines::collapse_ws(p);
        if !out.is_empty() {
            let glued =
                out.ends_with('-') && out[..out.len() - 1].ends_with(|c: char| c.is_alphanumeric());
            if !glued {
                out.push(' ');
            }
        }
        out.push_str(&p);
    }
    out.trim_end_matches([',', ';']).trim().to_string()
}

/// `Số: 25/BC-UBND` → (Some("25/BC-UBND"), "BC-UBND"); `Số:   /KH-UBND` →
/// (None, "KH-UBND"); `Số 265-KH/HU` → (Some("265-KH/HU"), "KH/HU").
fn read_number(line: &str) -> Option<(Option<String>, String)> {
    read_number_at(line).map(|(number, code, _)| (number, code))
}

/// [`read_number`], with the bytes of `line` the number was read from.
fn read_number_at(line: &str) -> Option<(Option<String>, String, std::ops::Range<usize>)> {
    if !line.contains(NUMBER_WORD) {
        return None;
    }
    if let Some(c) = NUMBER.captures(line) {
        let serial = c.get(1).map_or("", |m| m.as_str());
        let code = c.get(3)?.as_str().trim_end_matches(['.', '-']).to_string();
        let year = c.get(2).map(|m| m.as_str());
        let full_code = match year {
            Some(y) => format!("{y}/{code}"),
            None => code.clone(),
        };
        let number = (!serial.is_empty()).then(|| format!("{serial}/{full_code}"));
        return Some((number, code, c.get(0)?.range()));
    }
    if let Some(c) = PARTY_NUMBER.captures(line) {
        let serial = c.get(1).map_or("", |m| m.as_str());
        let code: String = c.get(2)?.as_str().split_whitespace().collect();
        let number = (!serial.is_empty()).then(|| format!("{serial}-{code}"));
        return Some((number, code, c.get(0)?.range()));
    }
    None
}

/// The place before ", ngày": the last capitalized words of the last column.
fn place_before(before: &str) -> Option<String> {
    let frags = lines::column_fragments(before);
    let last = frags.last().map(|(_, f)| *f)?;
    let last = last.trim_end_matches([',', ' ']);
    let words: Vec<&str> = last.split_whitespace().collect();
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1];
        let cap = w.chars().next().is_some_and(|c| c.is_uppercase()) && !w.contains('/');
        if cap || (w == "-" && start >= 2) {
            start -= 1;
        } else {
            break;
        }
    }
    let place = words[start..].join(" ");
    let place = place.trim_start_matches(['-', ' ']).to_string();
    (!place.is_empty() && !place.starts_with("Số")).then_some(place)
}

/// The header's uppercase fragments in order (the issuer is the last, its
/// parent the one before); also says whether a fragment was too damaged to
/// read (glyphs lost by the PDF font).
fn header_issuer(zone: &[Line]) -> (Vec<String>, bool) {
    let mut frags: Vec<String> = Vec::new();
    let mut damaged = false;
    // The previous line's fragments: where they stand and which they are.
    let mut above: Vec<(Place, usize)> = Vec::new();
    for l in zone {
        let mut t = MOTTO.replace_all(l.text, "   ").to_string();
        for n in NATIONAL_NAMES {
            t = t.replace(n, "   ");
        }
        if let Some(p) = t.find("Số") {
            t.truncate(p);
        }
        let tabbed = t.contains('\t');
        let mut here: Vec<(Place, usize)> = Vec::new();
        for (k, (at, f)) in lines::column_fragments(&t).into_iter().enumerate() {
            let f =
                f.trim_matches(|c: char| matches!(c, '*' | '-' | '_' | '–') || lines::is_space(c));
            if f.is_empty() || !is_upper_text(f) || doc_type_of(f).is_some() {
                continue;
            }
            if looks_damaged(f) {
                damaged = true;
                continue;
            }
            let f = lines::collapse_ws(f);
            let from = t.get(..at).map_or(0, |p| p.chars().count());
            let place = Place {
                column: k,
                chars: from..from + f.chars().count(),
                tabbed,
            };
            // A name ending completes the fragment right above it; the
            // national motto cut over two lines so completed is no issuer.
            if NAME_ENDINGS.contains(&f.as_str()) {
                if let Some(&(_, i)) = above.iter().find(|(p, _)| p.meets(&place)) {
                    let whole = format!("{} {f}", frags[i]);
                    frags[i] = if NATIONAL_NAMES.contains(&whole.as_str()) {
                        String::new()
                    } else {
                        whole
                    };
                    continue;
                }
            }
            let continues = UPPER_LEVEL_WORDS.iter().any(|w| f.starts_with(w))
                && !LEVEL_WORD_BODIES.iter().any(|b| f.starts_with(b));
            match frags.last_mut() {
                Some(prev) if continues => {
                    prev.push(' ');
                    prev.push_str(&f);
                }
                _ => frags.push(f),
            }
            here.push((place, frags.len() - 1));
        }
        above = here;
    }
    frags.retain(|f| !f.is_empty());
    (frags, damaged)
}

/// Where a header fragment stands on its line (see [`header_issuer`]).
struct Place {
    /// Its rank among the line's fragments.
    column: usize,
    /// The character columns it covers.
    chars: std::ops::Range<usize>,
    /// Its line's cells are separated by tabs, so characters do not line up.
    tabbed: bool,
}

impl Place {
    /// Whether two fragments of consecutive lines stand one above the
    /// other: the same rank when either line is a tab-separated row, else
    /// overlapping characters in rows laid out with spaces.
    fn meets(&self, other: &Place) -> bool {
        if self.tabbed || other.tabbed {
            self.column == other.column
        } else {
            self.chars.start < other.chars.end && other.chars.start < self.chars.end
        }
    }
}

/// A fragment whose words are mostly stubs (`TH NH PH   A   C`): one letter,
/// or two letters without a vowel. Short syllables with a vowel are words
/// (`SỞ NỘI VỤ`, `BỘ Y TẾ`).
fn looks_damaged(f: &str) -> bool {
    const VOWELS: &str = "AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ";
    let words: Vec<&str> = f.split_whitespace().collect();
    let stub = |w: &&&str| {
        let n = w.chars().count();
        n == 1 || (n == 2 && !w.to_uppercase().chars().any(|c| VOWELS.contains(c)))
    };
    let stubs = words.iter().filter(stub).count();
    words.len() >= 3 && stubs * 2 > words.len() && !f.contains("UBND")
}

/// A kind from a number's code: `BC-UBND` → `bao_cao`.
fn kind_from_code(code: &str) -> Option<String> {
    let head = code.split(['-', '/']).next()?;
    DOC_KINDS
        .iter()
        .filter(|k| k.is_header_type)
        .find(|k| k.codes.contains(&head))
        .map(|k| k.slug.to_string())
}

/// The latest year of a full date mentioned anywhere (the document cannot be
/// older than what it cites); used when the header gives no date.
///
/// The straightforward reading, the largest year of `ANY_DATE.find_iter`
/// (kept as [`latest_year_by_scan`]), scans the whole text with the regex.
/// Instead, the years are found with a byte scan and tried from the largest
/// down, each by asking whether a date's head ends right before it. That
/// gives the same answer when every ASCII digit run that ends some match of
/// `ANY_DATE` also ends one that `find_iter` reports, which holds when all
/// the text's `\d` are ASCII: a match's year is then a whole run of four
/// digits (a slash or a space before it, a non-word byte after it), so an
/// earlier reported match cannot swallow it — the only digit runs inside a
/// match are its one- or two-digit day and month and its year, and no match
/// can start inside a year, where `\b` fails between two ASCII digits. With
/// another script's digit in the text, the regex scan is used.
fn latest_year(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    // (year, where its four digits start), for every run of ASCII digits
    // whose last four can be a year of `ANY_DATE` and a year we keep.
    let mut years: Vec<(i32, usize)> = Vec::new();
    let mut from = 0;
    while let Some(d) = next_digit(text, from) {
        if !bytes.get(d).is_some_and(u8::is_ascii_digit) {
            return latest_year_by_scan(text);
        }
        let end = d + bytes[d..].iter().take_while(|b| b.is_ascii_digit()).count();
        let word_follows = bytes
            .get(end)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
        if end - d >= 4 && !word_follows {
            // `(19|20)\d{2}` of the pattern within the kept 1945..=2100.
            match text[end - 4..end].parse::<i32>() {
                Ok(y) if (1945..=2099).contains(&y) => years.push((y, end - 4)),
                _ => {}
            }
        }
        from = end;
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    years
        .into_iter()
        .find(|&(_, at)| DATE_HEAD_AT_END.is_match(&text[..at]))
        .map(|(y, _)| y)
}

/// [`latest_year`] by its definition: the largest year of a date found by
/// scanning the whole text with `ANY_DATE`.
fn latest_year_by_scan(text: &str) -> Option<i32> {
    // The year (group 1) is the match's last four bytes (ASCII digits; only
    // a zero-width `\b` follows it), so no capture search is needed.
    ANY_DATE
        .find_iter(text)
        .filter_map(|m| {
            m.as_str()
                .get(m.len().saturating_sub(4)..)?
                .parse::<i32>()
                .ok()
        })
        .filter(|y| (1945..=2100).contains(y))
        .max()
}

/// One sentence in which a body speaks of itself: `UBND phường Trần Phú báo cáo`.
#[derive(Debug, Clone)]
struct Statement {
    org: String,
    level_word: Option<String>,
    level: Option<String>,
    name: Option<String>,
    implied_level: Option<&'static str>,
    verb: String,
}

impl Statement {
    /// The issuer as written, completed with the locality's name when the
    /// sentence names only the kind of unit (`UBND thị xã` + `Đức Phổ`,
    /// `Huyện ủy` + `Ninh Phước`).
    fn complete(&self, locality: Option<&Locality>) -> String {
        let mut s = self.org.clone();
        if let Some(w) = &self.level_word {
            s.push(' ');
            s.push_str(w);
        }
        match (&self.name, locality) {
            (Some(n), _) => {
                s.push(' ');
                s.push_str(n);
            }
            (None, Some(loc)) => {
                let level_matches = self.level.as_deref() == Some(loc.level.as_str())
                    || (self.level.is_none() && self.implied_level == Some(loc.level.as_str()));
                if level_matches {
                    s.push(' ');
                    s.push_str(&loc.name);
                }
            }
            _ => {}
        }
        s
    }
}

/// The self-statements of `text`, as a search for non-overlapping matches of
/// `(?:^|[^\p{L}])` followed by [`SELF_STATEMENT`] finds them.
fn self_statements(text: &str) -> Vec<Statement> {
    let mut found = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some(c) = SELF_STATEMENT.captures_at(text, pos) else {
            break;
        };
        let Some(whole) = c.get(0) else { break };
        let after_letter = text[..whole.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| LETTER.is_match(ch.encode_utf8(&mut [0; 4])));
        if after_letter {
            pos = crate::ground::next_char(text, whole.start());
            continue;
        }
        // The character before the next body was part of the old pattern's
        // match: it may not be this match's last one.
        pos = crate::ground::next_char(text, whole.end());
        found.push(c);
    }
    found
        .into_iter()
        .filter_map(|c| {
            let org = c.get(1)?.as_str().to_string();
            let level_word = c.get(2).map(|m| lines::collapse_ws(m.as_str()));
            let level = level_word.as_deref().and_then(level_slug);
            let name = c.get(3).map(|m| lines::collapse_ws(m.as_str()));
            let verb = lines::collapse_ws(c.get(4)?.as_str());
            let implied_level = BODY_ORGS
                .iter()
                .find(|(o, _)| *o == org)
                .and_then(|(_, l)| *l);
            Some(Statement {
                org,
                level_word,
                level,
                name,
                implied_level,
                verb,
            })
        })
        .collect()
}

/// Prefer a sentence with the document's own verb, and a named unit.
fn best_statement<'a>(stated: &'a [Statement], verb: &str) -> Option<&'a Statement> {
    let score = |s: &Statement| {
        (s.verb == verb) as u8 * 2 + s.name.is_some() as u8 * 3 + s.level.is_some() as u8
    };
    let best = stated.iter().map(score).max()?;
    stated.iter().find(|s| score(s) == best)
}

fn level_slug(word: &str) -> Option<String> {
    let w = lines::collapse_ws(&word.to_lowercase());
    LOCALITY_LEVELS
        .iter()
        .find(|(k, _)| *k == w)
        .map(|(_, slug)| slug.to_string())
}

fn leak_level(slug: &str) -> &'static str {
    LOCALITY_LEVELS
        .iter()
        .find(|(_, s)| *s == slug)
        .map_or("", |(_, s)| s)
}

/// `... trên địa bàn thị xã Đức Phổ` → thị xã Đức Phổ.
fn title_locality(title: &str) -> Option<Locality> {
    let c = AREA_LEVEL_NAME.captures(title).or_else(|| {
        // Else a unit that ends the title.
        LEVEL_NAME
            .captures_iter(title)
            .last()
            .filter(|c| c.get(0).is_some_and(|m| title[m.end()..].trim().is_empty()))
    })?;
    let level = level_slug(c.get(1)?.as_str())?;
    let name = lines::collapse_ws(c.get(2)?.as_str());
    Some(Locality { name, level })
}

/// `ỦY BAN NHÂN DÂN HUYỆN NINH PHƯỚC` → huyện Ninh Phước; `UBND phường
/// Trần Phú` → phường Trần Phú.
fn issuer_locality(issuer: &str) -> Option<Locality> {
    let words: Vec<&str> = issuer.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    for i in 0..words.len() {
        for (level_word, slug) in LOCALITY_LEVELS {
            let parts: Vec<&str> = level_word.split(' ').collect();
            let k = parts.len();
            if i + k >= words.len() || lower[i..i + k] != parts[..] {
                continue;
            }
            let mut rest = &words[i + k..];
            // `HUYỆN ỦY MỘ ĐỨC`: the level word is part of the body's name.
            if rest
                .first()
                .is_some_and(|w| BODY_AFTER_LEVEL.contains(&w.to_lowercase().as_str()))
            {
                rest = &rest[1..];
            }
            let name = if rest
                .iter()
                .all(|w| is_upper_text(w) || w.chars().count() == 1)
            {
                title_case(&rest.join(" "))
            } else {
                rest.iter()
                    .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .copied()
                    .collect::<Vec<&str>>()
                    .join(" ")
            };
            if name.is_empty() {
                return None;
            }
            return Some(Locality {
                name,
                level: slug.to_string(),
            });
        }
    }
    None
}

/// `NINH PHƯỚC` → `Ninh Phước`.
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The unit named most often at the given level (or, without one, after
/// "địa bàn").
fn frequent_locality(text: &str, level: Option<&str>) -> Option<Locality> {
    use std::collections::HashMap;
    let mut counts: HashMap<(String, String), (usize, usize)> = HashMap::new();
    let re: &Regex = if level.is_some() {
        &LEVEL_NAME
    } else {
        &AREA_LEVEL_NAME
    };
    for (k, c) in re.captures_iter(text).enumerate() {
        let (Some(w), Some(n)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let Some(slug) = level_slug(w.as_str()) else {
            continue;
        };
        if level.is_some_and(|l| l != slug) {
            continue;
        }
        let name = lines::collapse_ws(n.as_str());
        let e = counts.entry((slug, name)).or_insert((0, k));
        e.0 += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, (n, first))| (*n, usize::MAX - first))
        .map(|((level, name), _)| Locality { name, level })
}

/// Put back a locality name whose glyphs the PDF lost in the title
/// (`thành phố  a  éc` → `thành phố Sa Đéc`) when what is left is an
/// in-order subsequence of the known name.
fn repair_title(title: &str, locality: Option<&Locality>) -> String {
    let Some(loc) = locality else {
        return title.to_string();
    };
    let Some((word, _)) = LOCALITY_LEVELS.iter().find(|(_, s)| *s == loc.level) else {
        return title.to_string();
    };
    let lower = title.to_lowercase();
    let Some(p) = lower.rfind(&format!("{word} ")) else {
        return title.to_string();
    };
    let after_at = p + word.len() + 1;
    let Some(after) = title.get(after_at..) else {
        return title.to_string();
    };
    let fragment = after.trim();
    if fragment.is_empty() || fragment == loc.name {
        return title.to_string();
    }
    let starts_lower = fragment.chars().next().is_some_and(|c| c.is_lowercase());
    if !starts_lower || !is_subsequence(fragment, &loc.name) {
        return title.to_string();
    }
    format!("{}{}", &title[..after_at], loc.name)
}

fn is_subsequence(fragment: &str, name: &str) -> bool {
    let mut name_chars = name.chars().filter(|c| !c.is_whitespace());
    let frag: Vec<char> = fragment.chars().filter(|c| !c.is_whitespace()).collect();
    let name_len = name.chars().filter(|c| !c.is_whitespace()).count();
    if frag.is_empty() || name_len > frag.len() + 3 {
        return false;
    }
    frag.iter().all(|fc| name_chars.any(|nc| nc == *fc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Metadata {
        extract(&Ground::new(text, false))
    }

    #[test]
    fn numbers_in_all_forms() {
        assert_eq!(
            read_number("Số: 25/BC-UBND"),
            Some((Some("25/BC-UBND".into()), "BC-UBND".into()))
        );
        assert_eq!(
            read_number("Số:          /KH-UBND  Nghĩa Lộ, ngày"),
            Some((None, "KH-UBND".into()))
        );
        assert_eq!(
            read_number("Số 265-KH/HU"),
            Some((Some("265-KH/HU".into()), "KH/HU".into()))
        );
        assert_eq!(
            read_number("Số: 12/2024/QĐ-UBND"),
            Some((Some("12/2024/QĐ-UBND".into()), "QĐ-UBND".into()))
        );
        assert_eq!(read_number("Số lượng sản phẩm"), None);
    }

    /// Every match of the number patterns contains [`NUMBER_WORD`], so the
    /// lines skipped without it would have given nothing.
    #[test]
    fn number_patterns_need_the_number_word() {
        let head = format!(r"(?:^|\s){NUMBER_WORD}\s*:?");
        for pattern in [NUMBER_RE, PARTY_NUMBER_RE] {
            assert!(pattern.starts_with(&head), "{pattern}");
            assert!(!pattern[head.len()..].starts_with(['?', '*', '{']));
        }
        let lines = [
            "Số: 25/BC-UBND",
            "  Số 265-KH/HU, ngày",
            "UBND xã Số: 1/QĐ-UB",
            "Số: /2024/KH-UBND",
        ];
        for line in lines {
            assert!(NUMBER.captures(line).is_some() || PARTY_NUMBER.captures(line).is_some());
            assert!(read_number(line).is_some(), "{line}");
        }
    }

    #[test]
    fn flattened_header_is_read() {
        let text = "ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN NINH PHƯỚC   Độc lập - Tự do - Hạnh phúc\nSố: 25/BC-UBND   Ninh Phước, ngày 14 tháng 8 năm 2025\nBÁO CÁO\nKết quả thực hiện Chương trình OCOP\nnăm 2025 trên địa bàn huyện Ninh Phước\nThực hiện Kế hoạch số 1/KH-UBND;\n";
        let m = md(text);
        assert_eq!(m.doc_type.as_deref(), Some("bao_cao"));
        assert_eq!(m.number.as_deref(), Some("25/BC-UBND"));
        assert_eq!(m.issuer.as_deref(), Some("UBND huyện Ninh Phước"));
        assert!(!m.issuer_inferred);
        assert_eq!(m.place.as_deref(), Some("Ninh Phước"));
        assert_eq!(m.date.as_deref(), Some("2025-08-14"));
        assert_eq!(
            m.title.as_deref(),
            Some("Kết quả thực hiện Chương trình OCOP năm 2025 trên địa bàn huyện Ninh Phước")
        );
        let loc = m.locality.expect("locality");
        assert_eq!(
            (loc.name.as_str(), loc.level.as_str()),
            ("Ninh Phước", "huyen")
        );
    }

    #[test]
    fn a_contribution_names_its_presenting_body_under_the_title() {
        let m = md("THAM LUẬN\nXây dựng mô hình thôn không ma túy\nđến năm 2030\nUBND Thành phố Hà Nội\nKính thưa: Đồng chí Chủ tịch!\nNội dung.\n");
        assert_eq!(m.doc_type.as_deref(), Some("other"));
        assert_eq!(m.doc_type_label.as_deref(), Some("THAM LUẬN"));
        assert_eq!(
            m.title.as_deref(),
            Some("Xây dựng mô hình thôn không ma túy đến năm 2030")
        );
        assert_eq!(m.issuer.as_deref(), Some("UBND thành phố Hà Nội"));
        assert_eq!(
            m.issuer_as_written.as_deref(),
            Some("UBND Thành phố Hà Nội")
        );
        assert!(!m.issuer_inferred);
        // A title that runs on into the body's name keeps it.
        let m =
            md("BÁO CÁO\nKết quả công tác năm 2025 của\nUBND tỉnh Lâm Đồng\nThực hiện Kế hoạch.\n");
        assert_eq!(
            m.title.as_deref(),
            Some("Kết quả công tác năm 2025 của UBND tỉnh Lâm Đồng")
        );
        assert_eq!(m.issuer_as_written, None);
    }

    #[test]
    fn an_appendix_is_a_document_type_with_its_numbering() {
        let m =
            md("PHỤ LỤC II\nBIỂU MẪU THỐNG KÊ SỐ LIỆU NĂM 2025\n(Kèm theo Báo cáo số /BC-UBND)\n");
        assert_eq!(m.doc_type.as_deref(), Some("other"));
        assert_eq!(m.doc_type_label.as_deref(), Some("PHỤ LỤC II"));
        assert_eq!(
            m.title.as_deref(),
            Some("BIỂU MẪU THỐNG KÊ SỐ LIỆU NĂM 2025")
        );
        // A title is not a designator.
        let m = md("PHỤ LỤC KẾT QUẢ\nNội dung\n");
        assert_eq!(m.doc_type, None);
    }

    #[test]
    fn other_document_types_keep_their_label() {
        let m = md("HƯỚNG DẪN\nThực hiện Bộ tiêu chí OCOP\nCăn cứ Quyết định số 148/QĐ-TTg;\n");
        assert_eq!(m.doc_type.as_deref(), Some("other"));
        assert_eq!(m.doc_type_label.as_deref(), Some("HƯỚNG DẪN"));
        assert_eq!(m.title.as_deref(), Some("Thực hiện Bộ tiêu chí OCOP"));
    }

    /// A national body's name printed over two lines is one issuer, and the
    /// national motto cut over two lines is none.
    #[test]
    fn a_name_ending_line_completes_the_issuer() {
        let m = md("NGÂN HÀNG NHÀ NƯỚC      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVIỆT NAM      Độc lập - Tự do - Hạnh phúc\nSố: 01/2006/TT-NHNN\nTHÔNG TƯ\nHướng dẫn việc góp vốn\n");
        assert_eq!(m.issuer.as_deref(), Some("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM"));
        assert_eq!(m.issuer_parent, None);
        let m = md(concat!(
            "UBND TỈNH LÂM ĐỒNG        CỘNG HÒA XÃ HỘI CHỦ NGHĨA\n",
            "    SỞ NỘI VỤ                      VIỆT NAM\n",
            "Số: 12/BC-SNV\nBÁO CÁO\nKết quả năm 2025\n"
        ));
        assert_eq!(m.issuer_as_written.as_deref(), Some("SỞ NỘI VỤ"));
        assert_eq!(m.issuer_parent.as_deref(), Some("UBND tỉnh Lâm Đồng"));
        // As a PDF's layout gives it: the motto on the name's line, one
        // space apart, the second line a tab-separated row.
        let m = md(concat!(
            "NGÂN HÀNG NHÀ NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
            "VIỆT NAM\tĐộc lập - Tự do - Hạnh phúc\n",
            "Số : 01/2006/TT-NHNN\tHà Nội, ngày 20 tháng 02 năm 2006\nTHÔNG TƯ\n",
        ));
        assert_eq!(m.issuer.as_deref(), Some("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM"));
    }

    #[test]
    fn missing_issuer_is_inferred_from_the_body() {
        let text = "BÁO CÁO\nKết quả 9 tháng\nThực hiện Văn bản số 300/VPĐP-NV3 ngày 06/9/2025; UBND phường Trần\nPhú báo cáo kết quả như sau:\n";
        let m = md(text);
        assert_eq!(m.issuer.as_deref(), Some("UBND phường Trần Phú"));
        assert!(m.issuer_inferred);
        assert_eq!(m.year, Some(2025));
        assert_eq!(m.date, None);
        let loc = m.locality.expect("locality");
        assert_eq!(
            (loc.name.as_str(), loc.level.as_str()),
            ("Trần Phú", "phuong")
        );
    }

    #[test]
    fn damaged_title_name_is_restored_from_the_locality() {
        let loc = Locality {
            name: "Sa Đéc".into(),
            level: "thanh_pho".into(),
        };
        assert_eq!(
            repair_title("Kết quả năm 2023 trên địa bàn thành phố a éc", Some(&loc)),
            "Kết quả năm 2023 trên địa bàn thành phố Sa Đéc"
        );
        assert_eq!(
            repair_title("Kết quả trên địa bàn thành phố Cao Lãnh", Some(&loc)),
            "Kết quả trên địa bàn thành phố Cao Lãnh"
        );
    }

    #[test]
    fn latest_year_is_the_largest_year_of_the_dates_found() {
        const PIECES: &[&str] = &[
            "1",
            "05",
            "12",
            "3",
            "31",
            "2019",
            "2024",
            "1999",
            "1945",
            "1944",
            "2100",
            "2099",
            "19",
            "20",
            "12345",
            "٣",
            "20٣5",
            "৫",
            "/",
            " / ",
            "/ ",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{a0}",
            "năm",
            " năm ",
            "năm ",
            "ngày",
            "ngày ",
            "Ngày",
            "tháng",
            "tháng ",
            " tháng 5 năm 2023",
            "ngày 14/",
            "-",
            ".",
            ",",
            "a",
            "_",
            "x",
            "é",
            "ạ",
        ];
        let mut texts = crate::extract::numbers::sample_texts();
        // An earlier date swallows a later one's head: with another script's
        // digit in the year, `find_iter` never reports 2030.
        texts.push("1/1/20٣5/1/2030".into());
        texts.push("ngày 14 tháng 8 năm 2025, 3/4/2024; tháng 12 năm 2100 và 1/2/19999".into());
        texts.extend(crate::testgen::glued_text(
            PIECES,
            40_000,
            1,
            20,
            0x2545_F491_4F6C_DD1D,
        ));
        let mut found = 0;
        for text in &texts {
            let want = latest_year_by_scan(text);
            found += usize::from(want.is_some());
            assert_eq!(latest_year(text), want, "{text:?}");
        }
        // The generated texts hold dates often enough to test something.
        assert!(found > 3_000, "{found} texts with a date");
    }
}
