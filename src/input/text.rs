//! Text inputs: UTF-8 (with or without BOM), UTF-16 LE/BE, Windows-1258.
//!
//! Invalid bytes never stop decoding: they become U+FFFD and a warning.
//! Legacy 8-bit Vietnamese encodings (TCVN3, VNI, VISCII) are *not* decided
//! here: a non-UTF-8 file is decoded as Windows-1258 or Windows-1252, whichever
//! reads as more Vietnamese, and the normalize stage repairs legacy runs.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, WINDOWS_1258};

use super::Decoded;
use crate::normalize::legacy::{self, Legacy};
use crate::normalize::syllable::counts_strict;
use crate::normalize::unicode::compose;
use crate::output::{DocError, Warning};
use crate::Options;

pub fn decode(bytes: &[u8], _opts: &Options) -> Result<Decoded, DocError> {
    let (text, encoding, replaced) = decode_bytes(bytes);
    if text.contains('\0') {
        return Err(DocError::new(
            "binary",
            "binary content: NUL bytes in a file that is not PDF, DOCX or UTF-16 text",
        ));
    }
    let mut warnings = Vec::new();
    if replaced > 0 {
        warnings.push(Warning {
            kind: "invalid_bytes".into(),
            message: format!(
                "{replaced} invalid byte sequence(s) for {encoding} replaced by U+FFFD"
            ),
            start: None,
            end: None,
        });
    }
    Ok(Decoded {
        format: "txt".into(),
        encoding: Some(encoding.to_string()),
        backend: "text".into(),
        pages: None,
        text,
        warnings,
        ..Default::default()
    })
}

/// Decode bytes to a string, returning the encoding used and the number of
/// replaced (invalid) sequences.
pub fn decode_bytes(bytes: &[u8]) -> (String, &'static str, usize) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return with(enc, &bytes[bom_len..]);
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return (s.to_string(), "utf-8", 0);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return with(enc, bytes);
    }
    // Mostly UTF-8 with a few bad bytes: keep UTF-8, mark the damage.
    let (utf8, _) = UTF_8.decode_without_bom_handling(bytes);
    let bad = utf8.matches('\u{FFFD}').count();
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count().max(1);
    if bad * 10 < non_ascii {
        return (utf8.into_owned(), "utf-8", bad);
    }
    // A single-byte encoding: Windows-1258 if it reads as Vietnamese at least as
    // well as the best legacy reading of Windows-1252 (TCVN3, VNI, VISCII read
    // through 1252 are repaired by the normalize stage), judged by well-formed
    // syllables; else 1252, which keeps legacy bytes visible for that repair.
    // Judged on a sample: thousands of syllables decide as well as millions,
    // and each reading decodes the whole sample five times.
    let (w1258, _) = WINDOWS_1258.decode_without_bom_handling(bytes);
    if looks_like_1258(&w1258) {
        let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
        let (s1258, _) = WINDOWS_1258.decode_without_bom_handling(sample);
        let (s1252, _) = WINDOWS_1252.decode_without_bom_handling(sample);
        if syllable_score(&compose(&s1258)) >= best_legacy_score(&s1252) {
            return (w1258.into_owned(), "windows-1258", 0);
        }
    }
    with(WINDOWS_1252, bytes)
}

/// Bytes of a single-byte file read to choose between Windows-1258 and the
/// legacy codes seen through Windows-1252.
const SAMPLE_BYTES: usize = 16 * 1024;

/// Well-formed minus ill-formed Vietnamese-looking tokens.
fn syllable_score(s: &str) -> isize {
    let (g, b) = counts_strict(s);
    g as isize - b as isize
}

/// The best score of Windows-1252 text read in any legacy code (or as is).
fn best_legacy_score(sample: &str) -> isize {
    Legacy::ALL
        .iter()
        .map(|&code| syllable_score(&legacy::decode(sample, code)))
        .chain([syllable_score(sample)])
        .max()
        .unwrap_or(0)
}

fn with(enc: &'static Encoding, bytes: &[u8]) -> (String, &'static str, usize) {
    let (s, _) = enc.decode_without_bom_handling(bytes);
    let replaced = s.matches('\u{FFFD}').count();
    let name = match enc.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "windows-1258" => "windows-1258",
        _ => "windows-1252",
    };
    (s.into_owned(), name, replaced)
}

