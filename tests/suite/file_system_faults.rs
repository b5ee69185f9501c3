//! The file system failing under a build: a content file or folder that cannot be read, an
//! output folder whose parent is read-only, and a full disk. Each is a clear error naming
//! the path, exit 1, the previous output byte for byte as it was, and no staging folder
//! left behind. Permissions mean nothing to root, so as root the builds run as `nobody`.

use crate::common::*;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

/// 2025-06-01T00:00:00Z.
const TODAY: &str = "1748736000";
const NOBODY: u32 = 65534;

fn running_as_root() -> bool {
    // /proc/self belongs to the process's effective user.
    std::fs::metadata("/proc/self").expect("cannot read /proc/self").uid() == 0
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("cannot chmod {}: {e}", path.display()));
}

/// Opens the whole test folder to everyone, so that `nobody` can build in it.
fn open_to_all(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        chmod(entry.path(), if entry.file_type().is_dir() { 0o777 } else { 0o666 });
    }
}

/// `careerpress build` as a user whom permissions bind: `nobody` when the tests run as root.
fn build_unprivileged(site: &TestSite, out: &Path) -> RunResult {
    let args =
        ["build", "--root", &site.root.display().to_string(), "--output", &out.display().to_string()].map(String::from);
    // A copy beside the site: `nobody` may not reach the checkout's target folder (a
    // clone under /root, say).
    let bin = site.dir().join("careerpress-copy");
    if !bin.exists() {
        std::fs::copy(careerpress_bin(), &bin).expect("cannot copy the binary");
        chmod(&bin, 0o755);
    }
    let mut cmd = Command::new(&bin);
    cmd.args(&args).current_dir(site.dir()).env_remove("RUST_BACKTRACE").env("SOURCE_DATE_EPOCH", TODAY);
    if running_as_root() {
        // std drops the supplementary groups too when root changes user.
        cmd.uid(NOBODY).gid(NOBODY);
    }
    // The copy was just written: a child another test forks before its exec holds the
    // written file open for that moment, and exec fails with "Text file busy" (ETXTBSY).
    let mut tries = 0;
    let output = loop {
        match cmd.output() {
            Err(e) if e.raw_os_error() == Some(26) && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            result => break result.expect("cannot run careerpress"),
        }
    };
    RunResult {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        args: args.to_vec(),
    }
}

fn assert_no_leftovers(out: &Path) {
    let parent = out.parent().unwrap();
    let left: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains("cloning") || n.contains("swapping"))
        .collect();
    assert!(left.is_empty(), "left behind beside the output: {left:?}");
}

#[test]
fn an_unreadable_content_file_or_folder_is_named_and_the_old_site_stays() {
    let site = TestSite::new("build-basic");
    open_to_all(site.dir());
    build_unprivileged(&site, &site.out).assert_success();
    let before = snapshot(&site.out);

    let file = site.path("content/posts/locked.md");
    std::fs::write(&file, "---\ntitle: Locked\ndate: 2025-01-05\n---\nSecret.\n").unwrap();
    chmod(&file, 0o000);
    let r = build_unprivileged(&site, &site.out);
    r.assert_clean_failure();
    assert!(
        r.stderr.contains("content/posts/locked.md") && r.stderr.contains("ermission denied"),
        "the error names the file and why:\n{r}"
    );
    assert_same_tree(&before, &snapshot(&site.out), "after an unreadable file");
    assert_no_leftovers(&site.out);
    std::fs::remove_file(&file).unwrap();

    let folder = site.path("content/locked");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("inside.md"), "---\ntitle: Inside\ndate: 2025-01-05\n---\nx\n").unwrap();
    chmod(&folder, 0o000);
    let r = build_unprivileged(&site, &site.out);
    r.assert_clean_failure();
    assert!(
        r.stderr.contains("content/locked") && r.stderr.contains("ermission denied"),
        "the error names the folder and why, rather than building without it:\n{r}"
    );
    assert_same_tree(&before, &snapshot(&site.out), "after an unreadable folder");
    assert_no_leftovers(&site.out);
    chmod(&folder, 0o777);
}

#[test]
fn an_output_folder_whose_parent_is_read_only_is_a_clear_error() {
    let site = TestSite::new("build-basic");
    let parent = site.dir().join("www");
    std::fs::create_dir(&parent).unwrap();
    open_to_all(site.dir());
    let out = parent.join("public");
    build_unprivileged(&site, &out).assert_success();
    let before = snapshot(&out);

    chmod(&parent, 0o555);
    site.write("content/posts/new-one.md", "---\ntitle: New one\ndate: 2025-01-05\n---\nNew.\n");
    chmod(&site.path("content/posts/new-one.md"), 0o666);
    let r = build_unprivileged(&site, &out);
    chmod(&parent, 0o777);
    r.assert_clean_failure();
    assert!(
        r.stderr.contains(&parent.display().to_string()) && r.stderr.contains("ermission denied"),
        "the error names the folder it cannot write in, and why:\n{r}"
    );
    assert_same_tree(&before, &snapshot(&out), "after a read-only parent");
    assert_no_leftovers(&out);

    // A fresh output folder in a read-only place fails the same way and creates nothing.
    let fresh = parent.join("fresh");
    chmod(&parent, 0o555);
    let r = build_unprivileged(&site, &fresh);
    chmod(&parent, 0o777);
    r.assert_clean_failure();
    assert!(r.stderr.contains(&parent.display().to_string()), "names the folder:\n{r}");
    assert!(!fresh.exists());
}

