//! A site in two phases, as in Zola: `load` reads and checks everything and renders the
//! Markdown (every permalink is known by then), `render` turns it into output files in
//! memory. Nothing touches the output folder until both have succeeded.

pub mod cache;
mod context;
mod edit;
mod feeds;
mod followup;
mod hash_bytes;
mod job_feeds;
mod job_filters;
mod jobs;
mod listed;
mod membership;
mod redirects;
pub use redirects::{generated_owner, RESERVED_FILES};
mod render;
mod seo;
pub mod sources;
pub mod tags;
mod targets;

use crate::config::Config;
use crate::content::{self, ContentFile, Page, SectionSource, SortOrder, CONTENT_DIR, SECTION_FILE};
use crate::error::{Error, ErrorKind, Errors};
use crate::jobs::Job;
use crate::markdown::{self, LinkContext, Rendered, Shortcode};
use crate::output::{Data, OutputFile};
use crate::templates::{self, join_url, Templates};
use chrono::NaiveDate;
use rayon::prelude::*;
pub use sources::SourceCache;
use sources::{Drawn, DrawnBodies};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use cache::RenderCache;
pub use context::ShortcodeContext;
pub use edit::{render_edit, EditFiles, Edited};
pub use feeds::is_sitemap;
pub use followup::{FOLLOWUP_FORM_TEMPLATE, FOLLOWUP_PATH, FOLLOWUP_TEMPLATE};
pub use jobs::CALLOUT_TEMPLATE;
pub use membership::Arrival;
pub use redirects::ALIAS_TEMPLATE;
pub use render::{render, render_reusing, NOT_FOUND};
pub use targets::{render_generated, render_targets, Target};

/// What to build, as the command line says it.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides site.toml's `base_url`, e.g. to serve from a sub-path.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Include articles dated after `today`; without it they are left out of everything.
    pub future: bool,
    /// The build date: it decides which job listings are still open and which articles
    /// are scheduled.
    pub today: NaiveDate,
    /// Built for `serve`'s local preview, whose links are root-relative on purpose: no
    /// warning that canonical and sharing URLs are not absolute.
    pub preview: bool,
}

/// What loading does when two sources claim one URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UrlClashes {
    /// Fail, naming both: a build cannot publish two files at one path.
    Fail,
    /// Keep them in `Site::duplicate_urls` and go on: `check` reports them with the rest.
    Keep,
}

/// What a load is for.
#[derive(Clone, Copy)]
enum Purpose<'a> {
    Build,
    /// Content taken from the cache where unchanged; the Markdown kept once rendered, as
    /// an edit in place renders the pages linking to a moved article again.
    Serve(&'a SourceCache),
    Check,
}

/// A section with its articles in listing order.
#[derive(Debug, Clone)]
pub struct Section {
    pub source: SectionSource,
    /// The `_index.md` title (else one made from the folder's name) and description, with
    /// smart punctuation as pages have (`content::Page::title`).
    pub title: String,
    pub description: Option<String>,
    /// URL path relative to base_url ("" for home).
    pub path: String,
    /// Indexes into `Site::pages`, in the order the section lists them.
    pub pages: Vec<usize>,
    pub subsections: Vec<String>,
    pub html: String,
    /// The names of the shortcodes its text drew (whose HTML the templates made), in order.
    pub shortcodes: Vec<String>,
}

impl Section {
    /// The section's folder as messages name it (`content/posts`).
    pub fn folder(&self) -> PathBuf {
        Path::new(CONTENT_DIR).join(&self.source.key)
    }

    /// The file a section's pages come from, for messages: `_index.md`, else the folder.
    pub fn source_file(&self) -> PathBuf {
        self.source.file.as_ref().map_or_else(|| self.folder(), |f| f.display.clone())
    }

    /// Items per list page: the section's `paginate_by`, else the site's.
    pub fn per_page(&self, config: &Config) -> usize {
        self.source.meta.paginate_by.unwrap_or(config.paginate_by)
    }
}

/// The articles before and after one in its section's listing, named by time so that
/// nobody has to guess which way "next" goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Neighbours {
    pub newer: Option<usize>,
    pub older: Option<usize>,
}

/// How page indexes move when a page joins `Site::pages` or leaves it in the dev server
/// (`site::membership`): everything that names pages by index is renumbered by one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shift {
    /// A page inserted at this index: those at or after it move up one.
    Insert(usize),
    /// The page at this index removed: those after it move down one. What still names it
    /// is stale, and names `usize::MAX` from then on.
    Remove(usize),
    /// The page at this index moved after the others, to `last`: how the tag index from
    /// before it left numbers it, so that lists from before and after can be compared.
    ToEnd { i: usize, last: usize },
}

impl Shift {
    /// Page `j`'s index after the shift.
    fn index(self, j: usize) -> usize {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            _ if j == usize::MAX => j,
            Shift::Insert(p) if j >= p => j + 1,
            Shift::Insert(_) => j,
            Shift::Remove(i) | Shift::ToEnd { i, .. } => match (j.cmp(&i), self) {
                (Less, _) => j,
                (Greater, _) => j - 1,
                (Equal, Shift::ToEnd { last, .. }) => last,
                (Equal, _) => usize::MAX,
            },
        }
    }

    /// `v`, parallel to the pages, made parallel to them after the shift: an inserted
    /// page's entry is `fill`.
    fn parallel<T>(self, v: &mut Vec<T>, fill: T) {
        match self {
            Shift::Insert(p) => v.insert(p, fill),
            Shift::Remove(i) => drop(v.remove(i)),
            Shift::ToEnd { i, .. } => {
                let moved = v.remove(i);
                v.push(moved);
            }
        }
    }
}

/// A page with everything loading works out about it, kept in one place so that nothing
/// is aligned with anything else by index.
#[derive(Debug, Clone)]
pub struct SitePage {
    pub page: Page,
    pub permalink: String,
    pub neighbours: Neighbours,
    /// Empty until the Markdown step, which needs every permalink first.
    pub rendered: Rendered,
    /// What lists, feeds and previews show of it; set with `rendered`.
    pub summary: String,
    /// Where the page's `image` is published; None until the images step.
    pub image_url: Option<String>,
    /// Template syntax of other generators in its Markdown; set with `rendered`.
    pub foreign: Vec<crate::foreign::ForeignSyntax>,
}

impl SitePage {
    /// A page as read, before its Markdown and neighbours are known.
    fn new(permalink: String, page: Page) -> SitePage {
        SitePage {
            permalink,
            page,
            neighbours: Neighbours::default(),
            rendered: Rendered::default(),
            summary: String::new(),
            image_url: None,
            foreign: Vec::new(),
        }
    }

    /// Puts its Markdown as rendered in place, with what is made of it, and its image's URL:
    /// a page read again or added while serving.
    fn fill(&mut self, rendered: Rendered, image_url: Option<String>, own_shortcodes: &[String]) {
        self.summary = context::summary_of(&self.page, &rendered);
        self.foreign = crate::foreign::scan(&self.page.body, own_shortcodes);
        self.rendered = rendered;
        self.image_url = image_url;
    }
}

