//! Normalize stage: repair encoding damage, logged, never guessed silently.
//!
//! Input: decoded text. Output: NFC text with the same line structure (every
//! `\n` and form feed kept), the repairs made (kind, count, examples) and
//! warnings for damage left alone (byte offsets into the returned text).
//!
//! Every decision asks the syllable grammar ([`syllable`]): a legacy decoding
//! is applied to a line only when it yields more well-formed syllables than the
//! text as it stands, so English, codes and correct Vietnamese are left alone.
//! Passes, per line: Unicode form and PDF font leftovers ([`unicode`]), legacy
//! 8-bit codes ([`legacy`]), split syllables, tone placement ([`tone`]), typing
//! leftovers ([`telex`]); then, over the whole document, dropped glyphs
//! ([`glyphs`]), which need the intact names found elsewhere in the document.

pub mod fonts;
pub mod glyphs;
pub mod telex;
pub mod tone;

// The script knowledge lives below the stages (`crate::vi`); these names
// keep the paths the passes use.
use crate::vi::chunks::{whitespace_len, Chunks, OTHER_SPACE_LEAD};
pub use crate::vi::{chars, legacy, syllable, tables, unicode};

use std::borrow::Cow;
use std::ops::Range;

pub use crate::options::ToneStyle;
use crate::output::{Quality, Repair, Warning};
use legacy::Legacy;
pub use syllable::quality;
use syllable::Judged;

pub use crate::options::NormalizeOptions;

/// The result of normalization.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    pub repairs: Vec<Repair>,
    /// Byte offsets into `text`.
    pub warnings: Vec<Warning>,
    pub quality: Quality,
}

/// Collects repairs by kind, keeping up to five examples each.
///
/// A legacy document logs a repair for nearly every word, so this is on a hot
/// path: the few kinds sit in a vector (found by a short linear search, no
/// key allocated), and are sorted by name only once, at the end.
#[derive(Debug, Default)]
pub struct RepairLog {
    kinds: Vec<Repair>,
}

impl RepairLog {
    pub fn add(&mut self, kind: &str, before: &str, after: &str) {
        self.add_n(kind, before, after, 1);
    }

    pub fn add_n(&mut self, kind: &str, before: &str, after: &str, n: u64) {
        let i = match self.kinds.iter().position(|r| r.kind == kind) {
            Some(i) => i,
            None => {
                self.kinds.push(Repair {
                    kind: kind.to_string(),
                    ..Default::default()
                });
                self.kinds.len() - 1
            }
        };
        let r = &mut self.kinds[i];
        r.count += n;
        // The same example comes again and again (`decomposed→composed` on
        // every line of an NFD document): it is recognised without being
        // formatted first.
        if r.examples.len() < 5 && !r.examples.iter().any(|e| is_example(e, before, after)) {
            r.examples.push(format!("{before}{ARROW}{after}"));
        }
    }

    /// The repairs, by kind name.
    pub fn into_repairs(mut self) -> Vec<Repair> {
        self.kinds.sort_by(|a, b| a.kind.cmp(&b.kind));
        self.kinds
    }
}

/// What separates the two sides of a repair example.
const ARROW: &str = "→";

/// Is `e` the example `{before}→{after}`?
fn is_example(e: &str, before: &str, after: &str) -> bool {
    let e = e.as_bytes();
    e.len() == before.len() + ARROW.len() + after.len()
        && e.starts_with(before.as_bytes())
        && e[before.len()..].starts_with(ARROW.as_bytes())
        && e.ends_with(after.as_bytes())
}

pub use crate::vi::fold_key;

/// What the first phase learned about a line.
struct LineState<'a> {
    text: Cow<'a, str>,
    nl: &'a str,
    /// The legacy code the line was decoded from.
    code: Option<Legacy>,
    /// Non-ASCII and every character could come from Windows-1252: a line that
    /// may be legacy text even though it reads as (other) valid syllables.
    maybe_legacy: bool,
    /// Nothing to repair (see [`fast_clean`]); its quality counts.
    clean: Option<usize>,
    /// Legacy readings tied and none was taken (a warning).
    undecided: bool,
    /// Byte ranges of the line decoded by their font, left alone.
    kept: Vec<Range<usize>>,
}

/// A line after phase 1: its text, its line end, its legacy readings, its
/// count if it is clean, and its ranges decoded by their font.
type Phase1<'a> = (
    Cow<'a, str>,
    &'a str,
    Vec<Reading>,
    Option<usize>,
    Vec<Range<usize>>,
);

/// Walks the sorted kept ranges of a text along its lines.
struct KeptCursor<'k> {
    rest: &'k [Range<usize>],
}

impl<'k> KeptCursor<'k> {
    fn new(kept: &'k [Range<usize>]) -> Self {
        KeptCursor { rest: kept }
    }

    /// The parts of the kept ranges inside `line`, relative to its start.
    /// Lines come in order, so ranges ending before a line are dropped.
    fn within(&mut self, line: Range<usize>) -> Vec<Range<usize>> {
        while self.rest.first().is_some_and(|r| r.end <= line.start) {
            self.rest = &self.rest[1..];
        }
        self.rest
            .iter()
            .take_while(|r| r.start < line.end)
            .filter_map(|r| {
                let (a, b) = (r.start.max(line.start), r.end.min(line.end));
                (a < b).then(|| a - line.start..b - line.start)
            })
            .collect()
    }
}

