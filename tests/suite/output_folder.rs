//! The output folder as users arrange it: `--output` given as a symlink to the folder a
//! web server serves, and two builds into one folder, the second waiting its turn.

use crate::common::*;
use careerpress::output::TEST_PUBLISH_PAUSE_ENV;
use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Asserts that `link` is still a symlink to `target` (as written) and returns the names of
/// the hidden `.careerpress-` files and folders beside it.
fn assert_link_kept(link: &Path, target: &str) -> Vec<String> {
    let meta = fs::symlink_metadata(link).unwrap();
    assert!(meta.file_type().is_symlink(), "{} was replaced by a real folder", link.display());
    assert_eq!(fs::read_link(link).unwrap(), Path::new(target), "the link was changed");
    let mut beside: Vec<String> = fs::read_dir(link.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".careerpress-"))
        .collect();
    beside.sort();
    beside
}

#[test]
fn a_symlinked_output_is_published_at_its_target_and_stays_a_link() {
    let site = TestSite::new("build-basic");
    let link = site.dir().join("public");
    let real = site.dir().join("real");
    fs::create_dir(&real).unwrap();
    symlink("real", &link).unwrap();

    for n in 0..2 {
        site.build_into(&link, &[]).assert_success();
        let beside = assert_link_kept(&link, "real");
        let mut expected = vec![
            ".real.careerpress-listing",
            ".real.careerpress-lock",
            ".real.careerpress-render-cache",
            ".real.careerpress-staging",
            ".real.careerpress-top-level",
        ];
        // From the second build, the folder record of the published folder goes with it to staging.
        if n == 1 {
            expected.push(".real.careerpress-staging-listing");
            expected.sort_unstable();
        }
        assert_eq!(beside, expected, "staging, lock and records belong beside the real folder");
        assert!(read_output(&real, "posts/aaa-same-day/index.html").contains("Same date as another post"));
    }
    let before = snapshot(&real);

    // One edit: the folder the web server serves gets it, and the record beside it is read.
    let path = site.path("content/posts/aaa-same-day.md");
    let text = fs::read_to_string(&path).unwrap().replace("Same date as another post", "An edited paragraph");
    site.write("content/posts/aaa-same-day.md", text);
    let r = site.build_into(&link, &[]);
    r.assert_success();
    assert!(r.reused_count() > 0, "the render record beside the target was not used:\n{r}");
    assert_link_kept(&link, "real");
    assert!(read_output(&real, "posts/aaa-same-day/index.html").contains("An edited paragraph"));
    assert!(changed_paths(&before, &snapshot(&real)).contains("posts/aaa-same-day/index.html"));
}

#[test]
fn a_link_to_a_published_or_missing_folder_works_too() {
    let site = TestSite::new("build-basic");
    // Published by careerpress directly first, then put behind a link.
    let real = site.dir().join("www/site");
    site.build_into(&real, &[]).assert_success();
    let link = site.dir().join("public");
    symlink("www/site", &link).unwrap();
    let before = snapshot(&real);
    site.build_into(&link, &[]).assert_success();
    assert_link_kept(&link, "www/site");
    assert_same_tree(&before, &snapshot(&real), "a rebuild through the link");

    // A link to a folder not made yet: the build makes it.
    let dangling = site.dir().join("preview");
    symlink("www/preview", &dangling).unwrap();
    site.build_into(&dangling, &[]).assert_success();
    assert_link_kept(&dangling, "www/preview");
    assert_same_tree(&before, &snapshot(&site.dir().join("www/preview")), "a build through a new link");
}

/// Starts a build that takes the output lock and then pauses inside the publish window
/// (the test hook in src/output.rs), and waits until it says so.
fn start_paused_build(site: &TestSite) -> Child {
    let mut child = Command::new(careerpress_bin())
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(&site.out)
        .env(TEST_PUBLISH_PAUSE_ENV, "60000")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start careerpress");
    let stderr = BufReader::new(child.stderr.take().unwrap());
    for line in stderr.lines() {
        if line.unwrap().contains("pausing") {
            return child;
        }
    }
    panic!("the first build never reached its pause: {:?}", child.wait());
}

