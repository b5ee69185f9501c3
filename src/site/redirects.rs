//! Redirect pages for `aliases` and site.toml's `[redirects]`: one small page per old URL that sends readers on (a meta
//! refresh, and a plain link for browsers without it) and tells search engines where the
//! page lives now (canonical, noindex). Checked against every other output file once
//! rendering has produced them all, so an alias never replaces a page, a copied file or
//! anything another feature generates.

use super::render::{Base, Dest};
use super::{tags, Site, FOLLOWUP_PATH};
use crate::content::alias::{link_target, Alias, REDIRECT};
use crate::error::{printable, Error, ErrorKind};
use crate::output::OutputFile;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

pub const ALIAS_TEMPLATE: &str = "alias.html";

/// Files generated at the site's root, reserved even when a build does not write them (a
/// site's own robots.txt replaces the generated one), so no alias takes their names.
pub const RESERVED_FILES: [&str; 4] = [
    super::render::NOT_FOUND,
    crate::feeds::FEED_FILE,
    crate::feeds::sitemap::ROBOTS_FILE,
    crate::feeds::sitemap::SITEMAP_FILE,
];

/// What careerpress itself publishes at the site path `path` (`/`, `/tags/x/`), whatever
/// the content: the home page, the tag pages and the follow-up calculator. No page or
/// alias of a site's own may stand there; `careerpress import` leaves old URLs there out.
pub fn generated_owner(path: &str) -> Option<&'static str> {
    let path = path.trim_start_matches('/');
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let folder = if path.is_empty() || path.ends_with('/') { path.to_string() } else { format!("{path}/") };
    let folder = folder.to_lowercase();
    if folder.is_empty() {
        Some("the home page")
    } else if folder.starts_with(super::tags::TAGS_PATH) {
        Some("the tag pages")
    } else if folder == super::FOLLOWUP_PATH {
        Some("the follow-up calculator")
    } else {
        None
    }
}

/// One alias with the page it sends readers to.
pub(super) struct Redirect<'a> {
    pub alias: &'a Alias,
    pub file: &'a Path,
    title: &'a str,
    /// A page's permalink, or the URL made for a section's list page.
    target: Cow<'a, str>,
}

impl<'a> Redirect<'a> {
    /// One redirect per alias of one page.
    fn each(
        aliases: &'a [Alias],
        file: &'a Path,
        title: &'a str,
        target: Cow<'a, str>,
    ) -> impl Iterator<Item = Redirect<'a>> {
        aliases.iter().map(move |alias| Redirect { alias, file, title, target: target.clone() })
    }
}

