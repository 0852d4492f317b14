//! The `baocao` command line: parses arguments and calls the library.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{CommandFactory, Parser, Subcommand};

use baocao::batch::select::{self, FileType, Selection, Shard};
use baocao::batch::{self, Input, Sink};
use baocao::export;
use baocao::input::ocr::OcrMode;
use baocao::normalize::{NormalizeOptions, ToneStyle};
use baocao::output::FindingStatus;
use baocao::Options;

/// mimalloc instead of the system allocator: the pipeline makes many short
/// strings a line, and glibc's malloc and free took a tenth of the run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, as documented in the README.
const EXIT_OK: u8 = 0;
const EXIT_SOME_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_MISMATCH: u8 = 3;

#[derive(Parser)]
#[command(
    name = "baocao",
    version,
    about = "Turn Vietnamese official reports (PDF, DOCX, text) into grounded JSON (baocao/1)",
    after_help = "Exit codes: 0 every input processed; 1 some inputs failed (each named on stderr); 2 usage error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one baocao/1 JSON object per input.
    #[command(
        after_help = "Exit codes: 0 every input processed; 1 some inputs failed or could not be written (each named on stderr); 2 usage error."
    )]
    Extract {
        /// Files or folders (searched recursively for .txt .md .pdf .docx .doc .rtf .xls .xlsx .ods, images .png .jpg .tif; see --glob, --type); `-` reads standard input.
        #[arg(required_unless_present = "type_list")]
        paths: Vec<PathBuf>,
        /// Process only shard I of N (numbered from 1: 1/4 … 4/4): the
        /// selected files sorted by path and dealt out in turn, the same on
        /// every machine, for job arrays (Slurm, xargs -P, GNU parallel).
        #[arg(long, value_name = "I/N")]
        shard: Option<Shard>,
        /// Write one <stem>.json per input into this folder.
        #[arg(short = 'o', long = "out", conflicts_with = "jsonl")]
        out: Option<PathBuf>,
        /// Write one JSON object per line to this file, or `-` for standard output.
        #[arg(long)]
        jsonl: Option<PathBuf>,
        /// Omit the `text` field.
        #[arg(long)]
        no_text: bool,
        /// Worker threads (default: all cores).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
        #[command(flatten)]
        limits: LimitArgs,
        /// Largest decompressed size of one part of a DOCX (zip-bomb guard), in bytes.
        #[arg(long, default_value_t = 64 * 1024 * 1024)]
        max_part_bytes: u64,
        /// Most items kept in each list of one document (hostile-input guard).
        #[arg(long, default_value_t = 20_000)]
        max_items: usize,
        /// With -o: skip inputs whose JSON is already there for the same bytes
        /// (sha256) and without errors, and remove the temporary files an
        /// interrupted run left there; an interrupted batch continues.
        #[arg(long, requires = "out")]
        resume: bool,
        /// No progress bar and no notes; a closing summary only when something failed.
        #[arg(short, long)]
        quiet: bool,
        /// Tone placement in oa/oe/uy: classic (hòa, thủy), modern (hoà, thuỷ) or keep.
        #[arg(long, default_value = "classic")]
        tone_style: ToneStyle,
        #[command(flatten)]
        select: SelectArgs,
    },
    /// Repair the text of one input (encoding damage, tone marks, dropped
    /// glyphs): repaired text on stdout, a summary of repairs and warnings on stderr.
    Normalize {
        /// A .txt, .pdf, .docx, .xls, .xlsx or .ods file; `-` reads standard input.
        path: PathBuf,
        /// Tone placement in oa/oe/uy: classic (hòa, thủy), modern (hoà, thuỷ) or keep.
        #[arg(long, default_value = "classic")]
        tone_style: ToneStyle,
        /// No summary on stderr.
        #[arg(short, long)]
        quiet: bool,
        /// OCR (Tesseract, Vietnamese): auto reads scanned PDF pages (no usable
        /// text layer, or only a signature overlay) and images; always OCRs
        /// every PDF page; never OCRs nothing.
        #[arg(long, default_value = "auto", value_name = "auto|always|never")]
        ocr: OcrMode,
    },
    /// Check numbers across documents (inputs or their extracted JSON): the same
    /// product with different stars, producers or localities; the same decision
    /// cited with different dates; the same figure of one place and period
    /// reported differently; district totals against their communes' reports.
    #[command(
        after_help = "Exit codes: 0 nothing found; 3 mismatches found; 1 some inputs could not be read; 2 usage error."
    )]
    Audit {
        /// Documents, extracted .json/.jsonl files, or folders of either (see --glob, --type).
        #[arg(required_unless_present = "type_list")]
        paths: Vec<PathBuf>,
        /// Print the findings as JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Also list each document's own in-document mismatches.
        #[arg(long)]
        each: bool,
        #[command(flatten)]
        select: SelectArgs,
    },
    /// Export documents as tables (CSV files, a SQLite database, Parquet files).
    #[command(
        after_help = "Inputs are reports (run through the pipeline) or JSON already extracted (.json, .jsonl, or `-` for standard input).\nExit codes: 0 every input exported; 1 some inputs failed or carry errors (each named on stderr); 2 usage error."
    )]
    Export {
        /// Files or folders (searched recursively for documents and .json .jsonl; see --glob, --type); `-` reads standard input.
        #[arg(required_unless_present = "type_list")]
        paths: Vec<PathBuf>,
        /// Write documents.csv, products.csv, references.csv, ... into this folder.
        #[arg(long, value_name = "DIR", required_unless_present_any = ["sqlite", "parquet", "files", "type_list"])]
        csv: Option<PathBuf>,
        /// Write (or update) the same tables in this SQLite file.
        #[arg(long, value_name = "FILE")]
        sqlite: Option<PathBuf>,
        /// Write documents.parquet, products.parquet, ... (typed columns) into this folder.
        #[arg(long, value_name = "DIR")]
        parquet: Option<PathBuf>,
        /// Start each CSV file with a byte-order mark, so Excel reads Vietnamese correctly.
        #[arg(long, requires = "csv")]
        excel: bool,
        /// Worker threads for reading inputs (default: all cores).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
        #[command(flatten)]
        limits: LimitArgs,
        /// No progress bar; a closing summary only when something failed.
        #[arg(short, long)]
        quiet: bool,
        #[command(flatten)]
        select: SelectArgs,
    },
    /// Write a static site to check what was found: an index of the
    /// documents, one page per document with every item highlighted in its
    /// text, one page per cross-document finding. Opens from disk.
    #[command(
        after_help = "Inputs are reports (run through the pipeline) or JSON already extracted (.json, .jsonl, or `-` for standard input).\nThe site is built beside DIR and moved into place when complete; DIR must be new, empty or an earlier review site.\nExit codes: 0 every input shown; 1 some inputs failed or carry errors, or the site could not be written; 2 usage error."
    )]
    Review {
        /// Files or folders (searched recursively for reports and .json .jsonl); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The site's folder (index.html, d/, x/).
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: PathBuf,
        /// Worker threads (default: all cores).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
        #[command(flatten)]
        limits: LimitArgs,
        /// No progress bar and no summary.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Print the JSON Schema of the output contract baocao/1.
    Schema,
    /// Print a shell completion script (e.g. `baocao completions bash >
    /// ~/.local/share/bash-completion/completions/baocao`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `baocao man | man -l -`, or
    /// `baocao man extract` for one command's page.
    Man {
        /// A command, for its own page (baocao-extract(1), ...).
        command: Option<String>,
    },
    /// Internal: extract one PDF from standard input in an isolated process.
    #[command(name = "__pdf-worker", hide = true)]
    PdfWorker,
    /// Internal: process documents from standard input in an isolated process.
    #[command(name = "__worker", hide = true)]
    Worker { options: String },
}

