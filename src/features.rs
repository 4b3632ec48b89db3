//! The named feature table: each block of a page becomes a row of numbers.
//!
//! Every feature has a stable `snake_case` name (it is written into model files), one
//! function and one doc line; the tables below are the single source of truth for column
//! order. Features are shallow on purpose (Kohlschütter et al. 2010 showed shallow text
//! features carry most of the signal) and cheap: they read the page model only, never the DOM.
//!
//! Three groups can be switched off, so that what each adds can be measured:
//! - `neighbours`: the same features of the previous and next block;
//! - `containers`: evidence of the block's ancestor containers;
//! - class/id tokens learned from training data (the vocabulary lives in the model file,
//!   because generated class names only help when a token recurs on many pages).
//!
//! The second pass (features that see the first pass's probabilities) lives here too, in
//! [`SECOND_PASS`], so that both passes share one context.

use crate::page::{Block, Container, Page, words};
use crate::patterns::is_widget;
// Hashing with foldhash, seeded per process: the maps and sets here are looked up for every
// block and word of every page, and SipHash was a twentieth of extraction time.
use foldhash::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::{Arc, LazyLock};

/// One column of the block table.
pub struct Feature {
    pub name: &'static str,
    pub doc: &'static str,
    pub f: fn(&PageCtx, usize) -> f32,
}

/// One column of the second-pass table: sees first-pass probabilities.
pub struct StackedFeature {
    pub name: &'static str,
    pub doc: &'static str,
    pub f: fn(&PageCtx, &Mass, usize) -> f32,
}

/// First-pass probabilities of a page and what they add up to per container, computed once
/// per page so that no feature walks the page again.
pub struct Mass<'p> {
    /// First-pass body probability per block.
    pub p: &'p [f32],
    /// Per container: summed probability x words.
    pub inside: Vec<f32>,
    /// Per container: summed words.
    pub words: Vec<f32>,
    /// The page's summed probability x words.
    pub total: f32,
    /// The deepest multi-block container holding at least half the body mass.
    pub region: Option<usize>,
    /// The article's main run: the stretch of blocks (first, last) where body outweighs
    /// boilerplate most ([`main_run`]).
    pub run: Option<(usize, usize)>,
}

impl<'p> Mass<'p> {
    pub fn new(page: &Page, p: &'p [f32]) -> Self {
        let mut inside = vec![0.0; page.containers.len()];
        let mut words = vec![0.0; page.containers.len()];
        let mut total = 0.0;
        for (b, &pb) in page.blocks.iter().zip(p) {
            let w = b.words as f32;
            total += pb * w;
            for &k in &b.containers {
                inside[k] += pb * w;
                words[k] += w;
            }
        }
        let region = (total > 0.0)
            .then(|| deepest_holding(page, |k, _| inside[k] >= 0.5 * total))
            .flatten();
        Mass {
            p,
            inside,
            words,
            total,
            region,
            run: main_run(page, p),
        }
    }

    /// Share of the page's body mass inside container `k`.
    pub fn share(&self, k: usize) -> f32 {
        if self.total > 0.0 {
            self.inside[k] / self.total
        } else {
            0.0
        }
    }

    /// Word-weighted mean probability inside container `k`.
    pub fn mean(&self, k: usize) -> f32 {
        if self.words[k] > 0.0 {
            self.inside[k] / self.words[k]
        } else {
            0.0
        }
    }
}

/// The stretch of blocks with the largest sum of (p - 1/2) x ln(1 + words): body blocks
/// add, boilerplate blocks subtract, so short boilerplate between paragraphs stays inside
/// and a feed after the article ends the run (maximum-subarray, one pass).
pub fn main_run(page: &Page, p: &[f32]) -> Option<(usize, usize)> {
    let (mut best, mut best_span) = (0.0f32, None);
    let (mut sum, mut start) = (0.0f32, 0);
    for (i, (b, &pi)) in page.blocks.iter().zip(p).enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += (pi - 0.5) * ln_1p_count(b.words);
        if sum > best {
            best = sum;
            best_span = Some((start, i));
        }
    }
    best_span
}

/// Which optional groups a schema includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Steps {
    /// Copy key features of the previous and next block into each row.
    pub neighbours: bool,
    /// Evidence from the block's ancestor containers.
    pub containers: bool,
    /// A second logistic pass over first-pass probabilities of neighbours and containers.
    pub second_pass: bool,
    /// Keep the main region of body mass, drop body-looking blocks far outside it.
    pub main_region: bool,
    /// The page's machine-readable article ([`crate::declared`]): each block's overlap with it.
    /// Off in model files written before it existed.
    #[serde(default)]
    pub declared: bool,
    /// Feeds by structure: repeated sibling cards, and the sections headings open.
    #[serde(default)]
    pub feeds: bool,
    /// A Viterbi pass over the block sequence replaces the per-block threshold.
    #[serde(default)]
    pub sequence: bool,
    /// The second pass sees each block's distance from the main run of body blocks.
    #[serde(default)]
    pub main_run: bool,
    /// Date stamps nearby: a thread or a feed stamps every entry, an article once.
    #[serde(default)]
    pub stamps: bool,
}

impl Default for Steps {
    fn default() -> Self {
        Steps {
            neighbours: true,
            containers: true,
            second_pass: true,
            main_region: true,
            declared: true,
            feeds: true,
            sequence: true,
            main_run: true,
            stamps: true,
        }
    }
}

macro_rules! feature {
    ($name:ident, $doc:literal, |$c:ident, $i:ident| $body:expr) => {
        Feature {
            name: stringify!($name),
            doc: $doc,
            f: |$c: &PageCtx, $i: usize| -> f32 { $body },
        }
    };
}

macro_rules! stacked {
    ($name:ident, $doc:literal, |$c:ident, $m:ident, $i:ident| $body:expr) => {
        StackedFeature {
            name: stringify!($name),
            doc: $doc,
            f: |$c: &PageCtx, $m: &Mass, $i: usize| -> f32 { $body },
        }
    };
}

/// Depth at which the `depth` feature stops growing. Training pages nest their blocks 12
/// deep on average (4.8 standard deviation); unbounded, the feature let a paragraph 40 divs
/// deep (or any page nested far deeper, up to the tree's cap) be outweighed by depth alone.
const DEPTH_SATURATION: f32 = 30.0;

/// Features of the block alone.
pub const BLOCK: &[Feature] = &[
    feature!(words_log, "ln(1 + words): long blocks are prose", |c, i| {
        ln_1p_count(c.b(i).words)
    }),
    feature!(link_density, "share of words inside links", |c, i| c
        .b(i)
        .link_density()),
    feature!(
        text_density,
        "words per 80-column wrapped line (Kohlschütter 2010)",
        |c, i| c.s[i].text_density
    ),
    feature!(avg_word_len, "mean characters per word / 10", |c, i| c.s[i]
        .avg_word_len
        / 10.0),
    feature!(
        avg_sentence_len,
        "mean words per sentence / 20, capped at 3",
        |c, i| (c.s[i].sentence_len / 20.0).min(3.0)
    ),
    feature!(cap_ratio, "share of words that start upper-case", |c, i| c
        .s[i]
        .cap_ratio),
    feature!(
        digit_ratio,
        "share of characters that are digits",
        |c, i| c.s[i].digit_ratio
    ),
    feature!(
        punct_ratio,
        "share of characters that are punctuation",
        |c, i| c.s[i].punct_ratio
    ),
    feature!(
        stopword_ratio,
        "share of words in the page language's stop-word list (jusText)",
        |c, i| c.s[i].stop_ratio
    ),
    feature!(
        ends_sentence,
        "text ends like a sentence (. ! ? quote)",
        |c, i| {
            let t = c.b(i).text.trim_end();
            f32::from(
                t.ends_with(['.', '!', '?', '"', '”', '’', '»', '。'])
                    && !c.b(i).text.ends_with("..."),
            )
        }
    ),
    feature!(
        widget,
        "engagement widget: short label with a counter, or a bare action",
        |c, i| f32::from(is_widget(&c.b(i).text))
    ),
    feature!(
        link_run_log,
        "ln(1 + length of the run of link-dominated blocks this one is in)",
        |c, i| ln_1p_count(c.link_runs[i])
    ),
    feature!(
        repeated_structure_log,
        "ln(number of blocks sharing this block's tag path and class tokens): teaser lists",
        |c, i| (c.signature_counts[i] as f32).ln()
    ),
    feature!(in_nav, "inside <nav>", |c, i| f32::from(
        c.s[i].inside(tags::NAV)
    )),
    feature!(in_header, "inside <header>", |c, i| f32::from(
        c.s[i].inside(tags::HEADER)
    )),
    feature!(in_footer, "inside <footer>", |c, i| f32::from(
        c.s[i].inside(tags::FOOTER)
    )),
    feature!(in_aside, "inside <aside>", |c, i| f32::from(
        c.s[i].inside(tags::ASIDE)
    )),
    feature!(in_article, "inside <article>", |c, i| f32::from(
        c.s[i].inside(tags::ARTICLE)
    )),
    feature!(in_main, "inside <main>", |c, i| f32::from(
        c.s[i].inside(tags::MAIN)
    )),
    feature!(in_li, "inside a list item", |c, i| f32::from(
        c.s[i].inside(tags::LI)
    )),
    feature!(in_form, "inside a <form>", |c, i| f32::from(
        c.s[i].inside(tags::FORM)
    )),
    feature!(in_table, "inside a table cell", |c, i| f32::from(
        c.s[i].inside(tags::TD | tags::TH)
    )),
    feature!(in_blockquote, "inside <blockquote> or <pre>", |c, i| {
        f32::from(c.s[i].inside(tags::BLOCKQUOTE | tags::PRE))
    }),
    feature!(is_heading, "the block is a heading", |c, i| f32::from(
        c.b(i).heading > 0
    )),
    feature!(
        heading_rank,
        "(7 - heading level) / 6: h1 = 1, no heading = 0",
        |c, i| {
            let h = c.b(i).heading;
            if h == 0 { 0.0 } else { (7 - h) as f32 / 6.0 }
        }
    ),
    feature!(tag_p, "held by a <p>", |c, i| f32::from(
        c.b(i).tag() == "p"
    )),
    feature!(
        tag_div,
        "held by a <div> (text not in a paragraph)",
        |c, i| f32::from(c.b(i).tag() == "div")
    ),
    feature!(tag_li, "held by an <li>", |c, i| f32::from(
        c.b(i).tag() == "li"
    )),
    feature!(
        tokens_content,
        "class/id says content: article, body, content, post, entry, story, text",
        |c, i| c.token_group(i, group::CONTENT)
    ),
    feature!(
        tokens_navigation,
        "class/id says navigation: nav, menu, breadcrumb, pagination",
        |c, i| c.token_group(i, group::NAV)
    ),
    feature!(
        tokens_chrome,
        "class/id says page chrome: header, footer, sidebar, widget, banner, ad, promo",
        |c, i| c.token_group(i, group::CHROME)
    ),
    feature!(
        tokens_related,
        "class/id says teasers: related, recommended, popular, trending, latest, more",
        |c, i| c.token_group(i, group::RELATED)
    ),
    feature!(
        tokens_comment,
        "class/id says comments: comment, reply, discussion, disqus, respond",
        |c, i| c.token_group(i, group::COMMENT)
    ),
    feature!(
        tokens_share,
        "class/id says sharing: share, social, follow, tweet, facebook",
        |c, i| c.token_group(i, group::SHARE)
    ),
    feature!(
        tokens_meta,
        "class/id says metadata: byline, author, date, tags, category, caption",
        |c, i| c.token_group(i, group::META)
    ),
    feature!(position, "block index / block count", |c, i| i as f32
        / c.page.blocks.len().max(1) as f32),
    feature!(
        position_text,
        "share of the page's text before this block",
        |c, i| c.b(i).char_offset as f32 / c.total_chars.max(1) as f32
    ),
    feature!(
        title_overlap,
        "share of the <title>/og:title words this block contains",
        |c, i| c.s[i].title_overlap
    ),
    feature!(
        depth,
        "DOM depth / 30, saturating at 1: nesting beyond says nothing more",
        |c, i| (c.b(i).tag_path.len() as f32 / DEPTH_SATURATION).min(1.0)
    ),
];

