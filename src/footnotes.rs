//! Footnotes as GitHub renders them. pulldown-cmark's HTML prints a definition where it was
//! written, its label alone on a line and no way back to the text; readers expect numbered
//! references that link to a list at the end of the article, each note linking back. This
//! rewrites the parser's footnote events into that HTML before the page is written.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// One referenced footnote, numbered by its first reference.
struct Note<'a> {
    /// The label as the definition wrote it.
    label: CowStr<'a>,
    /// How many references point at it: each gets its own id and backlink.
    refs: usize,
    /// The id-safe name its ids are made from (`fn-<id>`, `fnref-<id>`, `fnref-<id>-2`).
    id: String,
    events: Vec<Event<'a>>,
}

/// Labels match as CommonMark link labels do: case and runs of spaces do not count.
fn key(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Moves every footnote definition out of `events`, turns references into numbered links
/// and ends the events with the list of notes, in the order of their first reference.
/// A definition nothing refers to is left out, as GitHub does; a reference whose label
/// has no definition stays text (pulldown-cmark already writes those as text). `taken`
/// holds the page's other ids (its headings'), which no footnote id may repeat.
pub fn endnotes<'a>(events: Vec<Event<'a>>, taken: &HashSet<String>) -> Vec<Event<'a>> {
    if !events.iter().any(|e| matches!(e, Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)))) {
        return events;
    }
    let Numbered { body, mut notes, numbers } = numbered(events, taken);
    let mut seen = vec![0; notes.len()];
    let mut out = link_references(body, &notes, &numbers, &mut seen);
    out.push(Event::Html(
        "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"Footnotes\">\n<ol>\n".into(),
    ));
    for n in 0..notes.len() {
        let events = std::mem::take(&mut notes[n].events);
        let mut item = link_references(events, &notes, &numbers, &mut seen);
        let backlinks = backlinks(n + 1, &notes[n]);
        match item.last() {
            Some(Event::End(TagEnd::Paragraph)) => {
                let at = item.len() - 1;
                item.insert(at, Event::InlineHtml(format!(" {backlinks}").into()));
            }
            _ => item.push(Event::Html(format!("{backlinks}\n").into())),
        }
        out.push(Event::Html(format!("<li id=\"fn-{}\">\n", notes[n].id).into()));
        out.extend(item);
        out.push(Event::Html("</li>\n".into()));
    }
    out.push(Event::Html("</ol>\n</section>\n".into()));
    out
}

/// A referenced footnote as the page shows it: for an import, which points links that
/// named the old generator's footnote ids at careerpress's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteIds {
    /// The label as the definition wrote it.
    pub label: String,
    /// How many references it has: the `n`th (from 1) has the id `fnref-<id>-n`, the first `fnref-<id>`.
    pub refs: usize,
    /// Its list item's id is `fn-<id>`.
    pub id: String,
}

/// The notes `events` refer to, in the order `endnotes` numbers them, with their ids.
pub fn note_ids(events: Vec<Event<'_>>, taken: &HashSet<String>) -> Vec<NoteIds> {
    let notes = numbered(events, taken).notes;
    notes.into_iter().map(|n| NoteIds { label: n.label.to_string(), refs: n.refs, id: n.id }).collect()
}

/// The body without its definitions, and the notes it refers to, numbered and given ids.
struct Numbered<'a> {
    body: Vec<Event<'a>>,
    notes: Vec<Note<'a>>,
    /// Each note's place in `notes`, by label key.
    numbers: HashMap<String, usize>,
}

fn numbered<'a>(events: Vec<Event<'a>>, taken: &HashSet<String>) -> Numbered<'a> {
    let (body, mut definitions) = split_definitions(events);
    let mut notes: Vec<Note<'a>> = Vec::new();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    count_references(&body, &definitions, &mut notes, &mut numbers);
    // A note's own text may refer to notes not met yet; those are numbered after it.
    let mut i = 0;
    while i < notes.len() {
        let k = key(&notes[i].label);
        let events = definitions.remove(&k).map(|(_, e)| e).unwrap_or_default();
        count_references(&events, &definitions, &mut notes, &mut numbers);
        notes[i].events = events;
        i += 1;
    }
    assign_ids(&mut notes, taken);
    Numbered { body, notes, numbers }
}

