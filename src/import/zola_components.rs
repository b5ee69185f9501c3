//! Zola 0.23's components (Tera 2), which took the place of its shortcodes: defined
//! anywhere in the templates with `{% component name(params) %}…{% endcomponent %}`,
//! called from Markdown as `{{ <name key="x" flag={true} /> }}` or, with a body, as
//! `{% <name key="x"> %}…{% </name> %}`. A call is read here as the Zola shortcode call
//! it stands for (`name(key="x", flag=true)`, `end`), so that the shortcodes' own path
//! (`body`, `zola_shortcodes`) keeps it and ports its template.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One component the templates define.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// The template file that defines it, from the site's folder.
    pub file: PathBuf,
    /// Its whole definition, as written, for a stand-in to quote.
    pub definition: String,
    /// What it draws: the text between its tags, as Tera 2's trim marks leave it.
    pub body: String,
    /// Its parameters with the default each was given, where that is a literal.
    pub defaults: Vec<(String, super::zola_shortcodes::Value)>,
}

impl Component {
    /// The component as a Tera template on its own: its parameters' defaults set where a
    /// call gave no value, then its body.
    pub fn template(&self) -> String {
        let mut text = String::new();
        for (name, value) in &self.defaults {
            let literal = match value {
                // The value holds no `"` (`zola_shortcodes::values`), and Tera's strings no escapes.
                super::zola_shortcodes::Value::Text(s) => format!("\"{s}\""),
                other => other.written(),
            };
            text.push_str(&format!("{{%- if {name} is not defined %}}{{% set {name} = {literal} %}}{{% endif -%}}\n"));
        }
        text.push_str(&self.body);
        text
    }
}

/// The components the site's templates define, then its theme's, by name: the site's
/// take the place of the theme's. Files that cannot be read are named in the second list.
pub fn find(src: &Path, theme: Option<&str>) -> (BTreeMap<String, Component>, Vec<String>) {
    let mut found = BTreeMap::new();
    let mut unread = Vec::new();
    let theme_dir = theme.map(|t| Path::new("themes").join(t).join("templates"));
    for dir in [Some(PathBuf::from("templates")), theme_dir].into_iter().flatten() {
        if !src.join(&dir).is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(src.join(&dir)).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    unread.push(e.to_string());
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(src).unwrap_or(entry.path()).to_path_buf();
            match std::fs::read_to_string(entry.path()) {
                Ok(text) if text.contains("component") => {
                    for (name, component) in defined(&text, &rel) {
                        found.entry(name).or_insert(component);
                    }
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {}
                Err(e) => unread.push(format!("{}: {e}", crate::error::printable(&rel))),
            }
        }
    }
    (found, unread)
}

/// The components one template file defines.
fn defined(text: &str, file: &Path) -> Vec<(String, Component)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((start, open_end, inner)) = tag_at(text, at) {
        at = open_end;
        let Some(head) = inner.strip_prefix("component").filter(|h| h.starts_with(char::is_whitespace)) else {
            continue;
        };
        let Some((name, params)) = head.trim().split_once('(') else { continue };
        let Some(params) = parameters(params) else { continue };
        let name = name.trim();
        let Some((close_start, close_end)) = end_tag(text, open_end) else { continue };
        at = close_end;
        if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') || name.is_empty() {
            continue;
        }
        let mut body = &text[open_end..close_start];
        if text[..open_end].ends_with("-%}") {
            body = body.trim_start();
        }
        if text[close_start..].starts_with("{%-") {
            body = body.trim_end();
        }
        let component = Component {
            file: file.to_path_buf(),
            definition: text[start..close_end].to_string(),
            body: body.to_string(),
            defaults: defaults(params),
        };
        out.push((name.to_string(), component));
    }
    out
}

/// A definition's parameters, from what follows its `(`: up to the `)` that closes it,
/// after which Tera 2 allows only the component's metadata (`{"css": "card.css"}`).
fn parameters(after_open: &str) -> Option<&str> {
    let close = closing(after_open, ')')?;
    let rest = after_open[close + 1..].trim();
    (rest.is_empty() || rest.starts_with('{')).then_some(&after_open[..close])
}

/// Where the `close` that ends what `text` is inside of stands: the first outside quotes
/// and outside the brackets and braces `text` opens itself.
fn closing(text: &str, close: char) -> Option<usize> {
    let (mut depth, mut quote) = (0usize, None);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, _) if c == close && depth == 0 => return Some(i),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    None
}

