//! Splits a content file into front matter and Markdown body, and maps positions back to
//! lines of the whole file: authors see the line their editor shows. Front matter is YAML
//! between `---` lines, or TOML between `+++` lines as Hugo and Zola write it.

use crate::error::{Error, ErrorKind};
use crate::yaml;
use serde::de::DeserializeOwned;
use std::path::Path;

/// The language of a front matter block, known by its fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// A content file cut at its fences.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub format: Format,
    /// The front matter's text, without its fences.
    pub yaml: &'a str,
    /// 1-based line of the file on which the front matter text starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Cuts `text` at the opening and closing `---` (YAML) or `+++` (TOML) lines.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Error> {
    let err = |msg: &str, line: usize| Error::new(ErrorKind::FrontMatter, path, msg).at(line, 1);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    let (format, fence) = match first.trim_end() {
        "---" => (Format::Yaml, "---"),
        "+++" => (Format::Toml, "+++"),
        _ => return Err(err("missing front matter: the file must start with a line `---` (YAML) or `+++` (TOML)", 1)),
    };
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (line_no, line) in (2..).zip(lines) {
        if line.trim_end() == fence {
            return Ok(Split {
                format,
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(err(&format!("front matter is not closed: add a line `{fence}` after it"), 1))
}

/// Parses the front matter of a split file into `T`, reporting errors at file positions.
pub fn parse<T: DeserializeOwned>(split: &Split<'_>, path: &Path) -> Result<T, Error> {
    let error = |message: &str| {
        let message = unknown_key_hint(message, split.format).unwrap_or_else(|| message.to_string());
        Error::new(ErrorKind::FrontMatter, path, format!("front matter: {message}"))
    };
    if split.format == Format::Toml {
        return toml::from_str(split.yaml).map_err(|e| {
            let err = error(e.message().trim());
            match e.span() {
                Some(span) => {
                    let (line, column) = crate::error::line_col(split.yaml, span.start);
                    err.at(line + split.yaml_line - 1, column)
                }
                None => err.at(split.yaml_line, 1),
            }
        });
    }
    yaml::parse(split.yaml).map_err(|e| {
        let e = e.counting_from(split.yaml_line);
        let err = error(&e.message);
        match e.line {
            Some(line) => err.at(line, e.column.unwrap_or(0)),
            None => err.at(split.yaml_line, 1),
        }
    })
}

/// serde's "unknown field `layout`, expected one of …" said with what to do. Where the
/// keys expected include `extra`, the key is most likely a setting another generator's
/// theme read (Jekyll's `layout`, Hugo's `categories`), and `extra` is where a theme finds
/// such values; a typo of a known key is fixed from the list. `None` for other messages.
fn unknown_key_hint(message: &str, format: Format) -> Option<String> {
    let (key, expected) = message.strip_prefix("unknown field `")?.split_once("`, expected ")?;
    if !expected.contains("`extra`") {
        return None;
    }
    let expected = expected.strip_prefix("one of ").unwrap_or(expected);
    let extra = match format {
        Format::Yaml => "`extra:`",
        Format::Toml => "`[extra]`",
    };
    Some(format!("unknown key {key:?}: move it under {extra}, or use one of {expected}"))
}

/// The file line of a top-level `key:` in the front matter, for errors about its value;
/// line 1 when the key is absent. It reads the YAML again, so call it on error paths.
pub fn key_line(split: &Split<'_>, key: &str) -> usize {
    path_line(split, &[key])
}

/// The file line of a nested key (`["image", "alt"]`); when it is absent, the line of the
/// nearest enclosing key that is written, else line 1. Like `key_line`, for error paths.
pub fn path_line(split: &Split<'_>, path: &[&str]) -> usize {
    let found = match split.format {
        Format::Yaml => (1..=path.len()).rev().find_map(|n| yaml::locate(split.yaml, &path[..n])).map(|at| at.key.0),
        Format::Toml => crate::toml_spans::key_position(split.yaml, path).map(|(line, _)| line),
    };
    found.map_or(1, |line| line + split.yaml_line - 1)
}

/// The file position (line, column) of each of the `count` items of a top-level list, for
/// errors about one item; the key's line where an item is not found.
pub fn item_positions(split: &Split<'_>, key: &str, count: usize) -> Vec<(usize, usize)> {
    let found = match split.format {
        Format::Yaml => yaml::locate_items(split.yaml, key, count),
        Format::Toml => crate::toml_spans::item_positions(split.yaml, key, count),
    };
    found
        .into_iter()
        .map(|at| match at {
            Some((line, column)) => (line + split.yaml_line - 1, column),
            None => (key_line(split, key), 1),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Date;
    use serde::Deserialize;

    /// Only its shape matters: the tests look at the errors it produces.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        date: Option<Date>,
        #[serde(default)]
        tags: Vec<String>,
        size: Option<Size>,
        #[serde(default, deserialize_with = "crate::yaml::deserialize_unique_map")]
        extra: serde_json::Map<String, serde_json::Value>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Size {
        width: u32,
    }

    const P: &str = "content/a.md";

    #[test]
    fn split_finds_fences_and_lines() {
        let s = split("---\ntitle: x\n---\nbody\n", Path::new(P)).unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn split_accepts_crlf() {
        let s = split("---\r\ntitle: x\r\n---\r\nbody", Path::new(P)).unwrap();
        assert_eq!(s.yaml, "title: x\r\n");
        assert_eq!(s.body, "body");
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        let e = split("title: x\n", Path::new(P)).unwrap_err();
        assert!(e.message().contains("missing front matter"));
        let e = split("---\ntitle: x\n", Path::new(P)).unwrap_err();
        assert!(e.message().contains("not closed"));
    }

    #[test]
    fn yaml_errors_count_lines_from_top_of_file() {
        let text = "---\ntitle: ok\ndate: [\n---\n";
        let s = split(text, Path::new(P)).unwrap();
        let e = parse::<Fm>(&s, Path::new(P)).unwrap_err();
        assert!(e.line().unwrap() >= 3, "{e}");
    }

    #[test]
    fn impossible_date_is_located_at_its_line() {
        let text = "---\ntitle: ok\n\ndate: 2025-02-30\n---\n";
        let s = split(text, Path::new(P)).unwrap();
        let e = parse::<Fm>(&s, Path::new(P)).unwrap_err();
        assert_eq!((e.line(), e.column()), (Some(4), Some(7)), "{e}");
        assert!(e.message().contains("2025-02-30"), "{e}");
    }

    #[test]
    fn impossible_date_skips_earlier_lines_with_the_same_text() {
        for title in ["2025-02-30", "\"2025-02-30\"", "2025-02-30-recap"] {
            let text = format!("---\ntitle: {title}\n\ndate: 2025-02-30\n---\n");
            let s = split(&text, Path::new(P)).unwrap();
            let e = parse::<Fm>(&s, Path::new(P)).unwrap_err();
            assert_eq!((e.line(), e.column()), (Some(4), Some(7)), "{e}");
            assert!(e.message().starts_with("front matter: date: 2025-02-30 is not a valid date"), "{e}");
        }
    }

    #[test]
    fn line_numbers_in_messages_count_from_the_top_of_the_file() {
        let text = "---\ntitle: a\ntitle: b\n---\n";
        let s = split(text, Path::new(P)).unwrap();
        let e = parse::<Fm>(&s, Path::new(P)).unwrap_err();
        assert_eq!(e.line(), Some(3), "{e}");
        assert!(e.message().contains("`title` is given twice, here and on line 2:"), "{e}");
        let text = "---\ntitle: a\nextra:\n\tk: 1\n---\n";
        let s = split(text, Path::new(P)).unwrap();
        let e = parse::<Fm>(&s, Path::new(P)).unwrap_err();
        assert_eq!(e.line(), Some(4), "{e}");
        assert!(e.message().contains("a tab indents this line"), "{e}");
    }

    #[test]
    fn unknown_key_is_named() {
        let text = "---\ntitle: ok\ntitel: x\n---\n";
        let s = split(text, Path::new(P)).unwrap();
        let e = parse::<Fm>(&s, Path::new(P)).unwrap_err();
        assert!(e.message().contains("titel"), "{e}");
        assert_eq!(e.line(), Some(3), "{e}");
    }

    const KEYS: &str = "`title`, `date`, `tags`, `size`, `extra`";

    #[test]
    fn unknown_keys_say_where_they_can_go() {
        let s = split("---\ntitle: ok\nlayout: post\n---\n", Path::new(P)).unwrap();
        let e = parse::<Fm>(&s, Path::new(P)).unwrap_err();
        let hint = format!("front matter: unknown key \"layout\": move it under `extra:`, or use one of {KEYS}");
        assert_eq!((e.line(), e.column(), e.message()), (Some(3), Some(1), hint.as_str()));
        let s = split("+++\ntitle = \"ok\"\nlayout = \"post\"\n+++\n", Path::new(P)).unwrap();
        let e = parse::<Fm>(&s, Path::new(P)).unwrap_err();
        let hint = format!("front matter: unknown key \"layout\": move it under `[extra]`, or use one of {KEYS}");
        assert_eq!((e.line(), e.column(), e.message()), (Some(3), Some(1), hint.as_str()));
    }

    #[test]
    fn unknown_keys_without_extra_to_move_to_get_no_hint() {
        let s = split("---\ntitle: ok\nsize: { width: 1, depth: 2 }\n---\n", Path::new(P)).unwrap();
        let e = parse::<Fm>(&s, Path::new(P)).unwrap_err();
        assert!(e.message().ends_with("unknown field `depth`, expected `width`"), "{e}");
        assert_eq!(unknown_key_hint("unknown field `x`, there are no fields", Format::Yaml), None);
        assert_eq!(unknown_key_hint("invalid type: string \"x\", expected `extra`", Format::Yaml), None);
    }

    #[test]
    fn item_positions_count_from_the_top_of_the_file() {
        let s = split("---\ntitle: a\naliases:\n  - /a/\n  -   /b/\nother: [/c/]\n---\n", Path::new(P)).unwrap();
        assert_eq!(item_positions(&s, "aliases", 2), [(4, 5), (5, 7)]);
        assert_eq!(item_positions(&s, "other", 1), [(6, 9)]);
        // A list given by a YAML alias: its items stand elsewhere, so the alias is named.
        let s = split("---\nx: &l [/a/]\naliases: *l\n---\n", Path::new(P)).unwrap();
        assert_eq!(item_positions(&s, "aliases", 1), [(3, 10)]);
        assert_eq!(item_positions(&s, "missing", 1), [(1, 1)]);
    }

    #[test]
    fn key_line_finds_top_level_keys() {
        let s = split("---\ntitle: a\nslug: b\nextra:\n  slug: c\n---\n", Path::new(P)).unwrap();
        assert_eq!(key_line(&s, "slug"), 3);
        assert_eq!(key_line(&s, "extra"), 4);
        assert_eq!(key_line(&s, "missing"), 1);
    }

    #[test]
    fn path_line_finds_nested_keys_or_their_parent() {
        let s = split("---\ntitle: a\nimage:\n  src: a.png\n\n  alt: x\n---\n", Path::new(P)).unwrap();
        assert_eq!(path_line(&s, &["image", "alt"]), 6);
        assert_eq!(path_line(&s, &["image", "width"]), 3);
        assert_eq!(path_line(&s, &["cover", "width"]), 1);
        let s = split("---\nimage: { src: a.png,\n  alt: x }\n---\n", Path::new(P)).unwrap();
        assert_eq!(path_line(&s, &["image", "alt"]), 3);
    }
}
