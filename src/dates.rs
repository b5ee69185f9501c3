//! The one date model: every date a user types (front matter, `followup` flags, holidays in
//! site.toml, template filters) goes through the parsers here, so the same text gets the
//! same verdict and the same message everywhere. Calendar facts come from chrono.

use crate::wording::fill;
use chrono::{DateTime, Datelike, FixedOffset, Month, NaiveDate, NaiveTime, SecondsFormat, TimeZone, Utc};
use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

/// How a date must be written, quoted at the end of every date message.
pub const DATE_FORM: &str = "write dates as YYYY-MM-DD, such as 2025-01-06";

/// Every form `parse_datetime` takes, quoted in messages about a bad time of day.
pub const DATETIME_FORMS: &str = "YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DDTHH:MM[:SS], \
either optionally followed by an offset (Z or +02:00, as in RFC 3339; +0200, after a space \
as Jekyll writes it or not; or UTC)";

/// The date messages as templates with `{name}` slots for `wording::fill`. The calculator
/// page's script gets them through `followup::WORDING`, so the page, the command and front
/// matter word a bad date alike. Slot: `text`, quoted.
pub const NOT_ISO_FORM: &str = "{text} is not a valid date: write dates as YYYY-MM-DD, such as 2025-01-06";
/// Slots: `text`, `month`.
pub const NO_SUCH_MONTH: &str =
    "{text} is not a valid date: there is no month {month}; write dates as YYYY-MM-DD, such as 2025-01-06";
/// Slot: `text`. The calendar has no year 0 (1 BC is followed by AD 1), and a four-digit
/// year ends at 9999.
pub const NO_YEAR_ZERO: &str =
    "{text} is not a valid date: years run from 0001 to 9999; write dates as YYYY-MM-DD, such as 2025-01-06";
/// Slots: `text`, `month_name`, `year`, `length`.
pub const MONTH_LENGTH: &str =
    "{text} is not a valid date: {month_name} {year} has {length} days; write dates as YYYY-MM-DD, such as 2025-01-06";

/// English month names as chrono has them, for "February 2025 has 28 days".
pub const MONTH_NAMES: [&str; 12] = {
    let (mut names, mut month, mut i) = ([""; 12], Month::January, 0);
    while i < 12 {
        names[i] = month.name();
        month = month.succ();
        i += 1;
    }
    names
};

/// Why a text is not a date. The variants let callers and tests tell the cases apart; the
/// messages say what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not four digits, a hyphen, two digits, a hyphen, two digits.
    #[error("{}", fill(NOT_ISO_FORM, &[("text", &format!("{text:?}"))]))]
    Shape { text: String },
    #[error("{}", fill(NO_SUCH_MONTH, &[("text", text), ("month", &month.to_string())]))]
    NoSuchMonth { text: String, month: u32 },
    #[error("{}", fill(NO_YEAR_ZERO, &[("text", text)]))]
    YearZero { text: String },
    #[error("{}", fill(MONTH_LENGTH, &[("text", text), ("month_name", month_name), ("year", &year.to_string()), ("length", &days.to_string())]))]
    NoSuchDay { text: String, year: i32, month_name: &'static str, days: u32 },
    /// The date part is fine, what follows it is not a time of day in an accepted form.
    #[error("{text:?} is not a valid date-time: use {DATETIME_FORMS}")]
    Time { text: String },
}

/// Parses a strict `YYYY-MM-DD` date (zero-padded, four-digit year), ignoring surrounding
/// whitespace. An impossible day is named: "February 2025 has 28 days".
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let text = text.trim();
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, &c)| if i == 4 || i == 7 { c == b'-' } else { c.is_ascii_digit() });
    if !shape_ok {
        return Err(DateError::Shape { text: text.to_string() });
    }
    // The shape check leaves only ASCII digits in these slices.
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    from_ymd(text, number(0..4) as i32, number(5..7), number(8..10))
}

