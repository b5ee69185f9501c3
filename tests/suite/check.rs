//! `careerpress check` end to end: one small fixture site per finding code
//! (`tests/fixtures/check-<code>`), each asserting the exact place, severity and code it
//! reports, then a clean site, many problems at once, JSON lines, `--deny-warnings`, the
//! `[check]` settings, a site that cannot be loaded, and that check writes nothing.

use crate::common::*;
use careerpress::findings::CODES;
use serde_json::Value;
use std::ffi::OsString;

/// 2025-12-02T00:00:00Z: the fixtures' dates are written against this day, so that no
/// finding depends on the day the tests run.
const TODAY: &str = "1764633600";

/// Runs `careerpress check --root <root>` plus `extra` on `site`, dated [`TODAY`].
fn check(site: &TestSite, extra: &[&str]) -> RunResult {
    let mut args: Vec<OsString> = vec!["check".into(), "--root".into(), site.root.clone().into()];
    args.extend(extra.iter().map(Into::into));
    let r = run_careerpress_with(args, site.dir(), &[("SOURCE_DATE_EPOCH", TODAY)]);
    assert!(!r.stderr.contains("panicked"), "check panicked:\n{r}");
    r
}

/// Each finding of the human format as (`file:line:col: severity[code]`, its message), in
/// output order; the source lines and carets under them are skipped.
fn findings(r: &RunResult) -> Vec<(String, String)> {
    r.stdout
        .lines()
        .filter_map(|l| {
            let (place, rest) = l.split_once(": ")?;
            let (kind, message) = rest.split_once(": ")?;
            let is_kind = (kind.starts_with("error[") || kind.starts_with("warning[")) && kind.ends_with(']');
            (is_kind && !place.contains(" | ")).then(|| (format!("{place}: {kind}"), message.to_string()))
        })
        .collect()
}

/// [`findings`] without their messages.
fn places(r: &RunResult) -> Vec<String> {
    findings(r).into_iter().map(|(place, _)| place).collect()
}

/// Checks `fixture` and asserts exactly the `expected` findings, in order, each as
/// (`file:line:col: severity[code]`, words its message says), then the summary line that
/// ends stdout, and the exit code.
fn assert_check(fixture: &str, expected: &[(&str, &str)], summary: &str, exit: i32) -> RunResult {
    let r = check(&TestSite::new(fixture), &[]);
    let wanted: Vec<&str> = expected.iter().map(|(place, _)| *place).collect();
    assert_eq!(places(&r), wanted, "{r}");
    for ((place, message), (_, says)) in findings(&r).iter().zip(expected) {
        assert!(message.contains(says), "{place} does not say {says:?}:\n{r}");
    }
    assert_eq!(r.stdout.lines().last(), Some(summary), "{r}");
    assert_eq!(r.code, Some(exit), "{r}");
    r
}

/// [`assert_check`] for a fixture whose one finding is a warning, so check exits 0.
fn assert_one_warning(fixture: &str, finding: &str, says: &str) {
    assert_check(fixture, &[(finding, says)], "0 errors, 1 warning in 1 file", 0);
}

/// stdout of a JSON run, one parsed object a line.
fn json_lines(r: &RunResult) -> Vec<Value> {
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line: {l:?}: {e}\n{r}")))
        .collect()
}

/// Appends a `[check]` table to the site's site.toml.
fn add_check_settings(site: &TestSite, table: &str) {
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{config}\n[check]\n{table}"));
}

// ---------------------------------------------------------------------------------------
// One fixture per finding code
// ---------------------------------------------------------------------------------------

#[test]
fn every_code_has_a_fixture() {
    for code in CODES {
        fixture_dir(&format!("check-{}", code.name));
    }
}

#[test]
fn broken_link_in_markdown_and_raw_html() {
    assert_check(
        "check-broken-link",
        &[
            ("content/posts/links.md:7:25: error[broken-link]", "links to /posts/nope/, which is no page or file"),
            ("content/posts/links.md:9:13: error[broken-link]", "links to /files/missing.pdf"),
            ("content/posts/links.md:9:68: error[broken-link]", "links to /img/missing.png"),
            // The same broken link again, further down: named at its own place too.
            ("content/posts/links.md:13:41: error[broken-link]", "links to /posts/nope/, which is no page or file"),
            // One candidate of a `srcset` (the other and the `src`s exist), and a `poster`.
            ("content/posts/links.md:15:45: error[broken-link]", "links to /img/chart@2x.png"),
            ("content/posts/links.md:15:154: error[broken-link]", "links to /img/poster.png"),
        ],
        "6 errors, 0 warnings in 1 file",
        1,
    );
}

