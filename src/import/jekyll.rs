//! Reads a Jekyll site: `_config.yml` (title, URL, the permalink pattern), posts in any
//! `_posts` folder (dated file names, categories from folders), drafts, top-level pages,
//! `_data`, and every other public file as a static file under the same URL.

use super::footnotes::OldNotes;
use super::heading_ids::OldIds;
use super::history::{History, When};
use super::jekyll_defaults::{Defaults, Kind};
use super::meta::{self, Meta};
use super::{files_under, is_markdown, parse_source, read_source, read_text, slashed, Doc, Found};
use crate::error::printable;
use anyhow::{bail, Result};
use chrono_tz::Tz;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Jekyll's named permalink styles; `date` is its default.
const STYLES: [(&str, &str); 5] = [
    ("date", "/:categories/:year/:month/:day/:title:output_ext"),
    ("pretty", "/:categories/:year/:month/:day/:title/"),
    ("ordinal", "/:categories/:year/:y_day/:title:output_ext"),
    ("none", "/:categories/:title:output_ext"),
    ("weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext"),
];

/// Folders and files of a Jekyll source that are never content or static files.
const NOT_PUBLISHED: [&str; 12] = [
    "_site",
    ".git",
    ".github",
    ".jekyll-cache",
    ".sass-cache",
    "node_modules",
    "vendor",
    "Gemfile",
    "Gemfile.lock",
    "_config.yml",
    "_config.yaml",
    ".gitignore",
];

pub fn read(src: &Path) -> Result<Found> {
    let config_path = ["_config.yml", "_config.yaml"].into_iter().map(|n| src.join(n)).find(|p| p.is_file());
    if config_path.is_none() && !src.join("_posts").is_dir() {
        bail!("{}: not a Jekyll site: expected a _config.yml file or a _posts folder in it", printable(src));
    }
    let mut found = Found {
        syntax: super::body::Syntax::Liquid,
        history: History::read(src),
        booleans: crate::yaml::Booleans::Psych,
        ..Found::default()
    };
    let config = config_path.and_then(|p| read_config(&p, &mut found)).unwrap_or_default();
    let (collections, posts_permalink) = collections_of(&config);
    let site = Site {
        pattern: posts_permalink.unwrap_or_else(|| permalink_pattern(&config)),
        defaults: Defaults::of(&config, collections_dir(&config)),
        collections,
        collections_dir: collections_dir(&config).to_string(),
        timezone: config.get("timezone").and_then(Value::as_str).and_then(|zone| zone.trim().parse().ok()),
    };
    markdown_settings(&config, &mut found);
    found.published_future = (config.get("future") == Some(&Value::Bool(true))).then_some("Jekyll's `future: true`");
    found.title = config.get("title").and_then(Value::as_str).map(str::to_string);
    found.description = config.get("description").and_then(Value::as_str).map(str::to_string);
    found.author = config.get("author").and_then(super::author_name);
    left_feed(&config, &mut found);
    // minima's `header_pages`: the pages its header links, by file, in order.
    let header = strings(&config, "header_pages").into_iter();
    found.menu = header.map(|page| super::FoundMenu { name: None, url: None, page: Some(page) }).collect();
    found.language = config.get("lang").and_then(Value::as_str).map(str::to_string);
    // GitHub Pages serves a site without `url` at the host its CNAME file names.
    let host = config.get("url").and_then(Value::as_str).filter(|u| !u.trim().is_empty()).map(str::to_string);
    let url = format!(
        "{}{}",
        host.or_else(|| cname_url(src)).unwrap_or_default(),
        config.get("baseurl").and_then(Value::as_str).unwrap_or("")
    );
    found.base_url = crate::config::normalize_base_url(&url).ok().filter(|u| u.contains("://"));
    // Jekyll's own default, which a site's `include` replaces.
    let include = if config.contains_key("include") { strings(&config, "include") } else { vec![".htaccess".into()] };
    let filter = Filter { exclude: strings(&config, "exclude"), include };
    for rel in files_under(src, Path::new(""), &mut found) {
        let slashed = rel.to_string_lossy().replace('\\', "/");
        if filter.excludes(&slashed) {
            found.skipped.push((rel, "left out by the `exclude` list of _config.yml, as Jekyll leaves it out".into()));
        } else if filter.includes(&slashed) && is_hidden(&slashed) {
            // `include: [_pages]` makes its Markdown pages, as Jekyll does.
            read_public(src, &rel, &site, &mut found);
        } else {
            read_file(src, &rel, &site, &mut found);
        }
    }
    keep_data_jekyll_read(&mut found);
    let mut site = config;
    site.insert("data".into(), Value::Object(super::printed::data_tree(src, &found.copies)));
    let site = serde_json::Map::from_iter([("site".to_string(), Value::Object(site))]);
    use super::printed::Scope;
    found.values = Some(super::printed::Values { site, scope: Scope::Jekyll, escaped: false });
    Ok(found)
}

/// How the site's Markdown made heading ids and footnotes, and whether it was kramdown.
fn markdown_settings(config: &serde_json::Map<String, Value>, found: &mut Found) {
    found.heading_ids = heading_ids(config);
    found.footnotes = footnotes(config);
    found.kramdown = uses_kramdown(config);
    // jemoji, listed among the plugins (`gems` before Jekyll 3.5).
    let plugins = ["plugins", "gems"].into_iter().filter_map(|key| config.get(key)?.as_array()).flatten();
    found.emoji = plugins.filter_map(Value::as_str).any(|p| p.trim() == "jemoji");
    let kramdown = config.get("kramdown").and_then(Value::as_object);
    found.kramdown_block_markdown = kramdown.and_then(|k| k.get("parse_block_html")) == Some(&Value::Bool(true));
}

/// Of data files one key names (`_data/team.yml` and `team.json`), the one Jekyll read
/// last and so kept: it read `*.yaml`, then `*.yml`, `*.json`, `*.csv` and `*.tsv`, then
/// folders, each replacing the one before; a TOML file it never read. careerpress stops
/// at a key given twice, so the rest are left out, each with the file that won (a CSV or
/// TSV one, which careerpress does not read, is itself listed as not imported).
fn keep_data_jekyll_read(found: &mut Found) {
    let rank = |dest: &Path| match dest.extension().and_then(|e| e.to_str()) {
        Some("yaml") => 1,
        Some("yml") => 2,
        Some("json") => 3,
        Some("csv") => 4,
        Some("tsv") => 5,
        _ => 0,
    };
    let key = |dest: &Path| slashed(&dest.with_extension(""));
    let data: Vec<&(PathBuf, PathBuf)> = found.copies.iter().filter(|(_, dest)| dest.starts_with("data")).collect();
    let folders: HashSet<String> = data.iter().flat_map(|(_, dest)| dest.ancestors().skip(1).map(slashed)).collect();
    let mut winners: HashMap<String, (u8, PathBuf)> = HashMap::new();
    // The CSV and TSV files were not imported, but Jekyll's data was theirs.
    let tables = found.skipped.iter().map(|(source, _)| source).filter(|s| s.starts_with("_data"));
    let tables: Vec<(PathBuf, PathBuf)> = tables
        .filter_map(|s| Some((s.clone(), Path::new("data").join(s.strip_prefix("_data").ok()?))))
        .filter(|(_, dest)| rank(dest) >= 4)
        .collect();
    for (source, dest) in data.iter().copied().chain(&tables) {
        let (key, rank) = (key(dest), rank(dest));
        if !folders.contains(&key) && winners.get(&key).is_none_or(|(best, _)| rank > *best) {
            winners.insert(key, (rank, source.clone()));
        }
    }
    let mut lost = Vec::new();
    found.copies.retain(|(source, dest)| {
        if !dest.starts_with("data") {
            return true;
        }
        let key = key(dest);
        let won = match winners.get(&key) {
            Some((_, winner)) if winner == source => return true,
            Some((_, winner)) => slashed(winner),
            None => format!("{}/", key.replacen("data", "_data", 1)),
        };
        lost.push((
            source.clone(),
            format!("Jekyll read {won} for the same data over this file; only that one is kept"),
        ));
        false
    });
    found.skipped.extend(lost);
}

