//! Reading what the `baocao` binary printed, for the tests that run it.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The documents of a `--jsonl -` run, one per stdout line.
pub fn docs(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// The kinds of a document's `errors`, in order.
pub fn error_kinds(doc: &Value) -> Vec<String> {
    doc["errors"]
        .as_array()
        .expect("errors is a list")
        .iter()
        .map(|e| e["kind"].as_str().expect("an error has a kind").to_string())
        .collect()
}

/// Run `baocao ARGS` in `dir` with its standard output a pipe whose reader
/// is gone before anything is written (as `baocao … | head` when `head`
/// has what it wanted), and what it did.
pub fn run_with_closed_stdout(args: &[&str], dir: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run baocao");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait for baocao")
}
