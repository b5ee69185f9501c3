//! `build` takes unchanged pages from the last build instead of rendering them again
//! (src/site/cache.rs). Whatever changed in between, the output must be exactly what a
//! build into an empty folder gives; these tests make each kind of change and compare.

use crate::common::{assert_same_tree, snapshot, write_file, RunResult, TestSite};
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// 2025-04-15: every article is out and one listing has closed; 2026-01-15: another has.
const APR: &str = "1744675200";
const JAN: &str = "1768435200";
/// 2025-06-01, the date the tags fixture is written for.
const JUNE: &str = "1748736000";

/// Builds into `site.out` (reusing) and into a new empty folder, and asserts that both
/// trees are the same. Returns the reusing run.
fn build_matches_fresh(site: &TestSite, epoch: &str, extra: &[&str], what: &str) -> RunResult {
    static FRESH: AtomicUsize = AtomicUsize::new(0);
    let reusing = build_dated_into(site, &site.out, epoch, extra);
    reusing.assert_success();
    let fresh = site.dir().join(format!("fresh-{}", FRESH.fetch_add(1, Ordering::Relaxed)));
    let r = build_dated_into(site, &fresh, epoch, extra);
    r.assert_success();
    assert_eq!(r.reused_count(), 0, "an empty folder has nothing to reuse:\n{r}");
    assert_same_tree(&snapshot(&fresh), &snapshot(&site.out), what);
    reusing
}

fn build_dated_into(site: &TestSite, out: &Path, epoch: &str, extra: &[&str]) -> RunResult {
    let mut args: Vec<std::ffi::OsString> =
        vec!["build".into(), "--root".into(), site.root.clone().into(), "--output".into(), out.into()];
    args.extend(extra.iter().map(Into::into));
    crate::common::run_careerpress_with(args, site.dir(), &[("SOURCE_DATE_EPOCH", epoch)])
}

fn pages(r: &RunResult) -> usize {
    let n: String = r.stdout.trim_start_matches("Built ").chars().take_while(char::is_ascii_digit).collect();
    n.parse().unwrap_or_else(|_| panic!("no page count in the summary:\n{r}"))
}

#[test]
fn every_kind_of_change_gives_what_a_fresh_build_gives() {
    let site = TestSite::new("jobs-board");
    let first = build_matches_fresh(&site, APR, &[], "first build");
    assert_eq!(first.reused_count(), 0, "{first}");

    let again = build_matches_fresh(&site, APR, &[], "nothing changed");
    assert_eq!(again.reused_count(), pages(&again), "an unchanged site reuses every page:\n{again}");
    assert_eq!(again.written_count(), 0, "{again}");
    // A reused page keeps its entry in the record without the file being looked at again.
    let third = build_matches_fresh(&site, APR, &[], "nothing changed, after a reusing build");
    assert_eq!(
        third.reused_count(),
        pages(&third),
        "a reusing build's record reuses every page:
{third}"
    );

    let tips = "content/posts/interview-tips.md";
    let text = fs::read_to_string(site.path(tips)).unwrap();
    site.write(tips, text.replace("Practise out loud.", "Practise out loud, twice."));
    let body = build_matches_fresh(&site, APR, &[], "an article's body edited");
    assert!(body.reused_count() > 0 && body.reused_count() < pages(&body), "{body}");

    site.write(tips, text.replace("title: Interview tips", "title: Interview tips & tricks"));
    build_matches_fresh(&site, APR, &[], "an article's title edited");

    // A listing closes: the board, its page and every callout change.
    build_matches_fresh(&site, JAN, &[], "the build date moved past a listing's end");

    write_file(&site.path("templates/page.html"), "{{ page.title }} / {{ config.title }}");
    let template = build_matches_fresh(&site, JAN, &[], "a template added");
    assert!(template.reused_count() < pages(&template), "{template}");

    let config = fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", config.replace("Jobs fixture", "Jobs, renamed"));
    let renamed = build_matches_fresh(&site, JAN, &[], "the site's title changed");
    assert_eq!(renamed.reused_count(), 0, "every page shows the site's title:\n{renamed}");

    site.write("data/coaches.yaml", "- name: Ada\n");
    build_matches_fresh(&site, JAN, &[], "a data file added");

    build_matches_fresh(&site, JAN, &["--base-url", "https://elsewhere.example/"], "another base URL");
    build_matches_fresh(&site, JAN, &["--drafts"], "drafts included");
}

