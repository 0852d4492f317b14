//! DOCX input on real Word files made from the sample documents
//! (`fixtures/make_docx.sh`). Expected values are read off the source texts.

use baocao::input::docx::decode;
use baocao::Options;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn lines_of(name: &str) -> Vec<String> {
    let d = decode(&fixture(name), &Options::default()).unwrap();
    assert_eq!(d.format, "docx");
    assert_eq!(d.backend, "docx");
    assert_eq!(d.encoding, None);
    assert_eq!(d.pages, None);
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    d.doc.text.split('\n').map(str::to_string).collect()
}

#[test]
fn report_003_table_rows_with_merged_cells() {
    let lines = lines_of("003_report_table.docx");
    let rows: Vec<&str> = lines
        .iter()
        .filter(|l| l.contains('\t'))
        .map(String::as_str)
        .collect();
    // Sample 003's "Phụ lục 2" table: 9 grid columns. The header's first five
    // cells span two rows (continuations are empty cells), "Đăng ký sản phẩm"
    // spans the four star columns, the section rows span columns 2-9, and
    // "Nguyễn Nghiêm" (rows 1-4) and "Xã Phổ Quang" (rows 6-7) are merged down.
    let expected = [
        "TT\tĐịa phương (Xã/phường/ thị trấn)\tTên sản phẩm\tNgười đại diện trước pháp luật (chủ thể)\tĐịa chỉ sản xuất sản phẩm\tĐăng ký sản phẩm\t\t\t",
        "\t\t\t\t\t3 sao\t4 sao\tNâng hạng 3 sao lên 4 sao\tNâng hạng 4 sao lên 5 sao",
        "I\tĐăng ký sản phẩm mới\t\t\t\t\t\t\t",
        "1\tNguyễn Nghiêm\tDầu phụng\tHuỳnh Ngọc Khá\tTDP 3, phường Nguyễn Nghiêm\tX\t\t\t",
        "2\t\tBột sắn dây\tHuỳnh Ngọc Khá\tTDP 3, phường Nguyễn Nghiêm\tX\t\t\t",
        "3\t\tBò khô\tĐỗ Thị Tuyết Hà\tTDP 2, phường Nguyễn Nghiêm\tX\t\t\t",
        "4\t\tCơm cháy chà bông\tĐỗ Thị Tuyết Hà\tTDP 2, phường Nguyễn Nghiêm\tX\t\t\t",
        "5\tXã Phổ Phong\tĐiểm du lịch Cát Mộc Homestay\tNgô Quốc Việt\tThôn Tân Phong, xã Phổ Phong\tX\t\t\t",
        "6\tXã Phổ Quang\tNước mắm nhì\tLê Thị Thùy Trang\tTDP Hải Tân, phường Phổ Quang\tX\t\t\t",
        "7\t\tNước mắm nhất hảo hạng\tLê Thị Thùy Trang\tTDP Hải Tân, phường Phổ Quang\tX\t\t\t",
        "8\tPhổ Hòa\tHủ tiêu tươi Sáu Thạnh\tVõ Minh Khải\tTDP An Thường, phường Phổ Hòa\tX\t\t\t",
        "9\tPhổ Khánh\tDầu phụng Phổ Khánh\tNgô Thanh Phương\tThôn Quy Thiện, xã Phổ Khánh\tX\t\t\t",
        "10\tPhổ An\tCơm cháy rong biển Ori\tTrần Quốc Việt\tThôn Hội An 2, xã Phổ An\tX\t\t\t",
        "II\tĐăng ký đánh giá lại (sản phẩm sắp hết hạn)\t\t\t\t\t\t\t",
        "1\tPhở Thuận\tBánh thuẫn Bây dầy\tTrần Thị Lợi\tThôn Vung 4, xã Phở Thuận\tX\t\t\t",
        "2\tNguyễn Nghiêm\tTinh bột nghệ\tHuỳnh Ngọc Khá\tTDP 3, phường Nguyễn Nghiêm\tX\t\t\t",
        "3\tPhở Phong\tChôi đốt Phở Phong\tTạ Thị Châu Loan\tThôn Hùng Nghĩa, xã Phở Phong\tX\t\t\t",
    ];
    assert_eq!(rows, expected);
    for r in &rows {
        assert_eq!(r.matches('\t').count(), 8, "every row keeps 9 cells: {r:?}");
    }
    // The table is the document's end, after the appendix title.
    assert_eq!(lines.last().map(String::as_str), Some(expected[16]));
}