impl Site {
    /// Every alias of every page, job listing and section, in load order.
    pub(super) fn redirects(&self) -> impl Iterator<Item = Redirect<'_>> {
        let pages = (0..self.pages.len()).flat_map(|i| self.page_redirects(i));
        let jobs = (0..self.jobs.len()).flat_map(|i| self.job_redirects(i));
        pages.chain(jobs).chain(self.section_redirects(None)).chain(self.site_redirects())
    }

    /// site.toml's `[redirects]`, each to its own target, named by the title of the page
    /// of the site it leads to (by the URL otherwise).
    pub(super) fn site_redirects(&self) -> impl Iterator<Item = Redirect<'_>> {
        let titles: HashMap<String, &str> = match self.config.redirect_pages.is_empty() {
            true => HashMap::new(),
            false => self.titled_urls().collect(),
        };
        let pages = self.config.redirect_pages.iter();
        pages.map(move |r| self.site_redirect(r, |url| titles.get(url).copied()))
    }

    /// The `n`th of site.toml's `[redirects]` alone (the dev server draws it by itself).
    pub(super) fn site_redirect_at(&self, n: usize) -> Option<Redirect<'_>> {
        let r = self.config.redirect_pages.get(n)?;
        Some(self.site_redirect(r, |url| self.titled_urls().find(|(u, _)| u == url).map(|(_, title)| title)))
    }

    /// site.toml's `[redirects]` to page `i`, which show its title.
    pub(super) fn site_redirects_to(&self, i: usize) -> impl Iterator<Item = Redirect<'_>> {
        let page = &self.pages[i];
        let title = |url: &str| (url == page.permalink).then_some(page.page.title.as_str());
        let all = self.config.redirect_pages.iter().map(move |r| self.site_redirect(r, title));
        all.filter(move |r| r.target == page.permalink)
    }

    fn site_redirect<'s>(
        &'s self,
        r: &'s crate::content::alias::SiteRedirect,
        title_at: impl Fn(&str) -> Option<&'s str>,
    ) -> Redirect<'s> {
        let target = link_target(&r.to, &self.config.base_url, REDIRECT).unwrap_or_else(|_| r.to.clone());
        let title = title_at(&target).unwrap_or(&r.to);
        Redirect { alias: &r.alias, file: Path::new(crate::config::CONFIG_FILE), title, target: Cow::Owned(target) }
    }

    /// Each section's, listing's and page's URL with its title: what a redirect of
    /// site.toml that leads to it is named by.
    fn titled_urls(&self) -> impl Iterator<Item = (String, &str)> {
        let base = &self.config.base_url;
        let sections = self.sections.values().map(|s| (crate::templates::join_url(base, &s.path), s.title.as_str()));
        let jobs = self.jobs.iter().map(|j| (j.permalink.clone(), j.job.title.as_str()));
        sections.chain(jobs).chain(self.pages.iter().map(|p| (p.permalink.clone(), p.page.title.as_str())))
    }

    /// The aliases of job listing `i`.
    pub(super) fn job_redirects(&self, i: usize) -> impl Iterator<Item = Redirect<'_>> {
        let j = &self.jobs[i];
        Redirect::each(&j.job.aliases, &j.job.file.display, &j.job.title, Cow::Borrowed(&j.permalink))
    }

    /// The aliases of page `i`.
    pub(super) fn page_redirects(&self, i: usize) -> impl Iterator<Item = Redirect<'_>> {
        let p = &self.pages[i];
        Redirect::each(&p.page.aliases, &p.page.file.display, &p.page.title, Cow::Borrowed(&p.permalink))
    }

    /// The aliases of every section's `_index.md` (or the one at the key `only`), to the
    /// section's first list page.
    pub(super) fn section_redirects<'s>(&'s self, only: Option<&'s str>) -> impl Iterator<Item = Redirect<'s>> {
        let sections = self.sections.values().filter(move |s| only.is_none_or(|key| s.source.key == key));
        sections.filter(|s| !s.source.aliases.is_empty()).flat_map(|s| {
            let target = Cow::Owned(crate::templates::join_url(&self.config.base_url, &s.path));
            let file = s.source.file.as_ref().map_or(Path::new(""), |f| f.display.as_path());
            Redirect::each(&s.source.aliases, file, &s.title, target)
        })
    }

    /// Every redirect page, drawn by the theme's `alias.html` with `target` (the page's
    /// permalink) and `title`.
    pub(super) fn render_redirects(&self, base: &Base<'_>) -> Vec<Result<OutputFile, Error>> {
        self.render_redirect_pages(base, self.redirects())
    }

    /// The pages of `redirects`.
    pub(super) fn render_redirect_pages<'a>(
        &self,
        base: &Base<'_>,
        redirects: impl Iterator<Item = Redirect<'a>>,
    ) -> Vec<Result<OutputFile, Error>> {
        redirects
            .map(|r| {
                let vars = serde_json::json!({ "target": r.target, "title": r.title });
                let dest = Dest { rel: r.alias.rel.clone(), source: r.file.to_path_buf(), content_len: 0, own: false };
                self.render_vars(base, ALIAS_TEMPLATE, &vars, dest)
            })
            .collect()
    }

    /// Aliases that would take a file or folder of `files` (everything else the site
    /// writes), a reserved name, or another alias's file: each an error at the alias,
    /// naming whose file it is.
    pub(super) fn check_redirects(&self, files: &[OutputFile]) -> Vec<Error> {
        if self.redirects().next().is_none() {
            return Vec::new();
        }
        let mut taken = Taken::default();
        // Generated files first: the first owner is the one named, and their sources
        // (site.toml, a template) would not tell the author what the file is.
        taken.add(&format!("{FOLLOWUP_PATH}index.html"), "the follow-up calculator".into());
        for name in RESERVED_FILES {
            taken.add(name, "careerpress (reserved for generated files)".into());
        }
        for f in files {
            taken.add(&f.rel, printable(&f.source).to_string());
        }
        if !self.tags.tags.is_empty() {
            taken.folders_reserved.push((tags::TAGS_PATH.to_string(), "the tag pages (generated)"));
        }
        // Whatever is open today: a filter page may take one of these folders tomorrow.
        for folder in &self.job_filters.reserved {
            taken.folders_reserved.push((folder.clone(), "the job board's filter pages (generated)"));
        }
        let mut errors = Vec::new();
        for r in self.redirects() {
            match taken.clash(&r.alias.rel) {
                Some(why) => errors.push(r.clash(why)),
                None => taken.add(&r.alias.rel, format!("the alias in {}:{}", printable(&r.file), r.alias.line)),
            }
        }
        errors
    }

    /// [`Site::check_redirects`] after one page moved to the output file `rel`: every
    /// other output is where it was, so only an alias that takes that file or its folder
    /// can clash now.
    pub(super) fn check_redirects_against(&self, rel: &str, source: &Path) -> Vec<Error> {
        let mut taken = Taken::default();
        taken.add(rel, printable(source).to_string());
        self.redirects().filter_map(|r| Some(r.clash(taken.clash(&r.alias.rel)?))).collect()
    }
}

