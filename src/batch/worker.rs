//! Every document under one bound: a long-lived worker process per batch
//! thread (`baocao __worker`) reads, decodes and analyses documents, and the
//! parent waits for each answer at most `--timeout`. A document that runs
//! over is stopped by killing the worker (and its process group) and starting
//! a new one; a document that needs more than `--max-memory` fails an
//! allocation inside the worker's address-space limit; a crash costs one
//! document. Whatever the format and whichever stage is slow.
//!
//! The worker lives across documents, so the pipeline's one-time set-up
//! (compiling its patterns) is paid once per thread, not once per document.
//!
//! Protocol, on the worker's stdin: the name's length (u32, little-endian),
//! the name, the input's length (u64), the input; on stdout, for each
//! document, a line `MARK` + the document's JSON. Lines without the mark
//! (something a library printed) are ignored.

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::input::pdf::worker::{CRASH_ENV, SLEEP_ENV};
use crate::normalize::{NormalizeOptions, ToneStyle};
use crate::options::{OcrMode, Options};
use crate::output::{DocError, Document, ErrorKind};

/// The subcommand that runs [`worker_main`].
pub const SUBCOMMAND: &str = "__worker";
/// Starts each answer line.
const MARK: &[u8] = b"\x1ebaocao-document ";
/// What Rust's allocator prints before aborting on a failed allocation.
const OUT_OF_MEMORY: &str = "memory allocation of";
/// How much of the worker's stderr is kept to tell why it died.
const STDERR_TAIL: usize = 4096;

/// The options a worker needs, on its command line as JSON.
#[derive(Debug, Serialize, Deserialize)]
struct WorkerOptions {
    timeout_ms: u64,
    max_bytes: u64,
    max_part_bytes: u64,
    max_items: usize,
    no_text: bool,
    tone_style: String,
    /// `auto`, `always` or `never` (`--ocr`).
    ocr: String,
}

impl WorkerOptions {
    fn of(opts: &Options) -> Self {
        WorkerOptions {
            timeout_ms: opts.timeout.as_millis().try_into().unwrap_or(u64::MAX),
            max_bytes: opts.max_bytes,
            max_part_bytes: opts.max_part_bytes,
            max_items: opts.max_items,
            no_text: opts.no_text,
            tone_style: match opts.normalize.tone_style {
                ToneStyle::Classic => "classic",
                ToneStyle::Modern => "modern",
                ToneStyle::Keep => "keep",
            }
            .into(),
            ocr: match opts.ocr {
                OcrMode::Auto => "auto",
                OcrMode::Always => "always",
                OcrMode::Never => "never",
            }
            .into(),
        }
    }

    /// Options inside the worker: everything in this process.
    fn options(&self) -> Options {
        Options {
            no_text: self.no_text,
            timeout: Duration::from_millis(self.timeout_ms),
            max_bytes: self.max_bytes,
            max_part_bytes: self.max_part_bytes,
            max_items: self.max_items,
            resume: false,
            pdf_worker: None,
            worker_args: Vec::new(),
            max_memory: None,
            ocr: self.ocr.parse().unwrap_or_default(),
            normalize: NormalizeOptions {
                tone_style: self.tone_style.parse().unwrap_or_default(),
            },
        }
    }
}

/// The worker side: documents in on stdin, documents out on stdout, until
/// stdin ends. Returns the exit code.
pub fn worker_main(options_json: &str) -> u8 {
    let Ok(wopts) = serde_json::from_str::<WorkerOptions>(options_json) else {
        return 2;
    };
    let opts = wopts.options();
    let mut stdin = std::io::stdin().lock();
    loop {
        let (name, bytes) = match read_request(&mut stdin) {
            Ok(Some(r)) => r,
            Ok(None) => return 0,
            Err(_) => return 1,
        };
        test_hooks(&bytes);
        let doc = crate::process_bytes(&name, &bytes, &opts);
        drop(bytes);
        let mut out = std::io::stdout().lock();
        // On a line of its own: a library that printed something without a
        // line end cannot spoil the answer.
        let written = out.write_all(b"\n").is_ok()
            && out.write_all(MARK).is_ok()
            && serde_json::to_writer(&mut out, &doc).is_ok()
            && out.write_all(b"\n").is_ok()
            && out.flush().is_ok();
        if !written {
            return 1;
        }
    }
}

