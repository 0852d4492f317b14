//! Vocabulary of the extract stage, as data.
//!
//! Unit nouns for counts, scale words for money, approximation words, the
//! words that end an issuer phrase, the heads of a money label. Kept here so
//! that extending coverage is adding a row, not a condition.

/// Counted nouns, lowercase, words separated by one space. Longer entries
/// first where one is a prefix of another (`"lớp tập huấn"` before `"lớp"`),
/// because the pattern built from this list takes the first alternative that
/// matches.
pub const COUNT_UNITS: &[&str] = &[
    "sản phẩm",
    "sp",
    "chủ thể",
    "xã",
    "phường",
    "huyện",
    "thị xã",
    "tỉnh",
    "đơn vị",
    "thị trấn",
    "thôn",
    "khu phố",
    "tổ dân phố",
    "làng nghề",
    "hộ gia đình",
    "hộ kinh doanh",
    "hộ",
    "lượt người",
    "lượt khách",
    "lượt cán bộ",
    "lượt hộ",
    "lượt học viên",
    "lượt đại biểu",
    "lượt",
    "người",
    "đồng chí",
    "đảng viên",
    "đảng ủy",
    "chi bộ",
    "cán bộ",
    "công chức",
    "viên chức",
    "học viên",
    "lao động",
    "thành viên",
    "tổ chức",
    "tổ hợp tác",
    "lớp tập huấn",
    "lớp đào tạo",
    "lớp",
    "bản tin",
    "bản",
    "tin bài",
    "bài",
    "doanh nghiệp",
    "hợp tác xã",
    "htx",
    "cơ sở sản xuất",
    "cơ sở",
    "điểm du lịch",
    "điểm",
    "mã vùng",
    "vùng",
    "mã",
    "hội chợ",
    "hội nghị",
    "hội thảo",
    "cuộc",
    "đoàn",
    "ngành hàng",
    "bước",
    "dự án",
    "mô hình",
    "trang trại",
    "gian hàng",
    "nhóm",
    "tiêu chí",
    "văn bản",
    "hồ sơ",
];

/// Count units that also measure scores: `2 điểm bán` are two points of
/// sale, `22 điểm khảo sát` in a paragraph that states `60,5/61,5 điểm` are
/// twenty-two points of a score. Such a unit alone is not a count in a
/// paragraph that gives it a score (a fraction or a decimal).
pub const SCORE_UNITS: &[&str] = &["điểm"];

/// Words that make a number the name or address of something rather than a
/// quantity when they stand right before it (`Tổ 10`, `Lô 12`, `số 38`).
pub const NOT_COUNT_BEFORE: &[&str] = &[
    "số",
    "tổ",
    "lô",
    "khu",
    "thôn",
    "ấp",
    "tdp",
    "đợt",
    "khóa",
    "khoá",
    "phòng",
    "đường",
    "quý",
    "tháng",
    "năm",
    "ngày",
    "lần",
    "điều",
    "khoản",
    "mục",
    "phần",
    "chương",
    "bảng",
    "lục",
    "cấp",
    "nhóm",
    "loại",
    "km",
    "phố",
    "xóm",
];

/// First words after a number that make it a measure, a time, a level or a
/// rank rather than a count of things, for counted nouns outside
/// [`COUNT_UNITS`] (the open vocabulary of [`super::open_counts`]): times
/// (`06 tháng`), measures (`5 ha`), money scales, score and level words
/// (`3 sao`, `chính quyền 02 cấp`), frequencies (`2 lần`), and function words
/// that show no noun follows (`năm 2025 và`).
pub const NOT_OPEN_UNITS: &[&str] = &[
    // time
    "năm", "tháng", "ngày", "tuần", "giờ", "phút", "giây", "quý", "tuổi", "buổi", "đêm",
    // measures
    "ha", "km", "m", "m2", "m3", "cm", "mm", "kg", "g", "tấn", "tạ", "yến", "lít", "kw", "kwh",
    "mw", "độ", "héc", "mét", "phần", // money
    "đồng", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "trăm", "chục", "usd", "vnd", "vnđ", "đ",
    // scores, levels, ranks, frequencies
    "điểm", "sao", "cấp", "hạng", "bậc", "mức", "lần", "thứ",
    // function words: no noun follows
    "và", "của", "là", "có", "được", "đã", "với", "trong", "tại", "theo", "cho", "các", "những",
    "từ", "đến", "tới", "trên", "dưới", "này", "đó", "để", "do", "về", "đạt", "hoặc", "hay",
    "nhưng", "không", "chưa", "cũng", "vào", "ra", "sau", "trước", "bị", "gồm", "còn", "thì", "mà",
    "khi", "ở", "nhằm", "qua", "so", "bằng", "chiếm", "tăng", "giảm", "trở", "lên", "xuống", "nay",
    "hết", "triển", "ban", "thực", "như", "kể",
    // comparisons and verbs that follow a bare figure
    "thấp", "cao", "hơn", "nhiều", "ít", "lớn", "nhỏ", "vượt", "tiếp",
];

