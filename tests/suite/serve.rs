//! `careerpress serve --watch` from the outside: the real binary on the `serve-basic`
//! fixture (three articles and a static file) in a temporary folder, spoken to over plain
//! TCP. Covers the HTTP side (types, HEAD, 404, no-store, the missing-slash redirect),
//! live reload (the event comes only after the new content is in place), edits, additions,
//! deletions, plain renames, atomic saves and static file edits (a page bundle's files too),
//! the error overlay (which
//! stays until the broken file is fixed), reloading after a server restart, path traversal,
//! requests naming another host (DNS rebinding) refused, concurrent load, connection
//! limits (silent and idle connections closed, a cap on how many, huge request heads
//! refused), Ctrl-C, editor temp files, and that the deploy folder is never written.

use crate::common::server::{raw_request, DevServer, HttpResponse, EVENTS_PATH};
use crate::common::{careerpress_bin, staging_sibling, TestSite};
use std::fs;
use std::time::{Duration, Instant};

const FIXTURE: &str = "serve-basic";
/// In the fixture's site.toml (a comment) and nowhere the server may send.
const SITE_SECRET: &str = "SERVE-FIXTURE-SECRET-7f3a9c";
/// In a file outside the site that a symlink in static/ points to.
const OUTSIDE_SECRET: &str = "OUTSIDE-THE-SITE-SECRET-51d2e8";
/// Long enough for a rebuild on a loaded 2-core machine; tests finish far sooner.
const RELOAD_TIMEOUT: Duration = Duration::from_secs(10);

const ARTICLES: [(&str, &str); 3] = [
    ("/posts/first-interview/", "Arrive ten minutes early"),
    ("/posts/second-interview/", "The second round is about fit"),
    ("/posts/salary-talk/", "Research the range for the role"),
];

fn start(site: &TestSite) -> DevServer {
    DevServer::start(&careerpress_bin(), &site.root, &["--watch"], Duration::from_secs(30))
}

/// The site's deploy folder and its staging sibling must never be created by serve.
fn assert_nothing_written(site: &TestSite) {
    let public = site.path("public");
    assert!(!public.exists(), "serve wrote the deploy folder {}", public.display());
    let staging = staging_sibling(&public);
    assert!(!staging.exists(), "serve created the staging folder {}", staging.display());
    let parent_staging = site.dir().join(".site.careerpress-staging");
    assert!(!parent_staging.exists(), "serve created {}", parent_staging.display());
}

fn assert_ok_html(r: &HttpResponse, what: &str) {
    assert_eq!(r.status, 200, "{what}: {}", r.text());
    assert!(r.complete, "{what}: incomplete body");
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"), "{what}");
}

/// The article file's text with `old` replaced by `new` (panics when `old` is not there).
fn edited(site: &TestSite, rel: &str, old: &str, new: &str) -> String {
    let text = fs::read_to_string(site.path(rel)).unwrap();
    assert!(text.contains(old), "{old:?} not in {rel}");
    text.replace(old, new)
}

/// The error overlay of a page, when there is one: it must come right after `<body>`.
fn overlay(html: &str) -> Option<String> {
    let at = html.find("<div id=\"careerpress-error\"")?;
    let body = html.find("<body").expect("a <body> tag");
    let body_end = body + html[body..].find('>').unwrap() + 1;
    assert!(html[body_end..at].trim().is_empty(), "the overlay is not right after <body>: {:?}", &html[body_end..at]);
    let tag_end = at + html[at..].find('>').unwrap();
    assert!(html[at..tag_end].contains("role=\"alert\""), "{}", &html[at..tag_end]);
    let end = at + html[at..].find("</div>").expect("the overlay ends");
    Some(html[at..end].to_string())
}

/// The build id in a served page's live-reload script (`var id="<id>"`).
fn script_build_id(html: &str) -> String {
    let at = html.rfind("var id=\"").unwrap_or_else(|| panic!("no build id in the page's script:\n{html}"));
    let rest = &html[at + "var id=\"".len()..];
    rest[..rest.find('"').expect("the build id ends")].to_string()
}

// ---------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------

#[test]
fn serves_the_site_over_http_with_types_head_404_no_store_and_redirects() {
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let out = server.stdout();
    let root = site.root.canonicalize().unwrap();
    let serving = out.iter().find(|l| l.starts_with("Serving ")).unwrap();
    assert_eq!(serving, &format!("Serving {} at {}  (Ctrl-C to stop)", root.display(), server.base));
    assert!(server.base.starts_with("http://127.0.0.1:"), "binds 127.0.0.1 by default: {}", server.base);
    assert!(out.contains(&format!("Watching for changes in {}", root.display())), "{out:?}");

    // HTML, with the live-reload script just before </body> and no overlay.
    for path in ["/", "/posts/"].into_iter().chain(ARTICLES.iter().map(|(p, _)| *p)) {
        let r = server.get(path);
        assert_ok_html(&r, path);
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
        let html = r.text();
        let script = html.rfind("<script").unwrap_or_else(|| panic!("{path}: no script"));
        assert!(
            html[script..]
                .contains("EventSource(\"/__careerpress/livereload?page=\"+encodeURIComponent(location.pathname))"),
            "{path}: {}",
            &html[script..]
        );
        let body_end = html.rfind("</body>").unwrap_or_else(|| panic!("{path}: no </body>"));
        assert!(script < body_end && html[script..body_end].trim_end().ends_with("</script>"), "{path}");
        assert!(overlay(&html).is_none(), "{path}: an overlay without an error");
    }
    let article = server.get(ARTICLES[0].0).text();
    assert!(article.contains(ARTICLES[0].1));
    // Root-relative links: base_url "/" whatever site.toml says.
    assert!(article.contains("href=\"/style.css\""), "{article}");
    assert!(!article.contains("serve-fixture.example.org"), "site.toml's base_url leaked into a served page");

    // Other types, not touched by the script injection.
    for (path, ctype) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/files/checklist.txt", "text/plain; charset=utf-8"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.complete, "{path}");
        assert_eq!(r.header("content-type"), Some(ctype), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
        assert!(!r.text().contains("EventSource"), "{path}: script injected into a non-HTML file");
    }
    let theme_css = fs::read(site.path("themes/default/static/style.css")).unwrap();
    assert_eq!(server.get("/style.css").body, theme_css, "the stylesheet is served as it is");
    assert_eq!(
        server.get("/files/checklist.txt").body,
        fs::read(site.path("static/files/checklist.txt")).unwrap(),
        "site static files are served as they are"
    );

    // HEAD: the same headers, no body.
    for path in [ARTICLES[1].0, "/style.css", "/no-such-page/"] {
        let get = server.get(path);
        let head = server.head(path);
        assert_eq!(head.status, get.status, "HEAD {path}");
        assert!(head.body.is_empty(), "HEAD {path} sent a body: {:?}", head.text());
        assert_eq!(head.header("content-type"), get.header("content-type"), "HEAD {path}");
        assert_eq!(head.header("cache-control"), Some("no-store"), "HEAD {path}");
        let len: usize =
            head.header("content-length").unwrap_or_else(|| panic!("HEAD {path}: no length")).parse().unwrap();
        assert_eq!(len, get.body.len(), "HEAD {path}: Content-Length is the GET body's length");
    }

    // Unknown paths: status 404 with the theme's 404 page.
    for path in ["/no-such-page/", "/posts/no-such-article/", "/missing.css", "/posts/first-interview/extra.html"] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.complete, "{path}");
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
        let html = r.text();
        assert!(html.contains("<h1>Page not found</h1>"), "{path}: not the theme's 404 page: {html}");
        assert!(html.contains("Page not found · Serve Fixture"), "{path}: {html}");
        assert!(html.contains("EventSource"), "{path}: the 404 page reloads too");
    }

    // A folder without its slash is sent to the folder.
    for (path, location) in [("/posts/first-interview", "/posts/first-interview/"), ("/posts", "/posts/")] {
        let r = server.get(path);
        assert_eq!(r.status, 308, "{path}");
        assert_eq!(r.header("location"), Some(location), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }

    // Only GET and HEAD.
    let post = raw_request(
        server.port,
        &format!(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
            server.port
        ),
    )
    .unwrap();
    assert_eq!(post.status, 405);

    // The live-reload stream says hello with a build id.
    let (events, hello) = server.events();
    assert!(!hello.is_empty() && hello.chars().all(|c| c.is_ascii_digit()), "build id {hello:?}");
    let head = events.head.lock().unwrap().to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-type: text/event-stream"), "{head}");
    assert!(article.contains(&format!("\"{hello}\"")), "pages carry the build id they were served with");

    drop(server);
    assert_nothing_written(&site);
}

