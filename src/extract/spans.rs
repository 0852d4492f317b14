//! Byte ranges of the text already claimed, asked whether a number or a
//! cell falls in one.

use std::ops::Range;

/// Ranges merged and sorted, so that a question is a binary search: testing
/// every range for every item was quadratic on long texts.
pub(crate) struct Spans(Vec<Range<usize>>);

impl Spans {
    pub(crate) fn new(ranges: impl IntoIterator<Item = Range<usize>>) -> Spans {
        let mut all: Vec<Range<usize>> = ranges.into_iter().filter(|r| !r.is_empty()).collect();
        all.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(all.len());
        for r in all {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Spans(merged)
    }

    /// Whether `r` shares a byte with a span.
    pub(crate) fn overlaps(&self, r: &Range<usize>) -> bool {
        // Merged spans are disjoint and sorted: only the last one starting
        // before `r` ends can reach into it.
        let before = self.0.partition_point(|s| s.start < r.end);
        before > 0 && self.0[before - 1].end > r.start
    }

    /// Whether the byte at `at` is in a span.
    pub(crate) fn contains(&self, at: usize) -> bool {
        self.overlaps(&(at..at + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::Spans;

    #[test]
    fn points_and_ranges_against_merged_spans() {
        let s = Spans::new([10..20, 0..3, 15..25, 30..30]);
        assert!(s.contains(0) && s.contains(2) && !s.contains(3));
        assert!(s.contains(10) && s.contains(24) && !s.contains(25));
        assert!(!s.contains(30));
        assert!(s.overlaps(&(2..5)) && s.overlaps(&(24..40)));
        assert!(!s.overlaps(&(3..10)) && !s.overlaps(&(25..40)));
    }
}
