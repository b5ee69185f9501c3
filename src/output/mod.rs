//! Publishes a rendered site so that the output folder only ever holds a whole site: the
//! previous one or the new one. The new site is synced into a sibling staging folder
//! (writing only files that differ; a build writes each page there as soon as it is
//! rendered, through [`Stage::put`], so that it never holds the whole site in memory),
//! then the two folders are swapped with one atomic rename. The staging folder keeps the
//! previous site, which makes the next build's sync cheap: creating a file costs far more
//! here than comparing or overwriting one.

mod inside;
mod listing;

pub use inside::{Folder, Look};

use crate::error::{printable, Error, ErrorKind};
use crate::hashed::ByXxh3;
use anyhow::{Context as _, Result};
use listing::{DirKey, Known, Record, Seen};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;
use walkdir::WalkDir;

/// What a file of the built site holds.
#[derive(Debug, Clone)]
pub enum Data {
    Bytes(Vec<u8>),
    /// A file copied as it is, such as a stylesheet or an image.
    Copy(PathBuf),
    /// A page already published, at `path` in the output folder, exactly as this build
    /// would render it (see `site::cache`): linked into the new site rather than rewritten.
    /// `id` is the file it was when the build looked, so that publishing can see it is
    /// linked there already without looking again.
    Published {
        path: PathBuf,
        id: Option<FileId>,
    },
    /// Bytes already put at this path in the staging folder as they were rendered (see
    /// [`Stage::put`] and [`Stage::put_streamed`]), so that a build never holds the whole
    /// site in memory; `written` when they differed from what the folder held.
    Staged {
        path: PathBuf,
        written: bool,
    },
}

/// Which file a path names: its device and inode, on platforms that have them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    pub fn of(meta: &fs::Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId { dev: meta.dev(), ino: meta.ino() })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }
}

#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path inside the output folder, with `/` separators.
    pub rel: String,
    /// Which user file produced it, for messages about clashes.
    pub source: PathBuf,
    pub data: Data,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Folders of the staging folder whose entries were read from the disk, and those
    /// taken from the last record of it instead (see `listing`).
    pub folders_read: usize,
    pub folders_known: usize,
    /// Entries at the top of the output folder that the site does not make and
    /// `keep_in_output` does not name: the swap took them out of it (see [`Stage::keep`]).
    pub left: Vec<PathBuf>,
}

/// The sibling folder that holds the next site while it is being written.
pub fn staging_dir(out: &Path) -> PathBuf {
    sibling(out, "staging")
}

/// The render record's name beside the output (`site::cache::record_file`): only a build
/// writes it, so it tells a folder careerpress built, as the lock file does.
pub const RENDER_RECORD: &str = "render-cache";

pub use crate::published::sibling;

/// Makes a path absolute and resolves `..` and symlinks as far as the path exists.
pub fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut normal = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    let mut existing = normal.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canon) = existing.canonicalize() {
            let mut out = canon;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return normal,
        }
    }
}

/// Links followed before a chain of them counts as a loop (Linux's own limit).
const MAX_LINK_HOPS: usize = 40;

/// The folder a build publishes into for `--output out`: `out` itself, or, when `out` is
/// a symlink, the folder it leads to (through every link; made absolute). Publishing swaps
/// folders by renaming them, which would replace the link itself, leaving whatever serves
/// its target with the old site; so the swap happens at the target, with the staging
/// folder, the lock and the render record beside it, and the link is never touched.
pub fn publish_dir(out: &Path) -> Result<PathBuf, Error> {
    if !fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(out.to_path_buf());
    }
    if let Ok(real) = out.canonicalize() {
        return Ok(real);
    }
    // A link to a folder that does not exist yet: the first build creates it.
    let mut path = out.to_path_buf();
    for _ in 0..MAX_LINK_HOPS {
        let Ok(target) = fs::read_link(&path) else { return Ok(resolve(&path)) };
        path = path.parent().map_or_else(|| target.clone(), |parent| parent.join(&target));
    }
    Err(Error::new(ErrorKind::Output, out, "this output folder is a symlink loop: its links lead back round to it"))
}

/// Refuses output folders that would overwrite or swallow the site's own sources.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), Error> {
    let root = resolve(root);
    let resolved = resolve(&publish_dir(out)?);
    let refuse =
        |why: String| Err(Error::new(ErrorKind::Output, out, format!("refusing to write the site here: {why}")));
    if resolved == root {
        return refuse("it is the site root".into());
    }
    if root.starts_with(&resolved) {
        return refuse("it contains the site root".into());
    }
    for name in ["content", crate::config::CONFIG_FILE] {
        if resolved.join(name).exists() {
            return refuse(format!("it contains `{name}`, so it looks like a site's sources"));
        }
    }
    for dir in ["content", "themes", "static", "templates", crate::data::DATA_DIR] {
        if resolved.starts_with(root.join(dir)) {
            return refuse(format!("it is inside the site's `{dir}/` folder"));
        }
    }
    if resolved.parent().is_none() || resolved.file_name().is_none() {
        return refuse("it has no parent folder".into());
    }
    if resolved.exists() && !resolved.is_dir() {
        return refuse("it is a file, not a folder".into());
    }
    // Publishing replaces the folder's whole content. A folder careerpress has published
    // before has its lock file beside it, and its render record unless that was removed;
    // anything else with files in it is the user's.
    let lock = sibling(&resolved, "lock");
    let ours = lock.exists() || sibling(&resolved, RENDER_RECORD).exists();
    let has_entries = fs::read_dir(&resolved).is_ok_and(|mut entries| entries.next().is_some());
    if has_entries && !ours {
        let lock_name = lock.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        return refuse(format!(
            "it already holds files careerpress did not write (a folder it built has {lock_name} beside it), and a \
             build replaces everything in it: empty or remove it, or choose another --output"
        ));
    }
    Ok(())
}

/// Writes `files` as the complete content of `out` (of the folder it links to, when it is
/// a symlink: see `publish_dir`). On error, `out` is untouched.
pub fn publish(out: &Path, files: &[OutputFile]) -> Result<PublishStats> {
    Stage::begin(out)?.publish(files)
}

/// A publication under way: the output folder locked, and its staging folder taking pages
/// as they are rendered, so that the build's memory holds no more than the pages in
/// flight. Dropped without [`Stage::publish`] (a failed build), the staging folder is
/// removed: it may hold half a site, and on a full disk the last free space.
pub struct Stage {
    out: PathBuf,
    staging: PathBuf,
    _lock: fs::File,
    /// The first write that failed; the rest are then not attempted.
    failed: Mutex<Option<anyhow::Error>>,
    /// Folders of the staging folder known to exist, so that each is looked at once.
    dirs: Mutex<HashSet<String>>,
    /// Whether the sync may take folders from the last record of the staging folder.
    trust_listing: bool,
    /// Names at the top of the output folder that the swap leaves there (see `keep`).
    keep: Vec<String>,
    published: bool,
}

impl Stage {
    /// Locks `out` (the folder it links to, if a symlink) and readies its staging folder:
    /// the previous site, kept by the last publish, or a hard-link clone of `out`.
    pub fn begin(out: &Path) -> Result<Stage> {
        let out = publish_dir(out)?;
        let lock = lock(&out)?;
        let staging = staging_dir(&out);
        recover_interrupted_swap(&out, &staging)?;
        if !staging.exists() {
            // The next site is staged beside `out`, so its folder must be writable too.
            let why = || format!("cannot prepare the new site beside {}", printable(&out));
            if out.is_dir() {
                clone_with_hard_links(&out, &staging).with_context(why)?;
            } else {
                fs::create_dir_all(&staging)
                    .with_context(|| format!("cannot create {}", printable(&staging)))
                    .with_context(why)?;
            }
        }
        Ok(Stage {
            out,
            staging,
            _lock: lock,
            failed: Mutex::new(None),
            dirs: Mutex::new(HashSet::new()),
            trust_listing: true,
            keep: Vec::new(),
            published: false,
        })
    }

    /// Entries at the top of the output folder (`.git`, a `CNAME` written by hand) that
    /// the publish leaves in place although the site does not make them. Any other entry
    /// the site does not make leaves the output folder with the swap, and the publish
    /// names it (`PublishStats::left`): a deploy repository's `.git` is not lost unsaid.
    pub fn keep(&mut self, names: &[String]) {
        self.keep = names.to_vec();
    }

    /// Makes the publish read every folder of the staging folder, as `--render-all` asks
    /// when nothing from earlier builds is to be trusted.
    pub fn read_every_folder(&mut self) {
        self.trust_listing = false;
    }

    /// Puts a rendered file into the staging folder now, and returns what stands for it
    /// there. Anything but bytes at a clean path is left for [`Stage::publish`]; so is
    /// everything once a write has failed, which `publish` then reports.
    pub fn put(&self, file: OutputFile) -> OutputFile {
        let OutputFile { rel, source, data } = file;
        let Data::Bytes(bytes) = data else { return OutputFile { rel, source, data } };
        if unsafe_rel(&rel).is_some() || self.failed.lock().map_or(true, |f| f.is_some()) {
            return OutputFile { rel, source, data: Data::Bytes(bytes) };
        }
        let path = self.staging.join(&rel);
        let data = Data::Bytes(bytes);
        match stage_file(&self.staging, &rel, &data, &self.dirs) {
            Ok(written) => OutputFile { rel, source, data: Data::Staged { path, written } },
            Err(e) => {
                let e = e.context(format!("cannot publish {} (made from {})", printable(&rel), printable(&source)));
                if let Ok(mut failed) = self.failed.lock() {
                    failed.get_or_insert(e);
                }
                OutputFile { rel, source, data }
            }
        }
    }

