//! Findings about what authors wrote, read from the loaded site: descriptions, titles,
//! tags, how long ago advice was reviewed, images without alt text, skipped heading
//! levels, template syntax from another generator, and job postings that search engines
//! will mark incomplete.

use super::{html, Found};
use crate::content::front_matter;
use crate::site::{Site, SitePage};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// Search engines show about this much of a description.
const DESCRIPTION_CHARS: std::ops::RangeInclusive<usize> = 50..=160;
/// A listing this close to its end warns that it will disappear.
const EXPIRING_DAYS: i64 = 7;

/// With `locate` false, findings are counted without lines (as `build` wants them), so no
/// source file is read again.
pub fn check(site: &Site, found: &mut Found, locate: bool) {
    for sp in &site.pages {
        let source = Source::of(site, &sp.page.file.display, locate);
        if sp.page.is_article() {
            article(site, sp, &source, found);
        }
        body(sp, &source, found);
        future_dates(site, sp, &source, found);
    }
    for section in site.sections.values() {
        section_foreign_syntax(section, &site.templates.shortcodes, found);
    }
    duplicates(site, found, locate);
    jobs(site, found, locate);
    stand_ins(site, found);
}

/// The shortcodes pages call that are still the import's stand-ins, which show only a
/// pair's body: what the old site's drew is missing until someone rewrites them.
fn stand_ins(site: &Site, found: &mut Found) {
    for name in &site.templates.shortcodes {
        let template = format!("{}{name}.html", crate::templates::SHORTCODES_DIR);
        let Some(at) = site.templates.text(&template).and_then(|t| t.find(crate::import::STAND_IN)) else { continue };
        let calls = |shortcodes: &[String]| shortcodes.iter().any(|s| s == name);
        let pages = site.pages.iter().filter(|p| calls(&p.rendered.shortcodes)).count()
            + site.sections.values().filter(|s| calls(&s.shortcodes)).count();
        if pages == 0 {
            continue;
        }
        let file = site.templates.source(&template).unwrap_or(Path::new(&template));
        let (s, call) = if pages == 1 { ("", "calls") } else { ("s", "call") };
        let message = format!(
            "`{name}` is still the stand-in `careerpress import` wrote, which shows only a pair's body: {pages} \
             page{s} {call} it; rewrite it to draw what the old site's shortcode drew"
        );
        let line = site.templates.text(&template).map_or(1, |t| t[..at].matches('\n').count() + 1);
        found.add("shortcode-stand-in", file, Some((line, 1)), message);
    }
}

/// Where the source of the page made from `display` writes the heading whose id is `id`,
/// for an id made from a heading's text (`## Main` is `main`) that clashes with another.
pub(super) fn heading_with_id(site: &Site, display: &Path, id: &str) -> Option<(usize, usize)> {
    let sp = site.pages.iter().find(|sp| sp.page.file.display == display)?;
    let heading = sp.rendered.headings.iter().find(|h| h.id == id)?;
    Source::of(site, display, true).heading(heading.level, &heading.title, 0)
}

/// A content file's text, read again (only when a finding needs a line) for where it
/// says what it says.
struct Source {
    path: std::path::PathBuf,
    /// The text and the byte offset where its body starts (after the front matter).
    loaded: std::cell::OnceCell<(String, usize)>,
}

/// `text` with the offset where its body starts.
fn with_body_start(text: String) -> (String, usize) {
    let body_start = front_matter::split(&text, Path::new("")).map_or(0, |s| text.len() - s.body.len());
    (text, body_start)
}

impl Source {
    /// The file at `display`; without `locate`, no text: every finding is put at the
    /// first line, and nothing is read.
    fn of(site: &Site, display: &Path, locate: bool) -> Source {
        if !locate {
            let source = Source { path: std::path::PathBuf::new(), loaded: std::cell::OnceCell::new() };
            let _ = source.loaded.set((String::new(), 0));
            return source;
        }
        Source { path: site.root.join(display), loaded: std::cell::OnceCell::new() }
    }

