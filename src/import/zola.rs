//! Reads a Zola site for `careerpress import zola`. Zola's layout is careerpress's own
//! (`content/` with `_index.md` sections and `index.md` bundles, `static/`, `@/` links
//! read from `content/`), so every file keeps its path and its links stay good; what
//! differs is the front matter (`[taxonomies]`, `[extra]`, `path`, `sort_by`), the URLs
//! Zola made from file names (transliterated to ASCII by default), the dates it read
//! from them, and its shortcodes (`{{ youtube(id="…") }}`, converted by `body`; the site's
//! own kept with their templates, `zola_shortcodes`).

use super::history::{History, When};
use super::meta::{toml_to_json, Meta};
use super::{files_under, is_markdown, read_source, read_text, slashed, Doc, Found};
use crate::error::printable;
use anyhow::{bail, Result};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Zola's configuration file: `zola.toml` in newer releases, `config.toml` before.
const CONFIG_NAMES: [&str; 2] = ["zola.toml", "config.toml"];

/// The site's author, from `[extra]` when not at the top, and whether its Markdown drew
/// emoji codes.
fn read_extra(config: &Map<String, Value>, found: &mut Found) {
    let extra = config.get("extra").and_then(Value::as_object);
    found.author = config.get("author").or_else(|| extra?.get("author")).and_then(super::author_name);
    found.emoji = config.get("markdown").and_then(|m| m.get("render_emoji")) == Some(&Value::Bool(true));
}

pub fn read(src: &Path) -> Result<Found> {
    let Some(config_name) = CONFIG_NAMES.iter().find(|n| src.join(n).is_file()) else {
        bail!("{}: not a Zola site: expected zola.toml or config.toml in it", printable(src));
    };
    let mut found = Found {
        syntax: super::body::Syntax::Zola,
        history: History::read(src),
        published_future: Some("Zola"),
        ..Found::default()
    };
    let config = read_config(src, config_name, &mut found)?;
    if !src.join("content").is_dir() {
        bail!("{}: a Zola site without a content folder: there is nothing to import", printable(src));
    }
    let text = |key: &str| config.get(key).and_then(Value::as_str).map(str::to_string);
    found.title = text("title");
    found.base_url =
        text("base_url").and_then(|u| crate::config::normalize_base_url(&u).ok()).filter(|u| u.contains("://"));
    found.description = text("description");
    found.language = text("default_language");
    left_feeds(&config, &mut found);
    own_templates(src, text("theme").as_deref(), &mut found);
    read_extra(&config, &mut found);
    let slugs = Slugs::of(&config);
    // Headings' ids were slugs as its paths are, by `[slugify] anchors`; the other two
    // rules are not known here.
    let anchors = config.get("slugify").and_then(|s| s.get("anchors")).and_then(Value::as_str);
    found.heading_ids = matches!(anchors, None | Some("on")).then_some(super::heading_ids::OldIds::Zola);
    // `[languages.fr]`: `x.fr.md` is the French page of `x.md`.
    let languages: Vec<String> =
        config.get("languages").and_then(Value::as_object).map(|l| l.keys().cloned().collect()).unwrap_or_default();
    let files = files_under(src, Path::new("content"), &mut found);
    let bundles: Vec<PathBuf> = files
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n == "index.md") && f.components().count() > 2)
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    for rel in &files {
        read_content(src, rel, &Tree { slugs, languages: &languages }, &mut found);
    }
    // Bundles by their folder under content/, where their pages are written.
    let mut bundles: Vec<PathBuf> =
        bundles.iter().filter_map(|b| b.strip_prefix("content").ok()).map(Path::to_path_buf).collect();
    let moved = place_pages(src, &mut found, &mut bundles);
    follow_moves(&mut found, &moved);
    // A site without static files has no such folder: nothing to report.
    if src.join("static").is_dir() {
        for rel in files_under(src, Path::new("static"), &mut found) {
            found.copies.push((rel.clone(), rel));
        }
    }
    for (dir, why) in LEFT_DIRS {
        if src.join(dir).is_dir() {
            found.skipped.push((PathBuf::from(dir), why.to_string()));
        }
    }
    Ok(found)
}

/// The site's own shortcode templates, then its components (Zola 0.23), where no
/// shortcode template has the name.
fn own_templates(src: &Path, theme: Option<&str>, found: &mut Found) {
    found.own_shortcodes = super::zola_shortcodes::templates(src, theme);
    let (components, unread) = super::zola_components::find(src, theme);
    for (name, component) in components {
        if !found.own_shortcodes.contains_key(&name) {
            found.own_shortcodes.insert(name.clone(), component.file.clone());
            found.components.insert(name, component);
        }
    }
    found.skipped.extend(unread.into_iter().map(|e| (PathBuf::from("templates"), format!("not read: {e}"))));
}

