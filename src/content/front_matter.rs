//! Splits a content file into front matter and Markdown body, and maps positions back to
//! lines of the whole file: authors see the line their editor shows. Front matter is YAML
//! between `---` lines, or TOML between `+++` lines as Hugo and Zola write it.

use crate::error::{Error, ErrorKind, Errors};
use crate::{recover, toml_spans, yaml};
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
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
/// When values do not fit, every top-level key that fails is reported, not only the first:
/// authors moving a site from another generator fix them in one round.
pub fn parse<T: DeserializeOwned>(split: &Split<'_>, path: &Path) -> Result<T, Errors> {
    let problems = match split.format {
        Format::Toml => parse_toml(split),
        Format::Yaml => yaml::parse_each(split.yaml).map_err(|errors| {
            let problem = |e: yaml::YamlError| {
                let e = e.counting_from(split.yaml_line);
                let at = e.line.map_or((split.yaml_line, 1), |line| (line, e.column.unwrap_or(0)));
                Problem { message: e.message, at }
            };
            errors.into_iter().map(problem).collect()
        }),
    };
    problems.map_err(|problems| errors_of(problems, split.format, path))
}

/// One front matter problem: its message and its file position.
struct Problem {
    message: String,
    at: (usize, usize),
}

/// The errors of one file: the first as a plain read stops at it, the others after it in
/// file order (a TOML table is read back in key order, not in the file's).
fn errors_of(problems: Vec<Problem>, format: Format, path: &Path) -> Errors {
    let mut errors: Vec<Error> = problems
        .into_iter()
        .map(|p| {
            let hinted = unknown_key_hint(&p.message, format).or_else(|| list_hint(&p.message, format));
            let message = hinted.unwrap_or(p.message);
            Error::new(ErrorKind::FrontMatter, path, format!("front matter: {message}")).at(p.at.0, p.at.1)
        })
        .collect();
    if let Some(later) = errors.get_mut(1..) {
        later.sort_by_key(|e| (e.line(), e.column()));
    }
    Errors(errors)
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
    Some(format!(
        "unknown key {key:?}: move it under {extra} (`careerpress import` does so for a whole Jekyll, Hugo, Zola or Eleventy \
         site), or use one of {expected}"
    ))
}

/// "tags: expected a list, not the text \"a, b\"" (`mismatch`'s words) said with the list
/// to write instead: Jekyll read `tags: a b` and `categories: x` as lists, and authors write
/// a single tag as a plain string. Its commas, if any, part the items. `None` for other
/// messages, and for a key inside another (the line to write would not be a top-level one).
fn list_hint(message: &str, format: Format) -> Option<String> {
    let (key, quoted) = message.split_once(": expected a list, not the text ")?;
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        return None;
    }
    let text: String = serde_json::from_str(quoted).ok()?;
    let items: Vec<String> = text
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| serde_json::Value::from(item).to_string())
        .collect();
    let list = items.join(", ");
    let written = match format {
        Format::Yaml => format!("{key}: [{list}]"),
        Format::Toml => format!("{key} = [{list}]"),
    };
    Some(format!("{message}: write `{written}`"))
}

