//! Watches the site's sources (never the output folder) and hands the serve loop batches
//! of changed paths. Events are collected until the file system is quiet for a moment, so
//! an editor's write-temp-then-rename save arrives as one batch about the real file, and a
//! deleted file is reported like any other (its page must go).

use crate::content::is_ignored_path;
use crate::error::printable;
use anyhow::{Context as _, Result};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Quiet time that ends a batch: long enough to join the events of one save, short enough
/// to keep edit-to-reload well under 100 ms. Not notify-debouncer-full: with the same quiet
/// time it hands changes on at its next 5 ms tick (median edit-to-reload 28 ms against
/// 25 ms in `cargo bench --bench serve_reload`, 7 runs each, 2026), and its tick thread
/// wakes 200 times a second while nothing changes; this loop sleeps until an event. Not
/// notify-debouncer-mini: it drops event kinds, so the server's own reads of static files
/// (inotify reports opens) would look like edits and reload pages forever.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// The folders and files of a site that can change its output.
pub const WATCHED_DIRS: [&str; 5] = ["content", "themes", "templates", "static", "data"];

pub struct SiteWatcher {
    watcher: RecommendedWatcher,
    /// Top-level folders watched recursively; one created later is added when it appears.
    watched: BTreeSet<PathBuf>,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    /// Changes met by `changed` while a rebuild was still under way: where the next
    /// batch starts.
    held: BTreeSet<PathBuf>,
}

impl SiteWatcher {
    pub fn new(root: &Path) -> Result<SiteWatcher> {
        let (tx, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(tx).context("cannot start the file watcher")?;
        let mut this =
            SiteWatcher { watcher, watched: BTreeSet::new(), events, root: root.to_path_buf(), held: BTreeSet::new() };
        // The root itself, not recursively: site.toml, atomic saves that rename into it, and
        // watched folders created after start. Not recursively, so build output and target/
        // never cost a watch.
        this.watcher
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", printable(root)))?;
        for dir in WATCHED_DIRS {
            this.watch_dir(&root.join(dir))?;
        }
        Ok(this)
    }

    fn watch_dir(&mut self, path: &Path) -> Result<()> {
        if path.is_dir() && !self.watched.contains(path) {
            self.watcher
                .watch(path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", printable(&path)))?;
            self.watched.insert(path.to_path_buf());
        } else if !path.exists() && self.watched.remove(path) {
            // Gone: forget it, so that a folder created again later is watched again.
            let _ = self.watcher.unwatch(path);
        }
        Ok(())
    }

    /// Blocks until something relevant changed; returns the changed paths relative to the
    /// root, or `None` when the watcher has stopped.
    pub fn next_batch(&mut self) -> Option<BTreeSet<PathBuf>> {
        loop {
            let mut batch = std::mem::take(&mut self.held);
            if batch.is_empty() {
                while !self.add(&mut batch, self.events.recv().ok()?) {}
            }
            // The quiet period counts from the last change, not the last event: the server
            // opening static files to answer requests reports reads all the time, and under
            // steady requests a timer they reset would never run out.
            let mut quiet_from = Instant::now();
            loop {
                let left = DEBOUNCE.saturating_sub(quiet_from.elapsed());
                if left.is_zero() {
                    break;
                }
                match self.events.recv_timeout(left) {
                    Ok(event) => {
                        if self.add(&mut batch, event) {
                            quiet_from = Instant::now();
                        }
                    }
                    Err(_) => break,
                }
            }
            if !batch.is_empty() {
                return Some(batch);
            }
        }
    }

    /// Whether a source changed since the last batch, without waiting: a long rebuild
    /// stops early for a newer save instead of making it wait. What changed starts the
    /// next batch.
    pub fn changed(&mut self) -> bool {
        let mut held = std::mem::take(&mut self.held);
        while let Ok(event) = self.events.try_recv() {
            self.add(&mut held, event);
        }
        self.held = held;
        !self.held.is_empty()
    }

    /// Adds the event's relevant paths to `batch`; returns whether it was a change (a read
    /// is not).
    fn add(&mut self, batch: &mut BTreeSet<PathBuf>, event: notify::Result<notify::Event>) -> bool {
        let Ok(event) = event else { return false };
        if event.kind.is_access() {
            return false;
        }
        for path in event.paths {
            if let Some(rel) = relevant(&self.root, &path) {
                if rel.components().count() == 1 && WATCHED_DIRS.iter().any(|d| rel == Path::new(d)) {
                    if let Err(e) = self.watch_dir(&path) {
                        errln!("warning: {e:#}");
                    }
                }
                batch.insert(rel);
            }
        }
        true
    }
}

/// The path relative to the root when a change there can affect the site.
pub fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let mut components = rel.components();
    let first = components.next()?.as_os_str().to_string_lossy().into_owned();
    let is_top_file = components.clone().next().is_none();
    if is_top_file {
        return (first == crate::config::CONFIG_FILE || WATCHED_DIRS.contains(&first.as_str()))
            .then(|| rel.to_path_buf());
    }
    if !WATCHED_DIRS.contains(&first.as_str()) {
        return None;
    }
    let names: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    let ignored = is_ignored_path(&names.iter().map(|n| n.as_ref()).collect::<Vec<&str>>());
    (!ignored).then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_met_while_rebuilding_starts_the_next_batch() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        let mut watcher = SiteWatcher::new(&root).unwrap();
        assert!(!watcher.changed(), "nothing changed yet");
        std::fs::write(root.join("content/a.md"), "---\ntitle: A\n---\n").unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !watcher.changed() {
            assert!(Instant::now() < deadline, "the write was never noticed");
            std::thread::sleep(Duration::from_millis(5));
        }
        let batch = watcher.next_batch().unwrap();
        assert!(batch.contains(Path::new("content/a.md")), "{batch:?}");
        assert!(!watcher.changed(), "handed on with the batch, not held again");
    }

    #[test]
    fn only_sources_are_relevant() {
        let root = Path::new("/site");
        let yes = [
            "/site/site.toml",
            "/site/content/posts/a.md",
            "/site/themes/default/templates/page.html",
            "/site/static/x.css",
            "/site/static/.well-known/security.txt",
            "/site/themes/default/static/.well-known/x.json",
        ];
        for p in yes {
            assert!(relevant(root, Path::new(p)).is_some(), "{p}");
        }
        let no = [
            "/site/public/index.html",
            "/site/.public.careerpress-staging/index.html",
            "/site/target/debug/x",
            "/site/content/posts/.a.md.swp",
            "/site/content/posts/a.md~",
            "/site/content/posts/4913",
            "/site/static/.well-known/.security.txt.swp",
            "/site/static/.git/config",
            "/site/content/.well-known/x",
            "/site/content/static/.well-known/x.md",
            "/site/data/static/.well-known/x.yaml",
            "/site/README.md",
            "/elsewhere/content/a.md",
        ];
        for p in no {
            assert!(relevant(root, Path::new(p)).is_none(), "{p}");
        }
    }
}