/// jekyll-feed's Atom feed, at `/feed.xml` unless `feed: path:` moved it: careerpress's
/// is `/atom.xml`.
fn left_feed(config: &serde_json::Map<String, Value>, found: &mut Found) {
    let plugins = [strings(config, "plugins"), strings(config, "gems")].concat();
    if !plugins.iter().any(|p| p == "jekyll-feed") {
        return;
    }
    let path = config.get("feed").and_then(|f| f.get("path")).and_then(Value::as_str).unwrap_or("feed.xml");
    let path = path.trim_start_matches('/');
    if path != crate::feeds::FEED_FILE {
        let what = format!("jekyll-feed's feed /{path} is");
        found.skipped.push((PathBuf::from(path), super::feeds_not_kept(&what)));
    }
}

/// Whether Jekyll's Markdown converter was kramdown, its default.
fn uses_kramdown(config: &serde_json::Map<String, Value>) -> bool {
    let markdown = config.get("markdown").and_then(Value::as_str).unwrap_or("kramdown");
    markdown.trim().eq_ignore_ascii_case("kramdown")
}

/// How Jekyll made heading ids: kramdown's (the default Markdown), reading GFM unless
/// `kramdown: input:` says otherwise; None for other converters, or with `auto_ids: false`.
fn heading_ids(config: &serde_json::Map<String, Value>) -> Option<OldIds> {
    if !uses_kramdown(config) {
        return None;
    }
    let kramdown = config.get("kramdown");
    if kramdown.and_then(|k| k.get("auto_ids")).and_then(Value::as_bool) == Some(false) {
        return None;
    }
    match kramdown.and_then(|k| k.get("input")).and_then(Value::as_str).map(str::trim) {
        None => Some(OldIds::KramdownGfm),
        Some(input) if input.eq_ignore_ascii_case("gfm") => Some(OldIds::KramdownGfm),
        Some(input) if input.eq_ignore_ascii_case("kramdown") => Some(OldIds::Kramdown),
        Some(_) => None,
    }
}

/// How Jekyll named footnotes: kramdown's way, by label after its `footnote_prefix`;
/// None for other converters.
fn footnotes(config: &serde_json::Map<String, Value>) -> Option<OldNotes> {
    if !uses_kramdown(config) {
        return None;
    }
    let prefix = config.get("kramdown").and_then(|k| k.get("footnote_prefix")).and_then(Value::as_str);
    Some(OldNotes::Kramdown { prefix: prefix.unwrap_or_default().to_string() })
}

/// What every document of the site is read with.
struct Site {
    /// The posts' permalink pattern, a named style spelt out.
    pattern: String,
    defaults: Defaults,
    collections: Vec<Collection>,
    /// The folder the collections' `_<label>` folders are in ("" for the source's top).
    collections_dir: String,
    /// `timezone:`, which Jekyll read dates in; None when not set or not a known zone.
    timezone: Option<Tz>,
}

/// `collections_dir` of `_config.yml`, without slashes around it: "" when not set.
fn collections_dir(config: &serde_json::Map<String, Value>) -> &str {
    config.get("collections_dir").and_then(Value::as_str).unwrap_or("").trim_matches('/')
}

impl Site {
    /// A post's or collection document's path as Jekyll names it to `defaults:` scopes:
    /// from inside `collections_dir`.
    fn in_collections(&self, rel: &Path) -> String {
        let rel = slashed(rel);
        match self.collections_dir.as_str() {
            "" => rel,
            dir => rel.strip_prefix(dir).and_then(|r| r.strip_prefix('/')).map_or(rel.clone(), str::to_string),
        }
    }
}

/// A path Jekyll hides unless `include` names it: in or of a name starting with `_` or `.`.
fn is_hidden(rel: &str) -> bool {
    rel.split('/').any(|part| part.starts_with(['_', '.']) && !NOT_PUBLISHED.contains(&part))
}

/// A list of strings in `_config.yml` (a single string counts as a list of one).
fn strings(config: &serde_json::Map<String, Value>, key: &str) -> Vec<String> {
    match config.get(key) {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    }
}

/// `exclude` and `include` of `_config.yml`, matched as Jekyll matches them against a path
/// relative to the source: a glob (`*` crossing folders, as Ruby's `File.fnmatch?` without
/// flags) or a plain prefix (`scripts/`, `private`). `include` wins over `exclude`, and
/// publishes files Jekyll would otherwise hide (`.htaccess`, `_redirects`).
struct Filter {
    exclude: Vec<String>,
    include: Vec<String>,
}

impl Filter {
    /// Jekyll filters each entry as it walks, folders included: a file is out when it or
    /// any folder above it is excluded and not included (`*.bak` leaves out `old.bak/x`).
    fn excludes(&self, rel: &str) -> bool {
        entries_of(rel).any(|entry| self.exclude.iter().any(|p| jekyll_match(p, entry)) && !self.includes(entry))
    }

    fn includes(&self, rel: &str) -> bool {
        entries_of(rel).any(|entry| self.include.iter().any(|p| jekyll_match(p, entry)))
    }
}

/// The walk's entries down to `rel`: each folder above it, then `rel` itself.
fn entries_of(rel: &str) -> impl Iterator<Item = &str> {
    rel.match_indices('/').map(move |(i, _)| &rel[..i]).chain(std::iter::once(rel))
}

/// Whether Jekyll's entry filter matches `rel` with `pattern`.
fn jekyll_match(pattern: &str, rel: &str) -> bool {
    let pattern = pattern.trim_start_matches("./").trim_start_matches('/');
    let chars = |s: &str| s.chars().collect::<Vec<char>>();
    !pattern.is_empty() && (rel.starts_with(pattern) || fnmatch(&chars(pattern), &chars(rel)))
}

