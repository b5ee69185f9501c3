//! Every page a template draws, each named by a small descriptor (`Target`) beside its site
//! key, so that some pages can be drawn without walking the rest of the site: after a
//! template edit the dev server draws the whole site a step at a time, the pages a
//! browser waits for first, and each step costs what it draws.

use super::render::{self, list_job, paginate_span, Base};
use super::Site;
use crate::error::{Error, Errors};
use crate::output::{Data, OutputFile};
use rayon::prelude::*;
use std::collections::HashSet;

/// One page a template draws, as indexes into the loaded site it was listed from (and
/// meaningless for any other). List pages count from 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An article or standalone page, by its index in `Site::pages`.
    Page(usize),
    /// A job listing's page, by its index in `Site::jobs`.
    Job(usize),
    /// Page `n` of a section's list (the home page's is the section keyed "").
    List { section: String, n: usize },
    /// Page `n` of a tag's list, the tag by its index in the tag index.
    Tag { tag: usize, n: usize },
    /// `/tags/`.
    TagIndex,
    /// Page `n` of the job board (`filter` None) or of a job filter's list.
    Jobs { filter: Option<usize>, n: usize },
    /// A group of job filters' own page (`/jobs/tag/`), by its index among the groups.
    JobGroup(usize),
    /// The follow-up calculator.
    Followup,
    /// `404.html`.
    NotFound,
    /// Alias `alias` of a page (`job` false) or a job listing, by index.
    Redirect { job: bool, owner: usize, alias: usize },
    /// Alias `alias` of the section at `section` (its key).
    SectionRedirect { section: String, alias: usize },
    /// Entry `n` of site.toml's `[redirects]`.
    SiteRedirect(usize),
}

impl Target {
    /// Whether it is an alias's redirect page: checked against every other file.
    pub fn is_redirect(&self) -> bool {
        matches!(self, Target::Redirect { .. } | Target::SectionRedirect { .. } | Target::SiteRedirect(_))
    }
}

impl Site {
    /// Every page templates draw, with its site key: what `render` draws with templates,
    /// no more and no less (feeds, the sitemap and copied files are not drawn so).
    pub fn targets(&self) -> Vec<(String, Target)> {
        let mut all = Vec::new();
        self.each_target(&mut |key, target| all.push((key.to_string(), target())));
        all
    }

    /// The targets at `keys`, found without making the others' keys: at 100,000 articles
    /// listing every target takes ~100 ms, too long before the open pages' reload.
    pub fn targets_among(&self, keys: &HashSet<String>) -> Vec<(String, Target)> {
        let mut found = Vec::new();
        self.each_target(&mut |key, target| {
            if keys.contains(key) {
                found.push((key.to_string(), target()));
            }
        });
        found
    }

    /// Calls `f` with each target's site key and what makes the target.
    fn each_target(&self, f: &mut dyn FnMut(&str, &dyn Fn() -> Target)) {
        let mut keys = Keys { buf: String::new(), f };
        for (i, p) in self.pages.iter().enumerate() {
            keys.page(&p.page.path, 1, &|_| Target::Page(i));
        }
        for (i, j) in self.jobs.iter().enumerate() {
            keys.page(&j.job.path, 1, &|_| Target::Job(i));
        }
        for section in self.sections.values().filter(|s| s.source.key != self.config.jobs.section) {
            let job = list_job(self, section, self.all_articles());
            let pages = render::pager_count(job.items.len(), job.per_page);
            keys.page(&section.path, pages, &|n| Target::List { section: section.source.key.clone(), n });
        }
        for filter in std::iter::once(None).chain((0..self.job_filters.filters.len()).map(Some)) {
            if let Some(list) = self.job_list(filter) {
                let pages = render::pager_count(list.items.len(), list.per_page);
                keys.page(list.path, pages, &|n| Target::Jobs { filter, n });
            }
        }
        for (g, _, path) in self.job_filters.paged_groups() {
            keys.page(path, 1, &|_| Target::JobGroup(g));
        }
        if !self.tags.tags.is_empty() {
            let per_page = self.tag_per_page();
            for (t, tag) in self.tags.tags.iter().enumerate() {
                let pages = render::pager_count(tag.pages.len(), per_page);
                keys.page(&tag.path, pages, &|n| Target::Tag { tag: t, n });
            }
            keys.page(super::tags::TAGS_PATH, 1, &|_| Target::TagIndex);
        }
        keys.page(super::FOLLOWUP_PATH, 1, &|_| Target::Followup);
        (keys.f)(render::NOT_FOUND, &|| Target::NotFound);
        for (job, owners) in [(false, self.pages.len()), (true, self.jobs.len())] {
            for owner in 0..owners {
                let aliases = if job { &self.jobs[owner].job.aliases } else { &self.pages[owner].page.aliases };
                for (alias, a) in aliases.iter().enumerate() {
                    (keys.f)(&a.rel, &|| Target::Redirect { job, owner, alias });
                }
            }
        }
        for section in self.sections.values() {
            for (alias, a) in section.source.aliases.iter().enumerate() {
                (keys.f)(&a.rel, &|| Target::SectionRedirect { section: section.source.key.clone(), alias });
            }
        }
        for (n, r) in self.config.redirect_pages.iter().enumerate() {
            (keys.f)(&r.alias.rel, &|| Target::SiteRedirect(n));
        }
    }
}

