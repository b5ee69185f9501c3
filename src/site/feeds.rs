//! Which articles each Atom feed carries and which URLs the sitemap lists, read off the
//! loaded site; `crate::feeds` writes the text. Drafts and scheduled articles never get
//! here: loading has left them out unless `--drafts` or `--future` asked for them.

use super::render::{list_job, list_pages, Base};
use super::tags::{Tag, TAGS_PATH};
use super::{Site, FOLLOWUP_PATH};
use crate::dates::Date;
use crate::feeds::sitemap::{self, Url, ROBOTS_FILE, SITEMAP_FILE};
use crate::feeds::{self, Entry, Feed, FEED_FILE};
use crate::output::{Data, OutputFile, Stage};
use crate::templates::join_url;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A feed as a page's `<head>` links it, and as the feed names itself.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
}

impl Site {
    /// The site feed, a feed per tag, the sitemap, robots.txt (unless the site has its own)
    /// and the job board's feeds. `home_items` are all articles, newest first.
    /// Each goes into the staging folder as soon as it is made (`base.staged`), and the job
    /// board's two large feeds, which carry every listing whole, are streamed into it as
    /// they are made (see `job_feeds`): all of them held at once would be a build's largest
    /// allocation. The job feeds, the largest, are made beside the rest.
    pub(super) fn render_feeds(&self, base: &Base<'_>, home_items: &[usize]) -> Vec<OutputFile> {
        let (mut files, job_feeds) = rayon::join(
            || {
                let lists = self.tags.tags.iter().map(|t| &t.pages[..]).chain([home_items]);
                let entries = FeedEntries::of(self, lists);
                let mut files: Vec<OutputFile> =
                    self.tags.tags.par_iter().map(|t| base.staged(self.tag_feed(t, &entries))).collect();
                files.push(base.staged(self.site_feed(home_items, &entries)));
                drop(entries);
                files.extend(self.sitemap_files(home_items).into_iter().map(|f| base.staged(f)));
                files.extend(self.robots().into_iter().map(|f| base.staged(f)));
                files
            },
            || self.job_feeds(Some(base)),
        );
        files.extend(job_feeds);
        files
    }

