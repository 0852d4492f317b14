//! The Vietnamese syllable grammar and the quality score built on it.
//!
//! A syllable is (initial consonant) + rime + one tone. The rime inventory and
//! the spelling rules (`k`/`gh`/`ngh` before front vowels, stop finals only with
//! sắc or nặng) are data below. Every decision of the normalize stage (which
//! legacy decoding is right, whether a tone sits on the wrong vowel, whether a
//! typed leftover becomes a word) asks this grammar, so it is kept strict: a
//! well-formed syllable is strong evidence, an ill-formed one is damage.

use std::sync::LazyLock;

use super::chars::{self, Tone, NANG, SAC};
use crate::bytescan::{bytes_in, HIGH, ONES};

/// Initial consonants, longest first so that `ngh` wins over `ng` and `n`.
const INITIALS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Rimes (vowel nucleus + final), written without tone.
const RIMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at", //
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", //
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", //
    "e", "eo", "ec", "em", "en", "eng", "ep", "et", //
    "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu", //
    "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu", "iêc", "iêm", "iên", "iêng", "iêp",
    "iêt", "iêu", //
    "o", "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
    "oăc", "oăm", "oăn", "oăng", "oăt", "oc", "oe", "oen", "oeo", "oet", "oi", "om", "on", "ong",
    "ooc", "oong", "op", "ot", //
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", //
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", //
    "u", "ua", "uân", "uâng", "uât", "uây", "uc", "uê", "uêch", "uênh", "ui", "um", "un", "ung",
    "uơ", "uôc", "uôi", "uôm", "uôn", "uông", "uôt", "up", "ut", "uy", "uya", "uych", "uyên",
    "uyêt", "uyn", "uynh", "uyp", "uyt", "uyu", //
    "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu", "ươc", "ươi", "ươm", "ươn", "ương",
    "ươp", "ươt", "ươu", //
    "y", "yêm", "yên", "yêng", "yêt", "yêu",
];

/// Rimes that only follow `qu` (its `u` already spent: `quỳnh`, `quých`).
const QU_RIMES: &[&str] = &["ynh", "ych", "yt", "yn"];

/// Initials that must be followed by a front vowel (i, e, ê, y).
const FRONT_ONLY: &[&str] = &["k", "gh", "ngh"];
/// Initials that must not be followed by a front vowel.
const NOT_FRONT: &[&str] = &["c", "g", "ng"];

/// A letter of a word reduced to a symbol: ASCII lower case for plain letters,
/// digits for the modified ones (see [`sym_of`]).
#[derive(Debug, Clone, Copy)]
struct Letter {
    sym: u8,
    vowel: bool,
}

/// ă â ê ô ơ ư đ as single bytes, so rimes pack into integers.
fn sym_of_base(c: char) -> u8 {
    match c {
        'ă' => b'1',
        'â' => b'2',
        'ê' => b'3',
        'ô' => b'4',
        'ơ' => b'5',
        'ư' => b'6',
        'đ' => b'7',
        c if c.is_ascii_lowercase() => c as u8,
        _ => 0,
    }
}

fn is_modified(sym: u8) -> bool {
    matches!(sym, b'1'..=b'6')
}

fn is_vowel_sym(sym: u8) -> bool {
    matches!(sym, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'1'..=b'6')
}

fn pack(syms: &[u8]) -> Option<u64> {
    if syms.len() > 7 {
        return None;
    }
    Some(syms.iter().fold(0u64, |acc, &b| (acc << 8) | b as u64) | ((syms.len() as u64) << 56))
}

fn pack_str(s: &str) -> u64 {
    let syms: Vec<u8> = s.chars().map(sym_of_base).collect();
    pack(&syms).unwrap_or(0)
}

static RIME_SET: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut v: Vec<u64> = RIMES.iter().map(|r| pack_str(r)).collect();
    v.sort_unstable();
    v
});
static QU_RIME_SET: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut v: Vec<u64> = QU_RIMES.iter().map(|r| pack_str(r)).collect();
    v.sort_unstable();
    v
});
static INITIAL_SYMS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    INITIALS
        .iter()
        .map(|i| i.chars().map(sym_of_base).collect())
        .collect()
});

fn is_rime(syms: &[u8]) -> bool {
    pack(syms).is_some_and(|p| RIME_SET.binary_search(&p).is_ok())
}

fn is_qu_rime(syms: &[u8]) -> bool {
    pack(syms).is_some_and(|p| QU_RIME_SET.binary_search(&p).is_ok())
}

/// Which placement styles a word's tone satisfies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub tone: Tone,
    /// Char index of the letter carrying the tone, if any.
    pub tone_at: Option<usize>,
    /// Where the tone belongs in the classic style (`hòa`, `thủy`).
    pub classic: usize,
    /// Where the tone belongs in the modern style (`hoà`, `thuỷ`).
    pub modern: usize,
}

impl Parsed {
    /// The tone is where one of the accepted styles puts it (or there is none).
    pub fn placed_well(&self) -> bool {
        match self.tone_at {
            None => true,
            Some(i) => i == self.classic || i == self.modern,
        }
    }
}

const MAX_LETTERS: usize = 8;

/// The grammar, letter by letter; [`SYLLABLES`] is built from it and
/// [`parse`] only looks the result up.
#[cfg(test)]
fn parse_slow(word: &str) -> Option<Parsed> {
    let mut letters = [Letter {
        sym: 0,
        vowel: false,
    }; MAX_LETTERS];
    let mut n = 0;
    let mut tone = 0;
    let mut tone_at = None;
    for c in word.chars() {
        if n == MAX_LETTERS {
            return None;
        }
        let l = if let Some(v) = chars::vowel(c) {
            if v.tone != 0 {
                if tone_at.is_some() {
                    return None;
                }
                tone = v.tone;
                tone_at = Some(n);
            }
            Letter {
                sym: sym_of_base(chars::BASES[v.base as usize]),
                vowel: true,
            }
        } else {
            let sym = match c {
                'đ' | 'Đ' => b'7',
                c if c.is_ascii_alphabetic() => c.to_ascii_lowercase() as u8,
                _ => return None,
            };
            Letter { sym, vowel: false }
        };
        letters[n] = l;
        n += 1;
    }
    let letters = &letters[..n];
    let mut syms = [0u8; MAX_LETTERS];
    for (s, l) in syms.iter_mut().zip(letters) {
        *s = l.sym;
    }
    let syms = &syms[..n];
    // The longest initial is the only possible one: after any shorter prefix
    // of it comes a consonant, and no rime starts with a consonant.
    let init = INITIAL_SYMS
        .iter()
        .map(|v| v.as_slice())
        .find(|init| syms.starts_with(init))
        .unwrap_or(&[]);
    parse_with(letters, syms, init.len(), tone, tone_at)
}

