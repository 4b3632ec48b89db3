//! Farm copies in real page layouts: a real page's own article paragraphs replaced by a
//! wire story's, every other byte of the page kept (site name, date line, byline, chrome).
//!
//! The generator's families are layouts this project wrote; a real CMS page is a layout
//! nobody here wrote, so a copy transplanted into one is a held-out measure no template
//! can fit. The paragraphs to replace are found by structure only: the page's `<p>`
//! elements whose text is part of the body chaff's extraction keeps. No per-site rule: a
//! page whose body is not in `<p>` elements (text under `<br>`s, `<div>`s) is left out
//! ([`MIN_COVERAGE`]) rather than half replaced.

use super::chrome::esc;
use super::rng::Rng;
use crate::datasets::gold::unescape_entities;
use crate::words::count_words;

/// A `<p>` shorter than this is not counted as a body paragraph: captions, "Advertisement"
/// and one-line bylines sit in `<p>`s too, and a short text is contained in a long body by
/// chance.
pub const MIN_PARAGRAPH_WORDS: usize = 6;

/// The matched `<p>`s must hold at least this share of the extracted body's words, or the
/// page is not transplanted: with less, most of the page's own article would stay beside
/// the story and the copy would be half the host's text (not a farm copy of the story).
pub const MIN_COVERAGE: f64 = 0.7;

/// At least this many body paragraphs, so that the story's paragraphs land in the page's
/// own article column and not in one stray `<p>`.
pub const MIN_PARAGRAPHS: usize = 2;

/// The story is dated this many days before the page's own declared date, at least: two
/// months, well outside one news cycle, so the copy is a re-stamp by the page's own date.
pub const RESTAMP_MIN_DAYS: i64 = 60;

/// And at most this many (eighteen months): farms re-stamp old stories, not ancient ones.
pub const RESTAMP_MAX_DAYS: i64 = 540;

/// A real page with its article replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Transplant {
    /// The page, story paragraphs in place of its own.
    pub html: String,
    /// How many of the page's `<p>` elements held its body (the first got the story's
    /// paragraphs in order, the rest were removed).
    pub replaced: usize,
}

/// Byte span of one `<p>` element: `open_end` is just past its start tag, `close` where
/// its end tag (or the next `<p>`, which closes it implicitly) starts, `end` past it.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    open_end: usize,
    close: usize,
    end: usize,
}

/// Is `tag` (lower-case ASCII) the name at `i` of `bytes`, followed by a name end?
fn tag_at(bytes: &[u8], i: usize, tag: &[u8]) -> bool {
    let end = i + tag.len();
    end <= bytes.len()
        && bytes[i..end].eq_ignore_ascii_case(tag)
        && bytes
            .get(end)
            .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
}

/// Every `<p>` element of the page outside `<script>`, `<style>` and comments, in order.
fn paragraphs(html: &str) -> Vec<Span> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // ASCII lower-casing keeps every byte offset.
    let lower = html.to_ascii_lowercase();
    let skip_to = |from: usize, pat: &str| -> usize {
        lower[from..]
            .find(pat)
            .map_or(b.len(), |k| from + k + pat.len())
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if b[i..].starts_with(b"<!--") {
            i = skip_to(i, "-->");
        } else if tag_at(b, i + 1, b"script") {
            i = skip_to(i, "</script");
        } else if tag_at(b, i + 1, b"style") {
            i = skip_to(i, "</style");
        } else if tag_at(b, i + 1, b"p") {
            let Some(gt) = html[i..].find('>') else { break };
            let open_end = i + gt + 1;
            // The element ends at `</p`, or where the next `<p` or block container opens.
            let mut j = open_end;
            let (close, end) = loop {
                match html[j..].find('<') {
                    None => break (b.len(), b.len()),
                    Some(k) => {
                        let at = j + k;
                        if b.get(at + 1) == Some(&b'/') && tag_at(b, at + 2, b"p") {
                            let gt = html[at..].find('>').map_or(b.len(), |g| at + g + 1);
                            break (at, gt);
                        }
                        if ["p", "div", "section", "article", "table", "ul", "ol"]
                            .iter()
                            .any(|t| tag_at(b, at + 1, t.as_bytes()))
                            || (b.get(at + 1) == Some(&b'/')
                                && ["div", "section", "article", "td", "li", "body"]
                                    .iter()
                                    .any(|t| tag_at(b, at + 2, t.as_bytes())))
                        {
                            break (at, at);
                        }
                        j = at + 1;
                    }
                }
            };
            out.push(Span {
                start: i,
                open_end,
                close,
                end,
            });
            i = end.max(open_end);
        } else {
            i += 1;
        }
    }
    out
}

/// The text of some markup without its tags, entities decoded.
fn text_of(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape_entities(&out)
}

/// Text with every whitespace character dropped: a `<p>`'s text and the extracted body are
/// compared this way, since tags and blocks space words differently.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A real page's body paragraphs, found once: the `<p>` elements holding the body chaff
/// extracts, ready to take any story ([`Host::with_story`]).
#[derive(Debug, Clone)]
pub struct Host<'a> {
    html: &'a str,
    held: Vec<Span>,
}

