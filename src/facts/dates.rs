//! The date a page says it was published, and where it says so.
//!
//! A farm re-stamps a wire story with its own date; the verdict compares that date with the
//! wire story's. So we want the date the page *declares*, in the order a reader's software
//! would trust it: a date in the page's URL path, meta tags, JSON-LD, `<time datetime>`,
//! the text of `<time>`, then a date printed near the headline ("Date:2025-04-25 20:25:14",
//! "By Jane Doe | April 25, 2025 | 1,234 views", "25.04.2025 · 8 min read", "25 апреля
//! 2025"). A publication date wins over an update date wherever it stands; an update date
//! is taken only when the page gives no other. A date after the page was fetched (or, when
//! that is not known, after today) or before 1995 is not a publication date of a web page
//! and is passed over.
//!
//! Dates become `YYYY-MM-DD` and a day number (days since 1970-01-01) so that gaps are one
//! subtraction.

use super::Source;
use super::json_ld::JsonLd;
use super::months::month_number;
use crate::page::Page;
use crate::patterns::byline_name_at;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, LazyLock};

/// A publication date and its origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredDate {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Days since 1970-01-01 (negative before).
    pub days: i64,
    /// Where it was read.
    pub source: Source,
    /// What the page says the date is: when it was published, or last updated (taken only
    /// when the page gives no publication date).
    pub stamp: Stamp,
    /// The string it was read from, trimmed to 80 characters.
    pub raw: String,
}

/// What a date on a page stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stamp {
    Published,
    Updated,
}

/// Meta keys (lower-case) that carry a date, most specific first, and what the date is.
/// The one table of them: the wire index reads a page's date through [`head_date`] too.
/// The keys are those of the standard vocabularies (Open Graph, Dublin Core, schema.org
/// `itemprop`, Parse.ly, Sailthru, citation metadata) as htmldate lists them.
pub const META_DATE_KEYS: &[(&str, Stamp)] = &[
    ("article:published_time", Stamp::Published),
    ("og:published_time", Stamp::Published),
    ("og:article:published_time", Stamp::Published),
    ("article:published", Stamp::Published),
    ("og:article:published", Stamp::Published),
    ("article:published_date", Stamp::Published),
    ("article:publicationdate", Stamp::Published),
    ("article:post_date", Stamp::Published),
    ("datepublished", Stamp::Published),
    ("og:datepublished", Stamp::Published),
    ("rnews:datepublished", Stamp::Published),
    ("published_time", Stamp::Published),
    ("published_date", Stamp::Published),
    ("published-date", Stamp::Published),
    ("publisheddate", Stamp::Published),
    ("publish-date", Stamp::Published),
    ("publish_date", Stamp::Published),
    ("publish_time", Stamp::Published),
    ("publishdate", Stamp::Published),
    ("publication_date", Stamp::Published),
    ("og:publish_date", Stamp::Published),
    ("og:pubdate", Stamp::Published),
    ("pubdate", Stamp::Published),
    ("parsely-pub-date", Stamp::Published),
    ("sailthru.date", Stamp::Published),
    ("citation_publication_date", Stamp::Published),
    ("citation_date", Stamp::Published),
    ("dc.date.issued", Stamp::Published),
    ("dc.date.publication", Stamp::Published),
    ("dcterms.issued", Stamp::Published),
    ("dc.date", Stamp::Published),
    ("dc:date", Stamp::Published),
    ("dcterms.date", Stamp::Published),
    ("dc.date.created", Stamp::Published),
    ("dc.created", Stamp::Published),
    ("dc:created", Stamp::Published),
    ("dcterms.created", Stamp::Published),
    ("date", Stamp::Published),
    // Bare `name="datetime"`, as bare `date`: a page's own stamp (htmldate reads it too).
    ("datetime", Stamp::Published),
    ("datecreated", Stamp::Published),
    ("date_created", Stamp::Published),
    ("dateposted", Stamp::Published),
    ("originalpublicationdate", Stamp::Published),
    ("article_date_original", Stamp::Published),
    ("displaydate", Stamp::Published),
    ("release_date", Stamp::Published),
    ("article:modified_time", Stamp::Updated),
    ("og:article:modified_time", Stamp::Updated),
    ("og:updated_time", Stamp::Updated),
    ("og:modified_time", Stamp::Updated),
    ("article:modified", Stamp::Updated),
    ("datemodified", Stamp::Updated),
    ("modified_time", Stamp::Updated),
    ("updated_time", Stamp::Updated),
    ("dc.modified", Stamp::Updated),
    ("dcterms.modified", Stamp::Updated),
    ("last-modified", Stamp::Updated),
    ("lastmod", Stamp::Updated),
];

/// What a meta key outside [`META_DATE_KEYS`] says its date is, by the words in it: an
/// update (`modif`, `updat`, `revis`) or a publication (`publish`, `publication`,
/// `pubdate`, `pub_date`, `posted`, `created`). Keys naming other events (`expir`, `end`, `start`, `event`) and
/// the publisher's name (`publisher`) say neither.
fn meta_key_stamp(key: &str) -> Option<Stamp> {
    if META_DATE_KEYS.iter().any(|(k, _)| *k == key)
        || ["expir", "end", "start", "event", "publisher", "embargo"]
            .iter()
            .any(|w| key.contains(w))
    {
        return None;
    }
    if ["modif", "updat", "revis"].iter().any(|w| key.contains(w)) {
        Some(Stamp::Updated)
    } else if [
        "publish",
        "publication",
        "pubdate",
        "pub_date",
        "pub-date",
        "posted",
        "created",
    ]
    .iter()
    .any(|w| key.contains(w))
    {
        Some(Stamp::Published)
    } else {
        None
    }
}

/// JSON-LD keys that carry a date, in order of trust.
const JSON_LD_DATE_KEYS: &[(&str, Stamp)] = &[
    ("datePublished", Stamp::Published),
    ("dateCreated", Stamp::Published),
    ("uploadDate", Stamp::Published),
    ("dateModified", Stamp::Updated),
];

/// The earliest publication date a web page can declare: before it, a date is an event
/// the page tells of, not the page's (htmldate's bound too).
const EARLIEST: (i32, u32, u32) = (1995, 1, 1);

/// Slack after the fetch (or today) for a date still to count: a page written in a time
/// zone ahead of the fetcher's is dated "tomorrow" for a few hours.
const FUTURE_SLACK_DAYS: i64 = 1;

/// The days a declared date may fall in: from 1995 to the day after the fetch (or after
/// today when the fetch time is not known).
#[derive(Debug, Clone, Copy)]
struct Plausible {
    first: i64,
    last: i64,
}

impl Plausible {
    fn until(fetched: Option<i64>) -> Plausible {
        let now = fetched.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(i64::MAX / 2, |d| d.as_secs() as i64)
        });
        let (y, m, d) = EARLIEST;
        Plausible {
            first: days_from_civil(y, m, d),
            last: now.div_euclid(86_400) + FUTURE_SLACK_DAYS,
        }
    }

    fn admits(self, (y, m, d): (i32, u32, u32)) -> bool {
        (self.first..=self.last).contains(&days_from_civil(y, m, d))
    }
}

/// The page's declared publication date, by the order of trust above. `anchor` is the block
/// of the headline (or the first body block): printed dates are only looked for near it.
///
/// `fetched` is when the page was fetched (unix seconds, from WARC-Date or the caller): with
/// it, a page that prints only "17 hours ago" declares the day before its fetch. Farms print
/// relative times so that a copy looks fresh whenever it is read; against the crawl date it
/// is as dated as any other.
pub fn declared(
    page: &Page,
    ld: &JsonLd,
    body: &[bool],
    anchor: Option<usize>,
    fetched: Option<i64>,
) -> Option<DeclaredDate> {
    let ok = Plausible::until(fetched);
    let day_first = day_first(page.lang.as_deref());
    let anchors = article_run(page, body, anchor);
    let printed = visible(page, body, &anchors, Reading::Printed(day_first), ok);
    let published = |d: &DeclaredDate| d.stamp == Stamp::Published;
    let marked = head(page, ld, ok, Stamp::Published);
    if let (Some(m), Some(p)) = (&marked, printed.as_ref().filter(|d| published(d)))
        && local_day_printed(m, p)
    {
        return printed;
    }
    marked
        .or_else(|| printed.clone().filter(published))
        .or_else(|| {
            let at = fetched?;
            visible(page, body, &anchors, Reading::Relative(at), ok).filter(published)
        })
        .or_else(|| head(page, ld, ok, Stamp::Updated))
        .or(printed)
        .or_else(|| update_line(page, body, ok, day_first))
}

/// Whether the date printed by the headline is the local day of the instant a `<time
/// datetime>` states: one day apart, and the attribute an instant in UTC with a time of
/// day (`datetime="2026-02-24T04:13:00Z"` on a page that prints "February 23, 2026").
/// The template writes the attribute in UTC and prints the day of its own zone; the day a
/// reader is shown is the day the page declares, and the one htmldate reads there. Meta
/// tags and JSON-LD are left as they are: tried on dev pages (2026-12-02), the same rule
/// for them read 5 pages right and 8 wrong (the printed date a day apart was another
/// story's, or htmldate kept the meta tag's UTC day).
fn local_day_printed(marked: &DeclaredDate, printed: &DeclaredDate) -> bool {
    marked.source == Source::Time
        && (marked.days - printed.days).abs() == 1
        && TIME_OF_DAY.is_match(&marked.raw)
}

/// A time of day after a date in a markup value, in UTC (`T00:44:59Z`, ` 20:59:21
/// GMT`, `T03:30:00+00:00`). An instant with another offset is already in the page's zone.
static TIME_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d[T ]\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?\s*(?:Z|[+-]00:?00|GMT|UTC)\b")
        .expect("time-of-day pattern compiles")
});

/// The blocks a page's own date is printed beside: the headline picked for the article,
/// and also the first `h1` and the first body block. Any of the three may be the one the
/// template put the date line by: the picked headline is sometimes a subheading of the body
/// or the site's name in an `h1`, and the body sometimes starts well below a headline that
/// is no heading at all (`<div class="title">`). All three stand at the top of the
/// article's run, so a date printed by none of them is still kept out.
pub(super) fn article_run(page: &Page, body: &[bool], anchor: Option<usize>) -> Vec<usize> {
    let h1 = page.blocks.iter().position(|b| b.heading == 1);
    let first_body = body.iter().position(|&b| b);
    let mut run: Vec<usize> = [anchor, h1, first_body]
        .into_iter()
        .flatten()
        .filter(|&i| i < page.blocks.len())
        .collect();
    run.sort_unstable();
    run.dedup();
    run
}