/// Words that end a counted noun phrase of the open vocabulary after its first
/// word: `14 sở thuộc ...` counts `sở`, not `sở thuộc`.
pub const OPEN_UNIT_STOPS: &[&str] = &[
    "và", "của", "là", "có", "được", "đã", "đang", "sẽ", "với", "trong", "tại", "theo", "cho",
    "các", "những", "từ", "đến", "tới", "trên", "dưới", "này", "đó", "để", "do", "về", "đạt",
    "hoặc", "hay", "nhưng", "không", "chưa", "cũng", "vào", "ra", "sau", "trước", "bị", "gồm",
    "mới", "còn", "cần", "phải", "thì", "mà", "khi", "ở", "nhằm", "qua", "thuộc", "chịu", "đều",
    "xếp", "nộp", "mỗi", "tham", "chiếm", "năm", "tháng", "ngày", "quý", "như", "cùng", "đi",
    "trở", "lên", "nữa", "khác", "kể",
];

/// Words right before a number that make it a name, a rank or a reference
/// number for the open vocabulary (in addition to [`NOT_COUNT_BEFORE`]; whole
/// words, one or two):
/// `xếp hạng 48`, `Quyết định 2405 ...`, `Công điện 232 ...`, `top 10`.
pub const NOT_OPEN_COUNT_BEFORE: &[&str] = &[
    "hạng",
    "thứ",
    "top",
    "luật",
    "lệnh",
    "mẫu",
    "biểu",
    "lục",
    "hiệu",
    "mã",
    "ký",
    "kí",
    "trang",
    "câu",
    "đoạn",
    "quyết định",
    "nghị định",
    "nghị quyết",
    "kế hoạch",
    "công văn",
    "thông tư",
    "chỉ thị",
    "công điện",
    "tờ trình",
    "báo cáo",
    "thông báo",
    "đề án",
    "chương trình",
    "văn bản",
    "vị trí",
];

/// Two-word verbs and phrases ending with a word of [`NOT_COUNT_BEFORE`]
/// after which a number is a count all the same (`cung cấp 2.047 dịch vụ`,
/// `tổng số 1.812 phiếu`).
pub const COUNT_AFTER_ALL_THE_SAME: &[&str] = &["tổng số", "cung cấp", "phân cấp"];

/// Words by which a document speaks of the OCOP programme (lowercase). A
/// product needs this context, or stars of its own: the `Sản phẩm` column of
/// a plan's task table lists deliverables, not products.
pub const OCOP_CONTEXT: &[&str] = &["ocop", "mỗi xã một sản phẩm", "mỗi xã, phường một sản phẩm"];

/// Approximation words and the contract slug. Multi-word entries first.
pub const APPROX_WORDS: &[(&str, &str)] = &[
    ("ít nhất", "at_least"),
    ("tối thiểu", "at_least"),
    ("không dưới", "at_least"),
    ("hơn", "more_than"),
    ("trên", "more_than"),
    ("khoảng", "about"),
    ("gần", "about"),
    ("xấp xỉ", "about"),
    ("ước", "about"),
];

/// Scale words for money: as written (lowercase), the power of ten, and the
/// canonical word reported in `scale`. Longer first (`nghìn tỷ` before `nghìn`).
pub const MONEY_SCALES: &[(&str, u32, &str)] = &[
    ("nghìn tỷ", 12, "nghìn tỷ"),
    ("ngàn tỷ", 12, "nghìn tỷ"),
    ("nghìn tỉ", 12, "nghìn tỷ"),
    ("ngàn tỉ", 12, "nghìn tỷ"),
    ("tỷ", 9, "tỷ"),
    ("tỉ", 9, "tỷ"),
    ("triệu", 6, "triệu"),
    ("nghìn", 3, "nghìn"),
    ("ngàn", 3, "nghìn"),
];

