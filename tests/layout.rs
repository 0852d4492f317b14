//! Layout on the corpus samples. Expected values come from reading the
//! documents (fixtures/*.txt), not from the program's output.

use baocao::layout::{layout, Laid};
use unicode_normalization::UnicodeNormalization;

/// A corpus sample as layout receives it in the pipeline: after normalize,
/// so at least NFC (some samples mix NFD in).
fn sample(prefix: &str) -> String {
    raw_sample(prefix).nfc().collect()
}

fn raw_sample(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let entry = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("sample exists");
    std::fs::read_to_string(entry.path()).expect("utf-8 sample")
}

fn lines(l: &Laid) -> Vec<&str> {
    l.text.lines().collect()
}

/// `want` appears in the output as consecutive whole lines.
fn assert_lines_in_order(l: &Laid, want: &[&str]) {
    let got = lines(l);
    let found = got.windows(want.len()).any(|w| w == want);
    assert!(found, "lines not found in order: {want:#?}");
}

fn assert_line(l: &Laid, want: &str) {
    assert!(lines(l).contains(&want), "no line {want:?}");
}

fn assert_contains(l: &Laid, want: &str) {
    assert!(l.text.contains(want), "text lacks {want:?}");
}

/// Footnote `k` (1-based as in the document): its body starts with
/// `body_start`, and its anchor `[^k]` comes right after `before_anchor`.
fn assert_footnote(l: &Laid, k: usize, body_start: &str, before_anchor: &str) {
    let f = l
        .footnotes
        .iter()
        .find(|f| f.marker == k.to_string())
        .unwrap_or_else(|| panic!("footnote {k} missing"));
    assert_eq!(&l.text[f.start..f.end], f.text, "footnote {k} grounding");
    assert!(
        f.text.starts_with(body_start),
        "footnote {k} body {:?} should start {body_start:?}",
        f.text
    );
    let prefix = format!("[^{k}]: ");
    assert!(
        l.text[..f.start].ends_with(&prefix),
        "footnote {k} body line must start with {prefix:?}"
    );
    let (a, e) = (
        f.anchor_start.expect("anchor found"),
        f.anchor_end.expect("anchor end"),
    );
    assert_eq!(&l.text[a..e], format!("[^{k}]"));
    assert!(
        l.text[..a].ends_with(before_anchor),
        "footnote {k} anchor should follow {before_anchor:?}, got {:?}",
        &l.text[a.saturating_sub(40)..a]
    );
}

#[test]
fn sample_000_lines_and_paragraphs() {
    let l = layout(&sample("000"));
    assert!(l.footnotes.is_empty());
    // Wrapped prose joined, also across the page break (line 153/154).
    assert_contains(&l, "vào cuộc quyết liệt, đặc biệt là trong công tác");
    assert_contains(&l, "để sản xuất và tiêu thụ các sản phẩm");
    assert_line(
        &l,
        "2. Công tác tuyên truyền, đào tạo, tập huấn, tham quan học tập kinh nghiệm:",
    );
    // A heading in capitals wrapped over two lines.
    assert_line(
        &l,
        "A. KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH NÔNG THÔN MỚI, CHƯƠNG TRÌNH OCOP 9 THẤNG ĐẦU NĂM 2025",
    );
    // Headings, bullets, recipients and the signature stay on their own lines.
    assert_lines_in_order(
        &l,
        &[
            "II. Kết quả thực hiện Chương trình OCOP",
            "1. Công tác chỉ đạo, hướng dẫn",
        ],
    );
    assert_lines_in_order(
        &l,
        &[
            "- Hỗ trợ các cơ sở OCOP tham gia quảng bá, bán hàng trên các nền tảng số",
            "- Chỉ đạo, hỗ trợ các cơ sở OCOP tham gia trưng bày sản phẩm tại Đại hội Đảng bộ phường.",
        ],
    );
    assert_lines_in_order(
        &l,
        &[
            "Nơi nhận:",
            "- Văn phòng Điều phối XD nông thôn mới;",
            "- Chủ tịch, các PCT UBND phường;",
            "- Lưu: VT, KTHT&ĐT",
            "TM.ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Dương Đình Phúc",
        ],
    );
    // The blank line after every line is gone; the break after the title stays.
    assert_lines_in_order(&l, &["Chương trình OCOP 9 tháng đầu năm 2025", ""]);
    let empty = lines(&l).iter().filter(|s| s.is_empty()).count();
    assert!(empty <= 3, "{empty} empty lines");
}

