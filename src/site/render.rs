//! Renders a loaded site into output files in memory, in parallel. Every template error
//! surfaces here, before anything is written.

use super::cache::{self, RenderCache};
use super::context::{HomeContext, PageContext, Paginator, SectionContext};
use super::jobs::CalloutContext;
use super::listed::{Listed, ListedHashes};
use super::seo::SeoContext;
use super::{Section, Site};
use crate::error::{printable, Error, ErrorKind, Errors};
use crate::hashed::ByHash;
use crate::output::{Data, FileId, OutputFile, Stage};
use crate::templates::join_url;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use tera::Context;

/// What every page renders from: the context all templates share and, for `build`, the
/// record of last build's pages to reuse.
pub(super) struct Base<'a> {
    pub(super) ctx: Context,
    /// Where every page's fingerprint starts; None when pages cannot be reused.
    seed: Option<u128>,
    cache: Option<&'a RenderCache>,
    /// For `build`: where each page is written as soon as it is rendered.
    pub(super) stage: Option<&'a Stage>,
    /// For `serve`: the only pages to render (site keys); the others come back as reused.
    pub(super) only: Option<&'a HashSet<String>>,
    /// Hashes of list items, each made once (`Listed`): for a render of every page that
    /// fingerprints them, else empty (each hash is then made where it is asked for).
    pub(super) listed: ListedHashes,
}

/// What a generated file's fingerprint names in place of a template.
const GENERATED: &str = "(generated)";

/// Where a rendered page goes and what it came from.
pub(super) struct Dest {
    pub(super) rel: String,
    pub(super) source: PathBuf,
    /// The length of the page's own HTML, to size the output buffer.
    pub(super) content_len: usize,
    /// Whether the page is its source's own (an article's, a listing's, a section's first
    /// list page) rather than one of several drawn from it (a list's later pages, a
    /// filter's, a redirect): an error met drawing it names the file alone then.
    pub(super) own: bool,
}

impl Site {
    pub(super) fn base<'a>(&self, cache: Option<&'a RenderCache>) -> Base<'a> {
        let ctx = self.base_context();
        // No page is reused when a template reads the environment (`fingerprint` is None).
        let seed = cache.and(self.templates.fingerprint).and_then(|_| cache::seed(&ctx));
        Base { ctx, seed, cache, stage: None, only: None, listed: ListedHashes::default() }
    }

    /// Renders `template` with the shared context plus `vars`, each field of which is a
    /// name templates see; or, when last build rendered the same, reuses its file.
    pub(super) fn render_vars(
        &self,
        base: &Base<'_>,
        template: &str,
        vars: &impl Serialize,
        dest: Dest,
    ) -> Result<OutputFile, Error> {
        if let Some(left_out) = base.left_out(&dest) {
            return Ok(left_out);
        }
        let drawn_with = cache::Template { name: template, drawn_with: self.templates.fingerprint_of(template) };
        if let Some(published) = base.reusable(&dest.rel, drawn_with, vars) {
            return Ok(dest.reused(published));
        }
        let mut ctx = base.ctx.clone();
        let vars = Context::from_serialize(vars).map_err(|e| {
            Error::new(ErrorKind::Template, &dest.source, format!("cannot build the context of {template}: {e}"))
        })?;
        ctx.extend(vars);
        let html = self
            .templates
            .render_bytes(template, &ctx, dest.content_len)
            .map_err(|e| e.while_drawing(dest.page_name()))?;
        Ok(base.staged(OutputFile { rel: dest.rel, source: dest.source, data: Data::Bytes(html) }))
    }
}

impl Dest {
    /// The page as an error met drawing it names it: by its source file when it is that
    /// file's own page, else by its URL path, followed by the content file it is drawn
    /// from when there is one (tag pages, the calculator and 404 have none).
    fn page_name(&self) -> String {
        let url = format!("/{}", self.rel.strip_suffix("index.html").unwrap_or(&self.rel));
        let content = self.source.starts_with(crate::content::CONTENT_DIR);
        match (self.own && content, content) {
            (true, _) => printable(&self.source).to_string(),
            (false, true) => format!("{} from {}", printable(&url), printable(&self.source)),
            (false, false) => printable(&url).to_string(),
        }
    }

