//! Page → block labels → article text.
//!
//! Four steps, each of which the model file can switch off: a first logistic pass over the
//! block features, a second pass that sees the first pass's probabilities around each block
//! and in its containers, a decision over the sequence of blocks (a Viterbi pass,
//! [`crate::sequence`]) instead of one threshold per block, and a page-level decision that
//! keeps the main region (the deepest container holding half the body mass) and drops
//! body-looking blocks far outside it; then the short blocks after the article's last
//! paragraph go ([`drop_tail`]), and the kept blocks far less sure than the page's own
//! article ([`drop_below_page_share`]). The prototype this design came from showed the errors
//! were teaser lists, comment threads and widgets *beside* the article; the last three
//! steps are aimed at exactly those. The title is picked last ([`crate::title::pick`]) and
//! kept out of the body text.

use crate::features::{Mass, PageCtx};
use crate::model::{BlockModel, ModelError};
use crate::page::Page;
use crate::segment::segment;
use serde::{Deserialize, Serialize};
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
    /// The article's title ([`crate::title::pick`]).
    pub title: Option<String>,
    /// The headline block, when the title is one of the page's blocks.
    pub title_block: Option<usize>,
    /// Article body: the body blocks without the headline, paragraphs separated by blank
    /// lines. Gold article bodies (and trafilatura's `text`) leave the headline out.
    pub text: String,
}

