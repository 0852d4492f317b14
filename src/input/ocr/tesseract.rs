//! The `tesseract` command: one child process per image, TSV on stdout.

use std::io::{Read, Seek};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::input::pdf::child::{self, Finished};
use crate::output::{DocError, ErrorKind};

/// The command looked for on `PATH`; tests point [`COMMAND_ENV`] elsewhere
/// to see what happens when it is missing.
const COMMAND: &str = "tesseract";
/// Test hook: the tesseract executable to run instead of the one on `PATH`.
pub const COMMAND_ENV: &str = "BAOCAO_TESSERACT";
/// The language model (Debian `tesseract-ocr-vie`).
const LANGUAGE: &str = "vie";
/// What to install, named in the error.
pub const PACKAGES: &str = "tesseract-ocr tesseract-ocr-vie";

/// `ocr_unavailable`: the input needs OCR and this machine cannot do it.
pub fn unavailable(why: &str) -> DocError {
    DocError::new(
        ErrorKind::OcrUnavailable,
        format!("{why}: this input needs OCR; install the Debian packages {PACKAGES}"),
    )
}

/// Run Tesseract on one image (JPEG, PNG, PNM or TIFF; a multi-page TIFF
/// gives every page) and return its TSV output.
///
/// `--psm 3` (automatic page segmentation): the header's two columns come
/// back as separate blocks more often than with `--psm 4/6`, and the layout
/// step regroups them by position anyway. The image goes through stdin, so
/// no temporary file is written for it.
pub fn run(image: &[u8], dpi: Option<u32>, timeout: Duration) -> Result<String, DocError> {
    let exe = std::env::var_os(COMMAND_ENV).unwrap_or_else(|| COMMAND.into());
    let mut errors = tempfile::tempfile()
        .map_err(|e| DocError::new(ErrorKind::OcrFailed, format!("temp file: {e}")))?;
    let mut cmd = Command::new(&exe);
    cmd.args(["stdin", "stdout", "-l", LANGUAGE, "--psm", "3"]);
    if let Some(dpi) = dpi.filter(|d| (70..=1200).contains(d)) {
        cmd.args(["--dpi", &dpi.to_string()]);
    }
    cmd.arg("tsv")
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(errors.try_clone().map_err(|e| {
            DocError::new(ErrorKind::OcrFailed, format!("temp file: {e}"))
        })?));
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(unavailable("tesseract is not installed"))
        }
        Err(e) => {
            return Err(DocError::new(
                ErrorKind::OcrFailed,
                format!("cannot run tesseract: {e}"),
            ))
        }
    };
    let (status, out) = match child::finish(&mut child, Some(image.to_vec()), timeout) {
        Ok(Finished::Exited(status, out)) => (status, out),
        Ok(Finished::TimedOut) => {
            return Err(DocError::new(
                ErrorKind::Timeout,
                format!(
                    "OCR of a page stopped after {} s (--timeout)",
                    timeout.as_secs_f64()
                ),
            ))
        }
        Err(e) => {
            return Err(DocError::new(
                ErrorKind::OcrFailed,
                format!("tesseract: {e}"),
            ))
        }
    };
    let mut message = String::new();
    let _ = errors.rewind();
    let _ = errors.take(64 * 1024).read_to_string(&mut message);
    if !status.success() || out.is_empty() {
        if message.contains("Failed loading language")
            || message.contains("Error opening data file")
        {
            return Err(unavailable(
                "the Vietnamese model of tesseract is not installed",
            ));
        }
        let first = message.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(DocError::new(
            ErrorKind::OcrFailed,
            format!("tesseract could not read the image ({status}): {first}"),
        ));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}