    /// The output paths of what `render_feeds` makes, found without making it: each tag's
    /// feed, the site's, the sitemap's first file (not the parts of one split past its
    /// limits), robots.txt unless the site has its own, and the job feeds. Relative links
    /// may name them (`Site::published_paths`), and the dev server names them stale while
    /// a reload is drawn, so that a request for a feed that is new waits for it rather
    /// than get a 404.
    pub fn generated_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.tags.tags.iter().map(tag_feed_path).collect();
        keys.extend([FEED_FILE, SITEMAP_FILE].map(String::from));
        if !self.assets.iter().any(|a| a.rel == ROBOTS_FILE) {
            keys.push(ROBOTS_FILE.to_string());
        }
        if let Some(board) = self.sections.get(&self.config.jobs.section) {
            keys.extend(super::job_feeds::job_feed_paths(board));
        }
        keys
    }

    /// The feed of one tag's articles, for the tag page's `<head>` as `tag_feed`.
    pub(super) fn tag_feed_link(&self, tag: &Tag) -> FeedLink {
        FeedLink {
            title: format!("{}: {}", self.config.title, tag.name),
            url: join_url(&self.config.base_url, &tag_feed_path(tag)),
        }
    }

    pub(super) fn site_feed(&self, home_items: &[usize], entries: &FeedEntries) -> OutputFile {
        let link = FeedLink { title: self.config.title.clone(), url: join_url(&self.config.base_url, FEED_FILE) };
        let home = join_url(&self.config.base_url, "");
        let xml = self.atom(&link, &home, &self.config.description, home_items, entries);
        generated(FEED_FILE.to_string(), "the site's Atom feed", xml)
    }

    pub(super) fn tag_feed(&self, tag: &Tag, entries: &FeedEntries) -> OutputFile {
        let xml = self.atom(&self.tag_feed_link(tag), &tag.permalink, "", &tag.pages, entries);
        generated(tag_feed_path(tag), "the tag feeds", xml)
    }

    /// A feed of the first `[feeds] limit` of `items` (newest first), mirroring `page_url`.
    fn atom(&self, link: &FeedLink, page_url: &str, subtitle: &str, items: &[usize], entries: &FeedEntries) -> String {
        let items = &items[..items.len().min(self.config.feeds.limit)];
        let config = &self.config;
        let (author, author_url) = self.feed_author();
        let feed = Feed {
            title: &link.title,
            subtitle,
            language: &config.language,
            self_url: &link.url,
            page_url,
            author,
            author_url,
            // A feed with no entries yet (a new site) was last updated at build time.
            updated: items.iter().filter_map(|&i| self.last_changed(i)).max().unwrap_or(Date::day(self.today)),
        };
        feeds::atom(&feed, items.iter().filter_map(|&i| entries.get(self, i)))
    }

    /// Article `i` as a feed entry; None for a page without a date.
    fn feed_entry(&self, i: usize) -> Option<String> {
        let sp = &self.pages[i];
        let meta = &sp.page.meta;
        // Articles always have a date; this only keeps a page without one out.
        let published = meta.date?;
        let byline = self.byline(&sp.page).filter(|b| b.own);
        let credits = byline.as_ref().map_or(&[][..], |b| &b.credits);
        Some(feeds::entry(&Entry {
            permalink: &sp.permalink,
            title: &sp.page.title,
            // Only an article's own author: the feed names the site's already.
            authors: credits.iter().map(|c| (c.name, c.url().map(|u| self.author_url(u)))).collect(),
            published,
            updated: self.last_changed(i).unwrap_or(published),
            summary: self.summary(i).to_string(),
            content: &sp.rendered.html,
            categories: self.tags.of_page[i].iter().map(|&t| self.tags.tags[t].name.as_str()).collect(),
        }))
    }

    /// Atom needs an author at feed level: the site's `author` (its profile's name and page
    /// when it is an `[authors]` id, as pages credit it); a site without one is at least
    /// its title.
    pub(super) fn feed_author(&self) -> (&str, Option<String>) {
        let config = &self.config;
        let site =
            crate::authors::byline(&config.authors, &[], &config.author).and_then(|b| b.credits.first().copied());
        match site {
            Some(credit) => (credit.name, credit.url().map(|u| self.author_url(u))),
            None => (&config.title, None),
        }
    }

    /// When a page last changed: its `updated`, else its `date` (see `Date::changed_since`).
    fn last_changed(&self, i: usize) -> Option<Date> {
        let meta = &self.pages[i].page.meta;
        match (meta.date, meta.updated) {
            (Some(date), Some(updated)) => Some(updated.changed_since(date)),
            (date, updated) => updated.or(date),
        }
    }

    pub(super) fn sitemap_files(&self, home_items: &[usize]) -> Vec<OutputFile> {
        let urls = self.sitemap_urls(home_items);
        sitemap::write(&urls, |name| join_url(&self.config.base_url, name), sitemap::LIMITS)
            .into_iter()
            .map(|(rel, xml)| generated(rel, SITEMAP_SOURCE, xml))
            .collect()
    }

    /// Every canonical, indexable page: list pages (all their pages), articles and
    /// standalone pages, tag pages, the calculator, the job board with its filter pages, and
    /// open listings. Not the 404 page, closed listings, or anything else that only points
    /// elsewhere.
    fn sitemap_urls(&self, home_items: &[usize]) -> Vec<Url> {
        let base = &self.config.base_url;
        let url = |path: &str, lastmod: Option<Date>| Url { loc: join_url(base, path), lastmod };
        let mut urls = Vec::with_capacity(self.pages.len() + self.jobs.len() + self.tags.tags.len() + 16);
        // Each article shows in several lists: its last change is looked up once, into one
        // small array, not through its page for every list (at 100,000 articles those
        // lookups were a third of the sitemap's time, which every tag or date edit in
        // `serve` pays).
        let changed: Vec<Option<Date>> = (0..self.pages.len()).map(|i| self.last_changed(i)).collect();
        let newest_change = |items: &[usize]| items.iter().filter_map(|&i| changed[i]).max();
        for section in self.sections.values().filter(|s| s.source.key != self.config.jobs.section) {
            let list = list_job(self, section, home_items);
            for (_, path, items) in list_pages(&section.path, list.items, list.per_page) {
                urls.push(url(&path, newest_change(items)));
            }
        }
        urls.extend(self.pages.iter().zip(&changed).map(|(p, &lastmod)| url(&p.page.path, lastmod)));
        if !self.tags.tags.is_empty() {
            let newest = self.tags.tags.iter().filter_map(|t| t.pages.first().and_then(|&i| changed[i]));
            urls.push(url(TAGS_PATH, newest.max()));
            for tag in &self.tags.tags {
                for (_, path, items) in list_pages(&tag.path, &tag.pages, self.tag_per_page()) {
                    urls.push(url(&path, newest_change(items)));
                }
            }
        }
        urls.push(url(FOLLOWUP_PATH, None));
        if let Some(board) = self.sections.get(&self.config.jobs.section) {
            let open = &self.callouts.open;
            let posted = |j: usize| self.jobs[j].job.date_posted;
            // The board, then each filter page: real lists of open roles, paginated alike.
            let filters = self.job_filters.filters.iter().map(|f| (&f.path, &f.items));
            for (list, items) in std::iter::once((&board.path, open)).chain(filters) {
                for (_, path, items) in list_pages(list, items, board.per_page(&self.config)) {
                    urls.push(url(&path, items.iter().map(|&j| posted(j)).max()));
                }
            }
            // Each group's page, as new as its newest listing.
            for (_, g, path) in self.job_filters.paged_groups() {
                let newest = self.job_filters.filters[g.values.clone()].iter().filter_map(|f| f.items.first());
                urls.push(url(path, newest.map(|&j| posted(j)).max()));
            }
            urls.extend(open.iter().map(|&j| url(&self.jobs[j].job.path, Some(posted(j)))));
        }
        urls
    }

    /// robots.txt naming the sitemap, unless `static/` (or the theme's) has one: the
    /// site's own file is already among the assets and wins.
    fn robots(&self) -> Option<OutputFile> {
        if self.assets.iter().any(|a| a.rel == ROBOTS_FILE) {
            return None;
        }
        let text = sitemap::robots(&join_url(&self.config.base_url, SITEMAP_FILE));
        Some(generated(ROBOTS_FILE.to_string(), "robots.txt", text))
    }
}

