//! Where a key stands in TOML text, from toml_edit's spans (the parser toml itself uses):
//! for errors about values in site.toml and in TOML front matter, found after parsing; and
//! where the first control character stands, for every TOML file careerpress reads. Also
//! `explain`, toml's errors said on one line in an author's words (syntax errors by
//! `toml_syntax`), for every TOML reader.

use crate::error::line_col;
use crate::mismatch::{self, Syntax};
use std::ops::Range;
use toml_edit::{Item, TableLike, Value};

/// Where the key at `path` (`["followup", "weekend"]`) is written, from the TOML parser's
/// own spans: in a `[table]`, a dotted key or an inline table alike. When the last key is
/// not written (a default that failed), the deepest table that is written stands in.
pub fn key_position(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut table: &dyn toml_edit::TableLike = doc.as_table();
    let mut found = None;
    for key in path {
        let Some((k, item)) = table.get_key_value(key) else { break };
        found = k.span().or_else(|| item.span()).or(found);
        match item.as_table_like() {
            Some(t) => table = t,
            None => break,
        }
    }
    found.map(|span| line_col(text, span.start))
}

/// Where the value at `path` starts, for an error about the value itself; where the path
/// is not written to its end, as `key_position` finds it.
pub fn value_position(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut item = doc.as_item();
    for key in path {
        match item.as_table_like().and_then(|t| t.get(key)) {
            Some(next) => item = next,
            None => return key_position(text, path),
        }
    }
    // A `[table]` is located at its header, as `key_position` does; a value at its start.
    match item.as_value().and_then(|v| v.span()) {
        Some(span) => Some(line_col(text, span.start)),
        None => key_position(text, path),
    }
}

/// The (line, column) of each of the `count` items of the array at top-level `key`; the
/// key's position where an item is not found.
pub fn item_positions(text: &str, key: &str, count: usize) -> Vec<Option<(usize, usize)>> {
    let doc = toml_edit::ImDocument::parse(text).ok();
    let array = doc.as_ref().and_then(|d| d.as_table().get(key)).and_then(|i| i.as_array());
    (0..count)
        .map(|n| {
            let span = array.and_then(|a| a.get(n)).and_then(|v| v.span());
            span.map(|s| line_col(text, s.start)).or_else(|| key_position(text, &[key]))
        })
        .collect()
}

/// The (line, column) of each of the `count` tables of the array of tables `[[key]]` at the
/// top level (None where one is not found).
pub fn table_positions(text: &str, key: &str, count: usize) -> Vec<Option<(usize, usize)>> {
    let doc = toml_edit::ImDocument::parse(text).ok();
    let tables = doc.as_ref().and_then(|d| d.as_table().get(key)).and_then(Item::as_array_of_tables);
    (0..count).map(|n| tables.and_then(|t| t.get(n)).and_then(|t| t.span()).map(|s| line_col(text, s.start))).collect()
}

/// A TOML error as an author is told it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The key it is about, dotted (`jobs.callout_limit`), when it is known: callers name
    /// it in their own style. None for an unknown key, which the message names.
    pub key: Option<String>,
    pub message: String,
    pub at: Option<(usize, usize)>,
}

/// toml's error `e` on `text`, with `path` the key path serde_path_to_error saw (`.` for
/// none), said on one line (toml writes its syntax errors on several), in plain words
/// (`mismatch`), and for a bare date the calendar does not have (`date = 2025-13-01`),
/// with the date parser's own message at the date: what YAML front matter says of it.
pub fn explain(text: &str, e: &toml::de::Error, path: &str) -> Explained {
    let at = e.span().map(|span| span.start);
    let syntax = path == "." || path.is_empty();
    if let Some(date) = at.filter(|_| syntax).and_then(|at| bad_date(text, at)) {
        return date;
    }
    let lines: Vec<&str> = e.message().lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let joined = lines.join(": ");
    if let Some((message, at)) = at.filter(|_| syntax).and_then(|at| crate::toml_syntax::said(text, &joined, at)) {
        return Explained { key: None, message, at: Some(line_col(text, at)) };
    }
    let message = match lines.as_slice() {
        // Where a value should start, toml tried a string last: `a = = 1`, `title = Hello`.
        ["invalid string", "expected `\"`, `'`"] => NO_VALUE.to_string(),
        _ => mismatch::plain(&joined, Syntax::Toml),
    };
    let key = (path != "." && !path.is_empty() && !message.starts_with("unknown field `")).then(|| path.to_string());
    Explained { key, message, at: at.map(|at| line_col(text, at)) }
}

/// What an author is told where a TOML value is missing or is text without quotes.
const NO_VALUE: &str =
    "expected a value: text in quotes (\"like this\"), a number, true or false, a date, a [list] or an { inline = \"table\" }";

