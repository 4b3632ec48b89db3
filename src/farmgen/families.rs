//! Layout families: what leave-one-family-out holds out.
//!
//! A family is a skeleton with its own chrome languages, date formats and widget styles;
//! every kind of page (farm, syndication, original, blog, portal) is made in every family,
//! so that a family says nothing about a page's label. Training on all families but one and
//! measuring on the one left out shows what the page model does on a layout, a language, a
//! date format and a widget style it never saw; the worst family is the figure that counts.

use super::chrome::{self, Chrome};
use super::compose::Skeleton;
use super::dates::DateFormat;

/// One family of layouts.
#[derive(Debug)]
pub struct Family {
    pub name: &'static str,
    pub skeleton: Skeleton,
    pub chromes: &'static [&'static Chrome],
    pub dates: &'static [DateFormat],
    /// Engagement widget styles, `{n}` for the counter.
    pub widgets: &'static [&'static str],
}

pub const FAMILIES: &[Family] = &[
    Family {
        name: "twocol",
        skeleton: Skeleton::TwoColumn,
        chromes: &[&chrome::EN_A, &chrome::ZH],
        dates: &[DateFormat::IsoTime, DateFormat::Chinese],
        widgets: &["veryGood! ({n})", "Good ({n})"],
    },
    Family {
        name: "stacked",
        skeleton: Skeleton::Stacked,
        chromes: &[&chrome::ES, &chrome::EN_A],
        dates: &[DateFormat::DayMonthSlash, DateFormat::LongEnglish],
        widgets: &["Views: {n}", "{n} views"],
    },
    Family {
        name: "table",
        skeleton: Skeleton::Table,
        chromes: &[&chrome::ID, &chrome::EN_B],
        dates: &[DateFormat::YearSlash, DateFormat::ShortEnglishClock],
        widgets: &["Votes: {n}", "Share {n}"],
    },
    Family {
        name: "semantic",
        skeleton: Skeleton::Semantic,
        chromes: &[&chrome::DE, &chrome::EN_B],
        dates: &[DateFormat::DottedGerman, DateFormat::Relative],
        widgets: &["Like ({n})", "{n} comments"],
    },
    Family {
        name: "cards",
        skeleton: Skeleton::Cards,
        chromes: &[&chrome::FR, &chrome::EN_A],
        dates: &[DateFormat::FrenchLong, DateFormat::LongEnglish],
        widgets: &["♥ {n}", "{n} views"],
    },
    Family {
        name: "portal",
        skeleton: Skeleton::Portal,
        chromes: &[&chrome::EN_B, &chrome::ES],
        dates: &[
            DateFormat::ShortEnglishClock,
            DateFormat::Relative,
            DateFormat::IsoTime,
        ],
        widgets: &["{n} views", "Share {n}"],
    },
];

/// A family by name.
pub fn by_name(name: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.name == name)
}
