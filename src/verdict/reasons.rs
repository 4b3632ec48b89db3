//! From the model's contributions to sentences a moderator can check against the page.
//!
//! Several columns tell one fact (containment and similarity are both "the wire match"), so
//! columns are grouped under a reason code; a reason is given when its columns together
//! pushed the score up by more than [`MIN_PUSH`] in log-odds, strongest first.

use super::Reason;
use super::features::{Evidence, NAMES, cluster_gap, date_gap};

/// Log-odds a reason's columns must add before it is worth a moderator's time.
pub const MIN_PUSH: f32 = 0.1;
/// At most this many reasons per page.
pub const MAX_REASONS: usize = 8;

/// The reason code of a column.
pub fn code_of(column: &str) -> &'static str {
    match column {
        "wire_containment" | "wire_similarity" | "wire_padding" => "wire_match",
        "date_gap" | "restamped" | "wire_undated" | "no_declared_date" => "restamped_date",
        "dateline_uncredited" | "wire_credited" => "uncredited_dateline",
        "boilerplate_share" => "boilerplate",
        "link_list_blocks" | "named_link_lists" | "repeated_headlines" => "stale_link_lists",
        "counter_widgets" | "widget_blocks" => "engagement_widget",
        "breadcrumb_unrelated" => "unrelated_breadcrumb",
        "missing_byline" => "missing_byline",
        "title_site_mismatch" => "site_mismatch",
        "cluster_sites" | "cluster_date_gap" => "cross_site_copies",
        "body_words" => "body_length",
        // Interactions, see `shares`.
        "copy_restamped" | "copy_undated" => "restamped_date",
        "copy_uncredited" => "uncredited_dateline",
        _ => "other",
    }
}

/// The codes a column's push is shared between. The copy_* columns are a wire match *and*
/// a date or credit fact (a linear model's "and"). A re-stamped or undated copy is the
/// date's reason (the match is its premise, and is stated anyway, see `reasons`); an
/// uncredited copy is split evenly, as a Shapley value splits a pure interaction.
fn shares(column: &str) -> Vec<(&'static str, f32)> {
    match column {
        "copy_uncredited" => vec![("wire_match", 0.5), (code_of(column), 0.5)],
        _ => vec![(code_of(column), 1.0)],
    }
}

/// A span of days in words: `3 days`, `5 weeks`, `15 months`, `2 years`.
pub fn span(days: i64) -> String {
    let d = days.abs();
    let (n, unit) = if d < 14 {
        (d, "day")
    } else if d < 61 {
        (d / 7, "week")
    } else if d < 730 {
        ((d as f64 / 30.44).round() as i64, "month")
    } else {
        ((d as f64 / 365.25).round() as i64, "year")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

fn pct(x: f32) -> String {
    format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0))
}

fn quote_list(items: &[String], max: usize) -> String {
    let shown: Vec<String> = items.iter().take(max).map(|s| format!("\"{s}\"")).collect();
    let more = items.len().saturating_sub(max);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// How a date read from "17 hours ago" was dated, for the moderator who sees only the page.
fn counted_back(d: &crate::facts::DeclaredDate) -> &'static str {
    if matches!(d.source, crate::facts::Source::Relative(_)) {
        ", counted back from when the page was fetched"
    } else {
        ""
    }
}

