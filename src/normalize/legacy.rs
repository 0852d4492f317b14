//! Legacy 8-bit Vietnamese text that reached us through Windows-1252.
//!
//! Pre-2003 archives (DOC, RTF, PDF with .VnTime or VNI fonts) arrive as the
//! Windows-1252 reading of TCVN3, VNI, VISCII or Windows-1258 bytes, or as
//! UTF-8 bytes read as Windows-1252. Each decoder here takes such a string back
//! to bytes (the inverse of Windows-1252, C1 controls standing for themselves)
//! and reads the bytes in the legacy code. Which decoder is right is not decided
//! here: the caller compares syllable validity (see `mod.rs`).

use std::sync::LazyLock;

use encoding_rs::{WINDOWS_1252, WINDOWS_1258};

use super::syllable;
use super::tables::{TCVN3, VISCII, VNI_LETTERS, VNI_MARKS};
use super::unicode::compose;

/// A legacy code that text may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
    Utf8,
    Cp1258,
    Viscii,
}

impl Legacy {
    /// All codes, in the order that breaks ties.
    pub const ALL: [Legacy; 5] = [
        Legacy::Tcvn3,
        Legacy::Vni,
        Legacy::Utf8,
        Legacy::Cp1258,
        Legacy::Viscii,
    ];

    /// The repair kind logged for this code.
    pub fn kind(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "legacy_tcvn3",
            Legacy::Vni => "legacy_vni",
            Legacy::Utf8 => "utf8_as_cp1252",
            Legacy::Cp1258 => "cp1258_as_cp1252",
            Legacy::Viscii => "legacy_viscii",
        }
    }
}

/// Windows-1252 byte of a character (U+0080..U+00FF stand for their own byte,
/// as WHATWG and Latin-1 readers produce them).
static CP1252_HIGH: LazyLock<Vec<(char, u8)>> = LazyLock::new(|| {
    let mut v = Vec::new();
    for b in 0x80u8..=0x9F {
        let bytes = [b];
        let (s, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
        if let Some(c) = s.chars().next() {
            if c as u32 > 0xFF {
                v.push((c, b));
            }
        }
    }
    v
});

#[inline]
pub fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u <= 0xFF {
        return Some(u as u8);
    }
    CP1252_HIGH.iter().find(|(k, _)| *k == c).map(|&(_, b)| b)
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
        Legacy::Vni => compose(&decode_vni(line)),
        Legacy::Viscii => map_bytes(line, |b| {
            if b >= 0x80 {
                Some(VISCII[(b - 0x80) as usize])
            } else {
                None
            }
        }),
        Legacy::Cp1258 => compose(&map_bytes(line, |b| {
            if b >= 0x80 {
                CP1258.get((b - 0x80) as usize).copied()
            } else {
                None
            }
        })),
        Legacy::Utf8 => decode_utf8(line),
    }
}

fn map_bytes(line: &str, f: impl Fn(u8) -> Option<char>) -> String {
    line.chars()
        .map(|c| match cp1252_byte(c).and_then(&f) {
            Some(d) if d != '\0' => d,
            _ => c,
        })
        .collect()
}

/// TCVN3: one byte per letter, upper-case toned letters missing (`.VnTimeH`
/// fonts draw the lower-case codes as capitals), `ư` at 0xAD which PDF readers
/// turn into `-`.
fn decode_tcvn3(line: &str) -> String {
    let raw = map_bytes(line, |b| {
        if b >= 0xA0 {
            Some(TCVN3[(b - 0xA0) as usize])
        } else {
            None
        }
    });
    let raw = compose(&raw);
    let mut out = String::with_capacity(raw.len());
    let upper_line = mostly_upper(line);
    let mut rest = raw.as_str();
    while !rest.is_empty() {
        let split = rest
            .find(|c: char| c.is_whitespace())
            .map_or(rest.len(), |i| i);
        let (word, tail) = rest.split_at(split);
        out.push_str(&tcvn3_word(word, upper_line));
        let ws_len = tail
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map_or(tail.len(), |(i, _)| i);
        out.push_str(&tail[..ws_len]);
        rest = &tail[ws_len..];
    }
    out
}

/// Lines whose ASCII letters are upper case (headings in .VnTimeH).
fn mostly_upper(line: &str) -> bool {
    let (mut up, mut low) = (0, 0);
    for c in line.chars() {
        if c.is_ascii_uppercase() {
            up += 1;
        } else if c.is_ascii_lowercase() {
            low += 1;
        }
    }
    up >= 3 && low * 10 <= up
}

