//! `baocao review`: a static site to check what the pipeline found.
//!
//! People confirm an OCRed number or read the sentence behind a mismatch
//! before they publish; code-point offsets in JSON do not let them see it.
//! This driver writes, for a batch, an index of the documents ([`index`]),
//! one page per document with its text and every item highlighted
//! ([`page`]), and one page per cross-document finding with both spans side
//! by side ([`cross`]). Pages open from disk: inline style and a little plain
//! script, no server, no network ([`assets`]); a document's text is always
//! escaped ([`html`]).
//!
//! Inputs are reports (run through the same batch as `extract`) or JSON
//! already extracted, read as `export` reads it; JSON is shown as it is,
//! never analysed again. Documents are handled a window at a time (pages
//! rendered in parallel), so memory does not grow with the batch: texts are
//! kept in a scratch file for the cross-document pages only.
//!
//! The site is built in a temporary folder beside the output and renamed
//! into place when complete; an output folder that is not an earlier review
//! site (or empty) is never replaced.

pub mod assets;
pub mod cross;
pub mod html;
pub mod index;
pub mod page;

use std::collections::HashMap;
use std::fmt;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::audit::cross::CrossAudit;
use crate::audit::running::Series;
use crate::batch::{self, cleanup, Input};
use crate::export::{self, Source};
use crate::options::Options;
use crate::output::{Document, FindingStatus, SCHEMA};

/// The file that marks a folder as a review site, so a later run may replace it.
pub const MARKER: &str = ".baocao-review";

/// Why the site could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewError(pub String);

impl fmt::Display for ReviewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReviewError {}

fn io_error(what: &Path, e: std::io::Error) -> ReviewError {
    ReviewError(format!("{}: {e}", what.display()))
}

/// How a review went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents with a page.
    pub documents: usize,
    /// Of those, documents that carry `errors`.
    pub with_errors: usize,
    /// Inputs that gave no document at all (unreadable JSON).
    pub failed: usize,
    /// Cross-document findings, and how many are mismatches.
    pub findings: usize,
    pub cross_mismatches: usize,
}

/// What happened to one input, reported in input order.
#[derive(Debug)]
pub enum Event<'a> {
    /// A document got its page.
    Document { input: &'a str, doc: &'a Document },
    /// An input gave no document.
    Failed { input: &'a str, message: String },
}

/// Write the review site of `paths` into `out`.
pub fn run(
    paths: &[PathBuf],
    out: &Path,
    opts: &Options,
    jobs: usize,
    mut on_event: impl FnMut(Event),
) -> Result<Summary, ReviewError> {
    let sources = export::expand(paths);
    if sources.is_empty() {
        return Err(ReviewError(
            "no inputs found (folders are searched for reports and .json/.jsonl files)".into(),
        ));
    }
    let site = Site::create(out)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .ok();
    let window = (jobs.max(1) * 4).max(8);
    let mut b = Builder {
        texts: TextStore::create(&site.root.join(".texts"))?,
        site,
        pool,
        rows: Vec::new(),
        keys: HashMap::new(),
        cross: CrossAudit::default(),
        series: Series::default(),
        summary: Summary::default(),
    };
    let mut reports: Vec<Input> = Vec::new();
    let mut pending: Vec<(String, Result<Document, String>)> = Vec::new();
    for source in sources {
        let lines = matches!(source, Source::Jsonl(_));
        match source {
            Source::Report(input) => {
                reports.push(input);
                if reports.len() >= window {
                    b.reports(&mut reports, opts, &mut on_event)?;
                }
            }
            Source::Json(p) | Source::Jsonl(p) => {
                b.reports(&mut reports, opts, &mut on_event)?;
                let shown = p.display().to_string();
                let mut each = |at: Option<usize>, d: Result<Document, String>| {
                    let input = match at {
                        Some(line) => format!("{shown}:{line}"),
                        None => shown.clone(),
                    };
                    pending.push((input, d));
                    if pending.len() >= window {
                        b.add(std::mem::take(&mut pending), &mut on_event)?;
                    }
                    Ok(())
                };
                if lines {
                    read_json_lines(&p, &mut each)?;
                } else {
                    read_json_file(&p, &mut each)?;
                }
                b.add(std::mem::take(&mut pending), &mut on_event)?;
            }
            Source::Stdin => {
                b.reports(&mut reports, opts, &mut on_event)?;
                let docs = read_stdin(opts);
                b.add(
                    docs.into_iter().map(|d| ("-".into(), d)).collect(),
                    &mut on_event,
                )?;
            }
        }
    }
    b.reports(&mut reports, opts, &mut on_event)?;
    b.finish()
}

