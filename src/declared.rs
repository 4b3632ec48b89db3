//! The article as the page declares it for machines: JSON-LD `articleBody`, microdata
//! `itemprop="articleBody"` (in a meta tag, or on the element that holds the article, or
//! `itemprop="text"` of a schema.org article item: [`Page::microdata_body`]), and
//! `og:description` (or `description`) for the lead. Where a page ships its own copy of the article, a block whose words are in it is
//! very likely body, whatever its layout says; this is evidence that holds on any page.
//!
//! Pages get this wrong in every way, so nothing here is trusted blindly: a script over
//! [`MAX_SCRIPT_BYTES`] is skipped unread, a script that does not parse (after the repairs
//! of [`crate::facts::json_ld`]) gives nothing, and a declared text whose words are mostly
//! not on the visible page (a stub, another article, a template's placeholder) is dropped.

use crate::page::Page;
use crate::title::{WordSet, word_key};
use foldhash::HashSet;
use serde_json::Value;

/// Scripts longer than this are skipped: no article needs a megabyte of JSON, and a page
/// that ships one (a whole site's state) must not cost more than its HTML did.
pub const MAX_SCRIPT_BYTES: usize = 1 << 20;

/// A declared text is used only when at least this share of its distinct words appear on
/// the page: an `articleBody` about something else is a stub or a template, and would
/// otherwise pull unrelated blocks into the body.
pub const MIN_AGREEMENT: f32 = 0.6;

/// A declared text of fewer distinct words says too little to judge blocks by.
pub const MIN_WORDS: usize = 8;

/// A microdata article element holding more than this share of the page's words is the
/// page's wrapper (some templates mark `<body>` or the main column), not its article: it
/// would call every block body and so tell the blocks apart by nothing.
pub const MAX_MICRODATA_SHARE: f32 = 0.9;

/// The page's machine-readable article, as word sets, when it agrees with the page.
#[derive(Debug, Clone, Default)]
pub struct Declared {
    /// Words of the declared article body.
    pub body: Option<WordSet>,
    /// Words of the declared lead (`og:description`, `description`).
    pub lead: Option<WordSet>,
}

impl Declared {
    /// Read what the page declares. Cheap when it declares nothing: the page's own words
    /// are only gathered when there is something to check against them.
    pub fn of(page: &Page) -> Declared {
        let body_text = article_bodies(page);
        let lead_text = ["og:description", "description", "twitter:description"]
            .iter()
            .find_map(|k| page.meta_value(k))
            .map(str::to_string);
        let sets = [body_text, lead_text]
            .map(|t| t.map(|t| WordSet::of(&t)).filter(|w| w.len() >= MIN_WORDS));
        if sets.iter().all(Option::is_none) {
            return Declared::default();
        }
        let on_page = on_page_shares(page, &sets);
        let [body, lead] = sets;
        let trusted = |w: Option<WordSet>, share: f32| w.filter(|_| share >= MIN_AGREEMENT);
        Declared {
            body: trusted(body, on_page[0]),
            lead: trusted(lead, on_page[1]),
        }
    }
}

/// For each declared set, the share of its words found on the page (`WordSet::share_in` of
/// a set of the page's words), in one pass over the page's words that looks each up in the
/// declared sets, rather than a set of the whole page's words (the largest cost of features
/// on pages that declare their article). The page's blocks are read one by one: words never
/// run across two blocks, which the page's text joins with a space.
fn on_page_shares(page: &Page, sets: &[Option<WordSet>; 2]) -> [f32; 2] {
    let mut found: [HashSet<&str>; 2] = Default::default();
    let mut buf = String::new();
    let total: usize = sets.iter().flatten().map(WordSet::len).sum();
    'page: for b in &page.blocks {
        for w in crate::words::words(&b.text) {
            let key = word_key(w, &mut buf);
            for (set, found) in sets.iter().zip(found.iter_mut()) {
                if let Some(hit) = set.as_ref().and_then(|s| s.get(key)) {
                    found.insert(hit);
                }
            }
            if found.iter().map(HashSet::len).sum::<usize>() == total {
                break 'page;
            }
        }
    }
    std::array::from_fn(|k| match &sets[k] {
        Some(s) if !s.is_empty() => found[k].len() as f32 / s.len() as f32,
        _ => 0.0,
    })
}

/// Every `articleBody` of the page's JSON-LD and microdata, joined.
fn article_bodies(page: &Page) -> Option<String> {
    let scripts: Vec<String> = page
        .json_ld
        .iter()
        .filter(|s| s.len() <= MAX_SCRIPT_BYTES && s.contains("articleBody"))
        .cloned()
        .collect();
    let mut out = Vec::new();
    for doc in crate::facts::json_ld::documents(&scripts) {
        collect(&doc, &mut out);
    }
    if let Some(m) = page.meta_value("articlebody") {
        out.push(m.to_string());
    }
    if let Some(m) = microdata_body(page) {
        out.push(m);
    }
    (!out.is_empty()).then(|| out.join("\n"))
}

