//! `careerpress import`: a Jekyll site and a Hugo site, each in its generator's real
//! layout (tests/fixtures/import-jekyll, import-hugo), imported into a new careerpress
//! site and built. Old URLs must redirect, images must resolve, and no Liquid tag or
//! shortcode may reach a page outside code.

use crate::common::{fixture_dir, list_html_files, run_careerpress, snapshot, RunResult};
use std::fs;
use std::path::{Path, PathBuf};

struct Imported {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    import: RunResult,
}

fn import(kind: &str, fixture: &str, extra: &[&str]) -> Imported {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let src = fixture_dir(fixture);
    let mut args = vec!["import", kind, src.to_str().unwrap(), "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let import = run_careerpress(args, tmp.path());
    Imported { _tmp: tmp, root, import }
}

/// [`import`] of a copy of `fixture` that `change` edits first (a line added to its
/// configuration, a file taken out): one fixture serves cases a line apart.
fn import_changed(kind: &str, fixture: &str, change: impl FnOnce(&Path)) -> Imported {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join(kind);
    crate::common::copy_dir_all(&fixture_dir(fixture), &src);
    change(&src);
    let root = tmp.path().join("site");
    let import = run_careerpress(["import", kind, src.to_str().unwrap(), "--root", root.to_str().unwrap()], tmp.path());
    Imported { _tmp: tmp, root, import }
}

/// Adds `text` to the end of the file `rel` under `dir`.
fn append(dir: &Path, rel: &str, text: &str) {
    let before = fs::read_to_string(dir.join(rel)).unwrap();
    fs::write(dir.join(rel), before + text).unwrap();
}

/// Replaces `from` by `to` in the file `rel` under `dir`, which must hold it.
fn replace(dir: &Path, rel: &str, from: &str, to: &str) {
    let before = fs::read_to_string(dir.join(rel)).unwrap();
    assert!(before.contains(from), "{rel} has no {from:?}");
    fs::write(dir.join(rel), before.replace(from, to)).unwrap();
}

/// Asserts that the import's report says each of `said` (a line, or a part of one).
fn assert_reported(import: &RunResult, said: &[&str]) {
    for line in said {
        assert!(import.stdout.contains(line), "{line}\n{import}");
    }
}

fn build(root: &Path) -> RunResult {
    let r = run_careerpress(["build", "--root", root.to_str().unwrap()], root);
    r.assert_success();
    r
}

/// The page's HTML without its code: what a reader sees as prose.
fn outside_code(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<pre") {
        out.push_str(&rest[..start]);
        rest = rest[start..].split_once("</pre>").map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

fn assert_no_raw_tags(public: &Path) {
    assert_no_raw_tags_but(public, &[]);
}

/// [`assert_no_raw_tags`] where the tags starting with `left` were reported as left.
fn assert_no_raw_tags_but(public: &Path, left: &[&str]) {
    for rel in list_html_files(public) {
        let html = fs::read_to_string(public.join(&rel)).unwrap();
        let prose = left.iter().fold(outside_code(&html), |prose, tag| prose.replace(tag, ""));
        for raw in ["{%", "{{<", "{{%"] {
            assert!(!prose.contains(raw), "{rel} has a raw {raw:?} outside code");
        }
    }
}

/// Asserts that `old` (a path under public/) is a redirect page to `target`.
fn assert_redirect(public: &Path, old: &str, target: &str) {
    let html = fs::read_to_string(public.join(old)).unwrap_or_else(|_| panic!("no redirect page at {old}"));
    assert!(html.contains(&format!("url={target}")), "{old} does not redirect to {target}:\n{html}");
}

/// Every `aliases` entry the import wrote, with the page it belongs to (its new URL path).
fn written_aliases(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for rel in crate::common::list_files(&root.join("content")).into_iter().filter(|r| r.ends_with(".md")) {
        let text = fs::read_to_string(root.join("content").join(&rel)).unwrap();
        let mut in_aliases = false;
        for line in text.lines().skip(1).take_while(|l| *l != "---") {
            if line == "aliases:" {
                in_aliases = true;
            } else if let (true, Some(alias)) = (in_aliases, line.strip_prefix("- ")) {
                out.push((alias.to_string(), rel.clone()));
            } else {
                in_aliases = false;
            }
        }
    }
    out
}

/// Each old URL the import kept has its redirect page in the built site.
fn assert_every_alias_redirects(root: &Path) -> usize {
    let public = root.join("public");
    let aliases = written_aliases(root);
    for (alias, page) in &aliases {
        let path = alias.trim_start_matches('/');
        let file = if path.ends_with(".html") {
            path.to_string()
        } else {
            format!("{}/index.html", path.trim_end_matches('/'))
        };
        let html =
            fs::read_to_string(public.join(&file)).unwrap_or_else(|_| panic!("no redirect page for {alias} ({page})"));
        assert!(html.contains("http-equiv=\"refresh\""), "{file} is not a redirect page");
    }
    aliases.len()
}

/// Article pages in a section: its HTML files but the list pages and redirect pages.
fn count_articles(public: &Path, section: &str) -> usize {
    let is_redirect = |rel: &str| fs::read_to_string(public.join(rel)).unwrap().contains("http-equiv=\"refresh\"");
    list_html_files(public)
        .iter()
        .filter(|p| p.starts_with(&format!("{section}/")) && p.matches('/').count() == 2 && !is_redirect(p))
        .count()
}

#[test]
fn a_jekyll_site_imports_and_builds() {
    let site = import("jekyll", "import-jekyll", &[]);
    site.import.assert_success();
    let report = &site.import.stdout;
    // Named at its line in the file written, where the author goes to fix it.
    let tag = "{% include question-list.html %}";
    let written = fs::read_to_string(site.root.join("content/posts/interview-questions.md")).unwrap();
    let line = written.lines().position(|l| l.contains(tag)).unwrap() + 1;
    let expected = format!("left as is, content/posts/interview-questions.md:{line}: {tag}");
    assert!(report.contains(&expected), "{expected}\n{report}");
    // A tag written over two lines is reported on one, at the line it starts on.
    let tag = "{% include callout.html";
    let line = written.lines().position(|l| l.contains(tag)).unwrap() + 1;
    let expected = format!(
        "left as is, content/posts/interview-questions.md:{line}: {{% include callout.html text=\"Bring two questions\" %}}\n"
    );
    assert!(report.contains(&expected), "{expected}\n{report}");
    assert!(report.contains("index.markdown: not imported"), "{report}");
    // The settings' and the page's values, written as Jekyll printed them.
    assert!(
        written.contains("Send yours to editor@example.org: Sam Reyes answers them on Career Notes.\n"),
        "{written}"
    );
    assert!(report.contains("converted: {{ site.… }} → the value the old site printed"), "{report}");
    // Jekyll ran a file with front matter through Liquid, and copied one without as it is.
    assert!(report.contains("search.json: not imported: a file Jekyll made with Liquid"), "{report}");
    assert!(report.contains("css/style.css: not imported: a file Jekyll made with Liquid"), "{report}");
    assert!(report.contains("scripts/deploy.sh: not imported: left out by the `exclude` list"), "{report}");
    build(&site.root);
    let public = site.root.join("public");
    // `exclude` keeps a file out, `include` publishes one Jekyll would hide.
    let published = crate::common::list_files(&public);
    assert!(!published.iter().any(|f| f.starts_with("scripts")), "{published:#?}");
    assert!(published.contains("_redirects"), "{published:#?}");
    assert!(published.contains("demo/canvas.html"), "{published:#?}");
    assert!(!published.contains("search.json") && !published.contains("css/style.css"), "{published:#?}");
    // Markdown without front matter is copied as Jekyll copies it, not made a page.
    assert!(published.contains("CHANGELOG.md") && !published.contains("changelog/index.html"), "{published:#?}");
    // Four posts (one under news/_posts) and the draft, left out of the build.
    assert_eq!(count_articles(&public, "posts"), 4, "{:#?}", list_html_files(&public));
    assert!(public.join("about/index.html").is_file());
    let base = "https://notes.example.org";
    // The _config.yml permalink pattern, redirect_from, and a page's default URL.
    assert_redirect(&public, "blog/2019/08/19/welcome-to-jekyll.html", &format!("{base}/posts/welcome-to-jekyll/"));
    assert_redirect(&public, "blog/2022/06/01/hiring-fair.html", &format!("{base}/posts/hiring-fair/"));
    assert_redirect(&public, "old-salary/index.html", &format!("{base}/posts/salary-negotiation/"));
    assert_redirect(&public, "2020/salary.html", &format!("{base}/posts/salary-negotiation/"));
    // The About page's own permalink, /about/, is where it still is: Jekyll published no
    // about.html, so none is made up.
    assert!(!public.join("about.html").exists());
    assert_eq!(assert_every_alias_redirects(&site.root), 6, "the four posts' old URLs");
    assert_no_raw_tags(&public);
    // {{ site.baseurl }} and relative_url images resolve to the copied file.
    let welcome = fs::read_to_string(public.join("posts/welcome-to-jekyll/index.html")).unwrap();
    assert!(welcome.contains(&format!("src=\"{base}/assets/images/chart.png\"")), "{welcome}");
    assert!(public.join("assets/images/chart.png").is_file());
    // {% post_url %} became a link to the imported post, and categories became tags.
    assert!(welcome.contains(&format!("href=\"{base}/posts/salary-negotiation/\"")), "{welcome}");
    assert!(public.join("tags/jekyll/index.html").is_file() && public.join("tags/news/index.html").is_file());
    let salary = fs::read_to_string(site.root.join("content/posts/salary-negotiation.md")).unwrap();
    assert!(salary.contains("extra:\n  layout: post\n"), "unknown keys go under extra:\n{salary}");
    assert!(site.root.join("data/coaches.yml").is_file());
}

/// Jekyll's YAML (Ruby's) and Hugo's (Go's yaml.v2) read `no`, `off` and `yes` as booleans:
/// a post with `published: no` or `draft: yes` was never on the old site, and must not
/// be on the new one. Words an author means as words (a title, tags) stay words.
#[test]
fn yaml_1_1_booleans_keep_unpublished_posts_unpublished() {
    for (kind, fixture, rel, switch) in [
        ("jekyll", "import-jekyll", "_posts/2020-06-01-secret.md", "published: no"),
        ("hugo", "import-hugo", "content/posts/secret.md", "draft: yes"),
    ] {
        let site = import_changed(kind, fixture, |src| {
            let text = format!("---\ntitle: Secret plans\ndate: 2020-06-01\n{switch}\n---\nNot yet.\n");
            fs::write(src.join(rel), text).unwrap();
            let shown = "---\ntitle: No\ndate: 2020-06-02\ntags: [yes, offers]\ncomments: off\n---\nShown.\n";
            fs::write(src.join(rel.replace("secret", "shown")), shown).unwrap();
        });
        site.import.assert_success();
        let secret = fs::read_to_string(site.root.join("content/posts/secret.md")).unwrap();
        assert!(secret.contains("draft: true"), "{kind}: {secret}");
        let shown = fs::read_to_string(site.root.join("content/posts/shown.md")).unwrap();
        // careerpress reads YAML 1.2, where `No` and `yes` are words.
        assert!(shown.contains("title: No\n") && shown.contains("- yes\n"), "{kind}: {shown}");
        assert!(shown.contains("comments: false"), "{kind}: {shown}");
        build(&site.root);
        let public = site.root.join("public");
        assert!(!public.join("posts/secret").exists(), "{kind}: a post the old site never published is published");
        let page = fs::read_to_string(public.join("posts/shown/index.html")).unwrap();
        assert!(page.contains("<h1>No</h1>"), "{kind}: {page}");
    }
}

#[test]
fn relative_links_of_moved_pages_and_posts_reach_what_they_reached() {
    // `resources/resume/writing.md` becomes `content/resources-resume-writing.md`, and the
    // post moves from /2021/02/03/cover-letters.html to /posts/cover-letters/: read from
    // there, their relative links would name nothing, and the build would fail.
    let site = import("jekyll", "import-jekyll-relative", &[]);
    site.import.assert_success();
    assert!(site.import.stdout.contains("4 links → @/ links and site paths"), "{}", site.import.stdout);
    build(&site.root);
    let public = site.root.join("public");
    let base = "https://resources.example.org";
    let writing = fs::read_to_string(public.join("resources-resume-writing/index.html")).unwrap();
    assert!(writing.contains(&format!("href=\"{base}/resources-resume-checklist/\"")), "{writing}");
    assert!(writing.contains(&format!("href=\"{base}/faq/#formats\"")), "{writing}");
    assert!(writing.contains(&format!("src=\"{base}/resources/resume/sample.png\"")), "{writing}");
    assert!(public.join("resources/resume/sample.png").is_file());
    let post = fs::read_to_string(public.join("posts/cover-letters/index.html")).unwrap();
    assert!(post.contains(&format!("href=\"{base}/resources-resume-writing/\"")), "{post}");
    let checklist = fs::read_to_string(public.join("resources-resume-checklist/index.html")).unwrap();
    assert!(checklist.contains(&format!("href=\"{base}/resources-resume-writing/\"")), "{checklist}");
}

#[test]
fn relative_links_that_led_nowhere_become_site_paths_the_build_takes_and_check_lists() {
    // `LICENSE` and `./CONTRIBUTING.md` led nowhere on the Zola site either (as in the
    // Zola docs' theme pages), nor did the link to a draft: written as written, the new
    // site's first build would stop at them. The bundle's own image, the section above and the moved second page's image
    // still resolve, and stay as the build reads them; code is text.
    let site = import("zola", "import-zola-dead-links", &[]);
    site.import.assert_success();
    let report = &site.import.stdout;
    assert!(report.contains("3 links to nothing the new site publishes (LICENSE → /themes/night/LICENSE"), "{report}");
    assert!(report.contains("1 link to nothing the new site publishes (autumn/ → /events/spring/autumn/)"), "{report}");
    let night = fs::read_to_string(site.root.join("content/themes/night/index.md")).unwrap();
    for kept in [
        "](/themes/night/CONTRIBUTING.md#setup)",
        "[every theme](../)",
        // A link to a draft, which the build leaves out, names its URL, reached once it
        // is published.
        "[Dawn](/themes/dawn/#colours)",
        "`[x](nowhere.md)`",
        "[a link](nowhere.md)\n```",
    ] {
        assert!(night.contains(kept), "{kept}: {night}");
    }
    build(&site.root);
    let public = site.root.join("public");
    let base = "https://themes.example.org";
    let page = fs::read_to_string(public.join("themes/night/index.html")).unwrap();
    assert!(page.contains(&format!("href=\"{base}/themes/night/LICENSE\"")), "{page}");
    assert!(page.contains(&format!("src=\"{base}/themes/night/screenshot.png\"")), "{page}");
    let spring = fs::read_to_string(public.join("events-spring/index.html")).unwrap();
    assert!(spring.contains(&format!("src=\"{base}/events/fair/stands.png\"")), "{spring}");
    assert!(public.join("events/fair/stands.png").is_file());
    let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], &site.root);
    assert!(!check.success(), "the dead links are errors for check: {check}");
    for (at, to) in [
        ("content/themes/night/index.md:9:", "/themes/night/LICENSE"),
        ("content/themes/night/index.md:10:", "/themes/night/CONTRIBUTING.md"),
        ("content/themes/night/index.md:11:", "/themes/dawn/"),
        ("content/events-spring.md:", "/events/spring/autumn/"),
    ] {
        let found = check
            .stdout
            .lines()
            .any(|l| l.starts_with(at) && l.contains(&format!("error[broken-link]: links to {to},")));
        assert!(found, "{at} {to}: {check}");
    }
}

#[test]
fn undated_pages_of_a_zola_section_that_was_not_rendered_become_pages_at_the_top() {
    // tabi, abridge and terminimal keep About and Contact in `pages/`, a section with
    // `render = false`, each at its own `path`: imported as the section's articles, they
    // were dated and led the feed, at /pages/about/.
    let site = import("zola", "import-zola-unrendered", &[]);
    site.import.assert_success();
    let report = &site.import.stdout;
    assert!(report.contains("content/pages/about.md → content/about.md"), "{report}");
    assert!(report.contains("content/pages/_index.md: not imported: a section Zola did not render"), "{report}");
    let content = site.root.join("content");
    // A bundle's other page moves with it, then beside it as any bundle's.
    let placed = ["about.md", "contact/index.md", "contact/map.png", "contact-directions.md", "legal/privacy.md"];
    for file in placed {
        assert!(content.join(file).is_file(), "{file}");
    }
    assert!(!content.join("pages").exists() && content.join("legal/_index.md").is_file());
    let contact = fs::read_to_string(content.join("contact/index.md")).unwrap();
    assert!(contact.contains("slug: contact-us") && !contact.contains("date:"), "{contact}");
    let first = fs::read_to_string(content.join("blog/first.md")).unwrap();
    assert!(first.contains("[about](@/about.md)") && first.contains("(@/contact/index.md)"), "{first}");
    build(&site.root);
    let public = site.root.join("public");
    let feed = fs::read_to_string(public.join("atom.xml")).unwrap();
    assert!(feed.contains("First") && !feed.contains("About") && !feed.contains("Contact"), "{feed}");
    let page = fs::read_to_string(public.join("contact-us/index.html")).unwrap();
    assert!(page.contains("src=\"https://zola.example.org/contact-us/map.png\""), "{page}");
    assert!(public.join("about/index.html").is_file() && !public.join("pages/index.html").exists());
}

#[test]
fn header_pages_outside_hugos_main_sections_become_pages_at_the_top_not_posts() {
    // Hugo Stack keeps About, Archives and Search in `page/`, with `mainSections =
    // ["post"]` and a `menu: main` each: imported as a section's articles, they were
    // dated (by the file's time) and listed on the home page and in the feed.
    let site = import("hugo", "import-hugo-main-sections", &[]);
    site.import.assert_success();
    let report = &site.import.stdout;
    assert!(report.contains("content/page/about/index.md → content/about/index.md"), "{report}");
    assert!(report.contains("a page of `page/`, which is none of the main sections (`mainSections`)"), "{report}");
    let content = site.root.join("content");
    assert!(content.join("about/me.png").is_file(), "the bundle's files move with it");
    assert!(!content.join("page/about").exists());
    let about = fs::read_to_string(content.join("about/index.md")).unwrap();
    assert!(!about.contains("date:") && about.contains("- /page/about/"), "undated, its old URL kept: {about}");
    // Header links of the configuration name pages by `pageRef` or by their path.
    assert!(content.join("faq.md").is_file() && content.join("team.md").is_file());
    // A bundle at the top is in no section: it stays, undated.
    let contact = fs::read_to_string(content.join("contact/index.md")).unwrap();
    assert!(!contact.contains("date:"), "{contact}");
    // Not linked from the header: still a post. Its name taken at the top (by a file of
    // the old site's, or by a page moved there first): it stays.
    for stays in ["page/colophon.md", "page/search.md", "resources/about.md"] {
        assert!(content.join(stays).is_file(), "{stays}");
    }
    let config = fs::read_to_string(site.root.join("site.toml")).unwrap();
    assert!(config.contains("url = \"/about/\""), "{config}");
    build(&site.root);
    let public = site.root.join("public");
    let feed = fs::read_to_string(public.join("atom.xml")).unwrap();
    assert!(feed.contains("First post") && feed.contains("Colophon") && !feed.contains("About"), "{feed}");
    assert!(!feed.contains("FAQ") && !feed.contains("Team") && !feed.contains("Contact"), "{feed}");
    let page = fs::read_to_string(public.join("about/index.html")).unwrap();
    assert!(page.contains("src=\"https://stack.example.org/about/me.png\""), "{page}");
    let old = fs::read_to_string(public.join("page/about/index.html")).unwrap();
    assert!(old.contains("https://stack.example.org/about/"), "the old URL redirects: {old}");
}

