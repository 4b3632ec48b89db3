//! The page feature table: one entry per fact the page model weighs.
//!
//! Like the block features' `feature!` table in `crate::features`, each column is declared
//! once, with everything that belongs to it: its name (stable, it goes into model files and
//! is the reason code a moderator reads), its orientation, a one-line doc, the function that
//! computes it and the sentence that explains it. Column order, model-file names, the signs
//! the fitter holds weights to, and the reasons all come from [`COLUMNS`].
//!
//! Every value is 0 when its fact is absent and grows with the fact, so that a column's
//! contribution against that reference (weight × value) is what the fact did to the score:
//! a farm-oriented column can only push toward "farm", a legitimacy column only away from it.
//! Counts are log-scaled: ten link lists are not five times as farm-like as two, and the model
//! is linear. Columns are few and each tells one fact; the old table's near-duplicates
//! (containment and similarity, widget and counter-widget counts, named and unnamed lists)
//! took opposite signs and made the reasons unreadable.

use super::reasons::{pct, quote_list, span};
use crate::facts::PageFacts;
use crate::fingerprint::ClusterInfo;
use crate::model::Sign;
use crate::wire::Match;
use serde::{Deserialize, Serialize};

/// Everything the verdict looks at for one page.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    pub facts: &'a PageFacts,
    /// The best wire story match when an index was given.
    pub wire: Option<&'a Match>,
    /// The page's cross-batch cluster so far, when the batch clusters bodies.
    pub cluster: Option<&'a ClusterInfo>,
    /// Whether the page was looked up in a wire index: it picks the model's threshold.
    pub regime: Regime,
}

/// Whether a page was scored against a wire index. Without one every wire column reads 0 and
/// scores sit lower, so each regime has its own threshold in the model file
/// (`VerdictModel::threshold_for`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// Looked up in a wire index (matched or not).
    Indexed,
    /// Scored with no index.
    NoIndex,
}

/// Which way a column points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    /// More of it is more farm-like: its weight is held ≥ 0.
    Farm,
    /// Evidence of a legitimate outlet (an agency credit, a date in the story's news cycle):
    /// its weight is held ≤ 0.
    Legit,
}

impl Orientation {
    /// The sign the fitter holds the column's weight to.
    pub fn sign(self) -> Sign {
        match self {
            Orientation::Farm => Sign::NonNegative,
            Orientation::Legit => Sign::NonPositive,
        }
    }
}

/// One column of the page model.
pub struct Column {
    /// Stable `snake_case` name: the model file's column and the reason code.
    pub name: &'static str,
    pub orientation: Orientation,
    /// One line: what the column measures.
    pub doc: &'static str,
    /// The column's value on a page, 0 when the fact is absent.
    pub value: fn(&Evidence) -> f32,
    /// The sentence a moderator reads when the column pushed the score toward "farm".
    pub reason: fn(&Evidence) -> String,
}

macro_rules! column {
    ($name:ident, $orientation:ident, $doc:literal, |$e:ident| $value:expr, reason: |$r:ident| $text:expr) => {
        Column {
            name: stringify!($name),
            orientation: Orientation::$orientation,
            doc: $doc,
            value: |$e: &Evidence| -> f32 { $value },
            reason: |$r: &Evidence| -> String { $text },
        }
    };
}

/// Fewer body words than this and there is no article to judge.
///
/// A farm copies a story; a page whose extraction found (almost) nothing copies nothing we
/// can see. The linear model has never seen such a page among the farms, and it reads "short
/// body" as "truncated copy": real pages with an empty extraction scored 0.66-0.73 with no
/// evidence at all. So they are not scored.
pub const MIN_BODY_WORDS: usize = 50;

/// Days a declared date may differ from the wire date and still be the same news cycle: a
/// weekly or a late syndication runs a story within days, a farm re-stamps it weeks or years
/// later.
pub const SAME_CYCLE_DAYS: i64 = 7;

/// Days past the news cycle at which a re-stamp counts in full: a copy dated a year after
/// its story is as stale as copies get; one dated a few weeks later counts for less, since
/// late syndication and dating mistakes happen.
pub const RESTAMP_FULL_DAYS: i64 = 365;

/// Counters a page's engagement bar holds at most: past it, more counters are another
/// thing. On real test pages flagged for 37-60 "counters", they were a blog's category and
/// tag lists with post counts (`China (278)`) and comment counts of other posts; one page in
/// twenty of the real training pages shows more than three, no generated page does, and the
/// linear model read 60 of them as four times the evidence of a farm's two faked ones.
pub const COUNTER_BAR: usize = 3;

