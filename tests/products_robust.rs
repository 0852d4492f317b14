//! Product extraction never panics and always grounds, whatever the text:
//! truncated documents, odd fragments, characters whose case changes length.

use baocao::extract::products::{extract, stated_lists};
use baocao::ground::{holds, Ground};

fn check(text: &str) {
    let g = Ground::new(text, false);
    for p in extract(&g) {
        assert!(holds(text, p.at.start, p.at.end, &p.at.text), "{p:?}");
        assert!(!p.name.is_empty());
    }
    for l in stated_lists(&g) {
        assert!(holds(text, l.count.start, l.count.end, &l.count.text));
    }
}

#[test]
fn odd_fragments() {
    for t in [
        "",
        "1.",
        "TT Sản phẩm Đơn vị Địa chỉ Đạt sao\n1. ",
        "TT Sản phẩm Đơn vị Địa chỉ Đạt sao\n1. 1 \n3 sao\n2.\n",
        "[^",
        "[^4]: ",
        "[^4]: - Xã A (04 sản phẩm):",
        "Xã (1 sản phẩm):",
        "- Xã Ơ (02 sản phẩm): - ; , . - HTX",
        "03 sản phẩm (",
        "03 sản phẩm (A - HTX",
        "cụ thể:",
        "cụ thể: Hộ kinh doanh",
        "\t\t\t\n\t",
        "| |\n|-|\n| 1 |",
        "TT\tTên sản phẩm\n1\t\n",
        "sản phẩm nho của Hộ kinh doanh đạt 4 sao",
        "5 Hộ kinh doanh \u{212a}\u{212a} sản phẩm",
        "5 Hộ kinh doanh İİ Ấ táo",
        "Hộ kinh doanh cơ sở sản xuất İstanbul táo, nho",
        "\u{c}\u{c}1\u{c}",
        "có 25 sản phẩm, cụ thể như sau:\nSTT\nTên sản phẩm\nChủ thể\n1\n",
        "4 - Xã Phước Thuận (04 sản phẩm): Táo - HTX Ba; Mận (",
    ] {
        check(t);
    }
}

#[test]
fn truncated_documents() {
    for path in [
        "fixtures/001_849251cef8cea693.txt",
        "fixtures/003_49b22b13f22dc593.txt",
        "fixtures/004_9b2a86f56208a256.txt",
        "fixtures/extra/products_footnotes_layout.txt",
        "fixtures/extra/products_flat_two_pages.txt",
    ] {
        let text = std::fs::read_to_string(path).unwrap();
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(3001).collect();
        for &c in &cuts {
            check(&text[..c]);
            check(&text[c..]);
        }
    }
}

/// Throughput on the samples repeated (run with `--release -- --ignored`).
#[test]
#[ignore]
fn throughput() {
    let mut text = String::new();
    for f in std::fs::read_dir("fixtures").unwrap() {
        let p = f.unwrap().path();
        if p.is_file() {
            text.push_str(&std::fs::read_to_string(&p).unwrap());
        }
    }
    let text = text.repeat(20);
    let g = Ground::new(&text, false);
    // Warm up: compile the regexes once, as a batch run does.
    extract(&Ground::new("TT Sản phẩm\n", false));
    let t = std::time::Instant::now();
    let n = extract(&g).len();
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "{} bytes, {n} products, {:.1} MB/s",
        text.len(),
        text.len() as f64 / secs / 1e6
    );
}
