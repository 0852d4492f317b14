//! Legacy Vietnamese code tables, as data.
//!
//! TCVN3 and VISCII were generated from glibc's iconv charmaps (`TCVN5712-1`,
//! `VISCII`), VPS from GNU recode's `VPS` table, by
//! `fixtures/legacy/make_tables.py`. VNI-Windows is transcribed
//! from the VNI-WIN table of Unikey's converter (VnConv, `ukengine/data.cpp`,
//! Pham Kim Long): VNI writes a base letter followed by a mark byte, except for
//! a few precomposed letters.

/// TCVN5712-1 bytes 0xA0..=0xFF (glibc iconv charmap TCVN5712-1).
pub const TCVN3: [char; 96] = [
    '\u{00A0}', '\u{0102}', '\u{00C2}', '\u{00CA}', '\u{00D4}', '\u{01A0}', '\u{01AF}',
    '\u{0110}', // 0xA0
    '\u{0103}', '\u{00E2}', '\u{00EA}', '\u{00F4}', '\u{01A1}', '\u{01B0}', '\u{0111}',
    '\u{1EB0}', // 0xA8
    '\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', '\u{00E0}', '\u{1EA3}',
    '\u{00E3}', // 0xB0
    '\u{00E1}', '\u{1EA1}', '\u{1EB2}', '\u{1EB1}', '\u{1EB3}', '\u{1EB5}', '\u{1EAF}',
    '\u{1EB4}', // 0xB8
    '\u{1EAE}', '\u{1EA6}', '\u{1EA8}', '\u{1EAA}', '\u{1EA4}', '\u{1EC0}', '\u{1EB7}',
    '\u{1EA7}', // 0xC0
    '\u{1EA9}', '\u{1EAB}', '\u{1EA5}', '\u{1EAD}', '\u{00E8}', '\u{1EC2}', '\u{1EBB}',
    '\u{1EBD}', // 0xC8
    '\u{00E9}', '\u{1EB9}', '\u{1EC1}', '\u{1EC3}', '\u{1EC5}', '\u{1EBF}', '\u{1EC7}',
    '\u{00EC}', // 0xD0
    '\u{1EC9}', '\u{1EC4}', '\u{1EBE}', '\u{1ED2}', '\u{0129}', '\u{00ED}', '\u{1ECB}',
    '\u{00F2}', // 0xD8
    '\u{1ED4}', '\u{1ECF}', '\u{00F5}', '\u{00F3}', '\u{1ECD}', '\u{1ED3}', '\u{1ED5}',
    '\u{1ED7}', // 0xE0
    '\u{1ED1}', '\u{1ED9}', '\u{1EDD}', '\u{1EDF}', '\u{1EE1}', '\u{1EDB}', '\u{1EE3}',
    '\u{00F9}', // 0xE8
    '\u{1ED6}', '\u{1EE7}', '\u{0169}', '\u{00FA}', '\u{1EE5}', '\u{1EEB}', '\u{1EED}',
    '\u{1EEF}', // 0xF0
    '\u{1EE9}', '\u{1EF1}', '\u{1EF3}', '\u{1EF7}', '\u{1EF9}', '\u{00FD}', '\u{1EF5}',
    '\u{1ED0}', // 0xF8
];
/// TCVN5712-1's toned capitals below 0xA0 (glibc iconv charmap TCVN5712-1):
/// the VN1 form, which `iconv -t TCVN5712-1` writes. The .VnTime fonts (VN3)
/// leave these bytes to Windows punctuation, so they are read as capitals
/// only inside words that then become syllables.
pub const TCVN3_CAPITALS: [(u8, char); 44] = [
    (0x01, 'Ú'),
    (0x02, 'Ụ'),
    (0x04, 'Ừ'),
    (0x05, 'Ử'),
    (0x06, 'Ữ'),
    (0x11, 'Ứ'),
    (0x12, 'Ự'),
    (0x13, 'Ỳ'),
    (0x14, 'Ỷ'),
    (0x15, 'Ỹ'),
    (0x16, 'Ý'),
    (0x17, 'Ỵ'),
    (0x80, 'À'),
    (0x81, 'Ả'),
    (0x82, 'Ã'),
    (0x83, 'Á'),
    (0x84, 'Ạ'),
    (0x85, 'Ặ'),
    (0x86, 'Ậ'),
    (0x87, 'È'),
    (0x88, 'Ẻ'),
    (0x89, 'Ẽ'),
    (0x8A, 'É'),
    (0x8B, 'Ẹ'),
    (0x8C, 'Ệ'),
    (0x8D, 'Ì'),
    (0x8E, 'Ỉ'),
    (0x8F, 'Ĩ'),
    (0x90, 'Í'),
    (0x91, 'Ị'),
    (0x92, 'Ò'),
    (0x93, 'Ỏ'),
    (0x94, 'Õ'),
    (0x95, 'Ó'),
    (0x96, 'Ọ'),
    (0x97, 'Ộ'),
    (0x98, 'Ờ'),
    (0x99, 'Ở'),
    (0x9A, 'Ỡ'),
    (0x9B, 'Ớ'),
    (0x9C, 'Ợ'),
    (0x9D, 'Ù'),
    (0x9E, 'Ủ'),
    (0x9F, 'Ũ'),
];
/// VISCII bytes 0x80..=0xFF (glibc iconv charmap VISCII).
pub const VISCII: [char; 128] = [
    '\u{1EA0}', '\u{1EAE}', '\u{1EB0}', '\u{1EB6}', '\u{1EA4}', '\u{1EA6}', '\u{1EA8}',
    '\u{1EAC}', // 0x80
    '\u{1EBC}', '\u{1EB8}', '\u{1EBE}', '\u{1EC0}', '\u{1EC2}', '\u{1EC4}', '\u{1EC6}',
    '\u{1ED0}', // 0x88
    '\u{1ED2}', '\u{1ED4}', '\u{1ED6}', '\u{1ED8}', '\u{1EE2}', '\u{1EDA}', '\u{1EDC}',
    '\u{1EDE}', // 0x90
    '\u{1ECA}', '\u{1ECE}', '\u{1ECC}', '\u{1EC8}', '\u{1EE6}', '\u{0168}', '\u{1EE4}',
    '\u{1EF2}', // 0x98
    '\u{00D5}', '\u{1EAF}', '\u{1EB1}', '\u{1EB7}', '\u{1EA5}', '\u{1EA7}', '\u{1EA9}',
    '\u{1EAD}', // 0xA0
    '\u{1EBD}', '\u{1EB9}', '\u{1EBF}', '\u{1EC1}', '\u{1EC3}', '\u{1EC5}', '\u{1EC7}',
    '\u{1ED1}', // 0xA8
    '\u{1ED3}', '\u{1ED5}', '\u{1ED7}', '\u{1EE0}', '\u{01A0}', '\u{1ED9}', '\u{1EDD}',
    '\u{1EDF}', // 0xB0
    '\u{1ECB}', '\u{1EF0}', '\u{1EE8}', '\u{1EEA}', '\u{1EEC}', '\u{01A1}', '\u{1EDB}',
    '\u{01AF}', // 0xB8
    '\u{00C0}', '\u{00C1}', '\u{00C2}', '\u{00C3}', '\u{1EA2}', '\u{0102}', '\u{1EB3}',
    '\u{1EB5}', // 0xC0
    '\u{00C8}', '\u{00C9}', '\u{00CA}', '\u{1EBA}', '\u{00CC}', '\u{00CD}', '\u{0128}',
    '\u{1EF3}', // 0xC8
    '\u{0110}', '\u{1EE9}', '\u{00D2}', '\u{00D3}', '\u{00D4}', '\u{1EA1}', '\u{1EF7}',
    '\u{1EEB}', // 0xD0
    '\u{1EED}', '\u{00D9}', '\u{00DA}', '\u{1EF9}', '\u{1EF5}', '\u{00DD}', '\u{1EE1}',
    '\u{01B0}', // 0xD8
    '\u{00E0}', '\u{00E1}', '\u{00E2}', '\u{00E3}', '\u{1EA3}', '\u{0103}', '\u{1EEF}',
    '\u{1EAB}', // 0xE0
    '\u{00E8}', '\u{00E9}', '\u{00EA}', '\u{1EBB}', '\u{00EC}', '\u{00ED}', '\u{0129}',
    '\u{1EC9}', // 0xE8
    '\u{0111}', '\u{1EF1}', '\u{00F2}', '\u{00F3}', '\u{00F4}', '\u{00F5}', '\u{1ECF}',
    '\u{1ECD}', // 0xF0
    '\u{1EE5}', '\u{00F9}', '\u{00FA}', '\u{0169}', '\u{1EE7}', '\u{00FD}', '\u{1EE3}',
    '\u{1EEE}', // 0xF8
];

