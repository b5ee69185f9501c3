//! The theme's Tera templates, compiled once per build, with the site's own `templates/`
//! overriding theme files of the same name. Errors are mapped back to the template's file.
//!
//! Tera 1.x, not 2.x: 1.x is what Zola and most Tera themes are written against, its API
//! and error behaviour are settled, and our template contract (`url`, page/section contexts)
//! stays the same either way. Only this module and the theme touch Tera, so a move to 2.x
//! is a contained change once its ecosystem settles.

mod cycles;
mod depth;

use crate::config::Config;
use crate::error::{Error, ErrorKind};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use tera::{Context, Tera, Value};
use xxhash_rust::xxh3::xxh3_64;

pub const THEMES_DIR: &str = "themes";

pub struct Templates {
    tera: Tera,
    /// Template name to the file it came from, relative to the site root.
    sources: HashMap<String, PathBuf>,
    /// A hash of every template's name and text; None when a template reads the
    /// environment (`get_env`), so that its output is not a function of its context alone
    /// and the render cache reuses nothing.
    pub fingerprint: Option<u64>,
    /// Per template, a hash of the templates it is drawn with (see `closure_hashes`), so
    /// that the render cache draws again only the pages an edited template shows in.
    closures: HashMap<String, u64>,
    /// Each template's text, to find what a render error names in it: Tera's tree keeps
    /// no positions.
    texts: HashMap<String, String>,
    /// The ids the templates write as they are (`id="main"`), which headings' ids made from
    /// their text must not repeat (`markdown::LinkContext::theme_ids`).
    pub ids: HashSet<String>,
    /// The site's own shortcodes, by name: each template `shortcodes/<name>.html`, sorted.
    pub shortcodes: Vec<String>,
}

/// Where the templates of a site's own shortcodes are, among the templates.
pub const SHORTCODES_DIR: &str = "shortcodes/";

/// The folder of the configured theme.
pub fn theme_dir(root: &Path, config: &Config) -> PathBuf {
    root.join(THEMES_DIR).join(&config.theme)
}

/// The error for a theme folder that is not there, at the `theme` key of site.toml (the
/// default theme is taken when it names none: then there is no line).
fn no_theme(root: &Path, theme: &Path) -> Error {
    let error = Error::new(
        ErrorKind::Config,
        crate::config::CONFIG_FILE,
        format!("`theme`: no theme folder at {}", crate::error::printable(theme.strip_prefix(root).unwrap_or(theme))),
    );
    match crate::config::position_in_file(root, &["theme"]) {
        Some((line, column)) => error.at(line, column),
        None => error,
    }
}

impl Templates {
    /// Loads `themes/<theme>/templates` then `templates/`, later files winning by name.
    pub fn load(root: &Path, config: &Config) -> Result<Templates, Vec<Error>> {
        let theme = theme_dir(root, config);
        if !theme.is_dir() {
            return Err(vec![no_theme(root, &theme)]);
        }
        let mut files: HashMap<String, (PathBuf, PathBuf)> = HashMap::new();
        let mut errors = Vec::new();
        for dir in [theme.join("templates"), root.join("templates")] {
            if !dir.is_dir() {
                continue;
            }
            match crate::content::walk(root, &dir) {
                Ok(found) => {
                    for f in found {
                        files.insert(f.rel.clone(), (f.abs, f.display));
                    }
                }
                Err(errs) => errors.extend(errs),
            }
        }
        let mut raw = Vec::with_capacity(files.len());
        let mut sources = HashMap::new();
        for (name, (abs, display)) in files {
            match crate::content::read_text(&abs, &display) {
                Ok(text) => raw.push((name.clone(), text)),
                Err(e) => errors.push(e),
            }
            sources.insert(name, display);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let fingerprint = fingerprint(&mut raw);
        let texts: HashMap<String, u64> =
            raw.iter().map(|(name, text)| (name.clone(), xxh3_64(text.as_bytes()))).collect();
        // Tera would recurse through such a cycle until the stack overflows.
        let mut cycles = cycles::errors(&raw, &sources);
        cycles.extend(depth::errors(&raw, &sources));
        if !cycles.is_empty() {
            return Err(cycles);
        }
        let sources_text: HashMap<String, String> = raw.iter().cloned().collect();
        let mut tera = tera_for(&config.base_url);
        if let Err(e) = tera.add_raw_templates(raw) {
            return Err(vec![template_error(&e, &sources, &sources_text, &tera)]);
        }
        let closures = closure_hashes(&tera, &texts);
        let ids = sources_text.values().flat_map(|text| written_ids(text)).map(str::to_string).collect();
        let mut shortcodes: Vec<String> = sources
            .keys()
            .filter_map(|name| name.strip_prefix(SHORTCODES_DIR)?.strip_suffix(".html"))
            .map(str::to_string)
            .collect();
        shortcodes.sort_unstable();
        Ok(Templates { tera, sources, fingerprint, closures, texts: sources_text, ids, shortcodes })
    }

    /// The hash of the templates `name` is drawn with, for page fingerprints. A name that
    /// is not a template (its page fails to render anyway) gets one of all of them.
    pub fn fingerprint_of(&self, name: &str) -> u64 {
        self.closures.get(name).copied().unwrap_or_else(|| self.fingerprint.unwrap_or_default())
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The text of template `name`.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts.get(name).map(String::as_str)
    }

    /// The file template `name` came from, relative to the site root.
    pub fn source(&self, name: &str) -> Option<&Path> {
        self.sources.get(name).map(PathBuf::as_path)
    }

    /// Renders `name`; a failure names the template file and Tera's reason.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Error> {
        self.tera.render(name, context).map_err(|e| self.error(&e))
    }

