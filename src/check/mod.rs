//! `careerpress check`: builds the site in memory, writes nothing, and reports every
//! problem at once, rustc-style (`path:line:col: warning[code]: message` with the source
//! line under it) or as JSON lines. `links` reads the rendered pages; `pages` reads the
//! loaded site (descriptions, tags, stale advice, job postings, leftover template syntax).

mod html;
mod links;
mod pages;

use crate::cli::{CheckArgs, CheckFormat};
use crate::error::{printable, printable_line, Error, Errors};
use crate::findings::{self, Severity};
use crate::site::{self, BuildOptions, Site, Timings};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Relative to the site root.
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

/// Findings as the checks make them, before `[check]` settings apply.
#[derive(Default)]
pub struct Found(Vec<Finding>);

impl Found {
    /// Records a finding of `code` (one of `findings::CODES`) at a place in `file`.
    pub fn add(&mut self, code: &'static str, file: &Path, at: Option<(usize, usize)>, message: String) {
        let severity = findings::find(code).map_or(Severity::Error, |c| c.severity);
        self.0.push(Finding {
            file: file.to_path_buf(),
            line: at.map(|(l, _)| l),
            column: at.map(|(_, c)| c),
            severity,
            code,
            message,
        });
    }
}

/// Every finding in the site, ordered by file and line, with `[check]` applied.
/// Errors that stop loading or rendering the site come back as `Err`.
pub fn check(options: &BuildOptions) -> Result<Vec<Finding>, Errors> {
    let site = Site::load_for_check(options, &mut Timings::default())?;
    // Pages unchanged since the last build are read from its output instead of rendered;
    // nothing is recorded, as nothing is written.
    let out = options.root.join(&site.config.output_dir);
    // Where build keeps its record: beside the folder a symlinked output leads to.
    let out = crate::output::publish_dir(&out).unwrap_or(out);
    let cache = site::RenderCache::load(&out);
    let files = site::render_reusing(&site, Some(&cache), None)?;
    let mut found = Found::default();
    links::check(&site, &files, &mut found);
    pages::check(&site, &mut found, true);
    let clashes = site.output_clashes.as_ref().map(|c| c.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    for e in site.duplicate_urls.iter().chain(clashes.iter().flat_map(|c| c.iter())) {
        found.add("duplicate-url", e.path(), e.line().zip(e.column().or(Some(1))), e.message().to_string());
    }
    let broken = site.broken_links.as_ref().map(|b| b.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    let broken: Vec<&Error> = broken.iter().flat_map(|b| b.iter()).collect();
    // The rendered page holds such a link as written, and `links` finds it there too: the
    // Markdown's own message, which says what the link was read as, is the one kept.
    let place = |file: &Path, line, column| (file.to_path_buf(), line, column);
    let known: std::collections::HashSet<_> = broken.iter().map(|e| place(e.path(), e.line(), e.column())).collect();
    found.0.retain(|f| f.code != "broken-link" || !known.contains(&place(&f.file, f.line, f.column)));
    for e in broken {
        found.add("broken-link", e.path(), e.line().zip(e.column()), e.message().to_string());
    }
    for w in site.warnings.iter().chain(&site.case_clashes(&files)) {
        let code = if w.kind() == crate::error::ErrorKind::Config { "base-url-path" } else { "build-warning" };
        found.add(code, w.path(), w.line().zip(w.column().or(Some(1))), w.message().to_string());
    }
    Ok(settled(&site, found))
}

/// Findings with `[check]` applied (codes turned off dropped, severities raised), ordered
/// by file and line, each once.
fn settled(site: &Site, found: Found) -> Vec<Finding> {
    let settings = &site.config.check;
    let mut out: Vec<Finding> = found
        .0
        .into_iter()
        .filter_map(|mut f| {
            let code = findings::find(f.code)?;
            f.severity = settings.severity(code)?;
            Some(f)
        })
        .collect();
    out.sort_by(|a, b| (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code)));
    out.dedup();
    out
}

/// What `check` would find in the loaded site without reading the rendered pages
/// (descriptions, tags, stale advice, listings, headings and images in the sources), for
/// `build` to count: a build stays as fast as it was, and the author learns that
/// `check` has something to say. Links need the rendered pages and are left to `check`.
pub fn page_findings(site: &Site) -> Vec<Finding> {
    let mut found = Found::default();
    pages::check(site, &mut found, false);
    settled(site, found)
}

/// `careerpress check` from the command line; exit 1 on errors (or warnings with
/// `--deny-warnings`), 2 when the site cannot be loaded.
pub fn run(args: &CheckArgs) -> ExitCode {
    let today = match crate::dates::today() {
        Ok(d) => d,
        Err(e) => {
            errln!("error: {e:#}");
            return ExitCode::from(2);
        }
    };
    let options = BuildOptions {
        root: args.site.root.clone(),
        base_url: None,
        drafts: args.drafts,
        future: args.future,
        today,
        preview: false,
    };
    let found = match check(&options) {
        Ok(f) => f,
        Err(errors) => {
            errln!("error: the site cannot be checked until these are fixed:");
            print(args, &errors.0.iter().map(load_finding).collect::<Vec<_>>());
            return ExitCode::from(2);
        }
    };
    print(args, &found);
    let errors = found.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = found.len() - errors;
    let files: BTreeSet<&Path> = found.iter().map(|f| f.file.as_path()).collect();
    let summary = format!(
        "{}, {} in {}",
        crate::wording::count(errors, "error", "errors"),
        crate::wording::count(warnings, "warning", "warnings"),
        crate::wording::count(files.len(), "file", "files")
    );
    match args.format {
        CheckFormat::Human => out(&format!("{summary}\n")),
        CheckFormat::Json => errln!("{summary}"),
    }
    ExitCode::from(if errors > 0 || (args.deny_warnings && warnings > 0) { 1 } else { 0 })
}

/// Findings on stdout in the format asked for; JSON readers get JSON even for load errors.
fn print(args: &CheckArgs, found: &[Finding]) {
    let text = match args.format {
        CheckFormat::Human => human(&args.site.root, found),
        CheckFormat::Json => found.iter().map(|f| serde_json::to_string(f).unwrap_or_default() + "\n").collect(),
    };
    out(&text);
}

/// Writes to stdout; a reader that stopped reading (`check | head`) is no error.
fn out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// A loading error in the findings' format.
fn load_finding(e: &Error) -> Finding {
    Finding {
        file: e.path().to_path_buf(),
        line: e.line(),
        column: e.column(),
        severity: Severity::Error,
        code: "load",
        message: e.message().to_string(),
    }
}

/// rustc-like: the finding, then the source line it points at with a caret under the column.
fn human(root: &Path, found: &[Finding]) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let mut sources: HashMap<&Path, Option<String>> = HashMap::new();
    for f in found {
        let file = printable(&f.file);
        let place = match (f.line, f.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file.to_string(),
        };
        let _ = writeln!(o, "{place}: {}[{}]: {}", f.severity.as_str(), f.code, f.message);
        let Some(line) = f.line else { continue };
        let text = sources.entry(&f.file).or_insert_with(|| std::fs::read_to_string(root.join(&f.file)).ok());
        if let Some(src) = text.as_deref().and_then(|t| t.lines().nth(line - 1)) {
            let width = line.to_string().len();
            // The line is the author's text, and a load error may be about the control
            // character it holds: quoted raw, that character would reach the terminal.
            let quoted = printable_line(src);
            let _ = writeln!(o, "{:width$} |", "");
            let _ = writeln!(o, "{line} | {quoted}");
            if let Some(col) = f.column {
                let mut pad = String::new();
                for c in src.chars().take(col.saturating_sub(1)) {
                    match c {
                        '\t' => pad.push('\t'),
                        _ => pad.extend(std::iter::repeat_n(' ', quoted.width_of(c))),
                    }
                }
                let _ = writeln!(o, "{:width$} | {pad}^", "");
            }
        }
    }
    o
}

