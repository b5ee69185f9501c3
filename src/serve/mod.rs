//! `careerpress serve`: builds the site into memory (the deploy folder is never written),
//! serves it on 127.0.0.1 by default, and with `--watch` rebuilds on every saved change and
//! tells open pages to reload once the new version is in place.

pub mod host;
pub mod http;
pub mod livereload;
pub mod state;
pub mod watch;

use crate::cli::ServeArgs;
use crate::error::printable;
use crate::site::BuildOptions;
use anyhow::{Context as _, Result};
use state::{ServerState, Snapshot};
use std::collections::BTreeSet;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

pub mod rebuild;
pub use rebuild::Rebuilder;

pub fn run(args: &ServeArgs) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    let result = runtime.block_on(serve(args));
    // Open live-reload streams must not hold up Ctrl-C.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    result
}

/// Build ids start from the clock so that a restarted server never reuses one: pages
/// served by the previous process then reload by themselves when they reconnect.
fn first_build_id() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(1) * 1000
}

async fn serve(args: &ServeArgs) -> Result<()> {
    let root = site_root(args)?;
    let mut rebuilder = Rebuilder::new(build_options(args, &root)?);
    let state = Arc::new(ServerState::new(first_build(&mut rebuilder, args.watch)?, root.clone()));

    // Listen for Ctrl-C before announcing the server: a signal that arrives between the
    // announcement and the first poll of a lazily registered handler would kill the
    // process with the default action instead of stopping it cleanly.
    let mut interrupt = Interrupt::new()?;
    let (listener, url) = listen(args, &root).await?;
    if args.watch {
        start_watching(&root, rebuilder, state.clone())?;
    }
    if args.open {
        open_browser(&url);
    }

    tokio::select! {
        () = http::serve_connections(listener, http::router(state, host::Hosts::for_bind(args.bind, &args.allow_host))) => {}
        _ = interrupt.recv() => outln!("\nStopped."),
    }
    Ok(())
}

fn site_root(args: &ServeArgs) -> Result<PathBuf> {
    let root = &args.site.root;
    root.canonicalize().with_context(|| format!("cannot open the site folder {}", printable(root)))
}

fn build_options(args: &ServeArgs, root: &Path) -> Result<BuildOptions> {
    Ok(BuildOptions {
        root: root.to_path_buf(),
        // Root-relative links work on whatever address and port the server has.
        base_url: Some("/".into()),
        drafts: args.drafts,
        // Authors preview scheduled posts; the theme marks them as scheduled.
        future: true,
        today: crate::dates::today()?,
        // Root-relative links are the point of a preview, not a mistake to warn about.
        preview: true,
    })
}