/// Where the tone goes in a toneless syllable, and whether it ends in a stop.
#[derive(Debug, Clone, Copy)]
struct Slots {
    classic: u8,
    modern: u8,
    stop: bool,
}

/// Multiplicative hash for the packed syllable keys.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }
}

type KeyMap = std::collections::HashMap<u64, Slots, std::hash::BuildHasherDefault<KeyHasher>>;

/// Every well-formed toneless syllable (initial × rime, spelling rules
/// applied), packed as in [`pack`], with its tone slots.
static SYLLABLES: LazyLock<KeyMap> = LazyLock::new(|| {
    let mut map = KeyMap::default();
    let vowel = |b: u8| is_vowel_sym(b);
    let mut rimes: Vec<Vec<u8>> = RIMES
        .iter()
        .chain(QU_RIMES)
        .map(|r| r.chars().map(sym_of_base).collect())
        .collect();
    // `gi` absorbs the `i` of a rime: gì, gìn, giếng.
    let gi_rests: Vec<Vec<u8>> = rimes
        .iter()
        .filter(|r| r.first() == Some(&b'i'))
        .map(|r| r[1..].to_vec())
        .collect();
    rimes.extend(gi_rests);
    for init in INITIAL_SYMS.iter().map(|v| v.as_slice()).chain([&[][..]]) {
        for rime in &rimes {
            let syms: Vec<u8> = init.iter().chain(rime.iter()).copied().collect();
            if syms.is_empty() || syms.len() > 7 {
                continue;
            }
            let letters: Vec<Letter> = syms
                .iter()
                .map(|&b| Letter {
                    sym: b,
                    vowel: vowel(b),
                })
                .collect();
            let longest = INITIAL_SYMS
                .iter()
                .map(|v| v.as_slice())
                .find(|i| syms.starts_with(i))
                .map_or(0, |i| i.len());
            if let Some(p) = parse_with(&letters, &syms, longest, SAC, None) {
                let stop = parse_with(&letters, &syms, longest, 0, None).is_none();
                if let Some(key) = pack(&syms) {
                    map.insert(
                        key,
                        Slots {
                            classic: p.classic as u8,
                            modern: p.modern as u8,
                            stop,
                        },
                    );
                }
            }
        }
    }
    map
});

/// Parse a word (letters only, NFC, any case) as one syllable, ignoring where
/// the tone sits. `None` if it is not a well-formed Vietnamese syllable.
pub fn parse(word: &str) -> Option<Parsed> {
    let table = chars::table();
    let mut key = 0u64;
    let mut n = 0u64;
    let mut tone = 0;
    let mut tone_at = None;
    for c in word.chars() {
        if n == 7 {
            return None;
        }
        let sym = if c.is_ascii() {
            if !c.is_ascii_alphabetic() {
                return None;
            }
            c.to_ascii_lowercase() as u8
        } else if let Some(v) = chars::vowel_in(table, c) {
            if v.tone != 0 {
                if tone_at.is_some() {
                    return None;
                }
                tone = v.tone;
                tone_at = Some(n as usize);
            }
            VOWEL_SYMS[v.base as usize]
        } else if c == 'đ' || c == 'Đ' {
            b'7'
        } else {
            return None;
        };
        key = (key << 8) | sym as u64;
        n += 1;
    }
    let slots = SYLLABLES.get(&(key | (n << 56)))?;
    if slots.stop && tone != SAC && tone != NANG {
        return None;
    }
    Some(Parsed {
        tone,
        tone_at,
        classic: slots.classic as usize,
        modern: slots.modern as usize,
    })
}

/// [`sym_of_base`] of each of [`chars::BASES`].
const VOWEL_SYMS: [u8; 12] = [
    b'a', b'1', b'2', b'e', b'3', b'i', b'o', b'4', b'5', b'u', b'6', b'y',
];

fn parse_with(
    letters: &[Letter],
    syms: &[u8],
    init_len: usize,
    tone: Tone,
    tone_at: Option<usize>,
) -> Option<Parsed> {
    let init = &syms[..init_len];
    let rest = &syms[init_len..];
    let nucleus_start;
    let rime: &[u8];
    let mut buf = [0u8; MAX_LETTERS + 1];
    match init {
        b"gi" => {
            // `gì`, `giữ`, `giếng` (= gi + iêng), `gìn` (= gi + in).
            if rest.is_empty() {
                nucleus_start = 1;
                rime = b"i";
            } else if is_rime(rest) && is_vowel_sym(rest[0]) {
                nucleus_start = 2;
                rime = rest;
            } else {
                buf[0] = b'i';
                buf[1..=rest.len()].copy_from_slice(rest);
                nucleus_start = 1;
                rime = &buf[..=rest.len()];
                if !is_rime(rime) {
                    return None;
                }
            }
        }
        b"qu" => {
            if rest.is_empty() || matches!(rest[0], b'u' | b'6' | b'o') {
                return None;
            }
            if !(is_rime(rest) || is_qu_rime(rest)) {
                return None;
            }
            nucleus_start = 2;
            rime = rest;
        }
        _ => {
            if !is_rime(rest) {
                return None;
            }
            let front = matches!(rest[0], b'i' | b'e' | b'3' | b'y');
            let init_str = std::str::from_utf8(init).unwrap_or("");
            if FRONT_ONLY.contains(&init_str) && !front {
                return None;
            }
            if NOT_FRONT.contains(&init_str) && front {
                return None;
            }
            nucleus_start = init_len;
            rime = rest;
        }
    }
    // Stop finals take only sắc or nặng.
    let stop = rime.ends_with(b"c") || rime.ends_with(b"p") || rime.ends_with(b"t");
    let stop = stop || rime.ends_with(b"ch");
    if stop && tone != SAC && tone != NANG {
        return None;
    }
    // Nucleus: the vowels from nucleus_start on; the rest are finals.
    let mut end = nucleus_start;
    while end < letters.len() && letters[end].vowel {
        end += 1;
    }
    if end == nucleus_start {
        return None;
    }
    let has_final = end < letters.len();
    let (classic, modern) = tone_slot(&letters[nucleus_start..end], has_final);
    Some(Parsed {
        tone,
        tone_at,
        classic: nucleus_start + classic,
        modern: nucleus_start + modern,
    })
}

/// Index within the nucleus where the tone goes: (classic, modern).
fn tone_slot(nucleus: &[Letter], has_final: bool) -> (usize, usize) {
    if let Some(i) = nucleus.iter().rposition(|l| is_modified(l.sym)) {
        return (i, i);
    }
    let n = nucleus.len();
    if has_final {
        return (n - 1, n - 1);
    }
    match n {
        1 => (0, 0),
        2 => {
            let pair = [nucleus[0].sym, nucleus[1].sym];
            if matches!(&pair, b"oa" | b"oe" | b"uy") {
                (0, 1)
            } else {
                (0, 0)
            }
        }
        _ => (1, 1),
    }
}

