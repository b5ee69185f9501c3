//! The job board's filter pages, its filter navigation, the script that combines filters and
//! the home page's open roles, end to end: the real binary builds `tests/fixtures/job-filters`
//! (four open listings, one closed, two a page) on a fixed date and the tests read it back.

use crate::common::{
    check_links, extract_links, listed_links, parse_tags, read_output, section_listing, RunResult, TestSite,
};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::{Command, Stdio};

/// 2025-06-01T00:00:00Z: `closed-remote`, the newest listing, closed on 2025-05-28; the rest are open.
const JUNE: &str = "1748736000";
const BASE: &str = "https://filters.example.org/";

fn built() -> TestSite {
    let site = TestSite::new("job-filters");
    site.build_dated(JUNE, &[]).assert_success();
    site
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

fn listing(slug: &str) -> String {
    url(&format!("jobs/{slug}/"))
}

/// Every filter page with the listings it shows over all its pages, newest first.
const FILTER_PAGES: [(&str, &[&str]); 13] = [
    ("jobs/type/full-time/", &["advisor-leeds"]),
    ("jobs/type/part-time/", &["remote-writer", "paris-coach"]),
    ("jobs/type/contractor/", &["remote-contractor"]),
    ("jobs/remote/", &["remote-writer", "remote-contractor"]),
    ("jobs/on-site/", &["paris-coach", "advisor-leeds"]),
    ("jobs/country/fr/", &["paris-coach"]),
    ("jobs/country/gb/", &["remote-writer", "remote-contractor", "advisor-leeds"]),
    ("jobs/country/us/", &["remote-writer", "remote-contractor"]),
    ("jobs/tag/careers-advice/", &["remote-writer", "advisor-leeds"]),
    ("jobs/tag/interviewing/", &["paris-coach", "advisor-leeds"]),
    ("jobs/tag/q-a-live/", &["paris-coach"]),
    ("jobs/tag/writing/", &["remote-writer"]),
    // The board itself, for the same checks.
    ("jobs/", &["remote-writer", "remote-contractor", "paris-coach", "advisor-leeds"]),
];

/// The filter links of a page: (href, label as shown, count, aria-current); not a group's
/// "All 15 tags", which has no count (`more_link`).
fn filter_links(html: &str) -> Vec<(String, String, usize, bool)> {
    let start = html.find("<nav class=\"job-filters\"").expect("no filter navigation");
    let end = html[start..].find("</nav>").map(|i| i + start).expect("unclosed filter navigation");
    let nav = &html[start..end];
    let mut links = Vec::new();
    for tag in parse_tags(nav).into_iter().filter(|t| t.name == "a") {
        let text_start = nav[tag.offset..].find('>').unwrap() + tag.offset + 1;
        let text_end = nav[text_start..].find("</a>").unwrap() + text_start;
        let text = &nav[text_start..text_end];
        let Some((label, count)) = text.split_once(" <span class=\"count\">(") else { continue };
        let count: usize = count.trim_end_matches(")</span>").parse().expect("a number");
        links.push((
            tag.attr("href").unwrap().to_string(),
            label.to_string(),
            count,
            tag.attr("aria-current").is_some(),
        ));
    }
    links
}

#[test]
fn each_filter_page_lists_exactly_its_open_listings() {
    let site = built();
    for (path, expected) in FILTER_PAGES {
        let (listed, _) = section_listing(&url(path), BASE, &site.out);
        let expected: Vec<String> = expected.iter().map(|s| listing(s)).collect();
        assert_eq!(listed, expected, "{path}");
    }
}

#[test]
fn no_filter_page_without_open_listings_and_none_for_the_closed_one() {
    let site = built();
    let pages: BTreeSet<String> = crate::common::list_html_files(&site.out)
        .into_iter()
        .filter(|rel| rel.starts_with("jobs/"))
        .filter(|rel| {
            !FILTER_PAGES.iter().any(|(_, slugs)| slugs.iter().any(|s| *rel == format!("jobs/{s}/index.html")))
        })
        .collect();
    let expected: BTreeSet<String> = FILTER_PAGES
        .iter()
        .map(|(path, _)| format!("{path}index.html"))
        .chain(
            ["jobs/closed-remote/index.html", "jobs/page/2/index.html", "jobs/country/gb/page/2/index.html"]
                .map(String::from),
        )
        .collect();
    assert_eq!(pages, expected, "no page for DE, `closed-only` or a type with no open role");
    for rel in crate::common::list_html_files(&site.out).into_iter().filter(|r| r != "jobs/closed-remote/index.html") {
        let html = read_output(&site.out, &rel);
        assert!(!html.contains("closed-remote"), "{rel} links the closed listing");
    }
}

#[test]
fn the_filter_navigation_counts_open_listings_and_marks_the_current_one() {
    let site = built();
    let board = read_output(&site.out, "jobs/index.html");
    let links = filter_links(&board);
    let counts: BTreeMap<&str, usize> = links.iter().map(|(href, _, n, _)| (&href[BASE.len()..], *n)).collect();
    let expected: BTreeMap<&str, usize> = FILTER_PAGES.iter().map(|(path, slugs)| (*path, slugs.len())).collect();
    assert_eq!(counts, expected, "one link per filter page and the board, each with its open listings");
    let labels: Vec<&str> = links.iter().map(|(_, label, _, _)| label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "All open roles",
            "Full-time",
            "Part-time",
            "Contract",
            "Remote",
            "On-site",
            "France",
            "United Kingdom",
            "United States",
            "Careers Advice",
            "interviewing",
            "Q&amp;A &lt;live&gt;",
            "writing"
        ],
        "grouped by type, workplace, country and tag; author text escaped"
    );
    let current: Vec<&str> = links.iter().filter(|l| l.3).map(|l| l.0.as_str()).collect();
    assert_eq!(current, [url("jobs/")], "the board is the current list");
    assert!(board.contains("<nav class=\"job-filters\" aria-label=\"Filter open roles\""));

    for page in ["jobs/type/part-time/index.html", "jobs/country/gb/page/2/index.html"] {
        let html = read_output(&site.out, page);
        let links = filter_links(&html);
        let current: Vec<&str> = links.iter().filter(|l| l.3).map(|l| l.0.as_str()).collect();
        let own = url(page.split("page/").next().unwrap().trim_end_matches("index.html"));
        assert_eq!(current, [own], "{page}");
        let counts: BTreeMap<&str, usize> = links.iter().map(|(href, _, n, _)| (&href[BASE.len()..], *n)).collect();
        assert_eq!(counts, expected, "{page}: the counts are the whole board's everywhere");
    }
}

