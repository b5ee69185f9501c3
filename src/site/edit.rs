//! One article edited while `serve` runs, applied to the loaded site without loading it
//! again, and the pages that can show the edit rendered again. Which pages those are is
//! read off the organised site before the edit and after it, not guessed: the article's
//! neighbours then and now, the list and tag pages between its old place and its new one,
//! the feeds it was or is in, and the articles whose related reading changes (only those
//! sharing a tag whose newest window the article was or is in can be touched). With the
//! dev server's fingerprints, only the pages whose template input changed are drawn.
//!
//! A new URL (slug) is applied too: every page whose HTML links to the old one has its
//! Markdown rendered again, a page bundle's files move with it, and the new URLs are
//! checked against the site's URLs and aliases. Anything that would move more than that
//! (a new alias, a draft or template switch, a tag whose shown spelling changes, a tag gone
//! that a page links to) asks for a reload instead, which is always right and only slower.

use super::render::{self, list_job, pager_count, pager_path, paginate_span, split_results, Base};
use super::tags::{in_window, TagIndex};
use super::{collect_ok, fail, Body, Neighbours, Site};
use crate::content::{self, Page};
use crate::error::{Error, Errors};
use crate::output::{Data, OutputFile};
use crate::site::cache::RenderCache;
use crate::templates::join_url;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Where an article stands in every list that shows it.
#[derive(Debug, Clone)]
pub(super) struct Placement {
    /// Its place in the home page's list (every article, newest first).
    pub(super) home: usize,
    /// Its place in its section's list.
    pub(super) section: usize,
    pub(super) neighbours: Neighbours,
    /// Each of its tags by slug: its place in that tag's list, and the list's length.
    pub(super) tags: BTreeMap<String, (usize, usize)>,
}

/// An article updated in place, with what `render_edit` needs to tell which pages show
/// the change.
pub struct Edited {
    /// Its index in `Site::pages`; None once it has left the site (`site::membership`).
    i: Option<usize>,
    /// Its section's key, before and after.
    section: String,
    /// Whether the edit brought it into the site's lists, took it out, or neither.
    listing: Listing,
    /// Where it stood before the edit (at the end of every list it had not joined yet);
    /// the site's lists say where it stands after.
    before: Placement,
    /// The tag index before the edit, when its title, date or tags changed: what other
    /// pages show of it (neighbours, related reading, list order).
    tags_before: Option<TagIndex>,
    /// Its title, date or URL changed: what related reading and neighbours show of it.
    shown: bool,
    /// Other pages and listings whose Markdown was rendered again: they link to its URL,
    /// which moved.
    relinked: Relinked,
    /// Its page's old output path, when its URL moved.
    old_page: Option<String>,
    /// The files of its page bundle, when its URL moved: they moved with it.
    moved_files: Vec<MovedFile>,
    /// Its URL, dates or tags changed: the sitemap's URLs, the `lastmod` of its lists and
    /// the number of its tag pages. (A new title moves it in its lists only among
    /// articles of its date, which can still change a list page's newest `updated`.)
    sitemap: bool,
    /// Warnings about the article's own tags (another spelling of a tag, a tag with no
    /// letter), for the dev server to print as a reload would.
    pub warnings: Vec<Error>,
}

/// Whether an edit changed which articles the site lists (`site::membership`): then its
/// section's count, shown by every page that shows the section, moved too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Listing {
    Stayed,
    Joined,
    Left,
}

/// A file of a page bundle whose page moved: where it is in `Site::assets` (at its new
/// output path), and the output path it had.
struct MovedFile {
    asset: usize,
    old_rel: String,
}

/// The pages and job listings that link to a moved article, by index.
#[derive(Default)]
struct Relinked {
    pages: Vec<usize>,
    jobs: Vec<usize>,
}

/// What an edit renders again.
pub struct EditFiles {
    /// Files rendered anew: with a cache, only those whose template input changed. When
    /// the sitemap changed, all its files are here (`is_sitemap`): the holder of the old
    /// ones compares, as a sitemap that no longer needs splitting has fewer files.
    pub changed: Vec<OutputFile>,
    /// Output paths that are gone (the last page of a tag that lost an article).
    pub removed: Vec<String>,
    /// How many files could show the edit and were looked at.
    pub considered: usize,
    /// With `only`: the files that can show the edit and were left for later, feeds
    /// included (not the sitemap's, whose names its holder knows).
    pub left_out: Vec<String>,
    /// With `only`: whether the sitemap can show the edit and was left for later.
    pub sitemap_left_out: bool,
}

