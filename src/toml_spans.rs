//! Where a key stands in TOML text, from toml_edit's spans (the parser toml itself uses):
//! for errors about values in site.toml and in TOML front matter, found after parsing; and
//! where the first control character stands, for every TOML file careerpress reads.

use crate::error::line_col;
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
