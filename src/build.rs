//! `careerpress build`: load, render in memory, then publish. Errors in any step leave the
//! output folder as it was.

use crate::output::{self, PublishStats};
use crate::site::{self, BuildOptions, Site, Timings};
use anyhow::Result;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub stats: PublishStats,
    pub timings: Timings,
}

/// Where the site goes: `--output`, else site.toml's `output_dir`, relative to the root.
pub fn output_dir(root: &Path, config_dir: &str, flag: Option<&Path>) -> PathBuf {
    match flag {
        Some(p) => p.to_path_buf(),
        None => root.join(config_dir),
    }
}

pub fn build(options: &BuildOptions, output_flag: Option<&Path>) -> Result<BuildReport> {
    let mut timings = Timings::default();
    let site = Site::load(options, &mut timings)?;
    let out = output_dir(&options.root, &site.config.output_dir, output_flag);
    output::check_output_dir(&options.root, &out)?;
    let files = timings.step("render", || site::render(&site))?;
    let stats = timings.step("write", || output::publish(&out, &files))?;
    Ok(BuildReport {
        output: out,
        pages: site.pages.len(),
        files: files.len(),
        stats,
        timings,
    })
}
