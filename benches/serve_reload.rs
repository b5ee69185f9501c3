//! Edit-to-reload time of `careerpress serve --watch` on the generated site of
//! benches/corpus (10,000 articles and 2,000 listings; `CAREERPRESS_RELOAD_ARTICLES`
//! changes the size): `cargo bench --bench serve_reload`. Starts the real binary, listens
//! on the live-reload stream, then makes each kind of edit in turn (a body, a title, the
//! tags, the date, the slug, a new article file then its deletion, then the theme's
//! base.html, which every page extends) and measures
//! from just before the write to the `reload` event, then checks the page shows the edit.
//! The stream is opened as the edited article's page opens it (article 17's for base.html),
//! so an edit that shows on many pages draws that page first; each kind is also measured
//! until a page drawn after it (the home page) is served, and base.html until another
//! article, asked for right after the reload, is served and until every page is drawn.
//! Prints; asserts nothing about timing.

mod corpus;
// Only part of the test client is needed here.
#[allow(dead_code)]
#[path = "../tests/suite/common/server.rs"]
mod server;

use corpus::Corpus;
use server::DevServer;
use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const EDITS: usize = 5;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Prints one kind of edit's times, with the server's own line (the last with `says`).
fn report(server: &DevServer, kind: &str, says: &str, times: Vec<Duration>) {
    let line = server.stdout().into_iter().rev().find(|l| l.contains(says)).unwrap_or_default();
    println!(
        "serve_reload: {kind}, {EDITS} edits: min {:.0} ms, median {:.0} ms, max {:.0} ms  [last: {line}]",
        ms(*times.iter().min().unwrap()),
        ms(median(times.clone())),
        ms(*times.iter().max().unwrap())
    );
}

fn main() {
    let articles: usize =
        std::env::var("CAREERPRESS_RELOAD_ARTICLES").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let t = Instant::now();
    Corpus::new(articles, articles / 5).write_careerpress(&root);
    println!("serve_reload: generated {articles} articles and {} listings in {:.0} ms", articles / 5, ms(t.elapsed()));

    let bin = PathBuf::from(env!("CARGO_BIN_EXE_careerpress"));
    let started = Instant::now();
    let server = DevServer::start(&bin, &root, &["--watch"], Duration::from_secs(600));
    let ready = started.elapsed();
    let built =
        server.stdout().into_iter().find(|l| l.starts_with("Built ")).unwrap_or_else(|| "(no Built line)".into());
    println!("serve_reload: initial build, as the server reports it: {built}");
    println!("serve_reload: process start to \"Watching\": {:.0} ms", ms(ready));

    // (kind, the article's new text, what its page must then show)
    type Edit = fn(usize, usize) -> (String, String);
    let kinds: [(&str, Edit); 5] = [
        ("body", |i, n| {
            let marker = format!("edit number {n}");
            (Corpus::article(i, &marker), marker)
        }),
        ("title", |i, n| {
            let title = Corpus::title(i);
            let new = format!("Retitled {n}");
            (Corpus::article(i, "nothing new").replacen(&title, &new, 1), new)
        }),
        ("tags", |i, n| {
            let tag = format!("fresh-tag-{n}");
            (Corpus::article(i, "nothing new").replacen("tags: [", &format!("tags: [{tag}, "), 1), tag)
        }),
        ("date", |i, n| {
            let date = format!("2026-11-{:02}", 10 + n);
            (Corpus::article(i, "nothing new").replacen(&Corpus::date(i), &format!("{date}T08:00:00Z"), 1), date)
        }),
        // The page moves to /<section>/moved-<n>/: its page is looked for there.
        ("slug", |i, n| {
            let text =
                Corpus::article(i, "nothing new").replacen("---\ntitle:", &format!("---\nslug: moved-{n}\ntitle:"), 1);
            (text, format!("/{}/moved-{n}/", Corpus::section(i)))
        }),
    ];
    // `CAREERPRESS_RELOAD_KINDS=body,date` measures only those kinds (`new` for a new and
    // a deleted article file, `base.html` for the template): at 100,000 articles each
    // template edit takes a minute.
    let wanted = std::env::var("CAREERPRESS_RELOAD_KINDS").ok();
    let measures = |kind: &str| wanted.as_deref().is_none_or(|w| w.split(',').any(|k| k.trim() == kind));
    for (kind, make) in kinds.into_iter().filter(|(kind, _)| measures(kind)) {
        let (mut times, mut all) = (Vec::with_capacity(EDITS), Vec::with_capacity(EDITS));
        for n in 0..EDITS {
            let i = n * (articles / EDITS) + 17;
            let (text, shows) = make(i, n);
            // The author's browser shows the article being edited.
            let (events, _) = server.events_on(&Corpus::article_url(i));
            let before = Instant::now();
            fs::write(root.join(Corpus::article_path(i)), text).unwrap();
            events.expect_reload(Duration::from_secs(120), &format!("a {kind} edit of article {i}"));
            times.push(before.elapsed());
            let (url, shows) = match kind {
                "slug" => (shows.clone(), shows),
                _ => (Corpus::article_url(i), shows),
            };
            let page = server.get(&url);
            assert!(page.text().contains(&shows), "reload before the {kind} edit of article {i} was served");
            // The home page, which waits for any pages still being drawn.
            server.get_within("/", Duration::from_secs(300));
            all.push(before.elapsed());
            // Let trailing events of this save settle before the next one.
            events.drain(Duration::from_millis(300));
        }
        report(&server, &format!("{kind} edit to the open page's reload"), " changed: ", times);
        report(&server, &format!("{kind} edit until every page is drawn"), " changed: ", all);
        // Put the articles back, untimed, so that the next kind's edits change only what
        // they say (a new slug would otherwise also move back the date edits' dates).
        let (events, _) = server.events();
        for n in 0..EDITS {
            let i = n * (articles / EDITS) + 17;
            fs::write(root.join(Corpus::article_path(i)), Corpus::article(i, "nothing new")).unwrap();
            events.expect_reload(Duration::from_secs(120), &format!("putting back article {i}"));
            events.drain(Duration::from_millis(300));
        }
    }
    if measures("new") {
        new_and_deleted_articles(&server, &root, articles);
    }
    if !measures("base.html") {
        return;
    }
    // A template every page extends: each edit renders the whole site again.
    let base = root.join("themes/default/templates/base.html");
    let original = fs::read_to_string(&base).unwrap();
    let (mut times, mut asked, mut all) = (Vec::new(), Vec::new(), Vec::new());
    let (events, _) = server.events_on(&Corpus::article_url(17));
    // What the server said so far is not about these edits.
    server.wait_stdout(|_| false, Instant::now() + Duration::from_millis(10));
    for n in 0..EDITS {
        let marker = format!("<!-- template edit {n} -->");
        let before = Instant::now();
        fs::write(&base, original.replacen("</body>", &format!("{marker}</body>"), 1)).unwrap();
        events.expect_reload(Duration::from_secs(300), &format!("template edit {n}"));
        times.push(before.elapsed());
        let page = server.get(&Corpus::article_url(17));
        assert!(page.text().contains(&marker), "reload before template edit {n} was served");
        // A page not open, asked for while the rest is drawn (as by a click): drawn next.
        let other = server.get_within(&Corpus::article_url(18 + n), Duration::from_secs(300));
        asked.push(before.elapsed());
        assert!(other.text().contains(&marker), "a page not open was served stale after template edit {n}");
        let deadline = Instant::now() + Duration::from_secs(300);
        server.wait_stdout(|l| l.contains("then rendered"), deadline).expect("the rest of the site was drawn");
        all.push(before.elapsed());
        events.drain(Duration::from_millis(300));
    }
    report(&server, "base.html edit to the open page's reload", " changed: ", times);
    report(&server, "base.html edit to another page, asked for then", " changed: ", asked);
    report(&server, "base.html edit until every page is drawn", "then rendered", all);
    let stderr = server.stderr();
    if !stderr.trim().is_empty() {
        println!("serve_reload: server stderr:\n{}", stderr.lines().take(5).collect::<Vec<_>>().join("\n"));
    }
}