#[test]
fn a_link_whose_target_is_a_call_careerpress_cannot_run_goes_to_hash_with_the_call_as_its_title() {
    // hugoDocs writes `[rss]: <{{% eturl rss %}}>`: its own shortcode made the address.
    // Kept as written, the first build stopped at a relative link naming no file.
    let site = import("hugo", "import-hugo-call-targets", &[]);
    site.import.assert_success();
    let report = &site.import.stdout;
    assert!(
        report.contains("2 links whose target is a template call careerpress cannot run ({{% eturl news %}}, …) → #"),
        "{report}"
    );
    let page = fs::read_to_string(site.root.join("content/posts/feeds.md")).unwrap();
    assert!(page.contains("[the news](# \"News\")"), "a title of its own stays: {page}");
    assert!(page.contains("[the feed]: # \"{{% eturl rss %}}\""), "{page}");
    build(&site.root);
    let html = fs::read_to_string(site.root.join("public/posts/feeds/index.html")).unwrap();
    assert!(html.contains(r##"<a href="#" title="{{% eturl rss %}}">the feed</a>"##), "{html}");
    let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], &site.root);
    let at_its_line = check.stdout.lines().any(|l| {
        l.starts_with("content/posts/feeds.md:7:") && l.contains("warning[foreign-syntax]") && l.contains("eturl rss")
    });
    assert!(at_its_line, "{check}");
}

#[test]
fn a_jekyll_home_page_with_text_introduces_the_home_and_untitled_posts_get_jekylls_titles() {
    // A project's GitHub Pages site keeps its main text in `index.md`; minima's empty
    // `layout: home` page (the fixture's own) stays out, as the other test shows.
    let site = import_changed("jekyll", "import-jekyll", |src| {
        let home = "---\nlayout: default\ntitle: Career Notes\ndescription: Where to start\n---\n\
                    # Start here\n\nRead [the about page]({{ '/about/' | relative_url }}) first.\n";
        fs::write(src.join("index.markdown"), home).unwrap();
        fs::write(src.join("_posts/2022-05-06-my-iOS-job-hunt.md"), "---\nlayout: post\n---\nNotes.\n").unwrap();
    });
    site.import.assert_success();
    assert!(site.import.stdout.contains("index.markdown → content/_index.md"), "{}", site.import);
    let home = fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    assert!(home.starts_with("---\ntitle: Career Notes\ndescription: Where to start\n"), "{home}");
    assert!(home.contains("# Start here\n\nRead [the about page](@/about.md) first.\n"), "{home}");
    let post = fs::read_to_string(site.root.join("content/posts/my-ios-job-hunt.md")).unwrap();
    assert!(post.contains("title: My Ios Job Hunt\n"), "Ruby's capitalize, word by word: {post}");
    build(&site.root);
    let index = fs::read_to_string(site.root.join("public/index.html")).unwrap();
    // One published elsewhere (`permalink: /start/`) was a page like any other.
    let elsewhere = import_changed("jekyll", "import-jekyll", |src| {
        fs::write(src.join("index.markdown"), "---\ntitle: Start\npermalink: /start/\n---\nBegin here.\n").unwrap();
    });
    elsewhere.import.assert_success();
    build(&elsewhere.root);
    // careerpress keeps `index.md` for a bundle's page: it is published at /page/, its
    // old URL a redirect there.
    assert_redirect(&elsewhere.root.join("public"), "start/index.html", "https://notes.example.org/page/");
    let page = fs::read_to_string(elsewhere.root.join("public/page/index.html")).unwrap();
    assert!(page.contains("Begin here."), "{page}");
    let intro = "<h1 id=\"start-here\">Start here ";
    let link = "<p>Read <a href=\"https://notes.example.org/about/\">the about page</a> first.</p>";
    assert!(index.contains(intro) && index.contains(link), "{index}");
}

#[test]
fn zolas_extra_values_join_site_toml_for_the_templates_that_read_them() {
    // juice's `issue` shortcode reads `config.extra.repository_url`: without Zola's
    // `[extra]` in site.toml it could not be drawn, and its links were lost.
    let site = import_changed("zola", "import-zola", |src| {
        let extra = "[extra]\nrepository_url = \"https://github.com/me/proj\"\nsocial = { mastodon = \"@me\" }\n\
                     launched = 2021-01-02\nratio = nan\n";
        replace(src, "config.toml", "[extra]\n", extra);
        fs::create_dir_all(src.join("templates/shortcodes")).unwrap();
        let issue = "<a href=\"{{ config.extra.repository_url }}/issues/{{ id }}\">#{{ id }}</a>";
        fs::write(src.join("templates/shortcodes/issue.html"), issue).unwrap();
        fs::write(src.join("content/changes.md"), "+++\ntitle = \"Changes\"\n+++\n- Dark mode {{ issue(id=14) }}\n")
            .unwrap();
    });
    site.import.assert_success();
    let settings: toml::Table = fs::read_to_string(site.root.join("site.toml")).unwrap().parse().unwrap();
    assert_eq!(settings["extra"]["repository_url"].as_str(), Some("https://github.com/me/proj"));
    assert_eq!(settings["extra"]["social"]["mastodon"].as_str(), Some("@me"));
    // Values JSON cannot hold stay as TOML wrote them: a date, not a string; `nan`.
    assert_eq!(settings["extra"]["launched"].as_datetime().map(|d| d.to_string()).as_deref(), Some("2021-01-02"));
    assert!(settings["extra"]["ratio"].as_float().is_some_and(f64::is_nan), "{settings:?}");
    assert_eq!(settings["extra"]["menu"], toml::Value::Array(vec!["blog".into(), "about".into()]));
    build(&site.root);
    let page = fs::read_to_string(site.root.join("public/changes/index.html")).unwrap();
    assert!(page.contains("<a href=\"https://github.com/me/proj/issues/14\">#14</a>"), "{page}");
}

#[test]
fn emoji_codes_the_old_markdown_drew_become_emoji() {
    // Hugo's `enableEmoji` and Jekyll's jemoji drew `:tada:` as 🎉; without them, it stays.
    let hugo = import_changed("hugo", "import-hugo", |src| {
        replace(src, "hugo.toml", "title = 'Hugo Careers'\n", "title = 'Hugo Careers'\nenableEmoji = true\n");
        append(src, "content/posts/first-job.md", "\nSigned :tada: at last; `:tada:` in code.\n");
    });
    hugo.import.assert_success();
    let first = fs::read_to_string(hugo.root.join("content/posts/first-job.md")).unwrap();
    assert!(first.contains("\nSigned 🎉 at last; `:tada:` in code.\n"), "{first}");
    assert!(hugo.import.stdout.contains("1 emoji code (`:tada:`) → emoji"), "{}", hugo.import);
    build(&hugo.root);
    let jekyll = import_changed("jekyll", "import-jekyll", |src| {
        replace(src, "_config.yml", "plugins:\n", "plugins:\n  - jemoji\n");
        append(src, "about.markdown", "\nWe :heart: feedback.\n");
    });
    jekyll.import.assert_success();
    let about = fs::read_to_string(jekyll.root.join("content/about.md")).unwrap();
    assert!(about.contains("\nWe ❤️ feedback.\n"), "{about}");
    let plain = import_changed("hugo", "import-hugo", |src| {
        append(src, "content/posts/first-job.md", "\nSigned :tada: at last.\n");
    });
    let first = fs::read_to_string(plain.root.join("content/posts/first-job.md")).unwrap();
    assert!(first.contains("\nSigned :tada: at last.\n"), "{first}");
}

#[test]
fn jekyll_front_matter_defaults_and_file_names_give_the_old_urls_jekyll_gave() {
    // `_config.yml`'s `defaults:` set each post's permalink, author and tags; the most
    // specific scope wins, and a document's own front matter wins over any scope.
    let site = import("jekyll", "import-jekyll-defaults", &[]);
    site.import.assert_success();
    build(&site.root);
    let public = site.root.join("public");
    let front = |rel: &str| fs::read_to_string(site.root.join("content").join(rel)).unwrap();
    for (old, new) in [
        ("blog/uses-defaults/index.html", "/posts/uses-defaults/"),
        ("blog/short-date/index.html", "/posts/short-date/"),
        ("jobs/2021/open-roles/index.html", "/posts/open-roles/"),
        // `category` is one category with its space; `:title` keeps case, spaces to hyphens.
        ("career advice/2020/08/01/Überraschung-Café/index.html", "/posts/überraschung-café/"),
        ("guides/interviews/index.html", "/guides-interviews/"),
        ("handbook/salary/index.html", "/guides-salary/"),
    ] {
        assert_redirect(&public, old, &format!("https://defaults.example.org{new}"));
    }
    assert!(!public.join("2020").exists(), "no alias from the default date pattern once a default permalink is set");
    let uses = front("posts/uses-defaults.md");
    assert!(uses.contains("author: Jane Doe\n") && uses.contains("tags:\n- career\n"), "{uses}");
    let short = front("posts/short-date.md");
    assert!(short.contains("date: 2020-11-01\n") && short.contains("author: Sam Lee\n"), "{short}");
    assert!(front("posts/überraschung-café.md").contains("tags:\n- Career Advice\n- career\n"));
}

#[test]
fn jekyll_collections_with_output_become_pages_at_their_old_urls() {
    // `guides` has its own permalink, `recipes` the default `/:collection/:path/` under
    // `pretty`, `staff` publishes nothing, and `posts` sets the posts' own pattern.
    let site = import("jekyll", "import-jekyll-collections", &[]);
    site.import.assert_success();
    let report = &site.import.stdout;
    assert!(
        report.contains("_staff/jane.md: not imported: in the collection `staff`, which Jekyll did not publish"),
        "{report}"
    );
    build(&site.root);
    let public = site.root.join("public");
    let base = "https://collections.example.org";
    for (old, new) in [
        ("guides/salary-negotiation/index.html", "/guides-salary-negotiation/"),
        ("guides/interviews/first-round/index.html", "/guides-interviews-first-round/"),
        ("recipes/cover-letter/index.html", "/recipes-cover-letter/"),
        ("blog/2021/hello/index.html", "/posts/hello/"),
        // `timezone: America/New_York`: 23:30 at -0800 was 2022 there.
        ("blog/2022/new-year/index.html", "/posts/new-year/"),
    ] {
        assert_redirect(&public, old, &format!("{base}{new}"));
    }
    assert_eq!(
        fs::read_to_string(public.join("recipes/checklist.txt")).unwrap(),
        "Name the role.\nName the company.\n"
    );
    let hello = fs::read_to_string(public.join("posts/hello/index.html")).unwrap();
    assert!(hello.contains(&format!("href=\"{base}/guides-salary-negotiation/\"")), "{hello}");
    // `{% post_url %}` names a post in a folder inside `_posts` by its path there.
    assert!(hello.contains(&format!("href=\"{base}/posts/nested/\"")), "{hello}");
    let guide = fs::read_to_string(site.root.join("content/guides-salary-negotiation.md")).unwrap();
    assert!(guide.contains("author: Guide Team\n"), "the collection's defaults: {guide}");
    assert!(!public.join("staff").exists() && !site.root.join("content/staff-jane.md").exists());
}

#[test]
fn data_jekyll_replaced_liquid_collection_files_and_future_posts_are_reported() {
    let site = import_changed("jekyll", "import-jekyll-collections", |src| {
        // Jekyll read `*.yml` before `*.json`, so the JSON one was the data; a folder
        // of the same name came last of all.
        fs::create_dir_all(src.join("_data/people")).unwrap();
        fs::write(src.join("_data/team.yml"), "- name: Old\n").unwrap();
        fs::write(src.join("_data/team.json"), "[{\"name\": \"New\"}]\n").unwrap();
        fs::write(src.join("_data/people.yml"), "- name: Lost\n").unwrap();
        fs::write(src.join("_data/people/staff.yml"), "- name: Kept\n").unwrap();
        fs::write(src.join("_data/links.yml"), "- url: /old/\n").unwrap();
        fs::write(src.join("_data/links.csv"), "url\n/new/\n").unwrap();
        // A collection's text file with front matter was Liquid output, not the file.
        fs::write(src.join("_recipes/pay.txt"), "---\ntitle: Pay\n---\nPay {{ site.title }}\n").unwrap();
        append(src, "_config.yml", "future: true\n");
        fs::write(src.join("_posts/2999-01-01-coming.md"), "---\ntitle: Coming\n---\nSoon.\n").unwrap();
    });
    site.import.assert_success();
    assert_reported(
        &site.import,
        &[
            "_data/team.yml: not imported: Jekyll read _data/team.json for the same data over this file",
            "_data/people.yml: not imported: Jekyll read _data/people/ for the same data over this file",
            "_data/links.yml: not imported: Jekyll read _data/links.csv for the same data over this file",
            "_data/links.csv: not imported: a data file careerpress does not read",
            "_recipes/pay.txt: not imported: a file Jekyll made with Liquid",
            "converted: dated 2999-01-01, after today: Jekyll's `future: true` published it at once, careerpress \
         publishes it on that day (`careerpress build --future` publishes it now)",
        ],
    );
    assert!(site.root.join("data/team.json").is_file() && !site.root.join("data/team.yml").exists());
    assert!(site.root.join("data/people/staff.yml").is_file() && !site.root.join("data/people.yml").exists());
    assert!(!site.root.join("static/recipes/pay.txt").exists());
    build(&site.root);
}

#[test]
fn the_old_sites_author_writes_the_articles_that_name_nobody() {
    let prepend = |src: &Path, rel: &str, text: &str| {
        let before = fs::read_to_string(src.join(rel)).unwrap();
        fs::write(src.join(rel), format!("{text}{before}")).unwrap();
    };
    type Change = Box<dyn Fn(&Path)>;
    let sites: [(&str, &str, &str, Change); 4] = [
        (
            "jekyll",
            "import-jekyll",
            "Ana Jekyll",
            Box::new(|src| append(src, "_config.yml", "author:\n  name: Ana Jekyll\n  email: ana@example.org\n")),
        ),
        (
            "hugo",
            "import-hugo",
            "Ana Hugo",
            Box::new(|src| append(src, "hugo.toml", "\n[params.author]\nname = \"Ana Hugo\"\n")),
        ),
        (
            "zola",
            "import-zola",
            "Ana Zola",
            Box::new(move |src| prepend(src, "config.toml", "author = \"Ana Zola\"\n")),
        ),
        // `author: { name: "The careers team" }` in its _data/metadata.js.
        ("eleventy", "import-eleventy", "The careers team", Box::new(|_| ())),
    ];
    for (kind, fixture, author, change) in sites {
        let site = import_changed(kind, fixture, |src| change(src));
        site.import.assert_success();
        let settings = fs::read_to_string(site.root.join("site.toml")).unwrap();
        assert!(settings.contains(&format!("\nauthor = \"{author}\" ")), "{kind}: {settings}");
        build(&site.root);
        let feed = fs::read_to_string(site.root.join("public/atom.xml")).unwrap();
        assert!(feed.contains(&format!("<name>{author}</name>")), "{kind}: {feed}");
    }
}

#[test]
fn a_moved_bundles_files_linked_at_its_old_url_are_linked_where_they_now_are() {
    let site = import_changed("hugo", "import-hugo", |src| {
        append(src, "hugo.toml", "posts = '/:slug/'\n");
        append(src, "content/posts/trip-report/index.md", "\n[Full size](/careers-fair-trip/hall.png)\n");
    });
    site.import.assert_success();
    let page = fs::read_to_string(site.root.join("content/posts/trip-report/index.md")).unwrap();
    assert!(page.contains("[Full size](/posts/careers-fair-trip/hall.png)"), "{page}");
    build(&site.root);
    assert!(site.root.join("public/posts/careers-fair-trip/hall.png").is_file());
    assert_redirect(
        &site.root.join("public"),
        "careers-fair-trip/index.html",
        "https://careers.example.net/posts/careers-fair-trip/",
    );
}

#[test]
fn old_feeds_at_other_urls_than_careerpresss_are_named_for_the_host_to_redirect() {
    let jekyll = import("jekyll", "import-jekyll", &[]);
    jekyll.import.assert_success();
    let redirect = "not written again: careerpress's feeds are /atom.xml and /tags/<tag>/atom.xml; have the host \
                    redirect the old ones";
    assert!(jekyll
        .import
        .stdout
        .contains(&format!("feed.xml: not imported: jekyll-feed's feed /feed.xml is {redirect}")));
    // Zola's default name is careerpress's own; another is named, with the taxonomies'.
    let zola = import("zola", "import-zola", &[]);
    assert!(!zola.import.stdout.contains(redirect), "{}", zola.import);
    let zola = import_changed("zola", "import-zola", |src| {
        let before = fs::read_to_string(src.join("config.toml")).unwrap();
        fs::write(src.join("config.toml"), format!("feed_filenames = [\"rss.xml\"]\n{before}")).unwrap();
    });
    let note = format!("rss.xml: not imported: Zola's feed /rss.xml (and each taxonomy's rss.xml) is {redirect}");
    assert!(zola.import.stdout.contains(&note), "{}", zola.import);
}

#[test]
fn jekyll_pages_that_only_redirected_become_site_redirects() {
    let change = |src: &Path| {
        let moved =
            "---\ntitle: Moved\nredirect_to: https://newblog.example/start/\nredirect_from: [/old-moved/]\n---\n";
        fs::write(src.join("moved.md"), moved).unwrap();
        let stub =
            "<meta http-equiv=\"refresh\" content=\"0; url='https://newblog.example/posts/x/?a=1&amp;b=2'\" />\n";
        fs::write(src.join("_posts/2020-02-02-stub.md"), format!("---\n---\n{stub}")).unwrap();
        // An HTML page that only redirected, to a page of the site under its base path.
        let page = "---\npermalink: /old-page/\nredirect_to: /notes/about/?a=1&b=2\n---\n";
        fs::write(src.join("old.html"), page).unwrap();
        // One to a post's old URL goes straight to where the post is now.
        let to_post =
            "---\npermalink: /older/\nredirect_to: /notes/blog/2020/01/05/salary-negotiation.html#offer\n---\n";
        fs::write(src.join("older.html"), to_post).unwrap();
        let unpublished = "---\ntitle: U\npublished: false\nredirect_to: https://newblog.example/u/\n---\n";
        fs::write(src.join("_posts/2020-03-03-unpublished.md"), unpublished).unwrap();
        replace(src, "_config.yml", "baseurl: \"\"", "baseurl: \"/notes\"");
    };
    let site = import_changed("jekyll", "import-jekyll", change);
    site.import.assert_success();
    let report = &site.import.stdout;
    assert!(
        report.contains(
            "moved.md → site.toml\n  converted: only a redirect: site.toml's [redirects] sends \
                             /old-moved/, /moved.html to https://newblog.example/start/"
        ),
        "{report}"
    );
    let settings = fs::read_to_string(site.root.join("site.toml")).unwrap();
    assert!(
        settings.contains("\"/blog/2020/02/02/stub.html\" = \"https://newblog.example/posts/x/?a=1&b=2\"\n"),
        "{settings}"
    );
    // The old base path goes, as careerpress adds its own; an entity is read as the browser did.
    assert!(settings.contains("\"/old-page/\" = \"/about/?a=1&b=2\"\n"), "{settings}");
    assert!(settings.contains("\"/older/\" = \"/posts/salary-negotiation/#offer\"\n"), "{settings}");
    let never = "_posts/2020-03-03-unpublished.md: not imported: only a redirect, to https://newblog.example/u/, \
                 that Jekyll never published";
    assert!(report.contains(never) && !settings.contains("unpublished"), "{report}");
    assert!(!site.root.join("content/moved.md").exists() && !site.root.join("content/posts/stub.md").exists());
    build(&site.root);
    let public = site.root.join("public");
    for (old, target) in [
        ("moved.html", "https://newblog.example/start/"),
        ("old-moved/index.html", "https://newblog.example/start/"),
        ("blog/2020/02/02/stub.html", "https://newblog.example/posts/x/?a=1&amp;b=2"),
    ] {
        assert_redirect(&public, old, target);
    }
    // Into a site that was there, site.toml is left alone and the entries are printed.
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("jekyll");
    crate::common::copy_dir_all(&fixture_dir("import-jekyll"), &src);
    change(&src);
    let root = tmp.path().join("site");
    run_careerpress(["init", root.to_str().unwrap()], tmp.path()).assert_success();
    let before = fs::read_to_string(root.join("site.toml")).unwrap();
    let r = run_careerpress(["import", "jekyll", src.to_str().unwrap(), "--root", root.to_str().unwrap()], tmp.path());
    r.assert_success();
    assert!(
        r.stdout.contains("note: the site was there already, so its site.toml was left as it is")
            && r.stdout.contains("\n\"/old-moved/\" = \"https://newblog.example/start/\"\n"),
        "{r}"
    );
    // init's title and address are not the old site's: the lines that would set them
    // come first, as top-level keys must in TOML.
    let note =
        &r.stdout[r.stdout.find("note: the site was there already, so its site.toml was left as it is").unwrap()..];
    let title = note.find("\ntitle = \"Career Notes\"   # site.toml has \"My Career Site\"\n");
    let address =
        note.find("\nbase_url = \"https://notes.example.org/notes/\"   # site.toml has \"https://example.org/\"\n");
    assert!(title.is_some() && address.is_some() && address < note.find("[redirects]"), "{r}");
    assert_eq!(fs::read_to_string(root.join("site.toml")).unwrap(), before);
}

