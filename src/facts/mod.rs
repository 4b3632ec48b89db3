//! Page facts: what a page says about itself and how it is built around its article.
//!
//! Gathered once per page from the segmented page and the body labels extraction gave its
//! blocks; the facts know nothing of models. Each idea has its own file: the titles and site
//! name, the declared date, the byline, the breadcrumb, the wire marks in the body, the link
//! lists, and the chrome (widgets, boilerplate share). The verdict turns these into page
//! features and reasons, so every fact keeps where it came from.

pub mod breadcrumb;
pub mod byline;
pub mod chrome;
pub mod dates;
pub mod json_ld;
pub mod link_lists;
pub mod months;
pub mod site;
pub mod title;
pub mod wire_marks;

pub use breadcrumb::Breadcrumb;
pub use byline::{Byline, BylineKind};
pub use dates::{DeclaredDate, civil_from_days, days_from_civil, days_since_epoch};
pub use link_lists::{LinkList, RepeatedHeadline};
pub use title::host_of;
pub use wire_marks::{Credit, DatelineMark, is_agency_site, is_licensee_site};

use crate::page::Page;
use crate::patterns::Agency;
use serde::{Deserialize, Serialize};

/// Where on a page a fact was read. Other modules match on it; none parses it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A `<meta>` element, by its lower-case key (`author`, `article:published_time`).
    Meta(String),
    /// A JSON-LD script, by the key it was found under (`datePublished`, `author`).
    JsonLd(String),
    /// A `<time>` element: its `datetime` attribute, or its text when it has none.
    Time,
    /// Text printed in the page's block of this index.
    Block(usize),
    /// A block of this index styled as a byline (class `author`, `byline`).
    StyledBlock(usize),
    /// A relative time ("17 hours ago") in the block of this index, counted back from when
    /// the page was fetched.
    Relative(usize),
    /// The path of the page's canonical URL (`/2024/01/27/`).
    Url,
    /// `<title>`, without its site part.
    Title,
    /// The site part of `<title>` (`Storm hits coast | Daily Bugle`).
    TitleSuffix,
    /// `og:title`.
    OgTitle,
    /// The first `h1`.
    H1,
    /// A lower heading (`h2`..`h6`, by level) picked as the article's title.
    Heading(u8),
    /// The `alt` text of the site's logo.
    LogoAlt,
}

impl Source {
    /// The block the fact was printed in, when it was printed in one.
    pub fn block(&self) -> Option<usize> {
        match self {
            Source::Block(i) | Source::StyledBlock(i) | Source::Relative(i) => Some(*i),
            _ => None,
        }
    }
}

/// A value and where on the page it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    pub value: String,
    pub source: Source,
}

impl Found {
    fn new(value: &str, source: Source) -> Found {
        Found {
            value: value.trim().to_string(),
            source,
        }
    }
}

/// Everything the verdict needs to know about a page besides its body's text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageFacts {
    /// The article's title, chosen among the three below.
    pub title: Option<Found>,
    /// `<title>` as written (site part included).
    pub html_title: Option<String>,
    pub og_title: Option<String>,
    /// Text of the first `h1`.
    pub h1: Option<String>,
    /// The site's name: `og:site_name`, `application-name`, JSON-LD publisher, `<title>`
    /// suffix or logo alt, in that order of trust.
    pub site_name: Option<Found>,
    /// `<link rel=canonical>` or `og:url`.
    pub canonical: Option<String>,
    /// Host of the canonical URL, lower-case, without `www.`.
    pub host: Option<String>,
    /// Whether the site name and the host name the same thing (`site::compare`); `None` when
    /// either is missing, or when a name guessed from the title or a logo is printed
    /// nowhere else on the page (a section or a tagline more often than a name).
    pub site_matches_host: Option<bool>,
    /// The host is a wire agency's own site (apnews.com, reuters.com, afp.com...).
    pub agency_site: bool,
    /// The host is a known licensee of wire copy (see `wire_marks::LICENSEE_SITES`).
    pub licensee_site: bool,
    /// The publication date the page declares, and where.
    pub declared_date: Option<DeclaredDate>,
    /// Who the page says wrote it; a role (`Staff Writer`) is kept with its kind.
    pub byline: Option<Byline>,
    /// No byline names a person: none at all, or only a role (`Staff Writer`, `admin`).
    pub missing_byline: bool,
    pub breadcrumb: Option<Breadcrumb>,
    /// The breadcrumb ends in a non-news section or one unrelated to the title.
    pub breadcrumb_unrelated: bool,
    /// A wire dateline opening the body (`BEIRUT (AP) —`).
    pub dateline: Option<DatelineMark>,
    /// Wire credit lines in the body, and an agency named in a printed byline.
    pub credits: Vec<Credit>,
    /// Agencies named by the dateline or credits, without repeats, in order.
    pub wire_agencies: Vec<Agency>,
    /// Texts of the widget blocks outside the body.
    pub widgets: Vec<String>,
    pub widget_blocks: usize,
    /// Widgets showing a counter (`veryGood! (136)`).
    pub counter_widgets: usize,
    /// Runs of at least three link blocks in one container, outside the body.
    pub link_lists: Vec<LinkList>,
    /// Blocks inside those lists.
    pub link_list_blocks: usize,
    /// Lists with a recognised name (Related, Ranking, Most read...).
    pub named_link_lists: usize,
    /// Headlines occurring at least twice outside the body.
    pub repeated_headlines: Vec<RepeatedHeadline>,
    /// 1 − body words / page words.
    pub boilerplate_share: f32,
    pub body_words: usize,
    pub page_words: usize,
}