/// A new article file (the newest of the site, so every list it is in moves), then the
/// same file deleted: each joins or leaves the site in place (`site::membership`),
/// drawing the page open in a browser first.
/// Measured to that page's reload, to the new article's page (which waits until drawn),
/// and until every page is drawn (the server's "then rendered" line).
fn new_and_deleted_articles(server: &DevServer, root: &std::path::Path, articles: usize) {
    let mut times: [Vec<Duration>; 5] = Default::default();
    let (events, _) = server.events_on(&Corpus::article_url(17));
    // Its rest, when the open page was drawn first: a reload's ("then rendered"), or an
    // article's joining or leaving the site in place ("then re-rendered").
    let until_drawn = || {
        let deadline = Instant::now() + Duration::from_secs(300);
        let changed = server.wait_stdout(|l| l.contains(" changed: "), deadline).unwrap_or_default();
        if changed.contains(" first") {
            let rest = |l: &str| l.trim_start().starts_with("then ");
            server.wait_stdout(rest, deadline).expect("the rest of the site was drawn");
        }
    };
    for n in 0..EDITS {
        let i = n * (articles / EDITS) + 17;
        let rel = format!("content/{}/brand-new-{n}.md", Corpus::section(i));
        let text = Corpus::article(i, "brand new").replacen(&Corpus::date(i), "2026-11-30T08:00:00Z", 1);
        // What the server said so far is not about this file.
        server.wait_stdout(|_| false, Instant::now() + Duration::from_millis(10));
        let before = Instant::now();
        fs::write(root.join(&rel), text).unwrap();
        events.expect_reload(Duration::from_secs(120), &format!("new article {n}"));
        times[0].push(before.elapsed());
        let url = format!("/{}/brand-new-{n}/", Corpus::section(i));
        let page = server.get_within(&url, Duration::from_secs(300));
        assert!(String::from_utf8_lossy(&page.body).contains("brand new"), "the new article {url} was not served");
        times[1].push(before.elapsed());
        until_drawn();
        times[2].push(before.elapsed());
        events.drain(Duration::from_millis(300));
        server.wait_stdout(|_| false, Instant::now() + Duration::from_millis(10));
        let before = Instant::now();
        fs::remove_file(root.join(&rel)).unwrap();
        events.expect_reload(Duration::from_secs(120), &format!("deleting new article {n}"));
        times[3].push(before.elapsed());
        until_drawn();
        times[4].push(before.elapsed());
        assert_eq!(server.get(&url).status, 404, "{url} is still served after its file was deleted");
        events.drain(Duration::from_millis(300));
    }
    let [added, shown, added_all, deleted, deleted_all] = times;
    report(server, "new article to the open page's reload", " changed: ", added);
    report(server, "new article until its own page is served", " changed: ", shown);
    report(server, "new article until every page is drawn", "  then ", added_all);
    report(server, "deleted article to the open page's reload", " changed: ", deleted);
    report(server, "deleted article until every page is drawn", "  then ", deleted_all);
}