#[test]
fn each_filter_page_has_its_own_title_and_canonical_url() {
    let site = built();
    let cases = [
        ("jobs/remote/", "Remote jobs", "Open remote roles on Filters fixture."),
        ("jobs/on-site/", "On-site jobs", "Open on-site roles on Filters fixture."),
        ("jobs/type/part-time/", "Part-time jobs", "Open part-time roles on Filters fixture."),
        (
            "jobs/country/gb/",
            "Jobs in United Kingdom",
            "Open roles in United Kingdom, and remote roles open to applicants there, on Filters fixture.",
        ),
        (
            "jobs/tag/q-a-live/",
            "Jobs tagged Q&amp;A &lt;live&gt;",
            "Open roles tagged Q&amp;A &lt;live&gt; on Filters fixture.",
        ),
    ];
    for (path, title, description) in cases {
        let html = read_output(&site.out, &format!("{path}index.html"));
        assert!(html.contains(&format!("<h1>{title}</h1>")), "{path}");
        assert!(html.contains(&format!("<title>{title} · Filters fixture</title>")), "{path}");
        assert!(html.contains(&format!("<meta name=\"description\" content=\"{description}\">")), "{path}");
        assert_eq!(crate::common::rel_links(&html, "canonical"), [url(path)], "{path}");
        assert!(!html.contains("Every role we know of."), "{path}: the board's introduction is the board's");
        assert!(!html.contains("<live>"), "{path}");
    }
    let board = read_output(&site.out, "jobs/index.html");
    assert!(board.contains("<h1>Open roles</h1>") && board.contains("Every role we know of."));
}

#[test]
fn a_filter_page_is_paginated_like_the_board() {
    let site = built();
    let (listed, pages) = section_listing(&url("jobs/country/gb/"), BASE, &site.out);
    assert_eq!(pages, [url("jobs/country/gb/"), url("jobs/country/gb/page/2/")], "two a page: {listed:?}");
    let second = read_output(&site.out, "jobs/country/gb/page/2/index.html");
    assert_eq!(listed_links(&second), [listing("advisor-leeds")]);
    assert_eq!(crate::common::rel_links(&second, "prev"), [url("jobs/country/gb/")]);
    assert_eq!(crate::common::rel_links(&second, "canonical"), [url("jobs/country/gb/page/2/")]);
    assert!(second.contains("<title>Jobs in United Kingdom, page 2 · Filters fixture</title>"));
}

