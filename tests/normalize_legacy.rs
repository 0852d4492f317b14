//! Whole-document tests: the sample documents re-encoded in each legacy damage
//! by `fixtures/legacy/make_fixtures.py` (independent encoders: glibc iconv,
//! GNU recode, Python codecs, the Unikey VNI table), repaired, compared with the clean text.

use baocao::normalize::{normalize, NormalizeOptions};

const DOCS: [&str; 5] = ["000", "001", "002", "003", "004"];

fn read(name: &str) -> String {
    let p = format!("{}/fixtures/legacy/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// (right, total) over the diacritic-bearing characters of `reference`,
/// comparing whitespace-separated tokens position by position.
fn score(reference: &str, repaired: &str) -> (usize, usize, Vec<String>) {
    let (mut right, mut total) = (0, 0);
    let mut wrong = Vec::new();
    let a: Vec<&str> = reference.split_whitespace().collect();
    let b: Vec<&str> = repaired.split_whitespace().collect();
    for (i, ta) in a.iter().enumerate() {
        let tb = b.get(i).copied().unwrap_or("");
        let cb: Vec<char> = tb.chars().collect();
        let mut bad = false;
        for (k, c) in ta.chars().enumerate() {
            if c.is_ascii() || !c.is_alphabetic() {
                continue;
            }
            total += 1;
            if cb.get(k) == Some(&c) {
                right += 1;
            } else {
                bad = true;
            }
        }
        if bad && wrong.len() < 15 {
            wrong.push(format!("{ta}≠{tb}"));
        }
    }
    (right, total, wrong)
}

fn check(code: &str, clean_code: &str, threshold: f64) {
    let opts = NormalizeOptions::default();
    let (mut right, mut total) = (0, 0);
    for doc in DOCS {
        let clean = read(&format!("{doc}.clean-{clean_code}.txt"));
        let damaged = read(&format!("{doc}.{code}.txt"));
        let reference = normalize(&clean, &opts).text;
        let n = normalize(&damaged, &opts);
        let (r, t, wrong) = score(&reference, &n.text);
        eprintln!(
            "{code} {doc}: {r}/{t} = {:.4}; quality {:?}; wrong: {wrong:?}",
            r as f64 / t as f64,
            n.quality
        );
        assert!(
            n.quality.before < 0.5,
            "{code} {doc}: damage not visible in the quality score"
        );
        right += r;
        total += t;
    }
    let acc = right as f64 / total as f64;
    eprintln!("{code}: {right}/{total} = {acc:.4}");
    assert!(acc >= threshold, "{code}: {acc:.4} < {threshold}");
}

#[test]
fn tcvn3_documents_are_restored() {
    check("tcvn3", "tcvn3", 0.995);
}

/// TCVN5712-1 as iconv writes it (VN1): toned capitals on 0x80..0x9F, where
/// Windows-1252 has punctuation (`Ủ` is `ž`, `Ạ` is `„`), and on C0 bytes.
#[test]
fn tcvn3_vn1_documents_are_restored() {
    check("tcvn3vn1", "tcvn3vn1", 0.995);
}

#[test]
fn vni_documents_are_restored() {
    check("vni", "vni", 0.995);
}

#[test]
fn viscii_documents_are_restored() {
    check("viscii", "viscii", 0.995);
}

/// VPS (GNU recode's encoder): shares its byte range, C0 capitals included,
/// with VISCII, and must not be taken for it, nor VISCII for VPS.
#[test]
fn vps_documents_are_restored() {
    check("vps", "vps", 0.995);
}

#[test]
fn cp1258_read_as_cp1252_is_restored() {
    check("cp1258", "cp1258", 0.995);
}

#[test]
fn utf8_read_as_cp1252_is_restored() {
    check("utf8", "utf8", 0.995);
}

#[test]
fn utf8_with_dropped_bytes_is_restored() {
    check("utf8drop", "utf8", 0.995);
}

/// Undefined bytes replaced by U+FFFD (`BÃ\u{FFFD}O` for `BÁO`): the mark goes
/// with the letter it stood in.
#[test]
fn utf8_with_replaced_bytes_is_restored() {
    check("utf8repl", "utf8", 0.995);
}

/// A Unicode header, a TCVN3 body and one VNI paragraph in the same file:
/// each run is decided on its own.
#[test]
fn mixed_document_is_decided_per_run() {
    let opts = NormalizeOptions::default();
    for doc in ["001", "004"] {
        let lines = |name: &str| -> Vec<String> {
            read(&format!("{doc}.{name}.txt"))
                .split('\n')
                .map(str::to_string)
                .collect()
        };
        let reference = |code: &str| -> Vec<String> {
            normalize(&read(&format!("{doc}.clean-{code}.txt")), &opts)
                .text
                .split('\n')
                .map(str::to_string)
                .collect()
        };
        let (uni, tcvn, vni) = (lines("clean-utf8"), lines("tcvn3"), lines("vni"));
        let (ref_uni, ref_tcvn, ref_vni) =
            (reference("utf8"), reference("tcvn3"), reference("vni"));
        let n = uni.len();
        let pick = |i: usize| -> usize {
            match i {
                _ if i < 12 => 0,
                _ if (n / 2..n / 2 + 40).contains(&i) => 2,
                _ => 1,
            }
        };
        let mixed: Vec<&str> = (0..n)
            .map(|i| [&uni[i], &tcvn[i], &vni[i]][pick(i)].as_str())
            .collect();
        let expected: Vec<&str> = (0..n)
            .map(|i| [&ref_uni[i], &ref_tcvn[i], &ref_vni[i]][pick(i)].as_str())
            .collect();
        let out = normalize(&mixed.join("\n"), &opts).text;
        let (r, t, wrong) = score(&expected.join("\n"), &out);
        let acc = r as f64 / t as f64;
        eprintln!("mixed {doc}: {r}/{t} = {acc:.4} {wrong:?}");
        assert!(acc >= 0.995, "mixed {doc}: {acc:.4}");
    }
}

/// No input makes normalize panic, and lines and form feeds are kept.
#[test]
fn arbitrary_text_keeps_its_lines() {
    let alphabet: Vec<char> = "aăâeêioôơuưyđĐbcdghklmnpqrstvxAĂÂEÊIOƠƯ \u{a0}  \t\n\u{c}-.,;:“”‘’…–—•«»()/0123456789àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ\u{300}\u{301}\u{302}\u{303}\u{309}\u{323}\u{31b}ƣƢ\u{F0B7}ÐðÃÆÄ¡¢£¤¥¦§¨©ª«¬\u{ad}®¯°±²³´µ¶·¸¹º»¼½¾¿×÷€‚ƒ„†‡ˆ‰Š‹ŒŽ™š›œžŸ\u{81}\u{8d}\u{90}\u{9d}Ω中"
        .chars()
        .collect();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let opts = NormalizeOptions::default();
    for _ in 0..3000 {
        let len = (next() % 60) as usize;
        let s: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let n = normalize(&s, &opts);
        assert_eq!(
            n.text.matches('\n').count(),
            s.matches('\n').count(),
            "{s:?}"
        );
        assert_eq!(
            n.text.matches('\u{c}').count(),
            s.matches('\u{c}').count(),
            "{s:?}"
        );
        for w in &n.warnings {
            let (a, b) = (w.start.unwrap_or(0), w.end.unwrap_or(0));
            assert!(
                a <= b && n.text.get(a..b).is_some(),
                "{s:?}: bad span {a}..{b}"
            );
        }
        assert!((0.0..=1.0).contains(&n.quality.after));
    }
}
