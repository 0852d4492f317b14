//! Datasets: the contract's documents as flat tables, in CSV, SQLite or Parquet.
//!
//! Users work with spreadsheets, SQL, pandas and DuckDB, not nested JSON, so
//! `baocao export` turns documents into one row per item ([`rows`]) and hands
//! the rows to sinks ([`csv`], [`sqlite`], [`parquet`]). Inputs are reports (run through the
//! pipeline, in parallel) or JSON already extracted (`.json`, `.jsonl`, or
//! detected by content), streamed: at most one chunk of documents is in memory
//! at a time. A document is keyed by its id ([`rows::doc_id`]); within one run
//! the first occurrence of an id wins, across runs the SQLite rows of an id are
//! replaced.
//!
//! [`schema`] publishes the JSON Schema of the contract.

pub mod csv;
pub mod parquet;
pub mod rows;
pub mod schema;
pub mod sqlite;

use std::collections::HashMap;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::batch::{self, Input};
use crate::options::Options;
use crate::output::{Document, SCHEMA};
use rows::DocRows;

/// Why an export step failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The output cannot be written at all: the run stops.
    Write(String),
    /// One document could not be written; the others go on.
    Document(String),
}

impl ExportError {
    fn io(path: &Path, e: std::io::Error) -> Self {
        ExportError::Write(format!("{}: {e}", path.display()))
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Write(m) | ExportError::Document(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ExportError {}

/// A destination for table rows.
pub trait TableSink {
    /// Write every row of one document, replacing rows the sink already holds
    /// for the same document id.
    fn write_document(&mut self, rows: &DocRows) -> Result<(), ExportError>;
    /// Make the output complete and visible (rename files, commit).
    fn finish(self: Box<Self>) -> Result<(), ExportError>;
}

/// Where an export goes; both may be given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    /// Folder for `<table>.csv` files.
    pub csv: Option<PathBuf>,
    /// Start each CSV file with a byte-order mark (for Excel).
    pub excel: bool,
    /// SQLite database file, created if missing.
    pub sqlite: Option<PathBuf>,
    /// Folder for `<table>.parquet` files.
    pub parquet: Option<PathBuf>,
}

/// Open the sinks named by `targets`.
pub fn open(targets: &Targets) -> Result<Vec<Box<dyn TableSink>>, ExportError> {
    let mut sinks: Vec<Box<dyn TableSink>> = Vec::new();
    if let Some(dir) = &targets.csv {
        sinks.push(Box::new(csv::CsvSink::create(dir, targets.excel)?));
    }
    if let Some(db) = &targets.sqlite {
        sinks.push(Box::new(sqlite::SqliteSink::open(db)?));
    }
    if let Some(dir) = &targets.parquet {
        sinks.push(Box::new(parquet::ParquetSink::create(dir)?));
    }
    Ok(sinks)
}

/// A temporary file for one table's output in `dir` (`.<table>-XXXX<suffix>`),
/// readable by all like the export it becomes, and tracked so that an
/// interrupted run removes it. The sinks write there and rename it over
/// `<table>.<ext>` when the export is complete.
fn table_temp(
    dir: &Path,
    table: rows::Table,
    suffix: &str,
) -> Result<(tempfile::NamedTempFile, crate::cleanup::Tracked), ExportError> {
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{}-", table.name()))
        .suffix(suffix)
        .tempfile_in(dir)
        .map_err(|e| ExportError::io(dir, e))?;
    let tracked = crate::cleanup::track_file(tmp.path());
    // Temporary files are private; the export is not.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    Ok((tmp, tracked))
}

/// One input of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A report, run through the pipeline.
    Report(Input),
    /// A file of JSON documents (one, or several concatenated).
    Json(PathBuf),
    /// One JSON document per line.
    Jsonl(PathBuf),
    /// Standard input: JSON documents if it starts with `{`, else one report.
    Stdin,
}

impl Source {
    pub fn shown(&self) -> String {
        match self {
            Source::Report(i) => i.shown(),
            Source::Json(p) | Source::Jsonl(p) => p.display().to_string(),
            Source::Stdin => "-".into(),
        }
    }
}

const JSON_EXTENSIONS: &[&str] = &["json"];
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

fn extension(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Expand command-line paths. Folders contribute reports (as for `extract`)
/// and `.json`/`.jsonl`/`.ndjson` files; a named file is JSON by extension or,
/// failing that, by content (it starts with `{` and names a `"schema"`).
pub fn expand(paths: &[PathBuf]) -> Vec<Source> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            let wanted = |f: &Path| {
                let ext = extension(f);
                JSON_EXTENSIONS.contains(&ext.as_str())
                    || JSONL_EXTENSIONS.contains(&ext.as_str())
                    || batch::FOLDER_EXTENSIONS.contains(&ext.as_str())
            };
            out.extend(batch::walk(p, wanted).into_iter().map(|r| match r {
                Ok(f) => classify(f),
                Err(f) => Source::Report(Input::Path(f)),
            }));
        } else {
            out.push(classify(p.clone()));
        }
    }
    out
}

