//! One article edited while `serve` runs, applied to the loaded site without loading it
//! again, and the pages that can show the edit rendered again. Which pages those are is
//! read off the organised site before the edit and after it, not guessed: the article's
//! neighbours then and now, the list and tag pages between its old place and its new one,
//! the feeds it was or is in, and the articles whose related reading changes (only those
//! sharing a tag whose newest window the article was or is in can be touched). With the
//! dev server's fingerprints, only the pages whose template input changed are drawn.
//!
//! Anything that would move more than the article's own place (a new URL, an alias, a
//! draft or template switch, a tag whose shown spelling changes, a tag gone that a page
//! links to) asks for a reload instead, which is always right and only slower.

use super::context::RELATED_LIMIT;
use super::render::{self, list_job, pager_count, pager_path, paginate, split_results, Base};
use super::tags::{in_window, TagIndex};
use super::{Body, Neighbours, Site};
use crate::content;
use crate::error::{Error, Errors};
use crate::output::{Data, OutputFile};
use crate::site::cache::RenderCache;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Where an article stands in every list that shows it.
#[derive(Debug, Clone)]
struct Placement {
    /// Its place in the home page's list (every article, newest first).
    home: usize,
    /// Its place in its section's list.
    section: usize,
    neighbours: Neighbours,
    /// Each of its tags by slug: its place in that tag's list, and the list's length.
    tags: BTreeMap<String, (usize, usize)>,
}

/// An article updated in place, with what `render_edit` needs to tell which pages show
/// the change.
pub struct Edited {
    i: usize,
    before: Placement,
    /// Every article newest first, before the edit and, when the edit may have changed
    /// the order (its title, date or tags changed), after it.
    home_before: Vec<usize>,
    home_after: Option<Vec<usize>>,
    /// The tag index before the edit, when its title, date or tags changed: what other
    /// pages show of it (neighbours, related reading, list order).
    tags_before: Option<TagIndex>,
    /// Its title or date changed: what related reading and neighbours show of it.
    shown: bool,
    /// Its dates or tags changed: the sitemap's `lastmod` of its lists and the number of
    /// its tag pages.
    sitemap: bool,
    /// Warnings about the article's own tags (another spelling of a tag, a tag with no
    /// letter), for the dev server to print as a reload would.
    pub warnings: Vec<Error>,
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
}

impl Site {
    /// Re-reads one edited article (`content_rel`, as in `content/`) and updates the site
    /// in place. `Ok(None)` asks for a full reload instead: the file is not an article of
    /// the site, or the edit moves more than the article's place in its lists (see the
    /// module's note). `future` is whether articles dated after today are published.
    pub fn edit_article(&mut self, content_rel: &str, future: bool) -> Result<Option<Edited>, Errors> {
        let Some(i) = self.pages.iter().position(|p| p.page.file.rel == content_rel) else { return Ok(None) };
        let file = self.pages[i].page.file.clone();
        // Only a regular file is read here; a symlink, or a pipe saved in its place, goes
        // through the full reload, whose walk checks where it leads.
        let regular = std::fs::symlink_metadata(&file.abs).is_ok_and(|m| m.is_file());
        if !self.pages[i].page.is_article() || !regular {
            return Ok(None);
        }
        let one = |e: Error| Errors(vec![e]);
        let text = content::read_text(&file.abs, &file.display).map_err(one)?;
        let new = content::parse_page(&file, &text)?;
        self.check_author(&new).map_err(one)?;
        let old = &self.pages[i].page;
        let stays = new.path == old.path
            && new.meta.draft == old.meta.draft
            && new.meta.template == old.meta.template
            && new.meta.aliases == old.meta.aliases;
        if !stays || (!future && new.is_scheduled(self.today)) {
            return Ok(None);
        }
        let shown = new.title != old.title || new.meta.date != old.meta.date;
        let shown_elsewhere = shown || new.meta.tags != old.meta.tags;
        let sitemap =
            new.meta.date != old.meta.date || new.meta.updated != old.meta.updated || new.meta.tags != old.meta.tags;
        let body = Body { file: &new.file, url_path: &new.path, text: &new.body, line: new.body_line };
        let rendered = self.markdown_for(&body).map_err(Errors)?;
        let image_url = self.image_url_of(&new).map_err(one)?;

        let home_before = self.all_articles();
        let before = self.placement(i, &home_before);
        let section_key = new.section_key().to_string();
        let sp = &mut self.pages[i];
        let old_tags = std::mem::take(&mut sp.page.meta.tags);
        sp.summary = super::context::summary_of(&new, &rendered);
        sp.page = new;
        sp.rendered = rendered;
        sp.image_url = image_url;
        let mut edited = Edited {
            i,
            before,
            home_before,
            home_after: None,
            tags_before: None,
            shown,
            sitemap,
            warnings: Vec::new(),
        };
        if shown_elsewhere {
            if let Some(mut section) = self.sections.remove(&section_key) {
                self.order_listing(&mut section);
                self.sections.insert(section_key, section);
            }
            if !self.retag(&mut edited, &old_tags)? {
                return Ok(None);
            }
        }
        Ok(Some(edited))
    }