    /// A source already in memory.
    #[cfg(test)]
    fn new(text: String) -> Source {
        let source = Source { path: std::path::PathBuf::new(), loaded: std::cell::OnceCell::new() };
        let _ = source.loaded.set(with_body_start(text));
        source
    }

    fn loaded(&self) -> &(String, usize) {
        self.loaded.get_or_init(|| with_body_start(std::fs::read_to_string(&self.path).unwrap_or_default()))
    }

    fn text(&self) -> &str {
        &self.loaded().0
    }

    fn body(&self) -> &str {
        let (text, start) = self.loaded();
        &text[*start..]
    }

    /// Where front matter `key` is written; the first line when it is not.
    fn key(&self, key: &str) -> (usize, usize) {
        // Most keys stand at the start of a line of YAML: found without parsing.
        let text = self.text();
        let fence = text.lines().next().unwrap_or("").trim_end();
        if fence == "---" {
            let prefix = format!("{key}:");
            let front = text.lines().skip(1).take_while(|l| l.trim_end() != "---");
            if let Some(i) = front.into_iter().position(|l| l.starts_with(&prefix)) {
                return (i + 2, 1);
            }
        }
        match front_matter::split(text, Path::new("")) {
            Ok(split) => (front_matter::key_line(&split, key), 1),
            Err(_) => (1, 1),
        }
    }

    /// Where `needle` is first written in the body (after the front matter).
    fn in_body(&self, needle: &str) -> Option<(usize, usize)> {
        self.at_body_offset(self.body().find(needle)?)
    }

    fn at_body_offset(&self, offset: usize) -> Option<(usize, usize)> {
        let (text, start) = self.loaded();
        Some(crate::error::line_col(text, start + offset))
    }

    /// Where the `nth` (from 0) image named `name` without alt text is written; else where
    /// the name is first written.
    fn image_without_alt(&self, name: &str, nth: usize) -> Option<(usize, usize)> {
        let body = self.body();
        let found = body.match_indices(name).map(|(i, _)| i).filter(|&i| lacks_alt(body, i)).nth(nth);
        found.map_or_else(|| self.in_body(name), |i| self.at_body_offset(i))
    }

    /// Where the `nth` (from 0) `#`-heading of `level` showing `title` is written, at its
    /// text; else where the title is first written.
    fn heading(&self, level: u8, title: &str, nth: usize) -> Option<(usize, usize)> {
        let mut offset = 0;
        let mut fence: Option<&str> = None;
        let mut seen = 0;
        for line in self.body().split_inclusive('\n') {
            let trimmed = line.trim_start();
            let text = trimmed.strip_prefix(&"#".repeat(usize::from(level))).filter(|t| t.starts_with([' ', '\t']));
            fence = match (fence, crate::foreign::fence_of(trimmed)) {
                (None, Some(f)) => Some(f),
                (Some(open), Some(f)) if f == open => None,
                (open, _) => open,
            };
            // The title as written, else a heading that shows it (`Try [it](…)` shows "Try it").
            let found = |t: &str| {
                let content = t.len() - t.trim_start().len();
                let written =
                    t.find(title).or_else(|| (shown_text(trimmed).trim() == title.trim()).then_some(content))?;
                Some(line.len() - t.len() + written)
            };
            if let (None, Some(at)) = (fence, text.and_then(found)) {
                if seen == nth {
                    return self.at_body_offset(offset + at);
                }
                seen += 1;
            }
            offset += line.len();
        }
        self.in_body(title)
    }
}

/// The text a heading line's Markdown shows: its text and code, without link targets,
/// emphasis marks or `{#id}` attributes.
fn shown_text(line: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    Parser::new_ext(line, Options::ENABLE_HEADING_ATTRIBUTES)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            _ => None,
        })
        .collect()
}