/// Ruby's `File.fnmatch?` without flags: `*` any run of characters (`/` included), `?` any
/// one, `[...]` a class (`[!...]` or `[^...]` negated, `a-z` ranges), `\\` escapes the next.
/// One pass with one place to come back to (the last `*`), so that no pattern in a
/// `_config.yml` can make it take longer than pattern times path.
pub(super) fn fnmatch(pattern: &[char], text: &[char]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut back: Option<(usize, usize)> = None;
    while t < text.len() {
        if pattern.get(p) == Some(&'*') {
            p += 1;
            back = Some((p, t));
            continue;
        }
        if let Some(taken) = pattern.get(p..).and_then(|rest| one_char(rest, text[t])) {
            p += taken;
            t += 1;
            continue;
        }
        let Some((after_star, from)) = back else { return false };
        back = Some((after_star, from + 1));
        (p, t) = (after_star, from + 1);
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// How many characters of `pattern` (not starting with `*`) match the one character `c`.
fn one_char(pattern: &[char], c: char) -> Option<usize> {
    match *pattern.first()? {
        '?' => Some(1),
        '\\' if pattern.len() > 1 => (pattern[1] == c).then_some(2),
        '[' => {
            let (negated, start) = match pattern.get(1) {
                Some('!' | '^') => (true, 2),
                _ => (false, 1),
            };
            // A `]` first in the class is one of its characters; without a closing `]` the
            // `[` is a plain character.
            let Some(close) = pattern.iter().skip(start + 1).position(|&b| b == ']').map(|i| i + start + 1) else {
                return (c == '[').then_some(1);
            };
            let class = &pattern[start..close];
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == '-' {
                    hit |= (class[i]..=class[i + 2]).contains(&c);
                    i += 3;
                } else {
                    hit |= class[i] == c;
                    i += 1;
                }
            }
            (hit != negated).then_some(close + 1)
        }
        literal => (literal == c).then_some(1),
    }
}

fn read_config(path: &Path, found: &mut Found) -> Option<serde_json::Map<String, Value>> {
    let rel = PathBuf::from(path.file_name().unwrap_or_default());
    let text = read_text(path.parent()?, &rel, found)?;
    // Read as Jekyll read it: `future: yes` is true.
    let read =
        crate::yaml::parse_value(&text).map(|v| crate::yaml::read_as(&text, crate::yaml::Booleans::Psych).unwrap_or(v));
    match read {
        Ok(Value::Object(map)) => Some(map),
        Ok(_) => None,
        Err(e) => {
            let e = meta::yaml_problem(&e);
            found.skipped.push((rel, format!("does not parse ({e}): the site's title and URL were not read")));
            None
        }
    }
}

/// `https://` and the host a `CNAME` file at the site's root names (GitHub Pages' custom
/// domain), when it names one.
fn cname_url(src: &Path) -> Option<String> {
    let text = std::fs::read_to_string(src.join("CNAME")).ok()?;
    let host = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let host = host.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
    let plain = !host.is_empty() && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
    plain.then(|| format!("https://{host}"))
}

fn permalink_pattern(config: &serde_json::Map<String, Value>) -> String {
    let given = config.get("permalink").and_then(Value::as_str).unwrap_or("date");
    STYLES.iter().find(|(name, _)| *name == given).map_or(given, |(_, p)| p).to_string()
}

/// Sorts one file of the source into a post, a page, data, a static file, or nothing.
fn read_file(src: &Path, rel: &Path, site: &Site, found: &mut Found) {
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.iter().any(|p| NOT_PUBLISHED.contains(&p.as_str())) {
        return;
    }
    let posts_at = parts.iter().position(|p| p == "_posts" || p == "_drafts");
    if let Some(at) = posts_at {
        // With `collections_dir`, Jekyll reads posts and drafts under it alone.
        let in_dir: Vec<&str> = site.collections_dir.split('/').filter(|d| !d.is_empty()).collect();
        let under = parts.len() > in_dir.len() && parts.iter().zip(&in_dir).all(|(p, d)| p == d);
        if !in_dir.is_empty() && !under {
            let why = format!("outside `collections_dir` ({}), where Jekyll never read posts", site.collections_dir);
            found.skipped.push((rel.to_path_buf(), why));
            return;
        }
        if is_markdown(rel) {
            // Folders above `_posts` are categories, but the one holding every collection.
            let in_dir = in_dir.len();
            let categories = parts[..at].iter().skip(in_dir).cloned().collect::<Vec<_>>();
            read_post(src, rel, &categories, parts[at] == "_drafts", site, found);
        } else {
            found.skipped.push((rel.to_path_buf(), "a post that is not Markdown: convert it by hand".into()));
        }
        return;
    }
    if parts[0] == "_data" {
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ["yml", "yaml", "json", "toml"].contains(&ext) {
            found.copies.push((rel.to_path_buf(), Path::new("data").join(rel.strip_prefix("_data").unwrap_or(rel))));
        } else {
            found.skipped.push((rel.to_path_buf(), "a data file careerpress does not read (YAML, TOML, JSON)".into()));
        }
        return;
    }
    if let Some(collection) = collection_of(site, &slashed(rel)) {
        read_collection(src, rel, collection, site, found);
        return;
    }
    if parts.iter().any(|p| p.starts_with('_') || p.starts_with('.')) {
        found.skipped.push((rel.to_path_buf(), "a Jekyll folder or hidden file (layouts, includes, Sass…)".into()));
        return;
    }
    read_public(src, rel, site, found);
}

/// A file Jekyll publishes: Markdown at the top is a page; the rest is copied.
fn read_public(src: &Path, rel: &Path, site: &Site, found: &mut Found) {
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    if is_markdown(rel) {
        let Some(text) = read_text(src, rel, found) else { return };
        let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let top = rel.parent().is_none_or(|p| p.as_os_str().is_empty());
        if !opens_with_front_matter(&text) {
            // Jekyll renders only files that open with front matter; it copies the rest as
            // they are (a CHANGELOG.md stays CHANGELOG.md).
            found.copies.push((rel.to_path_buf(), Path::new("static").join(rel)));
        } else if top && stem == "index" {
            read_home(rel, &text, site, found);
        } else if top && ["README", "LICENSE", "404"].contains(&stem.as_str()) {
            found.skipped.push((rel.to_path_buf(), "careerpress makes its own home and 404 pages".into()));
        } else {
            read_page(rel, &text, site, found);
        }
    } else if file_opens_with_front_matter(&src.join(rel)) {
        if !read_redirect_page(src, rel, site, found) {
            found.skipped.push((rel.to_path_buf(), made_with_liquid(ext).into()));
        }
    } else {
        // Without front matter, Jekyll copied it as it is: a page, a stylesheet or an image.
        found.copies.push((rel.to_path_buf(), Path::new("static").join(rel)));
    }
}

/// Why a file that is not Markdown but opens with front matter is not imported: Jekyll
/// ran it through Liquid (and its layouts), and what it published was the output, which
/// the source is not.
fn made_with_liquid(ext: &str) -> &'static str {
    if ["html", "htm"].contains(&ext) {
        "an HTML page Jekyll made with Liquid and its layouts: careerpress reads Markdown; convert it by hand"
    } else {
        "a file Jekyll made with Liquid (a feed, sitemap, search index or stylesheet, say): \
         careerpress makes its own feeds and sitemap, and its theme its styles; convert it by hand if you need it"
    }
}

/// [`opens_with_front_matter`] for a file of any kind, read no further than its first line
/// needs (an image is not read whole).
fn file_opens_with_front_matter(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(16);
    let read = std::fs::File::open(path).and_then(|f| f.take(16).read_to_end(&mut head));
    // `---`, spaces, then the line's end, after a byte order mark: well within 16 bytes
    // unless the line has more spaces, which no front matter is written with.
    read.is_ok() && opens_with_front_matter(&String::from_utf8_lossy(&head))
}

/// Whether `text` opens with a `---` line, as a file Jekyll renders must (after a byte
/// order mark).
fn opens_with_front_matter(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().next().and_then(|first| first.strip_prefix("---")).is_some_and(|rest| rest.trim().is_empty())
}

