//! Filter pages of the job board (`/jobs/remote/`, `/jobs/type/part-time/`,
//! `/jobs/country/gb/`, `/jobs/tag/<slug>/`): built once per load from the open listings, so
//! that a reader (or a crawler) narrows 200 roles with plain links, no script needed; the
//! filter navigation with counts that the board and every filter page show; and each
//! group's own page (`/jobs/tag/`) with every value, where the navigation sends readers for
//! the values it leaves out.

use super::context::SectionContext;
use super::job_feeds::JobFeedLink;
use super::jobs::JobSummary;
use super::render::{Base, Dest};
use super::seo::SeoContext;
use super::tags::tag_slug;
use super::{Section, Site, SiteJob};
use crate::error::Error;
use crate::jobs::{EmploymentType, Workplace};
use crate::output::OutputFile;
use crate::templates::join_url;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// How many values of one group the navigation shows. Every filter page shows the
/// navigation, so with every value on every page a board of 2,000 skill tags would draw
/// 2,000 links on each of 2,000 tag pages: the square of the values. The most common ones
/// stay, with the page's own; the group's page lists them all.
pub const NAV_VALUES: usize = 12;

/// The template of a group's own page, listing every value of the group.
pub const GROUP_TEMPLATE: &str = "job_group.html";

/// The groups of filters, in the order the navigation shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FilterKind {
    Type,
    Workplace,
    Country,
    Tag,
}

impl FilterKind {
    fn label(self) -> &'static str {
        match self {
            FilterKind::Type => "Type",
            FilterKind::Workplace => "Workplace",
            FilterKind::Country => "Country",
            FilterKind::Tag => "Tag",
        }
    }

    /// What the group's values are, in the plural: "tags".
    fn plural(self) -> &'static str {
        match self {
            FilterKind::Type => "types",
            FilterKind::Workplace => "workplaces",
            FilterKind::Country => "countries",
            FilterKind::Tag => "tags",
        }
    }

    /// The heading of the group's own page.
    fn group_title(self) -> &'static str {
        match self {
            FilterKind::Type => "Jobs by type",
            FilterKind::Workplace => "Jobs by workplace",
            FilterKind::Country => "Jobs by country",
            FilterKind::Tag => "Jobs by tag",
        }
    }

    /// The folder under the board its pages live in: workplaces sit at the top
    /// (`jobs/remote/`), as readers guess that address.
    fn folder(self) -> &'static str {
        match self {
            FilterKind::Type => "type/",
            FilterKind::Workplace => "",
            FilterKind::Country => "country/",
            FilterKind::Tag => "tag/",
        }
    }
}

/// A workplace's slug, label and page title, in the navigation's order.
fn workplace_words(w: Workplace) -> (&'static str, &'static str, &'static str, u8) {
    match w {
        Workplace::Remote => ("remote", "Remote", "Remote jobs", 0),
        Workplace::Hybrid => ("hybrid", "Hybrid", "Hybrid jobs", 1),
        Workplace::OnSite => ("on-site", "On-site", "On-site jobs", 2),
    }
}

/// An employment type's slug (schema.org's name in URL form), its label and page title.
fn employment_words(t: EmploymentType) -> (&'static str, &'static str, &'static str) {
    match t {
        EmploymentType::FullTime => ("full-time", "Full-time", "Full-time jobs"),
        EmploymentType::PartTime => ("part-time", "Part-time", "Part-time jobs"),
        EmploymentType::Contractor => ("contractor", "Contract", "Contract jobs"),
        EmploymentType::Temporary => ("temporary", "Temporary", "Temporary jobs"),
        EmploymentType::Intern => ("intern", "Internship", "Internships"),
        EmploymentType::Volunteer => ("volunteer", "Volunteer", "Volunteer roles"),
        EmploymentType::PerDiem => ("per-diem", "Per diem", "Per-diem jobs"),
        EmploymentType::Other => ("other", "Other", "Other jobs"),
    }
}

/// One open listing as the filters see it.
#[derive(Debug, Clone)]
pub struct Facets<'a> {
    pub employment_type: EmploymentType,
    pub workplace: Workplace,
    /// Where its offices are and the countries it takes applicants from (code, name in the
    /// site's language): a reader in that country can take it.
    pub countries: Vec<(&'a str, &'a str)>,
    pub tags: Vec<&'a str>,
}

