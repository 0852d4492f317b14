//! The batch runner: many inputs, processed in parallel, each isolated.
//!
//! Inputs are expanded (folders recursively) into a list of paths up front —
//! paths are small — and then processed in order-preserving chunks on a rayon
//! pool, so memory holds at most one chunk of documents whatever the batch
//! size. Every input yields exactly one document; a failure is a document with
//! `errors`, never a lost file.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::output::Document;
use crate::{process_bytes, process_path, Options};

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    pub fn shown(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "-".into(),
        }
    }
}

/// File extensions taken from folders (explicitly named files are always taken).
pub const FOLDER_EXTENSIONS: &[&str] = &["txt", "text", "md", "pdf", "docx"];

/// Expand command-line paths: `-` is standard input, a folder contributes its
/// files with a known extension (recursively, sorted, hidden files skipped),
/// anything else is taken as is (a missing path becomes a failed document).
pub fn expand(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let walker = walkdir::WalkDir::new(p)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_known_extension(e.path()) => {
                        out.push(Input::Path(e.into_path()))
                    }
                    Ok(_) => {}
                    // An unreadable subfolder: keep it as an input so it is reported.
                    Err(e) => {
                        if let Some(path) = e.path() {
                            out.push(Input::Path(path.to_path_buf()))
                        }
                    }
                }
            }
        } else {
            out.push(Input::Path(p.clone()));
        }
    }
    out
}

fn has_known_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| FOLDER_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        .unwrap_or(false)
}

/// Output file names, one per input, distinct: `<stem>.json`, or
/// `<stem>.<ext>.json` when stems collide, with a numeric suffix as a last
/// resort. Names come from the file name only, sanitised, so nothing is ever
/// written outside the output folder.
pub fn output_names(inputs: &[Input]) -> Vec<String> {
    let parts: Vec<(String, String)> = inputs
        .iter()
        .map(|i| match i {
            Input::Stdin => ("stdin".to_string(), String::new()),
            Input::Path(p) => (
                sanitize(
                    &p.file_stem()
                        .map(|s| s.to_string_lossy())
                        .unwrap_or_default(),
                ),
                sanitize(
                    &p.extension()
                        .map(|s| s.to_string_lossy())
                        .unwrap_or_default(),
                ),
            ),
        })
        .collect();
    let mut stem_count: HashMap<&str, usize> = HashMap::new();
    for (stem, _) in &parts {
        *stem_count.entry(stem.as_str()).or_default() += 1;
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    parts
        .iter()
        .map(|(stem, ext)| {
            let base = if stem_count[stem.as_str()] > 1 && !ext.is_empty() {
                format!("{stem}.{ext}")
            } else {
                stem.clone()
            };
            let n = used.entry(base.clone()).or_default();
            *n += 1;
            if *n == 1 {
                format!("{base}.json")
            } else {
                format!("{base}.{n}.json")
            }
        })
        .collect()
}

fn sanitize(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_start_matches('.');
    if trimmed.is_empty() {
        "document".into()
    } else {
        trimmed.to_string()
    }
}

/// Where documents go.
pub enum Sink {
    /// One pretty JSON file per input in this folder.
    Dir(PathBuf),
    /// One JSON object per line, in input order.
    Jsonl(Box<dyn Write + Send>),
}

/// How a batch went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub processed: usize,
    /// Inputs whose document has `errors`.
    pub failed: usize,
    /// Outputs that could not be written.
    pub write_failed: usize,
}

/// Process one input.
pub fn process(input: &Input, opts: &Options) -> Document {
    match input {
        Input::Path(p) => process_path(p, opts),
        Input::Stdin => {
            let mut bytes = Vec::new();
            match std::io::stdin()
                .take(opts.max_bytes + 1)
                .read_to_end(&mut bytes)
            {
                Ok(_) => process_bytes("-", &bytes, opts),
                Err(e) => crate::failed(
                    "-",
                    crate::output::DocError::new("unreadable", e.to_string()),
                ),
            }
        }
    }
}

/// Run a batch. `on_done` is called once per input (for progress and stderr
/// reporting), from the writing thread, in input order.
pub fn run(
    inputs: &[Input],
    opts: &Options,
    sink: &mut Sink,
    jobs: usize,
    mut on_done: impl FnMut(&Input, &Document, Option<&str>),
) -> Summary {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build();
    let names = output_names(inputs);
    let mut summary = Summary::default();
    let chunk = (jobs.max(1) * 8).max(16);
    let out_dir = match sink {
        Sink::Dir(d) => Some(d.clone()),
        Sink::Jsonl(_) => None,
    };
    // Serialising happens on the worker threads; only the ordered write of
    // JSONL lines is left to this thread.
    let work = |i: usize| -> (Document, Result<Option<String>, String>) {
        let doc = process(&inputs[i], opts);
        let written = match &out_dir {
            Some(dir) => write_atomic(&dir.join(&names[i]), &doc).map(|_| None),
            None => serde_json::to_string(&doc)
                .map(Some)
                .map_err(|e| e.to_string()),
        };
        (doc, written)
    };
    let run_chunk =
        |range: std::ops::Range<usize>| -> Vec<(Document, Result<Option<String>, String>)> {
            range.into_par_iter().map(work).collect()
        };
    for start in (0..inputs.len()).step_by(chunk) {
        let range = start..(start + chunk).min(inputs.len());
        let results = match &pool {
            Ok(pool) => pool.install(|| run_chunk(range.clone())),
            Err(_) => range.clone().map(work).collect(),
        };
        for (i, (doc, written)) in range.zip(results) {
            summary.processed += 1;
            if !doc.errors.is_empty() {
                summary.failed += 1;
            }
            let write_error = match written {
                Ok(Some(line)) => match sink {
                    Sink::Jsonl(w) => writeln!(w, "{line}").err().map(|e| e.to_string()),
                    Sink::Dir(_) => None,
                },
                Ok(None) => None,
                Err(e) => Some(e),
            };
            if write_error.is_some() {
                summary.write_failed += 1;
            }
            on_done(&inputs[i], &doc, write_error.as_deref());
        }
    }
    if let Sink::Jsonl(w) = sink {
        if w.flush().is_err() {
            summary.write_failed += 1;
        }
    }
    summary
}

/// Write `doc` as pretty JSON to `path` through a temporary file in the same
/// folder and a rename, so a reader never sees a half-written file.
pub fn write_atomic(path: &Path, doc: &Document) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let shown = path.display();
    let mut tmp = tempfile::Builder::new()
        .prefix(".baocao-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot write {shown}: {e}"))?;
    serde_json::to_writer_pretty(std::io::BufWriter::new(&mut tmp), doc)
        .map_err(|e| format!("cannot write {shown}: {e}"))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| format!("cannot write {shown}: {e}"))?;
    tmp.persist(path)
        .map_err(|e| format!("cannot write {shown}: {}", e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_and_stay_inside() {
        let inputs = vec![
            Input::Path("a/a.txt".into()),
            Input::Path("b/a.pdf".into()),
            Input::Path("c/b.txt".into()),
            Input::Path("d/b.txt".into()),
            Input::Path("../../etc/..passwd".into()),
            Input::Stdin,
        ];
        let names = output_names(&inputs);
        assert_eq!(
            names,
            vec![
                "a.txt.json",
                "a.pdf.json",
                "b.txt.json",
                "b.txt.2.json",
                "document.json",
                "stdin.json"
            ]
        );
    }
}