#[test]
fn the_old_sites_header_links_become_the_menu() {
    let hugo = import_changed("hugo", "import-hugo", |src| {
        let menu = "\n[[menus.main]]\nname = 'Blog'\nurl = '/blog/'\nweight = 2\n\n[[menus.main]]\npageRef = '/about'\nweight = 1\n\n\
                    [[menus.main]]\nname = 'Elsewhere'\nurl = 'https://elsewhere.example/'\n\n\
                    [[menus.main]]\nname = 'Child'\nurl = '/child/'\nparent = 'Blog'\n\n\
                    [[menus.main]]\nname = 'Posts'\npageRef = '/posts'\nweight = 3\n";
        append(src, "hugo.toml", menu);
    });
    hugo.import.assert_success();
    build(&hugo.root);
    let home = fs::read_to_string(hugo.root.join("public/index.html")).unwrap();
    let nav = &home[home.find("<nav aria-label=\"Main\">").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    let base = "https://careers.example.net";
    let links = crate::common::extract_links(nav);
    assert_eq!(
        links,
        [
            format!("{base}/about/"),
            format!("{base}/blog/"),
            format!("{base}/posts/"),
            "https://elsewhere.example/".into()
        ],
        "{nav}"
    );
    // minima's `header_pages` names pages by file: each linked at its new URL, by its title.
    let jekyll = import_changed("jekyll", "import-jekyll", |src| {
        append(src, "_config.yml", "header_pages:\n  - about.markdown\n")
    });
    jekyll.import.assert_success();
    let settings = fs::read_to_string(jekyll.root.join("site.toml")).unwrap();
    assert!(settings.contains("[[menu]]\nname = \"About\"\nurl = \"/about/\"\n"), "{settings}");
    build(&jekyll.root);
}

#[test]
fn hugo_pages_and_sections_join_the_header_by_weight_then_name() {
    let hugo = import_changed("hugo", "import-hugo", |src| {
        replace(src, "hugo.toml", "title = 'Hugo Careers'\n", "title = 'Hugo Careers'\nsectionPagesMenu = 'main'\n");
        let menu = "\n[[menus.main]]\nname = 'Elsewhere'\nurl = 'https://elsewhere.example/'\nweight = 5\n\n\
                    [[menus.main]]\nname = 'Tags'\nurl = 'tags/'\nweight = 6\n\n\
                    [[menus.main]]\nname = 'Mail us'\nurl = 'mailto:office@example.net'\n\n[[menus.main]]\npageRef = '/missing'\n";
        append(src, "hugo.toml", menu);
        replace(src, "content/posts/cv-basics.md", "tags: [cv]\n", "tags: [cv]\nmenu: main\n");
        replace(
            src,
            "content/posts/first-job.md",
            "draft = false\n",
            "draft = false\nmenu = { main = { weight = 1, name = 'First job' } }\n",
        );
        // A page's own weight places its entry; a draft's entry is left out.
        replace(src, "content/about.md", "title = 'About us'\n", "title = 'About us'\nweight = 3\nmenu = 'main'\n");
        let draft = "---\ntitle: Plans\ndate: 2023-01-01\ndraft: true\nmenu: main\n---\nSoon.\n";
        fs::write(src.join("content/posts/plans.md"), draft).unwrap();
        append(src, "hugo.toml", "\n[[menus.main]]\nname = 'Home'\npageRef = '/'\nweight = -1\n");
        // A child entry belongs to a drop-down careerpress's header does not have.
        replace(
            src,
            "content/posts/trip-report/index.md",
            "tags: [events]\n",
            "tags: [events]\nmenu:\n  main:\n    parent: Guides\n",
        );
    });
    hugo.import.assert_success();
    let left = "note: a header link of the old site was left out of [[menu]]: ";
    assert_reported(
        &hugo.import,
        &[
            &format!("{left}`Mail us` (`mailto:office@example.net`): not a URL the header can link to"),
            &format!("{left}`/missing/`: it names no page"),
            &format!("{left}`Plans`: its page is a draft"),
        ],
    );
    build(&hugo.root);
    let home = fs::read_to_string(hugo.root.join("public/index.html")).unwrap();
    let nav = &home[home.find("<nav aria-label=\"Main\">").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    let base = "https://careers.example.net";
    // By weight (Home -1, First job 1, About us 3 (the page's own weight), Elsewhere 5,
    // Tags 6 (a relative URL, read from the root),
    // the Guides section's index 10), then those without one by name: the blog section
    // (no index: its folder's name) and CV basics.
    assert_eq!(
        crate::common::extract_links(nav),
        [
            format!("{base}/"),
            format!("{base}/posts/first-job/"),
            format!("{base}/about/"),
            "https://elsewhere.example/".into(),
            format!("{base}/tags/"),
            format!("{base}/posts/"),
            format!("{base}/blog/"),
            format!("{base}/posts/cv-basics/"),
        ],
        "{nav}"
    );
    for name in [">First job<", ">Guides<", ">Blog<", ">CV basics<"] {
        assert!(nav.contains(name), "{name} in {nav}");
    }
}

/// The picture themes read from front matter (jekyll-seo-tag's `image`, PaperMod's
/// `cover`, Hugo's `images`) becomes the page's `image` where the import publishes the
/// file; one it cannot show stays under `extra`, said why.
#[test]
fn old_pictures_become_the_pages_image() {
    let jekyll = import_changed("jekyll", "import-jekyll", |src| {
        let post = "_posts/2020-01-05-salary-negotiation.markdown";
        replace(src, post, "tags: [salary, offers]\n", "tags: [salary, offers]\nimage: assets/images/chart.png\n");
        let post = "_posts/2021-03-10-interview-questions.md";
        replace(src, post, "comments: true\n", "comments: true\nimage:\n  path: /assets/images/gone.png\n");
        let post = "_posts/2019-08-19-welcome-to-jekyll.markdown";
        replace(
            src,
            post,
            "categories: jekyll update\n",
            "categories: jekyll update\nimage: https://cdn.example/w.png\n",
        );
    });
    jekyll.import.assert_success();
    assert_reported(
        &jekyll.import,
        &[
            "`image` → image (its alt text is the title: say what the picture shows)",
            "`image.path` kept under extra: `/assets/images/gone.png` names no file the import publishes",
            "`image` kept under extra: a picture at a URL needs its width and height",
        ],
    );
    build(&jekyll.root);
    let og = |root: &Path, page: &str| {
        let html = fs::read_to_string(root.join("public").join(page).join("index.html")).unwrap();
        crate::common::meta_contents(&html, "og:image").pop()
    };
    let base = "https://notes.example.org";
    assert_eq!(
        og(&jekyll.root, "posts/salary-negotiation").as_deref(),
        Some(&*format!("{base}/assets/images/chart.png"))
    );
    assert_eq!(og(&jekyll.root, "posts/interview-questions"), None);
    let hugo = import_changed("hugo", "import-hugo", |src| {
        let cover = "tags: [events]\ncover:\n  image: hall.png\n  alt: The fair's hall\n";
        replace(src, "content/posts/trip-report/index.md", "tags: [events]\n", cover);
        replace(src, "content/posts/cv-basics.md", "tags: [cv]\n", "tags: [cv]\nimages: [/images/logo.png]\n");
    });
    hugo.import.assert_success();
    assert!(hugo.import.stdout.contains("`cover.image` → image\n"), "{}", hugo.import.stdout);
    build(&hugo.root);
    let base = "https://careers.example.net";
    assert_eq!(
        og(&hugo.root, "posts/careers-fair-trip").as_deref(),
        Some(&*format!("{base}/posts/careers-fair-trip/hall.png"))
    );
    assert_eq!(og(&hugo.root, "posts/cv-basics").as_deref(), Some(&*format!("{base}/images/logo.png")));
    let trip = fs::read_to_string(hugo.root.join("content/posts/trip-report/index.md")).unwrap();
    assert!(trip.contains("image:\n  alt: The fair's hall\n  src: hall.png\n"), "{trip}");
}

/// Hugo's goldmark made a link of each bare URL (`linkify`, on by default); the import
/// writes each as an autolink, unless the site turned it off.
#[test]
fn hugo_bare_urls_stay_links() {
    let text =
        "\nApply at https://jobs.example.com/apply. See `https://code.example` and www.careers.example.org/fair!\n";
    let on = import_changed("hugo", "import-hugo", |src| append(src, "content/about.md", text));
    assert_reported(&on.import, &["converted: 2 bare URLs → links, as the old site's Markdown (linkify) made them"]);
    let about = fs::read_to_string(on.root.join("content/about.md")).unwrap();
    let linked = "Apply at <https://jobs.example.com/apply>. See `https://code.example` and <https://www.careers.example.org/fair>!";
    assert!(about.contains(linked), "{about}");
    build(&on.root);
    let page = fs::read_to_string(on.root.join("public/about/index.html")).unwrap();
    assert!(page.contains("<a href=\"https://www.careers.example.org/fair\">"), "{page}");
    let off = import_changed("hugo", "import-hugo", |src| {
        append(src, "content/about.md", text);
        append(src, "hugo.toml", "\n[markup.goldmark.extensions]\nlinkify = false\n");
    });
    let about = fs::read_to_string(off.root.join("content/about.md")).unwrap();
    assert!(about.contains(text.trim()), "{about}");
}

#[test]
fn hugo_page_permalinks_and_pages_without_a_date_import_and_build() {
    // `[permalinks.page]` is Hugo's current form; a page with `lastmod` alone was dated by
    // it; a docs page with no date at all still builds; a dated file name that Hugo kept
    // whole in its URL keeps that URL as an alias.
    // A copy, outside this repository's git history: the undated page is dated by its file.
    let site = import_changed("hugo", "import-hugo-dates", |_| {});
    site.import.assert_success();
    let report = &site.import.stdout;
    assert!(
        report.contains("dated by its `lastmod`")
            && report.contains("no date, which careerpress's articles need: dated by the day its file was last saved"),
        "{report}"
    );
    // config/_default/params.yaml is Hugo's [params].
    let toml = fs::read_to_string(site.root.join("site.toml")).unwrap();
    assert!(toml.contains("description = \"Dates, the Hugo way\""), "{toml}");
    build(&site.root);
    let public = site.root.join("public");
    let base = "https://dates.example.net";
    assert_redirect(&public, "articles/2023/02/post-a/index.html", &format!("{base}/posts/post-a/"));
    assert_redirect(&public, "articles/2022/05/only-a-lastmod/index.html", &format!("{base}/posts/lastmod-only/"));
    assert_redirect(&public, "notes/2021-04-04-dated-name/index.html", &format!("{base}/notes/dated-name/"));
    let note = fs::read_to_string(public.join("notes/dated-name/index.html")).unwrap();
    assert!(note.contains("2021-04-04"), "dated by its name");
    assert!(public.join("docs/install/index.html").is_file());
    assert_eq!(assert_every_alias_redirects(&site.root), 3);
    // Hugo's escaped shortcodes are shown as the shortcode, as Hugo showed them: in code.
    let doc = fs::read_to_string(public.join("notes/writing-shortcodes/index.html")).unwrap();
    assert!(doc.contains("<code>{{&lt; youtube abc &gt;}}</code>"), "{doc}");
    assert!(doc.contains("<code>{{&lt; figure src=\"escaped.png\" &gt;}}</code>"), "{doc}");
    assert!(doc.contains("{{&lt; highlight go &gt;}}\nfmt.Println(\"hi\")\n{{&lt; /highlight &gt;}}"), "{doc}");
    assert!(!doc.contains("/*"), "{doc}");
}

/// toml's Display quotes the failing line over several lines, which the report printed as
/// `\u{a}` escapes, and counted a front matter's lines from its fence: each is one line now,
/// the line counted in the file, in the words a build uses.
#[test]
fn toml_that_does_not_parse_is_said_on_one_line_at_its_file_line() {
    let config_lines =
        |fixture: &str, file: &str| fs::read_to_string(fixture_dir(fixture).join(file)).unwrap().lines().count() + 1;
    let site = import_changed("hugo", "import-hugo", |src| {
        let bad = "+++\ntitle = \"Bad\"\ndate = 2025-13-01\n+++\nBody.\n";
        fs::write(src.join("content/posts/bad-date.md"), bad).unwrap();
        append(src, "hugo.toml", "broken = = 1\n");
    });
    site.import.assert_success();
    let hugo = config_lines("import-hugo", "hugo.toml");
    assert_reported(
        &site.import,
        &[
            "content/posts/bad-date.md: not imported: its TOML front matter does not parse: line 3, column 8: \
             date: 2025-13-01 is not a valid date: there is no month 13;",
            &format!(
                "hugo.toml: not imported: does not parse (line {hugo}, column 10: expected a value: text in quotes"
            ),
        ],
    );
    assert!(!site.import.stdout.contains("\\u{a}"), "{}", site.import);
    let zola = import_changed("zola", "import-zola", |src| append(src, "config.toml", "broken = = 1\n"));
    assert!(!zola.import.success(), "{}", zola.import);
    let said =
        format!("/config.toml:{}:10: expected a value: text in quotes", config_lines("import-zola", "config.toml"));
    assert!(zola.import.stderr.starts_with("error: ") && zola.import.stderr.contains(&said), "{}", zola.import);
    assert_eq!(zola.import.stderr.lines().count(), 1, "{}", zola.import);
}

#[test]
fn links_written_with_the_old_base_path_reach_their_pages_under_the_new_one() {
    // Under /myblog/, `/myblog/2019/03/01/first.html` left as is would be published as
    // /myblog/myblog/…; it becomes the post's `@/` link, and the image its site path.
    let site = import("jekyll", "import-jekyll-baseurl", &[]);
    site.import.assert_success();
    assert!(site.import.stdout.contains("3 links → @/ links and site paths"), "{}", site.import.stdout);
    build(&site.root);
    let base = "https://careers.github.io/myblog";
    let second = fs::read_to_string(site.root.join("public/posts/second/index.html")).unwrap();
    assert!(second.contains(&format!("href=\"{base}/posts/first/\"")), "{second}");
    assert!(second.contains(&format!("<img src=\"{base}/assets/pic.png\" alt=\"A picture\"")), "{second}");
    assert!(second.contains(&format!("<img src=\"{base}/assets/pic.png\" alt=\"The same picture\">")), "{second}");
    assert!(second.contains(&format!("<a href=\"{base}/posts/first/\">the first post again</a>")), "{second}");
    assert!(!second.contains("myblog/myblog"), "{second}");
    assert!(site.root.join("public/assets/pic.png").is_file());
    // Jekyll publishes `.htaccess` unless `include` says otherwise, and so does the import.
    let htaccess = fs::read_to_string(site.root.join("public/.htaccess")).unwrap();
    assert_eq!(htaccess, "Redirect 301 /myblog/old/ /myblog/posts/first/\n");
}

#[test]
fn a_jekyll_site_without_url_is_at_its_cname_host_or_the_report_says_it_has_none() {
    // GitHub Pages served a site without `url` at the host of its CNAME file.
    let without_url = |src: &Path| {
        let config = fs::read_to_string(src.join("_config.yml")).unwrap();
        fs::write(src.join("_config.yml"), config.replace("url: https://careers.github.io\n", "")).unwrap();
    };
    let site = import_changed("jekyll", "import-jekyll-baseurl", |src| {
        without_url(src);
        fs::write(src.join("CNAME"), "careers.example.com\n").unwrap();
    });
    site.import.assert_success();
    let settings = fs::read_to_string(site.root.join("site.toml")).unwrap();
    assert!(settings.contains("base_url = \"https://careers.example.com/myblog/\""), "{settings}");
    assert!(!site.import.stdout.contains("names no address"), "{}", site.import);
    build(&site.root);
    let second = fs::read_to_string(site.root.join("public/posts/second/index.html")).unwrap();
    assert!(second.contains("href=\"https://careers.example.com/myblog/posts/first/\""), "{second}");

    // Without either, the placeholder address stays, and the report says so.
    let site = import_changed("jekyll", "import-jekyll-baseurl", without_url);
    site.import.assert_success();
    let settings = fs::read_to_string(site.root.join("site.toml")).unwrap();
    assert!(settings.contains("base_url = \"https://example.org/\""), "{settings}");
    assert!(site.import.stdout.contains("note: the Jekyll site names no address of its own"), "{}", site.import);
}

#[test]
fn pages_and_old_urls_where_careerpress_publishes_its_own_pages_move_aside() {
    // A theme's tag index page, and an old URL on the home page: careerpress makes both.
    let site = import_changed("jekyll", "import-jekyll-baseurl", |src| {
        fs::write(src.join("tags.md"), "---\ntitle: Tags\npermalink: /tags/\n---\nAll tags.\n").unwrap();
        let start = "---\ntitle: Start\nredirect_from: [/, /follow-up-calculator/]\n---\nHello.\n";
        fs::write(src.join("start.md"), start).unwrap();
        let post = "---\ntitle: Tagged\ntags: [offers]\n---\nText.\n";
        fs::write(src.join("_posts/2019-03-05-tagged.md"), post).unwrap();
    });
    site.import.assert_success();
    let r = &site.import.stdout;
    for said in [
        "its URL /tags/ is where careerpress publishes the tag pages: published at /tags-page/ instead",
        "old URL /tags/ is where careerpress publishes the tag pages: left out",
        "old URL / is where careerpress publishes the home page: left out",
        "old URL /follow-up-calculator/ is where careerpress publishes the follow-up calculator: left out",
    ] {
        assert!(r.contains(said), "{said}\n{r}");
    }
    build(&site.root);
    let public = site.root.join("public");
    assert!(public.join("tags-page/index.html").is_file() && public.join("tags/offers/index.html").is_file());
    let home = fs::read_to_string(public.join("index.html")).unwrap();
    assert!(!home.contains("http-equiv=\"refresh\""), "the home page is no redirect: {home}");
}

#[test]
fn a_hugo_sites_default_language_settings_are_its_own() {
    // Hugo lays `[languages.en]` over the site's settings; a theme's example site keeps its
    // title there.
    let site = import_changed("hugo", "import-hugo", |src| {
        let own = "\n[languages.en]\ntitle = 'Own Title'\n[languages.en.params]\ndescription = 'Own words.'\n";
        append(src, "hugo.toml", own);
    });
    site.import.assert_success();
    let settings = fs::read_to_string(site.root.join("site.toml")).unwrap();
    assert!(
        settings.contains("title = \"Own Title\"") && settings.contains("description = \"Own words.\""),
        "{settings}"
    );
    let site = import("hugo", "import-hugo", &[]);
    let settings = fs::read_to_string(site.root.join("site.toml")).unwrap();
    let plain = "title = \"Hugo Careers\"";
    assert!(settings.contains(plain) && settings.contains("description = \"Guides for graduates starting out.\""));
}

#[test]
fn a_page_in_a_folder_where_careerpress_publishes_tag_pages_moves_with_the_folder() {
    let site = import_changed("hugo", "import-hugo", |src| {
        fs::create_dir_all(src.join("content/tags")).unwrap();
        fs::write(src.join("content/tags/go.md"), "---\ntitle: Go\n---\nAbout Go.\n").unwrap();
        let post = "---\ntitle: Tagged\ndate: 2020-01-01\ntags: [go]\n---\nText.\n";
        fs::write(src.join("content/posts/tagged.md"), post).unwrap();
    });
    site.import.assert_success();
    let said = "its URL /tags/go/ is where careerpress publishes the tag pages: published at /tags-page/go/ instead";
    assert!(site.import.stdout.contains(said), "{}", site.import);
    build(&site.root);
    assert!(
        site.root.join("public/tags-page/go/index.html").is_file()
            && site.root.join("public/tags/go/index.html").is_file()
    );
}

#[test]
fn a_file_of_posts_without_a_date_in_its_name_is_not_a_post() {
    // Jekyll reads only `YYYY-MM-DD-title` files in `_posts`: a README there was never
    // published, and must not become the newest article.
    let site = import_changed("jekyll", "import-jekyll-baseurl", |src| {
        fs::write(src.join("_posts/README.md"), "# Posts\n\nName each post YYYY-MM-DD-title.md.\n").unwrap();
        fs::write(src.join("_posts/notes.md"), "---\ntitle: Notes\n---\nText.\n").unwrap();
    });
    site.import.assert_success();
    for name in ["README", "notes"] {
        let said = format!("_posts/{name}.md: not imported: in _posts without a date in its name");
        assert!(site.import.stdout.contains(&said), "{said}\n{}", site.import);
    }
    let written: Vec<String> = fs::read_dir(site.root.join("content/posts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!written.iter().any(|n| n.to_lowercase().contains("readme") || n.contains("notes")), "{written:?}");
}

#[test]
fn permalink_placeholders_are_read_whole_and_one_not_known_is_reported() {
    // `:slugified_categories` once came out as `:slug` + "ified_categories"; a post whose
    // own permalink names a placeholder the import cannot fill says so in the report.
    let site = import_changed("jekyll", "import-jekyll-baseurl", |src| {
        append(src, "_config.yml", "permalink: /:slugified_categories/:title/\n");
        let post = "---\ntitle: Stories\ncategories: [Life Stories]\n---\nText.\n";
        fs::write(src.join("_posts/2019-03-03-stories.md"), post).unwrap();
        let own = "---\ntitle: Own\npermalink: /:section_name/own/\n---\nText.\n";
        fs::write(src.join("_posts/2019-03-04-own.md"), own).unwrap();
    });
    let r = &site.import;
    r.assert_success();
    let aliases = written_aliases(&site.root);
    assert!(aliases.contains(&("/life-stories/stories/".into(), "posts/stories.md".into())), "{aliases:?}");
    assert!(!aliases.iter().any(|(_, page)| page == "posts/own.md"), "{aliases:?}");
    let said = "its permalink uses `:section_name`, which this import cannot fill in: no redirect from its old URL";
    assert!(r.stdout.contains(said), "{r}");
}

#[test]
fn hugo_pages_hugo_never_rendered_are_not_imported() {
    // Snippets kept from rendering (`build`, a section's `cascade`, a headless bundle) had
    // no URL on the old site, and a content adapter is a template: none may be published.
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("hugo");
    crate::common::copy_dir_all(&fixture_dir("import-hugo"), &src);
    let write = |rel: &str, text: &str| {
        fs::create_dir_all(src.join(rel).parent().unwrap()).unwrap();
        fs::write(src.join(rel), text).unwrap();
    };
    write(
        "content/posts/snippet.md",
        "---\ntitle: Snippet\ndate: 2024-01-01\nbuild:\n  render: never\n  list: never\n---\nText.\n",
    );
    write("content/_common/_index.md", "---\ntitle: Common\ncascade:\n  build:\n    render: never\n---\n");
    write("content/_common/deep/part.md", "---\ntitle: Part\ndate: 2024-01-01\n---\nShared text.\n");
    write("content/posts/kit/index.md", "---\ntitle: Kit\nHeadless: true\n---\nResources.\n");
    write("content/posts/linked.md", "---\ntitle: Linked\ndate: 2024-01-01\nbuild:\n  render: link\n---\nText.\n");
    write("content/posts/old.md", "+++\ntitle = 'Old'\ndate = 2024-01-01\n[_build]\nrender = false\n+++\nText.\n");
    write("content/news/_content.gotmpl", "{{ $data := resources.GetRemote \"https://api.example.org/?token=x\" }}\n");
    // Pages in the formats Hugo ran through outside tools.
    write("content/posts/offer.org", "#+TITLE: Offer\n* Salary\n");
    write("content/posts/resume.adoc", "= Resume\n\nText.\n");
    write("content/posts/list.rst", "List\n====\n");
    let root = tmp.path().join("site");
    let r = run_careerpress(["import", "hugo", src.to_str().unwrap(), "--root", root.to_str().unwrap()], tmp.path());
    r.assert_success();
    for (file, why) in [
        ("content/posts/snippet.md", "`build: render: never`: Hugo never published it as a page"),
        ("content/posts/old.md", "`build: render: never`: Hugo never published it as a page"),
        ("content/posts/linked.md", "`build: render: never`: Hugo never published it as a page"),
        ("content/_common/_index.md", "in a section whose `cascade` has `build: render: never`"),
        ("content/_common/deep/part.md", "in a section whose `cascade` has `build: render: never`"),
        ("content/posts/kit/index.md", "a headless bundle (`headless: true`)"),
        ("content/news/_content.gotmpl", "a Hugo content adapter"),
        ("content/posts/offer.org", "an Org page: careerpress reads Markdown"),
        ("content/posts/resume.adoc", "an AsciiDoc page: careerpress reads Markdown"),
        ("content/posts/list.rst", "a reStructuredText page: careerpress reads Markdown"),
    ] {
        let said = format!("{file}: not imported: {why}");
        assert!(r.stdout.contains(&said), "{said}\n{r}");
    }
    build(&root);
    let published = crate::common::list_files(&root.join("public"));
    let leaked: Vec<&String> = published
        .iter()
        .filter(|f| {
            ["snippet", "part", "kit/", "old/", "gotmpl", "common", ".org", ".adoc", ".rst"]
                .iter()
                .any(|w| f.contains(w))
        })
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");
    assert_eq!(count_articles(&root.join("public"), "posts"), 3, "{published:#?}");
}

#[test]
fn a_hugo_content_dir_per_language_or_mounted_is_read_as_content() {
    // docsy's layout: `contentDir` per language (or a module mount for `content`). Its
    // pages keep their URLs, without the folder's name, and the other language is listed.
    for config in [
        "contentDir = 'content/en'\n[languages.en]\nweight = 1\n[languages.fr]\ncontentDir = 'content/fr'\n",
        "[languages.en]\ncontentDir = 'content/en'\n[languages.fr]\ncontentDir = 'content/fr'\n",
        "[[module.mounts]]\nsource = 'content/en'\ntarget = 'content'\n",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let src = tmp.path().join("hugo");
        crate::common::copy_dir_all(&fixture_dir("import-hugo"), &src.join("content-tmp"));
        fs::create_dir_all(src.join("content")).unwrap();
        fs::rename(src.join("content-tmp/content"), src.join("content/en")).unwrap();
        fs::rename(src.join("content-tmp/hugo.toml"), src.join("hugo.toml")).unwrap();
        let page = "---\ntitle: Bonjour\ndate: 2023-02-01\n---\nTexte.\n";
        fs::create_dir_all(src.join("content/fr/posts")).unwrap();
        fs::write(src.join("content/fr/posts/bonjour.md"), page).unwrap();
        let toml = fs::read_to_string(src.join("hugo.toml")).unwrap();
        let at = toml.find("[params]").unwrap();
        fs::write(src.join("hugo.toml"), format!("{}{config}{}", &toml[..at], &toml[at..])).unwrap();
        let root = tmp.path().join("site");
        let r =
            run_careerpress(["import", "hugo", src.to_str().unwrap(), "--root", root.to_str().unwrap()], tmp.path());
        r.assert_success();
        if config.contains("[languages.fr]") {
            assert!(r.stdout.contains("content/fr: not imported: the content of language fr"), "{r}");
        }
        assert!(root.join("content/posts/first-job.md").is_file(), "{config}\n{r}");
        assert!(root.join("content/posts/trip-report/hall.png").is_file(), "a bundle's image: {config}\n{r}");
        assert!(!root.join("content/en").exists() && !root.join("content/fr").exists(), "{config}\n{r}");
        build(&root);
        let public = root.join("public");
        assert_eq!(count_articles(&public, "posts"), 3, "{config}\n{:#?}", list_html_files(&public));
        assert!(!written_aliases(&root).iter().any(|(alias, _)| alias.starts_with("/en/")), "{config}");
    }
}

#[test]
fn a_multilingual_hugo_site_imports_its_default_language_and_names_each_translation() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("hugo");
    crate::common::copy_dir_all(&fixture_dir("import-hugo"), &src);
    let mut config = fs::read_to_string(src.join("hugo.toml")).unwrap();
    config.push_str("\ndefaultContentLanguage = 'en'\n[languages.en]\nweight = 1\n[languages.fa]\nweight = 2\n");
    fs::write(src.join("hugo.toml"), config).unwrap();
    let page = |title: &str| format!("---\ntitle: {title}\ndate: 2023-02-01\ntags: [networking]\n---\nBody.\n");
    fs::write(src.join("content/posts/networking.en.md"), page("Networking")).unwrap();
    fs::write(src.join("content/posts/networking.fa.md"), page("شبکه‌سازی")).unwrap();
    fs::write(src.join("content/posts/first-job.fa.md"), page("اولین شغل")).unwrap();
    // Not a configured language: a page whose name has a dot, as in Hugo.
    fs::write(src.join("content/posts/v1.2.md"), page("Version notes")).unwrap();
    let root = tmp.path().join("site");
    let r = run_careerpress(["import", "hugo", src.to_str().unwrap(), "--root", root.to_str().unwrap()], tmp.path());
    r.assert_success();
    for fa in ["networking.fa.md", "first-job.fa.md"] {
        let said = format!(
            "content/posts/{fa}: not imported: a translation (fa): careerpress publishes a site in one language, en"
        );
        assert!(r.stdout.contains(&said), "{said}\n{r}");
    }
    assert!(root.join("content/posts/networking.md").is_file(), "the default language's mark is dropped");
    assert!(
        !root.join("content/posts/networking.en.md").exists() && !root.join("content/posts/networking-2.md").exists()
    );
    build(&root);
    let public = root.join("public");
    assert_eq!(count_articles(&public, "posts"), 5, "{:#?}", list_html_files(&public));
    let networking = fs::read_to_string(public.join("posts/networking/index.html")).unwrap();
    assert!(networking.contains("Networking") && !networking.contains("شبکه"), "{networking}");
}

#[test]
fn a_hugo_site_imports_and_builds() {
    let site = import("hugo", "import-hugo", &[]);
    site.import.assert_success();
    // What careerpress does not carry over is said: Hugo's templates and its RSS feeds.
    let report = &site.import.stdout;
    assert!(report.contains("layouts: not imported: Hugo's templates"), "{report}");
    assert!(report.contains("index.xml: not imported: Hugo's RSS feeds"), "{report}");
    build(&site.root);
    let public = site.root.join("public");
    assert_eq!(count_articles(&public, "posts"), 3, "{:#?}", list_html_files(&public));
    assert_eq!(count_articles(&public, "blog"), 1);
    let base = "https://careers.example.net";
    // [permalinks], `url`, and absolute and relative `aliases`.
    assert_redirect(&public, "2021/03/old-news-from-the-careers-office/index.html", &format!("{base}/blog/old-news/"));
    assert_redirect(&public, "about-us/index.html", &format!("{base}/about/"));
    assert_redirect(&public, "guides/first-job/index.html", &format!("{base}/posts/first-job/"));
    assert_redirect(&public, "posts/first-job-search/index.html", &format!("{base}/posts/first-job/"));
    assert_eq!(assert_every_alias_redirects(&site.root), 4);
    assert_no_raw_tags(&public);
    // The page bundle keeps its image beside it, under its slug's URL.
    let trip = fs::read_to_string(public.join("posts/careers-fair-trip/index.html")).unwrap();
    assert!(trip.contains(&format!("src=\"{base}/posts/careers-fair-trip/hall.png\"")), "{trip}");
    assert!(public.join("posts/careers-fair-trip/hall.png").is_file());
    assert!(public.join("images/logo.png").is_file());
    let first = fs::read_to_string(public.join("posts/first-job/index.html")).unwrap();
    assert!(first.contains("<code class=\"language-python\">"), "{{< highlight >}} became fenced code:\n{first}");
    assert!(first.contains(&format!("href=\"{base}/posts/cv-basics/\"")), "{{< ref >}} became a link:\n{first}");
    let toml = fs::read_to_string(site.root.join("content/posts/_index.md")).unwrap();
    assert!(toml.starts_with("---\ntitle: Guides\n"), "TOML front matter becomes YAML:\n{toml}");
    let settings = fs::read_to_string(site.root.join("site.toml")).unwrap();
    assert!(
        settings.contains("title = \"Hugo Careers\"")
            && settings.contains("base_url = \"https://careers.example.net/\"")
    );
}

/// A Zola site (tests/fixtures/import-zola) keeps its layout, so its `@/` links stay good;
/// what the import reads is how Zola made its URLs (dates off file names, names in ASCII,
/// `path`), its taxonomies, `[extra]` and section settings, and its shortcodes.
#[test]
fn a_zola_site_imports_and_builds_at_its_old_urls() {
    let site = import("zola", "import-zola", &[]);
    site.import.assert_success();
    assert_reported(
        &site.import,
        &[
            "date from the file name, as Zola read it",
            "`taxonomies.categories` → tags",
            "{{ youtube() }} → link",
            "content/blog/2024-03-01_first-job.md:20: {% note(kind=\"tip\") %}",
            "templates: not imported",
            "sass: not imported",
            "content/about.fr.md: not imported: a translation (fr)",
        ],
    );
    build(&site.root);
    let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], &site.root);
    check.assert_success();
    assert!(check.stdout.contains("0 errors"), "every link resolves: {check}");
    // A section's introduction is converted and checked as a page's body is.
    let left = "warning[foreign-syntax]: Zola shortcode syntax `{{ banner(text=\"new\") }}` is printed as it is";
    assert!(check.stdout.lines().any(|l| l.starts_with("content/blog/_index.md:") && l.contains(left)), "{check}");
    assert!(site.import.stdout.contains("content/blog/_index.md:"), "its tag left is listed: {}", site.import);
    let public = site.root.join("public");
    let base = "https://careers.example.org";
    for page in ["blog/first-job", "blog/negociation", "blog/trip", "blog/undated", "about"] {
        assert!(public.join(page).join("index.html").is_file(), "{page}: {:#?}", list_html_files(&public));
    }
    assert!(!public.join("blog/unfinished").exists(), "a draft stays a draft");
    assert_redirect(&public, "old/questions/index.html", &format!("{base}/blog/moved/"));
    assert_eq!(assert_every_alias_redirects(&site.root), 1, "only `path` moved a page");
    assert_no_raw_tags_but(&public, &["{% note(kind=", "{% end %}", "{{ banner(text="]);
    let blog_page = fs::read_to_string(public.join("blog/index.html")).unwrap();
    assert!(blog_page.contains("href=\"https://www.youtube.com/watch?v=sec1\""), "{blog_page}");
    let first = fs::read_to_string(public.join("blog/first-job/index.html")).unwrap();
    assert!(first.contains(&format!("href=\"{base}/blog/negociation/\"")), "{first}");
    assert!(first.contains(&format!("href=\"{base}/blog/trip/#day-two\"")), "{first}");
    assert!(first.contains("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\""), "{first}");
    assert!(first.contains("{{ youtube(id=") && !first.contains("{{/*"), "the escape shows the shortcode: {first}");
    let trip = fs::read_to_string(public.join("blog/trip/index.html")).unwrap();
    assert!(trip.contains(&format!("src=\"{base}/blog/trip/hall.png\"")), "{trip}");
    for tag in ["offers", "first-job", "careers", "salary"] {
        assert!(public.join("tags").join(tag).join("index.html").is_file(), "tag {tag}");
    }
    let blog = fs::read_to_string(site.root.join("content/blog/_index.md")).unwrap();
    assert!(blog.contains("paginate_by: 5\n") && blog.contains("  hero: Advice you can use today.\n"), "{blog}");
    let written = fs::read_to_string(site.root.join("content/blog/2024-03-01_first-job.md")).unwrap();
    assert!(written.contains("date: 2024-03-01\nslug: first-job\n") && written.contains("  toc: true\n"), "{written}");
    let settings = fs::read_to_string(site.root.join("site.toml")).unwrap();
    assert!(
        settings.contains("title = \"Next Step\"") && settings.contains("base_url = \"https://careers.example.org/\"")
    );
}

/// A Zola site's own shortcodes are Tera templates: each one the pages call is kept, with
/// Zola's names (`kind`, `body`, `nth`) given to it, and draws what it drew in Zola; one
/// careerpress cannot draw as it is (it reads `page`) gets a stand-in that says why.
#[test]
fn a_zola_sites_own_shortcodes_are_kept_with_their_templates() {
    let site = import_changed("zola", "import-zola", |src| {
        let write = |rel: &str, text: &str| crate::common::write_file(&src.join(rel), text);
        write(
            "templates/shortcodes/note.html",
            "<aside class=\"note note-{{ kind }}\">{% if nth > 1 %}Again: {% endif %}{{ body | markdown | safe }}</aside>",
        );
        write(
            "themes/plain/templates/shortcodes/banner.html",
            "<mark>{{ text | upper }}{% if big %}!{% endif %}</mark>",
        );
        write("templates/shortcodes/byline.html", "<p>{{ page.title }}</p>");
        replace(src, "config.toml", "compile_sass = true", "compile_sass = true\ntheme = \"plain\"");
        replace(src, "content/blog/_index.md", "banner(text=\"new\")", "banner(text=\"new\", big=true)");
        append(
            src,
            "content/blog/undated.md",
            "\n{{ byline() }}\n\n{% note(kind=\"warning\") %}Read the [offer](@/blog/trip/index.md).{% end %}\n",
        );
    });
    site.import.assert_success();
    assert_reported(
        &site.import,
        &[
            "the site's shortcode `note`, called on 2 pages, kept with its Tera template",
            "the site's shortcode `banner`, called on 1 page, kept",
            "a stand-in for the site's shortcode `byline`, called on 1 page",
            "Variable `page.title` not found",
        ],
    );
    let kept = fs::read_to_string(site.root.join("templates/shortcodes/note.html")).unwrap();
    assert!(kept.contains("{{ shortcode.body | safe }}") && !kept.starts_with("{#- A stand-in"), "{kept}");
    let stand_in = fs::read_to_string(site.root.join("templates/shortcodes/byline.html")).unwrap();
    assert!(stand_in.contains("On the Zola site") && stand_in.contains("{{ page.title }}"), "{stand_in}");
    assert!(
        stand_in.contains("Rewrite it without what careerpress lacks") && !stand_in.contains("in Tera"),
        "{stand_in}"
    );
    build(&site.root);
    let public = site.root.join("public");
    assert_no_raw_tags_but(&public, &[]);
    let first = fs::read_to_string(public.join("blog/first-job/index.html")).unwrap();
    assert!(first.contains("<aside class=\"note note-tip\"><p>Ask for the offer in writing.</p>\n</aside>"), "{first}");
    let blog = fs::read_to_string(public.join("blog/index.html")).unwrap();
    assert!(blog.contains("then <mark>NEW!</mark>."), "within text, with a boolean: {blog}");
    let undated = fs::read_to_string(public.join("blog/undated/index.html")).unwrap();
    let base = "https://careers.example.org";
    // Alone on its line, a pair on one line is a block, and its body a paragraph, as in Zola.
    let pair = format!(
        "<aside class=\"note note-warning\"><p>Read the <a href=\"{base}/blog/trip/\">offer</a>.</p>\n</aside>"
    );
    assert!(undated.contains(&pair), "a pair on one line, its link resolved: {undated}");
    let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], &site.root);
    assert!(check.stdout.contains("shortcode-stand-in") && check.stdout.contains("byline"), "{check}");
    assert!(!check.stdout.contains("foreign-syntax"), "{check}");
}