/// VISCII puts six capitals on control codes (glibc charmap VISCII).
pub const VISCII_C0: [(u8, char); 6] = [
    (0x02, 'Ẳ'),
    (0x05, 'Ẵ'),
    (0x06, 'Ẫ'),
    (0x14, 'Ỷ'),
    (0x19, 'Ỹ'),
    (0x1E, 'Ỵ'),
];

/// VPS bytes 0x80..=0xFF: GNU recode's `VPS` table (`recode -lf VPS`; glibc
/// and libiconv have no VPS), plus Ỗ at 0x99, which recode leaves out and the
/// VPS table of Unikey's VnConv (`ukengine/data.cpp`) has; the two sources
/// agree on every other letter. `'\0'`: byte not used by VPS (kept as read).
pub const VPS: [char; 128] = [
    '\u{00C0}', '\u{1EA2}', '\u{00C3}', '\u{1EA4}', '\u{1EA6}', '\u{1EA8}', '\u{1ECD}',
    '\u{1ED7}', // 0x80
    '\u{0102}', '\u{1EBF}', '\u{1EC1}', '\u{1EC3}', '\u{1EC7}', '\u{1EAE}', '\u{1EB0}',
    '\u{1EB2}', // 0x88
    '\u{1EBE}', '\u{0000}', '\u{0000}', '\u{1EC0}', '\u{1EC2}', '\u{1EC4}', '\u{1ED0}',
    '\u{1ED2}', // 0x90
    '\u{1ED4}', '\u{1ED6}', '\u{00FD}', '\u{1EF7}', '\u{1EF5}', '\u{1EDA}', '\u{1EDC}',
    '\u{1EDE}', // 0x98
    '\u{0000}', '\u{1EAF}', '\u{1EB1}', '\u{1EB3}', '\u{1EB5}', '\u{1EB7}', '\u{1EE0}',
    '\u{1EDB}', // 0xA0
    '\u{00D9}', '\u{1EDD}', '\u{1EDF}', '\u{1EE1}', '\u{0168}', '\u{1EE8}', '\u{1EE3}',
    '\u{1EEA}', // 0xA8
    '\u{1ED5}', '\u{1EEC}', '\u{1EF2}', '\u{1EF8}', '\u{00CD}', '\u{00CC}', '\u{1ED9}',
    '\u{1EC8}', // 0xB0
    '\u{0128}', '\u{00D3}', '\u{1EED}', '\u{1EEF}', '\u{00D2}', '\u{1ECE}', '\u{00D5}',
    '\u{1EF1}', // 0xB8
    '\u{1EA7}', '\u{00C1}', '\u{00C2}', '\u{1EA5}', '\u{1EA9}', '\u{1EAB}', '\u{1EAD}',
    '\u{0111}', // 0xC0
    '\u{1EBB}', '\u{00C9}', '\u{00CA}', '\u{1EB9}', '\u{1EC9}', '\u{1EC5}', '\u{1ECB}',
    '\u{1EF9}', // 0xC8
    '\u{01AF}', '\u{1EE6}', '\u{1ED3}', '\u{1ED1}', '\u{00D4}', '\u{1ECF}', '\u{01A1}',
    '\u{00C8}', // 0xD0
    '\u{1EEB}', '\u{1EE9}', '\u{00DA}', '\u{0169}', '\u{01B0}', '\u{00DD}', '\u{1EBA}',
    '\u{0000}', // 0xD8
    '\u{00E0}', '\u{00E1}', '\u{00E2}', '\u{00E3}', '\u{1EA3}', '\u{1EA1}', '\u{0103}',
    '\u{0000}', // 0xE0
    '\u{00E8}', '\u{00E9}', '\u{00EA}', '\u{1EBD}', '\u{00EC}', '\u{00ED}', '\u{0000}',
    '\u{0129}', // 0xE8
    '\u{1EB4}', '\u{0110}', '\u{00F2}', '\u{00F3}', '\u{00F4}', '\u{00F5}', '\u{0000}',
    '\u{01A0}', // 0xF0
    '\u{1EE5}', '\u{00F9}', '\u{00FA}', '\u{1EE7}', '\u{0000}', '\u{1EF6}', '\u{1EBC}',
    '\u{1EF3}', // 0xF8
];
/// VPS puts fourteen capitals with a dot below (and Ẫ, Ữ) on control codes
/// (same sources).
pub const VPS_C0: [(u8, char); 14] = [
    (0x02, 'Ạ'),
    (0x03, 'Ậ'),
    (0x04, 'Ặ'),
    (0x05, 'Ẹ'),
    (0x06, 'Ệ'),
    (0x10, 'Ị'),
    (0x11, 'Ọ'),
    (0x12, 'Ộ'),
    (0x13, 'Ợ'),
    (0x14, 'Ụ'),
    (0x15, 'Ự'),
    (0x19, 'Ỵ'),
    (0x1C, 'Ẫ'),
    (0x1D, 'Ữ'),
];