#[test]
fn a_broken_menu_link_is_found_in_site_toml_once_and_dot_segments_are_resolved() {
    let site = TestSite::new("check-broken-link");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{config}\n[[menu]]\nname = \"Guides\"\nurl = \"/guidez/\"\n"));
    let post = std::fs::read_to_string(site.path("content/posts/links.md")).unwrap();
    let dotted = "\n[Dotted](/posts/../posts/links/) and [encoded](/%2e%2e/posts/./links/).\n";
    site.write("content/posts/links.md", format!("{post}{dotted}"));
    let r = check(&site, &[]);
    // The theme draws the menu's link on every page: said once, where site.toml writes it,
    // not at the first page drawn with it.
    let menu: Vec<String> = findings(&r).into_iter().filter(|(_, m)| m.contains("/guidez/")).map(|(p, _)| p).collect();
    assert_eq!(menu, ["site.toml:7:8: error[broken-link]"], "{r}");
    assert!(!r.stdout.contains("links to /posts/../") && !r.stdout.contains("%2e"), "{r}");
    assert_eq!(r.stdout.lines().last(), Some("7 errors, 0 warnings in 2 files"), "{r}");
}

/// A URL site.toml writes twice (an author's profile and a menu entry, both drawn by the
/// theme) is broken at both places: each is named in one run, not one per fix.
#[test]
fn a_broken_url_site_toml_writes_twice_is_reported_at_both_places() {
    let r = check(&TestSite::new("check-broken-link-twice-in-site-toml"), &[]);
    let broken: Vec<String> = findings(&r).into_iter().filter(|(_, m)| m.contains("/abuot/")).map(|(p, _)| p).collect();
    assert_eq!(broken, ["site.toml:9:8: error[broken-link]", "site.toml:17:8: error[broken-link]"], "{r}");
}

#[test]
fn human_format_quotes_the_line_with_a_caret_under_the_column() {
    let r = check(&TestSite::new("check-broken-link"), &[]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("content/posts/links.md:7:25:")).expect("the finding");
    assert_eq!(lines[at + 1], "  |", "{r}");
    assert_eq!(lines[at + 2], "7 | Read [the missing post](/posts/nope/) first.", "{r}");
    assert_eq!(lines[at + 3], format!("  | {}^", " ".repeat(24)), "{r}");
}

/// Checks the broken-link fixture published at `base_url` instead, and asserts that
/// each of `places` (`line:column` in links.md) is a broken-link finding.
fn broken_links_under(base_url: &str, places_found: &[&str]) -> RunResult {
    let site = TestSite::new("check-broken-link");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", config.replace("https://check.example.org/", base_url));
    let r = check(&site, &[]);
    for place in places_found {
        let place = format!("content/posts/links.md:{place}: error[broken-link]");
        assert!(places(&r).contains(&place), "{place}: {r}");
    }
    r
}

#[test]
fn broken_link_is_found_on_its_line_under_a_sub_path_base_url() {
    // Markdown's /posts/nope/ is published as /careers/posts/nope/: still found in the source.
    // Raw HTML's site paths gain the base path too, a `srcset`'s candidates and a `poster` included.
    let r = broken_links_under("https://check.example.org/careers/", &["7:25", "15:45", "15:154"]);
    assert_eq!(r.code, Some(1), "{r}");
}

#[test]
fn broken_links_are_found_on_a_host_outside_ascii() {
    // Markdown's links carry such a host in IDNA's form (xn--), the theme's as written.
    let r = broken_links_under("https://bücher.example/careers/", &["7:25", "9:13", "13:41", "15:45"]);
    assert_eq!(r.stdout.lines().last(), Some("6 errors, 0 warnings in 1 file"), "{r}");
}

#[test]
fn an_id_on_two_elements_of_a_page_is_an_error_where_the_source_gives_it() {
    // `{#main}` repeats the theme's `<main id="main">`; two raw `<p id="notes">` repeat
    // each other. The second is reported at the first place the source writes it. A
    // heading `## Main` (auto.md, auto-too.md) writes no id: the one it is given steers
    // clear of the theme's, so it clashes with nothing.
    assert_check(
        "check-duplicate-id",
        &[
            ("content/posts/clash.md:10:29: error[duplicate-id]", "two elements on /posts/clash/ have the id \"main\""),
            ("content/posts/clash.md:12:4: error[duplicate-id]", "the id \"notes\": a link to #notes reaches only"),
        ],
        "2 errors, 0 warnings in 1 file",
        1,
    );
}

