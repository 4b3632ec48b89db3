//! IPTC NewsML-G2: news items in XML (<https://iptc.org/standards/newsml-g2/>), as agencies
//! deliver them by push or FTP. A document is one `newsItem`, or a `newsMessage` whose
//! `itemSet` holds several. Per item:
//!
//! | story     | NewsML-G2                                                                      |
//! |-----------|--------------------------------------------------------------------------------|
//! | id        | `newsItem/@guid`                                                               |
//! | agency    | `itemMeta/provider`, else `rightsInfo/copyrightHolder` (`name`, `@literal`, or the code of `@qcode`) |
//! | published | `itemMeta/firstCreated`, else `itemMeta/versionCreated`, else `contentMeta/contentCreated` |
//! | title     | `contentMeta/headline`                                                         |
//! | text      | `contentSet/inlineData` (plain text), else the paragraphs of `contentSet/inlineXML` (XHTML or NITF) |
//!
//! Elements are matched by local name, so any namespace prefix works.

use super::{At, FeedError, Item, agency_name};
use crate::wire::Story;
use roxmltree::{Document, Node, ParsingOptions};

const FORMAT: &str = "NewsML-G2";

/// Elements whose text is one paragraph of a body.
const BLOCKS: [&str; 11] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "hl2",
];

/// The items of a NewsML-G2 document.
pub fn document(bytes: &[u8]) -> Result<Vec<Item>, FeedError> {
    let text = std::str::from_utf8(bytes).map_err(|_| FeedError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Agency XML may carry a DOCTYPE; roxmltree reads it without fetching anything.
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc =
        Document::parse_with_options(text, options).map_err(|e| FeedError::Xml(e.to_string()))?;
    let root = doc.root_element();
    match root.tag_name().name() {
        "newsItem" => Ok(vec![Item {
            at: At::File,
            story: story(root),
        }]),
        "newsMessage" => Ok(root
            .descendants()
            .filter(|n| n.has_tag_name_local("newsItem"))
            .enumerate()
            .map(|(i, n)| Item {
                at: At::Item(i + 1),
                story: story(n),
            })
            .collect()),
        other => Err(FeedError::NotNewsMl(other.to_string())),
    }
}

trait Local<'a, 'input> {
    fn has_tag_name_local(&self, name: &str) -> bool;
    fn child(&self, name: &str) -> Option<Node<'a, 'input>>;
}

impl<'a, 'input> Local<'a, 'input> for Node<'a, 'input> {
    fn has_tag_name_local(&self, name: &str) -> bool {
        self.is_element() && self.tag_name().name() == name
    }

    fn child(&self, name: &str) -> Option<Node<'a, 'input>> {
        self.children().find(|c| c.has_tag_name_local(name))
    }
}

/// One `newsItem` as a story.
fn story(item: Node) -> Result<Story, FeedError> {
    let missing = |what| FeedError::Missing {
        format: FORMAT,
        what,
    };
    let id = item
        .attribute("guid")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| missing("guid"))?
        .to_string();
    let item_meta = item.child("itemMeta");
    let content_meta = item.child("contentMeta");
    let agency = item_meta
        .and_then(|m| m.child("provider"))
        .and_then(party)
        .or_else(|| {
            item.child("rightsInfo")
                .and_then(|r| r.child("copyrightHolder"))
                .and_then(party)
        })
        .and_then(|n| agency_name(&n))
        .ok_or_else(|| missing("provider or copyright holder"))?;
    let published = [
        item_meta.and_then(|m| m.child("firstCreated")),
        item_meta.and_then(|m| m.child("versionCreated")),
        content_meta.and_then(|m| m.child("contentCreated")),
    ]
    .into_iter()
    .flatten()
    .find_map(|n| text_of(n).filter(|t| !t.is_empty()))
    .ok_or_else(|| missing("firstCreated or versionCreated time"))?;
    let title = content_meta
        .and_then(|m| m.child("headline"))
        .and_then(text_of)
        .unwrap_or_default();
    let text = item
        .child("contentSet")
        .and_then(body)
        .ok_or_else(|| missing("body text in contentSet"))?;
    Ok(Story::new(id, agency, published, title, text)?)
}

/// The name of a provider or copyright holder: its `name` child, `@literal`, or the code
/// part of its `@qcode` (`nprov:REUTERS` → `REUTERS`).
fn party(node: Node) -> Option<String> {
    node.child("name")
        .and_then(text_of)
        .or_else(|| node.attribute("literal").map(str::to_string))
        .or_else(|| {
            node.attribute("qcode")
                .map(|q| q.rsplit_once(':').map_or(q, |(_, code)| code).to_string())
        })
        .filter(|s| !s.trim().is_empty())
}

