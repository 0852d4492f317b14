//! Isolation: extraction in a child process (`baocao __pdf-worker`), as Apache
//! Tika does. A thread cannot be killed, a process can: a hang costs the file
//! its time limit, a crash (stack overflow, abort) costs only that file.
//!
//! Protocol: the parent writes the PDF bytes to the child's stdin and closes
//! it; the child writes one JSON [`Reply`] as the last line of stdout and exits 0.

use crate::model::Doc;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::child::{self, Finished};
use super::{extract, poppler};
use crate::input::Decoded;
use crate::output::{DocError, ErrorKind, PageStatus, Warning};

/// The subcommand that runs [`worker_main`].
pub const SUBCOMMAND: &str = "__pdf-worker";
/// Test hook: the worker sleeps this many milliseconds before extracting, so
/// tests can check that `--timeout` really stops it.
pub const SLEEP_ENV: &str = "BAOCAO_PDF_WORKER_SLEEP_MS";
/// Test hook: the worker dies without answering, as on a stack overflow (an
/// exit status, not `abort`, so no core file is left behind).
pub const CRASH_ENV: &str = "BAOCAO_PDF_WORKER_CRASH";
/// The parent's time limit, passed to the worker (milliseconds) so that its own
/// `pdftotext` fallback, a grandchild the parent cannot see, stops in time too.
const TIMEOUT_ENV: &str = "BAOCAO_PDF_WORKER_TIMEOUT_MS";
/// The worker's `pdftotext` limit when [`TIMEOUT_ENV`] is not set.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// [`Decoded`] on the wire.
#[derive(Debug, Serialize, Deserialize)]
struct Wire {
    format: String,
    backend: String,
    pages: Option<u32>,
    page_status: Vec<PageStatus>,
    doc: Doc,
    warnings: Vec<Warning>,
    errors: Vec<DocError>,
}

/// What the worker answers.
#[derive(Debug, Serialize, Deserialize)]
enum Reply {
    Ok(Wire),
    Err(DocError),
}

impl From<Decoded> for Wire {
    fn from(d: Decoded) -> Self {
        Wire {
            format: d.format,
            backend: d.backend,
            pages: d.pages,
            page_status: d.page_status,
            doc: d.doc,
            warnings: d.warnings,
            errors: d.errors,
        }
    }
}

impl From<Wire> for Decoded {
    fn from(w: Wire) -> Self {
        Decoded {
            format: w.format,
            encoding: None,
            backend: w.backend,
            pages: w.pages,
            page_status: w.page_status,
            doc: w.doc,
            warnings: w.warnings,
            errors: w.errors,
        }
    }
}

/// The child side: PDF on stdin, JSON on stdout. Returns the exit code.
pub fn worker_main() -> u8 {
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() {
        return 1;
    }
    if let Some(ms) = env_millis(SLEEP_ENV) {
        std::thread::sleep(Duration::from_millis(ms));
    }
    if std::env::var_os(CRASH_ENV).is_some() {
        std::process::exit(134);
    }
    let timeout = env_millis(TIMEOUT_ENV).map_or(DEFAULT_TIMEOUT, Duration::from_millis);
    let reply = match std::panic::catch_unwind(|| extract::extract(&bytes, timeout)) {
        Ok(Ok(d)) => Reply::Ok(d.into()),
        Ok(Err(e)) => Reply::Err(e),
        Err(p) => Reply::Err(DocError::new(
            ErrorKind::Panic,
            format!("PDF extraction: {}", extract::panic_text(&p)),
        )),
    };
    let mut out = std::io::stdout().lock();
    // On a line of its own: a library that printed something before cannot
    // spoil the answer (the parent reads the last line).
    let written = out.write_all(b"\n").is_ok()
        && serde_json::to_writer(&mut out, &reply).is_ok()
        && out.write_all(b"\n").is_ok()
        && out.flush().is_ok();
    if written {
        0
    } else {
        1
    }
}

