//! Legacy 8-bit Vietnamese text that reached us through Windows-1252.
//!
//! Pre-2003 archives (DOC, RTF, PDF with .VnTime or VNI fonts) arrive as the
//! Windows-1252 reading of TCVN3, VNI, VISCII, VPS or Windows-1258 bytes, or as
//! UTF-8 bytes read as Windows-1252. Each decoder here takes such a string back
//! to bytes (the inverse of Windows-1252, C1 controls standing for themselves)
//! and reads the bytes in the legacy code. Which decoder is right is not decided
//! here: the caller compares syllable validity (see `mod.rs`).

use std::sync::LazyLock;

use encoding_rs::WINDOWS_1258;

use super::tables::{
    FREQUENT_DROPPED, ONE_LETTER_WORDS, TCVN3, TCVN3_CAPITALS, VISCII, VISCII_C0, VNI_LETTERS,
    VNI_MARKS, VPS, VPS_C0,
};
use super::unicode::{compose, compose_owned};
use super::{chars, syllable};

/// A legacy code that text may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
    Utf8,
    Cp1258,
    Viscii,
    Vps,
}

impl Legacy {
    /// All codes, in the order that breaks ties.
    pub const ALL: [Legacy; 6] = [
        Legacy::Tcvn3,
        Legacy::Vni,
        Legacy::Utf8,
        Legacy::Cp1258,
        Legacy::Viscii,
        Legacy::Vps,
    ];

    /// The repair kind logged for this code.
    pub fn kind(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "legacy_tcvn3",
            Legacy::Vni => "legacy_vni",
            Legacy::Utf8 => "utf8_as_cp1252",
            Legacy::Cp1258 => "cp1258_as_cp1252",
            Legacy::Viscii => "legacy_viscii",
            Legacy::Vps => "legacy_vps",
        }
    }
}

/// Windows-1252 byte of a character: U+0000..U+00FF stand for their own byte
/// (as WHATWG and Latin-1 readers produce them), plus the 27 characters
/// Windows-1252 puts at 0x80..0x9F.
#[inline]
pub fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u <= 0xFF {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// The Windows-1252 character of a byte, the inverse of [`cp1252_byte`]
/// (bytes Windows-1252 leaves undefined stand for themselves, as C1
/// controls, so no byte of a legacy run is lost).
pub fn cp1252_char(b: u8) -> char {
    const C1: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) {
        C1[(b - 0x80) as usize]
    } else {
        char::from(b)
    }
}

/// Could this character be part of legacy text read as Windows-1252?
#[inline]
pub fn is_legacy_char(c: char) -> bool {
    let u = c as u32;
    (0x80..=0xFF).contains(&u) || (u > 0xFF && cp1252_byte(c).is_some())
}

/// Windows-1258 reading of bytes 0x80..=0xFF.
static CP1258: LazyLock<Vec<char>> = LazyLock::new(|| {
    (0x80u8..=0xFF)
        .map(|b| {
            let bytes = [b];
            let (s, _) = WINDOWS_1258.decode_without_bom_handling(&bytes);
            s.chars().next().unwrap_or('\u{FFFD}')
        })
        .collect()
});

/// Decode a line written in `code` and read as Windows-1252. Characters that
/// cannot come from Windows-1252 are kept. The result is NFC.
pub fn decode(line: &str, code: Legacy) -> String {
    match code {
        Legacy::Tcvn3 => decode_tcvn3(line),
        Legacy::Vni => compose_owned(decode_vni(line)),
        Legacy::Viscii => map_letters(line, &VISCII, &VISCII_C0),
        Legacy::Vps => map_letters(line, &VPS, &VPS_C0),
        Legacy::Cp1258 => compose_owned(map_bytes(line, |b| {
            if b >= 0x80 {
                CP1258.get((b - 0x80) as usize).copied()
            } else {
                None
            }
        })),
        Legacy::Utf8 => decode_utf8(line),
    }
}

/// Warning kind for a line that VPS and VISCII read equally well, differently.
pub const AMBIGUOUS_KIND: &str = "legacy_ambiguous";

/// VPS and VISCII put letters on the same bytes (both use C0 and 0x80..0xFF),
/// so a line can read as well-formed syllables in both (`k‰t` is `kết` in VPS
/// and `kẸt` in VISCII). Settle a tie among the best readings of a line (code,
/// decoded text), all with the same syllable score, when VPS is among them:
/// the reading with fewest words in impossible case (a capital after a
/// lower-case letter, as in `kẸt`) wins if it is the only one; readings that
/// still differ give `None` (undecidable: leave the line, warn). Ties without
/// VPS, or whose readings agree, give the first.
pub fn settle_vps_tie(best: &[(Legacy, &str)]) -> Option<usize> {
    let vps = best.iter().any(|(c, _)| *c == Legacy::Vps);
    let first = best.first()?.1;
    if !vps || best.iter().all(|(_, d)| *d == first) {
        return Some(0);
    }
    let odd: Vec<usize> = best.iter().map(|(_, d)| odd_case_words(d)).collect();
    let least = odd.iter().copied().min()?;
    let mut winners = best
        .iter()
        .zip(&odd)
        .enumerate()
        .filter(|(_, (_, &o))| o == least);
    let (i, ((_, text), _)) = winners.next()?;
    if winners.all(|(_, ((_, d), _))| d == text) {
        Some(i)
    } else {
        None
    }
}

/// Does the document's dominant code tie, in syllables gained, with another
/// code, VPS being one of the two? Then there is no dominant code to prefer.
pub fn vps_gain_tie(dominant: Legacy, gains: &[isize]) -> bool {
    let Some(d) = Legacy::ALL.iter().position(|&c| c == dominant) else {
        return false;
    };
    Legacy::ALL
        .iter()
        .zip(gains)
        .enumerate()
        .any(|(k, (&c, &g))| {
            k != d && g == gains[d] && (c == Legacy::Vps || dominant == Legacy::Vps)
        })
}

