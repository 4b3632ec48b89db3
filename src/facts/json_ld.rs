//! Reading JSON-LD the way pages actually write it.
//!
//! Real JSON-LD is often broken: trailing commas, raw newlines inside strings, HTML comments
//! or CDATA wrappers, two objects in one script. We parse what serde_json accepts, repair the
//! common faults and parse again, and as a last resort pull `"key": "value"` pairs out of the
//! raw text, so that one sloppy script does not hide a date or an author.

use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// Every JSON value in the page's JSON-LD scripts, after repair.
pub fn documents(scripts: &[String]) -> Vec<Value> {
    let mut out = Vec::new();
    for raw in scripts {
        if !parse_all(raw, &mut out) {
            parse_all(&repair(raw), &mut out);
        }
    }
    out
}

/// Parse a stream of JSON values; false when any of it was not JSON.
fn parse_all(text: &str, out: &mut Vec<Value>) -> bool {
    let mut found = Vec::new();
    for v in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
        match v {
            Ok(v) => found.push(v),
            Err(_) => return false,
        }
    }
    out.extend(found);
    true
}

static TRAILING_COMMA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r",(\s*[}\]])").expect("comma pattern compiles"));

/// Fix the faults pages commit most: comment and CDATA wrappers, control characters (raw
/// newlines inside strings), trailing commas.
fn repair(raw: &str) -> String {
    let mut s = raw.trim().to_string();
    for junk in ["<!--", "-->", "<![CDATA[", "]]>", "//<![CDATA[", "//]]>"] {
        s = s.replace(junk, " ");
    }
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    TRAILING_COMMA.replace_all(&s, "$1").into_owned()
}

/// A page's JSON-LD, parsed once per page and read by several facts.
pub struct JsonLd<'p> {
    pub docs: Vec<Value>,
    raw: &'p [String],
}

impl<'p> JsonLd<'p> {
    /// Parse (and repair) every script.
    pub fn parse(scripts: &'p [String]) -> JsonLd<'p> {
        JsonLd {
            docs: documents(scripts),
            raw: scripts,
        }
    }

    /// The first string found under `key` anywhere in the scripts (depth-first, document
    /// order), falling back to a pattern match on the raw text when nothing parsed.
    pub fn first_str(&self, key: &str) -> Option<String> {
        self.docs
            .iter()
            .find_map(|v| find(v, key).and_then(as_text))
            .or_else(|| raw_str(self.raw, key))
    }
}

/// The value under `key` in a JSON tree, depth-first.
pub fn find<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    match v {
        Value::Object(map) => map
            .get(key)
            .filter(|x| !x.is_null())
            .or_else(|| map.values().find_map(|x| find(x, key))),
        Value::Array(items) => items.iter().find_map(|x| find(x, key)),
        _ => None,
    }
}

/// A value read as text: a string, the `name` of an object, the first of an array.
pub fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Object(map) => map.get("name").and_then(as_text),
        Value::Array(items) => items.iter().find_map(as_text),
        _ => None,
    }
}

/// Every name a value holds: for `author: [{name: A}, {name: B}]`, both.
pub fn all_text(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(as_text).collect(),
        other => as_text(other).into_iter().collect(),
    }
}

/// `"key": "value"` found by scanning, not by a pattern compiled per key: this runs for every
/// key asked of every page, most of which have no JSON-LD worth a regex.
fn raw_str(scripts: &[String], key: &str) -> Option<String> {
    let quoted = format!("\"{key}\"");
    scripts.iter().find_map(|s| {
        s.match_indices(&quoted).find_map(|(at, _)| {
            let rest = s[at + quoted.len()..].trim_start();
            let rest = rest.strip_prefix(':')?.trim_start().strip_prefix('"')?;
            let value = &rest[..rest.find('"')?];
            (!value.is_empty()).then(|| value.trim().to_string())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_json_ld_still_yields_its_facts() {
        let scripts = vec![
            "<!-- {\"@type\":\"NewsArticle\",\"headline\":\"A\nB\",\"datePublished\":\"2024-01-27\",} -->"
                .to_string(),
        ];
        assert_eq!(
            JsonLd::parse(&scripts)
                .first_str("datePublished")
                .as_deref(),
            Some("2024-01-27")
        );
        // Beyond repair: the raw pattern still finds the pair.
        let scripts = vec!["{\"datePublished\": \"2024-02-01\", \"x\": [}".to_string()];
        assert!(documents(&scripts).is_empty());
        assert_eq!(
            JsonLd::parse(&scripts)
                .first_str("datePublished")
                .as_deref(),
            Some("2024-02-01")
        );
    }

    #[test]
    fn graphs_arrays_and_named_objects() {
        let scripts = vec![
            r#"{"@graph":[{"@type":"WebSite","name":"Bugle"},{"@type":"NewsArticle","author":[{"@type":"Person","name":"Jane Doe"},{"name":"Max Roe"}],"publisher":{"name":"Daily Bugle"}}]}"#
                .to_string(),
            r#"{"a":1}{"b":2}"#.to_string(),
        ];
        let docs = documents(&scripts);
        assert_eq!(docs.len(), 3);
        assert_eq!(
            JsonLd::parse(&scripts).first_str("publisher").as_deref(),
            Some("Daily Bugle")
        );
        let authors = all_text(find(&docs[0], "author").unwrap());
        assert_eq!(authors, ["Jane Doe", "Max Roe"]);
    }
}
