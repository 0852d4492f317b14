//! Byte tests eight at a time, for the fast scans that stand in for a regex
//! or a character loop (the digit scan of the number extractors, the
//! syllable scan of normalize): each byte of a `u64` word is tested at once,
//! the answer being the high bit of each byte.

/// 0x01 in every byte of a word.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// 0x80 in every byte of a word.
pub(crate) const HIGH: u64 = ONES * 0x80;

/// The high bit of each byte of `v` (all bytes below 0x80) that is in
/// `lo..=hi`: adding `0x80 - lo` sets it from `lo` on, adding `0x7F - hi`
/// past `hi`, and neither carries into the next byte.
#[inline(always)]
pub(crate) fn bytes_in(v: u64, lo: u8, hi: u8) -> u64 {
    v.wrapping_add(ONES * (0x80 - lo) as u64) & !v.wrapping_add(ONES * (0x7F - hi) as u64) & HIGH
}

/// The high bit of each zero byte of `x`, exactly (no carries between bytes).
#[inline(always)]
pub(crate) fn zero_bytes(x: u64) -> u64 {
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

/// The eight bytes from `at`, little-endian (the first byte lowest), if
/// there are eight.
#[inline(always)]
pub(crate) fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..)?.first_chunk::<8>()?;
    Some(u64::from_le_bytes(*chunk))
}

/// Whether a byte is ASCII whitespace as the regex class `\s` and
/// `char::is_whitespace` have it (which, unlike `u8::is_ascii_whitespace`,
/// includes the vertical tab).
#[inline(always)]
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Whether `s` holds a no-break space (U+00A0, bytes `C2 A0`): the
/// continuation byte found by the vectorised `memchr`, then its lead. (A
/// non-ASCII `char` pattern builds a substring searcher at each call; the
/// syllable counts ask this of every line and token.)
pub(crate) fn has_nbsp(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xA0, b).any(|i| i > 0 && b[i - 1] == 0xC2)
}

/// The lines of `text` with their `\n`, as `str::split_inclusive('\n')`
/// gives them, found by the vectorised `memchr` (the `char` pattern of
/// `split_inclusive` looks a word at a time).
pub(crate) fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || {
        let end = ends.next().map_or(text.len(), |i| i + 1);
        if start >= end {
            return None;
        }
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// Byte offset of the first char at or after `from` that may be a digit of
/// the regex class `\d` (Unicode decimal digits), or `None`.
///
/// Every match of the extractors' number patterns holds a digit, so a byte
/// scan for digits finds where matches may be far more cheaply than the lazy
/// DFA of a pattern with a large case-insensitive word alternation. The scan
/// is conservative: `char::is_numeric` covers every `\d`. Chars below U+0660
/// hold no `\d` but the ASCII digits, so only ASCII digits and lead bytes
/// from 0xD9 on are looked at, save the Vietnamese letters of Latin Extended
/// Additional (`E1 BA`, `E1 BB`), eight bytes at a time.
pub(crate) fn next_digit(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let (Some(w), Some(next)) = (word_at(bytes, i), word_at(bytes, i + 1)) {
        let mut hits = digit_candidates(w, next);
        while hits != 0 {
            let j = i + (hits.trailing_zeros() / 8) as usize;
            if may_be_digit_at(text, j) {
                return Some(j);
            }
            hits &= hits - 1;
        }
        i += 8;
    }
    (i..bytes.len()).find(|&j| may_be_digit_at(text, j))
}

/// The high bit of each byte of the word `w` that may start a `\d` (see
/// [`next_digit`]); `next` is the word from the byte after, which a lead
/// byte's test needs.
#[inline(always)]
fn digit_candidates(w: u64, next: u64) -> u64 {
    // The low seven bits of each byte, as `bytes_in` wants them.
    let low = w & !HIGH;
    // ASCII digits (high bit clear).
    let digits = bytes_in(low, b'0', b'9') & !w;
    // Bytes with the high bit set and the low bits from 0x59: 0xD9 on.
    let leads = bytes_in(low, 0x59, 0x7F) & w;
    let vietnamese = zero_bytes(w ^ (0xE1 * ONES)) & zero_bytes((next & !ONES) ^ (0xBA * ONES));
    digits | (leads & !vietnamese)
}

/// Every byte offset that [`next_digit`] would return, in order: one pass
/// over the words, where asking [`next_digit`] again from the char after
/// each digit set up the word test anew for every digit (a table of numbers
/// has one every few bytes). The candidates of the word test are ASCII
/// digits and lead bytes, each the start of its own char, so no char after
/// a digit is passed over by taking them all.
pub(crate) fn digit_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let (Some(w), Some(next)) = (word_at(bytes, i), word_at(bytes, i + 1)) {
        let mut hits = digit_candidates(w, next);
        while hits != 0 {
            let j = i + (hits.trailing_zeros() / 8) as usize;
            if may_be_digit_at(text, j) {
                out.push(j);
            }
            hits &= hits - 1;
        }
        i += 8;
    }
    out.extend((i..bytes.len()).filter(|&j| may_be_digit_at(text, j)));
    out
}

