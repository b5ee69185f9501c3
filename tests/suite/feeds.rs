//! Atom feeds, the sitemap and robots.txt end to end: the real binary builds
//! `tests/fixtures/feeds` on a fixed date (a draft, a scheduled post and a closed listing
//! among its content), and the tests read the outputs back with a strict XML parser.

use crate::common::{read_output, url_to_output_file, TestSite};
use roxmltree::{Document, Node};
use std::collections::BTreeMap;

/// 2025-06-01T00:00:00Z: the post dated 2025-07-01 is scheduled, the designer listing
/// (valid through 2025-03-01) is closed.
const JUNE_2025: &str = "1748736000";
const BASE: &str = "https://feeds.example.org/careers/";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn built(extra: &[&str]) -> TestSite {
    let site = TestSite::new("feeds");
    site.build_dated(JUNE_2025, extra).assert_success();
    site
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

/// Parses XML, failing the test with the text when it is not well-formed.
fn parse(xml: &str) -> Document<'_> {
    Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"))
}

fn child<'a>(node: Node<'a, 'a>, name: &str) -> Node<'a, 'a> {
    node.children()
        .find(|c| c.has_tag_name((ATOM_NS, name)) || c.has_tag_name((SITEMAP_NS, name)))
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", node.tag_name().name()))
}

fn text(node: Node<'_, '_>, name: &str) -> String {
    child(node, name).text().unwrap_or_default().to_string()
}

/// `href` of the `<link>` with this `rel`.
fn link(node: Node<'_, '_>, rel: &str) -> String {
    let l = node.children().find(|c| c.has_tag_name((ATOM_NS, "link")) && c.attribute("rel") == Some(rel));
    l.and_then(|l| l.attribute("href")).unwrap_or_else(|| panic!("no rel={rel} link")).to_string()
}

fn entries<'a>(doc: &'a Document<'a>) -> Vec<Node<'a, 'a>> {
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM_NS, "feed")), "the root is an Atom <feed>");
    feed.children().filter(|c| c.has_tag_name((ATOM_NS, "entry"))).collect()
}

fn entry_ids(xml: &str) -> Vec<String> {
    let doc = parse(xml);
    entries(&doc).into_iter().map(|e| text(e, "id")).collect()
}

/// Every `<loc>` of a sitemap with its `<lastmod>`, in order.
fn sitemap(xml: &str) -> Vec<(String, Option<String>)> {
    let doc = parse(xml);
    let root = doc.root_element();
    assert!(root.has_tag_name((SITEMAP_NS, "urlset")), "the root is a sitemap <urlset>");
    root.children()
        .filter(Node::is_element)
        .map(|u| {
            assert!(u.has_tag_name((SITEMAP_NS, "url")));
            let lastmod = u.children().find(|c| c.has_tag_name((SITEMAP_NS, "lastmod")));
            (text(u, "loc"), lastmod.and_then(|l| l.text()).map(str::to_string))
        })
        .collect()
}

#[test]
fn a_site_author_given_as_a_profile_id_is_credited_by_name_and_page_in_every_feed() {
    let site = TestSite::new("feeds");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    let profile = "\n[authors.team]\nname = \"The Team & Co\"\nurl = \"/about/\"\n";
    site.write("site.toml", format!("{}{profile}", config.replace("author = \"Site Team\"", "author = \"team\"")));
    // With profiles, every author written must be one: the article's own becomes the team.
    let post = std::fs::read_to_string(site.path("content/posts/salary.md")).unwrap();
    site.write("content/posts/salary.md", post.replace("author: \"Ana & \\\"Bo\\\"\"", "author: team"));
    site.build_dated(JUNE_2025, &[]).assert_success();
    for feed in ["atom.xml", "jobs/atom.xml"] {
        let xml = read_output(&site.out, feed);
        let doc = parse(&xml);
        let author = child(doc.root_element(), "author");
        assert_eq!((text(author, "name"), text(author, "uri")), ("The Team & Co".into(), url("about/")), "{feed}");
    }
    let json: serde_json::Value = serde_json::from_str(&read_output(&site.out, "jobs/jobs.json")).unwrap();
    assert_eq!(json["authors"], serde_json::json!([{ "name": "The Team & Co", "url": url("about/") }]));
    // The theme's footer credits the profile's name too, not its id.
    let home = read_output(&site.out, "index.html");
    assert!(home.contains("&copy; The Team &amp; Co ·"), "{home}");
    assert!(!home.contains("&copy; team"), "{home}");
}