/// Builds a date from its parts, with the same messages as `parse_date` for `text`.
pub fn from_ymd(text: &str, year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if !(1..=9999).contains(&year) {
        return Err(DateError::YearZero { text: text.to_string() });
    }
    let Some((month_name, days)) = month_facts(year, month) else {
        return Err(DateError::NoSuchMonth { text: text.to_string(), month });
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NoSuchDay {
        text: text.to_string(),
        year,
        month_name,
        days,
    })
}

/// The English name and length of a month, from chrono: None for months outside 1 to 12
/// or outside chrono's calendar.
pub fn month_facts(year: i32, month: u32) -> Option<(&'static str, u32)> {
    let name = MONTH_NAMES.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    let days = NaiveDate::from_ymd_opt(year, month, 1)?.num_days_in_month();
    Some((name, u32::from(days)))
}

/// A front-matter date, with or without a time of day. Dates without an offset are taken
/// as UTC so that sorting and feeds agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub at: DateTime<FixedOffset>,
    pub has_time: bool,
}

impl Date {
    /// See `parse_datetime`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        parse_datetime(text)
    }

    /// A date without a time of day: midnight UTC, where it sorts.
    pub fn day(date: NaiveDate) -> Date {
        Date { at: Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)).fixed_offset(), has_time: false }
    }

    /// The calendar day as written, in the value's own offset.
    pub fn date_naive(&self) -> NaiveDate {
        self.at.date_naive()
    }

    /// The day in UTC, the zone of the build date: what "after the build date" compares.
    pub fn utc_date(&self) -> NaiveDate {
        self.at.naive_utc().date()
    }

    /// Whether this comes before `other` at the precision the author wrote: instants when
    /// both have a time of day; otherwise calendar days as written, since a date alone
    /// names a whole day, and its midnight UTC is only where it sorts (an `updated:
    /// 2025-03-12` is not before a `date: 2025-03-12 10:00`).
    pub fn is_before(self, other: Date) -> bool {
        if self.has_time && other.has_time {
            self.at < other.at
        } else {
            self.date_naive() < other.date_naive()
        }
    }

    /// Whether this has begun nowhere on Earth on the UTC day `today` (the build date): a
    /// date-time whose instant falls on a later UTC day, whatever offset it was written in;
    /// a date alone on a day after `today`'s tomorrow. A date alone is a day in its
    /// author's own zone, and zones run up to 14 hours ahead of UTC: `2025-06-02` written in
    /// Tokyo on the morning of the 2nd, while UTC is still on the 1st, is today there.
    pub fn is_after_day(self, today: NaiveDate) -> bool {
        if self.has_time {
            self.utc_date() > today
        } else {
            today.succ_opt().is_some_and(|tomorrow| self.date_naive() > tomorrow)
        }
    }

    /// This `updated` value as a moment no earlier than `date`, for feeds and sitemaps, which
    /// need one: a day alone after a timed `date`'s day begins in that date's zone, since its
    /// midnight UTC may come before the date (`date: 2025-03-12T22:00:00-05:00`, `updated:
    /// 2025-03-13` is 2025-03-13T00:00:00-05:00); on the date's own day, it is the date.
    pub fn changed_since(self, date: Date) -> Date {
        if self.has_time || !date.has_time || self.date_naive() <= date.date_naive() {
            return self.max(date);
        }
        let midnight = self.date_naive().and_time(NaiveTime::MIN).and_local_timezone(*date.at.offset()).single();
        Date { at: midnight.map_or(self.at, |at| at.max(date.at)), has_time: false }
    }

    /// `YYYY-MM-DD` for date-only values, RFC 3339 otherwise: what templates and feeds read.
    pub fn to_iso(self) -> String {
        if self.has_time {
            self.at.to_rfc3339()
        } else {
            // NaiveDate's Display is `%Y-%m-%d`, without parsing a format on every call
            // (the sitemap and every list page write thousands of these).
            self.at.date_naive().to_string()
        }
    }

    /// Always a full RFC 3339 date-time, `Z` for UTC, as Atom's `published` and `updated`
    /// require: a date without a time is midnight UTC, where it sorts.
    pub fn to_rfc3339(self) -> String {
        self.at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }
}

