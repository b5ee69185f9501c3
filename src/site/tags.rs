//! The tag index, built once per load: every tag with its URL and its articles newest
//! first. Tag pages, tag feeds, related articles and tag chips all read it, so none of
//! them scans the site again.

use super::context::{PageSummary, Paginator};
use super::feeds::FeedLink;
use super::render::{paginate, Base, Dest, Pager};
use super::seo::SeoContext;
use super::Site;
use crate::content::slugify;
use crate::error::{Error, ErrorKind};
use crate::output::OutputFile;
use crate::templates::join_url;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// The templates tag pages need, when the site has tags.
pub const TAG_TEMPLATES: [&str; 2] = ["tags.html", "tag.html"];

/// A tag as its pages and the tag index show it.
#[derive(Serialize)]
struct TagContext<'a> {
    name: &'a str,
    slug: &'a str,
    permalink: &'a str,
    /// How many articles carry it.
    count: usize,
}

/// What `tag.html` names: one page of one tag's list.
#[derive(Serialize)]
struct TagVars<'a> {
    tag: TagContext<'a>,
    tag_feed: FeedLink,
    paginator: Paginator<Vec<PageSummary<'a>>>,
    seo: SeoContext<'a>,
    current_url: String,
    current_path: &'a str,
}

/// What `tags.html` names: every tag with its count.
#[derive(Serialize)]
struct TagIndexVars<'a> {
    tags: Vec<TagContext<'a>>,
    seo: SeoContext<'a>,
    current_url: String,
    current_path: &'a str,
}

/// The folder tag pages live under: `/tags/` lists them, `/tags/<slug>/` is one tag.
pub const TAGS_PATH: &str = "tags/";

/// A tag page's folder is named by its slug, and file systems cap a name at 255 bytes;
/// no real tag comes near this.
const MAX_SLUG_BYTES: usize = 120;

/// One tag: the spelling shown, its URL and the articles that carry it.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    /// Lower-case letters and digits of any script, joined by `-`: stable across builds
    /// and valid in a URL path (`Entrevue d'embauche` → `entrevue-d-embauche`, `面接` stays).
    pub slug: String,
    /// URL path relative to base_url, `tags/<slug>/`.
    pub path: String,
    pub permalink: String,
    /// Indexes into `Site::pages`, newest first.
    pub pages: Vec<usize>,
}

/// What `Site` keeps: the tags sorted by slug, and each article's tags as indexes into them.
#[derive(Debug, Clone, Default)]
pub struct TagIndex {
    pub tags: Vec<Tag>,
    /// Parallel to `Site::pages`: the tags of each article, in the order it lists them.
    pub of_page: Vec<Vec<usize>>,
    /// Parallel to `Site::pages`: each article's place in the newest-first order of all
    /// articles, to break ties by recency without comparing dates again.
    pub recency: Vec<usize>,
}

impl TagIndex {
    /// The tag with this slug.
    pub fn get(&self, slug: &str) -> Option<&Tag> {
        self.tags.binary_search_by(|t| t.slug.as_str().cmp(slug)).ok().map(|i| &self.tags[i])
    }

    /// Up to `limit` other articles sharing the most tags with article `i`, the newest
    /// first among those sharing as many. Read off the index alone, so that the dev server
    /// can compare an article's list before an edit with the list after it.
    pub fn related(&self, i: usize, limit: usize) -> Vec<usize> {
        let Some(mine) = self.of_page.get(i) else { return Vec::new() };
        // One more than the window: the article itself is among them, and is not counted.
        let lists: Vec<&[usize]> = mine.iter().map(|&t| window(&self.tags[t].pages)).collect();
        crate::rank::most_shared(&lists, |j| j != i, |j| self.recency[j], limit)
    }
}

/// The newest articles of a tag that related lists look among: `rank::WINDOW`, and one
/// more, since the article being matched is among them and is not counted.
pub(super) fn window(pages: &[usize]) -> &[usize] {
    &pages[..pages.len().min(crate::rank::WINDOW + 1)]
}