/// Whether the name at `at` in `body` is the source of an image without alt text: in
/// `![](…name)` (alt empty or blank) or in an `<img>` tag with no or an empty `alt`.
fn lacks_alt(body: &str, at: usize) -> bool {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &body[line_start..at];
    let markdown = before.rfind("![");
    let tag = before.to_ascii_lowercase().rfind("<img");
    match (markdown, tag) {
        (Some(m), t) if t.is_none_or(|t| t < m) => {
            let rest = &before[m + 2..];
            rest.trim_start().starts_with("](") && !rest.contains(')')
        }
        (_, Some(t)) => {
            let end = body[at..].find('>').map_or(body.len(), |e| at + e + 1);
            let start = line_start + t;
            html::tags(&body[start..end]).first().is_some_and(|img| img.attr("alt").is_none_or(|a| a.trim().is_empty()))
        }
        _ => false,
    }
}

fn article(site: &Site, sp: &SitePage, source: &Source, found: &mut Found) {
    let page = &sp.page;
    let file = &page.file.display;
    match &page.meta.description {
        None => found.add(
            "description-missing",
            file,
            Some(source.key("title")),
            "no `description`: search results and link previews will show the first paragraph instead".into(),
        ),
        Some(d) if !DESCRIPTION_CHARS.contains(&d.chars().count()) => found.add(
            "description-length",
            file,
            Some(source.key("description")),
            format!(
                "the description is {} characters; search results show {} to {}",
                d.chars().count(),
                DESCRIPTION_CHARS.start(),
                DESCRIPTION_CHARS.end()
            ),
        ),
        Some(_) => {}
    }
    if page.meta.tags.is_empty() {
        found.add(
            "no-tags",
            file,
            Some(source.key("title")),
            "no `tags`: the article shows on no tag page and in no related reading".into(),
        );
    }
    stale(site, sp, source, found);
}

/// Advice older than `[check] review_after_days`, by `reviewed`, else `updated`, else `date`.
fn stale(site: &Site, sp: &SitePage, source: &Source, found: &mut Found) {
    let m = &sp.page.meta;
    let Some((key, date)) = [("reviewed", m.reviewed), ("updated", m.updated), ("date", m.date)]
        .into_iter()
        .find_map(|(k, d)| d.map(|d| (k, d.utc_date())))
    else {
        return;
    };
    let limit = i64::from(site.config.check.review_after_days);
    let age = (site.today - date).num_days();
    if age > limit {
        found.add(
            "stale",
            &sp.page.file.display,
            Some(source.key(key)),
            format!(
                "last {} {age} days ago ({date}), more than review_after_days ({limit}): check the advice still \
                 holds, then set `reviewed: {}`",
                if key == "date" { "published" } else { key },
                site.today
            ),
        );
    }
}

/// An `updated` or `reviewed` that has not happened yet. Not an error: refusing it would
/// make a build depend on the clock of the machine it runs on (or on SOURCE_DATE_EPOCH),
/// and a clock behind by a day would fail a site that built the day before.
fn future_dates(site: &Site, sp: &SitePage, source: &Source, found: &mut Found) {
    let m = &sp.page.meta;
    let scheduled = sp.page.is_scheduled(site.today);
    for (key, value, why) in [
        ("updated", m.updated, "feeds and the sitemap give it as the day the page last changed"),
        ("reviewed", m.reviewed, "`check` counts the advice as reviewed from a day still to come"),
    ] {
        let Some(value) = value else { continue };
        let message = match m.date {
            // A scheduled article (shown with --future, or by serve) is changed by its
            // own date at the latest: it cannot change before it is out.
            Some(date) if scheduled && date.is_before(value) => format!(
                "`{key}` ({}) is later than `date` ({}), the day this scheduled article is published: {why}",
                value.to_iso(),
                date.to_iso()
            ),
            _ if !scheduled && value.is_after_day(site.today) => format!(
                "`{key}` ({}) has not happened yet (the build date is {}, UTC or SOURCE_DATE_EPOCH): {why}; give \
                 the day it happened",
                value.to_iso(),
                site.today
            ),
            _ => continue,
        };
        found.add("future-date", &sp.page.file.display, Some(source.key(key)), message);
    }
}