impl Edited {
    /// An article that joined the site's lists or left them (`site::membership`), at `i`
    /// (None once it left), in section `section`; `before` is where it stood (at the end
    /// of its lists when it joined) and `tags_before` the tag index then, numbered as the
    /// site is now.
    pub(super) fn listing(
        i: Option<usize>,
        section: String,
        listing: Listing,
        before: Placement,
        tags_before: TagIndex,
    ) -> Edited {
        Edited {
            i,
            section,
            listing,
            before,
            tags_before: Some(tags_before),
            shown: true,
            relinked: Relinked::default(),
            old_page: None,
            moved_files: Vec::new(),
            sitemap: true,
            warnings: Vec::new(),
        }
    }

    /// The edit with `rel`, its page's old output file, gone.
    pub(super) fn with_old_page(mut self, rel: String) -> Edited {
        self.old_page = Some(rel);
        self
    }
}

impl Site {
    /// Re-reads one edited article (`content_rel`, as in `content/`) and updates the site
    /// in place. `Ok(None)` asks for a full reload instead: the file is not an article of
    /// the site, or the edit moves more than the article's place in its lists (see the
    /// module's note). `future` is whether articles dated after today are published.
    /// An error can leave the site partly updated (a new URL or tag already applied): load
    /// it again, as `serve` does after any failed rebuild.
    pub fn edit_article(&mut self, content_rel: &str, future: bool) -> Result<Option<Edited>, Errors> {
        // Loaded for a build or a check, the site has dropped its Markdown, which a moved
        // URL renders again: only a reload can apply an edit to it.
        if !self.keeps_markdown {
            return Ok(None);
        }
        let Some((i, mut new)) = self.reread_article(content_rel, future)? else { return Ok(None) };
        let one = |e: Error| Errors(vec![e]);
        let old = &self.pages[i].page;
        let moved_url = new.path != old.path;
        let shown = new.title != old.title || new.meta.date != old.meta.date || moved_url;
        let shown_elsewhere = shown || new.meta.tags != old.meta.tags;
        let sitemap = moved_url
            || new.meta.date != old.meta.date
            || new.meta.updated != old.meta.updated
            || new.meta.tags != old.meta.tags;
        let before = self.placement(i, self.all_articles());
        let old_path = old.path.clone();
        let Some(moved_files) = self.bundle_moves(i, &new.path) else { return Ok(None) };
        let relinked = if moved_url { self.move_url(i, &new.path) } else { Some(Relinked::default()) };
        let Some(relinked) = relinked else { return Ok(None) };
        self.move_bundle_files(&moved_files, &old_path, &new.path);
        let body = Body { file: &new.file, url_path: &new.path, text: &new.body, line: new.body_line };
        let rendered = self.markdown_for(&body).map_err(Errors)?;
        let image_url = self.image_url_of(&mut new).map_err(one)?;
        let section_key = new.section_key().to_string();
        let sp = &mut self.pages[i];
        let old_tags = std::mem::take(&mut sp.page.meta.tags);
        sp.page = new;
        sp.fill(rendered, image_url, &self.templates.shortcodes);
        self.render_markdown_of(&relinked)?;
        let mut edited = Edited {
            i: Some(i),
            section: section_key.clone(),
            listing: Listing::Stayed,
            before,
            tags_before: None,
            shown,
            sitemap,
            relinked,
            old_page: moved_url.then(|| format!("{old_path}index.html")),
            moved_files,
            warnings: Vec::new(),
        };
        if shown_elsewhere {
            self.reorder_section(&section_key, None);
            if !self.retag(i, &mut edited, &old_tags)? {
                return Ok(None);
            }
        }
        let clashes = if moved_url { self.check_moved_url(i) } else { Vec::new() };
        if !clashes.is_empty() {
            return fail(clashes);
        }
        Ok(Some(edited))
    }

    /// Puts section `key`'s articles in order again, with article `added` among them.
    pub(super) fn reorder_section(&mut self, key: &str, added: Option<usize>) {
        if let Some(mut section) = self.sections.remove(key) {
            section.pages.extend(added);
            self.order_listing(&mut section);
            self.sections.insert(key.to_string(), section);
        }
    }

    /// What can clash with page `i` at its new URL: another page, section or generated
    /// page there, or an alias taking its file or folder.
    pub(super) fn check_moved_url(&self, i: usize) -> Vec<Error> {
        let page = &self.pages[i].page;
        let mut clashes = self.check_new_urls(&[page.path.as_str()]);
        clashes.extend(self.check_redirects_against(&format!("{}index.html", page.path), &page.file.display));
        clashes.extend(self.check_moved_output(i));
        clashes
    }