/// Whether the byte at `at` starts a char that may be a `\d` (see
/// [`next_digit`]).
fn may_be_digit_at(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes.get(at) {
        Some(b) if b.is_ascii_digit() => true,
        Some(&b) if b >= 0xD9 => {
            !(b == 0xE1 && matches!(bytes.get(at + 1), Some(0xBA | 0xBB)))
                && text
                    .get(at..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(char::is_numeric)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`digit_starts`] against asking [`next_digit`] from the char after
    /// each digit, on every alignment of a text with digits of several
    /// scripts, Vietnamese letters on the lead byte the scan skips, and
    /// four-byte chars.
    #[test]
    fn digit_starts_are_next_digit_asked_again() {
        let by_next = |t: &str| {
            let mut out = Vec::new();
            let mut from = 0;
            while let Some(d) = next_digit(t, from) {
                out.push(d);
                from = d + t[d..].chars().next().map_or(1, char::len_utf8);
            }
            out
        };
        let base = "Số 12/2024 ngày ١٢ tháng ٣; được 3.456 hộ 𝟘𝟙 ỗ9 ẹ٤ và ๑๒ 0";
        for k in 0..16 {
            let t = format!("{}{base}{}", "x".repeat(k), "7".repeat(k % 3));
            assert_eq!(digit_starts(&t), by_next(&t), "{t:?}");
        }
        assert_eq!(digit_starts(""), Vec::<usize>::new());
    }

    #[test]
    fn has_nbsp_is_contains_nbsp() {
        for t in [
            "",
            "a",
            "a\u{a0}b",
            "\u{a0}",
            "à",
            "Ġ",
            "\u{2a0}",
            "x\u{100a0}y",
            "ǀ\u{a0}",
        ] {
            assert_eq!(has_nbsp(t), t.contains('\u{a0}'), "{t:?}");
        }
    }

    #[test]
    fn lines_inclusive_are_split_inclusive() {
        for t in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "\n\nb\n",
            "ố\r\nx\n\n",
            "a\n\n",
        ] {
            let want: Vec<&str> = t.split_inclusive('\n').collect();
            assert_eq!(lines_inclusive(t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    /// Every byte value in every position, against the plain definitions.
    #[test]
    fn word_tests_are_their_definitions() {
        for x in 0..=255u8 {
            for pos in 0..8 {
                let mut bytes = [b'x'; 8];
                bytes[pos] = x;
                let w = u64::from_le_bytes(bytes);
                let bit = 0x80u64 << (8 * pos);
                assert_eq!(zero_bytes(w) & bit != 0, x == 0);
                if x < 0x80 {
                    assert_eq!(bytes_in(w, b'0', b'9') & bit != 0, x.is_ascii_digit());
                    assert_eq!(bytes_in(w, 0x59, 0x7F) & bit != 0, x >= 0x59);
                }
            }
            let c = x as char;
            assert_eq!(
                is_ascii_space(x),
                x.is_ascii() && c.is_whitespace(),
                "{x:#x}"
            );
        }
        assert_eq!(
            word_at(b"abcdefgh", 0),
            Some(u64::from_le_bytes(*b"abcdefgh"))
        );
        assert_eq!(word_at(b"abcdefgh", 1), None);
    }
}