#[test]
fn a_heading_whose_text_makes_a_theme_id_gets_another_in_the_built_page() {
    let site = TestSite::new("check-duplicate-id");
    site.build_ok(&[]);
    for page in ["posts/auto/index.html", "posts/auto-too/index.html"] {
        let html = read_output(&site.out, page);
        assert_eq!(html.matches(" id=\"main\"").count(), 1, "{page}: {html}");
        assert!(html.contains("<h2 id=\"main-1\">Main <a class=\"heading-anchor\" href=\"#main-1\""), "{page}: {html}");
    }
}

#[test]
fn an_https_page_loading_over_http_is_a_warning_where_the_source_loads_it() {
    // Images, a frame, `srcset` candidates and a poster over http; a plain link is not loaded.
    assert_check(
        "check-mixed-content",
        &[
            ("content/posts/embeds.md:8:22: warning[mixed-content]", "loads http://charts.example.net/offers.png over"),
            ("content/posts/embeds.md:14:14: warning[mixed-content]", "loads HTTP://calc.example.net/embed over http"),
            ("content/posts/embeds.md:16:85: warning[mixed-content]", "loads http://cdn.example.net/a3.png over http"),
            // A `<source>` with only a `srcset`, and a video's `poster`.
            ("content/posts/embeds.md:18:26: warning[mixed-content]", "loads http://cdn.example.net/wide.png over"),
            ("content/posts/embeds.md:18:175: warning[mixed-content]", "loads http://cdn.example.net/still.png over"),
        ],
        "0 errors, 5 warnings in 1 file",
        0,
    );
}

#[test]
fn broken_fragment_on_another_page_and_on_the_same_page() {
    // `[über uns](#über-uns)` reaches the page percent-encoded and is not reported, and
    // `<p id = "spaced-note">` is an id as a browser reads it.
    assert_check(
        "check-broken-fragment",
        &[
            (
                "content/posts/source.md:7:32: error[broken-fragment]",
                "links to #salary on /posts/target/, which has no",
            ),
            ("content/posts/source.md:7:76: error[broken-fragment]", "links to #the-end on /posts/source/"),
        ],
        "2 errors, 0 warnings in 1 file",
        1,
    );
}

#[test]
fn closed_listing_link_from_an_article_but_not_from_a_page() {
    let says = "links to the job listing /jobs/designer/, which has closed";
    let finding = "content/posts/design-jobs.md:7:29: error[closed-listing-link]";
    assert_check("check-closed-listing-link", &[(finding, says)], "1 error, 0 warnings in 1 file", 1);
}

#[test]
fn job_without_valid_through() {
    let finding = "content/jobs/advisor.md:2:1: warning[job-valid-through]";
    assert_one_warning("check-job-valid-through", finding, "no `valid_through`");
}

#[test]
fn job_required_description_is_an_error() {
    assert_check(
        "check-job-required",
        &[("content/jobs/advisor.md:2:1: error[job-required]", "the JobPosting has no description")],
        "1 error, 0 warnings in 1 file",
        1,
    );
}

#[test]
fn job_on_site_without_street_or_postal_code() {
    assert_one_warning(
        "check-job-address",
        "content/jobs/advisor.md:8:1: warning[job-address]",
        "`street` and `postal_code`",
    );
}

#[test]
fn job_without_company_logo() {
    assert_one_warning("check-job-logo", "content/jobs/advisor.md:3:1: warning[job-logo]", "no `company_logo`");
}

#[test]
fn job_without_requisition_id_and_remote_needs_no_address() {
    assert_one_warning(
        "check-job-identifier",
        "content/jobs/recruiter.md:2:1: warning[job-identifier]",
        "no `requisition_id`",
    );
}

#[test]
fn job_without_salary() {
    assert_one_warning("check-job-salary", "content/jobs/advisor.md:2:1: warning[job-salary]", "no `salary`");
}

#[test]
fn job_expiring_within_seven_days_but_not_eight() {
    assert_check(
        "check-job-expiring",
        &[
            ("content/jobs/advisor.md:7:1: warning[job-expiring]", "closes in 3 days (2025-12-05)"),
            ("content/jobs/coach.md:7:1: warning[job-expiring]", "closes in 1 day (2025-12-03)"),
        ],
        "0 errors, 2 warnings in 2 files",
        0,
    );
}

#[test]
fn description_missing() {
    let finding = "content/posts/no-description.md:2:1: warning[description-missing]";
    assert_one_warning("check-description-missing", finding, "no `description`");
}

