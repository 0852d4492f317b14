//! Blocks for laid-out text whose reader knew only lines (plain text, PDF).
//!
//! The one place where table rows are recognised in text: a run of lines
//! with cells separated by `\t` (what the PDF reader writes for a wide gap,
//! and what TSV-like text holds) or Markdown pipe rows (`| a | b |`). Blank
//! lines and page breaks between rows do not end a table (they are layout
//! artefacts of the PDF); any other line does. Footnotes found by layout
//! become note blocks, form feeds page breaks, every other non-blank line a
//! paragraph.

use std::ops::Range;

use crate::model::{Block, BlockKind, Cell, Note, Row, Table};

use super::LaidNote;

/// Derive the blocks of `text` (the layout's output) with the `notes` layout
/// found (byte offsets into `text`).
pub fn derive(text: &str, notes: &[LaidNote]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut table: Option<(Table, Range<usize>)> = None;
    let mut page = 1u32;
    // Form feeds are looked for with the vectorised `memchr` (`str::contains`
    // and `match_indices` of a char scan byte by byte), and on each line only
    // when the text has one at all.
    let paged = memchr::memchr(b'\x0c', text.as_bytes()).is_some();
    let page_of = |p: u32| paged.then_some(p);
    let mut notes = notes.iter().peekable();
    let mut pos = 0;
    while pos < text.len() {
        let start = pos;
        pos = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i + 1);
        let body_end = start + text[start..pos].trim_end_matches(['\n', '\r']).len();
        let body = &text[start..body_end];
        let trimmed = body.trim();
        // A note body: its own block (bodies never sit inside a table).
        while notes
            .peek()
            .is_some_and(|n| n.end <= start && n.start < start)
        {
            notes.next();
        }
        if let Some(n) = notes.peek() {
            if n.start < pos && n.end > start {
                close_table(&mut table, &mut blocks, page_of(page));
                let n = notes.next().map(note_block);
                if let Some((range, note)) = n {
                    let note_end = range.end;
                    blocks.push(Block {
                        range,
                        page: page_of(page),
                        kind: BlockKind::Note(note),
                    });
                    // Skip the lines of a body that runs on.
                    while pos < note_end && pos < text.len() {
                        pos = memchr::memchr(b'\n', &text.as_bytes()[pos..])
                            .map_or(text.len(), |i| pos + i + 1);
                    }
                    page += text[start..pos].matches('\u{c}').count() as u32;
                }
                continue;
            }
        }
        let row = if memchr::memchr(b'\t', body.as_bytes()).is_some() {
            Some(Some(split_row(text, start, body, '\t')))
        } else if trimmed.starts_with('|') && trimmed.ends_with('|') && trimmed.len() > 1 {
            Some(pipe_row(text, start, body))
        } else {
            None
        };
        match row {
            Some(row) => {
                let (t, r) = table.get_or_insert_with(|| (Table::default(), start..body_end));
                if let Some(row) = row {
                    r.end = row.range.end.max(r.end);
                    t.rows.push(row);
                }
            }
            // (`trim` removes form feeds too.)
            None if trimmed.is_empty() => {
                // Blank lines and page breaks inside a table are artefacts.
            }
            None => {
                close_table(&mut table, &mut blocks, page_of(page));
                blocks.push(Block {
                    range: start..body_end,
                    page: page_of(page),
                    kind: BlockKind::Paragraph,
                });
            }
        }
        // Page breaks: a form feed line outside a table is a block.
        let feeds = if paged { body.as_bytes() } else { &[] };
        for i in memchr::memchr_iter(b'\x0c', feeds) {
            if table.is_none() && trimmed.is_empty() {
                blocks.push(Block {
                    range: start + i..start + i + 1,
                    page: page_of(page),
                    kind: BlockKind::PageBreak,
                });
            }
            page += 1;
        }
    }
    close_table(&mut table, &mut blocks, page_of(page));
    // A table with no row (only separators) is no table.
    blocks.retain(|b| !matches!(&b.kind, BlockKind::Table(t) if t.rows.is_empty()));
    blocks.sort_by_key(|b| b.range.start);
    blocks
}