/// The PDF worker's test hooks, honoured here too for PDFs (tests stop or
/// crash a worker with them).
fn test_hooks(bytes: &[u8]) {
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_none() {
        return;
    }
    if let Some(ms) = std::env::var(SLEEP_ENV).ok().and_then(|v| v.parse().ok()) {
        std::thread::sleep(Duration::from_millis(ms));
    }
    if std::env::var_os(CRASH_ENV).is_some() {
        std::process::exit(134);
    }
}

fn read_request(r: &mut impl Read) -> std::io::Result<Option<(String, Vec<u8>)>> {
    let mut len4 = [0u8; 4];
    match r.read_exact(&mut len4) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut name = vec![0u8; u32::from_le_bytes(len4) as usize];
    r.read_exact(&mut name)?;
    let mut len8 = [0u8; 8];
    r.read_exact(&mut len8)?;
    let len = u64::from_le_bytes(len8);
    let mut bytes = Vec::new();
    r.take(len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != len {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some((String::from_utf8_lossy(&name).into_owned(), bytes)))
}

/// A running worker, owned by one batch thread.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    answers: mpsc::Receiver<Vec<u8>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    _tracked: super::cleanup::Tracked,
}

impl Worker {
    fn start(exe: &Path, opts: &Options) -> std::io::Result<Worker> {
        let wopts =
            serde_json::to_string(&WorkerOptions::of(opts)).map_err(std::io::Error::other)?;
        let mut cmd = Command::new(exe);
        cmd.args(&opts.worker_args)
            .arg(SUBCOMMAND)
            .arg(wopts)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        crate::input::pdf::child::confine(&mut cmd, opts.max_memory);
        let mut child = cmd.spawn()?;
        let tracked = super::cleanup::track_group(child.id());
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            crate::input::pdf::child::kill_group(&mut child);
            let _ = child.wait();
            return Err(std::io::Error::other("no pipes to the worker"));
        };
        let (tx, answers) = mpsc::channel();
        std::thread::Builder::new()
            .name("worker-out".into())
            .spawn(move || {
                for line in BufReader::new(stdout).split(b'\n').map_while(Result::ok) {
                    if let Some(at) = memchr::memmem::find(&line, MARK) {
                        if tx.send(line[at + MARK.len()..].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            })?;
        let tail = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&tail);
        std::thread::Builder::new()
            .name("worker-err".into())
            .spawn(move || {
                let mut stderr = stderr;
                let mut buf = [0u8; 4096];
                while let Ok(n @ 1..) = stderr.read(&mut buf) {
                    let mut t = keep.lock().unwrap_or_else(|p| p.into_inner());
                    t.extend_from_slice(&buf[..n]);
                    let over = t.len().saturating_sub(STDERR_TAIL);
                    t.drain(..over);
                }
            })?;
        Ok(Worker {
            child,
            stdin,
            answers,
            stderr: tail,
            _tracked: tracked,
        })
    }

    fn send(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let name_len = u32::try_from(name.len()).map_err(std::io::Error::other)?;
        self.stdin.write_all(&name_len.to_le_bytes())?;
        self.stdin.write_all(name.as_bytes())?;
        self.stdin.write_all(&(bytes.len() as u64).to_le_bytes())?;
        self.stdin.write_all(bytes)?;
        self.stdin.flush()
    }

    /// Kill the worker and its group; how it ended and the end of its stderr.
    fn stop(mut self) -> (String, String) {
        crate::input::pdf::child::kill_group(&mut self.child);
        let status = self
            .child
            .wait()
            .map_or_else(|e| e.to_string(), |s| s.to_string());
        // The stderr reader ends with the process; give it a moment.
        let deadline = Instant::now() + Duration::from_millis(200);
        while Arc::strong_count(&self.stderr) > 1 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let tail = self.stderr.lock().unwrap_or_else(|p| p.into_inner());
        (status, String::from_utf8_lossy(&tail).into_owned())
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        crate::input::pdf::child::kill_group(&mut self.child);
        let _ = self.child.wait();
    }
}

thread_local! {
    /// This thread's worker, started on its first document.
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

/// End this thread's worker, if it has one, and reap it (its CPU time, and
/// its OCR children's, then count in the batch's own). A batch calls this on
/// each of its threads before it returns: a thread-local worker would
/// otherwise outlive the work, to be killed unreaped when its thread ends.
pub fn shutdown() {
    drop(WORKER.with(|w| w.borrow_mut().take()));
}

/// Process one document in this thread's worker (`exe __worker`), within
/// `opts.timeout` and `opts.max_memory`. If no worker can be started, the
/// document is processed in this process (panics are still caught).
pub fn process(name: &str, bytes: &[u8], exe: &Path, opts: &Options) -> Document {
    let started = Instant::now();
    let mut worker = match WORKER.with(|w| w.borrow_mut().take()) {
        Some(w) => w,
        None => match Worker::start(exe, opts) {
            Ok(w) => w,
            Err(_) => return crate::process_bytes(name, bytes, opts),
        },
    };
    let sent = worker.send(name, bytes);
    let answer = match sent {
        Ok(()) => worker.answers.recv_timeout(opts.timeout),
        Err(_) => Err(RecvTimeoutError::Disconnected),
    };
    match answer {
        Ok(line) => match serde_json::from_slice::<Document>(&line) {
            Ok(doc) => {
                WORKER.with(|w| *w.borrow_mut() = Some(worker));
                doc
            }
            Err(e) => {
                drop(worker);
                failed(
                    name,
                    bytes,
                    DocError::new(ErrorKind::Panic, format!("worker answer: {e}")),
                )
            }
        },
        Err(RecvTimeoutError::Timeout) => {
            drop(worker);
            failed(
                name,
                bytes,
                DocError::new(
                    ErrorKind::Timeout,
                    format!("stopped after {} s (--timeout)", opts.timeout.as_secs_f64()),
                ),
            )
        }
        Err(RecvTimeoutError::Disconnected) => {
            let (status, stderr) = worker.stop();
            if stderr.contains(OUT_OF_MEMORY) {
                let limit = opts.max_memory.unwrap_or(0) >> 20;
                return failed(
                    name,
                    bytes,
                    DocError::new(
                        ErrorKind::TooLarge,
                        format!("needs more memory than the limit of {limit} MiB (--max-memory)"),
                    ),
                );
            }
            // A PDF whose library crashed is tried once more the old way:
            // extraction in a PDF worker with poppler as the fallback.
            if crate::input::sniff(bytes, "").ok() == Some(crate::input::Format::Pdf) {
                let mut retry = opts.clone();
                retry.timeout = opts.timeout.saturating_sub(started.elapsed());
                if !retry.timeout.is_zero() {
                    return crate::process_bytes(name, bytes, &retry);
                }
            }
            failed(
                name,
                bytes,
                DocError::new(ErrorKind::Crash, format!("the worker died ({status})")),
            )
        }
    }
}

/// A failed document that still says which input it was.
fn failed(name: &str, bytes: &[u8], e: DocError) -> Document {
    let mut doc = crate::failed(name, e);
    doc.source.sha256 = crate::sha256_hex(bytes);
    doc.source.bytes = bytes.len() as u64;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_round_trip() {
        let mut wire = Vec::new();
        for (name, bytes) in [("a.txt", &b"Bao cao"[..]), ("", b"")] {
            wire.extend((name.len() as u32).to_le_bytes());
            wire.extend(name.as_bytes());
            wire.extend((bytes.len() as u64).to_le_bytes());
            wire.extend(bytes);
        }
        let mut r = &wire[..];
        let first = read_request(&mut r).unwrap().unwrap();
        assert_eq!(
            (first.0.as_str(), first.1.as_slice()),
            ("a.txt", &b"Bao cao"[..])
        );
        let second = read_request(&mut r).unwrap().unwrap();
        assert_eq!((second.0.as_str(), second.1.len()), ("", 0));
        assert!(read_request(&mut r).unwrap().is_none());
        // Cut inside a request: an error, never a short document.
        assert!(read_request(&mut &wire[..8]).is_err());
    }

    #[test]
    fn options_survive_the_command_line() {
        let opts = Options {
            max_items: 7,
            no_text: true,
            normalize: NormalizeOptions {
                tone_style: ToneStyle::Modern,
            },
            ..Default::default()
        };
        let json = serde_json::to_string(&WorkerOptions::of(&opts)).unwrap();
        let back = serde_json::from_str::<WorkerOptions>(&json)
            .unwrap()
            .options();
        assert_eq!(back.max_items, 7);
        assert!(back.no_text);
        assert_eq!(back.normalize.tone_style, ToneStyle::Modern);
        assert_eq!(back.timeout, opts.timeout);
        assert!(back.pdf_worker.is_none());
    }
}
