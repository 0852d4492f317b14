//! PDF input on the worker's code path: what `baocao __worker` (and
//! `__pdf-worker`) run on a PDF, in this process, so libFuzzer sees its
//! coverage. `pdftotext` is kept off the `PATH`: the fallback would start a
//! process per input and measure poppler, not us.
#![no_main]

use baocao::input::decode;
use baocao::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        std::env::set_var("PATH", "/nonexistent");
        // As in `baocao` itself (main.rs): the PDF reader catches pdf-extract's
        // panics page by page and reports them, so libFuzzer's hook, which
        // aborts on every panic, caught or not, is replaced. A panic that
        // escapes still aborts (libfuzzer-sys catches it at the boundary).
        std::panic::set_hook(Box::new(|_| {}));
    });
    // Every input is a PDF to the sniffer: mutations of the header would
    // only send the fuzzer to the text decoder, which `decode` covers.
    let mut bytes = Vec::with_capacity(data.len() + 9);
    if !data.starts_with(b"%PDF-") {
        bytes.extend_from_slice(b"%PDF-1.4\n");
    }
    bytes.extend_from_slice(data);
    let opts = Options {
        pdf_worker: None,
        timeout: std::time::Duration::from_secs(5),
        ..Options::default()
    };
    if let Ok(d) = decode("fuzz.pdf", &bytes, &opts) {
        assert_eq!(
            d.page_status.len(),
            d.pages.unwrap_or(0) as usize,
            "one status per page"
        );
        for w in &d.warnings {
            if let (Some(s), Some(e)) = (w.start, w.end) {
                assert!(s <= e && e <= d.doc.text.len(), "warning {s}..{e} out of range");
            }
        }
    }
});