/// What the sitemap's files are made from, as messages name it.
const SITEMAP_SOURCE: &str = "the sitemap";

/// Whether `file` is one of the sitemap's: `sitemap.xml`, and the files it indexes when
/// the site has more URLs than one file may hold.
pub fn is_sitemap(file: &OutputFile) -> bool {
    file.source == generated_source(SITEMAP_SOURCE)
}

/// Each article's Atom `<entry>`, written once however many feeds carry it: an article is
/// in the site's feed and in each of its tags' while it is among their newest, and
/// escaping its HTML again for each was most of what the feeds cost.
pub(super) struct FeedEntries(HashMap<usize, OnceLock<Option<String>>>);

impl FeedEntries {
    /// A slot for each article that feeds of `lists` (each newest first) carry.
    pub(super) fn of<'a>(site: &Site, lists: impl IntoIterator<Item = &'a [usize]>) -> FeedEntries {
        let limit = site.config.feeds.limit;
        let carried = lists.into_iter().flat_map(|items| &items[..items.len().min(limit)]);
        FeedEntries(carried.map(|&i| (i, OnceLock::new())).collect())
    }

    fn get<'a>(&'a self, site: &Site, i: usize) -> Option<Cow<'a, str>> {
        match self.0.get(&i) {
            Some(slot) => slot.get_or_init(|| site.feed_entry(i)).as_deref().map(Cow::Borrowed),
            None => site.feed_entry(i).map(Cow::Owned),
        }
    }
}

/// `tags/<slug>/atom.xml`.
pub(super) fn tag_feed_path(tag: &Tag) -> String {
    format!("{}{FEED_FILE}", tag.path)
}

/// A file careerpress writes itself; `what` names it in a message about a clash with a
/// user's file of the same name.
pub(super) fn generated(rel: String, what: &str, text: String) -> OutputFile {
    OutputFile { rel, source: generated_source(what), data: Data::Bytes(text.into_bytes()) }
}

/// A generated file too large to hold whole: written into `stage` as `write` makes it,
/// or, with no staging folder (serve), gathered in memory.
pub(super) fn streamed(
    stage: Option<&Stage>,
    rel: String,
    what: &str,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> OutputFile {
    let source = generated_source(what);
    match stage {
        Some(stage) => stage.put_streamed(rel, source, write),
        None => OutputFile { rel, source, data: Data::Bytes(crate::output::in_memory(write)) },
    }
}

pub(super) fn generated_source(what: &str) -> PathBuf {
    PathBuf::from(format!("{what} (generated)"))
}
