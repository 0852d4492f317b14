//! Regexes searched only in short haystacks (a header line, a title, a
//! clause), built without the lazy DFA.
//!
//! `regex::Regex` compiles every pattern twice, forward and in reverse, so
//! that its lazy DFA can find where a match starts after a fast scan to
//! where it ends; with `\p{Lu}`, `\p{L}` or a long case-insensitive
//! alternation each direction is a large UTF-8 automaton, compiled once per
//! process whether the regex is then used once or a million times. For a
//! pattern searched a few times per document in a few hundred bytes, the
//! reverse automaton and the lazy DFA cost more than they save: without them
//! the same meta engine matches with its backtracker or PikeVM, and a build
//! costs about half as many instructions (the seven patterns moved here
//! cost 18 million instructions less on the 60-file corpus, their searches
//! included, of 4,104 million). The
//! matches are the regex crate's own: the same engine with the same
//! configuration, only with fewer strategies to choose from
//! (`tests::same_matches_as_the_regex_crate` checks it).
//!
//! Do not use it on a whole text: there the lazy DFA's scan is what keeps a
//! search linear and cheap.

use std::ops::Range;

use regex_automata::{meta, util::syntax, Input, MatchKind};

/// A regex for short haystacks; its matches are those of
/// `regex::Regex::new` on the same pattern.
#[derive(Debug)]
pub(crate) struct ShortRegex(meta::Regex);

/// One match: a span of its haystack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub(crate) fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

/// The groups of one match.
#[derive(Debug)]
pub(crate) struct Captures<'h> {
    hay: &'h str,
    caps: regex_automata::util::captures::Captures,
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match), if it took part in the match.
    pub(crate) fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps.get_group(i).map(|s| Match {
            hay: self.hay,
            start: s.start,
            end: s.end,
        })
    }

    /// The group named `name`, if it took part in the match.
    pub(crate) fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps.get_group_by_name(name).map(|s| Match {
            hay: self.hay,
            start: s.start,
            end: s.end,
        })
    }
}

impl ShortRegex {
    /// The regex crate's configuration (leftmost-first, UTF-8, its size
    /// limit), without the lazy DFA and the full DFA.
    pub(crate) fn new(pattern: &str) -> Result<ShortRegex, Box<meta::BuildError>> {
        meta::Regex::builder()
            .configure(
                meta::Config::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .utf8_empty(true)
                    .nfa_size_limit(Some(10 << 20))
                    .hybrid(false)
                    .dfa(false),
            )
            .syntax(syntax::Config::new().utf8(true))
            .build(pattern)
            .map(ShortRegex)
            .map_err(Box::new)
    }

    pub(crate) fn is_match(&self, hay: &str) -> bool {
        self.0.is_match(hay)
    }

    pub(crate) fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.0.find(hay).map(|m| Match {
            hay,
            start: m.start(),
            end: m.end(),
        })
    }

    pub(crate) fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        let mut caps = self.0.create_captures();
        self.0.search_captures(&Input::new(hay), &mut caps);
        caps.is_match().then_some(Captures { hay, caps })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Patterns of the kinds moved here: Unicode classes, case-insensitive
    /// Vietnamese words, optional and named groups, anchors, lazy repeats.
    const PATTERNS: &[&str] = &[
        r"(?:^|\s)Số\s*:?\s*(\d*)\s*/\s*(?:(\d{4})\s*/\s*)?(\p{Lu}[\p{L}\d&.\-/]*[\p{L}\d])",
        r"(?i:xã|phường)\s+\p{Lu}[\p{L}\p{M} ]*?,\s*(?i:(huyện|thị xã))\s+(\p{Lu}[\p{L}\p{M}]*(?:[ ]\p{Lu}[\p{L}\p{M}]*)*)",
        r"^(?i:Ủy ban nhân dân|UBND)(?:\s+(xã|huyện))?\s*$",
        r"(?P<d>\d{1,2})?\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?",
        r"\b(?:kinh\s+phí|vốn)\b",
        r"",
    ];

    /// Haystacks from these letters reach every part of the patterns.
    fn hay() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                "Số",
                "số",
                ":",
                "/",
                "-",
                " ",
                "\t",
                "\n",
                "1",
                "12",
                "2024",
                "QĐ",
                "UBND",
                "Ủy ban nhân dân",
                "ủy ban nhân dân",
                "xã",
                "Xã",
                "phường",
                "huyện",
                "Huyện",
                "thị xã",
                "Phước",
                "Hậu",
                ",",
                "kinh phí",
                "vốn",
                "a",
                "É",
                "\u{301}",
                "٣",
            ]),
            0..14,
        )
        .prop_map(|parts| parts.concat())
    }

    fn spans(c: &regex::Captures) -> Vec<Option<Range<usize>>> {
        c.iter().map(|m| m.map(|m| m.range())).collect()
    }

    fn short_spans(c: &Captures, n: usize) -> Vec<Option<Range<usize>>> {
        (0..n).map(|i| c.get(i).map(|m| m.range())).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn same_matches_as_the_regex_crate(hay in hay(), which in 0..PATTERNS.len()) {
            let pattern = PATTERNS[which];
            let plain = regex::Regex::new(pattern).unwrap();
            let short = ShortRegex::new(pattern).unwrap();
            prop_assert_eq!(plain.is_match(&hay), short.is_match(&hay));
            prop_assert_eq!(
                plain.find(&hay).map(|m| (m.range(), m.as_str())),
                short.find(&hay).map(|m| (m.range(), m.as_str()))
            );
            let plain_caps = plain.captures(&hay);
            let short_caps = short.captures(&hay);
            prop_assert_eq!(
                plain_caps.as_ref().map(spans),
                short_caps.as_ref().map(|c| short_spans(c, plain.captures_len()))
            );
            for name in plain.capture_names().flatten() {
                prop_assert_eq!(
                    plain_caps.as_ref().and_then(|c| c.name(name)).map(|m| m.range()),
                    short_caps.as_ref().and_then(|c| c.name(name)).map(|m| m.range())
                );
            }
        }
    }

    #[test]
    fn reads_groups_by_index_and_name() {
        let re = ShortRegex::new(r"(?P<n>\d+)\s*(xã)?").unwrap();
        let c = re.captures("có 12 xã").unwrap();
        assert_eq!(c.get(0).map(|m| m.as_str()), Some("12 xã"));
        assert_eq!(c.name("n").map(|m| m.range()), Some(4..6));
        assert_eq!(c.get(2).map(|m| (m.start(), m.range())), Some((7, 7..10)));
        assert!(re.captures("không").is_none());
        assert!(re.find("không").is_none());
    }
}
