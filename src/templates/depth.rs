//! Templates too deep for Tera to read or run: Tera parses and evaluates by recursion,
//! so block tags nested a few thousand deep, or one expression of thousands of terms,
//! overflow the stack and abort the process with no message. A site's own templates are
//! its author's text, so each is measured first and refused at the line that goes too deep.

use crate::error::{line_col, Error, ErrorKind};
use std::collections::HashMap;
use std::path::PathBuf;

/// Block tags (`if`, `for`, `block`, `macro`, `filter`) open at once: themes nest a
/// handful; Tera's parser overflowed at 2,000.
const MAX_NESTING: usize = 200;
/// Operators in one tag (`{{ a + b * c }}`): Tera's evaluator overflowed at 15,000.
const MAX_OPERATORS: usize = 1_000;

const OPENERS: [&str; 5] = ["if", "for", "block", "macro", "filter"];

/// An error for each template (by name, with its text) too deep for Tera.
pub fn errors(raw: &[(String, String)], sources: &HashMap<String, PathBuf>) -> Vec<Error> {
    raw.iter()
        .filter_map(|(name, text)| {
            let (at, message) = too_deep(text)?;
            let path = sources.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
            let (line, column) = line_col(text, at);
            Some(Error::new(ErrorKind::Template, path, format!("template error: {message}")).at(line, column))
        })
        .collect()
}

/// Where `text` first goes too deep, and why; None when it never does.
fn too_deep(text: &str) -> Option<(usize, String)> {
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(open) = text[at..].find(['{']).map(|i| at + i) {
        let rest = &text[open..];
        let close = match rest.get(..2) {
            Some("{%") => "%}",
            Some("{{") => "}}",
            Some("{#") => "#}",
            _ => {
                at = open + 1;
                continue;
            }
        };
        let Some(len) = rest[2..].find(close) else { break };
        let inner = &rest[2..2 + len];
        at = open + 2 + len + 2;
        // A comment is never evaluated, however long.
        if close != "#}" && operators(inner) > MAX_OPERATORS {
            return Some((open, format!("one tag holds over {MAX_OPERATORS} operators: split the expression up")));
        }
        if close != "%}" {
            continue;
        }
        let word = inner.trim_matches(|c: char| c == '-' || c.is_whitespace()).split_whitespace().next().unwrap_or("");
        if word == "raw" {
            // Nothing inside `raw` is a tag.
            at = text[at..].find("endraw").map_or(text.len(), |i| at + i);
        } else if OPENERS.contains(&word) {
            depth += 1;
            if depth > MAX_NESTING {
                return Some((open, format!("block tags nest over {MAX_NESTING} deep here: flatten them")));
            }
        } else if word.strip_prefix("end").is_some_and(|w| OPENERS.contains(&w)) {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

/// The operators of one tag's text, outside its strings.
fn operators(inner: &str) -> usize {
    let mut count = 0;
    let mut quote = None;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (None, '"' | '\'' | '`') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '+' | '-' | '*' | '/' | '%' | '~' | '|' | '<' | '>') => count += 1,
            (None, _) if inner[i..].starts_with(" and ") || inner[i..].starts_with(" or ") => count += 1,
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_and_long_expressions_are_found_where_they_start() {
        assert_eq!(too_deep("{% if a %}{% for x in y %}{{ x + 1 }}{% endfor %}{% endif %}"), None);
        let deep = "{% if true %}".repeat(MAX_NESTING + 1) + &"{% endif %}".repeat(MAX_NESTING + 1);
        let (at, message) = too_deep(&deep).unwrap();
        assert_eq!(at, "{% if true %}".len() * MAX_NESTING);
        assert!(message.contains("nest over 200"), "{message}");
        // Closed as they open, any number of blocks is fine.
        assert_eq!(too_deep(&"{% if a %}x{% endif %}".repeat(5_000)), None);
        let long = format!("x\n{{{{ 1{} }}}}", " + 1".repeat(MAX_OPERATORS + 1));
        assert_eq!(too_deep(&long).map(|(at, _)| at), Some(2));
        // Operators inside strings and raw blocks are text.
        assert_eq!(too_deep(&format!("{{{{ \"{}\" }}}}", "+".repeat(5_000))), None);
        let raw = format!("{{% raw %}}{}{{% endraw %}}", "{% if a %}".repeat(500));
        assert_eq!(too_deep(&raw), None);
        assert_eq!(operators("a and b or c | upper"), 3);
        assert_eq!(too_deep(&format!("{{# {} #}}", "<a href=\"/p/\">x</a>".repeat(500))), None, "a comment");
    }
}
