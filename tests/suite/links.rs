//! Links between content files, end to end: relative links and images resolve from the
//! source file's folder to where the file they name is published.

use crate::common::*;

const RELATIVE_BASE: &str = "https://links.example.org/blog/";

/// Builds `fixture`, expects a clean failure that leaves no output, and compares the whole
/// report with its reviewed snapshot, `snapshots/suite__links__<fixture>.snap`.
fn failed_build(fixture: &str) -> RunResult {
    let site = TestSite::new(fixture);
    let r = site.build(&[]);
    r.assert_clean_failure();
    assert!(!site.out.exists(), "a failed build wrote {}", site.out.display());
    insta::assert_snapshot!(fixture, r.stderr);
    r
}

#[test]
fn relative_links_and_images_point_at_published_files() {
    let site = TestSite::new("links-relative");
    site.build_ok(&[]);
    let future = extract_links(&read_output(&site.out, "posts/future/index.html"));
    for wanted in [
        // A file beside posts/future.md is published beside the page's folder, not in it.
        "posts/chart.svg",
        "posts/other/#why-it-matters",
        "about/",
        "posts/files/checklist.txt?v=2",
    ] {
        let url = format!("{RELATIVE_BASE}{wanted}");
        assert!(future.contains(&url), "{url} not in {future:#?}");
    }
    let about = extract_links(&read_output(&site.out, "about/index.html"));
    for wanted in ["posts/chart.svg", "posts/future/"] {
        let url = format!("{RELATIVE_BASE}{wanted}");
        assert!(about.contains(&url), "{url} not in {about:#?}");
    }
    check_links(&site.out, RELATIVE_BASE).assert_ok();
}

#[test]
fn relative_links_work_under_a_root_relative_base_url() {
    let site = TestSite::new("links-relative");
    site.build_ok(&["--base-url", "/"]);
    let future = extract_links(&read_output(&site.out, "posts/future/index.html"));
    assert!(future.contains(&"/posts/chart.svg".to_string()), "{future:#?}");
    check_links(&site.out, "/").assert_ok();
}

#[test]
fn a_relative_link_to_nothing_is_located() {
    let r = failed_build("links-error-relative");
    let line = assert_error_location(&r, "content/posts/linker.md", Some(8));
    assert!(line.starts_with("content/posts/linker.md:8:20:"), "{line}");
    assert!(line.contains("content/posts/chart.png"), "{line}");
    // The good relative link in the same file is not reported.
    assert!(!r.stderr.contains("fine.md"), "{r}");
}
