//! baocao: Vietnamese official reports in, grounded structured data out.
//!
//! # Use
//!
//! ```no_run
//! let opts = baocao::Options::default();
//! let doc = baocao::process_path(std::path::Path::new("report.pdf"), &opts);
//! for r in &doc.references {
//!     println!("{} {:?} {:?}", r.kind, r.number, r.date);
//! }
//! ```
//!
//! The public surface: [`process_path`], [`process_bytes`],
//! [`normalize_bytes`] and [`Options`] to run the pipeline; [`output`], the
//! contract types (`baocao/1`); [`model`], the document model every reader
//! produces; [`batch`] to run many files in parallel; [`export`] for CSV and
//! SQLite. The stage modules below are exposed for the crate's own tests,
//! benchmarks and fuzz targets and are not a stable interface.
//!
//! # Stages
//!
//! The pipeline runs in data-flow order, one module per stage
//! (docs/ARCHITECTURE.md draws it):
//!
//! 1. `input`: bytes → a [`model::Doc`] (text plus typed blocks), chosen by content;
//! 2. `normalize`: encoding repair, logged;
//! 3. `layout`: pages, lines, footnotes → the final `text` and its blocks;
//! 4. `structure`: header metadata and the section tree;
//! 5. `extract`: references, counts, funds, products;
//! 6. `audit`: consistency checks on the document's own numbers;
//! 7. [`output`]: the serde model of the contract `baocao/1`.
//!
//! `ground` is the one place byte spans become contract items, so every item
//! satisfies `text[start..end] == item.text`.

pub mod batch;
pub mod cleanup;
pub mod export;
pub mod model;
pub mod options;
pub mod output;
pub mod review;

#[doc(hidden)]
pub mod audit;
mod bytescan;
#[doc(hidden)]
pub mod extract;
#[doc(hidden)]
pub mod ground;
#[doc(hidden)]
pub mod input;
#[doc(hidden)]
pub mod layout;
#[doc(hidden)]
pub mod lexicon;
#[doc(hidden)]
pub mod normalize;
mod short_regex;
#[doc(hidden)]
pub mod structure;
#[cfg(test)]
mod testgen;
#[doc(hidden)]
pub mod text;
#[doc(hidden)]
pub mod vi;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use sha2::{Digest, Sha256};

pub use options::{Options, DEFAULT_MAX_MEMORY};

use ground::Ground;
use output::{DocError, Document, ErrorKind, Source, SCHEMA};

/// Process one file. Never panics; failures are in the document's `errors`.
///
/// The read is bounded by `--max-bytes` itself, not by the size the file
/// claims (a device claims 0), and a FIFO or device is read under `--timeout`.
/// With a worker executable, the document is processed in a worker process
/// under `--timeout` and `--max-memory` ([`batch::worker`]), except a plain
/// text of at most [`IN_PROCESS_TEXT_BYTES`]: the text pipeline is linear, so
/// its size bounds its time and memory, and the worker's round trip would
/// cost half as much again as the work (measured on the benchmark corpus).
pub fn process_path(path: &Path, opts: &Options) -> Document {
    let shown = path.display().to_string();
    match input::read::read_bounded(path, opts.max_bytes, opts.timeout) {
        Ok(bytes) => process_isolated(&shown, &bytes, opts),
        Err(e) => failed(&shown, e),
    }
}

/// Process one document given as bytes as [`process_path`] does: in a worker
/// process when `opts.pdf_worker` is set (and the input is not a small plain
/// text), else in this process. Never panics.
pub fn process_isolated(name: &str, bytes: &[u8], opts: &Options) -> Document {
    match &opts.pdf_worker {
        Some(exe) if !small_text(name, bytes) && bytes.len() as u64 <= opts.max_bytes => {
            batch::worker::process(name, bytes, exe, opts)
        }
        _ => process_bytes(name, bytes, opts),
    }
}