#[test]
fn an_update_written_as_a_later_day_reaches_the_feed_and_the_sitemap() {
    let site = TestSite::new("feeds");
    // Midnight UTC on the 11th comes before the article's date: the day begins in its zone.
    let post = std::fs::read_to_string(site.path("content/posts/morning.md")).unwrap();
    let post = post.replace("date: 2025-03-10 09:30:00 +0200", "date: 2025-03-10T22:00:00-05:00\nupdated: 2025-03-11");
    site.write("content/posts/morning.md", post);
    site.build_dated(JUNE_2025, &[]).assert_success();
    let xml = read_output(&site.out, "atom.xml");
    let doc = parse(&xml);
    let morning = entries(&doc).into_iter().find(|e| text(*e, "id") == url("posts/morning/")).expect("in the feed");
    assert_eq!(text(morning, "published"), "2025-03-10T22:00:00-05:00");
    assert_eq!(text(morning, "updated"), "2025-03-11T00:00:00-05:00");
    let urls = sitemap(&read_output(&site.out, "sitemap.xml"));
    let lastmod = urls.iter().find(|(loc, _)| *loc == url("posts/morning/")).and_then(|(_, m)| m.clone());
    assert_eq!(lastmod.as_deref(), Some("2025-03-11"));
}

#[test]
fn the_site_feed_carries_the_newest_articles_up_to_the_limit() {
    let site = built(&[]);
    let xml = read_output(&site.out, "atom.xml");
    let doc = parse(&xml);
    let feed = doc.root_element();
    assert_eq!(text(feed, "id"), url("atom.xml"));
    assert_eq!(text(feed, "title"), "Feeds & <Friends>");
    assert_eq!(text(feed, "subtitle"), "Advice, \"quoted\" & unquoted");
    assert_eq!(text(feed, "updated"), "2025-05-01T00:00:00Z");
    assert_eq!(link(feed, "self"), url("atom.xml"));
    assert_eq!(link(feed, "alternate"), BASE);
    assert_eq!(text(child(feed, "author"), "name"), "Site Team");
    // `[feeds] limit = 3`: the three newest of five published articles.
    let ids: Vec<String> = entries(&doc).iter().map(|e| text(*e, "id")).collect();
    assert_eq!(ids, [url("posts/newest/"), url("posts/offer/"), url("posts/morning/")]);
    let morning = entries(&doc)[2];
    assert_eq!(text(morning, "title"), "Morning interviews");
    assert_eq!(link(morning, "alternate"), url("posts/morning/"));
    assert_eq!(text(morning, "published"), "2025-03-10T09:30:00+02:00");
    assert_eq!(text(morning, "updated"), "2025-03-10T09:30:00+02:00");
    assert_eq!(text(morning, "summary"), "Arrive early.");
    assert_eq!(text(morning, "content"), "<p>Arrive early.</p>\n");
    assert_eq!(child(morning, "content").attribute("type"), Some("html"));
    // Every URL in the feed is absolute, on base_url.
    for node in doc.descendants() {
        for value in node.attributes().filter(|a| ["href", "base"].contains(&a.name())).map(|a| a.value()) {
            assert!(value.starts_with(BASE), "{value} is not under {BASE}");
        }
    }
}

#[test]
fn tag_feeds_escape_every_text_and_encode_unicode_urls() {
    let site = built(&[]);
    let xml = read_output(&site.out, "tags/面接/atom.xml");
    let doc = parse(&xml);
    let feed = doc.root_element();
    let tag_url = url("tags/%E9%9D%A2%E6%8E%A5/");
    assert_eq!(link(feed, "self"), format!("{tag_url}atom.xml"));
    assert_eq!(link(feed, "alternate"), tag_url);
    assert_eq!(text(feed, "title"), "Feeds & <Friends>: 面接");
    assert_eq!(text(feed, "updated"), "2025-03-10T09:30:00+02:00");
    assert!(!xml.contains("careers/tags/面接"), "a URL is not percent-encoded:\n{xml}");
    let list = entries(&doc);
    let ids: Vec<String> = list.iter().map(|e| text(*e, "id")).collect();
    assert_eq!(ids, [url("posts/morning/"), url("posts/salary/")]);
    // What the author wrote comes back exactly, markup characters included; quotes in the
    // title and summary are curled as the page shows them (`typography::smart`).
    // (Control characters, which XML cannot carry, are refused where they are written:
    // see author_text.rs; escape::xml_into drops them too, should one come from elsewhere.)
    let salary = list[1];
    assert_eq!(text(salary, "title"), "Salary < offers & “counter” ‘moves’");
    assert_eq!(text(child(salary, "author"), "name"), "Ana & \"Bo\"");
    assert_eq!(text(salary, "summary"), "Pay: 5 < 6 & “more”");
    assert_eq!(text(salary, "content"), "<p>Negotiate with <em>care</em> &amp; patience.</p>\n");
    let terms: Vec<_> = salary.children().filter_map(|c| c.attribute("term")).collect();
    assert_eq!(terms, ["面接", "Interviewing"]);
    // An entry without its own author takes the feed's: no <author> of its own.
    assert!(!list[0].children().any(|c| c.has_tag_name((ATOM_NS, "author"))));

    let xml = read_output(&site.out, "tags/interviewing/atom.xml");
    assert_eq!(entry_ids(&xml), [url("posts/newest/"), url("posts/follow-up/"), url("posts/salary/")]);
    let doc = parse(&xml);
    let follow_up = entries(&doc)[1];
    assert_eq!(text(follow_up, "published"), "2025-02-01T00:00:00Z");
    assert_eq!(text(follow_up, "updated"), "2025-03-01T00:00:00Z");
}