impl<'a> Facets<'a> {
    pub fn of(sj: &'a SiteJob) -> Facets<'a> {
        let job = &sj.job;
        let countries = job.countries().into_iter().zip(sj.country_names.iter().map(String::as_str)).collect();
        Facets {
            employment_type: job.employment_type,
            workplace: job.workplace,
            countries,
            tags: job.tags.iter().map(|t| t.trim()).collect(),
        }
    }

    /// Every filter value this listing is found under, each once.
    fn values(&self) -> Vec<FilterValue<'a>> {
        let (slug, label, title) = employment_words(self.employment_type);
        let (wslug, wlabel, wtitle, place) = workplace_words(self.workplace);
        let value =
            |kind, place, slug: &str, label, title| FilterValue { kind, place, slug: slug.to_string(), label, title };
        let mut values = vec![
            value(FilterKind::Type, self.employment_type as u8, slug, label, Some(title)),
            value(FilterKind::Workplace, place, wslug, wlabel, Some(wtitle)),
        ];
        for &(code, name) in &self.countries {
            values.push(value(FilterKind::Country, 0, &code.to_ascii_lowercase(), name, None));
        }
        // The article tags' rule, so that a tag reads the same under /tags/ and the board;
        // a tag that makes no slug gets no page here either (tags.rs warns about articles').
        for &t in &self.tags {
            if let Ok(slug) = tag_slug(t) {
                values.push(value(FilterKind::Tag, 0, &slug, t, None));
            }
        }
        let mut seen = std::collections::HashSet::new();
        values.retain(|v| seen.insert((v.kind, v.slug.clone())));
        values
    }
}

/// One value a listing has in one group.
#[derive(Debug, Clone, PartialEq)]
struct FilterValue<'a> {
    kind: FilterKind,
    /// Sorts ahead of the slug within its group: types in schema.org's order, remote
    /// before on-site; 0 for countries and tags, which go by slug.
    place: u8,
    slug: String,
    label: &'a str,
    /// The page's heading where it is fixed; countries and tags make theirs from the label.
    title: Option<&'static str>,
}

/// One filter value and its page: the open listings it has.
#[derive(Debug, Clone)]
pub struct JobFilter {
    pub kind: FilterKind,
    pub slug: String,
    /// What the navigation says: "Part-time", "Remote", "GB", a tag as most listings spell it.
    pub label: String,
    /// The page's heading: "Part-time jobs".
    pub title: String,
    /// URL path relative to base_url: `jobs/type/part-time/`.
    pub path: String,
    pub permalink: String,
    /// The page's meta description.
    pub description: String,
    /// Open listings (indexes into `Site::jobs`), newest first.
    pub items: Vec<usize>,
}

impl JobFilter {
    /// The page's meta description.
    fn describe(&self, site_title: &str) -> String {
        match self.kind {
            FilterKind::Type | FilterKind::Workplace => {
                format!("Open {} roles on {site_title}.", self.label.to_lowercase())
            }
            FilterKind::Country => {
                format!("Open roles in {}, and remote roles open to applicants there, on {site_title}.", self.label)
            }
            FilterKind::Tag => format!("Open roles tagged {} on {site_title}.", self.label),
        }
    }
}

/// What each listing card carries for the board's script: its slugs in each group, space
/// separated, as `data-` attributes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CardFacets {
    #[serde(rename = "type")]
    employment_type: String,
    workplace: String,
    countries: String,
    tags: String,
}

/// Every filter with a page, built once per load.
#[derive(Debug, Clone, Default)]
pub struct FilterIndex {
    /// In navigation order: by group, then type order, remote before on-site, countries and
    /// tags by slug. Only values with at least one open listing.
    pub filters: Vec<JobFilter>,
    /// Parallel to `Site::jobs`; empty strings for closed listings.
    pub cards: Vec<CardFacets>,
    /// URL paths (relative to base_url) the filter pages may take, whatever is open: a
    /// listing there would clash one day, so it is refused every day.
    pub reserved: Vec<String>,
    /// The board's own URL, for the navigation's first link.
    pub board_permalink: String,
    /// Each group with at least one value, in navigation order.
    pub groups: Vec<FilterGroupIndex>,
    /// Whether the groups have pages of their own (the theme has `GROUP_TEMPLATE`). A theme
    /// without one keeps every value in the navigation, as before groups had pages.
    pub group_pages: bool,
}

