//! The XML form of «Выгрузить мои данные», written from the same value as the JSON so the two
//! can never say different things.
//!
//! Mapping (mirrored by `docs/export/kabinet-export.xsd`): the root is `<kabinet-export>`; an
//! object's fields become child elements named by their keys (in any order: the XSD uses
//! `xs:all`); an absent value (JSON null) is left out; a list becomes a container element named
//! by its key holding one element per item, named by [`item_name`]; text is escaped, booleans are
//! `true`/`false`.

use serde_json::Value;

/// The element name of one item of the list `container`.
pub fn item_name(container: &str) -> &'static str {
    match container {
        "contacts" => "contact",
        "consents" => "consent",
        "applications" => "application",
        "fields" => "field",
        "history" => "status_change",
        "documents" => "document",
        "uploads" => "upload",
        "debts" => "debt",
        "sessions" => "session",
        "access_journal" => "entry",
        "change_history" => "change",
        "matrix" => "row",
        "overrides" => "override",
        "messages" => "message",
        "deliveries" => "delivery",
        _ => "item",
    }
}

/// The whole document.
pub fn document(value: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    element(&mut out, "kabinet-export", value, 0);
    out
}

fn element(out: &mut String, name: &str, value: &Value, depth: usize) {
    let indent = "  ".repeat(depth);
    match value {
        Value::Null => {}
        Value::Object(fields) => {
            out.push_str(&format!("{indent}<{name}>\n"));
            for (key, field) in fields {
                element(out, key, field, depth + 1);
            }
            out.push_str(&format!("{indent}</{name}>\n"));
        }
        Value::Array(items) => {
            out.push_str(&format!("{indent}<{name}>\n"));
            for item in items {
                element(out, item_name(name), item, depth + 1);
            }
            out.push_str(&format!("{indent}</{name}>\n"));
        }
        Value::String(text) => out.push_str(&format!("{indent}<{name}>{}</{name}>\n", escape(text))),
        Value::Bool(flag) => out.push_str(&format!("{indent}<{name}>{flag}</{name}>\n")),
        Value::Number(number) => out.push_str(&format!("{indent}<{name}>{number}</{name}>\n")),
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_get_item_elements_and_text_is_escaped() {
        let value =
            serde_json::json!({ "contacts": [{ "kind": "email", "value": "a&b<c>@x.ru" }], "gone": null });
        let xml = document(&value);
        assert!(xml.contains("<contacts>\n    <contact>\n      <kind>email</kind>"), "{xml}");
        assert!(xml.contains("<value>a&amp;b&lt;c&gt;@x.ru</value>"));
        assert!(!xml.contains("gone"));
    }
}
