//! Reuse of pages that would render the same as last build. Each page's template input
//! is hashed; when the hash matches the one recorded for the published file, and that
//! file is still the one careerpress wrote (same length and modification time), the file
//! is linked into the new site instead of running Tera again. Rendering is most of a
//! rebuild's time, and on an edit most pages' input does not change.
//!
//! The record is a text file beside the output folder (`.public.careerpress-render-cache`),
//! written after each successful publish. It is only ever a hint: a missing, unreadable
//! or stale record means rendering, never a wrong page.

use crate::hashed::PathIndex;
use crate::output::{FileId, Folder, Look};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

const HEADER: &str = "careerpress render cache 2";

/// 128 bits of XXH3: fast over whole pages of HTML, and with no practical chance that two
/// different inputs of one site share a fingerprint.
type Fingerprint = u128;

/// A published file as the record knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    fingerprint: Fingerprint,
    len: u64,
    modified_ns: u128,
}

/// Last build's record for one output folder, and this build's fingerprints as pages render.
#[derive(Debug)]
pub struct RenderCache {
    out: PathBuf,
    /// `out` held open, for the look at each page the record would reuse.
    published: Option<Folder>,
    previous: Previous,
    /// Each page's fingerprint and input hash this build, with last build's entry when the
    /// page is reused (its file is the one recorded, linked into the new site), so that
    /// saving the record looks again only at the files written anew.
    rendered: Mutex<Vec<(String, Stamp, Option<Entry>)>>,
    /// Pages drawn with no stamp (a template reads the environment): whatever stamp they
    /// had no longer says what is served, so `serve` must forget it.
    unstamped: Mutex<Vec<String>>,
}

/// What a page is reused from.
#[derive(Debug)]
enum Previous {
    /// `build`: last build's record of the files it published.
    Record(Record),
    /// `serve`: last render's stamps, for the pages it holds in memory; `inputs_known`:
    /// each page's input is what its stamp says (`in_memory_inputs_known`).
    InMemory { stamps: Fingerprints, inputs_known: bool },
}

/// The hash of a page's own template input (`input_hash`), without what every page shares.
pub type InputHash = u128;

/// A page as last rendered: its fingerprint, and the hash of its own input in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub fingerprint: Fingerprint,
    pub input: InputHash,
}

/// The stamps of the pages `serve` last rendered and holds, by output path.
pub type Fingerprints = HashMap<String, Stamp>;

/// Hashes what a template will see of one page (see `hash_bytes`): no `Value` is built
/// for a page whose file is reused. Hashed in one call, which is several times faster than
/// streaming the many small pieces the serializer writes.
pub fn input_hash(vars: &impl Serialize) -> Option<InputHash> {
    input_hash_from(vars, 16 * 1024)
}

/// `input_hash` with `room` bytes to start with: a page's input (its HTML included) or a
/// list item's (a few hundred bytes, hashed 140,000 times a build at 100,000 articles).
pub fn input_hash_from(vars: &impl Serialize, room: usize) -> Option<InputHash> {
    let mut bytes = Vec::with_capacity(room);
    super::hash_bytes::write(&mut bytes, vars).ok()?;
    Some(xxh3_128(&bytes))
}

/// Page `rel`'s stamp for `template` and `vars`: its input hash taken from the cache when
/// known unchanged, else hashed. None when `vars` cannot be hashed.
pub fn stamp(
    cache: &RenderCache,
    rel: &str,
    seed: Fingerprint,
    template: Template<'_>,
    vars: &impl Serialize,
) -> Option<Stamp> {
    let input = cache.known_input(rel).or_else(|| input_hash(vars))?;
    Some(Stamp { fingerprint: fingerprint(seed, template, input), input })
}

/// A template's name, with the hash of the templates it is drawn with
/// (`Templates::fingerprint_of`).
#[derive(Debug, Clone, Copy)]
pub struct Template<'a> {
    pub name: &'a str,
    pub drawn_with: u64,
}

