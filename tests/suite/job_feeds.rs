//! The job board's feeds end to end: the real binary builds `tests/fixtures/job-feeds` on a
//! fixed date (one open listing with every field, one open remote listing, one closed), and
//! the tests read `jobs/jobs.xml` (Indeed's format) with a strict XML parser, `jobs/jobs.json`
//! (JSON Feed 1.1) with serde_json and `jobs/atom.xml` as Atom.

use crate::common::{json_ld_blocks, parse_tags, read_output, url_to_output_file, TestSite};
use roxmltree::{Document, Node};
use serde_json::Value;

/// 2025-06-01T00:00:00Z: the designer listing (valid through 2025-03-01) is closed.
const JUNE_2025: &str = "1748736000";
/// 2025-02-15T00:00:00Z: the designer listing is still open.
const FEB_2025: &str = "1739577600";
/// 2026-06-01T00:00:00Z: the advisor listing (valid through 2025-12-31) has closed too.
const JUNE_2026: &str = "1780272000";
const BASE: &str = "https://jobs.example.org/careers/";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const FEEDS: [&str; 3] = ["jobs/jobs.xml", "jobs/jobs.json", "jobs/atom.xml"];

/// What the fixture's authors wrote, markup characters and a CDATA end marker included.
const ADVISOR_TITLE: &str = "Advisor <Senior> & ]]> Lead";
const ADVISOR_COMPANY: &str = "Northwind & Co <Ltd> ]]>";
const ADVISOR_HTML: &str =
    "<p>Advise students on <strong>interviews</strong> &amp; offers: 1 &lt; 2.</p>\n<!-- kept as written: ]]> -->\n";

fn built(epoch: &str) -> TestSite {
    let site = TestSite::new("job-feeds");
    site.build_dated(epoch, &[]).assert_success();
    site
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

fn parse(xml: &str) -> Document<'_> {
    Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"))
}

/// The text of `node`'s child element `name` (Indeed's have no namespace, Atom's share
/// one), CDATA sections joined; None when there is no such child.
fn field(node: Node<'_, '_>, name: &str) -> Option<String> {
    Some(child_of(node, name)?.children().filter_map(|t| t.text()).collect())
}

fn child_of<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

fn text(node: Node<'_, '_>, name: &str) -> String {
    field(node, name).unwrap_or_else(|| panic!("<{}> has no <{name}>", node.tag_name().name()))
}

fn indeed_jobs<'a>(doc: &'a Document<'a>) -> Vec<Node<'a, 'a>> {
    let source = doc.root_element();
    assert!(source.has_tag_name("source"), "the root is Indeed's <source>");
    source.children().filter(|c| c.has_tag_name("job")).collect()
}

fn json(site: &TestSite) -> Value {
    let text = read_output(&site.out, "jobs/jobs.json");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

fn atom_entries<'a>(doc: &'a Document<'a>) -> Vec<Node<'a, 'a>> {
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM_NS, "feed")), "the root is an Atom <feed>");
    feed.children().filter(|c| c.has_tag_name((ATOM_NS, "entry"))).collect()
}

fn atom_link(node: Node<'_, '_>, rel: &str) -> String {
    let l = node.children().find(|c| c.has_tag_name((ATOM_NS, "link")) && c.attribute("rel") == Some(rel));
    l.and_then(|l| l.attribute("href")).unwrap_or_else(|| panic!("no rel={rel} link")).to_string()
}

/// The one JobPosting block of a listing's page.
fn page_job_posting(site: &TestSite, slug: &str) -> Value {
    let mut blocks = json_ld_blocks(&read_output(&site.out, &format!("jobs/{slug}/index.html")));
    assert_eq!(blocks.len(), 1, "one JSON-LD block on jobs/{slug}/");
    blocks.remove(0)
}