/// Site keys made in one buffer, for `Site::each_target`.
struct Keys<'f> {
    buf: String,
    f: &'f mut dyn FnMut(&str, &dyn Fn() -> Target),
}

impl Keys<'_> {
    /// The `pages` pages of a list at `path` (1 for a page of its own), each with the
    /// target `target` makes of its number (from 0).
    fn page(&mut self, path: &str, pages: usize, target: &dyn Fn(usize) -> Target) {
        for n in 1..=pages {
            self.buf.clear();
            render::push_pager_path(&mut self.buf, path, n);
            self.buf.push_str("index.html");
            (self.f)(&self.buf, &|| target(n - 1));
        }
    }
}

/// Draws `targets` (from `Site::targets` of this `site`), in parallel. With `cache`, a page
/// whose fingerprint it holds is left out, as what is served already.
pub fn render_targets<'a>(
    site: &Site,
    targets: impl IntoParallelIterator<Item = &'a Target>,
    cache: Option<&super::cache::RenderCache>,
) -> Result<Vec<OutputFile>, Errors> {
    let base = site.base(cache);
    let results: Vec<Result<OutputFile, Error>> =
        targets.into_par_iter().filter_map(|t| render_target(site, &base, t)).collect();
    let (mut files, errors) = render::split_results(results);
    if !errors.is_empty() {
        return Err(render::said_once(errors));
    }
    files.retain(|f| !matches!(f.data, Data::Published { .. }));
    Ok(files)
}

/// One target's page; None for one this site does not have.
fn render_target(site: &Site, base: &Base<'_>, target: &Target) -> Option<Result<OutputFile, Error>> {
    let url = &site.config.base_url;
    Some(match target {
        Target::Page(i) => render::render_page(site, base, *i),
        Target::Job(i) => site.render_job_page(base, *i),
        Target::List { section, n } => {
            let job = list_job(site, site.sections.get(section)?, site.all_articles());
            let (path, pager) = paginate_span(url, &job.section.path, job.items, job.per_page, (*n, *n)).next()?;
            render::render_list_page(site, base, &job, &path, &pager)
        }
        Target::Tag { tag, n } => {
            let tag = site.tags.tags.get(*tag)?;
            let (path, pager) = paginate_span(url, &tag.path, &tag.pages, site.tag_per_page(), (*n, *n)).next()?;
            site.render_tag_page(base, tag, &path, &pager)
        }
        Target::TagIndex => site.render_tag_index(base),
        Target::Jobs { filter, n } => {
            let list = site.job_list(*filter)?;
            let (path, pager) = paginate_span(url, list.path, list.items, list.per_page, (*n, *n)).next()?;
            site.render_job_list_page(base, &list, &path, &pager)
        }
        Target::JobGroup(g) => return site.render_job_group_page(base, *g),
        Target::Followup => site.render_followup_page(base),
        Target::NotFound => render::render_not_found(site, base),
        Target::Redirect { job, owner, alias } => {
            let redirect = match job {
                true => site.job_redirects(*owner).nth(*alias)?,
                false => site.page_redirects(*owner).nth(*alias)?,
            };
            site.render_redirect_pages(base, std::iter::once(redirect)).pop()?
        }
        Target::SectionRedirect { section, alias } => {
            let redirect = site.section_redirects(Some(section)).nth(*alias)?;
            site.render_redirect_pages(base, std::iter::once(redirect)).pop()?
        }
        Target::SiteRedirect(n) => {
            let redirect = site.site_redirect_at(*n)?;
            site.render_redirect_pages(base, std::iter::once(redirect)).pop()?
        }
    })
}

/// Every file the site generates without a template: its feeds, the sitemap, robots.txt
/// and the job feeds.
pub fn render_generated(site: &Site) -> Vec<OutputFile> {
    site.render_feeds(&site.base(None), site.all_articles())
}
