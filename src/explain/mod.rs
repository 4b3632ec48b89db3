//! Why a page was judged as it was, in one view a moderator can check against the page.
//!
//! [`Explainer::explain`] runs the same steps as `chaff score` on one page (extraction, page
//! facts, wire match, page model) and keeps what each step saw: every block with its body
//! probability, every fact with where it was read, every reason with the weight it added to
//! the score, and the page body set against the wire story's own text. `report` renders that
//! as one self-contained HTML file; `chaff serve` shows the same view per queue item.
//!
//! The wire index keeps no story text (a million stories would be gigabytes), so the side by
//! side needs the feed the stories came from ([`WireTexts`]).

pub mod diff;
pub mod marks;
pub mod report;
pub mod weights;

use crate::extract::Extractor;
use crate::verdict::{Inspection, Verdict, VerdictError, VerdictModel};
use crate::wire::{Match, Story, WireIndex};
use serde::Serialize;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

pub use diff::WireDiff;
pub use marks::{FactKind, FactMark, Location};
pub use weights::WeightedReason;

/// One block of the page, as extraction saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockView {
    pub index: usize,
    /// The innermost element's tag (`p`, `h1`, `li`...).
    pub tag: String,
    pub text: String,
    /// Body probability after the second pass.
    pub probability: f32,
    /// The final label: part of the article.
    pub body: bool,
}

/// The page body against the wire story it matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WireView {
    #[serde(flatten)]
    pub matched: Match,
    /// The story's text, when the feed it came from was given; `None` otherwise.
    pub story_text: Option<String>,
    pub diff: Option<WireDiff>,
}

/// Everything the report shows about one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub source: String,
    pub title: Option<String>,
    pub site: Option<String>,
    pub blocks: Vec<BlockView>,
    pub facts: Vec<FactMark>,
    pub verdict: Verdict,
    /// The page model's threshold: flagged when the score reaches it.
    pub threshold: f32,
    /// The verdict's reasons with the log-odds each added, strongest first.
    pub reasons: Vec<WeightedReason>,
    pub wire: Option<WireView>,
}

/// Wire stories' texts by id, read from a feed (`chaff wire add`'s input).
#[derive(Debug, Clone, Default)]
pub struct WireTexts {
    stories: HashMap<String, Story>,
}

/// Why a feed could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} line {line}: {reason}")]
    Story {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    #[error(transparent)]
    Verdict(#[from] VerdictError),
}

impl WireTexts {
    /// Read a JSON Lines feed of stories (`id`, `agency`, `published`, `title`, `text`).
    pub fn load(path: &Path) -> Result<WireTexts, ExplainError> {
        let read_err = |source| ExplainError::Read {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(read_err)?;
        let mut stories = HashMap::new();
        for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.map_err(read_err)?;
            if line.trim().is_empty() {
                continue;
            }
            let story = Story::from_json(&line).map_err(|e| ExplainError::Story {
                path: path.to_path_buf(),
                line: n + 1,
                reason: e.to_string(),
            })?;
            stories.insert(story.id.clone(), story);
        }
        Ok(WireTexts { stories })
    }

    pub fn get(&self, id: &str) -> Option<&Story> {
        self.stories.get(id)
    }

    pub fn stories(&self) -> impl Iterator<Item = &Story> {
        self.stories.values()
    }
}

/// The models and references one explanation needs; built once, used for many pages.
pub struct Explainer<'a> {
    pub extractor: &'a Extractor,
    pub verdicts: &'a VerdictModel,
    pub index: Option<&'a WireIndex>,
    pub texts: Option<&'a WireTexts>,
}

impl Explainer<'_> {
    /// Explain one page. `fetched` (unix seconds) dates relative times, as in `chaff score`.
    /// Cross-site clusters are a property of a batch, not of a page, and are left out.
    pub fn explain(
        &self,
        source: &str,
        html: &str,
        fetched: Option<i64>,
    ) -> Result<Explanation, ExplainError> {
        let inspection = Inspection::of(self.extractor, self.index, html, fetched)?;
        let evidence = inspection.evidence(None);
        let verdict = self.verdicts.judge(&evidence);
        let reasons = weights::weighted(&verdict);
        let x = &inspection.extraction;
        let blocks = x
            .page
            .blocks
            .iter()
            .enumerate()
            .map(|(i, b)| BlockView {
                index: i,
                tag: b.tag().to_string(),
                text: b.text.clone(),
                probability: x.probs.get(i).copied().unwrap_or(0.0),
                body: x.labels.get(i).copied().unwrap_or(false),
            })
            .collect();
        let wire = inspection.wire.clone().map(|matched| {
            let story_text = self
                .texts
                .and_then(|t| t.get(&matched.wire.id))
                .map(|s| s.text.clone());
            let diff = story_text
                .as_deref()
                .map(|story| diff::diff(&x.text, story));
            WireView {
                matched,
                story_text,
                diff,
            }
        });
        let f = &inspection.facts;
        Ok(Explanation {
            source: source.to_string(),
            title: f.title.as_ref().map(|t| t.value.clone()),
            site: f.site_name.as_ref().map(|s| s.value.clone()),
            facts: marks::marks(&x.page, f),
            blocks,
            threshold: self.verdicts.threshold_for(inspection.regime),
            verdict,
            reasons,
            wire,
        })
    }
}