/// A well-formed syllable with its tone where an accepted style puts it.
pub fn is_well_formed(word: &str) -> bool {
    parse(word).is_some_and(|p| p.placed_well())
}

/// Characters trimmed from the ends of a token before judging it: quotes and
/// dashes that sit next to words in running text.
fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '‘' | '’' | '«' | '»' | '…' | '–' | '—' | '•' | '·' | '\u{a0}'
    )
}

/// Token boundaries for judging text: whitespace and ASCII punctuation. Legacy
/// encodings never put letters on ASCII punctuation, so tokens of damaged text
/// stay whole (`Ch­¬ng` is one token).
#[inline]
pub fn is_token_break(c: char) -> bool {
    if c.is_ascii() {
        ASCII_BREAK[c as usize]
    } else {
        c.is_whitespace()
    }
}

/// ASCII whitespace and punctuation.
const ASCII_BREAK: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = c.is_ascii_whitespace() || c == 0x0B || c.is_ascii_punctuation();
        i += 1;
    }
    t
};

/// Token boundaries when deciding between legacy decodings: NBSP is not one,
/// since in UTF-8 read as Windows-1252 it is the second byte of `à` (`HoÃ\u{a0}ng`).
#[inline]
pub fn is_strict_break(c: char) -> bool {
    c != '\u{a0}' && is_token_break(c)
}

/// Byte ranges of the tokens of `s`.
pub fn tokens(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    tokens_by(s, is_token_break)
}

/// Byte ranges of the tokens of `s`, split where `brk` says.
pub fn tokens_by<'a, F: Fn(char) -> bool + Copy + 'a>(
    s: &'a str,
    brk: F,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let bytes = s.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    // (is a break, length) of the character at byte `i`. Vietnamese letters
    // (lead bytes C3..DF, E1 BA/BB) never break; other non-ASCII is decoded.
    let at = move |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b < 0x80 {
            return (brk(b as char), 1);
        }
        let n = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        // Non-ASCII whitespace: U+0085, U+00A0 (C2 85, C2 A0), U+1680 (E1 9A 80),
        // U+2000..U+205F (E2 80/81 ..), U+3000 (E3 80 80).
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let may_break = match b {
            0xC2 => next == 0x85 || next == 0xA0,
            0xE1 => next == 0x9A,
            0xE2 => next == 0x80 || next == 0x81,
            0xE3 => next == 0x80,
            _ => false,
        };
        if !may_break {
            return (false, n);
        }
        match s.get(i..).and_then(|t| t.chars().next()) {
            Some(c) => (brk(c), c.len_utf8()),
            None => (false, 1),
        }
    };
    std::iter::from_fn(move || {
        while i < len {
            let (br, n) = at(i);
            if !br {
                break;
            }
            i += n;
        }
        if i >= len {
            return None;
        }
        let start = i;
        while i < len {
            let (br, n) = at(i);
            if br {
                break;
            }
            i += n;
        }
        Some((start, i.min(len)))
    })
}

/// A token found by [`scan_strict_tokens`].
#[derive(Debug, Clone, Copy)]
pub struct ScannedToken {
    pub start: usize,
    pub end: usize,
    pub ascii: bool,
    /// [`parse`] of the token (always `None` for ASCII tokens, which the
    /// caller judges itself).
    pub parsed: Option<Parsed>,
}

