//! `careerpress import jekyll|hugo|zola|eleventy SRC`: brings an existing blog in. A reader
//! per generator (`jekyll`, `hugo`, `zola`, `eleventy`) lists the source's documents, static files and data; this
//! module converts each document (`meta` for front matter, `body` for Liquid and
//! shortcodes), works out which old URLs need a redirect, refuses to overwrite anything
//! unless told to, and reports file by file what it converted and what it left.

mod body;
mod cover;
mod dead_links;
mod eleventy;
mod emoji;
mod footnotes;
mod heading_ids;
mod history;
mod hugo;
mod hugo_dates;
mod jekyll;
mod jekyll_defaults;
mod kramdown;
mod linkify;
mod loose_dates;
mod meta;
mod printed;
mod relink;
mod zola;
mod zola_components;
mod zola_shortcodes;

use crate::cli::{ImportArgs, ImportFrom};
use crate::config::Config;
use crate::content::{section_path, slugify};
use crate::error::printable;
use anyhow::{bail, Context as _, Result};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// An article or page to convert, as a reader found it.
pub struct Doc {
    /// Relative to the source site, for the report.
    pub source: PathBuf,
    /// Relative to `content/`: `posts/welcome.md`, `posts/bundle/index.md`, `about.md`.
    pub dest: PathBuf,
    pub meta: meta::Meta,
    pub body: String,
    /// Where the old generator published it, when careerpress will not (each becomes an alias).
    pub old_urls: Vec<String>,
    /// Names other documents may use for it (`{% post_url %}`, `{{< ref >}}`).
    pub refs: Vec<String>,
    pub notes: Vec<String>,
}

impl Doc {
    /// A document whose front matter is converted; old URLs, refs and notes come after.
    pub fn new(source: &Path, dest: PathBuf, meta: meta::Meta, body: String) -> Doc {
        Doc {
            source: source.to_path_buf(),
            dest,
            meta,
            body,
            old_urls: Vec::new(),
            refs: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// What a reader found in a source site.
#[derive(Default)]
pub struct Found {
    pub title: Option<String>,
    pub base_url: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    /// The site's author, who wrote the articles that name nobody.
    pub author: Option<String>,
    /// The site's free-form values its templates read (Zola's `[extra]`).
    pub extra: Option<toml::Table>,
    pub docs: Vec<Doc>,
    /// A section's `_index.md` as careerpress writes it, by path relative to `content/`.
    pub sections: Vec<(PathBuf, PathBuf, meta::Meta, String)>,
    /// Files copied as they are: (source path relative to SRC, destination relative to the site root).
    pub copies: Vec<(PathBuf, PathBuf)>,
    /// Files not imported, with why.
    pub skipped: Vec<(PathBuf, String)>,
    /// How the old generator made heading ids (None: it made none, or by a rule not known here).
    pub heading_ids: Option<heading_ids::OldIds>,
    /// How it named footnotes (None: it made none, or by a rule not known here).
    pub footnotes: Option<footnotes::OldNotes>,
    /// The template syntax it ran over every body before its Markdown.
    pub syntax: body::Syntax,
    /// Whether its Markdown was kramdown, whose extensions (`{::comment}`) bodies may hold.
    pub kramdown: bool,
    /// kramdown's `parse_block_html`: Markdown inside every HTML block was Markdown.
    pub kramdown_block_markdown: bool,
    /// Whether its Markdown made a link of every bare URL (Hugo's `linkify`, on unless
    /// turned off; markdown-it's `linkify: true`): the protocol given `www.` ones.
    pub linkify: Option<String>,
    /// Whether its Markdown drew emoji codes (`:tada:`) as emoji.
    pub emoji: bool,
    /// Hugo's folder of global resources (`assets`), whose files it published at their
    /// path there when a page or its theme used one: copied to `static/` (images only),
    /// and what a relative link names when it reaches nothing else.
    pub resources: Option<String>,
    /// When each file was written and last changed: the date of a document its
    /// generator showed without one, since careerpress's articles need one.
    pub history: history::History,
    /// What made the old site publish documents dated after the day it was built (Zola
    /// and Eleventy always did, Jekyll with `future: true`, Hugo with `buildFuture`);
    /// careerpress waits for their day, so each is noted. None: it waited too.
    pub published_future: Option<&'static str>,
    /// Documents that only sent readers elsewhere: their old URLs become site.toml's
    /// `[redirects]`.
    pub redirects: Vec<FoundRedirect>,
    /// The old site's header links, in order, where its settings named them.
    pub menu: Vec<FoundMenu>,
    /// The names of its header links inside a drop-down (under a `parent`), which
    /// careerpress's header does not have: for the report.
    pub menu_children: Vec<String>,
    /// What its Liquid could print in a body besides the page's own front matter (None:
    /// its bodies printed no values: Hugo's and Zola's ran no templates).
    pub values: Option<printed::Values>,
    /// The names a page left out as the old site's 404 page was referred to by, which now
    /// name careerpress's own `/404.html`.
    pub not_found_names: Vec<String>,
    /// Hugo: the shortcodes the site or a theme defines, which take the place of Hugo's
    /// own of the same name (`details`, `x`): none of those is rewritten as Hugo's. Each
    /// by name, with its template (from the source folder), which a stand-in quotes.
    pub own_shortcodes: BTreeMap<String, PathBuf>,
    /// Zola 0.23: the components its templates define, by name (each also among
    /// `own_shortcodes`, with the file that defines it).
    pub components: BTreeMap<String, zola_components::Component>,
    /// Which plain words its YAML reader took as true and false (Jekyll's `published: no`).
    pub booleans: crate::yaml::Booleans,
}

/// One header link of the old site: its text (None: the title of the page it names) and
/// what it names: a URL as written (an old URL of a page follows the page), or a page by
/// a name its documents are referred to by (`about.md`, Hugo's `pageRef = "/about"`).
pub struct FoundMenu {
    pub name: Option<String>,
    pub url: Option<String>,
    pub page: Option<String>,
}

/// A document of the old site that was only a redirect (jekyll-redirect-from's
/// `redirect_to`): no page of its own, and each URL it answered at sends readers on.
pub struct FoundRedirect {
    pub source: PathBuf,
    /// Where it was published, and its `redirect_from` (as `Doc::old_urls` and aliases).
    pub from: Vec<String>,
    pub to: String,
    /// What the reader noted of it (an old URL it could not make), for the report.
    pub notes: Vec<String>,
}

impl Found {
    /// What a new site for the import starts with: what the old site said about itself.
    fn starter<'a>(
        &'a self,
        redirects: &'a [(String, String)],
        menu: &'a [(String, String)],
    ) -> crate::scaffold::Starter<'a> {
        crate::scaffold::Starter {
            title: self.title.as_deref(),
            base_url: self.base_url.as_deref(),
            description: self.description.as_deref(),
            language: self.language.as_deref(),
            author: self.author.as_deref(),
            redirects,
            menu,
            extra: self.extra.as_ref(),
        }
    }
}

/// One file the import writes.
enum Content {
    Text(String),
    Copy(PathBuf),
}

/// What happened to one source file, for the report.
struct Line {
    source: PathBuf,
    dest: PathBuf,
    done: Vec<String>,
    left: Vec<(usize, String)>,
}

/// `careerpress import`: reads, converts, checks for clashes, writes (unless `--dry-run`)
/// and reports.
pub fn run(args: &ImportArgs) -> Result<()> {
    let src = &args.src;
    let mut found = read_old_site(args)?;
    let root = &args.site.root;
    let new_site = !root.join(crate::config::CONFIG_FILE).is_file();
    if new_site && root.is_dir() && fs::read_dir(root).map(|mut d| d.next().is_some()).unwrap_or(true) {
        bail!(
            "{}: not a careerpress site (no site.toml) and not empty: import into a careerpress site, \
             or into an empty or new folder, which gets a new site first",
            printable(root)
        );
    }
    pages_over_folders(&mut found);
    leave_not_found_pages(&mut found);
    let base_path = found.base_url.as_deref().map_or("", old_base_path);
    let docs = std::mem::take(&mut found.docs);
    let config = settings(&found, root, new_site)?;
    let Converted { files, lines, redirects, menu, mut menu_left } =
        convert(docs, &found, src, base_path, config.as_ref());
    menu_left.extend(found.menu_children.iter().map(|name| {
        format!("`{name}`: in a drop-down (under its `parent`), which careerpress's header does not have")
    }));
    let clashes: Vec<&PathBuf> = files.keys().filter(|rel| root.join(rel).exists()).collect();
    print_report(&lines, &found.skipped, &menu_left);
    if new_site && found.base_url.is_none() {
        outln!("{}", no_address_note(args.from));
    }
    let summary = summary(&files, args, root);
    if !clashes.is_empty() && !args.force {
        for c in &clashes {
            errln!("exists: {}", printable(&root.join(c)));
        }
        bail!(
            "{} of the files to write already exist in {}; nothing was written. Move them away, or run again \
             with --force to overwrite them",
            clashes.len(),
            printable(root)
        );
    }
    if args.dry_run {
        outln!("{summary} (dry run: nothing was written)");
        return Ok(());
    }
    if new_site {
        crate::scaffold::init_for_import(root, &found.starter(&redirects, &menu))?;
        outln!("Created a new careerpress site in {}", printable(root));
    }
    write(root, &files)?;
    if !new_site {
        let extra = found.extra.as_ref().and_then(crate::scaffold::extra_table);
        print_settings_to_add(&differing_settings(&found, root), extra, &redirects, &menu);
    }
    outln!("{summary}");
    outln!("Next: careerpress build --root {}   (it names anything left to fix)", printable(root));
    Ok(())
}

/// For a site that was there: the lines to add to its site.toml by hand, top-level keys
/// first as TOML needs, when there are any.
fn print_settings_to_add(
    differing: &[String],
    extra: Option<String>,
    redirects: &[(String, String)],
    menu: &[(String, String)],
) {
    let tables = extra.unwrap_or_default() + &crate::scaffold::settings_tables(redirects, menu);
    if differing.is_empty() && tables.is_empty() {
        return;
    }
    outln!(
        "note: the site was there already, so its site.toml was left as it is: set these in it by hand (each key \
         in place of the one it has, the [extra] keys inside its [extra], the tables at its end):"
    );
    for line in differing {
        outln!("{line}");
    }
    if !tables.is_empty() {
        outln!("{}", tables.trim_end());
    }
}

/// The old site's settings that the site.toml of the site imported into gives otherwise
/// (`careerpress init` then `import`: the title and address are init's), each as the line
/// that would set it, with what site.toml has now in a comment; none when it does not load.
fn differing_settings(found: &Found, root: &Path) -> Vec<String> {
    let Ok(config) = Config::load(root) else { return Vec::new() };
    let old = found.starter(&[], &[]);
    let quoted = |v: &str| toml::Value::String(v.to_string()).to_string();
    let keys = [
        ("title", old.title, &config.title),
        ("base_url", old.base_url, &config.base_url),
        ("description", old.description, &config.description),
        ("language", old.language, &config.language),
        ("author", old.author, &config.author),
    ];
    keys.into_iter()
        .filter_map(|(key, old, now)| {
            let old = old.filter(|old| old.trim_end_matches('/') != now.trim_end_matches('/'))?;
            Some(format!("{key} = {}   # site.toml has {}", quoted(old), quoted(now)))
        })
        .collect()
}

/// The old site, as its generator's reader finds it.
fn read_old_site(args: &ImportArgs) -> Result<Found> {
    let src = &args.src;
    if !src.is_dir() {
        bail!("{}: no such folder: give the {} site's folder", printable(src), name(args.from));
    }
    match args.from {
        ImportFrom::Jekyll => jekyll::read(src),
        ImportFrom::Hugo => hugo::read(src),
        ImportFrom::Zola => zola::read(src),
        ImportFrom::Eleventy => eleventy::read(src),
    }
}

/// What the report says when the old site names no address of its own.
fn no_address_note(from: ImportFrom) -> String {
    format!(
        "note: the {} site names no address of its own, so site.toml's base_url is https://example.org/: set it \
         to the site's address before publishing (feeds, the sitemap and link previews use it), or build with \
         --base-url",
        name(from)
    )
}

fn name(from: ImportFrom) -> &'static str {
    match from {
        ImportFrom::Jekyll => "Jekyll",
        ImportFrom::Hugo => "Hugo",
        ImportFrom::Zola => "Zola",
        ImportFrom::Eleventy => "Eleventy",
    }
}