/// The publication date a page declares in its markup alone (URL, meta tags, JSON-LD,
/// `<time>`), without reading its text: what a wire archive kept as pages is dated by.
pub fn head_date(page: &Page, fetched: Option<i64>) -> Option<DeclaredDate> {
    let ld = JsonLd::parse(&page.json_ld);
    head(page, &ld, Plausible::until(fetched), Stamp::Published)
}

/// The first date of kind `stamp` the markup declares, in order of trust.
fn head(page: &Page, ld: &JsonLd, ok: Plausible, stamp: Stamp) -> Option<DeclaredDate> {
    let day_first = day_first(page.lang.as_deref());
    let read = |text: &str, source: Source| -> Option<DeclaredDate> {
        let ymd = all_dates(text, day_first)
            .into_iter()
            .map(|(_, ymd)| ymd)
            .chain(compact_date(text))
            .find(|&ymd| ok.admits(ymd))?;
        Some(dated(ymd, text, source, stamp))
    };
    if stamp == Stamp::Published
        && let Some(d) = url_published(page, ok)
    {
        return Some(d);
    }
    let metas = META_DATE_KEYS.iter().filter(|(_, s)| *s == stamp);
    for (key, _) in metas {
        if let Some(d) = page
            .meta_value(key)
            .and_then(|v| read(v, Source::Meta((*key).to_string())))
        {
            return Some(d);
        }
    }
    // Keys of no standard vocabulary that still say what they hold (`w-published-date`,
    // `rbpubdate`, `article.updated`): CMSs and analytics tags name their own.
    if let Some(d) = page
        .meta
        .iter()
        .filter(|(k, _)| meta_key_stamp(k) == Some(stamp))
        .find_map(|(k, v)| read(v, Source::Meta(k.clone())))
    {
        return Some(d);
    }
    let lds = JSON_LD_DATE_KEYS.iter().filter(|(_, s)| *s == stamp);
    for (key, _) in lds {
        if let Some(d) = ld
            .first_str(key)
            .and_then(|v| read(&v, Source::JsonLd((*key).to_string())))
        {
            return Some(d);
        }
    }
    if stamp == Stamp::Updated {
        return None;
    }
    page.times.iter().find_map(|t| read(t, Source::Time))
}

/// The date in the path of the page's canonical URL, read as a publication date. Trusted
/// first, as htmldate does: put last (2026-12-02), it mended 4 dev pages whose CMS puts
/// the day a story was drafted in its URL and broke 31 whose meta tags hold a UTC instant
/// of the next day or another story's day.
fn url_published(page: &Page, ok: Plausible) -> Option<DeclaredDate> {
    let url = super::title::canonical(page)?;
    let ymd = url_date(&url).filter(|&ymd| ok.admits(ymd))?;
    Some(dated(ymd, &url, Source::Url, Stamp::Published))
}

/// A full date in a URL's path: `/2024/01/27/`, `/2024-01-27-storm`, `/20240127/`. The
/// year must be a plausible one and stand apart from other digits, so that ids are not
/// read as dates.
fn url_date(url: &str) -> Option<(i32, u32, u32)> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &path[path.find('/')?..];
    let c = URL_DATE.captures(path)?;
    let (y, m, d) = (num(&c[1])?, num(&c[2])?, num(&c[3])?);
    valid(y, m, d)
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
        .expect("url date pattern compiles")
});

/// A markup value that opens with a compact date, `20080114` or `20080114 15:24`
/// (`<meta name="PublicationDate" content="20080114">`). Read in markup only: in printed
/// text eight digits are as often an id or a phone number.
fn compact_date(value: &str) -> Option<(i32, u32, u32)> {
    let c = COMPACT_DATE.captures(value)?;
    valid(num(&c[1])?, num(&c[2])?, num(&c[3])?)
}

/// A compact date standing apart from other digits in a line (`Gunners star to comeback
/// 20080109 15:24`), with where it starts; read only in a line the markup names as a date.
fn compact_in_line(text: &str) -> Option<(usize, (i32, u32, u32))> {
    let c = COMPACT_IN_LINE.captures(text)?;
    let ymd = valid(num(&c[1])?, num(&c[2])?, num(&c[3])?)?;
    Some((c.get(1).map_or(0, |m| m.start()), ymd))
}

static COMPACT_IN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[^\d]|$)")
        .expect("compact line date pattern compiles")
});

static COMPACT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*((?:19|20)\d\d)(\d\d)(\d\d)(?:[^\d]|$)")
        .expect("compact date pattern compiles")
});

/// How a printed date is read from a line of text.
#[derive(Debug, Clone, Copy)]
enum Reading {
    /// An absolute date; `true` reads ambiguous `03/04/2025` day-first.
    Printed(bool),
    /// A time relative to the fetch ("3 hours ago"), at these unix seconds.
    Relative(i64),
}

impl Reading {
    /// The dates of a line, with where each starts.
    fn read(self, text: &str) -> Vec<(usize, (i32, u32, u32))> {
        match self {
            Reading::Printed(day_first) => all_dates(text, day_first),
            Reading::Relative(at) => relative_seconds(text)
                .map(|ago| (0, civil_from_days((at - ago).div_euclid(86_400))))
                .into_iter()
                .collect(),
        }
    }

    fn source(self, block: usize) -> Source {
        match self {
            Reading::Printed(_) => Source::Block(block),
            Reading::Relative(_) => Source::Relative(block),
        }
    }
}

/// How far from the headline, in blocks, a printed date is still the page's own.
const REACH: usize = 8;

/// Longest line of the article's body that can be a meta line (author, date, views,
/// source, reading time) rather than prose: templates put several facts on one line.
const META_LINE_WORDS: usize = 20;

/// Longest line outside the body that can declare the page's date.
const DATE_LINE_WORDS: usize = 25;

/// A date printed in a short block near the headline. Dates labelled as updates are
/// returned only when the page prints no other; labelled dates ("Date:", "Published")
/// win over bare ones; otherwise the nearest block wins.
fn visible(
    page: &Page,
    body: &[bool],
    anchors: &[usize],
    reading: Reading,
    ok: Plausible,
) -> Option<DeclaredDate> {
    let (Some(&first), Some(&last)) = (anchors.first(), anchors.last()) else {
        return None;
    };
    let lo = first.saturating_sub(REACH);
    let above = above_reach(page, body, first, lo);
    let near = last + REACH;
    let distance = |i: usize| anchors.iter().map(|&a| a.abs_diff(i)).min().unwrap_or(0);
    // Blog and CMS templates also print the date in the article's footer ("Posted by Jane
    // Doe on July 19, 2012"): past the headline's reach, up to just below the last body
    // block, a line counts when it is labelled or styled as a date.
    let last_body = body.iter().rposition(|&b| b).unwrap_or(0);
    let hi = near
        .max(below_reach(page, body, last_body))
        .min(page.blocks.len().saturating_sub(1));
    let mut best: Option<((bool, u8, usize), DeclaredDate)> = None;
    for i in above..=hi {
        let b = &page.blocks[i];
        // An inline element named as a date counts within the headline's reach (and the
        // chrome just above it), not in the footer: there it is as often a related
        // story's date.
        let styled = styled_as_date(page, b) || i <= near && inline_date(b);
        // Above the headline's reach, only a block the markup styles as a date: the
        // post's meta line, with share buttons and a newsletter form between it and the
        // headline.
        let far_above = i < lo;
        if far_above && !styled {
            continue;
        }
        // A label in an element of its own just before the date (`<dt>Published</dt>
        // <dd>Feb 2, 2023</dd>`), as card and table layouts print it.
        let label_above = i
            .checked_sub(1)
            .map_or(Label::None, |j| bare_label(&page.blocks[j].text));
        // Footer lines count when labelled: a publication label, or an update label (wikis
        // and docs print "This page was last edited on..." there, their only date, which an
        // update date only ever stands in for).
        let labelled_line = PUBLISHED.is_match(&b.text)
            || UPDATED.is_match(&b.text)
            || byline_name_at(&b.text).is_some()
            || label_above != Label::None;
        // Below the article, its footer also opens a meta line with the date ("November
        // 13, 2012 in Amazon RDS", "August 9th, 2012 | Category: Recipes").
        let footer_line = i > near
            && i > last_body
            && (FOOTER_LINE_WORDS..=META_LINE_WORDS).contains(&b.words)
            && matches!(reading, Reading::Printed(_))
            && all_dates(&b.text, false)
                .first()
                .is_some_and(|&(at, _)| at <= LINE_OPENING);
        // The entry's own footer, named so by the markup (`<p class="entry-footer-info">`,
        // `<div class="post-footers">`: TypePad, MovableType and many blog themes), strings
        // the date with the author, the categories and the permalink ("Posted by Jane Doe
        // at 10:42 AM on May 3, 2008 in Travel, Food | Permalink | Comments (3)"): a long
        // line whose date stands in its first words.
        let entry_footer = !far_above && footer_named(page, b);
        // Between two anchors far apart, only blocks within reach of one of them.
        if !far_above && i < last && distance(i) > REACH
            || i > near && !styled && !labelled_line && !footer_line && !entry_footer
        {
            continue;
        }
        // A block that is mostly a link with more words than a date, and does not open with
        // the date, points at another page (a teaser's title then its date, "« Week in
        // Review - October 29, 2012 | Main"): its date is that page's, unless the markup or
        // a label says it is this one's. A date that is the whole link ("Nov 9, 2012 7:15
        // PM") is the article's permalink; a meta line opens with it ("August 9, 2012 // 7
        // Comments // Salad").
        let teaser = super::link_lists::is_link_block(b)
            && b.words > DATE_ONLY_WORDS
            && !styled
            && !labelled_line;
        if in_comment(page, b) {
            continue;
        }
        // A printed date has a year in digits; most blocks have no digit at all, and the
        // patterns below are the costliest part of the page facts.
        let words_limit = if entry_footer {
            ENTRY_FOOTER_WORDS
        } else {
            DATE_LINE_WORDS
        };
        if b.words > words_limit
            || matches!(reading, Reading::Printed(_)) && !b.text.bytes().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        // A body block is prose, except a meta line that extraction took in with the
        // article it stands above.
        let in_body = body.get(i).copied().unwrap_or(false);
        if in_body
            && !styled
            && !entry_footer
            && !is_meta_line(&b.text, b.words)
            && !dated_byline(&b.text, b.words)
        {
            continue;
        }
        // A date the markup names may be written compact (`<span class="dateText">20080109
        // 15:24</span>`): eight digits are read as a date only there.
        let compact = match reading {
            Reading::Printed(_) if styled => compact_in_line(&b.text),
            _ => None,
        };
        for (at, ymd) in reading.read(&b.text).into_iter().chain(compact) {
            if !ok.admits(ymd)
                || teaser && at > LINE_OPENING
                || entry_footer
                    && b.words > DATE_LINE_WORDS
                    && b.text[..at].split_whitespace().count() > ENTRY_FOOTER_OPENING_WORDS
            {
                continue;
            }
            let label = match label_before(&b.text, at) {
                Label::None => label_above,
                l => l,
            };
            let relative = matches!(reading, Reading::Relative(_));
            let rank = match label {
                Label::Updated => 2,
                Label::Published => 0,
                // A styled date above the headline's reach ranks as a bare one: a
                // date within reach, nearer, wins over it.
                Label::None if styled && !far_above => 0,
                // "3 hours ago" is its own label: nothing else in prose reads like it.
                Label::None if relative => 0,
                Label::None => 1,
            };
            // A date line past the blocks just below the article, through its chrome,
            // dates the page only when no nearer one does: a labelled line there is as
            // often a related story's byline ("By Jayson Greene; October 23, 2012").
            let past_footer = i > near && i > last_body + FOOTER_REACH;
            let key = (past_footer, rank, distance(i));
            if best.as_ref().is_none_or(|(k, _)| key < *k) {
                let stamp = if rank == 2 {
                    Stamp::Updated
                } else {
                    Stamp::Published
                };
                best = Some((key, dated(ymd, &b.text, reading.source(i), stamp)));
            }
        }
    }
    best.map(|(_, d)| d)
}