/// A VISCII or VPS reading with a capital inside a word: the other of the two
/// codes may be the right one (`k‰t` is `kết` in VPS, `kẸt` in VISCII).
pub fn confusable_reading(code: Legacy, decoded: &str) -> bool {
    if !matches!(code, Legacy::Vps | Legacy::Viscii) {
        return false;
    }
    let mut prev_lower = false;
    for c in decoded.chars() {
        if c.is_ascii() {
            if prev_lower && c.is_ascii_uppercase() {
                return true;
            }
            prev_lower = c.is_ascii_lowercase();
        } else if c.is_uppercase() {
            if prev_lower {
                return true;
            }
        } else {
            prev_lower = c.is_lowercase();
        }
    }
    false
}

/// Words with a capital after a lower-case letter (`kẸt`, `NghĨ`): a reading in
/// the wrong code, never Vietnamese as written.
pub fn odd_case_words(s: &str) -> usize {
    let mut n = 0;
    let mut prev_lower = false;
    let mut counted = false;
    for c in s.chars() {
        if !chars::is_letter(c) {
            prev_lower = false;
            counted = false;
        } else if c.is_uppercase() {
            if prev_lower && !counted {
                n += 1;
                counted = true;
            }
            prev_lower = false;
        } else {
            prev_lower = c.is_lowercase();
        }
    }
    n
}

/// VISCII and VPS: one byte per letter, 0x80..=0xFF in `high` (`'\0'`:
/// unused), capitals on control bytes in `c0`. Both put letters where
/// Windows-1252 has its typographic punctuation (`–` is Ố in VPS, Ớ in
/// VISCII), so such a character standing alone, with no letter on either
/// side (`a – b`, `€5`, `…`), is kept: a one-letter word there is much rarer
/// in these codes than a dash or a quote in text that only looks legacy;
/// except the few one-letter words of reports (`—` is `Ở` in VISCII).
///
/// Walked as bytes, as [`tcvn3_letters`] walks TCVN3: printable ASCII is
/// copied in runs, and only the typographic punctuation (characters above
/// U+00FF) needs its neighbours decoded.
fn map_letters(line: &str, high: &[char; 128], c0: &[(u8, char)]) -> String {
    let b = line.as_bytes();
    remap(
        line,
        |x| (0x20..0x80).contains(&x),
        |i, byte, w| match byte {
            Some(v) if v >= 0x80 => match high[(v - 0x80) as usize] {
                '\0' => None,
                // Above U+00FF (not led by C2 or C3): Windows punctuation.
                d if !matches!(b[i], 0xC2 | 0xC3)
                    && !ONE_LETTER_WORDS.contains(&d)
                    && standalone(line, i, w) =>
                {
                    None
                }
                d => Some(d),
            },
            Some(v) if v < 0x20 => c0.iter().find(|(k, _)| *k == v).map(|&(_, d)| d),
            _ => None,
        },
    )
}

/// `line` with characters replaced, walked as bytes, the kept ones copied in
/// runs: the single-byte decoders' common loop. `plain` is asked of every
/// ASCII byte whether it stands as it is; `map` gets every other
/// character's byte offset, Windows-1252 byte ([`cp1252_at`]) and length,
/// and gives its replacement (`None`: kept).
#[inline(always)]
fn remap(
    line: &str,
    mut plain: impl FnMut(u8) -> bool,
    mut map: impl FnMut(usize, Option<u8>, usize) -> Option<char>,
) -> String {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len() + line.len() / 2);
    let (mut kept, mut i) = (0, 0);
    while i < b.len() {
        if b[i] < 0x80 && plain(b[i]) {
            i += 1;
            continue;
        }
        let (byte, w) = cp1252_at(line, i);
        if let Some(d) = map(i, byte, w) {
            out.push_str(&line[kept..i]);
            out.push(d);
            kept = i + w;
        }
        i += w;
    }
    out.push_str(&line[kept..]);
    out
}

/// Is the character at bytes `i..i + w` of `line` not a letter, with no
/// letter on either side?
fn standalone(line: &str, i: usize, w: usize) -> bool {
    let letter = |c: Option<char>| c.is_some_and(chars::is_letter);
    !letter(line[i..].chars().next())
        && !letter(line[..i].chars().next_back())
        && !letter(line[i + w..].chars().next())
}

/// Each character of `line` whose Windows-1252 byte is 0x80 or more, mapped
/// by `f` (`None` or `'\0'`: kept). Walked as bytes: every code leaves ASCII
/// as it is, so ASCII and the other kept characters are copied in runs.
fn map_bytes(line: &str, f: impl Fn(u8) -> Option<char>) -> String {
    remap(
        line,
        |_| true,
        |_, byte, _| byte.and_then(&f).filter(|&d| d != '\0'),
    )
}

/// TCVN3: one byte per letter, upper-case toned letters missing (`.VnTimeH`
/// fonts draw the lower-case codes as capitals), `ư` at 0xAD which PDF readers
/// turn into `-`.
///
/// Every line of a TCVN3 document is read here (often twice), so the steps
/// that need not see every character do not: the table lookup also tells
/// whether a VN1 capital may be present and whether the line is upper case,
/// and outside upper-case lines only the words that [`tcvn3_word`] can
/// change are looked at.
fn decode_tcvn3(line: &str) -> String {
    let (raw, capital, upper_line) = tcvn3_letters(line);
    let raw = if capital { vn1_capitals(raw) } else { raw };
    let raw = compose_owned(raw);
    if !upper_line {
        return tcvn3_words(raw);
    }
    let mut out = String::with_capacity(raw.len());
    for (word, ws) in super::chunks::Chunks::new(&raw) {
        out.push_str(&tcvn3_word(word, true));
        out.push_str(ws);
    }
    out
}

/// The Windows-1252 byte of the character at byte `i` of `s` (a character
/// boundary), and the character's length. U+0080..U+00FF, two bytes led by
/// C2 or C3, are their own byte and need no `char`.
#[inline]
fn cp1252_at(s: &str, i: usize) -> (Option<u8>, usize) {
    let b = s.as_bytes();
    match (b[i], b.get(i + 1)) {
        (x, _) if x < 0x80 => (Some(x), 1),
        (x @ (0xC2 | 0xC3), Some(&n)) => (Some(((x & 0x03) << 6) | (n & 0x3F)), 2),
        _ => match s.get(i..).and_then(|t| t.chars().next()) {
            Some(c) => (cp1252_byte(c), c.len_utf8()),
            None => (None, 1),
        },
    }
}