    /// A copied or generated file on page `i`'s new output file, or on a folder it needs
    /// (`static/posts/moved` against `posts/moved/index.html`), as a whole render's clash
    /// check finds it.
    fn check_moved_output(&self, i: usize) -> Vec<Error> {
        let page = &self.pages[i].page;
        let out = format!("{}index.html", page.path);
        let folders: Vec<&str> = out.match_indices('/').map(|(at, _)| &out[..at]).collect();
        let taken = |rel: &str| rel == out || folders.contains(&rel);
        let copied = self.assets.iter().map(|a| (a.rel.clone(), crate::error::printable(&a.source).to_string()));
        let generated = self.generated_keys().into_iter().map(|rel| (rel, "a generated file".to_string()));
        copied
            .chain(generated)
            .filter(|(rel, _)| taken(rel))
            .map(|(rel, from)| {
                Error::new(
                    crate::error::ErrorKind::DuplicateUrl,
                    &page.file.display,
                    format!(
                        "its page {out} needs {rel} as its file or folder, which {from} already takes: \
                         publishing one would remove the other; rename or move one of them"
                    ),
                )
            })
            .collect()
    }

    /// Article `content_rel` read again and checked, with its index; None when it is not an
    /// article of the site, or its edit is one `edit_article` leaves to a reload.
    fn reread_article(&self, content_rel: &str, future: bool) -> Result<Option<(usize, Page)>, Errors> {
        let Some(i) = self.pages.iter().position(|p| p.page.file.rel == content_rel) else { return Ok(None) };
        let file = &self.pages[i].page.file;
        // Only a regular file is read here; a symlink, or a pipe saved in its place, goes
        // through the full reload, whose walk checks where it leads.
        let regular = std::fs::symlink_metadata(&file.abs).is_ok_and(|m| m.is_file());
        if !self.pages[i].page.is_article() || !regular {
            return Ok(None);
        }
        let text = content::read_text(&file.abs, &file.display).map_err(|e| Errors(vec![e]))?;
        let new = content::parse_page(file, &text)?;
        self.check_author(&new).map_err(|e| Errors(vec![e]))?;
        let old = &self.pages[i].page;
        let stays = new.meta.draft == old.meta.draft
            && new.meta.template == old.meta.template
            && new.meta.aliases == old.meta.aliases;
        let published = future || !new.is_scheduled(self.today);
        Ok((stays && published).then_some((i, new)))
    }

    /// Publishes article `i` at `new_path` from now on (`@/` and relative links resolve to
    /// it there). Returns the other pages and the job listings whose Markdown links to its
    /// old URL, to render again; None when a section's does (a reload then: a section's
    /// text is in the context of every page of its list and of every article in it). A
    /// page is found by its HTML holding the old URL, so a mention in text only costs a
    /// render.
    fn move_url(&mut self, i: usize, new_path: &str) -> Option<Relinked> {
        let old_url = self.pages[i].permalink.clone();
        let forms = written_forms(&old_url);
        let links_old = |html: &str| forms.iter().any(|form| html.contains(form.as_str()));
        if self.sections.values().any(|s| links_old(&s.html)) {
            return None;
        }
        let jobs = (0..self.jobs.len()).into_par_iter().filter(|&j| links_old(&self.jobs[j].html)).collect();
        let pages = 0..self.pages.len();
        let pages = pages.into_par_iter().filter(|&j| j != i && links_old(&self.pages[j].rendered.html)).collect();
        let permalink = join_url(&self.config.base_url, new_path);
        self.published_paths.remove(&self.pages[i].page.path);
        self.published_paths.insert(new_path.to_string());
        self.content_links.insert(self.pages[i].page.file.rel.clone(), permalink.clone());
        self.pages[i].permalink = permalink;
        Some(Relinked { pages, jobs })
    }