/// The site's configuration; one that does not parse stops the import, at its line.
fn read_config(src: &Path, config_name: &str, found: &mut Found) -> Result<Map<String, Value>> {
    let text = read_text(src, Path::new(config_name), found).unwrap_or_default();
    let table = match text.parse::<toml::Table>() {
        Ok(table) => table,
        Err(e) => match super::meta::toml_said(&text, &e, 1) {
            (Some((line, column)), said) => bail!("{}:{line}:{column}: {said}", printable(&src.join(config_name))),
            (None, said) => bail!("{}: {said}", printable(&src.join(config_name))),
        },
    };
    // Its values as written (dates, `nan`), which JSON cannot hold, for site.toml.
    found.extra = table.get("extra").and_then(toml::Value::as_table).cloned();
    let Value::Object(config) = toml_to_json(toml::Value::Table(table)) else {
        unreachable!("a TOML table reads as an object")
    };
    Ok(config)
}

/// Zola's feeds at another name than careerpress's `atom.xml` (`feed_filenames = ["rss.xml"]`,
/// or the older `feed_filename`), the site's and each taxonomy's that asked for one.
fn left_feeds(config: &Map<String, Value>, found: &mut Found) {
    let on = ["generate_feeds", "generate_feed"].iter().any(|k| config.get(*k) == Some(&Value::Bool(true)));
    let names = match (config.get("feed_filenames"), config.get("feed_filename")) {
        (Some(names), _) => super::meta::strings(names),
        (None, Some(name)) => super::meta::strings(name),
        (None, None) => vec!["atom.xml".to_string()],
    };
    for name in names.iter().filter(|n| on && n.as_str() != crate::feeds::FEED_FILE) {
        let what = format!("Zola's feed /{name} (and each taxonomy's {name}) is");
        found.skipped.push((PathBuf::from(name), super::feeds_not_kept(&what)));
    }
}

/// Zola's folders careerpress has no use for as they are, with what to do instead.
const LEFT_DIRS: [(&str, &str); 3] = [
    ("templates", "Zola's Tera templates: careerpress's theme draws the pages; a template of your own goes in templates/ under careerpress's names (see the README); each shortcode template of templates/shortcodes/, and each component, that pages call is kept in templates/shortcodes/"),
    ("sass", "Sass that Zola compiled: compile it to CSS under static/, which careerpress copies"),
    ("themes", "a Zola theme: careerpress's default theme takes its place"),
];

/// How Zola made a URL segment of a name: `[slugify] paths` in its configuration.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Slugs {
    /// `on`, the default: ASCII by transliteration, lower-cased, `-` between words.
    On,
    /// `safe`: the name with the characters a file name cannot hold taken out.
    Safe,
    /// `off`: the name as written.
    Off,
}

impl Slugs {
    fn of(config: &Map<String, Value>) -> Slugs {
        let paths = config.get("slugify").and_then(|s| s.get("paths")).and_then(Value::as_str);
        match paths {
            Some("safe") => Slugs::Safe,
            Some("off") => Slugs::Off,
            _ => Slugs::On,
        }
    }

    fn apply(self, name: &str) -> String {
        match self {
            Slugs::On => ascii_slug(name),
            Slugs::Safe => {
                name.chars().filter(|c| !"<>:/|?*#\\\"^".contains(*c)).collect::<String>().trim().to_string()
            }
            Slugs::Off => name.to_string(),
        }
    }
}

