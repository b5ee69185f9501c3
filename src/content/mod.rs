//! Reads `content/`: walks it, splits every Markdown file into front matter and body, and
//! describes pages and sections. Nothing here renders; permalinks must all be known first.

pub mod alias;
pub mod front_matter;

use crate::dates::Date;
use crate::error::{line_col, Error, ErrorKind, Errors};
use crate::seo::{Image, ImageMeta};
use alias::Alias;
use front_matter::{key_line, path_line};
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub const CONTENT_DIR: &str = "content";
pub const SECTION_FILE: &str = "_index.md";
/// What makes a file under content/ a page (the longest first, for stripping).
pub const MARKDOWN_EXTENSIONS: [&str; 2] = [".markdown", ".md"];
/// The file that makes its folder one page, a page bundle as in Hugo: the other files in
/// `posts/my-post/` beside `index.md` are published beside that page.
pub const BUNDLE_FILE: &str = "index.md";

/// One file found under `content/`.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub abs: PathBuf,
    /// Relative to `content/`, with `/` separators: how `@/` links name it.
    pub rel: String,
    /// Relative to the site root, as error messages show it.
    pub display: PathBuf,
}

impl ContentFile {
    /// The folder relative to `content/` ("" for the root): relative links start there.
    pub fn folder(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
    /// `index.md` in a folder below `content/`: the folder is one page (a page bundle). At
    /// the top of `content/`, `index.md` stays an ordinary standalone page.
    pub fn is_bundle_index(&self) -> bool {
        self.file_name() == BUNDLE_FILE && !self.folder().is_empty()
    }
    /// The section key: the folder that lists this file ("" for the root). A bundle's page
    /// belongs to the folder above the bundle, which is not a section of its own.
    pub fn section_key(&self) -> &str {
        if self.is_bundle_index() {
            parent_folder(self.folder())
        } else {
            self.folder()
        }
    }
    fn file_name(&self) -> &str {
        self.rel.rsplit_once('/').map_or(&self.rel, |(_, f)| f)
    }
    /// The name a URL is made from: the file's without its extension, or a bundle's
    /// folder's.
    fn url_name(&self) -> &str {
        if self.is_bundle_index() {
            self.folder().rsplit('/').next().unwrap_or_default()
        } else {
            let name = self.file_name();
            MARKDOWN_EXTENSIONS.iter().find_map(|ext| name.strip_suffix(ext)).unwrap_or(name)
        }
    }
    /// `.md`, or `.markdown` as Jekyll sites name most posts.
    pub fn is_markdown(&self) -> bool {
        MARKDOWN_EXTENSIONS.iter().any(|ext| self.rel.ends_with(ext))
    }

    /// A Jekyll-style name, `2019-08-19-old-slug.md`: its date, and the rest as the name.
    fn dated_name(&self) -> Option<(Date, &str)> {
        dated_name(self.url_name())
    }
}

/// A page name (file stem or bundle folder) that starts with a date, `2019-08-19-old-slug`:
/// the date, and the rest, which is the page's slug when its front matter has no `date`.
pub fn dated_name(name: &str) -> Option<(Date, &str)> {
    let (date, rest) = (name.get(..10)?, name.get(10..)?.strip_prefix('-')?);
    let date = crate::dates::parse_date(date).ok()?;
    (!rest.is_empty()).then_some((Date::day(date), rest))
}

/// The folder above `folder` ("" above a top-level one).
fn parent_folder(folder: &str) -> &str {
    folder.rsplit_once('/').map_or("", |(parent, _)| parent)
}

/// The folders that are page bundles: each holds an `index.md` below the top of `content/`.
pub fn bundle_folders(files: &[ContentFile]) -> BTreeSet<String> {
    files.iter().filter(|f| f.is_bundle_index()).map(|f| f.folder().to_string()).collect()
}

/// The page bundle `folder` lies in: itself, or its nearest ancestor that is one.
pub fn enclosing_bundle<'b>(folder: &str, bundles: &'b BTreeSet<String>) -> Option<&'b str> {
    let mut folder = folder;
    while !folder.is_empty() {
        if let Some(bundle) = bundles.get(folder) {
            return Some(bundle);
        }
        folder = parent_folder(folder);
    }
    None
}

/// Editor temp, swap and backup files that must never become pages or trigger rebuilds.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// The one hidden folder a site publishes: `static/.well-known/` (RFC 8615), where
/// `security.txt`, app-link and payment-domain files must be served from.
pub const WELL_KNOWN: &str = ".well-known";

/// Hidden files a static folder publishes, anywhere in it: the host's own settings, which
/// only work from inside the published folder. Apache's per-folder `.htaccess` (which
/// Apache never serves), GitHub Pages' `.nojekyll` and Codeberg Pages' `.domains`.
pub const HOST_FILES: [&str; 3] = [".htaccess", ".nojekyll", ".domains"];

/// Whether the path of a file or folder, as components from the site root, is hidden
/// or an editor's file: any component `is_ignored_name` names, but the `.well-known`
/// right under the site's or a theme's `static/` and the `HOST_FILES` in them.
pub fn is_ignored_path(components: &[&str]) -> bool {
    let static_at = match components {
        ["static", ..] => Some(1),
        ["themes", _, "static", ..] => Some(3),
        _ => None,
    };
    components.iter().enumerate().any(|(i, name)| {
        let published =
            static_at.is_some_and(|at| i >= at && published_though_hidden(name, i + 1 - at, i + 1 == components.len()));
        is_ignored_name(name) && !published
    })
}

/// Whether a hidden entry of a static folder is published: `.well-known` right under it
/// (`depth` 1), or a host's file at any depth. `file` says whether it is a file.
fn published_though_hidden(name: &str, depth: usize, file: bool) -> bool {
    (depth == 1 && name == WELL_KNOWN) || (file && HOST_FILES.contains(&name))
}