/// The date parser's error for the bare date-time at byte `at` of `text`, at where the
/// date starts, keyed by the `key =` its line starts with; None where no date stands there,
/// or it is one the date parser takes (toml failed for another reason).
fn bad_date(text: &str, at: usize) -> Option<Explained> {
    let part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | '+');
    let start_of =
        |at: usize| text[..at].char_indices().rev().find(|&(_, c)| !part(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let end_of = |at: usize| text[at..].find(|c: char| !part(c)).map_or(text.len(), |i| at + i);
    let dated = |token: &str| {
        let b = token.as_bytes();
        b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
    };
    let (mut start, mut end) = (start_of(at), end_of(at));
    // TOML may part a date from its time with a space, `2025-02-03 25:00:00`, and toml
    // may fail at either part.
    let spaced = |start: usize| start > 0 && text.as_bytes()[start - 1] == b' ';
    let timed = |token: &str| token.starts_with(|c: char| c.is_ascii_digit()) && token.contains(':');
    if spaced(start) && timed(&text[start..end]) && dated(&text[start_of(start - 1)..start - 1]) {
        start = start_of(start - 1);
    } else if end == start + 10
        && text[end..].starts_with(' ')
        && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        end = end_of(end + 1);
    }
    let date = &text[start..end];
    if !dated(date) {
        return None;
    }
    let message = crate::dates::parse_datetime(date).err()?.to_string();
    Some(Explained { key: key_of_line(text, start), message, at: Some(line_col(text, start)) })
}

/// The key a line of TOML that does not parse assigns at byte `at` (`holidays = [` before
/// it), under the `[table]` it stands in; None where it is not a plain key.
fn key_of_line(text: &str, at: usize) -> Option<String> {
    let bare = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let (key, _) = text[line_start..at].rsplit_once('=')?;
    let key = Some(key.trim()).filter(|k| bare(k))?;
    let table = text[..line_start].lines().rev().map(str::trim).find(|l| l.starts_with('['));
    let table =
        table.map(|t| t.split('#').next().unwrap_or(t).trim().trim_matches(['[', ']']).trim()).filter(|t| bare(t));
    Some(table.map_or_else(|| key.to_string(), |t| format!("{t}.{key}")))
}

/// The (line, column) and character of the first control character in TOML text, written
/// as it is or as an escape (`"\u0000"`, `"\b"`) in a key or string value. The parser
/// refuses most raw ones itself, but not C1 controls, and every escape is valid TOML.
pub fn first_control(text: &str) -> Option<((usize, usize), char)> {
    if let Some((at, c)) = crate::escape::first_control(text) {
        return Some((line_col(text, at), c));
    }
    // Only a basic string's escapes can write one, and each starts with a backslash.
    if !text.contains('\\') {
        return None;
    }
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut found: Option<(usize, char)> = None;
    let mut note = |span: Option<Range<usize>>, decoded: &str| {
        let c = decoded.chars().find(|&c| crate::escape::is_control(c));
        if let (Some(span), Some(c)) = (span, c) {
            if found.is_none_or(|(at, _)| span.start < at) {
                found = Some((span.start, c));
            }
        }
    };
    walk_item(doc.as_item(), &mut note);
    found.map(|(at, c)| (line_col(text, at), c))
}

/// Every key and string value below `item`, decoded, with its span.
fn walk_item(item: &Item, note: &mut impl FnMut(Option<Range<usize>>, &str)) {
    match item {
        Item::Value(value) => walk_value(value, note),
        Item::Table(table) => walk_table(table, note),
        Item::ArrayOfTables(tables) => tables.iter().for_each(|t| walk_table(t, note)),
        Item::None => {}
    }
}

fn walk_table(table: &dyn TableLike, note: &mut impl FnMut(Option<Range<usize>>, &str)) {
    for (name, item) in table.iter() {
        if let Some(key) = table.key(name) {
            note(key.span(), key.get());
        }
        walk_item(item, note);
    }
}

