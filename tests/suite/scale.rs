//! A generated site of 2,000 articles in five sections, each with 3 to 6 of 200 tags, and
//! 200 job listings (benches/corpus, the benchmarks' own generator): every page is there,
//! previous/next are mutual down each section, every internal link resolves, every tag
//! lists exactly its articles, and the dev server's rebuild after each kind of edit gives
//! byte for byte what a full build gives. Correctness at size, not timing.

#[path = "../../benches/corpus/mod.rs"]
mod corpus;

use crate::common::*;
use careerpress::output::Data;
use careerpress::serve::rebuild::Rebuilder;
use careerpress::serve::state::StaleFiles;
use careerpress::site::cache::{Fingerprints, RenderCache};
use careerpress::site::{self, BuildOptions, Site, Target, Timings};
use corpus::{Corpus, SECTIONS};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const ARTICLES: usize = 2_000;
const LISTINGS: usize = 200;
const BASE: &str = "https://scale.example.org/";
/// 2026-12-01T00:00:00Z: every generated listing is open, every article published.
const TODAY: &str = "1796083200";

fn url(path: &str) -> String {
    format!("{}{}", BASE.trim_end_matches('/'), path)
}

#[test]
fn a_generated_site_of_2000_articles_is_whole_and_consistent() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let out = tmp.path().join("out");
    Corpus::new(ARTICLES, LISTINGS).write_careerpress(&root);
    let args = ["build", "--root", &root.display().to_string(), "--output", &out.display().to_string()];
    run_careerpress_with(args, tmp.path(), &[("SOURCE_DATE_EPOCH", TODAY)]).assert_success();

    let mut missing = Vec::new();
    let mut by_tag: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for i in 0..ARTICLES {
        let page = Corpus::article_url(i);
        if !out.join(&page[1..]).join("index.html").is_file() {
            missing.push(page.clone());
        }
        for tag in Corpus::tags(i) {
            by_tag.entry(tag).or_default().insert(url(&page));
        }
    }
    for j in 0..LISTINGS {
        let page = format!("jobs/{}/index.html", Corpus::listing_slug(j));
        if !out.join(&page).is_file() {
            missing.push(page);
        }
    }
    assert!(missing.is_empty(), "{} pages missing, first {:?}", missing.len(), &missing[..missing.len().min(5)]);

    // Each section lists its articles newest first (the lowest numbers), every one once,
    // and previous/next walk that list both ways.
    for (s, section) in SECTIONS.iter().enumerate() {
        let (listed, _) = section_listing(&url(&format!("/{section}/")), BASE, &out);
        let wanted: Vec<String> = (s..ARTICLES).step_by(SECTIONS.len()).map(|i| url(&Corpus::article_url(i))).collect();
        assert_eq!(listed, wanted, "the {section} section's list");
        assert_prev_next_follow_listing(&wanted, BASE, &out);
    }

    // Every tag's pages list exactly the articles that carry it.
    assert!(by_tag.len() > 150, "the corpus spreads over the tags: {}", by_tag.len());
    for (tag, wanted) in &by_tag {
        let (listed, _) = section_listing(&url(&format!("/tags/{tag}/")), BASE, &out);
        let got: BTreeSet<String> = listed.iter().cloned().collect();
        assert_eq!(got.len(), listed.len(), "tag {tag} lists an article twice");
        assert_eq!(&got, wanted, "tag {tag}");
    }

    check_links(&out, BASE).assert_ok();
}

// ---------------------------------------------------------------------------------------
// The dev server's rebuilds
// ---------------------------------------------------------------------------------------

type Served = HashMap<String, Arc<Data>>;

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        base_url: Some("/".into()),
        drafts: false,
        future: false,
        today: careerpress::dates::today().unwrap(),
        preview: true,
    }
}

/// What a fresh load and render of the whole site serves.
fn full_build(root: &Path) -> BTreeMap<String, Data> {
    let site = Site::load(&options(root), &mut Timings::default()).unwrap();
    site::render(&site).unwrap().into_iter().map(|f| (f.rel, f.data)).collect()
}

fn same(a: &Data, b: &Data) -> bool {
    match (a, b) {
        (Data::Bytes(x), Data::Bytes(y)) => x == y,
        (Data::Copy(x), Data::Copy(y)) | (Data::Published { path: x, .. }, Data::Published { path: y, .. }) => x == y,
        _ => false,
    }
}

/// Panics naming the first files that differ between what the server serves and a full build.
fn assert_served_equals_full_build(served: &Served, root: &Path, after: &str) {
    let full = full_build(root);
    let served_keys: BTreeSet<&String> = served.keys().collect();
    let full_keys: BTreeSet<&String> = full.keys().collect();
    let only_served: Vec<_> = served_keys.difference(&full_keys).take(5).collect();
    let only_full: Vec<_> = full_keys.difference(&served_keys).take(5).collect();
    assert!(
        only_served.is_empty() && only_full.is_empty(),
        "after {after}: served only {only_served:?}, built only {only_full:?}"
    );
    let differ: Vec<&String> = full.iter().filter(|(k, d)| !same(&served[*k], d)).map(|(k, _)| k).take(5).collect();
    assert!(differ.is_empty(), "after {after}: served files differ from a full build: {differ:?}");
}

/// Applies `batch` as the dev server does with the pages `open` in a browser, and returns
/// what it then serves and the first outcome's summary (`partial` tells whether a rest
/// came after, which `finish_rest` draws).
fn serve_change(
    rebuilder: &mut Rebuilder,
    served: &Served,
    batch: &BTreeSet<PathBuf>,
    open: &HashSet<String>,
    what: &str,
) -> (Served, String, bool) {
    let (mut done, mut stale, summary) = apply_change(rebuilder, served, StaleFiles::default(), batch, open, what);
    let partial = rebuilder.has_rest();
    if partial {
        assert!(
            open.iter().any(|k| !stale.contains(k, &done) && done.contains_key(k)),
            "after {what}: no open page drawn first"
        );
    }
    finish_rest(rebuilder, &mut done, &mut stale, usize::MAX, what);
    (done, summary, partial)
}

