//! Tags, related reading, summaries, tables of contents and scheduled posts, end to end:
//! the real binary on `tests/fixtures/publish-tags` with the build date fixed at
//! 2025-06-01. The fixture has tags in three scripts, two spellings of one tag, a draft
//! and a post scheduled for 2999.

use crate::common::server::DevServer;
use crate::common::{
    careerpress_bin, check_links, list_files, listed_links, parse_tags, read_output, RunResult, TestSite,
};
use std::time::Duration;

const BASE: &str = "https://tags.example.org/";
/// 2025-06-01T00:00:00Z.
const JUNE_2025: &str = "1748736000";

fn built(extra: &[&str]) -> (TestSite, RunResult) {
    let site = TestSite::new("publish-tags");
    let r = site.build_dated(JUNE_2025, extra);
    r.assert_success();
    (site, r)
}

/// The tag index as (name, permalink, count text) rows.
fn tag_index(site: &TestSite) -> Vec<(String, String, String)> {
    let html = read_output(&site.out, "tags/index.html");
    let list = html.split("<ul class=\"tag-index\">").nth(1).and_then(|r| r.split("</ul>").next()).unwrap();
    list.split("<li>")
        .skip(1)
        .map(|li| {
            let href = li.split("href=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
            let name = li.split("\">").nth(1).unwrap().split("</a>").next().unwrap().to_string();
            let count = li.split("class=\"count\">").nth(1).unwrap().split("</span>").next().unwrap().to_string();
            (name, href, count)
        })
        .collect()
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

#[test]
fn every_tag_gets_a_page_in_any_script_and_spellings_are_merged_with_a_warning() {
    let (site, r) = built(&[]);
    let rows = tag_index(&site);
    let expected = [
        ("Entrevue d&#39;embauche", "tags/entrevue-d-embauche/", "1 article"),
        ("Interviewing", "tags/interviewing/", "2 articles"),
        ("Salary", "tags/salary/", "3 articles"),
        ("面接", "tags/面接/", "1 article"),
    ];
    let expected: Vec<_> = expected.iter().map(|(n, p, c)| (n.to_string(), url(p), c.to_string())).collect();
    assert_eq!(rows, expected);
    for (_, permalink, _) in &rows {
        let file = format!("{}index.html", permalink.strip_prefix(BASE).unwrap());
        assert!(site.out.join(&file).is_file(), "{file}");
    }
    // Two spellings of one tag: one page, and a warning naming the file with the other.
    let warning = r.stderr.lines().find(|l| l.contains("is merged with")).unwrap_or_else(|| panic!("{r}"));
    assert!(warning.contains("content/posts/bravo.md") && warning.contains("\"interviewing\""), "{warning}");
    assert!(warning.contains("/tags/interviewing/"), "{warning}");
    // A tag that makes no URL is left out, with a warning naming its file.
    let dropped = r.stderr.lines().find(|l| l.contains("\"!!!\"")).unwrap_or_else(|| panic!("{r}"));
    assert!(
        dropped.starts_with("warning: content/posts/charlie.md") && dropped.contains("no letter or digit"),
        "{dropped}"
    );
    check_links(&site.out, BASE).assert_ok();
}

#[test]
fn a_tag_page_lists_its_articles_newest_first_paginated() {
    let (site, _) = built(&[]);
    let page1 = read_output(&site.out, "tags/salary/index.html");
    let page2 = read_output(&site.out, "tags/salary/page/2/index.html");
    assert_eq!(listed_links(&page1), [url("posts/alpha/"), url("posts/charlie/")]);
    assert_eq!(listed_links(&page2), [url("posts/delta/")]);
    assert!(page1.contains("<h1>Salary</h1>"), "{page1}");
    // The chips on an article link to their tag pages.
    let alpha = read_output(&site.out, "posts/alpha/index.html");
    let chips = alpha.split("<ul class=\"tags\"").nth(1).unwrap().split("</ul>").next().unwrap();
    assert!(chips.contains(&format!("<a href=\"{}\">Interviewing</a>", url("tags/interviewing/"))), "{chips}");
    assert!(chips.contains(&format!("<a href=\"{}\">Salary</a>", url("tags/salary/"))), "{chips}");
}

/// Every output file's text, to look for a title anywhere in the site.
fn all_text(site: &TestSite) -> String {
    list_files(&site.out)
        .into_iter()
        .filter_map(|f| std::fs::read_to_string(site.out.join(f)).ok())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn drafts_and_scheduled_posts_appear_nowhere_without_their_flags() {
    let (site, _) = built(&[]);
    let files = list_files(&site.out);
    assert!(!files.iter().any(|f| f.contains("future") || f.contains("draft")), "{files:?}");
    // Their tags exist only through them.
    assert!(!files.iter().any(|f| f.starts_with("tags/launch/") || f.starts_with("tags/secret/")), "{files:?}");
    let text = all_text(&site);
    for title in ["Scheduled Echo", "Draft Foxtrot"] {
        assert!(!text.contains(title), "{title} leaked into the output");
    }
    assert_eq!(tag_index(&site)[1].2, "2 articles", "neither counts towards Interviewing");

    let (site, _) = built(&["--future", "--drafts"]);
    let files = list_files(&site.out);
    for f in ["posts/future/index.html", "posts/draft/index.html", "tags/launch/index.html", "tags/secret/index.html"] {
        assert!(files.contains(f), "{f} missing with --future --drafts: {files:?}");
    }
    assert_eq!(tag_index(&site)[1].2, "4 articles");
    let home = read_output(&site.out, "index.html");
    assert_eq!(listed_links(&home).first(), Some(&url("posts/future/")), "newest first");
}

#[test]
fn related_reading_prefers_shared_tags_then_recency() {
    let (site, _) = built(&[]);
    let related = |page: &str| -> Vec<String> {
        let html = read_output(&site.out, page);
        let Some(aside) = html.split("<aside class=\"related\"").nth(1) else { return Vec::new() };
        let aside = aside.split("</aside>").next().unwrap();
        parse_tags(aside).iter().filter(|t| t.name == "a").filter_map(|t| t.attr("href").map(str::to_string)).collect()
    };
    // Alpha shares Interviewing with Bravo and Salary with Charlie and Delta: newest first.
    assert_eq!(related("posts/alpha/index.html"), [url("posts/bravo/"), url("posts/charlie/"), url("posts/delta/")]);
    assert_eq!(related("posts/bravo/index.html"), [url("posts/alpha/")]);
    // Shown before the end of the article, never pointing at itself.
    assert!(!related("posts/delta/index.html").contains(&url("posts/delta/")));
}

#[test]
fn summaries_end_at_the_more_marker_and_long_articles_get_contents() {
    let (site, _) = built(&[]);
    let list = read_output(&site.out, "posts/page/2/index.html");
    assert!(list.contains("The part before the marker is the summary."), "{list}");
    assert!(!list.contains("Delta&#39;s description"), "the marker wins over the description: {list}");

    let delta = read_output(&site.out, "posts/delta/index.html");
    let toc = delta.split("<nav class=\"toc\"").nth(1).unwrap_or_else(|| panic!("no contents:\n{delta}"));
    let toc = toc.split("</nav>").next().unwrap();
    let targets: Vec<_> = parse_tags(toc).iter().filter_map(|t| t.attr("href").map(str::to_string)).collect();
    assert_eq!(targets, ["#one", "#two", "#three"]);
    assert!(delta.contains("<h3 id=\"three\">Three <a class=\"heading-anchor\" href=\"#three\""), "{delta}");
    // Two headings or none: no contents.
    assert!(!read_output(&site.out, "posts/alpha/index.html").contains("class=\"toc\""));
    check_links(&site.out, BASE).assert_ok();
}

#[test]
fn serve_shows_scheduled_posts_marked_as_scheduled() {
    let site = TestSite::new("publish-tags");
    let server = DevServer::start(&careerpress_bin(), &site.root, &[], Duration::from_secs(30));
    let post = server.get("/posts/future/");
    assert_eq!(post.status, 200, "{}", server.output());
    assert!(post.text().contains("class=\"scheduled\""), "{}", post.text());
    assert!(server.get("/posts/").text().contains("Scheduled"), "the list marks it too");
    // Drafts stay out of the preview unless asked for.
    assert_eq!(server.get("/posts/draft/").status, 404);
}
