//! careerpress side by side with Hugo and Zola on one generated site:
//! `cargo bench --bench compare`. Sizes come from `CAREERPRESS_COMPARE_SIZES` (articles,
//! default `1000,10000`; listings are a fifth of that), runs from
//! `CAREERPRESS_COMPARE_RUNS` (default 3); `CAREERPRESS_COMPARE_TOOLS=careerpress,hugo`
//! leaves out the others. Each generator gets the same Markdown in its own
//! layout, with templates doing the same work (see benches/corpus/mod.rs), under
//! target/bench-corpus/, kept between runs. For each it times a first build into an empty
//! output folder (with nothing beside it from an earlier build: see `remove_output`), then
//! builds after one article is edited with the previous output present (after the first
//! builds' files are synced to disk, whose write-back would otherwise go on under the timed
//! builds, and after one such build untimed: the first builds of the others, at 100,000
//! articles, evict this one's files from the page cache, which an author's next edit finds
//! warm), alternating the generators run by run, and prints medians of wall time, CPU
//! time (user plus system) and peak memory, with the ratios. Hugo and Zola are used when
//! they are on PATH, and the table says when they are not. Nothing is asserted.

mod corpus;

use corpus::Corpus;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Default)]
struct Measure {
    wall: f64,
    cpu: f64,
    rss_mib: f64,
}

struct Tool {
    name: &'static str,
    version: String,
    /// The command that builds the site at the given root into `<root>/public`.
    build: fn(&Path) -> Command,
    write: fn(&Corpus, &Path),
    /// Article `i`'s text with `marker` in its first sentence, in this generator's format.
    article: fn(usize, &str) -> String,
}

fn careerpress_build(root: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_careerpress"));
    cmd.arg("build").arg("--root").arg(root);
    cmd
}

fn hugo_build(root: &Path) -> Command {
    let mut cmd = Command::new("hugo");
    cmd.arg("--source").arg(root).arg("--quiet");
    cmd
}

fn zola_build(root: &Path) -> Command {
    let mut cmd = Command::new("zola");
    // Zola refuses an output folder that exists unless forced, and then empties it first.
    cmd.arg("--root").arg(root).args(["build", "--force"]);
    cmd
}

fn version(program: &str, arg: &str) -> Option<String> {
    let out = Command::new(program).arg(arg).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).split_whitespace().take(2).collect::<Vec<_>>().join(" "))
}

/// Runs `cmd` to the end and measures it, its output going to `log`.
#[allow(clippy::zombie_processes)] // reaped by wait4, which gives its resource usage too
fn measure(mut cmd: Command, log: &Path) -> Measure {
    let file = fs::File::create(log).unwrap();
    cmd.stdout(file.try_clone().unwrap()).stderr(file);
    let started = Instant::now();
    let child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for the child spawned just above, which nothing else waits for.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert!(
        waited == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed; its output is in {}",
        log.display()
    );
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Measure {
        wall: wall.as_secs_f64(),
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        rss_mib: usage.ru_maxrss as f64 / 1024.0,
    }
}

fn median(mut v: Vec<Measure>) -> Measure {
    let mid = |xs: &mut Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    };
    Measure {
        wall: mid(&mut v.iter().map(|m| m.wall).collect()),
        cpu: mid(&mut v.iter().map(|m| m.cpu).collect()),
        rss_mib: mid(&mut v.iter_mut().map(|m| m.rss_mib).collect()),
    }
}

fn secs(s: f64) -> String {
    if s < 10.0 {
        format!("{s:.2} s")
    } else {
        format!("{s:.1} s")
    }
}

