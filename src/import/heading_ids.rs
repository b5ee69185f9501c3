//! Heading ids as the old generator made them. Links into a page (`/post/#dont-forget`),
//! from the site itself or from anywhere else, name those ids, and careerpress's own rule
//! makes some of them differently (`Don't forget` is `don-t-forget` here, `dont-forget` in
//! Hugo and Jekyll). Where the two differ, the heading is given the old id as its own
//! `{#id}`, so every such link still lands.

use crate::markdown::{heading_spans, HeadingSpan};
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
use std::collections::{HashMap, HashSet};

/// The rule that gave a heading its id on the old site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OldIds {
    /// Hugo's goldmark with `autoHeadingIDType = "github"`, its default, since Hugo
    /// 0.144: made from the heading's plain text (a link's text, not its URL); a taken id
    /// gets `-1`, `-2`….
    Goldmark,
    /// The same before Hugo 0.144, which made it from the heading's source line, markup
    /// and all (`[Hugo](https://gohugo.io)` gave `hugohttpsgohugoio`).
    GoldmarkSource,
    /// kramdown reading GFM, Jekyll's default: made from the heading's text; the second of
    /// one id gets `-1`, the third `-2`….
    KramdownGfm,
    /// kramdown reading its own dialect: from the source line, ASCII letters and digits
    /// only, from the first letter on.
    Kramdown,
    /// Zola's `[slugify] anchors = "on"`, its default: the heading's text as an ASCII
    /// slug (`🦀` is `crab`, `é` is `e`); a taken id gets `-1`, `-2`….
    Zola,
    /// Eleventy's IdAttributePlugin (Eleventy 3, and its base blog): its `slugify`
    /// filter (@sindresorhus/slugify) of the heading's text, `&` read as "and", a
    /// contraction's apostrophe dropped (`don't` is `dont`), letters written in ASCII and
    /// symbols dropped; the second of one id gets `-2`, the third `-3`….
    Eleventy,
}

impl OldIds {
    /// The generator's name, for the report.
    fn generator(self) -> &'static str {
        match self {
            OldIds::Goldmark | OldIds::GoldmarkSource => "Hugo",
            OldIds::KramdownGfm | OldIds::Kramdown => "Jekyll (kramdown)",
            OldIds::Zola => "Zola",
            OldIds::Eleventy => "Eleventy",
        }
    }
}

/// `text` with each heading whose careerpress id would differ from the one `rule` gave it
/// holding that old id as its own, and a line for the report when any was given.
pub fn keep(text: &str, rule: OldIds) -> (String, Option<String>) {
    let first = heading_spans(text);
    let old = old_ids(rule, text, &first);
    let mut text = text.to_string();
    let mut given = 0;
    let mut spans = first;
    // Giving one heading its id can move another's (its slug is then taken): each round
    // settles at least one more, so there are at most as many rounds as headings.
    for _ in 0..=spans.len() {
        let mut claimed: HashSet<&str> = spans.iter().filter_map(|s| s.own_id.as_deref()).collect();
        let mut changes: Vec<(&HeadingSpan, &str)> = Vec::new();
        for (span, old) in spans.iter().zip(&old) {
            let Some(old) = old.as_deref() else { continue };
            // A heading made by a template (`{{ page.title }}`) had its id made from what
            // the template printed, which is not known here.
            let written = &text[heading_line(&text, span).0];
            if written.contains("{{") || written.contains("{%") {
                continue;
            }
            // An id another heading holds as its own stays with that one.
            if span.own_id.is_none() && span.id != old && claimed.insert(old) {
                changes.push((span, old));
            }
        }
        if changes.is_empty() {
            break;
        }
        let Some(next) = with_ids(&text, &changes) else { break };
        let next_spans = heading_spans(&next);
        if next_spans.len() != spans.len() {
            break;
        }
        given += changes.len();
        text = next;
        spans = next_spans;
    }
    let note = (given > 0).then(|| {
        format!(
            "{given} heading{} given the id {} made ({{#id}}), where careerpress's would differ, so links to it still land",
            if given == 1 { "" } else { "s" },
            rule.generator()
        )
    });
    (text, note)
}

