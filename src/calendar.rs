//! Civil-date arithmetic (proleptic Gregorian, days since 1970-01-01), with no dependency.
//!
//! Page facts, the wire index, the farm generator and the moderation queue all count days
//! between dates; one copy of Howard Hinnant's algorithms serves them all, so that a gap of
//! "15 months" means the same everywhere.

/// Whether a year is a leap year.
pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month (1..=12) of a year.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date: shift the year to start in March so the leap
/// day is last, then count 400-year eras.
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 }; // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

/// The number written in `s[range]`, when it is all ASCII digits.
fn digits(s: &str, range: std::ops::Range<usize>) -> Option<i64> {
    let t = s.get(range)?;
    t.bytes()
        .all(|c| c.is_ascii_digit())
        .then(|| t.parse().ok())?
}

/// Year, month and day of a text that starts `YYYY-MM-DD`, alone or followed by `T` or a
/// space (an ISO date or date-time: a feed's `published`, a WARC-Date, a declared date),
/// when that day exists. The one reader of such dates for every stage.
pub fn parse_ymd(s: &str) -> Option<(i32, u32, u32)> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10
        || b[4] != b'-'
        || b[7] != b'-'
        || (b.len() > 10 && !matches!(b[10], b'T' | b't' | b' '))
    {
        return None;
    }
    let (y, m, d) = (digits(s, 0..4)?, digits(s, 5..7)?, digits(s, 8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > i64::from(days_in_month(y as i32, m as u32)) {
        return None;
    }
    Some((y as i32, m as u32, d as u32))
}

/// Days since 1970-01-01 of a text [`parse_ymd`] reads.
pub fn days_of(s: &str) -> Option<i64> {
    parse_ymd(s).map(|(y, m, d)| days_from_civil(y, m, d))
}

/// Unix seconds of an instant written `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.f]]` with `Z`,
/// `±HH:MM` or nothing (UTC) after it, as WARC-Date and feeds write it. A date alone is its
/// midnight. `None` for anything else, or an impossible date.
pub fn parse_instant(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    let days = days_of(s)?;
    if b.len() == 10 {
        return Some(days * 86_400);
    }
    if b.len() < 16 || b[13] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| digits(s, r);
    let (h, mi) = (num(11..13)?, num(14..16)?);
    let mut at = 16;
    let mut sec = 0;
    if b.get(at) == Some(&b':') {
        sec = num(at + 1..at + 3)?;
        at += 3;
        if b.get(at) == Some(&b'.') {
            at += 1;
            while b.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
        }
    }
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let offset = match &s[at..] {
        "" | "Z" | "z" => 0,
        zone => {
            let sign = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let zone = zone[1..].replace(':', "");
            if zone.len() != 4 || !zone.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let (zh, zm): (i64, i64) = (zone[..2].parse().ok()?, zone[2..].parse().ok()?);
            sign * (zh * 3600 + zm * 60)
        }
    };
    Some(days * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days_and_round_trips() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 1, 27), 19_749);
        for day in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
            assert!(d >= 1 && d <= days_in_month(y, m));
        }
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
    }

    #[test]
    fn iso_dates_are_read_with_their_day_checked() {
        assert_eq!(parse_ymd("2024-01-27T12:00:00Z"), Some((2024, 1, 27)));
        assert_eq!(parse_ymd(" 2024-02-29 "), Some((2024, 2, 29)));
        assert_eq!(days_of("2024-01-27 09:00"), Some(19_749));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "27/01/2024",
            "2024-01-27garbage",
            "+202-01-27",
            "",
        ] {
            assert_eq!(parse_ymd(bad), None, "{bad}");
        }
    }

    #[test]
    fn instants_parse_in_the_forms_crawlers_write() {
        assert_eq!(parse_instant("1970-01-01"), Some(0));
        assert_eq!(parse_instant("2024-01-27T09:30:00Z"), Some(1_706_347_800));
        assert_eq!(parse_instant("2024-01-27T09:30Z"), Some(1_706_347_800));
        assert_eq!(
            parse_instant("2024-01-27T09:30:00.123Z"),
            Some(1_706_347_800)
        );
        assert_eq!(
            parse_instant("2024-01-27T11:30:00+02:00"),
            Some(1_706_347_800)
        );
        assert_eq!(parse_instant("2024-01-27 09:30:00"), Some(1_706_347_800));
        for bad in [
            "",
            "2024-02-30",
            "2024-01-27T25:00Z",
            "27.01.2024",
            "2024-01-27Tnoon",
            "2024-01-27T09:30:00 CET",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
    }
}