/// The bounds on one document and the OCR mode: the same flags for every
/// command that runs documents through the pipeline in workers.
#[derive(clap::Args, Clone)]
struct LimitArgs {
    /// Seconds allowed for one document before its worker is stopped.
    #[arg(long, default_value_t = 60)]
    timeout: u64,
    /// Largest input accepted, in bytes.
    #[arg(long, default_value_t = 256 * 1024 * 1024)]
    max_bytes: u64,
    /// Memory limit of each worker process, in MiB (its address space;
    /// a document that needs more fails with `too_large`). 0: no limit.
    #[arg(long, default_value_t = 1024)]
    max_memory: u64,
    /// OCR (Tesseract, Vietnamese): auto reads scanned PDF pages (no usable
    /// text layer, or only a signature overlay) and images; always OCRs
    /// every PDF page; never OCRs nothing.
    #[arg(long, default_value = "auto", value_name = "auto|always|never")]
    ocr: OcrMode,
}

impl LimitArgs {
    /// Options with these bounds and the worker set; the rest default.
    fn options(&self) -> Options {
        Options {
            timeout: Duration::from_secs(self.timeout),
            max_bytes: self.max_bytes,
            ocr: self.ocr,
            max_memory: memory_limit(self.max_memory),
            pdf_worker: worker_exe(),
            ..Default::default()
        }
    }
}

