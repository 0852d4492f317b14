//! A page per cross-document finding: each document's span side by side, in
//! the lines around it, with a link to the span in the document's own page.

use std::fmt::Write;

use super::html::{self, escape, Mark};
use super::page::{self, Chars};
use crate::audit::cross::{CrossFinding, CrossItem};
use crate::output::FindingStatus;

/// Code points shown on each side of a span.
const CONTEXT: usize = 300;

/// What the page knows of one side's document.
pub struct Side<'a> {
    /// Link to the document's page, relative to the finding's page.
    pub href: Option<String>,
    /// The document's text, when it was kept.
    pub text: Option<&'a str>,
}

/// The excerpt around `start..end`: from a line start before it to a line
/// end after it, at most about `CONTEXT` code points each way. Returns the
/// excerpt's first code point and the excerpt.
pub fn excerpt(chars: &Chars, start: usize, end: usize) -> Option<(usize, String)> {
    let n = chars.len();
    if !(start <= end && end <= n) {
        return None;
    }
    let from = start.saturating_sub(CONTEXT);
    let to = (end + CONTEXT).min(n);
    let before = chars.slice(from, start)?;
    let after = chars.slice(end, to)?;
    // Start after the first line break of the context before, end at the last
    // one after, so the excerpt shows whole lines where it can.
    let skip = if from == 0 {
        0
    } else {
        before
            .find('\n')
            .map_or(0, |b| before[..=b].chars().count())
    };
    let keep = if to == n {
        after.chars().count()
    } else {
        after
            .rfind('\n')
            .map_or(after.chars().count(), |b| after[..b].chars().count())
    };
    let a = from + skip;
    Some((a, chars.slice(a, end + keep)?.to_string()))
}

/// The page of finding `number` (1-based).
pub fn render(number: usize, f: &CrossFinding, sides: &[Side], index: &str) -> String {
    let mut out = String::with_capacity(16384);
    page::head(&mut out, &format!("Finding {number}: {}", f.check));
    out.push_str("<body class=\"cross\"><header><nav class=\"noprint\">");
    let _ = write!(out, "<a href=\"{}\">← All documents</a>", escape(index));
    out.push_str("</nav>");
    let bad = f.status == FindingStatus::Mismatch;
    let _ = write!(
        out,
        "<h1>Finding {number}: {} — <span class=\"{}\">{}</span>{}</h1><p>{}</p>",
        escape(&f.check),
        if bad { "bad" } else { "okv" },
        f.status.as_str(),
        f.severity
            .map(|s| format!(" ({})", s.as_str()))
            .unwrap_or_default(),
        escape(&f.message)
    );
    if let (Some(e), Some(x)) = (f.expected, f.found) {
        let _ = write!(out, "<p>Expected {e}, found {x}.</p>");
    }
    out.push_str("</header><main class=\"sides\">");
    for (k, (item, side)) in f.items.iter().zip(sides).enumerate() {
        side_html(&mut out, k, item, side);
    }
    out.push_str("</main><script>");
    out.push_str(super::assets::CROSS_JS);
    out.push_str("</script></body></html>\n");
    out
}

fn side_html(out: &mut String, k: usize, item: &CrossItem, side: &Side) {
    let _ = write!(
        out,
        "<section class=\"side\" aria-label=\"Document {}\"><h2>",
        k + 1
    );
    let name = page::file_name(&item.path);
    match &side.href {
        Some(h) => {
            let _ = write!(
                out,
                "<a href=\"{}#at-{}-{}\">{}</a>",
                escape(h),
                item.start,
                item.end,
                escape(name)
            );
        }
        None => out.push_str(&escape(name)),
    }
    let _ = write!(
        out,
        "</h2><p class=\"det\">{}</p>",
        escape(&format!(
            "{} · value: {}",
            item.path,
            if item.value.is_empty() {
                "—"
            } else {
                &item.value
            }
        ))
    );
    let chars = side.text.map(Chars::new);
    let shown = chars.as_ref().and_then(|c| {
        (c.slice(item.start, item.end) == Some(item.text.as_str()))
            .then(|| excerpt(c, item.start, item.end))
            .flatten()
    });
    match shown {
        Some((from, text)) => {
            let mark = Mark {
                start: item.start - from,
                end: item.end - from,
                id: format!("s{k}"),
                class: "k-cross",
            };
            out.push_str("<div class=\"txt\">");
            if from > 0 {
                out.push('…');
            }
            for b in html::cut(&text, &[mark]).blocks {
                out.push_str(&b.html);
            }
            out.push_str("…</div>");
        }
        None => {
            let _ = write!(
                out,
                "<p><mark class=\"k-cross\" data-i=\"s{k}\">{}</mark></p><p class=\"hint\">The text around it is not available.</p>",
                escape(&item.text)
            );
        }
    }
    out.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_keeps_whole_lines_around_the_span() {
        let text = format!(
            "{}\ndòng trước\nCó 12 xã đạt\ndòng sau\n{}",
            "a".repeat(500),
            "b".repeat(500)
        );
        let chars = Chars::new(&text);
        let start = text[..text.find("12 xã").unwrap()].chars().count();
        let (from, ex) = excerpt(&chars, start, start + 5).unwrap();
        assert!(ex.starts_with("dòng trước") || ex.starts_with('a'));
        assert!(ex.contains("Có 12 xã đạt\ndòng sau"));
        assert_eq!(
            chars.slice(from, from + ex.chars().count()),
            Some(ex.as_str())
        );
        // The span sits where the offsets say.
        let sub: String = ex.chars().skip(start - from).take(5).collect();
        assert_eq!(sub, "12 xã");
        assert!(excerpt(&chars, 5, 100_000).is_none());
    }
}
