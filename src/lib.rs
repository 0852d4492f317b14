//! baocao: Vietnamese official reports in, grounded structured data out.
//!
//! The pipeline runs in data-flow order, one module per stage:
//!
//! 1. [`input`]: bytes → text (text encodings, PDF, DOCX), chosen by content;
//! 2. [`normalize`]: encoding repair, logged;
//! 3. [`layout`]: pages, lines, footnotes → the final `text`;
//! 4. [`structure`]: header metadata and the section tree;
//! 5. [`extract`]: references, counts, funds, products;
//! 6. [`audit`]: consistency checks on the document's own numbers;
//! 7. [`output`]: the serde model of the contract `baocao/1`.
//!
//! [`ground`] is the one place byte spans become contract items, so every item
//! satisfies `text[start..end] == item.text`. [`batch`] runs many files in
//! parallel, each isolated from the others.

pub mod audit;
pub mod batch;
mod bytescan;
pub mod export;
pub mod extract;
pub mod ground;
pub mod input;
pub mod layout;
pub mod lexicon;
pub mod model;
pub mod normalize;
pub mod output;
pub mod structure;
#[cfg(test)]
mod testgen;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use ground::Ground;
use output::{DocError, Document, Source, SCHEMA};

/// Options for processing one document.
#[derive(Debug, Clone)]
pub struct Options {
    /// Omit `text` from the output.
    pub no_text: bool,
    /// Time limit for extracting one PDF (enforced when a worker executable is set).
    pub timeout: Duration,
    /// Largest input accepted, in bytes.
    pub max_bytes: u64,
    /// Largest decompressed size of one part of a container (a DOCX zip entry):
    /// the zip-bomb guard.
    pub max_part_bytes: u64,
    /// Most items kept in each list (sections, references, products, counts,
    /// funds, footnotes); a hostile input can otherwise yield millions.
    pub max_items: usize,
    /// Batch only: with an output folder, skip an input whose JSON is already
    /// there for the same bytes (same sha256) and without errors, so an
    /// interrupted batch continues where it stopped. Failed inputs are retried.
    pub resume: bool,
    /// Executable that runs PDF extraction in a child process (`baocao __pdf-worker`),
    /// so that a hang or crash in the PDF library costs only that file. `None`
    /// extracts in-process (panics are still caught, hangs are not).
    pub pdf_worker: Option<PathBuf>,
    /// Address-space limit of every child process (the workers, `pdftotext`),
    /// in bytes: a decompression bomb fails there with `too_large` instead of
    /// taking the machine's memory. `None`: no limit.
    pub max_memory: Option<u64>,
    pub normalize: normalize::NormalizeOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            no_text: false,
            timeout: Duration::from_secs(60),
            max_bytes: 256 * 1024 * 1024,
            max_part_bytes: 64 * 1024 * 1024,
            max_items: 20_000,
            resume: false,
            pdf_worker: None,
            max_memory: Some(DEFAULT_MAX_MEMORY),
            normalize: Default::default(),
        }
    }
}

/// Default of [`Options::max_memory`]: 1 GiB per child process.
pub const DEFAULT_MAX_MEMORY: u64 = 1 << 30;

/// Process one file. Never panics; failures are in the document's `errors`.
///
/// The read is bounded by `--max-bytes` itself, not by the size the file
/// claims (a device claims 0), and a FIFO or device is read under `--timeout`.
/// With a worker executable, the document is processed in a worker process
/// under `--timeout` and `--max-memory`, whatever its format
/// ([`batch::worker`]).
pub fn process_path(path: &Path, opts: &Options) -> Document {
    let shown = path.display().to_string();
    match input::read::read_bounded(path, opts.max_bytes, opts.timeout) {
        Ok(bytes) => match &opts.pdf_worker {
            Some(exe) => batch::worker::process(&shown, &bytes, exe, opts),
            None => process_bytes(&shown, &bytes, opts),
        },
        Err(e) => failed(&shown, e),
    }
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
        let mut doc = failed(name, DocError::new("too_large", "input over --max-bytes"));
        doc.source = source;
        return doc;
    }
    let decoded = catch_unwind(AssertUnwindSafe(|| input::decode(name, bytes, opts)))
        .unwrap_or_else(|p| {
            Err(DocError::new(
                "panic",
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
                "panic",
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
            return Err(DocError::new("too_large", "input over --max-bytes"));
        }
        let decoded = input::decode(name, bytes, opts)?;
        let norm = normalize::normalize(&decoded.doc.text, &opts.normalize);
        Ok((decoded, norm))
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|p| {
        Err(DocError::new(
            "panic",
            format!("internal error while normalizing: {}", panic_message(&p)),
        ))
    })
}

/// Run the stages after input on decoded text.
pub fn analyze(decoded: &input::Decoded, opts: &Options) -> Document {
    let norm = normalize::normalize(&decoded.doc.text, &opts.normalize);
    let laid = layout::layout(&norm.text);
    let text = laid.text.as_str();
    let mut g = Ground::new(text, decoded.pages.is_some());

    let mut doc = empty();
    doc.normalization.repairs = norm.repairs;
    doc.normalization.quality = norm.quality;
    doc.normalization.warnings = decoded.warnings.clone();
    for mut w in norm.warnings {
        w.start = w.start.map(|b| g.char_offset(laid.map_offset(b)));
        w.end = w.end.map(|b| g.char_offset(laid.map_offset(b)));
        doc.normalization.warnings.push(w);
    }
    doc.footnotes = laid
        .footnotes
        .iter()
        .map(|f| {
            let at = g.at(f.start, f.end);
            output::Footnote {
                marker: f.marker.clone(),
                text: at.text,
                start: at.start,
                end: at.end,
                anchor_start: f.anchor_start.map(|b| g.char_offset(b)),
                anchor_end: f.anchor_end.map(|b| g.char_offset(b)),
                page: at.page,
            }
        })
        .collect();

    doc.metadata = structure::metadata(&g);
    doc.sections = structure::sections(&g);
    g.set_sections(&doc.sections);
    doc.references = extract::references(&g, &doc.metadata);
    (doc.counts, doc.funds) = extract::counts_and_funds(&g);
    let (products, lists) = extract::products_with_lists(&g);
    doc.products = products;
    cap_items(&mut doc, opts.max_items);
    doc.audit = audit::audit(&g, &doc, &lists);
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
            "too_many_items",
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