/// Which files of the folders given are taken: the same options, through
/// one function (`select::list`), for every command that walks folders.
#[derive(clap::Args, Clone, Default)]
#[command(next_help_heading = "Choosing files in folders")]
struct SelectArgs {
    /// Take only files matching GLOB; `!GLOB` leaves files and folders out
    /// (repeatable, as rg's --glob; matched below each folder given, a glob
    /// without `/` at any depth). Files named on the command line are always taken.
    #[arg(
        short = 'g',
        long = "glob",
        value_name = "GLOB",
        allow_hyphen_values = true
    )]
    globs: Vec<String>,
    /// As --glob, ignoring case.
    #[arg(long = "iglob", value_name = "GLOB", allow_hyphen_values = true)]
    iglobs: Vec<String>,
    /// Leave out files and folders matching GLOB: the same as --glob '!GLOB',
    /// without the `!` an interactive shell expands.
    #[arg(long = "exclude", value_name = "GLOB")]
    excludes: Vec<String>,
    /// Take only files of this type (repeatable; --type-list shows each
    /// type's extensions).
    #[arg(short = 't', long = "type", value_name = "TYPE", ignore_case = true,
          value_parser = clap::builder::PossibleValuesParser::new(select::FILE_TYPES.iter().map(|(_, name, _)| *name)))]
    types: Vec<String>,
    /// Print the file types and their extensions, then exit.
    #[arg(long)]
    type_list: bool,
    /// Print the files that would be processed (after --shard), one per
    /// line, then exit: to check a selection before a long batch.
    #[arg(long)]
    files: bool,
    /// Also take hidden files and enter hidden folders (names starting with `.`).
    #[arg(long)]
    hidden: bool,
    /// Leave out what .gitignore, .ignore and .git/info/exclude files exclude,
    /// as rg and fd do. Off by default: every document of a folder is taken.
    #[arg(long)]
    respect_ignore: bool,
}

impl SelectArgs {
    fn selection(&self) -> Selection {
        let mut globs = self.globs.clone();
        globs.extend(self.excludes.iter().map(|g| format!("!{g}")));
        Selection {
            globs,
            iglobs: self.iglobs.clone(),
            // Every value was checked against the table by clap.
            types: self.types.iter().filter_map(|t| t.parse().ok()).collect(),
            hidden: self.hidden,
            respect_ignore: self.respect_ignore,
        }
    }
}

/// The inputs `paths` select, or the exit code when listing them ended the
/// command (`--type-list` printed, a bad glob). Notes on files left out go
/// to stderr unless `quiet`.
fn select_inputs(
    paths: &[PathBuf],
    args: &SelectArgs,
    defaults: &[FileType],
    quiet: bool,
) -> Result<Vec<Input>, ExitCode> {
    if args.type_list {
        return Err(print_stdout(select::type_list(defaults).as_bytes()));
    }
    match select::list(paths, &args.selection(), defaults) {
        Ok(listing) => {
            if !quiet {
                for note in &listing.notes {
                    eprintln!("baocao: {}", one_line(note));
                }
            }
            Ok(listing.inputs)
        }
        Err(e) => {
            eprintln!("baocao: {e}");
            Err(ExitCode::from(EXIT_USAGE))
        }
    }
}

/// Write `bytes` to standard output. A reader that closed the pipe (`| head`)
/// has what it wanted: exit quietly with 0, as `rg` does; any other write
/// error is one line and exit 1.
fn print_stdout(bytes: &[u8]) -> ExitCode {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("baocao: cannot write the output: {e}");
            ExitCode::from(EXIT_SOME_FAILED)
        }
    }
}