#[test]
fn sample_001_table_one_cell_per_line() {
    let l = layout(&sample("001"));
    assert_lines_in_order(
        &l,
        &[
            "TT Sản phẩm Đơn vị Địa chỉ cũ Đạt sao",
            "1. 1 Yến rút lông nguyên tổ",
            "Culaore",
            "Công ty TNHH XNK",
            "Yến sào Cù Lao Ré",
            "Số 38 đường",
            "Chu Văn An,",
            "phường",
            "Nghĩa Lộ",
            "3 sao",
            "2. 2 Yến thô cao cấp",
            "Culaore",
            "3 sao",
        ],
    );
    // Row 10 has an empty cell line in the source: no break inside the table.
    assert_lines_in_order(
        &l,
        &[
            "10.  Mạch nha Quảng Ngãi",
            "đường Mantoza",
            "Nhà máy Nha Quảng",
            "Ngãi – Chi nhánh Công",
            "ty Cổ phần Đường",
            "Quảng Ngãi",
            "02 Nguyễn",
            "Chí Thanh,",
            "Phường",
            "Quảng Phú",
            "5 sao",
        ],
    );
    assert_lines_in_order(
        &l,
        &["14.  Sốt chấm vị thái  3 sao", "15.  Sốt ướp OME BBQ 3 sao"],
    );
    assert_lines_in_order(
        &l,
        &[
            "Số 13 đường",
            "Quang Trung",
            "3 sao",
            "2. Tồn tại, khó khăn",
        ],
    );
    // 21 rows end with a "3 sao" cell of its own (rows 14, 15, 17 have it inline,
    // row 10 has "5 sao").
    assert_eq!(lines(&l).iter().filter(|s| **s == "3 sao").count(), 21);
}

#[test]
fn sample_001_prose_and_footnotes() {
    let l = layout(&sample("001"));
    assert_line(
        &l,
        "II. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH OCOP TRÊN ĐỊA BÀN ĐẾN NGÀY 30/9/2025",
    );
    // Across the page break of lines 81/82.
    assert_contains(
        &l,
        "phát triển kinh tế tập thể, kinh tế tư nhân và thúc đẩy",
    );
    // Preamble items stay apart.
    assert_lines_in_order(
        &l,
        &[
            "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2021-2025;",
            "Căn cứ Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ về việc ban hành Bộ tiêu chí và quy trình đánh giá phân hạng sản phẩm Chương trình mỗi xã một sản phẩm;",
        ],
    );
    assert_eq!(l.footnotes.len(), 3);
    assert_footnote(&l, 1, "6 ngành hàng gồm: (1) Nhóm", "theo 6 ngành hàng");
    assert_footnote(
        &l,
        2,
        "Chu trình OCOP gồm 6 bước:",
        "thực hiện Chu trình OCOP",
    );
    assert_footnote(
        &l,
        3,
        "Đơn vị tư vấn OCOP là các tổ chức",
        "Lựa chọn đơn vị tư vấn",
    );
    // Bodies are joined into one line each and end where the document's end.
    assert!(l.footnotes[0].text.ends_with("điểm du lịch."));
    assert!(!l.footnotes[0].text.contains('\n'));
    assert!(l.footnotes[1].text.ends_with("(6) Xúc tiến thương mại."));
    assert!(l.footnotes[2]
        .text
        .ends_with("(hoặc lĩnh vực cụ thể) các hoạt động của Chương trình OCOP."));
    // The page resumes after the notes with its bullet.
    assert_contains(
        &l,
        "(6) Xúc tiến thương mại.\n\n- Năm 2025 trên địa bàn Phường",
    );
}

