//! Links to footnotes. kramdown (Jekyll) and goldmark (Hugo) gave a page's footnotes ids
//! of their own (`#fn:1`, `#fnref:1`), and links name them: a changelog's own
//! `[1](#fn:1)`, another page's `/faq/#fn:why`. careerpress gives the same notes other
//! ids (`fn-1`, `fnref-1`: `crate::footnotes`), so such a link would land nowhere. Each is
//! pointed at the id the same note gets here, and only where the page it names has that
//! note: a heading whose own id is `fn:1` keeps its links.

use crate::footnotes::NoteIds;
use std::collections::{HashMap, HashSet};

/// How the old generator named a page's footnotes and the references to them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OldNotes {
    /// kramdown's, by label: `fn:<prefix><label>`, references `fnref:<prefix><label>`, then
    /// `…:1`, `…:2` for the second and third (`prefix` is its `footnote_prefix` option).
    Kramdown { prefix: String },
    /// goldmark's, by number in the order of first reference: `fn:<n>`, references
    /// `fnref:<n>`, then `fnref1:<n>`, `fnref2:<n>`.
    Goldmark,
}

/// A page's footnotes and heading ids as the build will give them.
struct Page {
    notes: Vec<NoteIds>,
    headings: HashSet<String>,
}

/// The footnotes of every imported page that has any, by its `@/` link.
pub struct Notes {
    rule: OldNotes,
    pages: HashMap<String, Page>,
}

impl Notes {
    /// Reads each page's converted body, given with its `@/` link.
    pub fn new<'a>(rule: OldNotes, bodies: impl Iterator<Item = (String, &'a str)>) -> Notes {
        let mut pages = HashMap::new();
        for (link, body) in bodies {
            let notes = crate::markdown::footnote_ids(body);
            if notes.is_empty() {
                continue;
            }
            let headings = crate::markdown::heading_spans(body).into_iter().map(|h| h.id).collect();
            pages.insert(link, Page { notes, headings });
        }
        Notes { rule, pages }
    }

    /// `text`, the body of the page at `own` (its `@/` link), with each link to an old
    /// footnote id pointed at careerpress's; and the report's note when any was.
    pub fn relink(&self, text: &str, own: &str) -> Option<(String, String)> {
        if self.pages.is_empty() {
            return None;
        }
        let target = |dest: &str| self.target(dest, own);
        let (relinked, count) = super::relink::rewrite(text, &target, &target);
        (count > 0).then(|| {
            let note = format!(
                "{count} link{} to footnotes (#fn:…, #fnref:…) → the ids careerpress gives them",
                if count == 1 { "" } else { "s" }
            );
            (relinked, note)
        })
    }

    /// The new destination of a link to an old footnote id: on the page itself
    /// (`#fn:1`) or on another imported page (`@/faq.md#fn:1`, as links are by now).
    fn target(&self, dest: &str, own: &str) -> Option<String> {
        let (page, fragment) = dest.split_once('#')?;
        if !page.is_empty() && !page.starts_with("@/") {
            return None;
        }
        let notes = self.pages.get(if page.is_empty() { own } else { page })?;
        let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8().ok()?;
        if notes.headings.contains(fragment.as_ref()) {
            return None;
        }
        let id = new_id(&self.rule, &fragment, &notes.notes)?;
        Some(format!("{page}#{id}"))
    }
}

/// careerpress's id for what the old id `fragment` named among `notes`: a note, or its
/// reference (the first, or a later one it really has); None when it names neither.
fn new_id(rule: &OldNotes, fragment: &str, notes: &[NoteIds]) -> Option<String> {
    // The note, and which of its references (from 0) when the id is a reference's.
    let (note, reference) = match rule {
        OldNotes::Kramdown { prefix } => match fragment.strip_prefix("fn:") {
            Some(name) => (by_label(notes, name.strip_prefix(prefix.as_str())?)?, None),
            None => {
                let rest = fragment.strip_prefix("fnref:")?.strip_prefix(prefix.as_str())?;
                // kramdown's labels hold no `:`: one after the label counts the repeats.
                match rest.rsplit_once(':') {
                    Some((name, nth)) => (by_label(notes, name)?, Some(number(nth).filter(|&n| n > 0)?)),
                    None => (by_label(notes, rest)?, Some(0)),
                }
            }
        },
        OldNotes::Goldmark => {
            let (kind, n) = fragment.split_once(':')?;
            let note = notes.get(number(n)?.checked_sub(1)?)?;
            match kind {
                "fn" => (note, None),
                "fnref" => (note, Some(0)),
                _ => (note, Some(number(kind.strip_prefix("fnref")?).filter(|&n| n > 0)?)),
            }
        }
    };
    match reference {
        None => Some(format!("fn-{}", note.id)),
        Some(0) => Some(format!("fnref-{}", note.id)),
        Some(nth) if nth < note.refs => Some(format!("fnref-{}-{}", note.id, nth + 1)),
        Some(_) => None,
    }
}

