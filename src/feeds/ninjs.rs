//! IPTC ninjs: news in JSON, the format agency APIs serve (<https://iptc.org/standards/ninjs/>).
//!
//! Versions 1.x and 2.x/3.x name the same things differently; both are read:
//!
//! | story     | ninjs 1.x                         | ninjs 2.x / 3.x                              |
//! |-----------|-----------------------------------|----------------------------------------------|
//! | id        | `uri`                             | `uri`                                        |
//! | agency    | `provider`, `copyrightholder`     | `infosources` (first named), `copyrightholder`, `rightsinfo` |
//! | published | `firstcreated`, else `versioncreated` | the same                                 |
//! | title     | `headline`                        | `headlines[].value` (role `main` first)      |
//! | text      | `body_text`, else `body_html`     | `bodies[]` (`text/plain` first, else HTML)   |

use super::{At, FeedError, Item, agency_name, html_text};
use crate::wire::Story;
use serde_json::Value;

const FORMAT: &str = "ninjs";

/// A ninjs document: one item, or an array of items.
pub fn document(bytes: &[u8]) -> Result<Vec<Item>, FeedError> {
    let text = std::str::from_utf8(bytes).map_err(|_| FeedError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| FeedError::Json(e.to_string()))?;
    Ok(match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| Item {
                at: At::Item(i + 1),
                story: story(v),
            })
            .collect(),
        one => vec![Item {
            at: At::File,
            story: story(&one),
        }],
    })
}

/// One ninjs item as a story.
pub fn story(item: &Value) -> Result<Story, FeedError> {
    let missing = |what| FeedError::Missing {
        format: FORMAT,
        what,
    };
    let id = string(item.get("uri")).ok_or_else(|| missing("uri"))?;
    let agency = ["provider", "infosources", "infosource", "copyrightholder"]
        .iter()
        .find_map(|k| name(item.get(*k)))
        .or_else(|| {
            item.get("rightsinfo")
                .and_then(|r| first(r).get("copyrightholder"))
                .and_then(|h| name(Some(h)))
        })
        .and_then(|n| agency_name(&n))
        .ok_or_else(|| missing("provider or copyright holder"))?;
    let published = ["firstcreated", "versioncreated", "contentcreated"]
        .iter()
        .find_map(|k| string(item.get(*k)))
        .ok_or_else(|| missing("firstcreated or versioncreated time"))?;
    let title = string(item.get("headline"))
        .or_else(|| headline(item.get("headlines")))
        .unwrap_or_default();
    let text = body(item).ok_or_else(|| missing("body text"))?;
    Ok(Story::new(id, agency, published, title, text)?)
}

/// A non-empty string value, trimmed.
fn string(v: Option<&Value>) -> Option<String> {
    v?.as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The first element of an array, or the value itself.
fn first(v: &Value) -> &Value {
    match v {
        Value::Array(a) => a.first().unwrap_or(&Value::Null),
        other => other,
    }
}

/// A name given as a string, an object with `name`, or an array of either (the first named).
fn name(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Array(a) => a.iter().find_map(|x| name(Some(x))),
        Value::Object(o) => string(o.get("name")),
        s => string(Some(s)),
    }
}

/// The main headline of a 2.x `headlines` array (role `main`, else the first).
fn headline(v: Option<&Value>) -> Option<String> {
    let all = v?.as_array()?;
    let main = all
        .iter()
        .find(|h| h.get("role").and_then(Value::as_str) == Some("main"));
    main.into_iter()
        .chain(all)
        .find_map(|h| string(h.get("value")))
}

/// The body as text: plain text where the item has it, else its HTML's paragraphs.
fn body(item: &Value) -> Option<String> {
    if let Some(t) = string(item.get("body_text")) {
        return Some(t);
    }
    if let Some(bodies) = item.get("bodies").and_then(Value::as_array) {
        let kind = |b: &Value| {
            b.get("contenttype")
                .and_then(Value::as_str)
                .unwrap_or("text/plain")
                .to_ascii_lowercase()
        };
        if let Some(t) = bodies
            .iter()
            .filter(|b| kind(b) == "text/plain")
            .find_map(|b| string(b.get("value")))
        {
            return Some(t);
        }
        if let Some(h) = bodies
            .iter()
            .filter(|b| kind(b).contains("html"))
            .find_map(|b| string(b.get("value")))
        {
            return Some(html_text(&h)).filter(|t| !t.trim().is_empty());
        }
    }
    ["body_html", "body_xhtml"]
        .iter()
        .find_map(|k| string(item.get(*k)))
        .map(|h| html_text(&h))
        .filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ninjs_1x_item() {
        let item = json!({
            "uri": "http://example.org/ap/123", "type": "text",
            "versioncreated": "2024-01-27T14:00:00Z", "firstcreated": "2024-01-27T12:00:00Z",
            "copyrightholder": "The Associated Press",
            "headline": "Talks begin",
            "body_html": "<p>BEIRUT (AP) — Talks began.</p><p>They go on.</p>"
        });
        let s = story(&item).unwrap();
        assert_eq!(s.id, "http://example.org/ap/123");
        assert_eq!(s.agency, "AP");
        assert_eq!(s.published, "2024-01-27T12:00:00Z");
        assert_eq!(s.title, "Talks begin");
        assert_eq!(s.text, "BEIRUT (AP) — Talks began.\n\nThey go on.");
    }

    #[test]
    fn ninjs_2x_item_prefers_plain_body_and_main_headline() {
        let item = json!({
            "uri": "urn:afp:1", "versioncreated": "2024-02-01T09:00:00Z",
            "infosources": [{"uri": "http://afp.com", "name": "AFP", "role": "source"}],
            "headlines": [{"role": "sub", "value": "Sub"}, {"role": "main", "value": "Main"}],
            "bodies": [{"contenttype": "text/html", "value": "<p>html</p>"},
                       {"contenttype": "text/plain", "value": "PARIS (AFP) - Plain."}]
        });
        let s = story(&item).unwrap();
        assert_eq!((s.agency.as_str(), s.title.as_str()), ("AFP", "Main"));
        assert_eq!(s.published, "2024-02-01T09:00:00Z");
        assert_eq!(s.text, "PARIS (AFP) - Plain.");
    }

    #[test]
    fn missing_fields_are_named() {
        let no_body =
            json!({"uri": "u", "copyrightholder": "Reuters", "firstcreated": "2024-01-01"});
        let e = story(&no_body).unwrap_err().to_string();
        assert_eq!(e, "ninjs item has no body text");
        let no_agency = json!({"uri": "u", "firstcreated": "2024-01-01", "body_text": "x y"});
        assert!(
            story(&no_agency)
                .unwrap_err()
                .to_string()
                .contains("provider")
        );
    }

    #[test]
    fn arrays_number_their_items() {
        let doc = br#"[{"uri":"a","provider":{"name":"Reuters"},"firstcreated":"2024-01-01","body_text":"a b"}, {"uri":"b"}]"#;
        let items = document(doc).unwrap();
        assert_eq!(items[0].story.as_ref().unwrap().agency, "Reuters");
        assert_eq!(items[1].at, At::Item(2));
        assert!(items[1].story.is_err());
        assert!(matches!(document(b"{oops"), Err(FeedError::Json(_))));
    }
}