/// The Windows-1252 bytes on which [`TCVN3_CAPITALS`] sit.
static CAPITAL_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < TCVN3_CAPITALS.len() {
        t[TCVN3_CAPITALS[k].0 as usize] = true;
        k += 1;
    }
    t
};

/// The first step of [`decode_tcvn3`]: each character whose Windows-1252
/// byte is 0xA0 or more read by [`TCVN3`], the rest kept (runs of kept
/// bytes are copied whole). Learned in the same pass: does the line hold a
/// character on a VN1 capital's byte (the table's letters never are, so
/// [`vn1_capitals`] has work only then), and is it an upper-case line
/// ([`mostly_upper`])?
fn tcvn3_letters(line: &str) -> (String, bool, bool) {
    // Set by both closures below.
    let capital = std::cell::Cell::new(false);
    let (mut up, mut low) = (0usize, 0usize);
    let out = remap(
        line,
        |x| {
            up += x.is_ascii_uppercase() as usize;
            low += x.is_ascii_lowercase() as usize;
            capital.set(capital.get() | CAPITAL_BYTES[x as usize]);
            true
        },
        |_, byte, _| match byte {
            Some(v) if v >= 0xA0 => Some(TCVN3[(v - 0xA0) as usize]).filter(|&d| d != '\0'),
            Some(v) => {
                capital.set(capital.get() | CAPITAL_BYTES[v as usize]);
                None
            }
            None => None,
        },
    );
    (out, capital.get(), up >= 3 && low * 10 <= up)
}

/// [`tcvn3_word`] of every word of a line that is not upper case. Only a
/// word with a `-`, or with an ASCII capital after its first character, can
/// change: those are found by a byte scan, and the rest of the line is kept
/// as it stands (not copied when nothing changes, as in most lines).
fn tcvn3_words(raw: String) -> String {
    let b = raw.as_bytes();
    let mut out: Option<String> = None;
    let (mut last, mut i) = (0, 0);
    while let Some(k) = b[i..]
        .iter()
        .position(|&x| x == b'-' || x.is_ascii_uppercase())
    {
        let p = i + k;
        // The word around byte `p` (both ends are ASCII or follow
        // whitespace, so they are character boundaries).
        let start = raw[..p]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(j, c)| j + c.len_utf8());
        if b[p] != b'-' && start == p {
            // A capital that starts its word: title case, nothing to do.
            i = p + 1;
            continue;
        }
        let end = raw[p..]
            .find(char::is_whitespace)
            .map_or(raw.len(), |j| p + j);
        if let std::borrow::Cow::Owned(w) = tcvn3_word(&raw[start..end], false) {
            let o = out.get_or_insert_with(|| String::with_capacity(raw.len() + 8));
            o.push_str(&raw[last..start]);
            o.push_str(&w);
            last = end;
        }
        i = end;
    }
    match out {
        Some(mut o) => {
            o.push_str(&raw[last..]);
            o
        }
        None => raw,
    }
}

/// Can `s` hold a character whose Windows-1252 byte is below 0x20 or in
/// 0x80..0x9F, where [`TCVN3_CAPITALS`] sit? Told by bytes, most lines
/// having none: ASCII controls, C1 controls (`C2 80`..`C2 9F`), and the
/// Windows-1252 punctuation and letters of 0x80..0x9F (`Œ œ Š š Ÿ Ž ž` on
/// C5, `ƒ` on C6, `ˆ ˜` on CB, the rest on `E2 80`, `E2 82`, `E2 84`).
fn may_hold_capital(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &x)| {
        let next = || b.get(i + 1).copied().unwrap_or(0);
        match x {
            0x00..=0x1F => true,
            0xC2 => (0x80..=0x9F).contains(&next()),
            0xC5 => matches!(next(), 0x92 | 0x93 | 0xA0 | 0xA1 | 0xB8 | 0xBD | 0xBE),
            0xC6 => next() == 0x92,
            0xCB => matches!(next(), 0x86 | 0x9C),
            0xE2 => matches!(next(), 0x80 | 0x82 | 0x84),
            _ => false,
        }
    })
}

/// The VN1 capitals of TCVN5712-1 (`Ủ` on 0x9E, `Ú` on 0x01; see
/// [`TCVN3_CAPITALS`]), in the tokens they turn into syllables (`žY` →
/// `ỦY`). Windows punctuation shares those bytes in VN3 text (`“` `–` `…`),
/// so a token is changed only when it then parses and keeps a letter of its
/// own: a standalone dash stays a dash, a quote before a word stays a quote.
fn vn1_capitals(raw: String) -> String {
    let capital = |c: char| {
        let b = cp1252_byte(c)?;
        (b < 0x20 || (0x80..0xA0).contains(&b))
            .then(|| {
                TCVN3_CAPITALS
                    .iter()
                    .find(|(k, _)| *k == b)
                    .map(|&(_, l)| l)
            })
            .flatten()
    };
    if !may_hold_capital(&raw) || !raw.chars().any(|c| capital(c).is_some()) {
        return raw;
    }
    let mut out = String::with_capacity(raw.len() + 8);
    let mut last = 0;
    for (a, b) in syllable::tokens(&raw) {
        let tok = &raw[a..b];
        if !tok.chars().any(|c| capital(c).is_some()) {
            continue;
        }
        let own_letter = tok
            .chars()
            .any(|c| capital(c).is_none() && chars::is_letter(c));
        let alt: String = tok.chars().map(|c| capital(c).unwrap_or(c)).collect();
        // A word of one capital (`Ý kiến`, `Ở xã`): from a control byte,
        // which is never punctuation, or a letter that is a word alone.
        let lone = tok.chars().count() == 1
            && tok
                .chars()
                .all(|c| c < ' ' || capital(c).is_some_and(|l| ONE_LETTER_WORDS.contains(&l)));
        if (own_letter || lone) && syllable::parse(&compose(&alt)).is_some() {
            out.push_str(&raw[last..a]);
            out.push_str(&alt);
            last = b;
        }
    }
    out.push_str(&raw[last..]);
    out
}