/// Lists every file under `dir` (sorted, so builds are reproducible). Walk errors are
/// reported, never dropped, each naming its file: a dangling symlink, a symlink loop, a
/// named pipe, socket or device (reading a pipe would wait forever), and a symlink that
/// leads outside the site root `root` (a build would publish whatever it points to, such
/// as `/etc/passwd`). Symlinks that stay inside the site are followed.
pub fn walk(root: &Path, dir: &Path) -> Result<Vec<ContentFile>, Vec<Error>> {
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut outside = Vec::new();
    // Not `sort_by_file_name`: it derives both names from their paths at every comparison,
    // and sorting a folder of 20,000 articles that way was 5 % of a dev-server reload at
    // 100,000 articles. The files are sorted once, below, into the same order.
    let walker = WalkDir::new(dir).follow_links(true).into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        let in_static = dir.file_name().is_some_and(|d| d == "static");
        let published = in_static && published_though_hidden(&name, e.depth(), !e.file_type().is_dir());
        if e.depth() > 0 && !published && is_ignored_name(&name) {
            return false;
        }
        // Refused here, so that no file in a linked folder out of the site is read.
        match leaves_site(e, &site, root) {
            Some(error) => {
                outside.push(error);
                false
            }
            None => true,
        }
    });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) if entry.file_type().is_file() => {
                let abs = entry.into_path();
                let rel_path = abs.strip_prefix(dir).unwrap_or(&abs);
                // A URL names a file in UTF-8: with the name's other bytes replaced, no link
                // could name it, and its page would publish under a name the author never wrote.
                if rel_path.to_str().is_none() {
                    errors.push(Error::new(
                        ErrorKind::Io,
                        shown(root, &abs),
                        "this file's name (or its folder's) is not UTF-8 text, so no URL can name it: rename it",
                    ));
                    continue;
                }
                let rel = rel_path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                let display = shown(root, &abs);
                files.push(ContentFile { abs, rel, display });
            }
            Ok(entry) => errors.push(not_regular(root, &entry)),
            Err(e) => errors.push(walk_error(root, &site, dir, &e)),
        }
    }
    errors.extend(outside);
    if errors.is_empty() {
        sort_as_walked(&mut files, dir);
        Ok(files)
    } else {
        errors.sort_by(|a, b| a.path().cmp(b.path()));
        Err(errors)
    }
}

/// Puts `files` (all under `dir`) in the order of a walk that lists each folder sorted by
/// name: a folder's files come where its name sorts among its siblings. That is the order
/// of their paths compared name by name, which is their bytes compared with each separator
/// made the lowest byte (no name holds a NUL), so each key is made once.
fn sort_as_walked(files: &mut Vec<ContentFile>, dir: &Path) {
    let key = |f: &ContentFile| -> Vec<u8> {
        let rel = f.abs.strip_prefix(dir).unwrap_or(&f.abs);
        rel.as_os_str().as_encoded_bytes().iter().map(|&b| walked_byte(b)).collect()
    };
    let mut keyed: Vec<(Vec<u8>, ContentFile)> = files.drain(..).map(|f| (key(&f), f)).collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    files.extend(keyed.into_iter().map(|(_, f)| f));
}

/// A byte of a path as the walk's order compares it: a separator sorts before any name's byte.
fn walked_byte(b: u8) -> u8 {
    if b.is_ascii() && std::path::is_separator(char::from(b)) {
        0
    } else {
        b
    }
}

/// How two paths relative to one walked folder (`posts/a.md`) compare in the walk's order
/// (`sort_as_walked`), without walking: where a file added later goes among those walked.
pub fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes().map(walked_byte).cmp(b.bytes().map(walked_byte))
}

/// A path as messages show it: relative to the site root.
fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The error for a walked entry that is a symlink (or the walked folder itself, which may
/// sit behind a linked parent) resolving outside the site's real folder `site`.
fn leaves_site(entry: &walkdir::DirEntry, site: &Path, root: &Path) -> Option<Error> {
    if entry.depth() > 0 && !entry.path_is_symlink() {
        return None;
    }
    // One that does not resolve is reported by the walk itself.
    let real = entry.path().canonicalize().ok()?;
    if !real.starts_with(site) {
        return Some(outside_error(root, entry.path(), &real));
    }
    let output = crate::published::output_holding(&real).filter(|o| o.starts_with(site))?;
    Some(Error::new(
        ErrorKind::Io,
        shown(root, entry.path()),
        format!(
            "this symlink leads into {}, where careerpress publishes the site: each build would copy the last \
             one into itself; link to the files' own folder instead",
            crate::error::printable(output.strip_prefix(site).unwrap_or(output))
        ),
    ))
}

/// `path` (a link, or a folder behind one) resolves to `real`, outside the site.
fn outside_error(root: &Path, path: &Path, real: &Path) -> Error {
    let what = if path.is_symlink() { "this symlink leads" } else { "this folder is reached through a symlink" };
    Error::new(
        ErrorKind::Io,
        shown(root, path),
        format!(
            "{what} outside the site folder, to {}: careerpress reads nothing outside the site, so that no \
             file from elsewhere is published; copy it into the site instead",
            crate::error::printable(real)
        ),
    )
}

/// The error for an entry that is neither a folder nor a regular file: named, never opened.
fn not_regular(root: &Path, entry: &walkdir::DirEntry) -> Error {
    let file_type = entry.file_type();
    let mut what = "not a regular file";
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            what = "a named pipe (FIFO), not a regular file";
        } else if file_type.is_socket() {
            what = "a socket, not a regular file";
        } else if file_type.is_block_device() || file_type.is_char_device() {
            what = "a device, not a regular file";
        }
    }
    #[cfg(not(unix))]
    let _ = file_type;
    Error::new(
        ErrorKind::Io,
        shown(root, entry.path()),
        format!("this is {what}: careerpress reads only regular files; move it out of the site"),
    )
}

/// Symlinks followed before a chain counts as a loop (Linux's own limit).
const MAX_LINK_HOPS: usize = 40;

/// A walk error as the author can act on it: a symlink loop, a dangling symlink, or the
/// system's reason.
fn walk_error(root: &Path, site: &Path, dir: &Path, e: &walkdir::Error) -> Error {
    let path = e.path().unwrap_or(dir);
    let error = |message: String| Error::new(ErrorKind::Io, shown(root, path), message);
    if let Some(ancestor) = e.loop_ancestor() {
        let real = ancestor.canonicalize().unwrap_or_else(|_| ancestor.to_path_buf());
        // A link to `/` or the home folder holds the site too, but leaving it is the news.
        let Ok(inside) = real.strip_prefix(site) else { return outside_error(root, path, &real) };
        let folder = if inside.as_os_str().is_empty() {
            "the site folder".into()
        } else {
            crate::error::printable(inside).to_string()
        };
        return error(format!("a symlink loop: this links to {folder}, a folder it is inside"));
    }
    let cause = e.io_error().map_or_else(|| e.to_string(), ToString::to_string);
    let Ok(target) = std::fs::read_link(path) else { return error(format!("cannot read: {cause}")) };
    let target = crate::error::printable(&target);
    if e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) {
        return error(format!("a dangling symlink: it points to {target}, which does not exist"));
    }
    let mut hop = path.to_path_buf();
    for _ in 0..MAX_LINK_HOPS {
        match std::fs::read_link(&hop) {
            Ok(next) => hop = hop.parent().unwrap_or(Path::new("")).join(next),
            Err(_) => return error(format!("cannot follow this symlink to {target}: {cause}")),
        }
    }
    error(format!("a symlink loop: it points to {target}, which leads back round to itself"))
}

