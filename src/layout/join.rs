//! When two printed lines are one paragraph.
//!
//! Joining is only done where the evidence is strong: the first line fills the
//! page width (it was wrapped, not ended), and the second does not start
//! anything of its own (heading, bullet, signature, table cell). Short lines are
//! never joined: that keeps tables flattened one cell per line intact, as well
//! as titles, signature blocks and addresses.

use std::sync::LazyLock;

use regex::Regex;

/// Starts of lines that begin something of their own. Each entry is a regex
/// fragment matched at the start of the line's content.
const BLOCK_STARTS: &[&str] = &[
    // Roman-numeral headings: `I.`, `IV.`, `II -`.
    r"[IVXLC]{1,6}\s*[.\-–]\s",
    // Numbered headings and list items: `1.`, `2.1.`, `2.1`, `3)`.
    r"\d{1,2}(?:\.\d{1,2})*\.(?:\s|$)",
    r"\d{1,2}(?:\.\d{1,2})+\s",
    r"\d{1,2}\)",
    // Lettered items: `a)`, `đ)`, `b.`, `A.`, `(1)`, `(a)`.
    r"[a-zđ][).](?:\s|$)",
    r"[A-ZĐ]\.\s",
    r"\((?:\d{1,2}|[a-zđ]|[ivx]{1,4})\)",
    // Parts, chapters, articles.
    r"(?i:phần thứ)\s",
    r"(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:[IVXLC]+|\d+)(?:[\s.:]|$)",
    r"(?:Điều|ĐIỀU)\s+\d+",
    // Bullets.
    r"[-+*•–—·▪●○◦►➢✓]",
    // Signature block, recipients, preamble and header lines.
    r"(?:KT|TM|T/M|TL|TUQ|Q)\s*\.",
    r"T/M\s",
    r"(?:PHÓ CHỦ TỊCH|CHỦ TỊCH|PHÓ BÍ THƯ|BÍ THƯ|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TRƯỞNG BAN|TRƯỞNG PHÒNG)(?:[\s,.;:]|$)",
    r"(?i:nơi nhận)",
    r"(?:Kính gửi|Căn cứ|Số\s*:)",
];

static BLOCK_START: LazyLock<Regex> = LazyLock::new(|| {
    // Footnote bodies already written as Markdown (`[^3]: ...`).
    let body = format!("{}:", crate::text::notes::MARKER_PATTERN);
    let alt = BLOCK_STARTS.join("|") + "|" + &body;
    Regex::new(&format!("^(?:{alt})")).expect("block-start patterns are valid")
});

/// A bullet whose text starts lower-case right after a wrapped line is the
/// second half of a hyphenated phrase (`chính trị` / `- xã hội`), not an item.
static DASH_CONTINUATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-–]\s*\p{Ll}").expect("valid"));

/// Lines that must not take the next line into themselves.
static NO_JOIN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?i:nơi nhận)|(?:KT|TM|TL|TUQ)\s*\.|T/M\s|(?:PHÓ CHỦ TỊCH|CHỦ TỊCH|BÍ THƯ|GIÁM ĐỐC)(?:[\s,.;:]|$)|Số\s*:)",
    )
    .expect("valid")
});

/// The first two characters of every match of [`NO_JOIN_AFTER`] (`nơi
/// nhận` in any case, `KT`, `TM`, `TL`, `TUQ`, `T/M`, `PHÓ`, `CHỦ`, `BÍ`,
/// `GIÁM`, `Số`): most lines start otherwise (`Thực hiện`, `Các`), and the
/// pattern check costs more than this one.
const NO_JOIN_STARTS: &[&str] = &[
    "nơ", "nƠ", "Nơ", "NƠ", "KT", "TM", "TL", "TU", "T/", "PH", "CH", "BÍ", "GI", "Số",
];

/// Does this line start a heading, item, bullet or block of its own?
pub(crate) fn starts_block(s: &str) -> bool {
    // Lines that start in lower case are most of the lines asked about (a
    // wrapped sentence goes on); of [`BLOCK_STARTS`] only lettered items
    // (`a)`, `đ.`) and the case-blind `phần thứ` and `nơi nhận` can match
    // them, so the rest skip the regex.
    let mut cs = s.chars();
    if let Some(c) = cs.next().filter(|c| c.is_lowercase()) {
        let lettered = (c.is_ascii_lowercase() || c == 'đ') && matches!(cs.next(), Some(')' | '.'));
        if !lettered && c != 'p' && c != 'n' {
            return false;
        }
    }
    BLOCK_START.is_match(s)
}

/// Sentence-ending punctuation at the end of a line.
fn ends_terminal(s: &str) -> bool {
    s.ends_with(['.', ';', ':', '!', '?'])
}