/// A job listing with its permalink and rendered description.
#[derive(Debug, Clone)]
pub struct SiteJob {
    pub job: Job,
    pub permalink: String,
    /// Empty until the Markdown step.
    pub html: markdown::Html,
    /// Where `company_logo` is published; None until the images step.
    pub logo_url: Option<String>,
    /// The place and salary in the site's language (`locale`); empty until the job text step.
    pub place: String,
    pub salary_text: Option<String>,
    /// `job.countries()` named in the site's language, in the same order.
    pub country_names: Vec<String>,
    /// What the Markdown's links looked up and which shortcodes it drew (`Rendered`'s),
    /// kept with `html` (`set_markdown`): a reload takes the HTML again only while they
    /// hold. No lookups in a build.
    drawn_with: (Vec<markdown::Lookup>, Vec<String>),
}

impl SiteJob {
    /// A listing as loading finds it; the later steps fill in the rest.
    fn new(permalink: String, job: Job) -> SiteJob {
        SiteJob {
            job,
            permalink,
            html: markdown::Html::default(),
            logo_url: None,
            place: String::new(),
            salary_text: None,
            country_names: Vec::new(),
            drawn_with: (Vec::new(), Vec::new()),
        }
    }

    /// Its description as rendered, with what the HTML was drawn with.
    fn set_markdown(&mut self, rendered: Rendered) {
        self.html = rendered.html;
        self.drawn_with = (rendered.lookups, rendered.shortcodes);
    }
}

impl AsRef<Job> for SiteJob {
    fn as_ref(&self) -> &Job {
        &self.job
    }
}

pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub templates: Templates,
    pub pages: Vec<SitePage>,
    pub sections: BTreeMap<String, Section>,
    pub jobs: Vec<SiteJob>,
    /// Open job listings ranked once, for callouts and the board.
    pub callouts: crate::jobs::CalloutIndex,
    /// The board's filter pages, built from `callouts.open`.
    pub job_filters: job_filters::FilterIndex,
    /// Every tag with its articles, and each article's tags.
    pub tags: tags::TagIndex,
    /// Problems that do not stop the build, each located in its file.
    pub warnings: Vec<Error>,
    /// Two sources on one URL: empty unless loaded for `check` (a build fails on them).
    pub duplicate_urls: Vec<Error>,
    /// Links and images in Markdown that name nothing, when loaded for `check`, which
    /// reports them with the rest (a build fails on them): None otherwise. Filled by the
    /// bodies as they render in parallel, hence the lock.
    pub broken_links: Option<std::sync::Mutex<Vec<Error>>>,
    /// Output files in one another's way (a copied `static/posts` where the articles'
    /// folder must be), found as the site renders, when loaded for `check`, which reports
    /// them with the rest (a build fails on them): None otherwise.
    pub output_clashes: Option<std::sync::Mutex<Vec<Error>>>,
    /// Sharing images and the OpenGraph locale, for every page's head.
    pub seo: seo::SiteSeo,
    /// Everything under `data/`, for templates as `data`.
    pub data: serde_json::Value,
    /// Every published file of `content/` by its path there (`posts/a.md`, `posts/chart.png`)
    /// to its URL, for `@/` and relative links.
    pub content_links: HashMap<String, String>,
    /// URL paths (relative to base_url) of every page, section and copied content file:
    /// what a relative link written as a URL (`../other-post/`) may name.
    pub published_paths: HashSet<String>,
    /// Content files this build leaves out (drafts, scheduled articles), by path in
    /// `content/`: a link to one says so instead of naming no file.
    left_out: HashSet<String>,
    /// Every article, newest first: what the home page lists. Kept in order by an edit,
    /// so that no edit sorts the whole site.
    home: Vec<usize>,
    /// Pages outside any section, for the header's links.
    standalone: Vec<usize>,
    /// Whether pages and listings keep their Markdown once rendered (for `serve`): a build
    /// or a check drops each body as soon as it is HTML (about a fifth of a build's memory).
    keeps_markdown: bool,
    pub today: NaiveDate,
    /// Files copied as they are: the theme's and the site's `static/`, and non-Markdown
    /// files in `content/`.
    pub assets: Vec<OutputFile>,
    /// The image files whose size the site read because it was not written (see
    /// `seo::Image`): a new version of one changes the pages showing it, where any other
    /// copied file is served as saved.
    pub sized_images: HashSet<PathBuf>,
}

/// Wall time of each step of a build, printed after it, kept flat on purpose.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    pub fn step<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push((name, start.elapsed()));
        out
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(n, d)| format!("{n} {:.1} ms", d.as_secs_f64() * 1e3)).collect();
        write!(f, "{}", parts.join(", "))
    }
}

fn fail<T>(errors: Vec<Error>) -> Result<T, Errors> {
    Err(Errors(errors))
}

impl Site {
    /// Reads and checks the whole site; every problem found is returned together.
    pub fn load(options: &BuildOptions, timings: &mut Timings) -> Result<Site, Errors> {
        Site::load_as(options, timings, Purpose::Build)
    }

    /// [`Site::load`] for `serve`, taking from `sources` every content file unchanged
    /// since the last load, and leaving this load's files there for the next.
    pub fn load_reusing(options: &BuildOptions, timings: &mut Timings, sources: &SourceCache) -> Result<Site, Errors> {
        Site::load_as(options, timings, Purpose::Serve(sources))
    }

    /// [`Site::load`] for `check`, which writes nothing and reports every problem in one
    /// run: two sources on one URL are kept in `duplicate_urls` instead of stopping the
    /// load, so that the rest of the site is still checked.
    pub fn load_for_check(options: &BuildOptions, timings: &mut Timings) -> Result<Site, Errors> {
        Site::load_as(options, timings, Purpose::Check)
    }

    fn load_as(options: &BuildOptions, timings: &mut Timings, purpose: Purpose<'_>) -> Result<Site, Errors> {
        let (clashes, sources) = match purpose {
            Purpose::Build => (UrlClashes::Fail, None),
            Purpose::Serve(sources) => (UrlClashes::Fail, Some(sources)),
            Purpose::Check => (UrlClashes::Keep, None),
        };
        let root = options.root.clone();
        let mut config = timings.step("config", || Config::load(&root)).map_err(|e| Errors(vec![e]))?;
        if let Some(url) = &options.base_url {
            config.base_url = crate::config::normalize_base_url(url)
                .map_err(|m| Errors(vec![Error::new(ErrorKind::Config, "--base-url", m)]))?;
        }
        let templates = timings.step("templates", || Templates::load(&root, &config)).map_err(Errors)?;
        let jobs_section = config.jobs.section.clone();
        let data = timings.step("data", || crate::data::load(&root)).map_err(Errors)?;
        let content = timings.step("read content", || read_content(&root, options, &jobs_section, sources))?;
        let base_url = config.base_url.clone();
        let permalink = |path: &str| join_url(&base_url, path);
        let mut site = Site {
            root,
            templates,
            pages: content.pages.into_iter().map(|page| SitePage::new(permalink(&page.path), page)).collect(),
            sections: BTreeMap::new(),
            jobs: content.jobs.into_iter().map(|job| SiteJob::new(permalink(&job.path), job)).collect(),
            callouts: crate::jobs::CalloutIndex::default(),
            job_filters: job_filters::FilterIndex::default(),
            tags: tags::TagIndex::default(),
            warnings: seo::relative_url_warning(options, &config.base_url).into_iter().collect(),
            duplicate_urls: Vec::new(),
            broken_links: matches!(purpose, Purpose::Check).then(Default::default),
            output_clashes: matches!(purpose, Purpose::Check).then(Default::default),
            seo: seo::SiteSeo::default(),
            data,
            content_links: HashMap::new(),
            published_paths: HashSet::new(),
            left_out: content.left_out,
            home: Vec::new(),
            standalone: Vec::new(),
            keeps_markdown: matches!(purpose, Purpose::Serve(_)),
            today: options.today,
            assets: content.assets,
            sized_images: HashSet::new(),
            config,
        };
        timings.step("authors", || site.check_authors())?;
        timings.step("job text", || site.readable_jobs());
        timings.step("organise", || site.organise(content.sections, clashes))?;
        let drawn = sources.and_then(SourceCache::take_drawn);
        // Before Markdown: a relative link may name a file of `static/`.
        timings.step("static", || site.collect_static())?;
        timings.step("markdown", || site.render_markdown(&content.asset_paths, drawn))?;
        timings.step("images", || site.resolve_images())?;
        Ok(site)
    }

