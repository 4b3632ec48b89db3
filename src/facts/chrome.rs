//! The shape of the page around the article: engagement widgets and how much of the page
//! is not article at all.

use crate::page::Page;
use crate::patterns::{counters_in_line, is_widget};

/// Longest non-body block, in words, read as a line of page chrome that may hold counters
/// ("By Grace Brennan - 7 min read - 162 views"): a meta line is a handful of fields, where a
/// teaser or a caption is a sentence whose numbers count something else.
pub const META_LINE_WORDS: usize = 24;

/// Texts of the engagement widgets: blocks outside the body that are widgets of their own
/// (`veryGood! (136)`, `Share`), and the counters printed inside short lines of chrome such
/// as the meta line (`By Ann Lee · 162 views`), since real CMSs print them there as often as
/// alone. A meta line under the headline is often taken into the body with the text, so the
/// body's short blocks above its first paragraph and below its last are read too when they
/// are not a sentence; headings
/// are not read (a headline such as "... 149 Comments" counts nothing on this page).
pub fn widgets(page: &Page, body: &[bool]) -> Vec<String> {
    let is_body = |i: usize| body.get(i).copied().unwrap_or(false);
    // The body's paragraphs: blocks longer than any meta line.
    let paragraph = |i: usize| is_body(i) && page.blocks[i].words > META_LINE_WORDS;
    let first_paragraph = (0..page.blocks.len()).find(|&i| paragraph(i));
    let last_paragraph = (0..page.blocks.len()).rev().find(|&i| paragraph(i));
    let mut out = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if !is_body(i) && is_widget(&b.text) {
            out.push(b.text.clone());
            continue;
        }
        let body_edge =
            first_paragraph.is_none_or(|p| i < p) || last_paragraph.is_none_or(|p| i > p);
        let line = b.words <= META_LINE_WORDS
            && b.heading == 0
            && (!is_body(i) || (body_edge && !ends_like_a_sentence(&b.text)));
        if line {
            out.extend(counters_in_line(&b.text).into_iter().map(str::to_string));
        }
    }
    out
}

/// Whether a text ends as written prose does, with a full stop, a question or an
/// exclamation mark (a closing quote after it allowed); fields of a meta line do not.
fn ends_like_a_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', '…'])
}

/// Whether a widget shows a counter (`(136)`, `12 comments`): farms fake these to look
/// lively, where a bare `Share` button is on every site.
pub fn has_counter(widget: &str) -> bool {
    widget.chars().any(|c| c.is_ascii_digit())
}

/// Share of the page's words outside the body: 1 − body words / all words. A page with no
/// words at all has no boilerplate (0).
pub fn boilerplate_share(page: &Page, body: &[bool]) -> f32 {
    let all = page.words();
    if all == 0 {
        return 0.0;
    }
    1.0 - page.words_where(body) as f32 / all as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    #[test]
    fn widgets_and_boilerplate_share() {
        let page = segment(
            "<div>Home News</div>\
             <p>one two three four five six</p>\
             <div><a href=\"#\">veryGood! (<span>136</span>)</a></div><div>Share</div>",
        );
        let body = [false, true, false, false];
        let w = widgets(&page, &body);
        assert_eq!(w, ["veryGood! (136)", "Share"]);
        assert_eq!(w.iter().filter(|w| has_counter(w)).count(), 1);
        // 2 + 6 + 2 + 1 words, 6 of them body.
        assert!((boilerplate_share(&page, &body) - 5.0 / 11.0).abs() < 1e-6);
        assert_eq!(boilerplate_share(&page, &[false; 4]), 1.0);
        assert_eq!(boilerplate_share(&segment("<p></p>"), &[]), 0.0);
    }

    #[test]
    fn counters_in_a_meta_line_are_widgets_and_a_teaser_is_not_read() {
        let page = segment(
            "<div><span>By Grace Brennan</span> - <span>7 min read</span> - <span>162 views</span></div>\
             <p>one two three four five six</p>\
             <div>Officials said the petition, which drew 300 votes in its first week, was \
             passed on to the council for a decision some time early next year by the mayor</div>",
        );
        let body = [false, true, false];
        assert_eq!(widgets(&page, &body), ["162 views"]);
        // Taken into the body, the meta line is still read; a short closing sentence is not.
        let page = segment(
            "<h1>Markets fall 149 Comments</h1>\
             <div>Editorial Team · Votes: 7.9K</div>\
             <p>one two three four five six seven eight nine ten eleven twelve thirteen</p>\
             <p>The petition drew 300 votes.</p>",
        );
        assert_eq!(widgets(&page, &[false, true, true, true]), ["Votes: 7.9K"]);
    }
}