    /// The page, as last rendered and published at `path` (the file `id`); an empty path
    /// says it is the one already served (serve's in-memory reuse, or a page `Base::only`
    /// leaves out).
    pub(super) fn reused(self, (path, id): (PathBuf, Option<FileId>)) -> OutputFile {
        OutputFile { rel: self.rel, source: self.source, data: Data::Published { path, id } }
    }
}

impl Base<'_> {
    /// The page at `dest`, marked as reused, when this render leaves it out. Producers of
    /// many pages ask before building a page's template input, which costs more.
    pub(super) fn left_out(&self, dest: &Dest) -> Option<OutputFile> {
        if self.only?.contains(&dest.rel) {
            return None;
        }
        let reused = Dest { rel: dest.rel.clone(), source: dest.source.clone(), content_len: 0, own: dest.own };
        Some(reused.reused((PathBuf::new(), None)))
    }

    /// A generated file (a job feed) that is a function of `inputs` alone, taken from the
    /// last build when they hash as they did and its file is still the one recorded; else
    /// made by `make`. Builds only: the dev server's edits make feeds outside any render
    /// cache, so a stamp it kept could outlive the file it describes.
    pub(super) fn generated_or_reused(
        &self,
        rel: &str,
        source: PathBuf,
        inputs: &impl Serialize,
        make: impl FnOnce() -> OutputFile,
    ) -> OutputFile {
        let kind = cache::Template { name: GENERATED, drawn_with: 0 };
        match self.reuses_generated().then(|| self.reusable(rel, kind, inputs)).flatten() {
            Some(published) => Dest { rel: rel.to_string(), source, content_len: 0, own: true }.reused(published),
            None => make(),
        }
    }

    /// The file last made at `rel` when `inputs`, drawn with `template`, fingerprint as
    /// they did then (noting the fingerprint for the next record either way); None without
    /// a cache, or when `inputs` cannot be hashed (noted too: what was served is stale).
    fn reusable(
        &self,
        rel: &str,
        template: cache::Template<'_>,
        inputs: &impl Serialize,
    ) -> Option<(PathBuf, Option<FileId>)> {
        let cache = self.cache?;
        match self.seed.and_then(|seed| cache::stamp(cache, rel, seed, template, inputs)) {
            Some(stamp) => cache.reuse(rel, stamp),
            None => {
                cache.drawn_unstamped(rel);
                None
            }
        }
    }

    /// Whether `generated_or_reused` may reuse a file: in a build with a record to reuse from.
    pub(super) fn reuses_generated(&self) -> bool {
        self.cache.is_some() && self.seed.is_some() && self.stage.is_some()
    }

    /// `file`, written into the staging folder when there is one.
    pub(super) fn staged(&self, file: OutputFile) -> OutputFile {
        match self.stage {
            Some(stage) => stage.put(file),
            None => file,
        }
    }
}

/// An article's or standalone page's template names.
#[derive(Serialize)]
struct PageVars<'a> {
    page: PageContext<'a>,
    seo: SeoContext<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<SectionContext<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    callout: Option<CalloutContext<'a>>,
    current_url: &'a str,
    current_path: &'a str,
}

/// A list page's template names: the home page's and each section's.
#[derive(Serialize)]
struct ListVars<'a, P> {
    section: SectionContext<'a>,
    paginator: Paginator<P>,
    subsections: Vec<SectionContext<'a>>,
    seo: SeoContext<'a>,
    current_url: String,
    current_path: &'a str,
    /// The home page's first page only: the latest open roles.
    #[serde(skip_serializing_if = "Option::is_none")]
    callout: Option<CalloutContext<'a>>,
    /// The home page's pages only: its heading, introduction and calculator entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    home: Option<HomeContext<'a>>,
}