/// Zola 0.23's components (Tera 2) took the place of its shortcodes: defined anywhere in
/// the templates, the site's or its theme's, and called as `{{ <name … /> }}` or as a
/// pair, `{% <name …> %}…{% </name> %}`. Each one the pages call is kept as a
/// careerpress shortcode with its parameters' defaults; one careerpress cannot draw as it
/// is gets a stand-in quoting its definition alone; a call whose value is no literal is
/// left and listed.
#[test]
fn a_zola_sites_components_are_kept_as_its_shortcodes_were() {
    let site = import_changed("zola", "import-zola", |src| {
        let write = |rel: &str, text: &str| crate::common::write_file(&src.join(rel), text);
        write(
            "templates/components.html",
            "{% extends \"base.html\" %}\n\
             {% component note(kind: string = \"info\", icon=None) -%}\n\
             <aside class=\"note note-{{ kind }}\">{% if icon %}[{{ icon }}] {% endif %}{{ body | markdown | safe }}</aside>\n\
             {%- endcomponent note %}\n\
             {% component byline() %}<p>{{ page.title }}</p>{% endcomponent %}\n\
             {% component other() %}<p>never called</p>{% endcomponent %}\n",
        );
        write(
            "themes/plain/templates/parts/banner.html",
            "{% component banner(text, big: bool = false) %}<mark>{{ text | upper }}{% if big %}!{% endif %}</mark>{% endcomponent %}",
        );
        replace(src, "config.toml", "compile_sass = true", "compile_sass = true\ntheme = \"plain\"");
        replace(src, "content/blog/_index.md", "{{ banner(text=\"new\") }}", "{{<banner text=\"new\" big={true} />}}");
        append(
            src,
            "content/blog/undated.md",
            "\n{{ <byline /> }}\n\n{% <note kind=\"warning\" icon=\"!\"> %}Read the [offer](@/blog/trip/index.md).{% </note> %}\n\n\
             {% <note page={page}> %}\nPlain.\n{% </note> %}\n\n{{<banner text={page.title} />}}\n\n\
             Write {% raw %}{{ config.base_url }}{% endraw %} in a template.\n",
        );
    });
    site.import.assert_success();
    assert_reported(
        &site.import,
        &[
            "templates/components.html → templates/shortcodes/note.html",
            "the site's shortcode `note`, called on 2 pages, kept with its Tera template",
            "themes/plain/templates/parts/banner.html → templates/shortcodes/banner.html",
            "a stand-in for the site's shortcode `byline`, called on 1 page",
            "left as is, content/blog/undated.md:",
            "{{<banner text={page.title} />}}",
        ],
    );
    assert!(!site.root.join("templates/shortcodes/other.html").exists(), "only what pages call is kept");
    let kept = fs::read_to_string(site.root.join("templates/shortcodes/note.html")).unwrap();
    assert!(kept.contains("component `note` in templates/components.html") && !kept.contains("extends"), "{kept}");
    let stand_in = fs::read_to_string(site.root.join("templates/shortcodes/byline.html")).unwrap();
    assert!(stand_in.contains("{% component byline() %}") && !stand_in.contains("never called"), "{stand_in}");
    build(&site.root);
    let public = site.root.join("public");
    assert_no_raw_tags(&public);
    let blog = fs::read_to_string(public.join("blog/index.html")).unwrap();
    assert!(blog.contains("then <mark>NEW!</mark>."), "a theme's component, with a boolean: {blog}");
    let undated = fs::read_to_string(public.join("blog/undated/index.html")).unwrap();
    let base = "https://careers.example.org";
    let pair = format!(
        "<aside class=\"note note-warning\">[!] <p>Read the <a href=\"{base}/blog/trip/\">offer</a>.</p>\n</aside>"
    );
    assert!(undated.contains(&pair), "a pair on one line, its link resolved: {undated}");
    assert!(undated.contains("<aside class=\"note note-info\"><p>Plain.</p>\n</aside>"), "the default: {undated}");
    // A call left is shown as written, never read as a careerpress shortcode.
    assert!(undated.contains("{{ &lt;banner text={page.title} /&gt;}}"), "{undated}");
    // Zola 0.23 ran Tera over the whole page: its `{% raw %}` showed the text inside.
    assert!(undated.contains("Write <code>{{ config.base_url }}</code> in a template."), "{undated}");
    let first = fs::read_to_string(public.join("blog/first-job/index.html")).unwrap();
    assert!(first.contains("<aside class=\"note note-tip\"><p>Ask for the offer in writing.</p>"), "{first}");
}

