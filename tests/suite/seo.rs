//! Link previews and structured data end to end: the real binary builds
//! `tests/fixtures/seo-social` (published under a sub-path, with a share image, an X handle
//! and a logo) and the tests read the OpenGraph and Twitter tags, the canonical link and
//! the JSON-LD back out of the pages, and the JSON-LD of `seo-idn`, a site on a host
//! outside ASCII; then the warning for a path-only base_url, and image errors located in
//! their files.

use crate::common::server::DevServer;
use crate::common::{
    assert_error_location, careerpress_bin, json_ld_blocks, list_html_files, meta_content, meta_contents, parse_tags,
    read_output, rel_links, RunResult, TestSite,
};
use careerpress::site::{BuildOptions, Site, Timings};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const BASE: &str = "https://seo.example.org/blog/";
/// The fixture article's title, as its author wrote it.
/// The fixture's title, `Ask "why" …`, as pages show it: quotes curled as the body curls
/// them (`typography::smart`), markup characters as written.
const TRICKY_TITLE: &str = "Ask “why” </script><script>alert(1)</script> & more";

fn built() -> TestSite {
    let site = TestSite::new("seo-social");
    site.build_ok(&[]);
    site
}

fn page(site: &TestSite, rel: &str) -> String {
    read_output(&site.out, rel)
}

/// Every string under a URL-valued key (`url`, `@id`, `item`) of a JSON-LD value.
fn urls_in(v: &Value, found: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("url" | "@id" | "item", Value::String(s)) => found.push(s.clone()),
                    _ => urls_in(v, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| urls_in(v, found)),
        _ => {}
    }
}

/// The page's JSON-LD blocks, by `@type`, after checking every URL in them is absolute.
fn json_ld_by_type(html: &str) -> Vec<(String, Value)> {
    let blocks = json_ld_blocks(html);
    let mut urls = Vec::new();
    blocks.iter().for_each(|b| urls_in(b, &mut urls));
    for url in &urls {
        assert!(url.starts_with(BASE), "JSON-LD URL {url:?} is not absolute under {BASE}");
    }
    blocks.into_iter().map(|b| (b["@type"].as_str().expect("every block has a @type").to_string(), b)).collect()
}

#[test]
fn an_article_has_opengraph_article_tags_twitter_card_and_canonical_link() {
    let site = built();
    let html = page(&site, "posts/escaping/index.html");
    let url = format!("{BASE}posts/escaping/");
    assert_eq!(rel_links(&html, "canonical"), std::slice::from_ref(&url));
    let description = "A description with </script> and <b>markup</b> & quotes “inside”.";
    let image = format!("{BASE}posts/cover.png");
    let expected = [
        ("description", description),
        ("og:type", "article"),
        ("og:title", TRICKY_TITLE),
        ("og:description", description),
        ("og:url", &url),
        ("og:site_name", "Compass & Co"),
        ("og:locale", "en_GB"),
        ("og:image", &image),
        ("og:image:width", "1200"),
        ("og:image:height", "630"),
        ("og:image:alt", "A desk with a notebook"),
        ("article:published_time", "2025-03-01"),
        ("article:modified_time", "2025-03-20T09:30:00+01:00"),
        ("twitter:card", "summary_large_image"),
        ("twitter:site", "@compass_co"),
        ("twitter:title", TRICKY_TITLE),
        ("twitter:description", description),
        ("twitter:image", &image),
        ("twitter:image:alt", "A desk with a notebook"),
    ];
    for (key, value) in expected {
        assert_eq!(meta_content(&html, key), value, "<meta> {key}");
    }
    assert_eq!(meta_contents(&html, "article:tag"), ["Interviewing", "salary"]);
    // The image named beside the article is published where og:image points.
    assert!(site.out.join("posts/cover.png").is_file());
}