/// Repeated headlines a farm's stale boxes hold at most: a few links drawn twice into a
/// box, or one box of a dozen printed twice. Past a box's worth, the repeats are a site's
/// whole menu or section printed twice (desktop and mobile): a real news section page read
/// 270 repeats of 77 of its own headlines, a shop page ten "Quick view" buttons, and read
/// unbounded the column weighed them as many times a farm's evidence.
pub const REPEAT_BAR: usize = 12;

/// How re-stamped a copy is, 0..1, from the days its date trails the story.
fn restamp(gap: Option<i64>) -> f32 {
    match gap {
        Some(g) if g > SAME_CYCLE_DAYS => {
            let past = (g - SAME_CYCLE_DAYS) as f64;
            (past.ln_1p() / (RESTAMP_FULL_DAYS as f64).ln_1p()).min(1.0) as f32
        }
        _ => 0.0,
    }
}

/// The columns, in model order.
pub const COLUMNS: &[Column] = &[
    column!(
        wire_match,
        Farm,
        "share of a wire story found in the body (containment), 0 without a match",
        |e| containment(e),
        reason: |e| wire_match_text(e)
    ),
    column!(
        restamped_date,
        Farm,
        "how far the wire copy's date trails its story beyond SAME_CYCLE_DAYS: containment x ln(1 + days) / ln(1 + RESTAMP_FULL_DAYS), at most containment",
        |e| containment(e) * restamp(date_gap(e)),
        reason: |e| restamped_text(e)
    ),
    column!(
        uncredited_dateline,
        Farm,
        "the body opens with a wire dateline and the page credits no agency",
        |e| flag(e.facts.dateline.is_some() && !credited(e.facts)),
        reason: |e| match &e.facts.dateline {
            Some(d) => format!(
                "body opens with {} {} dateline{} but the page credits no agency and is not an agency or known licensee site",
                if d.agency.name().starts_with('A') { "an" } else { "a" },
                d.agency.name(),
                if d.place.is_empty() { String::new() } else { format!(" ({})", d.place) }
            ),
            None => "wire dateline without credit".to_string(),
        }
    ),
    column!(
        no_declared_date,
        Farm,
        "the page prints no publication date anywhere",
        |e| flag(e.facts.declared_date.is_none()),
        reason: |e| match e.wire {
            Some(m) => format!(
                "page prints no publication date for a copy of a wire story of {}",
                day(&m.published)
            ),
            None => "page prints no publication date".to_string(),
        }
    ),
    column!(
        missing_byline,
        Farm,
        "no byline naming a person",
        |e| flag(e.facts.missing_byline),
        reason: |e| match &e.facts.byline {
            Some(b) => format!("byline \"{}\" names no person", b.name),
            None => "no byline".to_string(),
        }
    ),
    column!(
        boilerplate,
        Farm,
        "share of the page's words outside the article",
        |e| e.facts.boilerplate_share.clamp(0.0, 1.0),
        reason: |e| format!(
            "{} of the page's {} words are outside the article",
            pct(e.facts.boilerplate_share),
            e.facts.page_words
        )
    ),
    column!(
        stale_link_lists,
        Farm,
        "ln(1 + repeats of headlines unrelated to the article in the link lists outside it, at most REPEAT_BAR): farms pad stale lists with the same links",
        |e| ln1p(repeats(e.facts).min(REPEAT_BAR)),
        reason: |e| {
            let f = e.facts;
            let names: Vec<String> = f.link_lists.iter().filter_map(|l| l.heading.clone()).collect();
            let mut s = format!(
                "{} link list{} ({} links)",
                f.link_lists.len(),
                plural(f.link_lists.len()),
                f.link_list_blocks
            );
            if !names.is_empty() {
                s.push_str(&format!(" named {}", quote_list(&names, 4)));
            }
            if let Some(r) = f.repeated_headlines.iter().max_by_key(|r| r.count) {
                s.push_str(&format!(
                    "; {} headline{} repeated, \"{}\" {} times",
                    f.repeated_headlines.len(),
                    plural(f.repeated_headlines.len()),
                    r.text,
                    r.count
                ));
            }
            s
        }
    ),
    column!(
        engagement_widget,
        Farm,
        "ln(1 + engagement widgets with a counter outside the article, at most COUNTER_BAR: votes, views, likes; a bare Share button is on every site)",
        |e| ln1p(e.facts.counter_widgets.min(COUNTER_BAR)),
        reason: |e| {
            let counters: Vec<String> = e
                .facts
                .widgets
                .iter()
                .filter(|w| crate::facts::chrome::has_counter(w))
                .cloned()
                .collect();
            format!(
                "engagement widget{} {}",
                plural(counters.len()),
                quote_list(&counters, 3)
            )
        }
    ),
    column!(
        unrelated_breadcrumb,
        Farm,
        "the breadcrumb ends in a section unrelated to the article",
        |e| flag(e.facts.breadcrumb_unrelated),
        reason: |e| match &e.facts.breadcrumb {
            Some(b) => format!(
                "breadcrumb \"{}\" ends in a section unrelated to the article",
                b.items.join(" > ")
            ),
            None => "breadcrumb unrelated to the article".to_string(),
        }
    ),
    column!(
        site_mismatch,
        Farm,
        "the site name and the host of the canonical URL name different brands",
        |e| flag(e.facts.site_matches_host == Some(false)),
        reason: |e| format!(
            "site name \"{}\" does not match the host {}",
            e.facts.site_name.as_ref().map_or("", |s| s.value.as_str()),
            e.facts.host.as_deref().unwrap_or("?")
        )
    ),
    column!(
        cross_site_copies,
        Farm,
        "ln(number of other sites in this batch with the same body)",
        |e| ln1p(e.cluster.map_or(1, |c| c.sites.max(1)) - 1),
        reason: |e| format!(
            "the same body is on {} sites in this batch",
            e.cluster.map_or(1, |c| c.sites)
        )
    ),
    column!(
        later_than_copies,
        Farm,
        "the page is dated more than SAME_CYCLE_DAYS after the earliest copy in its cluster",
        |e| flag(cluster_gap(e).is_some_and(|g| g > SAME_CYCLE_DAYS)),
        reason: |e| match (cluster_gap(e), e.cluster.and_then(|c| c.earliest_date.as_deref())) {
            (Some(g), Some(d)) => format!(
                "the earliest copy of this body in the batch is dated {d}, {} before this page",
                span(g)
            ),
            _ => "dated after other copies of its body".to_string(),
        }
    ),
    column!(
        agency_credit,
        Legit,
        "the page credits a wire agency, or is an agency's or a known licensee's own site",
        |e| flag(credited(e.facts)),
        reason: |_e| "the page credits a wire agency".to_string()
    ),
    column!(
        same_cycle_date,
        Legit,
        "the wire copy is dated within SAME_CYCLE_DAYS of its story: containment, else 0",
        |e| if date_gap(e).is_some_and(|g| g.abs() <= SAME_CYCLE_DAYS) { containment(e) } else { 0.0 },
        reason: |_e| "dated in the wire story's news cycle".to_string()
    ),
];