    /// The files of page `i`'s bundle that move when the page moves to `new_path` (none
    /// when it stays, or is no bundle). None, for a reload, when one would land on a path
    /// the site already publishes (the reload says what clashes), was not where its page
    /// put it, or is an image another page, a listing or site.toml names (those URLs are
    /// worked out once, at load).
    fn bundle_moves(&self, i: usize, new_path: &str) -> Option<Vec<MovedFile>> {
        let page = &self.pages[i].page;
        if new_path == page.path || !page.file.is_bundle_index() {
            return Some(Vec::new());
        }
        let folder = page.file.abs.parent()?;
        let in_bundle = |a: &OutputFile| matches!(&a.data, Data::Copy(src) if src.starts_with(folder));
        let moves = (self.assets.iter().enumerate().filter(|(_, a)| in_bundle(a)))
            .map(|(asset, a)| {
                a.rel.strip_prefix(page.path.as_str()).map(|_| MovedFile { asset, old_rel: a.rel.clone() })
            })
            .collect::<Option<Vec<MovedFile>>>()?;
        let old_urls: HashSet<String> = moves.iter().map(|m| join_url(&self.config.base_url, &m.old_rel)).collect();
        if self.images_named_at_load(i).any(|url| old_urls.contains(url)) {
            return None;
        }
        let new_rels: HashSet<String> = moves.iter().map(|m| moved_rel(&m.old_rel, &page.path, new_path)).collect();
        let taken = |rel: &String| {
            self.published_paths.contains(rel)
                || self.assets.iter().any(|a| a.rel == *rel)
                || !self.check_redirects_against(rel, &page.file.display).is_empty()
        };
        (!new_rels.iter().any(taken)).then_some(moves)
    }

    /// The URLs of images named in front matter or site.toml, other than page `i`'s own:
    /// other pages' images, listings' logos, the site's image, logo and author photos.
    fn images_named_at_load(&self, i: usize) -> impl Iterator<Item = &str> {
        let pages =
            self.pages.iter().enumerate().filter(move |(j, _)| *j != i).filter_map(|(_, p)| p.image_url.as_deref());
        let logos = self.jobs.iter().filter_map(|j| j.logo_url.as_deref());
        let seo = &self.seo;
        let site = [seo.image_url.as_deref(), seo.logo_url.as_deref()].into_iter().flatten();
        pages.chain(logos).chain(site).chain(seo.author_photos.values().map(String::as_str))
    }

    /// Publishes `moved`, the files of the bundle whose page moves from `old_path` to
    /// `new_path`, under the new one, and points links to them there.
    fn move_bundle_files(&mut self, moved: &[MovedFile], old_path: &str, new_path: &str) {
        let base = &self.config.base_url;
        let mut urls: HashMap<String, String> = HashMap::new();
        for m in moved {
            let rel = moved_rel(&m.old_rel, old_path, new_path);
            urls.insert(join_url(base, &m.old_rel), join_url(base, &rel));
            self.published_paths.remove(&m.old_rel);
            self.published_paths.insert(rel.clone());
            self.assets[m.asset].rel = rel;
        }
        if urls.is_empty() {
            return;
        }
        for url in self.content_links.values_mut() {
            if let Some(moved_to) = urls.get(url.as_str()) {
                url.clone_from(moved_to);
            }
        }
    }

    /// Renders the Markdown of the `relinked` pages (with their summaries) and job
    /// listings again.
    fn render_markdown_of(&mut self, relinked: &Relinked) -> Result<(), Errors> {
        let body = |file, url_path, text, line| self.markdown_for(&Body { file, url_path, text, line });
        let pages: Vec<_> = (relinked.pages.par_iter())
            .map(|&j| &self.pages[j].page)
            .map(|p| body(&p.file, &p.path, &p.body, p.body_line))
            .collect();
        let jobs: Vec<_> = (relinked.jobs.par_iter())
            .map(|&j| &self.jobs[j].job)
            .map(|job| body(&job.file, &job.path, &job.body, job.body_line))
            .collect();
        let mut errors = Vec::new();
        let (pages, jobs) = (collect_ok(pages, &mut errors), collect_ok(jobs, &mut errors));
        if !errors.is_empty() {
            return fail(errors);
        }
        for (&j, r) in relinked.pages.iter().zip(pages) {
            self.pages[j].summary = super::context::summary_of(&self.pages[j].page, &r);
            self.pages[j].rendered = r;
        }
        for (&j, r) in relinked.jobs.iter().zip(jobs) {
            self.jobs[j].set_markdown(r);
        }
        Ok(())
    }

    /// Moves the edited article `i` (whose tags were `old_tags`) in the tag index,
    /// keeping the old index in `edited`. False asks for a reload (`keeps_its_tags`); an
    /// error is a new tag's URL clashing with a page's.
    fn retag(&mut self, i: usize, edited: &mut Edited, old_tags: &[String]) -> Result<bool, Errors> {
        self.reposition_in_home(i);
        let (index, warnings) = self.retagged(i, old_tags, &self.pages[i].page.meta.tags, self.all_articles());
        if !self.keeps_its_tags(&index) {
            return Ok(false);
        }
        edited.warnings = warnings;
        edited.tags_before = Some(self.install_tags(index)?);
        Ok(true)
    }

