//! The article's title, picked one way for the whole crate, and the one measure of how many
//! words two texts share.
//!
//! Extraction shows the title apart from the body (`Extraction::title`, the `title` field of
//! `chaff extract --jsonl`); the page facts read the same title for the verdict. Both used
//! to pick their own, and they disagreed on pages whose logo is the `h1`.
//!
//! The rule: the page declares a title (`og:title`, else `<title>`, without the site part
//! `| Daily Bugle`); the headline is the first `h1`/`h2` block that agrees with it,
//! preferring one extraction labelled body. With no declared title, the first body heading
//! (or the first `h1`) is the headline. With a declared title and no agreeing heading, the
//! declared title is the title and no block is the headline.

use crate::page::{Page, words};
use regex::Regex;
// foldhash, seeded per process, as the other per-page maps: SipHash over every word of every
// block was a twentieth of feature time on pages that declare their article.
use foldhash::HashSet;
use std::sync::LazyLock;

/// The distinct lower-cased words of a text, for overlap measures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordSet(HashSet<String>);

impl WordSet {
    pub fn of(text: &str) -> WordSet {
        let mut set = HashSet::default();
        let mut buf = String::new();
        for w in words(text) {
            // Most words repeat: each is looked up before a copy is made.
            let key = word_key(w, &mut buf);
            if !set.contains(key) {
                set.insert(key.to_string());
            }
        }
        WordSet(set)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }

    /// The set's own copy of a word, if it has it.
    pub fn get(&self, word: &str) -> Option<&str> {
        self.0.get(word).map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// Share of this set's words that `other` also has, 0 when this set is empty.
    pub fn share_in(&self, other: &WordSet) -> f32 {
        if self.0.is_empty() {
            return 0.0;
        }
        self.0.iter().filter(|w| other.0.contains(*w)).count() as f32 / self.0.len() as f32
    }

    /// [`word_overlap`] of two sets.
    pub fn overlap(&self, other: &WordSet) -> f32 {
        if self.len() <= other.len() {
            self.share_in(other)
        } else {
            other.share_in(self)
        }
    }
}

/// A word as [`WordSet`] keys it: lower-cased as `str::to_lowercase` does, borrowed when it
/// is lower-case ASCII already (most words are), else written into `buf`. Callers that
/// count a text's words against a `WordSet` without building one use it too, so that both
/// sides always agree on a key.
pub fn word_key<'w>(w: &'w str, buf: &'w mut String) -> &'w str {
    if w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return w;
        }
        buf.clear();
        buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        *buf = w.to_lowercase();
    }
    buf
}

/// Share of the shorter text's distinct words found in the other (case-blind), 0..1: the
/// crate's one word-overlap measure (titles against headings, breadcrumbs against titles).
pub fn word_overlap(a: &str, b: &str) -> f32 {
    WordSet::of(a).overlap(&WordSet::of(b))
}

/// A heading is the declared title when half of the shorter one's words are in the other:
/// headlines and `<title>`s are often shortened or lengthened versions of each other
/// ("Council approves budget" and "Council approves new library budget").
pub const AGREES: f32 = 0.5;

/// Where the title was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleSource {
    /// A heading block of the page (its level is the block's `heading`).
    Heading(u8),
    /// `<meta property="og:title">`, site part removed.
    OgTitle,
    /// `<title>`, site part removed.
    HtmlTitle,
}

/// The article's title.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    pub text: String,
    pub source: TitleSource,
    /// The headline block, when the title is one of the page's blocks.
    pub block: Option<usize>,
}

/// The page's declared title: `og:title`, else `<title>`, without its site part.
pub fn declared(page: &Page) -> Option<(String, TitleSource)> {
    let h1 = page
        .blocks
        .iter()
        .find(|b| b.heading == 1)
        .map(|b| b.text.as_str());
    let nonempty = |s: &&str| !s.trim().is_empty();
    page.meta_value("og:title")
        .filter(nonempty)
        .map(|t| (split_title_by(t, h1).0, TitleSource::OgTitle))
        .or_else(|| {
            page.title
                .as_deref()
                .filter(nonempty)
                .map(|t| (split_title_by(t, h1).0, TitleSource::HtmlTitle))
        })
        .filter(|(t, _)| !t.trim().is_empty())
}

/// Pick the article's title (module doc). `body[i]` says whether extraction kept block `i`;
/// without labels every heading is equally likely.
pub fn pick(page: &Page, body: Option<&[bool]>) -> Option<Title> {
    let is_body = |i: usize| body.is_some_and(|b| b.get(i).copied().unwrap_or(false));
    let headings: Vec<usize> = page
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| (1..=2).contains(&b.heading) && b.words > 0)
        .map(|(i, _)| i)
        .collect();
    let heading = |i: usize| Title {
        text: page.blocks[i].text.clone(),
        source: TitleSource::Heading(page.blocks[i].heading),
        block: Some(i),
    };
    match declared(page) {
        Some((text, source)) => {
            let d = WordSet::of(&text);
            let agreeing: Vec<usize> = headings
                .into_iter()
                .filter(|&i| WordSet::of(&page.blocks[i].text).overlap(&d) >= AGREES)
                .collect();
            match agreeing.iter().find(|&&i| is_body(i)).or(agreeing.first()) {
                Some(&i) => Some(heading(i)),
                None => Some(Title {
                    text,
                    source,
                    block: None,
                }),
            }
        }
        None => headings
            .iter()
            .copied()
            .find(|&i| is_body(i))
            .or_else(|| page.blocks.iter().position(|b| b.heading == 1))
            .map(heading),
    }
}

