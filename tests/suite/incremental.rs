//! The dev server's incremental rebuild must give exactly what a full rebuild gives: an
//! edited article re-renders itself and every page showing it (neighbours, lists, tag
//! pages, feeds, related reading), and nothing else differs.

use crate::common::TestSite;
use careerpress::output::{Data, OutputFile};
use careerpress::site::{self, BuildOptions, Site, SourceCache, Timings};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

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

/// Files rendered or copied, by output path, as bytes.
fn bytes(files: Vec<OutputFile>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .filter_map(|f| match f.data {
            Data::Bytes(b) => Some((f.rel, b)),
            Data::Copy(src) => Some((f.rel, std::fs::read(src).unwrap())),
            Data::Published { .. } | Data::Staged { .. } => None,
        })
        .collect()
}

fn full(site: &TestSite) -> (Site, BTreeMap<String, Vec<u8>>) {
    // As `serve` loads it: a site loaded to build drops its Markdown and cannot be edited.
    let s = Site::load_reusing(&options(site), &mut Timings::default(), &SourceCache::default()).unwrap();
    let files = bytes(site::render(&s).unwrap());
    (s, files)
}

/// Output files by path, as bytes.
type Files = BTreeMap<String, Vec<u8>>;

/// Applies the edit of `content_rel` (as in content/) in place; None when it asks for a
/// full reload. Returns what it rendered and what it removed.
fn in_place(loaded: &mut Site, content_rel: &str) -> Option<(Files, Vec<String>)> {
    let edited = loaded.edit_article(content_rel, false).unwrap()?;
    let files = site::render_edit(loaded, &edited, None, None).unwrap();
    Some((bytes(files.changed), files.removed))
}

/// Edits `posts/first-steps.md` with `edit`, re-renders it in place and checks that what
/// changed matches a full rebuild and that nothing else changed; returns what changed.
fn edit_matches_a_full_rebuild(edit: impl FnOnce(&str) -> String) -> BTreeMap<String, Vec<u8>> {
    let site = TestSite::new("build-basic");
    let (mut loaded, before) = full(&site);
    edit_in_place(&site, &mut loaded, &before, "posts/first-steps.md", edit).0
}

/// Edits `content_rel` of a site loaded as `loaded` whose files were `before`, and checks
/// the edit in place against a full rebuild; returns what changed and the files after.
fn edit_in_place(
    site: &TestSite,
    loaded: &mut Site,
    before: &BTreeMap<String, Vec<u8>>,
    content_rel: &str,
    edit: impl FnOnce(&str) -> String,
) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) {
    rewrite(site, &format!("content/{content_rel}"), edit);
    let (changed, removed) = in_place(loaded, content_rel).expect("the edit is handled in place");
    let (_, after) = full(site);
    assert_same_as_full_rebuild(before, &changed, &removed, &after);
    (changed, after)
}

/// Writes `rel` (as in the site) as `edit` makes it of its text; returns the text it had.
fn rewrite(site: &TestSite, rel: &str, edit: impl FnOnce(&str) -> String) -> String {
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    site.write(rel, edit(&text));
    text
}

