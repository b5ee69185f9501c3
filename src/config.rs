//! site.toml: the single model of a site's settings. Unknown keys are errors, so a typo
//! never silently falls back to a default.

use crate::error::{line_col, Error, ErrorKind};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    /// Always ends with `/` once loaded, so joining a relative path is concatenation.
    pub base_url: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub author: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_output_dir")]
    pub output_dir: String,
    /// Items per list page, unless a section's `_index.md` says otherwise.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// `followup` once checked: what the command and the calculator page use.
    #[serde(skip)]
    pub followup_rules: crate::followup::Rules,
    /// Job listings and callouts.
    #[serde(default)]
    pub jobs: crate::jobs::JobsConfig,
    /// When readers should follow up after an interview.
    #[serde(default)]
    pub followup: crate::followup::FollowupConfig,
    /// Free-form values for themes.
    #[serde(default)]
    pub extra: toml::Table,
}

fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_output_dir() -> String {
    "public".into()
}
fn default_paginate_by() -> usize {
    10
}

impl Config {
    /// Reads `site.toml` from the site root.
    pub fn load(root: &Path) -> Result<Config, Error> {
        // Named relative to the root, like every other file in messages.
        let text = std::fs::read_to_string(root.join(CONFIG_FILE))
            .map_err(|e| Error::new(ErrorKind::Config, CONFIG_FILE, format!("cannot read site configuration: {e}")))?;
        Config::parse(&text, Path::new(CONFIG_FILE))
    }

    /// Parses site.toml text; `path` is only used to name the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Error> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let err = Error::new(ErrorKind::Config, path, e.message().trim().to_string());
            match e.span() {
                Some(span) => {
                    let (line, col) = line_col(text, span.start);
                    err.at(line, col)
                }
                None => err,
            }
        })?;
        let invalid = |key: &str, msg: String| {
            let err = Error::new(ErrorKind::Config, path, format!("`{key}`: {msg}"));
            match key_position(text, key) {
                Some((line, col)) => err.at(line, col),
                None => err,
            }
        };
        config.base_url = normalize_base_url(&config.base_url).map_err(|m| invalid("base_url", m))?;
        if config.paginate_by == 0 {
            return Err(invalid("paginate_by", "must be at least 1".into()));
        }
        if config.theme.is_empty() || config.theme.contains(['/', '\\']) || config.theme == ".." {
            return Err(invalid("theme", format!("{:?} is not a theme folder name", config.theme)));
        }
        if config.output_dir.trim().is_empty() {
            return Err(invalid("output_dir", "must not be empty".into()));
        }
        let jobs = &config.jobs.section;
        let bad_jobs = jobs.is_empty()
            || jobs.starts_with('/')
            || jobs.contains('\\')
            || jobs.split('/').any(|part| part.is_empty() || part == "." || part == "..");
        if bad_jobs {
            let err = Error::new(
                ErrorKind::Config,
                path,
                format!("`jobs.section`: {jobs:?} is not a folder under content/, such as \"jobs\""),
            );
            return Err(match table_key_position(text, "jobs", "section") {
                Some((line, col)) => err.at(line, col),
                None => err,
            });
        }
        match config.followup.validate() {
            Ok(rules) => config.followup_rules = rules,
            Err(e) => {
                let err = Error::new(ErrorKind::Config, path, e.to_string());
                return Err(match table_key_position(text, "followup", e.key) {
                    Some((line, col)) => err.at(line, col),
                    None => err,
                });
            }
        }
        Ok(config)
    }
}

/// Checks that a base URL is absolute (http/https) or root-relative, and gives it a trailing slash.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let ok_scheme = url.starts_with("https://") || url.starts_with("http://");
    let host_ok = ok_scheme && url.split("://").nth(1).is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    if !(host_ok || url.starts_with('/')) || url.contains(char::is_whitespace) {
        return Err(format!(
            "{url:?} is not a usable base URL: give an absolute http(s) URL such as \"https://example.org/\" or a path starting with \"/\""
        ));
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// Finds where a top-level `key =` stands, to point at it in messages about its value.
fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                return Some(line_col(text, offset + (line.len() - trimmed.len())));
            }
        }
        offset += line.len();
    }
    None
}

