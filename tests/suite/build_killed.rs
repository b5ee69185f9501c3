//! A build killed at any moment leaves the old site or the new one, never a mix: kill the
//! real binary at spread-out moments of a rebuild in which every page changes, and once
//! on purpose inside the publish window (staging synced, swap not done), which timed
//! kills may all miss.

use crate::common::{careerpress_bin, snapshot, write_file};
use careerpress::output::TEST_PUBLISH_PAUSE_ENV;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const ARTICLES: usize = 400;

fn write_site(root: &Path, version: &str) {
    write_file(&root.join("site.toml"), "title = \"Kill test\"\nbase_url = \"https://kill.example/\"\n");
    for i in 0..ARTICLES {
        let body = format!("---\ntitle: \"Article {i}\"\ndate: 2024-01-01\n---\nVersion {version} of article {i}.\n");
        write_file(&root.join(format!("content/posts/a{i}.md")), body);
    }
}

fn build_command(root: &Path, out: &Path) -> Command {
    let mut command = Command::new(careerpress_bin());
    command.args(["build", "--root"]).arg(root).arg("--output").arg(out).stdout(Stdio::null());
    command
}

fn build(root: &Path, out: &Path) -> std::process::Child {
    build_command(root, out).stderr(Stdio::null()).spawn().expect("cannot start careerpress")
}

/// Starts a build that pauses between syncing the staging folder and the swap (the test
/// hook in src/output.rs), waits until it says it has paused, and kills it there.
fn kill_inside_publish(root: &Path, out: &Path) {
    let mut child = build_command(root, out)
        .env(TEST_PUBLISH_PAUSE_ENV, "60000")
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start careerpress");
    let mut said = Vec::new();
    for line in BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        let paused = line.contains("pausing");
        said.push(line);
        if paused {
            break;
        }
    }
    assert!(said.last().is_some_and(|l| l.contains("pausing")), "the build never reached the pause: {said:?}");
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "the kill, not the build, ended it: {status}");
}

#[test]
fn killed_builds_leave_a_whole_site() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let out = tmp.path().join("public");
    crate::common::copy_dir_all(&crate::common::default_theme_dir(), &root.join("themes/default"));

    write_site(&root, "A");
    assert!(build(&root, &out).wait().unwrap().success());
    let old = snapshot(&out);
    write_site(&root, "B");
    let started = Instant::now();
    assert!(build(&root, &out).wait().unwrap().success());
    let full_time = started.elapsed();
    let new = snapshot(&out);
    assert_ne!(old, new, "every page differs between the versions");

    // Back to A, then kill rebuilds to B at moments spread over a whole build.
    write_site(&root, "A");
    assert!(build(&root, &out).wait().unwrap().success());
    write_site(&root, "B");
    let mut outcomes = (0, 0);
    for step in 0..12u32 {
        let delay = full_time.mul_f64(f64::from(step) / 10.0);
        let mut child = build(&root, &out);
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&out);
        if now == old {
            outcomes.0 += 1;
        } else if now == new {
            outcomes.1 += 1;
            // Start the next attempt from the old site again.
            write_site(&root, "A");
            assert!(build(&root, &out).wait().unwrap().success());
            write_site(&root, "B");
        } else {
            panic!("after a kill at {delay:?} the output is neither the old site nor the new one");
        }
    }
    // The loop leaves the old site published; a kill with the new one staged keeps it.
    kill_inside_publish(&root, &out);
    assert!(snapshot(&out) == old, "after a kill inside the publish window the output is not the old site");
    // The next complete build still gives exactly the new site.
    assert!(build(&root, &out).wait().unwrap().success());
    assert!(snapshot(&out) == new, "a build after kills gives the new site");
    eprintln!(
        "killed builds: {} left the old site, {} the new one, 1 inside the publish window",
        outcomes.0, outcomes.1
    );
}