#[test]
fn description_length_outside_50_to_160() {
    // 50 and 160 characters pass; 49 and 161 do not.
    assert_check(
        "check-description-length",
        &[
            ("content/posts/long.md:3:1: warning[description-length]", "the description is 161 characters"),
            ("content/posts/short.md:3:1: warning[description-length]", "the description is 49 characters"),
        ],
        "0 errors, 2 warnings in 2 files",
        0,
    );
}

#[test]
fn duplicate_url_is_a_finding_and_the_rest_is_still_checked() {
    // Named after the file whose `slug:` copied the other's URL, at that line.
    let finding = "content/posts/offer-again.md:5:1: error[duplicate-url]";
    let r = assert_check(
        "check-duplicate-url",
        &[(finding, "URL /posts/offer/ is also produced by content/posts/offer.md")],
        "1 error, 0 warnings in 1 file",
        1,
    );
    assert!(!r.stderr.contains("cannot be checked"), "{r}");
    // Build still refuses it, naming both files.
    let site = TestSite::new("check-duplicate-url");
    let b = site.build_dated(TODAY, &[]);
    b.assert_clean_failure();
    assert!(b.stderr.contains("content/posts/offer-again.md") || b.stderr.contains("content/posts/offer.md"), "{b}");
    // Check does not stop there: a broken link elsewhere is reported in the same run.
    site.write("content/posts/links.md", "---\ntitle: Links\ndate: 2025-11-01\n---\nSee [it](/posts/nope/).\n");
    let r = check(&site, &[]);
    let codes: Vec<String> =
        places(&r).into_iter().filter_map(|p| p.split_once(": ").map(|(_, k)| k.to_string())).collect();
    assert!(
        codes.contains(&"error[duplicate-url]".to_string()) && codes.contains(&"error[broken-link]".to_string()),
        "{r}"
    );
}

/// A copied file where the articles' folder must be (`static/posts`) stopped `check` with a
/// load error; it is a `duplicate-url` finding, as the README lists it, and the rest of
/// the site is still checked.
#[test]
fn a_copied_file_in_the_way_of_a_folder_is_a_finding_and_the_rest_is_still_checked() {
    let site = TestSite::new("check-duplicate-url");
    site.write("static/posts", "not a folder\n");
    site.write("content/posts/links.md", "---\ntitle: Links\ndate: 2025-11-01\n---\nSee [it](/posts/nope/).\n");
    let r = check(&site, &[]);
    assert!(!r.stderr.contains("cannot be checked"), "{r}");
    let found = findings(&r);
    let in_the_way = found.iter().find(|(place, _)| place == "static/posts: error[duplicate-url]");
    assert!(in_the_way.is_some_and(|(_, m)| m.contains("stands where the folder of posts/")), "{r}");
    assert!(found.iter().any(|(place, _)| place.ends_with("error[broken-link]")), "{r}");
    assert_eq!(r.code, Some(1), "{r}");
}

#[test]
fn duplicate_title() {
    let says = "the same title as content/posts/first.md: \"Negotiating an offer\"";
    assert_one_warning("check-duplicate-title", "content/posts/second.md:2:1: warning[duplicate-title]", says);
}

#[test]
fn duplicate_description() {
    let finding = "content/posts/second.md:3:1: warning[duplicate-description]";
    assert_one_warning("check-duplicate-description", finding, "the same description as content/posts/first.md");
}

#[test]
fn no_tags() {
    assert_one_warning("check-no-tags", "content/posts/untagged.md:2:1: warning[no-tags]", "no `tags`");
}

#[test]
fn image_alt_points_at_each_image_without_alt() {
    // The same file with alt text comes first, on line 7: neither finding points there.
    assert_check(
        "check-image-alt",
        &[
            ("content/posts/images.md:9:25: warning[image-alt]", "the image favicon.svg has no alt text"),
            ("content/posts/images.md:11:27: warning[image-alt]", "the image favicon.svg has no alt text"),
            // Given by `srcset` alone: named by its first candidate, where it is written.
            ("content/posts/images.md:13:55: warning[image-alt]", "the image chart-small.svg has no alt text"),
        ],
        "0 errors, 3 warnings in 1 file",
        0,
    );
}

/// A heading whose words are a link or emphasised is found by what it shows.
#[test]
fn a_heading_with_a_link_in_it_is_pointed_at_too() {
    let site = TestSite::new("check-heading-skip");
    let front = "---\ntitle: Linked\ndescription: \"A short article whose heading is a link, long enough for search results.\"\ndate: 2025-11-21\ntags: [job-search]\n---\n";
    site.write(
        "content/posts/linked.md",
        format!("{front}Intro.\n\n####   Try [it](https://example.com/) **now** {{#try}}\n"),
    );
    let r = check(&site, &[]);
    assert!(r.stdout.contains("content/posts/linked.md:9:8: warning[heading-skip]"), "{r}");
    assert!(r.stdout.contains("heading \"Try it now\" is level 4 after level 1"), "{r}");
}