    /// Renders `name` into a buffer sized up front for a page's content plus the theme's
    /// furniture, so that a long article is not copied over and over as the buffer grows.
    pub fn render_bytes(&self, name: &str, context: &Context, content_len: usize) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(content_len + PAGE_FURNITURE_BYTES);
        self.tera.render_to(name, context, &mut out).map_err(|e| self.error(&e))?;
        Ok(out)
    }

    fn error(&self, e: &tera::Error) -> Error {
        template_error(e, &self.sources, &self.texts, &self.tera)
    }
}

/// The values of the `id` attributes `text` writes whole, with no template tag in them:
/// `id="main"`, not `id="{{ calc.id }}-title"`, whose values only a render knows.
fn written_ids(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("id=").filter_map(move |(at, _)| {
        let before = text[..at].chars().next_back()?;
        let rest = &text[at + 3..];
        let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let value = &rest[1..rest[1..].find(quote)? + 1];
        let plain = !value.is_empty() && !value.contains(['{', '}', '<', '>']) && !value.contains(char::is_whitespace);
        (before.is_whitespace() && plain).then_some(value)
    })
}

/// About what the default theme writes around a page's own content, head included.
const PAGE_FURNITURE_BYTES: usize = 12 * 1024;

/// Sorts `raw` by name and hashes it; see `Templates::fingerprint`.
fn fingerprint(raw: &mut [(String, String)]) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    raw.sort_unstable();
    if raw.iter().any(|(_, text)| text.contains("get_env")) {
        return None;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    raw.hash(&mut h);
    Some(h.finish())
}

/// For each template, a hash of the names and texts of every template that drawing it can
/// read: the templates it extends, includes and imports macros from, theirs in turn, and
/// those named by an include that finds nothing (`ignore missing`), so that adding one
/// changes the hash too. Read off Tera's parsed templates rather than their text, so that
/// a reference in a comment or a raw block does not count and every kind that Tera follows
/// does. `texts` holds each template's text hash.
fn closure_hashes(tera: &Tera, texts: &HashMap<String, u64>) -> HashMap<String, u64> {
    let referenced = |name: &str| -> Vec<&str> {
        let Some(t) = tera.templates.get(name) else { return Vec::new() };
        let mut names: Vec<&str> = t.parents.iter().map(String::as_str).collect();
        names.extend(t.parent.as_deref());
        names.extend(t.imported_macro_files.iter().map(|(file, _)| file.as_str()));
        includes(&t.ast, &mut names);
        for m in t.macros.values() {
            includes(&m.body, &mut names);
        }
        names
    };
    let mut closures = HashMap::new();
    for name in tera.templates.keys() {
        let mut seen: std::collections::BTreeSet<&str> = [name.as_str()].into();
        let mut todo = vec![name.as_str()];
        while let Some(next) = todo.pop() {
            for r in referenced(next) {
                if seen.insert(r) {
                    todo.push(r);
                }
            }
        }
        let mut bytes = Vec::with_capacity(seen.len() * 32);
        for member in seen {
            bytes.extend_from_slice(&(member.len() as u64).to_le_bytes());
            bytes.extend_from_slice(member.as_bytes());
            // Absent (an include that finds nothing) hashes apart from any text.
            bytes.extend_from_slice(&texts.get(member).map_or([0xff; 9], |h| {
                let mut b = [0; 9];
                b[1..].copy_from_slice(&h.to_le_bytes());
                b
            }));
        }
        closures.insert(name.clone(), xxh3_64(&bytes));
    }
    closures
}

/// The template names `{% include %}` tags anywhere in `nodes` name.
fn includes<'a>(nodes: &'a [tera::ast::Node], names: &mut Vec<&'a str>) {
    use tera::ast::Node;
    for node in nodes {
        match node {
            Node::Include(_, included, _) => names.extend(included.iter().map(String::as_str)),
            Node::MacroDefinition(_, m, _) => includes(&m.body, names),
            Node::FilterSection(_, f, _) => includes(&f.body, names),
            Node::Block(_, b, _) => includes(&b.body, names),
            Node::Forloop(_, f, _) => {
                includes(&f.body, names);
                includes(f.empty_body.as_deref().unwrap_or_default(), names);
            }
            Node::If(i, _) => {
                for (_, _, body) in &i.conditions {
                    includes(body, names);
                }
                includes(i.otherwise.as_ref().map_or(&[][..], |(_, body)| body), names);
            }
            _ => {}
        }
    }
}