/// The output folder, and what careerpress keeps beside it between builds (`.public.*`: the
/// staging folder, which holds the site before last, the render record, the lock): left
/// there, a "first build" finds every page already staged and writes almost nothing.
fn remove_output(root: &Path) {
    let _ = fs::remove_dir_all(root.join("public"));
    let Ok(entries) = fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(".public.") {
            let path = entry.path();
            let _ = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        }
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("CAREERPRESS_COMPARE_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("CAREERPRESS_COMPARE_SIZES: numbers of articles, comma-separated"))
        .collect();
    let runs: usize = std::env::var("CAREERPRESS_COMPARE_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(3).max(1);
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus");

    let mut tools = vec![Tool {
        name: "careerpress",
        version: format!("careerpress {}", env!("CARGO_PKG_VERSION")),
        build: careerpress_build,
        write: Corpus::write_careerpress,
        article: Corpus::article,
    }];
    let others = [
        Tool {
            name: "hugo",
            version: String::new(),
            build: hugo_build,
            write: Corpus::write_hugo,
            article: Corpus::article,
        },
        Tool {
            name: "zola",
            version: String::new(),
            build: zola_build,
            write: Corpus::write_zola,
            article: Corpus::zola_article,
        },
    ];
    let wanted = std::env::var("CAREERPRESS_COMPARE_TOOLS").unwrap_or_else(|_| "careerpress,hugo,zola".into());
    let wanted: Vec<&str> = wanted.split(',').map(str::trim).collect();
    for tool in others.into_iter().filter(|t| wanted.contains(&t.name)) {
        let flag = if tool.name == "hugo" { "version" } else { "--version" };
        match version(tool.name, flag) {
            Some(version) => tools.push(Tool { version, ..tool }),
            None => println!("compare: {} is not on PATH: not measured", tool.name),
        }
    }
    for t in &tools {
        println!("compare: {}", t.version);
    }

    let mut rows = Vec::new();
    for &articles in &sizes {
        let corpus = Corpus::new(articles, articles / 5);
        let mut first = Vec::new();
        let mut rebuilds: Vec<Vec<Measure>> = tools.iter().map(|_| Vec::new()).collect();
        let edited = articles / 2;
        for t in &tools {
            let root = base.join(format!("{articles}/{}", t.name));
            if !root.join(".complete").exists() {
                let _ = fs::remove_dir_all(&root);
                let started = Instant::now();
                (t.write)(&corpus, &root);
                fs::write(root.join(".complete"), "").unwrap();
                println!(
                    "compare: wrote the {articles}-article site for {} in {:.1} s",
                    t.name,
                    started.elapsed().as_secs_f64()
                );
            }
            remove_output(&root);
            fs::write(root.join(Corpus::article_path(edited)), (t.article)(edited, "nothing new")).unwrap();
            first.push(measure((t.build)(&root), &root.join("first-build.log")));
        }
        // Gigabytes of new files at 100,000 articles are still being written back.
        let _ = Command::new("sync").status();
        // Run 0 warms up, untimed.
        for run in 0..=runs {
            for (k, t) in tools.iter().enumerate() {
                let root = base.join(format!("{articles}/{}", t.name));
                fs::write(root.join(Corpus::article_path(edited)), (t.article)(edited, &format!("edit {run}")))
                    .unwrap();
                // Past the file system's timestamp granularity, for generators that look.
                std::thread::sleep(Duration::from_millis(20));
                let rebuilt = measure((t.build)(&root), &root.join("rebuild.log"));
                if run > 0 {
                    rebuilds[k].push(rebuilt);
                }
            }
        }
        for (k, t) in tools.iter().enumerate() {
            rows.push((articles, t.name, t.version.clone(), first[k], median(std::mem::take(&mut rebuilds[k]))));
        }
        let ours = base.join(format!("{articles}/careerpress/rebuild.log"));
        if let Ok(log) = fs::read_to_string(ours) {
            if let Some(line) = log.lines().find(|l| l.starts_with("Built ")) {
                println!("compare: careerpress at {articles}, last rebuild: {line}");
            }
        }
    }

    println!("\n| articles (+ listings) | generator | first build: wall | CPU | peak memory | rebuild after one edit: wall | CPU | peak memory |");
    println!("|---|---|---|---|---|---|---|---|");
    for (articles, _, version, f, r) in &rows {
        println!(
            "| {articles} (+{}) | {version} | {} | {} | {:.0} MiB | {} | {} | {:.0} MiB |",
            articles / 5,
            secs(f.wall),
            secs(f.cpu),
            f.rss_mib,
            secs(r.wall),
            secs(r.cpu),
            r.rss_mib
        );
    }
    println!();
    for (articles, name, _, f, r) in &rows {
        if *name == "careerpress" {
            continue;
        }
        let (_, _, _, of, or) = rows.iter().find(|row| row.0 == *articles && row.1 == "careerpress").unwrap();
        println!(
            "compare: {articles} articles: {name} takes {:.1}x careerpress's wall time and {:.1}x its CPU on a rebuild, {:.1}x its wall time on a first build",
            r.wall / or.wall,
            r.cpu / or.cpu,
            f.wall / of.wall
        );
    }
}
