//! Who the page says wrote the article.
//!
//! Newsrooms sign their stories; farms that paste wire copy mostly do not, or sign with the
//! site's name. A missing byline is weak evidence alone and useful beside the others.
//!
//! `rel=author` links are not kept by segmentation, so the class tokens `author`/`byline`
//! on a short block stand in for them (sites that mark `rel=author` nearly always style the
//! element with such a class too).

use super::Source;
use super::json_ld::{self, JsonLd};
use crate::page::Page;
use crate::patterns::BYLINE_OPENER as BY;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A byline and what it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Byline {
    /// The name as printed, cut at dates and separators (`Jane Doe`, `Staff Writer`).
    pub name: String,
    pub kind: BylineKind,
    pub source: Source,
}

/// Whether a byline names someone who answers for the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BylineKind {
    /// A name: a person's, or an organisation's that signs as one (`Associated Press`).
    Person,
    /// A role or a collective, not a name (`Staff Writer`, `admin`, `News Desk`,
    /// `Editorial Team`): for the verdict the page is unsigned.
    Role,
}

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
/// or a printed "By Jane Doe" near the headline or at the top of the body, in that order.
/// A byline that names a person wins over an earlier one that names a role (a WordPress
/// `admin` in the meta tags over a printed "By Jane Doe"); a role is kept when nothing
/// else signs the page.
pub fn byline(page: &Page, ld: &JsonLd, body: &[bool], anchor: Option<usize>) -> Option<Byline> {
    let mut role: Option<Byline> = None;
    let mut offer = |found: Option<Byline>| -> Option<Byline> {
        let b = found?;
        match b.kind {
            BylineKind::Person => Some(b),
            BylineKind::Role => {
                role.get_or_insert(b);
                None
            }
        }
    };
    for key in META_KEYS {
        let found = page
            .meta_value(key)
            .and_then(|v| signed(v, Source::Meta((*key).to_string())));
        if let Some(b) = offer(found) {
            return Some(b);
        }
    }
    let ld_names = ld
        .docs
        .iter()
        .filter_map(|d| json_ld::find(d, "author"))
        .flat_map(json_ld::all_text);
    for n in ld_names {
        if let Some(b) = offer(signed(&n, Source::JsonLd("author".to_string()))) {
            return Some(b);
        }
    }
    if let Some(b) = printed_byline(page, body, anchor, &mut offer) {
        return Some(b);
    }
    role
}

/// Longest line, in words, read as a byline of its own ("By Jane Doe, Associated Press
/// Writer, Washington"); longer lines are read when they are meta lines.
const BYLINE_WORDS: usize = 14;

/// A byline printed on the page near the headline, offered to `offer` until it takes one.
fn printed_byline(
    page: &Page,
    body: &[bool],
    anchor: Option<usize>,
    offer: &mut impl FnMut(Option<Byline>) -> Option<Byline>,
) -> Option<Byline> {
    let first_body = body.iter().position(|&b| b);
    let centre = anchor.or(first_body).filter(|&c| c < page.blocks.len())?;
    let last = first_body.unwrap_or(centre).max(centre) + 3;
    let near = centre.saturating_sub(10)..=last.min(page.blocks.len().saturating_sub(1));
    // A byline is a short line, or the first field of the article's meta line (`Posted by
    // Ann Lee · 2019-04-04 · 9 min read · Print · 255 likes`), which the name is cut from.
    let short_or_meta = |i: usize| {
        let b = &page.blocks[i];
        b.words <= BYLINE_WORDS || super::dates::is_meta_line(&b.text, b.words)
    };
    for i in near.clone() {
        let b = &page.blocks[i];
        // An inline element's `by` token is too often a compound's (`sort-by`, `posted-by`).
        let by_block = b.tokens.iter().any(|t| &**t == "by");
        let styled = (b.words <= STYLED_WORDS && (styled_author(&b.tokens) || by_block))
            || (short_or_meta(i) && styled_author(&b.inline_tokens));
        if styled
            && !comment(&b.tokens)
            && !comment(&b.inline_tokens)
            && let Some(found) = offer(signed(styled_name(&b.text), Source::StyledBlock(i)))
        {
            return Some(found);
        }
    }
    // A line signed for an agency without "By" is read on a plain line only: a heading or a
    // link reading "Business | Reuters" is a section's, not a byline.
    let plain = |i: usize| {
        let b = &page.blocks[i];
        b.heading == 0 && b.link_density() < 0.5
    };
    near.filter(|&i| short_or_meta(i)).find_map(|i| {
        let text = &page.blocks[i].text;
        let name = printed(text).or_else(|| plain(i).then(|| agency_signed(text)).flatten());
        offer(name.and_then(|v| signed(&v, Source::Block(i))))
    })
}

