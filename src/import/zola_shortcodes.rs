//! A Zola site's own shortcodes. Zola's shortcode templates are Tera, as careerpress's
//! are, so each one the pages call is kept: written for careerpress with a few lines in
//! front that give it Zola's names (each value a variable of its own, `body`, `nth`), and
//! tried on every distinct call before it is written. One that careerpress cannot draw
//! as it is (a Markdown shortcode, `page`, Zola's own functions) gets a stand-in instead,
//! saying why.

use crate::config::Config;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A value a Zola call gave, typed as Zola read it: `"x"` (or `'x'`, `` `x` ``), `2`,
/// `2.5`, `true`. Arrays and expressions are not read: such a call is left.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Value {
    /// The value as careerpress's call writes it, between quotes.
    pub fn written(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Int(n) => n.to_string(),
            Value::Float(x) => x.to_string(),
            Value::Bool(b) => b.to_string(),
        }
    }

    fn kind(&self) -> Kind {
        match self {
            Value::Text(_) => Kind::Text,
            Value::Int(_) => Kind::Int,
            Value::Float(_) => Kind::Float,
            Value::Bool(_) => Kind::Bool,
        }
    }
}

/// What a variable is given as in the port: the kind every call wrote it as, or text
/// where calls differ (a whole number among decimals is a decimal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Int,
    Float,
    Bool,
}

impl Kind {
    fn joined(self, other: Kind) -> Kind {
        match (self, other) {
            (a, b) if a == b => a,
            (Kind::Int, Kind::Float) | (Kind::Float, Kind::Int) => Kind::Float,
            _ => Kind::Text,
        }
    }
}

/// Zola's named values, `id="x", width=300, wide=true`, in order; None when one is not a
/// literal careerpress can pass on (an array, a variable, a string holding a `"`).
pub fn values(args: &str) -> Option<Vec<(String, Value)>> {
    let mut out = Vec::new();
    let mut rest = args.trim();
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=')?;
        let key = key.trim();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return None;
        }
        let after = after.trim_start();
        let (value, remainder) = match after.chars().next()? {
            q @ ('"' | '\'' | '`') => {
                let end = after[1..].find(q)?;
                let text = &after[1..1 + end];
                if text.contains(['"', '\n', '\r']) || text.contains(">}}") {
                    return None;
                }
                (Value::Text(text.to_string()), &after[2 + end..])
            }
            _ => {
                let end = after.find(|c: char| c == ',' || c.is_whitespace()).unwrap_or(after.len());
                (literal(&after[..end])?, &after[end..])
            }
        };
        out.push((key.to_string(), value));
        rest = remainder.trim_start();
        // Zola's grammar (`ident ( kwargs* )`) reads `a="x" b="y"`, a comma left out, as
        // one group of values after another.
        rest = match rest.strip_prefix(',') {
            Some(r) => r.trim_start(),
            None if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') => rest,
            None => return None,
        };
    }
    Some(out)
}

/// An unquoted literal: a boolean or a number.
fn literal(text: &str) -> Option<Value> {
    match text {
        "true" => Some(Value::Bool(true)),
        "false" => Some(Value::Bool(false)),
        _ if text.contains(['.', 'e', 'E']) => text.parse().ok().filter(|x: &f64| x.is_finite()).map(Value::Float),
        _ => text.parse().ok().map(Value::Int),
    }
}

/// One kept call: its values, and a pair's body as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Vec<(String, Value)>,
    pub body: Option<String>,
}

impl Call {
    /// The call as careerpress writes it between `{{<` and `>}}`.
    pub fn written(&self) -> String {
        let mut call = self.name.clone();
        for (key, value) in &self.args {
            call.push_str(&format!(" {key}=\"{}\"", value.written()));
        }
        call
    }
}

/// Every call of one shortcode the pages kept.
#[derive(Debug, Default)]
pub struct Seen {
    kinds: BTreeMap<String, Kind>,
    /// Each distinct call once, in the order first met.
    calls: Vec<Call>,
}