fn summary(files: &BTreeMap<PathBuf, Content>, args: &ImportArgs, root: &Path) -> String {
    let content = files.keys().filter(|p| p.starts_with("content") && p.extension().is_some_and(|e| e == "md")).count();
    let other = files.len() - content;
    format!(
        "Imported {content} Markdown file{} and {other} other file{} from the {} site {} into {}",
        if content == 1 { "" } else { "s" },
        if other == 1 { "" } else { "s" },
        name(args.from),
        printable(&args.src),
        printable(root)
    )
}

/// The settings the site will have, for a Zola site, whose shortcodes are tried with them
/// (see `zola_shortcodes`); None for the others. An existing site's site.toml that does not
/// load then stops the import.
fn settings(found: &Found, root: &Path, new_site: bool) -> Result<Option<Config>> {
    if found.syntax != body::Syntax::Zola {
        return Ok(None);
    }
    let file = root.join(crate::config::CONFIG_FILE);
    let loaded = match new_site {
        true => Config::parse(&crate::scaffold::starter_settings(&found.starter(&[], &[])), &file),
        false => Config::load(root),
    };
    loaded.map(Some).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Every file to write, by path relative to the site root, and a report line per document:
/// `docs` (taken out of `found`) and the rest of what was `found`.
fn convert(mut docs: Vec<Doc>, found: &Found, src: &Path, base_path: &str, config: Option<&Config>) -> Converted {
    let Found { sections, copies, .. } = found;
    unique_dests(&mut docs);
    let links = LinkIndex::new(&docs, copies, base_path)
        .with_sections(sections)
        .with_not_found(&found.not_found_names)
        .with_resources(found.resources.as_deref());
    let mut menu_left = Vec::new();
    let menu = menu_entries(&found.menu, &docs, &links, &mut menu_left);
    let mut files = BTreeMap::new();
    let mut lines = Vec::new();
    let mut claimed: HashSet<String> = docs.iter().map(|d| normal_url(&new_url(d))).collect();
    // Where each page the old site published at a URL now is, for redirects to it.
    let moved: HashMap<String, String> =
        docs.iter().flat_map(|d| d.old_urls.iter().map(move |u| (url_key(u), new_url(d)))).collect();
    let mut bodies: Vec<(Doc, Body)> = Vec::with_capacity(docs.len());
    let today = crate::dates::today().ok();
    for mut doc in docs {
        let mut body = convert_body(&mut doc, &links, found);
        body.done.extend(found.published_future.zip(today).and_then(|(by, today)| future_note(&doc, by, today)));
        bodies.push((doc, body));
    }
    relink_footnotes(found, &mut bodies);
    let new_site = new_site(&bodies, sections, copies);
    let mut calls = SiteCalls::default();
    for (doc, mut body) in bodies {
        let old_url = doc.old_urls.first().cloned().unwrap_or_else(|| new_url(&doc));
        body.done.extend(new_site.fix(&mut body.text, &slashed(&doc.dest), &new_url(&doc), &old_url, base_path));
        calls.add(&body);
        let (dest, text, line) = finish_doc(doc, body, &mut claimed);
        files.insert(dest.clone(), Content::Text(text));
        lines.push(Line { dest, ..line });
    }
    // Where the old site published a section: its folder's URL, as careerpress's. No
    // alias may take one.
    let section_url =
        |dest: &PathBuf| format!("/{}", crate::content::section_path(&slashed(dest.parent().unwrap_or(dest))));
    claimed.extend(sections.iter().map(|(_, dest, ..)| normal_url(&section_url(dest))));
    for (source, dest, meta, body) in sections {
        let old_url = section_url(dest);
        let mut body = convert_text((body, meta), source, Some(&old_url), &links, found);
        body.done.extend(new_site.fix(&mut body.text, &slashed(dest), &old_url, &old_url, base_path));
        calls.add(&body);
        let mut done: Vec<String> = meta.notes.iter().cloned().chain(body.done).collect();
        let meta = section_aliases(meta, dest, &old_url, &mut claimed, &mut done);
        let (text, left) = with_front_matter(&meta.to_text().unwrap_or_default(), &body.text, body.left);
        let dest = Path::new(crate::content::CONTENT_DIR).join(dest);
        lines.push(Line { source: source.clone(), dest: dest.clone(), done, left });
        files.insert(dest, Content::Text(text));
    }
    files.extend(copies.iter().map(|(source, dest)| (dest.clone(), Content::Copy(src.join(source)))));
    for (dest, text, line) in calls.templates(found, src, config) {
        files.insert(dest, Content::Text(text));
        lines.push(line);
    }
    let redirects = site_redirects(&found.redirects, base_path, &moved, &mut claimed, &mut lines);
    Converted { files, lines, redirects, menu, menu_left }
}

/// The name at the top of `content/` that `under` (relative to it) takes: its first
/// folder, or its file's name without the extension; lowercased, as URLs are compared.
fn top_name(under: &Path) -> Option<String> {
    let first = Path::new(under.iter().next()?);
    let name = if under.components().count() > 1 { first.as_os_str() } else { first.file_stem()? };
    Some(name.to_string_lossy().to_lowercase())
}

/// Points the copies of the files under `from` (a page bundle's folder in `content/`)
/// at `to`, where the bundle's page moved.
fn move_bundle_copies(copies: &mut [(PathBuf, PathBuf)], from: &Path, to: &Path) {
    let (from, to) =
        (Path::new(crate::content::CONTENT_DIR).join(from), Path::new(crate::content::CONTENT_DIR).join(to));
    for (_, dest) in copies.iter_mut().filter(|(_, dest)| dest.starts_with(&from)) {
        *dest = to.join(dest.strip_prefix(&from).unwrap_or(dest));
    }
}

/// What the imported site will publish, for the relative links it could not follow.
fn new_site(
    bodies: &[(Doc, Body)],
    sections: &[(PathBuf, PathBuf, meta::Meta, String)],
    copies: &[(PathBuf, PathBuf)],
) -> dead_links::NewSite {
    let today = crate::dates::today().ok();
    let pages: Vec<dead_links::NewPage> = bodies
        .iter()
        .map(|(d, _)| dead_links::NewPage {
            path: slashed(&d.dest),
            url: new_url(d),
            left_out: today.is_some_and(|today| d.meta.left_out_on(today)),
        })
        .collect();
    let sections: Vec<String> = sections.iter().map(|(_, dest, ..)| slashed(dest)).collect();
    dead_links::NewSite::new(&pages, &sections, copies)
}

/// The site's own shortcodes the bodies call: the number of pages calling each, and a Zola
/// site's calls of each.
#[derive(Default)]
struct SiteCalls {
    pages: BTreeMap<String, usize>,
    zola: BTreeMap<String, zola_shortcodes::Seen>,
}

impl SiteCalls {
    fn add(&mut self, body: &Body) {
        body.site_shortcodes.iter().for_each(|n| *self.pages.entry(n.clone()).or_default() += 1);
        body.zola_calls.iter().for_each(|c| self.zola.entry(c.name.clone()).or_default().add(c));
    }

    /// A template for each: a Zola site's kept where careerpress can draw it, else a
    /// stand-in.
    fn templates(mut self, found: &Found, src: &Path, config: Option<&Config>) -> Vec<(PathBuf, String, Line)> {
        let mut out = Vec::new();
        for (name, pages) in std::mem::take(&mut self.pages) {
            let template = found.own_shortcodes.get(&name).map(|path| OldFile::of(path, src, &found.components, &name));
            out.push(match template {
                Some(template) if found.syntax == body::Syntax::Zola => {
                    let seen = self.zola.remove(&name).unwrap_or_default();
                    zola_shortcode(&name, pages, template, (&seen, config))
                }
                template => stand_in(&name, pages, template, OldTemplate::Hugo),
            });
        }
        out
    }
}

/// Points links at the old generator's footnote ids to careerpress's: links to another
/// page's footnotes need that page's body as written.
fn relink_footnotes(found: &Found, bodies: &mut [(Doc, Body)]) {
    let Some(rule) = &found.footnotes else { return };
    let notes = footnotes::Notes::new(rule.clone(), bodies.iter().map(|(d, b)| (at_link(&d.dest), b.text.as_str())));
    for (doc, body) in bodies {
        if let Some((text, note)) = notes.relink(&body.text, &at_link(&doc.dest)) {
            body.text = text;
            body.done.push(note);
        }
    }
}

/// The template that drew one of the old site's own shortcodes: the file, and what it
/// says (a Zola component's definition alone, where the file may hold many), or why it
/// could not be read.
struct OldFile<'a> {
    path: &'a Path,
    text: Result<String, String>,
    /// A Zola component's template as careerpress reads it (`Component::template`).
    component: Option<String>,
}