/// A page's old URL: its own `permalink` (`:path`, `:basename` and `:output_ext` filled
/// in), else where Jekyll put it, `/:path/:basename` ended as the site's permalink pattern
/// ends (`/` for `pretty`, `.html` for the others). Err names a placeholder not known here.
fn page_url(permalink: Option<&str>, rel: &Path, pattern: &str) -> Result<String, String> {
    if let Some(own) = permalink {
        let folder = slashed(rel.parent().unwrap_or(Path::new("")));
        let basename = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let url = super::fill_placeholders(own, |name| match name {
            ":output_ext" => Some(".html".into()),
            ":basename" => Some(basename.clone()),
            ":path" => Some(folder.clone()),
            _ => None,
        })?;
        return Ok(as_jekyll_wrote(&url));
    }
    let bare = rel.with_extension("").to_string_lossy().replace('\\', "/");
    let bare = bare.strip_suffix("/index").map_or(bare.as_str(), |folder| folder);
    if rel.file_stem().is_some_and(|s| s == "index") {
        return Ok(format!("/{bare}/"));
    }
    Ok(format!("/{bare}{}", suffix_of(pattern).replace(":output_ext", ".html")))
}

fn read_page(rel: &Path, text: &str, site: &Site, found: &mut Found) {
    let Some(mut source) = parse_source(text, rel, found) else { return };
    site.defaults.apply(&slashed(rel), Kind::Page, &mut source.meta);
    let meta = source.converted();
    // A page in a folder (docs/guide.md) keeps its folder in its name, as its URL did.
    let name = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = match rel.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) => crate::content::slugify(&format!("{}-{}", folder.to_string_lossy(), slug_of(&name))),
        None => slug_of(&name),
    };
    let dest = PathBuf::from(format!("{stem}.md"));
    let mut notes = Vec::new();
    let old_urls = page_url(source.meta.get("permalink").and_then(Value::as_str), rel, &site.pattern)
        .map_err(|unknown| notes.push(super::unknown_placeholder(&unknown)))
        .into_iter()
        .collect();
    let refs = vec![slashed(rel)];
    let doc = Doc { old_urls, refs, notes, ..Doc::new(rel, dest, meta, source.body) };
    push_doc(doc, &source.meta, found);
}

/// The site's home page (`index.md`). careerpress draws its own home, the list of articles:
/// the text of one that has any introduces that list (`content/_index.md`, its title and
/// description with it, as a project's GitHub Pages site keeps its main text there); one
/// with none (minima's `layout: home`) showed only what its layout drew, and is not
/// imported.
fn read_home(rel: &Path, text: &str, site: &Site, found: &mut Found) {
    let Some(mut source) = parse_source(text, rel, found) else { return };
    // Published elsewhere than the home by its own `permalink: /start/`, it was a page
    // like any other. (A default's pattern, `/:path/`, left the home page at the home.)
    let permalink = source.meta.get("permalink").and_then(Value::as_str).map(str::trim);
    if permalink.is_some_and(|p| !p.contains(':') && !matches!(p, "" | "/" | "/index.html")) {
        read_page(rel, text, site, found);
        return;
    }
    site.defaults.apply(&slashed(rel), Kind::Page, &mut source.meta);
    if only_liquid(&source.body) {
        let why = "the home page, with no text of its own (only what its layout and includes drew): careerpress \
                   makes its own home page";
        found.skipped.push((rel.to_path_buf(), why.into()));
        return;
    }
    let meta = super::hugo::section_meta(&source.meta);
    found.sections.push((rel.to_path_buf(), PathBuf::from(crate::content::SECTION_FILE), meta, source.body));
}

/// Whether `body` holds nothing but Liquid (`{% include intro.html %}`) and space: what
/// it showed, its includes drew.
fn only_liquid(body: &str) -> bool {
    let mut rest = body.trim();
    while let Some(tag) = ["{%", "{{"].iter().find(|open| rest.starts_with(**open)) {
        let close = if *tag == "{%" { "%}" } else { "}}" };
        match rest.find(close) {
            Some(end) => rest = rest[end + 2..].trim_start(),
            None => return false,
        }
    }
    rest.is_empty()
}

/// The title Jekyll gave a post or draft without one, from its file name's slug
/// (`Utils.titleize_slug`): each word between hyphens capitalised, as Ruby's
/// `capitalize` does (the rest lower-cased), `welcome-to-jekyll` as `Welcome To Jekyll`.
fn titleize_slug(slug: &str) -> String {
    let word = |w: &str| {
        let mut chars = w.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect::<String>())
    };
    slug.trim_end_matches('.').split('-').map(|w| word(w).unwrap_or_default()).collect::<Vec<_>>().join(" ")
}

/// Gives a post or draft without a title the one Jekyll made from its file name's `slug`;
/// the report's note when it did.
fn title_from_name(meta: &mut super::meta::Meta, slug: &str) -> Option<String> {
    if meta.has("title") {
        return None;
    }
    let title = titleize_slug(slug);
    let note = format!("no title: {title:?}, the one Jekyll made from the file name");
    meta.set("title", Value::String(title));
    Some(note)
}

/// A post: the date and slug come from `YYYY-MM-DD-slug.md` unless front matter says.
fn read_post(src: &Path, rel: &Path, folders: &[String], draft: bool, site: &Site, found: &mut Found) {
    let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (file_date, name) = split_dated(&stem);
    if file_date.is_none() && !draft {
        found.skipped.push((rel.to_path_buf(), undated_post(&stem)));
        return;
    }
    let Some(mut source) = read_source(src, rel, found) else { return };
    site.defaults.apply(&site.in_collections(rel), if draft { Kind::Draft } else { Kind::Post }, &mut source.meta);
    let mut meta = source.converted();
    let mut notes = Vec::new();
    if !meta.has("date") {
        match file_date {
            Some(d) => {
                meta.set("date", Value::String(d));
                notes.push("date from the file name".to_string());
            }
            // `jekyll --drafts` dated a draft by when its file was last saved.
            None => {
                let dated = found.history.day(src, rel, When::Modified);
                meta.set("date", Value::String(dated.day));
                notes.push(format!("no date in the front matter or the file name: dated by {}", dated.by));
            }
        }
    }
    if draft {
        meta.set("draft", Value::Bool(true));
        notes.push("a Jekyll draft: draft: true".into());
    }
    notes.extend(title_from_name(&mut meta, name));
    notes.extend(date_in_zone(&mut meta, site.timezone));
    // Jekyll's categories: folders above _posts, then front matter; all become tags.
    meta.add_tags(&Value::from(folders.to_vec()));
    let mut categories: Vec<String> = folders.to_vec();
    categories.extend(category_words(&source.meta));
    // A draft was never published: it has no old URL to keep.
    let old_urls = if draft {
        Vec::new()
    } else {
        old_url(&source.meta, &site.pattern, &meta, &categories, name, site.timezone)
            .map_err(|unknown| notes.push(super::unknown_placeholder(&unknown)))
            .into_iter()
            .collect()
    };
    // `{% post_url %}` names a post by its path inside `_posts` (`howto/2019-01-02-first`).
    let inside = slashed(rel).split_once("_posts/").map(|(_, path)| Path::new(path).with_extension(""));
    let mut refs = vec![
        slashed(rel),
        Path::new(&stem).to_string_lossy().into_owned(),
        folders.iter().map(|f| format!("{f}/")).collect::<String>() + &stem,
    ];
    refs.extend(inside.map(|path| slashed(&path)).filter(|path| !refs.contains(path)));
    let dest = Path::new("posts").join(format!("{}.md", slug_of(name)));
    let doc = Doc { source: rel.to_path_buf(), dest, meta, body: source.body, old_urls, refs, notes };
    push_doc(doc, &source.meta, found);
}

