//! The tag index, built once per load: every tag with its URL and its articles newest
//! first. Tag pages, tag feeds, related articles and tag chips all read it, so none of
//! them scans the site again.

use super::context::{PageSummary, Paginator};
use super::feeds::FeedLink;
use super::listed::Listed;
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
use std::sync::OnceLock;

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
    paginator: Paginator<Listed<'a, PageSummary<'a>>>,
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
    /// Each spelling of the slug: how many articles use it, and the first (newest) of them
    /// to, for the warning that names it. `name` is the one most use.
    spellings: BTreeMap<String, (usize, usize)>,
}

impl Tag {
    /// A tag with no article yet.
    fn new(slug: String, base_url: &str) -> Tag {
        let path = format!("{TAGS_PATH}{slug}/");
        Tag {
            name: String::new(),
            permalink: join_url(base_url, &path),
            path,
            slug,
            pages: Vec::new(),
            spellings: BTreeMap::new(),
        }
    }

    /// The spelling most articles use; on a tie, the one that sorts first.
    fn most_used_spelling(&self) -> &str {
        let most = self.spellings.iter().max_by(|(a, (na, _)), (b, (nb, _))| na.cmp(nb).then_with(|| b.cmp(a)));
        most.map_or("", |(name, _)| name)
    }
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
    related: RelatedMemo,
    /// Each tag's window (`window`) as the articles' `recency`, made on the first ranking.
    windows: WindowMemo,
    /// Lent to each ranking of related articles.
    tables: crate::rank::Tables,
}

/// [`TagIndex::window_ranks`] of every tag. Related reading counts articles by their
/// recency, not their index: the windows hold the newest articles of each tag, whose
/// ranks are the first few thousand however big the site, where their indexes spread over
/// all of it. Counted by index, the counting table outgrew the cache at 100,000 articles
/// (25 times the counting time of 10,000). Forgotten on clone, and on `renumber`.
#[derive(Debug, Default)]
struct WindowMemo(OnceLock<Vec<Vec<usize>>>);

impl Clone for WindowMemo {
    /// Nothing remembered: an index is cloned to be changed (`retagged`).
    fn clone(&self) -> WindowMemo {
        WindowMemo::default()
    }
}

/// How many related articles an article shows.
pub(super) const RELATED_LIMIT: usize = 3;

/// An article's related articles (`TagIndex::related`): at most `RELATED_LIMIT`, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Related {
    pages: [usize; RELATED_LIMIT],
    len: usize,
}

impl Related {
    fn of(pages: &[usize]) -> Related {
        let mut related = Related::default();
        for &j in pages.iter().take(RELATED_LIMIT) {
            related.pages[related.len] = j;
            related.len += 1;
        }
        related
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.pages[..self.len].iter().copied()
    }

    pub fn contains(&self, page: usize) -> bool {
        self.iter().any(|j| j == page)
    }
}

/// Parallel to `Site::pages` in the dev server (empty in a build): each article's
/// `Related`, ranked the first time it is asked for. The server draws every article again
/// after each template edit, and an article edit compares the lists of every article near
/// it before and after; ranking them each time was 7 % of a template edit's samples. An
/// index is never changed in place once built (`tag_index`, `retagged`), so what it
/// remembers stays true.
#[derive(Debug, Default)]
struct RelatedMemo(Vec<OnceLock<Related>>);

impl RelatedMemo {
    fn for_pages(pages: usize) -> RelatedMemo {
        RelatedMemo((0..pages).map(|_| OnceLock::new()).collect())
    }
}

impl Clone for RelatedMemo {
    /// Nothing remembered: an index is cloned to be changed (`retagged`).
    fn clone(&self) -> RelatedMemo {
        RelatedMemo::for_pages(self.0.len())
    }
}