impl<'a> OldFile<'a> {
    fn of(path: &'a Path, src: &Path, components: &BTreeMap<String, zola_components::Component>, name: &str) -> Self {
        match components.get(name) {
            Some(c) => OldFile { path, text: Ok(c.definition.clone()), component: Some(c.template()) },
            None => {
                let text = fs::read(src.join(path)).map(|b| String::from_utf8_lossy(&b).into_owned());
                OldFile { path, text: text.map_err(|e| e.to_string()), component: None }
            }
        }
    }
}

/// How a stand-in (`stand_in`) starts, which `careerpress check` looks for.
pub const STAND_IN: &str = "A stand-in, written by `careerpress import`.";

/// Why an old site's shortcode template is not run as it is.
enum OldTemplate {
    /// Hugo's are Go templates.
    Hugo,
    /// A Zola site's Tera template that careerpress cannot draw as it is, and why.
    Zola(String),
}

impl OldTemplate {
    /// The stand-in's words for it: the old generator, why it is not run, what the old
    /// template called a pair's body, and what to do.
    fn words(&self) -> (&'static str, String, &'static str, &'static str) {
        match self {
            OldTemplate::Hugo => (
                "Hugo",
                "as a Go template, which careerpress does not run".to_string(),
                "Hugo's .Inner",
                "Rewrite it in Tera",
            ),
            // The old template is Tera already: it needs to do without Zola's own names.
            OldTemplate::Zola(why) => (
                "Zola",
                format!("which careerpress cannot draw as it is: {why}"),
                "Zola's body",
                "Rewrite it without what careerpress lacks",
            ),
        }
    }
}

/// One of a Zola site's own shortcodes, which `pages` call: its template kept for
/// careerpress (`zola_shortcodes::port`), or, where careerpress cannot draw it as it is, a
/// stand-in that says why.
fn zola_shortcode(
    name: &str,
    pages: usize,
    template: OldFile<'_>,
    (seen, config): (&zola_shortcodes::Seen, Option<&Config>),
) -> (PathBuf, String, Line) {
    let ported = match config {
        Some(config) => zola_shortcodes::port(name, &template, seen, config),
        None => Err("the site's settings were not known".to_string()),
    };
    let text = match ported {
        Ok(text) => text,
        Err(why) => return stand_in(name, pages, Some(template), OldTemplate::Zola(why)),
    };
    let dest = Path::new("templates").join(format!("{}{name}.html", crate::templates::SHORTCODES_DIR));
    let s = if pages == 1 { "" } else { "s" };
    let done = format!(
        "the site's shortcode `{name}`, called on {pages} page{s}, kept with its Tera template, which gets \
         Zola's names for its values, body and count (tried on each call)"
    );
    (dest.clone(), text, Line { source: template.path.to_path_buf(), dest, done: vec![done], left: Vec::new() })
}

/// A template for one of the old site's own shortcodes, which `pages` call, that
/// careerpress cannot run as it is (`old` says why): it shows a pair's body as it is, and
/// quotes the old template (None: a theme or module not in the source folder defined it)
/// for the person who rewrites it. The report says so.
fn stand_in(name: &str, pages: usize, template: Option<OldFile<'_>>, old: OldTemplate) -> (PathBuf, String, Line) {
    let dest = Path::new("templates").join(format!("{}{name}.html", crate::templates::SHORTCODES_DIR));
    let source = template.as_ref().map(|t| t.path.to_path_buf());
    let (drawn_with, old_text) = match template {
        Some(t) => (printable(t.path).to_string(), t.text.unwrap_or_default()),
        None => ("a theme or module the source folder does not hold".to_string(), String::new()),
    };
    let class = name.replace('/', "-");
    let quoted = match old_text.is_empty() {
        true => String::new(),
        false => format!("\n    The old template, for reference:\n\n{old_text}\n"),
    };
    let (site, why, inner, rewrite) = old.words();
    let comment = format!(
        "{STAND_IN} On the {site} site, {{{{< {name} >}}}} was drawn by\n    \
         {drawn_with},\n    \
         {why}. This one shows what stands between a\n    \
         pair's tags, and nothing for a call without a closing tag. {rewrite} to draw what\n    \
         the old one did: it gets shortcode.args (values given by name), shortcode.positional\n    \
         (values given by place), shortcode.body (the pair's body, as HTML), shortcode.inner\n    \
         (the body as written: {inner}) and shortcode.inline (true within a line of text).\n{quoted}"
    );
    // A Tera comment ends at the first `#}`: nothing in it (a path, the old text) may end it early.
    let text = format!(
        "{{#- {} -#}}\n\
         {{%- if shortcode.body and shortcode.inline %}}<span class=\"shortcode-{class}\">{{{{ shortcode.body | safe }}}}</span>\n\
         {{%- elif shortcode.body %}}<div class=\"shortcode-{class}\">{{{{ shortcode.body | safe }}}}</div>{{% endif -%}}\n",
        comment.replace("#}", "# }")
    );
    let (s, them) = if pages == 1 { ("", "it") } else { ("s", "them") };
    let done = match &old {
        OldTemplate::Hugo => format!(
            "a stand-in for the site's shortcode `{name}`, called on {pages} page{s}: it shows only a pair's body; \
             rewrite it in Tera to draw what the Go template of {drawn_with} drew for {them}"
        ),
        OldTemplate::Zola(why) => format!(
            "a stand-in for the site's shortcode `{name}`, called on {pages} page{s}: it shows only a pair's body, \
             since careerpress cannot draw the Tera template of {drawn_with} as it is ({why}); rewrite it to \
             draw what it drew for {them}"
        ),
    };
    let source = source.unwrap_or_else(|| PathBuf::from(format!("{{{{< {name} >}}}}")));
    let line = Line { source, dest: dest.clone(), done: vec![done], left: Vec::new() };
    (dest, text, line)
}

/// The old site's header links as site.toml's `[[menu]]`: (text, URL) each, a page's
/// where it is now. An entry the header cannot show (a page the import does not write,
/// a relative URL) is left out, and said why in `left`.
fn menu_entries(menu: &[FoundMenu], docs: &[Doc], links: &LinkIndex, left: &mut Vec<String>) -> Vec<(String, String)> {
    use relink::Places as _;
    let by_link: HashMap<String, &Doc> = docs.iter().map(|d| (at_link(&d.dest), d)).collect();
    let page = |link: Option<String>| link.and_then(|l| by_link.get(&l).copied());
    let mut entries = Vec::new();
    for m in menu {
        // A header's relative URL (`archives`, as PaperMod's settings write them) is read
        // from the site's root, as the themes made it.
        let from_root =
            |u: &str| if u.contains(':') || u.starts_with(['/', '#', '?']) { u.to_string() } else { format!("/{u}") };
        let written = m.url.as_deref().map(from_root);
        let by_name = m.page.as_deref().map(|p| links.by_name.get(p.trim_start_matches('/')).cloned());
        let by_url = written
            .as_deref()
            .filter(|u| u.starts_with('/'))
            .map(|u| links.document_published_at(u.trim_start_matches('/')));
        let doc = page(by_name.flatten().or(by_url.flatten()));
        if let Some(doc) = doc.filter(|d| d.meta.never_published) {
            let name = m.name.as_deref().or(doc.meta.get("title")).unwrap_or_default();
            left.push(format!("`{name}`: its page is a draft, which careerpress does not publish"));
            continue;
        }
        if let Some(doc) = doc {
            let title = doc.meta.get("title").map(str::to_string);
            let name = m.name.clone().or(title).unwrap_or_else(|| page_place(&doc.dest).1);
            // The old home page's text: careerpress's home page stands at its URL.
            let home = doc.old_urls.iter().any(|u| url_key(u).is_empty());
            entries.push((name, if home { "/".to_string() } else { new_url(doc) }));
            continue;
        }
        // A `pageRef` that names no page names a section (`/blog`), at its path; `/` the home page.
        let section = || {
            m.page
                .as_ref()
                .map(|p| p.trim_matches('/'))
                .map(|p| if p.is_empty() { "/".into() } else { format!("/{p}/") })
        };
        let url = written.or_else(section).unwrap_or_default();
        let label = m.name.as_deref().unwrap_or(&url);
        match (&m.name, crate::content::alias::link_target(&url, "/", "")) {
            (Some(name), Ok(_)) => entries.push((name.clone(), url)),
            (None, _) => {
                left.push(format!("`{label}`: it names no page the import writes, and has no name of its own"))
            }
            (Some(_), Err(_)) => left.push(format!(
                "`{label}` (`{url}`): not a URL the header can link to from every page (a path from the site's \
                 root, or a full URL)"
            )),
        }
    }
    entries
}

