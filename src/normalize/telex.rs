//! Typing leftovers: Telex or VNI key sequences left inside words when an
//! input method was off (`Vieetj` for `Việt`, `phna6` for `phân`).
//!
//! A token is repaired only when it is ASCII, is not already a syllable, holds
//! a letter-changing key (`aa` `ee` `oo` `dd` `w`, VNI `6`–`9`), stands next to
//! real Vietnamese, and exactly one well-formed syllable results (reading the
//! keys as typed, or else with one pair of adjacent letters swapped). Several
//! results give a warning; none leaves the token alone (English `door`, `too`
//! in an English sentence, codes like `H5N1` never qualify).

use super::chars::{self, compose};
use super::syllable::{self, Judged};
use super::tone::{self, ToneStyle};
use super::RepairLog;
use crate::output::Warning;

pub const WARNING_KIND: &str = "typing_leftover";

/// Telex tone keys: s sắc, f huyền, r hỏi, x ngã, j nặng.
const TELEX_TONES: [(char, u8); 5] = [('s', 1), ('f', 2), ('r', 3), ('x', 4), ('j', 5)];

/// Repair the typing leftovers of one line; `warn` gets (start, end, warning)
/// in byte offsets of the returned line for ambiguous ones.
pub fn repair(
    s: &str,
    style: ToneStyle,
    log: &mut RepairLog,
    warn: &mut dyn FnMut(usize, usize, Warning),
) -> String {
    if s.is_ascii() || !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return s.to_string();
    }
    let toks: Vec<(usize, usize)> = syllable::tokens(s).collect();
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (k, &(a, b)) in toks.iter().enumerate() {
        let tok = &s[a..b];
        if !is_candidate(tok) {
            continue;
        }
        let viet = |i: Option<&(usize, usize)>| {
            i.is_some_and(|&(x, y)| {
                !s[x..y].is_ascii() && syllable::judge(&s[x..y]) == Judged::Valid
            })
        };
        let context = viet(k.checked_sub(1).and_then(|p| toks.get(p))) || viet(toks.get(k + 1));
        if !context {
            continue;
        }
        let results = interpretations(tok, style);
        match results.len() {
            1 => {
                out.push_str(&s[last..a]);
                log.add("typing_leftover", tok, &results[0]);
                out.push_str(&results[0]);
                last = b;
            }
            0 => {}
            _ => {
                let start = out.len() + (a - last);
                warn(
                    start,
                    start + tok.len(),
                    Warning {
                        kind: WARNING_KIND.into(),
                        message: format!(
                            "`{tok}` looks like Telex/VNI typing; it could be {}",
                            results.join(" or ")
                        ),
                        start: None,
                        end: None,
                    },
                );
            }
        }
    }
    out.push_str(&s[last..]);
    out
}

/// ASCII letters (and VNI digits after letters), not all capitals, not a
/// syllable as written, with at least one letter-changing key.
pub fn is_candidate(tok: &str) -> bool {
    let n = tok.len();
    if !(3..=12).contains(&n) || !tok.is_ascii() {
        return false;
    }
    let b = tok.as_bytes();
    if !b[0].is_ascii_alphabetic() || !b.iter().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    if b.iter().filter(|c| c.is_ascii_uppercase()).count() > 1 {
        return false;
    }
    // Digits only as VNI keys after the first letter, and letters before them.
    let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
    if letters < 2 {
        return false;
    }
    let has_key = b.windows(2).any(|w| {
        let (x, y) = (w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase());
        (x == y && matches!(x, b'a' | b'e' | b'o' | b'd'))
            || (y == b'w' && matches!(x, b'a' | b'o' | b'u'))
    }) || b.iter().any(|c| matches!(c, b'6'..=b'9'));
    has_key && syllable::parse(tok).is_none()
}

/// The distinct well-formed syllables the token can be read as.
fn interpretations(tok: &str, style: ToneStyle) -> Vec<String> {
    fn push(results: &mut Vec<String>, r: Option<String>) {
        if let Some(r) = r {
            if !results.contains(&r) {
                results.push(r);
            }
        }
    }
    let mut results: Vec<String> = Vec::new();
    push(&mut results, apply_keys(tok, style));
    if results.is_empty() {
        let chars: Vec<char> = tok.chars().collect();
        for i in 0..chars.len().saturating_sub(1) {
            if !(chars[i].is_ascii_alphabetic() && chars[i + 1].is_ascii_alphabetic()) {
                continue;
            }
            let mut v = chars.clone();
            v.swap(i, i + 1);
            let swapped: String = v.into_iter().collect();
            push(&mut results, apply_keys(&swapped, style));
        }
    }
    results
}

/// A letter being built: base letter, upper case, and for vowels the index of
/// the base in [`chars::BASES`].
#[derive(Clone, Copy)]
struct Built {
    c: char,
    upper: bool,
}

fn base_index(c: char) -> Option<u8> {
    chars::vowel(c).map(|v| v.base)
}