/// Column names, in order.
pub fn names() -> Vec<String> {
    COLUMNS.iter().map(|c| c.name.to_string()).collect()
}

/// The sign each column's weight is held to, in order.
pub fn signs() -> Vec<Sign> {
    COLUMNS.iter().map(|c| c.orientation.sign()).collect()
}

/// The row of one page, in [`COLUMNS`] order.
pub fn row(e: &Evidence) -> Vec<f32> {
    COLUMNS.iter().map(|c| (c.value)(e)).collect()
}

/// Whether the page has enough of an article to be judged.
pub fn judgeable(facts: &PageFacts) -> bool {
    facts.body_words >= MIN_BODY_WORDS
}

/// Whether the page shows anything a farm copy shows: a wire match, a wire dateline, an
/// engagement widget, named or repeated link lists, a breadcrumb into an unrelated section,
/// or copies on other sites in the batch.
///
/// Without one of these there is nothing to flag a page *for*. The model also weighs facts
/// that only lean one way in the corpus (a missing byline, boilerplate); alone, they flagged
/// bare pages (a cleaned article, a plain blog post) with no sign of copying: 7 of 260
/// Readability test pages and 6 of 740 CleanEval pages. So such pages are not scored.
pub fn has_farm_evidence(e: &Evidence) -> bool {
    let f = e.facts;
    e.wire.is_some()
        || f.dateline.is_some()
        || f.widget_blocks > 0
        || f.named_link_lists > 0
        || !f.repeated_headlines.is_empty()
        || f.breadcrumb_unrelated
        || e.cluster.is_some_and(|c| c.sites > 1)
}