/// Features of the block's ancestor containers (step `containers`).
pub const CONTAINER: &[Feature] = &[
    feature!(
        container_text_share,
        "share of the page's words inside the block's innermost container",
        |c, i| c
            .container(i)
            .map_or(0.0, |k| c.page.containers[k].words as f32
                / c.page_words.max(1) as f32)
    ),
    feature!(
        container_link_density,
        "link density of the block's innermost container",
        |c, i| c
            .container(i)
            .map_or(0.0, |k| c.page.containers[k].link_density())
    ),
    feature!(
        container_paragraphs_log,
        "ln(1 + paragraph-like blocks in the innermost container)",
        |c, i| c
            .container(i)
            .map_or(0.0, |k| ln_1p_count(c.page.containers[k].paragraphs))
    ),
    feature!(
        parent_paragraphs_log,
        "ln(1 + paragraph-like blocks in the container one level up)",
        |c, i| c
            .parent_container(i)
            .map_or(0.0, |k| ln_1p_count(c.page.containers[k].paragraphs))
    ),
    feature!(
        in_paragraph_region,
        "inside the deepest container holding half the page's paragraphs",
        |c, i| f32::from(
            c.paragraph_region
                .is_some_and(|r| c.b(i).containers.contains(&r))
        )
    ),
    feature!(
        region_link_density,
        "link density of that paragraph region (1 when the block is outside it)",
        |c, i| match c.paragraph_region {
            Some(r) if c.b(i).containers.contains(&r) => c.page.containers[r].link_density(),
            _ => 1.0,
        }
    ),
];

/// The page's machine-readable article (step `declared`).
pub const DECLARED: &[Feature] = &[
    feature!(
        has_declared_body,
        "the page declares an article body (JSON-LD/microdata) that agrees with it",
        |c, _i| f32::from(c.e.declared.body.is_some())
    ),
    feature!(
        declared_body_overlap,
        "share of the block's words in the declared article body",
        |c, i| c.s[i].declared_body_overlap
    ),
    feature!(
        declared_lead_overlap,
        "share of the block's words in og:description / description",
        |c, i| c.s[i].declared_lead_overlap
    ),
];

/// Feeds found by structure, not by words (step `feeds`).
pub const FEEDS: &[Feature] = &[
    feature!(
        card_siblings_log,
        "ln(siblings of the block's card: nearest ancestor repeated with the same tag and classes)",
        |c, i| c.e.cards[i].map_or(0.0, |g| (c.e.card_groups[g].count as f32).ln())
    ),
    feature!(
        card_link_density,
        "link density over all those sibling cards (0 when the block is in none)",
        |c, i| c.e.cards[i].map_or(0.0, |g| c.e.card_groups[g].link_density())
    ),
    feature!(
        card_words_log,
        "ln(1 + mean words per sibling card): teasers are short, paragraphs long",
        |c, i| c.e.cards[i].map_or(0.0, |g| c.e.card_groups[g].mean_words().ln_1p())
    ),
    feature!(
        card_blocks_log,
        "ln(mean blocks per sibling card): a comment or teaser card holds several (text, \
         author, date), an article paragraph one",
        |c, i| c.e.cards[i].map_or(0.0, |g| c.e.card_groups[g].mean_blocks().ln())
    ),
    feature!(
        section_link_density,
        "link density of the blocks under the block's heading (a heading: of those it opens)",
        |c, i| c.e.sections[c.e.section_of[i]].link_density()
    ),
    feature!(
        section_card_share,
        "share of the blocks under that heading that are cards of three or more siblings",
        |c, i| c.e.sections[c.e.section_of[i]].card_share()
    ),
    feature!(
        section_blocks_log,
        "ln(1 + blocks under that heading)",
        |c, i| ln_1p_count(c.e.sections[c.e.section_of[i]].blocks)
    ),
    feature!(
        section_heading_link_density,
        "link density of the heading that opens the block's section: a teaser's headline is \
         a link, an article's subhead is not (0 before the first heading)",
        |c, i| c.e.sections[c.e.section_of[i]].heading_link_density
    ),
    feature!(
        card_page_share,
        "share of the page's words in the block's sibling cards (0 when in none): a list that \
         holds most of the page (episodes, products, a thread) is its content, a feed beside \
         an article holds little of it",
        |c, i| c.e.cards[i].map_or(0.0, |g| c.e.card_groups[g].words as f32
            / c.page_words.max(1) as f32)
    ),
];

/// A comment thread or a feed of dated teasers prints a short stamp line (a date, a clock
/// time, "3 days ago") for every entry, every few blocks; an article prints one or two,
/// above and below its paragraphs. On Dragnet's training pages 3.1% of the article words
/// but 33% of the others sit within [`STAMP_REACH`] blocks of three or more stamp lines
/// (`examples/stamp_lines`); on forums, whose posts are the article, it says less, and the
/// fit weighs it so. Dates being numbers, it holds in most languages (step `stamps`).
pub const STAMPS: &[Feature] = &[feature!(
    stamp_lines_near,
    "short date-stamped lines within 6 blocks either side, / 5, capped at 1",
    |c, i| {
        let lo = i.saturating_sub(STAMP_REACH);
        let hi = (i + STAMP_REACH + 1).min(c.stamped.len());
        let n = c.stamped[lo..hi].iter().filter(|&&s| s).count() - usize::from(c.stamped[i]);
        (n as f32 / STAMP_SATURATION).min(1.0)
    }
)];

/// How far (in blocks, either side) `stamp_lines_near` looks: a comment is a few blocks
/// (text, name, stamp), so six blocks reach two or three neighbours' stamps, while an
/// article's paragraphs sit between its one date line and its entry footer.
const STAMP_REACH: usize = 6;

/// Stamp lines counted at most: five within reach is a thread or a feed for sure.
const STAMP_SATURATION: f32 = 5.0;

/// A stamp line is short: a byline-and-date or a comment's signature, not a paragraph
/// that happens to cite a date.
const STAMP_MAX_WORDS: usize = 25;

/// Whether a block is a stamp line: short, and holding a date, a clock time or a relative
/// time.
fn is_stamp_line(b: &Block) -> bool {
    b.words <= STAMP_MAX_WORDS && crate::facts::dates::stamps_time(&b.text)
}

/// Block features copied from the previous and next block (step `neighbours`).
pub const NEIGHBOUR_OF: &[&str] = &[
    "words_log",
    "link_density",
    "text_density",
    "stopword_ratio",
    "ends_sentence",
    "is_heading",
    "widget",
    "tag_p",
    "tokens_content",
    "tokens_comment",
];

