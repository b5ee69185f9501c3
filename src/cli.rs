//! The command line: one argument struct per command, shared flags flattened.

use crate::dates::parse_date;
use crate::followup::{Timeline, MAX_TIMELINE_DAYS, MAX_TIMELINE_WEEKS, WORDING};
use crate::wording::fill;
use chrono::NaiveDate;
use clap::{ArgGroup, Args, Parser, Subcommand};
use std::net::IpAddr;
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
    /// Preview the site on a local server; with --watch, rebuild and reload on every save.
    Serve(ServeArgs),
    /// Work out when to send a thank-you note and follow up after an interview.
    Followup(FollowupArgs),
    /// Create a new site, with the default theme, an article and a job listing.
    Init(InitArgs),
    /// Start a draft article (or, with --job, a job listing) in a section.
    New(NewArgs),
    /// Bring a Jekyll, Hugo, Zola or Eleventy site's posts, pages, images and data into this site.
    Import(ImportArgs),
    /// Report every problem in the site at once (broken links, incomplete job postings,
    /// stale advice…), writing nothing.
    Check(CheckArgs),
}

/// Flags every command that works on a site shares.
#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// The site's folder: where site.toml and content/ are.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Rebuild when content, templates, themes, static files or site.toml change.
    #[arg(long)]
    pub watch: bool,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// IP address to listen on (or `localhost`, which is 127.0.0.1). Anything but a
    /// loopback address (127.0.0.1, ::1) exposes the preview to other machines.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR", value_parser = parse_bind)]
    pub bind: IpAddr,
    /// Also answer requests naming this host (a proxy's or a forwarded port's name), or
    /// with a leading dot, every name under it; may be given more than once. On a
    /// loopback address only localhost's names are answered otherwise.
    #[arg(long = "allow-host", value_name = "NAME", value_parser = parse_allow_host)]
    pub allow_host: Vec<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
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
    /// Include articles dated after the build date (scheduled posts).
    #[arg(long)]
    pub future: bool,
    /// Render every page, even those the last build's output already holds unchanged.
    #[arg(long)]
    pub render_all: bool,
}

#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The folder to create the site in: new or empty.
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where the page goes: an existing section and a slug, such as posts/my-first-post.
    #[arg(value_name = "SECTION/SLUG")]
    pub target: String,
    /// The page title (default: made from the slug, "My first post").
    #[arg(long)]
    pub title: Option<String>,
    /// Write a job listing into the jobs section instead of an article.
    #[arg(long)]
    pub job: bool,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: severity[code]: message`, with the source line under it.
    Human,
    /// One JSON object per line: file, line, column, severity, code, message.
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Check pages marked `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
    /// Check articles dated after today too.
    #[arg(long)]
    pub future: bool,
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// Exit with 1 on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// The generators `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFrom {
    Jekyll,
    Hugo,
    Zola,
    Eleventy,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// Which generator wrote the site.
    #[arg(value_enum)]
    pub from: ImportFrom,
    /// The old site's folder (where _config.yml, hugo.toml, config.toml or eleventy.config.js is).
    #[arg(value_name = "SRC")]
    pub src: PathBuf,
    /// The careerpress site to import into: an existing one, or an empty or new folder,
    /// which gets a new site first.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Print what would be converted and written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite files that already exist in the site (without it, nothing is written).
    #[arg(long)]
    pub force: bool,
}

/// At most one timeline: two answers to "when will they decide?" cannot both hold.
#[derive(Debug, Clone, Args)]
#[command(group(
    ArgGroup::new("timeline").multiple(false).args(["within_days", "within_weeks", "within_business_days", "decision_by"])
))]
pub struct FollowupArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The day of the interview.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub interview: NaiveDate,
    /// They said they would decide within N days.
    #[arg(long, value_name = "N", value_parser = parse_days, allow_negative_numbers = true)]
    pub within_days: Option<u32>,
    /// They said they would decide within N weeks.
    #[arg(long, value_name = "N", value_parser = parse_weeks, allow_negative_numbers = true)]
    pub within_weeks: Option<u32>,
    /// They said they would decide within N business days.
    #[arg(long, value_name = "N", value_parser = parse_business_days, allow_negative_numbers = true)]
    pub within_business_days: Option<u32>,
    /// They named the date they would decide by.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub decision_by: Option<NaiveDate>,
    /// Print one JSON object instead of a list.
    #[arg(long)]
    pub json: bool,
}

impl FollowupArgs {
    pub fn timeline(&self) -> Timeline {
        match (self.within_days, self.within_weeks, self.within_business_days, self.decision_by) {
            (Some(n), ..) => Timeline::Days(n),
            (_, Some(n), ..) => Timeline::Weeks(n),
            (_, _, Some(n), _) => Timeline::BusinessDays(n),
            (.., Some(date)) => Timeline::DecisionBy(date),
            _ => Timeline::None,
        }
    }
}

