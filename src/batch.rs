//! The batch runner: many inputs, processed in parallel, each isolated.
//!
//! Inputs are expanded (folders recursively) into a list of paths up front —
//! paths are small — and then processed on a rayon pool with a bounded window
//! of documents in flight (see [`run`]), so memory holds at most one window of
//! documents whatever the batch size. Every input yields exactly one document; a failure is a document with
//! `errors`, never a lost file.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

pub use crate::cleanup;
pub mod select;
pub mod worker;

use crate::output::{DocError, Document, ErrorKind};
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
pub const FOLDER_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "pdf", "docx", "doc", "rtf", "xls", "xlsx", "ods", "png", "jpg", "jpeg",
    "tif", "tiff",
];

/// Expand command-line paths with the default selection: `-` is standard
/// input, a folder contributes its document files (recursively, sorted,
/// hidden files skipped), anything else is taken as is (a missing path
/// becomes a failed document). [`select::list`] takes globs and types too.
pub fn expand(paths: &[PathBuf]) -> Vec<Input> {
    select::list(paths, &select::Selection::default(), select::DOCUMENT_TYPES)
        .map(|l| l.inputs)
        .unwrap_or_default()
}

/// The files of folder `dir` that `keep` accepts, with the default selection
/// (recursively, sorted by name, hidden files and folders skipped, links to
/// files taken, links to folders not followed; see [`select::list`]). `Err`
/// holds a path that could not be read (an unreadable subfolder), for the
/// caller to report.
pub fn walk(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<Result<PathBuf, PathBuf>> {
    let mut notes = Vec::new();
    select::walk_selected(dir, &select::Selection::default(), &keep, &mut notes).unwrap_or_default()
}

/// Output file names, one per input, distinct: `<stem>.json`, or
/// `<stem>.<ext>.json` when stems collide, with a numeric suffix as a last
/// resort. Names come from the file name only, sanitised, so nothing is ever
/// written outside the output folder.
///
/// Names that need no suffix are reserved first, so a generated name can
/// never be another input's plain name (`d2/r.txt` beside `r.txt.2.txt`
/// would otherwise both be `r.txt.2.json`, and one output would be lost).
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
    let bases: Vec<String> = parts
        .iter()
        .map(|(stem, ext)| {
            if stem_count[stem.as_str()] > 1 && !ext.is_empty() {
                format!("{stem}.{ext}")
            } else {
                stem.clone()
            }
        })
        .collect();
    // Every base's plain name is taken by its first input.
    let mut taken: HashSet<String> = bases.iter().map(|b| format!("{b}.json")).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    bases
        .iter()
        .map(|base| {
            if seen.insert(base.as_str()) {
                return format!("{base}.json");
            }
            let mut n = 2;
            loop {
                let name = format!("{base}.{n}.json");
                if taken.insert(name.clone()) {
                    return name;
                }
                n += 1;
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
    /// Inputs skipped by `--resume`: their output was already there.
    pub skipped: usize,
    /// Set when the batch stopped early because the JSONL output broke (a
    /// closed pipe, a full disk): writing more lines could only fail too.
    pub aborted: Option<String>,
    /// The JSONL output was a pipe its reader closed (`| head`): not a
    /// failure, the reader has what it wanted.
    pub broken_pipe: bool,
    /// The failed inputs by kind of error, for the closing summary.
    pub failure_kinds: FailureKinds,
}

/// How many documents failed, by kind of error, most frequent first:
/// `2 timeout, 1 empty`. A document counts once for each kind it has.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FailureKinds(BTreeMap<String, usize>);

impl FailureKinds {
    pub fn add<'a>(&mut self, kinds: impl IntoIterator<Item = &'a str>) {
        let mut seen: Vec<&str> = kinds.into_iter().collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            *self.0.entry(k.to_string()).or_default() += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Display for FailureKinds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut v: Vec<(&String, &usize)> = self.0.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let parts: Vec<String> = v.iter().map(|(k, n)| format!("{n} {k}")).collect();
        f.write_str(&parts.join(", "))
    }
}

/// Process one input.
pub fn process(input: &Input, opts: &Options) -> Document {
    let mut doc = process_input(input, opts);
    // Failed documents too: `--no-text` means no `text` field at all.
    if opts.no_text {
        doc.text = None;
    }
    doc
}

fn process_input(input: &Input, opts: &Options) -> Document {
    match input {
        Input::Path(p) => process_path(p, opts),
        Input::Stdin => {
            let mut bytes = Vec::new();
            match std::io::stdin()
                .take(opts.max_bytes + 1)
                .read_to_end(&mut bytes)
            {
                Ok(_) if bytes.len() as u64 > opts.max_bytes => process_bytes("-", &bytes, opts),
                Ok(_) => match &opts.pdf_worker {
                    Some(exe) => worker::process("-", &bytes, exe, opts),
                    None => process_bytes("-", &bytes, opts),
                },
                Err(e) => crate::failed("-", DocError::new(ErrorKind::Unreadable, e.to_string())),
            }
        }
    }
}

/// A processed input: its document and how writing it went (`Ok(Some(line))`
/// is a JSONL line still to be written in order, `Ok(None)` a file written,
/// `Err` a write that failed), or `Skipped` when `--resume` found its output.
enum Written {
    Done(Result<Option<String>, String>),
    Skipped,
}
type Outcome = (Document, Written);

/// The part of an existing output that `--resume` needs.
#[derive(serde::Deserialize)]
struct Existing {
    source: ExistingSource,
    errors: Vec<DocError>,
}

#[derive(serde::Deserialize)]
struct ExistingSource {
    sha256: String,
}

/// With `--resume`: the document already written to `out` for exactly these
/// input bytes, without errors. Reading the input again to hash it is the
/// price of never skipping a file that changed since.
fn already_done(input: &Input, out: &Path, opts: &Options) -> Option<Document> {
    let Input::Path(p) = input else { return None };
    let file = std::fs::File::open(out).ok()?;
    let existing: Existing = serde_json::from_reader(std::io::BufReader::new(file)).ok()?;
    if !existing.errors.is_empty() {
        return None;
    }
    let bytes = crate::input::read::read_bounded(p, opts.max_bytes, opts.timeout).ok()?;
    let sha = crate::sha256_hex(&bytes);
    (sha == existing.source.sha256).then(|| {
        let mut doc = crate::empty();
        doc.source.path = input.shown();
        doc.source.sha256 = sha;
        doc.source.bytes = bytes.len() as u64;
        doc
    })
}

/// Run a batch. `on_done` is called once per input (for progress and stderr
/// reporting), from the calling thread, in input order.
///
/// Files are processed on a rayon pool of `jobs` threads with at most
/// `4 × jobs` documents in flight: a finished document waits only for the
/// ones before it (JSONL keeps input order), and a slow file holds up the
/// output of at most that window, not the whole batch. Memory is bounded by
/// the window, whatever the number of files.
pub fn run(
    inputs: &[Input],
    opts: &Options,
    sink: &mut Sink,
    jobs: usize,
    on_done: impl FnMut(&Input, &Document, Option<&str>),
) -> Summary {
    let names = output_names(inputs);
    run_named(inputs, &names, opts, sink, jobs, on_done)
}

/// [`run`] with the output names given, one per input: a shard of a batch
/// keeps the names [`output_names`] gave over the whole batch, so shards
/// that write into one folder never take each other's names.
pub fn run_named(
    inputs: &[Input],
    names: &[String],
    opts: &Options,
    sink: &mut Sink,
    jobs: usize,
    mut on_done: impl FnMut(&Input, &Document, Option<&str>),
) -> Summary {
    let jobs = jobs.max(1);
    // A missing name would be a caller's bug; it falls back to the batch's own.
    let own;
    let names = if names.len() == inputs.len() {
        names
    } else {
        own = output_names(inputs);
        &own
    };
    let out_dir = match sink {
        Sink::Dir(d) => Some(d.clone()),
        Sink::Jsonl(_) => None,
    };
    // Processing, and serialising or writing a file, happen on the workers;
    // only the ordered write of JSONL lines is left to the calling thread.
    let work = |i: usize| -> Outcome {
        catch_unwind(AssertUnwindSafe(|| {
            if let (true, Some(dir)) = (opts.resume, &out_dir) {
                if let Some(doc) = already_done(&inputs[i], &dir.join(&names[i]), opts) {
                    return (doc, Written::Skipped);
                }
            }
            let doc = process(&inputs[i], opts);
            let written = match &out_dir {
                Some(dir) => write_atomic(&dir.join(&names[i]), &doc).map(|_| None),
                None => serde_json::to_string(&doc)
                    .map(Some)
                    .map_err(|e| e.to_string()),
            };
            (doc, Written::Done(written))
        }))
        .unwrap_or_else(|p| {
            let msg = format!("internal error: {}", crate::panic_message(&p));
            let doc = crate::failed(
                &inputs[i].shown(),
                DocError::new(ErrorKind::Panic, msg.clone()),
            );
            (doc, Written::Done(Err(msg)))
        })
    };

    let mut summary = Summary::default();
    let mut emit = |i: usize, (doc, written): Outcome, summary: &mut Summary| {
        if summary.aborted.is_some() {
            return;
        }
        summary.processed += 1;
        if !doc.errors.is_empty() {
            summary.failed += 1;
            summary
                .failure_kinds
                .add(doc.errors.iter().map(|e| e.kind.as_str()));
        }
        let written = match written {
            Written::Skipped => {
                summary.skipped += 1;
                Ok(None)
            }
            Written::Done(w) => w,
        };
        let write_error = match written {
            Ok(Some(line)) => match sink {
                Sink::Jsonl(w) => match writeln!(w, "{line}") {
                    Ok(()) => None,
                    // A reader that closed the pipe wants no more: not a
                    // write failure to report.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                        summary.broken_pipe = true;
                        summary.aborted = Some(format!("cannot write the JSONL output: {e}"));
                        None
                    }
                    Err(e) => {
                        summary.aborted = Some(format!("cannot write the JSONL output: {e}"));
                        Some(e.to_string())
                    }
                },
                Sink::Dir(_) => None,
            },
            Ok(None) => None,
            Err(e) => Some(e),
        };
        if write_error.is_some() {
            summary.write_failed += 1;
        }
        on_done(&inputs[i], &doc, write_error.as_deref());
    };

    let n = inputs.len();
    let window = jobs * 4;
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => {
            pool.in_place_scope(|scope| {
                let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
                let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
                let (mut spawned, mut emitted) = (0usize, 0usize);
                while emitted < n {
                    while summary.aborted.is_none() && spawned < n && spawned < emitted + window {
                        let (tx, work, i) = (tx.clone(), &work, spawned);
                        scope.spawn(move |_| {
                            let _ = tx.send((i, work(i)));
                        });
                        spawned += 1;
                    }
                    if emitted == spawned {
                        break; // aborted and drained
                    }
                    let Ok((i, outcome)) = rx.recv() else { break };
                    pending.insert(i, outcome);
                    while let Some(outcome) = pending.remove(&emitted) {
                        emit(emitted, outcome, &mut summary);
                        emitted += 1;
                    }
                }
            });
            // Every thread's worker ended and reaped before the batch returns.
            pool.broadcast(|_| worker::shutdown());
        }
        // No threads to be had: still process everything, in order.
        Err(_) => {
            for i in 0..n {
                if summary.aborted.is_some() {
                    break;
                }
                emit(i, work(i), &mut summary);
            }
        }
    }
    if let Sink::Jsonl(w) = sink {
        if let Err(e) = w.flush() {
            summary.broken_pipe |= e.kind() == std::io::ErrorKind::BrokenPipe;
            summary.write_failed += usize::from(!summary.broken_pipe);
            summary
                .aborted
                .get_or_insert(format!("cannot write the JSONL output: {e}"));
        }
    }
    summary
}

