//! Note markers in the running text: the one definition of how a footnote's
//! marker (`[^3]`) and the start of its body (`[^3]: ...`) are written.
//!
//! The readers and the layout stage write notes this way (so a marker is
//! never read as a digit of a number); every later stage that needs to skip,
//! strip or find a marker asks this module instead of compiling its own
//! pattern, so the syntax can change in one place.

/// Most digits a note number has: no document has ten thousand notes, and a
/// bound keeps `[^...]` runs in hostile text from being read as numbers.
pub const MAX_DIGITS: usize = 4;

/// The marker as a regex fragment, for the few stages that compose it into a
/// larger pattern (a line that starts a block, a line that starts a note body).
pub const MARKER_PATTERN: &str = r"\[\^[0-9]{1,4}\]";

/// A note's number and the byte length of the marker `[^n]` at the start of
/// `s`, or `None` when `s` does not start with a marker.
pub fn marker_at(s: &str) -> Option<(u32, usize)> {
    let inner = s.strip_prefix("[^")?;
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > MAX_DIGITS || !inner[digits..].starts_with(']') {
        return None;
    }
    let n = inner[..digits].parse().ok()?;
    Some((n, 2 + digits + 1))
}

/// A note body's number and the byte length of its opening `[^n]:` at the
/// start of `line` (the body's own text follows; callers skip the spaces
/// after it as their format needs).
pub fn body_at(line: &str) -> Option<(u32, usize)> {
    let (n, len) = marker_at(line)?;
    line[len..].starts_with(':').then_some((n, len + 1))
}

/// Whether `s` may contain a marker: a cheap test before [`markers`].
pub fn may_contain(s: &str) -> bool {
    memchr::memmem::find(s.as_bytes(), b"[^").is_some()
}

/// Where the first marker opening `[^` is in `s`: a word's footnote marker
/// glued to it (`Chính phủ[^2]`). For short texts asked many times (every
/// word of an issuer): a `memchr` for the bracket, where a substring search
/// builds its searcher at each call.
pub fn opening(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr_iter(b'[', b).find(|&i| b.get(i + 1) == Some(&b'^'))
}

/// Every marker in `text`, bodies' openings included, in order: the note
/// number and the byte range of `[^n]`.
pub fn markers(text: &str) -> impl Iterator<Item = (u32, std::ops::Range<usize>)> + '_ {
    memchr::memmem::find_iter(text.as_bytes(), b"[^")
        .filter_map(move |i| marker_at(&text[i..]).map(|(n, len)| (n, i..i + len)))
}

/// Every marker in `text` that stands in the running text, not at the
/// opening of a body (`[^n]:`).
pub fn anchors(text: &str) -> impl Iterator<Item = (u32, std::ops::Range<usize>)> + '_ {
    markers(text).filter(move |(_, r)| !text[r.end..].starts_with(':'))
}

/// `s` with every marker removed.
pub fn strip_markers(s: &str) -> std::borrow::Cow<'_, str> {
    if !may_contain(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (_, r) in markers(s) {
        out.push_str(&s[last..r.start]);
        last = r.end;
    }
    out.push_str(&s[last..]);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {

    #[test]
    fn opening_is_the_first_bracket_caret() {
        for s in [
            "",
            "phủ",
            "phủ[^2]",
            "a[b[^3]",
            "[^",
            "a[",
            "[[^1]",
            "x[^1][^2]",
            "ắ[ ^1]",
        ] {
            assert_eq!(opening(s), s.find("[^"), "{s:?}");
        }
    }

    use super::*;

    #[test]
    fn markers_are_one_to_four_digits_in_brackets() {
        assert_eq!(marker_at("[^3] về"), Some((3, 4)));
        assert_eq!(marker_at("[^1234]"), Some((1234, 7)));
        assert_eq!(marker_at("[^12345]"), None);
        assert_eq!(marker_at("[^]"), None);
        assert_eq!(marker_at("[^a]"), None);
        assert_eq!(marker_at("[3]"), None);
        assert_eq!(marker_at("[^3"), None);
    }

    #[test]
    fn bodies_open_with_a_colon() {
        assert_eq!(body_at("[^12]: Quyết định"), Some((12, 6)));
        assert_eq!(body_at("[^12] Quyết định"), None);
    }

    #[test]
    fn anchors_skip_body_openings() {
        let t = "đạt 3 sao[^4].\n[^4]: Xã A (02 sản phẩm)[^x] [^5]";
        let a: Vec<u32> = anchors(t).map(|(n, _)| n).collect();
        assert_eq!(a, vec![4, 5]);
        assert_eq!(markers(t).count(), 3);
        assert_eq!(&t[markers(t).next().unwrap().1], "[^4]");
    }

    #[test]
    fn stripping_keeps_what_is_not_a_marker() {
        assert_eq!(
            strip_markers("Táo[^2] sấy [^x] dẻo[^"),
            "Táo sấy [^x] dẻo[^"
        );
        assert!(matches!(
            strip_markers("Táo"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_pattern_matches_what_marker_at_reads() {
        let re = regex::Regex::new(&format!("^{MARKER_PATTERN}$")).unwrap();
        for s in ["[^1]", "[^1234]", "[^12345]", "[^]", "[^a]"] {
            assert_eq!(re.is_match(s), marker_at(s).is_some(), "{s}");
        }
    }
}
