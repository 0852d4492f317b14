//! Reading an input file within the limits: never more than `--max-bytes`,
//! never blocked forever.
//!
//! The size in a file's metadata is no bound: a device (`/dev/zero`,
//! `/dev/urandom`) or a pipe reports 0 and reads without end. So every read is
//! cut at the limit itself, and anything that is not a regular file (a FIFO,
//! a device, `/dev/stdin`) is opened and read on a helper thread under the
//! time limit (opening a FIFO with no writer waits forever).

use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use crate::output::{DocError, ErrorKind};

/// The bytes of `path`, at most `max_bytes`, read within `timeout` when the
/// file is not a regular one.
pub fn read_bounded(path: &Path, max_bytes: u64, timeout: Duration) -> Result<Vec<u8>, DocError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(&e))?;
    if meta.is_dir() {
        return Err(DocError::new(ErrorKind::Unreadable, "is a directory"));
    }
    if meta.is_file() {
        if meta.len() > max_bytes {
            return Err(too_large(meta.len(), max_bytes));
        }
        let file = std::fs::File::open(path).map_err(|e| io_error(&e))?;
        // The file may grow between the check and the read: the read is cut too.
        return read_capped(file, max_bytes, meta.len());
    }
    let (tx, rx) = mpsc::channel();
    let owned = path.to_path_buf();
    // Opening a FIFO waits for a writer, reading it waits for data: neither
    // can be interrupted, so both happen on a helper thread that is left
    // behind on timeout (it ends with the process).
    std::thread::Builder::new()
        .name("read-special".into())
        .spawn(move || {
            let read = std::fs::File::open(&owned)
                .map_err(|e| io_error(&e))
                .and_then(|file| read_capped(file, max_bytes, 0));
            let _ = tx.send(read);
        })
        .map_err(|e| DocError::new(ErrorKind::Unreadable, format!("cannot start a reader: {e}")))?;
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(_) => Err(DocError::new(
            ErrorKind::Timeout,
            format!(
                "not a regular file, and it did not end within {} s (--timeout)",
                timeout.as_secs_f64()
            ),
        )),
    }
}

/// Read at most `max_bytes` bytes; one more means the input is too large.
/// `size` is the length the file's metadata gives (0 when unknown): the
/// buffer is made that large at once, not grown by doubling (each doubling
/// copies and, for a large file, faults in fresh pages).
fn read_capped(file: std::fs::File, max_bytes: u64, size: u64) -> Result<Vec<u8>, DocError> {
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(max_bytes)).unwrap_or(0) + 1);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(DocError::new(
            ErrorKind::TooLarge,
            format!("more than the limit of {max_bytes} bytes (--max-bytes)"),
        ));
    }
    Ok(bytes)
}

fn too_large(len: u64, max_bytes: u64) -> DocError {
    DocError::new(
        ErrorKind::TooLarge,
        format!("{len} bytes is over the limit of {max_bytes} bytes (--max-bytes)"),
    )
}

/// The error of a failed open or read, in the contract's kinds.
pub fn io_error(e: &std::io::Error) -> DocError {
    use std::io::ErrorKind::{NotFound, PermissionDenied};
    match e.kind() {
        NotFound => DocError::new(ErrorKind::NotFound, "no such file"),
        PermissionDenied => DocError::new(ErrorKind::Unreadable, "permission denied"),
        _ => DocError::new(ErrorKind::Unreadable, e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_is_cut_at_the_limit() {
        let e = read_bounded(Path::new("/dev/zero"), 1 << 20, Duration::from_secs(5)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooLarge);
    }

    #[test]
    fn a_fifo_without_writer_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let started = std::time::Instant::now();
        let got = read_bounded(&fifo, 1 << 20, Duration::from_secs(1));
        assert!(started.elapsed() < Duration::from_secs(3));
        assert_eq!(got.unwrap_err().kind, ErrorKind::Timeout);
    }

    #[test]
    fn a_fifo_with_a_writer_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let path = fifo.clone();
        let writer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            std::fs::write(path, "Báo cáo").unwrap();
        });
        // The reader opens first and waits for the writer's data.
        let got = read_bounded(&fifo, 1 << 20, Duration::from_secs(5));
        writer.join().unwrap();
        assert_eq!(got.ok().as_deref(), Some("Báo cáo".as_bytes()));
    }

    #[test]
    fn a_regular_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "x".repeat(100)).unwrap();
        assert_eq!(
            read_bounded(&p, 99, Duration::from_secs(1))
                .unwrap_err()
                .kind,
            ErrorKind::TooLarge
        );
        assert_eq!(
            read_bounded(&p, 100, Duration::from_secs(1)).unwrap().len(),
            100
        );
    }
}
