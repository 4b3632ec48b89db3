//! From the model's contributions to sentences a moderator can check against the page.
//!
//! A column's contribution is its weight times its value, measured from the plain page where
//! every column reads 0 (see `features`): what the fact did to the log-odds. The reasons are
//! the columns that pushed toward "farm" by more than [`MIN_PUSH`], largest first, each with
//! its column's sentence and its push. Weights keep their column's orientation, so a reason
//! can only come from a farm-oriented column, and every reason shown pushed toward "farm".

use super::Reason;
use super::features::{COLUMNS, Evidence};
use crate::model::Logistic;

/// Log-odds a column must add before it is worth a moderator's time.
pub const MIN_PUSH: f32 = 0.1;
/// At most this many reasons per page.
pub const MAX_REASONS: usize = 8;

/// The reasons for a page whose row is `row`: the columns that pushed its score toward
/// "farm" most, strongest first. A flagged page that copies a wire story also names the
/// story whenever the match pushed toward "farm" at all, however little: it is what a
/// moderator checks every other reason against (the re-stamp, the missing credit).
pub fn reasons(model: &Logistic, row: &[f32], e: &Evidence, flagged: bool) -> Vec<Reason> {
    let reference = vec![0.0; row.len()];
    let anchor = COLUMNS.iter().position(|c| c.name == "wire_match");
    let mut pushes: Vec<(usize, f32)> = model
        .contributions(row, &reference)
        .into_iter()
        .enumerate()
        .filter(|&(c, push)| push > MIN_PUSH || (flagged && Some(c) == anchor && push > 0.0))
        .collect();
    pushes.sort_by(|a, b| b.1.total_cmp(&a.1));
    pushes.truncate(MAX_REASONS);
    pushes
        .into_iter()
        .map(|(c, push)| Reason {
            code: COLUMNS[c].name.to_string(),
            message: (COLUMNS[c].reason)(e),
            weight: push,
        })
        .collect()
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

/// A share as a whole percentage.
pub fn pct(x: f32) -> String {
    format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0))
}

/// The first `max` items quoted, and how many more.
pub fn quote_list(items: &[String], max: usize) -> String {
    let shown: Vec<String> = items.iter().take(max).map(|s| format!("\"{s}\"")).collect();
    let more = items.len().saturating_sub(max);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::PageFacts;
    use crate::verdict::features::Regime;

    #[test]
    fn spans_read_like_a_person_would_say_them() {
        assert_eq!(span(1), "1 day");
        assert_eq!(span(21), "3 weeks");
        assert_eq!(span(454), "15 months");
        assert_eq!(span(800), "2 years");
    }

    #[test]
    fn reasons_are_the_positive_pushes_largest_first_with_their_weight() {
        let n = COLUMNS.len();
        let mut weights = vec![0.0; n];
        let at = |name: &str| COLUMNS.iter().position(|c| c.name == name).unwrap();
        weights[at("missing_byline")] = 0.5;
        weights[at("engagement_widget")] = 2.0;
        weights[at("agency_credit")] = -3.0;
        let model = Logistic {
            names: super::super::features::names(),
            mean: vec![0.3; n],
            scale: vec![2.0; n],
            weights,
            intercept: 0.0,
            signs: super::super::features::signs(),
        };
        let facts = PageFacts {
            missing_byline: true,
            counter_widgets: 1,
            widgets: vec!["Views: 12".into(), "Share".into()],
            ..PageFacts::default()
        };
        let e = Evidence {
            facts: &facts,
            wire: None,
            cluster: None,
            regime: Regime::NoIndex,
        };
        let mut row = vec![0.0; n];
        row[at("missing_byline")] = 1.0;
        row[at("engagement_widget")] = 1.0;
        row[at("agency_credit")] = 1.0;
        let r = reasons(&model, &row, &e, true);
        let codes: Vec<&str> = r.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["engagement_widget", "missing_byline"]);
        // Weight over scale, from the plain page's 0 (not from the corpus mean).
        assert_eq!(r[0].weight, 1.0);
        assert_eq!(r[1].weight, 0.25);
        assert!(r[0].message.contains("Views: 12"), "{}", r[0].message);
        assert!(!r[0].message.contains("Share"), "{}", r[0].message);
    }
}