/// `served` (with `stale` as the server counts it) after the first outcome of `batch`:
/// the files, those of them still stale, and the outcome's summary.
fn apply_change(
    rebuilder: &mut Rebuilder,
    served: &Served,
    mut stale: StaleFiles,
    batch: &BTreeSet<PathBuf>,
    open: &HashSet<String>,
    what: &str,
) -> (Served, StaleFiles, String) {
    let outcome = rebuilder.apply(batch, open).unwrap_or_else(|e| panic!("{what}: {e:#}"));
    let summary = outcome.summary.clone();
    let mut done = served.clone();
    outcome.apply_to(&mut done, &mut stale);
    let left = stale.keys(&done).len();
    assert!(rebuilder.has_rest() || left == 0, "after {what}: {left} files stale with nothing left");
    (done, stale, summary)
}

/// Draws at most `steps` steps of the rest of a change, each asking for one stale page as
/// a waiting request would: that page is drawn by that step. A file no longer stale never
/// changes after, and the rest adds no file it did not name stale.
fn finish_rest(rebuilder: &mut Rebuilder, done: &mut Served, stale: &mut StaleFiles, steps: usize, what: &str) {
    let settled = |done: &Served, stale: &StaleFiles| -> Served {
        done.iter().filter(|(k, _)| !stale.contains(k, done)).map(|(k, d)| (k.clone(), d.clone())).collect()
    };
    let mut before = settled(done, stale);
    for n in 0..steps {
        if !rebuilder.has_rest() {
            break;
        }
        // Now and then (a step that is asked for draws only what is asked): pages are
        // drawn by the steps, feeds and the sitemap with the last.
        let named = stale.keys(done);
        let asking = named.iter().filter(|k| k.ends_with(".html")).min().filter(|_| n % 5 == 0);
        let asked: HashSet<String> = asking.cloned().into_iter().collect();
        let step = rebuilder.rest(&asked).unwrap_or_else(|e| panic!("{what}, the rest: {e:#}"));
        let keys: HashSet<String> = done.keys().cloned().collect();
        step.apply_to(done, stale);
        let added: Vec<&String> = done.keys().filter(|k| !keys.contains(*k) && !named.contains(*k)).collect();
        assert!(added.is_empty(), "after {what}: the rest added files not named stale: {added:?}");
        for key in &asked {
            assert!(!stale.contains(key, done), "after {what}: {key} was asked for and is still stale");
        }
        for (key, data) in &before {
            let now = done.get(key).unwrap_or_else(|| panic!("after {what}: {key} went, not named stale"));
            assert!(
                Arc::ptr_eq(now, data) || same(now, data),
                "after {what}: {key} changed after it was served as done"
            );
        }
        before = settled(done, stale);
    }
}

fn edit(root: &Path, rel: &str, change: impl FnOnce(&str) -> String) -> PathBuf {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = change(&text);
    assert_ne!(changed, text, "the edit of {rel} changes it");
    std::fs::write(&path, changed).unwrap();
    PathBuf::from(rel)
}

#[test]
fn every_kind_of_edit_served_by_the_dev_server_equals_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    Corpus::new(ARTICLES, LISTINGS).write_careerpress(&root);
    let mut rebuilder = Rebuilder::new(options(&root));
    write_file(&root.join("content/new/folder/picture.png"), "not really a PNG");
    let mut served: Served = rebuilder.full().unwrap().into_iter().map(|f| (f.rel, Arc::new(f.data))).collect();

    let article = |i: usize| Corpus::article_path(i);
    let listing = format!("content/jobs/{}.md", Corpus::listing_slug(7));
    type Edit = Box<dyn Fn(&Path) -> PathBuf>;
    let edits: Vec<(&str, Edit)> = vec![
        (
            "a body edit",
            Box::new(move |r| edit(r, &article(1000), |t| t.replace("says nothing new", "says something new"))),
        ),
        (
            "a title edit",
            Box::new(move |r| {
                edit(r, &article(1001), |t| t.replacen("title: \"Article 1001", "title: \"Renamed 1001", 1))
            }),
        ),
        (
            "a date edit",
            Box::new(move |r| edit(r, &article(1002), |t| t.replacen(&Corpus::date(1002), "2026-11-30T08:00:00Z", 1))),
        ),
        (
            "a tags edit",
            Box::new(move |r| edit(r, &article(1003), |t| t.replacen("tags: [", "tags: [brand-new-tag, ", 1))),
        ),
        (
            "a slug edit",
            Box::new(move |r| {
                edit(r, &article(1004), |t| t.replacen("---\ntitle:", "---\nslug: moved-here\ntitle:", 1))
            }),
        ),
        (
            "a new article",
            Box::new(move |r| {
                std::fs::write(r.join("content/salary/fresh.md"), Corpus::article(5_000, "fresh")).unwrap();
                PathBuf::from("content/salary/fresh.md")
            }),
        ),
        (
            "a deleted article",
            Box::new(move |r| {
                std::fs::remove_file(r.join(article(1010))).unwrap();
                PathBuf::from(article(1010))
            }),
        ),
        ("a listing edit", Box::new(move |r| edit(r, &listing, |t| t.replacen("tags: [", "tags: [topic-000, ", 1)))),
        (
            "a template edit",
            Box::new(move |r| {
                edit(r, "themes/default/templates/page.html", |t| {
                    t.replacen("{% block content %}", "{% block content %}<!-- edited -->", 1)
                })
            }),
        ),
    ];
    // As if a browser had article 7 and the home page open: a template edit, or an edit
    // that shows on many pages, draws them first and the rest after.
    let open_key = format!("{}index.html", Corpus::article_url(7).trim_start_matches('/'));
    let open = HashSet::from([open_key.clone(), "index.html".to_string()]);
    for (what, apply) in edits {
        let rel = apply(&root);
        let batch = rebuilder.relevant(BTreeSet::from([rel]));
        let summary;
        let partial;
        (served, summary, partial) = serve_change(&mut rebuilder, &served, &batch, &open, what);
        let in_place = ["body", "title", "date", "tags", "slug", "new article", "deleted article"];
        if in_place.iter().any(|kind| what.contains(kind)) {
            // Handled in place: no reload, only the pages that can show the article.
            assert!(summary.starts_with("re-rendered "), "after {what}: {summary}");
        }
        // Moved to the top, the article shifts every list page it passed: many pages.
        if what.contains("template") || what.contains("date") {
            assert!(partial, "after {what}: {summary}");
        }
        if what.contains("template") {
            let Data::Bytes(page) = &*served[&open_key] else { panic!("{open_key} is not in memory") };
            assert!(String::from_utf8_lossy(page).contains("<!-- edited -->"), "{open_key} is not the new one");
        }
        assert_served_equals_full_build(&served, &root, what);
    }
}

