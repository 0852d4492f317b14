//! The running-text builder shared by the word-processor readers that walk a
//! character stream (`.doc`, RTF): runs of text with their font, paragraph
//! ends, cell and row ends, note references and note bodies, turned into a
//! [`Doc`] with paragraph, table and note blocks.
//!
//! Separators (`\n` between paragraphs and rows, `\t` between cells, a space
//! between the paragraphs of a cell or a note) are written only when the next
//! content arrives, so empty paragraphs leave no blank lines and a cell or
//! note never ends in a separator. The text follows the contract: one line
//! per paragraph, a table row per line with cells separated by `\t`, note
//! references as `[^n]` and the note bodies as `[^n]: body` lines at the end.

use std::ops::Range;

use crate::model::{Block, BlockKind, Cell, Doc, DocBuilder, Note, Row, Table};

/// Builds a [`Doc`] from a stream of runs and marks.
#[derive(Debug, Default)]
pub struct Flow {
    b: DocBuilder,
    /// Start of the open paragraph's text (None: no text yet).
    para: Option<usize>,
    table: Option<TableAcc>,
    /// The open note body (notes mode, after [`Flow::begin_note`]).
    note: Option<NoteAcc>,
    /// Anchors of the note references, by note number (1-based index - 1).
    anchors: Vec<Range<usize>>,
    /// Note blocks, made after the main text.
    note_blocks: Vec<Block>,
}

#[derive(Debug, Default)]
struct TableAcc {
    start: usize,
    rows: Vec<Row>,
    row: Option<RowAcc>,
}

#[derive(Debug, Default)]
struct RowAcc {
    start: usize,
    cells: Vec<Cell>,
    cell: Option<(usize, Vec<Range<usize>>)>,
}

#[derive(Debug)]
struct NoteAcc {
    marker: String,
    start: usize,
    /// A space is due before the next text (a paragraph ended).
    gap: bool,
}

impl Flow {
    pub fn new() -> Self {
        Self::default()
    }

    /// Append a run of text, drawn in `font` if known. `in_table`: the run
    /// belongs to a table cell. Controls are dropped; tabs and breaks become
    /// spaces inside cells and notes (they separate cells and lines).
    pub fn text(&mut self, s: &str, font: Option<&str>, in_table: bool) {
        let flat = in_table || self.note.is_some();
        let clean: String = s
            .chars()
            .filter_map(|c| match c {
                '\t' if flat => Some(' '),
                '\t' => Some('\t'),
                '\n' | '\r' | '\u{b}' | '\u{c}' => Some(' '),
                // C0 controls are marks, not text; C1 code points are kept:
                // they are bytes of a legacy run read as Windows-1252.
                c if (c as u32) < 0x20 || c == '\u{7f}' => None,
                c => Some(c),
            })
            .collect();
        // A note body starts at its first word.
        let clean = match &self.note {
            Some(n) if self.b.len() == n.start => clean.trim_start().to_string(),
            _ => clean,
        };
        if clean.is_empty() {
            return;
        }
        self.open(in_table);
        match font {
            Some(f) => self.b.push_font(&clean, f),
            None => self.b.push(&clean),
        };
    }

    /// A line break inside a paragraph: a new line outside tables and notes,
    /// a space inside them.
    pub fn line_break(&mut self, in_table: bool) {
        if in_table || self.note.is_some() {
            self.text(" ", None, in_table);
        } else if self.para.is_some() {
            self.para_end(false);
        }
    }

    /// Open what `in_table` needs before content: the table, row, cell and
    /// paragraph, writing the separators due.
    fn open(&mut self, in_table: bool) {
        if let Some(n) = &mut self.note {
            if n.gap {
                n.gap = false;
                if self.b.len() > n.start {
                    self.b.push(" ");
                }
            }
            return;
        }
        if in_table {
            self.open_cell();
            if self.para.is_none() {
                let has_paras = self
                    .table
                    .as_ref()
                    .and_then(|t| t.row.as_ref())
                    .and_then(|r| r.cell.as_ref())
                    .is_some_and(|(_, p)| !p.is_empty());
                if has_paras {
                    self.b.push(" ");
                }
                self.para = Some(self.b.len());
            }
        } else {
            if self.table.is_some() {
                self.close_table();
            }
            if self.para.is_none() {
                if !self.b.is_empty() {
                    self.b.push("\n");
                }
                self.para = Some(self.b.len());
            }
        }
    }

    fn open_cell(&mut self) {
        if self.table.is_none() {
            self.end_paragraph_block();
            if !self.b.is_empty() {
                self.b.push("\n");
            }
            self.table = Some(TableAcc {
                start: self.b.len(),
                ..Default::default()
            });
        }
        let Some(t) = self.table.as_mut() else { return };
        if t.row.is_none() {
            if !t.rows.is_empty() {
                self.b.push("\n");
            }
            t.row = Some(RowAcc {
                start: self.b.len(),
                ..Default::default()
            });
        }
        let Some(r) = t.row.as_mut() else { return };
        if r.cell.is_none() {
            if !r.cells.is_empty() {
                self.b.push("\t");
            }
            let at = self.b.len();
            r.cell = Some((at, Vec::new()));
        }
    }

    /// End of a paragraph (or, in notes mode, a space before the next text).
    pub fn para_end(&mut self, in_table: bool) {
        if let Some(n) = &mut self.note {
            n.gap = true;
            return;
        }
        if in_table && self.table.is_some() {
            if let Some(start) = self.para.take() {
                let end = self.b.len();
                if let Some((_, paras)) = self
                    .table
                    .as_mut()
                    .and_then(|t| t.row.as_mut())
                    .and_then(|r| r.cell.as_mut())
                {
                    paras.push(start..end);
                }
            }
            return;
        }
        self.end_paragraph_block();
    }

