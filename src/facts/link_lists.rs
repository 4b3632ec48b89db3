//! Lists of links around the article: navigation, and the "Related" / "Ranking" /
//! "Recommendation" boxes a farm fills with stale headlines.
//!
//! A farm page is mostly such lists, often the same few headlines over and over, because
//! the template draws each box from one small table. So we count the lists, name them by
//! their heading (or their class), and count headlines that occur more than once.

use crate::page::{Block, Page};
use crate::title::{WordSet, on_subject};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A run of link blocks in one container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkList {
    pub first_block: usize,
    /// Number of blocks in the run: its linked items, and the teaser lines between them.
    pub blocks: usize,
    /// The heading just above the list, if it has one (`Related`).
    pub heading: Option<String>,
    /// What kind of list its heading or class names it: `related`, `ranking`,
    /// `recommendation`, `most_read`, `trending` or `latest`; `None` for an unnamed list.
    pub kind: Option<String>,
}

impl LinkList {
    /// Whether block `i` is one of the list's (an item, or a teaser line between items).
    pub fn holds(&self, i: usize) -> bool {
        (self.first_block..self.first_block + self.blocks).contains(&i)
    }
}

/// A headline printed more than once in the page's chrome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatedHeadline {
    pub text: String,
    pub count: usize,
}

/// Link density from which a block counts as a link.
pub const LINK_DENSITY: f32 = 0.7;
/// Consecutive link blocks in one container that make a list.
pub const MIN_ITEMS: usize = 3;
/// Longest unlinked line inside a list's container that is still a teaser's lede under
/// its headline (a sentence or two), not an article of its own.
pub const LEDE_WORDS: usize = 40;

pub(super) fn is_link_block(b: &Block) -> bool {
    b.words > 0 && b.link_density() >= LINK_DENSITY
}

/// The container a link block's list is grouped by: its innermost list-like ancestor
/// (`ul`, `ol`, `nav`, `table`...), else the parent of its own element.
fn list_container(page: &Page, b: &Block) -> Option<usize> {
    let own = b.containers.len().checked_sub(1)?;
    b.containers[..own]
        .iter()
        .rev()
        .find(|&&c| {
            matches!(
                page.containers[c].tag.as_str(),
                "ul" | "ol" | "dl" | "menu" | "nav" | "table"
            )
        })
        .or_else(|| own.checked_sub(1).map(|p| &b.containers[p]))
        .or(b.containers.last())
        .copied()
}

/// The page's link lists among the non-body blocks.
pub fn link_lists(page: &Page, body: &[bool]) -> Vec<LinkList> {
    let is_body = |i: usize| body.get(i).copied().unwrap_or(false);
    let mut out = Vec::new();
    let mut i = 0;
    while i < page.blocks.len() {
        if is_body(i) || !is_link_block(&page.blocks[i]) {
            i += 1;
            continue;
        }
        let key = list_container(page, &page.blocks[i]);
        // Teaser cards print a line of the story under each linked headline: those lines
        // stand inside the list's container and belong to the run, not after it.
        let lede = |j: usize| {
            let b = &page.blocks[j];
            b.heading == 0
                && b.words <= LEDE_WORDS
                && key.is_some_and(|k| b.containers.contains(&k))
        };
        let (mut j, mut items, mut end) = (i + 1, 1, i + 1);
        while j < page.blocks.len() && !is_body(j) {
            let b = &page.blocks[j];
            if is_link_block(b) && list_container(page, b) == key {
                items += 1;
                end = j + 1;
            } else if is_link_block(b) || !lede(j) {
                break;
            }
            j += 1;
        }
        let j = end;
        if items >= MIN_ITEMS {
            let heading = heading_above(page, i, body);
            let kind = heading
                .as_deref()
                .and_then(kind_of_name)
                .or_else(|| key.and_then(|k| kind_of_container(page, k)));
            out.push(LinkList {
                first_block: i,
                blocks: j - i,
                heading,
                kind: kind.map(str::to_string),
            });
        }
        i = j;
    }
    out
}