/// A small site whose tags each hold more articles than related reading's window
/// (`rank::WINDOW`, 100), with many articles on one day (so titles decide the order), short
/// list pages and feeds, and one section listed oldest first.
fn write_window_site(root: &Path, articles: usize) {
    let write = |rel: &str, text: String| write_file(&root.join(rel), text);
    write("site.toml", "title = \"Windows\"\nbase_url = \"/\"\npaginate_by = 4\n\n[feeds]\nlimit = 5\n".into());
    write("content/_index.md", "---\ntitle: Home\n---\n".into());
    write("content/old/_index.md", "---\ntitle: Old first\nsort: oldest-first\n---\n".into());
    corpus::copy_dir(&repo_root().join("themes/default"), &root.join("themes/default"));
    for i in 0..articles {
        write(
            &window_article_path(i),
            window_article(i, &format!("Article {i}"), &format!("2026-03-{:02}", 1 + i % 20), &window_tags(i), ""),
        );
    }
}

fn window_article_path(i: usize) -> String {
    format!("content/{}/a{i:03}.md", if i.is_multiple_of(3) { "old" } else { "new" })
}

/// Two to four of eight tags, mixed so that few articles share all their tags: related
/// reading then reaches far down a tag's list, to the edge of its window.
fn window_tags(i: usize) -> Vec<&'static str> {
    const ALL: [&str; 8] = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"];
    let mut x = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut mine = Vec::new();
    while mine.len() < 2 + i % 3 {
        x ^= x >> 29;
        x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        let t = ALL[(x >> 40) as usize % ALL.len()];
        if !mine.contains(&t) {
            mine.push(t);
        }
    }
    mine
}

/// An article of `write_window_site`; every seventh links to the one before by its
/// source, so that a new slug has links to follow.
fn window_article(i: usize, title: &str, date: &str, tags: &[&str], extra: &str) -> String {
    let link = match i % 7 {
        1 => format!(" Read [the one before](@/{}).", &window_article_path(i - 1)["content/".len()..]),
        _ => String::new(),
    };
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\ntags: [{}]\n{extra}---\n\nArticle {i} says hello.{link}\n",
        tags.join(", ")
    )
}

/// A window site of `articles` (`write_window_site`) in `tmp`, loaded and rendered by a
/// dev server's rebuilder: its root, the rebuilder and what it serves.
fn served_window_site(tmp: &Path, articles: usize) -> (PathBuf, Rebuilder, Served) {
    let root = tmp.join("site");
    write_window_site(&root, articles);
    let mut rebuilder = Rebuilder::new(options(&root));
    let served = rebuilder.full().unwrap().into_iter().map(|f| (f.rel, Arc::new(f.data))).collect();
    (root, rebuilder, served)
}

#[test]
fn random_edits_in_place_equal_a_full_build() {
    const ARTICLES: usize = 400;
    let tmp = tempfile::tempdir().unwrap();
    let (root, mut rebuilder, mut served) = served_window_site(tmp.path(), ARTICLES);
    // Other spellings of two tags, and one that makes no slug, beside the site's own.
    let tags = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "rare-one", "Beta", "GAMMA", "!!!"];
    // A fixed sequence, so that a failure can be replayed.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    // Each article as last written: (title, date, tags, extra front matter).
    let mut articles: Vec<(String, String, Vec<&str>, String)> = (0..ARTICLES)
        .map(|i| (format!("Article {i}"), format!("2026-03-{:02}", 1 + i % 20), window_tags(i), String::new()))
        .collect();
    let mut in_place = 0;
    // A browser on the home page, a list page and an article: edits that show on many
    // pages draw these first.
    let open: HashSet<String> = ["index.html", "new/page/3/index.html", "new/a010/index.html"].map(String::from).into();
    let (mut drawn_first, mut taken_out, mut brought_back) = (0, 0, 0);
    const EDITS: usize = 64;
    for round in 0..EDITS {
        // Each edit changes one thing, or (one in eight) all of them at once, or takes an
        // article out (deleted, or made a draft) or brings it back.
        let kind = next(8);
        // Taken out (deleted, or made a draft), or one of those brought back, as often.
        let out: Vec<usize> = (0..ARTICLES)
            .filter(|&i| !root.join(window_article_path(i)).exists() || articles[i].3.contains("draft"))
            .collect();
        let back = kind == 7 && !out.is_empty() && next(2) == 0;
        // A new slug goes to an article another one links to.
        let i = match kind {
            6 => 7 * next(ARTICLES / 7),
            _ if back => out[next(out.len())],
            _ => next(ARTICLES),
        };
        let (title, date, mine, extra) = &mut articles[i];
        if kind == 0 {
            // Sorts right after the old title: it stays where it was in every list.
            title.push_str(" (revised)");
        }
        if kind == 1 || kind == 5 {
            *title = if next(2) == 0 { format!("Renamed {round}") } else { format!("A {round}") };
        }
        if kind == 2 || kind == 5 {
            *date = match next(3) {
                0 => format!("2026-03-{:02}", 1 + i % 20),
                1 => format!("2026-03-{:02}", 1 + next(25)),
                _ => format!("2026-0{}-{:02}", 1 + next(9), 1 + next(28)),
            };
        }
        if kind == 3 || kind == 5 {
            *mine = tags.iter().copied().filter(|_| next(5) == 0).collect();
        }
        if kind == 4 || kind == 5 {
            *extra = format!("updated: 2026-10-{:02}\n", 1 + next(28));
        }
        if kind == 6 {
            *extra = format!("slug: moved-{round}\n");
        }
        let rel = window_article_path(i);
        let listed = root.join(&rel).exists() && !extra.contains("draft");
        // Every seventh article is linked from the next: taking it out would break the build.
        let delete = kind == 7 && listed && i % 7 != 0 && next(2) == 0;
        if kind == 7 && listed && i % 7 != 0 && !delete {
            *extra = "draft: true\n".to_string();
        } else if kind == 7 && !listed {
            extra.clear();
        }
        let quoted: Vec<String> = mine.iter().map(|t| format!("\"{t}\"")).collect();
        let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
        let text = window_article(i, title, date, &quoted, extra);
        let what = format!("edit {round} of {rel}: {title:?}, {date}, {mine:?}, {extra:?}, deleted: {delete}");
        match delete {
            true => std::fs::remove_file(root.join(&rel)).unwrap(),
            false => write_file(&root.join(&rel), &text),
        }
        let batch = rebuilder.relevant(BTreeSet::from([PathBuf::from(&rel)]));
        let summary;
        let partial;
        (served, summary, partial) = serve_change(&mut rebuilder, &served, &batch, &open, &what);
        in_place += usize::from(summary.starts_with("re-rendered ") || summary.starts_with("left out"));
        taken_out += usize::from(kind == 7 && !back && listed && i % 7 != 0);
        brought_back += usize::from(back);
        drawn_first += usize::from(partial);
        assert_served_equals_full_build(&served, &root, &what);
    }
    // Reloads (a tag's spelling, the last article leaving `rare-one`) are right by
    // construction; the point is the edits made in place.
    assert!(in_place * 4 >= EDITS * 3, "only {in_place} of {EDITS} edits were made in place");
    // The sequence is fixed: two of its edits (dates moved far) show on over 100 files.
    assert!(drawn_first >= 2, "only {drawn_first} of {EDITS} edits drew the open pages first");
    assert!(taken_out >= 3 && brought_back >= 3, "{taken_out} articles taken out, {brought_back} brought back");
}

