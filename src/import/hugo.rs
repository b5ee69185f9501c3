//! Reads a Hugo site: its configuration (`hugo.toml`, `config.toml`, YAML or JSON, also
//! under `config/_default/`), `content/` with sections, `_index.md` files and page
//! bundles, `static/` and `data/`.

use super::footnotes::OldNotes;
use super::heading_ids::{is_letter_or_digit, OldIds};
use super::history::{Dated, When};
use super::hugo_dates::{self, Field};
use super::meta::{self, Given, Meta, Ordered};
use super::{files_under, is_markdown, page_place, read_source, read_text, slashed, top_name, Doc, Found};
use crate::error::printable;
use anyhow::{bail, Result};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

const CONFIG_NAMES: [&str; 2] = ["hugo", "config"];
const CONFIG_EXTS: [&str; 4] = ["toml", "yaml", "yml", "json"];

pub fn read(src: &Path) -> Result<Found> {
    let Some(config_file) = config_file(src) else {
        bail!("{}: not a Hugo site: expected hugo.toml or config.toml (or .yaml, .json) in it", printable(src));
    };
    let mut found = Found {
        syntax: super::body::Syntax::Hugo,
        booleans: crate::yaml::Booleans::GoYamlV2,
        // The days pages were written and last changed: `:git` and undated pages.
        history: super::history::History::read(src),
        ..Found::default()
    };
    let mut config = read_config(src, &config_file, &mut found).unwrap_or_default();
    merge_config_dir(src, &mut config, &mut found);
    let languages = Languages::of(&config);
    let dirs = ContentDirs::of(&config, &languages);
    if !src.join(&dirs.default).is_dir() {
        bail!(
            "{}: a Hugo site without a content folder ({}): there is nothing to import",
            printable(src),
            printable(&dirs.default)
        );
    }
    let mut menu = read_settings(&config, &languages.default, &mut found);
    found.heading_ids = heading_ids(&config, built_with(src));
    found.footnotes = footnotes(&config);
    found.linkify = linkify(&config);
    found.emoji = any_case(&config, "enableEmoji").and_then(Value::as_bool) == Some(true);
    found.published_future =
        any_case(&config, "buildFuture").and_then(Value::as_bool).filter(|&on| on).map(|_| "Hugo's `buildFuture`");
    let files = content_files(src, &dirs, &languages, &mut found);
    let site = Tree::of(src, &config, dirs.default, languages, &files);
    for rel in &files {
        read_content(src, rel, &site, &mut found, &mut menu);
    }
    move_bundle_files(&site.content, &mut found);
    if site.sections_menu {
        menu.extend(sections_without_index(&found));
    }
    found.menu = in_menu_order(menu);
    // A site without static files or data has no such folder: nothing to report.
    for dir in ["static", "data"].into_iter().filter(|dir| src.join(dir).exists()) {
        for rel in files_under(src, Path::new(dir), &mut found) {
            found.copies.push((rel.clone(), rel));
        }
    }
    let assets = any_case(&config, "assetDir").and_then(Value::as_str).unwrap_or("assets");
    global_resources(src, Path::new(assets.trim_matches('/')), &mut found);
    left_templates(src, &mut found);
    left_feeds(&config, &mut found);
    // What `{{< param >}}` falls back to when the page has no such value.
    let params = any_case(&config, "params").and_then(Value::as_object).cloned().unwrap_or_default();
    use super::printed::Scope;
    found.values = Some(super::printed::Values { site: params, scope: Scope::Hugo, escaped: true });
    Ok(found)
}

/// Hugo wrote RSS at /index.xml and at each section's, unless `disableKinds` said not
/// to; careerpress writes Atom elsewhere, and a feed reader follows no page's redirect.
fn left_feeds(config: &Map<String, Value>, found: &mut Found) {
    let disabled = any_case(config, "disableKinds").map(super::meta::strings).unwrap_or_default();
    if !disabled.iter().any(|kind| kind.eq_ignore_ascii_case("rss")) {
        let why = super::feeds_not_kept("Hugo's RSS feeds (/index.xml, and each section's and tag's index.xml) are");
        found.skipped.push((PathBuf::from("index.xml"), why));
    }
}

