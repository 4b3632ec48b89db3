//! The breadcrumb: the trail from the home page to the article's section.
//!
//! A newsroom files a story under World or Politics. A farm template prints whatever its
//! category table says, and often that is nonsense: "Current:Home > Contact" above a story
//! about Iraq. So we read the trail as a list of items and ask whether it ends somewhere a
//! news story could live.

use crate::page::Page;
use crate::title::WordSet;
use serde::{Deserialize, Serialize};

/// A breadcrumb trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breadcrumb {
    /// Items from the root, separators removed: `["Home", "Contact"]`.
    pub items: Vec<String>,
    /// First block of the trail.
    pub block: usize,
    /// How it was recognised: `label` ("You are here:"), `class` (a `crumb` token) or
    /// `separators`.
    pub source: String,
    /// It ends in a page of the site rather than a section: Contact, About, Home, Login...
    /// (the strong form of `unrelated`).
    pub ends_in_site_page: bool,
    /// It ends in a site page, or in neither a known news section nor a word of the title.
    pub unrelated: bool,
}

/// Characters that separate breadcrumb items.
/// A slash counts only with spaces around it (` / `), so that `and/or` and `2/3` do not.
const SEPARATORS: &[char] = &['>', '»', '›', '→', '〉', '＞'];

/// The text with spaced slashes turned into a separator the splitter knows.
fn normalise(text: &str) -> String {
    text.replace(" / ", " › ")
}

/// Labels that open a breadcrumb, lower-case.
const LABELS: &[&str] = &[
    "current location:",
    "current position:",
    "current:",
    "you are here:",
    "you are here",
    "sie sind hier:",
    "vous êtes ici :",
    "vous êtes ici:",
    "usted está aquí:",
    "estás aquí:",
    "当前位置：",
    "当前位置:",
    "您的位置：",
    "您的位置:",
    "現在位置：",
];

/// Where a trail may end without being news: site pages, not sections.
const NOT_NEWS: &[&str] = &[
    "home",
    "homepage",
    "home page",
    "index",
    "main",
    "contact",
    "contact us",
    "about",
    "about us",
    "privacy",
    "privacy policy",
    "terms",
    "terms of use",
    "login",
    "sign in",
    "register",
    "sitemap",
    "faq",
    "help",
    "advertise",
    "careers",
    "jobs",
    "shop",
    "cart",
    "products",
    "services",
    "download",
    "downloads",
    "首页",
    "联系我们",
    "关于我们",
    "startseite",
    "kontakt",
    "impressum",
    "accueil",
    "inicio",
    "contacto",
];

/// Words of sections a news story is filed under.
const NEWS_SECTIONS: &[&str] = &[
    "news",
    "world",
    "politics",
    "political",
    "business",
    "economy",
    "economics",
    "finance",
    "financial",
    "markets",
    "market",
    "money",
    "sports",
    "sport",
    "tech",
    "technology",
    "science",
    "health",
    "entertainment",
    "culture",
    "arts",
    "opinion",
    "local",
    "national",
    "international",
    "nation",
    "us",
    "u.s",
    "uk",
    "europe",
    "asia",
    "africa",
    "americas",
    "middle",
    "east",
    "lifestyle",
    "travel",
    "education",
    "environment",
    "climate",
    "weather",
    "crime",
    "justice",
    "courts",
    "government",
    "election",
    "elections",
    "metro",
    "region",
    "regional",
    "state",
    "city",
    "breaking",
    "top",
    "stories",
    "headlines",
    "article",
    "articles",
    "story",
    "latest",
    "features",
    "investigations",
    "media",
    "religion",
    "food",
    "autos",
    "real",
    "estate",
    "military",
    "defense",
    "security",
    "energy",
    "nachrichten",
    "politik",
    "wirtschaft",
    "actualités",
    "monde",
    "noticias",
    "internacional",
    "新闻",
    "国际",
];

