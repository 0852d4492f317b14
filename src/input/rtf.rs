//! Rich Text Format, read with a real tokenizer: groups, control words,
//! `\'hh` bytes under the font's `\fcharset` (or `\ansicpg`), `\uN` with its
//! `\ucN` fallback skipped, the font table, destinations skipped, paragraphs,
//! table cells and rows, footnotes, and field results (codes dropped).
//!
//! Bytes in a legacy font (`.VnTime`, `VNI-Times`) are kept as their
//! Windows-1252 characters, as Word shows them, and their runs carry the font
//! name, so normalize decodes them by font. Groups are a stack, never
//! recursion: nesting deeper than [`MAX_DEPTH`] is a typed error.

use encoding_rs::Encoding;

use super::flow::Flow;
use super::Decoded;
use crate::model::FontEncoding;
use crate::options::Options;
use crate::output::{DocError, ErrorKind};

/// Deepest group nesting accepted (Word writes a few dozen at most).
pub const MAX_DEPTH: usize = 1000;

const CORRUPT: ErrorKind = ErrorKind::CorruptRtf;

/// Destinations whose content is not document text.
const SKIPPED: &[&str] = &[
    "fonttbl", // parsed apart (see `Sink::FontTable`)
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "objdata",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "fldinst",
    "listtable",
    "listoverridetable",
    "listtext",
    "pntext",
    "pntxta",
    "pntxtb",
    "revtbl",
    "rsidtbl",
    "filetbl",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "generator",
    "pgdsctbl",
    "shprslt",
    "nonshppict",
    "shpinst",
    "bkmkstart",
    "bkmkend",
    "xe",
    "tc",
    "atnid",
    "atnauthor",
    "annotation",
    "template",
    "userprops",
    "docvar",
];

/// Where the text of a group goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sink {
    Main,
    /// The body of footnote `k` (0-based).
    Note(usize),
    FontTable,
    Skip,
}

/// Formatting state of a group.
#[derive(Debug, Clone, Copy)]
struct State {
    sink: Sink,
    font: Option<i32>,
    /// Characters of `\uN` fallback to skip.
    uc: u32,
    in_table: bool,
}

/// What a note body is made of, replayed after the main text.
enum NoteEvent {
    Text(String, Option<String>),
    Para,
}

#[derive(Debug, Clone)]
struct Font {
    num: i32,
    name: String,
    charset: Option<u32>,
}

/// Decode an RTF document.
pub fn decode(data: &[u8], _opts: &Options) -> Result<Decoded, DocError> {
    let mut p = Parser::new(data);
    p.run()?;
    Ok(Decoded {
        format: "rtf".into(),
        encoding: p.ansicpg.map(|c| format!("cp{c}")),
        backend: "rtf".into(),
        pages: None,
        doc: p.finish(),
        ..Default::default()
    })
}

struct Parser<'a> {
    data: &'a [u8],
    pos: usize,
    stack: Vec<State>,
    st: State,
    fonts: Vec<Font>,
    /// The font entry being read in the font table.
    font_entry: Option<Font>,
    deff: Option<i32>,
    ansicpg: Option<u32>,
    /// Fallback characters left to skip after `\uN`.
    skip: u32,
    /// A control word started a group: it may name its destination.
    group_start: bool,
    /// `\*` seen at the start of this group.
    star: bool,
    flow: Flow,
    notes: Vec<Vec<NoteEvent>>,
    /// The run being collected: text, pending bytes, font, table flag.
    run: String,
    bytes: Vec<u8>,
    run_font: Option<i32>,
    run_table: bool,
}

impl<'a> Parser<'a> {
    fn new(data: &'a [u8]) -> Self {
        let st = State {
            sink: Sink::Main,
            font: None,
            uc: 1,
            in_table: false,
        };
        Parser {
            data,
            pos: 0,
            stack: Vec::new(),
            st,
            fonts: Vec::new(),
            font_entry: None,
            deff: None,
            ansicpg: None,
            skip: 0,
            group_start: false,
            star: false,
            flow: Flow::new(),
            notes: Vec::new(),
            run: String::new(),
            bytes: Vec::new(),
            run_font: None,
            run_table: false,
        }
    }

