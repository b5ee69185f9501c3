//! What a Liquid `{{ … }}` in a body printed from the old site's own values: its settings
//! and data (`{{ site.repository }}`, `{{ site.data.ruby.version }}`, Eleventy's
//! `{{ metadata.author }}`), the page's front matter (`{{ page.title }}`) and string
//! literals (`{{ "{{" }}`). Jekyll and Eleventy ran Liquid before the Markdown, so the value
//! is written where the tag stood, as their readers saw it; careerpress's Markdown would
//! show the tag itself.

use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The names a body's `{{ … }}` (Hugo's `{{< param >}}`) could print, besides the page's
/// own front matter.
#[derive(Debug)]
pub struct Values {
    /// The site's names: Jekyll's `site` (its settings, with its data under `data`);
    /// Eleventy's global data, one name per data file; Hugo's `params`.
    pub site: Map<String, Value>,
    pub scope: Scope,
    /// Whether the engine escaped what it printed for HTML (Nunjucks, as Eleventy sets it
    /// up; Hugo's shortcodes): the value is then written escaped, to show as it showed.
    pub escaped: bool,
}

/// Where a name is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Jekyll: `page.x` is the page's front matter, every other name starts in `site`.
    Jekyll,
    /// Eleventy's data cascade: the page's front matter (with its folders' data), then
    /// the global data, each key a name of its own.
    Eleventy,
    /// Hugo's `param`: the page's front matter, then its `params`, then the site's
    /// `params`, each name in any letter case.
    Hugo,
}

impl Values {
    /// What `{{ inner }}` printed on a page with front matter `page`: None for anything
    /// but a string literal or a name that holds text, a number, a boolean or nothing
    /// (filters, lists, tables, names the import does not know), which is left as written.
    pub fn print(&self, inner: &str, page: &Map<String, Value>) -> Option<String> {
        let text = match string_literal(inner) {
            Some(literal) => literal.to_string(),
            None => scalar(self.lookup(inner, page)?, self.scope)?,
        };
        Some(if self.escaped { crate::escape::html(&text) } else { text })
    }

    fn lookup<'a>(&'a self, inner: &str, page: &'a Map<String, Value>) -> Option<&'a Value> {
        let path: Vec<&str> = inner.split('.').collect();
        if !path.iter().copied().all(is_name) {
            return None;
        }
        let fold = self.scope == Scope::Hugo;
        let params = || lookup(page, &["params"], fold).and_then(Value::as_object);
        match (self.scope, path.as_slice()) {
            (Scope::Jekyll, ["page", rest @ ..]) => lookup(page, rest, false),
            (Scope::Jekyll, _) => lookup(&self.site, &path, false),
            (_, [first, ..]) if lookup(page, &[first], fold).is_some() => lookup(page, &path, fold),
            (Scope::Hugo, [first, ..]) if params().and_then(|p| lookup(p, &[first], true)).is_some() => {
                lookup(params()?, &path, true)
            }
            _ => lookup(&self.site, &path, fold),
        }
    }
}

/// `"text"` or `'text'`, whole: the text between the quotes.
fn string_literal(inner: &str) -> Option<&str> {
    let quote = inner.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = inner.strip_prefix(quote)?.strip_suffix(quote)?;
    (!body.contains(quote)).then_some(body)
}

/// A Liquid variable's name: letters, digits, `_` and `-` (`setting.version-badge`).
fn is_name(part: &str) -> bool {
    !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// The value at `path` in `map`; with `fold`, each name in any letter case (Hugo's).
fn lookup<'a>(map: &'a Map<String, Value>, path: &[&str], fold: bool) -> Option<&'a Value> {
    let get = |map: &'a Map<String, Value>, name: &str| match fold {
        false => map.get(name),
        true => map.get(name).or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v)),
    };
    let (first, rest) = path.split_first()?;
    rest.iter().try_fold(get(map, first)?, |value, name| get(value.as_object()?, name))
}

