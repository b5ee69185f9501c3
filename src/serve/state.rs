//! What the HTTP side, the live-reload stream and the watch loop share: the site being
//! served, the channel that says it changed, and which pages are open in a browser. Kept
//! apart from all three so that none of them needs another's module (no import cycles in
//! `serve`).

use crate::escape::decode_path_segment;
use crate::output::{Data, OutputFile};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::{broadcast, watch};

/// Maps a request path to a key of the site's files, refusing anything that could name
/// a place outside it. `None` means "not found".
pub fn site_key(raw_path: &str) -> Option<String> {
    let rest = raw_path.strip_prefix('/')?;
    let mut segments = Vec::new();
    for raw in rest.split('/').filter(|s| !s.is_empty()) {
        segments.push(decode_path_segment(raw)?);
    }
    let mut key = segments.join("/");
    if rest.is_empty() || rest.ends_with('/') {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

/// One built site, as the server hands it out.
#[derive(Debug, Default, Clone)]
pub struct Snapshot {
    /// Shared, so that an incremental rebuild copies pointers, not pages.
    pub files: HashMap<String, Arc<Data>>,
    /// Changes on every successful rebuild and every server start, so pages can tell
    /// whether they are stale.
    pub build_id: u64,
    /// The last build error, shown over every page until a build succeeds.
    pub error: Option<String>,
    /// Files still being rendered for this build: the pages open in a browser come first,
    /// and a request for one of these waits for the rest rather than get the old version.
    pub stale: StaleFiles,
}

impl Snapshot {
    pub fn from_files(files: Vec<OutputFile>, build_id: u64) -> Snapshot {
        let files = files.into_iter().map(|f| (f.rel, Arc::new(f.data))).collect();
        Snapshot { files, build_id, error: None, stale: StaleFiles::default() }
    }

    /// Whether `key` is one of the files still being rendered.
    pub fn is_stale(&self, key: &str) -> bool {
        self.stale.contains(key, &self.files)
    }
}

/// The files of a snapshot still being rendered: those named, and after a change to what
/// every page shows, every file served but those drawn since. Kept as the exceptions, not
/// as every name: at 100,000 articles, naming 200,000 files stale took 170 ms before the
/// open pages' reload.
#[derive(Debug, Default, Clone)]
pub struct StaleFiles {
    named: HashSet<String>,
    /// When set, every file served but these is stale too.
    all_but: Option<HashSet<String>>,
}

impl StaleFiles {
    /// Whether `key`, served from `files`, is stale.
    pub fn contains(&self, key: &str, files: &HashMap<String, Arc<Data>>) -> bool {
        self.named.contains(key)
            || self.all_but.as_ref().is_some_and(|fresh| files.contains_key(key) && !fresh.contains(key))
    }

    /// Every file served is stale but `fresh`. Named files stay stale unless fresh: one
    /// not served yet (a moved page's new URL) is still to come.
    pub fn all_but(&mut self, fresh: HashSet<String>) {
        self.named.retain(|k| !fresh.contains(k));
        self.all_but = Some(fresh);
    }

    pub fn insert(&mut self, key: String) {
        if let Some(fresh) = &mut self.all_but {
            fresh.remove(&key);
        }
        self.named.insert(key);
    }

    /// `key` is drawn: no longer stale.
    pub fn remove(&mut self, key: &str) {
        self.named.remove(key);
        if let Some(fresh) = &mut self.all_but {
            fresh.insert(key.to_string());
        }
    }

    pub fn clear(&mut self) {
        *self = StaleFiles::default();
    }

    /// Every stale file among `files`, by name.
    pub fn keys(&self, files: &HashMap<String, Arc<Data>>) -> HashSet<String> {
        let all = files.keys().filter(|k| self.contains(k, files)).cloned();
        all.chain(self.named.iter().cloned()).collect()
    }
}

pub struct ServerState {
    snapshot: RwLock<Arc<Snapshot>>,
    pub reload: broadcast::Sender<u64>,
    /// Counts every snapshot put in place, announced or not: what requests for a stale
    /// file wait on.
    published: watch::Sender<u64>,
    /// Site keys of the pages whose live-reload stream is open, each with how many.
    viewers: Mutex<HashMap<String, usize>>,
    /// Stale files a request is waiting for: the watch loop draws them next.
    wanted: Mutex<HashSet<String>>,
    /// Copied files must resolve inside this folder (the site root), symlinks included.
    pub root: PathBuf,
}

impl ServerState {
    pub fn new(snapshot: Snapshot, root: PathBuf) -> ServerState {
        let (reload, _) = broadcast::channel(16);
        let (published, _) = watch::channel(0);
        ServerState {
            snapshot: RwLock::new(Arc::new(snapshot)),
            reload,
            published,
            viewers: Mutex::new(HashMap::new()),
            wanted: Mutex::new(HashSet::new()),
            root,
        }
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The snapshot to serve `key` from: the current one, or, while `key` is still being
    /// rendered, the first one in which it is not. A stale `key` is asked for
    /// (`take_wanted`), so the watch loop draws it ahead of the rest.
    pub async fn serving(&self, key: &str) -> Arc<Snapshot> {
        // Subscribed before looking, so a snapshot put in place in between is not missed.
        let mut published = self.published.subscribe();
        loop {
            // Not held while waiting: the watch loop then changes the snapshot in place
            // instead of copying it.
            if !self.current().is_stale(key) {
                return self.current();
            }
            self.wanted.lock().unwrap_or_else(|p| p.into_inner()).insert(key.to_string());
            if published.changed().await.is_err() {
                return self.current();
            }
        }
    }

    /// The stale files requests have asked for since the last call.
    pub fn take_wanted(&self) -> HashSet<String> {
        std::mem::take(&mut *self.wanted.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Changes the snapshot in place (copied first only while a request still holds it:
    /// at 100,000 articles a copy of its 200,000 names took 30 ms of every edit), then,
    /// with `announce`, tells pages to reload: never the other way round, so a reload
    /// never finds the old page or a 404. The rest of a build whose first part was
    /// announced is not: pages already showing it have nothing to reload.
    pub fn update(&self, announce: bool, change: impl FnOnce(&mut Snapshot)) {
        let id = {
            let mut current = self.snapshot.write().unwrap_or_else(|p| p.into_inner());
            let snapshot = Arc::make_mut(&mut current);
            change(snapshot);
            snapshot.build_id
        };
        self.published.send_modify(|n| *n += 1);
        if announce {
            // No receivers just means no page is open.
            let _ = self.reload.send(id);
        }
    }

    /// Counts `key` as open in a browser until the returned guard is dropped.
    pub fn view(self: &Arc<Self>, key: String) -> Viewer {
        *self.viewers.lock().unwrap_or_else(|p| p.into_inner()).entry(key.clone()).or_default() += 1;
        Viewer { state: self.clone(), key }
    }

    /// The site keys of the pages open in a browser now.
    pub fn viewed(&self) -> HashSet<String> {
        self.viewers.lock().unwrap_or_else(|p| p.into_inner()).keys().cloned().collect()
    }
}

/// One open page's live-reload stream; dropped when the stream closes.
pub struct Viewer {
    state: Arc<ServerState>,
    key: String,
}

impl Drop for Viewer {
    fn drop(&mut self) {
        let mut viewers = self.state.viewers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = viewers.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                viewers.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn page(rel: &str, text: &str) -> OutputFile {
        OutputFile { rel: rel.into(), source: "t".into(), data: Data::Bytes(text.as_bytes().to_vec()) }
    }

    fn text(snapshot: &Snapshot, key: &str) -> String {
        match &*snapshot.files[key] {
            Data::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_file_but_the_fresh_ones_is_stale_until_drawn() {
        let mut snapshot = Snapshot::from_files(vec![page("a.html", "1"), page("b.html", "2"), page("c.html", "3")], 1);
        snapshot.stale.insert("new.html".into());
        snapshot.stale.insert("a.html".into());
        snapshot.stale.all_but(HashSet::from(["a.html".to_string()]));
        let stale = |s: &Snapshot| ["a.html", "b.html", "c.html", "gone.html"].map(|k| s.is_stale(k));
        assert_eq!(stale(&snapshot), [false, true, true, false], "a file the site does not have is never stale...");
        assert!(snapshot.is_stale("new.html"), "...unless named, as one still to come is");
        snapshot.stale.remove("new.html");
        snapshot.stale.remove("b.html");
        assert_eq!(stale(&snapshot), [false, false, true, false]);
        snapshot.stale.insert("a.html".into());
        assert_eq!(stale(&snapshot), [true, false, true, false], "named stale again");
        assert_eq!(snapshot.stale.keys(&snapshot.files), HashSet::from(["a.html".to_string(), "c.html".to_string()]));
        snapshot.stale.clear();
        assert_eq!(stale(&snapshot), [false; 4]);
    }

    #[test]
    fn publish_puts_the_snapshot_in_place_before_announcing_it() {
        let state = Arc::new(ServerState::new(Snapshot { build_id: 1, ..Default::default() }, PathBuf::from("/")));
        let mut reloads = state.reload.subscribe();
        state.update(true, |s| *s = Snapshot::from_files(vec![page("index.html", "x")], 2));
        assert_eq!(reloads.try_recv().ok(), Some(2));
        let now = state.current();
        assert_eq!(now.build_id, 2);
        assert!(now.files.contains_key("index.html"));
    }

    #[tokio::test]
    async fn a_stale_file_waits_for_the_rest_of_its_build_and_others_do_not() {
        let state = Arc::new(ServerState::new(Snapshot::default(), PathBuf::from("/")));
        let mut first = Snapshot::from_files(vec![page("a/index.html", "new"), page("b/index.html", "old")], 2);
        first.stale.insert("b/index.html".into());
        assert!(first.is_stale("b/index.html") && !first.is_stale("a/index.html"));
        let mut reloads = state.reload.subscribe();
        state.update(true, |s| *s = first);
        assert_eq!(reloads.try_recv().ok(), Some(2));
        assert_eq!(text(&*state.serving("a/index.html").await, "a/index.html"), "new");

        let waiting = tokio::spawn({
            let state = state.clone();
            async move { state.serving("b/index.html").await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "a stale page must not be served");
        assert_eq!(state.take_wanted(), HashSet::from(["b/index.html".to_string()]), "asked for, to be drawn next");
        assert!(state.take_wanted().is_empty(), "taken once");
        state.update(false, |s| {
            s.files.insert("b/index.html".into(), Arc::new(Data::Bytes(b"new".to_vec())));
            s.stale.clear();
        });
        let served = tokio::time::timeout(Duration::from_secs(5), waiting).await.expect("still waiting").unwrap();
        assert_eq!(text(&served, "b/index.html"), "new");
        assert!(reloads.try_recv().is_err(), "the rest of a build is not announced again");
    }

    #[test]
    fn an_update_changes_the_snapshot_in_place_unless_a_request_holds_it() {
        let state = ServerState::new(Snapshot::from_files(vec![page("a.html", "one")], 1), PathBuf::from("/"));
        let before = Arc::as_ptr(&state.current());
        let mut reloads = state.reload.subscribe();
        state.update(true, |s| s.build_id += 1);
        assert_eq!(Arc::as_ptr(&state.current()), before, "no request held it: changed in place");
        assert_eq!(reloads.try_recv().ok(), Some(2));
        let held = state.current();
        state.update(false, |s| {
            s.files.insert("a.html".into(), Arc::new(Data::Bytes(b"two".to_vec())));
        });
        assert_eq!(text(&held, "a.html"), "one", "a request in flight keeps what it was given");
        assert_eq!(text(&state.current(), "a.html"), "two");
        assert!(reloads.try_recv().is_err(), "not announced");
    }

    #[test]
    fn viewers_count_until_their_streams_close() {
        let state = Arc::new(ServerState::new(Snapshot::default(), PathBuf::from("/")));
        let one = state.view("a/index.html".into());
        let two = state.view("a/index.html".into());
        let other = state.view("index.html".into());
        assert_eq!(state.viewed(), HashSet::from(["a/index.html".to_string(), "index.html".to_string()]));
        drop(one);
        drop(other);
        assert_eq!(state.viewed(), HashSet::from(["a/index.html".to_string()]));
        drop(two);
        assert!(state.viewed().is_empty());
    }
}
