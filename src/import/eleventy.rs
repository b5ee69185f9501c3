//! Reads an Eleventy site for `careerpress import eleventy`. Eleventy's configuration is
//! JavaScript, which careerpress does not run: the folders (`dir.input`, `includes`,
//! `data`, `output`), the passthrough copies and the site's metadata are read where the
//! configuration writes them as plain strings, as eleventy-base-blog and most sites do.
//! Markdown pages are converted; other templates (Nunjucks, Liquid, HTML, `.11ty.js`)
//! drew lists, feeds and layouts, which careerpress's theme draws, and are listed.

use super::history::{Dated, History, When};
use super::meta::Meta;
use super::{files_under, is_markdown, read_text, slashed, Doc, Found};
use crate::error::printable;
use anyhow::{bail, Result};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// Eleventy's configuration files, in the order Eleventy looks for them.
const CONFIG_NAMES: [&str; 4] = [".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs"];

/// Template languages Eleventy renders that careerpress does not read.
const TEMPLATES: [&str; 9] = ["njk", "liquid", "html", "htm", "hbs", "pug", "ejs", "haml", "mustache"];

/// The dates Eleventy reads from the file rather than the front matter.
const FILE_DATES: [&str; 4] = ["Last Modified", "Created", "git Last Modified", "git Created"];

pub fn read(src: &Path) -> Result<Found> {
    let config_name = CONFIG_NAMES.iter().find(|n| src.join(n).is_file());
    let package = std::fs::read_to_string(src.join("package.json")).unwrap_or_default();
    if config_name.is_none() && !package.contains("@11ty/eleventy") {
        bail!(
            "{}: not an Eleventy site: expected eleventy.config.js (or .eleventy.js) or a package.json that uses \
             @11ty/eleventy in it",
            printable(src)
        );
    }
    let mut found = Found { history: History::read(src), published_future: Some("Eleventy"), ..Found::default() };
    let config = config_name.and_then(|n| read_text(src, Path::new(n), &mut found)).unwrap_or_default();
    let dirs = Dirs::of(&config);
    if !src.join(&dirs.input).is_dir() {
        bail!("{}: its input folder {} does not exist", printable(src), printable(&dirs.input));
    }
    read_metadata(src, &dirs.data, &mut found);
    markdown_setup(src, &dirs, &config, &mut found);
    let site = global_data(src, &dirs.data, &mut found);
    // Eleventy sets Nunjucks up to escape what it prints; LiquidJS prints as it is.
    let escaped = found.syntax == super::body::Syntax::Nunjucks;
    found.values = Some(super::printed::Values { site, scope: super::printed::Scope::Eleventy, escaped });
    let files = files_under(src, &dirs.input, &mut found);
    let ignored = ignored(src);
    let files: Vec<PathBuf> =
        files.into_iter().filter(|f| !dirs.left_out(f) && !ignored.iter().any(|i| f.starts_with(i))).collect();
    let markdown: Vec<&PathBuf> = files.iter().filter(|f| is_markdown(f)).collect();
    // A folder's own page (`x/index.md`, `x/x.md`) makes it a bundle, unless the folder
    // holds other pages: it is then a section, and that page its introduction.
    let pages: BTreeSet<PathBuf> = markdown
        .iter()
        .filter_map(|f| bundle_of(&dirs, f).map(|b| (b, f)))
        .filter(|(b, own)| !markdown.iter().any(|m| m != *own && m.parent() == Some(b.as_path())))
        .map(|(b, _)| b)
        .collect();
    let data = FolderData::read(src, &dirs, &files);
    let tree = Tree { dirs: &dirs, bundles: &pages, data: &data };
    for rel in &files {
        read_file(src, rel, &tree, &mut found);
    }
    found.menu = navigation_menu(src, &dirs, &config, &mut found);
    let (copies, unread) = passthrough(&config);
    for (from, to) in copies {
        copy_passthrough(src, &from, &to, &dirs, &mut found);
    }
    for args in unread {
        let why = format!(
            "a passthrough copy named by a variable or an expression (`addPassthroughCopy({args})`), which the import \
             cannot follow: copy its files into static/ at the path Eleventy published them at"
        );
        found.skipped.push((PathBuf::from(config_name.unwrap_or(&"eleventy.config.js")), why));
    }
    Ok(found)
}