/// The tokens of [`tokens_by`] with [`is_strict_break`], each already
/// [`parse`]d, in one pass over the bytes: the clean-line check of the
/// normalize stage runs this on every line, so tokenizing, UTF-8 decoding and
/// parsing are fused rather than done one after the other.
///
/// `stop` is asked of every non-ASCII character's lead byte and the next
/// byte; when it says yes the scan ends and returns `false`. `f` is called
/// for every token; when it returns `false` the scan ends likewise.
pub fn scan_strict_tokens(
    line: &str,
    stop: impl Fn(u8, u8) -> bool,
    mut f: impl FnMut(ScannedToken) -> bool,
) -> bool {
    // This runs on every line, raw and decoded, and was the largest function
    // of the program at some 20 cycles a byte. So a token's leading ASCII
    // letters and digits are read eight bytes at a time (whole ASCII tokens,
    // common, need nothing more), and the rest in two tight loops: while it
    // may still be a syllable (letters only, at most seven, one tone), each
    // letter goes straight from its bytes to its grammar symbol through
    // [`SCAN_LETTERS`]; once it no longer may, the rest is only scanned for
    // the token's end.
    let b = line.as_bytes();
    let len = b.len();
    let letters = &*SCAN_LETTERS;
    let syllables = &*SYLLABLES;
    let mut i = 0;
    loop {
        while i < len && BYTE_CLASS[b[i] as usize] == BREAK {
            i += 1;
        }
        if i == len {
            return true;
        }
        let start = i;
        let (mut key, mut n, mut tone, mut tone_at, mut ascii) = (0u64, 0u64, 0, None, true);
        // Whether the token may be a syllable, and the width of the break
        // that ends it (0 at the end of the line).
        let mut ok = true;
        let mut brk = 0;
        // An eighth letter, or a digit, and it is no syllable.
        let run = alnum_run(b, i);
        if run.digit || run.len == 8 {
            ok = false;
        } else {
            key = run.key;
            n = run.len;
        }
        i += run.len as usize;
        while let Some(&x) = b.get(i).filter(|_| ok) {
            match BYTE_CLASS[x as usize] {
                LETTER if n < 7 => {
                    key = (key << 8) | (x | 0x20) as u64;
                    n += 1;
                    i += 1;
                }
                BREAK => {
                    brk = 1;
                    break;
                }
                WIDE => {
                    let next = b.get(i + 1).copied().unwrap_or(0);
                    if stop(x, next) {
                        return false;
                    }
                    let (w, is_break) = wide_char(b, i, x, next);
                    if is_break {
                        brk = w;
                        break;
                    }
                    ascii = false;
                    i += w;
                    let entry = letter_entry(letters, b, i - w, x, next, w);
                    let t = (entry >> 8) as Tone;
                    if entry == 0 || n == 7 || (t != 0 && tone_at.is_some()) {
                        ok = false;
                        break;
                    }
                    if t != 0 {
                        tone = t;
                        tone_at = Some(n as usize);
                    }
                    key = (key << 8) | (entry & 0xFF) as u64;
                    n += 1;
                }
                // Other ASCII, or an eighth letter.
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            while let Some(&x) = b.get(i) {
                match BYTE_CLASS[x as usize] {
                    BREAK => {
                        brk = 1;
                        break;
                    }
                    WIDE => {
                        let next = b.get(i + 1).copied().unwrap_or(0);
                        if stop(x, next) {
                            return false;
                        }
                        let (w, is_break) = wide_char(b, i, x, next);
                        if is_break {
                            brk = w;
                            break;
                        }
                        ascii = false;
                        i += w;
                    }
                    _ => i += 1,
                }
            }
        }
        let end = i;
        i += brk;
        if end == start {
            // A non-ASCII break between tokens.
            continue;
        }
        let parsed = if ascii || !ok {
            None
        } else {
            syllables.get(&(key | (n << 56))).and_then(|slots| {
                (!slots.stop || tone == SAC || tone == NANG).then_some(Parsed {
                    tone,
                    tone_at,
                    classic: slots.classic as usize,
                    modern: slots.modern as usize,
                })
            })
        };
        let token = ScannedToken {
            start,
            end,
            ascii,
            parsed,
        };
        if !f(token) {
            return false;
        }
    }
}

/// The ASCII letters and digits at the start of a slice of a token, up to
/// eight, found eight bytes at a time: runs of ASCII letters have random
/// lengths, and a loop that ends after each would mispredict its end.
struct AlnumRun {
    /// How many bytes (8: maybe more follow).
    len: u64,
    /// Whether one of them is a digit.
    digit: bool,
    /// The bytes in lower case, the first the most significant (the keys of
    /// [`SYLLABLES`]); meaningful for letters only.
    key: u64,
}

/// The [`AlnumRun`] at byte `i` of `b`.
#[inline(always)]
fn alnum_run(b: &[u8], i: usize) -> AlnumRun {
    // Past the end, zeros: not letters or digits. Near the end, the last
    // eight bytes shifted (a copy of the rest would call `memcpy`).
    let rest = b.get(i..).unwrap_or_default();
    let chunk = match (rest.first_chunk::<8>(), b.last_chunk::<8>()) {
        (Some(c), _) => u64::from_le_bytes(*c),
        (None, Some(last)) => u64::from_le_bytes(*last)
            .checked_shr(8 * (8 - rest.len()) as u32)
            .unwrap_or(0),
        (None, None) => rest.iter().rev().fold(0, |c, &x| (c << 8) | x as u64),
    };
    let ascii = !chunk & HIGH;
    let low7 = chunk & !HIGH;
    let lower = low7 | (ONES * 0x20);
    let digits = bytes_in(low7, b'0', b'9') & ascii;
    let letters = bytes_in(lower, b'a', b'z') & ascii;
    let others = !(digits | letters) & HIGH;
    let len = (others.trailing_zeros() / 8) as u64;
    // The high bits of the run's bytes and the first other byte.
    let run_bits = others ^ others.wrapping_sub(1);
    AlnumRun {
        len,
        digit: digits & run_bits != 0,
        key: lower
            .swap_bytes()
            .checked_shr(64 - 8 * len as u32)
            .unwrap_or(0),
    }
}

/// [`BYTE_CLASS`] values: an ASCII letter, other ASCII that is not a break,
/// an ASCII break, the lead byte of a non-ASCII character.
const LETTER: u8 = 0;
const OTHER: u8 = 1;
const BREAK: u8 = 2;
const WIDE: u8 = 3;

/// The class of each byte of UTF-8 text for [`scan_strict_tokens`]
/// (continuation bytes are never looked up).
const BYTE_CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = if ASCII_BREAK[i] {
            BREAK
        } else if (i as u8).is_ascii_alphabetic() {
            LETTER
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// Width of the non-ASCII character at byte `i` of `b` (lead byte `x`, next
/// byte `next`), and whether it is an [`is_strict_break`]. Only U+0085 and
/// the whitespace of U+1680, U+2000..U+207F and U+3000..U+303F are breaks
/// (NBSP is not a strict break), so other characters are not decoded.
#[inline(always)]
fn wide_char(b: &[u8], i: usize, x: u8, next: u8) -> (usize, bool) {
    match x {
        0..=0xDF => (2, x == 0xC2 && next == 0x85),
        0xE0..=0xEF => {
            let may_break = match x {
                0xE1 => next == 0x9A,
                0xE2 => next == 0x80 || next == 0x81,
                0xE3 => next == 0x80,
                _ => false,
            };
            let is_break = may_break
                && char::from_u32(three_byte_code(b, i, x, next)).is_some_and(is_strict_break);
            (3, is_break)
        }
        _ => (4, false),
    }
}

/// The code point of the three-byte character at byte `i` of `b`.
#[inline(always)]
fn three_byte_code(b: &[u8], i: usize, x: u8, next: u8) -> u32 {
    let last = b.get(i + 2).copied().unwrap_or(0x80);
    ((x as u32 & 0x0F) << 12) | ((next as u32 & 0x3F) << 6) | (last as u32 & 0x3F)
}

/// The [`SCAN_LETTERS`] entry of the `w`-byte character at byte `i` of `b`
/// (0 when it is no letter of a syllable). Letters are below U+2000: two
/// bytes, or three with lead byte E0 or E1.
#[inline(always)]
fn letter_entry(letters: &[u16], b: &[u8], i: usize, x: u8, next: u8, w: usize) -> u16 {
    let code = match w {
        2 => ((x as u32 & 0x1F) << 6) | (next as u32 & 0x3F),
        3 if x <= 0xE1 => three_byte_code(b, i, x, next),
        _ => return 0,
    };
    letters.get(code as usize).copied().unwrap_or(0)
}

/// Code points below this bound can be letters of a syllable (the vowels of
/// [`chars::table`] and `đ` `Đ`).
const SCAN_LETTERS_LIMIT: u32 = 0x2000;

/// For each code point below [`SCAN_LETTERS_LIMIT`]: 0 if it is not a
/// non-ASCII letter of a syllable, else its grammar symbol (as in [`parse`])
/// plus its tone times 256.
static SCAN_LETTERS: LazyLock<Vec<u16>> = LazyLock::new(|| {
    let table = chars::table();
    (0..SCAN_LETTERS_LIMIT)
        .map(|u| match char::from_u32(u) {
            Some(c) if !c.is_ascii() => {
                if let Some(v) = chars::vowel_in(table, c) {
                    VOWEL_SYMS[v.base as usize] as u16 | (v.tone as u16) << 8
                } else if c == 'đ' || c == 'Đ' {
                    b'7' as u16
                } else {
                    0
                }
            }
            _ => 0,
        })
        .collect()
});

/// How a token counts for the quality score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    /// Not Vietnamese-looking: ASCII, numbers, codes, abbreviations, symbols.
    Ignored,
    Valid,
    Invalid,
}

/// Judge one token (see [`quality`]), quotes and dashes at its ends trimmed.
pub fn judge(token: &str) -> Judged {
    judge_core(token.trim_matches(is_edge_punct))
}

/// Judge a token as it stands: for deciding between legacy decodings, where
/// `‘` `”` `…` at a word's end are often bytes of a letter (`sá»‘` = `số`).
pub fn judge_strict(token: &str) -> Judged {
    judge_core(token)
}

fn judge_core(t: &str) -> Judged {
    judge_unparsed(t, false)
}

/// [`judge_core`]; `not_syllable`: `t` is known not to [`parse`].
fn judge_unparsed(t: &str, not_syllable: bool) -> Judged {
    // A footnote number glued to a word (`hàng1`) does not make it a code.
    let letters = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let (t, trimmed) = if !letters.is_empty() && letters.len() + 2 >= t.len() {
        (letters, letters.len() != t.len())
    } else {
        (t, false)
    };
    if t.is_empty() || t.is_ascii() {
        return Judged::Ignored;
    }
    // The common case first: a well-formed syllable.
    if let Some(p) = (trimmed || !not_syllable).then(|| parse(t)).flatten() {
        return if p.placed_well() {
            Judged::Valid
        } else {
            Judged::Invalid
        };
    }
    letter_classes(t)
}

/// The judgment of a token that does not parse, by its characters: a digit
/// makes it a number or code; no letter, or ASCII consonants only (an
/// abbreviation), makes it not Vietnamese-looking; else it is an ill-formed
/// syllable.
///
/// The answer does not depend on the order of the characters, only on which
/// classes occur (`CLASS_*`), so the token is walked as bytes with
/// ASCII classes from a table and only non-ASCII characters decoded; once
/// the answer can only still change by a digit, the rest is just searched for
/// one (legacy trial readings are mostly such tokens: `ChÆ°Æ¡ng`). This runs
/// on every unparsed token of every legacy trial reading.
fn letter_classes(t: &str) -> Judged {
    let b = t.as_bytes();
    let mut seen = 0u8;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            seen |= ASCII_CLASSES[x as usize];
            i += 1;
        } else {
            let Some(c) = t.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            seen |= if chars::vowel(c).is_some() {
                CLASS_VOWEL | CLASS_ALPHA
            } else if c == 'đ' || c == 'Đ' {
                CLASS_ALPHA
            } else if chars::is_letter(c) {
                CLASS_ALPHA | CLASS_NOT_ABBREV
            } else {
                CLASS_NOT_ABBREV
            };
            i += c.len_utf8();
        }
        if seen & CLASS_DIGIT != 0 {
            return Judged::Ignored;
        }
        if settled_invalid(seen) {
            return if has_ascii_digit(b.get(i..).unwrap_or_default()) {
                Judged::Ignored
            } else {
                Judged::Invalid
            };
        }
    }
    // No digit, and not yet settled: only ASCII consonants, đ, or no letter.
    Judged::Ignored
}

