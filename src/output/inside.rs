//! Looks at files by their path inside one open folder (the output or the staging
//! folder), without walking that folder's own path again for each. A rebuild looks at
//! every published page and every staging folder: at 100,000 articles, 200,000 `stat`s
//! of absolute paths took a third more system time than the same paths looked up from
//! an open folder (measured in docs/PERFORMANCE.md).

use super::listing::Stamp;
use super::FileId;
use std::path::{Path, PathBuf};

/// A folder held open (on Linux; elsewhere its path) for looks inside it.
#[derive(Debug)]
pub struct Folder {
    path: PathBuf,
    #[cfg(target_os = "linux")]
    fd: Option<std::os::fd::OwnedFd>,
}

/// What a look at a path finds, the link itself when the path is a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub kind: Kind,
    pub len: u64,
    /// Nanoseconds since 1970, as `fs::Metadata::modified` gives them; `None` before 1970.
    pub modified_ns: Option<u128>,
    pub id: Option<FileId>,
    /// The change time (a folder's: when its entries last changed).
    pub changed: Option<Stamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Other,
}

impl Folder {
    /// Never fails: a folder that cannot be opened (not there yet) is looked in by path,
    /// which then finds what the path names, or nothing.
    pub fn open(path: &Path) -> Folder {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{open, Mode, OFlags};
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            Folder { path: path.to_path_buf(), fd: open(path, flags, Mode::empty()).ok() }
        }
        #[cfg(not(target_os = "linux"))]
        {
            Folder { path: path.to_path_buf() }
        }
    }

    /// The path the folder was opened at.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What `rel` (a relative path with `/` separators; `""` for the folder itself) is,
    /// without following a symbolic link; `None` when nothing can be looked at there.
    pub fn look(&self, rel: &str) -> Option<Look> {
        #[cfg(target_os = "linux")]
        if let Some(fd) = &self.fd {
            use rustix::fs::{statat, AtFlags, FileType};
            let st = statat(fd, if rel.is_empty() { "." } else { rel }, AtFlags::SYMLINK_NOFOLLOW).ok()?;
            let kind = match FileType::from_raw_mode(st.st_mode) {
                FileType::RegularFile => Kind::File,
                FileType::Directory => Kind::Dir,
                _ => Kind::Other,
            };
            let nanos = |secs: i64, nsec: i64| {
                let secs = u128::try_from(secs).ok()?;
                Some(secs * 1_000_000_000 + u128::try_from(nsec).ok()?)
            };
            return Some(Look {
                kind,
                len: u64::try_from(st.st_size).ok()?,
                #[allow(clippy::unnecessary_cast)] // the fields' types differ between targets
                modified_ns: nanos(st.st_mtime as i64, st.st_mtime_nsec as i64),
                #[allow(clippy::unnecessary_cast)]
                id: Some(FileId { dev: st.st_dev as u64, ino: st.st_ino as u64 }),
                #[allow(clippy::unnecessary_cast)]
                changed: Some(Stamp { secs: st.st_ctime as i64, nanos: st.st_ctime_nsec as i64 }),
            });
        }
        let path = if rel.is_empty() { self.path.clone() } else { self.path.join(rel) };
        std::fs::symlink_metadata(path).ok().map(|meta| Look::of(&meta))
    }
}

impl Look {
    pub fn of(meta: &std::fs::Metadata) -> Look {
        let kind = match meta.file_type() {
            t if t.is_file() => Kind::File,
            t if t.is_dir() => Kind::Dir,
            _ => Kind::Other,
        };
        let since_1970 = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        Look {
            kind,
            len: meta.len(),
            modified_ns: since_1970.map(|d| d.as_nanos()),
            id: FileId::of(meta),
            changed: Stamp::of(meta),
        }
    }

    pub fn is_file(&self) -> bool {
        self.kind == Kind::File
    }

    pub fn is_dir(&self) -> bool {
        self.kind == Kind::Dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Every field, for files, folders and links, as std's own look at the same path.
    #[test]
    fn a_look_from_the_open_folder_sees_what_a_look_by_path_sees() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a/b")).unwrap();
        fs::write(dir.path().join("a/b/index.html"), "<p>x</p>").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("a/b/index.html", dir.path().join("link")).unwrap();
        let folder = Folder::open(dir.path());
        for rel in ["", "a", "a/b", "a/b/index.html", "link"] {
            let path = if rel.is_empty() { dir.path().to_path_buf() } else { dir.path().join(rel) };
            let Ok(meta) = fs::symlink_metadata(&path) else { continue };
            assert_eq!(folder.look(rel), Some(Look::of(&meta)), "{rel}");
        }
        assert_eq!(folder.look("a/b/index.html").map(|l| (l.kind, l.len)), Some((Kind::File, 8)));
        assert_eq!(folder.look("a/b").map(|l| l.kind), Some(Kind::Dir));
        #[cfg(unix)]
        assert_eq!(folder.look("link").map(|l| l.kind), Some(Kind::Other));
        assert_eq!(folder.look("missing/index.html"), None);
        assert_eq!(Folder::open(&dir.path().join("missing")).look("a"), None);
    }
}
