//! Fallback through poppler's `pdftotext`, run as an external command when it
//! is installed (Debian `poppler-utils`); never linked in.

use std::process::{Command, Stdio};
use std::time::Duration;

use super::child::{self, Finished};

/// The command that is looked for on `PATH`.
const PDFTOTEXT: &str = "pdftotext";

/// Why the fallback gave no text.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// `pdftotext` is not installed.
    Missing,
    /// It ran and failed, or ran out of time.
    Failed(String),
}

/// Text of every page (`pages[0]` is page 1) as `pdftotext` reads it.
///
/// `-layout` mode: measured on the fixtures against their source texts it gets
/// the most words right (99.94-100%; the default reading-order mode drops to
/// 96.9% on the table-heavy 003, `-raw` to 45% on the two-pass fallback-font PDF).
pub fn pages(bytes: &[u8], timeout: Duration) -> Result<Vec<String>, Failure> {
    pages_within(bytes, timeout, None)
}

/// [`pages`] with the address space of `pdftotext` limited to `max_memory`
/// bytes. The PDF reaches it as its standard input (`fd://0`), an unnamed
/// temporary file (seekable, as poppler needs): nothing is left in the
/// temporary folder whatever happens to either process.
pub fn pages_within(
    bytes: &[u8],
    timeout: Duration,
    max_memory: Option<u64>,
) -> Result<Vec<String>, Failure> {
    let temp = |e: std::io::Error| Failure::Failed(format!("temporary file: {e}"));
    let mut file = tempfile::tempfile().map_err(temp)?;
    std::io::Write::write_all(&mut file, bytes).map_err(temp)?;
    std::io::Seek::rewind(&mut file).map_err(temp)?;
    let mut cmd = Command::new(PDFTOTEXT);
    cmd.args(["-layout", "-enc", "UTF-8", "-q", "fd://0", "-"])
        .stdin(Stdio::from(file))
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    child::confine(&mut cmd, max_memory);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Failure::Missing),
        Err(e) => return Err(Failure::Failed(format!("cannot run {PDFTOTEXT}: {e}"))),
    };
    let (status, out) = match child::finish(&mut child, None, timeout) {
        Ok(Finished::Exited(status, out)) => (status, out),
        Ok(Finished::TimedOut) => {
            return Err(Failure::Failed(format!(
                "{PDFTOTEXT} ran over {} s",
                timeout.as_secs()
            )))
        }
        Err(e) => return Err(Failure::Failed(format!("{PDFTOTEXT}: {e}"))),
    };
    if !status.success() {
        return Err(Failure::Failed(format!("{PDFTOTEXT} failed ({status})")));
    }
    Ok(split_pages(&String::from_utf8_lossy(&out)))
}

/// `pdftotext` ends every page with a form feed.
fn split_pages(out: &str) -> Vec<String> {
    let mut pages: Vec<String> = out
        .split('\u{c}')
        .map(|p| p.trim_end().to_string())
        .collect();
    if pages.len() > 1 && pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_on_form_feeds() {
        assert_eq!(split_pages("một\n\u{c}hai\n\u{c}"), vec!["một", "hai"]);
        assert_eq!(split_pages("\u{c}hai\u{c}"), vec!["", "hai"]);
    }
}