/// Hugo's templates, which careerpress's theme replaces: the site's `layouts/` (with the
/// render hooks and shortcodes among them named, since what they did to links, images,
/// headings and code is gone) and its `themes/`. The shortcodes of both are noted
/// (`Found::own_shortcodes`), the site's before a theme's, as Hugo looks them up.
fn left_templates(src: &Path, found: &mut Found) {
    let layouts = Path::new("layouts");
    if src.join(layouts).is_dir() {
        let files = files_under(src, layouts, found);
        let mut hooks: Vec<String> = files
            .iter()
            .filter(|f| f.components().any(|c| c.as_os_str() == "_markup"))
            .filter_map(|f| f.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        hooks.sort();
        hooks.dedup();
        let mut why = "Hugo's templates: careerpress's theme draws the pages".to_string();
        if !hooks.is_empty() {
            why.push_str(&format!(
                "; render hooks ({}) no longer change links, images, headings or code",
                hooks.join(", ")
            ));
        }
        let shortcodes = shortcode_templates(&files);
        if !shortcodes.is_empty() {
            let names: Vec<&str> = shortcodes.keys().map(String::as_str).collect();
            why.push_str(&format!(
                "; shortcodes ({}) get stand-in templates in templates/shortcodes/ where a page uses them",
                names.join(", ")
            ));
        }
        found.own_shortcodes.extend(shortcodes);
        found.skipped.push((layouts.to_path_buf(), why));
    }
    if src.join("themes").is_dir() {
        // A theme's shortcodes take the place of Hugo's own too.
        let themes = files_under(src, Path::new("themes"), found);
        for (name, file) in shortcode_templates(&themes) {
            found.own_shortcodes.entry(name).or_insert(file);
        }
        found
            .skipped
            .push((PathBuf::from("themes"), "a Hugo theme: careerpress's default theme takes its place".into()));
    }
}

/// The shortcodes among template files (`layouts/shortcodes/docs/note.html`, or
/// `_shortcodes` since Hugo 0.146), by the name pages call them (`docs/note`): the path
/// from that folder, up to the file name's first dot (`note.en.html`, `note.amp.html` are
/// `note` in another language or output format). Each name's template is its plain
/// `.html` one where there is one.
fn shortcode_templates(files: &[PathBuf]) -> BTreeMap<String, PathBuf> {
    let mut found: BTreeMap<String, PathBuf> = BTreeMap::new();
    for file in files {
        let parts: Vec<String> = file.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let Some(at) =
            parts.windows(2).position(|w| w[0] == "layouts" && matches!(w[1].as_str(), "shortcodes" | "_shortcodes"))
        else {
            continue;
        };
        let Some((file_name, folders)) = parts[at + 2..].split_last() else { continue };
        let Some(stem) = file_name.split('.').next().filter(|s| !s.is_empty()) else { continue };
        let name = folders.iter().map(String::as_str).chain([stem]).collect::<Vec<_>>().join("/");
        if *file_name == format!("{stem}.html") || !found.contains_key(&name) {
            found.insert(name, file.clone());
        }
    }
    found
}

/// What careerpress copies of Hugo's global resources: images, which pages and themes show.
const RESOURCE_IMAGES: [&str; 10] = ["avif", "bmp", "gif", "ico", "jpeg", "jpg", "png", "svg", "tiff", "webp"];

/// The images under `assets/` (`assetDir`): Hugo's global resources, published at their
/// path there when a page or the theme uses one (`resources.Get`, the `figure` shortcode,
/// a theme's cover image or image hook). Copied to `static/` at that path, where a
/// relative link that reaches nothing else finds them (`relink`). Sass, scripts and the
/// rest are built by the theme's Hugo Pipes, and listed as not imported.
fn global_resources(src: &Path, dir: &Path, found: &mut Found) {
    if dir.as_os_str().is_empty() || !src.join(dir).is_dir() {
        return;
    }
    let taken: HashSet<PathBuf> = found.copies.iter().map(|(_, dest)| dest.clone()).collect();
    let mut pipes = 0;
    for rel in files_under(src, dir, found) {
        let image = rel.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        if !image.is_some_and(|e| RESOURCE_IMAGES.contains(&e.as_str())) {
            pipes += 1;
            continue;
        }
        let dest = Path::new("static").join(rel.strip_prefix(dir).unwrap_or(&rel));
        if taken.contains(&dest) {
            found.skipped.push((rel, format!("{} is published at the same path", printable(&dest))));
        } else {
            found.copies.push((rel, dest));
        }
    }
    if pipes > 0 {
        let why =
            format!("{pipes} file(s) for Hugo Pipes (Sass, bundled scripts): the theme's job (images here are copied)");
        found.skipped.push((dir.to_path_buf(), why));
    }
    found.resources = Some(dir.to_string_lossy().replace('\\', "/"));
}

/// Hugo's configuration folder: each file of `config/_default/` but the main one is the
/// key it is named after (`params.yaml` is `[params]`, `permalinks.toml` `[permalinks]`).
fn merge_config_dir(src: &Path, config: &mut Map<String, Value>, found: &mut Found) {
    let dir = Path::new("config/_default");
    let Ok(entries) = std::fs::read_dir(src.join(dir)) else { return };
    let mut names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    for name in names {
        let Some((key, ext)) = name.rsplit_once('.') else { continue };
        if !CONFIG_EXTS.contains(&ext) {
            continue;
        }
        // `hugo.en.toml` is `[languages.en]`, `menus.en.toml` `[languages.en.menus]`.
        if let Some((key, language)) = key.split_once('.') {
            let Some(value) = read_config(src, &dir.join(&name), found) else { continue };
            let languages = config.entry("languages").or_insert_with(|| Value::Object(Map::new()));
            let Some(languages) = languages.as_object_mut() else { continue };
            let entry = languages.entry(language.to_string()).or_insert_with(|| Value::Object(Map::new()));
            let Some(entry) = entry.as_object_mut() else { continue };
            if CONFIG_NAMES.contains(&key) {
                entry.extend(value);
            } else {
                entry.insert(key.to_string(), Value::Object(value));
            }
            continue;
        }
        if CONFIG_NAMES.contains(&key) || config.contains_key(key) {
            continue;
        }
        if let Some(value) = read_config(src, &dir.join(&name), found) {
            config.insert(key.to_string(), Value::Object(value));
        }
    }
}

/// `[permalinks]` for pages, by section: Hugo's current form puts them under
/// `[permalinks.page]` (beside `[permalinks.section]`, for list pages), the older one
/// directly under `[permalinks]`.
fn page_permalinks(config: &Map<String, Value>) -> Map<String, Value> {
    let Some(Value::Object(all)) = config.get("permalinks") else { return Map::new() };
    let mut pages: Map<String, Value> =
        all.iter().filter(|(_, v)| v.is_string()).map(|(k, v)| (k.clone(), v.clone())).collect();
    if let Some(Value::Object(page)) = all.get("page") {
        pages.extend(page.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    pages
}

/// `[markup.goldmark]` (empty when not written), or None when Hugo's Markdown handler was
/// another than goldmark, its default.
fn goldmark(config: &Map<String, Value>) -> Option<Option<&Map<String, Value>>> {
    let markup = any_case(config, "markup").and_then(Value::as_object);
    let handler = markup.and_then(|m| any_case(m, "defaultMarkdownHandler")).and_then(Value::as_str);
    if handler.is_some_and(|h| !h.eq_ignore_ascii_case("goldmark")) {
        return None;
    }
    Some(markup.and_then(|m| any_case(m, "goldmark")).and_then(Value::as_object))
}

/// The protocol Hugo gave `www.` links where goldmark's `linkify` made links of bare URLs
/// (on by default; `linkifyProtocol`, `https` by default); None with it off, or another
/// Markdown handler.
fn linkify(config: &Map<String, Value>) -> Option<String> {
    let extensions = goldmark(config)?.and_then(|g| any_case(g, "extensions")).and_then(Value::as_object);
    let setting = |key: &str| extensions.and_then(|e| any_case(e, key));
    if setting("linkify").and_then(Value::as_bool) == Some(false) {
        return None;
    }
    Some(setting("linkifyProtocol").and_then(Value::as_str).unwrap_or("https").to_string())
}

/// How Hugo named footnotes: goldmark's way, by number; None for another Markdown handler,
/// with footnotes turned off, or with `enableAutoIDPrefix`, whose prefix is a hash of the page.
fn footnotes(config: &Map<String, Value>) -> Option<OldNotes> {
    let goldmark = goldmark(config)?;
    let extensions = goldmark.and_then(|g| any_case(g, "extensions")).and_then(Value::as_object);
    match extensions.and_then(|e| any_case(e, "footnote")) {
        Some(Value::Bool(false)) => None,
        Some(Value::Object(footnote)) => {
            let on = |key: &str| any_case(footnote, key).and_then(Value::as_bool);
            (on("enable") != Some(false) && on("enableAutoIDPrefix") != Some(true)).then_some(OldNotes::Goldmark)
        }
        _ => Some(OldNotes::Goldmark),
    }
}

/// The site's title, address, language, description and author, the default language's
/// own (`[languages.en] title`) laid over the site's, as Hugo lays them; returns the
/// header links its `[[menus.main]]` names (pages add theirs in their front matter).
fn read_settings(config: &Map<String, Value>, default: &str, found: &mut Found) -> Vec<MenuItem> {
    let own = any_case(config, "languages")
        .and_then(Value::as_object)
        .and_then(|all| all.iter().find(|(k, _)| k.eq_ignore_ascii_case(default)))
        .and_then(|(_, v)| v.as_object());
    let text_in =
        |table: &Map<String, Value>, key: &str| any_case(table, key).and_then(Value::as_str).map(str::to_string);
    let text = |key: &str| own.and_then(|own| text_in(own, key)).or_else(|| text_in(config, key));
    let described = |table: &Map<String, Value>| {
        text_in(table, "description").or_else(|| params_of(table).and_then(|p| text_in(p, "description")))
    };
    // `params.author` (themes' way) or the old top-level `author`, a name or a table.
    let author = |table: &Map<String, Value>| {
        let given = params_of(table).and_then(|p| any_case(p, "author").cloned());
        given.or_else(|| any_case(table, "author").cloned()).as_ref().and_then(super::author_name)
    };
    found.title = text("title");
    found.base_url =
        text("baseURL").and_then(|u| crate::config::normalize_base_url(&u).ok()).filter(|u| u.contains("://"));
    found.language = text("languageCode");
    found.description = own.and_then(described).or_else(|| described(config));
    found.author = own.and_then(author).or_else(|| author(config));
    let menus = own
        .and_then(|own| any_case(own, "menus").or_else(|| any_case(own, "menu")))
        .or_else(|| any_case(config, "menus").or_else(|| any_case(config, "menu")));
    found.menu_children = menu_children(menus);
    main_menu(menus)
}

/// The names of `[[menus.main]]`'s entries under a `parent`, which [`MenuItem::of`]
/// leaves out.
fn menu_children(menus: Option<&Value>) -> Vec<String> {
    let entries = menus.and_then(|m| any_case(m.as_object()?, "main")).and_then(Value::as_array);
    let text = |e: &Map<String, Value>, key: &str| any_case(e, key).and_then(Value::as_str).map(str::to_string);
    let children = entries.into_iter().flatten().filter_map(Value::as_object);
    let children = children.filter(|e| text(e, "parent").is_some_and(|p| !p.is_empty()));
    children.filter_map(|e| text(e, "name").or_else(|| text(e, "pageRef")).or_else(|| text(e, "url"))).collect()
}

/// A settings table's `params` (themes' own settings), in any case.
fn params_of(table: &Map<String, Value>) -> Option<&Map<String, Value>> {
    any_case(table, "params").and_then(Value::as_object)
}

/// One header link and where Hugo sorted it: by `weight` (none, or 0, after the rest),
/// then by name (Hugo's `ByWeight`, its default order).
struct MenuItem {
    weight: i64,
    name: String,
    entry: super::FoundMenu,
}

impl MenuItem {
    /// An entry's table (`weight`, `name`, `parent`): None for a child (`parent`), which
    /// is in a drop-down careerpress's header does not have.
    fn of(table: &Map<String, Value>, entry: super::FoundMenu) -> Option<MenuItem> {
        if any_case(table, "parent").and_then(Value::as_str).is_some_and(|p| !p.is_empty()) {
            return None;
        }
        let weight = any_case(table, "weight").and_then(Value::as_i64).filter(|&w| w != 0).unwrap_or(i64::MAX);
        let name = entry.name.clone().unwrap_or_default();
        Some(MenuItem { weight, name, entry })
    }
}

/// The header links in Hugo's order; ties keep the order they were read in.
fn in_menu_order(mut items: Vec<MenuItem>) -> Vec<super::FoundMenu> {
    items.sort_by(|a, b| {
        let by_name = a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.name.cmp(&b.name));
        a.weight.cmp(&b.weight).then(by_name)
    });
    items.into_iter().map(|item| item.entry).collect()
}

/// Hugo's `[[menus.main]]` (or `menu.main`): the header's links, each a `name` with a
/// `url` or a `pageRef`.
fn main_menu(menus: Option<&Value>) -> Vec<MenuItem> {
    let entries = menus.and_then(|m| any_case(m.as_object()?, "main")).and_then(Value::as_array);
    let text = |e: &Map<String, Value>, key: &str| any_case(e, key).and_then(Value::as_str).map(str::to_string);
    let link = |e: &Map<String, Value>| super::FoundMenu {
        name: text(e, "name"),
        url: text(e, "url"),
        page: text(e, "pageRef"),
    };
    entries.into_iter().flatten().filter_map(Value::as_object).filter_map(|e| MenuItem::of(e, link(e))).collect()
}

/// A page's own place in the header: `menu: main`, a list of menus naming `main`, or a
/// table by menu (`menu: {main: {weight: 2}}`), as Hugo reads it; or, with
/// `sectionPagesMenu = "main"` (`listed`), a top-level section's index. `page` names the
/// page as `menu_entries` finds it (its path under `content/`, a section by its folder);
/// its name is the entry's `name`, else its `linkTitle`, else (None) the page's title,
/// which for a `section` (its folder) is found here.
fn page_menu(front: &Map<String, Value>, page: &str, section: Option<&str>, listed: bool) -> Option<MenuItem> {
    let main = |name: &Value| name.as_str().is_some_and(|n| n.eq_ignore_ascii_case("main"));
    let empty = Map::new();
    let table = match any_case(front, "menus").or_else(|| any_case(front, "menu")) {
        Some(name @ Value::String(_)) if main(name) => Some(&empty),
        Some(Value::Array(names)) if names.iter().any(main) => Some(&empty),
        Some(Value::Object(menus)) => any_case(menus, "main").map(|e| e.as_object().unwrap_or(&empty)),
        _ => None,
    };
    // A section listed by `sectionPagesMenu`, weighted by its index's `weight`.
    let table = table.or_else(|| listed.then_some(front))?;
    let text = |key: &str| any_case(front, key).and_then(Value::as_str).map(str::to_string);
    let own = any_case(table, "name").and_then(Value::as_str).map(str::to_string);
    let mut name = own.or_else(|| text("linkTitle"));
    // A section's entry is found by its path, and needs a name of its own.
    if let Some(folder) = section {
        name = name.or_else(|| text("title")).or_else(|| Some(title_cased(folder)));
    }
    let sort_name = name.clone().or_else(|| text("title")).unwrap_or_default();
    let entry = super::FoundMenu { name, url: None, page: Some(page.to_string()) };
    // An entry without a weight of its own has the page's (Hugo's `p.Weight()`).
    let weight = any_case(front, "weight").and_then(Value::as_i64).filter(|&w| w != 0).unwrap_or(i64::MAX);
    let own_weight = any_case(table, "weight").and_then(Value::as_i64).is_some_and(|w| w != 0);
    let item = MenuItem::of(table, entry)?;
    Some(MenuItem { name: sort_name, weight: if own_weight { item.weight } else { weight }, ..item })
}

/// With `sectionPagesMenu`, the top-level sections that have pages but no `_index.md`:
/// Hugo listed them too, by their folder's name.
fn sections_without_index(found: &Found) -> Vec<MenuItem> {
    let indexed: HashSet<String> =
        found.sections.iter().filter_map(|(_, dest, ..)| Some(slashed(dest.parent()?))).collect();
    let mut folders: Vec<String> = found
        .docs
        .iter()
        .filter(|d| d.dest.components().count() > 2 || d.dest.file_name().is_some_and(|n| n != "index.md"))
        .filter(|d| d.dest.components().count() > 1)
        .filter_map(|d| d.dest.iter().next().map(|f| f.to_string_lossy().into_owned()))
        .filter(|folder| !indexed.contains(folder))
        .collect();
    folders.sort();
    folders.dedup();
    let listed = |folder: String| page_menu(&Map::new(), &format!("/{folder}"), Some(&folder), true);
    folders.into_iter().filter_map(listed).collect()
}

/// Hugo's title for a section without one: its folder's name with a capital.
fn title_cased(folder: &str) -> String {
    let mut chars = folder.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The site's configuration file, at the top or in `config/_default`, by any of Hugo's
/// names and formats.
fn config_file(src: &Path) -> Option<PathBuf> {
    ["", "config/_default"]
        .iter()
        .flat_map(|dir| {
            CONFIG_NAMES
                .iter()
                .flat_map(move |n| CONFIG_EXTS.iter().map(move |e| Path::new(dir).join(format!("{n}.{e}"))))
        })
        .find(|p| src.join(p).is_file())
}

/// How Hugo made heading ids: goldmark's "github" rule, its default, from the heading's
/// text, or from its source line by a Hugo older than 0.144 (`version`, where the site's
/// deploy files name one); None for another Markdown handler or rule, or with
/// `autoHeadingID = false`.
fn heading_ids(config: &Map<String, Value>, version: Option<(u32, u32)>) -> Option<OldIds> {
    let goldmark = goldmark(config)?;
    let parser = goldmark.and_then(|g| any_case(g, "parser")).and_then(Value::as_object);
    if parser.and_then(|p| any_case(p, "autoHeadingID")).and_then(Value::as_bool) == Some(false) {
        return None;
    }
    let github = match version {
        Some(v) if v < (0, 144) => OldIds::GoldmarkSource,
        _ => OldIds::Goldmark,
    };
    match parser.and_then(|p| any_case(p, "autoHeadingIDType")).and_then(Value::as_str) {
        None => Some(github),
        Some(kind) if kind.eq_ignore_ascii_case("github") => Some(github),
        Some(_) => None,
    }
}

/// Files that deploy a Hugo site and name the Hugo release they build it with.
const DEPLOY_FILES: [&str; 4] = ["netlify.toml", ".gitlab-ci.yml", "amplify.yml", "vercel.json"];

/// The newest Hugo release (major, minor) the site's deploy files name: `HUGO_VERSION =
/// "0.120.4"` in netlify.toml, `hugo-version: '0.119.0'` in a GitHub workflow, the tag of
/// GitLab's `hugo_extended:0.110.0` image. None when none names one (or names `latest`).
fn built_with(src: &Path) -> Option<(u32, u32)> {
    let workflows = std::fs::read_dir(src.join(".github/workflows")).into_iter().flatten().flatten();
    let files = DEPLOY_FILES.iter().map(|f| src.join(f)).chain(workflows.map(|e| e.path()));
    files.filter_map(|f| std::fs::read_to_string(f).ok()).filter_map(|text| named_version(&text)).max()
}

/// The newest Hugo version `text` names after a `HUGO_VERSION`, `hugo-version`, or a
/// Docker image's `hugo_extended:` or `hugo:` tag (in any case).
fn named_version(text: &str) -> Option<(u32, u32)> {
    let lower = text.to_ascii_lowercase();
    let mut newest = None;
    for key in ["hugo_version", "hugo-version", "hugo_extended:", "hugo:"] {
        for (at, _) in lower.match_indices(key) {
            let after = &lower[at + key.len()..];
            // `: '`, ` = "`, `: v`, then the number.
            let start = after
                .find(|c: char| c.is_ascii_digit())
                .filter(|&i| after[..i].chars().all(|c| matches!(c, ' ' | ':' | '=' | '"' | '\'' | 'v')));
            let Some(start) = start else { continue };
            let mut parts = after[start..].split('.').map(|p| p.split(|c: char| !c.is_ascii_digit()).next());
            let (Some(Some(major)), Some(Some(minor))) = (parts.next(), parts.next()) else { continue };
            if let (Ok(major), Ok(minor)) = (major.parse(), minor.parse()) {
                newest = newest.max(Some((major, minor)));
            }
        }
    }
    newest
}

/// `map`'s value for `name` in any case: Hugo reads configuration and front matter keys
/// so (`contentDir`, `Headless`).
fn any_case<'m>(map: &'m Map<String, Value>, name: &str) -> Option<&'m Value> {
    map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v)
}

