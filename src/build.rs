//! `careerpress build`: load, render in memory, then publish. Errors in any step leave the
//! output folder as it was.

use crate::cli::BuildArgs;
use crate::output::{self, Data, PublishStats, Stage};
use crate::site::{self, BuildOptions, RenderCache, Site, Timings};
use crate::wording::count;
use anyhow::Result;
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
    /// What `careerpress check` finds in the loaded site, counted for the report.
    pub findings: Vec<crate::check::Finding>,
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
    build_keeping(options, output_flag, reuse).map(|(report, _)| report)
}

/// What a build loaded and made, past its report: at 100,000 articles, a million small
/// allocations that take about half a second to free one by one, for a process that
/// ends right after (`run` leaves them to the operating system). Nothing kept here may
/// need its `Drop` to run: a type that cleans up files or flushes on drop stays out.
struct Kept {
    _site: Site,
    _files: Vec<output::OutputFile>,
    _cache: RenderCache,
}

fn build_keeping(options: &BuildOptions, output_flag: Option<&Path>, reuse: bool) -> Result<(BuildReport, Kept)> {
    let mut timings = Timings::default();
    output::phase_for_tests("load");
    let site = Site::load(options, &mut timings)?;
    let mut warnings = site.warnings.clone();
    let out = output_dir(&options.root, &site.config.output_dir, output_flag);
    output::check_output_dir(&options.root, &out)?;
    // A symlinked output is published at its target, and the render record sits there too.
    let target = output::publish_dir(&out)?;
    // Pages go into the staging folder as they render; a failure below drops `stage`,
    // which removes it, and the output folder is never touched.
    let mut stage = timings.step("prepare output", || Stage::begin(&target))?;
    if !reuse {
        stage.read_every_folder();
    }
    stage.keep(&site.config.keep_in_output);
    // Read under the lock that `stage` holds: the record is of the site now published.
    let cache =
        timings.step("read record", || if reuse { RenderCache::load(&target) } else { RenderCache::empty(&target) });
    output::phase_for_tests("render");
    let files = timings.step("render + write", || site::render_reusing(&site, Some(&cache), Some(&stage)))?;
    warnings.extend(timings.step("case clashes", || site.case_clashes(&files)));
    // What is left to write (copies, reused pages) waits on the disk; the page checks and
    // the render record's lines for reused pages use that time on the other core.
    let (stats, (findings, draft)) = timings.step("publish + page checks", || {
        std::thread::scope(|scope| {
            let beside = scope.spawn(|| (crate::check::page_findings(&site), cache.draft_record()));
            let stats = stage.publish(&files);
            (stats, beside.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    });
    let stats = stats?;
    warnings.extend(stats.left.iter().map(|name| left_output(&target, name)));
    // The site is out; a record that cannot be written only means rendering again next time.
    // It is written under the output's lock: a build starting meanwhile would publish over
    // the files it describes, and its next build would take them for this one's pages.
    if let Err(e) = timings.step("record", || cache.save(draft)) {
        let record = site::cache::record_file(&target);
        warnings.push(crate::error::Error::new(
            crate::error::ErrorKind::Io,
            &record,
            format!("cannot record the pages for the next build to reuse: {e}"),
        ));
    }
    // Pages only: the job feeds may be reused too.
    let pages_where =
        |made: fn(&Data) -> bool| files.iter().filter(|f| made(&f.data) && f.rel.ends_with(".html")).count();
    let pages = pages_where(|d| matches!(d, Data::Bytes(_) | Data::Published { .. } | Data::Staged { .. }));
    let reused = pages_where(|d| matches!(d, Data::Published { .. }));
    drop(stage);
    let report = BuildReport { output: out, pages, reused, files: files.len(), stats, timings, warnings, findings };
    Ok((report, Kept { _site: site, _files: files, _cache: cache }))
}

/// The warning for an entry at the top of the output folder that the site never made,
/// which the swap took out of it: a deploy repository's `.git`, a `CNAME` put there by hand.
fn left_output(out: &Path, name: &Path) -> crate::error::Error {
    let kept = crate::output::staging_dir(out);
    let message = format!(
        "not made by the site, so it is no longer in the output folder: it is in {} until the \
         next build removes it. Put files to publish in static/, or name it in site.toml's \
         `keep_in_output` to leave it in place",
        crate::error::printable(&kept)
    );
    crate::error::Error::new(crate::error::ErrorKind::Output, out.join(name), message)
}

/// `careerpress build` as the command line asks for it, with a one-line report.
pub fn run(args: &BuildArgs) -> Result<()> {
    let options = BuildOptions {
        root: args.site.root.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        future: args.future,
        today: crate::dates::today()?,
        preview: false,
    };
    let (r, kept) = build_keeping(&options, args.output.as_deref(), !args.render_all)?;
    for w in &r.warnings {
        errln!("warning: {w}");
    }
    if let Some(note) = check_note(&r.findings) {
        errln!("{note}");
    }
    outln!(
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
    // The process ends now: freeing what the build holds would only delay that.
    std::mem::forget((r, kept));
    Ok(())
}

/// The count of what `check` would report, and where to see it; None when it found nothing.
fn check_note(findings: &[crate::check::Finding]) -> Option<String> {
    if findings.is_empty() {
        return None;
    }
    let errors = findings.iter().filter(|f| f.severity == crate::findings::Severity::Error).count();
    let files: std::collections::BTreeSet<&Path> = findings.iter().map(|f| f.file.as_path()).collect();
    let what = match errors {
        0 => count(findings.len(), "warning", "warnings"),
        _ => format!(
            "{} and {}",
            count(errors, "error", "errors"),
            count(findings.len() - errors, "warning", "warnings")
        ),
    };
    Some(format!(
        "note: {what} in {} (descriptions, tags, listings, stale advice, future dates, headings, images): run \
         `careerpress check` to see them, with every link checked too",
        count(files.len(), "file", "files")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each build of the jobs-board fixture made of the large job feeds: whether each
    /// was taken from the last build (`Data::Published`).
    fn feeds_reused(options: &BuildOptions, out: &Path) -> Vec<(String, bool)> {
        let (_, kept) = build_keeping(options, Some(out), true).unwrap();
        let mut feeds: Vec<(String, bool)> = kept
            ._files
            .iter()
            .filter(|f| f.rel == "jobs/jobs.json" || f.rel == "jobs/jobs.xml")
            .map(|f| (f.rel.clone(), matches!(f.data, Data::Published { .. })))
            .collect();
        feeds.sort();
        feeds
    }

    /// Copies every file under `from` to the same place under `to`.
    fn copy_tree(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let dest = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
    }

    #[test]
    fn the_large_job_feeds_are_reused_when_nothing_they_carry_changed() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path().join("site"), dir.path().join("public"));
        let project = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_tree(&project.join("tests/fixtures/jobs-board"), &root);
        copy_tree(&project.join("themes/default"), &root.join("themes/default"));
        let day = |d: u32| BuildOptions {
            root: root.clone(),
            base_url: None,
            drafts: false,
            future: false,
            today: chrono::NaiveDate::from_ymd_opt(2025, 4, d).unwrap(),
            preview: false,
        };
        let made = |reused| vec![("jobs/jobs.json".to_string(), reused), ("jobs/jobs.xml".to_string(), reused)];
        assert_eq!(feeds_reused(&day(15), &out), made(false), "nothing to reuse yet");
        assert_eq!(feeds_reused(&day(15), &out), made(true));
        // The next day only the XML feed's build date changes.
        let next = feeds_reused(&day(16), &out);
        assert_eq!(next, [("jobs/jobs.json".to_string(), true), ("jobs/jobs.xml".to_string(), false)]);
    }
}