#[test]
fn article_json_ld_round_trips_author_text_and_uses_absolute_urls() {
    let site = built();
    let html = page(&site, "posts/escaping/index.html");
    for body in json_ld_texts(&html) {
        assert!(!body.contains(['<', '>']), "markup characters left unescaped in JSON-LD: {body}");
    }
    let blocks = json_ld_by_type(&html);
    let types: Vec<&str> = blocks.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(types, ["BlogPosting", "BreadcrumbList"]);
    let post = &blocks[0].1;
    let url = format!("{BASE}posts/escaping/");
    assert_eq!(post["@context"], "https://schema.org/");
    assert_eq!(post["headline"], TRICKY_TITLE);
    assert_eq!(post["description"], "A description with </script> and <b>markup</b> & quotes “inside”.");
    assert_eq!(post["datePublished"], "2025-03-01");
    assert_eq!(post["dateModified"], "2025-03-20T09:30:00+01:00");
    assert_eq!(post["author"], json!({ "@type": "Person", "name": "Ana </script> Díaz" }));
    assert_eq!(
        post["publisher"],
        json!({ "@type": "Organization", "name": "Compass & Co", "logo": { "@type": "ImageObject", "url": format!("{BASE}logo.png") } })
    );
    assert_eq!(
        post["image"],
        json!({ "@type": "ImageObject", "url": format!("{BASE}posts/cover.png"), "width": 1200, "height": 630 })
    );
    assert_eq!(post["mainEntityOfPage"], json!({ "@type": "WebPage", "@id": url }));
    assert_eq!(post["keywords"], json!(["Interviewing", "salary"]));
    assert_eq!(post["inLanguage"], "en-GB");
    let crumbs = &blocks[1].1["itemListElement"];
    assert_eq!(
        crumbs,
        &json!([
            { "@type": "ListItem", "position": 1, "name": "Compass & Co", "item": BASE },
            { "@type": "ListItem", "position": 2, "name": "Advice", "item": format!("{BASE}posts/") },
            { "@type": "ListItem", "position": 3, "name": TRICKY_TITLE, "item": url },
        ])
    );
}

#[test]
fn an_article_without_image_or_description_shares_the_sites_image_and_its_first_paragraph() {
    let site = built();
    let html = page(&site, "guides/remote/plain/index.html");
    let summary = "The first paragraph stands in for a description.";
    assert_eq!(meta_content(&html, "description"), summary);
    assert_eq!(meta_content(&html, "og:description"), summary);
    assert_eq!(meta_content(&html, "og:image"), format!("{BASE}share.png"));
    assert_eq!(meta_content(&html, "og:image:alt"), "The Compass & Co logo");
    for absent in ["article:modified_time", "article:tag"] {
        assert!(meta_contents(&html, absent).is_empty(), "{absent} without `updated` or tags");
    }
    let blocks = json_ld_by_type(&html);
    let post = &blocks[0].1;
    assert_eq!(post["dateModified"], post["datePublished"], "never updated: modified when published");
    assert_eq!(post["author"]["name"], "Site Author");
    assert_eq!(post["image"]["url"], format!("{BASE}share.png"));
    assert!(post.get("keywords").is_none());
    // Nested sections each get their step, the folder without _index.md named after itself.
    let names: Vec<&str> =
        blocks[1].1["itemListElement"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Compass & Co", "Guides", "Remote", "Working remotely"]);
}

#[test]
fn other_pages_are_websites_and_only_the_home_page_describes_the_site() {
    let site = built();
    let home = page(&site, "index.html");
    assert_eq!(meta_content(&home, "og:type"), "website");
    assert_eq!(meta_content(&home, "description"), "The home page’s own description.");
    let blocks = json_ld_by_type(&home);
    assert_eq!(blocks.len(), 1, "{blocks:?}");
    assert_eq!(
        blocks[0],
        (
            "WebSite".to_string(),
            json!({ "@context": "https://schema.org/", "@type": "WebSite", "name": "Compass & Co", "url": BASE,
                    "description": "Career advice, previewed well.", "inLanguage": "en-GB" })
        )
    );
    let list = page(&site, "posts/index.html");
    assert_eq!(meta_content(&list, "description"), "Every article, newest first.");
    assert_eq!(meta_content(&list, "og:title"), "Advice");
    let about = page(&site, "about/index.html");
    assert_eq!(meta_content(&about, "og:type"), "website");
    assert_eq!(meta_content(&about, "description"), "Who we are.");
    for html in [&list, &about] {
        assert!(json_ld_blocks(html).is_empty());
        assert_eq!(meta_content(html, "twitter:card"), "summary_large_image", "the site's image is shared");
    }
    // The not-found page stands for no URL: no canonical link and no preview tags.
    let not_found = page(&site, "404.html");
    assert!(rel_links(&not_found, "canonical").is_empty() && meta_contents(&not_found, "og:url").is_empty());
}

#[test]
fn every_page_has_one_absolute_canonical_link_matching_og_url_and_one_description() {
    let site = built();
    let pages: Vec<String> = list_html_files(&site.out).into_iter().filter(|p| p != "404.html").collect();
    assert!(pages.len() >= 8, "{pages:?}");
    for rel in pages {
        let html = page(&site, &rel);
        let canonical = rel_links(&html, "canonical");
        let expected = format!("{BASE}{}", rel.trim_end_matches("index.html"));
        assert_eq!(canonical, std::slice::from_ref(&expected), "{rel}");
        assert_eq!(meta_content(&html, "og:url"), expected, "{rel}");
        let description = meta_content(&html, "description");
        assert!(!description.is_empty(), "{rel}");
        assert_eq!(meta_content(&html, "og:description"), description, "{rel}");
        assert_eq!(meta_content(&html, "twitter:description"), description, "{rel}");
        let metas = parse_tags(&html).into_iter().filter(|t| t.name == "meta").count();
        assert!(metas >= 12, "{rel} has only {metas} <meta> tags");
    }
}

/// The text of every `<script type="application/ld+json">` of a page, as written.
fn json_ld_texts(html: &str) -> Vec<&str> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(at, _)| {
            let body = &html[at + open.len()..];
            &body[..body.find("</script>").unwrap()]
        })
        .collect()
}

