//! Marks a wire service leaves in its copy: the dateline that opens the story and the
//! credit lines that close it.
//!
//! They are looked for in the body and at its edges only: a farm keeps the story's text
//! (dateline included) but wraps it in chrome of its own, and an agency name in a sidebar
//! headline ("Takeaways from AP's reporting...") says nothing about the article. The edges
//! count because extraction tends to leave a story's short framing lines out of the body:
//! a dateline on a line of its own above it, a credit line just below it.

use crate::page::Page;
use crate::patterns::{Agency, wire_dateline};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A dateline opening one of the first body paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatelineMark {
    pub agency: Agency,
    /// `BEIRUT`, `WASHINGTON, Jan 27`, or empty for a bare `(AP) —`.
    pub place: String,
    pub block: usize,
    /// False when the dateline stands on a line of its own just above the body (`SEATTLE
    /// Jan 14, 2008 (AP)`), which extraction tends to leave out of the body.
    pub in_body: bool,
}

/// A credit line naming an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    pub agency: Agency,
    /// `contributed` ("The Associated Press contributed"), `copyright` ("Copyright ...
    /// Reuters", "© AFP"), `reporting` (Reuters' "(Reporting by ...; Editing by ...)") or
    /// `byline` ("By GRANT PECK, Associated Press Writer", read from the byline block).
    pub kind: String,
    pub block: usize,
}

/// How many body blocks from the top may carry the dateline: a headline, a deck or a photo
/// caption is sometimes labelled body before it.
const DATELINE_REACH: usize = 8;

/// How many blocks above the body a dateline on a line of its own may sit.
const DATELINE_ABOVE: usize = 5;

/// The dateline of the body: one of its first blocks opens with one, or a short block just
/// above it is nothing but a dateline.
pub fn dateline(page: &Page, body: &[bool]) -> Option<DatelineMark> {
    let mark = |i: usize, in_body: bool| {
        wire_dateline(&page.blocks[i].text).map(|d| DatelineMark {
            agency: d.agency,
            place: d.place,
            block: i,
            in_body,
        })
    };
    if let Some(m) = body_blocks(page, body)
        .take(DATELINE_REACH)
        .find_map(|i| mark(i, true))
    {
        return Some(m);
    }
    let first = body_blocks(page, body).next()?;
    (first.saturating_sub(DATELINE_ABOVE)..first)
        .rev()
        .filter(|&i| page.blocks[i].words <= 8 && page.blocks[i].text.trim_end().ends_with(')'))
        .find_map(|i| mark(i, false))
}

fn body_blocks<'a>(page: &'a Page, body: &'a [bool]) -> impl Iterator<Item = usize> + 'a {
    (0..page.blocks.len()).filter(|&i| body.get(i).copied().unwrap_or(false))
}

/// Credit patterns by agency and kind.
static CREDITS: LazyLock<Vec<(Agency, &'static str, Regex)>> = LazyLock::new(|| {
    let re = |s: &str| Regex::new(s).expect("credit pattern compiles");
    vec![
        (
            Agency::Ap,
            "contributed",
            re(
                r"(?i)\b(?:the\s+)?associated\s+press\b[^.]{0,120}\bcontribut|\bAP\s+(?:writers?|reporters?|correspondents?)\b[^.]{0,120}\bcontribut",
            ),
        ),
        (
            Agency::Ap,
            "copyright",
            re(
                r"(?i)(?:copyright|©|\(c\))\s*(?:\d{4}\s*)?(?:,\s*)?(?:the\s+)?associated\s+press|(?:copyright|©)\s*(?:\d{4}\s+)?AP\b",
            ),
        ),
        (
            Agency::Reuters,
            "reporting",
            re(
                r"(?i)\(?\s*(?:additional\s+)?reporting\s+by\b[^)]{0,200};\s*(?:writing\s+by\b[^)]{0,100};\s*)?editing\s+by\b",
            ),
        ),
        (
            Agency::Reuters,
            "copyright",
            re(
                r"(?i)(?:copyright|©|\(c\))\s*(?:\d{4}\s*)?(?:thomson\s+)?reuters\b|\breuters\s+contributed\b",
            ),
        ),
        (
            Agency::Afp,
            "copyright",
            re(r"(?i)(?:copyright|©|\(c\))\s*(?:\d{4}\s*)?(?:AFP|agence\s+france[- ]presse)\b"),
        ),
        (
            Agency::Afp,
            "contributed",
            re(r"(?i)\b(?:AFP|agence\s+france[- ]presse)\b[^.]{0,60}\bcontribut"),
        ),
    ]
});

/// Words every credit line holds: one cheap pass over each body block before the six
/// credit patterns run on the few that hold one.
static CREDIT_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)associated\s+press|reuters|afp|agence\s+france|editing\s+by|\bAP\b")
        .expect("credit hint pattern compiles")
});

