//! A build killed at any moment leaves the old site or the new one, never a mix: kill the
//! real binary 50 times at moments spread over each phase of a rebuild in which every page
//! changes (it names its phases for the test, so each kill is known to have landed in
//! loading, rendering, which writes each page into the staging folder as it is made, or
//! staging), then on purpose half-way through staging and inside the
//! publish window (staging synced, swap not done), which timed kills may all miss.

use crate::common::{careerpress_bin, snapshot, staging_sibling, write_file};
use careerpress::output::{TEST_PHASES_ENV, TEST_PUBLISH_PAUSE_ENV, TEST_STAGING_PAUSE_ENV};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLES: usize = 300;
/// Timed kills over a whole rebuild, besides the one inside the publish window.
const KILLS: u32 = 50;

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

/// Starts a build that names its phases on stderr, with that stderr to read.
fn spawn_naming_phases(root: &Path, out: &Path) -> (std::process::Child, BufReader<std::process::ChildStderr>) {
    let mut child = build_command(root, out)
        .env(TEST_PHASES_ENV, "1")
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start careerpress");
    let stderr = BufReader::new(child.stderr.take().unwrap());
    (child, stderr)
}

/// The phase a line of a build's stderr names, if it names one.
fn phase_of(line: &str) -> Option<&str> {
    line.strip_prefix("careerpress: phase ")
}

/// Every timed build starts alike: with no staging folder, so it clones the old site and
/// writes each new page into the clone while rendering. A staging folder left by the
/// build before would already hold some or all of the new pages, and make it faster
/// than the one its phases were timed on.
fn without_staging(out: &Path) {
    let staging = staging_sibling(out);
    if staging.exists() {
        std::fs::remove_dir_all(&staging).unwrap();
    }
}

/// Runs a whole build with its phases named, and returns when each began (from the
/// start) and how long it took.
fn phase_timeline(root: &Path, out: &Path) -> (Vec<(String, Duration)>, Duration) {
    without_staging(out);
    let started = Instant::now();
    let (mut child, stderr) = spawn_naming_phases(root, out);
    let timeline: Vec<(String, Duration)> = stderr
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| phase_of(&l).map(|p| (p.to_string(), started.elapsed())))
        .collect();
    assert!(child.wait().unwrap().success(), "the timed build failed");
    (timeline, started.elapsed())
}

/// Starts a build, kills it after `delay`, and returns the last phase it had entered
/// ("started" when it had entered none) and the output folder as it was left.
fn kill_after(root: &Path, out: &Path, delay: std::time::Duration) -> (String, BTreeMap<String, crate::common::Entry>) {
    without_staging(out);
    let (mut child, stderr) = spawn_naming_phases(root, out);
    let reader = std::thread::spawn(move || {
        let mut last = "started".to_string();
        for line in stderr.lines().map_while(Result::ok) {
            if let Some(phase) = phase_of(&line) {
                last = phase.to_string();
            }
        }
        last
    });
    std::thread::sleep(delay);
    let _ = child.kill();
    let status = child.wait().unwrap();
    let phase = reader.join().unwrap();
    // A build that finished before the kill is the new site, whole.
    let phase = if status.signal().is_some() { phase } else { "finished".to_string() };
    (phase, snapshot(out))
}

/// Starts a build that pauses where the test hook `pause_env` of src/output.rs says (half
/// the staging folder written, or all of it and the swap not done), waits until it says it
/// has paused, and kills it there.
fn kill_paused(root: &Path, out: &Path, pause_env: &str) {
    let mut child = build_command(root, out)
        .env(pause_env, "60000")
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
    // One whole rebuild, timed phase by phase, tells where to aim.
    let (timeline, full_time) = phase_timeline(&root, &out);
    let new = snapshot(&out);
    assert_ne!(old, new, "every page differs between the versions");
    let windows: Vec<(&str, Duration, Duration)> = ["load", "render", "staging"]
        .iter()
        .map(|&phase| {
            let start = timeline.iter().find(|(p, _)| p == phase).map(|(_, t)| *t);
            let start = start.unwrap_or_else(|| panic!("the build never named phase {phase}: {timeline:?}"));
            let end = timeline.iter().map(|(_, t)| *t).find(|&t| t > start).unwrap_or(full_time);
            (phase, start, end)
        })
        .collect();

    // Back to A, then kill rebuilds to B at moments spread over each phase in turn, with a
    // little jitter so that no two runs aim at the same instants.
    write_site(&root, "A");
    assert!(build(&root, &out).wait().unwrap().success());
    write_site(&root, "B");
    let mut outcomes = (0, 0);
    let mut phases: BTreeMap<String, usize> = BTreeMap::new();
    let mut seed = u64::from(std::process::id()) | 1;
    let mut jitter = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 1000) as f64 / 1000.0
    };
    let kill_at = |delay: Duration, phases: &mut BTreeMap<String, usize>, outcomes: &mut (usize, usize)| {
        let (phase, now) = kill_after(&root, &out, delay);
        *phases.entry(phase).or_default() += 1;
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
    };
    for step in 0..KILLS {
        // Within the middle of the window: its edges move from run to run.
        let (_, start, end) = windows[step as usize % windows.len()];
        kill_at(start + (end - start).mul_f64(0.2 + 0.6 * jitter()), &mut phases, &mut outcomes);
    }
    // A busy machine (other tests run beside this one) can shift a short window out from
    // under all its kills: aim again, over the whole window, a few more times.
    for &(phase, start, end) in &windows {
        for _ in 0..10 {
            if phases.get(phase).copied().unwrap_or(0) > 0 {
                break;
            }
            kill_at(start + (end - start).mul_f64(0.05 + 0.9 * jitter()), &mut phases, &mut outcomes);
        }
    }
    // The loop leaves the old site published; a kill with half the new one staged, or all
    // of it and the swap not done, keeps it.
    kill_paused(&root, &out, TEST_STAGING_PAUSE_ENV);
    assert!(snapshot(&out) == old, "after a kill half-way through staging the output is not the old site");
    *phases.entry("staging".into()).or_default() += 1;
    kill_paused(&root, &out, TEST_PUBLISH_PAUSE_ENV);
    assert!(snapshot(&out) == old, "after a kill inside the publish window the output is not the old site");
    *phases.entry("swap".into()).or_default() += 1;
    // Timed kills reach loading and rendering; staging is short and the swap one rename,
    // so those windows are also hit on purpose above.
    for phase in ["load", "render", "staging", "swap"] {
        assert!(phases.get(phase).copied().unwrap_or(0) > 0, "no kill landed in {phase}: {phases:?}");
    }
    // The next complete build still gives exactly the new site.
    assert!(build(&root, &out).wait().unwrap().success());
    assert!(snapshot(&out) == new, "a build after kills gives the new site");
    eprintln!(
        "killed builds: {} left the old site, {} the new one, 2 paused in publish; by phase {phases:?}",
        outcomes.0, outcomes.1
    );
}