/// What the import writes: files by path relative to the site root, a report line per
/// document, and site.toml's `[redirects]` entries.
struct Converted {
    files: BTreeMap<PathBuf, Content>,
    lines: Vec<Line>,
    redirects: Vec<(String, String)>,
    menu: Vec<(String, String)>,
    /// Why each header link left out of `menu` was.
    menu_left: Vec<String>,
}

/// The `[redirects]` entries of documents that only redirected: each old URL no page or
/// section claimed, to the URL the document sent readers to; a report line each.
fn site_redirects(
    found: &[FoundRedirect],
    base_path: &str,
    moved: &HashMap<String, String>,
    claimed: &mut HashSet<String>,
    lines: &mut Vec<Line>,
) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    for r in found {
        // A site path the old site wrote under its base path (`/myblog/about/`) is a path
        // of this site without it; careerpress adds its own base URL.
        let to = r.to.trim();
        let to = match to.strip_prefix(base_path) {
            Some(rest) if !base_path.is_empty() && rest.starts_with('/') => rest,
            _ => to,
        };
        // A page's old URL: straight to where the page is now, not through its alias.
        let split = to.find(['#', '?']).unwrap_or(to.len());
        let key = url_key(&to[..split]);
        let now = (to.starts_with('/') && !to.starts_with("//") && !key.is_empty()).then(|| moved.get(&key)).flatten();
        let to = &now.map_or_else(|| to.to_string(), |now| format!("{now}{}", &to[split..]));
        let mut done = r.notes.clone();
        if crate::content::alias::link_target(to, "/", crate::content::alias::REDIRECT).is_err() {
            done.push(format!("only a redirect, to {to:?}, which is no URL a redirect can send readers to: left out"));
        } else {
            let paths: Vec<String> = r
                .from
                .iter()
                .filter_map(|url| site_path(url, Path::new("")))
                .filter(|path| old_url_free(path, claimed).map_err(|why| done.push(why)).is_ok())
                .collect();
            if !paths.is_empty() {
                done.push(format!("only a redirect: site.toml's [redirects] sends {} to {to}", paths.join(", ")));
            }
            entries.extend(paths.into_iter().map(|path| (path, to.to_string())));
        }
        lines.push(Line {
            source: r.source.clone(),
            dest: PathBuf::from(crate::config::CONFIG_FILE),
            done,
            left: Vec::new(),
        });
    }
    entries
}

/// Whether a redirect may stand at the old URL `path`: not a file the build writes, not
/// where careerpress publishes its own pages, and no other page's (it is claimed now); the
/// report's note otherwise.
fn old_url_free(path: &str, claimed: &mut HashSet<String>) -> Result<(), String> {
    // A page the old site published at `sitemap.xml` or `robots.txt`: the build writes it.
    let file = crate::content::alias::output_file(path).unwrap_or_default();
    if crate::site::RESERVED_FILES.contains(&file.as_str()) {
        return Err(format!("old URL {path} is a file careerpress writes itself: left out"));
    }
    if let Some(owner) = crate::site::generated_owner(path) {
        return Err(format!("old URL {path} is where careerpress publishes {owner}: left out"));
    }
    if !claimed.insert(normal_url(path)) {
        return Err(format!("old URL {path} is another page's too: left out"));
    }
    Ok(())
}

/// The old site's own "not found" page (Eleventy's and minimal-mistakes' `permalink:
/// 404.html`): careerpress's theme makes that page, and a copy of it would be an article
/// at /404/, listed in the sitemap and search as if it were advice.
fn leave_not_found_pages(found: &mut Found) {
    // Jekyll writes `permalink: 404.html` without its leading slash as often as with it.
    let is_not_found = |url: &String| {
        let url = if url.starts_with('/') { url.clone() } else { format!("/{url}") };
        crate::content::alias::output_file(&url).is_ok_and(|file| file == crate::site::NOT_FOUND)
    };
    let (left, docs): (Vec<Doc>, Vec<Doc>) =
        std::mem::take(&mut found.docs).into_iter().partition(|d| d.old_urls.iter().any(is_not_found));
    found.docs = docs;
    let why = "the old site's page for missing URLs: careerpress makes its own from the theme's templates/404.html, \
               which is where its text goes to be kept";
    for doc in left {
        // Links that named it by its file reach careerpress's own.
        found.not_found_names.extend(doc.refs.into_iter().chain([slashed(&doc.source)]));
        found.skipped.push((doc.source, why.to_string()));
    }
}

/// A page `x.md` beside a folder `x/` of pages (Eleventy's `docs/filters.md` beside
/// `docs/filters/url.md`) at the URL careerpress gives that folder's section, where the
/// folder has no introduction of its own: it becomes that introduction, `x/_index.md`,
/// with its title, description and text, and a note of what a section does not keep.
/// Left a page, it would be a second source on one URL, and the site would not build.
fn pages_over_folders(found: &mut Found) {
    // Folders of pages only: a post beside a folder of its images is no clash.
    let mut folders: HashSet<PathBuf> = HashSet::new();
    for dest in found.docs.iter().map(|d| d.dest.as_path()) {
        folders.extend(dest.ancestors().skip(1).filter(|a| !a.as_os_str().is_empty()).map(Path::to_path_buf));
    }
    let introduced: HashSet<PathBuf> =
        found.sections.iter().filter_map(|(_, dest, ..)| dest.parent().map(Path::to_path_buf)).collect();
    let mut kept = Vec::with_capacity(found.docs.len());
    for doc in std::mem::take(&mut found.docs) {
        let folder = doc.dest.with_extension("");
        let key = slashed(&folder);
        let over = doc.dest.file_name().is_some_and(|n| n != "index.md")
            && folders.contains(&folder)
            && !introduced.contains(&folder)
            && normal_url(&new_url(&doc)) == normal_url(&format!("/{}", crate::content::section_path(&key)));
        if !over {
            kept.push(doc);
            continue;
        }
        let mut meta = meta::Meta::default();
        let mut left: Vec<String> = Vec::new();
        for (key, value) in doc.meta.pairs {
            match key.as_str() {
                "title" | "description" => meta.set(&key, value),
                _ => left.push(format!("`{key}`")),
            }
        }
        left.extend(
            ["tags", "extra"]
                .into_iter()
                .zip([!doc.meta.tags.is_empty(), !doc.meta.extra.is_empty()])
                .filter(|(_, had)| *had)
                .map(|(key, _)| format!("`{key}`")),
        );
        // Its redirects, and where the old site published it, redirect to the section.
        meta.aliases = doc.meta.aliases.into_iter().chain(doc.old_urls).collect();
        meta.notes = doc.notes.into_iter().chain(doc.meta.notes).collect();
        let mut note = format!("a page at the URL of the folder {key}/ beside it: made that section's introduction");
        if !left.is_empty() {
            note.push_str(&format!(", without {} (a section has a title, a description and aliases)", left.join(", ")));
        }
        meta.notes.push(note);
        found.sections.push((doc.source, folder.join("_index.md"), meta, doc.body));
    }
    found.docs = kept;
}

/// A section's `aliases` (Hugo's and Zola's redirect to its list page) as site paths,
/// each once: none at its own URL (`own`), at a URL a page or another alias claimed, or
/// where careerpress publishes its own pages, each such left out with a note in `done`.
fn section_aliases(
    meta: &meta::Meta,
    dest: &Path,
    own: &str,
    claimed: &mut HashSet<String>,
    done: &mut Vec<String>,
) -> meta::Meta {
    let mut kept = Vec::new();
    for url in &meta.aliases {
        let Some(path) = site_path(url, dest) else {
            done.push(format!("alias {url:?} is not a path on this site: left out"));
            continue;
        };
        let key = normal_url(&path);
        if key == normal_url(own) || kept.contains(&path) {
            continue;
        }
        if let Some(owner) = crate::site::generated_owner(&path) {
            done.push(format!("alias {path} is where careerpress publishes {owner}: left out"));
        } else if !claimed.insert(key) {
            done.push(format!("alias {path} is another page's URL or alias: left out"));
        } else {
            kept.push(path);
        }
    }
    if !kept.is_empty() {
        done.push(format!("`aliases` → redirects to the section's page: {}", kept.join(", ")));
    }
    meta::Meta {
        aliases: kept,
        pairs: meta.pairs.clone(),
        extra: meta.extra.clone(),
        tags: meta.tags.clone(),
        ..Default::default()
    }
}

/// The `@/` link of a document written at `dest` (under `content/`).
fn at_link(dest: &Path) -> String {
    format!("@/{}", slashed(dest))
}

/// A path with `/` between its names, as the old sites' configurations, URLs and `@/`
/// links write them, whatever the system's separator.
pub(super) fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Two posts with one slug (Jekyll allows it on different dates) would be one file: the
/// later ones get `-2`, `-3`… and keep their old URLs as aliases.
fn unique_dests(docs: &mut [Doc]) {
    let mut taken: HashSet<PathBuf> = HashSet::new();
    for doc in docs.iter_mut() {
        off_generated_url(doc);
        let original = doc.dest.clone();
        let mut n = 1;
        while !taken.insert(doc.dest.clone()) {
            n += 1;
            doc.dest = renamed(&original, &n.to_string());
        }
        if doc.dest != original {
            doc.notes.push(format!("another file is {}: written as {}", printable(&original), printable(&doc.dest)));
        }
    }
}