/// How many blocks below the body's last block a credit line may sit. A credit closes the
/// story in a short line of its own ("Associated Press writer X contributed to this
/// report."), the kind of line after the last paragraph that the block model's tail step
/// drops; the model embedded on 2026-12-01 left it out on 734 of the generated legitimate
/// pages whose credit the previous model kept, and those pages then read as uncredited.
const CREDIT_BELOW: usize = 3;

/// Credit lines in the body or just below it, one per (agency, kind), in block order.
pub fn credits(page: &Page, body: &[bool]) -> Vec<Credit> {
    let mut out: Vec<Credit> = Vec::new();
    let below = body_blocks(page, body)
        .last()
        .map(|last| last + 1..(last + 1 + CREDIT_BELOW).min(page.blocks.len()))
        .unwrap_or(0..0);
    for i in body_blocks(page, body).chain(below) {
        let text = &page.blocks[i].text;
        if !CREDIT_HINT.is_match(text) {
            continue;
        }
        for (agency, kind, re) in CREDITS.iter() {
            if re.is_match(text) && !out.iter().any(|c| c.agency == *agency && c.kind == *kind) {
                out.push(Credit {
                    agency: *agency,
                    kind: kind.to_string(),
                    block: i,
                });
            }
        }
    }
    out
}

static BYLINE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:associated\s+press|reuters|agence\s+france[- ]presse)|\bAP\b|\bAFP\b")
        .expect("byline agency pattern compiles")
});

/// The agency a printed byline names (`By GRANT PECK, Associated Press Writer`, `By
/// Reuters`), as a credit of kind `byline` at the byline's block.
pub fn byline_credit(byline: &str, block: usize) -> Option<Credit> {
    let m = BYLINE_AGENCY.find(byline)?;
    Some(Credit {
        agency: Agency::from_name(m.as_str())?,
        kind: "byline".to_string(),
        block,
    })
}

/// Sites of the agencies themselves.
const AGENCY_SITES: &[&str] = &[
    "apnews.com",
    "ap.org",
    "reuters.com",
    "reutersagency.com",
    "afp.com",
    "france24.com",
];

/// Large outlets known to publish wire copy under licence. A starting list, meant to grow
/// from moderation decisions: it only has to spare the big syndicators the model would
/// otherwise see most often; smaller licensees are left to the other facts (bylines,
/// a news site's chrome, attribution).
const LICENSEE_SITES: &[&str] = &[
    "yahoo.com",
    "msn.com",
    "aol.com",
    "usnews.com",
    "abcnews.go.com",
    "nbcnews.com",
    "cbsnews.com",
    "foxnews.com",
    "washingtonpost.com",
    "nytimes.com",
    "latimes.com",
    "chicagotribune.com",
    "seattletimes.com",
    "sfgate.com",
    "houstonchronicle.com",
    "chron.com",
    "startribune.com",
    "boston.com",
    "bostonglobe.com",
    "denverpost.com",
    "mercurynews.com",
    "dallasnews.com",
    "miamiherald.com",
    "newsday.com",
    "independent.co.uk",
    "theguardian.com",
    "dailymail.co.uk",
    "euronews.com",
    "aljazeera.com",
    "thehindu.com",
    "hindustantimes.com",
    "straitstimes.com",
    "scmp.com",
    "japantimes.co.jp",
    "cnbc.com",
    "marketwatch.com",
    "investing.com",
    "businessinsider.com",
    "huffpost.com",
    "bnnbloomberg.ca",
    "ctvnews.ca",
    "globalnews.ca",
    "thestar.com",
    "nzherald.co.nz",
    "smh.com.au",
    "abc.net.au",
];