fn close_table(
    table: &mut Option<(Table, Range<usize>)>,
    blocks: &mut Vec<Block>,
    page: Option<u32>,
) {
    if let Some((t, range)) = table.take() {
        if !t.rows.is_empty() {
            let range = t.rows[0].range.start..range.end;
            blocks.push(Block {
                range,
                page,
                kind: BlockKind::Table(t),
            });
        }
    }
}

fn note_block(n: &LaidNote) -> (Range<usize>, Note) {
    (
        n.start..n.end,
        Note {
            marker: n.marker.clone(),
            anchor: n.anchor_start.zip(n.anchor_end).map(|(s, e)| s..e),
        },
    )
}

/// Cells of a row separated by `sep`, each trimmed of whitespace.
fn split_row(text: &str, start: usize, body: &str, sep: char) -> Row {
    let mut cells = Vec::new();
    let mut s = start;
    for (col, part) in body.split(sep).enumerate() {
        let e = s + part.len();
        let r = trim(text, s..e);
        cells.push(Cell {
            paragraphs: if r.is_empty() {
                Vec::new()
            } else {
                vec![r.clone()]
            },
            range: r,
            col,
            col_span: 1,
            merged_up: false,
        });
        s = e + sep.len_utf8();
    }
    Row {
        range: start..start + body.len(),
        cells,
    }
}

/// Cells of a `| a | b |` row; `None` for the `|---|---|` separator.
fn pipe_row(text: &str, start: usize, body: &str) -> Option<Row> {
    let lead = body.find('|')?;
    let last = body.rfind('|')?;
    if last <= lead {
        return None;
    }
    let inner = &body[lead + 1..last];
    if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
        return None;
    }
    let mut row = split_row(text, start + lead + 1, inner, '|');
    row.range = start..start + body.len();
    Some(row)
}

/// The range without surrounding whitespace.
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let slice = &text[r.clone()];
    let head = slice.trim_start();
    let s = r.start + (slice.len() - head.len());
    let e = s + head.trim_end().len();
    s..e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, &str)> {
        derive(text, &[])
            .iter()
            .map(|b| {
                let k = match &b.kind {
                    BlockKind::Paragraph => "p".to_string(),
                    BlockKind::Table(t) => format!("table {}", t.rows.len()),
                    BlockKind::PageBreak => "page".to_string(),
                    other => format!("{other:?}"),
                };
                (k, &text[b.range.clone()])
            })
            .collect()
    }

    #[test]
    fn tab_rows_with_blank_lines_between_are_one_table() {
        let t = "Bảng 1\nTT\tTên\n\n1\tA\n\u{c}\n2\tB\nHết\n";
        let got = kinds(t);
        assert_eq!(
            got,
            vec![
                ("p".to_string(), "Bảng 1"),
                ("table 3".to_string(), "TT\tTên\n\n1\tA\n\u{c}\n2\tB"),
                ("p".to_string(), "Hết"),
            ]
        );
        let blocks = derive(t, &[]);
        let BlockKind::Table(table) = &blocks[1].kind else {
            panic!("not a table")
        };
        let cells: Vec<&str> = table.rows[2]
            .cells
            .iter()
            .map(|c| &t[c.range.clone()])
            .collect();
        assert_eq!(cells, ["2", "B"]);
    }

    #[test]
    fn pipe_tables_skip_the_separator_row() {
        let t = "| TT | Tên |\n|---|---|\n| 1 | Cơm cháy |\n";
        let blocks = derive(t, &[]);
        assert_eq!(blocks.len(), 1);
        let BlockKind::Table(table) = &blocks[0].kind else {
            panic!("not a table")
        };
        assert_eq!(table.rows.len(), 2);
        assert_eq!(&t[table.rows[1].cells[1].range.clone()], "Cơm cháy");
    }

    #[test]
    fn page_breaks_number_pages() {
        let t = "Một\n\u{c}\nHai\n";
        let blocks = derive(t, &[]);
        let pages: Vec<Option<u32>> = blocks.iter().map(|b| b.page).collect();
        assert_eq!(pages, [Some(1), Some(1), Some(2)]);
        assert!(matches!(blocks[1].kind, BlockKind::PageBreak));
    }
}