/// One-letter words of reports (`Ở xã`, `Ổ dịch`) that VISCII or VPS put on
/// a byte Windows-1252 shows as punctuation (`—` is `Ở` in VISCII): decoded
/// even where they stand alone.
pub const ONE_LETTER_WORDS: [char; 6] = ['Ở', 'Ổ', 'Ồ', 'ở', 'ổ', 'ồ'];

/// VNI-Windows precomposed letters: (byte, letter). Upper-case bytes are the
/// lower-case ones minus 0x20.
pub const VNI_LETTERS: &[(u8, char)] = &[
    (0xF1, 'đ'),
    (0xD1, 'Đ'),
    (0xF4, 'ơ'),
    (0xD4, 'Ơ'),
    (0xF6, 'ư'),
    (0xD6, 'Ư'),
    (0xED, 'í'),
    (0xCD, 'Í'),
    (0xEC, 'ì'),
    (0xCC, 'Ì'),
    (0xE6, 'ỉ'),
    (0xC6, 'Ỉ'),
    (0xF3, 'ĩ'),
    (0xD3, 'Ĩ'),
    (0xF2, 'ị'),
    (0xD2, 'Ị'),
    (0xEE, 'ỵ'),
    (0xCE, 'Ỵ'),
];

/// VNI-Windows mark bytes, lower case (the upper-case byte is 0x20 less), and
/// the combining marks they add to the preceding base letter.
pub const VNI_MARKS: &[(u8, &str)] = &[
    // Tones alone.
    (0xF9, "\u{301}"),
    (0xF8, "\u{300}"),
    (0xFB, "\u{309}"),
    (0xF5, "\u{303}"),
    (0xEF, "\u{323}"),
    // Circumflex (â ê ô), alone and with a tone.
    (0xE2, "\u{302}"),
    (0xE1, "\u{302}\u{301}"),
    (0xE0, "\u{302}\u{300}"),
    (0xE5, "\u{302}\u{309}"),
    (0xE3, "\u{302}\u{303}"),
    (0xE4, "\u{302}\u{323}"),
    // Breve (ă), alone and with a tone.
    (0xEA, "\u{306}"),
    (0xE9, "\u{306}\u{301}"),
    (0xE8, "\u{306}\u{300}"),
    (0xFA, "\u{306}\u{309}"),
    (0xFC, "\u{306}\u{303}"),
    (0xEB, "\u{306}\u{323}"),
];