/// One page of a list, its items still indexes into the site.
pub(super) type Pager<'a> = Paginator<&'a [usize]>;

/// Cuts `items` into pages of `per_page`; yields each page's URL path with its pager.
pub(super) fn paginate<'a>(
    base_url: &'a str,
    section_path: &'a str,
    items: &'a [usize],
    per_page: usize,
) -> impl Iterator<Item = (String, Pager<'a>)> + 'a {
    paginate_span(base_url, section_path, items, per_page, (0, usize::MAX))
}

/// `paginate`, for the pages numbered `first..=last` (from 0) only: an edit deep in a
/// list of 100,000 articles draws a few of its 10,000 pages, and builds no others' links.
pub(super) fn paginate_span<'a>(
    base_url: &'a str,
    section_path: &'a str,
    items: &'a [usize],
    per_page: usize,
    (first, last): (usize, usize),
) -> impl Iterator<Item = (String, Pager<'a>)> + 'a {
    let count = pager_count(items.len(), per_page);
    let url = move |k: usize| join_url(base_url, &pager_path(section_path, k));
    (first.saturating_add(1)..=last.saturating_add(1).min(count)).map(move |n| {
        let pager = Pager {
            pages: page_items(items, per_page, n),
            current_index: n,
            number_pagers: count,
            first: url(1),
            last: url(count),
            previous: (n > 1).then(|| url(n - 1)),
            next: (n < count).then(|| url(n + 1)),
        };
        (pager_path(section_path, n), pager)
    })
}

/// Each page of a list as (number from 1, URL path, the items it shows); an empty list
/// still has its first page. What `paginate` builds on, without the links between pages.
pub(super) fn list_pages<'a>(
    section_path: &'a str,
    items: &'a [usize],
    per_page: usize,
) -> impl Iterator<Item = (usize, String, &'a [usize])> + 'a {
    (1..=pager_count(items.len(), per_page))
        .map(move |n| (n, pager_path(section_path, n), page_items(items, per_page, n)))
}

/// The items on page `n` (from 1) of `items` cut in pages of `per_page`.
fn page_items(items: &[usize], per_page: usize, n: usize) -> &[usize] {
    let start = ((n - 1) * per_page).min(items.len());
    let end = (start + per_page).min(items.len());
    &items[start..end]
}

/// One paginated list to render.
pub(super) struct ListJob<'a> {
    pub(super) section: &'a Section,
    pub(super) items: &'a [usize],
    pub(super) per_page: usize,
    template: &'a str,
}

/// Produces every file of the site, or every error found while rendering.
pub fn render(site: &Site) -> Result<Vec<OutputFile>, Errors> {
    render_reusing(site, None, None)
}

/// `render`, taking from `cache` every page whose template input is what last build's was,
/// and putting each file into `stage` as soon as it is made: a build then holds in memory
/// only the pages being rendered, not the whole site (364 MB of HTML at 10,000 articles).
pub fn render_reusing(
    site: &Site,
    cache: Option<&RenderCache>,
    stage: Option<&Stage>,
) -> Result<Vec<OutputFile>, Errors> {
    let mut base = site.base(cache);
    base.stage = stage;
    // Only a render of every page remembers list items' hashes: the dev server's renders
    // of an edit's pages, or of 256 pages at a time, would make the room for every article
    // and listing (several MB at 100,000 articles) to use a few of them.
    if base.seed.is_some() {
        base.listed = ListedHashes::for_site(site);
    }
    let home_items = site.all_articles();
    let mut results = render_templated(site, &base, home_items);
    results.extend(site.render_feeds(&base, home_items).into_iter().map(Ok));
    let (mut files, mut errors) = split_results(results);
    let (redirects, redirect_errors) = split_results(site.render_redirects(&base));
    errors.extend(redirect_errors);
    if !errors.is_empty() {
        return Err(said_once(errors));
    }
    files.extend(site.assets.iter().cloned());
    // Only now is every other output known, generated ones included.
    let alias_clashes = site.check_redirects(&files);
    if !alias_clashes.is_empty() {
        return Err(Errors(alias_clashes));
    }
    files.extend(redirects);
    keep_first_of_duplicates(site, &mut files);
    match (check_clashes(&files), &site.output_clashes) {
        (Ok(()), _) => {}
        // `check` goes on without the files in the way, and reports them with the rest;
        // a path outside the output folder is no clash, and stops it as it stops a build.
        (Err(Errors(errors)), Some(kept)) => {
            let (errors, outside): (Vec<Error>, Vec<Error>) =
                errors.into_iter().partition(|e| e.kind() == ErrorKind::DuplicateUrl);
            if !outside.is_empty() {
                return Err(Errors(outside));
            }
            let blamed: HashSet<&Path> = errors.iter().map(Error::path).collect();
            files.retain(|f| !blamed.contains(f.source.as_path()));
            kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(errors);
        }
        (Err(errors), None) => return Err(errors),
    }
    Ok(files)
}