/// UTF-16 text without a BOM shows NUL in every other byte for ASCII.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(4096) / 2;
    if n < 4 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in bytes[..n * 2].chunks_exact(2) {
        even += (pair[0] == 0) as usize;
        odd += (pair[1] == 0) as usize;
    }
    if odd * 10 > n * 4 && even * 10 < n {
        Some(UTF_16LE)
    } else if even * 10 > n * 4 && odd * 10 < n {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Windows-1258 writes tones as combining marks after a base letter, and has
/// ơ/ư/ă/đ at their own code points. Count letters followed by a combining
/// tone, plus the Vietnamese-only letters, against other non-ASCII characters.
fn looks_like_1258(s: &str) -> bool {
    let mut viet = 0usize;
    let mut other = 0usize;
    let mut prev_alpha = false;
    for c in s.chars() {
        match c {
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' if prev_alpha => viet += 1,
            'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ă' | 'Ă' | 'đ' | 'Đ' | 'â' | 'Â' | 'ê' | 'Ê' | 'ô' | 'Ô' => {
                viet += 1
            }
            c if !c.is_ascii() => other += 1,
            _ => {}
        }
        prev_alpha = c.is_alphabetic();
    }
    viet > 0 && viet >= other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let (s, enc, bad) = decode_bytes("\u{feff}Báo cáo".as_bytes());
        assert_eq!((s.as_str(), enc, bad), ("Báo cáo", "utf-8", 0));
        let (s, enc, _) = decode_bytes("Kế hoạch".as_bytes());
        assert_eq!((s.as_str(), enc), ("Kế hoạch", "utf-8"));
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Quyết định".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode_bytes(&le), ("Quyết định".into(), "utf-16le", 0));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Quyết định".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode_bytes(&be), ("Quyết định".into(), "utf-16be", 0));
    }

    #[test]
    fn windows_1258_is_detected() {
        // "Chương trình" in Windows-1258: C h ư(0xFD) ơ(0xF5) n g, t r i + grave(0xCC) n h
        let bytes = b"Ch\xFD\xF5ng tri\xCCnh m\xF4\xECi xa\xDE";
        let (s, enc, _) = decode_bytes(bytes);
        assert_eq!(enc, "windows-1258");
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(s.nfc().collect::<String>(), "Chương trình mối xã");
    }

    #[test]
    fn mostly_utf8_keeps_utf8_and_counts_damage() {
        let mut bytes = "Báo cáo kết quả thực hiện Chương trình OCOP"
            .as_bytes()
            .to_vec();
        bytes.push(0xFF);
        let (s, enc, bad) = decode_bytes(&bytes);
        assert_eq!((enc, bad), ("utf-8", 1));
        assert!(s.ends_with('\u{FFFD}'));
    }

    #[test]
    fn tcvn3_with_combining_looking_bytes_stays_1252() {
        // "Độc lập - Tự do - Hạnh phúc, Chương trình mỗi xã một sản phẩm" in
        // TCVN3 (iconv -t TCVN5712-1): bytes like 0xEC and 0xF2 are combining
        // marks in Windows-1258, which must not win over the TCVN3 reading.
        let bytes = b"\xA7\xE9c l\xCBp - T\xF9 do - H\xB9nh ph\xF3c, Ch\xAD\xACng tr\xD7nh m\xE7i x\xB7 m\xE9t s\xB6n ph\xC8m";
        let (s, enc, _) = decode_bytes(bytes);
        assert_eq!(enc, "windows-1252");
        let n = crate::normalize::normalize(&s, &Default::default());
        assert_eq!(
            n.text,
            "Độc lập - Tự do - Hạnh phúc, Chương trình mỗi xã một sản phẩm"
        );
    }

    #[test]
    fn tcvn3_bytes_stay_visible_as_1252() {
        // "Ch­¬ng tr×nh" as TCVN3 bytes: ư=0xAD, ơ=0xAC, ì=0xD7
        let (s, enc, _) = decode_bytes(b"Ch\xAD\xACng tr\xD7nh");
        assert_eq!(enc, "windows-1252");
        assert_eq!(s, "Ch\u{AD}¬ng tr×nh");
    }
}