/// A save that comes while the rest of a template edit is still being drawn stops it
/// (the watch loop asks `SiteWatcher::changed` between steps); that change is then
/// applied with the rest still to draw, and every file ends as a full build draws it,
/// no stale page served as done on the way.
#[test]
fn a_change_that_stops_the_rest_of_a_template_edit_is_drawn_with_it() {
    const ARTICLES: usize = 200;
    let tmp = tempfile::tempdir().unwrap();
    let (root, mut rebuilder, mut served) = served_window_site(tmp.path(), ARTICLES);
    let open = HashSet::from(["new/a010/index.html".to_string(), "index.html".to_string()]);
    let mut stale = StaleFiles::default();
    let template = |root: &Path, name: &str, n: usize| {
        let rel = format!("themes/default/templates/{name}");
        let marker = format!("{{% block content %}}<!-- edit {n} -->");
        edit(root, &rel, |t| t.replacen("{% block content %}", &marker, 1))
    };
    let retitle = |root: &Path, i: usize, title: &str, date: &str| {
        write_file(&root.join(window_article_path(i)), window_article(i, title, date, &window_tags(i), ""));
        PathBuf::from(window_article_path(i))
    };
    type Change = Box<dyn Fn(&Path) -> PathBuf>;
    let changes: Vec<(&str, Change)> = vec![
        ("page.html", Box::new(move |r| template(r, "page.html", 1))),
        // Moved to the top of every list it is in, with a new title: the home page first,
        // its feeds left to the rest.
        ("an article's date and title", Box::new(move |r| retitle(r, 101, "Moved up", "2026-09-30"))),
        ("section.html", Box::new(move |r| template(r, "section.html", 2))),
        ("an article's title", Box::new(move |r| retitle(r, 150, "Renamed", "2026-03-11"))),
        // Its own rest would leave feeds alone, but the rests it stops still owe them.
        ("page.html again", Box::new(move |r| template(r, "page.html", 3))),
    ];
    for (what, change) in &changes {
        let batch = rebuilder.relevant(BTreeSet::from([change(&root)]));
        let summary;
        (served, stale, summary) = apply_change(&mut rebuilder, &served, stale, &batch, &open, what);
        assert!(rebuilder.has_rest(), "after {what} ({summary}): the rest of the template edit was dropped");
        // Stopped after one step, as by a newer save.
        finish_rest(&mut rebuilder, &mut served, &mut stale, 1, what);
        assert!(rebuilder.has_rest() && !stale.keys(&served).is_empty(), "after {what}: one step drew the whole rest");
    }
    finish_rest(&mut rebuilder, &mut served, &mut stale, usize::MAX, "the last change");
    assert!(stale.keys(&served).is_empty(), "{} files still stale", stale.keys(&served).len());
    assert_served_equals_full_build(&served, &root, "changes that each stopped the rest of the one before");
}

/// A template saved while an article edit's rest is still to draw (here saved unchanged,
/// so every fingerprint that can match still does): the pages and feeds that edit left
/// are drawn all the same, since after a template edit that follows a settled change no
/// page's own input is hashed again, and feeds are left as they are.
#[test]
fn a_template_saved_before_an_edit_is_drawn_leaves_nothing_of_it_stale() {
    const ARTICLES: usize = 200;
    let tmp = tempfile::tempdir().unwrap();
    let (root, mut rebuilder, mut served) = served_window_site(tmp.path(), ARTICLES);
    let open = HashSet::from(["index.html".to_string()]);
    let mut stale = StaleFiles::default();
    let moved = window_article(101, "Moved up", "2026-09-30", &window_tags(101), "");
    write_file(&root.join(window_article_path(101)), moved);
    let batch = rebuilder.relevant(BTreeSet::from([PathBuf::from(window_article_path(101))]));
    let what = "an article moved to the top";
    let summary;
    (served, stale, summary) = apply_change(&mut rebuilder, &served, stale, &batch, &open, what);
    assert!(rebuilder.has_rest(), "{what} drew everything at once: {summary}");
    let base = "themes/default/templates/base.html";
    let text = std::fs::read_to_string(root.join(base)).unwrap();
    std::fs::write(root.join(base), text).unwrap();
    let batch = rebuilder.relevant(BTreeSet::from([PathBuf::from(base)]));
    (served, stale, _) = apply_change(&mut rebuilder, &served, stale, &batch, &open, "base.html saved");
    finish_rest(&mut rebuilder, &mut served, &mut stale, usize::MAX, "base.html saved");
    assert!(stale.keys(&served).is_empty(), "{} files still stale", stale.keys(&served).len());
    assert_served_equals_full_build(&served, &root, "a template saved before an edit was drawn");

    // Settled, the same save draws nothing anew and leaves the feeds.
    (served, stale, _) = apply_change(&mut rebuilder, &served, stale, &batch, &open, "base.html saved again");
    let before = served.clone();
    finish_rest(&mut rebuilder, &mut served, &mut stale, usize::MAX, "base.html saved again");
    assert!(served.iter().all(|(k, d)| Arc::ptr_eq(d, &before[k])), "a save that changed nothing drew pages");
    assert_served_equals_full_build(&served, &root, "base.html saved again");
}