/// Hugo's own front matter keys but its dates (`hugo_dates`), in the spelling the import
/// reads them by. Hugo reads front matter keys in any case, and old archetypes wrote
/// `Title`, `Date` and `Tags`.
const FRONT_MATTER_KEYS: [&str; 28] = [
    "aliases",
    "author",
    "authors",
    "build",
    "cascade",
    "categories",
    "description",
    "draft",
    "headless",
    "images",
    "isCJKLanguage",
    "keywords",
    "layout",
    "linkTitle",
    "markup",
    "menu",
    "menus",
    "outputs",
    "params",
    "resources",
    "series",
    "sitemap",
    "slug",
    "summary",
    "tags",
    "title",
    "type",
    "url",
];

/// A Hugo page's front matter with each of Hugo's own keys written in any case (`Title`,
/// `LastMod`, `PublishDate`) under the spelling the import reads: imported as written,
/// such a page lost its title, date and tags to `extra`. A key also written in that
/// spelling stays as it is (which of the two Hugo took is not known).
fn hugo_key_case(front: &mut Map<String, Value>) {
    let renamed: Vec<(String, &str)> = front
        .keys()
        .filter_map(|key| {
            let known =
                FRONT_MATTER_KEYS.into_iter().chain(hugo_dates::all_keys()).find(|k| k.eq_ignore_ascii_case(key))?;
            (key != known && !front.contains_key(known)).then(|| (key.clone(), known))
        })
        .collect();
    for (key, known) in renamed {
        // Of two spellings of one key (`Title` and `TITLE`), the first stays the key.
        if front.contains_key(known) {
            continue;
        }
        if let Some(value) = front.remove(&key) {
            front.insert(known.to_string(), value);
        }
    }
}

/// Hugo lowercases the URL it makes of a `slug` (`urlize`, as `default_url` does):
/// `slug: Toml-Dates` was published at `…/toml-dates/`, and kept as written, careerpress
/// would publish it at `…/Toml-Dates/`, where no old link leads. Under
/// `disablePathToLower` (`keep_case`) Hugo published `…/Toml-Dates/`, as careerpress will.
fn slug_as_urlized(meta: &mut Meta, keep_case: bool, notes: &mut Vec<String>) {
    let Some(slug) = meta.get("slug").filter(|s| !keep_case && s.chars().any(char::is_uppercase)) else { return };
    let lower = slug.to_lowercase();
    notes.push(format!("`slug: {slug}` → {lower}: Hugo's URL had it in lower case"));
    meta.set("slug", Value::String(lower));
}

/// Where a site's content is: `content/`, or the `contentDir` of the site or of its default
/// language, or a module mount's source for `content`; and other languages' own folders.
struct ContentDirs {
    default: PathBuf,
    others: Vec<(String, PathBuf)>,
}

impl ContentDirs {
    fn of(config: &Map<String, Value>, languages: &Languages) -> ContentDirs {
        // An empty `contentDir` is no folder of its own: Hugo's default stands.
        let dir = |map: &Map<String, Value>| {
            any_case(map, "contentDir").and_then(Value::as_str).map(clean_dir).filter(|d| !d.as_os_str().is_empty())
        };
        // `[[module.mounts]]` with `target = "content"`, for one language (`lang`) or all.
        let mounts: Vec<(Option<String>, PathBuf)> = any_case(config, "module")
            .and_then(|m| m.get("mounts"))
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|m| {
                m.get("target").and_then(Value::as_str).map(clean_dir).is_some_and(|t| t == Path::new("content"))
            })
            .filter_map(|m| {
                let source = m.get("source").and_then(Value::as_str).map(clean_dir)?;
                Some((m.get("lang").and_then(Value::as_str).map(str::to_lowercase), source))
            })
            .collect();
        let mounted = |lang: Option<&str>| mounts.iter().find(|(l, _)| l.as_deref() == lang).map(|(_, s)| s.clone());
        let per_language = any_case(config, "languages").and_then(Value::as_object);
        let of_language = |lang: &str| {
            per_language
                .and_then(|languages| any_case(languages, lang))
                .and_then(Value::as_object)
                .and_then(dir)
                .or_else(|| mounted(Some(lang)))
        };
        let default = of_language(&languages.default)
            .or_else(|| dir(config))
            .or_else(|| mounted(None))
            .unwrap_or_else(|| PathBuf::from("content"));
        let others = languages
            .others
            .iter()
            .filter_map(|lang| of_language(lang).map(|d| (lang.clone(), d)))
            .filter(|(_, d)| *d != default)
            .collect();
        ContentDirs { default, others }
    }
}

/// A folder as a configuration names it (`./content/en/`), as a relative path.
fn clean_dir(text: &str) -> PathBuf {
    text.trim().trim_start_matches("./").trim_matches('/').split('/').filter(|p| !p.is_empty()).collect()
}

/// The files of the default language's content folder but translations, which are
/// reported as not imported, as is another language's own folder.
fn content_files(src: &Path, dirs: &ContentDirs, languages: &Languages, found: &mut Found) -> Vec<PathBuf> {
    let mut files = files_under(src, &dirs.default, found);
    for (language, dir) in dirs.others.iter().filter(|(_, dir)| src.join(dir).is_dir()) {
        let why = format!(
            "the content of language {language}: careerpress publishes a site in one language, {}; import it into a site of its own",
            languages.default
        );
        files.retain(|rel| !rel.starts_with(dir));
        found.skipped.push((dir.clone(), why));
    }
    files.retain(|rel| match languages.translation(rel) {
        Some(language) => {
            let why = format!(
                "a translation ({language}): careerpress publishes a site in one language, {}; import it into a site of its own",
                languages.default
            );
            found.skipped.push((rel.to_path_buf(), why));
            false
        }
        None => true,
    });
    files
}

fn read_config(src: &Path, rel: &Path, found: &mut Found) -> Option<Map<String, Value>> {
    let text = read_text(src, rel, found)?;
    let parsed: Result<Value, String> = match rel.extension().and_then(|e| e.to_str()) {
        Some("toml") => text
            .parse::<toml::Table>()
            .map(|t| meta::toml_to_json(toml::Value::Table(t)))
            .map_err(|e| meta::toml_problem(&text, &e, 1)),
        Some("json") => serde_json::from_str(&text).map_err(|e| e.to_string()),
        // Read as Hugo read it: `buildFuture: yes` is true.
        _ => crate::yaml::parse_value(&text)
            .map(|v| crate::yaml::read_as(&text, crate::yaml::Booleans::GoYamlV2).unwrap_or(v))
            .map_err(|e| meta::yaml_problem(&e)),
    };
    match parsed {
        Ok(Value::Object(map)) => Some(map),
        Ok(_) => None,
        Err(e) => {
            found
                .skipped
                .push((rel.to_path_buf(), format!("does not parse ({e}): the site's title and URL were not read")));
            None
        }
    }
}

/// A multilingual Hugo site's languages (`[languages.fa]`, `defaultContentLanguage`), to
/// tell a translation (`x.fa.md`) from a page. Hugo reads a language from a file name only
/// when the site configures it; a site with no `languages` has no translations.
struct Languages {
    default: String,
    others: Vec<String>,
}