impl Extraction {
    /// Text of the body blocks, in order, without the headline.
    pub fn body_blocks(&self) -> impl Iterator<Item = &str> {
        self.page
            .blocks
            .iter()
            .zip(&self.labels)
            .enumerate()
            .filter(|(i, (_, l))| **l && Some(*i) != self.title_block)
            .map(|(_, (b, _))| b.text.as_str())
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

    /// The model of `path` when given, else the embedded one (the analyses' `--model`).
    pub fn from_file_or_embedded(path: Option<&str>) -> Result<Extractor, ModelError> {
        match path {
            Some(p) => Extractor::from_file(Path::new(p)),
            None => Extractor::embedded(),
        }
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
        let title = crate::title::pick(&page, Some(&labels));
        let title_block = title.as_ref().and_then(|t| t.block);
        let mut x = Extraction {
            page,
            labels,
            probs,
            title: title.map(|t| t.text),
            title_block,
            text: String::new(),
        };
        x.text = x.body_blocks().collect::<Vec<_>>().join("\n\n");
        x
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

/// Label the blocks: the Viterbi pass over the sequence (step `sequence`) or the threshold
/// alone, then (step `main_region`) drop body-looking blocks far outside the region that
/// holds most of the body.
pub fn decide(model: &BlockModel, page: &Page, probs: &[f32]) -> Vec<bool> {
    decide_watched(model, page, probs, |_, _| {})
}

/// A step of [`decide`], named for whoever watches the labels change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The Viterbi pass over the sequence, or the threshold alone.
    Sequence,
    /// Step `main_region` (reported only when it runs).
    MainRegion,
    /// [`drop_after_reply_form`] (reported only when the model has a cut).
    ReplyForm,
    Tail,
    /// [`drop_below_page_share`] (reported only when the model has a share).
    PageShare,
    /// [`keep_short_between`] (reported only when the model has a length).
    ShortGap,
    LoneArticle,
}

/// [`decide`], showing `watch` the labels after each step (the analyses of which step
/// kept or dropped what read them; extraction passes a closure that does nothing).
pub fn decide_watched(
    model: &BlockModel,
    page: &Page,
    probs: &[f32],
    mut watch: impl FnMut(Decision, &[bool]),
) -> Vec<bool> {
    let mut labels: Vec<bool> = match &model.sequence {
        Some(s) if model.schema.steps.sequence => s.decide(probs, model.threshold),
        _ => probs.iter().map(|p| *p >= model.threshold).collect(),
    };
    watch(Decision::Sequence, &labels);
    if model.schema.steps.main_region {
        keep_main_region(page, probs, &mut labels, model.region_margin);
        watch(Decision::MainRegion, &labels);
    }
    if model.reply_form_cut > 0.0 {
        drop_after_reply_form(page, probs, &mut labels, model.reply_form_cut);
        watch(Decision::ReplyForm, &labels);
    }
    drop_tail(page, &mut labels, model.tail_words);
    watch(Decision::Tail, &labels);
    if model.page_share > 0.0 {
        drop_below_page_share(page, probs, &mut labels, model.page_share);
        watch(Decision::PageShare, &labels);
    }
    if model.short_gap_words > 0 {
        keep_short_between(page, &mut labels, model.short_gap_words);
        watch(Decision::ShortGap, &labels);
    }
    keep_a_lone_article(page, probs, &mut labels);
    watch(Decision::LoneArticle, &labels);
    labels
}

/// A gap in the article's run of at most this many dropped blocks may be filled by
/// [`keep_short_between`]: a subhead, an attribution, a one-line paragraph, or two of them
/// (a subhead over a dateline). A longer gap is something else set inside the article (a
/// promo box, a gallery, a list of links), which the passes saw whole.
pub const SHORT_GAP_BLOCKS: usize = 2;

/// The dropped block and the kept blocks around it sit at most this many elements below
/// the deepest element that holds both kept blocks: siblings in one article body, or one
/// wrapper apart (`div > p` beside `p`). Further down is a box set inside the article.
pub const SHORT_GAP_DEPTH: usize = 2;

/// A block with at least this share of its words in links is navigation or a teaser's
/// headline, not a subhead or an attribution, and is not let back in.
pub const SHORT_GAP_LINK_DENSITY: f32 = 0.5;

/// Short paragraphs inside the article's run: a dropped block of at most `max_words` words
/// whose nearest kept blocks before and after sit, with it, in one element of the article
/// (within [`SHORT_GAP_DEPTH`] levels), in a gap of at most [`SHORT_GAP_BLOCKS`] dropped
/// blocks, is kept when it is not link-dense and not in a card of a feed (a sibling
/// structure of [`crate::features::FEED_CARDS`] or more cards of several blocks each). The
/// weights see a short block as boilerplate, since most short blocks on a page are
/// furniture; most words still missed are in such blocks (subheads, attributions, one-line
/// paragraphs), and where they sit, between two paragraphs of one body, is what tells them
/// apart. `max_words` 0 is off.
pub fn keep_short_between(page: &Page, labels: &mut [bool], max_words: usize) {
    if max_words == 0 {
        return;
    }
    let mut cards = None;
    let kept: Vec<usize> = (0..labels.len()).filter(|&i| labels[i]).collect();
    for w in kept.windows(2) {
        let (j, k) = (w[0], w[1]);
        let gap = j + 1..k;
        if gap.is_empty() || gap.len() > SHORT_GAP_BLOCKS {
            continue;
        }
        let (bj, bk) = (&page.blocks[j], &page.blocks[k]);
        let common = bj
            .containers
            .iter()
            .zip(&bk.containers)
            .take_while(|(a, b)| a == b)
            .count();
        let near = |b: &crate::page::Block| b.containers.len() <= common + SHORT_GAP_DEPTH;
        if common == 0 || !near(bj) || !near(bk) {
            continue;
        }
        let (of, groups) = cards.get_or_insert_with(|| crate::features::card_groups(page));
        for i in gap {
            let b = &page.blocks[i];
            let in_feed = of[i].is_some_and(|g: usize| {
                groups[g].count >= crate::features::FEED_CARDS && groups[g].mean_blocks() > 1.0
            });
            let inside = b.containers.len() >= common
                && b.containers[..common] == bj.containers[..common]
                && near(b);
            if b.words > 0
                && b.words <= max_words
                && b.link_density() < SHORT_GAP_LINK_DENSITY
                && inside
                && !in_feed
            {
                labels[i] = true;
            }
        }
    }
}

/// A page whose best block holds at least this share of the page's words is that block's
/// article: a decision that empties the page must not drop it. Half, because a feed, an
/// index or an error page spreads its words over many blocks and none holds half of them.
const LONE_ARTICLE_SHARE: f32 = 0.5;

/// A page is never emptied of its one long text: when no block is labelled body, the
/// highest-probability block is kept if it holds [`LONE_ARTICLE_SHARE`] of the page's
/// words. The sequence pass charges two state changes for a body run, which a lone block
/// barely over (or, on a page of nothing else, a little under) the threshold cannot pay;
/// the gold pages always have a body, and a page that is one paragraph of prose is that
/// paragraph.
pub fn keep_a_lone_article(page: &Page, probs: &[f32], labels: &mut [bool]) {
    if labels.iter().any(|l| *l) {
        return;
    }
    let best = probs
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i);
    let Some(best) = best else { return };
    let total: usize = page.blocks.iter().map(|b| b.words).sum();
    if total > 0 && page.blocks[best].words as f32 >= LONE_ARTICLE_SHARE * total as f32 {
        labels[best] = true;
    }
}

/// The article ends with its last paragraph: body-looking blocks after the last body block
/// of at least `min_words` words are dropped. What sits there is short and opens what
/// follows the article ("More stories", "Share this:", a feed's or a comment section's
/// heading), and nothing of the article comes after it; a subhead, by contrast, has
/// paragraphs after it and stays. A tail that holds `min_words` words or more in all is the
/// article going on in short lines (a list, a run of one-line items, a Q&A) rather than the
/// short opener of what follows, and stays too. `min_words` 0 is off; a page with no such
/// paragraph keeps its labels.
pub fn drop_tail(page: &Page, labels: &mut [bool], min_words: usize) {
    if min_words == 0 {
        return;
    }
    let last_paragraph = page
        .blocks
        .iter()
        .zip(labels.iter())
        .rposition(|(b, l)| *l && b.words >= min_words);
    let Some(last) = last_paragraph else { return };
    // Labels shorter than the page count the blocks up to `last` alone.
    let tail_words = page.words_where(labels) - page.words_where(&labels[..=last]);
    if tail_words < min_words {
        labels.iter_mut().skip(last + 1).for_each(|l| *l = false);
    }
}

/// A page whose kept words after its reply form are more than this share of all its kept
/// words is a thread (a forum or Q&A page, whose posts are its content), not an article
/// with comments: a news page's comments rarely outweigh the story they follow, while the
/// main run of a thread page is one post among many. Half, the point where the text after
/// the form is most of what the model would keep.
pub const THREAD_SHARE: f32 = 0.5;

/// What follows a reply form after the article is what readers wrote. The article is the
/// main run of the labels so far ([`crate::features::main_run`] with kept blocks at 1 and
/// the rest at 0, so that the run is the decision's, not the probabilities' at one half:
/// an article whose second page of paragraphs scores 0.3–0.5 and is kept stays in it). When
/// a reply form ([`Page::reply_forms`]) starts after that run, a kept block after the run
/// (the comments, which WordPress and most blogs print before the form, and whatever
/// follows the form) is dropped when its probability is under `cut` (0 = off). Comments are
/// sentence-like and score like the article, so the probability alone does not separate
/// them; where they sit does. The structural guard: when the kept words after the run are
/// over [`THREAD_SHARE`] of the page's kept words, the page is a thread (a forum or Q&A
/// page whose posts are its content) and keeps them.
pub fn drop_after_reply_form(page: &Page, probs: &[f32], labels: &mut [bool], cut: f32) {
    if cut <= 0.0 || page.reply_forms.is_empty() {
        return;
    }
    let kept_at: Vec<f32> = labels.iter().map(|l| f32::from(u8::from(*l))).collect();
    let Some((_, run_end)) = crate::features::main_run(page, &kept_at) else {
        return;
    };
    if !page.reply_forms.iter().any(|&f| f > run_end) {
        return;
    }
    let kept = page.words_where(labels);
    let after = kept - page.words_where(&labels[..=run_end]);
    if after as f32 > THREAD_SHARE * kept as f32 {
        return;
    }
    for (l, p) in labels.iter_mut().zip(probs).skip(run_end + 1) {
        if *p < cut {
            *l = false;
        }
    }
}

/// A threshold relative to the page: a kept block whose probability is under `share` times
/// the word-weighted median probability of the page's kept blocks is dropped. The threshold
/// alone is the same on every page, but how sure the model is of an article is not: the
/// feeds, teasers and captions around a clear article score over the threshold and still
/// far under the article's own paragraphs, which the median (weighted by words, so that
/// the long paragraphs set it) stands for. `share` 0 is off. With a share of at most 1 the
/// block at the median stays, so a page is never emptied by it.
pub fn drop_below_page_share(page: &Page, probs: &[f32], labels: &mut [bool], share: f32) {
    if share <= 0.0 {
        return;
    }
    let mut kept: Vec<(f32, usize)> = labels
        .iter()
        .enumerate()
        .filter(|(_, l)| **l)
        .map(|(i, _)| (probs[i], page.blocks[i].words))
        .collect();
    if kept.is_empty() {
        return;
    }
    kept.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: usize = kept.iter().map(|k| k.1).sum();
    // The first block, from the most probable down, at which half the kept words are reached.
    let mut seen = 0;
    let median = kept
        .iter()
        .find(|k| {
            seen += k.1;
            2 * seen >= total && total > 0
        })
        .unwrap_or(&kept[kept.len() - 1])
        .0;
    let cut = share * median;
    for (l, p) in labels.iter_mut().zip(probs) {
        if *l && *p < cut {
            *l = false;
        }
    }
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

/// One page's extraction as a record: one line of `chaff extract --jsonl [--blocks]`, one
/// dict of Python's `chaff.extract`. The CLI serialises it, the binding converts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Where the page was read from; the binding, handed a page, has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the page was fetched, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: Option<String>,
    /// The body without the headline ([`Extraction::text`]).
    pub text: String,
    /// Every block in page order, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocks: Option<Vec<BlockRecord>>,
}

/// One block of a page with its label and body probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockRecord {
    pub text: String,
    pub label: BlockLabel,
    pub probability: f32,
}