/// A site on a domain name outside ASCII, under a path outside ASCII
/// (`tests/fixtures/seo-idn`): every URL of its JSON-LD is written as its sitemap and
/// feeds write it, the host in Punycode and the path percent-encoded, so that a crawler
/// finds one URL for one article whichever of them it reads. Author text is still escaped
/// for `<script>`, and the canonical link keeps the name people read.
#[test]
fn json_ld_on_a_host_outside_ascii_writes_its_urls_as_the_sitemap_and_feeds_do() {
    let site = TestSite::new("seo-idn");
    site.build_ok(&[]);
    let base = "https://xn--bcher-kva.example/karri%C3%A8re/";
    let section = format!("{base}%E9%9D%A2%E6%8E%A5/");
    let article = format!("{section}gespr%C3%A4ch/");
    let html = page(&site, "面接/gespräch/index.html");
    for body in json_ld_texts(&html) {
        assert!(!body.contains(['<', '>']), "markup characters left unescaped in JSON-LD: {body}");
    }
    let blocks = json_ld_blocks(&html);
    assert_eq!(blocks.len(), 2, "{blocks:#?}");
    let post = &blocks[0];
    assert_eq!(post["@type"], "BlogPosting");
    assert_eq!(post["url"], article);
    assert_eq!(post["mainEntityOfPage"], json!({ "@type": "WebPage", "@id": article }));
    assert_eq!(post["image"]["url"], format!("{section}titelbild.png"));
    assert_eq!(post["publisher"]["logo"]["url"], "https://cdn.xn--bcher-kva.example/logo.png");
    let author = json!({ "@type": "Person", "name": "Ana </script> Díaz", "url": format!("{base}%C3%BCber-uns/") });
    assert_eq!(post["author"], author);
    let crumbs: Vec<&Value> = blocks[1]["itemListElement"].as_array().unwrap().iter().map(|i| &i["item"]).collect();
    assert_eq!(crumbs, [&json!(base), &json!(section), &json!(article)]);

    let home = json_ld_blocks(&page(&site, "index.html"));
    assert_eq!(home.len(), 1, "{home:#?}");
    assert_eq!((&home[0]["@type"], &home[0]["url"]), (&json!("WebSite"), &json!(base)));

    // The same spelling as the sitemap's and the Atom feed's for the same article.
    assert!(page(&site, "sitemap.xml").contains(&format!("<loc>{article}</loc>")));
    assert!(page(&site, "atom.xml").contains(&format!("<id>{article}</id>")));
    let canonical = "<link rel=\"canonical\" href=\"https://bücher.example/karrière/面接/gespräch/\">";
    assert!(html.contains(canonical), "{html}");
}