/// The header's links, where the site's templates draw Eleventy Navigation's top level
/// (`collections.all | eleventyNavigation`): each page whose `eleventyNavigation` has a
/// `key` and no `parent`, by its `order`, then as read; its text is its `title`, else
/// its `key`. A site whose templates draw only a part of it (a docs sidebar,
/// `eleventyNavigation("Docs")`) keeps the header careerpress makes.
fn navigation_menu(src: &Path, dirs: &Dirs, config: &str, found: &mut Found) -> Vec<super::FoundMenu> {
    let entry = |extra: &Map<String, Value>, page: Option<String>, url: Option<String>| {
        let nav = extra.get("eleventyNavigation")?.as_object()?;
        let text = |key: &str| nav.get(key).and_then(Value::as_str).filter(|t| !t.is_empty()).map(str::to_string);
        if text("parent").is_some() {
            return None;
        }
        let name = text("title").or_else(|| text("key"))?;
        let order = nav.get("order").and_then(Value::as_f64).unwrap_or(0.0);
        // Its own `url` stands over its page's.
        let own = text("url");
        let page = if own.is_some() { None } else { page };
        Some((order, super::FoundMenu { name: Some(name), url: own.or(url), page }))
    };
    let pages = found.docs.iter().filter_map(|d| entry(&d.meta.extra, d.refs.first().cloned(), None));
    // The home page is at `/`; a section's page is found by its folder.
    let sections = found.sections.iter().filter_map(|(_, dest, meta, _)| match dest.parent().map(slashed) {
        Some(folder) if !folder.is_empty() => entry(&meta.extra, Some(format!("/{folder}")), None),
        _ => entry(&meta.extra, None, Some("/".into())),
    });
    let mut items: Vec<(f64, super::FoundMenu)> = pages.chain(sections).collect();
    // The templates are read only for a site whose pages name their place in it.
    if items.is_empty() {
        return Vec::new();
    }
    let layouts = string_setting(config, "layouts").or_else(|| called_with(config, "setLayoutsDirectory"));
    let mut folders = vec![dirs.includes.clone()];
    folders.extend(layouts.map(|l| clean(&dirs.input.join(l))));
    let templates: Vec<PathBuf> =
        folders.iter().filter(|f| src.join(f).is_dir()).flat_map(|f| files_under(src, f, found)).collect();
    if !templates.iter().any(|t| std::fs::read_to_string(src.join(t)).is_ok_and(|text| draws_top_level(&text))) {
        return Vec::new();
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    items.into_iter().map(|(_, entry)| entry).collect()
}

/// Whether a template draws Eleventy Navigation's whole tree: the filter with no key
/// (`| eleventyNavigation %}`, `| eleventyNavigation | eleventyNavigationToHtml`).
fn draws_top_level(template: &str) -> bool {
    template.match_indices("eleventyNavigation").any(|(at, word)| {
        let before = template[..at].trim_end();
        let after = template[at + word.len()..].trim_start();
        let whole = !after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
        let no_key = !after.starts_with('(') || after[1..].trim_start().starts_with(')');
        before.ends_with('|') && whole && no_key
    })
}

/// Whether a script sets markdown-it's `linkify` (`{ html: true, linkify: true }`).
fn sets_linkify(script: &str) -> bool {
    script
        .split("linkify")
        .skip(1)
        .any(|after| after.trim_start().trim_start_matches([':', '=']).trim_start().starts_with("true"))
}

/// The text of the site's own scripts (the configuration's plugins, as eleventy-excellent
/// keeps its Markdown setup in `src/_config/plugins/markdown.js`), outside `node_modules`,
/// hidden folders and the output folder. A folder that cannot be read is reported, as
/// `files_under` reports those in the input folder.
fn script_files(src: &Path, dirs: &Dirs, found: &mut Found) -> Vec<String> {
    let kept = |e: &walkdir::DirEntry| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || !(name.starts_with('.') || name == "node_modules" || e.path() == src.join(&dirs.output))
    };
    let script = |p: &Path| p.extension().and_then(|e| e.to_str()).is_some_and(|e| ["js", "cjs", "mjs"].contains(&e));
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(src).into_iter().filter_entry(kept) {
        match entry {
            Ok(e)
                if e.file_type().is_file() && script(e.path()) && e.metadata().is_ok_and(|m| m.len() < 256 * 1024) =>
            {
                texts.extend(std::fs::read_to_string(e.path()).ok());
            }
            Ok(_) => {}
            Err(e) => {
                let rel = e.path().and_then(|p| p.strip_prefix(src).ok()).map(Path::to_path_buf).unwrap_or_default();
                if !rel.starts_with(&dirs.input) {
                    found.skipped.push((rel, format!("cannot be read: {e}")));
                }
            }
        }
    }
    texts
}

/// Where Eleventy read and wrote, relative to the site's folder.
struct Dirs {
    input: PathBuf,
    includes: PathBuf,
    data: PathBuf,
    output: PathBuf,
}

impl Dirs {
    /// The `dir` settings as the configuration writes them (`input: "content"`), else
    /// Eleventy's defaults: `.`, and `_includes` and `_data` inside the input folder.
    fn of(config: &str) -> Dirs {
        // `dir: { input: "src" }`, or Eleventy 3's `eleventyConfig.setInputDirectory("src")`.
        let setting = |key: &str, call: &str| string_setting(config, key).or_else(|| called_with(config, call));
        let input = clean(Path::new(&setting("input", "setInputDirectory").unwrap_or_else(|| ".".into())));
        let beside_input =
            |key: &str, call: &str, default: &str| clean(&input.join(setting(key, call).unwrap_or(default.into())));
        let includes = beside_input("includes", "setIncludesDirectory", "_includes");
        let data = beside_input("data", "setDataDirectory", "_data");
        let output = clean(Path::new(&setting("output", "setOutputDirectory").unwrap_or_else(|| "_site".into())));
        Dirs { input, includes, data, output }
    }

    /// Whether Eleventy never read `rel` as a page: its includes, data, output and
    /// `node_modules`, and hidden files.
    fn left_out(&self, rel: &Path) -> bool {
        let hidden = rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        let under = |dir: &Path| !dir.as_os_str().is_empty() && rel.starts_with(dir);
        hidden
            || rel.components().any(|c| c.as_os_str() == "node_modules")
            || under(&self.includes)
            || under(&self.data)
            || under(&self.output)
    }

    fn under_input<'a>(&self, rel: &'a Path) -> &'a Path {
        rel.strip_prefix(&self.input).unwrap_or(rel)
    }
}

/// The paths `.eleventyignore` keeps Eleventy from reading, where written as paths
/// (`README.md`, `./drafts/`, `notes/**`); a line with another pattern is passed over.
fn ignored(src: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(src.join(".eleventyignore")).unwrap_or_default();
    text.lines()
        .map(|l| l.trim().trim_end_matches("/**").trim_end_matches("/*"))
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.contains(['*', '?', '[', '!']))
        .map(|l| clean(Path::new(l)))
        .filter(|p| !p.as_os_str().is_empty())
        .collect()
}

/// `a/./b/../c` as `a/c`; `.` as the empty path.
fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(p) => out.push(p),
            _ => {}
        }
    }
    out
}