/// The text of the blocks inside the page's microdata article, unless that element is
/// the whole page.
fn microdata_body(page: &Page) -> Option<String> {
    let blocks = page
        .microdata_body
        .iter()
        .filter_map(|&i| page.blocks.get(i));
    let words: usize = blocks.clone().map(|b| b.words).sum();
    let whole = page.words().max(1) as f32;
    (words > 0 && words as f32 / whole <= MAX_MICRODATA_SHARE).then(|| {
        blocks
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Strings under `articleBody` anywhere in a JSON tree (serde_json bounds the depth).
fn collect(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match (k.as_str(), x) {
                    ("articleBody", Value::String(s)) if !s.trim().is_empty() => {
                        out.push(s.clone())
                    }
                    _ => collect(x, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    const BODY: &str = "The storm reached the coast on Tuesday night and officials said that \
        more than three thousand homes were without power until morning.";

    fn page_with(head: &str) -> Page {
        segment(&format!(
            "<html><head>{head}</head><body><nav><a href=/>Home</a> <a href=/w>World</a></nav>\
             <p>{BODY}</p><p>Crews from four states worked through the night.</p></body></html>"
        ))
    }

    #[test]
    fn json_ld_article_body_and_lead_are_read() {
        let d = Declared::of(&page_with(&format!(
            r#"<script type="application/ld+json">{{"@graph":[{{"@type":"NewsArticle","articleBody":"{BODY}"}}]}}</script>
               <meta property="og:description" content="{BODY}">"#
        )));
        let body = d.body.expect("articleBody read");
        assert!(body.contains("storm") && !body.contains("home"));
        assert!(d.lead.is_some());
    }

    /// A news page as many CMSs write it: the article an `itemscope` NewsArticle, its body
    /// an element with `itemprop="articleBody"`, beside a feed of teasers.
    const MICRODATA_PAGE: &str = r#"<html><body>
        <nav><a href=/>Home</a> <a href=/w>World</a> <a href=/s>Sport</a></nav>
        <div itemscope itemtype="https://schema.org/NewsArticle">
          <h1 itemprop="headline">Storm cuts power to the coast</h1>
          <div class="story" itemprop="articleBody">
            <p>The storm reached the coast on Tuesday night and officials said that more
               than three thousand homes were without power until morning.</p>
            <p>Crews from four states worked through the night to bring the lines back.</p>
          </div>
        </div>
        <div class="more"><h2>More stories</h2>
          <p><a href=/a>Council votes on the new bridge budget after a long debate</a></p>
          <p><a href=/b>Local school wins the regional science prize for a third year</a></p>
        </div></body></html>"#;

    #[test]
    fn microdata_article_body_on_an_element_is_read() {
        let page = segment(MICRODATA_PAGE);
        assert_eq!(page.microdata_body.len(), 2, "{:?}", page.microdata_body);
        let body = Declared::of(&page).body.expect("itemprop=articleBody read");
        assert!(body.contains("storm") && body.contains("crews"));
        assert!(!body.contains("bridge") && !body.contains("headline"));
        assert!(!body.contains("cuts"), "the headline is not the body");
    }

    #[test]
    fn microdata_text_counts_on_an_article_item_and_not_on_a_comment() {
        let page =
            segment(&MICRODATA_PAGE.replace("itemprop=\"articleBody\"", "itemprop=\"text\""));
        assert_eq!(page.microdata_body.len(), 2);
        let comment = segment(
            &MICRODATA_PAGE
                .replace(
                    "itemtype=\"https://schema.org/NewsArticle\"",
                    "itemtype=\"https://schema.org/Comment\"",
                )
                .replace("itemprop=\"articleBody\"", "itemprop=\"text\""),
        );
        assert!(comment.microdata_body.is_empty());
        assert!(Declared::of(&comment).body.is_none());
    }

    #[test]
    fn a_microdata_body_that_is_the_whole_page_says_nothing() {
        let page = segment(&format!(
            "<html><body itemprop=articleBody><p>{BODY}</p><p>Crews worked all night long \
             to bring the power lines back.</p></body></html>"
        ));
        assert_eq!(page.microdata_body.len(), 2);
        assert!(Declared::of(&page).body.is_none());
    }

    #[test]
    fn a_stub_unrelated_to_the_page_is_dropped() {
        let d = Declared::of(&page_with(
            r#"<script type="application/ld+json">{"articleBody":"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt."}</script>"#,
        ));
        assert!(d.body.is_none());
    }

    #[test]
    fn malformed_and_huge_scripts_give_nothing_and_do_not_fail() {
        let broken =
            r#"<script type="application/ld+json">{"articleBody": "The storm reached</script>"#;
        assert!(Declared::of(&page_with(broken)).body.is_none());
        let huge = format!(
            r#"<script type="application/ld+json">{{"articleBody":"{}"}}</script>"#,
            BODY.repeat(MAX_SCRIPT_BYTES / BODY.len() + 1)
        );
        assert!(Declared::of(&page_with(&huge)).body.is_none());
        let nested = format!(
            r#"<script type="application/ld+json">{}{{"articleBody":"x"}}{}</script>"#,
            "[".repeat(5000),
            "]".repeat(5000)
        );
        assert!(Declared::of(&page_with(&nested)).body.is_none());
    }
}
