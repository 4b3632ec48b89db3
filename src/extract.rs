//! Page → block labels → article text.
//!
//! Three steps, each of which the model file can switch off: a first logistic pass over the
//! block features, a second pass that sees the first pass's probabilities around each block
//! and in its containers, and a page-level decision that keeps the main region (the deepest
//! container holding half the body mass) and drops body-looking blocks far outside it. The
//! prototype this design came from showed the errors were teaser lists, comment threads
//! and widgets *beside* the article; the last two steps are aimed at exactly those.

use crate::features::{Mass, PageCtx};
use crate::model::{BlockModel, ModelError};
use crate::page::{Page, words};
use crate::segment::segment;
use std::path::Path;

/// The default model, trained by `chaff train` from `training-data/manifest.toml`, embedded
/// so that `chaff extract` works from any folder.
const EMBEDDED: &str = include_str!("../models/default.json");

/// What extraction says about one page.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub page: Page,
    /// Final label per block: true = article body.
    pub labels: Vec<bool>,
    /// Final body probability per block.
    pub probs: Vec<f32>,
    /// The article's title.
    pub title: Option<String>,
    /// Article text: paragraphs separated by blank lines (title not included).
    pub text: String,
}

impl Extraction {
    /// Text of the body blocks, in order.
    pub fn body_blocks(&self) -> impl Iterator<Item = &str> {
        self.page
            .blocks
            .iter()
            .zip(&self.labels)
            .filter(|(_, l)| **l)
            .map(|(b, _)| b.text.as_str())
    }
}

/// Labels blocks with a block model.
#[derive(Debug, Clone)]
pub struct Extractor {
    pub model: BlockModel,
}

impl Extractor {
    /// The model embedded in this binary.
    pub fn embedded() -> Result<Extractor, ModelError> {
        Ok(Extractor {
            model: BlockModel::from_json(EMBEDDED, Path::new("<embedded models/default.json>"))?,
        })
    }

    /// A model from a file.
    pub fn from_file(path: &Path) -> Result<Extractor, ModelError> {
        Ok(Extractor {
            model: BlockModel::load(path)?,
        })
    }

    /// Segment and label an HTML document.
    pub fn extract(&self, html: &str) -> Extraction {
        self.extract_page(segment(html))
    }

    /// Label an already segmented page.
    pub fn extract_page(&self, page: Page) -> Extraction {
        let probs = self.probabilities(&page);
        let labels = decide(&self.model, &page, &probs);
        let title = title_of(&page, &labels);
        let text = page.text_where(&labels);
        Extraction {
            page,
            labels,
            probs,
            title,
            text,
        }
    }

    /// Final body probability per block (after the second pass when the model has one).
    pub fn probabilities(&self, page: &Page) -> Vec<f32> {
        if page.blocks.is_empty() {
            return Vec::new();
        }
        let ctx = PageCtx::new(page);
        let rows = self.model.schema.rows(&ctx);
        let p1 = self.model.first.predict_rows(&rows);
        match &self.model.second {
            Some(second) => {
                let rows2 = self.model.schema.second_pass_rows(&ctx, &rows, &p1);
                second.predict_rows(&rows2)
            }
            None => p1,
        }
    }
}

/// Threshold the probabilities, then (step `main_region`) drop body-looking blocks far
/// outside the region that holds most of the body.
pub fn decide(model: &BlockModel, page: &Page, probs: &[f32]) -> Vec<bool> {
    let mut labels: Vec<bool> = probs.iter().map(|p| *p >= model.threshold).collect();
    if model.schema.steps.main_region {
        keep_main_region(page, probs, &mut labels, model.region_margin);
    }
    labels
}

/// The page-level decision: find the deepest container holding at least half of the body
/// mass; a body block further than `margin` blocks outside its span is dropped. Headings
/// just before the region (the article's title often sits outside the article container)
/// are within the margin and stay.
pub fn keep_main_region(page: &Page, probs: &[f32], labels: &mut [bool], margin: usize) {
    let body: Vec<f32> = probs
        .iter()
        .zip(labels.iter())
        .map(|(p, l)| if *l { *p } else { 0.0 })
        .collect();
    let mass = Mass::new(page, &body);
    let Some(region) = mass.region else { return };
    let c = &page.containers[region];
    for (i, label) in labels.iter_mut().enumerate() {
        if !*label || page.blocks[i].containers.contains(&region) {
            continue;
        }
        let distance = if i < c.first_block {
            c.first_block - i
        } else {
            i.saturating_sub(c.last_block)
        };
        if distance > margin {
            *label = false;
        }
    }
}