/// `[slugify] paths = "safe"`: Zola kept the name as written, capital and accent, so that
/// is the slug; a folder without Zola's configuration is no Zola site.
#[test]
fn zolas_safe_slugs_and_a_folder_that_is_no_zola_site() {
    let site =
        import_changed("zola", "import-zola", |src| append(src, "config.toml", "\n[slugify]\npaths = \"safe\"\n"));
    site.import.assert_success();
    let written = fs::read_to_string(site.root.join("content/blog/Négociation.md")).unwrap();
    assert!(written.contains("slug: Négociation\n"), "{written}");
    // A dated name still gets the slug Zola read off it.
    let first = fs::read_to_string(site.root.join("content/blog/2024-03-01_first-job.md")).unwrap();
    assert!(first.contains("slug: first-job\n"), "{first}");
    build(&site.root);
    assert!(site.root.join("public/blog/Négociation/index.html").is_file());

    let site = import_changed("zola", "import-zola", |src| fs::remove_file(src.join("config.toml")).unwrap());
    site.import.assert_clean_failure();
    assert!(site.import.stderr.contains("not a Zola site: expected zola.toml or config.toml"), "{}", site.import);
}

/// Runs git in `dir` with a fixed author, committer and date, and asserts it succeeded.
fn git(dir: &Path, args: &[&str], date: &str) {
    let out = std::process::Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A page its generator showed without a date is dated by its git history where the old
/// site has one, not by the day of the checkout its files were copied from: by its first
/// commit (Zola gave it none; Eleventy's `date: Created`), or its last (Eleventy's
/// `date: Last Modified`).
#[test]
fn undated_pages_are_dated_by_their_git_history() {
    let site = import_changed("zola", "import-zola", |src| {
        git(src, &["init", "-q"], "2019-03-04T10:00:00Z");
        git(src, &["add", "."], "2019-03-04T10:00:00Z");
        git(src, &["commit", "-q", "-m", "first"], "2019-03-04T10:00:00Z");
        append(src, "content/blog/undated.md", "\nA later paragraph.\n");
        git(src, &["commit", "-q", "-am", "second"], "2021-05-06T10:00:00Z");
    });
    site.import.assert_success();
    let written = fs::read_to_string(site.root.join("content/blog/undated.md")).unwrap();
    assert!(written.contains("date: 2019-03-04\n"), "{written}");
    assert!(site.import.stdout.contains("dated by the day it was first committed (git)"), "{}", site.import);

    let site = import_changed("eleventy", "import-eleventy", |src| {
        git(src, &["init", "-q"], "2018-01-02T10:00:00Z");
        git(src, &["add", "."], "2018-01-02T10:00:00Z");
        git(src, &["commit", "-q", "-m", "first"], "2018-01-02T10:00:00Z");
        fs::write(src.join("content/blog/changed.md"), "---\ntitle: Changed\ndate: Last Modified\n---\nOnce.\n")
            .unwrap();
        fs::write(src.join("content/blog/made.md"), "---\ntitle: Made\ndate: git Created\n---\nOnce.\n").unwrap();
        git(src, &["add", "."], "2020-02-03T10:00:00Z");
        git(src, &["commit", "-q", "-m", "second"], "2020-02-03T10:00:00Z");
        append(src, "content/blog/changed.md", "Twice.\n");
        append(src, "content/blog/made.md", "Twice.\n");
        git(src, &["commit", "-q", "-am", "third"], "2022-04-05T10:00:00Z");
    });
    site.import.assert_success();
    let changed = fs::read_to_string(site.root.join("content/blog/changed.md")).unwrap();
    assert!(changed.contains("date: 2022-04-05"), "{changed}");
    let made = fs::read_to_string(site.root.join("content/blog/made.md")).unwrap();
    assert!(made.contains("date: 2020-02-03"), "{made}");
}

/// A Hugo site's git history too: with `enableGitInfo`, Hugo's `lastmod` was the day of a
/// page's last commit, which becomes `updated`; a page without a date Hugo left undated
/// (its date is never git's), so it is dated by its first commit.
#[test]
fn a_hugo_sites_git_history_gives_lastmod_and_dates_undated_pages() {
    let site = import_changed("hugo", "import-hugo", |src| {
        replace(src, "hugo.toml", "title = 'Hugo Careers'", "title = 'Hugo Careers'\nenableGitInfo = true");
        fs::write(src.join("content/posts/undated.md"), "---\ntitle: Undated\n---\nOnce.\n").unwrap();
        git(src, &["init", "-q"], "2024-01-02T10:00:00Z");
        git(src, &["add", "."], "2024-01-02T10:00:00Z");
        git(src, &["commit", "-q", "-m", "first"], "2024-01-02T10:00:00Z");
        append(src, "content/posts/cv-basics.md", "\nA later paragraph.\n");
        append(src, "content/posts/undated.md", "Twice.\n");
        git(src, &["commit", "-q", "-am", "second"], "2025-05-06T10:00:00Z");
    });
    site.import.assert_success();
    let cv = fs::read_to_string(site.root.join("content/posts/cv-basics.md")).unwrap();
    assert!(cv.contains("updated: 2025-05-06\n"), "{cv}\n{}", site.import);
    let undated = fs::read_to_string(site.root.join("content/posts/undated.md")).unwrap();
    assert!(undated.contains("date: 2024-01-02\n") && undated.contains("updated: 2025-05-06\n"), "{undated}");
    assert!(site.import.stdout.contains("dated by the day it was first committed (git)"), "{}", site.import);
}

/// Eleventy publishes `guides/salary.md` at `/guides/salary/`, beside `guides/salary/offers.md`
/// at `/guides/salary/offers/`; in careerpress that folder is a section at the same URL,
/// so the page becomes its introduction, its title and text kept, instead of a second
/// source on one URL that stops the build.
#[test]
fn a_page_beside_a_folder_of_pages_becomes_its_sections_introduction() {
    let site = import_changed("eleventy", "import-eleventy", |src| {
        let intro = "---\ntitle: Salary guides\ndescription: Everything on pay.\ntags: [pay]\n---\nStart with [offers](/guides/salary/offers/).\n";
        fs::create_dir_all(src.join("content/guides/salary")).unwrap();
        fs::write(src.join("content/guides/salary.md"), intro).unwrap();
        let offers = "---\ntitle: Reading offers\ndate: 2024-03-01\n---\nBack to [the guides](/guides/salary/).\n";
        fs::write(src.join("content/guides/salary/offers.md"), offers).unwrap();
        // A folder of files only is no clash: the page beside it stays a page.
        fs::create_dir_all(src.join("content/guides/cv-basics")).unwrap();
        fs::write(src.join("content/guides/cv-basics/photo.png"), b"png").unwrap();
    });
    assert!(site.root.join("content/guides/cv-basics.md").is_file(), "{}", site.import);
    site.import.assert_success();
    assert!(site.import.stdout.contains("made that section's introduction, without `date`, `tags`"), "{}", site.import);
    assert!(!site.root.join("content/guides/salary.md").exists());
    let intro = fs::read_to_string(site.root.join("content/guides/salary/_index.md")).unwrap();
    assert!(intro.starts_with("---\ntitle: Salary guides\ndescription: Everything on pay.\n---\n"), "{intro}");
    build(&site.root);
    let page = fs::read_to_string(site.root.join("public/guides/salary/index.html")).unwrap();
    assert!(page.contains("Start with") && page.contains("Reading offers"), "the introduction, then its list:\n{page}");
    let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], &site.root);
    assert!(!check.stdout.contains("broken-link"), "{check}");
}

/// Eleventy Navigation's top level becomes the header where the old templates drew it
/// whole, and links that name a page's file from the input folder (InputPath to URL)
/// reach the page.
/// eleventy-base-blog adds Eleventy's IdAttributePlugin, whose ids (its `slugify`
/// filter's) differ from careerpress's: the headings keep them, so links to sections
/// from other sites still land.
#[test]
fn eleventy_heading_ids_from_its_id_plugin_are_kept() {
    let site = import_changed("eleventy", "import-eleventy", |src| {
        replace(
            src,
            "eleventy.config.js",
            "export default async function(eleventyConfig) {\n",
            "import { IdAttributePlugin } from \"@11ty/eleventy\";\nexport default async function(eleventyConfig) {\n\televentyConfig.addPlugin(IdAttributePlugin);\n",
        );
        append(src, "content/blog/first-interview.md", "\n## Salary & benefits\n\n## Don't forget the start date\n");
    });
    site.import.assert_success();
    let post = fs::read_to_string(site.root.join("content/blog/first-interview.md")).unwrap();
    assert!(post.contains("## Salary & benefits {#salary-and-benefits}\n"), "{post}");
    assert!(post.contains("## Don't forget the start date {#dont-forget-the-start-date}\n"), "{post}");
    build(&site.root);
    // Without the plugin, Eleventy gave headings no ids, and none is kept.
    let plain = import_changed("eleventy", "import-eleventy", |src| {
        append(src, "content/blog/first-interview.md", "\n## Salary & benefits\n");
    });
    let post = fs::read_to_string(plain.root.join("content/blog/first-interview.md")).unwrap();
    assert!(post.contains("## Salary & benefits\n") && !post.contains("{#"), "{post}");
}

#[test]
fn eleventy_navigation_and_input_path_links() {
    let plain = import("eleventy", "import-eleventy", &[]);
    let settings = fs::read_to_string(plain.root.join("site.toml")).unwrap();
    assert!(!settings.contains("[[menu]]"), "no template draws the navigation: {settings}");
    let site = import_changed("eleventy", "import-eleventy", |src| {
        let nav = "<nav>{% for entry in collections.all | eleventyNavigation %}<a href=\"{{ entry.url }}\">{{ entry.title }}</a>{% endfor %}</nav>";
        replace(src, "_includes/layouts/base.njk", "<body>", &format!("<body>{nav}"));
        replace(
            src,
            "content/about.md",
            "\"permalink\": \"/about-us/\" }",
            "\"permalink\": \"/about-us/\", \"eleventyNavigation\": { \"key\": \"About\", \"order\": 2 } }",
        );
        let links = "Read [the first interview](./blog/first-interview.md) and [about us](/about.md#team).\n\
                     Jobs: https://jobs.example.com\n";
        append(src, "eleventy.config.js", "const markdownOptions = { html: true, linkify: true };\n");
        replace(src, "content/guides/cv-basics.md", "One page is enough.\n", &format!("One page is enough.\n{links}"));
        // An entry's own `url` stands over its page's.
        let jobs = "---\ntitle: Jobs\neleventyNavigation:\n  key: Jobs\n  order: 3\n  url: https://jobs.example.com/\n---\nOpen roles.\n";
        fs::write(src.join("content/jobs-page.md"), jobs).unwrap();
        let child = "date: 2024-02-12\neleventyNavigation:\n  key: CV\n  parent: Guides\n";
        replace(src, "content/guides/cv-basics.md", "date: 2024-02-12\n", child);
    });
    site.import.assert_success();
    let settings = fs::read_to_string(site.root.join("site.toml")).unwrap();
    assert!(
        settings.contains(
            "[[menu]]\nname = \"Guides\"\nurl = \"/guides/\"\n\n[[menu]]\nname = \"About\"\nurl = \"/about/\"\n"
        ),
        "{settings}"
    );
    assert!(settings.contains("\n\n[[menu]]\nname = \"Jobs\"\nurl = \"https://jobs.example.com/\"\n"), "{settings}");
    assert_eq!(settings.matches("[[menu]]").count(), 3, "a child stays out: {settings}");
    build(&site.root);
    let page = fs::read_to_string(site.root.join("public/guides/cv-basics/index.html")).unwrap();
    let base = "https://careers.example.com";
    let jobs = "https://jobs.example.com".to_string();
    for link in [format!("{base}/blog/first-interview/"), format!("{base}/about/#team"), jobs] {
        assert!(page.contains(&format!("href=\"{link}\"")), "{link} in {page}");
    }
}