/// Whether the article at `position` of a tag's list is in its `window`.
pub(super) fn in_window(position: usize) -> bool {
    position <= crate::rank::WINDOW
}

/// How one slug was spelled, and by whom first: merging needs both.
struct Spellings {
    /// Spelling → (articles using it, index of the first article using it).
    seen: BTreeMap<String, (usize, usize)>,
    pages: Vec<usize>,
}

impl Site {
    /// Groups every article's tags by slug, newest article first. Tags that slug alike
    /// (`Interviewing`, `interviewing `) are one tag, shown in the spelling most articles
    /// use, and each other spelling gets a warning naming the file that first used it.
    /// `newest_first` is every article (`all_articles`).
    pub(super) fn tag_index(&self, newest_first: &[usize]) -> (TagIndex, Vec<Error>) {
        let mut recency = vec![usize::MAX; self.pages.len()];
        for (rank, &i) in newest_first.iter().enumerate() {
            recency[i] = rank;
        }
        let mut warnings = Vec::new();
        let by_slug = self.group_by_slug(newest_first, &mut warnings);
        let mut index =
            TagIndex { tags: Vec::with_capacity(by_slug.len()), of_page: vec![Vec::new(); self.pages.len()], recency };
        let mut position: HashMap<String, usize> = HashMap::with_capacity(by_slug.len());
        for (slug, spellings) in by_slug {
            let name = self.merged_name(&slug, &spellings, &mut warnings);
            let path = format!("{TAGS_PATH}{slug}/");
            position.insert(slug.clone(), index.tags.len());
            // Grouped in newest-first order, so each tag's articles already are.
            let pages = spellings.pages;
            index.tags.push(Tag { name, permalink: join_url(&self.config.base_url, &path), path, slug, pages });
        }
        // Standalone pages are in no listing, so their tags link nowhere and relate nothing.
        for (i, p) in self.pages.iter().enumerate().filter(|(_, p)| p.page.is_article()) {
            let mut mine: Vec<usize> = Vec::new();
            for t in p.page.meta.tags.iter().filter_map(|t| position.get(&slugify(t.trim())).copied()) {
                if !mine.contains(&t) {
                    mine.push(t);
                }
            }
            index.of_page[i] = mine;
        }
        (index, warnings)
    }

    /// The articles of each tag slug with how each spelled it, in `newest_first` order; a
    /// warning for each tag that makes no usable slug.
    fn group_by_slug(&self, newest_first: &[usize], warnings: &mut Vec<Error>) -> BTreeMap<String, Spellings> {
        let mut by_slug: BTreeMap<String, Spellings> = BTreeMap::new();
        for &i in newest_first {
            let mut own: Vec<String> = Vec::new();
            for name in &self.pages[i].page.meta.tags {
                let name = name.trim();
                let slug = match tag_slug(name) {
                    Ok(slug) => slug,
                    Err(why) => {
                        let message = format!("tag {name:?} {why}, so it gets no page: it is left out");
                        warnings.push(Error::new(ErrorKind::FrontMatter, &self.pages[i].page.file.display, message));
                        continue;
                    }
                };
                if own.contains(&slug) {
                    continue;
                }
                let entry = by_slug
                    .entry(slug.clone())
                    .or_insert_with(|| Spellings { seen: BTreeMap::new(), pages: Vec::new() });
                entry.seen.entry(name.to_string()).or_insert((0, i)).0 += 1;
                entry.pages.push(i);
                own.push(slug);
            }
        }
        by_slug
    }

    /// The spelling most articles use (on a tie, the one that sorts first); a warning for
    /// every other spelling.
    fn merged_name(&self, slug: &str, spellings: &Spellings, warnings: &mut Vec<Error>) -> String {
        let (name, _) = spellings
            .seen
            .iter()
            .max_by(|(a, (na, _)), (b, (nb, _))| na.cmp(nb).then_with(|| b.cmp(a)))
            .expect("a tag has a spelling");
        for (other, (_, first)) in spellings.seen.iter().filter(|(s, _)| *s != name) {
            let file = &self.pages[*first].page.file.display;
            warnings.push(Error::new(
                ErrorKind::FrontMatter,
                file,
                format!("tag {other:?} is merged with {name:?}: both make the URL /{TAGS_PATH}{slug}/"),
            ));
        }
        name.clone()
    }
}