/// Any change that comes before an article edit's rest is drawn (here another article's
/// title, drawn at once, then templates saved twice in a row) carries that rest: nothing
/// the first edit moved is left stale. Once settled, a template save that comes while
/// only templates are left to draw stays on the fast path (no input hashed, no feed made).
#[test]
fn a_change_before_an_article_edits_rest_is_drawn_carries_that_rest() {
    const ARTICLES: usize = 200;
    let tmp = tempfile::tempdir().unwrap();
    let (root, mut rebuilder, served) = served_window_site(tmp.path(), ARTICLES);
    let open = HashSet::from(["index.html".to_string()]);
    let mut state = (served, StaleFiles::default());
    // A save of `rel` (`text`, or as it is) applied as the dev server does; its summary and
    // whether a rest is left.
    let change = |r: &mut Rebuilder, rel: String, text: Option<String>, what: &str, s: &mut (Served, StaleFiles)| {
        let text = text.unwrap_or_else(|| std::fs::read_to_string(root.join(&rel)).unwrap());
        write_file(&root.join(&rel), text);
        let batch = r.relevant(BTreeSet::from([PathBuf::from(&rel)]));
        let summary;
        (s.0, s.1, summary) = apply_change(r, &s.0, std::mem::take(&mut s.1), &batch, &open, what);
        (summary, r.has_rest())
    };
    let moved = window_article(101, "Moved up", "2026-09-30", &window_tags(101), "");
    let (summary, rest) =
        change(&mut rebuilder, window_article_path(101), Some(moved), "a move to the top", &mut state);
    assert!(rest && summary.contains("open in a browser first"), "{summary}");
    let renamed = window_article(150, "Renamed", "2026-03-11", &window_tags(150), "");
    let (summary, rest) = change(&mut rebuilder, window_article_path(150), Some(renamed), "a title", &mut state);
    assert!(rest, "the first edit's rest was dropped: {summary}");
    let base = "themes/default/templates/base.html".to_string();
    change(&mut rebuilder, base.clone(), None, "base.html saved", &mut state);
    change(&mut rebuilder, base.clone(), None, "base.html saved again", &mut state);
    let (served, stale) = &mut state;
    finish_rest(&mut rebuilder, served, stale, usize::MAX, "the last save");
    assert!(stale.keys(served).is_empty(), "{} files still stale", stale.keys(served).len());
    assert_served_equals_full_build(served, &root, "a change before an article edit's rest was drawn");

    let before = served.clone();
    change(&mut rebuilder, base.clone(), None, "base.html saved, settled", &mut state);
    change(&mut rebuilder, base, None, "base.html saved during that rest", &mut state);
    let (served, stale) = &mut state;
    finish_rest(&mut rebuilder, served, stale, usize::MAX, "the two saves");
    assert!(served.iter().all(|(k, d)| Arc::ptr_eq(d, &before[k])), "saves that changed nothing drew files");
}

/// Files added and deleted (an article with a tag of its own, an image beside the
/// Markdown, then both gone) and site.toml: the article joins and leaves the site in
/// place, the others reload it. With pages open in a browser those are drawn first, a
/// page gone is no longer served at once, and pages and feeds not served yet are named
/// stale (so a request waits for them). Each change ends as a full build, whether its
/// rest is drawn whole or stopped after one step by the next change.
#[test]
fn new_and_deleted_files_draw_the_open_pages_first_and_end_as_a_full_build() {
    const ARTICLES: usize = 120;
    let open = HashSet::from(["index.html".to_string(), "new/a010/index.html".to_string()]);
    const FRESH: &str = "content/new/z900.md";
    const PICTURE: &str = "content/new/picture.png";
    type Change = fn(&Path) -> PathBuf;
    let changes: [(&str, Change); 5] = [
        ("a new article with a new tag", |r| {
            write_file(&r.join(FRESH), window_article(900, "Fresh", "2026-09-30", &["brand-new", "alpha"], ""));
            PathBuf::from(FRESH)
        }),
        ("a new image", |r| {
            write_file(&r.join(PICTURE), "not really a PNG");
            PathBuf::from(PICTURE)
        }),
        ("the new article deleted", |r| {
            std::fs::remove_file(r.join(FRESH)).unwrap();
            PathBuf::from(FRESH)
        }),
        ("the image deleted", |r| {
            std::fs::remove_file(r.join(PICTURE)).unwrap();
            PathBuf::from(PICTURE)
        }),
        ("site.toml's paginate_by", |r| edit(r, "site.toml", |t| t.replace("paginate_by = 4", "paginate_by = 9"))),
    ];
    for stop_after_one_step in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let (root, mut rebuilder, served) = served_window_site(tmp.path(), ARTICLES);
        let mut state = (served, StaleFiles::default());
        for (what, change) in &changes {
            let batch = rebuilder.relevant(BTreeSet::from([change(&root)]));
            let (served, stale) = &mut state;
            let summary;
            (*served, *stale, summary) =
                apply_change(&mut rebuilder, served, std::mem::take(stale), &batch, &open, what);
            // Drawn first, or left as served when the change does not show on them.
            let first = match what.contains("article") {
                true => ["re-rendered 2 pages open in a browser first", "re-rendered 2 pages open in a browser first"],
                false => ["reloaded the site, rendered the 2 pages open", "reloaded the site, the 2 pages open"],
            };
            assert!(first.iter().any(|f| summary.starts_with(f)), "{what}: {summary}");
            assert!(open.iter().all(|k| !stale.contains(k, served)), "{what}: an open page is still stale");
            match *what {
                "a new article with a new tag" => {
                    for key in ["new/z900/index.html", "tags/brand-new/index.html", "tags/brand-new/atom.xml"] {
                        assert!(stale.contains(key, served), "{what}: {key} is not waited for");
                    }
                }
                "a new image" => assert!(served.contains_key("new/picture.png"), "{what}: not served at once"),
                "the new article deleted" => assert!(!served.contains_key("new/z900/index.html"), "{what}"),
                "the image deleted" => assert!(!served.contains_key("new/picture.png"), "{what}"),
                _ => {}
            }
            if stop_after_one_step {
                finish_rest(&mut rebuilder, served, stale, 1, what);
                // An article's rest is one step (`Rest::Edit`); a reload's is many.
                assert!(what.contains("article") || rebuilder.has_rest(), "{what}: one step drew the whole rest");
            } else {
                finish_rest(&mut rebuilder, served, stale, usize::MAX, what);
                assert_served_equals_full_build(served, &root, what);
            }
        }
        let (served, stale) = &mut state;
        finish_rest(&mut rebuilder, served, stale, usize::MAX, "the last change");
        assert!(stale.keys(served).is_empty(), "{} files still stale", stale.keys(served).len());
        assert_served_equals_full_build(served, &root, "files added and deleted");
    }
}