/// Days between the page's declared date and the wire story's publication (positive when
/// the page is later), when both are known.
pub fn date_gap(e: &Evidence) -> Option<i64> {
    e.facts.days_after(&e.wire?.published)
}

/// Days between the page's declared date and the earliest date declared in its cluster.
pub fn cluster_gap(e: &Evidence) -> Option<i64> {
    let declared = e.facts.declared_date.as_ref()?.days;
    let earliest = e.cluster?.earliest_date.as_deref()?;
    let earliest = crate::facts::days_since_epoch(earliest)?;
    Some(declared - earliest)
}

/// The page credits a wire agency, or is an agency's or a known licensee's own site: a wire
/// copy here is syndication, not a farm's.
pub fn credited(f: &PageFacts) -> bool {
    !f.credits.is_empty() || f.agency_site || f.licensee_site
}

fn containment(e: &Evidence) -> f32 {
    e.wire.map_or(0.0, |m| m.wire.containment.clamp(0.0, 1.0))
}

fn repeats(f: &PageFacts) -> usize {
    f.repeated_headlines
        .iter()
        .map(|r| r.count.saturating_sub(1))
        .sum()
}

fn ln1p(n: usize) -> f32 {
    (n as f64).ln_1p() as f32
}

fn flag(b: bool) -> f32 {
    if b { 1.0 } else { 0.0 }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `2024-01-27` of `2024-01-27T12:00:00Z`.
fn day(published: &str) -> &str {
    published.get(..10).unwrap_or(published)
}

fn wire_match_text(e: &Evidence) -> String {
    let Some(m) = e.wire else {
        return "no wire story matched".to_string();
    };
    let when = match date_gap(e) {
        Some(g) if g > 0 => format!("published {} earlier", span(g)),
        Some(g) if g < 0 => format!("published {} later", span(g)),
        Some(_) => "published the same day".to_string(),
        None => format!("published {}", day(&m.published)),
    };
    let padded = if m.body_in_story < 0.9 {
        format!(
            "; {} of the body is not in the story",
            pct(1.0 - m.body_in_story)
        )
    } else {
        String::new()
    };
    format!(
        "body is {} of {} story {}, {when}{padded}",
        pct(m.wire.containment),
        m.wire.agency,
        m.wire.id
    )
}

/// How a date read from "17 hours ago" was dated, for the moderator who sees only the page.
fn counted_back(d: &crate::facts::DeclaredDate) -> &'static str {
    if matches!(d.source, crate::facts::Source::Relative(_)) {
        ", counted back from when the page was fetched"
    } else {
        ""
    }
}