#[test]
fn heading_skip_points_at_the_heading_not_the_paragraph_above() {
    let finding = "content/posts/headings.md:9:5: warning[heading-skip]";
    assert_one_warning("check-heading-skip", finding, "heading \"Salary\" is level 3 after level 1");
}

#[test]
fn a_stand_in_shortcode_that_pages_call_is_named_at_its_template() {
    assert_check(
        "check-shortcode-stand-in",
        &[(
            "templates/shortcodes/tip.html:2:1: warning[shortcode-stand-in]",
            "`tip` is still the stand-in `careerpress import` wrote, which shows only a pair's body: 1 page calls it",
        )],
        "0 errors, 1 warning in 1 file",
        0,
    );
}

#[test]
fn foreign_syntax_outside_code_only() {
    // The same tags in inline code, in double-backtick code and in a fence are not reported.
    assert_check(
        "check-foreign-syntax",
        &[
            (
                "content/posts/imported.md:9:1: warning[foreign-syntax]",
                "Liquid (Jekyll) syntax `{% include cta.html %}`",
            ),
            ("content/posts/imported.md:11:1: warning[foreign-syntax]", "Hugo shortcode syntax `{{% notice tip %}}`"),
            ("content/posts/imported.md:13:1: warning[foreign-syntax]", "Hugo shortcode syntax `{{% /notice %}}`"),
        ],
        "0 errors, 3 warnings in 1 file",
        0,
    );
}

#[test]
fn base_url_path() {
    assert_one_warning("check-base-url-path", "site.toml:3:1: warning[base-url-path]", "`base_url` \"/\" is a path");
}

#[test]
fn stale_by_reviewed_else_updated_else_date() {
    // fresh.md is old and was updated long ago, but reviewed lately.
    assert_check(
        "check-stale",
        &[
            ("content/posts/dated.md:4:1: warning[stale]", "last published 687 days ago (2024-01-15)"),
            ("content/posts/reviewed.md:6:1: warning[stale]", "last reviewed 549 days ago (2024-06-01)"),
            ("content/posts/updated.md:6:1: warning[stale]", "last updated 580 days ago (2024-05-01)"),
        ],
        "0 errors, 3 warnings in 3 files",
        0,
    );
}

#[test]
fn future_dates_that_have_not_begun_anywhere_on_earth() {
    // east.md's `updated` is the build date's tomorrow, and its `reviewed` 23:00 UTC on the
    // build date: both have begun east of UTC, so neither is reported. The scheduled
    // article is not in the site without --future; coach.md is posted on the build date.
    let updated = "`updated` (2025-12-09) has not happened yet (the build date is 2025-12-02";
    assert_check(
        "check-future-date",
        &[
            ("content/jobs/mentor.md:5:1: warning[future-date]", "`date_posted` (2025-12-20) has not happened yet"),
            ("content/posts/reviewed.md:6:1: warning[future-date]", "`reviewed` (2025-12-03T09:00:00+00:00) has not"),
            ("content/posts/updated.md:6:1: warning[future-date]", updated),
        ],
        "0 errors, 3 warnings in 3 files",
        0,
    );
    // With --future, a scheduled article may be updated up to the day it is published.
    let r = check(&TestSite::new("check-future-date"), &["--future"]);
    let scheduled: Vec<_> = findings(&r).into_iter().filter(|(place, _)| place.contains("scheduled.md")).collect();
    assert_eq!(scheduled.len(), 1, "{r}");
    assert_eq!(scheduled[0].0, "content/posts/scheduled.md:7:1: warning[future-date]", "{r}");
    assert!(scheduled[0].1.contains("`reviewed` (2026-01-12) is later than `date` (2026-01-10)"), "{r}");
    // The build counts them in its note, and still builds.
    let site = TestSite::new("check-future-date");
    let r = run_careerpress_with(
        [OsString::from("build"), "--root".into(), site.root.clone().into()],
        site.dir(),
        &[("SOURCE_DATE_EPOCH", TODAY)],
    );
    assert_eq!(r.code, Some(0), "{r}");
    assert!(r.stderr.contains("note: 3 warnings in 3 files"), "{r}");
}

#[test]
fn build_warning_for_two_spellings_of_a_tag() {
    // The tag merge warning of `build` stands at the tag in the file that first wrote it.
    let says = "tag \"interviews\" is merged with \"Interviews\"";
    assert_one_warning("check-build-warning", "content/posts/second.md:5:8: warning[build-warning]", says);
}

