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
    go_time_string(text).or_else(|| one_digit_hour(text)).or_else(|| spelled_day(text))
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
        for not_a_date in ["", "soon", "2019-04-09 08:09:26 -0700 mst", "April 31, 2019", "T8:09", "31 Foo 2019"] {
            assert_eq!(normalized(not_a_date), None, "{not_a_date}");
        }
    }
}
