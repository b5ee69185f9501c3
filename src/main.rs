//! The `careerpress` binary: parses the command line, runs the command, and prints the
//! whole error chain with exit code 1 on failure (2 for impossible `followup` input).

use careerpress::build;
use careerpress::cli::{Cli, Command, FollowupArgs};
use careerpress::config::{Config, CONFIG_FILE};
use careerpress::errln;
use careerpress::followup::{self, Rules};
use clap::Parser;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Rendering allocates many small strings on every thread at once; glibc's allocator
/// spent a quarter of the render step in its own locks and consolidation there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `option_e` numbers, the same in its v2 and v3 headers (`mimalloc.h`); the
/// binding names neither.
const MI_OPTION_ARENA_EAGER_COMMIT: i32 = 4;
const MI_OPTION_PURGE_DELAY: i32 = 15;
/// See [`tune_allocator`].
const PURGE_DELAY_MS: std::ffi::c_long = 100;

/// Peak memory is what fails a 100,000-article build on a small CI runner. By default
/// mimalloc commits its arenas eagerly: at 10,000 articles that held 60 MB more than
/// glibc (215 MB peak RSS against 155 MB), for about a tenth of the time saved, so arenas
/// are committed on demand. Freed pages go back to the system after 100 ms (mimalloc's
/// default is 10; whole arenas wait ten times as long). Returned at once, as they were
/// before, the render step's pages were handed back and faulted in again: at 100,000
/// articles one rebuild in three took 650,000 page faults instead of 413,000 and 1.7 s
/// longer (4.6 s of render instead of 2.9). With 100 ms a rebuild takes about 340,000,
/// no run showed the slow case, and peak memory grows by 10–25 MB (121 MB at 10,000
/// articles, 842–853 MB at 100,000). This overrides mimalloc's own
/// `MIMALLOC_ARENA_EAGER_COMMIT` and `MIMALLOC_PURGE_DELAY` variables: reading them here
/// would allocate, which is what must not happen first.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
extern "C" fn tune_allocator() {
    // SAFETY: mi_option_set stores an integer in mimalloc's option table, which is safe
    // from any thread at any time, before or after mimalloc initialises; both options
    // take any value.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS);
    }
}

/// Run by the loader before Rust's runtime starts: the runtime's first allocation
/// reserves mimalloc's first arena, which reads the commit option once.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Serve(args) => careerpress::serve::run(&args),
        Command::Followup(args) => return run_followup(&args),
        Command::Init(args) => careerpress::scaffold::run_init(&args),
        Command::New(args) => careerpress::scaffold::run_new(&args),
        Command::Import(args) => careerpress::import::run(&args),
        Command::Check(args) => return careerpress::check::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            errln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// `followup` has two kinds of failure: dates that cannot describe a real interview are
/// usage errors (exit 2, as clap uses for its own), a broken site.toml is a site error (exit 1).
fn run_followup(args: &FollowupArgs) -> ExitCode {
    let rules = match followup_rules(&args.site.root) {
        Ok(rules) => rules,
        Err(e) => {
            errln!("error: {e:#}");
            return ExitCode::from(1);
        }
    };
    let plan = match followup::plan(&rules, args.interview, args.timeline()) {
        Ok(plan) => plan,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let text = if args.json {
        match serde_json::to_string(&plan) {
            Ok(json) => json + "\n",
            Err(e) => {
                errln!("error: cannot write the plan as JSON: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        followup::format_plan(&plan)
    };
    // A reader piping into `head` has what they wanted; print! would panic on the closed pipe.
    match std::io::stdout().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            errln!("error: cannot print the plan: {e}");
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The site's `[followup]` rules; a folder without site.toml just gets the defaults, since
/// the command is useful to someone who has no site at all.
fn followup_rules(root: &Path) -> anyhow::Result<Rules> {
    if !root.is_dir() {
        anyhow::bail!("{}: no such site folder (check --root)", root.display());
    }
    let path = root.join(CONFIG_FILE);
    if let Ok(false) = path.try_exists() {
        return Ok(Rules::default());
    }
    Ok(Config::load(root)?.followup_rules)
}
