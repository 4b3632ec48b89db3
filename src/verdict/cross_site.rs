//! Near copies of one body on several sites within a batch: one copy of the clustering step
//! and of the site key, for the CLI, training, benches and tests alike.

use super::Inspection;
use crate::facts::{PageFacts, host_of};
use crate::fingerprint::{ClusterInfo, Clusters, Fingerprint};

/// The clusters of one batch run, over a window of the last pages seen.
#[derive(Debug)]
pub struct CrossSite {
    clusters: Clusters,
    window: usize,
}

/// Pages a batch clusters before its window starts again empty: about 1.5 KB of memory each.
pub const DEFAULT_WINDOW: usize = 50_000;

impl Default for CrossSite {
    fn default() -> Self {
        CrossSite::new(DEFAULT_WINDOW)
    }
}

impl CrossSite {
    /// Empty clusters that keep at most `window` pages; when full they start again empty,
    /// so that memory stays flat on crawls of any size.
    pub fn new(window: usize) -> CrossSite {
        CrossSite {
            clusters: Clusters::default(),
            window: window.max(1),
        }
    }

    /// Add a page of the batch and return its cluster so far (`None` for a page with no body
    /// to fingerprint). `source` names the page (unique in the batch), `url` is where it was
    /// fetched, when known.
    pub fn add(&mut self, source: &str, url: Option<&str>, i: &Inspection) -> Option<ClusterInfo> {
        self.add_facts(source, url, &i.facts, i.fingerprint.as_ref())
    }

    /// [`CrossSite::add`] from a page's facts and fingerprint alone (training keeps no more
    /// of its thousands of pages).
    pub fn add_facts(
        &mut self,
        source: &str,
        url: Option<&str>,
        facts: &PageFacts,
        fingerprint: Option<&Fingerprint>,
    ) -> Option<ClusterInfo> {
        let fp = fingerprint?.clone();
        if self.clusters.len() >= self.window {
            self.clusters = Clusters::default();
        }
        let date = facts.declared_date.as_ref().map(|d| d.date.as_str());
        Some(
            self.clusters
                .add(source, &site_key(facts, url, source), date, fp),
        )
    }
}

/// The site a page belongs to: the host of its canonical URL, else of the URL it was fetched
/// from, else its site name, else where it was read from.
pub fn site_key(facts: &PageFacts, url: Option<&str>, source: &str) -> String {
    facts
        .host
        .clone()
        .or_else(|| url.and_then(host_of))
        .or_else(|| facts.site_name.as_ref().map(|s| s.value.to_lowercase()))
        .unwrap_or_else(|| source.to_string())
}