/// Whether `b` has an ASCII digit, looked for eight bytes at a time: the
/// rest of a token [`letter_classes`] has settled is searched for one.
#[inline(always)]
fn has_ascii_digit(b: &[u8]) -> bool {
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let v = c.first_chunk::<8>().map_or(0, |c| u64::from_le_bytes(*c));
        if bytes_in(v & !HIGH, b'0', b'9') & !v & HIGH != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(u8::is_ascii_digit)
}

/// Classes of characters for [`letter_classes`]: a digit; a letter; a vowel
/// letter; a character that cannot be in an abbreviation (anything but ASCII
/// letters and `đ` `Đ`).
const CLASS_DIGIT: u8 = 1;
const CLASS_ALPHA: u8 = 2;
const CLASS_VOWEL: u8 = 4;
const CLASS_NOT_ABBREV: u8 = 8;

/// Without a digit, a token with these classes is an ill-formed syllable: it
/// has a vowel, or a letter and something an abbreviation cannot have.
#[inline(always)]
fn settled_invalid(seen: u8) -> bool {
    seen & CLASS_VOWEL != 0
        || seen & (CLASS_ALPHA | CLASS_NOT_ABBREV) == CLASS_ALPHA | CLASS_NOT_ABBREV
}

/// The [`letter_classes`] classes of each ASCII byte.
const ASCII_CLASSES: [u8; 128] = {
    let mut t = [CLASS_NOT_ABBREV; 128];
    let mut i = 0;
    while i < 128 {
        let c = (i as u8).to_ascii_lowercase();
        if c.is_ascii_digit() {
            t[i] = CLASS_DIGIT;
        } else if c.is_ascii_lowercase() {
            t[i] = match c {
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => CLASS_ALPHA | CLASS_VOWEL,
                _ => CLASS_ALPHA,
            };
        }
        i += 1;
    }
    t
};

/// Counts of valid and invalid Vietnamese-looking tokens.
pub fn counts(text: &str) -> (usize, usize) {
    // The strict tokens of one fused scan, each split further only where
    // the lenient judgment differs (see [`lenient_counts`]).
    let nbsp = crate::bytescan::has_nbsp(text);
    let (mut good, mut bad) = (0, 0);
    scan_strict_tokens(
        text,
        |_, _| false,
        |t| {
            let strict = judge_scanned(text, &t);
            let (g, b) = lenient_counts(&text[t.start..t.end], strict, nbsp);
            good += g;
            bad += b;
            true
        },
    );
    (good, bad)
}

/// Counts with tokens judged as they stand (see [`judge_strict`]).
pub fn counts_strict(text: &str) -> (usize, usize) {
    let (mut good, mut bad) = (0, 0);
    scan_strict_tokens(
        text,
        |_, _| false,
        |t| {
            match judge_scanned(text, &t) {
                Judged::Valid => good += 1,
                Judged::Invalid => bad += 1,
                Judged::Ignored => {}
            }
            true
        },
    );
    (good, bad)
}

/// [`judge_strict`] of a token of `text` found by [`scan_strict_tokens`],
/// using the parse the scan already made.
#[inline]
pub fn judge_scanned(text: &str, t: &ScannedToken) -> Judged {
    if t.ascii {
        return Judged::Ignored;
    }
    match t.parsed {
        Some(p) if p.placed_well() => Judged::Valid,
        Some(_) => Judged::Invalid,
        None => {
            let tok = &text[t.start..t.end];
            // The common case (most tokens of legacy trial readings): with no
            // digit at its end for [`judge_unparsed`] to trim, a token that
            // is not ASCII and does not parse is judged by its characters
            // alone, without the trimming and checks around them.
            if tok.as_bytes().last().is_some_and(|x| !x.is_ascii_digit()) {
                letter_classes(tok)
            } else {
                judge_unparsed(tok, true)
            }
        }
    }
}