/// A folder's JSON data file gives its pages what Eleventy's data cascade gave them, as
/// far as careerpress reads it: tags added to theirs, an author where they name none, a
/// `permalink` pattern naming the page's file, and `permalink: false`, with which Eleventy
/// wrote no page (eleventy-excellent's docs).
#[test]
fn a_folders_data_file_gives_its_pages_tags_an_author_and_no_page() {
    let site = import_changed("eleventy", "import-eleventy", |src| {
        let blog = r#"{ "tags": ["posts", "careers"], "author": "Sam Lee", "layout": "layouts/post.njk",
                        "permalink": "/posts/{{ page.fileSlug }}/" }"#;
        fs::write(src.join("content/blog/blog.json"), blog).unwrap();
        append(src, "content/about.md", "\nSee [pay](/posts/salary/).\n");
        fs::create_dir_all(src.join("content/notes")).unwrap();
        fs::write(src.join("content/notes/notes.11tydata.json"), r#"{"permalink": false}"#).unwrap();
        fs::write(src.join("content/notes/snippet.md"), "---\ntitle: Internal snippet\n---\nShared text.\n").unwrap();
        fs::write(src.join("content/notes/shown.md"), "---\ntitle: Shown\npermalink: /shown/\n---\nMine.\n").unwrap();
    });
    site.import.assert_success();
    let first = fs::read_to_string(site.root.join("content/blog/first-interview.md")).unwrap();
    assert!(first.contains("author: Sam Lee\n") && first.contains("tags:\n- job search\n- careers\n"), "{first}");
    let report = &site.import.stdout;
    assert!(
        report.contains("content/notes/snippet.md: not imported: `permalink: false` in its folder's data file"),
        "{report}"
    );
    assert!(!site.root.join("content/notes/snippet.md").exists());
    assert!(site.root.join("content/notes/shown.md").exists(), "a page's own permalink stands above its folder's");
    // The folder's permalink names the page's file without its date: that old URL is kept,
    // and a link to it reaches the page.
    let about = fs::read_to_string(site.root.join("content/about.md")).unwrap();
    assert!(about.contains("See [pay](@/blog/2024-02-01-salary.md)."), "{about}");
    build(&site.root);
    assert!(site.root.join("public/tags/careers/index.html").is_file());
    let salary = "https://careers.example.com/blog/2024-02-01-salary/";
    assert_redirect(&site.root.join("public"), "posts/salary/index.html", salary);
}

/// Passthrough copies of the input folder's own files (fonts, scripts, an XML file) are
/// published where Eleventy wrote them, without the input folder; one named by a variable
/// is listed for copying by hand, not dropped in silence.
#[test]
fn passthrough_copies_inside_the_input_folder_are_published_or_listed() {
    let site = import_changed("eleventy", "import-eleventy", |src| {
        fs::create_dir_all(src.join("content/fonts")).unwrap();
        fs::write(src.join("content/fonts/body.woff2"), b"wOF2").unwrap();
        fs::write(src.join("content/opensearch.xml"), "<OpenSearchDescription/>").unwrap();
        let config = fs::read_to_string(src.join("eleventy.config.js")).unwrap().replace(
            "eleventyConfig.addPassthroughCopy({ \"./public/\": \"/\" });",
            "eleventyConfig.addPassthroughCopy({ \"./public/\": \"/\" });\n\televentyConfig.addPassthroughCopy(\"content/fonts\");\n\t\
             eleventyConfig.addPassthroughCopy({ \"content/opensearch.xml\": \"search.xml\" });\n\t\
             [\"content/js\"].forEach((p) => eleventyConfig.addPassthroughCopy(p));",
        );
        fs::write(src.join("eleventy.config.js"), config).unwrap();
    });
    site.import.assert_success();
    assert!(site.root.join("static/fonts/body.woff2").is_file());
    assert!(site.root.join("static/search.xml").is_file());
    assert!(
        site.import.stdout.contains("eleventy.config.js: not imported: a passthrough copy named by a variable"),
        "{}",
        site.import
    );
    build(&site.root);
    assert!(site.root.join("public/fonts/body.woff2").is_file() && site.root.join("public/search.xml").is_file());
}

/// Render hooks and shortcodes changed what pages showed: each is named when it goes.
/// A site that turned RSS off hears nothing of feeds.
#[test]
fn hugo_render_hooks_and_shortcodes_are_named_and_feeds_only_where_hugo_wrote_them() {
    let site = import_changed("hugo", "import-hugo", |src| {
        fs::create_dir_all(src.join("layouts/_default/_markup")).unwrap();
        fs::write(src.join("layouts/_default/_markup/render-link.html"), "<a href=\"{{ .Destination }}\">").unwrap();
        fs::create_dir_all(src.join("layouts/shortcodes")).unwrap();
        fs::write(src.join("layouts/shortcodes/notice.html"), "<aside>{{ .Inner }}</aside>").unwrap();
        let config = fs::read_to_string(src.join("hugo.toml")).unwrap();
        fs::write(src.join("hugo.toml"), format!("disableKinds = [\"RSS\"]\n{config}")).unwrap();
    });
    site.import.assert_success();
    let report = &site.import.stdout;
    assert!(report.contains("render hooks (render-link) no longer change links"), "{report}");
    assert!(report.contains("shortcodes (notice) get stand-in templates in templates/shortcodes/"), "{report}");
    assert!(!report.contains("index.xml"), "{report}");
}

/// A section's `aliases` redirect to its list page, as Hugo's did; one where careerpress
/// draws its tag pages is left out, with a note.
#[test]
fn a_hugo_sections_aliases_redirect_to_its_list_page() {
    let site = import_changed("hugo", "import-hugo", |src| {
        let aliases = "weight = 10\naliases = ['/guides/', 'old-guides', '/tags/guides/']\n";
        replace(src, "content/posts/_index.md", "weight = 10\n", aliases);
    });
    site.import.assert_success();
    let report = &site.import.stdout;
    assert!(report.contains("`aliases` → redirects to the section's page: /guides/, /posts/old-guides"), "{report}");
    assert!(report.contains("alias /tags/guides/ is where careerpress publishes the tag pages: left out"), "{report}");
    build(&site.root);
    let public = site.root.join("public");
    let base = "https://careers.example.net";
    assert_redirect(&public, "guides/index.html", &format!("{base}/posts/"));
    assert_redirect(&public, "posts/old-guides/index.html", &format!("{base}/posts/"));
}

/// Blog themes for Zola (terminimal, after-dark, kita) keep posts at the top of
/// `content/`, in the root section sorted by date: they move into `posts/` (a bundle with
/// its files) with a redirect from where they were, and `@/` links follow them. An
/// undated page there stays a page.
#[test]
fn zola_posts_at_the_top_of_content_move_into_a_section() {
    let site = import_changed("zola", "import-zola", |src| {
        replace(src, "content/_index.md", "title = \"Next Step\"\n", "title = \"Next Step\"\nsort_by = \"date\"\n");
        let post = "+++\ntitle = \"Old news\"\n[taxonomies]\ntags = [\"archive\"]\n+++\nSee [the fair](@/fair/index.md#day-one).\n";
        fs::write(src.join("content/2023-05-01_old-news.md"), post).unwrap();
        fs::create_dir_all(src.join("content/fair")).unwrap();
        let fair = "+++\ntitle = \"The fair\"\ndate = 2023-06-01\n+++\n![Stands](stands.png)\n\n## Day one\n";
        fs::write(src.join("content/fair/index.md"), fair).unwrap();
        fs::copy(src.join("content/blog/trip/hall.png"), src.join("content/fair/stands.png")).unwrap();
        // A second page in that bundle, which Zola published at /fair/notes/ (undated: it
        // moves with its bundle all the same), naming the bundle's file in both ways.
        let notes =
            "+++\ntitle = \"Fair notes\"\n+++\n![The stands](./stands.png)\n\n<img src=\"stands.png\" alt=\"Again\">\n";
        fs::write(src.join("content/fair/notes.md"), notes).unwrap();
        // A post of a posts/ section of its own, and a root post of the same name.
        fs::create_dir_all(src.join("content/posts")).unwrap();
        fs::write(src.join("content/posts/hello.md"), "+++\ntitle = \"Hello, section\"\ndate = 2023-01-01\n+++\nA.\n")
            .unwrap();
        fs::write(src.join("content/hello.md"), "+++\ntitle = \"Hello, root\"\ndate = 2023-01-02\n+++\nB.\n").unwrap();
        append(src, "content/about.md", "\nOur [old news](@/2023-05-01_old-news.md) and [notes](@/fair/notes.md).\n");
    });
    site.import.assert_success();
    assert!(site.import.stdout.contains("which Zola listed as a post: moved into posts/"), "{}", site.import);
    build(&site.root);
    let public = site.root.join("public");
    let base = "https://careers.example.org";
    assert_redirect(&public, "old-news/index.html", &format!("{base}/posts/old-news/"));
    assert_redirect(&public, "fair/index.html", &format!("{base}/posts/fair/"));
    let news = fs::read_to_string(public.join("posts/old-news/index.html")).unwrap();
    assert!(news.contains(&format!("href=\"{base}/posts/fair/#day-one\"")), "{news}");
    assert!(public.join("tags/archive/index.html").is_file(), "its tags are published");
    let fair = fs::read_to_string(public.join("posts/fair/index.html")).unwrap();
    assert!(
        fair.contains(&format!("src=\"{base}/posts/fair/stands.png\""))
            && public.join("posts/fair/stands.png").is_file()
    );
    let feed = fs::read_to_string(public.join("atom.xml")).unwrap();
    assert!(feed.contains("Old news") && feed.contains("The fair"), "both are posts in the feed:\n{feed}");
    let about = fs::read_to_string(public.join("about/index.html")).unwrap();
    assert!(about.contains(&format!("href=\"{base}/posts/old-news/\"")), "{about}");
    // The bundle's second page moved with it into posts/, then beside it; its image is
    // the bundle's still.
    assert!(site.import.stdout.contains("a second page in the bundle posts/fair/: moved beside it"), "{}", site.import);
    assert!(about.contains(&format!("href=\"{base}/posts/fair-notes/\"")), "{about}");
    assert_redirect(&public, "fair/notes/index.html", &format!("{base}/posts/fair-notes/"));
    let notes = fs::read_to_string(public.join("posts/fair-notes/index.html")).unwrap();
    assert!(notes.contains(&format!("src=\"{base}/posts/fair/stands.png\" alt=\"The stands\"")), "{notes}");
    assert!(notes.contains("<img src=\"fair/stands.png\" alt=\"Again\">"), "raw HTML, read by the browser: {notes}");
    // The section's own post keeps its name and URL; the root one takes another.
    let hello = fs::read_to_string(public.join("posts/hello/index.html")).unwrap();
    assert!(hello.contains("Hello, section"), "{hello}");
    assert_redirect(&public, "hello/index.html", &format!("{base}/posts/hello-2/"));
    assert!(!feed.contains("<title>About</title>"), "an undated page stays a page");
}

/// An Eleventy site in eleventy-base-blog's layout (tests/fixtures/import-eleventy): its
/// folders and metadata read from the JavaScript configuration's literals, its Markdown
/// pages (YAML, `---json` and `---js` front matter) at the URLs Eleventy gave them, its
/// templates and data files listed, its passthrough copy published where it was.
#[test]
fn an_eleventy_site_imports_and_builds_at_its_old_urls() {
    let site = import("eleventy", "import-eleventy", &[]);
    site.import.assert_success();
    assert_reported(
        &site.import,
        &[
            "content/blog/fair/fair.md → content/blog/fair/index.md",
            "{% image %} → image",
            "{% highlight %} → fenced code",
            "date from the file name, as Eleventy read it",
            "content/404.md: not imported: the old site's page for missing URLs",
            "JavaScript front matter: 1 value(s) that are no plain literal left out",
            "content/index.njk: not imported: an Eleventy template",
            "content/blog/blog.11tydata.js: not imported",
            "content/blog/blog.json: not imported: an Eleventy data file",
            "tags posts left out: Eleventy's collections, not topics",
        ],
    );
    let report = format!("{}", site.import);
    assert!(
        !report.contains("README") && !report.contains("node_modules") && !report.contains("_includes"),
        "{report}"
    );
    build(&site.root);
    let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], &site.root);
    check.assert_success();
    let public = site.root.join("public");
    let base = "https://careers.example.com";
    for page in ["blog/first-interview", "blog/2024-02-01-salary", "blog/fair", "about", "guides/cv-basics"] {
        assert!(public.join(page).join("index.html").is_file(), "{page}: {:#?}", list_html_files(&public));
    }
    assert!(!public.join("blog/draft-notes").exists(), "`const draft = true` keeps it a draft");
    assert_redirect(&public, "about-us/index.html", &format!("{base}/about/"));
    assert_no_raw_tags(&public);
    let first = fs::read_to_string(public.join("blog/first-interview/index.html")).unwrap();
    assert!(first.contains(&format!("href=\"{base}/blog/2024-02-01-salary/\"")), "{first}");
    assert!(first.contains("<code class=\"language-js\">"), "{first}");
    let fair = fs::read_to_string(public.join("blog/fair/index.html")).unwrap();
    assert!(
        fair.contains(&format!("src=\"{base}/blog/fair/hall.png\" alt=\"The main hall, full of stands\"")),
        "{fair}"
    );
    assert!(public.join("blog/fair/hall.png").is_file() && public.join("css/style.css").is_file());
    // `guides/index.md` beside other pages is the section's introduction, not a bundle.
    let guides = fs::read_to_string(site.root.join("content/guides/_index.md")).unwrap();
    assert!(guides.starts_with("---\ntitle: Guides\n") && guides.contains("  layout: layouts/home.njk\n"), "{guides}");
    assert!(fs::read_to_string(public.join("guides/index.html")).unwrap().contains("Start here."));
    // `tags: job search` is one tag in Eleventy, not two.
    assert!(public.join("tags/job-search/index.html").is_file() && !public.join("tags/job").exists());
    assert!(public.join("tags/offers/index.html").is_file() && !public.join("tags/posts").exists());
    let settings = fs::read_to_string(site.root.join("site.toml")).unwrap();
    assert!(
        settings.contains("title = \"Next Step Careers\"") && settings.contains(&format!("base_url = \"{base}/\""))
    );

    let tmp = tempfile::tempdir().unwrap();
    let not_eleventy = run_careerpress(["import", "eleventy", tmp.path().to_str().unwrap(), "--root", "x"], tmp.path());
    not_eleventy.assert_clean_failure();
    assert!(not_eleventy.stderr.contains("not an Eleventy site"), "{not_eleventy}");
}

#[test]
fn dry_run_writes_nothing_and_an_import_never_overwrites_without_force() {
    let dry = import("hugo", "import-hugo", &["--dry-run"]);
    dry.import.assert_success();
    assert!(dry.import.stdout.contains("dry run: nothing was written"), "{}", dry.import);
    assert!(!dry.root.exists(), "a dry run created {}", dry.root.display());

    let site = import("jekyll", "import-jekyll", &[]);
    site.import.assert_success();
    let post = site.root.join("content/posts/welcome-to-jekyll.md");
    fs::write(&post, "---\ntitle: Mine\ndate: 2020-01-01\n---\nEdited.\n").unwrap();
    let before = snapshot(&site.root);
    let src = fixture_dir("import-jekyll");
    let again =
        run_careerpress(["import", "jekyll", src.to_str().unwrap(), "--root", site.root.to_str().unwrap()], &site.root);
    again.assert_clean_failure();
    assert!(again.stderr.contains("nothing was written") && again.stderr.contains("welcome-to-jekyll.md"), "{again}");
    assert!(before == snapshot(&site.root), "a refused import changed the site");
    let forced = run_careerpress(
        ["import", "jekyll", src.to_str().unwrap(), "--root", site.root.to_str().unwrap(), "--force"],
        &site.root,
    );
    forced.assert_success();
    assert!(fs::read_to_string(&post).unwrap().contains("Welcome to Jekyll"));
}

#[test]
fn not_a_site_unreadable_files_and_what_is_left() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let r = run_careerpress(["import", "jekyll", empty.to_str().unwrap(), "--root", "out"], tmp.path());
    r.assert_clean_failure();
    assert!(r.stderr.contains("not a Jekyll site: expected a _config.yml file or a _posts folder"), "{r}");
    let r = run_careerpress(["import", "hugo", empty.to_str().unwrap(), "--root", "out"], tmp.path());
    r.assert_clean_failure();
    assert!(r.stderr.contains("not a Hugo site: expected hugo.toml"), "{r}");

    // A Hugo site with a file that is not UTF-8 and a shortcode call in a link's target,
    // which careerpress cannot draw there: the link goes to `#`, the call its title.
    let src = tmp.path().join("hugo");
    crate::common::copy_dir_all(&fixture_dir("import-hugo"), &src);
    fs::write(src.join("content/posts/latin1.md"), b"---\ntitle: caf\xe9\n---\n").unwrap();
    fs::write(
        src.join("content/posts/notice.md"),
        "---\ntitle: T\ndate: 2023-01-01\n---\nSee:\n\n[feed]: <{{% feedurl %}}>\n\nThe [feed].\n",
    )
    .unwrap();
    let root = tmp.path().join("site");
    let r = run_careerpress(["import", "hugo", src.to_str().unwrap(), "--root", root.to_str().unwrap()], tmp.path());
    r.assert_success();
    assert!(r.stdout.contains("content/posts/latin1.md: not imported: not UTF-8"), "{r}");
    let tag = "{{% feedurl %}}";
    let written = fs::read_to_string(root.join("content/posts/notice.md")).unwrap();
    let line = written.lines().position(|l| l.contains(tag)).unwrap() + 1;
    assert!(r.stdout.contains(&format!("left as is, content/posts/notice.md:{line}: {tag}")), "{r}");
    assert!(root.join("content/posts/first-job.md").is_file(), "the rest still imports");
    assert!(written.contains("[feed]: # \"{{% feedurl %}}\""), "{written}");
    // The build takes it, and `check` names exactly what is left.
    build(&root);
    let c = run_careerpress(["check", "--root", root.to_str().unwrap()], &root);
    let told = "content/posts/notice.md:7:12: warning[foreign-syntax]: Hugo shortcode syntax `{{% feedurl %}}`";
    assert!(c.stdout.contains(told), "{c}");
}

/// A Hugo site's own shortcodes (its layouts', a theme's, or a module's the source does
/// not hold) keep their calls, and each gets a stand-in template quoting the old one: the
/// site builds, each pair's body where it stood.
#[test]
fn a_hugo_sites_own_shortcodes_get_stand_ins_and_the_site_builds() {
    let site = import_changed("hugo", "import-hugo", |src| {
        // A theme's folder name, like the old template, could end the stand-in's Tera comment.
        fs::create_dir_all(src.join("themes/t#}x/layouts/shortcodes")).unwrap();
        let old = "{{/* a tip #} */}}<aside class=\"tip\">{{ .Inner | markdownify }}</aside>";
        fs::write(src.join("themes/t#}x/layouts/shortcodes/tip.html"), old).unwrap();
        crate::common::write_file(
            &src.join("content/posts/tips.md"),
            "---\ntitle: Tips\ndate: 2023-01-01\n---\nBefore.\n\n{{% tip %}}\nAsk **early**.\n{{% /tip %}}\n\n\
             {{< badge \"new\" />}}\n\nAfter.\n\n1. Install it\n\n   > {{< tip >}}\n\n   Run `make`.\n\n   {{</ tip >}}\n\n\
             2. Use it\n\nPress {{% tip %}}*Ctrl*{{% /tip %}} now.\n",
        );
    });
    site.import.assert_success();
    assert_reported(
        &site.import,
        &[
            "the site's own shortcodes kept, drawn with templates/shortcodes/",
            "templates/shortcodes/tip.html\n  converted: a stand-in for the site's shortcode `tip`, called on 1 page",
            "rewrite it in Tera to draw what the Go template of themes/t#}x/layouts/shortcodes/tip.html drew for it",
            "{{< badge >}} → templates/shortcodes/badge.html",
        ],
    );
    let tip = fs::read_to_string(site.root.join("templates/shortcodes/tip.html")).unwrap();
    assert!(tip.contains("{{/* a tip # } */}}<aside class=\"tip\">{{ .Inner | markdownify }}</aside>"), "{tip}");
    assert!(tip.contains("themes/t# }x/layouts") && tip.matches("#}").count() == 1, "{tip}");
    let page = fs::read_to_string(site.root.join("content/posts/tips.md")).unwrap();
    assert!(
        page.contains("{{< tip >}}\nAsk **early**.\n{{< /tip >}}") && page.contains("{{< badge \"new\" >}}"),
        "{page}"
    );
    build(&site.root);
    let html = fs::read_to_string(site.root.join("public/posts/tips/index.html")).unwrap();
    assert!(html.contains("<div class=\"shortcode-tip\"><p>Ask <strong>early</strong>.</p>\n</div>"), "{html}");
    assert!(!html.contains("{{") && !html.contains("Go template"), "{html}");
    // Within text, the stand-in draws inline HTML.
    assert!(html.contains("<p>Press <span class=\"shortcode-tip\"><em>Ctrl</em></span> now.</p>"), "{html}");
    // In a list item, quoted as PaperMod's example writes it: the list holds it and goes on.
    let item =
        "<li>\n<p>Install it</p>\n<blockquote>\n<div class=\"shortcode-tip\"><p>Run <code>make</code>.</p>\n</div>";
    assert!(
        html.contains(item) && html.matches("<ol>").count() == 1 && html.contains("<p>Use it</p>\n</li>\n</ol>"),
        "{html}"
    );
    // `check` reminds the author of each stand-in until it is rewritten.
    let check = run_careerpress(["check"], &site.root);
    let said = "templates/shortcodes/tip.html:1:1: warning[shortcode-stand-in]: `tip` is still the stand-in";
    assert!(check.stdout.contains(said) && check.stdout.contains("1 page calls it"), "{check}");
    assert!(check.stdout.contains("templates/shortcodes/badge.html:1:1: warning[shortcode-stand-in]"), "{check}");
    crate::common::write_file(
        &site.root.join("templates/shortcodes/tip.html"),
        "<aside>{{ shortcode.body | safe }}</aside>",
    );
    let check = run_careerpress(["check"], &site.root);
    assert!(!check.stdout.contains("`tip` is still") && check.stdout.contains("`badge` is still"), "{check}");
}

