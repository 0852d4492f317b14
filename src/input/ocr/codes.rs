//! Codes of document numbers misread by OCR (`148/QĐ-LTg` for `148/QĐ-TTg`,
//! `QĐĐ` for `QĐ`), repaired against the known codes of the lexicon.
//!
//! A document number is a word that starts with a digit and holds letter
//! parts between `/` and `-` (`919/QĐ-TTg`, `55/2023/TT-BTC`, `09-NQ/HU`).
//! A letter part that is no known code ([`crate::lexicon::document_codes`])
//! is compared with the known ones: one letter swapped for a letter OCR
//! confuses it with ([`CONFUSABLE`]), or a letter read twice. Exactly one
//! known code within that reach repairs the part; several make it doubtful;
//! none leaves it alone (an office's own code is no error).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

/// Letters the Vietnamese model of Tesseract reads for one another in
/// capitals and digits (the stems of T/L/I, round O/Q/D, the Icelandic Ð
/// for Đ).
const CONFUSABLE: &[&[char]] = &[
    &['T', 'L', 'I', 'J', '1', 'l'],
    &['O', 'Q', 'D', '0'],
    &['Đ', 'Ð', 'D'],
    &['B', '8'],
    &['S', '5'],
    &['G', '6'],
    &['Z', '2'],
    &['g', 'q', '9'],
];

static KNOWN: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| crate::lexicon::document_codes().collect());

fn confusable(a: char, b: char) -> bool {
    CONFUSABLE
        .iter()
        .any(|set| set.contains(&a) && set.contains(&b))
}

/// What to do with one code part.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    Known,
    /// One known code within reach.
    Repair(&'static str),
    /// Several.
    Doubtful(Vec<&'static str>),
    Unknown,
}

/// Judge one letter part of a document number.
pub fn judge(part: &str) -> Verdict {
    if KNOWN.contains(part) {
        return Verdict::Known;
    }
    let got: Vec<char> = part.chars().collect();
    let mut near: Vec<&'static str> = KNOWN
        .iter()
        .copied()
        .filter(|k| {
            let want: Vec<char> = k.chars().collect();
            one_confusion(&got, &want) || one_doubled(&got, &want)
        })
        .collect();
    near.sort_unstable();
    match near.len() {
        0 => Verdict::Unknown,
        1 => Verdict::Repair(near[0]),
        _ => Verdict::Doubtful(near),
    }
}

/// Same length, exactly one position differs, by confusable letters.
fn one_confusion(got: &[char], want: &[char]) -> bool {
    if got.len() != want.len() {
        return false;
    }
    let diffs: Vec<usize> = (0..got.len()).filter(|&i| got[i] != want[i]).collect();
    matches!(diffs.as_slice(), [i] if confusable(got[*i], want[*i]))
}

/// `got` is `want` with one letter read twice (`QĐĐ`, or `QĐÐ` with the
/// second a look-alike).
fn one_doubled(got: &[char], want: &[char]) -> bool {
    if got.len() != want.len() + 1 {
        return false;
    }
    (1..got.len()).any(|i| {
        (got[i] == got[i - 1] || confusable(got[i], got[i - 1]))
            && got[..i] == want[..i]
            && got[i + 1..] == want[i..]
    })
}

/// One code part of a word to change or doubt: its byte range in the
/// word and the verdict.
pub struct Found {
    pub range: Range<usize>,
    pub verdict: Verdict,
}

/// The code parts of `word` that are misread, if it is a document number.
pub fn scan(word: &str) -> Vec<Found> {
    let mut out = Vec::new();
    if !word.starts_with(|c: char| c.is_ascii_digit()) || !word.contains('/') {
        return out;
    }
    let mut at = 0;
    for part in word.split(['/', '-']) {
        let range = at..at + part.len();
        at += part.len() + 1;
        // Trailing punctuation is not part of the code.
        let core = part.trim_end_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() || !core.chars().all(char::is_alphabetic) {
            continue;
        }
        match judge(core) {
            Verdict::Known | Verdict::Unknown => {}
            verdict => out.push(Found {
                range: range.start..range.start + core.len(),
                verdict,
            }),
        }
    }
    out
}

/// Whether `word` is the start of a document number cut after a dash or a
/// slash (`1187/QĐ-`, `09-`), so that a code should follow.
pub fn opens_code(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) && word.ends_with(['-', '/']) && word.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(word: &str) -> String {
        let mut w = word.to_string();
        for f in scan(word).iter().rev() {
            if let Verdict::Repair(k) = f.verdict {
                w.replace_range(f.range.clone(), k);
            }
        }
        w
    }

    #[test]
    fn misread_codes_are_repaired() {
        assert_eq!(repaired("1489/QĐ-LTg"), "1489/QĐ-TTg");
        assert_eq!(repaired("148/QĐĐ-LTg"), "148/QĐ-TTg");
        assert_eq!(repaired("148/QĐÐ-TTg;"), "148/QĐ-TTg;");
        assert_eq!(repaired("5/QÐ-UBND"), "5/QĐ-UBND");
        assert_eq!(repaired("09-NQ/HU,"), "09-NQ/HU,");
        assert_eq!(repaired("55/2023/TT-BTC"), "55/2023/TT-BTC");
    }

    #[test]
    fn unknown_codes_and_words_are_left_alone() {
        // An office's own code is no error.
        assert!(scan("12/BC-PNNPTNT").is_empty());
        assert!(scan("73/KH-UBND").is_empty());
        // Not a document number.
        assert!(scan("QĐ-LTg").is_empty());
        assert!(scan("2025").is_empty());
    }

    #[test]
    fn one_reach_repairs_several_doubt() {
        assert_eq!(judge("LU"), Verdict::Repair("TU"));
        assert_eq!(judge("DU"), Verdict::Repair("ĐU"));
        // `ĐI` reaches nothing known; `ND` both `NQ` (D/Q) and `NĐ` (D/Đ).
        assert_eq!(judge("ĐI"), Verdict::Unknown);
        assert_eq!(judge("ND"), Verdict::Doubtful(vec!["NQ", "NĐ"]));
    }
}