/// Lines whose ASCII letters are upper case (headings in .VnTimeH). Its
/// definition: [`tcvn3_letters`] counts the letters in its own pass.
#[cfg(test)]
fn mostly_upper(line: &str) -> bool {
    // Only ASCII letters count, so the bytes tell (no character decoding).
    // Two counting passes, which the compiler vectorizes (one pass with two
    // counters it did not).
    let b = line.as_bytes();
    let up = b.iter().filter(|c| c.is_ascii_uppercase()).count();
    let low = b.iter().filter(|c| c.is_ascii_lowercase()).count();
    up >= 3 && low * 10 <= up
}

fn tcvn3_word(word: &str, upper_line: bool) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    // Most words: no `-`, and either no ASCII capital (a lower-case or
    // title-case word) or nothing lower-case to raise.
    let b = word.as_bytes();
    let has_dash = b.contains(&b'-');
    let capitals_after_first = b.iter().skip(1).any(u8::is_ascii_uppercase);
    if !has_dash && !capitals_after_first && !upper_line {
        return Cow::Borrowed(word);
    }
    // `-` between letters may be ư (0xAD through a WinAnsi table).
    // Borrowed until changed: most words reaching here are kept as they are.
    let mut w = Cow::Borrowed(word);
    if has_dash {
        let chars: Vec<char> = w.chars().collect();
        let alt: String = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let inner = i > 0
                    && i + 1 < chars.len()
                    && chars::is_letter(chars[i - 1])
                    && chars::is_letter(chars[i + 1]);
                if c == '-' && inner {
                    'ư'
                } else {
                    c
                }
            })
            .collect();
        let (g0, b0) = syllable::counts_strict(&w);
        let (g1, b1) = syllable::counts_strict(&alt);
        if g1 as isize - b1 as isize > g0 as isize - b0 as isize {
            w = Cow::Owned(alt);
        }
    }
    // Restore upper case inside upper-case words and lines.
    let ascii_low = w.chars().filter(|c| c.is_ascii_lowercase()).count();
    let has_lower_nonascii = w.chars().any(|c| !c.is_ascii() && c.is_lowercase());
    let upper = if !w.chars().any(|c| c.is_ascii_alphabetic()) {
        upper_line
    } else {
        // Title case (`Tù` = Tự) is not an upper-case word; `ñY` (ỦY) is.
        let upper_after_first = w.chars().skip(1).any(|c| c.is_ascii_uppercase());
        ascii_low == 0 && (upper_after_first || upper_line)
    };
    if upper && has_lower_nonascii {
        Cow::Owned(w.to_uppercase())
    } else {
        w
    }
}

/// VNI-Windows: base letter followed by a mark byte.
fn decode_vni(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut prev_letter = false;
    for c in line.chars() {
        let Some(b) = cp1252_byte(c).filter(|&b| b >= 0xC0) else {
            out.push(c);
            prev_letter = chars::is_letter(c);
            continue;
        };
        if let Some(&(_, l)) = VNI_LETTERS.iter().find(|(k, _)| *k == b) {
            out.push(l);
            prev_letter = true;
            continue;
        }
        let lower = if b < 0xE0 { b + 0x20 } else { b };
        match VNI_MARKS.iter().find(|(k, _)| *k == lower) {
            Some(&(_, marks)) if prev_letter => out.push_str(marks),
            _ => {
                out.push(c);
                prev_letter = chars::is_letter(c);
            }
        }
    }
    out
}