/// The heading of a list: the block right above it when that is a heading or a short
/// unlinked label (`<div class="title">Most read</div>`).
fn heading_above(page: &Page, first: usize, body: &[bool]) -> Option<String> {
    let above = first.checked_sub(1)?;
    let b = &page.blocks[above];
    let short_label = b.words <= 6 && b.link_density() < 0.5;
    (!body.get(above).copied().unwrap_or(false) && (b.heading > 0 || short_label))
        .then(|| b.text.clone())
}

/// Links to page tools and services rather than to stories.
static TOOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)e-?mail|\bshare\b|\bprint|subscri|\bcomments?\b|sign (?:up|in)|newsletter|font size|text size|classified|deliver|digital edition|\brss\b|feedback|log ?in\b|register|more (?:articles|stories|news) (?:in|from|on)|»|›")
        .expect("tool pattern compiles")
});

/// A link that is a date or time (`2 Oct 2017 22:27`, `Sun 7:00 PM CET`), not a headline.
fn is_timestamp(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    super::dates::find_date(text, false).is_some()
        || letters * 2 < text.chars().count()
        || TIME.is_match(text) && letters <= 12
}

static TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}:\d{2}\b").expect("time pattern compiles"));

/// List names by kind, in several languages of farm chrome.
static KINDS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    let re = |s: &str| Regex::new(&format!("(?i){s}")).expect("list name pattern compiles");
    vec![
        (
            "related",
            re(
                r"related|\byou (?:may|might) also\b|\bsee also\b|\b(?:also|more) read\b|\bread (?:also|more|next)\b|\bmore (?:stories|news|from|on)\b|\bsimilar\b|ähnlich|verwandt|auch interessant|lire aussi|même sujet|relacionad|te puede interesar|相关|相關",
            ),
        ),
        (
            "ranking",
            re(r"\branking|\brank\b|\btop\s*(?:10|ten|5|five|stories)\b|排行|排名"),
        ),
        (
            "recommendation",
            re(r"recommend|\bpicks?\b|empfehl|empfohlen|recommand|recomend|推荐|推薦"),
        ),
        (
            "most_read",
            re(
                r"\bmost (?:read|viewed|popular|shared|commented|clicked)\b|\bpopular\b|meistgelesen|plus lus|más leíd|lo más|热门|熱門|\bhot\b",
            ),
        ),
        ("trending", re(r"trending|\btrends?\b|tendances|tendencias")),
        (
            "latest",
            re(
                r"\blatest\b|\brecent\b|\bnewest\b|neueste|aktuell|dernières|últimas|lo último|最新",
            ),
        ),
    ]
});

/// The kind a list's name says it is.
pub fn kind_of_name(name: &str) -> Option<&'static str> {
    if name.split_whitespace().count() > 6 {
        return None;
    }
    KINDS
        .iter()
        .find(|(_, re)| re.is_match(name))
        .map(|(k, _)| *k)
}

/// The kind a list's container (or its parent) names in its class/id tokens.
fn kind_of_container(page: &Page, c: usize) -> Option<&'static str> {
    let parent = page.containers[c].parent;
    [Some(c), parent]
        .into_iter()
        .flatten()
        .flat_map(|c| page.containers[c].tokens.iter())
        .find_map(|t| kind_of_name(&t.replace(['-', '_'], " ")))
}