/// Runs a shell script in a private mount namespace, where it may mount a tmpfs that no one
/// else sees and that goes away with it.
fn in_own_mount_namespace(script: &str, env: &[(&str, &Path)]) -> std::process::Output {
    let mut cmd = Command::new("unshare");
    if !running_as_root() {
        cmd.arg("--map-root-user");
    }
    cmd.args(["--mount", "sh", "-c", script]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("cannot run unshare")
}

#[test]
#[ignore = "needs unshare and the right to mount a tmpfs (root, or user namespaces)"]
fn a_full_disk_is_a_clear_error_and_leaves_the_old_site_and_no_staging() {
    let site = TestSite::new("build-basic");
    let disk = site.dir().join("disk");
    let results = site.dir().join("results");
    std::fs::create_dir_all(&disk).unwrap();
    std::fs::create_dir_all(&results).unwrap();
    // Half a megabyte of text: more than the 256 KiB disk holds once rendered.
    let body = "Write a short thank-you note within a day of the interview.\n\n".repeat(8_000);
    let big = site.dir().join("big.md");
    std::fs::write(&big, format!("---\ntitle: Too big\ndate: 2025-01-05\n---\n{body}")).unwrap();

    // Everything about the disk is looked at inside the namespace, and written to
    // `results` (outside the tmpfs) for the asserts below.
    let script = r#"
        set -u
        mount -t tmpfs -o size=256k tmpfs "$DISK" || exit 90
        tree() { (cd "$DISK/public" && find . -type f -exec sha256sum {} + | sort); }
        "$BIN" build --root "$SITE" --output "$DISK/public" >"$RES/first.out" 2>&1; echo $? >"$RES/first.code"
        tree >"$RES/before"
        cp "$BIG" "$SITE/content/posts/too-big.md"
        "$BIN" build --root "$SITE" --output "$DISK/public" >"$RES/full.out" 2>&1; echo $? >"$RES/full.code"
        tree >"$RES/after"
        ls -A "$DISK" >"$RES/entries"
        rm "$SITE/content/posts/too-big.md"
        echo 'Shorter.' >>"$SITE/content/posts/first-steps.md"
        "$BIN" build --root "$SITE" --output "$DISK/public" >"$RES/next.out" 2>&1; echo $? >"$RES/next.code"
        grep -c Shorter "$DISK/public/posts/first-steps/index.html" >"$RES/next.grep"
    "#;
    let bin = careerpress_bin();
    let out = in_own_mount_namespace(
        script,
        &[("DISK", &disk), ("RES", &results), ("SITE", &site.root), ("BIG", &big), ("BIN", &bin)],
    );
    assert_eq!(out.status.code(), Some(0), "the tmpfs could not be mounted: {}", String::from_utf8_lossy(&out.stderr));
    let read = |name: &str| std::fs::read_to_string(results.join(name)).unwrap_or_default();
    assert_eq!(read("first.code").trim(), "0", "the small site fits: {}", read("first.out"));
    assert!(read("before").lines().count() > 5, "the first build wrote a site: {}", read("before"));

    let full = read("full.out");
    assert_eq!(read("full.code").trim(), "1", "a full disk fails the build with exit 1: {full}");
    assert!(!full.contains("panicked"), "no panic: {full}");
    assert!(full.contains("No space left on device"), "says why: {full}");
    // Pages are written as they render, two at once: the write that finds the disk full
    // is the big page's or any other's after it filled the disk. Whichever, it is named
    // with the file it was made from.
    let named = full.contains("cannot publish ") && full.contains("index.html (made from content/");
    assert!(named, "names the page it could not write and its source: {full}");
    assert_eq!(read("before"), read("after"), "the old site is byte for byte as it was");
    let entries = read("entries");
    assert!(entries.lines().any(|e| e == "public"), "the output folder is still there: {entries}");
    assert!(
        !entries.lines().any(|e| e.contains("staging") || e.contains("cloning")),
        "no staging folder is left taking the space: {entries}"
    );

    assert_eq!(read("next.code").trim(), "0", "once space is freed, the next build succeeds: {}", read("next.out"));
    assert_eq!(read("next.grep").trim(), "1", "and publishes the edit");
}