fn tcvn3_word(word: &str, upper_line: bool) -> String {
    if word.is_empty() {
        return String::new();
    }
    // `-` between letters may be ư (0xAD through a WinAnsi table).
    let mut w = word.to_string();
    if w.contains('-') {
        let chars: Vec<char> = w.chars().collect();
        let alt: String = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let inner = i > 0
                    && i + 1 < chars.len()
                    && chars[i - 1].is_alphabetic()
                    && chars[i + 1].is_alphabetic();
                if c == '-' && inner {
                    'ư'
                } else {
                    c
                }
            })
            .collect();
        let (g0, b0) = syllable::counts(&w);
        let (g1, b1) = syllable::counts(&alt);
        if g1 as isize - b1 as isize > g0 as isize - b0 as isize {
            w = alt;
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
        w.to_uppercase()
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
            prev_letter = c.is_alphabetic();
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
                prev_letter = c.is_alphabetic();
            }
        }
    }
    out
}

/// Bytes that Windows-1252 leaves undefined; readers that drop them lose the
/// second byte of `Đ` (C4 90) or the third of `ờ` (E1 BB 9D).
const DROPPABLE: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// UTF-8 read as Windows-1252 (`ChÆ°Æ¡ng` → `Chương`), including NBSP turned
/// into a space and undefined bytes dropped: a missing continuation byte is
/// restored when exactly the candidates that give a well-formed syllable remain
/// (the first such, in the order of [`DROPPABLE`] adjusted by frequency).
fn decode_utf8(line: &str) -> String {
    // Placeholders for ambiguous characters, resolved per word afterwards.
    let mut out = String::with_capacity(line.len());
    let mut choices: Vec<Vec<char>> = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let Some(lead) = cp1252_byte(c).filter(|b| (0xC2..=0xF4).contains(b)) else {
            out.push(c);
            i += 1;
            continue;
        };
        let need = if lead >= 0xF0 {
            3
        } else if lead >= 0xE0 {
            2
        } else {
            1
        };
        // Collect continuation bytes, allowing a space for NBSP and a gap for a dropped byte.
        let mut bytes = vec![lead];
        let mut j = i + 1;
        let mut gap = None;
        while bytes.len() <= need {
            let next = chars.get(j).and_then(|&d| cp1252_byte(d));
            match next {
                Some(b) if (0x80..=0xBF).contains(&b) => {
                    bytes.push(b);
                    j += 1;
                }
                Some(0x20) => {
                    bytes.push(0xA0);
                    j += 1;
                }
                _ if gap.is_none() => {
                    gap = Some(bytes.len());
                    bytes.push(0);
                }
                _ => break,
            }
        }
        if bytes.len() != need + 1 {
            out.push(c);
            i += 1;
            continue;
        }
        let decode_with = |fill: u8| -> Option<char> {
            let mut b = bytes.clone();
            if let Some(g) = gap {
                b[g] = fill;
            }
            std::str::from_utf8(&b).ok().and_then(|s| s.chars().next())
        };
        match gap {
            None => match decode_with(0) {
                Some(d) => {
                    out.push(d);
                    i = j;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            Some(_) => {
                let cands: Vec<char> = DROPPABLE
                    .iter()
                    .filter_map(|&f| decode_with(f))
                    .filter(|&d| super::chars::vowel(d).is_some() || d == 'Đ' || d == 'đ')
                    .collect();
                match cands.len() {
                    0 => {
                        out.push(c);
                        i += 1;
                    }
                    1 => {
                        out.push(cands[0]);
                        i = j;
                    }
                    _ => {
                        out.push(char::from_u32(0xE000 + choices.len() as u32).unwrap_or('?'));
                        choices.push(cands);
                        i = j;
                    }
                }
            }
        }
    }
    if choices.is_empty() {
        return out;
    }
    resolve_choices(&out, &choices)
}

/// Replace each placeholder with the candidate that makes its word well-formed,
/// preferring lower case in lower-case words.
fn resolve_choices(s: &str, choices: &[Vec<char>]) -> String {
    let mut result = String::with_capacity(s.len());
    for (start, end) in word_spans(s) {
        let word = &s[start..end];
        let mut w: String = word.to_string();
        for (k, cands) in choices.iter().enumerate() {
            let ph = char::from_u32(0xE000 + k as u32).unwrap_or('?');
            if !w.contains(ph) {
                continue;
            }
            let lower_word = w.chars().filter(|c| c.is_lowercase()).count() > 0;
            let mut best: Option<(i32, char)> = None;
            for &cand in cands {
                let trial = w.replace(ph, &cand.to_string());
                let (g, b) = syllable::counts(&trial);
                let mut score = (g as i32 - b as i32) * 4;
                if cand.is_lowercase() == lower_word {
                    score += 1;
                }
                score += prior(cand);
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, cand));
                }
            }
            if let Some((_, c)) = best {
                w = w.replace(ph, &c.to_string());
            }
        }
        result.push_str(&w);
        result.push_str(&s[end..next_start(s, end)]);
    }
    let lead = s.len() - s.trim_start().len();
    let mut full = s[..lead].to_string();
    full.push_str(&result);
    full
}

/// Frequency prior among the letters whose third UTF-8 byte Windows-1252 drops.
fn prior(c: char) -> i32 {
    match c {
        'ờ' | 'ề' => 2,
        'ọ' => 1,
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

fn next_start(s: &str, end: usize) -> usize {
    s[end..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(s.len(), |(i, _)| end + i)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