/// Second-pass features: they see the first pass's body probabilities (step `second_pass`).
pub const SECOND_PASS: &[StackedFeature] = &[
    stacked!(
        p_self,
        "first-pass probability of this block",
        |_c, m, i| m.p[i]
    ),
    stacked!(
        p_prev,
        "first-pass probability of the previous block",
        |_c, m, i| if i > 0 { m.p[i - 1] } else { 0.0 }
    ),
    stacked!(
        p_next,
        "first-pass probability of the next block",
        |_c, m, i| m.p.get(i + 1).copied().unwrap_or(0.0)
    ),
    stacked!(
        p_window,
        "word-weighted mean first-pass probability of the 7 blocks around",
        |c, m, i| {
            let (lo, hi) = (i.saturating_sub(3), (i + 4).min(m.p.len()));
            let (mut num, mut den) = (0.0, 0.0);
            for j in lo..hi {
                let w = ln_1p_count(c.b(j).words);
                num += m.p[j] * w;
                den += w;
            }
            if den > 0.0 { num / den } else { 0.0 }
        }
    ),
    stacked!(
        p_container_mean,
        "word-weighted mean first-pass probability of the innermost container",
        |c, m, i| c.container(i).map_or(0.0, |k| m.mean(k))
    ),
    stacked!(
        p_container_mass,
        "share of the page's body mass (probability x words) in the innermost container",
        |c, m, i| c.container(i).map_or(0.0, |k| m.share(k))
    ),
    stacked!(
        p_parent_mass,
        "share of the page's body mass in the container one level up",
        |c, m, i| c.parent_container(i).map_or(0.0, |k| m.share(k))
    ),
    stacked!(
        p_before_run_log,
        "ln(1 + blocks from here to the start of the main run of body blocks), 0 in or after it",
        |_c, m, i| m.run.map_or(0.0, |(a, _)| ln_1p_count(a.saturating_sub(i)))
    ),
    stacked!(
        p_after_run_log,
        "ln(1 + blocks from the end of the main run to here), 0 in or before it",
        |_c, m, i| m.run.map_or(0.0, |(_, b)| ln_1p_count(i.saturating_sub(b)))
    ),
    stacked!(
        p_gap_link_density,
        "link density of the blocks between this block and the main run (0 in it or next to \
         it): a feed or link list walls off what lies beyond it from the article",
        |c, m, i| m.run.map_or(0.0, |(a, b)| {
            let (lo, hi) = if i < a {
                (i + 1, a)
            } else {
                (b + 1, i.max(b + 1))
            };
            c.link_density_between(lo, hi)
        })
    ),
    stacked!(
        p_in_region,
        "inside the deepest container holding half the page's body mass",
        |c, m, i| f32::from(m.region.is_some_and(|r| c.b(i).containers.contains(&r)))
    ),
];

/// Whether the schema's steps include a second-pass feature: those that read container
/// evidence go with step `containers`, those that read the main run with step `main_run`.
fn second_pass_has(steps: Steps, name: &str) -> bool {
    (steps.containers || !is_container_feature(name))
        && (steps.main_run
            || !matches!(
                name,
                "p_before_run_log" | "p_after_run_log" | "p_gap_link_density"
            ))
}

/// Second-pass features that read container evidence, dropped with step `containers`.
fn is_container_feature(name: &str) -> bool {
    matches!(
        name,
        "p_container_mean" | "p_container_mass" | "p_parent_mass" | "p_in_region"
    )
}

const CONTENT_TOKENS: &[&str] = &[
    "article", "body", "content", "post", "entry", "story", "text", "main", "prose", "blog",
];
const NAV_TOKENS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "pagination",
    "pager",
    "skip",
];
const CHROME_TOKENS: &[&str] = &[
    "header",
    "footer",
    "sidebar",
    "widget",
    "banner",
    "ad",
    "ads",
    "advert",
    "promo",
    "sponsor",
    "sponsored",
    "masthead",
    "copyright",
    "cookie",
    "newsletter",
    "subscribe",
    "modal",
    "popup",
];
const RELATED_TOKENS: &[&str] = &[
    "related",
    "recommended",
    "recommend",
    "popular",
    "trending",
    "latest",
    "more",
    "teaser",
    "most",
    "read",
    "outbrain",
    "taboola",
    "ranking",
    "headlines",
];
const COMMENT_TOKENS: &[&str] = &[
    "comment",
    "comments",
    "reply",
    "replies",
    "discussion",
    "disqus",
    "respond",
    "reaction",
];
const SHARE_TOKENS: &[&str] = &[
    "share", "sharing", "social", "follow", "tweet", "twitter", "facebook", "print", "email",
];
const META_TOKENS: &[&str] = &[
    "byline", "author", "date", "time", "tags", "tag", "category", "caption", "credit", "meta",
    "dateline",
];

/// The class/id token groups, in the order of [`TOKEN_GROUPS`].
mod group {
    pub const CONTENT: usize = 0;
    pub const NAV: usize = 1;
    pub const CHROME: usize = 2;
    pub const RELATED: usize = 3;
    pub const COMMENT: usize = 4;
    pub const SHARE: usize = 5;
    pub const META: usize = 6;
}

/// The token lists of the `tokens_*` features, indexed by [`group`].
const TOKEN_GROUPS: [&[&str]; 7] = [
    CONTENT_TOKENS,
    NAV_TOKENS,
    CHROME_TOKENS,
    RELATED_TOKENS,
    COMMENT_TOKENS,
    SHARE_TOKENS,
    META_TOKENS,
];

/// The tags the `in_*` features look for on a block's path, one bit each, so that one walk
/// up the path answers them all.
mod tags {
    pub const NAV: u16 = 1 << 0;
    pub const HEADER: u16 = 1 << 1;
    pub const FOOTER: u16 = 1 << 2;
    pub const ASIDE: u16 = 1 << 3;
    pub const ARTICLE: u16 = 1 << 4;
    pub const MAIN: u16 = 1 << 5;
    pub const LI: u16 = 1 << 6;
    pub const FORM: u16 = 1 << 7;
    pub const TD: u16 = 1 << 8;
    pub const TH: u16 = 1 << 9;
    pub const BLOCKQUOTE: u16 = 1 << 10;
    pub const PRE: u16 = 1 << 11;

    /// The bit of one tag name (0 for a tag no feature reads).
    pub fn bit(tag: &str) -> u16 {
        match tag {
            "nav" => NAV,
            "header" => HEADER,
            "footer" => FOOTER,
            "aside" => ASIDE,
            "article" => ARTICLE,
            "main" => MAIN,
            "li" => LI,
            "form" => FORM,
            "td" => TD,
            "th" => TH,
            "blockquote" => BLOCKQUOTE,
            "pre" => PRE,
            _ => 0,
        }
    }
}

/// Per-block numbers computed once per page, in one walk over each block's words, path and
/// tokens, that several features read.
#[derive(Default, Clone)]
pub struct BlockStats {
    text_density: f32,
    avg_word_len: f32,
    sentence_len: f32,
    cap_ratio: f32,
    digit_ratio: f32,
    punct_ratio: f32,
    stop_ratio: f32,
    title_overlap: f32,
    declared_body_overlap: f32,
    declared_lead_overlap: f32,
    /// [`tags`] bits of the tags on the block's path.
    tags: u16,
    /// Per [`group`]: how many of the block's tokens are in it (saturating; features cap at 3).
    groups: [u8; 7],
}

impl BlockStats {
    /// Whether some tag of `bits` is on the block's path.
    fn inside(&self, bits: u16) -> bool {
        self.tags & bits != 0
    }
}

/// Everything features need to know about one page, computed once.
pub struct PageCtx<'a> {
    pub page: &'a Page,
    s: Vec<BlockStats>,
    link_runs: Vec<usize>,
    signature_counts: Vec<usize>,
    total_chars: usize,
    page_words: usize,
    paragraph_region: Option<usize>,
    /// Running (words, linked words) before each block, and after the last: the link
    /// density of any stretch of blocks in one subtraction.
    link_prefix: Vec<(usize, usize)>,
    /// What steps `declared` and `feeds` read.
    e: Evidence,
    /// Per block: a short line that stamps a date or time (step `stamps`).
    stamped: Vec<bool>,
}

/// The evidence of steps `declared` and `feeds`, gathered once per page.
struct Evidence {
    declared: crate::declared::Declared,
    /// Per block: its card's sibling group in `card_groups`, if it sits in one.
    cards: Vec<Option<usize>>,
    card_groups: Vec<CardGroup>,
    /// Per block: the section (run of blocks under one heading) in `sections`.
    section_of: Vec<usize>,
    sections: Vec<Section>,
}

impl<'a> PageCtx<'a> {
    pub fn new(page: &'a Page) -> Self {
        let stop = stoplist_for(page);
        let title_words: Vec<String> = page
            .declared_title()
            .map(|t| words(t).map(str::to_lowercase).collect())
            .unwrap_or_default();
        let declared = crate::declared::Declared::of(page);
        let mut walk = StatsWalk::new(stop, &title_words, &declared, page.words());
        let s = page.blocks.iter().map(|b| walk.stats(b)).collect();
        PageCtx {
            page,
            s,
            link_runs: link_runs(page),
            signature_counts: signature_counts(page),
            total_chars: page
                .blocks
                .last()
                .map_or(0, |b| b.char_offset + b.text.len()),
            page_words: page.words(),
            paragraph_region: paragraph_region(page),
            link_prefix: std::iter::once((0, 0))
                .chain(page.blocks.iter().scan((0, 0), |acc, b| {
                    *acc = (acc.0 + b.words, acc.1 + b.linked_words);
                    Some(*acc)
                }))
                .collect(),
            e: Evidence::of(page, declared),
            stamped: page.blocks.iter().map(is_stamp_line).collect(),
        }
    }

    /// Link density of blocks `lo..hi` (0 when the stretch is empty).
    fn link_density_between(&self, lo: usize, hi: usize) -> f32 {
        if lo >= hi {
            return 0.0;
        }
        let (w0, l0) = self.link_prefix[lo];
        let (w1, l1) = self.link_prefix[hi];
        crate::page::link_density(l1 - l0, w1 - w0)
    }

    fn b(&self, i: usize) -> &Block {
        &self.page.blocks[i]
    }

    /// The innermost container that holds more than this block: a `<p>` or `<li>` alone
    /// says nothing about its region.
    fn container(&self, i: usize) -> Option<usize> {
        self.enclosing(i).next()
    }

    /// The container one level above [`Self::container`].
    fn parent_container(&self, i: usize) -> Option<usize> {
        self.enclosing(i).nth(1)
    }