/// Zola's default slug: each character as ASCII (`é` is `e`, `面` is `mian`), letters and
/// digits lower-cased, every other run of characters one `-`, none at either end.
pub(super) fn ascii_slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut push = |b: u8| {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    };
    for c in name.chars() {
        match c.is_ascii() {
            true => push(c as u8),
            false => deunicode::deunicode_char(c).unwrap_or("-").bytes().for_each(&mut push),
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// One file under `content/`: a page, a section's `_index.md`, or a file published
/// beside them (a bundle's image), which keeps its place.
/// What every file of `content/` is read against.
struct Tree<'a> {
    slugs: Slugs,
    /// The site's other languages (`[languages]`), whose pages are translations.
    languages: &'a [String],
}

fn read_content(src: &Path, rel: &Path, tree: &Tree<'_>, found: &mut Found) {
    let Tree { slugs, languages } = *tree;
    let under = rel.strip_prefix("content").unwrap_or(rel).to_path_buf();
    if !is_markdown(rel) {
        found.copies.push((rel.to_path_buf(), rel.to_path_buf()));
        return;
    }
    let name = under.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(why) = not_a_page(&under, languages) {
        return found.skipped.push((rel.to_path_buf(), why));
    }
    let Some(source) = read_source(src, rel, found) else { return };
    if name == "_index.md" {
        let meta = section_meta(source.meta);
        found.sections.push((rel.to_path_buf(), under, meta, source.body));
        return;
    }
    let dest = under.with_extension("md");
    let mut notes = Vec::new();
    let (mut front, zola) = ZolaKeys::take(source.meta);
    let named = dated_name(&super::page_place(&dest).1);
    if let Some((date, _)) = &named {
        if !front.contains_key("date") {
            front.insert("date".into(), Value::String(date.clone()));
            notes.push("date from the file name, as Zola read it".into());
        }
    }
    let mut meta = Meta::convert(&front);
    zola.apply(&mut meta);
    let written_slug = front.get("slug").and_then(Value::as_str);
    let undated = named.as_ref().map(|(_, rest)| rest.as_str());
    let old = match &zola.path {
        Some(path) => {
            notes.push(format!(
                "{PATH_NOTE}{path:?}`: careerpress publishes it in its section, with a redirect from there"
            ));
            format!("/{}/", path.trim_matches('/'))
        }
        None => old_url(&under, written_slug, undated, slugs),
    };
    // Found by its path in the old site, relative links from and to a page that moves
    // (`move_root_posts`) still reach what they reached.
    let refs = vec![slashed(rel)];
    let mut doc = Doc { old_urls: vec![old.clone()], refs, notes, ..Doc::new(rel, dest, meta, source.body) };
    // The URL Zola gave it stays its URL where careerpress's rule would give another.
    if zola.path.is_none() && super::new_url(&doc) != old {
        let slug = old.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
        if crate::content::validate_slug(slug).is_ok() {
            doc.meta.set("slug", Value::String(slug.to_string()));
        }
    }
    found.docs.push(doc);
}

/// Where careerpress keeps what Zola published otherwise: the undated pages of a section
/// it did not render at the top, the dated pages at the top in `posts/`, a bundle's other
/// pages beside it; and each page left in a section dated. The paths moved.
fn place_pages(src: &Path, found: &mut Found, bundles: &mut [PathBuf]) -> Vec<(String, String)> {
    let mut moved = move_unrendered_pages(found, bundles);
    date_section_pages(src, bundles, found);
    moved.extend(move_root_posts(src, found, bundles));
    moved.extend(bundle_pages_beside(found, bundles));
    moved
}

/// Dates each page in a section that has no date: careerpress's articles need one, where
/// Zola listed it without (a bundle at the top, and its other pages, are in none).
fn date_section_pages(src: &Path, bundles: &[PathBuf], found: &mut Found) {
    let history = &found.history;
    for doc in found.docs.iter_mut().filter(|d| !d.meta.has("date")) {
        let depth = doc.dest.components().count();
        let top_bundle = depth == 2 && bundles.iter().any(|b| doc.dest.starts_with(b));
        if depth > 1 && !top_bundle {
            let dated = history.day(src, &doc.source, When::Created);
            doc.meta.set("date", Value::String(dated.day));
            doc.notes.push(format!("no date (Zola listed it without one): dated by {}", dated.by));
        }
    }
}

/// A section with `render = false` only groups pages Zola published elsewhere (`path =
/// "about"`: tabi's, abridge's and terminimal's About, Contact and Privacy): Zola made no
/// page for the section, and its undated pages were in no list or feed. Each undated one
/// (a bundle with its files) moves to the top of `content/`, careerpress's place for
/// pages that are no posts, keeping its URL where its `path` is one name; one whose name
/// the top has already stays. A section left without pages is not imported. Returns the
/// paths moved, for `follow_moves`.
fn move_unrendered_pages(found: &mut Found, bundles: &mut [PathBuf]) -> Vec<(String, String)> {
    let unrendered: Vec<PathBuf> = found
        .sections
        .iter()
        .filter(|(_, under, meta, _)| meta.extra.get("render") == Some(&Value::Bool(false)) && under.parent().is_some())
        .filter_map(|(_, under, ..)| under.parent().filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf))
        .collect();
    let top = |p: &Path| super::top_name(p).unwrap_or_default();
    let mut taken: HashSet<String> = found.docs.iter().map(|d| top(&d.dest)).collect();
    taken.extend(found.sections.iter().map(|(_, under, ..)| top(under)));
    // Each page that moves, by its index in `docs`, with its section and new path.
    let mut moves: Vec<(usize, PathBuf, PathBuf)> = Vec::new();
    for (i, doc) in found.docs.iter().enumerate().filter(|(_, d)| !d.meta.has("date")) {
        let Some(section) = unrendered.iter().find(|s| {
            doc.dest.parent() == Some(s.as_path())
                || (doc.dest.ends_with("index.md") && doc.dest.parent().and_then(Path::parent) == Some(s.as_path()))
        }) else {
            continue;
        };
        let to = doc.dest.strip_prefix(section).unwrap_or(&doc.dest).to_path_buf();
        if taken.insert(top(&to)) {
            moves.push((i, section.clone(), to));
        }
    }
    let mut moved = Vec::new();
    for (i, section, to) in moves {
        let before = std::mem::replace(&mut found.docs[i].dest, to);
        if before.ends_with("index.md") {
            // The bundle's folder moves whole: its files, and its other pages.
            let from = before.parent().unwrap_or(&section).to_path_buf();
            let folder_to = found.docs[i].dest.parent().unwrap_or(Path::new("")).to_path_buf();
            super::move_bundle_copies(&mut found.copies, &from, &folder_to);
            for doc in found.docs.iter_mut().filter(|d| d.dest.starts_with(&from)) {
                let now = folder_to.join(doc.dest.strip_prefix(&from).unwrap_or(&doc.dest));
                moved.push((slashed(&doc.dest), slashed(&now)));
                doc.dest = now;
            }
            for b in bundles.iter_mut().filter(|b| **b == from) {
                *b = folder_to.clone();
            }
        }
        at_the_top(&mut found.docs[i], &section);
        moved.push((slashed(&before), slashed(&found.docs[i].dest)));
    }
    leave_emptied_sections(found, &unrendered);
    moved
}

