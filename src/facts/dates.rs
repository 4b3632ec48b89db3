//! The date a page says it was published, and where it says so.
//!
//! A farm re-stamps a wire story with its own date; the verdict compares that date with the
//! wire story's. So we want the date the page *declares*, in the order a reader's software
//! would trust it: meta tags, then JSON-LD, then `<time datetime>`, then a date printed near
//! the headline ("Date:2025-04-25 20:25:14", "April 25, 2025", "25.04.2025").
//!
//! Dates become `YYYY-MM-DD` and a day number (days since 1970-01-01) so that gaps are one
//! subtraction. The civil-date arithmetic is Howard Hinnant's `days_from_civil`, written out
//! here rather than pulling a calendar crate for two functions.

use super::json_ld::JsonLd;
use crate::page::Page;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A publication date and its origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredDate {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Days since 1970-01-01 (negative before).
    pub days: i64,
    /// Where it was read: `meta:<key>`, `json_ld:datePublished`, `time`, or `text:<block>`.
    pub source: String,
    /// The string it was read from, trimmed to 80 characters.
    pub raw: String,
}

/// Meta keys (lower-case) that declare publication, most specific first.
const META_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "published_time",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dc.date.created",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "date",
    "datecreated",
    "originalpublicationdate",
];

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
    let day_first = day_first(page.lang.as_deref());
    for key in META_KEYS {
        if let Some(v) = page.meta_value(key)
            && let Some(d) = sourced(v, day_first, format!("meta:{key}"))
        {
            return Some(d);
        }
    }
    for key in ["datePublished", "dateCreated"] {
        if let Some(v) = ld.first_str(key)
            && let Some(d) = sourced(&v, day_first, format!("json_ld:{key}"))
        {
            return Some(d);
        }
    }
    for t in &page.times {
        if let Some(d) = sourced(t, day_first, "time".to_string()) {
            return Some(d);
        }
    }
    let anchor = anchor?;
    visible(page, body, anchor, Reading::Printed(day_first)).or_else(|| {
        let at = fetched?;
        visible(page, body, anchor, Reading::Relative(at))
    })
}

/// How a printed date is read from a line of text.
#[derive(Debug, Clone, Copy)]
enum Reading {
    /// An absolute date; `true` reads ambiguous `03/04/2025` day-first.
    Printed(bool),
    /// A time relative to the fetch ("3 hours ago"), at these unix seconds.
    Relative(i64),
}

impl Reading {
    fn read(self, text: &str) -> Option<(i32, u32, u32)> {
        match self {
            Reading::Printed(day_first) => find_date(text, day_first),
            Reading::Relative(at) => {
                let ago = relative_seconds(text)?;
                Some(civil_from_days((at - ago).div_euclid(86_400)))
            }
        }
    }

    fn source(self, block: usize) -> String {
        match self {
            Reading::Printed(_) => format!("text:{block}"),
            Reading::Relative(_) => format!("relative:{block}"),
        }
    }
}

/// A date printed in a short non-body block near the headline. Blocks that say "updated" or
/// "modified" are used only when nothing else is found; labelled blocks ("Date:",
/// "Published") win over bare dates; otherwise the nearest block wins.
fn visible(page: &Page, body: &[bool], anchor: usize, reading: Reading) -> Option<DeclaredDate> {
    const REACH: usize = 8;
    if anchor >= page.blocks.len() {
        return None;
    }
    let lo = anchor.saturating_sub(REACH);
    let hi = (anchor + REACH).min(page.blocks.len().saturating_sub(1));
    let mut best: Option<(u8, usize, DeclaredDate)> = None;
    for i in lo..=hi {
        let b = &page.blocks[i];
        // A body block is prose, except a short labelled date line ("View Date:2025-04-25")
        // that extraction took in with the article it stands above. A line that *opens* with
        // its label may be longer: templates print the author and source on the same line
        // ("时间：2025-12-14 17:18:14 来源： By Tom Brennan"), and CJK counts a word a character.
        let in_body = body.get(i).copied().unwrap_or(false);
        // A printed date has a year in digits; most blocks have no digit at all, and the
        // patterns below are the costliest part of the page facts.
        if b.words > 25
            || matches!(reading, Reading::Printed(_)) && !b.text.bytes().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let lower = b.text.to_lowercase();
        let label = LABEL.is_match(&lower) || WORD_COLON_DATE.is_match(&lower);
        // "3 hours ago" is its own label: nothing else in prose reads like it.
        let labelled = label || matches!(reading, Reading::Relative(_));
        let dated_line = (labelled && b.words <= 8)
            || LEADING_LABEL.is_match(&lower)
            || WORD_COLON_DATE.is_match(&lower);
        if in_body && !dated_line {
            continue;
        }
        let Some(d) = reading
            .read(&b.text)
            .map(|ymd| dated(ymd, &b.text, reading.source(i)))
        else {
            continue;
        };
        let rank = if lower.contains("updat") || lower.contains("modif") {
            2
        } else if label {
            0
        } else {
            1
        };
        let key = (rank, i.abs_diff(anchor));
        if best.as_ref().is_none_or(|(r, dist, _)| key < (*r, *dist)) {
            best = Some((rank, key.1, d));
        }
    }
    best.map(|(_, _, d)| d)
}

