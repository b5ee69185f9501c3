//! `careerpress serve`: builds the site into memory (the deploy folder is never written),
//! serves it on 127.0.0.1 by default, and with `--watch` rebuilds on every saved change and
//! tells open pages to reload once the new version is in place.

pub mod http;
pub mod livereload;
pub mod state;
pub mod watch;

use crate::cli::ServeArgs;
use crate::site::BuildOptions;
use anyhow::{Context as _, Result};
use state::{ServerState, Snapshot};
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

mod rebuild;
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
    let root = args
        .site
        .root
        .canonicalize()
        .with_context(|| format!("cannot open the site folder {}", args.site.root.display()))?;
    let options = BuildOptions {
        root: root.clone(),
        // Root-relative links work on whatever address and port the server has.
        base_url: Some("/".into()),
        drafts: args.drafts,
        today: crate::build::today()?,
    };
    let mut rebuilder = Rebuilder::new(options);
    let started = Instant::now();
    let mut snapshot = Snapshot { build_id: first_build_id(), ..Default::default() };
    match rebuilder.full() {
        Ok(files) => {
            let count = crate::build::count(files.len(), "file", "files");
            println!("Built {count} in {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
            snapshot = Snapshot::from_files(files, snapshot.build_id);
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            snapshot.error = Some(format!("{e:#}"));
        }
    }
    let state = Arc::new(ServerState::new(snapshot, root.clone()));

    // Listen for Ctrl-C before announcing the server: a signal that arrives between the
    // announcement and the first poll of a lazily registered handler would kill the
    // process with the default action instead of stopping it cleanly.
    let mut interrupt = Interrupt::new()?;
    let listener = tokio::net::TcpListener::bind((args.bind.as_str(), args.port))
        .await
        .with_context(|| format!("cannot listen on {}:{}", args.bind, args.port))?;
    let addr = listener.local_addr().context("cannot read the server address")?;
    let url = format!("http://{addr}/");
    println!("Serving {} at {url}  (Ctrl-C to stop)", root.display());
    if args.bind != "127.0.0.1" && args.bind != "localhost" && args.bind != "::1" {
        println!("Note: listening on {} makes the preview reachable from other machines.", args.bind);
    }
    std::io::stdout().flush().ok();

    if args.watch {
        let watcher = watch::SiteWatcher::new(&root)?;
        let state = state.clone();
        std::thread::spawn(move || watch_loop(watcher, rebuilder, state));
        println!("Watching for changes in {}", root.display());
        std::io::stdout().flush().ok();
    }
    if args.open {
        open_browser(&url);
    }

    let server = axum::serve(listener, http::router(state));
    tokio::select! {
        r = server => r.context("the server stopped")?,
        _ = interrupt.recv() => println!("\nStopped."),
    }
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
    while let Some(batch) = watcher.next_batch() {
        let started = Instant::now();
        let batch = rebuilder.relevant(batch);
        if batch.is_empty() {
            continue;
        }
        let what = describe(&batch);
        let previous = state.current();
        let next_id = previous.build_id + 1;
        match rebuilder.apply(&batch) {
            Ok(outcome) => {
                let summary = outcome.summary.clone();
                let files = outcome.merge_into(&previous.files);
                state.publish(Snapshot { files, build_id: next_id, error: None });
                println!("{what} changed: {summary} in {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
            }
            Err(e) => {
                let message = format!("{e:#}");
                eprintln!("error after {what} changed: {message}");
                // The last good site stays; the overlay says what is wrong.
                let files = previous.files.clone();
                state.publish(Snapshot { files, build_id: next_id, error: Some(message) });
            }
        }
        std::io::stdout().flush().ok();
    }
}

fn describe(batch: &BTreeSet<PathBuf>) -> String {
    let mut names: Vec<String> = batch.iter().take(3).map(|p| p.display().to_string()).collect();
    if batch.len() > 3 {
        names.push(format!("and {} more", batch.len() - 3));
    }
    names.join(", ")
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        println!("Open {url} in your browser.");
    }
}