    fn enclosing(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.b(i)
            .containers
            .iter()
            .rev()
            .copied()
            .filter(|&k| self.page.containers[k].blocks > 1)
    }

    /// How many of the block's tokens are in the [`group`], capped at 3, over 3.
    fn token_group(&self, i: usize, group: usize) -> f32 {
        (self.s[i].groups[group] as f32).min(3.0) / 3.0
    }
}

impl Evidence {
    fn of(page: &Page, declared: crate::declared::Declared) -> Self {
        let (cards, card_groups) = cards(page);
        let (section_of, sections) = sections(page, &cards, &card_groups);
        Evidence {
            declared,
            cards,
            card_groups,
            section_of,
            sections,
        }
    }
}

/// The column layout a model was trained with: the named features of the enabled steps,
/// then one column per learned class/id token.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Schema {
    pub steps: Steps,
    /// Class/id tokens that earned a column (frequent across training pages).
    pub vocabulary: Vec<String>,
}

impl Schema {
    /// Names of the first-pass columns, in order.
    pub fn names(&self) -> Vec<String> {
        let mut n: Vec<String> = BLOCK.iter().map(|f| f.name.to_string()).collect();
        for t in self.extra_tables() {
            n.extend(t.iter().map(|f| f.name.to_string()));
        }
        if self.steps.neighbours {
            for side in ["prev", "next"] {
                n.extend(NEIGHBOUR_OF.iter().map(|f| format!("{side}_{f}")));
            }
        }
        n.extend(self.vocabulary.iter().map(|t| format!("token:{t}")));
        n
    }

    /// How many first-pass columns there are: `names().len()`, counted rather than built,
    /// since `rows` needs it for every page and the names are 200-odd formatted strings.
    pub fn width(&self) -> usize {
        BLOCK.len()
            + self.extra_tables().iter().map(|t| t.len()).sum::<usize>()
            + if self.steps.neighbours {
                2 * NEIGHBOUR_OF.len()
            } else {
                0
            }
            + self.vocabulary.len()
    }

    /// The tables of the enabled steps after [`BLOCK`], in column order.
    fn extra_tables(&self) -> Vec<&'static [Feature]> {
        let s = self.steps;
        [
            (s.containers, CONTAINER),
            (s.declared, DECLARED),
            (s.feeds, FEEDS),
            (s.stamps, STAMPS),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, t)| t)
        .collect()
    }

    /// Names of the second-pass columns: the first-pass columns, then the stacked ones.
    pub fn second_pass_names(&self) -> Vec<String> {
        let mut n = self.names();
        n.extend(
            SECOND_PASS
                .iter()
                .filter(|f| second_pass_has(self.steps, f.name))
                .map(|f| f.name.to_string()),
        );
        n
    }

    /// First-pass rows of a page, one per block, row-major.
    pub fn rows(&self, ctx: &PageCtx) -> Vec<f32> {
        let n = ctx.page.blocks.len();
        // The block features of every block, in one flat table: neighbours copy from it.
        let nb = BLOCK.len();
        let mut own = Vec::with_capacity(n * nb);
        for i in 0..n {
            own.extend(BLOCK.iter().map(|f| (f.f)(ctx, i)));
        }
        let own_row = |i: usize| &own[i * nb..(i + 1) * nb];
        let neighbour_cols: Vec<usize> = NEIGHBOUR_OF
            .iter()
            .map(|name| {
                BLOCK
                    .iter()
                    .position(|f| f.name == *name)
                    .expect("neighbour feature names a block feature")
            })
            .collect();
        let width = self.width();
        let column: HashMap<&str, usize> = self
            .vocabulary
            .iter()
            .enumerate()
            .map(|(c, t)| (t.as_str(), c))
            .collect();
        let extra = self.extra_tables();
        let mut out = Vec::with_capacity(n * width);
        for i in 0..n {
            out.extend_from_slice(own_row(i));
            for t in &extra {
                out.extend(t.iter().map(|f| (f.f)(ctx, i)));
            }
            if self.steps.neighbours {
                for j in [i.checked_sub(1), (i + 1 < n).then_some(i + 1)] {
                    match j {
                        Some(j) => out.extend(neighbour_cols.iter().map(|&c| own_row(j)[c])),
                        None => out.extend(neighbour_cols.iter().map(|_| 0.0)),
                    }
                }
            }
            // One column per vocabulary token, set by looking each of the block's few tokens
            // up, rather than comparing every vocabulary word with every token.
            let at = out.len();
            out.resize(at + self.vocabulary.len(), 0.0);
            for t in ctx.page.blocks[i].tokens.iter() {
                if let Some(&c) = column.get(&**t) {
                    out[at + c] = 1.0;
                }
            }
        }
        debug_assert_eq!(out.len(), n * width);
        out
    }

    /// Second-pass rows: first-pass rows with the stacked features appended.
    pub fn second_pass_rows(&self, ctx: &PageCtx, first: &[f32], probs: &[f32]) -> Vec<f32> {
        let n = ctx.page.blocks.len();
        let w1 = first.len().checked_div(n).unwrap_or(0);
        let stacked: Vec<&StackedFeature> = SECOND_PASS
            .iter()
            .filter(|f| second_pass_has(self.steps, f.name))
            .collect();
        let mass = Mass::new(ctx.page, probs);
        let mut out = Vec::with_capacity(n * (w1 + stacked.len()));
        for i in 0..n {
            out.extend_from_slice(&first[i * w1..(i + 1) * w1]);
            out.extend(stacked.iter().map(|f| (f.f)(ctx, &mass, i)));
        }
        out
    }
}

/// The walk that fills [`BlockStats`], with what it reuses from block to block.
struct StatsWalk<'p> {
    stop: &'p StopWords,
    /// How many words the page's declared title has (lower-cased; 0 when it has none).
    title_len: usize,
    /// The title's distinct lower-cased words, numbered, with how often each occurs.
    title_index: HashMap<&'p str, u32>,
    title_count: Vec<usize>,
    /// Per distinct title word: the last block (its stamp) that had it.
    title_seen: Vec<u32>,
    declared: &'p crate::declared::Declared,
    /// What is known of each distinct word of the page, as written, found once: a page's
    /// words repeat, and each used to be lower-cased and looked up in four sets every time.
    facts: HashMap<&'p str, WordFacts>,
    /// Per distinct [`crate::title::word_key`] of the page (only when the page declares an
    /// article): whether the declared texts have it, and the last block that had it.
    keys: HashMap<std::borrow::Cow<'p, str>, u32>,
    key_facts: Vec<KeyFacts>,
    /// Per token (by address: a page's tokens are shared `Arc`s): its [`group`] bits.
    token_groups: HashMap<usize, u8>,
    /// The last block's token list (by address) and its group counts.
    last_groups: Option<(usize, [u8; 7])>,
    /// The current block's number, from 1: a word or key whose stamp equals it was already
    /// counted in this block.
    stamp: u32,
    lower: String,
}

/// One distinct word of a page, as written.
#[derive(Clone, Copy)]
struct WordFacts {
    /// Lower-cased, at most 12 bytes and in the stop list.
    stop: bool,
    /// The distinct title word it is, lower-cased, if any.
    title: Option<u32>,
    /// Its number in [`StatsWalk::keys`], when the page declares an article.
    key: u32,
}

/// One distinct word key of a page that declares its article.
#[derive(Clone, Copy)]
struct KeyFacts {
    in_body: bool,
    in_lead: bool,
    seen: u32,
}

impl<'p> StatsWalk<'p> {
    fn new(
        stop: &'p StopWords,
        title_words: &'p [String],
        declared: &'p crate::declared::Declared,
        page_words: usize,
    ) -> Self {
        // The word table is sized for the page's distinct words up front: grown from
        // empty, it rehashed every entry at each doubling (most of the 11 M instructions
        // its inserts took on 60 Dragnet pages).
        let distinct = page_words / WORDS_PER_DISTINCT_WORD;
        let mut title_index: HashMap<&str, u32> = HashMap::default();
        let mut title_count = Vec::new();
        for t in title_words {
            let next = title_index.len() as u32;
            let k = *title_index.entry(t.as_str()).or_insert(next);
            if k == next {
                title_count.push(0);
            }
            title_count[k as usize] += 1;
        }
        StatsWalk {
            stop,
            title_len: title_words.len(),
            title_seen: vec![0; title_count.len()],
            title_index,
            title_count,
            declared,
            facts: HashMap::with_capacity_and_hasher(distinct, Default::default()),
            keys: HashMap::default(),
            key_facts: Vec::new(),
            token_groups: HashMap::default(),
            last_groups: None,
            stamp: 0,
            lower: String::new(),
        }
    }

    /// Per [`group`]: how many of these tokens are in it (saturating).
    fn groups(&mut self, tokens: &[Arc<str>]) -> [u8; 7] {
        let mut groups = [0u8; 7];
        for t in tokens {
            let bits = *self
                .token_groups
                .entry(Arc::as_ptr(t) as *const u8 as usize)
                .or_insert_with(|| {
                    TOKEN_GROUPS
                        .iter()
                        .enumerate()
                        .filter(|(_, g)| g.contains(&&**t))
                        .fold(0, |m, (k, _)| m | 1 << k)
                });
            if bits == 0 {
                continue;
            }
            for (k, n) in groups.iter_mut().enumerate() {
                *n = n.saturating_add((bits >> k) & 1);
            }
        }
        groups
    }