/// The next `{% … %}` at or after `at`: where it starts and ends, and what it holds
/// without its trim marks.
fn tag_at(text: &str, at: usize) -> Option<(usize, usize, &str)> {
    let start = at + text[at..].find("{%")?;
    let end = start + 2 + text[start + 2..].find("%}")? + 2;
    let inner = text[start + 2..end - 2].trim_start_matches('-').trim_end_matches('-').trim();
    Some((start, end, inner))
}

/// Where the `{% endcomponent %}` after `at` starts and ends: definitions do not nest.
fn end_tag(text: &str, mut at: usize) -> Option<(usize, usize)> {
    while let Some((start, end, inner)) = tag_at(text, at) {
        if inner == "endcomponent" || inner.strip_prefix("endcomponent").is_some_and(|r| r.starts_with(' ')) {
            return Some((start, end));
        }
        at = end;
    }
    None
}

/// Each parameter given a literal default, from `name: type = default, …`; a rest
/// parameter (`...attrs`), one without a default or one whose default is `None` or an
/// expression has none here.
fn defaults(params: &str) -> Vec<(String, super::zola_shortcodes::Value)> {
    let mut out = Vec::new();
    for param in split_top(params, ',') {
        let Some((name, default)) = param.split_once('=') else { continue };
        let name = name.split(':').next().unwrap_or_default().trim();
        if name.starts_with("...") || name.is_empty() {
            continue;
        }
        // Tera 2 writes its booleans `true` or `True`.
        let default = match default.trim() {
            "True" => "true",
            "False" => "false",
            other => other,
        };
        let one = format!("{name}={default}");
        if let Some(mut values) = super::zola_shortcodes::values(&one) {
            out.extend(values.pop().map(|(_, v)| (name.to_string(), v)));
        }
    }
    out
}

/// `text` split at each `sep` outside quotes, brackets and braces.
fn split_top(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut from) = (0usize, None, 0);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth = depth.saturating_sub(1),
            (None, _) if c == sep && depth == 0 => {
                parts.push(&text[from..i]);
                from = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[from..]);
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// What a component tag in a body stands for, as Zola's shortcodes wrote it.
#[derive(Debug, PartialEq, Eq)]
pub enum Called {
    /// `{{ <name … /> }}`: a call without a body, `name(…)` in `{{ }}`.
    Alone(String),
    /// `{% <name …> %}`: a pair's opening tag, `name(…)` in `{% %}`.
    Opens(String),
    /// `{% </name> %}`: a pair's end, `end`.
    Ends,
}

/// The component tag whose text between its delimiters (trimmed) is `inner`: in `{{ }}`
/// when `output`, else in `{% %}`. None for anything else, or a name with a namespace
/// (`ui.button`), which careerpress's shortcodes cannot take.
pub fn called(inner: &str, output: bool) -> Option<Called> {
    let tag = inner.strip_prefix('<')?.strip_suffix('>')?.trim();
    if !output {
        if let Some(name) = tag.strip_prefix('/') {
            return plain_name(name.trim()).then_some(Called::Ends);
        }
    }
    let (tag, alone) = match tag.strip_suffix('/') {
        Some(t) => (t.trim_end(), true),
        None => (tag, false),
    };
    if alone != output {
        return None;
    }
    let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
    let (name, attributes) = tag.split_at(name_end);
    if !plain_name(name) {
        return None;
    }
    let args = arguments(attributes.trim())?.join(", ");
    let call = format!("{name}({args})");
    Some(if alone { Called::Alone(call) } else { Called::Opens(call) })
}

fn plain_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The names of what Zola gave every template, which components, drawn apart from the
/// page, are passed by hand (`page={page}`, or `page` alone): careerpress's shortcode
/// templates have its own `config` and `lang`, and a template that reads the others cannot
/// be drawn as it is, which trying its port says.
const GLOBALS: [&str; 9] =
    ["config", "page", "section", "lang", "current_path", "current_url", "taxonomy", "term", "paginator"];

/// A component call's attributes as Zola's shortcode arguments: `key="x"` as it is,
/// `key={expr}` as `key=expr`, and `key` alone as `key=key`, which Tera 2 reads it as;
/// one that passes a global under its own name (`page={page}`) is left out, the template
/// seeing careerpress's own where it has one. None where they cannot be read.
fn arguments(mut rest: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    while !rest.is_empty() {
        let key_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let key = &rest[..key_end];
        if !plain_name(key) {
            return None;
        }
        let after = rest[key_end..].trim_start();
        let (written, after) = match after.strip_prefix('=').map(str::trim_start) {
            Some(value) => {
                let len = value_len(value)?;
                let written = &value[..len];
                let written = match written.strip_prefix('{') {
                    Some(expr) => expr.strip_suffix('}')?.trim(),
                    None => written,
                };
                (written, &value[len..])
            }
            None => (key, after),
        };
        if !(written == key && GLOBALS.contains(&key)) {
            out.push(format!("{key}={written}"));
        }
        rest = after.trim_start();
    }
    Some(out)
}