/// Mostly upper-case letters (headings set in capitals are wider per
/// character, so they wrap with fewer characters). Stops at the first sign of
/// ordinary text, so it is cheap on prose.
fn is_caps(s: &str) -> bool {
    let mut upper = 0usize;
    let mut lower = 0usize;
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_uppercase() {
                upper += 1;
            } else if c.is_ascii_lowercase() {
                lower += 1;
            }
        } else if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
        if lower > 0 && lower * 9 > upper {
            return false;
        }
    }
    upper + lower >= 4 && upper >= lower * 9
}

/// Should line `b` continue line `a` (both contents, no table rows) in text
/// wrapped at `width` characters? `a_chars` is `a`'s length in characters;
/// `in_parens` says the paragraph so far has an unclosed `(`, where a dash at
/// the start of a line is punctuation, not a bullet.
pub(crate) fn should_join(a: &str, a_chars: usize, b: &str, width: usize, in_parens: bool) -> bool {
    // (`memchr`: `str::contains` of a char looks a word at a time, and this
    // runs for every pair of lines.)
    let tab = |s: &str| memchr::memchr(b'\t', s.as_bytes()).is_some();
    if a.is_empty() || b.is_empty() || tab(a) || tab(b) {
        return false;
    }
    let full = a_chars * 4 >= width * 3 && a_chars * 10 <= width * 13;
    // Neither full nor a caps heading that may go on: every answer below is
    // no, so the pattern checks are skipped.
    if !full && (a_chars * 2 < width || ends_terminal(a) || !is_caps(a)) {
        return false;
    }
    if NO_JOIN_STARTS.iter().any(|p| a.starts_with(p)) && NO_JOIN_AFTER.is_match(a) {
        return false;
    }
    if starts_block(b) {
        // Only a dash can continue a wrapped line: the `chính trị` / `- xã hội`
        // case, or a dash inside an open parenthesis.
        let dash = b.starts_with(['-', '–']);
        return full
            && dash
            && !a.ends_with([',', '.', ';', ':', '!', '?'])
            && (in_parens || DASH_CONTINUATION.is_match(b));
    }
    let caps = !full && a_chars * 2 >= width && !ends_terminal(a) && is_caps(a) && is_caps(b);
    if !(full || caps) {
        return false;
    }
    if ends_terminal(a) && !super::lines::starts_lowercase(b) {
        return false;
    }
    !a.ends_with("./.")
}

/// Is this line short enough to be a table cell, a title line or a signature
/// line (where a run of blank lines is not a paragraph break)?
/// Whether `a` ends in a code or number cut at its hyphen (`09-`, `90/KH-`,
/// `2021-`) and `b` starts with the rest of it (`NQ/HU`, `UBND`, `2025`):
/// such a break joins without a space. A spaced dash (`chính trị -`) or a
/// lower-case word after it is prose, not a code.
pub(crate) fn continues_code(a: &str, b: &str) -> bool {
    let a = a.trim_end();
    let Some(before) = a.strip_suffix('-') else {
        return false;
    };
    let Some(last) = before.chars().last() else {
        return false;
    };
    if !(last.is_ascii_digit() || last.is_uppercase()) {
        return false;
    }
    let token: &str = b
        .trim_start()
        .split(char::is_whitespace)
        .next()
        .unwrap_or("");
    let core = token.trim_end_matches([',', '.', ';', ':', ')']);
    !core.is_empty()
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_uppercase() || matches!(c, '/' | '-' | '.'))
        && core.chars().any(|c| c.is_ascii_digit() || c.is_uppercase())
}