/// All text under a node, whitespace collapsed.
fn text_of(node: Node) -> Option<String> {
    let text: Vec<&str> = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    let joined = text.join(" ");
    let words: Vec<&str> = joined.split_whitespace().collect();
    Some(words.join(" "))
}

/// The body of a `contentSet`: the first plain-text `inlineData`, else the paragraphs of the
/// first `inlineXML` (or its whole text when it has no paragraph elements).
fn body(set: Node) -> Option<String> {
    let plain = set
        .children()
        .filter(|n| n.has_tag_name_local("inlineData"))
        .filter(|n| {
            n.attribute("contenttype")
                .is_none_or(|t| t.eq_ignore_ascii_case("text/plain"))
        })
        .find_map(|n| {
            n.text()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        });
    if plain.is_some() {
        return plain;
    }
    set.children()
        .filter(|n| n.has_tag_name_local("inlineXML"))
        .find_map(|xml| {
            let paragraphs: Vec<String> = xml
                .descendants()
                .filter(|n| n.is_element() && BLOCKS.contains(&n.tag_name().name()))
                // A paragraph inside another (`li > p`) is counted once, by the inner one.
                .filter(|n| {
                    !n.descendants()
                        .skip(1)
                        .any(|d| d.is_element() && BLOCKS.contains(&d.tag_name().name()))
                })
                .filter_map(text_of)
                .filter(|t| !t.is_empty())
                .collect();
            let text = if paragraphs.is_empty() {
                text_of(xml).unwrap_or_default()
            } else {
                paragraphs.join("\n\n")
            };
            Some(text).filter(|t| !t.is_empty())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:reuters.com:20240127:nL1N3E" version="2" standard="NewsML-G2" standardversion="2.33">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <rightsInfo><copyrightHolder uri="http://www.reuters.com/"><name>Thomson Reuters</name></copyrightHolder></rightsInfo>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:REUTERS"/>
    <versionCreated>2024-01-27T15:00:00Z</versionCreated>
    <firstCreated>2024-01-27T12:00:00Z</firstCreated>
  </itemMeta>
  <contentMeta><headline>Oil prices <i>rise</i></headline></contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>
      <body><p>LONDON (Reuters) - Oil prices rose.</p><ul><li><p>One</p></li></ul></body></html>
    </inlineXML>
  </contentSet>
</newsItem>"#;

    #[test]
    fn a_news_item() {
        let items = document(ITEM.as_bytes()).unwrap();
        let s = items[0].story.as_ref().unwrap();
        assert_eq!(s.id, "urn:newsml:reuters.com:20240127:nL1N3E");
        assert_eq!(s.agency, "Reuters");
        assert_eq!(s.published, "2024-01-27T12:00:00Z");
        assert_eq!(s.title, "Oil prices rise");
        assert_eq!(s.text, "LONDON (Reuters) - Oil prices rose.\n\nOne");
    }

    #[test]
    fn a_message_of_items_with_plain_text_and_copyright_holder() {
        let doc = r#"<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/><itemSet>
          <newsItem guid="a"><rightsInfo><copyrightHolder literal="Agence France-Presse"/></rightsInfo>
            <itemMeta><versionCreated>2024-03-01T08:00:00Z</versionCreated></itemMeta>
            <contentSet><inlineData contenttype="text/plain">PARIS (AFP) - Text.</inlineData></contentSet></newsItem>
          <newsItem guid="b"><itemMeta><provider literal="AP"/></itemMeta></newsItem>
        </itemSet></newsMessage>"#;
        let items = document(doc.as_bytes()).unwrap();
        let a = items[0].story.as_ref().unwrap();
        assert_eq!(
            (a.agency.as_str(), a.published.as_str()),
            ("AFP", "2024-03-01T08:00:00Z")
        );
        assert_eq!(a.text, "PARIS (AFP) - Text.");
        assert_eq!(items[1].at, At::Item(2));
        let e = items[1].story.as_ref().unwrap_err().to_string();
        assert!(e.contains("firstCreated"), "{e}");
    }

    #[test]
    fn not_newsml() {
        assert!(matches!(document(b"<rss/>"), Err(FeedError::NotNewsMl(r)) if r == "rss"));
        assert!(matches!(document(b"<newsItem"), Err(FeedError::Xml(_))));
    }
}