    /// Makes `index` the site's tag index and returns the one it replaces: the URLs of tags
    /// gone and new are published or no longer, and a new tag's URL is checked for clashes.
    pub(super) fn install_tags(&mut self, index: TagIndex) -> Result<TagIndex, Errors> {
        let added: Vec<usize> =
            (0..index.tags.len()).filter(|&t| self.tags.get(&index.tags[t].slug).is_none()).collect();
        let gone: Vec<usize> =
            (0..self.tags.tags.len()).filter(|&t| index.get(&self.tags.tags[t].slug).is_none()).collect();
        let old = std::mem::replace(&mut self.tags, index);
        for &t in &gone {
            self.published_paths.remove(&old.tags[t].path);
            self.published_paths.remove(&super::feeds::tag_feed_path(&old.tags[t]));
        }
        for &t in &added {
            let tag = &self.tags.tags[t];
            self.published_paths.insert(tag.path.clone());
            self.published_paths.insert(super::feeds::tag_feed_path(tag));
        }
        let added_urls: Vec<&str> = added.iter().map(|&t| self.tags.tags[t].path.as_str()).collect();
        let clashes = if added.is_empty() { Vec::new() } else { self.check_new_urls(&added_urls) };
        if !clashes.is_empty() {
            return fail(clashes);
        }
        Ok(old)
    }

    /// Whether `new`, the tag index after an edit of one article, only moved that article:
    /// each tag still there is shown as before, a tag that is gone is linked from no page
    /// (a relative link to its page, accepted while it was published, would now be an
    /// error), and the site has tags both before and after, or neither time (their
    /// templates and folder are required only while it has some).
    pub(super) fn keeps_its_tags(&self, new: &TagIndex) -> bool {
        let old = &self.tags;
        if old.tags.is_empty() != new.tags.is_empty() {
            return false;
        }
        if new.tags.iter().any(|t| old.get(&t.slug).is_some_and(|o| o.name != t.name)) {
            return false;
        }
        let gone: Vec<&str> =
            old.tags.iter().filter(|t| new.get(&t.slug).is_none()).map(|t| t.permalink.as_str()).collect();
        if gone.is_empty() {
            return true;
        }
        // Rare (the last article of a tag leaves it), so a plain scan: a match anywhere,
        // even in text, only means a reload.
        let bodies: Vec<&str> = (self.pages.iter().map(|p| p.rendered.html.as_str()))
            .chain(self.jobs.iter().map(|j| j.html.as_str()))
            .chain(self.sections.values().map(|s| s.html.as_str()))
            .collect();
        gone.iter().all(|url| !bodies.par_iter().any(|html| html.contains(url)))
    }

    pub(super) fn placement(&self, i: usize, home: &[usize]) -> Placement {
        let position = |list: &[usize]| list.iter().position(|&j| j == i).unwrap_or(0);
        let section = &self.sections[self.pages[i].page.section_key()];
        let tags = self.tags.of_page[i]
            .iter()
            .map(|&t| {
                let tag = &self.tags.tags[t];
                (tag.slug.clone(), (position(&tag.pages), tag.pages.len()))
            })
            .collect();
        Placement {
            home: position(home),
            section: position(&section.pages),
            neighbours: self.pages[i].neighbours,
            tags,
        }
    }

    /// Articles whose related reading changes with the edit of article `i` (None: it left
    /// the site, and `old` numbers it after every page there is now), or shows it
    /// while what it shows of it (`shown`: title or date) changed. Only articles sharing a
    /// tag whose window (`rank::WINDOW` newest) it was or is in can be touched. Where it
    /// moved in that tag's list, or joined or left it, the window moved: each such article's
    /// list is compared with what it was. Where it stayed put, the window is what it was,
    /// and only the lists that show it matter.
    fn related_changes(
        &self,
        i: Option<usize>,
        old: &TagIndex,
        before: &Placement,
        after: &Placement,
        shown: bool,
    ) -> Vec<usize> {
        let mut moved: BTreeSet<usize> = BTreeSet::new();
        let mut stayed: BTreeSet<usize> = BTreeSet::new();
        for slug in before.tags.keys().chain(after.tags.keys()) {
            let (was, is) = (before.tags.get(slug).map(|p| p.0), after.tags.get(slug).map(|p| p.0));
            let Some(tag) = self.tags.get(slug).filter(|_| [was, is].into_iter().flatten().any(in_window)) else {
                continue;
            };
            match was == is {
                false => moved.extend(&tag.pages),
                true if shown => stayed.extend(&tag.pages),
                true => {}
            }
        }
        let moved: Vec<usize> = moved.into_iter().filter(|&j| Some(j) != i).collect();
        let stayed: Vec<usize> =
            stayed.into_iter().filter(|&j| Some(j) != i && moved.binary_search(&j).is_err()).collect();
        let shows = |j: &usize| i.is_some_and(|i| self.tags.related(*j).contains(i));
        let changed = |j: &usize| (shown && shows(j)) || old.related(*j) != self.tags.related(*j);
        let mut found: Vec<usize> = moved.into_par_iter().filter(changed).collect();
        found.par_extend(stayed.into_par_iter().filter(shows));
        found
    }
}