/// Currency words after an amount.
pub const CURRENCY_WORDS: &[&str] = &["đồng", "vnđ", "vnd", "đ"];

/// Words after `đồng` that make it something other than money (`2.102 đồng chí`).
pub const NOT_MONEY_AFTER_DONG: &[&str] = &[
    "chí", "bào", "bằng", "bộ", "thời", "ý", "hương", "nghiệp", "thuận", "tình", "ruộng", "loạt",
];

/// Heads of a money label (`Tổng kinh phí được giao`, `nguồn vốn`), lowercase.
/// The label runs from the last head before the amount up to the amount.
pub const FUND_LABEL_HEADS: &[&str] = &[
    "kinh phí",
    "nguồn vốn",
    "vốn",
    "ngân sách",
    "chi phí",
    "dự toán",
    "số tiền",
    "tổng mức",
    "giá trị",
    "doanh thu",
    "lợi nhuận",
    "thu nhập",
    "mức hỗ trợ",
    "tổng chi",
    "tổng thu",
];

/// Words that may stand right before a label head and belong to the label.
pub const FUND_LABEL_PREFIXES: &[&str] = &["tổng", "tổng số", "nguồn"];

/// Lowercase words (or word pairs) that end an issuer phrase after `của`:
/// the verb or preposition that follows the issuing body.
pub const ISSUER_STOP_WORDS: &[&str] = &[
    "về",
    "v/v",
    "việc",
    "phê duyệt",
    "ban hành",
    "triển khai",
    "sơ kết",
    "tổng kết",
    "hướng dẫn",
    "quy định",
    "thực hiện",
    "sửa đổi",
    "bổ sung",
    "kế hoạch",
    "quyết định",
    "đã",
    "được",
    "tại",
    "theo",
    "trong",
    "đối với",
    "để",
    "cho",
    "là",
    "thì",
    "nhằm",
    "ngày",
    "đến",
    "gửi",
    "có",
    "với",
    "kèm",
    "số",
    "năm",
    // a document kind starts the next mention
    "kết luận",
    "nghị quyết",
    "chỉ thị",
    "công văn",
    "thông báo",
    "báo cáo",
    "tờ trình",
    "nghị định",
    "thông tư",
    "công điện",
];

/// Words that go on with a body's name after it is complete: its term
/// (`Ban chấp hành Đảng bộ huyện khóa XII`).
pub const ISSUER_GOES_ON: &[&str] = &["khóa", "khoá", "nhiệm"];

/// Words after a level word that make it a party or youth body (`tỉnh ủy`,
/// `tỉnh đoàn`) rather than the unit itself.
pub const BODY_AFTER_LEVEL: &[&str] = &["ủy", "uỷ", "đoàn"];

/// Names that end an issuing body: after them a lowercase word is no longer
/// the issuer's (`Thủ tướng Chính phủ chưa đạt`, `Chính phủ tổng hợp`,
/// `Chính phủ và Quyết định`). A unit's name after its level word
/// (`UBND tỉnh Lâm Đồng`) ends a body the same way, by rule.
pub const ISSUER_ENDS: &[&str] = &[
    "Chính phủ",
    "Quốc hội",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Trung ương",
];

/// Heads of an issuing body, used to find `X` in "X (đã) ban hành Kế hoạch số ...".
/// Matched case-sensitively at a word start; the issuer runs from the first
/// head in the clause up to `ban hành`.
pub const ISSUER_HEADS: &[&str] = &[
    "Thủ tướng",
    "Chính phủ",
    "Quốc hội",
    "UBND",
    "Ủy ban",
    "Uỷ ban",
    "HĐND",
    "Hội đồng",
    "Văn phòng",
    "Bộ",
    "Sở",
    "Ban",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Huyện ủy",
    "Huyện uỷ",
    "Thành ủy",
    "Thành uỷ",
    "Thị ủy",
    "Thị uỷ",
    "Đảng ủy",
    "Đảng uỷ",
    "Phòng",
    "Công an",
    "Chi cục",
    "Cục",
    "Tổng cục",
    "Trung tâm",
    "BCĐ",
    "BTV",
    "Chủ tịch",
];

