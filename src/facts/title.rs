//! The article's title, the site's name, and the page's canonical address.
//!
//! A farm page announces itself partly by what it calls itself: a finance-sounding site
//! name over a war story, a `<title>` suffix that matches no host. We keep every title the
//! page gives (`<title>`, `og:title`, first `h1`) and pick the article's from them; the
//! site name comes from the most deliberate declaration available.

use super::json_ld::JsonLd;
use super::{Found, Source};
use crate::page::Page;
use crate::title::TitleSource;

/// The titles a page declares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Titles {
    pub html: Option<String>,
    pub og: Option<String>,
    pub h1: Option<String>,
    /// Index of the first `h1` block.
    pub h1_block: Option<usize>,
}

/// Collect the page's titles.
pub fn titles(page: &Page) -> Titles {
    let h1_block = page.blocks.iter().position(|b| b.heading == 1);
    Titles {
        html: page.title.clone().filter(|t| !t.is_empty()),
        og: page.meta_value("og:title").map(str::to_string),
        h1: h1_block.map(|i| page.blocks[i].text.clone()),
        h1_block,
    }
}

pub use crate::title::{split_title, split_title_by, word_overlap};

/// The article's title as a fact, picked by [`crate::title::pick`] (the same title
/// extraction shows), with its source: `h1`..`h6` for a heading block, else `og:title` or
/// `title`.
pub fn article_title(page: &Page, body: &[bool]) -> Option<(Found, Option<usize>)> {
    let t = crate::title::pick(page, Some(body))?;
    let source = match t.source {
        TitleSource::Heading(1) => Source::H1,
        TitleSource::Heading(level) => Source::Heading(level),
        TitleSource::OgTitle => Source::OgTitle,
        TitleSource::HtmlTitle => Source::Title,
    };
    Some((Found::new(&t.text, source), t.block))
}

/// Fewest words of a block that is taken for the headline printed from a `<title>`: two
/// words ("Sports News") are as often a section's name that opens the title.
const PRINTED_TITLE_WORDS: usize = 3;

