//! The verdict on one page as a record: one line of `chaff score --jsonl`, one dict of
//! Python's `chaff.score`, one row of the Spark job. One struct, so that the three cannot
//! drift apart: the CLI serialises it, the binding converts it.

use super::{Reason, Scored, Verdict, WireMatch};
use crate::facts::PageFacts;
use crate::fingerprint::ClusterInfo;
use serde::{Deserialize, Serialize};

/// One page's verdict and what it rests on, in the order `chaff score --jsonl` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Where the page was read from (file, `WARC#offset`, JSON Lines line, or a URL).
    pub source: String,
    pub flagged: bool,
    pub score: f32,
    pub wire_match: Option<WireMatch>,
    /// Strongest first.
    pub reasons: Vec<Reason>,
    pub title: Option<String>,
    /// The site name the page shows.
    pub site: Option<String>,
    /// The date the page declares (ISO-8601).
    pub declared_date: Option<String>,
    pub byline: Option<String>,
    /// The page's cluster of near copies (`None` when the body had no words).
    pub cluster: Option<ClusterRecord>,
    /// The article body, as `chaff extract` gives it.
    pub body: String,
}

/// A page's cluster of near copies, as records carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterRecord {
    /// Pages in the cluster, this one included.
    pub size: usize,
    /// Distinct sites in the cluster.
    pub sites: usize,
    /// The earliest declared date in the cluster.
    pub earliest_date: Option<String>,
}

impl Record {
    /// The field names of a record, in order: what a table of records (the Spark job's
    /// schema) has as columns.
    pub const FIELDS: [&'static str; 11] = [
        "source",
        "flagged",
        "score",
        "wire_match",
        "reasons",
        "title",
        "site",
        "declared_date",
        "byline",
        "cluster",
        "body",
    ];

    /// The record of a page scored by [`super::Scorer`].
    pub fn of(source: &str, scored: &Scored) -> Record {
        let i = &scored.inspection;
        Record::new(
            source,
            &i.facts,
            &i.extraction.text,
            scored.cluster.as_ref(),
            &scored.verdict,
        )
    }

    /// The record from the parts a verdict rests on: the page's facts and body, its
    /// cluster, and the verdict.
    pub fn new(
        source: &str,
        facts: &PageFacts,
        body: &str,
        cluster: Option<&ClusterInfo>,
        verdict: &Verdict,
    ) -> Record {
        Record {
            source: source.to_string(),
            flagged: verdict.flagged,
            score: verdict.score,
            wire_match: verdict.wire_match.clone(),
            reasons: verdict.reasons.clone(),
            title: facts.title.as_ref().map(|t| t.value.clone()),
            site: facts.site_name.as_ref().map(|s| s.value.clone()),
            declared_date: facts.declared_date.as_ref().map(|d| d.date.clone()),
            byline: facts.byline.as_ref().map(|b| b.name.clone()),
            cluster: cluster.map(ClusterRecord::from),
            body: body.to_string(),
        }
    }
}

impl From<&ClusterInfo> for ClusterRecord {
    fn from(c: &ClusterInfo) -> ClusterRecord {
        ClusterRecord {
            size: c.size,
            sites: c.sites,
            earliest_date: c.earliest_date.clone(),
        }
    }
}

impl From<ClusterRecord> for ClusterInfo {
    /// A cluster known from its record alone (a crawl-wide job computes clusters itself);
    /// the page that declared the earliest date is not recorded.
    fn from(c: ClusterRecord) -> ClusterInfo {
        ClusterInfo {
            size: c.size,
            sites: c.sites,
            earliest_date: c.earliest_date,
            earliest_key: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Scorer;

    #[test]
    fn a_record_serialises_its_fields_in_the_listed_order() {
        let scorer = Scorer::embedded(None).unwrap();
        let html = "<html><head><title>Talks begin</title></head><body><article>\
                    <h1>Talks begin</h1><p>The two governments began formal talks on \
                    Saturday about the future of the coalition, officials said.</p>\
                    </article></body></html>";
        let scored = scorer.score(html, None).unwrap();
        let record = Record::of("page.html", &scored);
        let json = serde_json::to_string(&record).unwrap();
        // Each field's key, where it starts: in the order of FIELDS, and nothing else.
        let at: Vec<usize> = Record::FIELDS
            .iter()
            .map(|f| json.find(&format!("\"{f}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
        let fields = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&json);
        assert_eq!(fields.unwrap().len(), Record::FIELDS.len());
        let back: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record);
    }
}
