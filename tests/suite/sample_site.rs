//! The repository is itself the sample site: build it as a user would and check that every
//! internal link resolves (with and without a sub-path), that previous/next runs mutually
//! along each section, and that no page's heading outline skips a level.

use crate::common::{
    assert_prev_next_follow_listing, check_links, heading_levels, list_html_files, read_output, repo_root,
    run_careerpress, section_listing,
};
use std::path::Path;

const SUB_PATH: &str = "https://user.example.io/careers/";

fn build_repo(out: &Path, extra: &[&str]) {
    let root = repo_root();
    let mut args = vec!["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run_careerpress(args, out.parent().unwrap()).assert_success();
}

fn site_base_url() -> String {
    let text = std::fs::read_to_string(repo_root().join("site.toml")).unwrap();
    let line = text.lines().find(|l| l.starts_with("base_url")).expect("site.toml has base_url");
    line.split('"').nth(1).unwrap().to_string()
}

#[test]
fn every_internal_link_resolves_with_the_configured_base_url() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_repo(&out, &[]);
    let report = check_links(&out, &site_base_url());
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert!(report.internal > 50, "too few links checked: {}", report.internal);
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_repo(&out, &["--base-url", SUB_PATH]);
    let report = check_links(&out, SUB_PATH);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert!(report.internal > 50, "too few links checked: {}", report.internal);
}

#[test]
fn prev_next_is_mutual_along_every_section() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_repo(&out, &["--base-url", SUB_PATH]);
    let (listing, _) = section_listing(&format!("{SUB_PATH}posts/"), SUB_PATH, &out);
    assert!(listing.len() >= 3, "{listing:?}");
    assert_prev_next_follow_listing(&listing, SUB_PATH, &out);
}

#[test]
fn the_guide_is_the_showcase() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_repo(&out, &[]);
    let html = read_output(&out, "posts/when-to-follow-up-after-an-interview/index.html");
    let h1 = &html[html.find("<h1>").unwrap()..html.find("</h1>").unwrap()];
    assert!(h1.to_lowercase().contains("follow-up"), "{h1}");
    assert!(html.contains("class=\"job-callout\""), "the guide ends with a job callout");
    let (prev, next) = crate::common::prev_next(&html);
    assert!(prev.is_some() && next.is_some(), "the guide has neighbours on both sides");
    // Its link preview image is a file the build published.
    let image = crate::common::meta_content(&html, "og:image");
    let file = crate::common::url_to_output_file(&image, &site_base_url(), &out).expect("og:image is on the site");
    assert!(file.is_file(), "og:image {image} is not published");
}

/// The sample passes its own `check`, warnings denied, on the date its content was last
/// reviewed: fixed, so that the test does not start failing as the advice ages.
#[test]
fn the_sample_site_passes_check_with_warnings_denied() {
    let root = repo_root();
    let r = crate::common::run_careerpress_with(
        ["check", "--root", root.to_str().unwrap(), "--deny-warnings"],
        &root,
        &[("SOURCE_DATE_EPOCH", "1796169600")],
    );
    r.assert_success();
    assert_eq!(r.stdout.trim(), "0 errors, 0 warnings in 0 files", "{r}");
}

/// Where an outline skips a level going down (`h2` then `h4`, or a page opening on `h2`):
/// the index of the heading that skips. Going back up any number of levels is fine.
fn skipped_level(levels: &[u8]) -> Option<usize> {
    let mut previous = 0;
    for (i, &level) in levels.iter().enumerate() {
        if level > previous + 1 {
            return Some(i);
        }
        previous = level;
    }
    None
}

#[test]
fn a_skipped_heading_level_is_found() {
    assert_eq!(skipped_level(&[1, 2, 3, 2, 3, 4, 2, 1, 2]), None);
    assert_eq!(skipped_level(&[]), None);
    assert_eq!(skipped_level(&[1, 2, 4]), Some(2));
    assert_eq!(skipped_level(&[2, 3]), Some(0));
    assert_eq!(skipped_level(&[1, 3]), Some(1));
    assert_eq!(heading_levels("<h1>A</h1><p>x</p><h2 id=b>B</h2><header><h3 class=c>C</h3>"), [1, 2, 3]);
}

/// Screen-reader users move by heading level: every page of the sample site, templates and
/// content together, opens on its `h1` and steps down one level at a time.
#[test]
fn no_page_of_the_sample_site_skips_a_heading_level() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_repo(&out, &[]);
    let pages = list_html_files(&out);
    assert!(pages.len() >= 30, "too few pages: {pages:?}");
    let mut outlined = 0;
    for rel in &pages {
        let levels = heading_levels(&read_output(&out, rel));
        if levels.is_empty() {
            // Only redirect pages (aliases) have no heading at all.
            assert!(read_output(&out, rel).contains("http-equiv=\"refresh\""), "{rel} has no heading");
            continue;
        }
        outlined += 1;
        if let Some(i) = skipped_level(&levels) {
            panic!("{rel}: heading {} (h{}) skips a level in {levels:?}", i + 1, levels[i]);
        }
    }
    assert!(outlined >= 30, "{outlined} pages with headings");
}