fn walk_value(value: &Value, note: &mut impl FnMut(Option<Range<usize>>, &str)) {
    match value {
        Value::String(s) => note(s.span(), s.value()),
        Value::Array(items) => items.iter().for_each(|v| walk_value(v, note)),
        Value::InlineTable(table) => walk_table(table, note),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_escaped_or_not() {
        for (text, at, c) in [
            ("title = \"a\\u0000b\"\n", (1, 9), '\0'),
            ("title = \"ok\"\n[extra]\nx = [\"fine\", { y = \"\\b\" }]\n", (3, 20), '\u{8}'),
            ("[[list]]\nname = \"\\u0085\"\n", (2, 8), '\u{85}'),
            ("\"k\\u001b\" = 1\n", (1, 1), '\u{1b}'),
            ("a.\"b\\u007f\".c = 1\n", (1, 3), '\u{7f}'),
            ("title = \"a\u{85}\"\n", (1, 11), '\u{85}'),
            ("z = \"\\u0001\"\na = \"\\u0002\"\n", (1, 5), '\u{1}'),
        ] {
            assert_eq!(first_control(text), Some((at, c)), "{text:?}");
        }
        for fine in ["title = 'C:\\0'\n", "title = \"tab\\there \\u00e9\"\n", "a = \"\"\"\nx\\ny\"\"\"\n", "a = 1\n"] {
            assert_eq!(first_control(fine), None, "{fine:?}");
        }
    }

    /// toml's error on `text` as `explain` says it: (key, message, line, column).
    fn explained(text: &str) -> (Option<String>, String, (usize, usize)) {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Doc {
            n: Option<u32>,
            followup: Option<toml::Table>,
            holidays: Option<Vec<toml::Value>>,
            when: Option<toml::Value>,
        }
        let e = serde_path_to_error::deserialize::<_, Doc>(toml::Deserializer::new(text)).unwrap_err();
        let said = explain(text, e.inner(), &e.path().to_string());
        assert!(!said.message.contains('\n'), "{said:?}");
        (said.key, said.message, said.at.unwrap())
    }

    #[test]
    fn errors_are_said_on_one_line_in_plain_words() {
        let (key, message, at) = explained("n = \"x\"\n");
        assert_eq!(
            (key.as_deref(), message.as_str(), at),
            (Some("n"), "expected a whole number of 0 or more, not the text \"x\"", (1, 5))
        );
        // toml's own two lines made one.
        let (key, message, at) = explained("n = 1\nwhen = 0x\n");
        assert_eq!((key, message.as_str(), at), (None, "invalid hexadecimal integer", (2, 10)));
        let (_, message, _) = explained("when = \"\\q\"\n");
        assert!(message.starts_with("a backslash in double quotes starts an escape"), "{message}");
        // No value, or text without quotes.
        for text in ["n = = 2\n", "when = Hello\n"] {
            let (key, message, _) = explained(text);
            assert_eq!((key, message.as_str()), (None, NO_VALUE), "{text}");
        }
    }

    /// A bare date the calendar lacks is said as YAML front matter says it, at the date.
    #[test]
    fn impossible_bare_dates_get_the_date_parsers_message_at_the_date() {
        for (text, key, message, at) in [
            ("when = 2025-13-01\n", Some("when"), "2025-13-01 is not a valid date: there is no month 13", (1, 8)),
            (
                "n = 1\nwhen = 2025-02-30T10:00:00Z\n",
                Some("when"),
                "2025-02-30 is not a valid date: February 2025 has 28 days",
                (2, 8),
            ),
            (
                "when = 2025-02-03T25:00:00\n",
                Some("when"),
                "\"2025-02-03T25:00:00\" is not a valid date-time: use",
                (1, 8),
            ),
            (
                "when = 2025-02-03 25:00:00\n",
                Some("when"),
                "\"2025-02-03 25:00:00\" is not a valid date-time: use",
                (1, 8),
            ),
            (
                "when = 2025-02-03T10:00:00+25:00\n",
                Some("when"),
                "\"2025-02-03T10:00:00+25:00\" is not a valid date-time",
                (1, 8),
            ),
            ("when = 2025-01-0\n", Some("when"), "\"2025-01-0\" is not a valid date: write dates as", (1, 8)),
            (
                "[followup] # days off\nholidays = [2025-01-01, 2025-04-31]\n",
                Some("followup.holidays"),
                "2025-04-31 is not a valid date: April 2025 has 30 days",
                (2, 25),
            ),
            ("holidays = [\n  2025-13-01,\n]\n", None, "2025-13-01 is not a valid date", (2, 3)),
        ] {
            let said = explained(text);
            assert_eq!((said.0.as_deref(), said.2), (key, at), "{text:?}: {said:?}");
            assert!(said.1.starts_with(message), "{text:?}: {said:?}");
        }
        // A date the parser takes leaves toml's message: it failed for another reason.
        let (key, message, at) = explained("when = 2025-01-01 x\n");
        assert_eq!(key, None);
        assert!(message.starts_with("unexpected text after the value"), "{message}");
        assert_eq!(at, (1, 19));
    }

    #[test]
    fn values_are_located_where_they_start() {
        let text = "title = \"t\"\ndate =   \"x\"\n[image]\nwidth = { a = 1 }\n";
        assert_eq!(value_position(text, &["date"]), Some((2, 10)));
        assert_eq!(value_position(text, &["image", "width"]), Some((4, 9)));
        assert_eq!(value_position(text, &["image", "width", "a"]), Some((4, 15)));
        // A table, or a key not written, is located as `key_position` locates it.
        assert_eq!(value_position(text, &["image"]), key_position(text, &["image"]));
        assert_eq!(value_position(text, &["image", "alt"]), Some((3, 2)));
        assert_eq!(value_position("a = [", &["a"]), None);
    }

    #[test]
    fn items_of_an_array_are_located() {
        let text = "title = \"t\"\naliases = [\n  \"/a/\",\n  \"/b/\",\n]\n";
        assert_eq!(item_positions(text, "aliases", 3), [Some((3, 3)), Some((4, 3)), Some((2, 1))]);
        assert_eq!(item_positions("x = 1\n", "aliases", 1), [None]);
    }
}