/// A page moved to the top out of `section`: its one-name `path` stays its URL, and the
/// report says why it moved.
fn at_the_top(doc: &mut Doc, section: &Path) {
    let old = doc.old_urls.first().cloned().unwrap_or_default();
    let name = old.trim_matches('/');
    if super::new_url(doc) != old && !name.contains('/') && crate::content::validate_slug(name).is_ok() {
        doc.meta.set("slug", Value::String(name.to_string()));
    }
    doc.notes.retain(|n| !n.starts_with(PATH_NOTE));
    doc.notes.push(format!(
        "an undated page of {}/, a section Zola did not render (`render = false`) → a page at the top of \
         content/: in no list or feed, as in Zola",
        slashed(section)
    ));
}

/// Leaves out each section of `unrendered` that no page is left in.
fn leave_emptied_sections(found: &mut Found, unrendered: &[PathBuf]) {
    let emptied = |under: &Path| {
        under
            .parent()
            .is_some_and(|s| unrendered.iter().any(|u| u == s) && !found.docs.iter().any(|d| d.dest.starts_with(s)))
    };
    let (left, kept): (Vec<_>, Vec<_>) =
        std::mem::take(&mut found.sections).into_iter().partition(|(_, under, ..)| emptied(under));
    found.sections = kept;
    for (source, ..) in left {
        found.skipped.push((
            source,
            "a section Zola did not render (`render = false`), with no page left in it (any it had moved to the \
             top of content/)"
                .into(),
        ));
    }
}

/// The start of the note on a page whose `path` careerpress keeps as a redirect.
const PATH_NOTE: &str = "`path = ";

/// The section that pages at the top of `content/` move into when they were posts.
const ROOT_POSTS: &str = "posts";