/// Longest block styled as an author's (`<div class="byline">`) read as a byline: its text
/// is the name and little else.
const STYLED_WORDS: usize = 10;

/// Class or id tokens that style an element as the author's (`author`, `byline`), as CMS
/// themes mark the element a `rel=author` link would be.
fn styled_author(tokens: &[std::sync::Arc<str>]) -> bool {
    tokens
        .iter()
        .any(|t| &**t == "author" || t.contains("byline"))
}

/// The name on a line styled as the author's: after a leading "By", or after the first
/// inner "by" (`Posted on September 17, 2012 by Matt Tschoegl`, WordPress's meta line),
/// else the line, which `signed` cuts at its separators.
fn styled_name(text: &str) -> &str {
    let t = text.trim();
    if let Some(m) = BY.find(t) {
        return &t[m.end()..];
    }
    INNER_BY.find(t).map_or(t, |m| &t[m.end()..])
}

/// " by " inside a line, before a name.
static INNER_BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s(?i:by)\s+").expect("inner by pattern compiles"));

/// Tokens of a comment's box: its author is the commenter's.
fn comment(tokens: &[std::sync::Arc<str>]) -> bool {
    tokens.iter().any(|t| t.contains("comment"))
}

/// A byline from a raw name: a role when it reads as one, or when the name cut from it does
/// (`Staff Writer - 7 min read` is cut at the dash), else a person when it is a usable name.
fn signed(raw: &str, source: Source) -> Option<Byline> {
    let role = role_name(raw).or_else(|| clean_name(raw).as_deref().and_then(role_name));
    if let Some(name) = role {
        return Some(Byline {
            name,
            kind: BylineKind::Role,
            source,
        });
    }
    clean_name(raw).map(|name| Byline {
        name,
        kind: BylineKind::Person,
        source,
    })
}

/// Words that name a newsroom role or a collective rather than a person, lower-case: the
/// job titles bylines carry (`Staff Writer`, `Special Correspondent`), the collectives
/// (`News Desk`, `Editorial Team`, `Redaktion`) and the login names of publishing systems
/// (`admin`, `webmaster`). A general vocabulary of newsroom roles in the languages of the
/// pages we read, not the words of any one template.
const ROLE_WORDS: &[&str] = &[
    "admin",
    "administrator",
    "webmaster",
    "editor",
    "editors",
    "editorial",
    "staff",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "contributor",
    "contributors",
    "author",
    "authors",
    "moderator",
    "guest",
    "desk",
    "team",
    "newsroom",
    "bureau",
    "board",
    "redaktion",
    "rédaction",
    "redacción",
    "redazione",
    "redação",
    "redactie",
    "redakcja",
    "redaksi",
];

/// Words that end a collective byline (`Daily Bugle Staff`, `Japan Desk`, `Web Team`):
/// whatever precedes them names a section or the site, not a person.
const COLLECTIVE_WORDS: &[&str] = &[
    "staff",
    "desk",
    "team",
    "newsroom",
    "bureau",
    "board",
    "editors",
    "reporters",
    "writers",
    "contributors",
    "redaktion",
];

/// Words that qualify a role (`Senior Writer`, `Special Correspondent`, `Our Reporter`).
const ROLE_QUALIFIERS: &[&str] = &[
    "the",
    "our",
    "of",
    "and",
    "&",
    "senior",
    "special",
    "contributing",
    "freelance",
    "chief",
    "news",
    "web",
    "online",
    "digital",
];

