//! What the HTTP side, the live-reload stream and the watch loop share: the site being
//! served and the channel that says it changed. Kept apart from all three so that none of
//! them needs another's module (no import cycles in `serve`).

use crate::output::{Data, OutputFile};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// One built site, as the server hands it out.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Shared, so that an incremental rebuild copies pointers, not pages.
    pub files: HashMap<String, Arc<Data>>,
    /// Changes on every successful rebuild and every server start, so pages can tell
    /// whether they are stale.
    pub build_id: u64,
    /// The last build error, shown over every page until a build succeeds.
    pub error: Option<String>,
}

impl Snapshot {
    pub fn from_files(files: Vec<OutputFile>, build_id: u64) -> Snapshot {
        Snapshot { files: files.into_iter().map(|f| (f.rel, Arc::new(f.data))).collect(), build_id, error: None }
    }
}

pub struct ServerState {
    pub snapshot: RwLock<Arc<Snapshot>>,
    pub reload: broadcast::Sender<u64>,
    /// Copied files must resolve inside this folder (the site root), symlinks included.
    pub root: PathBuf,
}

impl ServerState {
    pub fn new(snapshot: Snapshot, root: PathBuf) -> ServerState {
        let (reload, _) = broadcast::channel(16);
        ServerState { snapshot: RwLock::new(Arc::new(snapshot)), reload, root }
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Puts a new snapshot in place, then tells pages to reload: never the other way round,
    /// so a reload never finds the old page or a 404.
    pub fn publish(&self, snapshot: Snapshot) {
        let id = snapshot.build_id;
        *self.snapshot.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(snapshot);
        // No receivers just means no page is open.
        let _ = self.reload.send(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_puts_the_snapshot_in_place_before_announcing_it() {
        let state = Arc::new(ServerState::new(Snapshot { build_id: 1, ..Default::default() }, PathBuf::from("/")));
        let mut reloads = state.reload.subscribe();
        let files = vec![OutputFile { rel: "index.html".into(), source: "t".into(), data: Data::Bytes(b"x".to_vec()) }];
        state.publish(Snapshot::from_files(files, 2));
        assert_eq!(reloads.try_recv().ok(), Some(2));
        let now = state.current();
        assert_eq!(now.build_id, 2);
        assert!(now.files.contains_key("index.html"));
    }
}
