//! Words and the whitespace after them, told by bytes: legacy lines are cut
//! into every word, so this is on a hot path of normalize and of the legacy
//! decoders.

/// Whitespace-separated chunks with their separators, one at a time: logging a legacy line's words
/// pairs the chunks of two lines, which needs no vector. Whitespace is told
/// by bytes ([`whitespace_len`]), not by decoding every character.
pub struct Chunks<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Chunks<'a> {
    pub fn new(s: &'a str) -> Self {
        Chunks { s, pos: 0 }
    }
}

impl<'a> Iterator for Chunks<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let (s, b) = (self.s, self.s.as_bytes());
        let start = self.pos;
        if start >= b.len() {
            return None;
        }
        // The chunk ends at the first whitespace (leading whitespace gives
        // an empty first chunk). Bytes outside `SPACE_LEAD` never start
        // whitespace; those in it are ASCII or lead bytes, so `i` stays on
        // a character boundary whenever `whitespace_len` is asked.
        let mut i = start;
        while i < b.len() && !(SPACE_LEAD[b[i] as usize] && whitespace_len(b, i) > 0) {
            i += 1;
        }
        let mut j = i;
        loop {
            let w = if j < b.len() { whitespace_len(b, j) } else { 0 };
            if w == 0 {
                break;
            }
            j += w;
        }
        self.pos = j;
        Some((&s[start..i], &s[i..j]))
    }
}

/// The length in bytes of the whitespace character (`char::is_whitespace`)
/// starting at byte `i` of the UTF-8 text `b`, or 0: tab to carriage return,
/// space, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000, told by their bytes.
#[inline(always)]
pub fn whitespace_len(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b'\t'..=b'\r' | b' ' => 1,
        0xC2 if matches!(at(1), 0x85 | 0xA0) => 2,
        0xE1 if at(1) == 0x9A && at(2) == 0x80 => 3,
        0xE2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if at(1) == 0x81 && at(2) == 0x9F => 3,
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
}

/// [`SPACE_LEAD`] without the space.
pub static OTHER_SPACE_LEAD: [bool; 256] = {
    let mut t = SPACE_LEAD;
    t[b' ' as usize] = false;
    t
};

/// The bytes that may start whitespace: space, ASCII controls tab to
/// carriage return, and the lead bytes of the other whitespace.
static SPACE_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    let mut x = 0x09;
    while x <= 0x0D {
        t[x] = true;
        x += 1;
    }
    t[0xC2] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t
};
