//! Front matter as Jekyll and Hugo write it (YAML, TOML or JSON, with their own key names)
//! turned into careerpress's: known keys renamed, categories folded into tags, old URLs
//! into `aliases`, and every other key kept under `extra`, where it cannot fail a build.

use super::hugo_dates::Field;
use serde_json::{Map, Value};

/// A source file cut into its front matter (as one mapping) and its body.
pub struct Source {
    pub meta: Map<String, Value>,
    pub body: String,
    /// What reading it changed, for the report (a key given twice, whose last value the
    /// old generator kept).
    pub notes: Vec<String>,
}

impl Source {
    /// Its front matter converted, with what reading it changed noted.
    pub fn converted(&self) -> Meta {
        let mut meta = Meta::convert(&self.meta);
        meta.notes.extend(self.notes.iter().cloned());
        meta
    }
}

/// `text` from its front matter's opening line (or Hugo's JSON object) where only blank
/// lines or spaces stand before it, as Hugo and Zola read a page (Jekyll and Eleventy
/// read front matter only at the very start); `text` itself otherwise.
pub fn after_leading_space(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    let first = trimmed.lines().next().unwrap_or("").trim_end();
    match first == "---" || first == "+++" || json_front(trimmed) {
        true => trimmed,
        false => text,
    }
}

/// Whether `text` starts with Hugo's JSON front matter: a `{`, but not a body that
/// starts with a template tag (`{{< figure >}}`, `{% include %}`).
fn json_front(text: &str) -> bool {
    text.starts_with('{') && !text.starts_with("{{") && !text.starts_with("{%")
}

/// Reads the front matter of `text`: YAML between `---` lines, TOML between `+++` lines,
/// or a JSON object at the very start (Hugo). A file without any has an empty mapping.
/// YAML's plain words are true or false as `booleans`, the old generator's reader, took them.
pub fn read(text: &str, booleans: crate::yaml::Booleans) -> Result<Source, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if json_front(text) {
        return read_json(text);
    }
    let first = text.lines().next().unwrap_or("").trim_end();
    if first != "---" && first != "+++" {
        return Ok(Source { meta: Map::new(), body: text.to_string(), notes: Vec::new() });
    }
    let split =
        crate::content::front_matter::split(text, std::path::Path::new("")).map_err(|e| e.message().to_string())?;
    let mut notes = Vec::new();
    let value = match split.format {
        crate::content::front_matter::Format::Yaml => {
            let problem = |e: &crate::yaml::YamlError| yaml_problem(&e.clone().counting_from(split.yaml_line));
            let parsed = match booleans {
                // Ruby's YAML kept the last of a key given twice, and Jekyll published it.
                crate::yaml::Booleans::Psych => crate::yaml::parse_value_last_wins(split.yaml),
                _ => crate::yaml::parse_value(split.yaml).map(|value| (value, None)),
            };
            let (mut value, repeat) =
                parsed.map_err(|e| format!("its YAML front matter does not parse: {}", problem(&e)))?;
            notes
                .extend(repeat.map(|e| format!("{}; Jekyll kept the last value, and so does the import", problem(&e))));
            if let (Some(Value::Object(read)), Value::Object(map)) =
                (crate::yaml::read_as(split.yaml, booleans), &mut value)
            {
                // Hugo's keys are read in any case (`Title`).
                map.extend(read.into_iter().filter(|(key, _)| !WORDS.iter().any(|w| w.eq_ignore_ascii_case(key))));
            }
            value
        }
        crate::content::front_matter::Format::Toml => {
            let table: toml::Table = split.yaml.parse().map_err(|e| {
                format!("its TOML front matter does not parse: {}", toml_problem(split.yaml, &e, split.yaml_line))
            })?;
            toml_to_json(toml::Value::Table(table))
        }
    };
    let meta = match value {
        Value::Object(map) => map,
        Value::Null => Map::new(),
        _ => return Err("its front matter is not a mapping of keys to values".into()),
    };
    Ok(Source { meta, body: split.body.to_string(), notes })
}

/// Keys whose values are the author's words, kept as written where the old generator's
/// YAML read `No` or `yes` as a boolean: its pages printed `false` for `title: No` and made
/// a tag page `true` of `tags: [yes]`, which no author meant.
const WORDS: &[&str] = &[
    "title",
    "linkTitle",
    "subtitle",
    "description",
    "summary",
    "excerpt",
    "author",
    "authors",
    "tags",
    "tag",
    "categories",
    "category",
    "keywords",
    "series",
    "slug",
];

/// A YAML error as one phrase: where, then what.
pub fn yaml_problem(e: &crate::yaml::YamlError) -> String {
    match (e.line, e.column) {
        (Some(line), Some(column)) => format!("line {line}, column {column}: {}", e.message),
        (Some(line), None) => format!("line {line}: {}", e.message),
        _ => e.message.clone(),
    }
}

/// A TOML error as one phrase, as `yaml_problem` says a YAML one, lines counted in a file
/// whose TOML starts on `first_line`: toml's own Display quotes the line over several.
pub fn toml_problem(text: &str, e: &toml::de::Error, first_line: usize) -> String {
    match toml_said(text, e, first_line) {
        (Some((line, column)), message) => format!("line {line}, column {column}: {message}"),
        (None, message) => message,
    }
}

/// Where a TOML error is (lines counted from `first_line`) and what it is, on one line.
pub fn toml_said(text: &str, e: &toml::de::Error, first_line: usize) -> (Option<(usize, usize)>, String) {
    let said = crate::toml_spans::explain(text, e, ".");
    let message = said.key.map_or_else(|| said.message.clone(), |key| format!("{key}: {}", said.message));
    (said.at.map(|(line, column)| (line + first_line - 1, column)), message)
}