/// `url(path="posts/")` joins a site path to base_url; absolute URLs pass through.
/// A Tera as careerpress draws with it, templates aside: HTML escaped as careerpress
/// escapes it, and its own `url` function and `date` filter. The import tries a Zola
/// site's shortcodes with it.
pub fn tera_for(base_url: &str) -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
    tera.set_escape_fn(crate::escape::html);
    tera.register_function("url", make_url_function(base_url.to_string()));
    tera.register_filter("date", date_filter);
    tera
}

fn make_url_function(base_url: String) -> impl tera::Function {
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("url() needs a `path` argument that is a string"))?;
        Ok(Value::String(join_url(&base_url, path)))
    }
}

/// `{{ page.date | date(format="%B %-d, %Y") }}` on the ISO dates the contexts carry.
/// Our own filter rather than Tera's builtins, which pull in time-zone data we don't use.
fn date_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = value.as_str().ok_or_else(|| tera::Error::msg("date filter: the value must be a date string"))?;
    let format = args.get("format").and_then(Value::as_str).unwrap_or("%Y-%m-%d");
    let date = crate::dates::parse_datetime(text).map_err(|e| tera::Error::msg(format!("date filter: {e}")))?;
    let mut out = String::new();
    use std::fmt::Write;
    write!(out, "{}", date.at.format(format))
        .map_err(|_| tera::Error::msg(format!("date filter: invalid format {format:?}")))?;
    Ok(Value::String(out))
}

/// Joins a site-relative path to a base URL ending in `/`.
pub fn join_url(base_url: &str, path: &str) -> String {
    if path.contains("://") || path.starts_with("//") || path.starts_with('#') {
        return path.to_string();
    }
    format!("{base_url}{}", path.trim_start_matches('/'))
}

