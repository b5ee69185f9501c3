//! The dev server's incremental rebuild must give exactly what a full rebuild gives: an
//! edited article re-renders itself and the list pages and feeds showing it, and nothing
//! else differs.

use crate::common::TestSite;
use careerpress::output::{Data, OutputFile};
use careerpress::site::{self, BuildOptions, Site, Timings};
use chrono::NaiveDate;
use std::collections::BTreeMap;

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions {
        root: site.root.clone(),
        base_url: Some("/".into()),
        drafts: false,
        future: false,
        today: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        preview: true,
    }
}

fn bytes(files: Vec<OutputFile>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .filter_map(|f| match f.data {
            Data::Bytes(b) => Some((f.rel, b)),
            Data::Copy(_) | Data::Published(_) | Data::Staged { .. } => None,
        })
        .collect()
}

fn full(site: &TestSite) -> (Site, BTreeMap<String, Vec<u8>>) {
    let s = Site::load(&options(site), &mut Timings::default()).unwrap();
    let files = bytes(site::render(&s).unwrap());
    (s, files)
}

/// Edits `posts/first-steps.md` with `edit`, re-renders it in place and checks that what
/// changed matches a full rebuild and that nothing else changed; returns what changed.
fn edit_matches_a_full_rebuild(edit: impl FnOnce(&str) -> String) -> BTreeMap<String, Vec<u8>> {
    let site = TestSite::new("build-basic");
    let (mut loaded, before) = full(&site);
    let rel = "content/posts/first-steps.md";
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    site.write(rel, edit(&text));

    let i = loaded.update_article("posts/first-steps.md").unwrap().expect("the edit is handled in place");
    let changed = bytes(site::render_article_update(&loaded, i).unwrap());
    let (_, after) = full(&site);

    for (path, content) in &changed {
        assert_eq!(Some(content), after.get(path), "{path} differs from a full rebuild");
    }
    for (path, content) in &after {
        if !changed.contains_key(path) {
            assert_eq!(Some(content), before.get(path), "{path} changed but was not re-rendered");
        }
    }
    changed
}

#[test]
fn editing_an_article_matches_a_full_rebuild() {
    let changed = edit_matches_a_full_rebuild(|text| format!("{text}\nA brand new closing sentence.\n"));
    assert!(changed.keys().any(|k| k == "posts/first-steps/index.html"));
    assert!(String::from_utf8_lossy(&changed["posts/first-steps/index.html"]).contains("A brand new closing sentence."));
    assert!(String::from_utf8_lossy(&changed["atom.xml"]).contains("A brand new closing sentence."));
}

#[test]
fn a_new_summary_reaches_the_lists_and_tag_pages_showing_the_article() {
    let changed = edit_matches_a_full_rebuild(|text| {
        text.replace("The opening paragraph of the first steps article.", "A rewritten opening paragraph.")
    });
    for page in ["posts/index.html", "index.html", "tags/basics/index.html", "tags/interviews/index.html"] {
        let html = String::from_utf8_lossy(changed.get(page).unwrap_or_else(|| panic!("{page} not re-rendered")));
        assert!(html.contains("A rewritten opening paragraph."), "{page}: {html}");
    }
}

#[test]
fn an_edit_in_place_leaves_the_sitemap_alone_and_a_new_updated_date_reloads() {
    let changed = edit_matches_a_full_rebuild(|text| format!("{text}\nA closing line for the feeds.\n"));
    let tag_feed = String::from_utf8_lossy(changed.get("tags/basics/atom.xml").expect("the tag feed is re-rendered"));
    assert!(tag_feed.contains("A closing line for the feeds."));
    assert!(!changed.contains_key("sitemap.xml"));
    // The sitemap shows `updated`: changing it reloads the site instead.
    let site = TestSite::new("build-basic");
    let (mut loaded, _) = full(&site);
    let rel = "content/posts/first-steps.md";
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    site.write(rel, text.replacen("date: 2025-01-10\n", "date: 2025-01-10\nupdated: 2025-05-02\n", 1));
    assert_eq!(loaded.update_article("posts/first-steps.md").unwrap(), None);
}

#[test]
fn edits_that_move_an_article_ask_for_a_full_rebuild() {
    let site = TestSite::new("build-basic");
    let (mut loaded, _) = full(&site);
    let rel = "content/posts/first-steps.md";
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    let title_line = text.lines().find(|l| l.starts_with("title:")).unwrap().to_string();
    site.write(rel, text.replace(&title_line, "title: A different title"));
    assert_eq!(loaded.update_article("posts/first-steps.md").unwrap(), None);
    // A new alias is a new output file.
    site.write(rel, text.replacen("\n", "\naliases: [/old-first-steps/]\n", 1));
    assert_eq!(loaded.update_article("posts/first-steps.md").unwrap(), None);
}

#[test]
fn a_broken_edit_is_an_error_and_keeps_the_article() {
    let site = TestSite::new("build-basic");
    let (mut loaded, _) = full(&site);
    site.write("content/posts/first-steps.md", "---\ntitle: [unclosed\n---\n");
    let err = loaded.update_article("posts/first-steps.md").unwrap_err();
    assert!(err.to_string().contains("content/posts/first-steps.md:2"), "{err}");
    assert!(loaded.pages.iter().any(|p| p.page.file.rel == "posts/first-steps.md"));
}

#[test]
fn an_edited_article_image_is_checked_and_matches_a_full_rebuild() {
    let site = TestSite::new("seo-social");
    let (mut loaded, _) = full(&site);
    let rel = "content/posts/escaping.md";
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    site.write(rel, text.replace("src: cover.png", "src: /share.png"));
    let i = loaded.update_article("posts/escaping.md").unwrap().expect("an image edit is handled in place");
    let changed = bytes(site::render_article_update(&loaded, i).unwrap());
    let (_, after) = full(&site);
    let page = "posts/escaping/index.html";
    assert_eq!(changed.get(page), after.get(page));
    assert!(String::from_utf8_lossy(&changed[page]).contains("<meta property=\"og:image\" content=\"/share.png\">"));

    site.write(rel, text.replace("src: cover.png", "src: gone.png"));
    let err = loaded.update_article("posts/escaping.md").unwrap_err();
    assert!(err.to_string().contains("content/posts/escaping.md:9:1: `image.src`: there is no file"), "{err}");
}

#[test]
fn an_edited_author_is_checked_and_matches_a_full_rebuild() {
    let site = TestSite::new("article-furniture");
    let (mut loaded, _) = full(&site);
    let rel = "content/posts/plain.md";
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    site.write(rel, text.replace("tags: [interviewing]", "tags: [interviewing]\nauthor: ana"));
    let i = loaded.update_article("posts/plain.md").unwrap().expect("an author edit is handled in place");
    let changed = bytes(site::render_article_update(&loaded, i).unwrap());
    let (_, after) = full(&site);
    for path in ["posts/plain/index.html", "atom.xml"] {
        assert_eq!(changed.get(path), after.get(path), "{path}");
    }
    assert!(String::from_utf8_lossy(&changed["posts/plain/index.html"]).contains("author-block"));

    site.write(rel, text.replace("tags: [interviewing]", "tags: [interviewing]\nauthor: bob"));
    let err = loaded.update_article("posts/plain.md").unwrap_err();
    assert!(err.to_string().contains("content/posts/plain.md:5:1: `author`: \"bob\""), "{err}");
    assert!(!String::from_utf8_lossy(
        &bytes(site::render_article_update(&loaded, i).unwrap())["posts/plain/index.html"]
    )
    .contains("bob"));
}