/// Most words of chrome (share buttons, a newsletter form, tags) that may stand between
/// the headline's reach and a date line above it that is styled as a date: a post's meta
/// line is printed above such furniture (`<div class="post-meta"><span class="date">`);
/// a masthead's date of the day the page was served stands above the whole navigation,
/// which holds more words than this.
const ABOVE_REACH_WORDS: usize = 60;

/// The first block a styled date line above the headline may stand in: going up from the
/// edge of the headline's reach (`lo`), through non-body blocks holding at most
/// [`ABOVE_REACH_WORDS`] words in all (counted from the first anchor).
fn above_reach(page: &Page, body: &[bool], first: usize, lo: usize) -> usize {
    let mut words = page.blocks[lo..first]
        .iter()
        .map(|b| b.words)
        .sum::<usize>();
    let mut top = lo;
    while top > 0 {
        let i = top - 1;
        if body.get(i).copied().unwrap_or(false) {
            break;
        }
        words += page.blocks[i].words;
        if words > ABOVE_REACH_WORDS {
            break;
        }
        top = i;
    }
    top
}

/// A date that starts within this many bytes of its line opens it (after a bullet or a
/// bracket).
const LINE_OPENING: usize = 3;

/// Fewest words of a footer line read for its opening date: the date and something it
/// is strung to ("05 Nov 2012 / Tweet"). A bare date below an article is as often a
/// teaser card's ("March 05, 2026" over a related story's title).
const FOOTER_LINE_WORDS: usize = 4;

/// How far below the last body block, in blocks, a footer date line may stand whatever
/// the words between.
const FOOTER_REACH: usize = 3;

/// Most words of chrome (share buttons, "Email this article", a short "You may also like"
/// list, a wiki's "Retrieved from" and category lines) that may stand between the last
/// body block and a footer date line below it: the post's byline box and a wiki's "last
/// edited" line are printed below such furniture; readers' comments and long related
/// lists hold more words than this. Tried on dev pages against htmldate (2026-12-02,
/// before footer dates ranked last): 30 words read 1 more page right, 45 read 2, 60 read 5
/// (1 read wrong) but cost the page model one held-out copy in three families (LOFO mean
/// recall 0.915 -> 0.913); at 45 it holds (0.915 -> 0.916).
const BELOW_REACH_WORDS: usize = 45;

/// The last block a footer date line may stand in: [`FOOTER_REACH`] blocks below the last
/// body block, or further down through non-body blocks holding at most
/// [`BELOW_REACH_WORDS`] words in all.
fn below_reach(page: &Page, body: &[bool], last_body: usize) -> usize {
    let mut words = 0;
    let mut bottom = last_body;
    for (i, b) in page.blocks.iter().enumerate().skip(last_body + 1) {
        // Readers' comments open below the article's footer: dates in them, and below
        // them, are the comments'.
        if body.get(i).copied().unwrap_or(false) || in_comment(page, b) {
            break;
        }
        words += b.words;
        if words > BELOW_REACH_WORDS {
            break;
        }
        bottom = i;
    }
    bottom.max(last_body + FOOTER_REACH)
}

/// Class or id words that style an element as a date (`post-date`, `timestamp`,
/// `published`, `entry-meta`): the markup's own statement of what the text is.
const DATE_CLASSES: &[&str] = &[
    "date",
    "time",
    "timestamp",
    "published",
    "pubdate",
    "posted",
    "dateline",
    "byline",
    "meta",
];

/// Whether the block's own element, or one of its three nearest ancestors, is styled as a
/// date or meta line. Tokens further up name whole regions (`post`, `article`).
fn styled_as_date(page: &Page, b: &crate::page::Block) -> bool {
    nearest(page, b, NAMING_DEPTH)
        .flat_map(|c| c.tokens.iter())
        .any(|t| DATE_CLASSES.contains(&t.as_ref()))
}

/// How many of a block's nearest elements (its own first) may name it as a date, a
/// footer or an update line: tokens further up name whole regions (`post`, `article`).
const NAMING_DEPTH: usize = 3;

/// The block's element and its ancestors, innermost first, at most `depth` of them.
fn nearest<'p>(
    page: &'p Page,
    b: &'p crate::page::Block,
    depth: usize,
) -> impl Iterator<Item = &'p crate::page::Container> {
    b.containers
        .iter()
        .rev()
        .take(depth)
        .filter_map(|&c| page.containers.get(c))
}

/// Longest line of an entry footer (see [`footer_named`]) read for its date: the author,
/// the time, a few categories and the permalink and comment links fit; a footer that lists
/// tags by the dozen does not, nor a paragraph.
const ENTRY_FOOTER_WORDS: usize = 60;

/// In an entry footer longer than [`DATE_LINE_WORDS`], the date must stand within its
/// first words ("Posted by Jane Doe at 10:42 AM on May 3, 2008" puts it eighth); a date
/// further on is a category's or a linked story's.
const ENTRY_FOOTER_OPENING_WORDS: usize = 10;

/// Whether the block's element or one of its three nearest ancestors is named as the
/// footer of a post or entry (`entry-footer`, `post-footers`, `postmetadata`), or an
/// inline element in it as such: the class words `footer`, `footers` or `postmetadata`
/// next to `entry` or `post` in the same names. A page's own footer (`site-footer`)
/// names neither.
fn footer_named(page: &Page, b: &crate::page::Block) -> bool {
    let names = |tokens: &mut dyn Iterator<Item = &Arc<str>>| {
        let tokens: Vec<&str> = tokens.map(|t| t.as_ref()).collect();
        tokens.contains(&"postmetadata")
            || tokens.iter().any(|t| *t == "footer" || *t == "footers")
                && tokens.iter().any(|t| *t == "entry" || *t == "post")
    };
    names(&mut b.inline_tokens.iter())
        || nearest(page, b, NAMING_DEPTH).any(|c| names(&mut c.tokens.iter()))
}

/// Whether an inline element inside the block is named as a date by its class or id
/// (`<span class="dateText">`, `<span class="itdate">`, `<span class="post-date">`): the
/// template marks the date within a line that holds more (the headline, the author). Only
/// the words that name a date or a time count here, not `meta` or `byline`, which name
/// whole lines of other facts when an inline element carries them.
fn inline_date(b: &crate::page::Block) -> bool {
    b.inline_tokens.iter().any(|t| names_date(t))
}

/// Class words that name a date or a time: one of [`DATE_CLASSES`] but `meta` and
/// `byline`, or a glued word that opens or ends with `date` (`datetext`, `itdate`,
/// `articlecontentdate`) other than an update's (`lastupdate`, see [`update_named`]) or a
/// word that merely ends so (`candidate`, `validate`).
fn names_date(t: &str) -> bool {
    (DATE_CLASSES.contains(&t) && t != "meta" && t != "byline")
        || (t.starts_with("date") || t.ends_with("date"))
            && !["update", "candidate", "validate"]
                .iter()
                .any(|w| t.ends_with(w))
}

/// Whether the block's element (or one of its three nearest ancestors) or an inline
/// element in it is named as an update line (`lastupdated`, `footer-info-lastmod`,
/// `date-modified`): what a page prints there is when it was last changed.
fn update_named(page: &Page, b: &crate::page::Block) -> bool {
    let named = |t: &str| ["updat", "modif", "lastmod"].iter().any(|w| t.contains(w));
    b.inline_tokens.iter().any(|t| named(t))
        || nearest(page, b, NAMING_DEPTH)
            .flat_map(|c| c.tokens.iter())
            .any(|t| named(t))
}

/// The last resort of a page that states no other date: a short line the markup names
/// as an update (see [`update_named`]), anywhere outside readers' comments: docs and
/// wikis print "Last updated on Mar 02, 2026" or "This page was last edited on 2 March
/// 2026" in their footer, far from the headline, and nothing else.
fn update_line(page: &Page, body: &[bool], ok: Plausible, day_first: bool) -> Option<DeclaredDate> {
    page.blocks.iter().enumerate().find_map(|(i, b)| {
        if b.words > DATE_LINE_WORDS
            || body.get(i).copied().unwrap_or(false)
            || !b.text.bytes().any(|c| c.is_ascii_digit())
            || in_comment(page, b)
            || !update_named(page, b)
        {
            return None;
        }
        let (_, ymd) = all_dates(&b.text, day_first)
            .into_iter()
            .find(|&(_, ymd)| ok.admits(ymd))?;
        Some(dated(ymd, &b.text, Source::Block(i), Stamp::Updated))
    })
}

/// Class or id words of a reader's comment (`comment`, `comments`, `comment-meta` split
/// into its words): a date in one is when the comment was written.
const COMMENT_CLASSES: &[&str] = &["comment", "comments"];

/// How many of a block's nearest enclosing elements are looked at for a comment's class:
/// a comment's date line sits a few levels inside it; further up, a word names a region
/// that may hold the article too (`post-with-comments`).
const COMMENT_DEPTH: usize = 4;