/// Table headers that make a column money (issue 20), lowercase: a header
/// cell containing one of these heads a money column (`Kinh phí (triệu
/// đồng)`, `Số tiền`). A header naming a unit of money (`(triệu đồng)`) makes
/// a money column too, see [`TABLE_MONEY_UNITS`].
pub const TABLE_MONEY_HEADERS: &[&str] = &[
    "kinh phí",
    "số tiền",
    "thành tiền",
    "dự toán",
    "tổng vốn",
    "vốn đầu tư",
    "kế hoạch vốn",
    "nguồn vốn",
];

/// Units of money in a header or a unit note, lowercase, with their power of
/// ten and the canonical scale word (`None`: plain đồng). Longer first.
pub const TABLE_MONEY_UNITS: &[(&str, u32, Option<&str>)] = &[
    ("nghìn tỷ đồng", 12, Some("nghìn tỷ")),
    ("triệu đồng", 6, Some("triệu")),
    ("nghìn đồng", 3, Some("nghìn")),
    ("ngàn đồng", 3, Some("nghìn")),
    ("tỷ đồng", 9, Some("tỷ")),
    ("tỉ đồng", 9, Some("tỷ")),
    ("1.000.000 đồng", 6, Some("triệu")),
    ("1000000 đồng", 6, Some("triệu")),
    ("1.000 đồng", 3, Some("nghìn")),
    ("1000 đồng", 3, Some("nghìn")),
    ("trđ", 6, Some("triệu")),
    ("tr.đ", 6, Some("triệu")),
    ("đồng", 0, None),
    ("vnđ", 0, None),
];

/// Heads of a unit note above a table (`Đơn vị tính: triệu đồng`), lowercase.
pub const UNIT_NOTE_HEADS: &[&str] = &["đơn vị tính", "đơn vị", "đvt"];

/// Headers of a per-row unit column (`Đơn vị tính`): not a label column.
pub const UNIT_COLUMN_HEADERS: &[&str] = &["đơn vị tính", "đvt"];

/// Row labels of totals, lowercase: `Tổng cộng` is the grand total, `Cộng`
/// closes a group. The first flag says whether the words may start a longer
/// label (`Tổng cộng toàn huyện`); without it the label must be the words
/// alone, give or take a marker (`Cộng I`), since `Cộng đồng …` and `Tổng thu
/// …` are rows of their own. The second flag marks a group total.
pub const TOTAL_ROW_LABELS: &[(&str, bool, bool)] = &[
    ("tổng cộng", true, false),
    ("tổng số", true, false),
    ("cộng", false, true),
    ("tổng", false, false),
];

/// Headers of the column that names each row (`Tên sản phẩm`, `Nội dung`).
pub const ROW_LABEL_HEADERS: &[&str] = &[
    "tên",
    "nội dung",
    "danh mục",
    "hạng mục",
    "chỉ tiêu",
    "dự án",
    "công trình",
    "sản phẩm",
    "đơn vị",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn prefixes_come_later(list: &[&str]) {
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                let longer = b.starts_with(a) && b[a.len()..].starts_with(' ');
                assert!(!longer, "{b} must come before {a}");
            }
        }
    }

    #[test]
    fn longer_entries_first() {
        prefixes_come_later(COUNT_UNITS);
        prefixes_come_later(&APPROX_WORDS.iter().map(|a| a.0).collect::<Vec<_>>());
        prefixes_come_later(&MONEY_SCALES.iter().map(|a| a.0).collect::<Vec<_>>());
        prefixes_come_later(FUND_LABEL_HEADS);
        prefixes_come_later(&TOTAL_ROW_LABELS.iter().map(|a| a.0).collect::<Vec<_>>());
        prefixes_come_later(&TABLE_MONEY_UNITS.iter().map(|a| a.0).collect::<Vec<_>>());
    }

    #[test]
    fn entries_are_lowercase_single_spaced() {
        for w in COUNT_UNITS.iter().chain(FUND_LABEL_HEADS) {
            assert_eq!(*w, w.to_lowercase());
            assert!(!w.contains("  "));
        }
    }
}