/// `s` decoded from `code` except in the ranges `kept`, which are copied as
/// they are (see [`normalize_keeping`]).
fn decode_outside(s: &str, code: Legacy, kept: &[Range<usize>]) -> String {
    if kept.is_empty() {
        return legacy::decode(s, code);
    }
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    let mut from = 0;
    for r in kept {
        // Ranges come from the font runs, on character boundaries; any
        // other would mean the line changed under them: decode it whole.
        let (Some(gap), Some(run)) = (s.get(from..r.start), s.get(r.clone())) else {
            return legacy::decode(s, code);
        };
        out.push_str(&legacy::decode(gap, code));
        out.push_str(run);
        from = r.end;
    }
    match s.get(from..) {
        Some(tail) => out.push_str(&legacy::decode(tail, code)),
        None => return legacy::decode(s, code),
    }
    out
}

/// Could every character come from Windows-1252?
fn all_cp1252(s: &str) -> bool {
    !s.is_ascii() && s.chars().all(|c| legacy::cp1252_byte(c).is_some())
}

/// Repair `text`.
pub fn normalize(text: &str, opts: &NormalizeOptions) -> Normalized {
    normalize_keeping(text, opts, &[])
}

/// Repair `text`, leaving the legacy decoding of the byte ranges `kept`
/// (sorted, disjoint) alone: runs a font already decoded ([`fonts`]). A
/// line's legacy reading is then tried, scored and applied on the rest of
/// the line only, so a spreadsheet row whose `.VnTime` cells are already
/// Unicode and whose other cells hold TCVN3 in a font with no legacy name
/// is judged on those cells alone: the decoded cells' `â` (TCVN3 `õ`) no
/// longer counts against TCVN3 there.
pub fn normalize_keeping(text: &str, opts: &NormalizeOptions, kept: &[Range<usize>]) -> Normalized {
    let mut log = RepairLog::default();
    let mut warnings = Vec::new();
    let (mut good_before, mut bad_before) = (0, 0);
    let mut hint = None;
    // Phase 1: Unicode form, PDF font leftovers, legacy readings.
    let mut kept = KeptCursor::new(kept);
    // Sized once: a long document's lines grown by doubling would take
    // fresh pages from the system at each step, and zeroing them cost more
    // than counting the line ends.
    let mut decoded: Vec<Phase1> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    decoded.extend(crate::bytescan::lines_inclusive(text).map(|line| {
        let line_start = line.as_ptr() as usize - text.as_ptr() as usize;
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let mut line_kept = kept.within(line_start..line_start + body.len());
        if let Some(n) = fast_clean(body, opts.tone_style) {
            good_before += n;
            return (Cow::Borrowed(body), nl, Vec::new(), Some(n), line_kept);
        }
        let line = decode_line(body, opts.tone_style, &mut log, &mut hint, &mut line_kept);
        // The line's own counts, unless decoding judged it already.
        let (g, b) = match line.counts {
            Some(gb) => gb,
            None => syllable::counts(body),
        };
        good_before += g;
        bad_before += b;
        (line.text, nl, line.readings, line.clean, line_kept)
    }));
    let before = syllable::ratio(good_before, bad_before);
    // The document's dominant legacy code: the most syllables gained.
    let mut gains = [0isize; Legacy::ALL.len()];
    for (_, _, cands, _, _) in &decoded {
        for (code, _, g, _, _) in cands {
            if let Some(k) = Legacy::ALL.iter().position(|c| c == code) {
                gains[k] += g;
            }
        }
    }
    let dominant = (0..gains.len())
        .filter(|&k| gains[k] > 0)
        .max_by_key(|&k| (gains[k], std::cmp::Reverse(k)))
        .map(|k| Legacy::ALL[k])
        .filter(|&d| !legacy::vps_gain_tie(d, &gains));
    let mut lines: Vec<LineState> = decoded
        .iter_mut()
        .map(|(s, nl, cands, clean, line_kept)| {
            let chosen = choose(cands, dominant);
            let undecided = chosen.is_none() && !cands.is_empty();
            let (text, code, clean) = match chosen {
                Some(i) => {
                    let (code, d, _, whole, decoded_clean) = cands.swap_remove(i);
                    let fixed = apply_legacy(s, code, d, whole, &mut log);
                    // Decoded text may carry PDF font leftovers of its own
                    // (not when it is clean: `fast_clean` rules them out).
                    let clean = if whole { decoded_clean } else { None };
                    (
                        Cow::Owned(pdf_font_owned(fixed, &mut log)),
                        Some(code),
                        clean,
                    )
                }
                None => (std::mem::take(s), None, *clean),
            };
            let maybe_legacy = code.is_none() && all_cp1252(&text);
            LineState {
                text,
                nl,
                code,
                maybe_legacy,
                clean,
                undecided,
                kept: std::mem::take(line_kept),
            }
        })
        .collect();
    // Phase 2: lines that read as valid syllables both ways (`BÃO CÃO` is
    // "bão" in Unicode, `BÁO CÁO` in UTF-8) follow their neighbours.
    let informative = |l: &LineState| !l.text.is_ascii() && !l.maybe_legacy;
    let mut prev_info: Vec<Option<usize>> = Vec::with_capacity(lines.len());
    let mut last = None;
    for (i, l) in lines.iter().enumerate() {
        prev_info.push(last);
        if informative(l) {
            last = Some(i);
        }
    }
    let mut next_info: Vec<Option<usize>> = vec![None; lines.len()];
    let mut next = None;
    for i in (0..lines.len()).rev() {
        next_info[i] = next;
        if informative(&lines[i]) {
            next = Some(i);
        }
    }
    for i in 0..lines.len() {
        if !lines[i].maybe_legacy {
            continue;
        }
        let code_of = |k: Option<usize>| k.map(|k| lines[k].code);
        let code = match (code_of(prev_info[i]), code_of(next_info[i])) {
            (Some(Some(a)), Some(Some(b))) if a == b => Some(a),
            (Some(Some(a)), None) | (None, Some(Some(a))) => Some(a),
            _ => None,
        };
        if let Some(code) = code {
            let s = &lines[i].text;
            let d = decode_outside(s, code, &lines[i].kept);
            if d != *s && score(&d) >= score(s) {
                log.add(code.kind(), s.trim(), d.trim());
                lines[i].text = Cow::Owned(pdf_font_owned(d, &mut log));
                lines[i].code = Some(code);
                lines[i].clean = None;
                lines[i].undecided = false;
            }
        }
    }
    // Phase 3: the remaining line passes.
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let (mut good_after, mut bad_after) = (0, 0);
    for line in &lines {
        // A decoded line is often clean: then the line passes below have
        // nothing to do (see [`fast_clean`]), and its count is known.
        let clean = match line.clean {
            None if line.code.is_some() => fast_clean(&line.text, opts.tone_style),
            c => c,
        };
        if let Some(n) = clean {
            good_after += n;
            out.push_str(&line.text);
            out.push_str(line.nl);
            continue;
        }
        let base = out.len();
        let fixed = repair_line(&line.text, line.code.is_some(), opts, &mut log);
        let fixed = telex::repair(&fixed, opts.tone_style, &mut log, &mut |s, e, w| {
            warnings.push(Warning {
                start: Some(base + s),
                end: Some(base + e),
                ..w
            })
        });
        if line.undecided {
            warnings.push(Warning {
                kind: legacy::AMBIGUOUS_KIND.into(),
                message: "legacy text that reads as well in VPS as in another code (VISCII); left as it is".into(),
                start: Some(base),
                end: Some(base + fixed.len()),
            });
        }
        let (g, b) = syllable::counts(&fixed);
        good_after += g;
        bad_after += b;
        out.push_str(&fixed);
        out.push_str(line.nl);
    }
    let before_glyphs = out;
    let (out, edits) = glyphs::repair(&before_glyphs, &mut log, &mut warnings);
    for w in warnings
        .iter_mut()
        .filter(|w| w.kind != glyphs::WARNING_KIND)
    {
        w.start = w.start.map(|b| edits.map(b));
        w.end = w.end.map(|b| edits.map(b));
    }
    warnings.sort_by_key(|w| w.start);
    // Glyph repairs change a few lines: recount those, not the document.
    let (mut good_after, mut bad_after) = (good_after as isize, bad_after as isize);
    let mut last_line = None;
    for &(a, b) in edits.spans() {
        let bytes = before_glyphs.as_bytes();
        let start = memchr::memrchr(b'\n', &bytes[..a]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[b..]).map_or(bytes.len(), |i| b + i);
        if last_line == Some(start) {
            continue;
        }
        last_line = Some(start);
        let (og, ob) = syllable::counts(&before_glyphs[start..end]);
        let (ng, nb) = syllable::counts(&out[edits.map(start)..edits.map(end)]);
        good_after += ng as isize - og as isize;
        bad_after += nb as isize - ob as isize;
    }
    let after = syllable::ratio(good_after.max(0) as usize, bad_after.max(0) as usize);
    Normalized {
        quality: Quality { before, after },
        text: out,
        repairs: log.into_repairs(),
        warnings,
    }
}

