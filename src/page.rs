//! The page model: a `Page` is a list of `Block`s in document order, plus the few facts of the
//! page head that later stages need.
//!
//! This is boilerpipe's TextDocument of TextBlocks. It is deliberately small and knows nothing
//! of HTML parsing, models or files: segmentation builds it, everything after reads it. Keeping
//! the containers (the ancestor elements of blocks) in a flat table lets the model reason about
//! "the region this block lives in" without holding on to the DOM, which is not `Sync`.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One page, segmented.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Page {
    /// Text of `<title>`, whitespace-collapsed.
    pub title: Option<String>,
    /// `<html lang>` if present (lower-cased, e.g. `en`, `de-de`).
    pub lang: Option<String>,
    /// `<meta name|property|itemprop=... content=...>` pairs, keys lower-cased, in order;
    /// microdata dates on other elements (`<span itemprop="datePublished" content=...>`)
    /// are kept here too, under their property.
    pub meta: Vec<(String, String)>,
    /// Raw text of every `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// `datetime` attributes of `<time>` elements, or the element's text when it has none,
    /// and the `title` of hAtom `published` elements, in document order.
    pub times: Vec<String>,
    /// `alt` texts of images inside links to the site root or with `logo` in class/id/src.
    pub logo_alts: Vec<String>,
    /// Blocks in document order.
    pub blocks: Vec<Block>,
    /// Indices of the blocks whose words sit mostly inside an element that the page's
    /// microdata marks as its article body (see [`crate::segment`]), in document order.
    #[serde(default)]
    pub microdata_body: Vec<usize>,
    /// Where each visible, editable `<textarea>` sits: the index of the first block after
    /// it (`blocks.len()` at the end), in document order. A textarea is where a reader
    /// writes a reply or a comment; a search box is an `<input>`, never a textarea, so what
    /// follows one is what readers wrote ([`crate::extract::drop_after_reply_form`]).
    #[serde(default)]
    pub reply_forms: Vec<usize>,
    /// Every element that is an ancestor of at least one block, indexed by `Block::containers`.
    pub containers: Vec<Container>,
}

/// A run of text between block-level element boundaries.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Block {
    /// Whitespace-collapsed text.
    pub text: String,
    /// Number of words (unicode word segments with at least one alphanumeric char).
    pub words: usize,
    /// Number of those words that sit inside an `<a href>`.
    pub linked_words: usize,
    /// Number of `<a>` elements that contributed text.
    pub links: usize,
    /// Tag names from the root to the element that holds this block, e.g. `html body div p`.
    pub tag_path: TagPath,
    /// Lower-cased class and id tokens of the block element and its ancestors, split on
    /// non-alphanumerics (`article-body` gives `article` and `body` and `article-body`), each
    /// once, outermost first. Shared with the walk's open element and every other block
    /// below it: copying them per block was a fifth of the allocations of segmentation.
    pub tokens: Arc<[Arc<str>]>,
    /// Lower-cased class and id tokens of the inline elements inside the block (a `<span
    /// class="author">` in a meta line), each once, in document order. Apart from `tokens`,
    /// which the block features read: the page facts read these (`facts::byline`).
    #[serde(default)]
    pub inline_tokens: Vec<Arc<str>>,
    /// Heading level 1..=6 when the block is (inside) a heading, else 0.
    pub heading: u8,
    /// Index of the closest heading block before this one, if any.
    pub prev_heading: Option<usize>,
    /// Container ids from the outermost (`html`) to the innermost ancestor.
    pub containers: Vec<usize>,
    /// Character offset of the block's start in the page's concatenated text.
    pub char_offset: usize,
    /// Gold label when the page came from a labelled sample: `Some(true)` = article body.
    pub gold: Option<bool>,
}

/// An element that holds blocks: the unit of "region" evidence.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Container {
    /// Tag name, lower-case.
    pub tag: String,
    /// Parent container id (`None` for the root).
    pub parent: Option<usize>,
    /// Depth from the root (root = 0).
    pub depth: usize,
    /// Lower-cased class/id tokens of this element alone.
    pub tokens: Vec<Arc<str>>,
    /// Words of all blocks inside.
    pub words: usize,
    /// Linked words of all blocks inside.
    pub linked_words: usize,
    /// Blocks inside (any depth).
    pub blocks: usize,
    /// Blocks inside that look like paragraphs: not linked-mostly, at least 10 words.
    pub paragraphs: usize,
    /// First and last block index inside (inclusive).
    pub first_block: usize,
    pub last_block: usize,
}

