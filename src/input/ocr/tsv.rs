//! Tesseract's TSV output: one row per page, block, paragraph, line and
//! word, each with its box; words (level 5) carry a confidence and text.

/// A recognised word.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Tesseract's block, paragraph and line numbers (its own grouping).
    pub block: u32,
    pub par: u32,
    pub line: u32,
    pub left: i32,
    pub top: i32,
    pub width: i32,
    pub height: i32,
    /// 0-100.
    pub conf: f64,
    pub text: String,
}

impl Word {
    pub fn right(&self) -> i32 {
        self.left + self.width
    }
    pub fn bottom(&self) -> i32 {
        self.top + self.height
    }
}

/// The words of one page image, in Tesseract's reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub width: i32,
    pub height: i32,
    pub words: Vec<Word>,
}

/// Split TSV output into pages. Malformed rows are skipped: the output is
/// Tesseract's, but a broken or truncated one must not stop the file.
pub fn pages(tsv: &str) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for line in tsv.lines() {
        let f: Vec<&str> = line.splitn(12, '\t').collect();
        if f.len() < 11 {
            continue;
        }
        let num = |i: usize| f[i].trim().parse::<i32>().ok();
        let (Some(level), Some(page)) = (num(0), num(1)) else {
            continue; // the header row
        };
        let (Some(left), Some(top), Some(width), Some(height)) = (num(6), num(7), num(8), num(9))
        else {
            continue;
        };
        if !(1..=100_000).contains(&page) {
            continue;
        }
        while pages.len() < page as usize {
            pages.push(Page::default());
        }
        let p = &mut pages[page as usize - 1];
        match level {
            1 => {
                p.width = width;
                p.height = height;
            }
            5 => {
                let text = f.get(11).map_or("", |t| t.trim());
                if text.is_empty() {
                    continue;
                }
                let conf = f[10].trim().parse::<f64>().unwrap_or(0.0).clamp(0.0, 100.0);
                p.words.push(Word {
                    block: num(2).unwrap_or(0).max(0) as u32,
                    par: num(3).unwrap_or(0).max(0) as u32,
                    line: num(4).unwrap_or(0).max(0) as u32,
                    left,
                    top,
                    width: width.max(0),
                    height: height.max(0),
                    conf,
                    text: text.to_string(),
                });
            }
            _ => {}
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_pages_are_read() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t280\t236\t68\t47\t96.7\tỦY\n\
                   5\t1\t1\t1\t1\t2\t365\t249\t102\t35\t91\t \n\
                   garbage row\n\
                   1\t2\t0\t0\t0\t0\t0\t0\t100\t200\t-1\t\n\
                   5\t2\t3\t1\t2\t1\t10\t20\t30\t40\t50.5\tBáo\n";
        let p = pages(tsv);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].width, p[0].height), (2480, 3508));
        assert_eq!(p[0].words.len(), 1, "a blank word is no word");
        assert_eq!(p[0].words[0].text, "ỦY");
        assert_eq!(p[0].words[0].right(), 348);
        assert_eq!(p[1].words[0].block, 3);
        assert_eq!(p[1].words[0].line, 2);
        assert_eq!(p[1].words[0].conf, 50.5);
    }
}