/// A separator between a title and a site name: ` | `, ` - `, ` – `, ` — `, ` :: `, ` · `,
/// and the farm habit of ` -Site` (space before the dash only). A dash inside a word
/// (`Iran-backed`) has no space before it and is left alone.
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:\||-{1,2}|–|—|::|·|•|»)\s*").expect("separator pattern compiles")
});

/// Split a `<title>` into (article title, site name) when it carries a site part: the last
/// (or, when the first part is the short one, the first) segment of at most six words.
pub fn split_title(title: &str) -> (String, Option<String>) {
    split_title_by(title, None)
}

/// [`split_title`], with the headline to tell which end is the site: the end the `h1`
/// does not repeat (`CANOE -- Movies - Remembering Dusty Cohl` over an `h1` "Remembering
/// Dusty Cohl" is CANOE's).
pub fn split_title_by(title: &str, h1: Option<&str>) -> (String, Option<String>) {
    let cuts: Vec<_> = SEPARATOR.find_iter(title).collect();
    let (Some(first), Some(last)) = (cuts.first(), cuts.last()) else {
        return (title.to_string(), None);
    };
    let head = title[..last.start()].trim();
    let tail = title[last.end()..].trim();
    let lead = title[..first.start()].trim();
    let rest = title[first.end()..].trim();
    let words = |s: &str| s.split_whitespace().count();
    let short = |s: &str| !s.is_empty() && words(s) <= 6;
    // 0.6, a little stricter than `AGREES`: a site name of two words shares one with many
    // headlines.
    let in_h1 = |s: &str| h1.is_some_and(|h| word_overlap(s, h) >= 0.6);
    let tail_site = short(tail) && words(head) >= words(tail);
    let lead_site = short(lead) && words(rest) > words(lead);
    if tail_site && !(in_h1(tail) && lead_site && !in_h1(lead)) {
        return (head.to_string(), Some(tail.to_string()));
    }
    if lead_site {
        return (rest.to_string(), Some(lead.to_string()));
    }
    (title.to_string(), None)
}

/// Shortest word, in characters, that says what a text is about: shorter ones are mostly the
/// function words every text shares ("the", "with", "from"), and a long body has them all.
pub const TOPIC_WORD_CHARS: usize = 5;

/// Share of a headline's topic words an article must have for the headline to be on its
/// subject: an unrelated headline meets a long body on a common word or two ("people",
/// "after"), a related one on its names and its subject.
pub const ON_SUBJECT: f32 = 0.5;

/// Whether a headline is on the subject of an article (`article`: the distinct words of its
/// title and body): at least two of the headline's topic words (of [`TOPIC_WORD_CHARS`] or
/// more), and [`ON_SUBJECT`] of them, are the article's. [`WordSet::share_in`] over topic
/// words: the crate's one overlap measure, kept from function words.
pub fn on_subject(headline: &str, article: &WordSet) -> bool {
    let topic = WordSet(
        WordSet::of(headline)
            .0
            .into_iter()
            .filter(|w| w.chars().count() >= TOPIC_WORD_CHARS)
            .collect(),
    );
    let share = topic.share_in(article);
    let shared = (share * topic.len() as f32).round() as usize;
    shared >= 2 && share >= ON_SUBJECT
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    #[test]
    fn overlap_is_the_shorter_texts_share() {
        assert_eq!(word_overlap("Storm hits", "The storm hits the coast"), 1.0);
        assert_eq!(word_overlap("The storm hits the coast", "Storm hits"), 1.0);
        assert_eq!(word_overlap("", "anything"), 0.0);
        let a = WordSet::of("storm hits coast");
        assert!((a.share_in(&WordSet::of("storm today")) - 1.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn the_headline_that_agrees_with_the_declared_title_wins() {
        let page = segment(
            r#"<head><title>Storm hits coast | Daily Bugle</title></head><body>
            <h1>Daily Bugle</h1><h2>Storm hits the coast at night</h2><p>Text of it.</p></body>"#,
        );
        let t = pick(&page, None).unwrap();
        assert_eq!(t.text, "Storm hits the coast at night");
        assert_eq!((t.source, t.block), (TitleSource::Heading(2), Some(1)));
    }

    #[test]
    fn a_logo_h1_gives_way_to_the_declared_title() {
        let page = segment(
            r#"<head><title>Rates rise again - Money Now</title></head>
            <body><h1>Money Now</h1><p>Text.</p></body>"#,
        );
        let t = pick(&page, Some(&[true, true])).unwrap();
        assert_eq!(
            (t.text.as_str(), t.source, t.block),
            ("Rates rise again", TitleSource::HtmlTitle, None)
        );
    }

    #[test]
    fn without_a_declared_title_the_first_body_heading_is_the_title() {
        let page = segment("<body><h1>Site</h1><h2>Real headline</h2><p>Text.</p></body>");
        let t = pick(&page, Some(&[false, true, true])).unwrap();
        assert_eq!(t.block, Some(1));
        assert_eq!(pick(&page, None).unwrap().block, Some(0));
        assert_eq!(pick(&segment("<body><p>Only text.</p></body>"), None), None);
    }
}
