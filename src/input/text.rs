//! Text inputs: UTF-8 (with or without BOM), UTF-16 LE/BE, Windows-1258.
//!
//! Invalid bytes never stop decoding: they become U+FFFD and a warning.
//! Legacy 8-bit Vietnamese encodings (TCVN3, VNI, VISCII) are *not* decided
//! here: a non-UTF-8 file is decoded as Windows-1258 or Windows-1252, whichever
//! reads as more Vietnamese, and the normalize stage repairs legacy runs.

use crate::model::Doc;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, WINDOWS_1258};

use super::Decoded;
use crate::options::Options;
use crate::output::{DocError, ErrorKind, Warning};
use crate::vi::legacy::{self, Legacy};
use crate::vi::syllable::counts_strict;
use crate::vi::unicode::compose;

pub fn decode(bytes: &[u8], _opts: &Options) -> Result<Decoded, DocError> {
    let (text, encoding, replaced) = decode_bytes(bytes);
    if memchr::memchr(0, text.as_bytes()).is_some() {
        return Err(DocError::new(
            ErrorKind::Binary,
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
        doc: Doc::plain(text),
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
    // Mostly UTF-8 with a few bad bytes: keep UTF-8, mark the damage. Counted
    // without decoding: a legacy file is mostly invalid sequences, and
    // decoding it whole only to count them cost more than the rest of input.
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count().max(1);
    let bad = utf8_replacements(bytes, |bad| bad * 10 >= non_ascii);
    if bad * 10 < non_ascii {
        let (utf8, _) = UTF_8.decode_without_bom_handling(bytes);
        return (utf8.into_owned(), "utf-8", bad);
    }
    // A single-byte encoding: Windows-1258 if it reads as Vietnamese at least as
    // well as the best legacy reading of Windows-1252 (TCVN3, VNI, VISCII read
    // through 1252 are repaired by the normalize stage), judged by well-formed
    // syllables; else 1252, which keeps legacy bytes visible for that repair.
    if looks_like_1258(bytes) && reads_best_as_1258(bytes) {
        return with(WINDOWS_1258, bytes);
    }
    with(WINDOWS_1252, bytes)
}

/// The number of U+FFFD in `bytes` decoded as UTF-8 with replacement: one per
/// maximal invalid subsequence (the WHATWG and Unicode rule that both
/// `encoding_rs` and the standard library follow), plus any U+FFFD the text
/// itself holds. Counting stops as soon as `enough` says the count can no
/// longer change the decision (a legacy file is told in its first lines).
fn utf8_replacements(bytes: &[u8], enough: impl Fn(usize) -> bool) -> usize {
    // Legacy text is an invalid chunk every few bytes: the searcher is built
    // once, and only valid runs holding the first byte of U+FFFD are searched.
    let fffd = memchr::memmem::Finder::new("\u{FFFD}".as_bytes());
    let mut count = 0;
    for c in bytes.utf8_chunks() {
        let valid = c.valid().as_bytes();
        if memchr::memchr(0xEF, valid).is_some() {
            count += fffd.find_iter(valid).count();
        }
        count += usize::from(!c.invalid().is_empty());
        if enough(count) {
            break;
        }
    }
    count
}

/// Bytes of a single-byte file read to choose between Windows-1258 and the
/// legacy codes seen through Windows-1252.
const SAMPLE_BYTES: usize = 16 * 1024;

/// A first, smaller sample, enough when one side wins it clearly.
const FIRST_SAMPLE_BYTES: usize = 4 * 1024;

/// Syllables by which a reading must win the first sample to be taken
/// without reading the whole sample (about 900 tokens there: a lead of 40
/// is not overturned by the next 12 KB of the same document).
const DECISIVE_LEAD: isize = 40;

/// Whether the start of `bytes` reads as Vietnamese at least as well in
/// Windows-1258 as in any legacy code seen through Windows-1252. Judged on a
/// sample: thousands of syllables decide as well as millions, and each
/// reading decodes the whole sample five times; a first quarter of the
/// sample decides when one side leads there by [`DECISIVE_LEAD`].
fn reads_best_as_1258(bytes: &[u8]) -> bool {
    if bytes.len() > FIRST_SAMPLE_BYTES {
        let lead = lead_of_1258(&bytes[..FIRST_SAMPLE_BYTES]);
        if lead.abs() >= DECISIVE_LEAD {
            return lead >= 0;
        }
    }
    lead_of_1258(&bytes[..bytes.len().min(SAMPLE_BYTES)]) >= 0
}

/// The score of the Windows-1258 reading of `sample` minus the best score of
/// its Windows-1252 readings.
fn lead_of_1258(sample: &[u8]) -> isize {
    let (s1258, _) = WINDOWS_1258.decode_without_bom_handling(sample);
    let (s1252, _) = WINDOWS_1252.decode_without_bom_handling(sample);
    syllable_score(&compose(&s1258)) - best_legacy_score(&s1252)
}

/// Well-formed minus ill-formed Vietnamese-looking tokens.
fn syllable_score(s: &str) -> isize {
    let (g, b) = counts_strict(s);
    g as isize - b as isize
}

/// The best score of Windows-1252 text read in any legacy code (or as is).
/// Not as Windows-1258 through 1252: that reading is the 1258 reading
/// itself, which it would only tie (see `cp1258_through_1252_ties_1258`).
fn best_legacy_score(sample: &str) -> isize {
    Legacy::ALL
        .iter()
        .filter(|&&code| code != Legacy::Cp1258)
        .map(|&code| syllable_score(&legacy::decode(sample, code)))
        .chain([syllable_score(sample)])
        .max()
        .unwrap_or(0)
}

fn with(enc: &'static Encoding, bytes: &[u8]) -> (String, &'static str, usize) {
    let (s, _) = enc.decode_without_bom_handling(bytes);
    // Windows-1252 and 1258 map every byte to a character of its own (a test
    // checks it), so their text holds no U+FFFD: the scan is spared.
    let replaced = if enc.is_single_byte() {
        0
    } else {
        s.matches('\u{FFFD}').count()
    };
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
fn looks_like_1258(bytes: &[u8]) -> bool {
    let table = cp1258_table();
    let mut viet = 0usize;
    let mut other = 0usize;
    let mut prev_alpha = false;
    // Most bytes of a single-byte Vietnamese file are ASCII, which counts for
    // neither side: eight of them are passed at once, and only the last one's
    // letterhood is carried to the next byte (a tone mark after it).
    let mut words = bytes.chunks_exact(8);
    for word in words.by_ref() {
        if word.is_ascii() {
            prev_alpha = word[7].is_ascii_alphabetic();
            continue;
        }
        for &b in word {
            count_1258(table, b, &mut prev_alpha, &mut viet, &mut other);
        }
    }
    for &b in words.remainder() {
        count_1258(table, b, &mut prev_alpha, &mut viet, &mut other);
    }
    viet > 0 && viet >= other
}

/// One byte of [`looks_like_1258`]'s count.
#[inline]
fn count_1258(
    table: &[(Kind1258, bool); 256],
    b: u8,
    prev_alpha: &mut bool,
    viet: &mut usize,
    other: &mut usize,
) {
    let (kind, alpha) = table[b as usize];
    match kind {
        Kind1258::Tone if *prev_alpha => *viet += 1,
        Kind1258::Letter => *viet += 1,
        Kind1258::Ascii => {}
        _ => *other += 1,
    }
    *prev_alpha = alpha;
}

/// What a Windows-1258 byte decodes to, as [`looks_like_1258`] counts it.
#[derive(Clone, Copy, PartialEq)]
enum Kind1258 {
    Ascii,
    /// A combining tone mark (`\u{300}` `\u{301}` `\u{303}` `\u{309}` `\u{323}`).
    Tone,
    /// A Vietnamese letter outside ASCII (`ơ ư ă đ â ê ô` and capitals).
    Letter,
    Other,
}

/// Each byte's [`Kind1258`] and whether its character is alphabetic, from
/// `encoding_rs`'s own Windows-1258 table (a single-byte code: every byte is
/// one character), so the file need not be decoded to be judged.
fn cp1258_table() -> &'static [(Kind1258, bool); 256] {
    static TABLE: std::sync::LazyLock<[(Kind1258, bool); 256]> = std::sync::LazyLock::new(|| {
        let mut t = [(Kind1258::Ascii, false); 256];
        for (b, slot) in t.iter_mut().enumerate() {
            let byte = [b as u8];
            let (s, _) = WINDOWS_1258.decode_without_bom_handling(&byte);
            let c = s.chars().next().unwrap_or('\u{FFFD}');
            let kind = match c {
                '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => Kind1258::Tone,
                'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ă' | 'Ă' | 'đ' | 'Đ' | 'â' | 'Â' | 'ê' | 'Ê' | 'ô'
                | 'Ô' => Kind1258::Letter,
                c if !c.is_ascii() => Kind1258::Other,
                _ => Kind1258::Ascii,
            };
            *slot = (kind, c.is_alphabetic());
        }
        t
    });
    &TABLE
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count without decoding equals the U+FFFD a decoder writes, on
    /// truncated, overlong, surrogate and stray continuation sequences, and
    /// with U+FFFD already in the text.
    #[test]
    fn replacements_are_counted_as_encoding_rs_decodes() {
        let cases: [&[u8]; 9] = [
            b"plain ascii",
            b"\xe1\xba",
            b"\xe1\xba\xa1\xe1",
            b"\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80",
            b"\x80\x80\xbf",
            "a\u{FFFD}b".as_bytes(),
            b"Ch\xad\xac\xefng tr\xd7nh",
            b"\xf0\x9f\x98",
            b"\xef\xbf\xbd\xef\xbf",
        ];
        for bytes in cases {
            let (s, _) = UTF_8.decode_without_bom_handling(bytes);
            assert_eq!(
                utf8_replacements(bytes, |_| false),
                s.matches('\u{FFFD}').count(),
                "{bytes:?}"
            );
        }
        // Every two-byte string, and pseudo-random longer ones.
        let mut x: u32 = 12345;
        for n in 0..20_000u32 {
            let bytes: Vec<u8> = if n < 256 * 64 {
                vec![(n % 256) as u8, (n / 256 * 4) as u8, 0xBF]
            } else {
                (0..12)
                    .map(|_| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        (x >> 16) as u8
                    })
                    .collect()
            };
            let (s, _) = UTF_8.decode_without_bom_handling(&bytes);
            assert_eq!(
                utf8_replacements(&bytes, |_| false),
                s.matches('\u{FFFD}').count(),
                "{bytes:?}"
            );
        }
    }

    /// The byte table judges exactly as the decoded text would.
    #[test]
    fn cp1258_table_matches_the_decoder() {
        let all: Vec<u8> = (0..=255).collect();
        let (s, _) = WINDOWS_1258.decode_without_bom_handling(&all);
        assert_eq!(s.chars().count(), 256);
        for (b, c) in s.chars().enumerate() {
            assert_eq!(cp1258_table()[b].1, c.is_alphabetic(), "byte {b:#x}");
        }
        assert!(looks_like_1258(b"Ch\xfd\xf5ng tri\xccnh"));
        assert!(!looks_like_1258(b"Ch\xad\xac\xefng tr\xd7nh"));
    }

    /// No byte decodes to U+FFFD in the single-byte codes this module uses,
    /// which is why [`with`] does not count replacements for them.
    #[test]
    fn single_byte_codes_replace_nothing() {
        let all: Vec<u8> = (0..=255).collect();
        for enc in [WINDOWS_1252, WINDOWS_1258] {
            assert!(enc.is_single_byte());
            let (s, _) = enc.decode_without_bom_handling(&all);
            assert_eq!(s.chars().count(), 256);
            assert!(!s.contains('\u{FFFD}'), "{}", enc.name());
        }
    }

    /// The byte-at-a-time count that [`looks_like_1258`] passes ASCII words in.
    fn looks_like_1258_reference(bytes: &[u8]) -> bool {
        let table = cp1258_table();
        let (mut viet, mut other, mut prev_alpha) = (0usize, 0usize, false);
        for &b in bytes {
            let (kind, alpha) = table[b as usize];
            match kind {
                Kind1258::Tone if prev_alpha => viet += 1,
                Kind1258::Letter => viet += 1,
                Kind1258::Ascii => {}
                _ => other += 1,
            }
            prev_alpha = alpha;
        }
        viet > 0 && viet >= other
    }

    /// Same answer as byte by byte: on the legacy fixtures (every prefix
    /// length, so every alignment of a tone after an ASCII word), and on
    /// generated mixes of ASCII letters, spaces, tone bytes and letters,
    /// balanced near the tie.
    #[test]
    fn looks_like_1258_is_its_definition() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/legacy");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            for len in (0..bytes.len().min(600)).chain([bytes.len()]) {
                let b = &bytes[..len];
                assert_eq!(looks_like_1258(b), looks_like_1258_reference(b));
                checked += 1;
            }
        }
        assert!(checked > 1000);
        // 0xCC, 0xEC, 0xD2, 0xDE, 0xF2: tone marks; 0xF5, 0xFD, 0xD0: letters;
        // 0xE9, 0xA9: other.
        let alphabet: &[u8] = b"ab \xcc\xec\xd2\xde\xf2\xf5\xfd\xd0\xe9\xa9";
        let pieces: Vec<[u8; 1]> = alphabet.iter().map(|&b| [b]).collect();
        let pieces: Vec<&[u8; 1]> = pieces.iter().collect();
        for b in crate::testgen::glued(&pieces, 20_000, 0, 39, 0x2545_f491_4f6c_dd1d) {
            assert_eq!(looks_like_1258(&b), looks_like_1258_reference(&b), "{b:?}");
        }
    }

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

    /// Windows-1258 bytes read through Windows-1252 and decoded as 1258 by
    /// the legacy table score what the 1258 reading scores, so the choice
    /// leaves that reading out: on the Windows-1258 fixtures, and on every
    /// byte alone.
    #[test]
    fn cp1258_through_1252_ties_1258() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/legacy");
        let mut samples: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b'a', b, b' ']).collect();
        for doc in ["000", "001", "002", "003", "004"] {
            // The fixture is the Windows-1258 bytes read as Windows-1252.
            let seen =
                std::fs::read_to_string(format!("{dir}/{doc}.cp1258.txt")).unwrap_or_default();
            let (bytes, _, _) = WINDOWS_1252.encode(&seen);
            assert!(bytes.len() > 1000, "{doc}");
            samples.push(bytes.into_owned());
        }
        for bytes in samples {
            let (s1258, _) = WINDOWS_1258.decode_without_bom_handling(&bytes);
            let (s1252, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
            assert_eq!(
                syllable_score(&compose(&s1258)),
                syllable_score(&legacy::decode(&s1252, Legacy::Cp1258)),
                "{bytes:?}"
            );
        }
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