/// A value as the old engine printed it, where the import can be sure of it. A date
/// written in front matter was a time to Jekyll, printed in a form of its own: left
/// alone. A whole number written `2.0` was `2.0` to Ruby, and `2` to JavaScript and Go.
fn scalar(value: &Value, scope: Scope) -> Option<String> {
    match value {
        Value::String(s) if crate::dates::Date::parse(s).is_ok() => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => match n.as_f64() {
            Some(f) if scope != Scope::Jekyll && n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => {
                Some(format!("{f:.0}"))
            }
            _ => Some(n.to_string()),
        },
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some(String::new()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// A page's front matter as the old site's templates knew it: as written (with what its
/// folders' data gave it), and the title the reader gave a page that had none (Jekyll's,
/// from the file name).
pub fn front_matter(meta: &super::meta::Meta) -> Map<String, Value> {
    let mut map = meta.source.clone();
    if let (false, Some(title)) = (map.contains_key("title"), meta.get("title")) {
        map.insert("title".into(), Value::String(title.to_string()));
    }
    map
}

/// The data files of `copies` (source path, destination under `data/`), read into one
/// table by their place there: `data/team/people.yml` is `team.people`. A file that does
/// not parse gives nothing: its names are then left as written, and reported.
pub fn data_tree(src: &Path, copies: &[(PathBuf, PathBuf)]) -> Map<String, Value> {
    let mut tree = Map::new();
    for (source, dest) in copies {
        let Ok(under) = dest.strip_prefix("data") else { continue };
        let ext = under.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
        if !matches!(ext.as_str(), "yml" | "yaml" | "json") {
            continue;
        }
        let Some(value) =
            std::fs::read_to_string(src.join(source)).ok().and_then(|t| crate::yaml::parse_value(&t).ok())
        else {
            continue;
        };
        let names: Vec<String> = under.with_extension("").iter().map(|p| p.to_string_lossy().into_owned()).collect();
        insert_at(&mut tree, &names, value);
    }
    tree
}

/// Puts `value` at `names` in `table`, making the tables between; a value in the way is
/// kept (a file `team.yml` beside a folder `team/`).
fn insert_at(table: &mut Map<String, Value>, names: &[String], value: Value) {
    match names {
        [] => {}
        [last] => {
            table.insert(last.clone(), value);
        }
        [first, rest @ ..] => {
            if let Value::Object(inner) = table.entry(first.clone()).or_insert_with(|| Value::Object(Map::new())) {
                insert_at(inner, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn jekyll() -> Values {
        let site = json!({"site": {"repository": "https://github.com/jekyll/jekyll", "version": 4.4, "whole": 2.0, "future": false,
            "empty": null, "list": [1, 2], "data": {"ruby": {"min_version": "2.7.0"}}}});
        Values { site: site.as_object().unwrap().clone(), scope: Scope::Jekyll, escaped: false }
    }

    #[test]
    fn site_settings_data_and_page_values_are_printed() {
        let page = json!({"title": "Hello", "layout": "post", "version-badge": "3.7"});
        let page = page.as_object().unwrap();
        let v = jekyll();
        let print = |inner: &str| v.print(inner, page);
        assert_eq!(print("site.repository").as_deref(), Some("https://github.com/jekyll/jekyll"));
        assert_eq!(print("site.data.ruby.min_version").as_deref(), Some("2.7.0"));
        assert_eq!(print("site.version").as_deref(), Some("4.4"));
        assert_eq!(print("site.whole").as_deref(), Some("2.0"), "as Ruby prints it");
        assert_eq!(print("site.future").as_deref(), Some("false"));
        assert_eq!(print("site.empty").as_deref(), Some(""));
        assert_eq!(print("page.title").as_deref(), Some("Hello"));
        assert_eq!(print("page.version-badge").as_deref(), Some("3.7"));
        assert_eq!(print("\"{{\"").as_deref(), Some("{{"));
        assert_eq!(print("'{%'").as_deref(), Some("{%"));
    }

    #[test]
    fn what_is_not_known_for_sure_is_left() {
        let page = json!({"title": "Hello", "date": "2016-06-03 13:21:02 -0700"});
        let page = page.as_object().unwrap();
        let v = jekyll();
        for inner in [
            "site.missing",
            "site.list",
            "site.data",
            "site.repository | upcase",
            "page.date",
            "page.missing",
            "title",
            "site",
            "site..repository",
            "\"a\" | append: \"b\"",
            "\"a\" \"b\"",
            "issue",
        ] {
            assert_eq!(v.print(inner, page), None, "{inner}");
        }
    }

    #[test]
    fn eleventy_names_come_from_the_page_then_the_global_data() {
        let site = json!({"metadata": {"title": "Site", "author": {"name": "Ann"}}, "title": "Global"});
        let v = Values { site: site.as_object().unwrap().clone(), scope: Scope::Eleventy, escaped: false };
        let page = json!({"title": "Page", "params": {"version": "2"}});
        let page = page.as_object().unwrap();
        assert_eq!(v.print("title", page).as_deref(), Some("Page"));
        assert_eq!(v.print("metadata.author.name", page).as_deref(), Some("Ann"));
        assert_eq!(v.print("metadata.title", page).as_deref(), Some("Site"));
        assert_eq!(v.print("page.title", page), None);
        assert_eq!(v.print("version", page), None, "Hugo's params are Hugo's");
    }

    #[test]
    fn hugos_param_reads_the_page_then_its_params_then_the_site() {
        let site = json!({"color": "blue", "size": "M", "shop": {"city": "Leeds"}, "ratio": 2.0, "half": 0.5});
        let v = Values { site: site.as_object().unwrap().clone(), scope: Scope::Hugo, escaped: true };
        let page = json!({"title": "Shirts <b>", "Fit": "slim", "params": {"color": "red"}});
        let page = page.as_object().unwrap();
        assert_eq!(v.print("color", page).as_deref(), Some("red"));
        assert_eq!(v.print("size", page).as_deref(), Some("M"));
        assert_eq!(v.print("shop.city", page).as_deref(), Some("Leeds"));
        // Hugo's names are in any case, and its shortcodes escaped what they printed.
        assert_eq!(v.print("title", page).as_deref(), Some("Shirts &lt;b&gt;"));
        assert_eq!(v.print("fit", page).as_deref(), Some("slim"));
        assert_eq!(v.print("ratio", page).as_deref(), Some("2"), "as Go prints it");
        assert_eq!(v.print("half", page).as_deref(), Some("0.5"));
        assert_eq!(v.print("SHOP.City", page).as_deref(), Some("Leeds"));
    }

    #[test]
    fn data_files_are_read_by_their_place_under_data() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("_data/team")).unwrap();
        std::fs::write(dir.path().join("_data/ruby.yml"), "current_version: 3.3.0\n").unwrap();
        std::fs::write(dir.path().join("_data/team/lead.json"), "{\"name\": \"Ann\"}").unwrap();
        std::fs::write(dir.path().join("_data/broken.yml"), "a: [\n").unwrap();
        let copies: Vec<(PathBuf, PathBuf)> = [
            ("_data/ruby.yml", "data/ruby.yml"),
            ("_data/team/lead.json", "data/team/lead.json"),
            ("_data/broken.yml", "data/broken.yml"),
            ("_data/x.csv", "data/x.csv"),
            ("img/a.png", "static/img/a.png"),
        ]
        .iter()
        .map(|(s, d)| (PathBuf::from(s), PathBuf::from(d)))
        .collect();
        let tree = data_tree(dir.path(), &copies);
        assert_eq!(
            Value::Object(tree),
            json!({"ruby": {"current_version": "3.3.0"}, "team": {"lead": {"name": "Ann"}}})
        );
    }
}