/// Every page a template draws: articles and standalone pages, listings, the home and
/// section lists, the job board and its filters, tags, the calculator and 404.
fn render_templated(site: &Site, base: &Base<'_>, home_items: &[usize]) -> Vec<Result<OutputFile, Error>> {
    let page_files = (0..site.pages.len()).into_par_iter().map(|i| render_page(site, base, i));
    let job_files = (0..site.jobs.len()).into_par_iter().map(|i| site.render_job_page(base, i));

    let list_jobs: Vec<ListJob<'_>> = site
        .sections
        .values()
        .filter(|s| s.source.key != site.config.jobs.section)
        .map(|s| list_job(site, s, home_items))
        .collect();
    let list_pages: Vec<(&ListJob<'_>, String, Pager<'_>)> = list_jobs
        .iter()
        .flat_map(|j| {
            paginate(&site.config.base_url, &j.section.path, j.items, j.per_page).map(move |(p, pager)| (j, p, pager))
        })
        .collect();
    let list_files = list_pages.par_iter().map(|(job, path, pager)| render_list_page(site, base, job, path, pager));

    let mut results: Vec<Result<OutputFile, Error>> = page_files.chain(job_files).chain(list_files).collect();
    results.extend(site.render_board(base));
    results.extend(site.render_job_filter_pages(base));
    results.extend(site.render_job_group_pages(base));
    results.extend(site.render_tag_pages(base));
    results.push(site.render_followup_page(base));
    results.push(render_not_found(site, base));
    results
}

/// `404.html`, which static hosts serve for any path the site lacks.
pub(super) fn render_not_found(site: &Site, base: &Base<'_>) -> Result<OutputFile, Error> {
    let not_found = Dest { rel: NOT_FOUND.into(), source: PathBuf::from(NOT_FOUND), content_len: 0, own: false };
    site.render_vars(base, NOT_FOUND, &serde_json::json!({}), not_found)
}

/// The not-found page's output path and template.
pub const NOT_FOUND: &str = "404.html";

/// Loaded for `check`, the sources that share a URL are findings already: their pages are
/// checked once, as the first of them.
fn keep_first_of_duplicates(site: &Site, files: &mut Vec<OutputFile>) {
    let known: HashSet<&Path> = site.duplicate_urls.iter().map(|e| e.path()).collect();
    if known.is_empty() {
        return;
    }
    let mut first: HashMap<String, PathBuf> = HashMap::with_capacity(files.len());
    files.retain(|f| match first.get(&f.rel) {
        Some(kept) => !(known.contains(f.source.as_path()) || known.contains(kept.as_path())),
        None => {
            first.insert(f.rel.clone(), f.source.clone());
            true
        }
    });
    // A page whose folder is another's file (`slug: atom.xml`) goes too.
    let under_a_file = |f: &OutputFile| {
        let mut rel = f.rel.as_str();
        while let Some((folder, _)) = rel.rsplit_once('/') {
            if first.contains_key(folder) {
                return true;
            }
            rel = folder;
        }
        false
    };
    files.retain(|f| !(known.contains(f.source.as_path()) && under_a_file(f)));
}