/// The string a JavaScript configuration gives `key` (`input: "content"`, `"input": 'x'`),
/// where it writes one as a literal.
/// What the site's scripts set up of its Markdown: markdown-it's `linkify` (fuzzy `www.`
/// links get `http://`), heading ids by Eleventy's IdAttributePlugin, and the template
/// engine run over it.
fn markdown_setup(src: &Path, dirs: &Dirs, config: &str, found: &mut Found) {
    let scripts = script_files(src, dirs, found);
    let linkify = sets_linkify(config) || scripts.iter().any(|text| sets_linkify(text));
    if adds_id_plugin(config) || scripts.iter().any(|text| adds_id_plugin(text)) {
        found.heading_ids = Some(super::heading_ids::OldIds::Eleventy);
    }
    found.linkify = linkify.then(|| "http".to_string());
    found.emoji =
        [config].into_iter().chain(scripts.iter().map(String::as_str)).any(|text| text.contains("markdown-it-emoji"));
    found.syntax = markdown_engine(config);
}

/// Whether a configuration script adds Eleventy's IdAttributePlugin without a `slugify`
/// option (a site's own `slugify` makes ids no rule here knows).
fn adds_id_plugin(script: &str) -> bool {
    script.match_indices("addPlugin(IdAttributePlugin").any(|(at, _)| {
        let call = &script[at..];
        let end = call.find(");").unwrap_or(call.len());
        !call[..end].contains("slugify")
    })
}

fn string_setting(config: &str, key: &str) -> Option<String> {
    config.match_indices(key).find_map(|(i, _)| {
        let before = config[..i].trim_end_matches(['"', '\'']);
        if before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            return None;
        }
        let rest = config[i + key.len()..].trim_start_matches(['"', '\'']).trim_start();
        let rest = rest.strip_prefix(':')?.trim_start();
        let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
        let value = &rest[1..];
        Some(value[..value.find(quote)?].to_string())
    })
}

/// The template engine Eleventy ran over Markdown: Liquid unless told otherwise.
fn markdown_engine(config: &str) -> super::body::Syntax {
    match string_setting(config, "markdownTemplateEngine").as_deref() {
        Some("njk") => super::body::Syntax::Nunjucks,
        _ if sets_false(config, "markdownTemplateEngine") => super::body::Syntax::Plain,
        _ => super::body::Syntax::Liquid,
    }
}

/// Whether a configuration sets `key` to `false` (`markdownTemplateEngine: false`).
fn sets_false(config: &str, key: &str) -> bool {
    config.match_indices(key).any(|(i, _)| {
        let rest = config[i + key.len()..].trim_start_matches(['"', '\'']).trim_start();
        rest.strip_prefix(':').is_some_and(|r| r.trim_start().starts_with("false"))
    })
}

/// The string `name` of the object a configuration gives `key` (`author: { name: "Ana" }`).
fn object_setting(config: &str, key: &str, name: &str) -> Option<String> {
    config.match_indices(key).find_map(|(i, _)| {
        let rest = config[i + key.len()..].trim_start_matches(['"', '\'']).trim_start();
        let rest = rest.strip_prefix(':')?.trim_start().strip_prefix('{')?;
        string_setting(&rest[..rest.find('}')?], name)
    })
}

/// The first string a configuration passes to `function` (`setInputDirectory("src")`).
fn called_with(config: &str, function: &str) -> Option<String> {
    let at = config.find(&format!("{function}("))? + function.len() + 1;
    let args = &config[at..];
    let args = &args[..args.find(')')?];
    super::body::quoted(args).into_iter().next()
}

/// The site's title, address, description and language from `metadata.json` (or the
/// string values of `metadata.js`) in the data folder, as eleventy-base-blog keeps them.
fn read_metadata(src: &Path, data: &Path, found: &mut Found) {
    let json = std::fs::read_to_string(src.join(data).join("metadata.json")).ok();
    let parsed: Option<Map<String, Value>> = json.and_then(|t| serde_json::from_str(&t).ok());
    let js = std::fs::read_to_string(src.join(data).join("metadata.js")).unwrap_or_default();
    let value = |key: &str| match &parsed {
        Some(map) => map.get(key).and_then(Value::as_str).map(str::to_string),
        None => string_setting(&js, key),
    };
    found.title = value("title");
    found.base_url =
        value("url").and_then(|u| crate::config::normalize_base_url(&u).ok()).filter(|u| u.contains("://"));
    found.description = value("description");
    found.language = value("language");
    found.author = match &parsed {
        Some(map) => map.get("author").and_then(super::author_name),
        None => string_setting(&js, "author").or_else(|| object_setting(&js, "author", "name")),
    };
}

/// The global data a body's Liquid could print, one name per JSON file of the data folder
/// (`_data/metadata.json` is `metadata`; `_data/team/lead.json`, `team.lead`). Eleventy's
/// JavaScript data files are not run, so their names are left as written.
fn global_data(src: &Path, data: &Path, found: &mut Found) -> Map<String, Value> {
    if !src.join(data).is_dir() {
        return Map::new();
    }
    let files: Vec<(PathBuf, PathBuf)> = super::files_under(src, data, found)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")))
        .filter_map(|f| Some((f.clone(), Path::new("data").join(f.strip_prefix(data).ok()?))))
        .collect();
    super::printed::data_tree(src, &files)
}

/// The folder a Markdown page becomes a bundle of, when it is one: `blog/x/index.md`, or
/// `blog/x/x.md`, which Eleventy published at `/blog/x/` too.
fn bundle_of(dirs: &Dirs, rel: &Path) -> Option<PathBuf> {
    let under = dirs.under_input(rel);
    let folder = under.parent().filter(|f| !f.as_os_str().is_empty())?;
    let stem = under.file_stem()?;
    (stem == "index" || Some(stem) == folder.file_name()).then(|| rel.parent().map(Path::to_path_buf)).flatten()
}

