//! Per-stage throughput (`cargo bench`): normalize, layout, structure,
//! extract and audit, on the five sample reports as clean Unicode and as
//! fully legacy-encoded text (TCVN3, VNI, Windows-1258 seen as 1252). The
//! whole-run benchmark over thousands of files is `bench/run.sh`.

use std::hint::black_box;

use baocao::ground::Ground;
use baocao::input::text::decode_bytes;
use baocao::{audit, extract, layout, normalize, structure};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The five samples, concatenated: `clean` as they are (Unicode, with the
/// PDF damage of the originals), or re-encoded (`tcvn3`, `vni`, `viscii`,
/// `cp1258`: Windows-1258 seen as 1252, `utf8`: UTF-8 seen as 1252).
fn corpus(variant: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut all = String::new();
    for n in ["000", "001", "002", "003", "004"] {
        let path = if variant == "clean" {
            let mut found = std::fs::read_dir(format!("{root}/fixtures"))
                .expect("fixtures")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|f| f.to_string_lossy().starts_with(&format!("{n}_")))
                });
            found.next().expect("sample").display().to_string()
        } else {
            format!("{root}/fixtures/legacy/{n}.{variant}.txt")
        };
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        all.push_str(&decode_bytes(&bytes).0);
        all.push('\n');
    }
    all
}

fn normalize_stage(c: &mut Criterion) {
    let mut group = c.benchmark_group("normalize");
    for variant in [
        "unicode", "clean", "tcvn3", "vni", "viscii", "cp1258", "utf8",
    ] {
        // `unicode`: the samples once repaired, so clean Unicode text as a
        // DOCX or a good PDF gives it (the samples keep their PDF damage).
        let text = if variant == "unicode" {
            normalize::normalize(&corpus("clean"), &Default::default()).text
        } else {
            corpus(variant)
        };
        group.throughput(Throughput::BytesDecimal(text.len() as u64));
        group.bench_function(variant, |b| {
            b.iter(|| normalize::normalize(black_box(&text), &Default::default()))
        });
    }
    group.finish();
}

fn later_stages(c: &mut Criterion) {
    let norm = normalize::normalize(&corpus("clean"), &Default::default());
    let laid = layout::layout(&norm.text);
    let text = laid.text.as_str();
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
    group.bench_function("layout", |b| {
        b.iter(|| layout::layout(black_box(&norm.text)))
    });
    group.bench_function("structure", |b| {
        b.iter(|| {
            let g = Ground::new(black_box(text), false);
            (structure::metadata(&g), structure::sections(&g))
        })
    });
    let mut g = Ground::new(text, false);
    let meta = structure::metadata(&g);
    let sections = structure::sections(&g);
    g.set_sections(&sections);
    group.bench_function("references", |b| b.iter(|| extract::references(&g, &meta)));
    group.bench_function("counts", |b| b.iter(|| extract::counts(&g)));
    group.bench_function("funds", |b| b.iter(|| extract::funds(&g)));
    group.bench_function("products", |b| b.iter(|| extract::products_with_lists(&g)));
    let mut doc = baocao::empty();
    doc.metadata = meta.clone();
    doc.sections = sections.clone();
    doc.references = extract::references(&g, &meta);
    doc.counts = extract::counts(&g);
    doc.funds = extract::funds(&g);
    let (products, lists) = extract::products_with_lists(&g);
    doc.products = products;
    let tables = extract::table_funds::all(&g);
    group.bench_function("audit", |b| {
        b.iter(|| audit::audit(&g, &doc, &lists, &tables))
    });
    group.finish();
}

/// The whole analysis after input, per kind of text.
fn whole(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    for variant in ["clean", "tcvn3"] {
        let text = corpus(variant);
        let decoded = baocao::input::Decoded {
            format: "txt".into(),
            encoding: None,
            backend: "text".into(),
            pages: None,
            page_status: Vec::new(),
            doc: baocao::model::Doc::plain(text),
            warnings: Vec::new(),
            errors: Vec::new(),
        };
        group.throughput(Throughput::BytesDecimal(decoded.doc.text.len() as u64));
        let opts = baocao::Options::default();
        group.bench_function(variant, |b| b.iter(|| baocao::analyze(&decoded, &opts)));
    }
    group.finish();
}

/// PDF: our input stage (glyph layer over pdf-extract, page by page, in
/// process) against pdf-extract's own `extract_text_from_mem` on the same
/// file: the difference is our overhead.
fn pdf(c: &mut Criterion) {
    let path = format!(
        "{}/fixtures/pdf/004_9b2a86f56208a256.mono.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("fixture PDF");
    let opts = baocao::Options::default();
    let mut group = c.benchmark_group("pdf");
    group.throughput(Throughput::BytesDecimal(bytes.len() as u64));
    group.bench_function("pdf_extract_text", |b| {
        b.iter(|| pdf_extract::extract_text_from_mem(black_box(&bytes)))
    });
    group.bench_function("baocao_input", |b| {
        b.iter(|| baocao::input::decode("x.pdf", black_box(&bytes), &opts))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = normalize_stage, later_stages, whole, pdf
}
criterion_main!(benches);
