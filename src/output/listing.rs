//! What the staging folder held when a build last synced it, kept for the build that next
//! syncs that same folder, so that it can skip reading folders nobody has changed since.
//! At 100,000 articles the staging folder holds 200,000 folders; reading each (open, list,
//! close) was most of a rebuild's publish and grew faster than the site. A folder's change
//! time moves whenever an entry is added, removed or renamed in it, so a folder whose inode
//! and change time are those recorded holds the entries recorded: one `stat` instead of a
//! listing. Git's untracked cache rests on the same fact.
//!
//! A change time only proves that much when it was taken in an earlier tick of the file
//! system's clock than the look that recorded it; a change made later in that same tick
//! would leave it as it was. So a folder is recorded as known only when its change time
//! is earlier than a reference stamp taken, on the same file system, before the folders
//! were looked at (git's "racily clean" rule). A folder the build itself changes after
//! looking, and any folder whose entries could not be written down, is recorded as to be
//! read again. The record is only ever a hint: a missing, foreign or damaged one means
//! reading every folder, as without it.

use super::FileId;
use crate::hashed::PathIndex;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

const HEADER: &str = "careerpress staging listing 1";

/// A folder as a look at it finds it: which inode, and when its entries last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirKey {
    ino: u64,
    changed: Stamp,
}

/// A change time, as the file system stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    pub(super) secs: i64,
    pub(super) nanos: i64,
}

impl DirKey {
    /// `None` where the platform gives no inode and change time: every folder is then read.
    pub fn of(look: &super::Look) -> Option<DirKey> {
        Some(DirKey { ino: look.id?.ino, changed: look.changed? })
    }

    /// Whether a folder that still has this key, later, still holds what was seen in it:
    /// true when its last change came in an earlier tick than `reference`, taken before
    /// the look.
    pub fn settled_before(&self, reference: Stamp) -> bool {
        self.changed < reference
    }
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Stamp { secs: meta.ctime(), nanos: meta.ctime_nsec() })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }
}

/// The file system's "now", as a stamp: `file`'s change time after setting its
/// modification time, which moves its change time to the clock the folders' change times
/// come from (on a network disk, the server's).
pub fn reference(file: &fs::File) -> Option<Stamp> {
    file.set_modified(std::time::SystemTime::now()).ok()?;
    Stamp::of(&file.metadata().ok()?)
}

/// A record's text, read whole; [`Known`] borrows its names from it.
pub struct Record {
    text: String,
}

impl Record {
    /// The record at `path`, when there is one and it is of the folder `root`.
    pub fn read(path: &Path, root: FileId) -> Option<Record> {
        let text = fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        (lines.next()? == HEADER && lines.next()? == format!("{} {}", root.dev, root.ino)).then_some(Record { text })
    }

    /// The folders it knows, or `None` when any line is not one a build writes. Each
    /// folder is one line, read on every thread: at 100,000 articles there are 200,000.
    pub fn known(&self) -> Option<Known<'_>> {
        let body = self.text.splitn(3, '\n').nth(2)?;
        let lines: Vec<(u64, KnownDir<'_>)> = body.par_split_terminator('\n').map(parse_line).collect::<Option<_>>()?;
        Some(Known { dirs: PathIndex::new(lines) })
    }
}

/// `ino secs nanos rel`, then for each entry a tab and `f ino name` or `d name`: its path's
/// hash and the folder.
fn parse_line(line: &str) -> Option<(u64, KnownDir<'_>)> {
    let (head, entries) = line.split_once('\t').unwrap_or((line, ""));
    let mut parts = head.splitn(4, ' ');
    let ino = parts.next()?.parse().ok()?;
    let secs = parts.next()?.parse().ok()?;
    let nanos = parts.next()?.parse().ok()?;
    let rel = parts.next()?;
    let key = DirKey { ino, changed: Stamp { secs, nanos } };
    Some((xxh3_64(rel.as_bytes()), KnownDir { rel, key, entries }))
}

/// The folders a record knows, by their path in the staging folder (`""` for its root),
/// in the order the last sync finished them. Of two paths with one hash only the first is
/// found; the other is then read from the disk, as a folder not recorded.
pub struct Known<'a> {
    dirs: PathIndex<KnownDir<'a>>,
}