/// The most calls of one shortcode a port is tried on: enough for every shape of call a
/// site writes, without drawing a thousand alike.
const TRIED: usize = 64;

impl Seen {
    pub fn add(&mut self, call: &Call) {
        for (key, value) in &call.args {
            let kind = value.kind();
            self.kinds.entry(key.clone()).and_modify(|k| *k = k.joined(kind)).or_insert(kind);
        }
        if self.calls.len() < TRIED && !self.calls.contains(call) {
            self.calls.push(call.clone());
        }
    }
}

/// The site's shortcode templates (`templates/shortcodes/x.html`, or `.md`), then its
/// theme's, by the name pages call them: Zola looks in the site's first.
pub fn templates(src: &Path, theme: Option<&str>) -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    let theme_dir = theme.map(|t| Path::new("themes").join(t).join("templates/shortcodes"));
    for dir in [Some(PathBuf::from("templates/shortcodes")), theme_dir].into_iter().flatten() {
        let Ok(entries) = std::fs::read_dir(src.join(&dir)) else { continue };
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
        // `x.html` before `x.md`, as Zola prefers it.
        files.sort_by_key(|p| (p.file_stem().map(|s| s.to_owned()), p.extension().is_none_or(|e| e != "html")));
        for file in files {
            let (Some(stem), Some(ext)) = (file.file_stem().and_then(|s| s.to_str()), file.extension()) else {
                continue;
            };
            if (ext == "html" || ext == "md") && stem.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                found.entry(stem.to_string()).or_insert_with(|| dir.join(file.file_name().unwrap_or_default()));
            }
        }
    }
    found
}

/// Names the port must not give a value: Zola's own (`config`, `lang`, `body`, `nth`),
/// careerpress's `shortcode`, which the port reads, and Tera's own words.
const TAKEN: [&str; 13] =
    ["config", "lang", "shortcode", "body", "nth", "loop", "true", "false", "and", "or", "not", "in", "is"];

/// The port of shortcode `name`'s template (`old`: a file of `templates/shortcodes/`, or
/// a Zola 0.23 component) for careerpress, tried on each distinct call with the site's
/// `config`; Err says why it cannot be drawn as it is.
pub fn port(name: &str, old: &super::OldFile<'_>, seen: &Seen, config: &Config) -> Result<String, String> {
    let file = crate::error::printable(old.path).to_string().replace("#}", "# }");
    let (origin, old) = match &old.component {
        Some(template) => (format!("component `{name}` in {file}"), template.clone()),
        None if old.path.extension().is_some_and(|e| e == "md") => {
            return Err("it is a Markdown shortcode (`.md`), whose output Zola read as Markdown; careerpress's \
                        shortcodes draw HTML"
                .into());
        }
        None => (file, old.text.clone().map_err(|e| format!("it could not be read: {e}"))?),
    };
    let mut text = format!(
        "{{#- Kept by `careerpress import` from the Zola site's {origin}:\n    \
         as it was, below, but that `body | markdown` is shortcode.body, the pair's body as\n    \
         careerpress renders it, and `config.base_url` is zola_base_url, without its final `/`.\n    \
         The lines before it give the template Zola's names: each value given by name is a\n    \
         variable of its own (typed as the site's calls wrote it), `body` is the text between a\n    \
         pair's tags and `nth` counts the page's calls of it. -#}}\n"
    );
    for (key, kind) in seen.kinds.iter().filter(|(k, _)| !TAKEN.contains(&k.as_str())) {
        let value = match kind {
            Kind::Text => format!("shortcode.args.{key}"),
            Kind::Int => format!("shortcode.args.{key} | int"),
            Kind::Float => format!("shortcode.args.{key} | float"),
            Kind::Bool => format!("shortcode.args.{key} == \"true\""),
        };
        text.push_str(&format!(
            "{{%- if shortcode.args.{key} is defined %}}{{% set {key} = {value} %}}{{% endif -%}}\n"
        ));
    }
    // Zola gave a pair's body without the line break before its `{% end %}`.
    text.push_str("{%- if shortcode.inner is string %}{% set body = shortcode.inner | trim_end %}{% endif -%}\n");
    text.push_str("{%- set nth = shortcode.ordinal -%}\n");
    let old = rendered_body(&old);
    // Zola's `config.base_url` ends without the `/` careerpress's has: templates add one.
    let old = match replace_word(&old, "config.base_url", "zola_base_url") {
        Some(replaced) => {
            text.push_str("{%- set zola_base_url = config.base_url | trim_end_matches(pat=\"/\") -%}\n");
            replaced
        }
        None => old,
    };
    tried(name, (&text, &old), seen, config)?;
    text.push_str(&old);
    Ok(text)
}

