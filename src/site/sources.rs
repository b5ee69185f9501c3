//! Parsed content files kept between `serve`'s reloads, so that a reload reads and parses
//! again only the files that changed: at 10,000 articles, reading and parsing every file
//! is a fifth of a reload that changed one title. Each page's and listing's Markdown as
//! last rendered is kept across a reload too (another fifth of it).

use super::{Parsed, Site};
use crate::content::ContentFile;
use crate::foreign::ForeignSyntax;
use crate::markdown::Rendered;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// One file as it was parsed, with the length and time it had then. Shared, so that the
/// cache's lock is held only to copy a pointer: at 100,000 articles, copying each page
/// under the lock left the loading threads waiting on it for a third of a reload's reading.
struct Entry {
    len: u64,
    modified: SystemTime,
    parsed: Arc<Parsed>,
}

/// What each content file parsed to at the last load, by absolute path. A file is taken
/// from here only while its length and modification time are what they were; the watcher
/// also `forget`s each path it reports, for file systems whose times are coarse.
#[derive(Default)]
pub struct SourceCache {
    entries: Mutex<HashMap<PathBuf, Entry>>,
    /// The jobs section the entries were parsed under: a file's kind depends on it.
    jobs_section: Mutex<String>,
    /// Each page's Markdown as the site loaded before rendered it, for the load under way.
    drawn: Mutex<Option<DrawnBodies>>,
}

/// The pages' and job listings' Markdown as one load rendered it, by each file's path in
/// content/ (apart: a page's keeps more than a listing's HTML).
pub(super) struct DrawnBodies {
    /// A body's links start with it.
    base_url: String,
    pages: HashMap<String, Drawn>,
    jobs: HashMap<String, Drawn>,
}

/// One body's Markdown as rendered, with what its HTML depends on.
pub(super) struct Drawn {
    /// The Markdown: the very text the parse cache hands out again while its file is
    /// unchanged, so that an unchanged body is known by its pointer. Hashing every body
    /// twice per reload instead was 7 % of a new file's reload at 100,000 articles.
    body: Arc<str>,
    /// The page's URL path: relative links are read from there.
    path: String,
    rendered: Rendered,
    foreign: Vec<ForeignSyntax>,
}

impl DrawnBodies {
    /// Takes out of `drawn` what each file at `rels` had (pages, or listings with `jobs`),
    /// in their order: nothing when `base_url` is not the one they were drawn under.
    pub(super) fn take<'a>(
        drawn: &mut Option<DrawnBodies>,
        base_url: &str,
        jobs: bool,
        rels: impl Iterator<Item = &'a str>,
    ) -> Vec<Option<Drawn>> {
        let kept = drawn.as_mut().filter(|d| d.base_url == base_url);
        let mut map = kept.map(|d| if jobs { &mut d.jobs } else { &mut d.pages });
        rels.map(|rel| map.as_mut().and_then(|m| m.remove(rel))).collect()
    }
}

impl Drawn {
    /// Its HTML, when it is what `body` at the URL path `path` renders to now: the same
    /// text at the same URL, no shortcode drawn (their HTML comes from listings and
    /// templates), and each link finding in `permalinks` and `published` what it found
    /// before.
    pub(super) fn reuse(
        self,
        (body, path): (&Arc<str>, &str),
        permalinks: &HashMap<String, String>,
        published: &HashSet<String>,
    ) -> Option<(Rendered, Vec<ForeignSyntax>)> {
        let same = self.path == path
            && self.rendered.shortcodes.is_empty()
            && (Arc::ptr_eq(&self.body, body) || self.body == *body)
            && self.rendered.lookups.iter().all(|l| l.holds(permalinks, published));
        same.then_some((self.rendered, self.foreign))
    }
}

impl SourceCache {
    /// Drops `paths` (absolute), whatever their times say.
    pub fn forget(&self, paths: impl IntoIterator<Item = PathBuf>) {
        if let Ok(mut entries) = self.entries.lock() {
            for path in paths {
                entries.remove(&path);
            }
        }
    }

    /// Empties the cache when the jobs section is not the one its entries were parsed
    /// under; called once per load, before any `get`.
    pub(super) fn begin(&self, jobs_section: &str) {
        let (Ok(mut section), Ok(mut entries)) = (self.jobs_section.lock(), self.entries.lock()) else { return };
        if *section != jobs_section {
            entries.clear();
            jobs_section.clone_into(&mut section);
        }
    }

    /// `f` as parsed before, when it has not changed since; else `parse` it and keep the
    /// result. Errors are never kept, so a broken file is read again until it is fixed.
    pub(super) fn get_or_parse<E>(
        &self,
        f: &ContentFile,
        parse: impl FnOnce() -> Result<Parsed, E>,
    ) -> Result<Parsed, E> {
        // Looked at before reading: a file changed while being read keeps its old time
        // here, so the next load reads it again.
        let stamp = fs::metadata(&f.abs).ok().and_then(|m| Some((m.len(), m.modified().ok()?)));
        let cached = stamp.and_then(|(len, modified)| {
            let entries = self.entries.lock().ok()?;
            entries.get(&f.abs).filter(|e| e.len == len && e.modified == modified).map(|e| Arc::clone(&e.parsed))
        });
        if let Some(parsed) = cached {
            return Ok(Parsed::clone(&parsed));
        }
        let parsed = parse()?;
        let kept = Arc::new(parsed.clone());
        if let (Some((len, modified)), Ok(mut entries)) = (stamp, self.entries.lock()) {
            entries.insert(f.abs.clone(), Entry { len, modified, parsed: kept });
        }
        Ok(parsed)
    }