/// The role a byline names, when it names one: its first part (before a comma) is a role
/// word alone, ends in a collective word, or is made only of role words and their
/// qualifiers. `Jane Doe, Staff Writer` names a person: the role follows her name.
fn role_name(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = BY.find(raw).map_or(raw, |m| &raw[m.end()..]);
    let first = raw
        .split([',', '|', '•', '·', '\n', '—', '–', '/', '(', ')'])
        .map(str::trim)
        .find(|s| !s.is_empty())?;
    let words: Vec<String> = first
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let is = |list: &[&str], w: &str| list.contains(&w);
    let last = words.last()?;
    let all_roles = words
        .iter()
        .all(|w| is(ROLE_WORDS, w) || is(ROLE_QUALIFIERS, w))
        && words.iter().any(|w| is(ROLE_WORDS, w));
    (words.len() <= 6 && (all_roles || is(COLLECTIVE_WORDS, last))).then(|| first.to_string())
}

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

/// Most words a name signed without "By" may have (`Jane Doe`, `Ana María López Ruiz`).
const SIGNED_NAME_WORDS: usize = 4;

/// A line that signs for a wire agency without "By" (`Jane Doe, AFP`, `Jane Doe |
/// Reuters`, `Jane Doe (AP)`), whole, agency included: it credits the agency as `By Jane
/// Doe, Associated Press` does. The agency after the separator is what makes a bare name a
/// byline (agencies sign so, and outlets print it so); the name is two to
/// [`SIGNED_NAME_WORDS`] capitalised words, and nothing else stands after the agency.
fn agency_signed(text: &str) -> Option<String> {
    let text = text.trim();
    let cut = text.find([',', '|', '(', '/'])?;
    let (name, rest) = (text[..cut].trim(), text[cut + 1..].trim());
    let agency = rest.trim_end_matches(')').trim();
    let named = super::wire_marks::byline_credit(agency, 0).is_some()
        && agency.split_whitespace().count() <= 3
        && !agency.chars().any(|c| c.is_ascii_digit());
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_like = (2..=SIGNED_NAME_WORDS).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (named && name_like).then(|| text.to_string())
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
    let month_only = words == 1 && super::months::month_number(name).is_some();
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

    /// The byline of a test page whose headline is its first block.
    fn byline_of(html: &str) -> Option<Byline> {
        let page = segment(html);
        byline(
            &page,
            &JsonLd::parse(&page.json_ld),
            &body_of(&page),
            Some(0),
        )
    }

    #[test]
    fn bylines_from_meta_json_ld_class_and_text() {
        let cases = [
            (
                r#"<meta name="author" content="Jane Doe"><h1>T</h1><p>Body.</p>"#,
                "Jane Doe",
                Source::Meta("author".into()),
            ),
            (
                r#"<meta property="article:author" content="https://facebook.com/x">
                   <script type="application/ld+json">{"author":{"@type":"Person","name":"Max Roe"}}</script>
                   <h1>T</h1><p>Body.</p>"#,
                "Max Roe",
                Source::JsonLd("author".into()),
            ),
            (
                r#"<h1>T</h1><div class="post-author"><a rel="author" href="/a/jd">By Jane Doe</a></div><p>Body.</p>"#,
                "Jane Doe",
                Source::StyledBlock(1),
            ),
            (
                r#"<h1>T</h1><div>By JANE DOE | 2025-04-25</div><p>Body.</p>"#,
                "JANE DOE",
                Source::Block(1),
            ),
            (
                // A name signed for an agency, without "By".
                r#"<h1>T</h1><div class="meta"><span class="author">Chris Novak, AFP</span></div><p>Body.</p>"#,
                "Chris Novak, AFP",
                Source::StyledBlock(1),
            ),
            (
                // A bare name, in an inline element styled as the author's, first in a meta
                // line: only its class tells it from a label.
                r#"<h1>T</h1><div class="meta"><span class="author">David Carter</span> · <span>March 4, 2024</span> · <span>7 min read</span> · <span>162 views</span> · <span>Print</span></div><p>Body.</p>"#,
                "David Carter",
                Source::StyledBlock(1),
            ),
            (
                // The same signed for an agency in a meta line.
                r#"<h1>T</h1><div><a class="byline-link" href="/a/cn">Chris Novak, AFP</a> - <span>7 min read</span></div><p>Body.</p>"#,
                "Chris Novak, AFP",
                Source::StyledBlock(1),
            ),
            (
                // A meta line of many fields, the byline first.
                r#"<h1>T</h1><div><span>Posted by Maria Whitfield</span> · <time>2019-04-04 10:57:21</time> · <span>9 min read</span> · <span>Print</span> · <span>Email</span> · <span>Good (255)</span> · <span>veryGood! (103)</span></div><p>Body.</p>"#,
                "Maria Whitfield",
                Source::Block(1),
            ),
        ];
        for (html, name, source) in cases {
            let b = byline_of(html).expect(name);
            assert_eq!((b.name.as_str(), b.source), (name, source));
            assert_eq!(b.kind, BylineKind::Person);
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
        assert_eq!(byline_of(html), None);
        // Nor one in an inline element of a comment's line, nor a bare name in a plain span.
        let html = r#"<h1>Iraq talks</h1><div class="info">View Date:2025-04-25</div>
            <p>Body text of the story.</p><div><span class="comment-author">Troll Nine</span> said</div>
            <div><span class="name">David Carter</span></div>"#;
        assert_eq!(byline_of(html), None);
        // A section heading or link that names an agency is not a byline.
        let html = r#"<h1>Iraq talks</h1><h2>World News | Reuters</h2><div><a href="/b">Business News, AP</a></div>
            <p>Body text of the story.</p><p>Body more text.</p>"#;
        assert_eq!(byline_of(html), None);
    }

    #[test]
    fn roles_are_not_authors() {
        for role in [
            "Staff Writer",
            "admin",
            "Admin",
            "News Desk",
            "Editorial Team",
            "staff",
            "By Staff Reporter",
            "Daily Bugle Staff",
            "Japan Desk",
            "Special Correspondent, New Delhi",
            "The Editors",
            "Redaktion",
            "Redaksi",
        ] {
            assert!(role_name(role).is_some(), "{role}");
        }
        for person in [
            "Jane Doe",
            "Jane Doe, Staff Writer",
            "LIZ PETERSON, Associated Press Writer",
            "Associated Press",
            "Max Roe and Jane Doe",
            "Tim Staffieri", // a name that only starts like a role word
        ] {
            assert_eq!(role_name(person), None, "{person}");
        }
    }

    /// A WordPress page: the meta author is the login `admin`, the page prints nobody's
    /// name. Another page prints a person's name under a role in its meta tags.
    #[test]
    fn a_role_byline_says_nobody_signed_unless_a_person_does() {
        // WordPress's meta line: the date first, the name after "by".
        let html = r#"<h1>Storm hits coast</h1><div class="entry-meta">Posted on <time>April 5, 2025</time> <span class="by-author">by <span class="author vcard"><a class="url fn n" href="/author/mt">Matt Tschoegl</a></span></span></div>
            <p>Body text of the story goes on here.</p>"#;
        let b = byline_of(html).unwrap();
        assert_eq!(
            (b.name.as_str(), b.kind),
            ("Matt Tschoegl", BylineKind::Person)
        );
        let html = r#"<meta name="author" content="admin"><h1>Storm hits coast</h1>
            <div class="entry-meta">Posted on April 5, 2025 by staff</div>
            <p>Body text of the story goes on here.</p>"#;
        let b = byline_of(html).unwrap();
        assert_eq!(
            (b.name.as_str(), b.kind, b.source),
            ("admin", BylineKind::Role, Source::Meta("author".into()))
        );
        // A role styled as the author's, first in a meta line cut at a dash.
        let html = r#"<h1>Storm hits coast</h1><div class="meta"><span class="author">Staff Writer</span> - <span>7 min read</span> - <span>Print</span></div>
            <p>Body text of the story goes on here.</p>"#;
        let b = byline_of(html).unwrap();
        assert_eq!(
            (b.name.as_str(), b.kind),
            ("Staff Writer", BylineKind::Role)
        );
        let html = r#"<meta name="author" content="News Desk"><h1>Storm hits coast</h1>
            <div class="byline">By Jane Doe</div><p>Body text of the story goes on here.</p>"#;
        let b = byline_of(html).unwrap();
        assert_eq!(
            (b.name.as_str(), b.kind, b.source),
            ("Jane Doe", BylineKind::Person, Source::StyledBlock(1))
        );
    }
}
