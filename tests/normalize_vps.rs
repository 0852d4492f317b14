//! VPS read as Windows-1252, line by line through `normalize`: repaired when
//! it can be told apart from VISCII (and the other codes), left alone with a
//! warning when it cannot, and never taken for VISCII or TCVN3 text.
//!
//! The damaged strings were made by an encoder written in Python from GNU
//! recode's VPS table (`recode -lf VPS`, Ỗ at 0x99 from Unikey's table), the
//! VISCII and TCVN3 ones by glibc `iconv`; all read back as Windows-1252.

use baocao::normalize::{normalize, NormalizeOptions, Normalized};

fn norm(s: &str) -> Normalized {
    normalize(s, &NormalizeOptions::default())
}

fn kinds(n: &Normalized) -> Vec<&str> {
    n.repairs.iter().map(|r| r.kind.as_str()).collect()
}

#[test]
fn vps_lines_are_repaired() {
    for (damaged, clean) in [
        ("ChÜÖng trình", "Chương trình"),
        ("Ñy ban nhân dân", "Ủy ban nhân dân"),
        ("ñ¶c lÆp - T¿ do - Hånh phúc", "Độc lập - Tự do - Hạnh phúc"),
        (
            "C\u{12}NG H¼A X‚ H\u{12}I CHÑ NGH¸A VI\u{6}T NAM",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ),
        (
            "H™ TR\u{13} PHÁT TRI”N S\u{81}N PH…M",
            "HỖ TRỢ PHÁT TRIỂN SẢN PHẨM",
        ),
        (
            "K‰t quä th¿c hiŒn ChÜÖng trình m‡i xã m¶t sän phÄm",
            "Kết quả thực hiện Chương trình mỗi xã một sản phẩm",
        ),
        // `k‰t` reads `kẸt` in VISCII: a capital inside a word.
        ("SÖ k‰t", "Sơ kết"),
    ] {
        let n = norm(damaged);
        assert_eq!(n.text, clean, "{damaged:?}");
        assert!(
            kinds(&n).contains(&"legacy_vps"),
            "{damaged:?}: {:?}",
            kinds(&n)
        );
        assert!(n.warnings.is_empty(), "{damaged:?}: {:?}", n.warnings);
    }
}

#[test]
fn a_vps_document_with_a_unicode_header() {
    let s = "ỦY BAN NHÂN DÂN\nC\u{12}NG H¼A X‚ H\u{12}I CHÑ NGH¸A VI\u{6}T NAM\nñ¶c lÆp - T¿ do - Hånh phúc\n\nK‰t quä th¿c hiŒn ChÜÖng trình m‡i xã m¶t sän phÄm\n";
    let n = norm(s);
    assert_eq!(
        n.text,
        "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nKết quả thực hiện Chương trình mỗi xã một sản phẩm\n"
    );
    assert_eq!(n.quality.after, 1.0);
}

#[test]
fn viscii_and_tcvn3_are_not_read_as_vps() {
    for (damaged, clean, kind) in [
        ("Chß½ng trình", "Chương trình", "legacy_viscii"),
        (
            "Ðµc l§p - Tñ do - HÕnh phúc",
            "Độc lập - Tự do - Hạnh phúc",
            "legacy_viscii",
        ),
        (
            "C“NG HÒA XÃ H“I CHœ NGHÎA VIŽT NAM",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "legacy_viscii",
        ),
        (
            "Kªt quä thñc hi®n Chß½ng trình m²i xã mµt sän ph¦m",
            "Kết quả thực hiện Chương trình mỗi xã một sản phẩm",
            "legacy_viscii",
        ),
        (
            "§éc lËp - Tù do - H¹nh phóc",
            "Độc lập - Tự do - Hạnh phúc",
            "legacy_tcvn3",
        ),
        (
            "KÕt qu¶ thùc hiÖn Ch\u{ad}¬ng tr×nh mçi x· mét s¶n phÈm",
            "Kết quả thực hiện Chương trình mỗi xã một sản phẩm",
            "legacy_tcvn3",
        ),
    ] {
        let n = norm(damaged);
        assert_eq!(n.text, clean, "{damaged:?}");
        assert_eq!(kinds(&n), vec![kind], "{damaged:?}");
    }
}

