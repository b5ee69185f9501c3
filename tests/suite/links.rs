//! Links between content files and where files are published, end to end: relative links
//! and images resolve from the source file's folder to where the file they name is
//! published, page bundles publish their files beside their page, and `aliases` write
//! redirect pages at old URLs.

use crate::common::*;

const RELATIVE_BASE: &str = "https://links.example.org/blog/";
const BUNDLE_BASE: &str = "https://bundle.example.org/";
const ALIASES_BASE: &str = "https://aliases.example.org/";

/// Builds `fixture`, expects a clean failure that leaves no output, and compares the whole
/// report with its reviewed snapshot, `snapshots/suite__links__<fixture>.snap`.
fn failed_build(fixture: &str) -> RunResult {
    let r = TestSite::failing(fixture);
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
        // Files careerpress writes itself, named as URLs from the page.
        "atom.xml",
        "robots.txt",
        // Files of static/, named from the page's URL: a folder serves its index.html.
        "posts/future/emails/",
        "posts/future/emails/first.txt",
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

/// An `@/` link's query comes before its fragment, as in any URL: the file it names ends
/// at the `?`, and both are kept on the permalink. `check` finds the page and the id.
#[test]
fn an_at_link_keeps_its_query_then_fragment() {
    let site = TestSite::new("links-relative");
    site.build_ok(&[]);
    let future = extract_links(&read_output(&site.out, "posts/future/index.html"));
    let url = format!("{RELATIVE_BASE}posts/other/?page=2#why-it-matters");
    assert!(future.contains(&url), "{url} not in {future:#?}");
    let root = site.root.to_string_lossy().to_string();
    let check = run_careerpress(["check", "--root", &root, "--format", "json"], site.dir());
    assert_ne!(check.code, Some(2), "the site loads: {check}");
    assert!(!check.stdout.contains("broken-"), "{check}");
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
fn raw_html_at_links_and_site_paths_are_rewritten_as_markdown_links_are() {
    // `import` writes `@/` links into HTML attributes; a site path must gain the base
    // URL's `/blog/` as a Markdown one does, or it misses on a site served from a sub-path.
    let site = TestSite::new("links-relative");
    site.build_ok(&[]);
    let about = read_output(&site.out, "about/index.html");
    assert!(about.contains(&format!("<a href=\"{RELATIVE_BASE}posts/other/#why-it-matters\">")), "{about}");
    assert!(about.contains(&format!("<img src=\"{RELATIVE_BASE}posts/chart.svg\" alt=\"The chart\">")), "{about}");
    check_links(&site.out, RELATIVE_BASE).assert_ok();
}

#[test]
fn an_at_link_to_nothing_in_raw_html_is_located() {
    let r = failed_build("links-error-raw-html");
    let line = assert_error_location(&r, "content/posts/imported.md", Some(9));
    assert!(line.starts_with("content/posts/imported.md:9:"), "{line}");
    assert!(line.contains("@/posts/older-guide.md"), "{line}");
}

/// The build reports an `@/` link to nothing where its target is written (in its
/// reference definition for `[text][ref]`), at the line and column `check` gives a link
/// to nothing written as a site path in the same place, not at the link's start.
#[test]
fn an_at_link_to_nothing_is_located_at_its_target_as_check_locates_links() {
    let site = TestSite::new("links-error-at-column");
    let (guide, list) = ("content/posts/linker.md:6:13:", "content/posts/linker.md:10:9:");
    let build = site.build(&[]);
    build.assert_clean_failure();
    assert!(assert_error_location(&build, "content/posts/linker.md", Some(6)).starts_with(guide), "{build}");
    assert!(assert_error_location(&build, "content/posts/linker.md", Some(10)).starts_with(list), "{build}");
    let root = site.root.to_string_lossy().to_string();
    // check goes on past them, and reports each once, in the build's words.
    let check = run_careerpress(["check", "--root", &root], site.dir());
    assert_eq!(check.code, Some(1), "{check}");
    for at in [guide, list] {
        assert!(check.stdout.contains(&format!("{at} error[broken-link]: link to @/posts/")), "{check}");
        assert_eq!(check.stdout.matches(at).count(), 1, "{check}");
    }
    // The same links as site paths: the build takes them, and check finds them there.
    let text = std::fs::read_to_string(site.path("content/posts/linker.md")).unwrap();
    let text = text.replace("@/posts/missing.md", "/posts/missing/").replace("@/posts/checklist.md", "/posts/list/");
    site.write("content/posts/linker.md", text);
    site.build_ok(&[]);
    let check = run_careerpress(["check", "--root", &root], site.dir());
    for at in [guide, list] {
        assert!(check.stdout.contains(&format!("{at} error[broken-link]")), "{check}");
    }
}

#[test]
fn a_relative_link_to_nothing_is_located() {
    let r = failed_build("links-error-relative");
    let line = assert_error_location(&r, "content/posts/linker.md", Some(8));
    assert!(line.starts_with("content/posts/linker.md:8:29:"), "{line}");
    assert!(line.contains("content/posts/chart.png"), "{line}");
    // The good relative link in the same file is not reported.
    assert!(!r.stderr.contains("fine.md"), "{r}");
}

#[test]
fn a_page_bundle_is_one_article_with_its_files_beside_it() {
    let site = TestSite::new("links-bundle");
    // A folder inside the bundle keeps its name, as Hugo and Zola published it: links to
    // it from an old site stay good.
    site.write("content/posts/my-post/Social_Cards/card.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.build_ok(&[]);
    let files = list_files(&site.out);
    for f in [
        "posts/my-post/index.html",
        "posts/my-post/chart.svg",
        "posts/my-post/files/Worksheet.txt",
        "posts/my-post/Social_Cards/card.svg",
    ] {
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

/// The one tag named `name` of a redirect page, which must have exactly one.
fn only_tag(html: &str, name: &str, attr: &str, value: &str) -> HtmlTag {
    let found: Vec<HtmlTag> =
        parse_tags(html).into_iter().filter(|t| t.name == name && t.attr(attr) == Some(value)).collect();
    assert_eq!(found.len(), 1, "<{name} {attr}={value:?}> in:\n{html}");
    found.into_iter().next().unwrap()
}

#[test]
fn aliases_write_redirect_pages_to_the_page() {
    let site = TestSite::new("links-aliases");
    let r = site.build_ok(&[]);
    // A slug with `&`: the target must be escaped in every attribute.
    let target = format!("{ALIASES_BASE}posts/q&a/");
    for rel in ["old/path/index.html", "2019/08/19/old-slug.html", "no-slash/index.html"] {
        let html = read_output(&site.out, rel);
        assert!(html.to_ascii_lowercase().starts_with("<!doctype html>"), "{rel}: {html}");
        assert!(html.contains("<meta charset=\"utf-8\">"), "{rel}: {html}");
        assert!(html.contains("<title>Salary “Talks” &amp; &lt;Offers&gt; · Aliases Fixture</title>"), "{html}");
        assert!(!html.contains("q&a/") && html.contains("q&amp;a/"), "{rel}: the URL is not escaped: {html}");
        assert_eq!(only_tag(&html, "link", "rel", "canonical").attr("href"), Some(target.as_str()), "{rel}");
        assert_eq!(only_tag(&html, "meta", "name", "robots").attr("content"), Some("noindex"), "{rel}");
        let refresh = only_tag(&html, "meta", "http-equiv", "refresh");
        assert_eq!(refresh.attr("content"), Some(format!("0; url={target}").as_str()), "{rel}");
        // People whose browser does not follow the refresh get a link.
        assert!(extract_links(&html).iter().any(|u| u == &target && u.ends_with('/')), "{rel}: {html}");
    }
    // Standalone pages and job listings have aliases too.
    let about = read_output(&site.out, "about-us.html");
    assert_eq!(only_tag(&about, "link", "rel", "canonical").attr("href"), Some(&*format!("{ALIASES_BASE}about/")));
    let job = read_output(&site.out, "jobs/2024/advisor/index.html");
    let job_url = format!("{ALIASES_BASE}jobs/advisor/");
    assert_eq!(only_tag(&job, "link", "rel", "canonical").attr("href"), Some(job_url.as_str()));
    check_links(&site.out, ALIASES_BASE).assert_ok();

    // So have sections: a redirect to the list page.
    for rel in ["blog/index.html", "articles/index.html"] {
        let html = read_output(&site.out, rel);
        let posts = format!("{ALIASES_BASE}posts/");
        assert_eq!(only_tag(&html, "link", "rel", "canonical").attr("href"), Some(posts.as_str()), "{rel}");
        assert!(html.contains("<title>Career posts · Aliases Fixture</title>"), "{rel}: {html}");
    }

    // site.toml's `[redirects]`: to another site, or to a page here, the URL escaped.
    for (rel, target) in
        [("moved-blog/index.html", "https://newblog.example/start?from=old&to=new"), ("old-faq.html", target.as_str())]
    {
        let html = read_output(&site.out, rel);
        assert_eq!(only_tag(&html, "link", "rel", "canonical").attr("href"), Some(target), "{rel}");
        let refresh = only_tag(&html, "meta", "http-equiv", "refresh");
        assert_eq!(refresh.attr("content"), Some(format!("0; url={target}").as_str()), "{rel}");
    }
    let moved = read_output(&site.out, "moved-blog/index.html");
    assert!(moved.contains("from=old&amp;to=new") && !moved.contains("from=old&to=new"), "escaped: {moved}");
    // Named by the page it leads to, when that is a page of the site; by its URL otherwise.
    let faq = read_output(&site.out, "old-faq.html");
    assert!(faq.contains("<title>Salary ") && faq.contains("&lt;Offers&gt; · Aliases Fixture</title>"), "{faq}");
    assert!(
        moved.contains("<title>https://newblog.example/start?from=old&amp;to=new · Aliases Fixture</title>"),
        "{moved}"
    );

    // Aliases are only files: no listing, page or navigation links to them.
    let redirects = ["old/path/index.html", "2019/08/19/old-slug.html", "no-slash/index.html", "about-us.html"];
    let redirects = redirects.into_iter().chain(["moved-blog/index.html", "old-faq.html"]).collect::<Vec<_>>();
    let sections = ["blog/index.html", "articles/index.html"];
    let redirects = redirects.into_iter().chain(["jobs/2024/advisor/index.html"]).chain(sections).collect::<Vec<_>>();
    for page in list_html_files(&site.out) {
        if redirects.contains(&page.as_str()) {
            continue;
        }
        let html = read_output(&site.out, &page);
        for old in ["old/path", "old-slug", "no-slash", "about-us", "2024/advisor", "moved-blog", "old-faq"] {
            assert!(!html.contains(old), "{page} mentions the alias {old}");
        }
    }
    let (listing, _) = section_listing(&format!("{ALIASES_BASE}posts/"), ALIASES_BASE, &site.out);
    assert_eq!(listing, [target, format!("{ALIASES_BASE}posts/staying/")]);
    // Redirect pages are rendered HTML, counted like every other page.
    assert!(r.stdout.starts_with(&format!("Built {} pages, ", list_html_files(&site.out).len())), "{r}");
}

#[test]
fn an_alias_that_is_not_a_site_path_is_located() {
    let r = failed_build("links-error-alias-invalid");
    let line = assert_error_location(&r, "content/posts/moved.md", Some(6));
    assert!(line.starts_with("content/posts/moved.md:6:5:"), "{line}");
    assert!(line.contains("https://old.example.org/moved/"), "{line}");
}

#[test]
fn a_redirect_to_nowhere_usable_or_on_a_page_of_the_site_is_located_in_site_toml() {
    let r = TestSite::failing("links-error-redirects");
    let line = assert_error_location(&r, "site.toml", Some(7));
    assert!(line.starts_with("site.toml:7:1:") && line.contains("\"javascript:alert(1)\""), "{line}");
    let r = TestSite::failing("links-error-redirect-taken");
    let line = assert_error_location(&r, "site.toml", Some(6));
    assert!(line.contains("redirect \"/posts/kept/\"") && line.contains("content/posts/kept.md"), "{line}");
}

#[test]
fn a_menu_names_the_headers_links_in_its_order() {
    let site = TestSite::new("site-menu");
    site.build_ok(&[]);
    let base = "https://menu.example.org/";
    for page in ["index.html", "about/index.html", "posts/first/index.html"] {
        let html = read_output(&site.out, page);
        let start = html.find("<nav aria-label=\"Main\">").unwrap_or_else(|| panic!("{page}: {html}"));
        let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
        let links: Vec<String> = extract_links(nav);
        assert_eq!(
            links,
            [format!("{base}posts/"), "https://letters.example.org/?from=menu&x=1".to_string()],
            "{page}"
        );
        assert!(nav.contains(">Guides &amp; &lt;Tips&gt;</a>") && nav.contains("from=menu&amp;x=1"), "{page}: {nav}");
        assert!(!nav.contains("privacy") && !nav.contains("follow-up"), "{page}: only the menu: {nav}");
    }
    let r = TestSite::failing("site-menu-error");
    let line = assert_error_location(&r, "site.toml", Some(9));
    assert!(
        line.starts_with("site.toml:9:1:") && line.contains("`menu` entry 2") && line.contains("javascript:"),
        "{line}"
    );
}

#[test]
fn two_aliases_on_one_old_url_name_both_files() {
    let r = failed_build("links-error-alias-twice");
    // `/old` and `/old/` are one redirect page: old/index.html.
    let line = assert_error_location(&r, "content/posts/second.md", Some(6));
    assert!(line.contains("content/posts/first.md:4"), "{line}");
}

#[test]
fn an_alias_on_a_page_or_generated_url_names_its_owner() {
    let r = failed_build("links-error-alias-taken");
    let line = assert_error_location(&r, "content/posts/second.md", Some(4));
    assert!(line.contains("\"/posts/first/\"") && line.contains("content/posts/first.md"), "{line}");
    assert!(r.stderr.contains("\"/follow-up-calculator\""), "the calculator's URL is taken too:\n{r}");
    assert!(r.stderr.contains("\"/sitemap.xml\""), "sitemap.xml is reserved:\n{r}");
}