/// Zola lists the root section's pages on the home page like any section's, and blog
/// themes keep their posts there (terminimal, after-dark, kita); in careerpress a file at
/// the top of `content/` is a page, in no list or feed, its date and tags unused. Each
/// dated one moves into `posts/` (a bundle with its files) where the root section sorted
/// its pages by date or the page has tags: it keeps its old URL as a redirect, and the
/// `@/` links to it follow it (`follow_moves`, given the paths it returns). A moved
/// bundle takes its files and other pages along (`bundles` follows); a name `posts/`
/// holds already gets `-2`, `-3`…, so that the post there keeps its own.
fn move_root_posts(src: &Path, found: &mut Found, bundles: &mut [PathBuf]) -> Vec<(String, String)> {
    let root_by_date =
        found.sections.iter().any(|(_, under, meta, _)| under == Path::new("_index.md") && meta.has("sort"));
    let mut taken: HashSet<PathBuf> = found.docs.iter().map(|d| d.dest.clone()).collect();
    let mut moved: Vec<(String, String)> = Vec::new();
    for i in 0..found.docs.len() {
        let doc = &found.docs[i];
        let depth = doc.dest.components().count();
        let bundle = depth == 2 && doc.dest.file_name().is_some_and(|n| n == "index.md");
        let a_post = doc.meta.has("date") && (root_by_date || !doc.meta.tags.is_empty());
        if !(depth == 1 || bundle) || !a_post {
            continue;
        }
        let before = doc.dest.clone();
        let (from, to) = free_place(&before, bundle, &mut taken);
        let Some(from) = from.filter(|_| bundle) else {
            found.docs[i].dest = to.clone();
            moved.push((slashed(&before), slashed(&to)));
            found.docs[i].notes.push(root_post_note());
            continue;
        };
        // The bundle's folder moves whole: its page, its other pages, its files.
        let folder_to = to.parent().unwrap_or(Path::new(ROOT_POSTS)).to_path_buf();
        let history = &found.history;
        for doc in found.docs.iter_mut().filter(|d| d.dest.starts_with(&from)) {
            let now = folder_to.join(doc.dest.strip_prefix(&from).unwrap_or(&doc.dest));
            moved.push((slashed(&doc.dest), slashed(&now)));
            doc.dest = now;
            doc.notes.push(root_post_note());
            // Now an article, as its bundle's page is.
            if !doc.meta.has("date") {
                let dated = history.day(src, &doc.source, When::Created);
                doc.meta.set("date", Value::String(dated.day));
                doc.notes.push(format!("no date (Zola listed it without one): dated by {}", dated.by));
            }
        }
        super::move_bundle_copies(&mut found.copies, &from, &folder_to);
        for b in bundles.iter_mut().filter(|b| **b == from) {
            *b = folder_to.clone();
        }
    }
    moved
}

fn root_post_note() -> String {
    format!(
        "a dated page at the top of content/, which Zola listed as a post: moved into {ROOT_POSTS}/, with a \
         redirect from its old URL"
    )
}

/// Where the page at `before` (a bundle's `x/index.md` when `bundle`) moves in `posts/`:
/// the bundle's folder (Some) and the page's new path, with `-2`, `-3`… after its name
/// where `taken` (which it joins) has one.
fn free_place(before: &Path, bundle: bool, taken: &mut HashSet<PathBuf>) -> (Option<PathBuf>, PathBuf) {
    let folder = before.parent().filter(|_| bundle).map(Path::to_path_buf);
    let name = |n: usize| {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        match &folder {
            Some(f) => Path::new(ROOT_POSTS).join(format!("{}{suffix}", f.to_string_lossy())).join("index.md"),
            None => {
                let stem = before.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                Path::new(ROOT_POSTS).join(format!("{stem}{suffix}.md"))
            }
        }
    };
    let mut n = 1;
    while taken.contains(&name(n))
        || (bundle && taken.iter().any(|t| t.starts_with(name(n).parent().unwrap_or(Path::new("")))))
    {
        n += 1;
    }
    let to = name(n);
    taken.insert(to.clone());
    (folder, to)
}

/// A page bundle (`posts/list/index.md`) holding another Markdown file (`page2.md`),
/// which Zola published as a page of its own under the bundle's URL
/// (`/posts/list/page2/`): careerpress's bundle holds one page, so it moves beside the
/// bundle (`posts/list-page2.md`), its old URL a redirect, its links to the bundle's
/// files pointing into the bundle. Returns the paths moved, for `follow_moves`.
fn bundle_pages_beside(found: &mut Found, bundles: &[PathBuf]) -> Vec<(String, String)> {
    let content = Path::new("content");
    let copied: HashSet<&PathBuf> = found.copies.iter().map(|(_, to)| to).collect();
    let mut moved = Vec::new();
    for doc in &mut found.docs {
        let Some(bundle) =
            bundles.iter().find(|b| doc.dest.starts_with(b) && doc.dest.file_name() != Some("index.md".as_ref()))
        else {
            continue;
        };
        let (Some(parent), Some(name)) = (bundle.parent(), bundle.file_name()) else { continue };
        let inside = doc.dest.strip_prefix(bundle).unwrap_or(&doc.dest);
        let flat = format!("{}-{}", name.to_string_lossy(), slashed(inside).replace('/', "-"));
        let before = std::mem::replace(&mut doc.dest, parent.join(flat));
        // A file of the bundle, named from inside it, is now named from beside it.
        let folder = before.parent().unwrap_or(bundle);
        let in_bundle = |dest: &str| {
            let (path, suffix) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
            let path = path.strip_prefix("./").unwrap_or(path);
            let plain = !path.is_empty() && !path.starts_with(['/', '@', '.']) && !path.contains(':');
            let beside = plain && copied.contains(&content.join(folder).join(path));
            let from_beside = Path::new(name).join(folder.strip_prefix(bundle).unwrap_or(Path::new(""))).join(path);
            beside.then(|| format!("{}{suffix}", slashed(&from_beside)))
        };
        let (text, count) = super::relink::rewrite(&doc.body, &in_bundle, &in_bundle);
        if count > 0 {
            doc.body = text;
        }
        doc.notes.push(format!(
            "a second page in the bundle {}/: moved beside it, with a redirect from its old URL (a careerpress \
             bundle holds one page)",
            slashed(bundle)
        ));
        moved.push((slashed(&before), slashed(&doc.dest)));
    }
    moved
}