/// The article's title: a body heading that shares words with the declared title, else the
/// declared title, else the first `h1`.
fn title_of(page: &Page, labels: &[bool]) -> Option<String> {
    let declared = page.declared_title().map(str::to_string);
    let declared_words: Vec<String> = declared
        .as_deref()
        .map(|t| words(t).map(str::to_lowercase).collect())
        .unwrap_or_default();
    let overlap = |text: &str| {
        let w: Vec<String> = words(text).map(str::to_lowercase).collect();
        if w.is_empty() || declared_words.is_empty() {
            return 0.0;
        }
        w.iter().filter(|x| declared_words.contains(x)).count() as f32 / w.len() as f32
    };
    let heading = page
        .blocks
        .iter()
        .zip(labels)
        .filter(|(b, l)| b.heading > 0 && b.heading <= 2 && (**l || overlap(&b.text) >= 0.6))
        .map(|(b, _)| b)
        .next();
    if let Some(h) = heading {
        return Some(h.text.clone());
    }
    declared.or_else(|| {
        page.blocks
            .iter()
            .find(|b| b.heading == 1)
            .map(|b| b.text.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads_and_matches_this_build() {
        let e = Extractor::embedded().expect("embedded model matches the feature table");
        assert!(e.model.threshold > 0.0 && e.model.threshold < 1.0);
    }

    #[test]
    fn region_step_drops_body_blocks_far_outside_the_article() {
        let mut html = String::from("<body><div id=main>");
        for i in 0..6 {
            html.push_str(&format!(
                "<p>Paragraph {i} of the article, long enough to count as prose here.</p>"
            ));
        }
        html.push_str("</div><div id=far>");
        for i in 0..8 {
            html.push_str(&format!("<p>filler {i}</p>"));
        }
        html.push_str("<p>A stray block that looks like body but sits far away.</p></div></body>");
        let page = segment(&html);
        let n = page.blocks.len();
        let probs = vec![0.9; n];
        let mut labels = vec![true; n];
        for l in labels.iter_mut().take(n - 1).skip(6) {
            *l = false;
        }
        keep_main_region(&page, &probs, &mut labels, 3);
        assert!(labels[..6].iter().all(|l| *l));
        assert!(!labels[n - 1], "the far block is dropped");
        let mut labels2 = vec![true; n];
        for l in labels2.iter_mut().take(n - 1).skip(6) {
            *l = false;
        }
        keep_main_region(&page, &probs, &mut labels2, 20);
        assert!(labels2[n - 1], "within a wide margin it stays");
    }

    #[test]
    fn extracts_article_text_from_a_written_page() {
        let e = Extractor::embedded().unwrap();
        let html = r#"<html><head><title>Council approves new library budget - Springfield Times</title></head><body>
        <header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sports">Sports</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
        <div class="main"><article><h1>Council approves new library budget</h1>
        <p>The city council voted on Monday evening to approve a new budget for the public library, ending months of debate over opening hours and staff.</p>
        <p>Under the plan, the main branch will open on Sundays again from March, and two neighbourhood branches will extend their evening hours during the school year.</p>
        <p>Council members said the money would come from a reserve fund that was set aside last year, so property taxes would not rise as a result of the decision.</p>
        <p>Library staff welcomed the vote, saying that demand for study space and computer access had grown sharply since the pandemic ended.</p></article>
        <aside><h3>Most read</h3><ul><li><a href="/a">Man finds lost dog after three weeks</a></li><li><a href="/b">New bakery opens downtown</a></li><li><a href="/c">High school team wins title</a></li></ul></aside></div>
        <footer><p>Copyright 2024 Springfield Times. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>"#;
        let x = e.extract(html);
        assert!(
            x.text
                .contains("approve a new budget for the public library"),
            "{}",
            x.text
        );
        assert!(
            x.text.contains("computer access had grown sharply"),
            "{}",
            x.text
        );
        assert!(!x.text.contains("New bakery opens downtown"), "{}", x.text);
        assert!(!x.text.contains("All rights reserved"), "{}", x.text);
        assert_eq!(
            x.title.as_deref(),
            Some("Council approves new library budget")
        );
    }
}