/// JSON documents of a `.json` file, one at a time (it may hold several).
fn read_json_file(path: &Path, each: &mut Each) -> Result<(), ReviewError> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return each(None, Err(e.to_string())),
    };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    // A byte-order mark before the first document.
    if reader
        .fill_buf()
        .is_ok_and(|b| b.starts_with("\u{feff}".as_bytes()))
    {
        reader.consume(3);
    }
    let mut any = false;
    for doc in serde_json::Deserializer::from_reader(reader).into_iter::<Document>() {
        any = true;
        match doc {
            Ok(d) => each(None, Ok(d))?,
            Err(e) => return each(None, Err(format!("not a {SCHEMA} JSON document: {e}"))),
        }
    }
    if !any {
        each(None, Err("no JSON document in the file".into()))?;
    }
    Ok(())
}

/// One JSON document per line, as `export` reads them: a bad line is
/// reported with its number and the next lines are still read.
fn read_json_lines(path: &Path, each: &mut Each) -> Result<(), ReviewError> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return each(None, Err(e.to_string())),
    };
    for (n, line) in BufReader::with_capacity(1 << 16, file)
        .split(b'\n')
        .enumerate()
    {
        let line = match line {
            Ok(l) => l,
            Err(e) => return each(Some(n + 1), Err(e.to_string())),
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&line);
        let doc = serde_json::from_slice::<Document>(line)
            .map_err(|e| format!("not a {SCHEMA} JSON document: {e}"));
        each(Some(n + 1), doc)?;
    }
    Ok(())
}

/// Receives the documents of a JSON input, with the line they came from.
type Each<'a> = dyn FnMut(Option<usize>, Result<Document, String>) -> Result<(), ReviewError> + 'a;

/// Standard input: JSON documents when it starts with `{`, else one report.
fn read_stdin(opts: &Options) -> Vec<Result<Document, String>> {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin()
        .take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
    {
        return vec![Err(e.to_string())];
    }
    if bytes.trim_ascii_start().starts_with(b"{") {
        export::parse_json_stream(&bytes)
    } else {
        vec![Ok(crate::process_bytes("-", &bytes, opts))]
    }
}

/// The site being built.
struct Builder {
    site: Site,
    pool: Option<rayon::ThreadPool>,
    rows: Vec<index::DocRow>,
    /// (path, sha256) → row, for the cross-document pages.
    keys: HashMap<(String, String), usize>,
    texts: TextStore,
    cross: CrossAudit,
    series: Series,
    summary: Summary,
}