/// `rel`, a path under `old_path`, at the same place under `new_path`.
fn moved_rel(rel: &str, old_path: &str, new_path: &str) -> String {
    format!("{new_path}{}", rel.strip_prefix(old_path).unwrap_or(rel))
}

/// The first and last page numbers (from 0) of a list cut in pages of `per_page` that
/// hold an item that moved from place `from` to place `to`, or anything between.
fn span(from: usize, to: usize, per_page: usize) -> (usize, usize) {
    (from.min(to) / per_page, from.max(to) / per_page)
}

/// Renders what can show the edit in `edited` (see the module's note). With `cache`,
/// pages whose template input is what it last rendered are left out of `changed`. With
/// `only` (site keys), only those pages are drawn, and the rest are named in `left_out`.
pub fn render_edit(
    site: &Site,
    edited: &Edited,
    cache: Option<&RenderCache>,
    only: Option<&HashSet<String>>,
) -> Result<EditFiles, Errors> {
    let mut base = site.base(cache);
    base.only = only;
    let home = site.all_articles();
    let after = match edited.i {
        Some(i) => site.placement(i, home),
        None => site.end_of_lists(&edited.section, home),
    };
    let scope = Scope { site, base: &base, edited, home, after: &after };
    let mut results = scope.article_pages();
    results.extend(scope.job_pages());
    let (list_files, mut removed) = scope.list_pages();
    results.extend(list_files);
    let (tag_files, tags_removed) = scope.tag_files();
    removed.extend(tags_removed);
    removed.extend(edited.old_page.iter().cloned());
    removed.extend(edited.moved_files.iter().map(|m| m.old_rel.clone()));
    results.extend(edited.moved_files.iter().map(|m| Ok(site.assets[m.asset].clone())));
    results.extend(tag_files);
    let feeds = scope.feed_plan();
    let mut left_out = Vec::new();
    match only {
        Some(_) => left_out.extend(feeds.rels(site)),
        None => results.extend(scope.feeds(&feeds).into_iter().map(Ok)),
    }
    if let Some(i) = edited.i {
        results.extend(site.render_redirect_pages(&base, site.page_redirects(i)));
        // site.toml's redirects show the title of the page they lead to: one to its old
        // URL no longer leads to it.
        match edited.old_page {
            Some(_) => results.extend(site.render_redirect_pages(&base, site.site_redirects())),
            None => results.extend(site.render_redirect_pages(&base, site.site_redirects_to(i))),
        }
    }

    let (files, errors) = split_results(results);
    if !errors.is_empty() {
        return Err(render::said_once(errors));
    }
    let considered = files.len() + left_out.len();
    // A page reused from the cache is what the server holds already; one `only` leaves
    // out is still to be drawn.
    let (reused, changed): (Vec<_>, Vec<_>) = files.into_iter().partition(|f| matches!(f.data, Data::Published { .. }));
    if only.is_some() {
        left_out.extend(reused.into_iter().map(|f| f.rel));
    }
    let sitemap_left_out = only.is_some() && feeds.sitemap;
    Ok(EditFiles { changed, removed, considered, left_out, sitemap_left_out })
}

/// The feeds one edit can change.
struct FeedPlan {
    /// Slugs of the tags whose feeds carry the article, or a page whose links moved.
    tags: BTreeSet<String>,
    site_feed: bool,
    sitemap: bool,
    /// A job listing's Markdown moved with the article's URL: the job feeds carry it.
    job_feeds: bool,
}

