//! Edit-to-reload time of `careerpress serve --watch` on a 10,000-article site:
//! `cargo bench --bench serve_reload`. Generates the site in a temporary folder, starts the
//! real binary, listens on the live-reload stream, then edits one article at a time and
//! measures from just before the write to the `reload` event. Prints; asserts nothing
//! about timing.

// Only part of the test client is needed here.
#[allow(dead_code)]
#[path = "../tests/suite/common/server.rs"]
mod server;

use server::DevServer;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ARTICLES: usize = 10_000;
const EDITS: usize = 10;
const TAGS: [&str; 8] =
    ["interviews", "cv", "negotiation", "networking", "remote", "career-change", "graduates", "leadership"];
const WORDS: [&str; 16] = [
    "interview",
    "candidate",
    "employer",
    "salary",
    "role",
    "team",
    "manager",
    "offer",
    "skills",
    "application",
    "feedback",
    "career",
    "question",
    "answer",
    "reference",
    "culture",
];

fn copy_dir_all(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir_all(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// About 300 words of varied text.
fn body(i: usize, marker: &str) -> String {
    let mut out = format!("The lead sentence of article {i} says {marker}.\n\n");
    for p in 0..5 {
        let words: Vec<&str> = (0..60).map(|w| WORDS[(i * 7 + p * 13 + w * 3) % WORDS.len()]).collect();
        out.push_str(&words.join(" "));
        out.push_str(".\n\n");
    }
    out
}

fn article(i: usize, marker: &str) -> String {
    let day = chrono_like_date(i);
    format!(
        "---\ntitle: \"Article number {i}\"\ndate: {day}\ntags: [{}, {}]\n---\n\n{}",
        TAGS[i % TAGS.len()],
        TAGS[(i / 3 + 1) % TAGS.len()],
        body(i, marker)
    )
}

/// A distinct date per article: 10,000 days back from 2026-01-01, as YYYY-MM-DDTHH:MM:SSZ
/// spread by the minute so no two collide even on the same day.
fn chrono_like_date(i: usize) -> String {
    let minute = i % 4 * 7;
    let start = careerpress::dates::parse_date("2026-01-01").expect("a valid date");
    let day = start - chrono::Days::new((i / 4) as u64);
    format!("{}T09:{minute:02}:00Z", day.format("%Y-%m-%d"))
}

fn generate(root: &Path) {
    fs::create_dir_all(root.join("content/posts")).unwrap();
    fs::write(
        root.join("site.toml"),
        "title = \"Reload Bench\"\nbase_url = \"https://bench.example.org/\"\nauthor = \"Bench\"\n",
    )
    .unwrap();
    fs::write(root.join("content/_index.md"), "---\ntitle: \"Home\"\n---\n\nThe bench site.\n").unwrap();
    fs::write(root.join("content/posts/_index.md"), "---\ntitle: \"Posts\"\n---\n\nAll posts.\n").unwrap();
    for i in 0..ARTICLES {
        fs::write(root.join(format!("content/posts/article-{i:05}.md")), article(i, "nothing new")).unwrap();
    }
    let theme = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    copy_dir_all(&theme, &root.join("themes/default"));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let t = Instant::now();
    generate(&root);
    println!("serve_reload: generated {ARTICLES} articles (~300 words each) in {:.0} ms", ms(t.elapsed()));

    let bin = PathBuf::from(env!("CARGO_BIN_EXE_careerpress"));
    let started = Instant::now();
    let server = DevServer::start(&bin, &root, &["--watch"], Duration::from_secs(300));
    let ready = started.elapsed();
    let built =
        server.stdout().into_iter().find(|l| l.starts_with("Built ")).unwrap_or_else(|| "(no Built line)".into());
    println!("serve_reload: initial build, as the server reports it: {built}");
    println!("serve_reload: process start to \"Watching\": {:.0} ms", ms(ready));

    let (events, _) = server.events();
    let mut times = Vec::with_capacity(EDITS);
    for n in 0..EDITS {
        let i = n * (ARTICLES / EDITS) + 17;
        let path = root.join(format!("content/posts/article-{i:05}.md"));
        let text = article(i, &format!("edit number {n}"));
        let before = Instant::now();
        fs::write(&path, text).unwrap();
        events.expect_reload(Duration::from_secs(120), &format!("editing article {i}"));
        let took = before.elapsed();
        times.push(took);
        let page = server.get(&format!("/posts/article-{i:05}/"));
        assert!(page.text().contains(&format!("edit number {n}")), "reload before content for article {i}");
        if let Some(line) = server.wait_stdout(|l| l.contains(" changed: "), Instant::now() + Duration::from_secs(5)) {
            println!("serve_reload: edit {n}: {:.0} ms to reload  [{line}]", ms(took));
        } else {
            println!("serve_reload: edit {n}: {:.0} ms to reload", ms(took));
        }
        // Let trailing events of this save settle before the next one.
        events.drain(Duration::from_millis(300));
    }
    times.sort();
    println!(
        "serve_reload: edit-to-reload over {EDITS} edits of a {ARTICLES}-article site: min {:.0} ms, median {:.0} ms, max {:.0} ms",
        ms(times[0]),
        ms((times[EDITS / 2 - 1] + times[EDITS / 2]) / 2),
        ms(times[EDITS - 1])
    );
    let stderr = server.stderr();
    if !stderr.trim().is_empty() {
        println!("serve_reload: server stderr:\n{stderr}");
    }
}