fn classify(p: PathBuf) -> Source {
    let ext = extension(&p);
    if JSON_EXTENSIONS.contains(&ext.as_str()) {
        Source::Json(p)
    } else if JSONL_EXTENSIONS.contains(&ext.as_str()) {
        Source::Jsonl(p)
    } else if !batch::FOLDER_EXTENSIONS.contains(&ext.as_str()) && sniff_json(&p) {
        Source::Json(p)
    } else {
        Source::Report(Input::Path(p))
    }
}

/// Does the file look like baocao JSON? Reads at most 4 KiB.
fn sniff_json(p: &Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    let read = std::fs::File::open(p).and_then(|f| f.take(4096).read_to_end(&mut head));
    read.is_ok() && looks_like_json(&head)
}

fn looks_like_json(head: &[u8]) -> bool {
    let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    first == Some(&b'{') && head.windows(8).any(|w| w == b"\"schema\"")
}

/// How an export went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents written to the tables.
    pub documents: usize,
    /// Rows written per sink, all tables together.
    pub rows: usize,
    /// Documents skipped because an earlier input had the same id.
    pub duplicates: usize,
    /// Written documents that carry `errors` (unreadable inputs and the like).
    pub with_errors: usize,
    /// Inputs or documents that could not be read or written at all.
    pub failed: usize,
}

/// What happened to one document or input, reported in input order.
#[derive(Debug)]
pub enum Event<'a> {
    /// Written; `rows` in all tables together.
    Written {
        input: &'a str,
        doc: &'a Document,
        rows: usize,
    },
    /// Skipped: the same document id was already written by `first`.
    Duplicate {
        input: &'a str,
        doc_id: &'a str,
        first: &'a str,
    },
    /// Could not be read or written.
    Failed { input: &'a str, message: String },
}

/// Export `sources` into `sinks` and finish them. Reports and `.json` files
/// are read in parallel chunks of `jobs * 8`; JSON lines and standard input
/// are streamed. Only a failure to write the outputs at all is an `Err`; the
/// rest is counted in the summary and reported through `on_event`.
pub fn run(
    sources: &[Source],
    opts: &Options,
    mut sinks: Vec<Box<dyn TableSink>>,
    jobs: usize,
    mut on_event: impl FnMut(Event),
) -> Result<Summary, ExportError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build();
    let chunk = (jobs.max(1) * 8).max(16);
    let mut w = Writer {
        sinks: &mut sinks,
        seen: HashMap::new(),
        summary: Summary::default(),
    };
    let mut i = 0;
    while i < sources.len() {
        match &sources[i] {
            Source::Jsonl(p) => {
                let shown = p.display().to_string();
                match std::fs::File::open(p) {
                    Ok(f) => read_lines(BufReader::new(f), &shown, &mut w, &mut on_event)?,
                    Err(e) => w.fail(&shown, e.to_string(), &mut on_event),
                }
                i += 1;
            }
            Source::Stdin => {
                read_stdin(opts, &mut w, &mut on_event)?;
                i += 1;
            }
            _ => {
                // A run of consecutive reports and JSON files, loaded in parallel.
                let end = (i..sources.len())
                    .take(chunk)
                    .find(|&k| matches!(sources[k], Source::Jsonl(_) | Source::Stdin))
                    .unwrap_or((i + chunk).min(sources.len()));
                let load = |k: usize| load(&sources[k], opts);
                let loaded: Vec<Vec<Result<Document, String>>> = match &pool {
                    Ok(pool) => pool.install(|| (i..end).into_par_iter().map(load).collect()),
                    Err(_) => (i..end).map(load).collect(),
                };
                for (k, docs) in (i..end).zip(loaded) {
                    let shown = sources[k].shown();
                    for doc in docs {
                        match doc {
                            Ok(doc) => w.write(&shown, &doc, &mut on_event)?,
                            Err(m) => w.fail(&shown, m, &mut on_event),
                        }
                    }
                }
                i = end;
            }
        }
    }
    let summary = w.summary;
    if summary.documents == 0 {
        // Nothing to export (every input failed): the previous export stays
        // as it was. Unfinished sinks leave nothing behind (temporary files
        // are removed, the SQLite transaction is rolled back).
        return Ok(summary);
    }
    for sink in sinks {
        sink.finish()?;
    }
    Ok(summary)
}

