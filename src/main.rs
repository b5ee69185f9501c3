//! The `careerpress` binary: parses the command line, runs the command, and prints the
//! whole error chain with exit code 1 on failure (2 for impossible `followup` input).

use careerpress::build;
use careerpress::cli::{Cli, Command, FollowupArgs};
use careerpress::config::{Config, CONFIG_FILE};
use careerpress::followup::{self, Rules};
use clap::Parser;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Rendering allocates many small strings on every thread at once; glibc's allocator
/// spent a quarter of the render step in its own locks and consolidation there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
            eprintln!("error: {e:#}");
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
            eprintln!("error: {e:#}");
            return ExitCode::from(1);
        }
    };
    let plan = match followup::plan(&rules, args.interview, args.timeline()) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let text = if args.json {
        match serde_json::to_string(&plan) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("error: cannot write the plan as JSON: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        followup::format_plan(&plan)
    };
    // A reader piping into `head` has what they wanted; print! would panic on the closed pipe.
    match std::io::stdout().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot print the plan: {e}");
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