#[test]
fn a_build_waiting_for_the_lock_says_so_and_names_the_holder() {
    let site = TestSite::new("build-basic");
    let mut first = start_paused_build(&site);

    let mut second = Command::new(careerpress_bin())
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(&site.out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start careerpress");
    let (tx, rx) = mpsc::channel();
    let stderr = BufReader::new(second.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        for line in stderr.lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let said = rx.recv_timeout(Duration::from_secs(60)).expect("the second build said nothing while it waited");
    assert!(said.contains("waiting for another careerpress build"), "{said}");
    assert!(said.contains(&format!("into {} ", site.out.display())), "the folder is not named: {said}");
    assert!(said.contains(&format!("(process {})", first.id())), "the holder's id is not named: {said}");
    assert!(second.try_wait().unwrap().is_none(), "the second build did not wait for the lock");

    // The first build dies holding the lock; the second takes it and publishes.
    first.kill().unwrap();
    first.wait().unwrap();
    assert!(second.wait().unwrap().success(), "the waiting build failed");
    reader.join().unwrap();
    assert!(read_output(&site.out, "posts/aaa-same-day/index.html").contains("Same date as another post"));
}

/// The warnings of a build run about entries that left the output folder, by name.
fn left_named(r: &RunResult) -> Vec<String> {
    let said = "not made by the site, so it is no longer in the output folder";
    let mut names: Vec<String> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning: ") && l.contains(said))
        .map(|l| l.split(": ").nth(1).unwrap_or_default().rsplit('/').next().unwrap_or_default().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn what_was_put_at_the_top_of_the_output_by_hand_is_named_when_it_leaves() {
    let site = TestSite::new("build-basic");
    site.build_ok(&[]);
    fs::write(site.out.join("CNAME"), "careers.example.org\n").unwrap();
    fs::create_dir(site.out.join(".git")).unwrap();
    fs::write(site.out.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    fs::write(site.out.join(".DS_Store"), "").unwrap();
    let r = site.build_ok(&[]);
    assert_eq!(left_named(&r), [".git", "CNAME"], "{r}");
    assert!(!site.out.join("CNAME").exists() && !site.out.join(".git").exists());
    // Kept for one more build, in the hidden folder the warning names.
    let staging = staging_sibling(&site.out);
    assert!(r.stderr.contains(&staging.display().to_string()), "{r}");
    assert!(staging.join(".git/HEAD").is_file());
    assert!(left_named(&site.build_ok(&[])).is_empty());

    // What the site itself stops making leaves unsaid: the author removed it.
    site.write("content/careers-fair.md", "---\ntitle: Careers fair\n---\nIn the main hall.\n");
    site.build_ok(&[]);
    assert!(site.out.join("careers-fair/index.html").is_file());
    fs::remove_file(site.path("content/careers-fair.md")).unwrap();
    let r = site.build_ok(&[]);
    assert!(!site.out.join("careers-fair").exists());
    assert!(left_named(&r).is_empty(), "{r}");
}

#[test]
fn keep_in_output_leaves_a_deploy_repository_in_place_build_after_build() {
    let site = TestSite::new("build-basic");
    let config = fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("keep_in_output = [\".git\"]\n{config}"));
    site.build_ok(&[]);
    fs::create_dir_all(site.out.join(".git/refs")).unwrap();
    fs::write(site.out.join(".git/HEAD"), "ref: refs/heads/pages\n").unwrap();
    fs::write(site.out.join("CNAME"), "careers.example.org\n").unwrap();
    for n in 0..3 {
        let r = site.build_ok(&[]);
        // The `CNAME` is not named in `keep_in_output`: it leaves, and is named once.
        let expected: &[&str] = if n == 0 { &["CNAME"] } else { &[] };
        assert_eq!(left_named(&r), expected, "{r}");
        assert_eq!(fs::read_to_string(site.out.join(".git/HEAD")).unwrap(), "ref: refs/heads/pages\n", "{r}");
        assert!(site.out.join(".git/refs").is_dir());
        assert!(read_output(&site.out, "posts/first-steps/index.html").contains("<html"));
    }
    assert!(!staging_sibling(&site.out).join(".git").exists(), "moved, not copied");
}

#[test]
fn a_keep_in_output_name_that_is_a_path_is_refused_at_its_line() {
    let site = TestSite::new("build-basic");
    let config = fs::read_to_string(site.path("site.toml")).unwrap();
    for bad in ["posts/x", "..", ""] {
        site.write("site.toml", format!("keep_in_output = [{bad:?}]\n{config}"));
        let r = site.build(&[]);
        assert_eq!(r.code, Some(1), "{r}");
        assert!(r.stderr.contains("site.toml:1:"), "{r}");
        assert!(r.stderr.contains("`keep_in_output`: "), "{r}");
        assert!(r.stderr.contains("is not a name at the top of the output folder"), "{r}");
    }
}