fn on_list(host: &str, list: &[&str]) -> bool {
    let host = host.trim().trim_end_matches('.').to_lowercase();
    list.iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

/// Whether a host is a wire agency's own site.
pub fn is_agency_site(host: &str) -> bool {
    on_list(host, AGENCY_SITES)
}

/// Whether a host is a known licensee of wire copy (see [`LICENSEE_SITES`]).
pub fn is_licensee_site(host: &str) -> bool {
    on_list(host, LICENSEE_SITES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn marks(html: &str) -> (Option<DatelineMark>, Vec<Credit>) {
        let page = segment(html);
        let body: Vec<bool> = page
            .blocks
            .iter()
            .map(|b| !b.text.starts_with('~'))
            .collect();
        (dateline(&page, &body), credits(&page, &body))
    }

    #[test]
    fn ap_dateline_and_credit_in_body() {
        let (d, c) = marks(
            "<div>~ BEIRUT (AP) — sidebar copy is not body</div>\
             <p>~ Photo caption</p>\
             <p>BAGHDAD (AP) — Iraq and the US held talks on Saturday.</p>\
             <p>More text.</p>\
             <p>Associated Press writer Qassim Abdul-Zahra in Baghdad contributed to this report.</p>",
        );
        assert_eq!(
            d,
            Some(DatelineMark {
                agency: Agency::Ap,
                place: "BAGHDAD".into(),
                block: 2,
                in_body: true
            })
        );
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].agency, c[0].kind.as_str(), c[0].block),
            (Agency::Ap, "contributed", 4)
        );
    }

    #[test]
    fn a_credit_just_below_the_body_is_read_and_one_far_below_is_not() {
        let page = |gap: usize| {
            format!(
                "<p>BAGHDAD (AP) — Iraq and the US held talks on Saturday.</p><p>More text.</p>\
                 {}<p>~ Copyright 2024 The Associated Press. All rights reserved.</p>",
                "<p>~ Share this</p>".repeat(gap)
            )
        };
        let (_, c) = marks(&page(0));
        assert_eq!(
            c.iter()
                .map(|c| (c.agency, c.kind.as_str(), c.block))
                .collect::<Vec<_>>(),
            [(Agency::Ap, "copyright", 2)]
        );
        assert_eq!(marks(&page(2)).1.len(), 1, "within {CREDIT_BELOW} blocks");
        assert!(marks(&page(CREDIT_BELOW)).1.is_empty(), "past the reach");
    }

    #[test]
    fn dateline_on_its_own_line_above_the_body() {
        let above = |html: &str| {
            let page = segment(html);
            let body: Vec<bool> = page.blocks.iter().map(|b| b.tag() == "p").collect();
            dateline(&page, &body)
        };
        let d = above(
            "<div>QUEENSTOWN, New Zealand (AFP)</div><div>Jan 14</div>\
             <p>Rain stopped play on Monday.</p>",
        )
        .unwrap();
        assert_eq!((d.agency, d.block, d.in_body), (Agency::Afp, 0, false));
        // A long block above the body that mentions an agency is no dateline.
        let d = above(
            "<div>This service may include material from Agence France-Presse (AFP)</div>\
             <p>Rain stopped play on Monday.</p>",
        );
        assert_eq!(d, None);
    }

    #[test]
    fn reuters_and_afp_marks() {
        let (d, c) = marks(
            "<p>WASHINGTON (Reuters) - The Fed held rates.</p>\
             <p>(Reporting by Jane Doe; Editing by Max Roe)</p>\
             <p>Copyright 2024 Thomson Reuters.</p>",
        );
        assert_eq!(d.unwrap().agency, Agency::Reuters);
        let kinds: Vec<_> = c.iter().map(|c| (c.agency, c.kind.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (Agency::Reuters, "reporting"),
                (Agency::Reuters, "copyright")
            ]
        );
        let (d, c) = marks("<p>PARIS (AFP) - France said.</p><p>© AFP</p>");
        assert_eq!(d.unwrap().agency, Agency::Afp);
        assert_eq!(
            (c[0].agency, c[0].kind.as_str()),
            (Agency::Afp, "copyright")
        );
        let (_, c) = marks("<p>The Associated Press contributed to this story.</p>");
        assert_eq!(c[0].agency, Agency::Ap);
    }

    #[test]
    fn no_marks_in_ordinary_prose_or_late_paragraphs() {
        let (d, c) = marks(
            "<p>The mayor spoke.</p><p>Nothing else.</p><p>Still nothing.</p>\
             <p>4</p><p>5</p><p>6</p><p>7</p><p>8</p>\
             <p>LONDON (AP) — too deep in the story to be its dateline.</p>\
             <p>She read it on the AP website and in Reuters reports.</p>",
        );
        assert_eq!((d, c), (None, vec![]));
    }

    #[test]
    fn agencies_named_in_bylines() {
        let c = byline_credit("GRANT PECK, Associated Press Writer", 4).unwrap();
        assert_eq!(
            (c.agency, c.kind.as_str(), c.block),
            (Agency::Ap, "byline", 4)
        );
        assert_eq!(byline_credit("Reuters", 1).unwrap().agency, Agency::Reuters);
        assert_eq!(
            byline_credit("Jane Doe (AFP)", 1).unwrap().agency,
            Agency::Afp
        );
        assert_eq!(byline_credit("Jane Doe", 1), None);
        assert_eq!(byline_credit("Japan Desk", 1), None);
    }

    #[test]
    fn agency_and_licensee_hosts() {
        assert!(is_agency_site("apnews.com") && is_agency_site("www.reuters.com"));
        assert!(is_agency_site("news.afp.com"));
        assert!(!is_agency_site("notapnews.com"));
        assert!(is_licensee_site("news.yahoo.com") && is_licensee_site("seattletimes.com"));
        assert!(!is_licensee_site("securepathcapital.com"));
    }
}