/// Jekyll's categories in front matter: `categories` as a list, or a string of
/// space-separated words; `category` is one category, spaces and all.
fn category_words(meta: &serde_json::Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["category", "categories"] {
        match meta.get(key) {
            Some(Value::String(s)) if key == "category" => out.push(s.trim().to_string()),
            Some(Value::String(s)) => out.extend(s.split_whitespace().map(str::to_string)),
            Some(Value::Array(items)) => out.extend(items.iter().filter_map(|v| v.as_str().map(str::to_string))),
            _ => {}
        }
    }
    out.retain(|c| !c.is_empty());
    out
}

/// `2019-08-19-slug` → (the date, "slug"). Jekyll reads the month and day with one digit
/// or two (`2020-11-1-slug`); the date comes back with two.
fn split_dated(stem: &str) -> (Option<String>, &str) {
    let mut parts = stem.splitn(4, '-');
    let (Some(year), Some(month), Some(day), Some(rest)) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return (None, stem);
    };
    let Some(date) = super::meta::padded_ymd(year, month, day).filter(|_| !rest.is_empty()) else {
        return (None, stem);
    };
    match crate::dates::parse_date(&date) {
        Ok(_) => (Some(date), rest),
        Err(_) => (None, stem),
    }
}

/// Why a file of `_posts` without a date in its name is not imported: Jekyll reads only
/// `YYYY-MM-DD-title` files there (a README there is none), and stops at one whose date is
/// no day.
fn undated_post(stem: &str) -> String {
    match no_day(stem) {
        Some(said) => format!("in _posts with a date in its name that is no day ({said}): Jekyll stopped on it"),
        None => "in _posts without a date in its name (YYYY-MM-DD-title.md): Jekyll never published it".into(),
    }
}

/// Why the date a post's name starts with (`2020-02-30-feb`) is no day; None for a name
/// without one, or with a good one.
fn no_day(stem: &str) -> Option<String> {
    let mut parts = stem.splitn(4, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    parts.next().filter(|rest| !rest.is_empty())?;
    let date = super::meta::padded_ymd(year, month, day)?;
    crate::dates::parse_date(&date).err().map(|e| e.to_string())
}

/// Jekyll's `slugify` in its `pretty` mode, keeping case, as `:title` is filled: every run
/// of characters but letters, digits and `._~!$&'()+,;=@` becomes one `-`.
fn pretty_slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_alphanumeric() || "._~!$&'()+,;=@".contains(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn slug_of(name: &str) -> String {
    let slug = crate::content::slugify(name);
    if slug.is_empty() {
        "untitled".into()
    } else {
        slug
    }
}

/// Where Jekyll published a post: its own `permalink`, else the site's pattern filled in.
/// Err names a placeholder this import does not know.
fn old_url(
    source: &serde_json::Map<String, Value>,
    pattern: &str,
    meta: &Meta,
    categories: &[String],
    name: &str,
    zone: Option<Tz>,
) -> Result<String, String> {
    let pattern = source.get("permalink").and_then(Value::as_str).unwrap_or(pattern);
    let title = source.get("slug").and_then(Value::as_str).unwrap_or(name);
    let mut cats: Vec<String> = Vec::new();
    for c in categories {
        let c = c.to_lowercase();
        if !cats.contains(&c) {
            cats.push(c);
        }
    }
    let slugified: Vec<String> = cats.iter().map(|c| crate::content::slugify(c)).collect();
    let fills = vec![
        (":categories", cats.join("/")),
        (":slugified_categories", slugified.join("/")),
        (":title", pretty_slug(title)),
    ];
    fill_pattern(pattern, meta, fills, title, zone)
}

/// `pattern` with Jekyll's placeholders filled in: `fills`, `:output_ext`, `:slug` (from
/// `slug_from`) and the parts of the document's date. Err names a placeholder left over.
fn fill_pattern(
    pattern: &str,
    meta: &Meta,
    mut fills: Vec<(&str, String)>,
    slug_from: &str,
    zone: Option<Tz>,
) -> Result<String, String> {
    fills.push((":output_ext", ".html".into()));
    fills.push((":slug", crate::content::slugify(slug_from)));
    let written = meta.get("date");
    if let Some(d) = written.and_then(|d| crate::dates::parse_datetime(d).ok()) {
        // Jekyll reads a date in the site's `timezone`: one written with another offset
        // (`23:30:00 -0700` on a New York site) is another day there.
        let at = match zone {
            Some(zone) if written.is_some_and(has_offset) => d.at.with_timezone(&zone).fixed_offset(),
            _ => d.at,
        };
        for (key, format) in [
            (":year", "%Y"),
            (":short_year", "%y"),
            (":month", "%m"),
            (":i_month", "%-m"),
            (":short_month", "%b"),
            (":day", "%d"),
            (":i_day", "%-d"),
            (":y_day", "%j"),
            (":hour", "%H"),
            (":minute", "%M"),
            (":second", "%S"),
            (":long_month", "%B"),
            (":week", "%V"),
            (":w_year", "%G"),
            (":w_day", "%u"),
            (":short_day", "%a"),
            (":long_day", "%A"),
        ] {
            fills.push((key, at.format(format).to_string()));
        }
    }
    let url = super::fill_placeholders(pattern, |name| fills.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone()))?;
    Ok(as_jekyll_wrote(&url))
}

/// A filled-in URL as Jekyll wrote it: spaces escaped, and no empty path segment (an
/// empty `:categories` leaves none).
fn as_jekyll_wrote(url: &str) -> String {
    let mut url = url.replace(' ', "%20");
    while url.contains("//") {
        url = url.replace("//", "/");
    }
    url
}

/// Whether a date as written names its offset from UTC (`Z`, `+02:00`, `-0700`).
/// The front matter's date written with another offset than the site's `timezone` has
/// (`23:30:00 -0800` on a New York site), written again in that zone, where Jekyll showed
/// it (the 6th at 02:30), and the note saying so: the page then shows the day its old URL
/// has. None when nothing moved.
fn date_in_zone(meta: &mut Meta, zone: Option<Tz>) -> Option<String> {
    let (zone, written) = (zone?, meta.get("date")?);
    let date = crate::dates::parse_datetime(written).ok().filter(|_| has_offset(written))?;
    let moved = crate::dates::Date { at: date.at.with_timezone(&zone).fixed_offset(), ..date };
    if moved.at.offset() == date.at.offset() {
        return None;
    }
    // An `updated` or `reviewed` written as a day is compared by day: the next day would
    // put it before the date, which the build refuses. The date is left as written then.
    let overtaken = ["updated", "reviewed"].iter().filter_map(|key| crate::dates::Date::parse(meta.get(key)?).ok());
    if overtaken.into_iter().any(|later| later.is_before(moved)) {
        return None;
    }
    let note = format!("date {} given in the site's timezone ({zone}), as Jekyll showed it", written.trim());
    meta.set("date", Value::String(moved.to_rfc3339()));
    Some(note)
}

fn has_offset(written: &str) -> bool {
    written.trim().split_once([' ', 'T']).is_some_and(|(_, time)| {
        let time = time.trim();
        time.contains(['+', '-']) || time.ends_with(['Z', 'z']) || time.ends_with("UTC")
    })
}

/// A collection of `_config.yml` (`collections:`) other than posts: its documents are in
/// `_<label>/`, published only with `output: true`, at its `permalink` pattern.
#[derive(Debug)]
struct Collection {
    label: String,
    output: bool,
    permalink: Option<String>,
}

/// The collections of `config`, in either form Jekyll takes (a map of settings, or a list
/// of names, which publish nothing), and the posts' own `permalink` when it sets one.
fn collections_of(config: &serde_json::Map<String, Value>) -> (Vec<Collection>, Option<String>) {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    match config.get("collections") {
        Some(Value::Object(all)) => {
            let posts = all.get("posts").and_then(|p| text(p, "permalink"));
            let collections = all
                .iter()
                .filter(|(label, _)| *label != "posts")
                .map(|(label, v)| Collection {
                    label: label.clone(),
                    output: v.get("output").and_then(Value::as_bool).unwrap_or(false),
                    permalink: text(v, "permalink"),
                })
                .collect();
            (collections, posts)
        }
        Some(Value::Array(labels)) => {
            let collections = labels
                .iter()
                .filter_map(Value::as_str)
                .filter(|label| *label != "posts")
                .map(|label| Collection { label: label.to_string(), output: false, permalink: None })
                .collect();
            (collections, None)
        }
        _ => (Vec::new(), None),
    }
}

/// The collection a file of the source is in, and its path inside the collection's folder.
fn collection_of<'a>(site: &'a Site, rel: &str) -> Option<(&'a Collection, String)> {
    let rel = match site.collections_dir.as_str() {
        "" => rel,
        dir => rel.strip_prefix(dir)?.strip_prefix('/')?,
    };
    let (folder, inner) = rel.split_once('/')?;
    let label = folder.strip_prefix('_')?;
    site.collections.iter().find(|c| c.label == label).map(|c| (c, inner.to_string()))
}