fn read_json(text: &str) -> Result<Source, String> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let value = stream.next().ok_or("no JSON front matter")?.map_err(|e| format!("its JSON front matter: {e}"))?;
    let body = text[stream.byte_offset()..].trim_start_matches(['\r', '\n']).to_string();
    match value {
        Value::Object(meta) => Ok(Source { meta, body, notes: Vec::new() }),
        _ => Err("its JSON front matter is not an object".into()),
    }
}

/// TOML values as JSON ones; dates become the text TOML wrote, which careerpress reads.
pub(super) fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

/// careerpress front matter being assembled, in the order it is written.
#[derive(Default)]
pub struct Meta {
    /// The front matter as the old site read it, for what its templates printed of it.
    pub source: Map<String, Value>,
    pub pairs: Vec<(String, Value)>,
    pub extra: Map<String, Value>,
    pub tags: Vec<String>,
    pub aliases: Vec<String>,
    /// What was done to the keys, for the report.
    pub notes: Vec<String>,
    /// `draft: true` or `published: false`: the old site never published it, so it has
    /// no old URL to redirect from. A page that expired was published, and keeps its own.
    pub never_published: bool,
}

/// One of Hugo's dates of a page, by its usual key or as a `[frontmatter]` order of the
/// site's read it (`import::hugo`): its text, the front matter key that held it (None for
/// a file's name or time), and where it came from, for the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Given {
    pub text: String,
    pub key: Option<String>,
    pub from: String,
}

impl Given {
    /// Its front matter key, else Hugo's name of the date it stands for (`field`).
    fn key_or<'a>(&'a self, field: &'a str) -> &'a str {
        self.key.as_deref().unwrap_or(field)
    }
}

/// Hugo's `lastmod`, `publishDate` and `expiryDate` where the site's `[frontmatter]`
/// configures an order for them: Some(the date it read), Some(None) when nothing in the
/// order had one (Hugo then had none, whatever keys the page has). None where the site
/// configures none: the keys careerpress knows are read as usual.
#[derive(Default)]
pub struct Ordered {
    pub lastmod: Option<Option<Given>>,
    pub publish_date: Option<Option<Given>>,
    pub expiry_date: Option<Option<Given>>,
}

/// Jekyll and Hugo keys careerpress reads under its own name, but those of `updated`.
const RENAMED: [(&str, &str); 4] =
    [("title", "title"), ("description", "description"), ("author", "author"), ("slug", "slug")];

/// Whether `key` gives careerpress's `updated`: Hugo's `lastmod` and its aliases, or
/// Jekyll's `last_modified_at` (and `updated`, careerpress's own).
fn gives_updated(key: &str) -> bool {
    Field::Lastmod.keys().contains(&key) || key == "last_modified_at" || key == "updated"
}

/// The name careerpress reads `key` by, if it reads it.
fn renamed(key: &str) -> Option<&'static str> {
    if gives_updated(key) {
        return Some("updated");
    }
    RENAMED.iter().find(|(from, _)| *from == key).map(|(_, to)| *to)
}

impl Meta {
    /// Sorts `source`'s keys into careerpress's and `extra`; dates are checked here.
    pub fn convert(source: &Map<String, Value>) -> Meta {
        Meta::convert_ordered(source, &Ordered::default())
    }

    /// [`Meta::convert`] of a Hugo page whose `lastmod`, `publishDate` or `expiryDate`
    /// the site's `[frontmatter]` orders gave (`ordered`), rather than the usual keys.
    pub fn convert_ordered(source: &Map<String, Value>, ordered: &Ordered) -> Meta {
        Meta::convert_on(source, ordered, crate::dates::today().ok())
    }

    /// [`Meta::convert_ordered`] on the day `today` (None when the build date cannot be
    /// told): Hugo's window of publication, `publishDate` to `expiryDate`, is applied as of then.
    fn convert_on(source: &Map<String, Value>, ordered: &Ordered, today: Option<chrono::NaiveDate>) -> Meta {
        let mut meta = Meta { source: source.clone(), ..Meta::default() };
        for (key, value) in source {
            // With a `lastmod` order, the order alone says which key was the last change.
            if ordered.lastmod.is_some() && gives_updated(key) {
                meta.keep(key, value);
                continue;
            }
            meta.take(key, value);
        }
        meta.publication_window(source, ordered, today);
        if let Some(Some(lastmod)) = &ordered.lastmod {
            meta.updated_as_ordered(lastmod);
        }
        meta.updated_not_before_date(source);
        if !meta.has("description") {
            for key in ["summary", "excerpt"] {
                if let Some(Value::String(text)) = source.get(key) {
                    meta.set("description", Value::String(text.clone()));
                    meta.extra.remove(key);
                    meta.notes.push(format!("`{key}` → description"));
                    break;
                }
            }
        }
        meta
    }