impl<'a> Host<'a> {
    /// The `<p>` elements of `html` holding its extracted `body` (chaff's body text);
    /// `None` when its body is not found in `<p>`s ([`MIN_PARAGRAPHS`], [`MIN_COVERAGE`]).
    pub fn find(html: &'a str, body: &str) -> Option<Host<'a>> {
        let body_words = count_words(body);
        let body = squeezed(body);
        let held: Vec<(Span, usize)> = paragraphs(html)
            .into_iter()
            .filter_map(|s| {
                let t = text_of(&html[s.open_end..s.close]);
                let n = count_words(&t);
                (n >= MIN_PARAGRAPH_WORDS && body.contains(&squeezed(&t))).then_some((s, n))
            })
            .collect();
        let covered: usize = held.iter().map(|(_, n)| n).sum();
        if held.len() < MIN_PARAGRAPHS || (covered as f64) < MIN_COVERAGE * body_words as f64 {
            return None;
        }
        Some(Host {
            html,
            held: held.into_iter().map(|(s, _)| s).collect(),
        })
    }

    /// The page with `story`'s paragraphs in place of its own; `None` for an empty story.
    /// The story's paragraphs go into the first held `<p>` (keeping its attributes), one
    /// element each; the page's other body paragraphs are removed.
    pub fn with_story(&self, story: &[String]) -> Option<Transplant> {
        if story.is_empty() {
            return None;
        }
        let (html, first) = (self.html, self.held[0]);
        let mut out = String::with_capacity(html.len());
        out.push_str(&html[..first.open_end]);
        let close_tag = "</p>";
        for (k, p) in story.iter().enumerate() {
            if k > 0 {
                out.push_str(close_tag);
                out.push_str("\n<p>");
            }
            out.push_str(&esc(p));
        }
        out.push_str(close_tag);
        let mut at = first.end.max(first.close);
        for s in &self.held[1..] {
            out.push_str(&html[at..s.start]);
            at = s.end.max(s.close);
        }
        out.push_str(&html[at..]);
        Some(Transplant {
            html: out,
            replaced: self.held.len(),
        })
    }
}

/// The page `html` with the `<p>` elements holding its extracted `body` replaced by
/// `story`'s paragraphs: [`Host::find`] then [`Host::with_story`].
pub fn transplant(html: &str, body: &str, story: &[String]) -> Option<Transplant> {
    Host::find(html, body)?.with_story(story)
}

/// How many days before the page's own date its story is dated, drawn from `rng`:
/// [`RESTAMP_MIN_DAYS`]..=[`RESTAMP_MAX_DAYS`].
pub fn restamp_gap(rng: &mut Rng) -> i64 {
    rng.range(RESTAMP_MIN_DAYS, RESTAMP_MAX_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><title>Daily Gazette</title></head><body>
<header class="masthead"><a href="/">Daily Gazette</a><nav>Home | World | Sport</nav></header>
<article><h1>Council approves the new bridge</h1>
<p class="meta">By Ann Smith, 3 March 2021</p>
<div class="body">
<p class="lead">The city council approved the new bridge on Tuesday after a long debate.</p>
<p>Work will begin in the spring &amp; last about two years, the mayor said.</p>
<script>var p = "<p>not a paragraph of the body at all here</p>";</script>
<p>Residents had asked for a safer crossing over the river for many years.</p>
</div></article>
<footer><p>Copyright 2021 Daily Gazette. All rights reserved here.</p></footer>
</body></html>"#;

    const BODY: &str = "The city council approved the new bridge on Tuesday after a long debate.\n\n\
        Work will begin in the spring & last about two years, the mayor said.\n\n\
        Residents had asked for a safer crossing over the river for many years.";

    fn story() -> Vec<String> {
        vec![
            "Storm winds closed the northern port for a second day on Friday.".into(),
            "Ferries were held in harbour & flights were cut, officials said.".into(),
        ]
    }

    #[test]
    fn keeps_the_chrome_and_replaces_the_body() {
        let t = transplant(PAGE, BODY, &story()).expect("body is in <p>s");
        assert_eq!(t.replaced, 3);
        for kept in [
            "<title>Daily Gazette</title>",
            "<nav>Home | World | Sport</nav>",
            "<h1>Council approves the new bridge</h1>",
            "By Ann Smith, 3 March 2021",
            "Copyright 2021 Daily Gazette",
            "not a paragraph of the body",
            r#"<p class="lead">Storm winds"#,
        ] {
            assert!(t.html.contains(kept), "lost {kept:?}:\n{}", t.html);
        }
        for gone in ["approved the new bridge", "two years", "safer crossing"] {
            assert!(!t.html.contains(gone), "kept {gone:?}:\n{}", t.html);
        }
        assert!(t.html.contains("harbour &amp; flights"));
    }

    #[test]
    fn extracted_body_of_a_transplant_is_the_story() {
        let x = crate::extract::Extractor::embedded().unwrap();
        let t = transplant(PAGE, BODY, &story()).unwrap();
        let text = x.extract(&t.html).text;
        assert!(
            text.contains("Storm winds closed the northern port"),
            "{text}"
        );
        assert!(!text.contains("safer crossing"), "{text}");
    }

    #[test]
    fn refuses_a_body_outside_paragraphs() {
        let page = "<html><body><div>The city council approved the new bridge on Tuesday \
                    after a long debate.<br>Work will begin in the spring.</div>\
                    <p>Copyright 2021 Daily Gazette. All rights reserved here.</p></body></html>";
        assert_eq!(transplant(page, BODY, &story()), None);
        assert_eq!(transplant(PAGE, BODY, &[]), None);
    }
}
