//! `baocao._native`: the Rust library seen from Python.
//!
//! The binding stays thin so the library remains the one source of behaviour:
//! documents cross as `baocao/1` JSON text (the pure-Python package turns it
//! into dictionaries with the standard `json` module), options cross as JSON,
//! and every call that reads or analyses documents releases the interpreter
//! (`Python::detach`) so threads run in parallel.
//!
//! Isolation holds here as in the CLI: when the caller names a worker command
//! (the Python package passes its own interpreter with `-c` and a line that
//! calls [`worker_main`]), documents run in bounded child processes, so a
//! hang or crash in a reader costs one document, not the interpreter.

use std::path::PathBuf;
use std::time::Duration;

use baocao::export::rows::{Cell, DocRows, Kind, Table};
use baocao::export::{self, Event, ExportError, Source, Summary, Targets};
use baocao::normalize::NormalizeOptions;
use baocao::options::{OcrMode, Options};
use baocao::output::{DocError, Document, ErrorKind};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyTuple};
use serde::Deserialize;

/// Options as the Python package sends them (see `baocao/__init__.py`).
#[derive(Debug, Deserialize)]
#[serde(default)]
struct PyOptions {
    /// Seconds allowed for one document (in a worker).
    timeout: f64,
    ocr: String,
    no_text: bool,
    max_bytes: u64,
    max_items: usize,
    /// Address-space limit of each worker, MiB; 0 is none.
    max_memory_mib: u64,
    tone_style: String,
    /// The command that starts a worker: executable, then its arguments
    /// before the subcommand. Empty: everything in this process.
    worker: Vec<String>,
}

impl Default for PyOptions {
    fn default() -> Self {
        let o = Options::default();
        PyOptions {
            timeout: o.timeout.as_secs_f64(),
            ocr: "auto".into(),
            no_text: o.no_text,
            max_bytes: o.max_bytes,
            max_items: o.max_items,
            max_memory_mib: o.max_memory.unwrap_or(0) >> 20,
            tone_style: "classic".into(),
            worker: Vec::new(),
        }
    }
}

fn options(json: &str) -> PyResult<Options> {
    let p: PyOptions =
        serde_json::from_str(json).map_err(|e| PyValueError::new_err(format!("options: {e}")))?;
    if !(p.timeout.is_finite() && p.timeout > 0.0) {
        return Err(PyValueError::new_err(
            "timeout must be a positive number of seconds",
        ));
    }
    let ocr: OcrMode = p.ocr.parse().map_err(|_| {
        PyValueError::new_err(format!(
            "ocr must be auto, always or never, not {:?}",
            p.ocr
        ))
    })?;
    let tone_style = p.tone_style.parse().map_err(|_| {
        PyValueError::new_err(format!(
            "tone_style must be classic, modern or keep, not {:?}",
            p.tone_style
        ))
    })?;
    let mut worker = p.worker.into_iter();
    Ok(Options {
        no_text: p.no_text,
        timeout: Duration::from_secs_f64(p.timeout.min(1e9)),
        max_bytes: p.max_bytes,
        max_items: p.max_items,
        ocr,
        max_memory: (p.max_memory_mib > 0).then(|| p.max_memory_mib.saturating_mul(1 << 20)),
        pdf_worker: worker.next().map(PathBuf::from),
        worker_args: worker.collect(),
        normalize: NormalizeOptions { tone_style },
        ..Options::default()
    })
}

fn to_json(doc: &Document) -> PyResult<String> {
    serde_json::to_string(doc).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Process one document, from a path or from bytes (named `filename`), and
/// return its `baocao/1` JSON. Bad input is a document with `errors`, never
/// an exception.
#[pyfunction]
#[pyo3(signature = (path, data, filename, options))]
fn extract(
    py: Python<'_>,
    path: Option<PathBuf>,
    data: Option<Vec<u8>>,
    filename: Option<String>,
    options: &str,
) -> PyResult<String> {
    let opts = self::options(options)?;
    let doc = py.detach(move || match (path, data) {
        (_, Some(bytes)) => {
            let name = filename.unwrap_or_else(|| "-".into());
            baocao::process_isolated(&name, &bytes, &opts)
        }
        (Some(path), None) => {
            let mut doc = baocao::process_path(&path, &opts);
            if let Some(name) = filename {
                doc.source.path = name;
            }
            doc
        }
        (None, None) => baocao::failed(
            "-",
            DocError::new(ErrorKind::Unreadable, "neither a path nor bytes"),
        ),
    });
    to_json(&doc)
}

/// The entry point of a worker child (`python -c ... __worker OPTIONS`):
/// dispatches on the subcommand as the CLI does; returns the exit code.
#[pyfunction]
fn worker_main(py: Python<'_>, argv: Vec<String>) -> u8 {
    py.detach(move || match argv.first().map(String::as_str) {
        Some(baocao::batch::worker::SUBCOMMAND) => {
            baocao::batch::worker::worker_main(argv.get(1).map_or("", String::as_str))
        }
        Some("__pdf-worker") => baocao::input::pdf::worker_main(),
        _ => 2,
    })
}

/// The JSON Schema of the contract, as text.
#[pyfunction]
fn schema() -> String {
    export::schema::json_schema_pretty()
}

/// The exported tables: `[(table, [(column, kind)])]`, kinds `text`,
/// `integer`, `real`, `date`, `bool`.
#[pyfunction]
fn tables() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    Table::ALL
        .iter()
        .map(|t| {
            let cols = t
                .columns()
                .iter()
                .map(|c| (c.name, kind_name(c.kind)))
                .collect();
            (t.name(), cols)
        })
        .collect()
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Text => "text",
        Kind::Integer => "integer",
        Kind::Real => "real",
        Kind::Date => "date",
        Kind::Bool => "bool",
    }
}