/// The valid and invalid counts [`counts`] gives to the text of one token of
/// [`counts_strict`]: the same judgment, unless the token holds an NBSP (a
/// break for [`counts`]) or starts or ends with what [`judge`] trims. So
/// one pass over a line gives both counts. `nbsp`: the line has an NBSP.
pub fn lenient_counts(token: &str, strict: Judged, nbsp: bool) -> (usize, usize) {
    let tally = |j| match j {
        Judged::Valid => (1, 0),
        Judged::Invalid => (0, 1),
        Judged::Ignored => (0, 0),
    };
    let edge = |c: Option<char>| c.is_some_and(is_edge_punct);
    let b = token.as_bytes();
    let ends_may_trim =
        b.first().is_some_and(|&x| x >= 0x80) || b.last().is_some_and(|&x| x >= 0x80);
    let trims = ends_may_trim && (edge(token.chars().next()) || edge(token.chars().next_back()));
    let split = nbsp && crate::bytescan::has_nbsp(token);
    if !trims && !split {
        return tally(strict);
    }
    tokens_by(token, is_token_break).fold((0, 0), |(g, b), (x, y)| {
        let (dg, db) = tally(judge(&token[x..y]));
        (g + dg, b + db)
    })
}

/// [`counts`] as it is defined: lenient tokens, each judged by [`judge`].
#[cfg(test)]
fn counts_with(text: &str, judge: fn(&str) -> Judged, brk: fn(char) -> bool) -> (usize, usize) {
    let (mut good, mut bad) = (0, 0);
    for (s, e) in tokens_by(text, brk) {
        match judge(&text[s..e]) {
            Judged::Valid => good += 1,
            Judged::Invalid => bad += 1,
            Judged::Ignored => {}
        }
    }
    (good, bad)
}

/// Share of Vietnamese-looking tokens (tokens with a non-ASCII letter that are
/// not numbers, codes or abbreviations) that are well-formed syllables with the
/// tone where an accepted style puts it. 1.0 when there are none. Rounded to
/// three decimals.
pub fn quality(text: &str) -> f64 {
    let (good, bad) = counts(text);
    ratio(good, bad)
}