    /// Every article's `author:` names a profile, once the site has profiles.
    fn check_authors(&self) -> Result<(), Errors> {
        let errors: Vec<Error> = self.pages.iter().filter_map(|sp| self.check_author(&sp.page).err()).collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Errors(errors))
        }
    }

    fn check_author(&self, page: &Page) -> Result<(), Error> {
        crate::authors::check_reference(&self.config.authors, &page.meta.author).map_err(|(i, m)| {
            let (line, column) = content::front_matter_item(&page.file, "author", i);
            Error::new(ErrorKind::FrontMatter, &page.file.display, m).at(line, column)
        })
    }

    /// Who a page is by: its own `author:` or the site's, with the profile it names.
    pub fn byline<'a>(&'a self, page: &'a Page) -> Option<crate::authors::Byline<'a>> {
        crate::authors::byline(&self.config.authors, &page.meta.author, &self.config.author)
    }

    /// Each listing's place and salary as readers of the site's language read them.
    fn readable_jobs(&mut self) {
        if self.jobs.is_empty() {
            return;
        }
        let mut readable = crate::locale::Readable::new(&self.config.language);
        for sj in &mut self.jobs {
            sj.place = sj.job.place(|code| readable.country(code));
            sj.salary_text = sj.job.salary.as_ref().map(|s| readable.salary(s));
            sj.country_names = sj.job.countries().into_iter().map(|c| readable.country(c)).collect();
        }
    }

    /// Builds sections, listing order and neighbours; checks URL clashes and template names.
    /// The sections, the home list with the tag index, and the job index each read the
    /// loaded site and nothing of one another, so they are made side by side: one after
    /// another on one core, organising 100,000 articles took 184–202 ms, side by side
    /// 151–178 ms.
    fn organise(&mut self, sources: Vec<SectionSource>, clashes: UrlClashes) -> Result<(), Errors> {
        let site = &*self;
        let (sections, ((home, standalone, (tags, warnings)), callouts)) = rayon::join(
            || site.sorted_sections(sources),
            || rayon::join(|| site.home_and_tags(), || crate::jobs::CalloutIndex::new(&site.jobs, site.today)),
        );
        for section in sections.values() {
            self.link_neighbours(section);
        }
        self.sections = sections;
        (self.home, self.standalone, self.tags, self.callouts) = (home, standalone, tags, callouts);
        self.warnings.extend(warnings);
        let job_tags = self.job_tag_warnings();
        self.warnings.extend(job_tags);
        self.index_job_filters();
        let mut errors = self.check_urls();
        if clashes == UrlClashes::Keep {
            self.duplicate_urls = errors;
            errors = Vec::new();
        }
        errors.extend(self.check_templates());
        if errors.is_empty() {
            Ok(())
        } else {
            fail(errors)
        }
    }

    /// Every section (see `collect_sections`), each under its parent, its articles in order.
    fn sorted_sections(&self, sources: Vec<SectionSource>) -> BTreeMap<String, Section> {
        let mut sections = self.collect_sections(sources);
        link_subsections(&mut sections);
        for section in sections.values_mut() {
            sort_listing(&mut section.pages, &self.pages, section.source.meta.sort);
        }
        sections
    }

    /// Every article newest first, the pages outside sections, and the tag index.
    fn home_and_tags(&self) -> (Vec<usize>, Vec<usize>, (tags::TagIndex, Vec<Error>)) {
        let (mut home, standalone): (Vec<usize>, Vec<usize>) =
            (0..self.pages.len()).partition(|&i| self.pages[i].page.is_article());
        sort_listing(&mut home, &self.pages, SortOrder::NewestFirst);
        let tags = self.tag_index(&home);
        (home, standalone, tags)
    }

    /// Every section that has an `_index.md`, an article or a job board, with all their
    /// ancestors, and the articles each one holds (not yet in order).
    fn collect_sections(&self, sources: Vec<SectionSource>) -> BTreeMap<String, Section> {
        let mut sections: BTreeMap<String, Section> = BTreeMap::new();
        self.ensure_section("", &mut sections);
        if !self.jobs.is_empty() {
            // Listings without a jobs/_index.md still get their board.
            self.ensure_section(&self.config.jobs.section, &mut sections);
        }
        for source in sources {
            let section = self.ensure_section(&source.key, &mut sections);
            if let Some(t) = source.meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
                section.title = crate::typography::smart(t.trim());
            }
            section.description = source.meta.description.as_deref().map(crate::typography::smart);
            section.source = source;
        }
        for (i, p) in self.pages.iter().enumerate() {
            if p.page.is_article() {
                self.ensure_section(p.page.section_key(), &mut sections).pages.push(i);
            }
        }
        sections
    }

    /// The section `key`, created with its ancestors (up to the home page) where missing.
    fn ensure_section<'s>(&self, key: &str, sections: &'s mut BTreeMap<String, Section>) -> &'s mut Section {
        let mut k = key.to_string();
        while !sections.contains_key(&k) {
            sections.insert(k.clone(), self.implicit_section(&k));
            match k.rsplit_once('/') {
                Some((parent, _)) => k = parent.to_string(),
                None if !k.is_empty() => k = String::new(),
                None => break,
            }
        }
        sections.get_mut(key).expect("just inserted")
    }

    /// A section as a folder without `_index.md` gets it: titled after the folder.
    fn implicit_section(&self, key: &str) -> Section {
        Section {
            title: default_title(key, &self.config),
            description: None,
            path: content::section_path(key),
            source: SectionSource {
                key: key.to_string(),
                file: None,
                meta: Default::default(),
                body: String::new(),
                body_line: 1,
                template_line: 1,
                aliases: Vec::new(),
            },
            pages: Vec::new(),
            subsections: Vec::new(),
            html: String::new(),
            shortcodes: Vec::new(),
        }
    }

    /// Sorts a section's articles and records each one's newer and older neighbour.
    pub(super) fn order_listing(&mut self, section: &mut Section) {
        sort_listing(&mut section.pages, &self.pages, section.source.meta.sort);
        self.link_neighbours(section);
    }

    /// Records each of a section's articles' newer and older neighbour, its list in order.
    fn link_neighbours(&mut self, section: &Section) {
        let order = section.source.meta.sort;
        for (pos, &i) in section.pages.iter().enumerate() {
            let before = pos.checked_sub(1).map(|p| section.pages[p]);
            let after = section.pages.get(pos + 1).copied();
            self.pages[i].neighbours = match order {
                SortOrder::NewestFirst => Neighbours { newer: before, older: after },
                SortOrder::OldestFirst => Neighbours { newer: after, older: before },
            };
        }
    }

    /// Two sources on one URL is an error naming both files.
    pub(super) fn check_urls(&self) -> Vec<Error> {
        let urls = self.sections.len() + self.pages.len() + self.jobs.len() + self.tags.tags.len();
        self.url_clashes(|_| true, urls)
    }

    /// [`Site::check_urls`] after an edit of one article, which can only have made `urls`
    /// clash (the URL or tags it moved to): at 100,000 articles, mapping every URL of the
    /// site was most of what a new tag cost the dev server.
    pub(super) fn check_new_urls(&self, urls: &[&str]) -> Vec<Error> {
        self.url_clashes(|url| urls.contains(&url), urls.len())
    }

    /// `expected`: about how many URLs are looked at. Grown as it filled, the map was
    /// rehashed over and over at 100,000 articles.
    fn url_clashes(&self, looked_at: impl Fn(&str) -> bool, expected: usize) -> Vec<Error> {
        let mut owners: HashMap<&str, Cow<'_, Path>> = HashMap::with_capacity(expected);
        let mut errors = Vec::new();
        let section_urls = self.sections.values().map(|s| (s.path.as_str(), Cow::Owned(s.source_file())));
        let page_urls = self.pages.iter().map(|p| (p.page.path.as_str(), Cow::Borrowed(p.page.file.display.as_path())));
        let job_urls = self.jobs.iter().map(|j| (j.job.path.as_str(), Cow::Borrowed(j.job.file.display.as_path())));
        // The calculator is generated on every site, so it claims its URL first and the
        // content file that collides with it is the one named in the error.
        let generated =
            std::iter::once((FOLLOWUP_PATH, Cow::Borrowed(Path::new("the follow-up calculator (generated)"))));
        let tag_pages = (!self.tags.tags.is_empty()).then_some(tags::TAGS_PATH).into_iter();
        let tag_pages = tag_pages
            .chain(self.tags.tags.iter().map(|t| t.path.as_str()))
            .map(|url| (url, Cow::Borrowed(Path::new("the tag pages (generated)"))));
        let filter_pages = self
            .job_filters
            .reserved
            .iter()
            .map(|url| (url.as_str(), Cow::Borrowed(Path::new("the job filter pages (generated)"))));
        // A page at `/atom.xml/` would need a folder where careerpress writes the file.
        let reserved_files = redirects::RESERVED_FILES.iter().map(|name| {
            (format!("{name}/"), Cow::Owned(PathBuf::from(format!("careerpress's own /{name} (generated)"))))
        });
        let reserved_files: Vec<(String, Cow<'_, Path>)> = reserved_files.collect();
        let reserved_files = reserved_files.iter().map(|(url, owner)| (url.as_str(), owner.clone()));
        let generated = generated.chain(tag_pages).chain(filter_pages).chain(reserved_files);
        let all = generated.chain(section_urls).chain(page_urls).chain(job_urls);
        for (url, file) in all.filter(|(url, _)| looked_at(url)) {
            if let Some(first) = owners.insert(url, file.clone()) {
                errors.push(self.url_clash(url, &first, &file));
            }
        }
        errors
    }

    /// The line of `file`'s `slug:`, when it is a content file that has one.
    fn slug_line(&self, file: &Path) -> Option<usize> {
        let text = std::fs::read_to_string(self.root.join(file)).ok()?;
        content::front_matter::written_key_line(&content::front_matter::split(&text, file).ok()?, "slug")
    }

    /// `crate::output::case_clashes`, each at its file's `slug:` line when it has one,
    /// since that is what to change.
    pub fn case_clashes(&self, files: &[crate::output::OutputFile]) -> Vec<Error> {
        let clashes = crate::output::case_clashes(files);
        clashes
            .into_iter()
            .map(|e| match self.slug_line(e.path()) {
                Some(line) => e.at(line, 1),
                None => e,
            })
            .collect()
    }

    /// The error for two sources on `url`: named after the one whose `slug:` put it there
    /// (at that line), else after the later one.
    fn url_clash(&self, url: &str, first: &Path, later: &Path) -> Error {
        let slug_line = |file: &Path| self.slug_line(file);
        let (blamed, other, line) = match (slug_line(later), slug_line(first)) {
            (None, Some(line)) => (first, later, Some(line)),
            (line, _) => (later, first, line),
        };
        // `é` typed as one character and as `e` plus an accent print alike, and are one
        // URL: the message would seem to name one file twice.
        let (a, b) = (blamed.to_string_lossy(), other.to_string_lossy());
        let twins = a != b && crate::content::nfc(&a) == crate::content::nfc(&b);
        let why = if twins {
            " (the two names look alike: they write the same letters in different Unicode forms, \
             one accented letter as one character and as a letter plus an accent)"
        } else {
            ""
        };
        let error = Error::new(
            ErrorKind::DuplicateUrl,
            blamed,
            format!(
                "URL /{url} is also produced by {}{why}: give one of them a different `slug` or file name",
                crate::error::printable(other)
            ),
        );
        match line {
            Some(line) => error.at(line, 1),
            None => error,
        }
    }

    fn check_templates(&self) -> Vec<Error> {
        let mut errors = Vec::new();
        let mut need = |name: &str, file: Option<(&Path, usize)>| {
            if !self.templates.has(name) {
                let (path, line) = file.unwrap_or((Path::new(templates::THEMES_DIR), 0));
                errors.push(
                    Error::new(
                        ErrorKind::Template,
                        path,
                        format!("template `{name}` not found in the theme or in templates/"),
                    )
                    .at(line, 1),
                );
            }
        };
        for name in ["index.html", "section.html", "page.html", "404.html", FOLLOWUP_TEMPLATE, FOLLOWUP_FORM_TEMPLATE] {
            need(name, None);
        }
        if self.has_job_board() {
            for name in ["jobs.html", "job.html", CALLOUT_TEMPLATE] {
                need(name, None);
            }
        }
        if !self.tags.tags.is_empty() {
            for name in tags::TAG_TEMPLATES {
                need(name, None);
            }
        }
        // Required only by sites with aliases, so that older themes keep working without.
        if let Some(first) = self.redirects().next() {
            need(ALIAS_TEMPLATE, Some((first.file, first.alias.line)));
        }
        for p in self.pages.iter().map(|p| &p.page) {
            if let Some(t) = &p.meta.template {
                need(t, Some((&p.file.display, p.template_line)));
            }
        }
        for s in self.sections.values() {
            if let (Some(t), Some(f)) = (&s.source.meta.template, &s.source.file) {
                need(t, Some((&f.display, s.source.template_line)));
            }
        }
        for own in SHORTCODES.iter().filter(|own| self.templates.shortcodes.iter().any(|s| s == *own)) {
            let template = format!("{}{own}.html", templates::SHORTCODES_DIR);
            let file = self.templates.source(&template).unwrap_or(Path::new(templates::THEMES_DIR));
            let message = format!("`{own}` is careerpress's own shortcode: give the site's another name");
            errors.push(Error::new(ErrorKind::Template, file, message));
        }
        errors
    }

    /// Renders every Markdown body once all URLs are known: pages' permalinks, and the
    /// files beside them (`asset_paths`: content path, output path). Unless the site
    /// `keeps_markdown`, each body is dropped as soon as it is HTML, so that the two are
    /// never all held at once. A body `drawn` before (by the site this one reloads) is
    /// taken as it was where it still holds (`sources::Drawn::reuse`).
    fn render_markdown(&mut self, asset_paths: &[(String, String)], drawn: Option<DrawnBodies>) -> Result<(), Errors> {
        self.content_links = self.content_links(asset_paths);
        self.published_paths = self.published_paths();
        let (page_bodies, job_bodies) = match self.keeps_markdown {
            true => (Vec::new(), Vec::new()),
            false => (
                self.pages.iter_mut().map(|p| std::mem::take(&mut p.page.body)).collect(),
                self.jobs.iter_mut().map(|j| std::mem::take(&mut j.job.body)).collect(),
            ),
        };
        let render_one = |file: &ContentFile, page: &str, body: &str, body_line: usize| {
            self.markdown_for(&Body { file, url_path: page, text: body, line: body_line })
        };
        let page_one = |p: &SitePage, body: &str| {
            let rendered = render_one(&p.page.file, &p.page.path, body, p.page.body_line)?;
            Ok((rendered, crate::foreign::scan(body, &self.templates.shortcodes)))
        };
        let job_one =
            |j: &SiteJob, body: &str| Ok((render_one(&j.job.file, &j.job.path, body, j.job.body_line)?, Vec::new()));
        let (pages, jobs): (Vec<_>, Vec<_>) = match self.keeps_markdown {
            true => self.kept_bodies(drawn, &page_one, &job_one),
            false => (
                self.pages.par_iter().zip(page_bodies).map(|(p, body)| page_one(p, &body)).collect(),
                self.jobs.par_iter().zip(job_bodies).map(|(j, body)| job_one(j, &body)).collect(),
            ),
        };
        let sections: Vec<_> = self
            .sections
            .values()
            .map(|s| match &s.source.file {
                Some(f) => render_one(f, &s.path, &s.source.body, s.source.body_line)
                    .map(|r| (r.html.into_string(), r.shortcodes)),
                None => Ok((String::new(), Vec::new())),
            })
            .collect();
        let mut errors = Vec::new();
        let rendered = collect_ok(pages, &mut errors);
        let job_markdown = collect_ok(jobs, &mut errors);
        let section_html = collect_ok(sections, &mut errors);
        if !errors.is_empty() {
            return fail(errors);
        }
        self.set_markdown(section_html, rendered, job_markdown);
        Ok(())
    }

    /// Puts each section's, page's and listing's rendered Markdown in place, in their order.
    fn set_markdown(
        &mut self,
        sections: Vec<(String, Vec<String>)>,
        pages: Vec<RenderedBody>,
        jobs: Vec<RenderedBody>,
    ) {
        for (s, (html, shortcodes)) in self.sections.values_mut().zip(sections) {
            s.html = html;
            s.shortcodes = shortcodes;
        }
        for (p, (r, foreign)) in self.pages.iter_mut().zip(pages) {
            p.summary = context::summary_of(&p.page, &r);
            p.rendered = r;
            p.foreign = foreign;
        }
        for (j, (r, _)) in self.jobs.iter_mut().zip(jobs) {
            j.set_markdown(r);
        }
    }

    /// Every published content file by its path in content/, to its URL: for `@/` and
    /// relative links, and images named beside an article.
    fn content_links(&self, asset_paths: &[(String, String)]) -> HashMap<String, String> {
        let base = &self.config.base_url;
        let assets =
            asset_paths.iter().map(|(content_rel, output_rel)| (content_rel.clone(), join_url(base, output_rel)));
        let pages = self.pages.iter().map(|p| (p.page.file.rel.clone(), p.permalink.clone()));
        let jobs = self.jobs.iter().map(|j| (j.job.file.rel.clone(), j.permalink.clone()));
        let sections =
            self.sections.values().filter_map(|s| Some((s.source.file.as_ref()?.rel.clone(), join_url(base, &s.path))));
        assets.chain(pages).chain(jobs).chain(sections).collect()
    }

    /// Every URL path the site publishes that a relative link may name: pages, sections,
    /// copied files (beside the Markdown and from `static/`; a folder whose `index.html` is
    /// copied, as its URL serves that file) and the pages and files careerpress makes itself.
    fn published_paths(&self) -> HashSet<String> {
        let copied = self.assets.iter().map(|a| a.rel.as_str());
        let folders = copied.clone().filter_map(|rel| rel.strip_suffix("index.html").filter(|d| d.ends_with('/')));
        let mut published: HashSet<String> = copied.chain(folders).map(str::to_string).collect();
        published.extend(self.pages.iter().map(|p| p.page.path.clone()));
        published.extend(self.jobs.iter().map(|j| j.job.path.clone()));
        published.extend(self.sections.values().map(|s| s.path.clone()));
        published.insert(FOLLOWUP_PATH.to_string());
        // The feeds, the sitemap, robots.txt.
        published.extend(self.generated_keys());
        if !self.tags.tags.is_empty() {
            published.insert(tags::TAGS_PATH.to_string());
        }
        published.extend(self.job_filters.filters.iter().map(|f| f.path.clone()));
        published.extend(self.job_filters.paged_groups().map(|(.., path)| path.to_string()));
        published.extend(self.tags.tags.iter().map(|t| t.path.clone()));
        published
    }

    /// Each page's and listing's Markdown, for a site that keeps it: taken from `drawn`
    /// where that still holds (`Drawn::reuse`), else made by `page` or `job` from the body.
    fn kept_bodies(
        &self,
        mut drawn: Option<DrawnBodies>,
        page: &(dyn Fn(&SitePage, &str) -> PageMarkdown + Sync),
        job: &(dyn Fn(&SiteJob, &str) -> PageMarkdown + Sync),
    ) -> (Vec<PageMarkdown>, Vec<PageMarkdown>) {
        let base_url = &self.config.base_url;
        let pages_before =
            DrawnBodies::take(&mut drawn, base_url, false, self.pages.iter().map(|p| p.page.file.rel.as_str()));
        let jobs_before =
            DrawnBodies::take(&mut drawn, base_url, true, self.jobs.iter().map(|j| j.job.file.rel.as_str()));
        let (links, published) = (&self.content_links, &self.published_paths);
        let page_one = |(p, d): (&SitePage, Option<Drawn>)| {
            let text = (&p.page.body, p.page.path.as_str());
            d.and_then(|d| d.reuse(text, links, published)).map_or_else(|| page(p, &p.page.body), Ok)
        };
        let job_one = |(j, d): (&SiteJob, Option<Drawn>)| {
            let text = (&j.job.body, j.job.path.as_str());
            d.and_then(|d| d.reuse(text, links, published)).map_or_else(|| job(j, &j.job.body), Ok)
        };
        rayon::join(
            || self.pages.par_iter().zip(pages_before).map(page_one).collect(),
            || self.jobs.par_iter().zip(jobs_before).map(job_one).collect(),
        )
    }

    /// Renders one Markdown body against the site's permalinks, locating errors in its file.
    fn markdown_for(&self, body: &Body<'_>) -> Result<Rendered, Vec<Error>> {
        // Per body: the calculators of one page must not share ids.
        let ids = followup::PageIds::default();
        let shortcodes = |sc: &Shortcode| self.render_shortcode(sc, &ids);
        let known: Vec<&str> =
            SHORTCODES.into_iter().chain(self.templates.shortcodes.iter().map(String::as_str)).collect();
        let links = LinkContext {
            base_url: &self.config.base_url,
            permalinks: &self.content_links,
            source_dir: body.file.folder(),
            page_path: body.url_path,
            published: &self.published_paths,
            left_out: &self.left_out,
            shortcodes: Some(&shortcodes),
            known_shortcodes: &known,
            inline_shortcodes: &known[SHORTCODES.len()..],
            note_lookups: self.keeps_markdown,
            theme_ids: &self.templates.ids,
        };
        let located = |errs: Vec<markdown::MarkdownError>| -> Vec<Error> {
            errs.into_iter()
                .map(|e| {
                    Error::new(ErrorKind::Markdown, &body.file.display, e.message).at(e.line + body.line - 1, e.column)
                })
                .collect()
        };
        let (rendered, kept) =
            markdown::render_keeping(body.text, &links, self.broken_links.is_some()).map_err(located)?;
        if let Some(broken) = self.broken_links.as_ref().filter(|_| !kept.is_empty()) {
            broken.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(located(kept));
        }
        Ok(rendered)
    }

    /// Shortcodes authors may place in Markdown: careerpress's own, then the site's.
    fn render_shortcode(&self, sc: &Shortcode, ids: &followup::PageIds) -> Result<String, String> {
        let own = SHORTCODES.contains(&sc.name.as_str());
        if own && sc.body.is_some() {
            return Err(format!("`{0}` takes no body: remove its closing `{{{{< /{0} >}}}}`", sc.name));
        }
        if own && !sc.positional.is_empty() {
            return Err(format!("`{}` takes its arguments by name (`tag=\"design\"`)", sc.name));
        }
        match sc.name.as_str() {
            "job_callout" => self.job_callout_shortcode(sc),
            "followup_calculator" => self.followup_calculator_shortcode(sc, ids),
            name => self.site_shortcode(sc, &format!("{}{name}.html", templates::SHORTCODES_DIR)),
        }
    }

    /// One of the site's own shortcodes, drawn with its template: the context every
    /// template gets, and the call as `shortcode`.
    fn site_shortcode(&self, sc: &Shortcode, template: &str) -> Result<String, String> {
        if !self.templates.has(template) {
            return Err(format!("no template {template} in the theme or in templates/"));
        }
        let mut ctx = self.base_context();
        ctx.insert("shortcode", &context::ShortcodeContext::of(sc));
        self.templates.render(template, &ctx).map_err(|e| e.to_string())
    }

    /// Loads the templates again after an edit of templates alone, keeping everything else.
    /// False, with nothing changed, when a body drew a shortcode: its HTML came from the
    /// templates too, and only a reload draws it again; when the ids the templates write
    /// changed, which headings' ids avoid; or when the theme gained or lost
    /// the job filter groups' template while a group has more values than the navigation
    /// shows: the template decides whether that group has a page.
    pub fn reload_templates(&mut self) -> Result<bool, Errors> {
        if self.drew_shortcodes() {
            return Ok(false);
        }
        let templates = Templates::load(&self.root, &self.config).map_err(Errors)?;
        // Headings' ids steer clear of the ids the templates write: new ones, new ids. A
        // shortcode template added or removed makes a body's call known or unknown.
        if templates.ids != self.templates.ids || templates.shortcodes != self.templates.shortcodes {
            return Ok(false);
        }
        let group_pages = templates.has(job_filters::GROUP_TEMPLATE);
        if group_pages != self.job_filters.group_pages && self.job_filters.groups.iter().any(|g| g.path.is_some()) {
            return Ok(false);
        }
        self.job_filters.group_pages = group_pages;
        self.templates = templates;
        let errors = self.check_templates();
        if !errors.is_empty() {
            return fail(errors);
        }
        Ok(true)
    }

    /// Whether the site left out (as a draft, or scheduled) the content file `content_rel`
    /// (as in `content/`), or one inside that folder.
    pub fn left_out_under(&self, content_rel: &str) -> bool {
        let inside = |rel: &String| rel.strip_prefix(content_rel).is_some_and(|rest| rest.starts_with('/'));
        self.left_out.contains(content_rel) || self.left_out.iter().any(inside)
    }

    /// Whether a body the site holds drew a shortcode, whose HTML then depends on the
    /// templates. Read off the bodies, not noted as they are drawn: an article that drew
    /// one may have left the site since (`site::membership`).
    fn drew_shortcodes(&self) -> bool {
        self.pages.iter().any(|p| !p.rendered.shortcodes.is_empty())
            || self.jobs.iter().any(|j| !j.drawn_with.1.is_empty())
            || self.sections.values().any(|s| !s.shortcodes.is_empty())
    }

    /// Whether the site has a job board to link to.
    pub fn has_job_board(&self) -> bool {
        self.sections.contains_key(&self.config.jobs.section) || !self.jobs.is_empty()
    }

    /// Theme static files, overridden by the site's `static/` files of the same name.
    fn collect_static(&mut self) -> Result<(), Errors> {
        let mut by_rel: BTreeMap<String, OutputFile> = BTreeMap::new();
        let theme_static = templates::theme_dir(&self.root, &self.config).join("static");
        let mut errors = Vec::new();
        for dir in [theme_static, self.root.join("static")] {
            if !dir.is_dir() {
                continue;
            }
            match content::walk(&self.root, &dir) {
                Ok(files) => {
                    for f in files {
                        by_rel.insert(
                            f.rel.clone(),
                            OutputFile { rel: f.rel, source: f.display, data: Data::Copy(f.abs) },
                        );
                    }
                }
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return fail(errors);
        }
        self.assets.extend(by_rel.into_values());
        Ok(())
    }

    /// All articles of the site, newest first: what the home page lists.
    pub fn all_articles(&self) -> &[usize] {
        &self.home
    }

    /// Pages outside any section (not articles), in the order they were read.
    pub(super) fn standalone_pages(&self) -> &[usize] {
        &self.standalone
    }

    /// Moves article `i` to its place among all articles after its title or date changed.
    pub(super) fn reposition_in_home(&mut self, i: usize) {
        if let Some(at) = self.home.iter().position(|&j| j == i) {
            self.home.remove(at);
        }
        let order = listing_order(&self.pages, SortOrder::NewestFirst);
        let at = self.home.partition_point(|j| order(j, &i) == std::cmp::Ordering::Less);
        self.home.insert(at, i);
    }
}

/// Lists each section under its parent (every ancestor exists by then).
fn link_subsections(sections: &mut BTreeMap<String, Section>) {
    let keys: Vec<String> = sections.keys().filter(|k| !k.is_empty()).cloned().collect();
    for key in keys {
        let parent = key.rsplit_once('/').map_or("", |(p, _)| p).to_string();
        sections.get_mut(&parent).expect("ancestors exist").subsections.push(key);
    }
}

/// The shortcodes authors may use, as `render_shortcode` knows them.
pub const SHORTCODES: [&str; 2] = ["job_callout", "followup_calculator"];

/// One Markdown body to render: where it comes from and where its page is published.
struct Body<'a> {
    file: &'a ContentFile,
    /// The page's URL path relative to base_url (`posts/a/`).
    url_path: &'a str,
    text: &'a str,
    /// The file line the body starts on.
    line: usize,
}