/// Frequent syllables whose letter loses its last UTF-8 byte when a reader
/// drops the bytes Windows-1252 leaves undefined (ề 0x81, ọ 0x8D, ỏ 0x8F,
/// ờ 0x9D): between two well-formed readings (`nhỏ`/`nhề`, `chọn`/`chền`),
/// the frequent word wins. Lower case.
pub const FREQUENT_DROPPED: &[&str] = &[
    // ề
    "về", "đề", "nhiều", "điều", "chiều", "triều", "kiều", "liều", "hề", "kề", "bề", "lề", "nền",
    "thề", "nghề", "mềm", "tiền", "liền", "hiền", "miền", "quyền", "truyền", "chuyền", "thuyền",
    "huyền", "viền", "phiền", "niềm", "đền", "bền", "rề", "kiềm", "thiền", "giềng", "xiềng",
    // ọ
    "họ", "học", "chọn", "gọi", "mọi", "ngọc", "đọc", "bọc", "cọc", "dọc", "lọc", "mọc", "thọ",
    "trọng", "vọng", "họp", "ngọt", "lọt", "đọng", "dọn", "gọn", "ngọn", "mọn", "họng", "bọn",
    "trọn", "chọc", "nhọc", "nọ", "lọ", "bọ", "cọ", "đọ", "ngọ", "tọa", "họa", "giọt", "giọng",
    "vọt", "chọi", "rọi", "gọt", "nhọn", "dọa", "sọc", "xọc", "rọ", // ỏ
    "nhỏ", "đỏ", "bỏ", "cỏ", "hỏi", "giỏi", "mỏi", "tỏ", "thỏ", "vỏ", "ngỏ", "mỏng", "bỏng",
    "hỏng", "khỏi", "khỏe", "thỏa", "mỏ", "lỏng", "gỏi", "tỏa", "hỏa", "sỏi", "tỏi", "giỏ", "nỏ",
    "xỏ", "ỏ", // ờ
    "giờ", "thời", "mời", "lời", "trời", "đời", "bờ", "chờ", "cờ", "nhờ", "tờ", "vờ", "mờ", "ngờ",
    "dời", "rời", "hờ", "lờ", "sờ", "khờ", "bời", "chơi",
];

/// Letter sequences (marks removed, lower case) that a well-formed syllable
/// may hold but native words almost never do: `oo` stands only in a few
/// loanwords (`xoong`, `boong`). A reading that has one where another code
/// reads a common syllable is the misreading (VNI `Coäng` read as TCVN3 is
/// `Coọng`, as VNI `Cộng`).
pub const RARE_SPELLINGS: &[&str] = &["oo"];