impl Site {
    /// `/tags/` with every tag and its count, then each tag's paginated list of articles.
    /// Each page gets its own slice of one tag, never the whole index.
    pub(super) fn render_tag_pages(&self, base: &Base<'_>) -> Vec<Result<OutputFile, Error>> {
        if self.tags.tags.is_empty() {
            return Vec::new();
        }
        let per_page = self.tag_per_page();
        let mut files: Vec<Result<OutputFile, Error>> = self
            .tags
            .tags
            .par_iter()
            .flat_map_iter(|tag| {
                paginate(&self.config.base_url, &tag.path, &tag.pages, per_page)
                    .map(move |(path, pager)| self.render_tag_page(base, tag, &path, &pager))
            })
            .collect();
        files.push(self.render_tag_index(base));
        files
    }

    /// `/tags/`: every tag with its count.
    pub(super) fn render_tag_index(&self, base: &Base<'_>) -> Result<OutputFile, Error> {
        let description = format!("Every topic on {}, with how many articles cover it.", self.config.title);
        let vars = TagIndexVars {
            tags: self.tags.tags.iter().map(tag_context).collect(),
            seo: self.other_seo("Tags".into(), &description, TAGS_PATH),
            current_url: join_url(&self.config.base_url, TAGS_PATH),
            current_path: TAGS_PATH,
        };
        self.render_vars(base, "tags.html", &vars, generated_dest("tags.html", TAGS_PATH))
    }

    /// One page of one tag's list.
    pub(super) fn render_tag_page(
        &self,
        base: &Base<'_>,
        tag: &Tag,
        path: &str,
        pager: &Pager<'_>,
    ) -> Result<OutputFile, Error> {
        let description = format!("Articles about {} on {}.", tag.name, self.config.title);
        let vars = TagVars {
            tag: tag_context(tag),
            tag_feed: self.tag_feed_link(tag),
            paginator: pager.with_pages(pager.pages.iter().map(|&i| self.page_summary(i)).collect()),
            seo: self.other_seo(tag.name.clone(), &description, path),
            current_url: join_url(&self.config.base_url, path),
            current_path: path,
        };
        self.render_vars(base, "tag.html", &vars, generated_dest("tag.html", path))
    }

    /// Articles per tag page: the site's `paginate_by`, as tags have no `_index.md`.
    pub(super) fn tag_per_page(&self) -> usize {
        self.config.paginate_by
    }
}

/// Where a tag page goes; errors name the template, as no content file made the page.
fn generated_dest(template: &str, path: &str) -> Dest {
    Dest {
        rel: format!("{path}index.html"),
        source: PathBuf::from(format!("the tag pages ({template})")),
        content_len: 0,
    }
}

fn tag_context(tag: &Tag) -> TagContext<'_> {
    TagContext { name: &tag.name, slug: &tag.slug, permalink: &tag.permalink, count: tag.pages.len() }
}

/// A tag's slug, or why it cannot have a page.
pub(super) fn tag_slug(name: &str) -> Result<String, &'static str> {
    let slug = slugify(name);
    if slug.is_empty() {
        Err("has no letter or digit")
    } else if slug.len() > MAX_SLUG_BYTES {
        Err("is too long for a folder name")
    } else {
        Ok(slug)
    }
}

#[cfg(test)]
mod tests {
    use crate::content::slugify;

    #[test]
    fn tag_slugs_are_url_safe_for_any_script() {
        assert_eq!(slugify("Entrevue d'embauche"), "entrevue-d-embauche");
        assert_eq!(slugify("面接"), "面接");
        assert_eq!(slugify("  Salary Negotiation! "), "salary-negotiation");
        assert_eq!(slugify("C++ / Rust"), "c-rust");
        assert_eq!(slugify("!!!"), "");
    }
}