/// Keeps the successes, moving every error into `errors`.
fn collect_ok<T>(results: Vec<Result<T, Vec<Error>>>, errors: &mut Vec<Error>) -> Vec<T> {
    let mut ok = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(v) => ok.push(v),
            Err(e) => errors.extend(e),
        }
    }
    ok
}

fn default_title(key: &str, config: &Config) -> String {
    if key.is_empty() {
        return config.title.clone();
    }
    let last = key.rsplit('/').next().unwrap_or(key).replace(['-', '_'], " ");
    let mut chars = last.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => last,
    }
}

/// Sorts by date then title, newest or oldest first; the path breaks remaining ties so
/// that the order never depends on the file system.
fn sort_listing(list: &mut [usize], pages: &[SitePage], order: SortOrder) {
    // Each page's keys are read once, in the list's order, and sorted beside its index:
    // comparing through `pages` fetched two pages from all over the heap per comparison,
    // and sorting all 100,000 articles took 35 times as long as 10,000.
    let mut keyed: Vec<(ListingKey<'_>, usize)> = list.iter().map(|&i| (ListingKey::of(&pages[i].page), i)).collect();
    // Stable: `check` keeps two sources on one URL, which may share date and title too,
    // and they stay in the order they were read.
    keyed.sort_by(|(a, _), (b, _)| a.cmp(b, order));
    for (slot, (_, i)) in list.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// How a listing orders two pages: by date, then title, then URL, which no two share once
/// a build has checked URLs.
fn listing_order(pages: &[SitePage], order: SortOrder) -> impl Fn(&usize, &usize) -> std::cmp::Ordering + '_ {
    move |&a, &b| ListingKey::of(&pages[a].page).cmp(&ListingKey::of(&pages[b].page), order)
}

/// What a listing orders a page by.
struct ListingKey<'a> {
    date: Option<crate::dates::Date>,
    title: &'a str,
    path: &'a str,
}

