//! `data/`: YAML, TOML and JSON files that templates read as `data.<name>`, as in Hugo and
//! Jekyll, for things that are not pages: author bios, partner employers, salary tables.
//! `data/authors.yaml` becomes `data.authors`; `data/team/leads.json` becomes
//! `data.team.leads`. Every file is parsed and checked before anything renders.

use crate::content::ContentFile;
use crate::error::{line_col, Error, ErrorKind};
use serde_json::{Map, Value};
use std::path::Path;

pub const DATA_DIR: &str = "data";

/// The formats a data file may be in, by file extension.
const FORMATS: &str = ".yaml, .yml, .toml or .json";

/// A parse result: the value, or a message with its (line, column) when known.
type Parsed = Result<Value, (String, Option<(usize, usize)>)>;

/// Reads every file under `data/` into one tree. A site without `data/` gets an empty
/// object, so templates can test `data.x is defined` either way.
pub fn load(root: &Path) -> Result<Value, Vec<Error>> {
    let dir = root.join(DATA_DIR);
    if !dir.is_dir() {
        return Ok(Value::Object(Map::new()));
    }
    let files = crate::content::walk(root, &dir)?;
    let mut tree = Map::new();
    let mut errors = Vec::new();
    for file in &files {
        match parse_file(file).and_then(|value| insert(&mut tree, file, value)) {
            Ok(()) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(Value::Object(tree))
    } else {
        Err(errors)
    }
}

/// One data file's value, with parse errors at their line and column in the file.
fn parse_file(file: &ContentFile) -> Result<Value, Error> {
    let err = |message: String| Error::new(ErrorKind::Data, &file.display, message);
    let extension = Path::new(&file.rel).extension().and_then(|e| e.to_str()).unwrap_or("");
    let parse: fn(&str) -> Parsed = match extension {
        "yaml" | "yml" => {
            |text| crate::yaml::parse_value(text).map_err(|e| (e.message, e.line.map(|l| (l, e.column.unwrap_or(0)))))
        }
        "toml" => |text| {
            if let Some((at, c)) = crate::toml_spans::first_control(text) {
                return Err((crate::escape::control_message(c), Some(at)));
            }
            toml::from_str::<Value>(text).map_err(|e| {
                let said = crate::toml_spans::explain(text, &e, ".");
                let message = said.key.map_or_else(|| said.message.clone(), |key| format!("{key}: {}", said.message));
                (message, said.at)
            })
        },
        "json" => parse_json,
        _ => return Err(err(format!("not a data file: data files are {FORMATS}"))),
    };
    let text = crate::content::read_text(&file.abs, &file.display)?;
    parse(&text).map_err(|(message, position)| {
        let e = err(format!("data file: {message}"));
        match position {
            Some((line, column)) => e.at(line, column),
            None => e,
        }
    })
}

/// A JSON value whose objects hold each key once. serde_json keeps the last of a repeated
/// key silently; YAML and TOML data files refuse one, and so does JSON here, at the
/// repeat's line.
struct Unique(Value);

impl<'de> serde::Deserialize<'de> for Unique {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> serde::de::Visitor<'de> for UniqueVisitor {
    type Value = Unique;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Unique, E> {
        Ok(Unique(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Unique, E> {
        Ok(Unique(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Unique, E> {
        Ok(Unique(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Unique, E> {
        Ok(Unique(Value::from(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Unique, E> {
        Ok(Unique(Value::String(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Unique, E> {
        Ok(Unique(Value::String(v)))
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique(Value::Null))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        let mut items = Vec::new();
        while let Some(Unique(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Unique(Value::Array(items)))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut entries: A) -> Result<Unique, A::Error> {
        let mut map = Map::new();
        while let Some(key) = entries.next_key::<String>()? {
            if map.contains_key(&key) {
                // Raised with the key just read, so serde_json places it on the repeat's line.
                return Err(serde::de::Error::custom(format!("`{key}` is given twice in one object: keep one")));
            }
            let Unique(value) = entries.next_value()?;
            map.insert(key, value);
        }
        Ok(Unique(Value::Object(map)))
    }
}

/// The byte offset and character of the first control character that valid JSON text
/// writes as an escape (`\u0000`, `\b`, `\f`, `\u0085`) or as it is (C1 controls are
/// valid JSON). Reads strings only: outside them a backslash is not JSON.
fn json_control(text: &str) -> Option<(usize, char)> {
    if let Some(raw) = crate::escape::first_control(text) {
        return Some(raw);
    }
    let bytes = text.as_bytes();
    let (mut in_string, mut i) = (false, 0);
    while i < bytes.len() {
        match (in_string, bytes[i]) {
            (_, b'"') => in_string = !in_string,
            (true, b'\\') => {
                let escaped = match bytes.get(i + 1) {
                    Some(b'b') => Some('\u{8}'),
                    Some(b'f') => Some('\u{c}'),
                    // A surrogate half is no char, and no control either.
                    Some(b'u') => {
                        text.get(i + 2..i + 6).and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32)
                    }
                    _ => None,
                };
                if let Some(c) = escaped.filter(|&c| crate::escape::is_control(c)) {
                    return Some((i, c));
                }
                // The escaped character is not read again: `\"` does not end the string.
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A JSON data file's value, or its first error in an author's words at its line and
/// column.
fn parse_json(text: &str) -> Parsed {
    let value = serde_json::from_str::<Unique>(text).map(|u| u.0).map_err(|e| {
        let message = e.to_string();
        // serde_json appends " at line L column C"; the position is reported apart.
        let message = message.split(" at line ").next().unwrap_or(&message);
        // A file that ends inside a list, an object or a string is blamed where that
        // opened: the end of the file says nothing of where to look.
        if message.starts_with("EOF while parsing") {
            if let Some((at, what)) = json_open(text) {
                return (format!("this {what} is never closed: the file ends first"), Some(line_col(text, at)));
            }
        }
        // serde_json stops at the line break of a quote left open.
        if message.starts_with("control character") {
            let line_start: usize = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
            let offset = (line_start + e.column().saturating_sub(1)).min(text.len());
            let (before, after) = text.split_at_checked(offset).unwrap_or((text, ""));
            if before.ends_with(['\n', '\r']) || after.starts_with(['\n', '\r']) {
                if let Some((at, _)) = json_open(before) {
                    return (UNCLOSED_QUOTE.to_string(), Some(line_col(text, at)));
                }
            }
        }
        // serde_json counts the column in bytes; messages count characters.
        let line = text.lines().nth(e.line().saturating_sub(1)).unwrap_or("");
        let column = line.get(..e.column().saturating_sub(1)).map_or(e.column(), |b| b.chars().count() + 1);
        (json_words(message), Some((e.line(), column)))
    })?;
    match json_control(text) {
        Some((at, c)) => Err((crate::escape::control_message(c), Some(line_col(text, at)))),
        None => Ok(value),
    }
}

/// What an author is told of JSON text in quotes that runs past the end of its line.
const UNCLOSED_QUOTE: &str =
    "this text in quotes is not closed on its line: end it with `\"` (a line break inside it is written \\n)";

/// serde_json's message for a syntax error said in an author's words; others kept.
fn json_words(message: &str) -> String {
    let words = match message {
        "trailing comma" => "a `,` after the last item: JSON takes none before `]` or `}`",
        "trailing characters" => {
            "more text after the file's value has ended: a JSON file holds one value (put several in a [list])"
        }
        "expected value" => {
            "expected a value: text in \"double quotes\", a number, true, false, null, a [list] or an {object}"
        }
        "expected ident" => "expected true, false or null (text goes in \"double quotes\")",
        "key must be a string" => "a key must be text in \"double quotes\"",
        "expected `,` or `]`" => "expected `,` between the list's items, or `]` to close it",
        "expected `,` or `}`" => "expected `,` between the object's entries, or `}` to close it",
        "expected `:`" => "expected `:` between the key and its value",
        "invalid escape" => "a backslash starts an escape, and this is none JSON knows: write `\\\\` for a backslash",
        "number out of range" => "this number is too large for a data file",
        _ => return message.to_string(),
    };
    words.to_string()
}

/// Where the list, object or string still open at the end of JSON `text` opened, and
/// which it is; None when all are closed.
fn json_open(text: &str) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let (mut open, mut string, mut i) = (Vec::new(), None, 0);
    while i < bytes.len() {
        match (string, bytes[i]) {
            (Some(_), b'\\') => i += 1,
            (Some(_), b'"') => string = None,
            (None, b'"') => string = Some(i),
            (None, b'[' | b'{') => open.push(i),
            (None, b']' | b'}') => {
                open.pop();
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(at) = string {
        return Some((at, "text in quotes"));
    }
    let at = *open.last()?;
    Some((at, if bytes[at] == b'[' { "list" } else { "object" }))
}

/// Places `value` at the file's path below `data/`: folders become nested objects and
/// the file name without its extension is the last key.
fn insert(tree: &mut Map<String, Value>, file: &ContentFile, value: Value) -> Result<(), Error> {
    let clash = |what: &str| Error::new(ErrorKind::Data, &file.display, what.to_string());
    let mut parts: Vec<&str> = file.rel.split('/').collect();
    let name = parts.pop().unwrap_or_default();
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let mut node = tree;
    for (depth, folder) in parts.iter().enumerate() {
        let entry = node.entry(folder.to_string()).or_insert_with(|| Value::Object(Map::new()));
        node = match entry {
            Value::Object(map) => map,
            _ => {
                let key = parts[..=depth].join(".");
                return Err(clash(&format!("`data.{key}` is both a file and a folder: rename one of them")));
            }
        };
    }
    if node.contains_key(stem) {
        let key = parts.iter().chain(std::iter::once(&stem)).copied().collect::<Vec<_>>().join(".");
        return Err(clash(&format!(
            "`data.{key}` is given twice (another file or a folder of the same name): rename one of them"
        )));
    }
    node.insert(stem.to_string(), value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_syntax_errors_are_said_in_plain_words_where_they_are() {
        let said = |text: &str| {
            let tmp = tempfile::tempdir().unwrap();
            std::fs::create_dir(tmp.path().join("data")).unwrap();
            std::fs::write(tmp.path().join("data/d.json"), text).unwrap();
            let e = load(tmp.path()).unwrap_err().remove(0);
            (e.to_string(), e.line(), e.column())
        };
        for (text, words, at) in [
            ("{\n  \"a\": [1, 2,\n  \"b\": 3\n", "expected `,` between the list's items, or `]`", (3, 6)),
            ("{\n  \"a\": [1, 2,\n", "this list is never closed", (2, 8)),
            ("{\n  \"a\": 1\n", "this object is never closed", (1, 1)),
            ("[\"a\", \"b]\n", "this text in quotes is not closed on its line", (1, 7)),
            ("[\"a\", \"b]", "this text in quotes is never closed", (1, 7)),
            ("[1, 2,]\n", "a `,` after the last item", (1, 7)),
            ("{\"a\": 1}\n{\"b\": 2}\n", "more text after the file's value has ended", (2, 1)),
            ("{\"a\" 1}\n", "expected `:` between the key and its value", (1, 6)),
            ("{a: 1}\n", "a key must be text in \"double quotes\"", (1, 2)),
        ] {
            let (message, line, column) = said(text);
            assert!(message.contains(words), "{text:?}: {message}");
            assert_eq!((line, column), (Some(at.0), Some(at.1)), "{text:?}: {message}");
        }
    }

    #[test]
    fn json_control_characters_are_found_in_strings_only() {
        for (text, at, c) in [
            (r#"{"a": "x\u0000"}"#, 8, '\0'),
            (r#"{"a": ["ok", "\b"]}"#, 14, '\u{8}'),
            (r#"{"k\u001F": 1}"#, 3, '\u{1f}'),
            (r#"{"a": "\\", "b": "\u0085"}"#, 18, '\u{85}'),
            ("{\"a\": \"\u{9f}\"}", 7, '\u{9f}'),
        ] {
            assert_eq!(json_control(text), Some((at, c)), "{text}");
        }
        for fine in [r#"{"a": "\\u0000 \\b", "b": "\" \t \n \u00e9 \ud83c\udfaf"}"#, "[1, 2]"] {
            assert_eq!(json_control(fine), None, "{fine}");
        }
    }

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path = tmp.path().join(DATA_DIR).join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        tmp
    }

    #[test]
    fn every_format_nests_by_folder() {
        let tmp = site(&[
            ("authors.yaml", "ana:\n  name: Ana\n  roles: [coach, editor]\n"),
            ("team/leads.json", r#"{"count": 2}"#),
            ("team/pay.toml", "[band]\nmin = 30000\n"),
            ("short.yml", "- a\n- b\n"),
        ]);
        let data = load(tmp.path()).unwrap();
        assert_eq!(data["authors"]["ana"]["roles"], json!(["coach", "editor"]));
        assert_eq!(data["team"]["leads"]["count"], json!(2));
        assert_eq!(data["team"]["pay"]["band"]["min"], json!(30000));
        assert_eq!(data["short"], json!(["a", "b"]));
    }

    #[test]
    fn a_key_given_twice_is_an_error_at_its_second_line() {
        let tmp = site(&[("coaches.yaml", "- name: A\n  bio:\n    short: x\n    short: y\n")]);
        let e = load(tmp.path()).unwrap_err();
        assert_eq!(e[0].line(), Some(4), "{}", e[0]);
        assert!(e[0].to_string().contains("`short` is given twice"), "{}", e[0]);
    }

    #[test]
    fn a_json_key_given_twice_is_an_error_at_its_second_line() {
        let text = "{\n  \"coaches\": [\n    {\"name\": \"A\",\n     \"name\": \"B\"}\n  ]\n}\n";
        let tmp = site(&[("coaches.json", text)]);
        let e = load(tmp.path()).unwrap_err();
        assert_eq!(e[0].line(), Some(4), "{}", e[0]);
        assert!(e[0].to_string().contains("`name` is given twice"), "{}", e[0]);
        // Columns count characters, as everywhere else, not serde_json's bytes.
        let tmp = site(&[("x.json", "{\"日本\": 1, \"é\": nope}")]);
        let e = load(tmp.path()).unwrap_err();
        // serde_json stops at the `o` of `nope`: character 17, byte 22.
        assert_eq!((e[0].line(), e[0].column()), (Some(1), Some(17)), "{}", e[0]);
        // The same key in two objects is no repeat, and every kind of value reads as before.
        let fine = r#"{"a": {"k": 1}, "b": {"k": -2.5}, "c": [true, null, "x", 18446744073709551615]}"#;
        let tmp = site(&[("fine.json", fine)]);
        assert_eq!(load(tmp.path()).unwrap()["fine"], serde_json::from_str::<Value>(fine).unwrap());
    }

    #[test]
    fn no_data_folder_is_an_empty_tree() {
        let tmp = tempfile::tempdir().unwrap();
        assert_eq!(load(tmp.path()).unwrap(), json!({}));
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let tmp = site(&[
            ("a.yaml", "ok: 1\nbad: [1, 2\n"),
            ("b.json", "{\n  \"x\": 1,\n  \"y\": nope\n}"),
            ("c.toml", "x = 1\ny = = 2\n"),
        ]);
        let errors = load(tmp.path()).unwrap_err();
        let find = |name: &str| errors.iter().find(|e| e.path() == Path::new("data").join(name)).unwrap();
        assert!(find("a.yaml").line().is_some(), "{}", find("a.yaml"));
        assert_eq!(find("b.json").line(), Some(3), "{}", find("b.json"));
        assert_eq!(find("c.toml").line(), Some(2), "{}", find("c.toml"));
        assert!(errors.iter().all(|e| e.kind() == ErrorKind::Data));
    }

    #[test]
    fn clashing_names_and_unknown_formats_are_errors() {
        let tmp = site(&[("pay.yaml", "a: 1\n"), ("pay.json", "{}")]);
        let e = load(tmp.path()).unwrap_err();
        assert!(e[0].to_string().contains("`data.pay` is given twice"), "{}", e[0]);

        let tmp = site(&[("team.yaml", "a: 1\n"), ("team/x.yaml", "b: 2\n")]);
        let e = load(tmp.path()).unwrap_err();
        assert!(e[0].to_string().contains("`data.team`"), "{}", e[0]);

        let tmp = site(&[("notes.csv", "a,b\n")]);
        let e = load(tmp.path()).unwrap_err();
        assert!(e[0].to_string().contains(FORMATS), "{}", e[0]);
        assert_eq!(e[0].path(), Path::new("data/notes.csv"));
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        let tmp = site(&[("a.yaml", "x: 1\n"), (".a.yaml.swp", "\0"), ("a.yaml~", "junk")]);
        assert_eq!(load(tmp.path()).unwrap(), json!({"a": {"x": 1}}));
    }
}