/// Largest plain text processed in the calling process when a worker is set.
pub const IN_PROCESS_TEXT_BYTES: usize = 4 << 20;

/// Is this input a plain text small enough to need no worker?
fn small_text(name: &str, bytes: &[u8]) -> bool {
    if bytes.len() > IN_PROCESS_TEXT_BYTES {
        return false;
    }
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    matches!(input::sniff(bytes, ext), Ok(input::Format::Text))
}

/// Process one document given as bytes; `name` is its path as shown to the user
/// (its extension breaks format ties). Never panics.
pub fn process_bytes(name: &str, bytes: &[u8], opts: &Options) -> Document {
    let mut source = Source {
        path: name.to_string(),
        format: "unknown".into(),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        ..Default::default()
    };
    if bytes.len() as u64 > opts.max_bytes {
        let mut doc = failed(
            name,
            DocError::new(ErrorKind::TooLarge, "input over --max-bytes"),
        );
        doc.source = source;
        return doc;
    }
    let decoded = catch_unwind(AssertUnwindSafe(|| input::decode(name, bytes, opts)))
        .unwrap_or_else(|p| {
            Err(DocError::new(
                ErrorKind::Panic,
                format!("input stage: {}", panic_message(&p)),
            ))
        });
    let decoded = match decoded {
        Ok(d) => d,
        Err(e) => {
            let mut doc = failed(name, e);
            doc.source = source;
            return doc;
        }
    };
    source.format = decoded.format.clone();
    source.encoding = decoded.encoding.clone();
    source.pages = decoded.pages;
    source.backend = Some(decoded.backend.clone());
    source.page_status = decoded.page_status.clone();
    let mut doc = match catch_unwind(AssertUnwindSafe(|| analyze(&decoded, opts))) {
        Ok(doc) => doc,
        Err(p) => {
            let mut doc = empty();
            doc.errors.push(DocError::new(
                ErrorKind::Panic,
                format!("internal error while analysing: {}", panic_message(&p)),
            ));
            doc
        }
    };
    doc.source = source;
    doc.errors.splice(0..0, decoded.errors.iter().cloned());
    doc
}

/// The `baocao normalize` command for one input: decode it (text, PDF, DOCX)
/// and run the normalize stage only. `name` is the path as shown (its
/// extension breaks format ties). Never panics.
pub fn normalize_bytes(
    name: &str,
    bytes: &[u8],
    opts: &Options,
) -> Result<(input::Decoded, normalize::Normalized), DocError> {
    let run = || -> Result<(input::Decoded, normalize::Normalized), DocError> {
        if bytes.len() as u64 > opts.max_bytes {
            return Err(DocError::new(ErrorKind::TooLarge, "input over --max-bytes"));
        }
        let decoded = input::decode(name, bytes, opts)?;
        let (_, norm, _) = normalize::fonts::normalize_doc(&decoded.doc, &opts.normalize);
        Ok((decoded, norm))
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|p| {
        Err(DocError::new(
            ErrorKind::Panic,
            format!("internal error while normalizing: {}", panic_message(&p)),
        ))
    })
}