impl<'a> ListingKey<'a> {
    fn of(page: &'a Page) -> ListingKey<'a> {
        ListingKey { date: page.date(), title: &page.title, path: &page.path }
    }

    fn cmp(&self, other: &ListingKey<'_>, order: SortOrder) -> std::cmp::Ordering {
        let by_date = self.date.cmp(&other.date);
        let by_date = match order {
            SortOrder::NewestFirst => by_date.reverse(),
            SortOrder::OldestFirst => by_date,
        };
        by_date.then_with(|| self.title.cmp(other.title)).then_with(|| self.path.cmp(other.path))
    }
}

/// What `content/` holds, parsed: drafts already left out unless asked for.
struct Content {
    pages: Vec<Page>,
    sections: Vec<SectionSource>,
    jobs: Vec<Job>,
    left_out: HashSet<String>,
    /// Files beside the Markdown, published under their section's URL, or their page's
    /// inside a page bundle.
    assets: Vec<OutputFile>,
    /// Each of those files' path in `content/` with its path in the output, so relative
    /// links can find where it is published.
    asset_paths: Vec<(String, String)>,
}

/// A folder whose name has no letter or digit (`_`, `!!!`) makes no URL segment: say so,
/// once per folder, rather than publish its pages at the site's root.
fn unnamed_folders(files: &[ContentFile]) -> Result<(), Errors> {
    let mut bad: BTreeSet<String> = BTreeSet::new();
    for key in files.iter().map(ContentFile::section_key).filter(|k| !k.is_empty()) {
        let mut folder = String::new();
        for part in key.split('/') {
            if !folder.is_empty() {
                folder.push('/');
            }
            folder.push_str(part);
            if content::slugify(part).is_empty() {
                bad.insert(folder);
                break;
            }
        }
    }
    if bad.is_empty() {
        return Ok(());
    }
    fail(
        bad.into_iter()
            .map(|folder| {
                Error::new(
                    ErrorKind::Io,
                    Path::new(CONTENT_DIR).join(&folder),
                    "this folder's name has no letter or digit, so it makes no URL: rename it",
                )
            })
            .collect(),
    )
}

/// Walks `content/` and parses every file in parallel.
fn read_content(
    root: &Path,
    options: &BuildOptions,
    jobs_section: &str,
    sources: Option<&SourceCache>,
) -> Result<Content, Errors> {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        return fail(vec![Error::new(
            ErrorKind::Io,
            CONTENT_DIR,
            "no content folder: create content/ with Markdown files",
        )]);
    }
    let files = content::walk(root, &dir).map_err(Errors)?;
    unnamed_folders(&files)?;
    let bundles = content::bundle_folders(&files);
    let (markdown, other): (Vec<ContentFile>, Vec<ContentFile>) = files.into_iter().partition(ContentFile::is_markdown);
    // A bundle is one page: other Markdown inside it would be a page within a page.
    let (markdown, in_bundles): (Vec<ContentFile>, Vec<ContentFile>) =
        markdown.into_iter().partition(|f| content::enclosing_bundle(f.section_key(), &bundles).is_none());
    let mut errors: Vec<Error> = in_bundles.iter().map(|f| markdown_in_bundle(f, &bundles)).collect();
    let parsed = parse_markdown(&markdown, jobs_section, sources);
    let (kept, bundle_pages) = keep_published(parsed, options, &mut errors);
    if !errors.is_empty() {
        return fail(errors);
    }
    let (assets, asset_paths) = other
        .into_iter()
        .filter_map(|f| {
            let rel = asset_path(&f, &bundles, &bundle_pages)?;
            let paths = (f.rel, rel.clone());
            Some((OutputFile { rel, source: f.display, data: Data::Copy(f.abs) }, paths))
        })
        .unzip();
    Ok(Content {
        pages: kept.pages,
        sections: kept.sections,
        jobs: kept.jobs,
        left_out: kept.left_out,
        assets,
        asset_paths,
    })
}