#[test]
fn sample_002_joins_and_header() {
    let l = layout(&sample("002"));
    assert!(l.footnotes.is_empty());
    // A reference split over two lines is one line now.
    assert_contains(
        &l,
        "Thực hiện Quyết định số 4078/QĐ-BNN-VPĐP ngày 28 tháng 10 năm 2019 về Phê duyệt",
    );
    assert_lines_in_order(
        &l,
        &[
            "BÁO CÁO",
            "Kết quả thực hiện Chƣơng trình OCOP 06 tháng đầu năm và",
        ],
    );
    assert_lines_in_order(
        &l,
        &[
            "Nơi nhận: TM. UỶ BAN NHÂN DÂN",
            "- Sở NN&PTNT Tỉnh;",
            "- Văn phòng Điều phối XDNTM Tỉnh;",
        ],
    );
    // A full line ending a sentence is not glued to the next paragraph.
    assert_lines_in_order(
        &l,
        &[
            "Dự án Làng Văn hóa du lịch chưa phê duyệt nên chưa đủ cơ sở triển khai thực hiện.",
            "II. PHƢƠNG HƢỚNG, NHIỆM VỤ",
        ],
    );
}

#[test]
fn sample_003_tables_and_paragraphs_kept() {
    let src = sample("003");
    let l = layout(&src);
    assert!(l.footnotes.is_empty());
    // Every table row comes through unchanged (tabs, empty cells and all).
    for row in src.lines().filter(|s| s.contains('\t')) {
        let row = row.trim_end_matches(' ');
        assert!(
            l.text.lines().any(|s| s == row),
            "table row changed: {row:?}"
        );
    }
    // Paragraph text is one line per paragraph already: nothing is joined and
    // the blank lines between paragraphs stay.
    assert_lines_in_order(
        &l,
        &[
            "Phần thứ nhất",
            "",
            "ĐÁNH GIÁ TÌNH HÌNH TRIỂN KHAI, KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH OCOP NĂM 2024",
        ],
    );
    assert_lines_in_order(
        &l,
        &[
            "- Tuyên truyền thông qua tờ rơi, sổ tay, kỷ yếu (nếu có): không cuốn.",
            "- Tuyên truyền thông qua Báo, Đài: 10 bản tin.",
        ],
    );
}

#[test]
fn sample_004_footnotes() {
    let l = layout(&sample("004"));
    let found: Vec<&str> = l.footnotes.iter().map(|f| f.marker.as_str()).collect();
    assert_eq!(
        found,
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
    );
    assert_footnote(
        &l,
        1,
        "Kế hoạch số 41-KH/HU, ngày 16/9/2021",
        "ban hành kế hoạch",
    );
    assert_footnote(
        &l,
        2,
        "- Xã Phước Thái: Chương trình hành động",
        "đã ban hành các văn bản cụ thể triển khai thực hiện",
    );
    assert_footnote(
        &l,
        3,
        "- Nhóm thực phẩm (11 sản phẩm)",
        "đã đạt chuẩn OCOP và xếp hạng năm 2020",
    );
    assert_footnote(
        &l,
        4,
        "- Xã Phước Thuận (04 sản phẩm)",
        "05 hộ sản xuất kinh doanh",
    );
    assert_footnote(
        &l,
        5,
        "Hộ kinh doanh cơ sở sản xuất Thiên Thảo",
        "chuẩn OCOP xếp hạng 3 sao",
    );
    assert_footnote(
        &l,
        6,
        "Vườn nho thôn Hiệp Hòa",
        "Phát triển 03 điểm du lịch cộng đồng",
    );
    assert_footnote(
        &l,
        7,
        "An Hải (15 lớp), Phước Hậu (09 lớp)",
        "94 lớp tập huấn",
    );
    assert_footnote(
        &l,
        8,
        "Táo tươi Trường Thọ - HTX Trường Thọ, táo sấy dẻo",
        "đối với 12 sản phẩm",
    );
    assert_footnote(
        &l,
        9,
        "Táo tươi Trường Thọ - HTX Trường Thọ, Táo Sấy dẻo",
        "04 chủ thể (06 sản phẩm)",
    );
    assert_footnote(
        &l,
        10,
        "Vùng trồng măng tây xanh 3 mã",
        "công nhận 09 mã vùng",
    );
    assert_footnote(
        &l,
        11,
        "Năm 2022, 2023 phát triển",
        "được các địa phương quan tâm thực hiện",
    );
    assert_footnote(
        &l,
        12,
        "- Xã Phước Thuận (09 sản phẩm)",
        "(nho xanh Ba Mọi)",
    );

    // The marker never stays glued to a number.
    assert_contains(&l, "xếp hạng năm 2020[^3], hiện nay");
    assert_contains(&l, "94 lớp tập huấn[^7], với sự tham gia");
    assert_contains(&l, "(06 sản phẩm)[^9] và hỗ trợ 50%");
    assert!(!l.text.contains("20203"));
    // Real numbers next to markers are untouched.
    assert_contains(&l, "339,4km2");
    assert_contains(&l, "HTX A8 (Phước Thuận)");

    // Bodies keep their list items one per line, and end where they end.
    let f2 = &l.footnotes[1];
    assert_eq!(f2.text.lines().count(), 9);
    assert!(f2
        .text
        .ends_with("- TT Phước Dân: Kế hoạch số 38- KH/ĐU ngày 29/11/2021"));
    let f3 = &l.footnotes[2];
    assert_eq!(
        f3.text,
        "- Nhóm thực phẩm (11 sản phẩm): Nho tươi Ba Mọi, Nho sấy, Táo sấy, Chuối sấy, Thịt dê rút xương, Thịt Cừu rút xương, Thịt Dê viên, Thịt Cừu viên, Thịt Dê sấy, Thịt Cừu xông khói, Đùi Heo đen xông khói.\n- Nhóm đồ uống (03 sản phẩm): Siro Nho, Vang Nho, Rượu Brandy."
    );
    assert!(l.footnotes[4]
        .text
        .ends_with("- Hộ kinh doanh Phan Thị Ngọc Châu sản phẩm mật táo, táo sấy dẻo"));
    assert!(l.footnotes[8]
        .text
        .ends_with("Táo sấy dẻo - của HTX Phước Vinh."));
    assert_eq!(
        l.footnotes[9].text,
        "Vùng trồng măng tây xanh 3 mã, táo 3 mã, chuối 01 mã, dưa lưới 01 mã, lúa 01 mã."
    );
    // Text after a footnote block is text again, not part of the last body.
    assert_contains(&l, "\n\nNhìn chung, việc quán triệt, tuyên truyền");
}

