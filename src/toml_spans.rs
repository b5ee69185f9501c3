//! Where a key stands in TOML text, from toml_edit's spans (the parser toml itself uses):
//! for errors about values in site.toml and in TOML front matter, found after parsing.

use crate::error::line_col;

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

#[cfg(test)]
mod tests {
    use super::*;

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