/// A site with aliases reloads open pages first too (its redirect pages are not clashes
/// with themselves), and ends as a full build.
#[test]
fn a_site_with_aliases_reloads_open_pages_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, mut rebuilder, served) = served_window_site(tmp.path(), 30);
    let five = window_article(5, "Article 5", "2026-03-06", &window_tags(5), "aliases: [\"/legacy/five/\"]\n");
    write_file(&root.join(window_article_path(5)), five);
    let open = HashSet::from(["index.html".to_string()]);
    let batch = rebuilder.relevant(BTreeSet::from([PathBuf::from(window_article_path(5))]));
    let (served, summary, _) = serve_change(&mut rebuilder, &served, &batch, &open, "a new alias");
    assert!(served.contains_key("legacy/five/index.html"), "{summary}");
    // With an alias of its own, a new article reloads the site (it is not added in place).
    let fresh = window_article(900, "Fresh", "2026-09-30", &["alpha"], "aliases: [\"/legacy/fresh/\"]\n");
    write_file(&root.join("content/new/z900.md"), fresh);
    let batch = rebuilder.relevant(BTreeSet::from([PathBuf::from("content/new/z900.md")]));
    let (served, summary, partial) = serve_change(&mut rebuilder, &served, &batch, &open, "a new article");
    assert!(served.contains_key("legacy/fresh/index.html"), "{summary}");
    assert!(partial && summary.starts_with("reloaded the site, rendered the page open"), "{summary}");
    assert_served_equals_full_build(&served, &root, "a new article beside an alias");
}

/// A template edit that has to load the site again can change which pages there are:
/// without the job filter groups' template, a group has no page of its own.
#[test]
fn a_template_edit_that_reloads_drops_the_pages_the_site_no_longer_has() {
    let tmp = tempfile::tempdir().unwrap();
    let root = install_fixture("job-filters-many", &tmp.path().join("site"));
    let mut rebuilder = Rebuilder::new(options(&root));
    let served: Served = rebuilder.full().unwrap().into_iter().map(|f| (f.rel, Arc::new(f.data))).collect();
    assert!(served.contains_key("jobs/tag/index.html"), "the fixture has a group page");
    let rel = "themes/default/templates/job_group.html";
    std::fs::remove_file(root.join(rel)).unwrap();
    let open = HashSet::from(["jobs/index.html".to_string()]);
    let batch = rebuilder.relevant(BTreeSet::from([PathBuf::from(rel)]));
    let (served, summary, _) = serve_change(&mut rebuilder, &served, &batch, &open, "the group template deleted");
    assert!(summary.starts_with("reloaded the site"), "{summary}");
    assert_served_equals_full_build(&served, &root, "the group template deleted");
}

/// An edit shown on many pages draws the open ones first, without their stamps; undone
/// (with an image added, which reloads) before the rest is drawn, those pages are drawn
/// again rather than passed off as served, whether a page is open then or not.
#[test]
fn an_edit_undone_before_its_rest_is_drawn_leaves_no_open_page_stale() {
    for open_at_undo in [true, false] {
        let tmp = tempfile::tempdir().unwrap();
        let (root, mut rebuilder, served) = served_window_site(tmp.path(), 200);
        let open = HashSet::from(["index.html".to_string()]);
        let original = std::fs::read_to_string(root.join(window_article_path(101))).unwrap();
        write_file(
            &root.join(window_article_path(101)),
            window_article(101, "Moved up", "2026-09-30", &window_tags(101), ""),
        );
        let batch = rebuilder.relevant(BTreeSet::from([PathBuf::from(window_article_path(101))]));
        let (served, stale, summary) =
            apply_change(&mut rebuilder, &served, StaleFiles::default(), &batch, &open, "a move");
        assert!(rebuilder.has_rest(), "{summary}");
        write_file(&root.join(window_article_path(101)), original);
        write_file(&root.join("content/new/pic.png"), "png");
        let undo = [window_article_path(101), "content/new/pic.png".into()];
        let batch = rebuilder.relevant(undo.into_iter().map(PathBuf::from).collect());
        let now_open = if open_at_undo { open.clone() } else { HashSet::new() };
        let (mut served, mut stale, _) = apply_change(&mut rebuilder, &served, stale, &batch, &now_open, "the undo");
        finish_rest(&mut rebuilder, &mut served, &mut stale, usize::MAX, "the undo");
        assert_served_equals_full_build(&served, &root, &format!("the undo (a page open: {open_at_undo})"));
    }
}