impl TagIndex {
    /// Renumbers the pages this index names after one joined or left the site (`shift`).
    /// The related lists remembered are forgotten: they name pages too.
    pub(super) fn renumber(&mut self, shift: super::Shift) {
        for tag in &mut self.tags {
            for j in tag.pages.iter_mut().chain(tag.spellings.values_mut().map(|(_, first)| first)) {
                *j = shift.index(*j);
            }
        }
        shift.parallel(&mut self.of_page, Vec::new());
        shift.parallel(&mut self.recency, usize::MAX);
        self.windows = WindowMemo::default();
        let remembered = !self.related.0.is_empty();
        self.related = RelatedMemo::for_pages(if remembered { self.of_page.len() } else { 0 });
    }

    /// The tag with this slug.
    pub fn get(&self, slug: &str) -> Option<&Tag> {
        self.position(slug).ok().map(|i| &self.tags[i])
    }

    /// Where the tag with this slug is in `tags`, or where it would go.
    fn position(&self, slug: &str) -> Result<usize, usize> {
        self.tags.binary_search_by(|t| t.slug.as_str().cmp(slug))
    }

    /// An article's own tags (`own_tags`) as indexes into `tags`, in the order it lists them.
    fn positions(&self, own: &[(String, &str)]) -> Vec<usize> {
        own.iter().filter_map(|(slug, _)| self.position(slug).ok()).collect()
    }

    /// Up to `RELATED_LIMIT` other articles sharing the most tags with article `i`, the
    /// newest first among those sharing as many. Read off the index alone, so that the dev
    /// server can compare an article's list before an edit with the list after it.
    pub fn related(&self, i: usize) -> Related {
        match self.related.0.get(i) {
            Some(memo) => *memo.get_or_init(|| self.rank_related(i)),
            None => self.rank_related(i),
        }
    }

    fn rank_related(&self, i: usize) -> Related {
        let Some(mine) = self.of_page.get(i) else { return Related::default() };
        // One more than the window: the article itself is among them, and is not counted.
        let windows = self.windows.0.get_or_init(|| self.window_ranks());
        let lists: Vec<&[usize]> = mine.iter().map(|&t| windows[t].as_slice()).collect();
        let own = self.recency.get(i).copied();
        let ranked = crate::rank::most_shared(&self.tables, &lists, |r| Some(r) != own, |r| r, RELATED_LIMIT);
        // Back from recency to articles: each rank is in one of the windows, at the place
        // its article has in that tag's list.
        let article =
            |r: usize| mine.iter().find_map(|&t| windows[t].binary_search(&r).ok().map(|at| self.tags[t].pages[at]));
        Related::of(&ranked.into_iter().filter_map(article).collect::<Vec<_>>())
    }

    /// Each tag's `window` as the `recency` of its articles: ascending, since the tag's
    /// list is newest first.
    fn window_ranks(&self) -> Vec<Vec<usize>> {
        self.tags.iter().map(|tag| window(&tag.pages).iter().map(|&j| self.recency[j]).collect()).collect()
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

/// Each article's place in the newest-first order of all articles (`newest_first`), by
/// index into `Site::pages` (`usize::MAX` for pages in no list).
fn recency_of(newest_first: &[usize], pages: usize) -> Vec<usize> {
    let mut recency = vec![usize::MAX; pages];
    for (rank, &i) in newest_first.iter().enumerate() {
        recency[i] = rank;
    }
    recency
}

/// What `own_tags` gives: (slug, spelling) pairs.
type OwnTags<'a> = Vec<(String, &'a str)>;

/// A warning about one of an article's tags: the tag's index in the list as written, and
/// what to say. `Site::tag_warnings` places it where that tag is written.
type TagWarning = (usize, String);

/// An article's tags as (slug, spelling), each slug once, in the order written; a warning
/// for each tag that makes no usable slug, and for each that makes the slug of another
/// spelling before it (`C#` after `C++`: both are `c`), which it then joins.
fn own_tags<'a>(names: &'a [String], warnings: &mut Vec<TagWarning>) -> OwnTags<'a> {
    let mut own: OwnTags<'a> = Vec::with_capacity(names.len());
    for (n, name) in names.iter().enumerate() {
        let name = name.trim();
        match tag_slug(name) {
            Ok(slug) => match own.iter().find(|(s, _)| *s == slug) {
                None => own.push((slug, name)),
                Some((_, first)) if *first == name => {}
                Some((slug, first)) => warnings.push((n, joined_warning(name, first, slug))),
            },
            Err(why) => warnings.push((n, format!("tag {name:?} {why}, so it gets no page: it is left out"))),
        }
    }
    own
}