/// The id `rule` gave each heading of `spans` (None: it had its own, or none).
fn old_ids(rule: OldIds, text: &str, spans: &[HeadingSpan]) -> Vec<Option<String>> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    spans
        .iter()
        .map(|span| {
            if let Some(own) = &span.own_id {
                taken.insert(own.clone());
                // Eleventy counts ids a page gives itself with those it makes.
                if rule == OldIds::Eleventy {
                    *counts.entry(own.clone()).or_insert(0) += 1;
                }
                return None;
            }
            match rule {
                OldIds::Eleventy => {
                    let base = eleventy_base(&span.title);
                    let seen = counts.entry(base.clone()).or_insert(0);
                    *seen += 1;
                    Some(if *seen == 1 { base } else { format!("{base}-{seen}") }).filter(|id| !id.is_empty())
                }
                OldIds::Goldmark | OldIds::GoldmarkSource | OldIds::Zola => {
                    let base = match rule {
                        OldIds::Goldmark => goldmark_base(&span.title),
                        OldIds::Zola => super::zola::ascii_slug(&span.title),
                        _ => goldmark_base(&source_line(text, span)),
                    };
                    let base = if base.is_empty() { "heading".to_string() } else { base };
                    let mut id = base.clone();
                    let mut n = 1;
                    while taken.contains(&id) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    taken.insert(id.clone());
                    Some(id)
                }
                OldIds::KramdownGfm | OldIds::Kramdown => {
                    let base = match rule {
                        OldIds::KramdownGfm => gfm_base(&span.title)?,
                        _ => Some(kramdown_base(&source_line(text, span)))
                            .filter(|b| !b.is_empty())
                            .unwrap_or_else(|| "section".into()),
                    };
                    let seen = counts.entry(base.clone()).or_insert(0);
                    *seen += 1;
                    let id = if *seen == 1 { base } else { format!("{base}-{}", *seen - 1) };
                    Some(id).filter(|id| !id.is_empty())
                }
            }
        })
        .collect()
}

/// @sindresorhus/slugify's slug of a heading's text, as Eleventy's `slugify` filter
/// makes it: `&` is " and ", an ASCII apostrophe between a word and a final `s` or `t` is
/// dropped (`What's new` is `whats-new`; careerpress's `’` is read as the `'` it was),
/// symbols outside ASCII (emoji) go, and the rest is the ASCII slug its transliteration
/// gives.
fn eleventy_base(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut words = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        // careerpress's text has typographic apostrophes where Eleventy's had `'`.
        let contraction = matches!(c, '\'' | '’')
            && i > 0
            && chars[i - 1].is_ascii_alphanumeric()
            && matches!(chars.get(i + 1), Some('s' | 't'))
            && chars.get(i + 2).is_none_or(|c| c.is_whitespace());
        match c {
            '&' => words.push_str(" and "),
            _ if contraction => {}
            _ if !c.is_ascii() && !c.is_alphanumeric() => words.push(' '),
            _ => words.push(c),
        }
    }
    super::zola::ascii_slug(&words)
}

/// goldmark's "github" rule: letters, decimal digits and `_` lower-cased, each space, tab
/// and `-` a hyphen, the rest dropped. A letter is Unicode's (general category L), so
/// combining marks go: Hugo's `प्रोजेक्ट` is `परजकट`.
fn goldmark_base(line: &str) -> String {
    let mut id = String::with_capacity(line.len());
    for c in line.chars() {
        if c == '-' || c == ' ' || c == '\t' {
            id.push('-');
        } else if c == '_' || is_letter_or_digit(c) {
            // Go's `unicode.ToLower` maps one character to one: `İ` is `i`, where the
            // full mapping adds a combining dot.
            id.extend(c.to_lowercase().next());
        }
    }
    id
}

