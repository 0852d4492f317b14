//! Output text built from an edit list, with the offset map that comes with it.
//!
//! Layout never rewrites characters of the input: it copies spans of it,
//! drops spans (blank lines, page furniture, footnote rules) and inserts short
//! strings (a space or newline for a line join, `[^`/`]` around a footnote
//! marker). Recording every copied span gives, for free, a monotone map from
//! input offsets to output offsets, which the pipeline needs to move
//! normalize's warnings onto the final text.

/// One copied span: `src[src..src + len]` is `out[out..out + len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seg {
    pub src: usize,
    pub out: usize,
    pub len: usize,
}

/// Builds the output text and its copied-span list, in input order.
pub(crate) struct Builder<'a> {
    src: &'a str,
    out: String,
    segs: Vec<Seg>,
}

impl<'a> Builder<'a> {
    pub fn new(src: &'a str) -> Self {
        Builder {
            src,
            out: String::with_capacity(src.len()),
            segs: Vec::new(),
        }
    }

    /// Copy `src[a..b]`. Spans must come in increasing, non-overlapping order;
    /// a span that would break that (or a UTF-8 boundary) is ignored rather
    /// than allowed to corrupt the map.
    pub fn copy(&mut self, a: usize, b: usize) {
        if a >= b || b > self.src.len() {
            return;
        }
        if let Some(last) = self.segs.last() {
            if a < last.src + last.len {
                return;
            }
        }
        let Some(piece) = self.src.get(a..b) else {
            return;
        };
        let out = self.out.len();
        self.out.push_str(piece);
        match self.segs.last_mut() {
            Some(last) if last.src + last.len == a && last.out + last.len == out => {
                last.len += b - a;
            }
            _ => self.segs.push(Seg {
                src: a,
                out,
                len: b - a,
            }),
        }
    }

    /// Insert text that has no counterpart in the input.
    pub fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// Current output length in bytes.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// The last character written, if any.
    pub fn last_char(&self) -> Option<char> {
        self.out.chars().next_back()
    }

    pub fn finish(self) -> (String, Vec<Seg>) {
        (self.out, self.segs)
    }
}

/// Map an input byte offset through the copied spans: inside a copied span it
/// moves with its character; inside a dropped span it lands just after the
/// last copied byte before it. Monotone by construction.
pub(crate) fn map_offset(segs: &[Seg], src_len: usize, out_len: usize, byte: usize) -> usize {
    if byte >= src_len {
        return out_len;
    }
    let i = segs.partition_point(|s| s.src <= byte);
    if i == 0 {
        return 0;
    }
    let s = segs[i - 1];
    if byte < s.src + s.len {
        s.out + (byte - s.src)
    } else {
        s.out + s.len
    }
    .min(out_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_merge_and_map_monotone() {
        let src = "ab  \n\ncd";
        let mut b = Builder::new(src);
        b.copy(0, 2);
        b.push(" ");
        b.copy(6, 8);
        let (out, segs) = b.finish();
        assert_eq!(out, "ab cd");
        assert_eq!(segs.len(), 2);
        let m: Vec<usize> = (0..=src.len())
            .map(|i| map_offset(&segs, src.len(), out.len(), i))
            .collect();
        // a b ' ' ' ' \n \n c d END
        assert_eq!(m, vec![0, 1, 2, 2, 2, 2, 3, 4, 5]);
        assert!(m.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn out_of_order_copy_is_ignored() {
        let mut b = Builder::new("abcdef");
        b.copy(2, 4);
        b.copy(1, 3);
        b.copy(5, 99);
        assert_eq!(b.finish().0, "cd");
    }
}