/// A file of a collection: a document when it is Markdown with front matter (a page here,
/// `guides-salary.md`, with its old URL), else a file copied to where Jekyll put it.
fn read_collection(src: &Path, rel: &Path, (collection, inner): (&Collection, String), site: &Site, found: &mut Found) {
    let label = &collection.label;
    if !collection.output {
        let why = format!("in the collection `{label}`, which Jekyll did not publish (no `output: true`)");
        found.skipped.push((rel.to_path_buf(), why));
        return;
    }
    if !is_markdown(rel) && file_opens_with_front_matter(&src.join(rel)) {
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        found.skipped.push((rel.to_path_buf(), made_with_liquid(ext).into()));
        return;
    }
    let text = if is_markdown(rel) { read_text(src, rel, found) } else { None };
    let Some(text) = text.filter(|t| opens_with_front_matter(t)) else {
        found.copies.push((rel.to_path_buf(), Path::new("static").join(label).join(&inner)));
        return;
    };
    let Some(mut source) = parse_source(&text, rel, found) else { return };
    site.defaults.apply(&site.in_collections(rel), Kind::Collection(label), &mut source.meta);
    let meta = source.converted();
    let path = Path::new(&inner).with_extension("").to_string_lossy().replace('\\', "/");
    let name = Path::new(&inner).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let dest = PathBuf::from(format!("{}.md", crate::content::slugify(&format!("{label}-{path}"))));
    let default = format!("/:collection/:path{}", suffix_of(&site.pattern));
    let pattern = source.meta.get("permalink").and_then(Value::as_str).or(collection.permalink.as_deref());
    let title = source.meta.get("slug").and_then(Value::as_str).unwrap_or(&name).to_string();
    let fills = vec![
        (":collection", label.clone()),
        (":path", path),
        (":name", crate::content::slugify(&name)),
        (":title", pretty_slug(&title)),
    ];
    let mut notes = Vec::new();
    let old_urls = fill_pattern(pattern.unwrap_or(&default), &meta, fills, &title, site.timezone)
        .map_err(|unknown| notes.push(super::unknown_placeholder(&unknown)))
        .into_iter()
        .collect();
    let refs = vec![slashed(rel)];
    let doc = Doc { old_urls, refs, notes, ..Doc::new(rel, dest, meta, source.body) };
    push_doc(doc, &source.meta, found);
}

/// Where a body that is nothing but a refresh tag (`<meta http-equiv="refresh"
/// content="0; url='https://…'">`, a stub left where a post moved) sends readers.
fn refresh_only(body: &str) -> Option<String> {
    let tag = body.trim();
    let lower = tag.to_ascii_lowercase();
    let one_tag = lower.starts_with("<meta") && tag.ends_with('>') && tag.matches('<').count() == 1;
    if !one_tag || !lower.contains("refresh") {
        return None;
    }
    let content = &tag[lower.find("content=")? + "content=".len()..];
    let quote = content.chars().next().filter(|q| matches!(q, '"' | '\''))?;
    let value = &content[1..1 + content[1..].find(quote)?];
    let url = &value[value.to_ascii_lowercase().find("url=")? + "url=".len()..];
    let url = url.trim().trim_matches(['\'', '"']);
    // The attribute's text, as the browser read it.
    let decoded = ["&amp;", "&#38;", "&#x26;"].iter().fold(url.to_string(), |u, e| u.replace(e, "&"));
    Some(decoded.replace("&quot;", "\"").replace("&#39;", "'"))
}

/// `doc`, read with the front matter `front`, among the documents; or, when it only sent
/// readers elsewhere (jekyll-redirect-from's `redirect_to`, a URL or a list of which the
/// first counts), among the redirects, with its old URLs and its `redirect_from`.
fn push_doc(doc: Doc, front: &serde_json::Map<String, Value>, found: &mut Found) {
    let Some(to) = redirect_of(front, &doc.body) else {
        found.docs.push(doc);
        return;
    };
    let draft = doc.meta.pairs.iter().any(|(k, v)| k == "draft" && v == &Value::Bool(true));
    if doc.meta.never_published || draft {
        let why = format!("only a redirect, to {to}, that Jekyll never published: nothing to redirect");
        found.skipped.push((doc.source, why));
        return;
    }
    let from: Vec<String> = doc.meta.aliases.into_iter().chain(doc.old_urls).collect();
    let mut notes = doc.notes;
    if from.is_empty() {
        notes.push(format!("only a redirect, to {to}, with no old URL known to redirect from: left out"));
    }
    found.redirects.push(super::FoundRedirect { source: doc.source, from, to, notes });
}

/// Where a document sends readers when that is all it does: its `redirect_to` (a URL, or
/// a list of which the first counts), or the one refresh tag its body is.
fn redirect_of(front: &serde_json::Map<String, Value>, body: &str) -> Option<String> {
    let to = match front.get("redirect_to") {
        Some(Value::Array(urls)) => urls.first().and_then(Value::as_str).map(str::to_string),
        Some(url) => url.as_str().map(str::to_string),
        None => refresh_only(body),
    };
    to.filter(|to| !to.trim().is_empty())
}