/// kramdown's GFM rule: lower-cased, Ruby's word characters (`\p{Word}`: letters, marks,
/// decimal digits, connector punctuation), `-`, spaces and tabs kept, then each space or
/// tab a hyphen. Marks stay, so the virama of `प्रोजेक्ट` does. None when nothing is left
/// (kramdown gives an empty id).
fn gfm_base(title: &str) -> Option<String> {
    let id: String = title
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' | '\t' => Some('-'),
            c if c == '-' || is_ruby_word(c) => Some(c),
            _ => None,
        })
        .collect();
    Some(id).filter(|id| !id.is_empty())
}

/// Go's `unicode.IsLetter(c) || unicode.IsDigit(c)`: general category L or Nd.
pub(super) fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let category = crate::content::general_category(c);
    GeneralCategoryGroup::Letter.contains(category) || category == GeneralCategory::DecimalNumber
}

/// Ruby's `\p{Word}`: general category L, M, Nd or Pc.
fn is_ruby_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let category = crate::content::general_category(c);
    [GeneralCategoryGroup::Letter, GeneralCategoryGroup::Mark].iter().any(|g| g.contains(category))
        || matches!(category, GeneralCategory::DecimalNumber | GeneralCategory::ConnectorPunctuation)
}

/// kramdown's own rule: from the first ASCII letter on, ASCII letters, digits, spaces and
/// `-` kept, spaces made hyphens, lower-cased.
fn kramdown_base(line: &str) -> String {
    let from = line.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(line.len());
    line[from..]
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c == '-' || c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// The heading's text as written on its (last) line: without the `#`s that open and close
/// an ATX heading, a setext heading's underline, or a trailing `{.class}`.
fn source_line(text: &str, span: &HeadingSpan) -> String {
    let (line, atx) = heading_line(text, span);
    let mut line = text[line].trim();
    if atx {
        line = line.trim_start_matches('#').trim();
        line = strip_closing_hashes(line);
    }
    if line.ends_with('}') {
        if let Some(open) = line.rfind('{') {
            line = line[..open].trim_end();
        }
    }
    line.to_string()
}

/// Where, in `text`, the line holding the heading's text ends up: an ATX heading's one line,
/// a setext heading's last line above its underline; and whether it is ATX.
fn heading_line(text: &str, span: &HeadingSpan) -> (std::ops::Range<usize>, bool) {
    let inner = &text[span.range.clone()];
    let inner = inner.strip_suffix('\n').unwrap_or(inner);
    let inner = inner.strip_suffix('\r').unwrap_or(inner);
    let atx = inner.trim_start().starts_with('#');
    let start = span.range.start;
    if atx {
        let end = inner.find(['\n', '\r']).unwrap_or(inner.len());
        return (start..start + end, true);
    }
    // Setext: the line before the underline.
    let above = inner.rfind('\n').map_or(inner, |at| &inner[..at]);
    let above = above.strip_suffix('\r').unwrap_or(above);
    let from = above.rfind('\n').map_or(0, |at| at + 1);
    (start + from..start + above.len(), false)
}

/// An ATX heading's text without its closing `#`s (which must follow a space).
fn strip_closing_hashes(line: &str) -> &str {
    let without = line.trim_end_matches('#');
    if without.len() == line.len() {
        return line;
    }
    if without.is_empty() || without.ends_with([' ', '\t']) {
        without.trim_end()
    } else {
        line
    }
}

/// `text` with each heading of `changes` holding its id; None if one cannot be written.
fn with_ids(text: &str, changes: &[(&HeadingSpan, &str)]) -> Option<String> {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (span, id) in changes {
        let (line, atx) = heading_line(text, span);
        let written = &text[line.clone()];
        let kept = written.trim_end();
        let kept = if atx { strip_closing_hashes(kept) } else { kept };
        let attributes = kept.strip_suffix('}').and_then(|k| k.rfind('{').map(|open| (k, open)));
        // Only `{.class}` or `{ #id }` is an attribute list; `{{ x }}` or `{ x }` is text.
        let attributes = attributes.filter(|(k, open)| k[open + 1..].trim_start().starts_with(['.', '#']));
        let replacement = match attributes {
            // `{.class}` already there: the id joins it.
            Some((k, open)) => format!("{}{{#{id} {}}}", &k[..open], &k[open + 1..]),
            None => format!("{kept} {{#{id}}}"),
        };
        edits.push((line, replacement));
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() + edits.len() * 16);
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            return None;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        heading_spans(text).into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn combining_marks_are_word_characters_in_kramdown_and_dropped_by_goldmark() {
        // Devanagari: virama (Mn) and vowel signs (Mc, Mn) are marks, not letters.
        let hindi = "अपने प्रोजेक्ट का स्वामित्व";
        assert_eq!(gfm_base(hindi).as_deref(), Some("अपने-प्रोजेक्ट-का-स्वामित्व"));
        assert_eq!(goldmark_base(hindi), "अपन-परजकट-क-सवमतव");
        // Connector punctuation is a Ruby word character, other numbers are no digit.
        assert_eq!(gfm_base("a‿b ²").as_deref(), Some("a‿b-"));
        assert_eq!(goldmark_base("a‿b ² ٣"), "ab--٣");
        assert_eq!(gfm_base("Ünïcödé_x").as_deref(), Some("ünïcödé_x"));
        // Go lower-cases a character at a time, Ruby by the full mapping.
        assert_eq!(goldmark_base("İş Arama"), "iş-arama");
        assert_eq!(gfm_base("İş").as_deref(), Some("i\u{307}ş"));
    }

    #[test]
    fn headings_a_template_printed_are_left_as_written() {
        // mojombo's posts: the id went inside the Liquid, twice.
        for text in
            ["{{ page.title }}\n================\n\nBody.\n", "# {{ page.title }}\n\nBody.\n", "## {% t x %} A\n"]
        {
            assert_eq!(keep(text, OldIds::KramdownGfm), (text.to_string(), None), "{text}");
        }
        // A heading ending in a brace that is no attribute list gets its own.
        let (kept, _) = keep("## Smileys & Emotion { .cls }\n", OldIds::Goldmark);
        assert!(kept.starts_with("## Smileys & Emotion {#smileys--emotion"), "a spaced list is one still: {kept}");
        let (kept, note) = keep("## Don't stop { a }\n", OldIds::Goldmark);
        assert!(note.is_some() && kept.starts_with("## Don't stop { a } {#dont-stop"), "{kept}");
    }

    #[test]
    fn hugo_ids_are_kept_where_ours_differ() {
        let text = "## Smileys & Emotion\n\nx\n\n## Don't *forget* ##\n\n## Plain words\n";
        let (kept, note) = keep(text, OldIds::Goldmark);
        assert_eq!(ids(&kept), ["smileys--emotion", "dont-forget", "plain-words"], "{kept}");
        assert!(kept.contains("## Smileys & Emotion {#smileys--emotion}\n"), "{kept}");
        assert!(kept.contains("## Don't *forget* {#dont-forget}\n"), "{kept}");
        assert!(kept.contains("## Plain words\n"), "an id that is the same is left alone: {kept}");
        assert!(note.is_some_and(|n| n.starts_with("2 headings given the id Hugo made")));
    }

    #[test]
    fn zola_ids_are_ascii_slugs_of_the_text() {
        // The Rust blog's compiler team report links `#i-unsound-issues-crab`.
        let text = "### I-unsound issues (🦀)\n\n## Café `crème`\n\n## Café crème\n\n## Plain words\n";
        let (kept, note) = keep(text, OldIds::Zola);
        assert_eq!(ids(&kept), ["i-unsound-issues-crab", "cafe-creme", "cafe-creme-1", "plain-words"], "{kept}");
        assert!(kept.contains("## Plain words\n"), "an id that is the same is left alone: {kept}");
        assert!(note.is_some_and(|n| n.starts_with("3 headings given the id Zola made")));
    }

    #[test]
    fn eleventy_ids_are_its_slugify_filters_and_count_from_two() {
        let text = "## Salary & benefits\n\n## Don't forget the start date\n\n## What's new in 2024 🚀\n\n\
                    ## Café crème\n\n## Café crème\n\n## Plain words {#plain}\n\n## Plain\n\n## It's 'quoted'\n";
        let (kept, note) = keep(text, OldIds::Eleventy);
        assert_eq!(
            ids(&kept),
            [
                "salary-and-benefits",
                "dont-forget-the-start-date",
                "whats-new-in-2024",
                "cafe-creme",
                "cafe-creme-2",
                "plain",
                "plain-2",
                "its-quoted"
            ],
            "{kept}"
        );
        assert!(note.is_some_and(|n| n.contains("given the id Eleventy made")));
    }

    #[test]
    fn old_goldmark_reads_the_source_line_and_the_others_the_text() {
        let text = "## See [Hugo](https://gohugo.io)\n";
        assert_eq!(ids(&keep(text, OldIds::GoldmarkSource).0), ["see-hugohttpsgohugoio"]);
        assert_eq!(keep(text, OldIds::Goldmark).1, None, "the same id: nothing to keep");
        let marked = "### _Refactoring English_\n\n### mtlynch.io _(this blog)_\n\n## Don't `panic!` ![now](x.png)\n";
        assert_eq!(
            ids(&keep(marked, OldIds::Goldmark).0),
            ["refactoring-english", "mtlynchio-this-blog", "dont-panic-now"]
        );
        assert_eq!(
            ids(&keep(marked, OldIds::GoldmarkSource).0)[..2],
            ["_refactoring-english_", "mtlynchio-_this-blog_"]
        );
        assert_eq!(ids(&keep(text, OldIds::KramdownGfm).0), ["see-hugo"]);
        assert_eq!(keep(text, OldIds::KramdownGfm).1, None, "the same id: nothing to keep");
        assert_eq!(ids(&keep("## 2. Why? Because\n", OldIds::Kramdown).0), ["why-because"]);
        assert_eq!(ids(&keep("## 2. Why? Because\n", OldIds::KramdownGfm).0), ["2-why-because"]);
    }

    #[test]
    fn repeated_titles_are_numbered_as_each_generator_did() {
        let text = "## A & B\n\n## A & B\n\n## A-B\n";
        assert_eq!(ids(&keep(text, OldIds::Goldmark).0), ["a--b", "a--b-1", "a-b"]);
        assert_eq!(ids(&keep(text, OldIds::KramdownGfm).0), ["a--b", "a--b-1", "a-b"]);
        // Without the rounds, the third would keep careerpress's `a-b-2`.
        let text = "## A B\n\n## A & B\n\n## A B\n";
        assert_eq!(ids(&keep(text, OldIds::Goldmark).0), ["a-b", "a--b", "a-b-1"]);
    }

    #[test]
    fn own_ids_classes_and_setext_headings() {
        let text = "Café & co\n=========\n\n## Mine {#x}\n\n## R&D {.wide}\n\n## Mine's\n";
        let (kept, _) = keep(text, OldIds::Goldmark);
        assert_eq!(ids(&kept), ["café--co", "x", "rd", "mines"], "{kept}");
        assert!(kept.contains("## R&D {#rd .wide}"), "{kept}");
        let classes: Vec<_> = crate::markdown::heading_spans(&kept).into_iter().map(|h| h.title).collect();
        assert_eq!(classes, ["Café & co", "Mine", "R&D", "Mine’s"]);
    }

    #[test]
    fn an_id_held_by_another_heading_is_not_given_twice() {
        // kramdown's counter does not look at ids given by hand, so it made `x` twice.
        let text = "## Other {#x}\n\n## X\n";
        let (kept, note) = keep(text, OldIds::KramdownGfm);
        assert_eq!(ids(&kept), ["x", "x-1"]);
        assert_eq!(note, None);
    }

    #[test]
    fn headings_in_code_and_html_are_not_headings() {
        let text = "```\n## Don't\n```\n\n<div>\n## Don't\n</div>\n";
        assert_eq!(keep(text, OldIds::Goldmark), (text.to_string(), None));
    }
}