impl Languages {
    fn of(config: &Map<String, Value>) -> Languages {
        let default = any_case(config, "defaultContentLanguage").and_then(Value::as_str).unwrap_or("en").to_lowercase();
        let others = any_case(config, "languages")
            .and_then(Value::as_object)
            .map(|languages| languages.keys().map(|k| k.to_lowercase()).filter(|k| *k != default).collect())
            .unwrap_or_default();
        Languages { default, others }
    }

    /// The language a file name marks, when it is a configured one: `fa` for `x.fa.md`.
    /// The default language is one even on a site that configures none (`index.en.md`).
    fn marked(&self, rel: &Path) -> Option<String> {
        let stem = rel.file_stem()?.to_str()?;
        let (_, language) = stem.rsplit_once('.')?;
        let language = language.to_lowercase();
        (language == self.default || self.others.contains(&language)).then_some(language)
    }

    /// The language of a translation into another than the default language.
    fn translation(&self, rel: &Path) -> Option<String> {
        self.marked(rel).filter(|language| *language != self.default)
    }

    /// The file name without the default language's mark: `x.md` for `x.en.md`.
    fn plain_name(&self, rel: &Path) -> Option<String> {
        let name = rel.file_name()?.to_string_lossy().into_owned();
        match self.marked(rel) {
            Some(language) => {
                let extension = rel.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
                let stem = name.strip_suffix(&format!(".{language}.{extension}"))?;
                Some(format!("{stem}.{extension}"))
            }
            None => Some(name),
        }
    }
}

/// The sections whose pages were the site's posts, lowercased: `mainSections` (in
/// `params`, as older Hugo read it, or at the top), else the section holding the most of the
/// site's pages (`pages`, relative to `content/`), as Hugo chose; every one of them on a tie.
fn main_sections(config: &Map<String, Value>, pages: &[PathBuf]) -> Vec<String> {
    let named =
        params_of(config).and_then(|p| any_case(p, "mainSections")).or_else(|| any_case(config, "mainSections"));
    let listed = |v: &Value| match v {
        Value::String(one) => vec![one.to_lowercase()],
        Value::Array(all) => all.iter().filter_map(Value::as_str).map(str::to_lowercase).collect(),
        _ => Vec::new(),
    };
    if let Some(named) = named {
        return listed(named);
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for section in pages.iter().filter_map(|p| page_section(p)) {
        *counts.entry(section.to_lowercase()).or_default() += 1;
    }
    let most = counts.values().copied().max().unwrap_or_default();
    counts.into_iter().filter(|&(_, n)| n == most).map(|(section, _)| section).collect()
}

/// What every file of `content/` is read with.
struct Tree {
    /// The content folder read: `content/`, or the one the configuration names.
    content: PathBuf,
    /// Page bundles: folders with an `index.md`.
    bundles: Vec<PathBuf>,
    permalinks: Map<String, Value>,
    languages: Languages,
    /// Sections whose `cascade` keeps every page below them from being rendered.
    unrendered: Vec<PathBuf>,
    /// The taxonomies' plural names (`tags`, `categories`): their folders under `content/`
    /// hold the front matter of pages Hugo made, not sections.
    taxonomies: Vec<String>,
    /// `uglyURLs` as configured (Null when not).
    ugly_urls: Value,
    /// `[frontmatter]`: what gives a page each date the site orders, in order.
    orders: Vec<(Field, Vec<String>)>,
    /// `disablePathToLower`: Hugo kept the case of the URLs it made.
    keep_case: bool,
    /// `sectionPagesMenu = "main"`: each top-level section was a header link.
    sections_menu: bool,
    /// The sections whose pages were the site's posts, lowercased: `mainSections`, else
    /// Hugo's default, the section with the most pages.
    main_sections: Vec<String>,
    /// The name of each file and folder at the top of `content/`, lowercased, without
    /// its extension.
    top_names: HashSet<String>,
}

impl Tree {
    /// What the site's configuration `config` says of how Hugo published its `files`,
    /// found under `content`.
    fn of(src: &Path, config: &Map<String, Value>, content: PathBuf, languages: Languages, files: &[PathBuf]) -> Tree {
        let (pages_under, others): (Vec<PathBuf>, Vec<PathBuf>) = files
            .iter()
            .filter(|f| languages.translation(f).is_none())
            .filter_map(|f| Some(f.strip_prefix(&content).ok()?.with_file_name(languages.plain_name(f)?)))
            .partition(|f| {
                is_markdown(f) && !f.file_name().is_some_and(|n| n.to_string_lossy().starts_with("_index."))
            });
        let bundles = files
            .iter()
            .filter(|f| languages.plain_name(f).is_some_and(|n| n == "index.md"))
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        Tree {
            content,
            bundles,
            permalinks: page_permalinks(config),
            unrendered: unrendered_sections(src, files, &languages),
            languages,
            taxonomies: taxonomies(config),
            ugly_urls: any_case(config, "uglyURLs").cloned().unwrap_or(Value::Null),
            orders: frontmatter_orders(config),
            keep_case: switch(config, "disablePathToLower"),
            sections_menu: any_case(config, "sectionPagesMenu")
                .and_then(Value::as_str)
                .is_some_and(|m| m.eq_ignore_ascii_case("main")),
            main_sections: main_sections(config, &pages_under),
            top_names: pages_under.iter().chain(&others).filter_map(|f| top_name(f)).collect(),
        }
    }

    /// Where a page (`under`, relative to `content/`) goes when it is one of a section
    /// outside the main ones that the header linked (Stack's `page/about/index.md`, with
    /// `mainSections = ["post"]`): to the top of `content/`, where careerpress keeps pages
    /// that are no posts (undated, in no list or feed). None for the rest, and for one
    /// whose name a file or folder at the top has already. With the report's note.
    fn standalone(&self, under: &Path) -> Option<(PathBuf, String)> {
        let parts: Vec<&std::ffi::OsStr> = under.iter().collect();
        let (section, page) = match parts[..] {
            // `about/index.md` is a bundle at the top already, in no section.
            [section, page] if page != "index.md" => (section, PathBuf::from(page)),
            [section, folder, index] if index == "index.md" => (section, Path::new(folder).join(index)),
            _ => return None,
        };
        let section = section.to_string_lossy();
        if self.main_sections.is_empty() || self.main_sections.contains(&section.to_lowercase()) {
            return None;
        }
        top_name(&page).filter(|name| !self.top_names.contains(name))?;
        let note = format!(
            "a page of `{section}/`, which is none of the main sections (`mainSections`), linked from the header \
             → a page at the top of content/: no date, in no list or feed"
        );
        Some((page, note))
    }

    /// Why a section index (relative to `content/`) is not imported when it is a
    /// taxonomy's list page (`tags/_index.md`) or term page (`tags/interviews/_index.md`).
    fn taxonomy_page(&self, under: &Path) -> Option<String> {
        let parts: Vec<_> = under.components().collect();
        let first = parts.first()?.as_os_str().to_str()?;
        let taxonomy = self.taxonomies.iter().find(|t| t.eq_ignore_ascii_case(first))?;
        (2..=3).contains(&parts.len()).then(|| {
            format!(
                "the `{taxonomy}` taxonomy's own page, which careerpress makes itself (its tag pages, from tags and categories alike)"
            )
        })
    }
}

/// The taxonomies' plural names: `[taxonomies]` (singular = "plural"), else Hugo's default,
/// tags and categories.
fn taxonomies(config: &Map<String, Value>) -> Vec<String> {
    match any_case(config, "taxonomies").and_then(Value::as_object) {
        Some(map) => map.values().filter_map(Value::as_str).map(str::to_string).collect(),
        None => vec!["tags".into(), "categories".into()],
    }
}

/// Why Hugo never rendered a page with this front matter, if it did not: `headless: true`
/// (a bundle of resources), or `build` (`_build` before Hugo 0.65) with `render: never`
/// (`false` before 0.76). Such pages had no URL: importing them would publish text the
/// old site kept out of sight (snippets included in other pages, say).
fn unrendered(front: &Map<String, Value>) -> Option<&'static str> {
    if any_case(front, "headless").and_then(Value::as_bool) == Some(true) {
        return Some("a headless bundle (`headless: true`): Hugo never published it as a page");
    }
    let build = any_case(front, "build").or_else(|| any_case(front, "_build"))?;
    // `link` gives the page a URL without writing it: nothing was published there either.
    let never = match any_case(build.as_object()?, "render")? {
        Value::Bool(render) => !render,
        Value::String(render) => render.eq_ignore_ascii_case("never") || render.eq_ignore_ascii_case("link"),
        _ => false,
    };
    never.then_some("`build: render: never`: Hugo never published it as a page")
}

/// The sections whose `_index.md` cascades an unrendered `build` to itself and the pages
/// below it, a headless branch bundle (a `cascade` aimed at some pages only, by `target`
/// or `_target`, is not followed).
fn unrendered_sections(src: &Path, files: &[PathBuf], languages: &Languages) -> Vec<PathBuf> {
    let index = |rel: &PathBuf| languages.plain_name(rel).is_some_and(|n| n == "_index.md" || n == "_index.markdown");
    let front = |rel: &PathBuf| {
        let text = std::fs::read_to_string(src.join(rel)).ok()?;
        let mut meta =
            super::meta::read(super::meta::after_leading_space(&text), crate::yaml::Booleans::GoYamlV2).ok()?.meta;
        hugo_key_case(&mut meta);
        Some(meta)
    };
    // A cascade aimed at some pages only is not followed.
    let applies = |one: &Map<String, Value>| {
        !one.contains_key("_target") && !one.contains_key("target") && unrendered(one).is_some()
    };
    let cascades = |front: &Map<String, Value>| match front.get("cascade") {
        Some(Value::Object(one)) => applies(one),
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_object).any(applies),
        _ => false,
    };
    files
        .iter()
        .filter(|rel| index(rel))
        .filter(|rel| front(rel).is_some_and(|f| cascades(&f)))
        .filter_map(|rel| rel.parent().map(Path::to_path_buf))
        .collect()
}

/// A file under `content/` that is not Markdown: an image or file beside a page, copied
/// (careerpress publishes it beside the page); an HTML page or a content adapter, listed.
fn read_other(rel: &Path, dest: &Path, found: &mut Found) {
    let why = match rel.extension().and_then(|e| e.to_str()) {
        Some("gotmpl") => {
            "a Hugo content adapter (a template that makes pages): careerpress does not run it, \
             and the pages it made are not imported"
        }
        Some("html" | "htm") => "an HTML page: careerpress reads Markdown; convert it by hand",
        // Hugo's other content formats, which it rendered through an outside tool.
        Some("org") => "an Org page: careerpress reads Markdown; convert it by hand (pandoc can)",
        Some("adoc" | "asciidoc" | "ad") => {
            "an AsciiDoc page: careerpress reads Markdown; convert it by hand (pandoc can)"
        }
        Some("rst") => "a reStructuredText page: careerpress reads Markdown; convert it by hand (pandoc can)",
        Some("pdc" | "pandoc") => "a Pandoc page: careerpress reads Markdown; convert it to Markdown with pandoc",
        _ => return found.copies.push((rel.to_path_buf(), dest.to_path_buf())),
    };
    found.skipped.push((rel.to_path_buf(), why.into()));
}