/// Images without alt text and skipped heading levels in the page's own HTML, and
/// Liquid or Hugo syntax left in its Markdown.
fn body(sp: &SitePage, source: &Source, found: &mut Found) {
    let file = &sp.page.file.display;
    // The same image or heading twice: each finding points at its own.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut nth = |key: String| {
        let n = seen.entry(key).or_default();
        *n += 1;
        *n - 1
    };
    // Most pages have no image: not worth scanning every tag of them.
    let images = if sp.rendered.html.has_img() { html::tags(&sp.rendered.html) } else { Vec::new() };
    for tag in images {
        if tag.is("img") && tag.attr("alt").is_none_or(|a| a.trim().is_empty()) {
            let name = image_name(&tag);
            // An `<img>` with neither `src` nor `srcset` has no name to look for: its tag.
            let at = match name {
                "" => source.in_body("<img"),
                _ => source.image_without_alt(name, nth(format!("img {name}"))),
            };
            let what = if name.is_empty() { "an image".to_string() } else { format!("the image {name}") };
            found.add(
                "image-alt",
                file,
                at,
                format!("{what} has no alt text: describe it for readers who cannot see it"),
            );
        }
    }
    let mut previous = 1;
    for h in &sp.rendered.headings {
        if h.level > previous + 1 {
            let at = source.heading(h.level, &h.title, nth(format!("h{} {}", h.level, h.title)));
            found.add(
                "heading-skip",
                file,
                at,
                format!(
                    "heading \"{}\" is level {} after level {previous}: screen readers navigate by levels",
                    h.title, h.level
                ),
            );
        }
        previous = h.level;
    }
    foreign_syntax(sp, found);
}

/// The file name an `<img>` shows: its `src`'s, else (an image given by `srcset` alone)
/// its first candidate's, which browsers fall back to as the `src`; empty with neither.
fn image_name<'t>(tag: &'t html::Tag<'_>) -> &'t str {
    let srcset = || {
        let set = tag.attr("srcset")?;
        crate::markdown::srcset_urls(set).next().map(|url| &set[url])
    };
    let src = tag.attr("src").filter(|s| !s.trim().is_empty()).or_else(srcset).unwrap_or("");
    src.rsplit('/').next().unwrap_or(src)
}

/// Template syntax of another generator outside code, found when the Markdown was read.
fn foreign_syntax(sp: &SitePage, found: &mut Found) {
    add_foreign(&sp.foreign, &sp.page.file.display, sp.page.body_line, found);
}

/// The same in a section's introduction (`_index.md`), which the home and list pages show.
/// Its source is kept whole, and there are few: scanned here, not when it is rendered.
fn section_foreign_syntax(section: &crate::site::Section, own: &[String], found: &mut Found) {
    if let Some(file) = &section.source.file {
        add_foreign(&crate::foreign::scan(&section.source.body, own), &file.display, section.source.body_line, found);
    }
}

fn add_foreign(leftovers: &[crate::foreign::ForeignSyntax], file: &Path, body_line: usize, found: &mut Found) {
    for f in leftovers {
        found.add(
            "foreign-syntax",
            file,
            Some((body_line + f.line - 1, f.column)),
            format!(
                "{} syntax `{}` is printed as it is: convert it (careerpress import does), or put it in code",
                f.generator, f.text
            ),
        );
    }
}