/// A page's fingerprint: what every page starts from (`seed`), its template and the
/// templates that one is drawn with (so that an edit of `tag.html` leaves article pages
/// as they are), and its input.
pub fn fingerprint(seed: Fingerprint, template: Template<'_>, input: InputHash) -> Fingerprint {
    let mut bytes = Vec::with_capacity(40 + template.name.len());
    bytes.extend_from_slice(&seed.to_le_bytes());
    bytes.extend_from_slice(&input.to_le_bytes());
    bytes.extend_from_slice(&template.drawn_with.to_le_bytes());
    bytes.extend_from_slice(template.name.as_bytes());
    xxh3_128(&bytes)
}

/// Where the record for `out` lives: beside it, so that it is never published.
pub fn record_file(out: &Path) -> PathBuf {
    crate::output::sibling(out, crate::output::RENDER_RECORD)
}

fn modified_ns(meta: &fs::Metadata) -> Option<u128> {
    meta.modified().ok()?.duration_since(UNIX_EPOCH).ok().map(|d| d.as_nanos())
}

impl RenderCache {
    fn new(out: PathBuf, previous: Previous) -> RenderCache {
        // A build's list gets room for as many pages as last time: grown page by page, it
        // was copied over and over under its lock (200,000 entries at 100,000 articles).
        // The dev server's caches hold every page's stamp but mostly draw a few pages.
        let expected = match &previous {
            Previous::Record(record) => record.entries.len(),
            Previous::InMemory { .. } => 0,
        };
        RenderCache {
            published: matches!(previous, Previous::Record(_)).then(|| Folder::open(&out)),
            out,
            previous,
            rendered: Mutex::new(Vec::with_capacity(expected)),
            unstamped: Mutex::new(Vec::new()),
        }
    }

    /// Last build's record for `out`; empty when there is none or it cannot be read.
    pub fn load(out: &Path) -> RenderCache {
        let previous = fs::read_to_string(record_file(out)).ok().and_then(parse).unwrap_or_default();
        RenderCache::new(out.to_path_buf(), Previous::Record(previous))
    }

    /// Reuses nothing, but records this build's pages for the next one.
    pub fn empty(out: &Path) -> RenderCache {
        RenderCache::new(out.to_path_buf(), Previous::Record(Record::default()))
    }

    /// `serve`'s cache: a page whose fingerprint is in `previous` is what the server holds
    /// already, and `reuse` says so with an empty path instead of a published file.
    pub fn in_memory(previous: Fingerprints) -> RenderCache {
        RenderCache::new(PathBuf::new(), Previous::InMemory { stamps: previous, inputs_known: false })
    }

    /// An `in_memory` cache when no page's own input has changed since its stamp (only
    /// templates or what every page shares did): each page's input hash is taken from its
    /// stamp instead of hashed again, a tenth of drawing the site after a template edit.
    /// Only the caller can know that; when it is wrong, pages are reused stale.
    pub fn in_memory_inputs_known(previous: Fingerprints) -> RenderCache {
        RenderCache::new(PathBuf::new(), Previous::InMemory { stamps: previous, inputs_known: true })
    }

    /// `rel`'s input hash as stamped, for a cache whose inputs are known unchanged.
    pub fn known_input(&self, rel: &str) -> Option<InputHash> {
        match &self.previous {
            Previous::InMemory { stamps, inputs_known: true } => stamps.get(rel).map(|s| s.input),
            _ => None,
        }
    }

    /// The fingerprints of the pages this render made or reused, for the next `in_memory`
    /// cache after a render of the whole site.
    pub fn into_fingerprints(self) -> Fingerprints {
        self.rendered.into_inner().map(|r| r.into_iter().map(|(rel, s, _)| (rel, s)).collect()).unwrap_or_default()
    }

    /// The `in_memory` cache's fingerprints with this render's written over them: after a
    /// render of some pages only, every other page is still what was last rendered.
    pub fn into_updated_fingerprints(self) -> Fingerprints {
        let mut all = match self.previous {
            Previous::InMemory { stamps, .. } => stamps,
            Previous::Record(_) => Fingerprints::new(),
        };
        if let Ok(unstamped) = self.unstamped.into_inner() {
            for rel in unstamped {
                all.remove(&rel);
            }
        }
        if let Ok(rendered) = self.rendered.into_inner() {
            all.extend(rendered.into_iter().map(|(rel, s, _)| (rel, s)));
        }
        all
    }