/// `before` with `changed` written over it and `removed` taken out is `after`.
fn assert_same_as_full_rebuild(
    before: &BTreeMap<String, Vec<u8>>,
    changed: &BTreeMap<String, Vec<u8>>,
    removed: &[String],
    after: &BTreeMap<String, Vec<u8>>,
) {
    for (path, content) in changed {
        assert_eq!(Some(content), after.get(path), "{path} differs from a full rebuild");
    }
    for path in removed {
        assert!(!after.contains_key(path), "{path} was removed but a full rebuild has it");
    }
    for (path, content) in after {
        if !changed.contains_key(path) {
            assert_eq!(Some(content), before.get(path), "{path} changed but was not re-rendered");
        }
    }
    let kept: BTreeSet<&String> = before.keys().filter(|k| !removed.contains(k)).chain(changed.keys()).collect();
    assert_eq!(kept, after.keys().collect(), "the files served are the files built");
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
fn a_body_edit_leaves_the_sitemap_alone_and_a_new_updated_date_rewrites_it() {
    let changed = edit_matches_a_full_rebuild(|text| format!("{text}\nA closing line for the feeds.\n"));
    let tag_feed = String::from_utf8_lossy(changed.get("tags/basics/atom.xml").expect("the tag feed is re-rendered"));
    assert!(tag_feed.contains("A closing line for the feeds."));
    assert!(!changed.contains_key("sitemap.xml"));
    let changed = edit_matches_a_full_rebuild(|text| {
        text.replacen("date: 2025-01-10\n", "date: 2025-01-10\nupdated: 2025-05-02\n", 1)
    });
    assert!(String::from_utf8_lossy(&changed["sitemap.xml"]).contains("2025-05-02"));
}

#[test]
fn a_new_title_reaches_the_neighbours_and_lists() {
    let changed = edit_matches_a_full_rebuild(|text| text.replace("title: \"First Steps\"", "title: \"Second Steps\""));
    // Its newer neighbour links it by title.
    let newer = String::from_utf8_lossy(&changed["posts/following-up-politely/index.html"]);
    assert!(newer.contains("Second Steps"), "{newer}");
    assert!(String::from_utf8_lossy(&changed["tags/basics/index.html"]).contains("Second Steps"));
}

#[test]
fn a_new_date_moves_the_article_and_its_neighbours_follow() {
    let changed = edit_matches_a_full_rebuild(|text| text.replace("date: 2025-01-10", "date: 2025-03-20"));
    // Now the newest post: the old newest links it, and its old newer neighbour lost it.
    for page in ["posts/zzz-same-day/index.html", "posts/following-up-politely/index.html"] {
        assert!(changed.contains_key(page), "{page} not re-rendered: {:?}", changed.keys());
    }
    assert!(changed.contains_key("sitemap.xml"));
}

#[test]
fn new_and_dropped_tags_move_tag_pages_and_counts() {
    let site = TestSite::new("build-basic");
    let (mut loaded, before) = full(&site);
    let (changed, after) = edit_in_place(&site, &mut loaded, &before, "posts/first-steps.md", |text| {
        text.replace("[basics, interviews]", "[basics, interviews, follow-up, brand-new]")
    });
    assert!(changed.contains_key("tags/brand-new/index.html") && changed.contains_key("tags/brand-new/atom.xml"));
    assert!(String::from_utf8_lossy(&changed["tags/follow-up/index.html"]).contains("First Steps"));
    assert!(changed.contains_key("tags/index.html"), "the tag index shows the counts");
    // The tag's first article leaves it: the tag stays, with one article.
    let (changed, _) =
        edit_in_place(&site, &mut loaded, &after, "posts/follow-up.md", |text| text.replace("tags: [follow-up]\n", ""));
    assert!(!String::from_utf8_lossy(&changed["tags/follow-up/index.html"]).contains("Following Up"));
    // The last article of `interviews` leaves it: the tag's page and feed go.
    let site = TestSite::new("build-basic");
    let (mut loaded, before) = full(&site);
    let (changed, after) = edit_in_place(&site, &mut loaded, &before, "posts/first-steps.md", |text| {
        text.replace("[basics, interviews]", "[basics]")
    });
    assert!(!String::from_utf8_lossy(&changed["tags/index.html"]).contains("interviews"), "no article has it now");
    assert!(!after.contains_key("tags/interviews/index.html") && !after.contains_key("tags/interviews/atom.xml"));
}

#[test]
fn a_tag_gone_that_a_page_links_to_reloads() {
    let site = TestSite::new("build-basic");
    rewrite(&site, "content/posts/follow-up.md", |text| {
        format!("{text}\nSee [every interview post](../../tags/interviews/).\n")
    });
    let (mut loaded, _) = full(&site);
    rewrite(&site, "content/posts/first-steps.md", |text| text.replace("[basics, interviews]", "[basics]"));
    assert!(in_place(&mut loaded, "posts/first-steps.md").is_none(), "the link would now be broken");
    let err = Site::load(&options(&site), &mut Timings::default()).err().expect("a full load fails on it");
    assert!(err.to_string().contains("tags/interviews/"), "{err}");
}

#[test]
fn edits_that_move_more_than_the_article_ask_for_a_full_rebuild() {
    let site = TestSite::new("build-basic");
    let (mut loaded, _) = full(&site);
    let rel = "content/posts/first-steps.md";
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    let cases = [
        // A new alias is a new output file, checked against all the others.
        ("an alias", text.replacen("\n", "\naliases: [/old-first-steps/]\n", 1)),
        ("a draft", text.replacen("\n", "\ndraft: true\n", 1)),
        ("a template", text.replacen("\n", "\ntemplate: page.html\n", 1)),
        ("another spelling taking over a tag", text.replace("[basics, interviews]", "[Basics, interviews]")),
        ("a date after today", text.replace("date: 2025-01-10", "date: 2025-12-01")),
    ];
    for (what, edited) in cases {
        site.write(rel, edited);
        assert!(in_place(&mut loaded, "posts/first-steps.md").is_none(), "{what} reloads");
        site.write(rel, &text);
        loaded = full(&site).0;
    }
}

#[test]
fn a_new_slug_moves_the_page_and_the_links_to_it() {
    let site = TestSite::new("build-basic");
    let (mut loaded, before) = full(&site);
    // first-steps links to this article with `@/posts/follow-up.md`.
    let (changed, after) = edit_in_place(&site, &mut loaded, &before, "posts/follow-up.md", |text| {
        text.replace("slug: following-up-politely", "slug: following-up-kindly")
    });
    assert!(!after.contains_key("posts/following-up-politely/index.html"));
    let linking = String::from_utf8_lossy(&changed["posts/first-steps/index.html"]);
    assert!(linking.contains("/posts/following-up-kindly/"), "{linking}");
    assert!(String::from_utf8_lossy(&changed["sitemap.xml"]).contains("following-up-kindly"));
}

#[test]
fn a_new_slug_on_a_page_bundle_moves_its_files_and_the_links_to_them_in_place() {
    let site = TestSite::new("links-bundle");
    // A tag on both, so that the move reaches tag pages and tag feeds too.
    for rel in ["content/posts/my-post/index.md", "content/posts/older.md"] {
        rewrite(&site, rel, |text| text.replacen("\n", "\ntags: [career change]\n", 1));
    }
    let (mut loaded, before) = full(&site);
    assert!(before.contains_key("posts/my-post/chart.svg"), "the fixture's bundle publishes its chart");
    // older.md links to the bundle and to its chart; the bundle links to its own files.
    let (changed, after) = edit_in_place(&site, &mut loaded, &before, "posts/my-post/index.md", |text| {
        text.replacen("\n", "\nslug: charting-a-change\n", 1)
    });
    for file in ["index.html", "chart.svg", "files/Worksheet.txt"] {
        assert!(!after.contains_key(&format!("posts/my-post/{file}")), "{file} left its old place");
        assert!(changed.contains_key(&format!("posts/charting-a-change/{file}")), "{file} moved: {:?}", changed.keys());
    }
    let older = String::from_utf8_lossy(&changed["posts/older/index.html"]);
    assert!(older.contains("/posts/charting-a-change/chart.svg"), "{older}");
    let page = String::from_utf8_lossy(&changed["posts/charting-a-change/index.html"]);
    assert!(page.contains("/posts/charting-a-change/files/Worksheet.txt"), "{page}");

    // Its files onto a file the site publishes already: a reload, which names the clash.
    site.write("content/posts/taken/chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let (mut loaded, _) = full(&site);
    rewrite(&site, "content/posts/my-post/index.md", |text| text.replace("charting-a-change", "taken"));
    assert!(loaded.edit_article("posts/my-post/index.md", false).unwrap().is_none(), "a clash reloads");
    let built = Site::load(&options(&site), &mut Timings::default()).and_then(|s| site::render(&s).map(|_| ()));
    let err = built.expect_err("the reload refuses it").to_string();
    assert!(err.contains("output file posts/taken/chart.svg is also produced by"), "{err}");

    // Another article's image in the bundle: image URLs are worked out at load, so a reload.
    rewrite(&site, "content/posts/my-post/index.md", |text| text.replace("slug: taken\n", ""));
    std::fs::remove_file(site.path("content/posts/taken/chart.svg")).unwrap();
    rewrite(&site, "content/posts/older.md", |text| {
        text.replacen("\n", "\nimage:\n  src: my-post/chart.svg\n  alt: A chart\n  width: 1200\n  height: 630\n", 1)
    });
    let (mut loaded, before) = full(&site);
    assert!(String::from_utf8_lossy(&before["posts/older/index.html"]).contains("/posts/my-post/chart.svg"));
    rewrite(&site, "content/posts/my-post/index.md", |text| text.replacen("\n", "\nslug: charting-again\n", 1));
    assert!(loaded.edit_article("posts/my-post/index.md", false).unwrap().is_none(), "a named image reloads");

    // Its files where another article's alias needs a folder for its redirect page: a
    // reload, which names the alias.
    rewrite(&site, "content/posts/my-post/index.md", |text| text.replace("slug: charting-again\n", ""));
    rewrite(&site, "content/posts/older.md", |text| {
        let text =
            text.replacen("image:\n  src: my-post/chart.svg\n  alt: A chart\n  width: 1200\n  height: 630\n", "", 1);
        text.replacen("\n", "\naliases: [/posts/moved-here/chart.svg/]\n", 1)
    });
    let (mut loaded, _) = full(&site);
    rewrite(&site, "content/posts/my-post/index.md", |text| text.replacen("\n", "\nslug: moved-here\n", 1));
    assert!(loaded.edit_article("posts/my-post/index.md", false).unwrap().is_none(), "an alias in the way reloads");
    let built = Site::load(&options(&site), &mut Timings::default()).and_then(|s| site::render(&s).map(|_| ()));
    let err = built.expect_err("the reload refuses it").to_string();
    assert!(err.contains("posts/older.md") && err.contains("/posts/moved-here/chart.svg/"), "{err}");
}

#[test]
fn a_site_without_tags_takes_title_date_and_slug_edits_in_place_until_its_first_tag() {
    let site = TestSite::new("links-bundle");
    let (mut loaded, before) = full(&site);
    assert!(!before.keys().any(|k| k.starts_with("tags/")), "the fixture has no tags");
    let retitle = |text: &str| text.replace("An Older Post", "An Older Story");
    let (_, after) = edit_in_place(&site, &mut loaded, &before, "posts/older.md", retitle);
    // Past the bundle: the two swap places in the lists.
    let redate = |text: &str| text.replace("date: 2025-02-01", "date: 2025-04-01");
    let (changed, after) = edit_in_place(&site, &mut loaded, &after, "posts/older.md", redate);
    assert!(String::from_utf8_lossy(&changed["index.html"]).contains("An Older Story"));
    let reslug = |text: &str| text.replacen("\n", "\nslug: older-story\n", 1);
    let (changed, _) = edit_in_place(&site, &mut loaded, &after, "posts/older.md", reslug);
    assert!(changed.contains_key("posts/older-story/index.html"), "{:?}", changed.keys());
    // A first tag brings the tag pages, whose templates a site needs only then: a reload.
    rewrite(&site, "content/posts/older.md", |text| text.replacen("\n", "\ntags: [first]\n", 1));
    assert!(in_place(&mut loaded, "posts/older.md").is_none(), "the first tag reloads");
}

#[test]
fn a_new_slug_on_a_site_with_aliases_moves_in_place_and_its_own_redirects_follow() {
    let site = TestSite::new("build-basic");
    let alias = |url: &'static str| move |text: &str| text.replacen("\n", &format!("\naliases: [{url}]\n"), 1);
    rewrite(&site, "content/posts/first-steps.md", alias("/posts/old-first-steps/"));
    rewrite(&site, "content/posts/follow-up.md", alias("/old-follow-up/"));
    let (mut loaded, before) = full(&site);
    let (changed, _) = edit_in_place(&site, &mut loaded, &before, "posts/follow-up.md", |text| {
        text.replace("slug: following-up-politely", "slug: following-up-again")
    });
    let redirect = String::from_utf8_lossy(&changed["old-follow-up/index.html"]);
    assert!(
        redirect.contains("/posts/following-up-again/"),
        "its redirect sends readers on to the new URL: {redirect}"
    );
    assert!(!changed.contains_key("posts/old-first-steps/index.html"), "another page's redirect is left alone");

    // Onto another page's alias: the error a build gives, at the alias.
    rewrite(&site, "content/posts/follow-up.md", |text| {
        text.replace("slug: following-up-again", "slug: old-first-steps")
    });
    let err = loaded.edit_article("posts/follow-up.md", false).err().expect("a page where an alias is").to_string();
    let built = Site::load(&options(&site), &mut Timings::default()).and_then(|s| site::render(&s).map(|_| ()));
    let built = built.expect_err("a build refuses it too").to_string();
    let wanted = "alias \"/posts/old-first-steps/\" would replace posts/old-first-steps/index.html";
    assert!(err.contains(wanted) && err.contains("first-steps.md:"), "{err}");
    assert!(built.contains(wanted), "{built}");
}

#[test]
fn a_new_slug_that_takes_another_pages_url_is_an_error() {
    let site = TestSite::new("build-basic");
    let (mut loaded, _) = full(&site);
    rewrite(&site, "content/posts/follow-up.md", |text| {
        text.replace("slug: following-up-politely", "slug: first-steps")
    });
    let err = loaded.edit_article("posts/follow-up.md", false).err().expect("two pages on one URL");
    assert!(err.to_string().contains("URL /posts/first-steps/ is also produced by"), "{err}");
}

#[test]
fn a_broken_edit_is_an_error_and_keeps_the_article() {
    let site = TestSite::new("build-basic");
    let (mut loaded, _) = full(&site);
    site.write("content/posts/first-steps.md", "---\ntitle: [unclosed\n---\n");
    let err = loaded.edit_article("posts/first-steps.md", false).err().expect("an error");
    assert!(err.to_string().contains("content/posts/first-steps.md:2"), "{err}");
    assert!(loaded.pages.iter().any(|p| p.page.file.rel == "posts/first-steps.md"));
}

#[test]
fn an_edited_article_image_is_checked_and_matches_a_full_rebuild() {
    let site = TestSite::new("seo-social");
    let (mut loaded, _) = full(&site);
    let rel = "content/posts/escaping.md";
    let text = rewrite(&site, rel, |text| text.replace("src: cover.png", "src: /share.png"));
    let (changed, _) = in_place(&mut loaded, "posts/escaping.md").expect("an image edit is handled in place");
    let (_, after) = full(&site);
    let page = "posts/escaping/index.html";
    assert_eq!(changed.get(page), after.get(page));
    assert!(String::from_utf8_lossy(&changed[page]).contains("<meta property=\"og:image\" content=\"/share.png\">"));

    site.write(rel, text.replace("src: cover.png", "src: gone.png"));
    let err = loaded.edit_article("posts/escaping.md", false).err().expect("an error");
    assert!(err.to_string().contains("content/posts/escaping.md:9:1: `image.src`: there is no file"), "{err}");
}

#[test]
fn an_edited_author_is_checked_and_matches_a_full_rebuild() {
    let site = TestSite::new("article-furniture");
    let (mut loaded, _) = full(&site);
    let rel = "content/posts/plain.md";
    let text = rewrite(&site, rel, |text| text.replace("tags: [interviewing]", "tags: [interviewing]\nauthor: ana"));
    let (changed, _) = in_place(&mut loaded, "posts/plain.md").expect("an author edit is handled in place");
    let (_, after) = full(&site);
    for path in ["posts/plain/index.html", "atom.xml"] {
        assert_eq!(changed.get(path), after.get(path), "{path}");
    }
    assert!(String::from_utf8_lossy(&changed["posts/plain/index.html"]).contains("author-block"));

    site.write(rel, text.replace("tags: [interviewing]", "tags: [interviewing]\nauthor: bob"));
    let err = loaded.edit_article("posts/plain.md", false).err().expect("an error");
    assert!(err.to_string().contains("content/posts/plain.md:5:9: `author`: \"bob\""), "{err}");
    site.write(rel, &text);
    let (changed, _) = in_place(&mut loaded, "posts/plain.md").expect("the article as it was");
    assert!(!String::from_utf8_lossy(&changed["posts/plain/index.html"]).contains("bob"));
}

/// A template edit keeps the loaded content, since templates change what pages show, not
/// which pages there are; except the job filter groups' template, whose presence decides
/// whether the groups have pages: gaining or losing it asks for a reload.
#[test]
fn a_template_edit_that_adds_or_removes_the_group_pages_reloads() {
    let site = TestSite::new("job-filters-many");
    let (mut loaded, before) = full(&site);
    assert!(before.contains_key("jobs/tag/index.html"));
    let group = site.path("themes/default/templates/job_group.html");
    let text = std::fs::read_to_string(&group).unwrap();
    std::fs::write(&group, format!("{text}\n{{# edited #}}")).unwrap();
    assert!(loaded.reload_templates().unwrap(), "an edit of the template alone keeps the content");
    std::fs::remove_file(&group).unwrap();
    assert!(!loaded.reload_templates().unwrap(), "the group pages go: a reload");
    let (mut without, files) = full(&site);
    assert!(!files.contains_key("jobs/tag/index.html"));
    std::fs::write(&group, text).unwrap();
    assert!(!without.reload_templates().unwrap(), "the group pages come back: a reload");
}

/// Headings' ids steer clear of the ids the templates write: a template edit that writes
/// a new one asks for a reload, which gives a heading of that text another id.
#[test]
fn a_template_edit_that_writes_a_new_id_reloads_the_headings() {
    let site = TestSite::new("build-basic");
    site.write("content/posts/first-steps.md", {
        let text = std::fs::read_to_string(site.path("content/posts/first-steps.md")).unwrap();
        format!("{text}\n## Contact\n\nWrite to us.\n")
    });
    let (mut loaded, before) = full(&site);
    let page = "posts/first-steps/index.html";
    assert!(String::from_utf8_lossy(&before[page]).contains("<h2 id=\"contact\">"));
    let base = site.path("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, format!("{text}\n{{# a comment #}}")).unwrap();
    assert!(loaded.reload_templates().unwrap(), "no new id: the content is kept");
    std::fs::write(&base, text.replace("</footer>", "<p id=\"contact\">Contact</p></footer>")).unwrap();
    assert!(!loaded.reload_templates().unwrap(), "a new id: a reload");
    let (_, after) = full(&site);
    let html = String::from_utf8_lossy(&after[page]);
    assert!(html.contains("<h2 id=\"contact-1\">") && html.matches("id=\"contact\"").count() == 1, "{html}");
}

/// A redirect of site.toml to an article is named by the article's title: a new title
/// reaches it in place, as a full rebuild gives it.
#[test]
fn a_new_title_reaches_the_site_redirect_to_the_article() {
    let site = TestSite::new("links-aliases");
    let (mut loaded, before) = full(&site);
    let (changed, _) = edit_in_place(&site, &mut loaded, &before, "posts/moved.md", |text| {
        let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
        text.replace(title, "title: \"A renamed Q&A\"")
    });
    let redirect = String::from_utf8_lossy(&changed["old-faq.html"]);
    assert!(redirect.contains("<title>A renamed Q&amp;A · "), "{redirect}");
}

/// A new slug for an article whose URL needs escaping in HTML (`q&a`): the article that
/// links to it, its feed entry and site.toml's redirect to it all follow in place. The
/// linking article was missed when the old URL was looked for as written (`q&amp;a`).
#[test]
fn a_new_slug_with_an_ampersand_relinks_its_linking_article_and_feed_in_place() {
    let site = TestSite::new("links-aliases");
    let (mut loaded, before) = full(&site);
    let (changed, after) = edit_in_place(&site, &mut loaded, &before, "posts/moved.md", |text| {
        let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
        text.replace(title, "title: \"A renamed Q&A\"")
    });
    let redirect = String::from_utf8_lossy(&changed["old-faq.html"]);
    assert!(redirect.contains("<title>A renamed Q&amp;A · "), "{redirect}");
    let (changed, _) =
        edit_in_place(&site, &mut loaded, &after, "posts/moved.md", |text| text.replace("slug: \"q&a\"", "slug: faq"));
    assert!(String::from_utf8_lossy(&changed["posts/staying/index.html"]).contains("href=\"/posts/faq/\""));
    // The redirect leads nowhere on the site now, and is named by its URL.
    let redirect = String::from_utf8_lossy(&changed["old-faq.html"]);
    assert!(redirect.contains("<title>/posts/q&amp;a/ · "), "{redirect}");
}

/// build-basic with a job board whose one open listing links to `posts/follow-up.md`.
fn with_a_listing_linking_follow_up() -> TestSite {
    let site = TestSite::new("build-basic");
    site.write("content/jobs/_index.md", "---\ntitle: Open roles\n---\n");
    site.write(
        "content/jobs/coach.md",
        "---\ntitle: Interview Coach\ncompany: Bureau\nemployment_type: PART_TIME\ndate_posted: 2025-05-10\n\
         apply_url: https://bureau.example/coach\nlocation: { city: Paris, country: FR }\n---\n\
         Read [our advice](@/posts/follow-up.md) before you apply.\n",
    );
    site
}

#[test]
fn a_new_slug_a_job_listing_links_to_moves_in_place_with_the_listing_and_its_feeds() {
    let site = with_a_listing_linking_follow_up();
    let (mut loaded, before) = full(&site);
    assert!(String::from_utf8_lossy(&before["jobs/coach/index.html"]).contains("/posts/following-up-politely/"));
    let (changed, _) = edit_in_place(&site, &mut loaded, &before, "posts/follow-up.md", |text| {
        text.replace("slug: following-up-politely", "slug: following-up-kindly")
    });
    assert!(String::from_utf8_lossy(&changed["jobs/coach/index.html"]).contains("/posts/following-up-kindly/"));
    for feed in ["jobs/atom.xml", "jobs/jobs.json", "jobs/jobs.xml"] {
        assert!(String::from_utf8_lossy(&changed[feed]).contains("following-up-kindly"), "{feed}");
    }
}

#[test]
fn a_new_slug_a_sections_text_links_to_reloads() {
    let site = with_a_listing_linking_follow_up();
    let index = "content/posts/_index.md";
    rewrite(&site, index, |text| format!("{text}\nStart with [following up](@/posts/follow-up.md).\n"));
    let (mut loaded, _) = full(&site);
    rewrite(&site, "content/posts/follow-up.md", |text| {
        text.replace("slug: following-up-politely", "slug: following-up-kindly")
    });
    assert!(in_place(&mut loaded, "posts/follow-up.md").is_none(), "the section's text is on all its pages");
}

/// A redirect of site.toml is named by the article it leads to: when that article leaves
/// the site or comes back, the dev server loads it again, which names the redirect by its
/// URL or by the article's title, as a full build does.
#[test]
fn an_article_a_site_redirect_leads_to_leaving_or_joining_reloads() {
    let site = TestSite::new("links-aliases");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{config}\"/old-staying.html\" = \"/posts/staying/\"\n"));
    let text = std::fs::read_to_string(site.path("content/posts/staying.md")).unwrap();
    let (mut loaded, before) = full(&site);
    assert!(String::from_utf8_lossy(&before["old-staying.html"]).contains("<title>Staying Put · "));
    std::fs::remove_file(site.path("content/posts/staying.md")).unwrap();
    assert!(loaded.edit_article("posts/staying.md", false).unwrap().is_none(), "not an edit: the file is gone");
    assert!(loaded.arrive("posts/staying.md", &options(&site)).unwrap().is_none(), "deleted: a reload");
    let (mut loaded, after) = full(&site);
    assert!(String::from_utf8_lossy(&after["old-staying.html"]).contains("<title>/posts/staying/ · "));
    site.write("content/posts/staying.md", text);
    assert!(loaded.edit_article("posts/staying.md", false).unwrap().is_none(), "not an edit: a new file");
    assert!(loaded.arrive("posts/staying.md", &options(&site)).unwrap().is_none(), "back: a reload");
}