impl FilterIndex {
    /// The groups that have a page of their own, with their index and the page's path.
    pub fn paged_groups(&self) -> impl Iterator<Item = (usize, &FilterGroupIndex, &str)> {
        let drawn = self.group_pages.then_some(self.groups.iter().enumerate()).into_iter().flatten();
        drawn.filter_map(|(g, group)| Some((g, group, group.path.as_deref()?)))
    }
}

/// One group of filters as the index holds it.
#[derive(Debug, Clone)]
pub struct FilterGroupIndex {
    pub kind: FilterKind,
    /// Its values: a run of `FilterIndex::filters`.
    pub values: Range<usize>,
    /// The values the board's navigation shows: the `NAV_VALUES` with the most open
    /// listings (on a tie, the first in navigation order), in navigation order.
    pub shown: Vec<usize>,
    /// The group's own page, relative to base_url (`jobs/tag/`), for a group with more
    /// values than the navigation shows (it links there); None for the others, whose
    /// values the navigation all shows, and for workplaces (three, at the board's top).
    pub path: Option<String>,
    pub permalink: String,
    /// The page's heading and meta description.
    pub title: &'static str,
    pub description: String,
}

impl FilterGroupIndex {
    /// "All 14 tags".
    fn more_label(&self) -> String {
        format!("All {} {}", self.values.len(), self.kind.plural())
    }

    /// Its values' links for a page showing `current`: all of them, or, when the group has
    /// a page to send readers to (`capped`), the shown ones plus `current`.
    fn links<'a>(&self, filters: &'a [JobFilter], current: Option<usize>, capped: bool) -> Vec<FilterLink<'a>> {
        let link = |k: usize| filters[k].link(current == Some(k));
        if !capped || self.path.is_none() {
            return self.values.clone().map(link).collect();
        }
        let mut chosen = self.shown.clone();
        if let Some(c) = current.filter(|c| self.values.contains(c)) {
            if let Err(at) = chosen.binary_search(&c) {
                chosen.insert(at, c);
            }
        }
        chosen.into_iter().map(link).collect()
    }
}

/// A filter value while grouping: its spellings (for the label) and its listings.
struct Gathered<'a> {
    title: Option<&'static str>,
    spellings: BTreeMap<&'a str, usize>,
    items: Vec<usize>,
}

