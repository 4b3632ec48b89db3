//! Civil dates and the many ways farms print them.
//!
//! A farm re-stamps a copied story with the day it scraped it, in whatever format its CMS
//! uses; the page verdict must read the gap between that date and the wire date. Formats are
//! split between the training and the test template families so that the test shows the
//! model date formats it never saw.

use super::rng::Rng;

/// A moment to the minute, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub days: i64,
    pub hour: u32,
    pub minute: u32,
}

pub use crate::calendar::{civil_from_days, days_from_civil};

impl Stamp {
    /// A random moment between two days (inclusive).
    pub fn between(rng: &mut Rng, from: i64, to: i64) -> Stamp {
        Stamp {
            days: rng.range(from, to),
            hour: rng.below(24) as u32,
            minute: rng.below(60) as u32,
        }
    }

    pub fn plus_days(self, n: i64) -> Stamp {
        Stamp {
            days: self.days + n,
            ..self
        }
    }

    pub fn plus_minutes(self, n: i64) -> Stamp {
        let total = self.minutes() + n;
        Stamp {
            days: total.div_euclid(1440),
            hour: (total.rem_euclid(1440) / 60) as u32,
            minute: (total.rem_euclid(60)) as u32,
        }
    }

    /// Minutes since 1970-01-01T00:00Z.
    pub fn minutes(&self) -> i64 {
        self.days * 1440 + i64::from(self.hour) * 60 + i64::from(self.minute)
    }

    pub fn ymd(&self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    /// `2024-01-27`.
    pub fn iso_date(&self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `2024-01-27T12:00:00Z`, the wire feed's form.
    pub fn rfc3339(&self) -> String {
        format!(
            "{}T{:02}:{:02}:00Z",
            self.iso_date(),
            self.hour,
            self.minute
        )
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// How a page prints its date. Each layout family uses a few (see `families`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFormat {
    /// `2025-04-25 20:25:14` (the seed page).
    IsoTime,
    /// `25/04/2025`.
    DayMonthSlash,
    /// `April 25, 2025`.
    LongEnglish,
    /// `2025年04月25日 20:25`.
    Chinese,
    /// `25.04.2025 20:25`.
    DottedGerman,
    /// `Apr 25, 2025 8:25 PM`.
    ShortEnglishClock,
    /// `3 hours ago`: no date at all, as many farms print; dated only by the fetch time.
    Relative,
    /// `2025/04/25`.
    YearSlash,
    /// `25 avril 2025 à 20h25`.
    FrenchLong,
}

/// Print a stamp in a format, as read by a crawler at `fetched` (relative formats count back
/// from it).
pub fn format(s: Stamp, f: DateFormat, fetched: Stamp, rng: &mut Rng) -> String {
    let (y, m, d) = s.ymd();
    let (h, mi) = (s.hour, s.minute);
    match f {
        DateFormat::IsoTime => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{:02}", rng.below(60)),
        DateFormat::DayMonthSlash => format!("{d:02}/{m:02}/{y:04}"),
        DateFormat::LongEnglish => format!("{} {d}, {y}", MONTHS_EN[m as usize - 1]),
        DateFormat::Chinese => format!("{y:04}年{m:02}月{d:02}日 {h:02}:{mi:02}"),
        DateFormat::DottedGerman => format!("{d:02}.{m:02}.{y:04} {h:02}:{mi:02}"),
        DateFormat::ShortEnglishClock => {
            let (h12, ampm) = match h {
                0 => (12, "AM"),
                1..=11 => (h, "AM"),
                12 => (12, "PM"),
                _ => (h - 12, "PM"),
            };
            format!(
                "{} {d}, {y} {h12}:{mi:02} {ampm}",
                &MONTHS_EN[m as usize - 1][..3]
            )
        }
        DateFormat::Relative => {
            format!(
                "{} hours ago",
                ((fetched.minutes() - s.minutes()) / 60).max(1)
            )
        }
        DateFormat::YearSlash => format!("{y:04}/{m:02}/{d:02}"),
        DateFormat::FrenchLong => {
            format!("{d} {} {y} à {h}h{mi:02}", MONTHS_FR[m as usize - 1])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_print_the_stamp() {
        let s = Stamp {
            days: days_from_civil(2025, 4, 25),
            hour: 20,
            minute: 25,
        };
        let mut rng = Rng::new(1);
        assert_eq!(
            format(s, DateFormat::DottedGerman, s, &mut rng),
            "25.04.2025 20:25"
        );
        assert_eq!(
            format(s, DateFormat::ShortEnglishClock, s, &mut rng),
            "Apr 25, 2025 8:25 PM"
        );
        assert_eq!(
            format(s, DateFormat::Relative, s.plus_minutes(180), &mut rng),
            "3 hours ago"
        );
    }
}