/// Hugo's own shortcodes that have an HTML or Markdown equivalent: a site that used them
/// builds as it is imported, each where it stood.
#[test]
fn hugos_own_shortcodes_build_after_an_import() {
    let site = import_changed("hugo", "import-hugo", |src| {
        crate::common::write_file(
            &src.join("content/posts/extras.md"),
            "---\ntitle: Extras\ndate: 2023-01-01\nparams:\n  color: teal\n---\n\
             {{< details summary=\"Salary <bands>\" >}}\nBands are **public**, in {{< param color >}}.\n{{< /details >}}\n\n\
             {{< param description >}}\n\n{{< x user=\"careers\" id=\"42\" >}}\n\n\
             {{% comment %}}Not for readers.{{% /comment %}}\n",
        );
    });
    site.import.assert_success();
    assert_reported(&site.import, &["{{< details >}} → <details>", "{{< x >}} → link", "{{< param >}} → the value"]);
    build(&site.root);
    let html = fs::read_to_string(site.root.join("public/posts/extras/index.html")).unwrap();
    let details = "<details>\n<summary>Salary &lt;bands&gt;</summary>\n<p>Bands are <strong>public</strong>, in teal.</p>\n</details>";
    assert!(html.contains(details), "{html}");
    assert!(html.contains("<p>Guides for graduates starting out.</p>"), "the site's param: {html}");
    assert!(html.contains("href=\"https://x.com/careers/status/42\""), "{html}");
    assert!(!html.contains("Not for readers") && !html.contains("{{"), "{html}");
}

/// The Rust blog (a Zola site) links its headings by Zola's ids (`#i-unsound-issues-crab`)
/// and has a form feed alone on a line: the build refused the one, and the links missed.
#[test]
fn a_zola_sites_heading_ids_and_form_feeds_come_through() {
    let site = import_changed("zola", "import-zola", |src| {
        crate::common::write_file(
            &src.join("content/blog/report.md"),
            "+++\ntitle = \"Report\"\ndate = 2022-08-01\n+++\n[Unsound](#i-unsound-issues-crab)\n\n\u{c}\n\n\
             ## I-unsound issues (🦀)\n\nText.\n",
        );
    });
    site.import.assert_success();
    assert_reported(
        &site.import,
        &["1 heading given the id Zola made", "1 invisible control character (U+000C) removed"],
    );
    build(&site.root);
    let html = fs::read_to_string(site.root.join("public/blog/report/index.html")).unwrap();
    assert!(html.contains("id=\"i-unsound-issues-crab\""), "{html}");
    let check = run_careerpress(["check"], &site.root);
    assert!(!check.stdout.contains("broken-fragment"), "{check}");
}

/// `careerpress import ... | head -1`: once the reader closed the pipe, every line printed
/// made `println!` panic, which stopped the import half-way (a scaffold without content)
/// with exit code 101. The import now goes on to its end and succeeds.
#[test]
fn an_import_whose_reader_closed_the_pipe_still_imports_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let piped = tmp.path().join("piped");
    let src = fixture_dir("import-jekyll");
    let mut child = std::process::Command::new(crate::common::careerpress_bin())
        .args(["import", "jekyll", src.to_str().unwrap(), "--root", piped.to_str().unwrap()])
        .current_dir(tmp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader leaves before the first line is written.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let whole = import("jekyll", "import-jekyll", &[]);
    whole.import.assert_success();
    let imported = snapshot(&piped);
    assert!(imported.keys().any(|rel| rel.starts_with("content/posts/")), "no post imported: {imported:#?}");
    assert_eq!(imported, snapshot(&whole.root), "the import with its output unread differs");
}

/// A Hugo site with neither `static/` nor `data/` (most have no data): the import said
/// "not imported: cannot be read: ... No such file or directory" for each.
#[test]
fn a_hugo_site_without_static_or_data_imports_without_complaint() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("hugo");
    crate::common::write_file(&src.join("hugo.toml"), "title = \"Plain\"\nbaseURL = \"https://plain.example.org/\"\n");
    crate::common::write_file(
        &src.join("content/posts/first.md"),
        "---\ntitle: First\ndate: 2024-01-02\n---\nHello.\n",
    );
    let root = tmp.path().join("site");
    let r = run_careerpress(["import", "hugo", src.to_str().unwrap(), "--root", root.to_str().unwrap()], tmp.path());
    r.assert_success();
    // Only its feeds, which careerpress writes elsewhere, are not carried over.
    let left: Vec<&str> = r.stdout.lines().filter(|l| l.contains(": not imported:")).collect();
    assert!(left.len() == 1 && left[0].starts_with("index.xml:") && !r.stderr.contains("No such file"), "{r}");
    assert!(root.join("content/posts/first.md").is_file(), "{r}");
}

/// The `id`s of a built page's headings, in order.
fn heading_ids_of(public: &Path, page: &str) -> Vec<String> {
    let html = fs::read_to_string(public.join(page)).unwrap();
    let mut ids = Vec::new();
    for part in html.split("<h").skip(1) {
        let (tag, _) = part.split_once('>').unwrap_or((part, ""));
        if let (true, Some((_, rest))) = (tag.starts_with(['2', '3', '4']), tag.split_once("id=\"")) {
            ids.push(rest.split('"').next().unwrap().to_string());
        }
    }
    ids
}

#[test]
fn headings_keep_the_ids_hugo_gave_them_so_links_to_them_still_land() {
    // Hugo made `salary--benefits` and `dont-sign-yet`; careerpress's own rule would make
    // `salary-benefits` and `don-t-sign-yet`, and every link below would miss.
    let site = import("hugo", "import-hugo-heading-ids", &[]);
    site.import.assert_success();
    assert!(site.import.stdout.contains("3 headings given the id Hugo made"), "{}", site.import);
    build(&site.root);
    let public = site.root.join("public");
    let ids = heading_ids_of(&public, "posts/offer-letters/index.html");
    // Hugo since 0.144 makes an id of the heading's text, a link's URL left out.
    assert_eq!(ids, ["salary--benefits", "dont-sign-yet", "salary--benefits-1", "the-offer-itself"]);
    assert_eq!(heading_ids_of(&public, "posts/negotiation/index.html"), ["plain-heading"]);
    let text = fs::read_to_string(site.root.join("content/posts/negotiation.md")).unwrap();
    assert!(text.contains("## Plain heading\n"), "a heading whose id is the same is left alone:\n{text}");
    let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], &site.root);
    assert!(!check.stdout.contains("broken-fragment"), "{check}");
    // An older Hugo, named by the site's deploy file, made it of the source line.
    let netlify = "[build.environment]\n  HUGO_VERSION = \"0.120.4\"\n";
    let site =
        import_changed("hugo", "import-hugo-heading-ids", |src| fs::write(src.join("netlify.toml"), netlify).unwrap());
    assert!(site.import.stdout.contains("4 headings given the id Hugo made"), "{}", site.import);
    build(&site.root);
    let ids = heading_ids_of(&site.root.join("public"), "posts/offer-letters/index.html");
    assert_eq!(ids[3], "the-offerhttpsexamplecomoffer-itself");
}

#[test]
fn headings_keep_the_ids_kramdown_gave_them_by_the_rule_the_config_chose() {
    let site = import("jekyll", "import-jekyll-heading-ids", &[]);
    site.import.assert_success();
    build(&site.root);
    let public = site.root.join("public");
    assert_eq!(heading_ids_of(&public, "posts/offer-letters/index.html"), ["1-salary--benefits", "dont-sign-yet"]);
    let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], &site.root);
    assert!(!check.stdout.contains("broken-fragment"), "{check}");
    // kramdown's own dialect starts ids at the first letter; another converter made none
    // that the import knows, and careerpress's own ids stand.
    for (config, expected) in [
        ("kramdown:\n  input: kramdown\n", ["salary--benefits", "dont-sign-yet"]),
        ("markdown: CommonMarkGhPages\n", ["1-salary-benefits", "don-t-sign-yet"]),
    ] {
        let site = import_changed("jekyll", "import-jekyll-heading-ids", |src| append(src, "_config.yml", config));
        site.import.assert_success();
        build(&site.root);
        assert_eq!(heading_ids_of(&site.root.join("public"), "posts/offer-letters/index.html"), expected, "{config}");
    }
}

#[test]
fn a_config_with_an_integer_past_64_bits_is_still_read_whole() {
    // A 21-digit Google+ id in a theme's _config.yml made serde_yaml refuse the file, and
    // the import went on without the site's title, URL and permalink.
    let site = import_changed("jekyll", "import-jekyll-baseurl", |src| {
        append(src, "_config.yml", "author:\n  googleplus: 101827554735084402671\n");
    });
    site.import.assert_success();
    assert!(!site.import.stdout.contains("does not parse"), "{}", site.import);
    let toml = fs::read_to_string(site.root.join("site.toml")).unwrap();
    assert!(toml.contains("Project Careers") && toml.contains("https://careers.github.io/myblog"), "{toml}");
}

#[test]
fn a_hugo_permalink_without_a_leading_slash_is_from_the_site_root() {
    // LoveIt writes `posts = ":contentbasename"`; Hugo reads every pattern from the root,
    // where the import once joined it to the page's folder (`/posts/flat/flat`).
    let site = import_changed("hugo", "import-hugo-dates", |src| {
        replace(src, "hugo.toml", "'/articles/:year/:month/:slug/'", "'articles/:year/:month/:slug/'")
    });
    site.import.assert_success();
    build(&site.root);
    assert_redirect(
        &site.root.join("public"),
        "articles/2023/02/post-a/index.html",
        "https://dates.example.net/posts/post-a/",
    );
}

#[test]
fn hugo_languages_configured_in_files_of_their_own_or_not_at_all_are_known() {
    // `config/_default/hugo.zh-cn.toml` is `[languages.zh-cn]`; and `index.en.md` is the
    // bundle's index on any site whose default language is `en`, configured or not.
    for drop_language_files in [false, true] {
        let site = import_changed("hugo", "import-hugo-language-files", |src| {
            if drop_language_files {
                for rel in [
                    "config/_default/hugo.en.toml",
                    "config/_default/hugo.zh-cn.toml",
                    "content/posts/hello/index.zh-cn.md",
                ] {
                    fs::remove_file(src.join(rel)).unwrap();
                }
            }
        });
        let (root, r) = (&site.root, &site.import);
        r.assert_success();
        for written in ["about/index.md", "posts/_index.md", "posts/hello/index.md"] {
            assert!(root.join("content").join(written).is_file(), "{written} missing:\n{r}");
        }
        assert!(!root.join("content/posts/hello/index.zh-cn.md").exists(), "{r}");
        if !drop_language_files {
            assert!(r.stdout.contains("not imported: a translation (zh-cn)"), "{r}");
        }
        build(root);
        assert!(root.join("public/posts/hello/index.html").is_file());
    }
}

#[test]
fn hugo_taxonomy_pages_are_not_imported_as_sections() {
    // `content/tags/interviews/_index.md` became a section at /tags/interviews/, where
    // careerpress's own tag page stands, and the build failed on the clash.
    let site = import("hugo", "import-hugo-taxonomy-pages", &[]);
    site.import.assert_success();
    for page in ["tags/interviews/_index.md", "authors/_index.md", "authors/jane/_index.md"] {
        assert!(!site.root.join("content").join(page).exists(), "{page} imported:\n{}", site.import);
        let said =
            format!("content/{page}: not imported: the `{}` taxonomy's own page", page.split('/').next().unwrap());
        assert!(site.import.stdout.contains(&said), "{said}\n{}", site.import);
    }
    assert!(site.root.join("content/guides/_index.md").is_file(), "a section that is no taxonomy stays");
    build(&site.root);
    let tag = fs::read_to_string(site.root.join("public/tags/interviews/index.html")).unwrap();
    assert!(tag.contains("Prep"), "{tag}");
}

#[test]
fn an_old_url_that_differs_only_in_letter_case_is_kept_as_the_slug() {
    // /CHANGELOG/ and /changelog/ are one folder on a case-blind disk, so no redirect can
    // stand there: the page keeps the old spelling. Before, the old URL went unreported.
    let site = import("jekyll", "import-jekyll-letter-case", &[]);
    site.import.assert_success();
    assert!(site.import.stdout.contains("only in letter case: kept as `slug: CHANGELOG`"), "{}", site.import);
    build(&site.root);
    let public = site.root.join("public");
    assert!(public.join("CHANGELOG/index.html").is_file());
    assert!(!public.join("changelog").exists());
    assert_redirect(&public, "Changes/index.html", "https://e.org/CHANGELOG/");
}

#[test]
fn posts_outside_collections_dir_are_not_imported() {
    let site = import("jekyll", "import-jekyll-collections-dir", &[]);
    site.import.assert_success();
    let said = "test/_posts/2020-01-03-fixture.md: not imported: outside `collections_dir` (docs)";
    assert!(site.import.stdout.contains(said), "{}", site.import);
    assert!(site.root.join("content/posts/real.md").is_file());
    assert!(!site.root.join("content/posts/fixture.md").exists());
}

#[test]
fn links_to_footnotes_land_on_the_ids_careerpress_gives_the_notes() {
    // kramdown named notes by label (`#fn:fix`), goldmark by number (`#fn:2`); careerpress
    // names them `fn-fix` and `fn-search`, and every link below would miss.
    for (kind, base, report) in [
        ("jekyll", "https://notes.example.net", "3 links to footnotes"),
        ("hugo", "https://notes.example.com", "2 links to footnotes"),
    ] {
        let site = import(kind, &format!("import-{kind}-footnotes"), &[]);
        site.import.assert_success();
        assert!(site.import.stdout.contains(report), "{kind}: {}", site.import);
        build(&site.root);
        let public = site.root.join("public");
        let changelog = fs::read_to_string(public.join("posts/changelog/index.html")).unwrap();
        let roadmap = fs::read_to_string(public.join("posts/roadmap/index.html")).unwrap();
        let other = |id: &str, text: &str| format!("href=\"{base}/posts/changelog/#{id}\">{text}");
        let expected: Vec<(&str, String)> = match kind {
            "jekyll" => vec![
                (&changelog, "href=\"#fn-fix\">the first note".into()),
                (&changelog, "href=\"#fnref-fix\">back to where".into()),
                (&changelog, "href=\"#fnref-fix-2\">cited again".into()),
                (&roadmap, other("fn-search", "the changelog")),
                (&roadmap, other("fn-fix", "the filter")),
            ],
            _ => vec![
                (&changelog, "href=\"#fn-search\">the second note".into()),
                (&changelog, "href=\"#fnref-fix-2\">back to where".into()),
                (&roadmap, other("fn-search", "the changelog")),
            ],
        };
        for (html, link) in expected {
            assert!(html.contains(&link), "{kind}: no {link:?} in\n{html}");
        }
        // The heading whose own id is `fn:1` is no footnote: its link stays.
        assert!(roadmap.contains("href=\"#fn:1\">its links"), "{kind}: {roadmap}");
        let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], &site.root);
        assert!(!check.stdout.contains("broken-fragment"), "{kind}: {check}");
    }
}

#[test]
fn hugo_template_syntax_in_code_is_neither_reported_nor_checked() {
    // Hugo never ran `{{ … }}` in content: in code it showed it as written, as careerpress
    // does. A shortcode in code Hugo did run, and `{{ … }}` in prose is text to look at.
    let site = import("hugo", "import-hugo-code", &[]);
    site.import.assert_success();
    let report = &site.import.stdout;
    let left: Vec<&str> = report.lines().filter(|l| l.contains("left as is, content/posts/templates.md")).collect();
    assert_eq!(left.len(), 2, "{report}");
    assert!(left[0].ends_with(": {{< notice >}}") && left[1].ends_with(": {{ .Site.Title }}"), "{left:#?}");
    let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], &site.root);
    let foreign: Vec<&str> =
        check.stdout.lines().filter(|l| l.contains("templates.md") && l.contains("foreign-syntax")).collect();
    assert_eq!(foreign.len(), 1, "{check}");
    assert!(foreign[0].contains("{{ .Site.Title }}"), "{check}");
}

#[test]
fn a_list_of_authors_is_imported_as_a_list_and_credits_each() {
    // `author: [a, b]` went under extra, and the article showed no author at all; then it
    // became one byline, which no `[authors]` profile could ever match.
    let post = "---\ntitle: Panel interviews\nauthor: [Ana Díaz, Bo Chen]\n---\nWho asks what.\n";
    let site = import_changed("jekyll", "import-jekyll", |src| {
        fs::write(src.join("_posts/2023-02-01-panel-interviews.md"), post).unwrap()
    });
    site.import.assert_success();
    assert!(site.import.stdout.contains("`author` → author: Ana Díaz, Bo Chen"), "{}", site.import);
    let written = fs::read_to_string(site.root.join("content/posts/panel-interviews.md")).unwrap();
    assert!(written.contains("author:\n- Ana Díaz\n- Bo Chen\n"), "{written}");
    build(&site.root);
    let html = fs::read_to_string(site.root.join("public/posts/panel-interviews/index.html")).unwrap();
    assert!(html.contains("· Ana Díaz and Bo Chen"), "{html}");
    // Hugo's `authors` taxonomy; a theme's mapping is no name, and stays under extra.
    let post = "---\ntitle: Offers\ndate: 2024-01-02\nauthors:\n- Ana Díaz\n- name: Bo Chen\n  url: https://bo.example\n---\nRead it twice.\n";
    let site =
        import_changed("hugo", "import-hugo", |src| fs::write(src.join("content/posts/offers.md"), post).unwrap());
    site.import.assert_success();
    assert!(site.import.stdout.contains("1 item(s) with more than a name kept under extra"), "{}", site.import);
    let written = fs::read_to_string(site.root.join("content/posts/offers.md")).unwrap();
    assert!(written.contains("author:\n- Ana Díaz\n- Bo Chen\n"), "{written}");
    assert!(written.contains("  authors:\n  - name: Bo Chen\n    url: https://bo.example\n"), "{written}");
    build(&site.root);
    let html = fs::read_to_string(site.root.join("public/posts/offers/index.html")).unwrap();
    assert!(html.contains("· Ana Díaz and Bo Chen"), "{html}");
}