#[test]
fn the_home_page_shows_the_newest_open_roles_and_never_a_closed_one() {
    let site = built();
    let home = read_output(&site.out, "index.html");
    let start = home.find("class=\"job-callout\"").expect("no open roles on the home page");
    let roles: Vec<String> =
        extract_links(&home[start..]).into_iter().filter(|l| l.starts_with(&url("jobs/"))).collect();
    assert_eq!(
        roles,
        [listing("remote-writer"), listing("remote-contractor"), listing("paris-coach"), url("jobs/")],
        "the three newest open roles, then the board"
    );
    assert_eq!(home.matches("class=\"job-callout\"").count(), 1);

    // Once every role has closed, the home page has none to show.
    for slug in ["advisor-leeds", "remote-writer", "paris-coach", "remote-contractor"] {
        let path = format!("content/jobs/{slug}.md");
        let text = std::fs::read_to_string(site.path(&path)).unwrap();
        site.write(&path, text.replace("apply_url:", "valid_through: 2025-05-30\napply_url:"));
    }
    site.build_dated(JUNE, &[]).assert_success();
    let home = read_output(&site.out, "index.html");
    assert!(!home.contains("job-callout"), "no open roles, no callout");
    let board = read_output(&site.out, "jobs/index.html");
    assert!(!board.contains("job-filters"), "no filters without open roles");
    assert!(!site.out.join("jobs/remote/index.html").exists(), "no filter page without open roles");
}

#[test]
fn only_the_home_pages_first_page_shows_the_roles() {
    let site = TestSite::new("job-filters");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("paginate_by = 1\n{config}"));
    site.write("content/posts/second.md", "---\ntitle: Second\ndate: 2025-05-03\ntags: [writing]\n---\nMore.\n");
    site.build_dated(JUNE, &[]).assert_success();
    assert!(read_output(&site.out, "index.html").contains("class=\"job-callout\""));
    let second = read_output(&site.out, "page/2/index.html");
    assert!(second.contains(&url("posts/hello/")) && !second.contains("job-callout"));
}

#[test]
fn the_home_page_roles_follow_the_sites_callout_setting_and_need_a_board() {
    let site = TestSite::new("job-filters");
    site.write(
        "site.toml",
        format!("{}\n[jobs]\ncallout = false\n", std::fs::read_to_string(site.path("site.toml")).unwrap()),
    );
    site.build_dated(JUNE, &[]).assert_success();
    assert!(!read_output(&site.out, "index.html").contains("job-callout"));

    let site = TestSite::new("publish-tags");
    site.build_dated(JUNE, &[]).assert_success();
    assert!(!read_output(&site.out, "index.html").contains("job-callout"), "a site without a job board");
}

#[test]
fn filter_pages_are_in_the_sitemap_and_every_link_resolves() {
    let site = built();
    let sitemap = read_output(&site.out, "sitemap.xml");
    for (path, _) in FILTER_PAGES {
        assert!(sitemap.contains(&format!("<loc>{}</loc>", url(path))), "{path} is not in the sitemap");
    }
    assert!(sitemap.contains(&format!("<loc>{}</loc>", url("jobs/country/gb/page/2/"))));
    assert!(!sitemap.contains("closed") && !sitemap.contains("country/de"));
    check_links(&site.out, BASE).assert_ok();
}

#[test]
fn filter_pages_live_under_the_boards_own_path() {
    let site = TestSite::new("job-filters");
    std::fs::rename(site.path("content/jobs"), site.path("content/careers")).unwrap();
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{config}\n[jobs]\nsection = \"careers\"\n"));
    site.build_dated(JUNE, &[]).assert_success();
    let (listed, _) = section_listing(&url("careers/remote/"), BASE, &site.out);
    assert_eq!(listed, [url("careers/remote-writer/"), url("careers/remote-contractor/")]);
    assert!(site.out.join("careers/type/part-time/index.html").is_file());
    assert!(!site.out.join("jobs").exists());
    check_links(&site.out, BASE).assert_ok();
}