impl FeedPlan {
    /// The output paths of its feeds, the sitemap's aside.
    fn rels(&self, site: &Site) -> Vec<String> {
        let tags = self.tags.iter().filter_map(|slug| site.tags.get(slug)).map(super::feeds::tag_feed_path);
        let site_feed = self.site_feed.then(|| crate::feeds::FEED_FILE.to_string());
        let board = self.job_feeds.then(|| site.sections.get(&site.config.jobs.section)).flatten();
        let job_feeds = board.into_iter().flat_map(super::job_feeds::job_feed_paths);
        tags.chain(site_feed).chain(job_feeds).collect()
    }
}

/// One edit's rendering: the site after it, and where the article stood before and after.
struct Scope<'a> {
    site: &'a Site,
    base: &'a Base<'a>,
    edited: &'a Edited,
    /// Every article newest first, after the edit.
    home: &'a [usize],
    after: &'a Placement,
}

type Rendered = Vec<Result<OutputFile, Error>>;

impl Scope<'_> {
    /// The article, its neighbours then and now, and the articles whose related reading
    /// moves; when it joined or left the site, every article of its section (each shows
    /// the section's count).
    fn article_pages(&self) -> Rendered {
        let (site, i, before) = (self.site, self.edited.i, &self.edited.before);
        let mut pages: BTreeSet<usize> = i.into_iter().collect();
        pages.extend(&self.edited.relinked.pages);
        let n = [before.neighbours, self.after.neighbours];
        pages.extend(n.iter().flat_map(|n| [n.newer, n.older]).flatten());
        if let Some(old) = &self.edited.tags_before {
            pages.extend(site.related_changes(i, old, before, self.after, self.edited.shown));
        }
        if self.edited.listing != Listing::Stayed {
            pages.extend(&site.sections[&self.edited.section].pages);
        }
        pages.into_par_iter().map(|j| render::render_page(site, self.base, j)).collect()
    }

    /// The pages of the job listings whose Markdown links to it and moved with its URL.
    fn job_pages(&self) -> Rendered {
        self.edited.relinked.jobs.par_iter().map(|&j| self.site.render_job_page(self.base, j)).collect()
    }

    /// The list pages between its old place and its new one: its section's and the home
    /// page's. When it joined or left the site, all of those, and its parent section's
    /// (each list page shows its list's page count, and its subsections' article counts);
    /// the last pages a shorter list no longer has are gone.
    fn list_pages(&self) -> (Rendered, Vec<String>) {
        let (site, before, after) = (self.site, &self.edited.before, self.after);
        let key = self.edited.section.as_str();
        let mut lists = vec![("", before.home, after.home)];
        if !key.is_empty() {
            lists.push((key, before.section, after.section));
        }
        let listing = self.edited.listing;
        if listing != Listing::Stayed {
            // The home page is the parent of a top-level section, and listed already.
            let parent = key.rsplit_once('/').map_or("", |(parent, _)| parent);
            if !parent.is_empty() {
                lists.push((parent, 0, usize::MAX));
            }
        }
        let (mut results, mut removed) = (Vec::new(), Vec::new());
        for (list, from, to) in lists {
            let job = list_job(site, &site.sections[list], self.home);
            let span = match listing {
                Listing::Stayed => span(from, to, job.per_page),
                Listing::Joined | Listing::Left => (0, usize::MAX),
            };
            // Only the home page's and its section's lists lost an item.
            if listing == Listing::Left && (list.is_empty() || list == key) {
                let has = pager_count(job.items.len(), job.per_page);
                let had = pager_count(job.items.len() + 1, job.per_page);
                removed.extend((has + 1..=had).map(|n| format!("{}index.html", pager_path(&job.section.path, n))));
            }
            let pagers: Vec<_> =
                paginate_span(&site.config.base_url, &job.section.path, job.items, job.per_page, span).collect();
            let render = |(path, pager): &(String, _)| render::render_list_page(site, self.base, &job, path, pager);
            results.par_extend(pagers.par_iter().map(render));
        }
        (results, removed)
    }

    /// Its tags' pages: between its places when it stayed in the tag, else all of them (each
    /// shows the tag's count), and the tag index then; the feeds it was or is in. Also the
    /// files that are gone: a tag's last page, or all of a tag it was alone in.
    fn tag_files(&self) -> (Rendered, Vec<String>) {
        let (site, before) = (self.site, &self.edited.before);
        let (mut results, mut removed) = (Vec::new(), Vec::new());
        let per_page = site.tag_per_page();
        let page_rel = |path: &str, n: usize| format!("{}index.html", pager_path(path, n));
        let mut counts_moved = false;
        for slug in before.tags.keys().chain(self.after.tags.keys()).collect::<BTreeSet<_>>() {
            let (was, is) = (before.tags.get(slug), self.after.tags.get(slug));
            counts_moved |= was.is_none() || is.is_none();
            let Some(tag) = site.tags.get(slug) else {
                let old = self.edited.tags_before.as_ref().and_then(|index| index.get(slug));
                if let Some((old, &(_, len))) = old.zip(was) {
                    removed.extend((1..=pager_count(len, per_page)).map(|n| page_rel(&old.path, n)));
                    removed.push(super::feeds::tag_feed_path(old));
                }
                continue;
            };
            let pages = match (was, is) {
                (Some(&(from, _)), Some(&(to, _))) => span(from, to, per_page),
                _ => {
                    let had = was.map_or(0, |&(_, len)| pager_count(len, per_page));
                    let has = pager_count(tag.pages.len(), per_page);
                    removed.extend((has + 1..=had).map(|n| page_rel(&tag.path, n)));
                    (0, usize::MAX)
                }
            };
            let pagers: Vec<_> = paginate_span(&site.config.base_url, &tag.path, &tag.pages, per_page, pages).collect();
            let render = |(path, pager): &(String, _)| site.render_tag_page(self.base, tag, path, pager);
            results.par_extend(pagers.par_iter().map(render));
        }
        if counts_moved {
            results.push(site.render_tag_index(self.base));
        }
        (results, removed)
    }

    /// The feeds it was or is in, and those carrying a page whose links moved with its
    /// URL; the sitemap when its URL, dates or tags changed, or it moved in a list.
    fn feed_plan(&self) -> FeedPlan {
        let (site, before, after) = (self.site, &self.edited.before, self.after);
        let limit = site.config.feeds.limit;
        let mut site_feed = before.home < limit || after.home < limit;
        let mut tags: BTreeSet<String> = BTreeSet::new();
        let mut carry = |p: &Placement| tags.extend(p.tags.iter().filter(|(_, t)| t.0 < limit).map(|(s, _)| s.clone()));
        carry(before);
        carry(after);
        for &j in &self.edited.relinked.pages {
            let carried = site.placement(j, self.home);
            site_feed |= carried.home < limit;
            carry(&carried);
        }
        let moved = before.home != after.home || before.section != after.section || before.tags != after.tags;
        let job_feeds = !self.edited.relinked.jobs.is_empty();
        FeedPlan { tags, site_feed, sitemap: self.edited.sitemap || moved, job_feeds }
    }

    fn feeds(&self, plan: &FeedPlan) -> Vec<OutputFile> {
        let site = self.site;
        let tags: Vec<_> = plan.tags.iter().filter_map(|slug| site.tags.get(slug)).collect();
        let home = plan.site_feed.then_some(self.home);
        let entries = super::feeds::FeedEntries::of(site, tags.iter().map(|t| &t.pages[..]).chain(home));
        let mut files: Vec<OutputFile> = tags.iter().map(|t| site.tag_feed(t, &entries)).collect();
        if plan.site_feed {
            files.push(site.site_feed(self.home, &entries));
        }
        if plan.sitemap {
            files.extend(site.sitemap_files(self.home));
        }
        if plan.job_feeds {
            files.extend(site.job_feeds(None));
        }
        files
    }
}

