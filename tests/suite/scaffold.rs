//! `init` and `new` with the real binary: a site made from nothing builds and passes
//! `check`, and drafts made by `new` stay out of a plain build but show with `--drafts`.

use crate::common::{read_output, run_careerpress, run_careerpress_with, run_careerpress_within, RunResult};
use std::fs;
use std::path::Path;

/// 2025-03-04T00:00:00Z.
const MARCH_2025: &str = "1741046400";

fn build(root: &Path, extra: &[&str]) -> RunResult {
    let mut args = vec!["build", "--root", root.to_str().unwrap(), "--output", "out"];
    args.extend(extra);
    run_careerpress(args, root)
}

/// A temporary folder with a fresh site in `<tmp>/mysite`.
fn new_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let r = run_careerpress(["init", "mysite"], tmp.path());
    r.assert_success();
    assert!(r.stdout.contains("cd mysite && careerpress serve --watch"), "{r}");
    let root = tmp.path().join("mysite");
    (tmp, root)
}

fn new_page(root: &Path, args: &[&str]) -> RunResult {
    let mut all = vec!["new", "--root", root.to_str().unwrap()];
    all.extend(args);
    run_careerpress_with(all, root, &[("SOURCE_DATE_EPOCH", MARCH_2025)])
}

#[test]
fn init_makes_a_site_that_builds() {
    let (_tmp, root) = new_site();
    assert!(fs::read_to_string(root.join(".gitignore")).unwrap().lines().any(|l| l == "/.public.careerpress-*"));
    assert!(root.join("themes/default/templates/base.html").is_file());
    build(&root, &[]).assert_success();
    let out = root.join("out");
    assert!(read_output(&out, "posts/welcome/index.html").contains("Welcome to your new site"));
    assert!(read_output(&out, "jobs/career-coach/index.html").contains("JobPosting"), "an open listing");
    assert!(read_output(&out, "jobs/index.html").contains("/jobs/career-coach/"), "the board lists it");
}

/// From nothing to a site that passes its own check, as the README's quick start goes:
/// init, build, check, with warnings denied.
#[test]
fn init_then_build_then_check_passes() {
    let (_tmp, root) = new_site();
    build(&root, &[]).assert_success();
    let check = run_careerpress(["check", "--root", root.to_str().unwrap(), "--deny-warnings"], &root);
    check.assert_success();
    assert_eq!(check.stdout.trim(), "0 errors, 0 warnings in 0 files", "{check}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let r = run_careerpress(["init", "."], tmp.path());
    r.assert_clean_failure();
    assert!(r.stderr.contains("error: .: the folder is not empty"), "{r}");
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1, "nothing written");
}

#[test]
fn new_article_is_a_dated_draft() {
    let (_tmp, root) = new_site();
    let r = new_page(&root, &["posts/my-first-post"]);
    r.assert_success();
    assert!(r.stdout.contains("content/posts/my-first-post.md"), "{r}");
    let text = fs::read_to_string(root.join("content/posts/my-first-post.md")).unwrap();
    assert!(text.starts_with("---\ntitle: \"My first post\"\ndate: 2025-03-04\n"), "{text}");
    assert!(text.contains("\ndraft: true\n"), "{text}");
    build(&root, &[]).assert_success();
    assert!(!root.join("out/posts/my-first-post").exists(), "a draft stays out");
    build(&root, &["--drafts"]).assert_success();
    assert!(read_output(&root.join("out"), "posts/my-first-post/index.html").contains("My first post"));
}