/// One file under `content/`: a page, a section's `_index.md`, or a bundle's resource.
fn read_content(src: &Path, rel: &Path, site: &Tree, found: &mut Found, menu: &mut Vec<MenuItem>) {
    let Tree { content, bundles, languages, unrendered: unrendered_sections, .. } = site;
    let mut under = rel.strip_prefix(content).unwrap_or(rel).to_path_buf();
    if let Some(plain) = languages.plain_name(rel) {
        under.set_file_name(plain);
    }
    let in_bundle = bundles.iter().any(|b| rel.starts_with(b));
    if !is_markdown(rel) {
        read_other(rel, &Path::new("content").join(&under), found);
        return;
    }
    let Some(mut source) = read_source(src, rel, found) else { return };
    hugo_key_case(&mut source.meta);
    let name = under.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A headless branch bundle: the section and everything in it.
    let cascaded = unrendered_sections
        .iter()
        .any(|s| rel.starts_with(s))
        .then_some("in a section whose `cascade` has `build: render: never`: Hugo never published it as a page");
    if let Some(why) = unrendered(&source.meta).or(cascaded) {
        found.skipped.push((rel.to_path_buf(), why.into()));
        return;
    }
    if name == "_index.md" || name == "_index.markdown" {
        return read_section(rel, &under, source, site, (found, menu));
    }
    if in_bundle && name != "index.md" {
        found.skipped.push((rel.to_path_buf(), "Markdown inside a page bundle besides its index.md".into()));
        return;
    }
    let dest = under.with_extension("md");
    let mut notes = Vec::new();
    let history = &found.history;
    let day = |when| history.day(src, rel, when);
    let git = |when| history.committed(rel, when).map(str::to_string);
    let file = FileDays { day: &day, git: &git };
    let (front, ordered) = as_ordered(&site.orders, &source.meta, &page_place(&dest).1, &file, &mut notes);
    let mut meta = Meta::convert_ordered(&front, &ordered);
    slug_as_urlized(&mut meta, site.keep_case, &mut notes);
    let section = page_section(&under);
    let refs = references(&under);
    let own_menu = page_menu(&source.meta, &refs[0], None, false);
    let in_menu = own_menu.is_some() || menu.iter().any(|m| names_page(&m.entry, &refs));
    // A name another page moved to the top took first stays that page's.
    let standalone = in_menu.then(|| site.standalone(&dest)).flatten().filter(|(top, _)| {
        !found.docs.iter().any(|d| d.dest.components().count() <= 2 && top_name(&d.dest) == top_name(top))
    });
    if section.is_some() && standalone.is_none() {
        date_as_hugo(&mut meta, &dest, || day(When::Created), &mut notes);
    }
    let page = Page { source: &front, meta: &meta, dest: &dest, section: section.as_deref() };
    let old_urls = old_url(&src.join(content), site, &page, &mut notes).into_iter().collect();
    menu.extend(own_menu);
    let dest = standalone.map_or(dest, |(top, note)| {
        notes.push(note);
        top
    });
    found.docs.push(Doc { old_urls, refs, notes, ..Doc::new(rel, dest, meta, source.body) });
}

/// A section's `_index.md` (`rel`, at `under` in `content/`), unless it is a taxonomy's
/// page; its entry in the header with `sectionPagesMenu`.
fn read_section(rel: &Path, under: &Path, source: meta::Source, site: &Tree, into: (&mut Found, &mut Vec<MenuItem>)) {
    let (found, menu) = into;
    if let Some(why) = site.taxonomy_page(under) {
        found.skipped.push((rel.to_path_buf(), why));
        return;
    }
    let folder = under.parent().map(slashed).unwrap_or_default();
    let listed = site.sections_menu && !folder.is_empty() && !folder.contains('/');
    menu.extend(page_menu(&source.meta, &format!("/{folder}"), Some(&folder), listed));
    let meta = section_meta(&source.meta);
    found.sections.push((rel.to_path_buf(), under.with_file_name("_index.md"), meta, source.body));
}

/// The top-level section of a page at `under` in `content/`: its first folder, unless it
/// is a bundle at the top (`about/index.md`), which is in none.
fn page_section(under: &Path) -> Option<String> {
    let parts: Vec<&std::ffi::OsStr> = under.iter().collect();
    match parts[..] {
        [_] => None,
        [_, index] if index == "index.md" => None,
        _ => parts.first().map(|s| s.to_string_lossy().into_owned()),
    }
}

/// Whether a header link of the configuration (`[[menus.main]]`) names the page that
/// `refs` names: by its `pageRef` (`/page/about`, `page/about.md`, `about`) or by a `url`
/// that is the page's path (`page/about/`).
fn names_page(entry: &super::FoundMenu, refs: &[String]) -> bool {
    let named = |given: &str| {
        let path = given.trim_matches('/');
        refs.iter().any(|r| [r.as_str(), r.trim_end_matches(".md"), r.trim_end_matches(".markdown")].contains(&path))
    };
    entry.page.as_deref().is_some_and(named)
        || entry.url.as_deref().is_some_and(|u| !u.contains("://") && !u.is_empty() && named(u))
}

/// Moves the files of each page bundle that [`Tree::standalone`] moved to the top of
/// `content/` beside its page.
fn move_bundle_files(content: &Path, found: &mut Found) {
    let moved: Vec<(PathBuf, PathBuf)> = found
        .docs
        .iter()
        .filter(|d| d.dest.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|d| {
            let old = d.source.strip_prefix(content).ok()?.parent()?;
            let new = d.dest.parent()?;
            (old != new).then(|| (old.to_path_buf(), new.to_path_buf()))
        })
        .collect();
    for (old, new) in moved {
        super::move_bundle_copies(&mut found.copies, &old, &new);
    }
}

/// What Hugo's URL of a page is made of: its front matter as written and as converted,
/// where it is written (relative to `content/`), and its section (None at the top).
struct Page<'a> {
    source: &'a Map<String, Value>,
    meta: &'a Meta,
    dest: &'a Path,
    section: Option<&'a str>,
}

/// Where Hugo published a page: its own `url`, else its section's `[permalinks]` pattern
/// filled in, else its folder and name, as an `.html` file under `uglyURLs`. None, with a
/// note, when the pattern uses a placeholder this import does not know.
fn old_url(content: &Path, site: &Tree, page: &Page<'_>, notes: &mut Vec<String>) -> Option<String> {
    if let Some(url) = page.source.get("url").and_then(Value::as_str) {
        // A page's own URL is published as written, ugly or not.
        return Some(url.to_string());
    }
    let pattern = page.section.and_then(|s| site.permalinks.get(s)).and_then(Value::as_str);
    let url = match pattern {
        Some(pattern) => {
            let sections = sections_of(content, page.dest);
            match permalink(pattern, page.source, page.meta, page.dest, &sections, site.keep_case) {
                Ok(url) => url,
                Err(unknown) => {
                    notes.push(super::unknown_placeholder(&unknown));
                    return None;
                }
            }
        }
        None => default_url(page.source, page.dest, site.keep_case),
    };
    if !ugly(&site.ugly_urls, page.section.unwrap_or_default()) {
        return Some(url);
    }
    let ugly = as_ugly(&url);
    notes.push(format!("Hugo's `uglyURLs` published it as {ugly}: that is kept as an alias"));
    Some(ugly)
}

/// Whether Hugo's `uglyURLs` (true for every page, or a table by section) published the
/// pages of `section` ("" at the top) as `.html` files rather than folders.
fn ugly(ugly_urls: &Value, section: &str) -> bool {
    match ugly_urls {
        Value::Bool(all) => *all,
        Value::Object(by_section) => any_case(by_section, section).and_then(Value::as_bool) == Some(true),
        _ => false,
    }
}

/// A page's folder URL as Hugo's ugly one: `/posts/my-post/` is `/posts/my-post.html`.
fn as_ugly(url: &str) -> String {
    match url.strip_suffix('/').filter(|folder| !folder.is_empty()) {
        Some(folder) => format!("{folder}.html"),
        None => url.to_string(),
    }
}

/// Hugo's `[frontmatter]`: for each of its dates the site orders (`date = ["publishDate",
/// "date"]`), the front matter keys and `:filename`, `:fileModTime` and `:git` that give
/// it, the first that has one winning, each order expanded as Hugo expands it
/// (`hugo_dates::expanded`). Dates it leaves out keep Hugo's order, which the import's
/// usual reading of the keys follows.
fn frontmatter_orders(config: &Map<String, Value>) -> Vec<(Field, Vec<String>)> {
    let none = Map::new();
    let front = any_case(config, "frontmatter").and_then(Value::as_object).unwrap_or(&none);
    // Without `enableGitInfo` Hugo has no commit dates, and `:git` gives nothing: the
    // report need not say that the import cannot read them.
    let git_info = switch(config, "enableGitInfo");
    let expanded = |field: Field, order: Vec<String>| {
        let mut order = hugo_dates::expanded(field, &order);
        order.retain(|entry| git_info || !entry.eq_ignore_ascii_case(":git"));
        (field, order)
    };
    let order = |field: Field| match any_case(front, field.name())? {
        Value::Array(order) => Some(order.iter().filter_map(Value::as_str).map(str::to_string).collect()),
        // Hugo's cast.ToStringSlice splits one string on whitespace (strings.Fields):
        // `date = "publishDate lastmod"` is two entries, not one key with a space.
        Value::String(one) => Some(one.split_whitespace().map(str::to_string).collect()),
        _ => None,
    };
    // With `enableGitInfo`, Hugo's own order for `lastmod` starts with `:git`: the order
    // stands even where the site wrote none.
    let given = |field: Field| match order(field) {
        None if git_info && field == Field::Lastmod => Some(vec![":default".to_string()]),
        given => given,
    };
    Field::ALL.into_iter().filter_map(|field| Some(expanded(field, given(field)?))).collect()
}

/// A switch of the site's configuration (`enableGitInfo`), its key in any case, as Hugo's
/// cast.ToBool reads it: `true`, a string strconv.ParseBool takes as true, or a number
/// other than 0.
fn switch(config: &Map<String, Value>, key: &str) -> bool {
    match any_case(config, key) {
        Some(Value::Bool(on)) => *on,
        Some(Value::String(text)) => ["1", "t", "T", "TRUE", "true", "True"].contains(&text.trim()),
        Some(Value::Number(n)) => n.as_f64().is_some_and(|n| n != 0.0),
        _ => false,
    }
}