/// `cûa` is `của` in VPS and `cũa` in VISCII, both well-formed, and no other
/// code reads it: alone, it is left as it is, with a warning over the line.
#[test]
fn a_tie_is_not_guessed() {
    let s = "Trang 1\ncûa\n";
    let n = norm(s);
    assert_eq!(n.text, s);
    assert!(n.repairs.is_empty(), "{:?}", n.repairs);
    assert_eq!(n.warnings.len(), 1, "{:?}", n.warnings);
    let w = &n.warnings[0];
    assert_eq!(w.kind, "legacy_ambiguous");
    assert_eq!(&n.text[w.start.unwrap()..w.end.unwrap()], "cûa");
}

/// The same tie inside a document follows the document's dominant code.
#[test]
fn a_tie_follows_the_dominant_code() {
    let vps = norm("K‰t quä th¿c hiŒn ChÜÖng trình\ncûa\n");
    assert_eq!(vps.text, "Kết quả thực hiện Chương trình\ncủa\n");
    assert!(vps.warnings.is_empty(), "{:?}", vps.warnings);
    // In a VISCII document the bytes say `cũa` (a typo there, but VISCII's).
    let viscii = norm("Kªt quä thñc hi®n Chß½ng trình\ncûa\n");
    assert_eq!(viscii.text, "Kết quả thực hiện Chương trình\ncũa\n");
    assert!(viscii.warnings.is_empty(), "{:?}", viscii.warnings);
}

#[test]
fn negative_examples_are_unchanged() {
    for s in [
        "users door tax boss A4 H5N1 m2 ®2024 Ơ ờ",
        "The committee approved the report on rural development in 2023.",
        "Brand™ products “quoted” – €5 ‘each’ … 50% off",
        "Mã sản phẩm: OCOP-2023-ST-015, A4, m2, ISO 9001:2015",
        "Kết quả thực hiện Chương trình OCOP 06 tháng đầu năm 2023",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Café au lait, naïve résumé, São Paulo, Ångström, Øresund",
        "Tab\tseparated\u{c}form feed",
    ] {
        let n = norm(s);
        assert_eq!(n.text, s);
        assert!(n.repairs.is_empty(), "{s:?}: {:?}", n.repairs);
        assert!(n.warnings.is_empty(), "{s:?}: {:?}", n.warnings);
    }
}

fn fixture(name: &str) -> String {
    let p = format!("{}/fixtures/legacy/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// A VISCII document with one block of VPS lines, and the other way round
/// (whole sample documents, see `fixtures/legacy/make_fixtures.py`): each
/// run is read in its own code, line for line.
#[test]
fn vps_and_viscii_runs_in_one_document() {
    for (body, inner) in [("viscii", "vps"), ("vps", "viscii")] {
        for doc in ["001", "004"] {
            let lines = |code: &str| -> Vec<String> {
                fixture(&format!("{doc}.{code}.txt"))
                    .split('\n')
                    .map(str::to_string)
                    .collect()
            };
            let (outer, block_lines) = (lines(body), lines(inner));
            // The two clean references are the same text (both codes write
            // every letter).
            let clean = norm(&fixture(&format!("{doc}.clean-vps.txt"))).text;
            let n = outer.len();
            let block = n / 3..n / 3 + 60;
            let mixed: Vec<&str> = (0..n)
                .map(|i| {
                    if block.contains(&i) {
                        block_lines[i].as_str()
                    } else {
                        outer[i].as_str()
                    }
                })
                .collect();
            let out = norm(&mixed.join("\n"));
            let (mut right, mut total) = (0, 0);
            for (a, b) in clean.split('\n').zip(out.text.split('\n')) {
                for (x, y) in a.chars().zip(b.chars()) {
                    if !x.is_ascii() && x.is_alphabetic() {
                        total += 1;
                        right += usize::from(x == y);
                    }
                }
            }
            let acc = right as f64 / total as f64;
            eprintln!("{inner} inside {body} {doc}: {right}/{total} = {acc:.4}");
            assert!(acc >= 0.995, "{inner} inside {body} {doc}: {acc:.4}");
            let kinds = kinds(&out);
            assert!(
                kinds.contains(&"legacy_vps") && kinds.contains(&"legacy_viscii"),
                "{kinds:?}"
            );
        }
    }
}