struct KnownDir<'a> {
    rel: &'a str,
    key: DirKey,
    /// Its entries as the record's line has them, read when the folder is asked for.
    entries: &'a str,
}

/// A folder's entry as the record has it.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry<'a> {
    File { name: &'a str, ino: u64 },
    Dir { name: &'a str },
}

impl<'a> Known<'a> {
    /// The entries of the folder at `rel`, each as `make` turns it (into what the caller
    /// keeps, with no list in between), when it is known and `key` is what it was then;
    /// `None` too when its line does not read as entries.
    pub fn entries<T>(&self, rel: &str, key: Option<DirKey>, make: impl Fn(Entry<'a>) -> T) -> Option<Vec<T>> {
        let dir = self.dirs.get(rel, |d| Some(d.rel))?;
        if Some(dir.key) != key {
            return None;
        }
        let entries = dir.entries.split_terminator('\t');
        entries
            .map(|entry| match entry.split_at_checked(2)? {
                ("d ", name) => Some(make(Entry::Dir { name })),
                ("f ", rest) => {
                    let (ino, name) = rest.split_once(' ')?;
                    Some(make(Entry::File { name, ino: ino.parse().ok()? }))
                }
                _ => None,
            })
            .collect()
    }
}

/// A folder of the staging folder as this build's sync left it.
pub struct Seen<'a> {
    /// Its path in the staging folder, `""` for the root.
    pub rel: &'a str,
    /// Its key when looked at, `None` when the sync changed it after (or the platform
    /// gives none).
    pub key: Option<DirKey>,
    /// The names and inodes of the files kept in it.
    pub files: Vec<(&'a str, u64)>,
    /// The names of the folders kept in it.
    pub dirs: Vec<&'a str>,
}

/// The text of the record of `root`, as its folders were `seen`: a line for each folder
/// whose key settled before `reference` and whose names can all be written on it. Any
/// other folder has no line, and is read the next time.
pub fn text(root: FileId, reference: Option<Stamp>, seen: &[Seen<'_>]) -> String {
    let Some(reference) = reference else { return format!("{HEADER}\n{} {}\n", root.dev, root.ino) };
    let fits = |name: &str| !name.contains(['\n', '\r', '\t']);
    // Each thread writes its folders' lines into one text of its own: a string per line
    // held 200,000 more allocations at the build's peak memory.
    let texts: Vec<String> = seen
        .par_iter()
        .fold(String::new, |mut text, s| {
            let Some(key) = s.key.filter(|k| k.settled_before(reference)) else { return text };
            if !(fits(s.rel) && s.files.iter().all(|(name, _)| fits(name)) && s.dirs.iter().all(|n| fits(n))) {
                return text;
            }
            let _ = write!(text, "{} {} {} {}", key.ino, key.changed.secs, key.changed.nanos, s.rel);
            for (name, ino) in &s.files {
                let _ = write!(text, "\tf {ino} {name}");
            }
            for name in &s.dirs {
                let _ = write!(text, "\td {name}");
            }
            text.push('\n');
            text
        })
        .collect();
    let mut out = String::with_capacity(64 + texts.iter().map(String::len).sum::<usize>());
    let _ = writeln!(out, "{HEADER}\n{} {}", root.dev, root.ino);
    out.extend(texts);
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn key(ino: u64, secs: i64) -> DirKey {
        DirKey { ino, changed: Stamp { secs, nanos: 5 } }
    }

    fn seen<'a>(rel: &'a str, key: Option<DirKey>, files: &[(&'a str, u64)], dirs: &[&'a str]) -> Seen<'a> {
        Seen { rel, key, files: files.to_vec(), dirs: dirs.to_vec() }
    }

    const ROOT: FileId = FileId { dev: 1, ino: 2 };

    fn record(reference: Option<Stamp>, seen: &[Seen<'_>]) -> Record {
        Record { text: text(ROOT, reference, seen) }
    }

    fn at(secs: i64) -> Option<Stamp> {
        Some(Stamp { secs, nanos: 0 })
    }

    #[test]
    fn a_settled_folder_is_known_with_its_files_and_subfolders() {
        let seen = [
            seen("", Some(key(2, 90)), &[("index.html", 10)], &["posts"]),
            seen("posts", Some(key(3, 90)), &[], &["a b", "c"]),
            seen("posts/a b", Some(key(4, 90)), &[("index.html", 11), ("x y.png", 12)], &[]),
            seen("posts/c", None, &[("index.html", 13)], &[]),
        ];
        let r = record(at(100), &seen);
        let known = r.known().unwrap();
        let file = |name, ino| Entry::File { name, ino };
        assert_eq!(
            known.entries("", Some(key(2, 90)), |e| e).unwrap(),
            [file("index.html", 10), Entry::Dir { name: "posts" }]
        );
        assert_eq!(
            known.entries("posts", Some(key(3, 90)), |e| e).unwrap(),
            [Entry::Dir { name: "a b" }, Entry::Dir { name: "c" }]
        );
        assert_eq!(
            known.entries("posts/a b", Some(key(4, 90)), |e| e).unwrap(),
            [file("index.html", 11), file("x y.png", 12)]
        );
        assert!(known.entries("posts/a b", Some(key(4, 91)), |e| e).is_none(), "a folder changed since is read");
        assert!(known.entries("posts/a b", Some(key(5, 90)), |e| e).is_none(), "another folder at that path is read");
        assert!(known.entries("posts/a b", None, |e| e).is_none());
        assert!(known.entries("posts/c", Some(key(6, 90)), |e| e).is_none(), "a folder changed by the sync is read");
    }

    #[test]
    fn a_folder_changed_in_the_tick_of_the_look_or_after_is_read_again() {
        let reference = Some(Stamp { secs: 100, nanos: 5 });
        let seen = [
            seen("a", Some(key(4, 100)), &[], &[]),
            seen("b", Some(key(5, 101)), &[], &[]),
            seen("c", Some(key(6, 99)), &[], &[]),
        ];
        let r = record(reference, &seen);
        let known = r.known().unwrap();
        assert!(known.entries("a", Some(key(4, 100)), |e| e).is_none(), "same stamp as the reference");
        assert!(known.entries("b", Some(key(5, 101)), |e| e).is_none(), "later than the reference");
        assert!(known.entries("c", Some(key(6, 99)), |e| e).is_some());
        let none = record(None, &seen);
        assert!(none.known().unwrap().entries("c", Some(key(6, 99)), |e| e).is_none(), "no reference, nothing known");
    }

    #[test]
    fn a_name_that_cannot_be_a_line_makes_its_folder_read_again() {
        let seen = [
            seen("a", Some(key(4, 90)), &[("x\ny", 7)], &[]),
            seen("b", Some(key(5, 90)), &[], &["c\td"]),
            seen("b/c\td", Some(key(6, 90)), &[], &[]),
            seen("e", Some(key(7, 90)), &[("f g", 8)], &[]),
        ];
        let r = record(at(100), &seen);
        let known = r.known().unwrap();
        assert!(known.entries("a", Some(key(4, 90)), |e| e).is_none());
        assert!(known.entries("b", Some(key(5, 90)), |e| e).is_none(), "its subfolder's name holds a tab");
        assert!(known.entries("b/c\td", Some(key(6, 90)), |e| e).is_none());
        assert!(known.entries("e", Some(key(7, 90)), |e| e).is_some());
    }

    #[test]
    fn a_record_of_another_folder_or_a_damaged_one_is_not_used() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("listing");
        fs::write(&path, text(ROOT, at(100), &[seen("a", Some(key(4, 90)), &[("i", 3)], &[])])).unwrap();
        assert!(Record::read(&path, ROOT).is_some());
        assert!(Record::read(&path, FileId { dev: 1, ino: 3 }).is_none());
        let text = fs::read_to_string(&path).unwrap();
        for damaged in [text.replace("4 90", "x 90"), format!("{text}1 2\n")] {
            assert!(Record { text: damaged.clone() }.known().is_none(), "{damaged:?}");
        }
        for damaged in [text.replace("f 3", "f x"), text.replace("f 3", "q 3"), text.replace("f 3 i", "f 3")] {
            let r = Record { text: damaged.clone() };
            assert!(r.known().unwrap().entries("a", Some(key(4, 90)), |e| e).is_none(), "{damaged:?}");
        }
    }
}