/// What an article is told of its tag `name` left out for `first`, written before it with
/// the same `slug`. The same word written again (`interviewing` after `Interviewing`)
/// needs no new spelling, only one of the two; other words that slug alike (`C#` after
/// `C++`) need one to stay apart.
fn joined_warning(name: &str, first: &str, slug: &str) -> String {
    match written_again(name, first) {
        Some(how) => format!(
            "tag {name:?} is the tag {first:?} written again in this article, with other {how}: \
             an article carries a tag once, so the second is left out"
        ),
        None => format!(
            "tag {name:?} is merged with {first:?} of the same article: both make the tag {slug:?}, so it is \
             left out; spell it with other letters or digits (\"csharp\" for \"C#\") to keep the two apart"
        ),
    }
}

/// How `name` differs from `first` where both are one word (NFC, as tags are read),
/// differing only in capitals or in spacing (spaces, `-`, `_`, characters invisible in a
/// word), which the slug drops; None where the words themselves differ.
fn written_again(name: &str, first: &str) -> Option<&'static str> {
    let spaced = |c: char| c.is_whitespace() || c == '-' || c == '_' || crate::content::is_invisible_in_word(c);
    let letters = |s: &str| -> String { s.chars().filter(|&c| !spaced(c)).collect() };
    let lower = |s: &str| s.to_lowercase();
    if lower(name) == lower(first) {
        Some("capitals")
    } else if letters(name) == letters(first) {
        Some("spacing")
    } else if lower(&letters(name)) == lower(&letters(first)) {
        Some("capitals and spacing")
    } else {
        None
    }
}

