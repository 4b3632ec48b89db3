//! Who the page says wrote the article.
//!
//! Newsrooms sign their stories; farms that paste wire copy mostly do not, or sign with the
//! site's name. A missing byline is weak evidence alone and useful beside the others.
//!
//! `rel=author` links are not kept by segmentation, so the class tokens `author`/`byline`
//! on a short block stand in for them (sites that mark `rel=author` nearly always style the
//! element with such a class too).

use super::Found;
use super::json_ld::{self, JsonLd};
use crate::page::Page;
use regex::Regex;
use std::sync::LazyLock;

/// Meta keys that name an author (lower-case).
const META_KEYS: &[&str] = &[
    "author",
    "article:author",
    "byl",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "twitter:creator",
];

/// The page's byline: meta author, JSON-LD author, a short block styled `author`/`byline`,
/// or a printed "By Jane Doe" near the headline or at the top of the body.
pub fn byline(page: &Page, ld: &JsonLd, body: &[bool], anchor: Option<usize>) -> Option<Found> {
    for key in META_KEYS {
        if let Some(v) = page.meta_value(key).and_then(clean_name) {
            return Some(Found::new(&v, &format!("meta:{key}")));
        }
    }
    if let Some(v) = ld
        .docs
        .iter()
        .filter_map(|d| json_ld::find(d, "author"))
        .flat_map(json_ld::all_text)
        .find_map(|n| clean_name(&n))
    {
        return Some(Found::new(&v, "json_ld:author"));
    }
    let first_body = body.iter().position(|&b| b);
    let centre = anchor.or(first_body).filter(|&c| c < page.blocks.len())?;
    let last = first_body.unwrap_or(centre).max(centre) + 3;
    let near = centre.saturating_sub(10)..=last.min(page.blocks.len().saturating_sub(1));
    for i in near.clone() {
        let b = &page.blocks[i];
        let styled = b
            .tokens
            .iter()
            .any(|t| &**t == "author" || t.contains("byline") || &**t == "by")
            && !b.tokens.iter().any(|t| t.contains("comment"));
        if styled
            && b.words <= 10
            && let Some(v) = clean_name(BY.replace(&b.text, "").as_ref())
        {
            return Some(Found::new(&v, &format!("class:{i}")));
        }
    }
    near.filter(|&i| page.blocks[i].words <= 14)
        .find_map(|i| printed(&page.blocks[i].text).map(|v| Found::new(&v, &format!("text:{i}"))))
}

/// "By", "Written by", "Von", "Par", "Por" before a name.
static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|written\s+by|posted\s+by|von|par|por|author:|autor:|auteur\s*:)\s+")
        .expect("by pattern compiles")
});

/// The name in a printed byline: `By Jane Doe`, `By JANE DOE and MAX ROE | Bugle`. The name
/// must start with a capital letter; the text after a separator or a date is dropped.
fn printed(text: &str) -> Option<String> {
    let m = BY.find(text.trim())?;
    let rest = &text.trim()[m.end()..];
    if !rest.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    clean_name(rest)
}

/// A usable author name: not a URL, not empty, cut at separators, dates and weekdays
/// (`LIZ PETERSON, Associated Press Writer Sat Dec 29`), at most eight words, holding a
/// capital letter and not just a month's name (`posted`, `Dec` are what a byline box
/// holds when it has no name).
fn clean_name(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.contains("://") || raw.starts_with("www.") || raw.starts_with('@') {
        return None;
    }
    let cut = raw
        .find(['|', '•', '·', '\n', '—', '–', '?'])
        .into_iter()
        .chain(raw.find(char::is_numeric))
        .chain(raw.find(" - "))
        .chain(raw.find(" -- "))
        .chain(raw.find(" on "))
        .chain(WEEKDAY.find(raw).map(|m| m.start()))
        .min()
        .unwrap_or(raw.len());
    let name = raw[..cut]
        .trim()
        .trim_end_matches([',', ';', ':', '.'])
        .trim();
    let words = name.split_whitespace().count();
    let month_only = words == 1 && super::dates::month_number(name).is_some();
    ((1..=8).contains(&words) && name.chars().any(char::is_uppercase) && !month_only)
        .then(|| name.to_string())
}

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|urday)?\b")
        .expect("weekday pattern compiles")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn body_of(page: &Page) -> Vec<bool> {
        crate::facts::body_marked(page)
    }

    #[test]
    fn bylines_from_meta_json_ld_class_and_text() {
        let cases = [
            (
                r#"<meta name="author" content="Jane Doe"><h1>T</h1><p>Body.</p>"#,
                "Jane Doe",
                "meta:author",
            ),
            (
                r#"<meta property="article:author" content="https://facebook.com/x">
                   <script type="application/ld+json">{"author":{"@type":"Person","name":"Max Roe"}}</script>
                   <h1>T</h1><p>Body.</p>"#,
                "Max Roe",
                "json_ld:author",
            ),
            (
                r#"<h1>T</h1><div class="post-author"><a rel="author" href="/a/jd">By Jane Doe</a></div><p>Body.</p>"#,
                "Jane Doe",
                "class:1",
            ),
            (
                r#"<h1>T</h1><div>By JANE DOE | 2025-04-25</div><p>Body.</p>"#,
                "JANE DOE",
                "text:1",
            ),
        ];
        for (html, name, source) in cases {
            let page = segment(html);
            let b = byline(
                &page,
                &JsonLd::parse(&page.json_ld),
                &body_of(&page),
                Some(0),
            )
            .expect(source);
            assert_eq!((b.value.as_str(), b.source.as_str()), (name, source));
        }
    }

    #[test]
    fn anchors_outside_the_page_find_nothing() {
        let ld = JsonLd::parse(&[]);
        assert_eq!(byline(&segment(""), &ld, &[], Some(0)), None);
        let page = segment("<div>By Jane Doe</div>");
        assert_eq!(byline(&page, &ld, &[], Some(5)), None);
    }

    #[test]
    fn names_are_cut_at_dates_and_junk_is_refused() {
        assert_eq!(
            clean_name("LIZ PETERSON, Associated Press Writer Sat Dec 29").as_deref(),
            Some("LIZ PETERSON, Associated Press Writer")
        );
        assert_eq!(
            clean_name("Agencies on Friday, January").as_deref(),
            Some("Agencies")
        );
        assert_eq!(clean_name("JOHN PYE ?").as_deref(), Some("JOHN PYE"));
        for junk in ["posted", "Dec", "https://x.com/a", "   ", "12:30"] {
            assert_eq!(clean_name(junk), None, "{junk}");
        }
    }

    #[test]
    fn no_byline_on_a_farm_page_and_comment_authors_do_not_count() {
        let html = r#"<h1>Iraq talks</h1><div class="info">View Date:2025-04-25</div>
            <p>Body text of the story.</p><p>Body more text.</p>
            <div class="comment-author">Troll99</div><div>by the way, nice post</div>"#;
        let page = segment(html);
        assert_eq!(
            byline(
                &page,
                &JsonLd::parse(&page.json_ld),
                &body_of(&page),
                Some(0)
            ),
            None
        );
    }
}