#[test]
fn the_sitemap_lists_canonical_pages_with_their_last_change() {
    let site = built(&[]);
    let urls = sitemap(&read_output(&site.out, "sitemap.xml"));
    let lastmod: BTreeMap<&str, Option<&str>> = urls.iter().map(|(l, m)| (l.as_str(), m.as_deref())).collect();
    assert_eq!(lastmod.len(), urls.len(), "a URL listed twice");
    let expected: Vec<(String, Option<&str>)> = [
        ("", Some("2025-05-01")),
        // Page 2 of the home page: the morning post (07:30 UTC on the 10th) and the
        // follow-up post (updated on the 1st).
        ("page/2/", Some("2025-03-10T09:30:00+02:00")),
        ("page/3/", Some("2025-01-10")),
        ("posts/", Some("2025-05-01")),
        ("posts/page/2/", Some("2025-03-10T09:30:00+02:00")),
        ("posts/page/3/", Some("2025-01-10")),
        ("about/", None),
        ("posts/follow-up/", Some("2025-03-01")),
        ("posts/morning/", Some("2025-03-10T09:30:00+02:00")),
        ("posts/newest/", Some("2025-05-01")),
        ("posts/offer/", Some("2025-04-01")),
        ("posts/salary/", Some("2025-01-10")),
        ("tags/", Some("2025-05-01")),
        ("tags/interviewing/", Some("2025-05-01")),
        // Tag pages hold `paginate_by` (2) articles each, as the theme lists them.
        ("tags/interviewing/page/2/", Some("2025-01-10")),
        ("tags/%E9%9D%A2%E6%8E%A5/", Some("2025-03-10T09:30:00+02:00")),
        ("follow-up-calculator/", None),
        ("jobs/", Some("2025-05-20")),
        // The board's filter pages, one for each value the open listing has.
        ("jobs/type/full-time/", Some("2025-05-20")),
        ("jobs/on-site/", Some("2025-05-20")),
        ("jobs/country/gb/", Some("2025-05-20")),
        ("jobs/open-coach/", Some("2025-05-20")),
    ]
    .into_iter()
    .map(|(p, m)| (url(p), m))
    .collect();
    let got: Vec<(String, Option<&str>)> = urls.iter().map(|(l, m)| (l.clone(), m.as_deref())).collect();
    assert_eq!(got, expected);
    // Every URL listed is a page the build wrote.
    for (loc, _) in &urls {
        let file = url_to_output_file(loc, BASE, &site.out).unwrap_or_else(|| panic!("{loc} is not under {BASE}"));
        assert!(file.is_file(), "{loc} is in the sitemap but {} was not written", file.display());
    }
    // Left out: the draft, the scheduled post, the closed listing and the alias redirect
    // (whose pages exist) and the 404 page.
    assert!(site.out.join("jobs/closed-designer/index.html").is_file());
    assert!(site.out.join("old-offers/index.html").is_file());
    for absent in ["draft", "scheduled", "closed-designer", "old-offers", "404"] {
        assert!(!urls.iter().any(|(l, _)| l.contains(absent)), "{absent} is in the sitemap");
    }
}