/// The site as first served. A site that does not build still gets a server when it is
/// watched: its pages show the error, and the watch loop recovers once it is fixed.
/// Unwatched, nothing would ever change what it serves, so the error ends the command.
fn first_build(rebuilder: &mut Rebuilder, watch: bool) -> Result<Snapshot> {
    let started = Instant::now();
    let build_id = first_build_id();
    match rebuilder.full() {
        Ok(files) => {
            let count = crate::wording::count(files.len(), "file", "files");
            outln!("Built {count} in {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
            Ok(Snapshot::from_files(files, build_id))
        }
        Err(e) if !watch => Err(e),
        Err(e) => {
            errln!("error: {e:#}");
            Ok(Snapshot { build_id, error: Some(format!("{e:#}")), ..Default::default() })
        }
    }
}

/// Binds the address and announces it; returns the listener and the site's URL.
async fn listen(args: &ServeArgs, root: &Path) -> Result<(tokio::net::TcpListener, String)> {
    let wanted = SocketAddr::new(args.bind, args.port);
    let listener = tokio::net::TcpListener::bind(wanted).await.with_context(|| format!("cannot listen on {wanted}"))?;
    let addr = listener.local_addr().context("cannot read the server address")?;
    let url = format!("http://{addr}/");
    outln!("Serving {} at {url}  (Ctrl-C to stop)", printable(root));
    if !host::is_loopback(args.bind) {
        outln!(
            "Note: listening on {} makes the preview reachable from other machines, under any host name.",
            args.bind
        );
    }
    std::io::stdout().flush().ok();
    Ok((listener, url))
}

/// Rebuilds happen on their own thread: the watcher blocks, and a full rebuild is
/// CPU-bound work that must not stall request handling.
fn start_watching(root: &Path, rebuilder: Rebuilder, state: Arc<ServerState>) -> Result<()> {
    let watcher = watch::SiteWatcher::new(root)?;
    std::thread::spawn(move || watch_loop(watcher, rebuilder, state));
    outln!("Watching for changes in {}", printable(root));
    std::io::stdout().flush().ok();
    Ok(())
}

/// Ctrl-C, registered as soon as it is created.
struct Interrupt {
    #[cfg(unix)]
    signal: tokio::signal::unix::Signal,
}

impl Interrupt {
    fn new() -> Result<Interrupt> {
        #[cfg(unix)]
        {
            let signal = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
                .context("cannot listen for Ctrl-C")?;
            Ok(Interrupt { signal })
        }
        #[cfg(not(unix))]
        Ok(Interrupt {})
    }

    async fn recv(&mut self) {
        #[cfg(unix)]
        self.signal.recv().await;
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn watch_loop(mut watcher: watch::SiteWatcher, mut rebuilder: Rebuilder, state: Arc<ServerState>) {
    let mut what = String::new();
    while let Some(batch) = watcher.next_batch() {
        let started = Instant::now();
        let batch = rebuilder.relevant(batch);
        if !batch.is_empty() {
            what = describe(&batch);
            let open = state.viewed();
            match guarded(&mut rebuilder, |r| r.apply(&batch, &open)) {
                Ok(outcome) => {
                    let summary = outcome.summary.clone();
                    state.update(true, |snapshot| {
                        outcome.apply_to(&mut snapshot.files, &mut snapshot.stale);
                        snapshot.build_id += 1;
                        snapshot.error = None;
                    });
                    outln!("{what} changed: {summary} in {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
                }
                Err(e) => publish_error(&state, &what, &e),
            }
        }
        // Also after a batch that changed nothing relevant, which may have stopped it.
        render_rest(&mut rebuilder, &mut watcher, &state, &what, started);
        std::io::stdout().flush().ok();
    }
}

/// The rest of a build whose pages open in a browser were shown first, a part at a time,
/// each put in place without a reload event (pages already showing this build have
/// nothing to reload), the pages that requests wait for first. A newer change stops it:
/// the rest is then done with that change's.
fn render_rest(
    rebuilder: &mut Rebuilder,
    watcher: &mut watch::SiteWatcher,
    state: &ServerState,
    what: &str,
    started: Instant,
) {
    while rebuilder.has_rest() {
        if watcher.changed() {
            outln!("  stopped for a newer change after {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
            return;
        }
        let wanted = state.take_wanted();
        match guarded(rebuilder, |r| r.rest(&wanted)) {
            Ok(outcome) => {
                let summary = outcome.summary.clone();
                state.update(false, |snapshot| outcome.apply_to(&mut snapshot.files, &mut snapshot.stale));
                if !rebuilder.has_rest() {
                    outln!("  then {summary} in {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
                }
            }
            Err(e) => return publish_error(state, what, &e),
        }
    }
}

/// Runs one step of a rebuild. A panic (a bug) becomes an error shown like any other,
/// with the loaded site forgotten, instead of ending the watch loop with files still
/// marked stale and requests for them waiting for good.
fn guarded<T>(rebuilder: &mut Rebuilder, step: impl FnOnce(&mut Rebuilder) -> Result<T>) -> Result<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| step(&mut *rebuilder))) {
        Ok(result) => result,
        Err(panic) => {
            rebuilder.forget();
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(anyhow::anyhow!("careerpress failed while rebuilding, a bug to report: {why}"))
        }
    }
}

/// The last good site stays, under an overlay that says what is wrong.
fn publish_error(state: &ServerState, what: &str, e: &anyhow::Error) {
    let message = format!("{e:#}");
    errln!("error after {what} changed: {message}");
    state.update(true, |snapshot| {
        snapshot.build_id += 1;
        snapshot.error = Some(message);
        snapshot.stale.clear();
    });
}

fn describe(batch: &BTreeSet<PathBuf>) -> String {
    let mut names: Vec<String> = batch.iter().take(3).map(|p| printable(p).to_string()).collect();
    if batch.len() > 3 {
        names.push(format!("and {} more", batch.len() - 3));
    }
    names.join(", ")
}

fn open_browser(url: &str) {
    if opener::open_browser(url).is_err() {
        outln!("Open {url} in your browser.");
    }
}
