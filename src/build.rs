//! `careerpress build`: load, render in memory, then publish. Errors in any step leave the
//! output folder as it was.

use crate::cli::BuildArgs;
use crate::output::{self, Data, PublishStats};
use crate::site::{self, BuildOptions, RenderCache, Site, Timings};
use anyhow::{bail, Context as _, Result};
use chrono::{DateTime, NaiveDate, Utc};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    /// HTML pages rendered: articles, list pages, the job board and listings, redirect
    /// pages for aliases, the rest.
    pub pages: usize,
    /// Pages taken from the last build's output, their template input unchanged.
    pub reused: usize,
    pub files: usize,
    pub stats: PublishStats,
    pub timings: Timings,
    /// Problems that did not stop the build, each located in its file.
    pub warnings: Vec<crate::error::Error>,
}

/// Where the site goes: `--output`, else site.toml's `output_dir`, relative to the root.
pub fn output_dir(root: &Path, config_dir: &str, flag: Option<&Path>) -> PathBuf {
    match flag {
        Some(p) => p.to_path_buf(),
        None => root.join(config_dir),
    }
}

/// Loads, renders and publishes. With `reuse`, pages whose template input is what it was
/// last build are taken from the output folder instead of rendered (see `site::cache`).
pub fn build(options: &BuildOptions, output_flag: Option<&Path>, reuse: bool) -> Result<BuildReport> {
    let mut timings = Timings::default();
    let site = Site::load(options, &mut timings)?;
    let mut warnings = site.warnings.clone();
    let out = output_dir(&options.root, &site.config.output_dir, output_flag);
    output::check_output_dir(&options.root, &out)?;
    // A symlinked output is published at its target, and the render record sits there too.
    let target = output::publish_dir(&out)?;
    let cache = if reuse { RenderCache::load(&target) } else { RenderCache::empty(&target) };
    let files = timings.step("render", || site::render_reusing(&site, Some(&cache)))?;
    let stats = timings.step("write", || output::publish(&target, &files))?;
    // The site is out; a record that cannot be written only means rendering again next time.
    if let Err(e) = timings.step("record", || cache.save()) {
        let record = site::cache::record_file(&target);
        warnings.push(crate::error::Error::new(
            crate::error::ErrorKind::Io,
            &record,
            format!("cannot record the pages for the next build to reuse: {e}"),
        ));
    }
    let pages = files
        .iter()
        .filter(|f| matches!(f.data, Data::Bytes(_) | Data::Published(_)) && f.rel.ends_with(".html"))
        .count();
    let reused = files.iter().filter(|f| matches!(f.data, Data::Published(_))).count();
    Ok(BuildReport { output: out, pages, reused, files: files.len(), stats, timings, warnings })
}

/// The build date in UTC, or the date of `SOURCE_DATE_EPOCH` for reproducible builds.
pub fn today() -> Result<NaiveDate> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => date_from_epoch(&v),
        Err(std::env::VarError::NotPresent) => Ok(Utc::now().date_naive()),
        Err(e) => Err(e).context("SOURCE_DATE_EPOCH"),
    }
}

fn date_from_epoch(value: &str) -> Result<NaiveDate> {
    let secs: i64 = value
        .trim()
        .parse()
        .with_context(|| format!("SOURCE_DATE_EPOCH={value:?} is not a whole number of seconds since 1970"))?;
    match DateTime::<Utc>::from_timestamp(secs, 0) {
        Some(t) => Ok(t.date_naive()),
        None => bail!("SOURCE_DATE_EPOCH={value:?} is out of range"),
    }
}

/// `careerpress build` as the command line asks for it, with a one-line report.
pub fn run(args: &BuildArgs) -> Result<()> {
    let options = BuildOptions {
        root: args.site.root.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        future: args.future,
        today: today()?,
        preview: false,
    };
    let r = build(&options, args.output.as_deref(), !args.render_all)?;
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    println!(
        "Built {}, {} reused ({}: {} written, {} unchanged, {} removed) into {} in {}",
        count(r.pages, "page", "pages"),
        r.reused,
        count(r.files, "file", "files"),
        r.stats.written,
        r.stats.unchanged,
        r.stats.removed,
        r.output.display(),
        r.timings
    );
    Ok(())
}

/// "1 page", "2 pages": summaries read as sentences.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count(0, "page", "pages"), "0 pages");
        assert_eq!(count(1, "page", "pages"), "1 page");
        assert_eq!(count(2, "file", "files"), "2 files");
    }

    #[test]
    fn source_date_epoch_is_read_as_utc_date() {
        assert_eq!(date_from_epoch("1736121600").unwrap(), NaiveDate::from_ymd_opt(2025, 1, 6).unwrap());
        assert_eq!(date_from_epoch("0").unwrap(), NaiveDate::from_ymd_opt(1970, 1, 1).unwrap());
        assert!(date_from_epoch("yesterday").is_err());
        assert!(date_from_epoch("99999999999999999").is_err());
    }
}
