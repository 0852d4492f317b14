//! Vietnamese script knowledge shared by the stages: letters and their tone
//! marks ([`chars`]), the syllable grammar that judges whether text reads as
//! Vietnamese ([`syllable`]), Unicode forms ([`unicode`]) and the legacy 8-bit
//! code pages (TCVN3, VNI, VISCII, VPS, Windows-1258: [`legacy`], [`tables`]).
//!
//! It sits below every stage: the input stage uses it to recognise a text
//! encoding, normalize to repair text, the later stages to fold names. It
//! depends on nothing else of the crate but byte scanning.

pub mod chars;
pub mod chunks;
pub mod legacy;
pub mod syllable;
pub mod tables;
pub mod unicode;