/// Export documents already in memory (`(input shown, document)`, in order)
/// into `sinks` and finish them, as [`run`] does for files: the Python
/// package's `to_parquet` of extracted dictionaries.
pub fn write_documents(
    docs: impl IntoIterator<Item = (String, Result<Document, String>)>,
    mut sinks: Vec<Box<dyn TableSink>>,
    mut on_event: impl FnMut(Event),
) -> Result<Summary, ExportError> {
    let mut w = Writer {
        sinks: &mut sinks,
        seen: HashMap::new(),
        summary: Summary::default(),
    };
    for (shown, doc) in docs {
        match doc {
            Ok(doc) => w.write(&shown, &doc, &mut on_event)?,
            Err(m) => w.fail(&shown, m, &mut on_event),
        }
    }
    let summary = w.summary;
    if summary.documents > 0 {
        for sink in sinks {
            sink.finish()?;
        }
    }
    Ok(summary)
}

/// Writes documents to every sink, in order, once per document id.
struct Writer<'s> {
    sinks: &'s mut Vec<Box<dyn TableSink>>,
    /// Document id → the input that gave it first.
    seen: HashMap<String, String>,
    summary: Summary,
}

impl Writer<'_> {
    fn write(
        &mut self,
        input: &str,
        doc: &Document,
        on_event: &mut impl FnMut(Event),
    ) -> Result<(), ExportError> {
        if doc.schema != SCHEMA {
            let message = format!("not a {SCHEMA} document (schema {:?})", doc.schema);
            self.fail(input, message, on_event);
            return Ok(());
        }
        let rows = DocRows::new(doc);
        if let Some(first) = self.seen.get(&rows.doc_id) {
            self.summary.duplicates += 1;
            on_event(Event::Duplicate {
                input,
                doc_id: &rows.doc_id,
                first,
            });
            return Ok(());
        }
        for sink in self.sinks.iter_mut() {
            match sink.write_document(&rows) {
                Ok(()) => {}
                Err(ExportError::Document(m)) => {
                    self.fail(input, m, on_event);
                    return Ok(());
                }
                Err(e) => return Err(e),
            }
        }
        let n = rows.row_count();
        self.summary.documents += 1;
        self.summary.rows += n;
        if !doc.errors.is_empty() {
            self.summary.with_errors += 1;
        }
        self.seen.insert(rows.doc_id.clone(), input.to_string());
        on_event(Event::Written {
            input,
            doc,
            rows: n,
        });
        Ok(())
    }

    fn fail(&mut self, input: &str, message: String, on_event: &mut impl FnMut(Event)) {
        self.summary.failed += 1;
        on_event(Event::Failed { input, message });
    }
}

