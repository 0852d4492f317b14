//! Vocabulary of document headers and closings, as data.
//!
//! Kinds of documents and locality levels shared with other stages live in
//! `crate::lexicon`; what only the structure stage needs is here.

/// The national name and the party name that share the header line with the
/// issuer in the two-column layout (removed before reading the issuer).
pub const NATIONAL_NAMES: &[&str] = &[
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
];

/// Header lines that end the name on the line above rather than name a body
/// of their own: a national body printed over two lines (`NGÂN HÀNG NHÀ
/// NƯỚC` ⏎ `VIỆT NAM`, `HỘI NÔNG DÂN` ⏎ `VIỆT NAM`).
pub const NAME_ENDINGS: &[&str] = &["VIỆT NAM"];

/// Openers that end the title under a type line: what follows them is the
/// body, even right after the type line (`Căn cứ`, `Kính gửi`).
pub const TITLE_STOPPERS: &[&str] = &["Căn cứ", "Kính gửi", "Kính thưa", "Nơi nhận"];

/// Issuing bodies that name only a kind of body, not which one: a header
/// that gives only this lost its second line (`ỦY BAN NHÂN DÂN` ⏎ `PHƯỜNG X`).
pub const BARE_ISSUERS: &[&str] = &[
    "ỦY BAN NHÂN DÂN",
    "UỶ BAN NHÂN DÂN",
    "UBND",
    "HỘI ĐỒNG NHÂN DÂN",
    "HĐND",
    "HUYỆN ỦY",
    "HUYỆN UỶ",
    "THỊ ỦY",
    "THỊ UỶ",
    "THÀNH ỦY",
    "THÀNH UỶ",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "ĐẢNG ỦY",
    "ĐẢNG UỶ",
];

/// Header fragments that start with a level word continue the previous
/// fragment (`ỦY BAN NHÂN DÂN` + `HUYỆN NINH PHƯỚC`), except these bodies,
/// which start with a level word but are issuers themselves.
pub const LEVEL_WORD_BODIES: &[&str] = &[
    "HUYỆN ỦY",
    "HUYỆN UỶ",
    "THỊ ỦY",
    "THỊ UỶ",
    "THÀNH ỦY",
    "THÀNH UỶ",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "TỈNH ĐOÀN",
    "HUYỆN ĐOÀN",
];

/// Words after a level word that make it a body (`Huyện ủy`, `Tỉnh đoàn`), not a unit.
pub const BODY_AFTER_LEVEL: &[&str] = &["ủy", "uỷ", "đoàn"];

/// Uppercase level words as they open a header fragment.
pub const UPPER_LEVEL_WORDS: &[&str] = &[
    "ĐẶC KHU",
    "THÀNH PHỐ",
    "THỊ XÃ",
    "THỊ TRẤN",
    "PHƯỜNG",
    "HUYỆN",
    "TỈNH",
    "QUẬN",
    "XÃ",
];

/// Bodies named in running text when a document speaks of its issuer
/// ("UBND phường Trần Phú báo cáo ..."), with the locality level the body
/// implies when it is named without one (`Huyện ủy` → a district).
pub const BODY_ORGS: &[(&str, Option<&str>)] = &[
    ("Ủy ban nhân dân", None),
    ("Uỷ ban nhân dân", None),
    ("UBND", None),
    ("Hội đồng nhân dân", None),
    ("HĐND", None),
    ("Ban Thường vụ Huyện ủy", Some("huyen")),
    ("Ban Thường vụ Huyện uỷ", Some("huyen")),
    ("Huyện ủy", Some("huyen")),
    ("Huyện uỷ", Some("huyen")),
    ("Thị ủy", Some("thi_xa")),
    ("Thị uỷ", Some("thi_xa")),
    ("Thành ủy", Some("thanh_pho")),
    ("Thành uỷ", Some("thanh_pho")),
    ("Tỉnh ủy", Some("tinh")),
    ("Tỉnh uỷ", Some("tinh")),
    ("Đảng ủy", None),
    ("Đảng uỷ", None),
];

/// Verbs by which a document's issuer speaks of itself in the opening or
/// closing sentence ("... UBND thị xã Đức Phổ báo cáo ...").
pub const SELF_VERBS: &[&str] = &["báo cáo", "ban hành", "thông báo", "kính trình", "trình"];

/// Prefixes of the signing-authority line: on behalf of (`TM.`), deputy
/// signing for (`KT.`), by order of (`TL.`, `TUQ.`), acting (`Q.`).
pub const AUTHORITY_PREFIXES: &[&str] = &[
    "TM.", "T.M.", "T/M", "TM ", "KT.", "K.T.", "K/T", "KT ", "TL.", "T.L.", "T/L", "TUQ.",
    "T.U.Q.", "Q.",
];

/// Authority prefixes that name the signer's own delegation (preferred over `TM.`).
pub const DELEGATION_PREFIXES: &[&str] = &[
    "KT.", "K.T.", "K/T", "KT ", "TL.", "T.L.", "T/L", "TUQ.", "T.U.Q.", "Q.",
];