/// Finds `key =` inside `[table]` (or a top-level `table.key =`), to point at a table
/// setting; falls back to the table's header (or inline `table = {`) so the reader at least
/// lands nearby.
fn table_key_position(text: &str, table: &str, key: &str) -> Option<(usize, usize)> {
    let is_key_line =
        |line: &str, key: &str| line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='));
    let dotted = format!("{table}.{key}");
    let (mut offset, mut top_level, mut in_table, mut header) = (0, true, false, None);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let at = offset + (line.len() - trimmed.len());
        if let Some(rest) = trimmed.strip_prefix('[') {
            let name = rest.split(']').next().unwrap_or("").trim();
            top_level = false;
            in_table = !rest.starts_with('[') && name == table;
            if in_table && header.is_none() {
                header = Some(at);
            }
        } else if (in_table && is_key_line(trimmed, key)) || (top_level && is_key_line(trimmed, &dotted)) {
            return Some(line_col(text, at));
        } else if top_level && header.is_none() && is_key_line(trimmed, table) {
            header = Some(at);
        }
        offset += line.len();
    }
    header.map(|at| line_col(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        Config::parse(text, Path::new("site.toml"))
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"T\"\nbase_url = \"https://example.org\"\n").unwrap();
        assert_eq!(c.base_url, "https://example.org/");
        assert_eq!(c.theme, "default");
        assert_eq!(c.output_dir, "public");
        assert_eq!(c.language, "en");
        assert_eq!(c.paginate_by, 10);
    }

    #[test]
    fn unknown_key_is_named_with_position() {
        let e = parse("title = \"T\"\nbase_url = \"/\"\ntitel = \"x\"\n").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.message().contains("titel"), "{e}");
        assert_eq!(e.line(), Some(3));
    }

    #[test]
    fn bad_base_url_points_at_key() {
        let e = parse("title = \"T\"\n\nbase_url = \"ftp://x\"\n").unwrap_err();
        assert!(e.to_string().starts_with("site.toml:3:1: `base_url`"), "{e}");
    }

    #[test]
    fn base_url_forms() {
        assert_eq!(normalize_base_url("/").unwrap(), "/");
        assert_eq!(normalize_base_url("https://a.io/careers").unwrap(), "https://a.io/careers/");
        assert!(normalize_base_url("https:///x").is_err());
        assert!(normalize_base_url("example.org").is_err());
        assert!(normalize_base_url("https://a b").is_err());
    }

    #[test]
    fn syntax_error_has_position() {
        let e = parse("title = \"T\nbase_url = \"/\"\n").unwrap_err();
        assert!(e.line().is_some(), "{e}");
    }

    #[test]
    fn bad_followup_setting_points_at_its_line() {
        let text = "title = \"T\"\nbase_url = \"/\"\n\n[extra]\nweekend = 1\n\n[followup]\n# rest days\n  weekend = [\"Fri\", \"Saturday\"]\n";
        let e = parse(text).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.to_string().starts_with("site.toml:9:3: `followup.weekend`: \"Fri\""), "{e}");
        let text = "title = \"T\"\nbase_url = \"/\"\n[followup]\nholidays = [\n  \"2025-02-30\",\n]\n";
        let e = parse(text).unwrap_err();
        assert!(e.to_string().starts_with("site.toml:4:1: `followup.holidays`: 2025-02-30"), "{e}");
        let text = "title = \"T\"\nbase_url = \"/\"\nfollowup.no_timeline_business_days = 0\n";
        assert_eq!(parse(text).unwrap_err().line(), Some(3));
        // An inline table has no `key =` line of its own: point at the table.
        let text = "title = \"T\"\nbase_url = \"/\"\nfollowup = { weekend = [] , holidays = [\"x\"] }\n";
        let e = parse(text).unwrap_err();
        assert!(e.to_string().starts_with("site.toml:3:1: `followup.holidays`"), "{e}");
        // Unknown keys inside the table come from the TOML reader, with their position.
        let e = parse("title = \"T\"\nbase_url = \"/\"\n[followup]\nweekends = []\n").unwrap_err();
        assert_eq!(e.line(), Some(4), "{e}");
        let c = parse("title = \"T\"\nbase_url = \"/\"\n[followup]\nweekend = [\"Friday\", \"Saturday\"]\n").unwrap();
        assert_eq!(c.followup.weekend, ["Friday", "Saturday"]);
    }

    #[test]
    fn jobs_section_must_be_a_content_folder() {
        for bad in ["\"\"", "\"/\"", "\"../x\"", "\"a//b\""] {
            let e = parse(&format!("title = \"T\"\nbase_url = \"/\"\n[jobs]\nsection = {bad}\n")).unwrap_err();
            assert!(e.message().contains("jobs.section"), "{bad}: {e}");
            assert_eq!(e.line(), Some(4), "{bad}: {e}");
        }
        assert_eq!(
            parse("title = \"T\"\nbase_url = \"/\"\n[jobs]\nsection = \"careers/open\"\n").unwrap().jobs.section,
            "careers/open"
        );
    }

    #[test]
    fn zero_pagination_rejected() {
        let e = parse("title = \"T\"\nbase_url = \"/\"\npaginate_by = 0\n").unwrap_err();
        assert!(e.message().contains("paginate_by"), "{e}");
    }
}