/// `dest` with `-{suffix}` after its page's name: `x-2.md`, or `x-2/index.md` for a bundle.
fn renamed(dest: &Path, suffix: &str) -> PathBuf {
    if dest.file_name().is_some_and(|n| n == "index.md") {
        let folder = dest.parent().unwrap_or(Path::new(""));
        folder.with_file_name(format!("{}-{suffix}", folder_name(dest))).join("index.md")
    } else {
        let stem = dest.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        dest.with_file_name(format!("{stem}-{suffix}.md"))
    }
}

/// A page whose URL is where careerpress publishes pages of its own (a Jekyll theme's
/// `tags.md`, which listed the tags with Liquid) moves beside it, as `tags-page`; its old
/// URL is then left out with the rest (`aliases_of`).
fn off_generated_url(doc: &mut Doc) {
    let url = new_url(doc);
    let Some(owner) = crate::site::generated_owner(&url) else { return };
    // A page inside such a folder (Hugo's `content/tags/go.md`) moves with the folder.
    let mut parts: Vec<String> = doc.dest.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.len() > 1 {
        parts[0] = format!("{}-page", parts[0]);
        doc.dest = parts.iter().collect();
    }
    if crate::site::generated_owner(&new_url(doc)).is_some() {
        match doc.meta.get("slug").map(str::to_string) {
            Some(slug) => doc.meta.set("slug", serde_json::Value::String(format!("{slug}-page"))),
            None => doc.dest = renamed(&doc.dest, "page"),
        }
    }
    doc.notes
        .push(format!("its URL {url} is where careerpress publishes {owner}: published at {} instead", new_url(doc)));
}

/// A document's body converted (tags, links, heading ids), with the report's notes so far.
struct Body {
    text: String,
    done: Vec<String>,
    /// Tags left, with their line in the body.
    left: Vec<(usize, String)>,
    /// The site's own shortcodes it calls (`body::Converted::site_shortcodes`).
    site_shortcodes: BTreeSet<String>,
    /// A Zola site's: those calls, with their values (`body::Converted::zola_calls`).
    zola_calls: Vec<zola_shortcodes::Call>,
}

/// Converts a document's body; its own notes and its front matter's move into the body's.
fn convert_body(doc: &mut Doc, links: &LinkIndex, found: &Found) -> Body {
    let mut done = std::mem::take(&mut doc.notes);
    done.append(&mut doc.meta.notes);
    let old_url = doc.old_urls.first().map(String::as_str);
    let mut body = convert_text((&doc.body, &doc.meta), &doc.source, old_url, links, found);
    done.append(&mut body.done);
    let old_url = doc.old_urls.first().cloned().unwrap_or_else(|| new_url(doc));
    done.extend(cover::take(&mut doc.meta, &slashed(&doc.source), &old_url, links));
    Body { done, ..body }
}

/// A body converted (tags, links, heading ids): a page's, or a section's introduction.
/// `source` is its file in the old site, `old_url` where the old site published it.
fn convert_text(
    (text, meta): (&str, &meta::Meta),
    source: &Path,
    old_url: Option<&str>,
    links: &LinkIndex,
    found: &Found,
) -> Body {
    let page = PageLinks {
        links,
        values: found.values.as_ref(),
        own_shortcodes: &found.own_shortcodes,
        tera_body: !found.components.is_empty(),
        page: found.values.as_ref().map(|_| printed::front_matter(meta)).unwrap_or_default(),
    };
    let (text, controls) = without_controls(text);
    let mut converted = body::convert(&text, &page, page_syntax(&meta.source, found.syntax));
    converted.done.extend(controls);
    if found.kramdown {
        kramdown::apply(&mut converted, found.kramdown_block_markdown);
    }
    let mut done = converted.done;
    if let Some(protocol) = &found.linkify {
        let (text, count) = linkify::autolinks(&converted.text, protocol);
        if count > 0 {
            converted.text = text;
            let (s, them) = if count == 1 { ("", "it") } else { ("s", "them") };
            done.push(format!("{count} bare URL{s} → link{s}, as the old site's Markdown (linkify) made {them}"));
        }
    }
    if found.emoji {
        let (text, count) = emoji::emojify(&converted.text);
        if count > 0 {
            converted.text = text;
            let s = if count == 1 { "" } else { "s" };
            done.push(format!("{count} emoji code{s} (`:tada:`) → emoji, as the old site's Markdown drew them"));
        }
    }
    if let Some(note) = old_url.and_then(|url| relink_body(source, url, &mut converted.text, links)) {
        done.push(note);
    }
    if let Some(rule) = found.heading_ids {
        let (text, note) = heading_ids::keep(&converted.text, rule);
        converted.text = text;
        done.extend(note);
    }
    Body {
        text: converted.text,
        done,
        left: converted.left,
        site_shortcodes: converted.site_shortcodes,
        zola_calls: converted.zola_calls,
    }
}

/// The template syntax the old generator ran over one page's body: the site's, unless its
/// front matter said otherwise (Jekyll's `render_with_liquid: false`, Eleventy's
/// `templateEngineOverride`, whose engines run in order: `njk,md` ran Nunjucks).
fn page_syntax(front: &serde_json::Map<String, serde_json::Value>, site: body::Syntax) -> body::Syntax {
    use body::Syntax;
    if !matches!(site, Syntax::Liquid | Syntax::Nunjucks | Syntax::Plain) {
        return site;
    }
    if front.get("render_with_liquid") == Some(&serde_json::Value::Bool(false)) {
        return Syntax::Plain;
    }
    let Some(engines) = front.get("templateEngineOverride").and_then(|v| v.as_str()) else { return site };
    match engines.split(',').map(str::trim).find(|e| *e != "md") {
        Some("njk") => Syntax::Nunjucks,
        Some("liquid") => Syntax::Liquid,
        Some(_) => site,
        None => Syntax::Plain,
    }
}

/// `text` without the invisible control characters careerpress refuses in author text
/// (`escape::is_control`): a form feed alone on a line (Emacs's page break) was no more
/// than a blank line to the old site, and the build would stop at it. The report's note
/// names them.
fn without_controls(text: &str) -> (std::borrow::Cow<'_, str>, Option<String>) {
    if crate::escape::first_control(text).is_none() {
        return (std::borrow::Cow::Borrowed(text), None);
    }
    let mut kinds: Vec<char> = text.chars().filter(|&c| crate::escape::is_control(c)).collect();
    let count = kinds.len();
    kinds.sort_unstable();
    kinds.dedup();
    let named: Vec<String> = kinds.iter().map(|&c| format!("U+{:04X}", c as u32)).collect();
    let (s, them) = if count == 1 { ("", "it") } else { ("s", "them") };
    let note = format!(
        "{count} invisible control character{s} ({}) removed: pages and feeds cannot carry {them}",
        named.join(", ")
    );
    (text.chars().filter(|&c| !crate::escape::is_control(c)).collect(), Some(note))
}

/// The note for a document dated after `today` that the old site published at once (as
/// `by` made it do), where careerpress publishes it on its day.
fn future_note(doc: &Doc, by: &str, today: chrono::NaiveDate) -> Option<String> {
    let date = crate::dates::Date::parse(doc.meta.get("date")?).ok()?;
    (date.utc_date() > today && !doc.meta.never_published).then(|| {
        format!(
            "dated {}, after today: {by} published it at once, careerpress publishes it on that day \
             (`careerpress build --future` publishes it now)",
            date.utc_date()
        )
    })
}

/// A page's name without the date it starts with (`2024-10-02-first-job`, Zola's
/// `2024-10-02_first-job`), which dated it: no part of a title made from the name. Zola's
/// reading of a dated name is the widest of the generators' (a time too, `_` or `-`).
fn undated(name: &str) -> String {
    zola::dated_name(name).map_or_else(|| name.to_string(), |(_, rest)| rest)
}

/// The file written for a document whose body is converted, and its report line.
fn finish_doc(mut doc: Doc, body: Body, claimed: &mut HashSet<String>) -> (PathBuf, String, Line) {
    let Body { text: body, mut done, left, .. } = body;
    if !doc.meta.has("title") {
        let (_, stem) = page_place(&doc.dest);
        let title = crate::scaffold::title_from_slug(&slugify(&undated(&stem)));
        doc.meta.set("title", serde_json::Value::String(title));
        done.push("no title: made one from the file name".into());
    }
    if doc.meta.never_published && !doc.old_urls.is_empty() {
        // No reader ever had its URL; the redirects it asks for (`aliases`) stay.
        doc.old_urls.clear();
        done.push("never published: no old URL to redirect from".into());
    }
    let aliases = aliases_of(&mut doc, claimed, &mut done);
    doc.meta.aliases = aliases;
    let front = doc.meta.to_text().unwrap_or_else(|e| {
        done.push(format!("front matter could not be written ({e}): kept only the title"));
        format!("title: {:?}\n", doc.meta.get("title").unwrap_or("Untitled"))
    });
    let (text, left) = with_front_matter(&front, &body, left);
    let dest = Path::new(crate::content::CONTENT_DIR).join(&doc.dest);
    let line = Line { source: doc.source, dest: dest.clone(), done, left };
    (dest, text, line)
}

/// The file's text, its front matter then its body, with the tags left in the body placed
/// on their lines of the file, where the author goes to fix each: the body starts after
/// the two fences and the front matter's lines.
fn with_front_matter(front: &str, body: &str, left: Vec<(usize, String)>) -> (String, Vec<(usize, String)>) {
    let body_start = front.lines().count() + 2;
    let left = left.into_iter().map(|(line, tag)| (line + body_start, tag)).collect();
    (format!("---\n{front}---\n{body}"), left)
}