/// Whether the block stands inside a reader's comment: an element a few levels up is
/// classed as one, and not as a date or meta line whose name merely counts them
/// (`by-line-comments-views-date`).
fn in_comment(page: &Page, b: &crate::page::Block) -> bool {
    nearest(page, b, COMMENT_DEPTH).any(|c| {
        let has = |words: &[&str]| c.tokens.iter().any(|t| words.contains(&t.as_ref()));
        has(COMMENT_CLASSES) && !has(DATE_CLASSES)
    })
}

/// Whether a short block reads as a meta line, not a sentence: it is hardly longer than
/// a date, opens with a label, does not end like a sentence, or strings facts together with
/// separators (`Jane Doe | April 25, 2025 | 1,234 views`, `25.04.2025 · 8 min read`).
pub(super) fn is_meta_line(text: &str, words: usize) -> bool {
    if words > META_LINE_WORDS {
        return false;
    }
    let t = text.trim();
    let sentence_end = t.ends_with(['.', '!', '?', '"', '”', '»', '…', '。']);
    let separated = t.contains(['|', '•', '·', '/', '—', '–']) || t.contains(" - ");
    // A label that opens the line; prose that mentions publication in passing does not.
    let labelled = LEADING_LABEL.is_match(t) || WORD_COLON_DATE.is_match(t);
    words <= DATE_ONLY_WORDS || !sentence_end || separated || labelled
}

/// Whether a short line opens with a date and then signs it ("16th Jan 2008, 09:28am by
/// Damien McFerran."): a meta line, though it ends like a sentence. A sentence that names
/// a date and a person ("The bill was signed by Jane Doe on May 5") does not open with
/// the date.
fn dated_byline(text: &str, words: usize) -> bool {
    if words > META_LINE_WORDS
        || all_dates(text, false)
            .first()
            .is_none_or(|&(at, _)| at > LINE_OPENING)
    {
        return false;
    }
    text.char_indices()
        .filter(|&(i, _)| i > 0 && text[..i].ends_with(char::is_whitespace))
        .any(|(i, _)| byline_name_at(&text[i..]).is_some())
}

/// A line this short that holds a date is a date line, whatever ends it (`Sun, 13 Jan
/// 2008 10:15a.m.`): a sentence needs more words than its date.
const DATE_ONLY_WORDS: usize = 7;

/// What the words before a date on its line say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Published,
    Updated,
    None,
}

/// The label closest before byte `at` of a line: the later of a publication label and an
/// update label, or a label-shaped opening (`Tarih: 25.04.2025`).
fn label_before(text: &str, at: usize) -> Label {
    let before = &text[..at];
    let updated = UPDATED.find_iter(before).last().map(|m| m.start());
    // "Updated" holds "date": a publication label is one outside the update words.
    let published = PUBLISHED
        .find_iter(before)
        .filter(|m| {
            !UPDATED
                .find_iter(before)
                .any(|u| u.start() <= m.start() && m.end() <= u.end())
        })
        .last()
        .map(|m| m.start());
    match (published, updated) {
        (_, Some(u)) if published.is_none_or(|p| p < u) => Label::Updated,
        (Some(_), _) => Label::Published,
        _ if WORD_COLON_DATE.is_match(text) && text.find([':', '：']).is_some_and(|c| c < at) => {
            Label::Published
        }
        // The byline's own line dates the article ("By Jane Doe on Friday, January 18,
        // 2008"), unlike a masthead's date of the day the page was served.
        _ if byline_name_at(before).is_some() => Label::Published,
        _ => Label::None,
    }
}

/// What a block holding only a label says of the date printed in the next block:
/// "Published", "Date:", "Last updated". It has no digit and at most [`BARE_LABEL_WORDS`]
/// words, so that a line that names publication in passing is not one.
fn bare_label(text: &str) -> Label {
    let t = text.trim();
    if t.split_whitespace().count() > BARE_LABEL_WORDS || t.bytes().any(|c| c.is_ascii_digit()) {
        return Label::None;
    }
    if UPDATED.is_match(t) {
        Label::Updated
    } else if BARE_PUBLISHED.is_match(t) {
        Label::Published
    } else {
        Label::None
    }
}

/// A block that is only a publication label, in the languages of [`PUBLISHED`].
static BARE_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:(?:first\s+|date\s+)?(?:published|publié|publicado|pubblicato|publikováno|opublikowano)(?:\s+(?:on|at|le|el|il))?|publication\s+date|posted(?:\s+on)?|date|datum|data|fecha|tarih|tanggal|(?:veröffentlicht|erschienen)(?:\s+am)?|опубликовано|发布时间|发布日期|日期|时间)\W*$",
    )
    .expect("bare label pattern compiles")
});

/// Longest label block read as labelling the next one.
const BARE_LABEL_WORDS: usize = 3;

/// Words that label a printed publication date, in the languages of [`super::months`]:
/// `date` (`datum`, `data`, `fecha`, `tarih`), `published` (`publié`, `veröffentlicht`,
/// `publicado`), `posted`, and CJK labels.
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)date|datum|\bdata\b|fecha|tarih|tanggal|publi|posted|veröffentlicht|erschienen|gepubliceerd|опубликовано|发布|日期|時間|时间|发表",
    )
    .expect("label pattern compiles")
});

/// Words that label an update: `updated`, `modified`, `edited` (forums, wikis), `aktualisiert`, `actualizado`, `mis
/// à jour`, `aggiornato`, `bijgewerkt`, `atualizado`, `обновлено`, `更新`.
static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)updat\w*|modifi\w*|\bedited\b|aktualisiert|geändert|actualiza\w*|mis[e]? à jour|aggiornat\w*|bijgewerkt|atualizad\w*|обновлен\w*|更新|修改",
    )
    .expect("update pattern compiles")
});

/// A label that opens its line: "Date:", "时间：", "Posted on", within the first words.
static LEADING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W{0,3}(?:\w+\s+){0,2}?(?:date|publi\w*|posted|datum|veröffentlicht|fecha|发布|日期|時間|时间)\w*\s*(?:on\b|[:：])")
        .expect("leading label pattern compiles")
});

/// A line that opens with a word and a colon and then a date, in any language: "Tanggal:
/// 2020/06/17", "Data: 5 maggio 2025", "Tarih: 25.04.2025". The shape is the label; a
/// word list would only know the languages it was written in.
static WORD_COLON_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W{0,3}\p{L}[\p{L} ]{0,20}[:：]\s*(?:\d|\p{L}{3,10}\.?\s+\d)")
        .expect("word-colon-date pattern compiles")
});

fn dated((y, m, d): (i32, u32, u32), text: &str, source: Source, stamp: Stamp) -> DeclaredDate {
    DeclaredDate {
        date: format!("{y:04}-{m:02}-{d:02}"),
        days: days_from_civil(y, m, d),
        source,
        stamp,
        raw: text.trim().chars().take(80).collect(),
    }
}

/// Relative times in the languages farms print them, lower-case: (pattern, index of the
/// count group or 0 for "one", index of the unit group).
static RELATIVE: LazyLock<Vec<(Regex, usize, usize)>> = LazyLock::new(|| {
    let n = r"(\d{1,3}|an?|one|eine[mnr]?|una?|une?|uma?|satu|se)";
    [
        (
            format!(r"\b{n}\s*(second|sec|minute|min|hour|hr|day|week|month)s?\s+ago\b"),
            1,
            2,
        ),
        (
            format!(r"\bvor\s+{n}\s+(sekunde|minute|stunde|tag|woche|monat)"),
            1,
            2,
        ),
        (
            format!(r"\bhace\s+{n}\s+(segundo|minuto|hora|día|dia|semana|mes)"),
            1,
            2,
        ),
        (
            format!(r"\bil y a\s+{n}\s+(seconde|minute|heure|jour|semaine|mois)"),
            1,
            2,
        ),
        (
            format!(r"\bhá\s+{n}\s+(segundo|minuto|hora|dia|semana|mês|mes)"),
            1,
            2,
        ),
        (
            format!(r"\b{n}\s*(detik|menit|jam|hari|minggu|bulan)\s+(?:yang\s+)?lalu\b"),
            1,
            2,
        ),
        (r"(\d{1,3})\s*(秒|分钟|小时|天|周|个月)前".to_string(), 1, 2),
    ]
    .into_iter()
    .map(|(p, count, unit)| {
        (
            Regex::new(&p).expect("relative pattern compiles"),
            count,
            unit,
        )
    })
    .collect()
});

/// The units of [`RELATIVE`] in seconds; months (the rest) count 30 days.
const UNITS: &[(&[&str], i64)] = &[
    (
        &[
            "second", "sec", "sekunde", "segundo", "seconde", "detik", "秒",
        ],
        1,
    ),
    (&["minute", "min", "minuto", "menit", "分钟"], 60),
    (
        &["hour", "hr", "stunde", "hora", "heure", "jam", "小时"],
        3600,
    ),
    (&["day", "tag", "día", "dia", "jour", "hari", "天"], 86_400),
    (
        &["week", "woche", "semana", "semaine", "minggu", "周"],
        7 * 86_400,
    ),
];

/// `11:40`, `9:01 AM`: a clock time, as comment signatures and feed entries print it.
static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}:\d{2}\b").expect("clock pattern compiles"));

/// Whether a text stamps a time: a calendar date, a clock time or a relative time ("3 days
/// ago"). Cheap on most blocks, which hold no digit.
pub fn stamps_time(text: &str) -> bool {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    CLOCK.is_match(text) || find_date(text, false).is_some() || relative_seconds(text).is_some()
}

/// Seconds before the fetch that a relative time ("17 hours ago", "vor 3 Tagen",
/// "2 jam lalu", "3小时前") names, if the text holds one.
pub fn relative_seconds(text: &str) -> Option<i64> {
    let lower = text.to_lowercase();
    RELATIVE.iter().find_map(|(re, count, unit)| {
        let c = re.captures(&lower)?;
        let n: i64 = c[*count].parse().unwrap_or(1);
        let unit = &c[*unit];
        let seconds = UNITS
            .iter()
            .find(|(words, _)| words.contains(&unit))
            .map_or(30 * 86_400, |(_, s)| *s);
        Some(n * seconds)
    })
}

/// Whether an ambiguous `03/04/2025` is day-first: when the page declares a language other
/// than plain or US English. Pages that declare none are mostly English-language news in
/// the data we see, where `01/12/2008` means January 12.
fn day_first(lang: Option<&str>) -> bool {
    lang.is_some_and(|l| !(l == "en" || l.starts_with("en-us") || l.starts_with("en_us")))
}