impl FilterIndex {
    /// Groups `open` listings (newest first) under every filter value they have; `facets`
    /// is parallel to all listings, `board_path` the board's URL path (`jobs/`).
    pub fn new(
        board_path: &str,
        base_url: &str,
        site_title: &str,
        open: &[usize],
        facets: &[Facets<'_>],
    ) -> FilterIndex {
        let mut gathered: BTreeMap<(FilterKind, u8, String), Gathered<'_>> = BTreeMap::new();
        let mut cards = vec![CardFacets::default(); facets.len()];
        for &i in open {
            let values = facets[i].values();
            cards[i] = card_facets(&values);
            for v in values {
                let g = gathered.entry((v.kind, v.place, v.slug)).or_insert_with(|| Gathered {
                    title: v.title,
                    spellings: BTreeMap::new(),
                    items: Vec::new(),
                });
                *g.spellings.entry(v.label).or_default() += 1;
                g.items.push(i);
            }
        }
        let filters: Vec<JobFilter> = gathered
            .into_iter()
            .map(|((kind, _, slug), g)| {
                let label = most_used(&g.spellings).to_string();
                let path = format!("{board_path}{}{slug}/", kind.folder());
                let title = match (g.title, kind) {
                    (Some(t), _) => t.to_string(),
                    (None, FilterKind::Country) => format!("Jobs in {label}"),
                    (None, _) => format!("Jobs tagged {label}"),
                };
                let permalink = join_url(base_url, &path);
                let mut f =
                    JobFilter { title, permalink, path, kind, slug, label, description: String::new(), items: g.items };
                f.description = f.describe(site_title);
                f
            })
            .collect();
        let workplaces = [Workplace::Remote, Workplace::Hybrid, Workplace::OnSite].map(|w| workplace_words(w).0);
        let reserved =
            workplaces.iter().chain(&["type", "country", "tag"]).map(|p| format!("{board_path}{p}/")).collect();
        let groups = group_index(&filters, board_path, base_url, site_title);
        FilterIndex {
            filters,
            cards,
            reserved,
            board_permalink: join_url(base_url, board_path),
            groups,
            group_pages: false,
        }
    }
}

/// The groups of `filters` (in navigation order), each with the values its navigation
/// shows and its page under `board_path`.
fn group_index(filters: &[JobFilter], board_path: &str, base_url: &str, site_title: &str) -> Vec<FilterGroupIndex> {
    let mut groups = Vec::new();
    let mut start = 0;
    while start < filters.len() {
        let kind = filters[start].kind;
        let end = start + filters[start..].iter().take_while(|f| f.kind == kind).count();
        let mut shown: Vec<usize> = (start..end).collect();
        // A stable sort: equal counts keep navigation order.
        shown.sort_by_key(|&k| std::cmp::Reverse(filters[k].items.len()));
        shown.truncate(NAV_VALUES);
        shown.sort_unstable();
        let has_page = !kind.folder().is_empty() && end - start > NAV_VALUES;
        let path = has_page.then(|| format!("{board_path}{}", kind.folder()));
        let permalink = path.as_deref().map_or_else(String::new, |p| join_url(base_url, p));
        let description = format!("Every {} with open roles on {site_title}.", kind.label().to_lowercase());
        let title = kind.group_title();
        groups.push(FilterGroupIndex { kind, values: start..end, shown, path, permalink, title, description });
        start = end;
    }
    groups
}

/// The spelling most listings use; on a tie, the one that sorts first.
fn most_used<'a>(spellings: &BTreeMap<&'a str, usize>) -> &'a str {
    spellings.iter().max_by(|(a, na), (b, nb)| na.cmp(nb).then_with(|| b.cmp(a))).map_or("", |(s, _)| s)
}

fn card_facets(values: &[FilterValue<'_>]) -> CardFacets {
    let of = |kind: FilterKind| {
        values.iter().filter(|v| v.kind == kind).map(|v| v.slug.as_str()).collect::<Vec<_>>().join(" ")
    };
    CardFacets {
        employment_type: of(FilterKind::Type),
        workplace: of(FilterKind::Workplace),
        countries: of(FilterKind::Country),
        tags: of(FilterKind::Tag),
    }
}

/// One link of the filter navigation.
#[derive(Serialize)]
pub struct FilterLink<'a> {
    pub label: &'a str,
    pub slug: &'a str,
    pub permalink: &'a str,
    /// Open listings under it.
    pub count: usize,
    /// The list this page shows: `aria-current="page"`.
    pub current: bool,
}

#[derive(Serialize)]
pub struct FilterGroup<'a> {
    pub key: FilterKind,
    pub label: &'static str,
    pub links: Vec<FilterLink<'a>>,
    /// The group's own page when `links` leaves some of its values out (null otherwise).
    pub more: Option<GroupPageLink<'a>>,
}

/// A link to a group's own page.
#[derive(Serialize)]
pub struct GroupPageLink<'a> {
    /// "All 14 tags": what the link says, the number being values, not roles.
    pub label: String,
    pub permalink: &'a str,
    /// The group's values, all of them.
    pub count: usize,
}

/// A group's own page's template names (`GROUP_TEMPLATE`).
#[derive(Serialize)]
struct GroupVars<'a> {
    /// The board, under the group's title and description.
    section: SectionContext<'a>,
    /// Every value of the group.
    group: FilterGroup<'a>,
    /// The whole board.
    board: FilterLink<'a>,
    seo: SeoContext<'a>,
    current_url: &'a str,
    current_path: &'a str,
    job_feeds: Vec<JobFeedLink>,
}

/// `filters` in `jobs.html`: the whole board, then each group with its values.
#[derive(Serialize)]
pub struct FilterNav<'a> {
    pub all: FilterLink<'a>,
    pub groups: Vec<FilterGroup<'a>>,
}

