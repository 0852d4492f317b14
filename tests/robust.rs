//! Issue 16: the faults a hostile corpus found, one test each. Every hostile
//! file is made here, by code, not stored.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;
use common::cli::{docs, error_kinds};

const BIN: &str = env!("CARGO_BIN_EXE_baocao");
const TXT: &str = "fixtures/001_849251cef8cea693.txt";
const PDF: &str = "fixtures/pdf/001_849251cef8cea693.dejavu.pdf";
const DOCX: &str = "fixtures/docx/003_report_table.docx";

fn baocao(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(BIN)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A PDF from its objects' bodies (object n is `objects[n - 1]`), with a
/// correct cross-reference table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A one-page PDF whose content stream is `content`, Flate-compressed.
fn pdf_with_content(content: impl FnOnce(&mut dyn Write)) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    content(&mut z);
    let stream = z.finish().unwrap();
    let mut contents = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        stream.len()
    )
    .into_bytes();
    contents.extend(&stream);
    contents.extend(b"\nendstream");
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        contents,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ])
}

/// A Flate bomb: a few hundred kilobytes that decompress to `mib` MiB.
fn flate_bomb(mib: usize) -> Vec<u8> {
    pdf_with_content(|w| {
        w.write_all(b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n").unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..mib {
            w.write_all(&block).unwrap();
        }
    })
}

/// A DOCX whose body is `body` (WordprocessingML inside `<w:body>`).
fn docx(body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#)),
    ];
    for (name, text) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The processes whose parent is `pid`.
fn children_of(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(p) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else {
            continue;
        };
        // The fields after the command name, which is in parentheses.
        let Some(rest) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
            continue;
        };
        let ppid = rest.split(' ').nth(1).and_then(|s| s.parse::<u32>().ok());
        if ppid == Some(pid) {
            out.push(p);
        }
    }
    out
}

fn alive(pid: u32) -> bool {
    // A zombie is dead: only its entry waits for its parent.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| !s.contains(") Z "))
        .unwrap_or(false)
}

fn wait_for(mut cond: impl FnMut() -> bool, limit: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    cond()
}

// 1. Output names.

#[test]
fn no_output_is_lost_to_a_name_collision() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read(TXT).unwrap();
    let inputs: Vec<PathBuf> = ["d1/r.txt", "d2/r.txt", "r.txt.2.txt"]
        .iter()
        .map(|p| dir.path().join(p))
        .collect();
    for p in &inputs {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &text).unwrap();
    }
    let out_dir = dir.path().join("out");
    let mut args = vec!["extract", "-q", "-o", out_dir.to_str().unwrap()];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    let out = baocao(&args, &[]);
    assert_eq!(out.status.code(), Some(0));
    let names = names_in(&out_dir);
    assert_eq!(names.len(), 3, "{names:?}");
    let paths: Vec<String> = names
        .iter()
        .map(|n| {
            let v: Value =
                serde_json::from_slice(&std::fs::read(out_dir.join(n)).unwrap()).unwrap();
            v["source"]["path"].as_str().unwrap().to_string()
        })
        .collect();
    for p in &inputs {
        assert!(
            paths.contains(&p.display().to_string()),
            "{p:?} in {paths:?}"
        );
    }
}

// 2. A failed export leaves the previous one alone.

#[test]
fn a_failed_export_leaves_the_previous_dataset_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let keep = dir.path().join("keep");
    let keep_s = keep.to_str().unwrap();
    let out = baocao(&["export", "-q", TXT, "--csv", keep_s], &[]);
    assert_eq!(out.status.code(), Some(0));
    let before: Vec<(String, Vec<u8>)> = names_in(&keep)
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(keep.join(&n)).unwrap();
            (n, bytes)
        })
        .collect();
    assert!(before.len() >= 8);
    let products = before.iter().find(|(n, _)| n == "documents.csv").unwrap();
    assert!(products.1.iter().filter(|&&b| b == b'\n').count() >= 2);

    let missing = dir.path().join("nope.json");
    let out = baocao(
        &["export", "-q", missing.to_str().unwrap(), "--csv", keep_s],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let after: Vec<(String, Vec<u8>)> = names_in(&keep)
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(keep.join(&n)).unwrap();
            (n, bytes)
        })
        .collect();
    assert_eq!(before, after, "the earlier export was changed");
}

// 3. and 4. FIFOs and devices.

#[test]
fn a_fifo_on_the_command_line_is_bounded_by_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let started = Instant::now();
    let out = baocao(
        &[
            "extract",
            "-q",
            "--timeout",
            "1",
            "--jsonl",
            "-",
            fifo.to_str().unwrap(),
            TXT,
        ],
        &[],
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(1));
    let d = docs(&out);
    assert_eq!(error_kinds(&d[0]), ["timeout"]);
    assert!(error_kinds(&d[1]).is_empty());
}