impl PageFacts {
    /// Days from a wire story's publication (`2024-01-27T12:00:00Z`) to the date this page
    /// declares: positive when the page claims a later date (a re-stamp), `None` when
    /// either date is missing or unreadable.
    pub fn days_after(&self, published: &str) -> Option<i64> {
        Some(self.declared_date.as_ref()?.days - days_since_epoch(published)?)
    }
}

/// Gather a page's facts. `body[i]` says whether block `i` is article body (missing
/// entries count as not body).
pub fn gather(page: &Page, body: &[bool]) -> PageFacts {
    gather_fetched(page, body, None)
}

/// [`gather`] for a page fetched at `fetched` (unix seconds), which dates relative times
/// ("17 hours ago") printed on it.
pub fn gather_fetched(page: &Page, body: &[bool], fetched: Option<i64>) -> PageFacts {
    let ld = json_ld::JsonLd::parse(&page.json_ld);
    let titles = title::titles(page);
    let (article_title, headline) = title::article_title(page, body).unzip();
    let site_name = title::site_name(page, &ld, &titles);
    let canonical = title::canonical(page);
    let host = canonical.as_deref().and_then(host_of);
    let first_body = body.iter().position(|&b| b);
    // Printed dates and bylines sit by the headline; when the h1 is not the headline (a
    // logo), the top of the body is the next best place to look.
    let anchor = headline.flatten().or(first_body).or(titles.h1_block);
    // A title picked from `<title>` alone is still printed on the page, in a block no
    // heading markup names: the date line stands by that block.
    let date_anchor = match (&article_title, headline.flatten()) {
        (Some(t), None) => title::printed_title(page, &t.value).or(anchor),
        _ => anchor,
    };
    let declared_date = dates::declared(page, &ld, body, date_anchor, fetched);
    let byline = byline::byline(page, &ld, body, anchor);
    let title_text = article_title.as_ref().map(|t| t.value.as_str());
    let breadcrumb = breadcrumb::breadcrumb(page, body, title_text);
    let dateline = wire_marks::dateline(page, body);
    let mut credits = wire_marks::credits(page, body);
    // A byline printed on the page that names an agency credits it too; a meta author does
    // not say where on the page it stands, so it is left out.
    if let Some(b) = &byline
        && let Some(at) = b.source.block()
        && let Some(c) = wire_marks::byline_credit(&b.name, at)
    {
        credits.push(c);
    }
    let mut wire_agencies: Vec<Agency> = Vec::new();
    for a in dateline
        .iter()
        .map(|d| d.agency)
        .chain(credits.iter().map(|c| c.agency))
    {
        if !wire_agencies.contains(&a) {
            wire_agencies.push(a);
        }
    }
    let link_lists = link_lists::link_lists(page, body);
    let widgets = chrome::widgets(
        page,
        body,
        &dates::article_run(page, body, anchor),
        byline.as_ref().and_then(|b| b.source.block()),
        &link_lists,
    );
    let repeated_headlines = link_lists::repeated_headlines(page, body, title_text, &link_lists);
    let body_words = page.words_where(body);
    PageFacts {
        site_matches_host: match (&site_name, &host) {
            (Some(s), Some(h)) => {
                site::compare(page, s, h, byline.as_ref().map(|b| b.name.as_str()))
            }
            _ => None,
        },
        agency_site: host.as_deref().is_some_and(is_agency_site),
        licensee_site: host.as_deref().is_some_and(is_licensee_site),
        title: article_title,
        html_title: titles.html,
        og_title: titles.og,
        h1: titles.h1,
        site_name,
        canonical,
        host,
        declared_date,
        missing_byline: byline.as_ref().is_none_or(|b| b.kind == BylineKind::Role),
        byline,
        breadcrumb_unrelated: breadcrumb.as_ref().is_some_and(|b| b.unrelated),
        breadcrumb,
        dateline,
        credits,
        wire_agencies,
        widget_blocks: widgets.len(),
        counter_widgets: widgets.iter().filter(|w| chrome::has_counter(w)).count(),
        widgets,
        repeated_headlines,
        link_list_blocks: link_lists.iter().map(|l| l.blocks).sum(),
        named_link_lists: link_lists.iter().filter(|l| l.kind.is_some()).count(),
        link_lists,
        boilerplate_share: chrome::boilerplate_share(page, body),
        body_words,
        page_words: page.words(),
    }
}

