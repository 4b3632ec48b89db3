//! HTML pages of wire stories (archives kept as pages): decoded, extracted with the block
//! model, and made a story by `wire::page_story`.

use super::FeedError;
use crate::extract::Extractor;
use crate::wire::{PageStoryHints, Story, page_story};

/// The story of one page; `name` is its id when the page names no canonical URL.
pub fn story(
    name: &str,
    bytes: &[u8],
    extractor: &Extractor,
    hints: &PageStoryHints,
) -> Result<Story, FeedError> {
    let html = crate::decode::decode(bytes)?;
    let extraction = extractor.extract(&html);
    Ok(page_story(name, &extraction, hints)?)
}
