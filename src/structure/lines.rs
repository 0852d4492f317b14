//! Lines of the final text with their byte offsets, and small text predicates
//! shared by the metadata and section readers.
//!
//! The text may be raw extraction output (a blank line after every line,
//! hard-wrapped prose) or laid out (paragraphs joined); everything here works
//! on both, so blank lines are kept as lines and callers skip them.

use crate::ground::Ground;
use crate::model::Row;

/// One line of the text. `start..end` is the trimmed content (no leading or
/// trailing whitespace, form feeds included), as byte offsets into the text.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl<'a> Line<'a> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Number of characters of the trimmed content.
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }
}

/// Split `text` into lines on `\n` (form feeds count as whitespace at either end).
///
/// Both readers split the whole text, and most lines start and end with an
/// ASCII character that is not a space: line ends are found by one `memchr`
/// scan ([`crate::bytescan::lines_inclusive`]), and the character-wise trims run only where an end byte may be
/// whitespace (a space, a control, or a non-ASCII character).
pub fn split(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    let mut pos = 0;
    for raw in crate::bytescan::lines_inclusive(text) {
        let next = pos + raw.len();
        let body = raw.strip_suffix('\n').unwrap_or(raw);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let rest = match body.as_bytes().first() {
            Some(&b) if !may_be_space(b) => body,
            _ => body.trim_start_matches(is_space),
        };
        let trimmed = match rest.as_bytes().last() {
            Some(&b) if !may_be_space(b) => rest,
            _ => rest.trim_end_matches(is_space),
        };
        let start = pos + (body.len() - rest.len());
        out.push(Line {
            start,
            end: start + trimmed.len(),
            text: trimmed,
        });
        pos = next;
    }
    out
}

/// The lines with each table row whose cells hold several paragraphs (a
/// reader's table: the signature cell `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` / name
/// beside the `Nơi nhận` cell) replaced by those paragraphs, cell after cell,
/// so that a cell's paragraphs read as the lines they are instead of one
/// line joined with the next cell.
pub fn with_cell_paragraphs<'a>(all: &[Line<'a>], g: &Ground<'a>) -> Vec<Line<'a>> {
    let text = g.text();
    let rows: Vec<&Row> = g
        .tables()
        .flat_map(|(_, t)| t.rows.iter())
        .filter(|r| r.cells.iter().any(|c| c.paragraphs.len() > 1))
        .collect();
    if rows.is_empty() {
        return all.to_vec();
    }
    let mut out = Vec::with_capacity(all.len() + rows.len() * 4);
    let mut k = 0;
    for l in all {
        while k < rows.len() && rows[k].range.end < l.start {
            k += 1;
        }
        match rows.get(k) {
            Some(row) if row.range.start <= l.start && l.end <= row.range.end && !l.is_blank() => {
                for p in row.cells.iter().flat_map(|c| c.paragraphs.iter()) {
                    let slice = &text[p.clone()];
                    let trimmed = slice.trim_matches(is_space);
                    let start = p.start + (slice.len() - slice.trim_start_matches(is_space).len());
                    out.push(Line {
                        start,
                        end: start + trimmed.len(),
                        text: trimmed,
                    });
                }
            }
            _ => out.push(*l),
        }
    }
    out
}

/// Can the character this byte starts or ends be [`is_space`]? Only ASCII
/// bytes that are not whitespace are sure not to be.
fn may_be_space(b: u8) -> bool {
    !b.is_ascii() || crate::bytescan::is_ascii_space(b)
}

/// Whitespace for our purposes: Unicode whitespace (form feed, no-break space included).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// A typical full line width in characters, used to tell a wrapped line
/// (nearly full) from a line that simply ended. Raw PDF text gives ~80; laid-out
/// text, whose prose is joined, gives a large value so nothing looks wrapped.
pub fn typical_width(lines: &[Line]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| {
            // Byte searches: `str::contains(char)` sets up a char searcher
            // per call, a cost that showed on thousands of short lines.
            let b = l.text.as_bytes();
            !l.is_blank() && memchr::memchr(b'\t', b).is_none() && memchr::memchr(b' ', b).is_some()
        })
        .map(|l| l.chars())
        .collect();
    if lens.len() < 8 {
        return 80;
    }
    // The 80th percentile: only that element needs its sorted place.
    let k = lens.len() * 4 / 5;
    (*lens.select_nth_unstable(k).1).max(40)
}

/// Letters of `s` are (nearly) all uppercase, and there are some.
pub fn is_upper_text(s: &str) -> bool {
    let mut upper = 0usize;
    let mut lower = 0usize;
    for c in s.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper >= 2 && lower * 10 <= upper
}