    fn take(&mut self, key: &str, value: &Value) {
        if key == "authors" || (key == "author" && !value.is_string()) {
            return self.authors(key, value);
        }
        if let Some(to) = renamed(key) {
            match value {
                Value::String(s) if to == "updated" => self.date(to, key, s, value),
                Value::String(s) if to == "slug" && crate::content::validate_slug(s).is_err() => self.slug(s, value),
                Value::String(_) if !self.has(to) => self.set(to, value.clone()),
                // `title: 2019` is text to YAML's reader of the old site, a number to ours.
                Value::Number(n) if matches!(to, "title" | "description") && !self.has(to) => {
                    self.set(to, Value::String(n.to_string()))
                }
                _ => self.keep(key, value),
            }
            return;
        }
        match (key, value) {
            ("date", Value::String(s)) => self.date("date", key, s, value),
            ("tags" | "tag" | "categories" | "category", _) => {
                let before = self.tags.len();
                match value {
                    // Jekyll's `category` and `tag` are one each, spaces and all.
                    Value::String(_) if key == "category" || key == "tag" => {
                        self.add_tags(&Value::Array(vec![value.clone()]))
                    }
                    _ => self.add_tags(value),
                }
                if key != "tags" && self.tags.len() > before {
                    self.notes.push(format!("`{key}` → tags"));
                }
            }
            ("draft", Value::Bool(b)) => {
                self.never_published |= *b;
                self.set("draft", Value::Bool(*b))
            }
            ("published", Value::Bool(false)) => {
                self.never_published = true;
                self.set("draft", Value::Bool(true));
                self.notes.push("`published: false` → draft: true".into());
            }
            ("aliases" | "redirect_from", _) => {
                for url in strings(value) {
                    self.aliases.push(url);
                }
            }
            _ => self.keep(key, value),
        }
    }

    /// `author: [a, b]`, `authors:` (Hugo's taxonomy, a theme's list), or jekyll-seo-tag's
    /// `author: {name: …}`: careerpress's `author` is a name or `[authors]` id, or a list
    /// of them, so each name is kept in its order, once, and a mapping gives its `name`.
    /// What is no name (a number, a mapping without one) and what a mapping holds besides
    /// the name (a URL, a handle) stay under extra, as does the list when `author` is
    /// already set.
    fn authors(&mut self, key: &str, value: &Value) {
        let items: &[Value] = match value {
            Value::Array(items) => items,
            other => std::slice::from_ref(other),
        };
        let name_of = |v: &Value| {
            let name = match v {
                Value::String(s) => s.as_str(),
                Value::Object(fields) => fields.get("name").and_then(Value::as_str).unwrap_or(""),
                _ => "",
            };
            Some(name.trim().to_string()).filter(|n| !n.is_empty())
        };
        let mut names: Vec<String> = Vec::new();
        for name in items.iter().filter_map(name_of) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        if names.is_empty() || self.has("author") {
            let why = if names.is_empty() { "holds no name" } else { "`author` already names who wrote it" };
            self.notes.push(format!("`{key}` kept under extra: it {why}"));
            return self.keep(key, value);
        }
        let written = match names.as_slice() {
            [one] => Value::String(one.clone()),
            _ => Value::Array(names.iter().cloned().map(Value::String).collect()),
        };
        if !value.is_string() {
            self.notes.push(format!("`{key}` → author: {}", names.join(", ")));
        }
        self.set("author", written);
        let more = |v: &&Value| name_of(v).is_none() || v.as_object().is_some_and(|fields| fields.len() > 1);
        let rest: Vec<Value> = items.iter().filter(more).cloned().collect();
        if !rest.is_empty() {
            self.notes.push(format!("`{key}`: {} item(s) with more than a name kept under extra", rest.len()));
            self.keep(key, &if value.is_array() { Value::Array(rest) } else { value.clone() });
        }
    }

    /// Hugo publishes a page from its `publishDate` and stops at its `expiryDate` (each
    /// read by the site's `[frontmatter]` order where it has one, `ordered`).
    /// careerpress publishes an article from its `date`: a later `publishDate` becomes the
    /// date, so that the article waits as Hugo's would. It has no expiry: a page that
    /// expired by `today` is imported as a draft, one that expires later is published with
    /// a note to make it a draft then (the date stays under `extra`).
    fn publication_window(&mut self, source: &Map<String, Value>, ordered: &Ordered, today: Option<chrono::NaiveDate>) {
        let usual = |keys: &[&str]| {
            keys.iter().find_map(|&key| {
                let text = source.get(key)?.as_str()?;
                crate::dates::parse_datetime(text).ok()?;
                Some(Given { text: text.trim().to_string(), key: Some(key.to_string()), from: format!("its `{key}`") })
            })
        };
        // Without an order, Hugo's own reads each key of the date (`hugo_dates`), as spelt
        // there: the Hugo reader has already put Hugo's keys in that spelling.
        let publish = ordered.publish_date.clone().unwrap_or_else(|| usual(Field::PublishDate.keys()));
        if let Some(given) = publish {
            self.publish_from(&given, ordered.publish_date.is_some());
        }
        let expiry = ordered.expiry_date.clone().unwrap_or_else(|| usual(Field::ExpiryDate.keys()));
        let Some(given) = expiry else { return };
        let Ok(expiry) = crate::dates::parse_datetime(&given.text) else { return };
        if ordered.expiry_date.is_some() {
            self.note_ordered("expiryDate", &given);
        }
        let (key, text) = (given.key_or("expiryDate"), &given.text);
        match today {
            Some(today) if expiry.utc_date() <= today => {
                self.set("draft", Value::Bool(true));
                self.notes.push(format!("`{key}: {text}` has passed → draft: true, as Hugo no longer publishes it"));
            }
            _ => self
                .notes
                .push(format!("`{key}: {text}`: careerpress does not unpublish by date: make it `draft: true` then")),
        }
    }

    /// Hugo's `publishDate` (`ordered` when a `[frontmatter]` order read it) as the date,
    /// when it is later than the date.
    fn publish_from(&mut self, given: &Given, ordered: bool) {
        let Ok(publish) = crate::dates::parse_datetime(&given.text) else { return };
        let dated = self.get("date").and_then(|d| crate::dates::parse_datetime(d).ok());
        if dated.is_some_and(|date| publish.utc_date() <= date.utc_date()) {
            return;
        }
        self.set("date", Value::String(given.text.clone()));
        if let Some(key) = &given.key {
            self.extra.remove(key);
        }
        if ordered {
            self.note_ordered("publishDate", given);
        }
        let key = given.key_or("publishDate");
        self.notes.push(format!("`{key}` → date: careerpress publishes an article from its date"));
    }