/// A body's Markdown rendered, with the other generators' syntax found in it (pages').
type RenderedBody = (Rendered, Vec<crate::foreign::ForeignSyntax>);

/// A body's Markdown rendered, or why not.
type PageMarkdown = Result<RenderedBody, Vec<Error>>;

/// One Markdown file of content/, read as what its place makes it.
#[derive(Clone)]
enum Parsed {
    Page(Box<Page>),
    Section(Box<SectionSource>),
    Job(Box<Job>),
}

/// Reads and parses every Markdown file in parallel: `_index.md` files are sections, files
/// in the jobs section listings, the rest pages.
fn parse_markdown(
    markdown: &[ContentFile],
    jobs_section: &str,
    sources: Option<&SourceCache>,
) -> Vec<Result<Parsed, Errors>> {
    let jobs_path = content::section_path(jobs_section);
    let parse = |f: &ContentFile| {
        let text = content::read_text(&f.abs, &f.display)?;
        if f.rel == SECTION_FILE || f.rel.ends_with(&format!("/{SECTION_FILE}")) {
            content::parse_section(f, &text).map(|s| Parsed::Section(Box::new(s)))
        } else if f.section_key() == jobs_section {
            Job::parse(f, &text, &jobs_path).map(|j| Parsed::Job(Box::new(j)))
        } else {
            content::parse_page(f, &text).map(|p| Parsed::Page(Box::new(p)))
        }
    };
    let Some(sources) = sources else { return markdown.par_iter().map(parse).collect() };
    sources.begin(jobs_section);
    sources.retain(markdown);
    markdown.par_iter().map(|f| sources.get_or_parse(f, || parse(f))).collect()
}