/// For each lead byte of a non-ASCII character, the second bytes (their low
/// six bits, as bits of the mask: in UTF-8 it is a continuation byte, whose
/// low bits tell it) that make it a character [`fast_clean`]
/// stops at: combining marks, `ƣ` `Ƣ`, symbol-font bullets, `Ð` `ð`. The
/// check runs on every non-ASCII character of every line, and a table lookup
/// there is cheaper than a `match`, which compiles to an indirect jump.
const SUSPICIOUS: [u64; 256] = {
    let mut t = [0u64; 256];
    t[0xCC] = u64::MAX;
    t[0xCD] = u64::MAX;
    t[0xC6] = 1 << (0xA2 & 0x3F) | 1 << (0xA3 & 0x3F);
    t[0xEF] = 0b1111;
    t[0xC3] = 1 << (0x90 & 0x3F) | 1 << (0xB0 & 0x3F);
    t
};

/// A line with nothing to repair, checked in one pass (the common case):
/// no combining marks, PDF font leftovers, symbol bullets or `Ð`; every
/// Vietnamese-looking token a well-formed syllable with its tone already in
/// the chosen style; no typing leftover; and no pair of tokens that
/// [`join_split_syllables`] could join (a fragment next to a non-ASCII word,
/// one space apart, the right one starting in lower case: abbreviations such
/// as `TTg` or `HTX` next to other words do not count). Returns the number
/// of well-formed tokens.
fn fast_clean(line: &str, style: ToneStyle) -> Option<usize> {
    let b = line.as_bytes();
    let suspicious = |x: u8, next: u8| SUSPICIOUS[x as usize] >> (next & 0x3F) & 1 != 0;
    let mut good = 0;
    // The previous token: (end, is a fragment, is ASCII).
    let mut prev: Option<(usize, bool, bool)> = None;
    let clean = syllable::scan_strict_tokens(line, suspicious, |t| {
        let tok = &line[t.start..t.end];
        let fragment = if t.ascii {
            let b = tok.as_bytes();
            if telex::is_candidate(tok) {
                return false;
            }
            b.len() <= 3
                && b.iter().all(u8::is_ascii_alphabetic)
                && !b.iter().any(|c| b"aeiouyAEIOUY".contains(c))
        } else if let Some(p) = t.parsed {
            let placed = match (p.tone_at, style) {
                (None, _) => true,
                (Some(i), ToneStyle::Classic) => i == p.classic,
                (Some(i), ToneStyle::Modern) => i == p.modern,
                (Some(_), ToneStyle::Keep) => p.placed_well(),
            };
            if !placed {
                return false;
            }
            good += 1;
            false
        } else {
            match syllable::judge_strict(tok) {
                Judged::Invalid => return false,
                Judged::Valid => {
                    good += 1;
                    false
                }
                Judged::Ignored => tok.chars().all(chars::is_letter),
            }
        };
        if let Some((end, prev_fragment, prev_ascii)) = prev {
            let joinable = end + 1 == t.start
                && b[end] == b' '
                && (fragment || prev_fragment)
                && !(t.ascii && prev_ascii)
                && tok.chars().next().is_some_and(char::is_lowercase);
            if joinable {
                return false;
            }
        }
        prev = Some((t.end, fragment, t.ascii));
        true
    });
    clean.then_some(good)
}