#[test]
fn sample_004_lines() {
    let l = layout(&sample("004"));
    // Page break inside a sentence (lines 75/76).
    assert_contains(&l, "Nhiều chủ chương, cơ chế, chính sách");
    // "chính trị" / "- xã hội": a dash continuing the phrase, not a bullet.
    assert_contains(&l, "các tổ chức chính trị - xã hội tiếp tục quán triệt");
    // A dash inside an open parenthesis continues the phrase too.
    assert_contains(
        &l,
        "Táo tươi Ba Khoa - HTX Ba Khoa - Phước Thuận; Măng Tây xanh - HTX Tuấn Tú - An Hải).",
    );
    assert_line(
        &l,
        "PHƯƠNG HƯỚNG, NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM THỜI GIAN ĐẾN",
    );
    // A heading followed directly by its paragraph is not merged with it.
    assert_lines_in_order(
        &l,
        &[
            "2. Công tác lãnh đạo, triển khai thực hiện Nghị quyết số 09-NQ/HU",
            "Trên cơ sở Nghị quyết số 09-NQ/HU và các văn bản chỉ đạo của tỉnh;",
        ],
    );
    assert_lines_in_order(
        &l,
        &[
            "Phần thứ nhất",
            "TÌNH HÌNH, KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT SỐ 09-NQ/HU",
            "I. Đặc điểm tình hình",
        ],
    );
    assert_lines_in_order(&l, &["T/M HUYỆN ỦY", "BÍ THƯ", "Nguyễn Hữu Tuấn"]);
    // A heading wrapped inside a reference number: joined with one space.
    assert_line(
        &l,
        "II. Công tác lãnh đạo, chỉ đạo và triển khai thực hiện Nghị quyết số 09-NQ/HU",
    );
}

#[test]
fn output_hygiene() {
    for p in ["000", "001", "002", "003", "004"] {
        let l = layout(&sample(p));
        for s in l.text.lines() {
            assert!(!s.ends_with(' '), "{p}: trailing space in {s:?}");
        }
        assert!(!l.text.contains("\n\n\n"), "{p}: more than one empty line");
        assert!(!l.text.starts_with('\n'), "{p}: leading empty line");
    }
}