fn parse_days(text: &str) -> Result<u32, String> {
    parse_count(text, WORDING.units.within_days, MAX_TIMELINE_DAYS)
}

fn parse_weeks(text: &str) -> Result<u32, String> {
    parse_count(text, WORDING.units.within_weeks, MAX_TIMELINE_WEEKS)
}

fn parse_business_days(text: &str) -> Result<u32, String> {
    parse_count(text, WORDING.units.within_business_days, MAX_TIMELINE_DAYS)
}

/// Reads a count of `unit`s by its sign and digits before its size, so that "-3" is
/// negative and twenty digits are too many `unit`s (with the limit, `max`, in the words
/// `followup::plan` uses for 400 days), not "not a whole number". Zero, and a count that
/// fits but is over `max`, are left to `followup::plan` to explain.
fn parse_count(text: &str, unit: &str, max: u32) -> Result<u32, String> {
    let written = text.trim();
    let (negative, digits) = match written.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, written.strip_prefix('+').unwrap_or(written)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{text:?} is not a whole number"));
    }
    let digits = match digits.trim_start_matches('0') {
        "" => "0",
        significant => significant,
    };
    if negative && digits != "0" {
        return Err(format!("-{digits} is negative: give how long they said they would take, such as 7"));
    }
    // Only digits are left: a number too large for u32 is the one way parsing fails.
    digits.parse().map_err(|_| {
        fill(WORDING.errors.timeline_too_long, &[("n", digits), ("unit", unit), ("max", &max.to_string())])
    })
}

/// An IP address, or `localhost` as the one name everyone types; no other name is looked
/// up, so the address served is always the one asked for.
fn parse_bind(text: &str) -> Result<IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    }
    text.parse().map_err(|_| format!("{text:?} is not an IP address such as 127.0.0.1 or ::1"))
}

