//! Templates that include, extend or import themselves, directly or through others. Tera
//! follows these references while it renders, so such a cycle recurses until the stack
//! overflows and the process aborts (under `serve --watch`, the server dies on a save).
//! The cycle is found here, in the templates' text, before Tera sees it.
//!
//! A recursive include guarded by an `{% if %}` could end, but Tera gives it no way to
//! pass a changing argument; recursion belongs in a macro that calls itself, which is not
//! a reference between files and is not refused.

use crate::error::{line_col, Error, ErrorKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// One `{% include %}`, `{% extends %}` or `{% import %}` naming another template.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reference {
    kind: &'static str,
    name: String,
    /// Line and column of the tag's `{%`.
    line: usize,
    column: usize,
}

/// One error per cycle, naming the file of the template the cycle was entered by and the
/// chain (`a.html → b.html → a.html`). `raw` is every template's name and text.
pub fn errors(raw: &[(String, String)], sources: &HashMap<String, PathBuf>) -> Vec<Error> {
    let graph: BTreeMap<&str, Vec<Reference>> =
        raw.iter().map(|(name, text)| (name.as_str(), references(text))).collect();
    find_cycles(&graph)
        .into_iter()
        .map(|(chain, by)| {
            let path = sources.get(&chain[0]).cloned().unwrap_or_else(|| PathBuf::from(&chain[0]));
            let message = format!(
                "template error: `{} \"{}\"` leads back to this template: {}, which would never finish \
                 rendering; break the cycle (to draw nested things such as a tree, use a macro that calls itself)",
                by.kind,
                by.name,
                chain.join(" → ")
            );
            Error::new(ErrorKind::Template, path, message).at(by.line, by.column)
        })
        .collect()
}

/// Each cycle as its chain of names (the first repeated at the end) with the reference
/// that leaves the first. Depth-first with an explicit stack, so a long chain of
/// templates cannot overflow the stack either.
fn find_cycles<'a>(graph: &BTreeMap<&'a str, Vec<Reference>>) -> Vec<(Vec<String>, Reference)> {
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut cycles: Vec<(Vec<String>, Reference)> = Vec::new();
    for &start in graph.keys() {
        // The open templates, each with how many of its references have been followed.
        let mut path: Vec<(&'a str, usize)> = vec![(start, 0)];
        while let Some(&(name, followed)) = path.last() {
            if done.contains(name) {
                path.pop();
                continue;
            }
            let Some(reference) = graph[name].get(followed) else {
                done.insert(name);
                path.pop();
                continue;
            };
            if let Some(last) = path.last_mut() {
                last.1 += 1;
            }
            // A missing template is Tera's error to report, not a cycle.
            let Some((&target, _)) = graph.get_key_value(reference.name.as_str()) else { continue };
            match path.iter().position(|&(open, _)| open == target) {
                Some(at) => {
                    let mut chain: Vec<String> = path[at..].iter().map(|&(n, _)| n.to_string()).collect();
                    chain.push(target.to_string());
                    let (first, first_followed) = path[at];
                    let by = graph[first][first_followed - 1].clone();
                    if !cycles.iter().any(|(c, _)| *c == chain) {
                        cycles.push((chain, by));
                    }
                }
                None if !done.contains(target) => path.push((target, 0)),
                None => {}
            }
        }
    }
    cycles
}

/// Every reference in a template's text, skipping comments, `{{ }}` expressions and
/// `{% raw %}` blocks, whose text Tera does not read as tags.
fn references(text: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = text[at..].find('{') {
        let start = at + offset;
        let rest = &text[start..];
        let close = match rest.as_bytes().get(1) {
            Some(b'#') => "#}",
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                at = start + 1;
                continue;
            }
        };
        let Some(len) = tag_len(rest, close) else { break };
        at = start + len;
        if close != "%}" {
            continue;
        }
        let body = tag_body(&rest[..len]);
        if body == "raw" {
            at = end_of_raw(text, at);
        } else if let Some((kind, names)) = parse_reference(body) {
            let (line, column) = line_col(text, start);
            found.extend(names.into_iter().map(|name| Reference { kind, name, line, column }));
        }
    }
    found
}

/// A tag's words without its delimiters and whitespace control: `{%- raw -%}` is `raw`.
fn tag_body(tag: &str) -> &str {
    tag[2..tag.len() - 2].trim_start_matches('-').trim_end_matches('-').trim()
}

/// The length of the tag starting `rest` up to its `close`, past any quoted string inside
/// it (a `%}` in a string does not end a tag). Comments have no strings.
fn tag_len(rest: &str, close: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices().skip(2) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if close != "#}" && matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if rest[i..].starts_with(close) => return Some(i + close.len()),
            None => {}
        }
    }
    None
}

