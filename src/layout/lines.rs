//! Physical lines of the input, and what the document's line structure says
//! about how it was produced.
//!
//! Text extracted from PDFs (the corpus samples) puts a blank line after every
//! printed line and wraps prose at the page width; DOCX and born-digital text
//! have one paragraph per line. The layout rules differ: a reader that knows
//! it wrote paragraphs says so ([`Flow`]); otherwise (plain text, PDF) they
//! are told apart from the text.

use crate::model::Flow;

/// One line of the input (no `\n`, no `\u{c}`).
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Byte range of the whole line.
    pub start: usize,
    pub end: usize,
    /// First byte after leading spaces (tabs are kept: they are table cells).
    pub lead: usize,
    /// End of the content without trailing spaces (tabs are kept).
    pub cend: usize,
    /// Real page (count of form feeds before the line).
    pub page: usize,
    /// Page as far as the text shows it: real pages, plus the page breaks PDF
    /// extraction leaves without a form feed (see [`mark_virtual_pages`]).
    pub vpage: usize,
    /// Characters in `lead..cend`.
    pub chars: usize,
    /// Nothing but whitespace.
    pub blank: bool,
    /// Contains a tab: a table row, never joined.
    pub tab: bool,
}

impl Line {
    /// Content without leading spaces and trailing whitespace.
    pub fn content<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.lead..self.cend).unwrap_or("")
    }

    /// Leading spaces before the content (the PDF page-break sign).
    pub fn indented(&self) -> bool {
        self.lead > self.start
    }
}

/// Split the text into lines; form feeds end a line and start a new page.
pub(crate) fn scan(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 48 + 1);
    let mut page = 0usize;
    let mut start = 0usize;
    loop {
        match memchr::memchr2(b'\n', b'\x0c', &bytes[start..]) {
            Some(k) => {
                let end = start + k;
                lines.push(make_line(text, start, end, page));
                if bytes[end] == b'\x0c' {
                    page += 1;
                }
                start = end + 1;
            }
            None => {
                lines.push(make_line(text, start, bytes.len(), page));
                break;
            }
        }
    }
    lines
}

fn make_line(text: &str, start: usize, end: usize, page: usize) -> Line {
    let s = &text[start..end];
    let trimmed_start = s.trim_start_matches([' ', '\u{a0}']);
    let lead = start + (s.len() - trimmed_start.len());
    let trimmed = trimmed_start.trim_end_matches([' ', '\r', '\u{a0}']);
    let cend = lead + trimmed.len();
    let bytes = trimmed.as_bytes();
    // The standard count works a word at a time (a byte filter did not
    // vectorize: it was most of this function's cost); a tab is rare (memchr).
    let chars = trimmed.chars().count();
    let tab = memchr::memchr(b'\t', bytes).is_some();
    // Leading spaces are gone, so a line with content starts with it.
    let blank = trimmed
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() && trimmed.trim().is_empty());
    Line {
        start,
        end,
        lead,
        cend,
        page,
        vpage: page,
        chars,
        blank,
        tab,
    }
}

/// How the document's lines were produced.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Mode {
    /// A blank line after every printed line (PDF extraction): one blank line
    /// is not a paragraph break, two or more are.
    pub blank_after_each: bool,
    /// Typical width of a full printed line in characters, when prose is
    /// hard-wrapped; `None` when lines are paragraphs (nothing to join).
    pub width: Option<usize>,
}

/// Smallest number of blank-line gaps worth a judgement.
const MIN_GAPS: usize = 10;
/// Share of blank-line gaps that fall inside a sentence (the line before does
/// not end one, the line after goes on in lower case) above which the blank
/// lines are the extraction artifact rather than paragraph breaks. The corpus
/// PDFs are at 43-59 %, paragraph-per-line text under 12 %. The share does not
/// change when layout collapses blank runs or joins lines, so the judgement
/// is the same on layout's own output (idempotence).
const ARTIFACT_CONTINUATION_SHARE: f64 = 0.25;
/// Lines shorter than this say nothing about the page width.
const MIN_WIDTH_SAMPLE: usize = 20;
/// Hard-wrapped text without the artifact: most lines sit just under the
/// width, and almost none exceed it (joined paragraphs do).
const WRAPPED_BAND_SHARE: f64 = 0.4;
const WRAPPED_MAX_WIDTH: usize = 160;
const OVERLONG_SHARE: f64 = 0.1;

/// How [`detect_mode`] treats a line that is not running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Skip {
    /// Running text (or blank).
    No,
    /// Not there at all (page furniture, which layout removes).
    Absent,
    /// A footnote body: the text before and after it are not neighbours.
    Break,
}

