//! What templates see. Each page gets its own small context built from borrowed data:
//! never the whole site, so render cost per page does not grow with the site.

use super::{Section, Site};
use crate::content::alias::link_target;
use crate::markdown::Heading;
use serde::Serialize;

/// Articles with fewer headings read fine without a table of contents.
const TOC_MIN_HEADINGS: usize = 3;

type Extra = serde_json::Map<String, serde_json::Value>;

/// A link to another article, as previous/next and listings show it.
/// A call of one of the site's own shortcodes, as its template sees it: `shortcode.args.x`
/// for `x="…"`, `shortcode.positional[0]` for a value given by place, and `shortcode.body`
/// (HTML, to print with `| safe`) and `shortcode.inner` (as written) for what stands
/// between a pair's tags.
#[derive(Serialize)]
pub struct ShortcodeContext<'a> {
    pub name: &'a str,
    pub args: &'a std::collections::BTreeMap<String, String>,
    pub positional: &'a [String],
    pub body: Option<&'a str>,
    /// The body as written, before Markdown.
    pub inner: Option<&'a str>,
    /// 1 for the page's first call of this name, 2 for the second, and so on.
    pub ordinal: usize,
    /// The level a heading of its own takes (see `markdown::Shortcode::heading_level`).
    pub heading_level: u8,
    /// Whether it stands within a line of text, where it must draw inline HTML.
    pub inline: bool,
}

impl<'a> ShortcodeContext<'a> {
    pub fn of(sc: &'a crate::markdown::Shortcode) -> ShortcodeContext<'a> {
        ShortcodeContext {
            name: &sc.name,
            args: &sc.args,
            positional: &sc.positional,
            body: sc.body.as_deref(),
            inner: sc.inner.as_deref(),
            ordinal: sc.ordinal,
            heading_level: sc.heading_level,
            inline: sc.inline,
        }
    }
}

#[derive(Serialize)]
pub struct PageLink<'a> {
    pub title: &'a str,
    pub permalink: &'a str,
    pub date: Option<String>,
}

/// A related article: what a "Related reading" list shows. Only what an edit in place
/// cannot change (title, URL, date), so serve never leaves another page's list stale.
#[derive(Serialize)]
pub struct RelatedLink<'a> {
    pub title: &'a str,
    pub permalink: &'a str,
    pub date: Option<String>,
}

/// A tag as a chip links it: to its page.
#[derive(Serialize)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub permalink: &'a str,
}

/// One article in a list page.
#[derive(Serialize)]
pub struct PageSummary<'a> {
    pub title: &'a str,
    pub permalink: &'a str,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub summary: &'a str,
    /// As written in front matter; `tag_links` has each with its tag page.
    pub tags: &'a [String],
    pub tag_links: Vec<TagLink<'a>>,
    pub reading_time: usize,
    /// Dated after the build date: only previews (serve, `--future`) show it.
    pub scheduled: bool,
}

#[derive(Serialize)]
pub struct PageContext<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub summary: &'a str,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub tags: &'a [String],
    pub tag_links: Vec<TagLink<'a>>,
    pub scheduled: bool,
    /// Who wrote it, as one text: each name the profile's when `author:` (or the site's
    /// `author`) is an id; several are parted by commas.
    pub author: std::borrow::Cow<'a, str>,
    /// Each person credited, in the order `author:` names them: the profile's fields
    /// where the name is an id, the name alone (`id` null) where it is not.
    pub authors: Vec<AuthorContext<'a>>,
    /// The first credited person with an `[authors]` profile, for a theme's author block.
    pub author_profile: Option<AuthorContext<'a>>,
    pub permalink: &'a str,
    pub path: &'a str,
    pub content: &'a crate::markdown::Html,
    pub word_count: usize,
    pub reading_time: usize,
    pub is_article: bool,
    /// The neighbour published later, and the one published earlier.
    pub newer: Option<PageLink<'a>>,
    pub older: Option<PageLink<'a>>,
    /// Headings for a table of contents: only for articles with three or more.
    pub toc: &'a [Heading],
    /// Up to three articles sharing the most tags, newest first among equals.
    pub related: Vec<RelatedLink<'a>>,
    /// The `image:` of the front matter with its published URL, e.g. for a featured image.
    pub image: Option<crate::seo::ShareImage<'a>>,
    pub extra: &'a Extra,
}

/// A credited person as `partials/author.html` shows them: an `[authors]` profile, or a
/// plain name with no id and nothing more.
#[derive(Serialize)]
pub struct AuthorContext<'a> {
    pub id: Option<&'a str>,
    pub name: &'a str,
    pub bio: Option<&'a str>,
    /// Absolute when site.toml gives a path on this site.
    pub url: Option<String>,
    pub photo: Option<crate::seo::ShareImage<'a>>,
}

#[derive(Serialize)]
pub struct SectionContext<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub permalink: String,
    pub path: &'a str,
    /// "newest-first" or "oldest-first": how the listing, and so rel=prev/next, runs.
    pub sort: &'static str,
    pub content: &'a str,
    pub pages_count: usize,
    pub extra: &'a Extra,
}