/// Pages sharing a title or a description: each after the first names the first.
fn duplicates(site: &Site, found: &mut Found, locate: bool) {
    for (code, key) in [("duplicate-title", "title"), ("duplicate-description", "description")] {
        // Two lookups per page, in maps too big for the cache at 100,000 pages: sized once,
        // and hashed with XXH3 (a site's own titles need no guard from crafted collisions).
        let mut first: HashMap<&str, &Path, crate::hashed::ByXxh3> =
            HashMap::with_capacity_and_hasher(site.pages.len(), Default::default());
        for sp in &site.pages {
            let value = match key {
                "title" => Some(sp.page.title.as_str()),
                _ => sp.page.meta.description.as_deref(),
            };
            let Some(value) = value.filter(|v| !v.trim().is_empty()) else { continue };
            let file = &sp.page.file.display;
            match first.get(value) {
                Some(other) => {
                    let at = Source::of(site, file, locate).key(key);
                    found.add(
                        code,
                        file,
                        Some(at),
                        format!("the same {key} as {}: {value:?}", crate::error::printable(other)),
                    );
                }
                None => {
                    first.insert(value, file);
                }
            }
        }
    }
}

/// Open listings missing what Google recommends, or about to close.
fn jobs(site: &Site, found: &mut Found, locate: bool) {
    let today: NaiveDate = site.today;
    for sj in site.jobs.iter().filter(|j| j.job.is_open(today)) {
        let j = &sj.job;
        let file = &j.file.display;
        let source = Source::of(site, file, locate);
        match j.valid_through {
            None => found.add(
                "job-valid-through",
                file,
                Some(source.key("title")),
                "no `valid_through`: Google recommends an end date, and the listing never closes by itself".into(),
            ),
            Some(end) => {
                let left = (end.utc_date() - today).num_days();
                if left <= EXPIRING_DAYS {
                    found.add(
                        "job-expiring",
                        file,
                        Some(source.key("valid_through")),
                        format!(
                            "closes in {} ({}): extend `valid_through` if the role is still open",
                            crate::wording::count(usize::try_from(left).unwrap_or(0), "day", "days"),
                            end.utc_date()
                        ),
                    );
                }
            }
        }
        for missing in
            required_missing(&crate::jobs::jsonld::job_posting(j, &sj.html, &sj.permalink, sj.logo_url.as_deref()))
        {
            found.add("job-required", file, Some(source.key("title")), missing.into());
        }
        recommended(j, &source, found);
        if j.date_posted.is_after_day(today) {
            found.add(
                "future-date",
                file,
                Some(source.key("date_posted")),
                format!(
                    "`date_posted` ({}) has not happened yet (the build date is {today}, UTC or SOURCE_DATE_EPOCH): \
                     the listing is on the board now, and its JobPosting tells job search it was posted on a day \
                     still to come; give the day it was posted",
                    j.date_posted.to_iso()
                ),
            );
        }
        if j.salary.is_none() {
            found.add(
                "job-salary",
                file,
                Some(source.key("title")),
                "no `salary`: Google recommends baseSalary, and listings with pay get more applicants".into(),
            );
        }
    }
}

/// The newer fields Google recommends: an address for on-site roles, a logo, an identifier.
fn recommended(j: &crate::jobs::Job, source: &Source, found: &mut Found) {
    let file = &j.file.display;
    if let Some(loc) = j.locations.iter().find(|l| l.street.is_none() || l.postal_code.is_none()) {
        let (key, office) = match j.locations.len() {
            1 => ("location", String::new()),
            _ => ("locations", format!(" (the {} office)", loc.city)),
        };
        found.add(
            "job-address",
            file,
            Some(source.key(key)),
            format!(
                "an office without `street` and `postal_code` in `{key}`{office}: Google recommends the full address"
            ),
        );
    }
    if j.details.company_logo.is_none() {
        found.add(
            "job-logo",
            file,
            Some(source.key("company")),
            "no `company_logo`: Google shows the employer's logo beside the listing in job search".into(),
        );
    }
    if j.details.requisition_id.is_none() {
        found.add(
            "job-identifier",
            file,
            Some(source.key("title")),
            "no `requisition_id`: the employer's reference lets job search tell this posting from its others".into(),
        );
    }
}