/// One of a page's dates as an order gave it; from `:filename`, also the rest of the name,
/// which Hugo took as the slug.
struct Read {
    given: Given,
    slug: Option<String>,
}

/// The days a page's file gives Hugo's `[frontmatter]` orders: any `day` of its life (its
/// commits where git has them, else the day it was saved), and its commits alone.
struct FileDays<'a> {
    day: &'a dyn Fn(When) -> Dated,
    git: &'a dyn Fn(When) -> Option<String>,
}

/// `field` of the page with front matter `front` and file (or bundle) name `name`, as
/// Hugo read it by `order` (expanded): the first entry that gives one, None when none
/// does. `:git` is the last commit's day, passed over with a note where the site has no
/// history; `:fileModTime` the day the file last changed, which a checkout since Hugo's
/// build moves where git does not say.
fn by_order(
    field: Field,
    order: &[String],
    front: &Map<String, Value>,
    name: &str,
    file: &FileDays<'_>,
    notes: &mut Vec<String>,
) -> Option<Read> {
    for entry in order {
        let (text, key, from, slug) = match entry.to_ascii_lowercase().as_str() {
            ":filename" => {
                let Some((_, rest)) = crate::content::dated_name(name) else { continue };
                let from = "the date its file name starts with".to_string();
                (name[..10].to_string(), None, from, Some(rest.to_string()))
            }
            ":filemodtime" => {
                let Dated { day, by } = (file.day)(When::Modified);
                let check = if by.contains("git") {
                    ""
                } else {
                    ": check it, since a copy or checkout of the site since Hugo's build moves that day"
                };
                (day, None, format!("{by} (`:fileModTime`){check}"), None)
            }
            ":git" => {
                let Some(day) = (file.git)(When::Modified) else {
                    notes.push(format!("`:git` in `[frontmatter] {}`: the site has no git history here; the next in the order stands for it", field.name()));
                    continue;
                };
                (day, None, "the day of its last commit (`:git`)".to_string(), None)
            }
            _ => {
                let Some((written, value)) = front.iter().find(|(k, _)| k.eq_ignore_ascii_case(entry)) else {
                    continue;
                };
                let Some(text) = value.as_str().map(str::trim).filter(|t| crate::dates::parse_datetime(t).is_ok())
                else {
                    continue;
                };
                let (written, text) = (written.clone(), text.to_string());
                let from = format!("its `{written}`");
                (text, Some(written), from, None)
            }
        };
        return Some(Read { given: Given { text, key, from }, slug });
    }
    None
}

/// `front` as the site's `[frontmatter]` `orders` had Hugo read the page: with the `date`
/// its order gave (and from `:filename`, the rest of the name as the `slug`, as Hugo took
/// it), noted; and the other dates the site orders, for `Meta` to map (it notes them).
fn as_ordered(
    orders: &[(Field, Vec<String>)],
    front: &Map<String, Value>,
    name: &str,
    file: &FileDays<'_>,
    notes: &mut Vec<String>,
) -> (Map<String, Value>, Ordered) {
    let mut out = front.clone();
    let mut ordered = Ordered::default();
    for (field, order) in orders {
        // Every order reads the front matter as written, as Hugo's do.
        let read = by_order(*field, order, front, name, file, notes);
        let given = read.map(|Read { given, slug }| {
            if let Some(slug) = slug.filter(|_| !out.contains_key("slug")) {
                out.insert("slug".into(), Value::String(slug));
            }
            given
        });
        match field {
            Field::Date => {
                let Some(given) = given.filter(|g| g.key.as_deref() != Some("date")) else { continue };
                out.insert("date".into(), Value::String(given.text));
                notes.push(format!("dated by {}, as `[frontmatter] date` had Hugo date it", given.from));
            }
            Field::Lastmod => ordered.lastmod = Some(given),
            Field::PublishDate => ordered.publish_date = Some(given),
            Field::ExpiryDate => ordered.expiry_date = Some(given),
        }
    }
    (out, ordered)
}

/// A date for an article without `date:` (careerpress's articles in a section need one):
/// its `lastmod`, which Hugo dates a page by after `date` and `publishDate`; else, unless
/// its name starts with a date (which careerpress then reads), the day it was written
/// (`created`; Hugo gave it none, and listed it last).
fn date_as_hugo(meta: &mut Meta, dest: &Path, created: impl FnOnce() -> Dated, notes: &mut Vec<String>) {
    if meta.has("date") {
        return;
    }
    let (_, page_name) = page_place(dest);
    // Hugo's order for `date` reads the `lastmod` its front matter wrote, never git's.
    let written = Field::Lastmod.keys().iter().find_map(|key| {
        let (_, value) = meta.source.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))?;
        value.as_str().map(str::trim).filter(|t| crate::dates::parse_datetime(t).is_ok()).map(str::to_string)
    });
    if let Some(updated) = written {
        meta.set("date", Value::String(updated));
        notes.push("no `date`: dated by its `lastmod`, as Hugo dated it".into());
    } else if crate::content::dated_name(&page_name).is_none() {
        let dated = created();
        meta.set("date", Value::String(dated.day));
        notes.push(format!("no date, which careerpress's articles need: dated by {}", dated.by));
    }
}

/// A section's `_index.md`: careerpress reads `title` and `description`; the rest goes under `extra`.
pub(super) fn section_meta(source: &Map<String, Value>) -> Meta {
    let mut meta = Meta::default();
    for (key, value) in source {
        match (key.as_str(), value) {
            ("title" | "description", Value::String(_)) => meta.set(key, value.clone()),
            ("aliases", Value::String(_) | Value::Array(_)) => meta.aliases = super::meta::strings(value),
            _ => {
                meta.extra.insert(key.clone(), value.clone());
            }
        }
    }
    meta
}

/// Every name a `ref` may use: `posts/x.md`, `posts/x`, `x.md`, `x`; a bundle by its folder.
fn references(under: &Path) -> Vec<String> {
    let slash = under.to_string_lossy().replace('\\', "/");
    let mut refs = vec![slash.clone(), slash.trim_end_matches(".md").to_string()];
    let page =
        if slash.ends_with("/index.md") { slash.trim_end_matches("/index.md") } else { slash.trim_end_matches(".md") };
    refs.push(page.to_string());
    if let Some(last) = page.rsplit('/').next() {
        refs.push(last.to_string());
        refs.push(format!("{last}.md"));
    }
    refs
}

/// The URL Hugo gives a page without `permalinks`: its folder path and slug (or file or
/// bundle name), lower-cased as Hugo does unless `keep_case` (`disablePathToLower`).
fn default_url(source: &Map<String, Value>, dest: &Path, keep_case: bool) -> String {
    let (folder, name) = page_place(dest);
    let folder = folder.to_string_lossy().replace('\\', "/");
    let slug = source.get("slug").and_then(Value::as_str).map_or(name, str::to_string);
    let url = if folder.is_empty() { format!("/{slug}/") } else { format!("/{folder}/{slug}/") };
    sanitized(&url, keep_case)
}

/// The sections a page at `dest` (under the content folder `content`) is in, outermost
/// first, as Hugo counts them: the top folder, and each folder below with an `_index.md`.
fn sections_of(content: &Path, dest: &Path) -> Vec<String> {
    let (folder, _) = page_place(dest);
    let mut sections = Vec::new();
    let mut path = PathBuf::new();
    for (depth, part) in folder.iter().enumerate() {
        path.push(part);
        let index = ["_index.md", "_index.markdown"].iter().any(|i| content.join(&path).join(i).is_file());
        if depth == 0 || index {
            sections.push(part.to_string_lossy().into_owned());
        }
    }
    sections
}

/// Hugo's `[permalinks]` pattern filled in for one page in `sections` (outermost first);
/// Err names a placeholder this import does not know.
fn permalink(
    pattern: &str,
    source: &Map<String, Value>,
    meta: &Meta,
    dest: &Path,
    sections: &[String],
    keep_case: bool,
) -> Result<String, String> {
    let section = sections.first().map_or("", String::as_str);
    let date = meta.get("date").and_then(|d| crate::dates::parse_datetime(d).ok());
    let title = meta.get("title").unwrap_or("");
    let (_, file) = page_place(dest);
    let own_slug = source.get("slug").and_then(Value::as_str).map(make_path);
    let mut fills: Vec<(&str, String)> = vec![
        (":section", section.to_string()),
        (":sections", sections.join("/")),
        (":title", make_path(title)),
        (":slug", own_slug.clone().unwrap_or_else(|| make_path(title))),
        (":slugorfilename", own_slug.clone().unwrap_or_else(|| file.clone())),
        (":slugorcontentbasename", own_slug.unwrap_or_else(|| file.clone())),
        (":filename", file.clone()),
        (":contentbasename", file),
    ];
    if let Some(d) = date {
        for (key, format) in [
            (":year", "%Y"),
            (":month", "%m"),
            (":monthname", "%B"),
            (":day", "%d"),
            (":weekday", "%u"),
            (":weekdayname", "%A"),
            (":yearday", "%-j"),
        ] {
            fills.push((key, d.at.format(format).to_string()));
        }
    }
    let url = super::fill_placeholders(pattern, |name| {
        let filled = fills.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone());
        filled.or_else(|| sections_at(sections, name.strip_prefix(":sections[")?.strip_suffix(']')?))
    })?;
    // An empty placeholder leaves no empty path segment, as Hugo cleans the path.
    let mut url = sanitized(&url, keep_case);
    while url.contains("//") {
        url = url.replace("//", "/");
    }
    Ok(url)
}

/// Hugo's `:sections[...]`: the page's sections (`[last]`, `[0]`, `[1:]`, `[:last]`)
/// joined by `/`; None for an index it does not take.
fn sections_at(sections: &[String], index: &str) -> Option<String> {
    let at = |i: &str| match i {
        "last" => sections.len().checked_sub(1),
        n => n.parse().ok(),
    };
    let picked = match index.split_once(':') {
        None => sections.get(at(index)?).cloned().into_iter().collect(),
        Some((from, to)) => {
            let from = if from.is_empty() { 0 } else { at(from)? };
            let to = if to.is_empty() { sections.len() } else { at(to)? };
            sections.get(from.min(to)..to.min(sections.len())).unwrap_or_default().to_vec()
        }
    };
    Some(picked.join("/"))
}

