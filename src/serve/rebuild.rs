//! Decides how much a batch of changes rebuilds: a static file needs nothing rebuilt (it is
//! read from its source when requested), anything else rebuilds the site in memory.

use crate::output::{Data, OutputFile};
use crate::site::{self, BuildOptions, Site, Timings};
use anyhow::Result;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

pub struct Rebuilder {
    options: BuildOptions,
    site: Option<Site>,
}

/// What a rebuild changed in the served files.
pub struct Outcome {
    /// The whole new site, or only the files that changed.
    files: Changes,
    pub summary: String,
}

enum Changes {
    All(Vec<OutputFile>),
    Some { changed: Vec<OutputFile>, removed: Vec<String> },
}

impl Outcome {
    /// The served files after this rebuild.
    pub fn merge_into(self, previous: &HashMap<String, Arc<Data>>) -> HashMap<String, Arc<Data>> {
        match self.files {
            Changes::All(files) => files.into_iter().map(|f| (f.rel, Arc::new(f.data))).collect(),
            Changes::Some { changed, removed } => {
                let mut files = previous.clone();
                for key in removed {
                    files.remove(&key);
                }
                for f in changed {
                    files.insert(f.rel, Arc::new(f.data));
                }
                files
            }
        }
    }
}

impl Rebuilder {
    pub fn new(options: BuildOptions) -> Rebuilder {
        Rebuilder { options, site: None }
    }

    /// Loads and renders the whole site.
    pub fn full(&mut self) -> Result<Vec<OutputFile>> {
        let mut timings = Timings::default();
        self.site = None;
        let site = Site::load(&self.options, &mut timings)?;
        let files = site::render(&site)?;
        self.site = Some(site);
        Ok(files)
    }

    pub fn apply(&mut self, batch: &BTreeSet<PathBuf>) -> Result<Outcome> {
        if self.only_static_edits(batch) {
            return Ok(Outcome {
                files: Changes::Some { changed: Vec::new(), removed: Vec::new() },
                summary: "static file served as saved, nothing rebuilt".into(),
            });
        }
        let files = self.full()?;
        let summary = format!("rebuilt everything ({} files)", files.len());
        Ok(Outcome { files: Changes::All(files), summary })
    }

    /// Edits of static files the site already has: they are read when requested.
    fn only_static_edits(&self, batch: &BTreeSet<PathBuf>) -> bool {
        let Some(site) = &self.site else { return false };
        batch.iter().all(|rel| {
            let abs = self.options.root.join(rel);
            abs.is_file()
                && site.assets.iter().any(|a| matches!(&a.data, Data::Copy(src) if *src == abs))
                && !rel.starts_with("content")
        })
    }
}
