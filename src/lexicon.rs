//! Vietnamese administrative vocabulary, as data.
//!
//! Shared by the stages that need it (structure for the document type,
//! extract for reference kinds, products for localities), so that the
//! knowledge lives in one table rather than in scattered conditions.

/// A kind of legal/administrative document.
pub struct DocKind {
    /// Contract slug (`quyet_dinh`).
    pub slug: &'static str,
    /// How the kind is written in running text, longest first where one
    /// is a prefix of another (`"Chương trình hành động"` before `"Chương trình"`).
    pub labels: &'static [&'static str],
    /// Abbreviations that stand for the kind inside document numbers (`QĐ` in `919/QĐ-TTg`).
    pub codes: &'static [&'static str],
    /// Whether a document's own header may carry this type (`metadata.doc_type`).
    pub is_header_type: bool,
}

/// Document kinds, in the order they should be tried.
pub const DOC_KINDS: &[DocKind] = &[
    DocKind {
        slug: "quyet_dinh",
        labels: &["Quyết định"],
        codes: &["QĐ"],
        is_header_type: true,
    },
    DocKind {
        slug: "nghi_quyet",
        labels: &["Nghị quyết"],
        codes: &["NQ"],
        is_header_type: true,
    },
    DocKind {
        slug: "ke_hoach",
        labels: &["Kế hoạch"],
        codes: &["KH"],
        is_header_type: true,
    },
    DocKind {
        slug: "cong_van",
        labels: &["Công văn"],
        codes: &["CV"],
        is_header_type: true,
    },
    DocKind {
        slug: "van_ban",
        labels: &["Văn bản"],
        codes: &[],
        is_header_type: false,
    },
    DocKind {
        slug: "thong_tu",
        labels: &["Thông tư liên tịch", "Thông tư"],
        codes: &["TT", "TTLT"],
        is_header_type: false,
    },
    DocKind {
        slug: "nghi_dinh",
        labels: &["Nghị định"],
        codes: &["NĐ"],
        is_header_type: false,
    },
    DocKind {
        slug: "chi_thi",
        labels: &["Chỉ thị"],
        codes: &["CT"],
        is_header_type: false,
    },
    DocKind {
        slug: "thong_bao",
        labels: &["Thông báo kết luận", "Thông báo"],
        codes: &["TB"],
        is_header_type: true,
    },
    DocKind {
        slug: "bao_cao",
        labels: &["Báo cáo"],
        codes: &["BC"],
        is_header_type: true,
    },
    DocKind {
        slug: "to_trinh",
        labels: &["Tờ trình"],
        codes: &["TTr"],
        is_header_type: true,
    },
    DocKind {
        slug: "chuong_trinh",
        labels: &["Chương trình hành động", "Chương trình"],
        codes: &["CTr"],
        is_header_type: true,
    },
    DocKind {
        slug: "huong_dan",
        labels: &["Hướng dẫn"],
        codes: &["HD"],
        is_header_type: false,
    },
    DocKind {
        slug: "luat",
        labels: &["Luật"],
        codes: &[],
        is_header_type: false,
    },
    // Numbered documents of other kinds, cited like the above
    // ("Kết luận số 88-KL/HU", "Quy định số 08-QĐi/TW", "Đề án số 02-ĐA/HU",
    // "Công điện 207/CĐ-TTg").
    DocKind {
        slug: "other",
        labels: &["Kết luận", "Quy định", "Đề án", "Công điện"],
        codes: &["KL", "QĐi", "ĐA", "CĐ"],
        is_header_type: false,
    },
];

