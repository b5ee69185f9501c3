//! What a build reads from the site's folders: only regular files, and only inside the
//! site. A symlink out of it (`content/posts/accounts.txt -> /etc/passwd`) used to publish
//! what it points to, a named pipe hung the build, and symlink loops and dangling links
//! gave messages about the output folder. Each is made at test time in a temporary copy of
//! `build-basic`, and every build runs under a time limit, so a hang fails the test.

use crate::common::*;
use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

/// Far longer than the fixture's build takes on a loaded machine; a hang waits forever.
const LIMIT: Duration = Duration::from_secs(60);
const SECRET: &str = "OUTSIDE-THE-SITE-SECRET-c41e07";

fn build(site: &TestSite) -> RunResult {
    let args: Vec<OsString> =
        vec!["build".into(), "--root".into(), site.root.clone().into(), "--output".into(), site.out.clone().into()];
    run_careerpress_within(args, site.dir(), LIMIT)
}

/// The basic fixture built once, and a secret file and folder beside the site.
fn built_site() -> TestSite {
    let site = TestSite::new("build-basic");
    build(&site).assert_success();
    write_file(&site.dir().join("outside/secret.txt"), format!("{SECRET}\n"));
    site
}

/// Builds, expecting a clean failure that names each of `files` (relative to the site
/// root) with `fragment`, and that changes nothing in the whole temporary folder.
fn assert_refused(site: &TestSite, files: &[&str], fragment: &str) {
    let before = snapshot(site.dir());
    let r = build(site);
    r.assert_clean_failure();
    for file in files {
        let line = assert_error_location(&r, file, None);
        assert!(line.contains(fragment), "{file}: {fragment:?} not in {line:?}\n{r}");
    }
    assert_same_tree(&before, &snapshot(site.dir()), &format!("after refusing {files:?}"));
    let published = list_files(&site.out).iter().map(|f| read_output(&site.out, f)).collect::<String>();
    assert!(!published.contains(SECRET), "a file from outside the site was published");
}

#[test]
fn symlinks_out_of_the_site_are_refused_naming_the_file() {
    let site = built_site();
    let secret = site.dir().join("outside/secret.txt");
    let cases = [
        ("content/posts/accounts.txt", secret.clone()),
        ("static/leak.txt", secret.clone()),
        ("themes/default/static/leak.css", secret.clone()),
        // A linked folder is refused before anything in it is read.
        ("content/posts/shared", site.dir().join("outside")),
        ("static/root", "/".into()),
    ];
    for (link, target) in &cases {
        fs::create_dir_all(site.path(link).parent().unwrap()).unwrap();
        symlink(target, site.path(link)).unwrap();
        assert_refused(&site, &[link], "symlink leads outside the site folder");
        fs::remove_file(site.path(link)).unwrap();
    }
    build(&site).assert_success();
}

#[test]
fn symlinks_inside_the_site_keep_working() {
    let site = built_site();
    site.write("static/files/checklist.txt", "Bring two copies of your CV.\n");
    symlink("../../static/files/checklist.txt", site.path("content/posts/checklist.txt")).unwrap();
    symlink("files", site.path("static/documents")).unwrap();
    symlink(site.path("static/files/checklist.txt"), site.path("static/absolute.txt")).unwrap();
    build(&site).assert_success();
    for published in ["posts/checklist.txt", "documents/checklist.txt", "files/checklist.txt", "absolute.txt"] {
        assert_eq!(read_output(&site.out, published), "Bring two copies of your CV.\n", "{published}");
    }
}

#[test]
fn symlink_loops_and_dangling_symlinks_are_named() {
    let site = built_site();
    symlink("loop.md", site.path("content/posts/loop.md")).unwrap();
    assert_refused(&site, &["content/posts/loop.md"], "a symlink loop");
    fs::remove_file(site.path("content/posts/loop.md")).unwrap();

    symlink("b.txt", site.path("content/posts/a.txt")).unwrap();
    symlink("a.txt", site.path("content/posts/b.txt")).unwrap();
    assert_refused(&site, &["content/posts/a.txt", "content/posts/b.txt"], "a symlink loop");
    fs::remove_file(site.path("content/posts/a.txt")).unwrap();
    fs::remove_file(site.path("content/posts/b.txt")).unwrap();

    // A folder linked to a folder it is in would be walked forever.
    symlink("..", site.path("content/posts/up")).unwrap();
    assert_refused(&site, &["content/posts/up"], "a symlink loop: this links to content,");
    fs::remove_file(site.path("content/posts/up")).unwrap();

    symlink("cover.png", site.path("content/posts/hero.png")).unwrap();
    assert_refused(&site, &["content/posts/hero.png"], "a dangling symlink: it points to cover.png");
    fs::remove_file(site.path("content/posts/hero.png")).unwrap();
    build(&site).assert_success();
}