/// Write `doc` as pretty JSON to `path` through a temporary file in the same
/// folder and a rename, so a reader never sees a half-written file and a
/// failed write leaves nothing behind (the temporary file is removed on drop).
///
/// No fsync: the rename already protects against an interrupted or killed
/// run, and a sync per file cost 13 ms here (75 files/s on one core, ten
/// times slower than the work itself); only a power loss could expose a
/// file whose data the OS had not written yet.
pub fn write_atomic(path: &Path, doc: &Document) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let shown = path.display();
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {shown}: {e}");
    let mut builder = tempfile::Builder::new();
    builder.prefix(".baocao-").suffix(".tmp");
    // tempfile creates 0600 files; outputs are ordinary files for everyone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    // Serialized in memory first, then written with one call: a document's
    // JSON is tens of kilobytes, and a buffered writer's 8 KB flushes cost a
    // system call each.
    let mut json = Vec::with_capacity(64 << 10);
    serde_json::to_writer_pretty(&mut json, doc).map_err(|e| fail(&e))?;
    json.push(b'\n');
    let mut tmp = builder.tempfile_in(dir).map_err(|e| fail(&e))?;
    // Removed by the signal handler if the run is interrupted now.
    let _tracked = cleanup::track_file(tmp.path());
    tmp.write_all(&json).map_err(|e| fail(&e))?;
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