    /// The facts of a word, found the first time the page shows it.
    fn facts(&mut self, w: &'p str, declared_on: bool) -> WordFacts {
        if let Some(f) = self.facts.get(w) {
            return *f;
        }
        let low = lower_case(w, &mut self.lower);
        let stop = w.len() <= 12 && self.stop.contains(low);
        let title = self.title_index.get(low).copied();
        let key = if declared_on {
            // The declared texts are `WordSet`s, so words are keyed as they key them (not
            // by `lower_case`, which leaves some non-ASCII words alone).
            let key = crate::title::word_key(w, &mut self.lower);
            match self.keys.get(key) {
                Some(&k) => k,
                None => {
                    let d = self.declared;
                    self.key_facts.push(KeyFacts {
                        in_body: d.body.as_ref().is_some_and(|s| s.contains(key)),
                        in_lead: d.lead.as_ref().is_some_and(|s| s.contains(key)),
                        seen: 0,
                    });
                    let k = self.keys.len() as u32;
                    let key = if std::ptr::eq(key, w) {
                        std::borrow::Cow::Borrowed(w)
                    } else {
                        std::borrow::Cow::Owned(key.to_string())
                    };
                    self.keys.insert(key, k);
                    k
                }
            }
        } else {
            0
        };
        let f = WordFacts { stop, title, key };
        self.facts.insert(w, f);
        f
    }

    fn stats(&mut self, b: &'p Block) -> BlockStats {
        let text = &b.text;
        let words_n = b.words.max(1) as f32;
        // The title overlap reads short blocks only; the declared overlaps every block when
        // the page declares something.
        let title_on = self.title_len > 0 && b.words <= 60;
        let declared_on = self.declared.body.is_some() || self.declared.lead.is_some();
        self.stamp += 1;
        let stamp = self.stamp;
        let (mut body_hits, mut lead_hits, mut distinct, mut title_hits) = (0, 0, 0, 0);
        let (mut letters, mut caps, mut stops) = (0usize, 0usize, 0usize);
        let ascii = text.is_ascii();
        for w in words(text) {
            letters += if ascii { w.len() } else { w.chars().count() };
            if w.chars().next().is_some_and(char::is_uppercase) {
                caps += 1;
            }
            if w.len() > 12 && !title_on && !declared_on {
                continue;
            }
            let f = self.facts(w, declared_on);
            stops += usize::from(f.stop);
            if title_on && let Some(t) = f.title {
                let seen = &mut self.title_seen[t as usize];
                if *seen != stamp {
                    *seen = stamp;
                    title_hits += self.title_count[t as usize];
                }
            }
            if declared_on {
                let k = &mut self.key_facts[f.key as usize];
                if k.seen != stamp {
                    k.seen = stamp;
                    distinct += 1;
                    body_hits += usize::from(k.in_body);
                    lead_hits += usize::from(k.in_lead);
                }
            }
        }
        // The block's share of its distinct words in a declared text, as `WordSet::share_in`.
        let share = |set: &Option<crate::title::WordSet>, hits: usize| match set {
            Some(_) if distinct > 0 => hits as f32 / distinct as f32,
            _ => 0.0,
        };
        let declared_body_overlap = share(&self.declared.body, body_hits);
        let declared_lead_overlap = share(&self.declared.lead, lead_hits);
        let title_overlap = if title_on {
            title_hits as f32 / self.title_len as f32
        } else {
            0.0
        };
        // An ASCII text is read by bytes, without decoding UTF-8.
        let (chars, digits, punct, sentences) = if ascii {
            char_counts(text.bytes().map(char::from))
        } else {
            char_counts(text.chars())
        };
        let chars = chars.max(1) as f32;
        let sentences = sentences.max(1);
        // Kohlschütter's text density: wrap at 80 columns; a single line counts its words.
        let lines = (chars / 80.0).ceil().max(1.0);
        let tags = b.tag_path.iter().fold(0, |m, t| m | tags::bit(t));
        // Blocks below one element share its token list (the paragraphs of an article):
        // the counts of the last list are kept.
        let list = Arc::as_ptr(&b.tokens) as *const u8 as usize;
        let groups = match self.last_groups {
            Some((l, g)) if l == list => g,
            _ => {
                let g = self.groups(&b.tokens);
                self.last_groups = Some((list, g));
                g
            }
        };
        BlockStats {
            text_density: (words_n / lines) / 10.0,
            avg_word_len: (letters as f32 / words_n).min(20.0),
            sentence_len: words_n / sentences as f32,
            cap_ratio: caps as f32 / words_n,
            digit_ratio: digits as f32 / chars,
            punct_ratio: punct as f32 / chars,
            stop_ratio: stops as f32 / words_n,
            title_overlap,
            declared_body_overlap,
            declared_lead_overlap,
            tags,
            groups,
        }
    }
}

/// Characters, digits, punctuation and sentences of a text, in one pass. A sentence is a
/// piece between `.`, `!`, `?` or `。` that holds a letter or digit.
fn char_counts(text: impl Iterator<Item = char>) -> (usize, usize, usize, usize) {
    let (mut chars, mut digits, mut punct, mut sentences) = (0usize, 0usize, 0usize, 0usize);
    let mut piece_has_alnum = false;
    for c in text {
        chars += 1;
        digits += usize::from(c.is_ascii_digit());
        punct += usize::from(c.is_ascii_punctuation());
        if matches!(c, '.' | '!' | '?' | '。') {
            sentences += usize::from(piece_has_alnum);
            piece_has_alnum = false;
        } else if c.is_alphanumeric() {
            piece_has_alnum = true;
        }
    }
    sentences += usize::from(piece_has_alnum);
    (chars, digits, punct, sentences)
}

/// A word in lower case, exactly as `str::to_lowercase` gives it, without allocating for the
/// common words that are lower case already or plain ASCII (`buf` is reused).
fn lower_case<'w>(w: &'w str, buf: &'w mut String) -> &'w str {
    if w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return w;
        }
        buf.clear();
        buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        return buf;
    }
    if !w.chars().any(char::is_uppercase) {
        return w;
    }
    *buf = w.to_lowercase();
    buf
}

/// For each block, the length of the run of consecutive link-dominated blocks it belongs to
/// (0 when the block itself is not link-dominated).
fn link_runs(page: &Page) -> Vec<usize> {
    let n = page.blocks.len();
    let linked: Vec<bool> = page
        .blocks
        .iter()
        .map(|b| b.link_density() >= 0.5)
        .collect();
    let mut out = vec![0; n];
    let mut i = 0;
    while i < n {
        if !linked[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && linked[i] {
            i += 1;
        }
        for o in &mut out[start..i] {
            *o = i - start;
        }
    }
    out
}

/// How many blocks of the page share each block's structural signature (tag path and class
/// tokens). Teaser lists, comment threads and tag clouds repeat a structure; article
/// paragraphs repeat too, but with long text, which other features see.
fn signature_counts(page: &Page) -> Vec<usize> {
    let state = foldhash::fast::RandomState::default();
    let sigs: Vec<u64> = page
        .blocks
        .iter()
        .map(|b| state.hash_one((&b.tag_path, &b.tokens)))
        .collect();
    let mut counts: HashMap<u64, usize> = HashMap::default();
    for s in &sigs {
        *counts.entry(*s).or_default() += 1;
    }
    sigs.iter().map(|s| counts[s]).collect()
}

/// Sibling elements with one tag and one set of class tokens under one parent: the cards
/// of a feed, the comments of a thread, the paragraphs of an article.
#[derive(Debug, Clone, Default)]
pub struct CardGroup {
    pub count: usize,
    pub words: usize,
    pub linked_words: usize,
    /// Blocks inside all the cards.
    pub blocks: usize,
}

impl CardGroup {
    fn link_density(&self) -> f32 {
        crate::page::link_density(self.linked_words, self.words)
    }

    fn mean_words(&self) -> f32 {
        self.words as f32 / self.count.max(1) as f32
    }

    pub fn mean_blocks(&self) -> f32 {
        self.blocks as f32 / self.count.max(1) as f32
    }
}

/// Each block's card group and the groups ([`cards`]), for the decisions after the passes
/// ([`crate::extract::keep_short_between`]) that ask whether a block is a feed's card.
pub fn card_groups(page: &Page) -> (Vec<Option<usize>>, Vec<CardGroup>) {
    cards(page)
}

/// How far above the block its card may be: a teaser card is its headline's element, or
/// that element's parent or grandparent (`li > div > a`); further up, repeated wrappers are
/// page layout, not cards.
const CARD_LEVELS: usize = 3;

/// Each block's card group: the nearest of its innermost [`CARD_LEVELS`] containers that has
/// a sibling of the same tag and classes.
fn cards(page: &Page) -> (Vec<Option<usize>>, Vec<CardGroup>) {
    // Keyed by the fields themselves (not by a 64-bit hash of them, as before): no two
    // signatures can fall together, and no SipHash runs per container.
    /// A card's signature: its parent, its tag, its class tokens.
    type Key<'p> = (Option<usize>, &'p str, &'p [Arc<str>]);
    fn key(c: &Container) -> Key<'_> {
        (c.parent, c.tag.as_str(), c.tokens.as_slice())
    }
    let mut group_of_key: HashMap<Key, usize> = HashMap::default();
    let mut groups: Vec<CardGroup> = Vec::new();
    let group_of: Vec<usize> = page
        .containers
        .iter()
        .map(|c| {
            let g = *group_of_key.entry(key(c)).or_insert_with(|| {
                groups.push(CardGroup::default());
                groups.len() - 1
            });
            groups[g].count += 1;
            groups[g].words += c.words;
            groups[g].linked_words += c.linked_words;
            groups[g].blocks += c.blocks;
            g
        })
        .collect();
    let cards = page
        .blocks
        .iter()
        .map(|b| {
            b.containers
                .iter()
                .rev()
                .take(CARD_LEVELS)
                .map(|&k| group_of[k])
                .find(|&g| groups[g].count >= 2)
        })
        .collect();
    (cards, groups)
}