impl Builder {
    fn install<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        match &self.pool {
            Some(p) => p.install(f),
            None => f(),
        }
    }

    /// Run the pending reports through the pipeline, in parallel.
    fn reports(
        &mut self,
        reports: &mut Vec<Input>,
        opts: &Options,
        on_event: &mut impl FnMut(Event),
    ) -> Result<(), ReviewError> {
        if reports.is_empty() {
            return Ok(());
        }
        let inputs = std::mem::take(reports);
        let docs: Vec<Document> =
            self.install(|| inputs.par_iter().map(|i| batch::process(i, opts)).collect());
        let docs = inputs
            .iter()
            .zip(docs)
            .map(|(i, d)| (i.shown(), Ok(d)))
            .collect();
        self.add(docs, on_event)
    }

    /// Give each document its page (rendered in parallel, written in order).
    fn add(
        &mut self,
        docs: Vec<(String, Result<Document, String>)>,
        on_event: &mut impl FnMut(Event),
    ) -> Result<(), ReviewError> {
        let first = self.rows.len() + 1;
        let mut names = Vec::with_capacity(docs.len());
        let mut n = first;
        for (_, d) in &docs {
            names.push(d.as_ref().ok().map(|d| {
                let name = page_name(n, &d.source.path);
                n += 1;
                name
            }));
        }
        let pages: Vec<Option<String>> = self.install(|| {
            docs.par_iter()
                .map(|(_, d)| d.as_ref().ok().map(|d| page::render(d, "../index.html")))
                .collect()
        });
        for (((shown, doc), name), html) in docs.into_iter().zip(names).zip(pages) {
            let (doc, name, html) = match (doc, name, html) {
                (Ok(doc), Some(name), Some(html)) => (doc, name, html),
                (Err(message), ..) => {
                    self.summary.failed += 1;
                    on_event(Event::Failed {
                        input: &shown,
                        message,
                    });
                    continue;
                }
                _ => continue,
            };
            let rel = format!("d/{name}");
            self.site.write(&rel, &html)?;
            let row = index::DocRow::new(self.rows.len() + 1, &doc, rel);
            self.keys.insert(
                (doc.source.path.clone(), doc.source.sha256.clone()),
                self.rows.len(),
            );
            self.texts.push(doc.text.as_deref())?;
            self.rows.push(row);
            self.summary.documents += 1;
            if !doc.errors.is_empty() {
                self.summary.with_errors += 1;
            }
            self.cross.add(&doc);
            self.series.add(&doc);
            on_event(Event::Document {
                input: &shown,
                doc: &doc,
            });
        }
        Ok(())
    }

    /// The cross-document pages, the index, then the site in place.
    fn finish(mut self) -> Result<Summary, ReviewError> {
        let mut findings = self.cross.findings();
        findings.extend(self.series.findings());
        let mut finding_rows = Vec::with_capacity(findings.len());
        for (i, f) in findings.iter().enumerate() {
            let n = i + 1;
            let bad = f.status == FindingStatus::Mismatch;
            let mut docs_of: Vec<usize> = Vec::new();
            let mut texts = Vec::with_capacity(f.items.len());
            for item in &f.items {
                let row = self
                    .keys
                    .get(&(item.path.clone(), item.sha256.clone()))
                    .copied();
                texts.push(match row {
                    Some(r) => self.texts.get(r)?,
                    None => None,
                });
                docs_of.extend(row);
            }
            let sides: Vec<cross::Side> = f
                .items
                .iter()
                .zip(&texts)
                .map(|(item, text)| cross::Side {
                    href: self
                        .keys
                        .get(&(item.path.clone(), item.sha256.clone()))
                        .map(|&r| format!("../{}", self.rows[r].href)),
                    text: text.as_deref(),
                })
                .collect();
            let rel = format!("x/{n}.html");
            self.site
                .write(&rel, &cross::render(n, f, &sides, "../index.html"))?;
            if bad {
                docs_of.sort_unstable();
                docs_of.dedup();
                for r in docs_of {
                    self.rows[r].cross += 1;
                    self.rows[r].ccls = Some("bad");
                }
                self.summary.cross_mismatches += 1;
            }
            finding_rows.push(index::FindingRow::new(n, f, rel));
        }
        self.summary.findings = findings.len();
        self.site
            .write("index.html", &index::render(&self.rows, &finding_rows))?;
        let scratch = self.texts.path.clone();
        drop(self.texts);
        std::fs::remove_file(&scratch).map_err(|e| io_error(&scratch, e))?;
        self.site.finish()?;
        Ok(self.summary)
    }
}

/// A page's file name: its number and an ASCII form of the input's name, so
/// links need no escaping and names never collide.
fn page_name(n: usize, path: &str) -> String {
    let file = page::file_name(path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let mut slug: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(48)
        .collect();
    if slug.is_empty() {
        slug.push_str("document");
    }
    format!("{n}-{slug}.html")
}

/// Documents' texts in one scratch file, read back for the cross-document
/// pages, so memory holds one window of documents, not the batch.
struct TextStore {
    path: PathBuf,
    file: std::fs::File,
    /// (offset, length) per row; `None` for a document without text.
    spans: Vec<Option<(u64, usize)>>,
    end: u64,
}

impl TextStore {
    fn create(path: &Path) -> Result<Self, ReviewError> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| io_error(path, e))?;
        Ok(TextStore {
            path: path.to_path_buf(),
            file,
            spans: Vec::new(),
            end: 0,
        })
    }

    fn push(&mut self, text: Option<&str>) -> Result<(), ReviewError> {
        let Some(text) = text else {
            self.spans.push(None);
            return Ok(());
        };
        self.file
            .seek(SeekFrom::Start(self.end))
            .and_then(|_| self.file.write_all(text.as_bytes()))
            .map_err(|e| io_error(&self.path, e))?;
        self.spans.push(Some((self.end, text.len())));
        self.end += text.len() as u64;
        Ok(())
    }

    fn get(&mut self, row: usize) -> Result<Option<String>, ReviewError> {
        let Some(&Some((at, len))) = self.spans.get(row) else {
            return Ok(None);
        };
        let mut buf = vec![0u8; len];
        self.file
            .seek(SeekFrom::Start(at))
            .and_then(|_| self.file.read_exact(&mut buf))
            .map_err(|e| io_error(&self.path, e))?;
        Ok(String::from_utf8(buf).ok())
    }
}