    /// Notes that page `rel` was drawn without a stamp (no page is reused while a template
    /// reads the environment), so that a later render never takes it for the page its old
    /// stamp described.
    pub fn drawn_unstamped(&self, rel: &str) {
        if let Ok(mut unstamped) = self.unstamped.lock() {
            unstamped.push(rel.to_string());
        }
    }

    /// Notes `rel`'s stamp for the next record, and returns the published file (and which
    /// file it is) when it is what this fingerprint renders to (in memory: an empty path).
    pub fn reuse(&self, rel: &str, stamp: Stamp) -> Option<(PathBuf, Option<FileId>)> {
        let reused = self.reusable(rel, stamp.fingerprint);
        if let Ok(mut rendered) = self.rendered.lock() {
            rendered.push((rel.to_string(), stamp, reused.as_ref().map(|(_, entry)| *entry)));
        }
        reused.map(|(file, _)| file)
    }

    fn reusable(&self, rel: &str, fingerprint: Fingerprint) -> Option<((PathBuf, Option<FileId>), Entry)> {
        let entries = match &self.previous {
            Previous::InMemory { stamps: prints, .. } => {
                let entry = Entry { fingerprint, len: 0, modified_ns: 0 };
                let same = prints.get(rel).is_some_and(|s| s.fingerprint == fingerprint);
                return same.then_some(((PathBuf::new(), None), entry));
            }
            Previous::Record(record) => record,
        };
        let entry = *entries.get(rel).filter(|e| e.fingerprint == fingerprint)?;
        let look = self.published.as_ref()?.look(rel).filter(Look::is_file)?;
        let unchanged = look.len == entry.len && look.modified_ns == Some(entry.modified_ns);
        unchanged.then(|| ((self.out.join(rel), look.id), entry))
    }

    /// The record's lines for the pages reused as they were, whose entries are known
    /// before anything is published: made beside the publish (at 100,000 articles, 197,000
    /// lines took 48–103 ms after it). [`RenderCache::save`] adds the pages written anew.
    pub fn draft_record(&self) -> RecordDraft {
        // Rendering is over: the lock is only read through, not contended.
        let rendered = self.rendered.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut text = String::with_capacity(rendered.len() * 96);
        text.push_str(HEADER);
        text.push('\n');
        let mut written = Vec::new();
        for (i, (rel, Stamp { fingerprint, .. }, reused)) in rendered.iter().enumerate() {
            match reused {
                Some(entry) => record_line(&mut text, *fingerprint, entry.len, entry.modified_ns, rel),
                None => written.push(i),
            }
        }
        // Not `with_extension`: the record's name has no extension to swap (`.public.tmp`).
        let file = Drafted::write(crate::output::sibling(&self.out, "render-cache.tmp"), text);
        RecordDraft { file, written }
    }

    /// Records every fingerprint noted this build with its file as published now: the
    /// `draft`'s lines, and each page written anew with its file's length and time. Called
    /// after a successful publish; a file that cannot be read is left out, so renders again.
    /// A reused page keeps its entry: publishing links that very file into the new site
    /// (were it copied instead, its new time would only make the next build render it).
    pub fn save(&self, draft: RecordDraft) -> std::io::Result<()> {
        let RecordDraft { mut file, written } = draft;
        let rendered = self.rendered.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut text = String::new();
        // Opened again: the folder held open at load is the previous site, swapped out.
        let published = Folder::open(&self.out);
        for (rel, Stamp { fingerprint, .. }, _) in written.into_iter().filter_map(|i| rendered.get(i)) {
            let Some(look) = published.look(rel).filter(Look::is_file) else { continue };
            let Some(modified) = look.modified_ns else { continue };
            record_line(&mut text, *fingerprint, look.len, modified, rel);
        }
        file.finish(&text, &record_file(&self.out))
    }
}