/// TOML front matter: `toml` reads the text, and on failure each further key is read from
/// the parsed table, whose values carry no positions; the key path locates them instead.
fn parse_toml<T: DeserializeOwned>(split: &Split<'_>) -> Result<T, Vec<Problem>> {
    let text = split.yaml;
    if let Some(((line, column), c)) = toml_spans::first_control(text) {
        let message = crate::escape::control_message(c);
        return Err(vec![Problem { message, at: (line + split.yaml_line - 1, column) }]);
    }
    // Named as YAML front matter names it: `image.width: expected a whole number, …`.
    let problem = |said: toml_spans::Explained| {
        let (line, column) = said.at.unwrap_or((1, 1));
        let message = match said.key {
            Some(key) if !said.message.starts_with(&format!("{key}: ")) => format!("{key}: {}", said.message),
            _ => said.message,
        };
        Problem { message, at: (line + split.yaml_line - 1, column) }
    };
    let first = match serde_path_to_error::deserialize(toml::Deserializer::new(text)) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    let key = recover::top_key(first.path());
    let first = problem(toml_spans::explain(text, first.inner(), &first.path().to_string()));
    let Ok(table) = text.parse::<toml::Table>() else { return Err(vec![first]) };
    let attempt = |table: &toml::Table| {
        let e = serde_path_to_error::deserialize::<_, T>(toml::Value::Table(table.clone())).err()?;
        let keys: Vec<&str> = e
            .path()
            .iter()
            .map_while(|s| match s {
                Segment::Map { key } => Some(key.as_str()),
                _ => None,
            })
            .collect();
        // As `toml` itself does: an unknown key at the key, a value that fails at the value.
        let at = if e.inner().message().starts_with("unknown field `") {
            toml_spans::key_position(text, &keys)
        } else {
            toml_spans::value_position(text, &keys)
        };
        let said = toml_spans::explain(text, e.inner(), &e.path().to_string());
        Some((recover::top_key(e.path()), problem(toml_spans::Explained { at, ..said })))
    };
    let later = recover::later_failures(table, key, |t, k| t.remove(k).is_some(), attempt);
    Err(std::iter::once(first).chain(later).collect())
}

/// The file line of a top-level `key:` in the front matter, for errors about its value;
/// line 1 when the key is absent. It reads the YAML again, so call it on error paths.
pub fn key_line(split: &Split<'_>, key: &str) -> usize {
    path_line(split, &[key])
}

/// The file line of a top-level `key:` when the front matter writes it. Like `key_line`,
/// for error paths.
pub fn written_key_line(split: &Split<'_>, key: &str) -> Option<usize> {
    let found = match split.format {
        Format::Yaml => yaml::locate(split.yaml, &[key]).map(|at| at.key.0),
        Format::Toml => toml_spans::key_position(split.yaml, &[key]).map(|(line, _)| line),
    };
    found.map(|line| line + split.yaml_line - 1)
}

/// The file line of a nested key (`["image", "alt"]`); when it is absent, the line of the
/// nearest enclosing key that is written, else line 1. Like `key_line`, for error paths.
pub fn path_line(split: &Split<'_>, path: &[&str]) -> usize {
    let found = match split.format {
        Format::Yaml => (1..=path.len()).rev().find_map(|n| yaml::locate(split.yaml, &path[..n])).map(|at| at.key.0),
        Format::Toml => toml_spans::key_position(split.yaml, path).map(|(line, _)| line),
    };
    found.map_or(1, |line| line + split.yaml_line - 1)
}

