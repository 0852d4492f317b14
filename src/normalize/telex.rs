//! Typing leftovers: Telex/VNI key sequences left inside words.
use super::{tone::ToneStyle, RepairLog};
use crate::output::Warning;

pub fn repair(
    s: &str,
    _style: ToneStyle,
    _log: &mut RepairLog,
    _warn: &mut dyn FnMut(usize, usize, Warning),
) -> String {
    s.to_string()
}