/// Headlines (link blocks of at least four words) that occur at least twice among the
/// non-body blocks, at least once inside one of `lists`, and are about something else
/// than the article, most repeated first. Page tools ("E-mail this to a friend", "Sign up
/// for our newsletter") repeat on every page of every site and are not headlines.
///
/// A news site prints its own stories in several boxes at once ("Latest" and "Most read"
/// share a headline), and those next to an article are often on its subject; a farm fills
/// its boxes from a small table of stale links about anything. So a headline that shares
/// most of its words with the article's title and body ([`crate::title::on_subject`]) is the
/// site's coverage of the story and is not counted. Item numbers ("3. Storm hits...")
/// are not part of the headline.
pub fn repeated_headlines(
    page: &Page,
    body: &[bool],
    title: Option<&str>,
    lists: &[LinkList],
) -> Vec<RepeatedHeadline> {
    let in_list = |i: usize| lists.iter().any(|l| l.holds(i));
    // By lower-cased headline: how often, the first block, its text as first printed (item
    // number cut), whether one of them is a list's.
    let mut counts: HashMap<String, (usize, usize, Cow<str>, bool)> = HashMap::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if body.get(i).copied().unwrap_or(false)
            || b.words < 4
            || b.link_density() < 0.5
            || TOOL.is_match(&b.text)
            || is_timestamp(&b.text)
        {
            continue;
        }
        let text = ITEM_NUMBER.replace(&b.text, "");
        let key = text.to_lowercase();
        let e = counts.entry(key).or_insert((0, i, text, false));
        e.0 += 1;
        e.3 |= in_list(i);
    }
    let mut article: Option<WordSet> = None;
    let mut out: Vec<(usize, RepeatedHeadline)> = Vec::new();
    for (key, (count, first, text, listed)) in counts {
        if !listed || count < 2 {
            continue;
        }
        // The article's words, gathered once and only for a page that repeats a headline.
        let article = article.get_or_insert_with(|| article_words(page, body, title));
        if on_subject(&key, article) {
            continue;
        }
        out.push((
            first,
            RepeatedHeadline {
                text: text.into_owned(),
                count,
            },
        ));
    }
    out.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(&b.0)));
    out.into_iter().map(|(_, r)| r).collect()
}

/// A list item's number before its headline (`3. `, `12) `).
static ITEM_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\d{1,2}[.)]\s+").expect("item number pattern compiles"));