#[test]
fn devices_are_cut_at_max_bytes() {
    for dev in ["/dev/zero", "/dev/urandom"] {
        let out = baocao(
            &[
                "extract",
                "-q",
                "--max-bytes",
                "1000000",
                "--jsonl",
                "-",
                dev,
            ],
            &[],
        );
        assert_eq!(out.status.code(), Some(1), "{dev}");
        assert_eq!(error_kinds(&docs(&out)[0]), ["too_large"], "{dev}");
    }
}

// 5. Memory.

#[test]
fn a_flate_bomb_is_too_large_not_the_machines_memory() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.pdf");
    std::fs::write(&bomb, flate_bomb(600)).unwrap();
    let message = too_large_beside_text(&["--max-memory", "256"], &bomb);
    assert!(message.contains("--max-memory"), "{message}");
}

/// Extract `hostile` and a good text file in one batch: the hostile file
/// alone fails, `too_large`, the text is read; the error's message.
fn too_large_beside_text(flags: &[&str], hostile: &Path) -> String {
    let mut args = vec!["extract", "-q"];
    args.extend_from_slice(flags);
    args.extend(["--jsonl", "-", hostile.to_str().unwrap(), TXT]);
    let out = baocao(&args, &[]);
    assert_eq!(out.status.code(), Some(1));
    let d = docs(&out);
    assert_eq!(error_kinds(&d[0]), ["too_large"], "{}", d[0]["errors"]);
    assert!(error_kinds(&d[1]).is_empty());
    d[0]["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_page_of_millions_of_glyphs_is_too_large_before_memory_runs_out() {
    let dir = tempfile::tempdir().unwrap();
    let dense = dir.path().join("dense.pdf");
    // A few kilobytes compressed, a million glyphs drawn on one page.
    std::fs::write(
        &dense,
        pdf_with_content(|w| {
            w.write_all(b"BT /F1 1 Tf 72 700 Td\n").unwrap();
            let line = format!("({}) Tj\n", "x".repeat(1000));
            for _ in 0..1000 {
                w.write_all(line.as_bytes()).unwrap();
            }
            w.write_all(b"ET\n").unwrap();
        }),
    )
    .unwrap();
    let message = too_large_beside_text(&[], &dense);
    assert!(
        message.contains("page 1") && message.contains("glyphs"),
        "{message}"
    );
}

// 6. Nothing left running, nothing left behind.

/// Start a batch whose PDF worker sleeps, and wait until the worker runs.
fn start_sleeping_batch(out_dir: &Path) -> (std::process::Child, Vec<u32>) {
    let child = Command::new(BIN)
        .args([
            "extract",
            "-q",
            "-j",
            "1",
            "-o",
            out_dir.to_str().unwrap(),
            PDF,
        ])
        .env("BAOCAO_PDF_WORKER_SLEEP_MS", "60000")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut workers = Vec::new();
    assert!(
        wait_for(
            || {
                workers = children_of(pid);
                !workers.is_empty()
            },
            Duration::from_secs(20)
        ),
        "no worker started"
    );
    // Past the worker's start: it reads its document and sleeps.
    std::thread::sleep(Duration::from_millis(300));
    (child, workers)
}

#[test]
fn sigterm_and_sigint_kill_the_workers_and_exit_143_and_130() {
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130)] {
        let dir = tempfile::tempdir().unwrap();
        let (mut child, workers) = start_sleeping_batch(dir.path());
        // SAFETY: a signal to a process this test started.
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code));
        for w in workers {
            assert!(
                wait_for(|| !alive(w), Duration::from_secs(5)),
                "worker {w} left running"
            );
        }
        assert!(
            names_in(dir.path()).is_empty(),
            "{:?}",
            names_in(dir.path())
        );
    }
}

#[test]
fn kill_9_of_baocao_takes_its_workers_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, workers) = start_sleeping_batch(dir.path());
    child.kill().unwrap();
    child.wait().unwrap();
    for w in workers {
        assert!(
            wait_for(|| !alive(w), Duration::from_secs(5)),
            "worker {w} left running"
        );
    }
}

#[test]
fn resume_removes_the_temporary_files_of_a_killed_run() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(".baocao-AbC123.tmp");
    std::fs::write(&stale, "{\"half\":").unwrap();
    let out = baocao(
        &[
            "extract",
            "-q",
            "--resume",
            "-o",
            dir.path().to_str().unwrap(),
            TXT,
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(!stale.exists());
    assert_eq!(names_in(dir.path()), ["001_849251cef8cea693.json"]);
}

#[test]
fn a_timeout_leaves_no_temporary_file_behind() {
    // The worker's pdftotext reads an unnamed file: nothing named baocao-* may
    // appear in the temporary folder, however the worker ends.
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["extract", "-q", "--timeout", "1", "--jsonl", "-", PDF])
        .env("TMPDIR", tmp.path())
        .env("BAOCAO_PDF_WORKER_SLEEP_MS", "30000")
        .output()
        .unwrap();
    assert_eq!(error_kinds(&docs(&out)[0]), ["timeout"]);
    assert!(
        names_in(tmp.path()).is_empty(),
        "{:?}",
        names_in(tmp.path())
    );
}