/// The human sentence of a reason code for this page.
pub fn message(code: &str, e: &Evidence) -> String {
    let f = e.facts;
    match code {
        "wire_match" => match e.wire {
            Some(m) => {
                let when = match date_gap(e) {
                    Some(g) if g > 0 => format!("published {} earlier", span(g)),
                    Some(g) if g < 0 => format!("published {} later", span(g)),
                    Some(_) => "published the same day".to_string(),
                    None => format!("published {}", m.published),
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
            None => "no wire story matched".to_string(),
        },
        "restamped_date" => match (&f.declared_date, e.wire, date_gap(e)) {
            (Some(d), Some(m), Some(g)) if g > 0 => format!(
                "page is dated {} (\"{}\"{}), {} after the wire story's {}",
                d.date,
                d.raw,
                counted_back(d),
                span(g),
                m.published.get(..10).unwrap_or(&m.published)
            ),
            (Some(d), _, _) => {
                format!(
                    "page is dated {} (\"{}\"{})",
                    d.date,
                    d.raw,
                    counted_back(d)
                )
            }
            (None, Some(m), _) => format!(
                "page prints no publication date for a wire story of {}",
                m.published.get(..10).unwrap_or(&m.published)
            ),
            (None, None, _) => "page prints no publication date".to_string(),
        },
        "uncredited_dateline" => match &f.dateline {
            Some(d) => format!(
                "body opens with {} {} dateline{} but the page credits no agency and is not an agency or known licensee site",
                if d.agency.name().starts_with('A') {
                    "an"
                } else {
                    "a"
                },
                d.agency.name(),
                if d.place.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", d.place)
                }
            ),
            None => "the page credits a wire agency".to_string(),
        },
        "boilerplate" => format!(
            "{} of the page's {} words are outside the article",
            pct(f.boilerplate_share),
            f.page_words
        ),
        "stale_link_lists" => {
            let names: Vec<String> = f
                .link_lists
                .iter()
                .filter_map(|l| l.heading.clone())
                .collect();
            let mut s = format!(
                "{} link list{} ({} links)",
                f.link_lists.len(),
                if f.link_lists.len() == 1 { "" } else { "s" },
                f.link_list_blocks
            );
            if !names.is_empty() {
                s.push_str(&format!(" named {}", quote_list(&names, 4)));
            }
            if let Some(r) = f.repeated_headlines.iter().max_by_key(|r| r.count) {
                s.push_str(&format!(
                    "; {} headline{} repeated, \"{}\" {} times",
                    f.repeated_headlines.len(),
                    if f.repeated_headlines.len() == 1 {
                        ""
                    } else {
                        "s"
                    },
                    r.text,
                    r.count
                ));
            }
            s
        }
        "engagement_widget" => format!(
            "engagement widget{} {}",
            if f.widgets.len() == 1 { "" } else { "s" },
            quote_list(&f.widgets, 3)
        ),
        "unrelated_breadcrumb" => match &f.breadcrumb {
            Some(b) => format!(
                "breadcrumb \"{}\" ends in a section unrelated to the article",
                b.items.join(" > ")
            ),
            None => "breadcrumb unrelated to the article".to_string(),
        },
        "missing_byline" => "no byline".to_string(),
        "site_mismatch" => format!(
            "site name \"{}\" does not match the host {}",
            f.site_name.as_ref().map_or("", |s| s.value.as_str()),
            f.host.as_deref().unwrap_or("?")
        ),
        "cross_site_copies" => match e.cluster {
            Some(c) => {
                let mut s = format!("the same body is on {} sites in this batch", c.sites);
                if let (Some(g), Some(d)) = (cluster_gap(e), &c.earliest_date)
                    && g > 0
                {
                    s.push_str(&format!(
                        ", the earliest dated {d}, {} before this page",
                        span(g)
                    ));
                }
                s
            }
            None => "no copies in this batch".to_string(),
        },
        "body_length" => format!("article body of {} words", f.body_words),
        _ => code.to_string(),
    }
}

/// Whether the fact a code names is there on this page: a column can push the score up by
/// being *absent* (no wire match, where the model learned matches of legitimate outlets),
/// and "no wire story matched" is no reason to call a page a farm.
fn present(code: &str, e: &Evidence) -> bool {
    let f = e.facts;
    match code {
        "wire_match" => e.wire.is_some(),
        "restamped_date" => {
            f.declared_date.is_none()
                || date_gap(e).is_some_and(|g| g > super::features::SAME_CYCLE_DAYS)
                || cluster_gap(e).is_some_and(|g| g > super::features::SAME_CYCLE_DAYS)
        }
        "uncredited_dateline" => f.dateline.is_some() && !super::features::credited(f),
        "stale_link_lists" => !f.link_lists.is_empty(),
        "engagement_widget" => !f.widgets.is_empty(),
        "unrelated_breadcrumb" => f.breadcrumb_unrelated,
        "missing_byline" => f.missing_byline,
        "site_mismatch" => f.site_matches_host == Some(false),
        "cross_site_copies" => e.cluster.is_some_and(|c| c.sites > 1),
        "body_length" => false,
        _ => true,
    }
}

/// The reasons for a page: codes whose columns pushed the score up most.
pub fn reasons(contributions: &[f32], e: &Evidence, flagged: bool) -> Vec<Reason> {
    let mut by_code: Vec<(&'static str, f32)> = Vec::new();
    for (name, c) in NAMES.iter().zip(contributions) {
        for (code, share) in shares(name) {
            match by_code.iter_mut().find(|(k, _)| *k == code) {
                Some((_, v)) => *v += c * share,
                None => by_code.push((code, c * share)),
            }
        }
    }
    by_code.retain(|(code, v)| *v > MIN_PUSH && present(code, e));
    by_code.sort_by(|a, b| b.1.total_cmp(&a.1));
    by_code.truncate(MAX_REASONS);
    // A flagged page that copies a wire story says which story first: it is what a
    // moderator checks every other reason against, whatever its own column weighed.
    if flagged && e.wire.is_some() {
        by_code.retain(|(c, _)| *c != "wire_match");
        by_code.insert(0, ("wire_match", f32::INFINITY));
    }
    by_code
        .into_iter()
        .map(|(code, _)| Reason {
            code: code.to_string(),
            message: message(code, e),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_like_a_person_would_say_them() {
        assert_eq!(span(1), "1 day");
        assert_eq!(span(21), "3 weeks");
        assert_eq!(span(454), "15 months");
        assert_eq!(span(800), "2 years");
    }

    #[test]
    fn every_column_has_a_code() {
        for n in NAMES {
            assert_ne!(code_of(n), "other", "{n}");
        }
    }
}
