//! The shape of the page around the article: engagement widgets and how much of the page
//! is not article at all.

use super::link_lists::{LinkList, is_link_block};
use crate::page::Page;
use crate::patterns::is_widget;
use regex::Regex;
use std::sync::LazyLock;

/// How many blocks from the headline (or the byline) the article's meta line may stand:
/// right under or over the headline, or a line or two down past a deck or a photo credit.
/// Counters printed further off are other pages' (a list of threads or teasers), not this
/// article's engagement bar.
pub const META_LINE_REACH: usize = 3;

/// The page's engagement widgets: blocks outside the body that are widgets of their own
/// (`veryGood! (136)`, `Share`), and the counters printed inside the article's meta line
/// (`By Ann Lee · 7 min read · 162 views`), where real CMSs print them as often as alone.
///
/// `anchors` are the blocks the article starts by (headline, `h1`, first body block) and
/// `byline` the block of a printed byline: a meta line is a short line of fields within
/// [`META_LINE_REACH`] of one of them. A line among a list of links is an item of that
/// list, and its count is the listed page's (a thread's replies, a teaser's views), so
/// neither a list's items nor a link-dense line are read. A meta line taken into the body
/// is read only above the body's first paragraph; headings are never read (a headline
/// such as "... 149 Comments" counts nothing on this page).
pub fn widgets(
    page: &Page,
    body: &[bool],
    anchors: &[usize],
    byline: Option<usize>,
    lists: &[LinkList],
) -> Vec<String> {
    let is_body = |i: usize| body.get(i).copied().unwrap_or(false);
    let first_paragraph = (0..page.blocks.len()).find(|&i| {
        is_body(i) && !super::dates::is_meta_line(&page.blocks[i].text, page.blocks[i].words)
    });
    let near = |i: usize| {
        anchors
            .iter()
            .chain(byline.as_ref())
            .any(|&a| a.abs_diff(i) <= META_LINE_REACH)
    };
    let listed = |i: usize| lists.iter().any(|l| l.holds(i));
    let mut out = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if !is_body(i) && is_widget(&b.text) {
            out.push(b.text.clone());
            continue;
        }
        let meta_line = near(i)
            && b.heading == 0
            && !listed(i)
            && !is_link_block(b)
            && super::dates::is_meta_line(&b.text, b.words)
            && (!is_body(i) || first_paragraph.is_none_or(|p| i < p));
        if meta_line {
            out.extend(counters_in_line(&b.text).into_iter().map(str::to_string));
        }
    }
    out
}

/// A counter inside a longer line, as CMSs print them in meta lines ("By Ann Lee - 7 min
/// read - 162 views", "Views: 120 | Comments (3)"): a number with a counted noun after it,
/// a counted noun or a heart with a number after it, or a label in brackets. Reading times
/// ("7 min read") count nothing and are not counters.
static COUNTER_IN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:^|[\s|·•/–—:-])(
            \d[\d.,]*\s*[km]?\s*(?:likes|shares|comments|views|votes|reactions|replies|reads)\b
          | (?:likes?|shares?|comments?|views?|votes?|reactions?|replies|♥|❤|👍|👁)\s*:?\s*\(?\d[\d.,]*\s*[km]?\)?
          | [\p{L}]{1,16}!\s*\(\s*\d[\d.,]*\s*[km]?\s*\)
        )(?:$|[\s|·•/–—,;-])",
    )
    .expect("counter pattern compiles")
});