/// `@/` links, in every page and section introduction, to the pages at the first of each
/// pair of `moved` made to their new place, the second (a page moved twice, first
/// out of a bundle at the top of `content/` then into `posts/`, followed to the end).
fn follow_moves(found: &mut Found, moved: &[(String, String)]) {
    if moved.is_empty() {
        return;
    }
    let last = |first: &str| {
        let mut now = first;
        // Each move is of another page, so a chain is never longer than the list.
        for _ in 0..moved.len() {
            match moved.iter().find(|(was, _)| was == now) {
                Some((_, next)) => now = next,
                None => break,
            }
        }
        now.to_string()
    };
    let follow = |dest: &str| {
        let path = dest.strip_prefix("@/")?;
        let (file, suffix) = path.split_at(path.find(['#', '?']).unwrap_or(path.len()));
        moved.iter().any(|(was, _)| was == file).then(|| format!("@/{}{suffix}", last(file)))
    };
    let bodies = found.docs.iter_mut().map(|d| &mut d.body).chain(found.sections.iter_mut().map(|s| &mut s.3));
    for body in bodies {
        let (text, count) = super::relink::rewrite(body, &follow, &follow);
        if count > 0 {
            *body = text;
        }
    }
}

/// Why a Markdown file of `content/` is not imported as a page: a translation; None for
/// a page.
fn not_a_page(under: &Path, languages: &[String]) -> Option<String> {
    let stem = under.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some((_, lang)) = stem.rsplit_once('.').filter(|(_, lang)| languages.iter().any(|l| l == lang)) {
        return Some(format!("a translation ({lang}): a careerpress site has one language, the default one"));
    }
    None
}

/// What of a Zola page's front matter careerpress reads in its own way: `[taxonomies]`
/// (tags, and categories folded into them), `[extra]` (careerpress's `extra`), and `path`
/// (a URL of its own, which becomes a redirect).
struct ZolaKeys {
    taxonomies: Map<String, Value>,
    extra: Map<String, Value>,
    path: Option<String>,
}

impl ZolaKeys {
    fn take(mut front: Map<String, Value>) -> (Map<String, Value>, ZolaKeys) {
        let mut table = |key: &str| match front.remove(key) {
            Some(Value::Object(map)) => map,
            Some(other) => Map::from_iter([(key.to_string(), other)]),
            None => Map::new(),
        };
        let (taxonomies, extra) = (table("taxonomies"), table("extra"));
        let path = match front.remove("path") {
            Some(Value::String(path)) => Some(path),
            Some(other) => {
                front.insert("path".into(), other);
                None
            }
            None => None,
        };
        (front, ZolaKeys { taxonomies, extra, path })
    }

    fn apply(&self, meta: &mut Meta) {
        // Tags first, then categories, whatever order the table is read in.
        let rank = |name: &str| match name {
            "tags" => 0,
            "categories" => 1,
            _ => 2,
        };
        let mut taxonomies: Vec<(&String, &Value)> = self.taxonomies.iter().collect();
        taxonomies.sort_by_key(|(name, _)| rank(name));
        for (name, terms) in taxonomies {
            match name.as_str() {
                "tags" => meta.add_tags(terms),
                "categories" => {
                    meta.add_tags(terms);
                    meta.notes.push("`taxonomies.categories` → tags".into());
                }
                other => {
                    let kept = meta.extra.entry("taxonomies").or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(kept) = kept {
                        kept.insert(other.to_string(), terms.clone());
                    }
                    meta.notes.push(format!("taxonomy `{other}` kept under extra.taxonomies: careerpress has tags"));
                }
            }
        }
        for (key, value) in &self.extra {
            if meta.extra.contains_key(key) {
                meta.notes.push(format!("`extra.{key}` left out: a front matter key of that name is under extra"));
            } else {
                meta.extra.insert(key.clone(), value.clone());
            }
        }
    }
}