    /// Puts a file into the staging folder as `write` makes it, a piece at a time, and
    /// returns what stands for it there: for files too large to hold whole (the job
    /// board's feeds carry every open listing: 135 MB of JSON at 20,000 listings). Like
    /// [`Stage::put`], a file that holds these bytes already is left as it is.
    pub fn put_streamed(
        &self,
        rel: String,
        source: PathBuf,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> OutputFile {
        let path = self.staging.join(&rel);
        // Either way `publish` fails before writing anything, so the bytes (which can run to
        // hundreds of megabytes) are not made at all.
        if unsafe_rel(&rel).is_some() {
            return OutputFile { rel, source, data: Data::Bytes(Vec::new()) };
        }
        if self.failed.lock().map_or(true, |f| f.is_some()) {
            return OutputFile { rel, source, data: Data::Staged { path, written: true } };
        }
        let staged = stage_dir(&self.staging, &rel, &self.dirs).and_then(|()| {
            let mut out = std::io::BufWriter::with_capacity(STREAM_BUFFER, Streamed::open(&path)?);
            write(&mut out).and_then(|()| out.flush()).with_context(|| format!("cannot write {}", printable(&path)))?;
            let streamed = out.into_inner().map_err(|e| anyhow::anyhow!("cannot write {}: {}", printable(&path), e))?;
            streamed.finish()
        });
        match staged {
            Ok(written) => OutputFile { rel, source, data: Data::Staged { path, written } },
            Err(e) => {
                let e = e.context(format!("cannot publish {} (made from {})", printable(&rel), printable(&source)));
                if let Ok(mut failed) = self.failed.lock() {
                    failed.get_or_insert(e);
                }
                OutputFile { rel, source, data: Data::Staged { path, written: true } }
            }
        }
    }

    /// Makes the staging folder hold exactly `files`, then swaps it into place. The output
    /// folder stays locked until the `Stage` is dropped, so that what is written about the
    /// published site (the render record) is written before another build may start.
    pub fn publish(&mut self, files: &[OutputFile]) -> Result<PublishStats> {
        if let Some(e) = self.failed.lock().ok().and_then(|mut f| f.take()) {
            return Err(e);
        }
        // Rendering already refuses such paths with the file that made them; this is the last
        // guard before anything is written.
        if let Some(f) = files.iter().find(|f| unsafe_rel(&f.rel).is_some()) {
            anyhow::bail!(
                "refusing to write {:?} from {}: not a path inside the output folder",
                f.rel,
                printable(&f.source)
            );
        }
        phase_for_tests("staging");
        let root = fs::metadata(&self.staging).ok().as_ref().and_then(FileId::of);
        // Taken before the sync looks at any folder: see `listing`.
        let reference = listing::reference(&self._lock);
        let record = root
            .filter(|_| self.trust_listing)
            .and_then(|root| Record::read(&sibling(&self.out, STAGING_LISTING), root));
        let (stats, seen) = sync(&self.staging, files, record.as_ref().and_then(Record::known).as_ref())?;
        // Freed before the new record is made: both run to megabytes at 100,000 articles.
        drop(record);
        pause_before_swap_for_tests();
        phase_for_tests("swap");
        // Each file's first path segment, taken once for both uses below.
        let top: HashSet<&str> = files.iter().map(|f| f.rel.split('/').next().unwrap_or_default()).collect();
        let (kept, gone) = strays(&self.out, &top, &self.keep);
        let left = not_published(&self.out, &gone);
        carry(&self.out, &self.staging, &kept)?;
        // From here the staging folder is the previous site, or, if the swap failed, the
        // whole new one: either is worth keeping for the next build.
        self.published = true;
        if let Err(e) = swap_into_place(&self.staging, &self.out) {
            let _ = carry(&self.staging, &self.out, &kept);
            return Err(e);
        }
        keep_listing(&self.out, root, reference, &seen);
        record_top_level(&self.out, &top);
        Ok(PublishStats { left, ..stats })
    }
}

/// The entries at the top of `out` that are not among `made` (the names at the top of
/// the new site), parted into those `keep` names and the rest. The litter of file managers
/// (`.DS_Store`) is in neither: it goes unsaid.
fn strays(out: &Path, made: &HashSet<&str>, keep: &[String]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    const LITTER: [&str; 3] = [".DS_Store", "Thumbs.db", "desktop.ini"];
    let Ok(entries) = fs::read_dir(out) else { return Default::default() };
    let names = entries.filter_map(|e| e.ok()).map(|e| e.file_name());
    let stray = names.filter(|n| n.to_str().is_none_or(|n| !made.contains(n) && !LITTER.contains(&n)));
    stray.map(PathBuf::from).partition(|n| n.to_str().is_some_and(|n| keep.iter().any(|k| k == n)))
}

/// Of `names` at the top of `out`, those the build that published `out` did not make, as
/// its record of them says (all of them without one): what the author put there by hand.
fn not_published(out: &Path, names: &[PathBuf]) -> Vec<PathBuf> {
    if names.is_empty() {
        return Vec::new();
    }
    let record = fs::read_to_string(sibling(out, TOP_LEVEL)).unwrap_or_default();
    let made: HashSet<&str> = record.lines().collect();
    names.iter().filter(|n| n.to_str().is_none_or(|n| !made.contains(n))).cloned().collect()
}

/// Writes down the names at the top of the site just published, for the next publish's
/// [`not_published`]. Only a hint: without it, what leaves the folder is all named.
fn record_top_level(out: &Path, made: &HashSet<&str>) {
    let mut names: Vec<&str> = made.iter().copied().filter(|n| !n.contains(['\n', '\r'])).collect();
    names.sort_unstable();
    let text: String = names.into_iter().map(|n| format!("{n}\n")).collect();
    if fs::write(sibling(out, TOP_LEVEL), text).is_err() {
        let _ = fs::remove_file(sibling(out, TOP_LEVEL));
    }
}

/// Moves each of `names` from the top of `from` to the top of `to`.
fn carry(from: &Path, to: &Path, names: &[PathBuf]) -> Result<()> {
    for name in names {
        let (src, dest) = (from.join(name), to.join(name));
        fs::rename(&src, &dest)
            .with_context(|| format!("cannot keep {} in the new site (keep_in_output)", printable(&src)))?;
    }
    Ok(())
}

/// The record of the published folder, and of the staging folder, beside `out`.
const LISTING: &str = "listing";
const STAGING_LISTING: &str = "staging-listing";
/// The names at the top of the published folder that the site made (see `strays`).
const TOP_LEVEL: &str = "top-level";

/// After a swap, the record of the folder published before goes with it to the staging
/// folder, and what this sync saw becomes the published folder's. Only a hint: a record
/// that cannot be written means reading every folder two builds from now.
fn keep_listing(out: &Path, root: Option<FileId>, reference: Option<listing::Stamp>, seen: &[Seen<'_>]) {
    let (published, staged) = (sibling(out, LISTING), sibling(out, STAGING_LISTING));
    if fs::rename(&published, &staged).is_err() {
        let _ = fs::remove_file(&staged);
    }
    let Some(root) = root else { return };
    let partial = sibling(out, "listing-partial");
    if fs::write(&partial, listing::text(root, reference, seen)).is_err() || fs::rename(&partial, &published).is_err() {
        let _ = fs::remove_file(&partial);
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_dir_all(&self.staging);
            let _ = fs::remove_file(sibling(&self.out, STAGING_LISTING));
        }
    }
}

/// Writes one file under `staging`, first making its folder unless `dirs` knows it is
/// there: the staging folder holds the site before last (or nothing, on a first build),
/// where a file may stand where this build wants a folder.
fn stage_file(staging: &Path, rel: &str, data: &Data, dirs: &Mutex<HashSet<String>>) -> Result<bool> {
    stage_dir(staging, rel, dirs)?;
    write_if_changed(&staging.join(rel), data)
}

/// Makes the folder `rel` goes in under `staging`, unless `dirs` knows it is there.
fn stage_dir(staging: &Path, rel: &str, dirs: &Mutex<HashSet<String>>) -> Result<()> {
    if let Some((dir, _)) = rel.rsplit_once('/') {
        let known = dirs.lock().is_ok_and(|d| d.contains(dir));
        if !known {
            if !fs::symlink_metadata(staging.join(dir)).is_ok_and(|m| m.is_dir()) {
                make_dirs(staging, dir)?;
            }
            if let Ok(mut d) = dirs.lock() {
                d.insert(dir.to_string());
            }
        }
    }
    Ok(())
}

/// Creates `rel` (a folder path) under `base`, replacing any file in its way. Safe while
/// other threads do the same: a folder another made first is taken as made.
fn make_dirs(base: &Path, rel: &str) -> Result<()> {
    let mut path = base.to_path_buf();
    for part in rel.split('/') {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => continue,
            Ok(_) => match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("cannot replace {}", printable(&path))),
            },
            Err(_) => {}
        }
        match fs::create_dir(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => {}
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", printable(&path))),
        }
    }
    Ok(())
}