#[test]
fn idempotent() {
    for p in ["000", "001", "002", "003", "004"] {
        let once = layout(&sample(p));
        let twice = layout(&once.text);
        assert_eq!(
            twice.text, once.text,
            "{p}: layout of layout changed the text"
        );
        assert_eq!(twice.footnotes, once.footnotes, "{p}: footnotes changed");
    }
}

/// The sample as a PDF with form feeds would come: a page break where the
/// extraction starts a line with a space right after a printed line.
fn paginate(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + 64);
    let mut prev_nonblank = false;
    for line in src.split('\n') {
        if prev_nonblank && line.starts_with(' ') && !line.trim().is_empty() {
            out.pop(); // the '\n' before
            out.push('\u{c}');
        }
        out.push_str(line);
        out.push('\n');
        prev_nonblank = !line.trim().is_empty();
    }
    out.pop();
    out
}

#[test]
fn paged_samples_keep_pages_and_footnotes() {
    for (p, notes) in [("001", 3), ("004", 12)] {
        let src = paginate(&sample(p));
        let pages = src.matches('\u{c}').count() + 1;
        assert!(pages >= 9, "{p}: test setup");
        let l = layout(&src);
        assert_eq!(l.text.matches('\u{c}').count() + 1, pages, "{p}: pages");
        assert_eq!(l.footnotes.len(), notes, "{p}: footnotes");
        for f in &l.footnotes {
            assert!(
                f.anchor_start.is_some(),
                "{p}: footnote {} anchor",
                f.marker
            );
        }
        let twice = layout(&l.text);
        assert_eq!(twice.text, l.text, "{p}: paged layout not idempotent");
        assert_eq!(twice.footnotes, l.footnotes);
    }
    // A footnote body ends at its page's form feed: the next page starts
    // with running text again.
    let l = layout(&paginate(&sample("004")));
    assert!(l.text.contains("Tỉnh ủy và Huyện ủy.\n\u{c}Nhìn chung,"));
}

#[test]
fn footnotes_found_without_the_rule_line() {
    // Some extractions drop the run of spaces that stands for the footnote
    // rule: the bodies are then recognised by their number after a break,
    // when the page has a marker for them.
    for (p, notes) in [("001", 3), ("004", 12)] {
        let with_rule = layout(&sample(p));
        let src: String = sample(p)
            .split('\n')
            .map(|l| if l.trim().is_empty() { "" } else { l })
            .collect::<Vec<_>>()
            .join("\n");
        let l = layout(&src);
        let got: Vec<(&str, &str)> = l
            .footnotes
            .iter()
            .map(|f| (f.marker.as_str(), f.text.as_str()))
            .collect();
        let want: Vec<(&str, &str)> = with_rule
            .footnotes
            .iter()
            .map(|f| (f.marker.as_str(), f.text.as_str()))
            .collect();
        assert_eq!(got.len(), notes, "{p}");
        assert_eq!(got, want, "{p}");
        assert!(l.footnotes.iter().all(|f| f.anchor_start.is_some()));
    }
}

#[test]
fn numbered_line_without_marker_is_not_a_footnote() {
    // A paragraph starting with a number after a break, with no glued marker
    // for it on the page: plain text.
    let src = "Kết quả năm 2024 đạt được như sau\n\n\n1 sản phẩm đạt 4 sao, còn lại đạt 3 sao.\n";
    let l = layout(src);
    assert!(l.footnotes.is_empty());
    assert!(!l.text.contains("[^"));
}

#[test]
fn map_offset_monotone_and_exact() {
    let all = ["000", "001", "002", "003", "004"];
    for (p, src) in all
        .iter()
        .flat_map(|p| [(p, sample(p)), (p, raw_sample(p))])
    {
        let l = layout(&src);
        let mut last = 0usize;
        for i in 0..=src.len() {
            let o = l.map_offset(i);
            assert!(o >= last, "{p}: map_offset not monotone at {i}");
            assert!(o <= l.text.len());
            last = o;
        }
        assert_eq!(l.map_offset(src.len()), l.text.len());
        // Layout only drops whitespace and furniture here: every letter and
        // digit of the input maps onto the same character.
        for (i, c) in src.char_indices().filter(|(_, c)| c.is_alphanumeric()) {
            let o = l.map_offset(i);
            assert_eq!(l.text[o..].chars().next(), Some(c), "{p}: byte {i}");
        }
    }
}

