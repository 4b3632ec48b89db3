//! The page feature table: one named column per fact the page model weighs.
//!
//! Like `crate::features` for blocks, names and values live side by side so that a model file
//! can be checked against this build's columns, and every column can be explained back to a
//! moderator (see `reasons`). Counts are log-scaled: ten link lists are not five times as
//! farm-like as two, and the model is linear.

use crate::facts::PageFacts;
use crate::fingerprint::ClusterInfo;
use crate::wire::Match;

/// Everything the verdict looks at for one page.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    pub facts: &'a PageFacts,
    /// The best wire story match when an index was given.
    pub wire: Option<&'a Match>,
    /// The page's cross-batch cluster so far, when the batch clusters bodies.
    pub cluster: Option<&'a ClusterInfo>,
}

/// Fewer body words than this and there is no article to judge.
///
/// A farm copies a story; a page whose extraction found (almost) nothing copies nothing we
/// can see. The linear model has never seen such a page among the farms, and it reads "short
/// body" as "truncated copy": real pages with an empty extraction scored 0.66-0.73 with no
/// evidence at all. So they are not scored.
pub const MIN_BODY_WORDS: usize = 50;

/// Whether the page has enough of an article to be judged.
pub fn judgeable(facts: &PageFacts) -> bool {
    facts.body_words >= MIN_BODY_WORDS
}

/// Whether the page shows anything a farm copy shows: a wire match, a wire dateline, an
/// engagement widget, named or repeated link lists, a breadcrumb into an unrelated section,
/// or copies on other sites in the batch.
///
/// Without one of these there is nothing to flag a page *for*. The model also weighs facts
/// that only lean one way in the corpus (a missing byline, little boilerplate, a short
/// body); alone, they flagged bare pages (a cleaned article, a plain blog post) with no sign
/// of copying: 7 of 260 Readability test pages and 6 of 740 CleanEval pages. So such pages
/// are not scored.
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

/// Days a declared date may trail the wire date and still be the same news cycle.
pub const SAME_CYCLE_DAYS: i64 = 7;

/// Column names, in order.
pub const NAMES: &[&str] = &[
    "wire_containment",
    "wire_similarity",
    "wire_padding",
    "date_gap",
    "restamped",
    "wire_undated",
    "copy_restamped",
    "copy_undated",
    "copy_uncredited",
    "dateline_uncredited",
    "wire_credited",
    "boilerplate_share",
    "link_list_blocks",
    "named_link_lists",
    "repeated_headlines",
    "counter_widgets",
    "widget_blocks",
    "breadcrumb_unrelated",
    "missing_byline",
    "no_declared_date",
    "title_site_mismatch",
    "cluster_sites",
    "cluster_date_gap",
    "body_words",
];

pub fn names() -> Vec<String> {
    NAMES.iter().map(|s| s.to_string()).collect()
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

fn ln1p(n: f64) -> f32 {
    (n.max(0.0)).ln_1p() as f32
}

fn flag(b: bool) -> f32 {
    if b { 1.0 } else { 0.0 }
}

/// The row of one page, in [`NAMES`] order.
pub fn row(e: &Evidence) -> Vec<f32> {
    let f = e.facts;
    let w = e.wire;
    let credited = credited(f);
    let gap = date_gap(e);
    let repeats: usize = f
        .repeated_headlines
        .iter()
        .map(|r| r.count.saturating_sub(1))
        .sum();
    let containment = w.map_or(0.0, |m| m.wire.containment);
    let cluster_sites = e.cluster.map_or(1, |c| c.sites.max(1));
    vec![
        containment,
        w.map_or(0.0, |m| m.wire.similarity),
        w.map_or(0.0, |m| 1.0 - m.body_in_story.clamp(0.0, 1.0)),
        ln1p(gap.unwrap_or(0) as f64),
        flag(gap.is_some_and(|g| g > SAME_CYCLE_DAYS)),
        flag(w.is_some() && f.declared_date.is_none()),
        // The linear model cannot say "and": these columns are the wire copy *with* the
        // fact that makes a copy suspicious, so that a copy alone weighs little.
        if gap.is_some_and(|g| g > SAME_CYCLE_DAYS) {
            containment
        } else {
            0.0
        },
        if f.declared_date.is_none() {
            containment
        } else {
            0.0
        },
        if credited { 0.0 } else { containment },
        flag(f.dateline.is_some() && !credited),
        flag(credited),
        f.boilerplate_share,
        ln1p(f.link_list_blocks as f64),
        ln1p(f.named_link_lists as f64),
        ln1p(repeats as f64),
        ln1p(f.counter_widgets as f64),
        ln1p(f.widget_blocks as f64),
        flag(f.breadcrumb_unrelated),
        flag(f.missing_byline),
        flag(f.declared_date.is_none()),
        flag(f.site_matches_host == Some(false)),
        ln1p((cluster_sites - 1) as f64),
        ln1p(cluster_gap(e).unwrap_or(0) as f64),
        ln1p(f.body_words as f64),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_has_one_value_per_name() {
        let facts = PageFacts::default();
        let e = Evidence {
            facts: &facts,
            wire: None,
            cluster: None,
        };
        assert_eq!(row(&e).len(), NAMES.len());
    }
}