/// Builds an error naming the template file, with the line and column Tera's parser gives,
/// or for an error while rendering, where the template writes what the error names: the
/// template Tera names, or else the nearest template it extends that writes it (`tera`
/// knows which those are).
fn template_error(
    e: &tera::Error,
    sources: &HashMap<String, PathBuf>,
    texts: &HashMap<String, String>,
    tera: &Tera,
) -> Error {
    let mut chain = Vec::new();
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = cur {
        chain.push(err.to_string());
        cur = err.source();
    }
    // Tera names templates in quotes: 'page.html' or "page.html". The innermost message
    // that names one is about the template the error happened in ("... while rendering
    // 'partials/x.html'"); of names in one message, the longest is the most exact.
    // A parse error names its template first ("Failed to parse 'x.html'"), then quotes
    // the line at fault, which may name another ({% extends "base.html" %}).
    let parsed = |m: &String| {
        let rest = m.split_once("Failed to parse '")?.1;
        let name = &rest[..rest.find('\'')?];
        sources.contains_key(name).then(|| name.to_string())
    };
    let named_in = |m: &String| {
        sources
            .keys()
            .filter(|n| ["'", "\"", "`"].iter().any(|q| m.contains(&format!("{q}{n}{q}"))))
            .max_by(|a, b| (a.len(), a).cmp(&(b.len(), b)))
            .cloned()
    };
    let mut name = chain.iter().find_map(parsed).or_else(|| chain.iter().rev().find_map(named_in));
    let mut position = chain.iter().find_map(|m| parse_position(m));
    if position.is_none() {
        if let Some((n, at)) = written_at(name.as_deref(), &mut chain, texts, tera) {
            (name, position) = (Some(n), Some(at));
        }
    }
    let path = name.as_ref().and_then(|n| sources.get(n).cloned()).unwrap_or_else(|| PathBuf::from(THEMES_DIR));
    let message = chain
        .iter()
        .map(|m| by_zero(m).map_or_else(|| m.clone(), |(said, _)| said))
        .map(|m| m.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(": ");
    let err = Error::new(ErrorKind::Template, path, format!("template error: {message}"));
    match position {
        Some((line, col)) => err.at(line, col),
        None => err,
    }
}

/// The template that writes what a render error names, and where. Tera names the template
/// it was asked to draw (`drawn`), and where the failing block is another's, that one
/// ("error happened in 'base.html'"), which is searched alone. Elsewhere ("error happened
/// in a parent template", or nothing, as for a fault outside every block of base.html) it
/// is `drawn`, or else the nearest template it extends that writes it: a template
/// included with the same name written in a parent is then misplaced, as Tera keeps no
/// positions to tell. Found in another template than `drawn`, `chain` is said without `drawn`
/// ("Failed to render 'page.html'", "while rendering 'page.html'"): every page drawn
/// through it then says the same, and the fault is told once (`Error::merge_drawn`).
fn written_at(
    drawn: Option<&str>,
    chain: &mut Vec<String>,
    texts: &HashMap<String, String>,
    tera: &Tera,
) -> Option<(String, (usize, usize))> {
    let told = chain.iter().find_map(|m| {
        let rest = m.split_once("(error happened in '")?.1;
        Some(rest[..rest.find('\'')?].to_string())
    });
    let parents = drawn.and_then(|n| tera.templates.get(n)).map_or(&[][..], |t| t.parents.as_slice());
    let candidates: Vec<&str> = match told.as_deref().filter(|t| texts.contains_key(*t)) {
        Some(told) => vec![told],
        None => drawn.into_iter().chain(parents.iter().map(String::as_str)).collect(),
    };
    let (n, at) = candidates.into_iter().find_map(|n| {
        let text = texts.get(n)?;
        chain.iter().rev().find_map(|m| render_error_position(m, text)).map(|at| (n.to_string(), at))
    })?;
    if let Some(drawn) = drawn.filter(|&drawn| drawn != n) {
        let while_drawn = format!(" while rendering '{drawn}'");
        chain.retain(|m| !m.starts_with("Failed to render '"));
        chain.iter_mut().for_each(|m| *m = m.replace(&while_drawn, ""));
    }
    Some((n, at))
}

/// Where `text` writes what a render error's message names: the variable of "Variable
/// `x.y` not found", the filter, function or test of "Filter 'f' not found" or "Filter
/// call 'f' failed", the template of "Template 'x' not found". The first place written
/// stands for them all: Tera keeps no positions, so two uses cannot be told apart.
fn render_error_position(message: &str, text: &str) -> Option<(usize, usize)> {
    let quoted = |open: &str, close: char| {
        let rest = &message[message.find(open)? + open.len()..];
        Some(rest[..rest.find(close)?].to_string())
    };
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    // Each needle is found where no identifier character touches it on either side.
    let (needles, after_ok): (Vec<String>, fn(char) -> bool) = if let Some(v) = quoted("Variable `", '`') {
        (vec![v], |c| !(c.is_alphanumeric() || c == '_' || c == '.'))
    } else if let Some(f) = quoted("Filter '", '\'').or_else(|| quoted("Filter call '", '\'')) {
        (vec![format!("|{f}"), format!("| {f}")], |c| !(c.is_alphanumeric() || c == '_'))
    } else if let Some(f) = quoted("Function '", '\'').or_else(|| quoted("Function call '", '\'')) {
        (vec![format!("{f}(")], |_| true)
    } else if let Some(t) = quoted("Test '", '\'').or_else(|| quoted("Test call '", '\'')) {
        (vec![format!("is {t}"), format!("is not {t}")], |c| !(c.is_alphanumeric() || c == '_'))
    } else if let Some((_, (op, rhs))) = by_zero(message) {
        (vec![format!("{op} {rhs}"), format!("{op}{rhs}")], |c| !(c.is_alphanumeric() || c == '_' || c == '.'))
    } else if let Some(t) = quoted("Template '", '\'') {
        // An include names its candidates as a list: '[a.html, b.html]'.
        let names = t.trim_start_matches('[').trim_end_matches(']').split(", ");
        (names.flat_map(|t| [format!("\"{t}\""), format!("'{t}'")]).collect(), |_| true)
    } else {
        return None;
    };
    let at = needles
        .iter()
        .filter_map(|n| {
            text.match_indices(n.as_str()).map(|(i, _)| i).find(|&i| {
                let before_ok = !text[..i].chars().next_back().is_some_and(ident) || !n.starts_with(ident);
                before_ok && text[i + n.len()..].chars().next().is_none_or(after_ok) && in_expression(text, i)
            })
        })
        .min()?;
    Some(crate::error::line_col(text, at))
}

/// Tera's "Tried to do a modulo by zero" and "Tried to divide by zero" (careerpress's
/// vendored Tera; published Tera wrote "NaN" into the page) print their operands as syntax
/// trees (`Expr { val: Int(10), negated: false, filters: [] }`), which tell an author
/// nothing: said as written (a number or a name; `…` for anything else), with the operator
/// and the right side, to find it by.
fn by_zero(message: &str) -> Option<(String, (char, String))> {
    let (op, trees) = match message.strip_prefix("Tried to do a modulo by zero: ") {
        Some(trees) => ('%', trees),
        None => ('/', message.strip_prefix("Tried to divide by zero: ")?),
    };
    let written = |tree: &str| {
        let val = tree.strip_prefix("Expr { val: ")?;
        let (kind, rest) = val.split_once('(')?;
        let inner = rest[..rest.find(')')?].trim_matches('"');
        ["Int", "Float", "Ident"].contains(&kind).then(|| inner.to_string())
    };
    // `{lhs:?}/{rhs:?}`: the operands' own trees print no `/`, whatever they nest.
    let (lhs, rhs) = trees.split_once("}/Expr { val: ")?;
    let lhs = written(lhs).unwrap_or_else(|| "…".to_string());
    let rhs = written(&format!("Expr {{ val: {rhs}")).unwrap_or_else(|| "…".to_string());
    let why = match op {
        '%' => "a remainder needs a divisor",
        _ => "a quotient needs a divisor",
    };
    let said = format!("`{lhs} {op} {rhs}` divides by zero: the right side of `{op}` is 0, and {why}");
    Some((said, (op, rhs)))
}

/// Whether offset `at` of a template is inside a `{{ }}` or `{% %}` tag, and not a name
/// the tag gives (a block's, a macro's, what `set` assigns): HTML text and `<title>` hold
/// the same words.
fn in_expression(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let opened = before.rfind("{{").into_iter().chain(before.rfind("{%")).max();
    let closed = before.rfind("}}").into_iter().chain(before.rfind("%}")).max();
    let Some(opened) = opened.filter(|&o| closed.is_none_or(|c| c < o)) else { return false };
    let head = before[opened + 2..].trim_start_matches('-').trim();
    !["block", "endblock", "macro", "set", "set_global"].contains(&head)
}

/// Reads ` --> L:C` from a pest parse error.
fn parse_position(msg: &str) -> Option<(usize, usize)> {
    let rest = &msg[msg.find("--> ")? + 4..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':')).unwrap_or(rest.len());
    let (l, c) = rest[..end].split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ids_a_template_writes_whole_are_read_and_drawn_ones_left() {
        let text = r#"<main id="main" class="x"><h2 id='related-title'>R</h2><p data-id="not" aid="no">
            <div id="{{ calc.id }}-title"></div><i id=""></i><b id="a b"></b><a
            id="next-line">x</a> grid="none" {% if x %}<p id="in-tag">{% endif %}"#;
        let ids: Vec<&str> = written_ids(text).collect();
        assert_eq!(ids, ["main", "related-title", "next-line", "in-tag"]);
        assert_eq!(written_ids("id=\"open").count(), 0);
    }

    #[test]
    fn join_url_respects_base_and_absolute_urls() {
        assert_eq!(join_url("https://a.io/sub/", "/posts/"), "https://a.io/sub/posts/");
        assert_eq!(join_url("https://a.io/sub/", "style.css"), "https://a.io/sub/style.css");
        assert_eq!(join_url("/", ""), "/");
        assert_eq!(join_url("/x/", "https://e.org/"), "https://e.org/");
    }

    #[test]
    fn parse_error_is_mapped_to_file_and_position() {
        let mut sources = HashMap::new();
        sources.insert("page.html".to_string(), PathBuf::from("themes/t/templates/page.html"));
        let mut tera = Tera::default();
        let e = tera.add_raw_template("page.html", "ok\n{{ x }\n").unwrap_err();
        let err = template_error(&e, &sources, &HashMap::new(), &tera);
        assert_eq!(err.path(), Path::new("themes/t/templates/page.html"));
        assert_eq!(err.line(), Some(2), "{err}");
    }

    /// A parse error quotes the line at fault, which may name another template
    /// (`{% extends "base.html" %}`): the file named is the one that failed to parse.
    #[test]
    fn a_parse_error_names_the_template_that_failed_not_one_its_line_names() {
        let sources: HashMap<String, PathBuf> = ["404.html", "base.html", "page.html"]
            .iter()
            .map(|n| (n.to_string(), PathBuf::from(format!("templates/{n}"))))
            .collect();
        let mut tera = Tera::default();
        tera.add_raw_template("base.html", "{% block content %}{% endblock content %}").unwrap();
        let text = "{% extends \"base.html\" %}{% block content %}{{ 1e30 }}{% endblock content %}";
        let e = tera.add_raw_template("404.html", text).unwrap_err();
        for _ in 0..8 {
            assert_eq!(template_error(&e, &sources, &HashMap::new(), &tera).path(), Path::new("templates/404.html"));
        }
    }

    /// What Tera as published panicked or looped on, from a site's own template: each is
    /// an error now (vendor/README.md), and the process goes on.
    #[test]
    fn template_arithmetic_filters_and_functions_never_panic_or_loop() {
        let mut tera = Tera::default();
        let render = |tera: &mut Tera, text: &str| tera.render_str(text, &tera::Context::new());
        assert_eq!(render(&mut tera, "{{ -9223372036854775808 % -1 }}").unwrap(), "0");
        assert_eq!(render(&mut tera, "{{ 7 / 2 }} {{ 6 / 3 }} {{ 1.5 + 1 }}").unwrap(), "3.5 2 2.5");
        // A float past f64's range: `Number::from_f64(inf).unwrap()` panicked in + and -.
        let big = tera::Context::from_value(serde_json::json!({"big": 1.5e308})).unwrap();
        for op in ["+", "-", "*", "/"] {
            let text = format!("{{{{ big {op} {} }}}}", if op == "/" { "0.1" } else { "big * 1" });
            let text = if op == "-" { "{{ big - -1 * big }}".to_string() } else { text };
            let e = tera.render_str(&text, &big).unwrap_err();
            assert!(format!("{e:?}").contains("a number too large to write"), "{text}: {e:?}");
        }
        for (text, words) in [
            ("{{ \"7\" | int(base=1) }}", "from 2 to 36"),
            ("{{ \"7\" | int(base=37) }}", "from 2 to 36"),
            ("{{ range(end=1, step_by=0) }}", "step_by=0"),
        ] {
            let e = render(&mut tera, text).unwrap_err();
            let chain = format!("{e:?}");
            assert!(chain.contains(words), "{text}: {chain}");
        }
        tera.add_raw_template("m.html", "{% macro r() %}{{ self::r() }}{% endmacro r %}").unwrap();
        tera.add_raw_template("p.html", "{% import \"m.html\" as m %}{{ m::r() }}").unwrap();
        let e = tera.render("p.html", &tera::Context::new()).unwrap_err();
        assert!(format!("{e:?}").contains("levels deep"), "{e:?}");
    }

    /// The error of drawing `page.html` (which may include `partials/p.html`), as mapped.
    fn render_error(page: &str, partial: &str) -> Error {
        let files = [("partials/p.html", partial), ("page.html", page)];
        let sources = files.iter().map(|(n, _)| (n.to_string(), PathBuf::from(format!("themes/t/templates/{n}"))));
        let texts = files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let mut tera = Tera::default();
        tera.add_raw_templates(files).unwrap();
        let ctx = tera::Context::from_value(serde_json::json!({"page": {"title": "T"}})).unwrap();
        let e = tera.render("page.html", &ctx).unwrap_err();
        template_error(&e, &sources.collect(), &texts, &tera)
    }

    #[test]
    fn a_fault_in_an_inherited_block_is_placed_in_the_parent_that_writes_it() {
        let files = [
            ("base.html", "<html>\n<head>{% block head %}{{ site.nope }}{% endblock head %}</head>\n{% block main %}{% endblock main %}"),
            ("mid.html", "{% extends \"base.html\" %}{% block main %}<p>\n  {{ page.gone }}</p>{% endblock main %}"),
            ("page.html", "{% extends \"mid.html\" %}{% block main %}{{ page.title }}{% endblock main %}"),
            ("own.html", "{% extends \"mid.html\" %}{% block main %}\n\n{{ page.gone }}{% endblock main %}"),
        ];
        let sources: HashMap<String, PathBuf> =
            files.iter().map(|(n, _)| (n.to_string(), PathBuf::from(format!("templates/{n}")))).collect();
        let texts = files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let mut tera = Tera::default();
        tera.add_raw_templates(files).unwrap();
        let ctx = tera::Context::from_value(serde_json::json!({"page": {"title": "T"}, "site": {}})).unwrap();
        // `page.html` draws its own `main` block and inherits `head` from base.html.
        let e = template_error(&tera.render("page.html", &ctx).unwrap_err(), &sources, &texts, &tera);
        assert_eq!((e.path(), e.line(), e.column()), (Path::new("templates/base.html"), Some(2), Some(26)), "{e}");
        assert_eq!(e.message(), "template error: Variable `site.nope` not found in context", "{e}");
        // A fault in the template's own block stays there, before a parent's of the same name
        // (`mid.html`'s `page.gone` is overridden), once base.html's head draws.
        let ctx = tera::Context::from_value(serde_json::json!({"page": {}, "site": {"nope": 1}})).unwrap();
        let e = template_error(&tera.render("own.html", &ctx).unwrap_err(), &sources, &texts, &tera);
        assert_eq!((e.path(), e.line(), e.column()), (Path::new("templates/own.html"), Some(3), Some(4)), "{e}");
    }

    #[test]
    fn render_errors_are_placed_where_the_template_writes_what_they_name() {
        // In the partial: `page.titles` on line 2, not `page.title_x` or `page.title`.
        let partial = "<p>\n  {{ page.title }} {{ page.title_x is defined }} {{ page.titles }}</p>";
        let e = render_error("a\n{% include \"partials/p.html\" %}", partial);
        assert_eq!(e.path(), Path::new("themes/t/templates/partials/p.html"), "{e}");
        assert_eq!((e.line(), e.column()), (Some(2), Some(53)), "{e}");
        // A bare name is found where an expression uses it, not in a block's name or text.
        let e = render_error("{% block title %}title{% endblock title %}<title>t</title>\n{{ title }}", "");
        assert_eq!((e.line(), e.column()), (Some(2), Some(4)), "{e}");
        for (page, line, column) in [
            ("x\n{{ page.title|nofilter }}", 2, 14),
            ("x\n{{ page.title | upper | nofilter }}", 2, 23),
            ("x\ny\n{{ nofunction() }}", 3, 4),
            ("{% if page.title is bogus %}{% endif %}", 1, 18),
            ("<p>\n{% include \"partials/missing.html\" %}", 2, 12),
            ("<p>{{ 7 % 2 }}\n  {{ 10 % 0 }}", 2, 9),
        ] {
            let e = render_error(page, "");
            assert_eq!(e.path(), Path::new("themes/t/templates/page.html"), "{page}: {e}");
            assert_eq!((e.line(), e.column()), (Some(line), Some(column)), "{page}: {e}");
        }
    }

    #[test]
    fn a_modulo_by_zero_is_said_as_written() {
        let e = render_error("{% set n = 0 %}<p>{{ 3 %n }}</p>", "");
        assert_eq!((e.line(), e.column()), (Some(1), Some(24)), "{e}");
        assert!(e.message().contains("`3 % n` divides by zero: the right side of `%` is 0"), "{e}");
        assert!(!e.message().contains("Expr"), "{e}");
        let e = render_error("{% set total = 0 %}{% set done = 3 %}{{ (done * 100) / total }}", "");
        assert!(e.message().contains("`… / total` divides by zero"), "{e}");
        assert_eq!((e.line(), e.column()), (Some(1), Some(54)), "{e}");
        let e = render_error("<p>\n{{ 2.5 % 0.0 }}</p>", "");
        assert_eq!((e.line(), e.column()), (Some(2), Some(8)), "{e}");
        assert!(e.message().contains("`2.5 % 0.0` divides by zero"), "{e}");
    }

    #[test]
    fn a_division_by_zero_is_said_as_written_not_printed_as_nan() {
        // Published Tera wrote "NaN" into the page for each of these.
        for (page, line, column, said) in [
            ("{% set total = 0 %}<p>{{ 10 / total }}</p>", 1, 29, "`10 / total`"),
            ("<p>\n  {{ 0 / 0 }}</p>", 2, 8, "`0 / 0`"),
            ("<p>{{ -1 / 0.0 }}</p>", 1, 10, "`-1 / 0.0`"),
        ] {
            let e = render_error(page, "");
            assert_eq!((e.line(), e.column()), (Some(line), Some(column)), "{page}: {e}");
            assert!(e.message().contains(&format!("{said} divides by zero: the right side of `/` is 0")), "{e}");
            assert!(!e.message().contains("Expr"), "{e}");
        }
    }

    #[test]
    fn date_filter_formats_iso_dates() {
        let mut args = HashMap::new();
        args.insert("format".to_string(), Value::String("%a %-d %b %Y".into()));
        let v = date_filter(&Value::String("2025-01-06".into()), &args).unwrap();
        assert_eq!(v, Value::String("Mon 6 Jan 2025".into()));
        args.insert("format".to_string(), Value::String("%Q".into()));
        assert!(date_filter(&Value::String("2025-01-06".into()), &args).is_err());
        assert!(date_filter(&Value::Bool(true), &HashMap::new()).is_err());
    }

    /// vendor/tera borrows each segment of a dotted lookup instead of unescaping a copy
    /// (vendor/README.md): every kind of path must still find what Tera 1.20.1 found.
    #[test]
    fn dotted_lookups_and_tests_find_what_published_tera_finds() {
        let mut tera = Tera::default();
        let text = "{{ page.title }}|{{ page.meta.words }}|{{ page.tags.1 }}|{{ page.tags[0] }}|\
                    {{ data[\"a/b\"] }}|{{ data[\"x~y\"].z }}|{{ data.plain }}|\
                    {% for p in pages %}{{ p.title }}{{ p.meta.words }};{% endfor %}|\
                    {% if page.nothing is defined %}bad{% else %}none{% endif %}|\
                    {% if page.meta is defined %}meta{% endif %}{% if data is not defined %}bad{% endif %}\
                    {% if page.nothing is not defined %}+absent{% endif %}|\
                    {% if page.title is containing(\"T\") %}has{% endif %}";
        tera.add_raw_template("t.html", text).unwrap();
        let ctx = tera::Context::from_value(serde_json::json!({
            "page": { "title": "T", "meta": { "words": 7 }, "tags": ["a", "b"] },
            "data": { "a/b": "slash", "x~y": { "z": "tilde" }, "plain": "p" },
            "pages": [ { "title": "P1", "meta": { "words": 1 } }, { "title": "P2", "meta": { "words": 2 } } ],
        }))
        .unwrap();
        assert_eq!(tera.render("t.html", &ctx).unwrap(), "T|7|b|a|slash|tilde|p|P11;P22;|none|meta+absent|has");
    }

    /// The conditions vendor/tera decides without an error message or escaping (see
    /// vendor/README.md); the expected text is what Tera 1.20.1 as published renders.
    #[test]
    fn conditions_decide_as_published_tera_decides() {
        let mut tera = Tera::default();
        let text = "{% if page.title %}a{% endif %}{% if page.empty %}B{% endif %}{% if page.missing %}C{% endif %}\
                    {% if not page.missing %}d{% endif %}{% if not page.title %}E{% endif %}{% if page.amp %}f{% endif %}\
                    {% if page.zero %}G{% endif %}{% if page.list %}H{% endif %}{% if page.null %}I{% endif %}\
                    {% if page.missing | default(value=\"x\") %}j{% endif %}{% if page.tags | length %}k{% endif %}\
                    {% if page.missing | length %}L{% endif %}{% if page.missing and page.title %}M{% endif %}\
                    {% if page.missing or page.title %}n{% endif %}{% if data[\"a/b\"] %}o{% endif %}\
                    {% if data[\"none\"] %}P{% endif %}\
                    {% for p in pages %}{% if p.title %}q{% else %}r{% endif %}{% if loop.first %}s{% endif %}\
                    {% if not loop.last %}t{% endif %}{% endfor %}\
                    {% set x = \"\" %}{% if x %}U{% endif %}{% if not x %}v{% endif %}\
                    {% if page.empty | default(value=\"y\") %}W{% endif %}\
                    {% if page.amp | replace(from=\"&\", to=\"\") %}X{% endif %}|{{ page.amp }}";
        tera.add_raw_template("t.html", text).unwrap();
        let ctx = tera::Context::from_value(serde_json::json!({
            "page": { "title": "T", "empty": "", "amp": "&", "zero": 0, "list": [], "null": null, "tags": ["a", "b"] },
            "data": { "a/b": "slash" },
            "pages": [ { "title": "P1" }, { "title": "" } ],
        }))
        .unwrap();
        assert_eq!(tera.render("t.html", &ctx).unwrap(), "adfjknoqstrv|&amp;");
    }

    /// Each template's closure hash moves with the templates it is drawn with, and only
    /// with them.
    #[test]
    fn a_template_is_fingerprinted_with_what_it_extends_includes_and_imports() {
        let closures = |files: &[(&str, &str)]| {
            let mut tera = Tera::default();
            tera.add_raw_templates(files.iter().map(|&(n, t)| (n, t))).unwrap();
            let texts = files.iter().map(|&(n, t)| (n.to_string(), xxh3_64(t.as_bytes()))).collect();
            closure_hashes(&tera, &texts)
        };
        let site = [
            ("base.html", "<main>{% block main %}{% endblock %}</main>{% include \"foot.html\" %}"),
            ("foot.html", "{% import \"macros.html\" as m %}{{ m::year() }}"),
            ("macros.html", "{% macro year() %}{% if true %}{% include \"year.html\" %}{% endif %}{% endmacro %}"),
            ("year.html", "2026"),
            ("page.html", "{% extends \"base.html\" %}{% block main %}{{ page.title }}{% endblock %}"),
            (
                "tag.html",
                "{% for p in pages %}{% include [\"card.html\", \"none.html\"] ignore missing %}{% endfor %}\
                 {# {% include \"year.html\" %} #}{% raw %}{% include \"page.html\" %}{% endraw %}",
            ),
            ("card.html", "{{ p.title }}"),
        ];
        let before = closures(&site);
        let edited = |name: &str| {
            let mut files = site.to_vec();
            files.iter_mut().find(|(n, _)| *n == name).unwrap().1 = "<!-- edited -->";
            closures(&files)
        };
        // Four references deep: extends, include, import, then an include in a macro's `if`.
        let year = edited("year.html");
        assert_ne!(before["page.html"], year["page.html"]);
        assert_ne!(before["base.html"], year["base.html"]);
        // A reference in a comment or a raw block is not one.
        assert_eq!(before["tag.html"], year["tag.html"]);
        let card = edited("card.html");
        assert_ne!(before["tag.html"], card["tag.html"]);
        assert_eq!(before["page.html"], card["page.html"]);
        let page = edited("page.html");
        assert_eq!(before["base.html"], page["base.html"]);
        assert_eq!(before["tag.html"], page["tag.html"]);
        // A template that an include looked for and did not find, added.
        let mut added = site.to_vec();
        added.push(("none.html", "new"));
        let added = closures(&added);
        assert_ne!(before["tag.html"], added["tag.html"]);
        assert_eq!(before["page.html"], added["page.html"]);
    }

    #[test]
    fn position_parsing() {
        assert_eq!(parse_position(" --> 12:5\n  |"), Some((12, 5)));
        assert_eq!(parse_position("nothing"), None);
    }
}
