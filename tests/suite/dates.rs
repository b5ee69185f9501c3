//! One date, one verdict: the same date text in front matter and on the `followup` command
//! line must be refused with the same message, since both go through `careerpress::dates`.
//! Runs the real binary, because the two paths meet only there.

use crate::common::{assert_error_location, run_careerpress, RunResult, TestSite};
use careerpress::dates::parse_date;

/// The part of `stderr` after `marker`, up to the end of its line.
fn message_after<'a>(run: &'a RunResult, marker: &str) -> &'a str {
    let start = run.stderr.find(marker).unwrap_or_else(|| panic!("no {marker:?} in:\n{run}")) + marker.len();
    run.stderr[start..].lines().next().unwrap_or("").trim_end()
}

fn check(fixture: &str, date: &str) {
    let site = TestSite::new(fixture);
    let build = site.build(&[]);
    build.assert_clean_failure();
    // Line 4 is `date:`; line 2 holds the same text as the title, and is not the error.
    let line = assert_error_location(&build, "content/posts/bad.md", Some(4));
    assert!(line.starts_with("content/posts/bad.md:4:7:"), "{line}");
    let from_front_matter = message_after(&build, "front matter: date: ");

    let root = site.root.to_string_lossy().to_string();
    let followup = run_careerpress(["followup", "--root", &root, "--interview", date], site.dir());
    assert_eq!(followup.code, Some(2), "{followup}");
    assert!(followup.stdout.is_empty(), "{followup}");
    let from_command_line = message_after(&followup, "'--interview <YYYY-MM-DD>': ");

    let expected = parse_date(date).unwrap_err().to_string();
    assert_eq!(from_front_matter, expected, "front matter:\n{build}");
    assert_eq!(from_command_line, expected, "command line:\n{followup}");
    assert!(expected.contains("YYYY-MM-DD"), "{expected}");
}

#[test]
fn an_unpadded_date_is_refused_alike_in_front_matter_and_on_the_command_line() {
    check("dates-unpadded", "2025-1-6");
}

#[test]
fn an_impossible_date_is_refused_alike_in_front_matter_and_on_the_command_line() {
    check("dates-impossible", "2025-02-30");
}

/// A date alone names a whole day, so an `updated` on the day of a timed `date` is not
/// earlier than it: `careerpress import` writes exactly this from Jekyll's
/// `last_modified_at`, and the site must build. A day before is still refused.
#[test]
fn an_updated_day_alone_may_be_the_day_of_a_timed_date() {
    let site = TestSite::new("build-basic");
    let post = |updated: &str| format!("---\ntitle: Same Day\ndate: 2025-03-12 10:00:00\nupdated: {updated}\n---\nx\n");
    site.write("content/posts/same-day.md", post("2025-03-12"));
    site.build_ok(&[]);
    let html = std::fs::read_to_string(site.out.join("posts/same-day/index.html")).unwrap();
    assert!(html.contains("Updated <time datetime=\"2025-03-12\">"), "{html}");
    // Its midnight UTC comes before the date: the feed says the entry changed when published.
    let atom = std::fs::read_to_string(site.out.join("atom.xml")).unwrap();
    let entry = &atom[atom.find("<title>Same Day</title>").unwrap()..];
    assert!(
        entry.contains("<published>2025-03-12T10:00:00Z</published>\n<updated>2025-03-12T10:00:00Z</updated>"),
        "{atom}"
    );

    site.write("content/posts/same-day.md", post("2025-03-11"));
    let build = site.build(&[]);
    build.assert_clean_failure();
    let line = assert_error_location(&build, "content/posts/same-day.md", Some(4));
    assert!(line.contains("`updated` (2025-03-11) is earlier than `date` (2025-03-12T10:00:00+00:00)"), "{line}");
}