/// What the home page adds to its list: a heading that says what the site is for, an
/// introduction when `_index.md` has no body, and the calculator's entry point.
#[derive(Serialize)]
pub struct HomeContext<'a> {
    /// The `_index.md` title when it is more than the site's name, else the description.
    pub heading: String,
    /// The site's description, when `_index.md` has no body and the heading is not it.
    pub intro: Option<String>,
    pub calculator: NavLink<'a>,
}

#[derive(Serialize)]
pub struct NavLink<'a> {
    pub title: &'a str,
    pub permalink: String,
}

/// One page of a paginated list: `pages` holds indexes while rendering is planned, then
/// the items as templates see them (article summaries, job listings).
#[derive(Serialize)]
pub struct Paginator<P> {
    pub pages: P,
    /// 1-based.
    pub current_index: usize,
    pub number_pagers: usize,
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl<P> Paginator<P> {
    /// The same page of the list with its items replaced.
    pub fn with_pages<Q>(&self, pages: Q) -> Paginator<Q> {
        Paginator {
            pages,
            current_index: self.current_index,
            number_pagers: self.number_pagers,
            first: self.first.clone(),
            last: self.last.clone(),
            previous: self.previous.clone(),
            next: self.next.clone(),
        }
    }
}

/// Plain text cut at a word boundary near `max` characters, for summaries.
pub fn truncate_words(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let word_len = word.chars().count();
        if len + word_len + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += word_len;
    }
    out.push('…');
    out
}

/// The summary lists, feeds and link previews show: the text before `<!-- more -->`, else
/// the description, else the first paragraph cut near 200 characters.
pub(super) fn summary_of(page: &crate::content::Page, rendered: &crate::markdown::Rendered) -> String {
    match (&rendered.before_more, &page.description) {
        (Some(more), _) => more.clone(),
        (None, Some(d)) => d.clone(),
        (None, None) => truncate_words(&rendered.first_paragraph, 200),
    }
}

impl Site {
    /// Worked out once per page when its Markdown renders: an article shows in several lists.
    pub(super) fn summary(&self, i: usize) -> &str {
        &self.pages[i].summary
    }