/// `errors` of a render, each said once: a broken template fails every page it draws, and
/// is said once naming them (`Error::merge_drawn`).
pub(super) fn said_once(errors: Vec<Error>) -> Errors {
    let mut errors = Error::merge_drawn(errors);
    errors.sort_by_key(|e| e.to_string());
    errors.dedup_by(|a, b| a.to_string() == b.to_string());
    Errors(errors)
}

/// The files rendered, and every error met on the way.
pub(super) fn split_results(results: Vec<Result<OutputFile, Error>>) -> (Vec<OutputFile>, Vec<Error>) {
    let mut files = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    (files, errors)
}

/// A section's list: the home page lists every article (`home_items`), others their own.
pub(super) fn list_job<'a>(site: &'a Site, s: &'a Section, home_items: &'a [usize]) -> ListJob<'a> {
    ListJob {
        section: s,
        items: if s.path.is_empty() { home_items } else { &s.pages },
        per_page: s.per_page(&site.config),
        template: s.source.meta.template.as_deref().unwrap_or(if s.path.is_empty() {
            "index.html"
        } else {
            "section.html"
        }),
    }
}

pub(super) fn render_page(site: &Site, base: &Base<'_>, i: usize) -> Result<OutputFile, Error> {
    let sp = &site.pages[i];
    let page = &sp.page;
    let dest = Dest {
        rel: format!("{}index.html", page.path),
        source: page.file.display.clone(),
        content_len: sp.rendered.html.len(),
        own: true,
    };
    if let Some(left_out) = base.left_out(&dest) {
        return Ok(left_out);
    }
    let vars = PageVars {
        page: site.page_context(i),
        seo: site.page_seo(i),
        section: page.is_article().then(|| site.section_context(&site.sections[page.section_key()])),
        callout: site.article_callout(i, &base.listed.callout),
        current_url: &sp.permalink,
        current_path: &page.path,
    };
    let template = page.meta.template.as_deref().unwrap_or("page.html");
    site.render_vars(base, template, &vars, dest)
}

pub(super) fn pager_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// URL path of page `n` (1-based) of a list: the first is the section itself.
pub(super) fn pager_path(section_path: &str, n: usize) -> String {
    let mut path = String::with_capacity(section_path.len() + 12);
    push_pager_path(&mut path, section_path, n);
    path
}

/// `pager_path`, written at the end of `buf`.
pub(super) fn push_pager_path(buf: &mut String, section_path: &str, n: usize) {
    buf.push_str(section_path);
    if n > 1 {
        use std::fmt::Write as _;
        // Writing to a String cannot fail.
        let _ = write!(buf, "page/{n}/");
    }
}

pub(super) fn render_list_page(
    site: &Site,
    base: &Base<'_>,
    job: &ListJob<'_>,
    path: &str,
    pager: &Pager<'_>,
) -> Result<OutputFile, Error> {
    let dest = Dest {
        rel: format!("{path}index.html"),
        source: job.section.source_file(),
        content_len: 0,
        own: pager.current_index == 1,
    };
    if let Some(left_out) = base.left_out(&dest) {
        return Ok(left_out);
    }
    let url = join_url(&site.config.base_url, path);
    let vars = ListVars {
        section: site.section_context(job.section),
        paginator: pager.with_pages(Listed::summaries(site, &base.listed, pager.pages)),
        subsections: job.section.subsections.iter().map(|k| site.section_context(&site.sections[k])).collect(),
        seo: site.list_seo(job.section, url.clone(), pager.current_index == 1),
        current_url: url,
        current_path: path,
        callout: (job.section.path.is_empty() && pager.current_index == 1)
            .then(|| site.home_callout(job.section, &base.listed.callout))
            .flatten(),
        home: job.section.path.is_empty().then(|| site.home_context(job.section)),
    };
    site.render_vars(base, job.template, &vars, dest)
}