/// The document's `aliases` and old URLs as site paths for its `aliases`: each once, none
/// that is its own new URL or that another page claimed first (each such left out is noted).
fn aliases_of(doc: &mut Doc, claimed: &mut HashSet<String>, done: &mut Vec<String>) -> Vec<String> {
    let own = normal_url(&new_url(doc));
    let mut aliases = Vec::new();
    // Where the old site published a page is a path from its root, slash or not (Hugo's
    // `posts = ":slug"`); only an alias the author wrote may be relative to the page.
    let from_root = |url: String| if url.contains("://") || url.starts_with('/') { url } else { format!("/{url}") };
    let written = std::mem::take(&mut doc.meta.aliases);
    let authors = written.len();
    let urls: Vec<String> =
        written.into_iter().chain(std::mem::take(&mut doc.old_urls).into_iter().map(from_root)).collect();
    for (i, url) in urls.into_iter().enumerate() {
        let Some(path) = site_path(&url, &doc.dest) else {
            done.push(format!("alias {url:?} is not a path on this site: left out"));
            continue;
        };
        let key = normal_url(&path);
        if key == own {
            // Only where the old site published the page: an alias the author wrote in
            // another case says nothing of where the page stood.
            if i >= authors {
                keep_case(doc, &path, done);
            }
            continue;
        }
        if aliases.contains(&path) {
            continue;
        }
        match old_url_free(&path, claimed) {
            Ok(()) => aliases.push(path),
            Err(why) => done.push(why),
        }
    }
    if !aliases.is_empty() {
        done.push(format!("old URL{} → aliases: {}", if aliases.len() == 1 { "" } else { "s" }, aliases.join(", ")));
    }
    aliases
}

/// An old URL that is the document's new one but for letter case (Jekyll kept the file's
/// `CHANGELOG` in `/CHANGELOG/`, careerpress's URL is `/changelog/`): a redirect there
/// would share the page's folder on a case-blind disk, so the page keeps the old spelling
/// as its `slug` when only its own segment differs; otherwise the report says so.
fn keep_case(doc: &mut Doc, old: &str, done: &mut Vec<String>) {
    let exact = |url: &str| url.trim_end_matches("index.html").trim_end_matches('/').to_string();
    let (old, new) = (exact(old), exact(&new_url(doc)));
    if old == new {
        return;
    }
    let (old_folder, old_name) = old.rsplit_once('/').unwrap_or(("", &old));
    let same_folder = new.rsplit_once('/').is_some_and(|(folder, _)| folder == old_folder);
    if same_folder && !doc.meta.has("slug") && crate::content::validate_slug(old_name).is_ok() {
        doc.meta.set("slug", serde_json::Value::String(old_name.to_string()));
        done.push(format!("old URL {old}/ differs from {new}/ only in letter case: kept as `slug: {old_name}`"));
    } else {
        done.push(format!(
            "old URL {old}/ differs from the new {new}/ only in letter case: no redirect (the two would be one folder on a case-blind disk)"
        ));
    }
}

/// `relink::relink` on a document's converted body, read from its first old URL; the
/// report's note when it rewrote any link.
fn relink_body(source: &Path, old_url: &str, text: &mut String, links: &LinkIndex) -> Option<String> {
    let source = source.to_string_lossy().replace('\\', "/");
    let (relinked, count) = relink::relink(text, &source, old_url, links);
    if count == 0 {
        return None;
    }
    *text = relinked;
    Some(format!(
        "{count} link{} → @/ links and site paths, as the old site read them",
        if count == 1 { "" } else { "s" }
    ))
}

