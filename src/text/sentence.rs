//! Sentence bounds: the one reading of where a sentence around a point
//! starts and ends, for every stage that reads a figure in its sentence.

use std::sync::LazyLock;

use regex::Regex;

/// Byte range of the sentence around `at`: from after the previous sentence
/// end (`.`, `;` not inside a number, a blank line, or a line starting a
/// bullet/marker) to the next one.
///
/// The scan is bounded ([`MAX_SENTENCE`] bytes each way): a run of text with no
/// stop is not a sentence a check can rely on, and an unbounded scan per item
/// would make one huge line quadratic.
pub fn sentence(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let bytes = text.as_bytes();
    let low = at.saturating_sub(MAX_SENTENCE);
    let high = (at + MAX_SENTENCE).min(bytes.len());
    // Only `.`, form feeds and newlines can end a sentence: jump between them.
    let ends = |i: usize| is_stop(bytes, i) || (bytes[i] == b'\n' && starts_block(&text[i + 1..]));
    let mut start = memchr::memrchr3_iter(b'.', b'\x0c', b'\n', &bytes[low..at])
        .map(|i| low + i)
        .find(|&i| ends(i))
        .map_or(low, |i| i + 1);
    let mut end = memchr::memchr3_iter(b'.', b'\x0c', b'\n', &bytes[at..high])
        .map(|i| at + i)
        .find(|&i| ends(i))
        .unwrap_or(high);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (start, end)
}

/// How far a sentence may reach on either side of a point, in bytes.
pub const MAX_SENTENCE: usize = 2000;

/// A sentence stop: `.` followed by whitespace (not a decimal or thousands
/// dot), a form feed, or a blank line.
fn is_stop(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'.' => bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()),
        b'\x0c' => true,
        b'\n' => bytes.get(i + 1) == Some(&b'\n'),
        _ => false,
    }
}

/// Whether a line starts a new block: a bullet, a numbered or lettered
/// marker, or a footnote body.
pub fn starts_block(line: &str) -> bool {
    static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^[ \t]*(?:[-+*•–](?:\s|$)|{}|\d{{1,2}}(?:\.\d{{1,2}})*[.)]\s|[a-zđ]\)\s|\(\d{{1,2}}\)\s|[IVX]{{1,4}}\.\s|Phần thứ )",
            crate::text::notes::MARKER_PATTERN
        ))
        .expect("static regex")
    });
    BLOCK.is_match(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_skips_number_dots() {
        let t = "Dân số 130.316 người, chiếm 67,54%. Câu sau.";
        let at = t.find("người").unwrap();
        let (s, e) = sentence(t, at);
        assert_eq!(&t[s..e], "Dân số 130.316 người, chiếm 67,54%");
    }

    #[test]
    fn sentence_stops_at_bullets() {
        let t = "Tổng: 446 triệu đồng, trong đó:\n+ Kinh phí: 0 triệu đồng.\n";
        let (s, e) = sentence(t, 3);
        assert_eq!(&t[s..e], "Tổng: 446 triệu đồng, trong đó:");
    }
}
