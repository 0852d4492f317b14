//! HTML text: escaping, and a document's text cut into highlighted segments.
//!
//! A document's text is shown as text, never as markup: every character that
//! HTML gives a meaning to is escaped here, in one place. The contract's
//! offsets are code points, which JavaScript strings do not index, so the
//! generator cuts the text itself: each item's span becomes `<mark>`
//! elements, and overlapping or nested spans are split into segments that do
//! not overlap, each naming every item that covers it.

use std::fmt::Write;

/// Escape text for an element's content or a quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    escape_into(&mut out, s);
    out
}

/// Escape `s` onto the end of `out`. Control characters other than tab and
/// line breaks (a form feed, a NUL in a broken PDF) would make the page
/// invalid, so they are shown as the Unicode control pictures; each is still
/// one code point, so the text keeps its length.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push('\u{240d}'),
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            '\u{7f}' => out.push('\u{2421}'),
            c => out.push(c),
        }
    }
}

/// JSON for a `<script type="application/json">` element: `<`, `>` and `&`
/// only occur inside JSON strings, where their `\u` escapes mean the same, so
/// no text can close the element.
pub fn script_json<T: serde::Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// One highlighted span of the text, in code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    /// The item's id in the page (`r3`, `c12`, `a2-1`): letters, digits, `-`.
    pub id: String,
    /// CSS class of the kind (`k-ref`, `k-cnt`, ...).
    pub class: &'static str,
}

/// The text cut into blocks (pages, or pieces of a long page) that the
/// browser can lay out lazily, with every mark split to fit.
pub struct Cut {
    /// `(first code point, html)` of each block, in order.
    pub blocks: Vec<Block>,
}

pub struct Block {
    /// Code point where the block starts.
    pub start: usize,
    /// 1-based page, when the text has page breaks.
    pub page: Option<u32>,
    /// The block's text as HTML: escaped, with its marks.
    pub html: String,
}

/// Longest block of unpaged text, in code points: a block is laid out only
/// when it comes into view, so a long report opens at the speed of a short one.
const BLOCK_CHARS: usize = 6000;