/// The file position (line, column) of each of the `count` items of a top-level list, for
/// errors about one item. Where an item is not found (the key holds one value, not a
/// list), the value's position in YAML, the key's in TOML; line 1 without the key.
pub fn item_positions(split: &Split<'_>, key: &str, count: usize) -> Vec<(usize, usize)> {
    let (found, whole) = match split.format {
        Format::Yaml => {
            (yaml::locate_items(split.yaml, key, count), yaml::locate(split.yaml, &[key]).map(|at| at.value))
        }
        Format::Toml => {
            (toml_spans::item_positions(split.yaml, key, count), toml_spans::key_position(split.yaml, &[key]))
        }
    };
    let in_file = |(line, column): (usize, usize)| (line + split.yaml_line - 1, column);
    let fallback = whole.map_or((1, 1), in_file);
    found.into_iter().map(|at| at.map_or(fallback, in_file)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Date;
    use crate::error::line_col;
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

    /// Every error of a content file's front matter, read as `Fm`.
    fn errors(text: &str) -> Vec<Error> {
        let s = split(text, Path::new(P)).unwrap();
        parse::<Fm>(&s, Path::new(P)).unwrap_err().0
    }

    /// The one error of a content file's front matter.
    fn error(text: &str) -> Error {
        let mut errors = errors(text);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        errors.remove(0)
    }

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
        let e = error(text);
        assert!(e.line().unwrap() >= 3, "{e}");
    }

    #[test]
    fn impossible_date_is_located_at_its_line() {
        let text = "---\ntitle: ok\n\ndate: 2025-02-30\n---\n";
        let e = error(text);
        assert_eq!((e.line(), e.column()), (Some(4), Some(7)), "{e}");
        assert!(e.message().contains("2025-02-30"), "{e}");
    }

    #[test]
    fn impossible_date_skips_earlier_lines_with_the_same_text() {
        for title in ["2025-02-30", "\"2025-02-30\"", "2025-02-30-recap"] {
            let text = format!("---\ntitle: {title}\n\ndate: 2025-02-30\n---\n");
            let e = error(&text);
            assert_eq!((e.line(), e.column()), (Some(4), Some(7)), "{e}");
            assert!(e.message().starts_with("front matter: date: 2025-02-30 is not a valid date"), "{e}");
        }
    }

    #[test]
    fn line_numbers_in_messages_count_from_the_top_of_the_file() {
        let text = "---\ntitle: a\ntitle: b\n---\n";
        let e = error(text);
        assert_eq!(e.line(), Some(3), "{e}");
        assert!(e.message().contains("`title` is given twice, here and on line 2:"), "{e}");
        let text = "---\ntitle: a\nextra:\n\tk: 1\n---\n";
        let e = error(text);
        assert_eq!(e.line(), Some(4), "{e}");
        assert!(e.message().contains("a tab indents this line"), "{e}");
    }

    #[test]
    fn unknown_key_is_named() {
        let text = "---\ntitle: ok\ntitel: x\n---\n";
        let e = error(text);
        assert!(e.message().contains("titel"), "{e}");
        assert_eq!(e.line(), Some(3), "{e}");
    }

    /// Each error as `line:column: message`.
    fn report(text: &str) -> Vec<String> {
        errors(text).iter().map(|e| format!("{}:{}: {}", e.line().unwrap(), e.column().unwrap(), e.message())).collect()
    }

    const KEYS: &str = "`title`, `date`, `tags`, `size`, `extra`";

    #[test]
    fn unknown_keys_say_where_they_can_go() {
        let e = error("---\ntitle: ok\nlayout: post\n---\n");
        let hint = format!("front matter: unknown key \"layout\": move it under `extra:` (`careerpress import` does so for a whole Jekyll, Hugo, Zola or Eleventy site), or use one of {KEYS}");
        assert_eq!((e.line(), e.column(), e.message()), (Some(3), Some(1), hint.as_str()));
        let e = error("+++\ntitle = \"ok\"\nlayout = \"post\"\n+++\n");
        let hint = format!("front matter: unknown key \"layout\": move it under `[extra]` (`careerpress import` does so for a whole Jekyll, Hugo, Zola or Eleventy site), or use one of {KEYS}");
        assert_eq!((e.line(), e.column(), e.message()), (Some(3), Some(1), hint.as_str()));
    }

    #[test]
    fn every_failing_yaml_key_is_reported_in_file_order() {
        let text =
            "---\ntitle: ok\nlayout: post\ndate: nope\ntags: x\nsize: { width: w, depth: 1 }\ncategories: [a]\n---\n";
        let expected = [
            format!("3:1: front matter: unknown key \"layout\": move it under `extra:` (`careerpress import` does so for a whole Jekyll, Hugo, Zola or Eleventy site), or use one of {KEYS}"),
            "4:7: front matter: date: \"nope\" is not a valid date: write dates as YYYY-MM-DD, such as 2025-01-06"
                .into(),
            "5:7: front matter: tags: expected a list, not the text \"x\": write `tags: [\"x\"]`".into(),
            // One error for a key: `depth` is not looked at once `width` failed.
            "6:16: front matter: size.width: expected a whole number of 0 or more, not the text \"w\"".into(),
            format!("7:1: front matter: unknown key \"categories\": move it under `extra:` (`careerpress import` does so for a whole Jekyll, Hugo, Zola or Eleventy site), or use one of {KEYS}"),
        ];
        assert_eq!(report(text), expected);
    }

    #[test]
    fn every_failing_toml_key_is_reported_in_file_order() {
        // The table is read back in key order; the report keeps the file's.
        let text = "+++\ntitle = \"ok\"\nlayout = \"post\"\ndate = \"nope\"\nzz = 1\n[size]\nwidth = \"w\"\n+++\n";
        let expected = [
            format!("3:1: front matter: unknown key \"layout\": move it under `[extra]` (`careerpress import` does so for a whole Jekyll, Hugo, Zola or Eleventy site), or use one of {KEYS}"),
            "4:8: front matter: date: \"nope\" is not a valid date: write dates as YYYY-MM-DD, such as 2025-01-06".into(),
            format!("5:1: front matter: unknown key \"zz\": move it under `[extra]` (`careerpress import` does so for a whole Jekyll, Hugo, Zola or Eleventy site), or use one of {KEYS}"),
            "7:9: front matter: size.width: expected a whole number of 0 or more, not the text \"w\"".into(),
        ];
        assert_eq!(report(text), expected);
    }

    #[test]
    fn the_first_toml_error_is_the_one_toml_reports() {
        for body in [
            "title = \"ok\"\ndate = \"2025-02-30\"\nlayout = 1\n",
            "title = \"ok\"\nsize = { width = -1 }\ndate = 1\n",
            "title = 3\ntags = \"x\"\n",
            "tags = [1]\n",
            "title = \"ok\"\n[size]\nheight = 1\n",
            "title = \"ok\"\ndate = \n",
        ] {
            let text = format!("+++\n{body}+++\n");
            let plain = toml::from_str::<Fm>(body).unwrap_err();
            let (line, column) = plain.span().map_or((1, 1), |span| line_col(body, span.start));
            let first = &errors(&text)[0];
            assert_eq!((first.line(), first.column()), (Some(line + 1), Some(column)), "{body:?}: {first}");
            // Said as `explain` says it, after the key it is about.
            let message = first.message().strip_prefix("front matter: ").unwrap();
            let said = toml_spans::explain(body, &plain, ".").message;
            let hinted = unknown_key_hint(&said, Format::Toml).unwrap_or(said);
            assert!(message.ends_with(&hinted), "{body:?}: {message}");
        }
    }

    #[test]
    fn a_string_where_a_list_belongs_is_answered_with_the_list_to_write() {
        let yaml = error("---\ntitle: A\ntags: \"interviews, follow-up\"\n---\n");
        assert_eq!((yaml.line(), yaml.column()), (Some(3), Some(7)));
        assert_eq!(
            yaml.message(),
            "front matter: tags: expected a list, not the text \"interviews, follow-up\": write `tags: \
             [\"interviews\", \"follow-up\"]`"
        );
        let one = error("---\ntitle: A\ntags: salary\n---\n");
        assert!(one.message().ends_with("write `tags: [\"salary\"]`"), "{}", one.message());
        let toml = error("+++\ntitle = \"A\"\ntags = \"a\"\n+++\n");
        assert_eq!(toml.message(), "front matter: tags: expected a list, not the text \"a\": write `tags = [\"a\"]`");
        assert_eq!(list_hint("extra.x: expected a list, not the text \"a\"", Format::Yaml), None);
        assert_eq!(list_hint("tags: expected a list, not the number 3", Format::Yaml), None);
    }

    #[test]
    fn broken_text_stays_one_error() {
        for text in [
            "---\nlayout: post\ndate: [\n---\n",
            "---\nlayout: post\ntitle: a\ntitle: b\n---\n",
            "---\nlayout: post\ntags: !!str x\n---\n",
            "---\n- a list\n---\n",
            "+++\nlayout = \"post\"\ndate = [\n+++\n",
        ] {
            let _ = error(text);
        }
    }

    #[test]
    fn unknown_keys_without_extra_to_move_to_get_no_hint() {
        let e = error("---\ntitle: ok\nsize: { width: 1, depth: 2 }\n---\n");
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
        // One value where a list may stand: the value itself.
        let s = split("---\ntitle: a\nauthor:   ana\n---\n", Path::new(P)).unwrap();
        assert_eq!(item_positions(&s, "author", 1), [(3, 11)]);
        let s = split("+++\ntitle = 'a'\nauthor = 'ana'\n+++\n", Path::new(P)).unwrap();
        assert_eq!(item_positions(&s, "author", 1), [(3, 1)]);
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