/// The progress bar on stderr: documents done, rate, elapsed time and the
/// time left. Hidden when `quiet` or when stderr is not a terminal (a log
/// file, a pipe), so logs get no control characters. `len` is `None` when
/// the number of documents is not known ahead (JSON lines).
fn progress_bar(len: Option<u64>, quiet: bool) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressState, ProgressStyle};
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match len {
        Some(n) => (
            ProgressBar::new(n),
            "{wide_bar} {pos}/{len} docs, {rate}, {elapsed} elapsed, ETA {eta}",
        ),
        None => (
            ProgressBar::no_length(),
            "{spinner} {pos} docs, {rate}, {elapsed} elapsed",
        ),
    };
    let rate = |state: &ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = write!(w, "{:.1} docs/s", state.per_sec());
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.with_key("rate", rate));
    }
    // Elapsed time and ETA move while a slow document is being read.
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// Debugging and measuring only: with this set, documents are processed in
/// this process (no worker: no time or memory bound), to compare.
const IN_PROCESS_ENV: &str = "BAOCAO_IN_PROCESS";

/// The executable that runs the workers: this one.
fn worker_exe() -> Option<PathBuf> {
    if std::env::var_os(IN_PROCESS_ENV).is_some() {
        return None;
    }
    std::env::current_exe().ok()
}

/// `--max-memory` in MiB to bytes; 0 is no limit.
fn memory_limit(mib: u64) -> Option<u64> {
    (mib > 0).then(|| mib.saturating_mul(1 << 20))
}

fn main() -> ExitCode {
    // Panics are caught per document and reported in its `errors`; the default
    // hook would also print them, which users must not see.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let worker = matches!(cli.command, Command::PdfWorker | Command::Worker { .. });
    if !worker {
        // Interrupted, baocao kills its workers and removes its temporary
        // files before exiting 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP).
        if let Err(e) = baocao::batch::cleanup::install() {
            eprintln!("baocao: cannot handle signals: {e}");
        }
    }
    match cli.command {
        Command::Extract {
            paths,
            select,
            shard,
            out,
            jsonl,
            no_text,
            jobs,
            limits,
            max_part_bytes,
            max_items,
            resume,
            quiet,
            tone_style,
        } => {
            let opts = Options {
                no_text,
                max_part_bytes,
                max_items,
                resume,
                normalize: NormalizeOptions { tone_style },
                ..limits.options()
            };
            let inputs = match select_inputs(&paths, &select, select::DOCUMENT_TYPES, quiet) {
                Ok(inputs) => inputs,
                Err(code) => return code,
            };
            let (inputs, names, all) = match shard_inputs(inputs, shard) {
                Ok(x) => x,
                Err(code) => return code,
            };
            if select.files {
                return print_files(&inputs);
            }
            let batch = Batch {
                inputs,
                names,
                all,
                shard,
            };
            extract(batch, out, jsonl, jobs, quiet, &opts)
        }
        Command::Audit {
            paths,
            select,
            json,
            each,
        } => match select_inputs(&paths, &select, select::DOCUMENT_AND_JSON_TYPES, false) {
            Ok(inputs) if select.files => print_files(&inputs),
            Ok(inputs) => audit(&as_paths(&inputs), json, each),
            Err(code) => code,
        },
        Command::Export {
            paths,
            select,
            csv,
            sqlite,
            parquet,
            excel,
            jobs,
            limits,
            quiet,
        } => {
            let opts = limits.options();
            let targets = export::Targets {
                csv,
                excel,
                sqlite,
                parquet,
            };
            match select_inputs(&paths, &select, select::DOCUMENT_AND_JSON_TYPES, quiet) {
                Ok(inputs) if select.files => print_files(&inputs),
                Ok(inputs) => export_command(as_paths(&inputs), &targets, jobs, quiet, &opts),
                Err(code) => code,
            }
        }
        Command::Review {
            paths,
            out,
            jobs,
            limits,
            quiet,
        } => {
            let opts = limits.options();
            review(&paths, &out, jobs, quiet, &opts)
        }
        Command::Schema => {
            print_stdout(format!("{}\n", export::schema::json_schema_pretty()).as_bytes())
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut public_command(), "baocao", &mut script);
            print_stdout(&script)
        }
        Command::Man { command } => man_page(command.as_deref()),
        Command::Normalize {
            path,
            tone_style,
            quiet,
            ocr,
        } => {
            let opts = Options {
                ocr,
                pdf_worker: worker_exe(),
                normalize: NormalizeOptions { tone_style },
                ..Default::default()
            };
            normalize(&path, quiet, &opts)
        }
        Command::PdfWorker => ExitCode::from(baocao::input::pdf::worker_main()),
        Command::Worker { options } => ExitCode::from(baocao::batch::worker::worker_main(&options)),
    }
}