/// The warnings a successful build printed.
fn warnings(r: &RunResult) -> Vec<&str> {
    r.stderr.lines().filter(|l| l.starts_with("warning: ")).collect()
}

#[test]
fn a_path_base_url_warns_once_naming_what_will_be_relative_and_an_absolute_one_does_not() {
    let site = TestSite::new("seo-social");
    let r = site.build_ok(&[]);
    assert!(warnings(&r).is_empty(), "{r}");

    let r = site.build_ok(&["--base-url", "/"]);
    let w = warnings(&r);
    assert_eq!(w.len(), 1, "{r}");
    assert!(w[0].starts_with("warning: site.toml: --base-url \"/\" is a path"), "{r}");
    for named in ["canonical links", "og:url", "feed links", "sitemap entries", "JSON-LD", "job postings"] {
        assert!(w[0].contains(named), "the warning does not name {named}: {r}");
    }
    // Built as asked, all the same.
    assert_eq!(meta_content(&read_output(&site.out, "posts/escaping/index.html"), "og:url"), "/posts/escaping/");

    // Written in site.toml, the warning points at the line.
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", toml.replace("base_url = \"https://seo.example.org/blog/\"", "base_url = \"/careers\""));
    let r = site.build_ok(&[]);
    let w = warnings(&r);
    assert_eq!(w.len(), 1, "{r}");
    assert!(w[0].starts_with("warning: site.toml:4:1: `base_url` \"/careers/\" is a path"), "{r}");
}

#[test]
fn serve_prints_warnings_but_none_about_its_root_relative_links() {
    let site = TestSite::new("seo-social");
    // A second spelling of a tag: a warning serve must print, so that its silence about
    // base_url below means something.
    site.write("content/posts/merged.md", "---\ntitle: Merged\ndate: 2025-01-05\ntags: [interviewing]\n---\nText.\n");
    let server = DevServer::start(&careerpress_bin(), &site.root, &[], Duration::from_secs(20));
    assert!(server.wait_stderr("is merged with", Instant::now() + Duration::from_secs(10)), "{}", server.output());
    assert!(!server.stderr().contains("base_url") && !server.stderr().contains("is a path"), "{}", server.output());
    let html = server.get("/posts/escaping/").text();
    assert_eq!(meta_content(&html, "og:url"), "/posts/escaping/");
}

#[test]
fn the_preview_option_alone_silences_the_warning() {
    let site = TestSite::new("seo-social");
    let load = |preview| {
        let options = BuildOptions {
            root: site.root.clone(),
            base_url: Some("/".into()),
            drafts: false,
            future: false,
            today: chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            preview,
        };
        Site::load(&options, &mut Timings::default()).unwrap().warnings
    };
    assert_eq!(load(false).len(), 1);
    assert!(load(true).is_empty());
}

/// Builds an error fixture and compares the whole report with its reviewed snapshot.
fn failed(fixture: &str) -> RunResult {
    let r = TestSite::failing(fixture);
    insta::assert_snapshot!(fixture, r.stderr);
    r
}

#[test]
fn a_bad_image_size_is_located_at_its_line() {
    let r = failed("seo-error-image-size");
    let line = assert_error_location(&r, "content/posts/bad.md", Some(9));
    assert!(line.contains("`image.height`: -630 is not a positive whole number"), "{r}");
}

#[test]
fn an_image_that_is_not_beside_the_article_is_located_at_its_src() {
    let r = failed("seo-error-image-missing");
    let line = assert_error_location(&r, "content/posts/bad.md", Some(8));
    assert!(line.contains("no file content/posts/covr.png beside the article"), "{r}");
}

#[test]
fn a_site_share_image_the_site_does_not_publish_is_located_in_site_toml() {
    let r = failed("seo-error-social-image");
    let line = assert_error_location(&r, "site.toml", Some(7));
    assert!(line.contains("`social.image.src`: the site publishes no file at /shares.png"), "{r}");
}
