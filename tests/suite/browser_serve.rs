//! Live reload in a real browser: `careerpress serve --watch` on the `serve-basic` fixture,
//! an article open in headless Chromium, then a file edited on disk, and the page must
//! reload by itself (a fresh document, not a patched one) and show the change: after an
//! edit of the article's Markdown, and after an edit of the theme, where the page's own
//! script must have told the server which page is open, so that it is rendered first.

use crate::common::browser::Driver;
use crate::common::server::DevServer;
use crate::common::{careerpress_bin, TestSite};
use serde_json::{json, Value};
use std::fs;
use std::time::{Duration, Instant};

const ARTICLE: &str = "/posts/first-interview/";

/// Opens `ARTICLE`, waits until it has loaded, and marks its document (a reload drops the
/// mark); returns the document's origin time and text.
fn open_and_mark(driver: &Driver, server: &DevServer) -> Value {
    driver.go(&server.url(ARTICLE));
    // No need to wait for the stream itself: if the edit lands before it connects, its
    // hello carries a build id the page was not served with, and the page reloads anyway.
    let deadline = Instant::now() + Duration::from_secs(10);
    while driver.js("return document.readyState") != json!("complete") {
        assert!(Instant::now() < deadline, "the page did not load\n{}", server.output());
        std::thread::sleep(Duration::from_millis(50));
    }
    let before =
        driver.js("window.__marker = 1; return { origin: performance.timeOrigin, text: document.body.innerText }");
    assert_eq!(driver.js("return window.__marker"), json!(1));
    before
}

/// Waits until the page is a new document whose text contains `shows`.
fn wait_for_reload(driver: &Driver, server: &DevServer, before: &Value, shows: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let after = loop {
        // A navigation in progress can make a script call fail; poll again then.
        let now = driver.try_js(
            "return { marker: window.__marker === undefined ? null : window.__marker, \
             origin: performance.timeOrigin, text: document.body ? document.body.innerText : '' }",
        );
        if let Ok(v) = now {
            if v["marker"].is_null() && v["text"].as_str().is_some_and(|t| t.contains(shows)) {
                break v.clone();
            }
        }
        assert!(
            Instant::now() < deadline,
            "the page did not reload showing {shows:?} within 10 s: {:?}\n{}",
            driver.try_js("return { marker: window.__marker, text: document.body.innerText }"),
            server.output()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_ne!(after["origin"], before["origin"], "a new document: {before} then {after}");
    assert!(!after["text"].as_str().unwrap().contains("the site does not build"), "{after}");
}

/// The server's line about the save of `file` says `says`.
fn assert_drawn_first(server: &DevServer, file: &str, says: &str) {
    let line = server.stdout().into_iter().find(|l| l.contains(file) && l.contains(" changed: "));
    assert!(line.as_deref().is_some_and(|l| l.contains(says)), "{}", server.output());
}

#[test]
#[ignore = "needs chromium + chromedriver"]
fn an_open_page_reloads_by_itself_after_an_edit() {
    crate::common::browser::require();
    let started = Instant::now();
    let site = TestSite::new("serve-basic");
    let server = DevServer::start(&careerpress_bin(), &site.root, &["--watch"], Duration::from_secs(30));
    let driver = Driver::start();

    let before = open_and_mark(&driver, &server);
    assert!(before["text"].as_str().unwrap().contains("Arrive ten minutes early"), "{before}");
    let rel = "content/posts/first-interview.md";
    let text = fs::read_to_string(site.path(rel)).unwrap();
    let new_sentence = "Practise your answers out loud the evening before.";
    site.write(rel, text.replace("Arrive ten minutes early", &format!("{new_sentence} Arrive ten minutes early")));
    wait_for_reload(&driver, &server, &before, new_sentence);

    // A theme edit: the page's script named its page when it connected, so the server
    // renders this page before the rest of the site.
    let before = open_and_mark(&driver, &server);
    let base = "themes/default/templates/base.html";
    let text = fs::read_to_string(site.path(base)).unwrap();
    let marker = "Edited in the theme while the page was open.";
    site.write(base, text.replacen("</body>", &format!("<p>{marker}</p></body>"), 1));
    wait_for_reload(&driver, &server, &before, marker);
    assert_drawn_first(&server, "base.html", "kept the content, rendered the page open in a browser first");

    // A new article file joins the loaded site in place: this page is drawn again, with
    // the new article (same date, a title sorting first) as its neighbour.
    let before = open_and_mark(&driver, &server);
    let fresh = fs::read_to_string(site.path(rel)).unwrap();
    let title = "A brand new first page";
    let fresh = fresh.lines().map(|l| if l.starts_with("title:") { format!("title: {title}") } else { l.to_string() });
    let fresh: Vec<String> = fresh.collect();
    site.write("content/posts/zz-brand-new.md", fresh.join("\n"));
    wait_for_reload(&driver, &server, &before, title);
    assert_drawn_first(&server, "zz-brand-new.md", "re-rendered ");
    drop(driver);
    drop(server);
    assert!(!site.path("public").exists(), "serve wrote the deploy folder");
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
}