#[test]
fn an_edited_or_damaged_output_is_rendered_again() {
    let site = TestSite::new("publish-tags");
    build_matches_fresh(&site, JUNE, &[], "first build");

    // Someone edits a published page: its length and time no longer match the record.
    let page = site.out.join("posts/alpha/index.html");
    fs::write(&page, "tampered").unwrap();
    let r = build_matches_fresh(&site, JUNE, &[], "a published page edited by hand");
    assert_eq!(r.reused_count(), pages(&r) - 1, "only the edited page renders again:\n{r}");

    // A record careerpress did not write is ignored, not trusted.
    let record = site.dir().join(".out.careerpress-render-cache");
    assert!(record.is_file(), "the record sits beside the output folder");
    fs::write(&record, "careerpress render cache 2\nnot a record\n").unwrap();
    let r = build_matches_fresh(&site, JUNE, &[], "a damaged record");
    assert_eq!(r.reused_count(), 0, "{r}");

    build_matches_fresh(&site, JUNE, &["--future"], "scheduled posts included");
}

#[test]
fn templates_that_read_the_environment_are_always_rendered() {
    let site = TestSite::new("publish-tags");
    write_file(&site.path("templates/404.html"), "{{ get_env(name=\"HOME\", default=\"none\") }}");
    build_matches_fresh(&site, JUNE, &[], "first build");
    let r = build_matches_fresh(&site, JUNE, &[], "nothing changed");
    assert_eq!(r.reused_count(), 0, "get_env's answer is not part of any page's input:\n{r}");
}

#[test]
fn render_all_renders_every_page_and_records_them() {
    let site = TestSite::new("publish-tags");
    build_matches_fresh(&site, JUNE, &[], "first build");
    let all = build_matches_fresh(&site, JUNE, &["--render-all"], "--render-all");
    assert_eq!(all.reused_count(), 0, "{all}");
    assert_eq!(all.written_count(), 0, "the same pages, so nothing to write:\n{all}");
    let next = build_matches_fresh(&site, JUNE, &[], "after --render-all");
    assert_eq!(next.reused_count(), pages(&next), "{next}");
}

#[test]
fn closing_or_editing_a_listing_updates_the_filter_pages_and_home_roles() {
    let site = TestSite::new("job-filters");
    build_matches_fresh(&site, JUNE, &[], "first build");
    let again = build_matches_fresh(&site, JUNE, &[], "nothing changed");
    assert_eq!(again.reused_count(), pages(&again), "{again}");

    // The contractor closes: its type's page goes, and remote, GB and US lose it.
    let contractor = "content/jobs/remote-contractor.md";
    let text = fs::read_to_string(site.path(contractor)).unwrap();
    site.write(contractor, text.replace("apply_url:", "valid_through: 2025-05-31\napply_url:"));
    let closed = build_matches_fresh(&site, JUNE, &[], "a listing closed");
    assert!(!site.out.join("jobs/type/contractor/index.html").exists(), "{closed}");
    let remote = crate::common::read_output(&site.out, "jobs/remote/index.html");
    assert!(!remote.contains("remote-contractor") && remote.contains("remote-writer"));
    assert!(!crate::common::read_output(&site.out, "index.html").contains("remote-contractor"));

    // An edit of one listing's type moves it between filter pages and changes every count.
    let coach = "content/jobs/paris-coach.md";
    let text = fs::read_to_string(site.path(coach)).unwrap();
    site.write(coach, text.replace("employment_type: PART_TIME", "employment_type: FULL_TIME"));
    build_matches_fresh(&site, JUNE, &[], "a listing's type edited");
    let full_time = crate::common::read_output(&site.out, "jobs/type/full-time/index.html");
    assert!(full_time.contains("paris-coach"));
    let part_time = crate::common::read_output(&site.out, "jobs/type/part-time/index.html");
    assert!(!part_time.contains("/jobs/paris-coach/"));
}

#[test]
fn the_job_feeds_follow_every_field_they_carry_and_the_build_date() {
    // The JSON and XML job feeds are taken from the last build when what they carry of
    // each open listing is unchanged: these edits reach the feeds but barely the pages.
    let site = TestSite::new("jobs-board");
    build_matches_fresh(&site, APR, &[], "first build");
    build_matches_fresh(&site, APR, &[], "nothing changed");
    let advisor = "content/jobs/onsite-advisor.md";
    let text = fs::read_to_string(site.path(advisor)).unwrap();
    let edits = [
        (
            "a street address",
            "city: Leeds,",
            "street: 1 Park Row, postal_code: LS1 5AB, city: Leeds,",
            "jobs/jobs.xml",
            "1 Park Row",
        ),
        ("direct apply", "apply_url:", "direct_apply: true\napply_url:", "jobs/jobs.json", "\"directApply\": true"),
        ("the description", "Advise students", "Coach students", "jobs/jobs.json", "Coach students"),
    ];
    for (what, from, to, feed, shown) in edits {
        site.write(advisor, text.replace(from, to));
        let r = build_matches_fresh(&site, APR, &[], what);
        assert!(crate::common::read_output(&site.out, feed).contains(shown), "{what}: {feed}\n{r}");
    }
    // The XML feed names the day it was built: the next day, only that changes.
    const NEXT_DAY: &str = "1744761600";
    let r = build_matches_fresh(&site, NEXT_DAY, &[], "the next day");
    assert!(crate::common::read_output(&site.out, "jobs/jobs.xml").contains("2025-04-16"), "{r}");
}