/// Cut `text` into blocks and highlight `marks` (spans out of range are left
/// out; the caller reports them). Pages are separated by form feeds, as in
/// the contract's text.
pub fn cut(text: &str, marks: &[Mark]) -> Cut {
    // Byte offset of every code point, and of the end.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let n = bytes.len() - 1;
    let paged = text.contains('\u{c}');
    // Block starts: after each form feed, and within long stretches at a line start.
    let mut starts = vec![0usize];
    let mut pages = vec![paged.then_some(1u32)];
    let mut last = 0usize;
    let mut page = 1u32;
    for (i, c) in text.chars().enumerate() {
        if c == '\u{c}' {
            page += 1;
            starts.push(i + 1);
            pages.push(Some(page));
            last = i + 1;
        } else if c == '\n' && i + 1 - last >= BLOCK_CHARS {
            starts.push(i + 1);
            pages.push(None);
            last = i + 1;
        }
    }
    if starts.last() == Some(&n) && starts.len() > 1 && !paged {
        starts.pop();
        pages.pop();
    }
    // Every position where the set of covering marks changes.
    let good: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.start < m.end && m.end <= n)
        .collect();
    let mut cuts: Vec<usize> = starts.clone();
    cuts.push(n);
    for m in &good {
        cuts.push(m.start);
        cuts.push(m.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Marks sorted by start; `active` holds those covering the current segment.
    let mut order: Vec<usize> = (0..good.len()).collect();
    order.sort_by_key(|&i| (good[i].start, std::cmp::Reverse(good[i].end)));
    let mut next = 0usize;
    let mut active: Vec<usize> = Vec::new();
    let mut anchored = vec![false; good.len()];
    let mut blocks = Vec::with_capacity(starts.len());
    let mut block_i = 0usize;
    let mut html = String::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if block_i < starts.len() && a == starts[block_i] {
            if block_i > 0 {
                blocks.push(Block {
                    start: starts[block_i - 1],
                    page: pages[block_i - 1],
                    html: std::mem::take(&mut html),
                });
            }
            block_i += 1;
        }
        active.retain(|&i| good[i].end > a);
        while next < order.len() && good[order[next]].start <= a {
            if good[order[next]].end > a {
                active.push(order[next]);
            }
            next += 1;
        }
        let seg = &text[bytes[a]..bytes[b]];
        if active.is_empty() {
            escape_into(&mut html, seg);
            continue;
        }
        // The first segment of an item holds its anchor: the target of the
        // side panel's link, found without JavaScript too.
        for &i in &active {
            if !anchored[i] {
                anchored[i] = true;
                let m = good[i];
                let _ = write!(
                    html,
                    "<span class=\"anc\" id=\"x-{}\" data-at=\"{}-{}\"></span>",
                    m.id, m.start, m.end
                );
            }
        }
        // Innermost (shortest) item last: a click picks it.
        let mut cover: Vec<usize> = active.clone();
        cover.sort_by_key(|&i| std::cmp::Reverse(good[i].end - good[i].start));
        let mut classes: Vec<&str> = cover.iter().map(|&i| good[i].class).collect();
        classes.dedup();
        let ids: Vec<&str> = cover.iter().map(|&i| good[i].id.as_str()).collect();
        let _ = write!(
            html,
            "<mark class=\"{}\" data-i=\"{}\">",
            classes.join(" "),
            ids.join(" ")
        );
        escape_into(&mut html, seg);
        html.push_str("</mark>");
    }
    if block_i > 0 {
        blocks.push(Block {
            start: starts[block_i - 1],
            page: pages[block_i - 1],
            html,
        });
    }
    Cut { blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, id: &str) -> Mark {
        Mark {
            start,
            end,
            id: id.into(),
            class: "k-ref",
        }
    }

    fn html(cut: &Cut) -> String {
        cut.blocks.iter().map(|b| b.html.as_str()).collect()
    }

    #[test]
    fn markup_in_the_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"><img onerror=x>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;&gt;&lt;img onerror=x&gt;"
        );
        assert_eq!(escape("a\u{c}b\u{0}"), "a\u{240c}b\u{2400}");
    }

    #[test]
    fn script_json_cannot_close_its_element() {
        let s = script_json(&"</script><b>&");
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert_eq!(serde_json::from_str::<String>(&s).unwrap(), "</script><b>&");
    }

    #[test]
    fn spans_are_code_points_and_overlaps_split() {
        // "Đề án" starts with a two-byte letter: byte offsets would be wrong.
        let text = "Đề án số 12 năm <b>";
        let marks = [mark(0, 11, "r0"), mark(9, 11, "c0"), mark(16, 19, "w0")];
        let out = html(&cut(text, &marks));
        assert_eq!(
            out,
            "<span class=\"anc\" id=\"x-r0\" data-at=\"0-11\"></span>\
             <mark class=\"k-ref\" data-i=\"r0\">Đề án số </mark>\
             <span class=\"anc\" id=\"x-c0\" data-at=\"9-11\"></span>\
             <mark class=\"k-ref\" data-i=\"r0 c0\">12</mark> năm \
             <span class=\"anc\" id=\"x-w0\" data-at=\"16-19\"></span>\
             <mark class=\"k-ref\" data-i=\"w0\">&lt;b&gt;</mark>"
        );
    }

    #[test]
    fn spans_out_of_range_or_empty_are_left_out() {
        let out = html(&cut("abc", &[mark(1, 9, "r0"), mark(2, 2, "r1")]));
        assert_eq!(out, "abc");
    }

    #[test]
    fn pages_start_new_blocks_and_marks_continue_across() {
        let text = "một\u{c}hai\u{c}ba";
        let c = cut(text, &[mark(2, 6, "r0")]);
        let pages: Vec<_> = c.blocks.iter().map(|b| (b.start, b.page)).collect();
        assert_eq!(pages, vec![(0, Some(1)), (4, Some(2)), (8, Some(3))]);
        assert!(c.blocks[0]
            .html
            .ends_with("<mark class=\"k-ref\" data-i=\"r0\">t\u{240c}</mark>"));
        assert!(c.blocks[1]
            .html
            .starts_with("<mark class=\"k-ref\" data-i=\"r0\">ha</mark>"));
    }

    #[test]
    fn long_unpaged_text_is_cut_at_line_starts() {
        let line = "x".repeat(999) + "\n";
        let text = line.repeat(20);
        let c = cut(&text, &[]);
        assert!(c.blocks.len() >= 3);
        assert!(c.blocks.iter().all(|b| b.page.is_none()));
        assert!(c.blocks[1..].iter().all(|b| b.start % 1000 == 0));
        assert_eq!(html(&c), text);
    }
}