#[test]
fn new_refuses_overwrites_unknown_sections_and_bad_slugs() {
    let (_tmp, root) = new_site();
    let welcome = fs::read_to_string(root.join("content/posts/welcome.md")).unwrap();
    let r = new_page(&root, &["posts/welcome"]);
    r.assert_clean_failure();
    assert!(r.stderr.contains("content/posts/welcome.md: already exists"), "{r}");
    assert_eq!(fs::read_to_string(root.join("content/posts/welcome.md")).unwrap(), welcome);
    // A Jekyll-style `.markdown` file takes the same URL as the `.md` would.
    fs::write(root.join("content/posts/old-post.markdown"), "---\ntitle: Old\ndate: 2020-01-01\n---\n").unwrap();
    let r = new_page(&root, &["posts/old-post"]);
    r.assert_clean_failure();
    assert!(r.stderr.contains("old-post.markdown: already exists and has the same URL"), "{r}");
    assert!(!root.join("content/posts/old-post.md").exists());
    let r = new_page(&root, &["guides/x"]);
    r.assert_clean_failure();
    assert!(r.stderr.contains("\"guides\": no such section") && r.stderr.contains("sections: jobs, posts"), "{r}");
    // Listing the sections never follows links round: these three once made it run for ever.
    for link in ["content/posts/up", "content/posts/up2", "content/jobs/up"] {
        std::os::unix::fs::symlink("..", root.join(link)).unwrap();
    }
    let args = ["new", "--root", root.to_str().unwrap(), "guides/x"];
    let r = run_careerpress_within(args, &root, std::time::Duration::from_secs(60));
    r.assert_clean_failure();
    assert!(r.stderr.contains("sections: jobs, posts"), "{r}");
    for link in ["content/posts/up", "content/posts/up2", "content/jobs/up"] {
        fs::remove_file(root.join(link)).unwrap();
    }
    for bad in ["posts/My Post", "posts/a_b", "posts/../x", "posts"] {
        new_page(&root, &[bad]).assert_clean_failure();
    }
    let r = new_page(&root, &["--job", "posts/coach"]);
    r.assert_clean_failure();
    assert!(r.stderr.contains("--job writes listings into the jobs section"), "{r}");
}

/// A control character typed into `--title` (a bell, an escape sequence, a line break)
/// would be written into the front matter, which the build then refuses or shows on two
/// lines: `new` refuses it in the build's words, and writes nothing.
#[test]
fn new_refuses_a_title_with_a_control_character_and_writes_nothing() {
    let (_tmp, root) = new_site();
    for (title, code) in
        [("Ring\u{7}the bell", "U+0007"), ("line1\nline2", "U+000A"), ("\u{1b}]0;pwned\u{7}", "U+001B")]
    {
        let r = new_page(&root, &["posts/bell", "--title", title]);
        r.assert_clean_failure();
        assert!(r.stderr.starts_with("error: --title: this text holds the") && r.stderr.contains(code), "{r}");
        assert!(r.stdout.is_empty(), "{r}");
        assert!(!root.join("content/posts/bell.md").exists(), "{title:?} wrote the file");
    }
    let r = new_page(&root, &["--job", "jobs/bell", "--title", "Coach\u{1b}[2J"]);
    r.assert_clean_failure();
    assert!(r.stderr.contains("U+001B") && !root.join("content/jobs/bell.md").exists(), "{r}");
    // Other text, right-to-left, accented or with no-break spaces, is the title as typed.
    new_page(&root, &["posts/bell", "--title", "مقابلة Café\u{a0}tips"]).assert_success();
    let text = fs::read_to_string(root.join("content/posts/bell.md")).unwrap();
    assert!(text.starts_with("---\ntitle: \"مقابلة Café\u{a0}tips\"\n"), "{text}");
    build(&root, &["--drafts"]).assert_success();
}

#[test]
fn new_job_listing_builds_as_a_draft() {
    let (_tmp, root) = new_site();
    new_page(&root, &["--job", "jobs/career-advisor"]).assert_success();
    let text = fs::read_to_string(root.join("content/jobs/career-advisor.md")).unwrap();
    assert!(text.contains("company: \"TODO company\"") && text.contains("\ndraft: true\n"), "{text}");
    build(&root, &[]).assert_success();
    assert!(!root.join("out/jobs/career-advisor").exists(), "a draft stays out");
    build(&root, &["--drafts"]).assert_success();
    assert!(read_output(&root.join("out"), "jobs/career-advisor/index.html").contains("Career advisor"));
}