/// The block that prints the headline when the title was picked from `<title>` or
/// `og:title` alone (no heading matched it): the first block that is not a link and
/// whose words open or close the title's, at least half of them ("Aidy recalls big guns"
/// under `<title>Aidy Recalls Big Guns (from Harrow Times)</title>`, in a `<div
/// class="headline">`). The date and byline lines stand by it, not by the top of the
/// body, which extraction sometimes starts well above the story.
pub fn printed_title(page: &Page, title: &str) -> Option<usize> {
    let words = |t: &str| -> Vec<String> {
        // An apostrophe joins ("Saj's" under a `<title>` that prints "Sajs").
        t.replace(['\'', '\u{2019}'], "")
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let title = words(title);
    page.blocks.iter().position(|b| {
        if b.words < PRINTED_TITLE_WORDS
            || b.words > title.len()
            || 2 * b.words < title.len()
            || super::link_lists::is_link_block(b)
        {
            return false;
        }
        let own = words(&b.text);
        !own.is_empty() && (title.starts_with(&own) || title.ends_with(&own))
    })
}

/// The site's name, by how deliberately the page declares it: `og:site_name`,
/// `application-name`, JSON-LD `publisher`, the `<title>` site part, a logo's alt text.
pub fn site_name(page: &Page, ld: &JsonLd, t: &Titles) -> Option<Found> {
    for key in ["og:site_name", "application-name"] {
        if let Some(v) = page.meta_value(key) {
            return Some(Found::new(v, Source::Meta(key.to_string())));
        }
    }
    if let Some(v) = ld.first_str("publisher") {
        return Some(Found::new(&v, Source::JsonLd("publisher".to_string())));
    }
    for title in [&t.html, &t.og].into_iter().flatten() {
        if let (_, Some(site)) = split_title_by(title, t.h1.as_deref()) {
            return Some(Found::new(&site, Source::TitleSuffix));
        }
    }
    page.logo_alts
        .iter()
        .find(|a| !a.trim().is_empty() && a.split_whitespace().count() <= 6)
        .map(|a| Found::new(a, Source::LogoAlt))
}

/// The page's own address: `<link rel=canonical>`, else `og:url`.
pub fn canonical(page: &Page) -> Option<String> {
    page.canonical
        .as_deref()
        .or_else(|| page.meta_value("og:url"))
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
}

/// The lower-case host of an absolute URL, without `www.` and port
/// (`https://WWW.Example.com:8080/a` gives `example.com`).
pub fn host_of(url: &str) -> Option<String> {
    let rest = url
        .trim()
        .split_once("://")
        .map(|(_, r)| r)
        .or_else(|| url.trim().strip_prefix("//"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_lowercase();
    let host = host.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    if ARCHIVE_HOSTS.contains(&host)
        && let Some(archived) = archived_url(rest)
    {
        return host_of(archived);
    }
    (!host.is_empty() && host.contains('.')).then(|| host.to_string())
}

/// Web archives that keep a page under its own address (`web.archive.org/web/20120101000000/
/// http://example.com/a`): the page's site is the archived host, not the archive.
const ARCHIVE_HOSTS: &[&str] = &["web.archive.org", "wayback.archive.org"];

/// The archived address in a Wayback path (`/web/<timestamp>[modifier]/<url>`), with a
/// scheme so that [`host_of`] reads it.
fn archived_url(rest: &str) -> Option<&str> {
    let path = &rest[rest.find('/')?..];
    let after = path.split_once("/web/")?.1;
    let (stamp, url) = after.split_once('/')?;
    let url = url.trim_start_matches('/');
    let scheme = url.find("://").is_some_and(|i| i <= 5);
    (stamp.starts_with(|c: char| c.is_ascii_digit()) && scheme).then_some(url)
}

/// Whether a site name and a host name the same thing: they share a brand
/// ([`super::site::same_brand`]: `Daily Bugle` and `dailybugle.com`, `PCMag UK` and
/// `uk.pcmag.com`, `Cleveland Museum of Art` and `clevelandart.org`).
pub fn site_matches_host(site: &str, host: &str) -> bool {
    super::site::same_brand(site, host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    #[test]
    fn a_title_from_title_is_found_where_the_page_prints_it() {
        let page = segment(
            r#"<ul><li><a href="/a">Storm's fury hits the coast</a></li></ul>
            <p>Storm</p>
            <div class="headline">Storm's fury hits the coast</div>
            <p>By Jane Doe</p><p>The storm reached the coast on Tuesday night.</p>"#,
        );
        let title = "Storms Fury Hits The Coast (from The Daily Bugle)";
        let at = printed_title(&page, title).expect("printed");
        assert_eq!(
            page.blocks[at].text, "Storm's fury hits the coast",
            "not the link"
        );
        assert_eq!(printed_title(&page, "Calm seas return to the bay"), None);
    }

    #[test]
    fn title_site_parts_split_on_common_separators() {
        assert_eq!(
            split_title("Storm hits coast | Daily Bugle"),
            (
                "Storm hits coast".to_string(),
                Some("Daily Bugle".to_string())
            )
        );
        assert_eq!(
            split_title("Storm hits coast – The Bugle"),
            (
                "Storm hits coast".to_string(),
                Some("The Bugle".to_string())
            )
        );
        assert_eq!(
            split_title("Iran-backed militias strike again -SecurePath Capital"),
            (
                "Iran-backed militias strike again".to_string(),
                Some("SecurePath Capital".to_string())
            )
        );
        assert_eq!(
            split_title("Bugle | Storm hits the coast at night"),
            (
                "Storm hits the coast at night".to_string(),
                Some("Bugle".to_string())
            )
        );
        assert_eq!(split_title("Iran-backed militias strike").1, None);
        // The headline says which end is the site.
        let t = "CANOE -- JAM! Movies - Artists - Cohl, Dusty: Remembering Dusty Cohl";
        assert_eq!(
            split_title(t).1.as_deref(),
            Some("Cohl, Dusty: Remembering Dusty Cohl")
        );
        assert_eq!(
            split_title_by(t, Some("Remembering Dusty Cohl"))
                .1
                .as_deref(),
            Some("CANOE")
        );
    }

    #[test]
    fn titles_and_site_name_by_priority() {
        let html = r#"<html><head><title>Storm hits coast | Daily Bugle</title>
            <meta property="og:title" content="Storm hits the coast">
            <link rel="canonical" href="https://www.DailyBugle.com/storm"></head>
            <body><div class="logo"><a href="/"><img alt="The Bugle" src="/l.png"></a></div>
            <h1>Storm hits the coast</h1><p>Text.</p></body></html>"#;
        let page = segment(html);
        let t = titles(&page);
        assert_eq!(t.h1.as_deref(), Some("Storm hits the coast"));
        assert_eq!(t.h1_block, Some(0));
        let (title, block) = article_title(&page, &[true, true]).unwrap();
        assert_eq!(
            (title.value.as_str(), &title.source, block),
            ("Storm hits the coast", &Source::H1, Some(0))
        );
        let site = site_name(&page, &JsonLd::parse(&page.json_ld), &t).unwrap();
        assert_eq!(
            (site.value.as_str(), &site.source),
            ("Daily Bugle", &Source::TitleSuffix)
        );
        let host = host_of(&canonical(&page).unwrap()).unwrap();
        assert_eq!(host, "dailybugle.com");
        assert!(site_matches_host(&site.value, &host));
        assert!(!site_matches_host("SecurePath Capital", "newsfarm.example"));

        // og:site_name beats the title; a logo-only h1 is not the article title.
        let html = r#"<head><title>Rates rise again - Money Now</title>
            <meta property="og:site_name" content="Money Now Ltd"></head>
            <body><h1>Money Now</h1><p>Text.</p></body>"#;
        let page = segment(html);
        let t = titles(&page);
        let (title, block) = article_title(&page, &[true, true]).unwrap();
        assert_eq!(
            (title.value.as_str(), &title.source, block),
            ("Rates rise again", &Source::Title, None)
        );
        assert_eq!(
            site_name(&page, &JsonLd::parse(&page.json_ld), &t)
                .unwrap()
                .source,
            Source::Meta("og:site_name".to_string())
        );

        // Only a logo names the site.
        let page = segment(r#"<body><div id="brand"><img alt="Bugle"></div><p>x</p></body>"#);
        let site = site_name(&page, &JsonLd::parse(&page.json_ld), &titles(&page)).unwrap();
        assert_eq!(
            (site.value.as_str(), &site.source),
            ("Bugle", &Source::LogoAlt)
        );
    }

    #[test]
    fn hosts_are_normalised() {
        for (url, host) in [
            ("https://WWW.Example.com:8080/a?b", "example.com"),
            ("//apnews.com/article/x", "apnews.com"),
            ("http://user@news.bbc.co.uk/", "news.bbc.co.uk"),
            (
                "http://web.archive.org/web/20120315000000/http://www.nesselsetzer.de/a",
                "nesselsetzer.de",
            ),
            (
                "https://web.archive.org/web/2012id_/https://blog.example.org/",
                "blog.example.org",
            ),
            ("https://web.archive.org/about/", "web.archive.org"),
        ] {
            assert_eq!(host_of(url).as_deref(), Some(host), "{url}");
        }
        assert_eq!(host_of("/relative/path"), None);
        assert_eq!(host_of("not a url"), None);
    }
}