/// What Google's job search requires of a JobPosting and this one lacks, each as a message.
fn required_missing(posting: &serde_json::Value) -> Vec<&'static str> {
    let text = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).is_some_and(|s| !s.trim().is_empty());
    let mut missing = Vec::new();
    if !text(posting.get("title")) {
        missing.push("the JobPosting has no title");
    }
    let description = posting.get("description").and_then(|d| d.as_str()).unwrap_or("");
    if html::text_is_empty(description) {
        missing.push("the JobPosting has no description: write what the role is in the listing's body");
    }
    if !text(posting.get("datePosted")) {
        missing.push("the JobPosting has no datePosted");
    }
    if !text(posting.pointer("/hiringOrganization/name")) {
        missing.push("the JobPosting has no hiringOrganization name: set `company`");
    }
    let remote = posting.get("jobLocationType").and_then(|t| t.as_str()) == Some("TELECOMMUTE");
    let countries =
        posting.get("applicantLocationRequirements").and_then(|a| a.as_array()).is_some_and(|a| !a.is_empty());
    if remote && !countries {
        missing.push("a remote JobPosting needs applicantLocationRequirements: list `applicant_countries`");
    } else if !remote && posting.get("jobLocation").is_none() {
        missing.push("the JobPosting has no jobLocation: set `location`, or make the role remote");
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_job_posting_properties() {
        let full = serde_json::json!({
            "title": "Coach", "description": "<p>Coach people.</p>", "datePosted": "2025-01-01",
            "hiringOrganization": {"name": "Acme"}, "jobLocation": {"address": {}}
        });
        assert!(required_missing(&full).is_empty());
        let remote = serde_json::json!({
            "title": "Coach", "description": "<p> </p>", "datePosted": "2025-01-01",
            "hiringOrganization": {"name": ""}, "jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": []
        });
        let missing = required_missing(&remote);
        assert_eq!(missing.len(), 3, "{missing:?}");
        assert!(missing[2].contains("applicantLocationRequirements"));
    }

    fn source(text: &str) -> Source {
        Source::new(text.to_string())
    }

    #[test]
    fn headings_are_found_on_their_own_line() {
        let s = source(
            "---\ntitle: T\n---\nSalary first.\n\n```\n### Salary\n```\n### Salary\n\n#### Salary\n### Salary\n",
        );
        assert_eq!(s.heading(3, "Salary", 0), Some((9, 5)), "not the paragraph, not the code");
        assert_eq!(s.heading(3, "Salary", 1), Some((12, 5)), "the second of two");
        assert_eq!(s.heading(4, "Salary", 0), Some((11, 6)));
        assert_eq!(s.heading(3, "Use git", 0), None, "markup in the title: no line is a guess");
    }

    #[test]
    fn images_without_alt_are_found_among_others() {
        let s = source("---\ntitle: T\n---\n![chart](a.png) ![](a.png)\n<img src=\"b.png\" alt=\"B\"> <IMG SRC=\"b.png\">\n![ ](a.png)\n");
        assert_eq!(s.image_without_alt("a.png", 0), Some((4, 21)));
        assert_eq!(s.image_without_alt("a.png", 1), Some((6, 6)));
        assert_eq!(s.image_without_alt("b.png", 0), Some((5, 37)));
        assert_eq!(s.image_without_alt("c.png", 0), None);
    }

    #[test]
    fn an_image_is_named_by_its_src_else_its_first_srcset_candidate() {
        let name = |img: &str| image_name(&html::tags(img)[0]).to_string();
        assert_eq!(name("<img src=\"/a/b.png\" srcset=\"/c.png 2x\">"), "b.png");
        assert_eq!(name("<img srcset=\"/img/small.png 480w, /img/large.png 1080w\">"), "small.png");
        assert_eq!(name("<img src=\"\" srcset=\"x.png 2x\">"), "x.png");
        assert_eq!(name("<img>"), "");
    }
}