// 7. No silent empty results.

#[test]
fn documents_without_text_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let bom = dir.path().join("bom.txt");
    std::fs::write(&bom, b"\xEF\xBB\xBF").unwrap();
    let blank = dir.path().join("blank.docx");
    std::fs::write(
        &blank,
        docx("<w:p><w:r><w:t xml:space=\"preserve\">   </w:t></w:r></w:p><w:p/>"),
    )
    .unwrap();
    // A page tree that contains itself.
    let looping = dir.path().join("loop.pdf");
    std::fs::write(
        &looping,
        pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [2 0 R 2 0 R 2 0 R] /Count 3 >>".to_vec(),
        ]),
    )
    .unwrap();
    for p in [&bom, &blank, &looping] {
        let out = baocao(&["extract", "-q", "--jsonl", "-", p.to_str().unwrap()], &[]);
        assert_eq!(out.status.code(), Some(1), "{p:?}");
        let d = docs(&out);
        assert!(!error_kinds(&d[0]).is_empty(), "{p:?}: {}", d[0]["errors"]);
    }
    let out = baocao(&["normalize", "-q", bom.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1));
}

// 8. Every format bounded by --timeout.

#[test]
fn the_timeout_bounds_text_and_docx_too() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(TXT).unwrap();
    // Tens of megabytes of report: seconds of work, far over one (the
    // DOCX stays under the default --max-part-bytes of 64 MiB).
    let big = dir.path().join("big.txt");
    std::fs::write(&big, text.repeat((40 << 20) / text.len())).unwrap();
    let paragraph = format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
        text.lines().find(|l| !l.trim().is_empty()).unwrap()
    );
    let big_docx = dir.path().join("big.docx");
    std::fs::write(
        &big_docx,
        docx(&paragraph.repeat((60 << 20) / paragraph.len())),
    )
    .unwrap();
    let started = Instant::now();
    let out = baocao(
        &[
            "extract",
            "-q",
            "-j",
            "1",
            "--timeout",
            "1",
            "--jsonl",
            "-",
            big.to_str().unwrap(),
            big_docx.to_str().unwrap(),
            TXT,
        ],
        &[],
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let d = docs(&out);
    assert_eq!(error_kinds(&d[0]), ["timeout"]);
    assert_eq!(error_kinds(&d[1]), ["timeout"]);
    assert!(error_kinds(&d[2]).is_empty(), "the next input is processed");
    assert_eq!(out.status.code(), Some(1));
}

// 9. Messages and exit codes.

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let mut child = Command::new(BIN)
        .args(["extract", "-q", "--jsonl", "-"])
        .args(std::iter::repeat_n(TXT, 40))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn audit_with_an_unreadable_input_exits_1_and_does_not_count_it() {
    let out = baocao(&["audit", "--json", TXT, "fixtures/no-such-file.txt"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"], 1);
}

// Isolation changes nothing for good files.

#[test]
fn good_files_are_the_same_in_a_worker_and_in_process() {
    for path in [TXT, PDF, DOCX] {
        let out = baocao(&["extract", "-q", "--jsonl", "-", path], &[]);
        assert_eq!(out.status.code(), Some(0), "{path}");
        let opts = baocao::Options::default();
        let own = baocao::process_path(Path::new(path), &opts);
        let line = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            line.trim_end(),
            serde_json::to_string(&own).unwrap(),
            "{path}"
        );
    }
}

#[test]
fn a_timeout_kills_the_workers_pdftotext_and_leaves_no_copy_of_the_input() {
    // A pdftotext that never ends (it becomes `sleep`, keeping its death
    // signal across exec), on a damaged PDF that sends the worker to it.
    let bin = tempfile::tempdir().unwrap();
    let fake = bin.path().join("pdftotext");
    std::fs::write(&fake, "#!/bin/sh\nexec sleep 93.25\n").unwrap();
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.path().display());
    let out = Command::new(BIN)
        .args([
            "extract",
            "-q",
            "--timeout",
            "2",
            "--jsonl",
            "-",
            "tests/bad/truncated.pdf",
        ])
        .env("PATH", &path)
        .env("TMPDIR", tmp.path())
        .output()
        .unwrap();
    assert_eq!(error_kinds(&docs(&out)[0]), ["timeout"]);
    // Any live process running `sleep 93.25`, found in /proc.
    let sleeping = || {
        std::fs::read_dir("/proc").unwrap().flatten().any(|e| {
            let pid = e.file_name().to_string_lossy().into_owned();
            pid.parse::<u32>().is_ok_and(alive)
                && std::fs::read(e.path().join("cmdline")).is_ok_and(|c| c == b"sleep\093.25\0")
        })
    };
    assert!(
        wait_for(|| !sleeping(), Duration::from_secs(5)),
        "pdftotext left running"
    );
    assert!(
        names_in(tmp.path()).is_empty(),
        "{:?}",
        names_in(tmp.path())
    );
}