impl Site {
    /// Groups every article's tags by slug, newest article first. Tags that slug alike
    /// (`Interviewing`, `interviewing `) are one tag, shown in the spelling most articles
    /// use, and each other spelling gets a warning naming the file that first used it.
    /// `newest_first` is every article (`all_articles`).
    pub(super) fn tag_index(&self, newest_first: &[usize]) -> (TagIndex, Vec<Error>) {
        // Each article's slugs are made on every thread at once, and once: at 100,000
        // articles, slugging their 450,000 tag names one by one, then again for each
        // article's own list, was a third of organising the site.
        let (owned, warned): (Vec<OwnTags<'_>>, Vec<Vec<Error>>) = newest_first
            .par_iter()
            .map(|&i| {
                let page = &self.pages[i].page;
                let mut warnings = Vec::new();
                let own = own_tags(&page.meta.tags, &mut warnings);
                (own, self.tag_warnings(i, warnings))
            })
            .unzip();
        let mut warnings: Vec<Error> = warned.into_iter().flatten().collect();
        // One pass over 450,000 (article, tag) pairs at 100,000 articles, on one thread: a
        // slug is found by hash, and a spelling is copied only the first time it is seen.
        let mut by_slug: HashMap<&str, usize> = HashMap::new();
        let mut tags: Vec<Tag> = Vec::new();
        for (&i, own) in newest_first.iter().zip(&owned) {
            for (slug, spelling) in own {
                let t = *by_slug.entry(slug.as_str()).or_insert_with(|| {
                    tags.push(Tag::new(slug.clone(), &self.config.base_url));
                    tags.len() - 1
                });
                let tag = &mut tags[t];
                // Grouped in newest-first order, so each tag's articles already are.
                tag.pages.push(i);
                match tag.spellings.get_mut(*spelling) {
                    Some((count, _)) => *count += 1,
                    None => {
                        tag.spellings.insert(spelling.to_string(), (1, i));
                    }
                }
            }
        }
        tags.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
        for tag in &mut tags {
            tag.name = tag.most_used_spelling().to_string();
            warnings.extend(self.merge_warnings(tag, |_| true));
        }
        let recency = recency_of(newest_first, self.pages.len());
        // Only the dev server draws an article twice from one index; a build asks once.
        let related = RelatedMemo::for_pages(if self.keeps_markdown { self.pages.len() } else { 0 });
        let mut index = TagIndex {
            tags,
            of_page: vec![Vec::new(); self.pages.len()],
            recency,
            related,
            windows: WindowMemo::default(),
            tables: Default::default(),
        };
        // Standalone pages are in no listing, so their tags link nowhere and relate nothing.
        let positions: Vec<Vec<usize>> = owned.par_iter().map(|own| index.positions(own)).collect();
        for (&i, mine) in newest_first.iter().zip(positions) {
            index.of_page[i] = mine;
        }
        (index, warnings)
    }

    /// The tag index after article `i`'s tags, title or date changed (`old_names` are the
    /// tags it had, `new_names` those it has: none when it leaves the site): `self.tags`
    /// with that one article moved, instead of every article's tags grouped again.
    /// Warnings are about this article's tags only. `newest_first` is every article, in
    /// the new order.
    pub(super) fn retagged(
        &self,
        i: usize,
        old_names: &[String],
        new_names: &[String],
        newest_first: &[usize],
    ) -> (TagIndex, Vec<Error>) {
        let mut index = self.tags.clone();
        index.recency = recency_of(newest_first, self.pages.len());
        for (slug, spelling) in own_tags(old_names, &mut Vec::new()) {
            let Some(tag) = index.position(&slug).ok().map(|t| &mut index.tags[t]) else { continue };
            tag.pages.retain(|&j| j != i);
            if let Some((count, _)) = tag.spellings.get_mut(spelling) {
                *count -= 1;
            }
            tag.spellings.retain(|_, (count, _)| *count > 0);
        }
        let mut said = Vec::new();
        let own = own_tags(new_names, &mut said);
        let mut warnings = self.tag_warnings(i, said);
        for (slug, spelling) in own.iter().cloned() {
            let t = index.position(&slug).unwrap_or_else(|at| {
                index.tags.insert(at, Tag::new(slug, &self.config.base_url));
                at
            });
            let (tag, recency) = (&mut index.tags[t], &index.recency);
            let at = tag.pages.partition_point(|&j| recency[j] < recency[i]);
            tag.pages.insert(at, i);
            tag.spellings.entry(spelling.to_string()).or_insert((0, i)).0 += 1;
        }
        index.tags.retain(|t| !t.pages.is_empty());
        for tag in &mut index.tags {
            tag.name = tag.most_used_spelling().to_string();
        }
        let mine = |j: usize| j == i;
        for tag in index.tags.iter().filter(|t| t.pages.contains(&i)) {
            warnings.extend(self.merge_warnings(tag, mine));
        }
        // Every other article keeps its tags; only their places in `tags` may have moved.
        let moved: Vec<Option<usize>> = self.tags.tags.iter().map(|t| index.position(&t.slug).ok()).collect();
        if moved.iter().enumerate().any(|(t, now)| *now != Some(t)) || index.tags.len() != moved.len() {
            for of in &mut index.of_page {
                *of = of.iter().filter_map(|&t| moved[t]).collect();
            }
        }
        index.of_page[i] = index.positions(&own);
        (index, warnings)
    }

    /// A warning for each spelling of `tag` other than the one shown, naming the first
    /// article to use it, when `about` accepts that article.
    fn merge_warnings(&self, tag: &Tag, about: impl Fn(usize) -> bool) -> Vec<Error> {
        let others = tag.spellings.iter().filter(|(spelling, (_, first))| **spelling != tag.name && about(*first));
        others
            .flat_map(|(other, &(_, first))| {
                let written = self.pages[first].page.meta.tags.iter().position(|t| t.trim() == other);
                let said = format!("tag {other:?} is merged with {:?}: both make the URL /{}", tag.name, tag.path);
                self.tag_warnings(first, vec![(written.unwrap_or(0), said)])
            })
            .collect()
    }

    /// `warnings` about article `i`'s tags, each at the line and column where its tag is
    /// written, read from the file again: few articles have one, and the others pay
    /// nothing.
    fn tag_warnings(&self, i: usize, warnings: Vec<TagWarning>) -> Vec<Error> {
        placed(&self.pages[i].page.file, warnings)
    }

    /// The same warnings about job listings' tags, which name the board's tag filters by
    /// the articles' rule: a tag that makes no slug has no filter, and two spellings that
    /// make one slug are one filter.
    /// On every thread, as the articles' are: a board may hold 20,000 listings.
    pub(super) fn job_tag_warnings(&self) -> Vec<Error> {
        let said = |(n, message): TagWarning| {
            let message = message
                .replace("an article", "a listing")
                .replace(" article", " listing")
                .replace("gets no page", "gets no filter page");
            (n, message)
        };
        self.jobs
            .par_iter()
            .flat_map_iter(|j| {
                let mut warnings = Vec::new();
                own_tags(&j.job.tags, &mut warnings);
                placed(&j.job.file, warnings.into_iter().map(said).collect())
            })
            .collect()
    }
}

/// `warnings` about the tags of `file`, each at the line and column where its tag is
/// written.
fn placed(file: &crate::content::ContentFile, warnings: Vec<TagWarning>) -> Vec<Error> {
    let error = |(n, message): TagWarning| {
        let (line, column) = crate::content::front_matter_item(file, "tags", n);
        Error::new(ErrorKind::FrontMatter, &file.display, message).at(line, column)
    };
    warnings.into_iter().map(error).collect()
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
        let dest = generated_dest("tag.html", path);
        if let Some(left_out) = base.left_out(&dest) {
            return Ok(left_out);
        }
        let description = format!("Articles about {} on {}.", tag.name, self.config.title);
        let vars = TagVars {
            tag: tag_context(tag),
            tag_feed: self.tag_feed_link(tag),
            paginator: pager.with_pages(Listed::summaries(self, &base.listed, pager.pages)),
            seo: self.other_seo(tag.name.clone(), &description, path),
            current_url: join_url(&self.config.base_url, path),
            current_path: path,
        };
        self.render_vars(base, "tag.html", &vars, dest)
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
        own: false,
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
    use super::{own_tags, window, written_again, RelatedMemo, Tag, TagIndex, WindowMemo};
    use crate::content::slugify;

    fn tag(slug: &str, pages: &[usize]) -> Tag {
        let mut tag = Tag::new(slug.to_string(), "/");
        tag.pages = pages.to_vec();
        tag
    }

    fn related(index: &TagIndex, i: usize) -> Vec<usize> {
        index.related(i).iter().collect()
    }

    #[test]
    fn related_reading_counted_by_recency_is_the_rule_counted_by_article() {
        // Article numbers in no particular order of recency, and tags larger than the window.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        let articles = 700;
        let mut newest_first: Vec<usize> = (0..articles).collect();
        for k in (1..articles).rev() {
            newest_first.swap(k, next(k as u64 + 1));
        }
        let mut recency = vec![0; articles];
        for (r, &i) in newest_first.iter().enumerate() {
            recency[i] = r;
        }
        let mut of_page = vec![Vec::new(); articles];
        let mut tags: Vec<Tag> = (0..6).map(|t| tag(&format!("t{t}"), &[])).collect();
        for &i in &newest_first {
            for (t, tag) in tags.iter_mut().enumerate() {
                if next(3) == 0 {
                    tag.pages.push(i);
                    of_page[i].push(t);
                }
            }
        }
        let index = TagIndex {
            tags,
            of_page,
            recency: recency.clone(),
            related: RelatedMemo::default(),
            windows: WindowMemo::default(),
            tables: Default::default(),
        };
        for i in 0..articles {
            let mut seen = std::collections::HashMap::<usize, usize>::new();
            for &t in &index.of_page[i] {
                for &j in window(&index.tags[t].pages).iter().filter(|&&j| j != i) {
                    *seen.entry(j).or_default() += 1;
                }
            }
            let mut expected: Vec<(usize, usize)> = seen.into_iter().collect();
            expected.sort_by_key(|&(j, n)| (std::cmp::Reverse(n), recency[j]));
            let expected: Vec<usize> = expected.iter().take(super::RELATED_LIMIT).map(|&(j, _)| j).collect();
            assert_eq!(related(&index, i), expected, "article {i}");
        }
    }

    #[test]
    fn related_lists_are_remembered_per_index_and_a_clone_to_change_starts_afresh() {
        // Articles 0 (newest) to 3; tag a on 0, 1 and 2, tag b on 0 and 3.
        let index = TagIndex {
            tags: vec![tag("a", &[0, 1, 2]), tag("b", &[0, 3])],
            of_page: vec![vec![0, 1], vec![0], vec![0], vec![1]],
            recency: vec![0, 1, 2, 3],
            related: RelatedMemo::for_pages(4),
            windows: WindowMemo::default(),
            tables: Default::default(),
        };
        assert_eq!(related(&index, 0), [1, 2, 3]);
        assert_eq!(related(&index, 3), [0]);
        assert!(index.related.0[3].get().is_some(), "asked once, remembered");
        // As `retagged` does: clone, then move article 3 into tag a as well.
        let mut changed = index.clone();
        changed.tags[0].pages.push(3);
        changed.of_page[3] = vec![0, 1];
        assert_eq!(related(&changed, 3), [0, 1, 2], "a clone must not answer from the old index");
        assert_eq!(related(&index, 3), [0], "the old index still answers for itself");
        // An article past the memo (none on a default index) is ranked without one.
        assert_eq!(related(&TagIndex { related: RelatedMemo::default(), ..index.clone() }, 0), [1, 2, 3]);
    }

    #[test]
    fn a_tag_joining_another_of_the_same_article_is_warned_about() {
        let names: Vec<String> = ["C++", "C#", "Interviews", "C++", "interviews ", "???"].map(String::from).to_vec();
        let mut warnings = Vec::new();
        let own = own_tags(&names, &mut warnings);
        assert_eq!(own, vec![("c".to_string(), "C++"), ("interviews".to_string(), "Interviews")]);
        // "C#" and "interviews" join a tag spelled otherwise, "???" has no slug; "C++"
        // written twice is the same tag, and says nothing. Each names its tag's index.
        let at: Vec<usize> = warnings.iter().map(|(n, _)| *n).collect();
        assert_eq!(at, [1, 4, 5], "{warnings:#?}");
        assert!(warnings[0].1.contains("\"C#\" is merged with \"C++\" of the same article"), "{warnings:#?}");
        assert!(warnings[0].1.ends_with("(\"csharp\" for \"C#\") to keep the two apart"), "{warnings:#?}");
        // The same word in other capitals gets no advice to spell it otherwise.
        assert_eq!(
            warnings[1].1,
            "tag \"interviews\" is the tag \"Interviews\" written again in this article, with other capitals: \
             an article carries a tag once, so the second is left out"
        );
        assert!(warnings[2].1.starts_with("tag \"???\" has no letter or digit"), "{warnings:#?}");
    }

    #[test]
    fn the_same_word_written_again_is_told_apart_from_other_words_that_slug_alike() {
        for (name, first, how) in [
            ("interviewing", "Interviewing", Some("capitals")),
            ("job-search", "job search", Some("spacing")),
            ("job\u{ad}search", "jobsearch", Some("spacing")),
            ("JobSearch", "job search", Some("capitals and spacing")),
            ("C#", "C++", None),
            ("c", "C++", None),
        ] {
            assert_eq!(written_again(name, first), how, "{name:?} after {first:?}");
        }
    }

    #[test]
    fn tag_slugs_are_url_safe_for_any_script() {
        assert_eq!(slugify("Entrevue d'embauche"), "entrevue-d-embauche");
        assert_eq!(slugify("面接"), "面接");
        assert_eq!(slugify("  Salary Negotiation! "), "salary-negotiation");
        assert_eq!(slugify("C++ / Rust"), "c-rust");
        assert_eq!(slugify("!!!"), "");
    }
}