    /// Keeps what `site` rendered of each page's and listing's Markdown, for the next load
    /// (which takes it, `take_drawn`) where it still holds (`Drawn::reuse`). Nothing is kept
    /// of a site that dropped its Markdown (loaded for a build), whose bodies cannot be
    /// compared.
    pub fn keep_markdown(&self, site: Site) {
        if !site.keeps_markdown {
            return;
        }
        let base_url = site.config.base_url.clone();
        let drawn = |body, path, rendered, foreign| Drawn { body, path, rendered, foreign };
        let pages = site.pages.into_par_iter().map(|p| {
            let kept = drawn(p.page.body, p.page.path, p.rendered, p.foreign);
            (p.page.file.rel, kept)
        });
        let jobs = site.jobs.into_par_iter().map(|j| {
            let (lookups, shortcodes) = j.drawn_with;
            let rendered = Rendered { html: j.html, lookups, shortcodes, ..Rendered::default() };
            (j.job.file.rel, drawn(j.job.body, j.job.path, rendered, Vec::new()))
        });
        let drawn = DrawnBodies { base_url, pages: pages.collect(), jobs: jobs.collect() };
        if let Ok(mut kept) = self.drawn.lock() {
            *kept = Some(drawn);
        }
    }

    /// What `keep_markdown` kept, once.
    pub(super) fn take_drawn(&self) -> Option<DrawnBodies> {
        self.drawn.lock().ok()?.take()
    }

    /// Keeps only the files of this load: deleted ones go. Paths are matched by their bytes
    /// (both come from the walk): hashing a `Path` walks its components, and doing that for
    /// every file was 4 % of a dev-server reload at 100,000 articles. A path spelled
    /// otherwise would only be parsed again.
    pub(super) fn retain(&self, files: &[ContentFile]) {
        let keep: HashSet<&std::ffi::OsStr> = files.iter().map(|f| f.abs.as_os_str()).collect();
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|path, _| keep.contains(path.as_os_str()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::path::Path;

    fn file(dir: &Path, name: &str, text: &str) -> ContentFile {
        let abs = dir.join(name);
        fs::write(&abs, text).unwrap();
        ContentFile { abs, rel: format!("posts/{name}"), display: PathBuf::from(format!("content/posts/{name}")) }
    }

    /// Parses `f` for real, counting the parses.
    fn load(cache: &SourceCache, f: &ContentFile, parses: &Cell<usize>) -> String {
        let parsed = cache.get_or_parse(f, || {
            parses.set(parses.get() + 1);
            let text = fs::read_to_string(&f.abs).unwrap();
            crate::content::parse_page(f, &text).map(|p| Parsed::Page(Box::new(p)))
        });
        match parsed {
            Ok(Parsed::Page(p)) => p.title.clone(),
            Ok(_) => panic!("a page parsed as something else"),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn a_file_is_parsed_again_only_when_it_changed_or_is_forgotten() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = SourceCache::default();
        cache.begin("jobs");
        let parses = Cell::new(0);
        let f = file(tmp.path(), "a.md", "---\ntitle: One\ndate: 2025-01-01\n---\nBody.\n");
        assert_eq!(load(&cache, &f, &parses), "One");
        assert_eq!(load(&cache, &f, &parses), "One");
        assert_eq!(parses.get(), 1, "unchanged: taken from the cache");

        // A longer file is a changed one, whatever its time says.
        fs::write(&f.abs, "---\ntitle: Two, longer\ndate: 2025-01-01\n---\nBody.\n").unwrap();
        assert_eq!(load(&cache, &f, &parses), "Two, longer");
        assert_eq!(parses.get(), 2);

        // Same length, same time (a coarse clock): only the watcher's word catches it.
        let modified = fs::metadata(&f.abs).unwrap().modified().unwrap();
        fs::write(&f.abs, "---\ntitle: Six, longer\ndate: 2025-01-01\n---\nBody.\n").unwrap();
        fs::File::options().write(true).open(&f.abs).unwrap().set_modified(modified).unwrap();
        assert_eq!(load(&cache, &f, &parses), "Two, longer", "looks unchanged");
        cache.forget([f.abs.clone()]);
        assert_eq!(load(&cache, &f, &parses), "Six, longer");
        assert_eq!(parses.get(), 3);
    }

    #[test]
    fn errors_are_not_kept_and_a_new_jobs_section_or_a_deleted_file_empties_it() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = SourceCache::default();
        cache.begin("jobs");
        let parses = Cell::new(0);
        let broken = file(tmp.path(), "b.md", "---\ntitle: [unclosed\n---\n");
        assert!(load(&cache, &broken, &parses).starts_with("error"));
        assert!(load(&cache, &broken, &parses).starts_with("error"));
        assert_eq!(parses.get(), 2, "a broken file is read again each time");

        let good = file(tmp.path(), "c.md", "---\ntitle: Kept\ndate: 2025-01-01\n---\n");
        load(&cache, &good, &parses);
        cache.begin("careers");
        load(&cache, &good, &parses);
        assert_eq!(parses.get(), 4, "parsed again under another jobs section");

        cache.retain(&[]);
        load(&cache, &good, &parses);
        assert_eq!(parses.get(), 5, "a file gone from the site is dropped");
    }
}
