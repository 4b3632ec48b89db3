//! Each page fact with where it was read: a block of the page, a `<meta>` key, the JSON-LD,
//! or the page's head (`<title>`, a logo's alt text). The report marks facts on their blocks.
//! The facts say where they read each value (`facts::Source`); this adds the facts that are
//! blocks by nature (breadcrumb, widgets, link lists, dateline, credits) and finds the `h1`.

use crate::facts::{PageFacts, Source};
use crate::page::Page;
use serde::Serialize;

/// What a fact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Title,
    SiteName,
    Date,
    Byline,
    Breadcrumb,
    Widget,
    LinkList,
    Dateline,
    Credit,
}

impl FactKind {
    /// The label a moderator reads.
    pub fn label(self) -> &'static str {
        match self {
            FactKind::Title => "title",
            FactKind::SiteName => "site name",
            FactKind::Date => "date",
            FactKind::Byline => "byline",
            FactKind::Breadcrumb => "breadcrumb",
            FactKind::Widget => "widget",
            FactKind::LinkList => "link list",
            FactKind::Dateline => "dateline",
            FactKind::Credit => "credit",
        }
    }
}

/// Where on the page a fact was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// Blocks `first..first + count` of the page.
    Blocks { first: usize, count: usize },
    /// A `<meta>` element with this key.
    Meta(String),
    /// The page's JSON-LD, at this property.
    JsonLd(String),
    /// The page head or markup outside the blocks (`title`, `time`, `logo_alt`...).
    Markup(String),
}

impl Location {
    /// Where the facts say they read a value; an `h1` is found among the blocks.
    fn from_source(source: &Source, page: &Page) -> Location {
        let markup = |k: &str| Location::Markup(k.to_string());
        if let Some(i) = source.block() {
            return Location::Blocks { first: i, count: 1 };
        }
        match source {
            Source::Meta(key) => Location::Meta(key.clone()),
            Source::JsonLd(key) => Location::JsonLd(key.clone()),
            Source::H1 | Source::Heading(_) => {
                let level = match source {
                    Source::Heading(l) => *l,
                    _ => 1,
                };
                page.blocks
                    .iter()
                    .position(|b| b.heading == level)
                    .map(|i| Location::Blocks { first: i, count: 1 })
                    .unwrap_or_else(|| markup(&format!("h{level}")))
            }
            Source::Time => markup("time"),
            Source::Url => markup("canonical URL"),
            Source::Title => markup("title"),
            Source::TitleSuffix => markup("title_suffix"),
            Source::OgTitle => Location::Meta("og:title".to_string()),
            Source::LogoAlt => markup("logo_alt"),
            // Sources on blocks were answered above.
            Source::Block(i) | Source::StyledBlock(i) | Source::Relative(i) => Location::Blocks {
                first: *i,
                count: 1,
            },
        }
    }

    /// The first block, when the fact is on blocks.
    pub fn block(&self) -> Option<usize> {
        match self {
            Location::Blocks { first, .. } => Some(*first),
            _ => None,
        }
    }

    /// Does the fact cover block `i`?
    pub fn covers(&self, i: usize) -> bool {
        matches!(self, Location::Blocks { first, count } if (*first..first + count).contains(&i))
    }

    /// In words: `block 12`, `blocks 30–33`, `<meta author>`, `JSON-LD author`.
    pub fn describe(&self) -> String {
        match self {
            Location::Blocks { first, count: 1 } => format!("block {first}"),
            Location::Blocks { first, count } => {
                format!("blocks {first}–{}", first + count - 1)
            }
            Location::Meta(k) => format!("<meta {k}>"),
            Location::JsonLd(k) => format!("JSON-LD {k}"),
            Location::Markup(k) => match k.as_str() {
                "title_suffix" => "<title>, after the separator".to_string(),
                "logo_alt" => "the logo's alt text".to_string(),
                other => format!("<{other}>"),
            },
        }
    }
}

/// A fact and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactMark {
    pub kind: FactKind,
    pub value: String,
    pub location: Location,
}

/// Every located fact of a page, in page order where they are on blocks.
pub fn marks(page: &Page, f: &PageFacts) -> Vec<FactMark> {
    let mut out = Vec::new();
    let mut push = |kind, value: String, location| {
        out.push(FactMark {
            kind,
            value,
            location,
        })
    };
    if let Some(t) = &f.title {
        push(
            FactKind::Title,
            t.value.clone(),
            Location::from_source(&t.source, page),
        );
    }
    if let Some(s) = &f.site_name {
        push(
            FactKind::SiteName,
            s.value.clone(),
            Location::from_source(&s.source, page),
        );
    }
    if let Some(d) = &f.declared_date {
        push(
            FactKind::Date,
            format!("{} (\"{}\")", d.date, d.raw),
            Location::from_source(&d.source, page),
        );
    }
    if let Some(b) = &f.byline {
        push(
            FactKind::Byline,
            b.name.clone(),
            Location::from_source(&b.source, page),
        );
    }
    if let Some(b) = &f.breadcrumb {
        push(
            FactKind::Breadcrumb,
            b.items.join(" > "),
            Location::Blocks {
                first: b.block,
                count: 1,
            },
        );
    }
    // Widgets are kept as their texts; they are the non-body blocks with that text.
    let mut searched_from = 0;
    for w in &f.widgets {
        let at = page.blocks[searched_from.min(page.blocks.len())..]
            .iter()
            .position(|b| &b.text == w)
            .map(|p| p + searched_from);
        if let Some(i) = at {
            searched_from = i + 1;
        }
        push(
            FactKind::Widget,
            w.clone(),
            at.map(|i| Location::Blocks { first: i, count: 1 })
                .unwrap_or_else(|| Location::Markup("widget".to_string())),
        );
    }
    for l in &f.link_lists {
        push(
            FactKind::LinkList,
            format!(
                "{} ({} links)",
                l.heading.as_deref().unwrap_or("unnamed list"),
                l.blocks
            ),
            Location::Blocks {
                first: l.first_block,
                count: l.blocks,
            },
        );
    }
    if let Some(d) = &f.dateline {
        push(
            FactKind::Dateline,
            format!("{} ({})", d.place, d.agency.name()),
            Location::Blocks {
                first: d.block,
                count: 1,
            },
        );
    }
    for c in &f.credits {
        push(
            FactKind::Credit,
            format!("{} ({})", c.agency.name(), c.kind),
            Location::Blocks {
                first: c.block,
                count: 1,
            },
        );
    }
    out
}