    fn tag_links(&self, i: usize) -> Vec<TagLink<'_>> {
        let of_page = self.tags.of_page.get(i).map_or(&[][..], Vec::as_slice);
        of_page
            .iter()
            .map(|&t| TagLink { name: &self.tags.tags[t].name, permalink: &self.tags.tags[t].permalink })
            .collect()
    }

    fn related_link(&self, i: usize) -> RelatedLink<'_> {
        let sp = &self.pages[i];
        RelatedLink { title: &sp.page.title, permalink: &sp.permalink, date: sp.page.date().map(|d| d.to_iso()) }
    }

    pub(super) fn page_link(&self, i: usize) -> PageLink<'_> {
        let sp = &self.pages[i];
        PageLink { title: &sp.page.title, permalink: &sp.permalink, date: sp.page.date().map(|d| d.to_iso()) }
    }

    pub(super) fn page_summary(&self, i: usize) -> PageSummary<'_> {
        let sp = &self.pages[i];
        let p = &sp.page;
        PageSummary {
            title: &p.title,
            permalink: &sp.permalink,
            date: p.date().map(|d| d.to_iso()),
            updated: p.meta.updated.map(|d| d.to_iso()),
            summary: self.summary(i),
            tags: &p.meta.tags,
            tag_links: self.tag_links(i),
            reading_time: crate::markdown::reading_time(sp.rendered.words),
            scheduled: p.is_scheduled(self.today),
        }
    }

    pub(super) fn page_context(&self, i: usize) -> PageContext<'_> {
        let sp = &self.pages[i];
        let (p, r, n) = (&sp.page, &sp.rendered, sp.neighbours);
        let byline = self.byline(p);
        let credits = byline.as_ref().map_or(&[][..], |b| &b.credits);
        PageContext {
            title: &p.title,
            description: p.description.as_deref(),
            summary: self.summary(i),
            date: p.date().map(|d| d.to_iso()),
            updated: p.meta.updated.map(|d| d.to_iso()),
            tags: &p.meta.tags,
            tag_links: self.tag_links(i),
            scheduled: p.is_scheduled(self.today),
            author: byline.as_ref().map_or("".into(), |b| b.names()),
            authors: credits.iter().map(|&c| self.author_context(c)).collect(),
            author_profile: credits.iter().find(|c| c.profile.is_some()).map(|&c| self.author_context(c)),
            permalink: &sp.permalink,
            path: &p.path,
            content: &r.html,
            word_count: r.words,
            reading_time: crate::markdown::reading_time(r.words),
            is_article: p.is_article(),
            newer: n.newer.map(|j| self.page_link(j)),
            older: n.older.map(|j| self.page_link(j)),
            toc: if r.headings.len() >= TOC_MIN_HEADINGS && p.is_article() { &r.headings } else { &[] },
            related: self.tags.related(i).iter().map(|j| self.related_link(j)).collect(),
            image: self.page_image(sp),
            extra: &p.meta.extra,
        }
    }

    fn author_context<'a>(&'a self, credit: crate::authors::Credit<'a>) -> AuthorContext<'a> {
        let Some((id, a)) = credit.profile else {
            return AuthorContext { id: None, name: credit.name, bio: None, url: None, photo: None };
        };
        let photo = a.photo_image.as_ref().zip(self.seo.author_photos.get(id)).map(|(image, url)| {
            crate::seo::ShareImage { url, alt: &image.alt, width: image.width, height: image.height }
        });
        AuthorContext {
            id: Some(id),
            name: &a.name,
            bio: a.bio.as_deref().map(str::trim).filter(|b| !b.is_empty()),
            url: a.url.as_deref().map(|u| self.author_url(u.trim())),
            photo,
        }
    }

    /// An author's link as pages, JSON-LD and feeds give it: a path on this site becomes
    /// a URL under base_url, as every other link of the site.
    pub(super) fn author_url(&self, url: &str) -> String {
        match url.strip_prefix('/') {
            Some(path) => crate::templates::join_url(&self.config.base_url, path),
            None => url.to_string(),
        }
    }

    pub(super) fn section_context<'a>(&'a self, s: &'a Section) -> SectionContext<'a> {
        SectionContext {
            title: &s.title,
            description: s.description.as_deref(),
            permalink: crate::templates::join_url(&self.config.base_url, &s.path),
            path: &s.path,
            sort: s.source.meta.sort.as_str(),
            content: &s.html,
            pages_count: s.pages.len(),
            extra: &s.source.meta.extra,
        }
    }

    /// What every template gets: page templates and shortcode partials alike.
    pub(super) fn base_context(&self) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("config", &self.config);
        ctx.insert("data", &self.data);
        ctx.insert("nav", &self.nav());
        ctx.insert("lang", &self.config.language);
        // `config.author` may be an `[authors]` id: readers see the profile's name.
        let site_author = crate::authors::byline(&self.config.authors, &[], &self.config.author);
        ctx.insert("site_author", &site_author.map_or("".into(), |b| b.names()));
        ctx
    }

    pub(super) fn home_context(&self, home: &Section) -> HomeContext<'_> {
        let c = &self.config;
        let description = crate::typography::smart(c.description.trim());
        let index_title = home.source.meta.title.as_deref().map(|_| home.title.as_str());
        let heading = home_heading(index_title, &c.title, &description);
        let body_empty = home.source.body.trim().is_empty();
        HomeContext {
            intro: (body_empty && !description.is_empty() && heading != description).then_some(description),
            heading,
            calculator: NavLink {
                title: super::followup::FOLLOWUP_TITLE,
                permalink: crate::templates::join_url(&c.base_url, super::followup::FOLLOWUP_PATH),
            },
        }
    }

    /// The header's links: site.toml's `[[menu]]` where it names them, else the top-level
    /// sections, the follow-up calculator and the standalone pages.
    pub(super) fn nav(&self) -> Vec<NavLink<'_>> {
        if !self.config.menu.is_empty() {
            let base = &self.config.base_url;
            let link = |url: &str| link_target(url, base, crate::config::MENU_LINK).unwrap_or_else(|_| url.to_string());
            return self.config.menu.iter().map(|m| NavLink { title: &m.name, permalink: link(&m.url) }).collect();
        }
        let sections = self.sections.values().filter(|s| !s.path.is_empty() && !s.source.key.contains('/'));
        let standalone = self.standalone_pages().iter().map(|&i| &self.pages[i]);
        let calculator = NavLink {
            title: super::followup::FOLLOWUP_TITLE,
            permalink: crate::templates::join_url(&self.config.base_url, super::followup::FOLLOWUP_PATH),
        };
        sections
            .map(|s| NavLink { title: &s.title, permalink: crate::templates::join_url(&self.config.base_url, &s.path) })
            .chain(std::iter::once(calculator))
            .chain(standalone.map(|p| NavLink { title: &p.page.title, permalink: p.permalink.clone() }))
            .collect()
    }
}

/// The home page's `<h1>`: readers see the site's name in the header already, so the
/// heading says what the site offers: `_index.md`'s title unless it only repeats the name,
/// else the description, else a phrase around the name.
fn home_heading(index_title: Option<&str>, site_title: &str, description: &str) -> String {
    let own = index_title.map(str::trim).filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case(site_title.trim()));
    match own {
        Some(title) => title.to_string(),
        None if !description.is_empty() => description.to_string(),
        None => format!("Latest from {}", site_title.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_heading_never_merely_repeats_the_site_name() {
        assert_eq!(home_heading(Some("Advice that works"), "Compass", "About jobs."), "Advice that works");
        assert_eq!(home_heading(Some("compass "), "Compass", "About jobs."), "About jobs.");
        assert_eq!(home_heading(None, "Compass", "About jobs."), "About jobs.");
        assert_eq!(home_heading(None, "Compass", ""), "Latest from Compass");
    }

    #[test]
    fn truncation_keeps_whole_words() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(truncate_words("one two three four", 9), "one two…");
    }
}