/// Reads a file as UTF-8 text, locating the first invalid byte when it is not, and the
/// first control character written as it is: every content, data and template file comes
/// through here, front matter and Markdown body alike, so none reaches a page. (Escapes
/// such as YAML's `"\0"` are found by each format's reader: `yaml`, `toml_spans`, `data`.)
pub fn read_text(abs: &Path, display: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(abs).map_err(|e| Error::new(ErrorKind::Io, display, format!("cannot read: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            if let Some((at, c)) = crate::escape::first_control(&text) {
                let (line, col) = line_col(&text, at);
                let message = crate::escape::control_message(c) + &more_controls(&text, at + c.len_utf8());
                return Err(Error::new(ErrorKind::Encoding, display, message).at(line, col));
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let (line, col) = line_col(prefix, valid);
            Err(Error::new(ErrorKind::Encoding, display, "file is not valid UTF-8: save it with UTF-8 encoding")
                .at(line, col))
        }
    }
}

/// The control characters of `text` after byte `from`, named by line and column, so that
/// one build names every place to fix (the first few, and how many more).
fn more_controls(text: &str, from: usize) -> String {
    const NAMED: usize = 5;
    let mut places = Vec::new();
    let mut count = 0;
    let mut at = from;
    while let Some((rel, c)) = text.get(at..).and_then(crate::escape::first_control) {
        count += 1;
        if places.len() < NAMED {
            let (line, col) = line_col(text, at + rel);
            places.push(format!("{line}:{col} (U+{:04X})", c as u32));
        }
        at += rel + c.len_utf8();
    }
    match count {
        0 => String::new(),
        _ if count > NAMED => format!("; {count} more in this file, first at {}", places.join(", ")),
        _ => format!("; {count} more in this file, at {}", places.join(", ")),
    }
}

/// The front matter an article or standalone page may carry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    /// When the advice was last checked as still right; `check` warns once it is old.
    pub reviewed: Option<Date>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "deserialize_tags")]
    pub tags: Vec<String>,
    /// Who wrote it: one name or `[authors]` id, or several (`author: [ana, bo]`).
    #[serde(default, deserialize_with = "crate::authors::deserialize_written")]
    pub author: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
    pub template: Option<String>,
    /// `false` leaves the job-listing callout off this article.
    pub job_callout: Option<bool>,
    /// The image link previews show, and themes may show as the featured image.
    pub image: Option<ImageMeta>,
    /// Old URLs of this page, each written as a redirect to it.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default, deserialize_with = "crate::yaml::deserialize_unique_map")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A Markdown page: an article when it lives in a section folder, a standalone page
/// (such as "about") when it lives at the top of `content/`.
#[derive(Debug, Clone)]
pub struct Page {
    pub file: ContentFile,
    /// `meta.title` trimmed, with smart punctuation (`typography::smart`) as the body has:
    /// what every template, feed and preview shows. `meta.title` keeps what was written.
    pub title: String,
    /// `meta.description` with smart punctuation, likewise.
    pub description: Option<String>,
    pub meta: PageMeta,
    /// URL path relative to base_url, ending in `/` (e.g. `posts/foo/`).
    pub path: String,
    /// Shared, so that `serve`'s parse cache hands a page out without copying its text,
    /// and a reload knows an unchanged body by its pointer (`site::sources::Drawn`).
    pub body: std::sync::Arc<str>,
    pub body_line: usize,
    /// Line of `template:` in the file, for errors about the template it names.
    pub template_line: usize,
    /// `image` once checked.
    pub image: Option<Image>,
    /// Line of `image.src`, for errors about the file it names.
    pub image_line: usize,
    /// `meta.aliases`, checked, with the output file each redirect is written to.
    pub aliases: Vec<Alias>,
}

impl Page {
    pub fn section_key(&self) -> &str {
        self.file.section_key()
    }
    /// Articles live in sections, have a date and take part in listings and prev/next.
    pub fn is_article(&self) -> bool {
        !self.section_key().is_empty()
    }
    pub fn date(&self) -> Option<Date> {
        self.meta.date
    }
    /// Dated after the build date: published only with `--future`, marked in previews.
    pub fn is_scheduled(&self, today: chrono::NaiveDate) -> bool {
        self.meta.date.is_some_and(|d| d.utc_date() > today)
    }
}

/// How a section lists its articles; previous/next follows the same order. Read by
/// `words_enum!`, so that a wrong value is answered with the words it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case", remote = "Self")]
pub enum SortOrder {
    #[default]
    NewestFirst,
    OldestFirst,
}

crate::mismatch::words_enum!(SortOrder);

impl SortOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::NewestFirst => "newest-first",
            SortOrder::OldestFirst => "oldest-first",
        }
    }
}

/// The front matter of a section's `_index.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub sort: SortOrder,
    pub paginate_by: Option<usize>,
    pub template: Option<String>,
    /// Old URLs of the section's list page, each written as a redirect to it.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default, deserialize_with = "crate::yaml::deserialize_unique_map")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A folder of `content/`, with the settings from its `_index.md` when it has one.
#[derive(Debug, Clone)]
pub struct SectionSource {
    pub key: String,
    pub file: Option<ContentFile>,
    pub meta: SectionMeta,
    pub body: String,
    pub body_line: usize,
    pub template_line: usize,
    /// `meta.aliases`, checked, with the output file each redirect is written to.
    pub aliases: Vec<Alias>,
}

impl SectionSource {
    /// URL path relative to base_url ("" for the home page, `posts/` otherwise).
    pub fn path(&self) -> String {
        section_path(&self.key)
    }
}

/// Turns a section key into its URL path.
pub fn section_path(key: &str) -> String {
    if key.is_empty() {
        return String::new();
    }
    key.split('/').map(slugify).collect::<Vec<_>>().join("/") + "/"
}