/// The blocks under one heading (or before the first): what the heading opens.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Blocks after the heading, up to the next heading.
    pub blocks: usize,
    pub words: usize,
    pub linked_words: usize,
    /// Of those blocks, how many sit in a card group of [`FEED_CARDS`] or more.
    pub cards: usize,
    /// Link density of the heading itself (0 for the stretch before the first heading).
    pub heading_link_density: f32,
}

/// A feed shows at least this many cards: two siblings are a pair of paragraphs as often.
pub const FEED_CARDS: usize = 3;

impl Section {
    fn link_density(&self) -> f32 {
        crate::page::link_density(self.linked_words, self.words)
    }

    fn card_share(&self) -> f32 {
        self.cards as f32 / self.blocks.max(1) as f32
    }
}

/// Cut the page at its headings; each block gets the section it is in (a heading, the one
/// it opens).
fn sections(
    page: &Page,
    cards: &[Option<usize>],
    groups: &[CardGroup],
) -> (Vec<usize>, Vec<Section>) {
    let mut of = Vec::with_capacity(page.blocks.len());
    let mut out = vec![Section::default()];
    for (i, b) in page.blocks.iter().enumerate() {
        if b.heading > 0 {
            if i > 0 {
                out.push(Section::default());
            }
            out.last_mut()
                .expect("one section at least")
                .heading_link_density = b.link_density();
            of.push(out.len() - 1);
            continue;
        }
        of.push(out.len() - 1);
        let s = out.last_mut().expect("one section at least");
        s.blocks += 1;
        s.words += b.words;
        s.linked_words += b.linked_words;
        s.cards += usize::from(cards[i].is_some_and(|g| groups[g].count >= FEED_CARDS));
    }
    (of, out)
}

/// The deepest container that holds at least half of the page's paragraph-like blocks.
fn paragraph_region(page: &Page) -> Option<usize> {
    let total = page.containers.first()?.paragraphs;
    if total == 0 {
        return None;
    }
    deepest_holding(page, |_, c| c.paragraphs * 2 >= total)
}

/// The deepest container of more than one block that holds enough of something (`enough`
/// of its index and itself): the region both the body mass and the paragraphs are sought in.
fn deepest_holding(page: &Page, enough: impl Fn(usize, &Container) -> bool) -> Option<usize> {
    page.containers
        .iter()
        .enumerate()
        .filter(|&(k, c)| c.blocks > 1 && enough(k, c))
        .max_by_key(|(_, c)| c.depth)
        .map(|(k, _)| k)
}

/// A stop-word list as a set: every word of every block is looked up in it.
type StopWords = HashSet<&'static str>;

/// [`STOPLISTS`] as sets, built once.
/// A page's words per distinct word, for sizing the features' word tables: a guess (a
/// news page of 1,000 words has a few hundred distinct), and only a capacity: 2 gave 0.1%
/// fewer instructions on 60 Dragnet pages and none on WCXB dev, for a larger table.
const WORDS_PER_DISTINCT_WORD: usize = 3;

/// `(n as f32).ln_1p()` for the counts below this, computed once by the same function (so
/// bit-identical): word, link, paragraph and distance counts are small, and libm's `log1pf`
/// was about 60 instructions a call, 16 calls a block.
const LN_1P_TABLE: usize = 4096;

static LN_1P: LazyLock<Vec<f32>> =
    LazyLock::new(|| (0..LN_1P_TABLE).map(|n| (n as f32).ln_1p()).collect());

/// `(n as f32).ln_1p()`, from [`LN_1P`] when `n` is small.
fn ln_1p_count(n: usize) -> f32 {
    LN_1P.get(n).copied().unwrap_or_else(|| (n as f32).ln_1p())
}

static STOPSETS: LazyLock<Vec<(&'static str, StopWords)>> = LazyLock::new(|| {
    STOPLISTS
        .iter()
        .map(|(code, list)| (*code, list.iter().copied().collect()))
        .collect()
});

/// Stop-word lists for the languages of the datasets; chosen by `<html lang>` or, when that
/// is missing or unknown, by which list covers most of the page's words.
fn stoplist_for(page: &Page) -> &'static StopWords {
    let sets = &*STOPSETS;
    let by_lang = page
        .lang
        .as_deref()
        .and_then(|l| sets.iter().find(|(code, _)| l.starts_with(code)));
    if let Some((_, set)) = by_lang {
        return set;
    }
    // Count every list's hits in one pass over the sample, lower-casing without allocating.
    let mut hits = vec![0usize; sets.len()];
    let mut buf = String::new();
    for w in page.blocks.iter().flat_map(|b| words(&b.text)).take(1500) {
        let w = lower_case(w, &mut buf);
        for (h, (_, set)) in hits.iter_mut().zip(sets) {
            *h += usize::from(set.contains(w));
        }
    }
    // Ties go to the last list with most hits, as they always did (`max_by_key`).
    sets.iter()
        .zip(&hits)
        .max_by_key(|(_, h)| **h)
        .map(|((_, set), _)| set)
        .unwrap_or(&sets[0].1)
}