#[test]
fn report_003_paragraphs_in_order() {
    let lines = lines_of("003_report_table.docx");
    let at = |s: &str| {
        lines
            .iter()
            .position(|l| l == s)
            .unwrap_or_else(|| panic!("missing line {s:?}"))
    };
    assert_eq!(lines[0], "BÁO CÁO");
    assert_eq!(
        lines[1],
        "Kết quả thực hiện Chương trình mỗi xã một sản phẩm (OCOP) năm 2024, phương hướng, nhiệm vụ năm 2025 trên địa bàn thị xã Đức Phổ"
    );
    // Headings come in the document's order.
    let order = [
        at("Phần thứ nhất"),
        at("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH OCOP"),
        at("III. KINH PHÍ THỰC HIỆN"),
        // Italic in the Word file (`*...*` in the text): formatting is dropped.
        at("2. Kinh phí đã giải ngân: 324,474 triệu đồng, trong đó:"),
        at("Phần thứ hai"),
        at("Nơi nhận:"),
        at("Trần Ngọc Sang"),
        at("Phụ lục 2:"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Line breaks inside one paragraph (the signer's bold block, the list of
    // recipients) are line ends.
    let sign = at("KT. CHỦ TỊCH");
    assert_eq!(lines[sign + 1], "PHÓ CHỦ TỊCH");
    let rec = at("Nơi nhận:");
    assert_eq!(lines[rec + 1], "- Sở NN và PTNT;");
    assert_eq!(lines[rec + 5], "- Lưu VT.");
    // Every prose line of the source text is there, in order, once its
    // markdown-style emphasis marks and surrounding spaces are removed.
    let src = std::fs::read_to_string(format!(
        "{}/fixtures/003_49b22b13f22dc593.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let prose: Vec<String> = src
        .lines()
        .filter(|l| !l.contains('\t') && !l.trim().is_empty())
        .map(|l| l.replace('*', "").trim().to_string())
        .collect();
    let got: Vec<&String> = lines.iter().filter(|l| !l.contains('\t')).collect();
    assert_eq!(got.len(), prose.len());
    for (g, p) in got.iter().zip(&prose) {
        assert_eq!(*g, p);
    }
}

#[test]
fn footnotes_renumbered_and_appended() {
    // The Word file numbers its notes 20, 21, 22 (pandoc's ids); the text
    // says [^1], [^2], [^3] in order of appearance.
    let lines = lines_of("001_footnotes.docx");
    assert_eq!(
        lines,
        vec![
            "KẾ HOẠCH",
            "Triển khai thực hiện Chương trình mỗi xã một sản phẩm (OCOP) năm 2025 trên địa bàn phường Nghĩa Lộ",
            "2. Yêu cầu",
            "- Phát triển các sản phẩm OCOP đa dạng, nâng cao chất lượng theo 6 ngành hàng[^1] và thực hiện Chu trình OCOP[^2] theo đúng quy định;",
            "- Lựa chọn đơn vị tư vấn[^3] có đủ năng lực tốt để tổ chức tư vấn, hướng dẫn, hỗ trợ cơ sở sản xuất hoàn thiện, nâng cấp các sản phẩm đăng ký tham gia Chương trình;",
            "[^1]: 6 ngành hàng gồm: (1) Nhóm thực phẩm, gồm: Nông, thủy sản tươi sống; nông, thủy sản sản sơ chế, chế biến và các thực phẩm khác; (2) Nhóm đồ uống, gồm: Đồ uống có cồn; đồ uống không cồn; (3) Nhóm dược liệu và sản phẩm từ dược liệu, gồm: Sản phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền, mỹ phẩm có thành phần từ thảo dược, tinh dầu và dược liệu khác; (4) Nhóm hàng thủ công mỹ nghệ, gồm: Các sản phẩm từ gỗ, sợi tự nhiên, kim loại, gốm sứ, dệt may, thêu ren... làm đồ lưu niệm, đồ trang trí, đồ gia dụng; (5) Nhóm sinh vật cảnh, gồm: Hoa, cây cảnh, động vật cảnh; (6) Nhóm dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch.",
            "[^2]: Chu trình OCOP gồm 6 bước: (1) Tuyên truyền, hướng dẫn; (2) Nhận đăng ký ý tưởng sản phẩm; (3) Nhận phương án/dự án sản xuất kinh doanh; (4) Triển khai phương án/dự án sản xuất kinh doanh; (5) Đánh giá và phân hạng sản phẩm cấp tỉnh, quốc gia; (6) Xúc tiến thương mại.",
            "[^3]: Đơn vị tư vấn OCOP là các tổ chức/cá nhân có kinh nghiệm và năng lực tư vấn toàn diện (hoặc lĩnh vực cụ thể) các hoạt động của Chương trình OCOP.",
        ]
    );
}

#[test]
fn whole_pipeline_reports_docx_source() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docx/001_footnotes.docx");
    let doc = baocao::process_path(&path, &Options::default());
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_eq!(doc.source.format, "docx");
    assert_eq!(doc.source.backend.as_deref(), Some("docx"));
    assert_eq!(doc.source.pages, None);
    assert_eq!(doc.source.encoding, None);
    assert_eq!(doc.source.bytes, std::fs::metadata(&path).unwrap().len());
    assert!(doc.text.unwrap().starts_with("KẾ HOẠCH\n"));
}

#[test]
fn list_numbering_becomes_markers() {
    // In this file "I.", "1.", "II." and the bullets are Word list numbering,
    // not text; sample 001 writes them as text, and so must we.
    let lines = lines_of("001_numbered.docx");
    assert_eq!(
        lines,
        vec![
            "KẾ HOẠCH",
            "Triển khai thực hiện Chương trình mỗi xã một sản phẩm (OCOP) năm 2025 trên địa bàn phường Nghĩa Lộ",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "- Khuyến khích các chủ thể sản xuất trên địa bàn khai thác tiềm năng về đất đai, sản vật, lợi thế so sánh;",
            "- Thúc đẩy chuyển dịch cơ cấu kinh tế, cơ cấu lao động nông thôn.",
            "II. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH OCOP TRÊN ĐỊA BÀN ĐẾN NGÀY 30/9/2025",
        ]
    );
}

#[test]
fn damaged_bytes_never_panic() {
    // Deterministic mutations of real files: flipped bytes, truncations.
    // Whatever comes out, decode returns (Ok or a corrupt_docx error).
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut errors = 0;
    for name in [
        "001_footnotes.docx",
        "003_report_table.docx",
        "001_numbered.docx",
    ] {
        let good = fixture(name);
        for round in 0..150 {
            let mut b = good.clone();
            if round % 10 == 0 {
                b.truncate((next() as usize) % b.len());
            } else {
                for _ in 0..1 + round % 4 {
                    let i = (next() as usize) % b.len();
                    b[i] = next() as u8;
                }
            }
            let r = std::panic::catch_unwind(|| decode(&b, &Options::default()));
            match r {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    assert_eq!(
                        e.kind.as_str(),
                        "corrupt_docx",
                        "{name} round {round}: {e:?}"
                    );
                    errors += 1;
                }
                Err(_) => panic!("{name} round {round}: decode panicked"),
            }
        }
    }
    // Deflate streams and the zip directory are checksummed: most damage is
    // caught, not silently read.
    assert!(errors > 100, "{errors}");
}