/// What is published: drafts and scheduled articles are left out unless asked for.
#[derive(Default)]
struct Kept {
    pages: Vec<Page>,
    sections: Vec<SectionSource>,
    jobs: Vec<Job>,
    /// Pages and listings left out (drafts, scheduled), by path in content/.
    left_out: HashSet<String>,
}

/// Keeps what this build publishes, moving errors into `errors`; also each bundle's page
/// URL, or `None` when its page is left out (and its files with it).
fn keep_published(
    parsed: Vec<Result<Parsed, Errors>>,
    options: &BuildOptions,
    errors: &mut Vec<Error>,
) -> (Kept, HashMap<String, Option<String>>) {
    let left_out = |p: &Page| (p.meta.draft && !options.drafts) || (!options.future && p.is_scheduled(options.today));
    // Sized once: grown by doubling, 100,000 pages were copied to a new place several times.
    let pages = parsed.iter().filter(|p| matches!(p, Ok(Parsed::Page(_)))).count();
    let mut kept = Kept { pages: Vec::with_capacity(pages), ..Kept::default() };
    let mut bundle_pages: HashMap<String, Option<String>> = HashMap::new();
    let mut note_bundle = |file: &ContentFile, kept: bool, path: &str| {
        if file.is_bundle_index() {
            bundle_pages.insert(file.folder().to_string(), kept.then(|| path.to_string()));
        }
    };
    for p in parsed {
        match p {
            Ok(Parsed::Page(p)) => {
                let keep = !left_out(&p);
                note_bundle(&p.file, keep, &p.path);
                if keep {
                    kept.pages.push(*p);
                } else {
                    kept.left_out.insert(p.file.rel.clone());
                }
            }
            Ok(Parsed::Section(s)) => kept.sections.push(*s),
            Ok(Parsed::Job(j)) => {
                let keep = !j.draft || options.drafts;
                note_bundle(&j.file, keep, &j.path);
                if keep {
                    kept.jobs.push(*j);
                } else {
                    kept.left_out.insert(j.file.rel.clone());
                }
            }
            Err(e) => errors.extend(e.0),
        }
    }
    (kept, bundle_pages)
}