/// Hugo's `MakePath` (its `Sanitize`): letters, digits and marks kept, and `.`, `/`, `\\`,
/// `_`, `+`, `~`, `-`, `@`, `#` and a `%` that starts an escape (`C++ Tricks` is
/// `C++-Tricks`); a run of spaces between them one hyphen, none beside a `-` of the text
/// (`Offers - a guide` is `Offers-a-guide`), none at either end; the rest dropped. A `#`,
/// which Hugo's links escaped, is written `%23`, as a URL names it.
fn make_path(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut path = String::with_capacity(text.len());
    let (mut hyphen_due, mut was_hyphen) = (false, false);
    for (i, &c) in chars.iter().enumerate() {
        let escape = c == '%' && chars.get(i + 1..i + 3).is_some_and(|h| h.iter().all(char::is_ascii_hexdigit));
        let allowed =
            c != ' ' && (".\\/_#+~-@".contains(c) || escape || is_letter_or_digit(c) || crate::content::is_mark(c));
        if allowed {
            was_hyphen = c == '-';
            if std::mem::take(&mut hyphen_due) && !was_hyphen {
                path.push('-');
            }
            match c {
                '#' => path.push_str("%23"),
                c => path.push(c),
            }
        } else if !path.is_empty() && !was_hyphen && c.is_whitespace() {
            hyphen_due = true;
        }
    }
    path
}