/// Run the stages after input on decoded text.
pub fn analyze(decoded: &input::Decoded, opts: &Options) -> Document {
    // Runs in a font that names a legacy code page are decoded by it first;
    // the text-level repairs then handle what no font said.
    let (fdoc, norm, font_map) = normalize::fonts::normalize_doc(&decoded.doc, &opts.normalize);
    let laid = layout::layout_flow(&norm.text, fdoc.flow);
    // A reader's blocks and the spans of its warnings are moved through
    // normalize's repairs (which keep every line) and layout's rewriting;
    // without reader blocks, layout derives them.
    let reader_spans = decoded.warnings.iter().any(|w| w.start.is_some());
    let normalized = (!fdoc.blocks.is_empty() || reader_spans)
        .then(|| model::OffsetMap::by_lines(&fdoc.text, &norm.text))
        .flatten();
    let blocks = laid.blocks(&fdoc, normalized.as_ref());
    let text = laid.text.as_str();
    let mut g = Ground::new(text, decoded.pages.is_some());
    g.set_blocks(&blocks);

    let mut doc = empty();
    doc.normalization.repairs = norm.repairs;
    doc.normalization.quality = norm.quality;
    // Reader warnings: their byte spans in the reader's text, moved onto the
    // final text (a span that cannot be moved is dropped, not left wrong).
    let to_final = |b: usize| -> Option<usize> {
        let b = font_map.as_ref().map_or(b, |m| m.map(b));
        normalized.as_ref().map(|m| laid.map_offset(m.map(b)))
    };
    let mut doubtful = Vec::new();
    for w in &decoded.warnings {
        let mut w = w.clone();
        let span = w
            .start
            .zip(w.end)
            .and_then(|(s, e)| to_final(s).zip(to_final(e)));
        if let (Some((s, e)), true) = (span, w.kind == output::DOUBTFUL_FIELD) {
            doubtful.push(s..e);
        }
        w.start = span.map(|(s, _)| g.char_offset(s));
        w.end = span.map(|(_, e)| g.char_offset(e));
        doc.normalization.warnings.push(w);
    }
    g.set_doubtful(doubtful);
    for mut w in norm.warnings {
        w.start = w.start.map(|b| g.char_offset(laid.map_offset(b)));
        w.end = w.end.map(|b| g.char_offset(laid.map_offset(b)));
        doc.normalization.warnings.push(w);
    }
    doc.footnotes = g
        .notes()
        .map(|(block, note)| {
            let at = g.at(block.range.start, block.range.end);
            output::Footnote {
                marker: note.marker.clone(),
                text: at.text,
                start: at.start,
                end: at.end,
                anchor_start: note.anchor.as_ref().map(|a| g.char_offset(a.start)),
                anchor_end: note.anchor.as_ref().map(|a| g.char_offset(a.end)),
                page: at.page,
            }
        })
        .collect();

    doc.metadata = structure::metadata(&g);
    doc.sections = structure::sections(&g);
    g.set_sections(&doc.sections);
    doc.references = extract::references(&g, &doc.metadata);
    // Table money is read once: funds of the contract, and the totals audit.
    let table_funds = extract::table_funds::all(&g);
    (doc.counts, doc.funds) = extract::counts_and_funds(&g, &table_funds);
    let (products, lists) = extract::products_with_lists(&g);
    doc.products = products;
    cap_items(&mut doc, opts.max_items);
    doc.audit = audit::audit(&g, &doc, &lists, &table_funds);
    doc.text = (!opts.no_text).then(|| laid.text.clone());
    doc
}

/// Keep at most `max` items per list, saying so in `errors`.
fn cap_items(doc: &mut Document, max: usize) {
    let mut cut = Vec::new();
    macro_rules! cap {
        ($($list:ident),*) => {$(
            if doc.$list.len() > max {
                cut.push(format!("{} {}", doc.$list.len(), stringify!($list)));
                doc.$list.truncate(max);
            }
        )*};
    }
    cap!(sections, footnotes, references, products, counts, funds);
    if !cut.is_empty() {
        doc.errors.push(DocError::new(
            ErrorKind::TooManyItems,
            format!(
                "{} found; only the first {max} of each are kept (--max-items)",
                cut.join(", ")
            ),
        ));
    }
}

/// An empty document of the current schema.
pub fn empty() -> Document {
    Document {
        schema: SCHEMA.to_string(),
        text: Some(String::new()),
        ..Default::default()
    }
}

/// A document that could not be read: `errors` filled, the rest empty.
pub fn failed(path: &str, error: DocError) -> Document {
    let mut doc = empty();
    doc.source.path = path.to_string();
    doc.source.format = "unknown".into();
    doc.errors.push(error);
    doc
}

/// Hex SHA-256 of the input bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The message of a caught panic.
pub fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}