impl Site {
    /// Whether output files at `keys` (every page templates draw but the aliases' redirect
    /// pages, with the generated and copied files' paths) and the redirect pages at
    /// `redirects` would fail `render_reusing`'s checks: two files on one path, an alias on
    /// another file or its folder, a path outside the output folder. The dev server asks
    /// before it draws a reloaded site a part at a time; when they would, a whole render
    /// says which, in the words a build uses.
    pub fn outputs_clash<'a>(&self, keys: impl Iterator<Item = &'a str>, redirects: &[&str]) -> bool {
        let named =
            |rel: &str| OutputFile { rel: rel.to_string(), source: PathBuf::new(), data: Data::Bytes(Vec::new()) };
        let mut files: Vec<OutputFile> = keys.map(named).collect();
        // As `render_reusing` does: aliases against every other file, then all at once.
        if !self.check_redirects(&files).is_empty() {
            return true;
        }
        files.extend(redirects.iter().map(|rel| named(rel)));
        check_clashes(&files).is_err()
    }
}

/// Two files for one output path would silently lose one: name both instead. So would a
/// file on the path of another's folder (`static/posts` beside the articles under
/// `posts/`): publishing the file would remove the folder and every page in it.
fn check_clashes(files: &[OutputFile]) -> Result<(), Errors> {
    let mut seen: HashMap<PathKey<'_>, &Path, ByHash> =
        HashMap::with_capacity_and_hasher(files.len(), ByHash::default());
    let mut errors = Vec::new();
    for f in files {
        if let Some(why) = crate::output::unsafe_rel(&f.rel) {
            errors.push(Error::new(
                ErrorKind::Output,
                &f.source,
                format!("would be written to {:?}, which is not a path inside the output folder: {why}", f.rel),
            ));
        }
        if let Some(first) = seen.insert(PathKey::new(&f.rel), &f.source) {
            errors.push(Error::new(
                ErrorKind::DuplicateUrl,
                &f.source,
                format!("output file {} is also produced by {}", printable(&f.rel), printable(first)),
            ));
        }
    }
    // Each folder looked at once, from the first file found in it.
    let mut folders: HashSet<PathKey<'_>, ByHash> = HashSet::with_capacity_and_hasher(files.len(), ByHash::default());
    for f in files {
        let mut rel = f.rel.as_str();
        while let Some((folder, _)) = rel.rsplit_once('/') {
            let key = PathKey::new(folder);
            if !folders.insert(key) {
                break;
            }
            if let Some(file) = seen.get(&key) {
                errors.push(Error::new(
                    ErrorKind::DuplicateUrl,
                    file,
                    format!(
                        "output file {} stands where the folder of {} (made from {}) must be: \
                         publishing one would remove the other; rename or move one of them",
                        printable(folder),
                        printable(&f.rel),
                        printable(&f.source)
                    ),
                ));
            }
            rel = folder;
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Errors(errors))
    }
}

/// An output path with its XXH3, hashed once: at 100,000 articles the clash check looks up
/// 400,000 paths and folders, and hashing each with the standard hasher was half its time.
#[derive(Clone, Copy)]
struct PathKey<'a> {
    hash: u64,
    rel: &'a str,
}

impl<'a> PathKey<'a> {
    fn new(rel: &'a str) -> PathKey<'a> {
        PathKey { hash: xxhash_rust::xxh3::xxh3_64(rel.as_bytes()), rel }
    }
}

impl std::hash::Hash for PathKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// Equal paths have equal hashes; paths are compared whole.
impl PartialEq for PathKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.rel == other.rel
    }
}