#[test]
fn an_authors_new_bio_reaches_their_articles_on_a_reusing_build() {
    let site = TestSite::new("article-furniture");
    build_matches_fresh(&site, JUNE, &[], "first build");
    let again = build_matches_fresh(&site, JUNE, &[], "nothing changed");
    assert_eq!(again.reused_count(), pages(&again), "{again}");

    let config = fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", config.replace("Recruiter for ten years", "Recruiter for eleven years"));
    let edited = build_matches_fresh(&site, JUNE, &[], "an author's bio edited");
    assert!(edited.reused_count() < pages(&edited), "{edited}");
    let html = crate::common::read_output(&site.out, "posts/waiting/index.html");
    assert!(html.contains("Recruiter for eleven years") && !html.contains("ten years"), "{html}");
    // Rendering everything again finds nothing the reusing build left stale.
    let reused = snapshot(&site.out);
    let all = build_matches_fresh(&site, JUNE, &["--render-all"], "--render-all after the bio edit");
    assert_eq!(all.reused_count(), 0, "{all}");
    assert_same_tree(&reused, &snapshot(&site.out), "--render-all against the reusing build");
}

#[test]
fn a_template_edit_renders_again_only_the_pages_drawn_with_it() {
    let site = TestSite::new("jobs-board");
    build_matches_fresh(&site, APR, &[], "first build");
    let out = snapshot(&site.out);
    let is_tag_page = |p: &str| p.starts_with("tags/") && p.ends_with("/index.html") && p != "tags/index.html";
    let tag_pages = out.keys().filter(|p| is_tag_page(p)).count();
    assert!(tag_pages > 0, "the fixture has tag pages: {:?}", out.keys());

    let theme = |name: &str| fs::read_to_string(site.path(&format!("themes/default/templates/{name}"))).unwrap();
    write_file(&site.path("templates/tag.html"), format!("{}<!-- tags -->", theme("tag.html")));
    let tag = build_matches_fresh(&site, APR, &[], "tag.html edited");
    assert_eq!(pages(&tag) - tag.reused_count(), tag_pages, "only the tag pages are drawn again:\n{tag}");

    // A partial that base.html includes: every page that extends it is drawn again.
    write_file(&site.path("templates/partials/meta.html"), format!("{}<!-- meta -->", theme("partials/meta.html")));
    let meta = build_matches_fresh(&site, APR, &[], "a partial of base.html edited");
    assert!(meta.reused_count() < pages(&meta) - tag_pages, "{meta}");
    let article = fs::read_to_string(site.out.join("posts/interview-tips/index.html")).unwrap();
    assert!(article.contains("<!-- meta -->"), "{article}");

    // Nothing changed: nothing is drawn.
    let again = build_matches_fresh(&site, APR, &[], "nothing changed after template edits");
    assert_eq!(again.reused_count(), pages(&again), "{again}");
}

/// The publish takes folders unchanged since the build before last recorded them from that
/// record instead of reading them (src/output/listing.rs). Files added or removed by hand
/// in the published folder must still be undone when that folder comes round to be synced
/// again, two builds later, and later still.
#[test]
fn files_added_or_removed_by_hand_are_undone_however_many_builds_later() {
    let site = TestSite::new("publish-tags");
    for n in 0..3 {
        build_matches_fresh(&site, JUNE, &[], &format!("build {n}"));
    }
    write_file(&site.out.join("posts/alpha/stray.html"), "added by hand");
    write_file(&site.out.join("tags/stray/index.html"), "added by hand");
    fs::remove_file(site.out.join("posts/bravo/index.html")).unwrap();
    for n in 0..4 {
        build_matches_fresh(&site, JUNE, &[], &format!("build {n} after edits by hand"));
    }
    let listing = site.dir().join(".out.careerpress-listing");
    assert!(fs::read_to_string(&listing).unwrap().contains("\tf "), "a record of folders was kept beside the output");
}