/// A block's final label, written `body` or `boilerplate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockLabel {
    Body,
    Boilerplate,
}

impl Record {
    /// The record of an extraction, with every block when `blocks`.
    pub fn of(source: Option<String>, url: Option<String>, x: Extraction, blocks: bool) -> Record {
        let blocks = blocks.then(|| {
            x.page
                .blocks
                .into_iter()
                .zip(&x.labels)
                .zip(&x.probs)
                .map(|((b, &body), &probability)| BlockRecord {
                    text: b.text,
                    label: if body {
                        BlockLabel::Body
                    } else {
                        BlockLabel::Boilerplate
                    },
                    probability,
                })
                .collect()
        });
        Record {
            source,
            url,
            title: x.title,
            text: x.text,
            blocks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_without_blocks_or_source_writes_only_title_and_text() {
        let x = Extractor::embedded()
            .unwrap()
            .extract("<html><body><article><h1>Talks</h1><p>The two governments began formal talks on Saturday, officials said.</p></article></body></html>");
        let plain = serde_json::to_string(&Record::of(None, None, x.clone(), false)).unwrap();
        assert!(plain.starts_with("{\"title\":"), "{plain}");
        assert!(!plain.contains("blocks"), "{plain}");
        let full = Record::of(
            Some("p.html".into()),
            Some("https://x.example/".into()),
            x,
            true,
        );
        let json = serde_json::to_string(&full).unwrap();
        assert!(
            json.starts_with("{\"source\":\"p.html\",\"url\":"),
            "{json}"
        );
        assert!(json.contains("\"label\":\"body\""), "{json}");
        assert_eq!(serde_json::from_str::<Record>(&json).unwrap(), full);
    }

    #[test]
    fn a_lone_long_block_is_kept_and_a_page_of_many_short_ones_stays_empty() {
        let page = segment(
            "<body><p>menu</p><p>One paragraph of prose that holds most of the words on this page, as a short article would.</p></body>",
        );
        let mut labels = vec![false; page.blocks.len()];
        keep_a_lone_article(&page, &[0.1, 0.2], &mut labels);
        assert_eq!(labels, [false, true]);
        let feed = segment(
            "<body><p>one headline here</p><p>another headline here</p><p>a third headline</p></body>",
        );
        let mut labels = vec![false; feed.blocks.len()];
        keep_a_lone_article(&feed, &[0.1, 0.3, 0.2], &mut labels);
        assert!(labels.iter().all(|l| !*l), "no block holds half the words");
        let mut kept = vec![true, false];
        keep_a_lone_article(&page, &[0.9, 0.2], &mut kept);
        assert_eq!(kept, [true, false], "a page with a body keeps its labels");
    }

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
    fn the_tail_after_the_last_paragraph_is_dropped_and_subheads_stay() {
        let page = segment(
            "<body><h2>What happened</h2>\
             <p>The storm reached the coast on Tuesday night and cut the power.</p>\
             <h3>The repairs</h3>\
             <p>Crews from four states worked through the night to mend the lines.</p>\
             <h3>More stories</h3><p>Share this:</p></body>",
        );
        assert_eq!(page.blocks.len(), 6);
        let mut labels = vec![true; 6];
        drop_tail(&page, &mut labels, 8);
        assert_eq!(labels, [true, true, true, true, false, false]);
        let mut off = vec![true; 6];
        drop_tail(&page, &mut off, 0);
        assert!(off.iter().all(|l| *l), "0 is off");
        let mut none_long = vec![true; 6];
        drop_tail(&page, &mut none_long, 50);
        assert!(
            none_long.iter().all(|l| *l),
            "no paragraph that long: nothing dropped"
        );
    }

    #[test]
    fn blocks_far_less_sure_than_the_pages_article_are_dropped() {
        let page = segment(
            "<body><p>The storm reached the coast on Tuesday night and cut the power to the town.</p>\
             <p>Crews from four states worked through the night to mend the lines again.</p>\
             <p>More stories</p><p>A teaser for another story of the day, a line or two.</p></body>",
        );
        assert_eq!(page.blocks.len(), 4);
        let probs = [0.9, 0.8, 0.35, 0.3];
        let mut labels = vec![true; 4];
        drop_below_page_share(&page, &probs, &mut labels, 0.5);
        assert_eq!(
            labels,
            [true, true, false, false],
            "the median is 0.8: under 0.4, dropped"
        );
        let mut off = vec![true; 4];
        drop_below_page_share(&page, &probs, &mut off, 0.0);
        assert!(off.iter().all(|l| *l), "0 is off");
        let unsure = [0.4, 0.35, 0.3, 0.32];
        let mut labels = vec![true; 4];
        drop_below_page_share(&page, &unsure, &mut labels, 0.5);
        assert!(
            labels.iter().all(|l| *l),
            "a page the model is unsure of throughout keeps its labels"
        );
        let mut none = vec![false; 4];
        drop_below_page_share(&page, &probs, &mut none, 0.5);
        assert!(none.iter().all(|l| !*l));
    }

    /// A written news page: four paragraphs, then a comment thread, then the reply form.
    fn commented_news_page(comments: usize) -> String {
        let mut html = String::from("<body><article>");
        for i in 0..4 {
            html.push_str(&format!(
                "<p>Paragraph {i} of the story tells what the council decided and why it mattered to the town.</p>"
            ));
        }
        html.push_str("</article><section id=comments><h3>Responses</h3><ol>");
        for i in 0..comments {
            html.push_str(&format!(
                "<li class=comment><p>Reader {i} wrote on the fourteenth of March at half past nine in the evening:</p><p>I think the council should have asked us before it spent the money.</p></li>"
            ));
        }
        html.push_str("</ol><form><p>Leave a reply</p><textarea name=comment></textarea></form></section></body>");
        html
    }

    #[test]
    fn comments_after_the_article_and_before_a_reply_form_are_dropped() {
        let page = segment(&commented_news_page(3));
        let n = page.blocks.len();
        assert_eq!(n, 4 + 1 + 6 + 1);
        assert_eq!(page.reply_forms, [n]);
        // The model keeps the article surely and the comments less surely, and drops the
        // heading and the lines about who wrote when (blocks 4, 5, 7 and 9).
        let kept: Vec<bool> = (0..n).map(|i| i < 4 || (i > 5 && i % 2 == 0)).collect();
        let probs: Vec<f32> = (0..n)
            .map(|i| match (i < 4, kept[i]) {
                (true, _) => 0.9,
                (false, true) => 0.6,
                (false, false) => 0.1,
            })
            .collect();
        let mut labels = kept.clone();
        drop_after_reply_form(&page, &probs, &mut labels, 0.7);
        assert_eq!(&labels[..4], [true; 4], "the article stays");
        assert!(
            labels[4..].iter().all(|l| !*l),
            "the thread goes: {labels:?}"
        );
        let mut sure = kept.clone();
        let over: Vec<f32> = probs.iter().map(|p| p.max(0.8)).collect();
        drop_after_reply_form(&page, &over, &mut sure, 0.7);
        assert_eq!(sure, kept, "a block over the cut stays");
        let mut off = kept.clone();
        drop_after_reply_form(&page, &probs, &mut off, 0.0);
        assert_eq!(off, kept, "0 is off");
        let plain = segment(
            &commented_news_page(3).replace("<textarea name=comment></textarea>", "<input name=q>"),
        );
        assert_eq!(plain.blocks.len(), n);
        let mut no_form = kept.clone();
        drop_after_reply_form(&plain, &probs, &mut no_form, 0.7);
        assert_eq!(no_form, kept, "without a reply form nothing goes");
    }

    /// A written forum thread: a long question, the reply box, then `answers` posts, each
    /// under a line about its poster.
    fn forum_page(answers: usize) -> String {
        let words = |n: usize, w: &str| vec![w; n].join(" ");
        let mut html = format!(
            "<body><div class=post><p>{}</p></div><form><textarea name=reply></textarea></form>",
            words(120, "tomatoes")
        );
        for _ in 0..answers {
            html.push_str(&format!(
                "<div class=post><p>{}</p><p>{}</p></div>",
                words(40, "member"),
                words(30, "water")
            ));
        }
        html + "</body>"
    }

    #[test]
    fn a_forum_page_whose_posts_outweigh_the_first_keeps_its_thread() {
        // The model keeps the question and the answers, not the poster lines: the run is
        // the question alone, the answers sit after it and after the reply box.
        let labelled = |answers: usize| {
            let page = segment(&forum_page(answers));
            assert_eq!(page.blocks.len(), 1 + 2 * answers);
            assert_eq!(page.reply_forms, [1]);
            let labels: Vec<bool> = (0..page.blocks.len()).map(|i| i % 2 == 0).collect();
            let probs: Vec<f32> = labels.iter().map(|l| if *l { 0.6 } else { 0.1 }).collect();
            (page, probs, labels)
        };
        let (page, probs, mut labels) = labelled(5);
        let before = labels.clone();
        drop_after_reply_form(&page, &probs, &mut labels, 1.0);
        assert_eq!(
            labels, before,
            "150 of 270 kept words are answers: a thread, kept"
        );
        let (page, probs, mut labels) = labelled(2);
        drop_after_reply_form(&page, &probs, &mut labels, 1.0);
        assert_eq!(
            labels,
            [true, false, false, false, false],
            "60 of 180: comments after an article, dropped"
        );
    }

    #[test]
    fn a_short_subhead_between_two_paragraphs_of_the_article_comes_back() {
        let page = segment(
            "<body><nav><a href='/'>Home</a></nav><article>\
             <p>The storm reached the coast on Tuesday night and cut the power to the town.</p>\
             <h3>The repairs</h3>\
             <p>Crews from four states worked through the night to mend the lines again.</p>\
             <p>By Jane Smith</p>\
             <p>The mayor thanked them on Wednesday and said the schools would open again.</p>\
             </article><p>Share this:</p></body>",
        );
        assert_eq!(page.blocks.len(), 7);
        let kept = [false, true, false, true, false, true, false];
        let run = |max_words| {
            let mut labels = kept;
            keep_short_between(&page, &mut labels, max_words);
            labels
        };
        assert_eq!(
            run(8),
            [false, true, true, true, true, true, false],
            "the subhead and the attribution sit between kept paragraphs: kept"
        );
        assert_eq!(run(0), kept, "0 is off");
        assert_eq!(
            run(2),
            [false, true, true, true, false, true, false],
            "a limit of two words keeps the two-word subhead and not the three-word line"
        );
    }

    #[test]
    fn links_feed_cards_and_boxes_inside_the_article_stay_out() {
        let para = |s: &str| {
            format!("<p>{s} went on through the night, and the town watched it from the hills.</p>")
        };
        // Three sibling cards of one signature, or (`distinct`) of three signatures.
        let card = |i: usize, distinct: bool| {
            let class = if distinct {
                format!("card{i}")
            } else {
                "card".into()
            };
            format!(
                "<div class={class}><h4>Another story {i}</h4>\
                 <p>A summary of another story of the day, kept by mistake here.</p></div>"
            )
        };
        let html = |distinct: bool| {
            format!(
                "<body><article>{}<p><a href='/more'>Read more here</a></p>{}\
             <div><div><div><p>A boxed promo</p></div></div></div>{}</article>\
             <div class=feed>{}{}{}</div></body>",
                para("The storm"),
                para("The rain"),
                para("The wind"),
                card(1, distinct),
                card(2, distinct),
                card(3, distinct),
            )
        };
        let page = segment(&html(false));
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 11, "{texts:?}");
        let link = texts
            .iter()
            .position(|t| t.starts_with("Read more"))
            .unwrap();
        let promo = texts.iter().position(|t| *t == "A boxed promo").unwrap();
        // The paragraphs and the cards' summaries are kept, the rest dropped.
        let mut labels: Vec<bool> = texts
            .iter()
            .map(|t| t.starts_with("The ") || t.starts_with("A summary"))
            .collect();
        let before = labels.clone();
        keep_short_between(&page, &mut labels, 12);
        assert!(!labels[link], "a link-dense line stays out: {texts:?}");
        assert!(!labels[promo], "a box three wrappers down stays out");
        assert_eq!(labels, before, "and the feed cards' headlines too");
        let plain = segment(&html(true));
        let mut labels = before.clone();
        keep_short_between(&plain, &mut labels, 12);
        assert_ne!(
            labels, before,
            "without the repeated cards the same headlines would come back"
        );
    }

    #[test]
    fn a_tail_of_many_short_lines_is_the_article_going_on() {
        let page = segment(
            "<body><p>Here is what the runway show said was in fashion this year, in order.</p>\
             <p>A hat that is too big.</p><p>A coat of many pockets.</p>\
             <p>Boots for the rain.</p><p>A scarf in winter.</p></body>",
        );
        assert_eq!(page.blocks.len(), 5);
        let mut labels = vec![true; 5];
        drop_tail(&page, &mut labels, 8);
        assert!(
            labels.iter().all(|l| *l),
            "18 words of short lines after the last paragraph: kept"
        );
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

    /// The written page of the test above, with something in its head.
    fn news_page(head: &str) -> String {
        format!(
            r#"<html><head><title>Council approves new library budget</title>{head}</head><body>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
        <article><h1>Council approves new library budget</h1>
        <p>The city council voted on Monday evening to approve a new budget for the public library, ending months of debate over opening hours and staff.</p>
        <p>Under the plan, the main branch will open on Sundays again from March, and two neighbourhood branches will extend their evening hours.</p></article>
        <aside><h3>Most read</h3><ul><li><a href="/a">Man finds lost dog after three weeks</a></li><li><a href="/b">New bakery opens downtown</a></li></ul></aside>
        </body></html>"#
        )
    }

    #[test]
    fn bad_json_ld_does_not_change_the_extraction() {
        let e = Extractor::embedded().unwrap();
        let plain = e.extract(&news_page(""));
        let ld = |json: &str| format!(r#"<script type="application/ld+json">{json}</script>"#);
        let huge = format!(
            r#"{{"articleBody":"{}"}}"#,
            "Man finds lost dog after three weeks. ".repeat(40_000)
        );
        for head in [
            ld(r#"{"@type":"NewsArticle","articleBody":"The city council voted"#),
            ld(&huge),
            ld(
                r#"{"articleBody":"Subscribe to read this story. Lorem ipsum dolor sit amet, consectetur adipiscing elit."}"#,
            ),
            ld(&format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000))),
        ] {
            let x = e.extract(&news_page(&head));
            assert_eq!(x.text, plain.text, "{}", &head[..head.len().min(80)]);
            assert_eq!(x.labels, plain.labels);
        }
    }

    #[test]
    fn title_and_body_come_apart_and_a_page_without_blocks_is_no_error() {
        let e = Extractor::embedded().unwrap();
        let x = e.extract(&news_page(""));
        assert_eq!(
            x.title.as_deref(),
            Some("Council approves new library budget")
        );
        assert!(
            !x.text.contains("Council approves new library budget"),
            "{}",
            x.text
        );
        assert!(x.text.starts_with("The city council voted"), "{}", x.text);
        let empty = e.extract("<html><head><title>Only a title</title></head><body></body></html>");
        assert_eq!(empty.title.as_deref(), Some("Only a title"));
        assert_eq!(empty.text, "");
        assert!(e.extract("").text.is_empty());
    }
}
