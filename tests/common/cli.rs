//! Reading what the `baocao` binary printed, for the tests that run it.

use std::process::Output;

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
