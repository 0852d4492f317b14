//! Running a child process (the PDF worker, `pdftotext`) under a time limit.

use std::io::{Read, Write};
use std::process::{Child, ExitStatus};
use std::time::Duration;

use wait_timeout::ChildExt;

/// How a child run with [`finish`] ended.
pub enum Finished {
    /// It exited: its status and everything it wrote to stdout.
    Exited(ExitStatus, Vec<u8>),
    /// It ran over the time limit and was killed.
    TimedOut,
}

/// Write `input` to the child's stdin and read its stdout, each on its own
/// thread (a child may fill its stdout pipe before it has read all of its
/// stdin, and a large output must not stall it), and kill it after `timeout`.
pub fn finish(
    child: &mut Child,
    input: Option<Vec<u8>>,
    timeout: Duration,
) -> std::io::Result<Finished> {
    let mut stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let (Some(s), Some(input)) = (stdin.as_mut(), input) {
            // A child that dies early closes the pipe: its exit status tells why.
            let _ = s.write_all(&input);
        }
    });
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut out);
        }
        out
    });
    let waited = child.wait_timeout(timeout);
    if !matches!(waited, Ok(Some(_))) {
        let _ = child.kill();
        let _ = child.wait();
    }
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    match waited? {
        Some(status) => Ok(Finished::Exited(status, out)),
        None => Ok(Finished::TimedOut),
    }
}