pub(crate) fn is_short(chars: usize, width: usize) -> bool {
    chars * 10 < width * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: usize = 80;

    fn j(a: &str, b: &str) -> bool {
        should_join(a, a.chars().count(), b, W, false)
    }

    #[test]
    fn no_join_starts_cover_the_pattern() {
        for s in [
            "Nơi nhận:",
            "NƠI NHẬN:",
            "nơi nhận",
            "KT. CHỦ TỊCH",
            "TM . UBND",
            "TL.",
            "TUQ.",
            "T/M ĐẢNG ỦY",
            "PHÓ CHỦ TỊCH",
            "CHỦ TỊCH",
            "BÍ THƯ",
            "GIÁM ĐỐC",
            "Số: 12",
        ] {
            assert!(NO_JOIN_AFTER.is_match(s), "{s}");
            assert!(NO_JOIN_STARTS.iter().any(|p| s.starts_with(p)), "{s}");
        }
    }

    #[test]
    fn codes_cut_at_a_hyphen_join_without_space() {
        assert!(continues_code("Nghị quyết số 09-", "NQ/HU của Ban"));
        assert!(continues_code("Kế hoạch số 90/KH-", "UBND ngày 24/4/2024"));
        assert!(continues_code("giai đoạn 2021-", "2025, định hướng"));
        assert!(!continues_code("chính trị -", "xã hội"));
        assert!(!continues_code("tổ chức chính trị-", "xã hội"));
        assert!(!continues_code("Nghị quyết số 09", "NQ/HU"));
    }

    #[test]
    fn block_starts() {
        for s in [
            "I. Kết quả",
            "IV. NỘI DUNG",
            "1. Công tác",
            "2.1. Triển khai",
            "2.1 Triển khai",
            "a) Thuận lợi",
            "(1) Sản phẩm",
            "A. KẾT QUẢ",
            "Phần thứ nhất",
            "Điều 1. Phạm vi",
            "- Ban hành",
            "+ Kinh phí",
            "* Thời gian",
            "Nơi nhận:",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "[^3]: Đơn vị",
            "1. 1 Yến rút lông nguyên tổ",
        ] {
            assert!(starts_block(s), "{s}");
        }
        for s in [
            "năm 2025 trên địa bàn",
            "2019 về Phê duyệt",
            "08 sản phẩm OCOP",
            "24/02/2023 của Thủ tướng",
            "2.038/2.102 đồng chí",
            "Culaore",
            "(Chương trình mục tiêu quốc gia",
            "Mục tiêu chung",
        ] {
            assert!(!starts_block(s), "{s}");
        }
    }

    #[test]
    fn joins_wrapped_prose() {
        assert!(j(
            "còn thiếu chiều sâu, hiệu quả nên người dân chưa thực sự vào cuộc quyết liệt, đặc",
            "biệt là trong công tác chỉnh trang cảnh quan"
        ));
        // A wrapped heading continues on the next line.
        assert!(j(
            "2. Công tác tuyên truyền, đào tạo, tập huấn, tham quan học tập kinh",
            "nghiệm:"
        ));
        // Capitals wrap early.
        assert!(j(
            "II. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH",
            "OCOP TRÊN ĐỊA BÀN ĐẾN NGÀY 30/9/2025"
        ));
        // Hyphenated phrase split before its dash.
        assert!(j(
            "1. Các cấp ủy, tổ chức Đảng, chính quyền, Mặt trận và các tổ chức chính trị",
            "- xã hội tiếp tục quán triệt, tuyên truyền sâu rộng"
        ));
    }

    #[test]
    fn keeps_lines_apart() {
        // Short line: table cell / title / signature.
        assert!(!j("Số 38 đường", "Chu Văn An,"));
        assert!(!j("Chu Văn An,", "phường"));
        assert!(!j("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"));
        // Next line is a bullet or heading.
        assert!(!j(
            "- Hỗ trợ các cơ sở OCOP tham gia quảng bá, bán hàng trên các nền tảng số",
            "- Chỉ đạo, hỗ trợ các cơ sở OCOP tham gia trưng bày sản phẩm"
        ));
        assert!(!j(
            "Thành phố và Uỷ ban nhân dân xã, phường triển khai thực hiện Chương trình OCOP.",
            "2. Công tác triển khai thực hiện mô hình chỉ đạo điểm"
        ));
        // A full line that ends a sentence, next starts a new one.
        assert!(!j(
            "yêu cầu, điều kiện theo Bộ tiêu chí sản phẩm OCOP nên hạn chế sản phẩm tham gia.",
            "Sản phẩm đạt OCOP chưa được hưởng quyền lợi do các chính sách hỗ trợ"
        ));
        // A dash inside an open parenthesis continues the phrase.
        let a = "đồng để thực hiện phát triển, xây dựng hồ sơ 03 sản phẩm (Táo sấy dẻo Đất Nắng -";
        let b = "Chi nhánh Công ty TNHH Đất Nắng - Phước Hậu; Táo tươi Ba Khoa - HTX Ba Khoa";
        assert!(j(a, b));
        let a2 = "Chi nhánh Công ty TNHH Đất Nắng - Phước Hậu; Táo tươi Ba Khoa - HTX Ba Khoa";
        let b2 = "- Phước Thuận; Măng Tây xanh - HTX Tuấn Tú - An Hải).";
        assert!(!j(a2, b2));
        assert!(should_join(a2, a2.chars().count(), b2, W, true));
        // Table rows.
        assert!(!j(
            "1\tNguyễn Nghiêm\tDầu phụng",
            "2\tNguyễn Nghiêm\tBột sắn dây"
        ));
        // Recipients.
        assert!(!j(
            "Nơi nhận: các cơ quan, đơn vị và cá nhân có liên quan trong toàn tỉnh",
            "Sở NN&PTNT"
        ));
    }
}