/// The date and the rest of a file name that starts with one, as Zola reads it: a day
/// (`2024-03-01`), or a day and a time (`2024-03-01T09:30:00Z`, seconds' fractions and an
/// offset allowed), then a space at most, then `_` or `-`.
pub(super) fn dated_name(name: &str) -> Option<(String, String)> {
    let day = name.get(..10).filter(|d| crate::dates::parse_date(d).is_ok())?;
    let mut rest = &name[10..];
    let mut date = day.to_string();
    if let Some(after_t) = rest.strip_prefix('T') {
        let time = zola_time(after_t)?;
        date = format!("{day}T{}", &after_t[..time]);
        rest = &after_t[time..];
    }
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let rest = rest.strip_prefix(['_', '-']).filter(|r| !r.is_empty())?;
    Some((date, rest.to_string()))
}

/// How long the time at the start of `text` is: `HH:MM:SS`, then `.` and digits, then `Z`
/// or `±HH:MM`; None when it does not start with one.
fn zola_time(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let digits = |at: usize, n: usize| b.get(at..at + n).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(digits(0, 2) && b.get(2) == Some(&b':') && digits(3, 2) && b.get(5) == Some(&b':') && digits(6, 2)) {
        return None;
    }
    let mut end = 8;
    if b.get(end) == Some(&b'.') && digits(end + 1, 1) {
        end += 1;
        while b.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
    }
    match b.get(end) {
        Some(b'Z') => end += 1,
        Some(b'+' | b'-') if digits(end + 1, 2) && b.get(end + 3) == Some(&b':') && digits(end + 4, 2) => end += 6,
        _ => {}
    }
    Some(end)
}

/// Where Zola published a page without a `path` of its own: its section's path and its
/// slug (its `slug`, else its file's name without a date, each made a URL segment as
/// `[slugify] paths` says).
fn old_url(under: &Path, slug: Option<&str>, undated: Option<&str>, slugs: Slugs) -> String {
    let dest = under.with_extension("md");
    let (folder, name) = super::page_place(&dest);
    let slug = slugs.apply(slug.or(undated).unwrap_or(&name));
    let folder = folder.to_string_lossy().replace('\\', "/");
    if folder.is_empty() {
        format!("/{slug}/")
    } else {
        format!("/{folder}/{slug}/")
    }
}