    fn end_paragraph_block(&mut self) {
        if self.table.is_some() {
            self.para = None;
            return;
        }
        if let Some(start) = self.para.take() {
            let end = self.b.len();
            if end > start {
                self.b.block(start..end, None, BlockKind::Paragraph);
            }
        }
    }

    /// End of a table cell (an empty cell still counts).
    pub fn cell_end(&mut self) {
        if self.note.is_some() {
            self.para_end(true);
            return;
        }
        self.open_cell();
        self.para_end(true);
        let end = self.b.len();
        if let Some(r) = self.table.as_mut().and_then(|t| t.row.as_mut()) {
            if let Some((start, paragraphs)) = r.cell.take() {
                let col = r.cells.iter().map(|c| c.col_span).sum();
                r.cells.push(Cell {
                    range: start..end,
                    paragraphs,
                    col,
                    col_span: 1,
                    merged_up: false,
                });
            }
        }
    }

    /// End of a table row.
    pub fn row_end(&mut self) {
        if self.note.is_some() {
            self.para_end(true);
            return;
        }
        let has_open_cell = self
            .table
            .as_ref()
            .and_then(|t| t.row.as_ref())
            .is_some_and(|r| r.cell.is_some());
        if has_open_cell {
            self.cell_end();
        }
        let end = self.b.len();
        if let Some(t) = self.table.as_mut() {
            if let Some(r) = t.row.take() {
                if !r.cells.is_empty() {
                    t.rows.push(Row {
                        range: r.start..end,
                        cells: r.cells,
                    });
                }
            }
        }
    }

    fn close_table(&mut self) {
        self.row_end();
        self.para = None;
        if let Some(t) = self.table.take() {
            if let Some(last) = t.rows.last() {
                let end = last.range.end;
                self.b
                    .block(t.start..end, None, BlockKind::Table(Table { rows: t.rows }));
            }
        }
    }

    /// A note reference in the running text: writes `[^n]` and returns `n`.
    pub fn note_ref(&mut self, in_table: bool) -> usize {
        let n = self.anchors.len() + 1;
        self.open(in_table);
        let r = self.b.push(&format!("[^{n}]"));
        self.anchors.push(r);
        n
    }

    /// Close the main text; from now on text goes to note bodies.
    pub fn end_main(&mut self) {
        if self.note.is_none() {
            if self.table.is_some() {
                self.close_table();
            }
            self.end_paragraph_block();
        }
    }

    /// Start the body of note `n` (as returned by [`Flow::note_ref`]).
    pub fn begin_note(&mut self, n: usize) {
        self.end_note();
        self.end_main();
        if !self.b.is_empty() {
            self.b.push("\n");
        }
        self.b.push(&format!("[^{n}]: "));
        self.note = Some(NoteAcc {
            marker: n.to_string(),
            start: self.b.len(),
            gap: false,
        });
    }

    /// End the open note body.
    pub fn end_note(&mut self) {
        if let Some(n) = self.note.take() {
            let anchor = n
                .marker
                .parse::<usize>()
                .ok()
                .and_then(|k| self.anchors.get(k.wrapping_sub(1)).cloned());
            self.note_blocks.push(Block {
                range: n.start..self.b.len(),
                page: None,
                kind: BlockKind::Note(Note {
                    marker: n.marker,
                    anchor,
                }),
            });
        }
    }

    /// The number of note references written so far.
    pub fn note_count(&self) -> usize {
        self.anchors.len()
    }

    pub fn finish(mut self) -> Doc {
        self.end_note();
        self.end_main();
        let notes = std::mem::take(&mut self.note_blocks);
        let mut doc = self.b.finish();
        doc.blocks.extend(notes);
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tables_and_notes() {
        let mut f = Flow::new();
        f.text("Quyết định", Some(".VnTime"), false);
        f.para_end(false);
        f.para_end(false);
        f.text("A", None, true);
        f.para_end(true);
        f.text("B", None, true);
        f.cell_end();
        f.cell_end();
        f.text("C", None, true);
        f.cell_end();
        f.row_end();
        f.text("x", None, true);
        f.cell_end();
        f.text("y", None, true);
        f.cell_end();
        f.cell_end();
        f.row_end();
        f.text("Sau", None, false);
        let n = f.note_ref(false);
        f.para_end(false);
        f.begin_note(n);
        f.text("Ghi", None, false);
        f.para_end(false);
        f.text("chú", None, false);
        f.para_end(false);
        let doc = f.finish();
        assert_eq!(
            doc.text,
            "Quyết định\nA B\t\tC\nx\ty\t\nSau[^1]\n[^1]: Ghi chú"
        );
        assert_eq!(doc.check(), Ok(()));
        let (_, t) = doc.tables().next().unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells.len(), 3);
        assert_eq!(t.rows[0].cells[0].paragraphs.len(), 2);
        assert_eq!(doc.slice(&t.rows[0].cells[0].range), "A B");
        assert_eq!(doc.slice(&t.rows[0].cells[1].range), "");
        assert_eq!(doc.slice(&t.rows[1].cells[2].range), "");
        let (b, note) = doc.notes().next().unwrap();
        assert_eq!(doc.slice(&b.range), "Ghi chú");
        assert_eq!(doc.slice(note.anchor.as_ref().unwrap()), "[^1]");
        assert_eq!(doc.fonts.len(), 1);
        assert_eq!(doc.slice(&doc.fonts[0].range), "Quyết định");
    }
}