/// One file of the input folder: a page, a template careerpress does not read, a data
/// file of a folder, or a file published as it is.
fn read_file(src: &Path, rel: &Path, tree: &Tree<'_>, found: &mut Found) {
    let Tree { dirs, bundles, data } = *tree;
    let under = dirs.under_input(rel).to_path_buf();
    let name = under.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = under.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    if is_markdown(rel) {
        return read_page(src, rel, tree, found);
    }
    let json_data = folder_json(&under);
    if !json_data && (name.contains(".11tydata.") || name.ends_with(".11ty.js") || name.ends_with(".11ty.cjs")) {
        let why =
            "an Eleventy data file or JavaScript template: careerpress does not run it (tags or a layout it gave \
                   the folder's pages are not imported)";
        return found.skipped.push((rel.to_path_buf(), why.into()));
    }
    if TEMPLATES.contains(&ext.as_str()) {
        let why = "an Eleventy template: careerpress's theme draws the home page, lists, tags and feeds; a page of \
                   your own can be rewritten as Markdown";
        return found.skipped.push((rel.to_path_buf(), why.into()));
    }
    if json_data {
        let why = match data.unread.contains(rel) {
            true => "an Eleventy data file that is no JSON object: what it gave the folder's pages is not imported",
            false => {
                "an Eleventy data file: read for its pages' tags, author, draft and `permalink: false`; the rest \
                      it gave them (a layout, other values) is not imported"
            }
        };
        return found.skipped.push((rel.to_path_buf(), why.into()));
    }
    // A file beside a bundled page is its resource; an image or document elsewhere is
    // published where it was, as the pages that show it expect. Eleventy itself published
    // only its passthrough copies (copied below), so the project's own files (its
    // package.json, a licence, scripts) stay out.
    let beside = bundles.iter().any(|b| rel.parent() == Some(b.as_path()));
    if beside {
        found.copies.push((rel.to_path_buf(), Path::new("content").join(&under)));
    } else if PUBLISHED.contains(&ext.as_str()) {
        found.copies.push((rel.to_path_buf(), Path::new("static").join(&under)));
    }
}

/// What a page links to beside it, and Eleventy's image transform published: images,
/// documents, audio and video.
const PUBLISHED: [&str; 16] = [
    "avif", "gif", "ico", "jpeg", "jpg", "png", "svg", "webp", "pdf", "mp3", "mp4", "ogg", "webm", "txt", "csv", "zip",
];

/// What every file of the input folder is read against.
struct Tree<'a> {
    dirs: &'a Dirs,
    /// Folders that are page bundles.
    bundles: &'a BTreeSet<PathBuf>,
    data: &'a FolderData,
}

/// The keys of a folder's data file that careerpress reads, which Eleventy's data cascade
/// gives every page in the folder and below it: tags (added to the page's own), an
/// author or `draft` (where the page has none), and `permalink: false` (no page written).
const FOLDER_KEYS: [&str; 4] = ["tags", "author", "draft", "permalink"];

/// The JSON data files of folders (`docs/docs.json`, `docs/docs.11tydata.json`, which
/// Eleventy ranks first), by the folder they belong to.
#[derive(Default)]
struct FolderData {
    by_folder: BTreeMap<PathBuf, (PathBuf, Map<String, Value>)>,
    /// Data files that could not be read as a JSON object.
    unread: BTreeSet<PathBuf>,
}

impl FolderData {
    fn read(src: &Path, dirs: &Dirs, files: &[PathBuf]) -> FolderData {
        let mut data = FolderData::default();
        for rel in files {
            if !folder_json(dirs.under_input(rel)) {
                continue;
            }
            let text = std::fs::read_to_string(src.join(rel)).unwrap_or_default();
            match (serde_json::from_str::<Value>(&text), rel.parent()) {
                // Eleventy ranks `x.11tydata.json` above `x.json`.
                (Ok(Value::Object(map)), Some(folder)) => {
                    let ranked = data
                        .by_folder
                        .get(folder)
                        .is_some_and(|(had, _)| had.to_string_lossy().ends_with(".11tydata.json"));
                    if !ranked {
                        data.by_folder.insert(folder.to_path_buf(), (rel.clone(), map));
                    }
                }
                _ => {
                    data.unread.insert(rel.clone());
                }
            }
        }
        data
    }