/// Test pages of the fact modules mark their article blocks by starting them with "Body".
#[cfg(test)]
pub(crate) fn body_marked(page: &Page) -> Vec<bool> {
    page.blocks
        .iter()
        .map(|b| b.text.starts_with("Body"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    /// A legitimate outlet syndicating an AP story: every fact is read, none is farm-like
    /// except the wire marks themselves.
    #[test]
    fn gather_on_a_syndicating_news_page() {
        let html = r#"<html lang="en-us"><head><title>Storm hits coast | Daily Bugle</title>
            <meta property="og:site_name" content="Daily Bugle">
            <meta name="author" content="Jane Doe">
            <meta property="article:published_time" content="2024-01-27T12:00:00-05:00">
            <link rel="canonical" href="https://www.seattletimes.com/storm"></head><body>
            <div class="breadcrumb"><a href="/">Home</a> › <a href="/weather">Weather</a></div>
            <h1>Storm hits coast</h1>
            <p>MIAMI (AP) — The storm reached the coast on Tuesday night, officials said.</p>
            <p>Power was out for thousands of homes across the county by morning.</p>
            <p>The Associated Press contributed to this report.</p>
            </body></html>"#;
        let page = segment(html);
        let body: Vec<bool> = page.blocks.iter().map(|b| b.tag() == "p").collect();
        let f = gather(&page, &body);
        assert_eq!(f.title.as_ref().unwrap().value, "Storm hits coast");
        assert_eq!(f.site_name.as_ref().unwrap().value, "Daily Bugle");
        assert_eq!(f.host.as_deref(), Some("seattletimes.com"));
        assert_eq!(f.site_matches_host, Some(false));
        assert!(f.licensee_site && !f.agency_site);
        let d = f.declared_date.as_ref().unwrap();
        assert_eq!(
            (d.date.as_str(), &d.source),
            ("2024-01-27", &Source::Meta("article:published_time".into()))
        );
        assert_eq!(f.byline.as_ref().unwrap().name, "Jane Doe");
        assert!(!f.missing_byline);
        assert_eq!(f.days_after("2024-01-20T09:00:00Z"), Some(7));
        assert_eq!(f.days_after("not a date"), None);
        assert_eq!(f.breadcrumb.as_ref().unwrap().items, ["Home", "Weather"]);
        assert!(!f.breadcrumb_unrelated);
        assert_eq!(f.dateline.as_ref().unwrap().place, "MIAMI");
        assert_eq!(f.wire_agencies, [Agency::Ap]);
        assert_eq!(f.credits.len(), 1);
        assert_eq!(
            (f.widget_blocks, f.link_list_blocks, f.named_link_lists),
            (0, 0, 0)
        );
        assert!(f.repeated_headlines.is_empty());
        assert!(f.boilerplate_share > 0.0 && f.boilerplate_share < 0.3);
        // The facts are JSON for other tools.
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["dateline"]["agency"], "AP");
        assert_eq!(json["declared_date"]["days"], 19_749);
        let back: PageFacts = serde_json::from_value(json).unwrap();
        assert_eq!(back, f);
    }

    #[test]
    fn gather_tolerates_empty_pages_and_short_labels() {
        let f = gather(&segment(""), &[]);
        assert_eq!(f.title, None);
        assert!(f.missing_byline && f.declared_date.is_none() && f.dateline.is_none());
        let page = segment("<h1>T</h1><p>Some text here.</p>");
        let f = gather(&page, &[true]);
        assert_eq!(f.page_words, 4);
    }
}