#[test]
fn map_offset_examples() {
    let src = sample("004");
    let l = layout(&src);
    // The glued marker digit moves inside its brackets.
    let i = src.find("năm 20203").expect("in source") + "năm 2020".len();
    let o = l.map_offset(i);
    assert_eq!(&l.text[o - 2..o + 2], "[^3]");
    // A word after a joined line break keeps its identity.
    let i = src.find("biệt khó khăn: Thôn Tà Dương").expect("in source");
    let o = l.map_offset(i);
    assert!(l.text[o..].starts_with("biệt khó khăn: Thôn Tà Dương"));
    assert!(l.text[..o].ends_with("có 2 thôn đặc "));
    // The blank line dropped after a line maps to the joining space.
    let i = src.find("thôn đặc \n\nbiệt").expect("in source") + "thôn đặc".len();
    assert_eq!(&l.text[l.map_offset(i)..l.map_offset(i) + 1], " ");
    let j = i + " \n\n".len();
    assert_eq!(l.map_offset(j), l.map_offset(i) + 1);
}

#[test]
fn paged_text_loses_page_numbers_and_running_headers() {
    let page = |n: usize, body: &str| format!("Báo cáo số 25/BC-UBND\n{body}\n- {n} -\n");
    let src = [
        "ỦY BAN NHÂN DÂN\nBÁO CÁO\nPhần mở đầu của báo cáo.\n- 1 -\n".to_string(),
        page(2, "Nội dung trang hai."),
        page(3, "Nội dung trang ba."),
        page(4, "Nội dung trang bốn."),
    ]
    .join("\u{c}");
    let l = layout(&src);
    assert_eq!(l.text.matches('\u{c}').count(), 3);
    assert_eq!(
        l.text,
        "ỦY BAN NHÂN DÂN\nBÁO CÁO\nPhần mở đầu của báo cáo.\n\u{c}Nội dung trang hai.\n\u{c}Nội dung trang ba.\n\u{c}Nội dung trang bốn.\n"
    );
    // Offsets inside a removed page number land at the end of the text before it.
    let i = src.find("- 2 -").expect("in source");
    let o = l.map_offset(i);
    assert!(l.text[..o].ends_with("Nội dung trang hai."));
    assert_eq!(layout(&l.text).text, l.text);
}

#[test]
fn footnotes_with_form_feeds() {
    // A footnote at the bottom of page 1 in paged text (form feeds).
    let src = "Kết quả thực hiện kế hoạch năm 20201, các xã đã hoàn thành.\n\n                                           \n1 Kế hoạch số 41-KH/HU ngày 16/9/2021.\n\u{c}Trang hai không có chú thích năm 20202.\n";
    let l = layout(src);
    assert_eq!(l.footnotes.len(), 1);
    let f = &l.footnotes[0];
    assert_eq!(f.marker, "1");
    assert_eq!(f.text, "Kế hoạch số 41-KH/HU ngày 16/9/2021.");
    assert!(l.text.contains("năm 2020[^1], các xã"));
    // No body for a "2" anywhere: the year on page 2 stays as written.
    assert!(l.text.contains("năm 20202."));
    assert_eq!(l.text.matches('\u{c}').count(), 1);
}

#[test]
fn ambiguous_marker_is_left_alone() {
    // Two equally good candidates for marker 1 on the page: don't guess.
    let src = "Ngành hàng1 và chu trình1 theo quy định của Chương trình.\n\n                         \n1 Sáu ngành hàng gồm thực phẩm và đồ uống.\n";
    let l = layout(src);
    assert_eq!(l.footnotes.len(), 1);
    assert_eq!(l.footnotes[0].anchor_start, None);
    assert!(l.text.contains("Ngành hàng1 và chu trình1"));
    assert!(l.text.contains("[^1]: Sáu ngành hàng"));
}

#[test]
fn markdown_footnotes_are_read_back() {
    let src = "Năm 2020[^3], các xã đã hoàn thành.\n\n[^3]: Kế hoạch số 41.\n- Xã An Hải.\n\nĐoạn tiếp theo.\n";
    let l = layout(src);
    assert_eq!(l.text, src);
    assert_eq!(l.footnotes.len(), 1);
    assert_eq!(l.footnotes[0].text, "Kế hoạch số 41.\n- Xã An Hải.");
    let a = l.footnotes[0].anchor_start.expect("anchor");
    assert_eq!(&l.text[a..a + 4], "[^3]");
}

