//! Vietnamese number notation: `.` groups thousands, `,` is the decimal mark.
//! (To be filled: one module used by counts, funds, dates and the audit.)
