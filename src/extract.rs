//! Page → block labels → article text.

use crate::page::Page;

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
