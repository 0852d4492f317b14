//! The Vietnamese letter table: every vowel as (base, tone, case).
//!
//! All later passes (syllable grammar, tone placement, matching keys) reason
//! about a letter as "base vowel + tone" rather than as one of 134 code points,
//! so this table is the single place where precomposed letters are known.

use std::sync::LazyLock;

/// The twelve vowel bases, in table order.
pub const BASES: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/// Each row: the base followed by sắc, huyền, hỏi, ngã, nặng.
const ROWS: [&str; 12] = [
    "aáàảãạ",
    "ăắằẳẵặ",
    "âấầẩẫậ",
    "eéèẻẽẹ",
    "êếềểễệ",
    "iíìỉĩị",
    "oóòỏõọ",
    "ôốồổỗộ",
    "ơớờởỡợ",
    "uúùủũụ",
    "ưứừửữự",
    "yýỳỷỹỵ",
];

/// [`ROWS`] as characters, for direct indexing.
static GRID: LazyLock<Vec<Vec<char>>> =
    LazyLock::new(|| ROWS.iter().map(|r| r.chars().collect()).collect());

/// Tones, numbered as in [`ROWS`]: 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng.
pub type Tone = u8;
pub const SAC: Tone = 1;
pub const NANG: Tone = 5;

/// A vowel letter decoded from the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vowel {
    /// Index into [`BASES`].
    pub base: u8,
    pub tone: Tone,
    pub upper: bool,
}

/// Lookup for code points below this bound (covers Latin-1, Latin Extended and
/// the Vietnamese block U+1EA0..U+1EF9).
const LIMIT: usize = 0x1F00;

/// Packed entries: 0 = not a vowel; else `1 + base * 6 + tone`, `| 0x80` if upper case.
static TABLE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut t = vec![0u8; LIMIT];
    for (b, row) in ROWS.iter().enumerate() {
        for (tone, c) in row.chars().enumerate() {
            let code = 1 + (b * 6 + tone) as u8;
            t[c as usize] = code;
            for u in c.to_uppercase() {
                if (u as usize) < LIMIT {
                    t[u as usize] = code | 0x80;
                }
            }
        }
    }
    t
});

/// The packed table, for loops that look up many letters.
#[inline]
pub fn table() -> &'static [u8] {
    &TABLE
}

/// Decode a vowel letter with the table from [`table`].
#[inline]
pub fn vowel_in(table: &[u8], c: char) -> Option<Vowel> {
    let code = *table.get(c as usize)?;
    if code == 0 {
        return None;
    }
    let v = (code & 0x7F) - 1;
    Some(Vowel {
        base: v / 6,
        tone: v % 6,
        upper: code & 0x80 != 0,
    })
}

/// `char::is_alphabetic`, answered without the Unicode tables for Latin
/// (below U+0250), where legacy text read as Windows-1252 lives: there every
/// character from U+00C0 is a letter but `×` and `÷`, and between U+0080 and
/// U+00BF only `ª` `µ` `º` are; nor for combining marks and the toned vowels
/// of Latin Extended Additional. Ill-formed tokens of trial readings are
/// judged letter by letter, and the table search was a tenth of the time of
/// a UTF-8-read-as-1252 document.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0x80..=0xBF => matches!(c, 'ª' | 'µ' | 'º'),
        0xC0..=0x24F => c != '×' && c != '÷',
        // Combining marks (decomposed text) up to U+0362: only the Greek
        // ypogegrammeni is (the combining letters from U+0363 are).
        0x300..=0x362 => c == '\u{345}',
        // Latin Extended Additional, the toned vowels: every one is.
        0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

/// Decode a vowel letter (any case, precomposed).
#[inline]
pub fn vowel(c: char) -> Option<Vowel> {
    let i = c as usize;
    if i >= LIMIT {
        return None;
    }
    let code = TABLE[i];
    if code == 0 {
        return None;
    }
    let v = (code & 0x7F) - 1;
    Some(Vowel {
        base: v / 6,
        tone: v % 6,
        upper: code & 0x80 != 0,
    })
}

/// Compose a vowel letter from its parts.
pub fn compose(base: u8, tone: Tone, upper: bool) -> char {
    let c = GRID
        .get(base as usize)
        .and_then(|r| r.get(tone as usize))
        .copied()
        .unwrap_or('?');
    if upper {
        c.to_uppercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// The letter without its tone (keeps â, ơ, ư...). Non-vowels are returned unchanged.
pub fn strip_tone(c: char) -> char {
    match vowel(c) {
        Some(v) => compose(v.base, 0, v.upper),
        None => c,
    }
}

/// ASCII letter of a Vietnamese letter with every diacritic removed, lower case
/// (`Ế` → `e`, `Đ` → `d`); other characters are lower-cased.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(v) = vowel(c) {
        return match BASES[v.base as usize] {
            'ă' | 'â' => 'a',
            'ê' => 'e',
            'ô' | 'ơ' => 'o',
            'ư' => 'u',
            b => b,
        };
    }
    match c {
        'đ' | 'Đ' => 'd',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_letter_is_is_alphabetic() {
        for u in 0..0x3000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_letter(c), c.is_alphabetic(), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn decode_and_compose_round_trip() {
        for row in ROWS {
            for c in row.chars() {
                let v = vowel(c).unwrap();
                assert_eq!(compose(v.base, v.tone, false), c);
                let u = c.to_uppercase().next().unwrap();
                let vu = vowel(u).unwrap();
                assert!(vu.upper);
                assert_eq!(compose(vu.base, vu.tone, true), u);
            }
        }
        assert_eq!(vowel('ự').map(|v| (v.base, v.tone)), Some((10, NANG)));
        assert_eq!(vowel('b'), None);
        assert_eq!(vowel('đ'), None);
    }

    #[test]
    fn folding() {
        let f: String = "Đồng Tháp ỦY".chars().map(fold_char).collect();
        assert_eq!(f, "dong thap uy");
    }
}