fn mkfifo(path: &Path) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("cannot run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn pipes_and_sockets_are_named_and_never_opened() {
    let site = built_site();
    const PIPE: &str = "a named pipe (FIFO), not a regular file";
    mkfifo(&site.path("content/posts/pipe.md"));
    symlink("pipe.md", site.path("content/posts/to-pipe.txt")).unwrap();
    assert_refused(&site, &["content/posts/pipe.md", "content/posts/to-pipe.txt"], PIPE);
    fs::remove_file(site.path("content/posts/pipe.md")).unwrap();
    fs::remove_file(site.path("content/posts/to-pipe.txt")).unwrap();
    mkfifo(&site.path("static/pipe.txt"));
    assert_refused(&site, &["static/pipe.txt"], PIPE);
    fs::remove_file(site.path("static/pipe.txt")).unwrap();

    let socket = std::os::unix::net::UnixListener::bind(site.path("static/careerpress.sock")).unwrap();
    assert_refused(&site, &["static/careerpress.sock"], "a socket, not a regular file");
    drop(socket);
    fs::remove_file(site.path("static/careerpress.sock")).unwrap();
    build(&site).assert_success();
}

/// A copied file where a page needs its folder (`static/posts` beside the articles under
/// `posts/`, or a stray `content/posts/follow-up` without an extension) used to replace
/// that folder, and every page in it, while the build reported success.
#[test]
fn a_copied_file_on_a_pages_folder_is_refused_naming_both() {
    for (file, named) in [
        ("static/posts", "output file posts stands where the folder of posts/"),
        (
            "content/posts/first-steps",
            "folder of posts/first-steps/index.html (made from content/posts/first-steps.md)",
        ),
    ] {
        let site = built_site();
        write_file(&site.root.join(file), "not a folder\n");
        let before = snapshot(&site.out);
        let r = build(&site);
        r.assert_clean_failure();
        let line = assert_error_location(&r, file, None);
        assert!(line.contains(named), "{file}: {named:?} not in {line:?}\n{r}");
        assert_same_tree(&before, &snapshot(&site.out), &format!("the output after refusing {file}"));
    }
}

#[test]
fn static_well_known_and_host_files_are_published_and_no_other_hidden_file() {
    // security.txt, app links and payment-domain files must be served from /.well-known/;
    // Apache reads `.htaccess` and GitHub Pages `.nojekyll` only from the published folder.
    // Editor files, `.git` and `.DS_Store` stay unpublished.
    let site = TestSite::new("build-basic");
    site.write("static/.well-known/security.txt", "Contact: mailto:security@example.org\n");
    site.write("static/.well-known/.security.txt.swp", "editor state");
    site.write("static/.htaccess", "Redirect 301 /old/ /posts/\n");
    site.write("static/downloads/.htaccess", "Options -Indexes\n");
    site.write("static/.nojekyll", "");
    site.write("static/.git/config", "[core]\n");
    site.write("static/.DS_Store", "finder");
    site.write("static/.htaccess~", "editor backup");
    build(&site).assert_success();
    let published = list_files(&site.out);
    assert_eq!(read_output(&site.out, ".well-known/security.txt"), "Contact: mailto:security@example.org\n");
    assert_eq!(read_output(&site.out, ".htaccess"), "Redirect 301 /old/ /posts/\n");
    assert_eq!(read_output(&site.out, "downloads/.htaccess"), "Options -Indexes\n");
    let hidden: Vec<&String> =
        published.iter().filter(|f| f.split('/').any(|part| part.starts_with('.') && part != ".well-known")).collect();
    assert_eq!(hidden, [".htaccess", ".nojekyll", "downloads/.htaccess"], "{published:?}");
    // Removed from static/, it leaves the site at the next build.
    fs::remove_dir_all(site.path("static/.well-known")).unwrap();
    build(&site).assert_success();
    assert!(!site.out.join(".well-known").exists());
}

/// A symlink into the output folder (`static/mirror -> ../public`) published the last
/// build inside the next one, which grew with every build; so would one into the staging
/// folder beside it. Both are refused, naming the link, and the output stays as it was.
#[test]
fn a_symlink_into_the_output_folder_is_refused() {
    let site = TestSite::new("build-basic");
    let out = site.root.join("public");
    let build = || {
        let args: Vec<OsString> =
            vec!["build".into(), "--root".into(), site.root.clone().into(), "--output".into(), out.clone().into()];
        run_careerpress_within(args, site.dir(), LIMIT)
    };
    build().assert_success();
    build().assert_success();
    for (link, target) in [("static/mirror", "../public"), ("static/stage", "../.public.careerpress-staging/posts")] {
        fs::create_dir_all(site.path("static")).unwrap();
        symlink(target, site.path(link)).unwrap();
        let before = snapshot(&out);
        let r = build();
        r.assert_clean_failure();
        let line = assert_error_location(&r, link, None);
        assert!(line.contains("where careerpress publishes the site"), "{line}\n{r}");
        assert_same_tree(&before, &snapshot(&out), link);
        fs::remove_file(site.path(link)).unwrap();
    }
    build().assert_success();
    assert!(!out.join("mirror").exists() && !out.join("stage").exists());
}