/// `baocao normalize FILE`: repaired text on stdout, summary on stderr.
fn normalize(path: &std::path::Path, quiet: bool, opts: &Options) -> ExitCode {
    use std::io::{Read, Write};
    let shown = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .take(opts.max_bytes.saturating_add(1))
            .read_to_end(&mut b)
            .map(|_| b)
            .map_err(|e| e.to_string())
    } else {
        baocao::input::read::read_bounded(path, opts.max_bytes, opts.timeout)
            .map_err(|e| format!("{}: {}", e.kind, e.message))
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            eprintln!("baocao: {shown}: {e}");
            return ExitCode::from(EXIT_SOME_FAILED);
        }
    };
    let (decoded, norm) = match baocao::normalize_bytes(&shown, &bytes, opts) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("baocao: {shown}: {}: {}", e.kind, e.message);
            return ExitCode::from(EXIT_SOME_FAILED);
        }
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(norm.text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        // A reader that stopped early (`| head`) is not a failure.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::from(EXIT_OK);
        }
        eprintln!("baocao: cannot write the output: {e}");
        return ExitCode::from(EXIT_SOME_FAILED);
    }
    if !quiet {
        eprintln!(
            "baocao: {shown}: {} ({}), quality {:.3} → {:.3}",
            decoded.format,
            decoded.encoding.as_deref().unwrap_or("-"),
            norm.quality.before,
            norm.quality.after
        );
        for r in &norm.repairs {
            eprintln!(
                "  repair {} ×{}: {}",
                r.kind,
                r.count,
                r.examples.join(", ")
            );
        }
        for w in decoded.warnings.iter().chain(&norm.warnings) {
            let at = match (w.start, w.end) {
                (Some(s), Some(e)) => format!(" at bytes {s}..{e}"),
                _ => String::new(),
            };
            eprintln!("  warning {}{at}: {}", w.kind, w.message);
        }
    }
    for e in &decoded.errors {
        eprintln!("baocao: {shown}: {}: {}", e.kind, e.message);
    }
    // An error (no text, a scanned PDF, pages lost) is a failure, as in `extract`.
    if decoded.errors.is_empty() {
        ExitCode::from(EXIT_OK)
    } else {
        ExitCode::from(EXIT_SOME_FAILED)
    }
}