/// Find the page's breadcrumb among the non-body blocks before the end of the body.
pub fn breadcrumb(page: &Page, body: &[bool], title: Option<&str>) -> Option<Breadcrumb> {
    let end = body
        .iter()
        .rposition(|&b| b)
        .unwrap_or(page.blocks.len().saturating_sub(1));
    let is_body = |i: usize| body.get(i).copied().unwrap_or(false);
    // Trails written only with separators are looked for above the article, where they
    // live; elsewhere a linked headline with a `›` in it would pass for one.
    let first_body = body.iter().position(|&b| b).unwrap_or(page.blocks.len());
    let mut i = 0;
    while i <= end && i < page.blocks.len() {
        if is_body(i) {
            i += 1;
            continue;
        }
        let b = &page.blocks[i];
        // Labels are short: lower-case only the head of the text.
        let head: String = b.text.chars().take(24).collect::<String>().to_lowercase();
        if b.words <= 24
            && let Some(label) = LABELS.iter().find(|l| head.starts_with(*l))
        {
            let rest = b.text[label_len(&b.text, label)..].trim();
            let items = clean_items(split_items(rest));
            if !items.is_empty() {
                return Some(make(items, i, "label", title));
            }
        }
        // The innermost element of this block whose own class names a crumb, if it is
        // small enough to be a trail (a `has-breadcrumbs` class on <body> names the page).
        let crumb = b.containers.iter().rev().copied().find(|&c| {
            let c = &page.containers[c];
            c.tokens
                .iter()
                .any(|t| t.contains("crumb") || &**t == "bread")
        });
        if let Some(c) = crumb.map(|c| &page.containers[c])
            && c.blocks <= 10
            && c.words <= 40
            && !(c.first_block..=c.last_block).any(is_body)
        {
            let items: Vec<String> = (c.first_block..=c.last_block)
                .flat_map(|j| split_items(&page.blocks[j].text))
                .collect();
            let items = clean_items(items);
            if !items.is_empty() {
                return Some(make(items, i, "class", title));
            }
        }
        if i < first_body
            && let Some(items) = separated(page, i, end, &is_body)
        {
            return Some(make(items, i, "separators", title));
        }
        i += 1;
    }
    None
}

/// Byte length of a label at the start of a text, matched case-insensitively.
fn label_len(text: &str, label: &str) -> usize {
    let n = label.chars().count();
    text.char_indices().nth(n).map_or(text.len(), |(at, _)| at)
}

/// A trail written with separators: one short, mostly linked block of 2..=8 short items, or
/// a run of short blocks each ending (or starting) with a separator.
fn separated(
    page: &Page,
    i: usize,
    end: usize,
    is_body: &dyn Fn(usize) -> bool,
) -> Option<Vec<String>> {
    let b = &page.blocks[i];
    if b.words > 16 {
        return None;
    }
    let has_sep = |t: &str| (t.contains(SEPARATORS) || t.contains(" / ")) && !t.contains("://");
    if has_sep(&b.text) && b.linked_words * 2 >= b.words {
        let items = split_items(&b.text);
        let slashed = !b.text.contains(SEPARATORS);
        if trail_shape(&items, slashed) {
            return Some(items);
        }
    }
    let trailing = |t: &str| {
        let t = t.trim_end();
        t.ends_with(SEPARATORS) || t.ends_with(" /")
    };
    let mut j = i;
    while j <= end && j < page.blocks.len() && !is_body(j) {
        let t = &page.blocks[j].text;
        if page.blocks[j].words > 5 || !trailing(t) {
            break;
        }
        j += 1;
    }
    // j is the last item (no separator after it) when the run had at least one separator.
    if j > i && j < page.blocks.len() && !is_body(j) && page.blocks[j].words <= 12 {
        let items: Vec<String> = (i..=j)
            .flat_map(|k| split_items(&page.blocks[k].text))
            .collect();
        let slashed = !(i..j).any(|k| page.blocks[k].text.contains(SEPARATORS));
        if trail_shape(&items, slashed) {
            return Some(items);
        }
    }
    None
}

/// Whether separated items read as a trail rather than a pair of links (`Scores / Stats`,
/// `Register / Login`): 2..=8 short items that start at the home page or the site, or at
/// least three of them joined by arrows (not slashes).
fn trail_shape(items: &[String], slashed: bool) -> bool {
    (2..=8).contains(&items.len())
        && items.iter().all(|it| it.split_whitespace().count() <= 5)
        && (items.first().is_some_and(|f| is_root(f)) || (items.len() >= 3 && !slashed))
}