/// A file name is anybody's text (a contributed post, an unpacked archive): raw, an escape
/// sequence in it would retitle or clear the terminal as the report names the file, and a
/// line break would start a line that reads as the report's own.
#[test]
fn control_characters_in_file_names_are_shown_escaped_in_the_report() {
    let name = "\u{1b}]0;pwned\u{7}\u{1b}[2Jred\nfake";
    let shown = "\\u{1b}]0;pwned\\u{7}\\u{1b}[2Jred\\u{a}fake";
    let raw = |run: &RunResult| run.stderr.chars().chain(run.stdout.chars()).any(|c| c.is_control() && c != '\n');
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("jekyll");
    crate::common::copy_dir_all(&fixture_dir("import-jekyll"), &src);
    fs::write(src.join(format!("_posts/2023-03-03-{name}.md")), "---\ntitle: Hostile\n---\nx\n").unwrap();
    fs::write(src.join(format!("_posts/2023-03-04-{name}.md")), [0xff, 0xfe]).unwrap();
    let root = tmp.path().join(format!("site-{name}"));
    let args = ["import", "jekyll", src.to_str().unwrap(), "--root", root.to_str().unwrap()];
    let r = run_careerpress(args, tmp.path());
    r.assert_success();
    assert!(!raw(&r), "{:?}", r.stdout);
    let root_shown = format!("{}/site-{shown}", tmp.path().display());
    for expected in [
        format!("_posts/2023-03-03-{shown}.md → content/posts/"),
        format!("_posts/2023-03-04-{shown}.md: not imported: not UTF-8"),
        format!("Created a new careerpress site in {root_shown}\n"),
        format!("Next: careerpress build --root {root_shown} "),
    ] {
        assert!(r.stdout.contains(&expected), "{expected}\n{}", r.stdout);
    }
    // Again: every file that exists is named, in a folder named so.
    let again = run_careerpress(args, tmp.path());
    assert!(!raw(&again), "{:?}", again.stderr);
    assert!(again.stderr.contains(&format!("exists: {root_shown}/content/posts/")), "{again}");
    // Not a site at all: the folder named in the error.
    let r = run_careerpress(["import", "hugo", root.to_str().unwrap(), "--dry-run"], tmp.path());
    assert!(!raw(&r) && r.stderr.contains(&format!("{root_shown}: not a Hugo site")), "{r}");
}

#[test]
fn kramdown_comments_go_and_nomarkdown_stays_raw_html_outside_code() {
    // Left as text, an editor's `{::comment}` was shown to every reader.
    let site = import("jekyll", "import-jekyll-kramdown-extensions", &[]);
    site.import.assert_success();
    let report = &site.import.stdout;
    assert!(report.contains("kramdown's {::comment} removed with its text"), "{report}");
    assert!(report.contains("kramdown's {::nomarkdown} → raw HTML"), "{report}");
    assert!(report.contains("kramdown's {::options} removed"), "{report}");
    // The include the comment hid is gone with it, not left for a person.
    assert!(!report.contains("left as is"), "{report}");
    build(&site.root);
    let html = fs::read_to_string(site.root.join("public/posts/offer-notes/index.html")).unwrap();
    for gone in ["EDITOR-ONLY-NOTE", "SPAN-ONLY-NOTE", "parse_block_html"] {
        assert!(!html.contains(gone), "{gone} shown:\n{html}");
    }
    // Only the code block's and the code span's are shown.
    assert_eq!(html.matches("{::").count(), 2, "{html}");
    assert!(html.contains("start date, and the notice period"), "{html}");
    assert!(html.contains("<div class=\"callout\">") && html.contains("<p>Raw *stays* raw</p>"), "{html}");
    // In code, as kramdown showed them.
    assert!(html.contains("CODE-BLOCK-COMMENT") && html.contains("CODE-SPAN-COMMENT"), "{html}");
    // Another converter showed them as text, and so does the import.
    let site = import_changed("jekyll", "import-jekyll-kramdown-extensions", |src| {
        append(src, "_config.yml", "markdown: CommonMarkGhPages\n")
    });
    site.import.assert_success();
    let text = fs::read_to_string(site.root.join("content/posts/offer-notes.md")).unwrap();
    assert!(text.contains("{::comment}\nEditor: EDITOR-ONLY-NOTE"), "{text}");
}

#[test]
fn an_attribute_list_after_a_setext_heading_gives_it_its_id() {
    // `{: #pay}` under an underlined heading was dropped with its id, and every link to
    // `#pay` missed, as after an ATX heading it did not.
    let site = import("jekyll", "import-jekyll-setext-ids", &[]);
    site.import.assert_success();
    let text = fs::read_to_string(site.root.join("content/posts/offer-checklist.md")).unwrap();
    assert!(
        text.contains("Salary & Benefits {#pay}\n===") && text.contains("Notice period {#notice .key}\n---"),
        "{text}"
    );
    assert!(!text.contains("{:"), "{text}");
    build(&site.root);
    let public = site.root.join("public");
    assert_eq!(heading_ids_of(&public, "posts/offer-checklist/index.html"), ["notice"]);
    let html = fs::read_to_string(public.join("posts/offer-checklist/index.html")).unwrap();
    assert!(html.contains("<h1 id=\"pay\""), "{html}");
    let check = run_careerpress(["check", "--root", site.root.to_str().unwrap()], &site.root);
    assert!(!check.stdout.contains("broken-fragment"), "{check}");
}

#[test]
fn hugo_ugly_urls_keep_their_html_addresses_as_redirects() {
    // `uglyURLs = true` published /posts/my-post.html; careerpress publishes
    // /posts/my-post/, and nothing redirected from the old address.
    let site = import("hugo", "import-hugo-ugly-urls", &[]);
    site.import.assert_success();
    let report = &site.import.stdout;
    assert!(report.contains("Hugo's `uglyURLs` published it as /posts/my-post.html"), "{report}");
    let mut aliases: Vec<String> = written_aliases(&site.root).into_iter().map(|(alias, _)| alias).collect();
    aliases.sort();
    assert_eq!(aliases, ["/about.html", "/posts/my-post.html", "/posts/trip.html"]);
    build(&site.root);
    assert_eq!(assert_every_alias_redirects(&site.root), 3);
    let public = site.root.join("public");
    assert_redirect(&public, "posts/my-post.html", "https://ugly.example.org/posts/my-post/");
    // Links written to the old addresses reach the pages.
    let post = fs::read_to_string(public.join("posts/my-post/index.html")).unwrap();
    assert!(post.contains("href=\"https://ugly.example.org/posts/trip/\""), "{post}");
    // By section: only the posts were ugly.
    let site = import_changed("hugo", "import-hugo-ugly-urls", |src| {
        replace(src, "hugo.toml", "uglyURLs = true", "[uglyURLs]\nposts = true")
    });
    site.import.assert_success();
    let mut aliases: Vec<String> = written_aliases(&site.root).into_iter().map(|(alias, _)| alias).collect();
    aliases.sort();
    assert_eq!(aliases, ["/posts/my-post.html", "/posts/trip.html"], "{}", site.import);
}

#[test]
fn hugo_frontmatter_date_order_gives_the_date_hugo_gave() {
    // `date = ["publishDate", "date"]` dated the page 2019-06-01 in Hugo; the import took
    // its `date:`, and the article moved in every list and feed.
    let site = import("hugo", "import-hugo-frontmatter-dates", &[]);
    site.import.assert_success();
    let launch = fs::read_to_string(site.root.join("content/posts/launch.md")).unwrap();
    assert!(launch.contains("date: 2019-06-01"), "{launch}");
    assert!(site.import.stdout.contains("dated by its `publishDate`, as `[frontmatter] date` had Hugo date it"));
    build(&site.root);
    // `:filename` first: the name's date, and the rest of the name as the URL, as Hugo had them.
    let order = |config: &str| {
        let config = config.to_string();
        import_changed("hugo", "import-hugo-frontmatter-dates", move |src| {
            replace(src, "hugo.toml", "[\"publishDate\", \"date\"]", &config)
        })
    };
    let site = order("[\":filename\", \":default\"]");
    site.import.assert_success();
    let offer = fs::read_to_string(site.root.join("content/posts/2021-04-04-offer-day.md")).unwrap();
    assert!(offer.contains("date: 2021-04-04") && offer.contains("slug: offer-day"), "{offer}");
    assert!(!offer.contains("aliases"), "Hugo published it at /posts/offer-day/ too:\n{offer}");
    build(&site.root);
    assert!(site.root.join("public/posts/offer-day/index.html").is_file());
    // A file's time cannot be known as Hugo knew it: the report says so.
    let site = order("[\":fileModTime\"]");
    site.import.assert_success();
    assert!(site.import.stdout.contains("`:fileModTime`): check it"), "{}", site.import);
}

#[test]
fn hugo_front_matter_keys_in_any_case_and_slugs_keep_what_hugo_made_of_them() {
    let site = import("hugo", "import-hugo-key-case", &[]);
    site.import.assert_success();
    let page = fs::read_to_string(site.root.join("content/posts/negotiating-an-offer.md")).unwrap();
    for line in ["title: Negotiating an offer", "date: 2021-03-04", "updated: 2021-05-06", "- salary", "- offers"] {
        assert!(page.contains(line), "{line:?} in {page}");
    }
    assert!(!page.contains("extra:") && !page.contains("Title"), "{page}");
    build(&site.root);
    let html = fs::read_to_string(site.root.join("public/posts/negotiating-an-offer/index.html")).unwrap();
    assert!(html.contains("Negotiating an offer") && html.contains("2021-03-04"), "{html}");
    assert!(site.root.join("public/tags/salary/index.html").is_file());
    // Hugo lowercased the URL made of `slug: Salary-Bands`; the page stays where it was.
    let bands = fs::read_to_string(site.root.join("content/posts/salary-bands.md")).unwrap();
    assert!(bands.contains("slug: salary-bands"), "{bands}");
    assert!(site.import.stdout.contains("`slug: Salary-Bands` → salary-bands"), "{}", site.import.stdout);
    let posts: Vec<String> = fs::read_dir(site.root.join("public/posts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(posts.contains(&"salary-bands".to_string()) && !posts.contains(&"Salary-Bands".to_string()), "{posts:?}");
}

#[test]
fn a_hugo_lastmod_before_a_later_publish_date_stays_under_extra_and_the_site_builds() {
    // Edited in March, published in June: the June publishDate becomes the date, and an
    // `updated` of March would stop the build.
    let site = import("hugo", "import-hugo-lastmod-before-publish", &[]);
    site.import.assert_success();
    let page = fs::read_to_string(site.root.join("content/posts/salary-questions.md")).unwrap();
    assert!(page.contains("date: 2020-06-01") && !page.contains("updated:"), "{page}");
    assert!(page.contains("extra:") && page.contains("lastmod: 2020-03-03"), "{page}");
    let report = &site.import.stdout;
    assert!(report.contains("`lastmod: 2020-03-03` is before the date, 2020-06-01"), "{report}");
    build(&site.root);
    let html = fs::read_to_string(site.root.join("public/posts/salary-questions/index.html")).unwrap();
    assert!(html.contains("2020-06-01"), "dated by its publishDate");
}

#[test]
fn hugo_frontmatter_lastmod_publish_and_expiry_orders_give_the_dates_hugo_gave() {
    // hugo.yaml orders `lastmod` by `modified` first, `publishDate` by the site's own
    // `goLive`, `expiryDate` by `retireOn` alone; the import read the usual keys instead.
    // A copy, outside any repository: `:git` has no history to read.
    let site = import_changed("hugo", "import-hugo-frontmatter-orders", |_| {});
    site.import.assert_success();
    let page = |name: &str| fs::read_to_string(site.root.join("content/posts").join(name)).unwrap();
    let report = &site.import.stdout;
    let offer = page("offer-letters.md");
    assert!(offer.contains("updated: 2021-03-03") && offer.contains("lastmod: 2020-02-02"), "{offer}");
    assert!(report.contains("`lastmod` as Hugo's order for it read it: its `modified`"), "{report}");
    // It waits for its `goLive`, as Hugo's did; the day its file was saved is no `updated`
    // before that, which careerpress would refuse.
    let launch = page("launch.md");
    assert!(launch.contains("date: 2099-01-01") && !launch.contains("updated:"), "{launch}");
    assert!(report.contains("`:git` in `[frontmatter] lastmod`"), "{report}");
    assert!(report.contains("`:fileModTime`): check it"), "{report}");
    assert!(report.contains("is before its date: careerpress reads an article as last changed on its date"));
    let retired = page("retired-advice.md");
    assert!(retired.contains("draft: true"), "{retired}");
    assert!(report.contains("`retireOn: 2020-06-01` has passed → draft: true"), "{report}");
    // Hugo kept publishing it: its `expiryDate` is no key of the expiry order.
    let evergreen = page("evergreen.md");
    assert!(!evergreen.contains("draft:") && evergreen.contains("expiryDate: 2020-01-01"), "{evergreen}");
    build(&site.root);
    let public = site.root.join("public");
    assert!(public.join("posts/evergreen/index.html").is_file());
    assert!(!public.join("posts/launch/index.html").exists() && !public.join("posts/retired-advice").exists());
    let sitemap = fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("2021-03-03"), "{sitemap}");
}

#[test]
fn hugo_global_resources_are_copied_and_the_images_that_name_them_build() {
    // Hugo's `figure` shortcode and themes' image hooks find `images/x.png` among the
    // files under `assets/`; a static file is found from the page's old URL.
    let site = import("hugo", "import-hugo-assets", &[]);
    site.import.assert_success();
    let post = fs::read_to_string(site.root.join("content/posts/interview-attire.md")).unwrap();
    assert!(post.contains("![A rack of blazers](/images/attire.png)"), "{post}");
    assert!(post.contains("![Our coach](</images/team/coach.png>)"), "{post}");
    let about = fs::read_to_string(site.root.join("content/about.md")).unwrap();
    assert!(about.contains("![Our office](/img/office.png)"), "{about}");
    let report = &site.import.stdout;
    assert!(report.contains("assets: not imported: 1 file(s) for Hugo Pipes"), "{report}");
    assert!(
        report.contains("assets/img/office.png: not imported: static/img/office.png is published at the same path"),
        "{report}"
    );
    build(&site.root);
    let html = fs::read_to_string(site.root.join("public/posts/interview-attire/index.html")).unwrap();
    assert!(html.contains("/images/attire.png\" alt=\"A rack of blazers\""), "{html}");
    for published in ["images/attire.png", "images/team/coach.png", "img/office.png"] {
        assert!(site.root.join("public").join(published).is_file(), "{published}");
    }
    assert!(!site.root.join("public/scss").exists() && !site.root.join("static/scss").exists());
}

#[test]
fn hugo_date_aliases_and_keys_in_any_case_are_read_without_a_frontmatter_order() {
    // Hugo's default orders read `published` as `publishDate` (and, without a `date`, as
    // the date) and `unpublishdate` as `expiryDate`, each key in any case.
    let site = import("hugo", "import-hugo-date-aliases", &[]);
    site.import.assert_success();
    let page = |name: &str| fs::read_to_string(site.root.join("content/posts").join(name)).unwrap();
    let report = &site.import.stdout;
    let scheduled = page("scheduled.md");
    assert!(scheduled.contains("date: 2099-01-01") && !scheduled.contains("published:"), "{scheduled}");
    assert!(report.contains("`published` → date: careerpress publishes an article from its date"), "{report}");
    let dated = page("published-only.md");
    assert!(dated.contains("date: 2021-02-03"), "{dated}");
    let cased = page("key-case.md");
    for line in ["date: 2020-02-02", "updated: 2020-05-05", "expiryDate: 2099-01-01"] {
        assert!(cased.contains(line), "{line:?} in {cased}");
    }
    assert!(report.contains("`expiryDate: 2099-01-01`: careerpress does not unpublish by date"), "{report}");
    let expired = page("unpublished.md");
    assert!(expired.contains("draft: true"), "{expired}");
    assert!(report.contains("`unpublishdate: 2020-01-01` has passed → draft: true"), "{report}");
    build(&site.root);
    let public = site.root.join("public");
    assert!(public.join("posts/published-only/index.html").is_file() && public.join("posts/key-case").is_dir());
    assert!(!public.join("posts/scheduled").exists() && !public.join("posts/unpublished").exists());
}

#[test]
fn hugo_git_dates_are_noted_only_where_enable_git_info_had_hugo_read_them() {
    let without = import_changed("hugo", "import-hugo-frontmatter-orders", |src| {
        replace(src, "hugo.yaml", "enableGitInfo: true\n", "")
    });
    without.import.assert_success();
    assert!(!without.import.stdout.contains("`:git`"), "Hugo passed `:git` over:\n{}", without.import);
    let any_case = import_changed("hugo", "import-hugo-frontmatter-orders", |src| {
        replace(src, "hugo.yaml", "enableGitInfo: true", "EnableGITInfo: true")
    });
    any_case.import.assert_success();
    assert!(any_case.import.stdout.contains("`:git` in `[frontmatter] lastmod`"), "{}", any_case.import);
}

#[test]
fn a_hugo_frontmatter_order_written_as_one_string_is_split_on_whitespace() {
    // Hugo reads `date = "publishDate date"` as the list `["publishDate", "date"]`.
    let site = import_changed("hugo", "import-hugo-frontmatter-dates", |src| {
        replace(src, "hugo.toml", "[\"publishDate\", \"date\"]", "\" publishDate\\tdate \"")
    });
    site.import.assert_success();
    let launch = fs::read_to_string(site.root.join("content/posts/launch.md")).unwrap();
    assert!(launch.contains("date: 2019-06-01"), "{launch}\n{}", site.import);
}

#[test]
fn hugo_disable_path_to_lower_keeps_each_url_as_hugo_published_it() {
    let site = import("hugo", "import-hugo-path-case", &[]);
    site.import.assert_success();
    let report = &site.import.stdout;
    let bands = fs::read_to_string(site.root.join("content/posts/salary-bands.md")).unwrap();
    assert!(bands.contains("slug: Salary-Bands") && !bands.contains("aliases"), "{bands}");
    let offers = fs::read_to_string(site.root.join("content/posts/Offer-Letters.md")).unwrap();
    assert!(offers.contains("slug: Offer-Letters") && !offers.contains("aliases"), "{offers}");
    assert!(!report.contains("no redirect") && !report.contains("lower case"), "{report}");
    build(&site.root);
    let public = site.root.join("public");
    assert!(public.join("posts/Salary-Bands/index.html").is_file(), "{}", site.import);
    let html = fs::read_to_string(public.join("posts/Offer-Letters/index.html")).unwrap();
    assert!(html.contains("/posts/Salary-Bands/\""), "the link to the band still leads there:\n{html}");
    // Without the setting, Hugo lower-cased both URLs, and so does the import.
    let site = import_changed("hugo", "import-hugo-path-case", |src| {
        replace(src, "hugo.toml", "disablePathToLower = true", "")
    });
    site.import.assert_success();
    let bands = fs::read_to_string(site.root.join("content/posts/salary-bands.md")).unwrap();
    assert!(bands.contains("slug: salary-bands"), "{bands}");
    build(&site.root);
    assert!(site.root.join("public/posts/offer-letters/index.html").is_file(), "{}", site.import);
    assert!(site.root.join("public/posts/salary-bands/index.html").is_file(), "{}", site.import);
}