    /// Indexes the tags again after an edit of the article from `file` that may move it in
    /// its tags' lists or change them, keeping the old index in `edited`. False asks for a
    /// reload (`keeps_its_tags`); an error is a new tag's URL clashing with a page's.
    fn retag(&mut self, edited: &mut Edited, old_tags: &[String]) -> Result<bool, Errors> {
        let home = self.all_articles();
        let (index, warnings) = self.retagged(edited.i, old_tags, &home);
        edited.home_after = Some(home);
        if !self.keeps_its_tags(&index) {
            return Ok(false);
        }
        let added: Vec<usize> =
            (0..index.tags.len()).filter(|&t| self.tags.get(&index.tags[t].slug).is_none()).collect();
        let gone: Vec<usize> =
            (0..self.tags.tags.len()).filter(|&t| index.get(&self.tags.tags[t].slug).is_none()).collect();
        edited.warnings = warnings;
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
        edited.tags_before = Some(old);
        let clashes = if added.is_empty() { Vec::new() } else { self.check_urls() };
        if clashes.is_empty() {
            Ok(true)
        } else {
            Err(Errors(clashes))
        }
    }

    /// Whether `new`, the tag index after an edit of one article, only moved that article:
    /// each tag still there is shown as before, a tag that is gone is linked from no page
    /// (a relative link to its page, accepted while it was published, would now be an
    /// error), and the site has tags before and after (their templates and folder are
    /// required only then).
    fn keeps_its_tags(&self, new: &TagIndex) -> bool {
        let old = &self.tags;
        if old.tags.is_empty() || new.tags.is_empty() {
            return false;
        }
        let renamed = new.tags.iter().any(|t| old.get(&t.slug).is_some_and(|o| o.name != t.name));
        let mut gone = old.tags.iter().filter(|t| new.get(&t.slug).is_none()).peekable();
        if renamed || gone.peek().is_none() {
            return !renamed;
        }
        // Rare (the last article of a tag leaves it), so a plain scan: a match anywhere,
        // even in text, only means a reload.
        let bodies: Vec<&str> = (self.pages.iter().map(|p| p.rendered.html.as_str()))
            .chain(self.jobs.iter().map(|j| j.html.as_str()))
            .chain(self.sections.values().map(|s| s.html.as_str()))
            .collect();
        gone.all(|t| !bodies.par_iter().any(|html| html.contains(&t.permalink)))
    }