/// Parses any form in `DATETIME_FORMS`. The date part goes through `parse_date`, so a bad
/// date gets exactly the message the `followup` command gives for it.
pub fn parse_datetime(text: &str) -> Result<Date, DateError> {
    let text = text.trim();
    let (date_part, time_part) = match text.find([' ', 'T', 't']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let date = parse_date(date_part).map_err(|e| match e {
        // Name the whole text, not just the part before the time.
        DateError::Shape { .. } => DateError::Shape { text: text.to_string() },
        other => other,
    })?;
    let Some(rest) = time_part else { return Ok(Date::day(date)) };
    let time_error = || DateError::Time { text: text.to_string() };
    let (time, rest) = parse_time(rest).ok_or_else(time_error)?;
    let offset = match rest {
        "" => None,
        "Z" | "z" | " UTC" | " GMT" => Some(0),
        // RFC 3339 writes `+02:00` right after the time, Jekyll ` +0200`, and Hugo reads
        // either offset in either place (as ISO 8601 allows `+0200`).
        _ => Some(parse_offset(rest.strip_prefix(' ').unwrap_or(rest)).ok_or_else(time_error)?),
    };
    let naive = date.and_time(time);
    let at = match offset {
        None => Utc.from_utc_datetime(&naive).fixed_offset(),
        Some(seconds) => {
            let zone = FixedOffset::east_opt(seconds).ok_or_else(time_error)?;
            zone.from_local_datetime(&naive).single().ok_or_else(time_error)?
        }
    };
    Ok(Date { at, has_time: true })
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fraction`, zero-padded; returns what follows.
fn parse_time(text: &str) -> Option<(NaiveTime, &str)> {
    let two = |s: &str, at: usize| -> Option<u32> {
        let digits = s.get(at..at + 2)?;
        digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok())?
    };
    let hour = two(text, 0)?;
    (text.as_bytes().get(2) == Some(&b':')).then_some(())?;
    let minute = two(text, 3)?;
    let mut end = 5;
    let mut second = 0;
    let mut nano = 0;
    if text.as_bytes().get(5) == Some(&b':') {
        second = two(text, 6)?;
        end = 8;
        if text.as_bytes().get(8) == Some(&b'.') {
            let digits = text[9..].bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            // RFC 3339 allows any number of digits; past nanoseconds they are dropped.
            let kept = digits.min(9);
            nano = text[9..9 + kept].parse::<u32>().ok()? * 10u32.pow(9 - kept as u32);
            end = 9 + digits;
        }
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?;
    Some((time, &text[end..]))
}

/// `+HH:MM` or `+HHMM`, `-` for west of UTC; in seconds east.
fn parse_offset(text: &str) -> Option<i32> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = &text[1..];
    // Byte positions below are character positions only in ASCII text (`+€0` is 4 bytes).
    if !digits.is_ascii() {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        5 if digits.as_bytes()[2] == b':' => (&digits[..2], &digits[3..]),
        4 => (&digits[..2], &digits[2..]),
        _ => return None,
    };
    if !(hours.bytes().chain(minutes.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours < 24 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// A date as a file writes it: text (YAML, or quoted in TOML), or a TOML date value.
#[derive(Deserialize)]
#[serde(untagged, expecting = "not a date: write dates as YYYY-MM-DD, such as 2025-12-25")]
enum Written {
    Text(String),
    Toml(toml::value::Datetime),
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = match Written::deserialize(d)? {
            Written::Text(text) => text,
            Written::Toml(written) => written.to_string(),
        };
        parse_datetime(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

/// For `#[serde(deserialize_with)]` on a list of dates in site.toml: each may be a quoted
/// `YYYY-MM-DD` or a TOML date, and both go straight into `NaiveDate` through the checks
/// above, so a TOML date-time or an impossible day is an error at its own position.
pub fn deserialize_toml_dates<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
    struct One(NaiveDate);
    impl<'de> Deserialize<'de> for One {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let date = match Written::deserialize(d)? {
                Written::Text(text) => parse_date(&text),
                Written::Toml(written) => match (written.date, written.time, written.offset) {
                    (Some(date), None, None) => {
                        from_ymd(&written.to_string(), date.year.into(), date.month.into(), date.day.into())
                    }
                    _ => Err(DateError::Shape { text: written.to_string() }),
                },
            };
            date.map(One).map_err(serde::de::Error::custom)
        }
    }
    Ok(Vec::<One>::deserialize(d)?.into_iter().map(|One(date)| date).collect())
}