    fn run(&mut self) -> Result<(), DocError> {
        if !self.data.starts_with(b"{\\rtf") {
            return Err(DocError::new(CORRUPT, "does not start with {\\rtf"));
        }
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            self.pos += 1;
            match b {
                b'{' => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(DocError::new(
                            CORRUPT,
                            format!("groups nested deeper than {MAX_DEPTH}"),
                        ));
                    }
                    self.stack.push(self.st);
                    self.group_start = true;
                    self.star = false;
                    self.skip = 0;
                }
                b'}' => {
                    self.close_group();
                    if self.stack.is_empty() {
                        break;
                    }
                }
                b'\\' => {
                    self.control()?;
                    continue;
                }
                b'\r' | b'\n' => continue,
                b'\t' => self.word("tab", None),
                _ => self.literal(b),
            }
            if b != b'{' {
                self.group_start = false;
            }
        }
        self.flush();
        Ok(())
    }

    fn close_group(&mut self) {
        if self.st.sink == Sink::FontTable {
            self.end_font_entry();
        }
        let Some(prev) = self.stack.pop() else {
            return;
        };
        if self.st.sink != prev.sink
            || self.st.font != prev.font
            || self.st.in_table != prev.in_table
        {
            self.flush();
        }
        self.st = prev;
        self.skip = 0;
        self.group_start = false;
    }

    /// A plain byte of text.
    fn literal(&mut self, b: u8) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match self.st.sink {
            Sink::Skip => {}
            Sink::FontTable => {
                if let Some(f) = &mut self.font_entry {
                    if b == b';' {
                        self.end_font_entry();
                    } else {
                        f.name.push(b as char);
                    }
                }
            }
            Sink::Main | Sink::Note(_) => self.byte(b),
        }
    }

    fn end_font_entry(&mut self) {
        if let Some(mut f) = self.font_entry.take() {
            f.name = f.name.trim().to_string();
            self.fonts.push(f);
        }
    }

    /// A control word or symbol after `\`.
    fn control(&mut self) -> Result<(), DocError> {
        let d = self.data;
        let Some(&c) = d.get(self.pos) else {
            return Ok(());
        };
        if !c.is_ascii_alphabetic() {
            self.pos += 1;
            let at_start = self.group_start;
            self.group_start = false;
            match c {
                b'\'' => {
                    let hex = d.get(self.pos..self.pos + 2).unwrap_or(&[]);
                    self.pos += hex.len();
                    let v = std::str::from_utf8(hex)
                        .ok()
                        .and_then(|h| u8::from_str_radix(h, 16).ok());
                    if let Some(v) = v {
                        if self.skip > 0 {
                            self.skip -= 1;
                        } else if matches!(self.st.sink, Sink::Main | Sink::Note(_)) {
                            self.byte(v);
                        } else if let (Sink::FontTable, Some(f)) =
                            (self.st.sink, &mut self.font_entry)
                        {
                            f.name.push(v as char);
                        }
                    }
                }
                b'*' if at_start => {
                    self.star = true;
                    self.group_start = true;
                }
                b'~' => self.special('\u{a0}'),
                b'_' => self.special('-'),
                // An optional hyphen after a letter in a TCVN3 font is the
                // byte 0xAD, `ư`, that a converter took for a soft hyphen.
                b'-' if self.after_letter() && self.tcvn3_font() => self.byte(0xAD),
                b'-' => {}
                b'{' | b'}' | b'\\' => self.literal(c),
                b'\r' | b'\n' => self.word("par", None),
                _ => {}
            }
            return Ok(());
        }
        let start = self.pos;
        while self.pos < d.len() && d[self.pos].is_ascii_alphabetic() && self.pos - start < 32 {
            self.pos += 1;
        }
        let name = std::str::from_utf8(&d[start..self.pos]).unwrap_or("");
        let num_start = self.pos;
        if d.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        while self.pos < d.len() && d[self.pos].is_ascii_digit() && self.pos - num_start < 11 {
            self.pos += 1;
        }
        let param = std::str::from_utf8(&d[num_start..self.pos])
            .ok()
            .and_then(|s| s.parse::<i64>().ok());
        if d.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
        if name == "bin" {
            let n = param.unwrap_or(0).max(0) as usize;
            self.pos = self.pos.saturating_add(n).min(d.len());
            self.group_start = false;
            return Ok(());
        }
        let name = name.to_string();
        let at_start = std::mem::take(&mut self.group_start);
        if at_start && self.destination(&name) {
            return Ok(());
        }
        if self.star && at_start {
            // An unknown `\*` destination: skip the group.
            self.st.sink = Sink::Skip;
            return Ok(());
        }
        self.word(&name, param);
        Ok(())
    }

    /// A control word at the start of a group that names a destination;
    /// true when handled.
    fn destination(&mut self, name: &str) -> bool {
        match name {
            "fonttbl" => {
                self.flush();
                self.st.sink = Sink::FontTable;
                true
            }
            "footnote" => {
                self.flush();
                match self.st.sink {
                    Sink::Main => {
                        let n = self.flow.note_ref(self.st.in_table);
                        self.notes.push(Vec::new());
                        self.st.sink = Sink::Note(n - 1);
                    }
                    _ => self.st.sink = Sink::Skip,
                }
                self.st.in_table = false;
                true
            }
            "fldrslt" => true,
            n if SKIPPED.contains(&n) => {
                self.flush();
                self.st.sink = Sink::Skip;
                true
            }
            _ if self.star => {
                self.flush();
                self.st.sink = Sink::Skip;
                true
            }
            _ => false,
        }
    }

    /// A control word (not a destination).
    fn word(&mut self, name: &str, param: Option<i64>) {
        if self.st.sink == Sink::FontTable {
            match name {
                "f" => {
                    self.end_font_entry();
                    self.font_entry = Some(Font {
                        num: param.unwrap_or(0) as i32,
                        name: String::new(),
                        charset: None,
                    });
                }
                "fcharset" => {
                    if let Some(f) = &mut self.font_entry {
                        f.charset = param.map(|p| p as u32);
                    }
                }
                _ => {}
            }
            return;
        }
        if self.skip > 0 && !matches!(name, "par" | "cell" | "row") {
            self.skip -= 1;
            return;
        }
        match name {
            "ansicpg" => self.ansicpg = param.map(|p| p as u32),
            "deff" => self.deff = param.map(|p| p as i32),
            "uc" => self.st.uc = param.unwrap_or(1).clamp(0, 16) as u32,
            "u" => {
                let v = param.unwrap_or(0);
                let v = if v < 0 { v + 65536 } else { v } as u32;
                let c = char::from_u32(v).unwrap_or('\u{FFFD}');
                self.special(c);
                self.skip = self.st.uc;
            }
            "f" => {
                let f = param.map(|p| p as i32);
                if f != self.st.font {
                    self.flush_bytes();
                }
                self.st.font = f;
            }
            "plain" => {
                self.flush_bytes();
                self.st.font = None;
            }
            "pard" => self.st.in_table = false,
            "intbl" => self.st.in_table = true,
            "itap" => self.st.in_table = param.unwrap_or(1) > 0,
            "par" | "sect" | "page" => self.mark(Mark::Para),
            "line" => self.mark(Mark::Line),
            "cell" => self.mark(Mark::Cell),
            "row" => self.mark(Mark::Row),
            "nestcell" | "tab" => self.special(if name == "tab" { '\t' } else { ' ' }),
            "emdash" => self.special('—'),
            "endash" => self.special('–'),
            "bullet" => self.special('•'),
            "lquote" => self.special('‘'),
            "rquote" => self.special('’'),
            "ldblquote" => self.special('“'),
            "rdblquote" => self.special('”'),
            "emspace" | "enspace" | "qmspace" => self.special(' '),
            _ => {}
        }
    }

    /// A structural mark.
    fn mark(&mut self, m: Mark) {
        match self.st.sink {
            Sink::Main => {
                self.flush();
                let t = self.st.in_table;
                match m {
                    Mark::Para => self.flow.para_end(t),
                    Mark::Line => self.flow.line_break(t),
                    Mark::Cell => self.flow.cell_end(),
                    Mark::Row => self.flow.row_end(),
                }
            }
            Sink::Note(k) => {
                self.flush();
                if let Some(n) = self.notes.get_mut(k) {
                    n.push(NoteEvent::Para);
                }
            }
            _ => {}
        }
    }

    /// The current font number.
    fn font_num(&self) -> Option<i32> {
        self.st.font.or(self.deff)
    }

    fn font(&self, num: Option<i32>) -> Option<&Font> {
        let n = num?;
        self.fonts.iter().rev().find(|f| f.num == n)
    }

    /// Make the run's font and table state the current ones.
    fn switch_run(&mut self) {
        let f = self.font_num();
        if f != self.run_font || self.st.in_table != self.run_table {
            self.flush();
            self.run_font = f;
            self.run_table = self.st.in_table;
        }
    }

    /// A byte of text (`\'hh` or literal), decoded at flush.
    fn byte(&mut self, b: u8) {
        if !matches!(self.st.sink, Sink::Main | Sink::Note(_)) {
            return;
        }
        self.switch_run();
        self.bytes.push(b);
    }

    /// A Unicode character of text.
    fn special(&mut self, c: char) {
        if !matches!(self.st.sink, Sink::Main | Sink::Note(_)) {
            return;
        }
        self.switch_run();
        self.flush_bytes();
        let legacy = self.legacy_font(self.run_font);
        // A symbol-area code point in a legacy font stands for its byte.
        if legacy && ('\u{F020}'..='\u{F0FF}').contains(&c) {
            self.bytes.push((c as u32 - 0xF000) as u8);
            self.flush_bytes();
        } else {
            self.run.push(c);
        }
    }

    /// Is the last character of the run a letter?
    fn after_letter(&self) -> bool {
        match self.bytes.last() {
            Some(&b) => b.is_ascii_alphabetic() || b >= 0x80,
            None => self.run.chars().last().is_some_and(char::is_alphabetic),
        }
    }

    fn tcvn3_font(&self) -> bool {
        self.font(self.font_num())
            .and_then(|f| FontEncoding::of(&f.name))
            .is_some_and(FontEncoding::is_tcvn3)
    }

    fn legacy_font(&self, num: Option<i32>) -> bool {
        self.font(num)
            .is_some_and(|f| FontEncoding::code_page_of(&f.name).is_some())
    }

    /// Decode the pending bytes into the run: Windows-1252 in a legacy font
    /// (what Word shows), else the font's charset or the document's code page.
    fn flush_bytes(&mut self) {
        if self.bytes.is_empty() {
            return;
        }
        let enc = if self.legacy_font(self.run_font) {
            encoding_rs::WINDOWS_1252
        } else {
            let charset = self.font(self.run_font).and_then(|f| f.charset);
            charset
                .and_then(charset_encoding)
                .or_else(|| self.ansicpg.and_then(codepage_encoding))
                .unwrap_or(encoding_rs::WINDOWS_1252)
        };
        let (s, _, _) = enc.decode(&self.bytes);
        self.run.push_str(&s);
        self.bytes.clear();
    }

    /// Hand the run to its sink.
    fn flush(&mut self) {
        self.flush_bytes();
        if self.run.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.run);
        let font = self.font(self.run_font).map(|f| f.name.clone());
        let font = font.filter(|f| !f.is_empty());
        match self.st.sink {
            Sink::Main => self.flow.text(&text, font.as_deref(), self.run_table),
            Sink::Note(k) => {
                if let Some(n) = self.notes.get_mut(k) {
                    n.push(NoteEvent::Text(text, font));
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> crate::model::Doc {
        self.flush();
        self.flow.end_main();
        for (k, events) in std::mem::take(&mut self.notes).into_iter().enumerate() {
            self.flow.begin_note(k + 1);
            for e in events {
                match e {
                    NoteEvent::Text(t, f) => self.flow.text(&t, f.as_deref(), false),
                    NoteEvent::Para => self.flow.para_end(false),
                }
            }
            self.flow.end_note();
        }
        self.flow.finish()
    }
}

#[derive(Clone, Copy)]
enum Mark {
    Para,
    Line,
    Cell,
    Row,
}

/// The encoding of an RTF `\fcharset`.
fn charset_encoding(cs: u32) -> Option<&'static Encoding> {
    use encoding_rs::*;
    Some(match cs {
        0 => WINDOWS_1252,
        128 => SHIFT_JIS,
        129 => EUC_KR,
        134 => GBK,
        136 => BIG5,
        161 => WINDOWS_1253,
        162 => WINDOWS_1254,
        163 => WINDOWS_1258,
        177 => WINDOWS_1255,
        178 => WINDOWS_1256,
        186 => WINDOWS_1257,
        204 => WINDOWS_1251,
        222 => WINDOWS_874,
        238 => WINDOWS_1250,
        _ => return None,
    })
}

/// The encoding of an `\ansicpg` code page.
fn codepage_encoding(cp: u32) -> Option<&'static Encoding> {
    use encoding_rs::*;
    Some(match cp {
        874 => WINDOWS_874,
        932 => SHIFT_JIS,
        936 => GBK,
        949 => EUC_KR,
        950 => BIG5,
        1250 => WINDOWS_1250,
        1251 => WINDOWS_1251,
        1252 => WINDOWS_1252,
        1253 => WINDOWS_1253,
        1254 => WINDOWS_1254,
        1255 => WINDOWS_1255,
        1256 => WINDOWS_1256,
        1257 => WINDOWS_1257,
        1258 => WINDOWS_1258,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> crate::model::Doc {
        decode(s.as_bytes(), &Options::default()).unwrap().doc
    }

    #[test]
    fn fonts_bytes_unicode_and_skips() {
        let doc = read(concat!(
            r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}",
            r"{\f1\fnil\fcharset0 .VnTime;}{\f2\fcharset0 VNI-Times;}}",
            r"{\colortbl;\red0\green0\blue0;}{\*\generator Foo;}{\info{\title T}}",
            r"\pard\plain\f1 Quy\'d5t \'ae\'dfnh\par",
            r"\pard\f0 Vi\u7879?t Nam {\field{\*\fldinst PAGE}{\fldrslt 3}}\par",
            r"\pard\f2 Vi\'e4\'e4t\par}",
        ));
        assert_eq!(
            doc.text,
            "Quy\u{d5}t \u{ae}\u{df}nh\nViệt Nam 3\nVi\u{e4}\u{e4}t"
        );
        assert_eq!(doc.check(), Ok(()));
        let fonts: Vec<(&str, &str)> = doc
            .fonts
            .iter()
            .map(|f| (doc.slice(&f.range), f.font.as_str()))
            .collect();
        assert_eq!(
            fonts,
            [
                ("Quy\u{d5}t \u{ae}\u{df}nh", ".VnTime"),
                ("Việt Nam 3", "Times New Roman"),
                ("Vi\u{e4}\u{e4}t", "VNI-Times")
            ]
        );
    }

    #[test]
    fn soft_hyphen_byte_survives_in_legacy_font() {
        // TCVN3 `ư` is 0xAD.
        let doc = read(
            r"{\rtf1{\fonttbl{\f1 .VnTime;}{\f2 Arial;}}\f1 n\'ad\'edc n\-\'edc \-Hai\f2  a\-b\par}",
        );
        assert_eq!(doc.text, "n\u{ad}\u{ed}c n\u{ad}\u{ed}c Hai ab");
    }

    #[test]
    fn tables_and_footnotes() {
        let doc = read(concat!(
            r"{\rtf1{\fonttbl{\f0 Arial;}}",
            r"\pard Tr\u432?\u7899?c{\super\chftn}{\footnote\pard{\super\chftn} Ghi ch\u250?.}\par",
            r"\trowd\cellx100\cellx200\pard\intbl A\cell B\par C\cell\row",
            r"\trowd\cellx100\cellx200\pard\intbl 1\cell\cell\row",
            r"\pard Sau\par}",
        ));
        assert_eq!(doc.text, "Trước[^1]\nA\tB C\n1\t\nSau\n[^1]: Ghi chú.");
        assert_eq!(doc.check(), Ok(()));
        let (_, t) = doc.tables().next().unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(doc.slice(&t.rows[0].cells[1].range), "B C");
        assert_eq!(t.rows[0].cells[1].paragraphs.len(), 2);
        assert_eq!(doc.slice(&t.rows[1].cells[1].range), "");
        let (b, n) = doc.notes().next().unwrap();
        assert_eq!(doc.slice(&b.range), "Ghi chú.");
        assert_eq!(doc.slice(n.anchor.as_ref().unwrap()), "[^1]");
    }

    #[test]
    fn unicode_fallback_of_several_bytes() {
        let doc = read(r"{\rtf1\uc2 a\u7879\'ea\'a3b\par}");
        assert_eq!(doc.text, "aệb");
    }

    #[test]
    fn hostile_input_fails_fast() {
        let deep = format!("{{\\rtf1 {}x", "{".repeat(1_000_000));
        let t = std::time::Instant::now();
        let e = decode(deep.as_bytes(), &Options::default()).unwrap_err();
        assert_eq!(e.kind, CORRUPT);
        assert!(e.message.contains("deeper"), "{}", e.message);
        assert!(t.elapsed().as_secs() < 2);
        // Unbalanced, truncated, a huge \bin: no panic.
        for s in [
            r"{\rtf1 abc",
            r"{\rtf1 \'",
            r"{\rtf1 \'4",
            r"{\rtf1 \bin99999999999 x}",
            r"{\rtf1 \u-99999999999 x}",
            r"{\rtf1 }}}}} x",
            r"{\rtf1 \",
        ] {
            assert!(decode(s.as_bytes(), &Options::default()).is_ok(), "{s}");
        }
    }
}

#[cfg(test)]
mod real_tests {
    //! The RTF reader on a real archive file and on the LibreOffice-made
    //! fixture; expected sentences read from the transcripts.

    use super::*;
    use crate::normalize::fonts::decode_doc;

    fn text(name: &str) -> String {
        let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap();
        let d = crate::input::decode(&path, &bytes, &Options::default()).unwrap();
        assert_eq!(d.format, "rtf");
        assert_eq!(d.doc.check(), Ok(()));
        let t = decode_doc(&d.doc).0.text.clone();
        t
    }

    #[test]
    fn real_circular_in_vntime() {
        let t = text("legacy-real/2003-A37.rtf");
        for sentence in [
            // A .VnTimeH heading (the transcript writes it in lower case).
            "LIÊN TỊCH BỘ TÀI CHÍNH - CÔNG NGHIỆP - TỔNG CỤC HẢI QUAN",
            "3.6- Thực hiện nộp thuế GTGT theo phương pháp khẩu trừ.",
            "4.1: Tỷ lệ nội địa hoá được xác định bằng công thức sau:",
        ] {
            assert!(t.contains(sentence), "missing: {sentence}");
        }
    }

    #[test]
    fn generated_mixed_fonts_table_and_footnote() {
        let t = text("legacy-gen/mixed.rtf");
        let lines: Vec<&str> = t.lines().collect();
        // The text read from mixed.fodt (`uû` in .VnTimeH is u + ỷ: the
        // tone moves later, in normalize).
        let expected = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/legacy-gen/mixed.expected"
        ));
        assert_eq!(lines, expected.lines().collect::<Vec<_>>());
    }
}
