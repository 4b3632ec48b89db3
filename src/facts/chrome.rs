//! The shape of the page around the article: engagement widgets and how much of the page
//! is not article at all.

use crate::page::Page;
use crate::patterns::is_widget;

/// Texts of the non-body blocks that are engagement widgets (`veryGood! (136)`, `Share`).
pub fn widgets(page: &Page, body: &[bool]) -> Vec<String> {
    page.blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| !body.get(*i).copied().unwrap_or(false) && is_widget(&b.text))
        .map(|(_, b)| b.text.clone())
        .collect()
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
}