    /// Gives `front`, of the page at `rel`, what its folders' data files give it, the
    /// nearest folder first among them and the page's own front matter above all (tags
    /// added together, as Eleventy merges them); returns each key given, with its file.
    /// What the page's templates could print: its front matter over every value its
    /// folders' data files give, the nearest folder's first (Eleventy's data cascade).
    fn scope(&self, rel: &Path, front: &Map<String, Value>) -> Map<String, Value> {
        let mut scope = front.clone();
        for (_, data) in rel.ancestors().skip(1).filter_map(|folder| self.by_folder.get(folder)) {
            for (key, value) in data {
                scope.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
        scope
    }

    fn apply(&self, rel: &Path, front: &mut Map<String, Value>) -> Vec<(String, PathBuf)> {
        let mut given = Vec::new();
        for folder in rel.ancestors().skip(1) {
            let Some((file, data)) = self.by_folder.get(folder) else { continue };
            for key in FOLDER_KEYS {
                let Some(value) = data.get(key) else { continue };
                match (key, front.get_mut(key)) {
                    ("tags", Some(mine)) => {
                        let mut tags = super::meta::strings(mine);
                        for tag in super::meta::strings(value) {
                            if !tags.contains(&tag) {
                                tags.push(tag);
                            }
                        }
                        *mine = Value::from(tags);
                    }
                    // A folder's permalink pattern, which only a page's own overrides.
                    ("permalink", Some(_)) => continue,
                    (_, Some(_)) => continue,
                    (_, None) => {
                        front.insert(key.to_string(), value.clone());
                    }
                }
                given.push((key.to_string(), file.clone()));
            }
        }
        given
    }
}

/// Eleventy's JSON data file of a folder: `blog/blog.json`, or `blog/blog.11tydata.json`.
fn folder_json(under: &Path) -> bool {
    let (Some(folder), Some(name)) = (under.parent().and_then(Path::file_name), under.file_name()) else {
        return false;
    };
    let (folder, name) = (folder.to_string_lossy(), name.to_string_lossy());
    name == format!("{folder}.json") || name == format!("{folder}.11tydata.json")
}

/// One Markdown page: its front matter converted, its date and its old URL as Eleventy
/// made them.
fn read_page(src: &Path, rel: &Path, tree: &Tree<'_>, found: &mut Found) {
    let Tree { dirs, bundles, data } = *tree;
    let under = dirs.under_input(rel).to_path_buf();
    let mut notes = Vec::new();
    let Some(source) = read_front(src, rel, &mut notes, found) else { return };
    let mut front = source.meta;
    let from_folders = data.apply(rel, &mut front);
    if front.get("permalink") == Some(&Value::Bool(false)) {
        let why = match from_folders.iter().find(|(key, _)| key == "permalink") {
            Some((_, file)) => format!(
                "`permalink: false` in its folder's data file {}: Eleventy wrote no page for it",
                printable(file)
            ),
            None => "`permalink: false`: Eleventy wrote no page for it".to_string(),
        };
        return found.skipped.push((rel.to_path_buf(), why));
    }
    if !from_folders.is_empty() {
        let keys: Vec<String> = from_folders.iter().map(|(key, _)| format!("`{key}`")).collect();
        notes.push(format!("{} from its folder's data file, as Eleventy gave it", keys.join(", ")));
    }
    // The home page, or a section's own page: its title and description introduce the
    // list careerpress draws there; its other keys go under `extra`.
    let top_index = under.components().count() == 1 && under.file_stem().is_some_and(|s| s == "index");
    // A folder's own page is its bundle's page, or (beside other pages) its section's.
    let (section_page, in_bundle) = match bundle_of(dirs, rel) {
        Some(folder) => (!bundles.contains(&folder), bundles.contains(&folder)),
        None => (false, false),
    };
    if top_index || section_page {
        let meta = super::hugo::section_meta(&front);
        let dest = under.parent().unwrap_or(Path::new("")).join("_index.md");
        found.sections.push((rel.to_path_buf(), dest, meta, source.body));
        return;
    }
    collection_tags(&mut front, &mut notes);
    let dest = match (in_bundle, under.parent()) {
        (true, Some(folder)) => folder.join("index.md"),
        _ => under.with_extension("md"),
    };
    let in_section = dest.components().count() > if in_bundle { 2 } else { 1 };
    date_as_eleventy(&mut front, &dest, in_section, |when| found.history.day(src, rel, when), &mut notes);
    let old = old_url(&front, &under, &dest, &mut notes);
    let meta = Meta { source: data.scope(rel, &front), ..Meta::convert(&front) };
    // Links name a page's file from the project's folder or from the input folder.
    let mut refs = vec![slashed(rel)];
    refs.extend(Some(slashed(&under)).filter(|u| *u != refs[0]));
    found.docs.push(Doc { old_urls: old.into_iter().collect(), refs, notes, ..Doc::new(rel, dest, meta, source.body) });
}

/// A page's front matter and body: YAML or TOML as other generators write it, or
/// Eleventy's `---json` and `---js`, whose plain values (`const title = "x";`, `draft:
/// true,`) are read; a JavaScript value that is no literal is left out, with a note.
fn read_front(src: &Path, rel: &Path, notes: &mut Vec<String>, found: &mut Found) -> Option<super::meta::Source> {
    let text = read_text(src, rel, found)?;
    let first = text.lines().next().unwrap_or("").trim_end();
    let language = first.strip_prefix("---").filter(|l| matches!(*l, "js" | "javascript" | "json"));
    let Some(language) = language else { return super::parse_source(&text, rel, found) };
    let after_first = &text[text.find('\n').map_or(text.len(), |i| i + 1)..];
    // The front matter ends at the first line that is `---` alone.
    let mut offset = 0;
    let mut closing = None;
    for line in after_first.split_inclusive('\n') {
        if line.trim_end() == "---" {
            closing = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let (front, body) = match closing {
        Some((end, body_start)) => (&after_first[..end], &after_first[body_start..]),
        None => {
            found.skipped.push((rel.to_path_buf(), format!("its `{first}` front matter is not closed with `---`")));
            return None;
        }
    };
    let meta = if language == "json" {
        match serde_json::from_str::<Value>(front) {
            Ok(Value::Object(map)) => map,
            _ => {
                found.skipped.push((rel.to_path_buf(), "its JSON front matter is not an object".into()));
                return None;
            }
        }
    } else {
        let (meta, left) = js_values(front);
        if left > 0 {
            notes.push(format!("JavaScript front matter: {left} value(s) that are no plain literal left out"));
        }
        meta
    };
    Some(super::meta::Source { meta, body: body.to_string(), notes: Vec::new() })
}

/// The plain values of JavaScript front matter, one per line (`const title = "x";`,
/// `title: "x",`): strings, numbers, `true`, `false`, and lists of strings; and how many
/// other values (objects, functions) were left out.
fn js_values(text: &str) -> (Map<String, Value>, usize) {
    let mut map = Map::new();
    let mut left = 0;
    // An object literal (`{ title: "x" }`, the older form) is read as its entries.
    let trimmed = text.trim();
    let text = trimmed.strip_prefix('{').and_then(|t| t.strip_suffix('}')).unwrap_or(trimmed);
    // Lines inside an object or a list that spans lines are its own, never the page's.
    let mut depth = 0i32;
    for line in text.lines().map(str::trim) {
        let outside = depth == 0;
        depth += line.matches(['{', '[']).count() as i32 - line.matches(['}', ']']).count() as i32;
        if !outside {
            continue;
        }
        let line = line.trim_end_matches([';', ',']).trim();
        let declared = ["const ", "let ", "var "].iter().find_map(|k| line.strip_prefix(k));
        let (name, value) = match declared {
            Some(rest) => match rest.split_once('=') {
                Some((name, value)) => (name.trim(), value.trim()),
                None => continue,
            },
            None => match line.split_once(':') {
                Some((name, value)) if !name.contains(['(', ' ', '{']) => {
                    (name.trim().trim_matches(['"', '\'']), value.trim())
                }
                _ => continue,
            },
        };
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        match js_literal(value) {
            Some(v) => drop(map.insert(name.to_string(), v)),
            None => left += 1,
        }
    }
    (map, left)
}

/// A JavaScript literal as a value: a quoted string, a number, `true` or `false`, or a
/// list of quoted strings; None for anything else.
fn js_literal(text: &str) -> Option<Value> {
    match text {
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        _ => {}
    }
    if let Ok(n) = text.parse::<i64>() {
        return Some(Value::from(n));
    }
    if let Some(list) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        let items = super::body::quoted(list);
        let bare = list.split(',').filter(|i| !i.trim().is_empty()).count();
        return (items.len() == bare).then(|| Value::from(items));
    }
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
    // A template literal with `${…}` is computed, not plain.
    let computed = quote == '`' && inner.contains("${");
    (!inner.contains(quote) && !computed).then(|| Value::String(inner.to_string()))
}

/// Eleventy's `tags` as careerpress's: a string is one tag, spaces and all (Eleventy does
/// not split it as Jekyll does), and `all`, `post` and `posts`, the collections its
/// templates list pages by rather than topics readers browse, are left out.
fn collection_tags(front: &mut Map<String, Value>, notes: &mut Vec<String>) {
    let tags = match front.get("tags") {
        Some(Value::String(tag)) => vec![tag.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => return,
    };
    let (collections, topics): (Vec<String>, Vec<String>) =
        tags.into_iter().partition(|t| ["all", "post", "posts"].contains(&t.trim().to_lowercase().as_str()));
    if !collections.is_empty() {
        notes.push(format!("tags {} left out: Eleventy's collections, not topics", collections.join(", ")));
    }
    front.insert("tags".into(), Value::from(topics));
}

/// The page's date as Eleventy gave it: its `date`, the file's (`Last Modified`,
/// `Created`), the date its name starts with, else, for an article, the file's.
fn date_as_eleventy(
    front: &mut Map<String, Value>,
    dest: &Path,
    in_section: bool,
    day: impl FnOnce(When) -> Dated,
    notes: &mut Vec<String>,
) {
    match front.get("date").and_then(Value::as_str) {
        Some(kind) if FILE_DATES.iter().any(|d| d.eq_ignore_ascii_case(kind.trim())) => {
            let when = if kind.to_ascii_lowercase().contains("created") { When::Created } else { When::Modified };
            let dated = day(when);
            notes.push(format!("`date: {kind}`: dated by {}", dated.by));
            front.insert("date".into(), Value::String(dated.day));
        }
        Some(_) => {}
        None => {
            let (_, name) = super::page_place(dest);
            if let Some((date, _)) = crate::content::dated_name(&name) {
                front.insert("date".into(), Value::String(date.to_iso()));
                notes.push("date from the file name, as Eleventy read it".into());
            } else if in_section {
                // Eleventy dated it by its file's creation, which a checkout makes anew.
                let dated = day(When::Created);
                front.insert("date".into(), Value::String(dated.day));
                notes.push(format!("no date: dated by {}, where Eleventy took its file's creation", dated.by));
            }
        }
    }
}

/// Where Eleventy published the page (read from `under`, its path in the input folder):
/// its `permalink` where it is a plain path or names only the page's file
/// (`/blog/{{ page.fileSlug }}/`, a folder data file's usual pattern), else its path in
/// the input folder (a bundle's folder); None where another template made it, which the
/// import cannot run.
fn old_url(front: &Map<String, Value>, under: &Path, dest: &Path, notes: &mut Vec<String>) -> Option<String> {
    match front.get("permalink").and_then(Value::as_str).map(|link| file_names_filled(link, under)) {
        Some(link) if link.contains("{{") || link.contains("{%") => {
            notes.push(format!("`permalink: {link}` is a template: its old URL is not known, so no redirect"));
            None
        }
        Some(link) => Some(format!("/{}", link.trim_start_matches('/'))),
        None => {
            let (folder, name) = super::page_place(dest);
            let folder = folder.to_string_lossy().replace('\\', "/");
            Some(if folder.is_empty() { format!("/{name}/") } else { format!("/{folder}/{name}/") })
        }
    }
}

/// `link` with Eleventy's names for the page's file filled in: `{{ page.fileSlug }}` (its
/// name without extension or leading date, an `index` file's folder name) and `{{
/// page.filePathStem }}` (its path in the input folder without extension).
fn file_names_filled(link: &str, under: &Path) -> String {
    let stem = under.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let slug = match stem.as_str() {
        "index" => {
            under.parent().and_then(Path::file_name).map(|f| f.to_string_lossy().into_owned()).unwrap_or_default()
        }
        _ => {
            let date = stem.get(..10).filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok());
            match (date, stem.get(10..11), stem.get(11..)) {
                (Some(_), Some("-"), Some(rest)) if !rest.is_empty() => rest.to_string(),
                _ => stem,
            }
        }
    };
    let path_stem = format!("/{}", slashed(&under.with_extension("")));
    let mut out = link.to_string();
    for (name, value) in [("page.fileSlug", slug.as_str()), ("page.filePathStem", path_stem.as_str())] {
        let mut from = 0;
        while let Some(open) = out[from..].find("{{").map(|i| from + i) {
            let Some(close) = out[open..].find("}}").map(|c| open + c + 2) else { break };
            if out[open + 2..close - 2].trim() == name {
                out.replace_range(open..close, value);
                from = open + value.len();
            } else {
                from = close;
            }
        }
    }
    out
}

/// The passthrough copies a configuration writes as literals: `addPassthroughCopy("img")`
/// (published at the same path) and `addPassthroughCopy({ "./public/": "/" })`, as
/// (source, published path) pairs relative to the site's folder and the output; and the
/// arguments of each copy named otherwise (a variable, an expression), which it cannot read.
fn passthrough(config: &str) -> (Vec<(String, String)>, Vec<String>) {
    let (mut out, mut unread) = (Vec::new(), Vec::new());
    for (i, _) in config.match_indices("addPassthroughCopy(") {
        let args = &config[i + "addPassthroughCopy(".len()..];
        let args = &args[..args.find(')').unwrap_or(args.len())];
        let strings = super::body::quoted(args);
        if args.trim_start().starts_with('{') {
            out.extend(strings.chunks_exact(2).map(|pair| (pair[0].clone(), pair[1].clone())));
        } else if let Some(path) = strings.first().filter(|_| args.trim_start().starts_with(['"', '\'', '`'])) {
            out.push((path.clone(), path.clone()));
        } else {
            unread.push(args.trim().chars().take(60).collect());
        }
    }
    (out, unread)
}

/// A passthrough copy's files into `static/`, at the path Eleventy published them at
/// (where the copy names a path of the input folder and no other, without that folder:
/// `src/fonts` of input `src` at `fonts`); a glob or a path that does not exist is listed.
fn copy_passthrough(src: &Path, from: &str, to: &str, dirs: &Dirs, found: &mut Found) {
    let source = clean(Path::new(from));
    if from.contains(['*', '{']) || !src.join(&source).exists() || source.as_os_str().is_empty() {
        let why = format!("a passthrough copy the import cannot follow ({from:?}): copy its files into static/");
        return found.skipped.push((PathBuf::from(from), why));
    }
    let in_input = !dirs.input.as_os_str().is_empty() && source.starts_with(&dirs.input);
    let published = match in_input && from == to {
        true => dirs.under_input(&source).to_path_buf(),
        false => clean(Path::new(to.trim_start_matches('/'))),
    };
    // An image of the input folder is copied already, as a file of the site.
    let copied: BTreeSet<PathBuf> = found.copies.iter().map(|(_, dest)| dest.clone()).collect();
    for rel in files_under(src, &source, found) {
        let inside = rel.strip_prefix(&source).unwrap_or(&rel);
        // A `.gitkeep` or an editor's file is no part of the site.
        if inside.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')) {
            continue;
        }
        let dest = if src.join(&source).is_file() { published.clone() } else { published.join(inside) };
        let dest = Path::new("static").join(dest);
        if !copied.contains(&dest) {
            found.copies.push((rel.clone(), dest));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE_BLOG: &str = r#"
        eleventyConfig.addPassthroughCopy({ "./public/": "/" }).addPassthroughCopy("./content/feed/pretty.xsl");
        eleventyConfig.addPassthroughCopy("img");
        export const config = {
            markdownTemplateEngine: "njk",
            dir: {
                input: "content",          // default: "."
                includes: "../_includes",  // default: "_includes" (`input` relative)
                "data": '../_data',
                output: "_site"
            },
        };"#;

    #[test]
    fn permalinks_that_name_the_pages_file_are_filled_in() {
        let filled = |link: &str, under: &str| file_names_filled(link, Path::new(under));
        assert_eq!(filled("/blog/{{ page.fileSlug }}/", "blog/2022-04-22-three-million.md"), "/blog/three-million/");
        assert_eq!(filled("/{{page.fileSlug}}/", "notes/why/index.md"), "/why/");
        assert_eq!(filled("{{ page.filePathStem }}.html", "blog/2022-04-22-x.md"), "/blog/2022-04-22-x.html");
        assert_eq!(filled("/x/{{ page.fileSlug }}/", "blog/2022-4-22-x.md"), "/x/2022-4-22-x/");
        assert_eq!(filled("/{{ page.fileSlug }}/", "blog/aaaaaaaaaé-x.md"), "/aaaaaaaaaé-x/");
        assert_eq!(filled("/{{ page.fileSlug }}/", "blog/2022-04-22-.md"), "/2022-04-22-/");
        let other = "/{{ title | slugify }}/{{ page.fileSlug }}/";
        assert_eq!(filled(other, "a.md"), "/{{ title | slugify }}/a/");
    }

    #[test]
    fn only_the_whole_navigation_drawn_is_a_header() {
        for whole in [
            "{% for e in collections.all | eleventyNavigation %}",
            "{{ collections.all | eleventyNavigation | eleventyNavigationToHtml | safe }}",
            "{%- set nav = collections.all |eleventyNavigation() -%}",
        ] {
            assert!(draws_top_level(whole), "{whole}");
        }
        for part in [
            "{{ collections.all | eleventyNavigation(\"Docs\") | eleventyNavigationToHtml }}",
            "{{ navPages | eleventyNavigationToHtml }}",
            "{% if eleventyNavigation.parent %}",
            "{{ eleventyNavigation.key | navBreadcrumbs }}",
        ] {
            assert!(!draws_top_level(part), "{part}");
        }
    }

    #[test]
    fn folders_are_read_where_the_configuration_writes_them() {
        let dirs = Dirs::of(BASE_BLOG);
        assert_eq!(
            (dirs.input.as_path(), dirs.includes.as_path(), dirs.data.as_path(), dirs.output.as_path()),
            (Path::new("content"), Path::new("_includes"), Path::new("_data"), Path::new("_site"))
        );
        let plain = Dirs::of("module.exports = function(c) {}");
        assert_eq!((plain.input.as_path(), plain.includes.as_path()), (Path::new(""), Path::new("_includes")));
        assert!(plain.left_out(Path::new("_includes/base.njk")) && plain.left_out(Path::new("node_modules/x/a.md")));
        assert!(plain.left_out(Path::new(".github/README.md")) && !plain.left_out(Path::new("blog/a.md")));
        assert_eq!(string_setting("myinput: 'x', input: `src`", "input"), Some("src".into()));
    }

    #[test]
    fn passthrough_copies_are_read_from_literals() {
        assert_eq!(
            passthrough(BASE_BLOG).0,
            [
                ("./public/".to_string(), "/".to_string()),
                ("./content/feed/pretty.xsl".into(), "./content/feed/pretty.xsl".into()),
                ("img".into(), "img".into())
            ]
        );
        let through_a_variable = r#"["src/js", "src/css"].forEach((p) => eleventyConfig.addPassthroughCopy(p));"#;
        assert_eq!(passthrough(through_a_variable), (Vec::new(), vec!["p".to_string()]));
        let built = r#"eleventyConfig.addPassthroughCopy(dir + "/fonts");"#;
        assert_eq!(passthrough(built).1, [r#"dir + "/fonts""#]);
    }

    #[test]
    fn a_page_named_after_its_folder_is_that_folders_page() {
        let dirs = Dirs::of(BASE_BLOG);
        assert_eq!(
            bundle_of(&dirs, Path::new("content/blog/fourth/fourth.md")),
            Some(PathBuf::from("content/blog/fourth"))
        );
        assert_eq!(bundle_of(&dirs, Path::new("content/blog/x/index.md")), Some(PathBuf::from("content/blog/x")));
        assert_eq!(bundle_of(&dirs, Path::new("content/blog/first.md")), None);
        assert_eq!(bundle_of(&dirs, Path::new("content/about.md")), None);
    }

    #[test]
    fn javascript_front_matter_gives_its_plain_values() {
        let (map, left) = js_values(
            "const title = \"A fifth post\";\nconst date = '2023-01-23';\nconst draft = true;\n\
             const tags = [\"a\", 'b c'];\nconst eleventyNavigation = {\n\tkey: \"About\",\n\torder: 3\n};\n\
             const made = `${x}`;",
        );
        assert_eq!(map["title"], "A fifth post");
        assert_eq!((&map["date"], &map["draft"]), (&Value::from("2023-01-23"), &Value::Bool(true)));
        assert_eq!(map["tags"], serde_json::json!(["a", "b c"]));
        // Not the object, nor what is inside it: `key` is the navigation's, not the page's.
        assert_eq!((map.get("eleventyNavigation"), map.get("key"), left), (None, None, 2), "{map:?}");
        let (map, _) = js_values("{\n  title: \"Old form\",\n  tags: [\"x\"]\n}");
        assert_eq!((&map["title"], &map["tags"]), (&Value::from("Old form"), &serde_json::json!(["x"])));
        assert_eq!(js_literal("[a, \"b\"]"), None);
    }

    #[test]
    fn eleventy_3_folders_collections_and_data_files() {
        let dirs = Dirs::of("eleventyConfig.setInputDirectory(\"src\");\neleventyConfig.setOutputDirectory('dist');");
        assert_eq!((dirs.input.as_path(), dirs.data.as_path()), (Path::new("src"), Path::new("src/_data")));
        assert_eq!(dirs.output.as_path(), Path::new("dist"));
        let mut notes = Vec::new();
        let mut front = Map::from_iter([("tags".to_string(), serde_json::json!(["posts", "job search", "All"]))]);
        collection_tags(&mut front, &mut notes);
        assert_eq!((&front["tags"], notes.len()), (&serde_json::json!(["job search"]), 1));
        let mut front = Map::from_iter([("tags".to_string(), Value::from("job search"))]);
        collection_tags(&mut front, &mut notes);
        assert_eq!(front["tags"], serde_json::json!(["job search"]));
        assert!(folder_json(Path::new("blog/blog.json")) && folder_json(Path::new("blog/blog.11tydata.json")));
        for other in ["blog/x.json", "blog/x.11tydata.json", "blog/blog.11tydata.js", "blog.json"] {
            assert!(!folder_json(Path::new(other)), "{other}");
        }
    }

    #[test]
    fn dates_and_old_urls_as_eleventy_made_them() {
        let mut notes = Vec::new();
        let saved = |_| Dated { day: "2026-01-01".into(), by: "the day its file was last saved" };
        let mut front = Map::new();
        date_as_eleventy(&mut front, Path::new("blog/2020-01-02-x.md"), true, saved, &mut notes);
        assert_eq!(front["date"], "2020-01-02");
        let mut front = Map::from_iter([("date".to_string(), Value::from("git Last Modified"))]);
        date_as_eleventy(&mut front, Path::new("blog/x.md"), true, saved, &mut notes);
        assert_eq!(front["date"], "2026-01-01");
        let mut front = Map::new();
        date_as_eleventy(&mut front, Path::new("about.md"), false, saved, &mut notes);
        assert!(front.is_empty(), "a page outside a section needs no date");

        let url =
            |front: &Map<String, Value>, dest: &str| old_url(front, Path::new(dest), Path::new(dest), &mut Vec::new());
        assert_eq!(url(&Map::new(), "blog/2020-01-02-x.md"), Some("/blog/2020-01-02-x/".into()));
        assert_eq!(url(&Map::new(), "blog/fourth/index.md"), Some("/blog/fourth/".into()));
        let permalink = |p: &str| Map::from_iter([("permalink".to_string(), Value::from(p))]);
        assert_eq!(url(&permalink("/old/x.html"), "blog/x.md"), Some("/old/x.html".into()));
        assert_eq!(url(&permalink("/{{ page.fileSlug }}/"), "blog/x.md"), Some("/x/".into()));
        assert_eq!(url(&permalink("/{{ title | slugify }}/"), "blog/x.md"), None);
    }
}
