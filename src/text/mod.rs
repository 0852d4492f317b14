//! Shared text conventions below every stage: how the running text writes
//! notes, and how Vietnamese documents write dates. Any stage may use this
//! module; it uses nothing of the stages (only the standard library and
//! small crates), so it never breaks the stage order (input → normalize →
//! layout → structure → extract → audit → output/export).

pub mod dates;
pub mod notes;
pub mod sentence;