fn extract(
    batch: Batch,
    out: Option<PathBuf>,
    jsonl: Option<PathBuf>,
    jobs: Option<usize>,
    quiet: bool,
    opts: &Options,
) -> ExitCode {
    let Batch {
        inputs,
        names,
        all,
        shard,
    } = batch;
    // A JSONL file is written like the per-document files: into a temporary
    // file next to it, renamed into place only when the batch is complete.
    let mut jsonl_tmp = None;
    let mut sink = match (out, jsonl) {
        (Some(dir), None) => {
            if let Err(e) = std::fs::create_dir_all(&dir) {
                eprintln!("baocao: cannot create output folder {}: {e}", dir.display());
                return ExitCode::from(EXIT_SOME_FAILED);
            }
            if opts.resume {
                // What a killed run left half-written.
                baocao::batch::cleanup::remove_stale(&dir);
            }
            Sink::Dir(dir)
        }
        (None, Some(p)) if p.as_os_str() == "-" => Sink::Jsonl(Box::new(std::io::stdout())),
        // A device or a pipe (`/dev/null`, a FIFO) is written in place: a
        // temporary file renamed over it would replace the device itself.
        (None, Some(p)) if is_special_file(&p) => {
            match std::fs::OpenOptions::new().write(true).open(&p) {
                Ok(file) => Sink::Jsonl(Box::new(std::io::BufWriter::new(file))),
                Err(e) => {
                    eprintln!("baocao: cannot write {}: {e}", p.display());
                    return ExitCode::from(EXIT_SOME_FAILED);
                }
            }
        }
        (None, Some(p)) => match jsonl_temp(&p) {
            Ok((tmp, file)) => {
                jsonl_tmp = Some((baocao::batch::cleanup::track_file(tmp.path()), tmp, p));
                Sink::Jsonl(Box::new(std::io::BufWriter::new(file)))
            }
            Err(e) => {
                eprintln!("baocao: cannot write {}: {e}", p.display());
                return ExitCode::from(EXIT_SOME_FAILED);
            }
        },
        _ => {
            eprintln!("baocao: say where the output goes: -o DIR or --jsonl FILE|-");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let bar = progress_bar(Some(inputs.len() as u64), quiet);
    let on_done = |input: &Input, doc: &baocao::output::Document, write_error: Option<&str>| {
        // One line per problem, naming the input.
        for e in &doc.errors {
            let line = format!("baocao: {}: {}: {}", input.shown(), e.kind, e.message);
            bar.suspend(|| eprintln!("{}", one_line(&line)));
        }
        if let Some(w) = write_error {
            let line = format!("baocao: {}: {w}", input.shown());
            bar.suspend(|| eprintln!("{}", one_line(&line)));
        }
        bar.inc(1);
    };
    let mut summary = batch::run_named(&inputs, &names, opts, &mut sink, jobs, on_done);
    bar.finish_and_clear();
    drop(sink);
    if let Some((_tracked, tmp, path)) = jsonl_tmp {
        if summary.aborted.is_none() {
            if let Err(e) = tmp.persist(&path) {
                summary.aborted = Some(format!("cannot write {}: {}", path.display(), e.error));
            }
        }
    }
    if summary.broken_pipe {
        // The reader stopped early (`| head`): quietly done, as `rg` does.
        return ExitCode::from(EXIT_OK);
    }
    if let Some(why) = &summary.aborted {
        eprintln!("baocao: {}; stopped", one_line(why));
    }
    let failed = summary.failed > 0 || summary.write_failed > 0 || summary.aborted.is_some();
    // `-q` hides the progress, never the news that something failed; a
    // batch that stopped has said so in its last line already.
    if !quiet || (failed && summary.aborted.is_none()) {
        let mut done = Vec::new();
        if let Some(s) = shard {
            done.push(format!("shard {s} of {all} inputs"));
        }
        if opts.resume {
            done.push(format!("{} already done, skipped", summary.skipped));
        }
        let done = if done.is_empty() {
            String::new()
        } else {
            format!(" ({})", done.join("; "))
        };
        let kinds = if summary.failure_kinds.is_empty() {
            String::new()
        } else {
            format!(" ({})", summary.failure_kinds)
        };
        eprintln!(
            "baocao: {} processed{done}, {} failed{kinds}, {} not written",
            summary.processed, summary.failed, summary.write_failed
        );
    }
    if failed {
        ExitCode::from(EXIT_SOME_FAILED)
    } else {
        ExitCode::from(EXIT_OK)
    }
}

fn audit(paths: &[PathBuf], json: bool, each: bool) -> ExitCode {
    // The text is kept: the cross-document figures are read from it. Each
    // document is dropped after `cross.add`, so memory stays per document.
    let opts = Options {
        pdf_worker: worker_exe(),
        ..Default::default()
    };
    let mut cross = baocao::audit::cross::CrossAudit::default();
    // Running totals of one series (issue 22) are kept apart from `cross`.
    let mut series = baocao::audit::running::Series::default();
    let mut own = Vec::new();
    let errors = batch::for_each_document(paths, &opts, |doc| {
        // An input that could not be read at all is reported, not counted.
        if unread(&doc) {
            return;
        }
        if each {
            for f in doc
                .audit
                .iter()
                .filter(|f| f.status == FindingStatus::Mismatch)
            {
                own.push((doc.source.path.clone(), f.clone()));
            }
        }
        cross.add(&doc);
        series.add(&doc);
    });
    for (path, e) in &errors {
        eprintln!("baocao: {path}: {e}");
    }
    let mut findings = cross.findings();
    findings.extend(series.findings());
    let mismatches = findings
        .iter()
        .filter(|f| f.status == FindingStatus::Mismatch)
        .count();
    let mut report = String::new();
    if json {
        let own_json: Vec<_> = own
            .iter()
            .map(|(path, f)| serde_json::json!({"path": path, "finding": f}))
            .collect();
        let out = serde_json::json!({
            "documents": cross.documents,
            "findings": findings,
            "document_findings": own_json,
        });
        report.push_str(&serde_json::to_string_pretty(&out).unwrap_or_default());
        report.push('\n');
    } else {
        report.push_str(&baocao::audit::cross::render_table(&findings));
        for (path, f) in &own {
            report.push_str(&format!("{:<18} {}: {}\n", f.check, path, f.message));
        }
        report.push_str(&format!(
            "{} documents, {} cross-document mismatches ({} checks agree){}\n",
            cross.documents,
            mismatches,
            findings.len() - mismatches,
            if each {
                format!(", {} in-document mismatches", own.len())
            } else {
                String::new()
            }
        ));
    }
    // A reader that closed the pipe changes nothing found: the exit code
    // below still says what the audit found.
    if print_stdout(report.as_bytes()) != ExitCode::from(EXIT_OK) {
        return ExitCode::from(EXIT_SOME_FAILED);
    }
    // Unread inputs first: an audit that could not read everything is
    // incomplete, whatever it found in the rest.
    if !errors.is_empty() {
        ExitCode::from(EXIT_SOME_FAILED)
    } else if mismatches > 0 || !own.is_empty() {
        ExitCode::from(EXIT_MISMATCH)
    } else {
        ExitCode::from(EXIT_OK)
    }
}

/// A document that stands for an input that could not be read or decoded at
/// all (missing, unreadable, unsupported): no format, only errors.
fn unread(doc: &baocao::output::Document) -> bool {
    doc.source.format == "unknown" && !doc.errors.is_empty()
}

/// The inputs of one `extract` run (a shard of the list, or all of it) and
/// their output names.
struct Batch {
    inputs: Vec<Input>,
    names: Vec<String>,
    /// The number of inputs before the list was split.
    all: usize,
    shard: Option<Shard>,
}

/// The inputs of `shard` and their output names, and the number of inputs
/// in all; an error exit when there is nothing to do or nothing to split.
fn shard_inputs(
    inputs: Vec<Input>,
    shard: Option<Shard>,
) -> Result<(Vec<Input>, Vec<String>, usize), ExitCode> {
    if inputs.is_empty() {
        eprintln!(
            "baocao: no inputs found (folders are searched for the types --type-list marks as default; see --glob, --type)"
        );
        return Err(ExitCode::from(EXIT_SOME_FAILED));
    }
    // Output names are chosen over the whole list before it is split, so
    // shards writing into one folder give exactly the files one run would.
    let all = inputs.len();
    let names = batch::output_names(&inputs);
    match shard {
        None => Ok((inputs, names, all)),
        Some(_) if inputs.contains(&Input::Stdin) => {
            eprintln!(
                "baocao: --shard splits files and folders; standard input (`-`) cannot be split"
            );
            Err(ExitCode::from(EXIT_USAGE))
        }
        Some(s) => {
            let (inputs, names) = select::shard(&inputs, s)
                .into_iter()
                .map(|i| (inputs[i].clone(), names[i].clone()))
                .unzip();
            Ok((inputs, names, all))
        }
    }
}

/// `--files`: the selected inputs, one per line.
fn print_files(inputs: &[Input]) -> ExitCode {
    let mut out = String::new();
    for input in inputs {
        out.push_str(&input.shown());
        out.push('\n');
    }
    print_stdout(out.as_bytes())
}

/// Inputs back to command-line paths, for the drivers that list their own
/// (export, audit): named files are taken as they are, so they get exactly
/// the files selected.
fn as_paths(inputs: &[Input]) -> Vec<PathBuf> {
    inputs
        .iter()
        .map(|i| match i {
            Input::Path(p) => p.clone(),
            Input::Stdin => PathBuf::from("-"),
        })
        .collect()
}

/// The command line as users see it: without the internal worker commands,
/// which completion scripts would otherwise offer (they ignore `hide`).
fn public_command() -> clap::Command {
    let full = Cli::command();
    let mut public = clap::Command::new("baocao")
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|c| !c.is_hide_set()).cloned());
    if let Some(about) = full.get_about() {
        public = public.about(about.clone());
    }
    public
}