/// The 1-based line and column of the first of `needles` found in `text` as a whole URL:
/// `/posts/a` is not found in `/posts/ab/`, nor `#top` in `#top-tips`.
pub(crate) fn position_of(text: &str, needles: &[&str]) -> Option<(usize, usize)> {
    nth_position_of(text, needles, 0)
}

/// `position_of` for the `nth` (from 0) place the first of `needles` found is written.
pub(crate) fn nth_position_of(text: &str, needles: &[&str], nth: usize) -> Option<(usize, usize)> {
    let at = whole_urls(text, first_found(text, needles)?).nth(nth)?;
    Some(crate::error::line_col(text, at))
}

/// Every place the first of `needles` found is written, in order.
pub(crate) fn positions_of(text: &str, needles: &[&str]) -> Vec<(usize, usize)> {
    let Some(needle) = first_found(text, needles) else { return Vec::new() };
    whole_urls(text, needle).map(|at| crate::error::line_col(text, at)).collect()
}

/// The first of `needles` that `text` holds as a whole URL.
fn first_found<'n>(text: &str, needles: &[&'n str]) -> Option<&'n str> {
    needles.iter().copied().find(|n| !n.is_empty() && whole_urls(text, n).next().is_some())
}

/// Where `text` holds `needle` as a whole URL: not followed by what would continue one,
/// nor, unless it is a fragment (which follows its page's path), preceded by what would
/// start one: `/notes/` is not found in `https://example.org/notes/`.
fn whole_urls<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let continues_url = |c: char| c.is_alphanumeric() || "-_.~%/".contains(c);
    let starts_earlier = move |i: usize| {
        !needle.starts_with('#') && text[..i].ends_with(|c: char| continues_url(c) || c == ':' || c == '@')
    };
    text.match_indices(needle)
        .map(|(i, _)| i)
        .filter(move |&i| !text[i + needle.len()..].starts_with(continues_url) && !starts_earlier(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        assert_eq!(position_of("a\nb [x](/nope/)\n", &["/missing/", "/nope/"]), Some((2, 7)));
        assert_eq!(position_of("text", &["", "zzz"]), None);
        assert_eq!(positions_of("a = \"/x/\"\nb = \"/x/y/\"\nc = \"/x/\"", &["/x/"]), [(1, 6), (3, 6)]);
        assert_eq!(positions_of("text", &["", "zzz"]), []);
        assert_eq!(position_of("[a](#top-tips) [b](#top)", &["#top"]), Some((1, 20)), "a whole fragment");
        assert_eq!(position_of("[a](/posts/a/b/)\n[b](/posts/a/#x)", &["/posts/a/"]), Some((2, 5)));
        // Not inside a longer URL: the link another site's address ends like is not it.
        let text = "my [notes](https://viku.me/notes/), see\n[here](/notes/)";
        assert_eq!(position_of(text, &["/notes/"]), Some((2, 8)));
        assert_eq!(position_of("[a](../../a/) [b](../a/)", &["../a/"]), Some((1, 19)));
        assert_eq!(position_of("[a](/posts/x/#top)", &["#top)"]), Some((1, 14)), "a fragment follows its path");
    }
}
