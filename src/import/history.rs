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
    /// or git is not installed or cannot read it.
    pub fn read(src: &Path) -> History {
        let output = Command::new("git")
            .arg("-C")
            .arg(src)
            // The old site's own configuration runs nothing: no signature checks, no
            // file system monitor.
            .args(["-c", "core.quotePath=false", "-c", "log.showSignature=false", "-c", "core.fsmonitor=false"])
            .args(["log", "--format=%x01%as", "--name-only", "--no-renames", "--relative"])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output();
        match output {
            Ok(out) if out.status.success() => History::of_log(&String::from_utf8_lossy(&out.stdout)),
            _ => History::default(),
        }
    }

    /// Read from `git log --format=%x01%as --name-only`, newest commit first: a line
    /// `\x01YYYY-MM-DD` per commit, then the paths it touched.
    fn of_log(log: &str) -> History {
        let mut history = History::default();
        let mut day: Option<&str> = None;
        for line in log.lines() {
            if let Some(d) = line.strip_prefix('\u{1}') {
                day = crate::dates::parse_date(d).is_ok().then_some(d);
                continue;
            }
            let (Some(day), false) = (day, line.is_empty()) else { continue };
            // Newest first: the first commit seen is the last made, the last seen the first.
            history.modified.entry(line.to_string()).or_insert_with(|| day.to_string());
            history.created.insert(line.to_string(), day.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_commit_made_it_and_the_last_changed_it() {
        let log = "\u{1}2024-05-02\n\nposts/a.md\nabout.md\n\n\u{1}2023-01-09\n\nposts/a.md\n\n\u{1}2020-07-30\n\nposts/a.md\nnotes/é b.md\n";
        let history = History::of_log(log);
        let day = |rel: &str, when| history.day(Path::new("/nonexistent"), Path::new(rel), when).day;
        assert_eq!(day("posts/a.md", When::Created), "2020-07-30");
        assert_eq!(day("posts/a.md", When::Modified), "2024-05-02");
        assert_eq!(day("about.md", When::Created), "2024-05-02");
        assert_eq!(day("notes/é b.md", When::Modified), "2020-07-30");
        let missing = history.day(Path::new("/nonexistent"), Path::new("new.md"), When::Created);
        assert_eq!(missing.by, "the day its file was last saved", "a file git does not know");
    }

    #[test]
    fn a_log_line_that_is_no_day_dates_nothing() {
        let history = History::of_log("\u{1}someday\n\nposts/a.md\n\u{1}2021-02-03\nposts/b.md\n");
        assert!(!history.created.contains_key("posts/a.md"));
        assert_eq!(history.created["posts/b.md"], "2021-02-03");
    }
}