/// Hugo's `MakePathSanitized`, which every URL it made of a page goes through:
/// [`make_path`] in lower case, unless the site set `disablePathToLower` (`keep_case`).
fn sanitized(text: &str, keep_case: bool) -> String {
    if keep_case {
        make_path(text)
    } else {
        make_path(&text.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcode_templates_are_named_as_pages_call_them() {
        let files: Vec<PathBuf> = [
            "layouts/shortcodes/note.en.html",
            "layouts/shortcodes/note.html",
            "layouts/shortcodes/note.amp.html",
            "layouts/_shortcodes/docs/badge.html",
            "themes/t/layouts/shortcodes/tip.md",
            "layouts/partials/shortcodes.html",
        ]
        .map(PathBuf::from)
        .into();
        let found = shortcode_templates(&files);
        let named: Vec<(&str, &str)> = found.iter().map(|(n, f)| (n.as_str(), f.to_str().unwrap())).collect();
        assert_eq!(
            named,
            [
                ("docs/badge", "layouts/_shortcodes/docs/badge.html"),
                ("note", "layouts/shortcodes/note.html"),
                ("tip", "themes/t/layouts/shortcodes/tip.md"),
            ]
        );
    }
    use serde_json::json;

    #[test]
    fn header_links_in_a_drop_down_are_named_for_the_report() {
        let menus = json!({"Main": [
            {"identifier": "blog", "name": "Blog"},
            {"parent": "blog", "name": "Posts", "url": "post/"},
            {"parent": "blog", "pageRef": "/archives"},
            {"parent": "", "name": "Top"},
        ]});
        assert_eq!(menu_children(Some(&menus)), ["Posts", "/archives"]);
        assert!(menu_children(None).is_empty());
    }

    #[test]
    fn main_sections_are_the_configured_ones_else_the_section_with_most_pages() {
        let pages: Vec<PathBuf> =
            ["post/a.md", "post/b/index.md", "Docs/x.md", "docs/y.md", "docs/z.md", "about.md", "me/index.md"]
                .iter()
                .map(PathBuf::from)
                .collect();
        let config = |v: Value| v.as_object().unwrap().clone();
        assert_eq!(main_sections(&config(json!({})), &pages), ["docs"], "3 in docs/ (any case), 2 in post/");
        assert_eq!(main_sections(&config(json!({})), &pages[..4]), ["docs", "post"], "a tie");
        assert_eq!(main_sections(&config(json!({"params": {"mainsections": ["Post"]}})), &pages), ["post"]);
        assert_eq!(
            main_sections(&config(json!({"mainSections": "blog"})), &pages),
            ["blog"],
            "at the top, as Hugo reads it today"
        );
        assert!(main_sections(&config(json!({})), &pages[5..]).is_empty(), "no section at all: bundles at the top");
        for (under, name) in [("About.md", "about"), ("page/about/index.md", "page"), ("x.y.md", "x.y")] {
            assert_eq!(top_name(Path::new(under)).as_deref(), Some(name), "{under}");
        }
    }

    #[test]
    fn hugos_keys_in_any_case_are_read_by_their_usual_spelling() {
        let mut front =
            json!({"Title": "T", "Date": "2021-03-04", "LastMod": "2021-05-06", "PublishDate": "2021-03-05",
            "Tags": ["a"], "title2": 1, "Weight": 3, "ExpiryDate": "2030-01-01", "Params": {"X": 1}})
            .as_object()
            .unwrap()
            .clone();
        hugo_key_case(&mut front);
        let keys: std::collections::BTreeSet<&str> = front.keys().map(String::as_str).collect();
        let want = ["Params", "Weight", "date", "expiryDate", "lastmod", "publishDate", "tags", "title", "title2"];
        assert_eq!(keys, want.iter().copied().filter(|k| *k != "Params").chain(["params"]).collect());
        assert_eq!(front["params"], json!({"X": 1}), "values move with their keys, as written");
        // Hugo's dates are its keys too, aliases included.
        let mut dates = json!({"UnpublishDate": "2030-01-01", "Published": "2020-01-01", "MODIFIED": "2020-01-01"});
        let dates = dates.as_object_mut().unwrap();
        hugo_key_case(dates);
        assert_eq!(dates.keys().collect::<Vec<_>>(), ["modified", "published", "unpublishdate"]);
        // Written both ways: each stays, as which one Hugo took is not known.
        let mut both = json!({"Title": "A", "title": "B"}).as_object().unwrap().clone();
        hugo_key_case(&mut both);
        assert_eq!((both["Title"].clone(), both["title"].clone()), (json!("A"), json!("B")));
    }

    #[test]
    fn paths_are_sanitized_as_hugo_sanitizes_them() {
        for (text, path) in [
            ("C++ Tricks", "C++-Tricks"),
            ("foo~bar @home", "foo~bar-@home"),
            ("Offers - a  guide ", "Offers-a-guide"),
            ("  lead-  trail", "lead-trail"),
            ("C# in 100% (2024)!", "C%23-in-100-2024"),
            ("50%25 off, प्रोजेक्ट", "50%25-off-प्रोजेक्ट"),
            ("a_b.c/d\\e", "a_b.c/d\\e"),
        ] {
            assert_eq!(make_path(text), path, "{text}");
        }
        assert_eq!(sanitized("C++ Tips", false), "c++-tips");
    }

    #[test]
    fn page_permalinks_in_either_form() {
        let config = |v: Value| v.as_object().unwrap().clone();
        let old = page_permalinks(&config(json!({"permalinks": {"posts": "/:year/:slug/"}})));
        assert_eq!(old["posts"], "/:year/:slug/");
        let new = config(json!({"permalinks": {"page": {"posts": "/a/:slug/"}, "section": {"posts": "/a/"}}}));
        let new = page_permalinks(&new);
        assert_eq!((new["posts"].as_str(), new.get("section")), (Some("/a/:slug/"), None));
        assert!(page_permalinks(&Map::new()).is_empty());
    }

    #[test]
    fn an_article_without_a_date_is_dated_as_hugo_dated_it_or_by_its_file() {
        let dated = |front: Value, dest: &str| {
            let mut meta = Meta::convert(front.as_object().unwrap());
            let mut notes = Vec::new();
            let saved = || Dated { day: "2020-01-01".into(), by: "the day its file was last saved" };
            date_as_hugo(&mut meta, Path::new(dest), saved, &mut notes);
            (meta.get("date").map(str::to_string), notes.len())
        };
        assert_eq!(dated(json!({"date": "2019-05-05"}), "posts/a.md"), (Some("2019-05-05".into()), 0));
        assert_eq!(dated(json!({"lastmod": "2018-03-03"}), "posts/a.md"), (Some("2018-03-03".into()), 1));
        // Git's lastmod, which Hugo's order for `date` never reads, is not its date.
        let mut meta = Meta::convert(json!({"lastmod": "2021-06-01"}).as_object().unwrap());
        meta.set("updated", json!("2025-05-06"));
        let saved = || Dated { day: "2020-01-01".into(), by: "the day its file was last saved" };
        date_as_hugo(&mut meta, Path::new("posts/a.md"), saved, &mut Vec::new());
        assert_eq!(meta.get("date"), Some("2021-06-01"));
        assert_eq!(dated(json!({}), "docs/install.md"), (Some("2020-01-01".into()), 1));
        // careerpress reads the date of a dated name itself.
        assert_eq!(dated(json!({}), "notes/2021-04-04-x.md"), (None, 0));
        assert_eq!(dated(json!({}), "notes/2021-04-04-x/index.md"), (None, 0));
    }

    #[test]
    fn default_and_pattern_urls() {
        let none = Map::new();
        assert_eq!(default_url(&none, Path::new("posts/My Post.md"), false), "/posts/my-post/");
        assert_eq!(default_url(&none, Path::new("posts/trip/index.md"), false), "/posts/trip/");
        // Under `disablePathToLower`, Hugo kept the case written.
        assert_eq!(default_url(&none, Path::new("Posts/My Post.md"), true), "/Posts/My-Post/");
        let front = json!({"title": "Salary Talks", "date": "2021-03-04T10:00:00Z"});
        let source = front.as_object().unwrap();
        let meta = Meta::convert(source);
        let posts = ["posts".to_string()];
        let url = |pattern: &str| permalink(pattern, source, &meta, Path::new("posts/x.md"), &posts, false);
        let kept = permalink("/:year/:title/", source, &meta, Path::new("posts/x.md"), &posts, true);
        assert_eq!(kept.as_deref(), Ok("/2021/Salary-Talks/"));
        assert_eq!(url("/:year/:month/:title/").as_deref(), Ok("/2021/03/salary-talks/"));
        assert_eq!(url("/:unknown/"), Err(":unknown".into()));
        // Each placeholder is read whole, not as a shorter one followed by text.
        assert_eq!(url("/:section/:slugorcontentbasename/").as_deref(), Ok("/posts/x/"));
        assert_eq!(url("/:slugorfilename/:yearday/").as_deref(), Ok("/x/63/"));
        assert_eq!(url("/:sections[last]/:weekdayname/").as_deref(), Ok("/posts/thursday/"));
        assert_eq!(url("/:sections[1:]/:slug/").as_deref(), Ok("/salary-talks/"));
        assert_eq!(url("/:slugs/"), Err(":slugs".into()));
        let slugged = json!({"title": "Salary Talks", "slug": "Pay Day", "date": "2021-03-04"});
        let slugged = slugged.as_object().unwrap();
        let own =
            permalink("/:slugorfilename/", slugged, &Meta::convert(slugged), Path::new("posts/x.md"), &posts, false);
        // Nested sections: `:sections` is all of them, `[last]` the innermost.
        let nested = ["posts".to_string(), "tech".to_string()];
        let deep = |pattern: &str| permalink(pattern, source, &meta, Path::new("posts/tech/x.md"), &nested, false);
        assert_eq!(deep("/:sections[last]/:slug/").as_deref(), Ok("/tech/salary-talks/"));
        assert_eq!(deep("/:sections/:slug/").as_deref(), Ok("/posts/tech/salary-talks/"));
        assert_eq!(deep("/:section/:sections[1:]/").as_deref(), Ok("/posts/tech/"));
        // Which folders are sections: the top one, and those below with an `_index.md`.
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("posts/tech/2020")).unwrap();
        std::fs::write(tmp.path().join("posts/tech/_index.md"), "---\ntitle: Tech\n---\n").unwrap();
        assert_eq!(sections_of(tmp.path(), Path::new("posts/tech/2020/x.md")), ["posts", "tech"]);
        assert_eq!(sections_of(tmp.path(), Path::new("posts/tech/trip/index.md")), ["posts", "tech"]);
        assert!(sections_of(tmp.path(), Path::new("about.md")).is_empty());
        assert_eq!(own.as_deref(), Ok("/pay-day/"));
    }

    #[test]
    fn ugly_urls_for_every_page_or_by_section() {
        assert!(ugly(&json!(true), "posts") && ugly(&json!(true), ""));
        assert!(!ugly(&json!(false), "posts") && !ugly(&Value::Null, "posts"));
        let by_section = json!({"Posts": true, "docs": false});
        assert!(ugly(&by_section, "posts") && !ugly(&by_section, "docs") && !ugly(&by_section, ""));
        assert_eq!(as_ugly("/posts/my-post/"), "/posts/my-post.html");
        assert_eq!(as_ugly("/2017/10/my-title/"), "/2017/10/my-title.html");
        assert_eq!(as_ugly("/"), "/");
    }

    /// `front` of a page named `name` as one `[frontmatter]` order of `field` reads it, on
    /// a file saved 2024-02-02 of a site with `enableGitInfo`, and no git history; and the
    /// notes.
    fn read_by(field: Field, order: &[&str], front: &Value, name: &str) -> (Map<String, Value>, Ordered, Vec<String>) {
        read_with_git(field, order, front, name, None)
    }

    /// [`read_by`] for a file whose last commit, where `git` gives one, was that day.
    fn read_with_git(
        field: Field,
        order: &[&str],
        front: &Value,
        name: &str,
        git: Option<&str>,
    ) -> (Map<String, Value>, Ordered, Vec<String>) {
        let order: Vec<String> = order.iter().map(|o| o.to_string()).collect();
        let orders = [(field, hugo_dates::expanded(field, &order))];
        let mut notes = Vec::new();
        let day = |_| match git {
            Some(day) => Dated { day: day.into(), by: "the day it was last committed (git)" },
            None => Dated { day: "2024-02-02".into(), by: "the day its file was last saved" },
        };
        let file = FileDays { day: &day, git: &|_| git.map(str::to_string) };
        let (out, ordered) = as_ordered(&orders, front.as_object().unwrap(), name, &file, &mut notes);
        (out, ordered, notes)
    }

    #[test]
    fn the_date_is_the_one_frontmatter_date_gives() {
        let front = json!({"date": "2020-01-01", "publishDate": "2019-06-01"});
        let dated = |order: &[&str], name: &str| {
            let (out, _, notes) = read_by(Field::Date, order, &front, name);
            (out.get("date").and_then(Value::as_str).map(str::to_string), out.get("slug").cloned(), notes.len())
        };
        assert_eq!(dated(&["publishDate", "date"], "x"), (Some("2019-06-01".into()), None, 1));
        assert_eq!(dated(&["date", "publishDate"], "x"), (Some("2020-01-01".into()), None, 0));
        assert_eq!(dated(&[":filename", ":default"], "2021-04-04-x"), (Some("2021-04-04".into()), Some(json!("x")), 1));
        assert_eq!(dated(&[":filename", ":default"], "x"), (Some("2020-01-01".into()), None, 0));
        assert_eq!(dated(&[":git", ":fileModTime"], "x"), (Some("2024-02-02".into()), None, 2));
        // With the site's git history, `:git` is its last commit's day.
        let (out, _, notes) = read_with_git(Field::Date, &[":git", ":fileModTime"], &front, "x", Some("2022-08-09"));
        assert_eq!((out.get("date"), notes.len()), (Some(&json!("2022-08-09")), 1));
        assert!(notes[0].contains("its last commit (`:git`)"), "{notes:?}");
        assert_eq!(dated(&["lastmod"], "x"), (Some("2020-01-01".into()), None, 0));
        // A key of the site's own, in any case, as Hugo reads front matter keys.
        let front = json!({"date": "2020-01-01", "MyDate": "2018-05-05"});
        let (out, _, notes) = read_by(Field::Date, &["mydate", ":default"], &front, "x");
        assert_eq!((out.get("date"), notes.len()), (Some(&json!("2018-05-05")), 1));
    }

    #[test]
    fn lastmod_publish_and_expiry_orders_read_as_the_date_order_does() {
        let given = |text: &str, key: Option<&str>, from: &str| {
            Some(Given { text: text.into(), key: key.map(str::to_string), from: from.into() })
        };
        let front = json!({"date": "2020-01-01", "lastmod": "2020-02-02", "modified": "2021-03-03",
            "pubdate": "2099-01-01", "MyPub": "2098-01-01", "unpublishdate": "2020-06-01"});
        // Each `:default` is Hugo's own order for that date, aliases and `:git` (noted) included.
        let (out, ordered, notes) = read_by(Field::Lastmod, &["modified", "lastmod"], &front, "x");
        assert_eq!((ordered.lastmod, notes.len()), (Some(given("2021-03-03", Some("modified"), "its `modified`")), 0));
        assert_eq!(out, *front.as_object().unwrap(), "only `date` is set in the front matter");
        let (_, ordered, notes) = read_by(Field::Lastmod, &[":default"], &json!({"date": "2020-01-01"}), "x");
        assert_eq!(ordered.lastmod, Some(given("2020-01-01", Some("date"), "its `date`")));
        assert!(notes[0].starts_with("`:git` in `[frontmatter] lastmod`"), "{notes:?}");
        let (_, ordered, _) = read_by(Field::PublishDate, &[":default"], &front, "x");
        assert_eq!(ordered.publish_date, Some(given("2099-01-01", Some("pubdate"), "its `pubdate`")));
        let (_, ordered, _) = read_by(Field::PublishDate, &["mypub"], &front, "x");
        assert_eq!(ordered.publish_date, Some(given("2098-01-01", Some("MyPub"), "its `MyPub`")));
        let (_, ordered, _) = read_by(Field::ExpiryDate, &[":default"], &front, "x");
        assert_eq!(ordered.expiry_date, Some(given("2020-06-01", Some("unpublishdate"), "its `unpublishdate`")));
        // An order that finds nothing: Hugo had no such date, whatever other keys say.
        let (_, ordered, _) = read_by(Field::ExpiryDate, &["retireOn"], &front, "x");
        assert_eq!((ordered.expiry_date, ordered.lastmod), (Some(None), None));
        // `:filename` gives the slug whichever date it stands in; `:fileModTime` the saved day.
        let (out, ordered, _) = read_by(Field::PublishDate, &[":filename"], &front, "2021-04-04-x");
        assert_eq!((out.get("slug"), out.get("date")), (Some(&json!("x")), Some(&json!("2020-01-01"))));
        assert_eq!(ordered.publish_date.unwrap().unwrap().text, "2021-04-04");
        let (_, ordered, _) = read_by(Field::Lastmod, &[":fileModTime"], &front, "x");
        assert!(ordered.lastmod.unwrap().unwrap().from.contains("`:fileModTime`): check it"));
    }

    #[test]
    fn frontmatter_orders_are_read_for_each_date_in_any_case() {
        let config = json!({"frontMatter": {"lastMod": ["modified", ":default"], "PublishDate": " goLive\t:default ",
            "expirydate": [":filename"], "other": ["x"]}});
        let orders = frontmatter_orders(config.as_object().unwrap());
        let names: Vec<(&str, Vec<String>)> = orders.iter().map(|(f, o)| (f.name(), o.clone())).collect();
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Each `:default` is Hugo's own order, aliases added; `:git` gives nothing without
        // `enableGitInfo`, and is left out.
        let lastmod = strings(&["modified", "lastmod", "date", "publishDate", "pubdate", "published"]);
        let publish = strings(&["goLive", "publishDate", "pubdate", "published", "date"]);
        assert_eq!(
            names,
            [("lastmod", lastmod.clone()), ("publishDate", publish), ("expiryDate", strings(&[":filename"]))]
        );
        assert!(frontmatter_orders(&Map::new()).is_empty());
        for git in [json!(true), json!("true"), json!(1)] {
            let config = json!({"EnableGITInfo": git, "frontmatter": {"lastmod": ["modified", ":default"]}});
            let orders = frontmatter_orders(config.as_object().unwrap());
            assert_eq!(orders[0].1[..2], strings(&["modified", ":git"]), "{git}");
        }
        let config = json!({"enableGitInfo": false, "frontmatter": {"lastmod": [":git", "lastmod"]}});
        assert_eq!(frontmatter_orders(config.as_object().unwrap())[0].1, strings(&["lastmod", "modified"]));
        // With git info and no order of the site's, Hugo's own order for lastmod, `:git` first.
        let config = json!({"enableGitInfo": true});
        let orders = frontmatter_orders(config.as_object().unwrap());
        assert_eq!(
            (orders.len(), orders[0].0, &orders[0].1[..2]),
            (1, Field::Lastmod, &strings(&[":git", "lastmod"])[..])
        );
    }

    #[test]
    fn the_hugo_release_is_read_from_deploy_files() {
        assert_eq!(named_version("[build.environment]\n  HUGO_VERSION = \"0.120.4\"\n"), Some((0, 120)));
        assert_eq!(named_version("      with:\n        hugo-version: '0.119.0'\n"), Some((0, 119)));
        assert_eq!(named_version("image: registry.gitlab.com/pages/hugo/hugo_extended:0.145.0\n"), Some((0, 145)));
        assert_eq!(named_version("env:\n  HUGO_VERSION: v0.92.2\n  hugo-version: 0.101.0\n"), Some((0, 101)));
        for none in ["hugo-version: 'latest'", "HUGO_VERSION = \"\"", "the hugo: site", "hugo_version_x 0.1"] {
            assert_eq!(named_version(none), None, "{none}");
        }
    }

    #[test]
    fn refs_name_pages_and_bundles() {
        let r = references(Path::new("posts/trip/index.md"));
        assert!(r.contains(&"posts/trip".to_string()) && r.contains(&"trip".to_string()), "{r:?}");
        let r = references(Path::new("posts/x.md"));
        assert!(r.contains(&"x.md".to_string()) && r.contains(&"posts/x".to_string()), "{r:?}");
    }
}