    fn placement(&self, i: usize, home: &[usize]) -> Placement {
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

    /// Articles whose related reading changes with the edit of article `i`, or shows it
    /// while what it shows of it (`shown`: title or date) changed. Only articles sharing a
    /// tag whose window (`rank::WINDOW` newest) it was or is in can be touched. Where it
    /// moved in that tag's list, or joined or left it, the window moved: each such article's
    /// list is compared with what it was. Where it stayed put, the window is what it was,
    /// and only the lists that show it matter.
    fn related_changes(
        &self,
        i: usize,
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
        let moved: Vec<usize> = moved.into_iter().filter(|&j| j != i).collect();
        let stayed: Vec<usize> = stayed.into_iter().filter(|&j| j != i && moved.binary_search(&j).is_err()).collect();
        let changed = |j: &usize| {
            let now = self.tags.related(*j, RELATED_LIMIT);
            (shown && now.contains(&i)) || old.related(*j, RELATED_LIMIT) != now
        };
        let shows = |j: &usize| self.tags.related(*j, RELATED_LIMIT).contains(&i);
        let mut found: Vec<usize> = moved.into_par_iter().filter(changed).collect();
        found.par_extend(stayed.into_par_iter().filter(shows));
        found
    }
}

/// The first and last page numbers (from 0) of a list cut in pages of `per_page` that
/// hold an item that moved from place `from` to place `to`, or anything between.
fn span(from: usize, to: usize, per_page: usize) -> (usize, usize) {
    (from.min(to) / per_page, from.max(to) / per_page)
}

/// Renders what can show the edit in `edited` (see the module's note). With `cache`,
/// pages whose template input is what it last rendered are left out of `changed`.
pub fn render_edit(site: &Site, edited: &Edited, cache: Option<&RenderCache>) -> Result<EditFiles, Errors> {
    let base = site.base(cache);
    let home = edited.home_after.as_deref().unwrap_or(&edited.home_before);
    let after = site.placement(edited.i, home);
    let scope = Scope { site, base: &base, edited, home, after: &after };
    let mut results = scope.article_pages();
    results.extend(scope.list_pages());
    let (tag_files, removed) = scope.tag_files();
    results.extend(tag_files);
    results.extend(scope.feeds().into_iter().map(Ok));
    let file = &site.pages[edited.i].page.file.display;
    results.extend(site.render_redirects_from(&base, |from| from == file));

    let (files, errors) = split_results(results);
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let considered = files.len();
    // A page reused from the cache is what the server holds already.
    let changed = files.into_iter().filter(|f| !matches!(f.data, Data::Published(_))).collect();
    Ok(EditFiles { changed, removed, considered })
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
    /// The article, its neighbours then and now, and the articles whose related reading moves.
    fn article_pages(&self) -> Rendered {
        let (site, i, before) = (self.site, self.edited.i, &self.edited.before);
        let mut pages: BTreeSet<usize> = BTreeSet::from([i]);
        let n = [before.neighbours, self.after.neighbours];
        pages.extend(n.iter().flat_map(|n| [n.newer, n.older]).flatten());
        if let Some(old) = &self.edited.tags_before {
            pages.extend(site.related_changes(i, old, before, self.after, self.edited.shown));
        }
        pages.into_par_iter().map(|j| render::render_page(site, self.base, j)).collect()
    }

    /// The list pages between its old place and its new one: its section's and the home page's.
    fn list_pages(&self) -> Rendered {
        let (site, before, after) = (self.site, &self.edited.before, self.after);
        let section_key = site.pages[self.edited.i].page.section_key();
        let mut lists = vec![("", before.home, after.home)];
        if !section_key.is_empty() {
            lists.push((section_key, before.section, after.section));
        }
        let mut results = Vec::new();
        for (key, from, to) in lists {
            let job = list_job(site, &site.sections[key], self.home);
            let (first, last) = span(from, to, job.per_page);
            let pagers = paginate(&site.config.base_url, &job.section.path, job.items, job.per_page);
            let pagers: Vec<_> = pagers.skip(first).take(last + 1 - first).collect();
            let render = |(path, pager): &(String, _)| render::render_list_page(site, self.base, &job, path, pager);
            results.par_extend(pagers.par_iter().map(render));
        }
        results
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
            let pagers = paginate(&site.config.base_url, &tag.path, &tag.pages, per_page);
            let pagers: Vec<_> = match (was, is) {
                (Some(&(from, _)), Some(&(to, _))) => {
                    let (first, last) = span(from, to, per_page);
                    pagers.skip(first).take(last + 1 - first).collect()
                }
                _ => {
                    let had = was.map_or(0, |&(_, len)| pager_count(len, per_page));
                    let has = pager_count(tag.pages.len(), per_page);
                    removed.extend((has + 1..=had).map(|n| page_rel(&tag.path, n)));
                    pagers.collect()
                }
            };
            let render = |(path, pager): &(String, _)| site.render_tag_page(self.base, tag, path, pager);
            results.par_extend(pagers.par_iter().map(render));
            if [was, is].into_iter().flatten().any(|&(pos, _)| pos < site.config.feeds.limit) {
                results.push(Ok(site.tag_feed(tag)));
            }
        }
        if counts_moved {
            results.push(site.render_tag_index(self.base));
        }
        (results, removed)
    }

    /// The site's feed when it was or is in it, and the sitemap when its dates or tags changed.
    fn feeds(&self) -> Vec<OutputFile> {
        let (site, before) = (self.site, &self.edited.before);
        let limit = site.config.feeds.limit;
        let mut files = Vec::new();
        if before.home < limit || self.after.home < limit {
            files.push(site.site_feed(self.home));
        }
        if self.edited.sitemap {
            files.extend(site.sitemap_files(self.home));
        }
        files
    }
}

#[cfg(test)]
mod tests {
    use super::span;

    #[test]
    fn span_covers_the_pages_between_two_places() {
        assert_eq!(span(0, 0, 10), (0, 0));
        assert_eq!(span(9, 10, 10), (0, 1));
        assert_eq!(span(35, 3, 10), (0, 3));
        assert_eq!(span(20, 29, 10), (2, 2));
    }
}
