//! The `careerpress` binary: parses the command line, runs the command, and prints the
//! whole error chain with exit code 1 on failure.

use careerpress::build;
use careerpress::cli::{Cli, Command};
use careerpress::site::BuildOptions;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                root: args.site.root.clone(),
                base_url: args.base_url.clone(),
                drafts: args.drafts,
            };
            build::build(&options, args.output.as_deref()).map(|r| {
                println!(
                    "Built {} pages ({} files: {} written, {} unchanged, {} removed) into {} in {}",
                    r.pages,
                    r.files,
                    r.stats.written,
                    r.stats.unchanged,
                    r.stats.removed,
                    r.output.display(),
                    r.timings
                );
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}