// ---------------------------------------------------------------------------------------
// Whole runs
// ---------------------------------------------------------------------------------------

#[test]
fn clean_site_reports_nothing_not_even_the_links_the_theme_writes() {
    let site = TestSite::new("check-clean");
    let r = check(&site, &[]);
    assert_eq!(r.stdout, "0 errors, 0 warnings in 0 files\n", "{r}");
    assert_eq!(r.code, Some(0), "{r}");
    // Check the clean run had theme links to check: the pager, tags, the feed, the
    // calculator page and its table, the job board and a callout.
    site.build_dated(TODAY, &[]).assert_success();
    let html = |rel: &str| read_output(&site.out, rel);
    let base = "https://check.example.org/";
    assert_eq!(prev_next(&html("posts/index.html")).1.as_deref(), Some(&*format!("{base}posts/page/2/")));
    let article = extract_links(&html("posts/following-up/index.html"));
    for wanted in
        ["tags/job-search/", "atom.xml", "follow-up-calculator/#followup-table-title", "jobs/careers-advisor/"]
    {
        assert!(article.contains(&format!("{base}{wanted}")), "{wanted} not in {article:#?}");
    }
}

#[test]
fn ten_problems_in_four_files_in_one_run() {
    assert_check(
        "check-ten-problems",
        &[
            ("content/jobs/coach.md:2:1: warning[job-salary]", "no `salary`"),
            ("content/jobs/coach.md:6:1: warning[job-expiring]", "closes in 4 days"),
            ("content/posts/mixed.md:8:25: error[broken-link]", "links to /posts/gone/"),
            ("content/posts/mixed.md:10:6: warning[heading-skip]", "heading \"Too deep\" is level 4 after level 1"),
            ("content/posts/mixed.md:12:6: warning[image-alt]", "favicon.svg has no alt text"),
            ("content/posts/mixed.md:14:1: warning[foreign-syntax]", "`{% include cta.html %}`"),
            ("content/posts/old.md:2:1: warning[description-missing]", "no `description`"),
            ("content/posts/old.md:2:1: warning[no-tags]", "no `tags`"),
            ("content/posts/old.md:3:1: warning[stale]", "last published 946 days ago"),
            ("content/posts/short.md:3:1: warning[description-length]", "the description is 10 characters"),
        ],
        "1 error, 9 warnings in 4 files",
        1,
    );
}

#[test]
fn json_format_is_one_object_a_line_with_the_summary_on_stderr() {
    let r = check(&TestSite::new("check-ten-problems"), &["--format", "json"]);
    assert_eq!(r.code, Some(1), "{r}");
    let lines = json_lines(&r);
    assert_eq!(lines.len(), 10, "{r}");
    let find = |code: &str| lines.iter().find(|v| v["code"] == code).unwrap_or_else(|| panic!("no {code}:\n{r}"));
    let link = find("broken-link");
    assert_eq!(link["file"], "content/posts/mixed.md");
    assert_eq!(link["line"], 8);
    assert_eq!(link["column"], 25);
    assert_eq!(link["severity"], "error");
    assert_eq!(link["message"], "links to /posts/gone/, which is no page or file of this site");
    let expiring = find("job-expiring");
    assert_eq!(expiring["file"], "content/jobs/coach.md");
    assert_eq!(expiring["line"], 6);
    assert_eq!(expiring["column"], 1);
    assert_eq!(expiring["severity"], "warning");
    assert_eq!(expiring["message"], "closes in 4 days (2025-12-06): extend `valid_through` if the role is still open");
    assert_eq!(r.stderr.trim_end(), "1 error, 9 warnings in 4 files", "{r}");
}

#[test]
fn json_format_reports_a_finding_with_no_line_as_null() {
    // An alias folder that is a generated file but for case: no line of the page makes
    // the feed's clash (tag warnings, which once had no line, stand at their tag now).
    let site = TestSite::new("build-case-clash");
    let text = std::fs::read_to_string(site.path("content/posts/welcome.md")).unwrap();
    site.write("content/posts/welcome.md", text.replace("tags: [news]", "tags: [news]\naliases: [\"/ATOM.XML\"]"));
    let r = check(&site, &["--format", "json"]);
    let lines = json_lines(&r);
    let clash =
        lines.iter().find(|l| l["message"].as_str().is_some_and(|m| m.contains("ATOM.XML/"))).expect("the clash");
    assert_eq!(clash["file"], "content/posts/welcome.md");
    assert!(clash["line"].is_null() && clash["column"].is_null(), "{r}");
    assert_eq!(clash["code"], "build-warning");
}