/// The distinct words of the article's title and body.
fn article_words(page: &Page, body: &[bool], title: Option<&str>) -> WordSet {
    WordSet::of(&format!(
        "{}\n\n{}",
        title.unwrap_or(""),
        page.text_where(body)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn items(names: &[&str]) -> String {
        names
            .iter()
            .map(|n| format!("<li><a href=\"/x\">{n}</a></li>"))
            .collect()
    }

    const A: &str = "Storm hits the coast tonight";
    const B: &str = "Markets fall on rate fears";
    const C: &str = "Mayor opens the new bridge";
    const D: &str = "Team wins the cup final";

    #[test]
    fn lists_are_grouped_by_container_and_named_by_heading_or_class() {
        let html = format!(
            "<nav><ul>{}</ul></nav>\
             <p>Body text of the article, long enough to be a paragraph of prose.</p>\
             <div><h3>Related</h3><ul>{}</ul></div>\
             <div class=\"most-popular\"><ul>{}</ul><ul>{}</ul></div>\
             <div><h3>Ranking</h3><ul>{}</ul></div>",
            items(&["Home", "World", "Business", "Sports"]),
            items(&[A, B, C]),
            items(&[D, A, B]),
            items(&[C, A]),
            items(&[A, B]),
        );
        let page = segment(&html);
        let body: Vec<bool> = crate::facts::body_marked(&page);
        let lists = link_lists(&page, &body);
        let shape: Vec<_> = lists
            .iter()
            .map(|l| {
                (
                    l.first_block,
                    l.blocks,
                    l.heading.as_deref(),
                    l.kind.as_deref(),
                )
            })
            .collect();
        // The nav is a list without a name; Related is named by its heading; the class
        // names the first popular list; the two-item lists are too short to count.
        assert_eq!(
            shape,
            [
                (0, 4, None, None),
                (6, 3, Some("Related"), Some("related")),
                (9, 3, None, Some("most_read")),
            ]
        );
        let rep = repeated_headlines(&page, &body, None, &lists);
        assert_eq!(
            rep[0],
            RepeatedHeadline {
                text: A.into(),
                count: 4
            }
        );
        assert_eq!(rep.iter().map(|r| r.count).collect::<Vec<_>>(), [4, 3, 2]);
    }

    #[test]
    fn list_names_in_several_languages() {
        for (name, kind) in [
            ("You may also like", "related"),
            ("Recommendation", "recommendation"),
            ("Most Read", "most_read"),
            ("Meistgelesen", "most_read"),
            ("Trending now", "trending"),
            ("Latest News", "latest"),
            ("À lire aussi", "related"),
            ("排行榜", "ranking"),
        ] {
            assert_eq!(kind_of_name(name), Some(kind), "{name}");
        }
        for name in [
            "Photos",
            "Contact",
            "Share this story",
            "Iraq and US begin formal talks to end",
        ] {
            assert_eq!(kind_of_name(name), None, "{name}");
        }
    }

    #[test]
    fn body_links_and_short_nav_items_are_not_repeated_headlines() {
        let html = format!(
            "<ul>{}</ul><p><a href=\"/a\">{A}</a></p><p><a href=\"/a\">{A}</a></p><ul>{}</ul>",
            items(&["Home", "News", "Contact"]),
            items(&["Home", "News", "Contact"]),
        );
        let page = segment(&html);
        let body: Vec<bool> = page.blocks.iter().map(|b| b.text == A).collect();
        let lists = link_lists(&page, &body);
        assert!(repeated_headlines(&page, &body, None, &lists).is_empty());
        assert_eq!(lists.len(), 2);
        // Tool links repeat but are not headlines.
        let tools = items(&[
            "E-mail this to a friend",
            "Sign up for our newsletter",
            "Share this with Facebook",
            "2 Oct 2017 22:27",
            "Sun 7:00 PM CET",
            A,
        ]);
        let page = segment(&format!("<ul>{tools}</ul><ul>{tools}</ul>"));
        let lists = link_lists(&page, &[]);
        let rep = repeated_headlines(&page, &[], None, &lists);
        assert_eq!(rep, twice(A));
    }

    /// One headline printed twice.
    fn twice(text: &str) -> [RepeatedHeadline; 1] {
        [RepeatedHeadline {
            text: text.into(),
            count: 2,
        }]
    }

    #[test]
    fn teaser_cards_make_a_list_and_item_numbers_are_not_the_headline() {
        // Each card: a linked headline and a line of its story.
        let cards: String = [A, B, A, C]
            .iter()
            .map(|h| format!("<div class=\"card\"><a href=\"/x\">{h}</a><p>A line of the story under it.</p></div>"))
            .collect();
        let page = segment(&format!(
            "<div class=\"cards\"><h3>More news</h3>{cards}</div>"
        ));
        let lists = link_lists(&page, &[]);
        assert_eq!(lists.len(), 1, "{lists:?}");
        assert_eq!(
            (lists[0].blocks, lists[0].kind.as_deref()),
            (7, Some("related"))
        );
        let rep = repeated_headlines(&page, &[], None, &lists);
        assert_eq!(rep, twice(A));
        // A numbered list prints the same headline under another number.
        let numbered = format!(
            "<ol>{}</ol>",
            items(&[&format!("1. {A}"), B, &format!("3. {A}")])
        );
        let page = segment(&numbered);
        let lists = link_lists(&page, &[]);
        let rep = repeated_headlines(&page, &[], None, &lists);
        assert_eq!(rep, twice(A));
    }

    #[test]
    fn a_headline_on_the_articles_subject_is_the_sites_coverage_not_a_stale_list() {
        let related = "Coastal towns brace for second storm";
        let html = format!(
            "<h1>Storm batters coastal towns overnight</h1>\
             <p>Body The storm reached the coastal towns at night, and a second storm is due on Friday, forecasters said.</p>\
             <ul>{}</ul><ul>{}</ul>",
            items(&[related, B, C]),
            items(&[related, B, D]),
        );
        let page = segment(&html);
        let body = crate::facts::body_marked(&page);
        let lists = link_lists(&page, &body);
        let title = Some("Storm batters coastal towns overnight");
        let rep = repeated_headlines(&page, &body, title, &lists);
        // The markets headline is about something else and still counts.
        assert_eq!(rep, twice(B));
        let article = article_words(&page, &body, title);
        assert!(on_subject(&related.to_lowercase(), &article));
        assert!(!on_subject(&B.to_lowercase(), &article));
    }
}