pub fn ratio(good: usize, bad: usize) -> f64 {
    if good + bad == 0 {
        1.0
    } else {
        (good as f64 / (good + bad) as f64 * 1000.0).round() / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`letter_classes`] as it was first written: every character looked at.
    fn letter_classes_reference(t: &str) -> Judged {
        let mut alpha = false;
        let mut vowel = false;
        let mut abbrev_letters = true;
        for c in t.chars() {
            if c.is_ascii() {
                if c.is_ascii_digit() {
                    return Judged::Ignored;
                }
                if c.is_ascii_alphabetic() {
                    alpha = true;
                    vowel |= matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
                } else {
                    abbrev_letters = false;
                }
            } else if chars::vowel(c).is_some() {
                alpha = true;
                vowel = true;
                abbrev_letters = false;
            } else if c == 'đ' || c == 'Đ' {
                alpha = true;
            } else {
                abbrev_letters = false;
                alpha |= chars::is_letter(c);
            }
        }
        if !alpha || (abbrev_letters && !vowel) {
            return Judged::Ignored;
        }
        Judged::Invalid
    }

    #[test]
    fn letter_classes_is_its_definition() {
        let samples = [
            "",
            "a",
            "TTg",
            "HTX",
            "ChÆ°Æ¡ng",
            "Ch\u{AD}¬ng",
            "tr×nh",
            "x·",
            "Vie\u{301}\u{302}t",
            "đ",
            "Đ2",
            "đk",
            "kđ",
            "ab-c",
            "-a",
            "a-",
            "Æ1",
            "1Æ",
            "ÆÆ",
            "×÷",
            "¬¬a",
            "hàng1x",
            "ườ",
            "ABCé",
            "é9",
            "K\u{301}",
            "ªº",
            "μ",
            "Ω",
            "中文",
            "a\u{2010}b",
            "--",
            "a.b.c2",
        ];
        for t in samples {
            assert_eq!(letter_classes(t), letter_classes_reference(t), "{t:?}");
        }
        // Every pair of characters from a sample alphabet.
        let alphabet = [
            'a', 'b', 'K', '1', '-', '.', 'đ', 'Đ', 'é', 'Æ', '×', '\u{301}', 'ª', '中', 'ư',
        ];
        for x in alphabet {
            for y in alphabet {
                for z in alphabet {
                    let t: String = [x, y, z].iter().collect();
                    assert_eq!(letter_classes(&t), letter_classes_reference(&t), "{t:?}");
                }
            }
        }
    }

    /// [`scan_strict_tokens`] as it was first written: one loop over the
    /// bytes, every non-ASCII character decoded to a `char` and looked up.
    fn scan_strict_tokens_reference(
        line: &str,
        stop: impl Fn(u8, u8) -> bool,
        mut f: impl FnMut(ScannedToken) -> bool,
    ) -> bool {
        let b = line.as_bytes();
        let len = b.len();
        let table = chars::table();
        let syllables = &*SYLLABLES;
        let mut i = 0;
        let mut start = None;
        let (mut key, mut n, mut tone, mut tone_at, mut ok, mut ascii) =
            (0u64, 0u64, 0, None, true, true);
        let mut finish = |start: usize,
                          end: usize,
                          key: u64,
                          n: u64,
                          tone: Tone,
                          tone_at,
                          ok: bool,
                          ascii: bool| {
            let parsed = if ascii || !ok {
                None
            } else {
                syllables.get(&(key | (n << 56))).and_then(|slots| {
                    (!slots.stop || tone == SAC || tone == NANG).then_some(Parsed {
                        tone,
                        tone_at,
                        classic: slots.classic as usize,
                        modern: slots.modern as usize,
                    })
                })
            };
            f(ScannedToken {
                start,
                end,
                ascii,
                parsed,
            })
        };
        while i < len {
            let x = b[i];
            if x < 0x80 {
                if ASCII_BREAK[x as usize] {
                    if let Some(s) = start.take() {
                        if !finish(s, i, key, n, tone, tone_at, ok, ascii) {
                            return false;
                        }
                    }
                } else {
                    if start.is_none() {
                        start = Some(i);
                        (key, n, tone, tone_at, ok, ascii) = (0, 0, 0, None, true, true);
                    }
                    if ok {
                        if n == 7 || !x.is_ascii_alphabetic() {
                            ok = false;
                        } else {
                            key = (key << 8) | (x | 0x20) as u64;
                            n += 1;
                        }
                    }
                }
                i += 1;
                continue;
            }
            let next = b.get(i + 1).copied().unwrap_or(0);
            if stop(x, next) {
                return false;
            }
            // `line` is valid UTF-8: decode the character from its bytes.
            let byte = |k: usize| (b.get(i + k).copied().unwrap_or(0x80) & 0x3F) as u32;
            let (w, code) = match x {
                0xC0..=0xDF => (2, ((x as u32 & 0x1F) << 6) | byte(1)),
                0xE0..=0xEF => (3, ((x as u32 & 0x0F) << 12) | (byte(1) << 6) | byte(2)),
                _ => (
                    4,
                    ((x as u32 & 0x07) << 18) | (byte(1) << 12) | (byte(2) << 6) | byte(3),
                ),
            };
            let c = char::from_u32(code).unwrap_or('\u{FFFD}');
            let may_break = match x {
                0xC2 => next == 0x85 || next == 0xA0,
                0xE1 => next == 0x9A,
                0xE2 => next == 0x80 || next == 0x81,
                0xE3 => next == 0x80,
                _ => false,
            };
            if may_break && is_strict_break(c) {
                if let Some(s) = start.take() {
                    if !finish(s, i, key, n, tone, tone_at, ok, ascii) {
                        return false;
                    }
                }
                i += w;
                continue;
            }
            if start.is_none() {
                start = Some(i);
                (key, n, tone, tone_at, ok) = (0, 0, 0, None, true);
            }
            ascii = false;
            if ok {
                let sym = if n == 7 {
                    None
                } else if let Some(v) = chars::vowel_in(table, c) {
                    if v.tone != 0 {
                        if tone_at.is_some() {
                            ok = false;
                        }
                        tone = v.tone;
                        tone_at = Some(n as usize);
                    }
                    Some(VOWEL_SYMS[v.base as usize])
                } else if c == 'đ' || c == 'Đ' {
                    Some(b'7')
                } else {
                    None
                };
                match sym {
                    Some(sym) if ok => {
                        key = (key << 8) | sym as u64;
                        n += 1;
                    }
                    _ => ok = false,
                }
            }
            i += w;
        }
        match start {
            Some(s) => finish(s, len, key, n, tone, tone_at, ok, ascii),
            None => true,
        }
    }

    /// One call of a scan's callbacks, in order.
    #[derive(Debug, PartialEq)]
    enum ScanEvent {
        Stop(u8, u8),
        Token(usize, usize, bool, Option<Parsed>),
    }

    /// The calls [`scan_strict_tokens`] (`fast`) or the reference makes on
    /// `text`, and what it returns, with a `stop` that says yes on
    /// `stop_on` and an `f` that says no to token number `last` (from 1).
    fn scan_log(
        fast: bool,
        text: &str,
        stop_on: Option<(u8, u8)>,
        last: usize,
    ) -> (Vec<ScanEvent>, bool) {
        let log = std::cell::RefCell::new(Vec::new());
        let stop = |x: u8, next: u8| {
            log.borrow_mut().push(ScanEvent::Stop(x, next));
            stop_on == Some((x, next))
        };
        let mut tokens = 0;
        let f = |t: ScannedToken| {
            log.borrow_mut()
                .push(ScanEvent::Token(t.start, t.end, t.ascii, t.parsed));
            tokens += 1;
            tokens < last
        };
        let r = if fast {
            scan_strict_tokens(text, stop, f)
        } else {
            scan_strict_tokens_reference(text, stop, f)
        };
        (log.into_inner(), r)
    }

    fn assert_scans_agree(text: &str, stop_on: Option<(u8, u8)>, last: usize) {
        assert_eq!(
            scan_log(true, text, stop_on, last),
            scan_log(false, text, stop_on, last),
            "{text:?} {stop_on:?} {last}"
        );
        // And the judgment from the scan is the judgment of the token.
        scan_strict_tokens(
            text,
            |_, _| false,
            |t| {
                let tok = &text[t.start..t.end];
                assert_eq!(judge_scanned(text, &t), judge_strict(tok), "{tok:?}");
                true
            },
        );
    }

    /// The texts of the fixtures, each also in NFD, and the lines of the
    /// legacy fixtures read by every legacy code.
    fn fixture_texts() -> Vec<String> {
        use unicode_normalization::UnicodeNormalization;
        let mut texts = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                if dir.ends_with("legacy") {
                    for code in super::super::legacy::Legacy::ALL {
                        let decoded: Vec<String> = text
                            .lines()
                            .map(|l| super::super::legacy::decode(l, code))
                            .collect();
                        texts.push(decoded.join("\n"));
                    }
                }
                texts.push(text.nfd().collect());
                texts.push(text);
            }
        }
        texts
    }

    #[test]
    fn has_ascii_digit_is_its_definition() {
        // Bytes whose low seven bits are digits (0xB0..0xB9) must not count.
        let alphabet = [b'0', b'9', b'a', b'/', b':', 0xB0, 0xB5, 0xB9, 0xC3, 0x80];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 20) as usize;
            let b: Vec<u8> = (0..len)
                .map(|k| {
                    let pick = (state >> (k * 3 % 60)) as usize % alphabet.len();
                    // Digits rarely, so most slices have none.
                    if pick < 2 && (state >> 61) != 0 {
                        b'a'
                    } else {
                        alphabet[pick]
                    }
                })
                .collect();
            assert_eq!(
                has_ascii_digit(&b),
                b.iter().any(u8::is_ascii_digit),
                "{b:?}"
            );
        }
    }

    #[test]
    fn letter_classes_is_its_definition_on_fixtures() {
        // Every token of every fixture (legacy ones also in each trial
        // reading), and every suffix of it, which starts mid-token.
        for text in &fixture_texts() {
            for (s, e) in tokens_by(text, is_strict_break) {
                let tok = &text[s..e];
                for (i, _) in tok.char_indices() {
                    let t = &tok[i..];
                    assert_eq!(letter_classes(t), letter_classes_reference(t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn scan_strict_tokens_is_its_definition_on_fixtures() {
        let texts = fixture_texts();
        assert!(texts.len() > 200);
        for text in &texts {
            assert_scans_agree(text, None, usize::MAX);
            for line in text.lines() {
                assert_scans_agree(line, None, usize::MAX);
                // Stop at the first combining mark, and after the third call.
                assert_scans_agree(line, Some((0xCC, 0x81)), usize::MAX);
                assert_scans_agree(line, None, 3);
            }
        }
    }

    #[test]
    fn scan_strict_tokens_is_its_definition_on_generated_text() {
        // Pieces: ASCII letters, digits and punctuation, Vietnamese letters
        // of both cases (up to eight letters a word), Latin-1 and legacy
        // leftovers, combining marks, every kind of non-ASCII break and
        // non-breaks next to them, wide characters.
        let mut pieces: Vec<String> = [
            "a",
            "B",
            "z",
            "Q",
            "ng",
            "NGH",
            "qu",
            "gi",
            "1",
            "09",
            "-",
            ".",
            "/",
            " ",
            "\t",
            "\n",
            "\u{b}",
            "_",
            "@",
            "~",
            "\u{7f}",
            "\u{0}",
            "đ",
            "Đ",
            "ươ",
            "ƯỜ",
            "iê",
            "khuỷu",
            "nghiêng",
            "nghiêngg",
            "ngườii",
            "\u{a0}",
            "\u{85}",
            "\u{ad}",
            "¬",
            "×",
            "Æ",
            "Ã",
            "Ð",
            "ð",
            "ƣ",
            "Ƣ",
            "ª",
            "\u{300}",
            "\u{301}",
            "\u{303}",
            "\u{309}",
            "\u{323}",
            "\u{345}",
            "\u{1680}",
            "\u{1681}",
            "\u{2000}",
            "\u{200a}",
            "\u{200b}",
            "\u{2010}",
            "\u{2028}",
            "\u{2029}",
            "\u{202f}",
            "\u{205f}",
            "\u{2060}",
            "\u{3000}",
            "\u{3001}",
            "“",
            "”",
            "…",
            "–",
            "•",
            "\u{f020}",
            "\u{f0b7}",
            "\u{fffd}",
            "\u{1e00}",
            "\u{1eff}",
            "\u{1f00}",
            "中",
            "😀",
            "\u{10ffff}",
            "ℓ",
            "Ω",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let vowels = 2 * 12 * 6;
        for row in ["aăâeêioôơuưy", "AĂÂEÊIOÔƠUƯY"] {
            for base in row.chars() {
                let s: String = std::iter::once(base).collect();
                for tone in ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"] {
                    let c: String = unicode_normalization::UnicodeNormalization::nfc(
                        format!("{s}{tone}").as_str(),
                    )
                    .collect();
                    pieces.push(c);
                }
            }
        }
        // A fixed xorshift, so failures reproduce.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..40_000 {
            let len = (next() % 24) as usize;
            let mut text = String::new();
            for _ in 0..len {
                // Vowels half the time, for words that parse.
                let k = (next() % (pieces.len() as u64 * 2)) as usize;
                let k = if k >= pieces.len() {
                    pieces.len() - vowels + k % vowels
                } else {
                    k
                };
                text.push_str(&pieces[k]);
            }
            let b = text.as_bytes();
            let stop_on = (next() % 3 == 0)
                .then(|| b.iter().position(|&x| x >= 0x80))
                .flatten()
                .map(|p| (b[p], b.get(p + 1).copied().unwrap_or(0)));
            let last = if next() % 3 == 0 {
                (next() % 8) as usize
            } else {
                usize::MAX
            };
            assert_scans_agree(&text, stop_on, last);
        }
    }

    #[test]
    fn fused_counts_equal_the_definition() {
        for text in [
            "Chương trình mỗi xã một sản phẩm",
            "“Chương trình” – «OCOP» … hàng1 QĐ-UBND 919/QĐ-TTg",
            "Hoà\u{a0}bình\u{a0} thuỷ ,lựơng; điạ: Ch\u{AD}¬ng tr×nh",
            "users door tax boss A4 H5N1 m2 ®2024 Ơ ờ ·Sa Đéc•",
            "ChÆ°Æ¡ng trÃ¬nh HoÃ\u{a0}ng, sá»‘ 12 “tháng”",
            "",
            "\u{a0}\u{a0} – — \u{2003}Việt\u{2003}Nam\u{3000}",
        ] {
            assert_eq!(
                counts(text),
                counts_with(text, judge, is_token_break),
                "{text:?}"
            );
            assert_eq!(
                counts_strict(text),
                counts_with(text, judge_strict, is_strict_break),
                "{text:?}"
            );
        }
    }

    #[test]
    fn tokens_split_on_whitespace_and_ascii_punctuation() {
        let s = "Chương trình, “OCOP”\u{a0}năm\u{3000}2023/QĐ-UBND Ch\u{AD}¬ng";
        let t: Vec<&str> = tokens(s).map(|(a, b)| &s[a..b]).collect();
        assert_eq!(
            t,
            [
                "Chương",
                "trình",
                "“OCOP”",
                "năm",
                "2023",
                "QĐ",
                "UBND",
                "Ch\u{AD}¬ng"
            ]
        );
        let t: Vec<&str> = tokens_by(s, is_strict_break)
            .map(|(a, b)| &s[a..b])
            .collect();
        assert_eq!(t[2], "“OCOP”\u{a0}năm");
    }

    #[test]
    fn table_agrees_with_the_grammar() {
        for (k, b) in chars::BASES.iter().enumerate() {
            assert_eq!(VOWEL_SYMS[k], sym_of_base(*b));
        }
        for w in [
            "Chương",
            "trình",
            "nghiêng",
            "người",
            "quốc",
            "quý",
            "gì",
            "giếng",
            "gìn",
            "giữ",
            "khuya",
            "khuỷu",
            "huỳnh",
            "hoà",
            "hòa",
            "địa",
            "điạ",
            "qúy",
            "lựơng",
            "nghịêm",
            "hoc",
            "tháp",
            "ci",
            "ngiêng",
            "Ch\u{AD}¬ng",
            "xyz",
            "oẳn",
            "ĐỒNG",
            "yêu",
            "ương",
        ] {
            assert_eq!(parse(w), parse_slow(w), "{w}");
        }
    }

    #[test]
    fn well_formed_words() {
        for w in [
            "Chương", "trình", "nghiêng", "người", "quốc", "quý", "gì", "giếng", "gìn", "giữ",
            "khuya", "khuỷu", "huỳnh", "quỳnh", "Ủy", "thủy", "thuỷ", "hòa", "hoà", "địa", "ĐỒNG",
            "ương", "yêu", "oẳn", "ngoằn", "tiếp", "học", "tháng", "Đéc", "kỳ", "ghi", "nghĩ",
        ] {
            assert!(is_well_formed(w), "{w}");
        }
    }

    #[test]
    fn ill_formed_words() {
        for w in [
            "Ch\u{AD}¬ng",
            "tr×nh",
            "ChÆ°Æ¡ng",
            "Chöông",
            "hoc",
            "ci",
            "ce",
            "ka",
            "ngiêng",
            "gha",
            "qa",
            "xyz",
            "nhaân",
            "aa",
            "wên",
            "quu",
        ] {
            assert!(!is_well_formed(w), "{w}");
        }
    }

    #[test]
    fn misplaced_tones_parse_but_are_not_placed_well() {
        for w in ["điạ", "qúy", "lựơng", "nghịêm"] {
            let p = parse(w).unwrap_or_else(|| panic!("{w}"));
            assert!(!p.placed_well(), "{w}");
        }
        let p = parse("hoà").unwrap();
        assert_eq!((p.classic, p.modern, p.tone_at), (1, 2, Some(2)));
    }

    #[test]
    fn quality_counts_vietnamese_looking_tokens_only() {
        assert_eq!(quality("users door tax boss A4 H5N1 m2 ®2024 QĐ-UBND"), 1.0);
        assert_eq!(quality("Chương trình"), 1.0);
        assert_eq!(quality("Ch\u{AD}¬ng tr×nh"), 0.0);
        assert_eq!(quality("Chương tr×nh"), 0.5);
        assert_eq!(quality("“Chương trình”"), 1.0);
    }
}
