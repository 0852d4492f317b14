//! Generated inputs for the tests that check a fast path against the plain
//! definition it replaces: strings glued at random from pieces chosen to hit
//! the edge cases of the code under test.

/// A fixed-seed linear congruential generator: the same strings every run, so
/// a failure can be replayed.
pub(crate) struct Lcg(u64);

impl Lcg {
    pub(crate) fn new(seed: u64) -> Self {
        Lcg(seed)
    }

    /// The next number, from the generator's high bits.
    pub(crate) fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

/// `count` strings of 0 to `max_len` pieces each (`min_len` at least).
pub(crate) fn glued<T: AsRef<[u8]> + ?Sized>(
    pieces: &[&T],
    count: usize,
    min_len: usize,
    max_len: usize,
    seed: u64,
) -> Vec<Vec<u8>> {
    let mut rng = Lcg::new(seed);
    (0..count)
        .map(|_| {
            let len = min_len + rng.next() % (max_len - min_len + 1);
            (0..len)
                .flat_map(|_| pieces[rng.next() % pieces.len()].as_ref().to_vec())
                .collect()
        })
        .collect()
}

/// [`glued`] for text pieces.
pub(crate) fn glued_text(
    pieces: &[&str],
    count: usize,
    min_len: usize,
    max_len: usize,
    seed: u64,
) -> Vec<String> {
    glued(pieces, count, min_len, max_len, seed)
        .into_iter()
        .map(|b| String::from_utf8(b).unwrap_or_default())
        .collect()
}