/// The build date in UTC, or the date of `SOURCE_DATE_EPOCH` for reproducible builds.
pub fn today() -> anyhow::Result<NaiveDate> {
    use anyhow::Context as _;
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => date_from_epoch(&v),
        Err(std::env::VarError::NotPresent) => Ok(Utc::now().date_naive()),
        Err(e) => Err(e).context("SOURCE_DATE_EPOCH"),
    }
}

fn date_from_epoch(value: &str) -> anyhow::Result<NaiveDate> {
    use anyhow::Context as _;
    let secs: i64 = value
        .trim()
        .parse()
        .with_context(|| format!("SOURCE_DATE_EPOCH={value:?} is not a whole number of seconds since 1970"))?;
    // The site's own dates run from 0001 to 9999: a build day outside them would be
    // written where no date of the site's could be.
    match DateTime::<Utc>::from_timestamp(secs, 0).map(|t| t.date_naive()) {
        Some(day) if (1..=9999).contains(&day.year()) => Ok(day),
        _ => anyhow::bail!("SOURCE_DATE_EPOCH={value:?} is out of range: it must fall in the years 0001 to 9999"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        for (year, leap) in [(2024, true), (2025, false), (1900, false), (2000, true), (2100, false), (2400, true)] {
            let text = format!("{year}-02-29");
            assert_eq!(parse_date(&text).is_ok(), leap, "{text}");
            let days = if leap { 29 } else { 28 };
            assert_eq!(parse_date(&format!("{year}-02-{days}")), Ok(d(year, 2, days)));
            if !leap {
                let e = parse_date(&text).unwrap_err();
                assert_eq!(
                    e.to_string(),
                    format!("{text} is not a valid date: February {year} has 28 days; {DATE_FORM}")
                );
            }
        }
    }

    #[test]
    fn every_months_last_day_exists_and_the_next_does_not() {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let names = [
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
        for (i, (&days, name)) in lengths.iter().zip(names).enumerate() {
            let month = i as u32 + 1;
            assert_eq!(month_facts(2025, month), Some((name, days)));
            assert_eq!(parse_date(&format!("2025-{month:02}-{days:02}")), Ok(d(2025, month, days)));
            let over = format!("2025-{month:02}-{:02}", days + 1);
            assert_eq!(
                parse_date(&over),
                Err(DateError::NoSuchDay { text: over.clone(), year: 2025, month_name: name, days }),
            );
            let zero = format!("2025-{month:02}-00");
            assert!(matches!(parse_date(&zero), Err(DateError::NoSuchDay { .. })), "{zero}");
        }
    }

    #[test]
    fn invalid_months_are_named() {
        for month in [0, 13, 99] {
            let text = format!("2025-{month:02}-01");
            let e = parse_date(&text).unwrap_err();
            assert_eq!(e, DateError::NoSuchMonth { text: text.clone(), month });
            assert!(e.to_string().contains(&format!("there is no month {month};")), "{e}");
        }
        assert_eq!(month_facts(2025, 0), None);
        assert_eq!(month_facts(2025, 300), None);
        assert_eq!(month_facts(2025, u32::MAX), None);
    }

    #[test]
    fn only_zero_padded_four_digit_years_are_dates() {
        for bad in [
            "2025-1-6",
            "2025-01-6",
            "2025-1-06",
            "25-01-06",
            "02025-01-06",
            "+2025-01-06",
            "2025/01/06",
            "06/01/2025",
            "20250106",
            "2025-01-06x",
            "２０２５-01-06",
            "2025-0１-06",
            "",
            "hello",
            "2025 -01-06",
        ] {
            let e = parse_date(bad).unwrap_err();
            assert_eq!(e, DateError::Shape { text: bad.trim().to_string() }, "{bad:?}");
            assert!(e.to_string().contains("YYYY-MM-DD, such as 2025-01-06"), "{bad:?}: {e}");
        }
        assert_eq!(parse_date("0001-01-01"), Ok(d(1, 1, 1)));
        let e = parse_date("0000-01-01").unwrap_err();
        assert_eq!(e, DateError::YearZero { text: "0000-01-01".into() });
        assert!(e.to_string().contains("years run from 0001 to 9999"), "{e}");
        assert_eq!(parse_date("9999-12-31"), Ok(d(9999, 12, 31)));
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        for text in [" 2025-01-06", "2025-01-06 ", "\t2025-01-06\n", "  2025-01-06\r\n"] {
            assert_eq!(parse_date(text), Ok(d(2025, 1, 6)), "{text:?}");
            assert_eq!(parse_datetime(text).unwrap().to_iso(), "2025-01-06", "{text:?}");
        }
    }

    #[test]
    fn every_error_names_the_accepted_form() {
        for bad in ["hello", "2025-13-01", "2025-02-30", "2025-1-6"] {
            assert!(parse_date(bad).unwrap_err().to_string().contains(DATE_FORM), "{bad}");
        }
        let e = parse_datetime("2025-01-06 25:00").unwrap_err();
        assert_eq!(e, DateError::Time { text: "2025-01-06 25:00".into() });
        assert!(e.to_string().contains(DATETIME_FORMS), "{e}");
        for form in ["YYYY-MM-DD HH:MM[:SS]", "YYYY-MM-DDTHH:MM[:SS]", "RFC 3339", "+0200", "UTC"] {
            assert!(DATETIME_FORMS.contains(form), "{form}");
        }
    }

    #[test]
    fn a_bad_date_gets_the_same_message_with_or_without_a_time() {
        for bad in ["2025-1-6", "2025-02-30", "2025-13-01", "hello", "2100-02-29", ""] {
            assert_eq!(parse_datetime(bad).unwrap_err(), parse_date(bad).unwrap_err(), "{bad:?}");
        }
        // With a time after it, the date's own problem is still the one reported.
        let e = parse_datetime("2025-02-30 10:00").unwrap_err();
        assert_eq!(e, parse_date("2025-02-30").unwrap_err());
        let e = parse_datetime("2025-1-6T10:00").unwrap_err();
        assert_eq!(e, DateError::Shape { text: "2025-1-6T10:00".into() });
    }

    #[test]
    fn each_accepted_form() {
        let iso = |text: &str| parse_datetime(text).unwrap().to_iso();
        assert_eq!(iso("2024-02-29"), "2024-02-29");
        assert!(!parse_datetime("2024-02-29").unwrap().has_time);
        // RFC 3339, with the separators and offsets it allows.
        assert_eq!(iso("2025-01-06T09:30:00+02:00"), "2025-01-06T09:30:00+02:00");
        assert_eq!(iso("2025-01-06T09:30:00Z"), "2025-01-06T09:30:00+00:00");
        assert_eq!(iso("2025-01-06t09:30:00z"), "2025-01-06T09:30:00+00:00");
        assert_eq!(iso("2025-01-06 09:30:00-05:00"), "2025-01-06T09:30:00-05:00");
        assert_eq!(iso("2025-01-06T09:30:00.250+01:00"), "2025-01-06T09:30:00.250+01:00");
        // Without an offset: UTC.
        assert_eq!(iso("2025-01-06 09:30"), "2025-01-06T09:30:00+00:00");
        assert_eq!(iso("2025-01-06 09:30:15"), "2025-01-06T09:30:15+00:00");
        assert_eq!(iso("2025-01-06T09:30"), "2025-01-06T09:30:00+00:00");
        assert_eq!(iso("2025-01-06T09:30:15"), "2025-01-06T09:30:15+00:00");
        // ISO 8601's offset without a colon, and either offset after a space, as Hugo reads them.
        assert_eq!(iso("2025-01-06T09:30:00+0200"), "2025-01-06T09:30:00+02:00");
        assert_eq!(iso("2025-01-06 09:30:00 -05:00"), "2025-01-06T09:30:00-05:00");
        assert_eq!(iso("2025-01-06 09:30:00 UTC"), "2025-01-06T09:30:00+00:00");
        assert_eq!(iso("2025-01-06 09:30 GMT"), "2025-01-06T09:30:00+00:00");
        // Jekyll.
        assert_eq!(iso("2013-05-06 02:12:52 +0200"), "2013-05-06T02:12:52+02:00");
        assert_eq!(iso("2013-05-06 02:12:52 -0730"), "2013-05-06T02:12:52-07:30");
        let jekyll = parse_datetime("2013-05-06 02:12:52 +0200").unwrap();
        assert_eq!(jekyll.at.with_timezone(&Utc).to_rfc3339(), "2013-05-06T00:12:52+00:00");
        assert!(jekyll.has_time);
    }

    #[test]
    fn an_update_on_a_later_day_comes_after_a_timed_date_in_any_zone() {
        let changed = |updated: &str, date: &str| {
            Date::parse(updated).unwrap().changed_since(Date::parse(date).unwrap()).to_rfc3339()
        };
        // Midnight UTC on the 13th is before 22:00 on the 12th at -05:00: the day begins there.
        assert_eq!(changed("2025-03-13", "2025-03-12T22:00:00-05:00"), "2025-03-13T00:00:00-05:00");
        assert_eq!(changed("2025-03-13", "2025-03-12T22:00:00+09:00"), "2025-03-13T00:00:00+09:00");
        // On the date's own day, the date; a timed update, or two days alone, the later.
        assert_eq!(changed("2025-03-12", "2025-03-12T22:00:00-05:00"), "2025-03-12T22:00:00-05:00");
        assert_eq!(changed("2025-03-14T08:00:00Z", "2025-03-12T22:00:00-05:00"), "2025-03-14T08:00:00Z");
        assert_eq!(changed("2025-03-14", "2025-03-12"), "2025-03-14T00:00:00Z");
        assert_eq!(
            Date::parse("2025-03-13")
                .unwrap()
                .changed_since(Date::parse("2025-03-12T22:00:00-05:00").unwrap())
                .to_iso(),
            "2025-03-13"
        );
    }

    #[test]
    fn rfc3339_always_has_a_time_and_an_offset() {
        let rfc = |text: &str| parse_datetime(text).unwrap().to_rfc3339();
        assert_eq!(rfc("2024-02-29"), "2024-02-29T00:00:00Z");
        assert_eq!(rfc("2025-01-06 09:30"), "2025-01-06T09:30:00Z");
        assert_eq!(rfc("2025-01-06T09:30:00+02:00"), "2025-01-06T09:30:00+02:00");
        assert_eq!(rfc("2013-05-06 02:12:52 -0730"), "2013-05-06T02:12:52-07:30");
        assert_eq!(rfc("2025-01-06T09:30:00.250Z"), "2025-01-06T09:30:00.250Z");
        // Any number of fraction digits, as RFC 3339 allows; nanoseconds are kept.
        assert_eq!(rfc("2024-01-01T10:00:00.123456789123Z"), "2024-01-01T10:00:00.123456789Z");
    }

    #[test]
    fn bad_times_are_rejected() {
        for bad in [
            "2025-01-06 24:00",
            "2025-01-06 9:30",
            "2025-01-06 09:60",
            "2025-01-06 09:30:61",
            "2025-01-06T",
            "2025-01-06 ",
            "2025-01-06T09",
            "2025-01-06T09:30:00+2:00",
            "2025-01-06T09:30:00+020",
            "2025-01-06T09:30:00+02:0",
            "2025-01-06 09:30:00 +02:00x",
            "2025-01-06 09:30:00 +0200 CET",
            "2025-01-06 09:30:00UTC",
            "2025-01-06 09:30:00 utc",
            "2025-01-06 09:30:00 +2400",
            "2025-01-06 09:30:00  +0200",
            "2025-01-06T09:30:00.+01:00",
            "2025-01-06T09:30:00 Z",
            "2025-01-06 noon",
        ] {
            // "2025-01-06 " trims to a plain date, which is fine.
            if bad.trim_end() == "2025-01-06" {
                assert!(parse_datetime(bad).is_ok());
                continue;
            }
            assert_eq!(parse_datetime(bad).unwrap_err(), DateError::Time { text: bad.trim().into() }, "{bad:?}");
        }
    }

    #[test]
    fn serde_reads_and_writes_iso() {
        let date: Date = serde_json::from_str("\"2025-01-06 09:30\"").unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2025-01-06T09:30:00+00:00\"");
        let e = serde_json::from_str::<Date>("\"2025-02-30\"").unwrap_err();
        assert!(e.to_string().contains("February 2025 has 28 days"), "{e}");
    }

    #[derive(Debug, Deserialize)]
    struct Holidays {
        #[serde(deserialize_with = "deserialize_toml_dates")]
        days: Vec<NaiveDate>,
    }

    #[test]
    fn toml_dates_and_strings_become_dates() {
        let h: Holidays = toml::from_str("days = [\"2025-12-25\", 2026-01-01, \" 2024-02-29 \"]").unwrap();
        assert_eq!(h.days, vec![d(2025, 12, 25), d(2026, 1, 1), d(2024, 2, 29)]);
        let message = |text: &str| toml::from_str::<Holidays>(text).unwrap_err().message().to_string();
        assert_eq!(message("days = [\"2025-02-30\"]"), parse_date("2025-02-30").unwrap_err().to_string());
        assert_eq!(message("days = [\"2025-1-6\"]"), parse_date("2025-1-6").unwrap_err().to_string());
        for date_time in ["2025-01-01T10:00:00", "2025-01-01T10:00:00Z", "10:00:00"] {
            let m = message(&format!("days = [{date_time}]"));
            assert!(m.contains(&format!("{date_time:?} is not a valid date")), "{m}");
        }
        assert!(message("days = [20251225]").contains("not a date: write dates as YYYY-MM-DD"));
    }

    #[test]
    fn no_text_makes_the_parsers_panic() {
        // Every prefix-and-suffix mix of the forms with multi-byte characters at each place
        // a byte offset is taken.
        let pieces =
            ["2025-01-01", " ", "T", "10:00", ":00", ".5", "Z", " +", "-", "€", "ü0", "00", ":", "+€0", "0200"];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 6 + 1) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let _ = parse_datetime(&text);
            let _ = parse_date(&text);
        }
        assert!(parse_datetime("2025-01-01 10:00:00 +€0").is_err());
        assert!(parse_datetime("2025-01-01T10:00:00+0€:00").is_err());
    }

    #[test]
    fn the_utc_day_is_the_day_in_utc_whatever_the_offset() {
        let d = |t: &str| parse_datetime(t).unwrap();
        assert_eq!(d("2029-12-31T23:00:00-05:00").utc_date(), parse_date("2030-01-01").unwrap());
        assert_eq!(d("2030-01-01T01:00:00+05:00").utc_date(), parse_date("2029-12-31").unwrap());
        assert_eq!(d("2030-01-01").utc_date(), parse_date("2030-01-01").unwrap());
        assert_eq!(d("2029-12-31T23:00:00-05:00").date_naive(), parse_date("2029-12-31").unwrap());
    }

    #[test]
    fn a_date_alone_is_before_another_only_on_an_earlier_day() {
        let at = |text: &str| parse_datetime(text).unwrap();
        let before = |a: &str, b: &str| at(a).is_before(at(b));
        // A day against a time of day, either way round: the day as each was written.
        assert!(!before("2025-03-12", "2025-03-12 10:00:00"));
        assert!(!before("2025-03-12 00:30 +05:00", "2025-03-12"));
        assert!(!before("2025-03-12", "2025-03-12 23:30 -08:00"));
        assert!(before("2025-03-11", "2025-03-12 00:00"));
        assert!(before("2025-03-12 23:59", "2025-03-13"));
        assert!(!before("2025-03-13", "2025-03-12 23:59"));
        // Two days, and two instants, compare as they always did.
        assert!(before("2025-03-11", "2025-03-12"));
        assert!(!before("2025-03-12", "2025-03-12"));
        assert!(before("2025-03-12 09:59", "2025-03-12 10:00"));
        assert!(before("2025-03-12 10:00 +02:00", "2025-03-12 09:00"));
        assert!(!before("2025-03-12 10:00", "2025-03-12 10:00:00Z"));
    }

    #[test]
    fn after_the_build_day_means_begun_nowhere_yet() {
        let today = parse_date("2025-06-01").unwrap();
        let after = |text: &str| parse_datetime(text).unwrap().is_after_day(today);
        // A date alone: today and tomorrow are today somewhere east of UTC.
        assert!(!after("2025-05-31") && !after("2025-06-01") && !after("2025-06-02"));
        assert!(after("2025-06-03"));
        // A time of day is one instant: its UTC day decides, not the day as written.
        assert!(!after("2025-06-02T01:00:00+05:00"), "20:00 UTC on the 1st");
        assert!(!after("2025-06-01T23:59:59Z"));
        assert!(after("2025-06-02T00:00:00Z"));
        assert!(after("2025-06-01T20:00:00-05:00"), "01:00 UTC on the 2nd");
        // The calendar's last day has no tomorrow: nothing is after it.
        let last = parse_date("9999-12-31").unwrap();
        assert!(!parse_datetime("9999-12-31").unwrap().is_after_day(last));
    }

    #[test]
    fn source_date_epoch_is_read_as_utc_date() {
        assert_eq!(date_from_epoch("1736121600").unwrap(), NaiveDate::from_ymd_opt(2025, 1, 6).unwrap());
        assert_eq!(date_from_epoch("0").unwrap(), NaiveDate::from_ymd_opt(1970, 1, 1).unwrap());
        assert!(date_from_epoch("yesterday").is_err());
        assert!(date_from_epoch("99999999999999999").is_err());
        // The site's dates run from 0001 to 9999, and so does the build day.
        assert_eq!(date_from_epoch("253402214400").unwrap(), NaiveDate::from_ymd_opt(9999, 12, 31).unwrap());
        for outside in ["253402300800", "-99999999999", "-62135596801"] {
            let e = date_from_epoch(outside).unwrap_err().to_string();
            assert!(e.contains("the years 0001 to 9999"), "{outside}: {e}");
        }
        assert_eq!(date_from_epoch("-62135596800").unwrap(), NaiveDate::from_ymd_opt(1, 1, 1).unwrap());
    }
}