/// The output folder, built beside itself and renamed into place.
struct Site {
    out: PathBuf,
    root: PathBuf,
    _tmp: tempfile::TempDir,
    _tracked: cleanup::Tracked,
}

/// May `out` be replaced: missing, an empty folder, or an earlier review site?
fn check_replaceable(out: &Path) -> Result<(), ReviewError> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error(out, e)),
    };
    if !meta.is_dir() {
        return Err(ReviewError(format!(
            "{} exists and is not a folder; give a new folder",
            out.display()
        )));
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| io_error(out, e))?
        .next()
        .is_none();
    if empty || out.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(ReviewError(format!(
            "{} exists and is not a review site; give a new or empty folder (nothing was changed)",
            out.display()
        )))
    }
}

impl Site {
    fn create(out: &Path) -> Result<Self, ReviewError> {
        check_replaceable(out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
        let tmp = tempfile::Builder::new()
            .prefix(".baocao-review-")
            .tempdir_in(&parent)
            .map_err(|e| io_error(&parent, e))?;
        let tracked = cleanup::track_dir(tmp.path());
        let root = tmp.path().to_path_buf();
        for sub in ["d", "x"] {
            std::fs::create_dir(root.join(sub)).map_err(|e| io_error(&root.join(sub), e))?;
        }
        Ok(Site {
            out: out.to_path_buf(),
            root,
            _tmp: tmp,
            _tracked: tracked,
        })
    }

    fn write(&self, rel: &str, html: &str) -> Result<(), ReviewError> {
        let path = self.root.join(rel);
        std::fs::write(&path, html).map_err(|e| io_error(&path, e))
    }

    /// Move the finished site into place. An earlier site there is moved
    /// aside first and removed only once the new one is in place.
    fn finish(self) -> Result<(), ReviewError> {
        std::fs::write(self.root.join(MARKER), "baocao review site\n")
            .map_err(|e| io_error(&self.root, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&self.root, std::fs::Permissions::from_mode(0o755))
                .map_err(|e| io_error(&self.root, e))?;
        }
        check_replaceable(&self.out)?;
        if std::fs::symlink_metadata(&self.out).is_err() {
            return std::fs::rename(&self.root, &self.out).map_err(|e| io_error(&self.out, e));
        }
        let parent = self.root.parent().unwrap_or(Path::new("."));
        let old = tempfile::Builder::new()
            .prefix(".baocao-review-old-")
            .tempdir_in(parent)
            .map_err(|e| io_error(parent, e))?;
        let aside = old.path().join("site");
        std::fs::rename(&self.out, &aside).map_err(|e| io_error(&self.out, e))?;
        if let Err(e) = std::fs::rename(&self.root, &self.out) {
            // Put the earlier site back.
            let _ = std::fs::rename(&aside, &self.out);
            return Err(io_error(&self.out, e));
        }
        // `old` (with the earlier site in it) is removed when dropped.
        drop(old);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_are_ascii_and_numbered() {
        assert_eq!(page_name(3, "a/b/Báo cáo 01.txt"), "3-B_o_c_o_01.html");
        assert_eq!(page_name(1, "-"), "1--.html");
        assert_eq!(page_name(2, "dir/.txt"), "2-document.html");
    }

    #[test]
    fn a_folder_with_other_files_is_not_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        assert!(check_replaceable(&out).is_ok());
        std::fs::create_dir(&out).unwrap();
        assert!(check_replaceable(&out).is_ok());
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        assert!(check_replaceable(&out).is_err());
        std::fs::write(out.join(MARKER), "").unwrap();
        assert!(check_replaceable(&out).is_ok());
    }

    #[test]
    fn texts_come_back_from_the_scratch_file() {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = TextStore::create(&tmp.path().join("t")).unwrap();
        store.push(Some("Báo cáo")).unwrap();
        store.push(None).unwrap();
        store.push(Some("số 12")).unwrap();
        assert_eq!(store.get(2).unwrap().as_deref(), Some("số 12"));
        assert_eq!(store.get(0).unwrap().as_deref(), Some("Báo cáo"));
        assert_eq!(store.get(1).unwrap(), None);
        assert_eq!(store.get(9).unwrap(), None);
    }
}