/// Why `rel` cannot be a path inside the output folder, if it cannot: it must be relative,
/// with no empty, `.` or `..` segment, so that joining it never leaves the folder.
pub fn unsafe_rel(rel: &str) -> Option<&'static str> {
    if rel.is_empty() {
        return Some("it is empty");
    }
    if rel.starts_with('/') {
        return Some("it starts with /");
    }
    if rel.contains(['\\', '\0']) {
        return Some("it holds a backslash or NUL");
    }
    if rel.split('/').any(|s| s.is_empty() || s == "." || s == "..") {
        return Some("it has an empty, . or .. part");
    }
    None
}

/// Output files whose paths differ only in case (`Welcome/index.html` beside
/// `welcome/index.html`, `CV.pdf` beside `cv.pdf`). On the disks macOS and Windows use by
/// default, which ignore case, the second written replaces the first, so the site built
/// there loses a page. Linux keeps both, so it is a warning, not an error. A path needs a
/// letter with an upper-case form to clash at all: a site whose paths are all lower-case
/// ASCII pays one scan of its paths' bytes.
pub fn case_clashes(files: &[OutputFile]) -> Vec<Error> {
    let folded = |rel: &str| rel.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii());
    let mut by_lower: HashMap<String, &OutputFile> = HashMap::new();
    let mut clashes = Vec::new();
    let mut clash = |f: &OutputFile, other: &OutputFile| {
        clashes.push(Error::new(
            ErrorKind::DuplicateUrl,
            &f.source,
            format!(
                "output file {} differs from {} (made from {}) only in case: on macOS and Windows, whose disks \
                 ignore case, one replaces the other; rename one of them",
                printable(&f.rel),
                printable(&other.rel),
                printable(&other.source)
            ),
        ))
    };
    for f in files.iter().filter(|f| folded(&f.rel)) {
        let lower = f.rel.to_lowercase();
        match by_lower.get(&lower) {
            Some(other) => clash(f, other),
            None => {
                by_lower.insert(lower, f);
            }
        }
    }
    if by_lower.is_empty() {
        return clashes;
    }
    for f in files.iter().filter(|f| !folded(&f.rel)) {
        if let Some(other) = by_lower.get(&f.rel) {
            clash(other, f);
        }
    }
    clashes.extend(folder_case_clashes(files, folded));
    clashes
}

/// A folder of a path with capitals that is a file's name but for case: an alias
/// `/ATOM.XML` makes `ATOM.XML/index.html` beside the feed `atom.xml`, and a case-blind
/// disk cannot hold both. Named at the file in that folder.
fn folder_case_clashes(files: &[OutputFile], folded: impl Fn(&str) -> bool) -> Vec<Error> {
    let mut folders: HashMap<String, (&str, &OutputFile)> = HashMap::new();
    for f in files.iter().filter(|f| folded(&f.rel)) {
        let mut rel = f.rel.as_str();
        while let Some((dir, _)) = rel.rsplit_once('/') {
            folders.entry(dir.to_lowercase()).or_insert((dir, f));
            rel = dir;
        }
    }
    let mut clashes = Vec::new();
    for f in files {
        let lower = if folded(&f.rel) { std::borrow::Cow::Owned(f.rel.to_lowercase()) } else { (&f.rel).into() };
        let Some(&(dir, inside)) = folders.get(lower.as_ref()).filter(|(dir, _)| *dir != f.rel) else { continue };
        clashes.push(Error::new(
            ErrorKind::DuplicateUrl,
            &inside.source,
            format!(
                "output folder {}/ (for {}) and the file {} (made from {}) differ only in case: on macOS and \
                 Windows, whose disks ignore case, they cannot both be written; rename one of them",
                printable(dir),
                printable(&inside.rel),
                printable(&f.rel),
                printable(&f.source)
            ),
        ));
    }
    clashes
}

/// Set (to anything), a build names each phase on stderr as it enters it (`careerpress:
/// phase load`, `render`, `staging`, `swap`). Hidden and for tests only: it lets
/// tests/suite/build_killed.rs show that its kills landed in every phase.
pub const TEST_PHASES_ENV: &str = "CAREERPRESS_TEST_PHASES";

/// Names `phase` on stderr when [`TEST_PHASES_ENV`] is set.
pub fn phase_for_tests(phase: &str) {
    if std::env::var_os(TEST_PHASES_ENV).is_some() {
        errln!("careerpress: phase {phase}");
    }
}

/// Set to a number of milliseconds, a build says so on stderr once the staging folder is
/// synced and waits that long before the swap. Hidden and for tests only: it lets
/// tests/suite/build_killed.rs kill a build inside the publish window on purpose.
pub const TEST_PUBLISH_PAUSE_ENV: &str = "CAREERPRESS_TEST_PUBLISH_PAUSE_MS";

/// Like [`TEST_PUBLISH_PAUSE_ENV`], with half the files of the staging folder written.
pub const TEST_STAGING_PAUSE_ENV: &str = "CAREERPRESS_TEST_STAGING_PAUSE_MS";

fn pause_before_swap_for_tests() {
    pause_for_tests(TEST_PUBLISH_PAUSE_ENV, "staging synced");
}

/// Says `what` on stderr and waits the milliseconds `env` holds, when it is set.
fn pause_for_tests(env: &str, what: &str) {
    if let Some(ms) = std::env::var(env).ok().and_then(|v| v.parse().ok()) {
        errln!("careerpress: {what}, pausing {ms} ms");
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Two builds into one output folder would interleave their staging writes: the second
/// waits for the first, saying so, since a silent wait looks like a hang. The lock is
/// released when the returned file is dropped (or the process dies).
fn lock(out: &Path) -> Result<fs::File> {
    let path = sibling(out, "lock");
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("cannot create {}", printable(&parent)))?;
    }
    let mut file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open the lock file {}", printable(&path)))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            errln!("{}", waiting_message(out, &path));
            file.lock().with_context(|| format!("cannot lock {}", printable(&path)))?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(e).with_context(|| format!("cannot lock {}", printable(&path))),
    }
    // Only a hint for a build that has to wait, so a failure to write it is no failure.
    let _ = write_holder(&mut file);
    Ok(file)
}

/// Puts this process's id in the lock file it holds, for a waiting build to name.
fn write_holder(file: &mut fs::File) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(format!("{}\n", std::process::id()).as_bytes())
}

/// What a build waiting for the lock says: the folder, and the holder's process id when
/// its lock file has one.
fn waiting_message(out: &Path, lock: &Path) -> String {
    let holder = fs::read_to_string(lock).ok().and_then(|text| text.trim().parse::<u32>().ok());
    let holder = holder.map(|pid| format!(" (process {pid})")).unwrap_or_default();
    format!("careerpress: waiting for another careerpress build into {}{holder} to finish", printable(&out))
}

/// What a sync did, and what it saw of each folder.
type Synced<'a> = (PublishStats, Vec<Seen<'a>>);

/// Makes `staging` hold exactly `files`, touching only what differs, with what `known`
/// says of its folders (see `listing`). Returns what it saw of each folder, for the record.
fn sync<'a>(staging: &Path, files: &'a [OutputFile], known: Option<&Known<'_>>) -> Result<Synced<'a>> {
    let wanted = Wanted::of(files);
    let looks = Looks::new(staging, known);
    let removed = prune(staging, "", &wanted, &looks)?;
    let mut missing: Vec<&str> =
        wanted.dirs.iter().filter(|(_, &i)| !wanted.dir_found[i].load(Relaxed)).map(|(&d, _)| d).collect();
    missing.sort_unstable();
    // Folders this sync changes after looking at them: their key no longer says what they hold.
    let changed: Mutex<HashSet<&str>> = Mutex::new(missing.iter().map(|dir| parent_of(dir)).collect());
    for dir in missing {
        let path = staging.join(dir);
        fs::create_dir_all(&path).with_context(|| format!("cannot create {}", printable(&path)))?;
    }
    let staging_dev = fs::metadata(staging).ok().as_ref().and_then(FileId::of).map(|id| id.dev);
    // A reused page already linked into the staging folder (as every page unchanged since
    // the build before last is) needs no look at either file: at 100,000 articles those two
    // looks per page were most of what a rebuild's publish had left to do.
    let linked_already = |i: usize| match &files[i].data {
        Data::Published { id: Some(id), .. } => {
            staging_dev == Some(id.dev) && wanted.file_inode[i].load(Relaxed) == id.ino
        }
        _ => false,
    };
    let write_all = |range: std::ops::Range<usize>| {
        range
            .into_par_iter()
            .map(|i| -> Result<bool> {
                let f = &files[i];
                if let Data::Staged { written, .. } = f.data {
                    return Ok(written);
                }
                if linked_already(i) {
                    return Ok(false);
                }
                let written = write_if_changed(&staging.join(&f.rel), &f.data).with_context(|| {
                    format!("cannot publish {} (made from {})", printable(&f.rel), printable(&f.source))
                })?;
                if written {
                    changed
                        .lock()
                        .map_err(|_| anyhow::anyhow!("a publishing thread failed"))?
                        .insert(parent_of(&f.rel));
                }
                Ok(written)
            })
            .try_fold(|| 0usize, |n, r| r.map(|w| n + usize::from(w)))
            .try_reduce(|| 0, |a, b| Ok(a + b))
    };
    // In two halves only so that a test can stop a build with half the files written.
    let half = files.len() / 2;
    let mut written = write_all(0..half)?;
    pause_for_tests(TEST_STAGING_PAUSE_ENV, "half the staging folder written");
    written += write_all(half..files.len())?;
    let (folders_read, folders_known) = (looks.read.load(Relaxed), looks.taken.load(Relaxed));
    let unchanged = files.len() - written;
    let stats = PublishStats { written, unchanged, removed, folders_read, folders_known, left: Vec::new() };
    Ok((stats, looks.seen_unless(changed.into_inner().unwrap_or_default())))
}