#[test]
fn a_listing_on_a_filter_pages_url_is_an_error_naming_it() {
    let site = TestSite::new("job-filters");
    let text = std::fs::read_to_string(site.path("content/jobs/paris-coach.md")).unwrap();
    // Taken whether or not any role is remote today, so that a build never starts failing
    // because a listing opened.
    site.write("content/jobs/remote.md", text.replace("apply_url:", "valid_through: 2025-05-20\napply_url:"));
    let r: RunResult = site.build_dated(JUNE, &[]);
    r.assert_clean_failure();
    assert!(
        r.stderr
            .contains("content/jobs/remote.md: URL /jobs/remote/ is also produced by the job filter pages (generated)"),
        "{r}"
    );
}

/// A listing's tags name the board's tag filters by the articles' rule, and are warned
/// about as articles' are: one that makes no slug has no filter, and `C#` after `C++` of
/// the same listing is the same filter. Both were silent.
#[test]
fn a_listings_tags_without_a_filter_of_their_own_are_warned_about_where_written() {
    let site = TestSite::new("job-filters");
    let text = std::fs::read_to_string(site.path("content/jobs/advisor-leeds.md")).unwrap();
    site.write(
        "content/jobs/advisor-leeds.md",
        text.replace("tags: [interviewing, Careers Advice]", "tags: [interviewing, \"!!!\", C++, C#]"),
    );
    let r: RunResult = site.build_dated(JUNE, &[]);
    r.assert_success();
    let check = crate::common::run_careerpress(["check", "--root", site.root.to_str().unwrap()], site.dir());
    for expected in [
        "content/jobs/advisor-leeds.md:7:22: warning[build-warning]: tag \"!!!\" has no letter or digit, so it gets no filter page",
        "content/jobs/advisor-leeds.md:7:34: warning[build-warning]: tag \"C#\" is merged with \"C++\" of the same listing",
    ] {
        assert!(check.stdout.contains(expected), "{expected}\n{check}");
    }
}

/// An alias under a filter folder was written until a role opened there, and then broke
/// the build at an article nobody had touched. It is refused from the start, at the alias.
#[test]
fn an_alias_on_a_filter_folder_is_an_error_whatever_is_open() {
    let site = TestSite::new("job-filters");
    let text = std::fs::read_to_string(site.path("content/posts/hello.md")).unwrap();
    // No listing is for volunteers, and the hybrid folder has no page today.
    let aliased = text.replace("tags:", "aliases: [\"/jobs/type/volunteer/\", \"/jobs/hybrid/old.html\"]\ntags:");
    site.write("content/posts/hello.md", aliased);
    let r: RunResult = site.build_dated(JUNE, &[]);
    r.assert_clean_failure();
    for (column, alias) in [(11, "/jobs/type/volunteer/"), (36, "/jobs/hybrid/old.html")] {
        let line = crate::common::assert_error_location(&r, "content/posts/hello.md", Some(4));
        let expected = format!("4:{column}: alias \"{alias}\" is under /jobs/");
        assert!(r.stderr.contains(&expected) && line.contains("the job board's filter pages"), "{expected}\n{r}");
    }
}

/// The board's cards as the script reads them, over all the board's pages: each listing's
/// URL with its `data-` attributes.
fn board_cards(site: &TestSite) -> Vec<(String, BTreeMap<String, String>)> {
    let (_, pages) = section_listing(&url("jobs/"), BASE, &site.out);
    let mut cards = Vec::new();
    for page in pages {
        let html = crate::common::read_page_at(&page, BASE, &site.out);
        let mut data: Option<BTreeMap<String, String>> = None;
        for tag in parse_tags(&html) {
            if tag.name == "li" && tag.has_token("class", "job-card") {
                let attrs =
                    tag.attrs.iter().filter_map(|(n, v)| Some((n.strip_prefix("data-")?.to_string(), v.clone())));
                data = Some(attrs.collect());
            } else if tag.name == "a" {
                if let Some(d) = data.take() {
                    cards.push((tag.attr("href").unwrap().to_string(), d));
                }
            }
        }
    }
    cards
}

