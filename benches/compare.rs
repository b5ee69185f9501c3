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
//! time (user plus system) and peak memory, with the ratios. A build running past
//! `CAREERPRESS_COMPARE_LIMIT` seconds (default 1,200) is stopped and shown as over it, and
//! that generator is not run again at that size; so is one whose build fails (shown as
//! failed, its output in its log). Hugo and Zola are used when they are on PATH, and the
//! table says when they are not. Nothing is asserted.
//!
//! `CAREERPRESS_COMPARE_SCALE=10000,100000` instead times careerpress's rebuild at the two
//! sizes turn about, `CAREERPRESS_COMPARE_RUNS` times (default 7), and prints the ratio of
//! each pair and their medians: how the rebuild grows with the site (see `scale`).

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

/// Runs `cmd` to the end and measures it, its output going to `log`: over the limit when
/// it ran past `limit` and was stopped (its time then only known to exceed the limit),
/// failed when it exited otherwise than with success (out of memory, for one).
#[allow(clippy::zombie_processes)] // reaped by wait4, which gives its resource usage too
fn measure(mut cmd: Command, log: &Path, limit: Duration) -> Timed {
    let file = fs::File::create(log).unwrap();
    cmd.stdout(file.try_clone().unwrap()).stderr(file);
    let started = Instant::now();
    let child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let pid = child.id() as libc::pid_t;
    let over = stop_after(pid, limit);
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for the child spawned just above, which nothing else reaps.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    if over {
        println!("compare: {cmd:?} ran past {} s and was stopped", limit.as_secs());
        return Timed::Over;
    }
    if !(waited == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        println!("compare: {cmd:?} failed (wait status {status}); its output is in {}", log.display());
        return Timed::Failed;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Timed::Done(Measure {
        wall: wall.as_secs_f64(),
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        rss_mib: usage.ru_maxrss as f64 / 1024.0,
    })
}

/// Waits until child `pid` exits, without reaping it (so that its pid cannot be reused
/// meanwhile), killing it first if it runs past `limit`; true when it was killed.
fn stop_after(pid: libc::pid_t, limit: Duration) -> bool {
    let (done, exited) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        let over = exited.recv_timeout(limit).is_err();
        if over {
            // SAFETY: `pid` is our unreaped child: it names no other process.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        over
    });
    // SAFETY: an all-zero siginfo_t is a valid value of this plain C struct; WNOWAIT
    // leaves the child to be reaped by `measure`.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // Waited for again when a signal interrupts the wait, so that the limit still holds.
    loop {
        // SAFETY: waits for our own child, with a valid siginfo_t to fill.
        let waited = unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WEXITED | libc::WNOWAIT) };
        if waited == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            break;
        }
    }
    let _ = done.send(());
    watchdog.join().unwrap()
}

fn median(v: Vec<Measure>) -> Measure {
    Measure {
        wall: middle(v.iter().map(|m| m.wall).collect()),
        cpu: middle(v.iter().map(|m| m.cpu).collect()),
        rss_mib: middle(v.iter().map(|m| m.rss_mib).collect()),
    }
}

/// The middle value (the upper one of an even count).
fn middle(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
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
    if let Ok(pair) = std::env::var("CAREERPRESS_COMPARE_SCALE") {
        return scale(&pair);
    }
    let sizes: Vec<usize> = std::env::var("CAREERPRESS_COMPARE_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("CAREERPRESS_COMPARE_SIZES: numbers of articles, comma-separated"))
        .collect();
    let runs: usize = std::env::var("CAREERPRESS_COMPARE_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(3).max(1);
    let limit = Duration::from_secs(
        std::env::var("CAREERPRESS_COMPARE_LIMIT").ok().and_then(|s| s.parse().ok()).unwrap_or(DEFAULT_LIMIT_SECS),
    );
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
        // A rebuild past the limit, or failed; that generator is not run again at this size.
        let mut rebuild_failed: Vec<Option<Timed>> = vec![None; tools.len()];
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
            let built = measure((t.build)(&root), &root.join("first-build.log"), limit);
            first.push(built);
        }
        // Gigabytes of new files at 100,000 articles are still being written back.
        let _ = Command::new("sync").status();
        // Run 0 warms up, untimed.
        for run in 0..=runs {
            for (k, t) in tools.iter().enumerate() {
                // Nor is one whose first build ran past the limit or failed.
                if !matches!(first[k], Timed::Done(_)) || rebuild_failed[k].is_some() {
                    continue;
                }
                let root = base.join(format!("{articles}/{}", t.name));
                fs::write(root.join(Corpus::article_path(edited)), (t.article)(edited, &format!("edit {run}")))
                    .unwrap();
                // Past the file system's timestamp granularity, for generators that look.
                std::thread::sleep(Duration::from_millis(20));
                match measure((t.build)(&root), &root.join("rebuild.log"), limit) {
                    Timed::Done(rebuilt) if run > 0 => rebuilds[k].push(rebuilt),
                    Timed::Done(_) => {}
                    other => rebuild_failed[k] = Some(other),
                }
            }
        }
        for (k, t) in tools.iter().enumerate() {
            let rebuild = match (first[k], rebuild_failed[k]) {
                (Timed::Done(_), Some(failed)) => failed,
                (Timed::Done(_), None) => Timed::Done(median(std::mem::take(&mut rebuilds[k]))),
                _ => Timed::NotRun,
            };
            let first = first[k];
            rows.push(Row { articles, name: t.name, version: t.version.clone(), first, rebuild });
        }
        let ours = base.join(format!("{articles}/careerpress/rebuild.log"));
        if let Ok(log) = fs::read_to_string(ours) {
            if let Some(line) = log.lines().find(|l| l.starts_with("Built ")) {
                println!("compare: careerpress at {articles}, last rebuild: {line}");
            }
        }
    }

    print_table(&rows, limit);
}