/// The ways rendered HTML writes `url` in a link: as Markdown links write it (pulldown-cmark
/// escapes `&` and percent-encodes what is not ASCII: `/posts/q&amp;a/`), as raw HTML's
/// rewritten links write it (escaped for HTML), and as it is.
fn written_forms(url: &str) -> Vec<String> {
    let mut href = String::new();
    let _ = pulldown_cmark_escape::escape_href(&mut href, url);
    let mut forms = vec![url.to_string(), crate::escape::html(url), href];
    forms.sort_unstable();
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::span;

    #[test]
    fn a_moved_url_is_looked_for_as_links_write_it() {
        let forms = super::written_forms("/posts/q&a/é/");
        for form in ["/posts/q&a/é/", "/posts/q&amp;a/é/", "/posts/q&amp;a/%C3%A9/"] {
            assert!(forms.iter().any(|f| f == form), "{form} not in {forms:?}");
        }
        assert_eq!(super::written_forms("/posts/plain/"), ["/posts/plain/"]);
    }

    #[test]
    fn span_covers_the_pages_between_two_places() {
        assert_eq!(span(0, 0, 10), (0, 0));
        assert_eq!(span(9, 10, 10), (0, 1));
        assert_eq!(span(35, 3, 10), (0, 3));
        assert_eq!(span(20, 29, 10), (2, 2));
    }
}