#[test]
fn plain_hard_wrapped_text_without_the_artifact() {
    // Typed text wrapped at ~70 characters, paragraphs apart by a blank line,
    // Windows line ends.
    let para = "Thực hiện Kế hoạch số 265-KH/HU của Ban Thường vụ Huyện uỷ về sơ kết\r\n\
                ba năm thực hiện Nghị quyết số 09-NQ/HU của Ban chấp hành Đảng bộ huyện\r\n\
                khóa XII về xây dựng mỗi xã một sản phẩm giai đoạn 2021 - 2025, Huyện\r\n\
                ủy báo cáo kết quả thực hiện như sau.\r\n";
    let src = format!("{para}\r\n{para}\r\n{para}\r\n- Mục một của danh sách;\r\n- Mục hai.\r\n");
    let l = layout(&src);
    let joined = "Thực hiện Kế hoạch số 265-KH/HU của Ban Thường vụ Huyện uỷ về sơ kết ba năm thực hiện Nghị quyết số 09-NQ/HU của Ban chấp hành Đảng bộ huyện khóa XII về xây dựng mỗi xã một sản phẩm giai đoạn 2021 - 2025, Huyện ủy báo cáo kết quả thực hiện như sau.";
    assert_eq!(
        l.text,
        format!("{joined}\n\n{joined}\n\n{joined}\n\n- Mục một của danh sách;\n- Mục hai.\n")
    );
    assert_eq!(layout(&l.text).text, l.text);
}

#[test]
fn paragraph_per_line_text_is_left_alone() {
    let src = "BÁO CÁO\n\nKết quả thực hiện Chương trình OCOP năm 2024.\n\n1. Công tác chỉ đạo\n- Ban hành kế hoạch.\n- Tổ chức tập huấn.\n";
    assert_eq!(layout(src).text, src);
}

/// A PDF fixture's text as layout receives it in the pipeline (decoded and
/// normalized). PDF text has no blank lines: one printed line per line, pages
/// separated by form feeds, and the footnote bodies wherever the re-flowed
/// pages put them (often mid-page, with running text after them).
fn pdf_sample(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("pdf fixture");
    let opts = baocao::Options::default();
    let (_, norm) = baocao::normalize_bytes(&path, &bytes, &opts).expect("pdf decodes");
    norm.text
}

#[test]
fn pdf_001_footnotes() {
    let l = layout(&pdf_sample("fixtures/pdf/001_849251cef8cea693.dejavu.pdf"));
    let found: Vec<&str> = l.footnotes.iter().map(|f| f.marker.as_str()).collect();
    // The product table's rows ("2. 2 Yến thô", "3 sao") are not footnotes.
    assert_eq!(found, ["1", "2", "3"]);
    assert_footnote(&l, 1, "6 ngành hàng gồm: (1) Nhóm", "theo 6 ngành hàng");
    assert_footnote(
        &l,
        2,
        "Chu trình OCOP gồm 6 bước:",
        "thực hiện Chu trình OCOP",
    );
    assert_footnote(
        &l,
        3,
        "Đơn vị tư vấn OCOP là các tổ chức",
        "Lựa chọn đơn vị tư vấn",
    );
    // Body 1 goes on over the page break; each body ends where it ends and
    // the running text after it is text again.
    assert!(l.footnotes[0].text.ends_with("điểm du lịch."));
    assert!(l.footnotes[0].text.contains("(6) Nhóm dịch vụ du lịch"));
    assert!(l.footnotes[1].text.ends_with("(6) Xúc tiến thương mại."));
    assert!(l.footnotes[2]
        .text
        .ends_with("(hoặc lĩnh vực cụ thể) các hoạt động của Chương trình OCOP."));
    assert!(!l.footnotes[1].text.contains("Năm 2025"));
    assert!(!l.footnotes[2].text.contains("2.4."));
    // Table rows keep their numbers.
    assert!(l.text.contains("2. 2 Yến thô cao cấp"));
    assert!(!l.text.contains("[^2]: 2 Yến") && !l.text.contains("[^3]: sao"));
    assert_idempotent(&l);
}