impl Page {
    /// Total words on the page.
    pub fn words(&self) -> usize {
        self.blocks.iter().map(|b| b.words).sum()
    }

    /// Words in the blocks labelled true (labels shorter than the page count as false).
    pub fn words_where(&self, labels: &[bool]) -> usize {
        self.blocks
            .iter()
            .zip(labels)
            .filter(|(_, l)| **l)
            .map(|(b, _)| b.words)
            .sum()
    }

    /// Text of the blocks labelled true, paragraphs separated by blank lines.
    pub fn text_where(&self, labels: &[bool]) -> String {
        self.blocks
            .iter()
            .zip(labels)
            .filter(|(_, l)| **l)
            .map(|(b, _)| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The best title the page declares: `og:title`, else `<title>`.
    pub fn declared_title(&self) -> Option<&str> {
        self.meta_value("og:title").or(self.title.as_deref())
    }

    /// First `content` of a meta tag with this (lower-case) name or property.
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }
}

/// Share of `words` inside links, 0 when there are none.
pub fn link_density(linked_words: usize, words: usize) -> f32 {
    if words == 0 {
        0.0
    } else {
        linked_words as f32 / words as f32
    }
}

impl Container {
    /// Share of the words of its blocks inside links, 0 when it has no words.
    pub fn link_density(&self) -> f32 {
        link_density(self.linked_words, self.words)
    }
}

impl Block {
    /// Share of words inside links, 0 when the block has no words.
    pub fn link_density(&self) -> f32 {
        link_density(self.linked_words, self.words)
    }

    /// The tag of the element that holds the block (`p`, `li`, `td`, ...).
    pub fn tag(&self) -> &str {
        self.tag_path.last().unwrap_or("")
    }

    /// True when some element on the path has this tag.
    pub fn inside(&self, tag: &str) -> bool {
        self.tag_path.iter().any(|t| t == tag)
    }
}

/// The tag names from the root to an element, as a list that shares its ancestors: each
/// open element of the walk adds one link, and every block below it holds the same path.
/// A block costs one reference count, not a copy of its ancestry, so a page of 100,000 blocks
/// nested hundreds deep stays as small as its HTML.
#[derive(Clone, Default)]
pub struct TagPath(Option<Arc<PathLink>>);

struct PathLink {
    tag: Arc<str>,
    len: usize,
    parent: TagPath,
}

impl TagPath {
    /// This path with one more element at the end.
    pub fn child(&self, tag: Arc<str>) -> TagPath {
        TagPath(Some(Arc::new(PathLink {
            tag,
            len: self.len() + 1,
            parent: self.clone(),
        })))
    }

    /// Number of elements: the depth of the element in the document.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |l| l.len)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The innermost tag.
    pub fn last(&self) -> Option<&str> {
        self.0.as_ref().map(|l| &*l.tag)
    }

    /// The tags from the innermost element out to the root.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let mut at = self.0.as_deref();
        std::iter::from_fn(move || {
            let l = at?;
            at = l.parent.0.as_deref();
            Some(&*l.tag)
        })
    }

    /// The tags from the root in.
    pub fn to_vec(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.iter().collect();
        v.reverse();
        v
    }
}

impl FromIterator<Arc<str>> for TagPath {
    /// A path from tags listed from the root in.
    fn from_iter<I: IntoIterator<Item = Arc<str>>>(tags: I) -> Self {
        tags.into_iter()
            .fold(TagPath::default(), |path, t| path.child(t))
    }
}

impl PartialEq for TagPath {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for TagPath {}

impl std::hash::Hash for TagPath {
    /// Hashes the length and the tags from the innermost out, without collecting them.
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_usize(self.len());
        for t in self.iter() {
            t.hash(h);
        }
    }
}

impl std::fmt::Debug for TagPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.to_vec()).finish()
    }
}

impl Serialize for TagPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_vec().serialize(s)
    }
}

impl<'de> Deserialize<'de> for TagPath {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tags: Vec<Arc<str>> = Vec::deserialize(d)?;
        Ok(tags.into_iter().collect())
    }
}

/// Words are counted one way by every stage: see [`crate::words`].
pub use crate::words::{count_words, words};