/// Items cleaned of what trails print beside them: labels (`You are here: Home`), dates,
/// `SEARCH:` prompts.
fn clean_items(items: Vec<String>) -> Vec<String> {
    items
        .into_iter()
        .filter_map(|it| {
            let lower = it.to_lowercase();
            let it = match LABELS.iter().find(|l| lower.starts_with(*l)) {
                Some(l) => it[label_len(&it, l)..].trim().to_string(),
                None => it,
            };
            let bad = it.is_empty()
                || it.ends_with(':')
                || it.split_whitespace().count() > 8
                || super::dates::find_date(&it, true).is_some()
                || matches!(
                    it.to_lowercase().as_str(),
                    "you are in"
                        | "you are here"
                        | "search"
                        | "menu"
                        | "skip to content"
                        | "skip to main content"
                );
            (!bad).then_some(it)
        })
        .collect()
}

fn split_items(text: &str) -> Vec<String> {
    normalise(&format!(" {text} "))
        .split(|c| SEPARATORS.contains(&c))
        .map(|s| s.trim().trim_matches(['|', '·', '•']).trim().to_string())
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect()
}

fn make(items: Vec<String>, block: usize, source: &str, title: Option<&str>) -> Breadcrumb {
    // A lone "Home" is a trail that has not started, not one that went astray.
    let ends_in_site_page = items.len() >= 2
        && items
            .last()
            .is_some_and(|l| NOT_NEWS.contains(&l.to_lowercase().as_str()));
    let unrelated = ends_in_site_page
        || (items.len() >= 2 && items.last().is_some_and(|l| off_topic(l, title)));
    Breadcrumb {
        unrelated,
        ends_in_site_page,
        items,
        block,
        source: source.to_string(),
    }
}

/// Whether an item is where a trail starts: the home page or the site itself (a domain).
fn is_root(item: &str) -> bool {
    let lower = item.to_lowercase();
    matches!(
        lower.as_str(),
        "home"
            | "homepage"
            | "home page"
            | "start"
            | "startseite"
            | "accueil"
            | "inicio"
            | "portada"
            | "index"
            | "main"
            | "front page"
            | "首页"
            | "首頁"
    ) || (lower.contains('.') && !lower.contains(' '))
}