// ---------------------------------------------------------------------------------------
// Live reload
// ---------------------------------------------------------------------------------------

/// The site's folder name is shown as `error::printable` shows any path: an escape
/// sequence in it must not reach the terminal raw when the server announces where it serves.
#[test]
fn a_site_folder_named_with_control_characters_is_announced_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let root = crate::common::install_fixture(FIXTURE, &tmp.path().join("site-\u{1b}]0;pwned\u{7}\u{1b}[2J"));
    let server = DevServer::start(&careerpress_bin(), &root, &["--watch"], Duration::from_secs(30));
    let out = server.stdout();
    let shown = format!("{}/site-\\u{{1b}}]0;pwned\\u{{7}}\\u{{1b}}[2J", tmp.path().canonicalize().unwrap().display());
    assert!(out.iter().all(|l| !l.contains(char::is_control)), "{out:?}");
    assert!(out.contains(&format!("Serving {shown} at {}  (Ctrl-C to stop)", server.base)), "{out:?}");
    assert!(out.contains(&format!("Watching for changes in {shown}")), "{out:?}");
}

#[test]
fn edits_additions_deletions_and_atomic_saves_reload_after_the_content_is_in_place() {
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let (events, hello) = server.events();

    // Edit: the reload comes, and the very next GET already has the new text.
    let text =
        edited(&site, "content/posts/first-interview.md", "Arrive ten minutes early", "Arrive fifteen minutes early");
    site.write("content/posts/first-interview.md", text);
    let id1 = events.expect_reload(RELOAD_TIMEOUT, "an edit");
    let page = server.get("/posts/first-interview/");
    assert_ok_html(&page, "edited article");
    assert!(
        page.text().contains("Arrive fifteen minutes early"),
        "the reload came before the content:\n{}",
        page.text()
    );
    assert!(!page.text().contains("Arrive ten minutes early"));
    assert!(page.text().contains(&format!("\"{id1}\"")), "the page carries the new build id {id1}");
    assert!(id1.parse::<u64>().unwrap() > hello.parse::<u64>().unwrap(), "build ids grow: {hello} then {id1}");
    let line = server
        .wait_stdout(|l| l.contains(" changed: "), Instant::now() + Duration::from_secs(5))
        .unwrap_or_else(|| panic!("no rebuild line\n{}", server.output()));
    assert!(line.starts_with("content/posts/first-interview.md changed: "), "{line}");
    assert!(line.ends_with(" ms"), "{line}");
    // Let any trailing events of that save arrive, so the next wait is about the next change.
    events.drain(Duration::from_millis(150));

    // Add: served, and listed.
    site.write(
        "content/posts/new-job.md",
        "---\ntitle: \"Starting a New Job\"\ndate: 2025-04-01\n---\n\nIntroduce yourself to the whole team in week one.\n",
    );
    events.expect_reload(RELOAD_TIMEOUT, "adding an article");
    let page = server.get("/posts/new-job/");
    assert_ok_html(&page, "new article");
    assert!(page.text().contains("Introduce yourself to the whole team"));
    assert!(server.get("/posts/").text().contains("href=\"/posts/new-job/\""), "the new article is listed");
    events.drain(Duration::from_millis(150));

    // Delete: 404, and gone from the listing and the home page.
    fs::remove_file(site.path("content/posts/salary-talk.md")).unwrap();
    events.expect_reload(RELOAD_TIMEOUT, "deleting an article");
    let gone = server.get("/posts/salary-talk/");
    assert_eq!(gone.status, 404, "a deleted article is still served");
    assert!(gone.text().contains("<h1>Page not found</h1>"));
    for list in ["/posts/", "/"] {
        let html = server.get(list).text();
        assert!(!html.contains("/posts/salary-talk/"), "{list} still links the deleted article");
        assert!(!html.contains("Talking About Salary"), "{list} still lists the deleted article");
    }
    events.drain(Duration::from_millis(150));

    // Atomic save: write a temp file beside it, rename it over the article.
    let text = edited(&site, "content/posts/second-interview.md", "about fit", "about culture and fit");
    site.write("content/posts/.second-interview.md.tmp", text);
    fs::rename(site.path("content/posts/.second-interview.md.tmp"), site.path("content/posts/second-interview.md"))
        .unwrap();
    events.expect_reload(RELOAD_TIMEOUT, "an atomic save (rename over the article)");
    let page = server.get("/posts/second-interview/");
    assert_ok_html(&page, "atomically saved article");
    assert!(page.text().contains("The second round is about culture and fit"), "{}", page.text());
    assert!(server.get("/posts/.second-interview.md.tmp").status == 404);

    assert!(!server.stderr().contains("panicked"), "{}", server.output());
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn a_broken_page_shows_the_error_over_every_page_until_it_is_fixed() {
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let (events, _) = server.events();
    let good = fs::read_to_string(site.path("content/posts/second-interview.md")).unwrap();

    // An unclosed `[` on the tags line.
    let broken = good.replace("tags: [interviews]", "tags: [interviews");
    assert_ne!(broken, good);
    site.write("content/posts/second-interview.md", &broken);
    events.expect_reload(RELOAD_TIMEOUT, "breaking the front matter");

    let mut pages: Vec<&str> = vec!["/", "/posts/", "/no-such-page/"];
    pages.extend(ARTICLES.iter().map(|(p, _)| *p));
    for path in &pages {
        let r = server.get(path);
        let html = r.text();
        let shown = overlay(&html).unwrap_or_else(|| panic!("{path}: no error overlay:\n{html}"));
        let at = shown
            .find("content/posts/second-interview.md:")
            .unwrap_or_else(|| panic!("{path}: the overlay does not name the file: {shown}"));
        let after = &shown[at + "content/posts/second-interview.md:".len()..];
        let line: String = after.chars().take_while(char::is_ascii_digit).collect();
        assert!(!line.is_empty() && line != "0", "{path}: no line number: {shown}");
        assert!(line.parse::<usize>().unwrap() <= broken.lines().count() + 1, "{path}: line {line} is past the end");
        if *path == "/no-such-page/" {
            assert_eq!(r.status, 404);
            assert!(html.contains("<h1>Page not found</h1>"));
        } else {
            assert_eq!(r.status, 200, "{path}: the last good page stays served");
        }
    }
    // The last good text is still under the overlay, including the broken article's own.
    for (path, text) in ARTICLES {
        assert!(server.get(path).text().contains(text), "{path}: the last good version is gone");
    }
    // Non-HTML files are untouched.
    assert!(!server.get("/style.css").text().contains("careerpress-error"));
    let deadline = Instant::now() + Duration::from_secs(5);
    assert!(
        server.wait_stderr("content/posts/second-interview.md:", deadline),
        "the error goes to stderr: {}",
        server.output()
    );
    events.drain(Duration::from_millis(150));

    // Fixed: the overlay goes without a restart.
    site.write("content/posts/second-interview.md", good.replace("about fit", "about fit and timing"));
    events.expect_reload(RELOAD_TIMEOUT, "fixing the front matter");
    for path in &pages {
        let html = server.get(path).text();
        assert!(overlay(&html).is_none() && !html.contains("careerpress-error"), "{path}: the overlay stayed");
    }
    assert!(server.get("/posts/second-interview/").text().contains("about fit and timing"));

    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn a_template_edit_shows_the_open_page_first_and_no_other_page_stale() {
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let (open, _) = ARTICLES[0];
    let (events, hello) = server.events_on(open);
    let base = "themes/default/templates/base.html";
    site.write(base, edited(&site, base, "</body>", "<!-- template edit one --></body>"));
    let id = events.expect_reload(RELOAD_TIMEOUT, "editing base.html");
    assert_ne!(id, hello);
    let deadline = Instant::now() + RELOAD_TIMEOUT;
    let first = server.wait_stdout(|l| l.contains(" changed: "), deadline).unwrap_or_default();
    assert!(first.contains("rendered the page open in a browser first"), "{first}\n{}", server.output());
    let page = server.get(open).text();
    assert!(page.contains("template edit one") && script_build_id(&page) == id, "{page}");
    // Every other page, asked for before the rest is in place or after, shows the edit.
    let mut others: Vec<&str> = vec!["/", "/posts/", "/no-such-page/"];
    others.extend(ARTICLES[1..].iter().map(|(p, _)| *p));
    for path in &others {
        let page = server.get_within(path, RELOAD_TIMEOUT).text();
        assert!(page.contains("template edit one"), "{path} was served stale:\n{page}");
        assert_eq!(script_build_id(&page), id, "{path}: the rest of a build keeps its id");
    }
    let rest = server.wait_stdout(|l| l.contains("then rendered"), deadline).unwrap_or_default();
    // Feeds and the sitemap use no template: a template edit leaves them as served.
    assert!(rest.contains("(feeds and sitemap unchanged)"), "{rest}\n{}", server.output());
    events.drain(Duration::from_millis(300));
    assert!(events.next(Duration::from_millis(300)).is_none(), "the rest of a build announced a second reload");

    // A template only a page that is not open uses, broken: the open page renders first
    // and fine, then the rest fails and the overlay comes with a second reload.
    let section = "themes/default/templates/section.html";
    let good = fs::read_to_string(site.path(section)).unwrap();
    site.write(section, good.replace("{% block content %}", "{% block content %}{{ no_such_variable.at_all }}"));
    events.expect_reload(RELOAD_TIMEOUT, "breaking section.html");
    events.expect_reload(RELOAD_TIMEOUT, "the rest of the site failing");
    for path in [open, "/posts/"] {
        let html = server.get(path).text();
        let shown = overlay(&html).unwrap_or_else(|| panic!("{path}: no overlay\n{}", server.output()));
        assert!(shown.contains("section.html"), "{path}: {shown}");
    }
    site.write(section, &good);
    events.expect_reload(RELOAD_TIMEOUT, "fixing section.html");
    for path in [open, "/posts/"] {
        assert!(overlay(&server.get(path).text()).is_none(), "{path}: the overlay stayed");
    }
    assert!(!server.stderr().contains("panicked"), "{}", server.output());
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn a_template_a_shortcode_draws_reaches_the_articles_that_use_it() {
    // Without shortcodes, a template edit takes the new templates into the loaded site;
    // a shortcode's HTML is drawn with them when the Markdown is, so then it must reload.
    let site = TestSite::new(FIXTURE);
    let rel = "content/posts/calculator.md";
    site.write(
        rel,
        "---\ntitle: \"Calculator\"\ndate: 2025-04-01\n---\n\nWhen to write.\n\n{{< followup_calculator >}}\n",
    );
    let server = start(&site);
    let (events, _) = server.events_on(ARTICLES[0].0);
    let form = "themes/default/templates/partials/followup_form.html";
    site.write(form, format!("<p>Form edited while serving.</p>\n{}", fs::read_to_string(site.path(form)).unwrap()));
    events.expect_reload(RELOAD_TIMEOUT, "editing the calculator's form");
    let page = server.get_within("/posts/calculator/", RELOAD_TIMEOUT).text();
    assert!(page.contains("Form edited while serving."), "the shortcode's HTML is stale:\n{page}");
    let said = |what: &str| {
        let deadline = Instant::now() + RELOAD_TIMEOUT;
        server.wait_stdout(|l| l.contains(what) && l.contains(" changed: "), deadline).unwrap_or_default()
    };
    let line = said("followup_form.html");
    // Reloaded, as a shortcode drew the template; the open article does not draw it.
    assert!(line.contains("reloaded the site, the page open in a browser is unchanged"), "{line}");

    // The same edit on a site whose articles draw no shortcode keeps the loaded content.
    fs::remove_file(site.path(rel)).unwrap();
    events.expect_reload(RELOAD_TIMEOUT, "deleting the article with the shortcode");
    let base = "themes/default/templates/base.html";
    site.write(base, edited(&site, base, "</body>", "<!-- second edit --></body>"));
    events.expect_reload(RELOAD_TIMEOUT, "editing base.html");
    assert!(said("base.html").contains("kept the content, rendered the page open in a browser first"));
    assert!(server.get(ARTICLES[0].0).text().contains("second edit"));
    assert!(server.get_within("/posts/", RELOAD_TIMEOUT).text().contains("second edit"));
    let calculator = server.get_within("/follow-up-calculator/", RELOAD_TIMEOUT).text();
    assert!(calculator.contains("Form edited while serving.") && calculator.contains("second edit"));
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn a_shortcode_template_added_or_edited_while_serving_draws_the_articles_calling_it() {
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let (events, _) = server.events_on(ARTICLES[0].0);
    let rel = "content/posts/first-interview.md";
    site.write(
        rel,
        edited(&site, rel, "Arrive ten minutes early", "{{< tip >}}\nArrive ten minutes early\n{{< /tip >}}\n\nSo"),
    );
    events.expect_reload(RELOAD_TIMEOUT, "calling a shortcode the site does not have yet");
    let shown = overlay(&server.get(ARTICLES[0].0).text()).expect("an overlay for the unknown shortcode");
    assert!(shown.contains("first-interview.md") && shown.contains("unknown shortcode"), "{shown}");
    events.drain(Duration::from_millis(150));

    site.write("templates/shortcodes/tip.html", "<aside class=\"tip\">{{ shortcode.body | safe }}</aside>");
    events.expect_reload(RELOAD_TIMEOUT, "adding the shortcode's template");
    let page = server.get_within(ARTICLES[0].0, RELOAD_TIMEOUT).text();
    assert!(overlay(&page).is_none(), "{page}");
    assert!(page.contains("<aside class=\"tip\"><p>Arrive ten minutes early</p>\n</aside>"), "{page}");
    events.drain(Duration::from_millis(150));

    site.write("templates/shortcodes/tip.html", "<div class=\"tip2\">{{ shortcode.body | safe }}</div>");
    events.expect_reload(RELOAD_TIMEOUT, "editing the shortcode's template");
    let page = server.get_within(ARTICLES[0].0, RELOAD_TIMEOUT).text();
    assert!(page.contains("<div class=\"tip2\"><p>Arrive ten minutes early</p>"), "stale shortcode HTML:\n{page}");
    assert!(!server.stderr().contains("panicked"), "{}", server.output());
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn an_edit_shown_on_many_pages_draws_the_open_one_first_and_the_rest_never_stale() {
    let site = TestSite::new(FIXTURE);
    // One article per list page: moving the oldest of 150 to the top shifts every page.
    let config = fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("paginate_by = 1\n{config}"));
    for i in 0..150 {
        let day = 1 + i % 28;
        let month = 1 + i / 28;
        let text = format!("---\ntitle: \"Bulk {i:03}\"\ndate: 2024-{month:02}-{day:02}\n---\n\nBulk article {i}.\n");
        site.write(&format!("content/posts/bulk-{i:03}.md"), text);
    }
    let server = start(&site);
    let (events, _) = server.events_on("/posts/bulk-000/");
    // Three fixture articles (2025) come first, then the bulk ones, newest first.
    let fifth = server.get("/page/5/").text();
    assert!(fifth.contains("Bulk 148") && !fifth.contains("Bulk 149"), "{fifth}");
    let rel = "content/posts/bulk-000.md";
    site.write(rel, edited(&site, rel, "date: 2024-01-01", "date: 2026-01-01"));
    events.expect_reload(RELOAD_TIMEOUT, "moving the oldest article to the top");
    let deadline = Instant::now() + RELOAD_TIMEOUT;
    let first = server.wait_stdout(|l| l.contains(" changed: "), deadline).unwrap_or_default();
    assert!(first.contains("open in a browser first"), "{first}\n{}", server.output());
    assert!(server.get("/posts/bulk-000/").text().contains("January 1, 2026"));
    // The home page now starts with it; each page shows the next one down.
    assert!(server.get("/").text().contains("Bulk 000"), "the home page was served stale");
    let fifth = server.get("/page/5/").text();
    assert!(fifth.contains("Bulk 149") && !fifth.contains("Bulk 148"), "page 5 was served stale:\n{fifth}");
    assert!(server.wait_stdout(|l| l.contains("then re-rendered"), deadline).is_some(), "{}", server.output());
    events.drain(Duration::from_millis(300));
    assert!(events.next(Duration::from_millis(300)).is_none(), "the rest announced a second reload");
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn static_file_edit_is_served_as_saved_and_reloads() {
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let (events, hello) = server.events();
    let old = fs::read(site.path("static/files/checklist.txt")).unwrap();
    assert_eq!(server.get("/files/checklist.txt").body, old);

    // Longer than before and not UTF-8 everywhere: served byte for byte, not as text.
    let mut new = b"Interview checklist v2: CV, questions, directions, \xff\xfe raw bytes.\n".to_vec();
    new.extend(std::iter::repeat_n(b"one more line for the checklist\n", 2000).flatten());
    site.write("static/files/checklist.txt", &new);
    let id = events.expect_reload(RELOAD_TIMEOUT, "editing static/files/checklist.txt");
    assert!(id.parse::<u64>().unwrap() > hello.parse::<u64>().unwrap(), "build ids grow: {hello} then {id}");
    let r = server.get("/files/checklist.txt");
    assert_eq!(r.status, 200);
    assert!(r.complete, "incomplete body after the edit");
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(r.header("content-length"), Some(new.len().to_string().as_str()));
    assert!(r.body == new, "the static file is not served as saved ({} bytes, want {})", r.body.len(), new.len());
    let line = server
        .wait_stdout(|l| l.contains(" changed: "), Instant::now() + Duration::from_secs(5))
        .unwrap_or_else(|| panic!("no rebuild line\n{}", server.output()));
    assert!(line.starts_with("static/files/checklist.txt changed: "), "{line}");
    // Pages carry the new build id, so they do not reload again and again.
    let page = server.get("/").text();
    assert_eq!(script_build_id(&page), id, "the page's build id after the reload");
    events.drain(Duration::from_millis(150));

    // Smaller again: no stale tail from the longer version.
    site.write("static/files/checklist.txt", "short\n");
    events.expect_reload(RELOAD_TIMEOUT, "shrinking static/files/checklist.txt");
    assert_eq!(server.get("/files/checklist.txt").text(), "short\n");
    assert!(!server.stderr().contains("panicked"), "{}", server.output());
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn page_bundles_and_aliases_are_served_and_a_bundle_file_edit_rebuilds_nothing() {
    let site = TestSite::new("links-bundle");
    let server = start(&site);
    let (events, _) = server.events();
    let page = server.get("/posts/my-post/");
    assert_ok_html(&page, "the bundle's page");
    assert!(page.text().contains("src=\"/posts/my-post/chart.svg\""), "{}", page.text());
    assert_eq!(server.get("/posts/my-post/chart.svg").header("content-type"), Some("image/svg+xml"));

    // Aliases are files of the site like any other, the missing slash included.
    for path in ["/2019/08/19/career-change.html", "/career-change/"] {
        let r = server.get(path);
        assert_ok_html(&r, path);
        assert!(r.text().contains("content=\"0; url=/posts/my-post/\""), "{path}: {}", r.text());
    }
    let r = server.get("/career-change");
    assert_eq!((r.status, r.header("location")), (308, Some("/career-change/")));

    let new = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"20\"/>\n";
    site.write("content/posts/my-post/chart.svg", new);
    events.expect_reload(RELOAD_TIMEOUT, "editing content/posts/my-post/chart.svg");
    assert_eq!(server.get("/posts/my-post/chart.svg").text(), new);
    let line = server
        .wait_stdout(|l| l.contains(" changed: "), Instant::now() + Duration::from_secs(5))
        .unwrap_or_else(|| panic!("no rebuild line\n{}", server.output()));
    assert!(line.starts_with("content/posts/my-post/chart.svg changed: static file served as saved"), "{line}");
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn a_new_version_of_an_image_whose_size_was_read_redraws_the_pages_showing_it() {
    let site = TestSite::new("links-bundle");
    let rel = "content/posts/my-post/index.md";
    site.write(rel, edited(&site, rel, "---\n", "---\nimage: { src: chart.svg, alt: \"Openings by month\" }\n"));
    let server = start(&site);
    let (events, _) = server.events_on("/posts/my-post/");
    let page = server.get("/posts/my-post/");
    assert!(page.text().contains("content=\"10\""), "the size read from the first chart:\n{}", page.text());

    site.write(
        "content/posts/my-post/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\"/>\n",
    );
    events.expect_reload(RELOAD_TIMEOUT, "a new chart.svg, named by the page's image without a size");
    let page = server.get("/posts/my-post/").text();
    for meta in ["og:image:width\" content=\"40\"", "og:image:height\" content=\"30\""] {
        assert!(page.contains(meta), "{meta} not in the page after the image changed:\n{page}");
    }
    assert!(page.contains("width=\"40\" height=\"30\""), "the featured image keeps its old size:\n{page}");
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn a_new_slug_on_a_page_bundle_moves_it_and_its_files_in_place() {
    let site = TestSite::new("links-bundle");
    let server = start(&site);
    let (events, _) = server.events_on("/posts/my-post/");
    assert_eq!(server.get("/posts/my-post/chart.svg").status, 200);

    let rel = "content/posts/my-post/index.md";
    site.write(rel, edited(&site, rel, "---\n", "---\nslug: charting\n"));
    events.expect_reload(RELOAD_TIMEOUT, "a new slug on the bundle");
    let line = server
        .wait_stdout(|l| l.contains(" changed: "), Instant::now() + RELOAD_TIMEOUT)
        .unwrap_or_else(|| panic!("no rebuild line\n{}", server.output()));
    assert!(line.contains("re-rendered") && !line.contains("reloaded"), "not in place: {line}");
    let page = server.get("/posts/charting/");
    assert_ok_html(&page, "the bundle at its new URL");
    assert!(page.text().contains("src=\"/posts/charting/chart.svg\""), "{}", page.text());
    let chart = server.get("/posts/charting/chart.svg");
    assert_eq!((chart.status, chart.header("content-type")), (200, Some("image/svg+xml")));
    assert_eq!(server.get("/posts/charting/files/Worksheet.txt").status, 200);
    for gone in ["/posts/my-post/", "/posts/my-post/chart.svg", "/posts/my-post/files/Worksheet.txt"] {
        assert_eq!(server.get(gone).status, 404, "{gone} is still served");
    }
    assert!(server.get("/posts/older/").text().contains("/posts/charting/chart.svg"));
    assert!(!server.stderr().contains("panicked"), "{}", server.output());
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn plain_rename_of_an_article_moves_its_page() {
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let (events, _) = server.events();
    assert_ok_html(&server.get("/posts/first-interview/"), "the article before the rename");
    assert_eq!(server.get("/posts/first-meeting/").status, 404);

    // A real rename to a name that did not exist, not an atomic save over a file.
    assert!(!site.path("content/posts/first-meeting.md").exists());
    fs::rename(site.path("content/posts/first-interview.md"), site.path("content/posts/first-meeting.md")).unwrap();
    events.expect_reload(RELOAD_TIMEOUT, "renaming first-interview.md to first-meeting.md");

    let gone = server.get("/posts/first-interview/");
    assert_eq!(gone.status, 404, "the old URL is still served after the rename");
    assert!(gone.text().contains("<h1>Page not found</h1>"));
    let moved = server.get("/posts/first-meeting/");
    assert_ok_html(&moved, "the renamed article");
    assert!(moved.text().contains(ARTICLES[0].1), "{}", moved.text());
    assert!(overlay(&moved.text()).is_none(), "a rename is not an error: {}", moved.text());
    for list in ["/posts/", "/"] {
        let html = server.get(list).text();
        assert!(html.contains("href=\"/posts/first-meeting/\""), "{list} does not link the new URL:\n{html}");
        assert!(!html.contains("/posts/first-interview/"), "{list} still links the old URL");
    }
    // The other articles are untouched.
    for (path, text) in &ARTICLES[1..] {
        assert!(server.get(path).text().contains(text), "{path}");
    }
    assert!(!server.stderr().contains("panicked"), "{}", server.output());
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn pages_reload_after_a_server_restart() {
    let site = TestSite::new(FIXTURE);
    let first = start(&site);
    let port = first.port;
    let (events1, hello1) = first.events();
    let page1 = first.get(ARTICLES[0].0).text();
    assert_eq!(script_build_id(&page1), hello1, "a page carries the build id of the server that served it");
    drop(events1);
    drop(first);

    // Same port, new process: the port may take a moment to be free again.
    let retry_until = Instant::now() + Duration::from_secs(2);
    let second = loop {
        match DevServer::try_start(&careerpress_bin(), &site.root, port, &["--watch"], Duration::from_secs(30)) {
            Ok(server) => break server,
            Err(output) if output.contains("cannot listen") && Instant::now() < retry_until => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(output) => panic!("cannot start a server on port {port}:\n{output}"),
        }
    };
    let serving = second.stdout().into_iter().find(|l| l.starts_with("Serving ")).expect("a \"Serving\" line");
    assert!(serving.contains(&format!("http://127.0.0.1:{port}/")), "not on port {port}: {serving}");
    let (_events2, hello2) = second.events();
    assert!(!hello2.is_empty() && hello2.chars().all(|c| c.is_ascii_digit()), "build id {hello2:?}");
    assert_ne!(hello2, hello1, "the restarted server reuses the previous build id, so open pages never reload");
    // The page the first server sent sees this hello and reloads (its id differs)...
    assert_ne!(script_build_id(&page1), hello2);
    // ...and the page it gets then carries the new id, so it does not reload again.
    let page2 = crate::common::server::get(port, ARTICLES[0].0);
    assert_ok_html(&page2, "the article from the restarted server");
    assert_eq!(script_build_id(&page2.text()), hello2, "a page carries the build id of the server that served it");
    assert!(second.stdout().iter().any(|l| l.starts_with("Built ")), "{:?}", second.stdout());
    drop(second);
    assert_nothing_written(&site);
}

#[test]
fn overlay_stays_until_the_broken_file_is_fixed() {
    const BROKEN: &str = "content/posts/second-interview.md:";
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let (events, _) = server.events();
    let good = fs::read_to_string(site.path("content/posts/second-interview.md")).unwrap();
    let shown_on = |path: &str, after: &str| {
        let html = server.get(path).text();
        let shown = overlay(&html).unwrap_or_else(|| panic!("{path}: no overlay after {after}:\n{html}"));
        assert!(shown.contains(BROKEN), "{path}: after {after} the overlay does not name {BROKEN}: {shown}");
    };

    // A: an unclosed `[` in the front matter.
    site.write("content/posts/second-interview.md", good.replace("tags: [interviews]", "tags: [interviews"));
    events.expect_reload(RELOAD_TIMEOUT, "breaking the front matter of second-interview.md");
    for path in ["/", "/posts/", ARTICLES[0].0, ARTICLES[1].0] {
        shown_on(path, "breaking second-interview.md");
    }
    events.drain(Duration::from_millis(150));

    // B, another article, edited while A is still broken: the site still does not build.
    let text = edited(&site, "content/posts/first-interview.md", "printed copy", "paper copy");
    site.write("content/posts/first-interview.md", text);
    events.expect_reload(RELOAD_TIMEOUT, "editing first-interview.md while second-interview.md is broken");
    for path in ["/", "/posts/", ARTICLES[0].0, ARTICLES[1].0, ARTICLES[2].0] {
        shown_on(path, "editing another article");
    }
    events.drain(Duration::from_millis(150));

    // A static file edited while A is still broken: served as saved, overlay still there.
    site.write("static/files/checklist.txt", "Checklist while broken.\n");
    events.expect_reload(RELOAD_TIMEOUT, "editing a static file while second-interview.md is broken");
    for path in ["/", ARTICLES[0].0, ARTICLES[1].0] {
        shown_on(path, "editing a static file");
    }
    assert_eq!(server.get("/files/checklist.txt").text(), "Checklist while broken.\n");
    assert!(!server.get("/files/checklist.txt").text().contains("careerpress-error"));
    events.drain(Duration::from_millis(150));

    // A fixed: the overlay goes, and B's edit made meanwhile is in.
    site.write("content/posts/second-interview.md", &good);
    events.expect_reload(RELOAD_TIMEOUT, "fixing second-interview.md");
    for path in ["/", "/posts/", "/no-such-page/", ARTICLES[0].0, ARTICLES[1].0, ARTICLES[2].0] {
        let html = server.get(path).text();
        assert!(overlay(&html).is_none() && !html.contains("careerpress-error"), "{path}: the overlay stayed");
    }
    assert!(server.get(ARTICLES[0].0).text().contains("paper copy"), "the edit made while broken is missing");
    assert!(server.get(ARTICLES[1].0).text().contains(ARTICLES[1].1));
    assert!(!server.stderr().contains("panicked"), "{}", server.output());
    drop(server);
    assert_nothing_written(&site);
}

/// Saving a template that includes itself used to overflow the server's stack and kill it.
#[test]
fn saving_a_template_that_includes_itself_shows_an_overlay_and_the_server_lives() {
    const CHAIN: &str = "partials/byline.html → partials/byline.html";
    let site = TestSite::new(FIXTURE);
    let mut server = start(&site);
    let (events, _) = server.events();
    site.write("templates/partials/byline.html", "<p>{{ page.title }}</p>\n{% include \"partials/byline.html\" %}\n");
    let page = "{% extends \"base.html\" %}\n{% block content %}{% include \"partials/byline.html\" %}{% endblock %}\n";
    site.write("templates/page.html", page);
    events.expect_reload(RELOAD_TIMEOUT, "saving a template that includes itself");
    assert!(
        server.wait_stderr(CHAIN, Instant::now() + Duration::from_secs(5)),
        "the error goes to stderr with its chain: {}",
        server.output()
    );
    assert!(server.child.try_wait().unwrap().is_none(), "the server died:\n{}", server.output());
    for path in ["/", ARTICLES[0].0] {
        let html = server.get(path).text();
        let shown = overlay(&html).unwrap_or_else(|| panic!("{path}: no overlay:\n{html}"));
        assert!(shown.contains("templates/partials/byline.html:2:1:") && shown.contains(CHAIN), "{path}: {shown}");
    }
    events.drain(Duration::from_millis(150));

    site.write("templates/partials/byline.html", "<p class=\"byline\">{{ page.title }}</p>\n");
    events.expect_reload(RELOAD_TIMEOUT, "fixing the template");
    let html = server.get(ARTICLES[0].0).text();
    assert!(overlay(&html).is_none() && html.contains("<p class=\"byline\">"), "{html}");
    assert!(!server.stderr().contains("panicked"), "{}", server.output());
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn editor_temp_and_backup_files_trigger_no_reload() {
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let (events, _) = server.events();
    site.write("content/posts/.foo.md.swp", "swap file bytes");
    site.write("content/posts/foo.md~", "---\ntitle: \"Backup\"\ndate: 2025-05-05\n---\n\nA backup.\n");
    site.write("content/posts/#foo.md#", "emacs autosave");
    site.write("content/posts/4913", "");
    let seen = events.drain(Duration::from_millis(500));
    assert!(seen.is_empty(), "editor files caused events: {seen:?}\n{}", server.output());
    assert_eq!(server.get("/posts/foo/").status, 404);
    assert!(!server.stdout().iter().any(|l| l.contains(" changed: ")), "{}", server.output());

    // The watcher still works afterwards.
    let text = edited(&site, "content/posts/first-interview.md", "printed copy", "paper copy");
    site.write("content/posts/first-interview.md", text);
    events.expect_reload(RELOAD_TIMEOUT, "a real edit after the editor files");
    assert!(server.get("/posts/first-interview/").text().contains("paper copy"));
    drop(server);
    assert_nothing_written(&site);
}

// ---------------------------------------------------------------------------------------
// Safety
// ---------------------------------------------------------------------------------------

#[test]
fn no_request_reaches_outside_the_site() {
    let site = TestSite::new(FIXTURE);
    let outside = site.dir().join("outside.txt");
    fs::write(&outside, format!("{OUTSIDE_SECRET}\n")).unwrap();
    assert!(fs::read_to_string(site.path("site.toml")).unwrap().contains(SITE_SECRET), "the fixture has the marker");
    let server = start(&site);
    let port = server.port;
    // Links out of the site fail the rebuild, which keeps the last good site; the copied
    // file swapped for one stays in that site, so requests for it meet the server's own
    // check that a copied file still resolves inside the site.
    #[cfg(unix)]
    {
        let (events, _) = server.events();
        std::os::unix::fs::symlink(&outside, site.path("static/leak.txt")).unwrap();
        std::os::unix::fs::symlink(site.dir(), site.path("static/up")).unwrap();
        fs::remove_file(site.path("static/files/checklist.txt")).unwrap();
        std::os::unix::fs::symlink(&outside, site.path("static/files/checklist.txt")).unwrap();
        events.expect_reload(RELOAD_TIMEOUT, "adding symlinks out of the site");
        // The watcher may see the three changes in more than one batch.
        let links = ["static/leak.txt:", "static/up:", "static/files/checklist.txt:"];
        let deadline = Instant::now() + RELOAD_TIMEOUT;
        loop {
            let shown = overlay(&server.get("/").text()).unwrap_or_default();
            if links.iter().all(|link| shown.contains(link)) {
                break;
            }
            assert!(Instant::now() < deadline, "the overlay does not name all of {links:?}: {shown}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    let targets = [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/site.toml",
        "/%2e%2e%2fsite.toml",
        "/posts/..%2f..%2fsite.toml",
        "/posts/../../site.toml",
        "/..\\site.toml",
        "/%5c..%5csite.toml",
        "/..%5csite.toml",
        "//etc/passwd",
        "/static/../../site.toml",
        "/site.toml",
        "/./site.toml",
        "/%2e/site.toml",
        "/content/posts/first-interview.md",
        "/static/files/checklist.txt",
        "/..%00/site.toml",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/../outside.txt",
        "/%2e%2e/outside.txt",
        // Double-encoded: decoded once, these are names with `%` in them, never `..`.
        "/%252e%252e/site.toml",
        "/%252e%252e%252fsite.toml",
        "/..%255c..%255csite.toml",
        // Overlong UTF-8 forms of `.` and `/` (invalid UTF-8, never decoded to ASCII).
        "/%c0%ae%c0%ae/site.toml",
        "/%c0%ae%c0%ae%c0%afsite.toml",
        "/%e0%80%ae%e0%80%ae/site.toml",
        "/%f0%80%80%ae%f0%80%80%ae/site.toml",
        // IIS-style `%u`, Tomcat-style `..;`, half-encoded dots, mixed case.
        "/%u002e%u002e/site.toml",
        "/..;/site.toml",
        "/posts/..;/..;/site.toml",
        "/.%2e/site.toml",
        "/%2e./site.toml",
        "/%2E%2e/SITE.TOML",
        "/posts/%2e%2e%5c%2e%2e%5csite.toml",
        // NUL and other controls in a segment.
        "/%00",
        "/site.toml%00.html",
        "/posts%00/../site.toml",
        "/%0d%0a/../site.toml",
    ];
    let mut targets: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
    // A very long path of real-looking segments, still under the 64 KiB head limit.
    targets.push(format!("{}../site.toml", "/posts".repeat(4000)));
    targets.push(format!("/{}/../site.toml", "a".repeat(20_000)));
    assert!(targets.len() >= 40, "the table covers at least 40 encodings: {}", targets.len());
    let mut requests: Vec<(String, String)> = targets
        .iter()
        .map(|t| (t.to_string(), format!("GET {t} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")))
        .collect();
    for t in ["/../site.toml", "/%2e%2e/site.toml", "/../outside.txt"] {
        let absolute = format!("http://127.0.0.1:{port}{t}");
        requests.push((
            absolute.clone(),
            format!("GET {absolute} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
        ));
    }
    if cfg!(unix) {
        for t in ["/leak.txt", "/up/outside.txt", "/up/site/site.toml", "/files/checklist.txt"] {
            requests.push((
                t.to_string(),
                format!("GET {t} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
            ));
        }
    }
    let mut failures = Vec::new();
    for (target, raw) in &requests {
        for method in ["GET", "HEAD"] {
            let raw = raw.replacen("GET ", &format!("{method} "), 1);
            match raw_request(port, &raw) {
                Ok(r) => {
                    let body = r.text();
                    if body.contains(SITE_SECRET) || body.contains(OUTSIDE_SECRET) || body.contains("root:x:0:0") {
                        failures.push(format!("{method} {target}: LEAKED a secret (status {})", r.status));
                    }
                    if !(400..500).contains(&r.status) {
                        failures.push(format!("{method} {target}: status {} (want 4xx)", r.status));
                    }
                }
                // A server that drops such a request outright leaks nothing either.
                Err(e) => eprintln!("{method} {target}: no response ({e})"),
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}\n{}", server.output());
    // Still serving normally afterwards.
    assert_eq!(server.get("/").status, 200);
    drop(server);
    assert_nothing_written(&site);
}

/// A page whose host name is re-pointed at 127.0.0.1 (DNS rebinding) still sends its own
/// name: every route, the live-reload stream included, refuses it and shows nothing of the
/// site, while the names of this machine are served.
#[test]
fn a_request_naming_another_host_is_refused_and_localhost_is_served() {
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let port = server.port;
    let (article, text) = ARTICLES[0];
    let foreign = [
        format!("attacker.example:{port}"),
        "attacker.example".to_string(),
        format!("localhost.attacker.com:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        String::new(),
        "a b".to_string(),
        "a".repeat(10_000),
    ];
    let mut failures = Vec::new();
    for host in &foreign {
        for path in [article, "/", "/style.css", "/no-such-page/", EVENTS_PATH] {
            for method in ["GET", "HEAD", "POST"] {
                let raw = format!(
                    "{method} {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n"
                );
                let short = |s: &str| s.chars().take(60).collect::<String>();
                let what = format!("{method} {path} with Host {:?}", short(host));
                match raw_request(port, &raw) {
                    Ok(r) if r.status == 421 && !r.text().contains(text) && !r.text().contains("<html") => {
                        if r.header("content-type") != Some("text/plain; charset=utf-8") {
                            failures.push(format!("{what}: refused as {:?}", r.header("content-type")));
                        }
                        if method == "GET" && !r.text().contains("localhost") {
                            failures.push(format!("{what}: the refusal does not say which names work"));
                        }
                    }
                    Ok(r) => failures.push(format!("{what}: status {} {:?}", r.status, short(&r.text()))),
                    Err(e) => failures.push(format!("{what}: {}", short(&e))),
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    for host in
        [format!("localhost:{port}"), format!("LOCALHOST:{port}"), format!("[::1]:{port}"), "a.localhost".into()]
    {
        let r =
            raw_request(port, &format!("GET {article} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")).unwrap();
        assert_ok_html(&r, &host);
        assert!(r.text().contains(text), "{host}");
    }
    let hello = live_reload_head(&server, &format!("localhost:{port}"));
    assert!(hello.starts_with("HTTP/1.1 200") && hello.contains("event: hello"), "{hello}");
    // HTTP/1.1 requires one Host; HTTP/1.0 did not, and no browser leaves it out.
    let get = |raw: &str| raw_request(port, raw).unwrap();
    assert_eq!(get(&format!("GET {article} HTTP/1.1\r\nConnection: close\r\n\r\n")).status, 400);
    let twice = format!("GET {article} HTTP/1.1\r\nHost: localhost\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert_eq!(get(&twice).status, 400);
    assert_ok_html(&get(&format!("GET {article} HTTP/1.0\r\n\r\n")), "HTTP/1.0 without Host");
    assert_eq!(get(&format!("GET {article} HTTP/1.0\r\nHost: attacker.example\r\n\r\n")).status, 421);
}

/// A proxy or a forwarded port in front of the preview sends its own name: `--allow-host`
/// answers it (and, given with a leading dot, every name under it), and nothing else.
#[test]
fn a_name_given_with_allow_host_is_served_and_others_still_refused() {
    let site = TestSite::new(FIXTURE);
    let args = ["--allow-host", "Preview.Example.test", "--allow-host", ".forward.example"];
    let server = DevServer::start(&careerpress_bin(), &site.root, &args, Duration::from_secs(30));
    let (article, text) = ARTICLES[0];
    let get = |host: &str| {
        raw_request(server.port, &format!("GET {article} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
            .unwrap()
    };
    for host in ["preview.example.test", "PREVIEW.example.test:443", "me-1111.forward.example", "localhost"] {
        let r = get(host);
        assert_ok_html(&r, host);
        assert!(r.text().contains(text), "{host}");
    }
    for host in ["example.test", "preview.example.test.attacker.example", "attacker.example"] {
        let r = get(host);
        assert_eq!(r.status, 421, "{host}: {}", r.text());
        assert!(r.text().contains("--allow-host"), "{host}: the refusal names the flag");
    }
    drop(server);
    // A value that could never match is refused at start, naming the flag's form.
    let r = crate::common::run_careerpress(
        ["serve", "--root", site.root.to_str().unwrap(), "--allow-host", "http://x.test:1111"],
        site.dir(),
    );
    assert_eq!(r.code, Some(2), "{r}");
    assert!(r.stderr.contains("is not a host name: give the name alone"), "{r}");
}

/// What the live-reload stream sends, up to its `hello` event or for five seconds, when
/// opened with `host` (the events client names 127.0.0.1).
fn live_reload_head(server: &DevServer, host: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = connect(server);
    write!(stream, "GET {EVENTS_PATH} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let (mut got, mut buf, started) = (Vec::new(), [0u8; 4096], Instant::now());
    while started.elapsed() < Duration::from_secs(5) && !String::from_utf8_lossy(&got).contains("event: hello") {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

#[test]
fn concurrent_requests_during_an_edit_are_all_complete() {
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let (events, _) = server.events();
    let port = server.port;
    let paths = ["/", "/posts/", ARTICLES[0].0, ARTICLES[1].0, ARTICLES[2].0, "/style.css", "/favicon.svg"];
    let started = Instant::now();
    let workers: Vec<_> = (0..8)
        .map(|t| {
            std::thread::spawn(move || {
                let mut problems = Vec::new();
                for i in 0..25 {
                    let path = paths[(t + i) % paths.len()];
                    let r = crate::common::server::get(port, path);
                    if r.status != 200 || !r.complete || r.body.is_empty() {
                        problems.push(format!(
                            "{path}: status {} complete {} len {}",
                            r.status,
                            r.complete,
                            r.body.len()
                        ));
                    } else if path.ends_with('/') && !r.text().trim_end().ends_with("</html>") {
                        problems.push(format!("{path}: truncated HTML"));
                    }
                }
                problems
            })
        })
        .collect();
    // The edit, while the requests are in flight.
    std::thread::sleep(Duration::from_millis(20));
    let text = edited(&site, "content/posts/salary-talk.md", "names a number", "names a figure");
    site.write("content/posts/salary-talk.md", text);
    let problems: Vec<String> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    events.expect_reload(RELOAD_TIMEOUT, "an edit under load");
    assert!(server.get(ARTICLES[2].0).text().contains("names a figure"));
    assert!(started.elapsed() < Duration::from_secs(20), "200 requests took {:?}", started.elapsed());
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn an_edit_reloads_while_static_files_are_requested_without_pause() {
    // Serving a static file reads it from its source, and the watcher hears each read: a
    // quiet period those reads kept resetting never ended under steady requests, and
    // edits were never rebuilt (found by `cargo bench --bench serve_load`).
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let (events, _) = server.events();
    let port = server.port;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut served = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    assert_eq!(crate::common::server::get(port, "/style.css").status, 200);
                    served += 1;
                }
                served
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let text = edited(&site, "content/posts/salary-talk.md", "names a number", "names a figure");
    site.write("content/posts/salary-talk.md", text);
    let reloaded = events.next(RELOAD_TIMEOUT);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let served: usize = readers.into_iter().map(|r| r.join().unwrap()).sum();
    assert!(served > 20, "the stylesheet was requested all along: {served}");
    assert!(reloaded.is_some(), "no reload within {RELOAD_TIMEOUT:?} under steady requests");
    assert!(server.get(ARTICLES[2].0).text().contains("names a figure"));
}

#[test]
fn ctrl_c_stops_the_server_at_once_with_status_0() {
    let site = TestSite::new(FIXTURE);
    let mut server = start(&site);
    // An open live-reload stream must not hold the server up.
    let (_events, _) = server.events();
    assert_eq!(server.get("/").status, 200);
    let pid = server.child.id() as libc::pid_t;
    // SAFETY: kill(2) on the server process this test started (it has not been waited for).
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let deadline = Instant::now() + Duration::from_secs(2);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running 2 s after SIGINT\n{}", server.output());
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "exit status after SIGINT: {status:?}\n{}", server.output());
    assert!(!server.stderr().contains("panicked"), "{}", server.output());
    drop(server);
    assert_nothing_written(&site);
}

// ---------------------------------------------------------------------------------------
// Connection limits
// ---------------------------------------------------------------------------------------

/// Reads until the server closes the connection (or resets it), for at most `limit`;
/// returns what arrived and how long the close took, `None` when it never came.
fn read_until_closed(stream: &mut std::net::TcpStream, limit: Duration) -> (Vec<u8>, Option<Duration>) {
    use std::io::Read;
    let started = Instant::now();
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return (got, Some(started.elapsed())),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return (got, None);
            }
            // A reset is the server closing too.
            Err(_) => return (got, Some(started.elapsed())),
        }
    }
}

fn connect(server: &DevServer) -> std::net::TcpStream {
    std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connect to the dev server")
}

/// A GET on its own connection that waits as long as `limit` for the answer.
fn patient_get(server: &DevServer, path: &str, limit: Duration) -> String {
    use std::io::Write;
    let mut stream = connect(server);
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let (reply, closed) = read_until_closed(&mut stream, limit);
    assert!(closed.is_some(), "no complete answer to GET {path} within {limit:?}");
    String::from_utf8_lossy(&reply).into_owned()
}

#[test]
fn silent_and_idle_connections_are_closed_but_live_reload_streams_stay() {
    use careerpress::serve::http::HEADER_TIMEOUT;
    use std::io::Write;
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let (events, _) = server.events();
    let mut silent = connect(&server);
    // Kept alive after one answer, then idle: the next request's header timer runs.
    let mut idle = connect(&server);
    write!(idle, "GET /style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let opened = Instant::now();
    let limit = HEADER_TIMEOUT + Duration::from_secs(10);
    for (what, stream) in [("a connection that sends nothing", &mut silent), ("an idle kept-alive one", &mut idle)] {
        let (got, closed) = read_until_closed(stream, limit.saturating_sub(opened.elapsed()));
        assert!(closed.is_some(), "{what} was still open after {limit:?}");
        let took = opened.elapsed();
        assert!(took >= HEADER_TIMEOUT - Duration::from_secs(2), "{what} was closed after {took:?} only");
        if what.contains("idle") {
            assert!(String::from_utf8_lossy(&got).starts_with("HTTP/1.1 200"), "{what}: {got:?}");
        }
    }
    // The live-reload stream outlived the timeout: it is not waiting for a request.
    let text = edited(&site, "content/posts/first-interview.md", "Arrive ten minutes early", "Arrive early");
    site.write("content/posts/first-interview.md", text);
    events.expect_reload(RELOAD_TIMEOUT, "an edit after the header timeout");
}

#[test]
fn idle_connections_past_the_cap_delay_a_get_but_never_lose_it() {
    use careerpress::serve::http::{HEADER_TIMEOUT, MAX_CONNECTIONS};
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    // Below the cap, idle connections take nothing from a request.
    let mut held: Vec<_> = (0..MAX_CONNECTIONS / 2).map(|_| connect(&server)).collect();
    let started = Instant::now();
    let page = server.get("/posts/first-interview/");
    assert_ok_html(&page, "a GET beside idle connections");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    // Past it, the GET waits in the queue until the idle ones time out, then is answered.
    held.extend((0..MAX_CONNECTIONS / 2 + 50).map(|_| connect(&server)));
    let reply = patient_get(&server, "/posts/first-interview/", HEADER_TIMEOUT * 2 + Duration::from_secs(10));
    assert!(reply.starts_with("HTTP/1.1 200"), "{}", &reply[..reply.len().min(200)]);
    assert!(reply.contains("Arrive ten minutes early"));
    drop(held);
}

#[test]
fn a_one_megabyte_request_head_is_refused_with_431() {
    use std::io::Write;
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    let mut stream = connect(&server);
    let mut writer = stream.try_clone().unwrap();
    // Written from another thread: the server answers and closes long before the last
    // byte, and the answer must be read while the rest is still being sent.
    let sender = std::thread::spawn(move || {
        let head = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\n\r\n", "a".repeat(1 << 20));
        let _ = writer.write_all(head.as_bytes());
    });
    let (reply, closed) = read_until_closed(&mut stream, Duration::from_secs(10));
    assert!(closed.is_some(), "the connection stayed open");
    let reply = String::from_utf8_lossy(&reply);
    assert!(reply.starts_with("HTTP/1.1 431"), "{reply:?}");
    sender.join().unwrap();
    // And the server goes on serving.
    assert_ok_html(&server.get("/"), "home after a huge request");
}

// ---------------------------------------------------------------------------------------
// Less common cases
// ---------------------------------------------------------------------------------------

#[test]
fn a_watched_folder_created_after_start_is_watched_too() {
    // The fixture has no templates/ folder: a site override made while serving must be
    // picked up, and so must every later edit of it.
    let site = TestSite::new(FIXTURE);
    assert!(!site.path("templates").exists());
    let server = start(&site);
    let (events, _) = server.events();
    let template = |v: &str| {
        format!("<!DOCTYPE html>\n<html><head><title>Lost</title></head><body><h1>Custom missing page {v}</h1></body></html>\n")
    };

    fs::create_dir(site.path("templates")).unwrap();
    // Creating the folder may or may not rebuild by itself; let that settle first.
    events.drain(Duration::from_millis(300));
    site.write("templates/404.html", template("v1"));
    events.expect_reload(RELOAD_TIMEOUT, "creating templates/404.html in a folder made after start");
    assert!(server.get("/nope/").text().contains("Custom missing page v1"), "{}", server.get("/nope/").text());
    events.drain(Duration::from_millis(150));

    site.write("templates/404.html", template("v2"));
    events.expect_reload(RELOAD_TIMEOUT, "editing templates/404.html (its folder was made after start)");
    assert!(server.get("/nope/").text().contains("Custom missing page v2"));
    // No page open and no shortcode: the pages the template draws, on the content as loaded.
    let deadline = Instant::now() + RELOAD_TIMEOUT;
    let line = server.wait_stdout(|l| l.contains("templates/404.html changed: "), deadline).unwrap_or_default();
    assert!(line.contains("kept the content, rendering the pages the change shows in"), "{line}\n{}", server.output());
    // Only the page 404.html draws: every other page is drawn with other templates.
    let rest = server.wait_stdout(|l| l.contains("then rendered"), deadline).unwrap_or_default();
    assert!(rest.contains("then rendered 1 page (feeds and sitemap unchanged)"), "{rest}\n{}", server.output());
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn a_site_that_fails_its_first_build_shows_the_error_and_recovers_without_restart() {
    let site = TestSite::new(FIXTURE);
    let good = fs::read_to_string(site.path("content/posts/salary-talk.md")).unwrap();
    site.write("content/posts/salary-talk.md", good.replace("date: 2025-03-03", "date: 2025-02-30"));
    let server = start(&site);
    assert!(
        server.wait_stderr("content/posts/salary-talk.md:", Instant::now() + Duration::from_secs(5)),
        "{}",
        server.output()
    );
    let (events, _) = server.events();
    for path in ["/", ARTICLES[0].0] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}: nothing good was ever built");
        let shown = overlay(&r.text()).unwrap_or_else(|| panic!("{path}: no overlay: {}", r.text()));
        assert!(shown.contains("content/posts/salary-talk.md:3:"), "{path}: {shown}");
        assert!(r.text().contains("EventSource"), "{path}: the error page must reload when fixed");
    }
    site.write("content/posts/salary-talk.md", &good);
    events.expect_reload(RELOAD_TIMEOUT, "fixing a site that never built");
    let r = server.get(ARTICLES[2].0);
    assert_ok_html(&r, "fixed article");
    assert!(r.text().contains(ARTICLES[2].1) && overlay(&r.text()).is_none());
    drop(server);
    assert_nothing_written(&site);
}

#[test]
fn without_watch_a_site_that_fails_its_first_build_is_an_error_and_no_server() {
    let site = TestSite::new(FIXTURE);
    let good = fs::read_to_string(site.path("content/posts/salary-talk.md")).unwrap();
    site.write("content/posts/salary-talk.md", good.replace("date: 2025-03-03", "date: 2025-02-30"));
    // Nothing would ever rebuild it: serving the error page until killed helps nobody.
    let started = DevServer::try_start(&careerpress_bin(), &site.root, 0, &[], Duration::from_secs(30));
    let Err(said) = started else { panic!("a server started for a site that does not build") };
    assert!(said.contains("exit status: 1"), "{said}");
    assert!(said.contains("content/posts/salary-talk.md:3:"), "{said}");
    assert_nothing_written(&site);
}

#[test]
fn redirects_stay_on_the_site() {
    let site = TestSite::new(FIXTURE);
    let server = start(&site);
    // `//posts` names the folder posts/; sending the browser to `//posts/` would be a
    // protocol-relative URL, i.e. the host "posts".
    for path in ["//posts", "//posts/first-interview", "/posts//first-interview"] {
        let r = server.get(path);
        if r.status == 308 || r.status == 301 || r.status == 302 || r.status == 307 {
            let location = r.header("location").unwrap_or_default().to_string();
            assert!(
                location.starts_with('/') && !location.starts_with("//") && !location.starts_with("/\\"),
                "{path}: redirects off the site to {location:?}"
            );
        } else {
            assert_eq!(r.status, 404, "{path}");
        }
    }
    drop(server);
}

#[test]
fn a_build_while_serve_runs_publishes_and_the_server_keeps_serving() {
    let site = TestSite::new("serve-basic");
    let server = start(&site);
    // serve writes nothing, so a build into the site's own folder shares nothing with it.
    let public = site.path("public");
    let build = crate::common::run_careerpress(
        ["build", "--root", &site.root.display().to_string(), "--output", &public.display().to_string()],
        site.dir(),
    );
    build.assert_success();
    for (path, text) in ARTICLES {
        assert!(
            crate::common::read_output(&public, &format!("{}index.html", &path[1..])).contains(text),
            "{path} published"
        );
        let r = server.get(path);
        assert_ok_html(&r, path);
        assert!(r.text().contains(text), "{path} still served");
    }
    // An edit during the next build: both the server and the build see a whole site.
    let (events, _) = server.events();
    let file = site.path("content/posts/salary-talk.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Research the range for the role", "Research the pay band first")).unwrap();
    let build = crate::common::run_careerpress(
        ["build", "--root", &site.root.display().to_string(), "--output", &public.display().to_string()],
        site.dir(),
    );
    build.assert_success();
    events.expect_reload(RELOAD_TIMEOUT, "editing during a build");
    assert!(server.get("/posts/salary-talk/").text().contains("Research the pay band first"));
    assert!(crate::common::read_output(&public, "posts/salary-talk/index.html").contains("Research the pay band first"));
}

/// A slug edit applied in place used to check the new URL against pages and aliases only:
/// a copied file on the page's new folder (`static/posts/moved`) was served beside it,
/// while `build` refuses the same site. The edit now fails as the build does.
#[test]
fn a_new_slug_onto_a_copied_file_is_refused_as_a_build_refuses_it() {
    let site = TestSite::new("serve-basic");
    site.write("static/posts/moved", "a copied file\n");
    let server = start(&site);
    let (events, _) = server.events_on("/posts/salary-talk/");
    let rel = "content/posts/salary-talk.md";
    site.write(rel, edited(&site, rel, "---\n", "---\nslug: moved\n"));
    events.expect_reload(RELOAD_TIMEOUT, "a slug onto a copied file");
    let html = server.get("/posts/salary-talk/").text();
    let shown = overlay(&html).unwrap_or_else(|| panic!("no error overlay:\n{html}\n{}", server.output()));
    assert!(shown.contains("posts/moved") && shown.contains("static/posts/moved"), "{shown}");
    let built = site.build(&[]);
    built.assert_clean_failure();
    assert!(built.stderr.contains("static/posts/moved"), "{built}");
}