/// The note written with `label`: as written, else in another case (careerpress's
/// Markdown reads labels so; kramdown told them apart).
fn by_label<'a>(notes: &'a [NoteIds], label: &str) -> Option<&'a NoteIds> {
    let lower = label.to_lowercase();
    notes.iter().find(|n| n.label == label).or_else(|| notes.iter().find(|n| n.label.to_lowercase() == lower))
}

/// A number as the generators wrote one into an id: decimal digits, no leading zero.
fn number(text: &str) -> Option<usize> {
    let n: usize = text.parse().ok()?;
    (n.to_string() == text).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(rule: OldNotes, pages: &[(&str, &str)]) -> Notes {
        Notes::new(rule, pages.iter().map(|(link, body)| (link.to_string(), *body)))
    }

    const CHANGELOG: &str = "Fixed[^b] and[^a], again[^b] and once more[^b].\n\n\
                             [^a]: First.\n[^b]: Second.\n";

    #[test]
    fn kramdown_ids_are_read_by_label() {
        let n = notes(OldNotes::Kramdown { prefix: String::new() }, &[("@/changelog.md", CHANGELOG)]);
        let t = |dest: &str| n.target(dest, "@/changelog.md");
        assert_eq!(t("#fn:a").as_deref(), Some("#fn-a"));
        assert_eq!(t("#fnref:b").as_deref(), Some("#fnref-b"));
        assert_eq!(t("#fnref:b:1").as_deref(), Some("#fnref-b-2"));
        assert_eq!(t("#fnref:b:2").as_deref(), Some("#fnref-b-3"));
        assert_eq!(t("#fnref:b:3"), None, "b has three references, not four");
        assert_eq!(t("#fnref:a:1"), None);
        assert_eq!(t("#fnref:b:01"), None, "no such id was ever made");
        assert_eq!(t("#fn:c"), None, "no such note");
        assert_eq!(t("#fn:1"), None, "by label, not number");
        assert_eq!(t("@/changelog.md#fn:B").as_deref(), Some("@/changelog.md#fn-b"));
        assert_eq!(t("#fn%3Aa").as_deref(), Some("#fn-a"), "percent-encoded");
        assert_eq!(t("/changelog/#fn:a"), None, "not an imported page's link");
        let prefixed = notes(OldNotes::Kramdown { prefix: "cl-".into() }, &[("@/changelog.md", CHANGELOG)]);
        assert_eq!(prefixed.target("#fn:cl-a", "@/changelog.md").as_deref(), Some("#fn-a"));
        assert_eq!(prefixed.target("#fn:a", "@/changelog.md"), None);
    }

    #[test]
    fn goldmark_ids_are_read_by_number_of_first_reference() {
        let n = notes(OldNotes::Goldmark, &[("@/changelog.md", CHANGELOG)]);
        let t = |dest: &str| n.target(dest, "@/other.md");
        assert_eq!(t("@/changelog.md#fn:1").as_deref(), Some("@/changelog.md#fn-b"));
        assert_eq!(t("@/changelog.md#fn:2").as_deref(), Some("@/changelog.md#fn-a"));
        assert_eq!(t("@/changelog.md#fnref:2").as_deref(), Some("@/changelog.md#fnref-a"));
        assert_eq!(t("@/changelog.md#fnref2:1").as_deref(), Some("@/changelog.md#fnref-b-3"));
        assert_eq!(t("@/changelog.md#fnref1:2"), None);
        for none in ["#fn:1", "@/changelog.md#fn:3", "@/changelog.md#fn:0", "@/changelog.md#fn:a", "@/changelog.md#x:1"]
        {
            assert_eq!(t(none), None, "{none}");
        }
    }

    #[test]
    fn a_heading_with_that_id_keeps_its_links_and_a_page_without_notes_is_not_read() {
        let body = "## Why {#fn:1}\n\nSee[^1].\n\n[^1]: Note.\n";
        let n = notes(OldNotes::Goldmark, &[("@/a.md", body), ("@/plain.md", "## fn:1\n")]);
        assert_eq!(n.target("#fn:1", "@/a.md"), None);
        assert_eq!(n.target("#fnref:1", "@/a.md").as_deref(), Some("#fnref-1"));
        assert_eq!(n.target("@/plain.md#fn:1", "@/a.md"), None);
        assert!(!n.pages.contains_key("@/plain.md"));
    }

    #[test]
    fn links_in_markdown_definitions_and_raw_html_are_rewritten() {
        let body = "A[^x] [back](#fnref:x) <a href=\"#fn:x\">n</a>\n\n[r]: #fn:x\n\n[^x]: Note [up](#fnref:x).\n";
        let n = notes(OldNotes::Kramdown { prefix: String::new() }, &[("@/a.md", body)]);
        let (text, note) = n.relink(body, "@/a.md").unwrap();
        assert_eq!(
            text,
            "A[^x] [back](#fnref-x) <a href=\"#fn-x\">n</a>\n\n[r]: #fn-x\n\n[^x]: Note [up](#fnref-x).\n"
        );
        assert!(note.starts_with("4 links to footnotes"), "{note}");
        assert_eq!(n.relink("[x](#fn:y)", "@/a.md"), None);
    }
}