/// What phase 1 made of a line that was not clean as it stood.
struct DecodedLine<'a> {
    /// The line after the Unicode repairs (borrowed when they changed
    /// nothing: most lines of a legacy document).
    text: Cow<'a, str>,
    /// The legacy readings worth considering.
    readings: Vec<Reading>,
    /// The line's counts by [`syllable::counts`], when the line is returned
    /// unchanged and so was judged here.
    counts: Option<(usize, usize)>,
    /// The count of [`fast_clean`] when the repaired line is clean.
    clean: Option<usize>,
}

/// Phase 1 of a line: PDF font leftovers, Unicode form, and the legacy
/// readings worth considering.
///
/// `kept` (the line's ranges decoded by their font) is emptied when the
/// Unicode repairs below move its bytes.
fn decode_line<'a>(
    body: &'a str,
    style: ToneStyle,
    log: &mut RepairLog,
    hint: &mut Option<Legacy>,
    kept: &mut Vec<Range<usize>>,
) -> DecodedLine<'a> {
    if body.is_ascii() {
        return DecodedLine {
            text: Cow::Borrowed(body),
            readings: Vec::new(),
            counts: Some((0, 0)),
            clean: None,
        };
    }
    let mut s = pdf_font(body, log);
    if unicode::has_marks(&s) {
        let (composed, reordered) = unicode::compose_reporting(&s);
        if reordered {
            log.add("mark_order", &s, &composed);
        } else if composed != s {
            log.add("unicode_nfc", "decomposed", "composed");
        }
        s = Cow::Owned(composed);
        // Marks left over after composing may repeat their letter's own.
        if let Some((fixed, words)) = unicode::drop_repeated_marks(&s) {
            for (before, after) in &words {
                log.add("repeated_mark", before, after);
            }
            s = Cow::Owned(fixed);
        }
    }
    let changed = *s != *body;
    if changed {
        kept.clear();
        // Repaired PDF font leftovers or marks often leave a clean line
        // (every line of a decomposed document), which the line passes of
        // phase 3 then skip. A clean line has no ill-formed token, so no
        // legacy reading to try and nothing the judging pass below would
        // use: it is not made (it cost as much as the clean check).
        if let Some(n) = fast_clean(&s, style) {
            return DecodedLine {
                text: s,
                readings: Vec::new(),
                counts: None,
                clean: Some(n),
            };
        }
    }
    // A legacy reading changes only tokens with characters Windows-1252 can
    // give, so it can only help when an invalid token has one: Unicode lines
    // whose only odd tokens are names or codes skip the five trial decodings.
    let (mut g, mut b, mut b_legacy) = (0usize, 0usize, false);
    let (mut lenient_g, mut lenient_b) = (0, 0);
    let nbsp = crate::bytescan::has_nbsp(&s);
    syllable::scan_strict_tokens(
        &s,
        |_, _| false,
        |t| {
            let tok = &s[t.start..t.end];
            let judged = syllable::judge_scanned(&s, &t);
            let (lg, lb) = syllable::lenient_counts(tok, judged, nbsp);
            lenient_g += lg;
            lenient_b += lb;
            match judged {
                Judged::Valid => g += 1,
                Judged::Invalid => {
                    b += 1;
                    b_legacy = b_legacy || tok.chars().any(legacy::is_legacy_char);
                }
                Judged::Ignored => {}
            }
            true
        },
    );
    let cands = if b_legacy {
        legacy_candidates(&s, g as isize - b as isize, *hint, style, kept)
    } else {
        Vec::new()
    };
    if let Some(best) = cands.iter().max_by_key(|c| c.2) {
        *hint = Some(best.0);
    }
    DecodedLine {
        text: s,
        readings: cands,
        counts: (!changed).then_some((lenient_g, lenient_b)),
        clean: None,
    }
}

/// Phase 3 of a line: `Ð`, split syllables, tone placement.
fn repair_line(s: &str, legacy_line: bool, opts: &NormalizeOptions, log: &mut RepairLog) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let mut s = s.to_string();
    if !legacy_line && s.contains(['Ð', 'ð']) {
        s = map_tokens(
            &s,
            |t| {
                let d = t.replace('Ð', "Đ").replace('ð', "đ");
                (d != t && syllable::is_well_formed(&d)).then_some(("eth_for_dstroke", d))
            },
            log,
        );
    }
    s = join_split_syllables(&s, log);
    map_tokens(
        &s,
        |t| match tone::retone(t, opts.tone_style)? {
            tone::Retoned::Misplaced(x) => Some(("tone_misplaced", x)),
            tone::Retoned::Style(x) => Some(("tone_style", x)),
        },
        log,
    )
}

