//! The `baocao` command line: parses arguments and calls the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

use baocao::batch::{self, Sink};
use baocao::normalize::{NormalizeOptions, ToneStyle};
use baocao::Options;

/// Exit codes, as documented in the README.
const EXIT_OK: u8 = 0;
const EXIT_SOME_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;

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
        /// Files or folders (searched recursively for .txt .md .pdf .docx); `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
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
        /// Seconds allowed for one PDF before it is stopped.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
        /// Largest input accepted, in bytes.
        #[arg(long, default_value_t = 256 * 1024 * 1024)]
        max_bytes: u64,
        /// No progress bar.
        #[arg(short, long)]
        quiet: bool,
        /// Tone placement in oa/oe/uy: classic (hòa, thủy), modern (hoà, thuỷ) or keep.
        #[arg(long, default_value = "classic")]
        tone_style: ToneStyle,
    },
    /// Repair the text of one input (encoding damage, tone marks, dropped
    /// glyphs): repaired text on stdout, a summary of repairs and warnings on stderr.
    Normalize {
        /// A .txt, .pdf or .docx file; `-` reads standard input.
        path: PathBuf,
        /// Tone placement in oa/oe/uy: classic (hòa, thủy), modern (hoà, thuỷ) or keep.
        #[arg(long, default_value = "classic")]
        tone_style: ToneStyle,
        /// No summary on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Internal: extract one PDF from standard input in an isolated process.
    #[command(name = "__pdf-worker", hide = true)]
    PdfWorker,
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
    match cli.command {
        Command::Extract {
            paths,
            out,
            jsonl,
            no_text,
            jobs,
            timeout,
            max_bytes,
            quiet,
            tone_style,
        } => {
            let opts = Options {
                no_text,
                timeout: Duration::from_secs(timeout),
                max_bytes,
                pdf_worker: std::env::current_exe().ok(),
                normalize: NormalizeOptions { tone_style },
            };
            extract(paths, out, jsonl, jobs, quiet, &opts)
        }
        Command::Normalize {
            path,
            tone_style,
            quiet,
        } => {
            let opts = Options {
                pdf_worker: std::env::current_exe().ok(),
                normalize: NormalizeOptions { tone_style },
                ..Default::default()
            };
            normalize(&path, quiet, &opts)
        }
        Command::PdfWorker => ExitCode::from(baocao::input::pdf::worker_main()),
    }
}

/// `baocao normalize FILE`: repaired text on stdout, summary on stderr.
fn normalize(path: &std::path::Path, quiet: bool, opts: &Options) -> ExitCode {
    use std::io::{Read, Write};
    let shown = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map(|_| b)
    } else {
        std::fs::read(path)
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
    ExitCode::from(EXIT_OK)
}

fn extract(
    paths: Vec<PathBuf>,
    out: Option<PathBuf>,
    jsonl: Option<PathBuf>,
    jobs: Option<usize>,
    quiet: bool,
    opts: &Options,
) -> ExitCode {
    let mut sink = match (out, jsonl) {
        (Some(dir), None) => {
            if let Err(e) = std::fs::create_dir_all(&dir) {
                eprintln!("baocao: cannot create output folder {}: {e}", dir.display());
                return ExitCode::from(EXIT_SOME_FAILED);
            }
            Sink::Dir(dir)
        }
        (None, Some(p)) if p.as_os_str() == "-" => Sink::Jsonl(Box::new(std::io::stdout())),
        (None, Some(p)) => match std::fs::File::create(&p) {
            Ok(f) => Sink::Jsonl(Box::new(std::io::BufWriter::new(f))),
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
    let inputs = batch::expand(&paths);
    if inputs.is_empty() {
        eprintln!("baocao: no inputs found (folders are searched for .txt .md .pdf .docx)");
        return ExitCode::from(EXIT_SOME_FAILED);
    }
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let bar = if quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(inputs.len() as u64)
    };
    let summary = batch::run(&inputs, opts, &mut sink, jobs, |input, doc, write_error| {
        for e in &doc.errors {
            bar.suspend(|| eprintln!("baocao: {}: {}: {}", input.shown(), e.kind, e.message));
        }
        if let Some(w) = write_error {
            bar.suspend(|| eprintln!("baocao: {}: {w}", input.shown()));
        }
        bar.inc(1);
    });
    bar.finish_and_clear();
    if !quiet {
        eprintln!(
            "baocao: {} processed, {} failed, {} not written",
            summary.processed, summary.failed, summary.write_failed
        );
    }
    if summary.failed > 0 || summary.write_failed > 0 {
        ExitCode::from(EXIT_SOME_FAILED)
    } else {
        ExitCode::from(EXIT_OK)
    }
}
