//! The command line: one argument struct per command, shared flags flattened.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "careerpress", version, about = "A static site generator for career-advice publishers")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into plain static files.
    Build(BuildArgs),
}

/// Flags every command that works on a site shares.
#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// The site's folder: where site.toml and content/ are.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site (default: site.toml's output_dir, "public").
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Overrides site.toml's base_url, e.g. https://user.example.io/careers/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn build_flags_parse() {
        let cli = Cli::parse_from(["careerpress", "build", "--root", "x", "--base-url", "https://a.io/s/", "--drafts"]);
        let Command::Build(args) = cli.command;
        assert_eq!(args.site.root, PathBuf::from("x"));
        assert_eq!(args.base_url.as_deref(), Some("https://a.io/s/"));
        assert!(args.drafts);
    }
}