/// Where the text after the `{% endraw %}` closing a raw block starts (the end if none).
fn end_of_raw(text: &str, mut at: usize) -> usize {
    while let Some(offset) = text[at..].find("{%") {
        let start = at + offset;
        let Some(len) = tag_len(&text[start..], "%}") else { break };
        if tag_body(&text[start..start + len]) == "endraw" {
            return start + len;
        }
        at = start + len;
    }
    text.len()
}

/// `include "a.html"`, `include ["a.html", 'b.html'] ignore missing`, `extends "base.html"`,
/// `import "macros.html" as m`: the kind and the names, when the tag is one of these.
fn parse_reference(body: &str) -> Option<(&'static str, Vec<String>)> {
    let (word, rest) = body.split_once(char::is_whitespace)?;
    let kind = ["include", "extends", "import"].into_iter().find(|k| *k == word)?;
    let rest = rest.trim_start();
    let names = match rest.strip_prefix('[') {
        Some(list) => {
            let (list, _) = list.split_once(']')?;
            list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(string_literal).collect::<Option<_>>()?
        }
        None => vec![string_literal(rest.split_whitespace().next()?)?],
    };
    Some((kind, names))
}

/// The text of a Tera string literal in any of its three quotes.
fn string_literal(s: &str) -> Option<String> {
    let quote = s.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let inner = s[1..].strip_suffix(quote)?;
    Some(inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&'static str, String, usize, usize)> {
        references(text).into_iter().map(|r| (r.kind, r.name, r.line, r.column)).collect()
    }

    #[test]
    fn references_in_every_form_are_found() {
        let text = "{% extends \"base.html\" %}\n  {%- include 'a.html' -%}\n\
                    {% include [\"b.html\", `c.html`] ignore missing %}{% import \"m.html\" as m %}";
        assert_eq!(
            names(text),
            vec![
                ("extends", "base.html".into(), 1, 1),
                ("include", "a.html".into(), 2, 3),
                ("include", "b.html".into(), 3, 1),
                ("include", "c.html".into(), 3, 1),
                ("import", "m.html".into(), 3, 50),
            ]
        );
    }

    #[test]
    fn comments_expressions_strings_and_raw_blocks_are_not_tags() {
        let text = "{# {% include \"x.html\" %} #}{{ \"{% include 'y.html' %}\" }}\
                    {% raw %}{% include \"z.html\" %}{% endraw %}\
                    {% set s = \"%}\" %}{% include \"ok.html\" %}{% if included %}{% endif %}";
        assert_eq!(names(text), vec![("include", "ok.html".into(), 1, 120)]);
        assert!(names("{% include \"unclosed.html\"").is_empty());
        assert!(names("{% include some_variable %}").is_empty());
    }

    fn cycles(templates: &[(&str, &str)]) -> Vec<Vec<String>> {
        let graph = templates.iter().map(|(n, t)| (*n, references(t))).collect();
        find_cycles(&graph).into_iter().map(|(chain, _)| chain).collect()
    }

    #[test]
    fn cycles_of_any_length_and_kind_are_found_once() {
        assert_eq!(cycles(&[("a.html", "{% include \"a.html\" %}{% include \"a.html\" %}")]), [["a.html", "a.html"]]);
        assert_eq!(
            cycles(&[("a.html", "{% include \"b.html\" %}"), ("b.html", "{% extends \"a.html\" %}")]),
            [["a.html", "b.html", "a.html"]]
        );
        let three = [
            ("page.html", "{% include \"x.html\" %}"),
            ("x.html", "{% import \"y.html\" as y %}"),
            ("y.html", "{% include [\"gone.html\", \"x.html\"] ignore missing %}"),
        ];
        assert_eq!(cycles(&three), [["x.html", "y.html", "x.html"]]);
    }

    #[test]
    fn shared_and_missing_templates_are_no_cycle() {
        let ok = [
            ("page.html", "{% extends \"base.html\" %}{% include \"p.html\" %}{% include \"p.html\" %}"),
            ("list.html", "{% extends \"base.html\" %}{% include \"p.html\" %}"),
            ("base.html", "{% include \"p.html\" %}{% include \"missing.html\" ignore missing %}"),
            ("p.html", "{% import \"m.html\" as m %}"),
            ("m.html", "{% macro tree(n) %}{{ self::tree(n=n) }}{% endmacro %}"),
        ];
        assert!(cycles(&ok).is_empty());
    }

    #[test]
    fn the_error_names_the_file_the_line_and_the_chain() {
        let raw = vec![
            ("a.html".to_string(), "x\n  {% include \"b.html\" %}".to_string()),
            ("b.html".to_string(), "{% include \"a.html\" %}".to_string()),
        ];
        let sources = HashMap::from([
            ("a.html".to_string(), PathBuf::from("templates/a.html")),
            ("b.html".to_string(), PathBuf::from("templates/b.html")),
        ]);
        let errors = errors(&raw, &sources);
        assert_eq!(errors.len(), 1);
        let text = errors[0].to_string();
        assert!(text.starts_with("templates/a.html:2:3: "), "{text}");
        assert!(text.contains("a.html → b.html → a.html"), "{text}");
    }
}
