//! When each file of the old site was written, for the documents its generator showed
//! without a date (careerpress's articles need one). A fresh clone gives every file the
//! day of the checkout as its modification time, so an import dated by it put the old
//! site's About and docs pages at the top of the feeds as new. The site's git history,
//! when it has one, knows better: the day a file was first committed is when it was
//! written, the day it was last committed when it last changed.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// Which day of a file's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// When it was written: its first commit.
    Created,
    /// When it last changed: its last commit.
    Modified,
}

/// A day for a document and what it was read from, for the report.
#[derive(Debug, PartialEq, Eq)]
pub struct Dated {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// "the day it was first committed (git)", ...
    pub by: &'static str,
}

/// Each file's first and last commit day, by its path relative to the old site's folder.
#[derive(Default)]
pub struct History {
    created: HashMap<String, String>,
    modified: HashMap<String, String>,
}

impl History {
    /// The git history of the files under `src`; empty where `src` is in no repository,
    /// git is not installed or cannot read it, or the history is not all there (a shallow
    /// clone, GitHub Actions' default, would date every file by its one commit; a partial
    /// clone would fetch what it lacks from wherever its configuration says).
    pub fn read(src: &Path) -> History {
        let partial = git(src, &["config", "--get", "extensions.partialClone"]).is_some_and(|v| !v.trim().is_empty());
        let shallow = git(src, &["rev-parse", "--is-shallow-repository"]).is_none_or(|v| v.trim() != "false");
        if partial || shallow {
            return History::default();
        }
        let log = git(src, &["log", "-z", "--format=%x01%as", "--name-only", "--no-renames", "--relative"]);
        log.map_or_else(History::default, |log| History::of_log(&log))
    }

    /// Read from `git log -z --format=%x01%as --name-only`: for each commit `\x01`, its
    /// author day and a NUL, then the paths it touched, each after a line end or a NUL. A
    /// file's earliest day is when it was written, its latest when it last changed,
    /// whatever order rebased commits come in.
    fn of_log(log: &str) -> History {
        let mut history = History::default();
        for commit in log.split('\u{1}') {
            let mut fields = commit.split('\0');
            let Some(day) = fields.next().filter(|d| crate::dates::parse_date(d).is_ok()) else { continue };
            for path in fields.map(|f| f.trim_start_matches('\n')).filter(|p| !p.is_empty()) {
                let earliest = history.created.entry(path.to_string()).or_insert_with(|| day.to_string());
                if day < earliest.as_str() {
                    *earliest = day.to_string();
                }
                let latest = history.modified.entry(path.to_string()).or_insert_with(|| day.to_string());
                if day > latest.as_str() {
                    *latest = day.to_string();
                }
            }
        }
        history
    }

    /// The day of the file at `rel` of its first or last commit; None where git has none.
    pub fn committed(&self, rel: &Path, when: When) -> Option<&str> {
        let days = match when {
            When::Created => &self.created,
            When::Modified => &self.modified,
        };
        days.get(&rel.to_string_lossy().replace('\\', "/")).map(String::as_str)
    }

    /// The day `when` of the file at `rel` under `src`: from its git history, else the day
    /// the file was last saved, else today.
    pub fn day(&self, src: &Path, rel: &Path, when: When) -> Dated {
        if let Some(day) = self.committed(rel, when) {
            let by = match when {
                When::Created => "the day it was first committed (git)",
                When::Modified => "the day it was last committed (git)",
            };
            return Dated { day: day.to_string(), by };
        }
        let saved = std::fs::metadata(src.join(rel)).and_then(|m| m.modified()).ok();
        let day = saved
            .map_or_else(|| chrono::Utc::now().date_naive(), |t| chrono::DateTime::<chrono::Utc>::from(t).date_naive());
        Dated { day: day.to_string(), by: "the day its file was last saved" }
    }
}

/// What `git` prints for `args` in `src`, None when it fails. The old site's own
/// configuration and environment run nothing: no signature checks, no file system
/// monitor, no fetch of missing objects, no prompt for credentials, and the repository is
/// the one `src` is in, not one the environment names.
fn git(src: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(src)
        .args(["-c", "core.quotePath=false", "-c", "log.showSignature=false", "-c", "core.fsmonitor=false"])
        .args(["-c", "protocol.allow=never"])
        .args(args)
        .env("GIT_NO_LAZY_FETCH", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_commit_made_it_and_the_last_changed_it() {
        // Newest first, as git logs; the 2019 commit was rebased in below a later one.
        let log = "\u{1}2024-05-02\0\nposts/a.md\0about.md\0\u{1}2023-01-09\0\nposts/a.md\0\u{1}2019-02-03\0\n\
                   about.md\0\u{1}2020-07-30\0\nposts/a.md\0notes/\"é\" b.md\0";
        let history = History::of_log(log);
        let day = |rel: &str, when| history.day(Path::new("/nonexistent"), Path::new(rel), when).day;
        assert_eq!(day("posts/a.md", When::Created), "2020-07-30");
        assert_eq!(day("posts/a.md", When::Modified), "2024-05-02");
        assert_eq!(day("about.md", When::Created), "2019-02-03");
        assert_eq!(day("notes/\"é\" b.md", When::Modified), "2020-07-30");
        let missing = history.day(Path::new("/nonexistent"), Path::new("new.md"), When::Created);
        assert_eq!(missing.by, "the day its file was last saved", "a file git does not know");
    }

    #[test]
    fn a_log_line_that_is_no_day_dates_nothing() {
        let history = History::of_log("\u{1}someday\0\nposts/a.md\0\u{1}2021-02-03\0\nposts/b.md\0");
        assert!(!history.created.contains_key("posts/a.md"));
        assert_eq!(history.created["posts/b.md"], "2021-02-03");
    }

    #[test]
    fn a_shallow_clone_has_no_history() {
        let tmp = tempfile::tempdir().unwrap();
        let git = |dir: &Path, args: &[&str]| {
            let ok = Command::new("git")
                .args(["-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
                .args(args)
                .current_dir(dir)
                .env("GIT_AUTHOR_DATE", "2019-03-04T10:00:00Z")
                .env("GIT_COMMITTER_DATE", "2019-03-04T10:00:00Z")
                .output()
                .is_ok_and(|o| o.status.success());
            assert!(ok, "git {args:?}");
        };
        let full = tmp.path().join("full");
        std::fs::create_dir_all(&full).unwrap();
        std::fs::write(full.join("a.md"), "x").unwrap();
        git(&full, &["init", "-q"]);
        git(&full, &["add", "."]);
        git(&full, &["commit", "-qm", "one"]);
        std::fs::write(full.join("a.md"), "y").unwrap();
        git(&full, &["commit", "-qam", "two"]);
        assert_eq!(History::read(&full).committed(Path::new("a.md"), When::Created), Some("2019-03-04"));
        let url = format!("file://{}", full.display());
        git(tmp.path(), &["clone", "-q", "--depth", "1", &url, "shallow"]);
        let shallow = History::read(&tmp.path().join("shallow"));
        assert_eq!(shallow.committed(Path::new("a.md"), When::Created), None, "one commit is no history");
    }
}