/// Where a file beside the Markdown (an image, a PDF) is published: under its section's
/// URL, or inside a page bundle under that page's URL, keeping its place in the bundle
/// with its folders' names as written (`social_cards/`), as Hugo and Zola published them:
/// they are no sections, whose URLs are slugs. `None` when the bundle's page is left out
/// (a draft).
fn asset_path(
    file: &ContentFile,
    bundles: &BTreeSet<String>,
    bundle_pages: &HashMap<String, Option<String>>,
) -> Option<String> {
    let name = file.rel.rsplit_once('/').map_or(file.rel.as_str(), |(_, n)| n);
    let folder = file.folder();
    match content::enclosing_bundle(folder, bundles) {
        None => Some(format!("{}{name}", content::section_path(folder))),
        Some(bundle) => {
            let page_path = bundle_pages.get(bundle)?.as_ref()?;
            let inside = folder[bundle.len()..].trim_start_matches('/');
            let slash = if inside.is_empty() { "" } else { "/" };
            Some(format!("{page_path}{inside}{slash}{name}"))
        }
    }
}

/// The error for Markdown inside a page bundle other than its `index.md`.
fn markdown_in_bundle(file: &ContentFile, bundles: &BTreeSet<String>) -> Error {
    let bundle = content::enclosing_bundle(file.section_key(), bundles).unwrap_or_default();
    let index = Path::new(CONTENT_DIR).join(bundle).join(content::BUNDLE_FILE);
    Error::new(
        ErrorKind::Bundle,
        &file.display,
        format!(
            "{} makes its folder one page (a page bundle), so the folder cannot hold other Markdown \
             files: move this one out (a section's list page is {SECTION_FILE}, not {})",
            crate::error::printable(&index),
            content::BUNDLE_FILE
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::Shift;

    /// Every index after each shift, and a vector parallel to the pages kept parallel.
    #[test]
    fn a_shift_renumbers_pages_and_keeps_parallel_vectors_parallel() {
        let after = |shift: Shift| (0..5).map(|j| shift.index(j)).collect::<Vec<_>>();
        assert_eq!(after(Shift::Insert(2)), [0, 1, 3, 4, 5]);
        assert_eq!(after(Shift::Insert(5)), [0, 1, 2, 3, 4]);
        assert_eq!(after(Shift::Remove(1)), [0, usize::MAX, 1, 2, 3]);
        assert_eq!(after(Shift::ToEnd { i: 1, last: 4 }), [0, 4, 1, 2, 3]);
        assert_eq!(Shift::Insert(0).index(usize::MAX), usize::MAX, "a stale index stays stale");
        for (shift, expected) in [
            (Shift::Insert(2), vec!['a', 'b', '+', 'c', 'd', 'e']),
            (Shift::Remove(1), vec!['a', 'c', 'd', 'e']),
            (Shift::ToEnd { i: 1, last: 4 }, vec!['a', 'c', 'd', 'e', 'b']),
        ] {
            let mut v = vec!['a', 'b', 'c', 'd', 'e'];
            shift.parallel(&mut v, '+');
            assert_eq!(v, expected, "{shift:?}");
            // What page j held is at its new index.
            for (j, c) in "abcde".chars().enumerate() {
                let at = shift.index(j);
                assert!(at == usize::MAX || v[at] == c, "{shift:?}: page {j}");
            }
        }
    }
}