/// `text` with each `word` that stands alone (not part of a longer name) as `by`; None
/// where there is none.
fn replace_word(text: &str, word: &str, by: &str) -> Option<String> {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut found = false;
    while let Some(rel) = text[at..].find(word) {
        let start = at + rel;
        let end = start + word.len();
        let alone = !text[..start].ends_with(ident) && !text[end..].starts_with(ident);
        out.push_str(&text[at..start]);
        out.push_str(if alone { by } else { word });
        found |= alone;
        at = end;
    }
    out.push_str(&text[at..]);
    found.then_some(out)
}

/// `old` with each `body | markdown` (with or without arguments) as `shortcode.body`: what
/// Zola's filter made of the pair's body, careerpress has rendered already, with the page's
/// links.
fn rendered_body(old: &str) -> String {
    let mut out = String::with_capacity(old.len());
    let mut at = 0;
    while let Some(rel) = old[at..].find("body") {
        let start = at + rel;
        let word_before = old[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || "_.".contains(c));
        let after = &old[start + 4..];
        let piped = after.trim_start().strip_prefix('|').map(str::trim_start);
        let filtered = piped.and_then(|p| p.strip_prefix("markdown"));
        match filtered {
            Some(rest) if !word_before && !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') => {
                let (rest, inline) = match rest.trim_start().strip_prefix('(') {
                    Some(args) => match args.find(')') {
                        Some(close) => (&args[close + 1..], args[..close].replace(' ', "").contains("inline=true")),
                        None => (rest, false),
                    },
                    None => (rest, false),
                };
                out.push_str(&old[at..start]);
                // `inline=true`: Zola's filter took the paragraph's tags off.
                out.push_str(match inline {
                    true => "shortcode.body | trim | trim_start_matches(pat=\"<p>\") | trim_end_matches(pat=\"</p>\")",
                    false => "shortcode.body",
                });
                at = old.len() - rest.len();
            }
            _ => {
                out.push_str(&old[at..start + 4]);
                at = start + 4;
            }
        }
    }
    out.push_str(&old[at..]);
    out
}

/// Draws the port (its `preamble`, then the `old` template) for each call `seen`, as
/// careerpress will: the first error, with its causes, is why it cannot be kept. The old
/// template is read alone first, so that a mistake in it is at its own line.
fn tried(name: &str, (preamble, old): (&str, &str), seen: &Seen, config: &Config) -> Result<(), String> {
    let template = format!("{}{name}.html", crate::templates::SHORTCODES_DIR);
    let mut tera = crate::templates::tera_for(&config.base_url);
    tera.add_raw_template(&template, old).map_err(|e| chain(&e))?;
    tera.add_raw_template(&template, &format!("{preamble}{old}")).map_err(|e| chain(&e))?;
    let mut ctx = tera::Context::new();
    ctx.insert("config", config);
    ctx.insert("data", &serde_json::Map::new());
    ctx.insert("nav", &Vec::<String>::new());
    ctx.insert("lang", &config.language);
    ctx.insert("site_author", "");
    for call in &seen.calls {
        let mut sc = crate::markdown::parse_shortcode(&call.written()).map_err(|e| format!("its call {e}"))?;
        sc.inner = call.body.clone();
        sc.body = call.body.as_ref().map(|b| format!("<p>{}</p>", crate::escape::html(b.trim())));
        ctx.insert("shortcode", &crate::site::ShortcodeContext::of(&sc));
        tera.render(&template, &ctx).map_err(|e| chain(&e))?;
    }
    Ok(())
}