/// Feed every document named by `paths` to `f`: extracted JSON (`.json`,
/// `.jsonl`) is read as is, anything else goes through the pipeline; folders
/// are searched recursively. Inputs are found and read as `baocao export`
/// does. Unreadable inputs are returned as `(path, message)` and the rest goes on.
///
/// The cross-document audit is fed by this driver (in `main`): the audit
/// itself is a library that takes documents and never reads files.
pub fn for_each_document(
    paths: &[std::path::PathBuf],
    opts: &crate::Options,
    mut f: impl FnMut(Document),
) -> Vec<(String, String)> {
    use crate::export::{expand, Source};
    // Reports go through `process` like every other command's inputs.
    let mut errors = Vec::new();
    for source in expand(paths) {
        let shown = source.shown();
        match source {
            Source::Report(input) => {
                let doc = process(&input, opts);
                if let Some(e) = doc.errors.first() {
                    errors.push((shown, format!("{}: {}", e.kind, e.message)));
                }
                f(doc);
            }
            Source::Stdin => {
                let mut bytes = Vec::new();
                if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
                    errors.push((shown, e.to_string()));
                } else if bytes.trim_ascii_start().starts_with(b"{") {
                    read_json(&shown, &bytes, &mut f, &mut errors);
                } else {
                    f(crate::process_bytes("-", &bytes, opts));
                }
            }
            Source::Json(p) | Source::Jsonl(p) => match std::fs::read(&p) {
                Ok(bytes) => read_json(&shown, &bytes, &mut f, &mut errors),
                Err(e) => errors.push((shown, e.to_string())),
            },
        }
    }
    errors
}