/// Read `a/b/y` (both ≤ 12) day-first? In order of evidence: a weekday printed beside it
/// that only one reading matches; a US time zone (month-first) or a British one
/// (day-first); dots (day-first, as in most of Europe); then the page's language.
fn ambiguous_is_day_first(
    text: &str,
    sep: &str,
    (y, a, b): (i64, i64, i64),
    day_first: bool,
) -> bool {
    if let Some(w) = WEEKDAY.captures(text).and_then(|c| weekday_number(&c[1])) {
        let weekday =
            |m: i64, d: i64| valid(y, m, d).map(|(y, m, d)| weekday_of(days_from_civil(y, m, d)));
        let (dm, md) = (weekday(b, a), weekday(a, b));
        if dm == Some(w) && md != Some(w) {
            return true;
        }
        if md == Some(w) && dm != Some(w) {
            return false;
        }
    }
    if US_ZONE.is_match(text) {
        return false;
    }
    if UK_ZONE.is_match(text) || sep == "." {
        return true;
    }
    day_first
}

/// Day of the week of a day number, 0 = Sunday (1970-01-01 was a Thursday).
pub fn weekday_of(days: i64) -> u32 {
    (days + 4).rem_euclid(7) as u32
}

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(sun|mon|tue|wed|thu|fri|sat)[a-z]*\b").expect("weekday pattern compiles")
});

fn weekday_number(name: &str) -> Option<u32> {
    ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
        .iter()
        .position(|d| name.eq_ignore_ascii_case(d))
        .map(|p| p as u32)
}

static UK_ZONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:GMT|BST)\b").expect("zone pattern compiles"));

/// US time zones next to a date say it is written month-first.
static US_ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT)\b").expect("zone pattern compiles")
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})(?:[^\d]|$)")
        .expect("iso pattern compiles")
});

/// `25/04/2025`, `4-25-2025`, `25.04.25`, `1/14/08 11:15 AM`: day and month in either
/// order, then a year of four digits or of two (as many templates of the 2000s print it).
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{1,2})([./-])(\d{1,2})([./-])(\d{4}|\d{2})(?:([./-]?)(\d)|[^\d]|$)")
        .expect("numeric pattern compiles")
});

/// The year a two-digit year stands for: `90`..`99` the 1990s, the rest this century. Web
/// pages are from 1995 on, so a year before that, or past the fetch, is then passed over
/// as any implausible date is.
fn full_year(yy: i64) -> i64 {
    if yy >= 90 { 1900 + yy } else { 2000 + yy }
}

/// A word that may name a month (checked against [`super::months`]).
const MONTH_WORD: &str = r"(\p{L}{3,15})\.?";

/// `April 25, 2025`, `Apr. 25 2025`, `April 25th, 2025`.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b{MONTH_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?:\D|$)"
    ))
    .expect("month-day-year pattern compiles")
});

/// `25 April 2025`, `25. April 2025`, `25th of April, 2025`, `25 de abril de 2025`,
/// `25 апреля 2025 г.`
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:of\s+|de\s+|d')?{MONTH_WORD},?\s+(?:de\s+|del\s+)?(\d{{4}})(?:\D|$)"
    ))
    .expect("day-month-year pattern compiles")
});

/// `2025. április 25.`, `2025 Apr 25`: year first, as Hungarian and Lithuanian print it.
static YEAR_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(\d{{4}})\.?\s+{MONTH_WORD}\s+(\d{{1,2}})\b"))
        .expect("year-month-day pattern compiles")
});

/// The first plausible calendar date in a text, as (year, month, day). Years outside
/// 1990..=2100 are not publication dates of web pages and are skipped.
pub fn find_date(text: &str, day_first: bool) -> Option<(i32, u32, u32)> {
    all_dates(text, day_first).first().map(|&(_, ymd)| ymd)
}

/// Every calendar date written in a text, by where it starts, each once.
fn all_dates(text: &str, day_first: bool) -> Vec<(usize, (i32, u32, u32))> {
    let mut found: Vec<(usize, (i32, u32, u32))> = Vec::new();
    let month = |w: &str| month_number(w).map(i64::from);
    for c in ISO.captures_iter(text) {
        if let Some(ymd) = (|| valid(num(&c[1])?, num(&c[2])?, num(&c[3])?))() {
            found.push((c.get(1).map_or(0, |m| m.start()), ymd));
        }
    }
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        if let Some(ymd) = month(&c[1]).and_then(|m| valid(num(&c[3])?, m, num(&c[2])?)) {
            found.push((c.get(0).map_or(0, |m| m.start()), ymd));
        }
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        if let Some(ymd) = month(&c[2]).and_then(|m| valid(num(&c[3])?, m, num(&c[1])?)) {
            found.push((c.get(0).map_or(0, |m| m.start()), ymd));
        }
    }
    for c in YEAR_MONTH_DAY.captures_iter(text) {
        if let Some(ymd) = month(&c[2]).and_then(|m| valid(num(&c[1])?, m, num(&c[3])?)) {
            found.push((c.get(0).map_or(0, |m| m.start()), ymd));
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let (Some(a), Some(b), Some(y)) = (num(&c[1]), num(&c[3]), num(&c[5])) else {
            continue;
        };
        // A digit right after the year, or after one more separator, makes the numbers a
        // version, an address or an id (`1.2.10.4`), not a date.
        if c.get(7).is_some() {
            continue;
        }
        let y = if c[5].len() == 2 {
            // A two-digit year is taken only with one separator used twice: `25.04.25`,
            // `1/14/08`; `3-4/25` is no date.
            if c[2] != c[4] {
                continue;
            }
            full_year(y)
        } else {
            y
        };
        let dmy = if a > 12 {
            true
        } else if b > 12 {
            false
        } else {
            ambiguous_is_day_first(text, &c[2], (y, a, b), day_first)
        };
        let ymd = if dmy { valid(y, b, a) } else { valid(y, a, b) };
        if let Some(ymd) = ymd {
            found.push((c.get(1).map_or(0, |m| m.start()), ymd));
        }
    }
    found.sort_by_key(|&(at, _)| at);
    // Two patterns that read the same span keep the first reading.
    found.dedup_by(|later, earlier| later.0 < earlier.0 + 4);
    found
}

fn num(s: &str) -> Option<i64> {
    s.parse().ok()
}

fn valid(y: i64, m: i64, d: i64) -> Option<(i32, u32, u32)> {
    if !(1990..=2100).contains(&y) || !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    let (y, m, d) = (y as i32, m as u32, d as u32);
    (d <= days_in_month(y, m)).then_some((y, m, d))
}

pub use crate::calendar::{civil_from_days, days_from_civil, days_in_month, is_leap};