/// The events outside definitions, and each definition's events by label key (the first
/// definition of a label wins, as with link reference definitions). Definitions inside
/// definitions are taken out too.
type Definitions<'a> = HashMap<String, (CowStr<'a>, Vec<Event<'a>>)>;

fn split_definitions(events: Vec<Event<'_>>) -> (Vec<Event<'_>>, Definitions<'_>) {
    let mut body = Vec::with_capacity(events.len());
    let mut open: Vec<(CowStr<'_>, Vec<Event<'_>>)> = Vec::new();
    let mut definitions: Definitions<'_> = HashMap::new();
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => open.push((label, Vec::new())),
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, events)) = open.pop() {
                    definitions.entry(key(&label)).or_insert((label, events));
                }
            }
            other => match open.last_mut() {
                Some((_, events)) => events.push(other),
                None => body.push(other),
            },
        }
    }
    (body, definitions)
}

/// Numbers each newly referenced note in `events` and counts every reference.
fn count_references<'a>(
    events: &[Event<'a>],
    definitions: &Definitions<'a>,
    notes: &mut Vec<Note<'a>>,
    numbers: &mut HashMap<String, usize>,
) {
    for event in events {
        let Event::FootnoteReference(label) = event else { continue };
        let k = key(label);
        if let Some(&n) = numbers.get(&k) {
            notes[n].refs += 1;
        } else if let Some((written, _)) = definitions.get(&k) {
            numbers.insert(k, notes.len());
            notes.push(Note { label: written.clone(), refs: 1, id: String::new(), events: Vec::new() });
        }
    }
}

/// Each note's id: its label slugged (its number when nothing of it is left), made unique
/// so that none of its ids, backlink targets included, repeats another on the page.
fn assign_ids(notes: &mut [Note<'_>], taken: &HashSet<String>) {
    let mut used: HashSet<String> = taken.clone();
    for (i, note) in notes.iter_mut().enumerate() {
        let base = match crate::content::slugify(&note.label) {
            s if s.is_empty() => (i + 1).to_string(),
            s => s,
        };
        let ids_of = |id: &str| {
            let refs = (2..=note.refs).map(move |r| format!("fnref-{id}-{r}"));
            [format!("fn-{id}"), format!("fnref-{id}")].into_iter().chain(refs).collect::<Vec<_>>()
        };
        let id = std::iter::once(base.clone())
            .chain((1..).map(|n| format!("{base}-{n}")))
            .find(|id| ids_of(id).iter().all(|x| !used.contains(x)))
            .unwrap_or(base);
        used.extend(ids_of(&id));
        note.id = id;
    }
}

/// Replaces references by numbered links; `seen` counts each note's references so far.
fn link_references<'a>(
    events: Vec<Event<'a>>,
    notes: &[Note<'_>],
    numbers: &HashMap<String, usize>,
    seen: &mut [usize],
) -> Vec<Event<'a>> {
    events
        .into_iter()
        .map(|event| match event {
            Event::FootnoteReference(label) => match numbers.get(&key(&label)) {
                Some(&n) => {
                    seen[n] += 1;
                    let id = crate::escape::html(&notes[n].id);
                    let ref_id = ref_id(&id, seen[n]);
                    Event::InlineHtml(
                        format!("<sup class=\"footnote-ref\"><a href=\"#fn-{id}\" id=\"{ref_id}\">{}</a></sup>", n + 1)
                            .into(),
                    )
                }
                None => Event::Text(format!("[^{label}]").into()),
            },
            other => other,
        })
        .collect()
}

/// The id of a note's `nth` reference (from 1): the first has none of the `-n` suffix.
fn ref_id(id: &str, nth: usize) -> String {
    if nth == 1 {
        format!("fnref-{id}")
    } else {
        format!("fnref-{id}-{nth}")
    }
}

