//! Dates as the old generators' own parsers read them, where careerpress's stricter reader
//! would not: Hugo tries Go's layouts one after another (RFC 1123 and RFC 822 as feeds
//! write them, Go's `Time.String()` with its zone's name, an hour of one digit), and
//! Jekyll hands a date to Ruby's `Time.parse` (`April 9, 2019`). An article that loses its
//! date is dated the day of the import and jumps to the top of every list, so each such
//! date is written in careerpress's form instead.

use chrono::{DateTime, NaiveDate};

/// `text` in the form careerpress reads (`2019-04-09T08:09:26-07:00`, or `2019-04-09`
/// for a day alone), when it is a date in one of the forms the old generators read; None
/// for anything else.
pub fn normalized(text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc2822(text) {
        return Some(at.to_rfc3339());
    }
    go_time_string(text).or_else(|| named_zone(text)).or_else(|| one_digit_hour(text)).or_else(|| spelled_day(text))
}

/// Zones by the names Ruby's `Time.parse` knows them by (its zone table's common ones),
/// with their offsets in minutes east of UTC.
const ZONES: [(&str, i32); 38] = [
    ("UT", 0),
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("EST", -300),
    ("EDT", -240),
    ("CST", -360),
    ("CDT", -300),
    ("MST", -420),
    ("MDT", -360),
    ("PST", -480),
    ("PDT", -420),
    ("AKST", -540),
    ("AKDT", -480),
    ("HST", -600),
    ("AST", -240),
    ("ADT", -180),
    ("NST", -210),
    ("NDT", -150),
    ("WET", 0),
    ("WEST", 60),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("EET", 120),
    ("EEST", 180),
    ("MSK", 180),
    ("IST", 330),
    ("SGT", 480),
    ("HKT", 480),
    ("AWST", 480),
    ("JST", 540),
    ("KST", 540),
    ("ACST", 570),
    ("AEST", 600),
    ("AEDT", 660),
    ("NZST", 720),
    ("NZDT", 780),
];

/// A date and time followed by a zone's name and no offset, `2012-03-04 10:00:00 PST`,
/// which Ruby's `Time.parse` (Jekyll's) read at that zone's offset, in any case.
fn named_zone(text: &str) -> Option<String> {
    let (rest, name) = text.rsplit_once(' ')?;
    let minutes = ZONES.iter().find(|(zone, _)| zone.eq_ignore_ascii_case(name))?.1;
    let offset = chrono::FixedOffset::east_opt(minutes * 60)?;
    let rest = rest.trim_end();
    // A day alone is its midnight there, which Jekyll then read in the site's zone.
    let midnight = || NaiveDate::parse_from_str(rest, "%Y-%m-%d").ok().and_then(|day| day.and_hms_opt(0, 0, 0));
    let local = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|form| chrono::NaiveDateTime::parse_from_str(rest, form).ok())
        .or_else(midnight)?;
    let at = local.and_local_timezone(offset).single()?;
    Some(at.to_rfc3339())
}

/// Go's `Time.String()`, which Hugo archetypes and scripts wrote: `2019-04-09 08:09:26
/// -0700 MST` (the offset says where; the zone's name repeats it).
fn go_time_string(text: &str) -> Option<String> {
    let (rest, zone) = text.rsplit_once(' ')?;
    if zone.len() < 2 || !zone.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let at = DateTime::parse_from_str(rest, "%Y-%m-%d %H:%M:%S%.f %z").ok()?;
    Some(at.to_rfc3339())
}

/// RFC 3339 with an hour of one digit, `2019-04-09T8:09:26-07:00`, which Go's parser takes.
fn one_digit_hour(text: &str) -> Option<String> {
    let (day, time) = text.split_once(['T', ' '])?;
    let hour_end = time.find(':')?;
    if hour_end != 1 || !time.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let padded = format!("{day}T0{time}");
    crate::dates::parse_datetime(&padded).is_ok().then_some(padded)
}

/// A day written with its month's name, as Ruby's `Time.parse` reads it (and Go's
/// `02 Jan 2006`): `April 9, 2019`, `Apr 9 2019`, `9 April 2019`, `09 Apr 2019`.
fn spelled_day(text: &str) -> Option<String> {
    let text = text.replace(',', " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    ["%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"]
        .iter()
        .find_map(|form| NaiveDate::parse_from_str(&text, form).ok())
        .filter(|day| (1000..=9999).contains(&chrono::Datelike::year(day)))
        .map(|day| day.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_hugo_and_jekyll_read_are_written_as_careerpress_reads_them() {
        for (written, read) in [
            ("Tue, 09 Apr 2019 08:09:26 -0700", "2019-04-09T08:09:26-07:00"),
            ("Tue, 09 Apr 2019 08:09:26 GMT", "2019-04-09T08:09:26+00:00"),
            ("09 Apr 19 08:09 -0700", "2019-04-09T08:09:00-07:00"),
            ("2019-04-09 08:09:26 -0700 MST", "2019-04-09T08:09:26-07:00"),
            ("2019-04-09 08:09:26.5 +0000 UTC", "2019-04-09T08:09:26.500+00:00"),
            ("2019-04-09T8:09:26-07:00", "2019-04-09T08:09:26-07:00"),
            ("2012-03-04 10:00:00 PST", "2012-03-04T10:00:00-08:00"),
            ("2012-03-04 10:00 pdt", "2012-03-04T10:00:00-07:00"),
            ("2012-03-04T10:00:00.25 IST", "2012-03-04T10:00:00.250+05:30"),
            ("2012-03-04 23:30:00 UTC", "2012-03-04T23:30:00+00:00"),
            ("2012-03-04 CET", "2012-03-04T00:00:00+01:00"),
            ("2019-04-09 8:09:26", "2019-04-09T08:09:26"),
            ("April 9, 2019", "2019-04-09"),
            ("Apr 9 2019", "2019-04-09"),
            ("9 April 2019", "2019-04-09"),
            ("09 Apr 2019", "2019-04-09"),
        ] {
            let got = normalized(written);
            assert_eq!(got.as_deref(), Some(read), "{written}");
            assert!(crate::dates::parse_datetime(read).is_ok(), "careerpress reads {read}");
        }
        for not_a_date in [
            "",
            "soon",
            "2019-04-09 08:09:26 -0700 mst",
            "2012-03-04 10:00:00 XYZ",
            "PST",
            "April 31, 2019",
            "T8:09",
            "31 Foo 2019",
        ] {
            assert_eq!(normalized(not_a_date), None, "{not_a_date}");
        }
    }
}