/// Titles of signers (uppercase), longest first where one is a prefix of another.
pub const SIGNER_TITLES: &[&str] = &[
    "PHÓ CHỦ TỊCH",
    "CHỦ TỊCH",
    "PHÓ BÍ THƯ",
    "BÍ THƯ",
    "PHÓ GIÁM ĐỐC",
    "TỔNG GIÁM ĐỐC",
    "GIÁM ĐỐC",
    "PHÓ TRƯỞNG",
    "TRƯỞNG",
    "PHÓ CHÁNH",
    "CHÁNH",
    "CHI CỤC TRƯỞNG",
    "CỤC TRƯỞNG",
    "PHÓ CHỦ NHIỆM",
    "CHỦ NHIỆM",
    "HIỆU TRƯỞNG",
    "THỦ TRƯỞNG",
    "ỦY VIÊN",
    "THƯỜNG TRỰC",
];

/// Words that open a recipient line even without a bullet.
pub const RECIPIENT_OPENERS: &[&str] = &["Như trên", "Lưu", "Như Điều"];

/// Lines that open the body after the header and title.
pub const BODY_OPENERS: &[&str] = &[
    "Căn cứ",
    "Thực hiện",
    "Kính gửi",
    "Theo ",
    "Trên cơ sở",
    "Nhằm",
    "Để ",
    "Qua ",
    "Ngày ",
    "Hôm nay",
    "Sau khi",
    "Xét ",
];

/// Lines that open a document's closing block.
pub const CLOSING_OPENERS: &[&str] = &["Nơi nhận", "NƠI NHẬN"];

/// Lines that open an appendix.
pub const APPENDIX_OPENERS: &[&str] = &["Phụ lục", "PHỤ LỤC", "Phụ Lục"];

/// Words after which a number at the start of the next line continues the
/// sentence (`... theo Quyết định số` ⏎ `12. ...`, `... năm` ⏎ `2023. ...`):
/// such a line is not a numbered heading.
pub const NUMBER_LEADS: &[&str] = &[
    "số", "năm", "ngày", "tháng", "quý", "là", "gồm", "có", "đạt", "được", "với", "tại", "khoản",
    "điểm", "điều", "mục", "từ", "đến", "và", "hoặc", "theo", "lần", "thứ", "trên", "dưới", "của",
    "tổng",
];

/// Words that end a title line whose sentence goes on in the next line
/// (`... năm 2025 của` ⏎ `Ủy ban nhân dân tỉnh ...`): the body named there is
/// part of the title, not the body that presents the document.
pub const TITLE_RUNS_ON: &[&str] = &["của", "tại", "và", "cho", "với"];

/// Type lines of documents outside the contract's kinds (`doc_type: "other"`,
/// label kept as written); matched only as a whole line, or followed by a
/// designator (`PHỤ LỤC II`, `PHỤ LỤC 01`). A conference contribution
/// (`THAM LUẬN`) and a stand-alone appendix (`PHỤ LỤC`) open with one.
pub const OTHER_TYPE_LINES: &[&str] = &[
    "HƯỚNG DẪN",
    "ĐỀ ÁN",
    "BIÊN BẢN",
    "CHỈ THỊ",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "KẾT LUẬN",
    "ĐỀ CƯƠNG",
    "PHƯƠNG ÁN",
    "DỰ ÁN",
    "GIẤY MỜI",
    "THAM LUẬN",
    "PHỤ LỤC",
];

/// Long names of people's bodies and the short form the canonical issuer
/// uses (`ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG` → `UBND tỉnh Lâm Đồng`), in any case.
pub const BODY_SHORT_FORMS: &[(&str, &str)] = &[
    ("ủy ban nhân dân", "UBND"),
    ("uỷ ban nhân dân", "UBND"),
    ("ubnd", "UBND"),
    ("hội đồng nhân dân", "HĐND"),
    ("hđnd", "HĐND"),
];

/// Lowercase level words of administrative units, longer first, as the
/// canonical issuer writes them after `UBND` (`UBND thành phố Sa Đéc`).
pub const LEVEL_WORDS: &[&str] = &[
    "thành phố",
    "thị xã",
    "thị trấn",
    "đặc khu",
    "phường",
    "huyện",
    "tỉnh",
    "quận",
    "xã",
];

/// Party committees named by a level word (`HUYỆN ỦY MỘ ĐỨC` → `Huyện ủy Mộ Đức`).
pub const LEVEL_COMMITTEES: &[&str] = &[
    "huyện ủy",
    "huyện uỷ",
    "thị ủy",
    "thị uỷ",
    "thành ủy",
    "thành uỷ",
    "tỉnh ủy",
    "tỉnh uỷ",
    "đảng ủy",
    "đảng uỷ",
    "tỉnh đoàn",
    "huyện đoàn",
];

/// Head words of specialised bodies (departments, ministries, offices),
/// lowercase, longer first. Under a province's or district's people's
/// committee in a two-line header, such a body is a department of that unit:
/// `UBND TỈNH LÂM ĐỒNG` ⏎ `SỞ NỘI VỤ` is `Sở Nội vụ tỉnh Lâm Đồng`.
pub const BODY_HEADS: &[&str] = &[
    "ban quản lý",
    "văn phòng",
    "chi cục",
    "trung tâm",
    "thanh tra",
    "công an",
    "phòng",
    "sở",
    "bộ",
    "ban",
    "cục",
    "tổng cục",
    "đài",
    "báo",
];