/// One link back per reference; the second and later say which with a small number.
fn backlinks(number: usize, note: &Note<'_>) -> String {
    let id = crate::escape::html(&note.id);
    (1..=note.refs.max(1))
        .map(|r| {
            let (label, mark) = if r == 1 {
                (number.to_string(), String::new())
            } else {
                (format!("{number}-{r}"), format!("<sup>{r}</sup>"))
            };
            format!(
                "<a href=\"#{}\" class=\"footnote-backref\" aria-label=\"Back to reference {label}\">↩{mark}</a>",
                ref_id(&id, r)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn html(src: &str, taken: &[&str]) -> String {
        let events: Vec<Event<'_>> =
            Parser::new_ext(src, Options::ENABLE_FOOTNOTES | Options::ENABLE_SMART_PUNCTUATION).collect();
        let taken: HashSet<String> = taken.iter().map(|s| s.to_string()).collect();
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, endnotes(events, &taken).into_iter());
        out
    }

    #[test]
    fn one_reference_links_to_its_note_and_back() {
        let out = html("Text[^a].\n\n[^a]: The note.\n", &[]);
        assert!(
            out.starts_with(
                "<p>Text<sup class=\"footnote-ref\"><a href=\"#fn-a\" id=\"fnref-a\">1</a></sup>.</p>\n\
             <section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"Footnotes\">\n<ol>\n<li id=\"fn-a\">\n"
            ),
            "{out}"
        );
        assert!(out.contains(
            "<p>The note. <a href=\"#fnref-a\" class=\"footnote-backref\" aria-label=\"Back to reference 1\">↩</a></p>\n</li>\n</ol>\n</section>"
        ), "{out}");
    }

    #[test]
    fn notes_are_numbered_by_first_reference_and_a_second_reference_gets_its_own_id() {
        let out = html("A[^z] b[^y] c[^Z].\n\n[^y]: Why.\n[^z]: Zed.\n[^unused]: Never.\n", &[]);
        assert!(out.contains("<a href=\"#fn-z\" id=\"fnref-z\">1</a>"), "{out}");
        assert!(out.contains("<a href=\"#fn-y\" id=\"fnref-y\">2</a>"), "{out}");
        assert!(out.contains("<a href=\"#fn-z\" id=\"fnref-z-2\">1</a>"), "{out}");
        assert!(out.find("<li id=\"fn-z\">").unwrap() < out.find("<li id=\"fn-y\">").unwrap(), "{out}");
        assert!(
            out.contains(
                "Zed. <a href=\"#fnref-z\" class=\"footnote-backref\" aria-label=\"Back to reference 1\">↩</a> \
             <a href=\"#fnref-z-2\" class=\"footnote-backref\" aria-label=\"Back to reference 1-2\">↩<sup>2</sup></a>"
            ),
            "{out}"
        );
        assert!(!out.contains("Never"), "an unreferenced note is left out: {out}");
    }

    #[test]
    fn a_reference_without_a_definition_stays_text() {
        let out = html("See[^nope] here.\n", &[]);
        assert_eq!(out, "<p>See[^nope] here.</p>\n");
    }

    #[test]
    fn labels_are_slugged_and_escaped_into_unique_ids() {
        let out = html("A[^My Note!] b[^my-note] c[^\"<x>\"] d[^!!].\n\n[^My Note!]: One.\n[^my-note]: Two.\n[^\"<x>\"]: Three.\n[^!!]: Four.\n", &[]);
        assert!(out.contains("<li id=\"fn-my-note\">"), "{out}");
        assert!(out.contains("<li id=\"fn-my-note-1\">"), "{out}");
        assert!(out.contains("<li id=\"fn-x\">"), "{out}");
        assert!(out.contains("<li id=\"fn-4\">"), "a label with nothing to slug takes its number: {out}");
        assert!(!out.contains("<x>"), "{out}");
    }

    #[test]
    fn footnote_ids_never_repeat_a_heading_id() {
        let out = html("A[^note] b[^note].\n\n[^note]: N.\n", &["fn-note", "fnref-note-1-2"]);
        // `note` would repeat the heading's `fn-note`, `note-1` its `fnref-note-1-2`.
        assert!(out.contains("<li id=\"fn-note-2\">"), "{out}");
        assert!(out.contains("id=\"fnref-note-2\"") && out.contains("id=\"fnref-note-2-2\""), "{out}");
    }

    #[test]
    fn a_note_keeps_its_links_and_emphasis() {
        let out = html("Text[^1].\n\n[^1]: See *this* [page](/x) and \"that\"[^2].\n\n[^2]: Inner.\n", &[]);
        assert!(out.contains("<li id=\"fn-1\">\n<p>See <em>this</em> <a href=\"/x\">page</a> and “that”<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\">2</a></sup>. <a href=\"#fnref-1\""), "{out}");
        assert!(out.contains("<li id=\"fn-2\">"), "a note referred to from a note is listed after it: {out}");
    }
}