#[test]
fn indeed_xml_carries_every_field_of_open_listings_newest_first() {
    let site = built(JUNE_2025);
    let xml = read_output(&site.out, "jobs/jobs.xml");
    let doc = parse(&xml);
    let source = doc.root_element();
    assert_eq!(text(source, "publisher"), "Feeds & <Co>");
    assert_eq!(text(source, "publisherurl"), BASE);
    assert_eq!(text(source, "lastBuildDate"), "2025-06-01T00:00:00Z", "the build date");
    let jobs = indeed_jobs(&doc);
    let urls: Vec<String> = jobs.iter().map(|j| text(*j, "url")).collect();
    assert_eq!(urls, [url("jobs/remote-recruiter/"), url("jobs/full-advisor/")]);

    let advisor = jobs[1];
    let expected = [
        ("title", ADVISOR_TITLE),
        ("date", "2025-01-10T00:00:00Z"),
        ("referencenumber", "jobs/full-advisor"),
        ("requisitionid", "NWU-4821"),
        ("company", ADVISOR_COMPANY),
        ("city", "Leeds"),
        ("state", "West Yorkshire"),
        ("country", "GB"),
        ("postalcode", "LS2 9JT"),
        ("streetaddress", "1 Woodhouse Lane"),
        // Indeed reads no character references: the text's are written as characters.
        ("description", &ADVISOR_HTML.replace("&amp; offers: 1 &lt; 2", "& offers: 1 < 2")),
        ("salary", "32000-38000 GBP per year"),
        ("jobtype", "fulltime"),
        ("expirationdate", "2025-12-31T23:59:59+00:00"),
        ("category", "interviewing, C&C <tag>"),
    ];
    for (name, value) in expected {
        assert_eq!(text(advisor, name), value, "<{name}>");
    }
    assert_eq!(field(advisor, "remotetype"), None, "an on-site role has no remote type");
    // Job content is CDATA, as Indeed asks: no entities, and `]]>` split across sections.
    assert!(xml.contains("<title><![CDATA[Advisor <Senior> & ]]]]><![CDATA[> Lead]]></title>"), "{xml}");

    let remote = jobs[0];
    assert_eq!(text(remote, "remotetype"), "Fully remote");
    assert_eq!(text(remote, "country"), "US", "open to one country: that country");
    assert_eq!(text(remote, "jobtype"), "contract");
    assert_eq!(text(remote, "requisitionid"), "jobs/remote-recruiter", "without requisition_id, the path");
    for absent in ["city", "state", "postalcode", "streetaddress", "salary", "expirationdate"] {
        assert_eq!(field(remote, absent), None, "<{absent}> of a remote role without one");
    }
}

#[test]
fn descriptions_read_elsewhere_leave_out_the_pages_heading_links() {
    let site = TestSite::new("job-feeds");
    let listing = std::fs::read_to_string(site.path("content/jobs/full-advisor.md")).unwrap();
    site.write("content/jobs/full-advisor.md", format!("{listing}\n## Duties & hours\n\nFull time.\n"));
    site.build_dated(JUNE_2025, &[]).assert_success();
    let page = read_output(&site.out, "jobs/full-advisor/index.html");
    assert!(page.contains("<a class=\"heading-anchor\" href=\"#duties-hours\""), "the page keeps its link");
    let posting = page_job_posting(&site, "full-advisor");
    let description = posting["description"].as_str().unwrap();
    let json = json(&site);
    let item = json["items"].as_array().unwrap().iter().find(|i| i["url"] == url("jobs/full-advisor/")).unwrap();
    let indeed = read_output(&site.out, "jobs/jobs.xml");
    let atom = read_output(&site.out, "jobs/atom.xml");
    for (what, text) in [("JSON-LD", description), ("JSON Feed", item["content_html"].as_str().unwrap())] {
        assert!(text.contains("<h2 id=\"duties-hours\">Duties &amp; hours</h2>"), "{what}: {text}");
    }
    assert!(indeed.contains("<h2 id=\"duties-hours\">Duties & hours</h2>"), "{indeed}");
    assert!(atom.contains("&lt;h2 id=&quot;duties-hours&quot;&gt;Duties &amp;amp; hours&lt;/h2&gt;"), "{atom}");
}

