//! Tests of the .doc reader.
