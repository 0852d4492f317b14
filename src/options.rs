//! Options of the pipeline, shared by every stage.
//!
//! They live in a module of their own, below the stages, so that a reader
//! or a stage takes its settings without importing the crate root (the top
//! of the layering) or a later stage.

use std::path::PathBuf;
use std::time::Duration;

/// Default of [`Options::max_memory`]: 1 GiB per child process.
pub const DEFAULT_MAX_MEMORY: u64 = 1 << 30;

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
    /// Arguments given to `pdf_worker` before its subcommand. Empty for the
    /// CLI (the worker is `baocao` itself); the Python package runs its
    /// workers as `python -c <start the worker> __worker ...`, since there is
    /// no `baocao` executable in a wheel.
    pub worker_args: Vec<String>,
    /// When to OCR (`--ocr`): scanned PDF pages and images.
    pub ocr: OcrMode,
    /// Address-space limit of every child process (the workers, `pdftotext`),
    /// in bytes: a decompression bomb fails there with `too_large` instead of
    /// taking the machine's memory. `None`: no limit.
    pub max_memory: Option<u64>,
    /// Options of the normalize stage.
    pub normalize: NormalizeOptions,
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
            worker_args: Vec::new(),
            ocr: OcrMode::default(),
            max_memory: Some(DEFAULT_MAX_MEMORY),
            normalize: Default::default(),
        }
    }
}

/// Options of the normalize stage.
#[derive(Debug, Clone, Default)]
pub struct NormalizeOptions {
    /// Where tones go in `oa`, `oe`, `uy` (`--tone-style`).
    pub tone_style: ToneStyle,
}

/// Where tones go in `oa`, `oe`, `uy` without a final consonant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ToneStyle {
    /// `hòa`, `thủy`, `Ủy`: the style of current administrative documents.
    #[default]
    Classic,
    /// `hoà`, `thuỷ`, `Uỷ`.
    Modern,
    /// Leave either accepted style as written; repair only errors.
    Keep,
}

impl std::str::FromStr for ToneStyle {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "classic" | "hòa" | "hoa" => Ok(ToneStyle::Classic),
            "modern" | "hoà" => Ok(ToneStyle::Modern),
            "keep" => Ok(ToneStyle::Keep),
            _ => Err(format!(
                "unknown tone style `{s}`: use classic (hòa, thủy), modern (hoà, thuỷ) or keep"
            )),
        }
    }
}

/// When to OCR (`--ocr`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OcrMode {
    /// Pages without a usable text layer (none, garbage, only a signature
    /// overlay), and images.
    #[default]
    Auto,
    /// Every page of a PDF, even one with a good text layer.
    Always,
    /// Never: scanned pages stay empty, images are an error.
    Never,
}

impl std::str::FromStr for OcrMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(OcrMode::Auto),
            "always" => Ok(OcrMode::Always),
            "never" => Ok(OcrMode::Never),
            _ => Err(format!("--ocr must be auto, always or never, not {s:?}")),
        }
    }
}