/// A `--allow-host` value as `serve::host` compares it: lowercase, a host name or IPv4
/// address alone (labels of letters, digits, `-` and `_`, 253 characters at most, as DNS
/// allows), or such a name after a dot, meaning it and every name under it (as Vite's `allowedHosts` reads one). A scheme, port or path is
/// refused rather than never matched: the request's port is not compared anyway.
fn parse_allow_host(text: &str) -> Result<String, String> {
    let name = text.to_ascii_lowercase();
    let labels = name.strip_prefix('.').unwrap_or(&name);
    let label_ok =
        |l: &str| !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
    if labels.len() <= 253 && labels.split('.').all(label_ok) {
        return Ok(name);
    }
    Err(format!(
        "{text:?} is not a host name: give the name alone, such as preview.example.test (no scheme, port or \
         path), or .example.test for it and every name under it"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// However many digits it has, a count is a number: a negative one is negative, and one
    /// too large to hold is too long a timeline, with the limit for its unit.
    #[test]
    fn counts_of_any_length_are_numbers() {
        let twenty = "99999999999999999999";
        let too_long = |n: &str, unit: &str, max: u32| {
            format!("a timeline of {n} {unit} is longer than anyone waits for an answer: give at most {max}")
        };
        assert_eq!(parse_days(twenty), Err(too_long(twenty, "days", 365)));
        assert_eq!(parse_weeks(&format!("00{twenty}")), Err(too_long(twenty, "weeks", 52)));
        assert_eq!(parse_business_days("4294967296"), Err(too_long("4294967296", "business days", 365)));
        assert_eq!(parse_days("4294967295"), Ok(u32::MAX), "fits: followup::plan explains the limit");
        assert!(parse_days(&format!("-{twenty}")).unwrap_err().starts_with(&format!("-{twenty} is negative")));
        for not_a_number in ["", "-", "+", "1.5", "1e3", "seven", "٣", "--3"] {
            assert_eq!(parse_days(not_a_number), Err(format!("{not_a_number:?} is not a whole number")));
        }
    }

    #[test]
    fn build_flags_parse() {
        let cli = Cli::parse_from(["careerpress", "build", "--root", "x", "--base-url", "https://a.io/s/", "--drafts"]);
        let Command::Build(args) = cli.command else { panic!("not a build command") };
        assert_eq!(args.site.root, PathBuf::from("x"));
        assert_eq!(args.base_url.as_deref(), Some("https://a.io/s/"));
        assert!(args.drafts);
    }

    #[test]
    fn init_and_new_parse() {
        let Command::Init(args) = Cli::parse_from(["careerpress", "init"]).command else { panic!("not init") };
        assert_eq!(args.dir, PathBuf::from("."));
        let cli = Cli::parse_from(["careerpress", "new", "jobs/coach", "--job", "--title", "Coach", "--root", "s"]);
        let Command::New(args) = cli.command else { panic!("not new") };
        assert_eq!((args.target.as_str(), args.title.as_deref(), args.job), ("jobs/coach", Some("Coach"), true));
        assert_eq!(args.site.root, PathBuf::from("s"));
    }

    #[test]
    fn serve_bind_is_an_ip_address() {
        let bind = |flags: &[&str]| {
            let cli = Cli::try_parse_from(["careerpress", "serve"].iter().chain(flags)).map_err(|e| e.kind())?;
            let Command::Serve(args) = cli.command else { panic!("not a serve command") };
            Ok(args.bind)
        };
        assert_eq!(bind(&[]), Ok(IpAddr::V4(Ipv4Addr::LOCALHOST)), "loopback unless told otherwise");
        assert_eq!(bind(&["--bind", "0.0.0.0"]), Ok(IpAddr::V4(Ipv4Addr::UNSPECIFIED)));
        assert_eq!(bind(&["--bind", "::1"]), Ok(IpAddr::V6(Ipv6Addr::LOCALHOST)));
        use clap::error::ErrorKind;
        assert_eq!(bind(&["--bind", "localhost"]), Ok(IpAddr::V4(Ipv4Addr::LOCALHOST)), "what people type");
        for bad in ["example.org", "256.0.0.1", "127.0.0.1:80", "", "[::1]"] {
            assert_eq!(bind(&["--bind", bad]), Err(ErrorKind::ValueValidation), "{bad:?}");
        }
    }

    #[test]
    fn followup_flags_parse() {
        let cli = Cli::parse_from(["careerpress", "followup", "--root", "x", "--interview", "2025-01-06", "--json"]);
        let Command::Followup(args) = cli.command else { panic!("not a followup command") };
        assert_eq!(args.site.root, PathBuf::from("x"));
        assert_eq!(args.interview, NaiveDate::from_ymd_opt(2025, 1, 6).unwrap());
        assert_eq!(args.timeline(), Timeline::None);
        assert!(args.json);
        let timeline = |flags: &[&str]| {
            let cli = Cli::try_parse_from(["careerpress", "followup", "--interview", "2025-01-06"].iter().chain(flags))
                .map_err(|e| e.kind())?;
            let Command::Followup(args) = cli.command else { panic!("not a followup command") };
            Ok(args.timeline())
        };
        assert_eq!(timeline(&["--within-days", "7"]), Ok(Timeline::Days(7)));
        assert_eq!(timeline(&["--within-weeks", "1"]), Ok(Timeline::Weeks(1)));
        assert_eq!(timeline(&["--within-business-days", "0"]), Ok(Timeline::BusinessDays(0)));
        let by = NaiveDate::from_ymd_opt(2025, 1, 17).unwrap();
        assert_eq!(timeline(&["--decision-by", "2025-01-17"]), Ok(Timeline::DecisionBy(by)));
        use clap::error::ErrorKind;
        assert_eq!(timeline(&["--within-days", "7", "--within-weeks", "1"]), Err(ErrorKind::ArgumentConflict));
        assert_eq!(timeline(&["--within-days", "-3"]), Err(ErrorKind::ValueValidation));
        assert_eq!(timeline(&["--within-days", "9999999999"]), Err(ErrorKind::ValueValidation));
        assert_eq!(timeline(&["--within-weeks", "one"]), Err(ErrorKind::ValueValidation));
        assert_eq!(timeline(&["--decision-by", "2025-02-30"]), Err(ErrorKind::ValueValidation));
        assert_eq!(timeline(&["--within-days", "+007"]), Ok(Timeline::Days(7)));
        assert_eq!(timeline(&["--within-days", "-0"]), Ok(Timeline::Days(0)));
        let missing = Cli::try_parse_from(["careerpress", "followup"]).map(|_| ()).map_err(|e| e.kind());
        assert_eq!(missing, Err(ErrorKind::MissingRequiredArgument));
    }

    #[test]
    fn an_allowed_host_is_a_name_alone() {
        assert_eq!(parse_allow_host("Preview.Example.test").unwrap(), "preview.example.test");
        assert_eq!(parse_allow_host(".Example.test").unwrap(), ".example.test");
        for bad in
            ["", ".", "http://x.test", "x.test:1111", "x.test/", "a..b", "x y", "*.x.test", "[::1]", &"a".repeat(64)]
        {
            let e = parse_allow_host(bad).unwrap_err();
            assert!(e.contains("is not a host name"), "{bad}: {e}");
        }
    }
}