/// `baocao man [COMMAND]`: the manual page of the program, or of one
/// command, generated from the same definition as `--help`.
fn man_page(command: Option<&str>) -> ExitCode {
    let mut cli = Cli::command();
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => match cli
            .get_subcommands()
            .find(|c| c.get_name() == name && !c.is_hide_set())
        {
            Some(sub) => sub.clone().display_name(format!("baocao-{name}")),
            None => {
                eprintln!("baocao: no command `{name}` (see baocao --help)");
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    let mut roff = Vec::new();
    if let Err(e) = clap_mangen::Man::new(page).render(&mut roff) {
        eprintln!("baocao: cannot render the manual page: {e}");
        return ExitCode::from(EXIT_SOME_FAILED);
    }
    print_stdout(&roff)
}

/// Does `path` exist as something other than a regular file or a folder?
fn is_special_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// A temporary file beside `path` for the JSONL output, and a handle to write it.
fn jsonl_temp(path: &Path) -> std::io::Result<(tempfile::NamedTempFile, std::fs::File)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".baocao-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let tmp = builder.tempfile_in(dir)?;
    let file = tmp.as_file().try_clone()?;
    Ok((tmp, file))
}

/// Messages go to stderr one per line, whatever a library error contains.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn export_command(
    paths: Vec<PathBuf>,
    targets: &export::Targets,
    jobs: Option<usize>,
    quiet: bool,
    opts: &Options,
) -> ExitCode {
    let sources = export::expand(&paths);
    if sources.is_empty() {
        eprintln!(
            "baocao: no inputs found (folders are searched for the types --type-list marks as default; see --glob, --type)"
        );
        return ExitCode::from(EXIT_SOME_FAILED);
    }
    let sinks = match export::open(targets) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("baocao: {e}");
            return ExitCode::from(EXIT_SOME_FAILED);
        }
    };
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    // Reports and .json files are one document each; JSON lines are not counted ahead.
    let streamed = sources
        .iter()
        .any(|s| matches!(s, export::Source::Jsonl(_) | export::Source::Stdin));
    let bar = progress_bar((!streamed).then_some(sources.len() as u64), quiet);
    let started = std::time::Instant::now();
    let result = export::run(&sources, opts, sinks, jobs, |event| match event {
        export::Event::Written { input, doc, .. } => {
            for e in &doc.errors {
                bar.suspend(|| eprintln!("baocao: {input}: {}: {}", e.kind, e.message));
            }
            bar.inc(1);
        }
        export::Event::Duplicate { input, first, .. } => {
            bar.suspend(|| eprintln!("baocao: {input}: same document as {first}, skipped"));
            bar.inc(1);
        }
        export::Event::Failed { input, message } => {
            bar.suspend(|| eprintln!("baocao: {input}: {message}"));
            bar.inc(1);
        }
    });
    bar.finish_and_clear();
    match result {
        Ok(summary) => {
            // `-q` hides the progress, never the news that something failed.
            if !quiet || summary.failed > 0 || summary.with_errors > 0 {
                let secs = started.elapsed().as_secs_f64();
                eprintln!(
                    "baocao: {} documents, {} rows in {secs:.2} s ({:.0} rows/s); {} duplicates skipped, {} with errors, {} failed",
                    summary.documents,
                    summary.rows,
                    summary.rows as f64 / secs.max(1e-9),
                    summary.duplicates,
                    summary.with_errors,
                    summary.failed
                );
            }
            if summary.failed > 0 || summary.with_errors > 0 {
                ExitCode::from(EXIT_SOME_FAILED)
            } else {
                ExitCode::from(EXIT_OK)
            }
        }
        Err(e) => {
            eprintln!("baocao: export failed: {e}");
            ExitCode::from(EXIT_SOME_FAILED)
        }
    }
}