/// The engagement counters printed inside a line of other text, in order.
pub fn counters_in_line(text: &str) -> Vec<&str> {
    // Matches overlap at the separator between two counters ("162 views | 4 comments"), so
    // search again from the end of each counter rather than of each match.
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = COUNTER_IN_LINE.captures_at(text, at).and_then(|c| c.get(1)) {
        out.push(c.as_str().trim());
        at = c.end();
    }
    out
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
        let w = widgets(&page, &body, &[1], None, &[]);
        assert_eq!(w, ["veryGood! (136)", "Share"]);
        assert_eq!(w.iter().filter(|w| has_counter(w)).count(), 1);
        // 2 + 6 + 2 + 1 words, 6 of them body.
        assert!((boilerplate_share(&page, &body) - 5.0 / 11.0).abs() < 1e-6);
        assert_eq!(boilerplate_share(&page, &[false; 4]), 1.0);
        assert_eq!(boilerplate_share(&segment("<p></p>"), &[]), 0.0);
    }

    /// The widgets of a test page whose headline is its `h1`, body marked "Body...".
    fn page_widgets(html: &str) -> Vec<String> {
        let page = segment(html);
        let body = crate::facts::body_marked(&page);
        let h1 = page.blocks.iter().position(|b| b.heading == 1);
        let lists = crate::facts::link_lists::link_lists(&page, &body);
        widgets(
            &page,
            &body,
            &h1.into_iter().collect::<Vec<_>>(),
            None,
            &lists,
        )
    }

    #[test]
    fn counters_in_the_meta_line_by_the_headline_are_read() {
        let w = page_widgets(
            "<h1>Storm hits the coast</h1>\
             <div><span>By Grace Brennan</span> - <span>7 min read</span> - <span>162 views</span></div>\
             <p>Body one two three four five six seven eight nine ten eleven twelve thirteen fourteen.</p>",
        );
        assert_eq!(w, ["162 views"]);
        // Taken into the body above its first paragraph, the meta line is still read; the
        // headline's own number and a short closing sentence are not.
        let w = page_widgets(
            "<h1>Markets fall 149 Comments</h1>\
             <div>Body Editorial Team · Votes: 7.9K</div>\
             <p>Body one two three four five six seven eight nine ten eleven twelve thirteen.</p>\
             <p>Body the petition drew 300 votes.</p>",
        );
        assert_eq!(w, ["Votes: 7.9K"]);
    }

    #[test]
    fn counts_on_list_items_and_lines_far_from_the_headline_are_not_the_articles() {
        // A forum's list of threads right under the headline: each count is a thread's.
        let threads: String = [
            "Engine stalls when cold",
            "Best oil for winter",
            "Brake noise after rain",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| format!("<li><a href=\"/t/{i}\">{t} and other things</a> 28{i} Replies</li>"))
        .collect();
        let w = page_widgets(&format!(
            "<h1>Car talk</h1><ul>{threads}</ul>\
             <p>Body one two three four five six seven eight nine ten eleven twelve thirteen.</p>"
        ));
        assert!(w.is_empty(), "{w:?}");
        // A line of views far below the headline, past the article and a footer.
        let filler: String = (0..6)
            .map(|i| format!("<div>Footer line {i}</div>"))
            .collect();
        let w = page_widgets(&format!(
            "<h1>Storm hits the coast</h1>\
             <p>Body one two three four five six seven eight nine ten eleven twelve thirteen.</p>\
             {filler}<div>Jane Roe · 6.5K views</div>"
        ));
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn counters_inside_meta_lines_but_not_reading_times() {
        assert_eq!(
            counters_in_line("By Grace Brennan - 7 min read - 162 views"),
            ["162 views"]
        );
        assert_eq!(
            counters_in_line("Views: 120 | Comments (3) · Share 4.1K"),
            ["Views: 120", "Comments (3)", "Share 4.1K"]
        );
        assert_eq!(counters_in_line("Ann Lee ♥ 12 2024-01-27"), ["♥ 12"]);
        assert_eq!(
            counters_in_line("Fecha:15 hours ago / 4 min read / 68 views"),
            ["68 views"]
        );
        for t in [
            "By Grace Brennan - 7 min read",
            "Posted on March 3, 2024 by admin",
            "Top 10 stories of the week",
            "reviews 12",
        ] {
            assert!(counters_in_line(t).is_empty(), "{t}");
        }
    }
}