/// What [`RenderCache::draft_record`] makes: the record so far, in its temporary file, and
/// the pages still to add once published, by their place among the pages rendered.
#[derive(Debug)]
pub struct RecordDraft {
    file: Drafted,
    written: Vec<usize>,
}

/// The record's temporary file, written while the publish waits on the disk (at 100,000
/// articles its 20 MB took 50 ms after the publish, 2 ms at 10,000), and renamed into
/// place by `finish`; removed when dropped unfinished (a failed publish).
#[derive(Debug)]
struct Drafted {
    path: PathBuf,
    /// The open file, or the text when it could not be written (tried again at `finish`,
    /// which then reports the error).
    state: Option<Result<fs::File, String>>,
}

impl Drafted {
    fn write(path: PathBuf, text: String) -> Drafted {
        use std::io::Write as _;
        let file = fs::File::create(&path).and_then(|mut f| f.write_all(text.as_bytes()).map(|()| f));
        Drafted { path, state: Some(file.map_err(|_| text)) }
    }

    /// Adds `tail` and puts the file at `record`.
    fn finish(&mut self, tail: &str, record: &Path) -> std::io::Result<()> {
        use std::io::Write as _;
        let written = match self.state.take() {
            Some(Ok(mut file)) => file.write_all(tail.as_bytes()),
            Some(Err(text)) => fs::write(&self.path, text + tail),
            None => return Err(std::io::Error::other("the record was already saved")),
        };
        let saved = written.and_then(|()| fs::rename(&self.path, record));
        if saved.is_err() {
            let _ = fs::remove_file(&self.path);
        }
        saved
    }
}

