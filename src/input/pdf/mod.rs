//! PDF input through `pdf-extract`, page by page, with poppler's `pdftotext`
//! as a fallback and a child process for isolation.
//!
//! - [`glyphs`]: pdf-extract `OutputDev` that rebuilds lines from glyph positions.
//! - [`actual_text`]: `/ActualText` spans, which pdf-extract does not read.
//! - [`extract`]: per-page extraction under `catch_unwind`, garbage detection,
//!   fallback, page status, encrypted / scanned / damaged files.
//! - [`poppler`]: the external `pdftotext` command.
//! - [`worker`]: the `baocao __pdf-worker` child process and its time limit.

pub mod actual_text;
pub mod child;
pub mod extract;
pub mod glyphs;
pub mod poppler;
pub mod worker;

use super::Decoded;
use crate::output::DocError;
use crate::Options;

/// Decode a PDF: in the worker process `opts.pdf_worker` when set (a hang is
/// stopped after `opts.timeout`), otherwise in this process (panics caught).
///
/// Pages are separated by `\u{c}` in `text`; `page_status` has one entry per
/// page; pages that could not be read are listed in a `partial` error.
pub fn decode(bytes: &[u8], opts: &Options) -> Result<Decoded, DocError> {
    match &opts.pdf_worker {
        Some(exe) => worker::run(exe, bytes, opts.timeout, opts.max_memory),
        None => extract::extract(bytes, opts.timeout),
    }
}

/// Entry point of the isolated PDF worker process (`baocao __pdf-worker`).
pub fn worker_main() -> u8 {
    worker::worker_main()
}