/// Bytes that Windows-1252 leaves undefined; readers that drop them lose the
/// second byte of `Đ` (C4 90) or the third of `ờ` (E1 BB 9D).
const DROPPABLE: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// UTF-8 read as Windows-1252 (`ChÆ°Æ¡ng` → `Chương`), including NBSP turned
/// into a space and undefined bytes dropped or replaced by U+FFFD (Python's
/// `errors="replace"`, and most decoders' default). Where a byte is missing, every
/// completion that gives a Vietnamese letter is a candidate, and the one that
/// makes its word a well-formed syllable wins (see [`resolve_choices`]).
fn decode_utf8(line: &str) -> String {
    // Placeholders (private use) for ambiguous spots, resolved per word afterwards.
    let mut out = String::with_capacity(line.len());
    let mut choices: Vec<Vec<String>> = Vec::new();
    // Positions are byte offsets into `line`, and characters are decoded
    // where they are needed (no `Vec<char>` of every line).
    let at = |k: usize| line.get(k..).and_then(|r| r.chars().next());
    let mut i = 0;
    while let Some(c) = at(i) {
        let Some(lead) = cp1252_byte(c).filter(|b| (0xC2..=0xF4).contains(b)) else {
            out.push(c);
            i += c.len_utf8();
            continue;
        };
        let need = if lead >= 0xF0 {
            3
        } else if lead >= 0xE0 {
            2
        } else {
            1
        };
        // The lead byte and the continuation bytes that follow (no heap:
        // this runs on every non-ASCII character of a trial reading).
        let mut buf = [lead, 0, 0, 0];
        let mut len = 1;
        let mut j = i + c.len_utf8();
        while len <= need {
            match at(j).and_then(|d| cp1252_byte(d).map(|b| (b, d.len_utf8()))) {
                Some((b, w)) if (0x80..=0xBF).contains(&b) => {
                    buf[len] = b;
                    len += 1;
                    j += w;
                }
                _ => break,
            }
        }
        let bytes = &buf[..len];
        if bytes.len() == need + 1 {
            match std::str::from_utf8(bytes)
                .ok()
                .and_then(|s| s.chars().next())
            {
                Some(d) => {
                    out.push(d);
                    i = j;
                }
                None => {
                    out.push(c);
                    i += c.len_utf8();
                }
            }
            continue;
        }
        if bytes.len() != need {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        // One byte short: NBSP that became a space, or an undefined byte dropped.
        let complete = |last: u8| -> Option<char> {
            let mut b = buf;
            b[len] = last;
            std::str::from_utf8(&b[..=len])
                .ok()
                .and_then(|s| s.chars().next())
                .filter(|&d| super::chars::vowel(d).is_some() || d == 'Đ' || d == 'đ')
        };
        let mut cands: Vec<(String, usize)> = Vec::new();
        // A decoder that replaced the undefined byte left U+FFFD in its
        // place: the byte is one of the undefined ones, and the mark goes.
        let next = at(j);
        let replaced = next == Some('\u{FFFD}');
        if next == Some(' ') {
            if let Some(d) = complete(0xA0) {
                cands.push((d.to_string(), j + ' '.len_utf8()));
            }
        }
        for &f in &DROPPABLE {
            if let Some(d) = complete(f) {
                let end = if replaced {
                    j + '\u{FFFD}'.len_utf8()
                } else {
                    j
                };
                cands.push((d.to_string(), end));
            }
        }
        match cands.len() {
            0 => {
                out.push(c);
                i += c.len_utf8();
            }
            1 => {
                out.push_str(&cands[0].0);
                i = cands[0].1;
            }
            _ => {
                // Candidates that leave the space in place carry it with them.
                let max_end = cands.iter().map(|c| c.1).max().unwrap_or(j);
                let strings = cands
                    .into_iter()
                    .map(|(d, end)| {
                        let mut s = d;
                        s.push_str(line.get(end..max_end).unwrap_or_default());
                        s
                    })
                    .collect();
                out.push(char::from_u32(0xE000 + choices.len() as u32).unwrap_or('?'));
                choices.push(strings);
                i = max_end;
            }
        }
    }
    let out = if choices.is_empty() {
        out
    } else {
        resolve_choices(&out, &choices)
    };
    compose_owned(out)
}

/// Replace each placeholder with the candidate that makes its word well-formed,
/// preferring lower case in lower-case words, then the more frequent letter.
///
/// Only words holding a placeholder change; the rest of the line, words and
/// whitespace between them, is copied as it stands.
fn resolve_choices(s: &str, choices: &[Vec<String>]) -> String {
    let placeholders = 0xE000..0xE000 + choices.len() as u32;
    let mut result = String::with_capacity(s.len());
    let mut last = 0;
    for (start, end) in word_spans(s) {
        let word = &s[start..end];
        if !word.chars().any(|c| placeholders.contains(&(c as u32))) {
            continue;
        }
        result.push_str(&s[last..start]);
        result.push_str(&resolve_word(word, choices));
        last = end;
    }
    result.push_str(&s[last..]);
    result
}

/// [`resolve_choices`] of one word.
///
/// The placeholders are taken in order, each when the word holds it: the
/// next one is found in the word itself, not by asking the word for every
/// placeholder of the line (a long line of UTF-8 with dropped bytes has
/// dozens).
fn resolve_word(word: &str, choices: &[Vec<String>]) -> String {
    let mut w: String = word.to_string();
    let mut from = 0;
    while let Some(k) = next_placeholder(&w, from, choices.len()) {
        from = k + 1;
        let cands = &choices[k];
        let ph = char::from_u32(0xE000 + k as u32).unwrap_or('?');
        // Upper case only inside upper-case words (`BÁO`), not after a
        // title-case initial (`Hà`).
        let upper_word = w
            .chars()
            .skip(1)
            .filter(|c| chars::is_letter(*c) && *c != ph)
            .all(|c| c.is_uppercase())
            && w.chars().skip(1).any(|c| chars::is_letter(c) && c != ph);
        let mut best: Option<(i32, &str)> = None;
        for cand in cands {
            let trial = w.replace(ph, cand);
            let (g, b) = syllable::counts_strict(&trial);
            let mut score = (g as i32 - b as i32) * 16;
            let first = cand.chars().next().unwrap_or(' ');
            if first.is_uppercase() == upper_word {
                score += 8;
            }
            // A word known to be frequent.
            score += 4 * syllable::tokens(&trial)
                .filter(|&(a, b)| {
                    let t = trial[a..b].to_lowercase();
                    FREQUENT_SET.contains(&t.trim_end_matches(|c: char| c.is_ascii_digit()))
                })
                .count() as i32;
            // Keeping a space beats reading it as an NBSP.
            if cand.ends_with(' ') {
                score += 2;
            }
            score += prior(first);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, cand));
            }
        }
        if let Some((_, c)) = best {
            w = w.replace(ph, c);
        }
    }
    w
}

/// The smallest placeholder index of at least `from` (and below `n`) that
/// `w` holds.
fn next_placeholder(w: &str, from: usize, n: usize) -> Option<usize> {
    w.chars()
        .filter_map(|c| (c as u32).checked_sub(0xE000).map(|k| k as usize))
        .filter(|&k| k >= from && k < n)
        .min()
}

/// [`FREQUENT_DROPPED`], for lookups: every candidate reading of a word
/// with a dropped byte asks it of each of its tokens.
static FREQUENT_SET: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| FREQUENT_DROPPED.iter().copied().collect());

/// Frequency prior among the letters whose third UTF-8 byte Windows-1252 drops.
fn prior(c: char) -> i32 {
    match c {
        'ờ' | 'ề' => 1,
        _ => 0,
    }
}

fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                v.push((st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        v.push((st, s.len()));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`resolve_choices`] as it was first written: every word rebuilt.
    fn resolve_choices_reference(s: &str, choices: &[Vec<String>]) -> String {
        let next_start = |end: usize| {
            s[end..]
                .char_indices()
                .find(|(_, c)| !c.is_whitespace())
                .map_or(s.len(), |(i, _)| end + i)
        };
        let mut result = String::new();
        let lead = s.len() - s.trim_start().len();
        result.push_str(&s[..lead]);
        for (start, end) in word_spans(s) {
            result.push_str(&resolve_word(&s[start..end], choices));
            result.push_str(&s[end..next_start(end)]);
        }
        result
    }

    /// [`decode_tcvn3`] as it was first written: every character mapped,
    /// then the VN1 capitals, NFC, and every word of the line looked at.
    fn decode_tcvn3_reference(line: &str) -> String {
        let raw = map_bytes(line, |b| {
            if b >= 0xA0 {
                Some(TCVN3[(b - 0xA0) as usize])
            } else {
                None
            }
        });
        let raw = compose_owned(vn1_capitals(raw));
        let upper_line = mostly_upper(line);
        let mut out = String::new();
        let mut rest = raw.as_str();
        while !rest.is_empty() {
            let split = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (word, tail) = rest.split_at(split);
            out.push_str(&tcvn3_word(word, upper_line));
            let ws = tail.len() - tail.trim_start().len();
            out.push_str(&tail[..ws]);
            rest = &tail[ws..];
        }
        out
    }

    /// Strings of the characters the TCVN3 decoder treats apart: ASCII
    /// letters of both cases, `-`, whitespace of every kind, controls on
    /// VN1 capital bytes, Windows punctuation, Latin-1, combining marks,
    /// Vietnamese letters, digits.
    fn generated_lines(n: usize) -> Vec<String> {
        let alphabet: Vec<char> = "aAbBcChHnNgGoOuUyY- -  \t\u{a0}\u{2003}\u{1}\u{16}\u{b}\u{2}\u{1f}–—…“”‘’€ƒŒœŸ™\u{81}\u{9e}\u{ad}¬×§µ¸¹¶ªÐÕ®øíäöÿ\u{301}\u{323}ươƯĐđếỦ0129.,()/"
            .chars()
            .collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        (0..n)
            .map(|_| {
                let len = next() % 24;
                (0..len)
                    .map(|_| alphabet[next() % alphabet.len()])
                    .collect()
            })
            .collect()
    }

    /// The legacy fixtures' lines, read as Windows-1252 and as UTF-8.
    fn fixture_lines() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/legacy");
        let mut lines = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let Ok(bytes) = std::fs::read(entry.path()) else {
                continue;
            };
            let (cp, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            let utf8 = String::from_utf8_lossy(&bytes);
            for text in [cp.as_ref(), utf8.as_ref()] {
                lines.extend(text.lines().map(str::to_string));
            }
        }
        assert!(lines.len() > 1000, "{} fixture lines", lines.len());
        lines
    }

    /// The one-pass TCVN3 decoder is its definition, on real legacy text
    /// and on generated strings; no letter of the table is on a VN1
    /// capital's byte (which [`tcvn3_letters`] relies on).
    #[test]
    fn tcvn3_decoder_is_its_definition() {
        for &c in &TCVN3 {
            let b = cp1252_byte(c);
            assert!(
                b.is_none_or(|b| !CAPITAL_BYTES[b as usize]),
                "{c:?} on a capital byte"
            );
        }
        let mut lines = fixture_lines();
        lines.extend(generated_lines(200_000));
        for line in &lines {
            assert_eq!(decode_tcvn3(line), decode_tcvn3_reference(line), "{line:?}");
            assert_eq!(tcvn3_letters(line).2, mostly_upper(line), "{line:?}");
        }
    }

    /// [`map_letters`] as it was first written, character by character.
    fn map_letters_reference(line: &str, high: &[char; 128], c0: &[(u8, char)]) -> String {
        let mut out = String::new();
        let mut prev: Option<char> = None;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            let d = match cp1252_byte(c) {
                Some(b) if b >= 0x80 => {
                    let standalone = (c as u32) > 0xFF
                        && !chars::is_letter(c)
                        && !prev.is_some_and(chars::is_letter)
                        && !chars.peek().is_some_and(|n| chars::is_letter(*n));
                    match high[(b - 0x80) as usize] {
                        '\0' => c,
                        d if standalone && !ONE_LETTER_WORDS.contains(&d) => c,
                        d => d,
                    }
                }
                Some(b) if b < 0x20 => c0.iter().find(|(k, _)| *k == b).map_or(c, |&(_, d)| d),
                _ => c,
            };
            out.push(d);
            prev = Some(c);
        }
        out
    }

    /// [`map_bytes`] as it was first written, character by character.
    fn map_bytes_reference(line: &str, f: impl Fn(u8) -> Option<char>) -> String {
        line.chars()
            .map(
                |c| match cp1252_byte(c).filter(|&b| b >= 0x80).and_then(&f) {
                    Some(d) if d != '\0' => d,
                    _ => c,
                },
            )
            .collect()
    }

    /// The byte walk of Windows-1258 (and of the TCVN3 reference) is its
    /// definition.
    #[test]
    fn byte_maps_are_their_definition() {
        let cp1258 = |b: u8| CP1258.get((b - 0x80) as usize).copied();
        let tcvn3 = |b: u8| (b >= 0xA0).then(|| TCVN3[(b - 0xA0) as usize]);
        let mut lines = fixture_lines();
        lines.extend(generated_lines(100_000));
        for line in &lines {
            assert_eq!(map_bytes(line, cp1258), map_bytes_reference(line, cp1258));
            assert_eq!(map_bytes(line, tcvn3), map_bytes_reference(line, tcvn3));
        }
    }

    /// The byte walk of VISCII and VPS is its definition.
    #[test]
    fn letter_maps_are_their_definition() {
        let mut lines = fixture_lines();
        lines.extend(generated_lines(100_000));
        for line in &lines {
            for (high, c0) in [(&VISCII, &VISCII_C0[..]), (&VPS, &VPS_C0[..])] {
                assert_eq!(
                    map_letters(line, high, c0),
                    map_letters_reference(line, high, c0),
                    "{line:?}"
                );
            }
        }
    }

    /// [`resolve_word`] as it was first written: every placeholder of the
    /// line asked of the word, in order.
    fn resolve_word_reference(word: &str, choices: &[Vec<String>]) -> String {
        let mut w = word.to_string();
        for (k, cands) in choices.iter().enumerate() {
            let ph = char::from_u32(0xE000 + k as u32).unwrap_or('?');
            if !w.contains(ph) {
                continue;
            }
            let mut best: Option<(i32, &str)> = None;
            let upper_word = w
                .chars()
                .skip(1)
                .filter(|c| chars::is_letter(*c) && *c != ph)
                .all(|c| c.is_uppercase())
                && w.chars().skip(1).any(|c| chars::is_letter(c) && c != ph);
            for cand in cands {
                let trial = w.replace(ph, cand);
                let (g, b) = syllable::counts_strict(&trial);
                let mut score = (g as i32 - b as i32) * 16;
                let first = cand.chars().next().unwrap_or(' ');
                if first.is_uppercase() == upper_word {
                    score += 8;
                }
                score += 4 * syllable::tokens(&trial)
                    .filter(|&(a, b)| {
                        let t = trial[a..b].to_lowercase();
                        FREQUENT_DROPPED.contains(&t.trim_end_matches(|c: char| c.is_ascii_digit()))
                    })
                    .count() as i32;
                if cand.ends_with(' ') {
                    score += 2;
                }
                score += prior(first);
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, cand));
                }
            }
            if let Some((_, c)) = best {
                w = w.replace(ph, c);
            }
        }
        w
    }

    /// Placeholders taken as the word holds them resolve as before, with
    /// candidates that bring placeholders of their own, and with words
    /// that hold the same placeholder twice or none.
    #[test]
    fn resolve_word_is_its_definition() {
        let choices: Vec<Vec<String>> = vec![
            vec!["ờ".into(), "ề".into(), "Ờ".into()],
            vec!["đ ".into(), "Đ".into()],
            vec!["ờ".into(), "ị".into(), "\u{E003}".into()],
            vec!["ọ".into(), "\u{E001}a".into()],
            vec!["ề".into(), "\u{E000}".into()],
        ];
        let parts = [
            "ng", "\u{E000}", "\u{E001}", "\u{E002}", "\u{E003}", "\u{E004}", "\u{E009}", "i",
            "NG", "h", "c", "3",
        ];
        let mut seed: u64 = 7;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let n = (seed >> 60) as usize;
            let word: String = (0..n)
                .map(|i| parts[((seed >> (i * 4)) % parts.len() as u64) as usize])
                .collect();
            assert_eq!(
                resolve_word(&word, &choices),
                resolve_word_reference(&word, &choices),
                "{word:?}"
            );
        }
        for t in FREQUENT_DROPPED {
            assert!(FREQUENT_SET.contains(t));
        }
    }

    /// Copying the words without a placeholder changes nothing.
    #[test]
    fn resolve_choices_copies_other_words() {
        let choices: Vec<Vec<String>> = vec![
            vec!["ờ".into(), "ề".into(), "Ờ".into()],
            vec!["đ ".into(), "Đ".into()],
            vec!["ờ".into(), "ị".into()],
        ];
        for s in [
            "",
            "  ",
            "ng\u{E000}i  tr\u{E002}n \u{E001}ang\u{a0}x ",
            " \u{E001} ng\u{E000}\u{E002}i, ab\u{E003} c\tcd\u{E000}",
            "BÁO C\u{E000}O\u{2003}Hà N\u{E002}i",
            "none here\u{E005} at all ",
        ] {
            assert_eq!(
                resolve_choices(s, &choices),
                resolve_choices_reference(s, &choices),
                "{s:?}"
            );
        }
    }

    /// The byte prefilter of [`vn1_capitals`] lets through every character
    /// whose Windows-1252 byte is a VN1 capital's: Windows punctuation,
    /// C1 and ASCII controls, alone or inside a word.
    #[test]
    fn capital_prefilter_misses_no_capital_byte() {
        let mut chars: Vec<char> = (0u32..0xA0).filter_map(char::from_u32).collect();
        chars.extend("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".chars());
        for c in chars {
            let Some(b) = cp1252_byte(c) else { continue };
            if b < 0x20 || (0x80..0xA0).contains(&b) {
                assert!(may_hold_capital(&c.to_string()), "{c:?} ({b:#x})");
                assert!(may_hold_capital(&format!("lu{c}t")), "{c:?} in a word");
            }
        }
        assert!(!may_hold_capital("cũng những người Ơ ư ă đ ĩ"));
    }

    #[test]
    fn cp1252_table_agrees_with_encoding_rs() {
        for b in 0x80u8..=0xFF {
            let bytes = [b];
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            let c = s.chars().next().unwrap();
            assert_eq!(cp1252_byte(c), Some(b), "{b:02X} {c}");
        }
        for b in 0u8..=0xFF {
            assert_eq!(cp1252_byte(cp1252_char(b)), Some(b), "{b:02X}");
        }
    }

    #[test]
    fn tcvn3_examples_from_the_issue() {
        assert_eq!(decode("Ch\u{AD}¬ng tr×nh", Legacy::Tcvn3), "Chương trình");
        assert_eq!(decode("Ch-¬ng tr×nh", Legacy::Tcvn3), "Chương trình");
        assert_eq!(
            decode("§éc lËp - Tù do - H¹nh phóc", Legacy::Tcvn3),
            "Độc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(
            decode("Thµnh phè Sa §Ðc", Legacy::Tcvn3),
            "Thành phố Sa Đéc"
        );
        assert_eq!(decode("ñY BAN NH¢N D¢N", Legacy::Tcvn3), "ỦY BAN NHÂN DÂN");
    }

    #[test]
    fn vni_examples_from_the_issue() {
        assert_eq!(decode("Chöông trình", Legacy::Vni), "Chương trình");
        assert_eq!(
            decode("UÛy ban nhaân daân tænh Ñoàng Thaùp", Legacy::Vni),
            "Ủy ban nhân dân tỉnh Đồng Tháp"
        );
    }

    #[test]
    fn viscii_cp1258_utf8() {
        assert_eq!(decode("Chß½ng trình", Legacy::Viscii), "Chương trình");
        assert_eq!(decode("Chýõng triÌnh", Legacy::Cp1258), "Chương trình");
        assert_eq!(decode("ChÆ°Æ¡ng trÃ¬nh", Legacy::Utf8), "Chương trình");
    }

    /// VPS strings made by an encoder written from GNU recode's VPS table (and
    /// Unikey's Ỗ), read as Windows-1252; C0 bytes stay control characters.
    const VPS_EXAMPLES: [(&str, &str); 7] = [
        ("ChÜÖng trình", "Chương trình"),
        ("Ñy ban nhân dân", "Ủy ban nhân dân"),
        ("ñ¶c lÆp - T¿ do - Hånh phúc", "Độc lập - Tự do - Hạnh phúc"),
        (
            "C\u{12}NG H¼A X‚ H\u{12}I CHÑ NGH¸A VI\u{6}T NAM",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ),
        ("Thành phÓ Sa ñéc", "Thành phố Sa Đéc"),
        (
            "H™ TR\u{13} PHÁT TRI”N S\u{81}N PH…M",
            "HỖ TRỢ PHÁT TRIỂN SẢN PHẨM",
        ),
        (
            "K‰t quä th¿c hiŒn ChÜÖng trình m‡i xã m¶t sän phÄm",
            "Kết quả thực hiện Chương trình mỗi xã một sản phẩm",
        ),
    ];

    #[test]
    fn vps_examples() {
        for (damaged, clean) in VPS_EXAMPLES {
            assert_eq!(decode(damaged, Legacy::Vps), clean, "{damaged:?}");
        }
    }

    #[test]
    fn vps_table_is_one_to_one() {
        let mut seen = std::collections::HashSet::new();
        let letters = VPS
            .iter()
            .copied()
            .filter(|&c| c != '\0')
            .chain(VPS_C0.iter().map(|&(_, c)| c));
        for c in letters {
            assert!(seen.insert(c), "{c} twice");
        }
        // Every non-ASCII Vietnamese letter: 12 vowels x 6 tones x 2 cases,
        // less the 12 ASCII ones (a e i o u y), plus đ and Đ.
        let vietnamese = seen
            .iter()
            .filter(|&&c| super::super::chars::vowel(c).is_some() || c == 'đ' || c == 'Đ')
            .count();
        assert_eq!(vietnamese, 12 * 6 * 2 - 12 + 2);
    }

    #[test]
    fn standalone_punctuation_is_kept() {
        for code in [Legacy::Vps, Legacy::Viscii] {
            assert_eq!(decode("a – b … €5 ™ “ ”", code), "a – b … €5 ™ “ ”");
        }
        // Next to a letter it is a letter: `–` is Ố in VPS.
        assert_eq!(decode("S– 12", Legacy::Vps), "SỐ 12");
        // Ÿ is a letter in Windows-1252 too: `Ở` alone stays readable.
        assert_eq!(decode("Ÿ xã", Legacy::Vps), "Ở xã");
        // `—` alone is `Ở` in VISCII, `Ồ` in VPS: one-letter words.
        assert_eq!(decode("— xã", Legacy::Viscii), "Ở xã");
        assert_eq!(decode("— xã", Legacy::Vps), "Ồ xã");
    }

    #[test]
    fn vps_and_viscii_differ_on_the_same_line() {
        // VISCII `Chß½ng` is not VPS, VPS `ChÜÖng` is not VISCII.
        assert_ne!(decode("Chß½ng trình", Legacy::Vps), "Chương trình");
        assert_ne!(decode("ChÜÖng trình", Legacy::Viscii), "Chương trình");
    }

    #[test]
    fn odd_case_words_are_counted() {
        assert!(confusable_reading(Legacy::Viscii, "Sơ kẸt"));
        assert!(confusable_reading(Legacy::Vps, "ĐắkLắk"));
        assert!(!confusable_reading(
            Legacy::Vps,
            "Kết quả, CỘNG HÒA, Sa Đéc"
        ));
        assert!(!confusable_reading(Legacy::Tcvn3, "kẸt"));
        assert_eq!(odd_case_words("kẸt NghĨ"), 2);
        assert_eq!(odd_case_words("Kết quả, CỘNG HÒA, Sa Đéc"), 0);
        assert_eq!(odd_case_words("aBcD eF"), 2);
    }

    #[test]
    fn vps_ties() {
        use Legacy::{Tcvn3, Viscii, Vni, Vps};
        // Without VPS, the first (Legacy::ALL order) as before.
        assert_eq!(settle_vps_tie(&[(Tcvn3, "nồm"), (Vni, "nỉm")]), Some(0));
        // The same reading twice is no tie.
        assert_eq!(
            settle_vps_tie(&[(Viscii, "trình"), (Vps, "trình")]),
            Some(0)
        );
        // `k‰t`: kẸt (VISCII) has a capital inside the word.
        assert_eq!(settle_vps_tie(&[(Viscii, "kẸt"), (Vps, "kết")]), Some(1));
        // `cûa`: của (VPS) and cũa (VISCII) are both well-formed.
        assert_eq!(settle_vps_tie(&[(Viscii, "cũa"), (Vps, "của")]), None);
        assert_eq!(settle_vps_tie(&[]), None);
        // Gains: a VPS/VISCII tie at the top leaves no dominant code.
        assert!(vps_gain_tie(Viscii, &[0, 0, 0, 0, 5, 5]));
        assert!(!vps_gain_tie(Viscii, &[0, 0, 0, 0, 5, 4]));
        assert!(!vps_gain_tie(Tcvn3, &[5, 5, 0, 0, 0, 0]));
    }

    #[test]
    fn utf8_with_nbsp_as_space_and_dropped_c1() {
        // "là" = 6C C3 A0: NBSP became a space.
        assert_eq!(decode("lÃ  viá»‡c", Legacy::Utf8), "là việc");
        // "Đồng" = C4 90 ...: 0x90 dropped.
        assert_eq!(decode("Ä\u{90}á»“ng", Legacy::Utf8), "Đồng");
        assert_eq!(decode("Äá»“ng", Legacy::Utf8), "Đồng");
        // "người" = ... E1 BB 9D ...: 0x9D dropped, ờ is the only well-formed choice.
        assert_eq!(decode("ngÆ°á»i", Legacy::Utf8), "người");
        // "học" = E1 BB 8D: ọ is the only well-formed choice.
        assert_eq!(decode("há»c", Legacy::Utf8), "học");
        // "về việc": 0x81 of "ề" dropped before a real space (not an NBSP).
        assert_eq!(decode("vá» viá»‡c", Legacy::Utf8), "về việc");
        assert_eq!(decode(" BÃO CÃO ", Legacy::Utf8), " BÁO CÁO ");
    }

    #[test]
    fn utf8_with_replaced_c1() {
        // The undefined byte became U+FFFD: 0x81 of `Á`, 0x90 of `Đ`, 0x9D of `ờ`.
        assert_eq!(decode("BÃ\u{FFFD}O CÃ\u{FFFD}O", Legacy::Utf8), "BÁO CÁO");
        assert_eq!(decode("Ä\u{FFFD}iá»\u{FFFD}u", Legacy::Utf8), "Điều");
        assert_eq!(decode("phÆ°á»\u{FFFD}ng", Legacy::Utf8), "phường");
        assert_eq!(decode("vá»\u{FFFD} viá»‡c", Legacy::Utf8), "về việc");
        // A U+FFFD that follows no cut sequence stays.
        assert_eq!(decode("a\u{FFFD} Ä‘i", Legacy::Utf8), "a\u{FFFD} đi");
    }
}