/// A file that is not Markdown but was only a redirect (`old.html` with `redirect_to`):
/// one of [`push_doc`]'s; false for any other, which is Liquid's output.
fn read_redirect_page(src: &Path, rel: &Path, site: &Site, found: &mut Found) -> bool {
    // What cannot be read is reported by the reader.
    let Some(text) = read_text(src, rel, found) else { return true };
    let Some(source) = parse_source(&text, rel, found) else { return true };
    if redirect_of(&source.meta, &source.body).is_none() {
        return false;
    }
    let permalink = source.meta.get("permalink").and_then(Value::as_str);
    let old_urls = page_url(permalink, rel, &site.pattern).into_iter().collect();
    let doc = Doc { old_urls, ..Doc::new(rel, PathBuf::new(), source.converted(), source.body) };
    push_doc(doc, &source.meta, found);
    true
}

/// How Jekyll ends a default URL under the site's permalink style: `/` for `pretty` (or a
/// pattern ending in `/`), `:output_ext` for the named styles that end so, else nothing.
fn suffix_of(pattern: &str) -> &'static str {
    if pattern.ends_with('/') {
        "/"
    } else if pattern.ends_with(":output_ext") {
        ":output_ext"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_home_page_of_liquid_alone_has_no_text_of_its_own() {
        for body in ["", "\n  \n", "{% include intro.html %}\n", "{{ content }}\n{%- include a.html -%}\n"] {
            assert!(only_liquid(body), "{body:?}");
        }
        for body in ["Welcome", "{% include a.html %}\nWelcome", "{% unclosed", "# Hi {{ site.title }}"] {
            assert!(!only_liquid(body), "{body:?}");
        }
    }

    #[test]
    fn untitled_posts_are_titled_from_their_slug_as_jekyll_titled_them() {
        for (slug, title) in [
            ("welcome-to-jekyll", "Welcome To Jekyll"),
            ("my-iOS-app", "My Ios App"),
            ("élan-vital", "Élan Vital"),
            ("two--dashes", "Two  Dashes"),
            ("ends-with-dots..", "Ends With Dots"),
            ("single", "Single"),
        ] {
            assert_eq!(titleize_slug(slug), title, "{slug}");
        }
    }
    use super::*;
    use serde_json::json;

    #[test]
    fn a_name_with_dots_keeps_all_of_itself_in_its_slug() {
        // The name has no extension left: `v1.2.3-release` is not `v1.2` plus `.3-release`.
        assert_eq!(slug_of("v1.2.3-release"), "v1-2-3-release");
        assert_eq!(slug_of("node.js-tips"), "node-js-tips");
        assert_eq!(slug_of("..."), "untitled");
        let (_, name) = split_dated("2020-01-02-v1.2.3-release");
        assert_eq!(slug_of(name), "v1-2-3-release");
    }

    fn url(front: Value, pattern: &str, folders: &[&str], name: &str) -> Option<String> {
        let source = front.as_object().unwrap().clone();
        let meta = Meta::convert(&source);
        let folders: Vec<String> = folders.iter().map(|s| s.to_string()).chain(category_words(&source)).collect();
        old_url(&source, pattern, &meta, &folders, name, None).ok()
    }

    #[test]
    fn old_urls_follow_the_permalink_pattern() {
        let date = STYLES[0].1;
        let front = json!({"date": "2019-08-19 10:00:00 +0200", "categories": "News Career"});
        assert_eq!(url(front.clone(), date, &[], "welcome").as_deref(), Some("/news/career/2019/08/19/welcome.html"));
        assert_eq!(
            url(front.clone(), STYLES[1].1, &["jobs"], "welcome").as_deref(),
            Some("/jobs/news/career/2019/08/19/welcome/")
        );
        assert_eq!(url(json!({"date": "2019-08-19"}), date, &[], "hi").as_deref(), Some("/2019/08/19/hi.html"));
        assert_eq!(
            url(json!({"date": "2019-08-19"}), "/blog/:year/:i_month/:title/", &[], "hi").as_deref(),
            Some("/blog/2019/8/hi/")
        );
        assert_eq!(url(json!({"permalink": "/custom/"}), date, &[], "hi").as_deref(), Some("/custom/"));
        // In the site's `timezone`, a date written with another offset may be another day;
        // one written without an offset was read in that zone already.
        let source = json!({"date": "2020-05-01 23:30:00 -0700"}).as_object().unwrap().clone();
        let meta = Meta::convert(&source);
        let new_york = Some(chrono_tz::America::New_York);
        assert_eq!(old_url(&source, date, &meta, &[], "late", new_york).as_deref(), Ok("/2020/05/02/late.html"));
        assert_eq!(old_url(&source, date, &meta, &[], "late", None).as_deref(), Ok("/2020/05/01/late.html"));
        let bare = json!({"date": "2020-05-01 23:30:00"}).as_object().unwrap().clone();
        let meta = Meta::convert(&bare);
        assert_eq!(old_url(&bare, date, &meta, &[], "late", new_york).as_deref(), Ok("/2020/05/01/late.html"));
        assert!(
            has_offset("2020-05-03T08:00:00Z") && has_offset("2020-05-03 08:00 +09:00") && !has_offset("2020-05-03")
        );
        let weekdate = url(json!({"date": "2019-08-19"}), STYLES[4].1, &[], "hi");
        assert_eq!(weekdate.as_deref(), Some("/2019/W34/Mon/hi.html"));
        assert_eq!(url(json!({"date": "2019-08-19"}), "/:year/:unknown/:title/", &[], "hi"), None);
        // A placeholder is read whole: one that starts like a known one is not that one.
        assert_eq!(url(json!({"date": "2019-08-19"}), "/:year/:titles/", &[], "hi"), None);
        // As Jekyll reads them: a trailing `_` is text, and so is a `:` with no name after it.
        let joined = url(json!({"date": "2019-08-19"}), "/:year_:month_:day/:title:/", &[], "hi");
        assert_eq!(joined.as_deref(), Some("/2019_08_19/hi:/"));
        assert_eq!(url(json!({"date": "2019-08-19"}), "/notes:/:title2/", &[], "hi").as_deref(), Some("/notes:/hi2/"));
        let cats = json!({"date": "2019-08-19", "categories": ["Life Stories", "C++"]});
        let slugified = url(cats, "/:slugified_categories/:title/", &[], "in-folder");
        assert_eq!(slugified.as_deref(), Some("/life-stories/c/in-folder/"));
        // `category` is one category, spaces and all; `categories` as a string is split.
        let one = json!({"date": "2020-02-03", "category": "Career Advice"});
        assert_eq!(url(one, date, &[], "single").as_deref(), Some("/career%20advice/2020/02/03/single.html"));
        // `:title` is the name slugified as Jekyll's `pretty` mode does, case kept.
        let pretty = STYLES[1].1;
        let named = url(json!({"date": "2020-08-01"}), pretty, &[], "Überraschung Café");
        assert_eq!(named.as_deref(), Some("/2020/08/01/Überraschung-Café/"));
        assert_eq!(pretty_slug("  What's next? (Part 2) "), "What's-next-(Part-2)");
    }

    #[test]
    fn a_date_with_another_offset_is_written_in_the_site_s_timezone() {
        // The date the page shows is the one the old URL has.
        let date = STYLES[0].1;
        let source = json!({"date": "2020-05-01 23:30:00 -0700"}).as_object().unwrap().clone();
        let bare = json!({"date": "2020-05-01 23:30:00"}).as_object().unwrap().clone();
        let new_york = Some(chrono_tz::America::New_York);
        let mut meta = Meta::convert(&source);
        let note = date_in_zone(&mut meta, new_york).unwrap();
        assert_eq!(meta.get("date"), Some("2020-05-02T02:30:00-04:00"), "{note}");
        assert_eq!(old_url(&source, date, &meta, &[], "late", new_york).as_deref(), Ok("/2020/05/02/late.html"));
        let late = json!({"date": "2020-05-01 23:30:00 -0700", "last_modified_at": "2020-05-01"});
        let mut meta = Meta::convert(late.as_object().unwrap());
        assert_eq!(date_in_zone(&mut meta, new_york), None, "{:?}: updated would come before it", meta.get("updated"));
        assert_eq!(meta.get("date"), Some("2020-05-01 23:30:00 -0700"));
        let mut meta = Meta::convert(&bare);
        assert_eq!(date_in_zone(&mut meta, new_york), None);
        assert_eq!(meta.get("date"), Some("2020-05-01 23:30:00"));
        let mut meta = Meta::convert(&json!({"date": "2020-05-01 23:30:00 -0400"}).as_object().unwrap().clone());
        assert_eq!(date_in_zone(&mut meta, new_york), None, "already New York's offset that day");
    }

    #[test]
    fn exclude_and_include_match_as_jekyll_matches() {
        let filter = Filter {
            exclude: ["scripts/", "private", "notes.md", "*.gemspec", "docs/*.txt", "[Rr]akefile", "*.png"]
                .map(String::from)
                .to_vec(),
            include: ["private/keep.png", "keep.png", "_redirects"].map(String::from).to_vec(),
        };
        // Jekyll never looks inside an excluded folder: what `include` names in it stays out.
        let out = ["scripts/deploy.sh", "private/raw.csv", "private/keep.png", "notes.md", "x.gemspec"];
        for rel in out.into_iter().chain(["docs/a/b.txt", "Rakefile", "rakefile", "a.png"]) {
            assert!(filter.excludes(rel), "{rel}");
        }
        for rel in ["script.js", "notes.markdown", "docs/a.md", "about.md", "keep.png", "Makefile"] {
            assert!(!filter.excludes(rel), "{rel}");
        }
        assert!(filter.includes("_redirects") && !filter.includes("_layouts/x.html"));
        let fnmatch = |p: &str, t: &str| super::fnmatch(&p.chars().collect::<Vec<_>>(), &t.chars().collect::<Vec<_>>());
        assert!(fnmatch("a?c", "abc") && !fnmatch("a?c", "ac"));
        assert!(fnmatch("[!a]x", "bx") && !fnmatch("[!a]x", "ax"));
        assert!(fnmatch("[a", "[a") && fnmatch("\\*", "*") && !fnmatch("\\*", "a"));
        assert!(fnmatch("caf?.md", "café.md") && fnmatch("[é]", "é"), "characters, not bytes");
        // A folder's name excluded leaves out what is in it.
        let folders = Filter { exclude: vec!["*.bak".into(), "[Tt]mp".into()], include: vec![] };
        assert!(folders.excludes("old.bak/data.txt") && folders.excludes("tmp/a.md") && !folders.excludes("x/a.md"));
        assert!(!jekyll_match("", "anything"), "an empty entry excludes nothing");
        assert!(fnmatch("*a*b", "xxaxxb") && !fnmatch("*a*b", "xxbxxa") && fnmatch("a*", "a"));
        // Many stars against a long path that fails at its end: no backtracking blow-up.
        let path = "a".repeat(4_000);
        assert!(!fnmatch(&format!("{}b", "*a".repeat(40)), &path));
    }

    #[test]
    fn a_pages_old_url_ends_as_the_permalink_pattern_does() {
        let page = |own: Option<&str>, rel: &str, style: &str| {
            let pattern = permalink_pattern(json!({ "permalink": style }).as_object().unwrap());
            page_url(own, Path::new(rel), &pattern).unwrap_or_default()
        };
        assert_eq!(page(None, "docs/negotiation.md", "pretty"), "/docs/negotiation/");
        assert_eq!(page(None, "docs/negotiation.md", "date"), "/docs/negotiation.html");
        assert_eq!(page(None, "about.md", "none"), "/about.html");
        assert_eq!(page(None, "about.md", "/:year/:title/"), "/about/");
        assert_eq!(page(None, "about.md", "/:year/:title"), "/about");
        assert_eq!(page(None, "docs/index.md", "date"), "/docs/");
        assert_eq!(page(Some("/about/"), "about.md", "date"), "/about/", "its own permalink only");
        assert_eq!(page(Some("/handbook/:basename/"), "guides/salary.md", "date"), "/handbook/salary/");
        assert_eq!(page(Some("/:path/:basename:output_ext"), "guides/salary.md", "date"), "/guides/salary.html");
        assert_eq!(page(Some("/:title/"), "guides/salary.md", "date"), "", "a placeholder not known here");
    }

    #[test]
    fn only_a_file_opening_with_dashes_has_front_matter() {
        for yes in ["---\ntitle: A\n---\n", "\u{feff}---\r\ntitle: A\r\n---\r\n", "--- \n---\n"] {
            assert!(opens_with_front_matter(yes), "{yes:?}");
        }
        for no in ["# Changelog\n---\n", "----\n", "+++\ntitle = 1\n+++\n", ""] {
            assert!(!opens_with_front_matter(no), "{no:?}");
        }
    }

    #[test]
    fn a_body_that_only_refreshes_is_a_redirect() {
        let stub = "\n<meta http-equiv=\"Refresh\" content=\"0; url='https://new.example/posts/x/'\" />\n";
        assert_eq!(refresh_only(stub).as_deref(), Some("https://new.example/posts/x/"));
        assert_eq!(refresh_only("<meta http-equiv=refresh content='0;URL=/new/'>").as_deref(), Some("/new/"));
        for body in
            ["Text.\n<meta http-equiv=\"refresh\" content=\"0; url=/x/\">", "<meta charset=\"utf-8\">", "# Title"]
        {
            assert_eq!(refresh_only(body), None, "{body}");
        }
    }

    #[test]
    fn dated_file_names() {
        assert_eq!(split_dated("2019-08-19-welcome"), (Some("2019-08-19".into()), "welcome"));
        assert_eq!(split_dated("2020-11-1-short-date"), (Some("2020-11-01".into()), "short-date"));
        assert_eq!(split_dated("2020-1-05-x"), (Some("2020-01-05".into()), "x"));
        for not in ["2019-13-19-welcome", "welcome", "2019-08-19", "2019-08-19-", "19-08-19-x", "2019-008-19-x"] {
            assert_eq!(split_dated(not), (None, not));
        }
        // A name dated with no day says which, as Jekyll stopped on it.
        assert!(no_day("2020-02-30-feb").unwrap().contains("February 2020 has 29 days"));
        assert!(no_day("2019-13-19-welcome").is_some());
        for fine_or_undated in ["2019-08-19-welcome", "welcome", "2019-08-19", "README"] {
            assert_eq!(no_day(fine_or_undated), None, "{fine_or_undated}");
        }
    }
}