/// A Tera error with its causes, on one line for the report: a parse error's picture of
/// the line (` 3 | {% if %}`, `^---`) as its words.
fn chain(e: &tera::Error) -> String {
    let mut said = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        said.push_str(": ");
        said.push_str(&cause.to_string());
        source = cause.source();
    }
    let words = said.lines().map(|l| l.trim().trim_start_matches(['|', '=']).trim());
    words.filter(|l| !l.is_empty() && !l.starts_with('^')).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shortcode template of `templates/shortcodes/` that says `text`.
    fn file<'a>(path: &'a str, text: &str) -> crate::import::OldFile<'a> {
        crate::import::OldFile { path: Path::new(path), text: Ok(text.to_string()), component: None }
    }

    fn config() -> Config {
        Config::parse("title = \"T\"\nbase_url = \"https://example.org/\"\n", Path::new("site.toml")).unwrap()
    }

    fn seen(calls: &[(&str, Option<&str>)]) -> Seen {
        let mut seen = Seen::default();
        for (args, body) in calls {
            seen.add(&Call { name: "note".into(), args: values(args).unwrap(), body: body.map(str::to_string) });
        }
        seen
    }

    #[test]
    fn zolas_values_are_read_with_their_types() {
        let read = values(r#"id="a b", width=300, ratio=1.5, wide=true, alt='say "hi"'"#);
        assert_eq!(read, None, "a double quote cannot be passed on in careerpress's call");
        let read = values(" id = 'a, b' ,width=-3, ratio=1.5,wide=false ").unwrap();
        assert_eq!(
            read,
            [
                ("id".to_string(), Value::Text("a, b".into())),
                ("width".to_string(), Value::Int(-3)),
                ("ratio".to_string(), Value::Float(1.5)),
                ("wide".to_string(), Value::Bool(false)),
            ]
        );
        assert_eq!(values(""), Some(vec![]));
        // Zola's grammar reads values without a comma between as groups one after another.
        let groups = values(r#"src="b.png" alt='x' n=1 y=2.5,z=true"#).unwrap();
        let keys: Vec<&str> = groups.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["src", "alt", "n", "y", "z"]);
        assert_eq!(groups[2].1, Value::Int(1));
        for not_literal in ["xs=[1, 2]", "x=page.title", "x=", "=1", "x=1 !y=2", "x=\"open", "x=1 2"] {
            assert_eq!(values(not_literal), None, "{not_literal}");
        }
    }

    #[test]
    fn a_body_through_markdown_is_the_rendered_body() {
        assert_eq!(rendered_body("{{ body | markdown | safe }}"), "{{ shortcode.body | safe }}");
        assert_eq!(rendered_body("{{ body|markdown()|safe }}"), "{{ shortcode.body|safe }}");
        // Zola's `inline=true` took the paragraph's tags off.
        assert_eq!(
            rendered_body("{{ body | markdown(inline = true) | safe }}"),
            "{{ shortcode.body | trim | trim_start_matches(pat=\"<p>\") | trim_end_matches(pat=\"</p>\") | safe }}"
        );
        // Another variable, or the body as it is, stays.
        for kept in
            ["{{ body | safe }}", "{{ nobody | markdown }}", "{{ page.body | markdown }}", "{{ body | markdowns }}"]
        {
            assert_eq!(rendered_body(kept), kept);
        }
    }

    #[test]
    fn a_port_gives_the_template_zolas_names_with_their_types() {
        let old = "<aside class=\"{{ kind | default(value='info') }}\">{% if width > 200 %}wide {% endif %}{% if open %}open {% endif %}\
                   #{{ nth }} {{ body | markdown | safe }}</aside>";
        let seen = seen(&[("kind=\"tip\", width=300, open=true", Some("Some *text*")), ("width=100", Some("x"))]);
        let text = port("note", &file("templates/shortcodes/note.html", old), &seen, &config()).unwrap();
        let mut tera = crate::templates::tera_for("https://example.org/");
        tera.add_raw_template("note.html", &text).unwrap();
        let mut sc = crate::markdown::parse_shortcode("note kind=\"tip\" width=\"300\" open=\"true\"").unwrap();
        sc.ordinal = 2;
        sc.inner = Some("Some *text*".into());
        sc.body = Some("<p>Some <em>text</em></p>".into());
        let mut ctx = tera::Context::new();
        ctx.insert("shortcode", &crate::site::ShortcodeContext::of(&sc));
        let drawn = tera.render("note.html", &ctx).unwrap();
        assert_eq!(drawn, "<aside class=\"tip\">wide open #2 <p>Some <em>text</em></p></aside>");
    }

    #[test]
    fn zolas_base_url_has_no_slash_at_its_end_and_a_body_none_before_its_end_tag() {
        let old =
            "<img src=\"{{ config.base_url }}/img/{{ f }}\">{{ config.base_url_x | default(value='') }}[{{ body }}]";
        let seen = seen(&[("f=\"a.png\"", Some("<b>x</b>\n"))]);
        let text = port("note", &file("templates/shortcodes/note.html", old), &seen, &config()).unwrap();
        let mut tera = crate::templates::tera_for("https://example.org/blog/");
        tera.add_raw_template("note.html", &text).unwrap();
        let mut sc = crate::markdown::parse_shortcode("note f=\"a.png\"").unwrap();
        sc.inner = Some("<b>x</b>\n".into());
        let mut ctx = tera::Context::new();
        ctx.insert(
            "config",
            &Config::parse("title = \"T\"\nbase_url = \"https://example.org/blog/\"\n", Path::new("s")).unwrap(),
        );
        ctx.insert("shortcode", &crate::site::ShortcodeContext::of(&sc));
        let drawn = tera.render("note.html", &ctx).unwrap();
        assert_eq!(drawn, "<img src=\"https://example.org/blog/img/a.png\">[&lt;b&gt;x&lt;/b&gt;]");
    }

    #[test]
    fn a_parse_error_is_at_the_old_templates_own_line_on_one_line() {
        let seen = seen(&[("kind=\"tip\"", None)]);
        let e = port("note", &file("templates/shortcodes/note.html", "a\nb\n{% if %}"), &seen, &config()).unwrap_err();
        assert!(e.contains("--> 3:7") && !e.contains('\n'), "{e}");
    }

    #[test]
    fn a_template_careerpress_cannot_draw_says_why() {
        let seen = seen(&[("kind=\"tip\"", None)]);
        let config = config();
        let why = |old: &str| port("note", &file("templates/shortcodes/note.html", old), &seen, &config);
        assert!(why("{{ page.title }}").unwrap_err().contains("page.title"), "{:?}", why("{{ page.title }}"));
        let zola_only = why("{{ get_url(path=\"@/a.md\") }}").unwrap_err();
        assert!(zola_only.contains("get_url"), "{zola_only}");
        let markdown = port("note", &file("templates/shortcodes/note.md", "**{{ kind }}**"), &seen, &config);
        assert!(markdown.unwrap_err().contains("Markdown shortcode"));
        assert!(why("{% if %}").is_err());
        // What careerpress's templates have, it has: `config`, `url()`.
        assert!(why("<a href=\"{{ url(path=kind) }}\">{{ config.title }}</a>").is_ok());
    }
}