/// `filter` in `jobs.html` on a filter page: the one it lists, as its link says it.
#[derive(Serialize)]
pub struct ActiveFilter<'a> {
    pub kind: FilterKind,
    pub title: &'a str,
    #[serde(flatten)]
    pub link: FilterLink<'a>,
}

impl JobFilter {
    /// `filter` on this filter's pages.
    pub(super) fn active(&self) -> ActiveFilter<'_> {
        ActiveFilter { kind: self.kind, title: &self.title, link: self.link(true) }
    }

    fn link(&self, current: bool) -> FilterLink<'_> {
        FilterLink {
            label: &self.label,
            slug: &self.slug,
            permalink: &self.permalink,
            count: self.items.len(),
            current,
        }
    }
}

/// A card of the board or of a filter page: the listing, and what the script filters on.
#[derive(Serialize)]
pub struct BoardItem<'a> {
    #[serde(flatten)]
    pub job: JobSummary<'a>,
    pub facets: &'a CardFacets,
}

impl Site {
    /// Groups the open listings under each filter; run once the board's order is known.
    pub(super) fn index_job_filters(&mut self) {
        let Some(board) = self.sections.get(&self.config.jobs.section) else { return };
        let facets: Vec<Facets<'_>> = self.jobs.iter().map(Facets::of).collect();
        let mut index =
            FilterIndex::new(&board.path, &self.config.base_url, &self.config.title, &self.callouts.open, &facets);
        index.group_pages = self.templates.has(GROUP_TEMPLATE);
        self.job_filters = index;
    }

    /// Every filter page, each paginated like the board.
    pub(super) fn render_job_filter_pages(&self, base: &Base<'_>) -> Vec<Result<OutputFile, Error>> {
        (0..self.job_filters.filters.len())
            .into_par_iter()
            .flat_map_iter(|k| self.render_job_list(base, Some(k)))
            .collect()
    }

    /// The navigation on the board (`current` None) or on one filter's pages (its index).
    pub(super) fn filter_nav(&self, current: Option<usize>) -> FilterNav<'_> {
        let index = &self.job_filters;
        let groups = index
            .groups
            .iter()
            .map(|g| {
                let links = g.links(&index.filters, current, index.group_pages);
                let more = (links.len() < g.values.len()).then(|| GroupPageLink {
                    label: g.more_label(),
                    permalink: &g.permalink,
                    count: g.values.len(),
                });
                FilterGroup { key: g.kind, label: g.kind.label(), links, more }
            })
            .collect();
        FilterNav { all: self.board_link(current.is_none()), groups }
    }

    /// The whole board as a link of the navigation.
    fn board_link(&self, current: bool) -> FilterLink<'_> {
        let board = self.sections.get(&self.config.jobs.section);
        FilterLink {
            label: board.map_or("", |s| s.title.as_str()),
            slug: "",
            permalink: &self.job_filters.board_permalink,
            count: self.callouts.open.len(),
            current,
        }
    }

    /// Each group's own page, when the theme draws them.
    pub(super) fn render_job_group_pages(&self, base: &Base<'_>) -> Vec<Result<OutputFile, Error>> {
        self.job_filters.paged_groups().filter_map(|(g, ..)| self.render_job_group_page(base, g)).collect()
    }

    /// Group `g`'s own page (`/jobs/tag/`): every value with its count; None for a group
    /// without one.
    pub(super) fn render_job_group_page(&self, base: &Base<'_>, g: usize) -> Option<Result<OutputFile, Error>> {
        let index = &self.job_filters;
        let (_, group, path) = index.paged_groups().find(|&(k, ..)| k == g)?;
        let board = self.sections.get(&self.config.jobs.section)?;
        let dest = Dest { rel: format!("{path}index.html"), source: board.source_file(), content_len: 0, own: false };
        if let Some(left_out) = base.left_out(&dest) {
            return Some(Ok(left_out));
        }
        let (section, seo) = self.filter_heading(board, group.title, &group.description, path);
        let vars = GroupVars {
            section,
            group: FilterGroup {
                key: group.kind,
                label: group.kind.label(),
                links: group.links(&index.filters, None, false),
                more: None,
            },
            board: self.board_link(false),
            seo,
            current_url: &group.permalink,
            current_path: path,
            job_feeds: self.job_feed_links(board),
        };
        Some(self.render_vars(base, GROUP_TEMPLATE, &vars, dest))
    }
}