/// `baocao review PATH... -o DIR`: the static review site.
fn review(
    paths: &[PathBuf],
    out: &Path,
    jobs: Option<usize>,
    quiet: bool,
    opts: &Options,
) -> ExitCode {
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let bar = if quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::no_length()
    };
    let started = std::time::Instant::now();
    let result = baocao::review::run(paths, out, opts, jobs, |event| {
        match event {
            baocao::review::Event::Document { input, doc } => {
                for e in &doc.errors {
                    let line = format!("baocao: {input}: {}: {}", e.kind, e.message);
                    bar.suspend(|| eprintln!("{}", one_line(&line)));
                }
            }
            baocao::review::Event::Failed { input, message } => {
                let line = format!("baocao: {input}: {message}");
                bar.suspend(|| eprintln!("{}", one_line(&line)));
            }
        }
        bar.inc(1);
    });
    bar.finish_and_clear();
    match result {
        Ok(s) => {
            if !quiet {
                eprintln!(
                    "baocao: {} documents ({} with errors, {} inputs failed), {} cross-document findings ({} mismatches) in {:.2} s; open {}",
                    s.documents,
                    s.with_errors,
                    s.failed,
                    s.findings,
                    s.cross_mismatches,
                    started.elapsed().as_secs_f64(),
                    out.join("index.html").display()
                );
            }
            if s.failed > 0 || s.with_errors > 0 {
                ExitCode::from(EXIT_SOME_FAILED)
            } else {
                ExitCode::from(EXIT_OK)
            }
        }
        Err(e) => {
            eprintln!("baocao: review: {}", one_line(&e.to_string()));
            ExitCode::from(EXIT_SOME_FAILED)
        }
    }
}