/// Words that label a printed publication date.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"date|publi|posted|datum|veröffentlicht|fecha|发布|日期|時間|时间")
        .expect("label pattern compiles")
});

/// A label that opens its line: "Date:", "时间：", "Posted on", within the first words.
static LEADING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W{0,3}(?:\w+\s+){0,2}?(?:date|publi\w*|posted|datum|veröffentlicht|fecha|发布|日期|時間|时间)\w*\s*(?:on\b|[:：])")
        .expect("leading label pattern compiles")
});

/// A line that opens with a word and a colon and then a date, in any language: "Tanggal:
/// 2020/06/17", "Data: 5 maggio 2025", "Tarih: 25.04.2025". The shape is the label; a
/// word list would only know the languages it was written in.
static WORD_COLON_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W{0,3}\p{L}[\p{L} ]{0,20}[:：]\s*(?:\d|\p{L}{3,10}\.?\s+\d)")
        .expect("word-colon-date pattern compiles")
});

fn sourced(text: &str, day_first: bool, source: String) -> Option<DeclaredDate> {
    Some(dated(find_date(text, day_first)?, text, source))
}

fn dated((y, m, d): (i32, u32, u32), text: &str, source: String) -> DeclaredDate {
    DeclaredDate {
        date: format!("{y:04}-{m:02}-{d:02}"),
        days: days_from_civil(y, m, d),
        source,
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
    Regex::new(r"(?:^|[^\d])(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:[^\d]|$)")
        .expect("iso pattern compiles")
});

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{1,2})([./-])(\d{1,2})[./-](\d{4})(?:[^\d]|$)")
        .expect("numeric pattern compiles")
});

/// Month names (English, German, French, Spanish) and their numbers; longest first so that
/// `september` is not read as `sep`.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("sept", 9),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("mai", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("okt", 10),
    ("nov", 11),
    ("dec", 12),
    ("dez", 12),
];

fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.join("|")
}

/// `April 25, 2025`, `Apr. 25 2025`, `April 25th, 2025`.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
        month_alternation()
    ))
    .expect("month-day-year pattern compiles")
});

/// `25 April 2025`, `25. April 2025`, `25th of April, 2025`, `25 de abril de 2025`.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?:of\s+|de\s+)?({})\.?,?\s+(?:de\s+)?(\d{{4}})\b",
        month_alternation()
    ))
    .expect("day-month-year pattern compiles")
});

pub(crate) fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == lower).map(|(_, m)| *m)
}

/// The first plausible calendar date in a text, as (year, month, day). Years outside
/// 1990..=2100 are not publication dates of web pages and are skipped.
pub fn find_date(text: &str, day_first: bool) -> Option<(i32, u32, u32)> {
    let mut found: Vec<(usize, (i32, u32, u32))> = Vec::new();
    if let Some(c) = ISO.captures_iter(text).find_map(|c| {
        let ymd = valid(num(&c[1])?, num(&c[2])?, num(&c[3])?)?;
        Some((c.get(1)?.start(), ymd))
    }) {
        found.push(c);
    }
    if let Some(c) = MONTH_DAY_YEAR.captures_iter(text).find_map(|c| {
        let ymd = valid(num(&c[3])?, month_number(&c[1])? as i64, num(&c[2])?)?;
        Some((c.get(0)?.start(), ymd))
    }) {
        found.push(c);
    }
    if let Some(c) = DAY_MONTH_YEAR.captures_iter(text).find_map(|c| {
        let ymd = valid(num(&c[3])?, month_number(&c[2])? as i64, num(&c[1])?)?;
        Some((c.get(0)?.start(), ymd))
    }) {
        found.push(c);
    }
    if let Some(c) = NUMERIC.captures_iter(text).find_map(|c| {
        let (a, b, y) = (num(&c[1])?, num(&c[3])?, num(&c[4])?);
        let dmy = if a > 12 {
            true
        } else if b > 12 {
            false
        } else {
            ambiguous_is_day_first(text, &c[2], (y, a, b), day_first)
        };
        let ymd = if dmy {
            valid(y, b, a)?
        } else {
            valid(y, a, b)?
        };
        Some((c.get(1)?.start(), ymd))
    }) {
        found.push(c);
    }
    found
        .into_iter()
        .min_by_key(|(at, _)| *at)
        .map(|(_, ymd)| ymd)
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
            (meta.as_str(), "2024-01-27", "meta:article:published_time"),
            (ld.as_str(), "2024-02-01", "json_ld:datePublished"),
            (time.as_str(), "2024-03-02", "time"),
            (text, "2025-04-25", "text:1"),
        ] {
            let page = segment(html);
            let d = declared(
                &page,
                &JsonLd::parse(&page.json_ld),
                &body(&page),
                Some(0),
                None,
            )
            .expect(source);
            assert_eq!((d.date.as_str(), d.source.as_str()), (date, source));
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
            (d.date.as_str(), d.source.as_str()),
            ("2025-04-25", "text:1")
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
            (d.date.as_str(), d.source.as_str()),
            ("2025-12-14", "text:1")
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
            (d.date.as_str(), d.source.as_str()),
            ("2025-04-25", "relative:1")
        );
    }
}