fn restamped_text(e: &Evidence) -> String {
    match (&e.facts.declared_date, e.wire, date_gap(e)) {
        (Some(d), Some(m), Some(g)) => format!(
            "page is dated {} (\"{}\"{}), {} after the wire story's {}",
            d.date,
            d.raw,
            counted_back(d),
            span(g),
            day(&m.published)
        ),
        (Some(d), _, _) => format!(
            "page is dated {} (\"{}\"{})",
            d.date,
            d.raw,
            counted_back(d)
        ),
        _ => "page is dated after its wire story".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::DeclaredDate;
    use crate::wire::WireMatch;

    fn wire(published: &str, containment: f32) -> Match {
        Match {
            wire: WireMatch {
                id: "ap-1".into(),
                agency: "AP".into(),
                similarity: containment,
                containment,
            },
            published: published.into(),
            title: String::new(),
            body_in_story: 1.0,
            exact: false,
        }
    }

    fn dated(date: &str) -> PageFacts {
        PageFacts {
            declared_date: Some(DeclaredDate {
                date: date.into(),
                days: crate::facts::days_since_epoch(date).unwrap(),
                source: crate::facts::Source::Time,
                stamp: crate::facts::dates::Stamp::Published,
                raw: date.into(),
            }),
            body_words: 200,
            ..PageFacts::default()
        }
    }

    fn value(name: &str, e: &Evidence) -> f32 {
        let c = COLUMNS.iter().find(|c| c.name == name).unwrap();
        (c.value)(e)
    }

    #[test]
    fn names_are_unique_snake_case_and_every_column_is_documented() {
        let mut seen = std::collections::HashSet::new();
        for c in COLUMNS {
            assert!(seen.insert(c.name), "{} twice", c.name);
            assert!(
                c.name
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{}",
                c.name
            );
            assert!(!c.doc.is_empty());
        }
        assert_eq!(names().len(), signs().len());
    }

    #[test]
    fn a_plain_page_is_zero_in_every_column_but_the_ones_it_lacks() {
        // The reference every contribution is measured from: a page with a date, a byline,
        // no chrome, no match. Every column reads 0 there.
        let mut f = dated("2024-01-27");
        f.byline = Some(crate::facts::Byline {
            name: "Jane Doe".into(),
            kind: crate::facts::BylineKind::Person,
            source: crate::facts::Source::Meta("author".into()),
        });
        let e = Evidence {
            facts: &f,
            wire: None,
            cluster: None,
            regime: Regime::NoIndex,
        };
        assert!(row(&e).iter().all(|&v| v == 0.0), "{:?}", row(&e));
    }

    #[test]
    fn a_restamped_copy_and_a_same_cycle_copy_light_different_columns() {
        let m = wire("2024-01-20T09:00:00Z", 0.9);
        let late = dated("2025-04-25");
        let e = Evidence {
            facts: &late,
            wire: Some(&m),
            cluster: None,
            regime: Regime::Indexed,
        };
        assert!((value("restamped_date", &e) - 0.9).abs() < 1e-6);
        assert_eq!(value("same_cycle_date", &e), 0.0);
        assert!(
            restamped_text(&e).contains("15 months after"),
            "{}",
            restamped_text(&e)
        );
        let same = dated("2024-01-22");
        let e = Evidence {
            facts: &same,
            wire: Some(&m),
            cluster: None,
            regime: Regime::Indexed,
        };
        assert_eq!(value("restamped_date", &e), 0.0);
        assert_eq!(value("same_cycle_date", &e), 0.9);
        let undated = PageFacts::default();
        let e = Evidence {
            facts: &undated,
            wire: Some(&m),
            cluster: None,
            regime: Regime::Indexed,
        };
        assert_eq!(value("no_declared_date", &e), 1.0);
        // Three weeks late is a weaker re-stamp than fifteen months.
        let weeks = dated("2024-02-10");
        let e = Evidence {
            facts: &weeks,
            wire: Some(&m),
            cluster: None,
            regime: Regime::Indexed,
        };
        let v = value("restamped_date", &e);
        assert!(v > 0.3 && v < 0.6, "{v}");
    }

    #[test]
    fn a_page_of_category_counts_weighs_no_more_than_an_engagement_bar() {
        let mut bar = dated("2024-01-27");
        bar.counter_widgets = COUNTER_BAR;
        let mut lists = bar.clone();
        lists.counter_widgets = 60;
        let e = |f: &PageFacts| {
            value(
                "engagement_widget",
                &Evidence {
                    facts: f,
                    wire: None,
                    cluster: None,
                    regime: Regime::NoIndex,
                },
            )
        };
        assert_eq!(e(&bar), e(&lists));
        bar.counter_widgets = 1;
        assert!(e(&bar) > 0.0 && e(&bar) < e(&lists));
    }

    #[test]
    fn a_site_menu_printed_twice_weighs_no_more_than_a_box_of_stale_links() {
        let repeated = |n: usize| crate::facts::RepeatedHeadline {
            text: format!("Headline number {n} of the site"),
            count: 2,
        };
        let mut boxed = dated("2024-01-27");
        boxed.repeated_headlines = (0..REPEAT_BAR).map(repeated).collect();
        let mut menu = boxed.clone();
        menu.repeated_headlines = (0..77).map(repeated).collect();
        let v = |f: &PageFacts| {
            value(
                "stale_link_lists",
                &Evidence {
                    facts: f,
                    wire: None,
                    cluster: None,
                    regime: Regime::NoIndex,
                },
            )
        };
        assert_eq!(v(&boxed), v(&menu));
        boxed.repeated_headlines.truncate(2);
        assert!(v(&boxed) > 0.0 && v(&boxed) < v(&menu));
    }

    #[test]
    fn only_the_credit_and_the_news_cycle_point_to_legitimacy() {
        let legit: Vec<&str> = COLUMNS
            .iter()
            .filter(|c| c.orientation == Orientation::Legit)
            .map(|c| c.name)
            .collect();
        assert_eq!(legit, ["agency_credit", "same_cycle_date"]);
    }
}