/// How long the value `text` starts with is: a quoted string, or a `{…}` expression to
/// its matching brace.
fn value_len(text: &str) -> Option<usize> {
    let first = text.chars().next()?;
    if matches!(first, '"' | '\'' | '`') {
        return text[1..].find(first).map(|end| end + 2);
    }
    if first != '{' {
        return None;
    }
    closing(&text[1..], '}').map(|end| end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::zola_shortcodes::Value;

    #[test]
    fn calls_read_as_the_shortcode_calls_they_stand_for() {
        let alone = |s: &str| Some(Called::Alone(s.to_string()));
        assert_eq!(called("<pirate name=\"Bob\" />", true), alone("pirate(name=\"Bob\")"));
        assert_eq!(called("<basic/>", true), alone("basic()"));
        assert_eq!(
            called("<youtube id='x'  autoplay={true} scale={ 0.5 } />", true),
            alone("youtube(id='x', autoplay=true, scale=0.5)")
        );
        assert_eq!(called("<gallery items />", true), alone("gallery(items=items)"));
        // Zola's globals passed under their own names are careerpress's own, or none.
        assert_eq!(
            called("<img src=\"a.png\" page={page} config={ config } lang />", true),
            alone("img(src=\"a.png\")")
        );
        assert_eq!(called("<img page={section} />", true), alone("img(page=section)"));
        assert_eq!(called("<m v={ {\"a\": \"}\"} } />", true), alone("m(v={\"a\": \"}\"})"));
        assert_eq!(called("<note kind=\"tip\">", false), Some(Called::Opens("note(kind=\"tip\")".into())));
        assert_eq!(called("</note>", false), Some(Called::Ends));
        // The wrong delimiters, a namespace, or what is not a component at all.
        assert_eq!(called("<note kind=\"tip\">", true), None);
        assert_eq!(called("<pirate />", false), None);
        assert_eq!(called("</note>", true), None);
        assert_eq!(called("<ui.button label=\"x\" />", true), None);
        assert_eq!(called("<b>bold</b>", true), None);
        assert_eq!(called("<x v=\"open />", true), None);
        assert_eq!(called("<x v={1 />", true), None);
        assert_eq!(called("page.title", true), None);
    }

    #[test]
    fn definitions_are_found_with_their_bodies_and_literal_defaults() {
        let text = "{% component pirate(name: string) -%}\nArrrh {{ name }}\n{%- endcomponent %}\n\
                    {% component youtube(id, class=None, n: int = 3, kind=\"info\", on=True, v=[1]) %}\n\
                    <div>{{ id }}</div>\n{% endcomponent youtube %}\n\
                    {% component card(title: string, size=(1)) {\"css\": \"./card.css\"} %}[{{ title }}]{% endcomponent %}\n\
                    {% component ui.icon(name) %}x{% endcomponent %}\n\
                    {% component broken(x) %}never ended";
        let found = defined(text, Path::new("templates/components.html"));
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["pirate", "youtube", "card"], "metadata after the parameters, as Tera 2 allows");
        assert_eq!(found[0].1.body, "Arrrh {{ name }}");
        assert!(found[0].1.definition.starts_with("{% component pirate") && found[0].1.definition.ends_with("%}"));
        assert_eq!(found[1].1.body, "\n<div>{{ id }}</div>\n");
        assert_eq!(
            found[1].1.defaults,
            [
                ("n".to_string(), Value::Int(3)),
                ("kind".into(), Value::Text("info".into())),
                ("on".into(), Value::Bool(true))
            ]
        );
        let template = found[1].1.template();
        assert!(template.starts_with("{%- if n is not defined %}{% set n = 3 %}{% endif -%}\n"), "{template}");
        assert!(template.contains("{% set kind = \"info\" %}"), "{template}");
    }

    #[test]
    fn a_components_template_draws_its_defaults_and_a_calls_values() {
        let found = defined(
            "{% component note(kind=\"info\", n=2) %}[{{ kind }} {{ n }}]{% endcomponent %}",
            Path::new("t.html"),
        );
        let mut tera = tera::Tera::default();
        tera.add_raw_template("note", &found[0].1.template()).unwrap();
        let mut ctx = tera::Context::new();
        assert_eq!(tera.render("note", &ctx).unwrap(), "[info 2]");
        ctx.insert("kind", "tip");
        assert_eq!(tera.render("note", &ctx).unwrap(), "[tip 2]");
    }
}
