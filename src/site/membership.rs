//! An article coming into the loaded site or leaving it while `serve` runs, applied in
//! place as an edit is (`site::edit`): a new file, a deleted one, a draft published, an
//! article made a draft again. Loading the site again for one of these took 150–190 ms at
//! 10,000 articles and 1.4 s at 100,000 before the open page could reload; in place, only
//! the one file is read. The pages that show the change are the edit's (its neighbours,
//! the lists from its place to their end, its tags' pages and feeds, the related lists it
//! enters or leaves), and, since every page that shows a section shows its count, every
//! article of its section and every page of its section's list and its parent's.
//!
//! Pages are numbered by their place in the walk's order (`Site::pages`), which a full
//! load gives them; a page joining or leaving renumbers whatever names pages by index
//! (`Shift`), so that the site ends as a load would make it. Anything else (a page bundle,
//! aliases, a new section, the last article of a folder without `_index.md`, a listing,
//! a page a link names, a page a redirect of site.toml leads to and is named by) reloads,
//! as before.

use super::edit::{Edited, Listing, Placement};
use super::{Body, BuildOptions, Shift, Site, SitePage};
use crate::content::{self, ContentFile, Page, CONTENT_DIR, SECTION_FILE};
use crate::error::{Error, Errors};
use crate::templates::join_url;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// What a content file saved outside the site's pages did to the site.
pub enum Arrival {
    /// It was left out and still is (a draft, in a preview without drafts), or a left-out
    /// file was deleted: nothing published changed.
    LeftOut,
    /// An article joined the site's lists or left them: render what shows it, as an edit.
    Listed(Box<Edited>),
}

/// Whether `options` leave `page` out of the site: a draft without `--drafts`, a
/// scheduled article without `--future`.
pub(super) fn left_out(page: &Page, options: &BuildOptions, today: chrono::NaiveDate) -> bool {
    (page.meta.draft && !options.drafts) || (!options.future && page.is_scheduled(today))
}

impl Site {
    /// The content file `content_rel` (as in `content/`) saved or deleted, when it is no
    /// page of the site or has just left it: applied in place when it is an article
    /// joining the site (a new file, a draft published) or leaving it (deleted, made a
    /// draft). `Ok(None)` asks for a reload (see the module's note). An error can leave
    /// the site partly updated: load it again, as `serve` does after any failed rebuild.
    pub fn arrive(&mut self, content_rel: &str, options: &BuildOptions) -> Result<Option<Arrival>, Errors> {
        // Loaded for a build or a check, the site has no lookups to tell who links where.
        if !self.keeps_markdown {
            return Ok(None);
        }
        match self.pages.iter().position(|p| p.page.file.rel == content_rel) {
            Some(i) => self.leave(i, options),
            None => self.join(content_rel, options),
        }
    }