/// Combining two filters in the script shows what both filter pages list, no more: the
/// published job-filters.js runs under Node.js on the cards the board publishes.
#[test]
fn the_script_combines_filters_as_the_pages_intersect() {
    let site = built();
    let cards = board_cards(&site);
    assert_eq!(cards.len(), 4, "{cards:?}");
    let group_of = |path: &str| match path.split('/').nth(1).unwrap() {
        "type" | "country" | "tag" => path.split('/').nth(1).unwrap().to_string(),
        _ => "workplace".to_string(),
    };
    let value_of = |path: &str| path.trim_end_matches('/').rsplit('/').next().unwrap().to_string();
    let filters: Vec<&(&str, &[&str])> = FILTER_PAGES.iter().filter(|(p, _)| *p != "jobs/").collect();
    let mut cases = Vec::new();
    for a in &filters {
        for b in &filters {
            let (ga, gb) = (group_of(a.0), group_of(b.0));
            let mut chosen: BTreeMap<String, Vec<String>> = BTreeMap::new();
            chosen.entry(ga.clone()).or_default().push(value_of(a.0));
            chosen.entry(gb.clone()).or_default().push(value_of(b.0));
            // Across groups both must hold; within one, either.
            let expected: Vec<String> = cards
                .iter()
                .map(|(href, _)| href.clone())
                .filter(|href| {
                    let on = |f: &(&str, &[&str])| f.1.iter().any(|s| *href == listing(s));
                    if ga == gb {
                        on(a) || on(b)
                    } else {
                        on(a) && on(b)
                    }
                })
                .collect();
            cases.push(serde_json::json!({ "chosen": chosen, "expected": expected }));
        }
    }
    let input = serde_json::json!({ "cards": cards, "cases": cases });
    let script = site.out.join("job-filters.js");
    let program = format!(
        "const {{ matches }} = require({:?});\n\
         let text = ''; process.stdin.on('data', d => text += d).on('end', () => {{\n\
           const {{ cards, cases }} = JSON.parse(text);\n\
           const got = cases.map(c => cards.filter(([, data]) => matches(data, c.chosen)).map(([href]) => href));\n\
           process.stdout.write(JSON.stringify(got));\n\
         }});",
        script.to_str().unwrap()
    );
    let mut child = Command::new("node")
        .args(["-e", &program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("Node.js is required (Debian's nodejs)");
    child.stdin.take().unwrap().write_all(input.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed");
    let got: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got.len(), cases.len());
    for (case, got) in cases.iter().zip(got) {
        assert_eq!(serde_json::json!(got), case["expected"], "{}", case["chosen"]);
    }
}

/// The combining form in a real browser: `careerpress serve` on the fixture (every role but
/// the closed one is open today), the board's first page open in headless Chromium.
#[test]
#[ignore = "needs chromium + chromedriver"]
fn the_board_combines_filters_in_a_browser() {
    use crate::common::browser::Driver;
    use crate::common::server::DevServer;
    use serde_json::json;
    use std::time::{Duration, Instant};

    crate::common::browser::require();
    let site = TestSite::new("job-filters");
    let server = DevServer::start(&crate::common::careerpress_bin(), &site.root, &[], Duration::from_secs(30));
    let driver = Driver::start();
    driver.go(&server.url("/jobs/type/part-time/"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while driver.js("return document.querySelectorAll('.job-combine input').length") == json!(0) {
        assert!(Instant::now() < deadline, "the script added no form\n{}", server.output());
        std::thread::sleep(Duration::from_millis(50));
    }
    let shown = "return { cards: [...document.querySelectorAll('.job-card')].filter(c => !c.hidden)\
                 .map(c => c.querySelector('a').textContent), status: document.querySelector('.job-combine-status').textContent }";
    assert_eq!(driver.js(shown), json!({ "cards": ["Remote Careers Writer", "Interview Coach"], "status": "" }));
    driver.js("document.querySelector('.job-combine input[name=workplace][value=remote]').click()");
    assert_eq!(
        driver.js(shown),
        json!({ "cards": ["Remote Careers Writer"], "status": "1 of the 2 roles match." }),
        "part-time (this page) and remote"
    );
    driver.js("document.querySelector('.job-combine input[name=workplace][value=on-site]').click()");
    assert_eq!(driver.js(shown)["cards"], json!(["Remote Careers Writer", "Interview Coach"]), "either workplace");
    driver.js("document.querySelector('.job-combine input[name=country][value=us]').click()");
    assert_eq!(driver.js(shown), json!({ "cards": ["Remote Careers Writer"], "status": "1 of the 2 roles match." }));

    // The board has two pages: the form says it searched this one.
    driver.go(&server.url("/jobs/"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while driver.js("return document.querySelectorAll('.job-combine input').length") == json!(0) {
        assert!(Instant::now() < deadline, "the script added no form on the board\n{}", server.output());
        std::thread::sleep(Duration::from_millis(50));
    }
    driver.js("document.querySelector('.job-combine input[name=type][value=part-time]').click()");
    assert_eq!(
        driver.js(shown),
        json!({ "cards": ["Remote Careers Writer"], "status": "1 of the 2 roles on this page match." })
    );
}

#[test]
fn a_hybrid_role_has_its_own_workplace_page_and_every_country_it_names() {
    let site = TestSite::new("job-filters");
    site.write(
        "content/jobs/hybrid-coach.md",
        "---\ntitle: Hybrid Coach\ncompany: Contoso\nemployment_type: FULL_TIME\ndate_posted: 2025-05-01\n\
         apply_url: https://contoso.example/apply\nremote: hybrid\napplicant_countries: [IE]\n\
         locations:\n  - { city: Lyon, country: FR }\n  - { city: Manchester, country: GB }\n---\nTwo offices.\n",
    );
    site.build_dated(JUNE, &[]).assert_success();
    let hybrid = read_output(&site.out, "jobs/hybrid/index.html");
    assert!(hybrid.contains("<h1>Hybrid jobs</h1>"), "{hybrid}");
    assert!(hybrid.contains(&listing("hybrid-coach")));
    for page in ["jobs/remote/index.html", "jobs/on-site/index.html"] {
        assert!(!read_output(&site.out, page).contains(&listing("hybrid-coach")), "{page}");
    }
    // Its offices' countries and the one it takes applicants from: one more in each count.
    let links = filter_links(&read_output(&site.out, "jobs/index.html"));
    let countries: Vec<(&str, usize)> = links
        .iter()
        .filter(|(href, ..)| href.starts_with(&url("jobs/country/")))
        .map(|(_, label, count, _)| (label.as_str(), *count))
        .collect();
    assert_eq!(countries, [("France", 2), ("United Kingdom", 4), ("Ireland", 1), ("United States", 2)]);
    let workplace: Vec<(&str, usize)> = links
        .iter()
        .filter(|(href, ..)| [url("jobs/remote/"), url("jobs/hybrid/"), url("jobs/on-site/")].contains(href))
        .map(|(_, label, count, _)| (label.as_str(), *count))
        .collect();
    assert_eq!(workplace, [("Remote", 2), ("Hybrid", 1), ("On-site", 2)]);
    assert!(read_output(&site.out, "jobs/country/ie/index.html").contains(&listing("hybrid-coach")));
}

/// A page's link to a group's own page in the filter navigation: (href, text).
fn more_link(html: &str) -> Option<(String, String)> {
    let start = html.find("<li class=\"job-filter-more\">")?;
    let li = &html[start..start + html[start..].find("</li>")?];
    let a = parse_tags(li).into_iter().find(|t| t.name == "a")?;
    let text = &li[li[a.offset..].find('>')? + a.offset + 1..li.find("</a>")?];
    Some((a.attr("href")?.to_string(), text.to_string()))
}

const MANY: &str = "https://many.example.org/";

/// `tests/fixtures/job-filters-many`: three open listings with 15 tags between them, more
/// than the navigation shows of one group.
fn built_many() -> TestSite {
    let site = TestSite::new("job-filters-many");
    site.build_dated(JUNE, &[]).assert_success();
    site
}

/// A tag filter link: (label, count, current).
type TagLink = (String, usize, bool);

/// A page's tag filter links as (label, count, current), and the link to a group's page as
/// (href, text) when there is one.
fn tag_links(html: &str) -> (Vec<TagLink>, Option<(String, String)>) {
    let group = format!("{MANY}jobs/tag/");
    let tags = filter_links(html)
        .into_iter()
        .filter(|(href, ..)| href.starts_with(&group) && *href != group)
        .map(|(_, label, count, current)| (label, count, current))
        .collect();
    (tags, more_link(html))
}

/// The 12 tags the navigation shows, in name order: the most common (Accounting and
/// Writing on 3 listings; Budgeting, Coaching, Design on 2), then, among the tags of one
/// listing, the first seven by name. Logistics, Marketing and Negotiation are left out.
const SHOWN_TAGS: [&str; 12] = [
    "Accounting",
    "Budgeting",
    "Coaching",
    "Design",
    "Editing",
    "Finance",
    "Grants",
    "Hiring",
    "Interviewing",
    "Journalism",
    "Kotlin",
    "Writing",
];

#[test]
fn a_long_group_shows_its_most_common_values_and_links_to_its_page_with_all() {
    let site = built_many();
    let board = read_output(&site.out, "jobs/index.html");
    let (tags, more) = tag_links(&board);
    let labels: Vec<&str> = tags.iter().map(|(l, ..)| l.as_str()).collect();
    assert_eq!(labels, SHOWN_TAGS, "the most common tags, in the navigation's order");
    assert_eq!((tags[0].1, tags[11].1), (3, 3), "Accounting's and Writing's counts");
    assert_eq!(more, Some((format!("{MANY}jobs/tag/"), "All 15 tags".to_string())));
    assert_eq!(board.matches("class=\"job-filter-more\"").count(), 1, "short groups show every value");

    // A page of a tag the board leaves out still shows its own, marked, in name order.
    let hidden = read_output(&site.out, "jobs/tag/logistics/index.html");
    let (tags, more) = tag_links(&hidden);
    let labels: Vec<&str> = tags.iter().map(|(l, ..)| l.as_str()).collect();
    assert_eq!(labels[10..], ["Kotlin", "Logistics", "Writing"]);
    assert_eq!(tags.len(), 13);
    assert_eq!(tags.iter().filter(|t| t.2).map(|t| t.0.as_str()).collect::<Vec<_>>(), ["Logistics"]);
    assert!(more.is_some());
    let (tags, _) = tag_links(&read_output(&site.out, "jobs/tag/budgeting/index.html"));
    assert_eq!(tags.len(), 12, "a shown tag's page adds nothing");
    assert_eq!(tags.iter().filter(|t| t.2).map(|t| t.0.as_str()).collect::<Vec<_>>(), ["Budgeting"]);
}

#[test]
fn each_groups_page_lists_every_value_with_its_count() {
    let site = built_many();
    let page = read_output(&site.out, "jobs/tag/index.html");
    assert!(page.contains("<title>Jobs by tag · Many tags</title>"));
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{MANY}jobs/tag/\">")));
    assert!(page.contains("content=\"Every tag with open roles on Many tags.\""));
    let group = format!("{MANY}jobs/tag/");
    let listed: Vec<String> = parse_tags(&page)
        .iter()
        .filter_map(|t| t.attr("href").filter(|h| t.name == "a" && h.starts_with(&group) && *h != group))
        .map(str::to_string)
        .collect();
    assert_eq!(listed.len(), 15, "{listed:?}");
    assert_eq!(listed[0], format!("{MANY}jobs/tag/accounting/"));
    assert_eq!(listed[13], format!("{MANY}jobs/tag/negotiation-hard/"));
    assert_eq!(listed[14], format!("{MANY}jobs/tag/writing/"));
    assert!(page.contains(">Accounting</a> <span class=\"count\">3 open roles</span>"));
    assert!(page.contains(">Negotiation &lt;hard&gt;</a> <span class=\"count\">1 open role</span>"));
    // Groups the navigation shows whole (two countries, three types) have no page to link.
    assert!(!site.out.join("jobs/country/index.html").exists() && !site.out.join("jobs/type/index.html").exists());
    assert!(read_output(&site.out, "jobs/index.html").contains("data-job-list"), "the board is still the board");
    let sitemap = read_output(&site.out, "sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{MANY}jobs/tag/</loc>")));
    assert!(!sitemap.contains(&format!("<loc>{MANY}jobs/country/</loc>")));
    check_links(&site.out, MANY).assert_ok();
}

#[test]
fn a_theme_without_the_group_template_keeps_every_value_in_the_navigation() {
    let site = TestSite::new("job-filters-many");
    std::fs::remove_file(site.path("themes/default/templates/job_group.html")).unwrap();
    site.build_dated(JUNE, &[]).assert_success();
    let (tags, more) = tag_links(&read_output(&site.out, "jobs/index.html"));
    assert_eq!((tags.len(), more), (15, None));
    assert!(!site.out.join("jobs/tag/index.html").exists());
    assert!(!read_output(&site.out, "sitemap.xml").contains(&format!("<loc>{MANY}jobs/tag/</loc>")));
    check_links(&site.out, MANY).assert_ok();
}