fn folder_name(path: &Path) -> String {
    path.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Where a document's page stands, from its path under `content/`: the folder above it,
/// and its name (a bundle's folder name for `x/index.md`, else the file's stem).
fn page_place(dest: &Path) -> (&Path, String) {
    let page = if dest.file_name().is_some_and(|n| n == "index.md") { dest.parent() } else { Some(dest) };
    let page = page.unwrap_or(Path::new(""));
    let name = if page == dest { page.file_stem() } else { page.file_name() };
    (page.parent().unwrap_or(Path::new("")), name.map(|s| s.to_string_lossy().into_owned()).unwrap_or_default())
}

/// `pattern` with each `:name` placeholder replaced by what `value` gives for it (the
/// name with its colon). A name is read whole, over ASCII letters and `_`, with an index in
/// brackets after it (Hugo's `:sections[last]`): `:slugorfilename` is a name of its own,
/// never `:slug` followed by text. As Jekyll reads them, a name not known whose trailing
/// `_` is text is the name before it (`/:month_:day`), and a `:` with no name is text. Err
/// names the first placeholder `value` does not know, where the old URL cannot be told.
pub fn fill_placeholders(pattern: &str, value: impl Fn(&str) -> Option<String>) -> Result<String, String> {
    let mut url = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(colon) = rest.find(':') {
        url.push_str(&rest[..colon]);
        let after = &rest[colon + 1..];
        let mut end = after.find(|c: char| !(c.is_ascii_alphabetic() || c == '_')).unwrap_or(after.len());
        if end == 0 {
            url.push(':');
            rest = after;
            continue;
        }
        if after[end..].starts_with('[') {
            end += after[end..].find(']').map_or(0, |close| close + 1);
        }
        let name = &rest[colon..=colon + end];
        let bare = name.trim_end_matches('_');
        match value(name) {
            Some(filled) => url.push_str(&filled),
            None => match value(bare).filter(|_| bare.len() > 1 && bare.len() < name.len()) {
                Some(filled) => url.push_str(&(filled + &name[bare.len()..])),
                None => return Err(name.to_string()),
            },
        }
        rest = &after[end..];
    }
    url.push_str(rest);
    Ok(url)
}

/// An author's name as site settings give it: a string, or a table with a `name`
/// (jekyll-seo-tag's and Hugo's `author.name`, eleventy-base-blog's `author: {name}`).
pub fn author_name(value: &serde_json::Value) -> Option<String> {
    let name = match value {
        serde_json::Value::Object(table) => table.get("name")?.as_str()?,
        other => other.as_str()?,
    };
    Some(name.trim().to_string()).filter(|n| !n.is_empty())
}

/// Why the old site's feeds at other URLs than careerpress's are not imported: `what`
/// names them and ends in "is" or "are".
pub fn feeds_not_kept(what: &str) -> String {
    format!(
        "{what} not written again: careerpress's feeds are /atom.xml and /tags/<tag>/atom.xml; have the host \
         redirect the old ones, so that subscribers keep reading"
    )
}

/// The report's note for a document whose old URL uses a placeholder this import does not
/// fill in (`:name` in a post's permalink, say): it gets no redirect from there.
pub fn unknown_placeholder(name: &str) -> String {
    format!("its permalink uses `{name}`, which this import cannot fill in: no redirect from its old URL")
}

/// The URL path careerpress gives a document: `/posts/slug/`, or `/slug/` at the top.
fn new_url(doc: &Doc) -> String {
    let (folder, name) = page_place(&doc.dest);
    let key = folder.to_string_lossy().replace('\\', "/");
    // As careerpress reads a dated name (`2021-04-04-x.md`) without a `date`: the date, and `x`.
    let name = match crate::content::dated_name(&name) {
        Some((_, rest)) if !doc.meta.has("date") => rest.to_string(),
        _ => name,
    };
    // careerpress publishes a `slug` as written, case and all (`validate_slug`): taken
    // lower-cased here, a page that kept Hugo's `Salary-Bands` seemed to differ from its
    // old URL by case, and the report told of a redirect it did not need.
    let slug = doc.meta.get("slug").map(|s| crate::content::validate_slug(s).unwrap_or_else(|_| slugify(s)));
    format!("/{}{}/", section_path(&key), slug.unwrap_or_else(|| slugify(&name)))
}

/// An old URL as a site path: a full URL loses its host; a relative one (Hugo) is taken
/// from the document's folder. None when it cannot be a redirect page.
fn site_path(url: &str, dest: &Path) -> Option<String> {
    let url = url.trim();
    let path = match url.split_once("://") {
        Some((_, rest)) => format!("/{}", rest.split_once('/').map_or("", |(_, p)| p)),
        None if url.starts_with('/') => url.to_string(),
        None => {
            let folder = dest.parent().unwrap_or(Path::new("")).to_string_lossy().replace('\\', "/");
            format!("/{folder}/{url}")
        }
    };
    let mut path = path.replace("//", "/");
    while path.contains("//") {
        path = path.replace("//", "/");
    }
    crate::content::alias::output_file(&path).ok().map(|_| path)
}

/// One spelling per URL: `/a/b`, `/a/b/` and `/a/b/index.html` are one page.
fn normal_url(path: &str) -> String {
    let p = path.trim_end_matches("index.html").trim_end_matches('/');
    p.to_lowercase()
}

/// `@/` targets by every name a document may be referred to by, and by every URL the
/// old site published one at; and where the files the import copies to `static/` are
/// published, by their path in the old site.
struct LinkIndex {
    by_name: HashMap<String, String>,
    by_old_url: HashMap<String, String>,
    copied_from: HashMap<String, String>,
    /// The values of `copied_from`.
    copied_at: HashSet<String>,
    /// The files copied into `content/` (bundles' resources), by their path in the old site.
    beside: HashSet<String>,
    /// Where the import publishes each bundle's file, by the path the old site published
    /// it at: beside its page's old URL.
    bundle_files: HashMap<String, String>,
    /// `Found::resources`.
    resources: Option<String>,
    /// The old site's path under its host (`/myblog` for a project's GitHub Pages), or "".
    base_path: String,
}

/// The path part of a base URL without its last `/`: `https://x.github.io/myblog/` is
/// `/myblog`, a site at the host's root "".
fn old_base_path(base_url: &str) -> &str {
    let path = base_url.split_once("://").map_or(base_url, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    path.trim_end_matches('/')
}

impl LinkIndex {
    fn new(docs: &[Doc], copies: &[(PathBuf, PathBuf)], base_path: &str) -> LinkIndex {
        let (mut by_name, mut by_old_url) = (HashMap::new(), HashMap::new());
        for doc in docs {
            let target = at_link(&doc.dest);
            for r in &doc.refs {
                by_name.entry(r.trim_start_matches('/').to_string()).or_insert_with(|| target.clone());
            }
            for url in &doc.old_urls {
                by_old_url.entry(url_key(url)).or_insert_with(|| target.clone());
            }
        }
        // A file copied to `static/x` is published at `x`: Jekyll's `img/a.png` at the
        // path it had, a Jekyll collection's `_guides/a.png` at `guides/a.png`, Hugo's
        // `static/img/a.png` at `img/a.png`.
        let copied_from: HashMap<String, String> = copies
            .iter()
            .filter_map(|(source, dest)| Some((slashed(source), slashed(dest.strip_prefix("static").ok()?))))
            .collect();
        let copied_at = copied_from.values().cloned().collect();
        let content = crate::content::CONTENT_DIR;
        let beside =
            copies.iter().filter(|(_, dest)| dest.starts_with(content)).map(|(source, _)| slashed(source)).collect();
        let base_path = base_path.to_string();
        let bundle_files = bundle_files(docs, copies);
        LinkIndex { by_name, by_old_url, copied_from, copied_at, beside, bundle_files, resources: None, base_path }
    }

    /// Sections' introductions by the names a link gives them: the file's path in the old
    /// site, and from the top of its content `docs/plugins.md`, `docs/plugins/index.md` or
    /// `docs/plugins` (Eleventy's InputPath to URL, Hugo's `ref`). A page of that name comes
    /// first.
    fn with_sections(mut self, sections: &[(PathBuf, PathBuf, meta::Meta, String)]) -> LinkIndex {
        for (source, dest, ..) in sections {
            let target = at_link(dest);
            let folder = dest.parent().map(slashed).unwrap_or_default();
            let names =
                [slashed(source), slashed(dest), format!("{folder}.md"), format!("{folder}/index.md"), folder.clone()];
            for name in names.into_iter().filter(|_| !folder.is_empty()) {
                self.by_name.entry(name).or_insert_with(|| target.clone());
            }
        }
        self
    }

    /// The names of the page left out as the old site's 404 page, each the site path of
    /// careerpress's own.
    fn with_not_found(mut self, names: &[String]) -> LinkIndex {
        for name in names {
            let page = format!("/{}", crate::site::NOT_FOUND);
            self.by_name.entry(name.trim_start_matches('/').to_string()).or_insert(page);
        }
        self
    }

    fn with_resources(self, resources: Option<&str>) -> LinkIndex {
        LinkIndex { resources: resources.map(str::to_string), ..self }
    }
}

/// The files of each page bundle (`posts/garden/index.md` with `photo.png`) by where the
/// old site published them, beside each of the page's old URLs that is a folder
/// (`garden/photo.png` for `/garden/`), with where the import publishes them, beside its
/// new URL (`/posts/garden/photo.png`). Links the page or another wrote to the old path
/// would reach nothing once the page moved.
fn bundle_files(docs: &[Doc], copies: &[(PathBuf, PathBuf)]) -> HashMap<String, String> {
    let bundles: HashMap<&Path, &Doc> = docs
        .iter()
        .filter(|d| d.dest.file_stem().is_some_and(|s| s == "index") && !d.old_urls.is_empty())
        .filter_map(|d| Some((d.dest.parent()?, d)))
        .collect();
    let mut files = HashMap::new();
    for (_, dest) in copies {
        let Ok(inside) = dest.strip_prefix(crate::content::CONTENT_DIR) else { continue };
        let Some((dir, doc)) = inside.ancestors().skip(1).find_map(|a| Some((a, *bundles.get(a)?))) else {
            continue;
        };
        let rel = slashed(inside.strip_prefix(dir).unwrap_or(inside));
        let new = format!("{}{rel}", new_url(doc));
        for old in doc.old_urls.iter().filter(|u| u.ends_with('/')) {
            files.entry(format!("{}{rel}", old.trim_start_matches('/'))).or_insert_with(|| new.clone());
        }
    }
    files
}

/// One spelling for the ways a URL names a page: `/a/b/`, `/a/b`, `/a/b.html` and
/// `/a/b/index.html` are all `a/b`. Case is kept: the old host told `A` from `a`.
fn url_key(url: &str) -> String {
    let path = url.trim_start_matches('/');
    let path = if path == "index.html" { "" } else { path.strip_suffix("/index.html").unwrap_or(path) };
    let path = path.trim_end_matches('/');
    path.strip_suffix(".html").unwrap_or(path).to_string()
}

impl relink::Places for LinkIndex {
    fn document_at(&self, source: &str) -> Option<String> {
        self.by_name.get(source).cloned()
    }
    fn document_published_at(&self, path: &str) -> Option<String> {
        self.by_old_url.get(&url_key(path)).cloned()
    }
    fn copied_from(&self, source: &str) -> Option<String> {
        self.copied_from.get(source).cloned()
    }
    fn copies(&self, path: &str) -> bool {
        self.copied_at.contains(path)
    }
    fn bundle_file_published_at(&self, path: &str) -> Option<String> {
        self.bundle_files.get(path).cloned()
    }
    fn copies_beside(&self, source: &str) -> bool {
        self.beside.contains(source)
    }
    fn resource(&self, path: &str) -> Option<String> {
        self.copied_from(&format!("{}/{path}", self.resources.as_deref()?))
    }
    fn base_path(&self) -> &str {
        &self.base_path
    }
}

impl body::Links for LinkIndex {
    fn target(&self, reference: &str) -> Option<String> {
        let (path, fragment) = match reference.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (reference, None),
        };
        let target = self.by_name.get(path.trim_start_matches('/').trim_end_matches('/'))?;
        Some(match fragment {
            Some(f) => format!("{target}#{f}"),
            None => target.clone(),
        })
    }
}

/// Each document's line and notes, the files not imported, and the header links left out.
fn print_report(lines: &[Line], skipped: &[(PathBuf, String)], menu_left: &[String]) {
    for l in lines {
        outln!("{} → {}", printable(&l.source), printable(&l.dest));
        // Notes name old URLs made of file names, and tags are the author's text: neither
        // may reach the terminal with a control character raw.
        for d in &l.done {
            outln!("  converted: {}", crate::error::printable_line(d));
        }
        for (line, tag) in &l.left {
            // One report line per tag: a tag written over several lines is shown on one.
            let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
            outln!("  left as is, {}:{line}: {}", printable(&l.dest), crate::error::printable_line(&tag));
        }
    }
    for (path, why) in skipped {
        outln!("{}: not imported: {}", printable(path), crate::error::printable_line(why));
    }
    for why in menu_left {
        outln!("note: a header link of the old site was left out of [[menu]]: {}", crate::error::printable_line(why));
    }
    let left: usize = lines.iter().map(|l| l.left.len()).sum();
    if left > 0 || !skipped.is_empty() {
        outln!(
            "To look at: {left} tag{} left as is, {} file{} not imported (listed above).",
            if left == 1 { "" } else { "s" },
            skipped.len(),
            if skipped.len() == 1 { "" } else { "s" }
        );
    }
}

/// One page's view of the other documents and of the values its Liquid printed.
struct PageLinks<'a> {
    links: &'a LinkIndex,
    values: Option<&'a printed::Values>,
    own_shortcodes: &'a BTreeMap<String, PathBuf>,
    /// Zola 0.23's: Tera ran over the whole body (`body::Links::tera_body`). Its
    /// components tell such a site.
    tera_body: bool,
    /// Its front matter, as the old site's templates knew it.
    page: serde_json::Map<String, serde_json::Value>,
}

impl body::Links for PageLinks<'_> {
    fn target(&self, reference: &str) -> Option<String> {
        self.links.target(reference)
    }
    fn printed(&self, inner: &str) -> Option<String> {
        self.values?.print(inner, &self.page)
    }
    fn own_shortcode(&self, name: &str) -> bool {
        self.own_shortcodes.contains_key(name)
    }
    fn tera_body(&self) -> bool {
        self.tera_body
    }
}

fn write(root: &Path, files: &BTreeMap<PathBuf, Content>) -> Result<()> {
    for (rel, content) in files {
        let dest = root.join(rel);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent).with_context(|| format!("{}: cannot create the folder", printable(parent)))?;
        }
        match content {
            Content::Text(text) => {
                fs::write(&dest, text).with_context(|| format!("{}: cannot write", printable(&dest)))?
            }
            Content::Copy(src) => {
                fs::copy(src, &dest)
                    .with_context(|| format!("cannot copy {} to {}", printable(src), printable(&dest)))?;
            }
        }
    }
    Ok(())
}

/// Reads a source file as text: a file that is not UTF-8 or cannot be read is skipped
/// with why, and the import goes on.
pub fn read_text(src: &Path, rel: &Path, found: &mut Found) -> Option<String> {
    match fs::read(src.join(rel)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(_) => {
                found.skipped.push((rel.to_path_buf(), "not UTF-8 text: save it as UTF-8 and import again".into()));
                None
            }
        },
        Err(e) => {
            found.skipped.push((rel.to_path_buf(), format!("cannot be read: {e}")));
            None
        }
    }
}

/// A source file's front matter and body; a file that cannot be read or whose front
/// matter does not parse is skipped with why.
pub fn read_source(src: &Path, rel: &Path, found: &mut Found) -> Option<meta::Source> {
    let text = read_text(src, rel, found)?;
    parse_source(&text, rel, found)
}

/// [`read_source`] for text already read.
pub fn parse_source(text: &str, rel: &Path, found: &mut Found) -> Option<meta::Source> {
    let text = match found.syntax {
        body::Syntax::Hugo | body::Syntax::Zola => meta::after_leading_space(text),
        _ => text,
    };
    match meta::read(text, found.booleans) {
        Ok(source) => Some(source),
        Err(e) => {
            found.skipped.push((rel.to_path_buf(), e));
            None
        }
    }
}