/// The folder a path of the output is in, `""` for the top.
fn parent_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// How [`prune`] finds each folder's entries, and what it saw.
struct Looks<'k, 'a> {
    /// The staging folder, held open for the look at each of its folders.
    staging: Folder,
    /// The last record of the staging folder, when there is one.
    known: Option<&'k Known<'k>>,
    seen: Mutex<Vec<Seen<'a>>>,
    read: AtomicUsize,
    taken: AtomicUsize,
}

/// A folder's entry, as the disk or the record gives it.
struct Found<'n> {
    name: Cow<'n, OsStr>,
    is_dir: bool,
    /// 0 where unknown: no file has inode 0.
    ino: u64,
}

impl<'k, 'a> Looks<'k, 'a> {
    fn new(staging: &Path, known: Option<&'k Known<'k>>) -> Self {
        let (read, taken) = (AtomicUsize::new(0), AtomicUsize::new(0));
        Looks { staging: Folder::open(staging), known, seen: Mutex::new(Vec::new()), read, taken }
    }

    /// What the sync saw of each folder, with no key for those it changed after looking.
    fn seen_unless(self, changed: HashSet<&str>) -> Vec<Seen<'a>> {
        let mut seen = self.seen.into_inner().unwrap_or_default();
        for s in seen.iter_mut().filter(|s| changed.contains(s.rel)) {
            s.key = None;
        }
        seen
    }

    /// The entries of `dir`, at `rel` in the staging folder: from the record when the
    /// folder is the one recorded, unchanged since, else from the disk.
    fn entries(&self, dir: &Path, rel: &str, key: Option<DirKey>) -> Result<Vec<Found<'k>>> {
        let found = |entry| match entry {
            listing::Entry::File { name, ino } => Found { name: Cow::Borrowed(OsStr::new(name)), is_dir: false, ino },
            listing::Entry::Dir { name } => Found { name: Cow::Borrowed(OsStr::new(name)), is_dir: true, ino: 0 },
        };
        if let Some(known) = self.known.and_then(|k| k.entries(rel, key, found)) {
            self.taken.fetch_add(1, Relaxed);
            return Ok(known);
        }
        self.read.fetch_add(1, Relaxed);
        entries(dir)?
            .into_iter()
            .map(|entry| {
                let is_dir =
                    entry.file_type().with_context(|| format!("cannot read {}", printable(&entry.path())))?.is_dir();
                Ok(Found { ino: inode(&entry).unwrap_or(0), name: Cow::Owned(entry.file_name()), is_dir })
            })
            .collect()
    }
}

/// The paths a build publishes, files and the folders that hold them, each with a slot
/// that [`prune`] fills in (from several threads) when it finds it already there.
struct Wanted<'a> {
    /// The build's files.
    list: &'a [OutputFile],
    /// Index into the build's files.
    files: HashMap<&'a str, usize, ByXxh3>,
    /// Each folder a file is in, its parents included: slices of the files' paths.
    dirs: HashMap<&'a str, usize, ByXxh3>,
    /// The inode of the file found at each wanted path, or 0 (no file has inode 0).
    file_inode: Vec<AtomicU64>,
    dir_found: Vec<AtomicBool>,
}

impl<'a> Wanted<'a> {
    /// Made on one thread before the staging folder is walked: at 100,000 articles its
    /// 200,000 folders were each copied into a `String` and hashed twice (64–66 ms).
    fn of(files: &'a [OutputFile]) -> Wanted<'a> {
        // Most pages are the one file of their own folder: about as many folders as files.
        let mut dirs: HashMap<&str, usize, ByXxh3> = HashMap::with_capacity_and_hasher(files.len(), ByXxh3::default());
        for f in files {
            let mut rel = f.rel.as_str();
            while let Some((dir, _)) = rel.rsplit_once('/') {
                let next = dirs.len();
                match dirs.entry(dir) {
                    std::collections::hash_map::Entry::Occupied(_) => break,
                    std::collections::hash_map::Entry::Vacant(slot) => slot.insert(next),
                };
                rel = dir;
            }
        }
        Wanted {
            list: files,
            files: files.iter().enumerate().map(|(i, f)| (f.rel.as_str(), i)).collect(),
            file_inode: files.iter().map(|_| AtomicU64::new(0)).collect(),
            dir_found: dirs.iter().map(|_| AtomicBool::new(false)).collect(),
            dirs,
        }
    }
}

/// Removes from `dir` (at `rel` in the staging folder) everything the build does not
/// want, notes in `wanted` what it keeps, and returns how many files went. Each folder's
/// entries are looked at in parallel: at 100,000 articles the staging folder holds 200,000
/// folders, and walking them one by one was the longest wait of a rebuild's publish.
fn prune<'a>(dir: &Path, rel: &'a str, wanted: &Wanted<'a>, looks: &Looks<'_, 'a>) -> Result<usize> {
    // Taken before the entries are read, so that a change in between shows next time.
    let key = looks.staging.look(rel).as_ref().and_then(DirKey::of);
    let found = looks.entries(dir, rel, key)?;
    let each = |f: &Found<'_>| prune_entry(dir, f, rel, wanted, looks);
    // Most folders hold one page's index.html: handing each to the thread pool cost more
    // in task switches than looking at it (a twentieth of a 100,000-article rebuild).
    let outcomes: Vec<Pruned<'a>> = if found.len() < PRUNE_IN_PARALLEL_FROM {
        found.iter().map(each).collect::<Result<_>>()?
    } else {
        found.par_iter().map(each).collect::<Result<_>>()?
    };
    let mut removed = 0;
    let mut removed_here = false;
    let (mut files, mut dirs) = (Vec::new(), Vec::new());
    for outcome in outcomes {
        match outcome {
            Pruned::File(name, ino) => files.push((name, ino)),
            Pruned::Dir(name, n) => {
                dirs.push(name);
                removed += n;
            }
            Pruned::Removed(n) => (removed, removed_here) = (removed + n, true),
        }
    }
    let key = key.filter(|_| !removed_here);
    looks.seen.lock().map_err(|_| anyhow::anyhow!("a publishing thread failed"))?.push(Seen { rel, key, files, dirs });
    Ok(removed)
}

/// What [`prune`] did with one entry of a folder.
enum Pruned<'a> {
    /// A wanted file, kept: its name, and its inode.
    File(&'a str, u64),
    /// A wanted folder, kept: its name, and how many files went from it.
    Dir(&'a str, usize),
    /// Not wanted: how many files went with it.
    Removed(usize),
}

/// Folders with fewer entries than this are pruned on the calling thread.
const PRUNE_IN_PARALLEL_FROM: usize = 8;

/// [`prune`] for one entry of the folder `dir`, at `rel`.
fn prune_entry<'a>(
    dir: &Path,
    entry: &Found<'_>,
    rel: &str,
    wanted: &Wanted<'a>,
    looks: &Looks<'_, 'a>,
) -> Result<Pruned<'a>> {
    // A name that is not UTF-8 is never one the build wrote.
    let child = entry.name.to_str().map(|name| match rel {
        "" => name.to_string(),
        _ => format!("{rel}/{name}"),
    });
    if let Some(child) = child {
        if let (true, Some((&kept, &i))) = (entry.is_dir, wanted.dirs.get_key_value(child.as_str())) {
            wanted.dir_found[i].store(true, Relaxed);
            let name = kept.rsplit_once('/').map_or(kept, |(_, name)| name);
            return prune(&dir.join(&entry.name), kept, wanted, looks).map(|removed| Pruned::Dir(name, removed));
        }
        if let (false, Some(&i)) = (entry.is_dir, wanted.files.get(child.as_str())) {
            wanted.file_inode[i].store(entry.ino, Relaxed);
            let rel = wanted.list[i].rel.as_str();
            return Ok(Pruned::File(rel.rsplit_once('/').map_or(rel, |(_, name)| name), entry.ino));
        }
    }
    let path = dir.join(&entry.name);
    if entry.is_dir {
        // Only counted for the report: what cannot be read fails the removal.
        let removed = WalkDir::new(&path).into_iter().flatten().filter(|e| !e.file_type().is_dir()).count();
        fs::remove_dir_all(&path).with_context(|| format!("cannot remove {}", printable(&path)))?;
        Ok(Pruned::Removed(removed))
    } else {
        fs::remove_file(&path).with_context(|| format!("cannot remove {}", printable(&path)))?;
        Ok(Pruned::Removed(1))
    }
}

/// The entries of folder `dir`, listed whole so that they can be handled in parallel.
fn entries(dir: &Path) -> Result<Vec<fs::DirEntry>> {
    fs::read_dir(dir)
        .and_then(|entries| entries.collect::<std::io::Result<Vec<_>>>())
        .with_context(|| format!("cannot read {}", printable(&dir)))
}

/// The inode of a folder entry, as the folder listing gives it (no look at the file).
fn inode(entry: &fs::DirEntry) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirEntryExt;
        Some(entry.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = entry;
        None
    }
}

/// A file shared with the live site by a hard link must be replaced, never overwritten.
fn is_shared(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}