fn table_named(name: &str) -> PyResult<Table> {
    Table::ALL
        .into_iter()
        .find(|t| t.name() == name)
        .ok_or_else(|| PyValueError::new_err(format!("no table {name:?}")))
}

/// The rows one document gives in `table`, as tuples in column order
/// (dates as ISO text): the same rows the export writes.
#[pyfunction]
fn table_rows<'py>(
    py: Python<'py>,
    table: &str,
    document: &str,
) -> PyResult<Vec<Bound<'py, PyTuple>>> {
    let table = table_named(table)?;
    let doc: Document = serde_json::from_str(document)
        .map_err(|e| PyValueError::new_err(format!("not a baocao/1 document: {e}")))?;
    let rows = DocRows::new(&doc);
    let kinds: Vec<Kind> = table.columns().iter().map(|c| c.kind).collect();
    let mut out = Vec::with_capacity(table.len(&doc));
    rows.for_each(table, |cells| {
        let mut items: Vec<Bound<'py, PyAny>> = Vec::with_capacity(cells.len());
        for (cell, kind) in cells.iter().zip(&kinds) {
            items.push(match (cell, kind) {
                (Cell::Null, _) => py.None().into_bound(py),
                (Cell::Int(n), Kind::Bool) => PyBool::new(py, *n != 0).to_owned().into_any(),
                (Cell::Int(n), _) => n.into_pyobject(py)?.into_any(),
                (Cell::Real(x), _) => x.into_pyobject(py)?.into_any(),
                (Cell::Text(s), _) => s.as_ref().into_pyobject(py)?.into_any(),
            });
        }
        out.push(PyTuple::new(py, items)?);
        Ok::<(), PyErr>(())
    })?;
    Ok(out)
}

/// A failed document for `path` with one error of kind `panic` (the Spark
/// recipe's answer when Python itself fails on an input).
#[pyfunction]
fn error_document(path: &str, message: &str) -> PyResult<String> {
    to_json(&baocao::failed(
        path,
        DocError::new(ErrorKind::Panic, message.to_string()),
    ))
}

fn summary_dict<'py>(
    py: Python<'py>,
    s: &Summary,
    failures: Vec<(String, String)>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("documents", s.documents)?;
    d.set_item("rows", s.rows)?;
    d.set_item("duplicates", s.duplicates)?;
    d.set_item("with_errors", s.with_errors)?;
    d.set_item("failed", s.failed)?;
    d.set_item("failures", failures)?;
    Ok(d)
}

/// Export into the named targets: `paths` (reports or JSON files, folders
/// walked as the CLI does) and `documents` (`baocao/1` JSON texts). Returns
/// the summary; raises `OSError` only when the output cannot be written.
#[pyfunction]
#[pyo3(signature = (paths, documents, parquet, csv, sqlite, jobs, options))]
#[allow(clippy::too_many_arguments)]
fn export_tables<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    documents: Vec<String>,
    parquet: Option<PathBuf>,
    csv: Option<PathBuf>,
    sqlite: Option<PathBuf>,
    jobs: usize,
    options: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = self::options(options)?;
    let targets = Targets {
        csv,
        excel: false,
        sqlite,
        parquet,
    };
    let result = py.detach(
        move || -> Result<(Summary, Vec<(String, String)>), ExportError> {
            let mut failures = Vec::new();
            let mut on_event = |e: Event| {
                if let Event::Failed { input, message } = e {
                    failures.push((input.to_string(), message));
                }
            };
            let sinks = export::open(&targets)?;
            let summary = if documents.is_empty() {
                let sources: Vec<Source> = export::expand(&paths);
                export::run(&sources, &opts, sinks, jobs.max(1), &mut on_event)?
            } else {
                let docs = documents.iter().enumerate().map(|(i, text)| {
                    let doc = serde_json::from_str::<Document>(text)
                        .map_err(|e| format!("not a baocao/1 document: {e}"));
                    let shown = match &doc {
                        Ok(d) if !d.source.path.is_empty() => d.source.path.clone(),
                        _ => format!("document {i}"),
                    };
                    (shown, doc)
                });
                export::write_documents(docs, sinks, &mut on_event)?
            };
            Ok((summary, failures))
        },
    );
    match result {
        Ok((summary, failures)) => summary_dict(py, &summary, failures),
        Err(e) => Err(PyOSError::new_err(e.to_string())),
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // Panics are caught per document and reported in its `errors`; the
    // default hook would also print them on the user's terminal.
    std::panic::set_hook(Box::new(|_| {}));
    m.add("SCHEMA", baocao::output::SCHEMA)?;
    m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(worker_main, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(tables, m)?)?;
    m.add_function(wrap_pyfunction!(table_rows, m)?)?;
    m.add_function(wrap_pyfunction!(error_document, m)?)?;
    m.add_function(wrap_pyfunction!(export_tables, m)?)?;
    Ok(())
}
