//! The dev server's incremental rebuild must give exactly what a full rebuild gives: an
//! edited article re-renders itself and the list pages showing it, and nothing else differs.

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
            Data::Copy(_) => None,
        })
        .collect()
}

fn full(site: &TestSite) -> (Site, BTreeMap<String, Vec<u8>>) {
    let s = Site::load(&options(site), &mut Timings::default()).unwrap();
    let files = bytes(site::render(&s).unwrap());
    (s, files)
}

#[test]
fn editing_an_article_matches_a_full_rebuild() {
    let site = TestSite::new("build-basic");
    let (mut loaded, before) = full(&site);
    let rel = "content/posts/first-steps.md";
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    let edited = format!("{text}\nA brand new closing sentence.\n");
    site.write(rel, &edited);

    let i = loaded.update_article("posts/first-steps.md").unwrap().expect("a body edit is handled in place");
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
    assert!(changed.keys().any(|k| k == "posts/first-steps/index.html"));
    assert!(String::from_utf8_lossy(&changed["posts/first-steps/index.html"]).contains("A brand new closing sentence."));
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
