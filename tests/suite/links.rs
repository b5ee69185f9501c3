//! Links between content files and where files are published, end to end: relative links
//! and images resolve from the source file's folder to where the file they name is
//! published, and page bundles publish their files beside their page.

use crate::common::*;

const RELATIVE_BASE: &str = "https://links.example.org/blog/";
const BUNDLE_BASE: &str = "https://bundle.example.org/";

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

#[test]
fn a_page_bundle_is_one_article_with_its_files_beside_it() {
    let site = TestSite::new("links-bundle");
    site.build_ok(&[]);
    let files = list_files(&site.out);
    for f in ["posts/my-post/index.html", "posts/my-post/chart.svg", "posts/my-post/files/Worksheet.txt"] {
        assert!(files.contains(f), "{f} not in {files:#?}");
    }
    // The folder is an article of posts/, not a section: listed there, with no list page.
    let (listing, _) = section_listing(&format!("{BUNDLE_BASE}posts/"), BUNDLE_BASE, &site.out);
    assert_eq!(listing, [format!("{BUNDLE_BASE}posts/my-post/"), format!("{BUNDLE_BASE}posts/older/")]);
    let html = read_output(&site.out, "posts/my-post/index.html");
    assert!(html.contains("<h1>Charting a Career Change</h1>"), "{html}");
    let img = parse_tags(&html).into_iter().find(|t| t.name == "img").expect("the chart");
    assert_eq!(img.attr("src"), Some(format!("{BUNDLE_BASE}posts/my-post/chart.svg").as_str()));
    let older = extract_links(&read_output(&site.out, "posts/older/index.html"));
    for wanted in ["posts/my-post/", "posts/my-post/chart.svg"] {
        assert!(older.contains(&format!("{BUNDLE_BASE}{wanted}")), "{wanted} not in {older:#?}");
    }
    check_links(&site.out, BUNDLE_BASE).assert_ok();
    // A draft bundle's files stay out with its page, and come in with it.
    assert!(!files.iter().any(|f| f.contains("draft-bundle") || f.contains("not-ready")), "{files:#?}");
    site.build_ok(&["--drafts"]);
    assert!(site.out.join("posts/draft-bundle/photo.svg").is_file());
    check_links(&site.out, BUNDLE_BASE).assert_ok();
}

#[test]
fn markdown_beside_a_bundles_index_is_an_error_naming_both() {
    let r = failed_build("links-error-bundle");
    let line = assert_error_location(&r, "content/posts/my-post/notes.md", None);
    assert!(line.contains("content/posts/my-post/index.md"), "{line}");
    assert!(line.contains("_index.md"), "the message points section authors at _index.md: {line}");
}