    /// Hugo's `lastmod` as a `[frontmatter] lastmod` order read it, as `updated`. One not
    /// after the date says nothing careerpress's date does not (careerpress refuses an
    /// `updated` before it), and is left under extra.
    fn updated_as_ordered(&mut self, given: &Given) {
        let Ok(updated) = crate::dates::parse_datetime(&given.text) else { return };
        let dated = self.get("date").and_then(|d| crate::dates::parse_datetime(d).ok());
        if let Some(date) = dated.filter(|date| !date.is_before(updated)) {
            if updated.is_before(date) {
                self.note_ordered("lastmod", given);
                self.notes.push(format!(
                    "Hugo's lastmod, {}, is before its date: careerpress reads an article as last changed on its date",
                    given.text
                ));
            }
            return;
        }
        self.set("updated", Value::String(given.text.clone()));
        if let Some(key) = &given.key {
            self.extra.remove(key);
        }
        self.note_ordered("lastmod", given);
    }

    /// careerpress refuses an `updated` before the `date`, which Hugo and Jekyll took: a
    /// `lastmod` of an edit made before a later `publishDate` (which became the date), or
    /// one typed wrong. Such an `updated` says nothing the date does not; it goes back
    /// under extra by the key it came from, with a note, and the site still builds.
    fn updated_not_before_date(&mut self, source: &Map<String, Value>) {
        let read = |key| self.get(key).and_then(|text| crate::dates::parse_datetime(text).ok());
        let (Some(updated), Some(date)) = (read("updated"), read("date")) else { return };
        if !updated.is_before(date) {
            return;
        }
        let (text, date_text) = (self.get("updated").unwrap_or_default().to_string(), date.to_iso());
        self.pairs.retain(|(key, _)| key != "updated");
        // The key `take` read it from: the first key of those that give `updated`.
        let from = source
            .iter()
            .find(|(key, value)| value.is_string() && gives_updated(key))
            .map_or("updated", |(key, _)| key.as_str());
        self.keep(from, &source.get(from).cloned().unwrap_or_else(|| Value::String(text.clone())));
        self.notes.push(format!(
            "`{from}: {text}` is before the date, {date_text}: careerpress reads an article as last changed on its \
             date (kept under extra)"
        ));
    }

    /// Where a date the site's `[frontmatter] field` order gave came from, for the report;
    /// nothing when it is the key of Hugo's own name, which careerpress reads anyway.
    fn note_ordered(&mut self, field: &str, given: &Given) {
        if given.key.as_deref() != Some(field) {
            self.notes.push(format!("`{field}` as Hugo's order for it read it: {}", given.from));
        }
    }

    /// A `slug` that is no URL segment (`Hello World`): Jekyll and Hugo made one of it
    /// (`hello-world`), and so does careerpress's slug rule; what leaves nothing stays
    /// under extra, and the page takes its slug from its name.
    fn slug(&mut self, text: &str, value: &Value) {
        let slug = crate::content::slugify(text);
        if slug.is_empty() {
            self.notes.push(format!("`slug: {text}` makes no URL: kept under extra"));
            self.keep("slug", value);
        } else {
            self.notes.push(format!("`slug: {}` → slug: {slug}, as the old generator made its URL", text.trim()));
            self.set("slug", Value::String(slug));
        }
    }

    fn date(&mut self, to: &str, key: &str, text: &str, value: &Value) {
        if self.has(to) {
            self.keep(key, value);
        } else if crate::dates::parse_datetime(text).is_ok() {
            self.set(to, Value::String(text.trim().to_string()));
        } else if let Some(read) = padded_date(text)
            .filter(|p| crate::dates::parse_datetime(p).is_ok())
            .or_else(|| super::loose_dates::normalized(text))
        {
            self.notes.push(format!("`{key}: {}` → {to}: {read}, as the old generator read it", text.trim()));
            self.set(to, Value::String(read));
        } else {
            self.notes.push(format!("`{key}: {text}` is not a date careerpress reads: kept under extra"));
            self.keep(key, value);
        }
    }

    pub fn add_tags(&mut self, value: &Value) {
        let mut words: Vec<String> = Vec::new();
        match value {
            // Jekyll splits a string of categories on spaces.
            Value::String(s) => words.extend(s.split_whitespace().map(str::to_string)),
            _ => {
                if !tag_words(value, &mut words) {
                    self.notes.push("a mapping among the tags was left out: a tag is a word or a few".into());
                }
            }
        }
        for w in words {
            if !w.is_empty() && !self.tags.iter().any(|t| t.eq_ignore_ascii_case(&w)) {
                self.tags.push(w);
            }
        }
    }

    fn keep(&mut self, key: &str, value: &Value) {
        self.extra.insert(key.to_string(), value.clone());
    }

    pub fn has(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }

    /// Whether a build on `today` leaves the page out, as careerpress's does: a draft, or
    /// dated after that day (scheduled).
    pub fn left_out_on(&self, today: chrono::NaiveDate) -> bool {
        let draft = self.pairs.iter().any(|(k, v)| k == "draft" && *v == Value::Bool(true));
        let day = self.get("date").and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok());
        draft || day.is_some_and(|day| day > today)
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == key).and_then(|(_, v)| v.as_str())
    }

    pub fn set(&mut self, key: &str, value: Value) {
        match self.pairs.iter_mut().find(|(k, _)| k == key) {
            Some(pair) => pair.1 = value,
            None => self.pairs.push((key.to_string(), value)),
        }
    }

    /// The front matter text: careerpress's keys, then tags, aliases and extra.
    pub fn to_text(&self) -> Result<String, String> {
        const ORDER: [&str; 7] = ["title", "description", "date", "updated", "author", "slug", "draft"];
        let mut pairs = self.pairs.clone();
        pairs.sort_by_key(|(k, _)| ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()));
        if !self.tags.is_empty() {
            pairs.push(("tags".into(), Value::from(self.tags.clone())));
        }
        if !self.aliases.is_empty() {
            pairs.push(("aliases".into(), Value::from(self.aliases.clone())));
        }
        if !self.extra.is_empty() {
            pairs.push(("extra".into(), Value::Object(self.extra.clone())));
        }
        crate::yaml::front_matter_text(&pairs)
    }
}

/// The tags `value` names, into `out`, as Jekyll and Hugo printed them: a number or a
/// boolean (`tags: [2024, yes]`, read as true by their YAML) as its text, lists within the
/// list flattened. False where a mapping stood among them, which names no tag.
fn tag_words(value: &Value, out: &mut Vec<String>) -> bool {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Bool(b) => out.push(b.to_string()),
        // Every item read, past a mapping too.
        Value::Array(items) => return items.iter().map(|item| tag_words(item, out)).filter(|kept| !kept).count() == 0,
        Value::Null => {}
        Value::Object(_) => return false,
    }
    true
}

/// A string or a list of strings (other items skipped).
pub(super) fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// A date whose month or day has one digit, or whose parts are split by `/`
/// (`2014-10-1 12:00:00`, `2014/10/01`), as Jekyll reads it, written `YYYY-MM-DD` with the
/// rest as it was; None for any other text.
fn padded_date(text: &str) -> Option<String> {
    let text = text.trim();
    let split = text.find([' ', 'T']).unwrap_or(text.len());
    let (date, rest) = text.split_at(split);
    let parts: Vec<&str> = date.split(['-', '/']).collect();
    let [year, month, day] = parts[..] else { return None };
    padded_ymd(year, month, day).map(|date| date + rest)
}