impl Site {
    /// A filter's or a group's page's heading and head: the board's section under the
    /// page's title and description, without the board's introduction, canonical at the
    /// page's own URL.
    pub(super) fn filter_heading<'a>(
        &'a self,
        board: &'a Section,
        title: &'a str,
        description: &'a str,
        path: &str,
    ) -> (SectionContext<'a>, SeoContext<'a>) {
        let mut section = self.section_context(board);
        section.title = title;
        section.description = Some(description);
        section.content = "";
        (section, self.other_seo(title.to_string(), description, path))
    }

    /// A card of a board list.
    pub(super) fn board_item(&self, i: usize) -> BoardItem<'_> {
        BoardItem { job: self.job_summary(i), facets: &self.job_filters.cards[i] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing<'a>(t: EmploymentType, remote: bool, countries: &[&'a str], tags: &[&'a str]) -> Facets<'a> {
        let workplace = if remote { Workplace::Remote } else { Workplace::OnSite };
        let countries = countries.iter().map(|&c| (c, c)).collect();
        Facets { employment_type: t, workplace, countries, tags: tags.to_vec() }
    }

    fn index() -> FilterIndex {
        let facets = [
            listing(EmploymentType::FullTime, false, &["GB"], &["interviewing", "Interviewing"]),
            listing(EmploymentType::PartTime, true, &["GB", "US", "GB"], &["Interviewing", "!!!"]),
            listing(EmploymentType::PartTime, false, &["FR"], &["interviewing"]),
            // Closed: not in `open`, so in no filter and no count.
            listing(EmploymentType::Intern, true, &["DE"], &["closed-only"]),
        ];
        FilterIndex::new("work/", "https://x.example/", "Site", &[1, 2, 0], &facets)
    }

    fn find<'a>(index: &'a FilterIndex, path: &str) -> &'a JobFilter {
        index.filters.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no filter at {path}"))
    }

    #[test]
    fn open_listings_are_grouped_and_counted_in_board_order() {
        let index = index();
        let paths: Vec<(&str, usize)> = index.filters.iter().map(|f| (f.path.as_str(), f.items.len())).collect();
        assert_eq!(
            paths,
            [
                ("work/type/full-time/", 1),
                ("work/type/part-time/", 2),
                ("work/remote/", 1),
                ("work/on-site/", 2),
                ("work/country/fr/", 1),
                ("work/country/gb/", 2),
                ("work/country/us/", 1),
                ("work/tag/interviewing/", 3),
            ],
            "groups in navigation order; no value of the closed listing, none with no slug"
        );
        assert_eq!(find(&index, "work/type/part-time/").items, [1, 2], "newest first, as `open` is");
        assert_eq!(find(&index, "work/country/gb/").items, [1, 0], "a listing counts once per value");
        assert_eq!(find(&index, "work/tag/interviewing/").items, [1, 2, 0], "tags alike by slug are one");
    }

    #[test]
    fn each_filter_has_its_own_title_label_and_url() {
        let index = index();
        let part_time = find(&index, "work/type/part-time/");
        assert_eq!((part_time.label.as_str(), part_time.title.as_str()), ("Part-time", "Part-time jobs"));
        assert_eq!(part_time.permalink, "https://x.example/work/type/part-time/");
        assert_eq!(part_time.description, "Open part-time roles on Site.");
        assert_eq!(find(&index, "work/remote/").title, "Remote jobs");
        assert_eq!(find(&index, "work/on-site/").title, "On-site jobs");
        assert_eq!(find(&index, "work/country/gb/").title, "Jobs in GB");
        let tag = find(&index, "work/tag/interviewing/");
        assert_eq!(tag.label, "interviewing", "the spelling most listings use");
        assert_eq!(tag.title, "Jobs tagged interviewing");
        assert_eq!(index.board_permalink, "https://x.example/work/");
        assert!(index.reserved.contains(&"work/remote/".to_string()) && index.reserved.contains(&"work/tag/".into()));
    }

    #[test]
    fn cards_carry_their_slugs_for_the_script() {
        let index = index();
        let card = &index.cards[1];
        assert_eq!(
            (&*card.employment_type, &*card.workplace, &*card.countries, &*card.tags),
            ("part-time", "remote", "gb us", "interviewing")
        );
        assert_eq!(index.cards[3].workplace, "", "a closed listing is on no board");
    }

    /// A board with `NAV_VALUES + 3` tags: tag `t<k>` on listings 0..=k % 4, so counts
    /// repeat and ties must keep navigation order.
    fn many_tags() -> FilterIndex {
        let names: Vec<String> = (0..NAV_VALUES + 3).map(|k| format!("t{k:02}")).collect();
        let tags_of = |i: usize| {
            names.iter().enumerate().filter(|(k, _)| i <= k % 4).map(|(_, n)| n.as_str()).collect::<Vec<_>>()
        };
        let facets: Vec<Facets<'_>> =
            (0..4).map(|i| listing(EmploymentType::FullTime, i % 2 == 0, &["GB"], &tags_of(i))).collect();
        FilterIndex::new("jobs/", "https://x.example/", "Site", &[0, 1, 2, 3], &facets)
    }

    #[test]
    fn a_group_shows_its_most_common_values_in_navigation_order() {
        let index = many_tags();
        let tags = index.groups.iter().find(|g| g.kind == FilterKind::Tag).unwrap();
        assert_eq!(tags.values.len(), NAV_VALUES + 3);
        let count = |k: usize| index.filters[k].items.len();
        assert_eq!(tags.shown.len(), NAV_VALUES);
        assert!(tags.shown.windows(2).all(|w| w[0] < w[1]), "navigation order");
        let left_out: Vec<usize> = tags.values.clone().filter(|k| !tags.shown.contains(k)).collect();
        let least_shown = tags.shown.iter().map(|&k| count(k)).min().unwrap();
        assert!(left_out.iter().all(|&k| count(k) <= least_shown), "only the least common are left out");
        // Among equal counts the first in navigation order stay: every left-out value comes
        // after every shown value of its count.
        for &k in &left_out {
            assert!(tags.shown.iter().all(|&s| count(s) != count(k) || s < k), "tie at {k}");
        }
        assert_eq!(tags.path.as_deref(), Some("jobs/tag/"));
        assert_eq!(tags.permalink, "https://x.example/jobs/tag/");
        let workplaces = index.groups.iter().find(|g| g.kind == FilterKind::Workplace).unwrap();
        assert_eq!(workplaces.path, None, "workplace pages sit at the board's top");
    }

    #[test]
    fn a_page_of_a_value_left_out_shows_its_own_among_the_others() {
        let index = many_tags();
        let tags = index.groups.iter().find(|g| g.kind == FilterKind::Tag).unwrap();
        let hidden = tags.values.clone().find(|k| !tags.shown.contains(k)).unwrap();
        let links = tags.links(&index.filters, Some(hidden), true);
        assert_eq!(links.len(), NAV_VALUES + 1);
        let labels: Vec<&str> = links.iter().map(|l| l.label).collect();
        let mut sorted = labels.clone();
        sorted.sort_unstable();
        assert_eq!(labels, sorted, "in navigation order");
        assert_eq!(
            links.iter().filter(|l| l.current).map(|l| l.slug).collect::<Vec<_>>(),
            [&index.filters[hidden].slug]
        );
        assert_eq!(tags.links(&index.filters, Some(tags.shown[0]), true).len(), NAV_VALUES);
        assert_eq!(tags.links(&index.filters, None, false).len(), NAV_VALUES + 3, "uncapped: every value");
        let types = index.groups.iter().find(|g| g.kind == FilterKind::Type).unwrap();
        assert_eq!(types.links(&index.filters, Some(hidden), true).iter().filter(|l| l.current).count(), 0);
    }

    #[test]
    fn a_tie_between_spellings_goes_to_the_one_sorting_first() {
        let spellings: BTreeMap<&str, usize> = [("careers advice", 1), ("Careers Advice", 1)].into_iter().collect();
        assert_eq!(most_used(&spellings), "Careers Advice");
        let spellings: BTreeMap<&str, usize> = [("careers advice", 2), ("Careers Advice", 1)].into_iter().collect();
        assert_eq!(most_used(&spellings), "careers advice");
    }
}