/// [`pdf_font`] of an owned line: returned as it is (not copied) when it has
/// nothing to repair, as nearly every decoded legacy line has not.
fn pdf_font_owned(s: String, log: &mut RepairLog) -> String {
    if has_pdf_font_leftovers(s.as_bytes()) {
        pdf_font(&s, log).into_owned()
    } else {
        s
    }
}

/// `ƣ` `Ƣ` (C6 A3 / C6 A2 in UTF-8) or a Symbol-font bullet (EF 80..83 xx).
fn has_pdf_font_leftovers(b: &[u8]) -> bool {
    memchr::memchr2_iter(0xC6, 0xEF, b).any(|i| {
        let next = b.get(i + 1).copied().unwrap_or(0);
        if b[i] == 0xC6 {
            next == 0xA2 || next == 0xA3
        } else {
            (0x80..=0x83).contains(&next)
        }
    })
}

/// `ƣ`/`Ƣ` for `ư`/`Ư` and Symbol-font bullets, from PDF font tables;
/// borrowed when there is none (nearly every line).
fn pdf_font<'a>(s: &'a str, log: &mut RepairLog) -> Cow<'a, str> {
    // ƣ Ƣ are C6 A3 / C6 A2 in UTF-8, the symbol-font bullets EF 80..83 xx.
    let uhorn = |t: &[u8]| {
        t.windows(2)
            .any(|w| w[0] == 0xC6 && (w[1] == 0xA2 || w[1] == 0xA3))
    };
    let b = s.as_bytes();
    if !has_pdf_font_leftovers(b) {
        return Cow::Borrowed(s);
    }
    let bullets = b
        .windows(2)
        .any(|w| w[0] == 0xEF && (0x80..=0x83).contains(&w[1]));
    let mut out = String::with_capacity(s.len());
    let mut ws_start = 0;
    for (a, b) in syllable::tokens(s) {
        out.push_str(&s[ws_start..a]);
        let tok = &s[a..b];
        if uhorn(tok.as_bytes()) {
            let fixed = tok.replace('ƣ', "ư").replace('Ƣ', "Ư");
            log.add("pdf_font_uhorn", tok, &fixed);
            out.push_str(&fixed);
        } else {
            out.push_str(tok);
        }
        ws_start = b;
    }
    out.push_str(&s[ws_start..]);
    if bullets && out.contains(unicode::SYMBOL_BULLETS) {
        let n = out.matches(unicode::SYMBOL_BULLETS).count();
        let first = out
            .chars()
            .find(|c| unicode::SYMBOL_BULLETS.contains(c))
            .unwrap_or('\u{F0B7}');
        log.add_n(
            "symbol_bullet",
            &format!("U+{:04X}", first as u32),
            &unicode::PLAIN_BULLET.to_string(),
            n as u64,
        );
        out = out.replace(unicode::SYMBOL_BULLETS, &unicode::PLAIN_BULLET.to_string());
    }
    Cow::Owned(out)
}

/// Apply `f` to every token; log and substitute what it returns.
fn map_tokens(
    s: &str,
    mut f: impl FnMut(&str) -> Option<(&'static str, String)>,
    log: &mut RepairLog,
) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut last = 0;
    for (a, b) in syllable::tokens(s) {
        let tok = &s[a..b];
        if tok.is_ascii() {
            continue;
        }
        if let Some((kind, fixed)) = f(tok) {
            out.push_str(&s[last..a]);
            log.add(kind, tok, &fixed);
            out.push_str(&fixed);
            last = b;
        }
    }
    out.push_str(&s[last..]);
    out
}

/// Whitespace-separated chunks with their separators: (chunk, following whitespace).
fn chunks(s: &str) -> Vec<(&str, &str)> {
    Chunks::new(s).collect()
}

/// Is every whitespace character of `s` a space (no tab to carriage
/// return, no U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000)? Told by
/// bytes: only the bytes that may start other whitespace are looked at
/// closer (nearly every line of a legacy document passes through here).
fn only_spaces(s: &str) -> bool {
    let b = s.as_bytes();
    // A byte in the middle of a character is in none of the whitespace
    // patterns of `whitespace_len`, so every byte may be asked.
    !(0..b.len()).any(|i| OTHER_SPACE_LEAD[b[i] as usize] && whitespace_len(b, i) > 0)
}

