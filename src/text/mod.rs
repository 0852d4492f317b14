//! Shared text conventions below every stage: how the running text writes
//! notes, and (later) sentences and header dates. Any stage may use this
//! module; it uses nothing of the stages (only the standard library and
//! small crates), so it never breaks the stage order.

pub mod notes;