/// Judge the document, on running text only (see [`Skip`]). Lines a reader
/// declared paragraphs are neither wrapped nor followed by artefact blanks.
pub(crate) fn detect_mode(text: &str, lines: &[Line], skip: &[Skip], flow: Flow) -> Mode {
    if flow == Flow::Paragraphs {
        return Mode {
            blank_after_each: false,
            width: None,
        };
    }
    let mut gaps = 0usize;
    let mut continued = 0usize;
    let mut prev: Option<usize> = None;
    let mut gap = 0usize;
    for (i, l) in lines.iter().enumerate() {
        match skip.get(i).copied().unwrap_or(Skip::No) {
            Skip::No => {}
            Skip::Absent => continue,
            Skip::Break => {
                prev = None;
                continue;
            }
        }
        if l.blank {
            gap += 1;
            continue;
        }
        if let Some(p) = prev {
            if lines[p].page == l.page && gap >= 1 {
                gaps += 1;
                let before = lines[p].content(text);
                let after = l.content(text);
                if !before.ends_with(['.', ';', ':', '!', '?'])
                    && starts_lowercase(after)
                    && !super::join::starts_block(after)
                {
                    continued += 1;
                }
            }
        }
        prev = Some(i);
        gap = 0;
    }
    let blank_after_each =
        gaps >= MIN_GAPS && continued as f64 >= ARTIFACT_CONTINUATION_SHARE * gaps as f64;

    let mut lens: Vec<usize> = lines
        .iter()
        .zip(skip)
        .filter(|(l, &s)| s == Skip::No && !l.blank && !l.tab && l.chars >= MIN_WIDTH_SAMPLE)
        .map(|(l, _)| l.chars)
        .collect();
    lens.sort_unstable();
    let width = if lens.len() < 5 {
        None
    } else {
        let w = lens[(lens.len() * 9 / 10).min(lens.len() - 1)];
        if blank_after_each {
            Some(w)
        } else {
            let lo = w * 3 / 4;
            let hi = w * 21 / 20;
            let band = lens.iter().filter(|&&x| x >= lo && x <= hi).count();
            let over = lens.iter().filter(|&&x| x > w * 13 / 10).count();
            let wrapped = w <= WRAPPED_MAX_WIDTH
                && band >= 8
                && band as f64 >= WRAPPED_BAND_SHARE * lens.len() as f64
                && (over as f64) <= OVERLONG_SHARE * lens.len() as f64;
            wrapped.then_some(w)
        }
    };
    Mode {
        blank_after_each,
        width,
    }
}

/// PDF extraction starts the first line of a new page with a space and without
/// the blank line that follows every other line. Mark those as page starts
/// (only in blank-after-each text, where the sign is reliable).
pub(crate) fn mark_virtual_pages(lines: &mut [Line], mode: &Mode) {
    let mut vpage = 0usize;
    let mut prev_page = 0usize;
    let mut prev_nonblank = false;
    for l in lines.iter_mut() {
        if l.page != prev_page {
            vpage += 1;
            prev_page = l.page;
            prev_nonblank = false;
        }
        if mode.blank_after_each && !l.blank && l.indented() && prev_nonblank {
            vpage += 1;
        }
        l.vpage = vpage;
        prev_nonblank = !l.blank;
    }
}

pub(crate) fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_trims_spaces_keeps_tabs_and_counts_pages() {
        let t = "  ab  \n\tx\t\t\n\u{c} cd\r";
        let ls = scan(t);
        assert_eq!(ls.len(), 4);
        assert_eq!(ls[0].content(t), "ab");
        assert!(ls[0].indented());
        assert_eq!(ls[1].content(t), "\tx\t\t");
        assert!(ls[1].tab);
        assert!(ls[2].blank);
        assert_eq!(ls[3].page, 1);
        assert_eq!(ls[3].content(t), "cd");
    }

    #[test]
    fn artifact_needs_continuations() {
        // Paragraph per line with blank lines in between: real breaks.
        let paras = "Một đoạn văn đầy đủ kết thúc ở đây.\n\na) mục nhỏ\n\n".repeat(20);
        let ls = scan(&paras);
        let skip = vec![Skip::No; ls.len()];
        assert!(!detect_mode(&paras, &ls, &skip, Flow::Lines).blank_after_each);
        // Wrapped prose with a blank after each line: the artifact.
        let wrapped = "đây là một dòng văn bản khá dài được ngắt ở cuối trang\n\n".repeat(20);
        let ls = scan(&wrapped);
        let skip = vec![Skip::No; ls.len()];
        let m = detect_mode(&wrapped, &ls, &skip, Flow::Lines);
        assert!(m.blank_after_each);
        assert!(m.width.is_some());
        // The same lines from a reader that wrote paragraphs: nothing to join.
        let m = detect_mode(&wrapped, &ls, &skip, Flow::Paragraphs);
        assert!(!m.blank_after_each);
        assert_eq!(m.width, None);
    }
}