#[test]
fn drafts_and_scheduled_posts_come_back_when_asked_for() {
    let site = built(&["--drafts", "--future"]);
    assert_eq!(
        entry_ids(&read_output(&site.out, "atom.xml")),
        [url("posts/scheduled/"), url("posts/newest/"), url("posts/draft/")]
    );
    assert_eq!(
        entry_ids(&read_output(&site.out, "tags/interviewing/atom.xml")),
        [url("posts/scheduled/"), url("posts/newest/"), url("posts/draft/")]
    );
    let locs: Vec<String> = sitemap(&read_output(&site.out, "sitemap.xml")).into_iter().map(|(l, _)| l).collect();
    assert!(locs.contains(&url("posts/draft/")) && locs.contains(&url("posts/scheduled/")), "{locs:?}");
}

#[test]
fn every_page_links_the_site_feed() {
    let site = built(&[]);
    let link = format!(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Feeds &amp; &lt;Friends&gt;\" href=\"{BASE}atom.xml\">"
    );
    for page in ["index.html", "posts/morning/index.html", "jobs/index.html", "tags/面接/index.html"] {
        assert!(read_output(&site.out, page).contains(&link), "{page} does not link the feed");
    }
    // A tag's pages link its own feed too.
    let tag_link = format!(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Feeds &amp; &lt;Friends&gt;: 面接\" href=\"{BASE}tags/面接/atom.xml\">"
    );
    assert!(read_output(&site.out, "tags/面接/index.html").contains(&tag_link));
    assert!(read_output(&site.out, "tags/interviewing/page/2/index.html").contains("tags/interviewing/atom.xml"));
    assert!(!read_output(&site.out, "index.html").contains("tags/interviewing/atom.xml"));
}

#[test]
fn robots_txt_names_the_sitemap_unless_the_site_has_its_own() {
    let site = built(&[]);
    assert_eq!(
        read_output(&site.out, "robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n")
    );
    let own = "User-agent: *\nDisallow: /jobs/\n";
    site.write("static/robots.txt", own);
    site.build_dated(JUNE_2025, &[]).assert_success();
    assert_eq!(read_output(&site.out, "robots.txt"), own);
}

/// A site on a domain name outside ASCII: sitemaps and feeds take URIs, so its host is
/// written as IDNA writes it for DNS (Punycode), not percent-encoded as a path is, which
/// would name no host at all; the path is still percent-encoded. So is the JobPosting
/// object the JSON job feed shares with the listing's page, which crawlers read as they
/// read the feeds. Pages keep the name people read, in IDNA's lower case, as browsers
/// show it.
#[test]
fn a_host_outside_ascii_is_punycode_in_sitemaps_robots_txt_and_feeds() {
    let site = TestSite::new("feeds-idn");
    // Links the Markdown makes absolute, in an article and in a listing (whose body the
    // job feeds carry): the host must not come out percent-encoded from there either.
    let links = "\nSee [the board](/jobs/) and [this post](@/posts/interview.md).\n";
    for file in ["content/posts/interview.md", "content/jobs/bookseller.md"] {
        let text = std::fs::read_to_string(site.path(file)).unwrap();
        site.write(file, format!("{text}{links}"));
    }
    site.build_dated(JUNE_2025, &[]).assert_success();
    let base = "https://xn--bcher-kva.example/karri%C3%A8re/";
    for file in [
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "tags/面接/atom.xml",
        "jobs/jobs.xml",
        "jobs/jobs.json",
        "jobs/atom.xml",
    ] {
        let text = read_output(&site.out, file);
        assert!(text.contains(base), "{file} does not name {base}:\n{text}");
        for wrong in ["%C3%9C", "%C3%BC", "BÜCHER", "bücher"] {
            assert!(!text.contains(wrong), "{file} has {wrong}:\n{text}");
        }
    }
    assert!(read_output(&site.out, "robots.txt").contains(&format!("Sitemap: {base}sitemap.xml\n")));
    let locs: Vec<String> = sitemap(&read_output(&site.out, "sitemap.xml")).into_iter().map(|(loc, _)| loc).collect();
    assert!(locs.contains(&format!("{base}posts/interview/")), "{locs:#?}");
    assert!(locs.contains(&format!("{base}tags/%E9%9D%A2%E6%8E%A5/")), "{locs:#?}");
    let page = read_output(&site.out, "posts/interview/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://bücher.example/karrière/posts/interview/\">"),
        "{page}"
    );
    // Markdown percent-encodes a link's URL: the host is written in IDNA's form first.
    assert!(page.contains(&format!("<a href=\"{base}jobs/\">the board</a>")), "{page}");
    assert!(!page.contains("%C3%BC"), "{page}");
}