impl Redirect<'_> {
    /// The error at this alias, which cannot be written for `why`.
    fn clash(&self, why: String) -> Error {
        // site.toml's `[redirects]` are written there as redirects, not as aliases.
        let what = if self.file == Path::new(crate::config::CONFIG_FILE) { "redirect" } else { "alias" };
        Error::new(ErrorKind::DuplicateUrl, self.file, format!("{what} {:?} {why}", self.alias.url))
            .at(self.alias.line, self.alias.column)
    }
}

/// The output files and folders already spoken for, each with whose it is.
#[derive(Default)]
struct Taken {
    files: HashMap<String, String>,
    /// Every folder holding a file, with the owner of one file inside it.
    folders: HashMap<String, String>,
    /// Folders (ending in `/`) whose whole contents belong to a generator.
    folders_reserved: Vec<(String, &'static str)>,
}

impl Taken {
    fn add(&mut self, rel: &str, owner: String) {
        for (slash, _) in rel.match_indices('/') {
            self.folders.entry(rel[..slash].to_string()).or_insert_with(|| owner.clone());
        }
        self.files.entry(rel.to_string()).or_insert(owner);
    }

    /// Why an alias cannot be written to `rel`, if it cannot: the same file, a file where
    /// it needs a folder, or a folder where it would write a file. A static host cannot
    /// hold both `old` as a file and `old/index.html`.
    fn clash(&self, rel: &str) -> Option<String> {
        if let Some(owner) = self.files.get(rel) {
            return Some(format!("would replace {rel}, which belongs to {owner}"));
        }
        for (slash, _) in rel.match_indices('/') {
            let folder = &rel[..slash];
            if let Some(owner) = self.files.get(folder) {
                return Some(format!("needs {folder} to be a folder, but that file belongs to {owner}"));
            }
        }
        if let Some(owner) = self.folders.get(rel) {
            return Some(format!("would write the file {rel} where {owner} needs a folder"));
        }
        let reserved = self.folders_reserved.iter().find(|(folder, _)| rel.starts_with(folder));
        reserved.map(|(folder, owner)| format!("is under /{folder}, which belongs to {owner}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paths_careerpress_publishes_itself_are_known_in_every_spelling() {
        for (path, owner) in [
            ("/", Some("the home page")),
            ("/index.html", Some("the home page")),
            ("tags", Some("the tag pages")),
            ("/Tags/Offers/", Some("the tag pages")),
            ("/follow-up-calculator", Some("the follow-up calculator")),
            ("/tagsmith/", None),
            ("/posts/tags/", None),
            ("/about.html", None),
        ] {
            assert_eq!(generated_owner(path), owner, "{path}");
        }
    }

    fn taken() -> Taken {
        let mut t = Taken::default();
        t.add("posts/a/index.html", "content/posts/a.md".into());
        t.add("atom.xml", "the feed".into());
        t.add("old.html/x.png", "content/old.html/x.png".into());
        t.folders_reserved.push(("tags/".to_string(), "the tag pages"));
        t
    }

    #[test]
    fn same_file_file_for_folder_and_folder_for_file_all_clash() {
        let t = taken();
        let e = t.clash("posts/a/index.html").unwrap();
        assert!(e.contains("replace posts/a/index.html") && e.contains("content/posts/a.md"), "{e}");
        let e = t.clash("atom.xml/index.html").unwrap();
        assert!(e.contains("atom.xml to be a folder") && e.contains("the feed"), "{e}");
        let e = t.clash("old.html").unwrap();
        assert!(e.contains("the file old.html") && e.contains("content/old.html/x.png"), "{e}");
        let e = t.clash("tags/x/index.html").unwrap();
        assert!(e.contains("the tag pages"), "{e}");
    }

    #[test]
    fn neighbours_do_not_clash() {
        let t = taken();
        for rel in ["posts/a/old/index.html", "posts/index.html", "atom/index.html", "old/index.html", "tagsx.html"] {
            assert_eq!(t.clash(rel), None, "{rel}");
        }
    }

    #[test]
    fn the_first_owner_is_kept() {
        let mut t = Taken::default();
        t.add("a/index.html", "first".into());
        t.add("a/index.html", "second".into());
        assert!(t.clash("a/index.html").unwrap().contains("first"));
    }
}