/// Read the keys of a token (Telex letters, VNI digits) into a syllable.
fn apply_keys(tok: &str, style: ToneStyle) -> Option<String> {
    let mut out: Vec<Built> = Vec::new();
    let mut tone = 0u8;
    let last_vowel = |out: &Vec<Built>| out.iter().rposition(|b| base_index(b.c).is_some());
    for ch in tok.chars() {
        let upper = ch.is_ascii_uppercase();
        let c = ch.to_ascii_lowercase();
        let vowel_seen = last_vowel(&out).is_some();
        match c {
            'a' | 'e' | 'o' if out.last().is_some_and(|b| b.c == c) => {
                let l = out.len() - 1;
                out[l].c = match c {
                    'a' => 'â',
                    'e' => 'ê',
                    _ => 'ô',
                };
            }
            'd' if out.len() == 1 && out[0].c == 'd' => out[0].c = 'đ',
            '9' if out.first().is_some_and(|b| b.c == 'd') => out[0].c = 'đ',
            'w' | '7' | '8' if vowel_seen => {
                let i = last_vowel(&out)?;
                let prev = i.checked_sub(1).map(|p| out[p].c);
                match (prev, out[i].c, c) {
                    (Some('u'), 'o', 'w' | '7') => {
                        out[i - 1].c = 'ư';
                        out[i].c = 'ơ';
                    }
                    (_, 'a', 'w' | '8') => out[i].c = 'ă',
                    (_, 'o', 'w' | '7') => out[i].c = 'ơ',
                    (_, 'u', 'w' | '7') => out[i].c = 'ư',
                    _ => return None,
                }
            }
            '6' if vowel_seen => {
                let i = out.iter().rposition(|b| matches!(b.c, 'a' | 'e' | 'o'))?;
                out[i].c = match out[i].c {
                    'a' => 'â',
                    'e' => 'ê',
                    _ => 'ô',
                };
            }
            '1'..='5' if vowel_seen && tone == 0 => tone = c as u8 - b'0',
            _ if vowel_seen && tone == 0 && TELEX_TONES.iter().any(|t| t.0 == c) => {
                tone = TELEX_TONES.iter().find(|t| t.0 == c).map_or(0, |t| t.1);
            }
            _ if c.is_ascii_alphabetic() => out.push(Built { c, upper }),
            _ => return None,
        }
    }
    // Put the tone on the last vowel, then let the tone rules move it.
    let i = last_vowel(&out)?;
    let word: String = out
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let c = match base_index(b.c) {
                Some(base) if k == i => compose(base, tone, false),
                _ => b.c,
            };
            if b.upper {
                c.to_uppercase().next().unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    let word = match tone::retone(&word, style) {
        Some(tone::Retoned::Misplaced(w)) | Some(tone::Retoned::Style(w)) => w,
        None => word,
    };
    syllable::is_well_formed(&word).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> (String, Vec<String>) {
        let mut log = RepairLog::default();
        let mut warnings = Vec::new();
        let out = repair(s, ToneStyle::Classic, &mut log, &mut |a, b, w| {
            warnings.push(format!("{}:{}", &s[a..b], w.kind))
        });
        (out, warnings)
    }

    #[test]
    fn leftovers_next_to_vietnamese_are_repaired() {
        assert_eq!(
            fix("Cộng hòa xã hội chủ nghĩa Vieetj Nam").0,
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(
            fix("Ủy ban nhân dân phna6 bổ kinh phí").0,
            "Ủy ban nhân dân phân bổ kinh phí"
        );
        assert_eq!(fix("kế hoạch nawm 2023").0, "kế hoạch năm 2023");
        assert_eq!(fix("ddoongf bào").0, "đồng bào");
        assert_eq!(fix("nguwowif dân").0, "người dân");
    }

    #[test]
    fn english_codes_and_words_are_untouched() {
        for s in [
            "users door tax boss A4 H5N1 m2 ®2024 Ơ ờ",
            "the moon was too soon",
            "sản phẩm ISO9001 và HACCP",
            "mã số XK2023 và sản phẩm GOOD",
            "Ban hành kế hoạch", // already words
        ] {
            assert_eq!(fix(s).0, s);
        }
    }

    #[test]
    fn ambiguous_leftovers_are_warned() {
        // "thoo" alone reads as "thô"; with a swap it could be more: only one is fine.
        let (out, w) = fix("vải thoo đẹp");
        assert_eq!(out, "vải thô đẹp");
        assert!(w.is_empty());
        // "ddaa" + swaps: "đâ" is not a syllable; nothing valid → untouched, no warning.
        assert_eq!(fix("bán ddaa hàng").0, "bán ddaa hàng");
        // "nog6": "ngô" (swap g/o... ) or "ông": two readings → warning, unchanged.
        let (out, w) = fix("ông nog6 ấy");
        assert_eq!(out, "ông nog6 ấy");
        assert_eq!(w, vec!["nog6:typing_leftover".to_string()]);
    }
}