/// `s.split(' ')`, by a byte search: `str::split` costs some hundred
/// instructions a piece, and a legacy line is cut into every word.
fn split_spaces(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.as_bytes().iter().position(|&x| x == b' ') {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

fn score(s: &str) -> isize {
    let (g, b) = syllable::counts_strict(s);
    g as isize - b as isize
}

/// A legacy reading of a line: (code, decoded line, syllables gained, no
/// ill-formed word left, the count of [`fast_clean`] if it found the
/// decoded line clean).
type Reading = (Legacy, String, isize, bool, Option<usize>);

/// A reading tried alone first: its code, its text, and its strict counts
/// when they were taken.
type Tried = (Legacy, String, Option<(usize, usize)>);

/// Every legacy reading of a line that has more well-formed syllables than the
/// line as it stands: (code, decoded line, gain). When the code of the lines
/// before (`hint`) leaves no ill-formed word (nor a capital inside a word),
/// no other code can do better, and the others are not tried (the common case in a legacy document).
fn legacy_candidates(
    s: &str,
    base: isize,
    hint: Option<Legacy>,
    style: ToneStyle,
    kept: &[Range<usize>],
) -> Vec<Reading> {
    // The hinted reading, kept for the full trial when it is not taken
    // alone, so it is not decoded twice (with its strict counts, when the
    // line was not clean and so was counted by `counts_strict`).
    let mut tried: Option<Tried> = None;
    if let Some(code) = hint {
        let d = decode_outside(s, code, kept);
        // A clean line (the common case) is counted by the same pass that
        // spares it the line repairs later: every token valid, none bad.
        let clean = fast_clean(&d, style);
        let (g, b) = match clean {
            Some(n) => (n, 0),
            None => syllable::counts_strict(&d),
        };
        let sc = g as isize - b as isize;
        // A capital inside a word (`kẸt`: VPS read as VISCII) is no proof.
        if b == 0 && d != s && sc > base && !legacy::confusable_reading(code, &d) {
            return vec![(code, d, sc - base, true, clean)];
        }
        tried = Some((code, d, clean.is_none().then_some((g, b))));
    }
    Legacy::ALL
        .iter()
        .filter_map(|&code| {
            let (d, counts) = match tried.take_if(|t| t.0 == code) {
                Some((_, d, counts)) => (d, counts),
                None => (decode_outside(s, code, kept), None),
            };
            // An unchanged line scores what it scored: no gain to count.
            if d == s {
                return None;
            }
            let (g, b) = counts.unwrap_or_else(|| syllable::counts_strict(&d));
            let sc = g as isize - b as isize;
            (sc > base).then(|| (code, d, sc - base, b == 0, None))
        })
        .collect()
}

/// Pick a line's code: the document's dominant code when it does nearly as
/// well as the best (short lines tie between codes: `L­u` is `Lưu` in TCVN3
/// and `Lễu` in VISCII), else the best; none when VPS and another code tie
/// with different readings (see [`legacy::settle_vps_tie`]).
fn choose(cands: &[Reading], dominant: Option<Legacy>) -> Option<usize> {
    let best = cands.iter().map(|c| c.2).max()?;
    if let Some(i) = cands
        .iter()
        .position(|c| Some(c.0) == dominant && c.2 >= best - 1)
    {
        return Some(i);
    }
    let top: Vec<usize> = (0..cands.len()).filter(|&i| cands[i].2 == best).collect();
    let readings: Vec<(Legacy, &str)> = top
        .iter()
        .map(|&i| (cands[i].0, cands[i].1.as_str()))
        .collect();
    legacy::settle_vps_tie(&readings).and_then(|k| top.get(k).copied())
}

/// Apply a legacy decoding chunk by chunk: chunks that were well-formed and
/// would get worse are kept.
fn apply_legacy(
    s: &str,
    code: Legacy,
    decoded: String,
    whole: bool,
    log: &mut RepairLog,
) -> String {
    // A reading without ill-formed words is taken whole.
    if whole {
        log_words(s, &decoded, code, log);
        return decoded;
    }
    let orig = chunks(s);
    let new = chunks(&decoded);
    let mut out = String::with_capacity(decoded.len());
    if orig.len() == new.len() {
        for ((o, ows), (n, nws)) in orig.iter().zip(&new) {
            if o != n && {
                let (g, b) = syllable::counts_strict(n);
                b == 0 || g as isize - b as isize >= score(o)
            } {
                log.add(code.kind(), o, n);
                out.push_str(n);
                // The decoder may have taken an NBSP byte into the letter.
                out.push_str(nws);
            } else {
                out.push_str(o);
                out.push_str(ows);
            }
        }
    } else {
        for ((o, _), (n, _)) in orig.iter().zip(&new) {
            if o != n {
                log.add(code.kind(), o, n);
            }
        }
        out = decoded;
    }
    out
}

/// Log the words a whole-line reading changed: paired by spaces when both
/// lines have no other whitespace (the common case: single-byte decoders keep
/// spaces, UTF-8 repair may take one that was an NBSP; runs of spaces give
/// equal empties), else by [`chunks`].
fn log_words(s: &str, decoded: &str, code: Legacy, log: &mut RepairLog) {
    // The single-byte decoders put no whitespace where there was none (a
    // test below checks it), so only the line as it stands is looked at.
    if code != Legacy::Utf8 && only_spaces(s) {
        for (o, n) in split_spaces(s).zip(split_spaces(decoded)) {
            if o != n {
                log.add(code.kind(), o, n);
            }
        }
    } else {
        let pairs = Chunks::new(s).zip(Chunks::new(decoded));
        for ((o, _), (n, _)) in pairs {
            if o != n {
                log.add(code.kind(), o, n);
            }
        }
    }
}

/// Is `t` a fragment that cannot stand alone: ill-formed, or consonants only?
fn is_fragment(t: &str) -> bool {
    if t.is_ascii() {
        let b = t.as_bytes();
        return !b.is_empty()
            && b.len() <= 3
            && b.iter().all(u8::is_ascii_alphabetic)
            && !b.iter().any(|c| b"aeiouyAEIOUY".contains(c));
    }
    if syllable::is_well_formed(t) {
        return false;
    }
    !t.is_empty() && t.chars().all(chars::is_letter)
}

/// `ảnh h ưởng` → `ảnh hưởng`: two parts separated by one space, at least one
/// of them not a syllable, that together make one well-formed syllable.
fn join_split_syllables(s: &str, log: &mut RepairLog) -> String {
    if !s.contains(' ') {
        return s.to_string();
    }
    let toks: Vec<(usize, usize)> = syllable::tokens(s).collect();
    let frag: Vec<bool> = toks.iter().map(|&(a, b)| is_fragment(&s[a..b])).collect();
    if !frag.iter().any(|&f| f) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut i = 0;
    while i + 1 < toks.len() {
        let (a0, a1) = toks[i];
        let (b0, b1) = toks[i + 1];
        if (frag[i] || frag[i + 1]) && &s[a1..b0] == " " {
            let (l, r) = (&s[a0..a1], &s[b0..b1]);
            let non_ascii = !l.is_ascii() || !r.is_ascii();
            if non_ascii {
                let joined = format!("{l}{r}");
                let right_lowercase_start = r.chars().next().is_some_and(|c| c.is_lowercase());
                if right_lowercase_start && syllable::is_well_formed(&joined) {
                    out.push_str(&s[last..a0]);
                    log.add("split_syllable", &s[a0..b1], &joined);
                    out.push_str(&joined);
                    last = b1;
                    i += 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn suspicious_table_is_its_definition() {
        // Combining marks, `ƣ` `Ƣ`, symbol-font bullets, `Ð` `ð`.
        let definition = |x: u8, next: u8| match x {
            0xCC | 0xCD => true,
            0xC6 => next == 0xA2 || next == 0xA3,
            0xEF => (0x80..=0x83).contains(&next),
            0xC3 => next == 0x90 || next == 0xB0,
            _ => false,
        };
        for x in 0x80..=0xFFu8 {
            for next in 0x80..=0xBFu8 {
                let table = super::SUSPICIOUS[x as usize] >> (next & 0x3F) & 1 != 0;
                assert_eq!(table, definition(x, next), "{x:#x} {next:#x}");
            }
        }
    }

    use super::*;

    /// [`is_example`] is the comparison with the formatted example.
    #[test]
    fn examples_are_recognised_unformatted() {
        let sides = ["", "a", "→", "a→", "→a", "ab", "Chương", "→→", "b"];
        for e_before in sides {
            for e_after in sides {
                let e = format!("{e_before}→{e_after}");
                for before in sides {
                    for after in sides {
                        assert_eq!(
                            is_example(&e, before, after),
                            e == format!("{before}→{after}"),
                            "{e:?} {before:?} {after:?}"
                        );
                    }
                }
            }
        }
    }

    /// Lines with every kind of whitespace, and legacy text around it.
    const WHITESPACE_SAMPLES: &[&str] = &[
        "",
        " ",
        "  a",
        "a  ",
        "\t",
        "Ch\u{AD}¬ng tr×nh  x· ",
        "a\tb",
        "a\rb",
        "l\u{a0}à",
        "a\u{85}b",
        "a\u{1680}b",
        "a\u{2003}b",
        "a\u{205f}b",
        "a\u{3000}b",
        "Ã  Â ¡ â€œ ã€",
        "\u{2010}\u{2060}\u{1e9a}\u{30a2}",
        "ChÆ°Æ¡ng trÃ¬nh ",
        " \u{a0}\u{2028}x\u{2029} \u{202f}",
    ];

    /// [`only_spaces`] is its definition, and the words paired by spaces
    /// are those of the offsets of the spaces (as [`log_words`] first
    /// paired them).
    #[test]
    fn only_spaces_is_its_definition() {
        let reference = |s: &str| s.chars().all(|c| c == ' ' || !c.is_whitespace());
        let by_offsets = |s: &str| -> Vec<String> {
            let mut ends: Vec<usize> = s.match_indices(' ').map(|(i, _)| i).collect();
            ends.push(s.len());
            let mut a = 0;
            ends.iter()
                .map(|&x| {
                    let w = s[a..x].to_string();
                    a = x + 1;
                    w
                })
                .collect()
        };
        for s in WHITESPACE_SAMPLES {
            assert_eq!(only_spaces(s), reference(s), "{s:?}");
            assert_eq!(split_spaces(s).collect::<Vec<_>>(), by_offsets(s), "{s:?}");
        }
        // Every character from U+0000 to U+3100 next to a space.
        for u in 0..0x3100u32 {
            if let Some(c) = char::from_u32(u) {
                let s = format!("x {c}y ");
                assert_eq!(only_spaces(&s), reference(&s), "U+{u:04X}");
            }
        }
    }

    /// The single-byte decoders bring no whitespace but spaces into a line
    /// that had none (which [`log_words`] relies on): every character
    /// Windows-1252 can give, in a word and alone, and the legacy fixtures.
    #[test]
    fn single_byte_decoders_bring_no_whitespace() {
        let mut lines: Vec<String> = Vec::new();
        for u in 0..0x3000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if legacy::cp1252_byte(c).is_some() {
                lines.push(format!("{c}"));
                lines.push(format!("a{c}b c{c}"));
                lines.push(format!("Ch{c}\u{ad}¬ng {c}{c} NH¢N"));
            }
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/legacy");
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
                lines.extend(text.lines().map(str::to_string));
            }
        }
        assert!(lines.len() > 2000);
        for code in Legacy::ALL.into_iter().filter(|&c| c != Legacy::Utf8) {
            for line in lines.iter().filter(|l| only_spaces(l)) {
                let d = legacy::decode(line, code);
                assert!(only_spaces(&d), "{code:?} {line:?} -> {d:?}");
            }
        }
    }

    /// [`chunks`] as it was defined, by `char::is_whitespace`.
    fn chunks_reference(s: &str) -> Vec<(&str, &str)> {
        let mut v = Vec::new();
        let lead = s.len() - s.trim_start().len();
        if lead > 0 {
            v.push(("", &s[..lead]));
        }
        let mut rest = &s[lead..];
        while !rest.is_empty() {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (word, tail) = rest.split_at(end);
            let ws = tail.len() - tail.trim_start().len();
            v.push((word, &tail[..ws]));
            rest = &tail[ws..];
        }
        v
    }

    /// [`chunks`] and [`whitespace_len`] are their definitions by
    /// `char::is_whitespace`.
    #[test]
    fn chunks_and_spaces_are_their_definitions() {
        for s in WHITESPACE_SAMPLES {
            assert_eq!(chunks(s), chunks_reference(s), "{s:?}");
        }
        // Every character, alone and next to other text.
        for u in 0..0x11_0000u32 {
            if let Some(c) = char::from_u32(u) {
                let mut buf = [0; 4];
                let b = c.encode_utf8(&mut buf).as_bytes();
                let want = if c.is_whitespace() { b.len() } else { 0 };
                assert_eq!(whitespace_len(b, 0), want, "U+{u:04X}");
                if u < 0x3100 {
                    let s = format!("x {c}y {c}");
                    assert_eq!(chunks(&s), chunks_reference(&s), "U+{u:04X}");
                }
            }
        }
    }

    fn norm(s: &str) -> String {
        normalize(s, &NormalizeOptions::default()).text
    }

    #[test]
    fn negative_examples_are_unchanged() {
        for s in [
            "users door tax boss A4 H5N1 m2 ®2024 Ơ ờ",
            "The committee approved the report on rural development in 2023.",
            "Mã sản phẩm: OCOP-2023-ST-015, A4, m2, ISO 9001:2015",
            "Kết quả thực hiện Chương trình OCOP 06 tháng đầu năm 2023",
            "Ủy ban nhân dân thành phố Sa Đéc",
            "Café au lait, naïve résumé, São Paulo",
        ] {
            assert_eq!(norm(s), s);
        }
    }

    #[test]
    fn line_structure_and_form_feeds_are_kept() {
        let s = "Ch\u{AD}¬ng tr×nh\n\nTrang 2\u{c}Chöông trình\n";
        assert_eq!(norm(s), "Chương trình\n\nTrang 2\u{c}Chương trình\n");
    }

    #[test]
    fn mixed_document_decided_per_line() {
        let s = "ỦY BAN NHÂN DÂN\n§éc lËp - Tù do - H¹nh phóc\nUÛy ban nhaân daân tænh Ñoàng Thaùp\nChÆ°Æ¡ng trÃ¬nh\nChýõng triÌnh\n";
        assert_eq!(
            norm(s),
            "ỦY BAN NHÂN DÂN\nĐộc lập - Tự do - Hạnh phúc\nỦy ban nhân dân tỉnh Đồng Tháp\nChương trình\nChương trình\n"
        );
        let n = normalize(s, &NormalizeOptions::default());
        let kinds: Vec<&str> = n.repairs.iter().map(|r| r.kind.as_str()).collect();
        for k in [
            "legacy_tcvn3",
            "legacy_vni",
            "utf8_as_cp1252",
            "cp1258_as_cp1252",
        ] {
            assert!(kinds.contains(&k), "{k} in {kinds:?}");
        }
        assert!(
            n.quality.before < 0.5 && n.quality.after == 1.0,
            "{:?}",
            n.quality
        );
    }

    #[test]
    fn unicode_form_and_pdf_font() {
        assert_eq!(norm("Vie\u{301}\u{302}t Nam"), "Viết Nam");
        assert_eq!(
            norm("Chƣơng trình PHƢƠNG HƢỚNG"),
            "Chương trình PHƯƠNG HƯỚNG"
        );
        assert_eq!(norm("\u{F0B7} Tổ chức hội nghị"), "- Tổ chức hội nghị");
        assert_eq!(norm("ÐỒNG THÁP, Ðồng Tháp"), "ĐỒNG THÁP, Đồng Tháp");
        assert_eq!(norm("ảnh h ưởng lớn"), "ảnh hưởng lớn");
        // Two valid syllables are never joined.
        assert_eq!(norm("hoa ơi"), "hoa ơi");
    }

    #[test]
    fn tone_placement() {
        assert_eq!(
            norm("điạ bàn, qúy I, lựơng, nghịêm"),
            "địa bàn, quý I, lượng, nghiệm"
        );
        assert_eq!(norm("hoà thuỷ Uỷ ban"), "hòa thủy Ủy ban");
        let modern = NormalizeOptions {
            tone_style: ToneStyle::Modern,
        };
        assert_eq!(
            normalize("hòa thủy Ủy ban", &modern).text,
            "hoà thuỷ Uỷ ban"
        );
    }

    #[test]
    fn fold_key_matches_across_tones_and_case() {
        assert_eq!(fold_key("Ủy ban  Nhân dân"), fold_key("uy ban nhan dan"));
        assert_eq!(fold_key("Đồng Tháp"), "dong thap");
        assert_eq!(fold_key("Hoà"), fold_key("hòa"));
        // Decomposed input, marks in any order, gives the composed form's key.
        assert_eq!(fold_key("Vie\u{301}\u{302}t Nam"), "viet nam");
        assert_eq!(fold_key("Ngu\u{31B}o\u{31B}\u{300}i"), "nguoi");
        assert_eq!(fold_key("\u{212A}m"), "km");
    }
}