/// The documents of a JSON or JSONL file, through export's reader.
fn read_json(
    shown: &str,
    bytes: &[u8],
    f: &mut impl FnMut(Document),
    errors: &mut Vec<(String, String)>,
) {
    for (i, doc) in crate::export::parse_json_stream(bytes)
        .into_iter()
        .enumerate()
    {
        match doc {
            Ok(doc) => f(doc),
            Err(e) => errors.push((
                format!("{shown} (document {})", i + 1),
                format!("not a baocao/1 document: {e}"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_takes_links_to_files_but_not_to_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real");
        let picked = tmp.path().join("picked");
        std::fs::create_dir_all(&real).unwrap();
        std::fs::create_dir_all(&picked).unwrap();
        std::fs::write(real.join("a.txt"), "Báo cáo").unwrap();
        std::os::unix::fs::symlink(real.join("a.txt"), picked.join("a.txt")).unwrap();
        std::os::unix::fs::symlink(real.join("gone.txt"), picked.join("broken.txt")).unwrap();
        std::os::unix::fs::symlink(&real, picked.join("sub")).unwrap();
        std::os::unix::fs::symlink(&picked, picked.join("loop")).unwrap();
        let names: Vec<String> = walk(&picked, |p| select::FileType::Txt.matches(p))
            .into_iter()
            .map(|r| {
                r.unwrap()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        // The broken link is kept so that it is reported; folders are not entered.
        assert_eq!(names, vec!["a.txt", "broken.txt"]);
    }

    #[test]
    fn folder_extensions_are_the_document_types() {
        let mut from_types: Vec<&str> = select::DOCUMENT_TYPES
            .iter()
            .flat_map(|t| t.extensions().iter().copied())
            .collect();
        let mut listed = FOLDER_EXTENSIONS.to_vec();
        from_types.sort_unstable();
        listed.sort_unstable();
        assert_eq!(from_types, listed);
    }

    #[test]
    fn failure_kinds_read_most_frequent_first() {
        let mut k = FailureKinds::default();
        k.add(["empty"]);
        k.add(["timeout", "timeout"]);
        k.add(["timeout"]);
        assert_eq!(k.to_string(), "2 timeout, 1 empty");
    }

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

    #[test]
    fn a_generated_name_never_takes_another_inputs_plain_name() {
        let inputs = vec![
            Input::Path("d1/r.txt".into()),
            Input::Path("d2/r.txt".into()),
            Input::Path("r.txt.2.txt".into()),
        ];
        let names = output_names(&inputs);
        assert_eq!(names, vec!["r.txt.json", "r.txt.3.json", "r.txt.2.json"]);
    }
}