impl Drop for Drafted {
    fn drop(&mut self) {
        if self.state.is_some() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// One line of the record, as `parse_line` reads it. The record's lines may come in any
/// order: it is read into a map.
fn record_line(text: &mut String, fingerprint: Fingerprint, len: u64, modified_ns: u128, rel: &str) {
    let _ = writeln!(text, "{fingerprint:032x} {len} {modified_ns} {rel}");
}

/// Last build's record as read: its text, and each line's entry found by its path. At
/// 100,000 articles it has 200,000 lines; read on one thread into a map keyed by a copy of
/// each path, it took about 100 ms (7 ms at 10,000) before rendering could start.
#[derive(Debug, Default)]
struct Record {
    text: String,
    /// Where each line's path is in `text`, and its entry, in the order of the lines:
    /// the order the last build rendered the pages in.
    entries: PathIndex<(Range<usize>, Entry)>,
}

impl Record {
    fn get(&self, rel: &str) -> Option<&Entry> {
        self.entries.get(rel, |(path, _)| self.text.get(path.clone())).map(|(_, entry)| entry)
    }
}

/// The record's entries; None when any line is not one careerpress wrote. Lines are read
/// on every thread, each path's hash with them.
fn parse(text: String) -> Option<Record> {
    let body = text.strip_prefix(HEADER)?.strip_prefix('\n')?;
    let lines: Vec<(u64, Range<usize>, Entry)> =
        body.par_split_terminator('\n').map(|line| parse_line(&text, line)).collect::<Option<_>>()?;
    let entries = PathIndex::new(lines.into_iter().map(|(hash, path, entry)| (hash, (path, entry))).collect());
    Some(Record { text, entries })
}

/// One line of the record (`line`, a slice of `text`): its path's hash, where the path is
/// in `text`, and its entry.
fn parse_line(text: &str, line: &str) -> Option<(u64, Range<usize>, Entry)> {
    let mut parts = line.splitn(4, ' ');
    let fingerprint = Fingerprint::from_str_radix(parts.next()?, 16).ok()?;
    let len = parts.next()?.parse().ok()?;
    let modified_ns = parts.next()?.parse().ok()?;
    let rel = parts.next()?;
    let start = rel.as_ptr() as usize - text.as_ptr() as usize;
    Some((xxh3_64(rel.as_bytes()), start..start + rel.len(), Entry { fingerprint, len, modified_ns }))
}

/// What every page's fingerprint starts from: what every template sees, and the careerpress
/// binary itself, so that a new version never reuses an old page (templates count per page).
pub fn seed(base: &tera::Context) -> Option<Fingerprint> {
    let exe = std::env::current_exe().and_then(fs::metadata).ok()?;
    let mut bytes = Vec::new();
    bytes.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    bytes.extend_from_slice(&exe.len().to_le_bytes());
    bytes.extend_from_slice(&modified_ns(&exe).unwrap_or_default().to_le_bytes());
    serde_json::to_writer(&mut bytes, &base.clone().into_json()).ok()?;
    Some(xxh3_128(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(drawn_with: u64) -> Template<'static> {
        Template { name: "page.html", drawn_with }
    }

    fn input(title: &str) -> InputHash {
        input_hash(&serde_json::json!({ "title": title })).unwrap()
    }

    /// A page drawn without a stamp (a template read the environment) loses the stamp it
    /// had, so that `serve` never takes it for the page that stamp described.
    #[test]
    fn a_page_drawn_without_a_stamp_forgets_its_old_one() {
        let old = Stamp { fingerprint: fingerprint(1, page(7), input("A")), input: input("A") };
        let kept = Stamp { fingerprint: fingerprint(1, page(7), input("B")), input: input("B") };
        let cache = RenderCache::in_memory(Fingerprints::from([("a".to_string(), old), ("b".to_string(), kept)]));
        cache.drawn_unstamped("a");
        let after = cache.into_updated_fingerprints();
        assert!(!after.contains_key("a"), "{after:?}");
        assert_eq!(after.get("b").map(|s| s.fingerprint), Some(kept.fingerprint), "a page not drawn keeps its stamp");
    }

    #[test]
    fn fingerprints_follow_every_input() {
        let a = fingerprint(1, page(7), input("A"));
        assert_eq!(a, fingerprint(1, page(7), input("A")));
        assert_ne!(a, fingerprint(2, page(7), input("A")));
        assert_ne!(a, fingerprint(1, Template { name: "other.html", drawn_with: 7 }, input("A")));
        assert_ne!(a, fingerprint(1, page(7), input("B")));
        assert_ne!(a, fingerprint(1, page(8), input("A")), "a template it is drawn with changed");
    }

    #[test]
    fn stamped_inputs_are_taken_only_when_known_unchanged() {
        let stamp = Stamp { fingerprint: fingerprint(1, page(7), input("A")), input: input("A") };
        let stamps = Fingerprints::from([("a/index.html".to_string(), stamp)]);
        let known = RenderCache::in_memory_inputs_known(stamps.clone());
        assert_eq!(known.known_input("a/index.html"), Some(input("A")));
        assert_eq!(known.known_input("b/index.html"), None, "never stamped: hashed");
        assert_eq!(RenderCache::in_memory(stamps).known_input("a/index.html"), None);
        assert_eq!(RenderCache::empty(Path::new("public")).known_input("a/index.html"), None);
        // Reused only under the same seed and template; the new stamp is kept either way.
        assert_eq!(known.reuse("a/index.html", stamp), Some((PathBuf::new(), None)));
        let moved = Stamp { fingerprint: fingerprint(2, page(7), input("A")), input: input("A") };
        assert_eq!(known.reuse("a/index.html", moved), None);
        assert_eq!(known.into_updated_fingerprints()["a/index.html"], moved);
    }

    #[test]
    fn a_published_file_is_reused_only_while_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("a")).unwrap();
        fs::write(out.join("a/index.html"), "<p>A</p>").unwrap();

        let first = RenderCache::load(&out);
        let stamp = |fingerprint| Stamp { fingerprint, input: 0 };
        assert_eq!(first.reuse("a/index.html", stamp(7)), None, "nothing recorded yet");
        first.save(first.draft_record()).unwrap();

        let second = RenderCache::load(&out);
        assert_eq!(second.reuse("a/index.html", stamp(8)), None, "another fingerprint");
        assert_eq!(second.reuse("a/index.html", stamp(7)).map(|(path, _)| path), Some(out.join("a/index.html")));
        assert_eq!(second.reuse("b/index.html", stamp(7)), None, "never recorded");

        // Someone edits the published file: its length or time no longer match.
        fs::write(out.join("a/index.html"), "<p>edited</p>").unwrap();
        assert_eq!(RenderCache::load(&out).reuse("a/index.html", stamp(7)), None);
    }

    #[test]
    fn the_record_is_drafted_before_the_publish_and_takes_the_written_pages_as_published() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for (page, text) in [("a", "<p>A</p>"), ("b", "<p>B</p>")] {
            fs::create_dir_all(out.join(page)).unwrap();
            fs::write(out.join(page).join("index.html"), text).unwrap();
        }
        let stamp = |fingerprint| Stamp { fingerprint, input: 0 };
        let first = RenderCache::load(&out);
        assert_eq!(first.reuse("a/index.html", stamp(1)), None);
        assert_eq!(first.reuse("b/index.html", stamp(2)), None);
        first.save(first.draft_record()).unwrap();

        // a is reused; b renders anew, and its new file is published after the draft.
        let second = RenderCache::load(&out);
        assert!(second.reuse("a/index.html", stamp(1)).is_some());
        assert_eq!(second.reuse("b/index.html", stamp(3)), None);
        let draft = second.draft_record();
        fs::write(out.join("b/index.html"), "<p>B, longer now</p>").unwrap();
        second.save(draft).unwrap();

        let third = RenderCache::load(&out);
        assert!(third.reuse("a/index.html", stamp(1)).is_some(), "a reused page keeps its entry");
        assert!(third.reuse("b/index.html", stamp(3)).is_some(), "b recorded as published, not as drafted");
        assert_eq!(third.reuse("b/index.html", stamp(2)), None);
    }