/// `YYYY-MM-DD` from a year of four digits and a month and day of one or two, as Jekyll
/// reads a date in a file name or in front matter; None for other text. The date itself
/// is not checked.
pub fn padded_ymd(year: &str, month: &str, day: &str) -> Option<String> {
    let digits = |s: &str, most: usize| !s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit());
    (year.len() == 4 && digits(year, 4) && digits(month, 2) && digits(day, 2))
        .then(|| format!("{year}-{month:0>2}-{day:0>2}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `read` as a YAML 1.2 reader reads it.
    fn read_12(text: &str) -> Result<Source, String> {
        read(text, crate::yaml::Booleans::Yaml12)
    }

    #[test]
    fn jekylls_and_hugos_yaml_words_for_booleans_keep_a_post_unpublished() {
        use crate::yaml::Booleans::{GoYamlV2, Psych, Yaml12};
        let text = "---\ntitle: No\nSubTitle: Yes\npublished: no\ncomments: on\ntags: [yes, 2024, [a, b], {x: 1}, n]\n---\nBody\n";
        let meta = |booleans| Meta::convert(&read(text, booleans).unwrap().meta);
        let pair = |m: &Meta, key: &str| m.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        for old in [Psych, GoYamlV2] {
            let m = meta(old);
            assert_eq!(pair(&m, "draft"), Some(json!(true)), "{old:?}");
            assert_eq!(m.extra.get("comments"), Some(&json!(true)), "{old:?}");
            // The author's words stay words.
            assert_eq!(pair(&m, "title"), Some(json!("No")), "{old:?}");
            assert_eq!(read(text, old).unwrap().meta["SubTitle"], json!("Yes"), "{old:?}");
            assert_eq!(m.tags, ["yes", "2024", "a", "b", "n"], "{old:?}");
            assert!(m.notes.iter().any(|n| n.contains("a mapping among the tags was left out")), "{:?}", m.notes);
        }
        // A key given twice: Ruby's YAML kept the last, and Jekyll published the post.
        let twice = "---\ntitle: A\npublished: no\ntitle: B\n---\nBody\n";
        let jekyll = read(twice, Psych).unwrap().converted();
        assert_eq!(pair(&jekyll, "title"), Some(json!("B")));
        assert_eq!(pair(&jekyll, "draft"), Some(json!(true)));
        let said = "line 4, column 1: `title` is given twice, here and on line 2: keep one; Jekyll kept the last value";
        assert!(jekyll.notes.iter().any(|n| n.starts_with(said)), "{:?}", jekyll.notes);
        assert!(read(twice, GoYamlV2).err().is_some_and(|e| e.contains("`title` is given twice")));
        // Eleventy's js-yaml reads YAML 1.2: `no` is text, and the post is published.
        let eleventy = meta(Yaml12);
        assert_eq!(pair(&eleventy, "draft"), None);
        assert_eq!(eleventy.extra.get("comments"), Some(&json!("on")));
    }

    #[test]
    fn merge_keys_are_applied_as_every_old_generators_yaml_applied_them() {
        use crate::yaml::Booleans::{GoYamlV2, Psych, Yaml12};
        let text = "---\npost: &post\n  categories: [advice]\n  published: no\n<<: *post\ntitle: Merged\n---\nBody\n";
        for old in [Psych, GoYamlV2, Yaml12] {
            let m = read(text, old).unwrap().converted();
            assert_eq!(m.tags, ["advice"], "{old:?}");
            assert!(!m.extra.contains_key("<<"), "{old:?}: {:?}", m.extra);
            let draft = m.pairs.iter().any(|(k, v)| k == "draft" && v == &json!(true));
            assert_eq!(draft, old != Yaml12, "{old:?}: `no` is a boolean to Ruby and Go alone");
        }
    }

    #[test]
    fn front_matter_after_blank_lines_is_read_where_hugo_and_zola_read_it() {
        let text = "\n  \n+++\ntitle = \"Deep\"\n+++\nBody\n";
        let source = read_12(after_leading_space(text)).unwrap();
        assert_eq!((source.meta["title"].as_str(), source.body.as_str()), (Some("Deep"), "Body\n"));
        assert_eq!(after_leading_space("\n---\ntitle: A\n---\n"), "---\ntitle: A\n---\n");
        // Only front matter is looked for past blank lines: a body is kept as it is.
        for body in ["\nText\n+++\n", "\n{{< figure >}}\n", "\n---x\n"] {
            assert_eq!(after_leading_space(body), body);
        }
        let json = read_12(after_leading_space("\n{\n\"title\": \"Json\"\n}\nBody.\n")).unwrap();
        assert_eq!((json.meta["title"].as_str(), json.body.as_str()), (Some("Json"), "Body.\n"));
        // A body that starts with a template tag is a body, not JSON front matter.
        for body in ["{{< figure src=\"a.png\" >}}\nText\n", "{% include note.html %}\n"] {
            let source = read_12(body).unwrap();
            assert!(source.meta.is_empty() && source.body == body, "{body}");
        }
    }

    fn convert(v: Value) -> Meta {
        Meta::convert(v.as_object().unwrap())
    }

    #[test]
    fn reads_yaml_toml_and_json_front_matter() {
        let yaml = read_12("---\ntitle: A\ntags: [x]\n---\nBody\n").unwrap();
        assert_eq!(yaml.meta["title"], "A");
        assert_eq!(yaml.body, "Body\n");
        let toml = read_12("+++\ntitle = \"B\"\ndate = 2019-08-19T10:00:00Z\n+++\nBody\n").unwrap();
        assert_eq!(toml.meta["date"], "2019-08-19T10:00:00Z");
        let json = read_12("{\n\"title\": \"C\"\n}\n\nBody\n").unwrap();
        assert_eq!(json.meta["title"], "C");
        assert_eq!(json.body, "Body\n");
        assert!(read_12("no front matter\n").unwrap().meta.is_empty());
        assert!(read_12("---\ntitle: [\n---\n").is_err());
    }

    #[test]
    fn toml_that_does_not_parse_is_one_phrase_at_its_file_line() {
        let Err(e) = read_12("+++\ntitle = \"A\"\ndate = 2025-02-30\n+++\n") else { panic!("a bad date reads") };
        assert!(
            e.starts_with(
                "its TOML front matter does not parse: line 3, column 8: date: 2025-02-30 is not a valid date"
            ),
            "{e}"
        );
        let text = "title = \"A\"\nx = = 1\n";
        let e = text.parse::<toml::Table>().unwrap_err();
        assert_eq!(toml_problem(text, &e, 1), format!("line 2, column 5: {}", toml_said(text, &e, 1).1));
        assert!(!toml_problem(text, &e, 1).contains('\n'));
    }

    #[test]
    fn a_numeric_title_and_a_single_tag_are_kept() {
        let m = convert(json!({"title": 2019, "description": 1.5, "tag": "Job Search", "tags": ["offers"]}));
        assert_eq!((m.get("title"), m.get("description")), (Some("2019"), Some("1.5")));
        assert_eq!(m.tags, ["Job Search", "offers"]);
        assert!(m.extra.is_empty(), "{:?}", m.extra);
    }

    #[test]
    fn a_date_the_old_generator_read_loosely_is_written_as_careerpress_reads_it() {
        let m = convert(json!({"date": "Tue, 09 Apr 2019 08:09:26 -0700", "lastmod": "April 10, 2019"}));
        assert_eq!((m.get("date"), m.get("updated")), (Some("2019-04-09T08:09:26-07:00"), Some("2019-04-10")));
        assert!(m.notes.iter().any(|n| n.contains("as the old generator read it")), "{:?}", m.notes);
    }

    #[test]
    fn an_updated_before_the_date_goes_back_under_extra() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5);
        let on = |v: Value| Meta::convert_on(v.as_object().unwrap(), &Ordered::default(), today);
        // Edited in March, published in June: Hugo dates it June, and careerpress would
        // refuse an `updated` of March.
        let m = on(json!({"title": "T", "date": "2020-01-01", "publishDate": "2020-06-01", "lastmod": "2020-03-03"}));
        assert_eq!((m.get("date"), m.get("updated")), (Some("2020-06-01"), None));
        assert_eq!(m.extra.get("lastmod"), Some(&json!("2020-03-03")));
        assert!(
            m.notes.iter().any(|n| n.starts_with("`lastmod: 2020-03-03` is before the date, 2020-06-01")),
            "{:?}",
            m.notes
        );
        let typo = on(json!({"title": "T", "date": "2021-05-05", "last_modified_at": "2012-05-05"}));
        assert_eq!((typo.get("updated"), typo.extra.get("last_modified_at")), (None, Some(&json!("2012-05-05"))));
        // The same day, with a time on one side only, is not before it.
        let same = on(json!({"title": "T", "date": "2021-05-05 10:00", "lastmod": "2021-05-05"}));
        assert_eq!(same.get("updated"), Some("2021-05-05"));
        let later = on(json!({"title": "T", "date": "2021-05-05", "lastmod": "2021-06-01"}));
        assert_eq!((later.get("updated"), later.extra.get("lastmod")), (Some("2021-06-01"), None));
    }

    #[test]
    fn hugos_publication_window_becomes_a_date_or_a_draft() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5);
        let on = |v: Value| Meta::convert_on(v.as_object().unwrap(), &Ordered::default(), today);
        let scheduled = on(json!({"title": "S", "date": "2019-01-01", "publishDate": "2099-01-01"}));
        assert_eq!(scheduled.get("date"), Some("2099-01-01"));
        assert!(!scheduled.extra.contains_key("publishDate") && scheduled.get("draft").is_none());
        // An earlier publishDate than the date changes nothing: the date already waits.
        let early = on(json!({"date": "2020-05-01", "publishDate": "2020-01-01"}));
        assert_eq!(early.get("date"), Some("2020-05-01"));
        let expired = on(json!({"title": "E", "date": "2019-01-01", "expiryDate": "2020-01-01"}));
        assert_eq!(expired.pairs.iter().find(|(k, _)| k == "draft").map(|(_, v)| v), Some(&Value::Bool(true)));
        assert!(expired.notes.iter().any(|n| n.contains("has passed")), "{:?}", expired.notes);
        let later = on(json!({"title": "L", "date": "2019-01-01", "expiryDate": "2099-01-01"}));
        assert!(later.pairs.iter().all(|(k, _)| k != "draft"), "not a draft until it expires");
        assert!(later.extra.contains_key("expiryDate") && later.notes.iter().any(|n| n.contains("does not unpublish")));
    }

    #[test]
    fn every_key_of_hugos_dates_is_read_without_an_order() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5);
        let on = |key: &str, text: &str| {
            let mut front = json!({"title": "T", "date": "2019-01-01"}).as_object().unwrap().clone();
            front.insert(key.to_string(), json!(text));
            Meta::convert_on(&front, &Ordered::default(), today)
        };
        // `published` among them: Hugo's alias of `publishDate`, which no list here had.
        for &key in Field::PublishDate.keys() {
            let m = on(key, "2099-01-01");
            assert_eq!((m.get("date"), m.extra.get(key)), (Some("2099-01-01"), None), "{key}");
        }
        for &key in Field::ExpiryDate.keys() {
            let m = on(key, "2020-01-01");
            assert_eq!(m.pairs.iter().find(|(k, _)| k == "draft").map(|(_, v)| v), Some(&Value::Bool(true)), "{key}");
        }
        for &key in Field::Lastmod.keys() {
            assert_eq!(on(key, "2020-01-01").get("updated"), Some("2020-01-01"), "{key}");
        }
        // `published: false` is a draft (Jekyll's word, and a Hugo page's without a date).
        let m = convert(json!({"title": "T", "date": "2019-01-01", "published": false}));
        assert_eq!((m.get("date"), m.never_published), (Some("2019-01-01"), true));
    }

    #[test]
    fn hugos_dates_read_by_the_sites_orders_map_as_the_usual_keys_do() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5);
        let given = |text: &str, key: &str| {
            Some(Some(Given { text: text.into(), key: Some(key.into()), from: format!("its `{key}`") }))
        };
        let front = json!({"title": "T", "date": "2020-01-01", "lastmod": "2020-02-02", "modified": "2021-03-03",
            "publishDate": "2019-01-01", "goLive": "2020-12-01", "expiryDate": "2099-01-01", "retireOn": "2020-06-01"});
        let on = |ordered: &Ordered| Meta::convert_on(front.as_object().unwrap(), ordered, today);
        let usual = on(&Ordered::default());
        assert_eq!(
            (usual.get("updated"), usual.get("date"), usual.has("draft")),
            (Some("2020-02-02"), Some("2020-01-01"), false)
        );
        // The key each order gave stands where the usual one did; the others stay under extra.
        let ordered = Ordered {
            lastmod: given("2021-03-03", "modified"),
            publish_date: given("2020-12-01", "goLive"),
            expiry_date: given("2020-06-01", "retireOn"),
        };
        let m = on(&ordered);
        assert_eq!((m.get("updated"), m.get("date")), (Some("2021-03-03"), Some("2020-12-01")));
        assert_eq!(m.pairs.iter().find(|(k, _)| k == "draft").map(|(_, v)| v), Some(&Value::Bool(true)));
        assert!(!m.extra.contains_key("modified") && !m.extra.contains_key("goLive"), "{:?}", m.extra);
        assert!(["lastmod", "publishDate", "expiryDate", "retireOn"].iter().all(|k| m.extra.contains_key(*k)));
        for note in [
            "`lastmod` as Hugo's order for it read it: its `modified`",
            "`goLive` → date",
            "`retireOn: 2020-06-01` has passed",
        ] {
            assert!(m.notes.iter().any(|n| n.contains(note)), "{note}: {:?}", m.notes);
        }
        // An order that found nothing: no such date, though the page has the usual keys.
        let m = on(&Ordered { lastmod: Some(None), publish_date: Some(None), expiry_date: Some(None) });
        assert_eq!((m.get("updated"), m.get("date"), m.has("draft")), (None, Some("2020-01-01"), false));
        assert!(m.extra.contains_key("lastmod") && m.extra.contains_key("modified") && m.notes.is_empty());
        // careerpress refuses an `updated` before the date: it says no more than the date.
        let m = on(&Ordered { lastmod: given("2019-01-01", "publishDate"), ..Ordered::default() });
        assert_eq!(m.get("updated"), None);
        assert!(m.notes.iter().any(|n| n.contains("Hugo's lastmod, 2019-01-01, is before its date")), "{:?}", m.notes);
    }

    #[test]
    fn maps_keys_and_keeps_the_rest_under_extra() {
        let m = convert(json!({
            "title": "Hello", "date": "2013-05-06 02:12:52 +0200", "layout": "post",
            "categories": "news Career", "tags": ["career", "Advice"], "published": false,
            "redirect_from": "/old/", "last_modified_at": "2014-01-01", "excerpt": "Short."
        }));
        assert_eq!(m.get("title"), Some("Hello"));
        assert_eq!(m.get("date"), Some("2013-05-06 02:12:52 +0200"));
        assert_eq!(m.get("updated"), Some("2014-01-01"));
        assert_eq!(m.get("description"), Some("Short."));
        assert_eq!(m.tags, ["news", "Career", "Advice"]);
        assert_eq!(convert(json!({"category": "Career Advice"})).tags, ["Career Advice"], "one category");
        assert_eq!(m.aliases, ["/old/"]);
        assert_eq!(m.extra["layout"], "post");
        assert!(m.pairs.contains(&("draft".into(), Value::Bool(true))));
        let text = m.to_text().unwrap();
        assert!(text.starts_with("title: Hello\n"), "{text}");
        assert!(text.contains("extra:\n  layout: post\n"), "{text}");
    }

    #[test]
    fn a_list_of_authors_stays_a_list_and_what_is_no_name_stays_under_extra() {
        let m = convert(json!({"title": "T", "author": ["Ana Díaz", " Bo Chen ", "Ana Díaz"]}));
        assert_eq!(m.pairs.iter().find(|(k, _)| k == "author").unwrap().1, json!(["Ana Díaz", "Bo Chen"]));
        assert!(m.extra.is_empty() && m.notes == ["`author` → author: Ana Díaz, Bo Chen"], "{:?}", m.notes);
        assert!(m.to_text().unwrap().contains("author:\n- Ana Díaz\n- Bo Chen\n"), "{}", m.to_text().unwrap());
        assert_eq!(convert(json!({"authors": ["ana"]})).get("author"), Some("ana"), "one id stays an id");
        assert_eq!(convert(json!({"author": "Ana"})).notes, Vec::<String>::new(), "a plain name is no news");
        let m = convert(json!({"authors": ["Ana", {"name": "Bo", "url": "https://bo.example"}, 3]}));
        assert_eq!(m.pairs.iter().find(|(k, _)| k == "author").unwrap().1, json!(["Ana", "Bo"]));
        assert_eq!(m.extra["authors"], json!([{"name": "Bo", "url": "https://bo.example"}, 3]));
        assert!(
            m.notes.iter().any(|n| n.contains("2 item(s) with more than a name kept under extra")),
            "{:?}",
            m.notes
        );
        // A single author is written for the article; a list beside it is kept.
        let m = convert(json!({"author": "Ana", "authors": ["Bo"]}));
        assert_eq!((m.get("author"), &m.extra["authors"]), (Some("Ana"), &json!(["Bo"])));
        assert!(m.notes[0].contains("already names"), "{:?}", m.notes);
        // jekyll-seo-tag's mapping gives its name; its other fields stay under extra.
        let m = convert(json!({"author": {"name": "Bo", "twitter": "bo"}}));
        assert_eq!((m.get("author"), &m.extra["author"]), (Some("Bo"), &json!({"name": "Bo", "twitter": "bo"})));
        assert_eq!(convert(json!({"author": [{"name": "Bo"}]})).get("author"), Some("Bo"));
        let m = convert(json!({"author": [{"url": "https://bo.example"}]}));
        assert!(!m.has("author") && m.extra["author"] == json!([{"url": "https://bo.example"}]), "{:?}", m.notes);
        assert!(m.notes[0].contains("holds no name"), "{:?}", m.notes);
    }

    #[test]
    fn a_date_careerpress_cannot_read_goes_under_extra_with_a_note() {
        let m = convert(json!({"title": "T", "date": "last Tuesday"}));
        assert!(!m.has("date"));
        assert_eq!(m.extra["date"], "last Tuesday");
        assert!(m.notes[0].contains("not a date"), "{:?}", m.notes);
        // Month 2 has no day 30, padded or not.
        let m = convert(json!({"title": "T", "date": "2014-2-30"}));
        assert!(!m.has("date") && m.notes[0].contains("not a date"), "{:?}", m.notes);
    }

    #[test]
    fn a_slug_that_is_no_url_segment_is_made_one() {
        let m = convert(json!({"title": "T", "slug": "Hello World"}));
        assert_eq!(m.get("slug"), Some("hello-world"));
        assert!(m.notes[0].contains("→ slug: hello-world"), "{:?}", m.notes);
        assert_eq!(convert(json!({"title": "T", "slug": "Already-Fine"})).get("slug"), Some("Already-Fine"));
        let m = convert(json!({"title": "T", "slug": "???"}));
        assert!(!m.has("slug") && m.extra["slug"] == "???", "{:?}", m.notes);
    }

    #[test]
    fn a_date_with_one_digit_parts_or_slashes_is_padded_as_jekyll_read_it() {
        let m = convert(json!({"title": "T", "date": "2014-10-1 12:00:00 +0800"}));
        assert_eq!(m.get("date"), Some("2014-10-01 12:00:00 +0800"));
        assert!(m.notes[0].contains("→ date: 2014-10-01 12:00:00 +0800"), "{:?}", m.notes);
        assert_eq!(convert(json!({"title": "T", "date": "2014/3/5"})).get("date"), Some("2014-03-05"));
        for other in ["14-10-01", "2014-100-1", "2014-10", "2014-1-2-3", "2014-x-1"] {
            assert_eq!(padded_date(other), None, "{other}");
        }
    }
}
