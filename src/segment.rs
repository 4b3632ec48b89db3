//! HTML → `Page`, in one walk over the DOM (scraper / html5ever).

use crate::page::Page;

/// Which text of a page is article body, as an annotated sample marks it: called for every
/// element on the walk; `Some(label)` marks the text below that element (the innermost
/// marking wins). Importers of labelled datasets supply this; plain extraction passes none.
pub type Annotator<'a> = &'a dyn Fn(&scraper::node::Element) -> Option<bool>;

/// Segment an HTML document into blocks.
pub fn segment(html: &str) -> Page {
    segment_annotated(html, None)
}

/// Segment, and set `Block::gold` from an annotator: a block is body when most of its
/// characters sit under elements the annotator marks `Some(true)`.
pub fn segment_annotated(_html: &str, _annotator: Option<Annotator>) -> Page {
    todo!("segmentation is being written")
}