/// The first letter of `s` (skipping emphasis stars, quotes, brackets).
pub fn first_letter(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_alphanumeric())
}

/// `s` starts with a lowercase letter (ignoring leading emphasis and quotes).
pub fn starts_lower(s: &str) -> bool {
    s.trim_start_matches(['*', '"', '“', '\'', '(', '_'])
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

/// Collapse runs of whitespace (newlines included) into one space and trim.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Split a line into the fragments of a flattened multi-column layout: runs of
/// three or more spaces, or tabs, separate columns. Returns `(byte offset in
/// the line, fragment)` pairs, fragments trimmed and non-empty.
pub fn column_fragments(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut frag_start = 0;
    while i < bytes.len() {
        let sep_len = if bytes[i] == b'\t' {
            1
        } else if bytes[i] == b' ' {
            let mut j = i;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            if j - i >= 3 {
                j - i
            } else {
                0
            }
        } else {
            0
        };
        if sep_len > 0 {
            push_fragment(&mut out, line, frag_start, i);
            i += sep_len;
            frag_start = i;
        } else {
            i += 1;
        }
    }
    push_fragment(&mut out, line, frag_start, line.len());
    out
}

fn push_fragment<'a>(out: &mut Vec<(usize, &'a str)>, line: &'a str, from: usize, to: usize) {
    let Some(piece) = line.get(from..to) else {
        return;
    };
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if !t.is_empty() {
        out.push((from + lead, t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_offsets_of_trimmed_content() {
        let text = "  BÁO CÁO \n\n\u{c}I. Mở đầu\r\n";
        let lines = split(text);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].text, "BÁO CÁO");
        assert_eq!(&text[lines[0].start..lines[0].end], "BÁO CÁO");
        assert!(lines[1].is_blank());
        assert_eq!(lines[2].text, "I. Mở đầu");
        assert_eq!(&text[lines[2].start..lines[2].end], "I. Mở đầu");
    }

    /// The split by `split_inclusive` and whole trims that [`split`] speeds up.
    fn split_reference(text: &str) -> Vec<Line<'_>> {
        let mut out = Vec::new();
        let mut pos = 0;
        for raw in text.split_inclusive('\n') {
            let body = raw.strip_suffix('\n').unwrap_or(raw);
            let body = body.strip_suffix('\r').unwrap_or(body);
            let rest = body.trim_start_matches(is_space);
            let lead = body.len() - rest.len();
            let trimmed = rest.trim_end_matches(is_space);
            let start = pos + lead;
            out.push(Line {
                start,
                end: start + trimmed.len(),
                text: trimmed,
            });
            pos += raw.len();
        }
        out
    }

    fn same(a: &[Line], b: &[Line]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x.start, x.end, x.text) == (y.start, y.end, y.text))
    }

    /// Same lines as the reference on every fixture and on generated texts
    /// of short lines mixing letters, ASCII and Unicode spaces, `\r`, form
    /// feeds, BOMs and empty lines, with and without a final newline.
    #[test]
    fn split_is_its_definition() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let mut files = vec![std::path::PathBuf::from(dir)];
        let mut texts = Vec::new();
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            } else if let Ok(t) = std::fs::read_to_string(&p) {
                texts.push(t);
            }
        }
        assert!(texts.len() > 20);
        for t in &texts {
            assert!(same(&split(t), &split_reference(t)));
        }
        let pieces = [
            "a", "Đ", "ờ", " ", "\t", "\r", "\n", "\u{c}", "\u{a0}", "\u{feff}", "\u{3000}",
            "\u{85}", "\u{b}", "x y", "",
        ];
        for t in crate::testgen::glued_text(&pieces, 30_000, 0, 11, 0x9e37_79b9_7f4a_7c15) {
            assert!(same(&split(&t), &split_reference(&t)), "{t:?}");
        }
    }

    #[test]
    fn fragments_split_on_wide_gaps_only() {
        let f = column_fragments("Số:          /KH-UBND  Nghĩa Lộ, ngày       tháng");
        let texts: Vec<&str> = f.iter().map(|(_, t)| *t).collect();
        assert_eq!(texts, vec!["Số:", "/KH-UBND  Nghĩa Lộ, ngày", "tháng"]);
        assert!(is_upper_text("ỦY BAN NHÂN DÂN"));
        assert!(!is_upper_text("Ủy ban nhân dân"));
        assert_eq!(collapse_ws(" a \n\n b  c "), "a b c");
    }
}