/// Days since 1970-01-01 of a date string that starts `YYYY-MM-DD` (a wire item's
/// `published` such as `2024-01-27T12:00:00Z`, or a [`DeclaredDate::date`]).
pub use crate::calendar::days_of as days_since_epoch;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    #[test]
    fn civil_arithmetic_matches_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 1, 27), 19_749);
        assert_eq!(days_from_civil(2025, 4, 25), 20_203);
        assert_eq!(
            days_from_civil(2025, 4, 25) - days_from_civil(2024, 1, 27),
            454
        );
        assert!(is_leap(2000) && is_leap(2024) && !is_leap(1900) && !is_leap(2023));
        for day in -800_000..800_000 {
            let (y, m, d) = civil_from_days(day);
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), day);
        }
    }

    #[test]
    fn date_strings_parse_and_reject_impossible_dates() {
        assert_eq!(days_since_epoch("2024-01-27T12:00:00Z"), Some(19_749));
        assert_eq!(days_since_epoch("2024-02-29"), Some(19_782));
        assert_eq!(days_since_epoch("2023-02-29"), None);
        assert_eq!(days_since_epoch("2024-13-01"), None);
        assert_eq!(days_since_epoch("27.01.2024"), None);
        assert_eq!(days_since_epoch(""), None);
    }

    #[test]
    fn printed_formats_are_found() {
        let f = |t| find_date(t, true);
        assert_eq!(f("Date:2025-04-25 20:25:14"), Some((2025, 4, 25)));
        assert_eq!(f("2025/04/25 10:00"), Some((2025, 4, 25)));
        assert_eq!(f("Published April 25, 2025"), Some((2025, 4, 25)));
        assert_eq!(f("Apr. 5th, 2025 at noon"), Some((2025, 4, 5)));
        assert_eq!(f("25 April 2025"), Some((2025, 4, 25)));
        assert_eq!(f("25. März 2025"), Some((2025, 3, 25)));
        assert_eq!(f("25 de abril de 2025"), Some((2025, 4, 25)));
        assert_eq!(f("25.04.2025"), Some((2025, 4, 25)));
        assert_eq!(find_date("05.04.2025", true), Some((2025, 4, 5)));
        assert_eq!(
            find_date("01/12/2008 11:25 PM PST", true),
            Some((2008, 1, 12))
        );
        assert_eq!(
            find_date("7:08am GMT 10/01/2008", false),
            Some((2008, 1, 10))
        );
        assert_eq!(find_date("06.01.2008 01:07", false), Some((2008, 1, 6)));
        // 2008-01-07 was a Monday, 2008-07-01 a Tuesday.
        assert_eq!(find_date("Monday | 07/01/2008", false), Some((2008, 1, 7)));
        assert_eq!(find_date("Tuesday | 07/01/2008", true), Some((2008, 7, 1)));
        assert_eq!(weekday_of(0), 4);
        assert_eq!(weekday_of(days_from_civil(2025, 4, 25)), 5);
        assert_eq!(f("2025年4月25日"), Some((2025, 4, 25)));
        assert_eq!(f("Sat, 27 Jan 2024 10:00:00 GMT"), Some((2024, 1, 27)));
        // Ambiguous numbers follow the page's language, unless one cannot be a month.
        assert!(day_first(Some("de-de")) && day_first(Some("en-gb")));
        assert!(!day_first(Some("en")) && !day_first(Some("en-us")) && !day_first(None));
        assert_eq!(find_date("03/04/2025", true), Some((2025, 4, 3)));
        assert_eq!(find_date("03/04/2025", false), Some((2025, 3, 4)));
        assert_eq!(find_date("04/25/2025", true), Some((2025, 4, 25)));
        // Two-digit years, in the same orders.
        assert_eq!(find_date("Posted 09/01/08 10:18", true), Some((2008, 1, 9)));
        assert_eq!(
            find_date("Last Updated: 1/14/08 11:15 AM ET", false),
            Some((2008, 1, 14))
        );
        assert_eq!(find_date("11.05.12", false), Some((2012, 5, 11)));
        assert_eq!(find_date("on 24/10/12.", false), Some((2012, 10, 24)));
        assert_eq!(find_date("12/05/98", false), Some((1998, 12, 5)));
        // Versions, addresses and mixed separators are not dates.
        assert_eq!(f("version 1.2.10.4"), None);
        assert_eq!(f("10.1.12.255"), None);
        assert_eq!(f("3-4/25"), None);
        assert_eq!(f("01/18/20085"), None);
        // Not dates.
        assert_eq!(f("2025-02-30"), None);
        assert_eq!(f("Call 555-1234 now"), None);
        assert_eq!(f("In 1850 the town was founded"), None);
        assert_eq!(f("May the best team win in 2025"), None);
    }

    #[test]
    fn declared_date_prefers_meta_then_json_ld_then_time_then_text() {
        let body = |p: &Page| -> Vec<bool> { crate::facts::body_marked(p) };
        let text = "<h1>Storm</h1><div>Posted 25.04.2025</div>\
                    <p>Body text of the story goes on here for a while.</p>";
        let time = format!("<time datetime=\"2024-03-02T08:00\">x</time>{text}");
        let ld = format!(
            "<script type=\"application/ld+json\">{{\"@graph\":[{{\"@type\":\"NewsArticle\",\
             \"datePublished\":\"2024-02-01T10:00:00+01:00\",}}]}}</script>{time}"
        );
        let meta = format!("<meta property=\"article:published_time\" content=\"2024-01-27\">{ld}");
        for (html, date, source) in [
            (
                meta.as_str(),
                "2024-01-27",
                Source::Meta("article:published_time".into()),
            ),
            (
                ld.as_str(),
                "2024-02-01",
                Source::JsonLd("datePublished".into()),
            ),
            (time.as_str(), "2024-03-02", Source::Time),
            (text, "2025-04-25", Source::Block(1)),
        ] {
            let page = segment(html);
            let d = declared(
                &page,
                &JsonLd::parse(&page.json_ld),
                &body(&page),
                Some(0),
                None,
            )
            .expect(date);
            assert_eq!((d.date.as_str(), d.source), (date, source));
            assert_eq!(Some(d.days), days_since_epoch(date));
        }
    }

    #[test]
    fn printed_dates_are_taken_near_the_headline_only_and_not_from_body() {
        let mut html = String::from("<div>Updated 2025-05-01</div><div>Posted 2025-04-25</div>");
        html.push_str("<h1>Headline</h1>");
        html.push_str("<p>Body: on 2023-01-01 something happened, officials said today.</p>");
        for i in 0..12 {
            html.push_str(&format!(
                "<p>Body paragraph {i} without any date at all.</p>"
            ));
        }
        html.push_str("<div>Archive 2019-01-01</div>");
        let page = segment(&html);
        let body: Vec<bool> = crate::facts::body_marked(&page);
        let d = declared(&page, &JsonLd::parse(&page.json_ld), &body, Some(2), None).unwrap();
        assert_eq!(
            (d.date.as_str(), d.source),
            ("2025-04-25", Source::Block(1))
        );
        // A date far below the headline is not the page's date.
        let mut far = String::from("<h1>Headline</h1>");
        for i in 0..12 {
            far.push_str(&format!(
                "<p>Body paragraph {i} without any date at all.</p>"
            ));
        }
        far.push_str("<div>Archive 2019-01-01</div>");
        let page = segment(&far);
        let body: Vec<bool> = crate::facts::body_marked(&page);
        assert_eq!(
            declared(&page, &JsonLd::parse(&page.json_ld), &body, Some(0), None),
            None
        );
    }

    #[test]
    fn a_body_line_that_opens_with_a_date_label_declares_the_date() {
        let html = "<h1>Headline</h1>\
                    <div>Body 时间：2025-12-14 17:18:14 来源： By Tom Brennan of the desk</div>\
                    <p>Body: the report, published on 2023-01-01 by the ministry, said so.</p>";
        let page = segment(html);
        let body: Vec<bool> = crate::facts::body_marked(&page);
        let d = declared(&page, &JsonLd::parse(&page.json_ld), &body, Some(0), None).unwrap();
        assert_eq!(
            (d.date.as_str(), d.source),
            ("2025-12-14", Source::Block(1))
        );
        // Prose that mentions publication in passing is not a date line.
        assert!(!LEADING_LABEL.is_match("body: the report, published on 2023-01-01"));
        assert!(LEADING_LABEL.is_match("时间：2025-12-14"));
        assert!(LEADING_LABEL.is_match("posted on april 5, 2025 by admin"));
        assert!(LEADING_LABEL.is_match("view date:2025-04-25"));
        // Any language's label, by its shape.
        for line in [
            "tanggal:2020/06/17",
            "data: 5 maggio 2025",
            "tarih: 25.04.2025",
        ] {
            assert!(WORD_COLON_DATE.is_match(line), "{line}");
        }
        // Prose is longer before its colon than a label is.
        assert!(!WORD_COLON_DATE.is_match("the minister said on tuesday: 2025 will be hard"));
    }

    #[test]
    fn relative_times_are_dated_from_the_fetch() {
        assert_eq!(relative_seconds("Published: 17 hours ago"), Some(17 * 3600));
        assert_eq!(relative_seconds("an hour ago"), Some(3600));
        assert_eq!(relative_seconds("vor 3 Tagen"), Some(3 * 86_400));
        assert_eq!(relative_seconds("hace 2 semanas"), Some(14 * 86_400));
        assert_eq!(relative_seconds("il y a 5 minutes"), Some(300));
        assert_eq!(relative_seconds("2 jam yang lalu"), Some(7200));
        assert_eq!(relative_seconds("3小时前"), Some(3 * 3600));
        assert_eq!(relative_seconds("ten years ago the town flooded"), None);
        let html = "<h1>Headline</h1><div>Tanggal:17 hours ago</div>\
                    <p>Body text of the story goes on here for a while.</p>";
        let page = segment(html);
        let body: Vec<bool> = crate::facts::body_marked(&page);
        let ld = JsonLd::parse(&page.json_ld);
        // No fetch time, no date; fetched at 2025-04-26 10:00 UTC, the day before.
        assert_eq!(declared(&page, &ld, &body, Some(0), None), None);
        let at = crate::calendar::parse_instant("2025-04-26T10:00:00Z");
        let d = declared(&page, &ld, &body, Some(0), at).unwrap();
        assert_eq!(
            (d.date.as_str(), d.source),
            ("2025-04-25", Source::Relative(1))
        );
    }

    /// The date a test page declares, its body marked "Body...", headline first.
    fn declared_on(html: &str, fetched: Option<&str>) -> Option<DeclaredDate> {
        let page = segment(html);
        let body = crate::facts::body_marked(&page);
        let at = fetched.and_then(crate::calendar::parse_instant);
        declared(&page, &JsonLd::parse(&page.json_ld), &body, Some(0), at)
    }

    const PROSE: &str = "<p>Body the story goes on with more words than any meta line has, \
                         and it ends like a sentence does.</p>";

    #[test]
    fn meta_lines_that_mix_author_date_and_views_are_read_in_the_body() {
        for (line, date) in [
            (
                "Body Jane Doe | April 25, 2025 | 1,234 views | Source: Wire",
                "2025-04-25",
            ),
            ("Body 25.04.2025 · 8 min read", "2025-04-25"),
            ("Body Mar 3, 2024 - 8 min read", "2024-03-03"),
            ("Body Sun, 13 Jan 2008 10:15a.m.", "2008-01-13"),
            ("Body admin 2025/04/25 views 3412", "2025-04-25"),
        ] {
            let html = format!("<h1>Headline</h1><div>{line}</div>{PROSE}");
            let d = declared_on(&html, None).expect(line);
            assert_eq!(
                (d.date.as_str(), d.source),
                (date, Source::Block(1)),
                "{line}"
            );
        }
        // A short sentence of the body that names a date is prose, not the page's date.
        let html = format!(
            "<h1>Headline</h1><p>Body the council will vote on the plan, which was first \
             put forward by the mayor, on April 25, 2025.</p>{PROSE}"
        );
        assert_eq!(declared_on(&html, None), None);
    }

    #[test]
    fn the_byline_line_beats_a_masthead_date_and_linked_dates_are_other_pages() {
        // The masthead prints the day the page was served, styled as a date, above the
        // headline; the byline's line below it dates the article.
        let html = format!(
            "<div class=\"date\">Monday, January 21, 2008</div><div>Latest News</div>\
             <h1>Headline</h1><div>By Agencies on Friday, January 18, 2008 Filed Under: \
             Sports</div>{PROSE}"
        );
        let page = segment(&html);
        let body = crate::facts::body_marked(&page);
        let d = declared(&page, &JsonLd::parse(&page.json_ld), &body, Some(2), None).unwrap();
        assert_eq!(
            (d.date.as_str(), d.source),
            ("2008-01-18", Source::Block(3))
        );
        assert!(byline_name_at("Posted by Jane Doe on ").is_some());
        assert!(byline_name_at("Stand by me ").is_none());
        // A link to the previous post, with its date, is not this page's date.
        let html = format!(
            "<h1>Headline</h1>{PROSE}<div><a href=/p>« AWS Week in Review - October 29, 2012</a> \
             | <a href=/>Main</a></div>"
        );
        assert_eq!(declared_on(&html, None), None);
        let html = format!(
            "<h1>Headline</h1><div class=\"entry-date\"><a href=/p>October 29, 2012</a></div>\
             {PROSE}"
        );
        assert_eq!(
            declared_on(&html, None).map(|d| d.date),
            Some("2012-10-29".into())
        );
        let html = format!("<h1>Headline</h1><div><a href=/p>Nov 9, 2012 7:15 PM</a></div>{PROSE}");
        assert_eq!(
            declared_on(&html, None).map(|d| d.date),
            Some("2012-11-09".into())
        );
        // A reader's comment below the article dates the comment.
        let html = format!(
            "<h1>Headline</h1>{PROSE}<ol class=\"commentlist\"><li class=\"comment\">\
             <div class=\"comment-meta\">Posted by Jane on January 6, 2008</div>\
             <p>Nice post.</p></li></ol>"
        );
        assert_eq!(declared_on(&html, None), None);
        // A meta line whose class names the comment count is not a comment.
        let html = format!(
            "<h1>Headline</h1><div class=\"by-line-comments-views-date\"><span>133 views\
             </span> <span>Nov 7, 2012</span></div>{PROSE}"
        );
        assert_eq!(
            declared_on(&html, None).map(|d| d.date),
            Some("2012-11-07".into())
        );
        // A linked meta line that opens with the date is the article's.
        let html = format!(
            "<h1>Headline</h1><div>August 9, 2012 // <a href=/c>7 Comments</a> // <a href=/f>\
             Fast</a> , <a href=/k>Kids</a> , <a href=/r>Rare</a> , <a href=/s>Salad</a></div>\
             {PROSE}"
        );
        assert_eq!(
            declared_on(&html, None).map(|d| d.date),
            Some("2012-08-09".into())
        );
    }

    #[test]
    fn labels_in_their_own_element_and_update_footers_are_read() {
        let html = format!("<h1>Headline</h1><div>Published</div><div>Feb 2, 2023</div>{PROSE}");
        let d = declared_on(&html, None).unwrap();
        assert_eq!((d.date.as_str(), d.stamp), ("2023-02-02", Stamp::Published));
        let html = format!("<h1>Headline</h1><div>Last updated</div><div>Feb 2, 2023</div>{PROSE}");
        let d = declared_on(&html, None).unwrap();
        assert_eq!((d.date.as_str(), d.stamp), ("2023-02-02", Stamp::Updated));
        assert_eq!(
            bare_label("Publisher"),
            Label::None,
            "longer than a label word"
        );
        assert_eq!(bare_label("Posted on"), Label::Published);
        assert_eq!(bare_label("Home"), Label::None);
        // A wiki's only date, in its footer, stands in as an update date.
        let mut html = String::from("<h1>Headline</h1>");
        for _ in 0..12 {
            html.push_str(PROSE);
        }
        html.push_str("<div>This page was last edited on 2 March 2026, at 10:32.</div>");
        let d = declared_on(&html, Some("2026-03-05T00:00:00Z")).unwrap();
        assert_eq!((d.date.as_str(), d.stamp), ("2026-03-02", Stamp::Updated));
    }

    #[test]
    fn month_names_of_other_languages_are_read() {
        for (line, date) in [
            ("25 апреля 2025 г.", "2025-04-25"),
            ("25 kwietnia 2025", "2025-04-25"),
            ("25. huhtikuuta 2025", "2025-04-25"),
            ("25 Nisan 2025", "2025-04-25"),
            ("2025. április 25.", "2025-04-25"),
            ("25 aprile 2025", "2025-04-25"),
            ("25 de março de 2025", "2025-03-25"),
            ("25 févr. 2025", "2025-02-25"),
            ("Dez. 3, 2024", "2024-12-03"),
            ("2025년 4월 25일", "2025-04-25"),
        ] {
            let html = format!("<h1>Headline</h1><div>{line}</div>{PROSE}");
            let d = declared_on(&html, None).expect(line);
            assert_eq!(d.date, date, "{line}");
        }
    }

    #[test]
    fn a_body_line_that_opens_with_a_date_and_signs_it_is_a_meta_line() {
        let html =
            format!("<h1>Headline</h1><p>16th Jan 2008, 09:28am by Damien McFerran.</p>{PROSE}");
        let page = segment(&html);
        let d = declared(
            &page,
            &JsonLd::parse(&page.json_ld),
            &[false, true, true],
            Some(0),
            None,
        );
        assert_eq!(d.map(|d| d.date), Some("2008-01-16".into()));
        assert!(dated_byline(
            "16th Jan 2008, 09:28am by Damien McFerran.",
            8
        ));
        // A sentence that names a person and a date, not opening with the date, is prose.
        assert!(!dated_byline(
            "The bill was signed by Jane Doe on May 5, 2008.",
            11
        ));
        assert!(!dated_byline(
            "May 5, 2008: the river rose by two metres.",
            9
        ));
    }

    #[test]
    fn footer_dates_below_a_little_chrome_but_not_below_a_long_list() {
        let mut article = String::from("<h1>Headline</h1>");
        for _ in 0..12 {
            article.push_str(PROSE);
        }
        let chrome = "<div>Email this article to a friend</div><div>You may also like</div>\
                      <div><a href=/a>Another story</a></div><div><a href=/b>One more</a></div>\
                      <div>Retrieved from the archive</div>";
        // A wiki's "last edited" line below the categories and a "Retrieved from" line.
        let html = format!(
            "{article}{chrome}<div>This page was last edited on 2 March 2026, at 10:32.</div>"
        );
        let d = declared_on(&html, Some("2026-03-05T00:00:00Z")).unwrap();
        assert_eq!((d.date.as_str(), d.stamp), ("2026-03-02", Stamp::Updated));
        // The post's byline box below the share links.
        let html = format!("{article}{chrome}<div>By Jane Doe, published Jan 18, 2008</div>");
        assert_eq!(
            declared_on(&html, None).map(|d| d.date),
            Some("2008-01-18".into())
        );
        // Below a related list of more words than that, a byline is a related story's.
        let mut list = String::new();
        for i in 0..8 {
            list.push_str(&format!(
                "<div><a href=/r{i}>Related story number {i} with a long title</a></div>"
            ));
        }
        let html = format!("{article}{list}<div>By Jane Doe, published Jan 18, 2008</div>");
        assert_eq!(declared_on(&html, None), None);
        // A bare date by the headline wins over a labelled line past the article's chrome.
        let html = format!(
            "<h1>Headline</h1><div>Oct 29, 2012</div>{}{chrome}\
             <div>By Jane Doe; October 23, 2012</div>",
            &article["<h1>Headline</h1>".len()..]
        );
        assert_eq!(
            declared_on(&html, None).map(|d| d.date),
            Some("2012-10-29".into())
        );
    }

    #[test]
    fn time_elements_without_datetime_url_dates_and_footers() {
        let html = format!(
            "<h1>Headline</h1>{PROSE}<aside><time datetime=\"2019-01-01\">old</time></aside>"
        );
        let html = format!("<time class=\"stamp\">July 24, 2012 5:14 AM PDT</time>{html}");
        let d = declared_on(&html, None).unwrap();
        assert_eq!((d.date.as_str(), d.source), ("2012-07-24", Source::Time));
        let html = format!(
            "<link rel=\"canonical\" href=\"https://news.example/2024/01/27/storm-hits\">\
             <h1>Headline</h1>{PROSE}"
        );
        let d = declared_on(&html, None).unwrap();
        assert_eq!((d.date.as_str(), d.source), ("2024-01-27", Source::Url));
        assert_eq!(url_date("https://x.example/story/12345678/"), None);
        assert_eq!(
            url_date("https://x.example/20240127/a"),
            Some((2024, 1, 27))
        );
        // Below a long body, a labelled footer line.
        let mut html = String::from("<h1>Headline</h1>");
        for _ in 0..12 {
            html.push_str(PROSE);
        }
        html.push_str("<div>Posted by Jane Doe on July 19, 2012</div>");
        let d = declared_on(&html, None).unwrap();
        assert_eq!(
            (d.date.as_str(), d.source),
            ("2012-07-19", Source::Block(13))
        );
        // Or a footer meta line that opens with the date; not a sentence that ends with one.
        let mut html = String::from("<h1>Headline</h1>");
        for _ in 0..12 {
            html.push_str(PROSE);
        }
        let footer = format!("{html}<div>August 9th, 2012 | Category: Recipes</div>");
        assert_eq!(
            declared_on(&footer, None).map(|d| d.date),
            Some("2012-08-09".into())
        );
        let prose =
            format!("{html}<div>The next meeting of the board is on August 9th, 2012.</div>");
        assert_eq!(declared_on(&prose, None), None);
        let card = format!("{html}<div><p>March 05, 2026</p></div>");
        assert_eq!(declared_on(&card, None), None);
    }

    #[test]
    fn dates_by_the_h1_or_the_body_count_when_the_picked_headline_is_elsewhere() {
        // The picked headline (block 0) is a subheading far below the h1 and its date line.
        let mut html = String::from("<h1>Headline</h1><div>Published on July 18, 2025</div>");
        for _ in 0..12 {
            html.push_str("<div>Menu item</div>");
        }
        html.push_str(PROSE);
        let page = segment(&html);
        let body = crate::facts::body_marked(&page);
        let anchor = page.blocks.len() - 1;
        let d = declared(
            &page,
            &JsonLd::parse(&page.json_ld),
            &body,
            Some(anchor),
            None,
        );
        assert_eq!(d.map(|d| d.date), Some("2025-07-18".to_string()));
        // Between two anchors far apart, a date within reach of neither is not taken.
        let mut html = String::from("<h1>Headline</h1>");
        for i in 0..20 {
            html.push_str(&format!(
                "<div>Menu item {}</div>",
                if i == 10 { "2019-01-01" } else { "x" }
            ));
        }
        html.push_str(PROSE);
        assert_eq!(declared_on(&html, None).map(|d| d.date), None);
    }

    #[test]
    fn glued_inline_text_and_meta_keys_of_any_cms() {
        // Inline elements with no space between them: "Dec 17, 2025Julian K. Arni".
        let html = format!(
            "<div class=\"date\"><span>Dec 17, 2025</span><span>Julian K. Arni</span></div>\
             <h1>Headline</h1>{PROSE}"
        );
        let d = declared_on(&html, None).unwrap();
        assert_eq!(d.date, "2025-12-17");
        // A meta key of no standard vocabulary that names publication.
        let html = format!(
            "<meta name=\"w-published-date\" content=\"2025-05-27T06:03:43Z\">\
             <meta name=\"w-updated-date\" content=\"2025-06-01\"><h1>Headline</h1>{PROSE}"
        );
        let d = declared_on(&html, None).unwrap();
        assert_eq!(
            (d.date.as_str(), d.source),
            ("2025-05-27", Source::Meta("w-published-date".into()))
        );
        // A bare `datetime` key, as a bare `date`, is the page's own date.
        let html = format!(
            "<meta name=\"datetime\" content=\"2019-03-04 10:00\"><h1>Headline</h1>{PROSE}"
        );
        let d = declared_on(&html, None).unwrap();
        assert_eq!(
            (d.date.as_str(), d.source),
            ("2019-03-04", Source::Meta("datetime".into()))
        );
        assert_eq!(meta_key_stamp("rbpubdate"), Some(Stamp::Published));
        assert_eq!(meta_key_stamp("last_update_date"), Some(Stamp::Updated));
        assert_eq!(meta_key_stamp("publisher"), None);
        assert_eq!(meta_key_stamp("event_start_date"), None);
    }

    #[test]
    fn a_styled_post_meta_line_above_share_buttons_dates_the_post() {
        // The headline is the h1, below the chrome.
        let by_h1 = |html: &str| {
            let page = segment(html);
            let body = crate::facts::body_marked(&page);
            let h1 = page.blocks.iter().position(|b| b.heading == 1);
            declared(&page, &JsonLd::parse(&page.json_ld), &body, h1, None)
        };
        // The post's meta line, then share buttons and a newsletter form, then the
        // headline: further than the reach in blocks, close in words.
        let mut html = String::from(
            "<div class=\"post-meta\"><span class=\"date\">Nov 9, 2012 7:15 PM</span></div>",
        );
        for w in [
            "Share",
            "Facebook",
            "Twitter",
            "Tumblr",
            "Email this post",
            "Tweet",
        ] {
            html.push_str(&format!("<div>{w}</div>"));
        }
        for w in [
            "Get our top stories",
            "Follow us",
            "Please enter your email address.",
        ] {
            html.push_str(&format!("<div>{w}</div>"));
        }
        html.push_str(&format!("<h1>Headline</h1>{PROSE}"));
        assert_eq!(by_h1(&html).map(|d| d.date), Some("2012-11-09".into()));
        // Unstyled, it is any line of the chrome.
        let plain = html
            .replace(" class=\"date\"", "")
            .replace(" class=\"post-meta\"", "");
        assert_eq!(by_h1(&plain), None);
        // A masthead's date above a navigation of more words than a meta line's furniture
        // is the day the page was served, not the article's.
        let mut html = String::from("<div class=\"date\">Monday, January 21, 2008</div>");
        for i in 0..20 {
            html.push_str(&format!(
                "<div><a href=/s{i}>Section number {i} news</a></div>"
            ));
        }
        html.push_str(&format!("<h1>Headline</h1>{PROSE}"));
        assert_eq!(by_h1(&html), None);
        // Within reach, a bare date nearer the headline wins over a far styled one.
        let mut html = String::from("<span class=\"date\">Nov 9, 2012</span>");
        for _ in 0..8 {
            html.push_str("<div>Share</div>");
        }
        html.push_str(&format!("<div>Nov 8, 2012</div><h1>Headline</h1>{PROSE}"));
        assert_eq!(by_h1(&html).map(|d| d.date), Some("2012-11-08".into()));
    }

    #[test]
    fn compact_dates_in_markup_and_publication_keys() {
        let html =
            format!("<meta name=\"PublicationDate\" content=\"20080114\"><h1>Headline</h1>{PROSE}");
        let d = declared_on(&html, None).unwrap();
        assert_eq!(
            (d.date.as_str(), d.source),
            ("2008-01-14", Source::Meta("publicationdate".into()))
        );
        assert_eq!(compact_date("20040216"), Some((2004, 2, 16)));
        assert_eq!(compact_date("20080109 15:24"), Some((2008, 1, 9)));
        // Longer numbers are ids, impossible days are none.
        assert_eq!(compact_date("200801141234"), None);
        assert_eq!(compact_date("20081314"), None);
        assert_eq!(meta_key_stamp("dateofpublication"), Some(Stamp::Published));
        // Printed text is not read for compact dates: eight digits there are an id.
        let html = format!("<h1>Headline</h1><div>Story 20080114</div>{PROSE}");
        assert_eq!(declared_on(&html, None), None);
    }

    #[test]
    fn published_wins_over_updated_and_implausible_dates_are_passed_over() {
        let line = "<div>Updated: May 5, 2025 · Published: April 25, 2025</div>";
        let d = declared_on(&format!("<h1>Headline</h1>{line}{PROSE}"), None).unwrap();
        assert_eq!((d.date.as_str(), d.stamp), ("2025-04-25", Stamp::Published));
        let meta = "<meta property=\"article:modified_time\" content=\"2025-05-05\">\
                    <h1>Headline</h1><div>Last updated 2025-05-06</div>";
        let d = declared_on(&format!("{meta}{PROSE}"), None).unwrap();
        assert_eq!((d.date.as_str(), d.stamp), ("2025-05-05", Stamp::Updated));
        let meta = "<meta property=\"article:modified_time\" content=\"2025-05-05\">\
                    <h1>Headline</h1><div>Posted 2025-04-25</div>";
        let d = declared_on(&format!("{meta}{PROSE}"), None).unwrap();
        assert_eq!((d.date.as_str(), d.stamp), ("2025-04-25", Stamp::Published));
        // After the fetch, or before 1995: not the page's date; the next candidate is.
        let html = format!(
            "<meta property=\"article:published_time\" content=\"2031-01-01\">\
             <h1>Headline</h1><div>Date: 1994-12-31</div><div>Posted 2025-04-25</div>{PROSE}"
        );
        let d = declared_on(&html, Some("2025-04-26T10:00:00Z")).unwrap();
        assert_eq!(
            (d.date.as_str(), d.source),
            ("2025-04-25", Source::Block(2))
        );
        let html = format!("<h1>Headline</h1><div>Date: 2025-04-28</div>{PROSE}");
        assert_eq!(declared_on(&html, Some("2025-04-26T10:00:00Z")), None);
        assert!(
            declared_on(&html, None).is_some(),
            "today is later than that"
        );
    }

    #[test]
    fn an_inline_element_named_as_a_date_dates_the_page_within_the_headline_reach() {
        // The compact date is read only because the span is named as a date.
        let line =
            "<div>Gunners star to comeback <span class=\"dateText\">20080109 15:24</span></div>";
        let d = declared_on(&format!("<h1>Headline</h1>{line}{PROSE}"), None).unwrap();
        assert_eq!(
            (d.date.as_str(), d.source),
            ("2008-01-09", Source::Block(1))
        );
        let bare = "<div>Gunners star to comeback <span>20080109 15:24</span></div>";
        assert_eq!(
            declared_on(&format!("<h1>Headline</h1>{bare}{PROSE}"), None),
            None
        );
        // Far below the headline, past the article, the same line is not the page's date.
        let mut far = String::from("<h1>Headline</h1>");
        for i in 0..12 {
            far.push_str(&format!(
                "<p>Body paragraph {i} of the story goes on and on.</p>"
            ));
        }
        far.push_str("<div><p>Related</p><p>Other story</p><p>More</p><p>Links</p></div>");
        far.push_str(&"<div><a href=\"/x\">Another story of the site here</a></div>".repeat(12));
        far.push_str(line);
        assert_eq!(declared_on(&far, None), None);
        // Glued and prefixed class words name a date; an update's or another word does not.
        for t in [
            "datetext",
            "itdate",
            "articlecontentdate",
            "date",
            "timestamp",
        ] {
            assert!(names_date(t), "{t}");
        }
        for t in [
            "lastupdate",
            "candidate",
            "validate",
            "meta",
            "byline",
            "update",
        ] {
            assert!(!names_date(t), "{t}");
        }
    }

    #[test]
    fn an_update_line_named_by_markup_is_the_last_resort() {
        let mut page = String::from("<h1>Penny</h1>");
        for i in 0..15 {
            page.push_str(&format!(
                "<p>Body paragraph {i} of the wiki article goes on.</p>"
            ));
        }
        page.push_str(&"<div><a href=\"/c\">A category link of the wiki</a></div>".repeat(20));
        let footer = "<ul><li id=\"footer-info-lastmod\">This page was last edited on 2 March \
                      2026, at 03:23.</li></ul>";
        let d = declared_on(&format!("{page}{footer}"), None).unwrap();
        assert_eq!((d.date.as_str(), d.stamp), ("2026-03-02", Stamp::Updated));
        // The same words in an element that is not named so are not read that far down.
        let plain = "<ul><li>This page was last edited on 2 March 2026, at 03:23.</li></ul>";
        assert_eq!(declared_on(&format!("{page}{plain}"), None), None);
        // Any publication date wins over it.
        let meta = "<meta property=\"article:published_time\" content=\"2025-11-04\">";
        let d = declared_on(&format!("{meta}{page}{footer}"), None).unwrap();
        assert_eq!((d.date.as_str(), d.stamp), ("2025-11-04", Stamp::Published));
    }

    #[test]
    fn the_printed_local_day_wins_over_the_utc_day_of_a_time_element() {
        let at = |datetime: &str| {
            let html = format!(
                "<h1>Headline</h1><div><time datetime=\"{datetime}\">February 23, 2026</time> \
                 by Jane Doe</div>{PROSE}"
            );
            declared_on(&html, None).map(|d| d.date)
        };
        // 04:13 UTC on the 24th is the evening of the 23rd where the page was written.
        assert_eq!(at("2026-02-24T04:13:00Z").as_deref(), Some("2026-02-23"));
        assert_eq!(at("2026-02-24 04:13:00 GMT").as_deref(), Some("2026-02-23"));
        // An instant in another zone is in the page's own: its day stands, as does a day
        // with no time, or a printed day further apart (another story's).
        assert_eq!(
            at("2026-02-24T04:13:00+09:00").as_deref(),
            Some("2026-02-24")
        );
        assert_eq!(at("2026-02-24").as_deref(), Some("2026-02-24"));
        assert_eq!(at("2026-02-26T04:13:00Z").as_deref(), Some("2026-02-26"));
    }

    #[test]
    fn a_long_entry_footer_named_by_markup_dates_the_entry_by_its_first_words() {
        let mut entry = String::from("<div class=\"entry\"><h3>Headline</h3>");
        for i in 0..10 {
            entry.push_str(&format!(
                "<p>Body paragraph {i} of the blog post goes on here.</p>"
            ));
        }
        let cats = "Travel, Food, Family, Crafts, Paper Crafts, Nature, Outside, Activities, \
                    Free Fun, Recipes, Garden, Kids";
        let line = format!(
            "Posted by Jane Doe at 10:42 AM on May 3, 2008 in {cats} | Permalink | Comments (3)"
        );
        let footer = |class: &str, line: &str| {
            format!("{entry}<p class=\"{class}\">{line}</p></div>{PROSE}")
        };
        let d = declared_on(&footer("entry-footer", &line), None).unwrap();
        assert_eq!((d.date.as_str(), d.stamp), ("2008-05-03", Stamp::Published));
        // The same line in an element not named as the entry's footer is skipped.
        assert_eq!(declared_on(&footer("info", &line), None), None);
        // A date deep in a long footer is a category's or a linked story's.
        let late = format!("Posted by Jane Doe in {cats}, {cats} | Permalink | see May 3, 2008");
        assert_eq!(declared_on(&footer("entry-footer", &late), None), None);
        // The site's own footer is not the entry's.
        assert!(!footer_named(
            &segment("<footer class=\"site-footer\"><p>x</p></footer>"),
            &segment("<footer class=\"site-footer\"><p>x</p></footer>").blocks[0]
        ));
    }
}