/// Files under `dir` (relative to `src`), sorted; walk errors are reported as skipped.
pub fn files_under(src: &Path, dir: &Path, found: &mut Found) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(src.join(dir)).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if let Ok(rel) = e.path().strip_prefix(src) {
                    out.push(rel.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().and_then(|p| p.strip_prefix(src).ok()).unwrap_or(dir).to_path_buf();
                found.skipped.push((path, format!("cannot be read: {e}")));
            }
        }
    }
    out
}

/// Whether a file is Markdown careerpress reads.
pub fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| ["md", "markdown", "mkd", "mkdn", "mdown"].contains(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_made_from_a_dated_name_leaves_the_date_out() {
        for (name, plain) in [
            ("2024-10-02-eleventy-v3", "eleventy-v3"),
            ("2024-03-01_first-job", "first-job"),
            ("2024-03-01T09:30:00Z_interview", "interview"),
            ("2024-3-1-x", "2024-3-1-x"),
            ("2024-13-01-x", "2024-13-01-x"),
            ("2024-10-02", "2024-10-02"),
            ("2024-10-02-", "2024-10-02-"),
            ("notes", "notes"),
            ("é", "é"),
        ] {
            assert_eq!(undated(name), plain, "{name}");
        }
    }

    fn convert_doc(
        mut d: Doc,
        links: &LinkIndex,
        ids: Option<heading_ids::OldIds>,
        claimed: &mut HashSet<String>,
    ) -> (PathBuf, String, Line) {
        let body = convert_body(&mut d, links, &Found { heading_ids: ids, ..Found::default() });
        finish_doc(d, body, claimed)
    }

    fn doc(dest: &str) -> Doc {
        Doc::new(Path::new(dest), dest.into(), meta::Meta::default(), String::new())
    }

    #[test]
    fn the_old_404_page_is_left_and_links_to_it_reach_careerpresss() {
        // Jekyll's `permalink: 404.html`, without the leading slash.
        let page = Doc { old_urls: vec!["404.html".into()], refs: vec!["_pages/404.md".into()], ..doc("notfound.md") };
        let mut found = Found { docs: vec![page, doc("kept.md")], ..Found::default() };
        leave_not_found_pages(&mut found);
        assert_eq!(found.docs.iter().map(|d| slashed(&d.dest)).collect::<Vec<_>>(), ["kept.md"]);
        assert!(found.skipped[0].1.starts_with("the old site's page for missing URLs"), "{:?}", found.skipped);
        let links = LinkIndex::new(&found.docs, &[], "").with_not_found(&found.not_found_names);
        for name in ["_pages/404.md", "notfound.md"] {
            assert_eq!(body::Links::target(&links, name).as_deref(), Some("/404.html"), "{name}");
        }
    }

    #[test]
    fn a_page_can_turn_its_sites_templates_off() {
        use body::Syntax::{Hugo, Liquid, Nunjucks, Plain};
        let front = |v: serde_json::Value| v.as_object().unwrap().clone();
        assert_eq!(page_syntax(&front(serde_json::json!({"render_with_liquid": false})), Liquid), Plain);
        assert_eq!(page_syntax(&front(serde_json::json!({"templateEngineOverride": "md"})), Nunjucks), Plain);
        assert_eq!(page_syntax(&front(serde_json::json!({"templateEngineOverride": "njk,md"})), Liquid), Nunjucks);
        assert_eq!(page_syntax(&front(serde_json::json!({"templateEngineOverride": "liquid"})), Nunjucks), Liquid);
        assert_eq!(page_syntax(&front(serde_json::json!({"render_with_liquid": false})), Hugo), Hugo);
        assert_eq!(page_syntax(&front(serde_json::json!({"title": "x"})), Liquid), Liquid);
    }

    #[test]
    fn invisible_control_characters_are_taken_out_of_bodies() {
        let (text, note) = without_controls("One.\n\u{c}\nTwo\u{b}\u{c} and\ttabs\r\n");
        assert_eq!(text, "One.\n\nTwo and\ttabs\r\n");
        let note = note.unwrap();
        assert_eq!(note, "3 invisible control characters (U+000B, U+000C) removed: pages and feeds cannot carry them");
        assert_eq!(without_controls("Plain é\u{a0}text\n"), ("Plain é\u{a0}text\n".into(), None));
    }

    #[test]
    fn links_to_a_sections_introduction_reach_it_by_each_of_its_names() {
        let section = |source: &str, dest: &str| (source.into(), dest.into(), meta::Meta::default(), String::new());
        let links = LinkIndex::new(&[], &[], "").with_sections(&[
            section("src/docs/plugins.md", "docs/plugins/_index.md"),
            section("src/index.md", "_index.md"),
        ]);
        let target = |name: &str| body::Links::target(&links, name);
        let names = [
            "src/docs/plugins.md",
            "docs/plugins.md",
            "/docs/plugins/",
            "docs/plugins/index.md",
            "docs/plugins/_index.md",
        ];
        for name in names {
            assert_eq!(target(name).as_deref(), Some("@/docs/plugins/_index.md"), "{name}");
        }
        let (text, count) = relink::relink("[Plugins](/docs/plugins.md#list)", "src/docs/cjs.md", "/docs/cjs/", &links);
        assert_eq!((text.as_str(), count), ("[Plugins](@/docs/plugins/_index.md#list)", 1));
        // A page known by a name comes before a section it would name too.
        let page = Doc { refs: vec!["docs/index.md".into()], ..doc("docs/start.md") };
        let links = LinkIndex::new(&[page], &[], "").with_sections(&[section("src/docs.md", "docs/_index.md")]);
        assert_eq!(body::Links::target(&links, "docs/index.md").as_deref(), Some("@/docs/start.md"));
        assert_eq!(body::Links::target(&links, "docs.md").as_deref(), Some("@/docs/_index.md"));
    }

    #[test]
    fn new_urls_follow_careerpress_rules() {
        assert_eq!(new_url(&doc("posts/My Post.md")), "/posts/my-post/");
        assert_eq!(new_url(&doc("posts/bundle/index.md")), "/posts/bundle/");
        assert_eq!(new_url(&doc("about.md")), "/about/");
        let mut slugged = doc("posts/bands.md");
        slugged.meta.set("slug", serde_json::Value::String("Salary-Bands".into()));
        assert_eq!(new_url(&slugged), "/posts/Salary-Bands/", "a slug is published as written");
        // An old URL that is the page's own, case and all, needs no redirect and no note.
        slugged.old_urls = vec!["/posts/Salary-Bands/".into()];
        let (_, text, line) = convert_doc(slugged, &LinkIndex::new(&[], &[], ""), None, &mut HashSet::new());
        assert!(!text.contains("aliases") && !line.done.iter().any(|d| d.contains("letter case")), "{:?}", line.done);
    }

    #[test]
    fn two_posts_with_one_slug_get_two_files() {
        let mut docs = vec![doc("posts/a.md"), doc("posts/a.md"), doc("posts/b/index.md"), doc("posts/b/index.md")];
        unique_dests(&mut docs);
        let dests: Vec<&Path> = docs.iter().map(|d| d.dest.as_path()).collect();
        assert_eq!(
            dests,
            [
                Path::new("posts/a.md"),
                Path::new("posts/a-2.md"),
                Path::new("posts/b/index.md"),
                Path::new("posts/b-2/index.md")
            ]
        );
        assert!(docs[1].notes[0].contains("written as posts/a-2.md"), "{:?}", docs[1].notes);
    }

    #[test]
    fn old_urls_become_site_paths() {
        let dest = Path::new("posts/x.md");
        assert_eq!(site_path("https://old.example/2019/x.html", dest).as_deref(), Some("/2019/x.html"));
        assert_eq!(site_path("old-name", dest).as_deref(), Some("/posts/old-name"));
        assert_eq!(site_path("/a//b/", dest).as_deref(), Some("/a/b/"));
        assert_eq!(site_path("/a/../b/", dest), None);
        assert_eq!(normal_url("/posts/x/index.html"), normal_url("/posts/x"));
    }

    #[test]
    fn url_keys_join_the_spellings_of_one_page_only() {
        for url in ["/a/b/", "/a/b", "/a/b.html", "/a/b/index.html", "a/b"] {
            assert_eq!(url_key(url), "a/b", "{url}");
        }
        assert_eq!(url_key("/myindex.html"), "myindex");
        assert_eq!(url_key("/index.html"), "");
        assert_ne!(url_key("/A/b/"), url_key("/a/b/"));
    }

    #[test]
    fn a_page_never_published_gets_no_old_url_but_keeps_the_aliases_it_asks_for() {
        let source = serde_json::json!({"title": "Notes", "published": false, "redirect_from": ["/notes-old/"]});
        let mut d = doc("posts/notes.md");
        d.meta = meta::Meta::convert(source.as_object().unwrap());
        d.old_urls = vec!["/2020/01/01/notes.html".into()];
        let (_, text, line) = convert_doc(d, &LinkIndex::new(&[], &[], ""), None, &mut HashSet::new());
        assert!(text.contains("draft: true") && text.contains("aliases:\n- /notes-old/\n"), "{text}");
        assert!(!text.contains("/2020/01/01/notes.html"), "{text}");
        assert!(line.done.iter().any(|d| d.starts_with("never published")), "{:?}", line.done);
    }

    #[test]
    fn an_old_url_equal_to_the_new_one_is_left_out() {
        let mut d = doc("posts/welcome.md");
        d.old_urls = vec!["/posts/welcome/".into(), "/2019/08/19/welcome.html".into()];
        let (dest, text, line) = convert_doc(d, &LinkIndex::new(&[], &[], ""), None, &mut HashSet::new());
        assert_eq!(dest, Path::new("content/posts/welcome.md"));
        assert!(text.contains("aliases:\n- /2019/08/19/welcome.html\n"), "{text}");
        assert!(!text.contains("- /posts/welcome/"), "{text}");
        assert!(text.contains("title: Welcome\n"), "{text}");
        assert!(line.done.iter().any(|d| d.contains("made one from the file name")));
    }
}