    #[test]
    fn the_drafted_record_is_in_place_once_saved_and_gone_when_the_publish_fails() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("a")).unwrap();
        fs::write(out.join("a/index.html"), "<p>A</p>").unwrap();
        let files = || {
            let mut names: Vec<String> =
                fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
            names.sort();
            names
        };
        let cache = RenderCache::load(&out);
        assert_eq!(cache.reuse("a/index.html", Stamp { fingerprint: 1, input: 0 }), None);
        let draft = cache.draft_record();
        assert_eq!(files(), [".public.careerpress-render-cache.tmp", "public"], "written beside the publish");
        drop(draft);
        assert_eq!(files(), ["public"], "a publish that fails leaves no temporary record");
        cache.save(cache.draft_record()).unwrap();
        assert_eq!(files(), [".public.careerpress-render-cache", "public"]);
        let record = fs::read_to_string(record_file(&out)).unwrap();
        assert!(record.starts_with(HEADER) && record.trim_end().ends_with(" a/index.html"), "{record}");
    }

    #[test]
    fn a_damaged_record_is_ignored() {
        let parse = |text: &str| parse(text.to_string());
        let record = parse("careerpress render cache 2\n00ff 3 12 a b/index.html\n0a 1 2 c/index.html\n").unwrap();
        assert_eq!(record.get("a b/index.html"), Some(&Entry { fingerprint: 0xff, len: 3, modified_ns: 12 }));
        assert_eq!(record.get("c/index.html"), Some(&Entry { fingerprint: 0xa, len: 1, modified_ns: 2 }));
        assert_eq!(record.get("a b"), None);
        assert_eq!(record.get("index.html"), None);
        assert!(parse("careerpress render cache 2\nnot a line\n").is_none());
        assert!(parse("careerpress render cache 1\n00ff 3 12 a/index.html\n").is_none(), "an older format");
        assert!(parse("careerpress render cache 2x\n").is_none());
        assert!(parse("something else\n").is_none());
        assert!(parse("").is_none());
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::write(record_file(&out), "garbage").unwrap();
        assert!(matches!(RenderCache::load(&out).previous, Previous::Record(record) if record.entries.is_empty()));
    }
}