#[test]
fn json_feed_items_carry_the_pages_job_posting_data() {
    let site = built(JUNE_2025);
    let v = json(&site);
    assert_eq!(v["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(v["title"], "Feeds & <Co>: Open roles");
    assert_eq!(v["description"], "Roles open now, \"quoted\" & checked.");
    assert_eq!(v["home_page_url"], url("jobs/"));
    assert_eq!(v["feed_url"], url("jobs/jobs.json"));
    assert_eq!(v["language"], "en-GB");
    assert_eq!(v["authors"], serde_json::json!([{ "name": "Board Team" }]));
    let items = v["items"].as_array().expect("items");
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [url("jobs/remote-recruiter/"), url("jobs/full-advisor/")]);

    let advisor = &items[1];
    assert_eq!(advisor["url"], url("jobs/full-advisor/"));
    assert_eq!(advisor["title"], ADVISOR_TITLE);
    assert_eq!(advisor["content_html"], ADVISOR_HTML);
    assert_eq!(advisor["summary"], "Advise & support <students>; ]]> daily.");
    assert_eq!(advisor["external_url"], "https://northwind.example/apply?id=4821&src=feed");
    assert_eq!(advisor["date_published"], "2025-01-10T00:00:00Z");
    assert!(advisor.get("date_modified").is_none(), "listings have no modification date");
    assert_eq!(advisor["tags"], serde_json::json!(["interviewing", "C&C <tag>"]));
    // The extension is the very JobPosting the listing's page carries, not a second model.
    let posting = &advisor["_job_posting"];
    assert_eq!(*posting, page_job_posting(&site, "full-advisor"));
    assert_eq!(posting["title"], ADVISOR_TITLE);
    assert_eq!(posting["hiringOrganization"]["name"], ADVISOR_COMPANY);
    assert_eq!(posting["hiringOrganization"]["logo"], url("northwind.png"));
    assert_eq!(posting["identifier"]["value"], "NWU-4821");
    assert_eq!(posting["validThrough"], "2025-12-31T23:59:59+00:00");
    assert_eq!(posting["jobLocation"]["address"]["streetAddress"], "1 Woodhouse Lane");
    assert_eq!(posting["baseSalary"]["value"]["minValue"], 32000);

    let remote = &items[0];
    assert!(remote.get("summary").is_none(), "no description, no summary");
    assert_eq!(remote["_job_posting"]["jobLocationType"], "TELECOMMUTE");
    assert_eq!(remote["_job_posting"], page_job_posting(&site, "remote-recruiter"));
}

#[test]
fn atom_feed_announces_new_listings_to_readers() {
    let site = built(JUNE_2025);
    let xml = read_output(&site.out, "jobs/atom.xml");
    let doc = parse(&xml);
    let entries = atom_entries(&doc);
    let feed = doc.root_element();
    assert_eq!(text(feed, "id"), url("jobs/atom.xml"));
    assert_eq!(text(feed, "title"), "Feeds & <Co>: Open roles");
    assert_eq!(text(feed, "updated"), "2025-02-01T00:00:00Z", "the newest listing's date");
    assert_eq!(atom_link(feed, "self"), url("jobs/atom.xml"));
    assert_eq!(atom_link(feed, "alternate"), url("jobs/"));
    assert_eq!(text(child_of(feed, "author").expect("a feed author"), "name"), "Board Team");
    let ids: Vec<String> = entries.iter().map(|e| text(*e, "id")).collect();
    assert_eq!(ids, [url("jobs/remote-recruiter/"), url("jobs/full-advisor/")]);
    let advisor = entries[1];
    assert_eq!(text(advisor, "title"), format!("{ADVISOR_TITLE} at {ADVISOR_COMPANY}"));
    assert_eq!(text(advisor, "published"), "2025-01-10T00:00:00Z");
    assert_eq!(text(advisor, "summary"), "Advise & support <students>; ]]> daily.");
    assert_eq!(text(advisor, "content"), ADVISOR_HTML);
    let terms: Vec<_> = advisor.children().filter_map(|c| c.attribute("term")).collect();
    assert_eq!(terms, ["interviewing", "C&C <tag>"]);
    // Without a description, the summary is what the listing's card says.
    assert_eq!(text(entries[0], "summary"), "Remote Recruiter at Hollow Pine, Remote (United States)");
}

#[test]
fn closed_listings_are_in_no_feed_and_open_ones_in_all() {
    let june = built(JUNE_2025);
    let february = built(FEB_2025);
    for feed in FEEDS {
        let closed = read_output(&june.out, feed);
        assert!(!closed.contains("closed-designer"), "{feed} lists the closed listing:\n{closed}");
        assert!(!closed.contains("Product Designer"), "{feed} names the closed listing");
        // The same listing before it closed: the feeds do follow the build date.
        let open = read_output(&february.out, feed);
        assert!(open.contains(&url("jobs/closed-designer/")), "{feed} misses the listing while open:\n{open}");
    }
    let ids: Vec<String> =
        json(&february)["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, [url("jobs/remote-recruiter/"), url("jobs/closed-designer/"), url("jobs/full-advisor/")]);
}

#[test]
fn every_url_in_the_feeds_is_absolute_on_base_url() {
    let site = built(JUNE_2025);
    let under_base = |u: &str, what: &str| assert!(u.starts_with(BASE), "{what}: {u} is not under {BASE}");
    let xml = read_output(&site.out, "jobs/jobs.xml");
    let doc = parse(&xml);
    under_base(&text(doc.root_element(), "publisherurl"), "publisherurl");
    for job in indeed_jobs(&doc) {
        under_base(&text(job, "url"), "<url>");
    }
    let v = json(&site);
    under_base(v["home_page_url"].as_str().unwrap(), "home_page_url");
    under_base(v["feed_url"].as_str().unwrap(), "feed_url");
    for item in v["items"].as_array().unwrap() {
        for key in ["id", "url"] {
            under_base(item[key].as_str().unwrap(), key);
        }
        under_base(item["_job_posting"]["url"].as_str().unwrap(), "JobPosting url");
    }
    let atom = read_output(&site.out, "jobs/atom.xml");
    for node in parse(&atom).descendants() {
        for value in node.attributes().filter(|a| ["href", "base"].contains(&a.name())).map(|a| a.value()) {
            under_base(value, "Atom link");
        }
    }
}

#[test]
fn the_job_board_links_its_feeds_as_alternates() {
    let site = built(JUNE_2025);
    let html = read_output(&site.out, "jobs/index.html");
    let alternates: Vec<(String, String)> = parse_tags(&html)
        .into_iter()
        .filter(|t| t.name == "link" && t.has_token("rel", "alternate"))
        .filter(|t| t.attr("href").is_some_and(|h| h.starts_with(&url("jobs/"))))
        .map(|t| (t.attr("type").unwrap_or_default().to_string(), t.attr("href").unwrap().to_string()))
        .collect();
    let expected = [
        ("application/atom+xml", "jobs/atom.xml"),
        ("application/feed+json", "jobs/jobs.json"),
        ("application/xml", "jobs/jobs.xml"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(t, p)| (t.to_string(), url(p))).collect();
    assert_eq!(alternates, expected);
    for (_, href) in &alternates {
        let file = url_to_output_file(href, BASE, &site.out).unwrap();
        assert!(file.is_file(), "{href} is not published");
    }
    // A listing's own page does not carry them: they belong to the board.
    let page = read_output(&site.out, "jobs/full-advisor/index.html");
    assert!(!page.contains("jobs/jobs.xml"), "a listing page links the board's feeds");
}

#[test]
fn a_board_with_nothing_open_still_publishes_empty_feeds() {
    let site = TestSite::new("job-feeds");
    std::fs::remove_file(site.path("content/jobs/remote-recruiter.md")).unwrap();
    site.build_dated(JUNE_2026, &[]).assert_success();
    let xml = read_output(&site.out, "jobs/jobs.xml");
    assert!(indeed_jobs(&parse(&xml)).is_empty(), "{xml}");
    assert_eq!(json(&site)["items"], serde_json::json!([]));
    let atom = read_output(&site.out, "jobs/atom.xml");
    let doc = parse(&atom);
    assert!(atom_entries(&doc).is_empty(), "{atom}");
    assert_eq!(text(doc.root_element(), "updated"), "2026-06-01T00:00:00Z", "no listing: the build date");
}

#[test]
fn job_feeds_are_the_same_bytes_on_every_build() {
    let first = built(JUNE_2025);
    let second = built(JUNE_2025);
    for feed in FEEDS {
        assert_eq!(read_output(&first.out, feed), read_output(&second.out, feed), "{feed}");
    }
}

#[test]
fn articles_may_link_the_job_feeds_as_written_urls() {
    // The fixture's article links `../../jobs/atom.xml` from /posts/roles-by-feed/: a
    // relative URL the build accepts only when it knows the site publishes that file.
    let site = built(JUNE_2025);
    let html = read_output(&site.out, "posts/roles-by-feed/index.html");
    let links = crate::common::extract_links(&html);
    for feed in ["jobs/atom.xml", "jobs/jobs.xml"] {
        assert!(links.contains(&url(feed)), "{feed} not linked: {links:#?}");
    }
}

#[test]
fn a_hybrid_role_at_two_offices_is_one_indeed_job_per_office() {
    let site = TestSite::new("job-feeds");
    site.write(
        "content/jobs/two-offices.md",
        "---\ntitle: Placement Officer\ncompany: Contoso\nemployment_type: FULL_TIME\ndate_posted: 2025-05-01\n\
         apply_url: https://contoso.example/apply\nremote: hybrid\n\
         locations:\n  - { city: Lyon, postal_code: \"69002\", country: fr }\n  - { city: Manchester, country: gb }\n---\nEither office.\n",
    );
    site.build_dated(JUNE_2025, &[]).assert_success();
    let xml = read_output(&site.out, "jobs/jobs.xml");
    let doc = parse(&xml);
    let offices: Vec<Node<'_, '_>> =
        indeed_jobs(&doc).into_iter().filter(|j| text(*j, "url") == url("jobs/two-offices/")).collect();
    let seen: Vec<(String, String, String)> =
        offices.iter().map(|j| (text(*j, "referencenumber"), text(*j, "city"), text(*j, "country"))).collect();
    assert_eq!(
        seen,
        [
            ("jobs/two-offices".to_string(), "Lyon".to_string(), "FR".to_string()),
            ("jobs/two-offices-2".to_string(), "Manchester".to_string(), "GB".to_string()),
        ]
    );
    assert!(offices.iter().all(|j| text(*j, "remotetype") == "Hybrid remote"));
    // JSON Feed and Atom have one item per listing, whatever its offices.
    let items = json(&site)["items"].as_array().unwrap().clone();
    assert_eq!(items.iter().filter(|i| i["url"] == url("jobs/two-offices/")).count(), 1);
    assert_eq!(items[0]["_job_posting"]["jobLocation"].as_array().map(Vec::len), Some(2));
}

/// A board on a domain name outside ASCII: the JobPosting, on a listing's page and in
/// jobs.json, names the listing and its logo as the feeds name URLs, with the host in
/// Punycode and the path percent-encoded, so that a crawler reading either finds one URL
/// for one listing. The page's canonical link keeps the name people read.
#[test]
fn a_host_outside_ascii_is_punycode_in_the_job_posting_as_in_the_feeds() {
    let site = TestSite::new("jobs-idn");
    site.build_dated(JUNE_2025, &[]).assert_success();
    let base = "https://xn--karrire-6xa.example/";
    let bookseller = page_job_posting(&site, "buchhändler");
    assert_eq!(bookseller["url"], format!("{base}jobs/buchh%C3%A4ndler/"));
    assert_eq!(bookseller["hiringOrganization"]["logo"], format!("{base}logos/verlag.svg"));
    let editor = page_job_posting(&site, "lektor");
    assert_eq!(editor["url"], format!("{base}jobs/lektor/"));
    // A logo on another host outside ASCII is written as DNS has it too.
    assert_eq!(editor["hiringOrganization"]["logo"], "https://xn--bcherei-n2a.example/logo.svg");
    let feed = json(&site);
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{feed:#}");
    for (item, posting) in items.iter().zip([&editor, &bookseller]) {
        assert_eq!(item["_job_posting"], *posting);
        assert_eq!(item["url"], posting["url"], "the feed's url for the listing is the JobPosting's");
    }
    let page = read_output(&site.out, "jobs/buchhändler/index.html");
    let canonical = "<link rel=\"canonical\" href=\"https://karrière.example/jobs/buchhändler/\">";
    assert!(page.contains(canonical), "{page}");
}
