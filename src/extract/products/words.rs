//! Vietnamese vocabulary for product extraction, as data.
//!
//! Legal forms of producers, descriptor words that may follow them, table
//! header words, address openers and product categories. Matching code lives
//! in the sibling modules; the knowledge lives here.

use crate::output::ProductStatus;

/// Legal forms that open a producer's name, longest first where one is a
/// prefix of another. Matched case-sensitively on the first letter (a product
/// name may contain `cơ sở` in lower case, a producer cell starts with `Cơ sở`).
pub const LEGAL_FORMS: &[&str] = &[
    "Hộ kinh doanh",
    "Hộ sản xuất",
    "Hộ gia đình",
    "Hợp tác xã",
    "Liên hiệp HTX",
    "Doanh nghiệp tư nhân",
    "Doanh nghiệp",
    "Công ty",
    "Cty",
    "Chi nhánh",
    "Cơ sở",
    "Nhà máy",
    "Tổ hợp tác",
    "Nông trại",
    "Trang trại",
    "DNTN",
    "HKD",
    "HTX",
    "THT",
];

/// Words that may follow a legal form before the proper name of the producer
/// (`Hộ kinh doanh cơ sở sản xuất Thiên Thảo`). Compared lowercase.
pub const DESCRIPTORS: &[&str] = &[
    "hộ kinh doanh",
    "hợp tác xã",
    "cơ sở",
    "sản xuất",
    "kinh doanh",
    "và",
    "dịch vụ",
    "nông nghiệp",
    "tổng hợp",
    "thương mại",
    "thu mua",
    "chế biến",
    "nông sản",
    "nông trại",
    "trang trại",
    "thực phẩm",
    "đặc sản",
    "xuất nhập khẩu",
    "cổ phần",
    "tnhh",
    "mtv",
    "dvnn",
    "xnk",
    "htx",
    "hkd",
    "chi nhánh",
    "công ty",
];

/// Abbreviations expanded when comparing producers (`HKD` = `Hộ kinh doanh`).
pub const PRODUCER_ABBREVIATIONS: &[(&str, &str)] = &[
    ("hkd", "hộ kinh doanh"),
    ("htx", "hợp tác xã"),
    ("dvnn", "dịch vụ nông nghiệp"),
    ("cty", "công ty"),
];

/// Table column roles recognised from header words (lowercase, longest first).
pub const HEADER_WORDS: &[(&str, Column)] = &[
    ("tên sản phẩm", Column::Name),
    ("sản phẩm", Column::Name),
    ("người đại diện", Column::Producer),
    ("tên chủ thể", Column::Producer),
    ("chủ thể", Column::Producer),
    ("đơn vị", Column::Producer),
    ("cơ sở sản xuất", Column::Producer),
    ("địa chỉ", Column::Address),
    ("địa phương", Column::Locality),
    ("hạng sao", Column::Stars),
    ("đạt sao", Column::Stars),
    ("số sao", Column::Stars),
    ("xếp hạng", Column::Stars),
    ("phân hạng", Column::Stars),
    ("nhóm sản phẩm", Column::Category),
    ("phân nhóm", Column::Category),
    ("ngành hàng", Column::Category),
    ("stt", Column::Number),
    ("tt", Column::Number),
];

/// Header words that carry no column of their own but may stand in a header
/// line (`Địa chỉ cũ`, `Ghi chú`).
pub const HEADER_FILLERS: &[&str] = &["ghi chú", "cũ", "(chủ thể)", "năm", "kết quả"];

/// The role of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Number,
    Name,
    Producer,
    Address,
    Locality,
    Stars,
    Category,
}

/// Openers of an address cell in a flattened table (checked at a line start).
pub const ADDRESS_OPENERS: &[&str] = &[
    "Số ",
    "số ",
    "Tổ ",
    "Lô ",
    "Thôn ",
    "thôn ",
    "Xóm ",
    "xóm ",
    "Ấp ",
    "ấp ",
    "Khu phố ",
    "KP ",
    "TDP ",
    "Khối ",
    "Km",
    "đường ",
    "Đ/c",
    "QL",
    "Bản ",
    "bản ",
    "Buôn ",
    "Làng ",
    "Cụm ",
    "Khu ",
    "Phố ",
    "Ngõ ",
];

/// Words that open an address below the commune level, in a parenthesis after
/// a producer (`HTX Chè Đại Đồng (thôn Khe Mạ)`), compared lowercase.
pub const PLACE_WORDS: &[&str] = &[
    "thôn ",
    "ấp ",
    "bản ",
    "buôn ",
    "xóm ",
    "tổ ",
    "khu phố ",
    "tdp ",
];

/// Group-row wording → status of the rows under it (lowercase, checked in order).
pub const GROUP_STATUS: &[(&str, ProductStatus)] = &[
    ("đánh giá lại", ProductStatus::ReEvaluation),
    ("đánh giá, phân hạng lại", ProductStatus::ReEvaluation),
    ("nâng hạng", ProductStatus::Upgrade),
    ("đăng ký", ProductStatus::Registered),
    ("sản phẩm mới", ProductStatus::Registered),
    ("công nhận", ProductStatus::Certified),
    ("đạt", ProductStatus::Certified),
];

/// Product categories as written after `Nhóm` (lowercase).
pub const CATEGORIES: &[&str] = &[
    "thực phẩm",
    "đồ uống",
    "dược liệu và sản phẩm từ dược liệu",
    "dược liệu",
    "thủ công mỹ nghệ",
    "hàng thủ công mỹ nghệ",
    "sinh vật cảnh",
    "dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
    "dịch vụ du lịch",
    "du lịch",
];

/// Abbreviations of locality levels, beside the words of
/// [`crate::lexicon::LOCALITY_LEVELS`] (`TT Phước Dân` = `thị trấn Phước Dân`).
pub const LOCALITY_ABBREVIATIONS: &[&str] = &["TT"];

/// Phrases after which a product-name list ends inside a clause
/// (`... táo sấy dẻo và chuyển hồ sơ đề nghị ...`).
pub const CLAUSE_STOPS: &[&str] = &[
    " và chuyển",
    " và đề nghị",
    " và hỗ trợ",
    " và được",
    " để ",
    " nhằm ",
    " với tổng",
    " đạt ",
    " được ",
];

/// Words that alone never make a product name (`sản phẩm chủ lực của ...`),
/// compared lowercase.
pub const GENERIC_NAME_WORDS: &[&str] = &[
    "sản", "phẩm", "chủ", "lực", "đặc", "trưng", "tiềm", "năng", "thế", "mạnh", "ocop", "mới",
    "này", "đó", "các", "những", "của", "hiện", "có", "tiêu", "biểu", "chính", "địa", "phương",
    "khác", "đã", "được", "và", "cùng", "loại", "tham", "gia", "đăng", "ký",
];