fn env_millis(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// The parent side: run `exe __pdf-worker` on `bytes` within `timeout`.
/// The child is confined (see [`child::confine`]): its own process group,
/// killed with its parent, address space limited to `max_memory`.
pub fn run(
    exe: &Path,
    args: &[String],
    bytes: &[u8],
    timeout: Duration,
    max_memory: Option<u64>,
) -> Result<Decoded, DocError> {
    let started = Instant::now();
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .arg(SUBCOMMAND)
        .env(TIMEOUT_ENV, timeout.as_millis().to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    child::confine(&mut cmd, max_memory);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        // No worker (the executable moved): extraction in-process still
        // catches panics, only the time limit is lost.
        Err(_) => return extract::extract(bytes, timeout),
    };
    let (status, out) = match child::finish(&mut child, Some(bytes.to_vec()), timeout) {
        Ok(Finished::Exited(status, out)) => (status, out),
        Ok(Finished::TimedOut) => {
            return Err(DocError::new(
                ErrorKind::Timeout,
                format!(
                    "PDF extraction stopped after {} s (--timeout)",
                    timeout.as_secs_f64()
                ),
            ))
        }
        Err(e) => return Err(DocError::new(ErrorKind::Panic, format!("PDF worker: {e}"))),
    };
    if status.success() {
        let last = out
            .split(|&b| b == b'\n')
            .rfind(|l| !l.is_empty())
            .unwrap_or_default();
        match serde_json::from_slice::<Reply>(last) {
            Ok(Reply::Ok(w)) => return Ok(w.into()),
            Ok(Reply::Err(e)) => return Err(e),
            Err(_) => {}
        }
    }
    crashed(
        bytes,
        &format!("{status}"),
        timeout.saturating_sub(started.elapsed()),
        max_memory,
    )
}

/// The worker died without an answer: poppler alone, if it reads the file.
fn crashed(
    bytes: &[u8],
    status: &str,
    left: Duration,
    max_memory: Option<u64>,
) -> Result<Decoded, DocError> {
    let message = format!("the PDF worker crashed ({status})");
    let pages = match poppler::pages_within(bytes, left.max(Duration::from_secs(1)), max_memory) {
        Ok(p) if p.iter().any(|t| !t.trim().is_empty()) => p,
        _ => return Err(DocError::new(ErrorKind::Crash, message)),
    };
    let page_status = pages
        .iter()
        .zip(1u32..)
        .map(|(t, n)| PageStatus {
            page: n,
            status: if t.trim().is_empty() { "empty" } else { "ok" }.into(),
            message: Some("text from pdftotext".into()),
        })
        .collect();
    Ok(Decoded {
        format: "pdf".into(),
        backend: extract::PDFTOTEXT.into(),
        pages: Some(pages.len() as u32),
        doc: Doc::plain(pages.join("\u{c}")),
        page_status,
        warnings: vec![Warning {
            kind: "pdf_worker_crashed".into(),
            message: format!("{message}; text from pdftotext"),
            start: None,
            end: None,
        }],
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_round_trips() {
        let d = Decoded {
            format: "pdf".into(),
            backend: "pdf-extract".into(),
            pages: Some(2),
            doc: Doc::plain("Một\u{c}Hai".into()),
            ..Default::default()
        };
        let json = serde_json::to_string(&Reply::Ok(d.into())).unwrap();
        match serde_json::from_str::<Reply>(&json).unwrap() {
            Reply::Ok(w) => {
                let back: Decoded = w.into();
                assert_eq!(back.doc.text, "Một\u{c}Hai");
                assert_eq!(back.pages, Some(2));
            }
            Reply::Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn missing_worker_falls_back_to_in_process() {
        let e = run(
            Path::new("/nonexistent/baocao"),
            &[],
            b"%PDF-1.4 junk",
            Duration::from_secs(5),
            None,
        )
        .unwrap_err();
        assert_eq!(e.kind.as_str(), "corrupt_pdf");
    }
}