impl Eq for PathKey<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_where_another_file_needs_a_folder_is_a_clash() {
        let file = |rel: &str, source: &str| OutputFile {
            rel: rel.to_string(),
            source: PathBuf::from(source),
            data: Data::Bytes(Vec::new()),
        };
        let fine = [file("posts/a/index.html", "content/posts/a.md"), file("posts.html", "static/posts.html")];
        assert!(check_clashes(&fine).is_ok());
        for files in [
            vec![file("posts/a/index.html", "content/posts/a.md"), file("posts", "static/posts")],
            vec![file("posts", "static/posts"), file("posts/a/index.html", "content/posts/a.md")],
            vec![file("posts/a", "static/posts/a"), file("posts/a/index.html", "content/posts/a.md")],
        ] {
            let errors = check_clashes(&files).unwrap_err().0;
            assert_eq!(errors.len(), 1, "{errors:?}");
            let shadow = files.iter().find(|f| f.source.starts_with("static")).unwrap();
            assert_eq!(errors[0].path(), shadow.source.as_path());
            let message = errors[0].to_string();
            assert!(message.contains("posts/a/index.html") && message.contains("content/posts/a.md"), "{message}");
        }
    }

    #[test]
    fn a_page_is_named_by_its_file_or_by_its_url() {
        let dest =
            |rel: &str, source: &str, own: bool| Dest { rel: rel.into(), source: source.into(), content_len: 0, own };
        for (rel, source, own, named) in [
            ("posts/a/index.html", "content/posts/a.md", true, "content/posts/a.md"),
            ("posts/index.html", "content/posts", true, "content/posts"),
            (
                "posts/page/2/index.html",
                "content/posts/_index.md",
                false,
                "/posts/page/2/ from content/posts/_index.md",
            ),
            ("tags/cv/index.html", "the tag pages (tag.html)", false, "/tags/cv/"),
            ("404.html", "404.html", false, "/404.html"),
            ("follow-up-calculator/index.html", "site.toml", false, "/follow-up-calculator/"),
            ("old/index.html", "site.toml", true, "/old/"),
            ("x/index.html", "content/x\u{1b}.md", true, "content/x\\u{1b}.md"),
        ] {
            assert_eq!(dest(rel, source, own).page_name(), named, "{rel}");
        }
    }

    #[test]
    fn pagination_paths() {
        assert_eq!(pager_count(0, 5), 1);
        assert_eq!(pager_count(10, 5), 2);
        assert_eq!(pager_count(11, 5), 3);
        assert_eq!(pager_path("posts/", 1), "posts/");
        assert_eq!(pager_path("posts/", 3), "posts/page/3/");
        assert_eq!(pager_path("", 2), "page/2/");
    }

    #[test]
    fn paginate_cuts_and_links_pages() {
        let items: Vec<usize> = (0..5).collect();
        let pages: Vec<_> = paginate("/b/", "posts/", &items, 2).collect();
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].0, "posts/");
        assert_eq!(pages[2].1.pages, &[4]);
        assert_eq!(pages[1].1.previous.as_deref(), Some("/b/posts/"));
        assert_eq!(pages[1].1.next.as_deref(), Some("/b/posts/page/3/"));
        assert!(pages[0].1.previous.is_none() && pages[2].1.next.is_none());
        let empty: Vec<usize> = vec![];
        assert_eq!(paginate("/", "", &empty, 3).count(), 1);
    }

    #[test]
    fn a_span_of_pages_is_those_pages_of_the_whole_list() {
        let shown = |pagers: Vec<(String, Pager<'_>)>| -> Vec<String> {
            pagers
                .iter()
                .map(|(p, g)| format!("{p} {:?} {} {:?} {:?} {}", g.pages, g.current_index, g.previous, g.next, g.last))
                .collect()
        };
        for len in [0, 1, 7, 8, 23] {
            let items: Vec<usize> = (0..len).collect();
            let whole = shown(paginate("/b/", "s/", &items, 4).collect());
            for first in 0..7 {
                for last in first..8 {
                    let span = shown(paginate_span("/b/", "s/", &items, 4, (first, last)).collect());
                    let wanted: Vec<String> = whole.iter().skip(first).take(last + 1 - first).cloned().collect();
                    assert_eq!(span, wanted, "{len} items, pages {first} to {last}");
                }
            }
        }
    }
}