/// Whether two metadata are of one file (one inode), as a hard link makes them.
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// `write`'s bytes, gathered in memory: where there is no staging folder to stream to.
pub fn in_memory(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing into a Vec never fails, so an error can only be made up by `write` itself;
    // the feeds' writers return none of their own.
    let made = write(&mut bytes);
    debug_assert!(made.is_ok(), "writing into memory failed: {made:?}");
    bytes
}

/// How much of a streamed file is compared, or written, at a time.
const STREAM_BUFFER: usize = 64 * 1024;

/// A staged file being made a piece at a time. While the bytes written match the file
/// already there, nothing is written; at the first difference the bytes matched so far
/// are copied from the old file into a new one beside it, which then takes the rest and,
/// at `finish`, replaces the old file by rename (never writing through a hard link that
/// the published site shares).
struct Streamed {
    dest: PathBuf,
    /// The file already at `dest`, while every byte so far matched it.
    old: Option<std::io::BufReader<fs::File>>,
    matched: u64,
    /// The new file, once the bytes differ (or there was no old file).
    new: Option<(PathBuf, fs::File)>,
}

impl Streamed {
    /// Starts making `dest`: compared against the regular file already there, if any; a
    /// folder or symlink there is removed first, as [`write_if_changed`] does.
    fn open(dest: &Path) -> Result<Streamed> {
        let old = match fs::symlink_metadata(dest) {
            Ok(meta) if meta.is_file() => fs::File::open(dest).ok(),
            Ok(_) => {
                fs::remove_dir_all(dest)
                    .or_else(|_| fs::remove_file(dest))
                    .with_context(|| format!("cannot replace {}", printable(&dest)))?;
                None
            }
            Err(_) => None,
        };
        let mut streamed = Streamed {
            dest: dest.to_path_buf(),
            old: old.map(|f| std::io::BufReader::with_capacity(STREAM_BUFFER, f)),
            matched: 0,
            new: None,
        };
        if streamed.old.is_none() {
            streamed.diverge()?;
        }
        Ok(streamed)
    }

    /// Starts the new file with the bytes that matched the old one.
    /// Once called, the old file is no longer read: if this fails, later writes fail too
    /// rather than compare from wherever the failed read left off.
    fn diverge(&mut self) -> std::io::Result<()> {
        self.old = None;
        let name = self.dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = self.dest.with_file_name(format!(".{name}.careerpress-streaming"));
        // Whatever an interrupted build left at that name goes; a new file is then created
        // there, never opened through a hard link the published site could share.
        match fs::symlink_metadata(&tmp) {
            Ok(meta) if meta.is_dir() => fs::remove_dir_all(&tmp)?,
            Ok(_) => fs::remove_file(&tmp)?,
            Err(_) => {}
        }
        let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        if self.matched > 0 {
            let mut old = fs::File::open(&self.dest)?;
            let copied = std::io::copy(&mut std::io::Read::take(&mut old, self.matched), &mut file)?;
            if copied != self.matched {
                return Err(std::io::Error::other(format!("{} changed while it was compared", printable(&self.dest))));
            }
        }
        self.new = Some((tmp, file));
        Ok(())
    }

    /// Whether the file changed: the old one is left as it is when every byte matched it.
    fn finish(mut self) -> Result<bool> {
        let dest = self.dest.clone();
        let why = || format!("cannot write {}", printable(&dest));
        if let Some(old) = &mut self.old {
            if std::io::BufRead::fill_buf(old).with_context(why)?.is_empty() {
                return Ok(false);
            }
            // The old file is longer: the new one is what matched of it.
            self.diverge().with_context(why)?;
        }
        if let Some((tmp, file)) = self.new.take() {
            drop(file);
            fs::rename(&tmp, &self.dest).with_context(why)?;
        }
        Ok(true)
    }

    /// Whether the old file's next bytes are `buf`; consumes what it compared.
    fn compare(old: &mut std::io::BufReader<fs::File>, mut buf: &[u8]) -> std::io::Result<bool> {
        while !buf.is_empty() {
            let theirs = std::io::BufRead::fill_buf(old)?;
            if theirs.is_empty() {
                return Ok(false);
            }
            let n = theirs.len().min(buf.len());
            if theirs[..n] != buf[..n] {
                return Ok(false);
            }
            std::io::BufRead::consume(old, n);
            buf = &buf[n..];
        }
        Ok(true)
    }
}

impl Write for Streamed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(old) = &mut self.old {
            // A mismatch part-way through `buf` has consumed some of the old file; that is
            // fine, as `diverge` copies only the `matched` bytes before `buf` from a fresh
            // handle, and then the new file takes the whole of `buf`. An old file that
            // cannot be read is treated the same way: it is simply not reused.
            if let Ok(true) = Streamed::compare(old, buf) {
                self.matched += buf.len() as u64;
                return Ok(buf.len());
            }
            self.diverge()?;
        }
        match &mut self.new {
            Some((_, file)) => file.write_all(buf).map(|()| buf.len()),
            None => Err(std::io::Error::other("streamed file closed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.new {
            Some((_, file)) => file.flush(),
            None => Ok(()),
        }
    }
}

/// Returns whether the file was written.
fn write_if_changed(dest: &Path, data: &Data) -> Result<bool> {
    let existing = fs::symlink_metadata(dest).ok();
    if let Some(meta) = &existing {
        if !meta.is_file() {
            fs::remove_dir_all(dest)
                .or_else(|_| fs::remove_file(dest))
                .with_context(|| format!("cannot replace {}", printable(&dest)))?;
        }
    }
    let existing = existing.filter(fs::Metadata::is_file);
    match data {
        Data::Staged { written, .. } => return Ok(*written),
        Data::Bytes(bytes) => {
            if let Some(meta) = &existing {
                if meta.len() == bytes.len() as u64 && holds(dest, bytes) {
                    return Ok(false);
                }
                if is_shared(meta) {
                    fs::remove_file(dest).with_context(|| format!("cannot replace {}", printable(&dest)))?;
                }
            }
            let mut file = fs::File::create(dest).with_context(|| format!("cannot write {}", printable(&dest)))?;
            file.write_all(bytes).with_context(|| format!("cannot write {}", printable(&dest)))?;
        }
        Data::Published { path: src, .. } => {
            let src_meta = fs::metadata(src).with_context(|| format!("cannot read {}", printable(&src)))?;
            if existing.as_ref().is_some_and(|meta| same_file(meta, &src_meta)) {
                return Ok(false);
            }
            if existing.is_some() {
                fs::remove_file(dest).with_context(|| format!("cannot replace {}", printable(&dest)))?;
            }
            if fs::hard_link(src, dest).is_err() {
                fs::copy(src, dest)
                    .with_context(|| format!("cannot copy {} to {}", printable(&src), printable(&dest)))?;
            }
        }
        Data::Copy(src) => {
            let src_meta = fs::metadata(src).with_context(|| format!("cannot read {}", printable(&src)))?;
            if let Some(meta) = &existing {
                if meta.len() == src_meta.len() && meta.modified().ok() == src_meta.modified().ok() {
                    return Ok(false);
                }
                if is_shared(meta) {
                    fs::remove_file(dest).with_context(|| format!("cannot replace {}", printable(&dest)))?;
                }
            }
            fs::copy(src, dest).with_context(|| format!("cannot copy {} to {}", printable(&src), printable(&dest)))?;
            if let Ok(modified) = src_meta.modified() {
                // Same mtime as the source lets the next build skip the copy.
                let f = fs::OpenOptions::new()
                    .write(true)
                    .open(dest)
                    .with_context(|| format!("cannot open {}", printable(&dest)))?;
                f.set_modified(modified).with_context(|| format!("cannot set the time of {}", printable(&dest)))?;
            }
        }
    }
    Ok(true)
}

/// Whether the file at `path` holds exactly `bytes`, read a piece at a time: the job
/// board's feeds run to megabytes, and a second copy of each would set the build's peak
/// memory.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else { return false };
    // No bigger than the text itself for a page: this runs for every page compared.
    let mut buf = vec![0; bytes.len().clamp(1, 64 * 1024)];
    let mut rest = bytes;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return rest.is_empty(),
            Ok(n) => match rest.strip_prefix(&buf[..n]) {
                Some(after) => rest = after,
                None => return false,
            },
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Fills a new `to` with hard links to every file of `from`: far cheaper than copies,
/// and safe because `write_if_changed` never writes through a shared link.
fn clone_with_hard_links(from: &Path, to: &Path) -> Result<()> {
    let tmp = sibling(to, "cloning");
    if tmp.exists() {
        fs::remove_dir_all(&tmp).with_context(|| format!("cannot remove {}", printable(&tmp)))?;
    }
    fs::create_dir_all(&tmp).with_context(|| format!("cannot create {}", printable(&tmp)))?;
    link_tree(from, &tmp)?;
    fs::rename(&tmp, to).with_context(|| format!("cannot rename {} to {}", printable(&tmp), printable(&to)))
}

/// Makes the folders of `from` in `to` (which exists) and hard-links its files there, each
/// folder's entries in parallel: the first rebuild after a first build clones the whole
/// site (at 100,000 articles, 197,000 folders), and one thread making them was most of
/// that build's time.
fn link_tree(from: &Path, to: &Path) -> Result<()> {
    entries(from)?.par_iter().try_for_each(|entry| {
        let path = entry.path();
        let file_type = entry.file_type().with_context(|| format!("cannot read {}", printable(&path)))?;
        let dest = to.join(entry.file_name());
        if file_type.is_dir() {
            fs::create_dir(&dest).with_context(|| format!("cannot create {}", printable(&dest)))?;
            link_tree(&path, &dest)
        } else {
            if file_type.is_file() {
                // A failed link only costs a write later.
                let _ = fs::hard_link(&path, &dest);
            }
            Ok(())
        }
    })
}

