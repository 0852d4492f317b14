//! PDF input through `pdf-extract`, page by page, with poppler's `pdftotext`
//! as a fallback and a child process for isolation.
//!
//! - [`glyphs`]: pdf-extract `OutputDev` that rebuilds lines from glyph positions.
//! - [`actual_text`]: `/ActualText` spans, which pdf-extract does not read,
//!   and each glyph's font, which it does not tell.
//! - [`fonts`]: glyphs of legacy 8-bit fonts (`.VnTime`) read as their bytes,
//!   and the font of each run.
//! - [`annots`]: annotation appearances that carry text (stamped number and date).
//! - [`lines`]: glyphs into lines (columns kept apart, superscripts marked).
//! - [`rules`], [`tables`]: drawn rules and the ruled tables they make.
//! - [`page`]: one page's text and blocks (tables, notes).
//! - [`extract`]: per-page extraction under `catch_unwind`, garbage detection,
//!   fallback, page status, encrypted / scanned / damaged files.
//! - [`poppler`]: the external `pdftotext` command.
//! - [`worker`]: the `baocao __pdf-worker` child process and its time limit.

pub mod actual_text;
pub mod annots;
pub mod child;
pub mod extract;
pub mod fonts;
pub mod glyphs;
pub mod lines;
pub mod page;
pub mod poppler;
pub mod rules;
pub mod tables;
pub mod worker;

use super::Decoded;
use crate::options::Options;
use crate::output::DocError;

/// Decode a PDF: in the worker process `opts.pdf_worker` when set (a hang is
/// stopped after `opts.timeout`), otherwise in this process (panics caught).
///
/// Pages are separated by `\u{c}` in `text`; `page_status` has one entry per
/// page; pages that could not be read are listed in a `partial` error.
/// Scanned pages are then OCRed ([`crate::input::ocr::pdf`]).
pub fn decode(bytes: &[u8], opts: &Options) -> Result<Decoded, DocError> {
    let decoded = match &opts.pdf_worker {
        Some(exe) => worker::run(exe, &opts.worker_args, bytes, opts.timeout, opts.max_memory),
        None => extract::extract(bytes, opts.timeout),
    }?;
    // Pages without a usable text layer (scans) go through OCR (`--ocr`).
    crate::input::ocr::pdf::complete(bytes, decoded, opts)
}

/// Entry point of the isolated PDF worker process (`baocao __pdf-worker`).
pub fn worker_main() -> u8 {
    worker::worker_main()
}