/// A section's `_index.md`: `title`, `description` and `paginate_by` as careerpress reads
/// them, `sort_by = "date"` as its newest-first order; the rest, `[extra]`'s entries
/// among them, kept under `extra`, with a note where Zola did what careerpress does not.
fn section_meta(source: Map<String, Value>) -> Meta {
    let mut meta = Meta::default();
    for (key, value) in source {
        match (key.as_str(), &value) {
            ("title" | "description", Value::String(_)) => meta.set(&key, value),
            ("paginate_by", Value::Number(n)) if n.as_u64().is_some_and(|n| n > 0) => meta.set(&key, value),
            // Zola's date order is careerpress's default, written out: the root section's
            // says its pages were a blog's posts (`move_root_posts`).
            ("sort_by", Value::String(s)) if s == "date" => meta.set("sort", Value::String("newest-first".into())),
            ("aliases", Value::Array(_)) => meta.aliases = super::meta::strings(&value),
            ("extra", Value::Object(extra)) => {
                for (k, v) in extra {
                    meta.extra.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
            _ => {
                if let Some(why) = section_note(&key, &value) {
                    meta.notes.push(why);
                }
                meta.extra.insert(key, value);
            }
        }
    }
    meta
}

/// What to tell of a section setting careerpress keeps under `extra` only.
fn section_note(key: &str, value: &Value) -> Option<String> {
    match key {
        "sort_by" => Some(format!(
            "`sort_by = {value}` kept under extra: careerpress lists a section by date (`sort: newest-first` or \
             `oldest-first`)"
        )),
        "redirect_to" => Some("`redirect_to` kept under extra: make the redirect by hand".into()),
        "transparent" => Some("`transparent` kept under extra: the section's pages are listed in it alone".into()),
        "render" if value == &Value::Bool(false) => {
            Some("`render = false` kept under extra: careerpress publishes the section's page".into())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zola_slugs_are_ascii_by_default_and_as_written_otherwise() {
        assert_eq!(ascii_slug("Café Übung: 2024!"), "cafe-ubung-2024");
        assert_eq!(ascii_slug("  -Hello_World-  "), "hello-world");
        assert_eq!(ascii_slug("面接"), "mian-jie");
        assert_eq!(Slugs::Safe.apply(" Café: Übung? "), "Café Übung");
        assert_eq!(Slugs::Off.apply("My Offer"), "My Offer");
        let config = |paths: &str| Map::from_iter([("slugify".to_string(), serde_json::json!({ "paths": paths }))]);
        assert_eq!(Slugs::of(&config("safe")), Slugs::Safe);
        assert_eq!(Slugs::of(&config("off")), Slugs::Off);
        assert_eq!(Slugs::of(&config("on")), Slugs::On);
        assert_eq!(Slugs::of(&Map::new()), Slugs::On);
    }

    #[test]
    fn a_date_in_a_file_name_is_read_as_zola_reads_it() {
        assert_eq!(dated_name("2024-03-01_first-job"), Some(("2024-03-01".into(), "first-job".into())));
        assert_eq!(dated_name("2024-03-01-first-job"), Some(("2024-03-01".into(), "first-job".into())));
        assert_eq!(dated_name("2024-03-01T09:30:00Z_x"), Some(("2024-03-01T09:30:00Z".into(), "x".into())));
        assert_eq!(dated_name("2024-03-01T09:30:00-05:00-x"), Some(("2024-03-01T09:30:00-05:00".into(), "x".into())));
        for plain in [
            "first-job",
            "2024-13-01_x",
            "2024-03-01",
            "2024-03-01_",
            "2024-03-01x",
            "2024-03-01 negotiation",
            "2024-03-01Tnews_x",
        ] {
            assert_eq!(dated_name(plain), None, "{plain}");
        }
    }

    #[test]
    fn old_urls_follow_slug_and_file_name() {
        let url = |under: &str, slug: Option<&str>, undated: Option<&str>| {
            old_url(Path::new(under), slug, undated, Slugs::On)
        };
        assert_eq!(url("blog/Über uns.md", None, None), "/blog/uber-uns/");
        assert_eq!(url("blog/trip/index.md", None, None), "/blog/trip/");
        assert_eq!(url("about.md", Some("Who We Are"), None), "/who-we-are/");
        assert_eq!(url("blog/2024-03-01_x.md", None, Some("x")), "/blog/x/");
        assert_eq!(url("blog/2024-03-01_x.md", Some("y"), Some("x")), "/blog/y/");
    }

    #[test]
    fn taxonomies_become_tags_and_extra_becomes_extra() {
        let front = serde_json::json!({
            "title": "T",
            "weight": 3,
            "taxonomies": { "tags": ["cv", "offers"], "categories": ["Career"], "series": ["Basics"] },
            "extra": { "toc": true, "weight": 9 }
        });
        let Value::Object(front) = front else { unreachable!() };
        let (front, zola) = ZolaKeys::take(front);
        let mut meta = Meta::convert(&front);
        zola.apply(&mut meta);
        assert_eq!(meta.tags, ["cv", "offers", "Career"]);
        assert_eq!(meta.extra["taxonomies"], serde_json::json!({ "series": ["Basics"] }));
        assert_eq!((&meta.extra["toc"], &meta.extra["weight"]), (&Value::Bool(true), &Value::from(3)));
        assert!(meta.notes.iter().any(|n| n.contains("`extra.weight` left out")), "{:?}", meta.notes);
    }

    #[test]
    fn sections_keep_what_careerpress_reads_and_say_what_it_does_not() {
        let source = serde_json::json!({
            "title": "Blog", "sort_by": "date", "paginate_by": 5, "template": "blog.html",
            "extra": { "hero": "x.png" }
        });
        let Value::Object(source) = source else { unreachable!() };
        let meta = section_meta(source);
        assert_eq!((meta.get("title"), meta.has("sort_by")), (Some("Blog"), false));
        assert!(meta.has("paginate_by"));
        assert_eq!((&meta.extra["template"], &meta.extra["hero"]), (&Value::from("blog.html"), &Value::from("x.png")));
        let weighted = Map::from_iter([("sort_by".to_string(), Value::from("weight"))]);
        assert!(section_meta(weighted).notes[0].contains("by date"));
    }
}