/// Issuer codes that stand after the kind in document numbers (`TTg` in
/// `919/QĐ-TTg`, `UBND` in `56/KH-UBND`, `HU` in `09-NQ/HU`): the national
/// bodies, and the usual codes of provincial and local offices. Not every
/// code a document may carry (a local office's code is its own), only those
/// common enough to repair an OCR misreading against.
#[rustfmt::skip]
pub const ISSUER_CODES: &[&str] = &[
    // Government, Prime Minister, National Assembly, Party centre (`BCT`
    // is also the Ministry of Industry and Trade).
    "TTg", "CP", "VPCP", "QH", "UBTVQH", "TW", "BCT", "BCTW",
    // Ministries.
    "BTC", "BNV", "BCA", "BQP", "BNG", "BTP", "BYT", "BXD", "BTTTT", "BKHĐT", "BKHCN",
    "BTNMT", "BGTVT", "BGDĐT", "BNNPTNT", "BLĐTBXH", "BVHTTDL", "NHNN", "TTCP", "KTNN",
    // Provinces, districts, communes; Party committees and bodies.
    "UBND", "HĐND", "UBMTTQ", "MTTQ", "TU", "HU", "ĐU", "TƯ", "BCĐ", "BTV", "BCH", "VP",
    "VPUB", "BQL",
    // Provincial departments.
    "SNV", "STC", "SKHĐT", "SNN", "SNNPTNT", "SCT", "SYT", "SXD", "STP", "STNMT", "SGDĐT",
    "SGTVT", "SLĐTBXH", "SVHTTDL", "STTTT", "SKHCN",
];

/// Every code a document number may carry: kinds' and issuers'.
pub fn document_codes() -> impl Iterator<Item = &'static str> {
    DOC_KINDS
        .iter()
        .flat_map(|k| k.codes.iter().copied())
        .chain(ISSUER_CODES.iter().copied())
}

/// Look a kind up by its slug.
pub fn doc_kind(slug: &str) -> Option<&'static DocKind> {
    DOC_KINDS.iter().find(|k| k.slug == slug)
}

/// Administrative levels: the word as written (lowercase) and the contract slug.
pub const LOCALITY_LEVELS: &[(&str, &str)] = &[
    ("thành phố", "thanh_pho"),
    ("thị trấn", "thi_tran"),
    ("thị xã", "thi_xa"),
    ("phường", "phuong"),
    ("huyện", "huyen"),
    ("tỉnh", "tinh"),
    ("xã", "xa"),
];

/// Levels of the lowest administrative unit (a commune report's own level).
pub const COMMUNE_LEVELS: &[&str] = &["xa", "phuong", "thi_tran"];

/// Levels of the unit above a commune (a district report's own level).
pub const DISTRICT_LEVELS: &[&str] = &["huyen", "thi_xa", "thanh_pho"];

/// How [`level_pattern`] writes each level word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelCase {
    /// As in the table: `thị xã` (for `(?i:...)` patterns).
    Lower,
    /// First letter capital: `Thị xã` (a heading or list item).
    Capital,
    /// All capitals: `THỊ XÃ` (a header line).
    Upper,
}

/// The level words of the given slugs (all levels when `slugs` is empty) as
/// a regex alternation without a group, in the table's order, the words of
/// a level joined by `space` (a regex: `" "`, `r"\s+"`). Patterns that name
/// levels are built from [`LOCALITY_LEVELS`] with this, so a level is added
/// or spelled in one place.
pub fn level_pattern(slugs: &[&str], case: LevelCase, space: &str) -> String {
    LOCALITY_LEVELS
        .iter()
        .filter(|(_, slug)| slugs.is_empty() || slugs.contains(slug))
        .map(|(word, _)| {
            let word = match case {
                LevelCase::Lower => word.to_string(),
                LevelCase::Upper => word.to_uppercase(),
                LevelCase::Capital => {
                    let mut c = word.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
            };
            word.split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(space)
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Roman numeral of `n` (1..=3999).
pub fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, sym) in TABLE {
        while n >= v {
            out.push_str(sym);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_patterns_are_built_from_the_table() {
        assert_eq!(
            level_pattern(&[], LevelCase::Lower, r"\s+"),
            r"thành\s+phố|thị\s+trấn|thị\s+xã|phường|huyện|tỉnh|xã"
        );
        assert_eq!(
            level_pattern(COMMUNE_LEVELS, LevelCase::Capital, " "),
            "Thị trấn|Phường|Xã"
        );
        assert_eq!(
            level_pattern(DISTRICT_LEVELS, LevelCase::Upper, " "),
            "THÀNH PHỐ|THỊ XÃ|HUYỆN"
        );
    }

    #[test]
    fn longer_labels_come_first() {
        for k in DOC_KINDS {
            for (i, a) in k.labels.iter().enumerate() {
                for b in &k.labels[i + 1..] {
                    assert!(!b.starts_with(a), "{b} must come before {a}");
                }
            }
        }
        assert_eq!(doc_kind("bao_cao").map(|k| k.codes), Some(&["BC"][..]));
    }
}