/// A trail's last item is off topic when it is neither a known news section nor shares a
/// word with the title. (A trail of two or more items ending in a site page is unrelated
/// whatever its words: see `make`.)
fn off_topic(last: &str, title: Option<&str>) -> bool {
    let words = WordSet::of(last);
    // The item whole, too: Han script has no word breaks, so "新闻" is two one-character
    // words and its entry never met a word.
    let is_section = NEWS_SECTIONS.contains(&last.trim().to_lowercase().as_str())
        || words.iter().any(|w| NEWS_SECTIONS.contains(&w));
    let title_words = title.map(WordSet::of).unwrap_or_default();
    let in_title = words
        .iter()
        .any(|w| w.chars().count() > 2 && title_words.contains(w));
    !is_section && !in_title
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn crumb(html: &str, title: Option<&str>) -> Option<Breadcrumb> {
        let page = segment(html);
        let body: Vec<bool> = crate::facts::body_marked(&page);
        breadcrumb(&page, &body, title)
    }

    const TITLE: Option<&str> = Some("Iraq and US begin formal talks");

    #[test]
    fn a_news_section_in_han_script_is_related() {
        let c = crumb(
            "<div class=\"breadcrumb\"><a>首页</a> &gt; <a>新闻</a></div><p>Body text.</p>",
            TITLE,
        )
        .unwrap();
        assert_eq!(c.items.last().map(String::as_str), Some("新闻"));
        assert!(!c.unrelated, "{c:?}");
    }

    #[test]
    fn labelled_trail_ending_in_contact_is_unrelated() {
        let c = crumb(
            r#"<ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li></ul>
               <div class="position">Current:<a href="/">Home</a> &gt; <a href="/contact/">Contact</a></div>
               <h1>Iraq and US begin formal talks</h1><p>Body text.</p>"#,
            TITLE,
        )
        .unwrap();
        assert_eq!(c.items, ["Home", "Contact"]);
        assert_eq!(
            (c.block, c.source.as_str(), c.unrelated),
            (2, "label", true)
        );
    }

    #[test]
    fn separated_trail_in_a_news_section_is_related() {
        let c = crumb(
            r#"<div><a href="/">Home</a> » <a href="/world/">World</a> » <a href="/world/me/">Middle East</a></div>
               <p>Body text.</p>"#,
            TITLE,
        )
        .unwrap();
        assert_eq!(c.items, ["Home", "World", "Middle East"]);
        assert_eq!((c.source.as_str(), c.unrelated), ("separators", false));
    }

    #[test]
    fn crumb_class_list_and_title_words() {
        let c = crumb(
            r#"<ol class="breadcrumbs"><li><a href="/">Home</a></li><li><a href="/iraq">Iraq</a></li></ol>
               <p>Body text.</p>"#,
            TITLE,
        )
        .unwrap();
        assert_eq!(c.items, ["Home", "Iraq"]);
        assert_eq!((c.source.as_str(), c.unrelated), ("class", false));
        let c = crumb(
            r#"<nav class="crumb"><a href="/">Home</a> / <a href="/gardening">Gardening Tips</a></nav><p>Body text.</p>"#,
            TITLE,
        )
        .unwrap();
        assert!(c.unrelated, "{c:?}");
    }

    #[test]
    fn run_of_blocks_with_trailing_separators() {
        let c = crumb(
            r#"<ul><li><a href="/">Home</a> ›</li><li><a href="/politics">Politics</a> ›</li><li>Iraq talks</li></ul>
               <p>Body text.</p>"#,
            TITLE,
        )
        .unwrap();
        assert_eq!(c.items, ["Home", "Politics", "Iraq talks"]);
        assert!(!c.unrelated);
    }

    #[test]
    fn trail_items_lose_dates_and_labels() {
        let c = crumb(
            r#"<div id="breadcrumb"><div>Wed 16 Jan 2008 | 8:37 GMT</div>
               <div>You are here: <a href="/">Home</a> &gt; <a href="/news">News</a> &gt; Technology</div></div>
               <p>Body text.</p>"#,
            TITLE,
        )
        .unwrap();
        assert_eq!(c.items, ["Home", "News", "Technology"]);
        assert!(!c.unrelated && !c.ends_in_site_page);
        // A blog's own section: unrelated to the title, but not a site page.
        let c = crumb(
            r#"<div class="crumbs"><a href="/">home</a> › <a href="/blogs">blogs</a> › Between the Lines</div><p>Body text.</p>"#,
            TITLE,
        )
        .unwrap();
        assert!(c.unrelated && !c.ends_in_site_page);
    }

    #[test]
    fn a_crumb_class_on_the_whole_page_is_not_a_trail() {
        let c = crumb(
            r#"<body class="has-breadcrumbs"><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li>
               <li><a href="/contact">Contact</a></li></ul>
               <nav class="breadcrumb"><a href="/">Home</a> › <a href="/world">World</a><form>Search</form></nav>
               <p>Body text.</p></body>"#,
            TITLE,
        )
        .unwrap();
        assert_eq!(c.items, ["Home", "World"]);
        assert!(!c.unrelated);
    }

    #[test]
    fn link_pairs_are_not_trails() {
        for pair in ["Scores / Stats", "Register / Login", "Odds / Matchups"] {
            let (a, b) = pair.split_once(" / ").unwrap();
            let html = format!(
                r#"<div><a href="/a">{a}</a> / <a href="/b">{b}</a></div><p>Body text.</p>"#
            );
            assert_eq!(crumb(&html, TITLE), None, "{pair}");
        }
    }

    #[test]
    fn prose_with_slashes_and_nav_bars_are_not_breadcrumbs() {
        assert_eq!(
            crumb(
                r#"<ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li></ul>
                   <div>Prices rose 3% and/or fell by 2/3 during the day, said the bank.</div>
                   <p>Body text.</p>"#,
                TITLE
            ),
            None
        );
    }
}