/// careerpress's rebuild at a small and a large size (`CAREERPRESS_COMPARE_SCALE=10000,100000`),
/// alternating the two run by run so that a busy spell of the machine falls on both
/// sizes alike, and the ratio of each pair: one size after the other, the 10,000-article
/// rebuilds varied by a fifth between runs an hour apart, which moved the ratio by two.
fn scale(pair: &str) {
    let sizes: Vec<usize> =
        pair.split(',').map(|s| s.trim().parse().expect("CAREERPRESS_COMPARE_SCALE: two sizes")).collect();
    let [small, large] = sizes[..] else { panic!("CAREERPRESS_COMPARE_SCALE: two sizes, such as 10000,100000") };
    let runs: usize = std::env::var("CAREERPRESS_COMPARE_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(7).max(1);
    let limit = Duration::from_secs(DEFAULT_LIMIT_SECS);
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus");
    let root = |articles: usize| base.join(format!("{articles}/careerpress"));
    for articles in [small, large] {
        let root = root(articles);
        if !root.join(".complete").exists() || !root.join("public").is_dir() {
            let _ = fs::remove_dir_all(&root);
            Corpus::new(articles, articles / 5).write_careerpress(&root);
            fs::write(root.join(".complete"), "").unwrap();
        }
    }
    let rebuild = |articles: usize, run: usize| {
        let root = root(articles);
        let edited = articles / 2;
        fs::write(root.join(Corpus::article_path(edited)), Corpus::article(edited, &format!("scale {run}"))).unwrap();
        std::thread::sleep(Duration::from_millis(20));
        match measure(careerpress_build(&root), &root.join("rebuild.log"), limit) {
            Timed::Done(m) => m,
            _ => panic!("the {articles}-article build failed: see {}", root.join("rebuild.log").display()),
        }
    };
    // Run 0 warms up (and renders anew after a change of the binary), untimed.
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for run in 0..=runs {
        let (a, b) = (rebuild(small, run), rebuild(large, run));
        if run > 0 {
            println!(
                "scale: run {run}: {small} in {} ({} CPU), {large} in {} ({} CPU): {:.1} times the wall time, {:.1} the CPU time",
                secs(a.wall), secs(a.cpu), secs(b.wall), secs(b.cpu), b.wall / a.wall, b.cpu / a.cpu
            );
            wall.push(b.wall / a.wall);
            cpu.push(b.cpu / a.cpu);
        }
    }
    println!(
        "scale: median of {runs} pairs: {:.1} times the wall time, {:.1} times the CPU time",
        middle(wall),
        middle(cpu)
    );
}

/// One generator at one size.
struct Row {
    articles: usize,
    name: &'static str,
    version: String,
    first: Timed,
    rebuild: Timed,
}

/// What became of one kind of build.
#[derive(Clone, Copy)]
enum Timed {
    Done(Measure),
    /// Stopped at the limit.
    Over,
    /// Exited otherwise than with success.
    Failed,
    /// Not run: the first build ran past the limit or failed.
    NotRun,
}

/// Past this many seconds a build is stopped (`CAREERPRESS_COMPARE_LIMIT`): a generator
/// whose build grows faster than the site would otherwise hold the run for hours.
const DEFAULT_LIMIT_SECS: u64 = 1200;

fn print_table(rows: &[Row], limit: Duration) {
    let over = format!("over {} s", limit.as_secs());
    let cells = |t: &Timed| match t {
        Timed::Done(m) => format!("{} | {} | {:.0} MiB", secs(m.wall), secs(m.cpu), m.rss_mib),
        Timed::Over => format!("{over} | – | –"),
        Timed::Failed => "failed | – | –".to_string(),
        Timed::NotRun => "not run | – | –".to_string(),
    };
    println!("\n| articles (+ listings) | generator | first build: wall | CPU | peak memory | rebuild after one edit: wall | CPU | peak memory |");
    println!("|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} (+{}) | {} | {} | {} |",
            r.articles,
            r.articles / 5,
            r.version,
            cells(&r.first),
            cells(&r.rebuild)
        );
    }
    println!();
    for r in rows.iter().filter(|r| r.name != "careerpress") {
        let Some(ours) = rows.iter().find(|o| o.articles == r.articles && o.name == "careerpress") else { continue };
        // A stopped build's wall time is known to exceed the limit; its CPU time is not known.
        let ratio = |theirs: &Timed, ours: &Timed, wall: bool| {
            let of = |m: &Measure| if wall { m.wall } else { m.cpu };
            match (theirs, ours) {
                (Timed::Done(t), Timed::Done(o)) => format!("{:.1}x", of(t) / of(o)),
                (Timed::Over, Timed::Done(o)) if wall => format!("over {:.0}x", limit.as_secs_f64() / of(o)),
                _ => "an unknown multiple of".to_string(),
            }
        };
        println!(
            "compare: {} articles: {} takes {} careerpress's wall time and {} its CPU on a rebuild, {} its wall time on a first build",
            r.articles,
            r.name,
            ratio(&r.rebuild, &ours.rebuild, true),
            ratio(&r.rebuild, &ours.rebuild, false),
            ratio(&r.first, &ours.first, true),
        );
    }
}