/// Layout of the output changes nothing, footnotes crossing a page included.
fn assert_idempotent(l: &Laid) {
    let twice = layout(&l.text);
    assert_eq!(twice.text, l.text);
    assert_eq!(twice.footnotes, l.footnotes);
}

#[test]
fn pdf_004_footnotes() {
    let l = layout(&pdf_sample("fixtures/pdf/004_9b2a86f56208a256.mono.pdf"));
    let found: Vec<&str> = l.footnotes.iter().map(|f| f.marker.as_str()).collect();
    assert_eq!(
        found,
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
    );
    assert_footnote(
        &l,
        1,
        "Kế hoạch số 41-KH/HU, ngày 16/9/2021",
        "ban hành kế hoạch",
    );
    assert_footnote(
        &l,
        2,
        "- Xã Phước Thái: Chương trình hành động",
        "thực hiện",
    );
    assert_footnote(&l, 3, "- Nhóm thực phẩm (11 sản phẩm)", "xếp hạng năm 2020");
    assert_footnote(&l, 4, "- Xã Phước Thuận (04 sản phẩm)", "kinh doanh");
    assert_footnote(
        &l,
        5,
        "Hộ kinh doanh cơ sở sản xuất Thiên Thảo",
        "xếp hạng 3 sao",
    );
    assert_footnote(&l, 6, "Vườn nho thôn Hiệp Hòa", "điểm du lịch cộng đồng");
    assert_footnote(&l, 7, "An Hải (15 lớp), Phước Hậu (09 lớp)", "lớp tập huấn");
    assert_footnote(
        &l,
        8,
        "Táo tươi Trường Thọ - HTX Trường Thọ, táo sấy dẻo",
        "đối với 12 sản phẩm",
    );
    assert_footnote(
        &l,
        9,
        "Táo tươi Trường Thọ - HTX Trường Thọ, Táo Sấy dẻo",
        "04 chủ thể (06 sản phẩm)",
    );
    assert_footnote(&l, 10, "Vùng trồng măng tây xanh 3 mã", "09 mã vùng");
    assert_footnote(&l, 11, "Năm 2022, 2023 phát triển", "quan tâm thực hiện");
    assert_footnote(
        &l,
        12,
        "- Xã Phước Thuận (09 sản phẩm)",
        "(nho xanh Ba Mọi)",
    );
    assert_contains(&l, "xếp hạng năm 2020[^3], hiện nay");
    assert!(!l.text.contains("20203"));
    assert_contains(&l, "339,4km2");

    // Where each body ends: at the end of its list, or its last sentence.
    let ends = [
        (1, "Tỉnh ủy và Huyện ủy."),
        (2, "- TT Phước Dân: Kế hoạch số 38- KH/ĐU ngày 29/11/2021"),
        (3, "Siro Nho, Vang Nho, Rượu Brandy."),
        (4, "Táo tươi Hoàng Dãi - HKD Nguyễn Hoàng Dãi."),
        (
            5,
            "- Hộ kinh doanh Phan Thị Ngọc Châu sản phẩm mật táo, táo sấy dẻo",
        ),
        (6, "gắn đồi cát Nam Cương, xã An Hải."),
        (7, "Phước Hải (19 lớp)."),
        (9, "Táo sấy dẻo - của HTX Phước Vinh."),
        (
            10,
            "Vùng trồng măng tây xanh 3 mã, táo 3 mã, chuối 01 mã, dưa lưới 01 mã, lúa 01 mã.",
        ),
        (12, "Măng Tây tươi - HTX Châu Rế."),
    ];
    for (k, end) in ends {
        let f = &l.footnotes[k - 1];
        assert!(f.text.ends_with(end), "body {k}: {:?}", f.text);
    }
    assert_eq!(l.footnotes[1].text.lines().count(), 9);
    // The running text goes on after the bodies.
    assert_contains(&l, "Huyện ủy.\n\nNhìn chung, việc quán triệt");
    // Body 2 goes on over the page break with its list.
    assert!(l.footnotes[1]
        .text
        .contains("ngày 27/9/2021\n\u{c}- Xã Phước Vinh"));
    assert_idempotent(&l);
}