/// A reload takes each page's Markdown as last rendered where it still holds, and only
/// there: a body that changed, one whose link now finds another URL (the page an article
/// or a job listing links to got a new slug in the same save as a new file), or one that
/// draws a shortcode (a job callout, whose best listing is new) is rendered again.
#[test]
fn a_reload_renders_again_the_markdown_whose_links_or_callouts_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, mut rebuilder, served) = served_window_site(tmp.path(), 30);
    let open = HashSet::from(["index.html".to_string()]);
    // Article 1 links to article 0 by its source file.
    let moved = window_article(0, "Article 0", "2026-03-01", &window_tags(0), "slug: moved-zero\n");
    write_file(&root.join(window_article_path(0)), moved);
    write_file(&root.join("content/new/z901.md"), window_article(901, "Fresh", "2026-09-30", &["alpha"], ""));
    let longer = window_article(2, "Article 2", "2026-03-03", &window_tags(2), "") + "\nA new paragraph.\n";
    write_file(&root.join(window_article_path(2)), longer);
    let saved = [window_article_path(0), "content/new/z901.md".into(), window_article_path(2)];
    let batch = rebuilder.relevant(saved.into_iter().map(PathBuf::from).collect());
    let (served, summary, _) = serve_change(&mut rebuilder, &served, &batch, &open, "a new slug and a new file");
    assert!(summary.starts_with("reloaded the site"), "{summary}");
    let Data::Bytes(edited) = &*served["new/a002/index.html"] else { panic!("article 2 is not in memory") };
    assert!(String::from_utf8_lossy(edited).contains("A new paragraph."), "article 2 shows its old body");
    let Data::Bytes(linking) = &*served["new/a001/index.html"] else { panic!("article 1 is not in memory") };
    assert!(String::from_utf8_lossy(linking).contains("/old/moved-zero/"), "article 1 links to the old URL");
    assert_served_equals_full_build(&served, &root, "a new slug and a new file");

    let root = install_fixture("jobs-board", &tmp.path().join("jobs"));
    let mut rebuilder = Rebuilder::new(options(&root));
    let served: Served = rebuilder.full().unwrap().into_iter().map(|f| (f.rel, Arc::new(f.data))).collect();
    let listing = "---\ntitle: Brand New Designer\ncompany: Acme\nemployment_type: FULL_TIME\n\
        date_posted: 2026-11-30\nvalid_through: 2031-12-31\napply_url: https://acme.example/apply\n\
        tags: [design]\nlocation: { city: Leeds, country: GB }\n---\nDraw things.\n";
    write_file(
        &root.join("content/jobs/brand-new-designer.md"),
        format!("{listing}Read [our advice](@/posts/no-callout.md).\n"),
    );
    let batch = rebuilder.relevant(BTreeSet::from(["content/jobs/brand-new-designer.md".into()]));
    let open = HashSet::from(["posts/with-shortcode/index.html".to_string()]);
    let (served, _, _) = serve_change(&mut rebuilder, &served, &batch, &open, "a new listing");
    let Data::Bytes(page) = &*served["posts/with-shortcode/index.html"] else { panic!("not in memory") };
    assert!(String::from_utf8_lossy(page).contains("Brand New Designer"), "the callout shows the old listing");
    assert_served_equals_full_build(&served, &root, "a new listing");

    // A listing's link follows the page it names to a new slug, saved with another file.
    edit(&root, "content/posts/no-callout.md", |t| t.replacen("---\n", "---\nslug: advice-moved\n", 1));
    write_file(&root.join("content/posts/another.md"), "---\ntitle: Another\ndate: 2025-05-01\n---\nMore.\n");
    let saved = ["content/posts/no-callout.md", "content/posts/another.md"];
    let batch = rebuilder.relevant(saved.into_iter().map(PathBuf::from).collect());
    let (served, _, _) = serve_change(&mut rebuilder, &served, &batch, &open, "a slug and a new page");
    let Data::Bytes(page) = &*served["jobs/brand-new-designer/index.html"] else { panic!("not in memory") };
    assert!(String::from_utf8_lossy(page).contains("/posts/advice-moved/"), "the listing links to the old URL");
    assert_served_equals_full_build(&served, &root, "a slug and a new page");
}

/// A new article whose alias takes another page's file: the reload fails as the build
/// does, with the build's words, rather than draw a site it would refuse.
#[test]
fn a_reload_whose_paths_clash_fails_as_the_build_does() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, mut rebuilder, _) = served_window_site(tmp.path(), 30);
    let rel = "content/new/z900.md";
    write_file(&root.join(rel), window_article(900, "Fresh", "2026-09-30", &["alpha"], "aliases: [\"/new/a010/\"]\n"));
    let open = HashSet::from(["index.html".to_string()]);
    let batch = rebuilder.relevant(BTreeSet::from([PathBuf::from(rel)]));
    let Err(served) = rebuilder.apply(&batch, &open) else { panic!("the clash was served") };
    let site = Site::load(&options(&root), &mut Timings::default()).unwrap();
    let Err(built) = site::render(&site) else { panic!("the build took the clash") };
    assert!(built.to_string().contains("new/a010/"), "{built}");
    assert_eq!(format!("{served:#}"), built.to_string());
}