const STOPLISTS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be",
            "because", "been", "before", "but", "by", "can", "could", "did", "do", "does", "for",
            "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is",
            "it", "its", "just", "more", "most", "no", "not", "now", "of", "on", "one", "only",
            "or", "other", "our", "out", "over", "said", "she", "so", "some", "than", "that",
            "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "up",
            "was", "we", "were", "what", "when", "where", "which", "while", "who", "will", "with",
            "would", "you", "your",
        ],
    ),
    (
        "de",
        &[
            "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "da", "das", "dass",
            "dem", "den", "der", "des", "die", "doch", "du", "durch", "ein", "eine", "einem",
            "einen", "einer", "es", "für", "hat", "ich", "im", "in", "ist", "ja", "kann", "mit",
            "nach", "nicht", "noch", "nur", "oder", "sich", "sie", "sind", "so", "um", "und",
            "uns", "von", "vor", "war", "wie", "wir", "wird", "zu", "zum", "zur",
        ],
    ),
    (
        "fr",
        &[
            "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "est", "et",
            "il", "ils", "je", "la", "le", "les", "leur", "mais", "nous", "ne", "on", "ou", "par",
            "pas", "plus", "pour", "qu", "que", "qui", "sa", "se", "son", "sont", "sur", "un",
            "une", "vous",
        ],
    ),
    (
        "es",
        &[
            "al", "como", "con", "de", "del", "el", "en", "es", "esta", "este", "la", "las", "le",
            "lo", "los", "más", "no", "para", "pero", "por", "que", "se", "su", "sus", "un", "una",
            "y", "ya",
        ],
    ),
    (
        "pl",
        &[
            "a", "ale", "do", "i", "jak", "jest", "na", "nie", "o", "od", "po", "się", "tak", "to",
            "w", "we", "z", "za", "że",
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_1p_count_is_ln_1p_bit_for_bit() {
        for n in (0..2 * LN_1P_TABLE).chain([usize::MAX, 1 << 40]) {
            assert_eq!(
                ln_1p_count(n).to_bits(),
                (n as f32).ln_1p().to_bits(),
                "{n}"
            );
        }
    }

    #[test]
    fn width_counts_the_names() {
        for (neighbours, containers) in [(false, false), (true, false), (false, true), (true, true)]
        {
            let schema = Schema {
                steps: Steps {
                    neighbours,
                    containers,
                    ..Steps::default()
                },
                vocabulary: vec!["nav".into(), "article".into()],
            };
            assert_eq!(schema.width(), schema.names().len());
        }
    }
    use crate::segment::segment;

    /// A small news page: nav, a headline, two paragraphs, a widget, a related list, footer.
    const PAGE: &str = r#"<html lang="en"><head><title>Storm hits the coast</title></head><body>
      <nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li><li><a href="/s">Sports</a></li></ul></nav>
      <article class="post-content"><h1>Storm hits the coast</h1>
      <p>The storm reached the coast on Tuesday night, and officials said that more than 3,000 homes were without power.</p>
      <p>Crews from four states worked through the night to restore it, the utility said in a statement on its website.</p>
      <div class="share-bar">Like (12)</div></article>
      <aside class="related"><ul><li><a href="/a">Teaser one about the weather</a></li><li><a href="/b">Teaser two about the weather</a></li></ul></aside>
      <footer>Copyright 2024 Daily Bugle</footer></body></html>"#;

    fn column(name: &str, steps: Steps) -> Vec<f32> {
        let page = segment(PAGE);
        let ctx = PageCtx::new(&page);
        let schema = Schema {
            steps,
            vocabulary: vec!["related".into()],
        };
        let names = schema.names();
        let col = names.iter().position(|n| n == name).expect(name);
        let rows = schema.rows(&ctx);
        rows.chunks(names.len()).map(|r| r[col]).collect()
    }

    /// Block indices in PAGE.
    const HOME: usize = 0;
    const H1: usize = 3;
    const P1: usize = 4;
    const WIDGET: usize = 6;
    const TEASER: usize = 7;
    const FOOTER: usize = 9;

    fn all() -> Steps {
        Steps::default()
    }

    #[test]
    fn layout_of_the_test_page() {
        let page = segment(PAGE);
        assert_eq!(page.blocks[H1].text, "Storm hits the coast");
        assert_eq!(page.blocks[WIDGET].text, "Like (12)");
        assert_eq!(page.blocks[FOOTER].text, "Copyright 2024 Daily Bugle");
    }

    #[test]
    fn every_feature_has_a_unique_name_and_doc() {
        let names = Schema {
            steps: all(),
            vocabulary: vec![],
        }
        .second_pass_names();
        let mut seen = std::collections::HashSet::new();
        for n in &names {
            assert!(seen.insert(n), "duplicate feature {n}");
        }
        assert!(
            BLOCK
                .iter()
                .chain(CONTAINER)
                .chain(DECLARED)
                .chain(FEEDS)
                .all(|f| !f.doc.is_empty())
        );
        assert!(SECOND_PASS.iter().all(|f| !f.doc.is_empty()));
    }

    #[test]
    fn text_features_separate_prose_from_links() {
        let words = column("words_log", all());
        assert!(words[P1] > 2.5 && words[HOME] < 1.0);
        assert_eq!(column("link_density", all())[HOME], 1.0);
        assert_eq!(column("link_density", all())[P1], 0.0);
        let density = column("text_density", all());
        assert!(density[P1] > density[HOME]);
        assert!(column("stopword_ratio", all())[P1] > 0.3);
        assert!(column("digit_ratio", all())[P1] > 0.0);
        assert!(column("avg_sentence_len", all())[P1] > 0.9);
        assert_eq!(column("ends_sentence", all())[P1], 1.0);
        assert_eq!(column("ends_sentence", all())[HOME], 0.0);
        assert!(column("cap_ratio", all())[H1] > 0.2);
        assert!(column("punct_ratio", all())[P1] > 0.0);
        assert!(column("avg_word_len", all())[P1] > 0.3);
    }

    #[test]
    fn widget_and_link_list_shape() {
        assert_eq!(column("widget", all())[WIDGET], 1.0);
        assert_eq!(column("widget", all())[P1], 0.0);
        assert!((column("link_run_log", all())[HOME] - 4f32.ln()).abs() < 1e-6);
        assert_eq!(column("link_run_log", all())[P1], 0.0);
        assert!(column("repeated_structure_log", all())[TEASER] > 0.6);
    }

    #[test]
    fn tag_path_and_token_features() {
        assert_eq!(column("in_nav", all())[HOME], 1.0);
        assert_eq!(column("in_footer", all())[FOOTER], 1.0);
        assert_eq!(column("in_aside", all())[TEASER], 1.0);
        assert_eq!(column("in_article", all())[P1], 1.0);
        assert_eq!(column("in_li", all())[TEASER], 1.0);
        assert_eq!(column("in_header", all())[P1], 0.0);
        assert_eq!(column("in_main", all())[P1], 0.0);
        assert_eq!(column("in_form", all())[P1], 0.0);
        assert_eq!(column("in_table", all())[P1], 0.0);
        assert_eq!(column("in_blockquote", all())[P1], 0.0);
        assert_eq!(column("is_heading", all())[H1], 1.0);
        assert_eq!(column("heading_rank", all())[H1], 1.0);
        assert_eq!(column("tag_p", all())[P1], 1.0);
        assert_eq!(column("tag_li", all())[TEASER], 1.0);
        assert_eq!(column("tag_div", all())[WIDGET], 1.0);
        assert!(column("tokens_content", all())[P1] > 0.0);
        assert!(column("tokens_navigation", all())[HOME] > 0.0);
        assert!(column("tokens_related", all())[TEASER] > 0.0);
        assert!(column("tokens_share", all())[WIDGET] > 0.0);
        assert_eq!(column("tokens_comment", all())[P1], 0.0);
        assert_eq!(column("tokens_chrome", all())[P1], 0.0);
        assert_eq!(column("tokens_meta", all())[P1], 0.0);
        assert_eq!(column("token:related", all())[TEASER], 1.0);
        assert_eq!(column("token:related", all())[P1], 0.0);
    }

    #[test]
    fn position_title_and_depth() {
        let pos = column("position", all());
        assert!(pos[HOME] < pos[P1] && pos[P1] < pos[FOOTER]);
        assert!(column("position_text", all())[FOOTER] > 0.8);
        assert_eq!(column("title_overlap", all())[H1], 1.0);
        assert!(column("title_overlap", all())[HOME] < 0.3);
        assert!(column("depth", all())[TEASER] > column("depth", all())[FOOTER]);
    }

    #[test]
    fn container_features_find_the_article_region() {
        assert_eq!(column("in_paragraph_region", all())[P1], 1.0);
        assert_eq!(column("in_paragraph_region", all())[TEASER], 0.0);
        assert_eq!(column("region_link_density", all())[TEASER], 1.0);
        assert!(column("region_link_density", all())[P1] < 0.1);
        assert!(column("container_text_share", all())[P1] > 0.5);
        assert_eq!(column("container_link_density", all())[TEASER], 1.0);
        assert!(column("container_paragraphs_log", all())[P1] > 0.6);
        assert!(column("parent_paragraphs_log", all())[P1] > 0.6);
    }

    #[test]
    fn neighbour_features_copy_the_adjacent_blocks() {
        let words = column("words_log", all());
        assert_eq!(column("prev_words_log", all())[P1], words[P1 - 1]);
        assert_eq!(column("next_words_log", all())[P1], words[P1 + 1]);
        assert_eq!(column("prev_words_log", all())[0], 0.0);
        assert_eq!(column("prev_is_heading", all())[P1], 1.0);
        assert_eq!(column("next_widget", all())[P1 + 1], 1.0);
        assert_eq!(column("next_tag_p", all())[P1], 1.0);
        assert_eq!(column("prev_link_density", all())[HOME + 1], 1.0);
        assert!(column("prev_text_density", all())[P1 + 1] > 0.0);
        assert!(column("prev_stopword_ratio", all())[P1 + 1] > 0.3);
        assert_eq!(column("prev_ends_sentence", all())[P1 + 1], 1.0);
        assert!(column("next_tokens_content", all())[P1] > 0.0);
        assert_eq!(column("next_tokens_comment", all())[P1], 0.0);
    }

    #[test]
    fn switching_off_steps_removes_their_columns() {
        let off = Steps {
            neighbours: false,
            containers: false,
            second_pass: false,
            main_region: false,
            declared: false,
            feeds: false,
            sequence: false,
            main_run: false,
            stamps: false,
        };
        let names = Schema {
            steps: off,
            vocabulary: vec![],
        }
        .names();
        assert_eq!(names.len(), BLOCK.len());
        assert!(
            !Schema {
                steps: off,
                vocabulary: vec![]
            }
            .second_pass_names()
            .iter()
            .any(|n| n.contains("container"))
        );
    }

    #[test]
    fn second_pass_features_read_first_pass_probabilities() {
        let page = segment(PAGE);
        let ctx = PageCtx::new(&page);
        let schema = Schema {
            steps: all(),
            vocabulary: vec![],
        };
        let first = schema.rows(&ctx);
        let mut p = vec![0.1; page.blocks.len()];
        for pi in &mut p[H1..=P1 + 1] {
            *pi = 0.9;
        }
        let rows = schema.second_pass_rows(&ctx, &first, &p);
        let names = schema.second_pass_names();
        let col = |n: &str| {
            let c = names.iter().position(|x| x == n).unwrap();
            rows.chunks(names.len()).map(|r| r[c]).collect::<Vec<f32>>()
        };
        assert_eq!(col("p_self")[P1], 0.9);
        assert_eq!(col("p_prev")[P1], 0.9);
        assert_eq!(col("p_next")[P1 + 1], 0.1);
        assert!(col("p_window")[P1] > col("p_window")[FOOTER]);
        assert!(col("p_container_mean")[P1] > 0.8);
        assert!(col("p_container_mass")[P1] > 0.8);
        assert!(col("p_parent_mass")[P1] > 0.8);
        assert_eq!(col("p_in_region")[P1], 1.0);
        assert_eq!(col("p_in_region")[HOME], 0.0);
    }

    /// A page with its own JSON-LD article, then a feed of cards under a heading.
    const FEED_PAGE: &str = r#"<html><head><title>Storm hits the coast</title>
      <meta property="og:description" content="The storm reached the coast on Tuesday night, officials said.">
      <script type="application/ld+json">{"@type":"NewsArticle","articleBody":"The storm reached the coast on Tuesday night, and officials said that more than 3,000 homes were without power. Crews from four states worked through the night."}</script>
      </head><body><article><h1>Storm hits the coast</h1>
      <p>The storm reached the coast on Tuesday night, and officials said that more than 3,000 homes were without power.</p>
      <p>Crews from four states worked through the night to restore it.</p></article>
      <section><h2>More stories</h2>
      <div class="card"><a href="/a">Teaser one about the weather</a><p>A short summary.</p></div>
      <div class="card"><a href="/b">Teaser two about the weather</a><p>Another summary.</p></div>
      <div class="card"><a href="/c">Teaser three about the sea</a><p>A third summary.</p></div>
      </section></body></html>"#;

    fn feed_column(name: &str) -> Vec<f32> {
        let page = segment(FEED_PAGE);
        let ctx = PageCtx::new(&page);
        let schema = Schema {
            steps: all(),
            vocabulary: vec![],
        };
        let col = schema.names().iter().position(|n| n == name).expect(name);
        let rows = schema.rows(&ctx);
        rows.chunks(schema.width()).map(|r| r[col]).collect()
    }

    /// An article of eight paragraphs with its date line and entry footer, then a thread of
    /// four comments, each a paragraph and a signature that stamps a date and a time.
    const THREAD_PAGE: &str = r#"<html><body><article>
      <p class="date">September 10, 2012</p>
      <p>The first paragraph of the post tells of the weather, and of knitting through it.</p>
      <p>The second paragraph goes on about the yarn and the pattern that was used here.</p>
      <p>The third paragraph asks the readers what they plan to knit for the holidays.</p>
      <p>The fourth paragraph says goodbye until the next post, which is due next week.</p>
      <p>The fifth paragraph is a postscript about the cat, who likes the yarn best of all.</p>
      <p>The sixth paragraph lists the colours of the yarn, pink and green and a little grey.</p>
      <p>The seventh paragraph thanks the shop that sold the yarn, and gives its opening hours.</p>
      <p>The eighth paragraph promises a pattern for the arm warmers in a later post.</p>
      <p class="posted">Posted by laurie at September 10, 2012 9:01 AM</p></article>
      <h2>Comments</h2>
      <div><p>Our lows are in the eighties, and we are not giving the weather back!</p></div>
      <p>Posted by: Ellen at September 10, 2012 11:40 AM</p>
      <div><p>This weather makes me weep, enough with the humidity already, friends.</p></div>
      <p>Posted by: Toni at September 10, 2012 12:11 PM</p>
      <div><p>We have had the cool weather machine here in Pittsburgh for two nights.</p></div>
      <p>Posted by: Gina at September 10, 2012 12:12 PM</p>
      <div><p>Sorry, the cool weather is in Indiana right now, fifty last night.</p></div>
      <p>Posted by: Toni C at September 10, 2012 2:15 PM</p>
      </body></html>"#;

    #[test]
    fn comments_sit_among_stamp_lines_and_the_article_does_not() {
        let page = segment(THREAD_PAGE);
        let ctx = PageCtx::new(&page);
        let schema = Schema {
            steps: all(),
            vocabulary: vec![],
        };
        let col = schema
            .names()
            .iter()
            .position(|n| n == "stamp_lines_near")
            .unwrap();
        let rows = schema.rows(&ctx);
        let near: Vec<f32> = rows.chunks(schema.width()).map(|r| r[col]).collect();
        let at = |start: &str| {
            page.blocks
                .iter()
                .position(|b| b.text.starts_with(start))
                .expect(start)
        };
        // The article's middle paragraph sees its own two stamp lines at most.
        assert!(near[at("The fourth paragraph")] <= 2.0 / STAMP_SATURATION);
        // A comment in the thread sees three or more signatures.
        assert!(near[at("We have had")] >= 3.0 / STAMP_SATURATION);
        assert!(ctx.stamped[at("Posted by: Gina")]);
        assert!(!ctx.stamped[at("The first paragraph")]);
    }

    #[test]
    fn stamp_lines_are_dates_clock_times_and_relative_times() {
        use crate::facts::dates::stamps_time;
        assert!(stamps_time("Posted by: Ellen at 11:40 AM"));
        assert!(stamps_time("March 3, 2021"));
        assert!(stamps_time("3 days ago"));
        assert!(!stamps_time("Reply"));
        assert!(!stamps_time("We sold 3,000 homes in 12 states"));
    }

    /// Block indices in FEED_PAGE.
    const F_P1: usize = 1;
    const F_HEADING: usize = 3;
    const F_TEASER: usize = 4;

    #[test]
    fn layout_of_the_feed_page() {
        let page = segment(FEED_PAGE);
        assert_eq!(page.blocks[F_HEADING].text, "More stories");
        assert_eq!(page.blocks[F_TEASER].text, "Teaser one about the weather");
    }

    #[test]
    fn declared_overlaps_of_the_one_walk_are_word_sets_share() {
        // Repeats, capitals, non-ASCII capitals and a title-case letter (ǅ, which
        // `to_lowercase` changes and `char::is_uppercase` does not call upper case).
        let page = segment(
            r#"<html><head><meta property="og:description" content="Zürich ǆungla officials said the storm ÉTÉ reached Zürich on Tuesday and then again">
            <script type="application/ld+json">{"articleBody":"The storm reached ZÜRICH on Tuesday night and officials said power was out in ǆungla and the city of Zürich again"}</script></head>
            <body><p>The Storm reached Zürich, ZÜRICH and zürich on Tuesday the Tuesday.</p>
            <p>ǅungla été Été officials said said said.</p><p>Nothing here matches at all</p>
            <p>Power was out in the city of Zürich at night, and again.</p><p>…</p></body></html>"#,
        );
        let ctx = PageCtx::new(&page);
        let d = &ctx.e.declared;
        assert!(d.body.is_some() && d.lead.is_some());
        for (i, b) in page.blocks.iter().enumerate() {
            let w = crate::title::WordSet::of(&b.text);
            let share =
                |s: &Option<crate::title::WordSet>| s.as_ref().map_or(0.0, |s| w.share_in(s));
            assert_eq!(ctx.s[i].declared_body_overlap, share(&d.body), "{}", b.text);
            assert_eq!(ctx.s[i].declared_lead_overlap, share(&d.lead), "{}", b.text);
        }
        assert!(ctx.s[0].declared_body_overlap > 0.5);
    }

    #[test]
    fn declared_article_features_read_the_pages_own_copy() {
        assert_eq!(feed_column("has_declared_body")[F_P1], 1.0);
        assert_eq!(feed_column("declared_body_overlap")[F_P1], 1.0);
        assert!(feed_column("declared_body_overlap")[F_TEASER] < 0.5);
        assert!(feed_column("declared_lead_overlap")[F_P1] > 0.4);
        assert!(feed_column("declared_lead_overlap")[F_TEASER] < 0.4);
        assert_eq!(column("has_declared_body", all())[P1], 0.0);
        assert_eq!(column("declared_body_overlap", all())[P1], 0.0);
    }

    #[test]
    fn feed_features_see_cards_and_the_heading_that_opens_them() {
        assert!((feed_column("card_siblings_log")[F_TEASER] - 3f32.ln()).abs() < 1e-6);
        assert!(feed_column("card_link_density")[F_TEASER] > 0.4);
        assert!(feed_column("card_words_log")[F_TEASER] > 1.0);
        assert!((feed_column("card_blocks_log")[F_TEASER] - 2f32.ln()).abs() < 1e-6);
        assert_eq!(feed_column("card_blocks_log")[F_P1], 0.0);
        // The paragraphs are siblings too, but long and unlinked.
        assert_eq!(feed_column("card_link_density")[F_P1], 0.0);
        let heading = feed_column("section_card_share")[F_HEADING];
        assert_eq!(heading, 1.0, "the heading opens a run of cards");
        assert!(feed_column("section_link_density")[F_HEADING] > 0.4);
        assert_eq!(feed_column("section_card_share")[F_P1], 0.0);
        assert!(
            feed_column("section_blocks_log")[F_HEADING] > feed_column("section_blocks_log")[F_P1]
        );
    }

    #[test]
    fn the_main_run_is_the_heaviest_stretch_of_body() {
        let page = segment(PAGE);
        let mut p = vec![0.1; page.blocks.len()];
        for pi in &mut p[H1..=P1 + 1] {
            *pi = 0.9;
        }
        p[TEASER] = 0.6;
        let m = Mass::new(&page, &p);
        assert_eq!(m.run, Some((H1, P1 + 1)));
        let f = |name: &str| SECOND_PASS.iter().find(|f| f.name == name).unwrap().f;
        let ctx = PageCtx::new(&page);
        assert_eq!(f("p_before_run_log")(&ctx, &m, P1), 0.0);
        assert!(f("p_before_run_log")(&ctx, &m, HOME) > 1.0);
        assert!(f("p_after_run_log")(&ctx, &m, TEASER) > 0.5);
        assert_eq!(f("p_after_run_log")(&ctx, &m, HOME), 0.0);
        // The links between a block and the run: none in it or next to it, the nav's two
        // other links before it, the related teasers between the run and the footer.
        let gap = f("p_gap_link_density");
        assert_eq!(gap(&ctx, &m, P1), 0.0);
        assert_eq!(gap(&ctx, &m, WIDGET), 0.0, "next to the run");
        assert_eq!(
            gap(&ctx, &m, TEASER),
            0.0,
            "only the unlinked widget between"
        );
        assert_eq!(gap(&ctx, &m, HOME), 1.0);
        assert!(gap(&ctx, &m, FOOTER) > 0.5);
    }

    #[test]
    fn a_teasers_headline_is_a_link_an_articles_subhead_is_not() {
        let page = segment(
            r#"<html><body><article><h1>Storm hits the coast</h1>
              <p>The storm reached the coast on Tuesday night, officials said.</p>
              <h2>Power is back</h2><p>Crews worked through the night to restore it.</p></article>
              <div><h3><a href="/a">Floods in the north</a></h3><p>Rivers rose overnight.</p></div>
              </body></html>"#,
        );
        let ctx = PageCtx::new(&page);
        let f = FEEDS
            .iter()
            .find(|f| f.name == "section_heading_link_density")
            .unwrap()
            .f;
        let at = |text: &str| page.blocks.iter().position(|b| b.text == text).unwrap();
        assert_eq!(
            f(&ctx, at("Crews worked through the night to restore it.")),
            0.0
        );
        assert_eq!(f(&ctx, at("Rivers rose overnight.")), 1.0);
        assert_eq!(
            f(&ctx, at("Floods in the north")),
            1.0,
            "the heading, of itself"
        );
    }

    #[test]
    fn a_list_that_holds_the_page_has_a_larger_share_than_a_feed_beside_an_article() {
        let share = FEEDS
            .iter()
            .find(|f| f.name == "card_page_share")
            .unwrap()
            .f;
        let card = |n: usize| {
            format!(
                r#"<div class="ep"><h3>Episode {n}</h3><p>The heroes travel north to find the missing ship and its crew.</p></div>"#
            )
        };
        let list: String = (1..=4).map(card).collect();
        let listing = segment(&format!(
            "<html><body><h1>Season one</h1>{list}</body></html>"
        ));
        let article = segment(&format!(
            "<html><body><article><p>{p}</p><p>{p}</p><p>{p}</p><p>{p}</p></article>{list}</body></html>",
            p = "The storm reached the coast on Tuesday night and officials said the power \
                 would be out for days in the towns along the shore, and crews were sent."
        ));
        let at = |page: &Page, text: &str| page.blocks.iter().position(|b| b.text == text).unwrap();
        let of_list = share(&PageCtx::new(&listing), at(&listing, "Episode 2"));
        let of_feed = share(&PageCtx::new(&article), at(&article, "Episode 2"));
        assert!(of_list > 0.9, "{of_list}");
        assert!(of_feed < 0.5 && of_feed > 0.0, "{of_feed}");
        assert_eq!(
            share(&PageCtx::new(&listing), at(&listing, "Season one")),
            0.0,
            "in no card"
        );
    }
}