#[test]
fn deny_warnings_fails_on_warnings_alone() {
    let site = TestSite::new("check-no-tags");
    let r = check(&site, &[]);
    assert_eq!(r.code, Some(0), "{r}");
    let r = check(&site, &["--deny-warnings"]);
    assert_eq!(r.code, Some(1), "{r}");
    assert_eq!(places(&r), ["content/posts/untagged.md:2:1: warning[no-tags]"], "{r}");
}

// ---------------------------------------------------------------------------------------
// [check] settings
// ---------------------------------------------------------------------------------------

#[test]
fn settings_off_hides_a_code() {
    let site = TestSite::new("check-no-tags");
    add_check_settings(&site, "off = [\"no-tags\"]\n");
    let r = check(&site, &[]);
    assert_eq!(r.stdout, "0 errors, 0 warnings in 0 files\n", "{r}");
    assert_eq!(r.code, Some(0), "{r}");
}

#[test]
fn settings_errors_raises_a_warning_to_an_error() {
    let site = TestSite::new("check-stale");
    add_check_settings(&site, "errors = [\"stale\"]\n");
    let r = check(&site, &[]);
    assert_eq!(
        places(&r),
        [
            "content/posts/dated.md:4:1: error[stale]",
            "content/posts/reviewed.md:6:1: error[stale]",
            "content/posts/updated.md:6:1: error[stale]",
        ],
        "{r}"
    );
    assert_eq!(r.stdout.lines().last(), Some("3 errors, 0 warnings in 3 files"), "{r}");
    assert_eq!(r.code, Some(1), "{r}");
}

#[test]
fn settings_review_after_days_moves_the_limit() {
    // dated.md was published 687 days before TODAY, reviewed.md reviewed 549 days before.
    let site = TestSite::new("check-stale");
    add_check_settings(&site, "review_after_days = 600\n");
    let r = check(&site, &[]);
    assert_eq!(places(&r), ["content/posts/dated.md:4:1: warning[stale]"], "{r}");
}

#[test]
fn settings_unknown_code_is_a_config_error_for_build_and_check() {
    let site = TestSite::new("check-no-tags");
    add_check_settings(&site, "off = [\"no-tag\"]\n");
    let line = std::fs::read_to_string(site.path("site.toml")).unwrap().lines().count();
    let r = check(&site, &[]);
    assert_eq!(r.code, Some(2), "{r}");
    let place = format!("site.toml:{line}:1: error[load]: `check.off`: unknown code \"no-tag\"");
    assert!(r.stdout.starts_with(&place), "{r}");
    assert!(r.stdout.contains("no-tags"), "the known codes are listed:\n{r}");
    let build = site.build_dated(TODAY, &[]);
    build.assert_clean_failure();
    assert_error_location(&build, "site.toml", Some(line));
    assert!(build.stderr.contains("unknown code \"no-tag\""), "{build}");
}

// ---------------------------------------------------------------------------------------
// Sites that cannot be loaded, and writing nothing
// ---------------------------------------------------------------------------------------

#[test]
fn front_matter_that_does_not_parse_exits_2_naming_file_and_line() {
    let r = check(&TestSite::new("check-load-error"), &[]);
    assert_eq!(r.code, Some(2), "{r}");
    // The list is never closed: reported where it opens, not where YAML gave up (5:12).
    assert_eq!(places(&r), ["content/posts/broken.md:4:7: error[load]"], "{r}");
    assert!(r.stdout.contains("front matter: the list that starts here with [ is never closed"), "{r}");
    assert!(r.stderr.contains("the site cannot be checked until these are fixed"), "{r}");
    assert!(!r.stdout.contains(" in 0 files") && !r.stdout.contains("errors,"), "no summary:\n{r}");
}

/// A Markdown link that names no content file stops a build, at its target; check goes
/// on past it and reports each such link once, in the build's words, with every other
/// finding of the site (here the other article's missing description).
#[test]
fn links_that_stop_a_build_are_findings_beside_the_rest() {
    let r = assert_check(
        "check-broken-markdown-link",
        &[
            ("content/posts/linker.md:7:22: error[broken-link]", "it names content/posts/checklist.md"),
            ("content/posts/linker.md:8:10: error[broken-link]", "it names content/posts/gone.md"),
            ("content/posts/linker.md:10:10: error[broken-link]", "it names content/posts/missing-guide.md"),
            ("content/posts/other.md:2:1: warning[description-missing]", "no `description`"),
        ],
        "3 errors, 1 warning in 2 files",
        1,
    );
    assert!(!r.stderr.contains("cannot be checked"), "{r}");
    let build = TestSite::new("check-broken-markdown-link").build(&[]);
    build.assert_clean_failure();
    assert!(build.stderr.contains("content/posts/linker.md:7:22:"), "the build stops there: {build}");
}