/// Puts `staging` at `out`, and the previous `out` (if any) at `staging`.
fn swap_into_place(staging: &Path, out: &Path) -> Result<()> {
    if !out.exists() {
        return fs::rename(staging, out).with_context(|| format!("cannot move the new site to {}", printable(&out)));
    }
    if exchange(staging, out)? {
        return Ok(());
    }
    swap_by_renames(staging, out)
}

/// The swap without an atomic exchange: three renames, which `recover_interrupted_swap`
/// completes if the process dies between them.
fn swap_by_renames(staging: &Path, out: &Path) -> Result<()> {
    let old = sibling(out, "old");
    fs::rename(out, &old).with_context(|| format!("cannot move {} aside", printable(&out)))?;
    fs::rename(staging, out).with_context(|| format!("cannot move the new site to {}", printable(&out)))?;
    fs::rename(&old, staging).with_context(|| format!("cannot keep the previous site at {}", printable(&staging)))
}

/// Atomically swaps two folders; `Ok(false)` when the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if exchange_unsupported(e) => Ok(false),
        Err(e) => Err(std::io::Error::from(e))
            .with_context(|| format!("cannot swap {} into {}", printable(&a), printable(&b))),
    }
}

/// Old kernels lack renameat2 (ENOSYS); some file systems lack RENAME_EXCHANGE (EINVAL,
/// or EOPNOTSUPP on some): the three-rename swap then does the job.
#[cfg(target_os = "linux")]
fn exchange_unsupported(e: rustix::io::Errno) -> bool {
    use rustix::io::Errno;
    matches!(e, Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> Result<bool> {
    Ok(false)
}

/// Finishes a three-rename swap that a killed build left half done.
fn recover_interrupted_swap(out: &Path, staging: &Path) -> Result<()> {
    let old = sibling(out, "old");
    if !old.exists() {
        return Ok(());
    }
    if !out.exists() {
        // Killed after moving the live site aside: the staged site was complete.
        let from = if staging.exists() { staging } else { old.as_path() };
        fs::rename(from, out).with_context(|| format!("cannot restore {}", printable(&out)))?;
    }
    if old.exists() {
        if staging.exists() {
            fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", printable(&old)))?;
        } else {
            fs::rename(&old, staging).with_context(|| format!("cannot restore {}", printable(&staging)))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_clean_relative_paths_are_written() {
        for ok in ["index.html", "posts/a/index.html", "tags/面接/index.html", "a.b/c"] {
            assert_eq!(unsafe_rel(ok), None, "{ok}");
        }
        for bad in ["", "/x.png", "/", "a//b", "a/./b", "../x", "a/..", "a\\b", "a/", "x\0"] {
            assert!(unsafe_rel(bad).is_some(), "{bad:?}");
        }
    }

    fn bytes(rel: &str, s: &str) -> OutputFile {
        OutputFile { rel: rel.into(), source: PathBuf::from("t"), data: Data::Bytes(s.as_bytes().to_vec()) }
    }

    fn rel_string(path: &Path, base: &Path) -> String {
        let rel = path.strip_prefix(base).unwrap_or(path);
        rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
    }

    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut v: Vec<_> = WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (rel_string(e.path(), dir), fs::read_to_string(e.path()).unwrap()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn publishes_then_updates_only_what_changed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = publish(&out, &[bytes("index.html", "a"), bytes("posts/x/index.html", "x")]).unwrap();
        assert_eq!(s.written, 2);
        assert_eq!(tree(&out), vec![("index.html".into(), "a".into()), ("posts/x/index.html".into(), "x".into())]);

        let s = publish(&out, &[bytes("index.html", "b"), bytes("posts/x/index.html", "x")]).unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(tree(&out)[0].1, "b");
        // The staging folder holds the previous site, intact.
        assert_eq!(tree(&staging_dir(&out))[0].1, "a");

        let s = publish(&out, &[bytes("index.html", "b")]).unwrap();
        assert_eq!(tree(&out), vec![("index.html".into(), "b".into())]);
        assert!(s.removed >= 1);
        assert!(!out.join("posts").exists(), "empty folders are removed too");
    }

    /// Waits until the file system's clock, as it stamps a file beside `out`, has moved on
    /// from now: every folder changed before then counts as settled for the next publish.
    #[cfg(unix)]
    fn wait_for_the_clock(out: &Path) {
        let probe = sibling(out, "clock-probe");
        let stamp = || {
            fs::write(&probe, "").unwrap();
            listing::Stamp::of(&fs::metadata(&probe).unwrap()).unwrap()
        };
        let before = stamp();
        let started = std::time::Instant::now();
        while stamp() <= before {
            assert!(started.elapsed().as_secs() < 10, "the file system's clock does not move");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// Six folders, a page in each but the top and `posts`.
    #[cfg(unix)]
    fn six_folders() -> Vec<OutputFile> {
        ["index.html", "posts/a/index.html", "posts/b/index.html", "posts/c/index.html", "tags/t/index.html"]
            .iter()
            .map(|rel| bytes(rel, rel))
            .collect()
    }

    /// Publishes `files` until the staging folder comes round with a record whose folders
    /// settled before it was made: the fifth publish, as the folders trade places.
    #[cfg(unix)]
    fn publish_until_known(out: &Path, files: &[OutputFile], between: impl Fn(usize)) -> PublishStats {
        let mut last = PublishStats::default();
        for n in 1..=5 {
            if n == 3 {
                wait_for_the_clock(out);
            }
            between(n);
            last = publish(out, files).unwrap();
        }
        last
    }

    #[test]
    #[cfg(unix)]
    fn folders_unchanged_since_they_were_recorded_are_not_read_again() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let files = six_folders();
        let s = publish_until_known(&out, &files, |_| {});
        // The top folder is renamed by every swap, so it is always read.
        assert!(s.folders_read <= 1, "{s:?}");
        assert_eq!(s.folders_read + s.folders_known, 7, "{s:?}");
        assert_eq!((s.written, s.removed), (0, 0));
        assert_eq!(tree(&out), tree(&staging_dir(&out)));

        // Nothing from earlier builds is trusted when the build says so.
        let mut stage = Stage::begin(&out).unwrap();
        stage.read_every_folder();
        let s = stage.publish(&files).unwrap();
        assert_eq!((s.folders_read, s.folders_known), (7, 0), "{s:?}");
    }

    #[test]
    #[cfg(unix)]
    fn what_was_added_or_removed_by_hand_since_the_record_is_seen() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let files = six_folders();
        // After the third publish, the published folder is the one the fifth syncs.
        let s = publish_until_known(&out, &files, |n| {
            if n == 4 {
                fs::write(out.join("posts/a/stray.html"), "by hand").unwrap();
                fs::create_dir(out.join("tags/t/extra")).unwrap();
                fs::write(out.join("tags/t/extra/index.html"), "by hand").unwrap();
                fs::remove_file(out.join("posts/b/index.html")).unwrap();
            }
        });
        let expected: Vec<(String, String)> = files.iter().map(|f| (f.rel.clone(), f.rel.clone())).collect();
        assert_eq!(tree(&out), expected);
        assert_eq!(s.written, 1, "posts/b/index.html, put back: {s:?}");
        assert_eq!(s.removed, 2, "{s:?}");
        assert!(s.folders_known >= 2, "posts and tags are as recorded: {s:?}");
        assert!(s.folders_read >= 4, "the top and the three folders edited: {s:?}");
    }

    #[test]
    fn the_output_stays_locked_after_the_publish_until_the_stage_goes() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let locked = || {
            let file = fs::OpenOptions::new().write(true).open(sibling(&out, "lock")).unwrap();
            matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock))
        };
        let mut stage = Stage::begin(&out).unwrap();
        stage.publish(&[bytes("index.html", "a")]).unwrap();
        // The build writes its render record here, before another build may begin.
        assert!(locked(), "the lock went with the publish");
        drop(stage);
        assert!(!locked(), "the lock outlived the stage");
        assert_eq!(tree(&out), vec![("index.html".into(), "a".into())]);
    }

    #[test]
    fn the_staging_folder_loses_exactly_what_is_no_longer_wanted() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = ["a/b/c.html", "a/d.html", "x/y/z.html", "x/w.html", "f"];
        let first: Vec<OutputFile> = first.iter().map(|rel| bytes(rel, rel)).collect();
        publish(&out, &first).unwrap();
        // Now the staging folder holds the first site.
        publish(&out, &first).unwrap();
        // A file where a folder was, a folder where a file was, a folder no longer wanted.
        let third = ["a/b", "a/d.html", "x/w.html", "f/g.html"];
        let s = publish(&out, &third.iter().map(|rel| bytes(rel, rel)).collect::<Vec<_>>()).unwrap();
        assert_eq!(s.removed, 3, "a/b/c.html, x/y/z.html and f");
        let mut expected: Vec<(String, String)> = third.iter().map(|r| (r.to_string(), r.to_string())).collect();
        expected.sort();
        assert_eq!(tree(&out), expected);
        assert!(!out.join("x/y").exists(), "a folder no longer wanted goes");
    }

    #[test]
    fn a_reused_page_is_relinked_only_when_the_staging_folder_holds_another_file() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&out, &[bytes("a/index.html", "A")]).unwrap();
        let reused = |out: &Path| {
            let path = out.join("a/index.html");
            let id = FileId::of(&fs::metadata(&path).unwrap());
            OutputFile { rel: "a/index.html".into(), source: PathBuf::from("a.md"), data: Data::Published { path, id } }
        };
        // The staging folder is a hard-link clone: the page is linked there already.
        let s = publish(&out, &[reused(&out)]).unwrap();
        assert_eq!((s.written, s.unchanged), (0, 1));
        assert_eq!(tree(&out), vec![("a/index.html".into(), "A".into())]);
        // Another file at that name in the staging folder is replaced by the published one.
        let staged = staging_dir(&out).join("a/index.html");
        fs::remove_file(&staged).unwrap();
        fs::write(&staged, "stale").unwrap();
        let s = publish(&out, &[reused(&out)]).unwrap();
        assert_eq!((s.written, s.unchanged), (1, 0));
        assert_eq!(tree(&out), vec![("a/index.html".into(), "A".into())]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_site_and_no_staging_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&out, &[bytes("index.html", "old"), bytes("posts/x/index.html", "x")]).unwrap();
        let before = tree(&out);
        // A file that cannot be copied stands for any write that fails half-way, as on a
        // full disk: some files are already written into the staging folder by then.
        let missing = tmp.path().join("gone.css");
        let broken = OutputFile { rel: "style.css".into(), source: missing.clone(), data: Data::Copy(missing) };
        let many: Vec<OutputFile> = (0..50).map(|i| bytes(&format!("p{i}/index.html"), "new")).collect();
        let e = publish(&out, &[many, vec![broken]].concat()).unwrap_err();
        assert!(format!("{e:#}").contains("gone.css"), "the error names the file: {e:#}");
        assert_eq!(tree(&out), before, "the old site is untouched");
        assert!(!staging_dir(&out).exists(), "no half-written staging folder is left");
        // The next build starts again from the published site and succeeds.
        publish(&out, &[bytes("index.html", "new")]).unwrap();
        assert_eq!(tree(&out), vec![("index.html".into(), "new".into())]);
    }

    #[test]
    fn pages_are_staged_as_they_come_and_counted_at_publish() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&out, &[bytes("feed", "a file"), bytes("index.html", "a")]).unwrap();
        let mut stage = Stage::begin(&out).unwrap();
        // The new site wants a folder where the old one had a file.
        let moved = stage.put(bytes("feed/index.html", "new"));
        assert!(matches!(moved.data, Data::Staged { written: true, .. }), "{:?}", moved.data);
        let staged = fs::read_to_string(staging_dir(&out).join("feed/index.html")).unwrap();
        assert_eq!(staged, "new", "on disk before publish, not held in memory");
        assert_eq!(fs::read_to_string(out.join("feed")).unwrap(), "a file", "the live site is untouched");
        let same = stage.put(bytes("index.html", "a"));
        assert!(matches!(same.data, Data::Staged { written: false, .. }), "{:?}", same.data);
        let s = stage.publish(&[moved, same]).unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(tree(&out), vec![("feed/index.html".into(), "new".into()), ("index.html".into(), "a".into())]);
    }

    #[test]
    fn streamed_files_are_compared_as_they_come_and_replaced_only_when_they_differ() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let big: String = (0..40_000).map(|i| format!("{i:04}|")).collect();
        let names = ["same", "middle", "shorter", "longer", "emptied", "big", "big-early", "big-late"];
        let old: Vec<OutputFile> = names
            .iter()
            .map(|n| bytes(&format!("feeds/{n}.json"), if n.starts_with("big") { &big } else { "abcdef" }))
            .collect();
        // Twice: the staging folder then holds hard links to the live site's files.
        publish(&out, &old).unwrap();
        publish(&out, &old).unwrap();
        let pieces =
            |parts: Vec<String>| move |w: &mut dyn Write| parts.iter().try_for_each(|p| w.write_all(p.as_bytes()));
        let strings = |parts: &[&str]| parts.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        // A few bytes, then the rest in one write larger than any buffer on the way, so
        // that a difference lands past the old file's first read.
        let split = |text: &str| vec![text[..10].to_string(), text[10..].to_string()];
        let changed_at = |at: usize| {
            let mut changed = big.clone();
            changed.replace_range(at..at + 1, "#");
            changed
        };
        let (early, late) = (changed_at(70_000), changed_at(150_000));
        let mut stage = Stage::begin(&out).unwrap();
        let put = |name: &str, parts: Vec<String>| {
            stage.put_streamed(format!("feeds/{name}.json"), "t".into(), pieces(parts))
        };
        let files = vec![
            put("same", strings(&["abc", "def"])),
            put("middle", strings(&["abc", "dXf", "ghi"])),
            put("shorter", strings(&["abcd"])),
            put("longer", strings(&["abcdef", "g"])),
            put("emptied", Vec::new()),
            put("big", split(&big)),
            put("big-early", split(&early)),
            put("big-late", split(&late)),
            put("new", strings(&["fresh"])),
        ];
        let written: Vec<bool> = files.iter().map(|f| matches!(f.data, Data::Staged { written: true, .. })).collect();
        assert_eq!(written, [false, true, true, true, true, false, true, true, true]);
        let staged = |name: &str| fs::read_to_string(staging_dir(&out).join(format!("feeds/{name}.json"))).unwrap();
        assert_eq!(
            ["same", "middle", "shorter", "longer", "emptied", "new"].map(staged),
            ["abcdef", "abcdXfghi", "abcd", "abcdefg", "", "fresh"]
        );
        assert!(staged("big") == big && staged("big-early") == early && staged("big-late") == late);
        for name in names {
            let live = fs::read_to_string(out.join(format!("feeds/{name}.json"))).unwrap();
            assert!(live == "abcdef" || live == big, "{name}: the live site is never written through");
        }
        let leftover = |e: &walkdir::DirEntry| e.file_name().to_string_lossy().contains("careerpress-streaming");
        let leftovers: Vec<_> = WalkDir::new(staging_dir(&out)).into_iter().flatten().filter(leftover).collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        let stats = stage.publish(&files).unwrap();
        assert_eq!((stats.written, stats.unchanged), (7, 2));
        assert_eq!(fs::read_to_string(out.join("feeds/middle.json")).unwrap(), "abcdXfghi");
    }

    #[test]
    fn a_streamed_file_replaces_a_folder_and_never_writes_through_a_leftover_link() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let old = [bytes("feed.json", "old feed"), bytes("was-folder.json/inside", "x")];
        // Twice: the staging folder then holds hard links to the live site's files.
        publish(&out, &old).unwrap();
        publish(&out, &old).unwrap();
        let mut stage = Stage::begin(&out).unwrap();
        // What an interrupted build may leave, linked to the live file.
        fs::hard_link(out.join("feed.json"), staging_dir(&out).join(".feed.json.careerpress-streaming")).unwrap();
        let put = |rel: &str, text: &'static str| {
            stage.put_streamed(rel.into(), "t".into(), move |w: &mut dyn Write| w.write_all(text.as_bytes()))
        };
        let files = [put("feed.json", "new feed"), put("was-folder.json", "now a file")];
        assert_eq!(fs::read_to_string(out.join("feed.json")).unwrap(), "old feed", "the live site is untouched");
        stage.publish(&files).unwrap();
        assert_eq!(
            tree(&out),
            vec![("feed.json".into(), "new feed".into()), ("was-folder.json".into(), "now a file".into())]
        );
    }

    #[test]
    fn a_streamed_file_that_fails_to_write_fails_the_publish() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&out, &[bytes("index.html", "old")]).unwrap();
        let mut stage = Stage::begin(&out).unwrap();
        let failed = stage.put_streamed("jobs.json".into(), "the feed".into(), |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("the listing could not be read"))
        });
        let e = stage.publish(&[bytes("index.html", "new"), failed]).unwrap_err();
        let text = format!("{e:#}");
        assert!(text.contains("jobs.json") && text.contains("could not be read"), "{text}");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
    }

    #[test]
    fn a_stage_dropped_before_publish_leaves_the_old_site_and_no_staging() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&out, &[bytes("index.html", "old")]).unwrap();
        publish(&out, &[bytes("index.html", "old"), bytes("a/index.html", "a")]).unwrap();
        let before = tree(&out);
        assert!(staging_dir(&out).exists(), "the previous site is kept for the next build");
        let stage = Stage::begin(&out).unwrap();
        let _ = stage.put(bytes("index.html", "half of a new site"));
        drop(stage);
        assert!(!staging_dir(&out).exists(), "a half-staged site is not left behind");
        assert_eq!(tree(&out), before);
    }

    #[test]
    fn a_failed_put_stops_the_writes_and_fails_the_publish() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&out, &[bytes("index.html", "old")]).unwrap();
        let mut stage = Stage::begin(&out).unwrap();
        // No file system takes a 300-byte name.
        let long = format!("{}/index.html", "x".repeat(300));
        let failed = stage.put(bytes(&long, "x"));
        assert!(matches!(failed.data, Data::Bytes(_)), "kept for the error, not staged");
        let after = stage.put(bytes("after/index.html", "y"));
        assert!(matches!(after.data, Data::Bytes(_)));
        assert!(!staging_dir(&out).join("after").exists(), "nothing is written after the first failure");
        let e = stage.publish(&[failed, after]).unwrap_err();
        assert!(format!("{e:#}").contains("cannot publish xxxxxxxx"), "names the page: {e:#}");
        // The failed build ends, and its stage with it.
        drop(stage);
        assert!(!staging_dir(&out).exists());
        assert_eq!(tree(&out), vec![("index.html".into(), "old".into())]);
    }

    #[test]
    fn holds_compares_the_whole_file_piece_by_piece() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("feed.json");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &big).unwrap();
        assert!(holds(&path, &big));
        let mut late_change = big.clone();
        late_change[150_000] ^= 1;
        assert!(!holds(&path, &late_change), "a difference past the first piece is seen");
        assert!(!holds(&path, &big[..100_000]), "a shorter text is not the file");
        assert!(!holds(&path, &[big.clone(), vec![1]].concat()), "nor a longer one");
        assert!(!holds(&tmp.path().join("missing"), b""));
    }

    #[test]
    fn hard_linked_files_are_never_written_through() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        // No staging yet: publish clones `out` by hard links, then changes the clone.
        publish(&out, &[bytes("index.html", "new")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(fs::read_to_string(staging_dir(&out).join("index.html")).unwrap(), "old");
    }

    #[test]
    fn copies_are_skipped_when_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let src = tmp.path().join("style.css");
        fs::write(&src, "body{}").unwrap();
        let out = tmp.path().join("public");
        let f = OutputFile { rel: "style.css".into(), source: src.clone(), data: Data::Copy(src.clone()) };
        assert_eq!(publish(&out, std::slice::from_ref(&f)).unwrap().written, 1);
        // The second build clones the first by hard links, the third reuses the staging folder.
        assert_eq!(publish(&out, std::slice::from_ref(&f)).unwrap().written, 0);
        assert_eq!(publish(&out, std::slice::from_ref(&f)).unwrap().written, 0);
        fs::write(&src, "body{color:red}").unwrap();
        assert_eq!(publish(&out, std::slice::from_ref(&f)).unwrap().written, 1);
        assert_eq!(
            fs::read_to_string(staging_dir(&out).join("style.css")).unwrap(),
            "body{}",
            "previous site untouched"
        );
        assert_eq!(fs::read_to_string(out.join("style.css")).unwrap(), "body{color:red}");
    }

    #[test]
    fn concurrent_publishes_each_leave_a_whole_site() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let sites: Vec<Vec<OutputFile>> =
            (0..4).map(|v| (0..200).map(|i| bytes(&format!("p{i}/index.html"), &format!("v{v}"))).collect()).collect();
        std::thread::scope(|s| {
            for site in &sites {
                s.spawn(|| publish(&out, site).unwrap());
            }
        });
        let contents: HashSet<String> = tree(&out).into_iter().map(|(_, c)| c).collect();
        assert_eq!(contents.len(), 1, "one build's pages, not a mix: {contents:?}");
        assert_eq!(tree(&out).len(), 200);
    }

    #[test]
    fn interrupted_fallback_swap_is_completed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let staging = staging_dir(&out);
        let old = sibling(&out, "old");
        // Killed after `out` was moved aside and before the new site moved in.
        fs::create_dir_all(&staging).unwrap();
        fs::write(staging.join("index.html"), "new").unwrap();
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "old").unwrap();
        recover_interrupted_swap(&out, &staging).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(fs::read_to_string(staging.join("index.html")).unwrap(), "old");
        assert!(!old.exists());
    }

    fn one_file_dir(dir: &Path, text: &str) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join("index.html"), text).unwrap();
    }

    #[test]
    fn both_swaps_exchange_the_two_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let (staging, out) = (tmp.path().join("staging"), tmp.path().join("public"));
        one_file_dir(&staging, "new");
        one_file_dir(&out, "old");
        swap_into_place(&staging, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(fs::read_to_string(staging.join("index.html")).unwrap(), "old");
        swap_by_renames(&staging, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(fs::read_to_string(staging.join("index.html")).unwrap(), "new");
        assert!(!sibling(&out, "old").exists(), "the fallback leaves nothing behind");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_falls_back_only_when_unsupported() {
        use rustix::io::Errno;
        for unsupported in [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP] {
            assert!(exchange_unsupported(unsupported), "{unsupported:?}");
        }
        for real in [Errno::NOENT, Errno::ACCESS, Errno::BUSY] {
            assert!(!exchange_unsupported(real), "{real:?}");
        }
        // A missing folder is an error, not a reason to try renames.
        let tmp = tempfile::tempdir().unwrap();
        let err = exchange(&tmp.path().join("missing"), tmp.path()).unwrap_err();
        assert!(format!("{err:#}").contains("cannot swap"), "{err:#}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_is_published_at_its_target() {
        let tmp = tempfile::tempdir().unwrap();
        let (link, real) = (tmp.path().join("public"), tmp.path().join("www/real"));
        std::os::unix::fs::symlink("www/real", &link).unwrap();
        assert_eq!(publish_dir(&link).unwrap(), tmp.path().canonicalize().unwrap().join("www/real"), "not made yet");
        for text in ["a", "b"] {
            publish(&link, &[bytes("index.html", text)]).unwrap();
            assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
            assert_eq!(fs::read_to_string(real.join("index.html")).unwrap(), text);
        }
        let real = real.canonicalize().unwrap();
        assert_eq!(publish_dir(&link).unwrap(), real);
        assert!(sibling(&real, "lock").exists() && !sibling(&link, "lock").exists());
        assert_eq!(publish_dir(&real).unwrap(), real, "a folder is its own target");

        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", &b).unwrap();
        assert_eq!(publish_dir(&a).unwrap_err().kind(), ErrorKind::Output);
    }

    #[test]
    fn a_waiting_build_names_the_holder_when_the_lock_file_does() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, lock_file) = (tmp.path().join("public"), tmp.path().join(".public.careerpress-lock"));
        fs::write(&lock_file, "4242\n").unwrap();
        let said = waiting_message(&out, &lock_file);
        assert!(said.ends_with(&format!("into {} (process 4242) to finish", out.display())), "{said}");
        fs::write(&lock_file, "").unwrap();
        assert!(!waiting_message(&out, &lock_file).contains("process"));
        drop(lock(&out).unwrap());
        assert_eq!(fs::read_to_string(&lock_file).unwrap(), format!("{}\n", std::process::id()));
    }

    #[test]
    fn risky_output_folders_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(root.join("site.toml"), "").unwrap();
        let inside =
            ["content/out", "data", "data/out", "static/out", "themes/out", "templates/out"].map(|d| root.join(d));
        for bad in [root.clone(), tmp.path().to_path_buf(), root.join("x/..")].into_iter().chain(inside) {
            let e = check_output_dir(&root, &bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Output, "{bad:?}");
        }
        let other = tmp.path().join("other");
        fs::create_dir_all(other.join("content")).unwrap();
        assert!(check_output_dir(&root, &other).is_err());
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
        assert!(check_output_dir(&root, &tmp.path().join("elsewhere/public")).is_ok());

        // A file, and a folder of someone else's files, are never taken over.
        fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        assert!(check_output_dir(&root, &tmp.path().join("notes.txt")).is_err());
        let docs = tmp.path().join("docs");
        fs::create_dir_all(&docs).unwrap();
        assert!(check_output_dir(&root, &docs).is_ok(), "an empty folder is fine");
        fs::write(docs.join("thesis.txt"), "mine").unwrap();
        assert!(check_output_dir(&root, &docs).is_err());
        // Once careerpress has published there, rebuilding is fine.
        let out = tmp.path().join("out");
        publish(&out, &[bytes("index.html", "x")]).unwrap();
        assert!(check_output_dir(&root, &out).is_ok());
    }

    #[test]
    fn paths_that_differ_only_in_case_are_named_once_each() {
        let file = |rel: &str, source: &str| OutputFile {
            rel: rel.to_string(),
            source: PathBuf::from(source),
            data: Data::Bytes(Vec::new()),
        };
        let files = [
            file("welcome/index.html", "content/posts/welcome.md"),
            file("Welcome/index.html", "content/posts/other.md"),
            file("docs/CV.pdf", "static/docs/CV.pdf"),
            file("docs/cv.PDF", "static/docs/cv.PDF"),
            file("café/index.html", "content/café.md"),
            file("CAFÉ/index.html", "content/CAFÉ.md"),
            file("About/index.html", "content/About.md"),
            file("posts/a/index.html", "content/posts/a.md"),
        ];
        let clashes = case_clashes(&files);
        let named: Vec<String> = clashes.iter().map(|e| e.path().display().to_string()).collect();
        assert_eq!(named, ["static/docs/cv.PDF", "content/CAFÉ.md", "content/posts/other.md"], "{clashes:?}");
        assert!(clashes[2].message().contains("welcome/index.html (made from content/posts/welcome.md)"));
        assert!(case_clashes(&files[6..]).is_empty());
        assert!(case_clashes(&[file("a.html", "x"), file("b.html", "y")]).is_empty());
        // An alias's folder against a generated file.
        let files = [file("atom.xml", "site.toml"), file("ATOM.XML/index.html", "content/posts/moved.md")];
        let clashes = case_clashes(&files);
        assert_eq!(clashes.len(), 1, "{clashes:?}");
        assert_eq!(clashes[0].path(), Path::new("content/posts/moved.md"));
        assert!(clashes[0]
            .message()
            .starts_with("output folder ATOM.XML/ (for ATOM.XML/index.html) and the file atom.xml"));
        assert!(case_clashes(&[file("Docs/a/index.html", "x"), file("Docs/b/index.html", "y")]).is_empty());
    }
}
