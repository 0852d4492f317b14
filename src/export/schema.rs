//! The JSON Schema of the contract `baocao/1`, generated from the Rust types.
//!
//! Generated (with `schemars`) rather than written by hand so it cannot drift
//! from what `extract` actually writes; a test validates every fixture's
//! output against it. Additional properties are allowed: the contract lets
//! fields be added, never renamed or dropped.

use serde_json::Value;

use crate::output::{Document, SCHEMA};

/// The schema as a JSON value (JSON Schema draft 2020-12).
pub fn json_schema() -> Value {
    let schema = schemars::schema_for!(Document);
    let mut value = serde_json::to_value(&schema).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("title".into(), Value::from(SCHEMA));
        map.insert(
            "description".into(),
            Value::from(
                "One input document's result in the baocao/1 contract: normalized text, \
                 metadata, sections, and grounded items whose start/end are code-point \
                 offsets into text.",
            ),
        );
        // The one field whose value is fixed.
        if let Some(Value::Object(field)) =
            map.get_mut("properties").and_then(|p| p.get_mut("schema"))
        {
            field.insert("const".into(), Value::from(SCHEMA));
        }
    }
    value
}

/// The schema, pretty-printed, as `baocao schema` prints it.
pub fn json_schema_pretty() -> String {
    serde_json::to_string_pretty(&json_schema()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_contract_and_fixes_the_schema_field() {
        let s = json_schema();
        assert_eq!(s["title"], "baocao/1");
        assert_eq!(s["properties"]["schema"]["const"], "baocao/1");
        // Items are flattened with their grounding: a product has both its own
        // fields and start/end/text.
        let text = json_schema_pretty();
        assert!(text.contains("\"Product\""));
        let product = &s["$defs"]["Product"]["properties"];
        for field in ["name", "stars", "start", "end", "text", "page", "section"] {
            assert!(product.get(field).is_some(), "Product lacks {field}");
        }
    }
}
