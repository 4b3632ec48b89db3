//! A page inspected and waiting for its cluster: what a crawl-wide job (the Spark job of the
//! Python binding) keeps of a page between its passes, so that the page is extracted once,
//! its copies are found across the whole crawl, and it is judged then.

use super::cross_site::site_key;
use super::features::{Evidence, Regime};
use super::{Inspection, Record, Scorer};
use crate::facts::PageFacts;
use crate::fingerprint::ClusterInfo;
use crate::wire::Match;
use serde::{Deserialize, Serialize};

/// What the verdict and its [`Record`] need of an [`Inspection`], without the parsed page:
/// small, and serialisable to keep in a table between passes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub source: String,
    /// The site the page counts for in clusters ([`site_key`]).
    pub site: String,
    pub facts: PageFacts,
    pub wire: Option<Match>,
    /// Whether the page was looked up in a wire index (`Inspection::regime`).
    pub regime: Regime,
    pub body: String,
}

impl Pending {
    /// Keep what judging needs of an inspected page (`source` names it, `url` is where it
    /// was fetched). The fingerprint is left to the caller, who clusters with it.
    pub fn of(source: String, url: Option<&str>, i: Inspection) -> Pending {
        let site = site_key(&i.facts, url, &source);
        Pending {
            source,
            site,
            facts: i.facts,
            wire: i.wire,
            regime: i.regime,
            body: i.extraction.text,
        }
    }

    /// The declared date, as clusters compare it.
    pub fn declared_date(&self) -> Option<&str> {
        self.facts.declared_date.as_ref().map(|d| d.date.as_str())
    }

    /// Judge the page with its cluster, as [`Scorer::judge`] judges an inspection.
    pub fn judge(&self, scorer: &Scorer, cluster: Option<&ClusterInfo>) -> Record {
        let evidence = Evidence {
            facts: &self.facts,
            wire: self.wire.as_ref(),
            cluster,
            regime: self.regime,
        };
        let verdict = scorer.judge_evidence(&evidence);
        Record::new(&self.source, &self.facts, &self.body, cluster, &verdict)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::CrossSite;

    #[test]
    fn a_pending_page_judged_later_gets_the_record_of_the_page_scored_at_once() {
        let scorer = Scorer::embedded(None).unwrap();
        let html = "<html><head><title>Talks begin</title></head><body><article>\
                    <h1>Talks begin</h1><p>BEIRUT (AP) — The two governments began formal \
                    talks on Saturday about the future of the coalition, officials said.</p>\
                    <p>View Date: 2025-04-25</p></article></body></html>";
        let url = Some("https://farm.example/talks");
        let at_once = scorer.judge_in(
            &mut CrossSite::default(),
            "p.html",
            url,
            scorer.inspect(html, None).unwrap(),
        );
        let cluster = at_once.cluster.clone();
        let pending = Pending::of("p.html".into(), url, scorer.inspect(html, None).unwrap());
        assert_eq!(pending.site, "farm.example");
        let kept: Pending =
            serde_json::from_str(&serde_json::to_string(&pending).unwrap()).unwrap();
        assert_eq!(kept, pending);
        assert_eq!(
            kept.judge(&scorer, cluster.as_ref()),
            Record::of("p.html", &at_once)
        );
    }
}