/// Makes a URL segment from a file or folder name: lower case, letters and digits kept
/// (any script) with the combining marks that follow them, invisible format characters
/// dropped (`is_invisible_in_word`), everything else folded into single hyphens. NFC
/// first, so that text that looks alike slugs alike.
pub fn slugify(name: &str) -> String {
    let name = nfc(name);
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        // Most names are ASCII: lower-cased in place, without a case-mapping iterator.
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if is_invisible_in_word(c) {
            continue;
        } else if out.is_empty() || out.ends_with('-') {
            // Nothing to join, or a mark with no letter of its own left before it.
            continue;
        } else if is_mark(c) {
            // Accents left uncomposed and the signs of Indic scripts (the virama in
            // `साक्षात्कार`) are part of their word; splitting it there misspells it.
            out.push(c);
        } else {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `text` in Unicode's composed form (NFC), borrowed when it already is (always for
/// ASCII), so that `é` typed as one character and as `e` with a combining accent (as
/// macOS writes file names) are one name, one slug and one tag.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// Whether `c` is a combining mark (general category Mn, Mc or Me).
pub(crate) fn is_mark(c: char) -> bool {
    !c.is_ascii() && GeneralCategoryGroup::Mark.contains(general_category(c))
}

/// Whether `c` is left out of a slug rather than separating words: a format character
/// (general category Cf) other than the zero width space. They are invisible, and a reader
/// sees one word where they stand, so a hyphen there would split a word where none shows:
/// the zero-width non-joiner and joiner (U+200C, U+200D) shape the letters inside one
/// Persian or Hindi word and join the parts of one emoji; a soft hyphen (U+00AD) or a word
/// joiner (U+2060, U+FEFF) only says where a line may or may not break; bidirectional
/// controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) only order the
/// text; the rest (Arabic number signs, Egyptian hieroglyph and musical format controls,
/// the tag characters of flag emoji) belong to the characters beside them. The zero width
/// space (U+200B) alone marks a break between words, where a script written without
/// spaces (Thai, Khmer) has one, so it separates words as a space does.
pub(crate) fn is_invisible_in_word(c: char) -> bool {
    !c.is_ascii() && c != '\u{200b}' && general_category(c) == GeneralCategory::Format
}

pub(crate) fn general_category(c: char) -> GeneralCategory {
    icu_properties::CodePointMapData::<GeneralCategory>::new().get(c)
}

/// The URL segment a file gets without a `slug`: its name (a bundle's folder name), slugified.
pub fn stem_slug(file: &ContentFile) -> String {
    slugify(file.url_name())
}

/// Parses a section's `_index.md`; its front matter may have several errors.
pub fn parse_section(file: &ContentFile, text: &str) -> Result<SectionSource, Errors> {
    let split = front_matter::split(text, &file.display)?;
    let meta: SectionMeta = front_matter::parse(&split, &file.display)?;
    if meta.paginate_by == Some(0) {
        let line = key_line(&split, "paginate_by");
        return Err(Error::new(ErrorKind::FrontMatter, &file.display, "`paginate_by` must be at least 1")
            .at(line, 1)
            .into());
    }
    let aliases = alias::parse(&meta.aliases, &split, &file.display)?;
    Ok(SectionSource {
        key: file.section_key().to_string(),
        file: Some(file.clone()),
        aliases,
        template_line: meta.template.as_ref().map_or(1, |_| key_line(&split, "template")),
        meta,
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}

/// The line of `path` (a top-level key, or nested keys) in `file`'s front matter, read
/// from the file again: for errors found after loading (a `company_logo` the site does
/// not publish), so that no file pays for finding a line it never needs (every listing
/// did: a second reading of its YAML). Line 1 when the file can no longer be read.
pub fn front_matter_line(file: &ContentFile, path: &[&str]) -> usize {
    let Ok(text) = read_text(&file.abs, &file.display) else { return 1 };
    front_matter::split(&text, &file.display).map_or(1, |split| path_line(&split, path))
}

/// Where item `index` of the top-level list `key` stands in `file`'s front matter (the
/// key's line for a single value), read from the file again, like `front_matter_line`.
pub fn front_matter_item(file: &ContentFile, key: &str, index: usize) -> (usize, usize) {
    let Ok(text) = read_text(&file.abs, &file.display) else { return (1, 1) };
    front_matter::split(&text, &file.display)
        .map_or((1, 1), |split| front_matter::item_positions(&split, key, index + 1)[index])
}

/// Parses an article or standalone page; its front matter may have several errors.
pub fn parse_page(file: &ContentFile, text: &str) -> Result<Page, Errors> {
    let split = front_matter::split(text, &file.display)?;
    let mut meta: PageMeta = front_matter::parse(&split, &file.display)?;
    nfc_tags(&mut meta.tags);
    crate::authors::tidy_written(&mut meta.author).map_err(|(i, m)| {
        let (line, column) = front_matter::item_positions(&split, "author", i + 1)[i];
        Error::new(ErrorKind::FrontMatter, &file.display, m).at(line, column)
    })?;
    // No key: the file's name is what is wrong, at no line.
    let err = |msg: String, key: &str| match key {
        "" => Error::new(ErrorKind::FrontMatter, &file.display, msg),
        key => Error::new(ErrorKind::FrontMatter, &file.display, msg).at(key_line(&split, key), 1),
    };
    // Jekyll names posts `2019-08-19-slug.md`: without a `date`, the name gives it.
    let dated = if meta.date.is_none() { file.dated_name() } else { None };
    if let Some((date, _)) = dated {
        meta.date = Some(date);
    }
    let (title, slug) = check_page(file, &meta, dated.map(|(_, rest)| rest)).map_err(|(msg, key)| err(msg, key))?;
    check_tags(&meta.tags, &split, &file.display, "`tags` contains an empty tag")?;
    let image = match &meta.image {
        Some(image) => Some(image.check(true).map_err(|(key, msg)| {
            Error::new(ErrorKind::FrontMatter, &file.display, format!("`image.{key}`: {msg}"))
                .at(path_line(&split, &["image", key]), 1)
        })?),
        None => None,
    };
    let path = format!("{}{slug}/", section_path(file.section_key()));
    let aliases = alias::parse(&meta.aliases, &split, &file.display)?;
    Ok(Page {
        file: file.clone(),
        aliases,
        title,
        description: meta.description.as_deref().map(crate::typography::smart),
        template_line: meta.template.as_ref().map_or(1, |_| key_line(&split, "template")),
        image_line: image.as_ref().map_or(1, |_| path_line(&split, &["image", "src"])),
        image,
        meta,
        path,
        body: split.body.into(),
        body_line: split.body_line,
    })
}

/// A list of tags, each a scalar read as text (`2025`, `true`), except YAML's null (`~`,
/// `null`, or nothing), which is an empty tag as `check_tags` finds it, not one named "null":
/// `author: ~` and `description: ~` are nothing too.
pub fn deserialize_tags<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::Deserialize as _;
    Ok(Vec::<Option<String>>::deserialize(d)?.into_iter().map(Option::unwrap_or_default).collect())
}

/// An error `said` at the first empty tag of `tags` (`tags: [a, ""]`), where it is written:
/// at the key, an author looks for it among the others.
pub fn check_tags(tags: &[String], split: &front_matter::Split<'_>, file: &Path, said: &str) -> Result<(), Error> {
    let Some(n) = tags.iter().position(|t| t.trim().is_empty()) else { return Ok(()) };
    let (line, column) = front_matter::item_positions(split, "tags", n + 1)[n];
    Err(Error::new(ErrorKind::FrontMatter, file, said).at(line, column))
}

/// The checks of a page's front matter that need no position to run: its title and URL
/// slug, or a message and the key it is about. `dated_rest` is what follows a Jekyll date
/// in the file name, when the name gave the date.
fn check_page(
    file: &ContentFile,
    meta: &PageMeta,
    dated_rest: Option<&str>,
) -> Result<(String, String), (String, &'static str)> {
    let title = match meta.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => crate::typography::smart(t),
        _ => return Err(("front matter has no `title`: every page needs one".into(), "title")),
    };
    if !file.section_key().is_empty() && meta.date.is_none() {
        let msg = "front matter has no `date`: articles in a section need one (YYYY-MM-DD), or a file name \
                   that starts with it (2025-03-12-title.md)";
        return Err((msg.into(), "date"));
    }
    // An article is updated and reviewed once it exists, not before.
    for (key, value) in [("updated", meta.updated), ("reviewed", meta.reviewed)] {
        if let (Some(date), Some(value)) = (meta.date, value) {
            if value.is_before(date) {
                return Err((format!("`{key}` ({}) is earlier than `date` ({})", value.to_iso(), date.to_iso()), key));
            }
        }
    }
    let slug = match &meta.slug {
        Some(s) => validate_slug(s).map_err(|m| (m, "slug"))?,
        None => dated_rest.map_or_else(|| stem_slug(file), slugify),
    };
    if slug.is_empty() {
        return Err((format!("cannot make a URL from the file's name {:?}: add a `slug`", file.url_name()), ""));
    }
    if slug.len() > MAX_NAME_BYTES {
        return Err(match meta.slug {
            Some(_) => (format!("the page's URL {}: give a shorter `slug`", too_long(&slug)), "slug"),
            None => (
                format!(
                    "the page's URL, made from the file's name, {}: rename the file, or give a `slug`",
                    too_long(&slug)
                ),
                "",
            ),
        });
    }
    Ok((title, slug))
}

/// The longest a URL segment may be, in bytes: each becomes a file or folder name, which
/// file systems cap at 255 bytes, and the publish's temporary names add 23 to a name.
pub const MAX_NAME_BYTES: usize = 200;

/// Why `segment`, a part of a URL, cannot be a folder or file name: too long.
pub fn too_long(segment: &str) -> String {
    format!(
        "has a part {} bytes long (\"{}…\"), longer than a file or folder name may be \
         ({MAX_NAME_BYTES} bytes)",
        segment.len(),
        segment.char_indices().nth(40).map_or(segment, |(end, _)| &segment[..end])
    )
}

pub fn validate_slug(slug: &str) -> Result<String, String> {
    let s = slug.trim();
    let bad = s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control() || "/\\?#%\"'<>".contains(c));
    if bad {
        return Err(format!("`slug` {slug:?} cannot be a URL segment: use letters, digits and hyphens, without `/`"));
    }
    // `.`, `..` and any other dot-name: never published (see `HOST_FILES`), and hidden or
    // refused by hosts, so the page would be listed everywhere and answer 404.
    if s.starts_with('.') {
        return Err(format!(
            "`slug` {slug:?} starts with `.`: hosts hide such folders, so the page would never be served; \
             use letters, digits and hyphens"
        ));
    }
    if s.len() > MAX_NAME_BYTES {
        return Err(format!("`slug` {}: shorten it", too_long(s)));
    }
    Ok(nfc(s).into_owned())
}

/// Tags in NFC, so that one tag typed two ways that look alike (`résumé` composed or with
/// a combining accent) is one spelling, not two that warn about each other.
pub fn nfc_tags(tags: &mut [String]) {
    for tag in tags {
        if let std::borrow::Cow::Owned(composed) = nfc(tag) {
            *tag = composed;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jekyll_names_give_the_date_and_the_slug_when_the_front_matter_has_no_date() {
        let p = parse_page(&file("posts/2019-08-19-Old Slug.markdown"), "---\ntitle: A\n---\nx").unwrap();
        assert_eq!(p.path, "posts/old-slug/");
        assert_eq!(p.meta.date.unwrap().to_iso(), "2019-08-19");
        // A date in the front matter wins, and the name stays whole.
        let p = parse_page(&file("posts/2019-08-19-x.md"), "---\ntitle: A\ndate: 2020-01-01\n---\n").unwrap();
        assert_eq!((p.path.as_str(), p.meta.date.unwrap().to_iso()), ("posts/2019-08-19-x/", "2020-01-01".into()));
        // Not a date: no date from the name, and the usual error.
        let e = page_error(&file("posts/2019-02-30-x.md"), "---\ntitle: A\n---\n");
        assert!(e.message().contains("no `date`"), "{e}");
    }

    #[test]
    fn toml_front_matter_reads_like_yaml() {
        let text = "+++\ntitle = \"T\"\ndate = 2025-03-12\ntags = [\"a\", \"b\"]\n[extra]\nk = 1\n+++\nBody\n";
        let p = parse_page(&file("posts/t.md"), text).unwrap();
        assert_eq!(p.title, "T");
        assert_eq!(p.meta.date.unwrap().to_iso(), "2025-03-12");
        assert_eq!(p.meta.tags, ["a", "b"]);
        assert_eq!(&*p.body, "Body\n");
        let e = page_error(&file("posts/t.md"), "+++\ntitle = \"T\"\ndate = 2025-03-12\n\nlayout = \"post\"\n+++\n");
        assert_eq!(e.line(), Some(5), "{e}");
        assert!(e.message().contains("layout"), "{e}");
        let e = page_error(&file("posts/t.md"), "+++\ntitle = \"T\"\ndate = \"2025-02-30\"\n+++\n");
        assert_eq!(e.line(), Some(3), "{e}");
        assert!(e.message().contains("February 2025 has 28 days"), "{e}");
        let e = page_error(&file("posts/t.md"), "+++\ntitle = \"T\"\n---\n");
        assert!(e.message().contains("add a line `+++`"), "{e}");
    }

    #[test]
    fn pages_and_sections_report_every_front_matter_error() {
        let text = "---\ntitle: A\nlayout: post\ndate: someday\ncategories: [a]\n---\n";
        let Errors(errors) = parse_page(&file("posts/a.md"), text).unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| (e.line(), e.column())).collect();
        assert_eq!(lines, [(Some(3), Some(1)), (Some(4), Some(7)), (Some(5), Some(1))], "{errors:#?}");
        assert!(errors
            .iter()
            .all(|e| e.kind() == ErrorKind::FrontMatter && e.path() == Path::new("content/posts/a.md")));
        assert!(errors[0].message().contains("unknown key \"layout\": move it under `extra:`"), "{errors:#?}");
        let text = "+++\ntitle = \"Posts\"\nsort = \"random\"\npaginate = 5\n+++\n";
        let Errors(errors) = parse_section(&file("posts/_index.md"), text).unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line()).collect();
        assert_eq!(lines, [Some(3), Some(4)], "{errors:#?}");
        assert!(
            errors[0].message().contains("sort: expected one of newest-first or oldest-first, not the text \"random\""),
            "{errors:#?}"
        );
        assert!(errors[1]
            .message()
            .contains("unknown key \"paginate\": move it under `[extra]` (`careerpress import` does so for a whole Jekyll, Hugo, Zola or Eleventy site), or use one of `title`"));
    }

    /// The one error `parse_page` reports.
    fn page_error(file: &ContentFile, text: &str) -> Error {
        let Errors(mut errors) = parse_page(file, text).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        errors.remove(0)
    }

    fn file(rel: &str) -> ContentFile {
        ContentFile { abs: PathBuf::from(rel), rel: rel.into(), display: PathBuf::from("content").join(rel) }
    }

    #[test]
    fn slugify_folds_punctuation() {
        assert_eq!(slugify("When to Follow Up?"), "when-to-follow-up");
        assert_eq!(slugify("__a__b__"), "a-b");
        assert_eq!(slugify("Über_Café"), "über-café");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn slugify_keeps_the_marks_of_a_word_whichever_way_it_was_typed() {
        // `résumé` composed, and as macOS saves a file name: `e` then U+0301.
        assert_eq!(slugify("Résumé tips"), "résumé-tips");
        assert_eq!(slugify("Re\u{301}sume\u{301} tips"), "résumé-tips");
        assert_eq!(slugify("cafe\u{301}"), slugify("café"));
        // Devanagari: the virama (U+094D, Mn) and a vowel sign stay inside the word.
        assert_eq!(slugify("साक्षात्कार की तैयारी"), "साक्षात्कार-की-तैयारी");
        // Stacked marks, and an enclosing one (Me), after a letter.
        assert_eq!(slugify("Q\u{323}\u{301}b"), "q\u{323}\u{301}b");
        assert_eq!(slugify("x\u{20dd}"), "x\u{20dd}");
        // A mark with no letter before it is left out, as punctuation is.
        assert_eq!(slugify("\u{301}a"), "a");
        assert_eq!(slugify("a \u{301}b"), "a-b");
        assert_eq!(slugify("a-\u{94d}"), "a");
    }

    /// Every format character (Cf) of the Unicode version ICU4X carries, as ranges: a new
    /// version that adds one fails `format_characters_are_dropped_but_the_zero_width_space`
    /// until someone decides whether it separates words.
    const FORMAT_CHARACTERS: &[(u32, u32)] = &[
        (0xAD, 0xAD),
        (0x600, 0x605),
        (0x61C, 0x61C),
        (0x6DD, 0x6DD),
        (0x70F, 0x70F),
        (0x890, 0x891),
        (0x8E2, 0x8E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
    ];

    #[test]
    fn format_characters_are_dropped_but_the_zero_width_space() {
        let listed = |c: char| FORMAT_CHARACTERS.iter().any(|&(a, b)| (a..=b).contains(&u32::from(c)));
        let format: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| general_category(c) == GeneralCategory::Format)
            .collect();
        let unlisted: Vec<String> =
            format.iter().filter(|&&c| !listed(c)).map(|c| format!("{:04X}", u32::from(*c))).collect();
        assert!(unlisted.is_empty(), "format characters not decided on: {unlisted:?}");
        assert_eq!(format.len(), FORMAT_CHARACTERS.iter().map(|&(a, b)| b - a + 1).sum::<u32>() as usize);
        for c in format {
            let inside = if c == '\u{200b}' { "a-b" } else { "ab" };
            assert_eq!(slugify(&format!("a{c}b")), inside, "U+{:04X} between letters", u32::from(c));
            // Beside a separator or at either end, one is never a hyphen of its own.
            assert_eq!(slugify(&format!("{c}a {c}b{c}")), "a-b", "U+{:04X} beside spaces", u32::from(c));
            // After a mark, it keeps the word whole, as after a letter.
            let after_mark = if c == '\u{200b}' { "क\u{94d}-ष" } else { "क\u{94d}ष" };
            assert_eq!(slugify(&format!("क\u{94d}{c}ष")), after_mark, "U+{:04X} after a virama", u32::from(c));
        }
    }

    #[test]
    fn slugify_keeps_words_whole_across_joiners() {
        // Persian "I want" with its zero-width non-joiner, Hindi's half form with a joiner.
        assert_eq!(slugify("می\u{200c}خواهم"), "میخواهم");
        assert_eq!(slugify("क्\u{200d}ष tips"), "क्ष-tips");
        // A soft hyphen, a word joiner and a byte order mark in an English title or file name.
        assert_eq!(slugify("\u{feff}Inter\u{ad}view\u{2060}ing"), "interviewing");
        // An emoji joined by a zero-width joiner is no letter: it separates, once.
        assert_eq!(slugify("Coding 👩\u{200d}💻 jobs"), "coding-jobs");
        // Thai written without spaces, its words marked by zero width spaces.
        assert_eq!(slugify("งาน\u{200b}ดี"), "งาน-ดี");
    }

    #[test]
    fn nfc_borrows_what_is_already_composed() {
        use std::borrow::Cow;
        assert!(matches!(nfc("plain ascii"), Cow::Borrowed(_)));
        assert!(matches!(nfc("café 面接"), Cow::Borrowed(_)));
        assert_eq!(nfc("cafe\u{301}"), "café");
        let mut tags = vec!["re\u{301}sume\u{301}".to_string(), "CV".to_string()];
        nfc_tags(&mut tags);
        assert_eq!(tags, ["résumé", "CV"]);
        assert_eq!(validate_slug("cafe\u{301}"), Ok("café".to_string()));
    }

    #[test]
    fn article_path_uses_section_and_stem_or_slug() {
        let p = parse_page(&file("posts/My Post.md"), "---\ntitle: A\ndate: 2025-01-01\n---\nx").unwrap();
        assert_eq!(p.path, "posts/my-post/");
        assert!(p.is_article());
        let p = parse_page(&file("posts/x.md"), "---\ntitle: A\ndate: 2025-01-01\nslug: custom\n---\n").unwrap();
        assert_eq!(p.path, "posts/custom/");
        let p = parse_page(&file("about.md"), "---\ntitle: About\n---\n").unwrap();
        assert_eq!(p.path, "about/");
        assert!(!p.is_article());
    }

    #[test]
    fn a_bundle_is_one_page_named_after_its_folder() {
        let p = parse_page(&file("posts/My Post/index.md"), "---\ntitle: A\ndate: 2025-01-01\n---\n").unwrap();
        assert_eq!(p.path, "posts/my-post/");
        assert_eq!(p.section_key(), "posts");
        assert!(p.is_article());
        let p = parse_page(&file("posts/x/index.md"), "---\ntitle: A\ndate: 2025-01-01\nslug: y\n---\n").unwrap();
        assert_eq!(p.path, "posts/y/");
        // A bundle at the top is a standalone page; `index.md` at the top keeps its name.
        let p = parse_page(&file("about/index.md"), "---\ntitle: About\n---\n").unwrap();
        assert_eq!((p.path.as_str(), p.is_article()), ("about/", false));
        let p = parse_page(&file("index.md"), "---\ntitle: Index\n---\n").unwrap();
        assert_eq!(p.path, "index/");
        let e = page_error(&file("posts/!!!/index.md"), "---\ntitle: A\ndate: 2025-01-01\n---\n");
        assert!(e.message().contains("\"!!!\""), "{e}");
    }

    #[test]
    fn bundles_are_found_and_enclose_their_subfolders() {
        let files: Vec<ContentFile> =
            ["index.md", "posts/a.md", "posts/b/index.md", "posts/b/img/x.png", "posts/_index.md"]
                .into_iter()
                .map(file)
                .collect();
        let bundles = bundle_folders(&files);
        assert_eq!(bundles.iter().collect::<Vec<_>>(), ["posts/b"]);
        assert_eq!(enclosing_bundle("posts/b", &bundles), Some("posts/b"));
        assert_eq!(enclosing_bundle("posts/b/img/deep", &bundles), Some("posts/b"));
        assert_eq!(enclosing_bundle("posts", &bundles), None);
        assert_eq!(enclosing_bundle("posts/bb", &bundles), None);
        assert_eq!(enclosing_bundle("", &bundles), None);
    }

    #[test]
    fn missing_title_and_date_are_errors() {
        let e = page_error(&file("posts/a.md"), "---\ndate: 2025-01-01\n---\n");
        assert!(e.message().contains("title"), "{e}");
        let e = page_error(&file("posts/a.md"), "---\ntitle: \"  \"\ndate: 2025-01-01\n---\n");
        assert!(e.message().contains("title"), "{e}");
        let e = page_error(&file("posts/a.md"), "---\ntitle: A\n---\n");
        assert!(e.message().contains("date"), "{e}");
    }

    #[test]
    fn a_null_among_tags_is_an_empty_tag_at_its_place_and_other_scalars_are_text() {
        for (tags, column) in [("[a, null]", 11), ("[a, ~]", 11), ("\n  - a\n  -\n", 4)] {
            let text = format!("---\ntitle: A\ndate: 2025-01-01\ntags: {tags}\n---\n");
            let e = page_error(&file("posts/a.md"), &text);
            assert!(e.message().contains("empty tag"), "{tags}: {e}");
            assert_eq!(e.column(), Some(column), "{tags}: {e}");
        }
        let text = "---\ntitle: A\ndate: 2025-01-01\ntags: [2025, true, 1.5]\n---\n";
        let page = parse_page(&file("posts/a.md"), text).unwrap();
        assert_eq!(page.meta.tags, ["2025", "true", "1.5"]);
    }

    #[test]
    fn bad_slug_points_at_its_line() {
        let e = page_error(&file("posts/a.md"), "---\ntitle: A\ndate: 2025-01-01\nslug: a/b\n---\n");
        assert_eq!(e.line(), Some(4));
    }

    #[test]
    fn slugs_hosts_would_hide_or_file_systems_refuse_are_errors_at_their_line() {
        for (slug, why) in [(".htaccess", "starts with `.`"), ("..", "starts with `.`"), (".well-known", "`.`")] {
            let text = format!("---\ntitle: A\ndate: 2025-01-01\nslug: \"{slug}\"\n---\n");
            let e = page_error(&file("posts/a.md"), &text);
            assert!(e.message().contains(why) && e.line() == Some(4), "{slug}: {e}");
        }
        let long = "a".repeat(MAX_NAME_BYTES + 1);
        let e = page_error(&file("posts/a.md"), &format!("---\ntitle: A\ndate: 2025-01-01\nslug: {long}\n---\n"));
        assert!(e.message().contains("201 bytes long") && e.line() == Some(4), "{e}");
        assert!(validate_slug(&"é".repeat(MAX_NAME_BYTES / 2)).is_ok());
        assert!(validate_slug("a.b").is_ok());
        // A name with no `slug`, too long once slugged, is the file's fault: no line is.
        let name = format!("posts/{}.md", "b".repeat(MAX_NAME_BYTES + 5));
        let e = page_error(&file(&name), "---\ntitle: A\ndate: 2025-01-01\n---\n");
        assert!(e.message().contains("made from the file's name") && e.line().is_none(), "{e}");
    }

    #[test]
    fn updated_before_date_is_an_error() {
        let e = page_error(&file("posts/a.md"), "---\ntitle: A\ndate: 2025-01-02\nupdated: 2025-01-01\n---\n");
        assert!(e.message().contains("updated"), "{e}");
        let text = "---\ntitle: A\ndate: 2025-01-02 10:00\nupdated: 2025-01-02 09:59\n---\n";
        assert_eq!(page_error(&file("posts/a.md"), text).line(), Some(4));
        // A day alone is the whole day: the day of a timed `date` is not before it.
        let text = "---\ntitle: A\ndate: 2025-01-02 10:00:00\nupdated: 2025-01-02\n---\n";
        assert!(parse_page(&file("posts/a.md"), text).is_ok());
        let text = "---\ntitle: A\ndate: 2025-01-02 10:00:00\nupdated: 2025-01-01\n---\n";
        assert!(page_error(&file("posts/a.md"), text).message().contains("earlier than `date`"));
        // An article is reviewed once it exists, too.
        let e = page_error(&file("posts/a.md"), "---\ntitle: A\ndate: 2025-01-02\nreviewed: 2025-01-01\n---\n");
        assert_eq!((e.line(), e.message()), (Some(4), "`reviewed` (2025-01-01) is earlier than `date` (2025-01-02)"));
        let text = "---\ntitle: A\ndate: 2025-01-02 10:00:00\nreviewed: 2025-01-02\n---\n";
        assert!(parse_page(&file("posts/a.md"), text).is_ok());
    }

    #[test]
    fn image_errors_name_the_field_at_its_line() {
        let text = "---\ntitle: A\ndate: 2025-01-01\nimage:\n  src: cover.jpg\n  width: 1200\n  height: 0\n  alt: A desk\n---\n";
        let e = page_error(&file("posts/a.md"), text);
        assert_eq!(e.to_string(), "content/posts/a.md:7:1: `image.height`: 0 is not a positive whole number of pixels");
        // A missing field is reported at the `image` key that should hold it.
        let text = "---\ntitle: A\ndate: 2025-01-01\nimage: { src: cover.jpg, width: 1200, height: 630 }\n---\n";
        let e = page_error(&file("posts/a.md"), text);
        assert!(e.to_string().starts_with("content/posts/a.md:4:1: `image.alt`: is required"), "{e}");
        let text =
            "---\ntitle: A\ndate: 2025-01-01\nimage:\n  alt: x\n  width: 1\n  height: 1\n  src: cover.jpg\n---\n";
        let p = parse_page(&file("posts/a.md"), text).unwrap();
        assert_eq!(p.image_line, 8);
        assert_eq!(p.image.unwrap().src, crate::seo::ImageSrc::Beside("cover.jpg".into()));
    }

    /// The walk sorts once at the end; the order must be walkdir's own sorted walk, where
    /// a folder's files come where its name sorts (`a/` before `a-c.md` before `a.md`,
    /// which sorting the paths as text would not give).
    #[test]
    fn the_walk_lists_files_as_a_walk_sorted_folder_by_folder_would() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("content");
        let names = [
            "a/b.md",
            "a-c.md",
            "a.md",
            "a/b/c.md",
            "a/b-c.md",
            "a/b.c.md",
            "ab/x.md",
            "a b.md",
            "B.md",
            "b.md",
            "é/z.md",
            "e.md",
            "z/a/a/a.md",
            "z/a.md",
            "z/a-a.md",
            "z/a0.md",
            "z-/a.md",
            "0/1.md",
            "0.md",
        ];
        for name in names {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        let walked: Vec<PathBuf> = walk(tmp.path(), &dir).unwrap().into_iter().map(|f| f.abs).collect();
        let sorted_walk = WalkDir::new(&dir).sort_by_file_name().into_iter().map(|e| e.unwrap());
        let expected: Vec<PathBuf> = sorted_walk.filter(|e| e.file_type().is_file()).map(|e| e.into_path()).collect();
        assert_eq!(walked, expected);
        assert_eq!(walked.len(), names.len());
        // A file added later finds its place among them by `walk_order` alone.
        let rels: Vec<String> = walk(tmp.path(), &dir).unwrap().into_iter().map(|f| f.rel).collect();
        for (k, pair) in rels.windows(2).enumerate() {
            assert_eq!(walk_order(&pair[0], &pair[1]), std::cmp::Ordering::Less, "{pair:?}");
            let mut others = rels.clone();
            let own = others.remove(k + 1);
            assert_eq!(others.partition_point(|r| walk_order(r, &own).is_lt()), k + 1, "{own}");
        }
    }

    #[test]
    fn ignored_names() {
        for n in [".hidden.md", "a.md~", ".a.md.swp", "#a.md#", "4913", "x.tmp"] {
            assert!(is_ignored_name(n), "{n}");
        }
        assert!(!is_ignored_name("a.md"));
        assert!(!is_ignored_path(&["static", WELL_KNOWN, "security.txt"]));
        assert!(!is_ignored_path(&["themes", "default", "static", WELL_KNOWN, "x.json"]));
        assert!(!is_ignored_path(&["static", ".htaccess"]) && !is_ignored_path(&["static", "blog", ".htaccess"]));
        assert!(!is_ignored_path(&["themes", "t", "static", ".nojekyll"]));
        for hidden in [
            &["content", "static", WELL_KNOWN, "p.md"][..],
            &["static", "x", WELL_KNOWN, "a"],
            &["static", ".git", "config"],
            &["static", WELL_KNOWN, ".a.swp"],
            &["static", ".git", ".htaccess"],
            &["static", ".htaccess", "x"],
            &["static", ".htaccess.swp"],
            &["content", ".htaccess"],
            &["themes", "t", ".htaccess"],
        ] {
            assert!(is_ignored_path(hidden), "{hidden:?}");
        }
    }

    #[test]
    fn the_walk_keeps_static_well_known_and_host_files_and_no_other_hidden_file() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for rel in [
            "static/.well-known/security.txt",
            "static/.well-known/.x.swp",
            "static/.htaccess",
            "static/.nojekyll",
            "static/blog/.htaccess",
            "static/.git/.htaccess",
            "static/.htaccess.swp",
            "static/.DS_Store",
            "static/a.css",
            "static/x/.well-known/a",
            "content/static/.well-known/p.md",
            "content/.htaccess",
        ] {
            std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            std::fs::write(root.join(rel), "x").unwrap();
        }
        let found: Vec<String> = walk(root, &root.join("static")).unwrap().into_iter().map(|f| f.rel).collect();
        assert_eq!(found, [".htaccess", ".nojekyll", ".well-known/security.txt", "a.css", "blog/.htaccess"]);
        let content: Vec<String> = walk(root, &root.join("content")).unwrap().into_iter().map(|f| f.rel).collect();
        assert!(content.is_empty(), "{content:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_name_that_is_not_utf8_is_an_error_naming_it() {
        use std::os::unix::ffi::OsStrExt;
        let tmp = tempfile::tempdir().unwrap();
        let posts = tmp.path().join("content/posts");
        std::fs::create_dir_all(posts.join(std::ffi::OsStr::from_bytes(b"caf\xe9"))).unwrap();
        std::fs::write(posts.join(std::ffi::OsStr::from_bytes(b"bad\xe9.md")), "x").unwrap();
        std::fs::write(posts.join(std::ffi::OsStr::from_bytes(b"caf\xe9/a.md")), "x").unwrap();
        std::fs::write(posts.join("fine.md"), "x").unwrap();
        let errors = walk(tmp.path(), &tmp.path().join("content")).unwrap_err();
        let shown: Vec<String> =
            errors.iter().map(|e| format!("{}: {}", crate::error::printable(e.path()), e.message())).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(shown.iter().all(|e| e.contains("is not UTF-8 text") && e.contains("content/posts/")), "{shown:?}");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, b"---\ntitle: caf\xe9\n---\n").unwrap();
        let e = read_text(&p, Path::new("content/a.md")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Encoding);
        assert_eq!((e.line(), e.column()), (Some(2), Some(11)));
    }

    #[test]
    fn control_characters_are_located_in_front_matter_and_body_alike() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        for (text, at) in [
            ("---\ntitle: a\0b\n---\n", (2, 9)),
            ("---\ntitle: é\u{85}\n---\n", (2, 9)),
            ("---\ntitle: ok\n---\nBody \u{7f}\n", (4, 6)),
            ("---\ntitle: ok\n---\n```\nform\u{c}feed\n```\n", (5, 5)),
        ] {
            std::fs::write(&p, text).unwrap();
            let e = read_text(&p, Path::new("content/a.md")).unwrap_err();
            assert_eq!((e.kind(), e.line(), e.column()), (ErrorKind::Encoding, Some(at.0), Some(at.1)), "{text:?}");
            assert!(e.message().contains("control character U+"), "{}", e.message());
        }
        std::fs::write(&p, "---\ntitle: \"tab\\there\"\r\n---\n\tcode\n").unwrap();
        assert!(read_text(&p, Path::new("content/a.md")).is_ok(), "tab, CR and LF are text");
        // The first is where the error stands; the others are named with it, so that one
        // build shows every place to fix.
        std::fs::write(&p, "---\ntitle: a\u{8}\n---\nb\u{1b}[0m c\u{1b}\n\u{85}é\n").unwrap();
        let e = read_text(&p, Path::new("content/a.md")).unwrap_err();
        assert_eq!((e.line(), e.column()), (Some(2), Some(9)));
        assert!(e.message().contains("U+0008"), "{}", e.message());
        assert!(
            e.message().ends_with("; 3 more in this file, at 4:2 (U+001B), 4:8 (U+001B), 5:1 (U+0085)"),
            "{}",
            e.message()
        );
        let many = format!("---\ntitle: ok\n---\n{}", "x\u{7}\n".repeat(8));
        std::fs::write(&p, many).unwrap();
        let e = read_text(&p, Path::new("content/a.md")).unwrap_err();
        assert!(
            e.message().ends_with(
                "; 7 more in this file, first at 5:2 (U+0007), 6:2 (U+0007), 7:2 (U+0007), 8:2 (U+0007), 9:2 (U+0007)"
            ),
            "{}",
            e.message()
        );
    }

    #[test]
    fn section_paths() {
        assert_eq!(section_path(""), "");
        assert_eq!(section_path("posts/Deep Dive"), "posts/deep-dive/");
    }
}