#[test]
fn load_errors_are_json_lines_too() {
    let r = check(&TestSite::new("check-load-error"), &["--format", "json"]);
    assert_eq!(r.code, Some(2), "{r}");
    let lines = json_lines(&r);
    assert_eq!(lines.len(), 1, "{r}");
    assert_eq!(lines[0]["file"], "content/posts/broken.md");
    assert_eq!(lines[0]["line"], 4);
    assert_eq!(lines[0]["code"], "load");
    assert_eq!(lines[0]["severity"], "error");
}

/// A template error met on one page's data names the page in its message, which JSON
/// carries on one line like every other.
#[test]
fn a_template_error_names_the_page_in_json_too() {
    let r = check(&TestSite::new("build-error-template-page-data"), &["--format", "json"]);
    assert_eq!(r.code, Some(2), "{r}");
    let lines = json_lines(&r);
    assert_eq!(lines.len(), 1, "{r}");
    assert_eq!(
        (&lines[0]["file"], &lines[0]["line"], &lines[0]["column"]),
        (&"templates/sub.html".into(), &1.into(), &51.into())
    );
    let message = lines[0]["message"].as_str().unwrap();
    assert!(message.starts_with("template error while drawing content/posts/p2.md: "), "{message}");
}

/// toml's two-line messages made one: no finding's message holds a line break.
#[test]
fn toml_errors_are_json_lines_without_line_breaks() {
    let r = check(&TestSite::new("build-error-toml"), &["--format", "json"]);
    assert_eq!(r.code, Some(2), "{r}");
    let lines = json_lines(&r);
    assert_eq!(lines.len(), 3, "{r}");
    for line in &lines {
        assert!(!line["message"].as_str().unwrap().contains('\n'), "{line}");
    }
    let month = lines.iter().find(|l| l["file"] == "content/posts/month.md").unwrap();
    assert_eq!((&month["line"], &month["column"]), (&3.into(), &8.into()));
    assert!(month["message"].as_str().unwrap().contains("there is no month 13"), "{month}");
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::new("check-ten-problems");
    let before = snapshot(site.dir());
    let r = check(&site, &[]);
    assert_eq!(r.code, Some(1), "{r}");
    assert_same_tree(&before, &snapshot(site.dir()), "careerpress check");
    assert!(!site.path("public").exists() && !site.out.exists());
}

/// The note `build` prints: (errors, warnings, files), or None when it printed none.
fn build_note(site: &TestSite) -> Option<(usize, usize, usize)> {
    let r = site.build_dated(TODAY, &[]);
    r.assert_success();
    let note = r.stderr.lines().find(|l| l.starts_with("note: "))?;
    assert!(note.contains("run `careerpress check` to see them"), "{note}");
    let number = |after: &str| -> usize {
        let words: Vec<&str> = note.split_whitespace().collect();
        words.windows(2).find(|w| w[1].trim_end_matches(',').starts_with(after)).map_or(0, |w| w[0].parse().unwrap())
    };
    Some((number("error"), number("warning"), number("file")))
}

#[test]
fn build_counts_what_check_finds_in_the_pages_and_points_at_it() {
    let site = TestSite::new("check-ten-problems");
    let (errors, warnings, files) = build_note(&site).expect("build says check has something to report");
    // What check reports, less what needs the rendered pages (links), which build leaves to it.
    let lines = json_lines(&check(&site, &["--format", "json"]));
    let page_level: Vec<&Value> = lines
        .iter()
        .filter(|f| !["broken-link", "broken-fragment", "closed-listing-link"].contains(&f["code"].as_str().unwrap()))
        .collect();
    let severity = |s: &str| page_level.iter().filter(|f| f["severity"] == s).count();
    assert_eq!((errors, warnings), (severity("error"), severity("warning")), "{lines:?}");
    let mut named: Vec<&str> = page_level.iter().map(|f| f["file"].as_str().unwrap()).collect();
    named.dedup();
    assert_eq!(files, named.len());
    assert!(warnings >= 5, "the fixture has many page-level problems: {warnings}");

    // A clean site gets no note, and `[check]` settings count as they do for check.
    assert_eq!(build_note(&TestSite::new("check-clean")), None);
    let site = TestSite::new("check-no-tags");
    assert_eq!(build_note(&site), Some((0, 1, 1)));
    add_check_settings(&site, "off = [\"no-tags\"]\n");
    assert_eq!(build_note(&site), None);
}