    /// Article `i`, deleted or now left out, taken out of the site.
    fn leave(&mut self, i: usize, options: &BuildOptions) -> Result<Option<Arrival>, Errors> {
        let page = &self.pages[i].page;
        if !page.is_article() || page.file.is_bundle_index() || !page.aliases.is_empty() {
            return Ok(None);
        }
        // A folder without `_index.md` is a section only while it holds an article: a load
        // would have no section there (nor its list pages, nor its link in the header).
        let section = &self.sections[page.section_key()];
        if section.source.file.is_none() && section.pages.len() <= 1 {
            return Ok(None);
        }
        let now_left_out = match std::fs::symlink_metadata(&page.file.abs) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Ok(meta) if meta.is_file() => match self.read_article(&page.file)? {
                read if left_out(&read, options, self.today) => true,
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        if self.is_linked(i) || self.site_redirects_to(i).next().is_some() {
            return Ok(None);
        }
        let (index, _) = self.retagged(i, &page.meta.tags, &[], self.all_articles());
        if !self.keeps_its_tags(&index) {
            return Ok(None);
        }
        let before = self.placement(i, self.all_articles());
        let mut tags_before = self.install_tags(index)?;
        let page = &self.pages[i].page;
        let (rel, path, section) = (page.file.rel.clone(), page.path.clone(), page.section_key().to_string());
        self.home.retain(|&j| j != i);
        self.unlist_from_section(i, &section);
        self.published_paths.remove(&path);
        self.content_links.remove(&rel);
        if now_left_out {
            self.left_out.insert(rel);
        }
        let last = self.pages.len() - 1;
        tags_before.renumber(Shift::ToEnd { i, last });
        self.renumber(Shift::Remove(i));
        self.pages.remove(i);
        let edited = Edited::listing(None, section, Listing::Left, renumbered(before, Shift::Remove(i)), tags_before)
            .with_old_page(format!("{path}index.html"));
        Ok(Some(Arrival::Listed(Box::new(edited))))
    }

    /// Content file `content_rel`, no page of the site, saved: added when it is an article
    /// of a section the site has.
    fn join(&mut self, content_rel: &str, options: &BuildOptions) -> Result<Option<Arrival>, Errors> {
        let abs = self.root.join(CONTENT_DIR).join(content_rel);
        let file = ContentFile { display: Path::new(CONTENT_DIR).join(content_rel), rel: content_rel.into(), abs };
        let meta = std::fs::symlink_metadata(&file.abs);
        // A left-out draft deleted; not a bundle's, whose other files a load would then
        // publish as its folder's.
        let gone = meta.as_ref().is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
        if gone && !file.is_bundle_index() && self.left_out.remove(content_rel) {
            return Ok(Some(Arrival::LeftOut));
        }
        if !meta.is_ok_and(|m| m.is_file()) || !self.could_be_article(&file) {
            return Ok(None);
        }
        let page = self.read_article(&file)?;
        if left_out(&page, options, self.today) {
            self.left_out.insert(file.rel);
            return Ok(Some(Arrival::LeftOut));
        }
        let template_missing = page.meta.template.as_deref().is_some_and(|t| !self.templates.has(t));
        if !page.aliases.is_empty() || template_missing {
            return Ok(None);
        }
        self.left_out.remove(content_rel);
        let p = self.pages.partition_point(|sp| content::walk_order(&sp.page.file.rel, content_rel).is_lt());
        let section = page.section_key().to_string();
        let before = Placement {
            home: self.home.len(),
            section: self.sections[&section].pages.len(),
            neighbours: Default::default(),
            tags: BTreeMap::new(),
        };
        self.renumber(Shift::Insert(p));
        self.insert_page(p, page)?;
        self.reorder_section(&section, Some(p));
        self.reposition_in_home(p);
        let (index, warnings) = self.retagged(p, &[], &self.pages[p].page.meta.tags, self.all_articles());
        if !self.keeps_its_tags(&index) {
            return Ok(None);
        }
        let tags_before = self.install_tags(index)?;
        // A redirect of site.toml leading here is named by this article now.
        if self.site_redirects_to(p).next().is_some() {
            return Ok(None);
        }
        let clashes = self.check_moved_url(p);
        if !clashes.is_empty() {
            return super::fail(clashes);
        }
        let mut edited = Edited::listing(Some(p), section, Listing::Joined, before, tags_before);
        edited.warnings = warnings;
        Ok(Some(Arrival::Listed(Box::new(edited))))
    }

    /// Whether `file` can be an article added in place: Markdown, not a section's text, not
    /// in the jobs section, not a page bundle or inside one, not a name the walk skips, in
    /// a section the site has (a new one takes a reload).
    fn could_be_article(&self, file: &ContentFile) -> bool {
        let key = file.section_key();
        let parts: Vec<&str> = file.rel.split('/').collect();
        let in_bundle = (self.pages.iter().map(|p| &p.page.file).chain(self.jobs.iter().map(|j| &j.job.file)))
            .filter(|f| f.is_bundle_index())
            .any(|f| key == f.folder() || key.starts_with(&format!("{}/", f.folder())));
        file.is_markdown()
            && parts.last() != Some(&SECTION_FILE)
            && !file.is_bundle_index()
            && !content::is_ignored_path(&parts)
            && !key.is_empty()
            && key != self.config.jobs.section
            && self.sections.contains_key(key)
            && !in_bundle
    }

    /// `file` read and parsed as an article, its author checked.
    fn read_article(&self, file: &ContentFile) -> Result<Page, Errors> {
        let one = |e: Error| Errors(vec![e]);
        let text = content::read_text(&file.abs, &file.display).map_err(one)?;
        let page = content::parse_page(file, &text)?;
        self.check_author(&page).map_err(one)?;
        Ok(page)
    }

    /// Publishes `page` as page `p` (the site renumbered for it): its URL known to links,
    /// its Markdown rendered, its image found.
    fn insert_page(&mut self, p: usize, mut page: Page) -> Result<(), Errors> {
        let permalink = join_url(&self.config.base_url, &page.path);
        self.content_links.insert(page.file.rel.clone(), permalink.clone());
        self.published_paths.insert(page.path.clone());
        let body = Body { file: &page.file, url_path: &page.path, text: &page.body, line: page.body_line };
        let rendered = self.markdown_for(&body).map_err(Errors)?;
        let image_url = self.image_url_of(&mut page).map_err(|e| Errors(vec![e]))?;
        let mut sp = SitePage::new(permalink, page);
        sp.fill(rendered, image_url, &self.templates.shortcodes);
        self.pages.insert(p, sp);
        Ok(())
    }

    /// Takes article `i` out of its section's list, its neighbours linked to each other.
    fn unlist_from_section(&mut self, i: usize, key: &str) {
        if let Some(mut section) = self.sections.remove(key) {
            section.pages.retain(|&j| j != i);
            self.link_neighbours(&section);
            self.sections.insert(key.to_string(), section);
        }
    }

    /// Whether a page's, listing's or section's Markdown links to article `i`: without it,
    /// that link would fail the build, which a reload reports. Pages and listings say what
    /// their links looked up (`markdown::Lookup`); a section's text is searched for the
    /// article's URL, where a mention in text only costs a reload.
    fn is_linked(&self, i: usize) -> bool {
        let page = &self.pages[i].page;
        let names = |l: &crate::markdown::Lookup| match l {
            crate::markdown::Lookup::Permalink(rel, found) => found.is_some() && *rel == page.file.rel,
            crate::markdown::Lookup::Published(path, found) => *found && *path == page.path,
        };
        let pages = (self.pages.par_iter().enumerate()).any(|(j, p)| j != i && p.rendered.lookups.iter().any(names));
        let permalink = self.pages[i].permalink.as_str();
        pages
            || self.jobs.par_iter().any(|j| j.drawn_with.0.iter().any(names))
            || self.sections.values().any(|s| s.html.contains(permalink))
    }

    /// Renumbers every list of pages after one joined or left (`shift`), `Site::pages`
    /// itself aside.
    fn renumber(&mut self, shift: Shift) {
        let index = |j: &mut usize| *j = shift.index(*j);
        for section in self.sections.values_mut() {
            section.pages.iter_mut().for_each(index);
        }
        self.home.iter_mut().for_each(index);
        self.standalone.iter_mut().for_each(index);
        for sp in &mut self.pages {
            for n in [&mut sp.neighbours.newer, &mut sp.neighbours.older].into_iter().flatten() {
                index(n);
            }
        }
        self.tags.renumber(shift);
    }

    /// Where an article that is in no list would stand: after the last of every list it
    /// can be in (its section's, the home page's), and in no tag.
    pub(super) fn end_of_lists(&self, section: &str, home: &[usize]) -> Placement {
        let section = self.sections.get(section).map_or(0, |s| s.pages.len());
        Placement { home: home.len(), section, neighbours: Default::default(), tags: BTreeMap::new() }
    }
}

/// `placement` with its neighbours renumbered by `shift`.
fn renumbered(mut placement: Placement, shift: Shift) -> Placement {
    let n = &mut placement.neighbours;
    n.newer = n.newer.map(|j| shift.index(j));
    n.older = n.older.map(|j| shift.index(j));
    placement
}
