//! The core build, end to end: the real `careerpress` binary on small fixture sites under
//! `tests/fixtures/build-*/`, each copied with the default theme into a fresh temporary
//! folder (see `common::TestSite`).

use crate::common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// `base_url` of `tests/fixtures/build-basic/site.toml`.
const BASIC_BASE: &str = "https://fixture.example.org/";
const OLDEST_BASE: &str = "https://oldest.example.org/";
const PAGES_BASE: &str = "https://pages.example.org/";
const SUB_PATH_BASE: &str = "https://user.example.io/careers/";

/// The basic fixture's articles (without the draft) in listing order, newest first; the
/// two of 2025-03-05 ordered by title ("Asking…" before "Writing…"), not by file name.
const BASIC_LISTING: [&str; 4] =
    ["posts/zzz-same-day/", "posts/aaa-same-day/", "posts/following-up-politely/", "posts/first-steps/"];

fn urls(base: &str, paths: &[&str]) -> Vec<String> {
    paths.iter().map(|p| format!("{base}{p}")).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Builds the basic fixture (with `extra` flags) and returns the site.
fn built_basic(extra: &[&str]) -> TestSite {
    let site = TestSite::new("build-basic");
    site.build_ok(extra);
    site
}

// ---------------------------------------------------------------------------------------
// 1. The basic site
// ---------------------------------------------------------------------------------------

/// Every file the basic fixture produces; counts elsewhere derive from it.
const BASIC_FILES: [&str; 23] = [
    "404.html",
    "about/index.html",
    "atom.xml",
    "favicon.svg",
    "follow-up-calculator/index.html",
    "followup.js",
    "job-filters.js",
    "index.html",
    "posts/aaa-same-day/index.html",
    "posts/first-steps/index.html",
    "posts/following-up-politely/index.html",
    "posts/index.html",
    "posts/zzz-same-day/index.html",
    "robots.txt",
    "sitemap.xml",
    "style.css",
    "tags/basics/atom.xml",
    "tags/basics/index.html",
    "tags/follow-up/atom.xml",
    "tags/follow-up/index.html",
    "tags/index.html",
    "tags/interviews/atom.xml",
    "tags/interviews/index.html",
];

#[test]
fn basic_site_produces_exactly_the_expected_files() {
    let site = built_basic(&[]);
    assert_eq!(list_files(&site.out), set(&BASIC_FILES));
    // Theme static files are copied as they are.
    for f in ["style.css", "favicon.svg"] {
        assert_eq!(
            fs::read(site.out.join(f)).unwrap(),
            fs::read(default_theme_dir().join("static").join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn pretty_urls_and_slug_override() {
    let site = built_basic(&[]);
    // The slug replaces the file name; the file name's URL does not exist.
    assert!(site.out.join("posts/following-up-politely/index.html").is_file());
    assert!(!site.out.join("posts/follow-up").exists());
    // No "ugly" .html pages next to the folders.
    assert!(!site.out.join("about.html").exists());
    assert!(!site.out.join("posts/first-steps.html").exists());
    // Every link the listing and the navigation give ends in `/`.
    let home = read_output(&site.out, "index.html");
    let listed = listed_links(&home);
    assert_eq!(listed, urls(BASIC_BASE, &BASIC_LISTING), "home lists every article");
    let links = extract_links(&home);
    for page in ["about/", "posts/"] {
        assert!(links.contains(&format!("{BASIC_BASE}{page}")), "{page} not in {links:#?}");
    }
    for url in listed {
        assert!(url.ends_with('/'), "{url}");
    }
}

#[test]
fn drafts_are_excluded_unless_asked_for() {
    let site = built_basic(&[]);
    assert!(!site.out.join("posts/unfinished").exists());
    for page in list_html_files(&site.out) {
        let html = read_output(&site.out, &page);
        assert!(!html.contains("unfinished"), "{page} mentions the draft");
        assert!(!html.contains("Unfinished Draft"), "{page} mentions the draft");
    }

    let r = site.build(&["--drafts"]);
    r.assert_success();
    assert!(site.out.join("posts/unfinished/index.html").is_file());
    let (listing, _) = section_listing(&format!("{BASIC_BASE}posts/"), BASIC_BASE, &site.out);
    let mut expected = vec!["posts/unfinished/"];
    expected.extend(BASIC_LISTING);
    assert_eq!(listing, urls(BASIC_BASE, &expected), "the draft is the newest article");

    // And without the flag again, it is gone again.
    site.build_ok(&[]);
    assert!(!site.out.join("posts/unfinished").exists());
}

#[test]
fn markdown_extensions_and_raw_html_render() {
    let site = built_basic(&[]);
    let html = read_output(&site.out, "posts/first-steps/index.html");
    // Heading ids: from the text, made unique, explicit ids kept; each ends in its anchor.
    assert!(
        html.contains(r##"<h2 id="why-it-matters">Why it matters <a class="heading-anchor" href="#why-it-matters""##),
        "{html}"
    );
    assert!(
        html.contains(
            r##"<h2 id="why-it-matters-1">Why it matters <a class="heading-anchor" href="#why-it-matters-1""##
        ),
        "{html}"
    );
    assert!(
        html.contains(r##"<h2 id="custom-id">Custom anchor <a class="heading-anchor" href="#custom-id""##),
        "{html}"
    );
    // Table.
    assert!(html.contains("<table>"), "{html}");
    assert!(html.contains("<th>Column A</th>"), "{html}");
    assert!(html.contains("<td>cell 1</td>"), "{html}");
    // Strikethrough.
    assert!(html.contains("<del>struck text</del>"), "{html}");
    // Footnote: a reference and the note it points at, which points back.
    let tags = parse_tags(&html);
    let reference = tags
        .iter()
        .find(|t| t.name == "a" && t.attr("id").is_some_and(|id| id.starts_with("fnref-")))
        .unwrap_or_else(|| panic!("no footnote reference:\n{html}"));
    let note_id = reference.attr("href").and_then(|h| h.strip_prefix('#')).expect("the reference links in the page");
    assert!(tags.iter().any(|t| t.name == "li" && t.attr("id") == Some(note_id)), "no note #{note_id}:\n{html}");
    let back = format!("#{}", reference.attr("id").unwrap());
    assert!(tags.iter().any(|t| t.has_token("class", "footnote-backref") && t.attr("href") == Some(&back)), "{html}");
    assert!(html.contains("The footnote text."));
    // Task list: two checkboxes, one checked.
    let boxes: Vec<_> = tags.iter().filter(|t| t.name == "input" && t.attr("type") == Some("checkbox")).collect();
    assert_eq!(boxes.len(), 2, "{html}");
    assert_eq!(boxes.iter().filter(|t| t.attr("checked").is_some()).count(), 1);
    // Raw HTML passes through untouched.
    assert!(html.contains(r#"<div class="callout" data-kind="tip">Raw <em>HTML</em> block</div>"#), "{html}");
}

#[test]
fn internal_and_root_relative_links_are_rewritten() {
    let site = built_basic(&[]);
    let first = extract_links(&read_output(&site.out, "posts/first-steps/index.html"));
    for wanted in [
        // @/posts/follow-up.md → its permalink, which uses the slug.
        format!("{BASIC_BASE}posts/following-up-politely/"),
        // /about/ in Markdown → base_url + about/.
        format!("{BASIC_BASE}about/"),
        // ![logo](/favicon.svg) → base_url + favicon.svg.
        format!("{BASIC_BASE}favicon.svg"),
        // External links stay as they are.
        "https://www.example.com/docs".to_string(),
        "mailto:team@example.com".to_string(),
    ] {
        assert!(first.contains(&wanted), "{wanted} not in {first:#?}");
    }
    assert!(!first.iter().any(|u| u.starts_with("@/")), "{first:#?}");
    assert!(!first.contains(&"/about/".to_string()), "{first:#?}");

    let about = extract_links(&read_output(&site.out, "about/index.html"));
    // @/posts/_index.md → the section; a fragment is kept.
    assert!(about.contains(&format!("{BASIC_BASE}posts/")), "{about:#?}");
    assert!(about.contains(&format!("{BASIC_BASE}posts/first-steps/#why-it-matters")), "{about:#?}");
    // The home page's own content: @/about.md.
    let home = extract_links(&read_output(&site.out, "index.html"));
    assert!(home.contains(&format!("{BASIC_BASE}about/")), "{home:#?}");
}

#[test]
fn article_pages_show_title_date_reading_time_and_tags() {
    let site = built_basic(&[]);
    let html = read_output(&site.out, "posts/first-steps/index.html");
    assert!(html.contains("<title>First Steps · Basic Fixture</title>"), "{html}");
    assert!(html.contains("<h1>First Steps</h1>"), "{html}");
    assert!(html.contains(r#"<time datetime="2025-01-10">January 10, 2025</time>"#), "{html}");
    assert!(html.contains("1 min read"), "{html}");
    assert!(html.contains("Fixture Author"), "site author as default: {html}");
    let tags_list = html
        .split(r#"<ul class="tags""#)
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .unwrap_or_else(|| panic!("no tag list:\n{html}"));
    assert!(tags_list.contains(&format!(r#"<li><a href="{BASIC_BASE}tags/basics/">basics</a></li>"#)), "{tags_list}");
    assert!(
        tags_list.contains(&format!(r#"<li><a href="{BASIC_BASE}tags/interviews/">interviews</a></li>"#)),
        "{tags_list}"
    );

    let other = read_output(&site.out, "posts/following-up-politely/index.html");
    assert!(other.contains("<h1>Following Up</h1>"));
    assert_eq!(first_datetime(&other).as_deref(), Some("2025-02-20"));
    assert!(other.contains(&format!(r#"<li><a href="{BASIC_BASE}tags/follow-up/">follow-up</a></li>"#)));

    // A standalone page is not an article: no date, no reading time, no neighbours.
    let about = read_output(&site.out, "about/index.html");
    assert!(about.contains("<h1>About Us</h1>"));
    assert_eq!(first_datetime(&about), None);
    assert!(!about.contains("min read"));
    assert_eq!(prev_next(&about), (None, None));
}

#[test]
fn articles_on_the_same_date_are_ordered_by_title() {
    let site = built_basic(&[]);
    let (listing, pages) = section_listing(&format!("{BASIC_BASE}posts/"), BASIC_BASE, &site.out);
    assert_eq!(pages.len(), 1);
    assert_eq!(listing, urls(BASIC_BASE, &BASIC_LISTING));
    assert_eq!(
        listed_links(&read_output(&site.out, "index.html")),
        urls(BASIC_BASE, &BASIC_LISTING),
        "the home page lists all articles in the same order"
    );
}

// ---------------------------------------------------------------------------------------
// 2. Previous / next
// ---------------------------------------------------------------------------------------

/// Article dates along `listing`, read from each page's first `<time datetime>`.
fn dates(listing: &[String], base: &str, out: &Path) -> Vec<String> {
    listing.iter().map(|u| first_datetime(&read_page_at(u, base, out)).expect("an article has a date")).collect()
}

#[test]
fn prev_next_in_a_newest_first_section() {
    let site = built_basic(&[]);
    let (listing, _) = section_listing(&format!("{BASIC_BASE}posts/"), BASIC_BASE, &site.out);
    assert_eq!(listing, urls(BASIC_BASE, &BASIC_LISTING));
    assert_prev_next_follow_listing(&listing, BASIC_BASE, &site.out);

    // Newest first: rel=prev is the newer neighbour, rel=next the older one.
    let newest = read_page_at(&listing[0], BASIC_BASE, &site.out);
    assert_eq!(prev_next(&newest), (None, Some(listing[1].clone())));
    let oldest = read_page_at(&listing[3], BASIC_BASE, &site.out);
    assert_eq!(prev_next(&oldest), (Some(listing[2].clone()), None));
    let d = dates(&listing, BASIC_BASE, &site.out);
    assert!(d.windows(2).all(|w| w[0] >= w[1]), "newest first: {d:?}");
    // The markup matches: the newer link is labelled so and carries rel=prev.
    assert!(newest.contains("Older article"));
    assert!(!newest.contains("Newer article"));
}

#[test]
fn prev_next_in_an_oldest_first_section() {
    let site = TestSite::new("build-oldest-first");
    site.build_ok(&[]);
    let (listing, _) = section_listing(&format!("{OLDEST_BASE}guides/"), OLDEST_BASE, &site.out);
    let expected =
        urls(OLDEST_BASE, &["guides/step-one/", "guides/step-two/", "guides/step-three/", "guides/step-four/"]);
    assert_eq!(listing, expected, "oldest first");
    assert_prev_next_follow_listing(&listing, OLDEST_BASE, &site.out);

    // Oldest first: rel=next is the newer neighbour, rel=prev the older one.
    let oldest = read_page_at(&listing[0], OLDEST_BASE, &site.out);
    assert_eq!(prev_next(&oldest), (None, Some(listing[1].clone())));
    assert!(oldest.contains("Newer article") && !oldest.contains("Older article"));
    let newest = read_page_at(&listing[3], OLDEST_BASE, &site.out);
    assert_eq!(prev_next(&newest), (Some(listing[2].clone()), None));
    let d = dates(&listing, OLDEST_BASE, &site.out);
    assert!(d.windows(2).all(|w| w[0] <= w[1]), "oldest first: {d:?}");

    // Three to a page: the pager's labels follow the listing too, the next page being newer.
    let first = read_page_at(&format!("{OLDEST_BASE}guides/"), OLDEST_BASE, &site.out);
    assert!(first.contains(r#"rel="next">Newer articles</a>"#), "{first}");
    assert!(!first.contains("Older articles"), "{first}");
    let second = read_page_at(&format!("{OLDEST_BASE}guides/page/2/"), OLDEST_BASE, &site.out);
    assert!(second.contains(r#"rel="prev">Older articles</a>"#), "{second}");
    assert!(!second.contains("Newer articles"), "{second}");

    // The home page lists every article newest first, whatever the section says.
    let mut home = expected.clone();
    home.reverse();
    assert_eq!(listed_links(&read_output(&site.out, "index.html")), home);
}

// ---------------------------------------------------------------------------------------
// 3. Pagination
// ---------------------------------------------------------------------------------------

#[test]
fn pagination_splits_a_listing_with_pager_links() {
    let site = TestSite::new("build-pagination");
    site.build_ok(&[]);
    let out = &site.out;
    let files = list_files(out);
    for f in ["posts/index.html", "posts/page/2/index.html", "posts/page/3/index.html"] {
        assert!(files.contains(f), "{f} missing from {files:#?}");
    }
    assert!(!out.join("posts/page/1").exists(), "page 1 is the section itself");
    assert!(!out.join("posts/page/4").exists());
    // The site default (10) still applies to the home page.
    assert!(!out.join("page").exists(), "{files:#?}");

    let p1 = format!("{PAGES_BASE}posts/");
    let p2 = format!("{PAGES_BASE}posts/page/2/");
    let p3 = format!("{PAGES_BASE}posts/page/3/");
    let page = |url: &str| read_page_at(url, PAGES_BASE, out);
    assert_eq!(prev_next(&page(&p1)), (None, Some(p2.clone())));
    assert_eq!(prev_next(&page(&p2)), (Some(p1.clone()), Some(p3.clone())));
    assert_eq!(prev_next(&page(&p3)), (Some(p2.clone()), None));

    let per_page: Vec<usize> = [&p1, &p2, &p3].iter().map(|u| listed_links(&page(u)).len()).collect();
    assert_eq!(per_page, vec![2, 2, 1]);
    let (listing, pages) = section_listing(&p1, PAGES_BASE, out);
    assert_eq!(pages, vec![p1.clone(), p2.clone(), p3.clone()]);
    let all = urls(PAGES_BASE, &["posts/post-5/", "posts/post-4/", "posts/post-3/", "posts/post-2/", "posts/post-1/"]);
    assert_eq!(listing, all, "the pages together list every article once, in order");
    assert_eq!(listed_links(&read_output(out, "index.html")), all);
    // Articles still link to their neighbours across list pages.
    assert_prev_next_follow_listing(&listing, PAGES_BASE, out);
    check_links(out, PAGES_BASE).assert_ok();
}

// ---------------------------------------------------------------------------------------
// 4. Links and base URLs
// ---------------------------------------------------------------------------------------

#[test]
fn every_link_resolves_with_the_site_base_url() {
    let site = built_basic(&[]);
    let report = check_links(&site.out, BASIC_BASE);
    report.assert_ok();
    // Exactly the two external links of first-steps.md: a wrong base would make more.
    assert_eq!(report.external, 2, "{report:?}");

    let site = TestSite::new("build-oldest-first");
    site.build_ok(&[]);
    check_links(&site.out, OLDEST_BASE).assert_ok();
}

#[test]
fn every_link_resolves_under_a_sub_path_base_url() {
    let site = built_basic(&["--base-url", SUB_PATH_BASE]);
    let report = check_links(&site.out, SUB_PATH_BASE);
    report.assert_ok();
    assert_eq!(report.external, 2, "{report:?}");
    // Checked against the site.toml base instead, every page link is foreign.
    assert_eq!(check_links(&site.out, BASIC_BASE).internal, 0);
    // Same pages as with the site's own base URL: the base only changes links.
    assert_eq!(list_files(&site.out).len(), BASIC_FILES.len());
    for page in list_html_files(&site.out) {
        let html = read_output(&site.out, &page);
        assert!(!decode_entities(&html).contains("fixture.example.org"), "{page} still uses site.toml's base_url");
    }
    let first = extract_links(&read_output(&site.out, "posts/first-steps/index.html"));
    assert!(first.contains(&format!("{SUB_PATH_BASE}about/")), "{first:#?}");
    assert!(first.contains(&format!("{SUB_PATH_BASE}posts/following-up-politely/")), "{first:#?}");
    // The same without a trailing slash on the flag.
    site.build_ok(&["--base-url", "https://user.example.io/careers"]);
    check_links(&site.out, SUB_PATH_BASE).assert_ok();
}

#[test]
fn every_link_resolves_under_a_root_relative_base_url() {
    let site = built_basic(&["--base-url", "/careers/"]);
    check_links(&site.out, "/careers/").assert_ok();
    let first = extract_links(&read_output(&site.out, "posts/first-steps/index.html"));
    assert!(first.contains(&"/careers/about/".to_string()), "{first:#?}");
}

#[test]
fn link_checker_reports_what_it_should() {
    // The checker itself, so that a passing link check means something.
    let base = SUB_PATH_BASE;
    assert_eq!(
        classify_url("https://user.example.io/careers/posts/a/#x", base),
        LinkKind::Internal { file: "posts/a/index.html".into(), fragment: Some("x".into()) }
    );
    assert_eq!(
        classify_url("https://user.example.io/careers/", base),
        LinkKind::Internal { file: "index.html".into(), fragment: None }
    );
    assert!(matches!(classify_url("/careers/x/", base), LinkKind::Unprefixed(_)));
    assert!(matches!(classify_url("https://user.example.io/x/", base), LinkKind::Unprefixed(_)));
    assert!(matches!(classify_url("style.css", base), LinkKind::Unprefixed(_)));
    assert_eq!(classify_url("https://other.io/careers/", base), LinkKind::External);
    assert_eq!(classify_url("mailto:a@b.c", base), LinkKind::External);
    assert_eq!(classify_url("#top", base), LinkKind::Fragment("top".into()));
    assert_eq!(
        classify_url("/careers/%C3%BCber/", "/careers/"),
        LinkKind::Internal { file: "über/index.html".into(), fragment: None }
    );
    assert_eq!(decode_entities("https:&#x2F;&#x2F;a.io&#47;x?a=1&amp;b=2"), "https://a.io/x?a=1&b=2");

    let tmp = tempfile::tempdir().unwrap();
    write_file(
        &tmp.path().join("index.html"),
        r##"<a href="https://a.io/gone/">x</a><a href="#nowhere">y</a><img src='/a.png'><a href="https://a.io/">ok</a>"##,
    );
    let report = check_links(tmp.path(), "https://a.io/");
    assert_eq!(report.problems.len(), 3, "{:#?}", report.problems);
    assert_eq!((report.checked, report.internal), (3, 2));
}

// ---------------------------------------------------------------------------------------
// 5. Errors: located, helpful, and the previous output left alone
// ---------------------------------------------------------------------------------------

/// Builds the basic fixture into `<tmp>/out`, then installs `fixture` as `<tmp>/bad`, lets
/// `prepare` change it, builds it into the same `<tmp>/out`, and checks that the build
/// failed cleanly and that nothing under `<tmp>` changed (the output tree, paths and
/// bytes; no staging folder left behind). The whole error report is compared with its
/// reviewed snapshot, `snapshots/suite__build__<fixture>.snap`. Returns the failed run.
fn failed_build_keeps_output(fixture: &str, prepare: impl FnOnce(&Path)) -> RunResult {
    let site = built_basic(&[]);
    assert!(site.out.join("index.html").is_file());
    let bad = site.add_site(fixture, "bad");
    prepare(&bad);
    // The lock file beside the output names the last process to hold it: a build that
    // failed while rendering held it, and wrote its id there, as it should.
    let unlocked = |mut tree: std::collections::BTreeMap<String, Entry>| {
        tree.retain(|rel, _| !rel.ends_with(".careerpress-lock"));
        tree
    };
    let before = unlocked(snapshot(site.dir()));
    let r = build_site(&bad, &site.out, &[], site.dir());
    r.assert_clean_failure();
    assert_same_tree(&before, &unlocked(snapshot(site.dir())), "after a failed build");
    assert!(!staging_sibling(&site.out).exists());
    insta::assert_snapshot!(fixture, r.stderr);
    r
}

fn assert_mentions(r: &RunResult, fragments: &[&str]) {
    for f in fragments {
        assert!(r.stderr.contains(f), "stderr lacks {f:?}:\n{r}");
    }
}

#[test]
fn error_bad_yaml_is_located_on_the_file_line() {
    let r = failed_build_keeps_output("build-error-yaml", |_| {});
    // The bad line is line 4 of the file (line 3 of the YAML).
    assert_error_location(&r, "content/posts/bad.md", Some(4));
    assert_mentions(&r, &["front matter", "mapping values are not allowed"]);
}

#[test]
fn error_unclosed_quote_is_located_where_it_opens_not_at_the_closing_fence() {
    // libyaml reads the quoted value on to the end of the front matter and fails there; the
    // missing quote belongs to `description:` on line 3.
    let r = failed_build_keeps_output("build-error-yaml-unclosed", |_| {});
    let line = assert_error_location(&r, "content/posts/unclosed.md", Some(3));
    assert!(line.starts_with("content/posts/unclosed.md:3:14: front matter: the quoted value"), "{line}");
    assert_mentions(&r, &["never closed"]);
}

#[test]
fn urls_that_differ_only_in_case_build_with_a_warning_at_the_slug() {
    // Linux keeps both folders, so the build goes on; macOS and Windows would keep one.
    let site = TestSite::new("build-case-clash");
    let r = site.build_ok(&[]);
    assert!(site.out.join("posts/Welcome/index.html").is_file() && site.out.join("posts/welcome/index.html").is_file());
    let warning = r.stderr.lines().find(|l| l.contains("only in case")).unwrap_or_else(|| panic!("{r}"));
    assert!(
        warning.starts_with("warning: content/posts/greeting.md:5:1: output file posts/Welcome/index.html"),
        "{warning}"
    );
    assert!(warning.contains("posts/welcome/index.html (made from content/posts/welcome.md)"), "{warning}");
    let check = run_careerpress(["check", "--root", site.path("").to_str().unwrap()], site.dir());
    assert!(
        check.stdout.contains("content/posts/greeting.md:5:1: warning[build-warning]: output file posts/Welcome/"),
        "{check}"
    );
}

#[test]
fn an_alias_folder_that_is_a_generated_file_but_for_case_warns() {
    // `/ATOM.XML` is a folder beside the feed `atom.xml`: one of them is lost on a
    // case-blind disk, and only file against file was compared.
    let site = TestSite::new("build-case-clash");
    let text = fs::read_to_string(site.path("content/posts/welcome.md")).unwrap();
    site.write("content/posts/welcome.md", text.replace("tags: [news]", "tags: [news]\naliases: [\"/ATOM.XML\"]"));
    let r = site.build_ok(&[]);
    let warning = r.stderr.lines().find(|l| l.contains("ATOM.XML")).unwrap_or_else(|| panic!("{r}"));
    assert!(warning.starts_with("warning: content/posts/welcome.md"), "{warning}");
    assert!(warning.contains("output folder ATOM.XML/ (for ATOM.XML/index.html) and the file atom.xml"), "{warning}");
}

/// A tag an article writes twice, in other capitals or spacing, is the same tag, not two
/// that need telling apart; each warning stands at the tag it is about, not only its file.
#[test]
fn tag_warnings_fit_their_case_and_stand_at_the_tag() {
    let site = TestSite::new("build-tag-warnings");
    let r = site.build_ok(&[]);
    // Newest article first, as the tags are read.
    let warnings: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    let again = "written again in this article";
    let expected = [
        format!("warning: content/posts/twice.md:7:5: tag \"interviewing\" is the tag \"Interviewing\" {again}, with other capitals: an article carries a tag once, so the second is left out"),
        "warning: content/posts/twice.md:8:5: tag \"C#\" is merged with \"C++\" of the same article: both make the tag \"c\", so it is left out; spell it with other letters or digits (\"csharp\" for \"C#\") to keep the two apart".to_string(),
        "warning: content/posts/twice.md:9:5: tag \"!!!\" has no letter or digit, so it gets no page: it is left out".to_string(),
        format!("warning: content/posts/flow.md:4:26: tag \"job-search\" is the tag \"Job Search\" {again}, with other capitals and spacing: an article carries a tag once, so the second is left out"),
    ];
    assert_eq!(warnings, expected, "{r}");
}

/// An empty tag is an error at the item, where an author looks for it, not at `tags:`.
#[test]
fn error_an_empty_tag_stands_at_the_item() {
    let site = TestSite::new("build-basic");
    site.write("content/posts/empty-tag.md", "---\ntitle: E\ndate: 2025-01-01\ntags: [a, \"\"]\n---\nx\n");
    let r = site.build(&[]);
    r.assert_clean_failure();
    let said = assert_error_location(&r, "content/posts/empty-tag.md", Some(4));
    assert!(said.starts_with("content/posts/empty-tag.md:4:11: `tags` contains an empty tag"), "{said}");
}

/// A page whose URL needs a folder where careerpress writes one of its own files
/// (`slug: atom.xml` needs `atom.xml/`) was blamed on "the site's Atom feed (generated)",
/// which is no file; the page is blamed, at its `slug`, and `check` says the same.
#[test]
fn a_page_on_a_generated_files_name_is_an_error_at_its_slug() {
    let site = TestSite::new("build-basic");
    for name in ["atom.xml", "404.html", "sitemap.xml", "robots.txt"] {
        site.write("content/odd.md", format!("---\ntitle: O\nslug: {name}\n---\nx\n"));
        let r = site.build(&[]);
        r.assert_clean_failure();
        let said = assert_error_location(&r, "content/odd.md", Some(3));
        assert!(said.contains(&format!("careerpress's own /{name}")), "{said}");
        let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], site.dir());
        let finding = format!("content/odd.md:3:1: error[duplicate-url]: URL /{name}/ is also produced by");
        assert!(check.stdout.contains(&finding) && !check.stdout.contains("error[load]"), "{check}");
    }
}

/// Builds `fixture`, which must fail cleanly and write nothing, and checks that its report
/// lists exactly `expected` for `file`: each (line, column) and the start of its message,
/// in that order. The whole report is compared with its snapshot too.
fn fails_with_each(fixture: &str, file: &str, expected: &[((usize, usize), &str)]) {
    let r = TestSite::failing(fixture);
    for ((line, column), fragment) in expected {
        let found = assert_error_location(&r, file, Some(*line));
        assert!(found.starts_with(&format!("{file}:{line}:{column}: {fragment}")), "{found}");
    }
    assert_mentions(&r, &[&format!("error: {} errors found", expected.len())]);
    insta::assert_snapshot!(fixture, r.stderr);
}

#[test]
fn error_every_front_matter_problem_of_an_article_is_reported_at_once() {
    // An article as Jekyll wrote it: two keys careerpress does not have and a date it
    // cannot read. All three are listed, each at its own position, unknown keys with a hint.
    fails_with_each(
        "build-error-front-matter-many",
        "content/posts/from-jekyll.md",
        &[
            ((3, 1), "front matter: unknown key \"layout\": move it under `extra:` (`careerpress import` does so"),
            ((4, 7), "front matter: date: \"not-a-date\" is not a valid date"),
            ((5, 1), "front matter: unknown key \"categories\": move it under `extra:`"),
        ],
    );
}

#[test]
fn error_every_problem_of_toml_front_matter_is_reported_at_once() {
    fails_with_each(
        "build-error-front-matter-many-toml",
        "content/posts/from-hugo.md",
        &[
            // The key named as YAML front matter names it.
            ((3, 8), "front matter: date: 2025-02-30 is not a valid date: February 2025 has 28 days"),
            ((4, 1), "front matter: unknown key \"categories\": move it under `[extra]` (`careerpress import`"),
        ],
    );
}

#[test]
fn error_missing_title() {
    let r = failed_build_keeps_output("build-error-no-title", |_| {});
    assert_error_location(&r, "content/posts/untitled.md", None);
    assert_mentions(&r, &["`title`"]);
}

#[test]
fn error_impossible_date_points_at_the_date_line() {
    let r = failed_build_keeps_output("build-error-date", |_| {});
    let line = assert_error_location(&r, "content/posts/bad-date.md", Some(4));
    assert!(line.starts_with("content/posts/bad-date.md:4:7:"), "{line}");
    assert_mentions(&r, &["2025-02-30", "not a valid date", "YYYY-MM-DD"]);
}

#[test]
fn error_impossible_date_points_at_the_date_line_when_its_text_appears_earlier() {
    // `slug: 2025-02-30-recap` on line 3 contains the bad date's text; the error is about
    // `date:` on line 4.
    let r = failed_build_keeps_output("build-error-date-repeated", |_| {});
    assert_error_location(&r, "content/posts/recap.md", Some(4));
    assert_mentions(&r, &["2025-02-30", "not a valid date"]);
}

/// serde words a value of the wrong kind with Rust's types (`expected u32`, `expected
/// struct Location`, `untagged enum RemoteMeta`), which tell an author nothing: each error
/// says what to write instead, at the value.
#[test]
fn error_values_of_the_wrong_kind_say_what_to_write() {
    let r = failed_build_keeps_output("build-error-value-kinds", |_| {});
    for rust in ["struct", "enum", "u32", "usize", "f64", "i64", "Remote", "Location", "invalid type"] {
        assert!(!r.stderr.contains(rust), "{rust}:\n{r}");
    }
    assert_mentions(
        &r,
        &[
            "content/jobs/_index.md:3:14: front matter: paginate_by: expected a whole number of 0 or more, not the text \"many\"",
            "content/jobs/coach.md:7:11: front matter: location: expected a mapping with `city` and `country`",
            "content/jobs/coach.md:8:9: front matter: remote: expected true, false or hybrid",
            "content/jobs/coach.md:9:16: front matter: salary.min: expected a number, not the text \"lots\"",
            "content/jobs/coach.md:10:20: front matter: experience_months: expected a whole number of 0 or more, not the number -3",
            "content/posts/shared.md:4:8: front matter: image: expected a mapping with `src` and `alt`",
            "content/posts/shared.md:5:11: front matter: tags[1]: expected text, not a list",
        ],
    );
}

/// serde's derive reads an enum of words in words of the reader's ("expected a YAML tag
/// starting with '!'", "wanted string or table", "expected a Value::Tagged enum" when
/// another key failed first): each wrong value names the words the key takes, in YAML and
/// TOML alike, whatever else the file gets wrong.
#[test]
fn error_a_value_that_is_not_one_of_its_words_names_them() {
    let r = failed_build_keeps_output("build-error-enum-words", |_| {});
    for serde in ["tag", "Tagged", "variant", "wanted", "string only"] {
        assert!(!r.stderr.contains(serde), "{serde}:\n{r}");
    }
    let kinds = "expected one of FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM or OTHER";
    let units = "expected one of HOUR, DAY, WEEK, MONTH or YEAR";
    assert_mentions(
        &r,
        &[
            "content/jobs/_index.md:3:7: front matter: sort: expected one of newest-first or oldest-first, not a list",
            &format!("content/jobs/listed.md:4:18: front matter: employment_type: {kinds}, not a list"),
            &format!("content/jobs/listed.md:8:56: front matter: salary.unit: {units}, not the text \"YEARLY\""),
            &format!("content/jobs/alone.md:8:56: front matter: salary.unit: {units}, not the number 5"),
            &format!("content/jobs/after.md:4:18: front matter: employment_type: {kinds}, not a mapping"),
            &format!("content/jobs/after.md:8:56: front matter: salary.unit: {units}, not the number 5"),
            &format!("content/jobs/toml.md:4:19: front matter: employment_type: {kinds}, not a list"),
            &format!("content/jobs/toml.md:8:63: front matter: salary.unit: {units}, not the number 5"),
        ],
    );
}

/// toml words a syntax error on two lines ("invalid date-time\nvalue is out of range"),
/// which broke the one-line report: each is one line, a bare date the calendar lacks is
/// said as YAML front matter says it, at the date, and values of the wrong kind as YAML's.
#[test]
fn error_toml_problems_are_one_line_each_in_plain_words() {
    let r = failed_build_keeps_output("build-error-toml", |_| {});
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 4, "one line each, after the count:\n{r}");
    assert_eq!(
        &lines[1..],
        [
            "  content/posts/kinds.md:4:8: front matter: tags: expected a list, not the text \"cv, pay\": write `tags = [\"cv\", \"pay\"]`",
            "  content/posts/kinds.md:8:9: front matter: image.width: expected a whole number, not the text \"wide\"",
            "  content/posts/month.md:3:8: front matter: date: 2025-13-01 is not a valid date: there is no month 13; write dates as YYYY-MM-DD, such as 2025-01-06",
        ],
        "{r}"
    );
}

/// site.toml and data files are read by their own paths: their errors are one line too,
/// naming the key where it is known.
#[test]
fn error_site_toml_and_data_toml_problems_are_one_line() {
    let site = TestSite::new("build-basic");
    let failed = |file: &str, said: &str| {
        let r = site.build(&[]);
        r.assert_clean_failure();
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{r}");
        assert!(lines[1].starts_with(&format!("  {file}")) && lines[1].contains(said), "{r}");
    };
    site.write("data/missing.toml", "b = = 2\n");
    failed("data/missing.toml:1:5: data file: ", ": expected a value: text in quotes (\"like this\"), a number");
    site.write("data/missing.toml", "[fair]\nopens = 2025-02-30T09:00:00Z\n");
    failed("data/missing.toml:2:9: ", ": fair.opens: 2025-02-30 is not a valid date: February 2025 has 28 days;");
    fs::remove_file(site.path("data/missing.toml")).unwrap();
    let settings = fs::read_to_string(site.root.join("site.toml")).unwrap();
    for (added, said) in [
        ("paginate_by = \"ten\"\n", ": `paginate_by`: expected a whole number of 0 or more, not the text \"ten\""),
        (
            "[followup]\nholidays = [2025-12-25, 2025-13-01]\n",
            ": `followup.holidays`: 2025-13-01 is not a valid date: there is no month 13;",
        ),
        ("[social]\nimage = \"card.png\"\n", ": `social.image`: expected a table with `src` and `alt`"),
        ("description = Careers\n", ": expected a value: text in quotes"),
    ] {
        site.write("site.toml", format!("{settings}{added}"));
        failed("site.toml:", said);
    }
}

#[test]
fn error_invalid_utf8_is_located() {
    let r = failed_build_keeps_output("build-error-utf8", |bad| {
        // Latin-1 "café": the byte 0xE9 is not UTF-8. Written here so the fixture stays UTF-8.
        write_file(&bad.join("content/posts/latin1.md"), b"---\ntitle: caf\xe9\ndate: 2025-02-01\n---\n\nBody.\n");
    });
    let line = assert_error_location(&r, "content/posts/latin1.md", Some(2));
    assert!(line.starts_with("content/posts/latin1.md:2:11:"), "{line}");
    assert_mentions(&r, &["UTF-8"]);
}

#[test]
fn error_two_pages_on_one_url_names_both_files() {
    let r = failed_build_keeps_output("build-error-duplicate-url", |_| {});
    assert_mentions(&r, &["content/posts/first.md", "content/posts/second.md", "/posts/same-place/", "slug"]);
}

#[test]
fn error_page_on_a_section_url_names_both_files() {
    let r = failed_build_keeps_output("build-error-page-on-section-url", |_| {});
    assert_mentions(&r, &["content/posts.md", "/posts/"]);
    // The section has no _index.md here: its folder must be named instead.
    let others = r.stderr.replace("content/posts.md", "");
    assert!(others.contains("content/posts"), "the section's folder is not named:\n{r}");
}

#[test]
fn error_template_syntax_in_a_site_override() {
    let r = failed_build_keeps_output("build-error-template", |_| {});
    assert_error_location(&r, "templates/page.html", Some(3));
    assert_mentions(&r, &["template error", "page.html"]);
}

#[test]
fn error_template_value_missing_at_render_is_located_where_the_template_names_it() {
    // Tera keeps no positions after parsing; the error names `page.subtitle`, which the
    // override writes on line 4.
    let r = failed_build_keeps_output("build-error-template-runtime", |_| {});
    let line = assert_error_location(&r, "templates/page.html", Some(4));
    assert!(line.starts_with("templates/page.html:4:24: template error"), "{line}");
    assert_mentions(&r, &["Variable `page.subtitle` not found"]);
}

/// Tera says a remainder by zero with its syntax trees (`Expr { val: Int(10), … }`) and
/// no line: it is said as written, at the `%` the template writes.
#[test]
fn error_template_modulo_by_zero_is_said_as_written_where_it_is_written() {
    let r = failed_build_keeps_output("build-error-template-modulo-zero", |_| {});
    assert!(!r.stderr.contains("Expr") && !r.stderr.contains("Int("), "{r}");
    let line = assert_error_location(&r, "templates/page.html", Some(4));
    assert!(line.starts_with("templates/page.html:4:21: template error"), "{line}");
    assert_mentions(&r, &["`10 % 0` divides by zero: the right side of `%` is 0"]);
}

/// A value one page lacks fails only that page: the template's position alone did not say
/// which of the pages drawn with it to fix.
#[test]
fn error_template_value_one_page_lacks_names_that_page() {
    let r = failed_build_keeps_output("build-error-template-page-data", |_| {});
    let line = assert_error_location(&r, "templates/sub.html", Some(1));
    assert!(line.starts_with("templates/sub.html:1:51: template error while drawing content/posts/p2.md: "), "{line}");
    assert!(!line.contains("p1.md") && !line.contains("p3.md"), "{line}");
}

/// A fault every page of a kind meets is said once, naming the pages (a few, then how
/// many more): list pages by their file, or by URL and file after the first; tag pages,
/// which no file makes, by URL.
#[test]
fn error_template_fault_on_many_pages_is_said_once_naming_them() {
    let site = TestSite::new("build-error-template-page-data");
    site.write(
        "content/posts/p2.md",
        "---\ntitle: Post 2\ndate: 2025-01-02\ntags: [advice, cv]\nextra: { subtitle: s }\n---\n",
    );
    let broken = |name: &str| {
        format!("{{% extends \"base.html\" %}}{{% block content %}}{{{{ {name}.nothing }}}}{{% endblock content %}}\n")
    };
    site.write("templates/section.html", broken("section"));
    site.write("templates/tag.html", broken("tag"));
    let r = site.build(&[]);
    r.assert_clean_failure();
    let lines: Vec<&str> = r.stderr.lines().skip(1).map(str::trim).collect();
    assert_eq!(lines.len(), 2, "{r}");
    let said = |template: &str, pages: &str| {
        format!(
            "templates/{template}.html:1:48: template error while drawing {pages}: Failed to render '{template}.html'"
        )
    };
    let list = said("section", "content/posts/_index.md and /posts/page/2/ from content/posts/_index.md");
    assert!(lines[0].starts_with(&list), "{r}");
    assert!(lines[1].starts_with(&said("tag", "/tags/advice/, /tags/advice/page/2/ and /tags/cv/")), "{r}");
}

/// Tera follows includes while rendering: before the check, both of these overflowed the
/// stack and the build died of SIGABRT instead of exiting 1.
#[test]
fn error_template_that_includes_itself_is_named_with_its_chain() {
    let r = failed_build_keeps_output("build-error-template-self", |_| {});
    let line = assert_error_location(&r, "templates/partials/article.html", Some(4));
    assert!(line.contains("partials/article.html → partials/article.html"), "{line}");
}

#[test]
fn error_templates_that_include_each_other_are_named_with_the_chain() {
    let r = failed_build_keeps_output("build-error-template-cycle", |_| {});
    let line = assert_error_location(&r, "templates/partials/article.html", Some(4));
    assert!(line.contains("partials/article.html → partials/footer.html → partials/article.html"), "{line}");
    assert_eq!(r.stderr.matches("leads back").count(), 1, "one cycle, reported once:\n{r}");
}

#[test]
fn error_unknown_key_in_site_toml() {
    let r = failed_build_keeps_output("build-error-config", |_| {});
    assert_mentions(&r, &["paginte_by", "unknown field"]);
    // Named like every other file, relative to the site root.
    assert_error_location(&r, "site.toml", Some(4));
}

#[test]
fn error_a_missing_theme_is_named_at_its_line_in_site_toml() {
    let site = TestSite::new("build-basic");
    let settings = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    let line = settings.lines().count() + 1;
    site.write("site.toml", format!("{settings}theme = \"nope\"\n"));
    let r = site.build(&[]);
    r.assert_clean_failure();
    let said = assert_error_location(&r, "site.toml", Some(line));
    assert!(said.contains("no theme folder at themes/nope"), "{said}");
}

#[test]
fn error_a_folder_that_makes_no_url_is_named_and_nothing_is_written_outside() {
    let site = TestSite::new("build-basic");
    site.write("content/_/chart.png", "png");
    site.write("content/!!!/a.md", "---\ntitle: A\ndate: 2025-01-01\n---\nx\n");
    let r = site.build(&[]);
    r.assert_clean_failure();
    for folder in ["content/_", "content/!!!"] {
        let line = assert_error_location(&r, folder, None);
        assert!(line.contains("no letter or digit"), "{line}");
    }
    assert!(!site.out.exists() && !site.dir().join("chart.png").exists(), "nothing is written anywhere");
}

#[test]
fn error_broken_internal_link_is_located() {
    let r = failed_build_keeps_output("build-error-broken-link", |_| {});
    let line = assert_error_location(&r, "content/posts/linker.md", Some(8));
    assert!(line.starts_with("content/posts/linker.md:8:25:"), "{line}");
    assert_mentions(&r, &["@/posts/missing.md", "no content file"]);
    // The file it looked for, where the author can see whether it is misspelt or moved.
    assert!(line.ends_with("points at no content file: it names content/posts/missing.md"), "{line}");
    // The good link in the same file is not reported.
    assert!(!r.stderr.contains("@/posts/fine.md"), "{r}");
}

// ---------------------------------------------------------------------------------------
// 6. Output folder safety
// ---------------------------------------------------------------------------------------

/// Runs `careerpress build --root <root> --output <out>` in `cwd` and checks that it is
/// refused and that nothing in the whole temporary folder changed.
fn assert_output_refused(site: &TestSite, root: &Path, out: &Path, cwd: &Path) {
    let before = snapshot(site.dir());
    let r = build_site(root, out, &[], cwd);
    r.assert_clean_failure();
    assert_mentions(&r, &["refusing to write the site here"]);
    assert_same_tree(&before, &snapshot(site.dir()), &format!("--output {}", out.display()));
    assert!(!staging_sibling(out).exists(), "{}", staging_sibling(out).display());
}

#[test]
fn output_equal_to_the_root_is_refused() {
    let site = TestSite::new("build-basic");
    assert_output_refused(&site, &site.root, &site.root, site.dir());
    assert_output_refused(&site, &site.root, &site.root.join("content/.."), site.dir());
    assert_output_refused(&site, &site.root, &site.root.join("missing/.."), site.dir());
    assert_output_refused(&site, Path::new("."), Path::new("."), &site.root);
    #[cfg(unix)]
    {
        let link = site.dir().join("link-to-root");
        std::os::unix::fs::symlink(&site.root, &link).unwrap();
        assert_output_refused(&site, &site.root, &link, site.dir());
    }
}

#[test]
fn output_equal_to_the_roots_parent_is_refused() {
    let site = TestSite::new("build-basic");
    assert_output_refused(&site, &site.root, site.dir(), site.dir());
    assert_output_refused(&site, Path::new("."), Path::new(".."), &site.root);
    assert_output_refused(&site, Path::new("site"), Path::new("."), site.dir());
}

#[test]
fn output_folder_holding_site_sources_is_refused() {
    let site = TestSite::new("build-basic");
    let with_content = site.dir().join("other-site");
    write_file(&with_content.join("content/keep.md"), "---\ntitle: Keep\n---\n");
    write_file(&with_content.join("notes.txt"), "mine");
    assert_output_refused(&site, &site.root, &with_content, site.dir());

    let with_config = site.dir().join("other-config");
    write_file(&with_config.join("site.toml"), "title = \"Other\"\n");
    write_file(&with_config.join("index.html"), "not ours");
    assert_output_refused(&site, &site.root, &with_config, site.dir());

    // Inside the site's own content/ folder.
    assert_output_refused(&site, &site.root, &site.root.join("content/out"), site.dir());
}

#[test]
fn output_that_is_a_file_or_someone_elses_folder_is_refused() {
    let site = TestSite::new("build-basic");
    let file = site.dir().join("notes.txt");
    write_file(&file, "important");
    assert_output_refused(&site, &site.root, &file, site.dir());

    let docs = site.dir().join("mydocs");
    write_file(&docs.join("thesis.txt"), "years of work");
    assert_output_refused(&site, &site.root, &docs, site.dir());

    // An empty folder is taken, and after that careerpress recognises its own output.
    let empty = site.dir().join("empty");
    fs::create_dir_all(&empty).unwrap();
    site.build_into(&empty, &[]).assert_success();
    site.build_into(&empty, &[]).assert_success();

    // Its lock file removed (a cache step that keeps only the folder), its render record
    // still says so; with both gone, the message names the file a built folder has.
    let lock = site.dir().join(".empty.careerpress-lock");
    fs::remove_file(&lock).unwrap();
    site.build_into(&empty, &[]).assert_success();
    fs::remove_file(&lock).unwrap();
    fs::remove_file(site.dir().join(".empty.careerpress-render-cache")).unwrap();
    let r = site.build_into(&empty, &[]);
    r.assert_clean_failure();
    assert_mentions(&r, &["did not write (a folder it built has .empty.careerpress-lock beside it)"]);
}

// ---------------------------------------------------------------------------------------
// 7. Rebuilds
// ---------------------------------------------------------------------------------------

#[test]
fn building_twice_gives_the_same_output() {
    let site = built_basic(&[]);
    let first = snapshot(&site.out);
    let r = site.build_ok(&[]);
    assert_same_tree(&first, &snapshot(&site.out), "second build");
    assert_eq!(r.written_count(), 0, "nothing needed writing:\n{r}");
    site.build_ok(&[]);
    assert_same_tree(&first, &snapshot(&site.out), "third build");
}

#[test]
fn the_summary_counts_every_rendered_page() {
    let site = TestSite::new("build-basic");
    let r = site.build_ok(&[]);
    // The basic fixture's theme static files hold no HTML, so every .html file is rendered.
    let html = list_html_files(&site.out).len();
    assert!(r.stdout.starts_with(&format!("Built {html} pages, ")), "{html} HTML files:\n{r}");
}

#[test]
fn editing_one_article_changes_only_it_and_the_list_pages() {
    let site = built_basic(&[]);
    let before = snapshot(&site.out);
    let path = site.path("content/posts/aaa-same-day.md");
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replace(
        "Same date as another post: the title decides the order.",
        "An edited first paragraph, which is also the summary in listings.",
    );
    assert_ne!(text, edited);
    site.write("content/posts/aaa-same-day.md", edited);
    site.build_ok(&[]);
    let after = snapshot(&site.out);
    assert_eq!(
        changed_paths(&before, &after),
        // The site feed carries the article's text; the sitemap only its dates.
        set(&["atom.xml", "index.html", "posts/aaa-same-day/index.html", "posts/index.html"])
    );
    assert!(read_output(&site.out, "posts/aaa-same-day/index.html").contains("An edited first paragraph"));
    assert!(read_output(&site.out, "posts/index.html").contains("An edited first paragraph"));
    check_links(&site.out, BASIC_BASE).assert_ok();
}

#[test]
fn deleting_an_article_removes_its_output_folder() {
    let site = built_basic(&[]);
    assert!(site.out.join("posts/zzz-same-day/index.html").is_file());
    fs::remove_file(site.path("content/posts/zzz-same-day.md")).unwrap();
    site.build_ok(&[]);
    assert!(!site.out.join("posts/zzz-same-day").exists(), "the folder is gone, not just its file");
    let (listing, _) = section_listing(&format!("{BASIC_BASE}posts/"), BASIC_BASE, &site.out);
    assert_eq!(listing, urls(BASIC_BASE, &BASIC_LISTING[1..]));
    assert_prev_next_follow_listing(&listing, BASIC_BASE, &site.out);
    // No page links to it any more.
    check_links(&site.out, BASIC_BASE).assert_ok();
    assert_eq!(list_files(&site.out).len(), BASIC_FILES.len() - 1);
}

#[test]
fn a_root_that_is_not_a_site_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-site");
    let missing = missing.to_str().unwrap();
    for (command, code) in [("build", 1), ("check", 2)] {
        let r = run_careerpress([command, "--root", missing], dir.path());
        assert_eq!(r.code, Some(code), "{r}");
        // `check` reports on stdout, as it reports findings.
        let said = format!("{}{}", r.stdout, r.stderr);
        assert!(said.contains(&format!("{missing}: ")) && said.contains("no such folder"), "{r}");
    }
    // A folder that is there but holds no site.toml (the site's `content/`, say).
    let folder = dir.path().to_str().unwrap();
    for (command, code) in [("build", 1), ("check", 2), ("new", 1)] {
        let args: &[&str] =
            if command == "new" { &[command, "posts/hello", "--root", folder] } else { &[command, "--root", folder] };
        let r = run_careerpress(args, dir.path());
        assert_eq!(r.code, Some(code), "{r}");
        let said = format!("{}{}", r.stdout, r.stderr);
        assert!(said.contains("site.toml:"), "{r}");
        assert!(said.contains(&format!("not found in {folder}, so it is not a careerpress site")), "{r}");
    }
}