/// The dev server draws a template edit's pages by `Site::targets`: they must be exactly
/// the pages a whole render draws with templates (each recorded with a fingerprint), and
/// each must draw the page at its key, as the whole render does.
#[test]
fn targets_name_exactly_the_pages_templates_draw() {
    let tmp = tempfile::tempdir().unwrap();
    let window = tmp.path().join("window");
    write_window_site(&window, 40);
    let fixtures = ["links-aliases", "job-filters", "jobs-board", "build-pagination", "publish-tags", "followup-page"];
    let mut roots: Vec<PathBuf> = fixtures.iter().map(|f| install_fixture(f, &tmp.path().join(f))).collect();
    roots.push(window);
    for root in &roots {
        let site = Site::load(&options(root), &mut Timings::default()).unwrap();
        let cache = RenderCache::in_memory(Fingerprints::new());
        let whole: HashMap<String, Data> =
            site::render_reusing(&site, Some(&cache), None).unwrap().into_iter().map(|f| (f.rel, f.data)).collect();
        let drawn: BTreeSet<String> = cache.into_fingerprints().into_keys().collect();
        let targets = site.targets();
        let keys: BTreeSet<String> = targets.iter().map(|(key, _)| key.clone()).collect();
        assert_eq!(keys.len(), targets.len(), "{}: a key named twice", root.display());
        assert_eq!(keys, drawn, "{}", root.display());
        // Found by key alone, as the pages open in a browser are: the same targets.
        let some: HashSet<String> =
            targets.iter().step_by(3).map(|(key, _)| key.clone()).chain(["nope.html".into()]).collect();
        // What the dev server names stale while a reload is drawn: the generated files but
        // the parts of a split sitemap.
        let generated = site::render_generated(&site);
        let made: BTreeSet<&str> = generated.iter().map(|f| f.rel.as_str()).collect();
        let keys = site.generated_keys();
        let named: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
        let unnamed = generated.iter().filter(|f| !site::is_sitemap(f) && !named.contains(f.rel.as_str()));
        let unnamed: Vec<&str> = unnamed.map(|f| f.rel.as_str()).collect();
        assert!(named.is_subset(&made) && unnamed.is_empty(), "{}: named {named:?}, made {made:?}", root.display());
        let among = site.targets_among(&some);
        let wanted: Vec<(String, Target)> = targets.iter().filter(|(key, _)| some.contains(key)).cloned().collect();
        assert_eq!(among, wanted, "{}", root.display());
        for (key, target) in &targets {
            let one = site::render_targets(&site, [target], None).unwrap();
            assert_eq!(one.len(), 1, "{}: {target:?} drew {} files", root.display(), one.len());
            assert_eq!(&one[0].rel, key, "{}: {target:?}", root.display());
            assert!(same(&one[0].data, &whole[key]), "{}: {key} differs from the whole render's", root.display());
        }
    }
}

/// Articles joining and leaving a nested section (`new/deep`, under `new`) in place: a
/// draft saved is left out with nothing drawn, then published; an article deleted so that
/// its section's list and the home page's each lose their last page; a draft made of a
/// published one. Each ends as a full build: the parent's list pages show the nested
/// section's count, and the pages a shorter list no longer has are gone.
#[test]
fn articles_join_and_leave_a_nested_section_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    // 28 articles and 5 nested ones: 33 on the home page, 9 pages of 4; 5 in `new/deep`, 2.
    // The nested ones have no tags, so that no related list draws them again: only their
    // section's count does.
    let (root, mut rebuilder, _) = served_window_site(tmp.path(), 28);
    let deep = |n: usize| format!("content/new/deep/d{n}.md");
    for n in 0..5 {
        write_file(&root.join(deep(n)), window_article(800 + n, &format!("Deep {n}"), "2026-04-01", &[], ""));
    }
    // As themes may: each subsection's count on its parent's list pages, and the section's
    // on each of its articles.
    edit(&root, "themes/default/templates/section.html", |t| {
        t.replace("{{ sub.title }}", "{{ sub.title }} ({{ sub.pages_count }})")
    });
    edit(&root, "themes/default/templates/page.html", |t| {
        t.replacen("{% block content %}", "{% block content %}{% if section %}{{ section.pages_count }}{% endif %}", 1)
    });
    write_file(&root.join("content/new/folder/picture.png"), "not really a PNG");
    let mut served: Served = rebuilder.full().unwrap().into_iter().map(|f| (f.rel, Arc::new(f.data))).collect();
    assert!(served.contains_key("page/9/index.html") && served.contains_key("new/deep/page/2/index.html"));
    let draft = window_article(900, "Not yet", "2026-04-02", &["alpha", "fresh-tag"], "draft: true\n");
    let published = window_article(900, "Now out", "2026-04-02", &["alpha", "fresh-tag"], "");
    let bundle = "content/new/folder/index.md";
    let bundle_draft = window_article(901, "Bundle", "2026-04-03", &[], "draft: true\n");
    type Change = Box<dyn Fn(&Path) -> PathBuf>;
    let changes: Vec<(&str, Change)> = vec![
        ("a new draft", Box::new(move |r| write(r, &deep(9), &draft))),
        ("the draft published", Box::new(move |r| write(r, &deep(9), &published))),
        ("the published draft deleted", Box::new(move |r| remove(r, &deep(9)))),
        ("a nested article deleted", Box::new(move |r| remove(r, &deep(0)))),
        (
            "a nested article made a draft",
            Box::new(move |r| write(r, &deep(1), &window_article(801, "Deep 1", "2026-04-01", &[], "draft: true\n"))),
        ),
        ("a nested article deleted, three left", Box::new(move |r| remove(r, &deep(2)))),
        ("a nested article deleted, two left", Box::new(move |r| remove(r, &deep(3)))),
        // `new/deep` has no `_index.md`: without an article it is no section, which takes a reload.
        ("the last nested article deleted", Box::new(move |r| remove(r, &deep(4)))),
        ("a draft page bundle beside its picture", Box::new(move |r| write(r, bundle, &bundle_draft))),
        // The picture is then the folder's own file, published: that takes a reload too.
        ("the draft page bundle deleted", Box::new(move |r| remove(r, bundle))),
    ];
    let open = HashSet::from(["new/index.html".to_string()]);
    for (what, change) in changes {
        let batch = rebuilder.relevant(BTreeSet::from([change(&root)]));
        let summary;
        (served, summary, _) = serve_change(&mut rebuilder, &served, &batch, &open, what);
        match what {
            "a new draft" => assert_eq!(summary, "left out of the site (a draft), nothing rendered"),
            "the last nested article deleted"
            | "the draft page bundle deleted"
            | "a draft page bundle beside its picture" => {
                assert!(summary.starts_with("reloaded the site"), "{what}: {summary}")
            }
            _ => assert!(summary.starts_with("re-rendered "), "{what}: {summary}"),
        }
        assert_served_equals_full_build(&served, &root, what);
        if what == "a nested article deleted" {
            assert!(!served.contains_key("page/9/index.html") && !served.contains_key("new/deep/page/2/index.html"));
        }
    }
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    write_file(&root.join(rel), text);
    PathBuf::from(rel)
}

fn remove(root: &Path, rel: &str) -> PathBuf {
    std::fs::remove_file(root.join(rel)).unwrap();
    PathBuf::from(rel)
}