/// Load one report or JSON file (on a worker thread).
fn load(source: &Source, opts: &Options) -> Vec<Result<Document, String>> {
    match source {
        Source::Report(input) => vec![Ok(batch::process(input, opts))],
        Source::Json(p) => match std::fs::read(p) {
            Ok(bytes) => parse_json_stream(&bytes),
            Err(e) => vec![Err(e.to_string())],
        },
        // Streamed by the caller.
        Source::Jsonl(_) | Source::Stdin => Vec::new(),
    }
}

/// Every JSON document in `bytes` (one, or several separated by whitespace);
/// stops at the first that cannot be read.
pub fn parse_json_stream(bytes: &[u8]) -> Vec<Result<Document, String>> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut out = Vec::new();
    for doc in serde_json::Deserializer::from_slice(bytes).into_iter::<Document>() {
        match doc {
            Ok(d) => out.push(Ok(d)),
            Err(e) => {
                out.push(Err(format!("not a {SCHEMA} JSON document: {e}")));
                break;
            }
        }
    }
    if out.is_empty() {
        out.push(Err("no JSON document in the file".into()));
    }
    out
}

/// JSON lines: one document per non-blank line; a bad line is reported with
/// its number and the following lines are still read.
fn read_lines(
    reader: impl BufRead,
    shown: &str,
    w: &mut Writer,
    on_event: &mut impl FnMut(Event),
) -> Result<(), ExportError> {
    for (n, line) in reader.split(b'\n').enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                w.fail(shown, e.to_string(), on_event);
                return Ok(());
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&line);
        match serde_json::from_slice::<Document>(line) {
            Ok(doc) => w.write(shown, &doc, on_event)?,
            Err(e) => w.fail(
                &format!("{shown}:{}", n + 1),
                format!("not a {SCHEMA} JSON document: {e}"),
                on_event,
            ),
        }
    }
    Ok(())
}

/// Standard input: a stream of JSON documents (pretty or one per line) when
/// it starts with `{`, else one report.
fn read_stdin(
    opts: &Options,
    w: &mut Writer,
    on_event: &mut impl FnMut(Event),
) -> Result<(), ExportError> {
    let mut reader = BufReader::with_capacity(1 << 16, std::io::stdin().lock());
    let is_json = match reader.fill_buf() {
        Ok(head) => looks_like_json_start(head),
        Err(e) => {
            w.fail("-", e.to_string(), on_event);
            return Ok(());
        }
    };
    if !is_json {
        let mut bytes = Vec::new();
        return match reader.take(opts.max_bytes + 1).read_to_end(&mut bytes) {
            Ok(_) => w.write("-", &crate::process_bytes("-", &bytes, opts), on_event),
            Err(e) => {
                w.fail("-", e.to_string(), on_event);
                Ok(())
            }
        };
    }
    for doc in serde_json::Deserializer::from_reader(reader).into_iter::<Document>() {
        match doc {
            Ok(doc) => w.write("-", &doc, on_event)?,
            Err(e) => {
                w.fail("-", format!("not a {SCHEMA} JSON document: {e}"), on_event);
                break;
            }
        }
    }
    Ok(())
}

/// Standard input may arrive in small pieces: only the first non-blank byte decides.
fn looks_like_json_start(head: &[u8]) -> bool {
    let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_recognised_by_content() {
        assert!(looks_like_json(b"\n{\n  \"schema\": \"baocao/1\""));
        assert!(looks_like_json("\u{feff}{\"schema\":1}".as_bytes()));
        assert!(!looks_like_json("BÁO CÁO {\"schema\"".as_bytes()));
        assert!(!looks_like_json(b"{\"other\": 1}"));
    }

    #[test]
    fn a_json_stream_gives_every_document_then_stops_at_garbage() {
        let doc = serde_json::to_string(&crate::empty()).unwrap();
        let text = format!("{doc}\n\n{doc} {doc}\n{{ oops");
        let docs = parse_json_stream(text.as_bytes());
        assert_eq!(docs.len(), 4);
        assert!(docs[..3].iter().all(|d| d.is_ok()));
        assert!(docs[3].is_err());
        assert!(parse_json_stream(b"  ")[0].is_err());
    }
}
