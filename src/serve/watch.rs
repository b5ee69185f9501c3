//! Watches the site's sources (never the output folder) and hands the serve loop batches
//! of changed paths. Events are collected until the file system is quiet for a moment, so
//! an editor's write-temp-then-rename save arrives as one batch about the real file, and a
//! deleted file is reported like any other (its page must go).

use crate::content::is_ignored_name;
use anyhow::{Context as _, Result};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Quiet time that ends a batch: long enough to join the events of one save, short enough
/// to keep edit-to-reload well under 100 ms.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// The folders and files of a site that can change its output.
pub const WATCHED_DIRS: [&str; 5] = ["content", "themes", "templates", "static", "data"];

pub struct SiteWatcher {
    _watcher: RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

impl SiteWatcher {
    pub fn new(root: &Path) -> Result<SiteWatcher> {
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).context("cannot start the file watcher")?;
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            if path.is_dir() {
                watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .with_context(|| format!("cannot watch {}", path.display()))?;
            }
        }
        // The root itself, not recursively: site.toml, and atomic saves that rename into it.
        watcher.watch(root, RecursiveMode::NonRecursive).with_context(|| format!("cannot watch {}", root.display()))?;
        Ok(SiteWatcher { _watcher: watcher, events, root: root.to_path_buf() })
    }

    /// Blocks until something relevant changed; returns the changed paths relative to the
    /// root, or `None` when the watcher has stopped.
    pub fn next_batch(&self) -> Option<BTreeSet<PathBuf>> {
        loop {
            let mut batch = BTreeSet::new();
            let first = self.events.recv().ok()?;
            self.add(&mut batch, first);
            while let Ok(event) = self.events.recv_timeout(DEBOUNCE) {
                self.add(&mut batch, event);
            }
            if !batch.is_empty() {
                return Some(batch);
            }
        }
    }

    fn add(&self, batch: &mut BTreeSet<PathBuf>, event: notify::Result<notify::Event>) {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        for path in event.paths {
            if let Some(rel) = relevant(&self.root, &path) {
                batch.insert(rel);
            }
        }
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
    let ignored = rel.components().any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()));
    (!ignored).then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_are_relevant() {
        let root = Path::new("/site");
        let yes = [
            "/site/site.toml",
            "/site/content/posts/a.md",
            "/site/themes/default/templates/page.html",
            "/site/static/x.css",
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
            "/site/README.md",
            "/elsewhere/content/a.md",
        ];
        for p in no {
            assert!(relevant(root, Path::new(p)).is_none(), "{p}");
        }
    }
}
