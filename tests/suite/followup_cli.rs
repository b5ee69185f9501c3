//! Runs the real `careerpress followup` binary, because its exit codes and output shapes
//! are promises to scripts that unit tests of the date rules cannot check.

use serde_json::Value;
use std::process::{Command, Output};

const DEFAULT_SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/followup-default");
const CUSTOM_SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/followup-custom");

fn followup(root: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_careerpress"))
        .arg("followup")
        .args(["--root", root])
        .args(args)
        .output()
        .expect("the careerpress binary runs")
}

fn json(root: &str, args: &[&str]) -> Value {
    let out = followup(root, &[args, &["--json"]].concat());
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.trim_end().lines().count(), 1, "one line of JSON: {text}");
    serde_json::from_str(&text).unwrap()
}

/// Asserts a usage error: exit code 2, nothing on stdout, and stderr mentioning `needle`.
fn assert_usage_error(args: &[&str], needle: &str) {
    let out = followup(DEFAULT_SITE, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
}

#[test]
fn issue_example_as_json() {
    let v = json(DEFAULT_SITE, &["--interview", "2025-01-06", "--within-weeks", "1"]);
    assert_eq!(v["interview"], "2025-01-06");
    assert_eq!(v["thank_you"], "2025-01-07");
    assert_eq!(v["deadline"], "2025-01-13");
    assert_eq!(v["follow_up"], "2025-01-15");
    assert_eq!(v["second_follow_up"], "2025-01-22");
    assert_eq!(v["move_on"], "2025-01-29");
    assert!(v["explanation"].as_str().unwrap().starts_with("Their one-week timeline ends Mon 13 Jan 2025;"));
    assert_eq!(v.as_object().unwrap().len(), 7);
}

#[test]
fn no_timeline_gives_a_null_deadline() {
    let v = json(DEFAULT_SITE, &["--interview", "2025-01-06"]);
    assert!(v["deadline"].is_null());
    assert_eq!(v["follow_up"], "2025-01-13");
}

#[test]
fn human_output_lists_dates_with_weekdays() {
    let out = followup(DEFAULT_SITE, &["--interview", "2025-01-06", "--within-weeks", "1"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Wed 15 Jan 2025"), "{text}");
    assert!(text.contains("Follow-up         Wed 15 Jan 2025"), "{text}");
    assert!(text.contains("Deadline          Mon 13 Jan 2025"), "{text}");
}

#[test]
fn site_weekend_and_holidays_are_used() {
    // Thursday interview; Friday and Saturday are the weekend, Sunday 12 a holiday.
    let v = json(CUSTOM_SITE, &["--interview", "2025-01-09"]);
    assert_eq!(v["thank_you"], "2025-01-13");
    assert_eq!(v["follow_up"], "2025-01-19");
    let v = json(CUSTOM_SITE, &["--interview", "2025-01-09", "--within-weeks", "1"]);
    assert_eq!(v["deadline"], "2025-01-16");
    assert_eq!(v["follow_up"], "2025-01-20");
    assert_eq!(v["second_follow_up"], "2025-01-27");
    assert_eq!(v["move_on"], "2025-02-03");
}

#[test]
fn impossible_input_exits_2() {
    assert_usage_error(&["--interview", "2025-01-06", "--decision-by", "2025-01-03"], "before the interview");
    assert_usage_error(&["--interview", "2025-01-06", "--within-days", "-3"], "negative");
    assert_usage_error(&["--interview", "2025-02-30"], "February 2025 has 28 days");
    assert_usage_error(
        &["--interview", "2025-01-06", "--within-days", "3", "--within-weeks", "1"],
        "cannot be used with",
    );
    assert_usage_error(&["--interview", "2025-01-06", "--within-days", "0"], "at least 1");
    assert_usage_error(&["--interview", "2025-01-06", "--within-weeks", "60"], "at most 52");
    assert_usage_error(&["--within-days", "3"], "--interview");
    assert_usage_error(&["--interview", "2025-01-06", "--decision-by", "2999-01-01"], "at most 365 days");
    assert_usage_error(&["--interview", "9999-12-31", "--within-days", "5"], "outside the calendar");
}

/// A count with twenty digits is a number all the same: too long a timeline, with the
/// limit for its unit, as 400 days is; a negative one of any length is negative.
#[test]
fn a_count_too_large_to_hold_is_too_long_not_not_a_number() {
    let twenty = "99999999999999999999";
    for (flag, limit) in [("--within-days", "365"), ("--within-weeks", "52"), ("--within-business-days", "365")] {
        let unit = flag.trim_start_matches("--within-").replace('-', " ");
        let says =
            format!("a timeline of {twenty} {unit} is longer than anyone waits for an answer: give at most {limit}");
        assert_usage_error(&["--interview", "2025-01-06", flag, twenty], &says);
    }
    assert_usage_error(&["--interview", "2025-01-06", "--within-days", "400"], "give at most 365");
    assert_usage_error(&["--interview", "2025-01-06", "--within-days", &format!("-{twenty}")], "is negative");
    assert_usage_error(&["--interview", "2025-01-06", "--within-days", "seven"], "is not a whole number");
}

#[test]
fn a_missing_site_folder_is_an_error_not_the_default_rules() {
    let out = followup("/nonexistent/careerpress-site", &["--interview", "2025-01-06"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("/nonexistent/careerpress-site") && stderr.contains("--root"), "{stderr}");
}

#[test]
fn broken_followup_table_exits_1_naming_site_toml() {
    let dir = tempfile::tempdir().unwrap();
    let text = "title = \"T\"\nbase_url = \"/\"\n[followup]\nweekend = [\"Caturday\"]\n";
    std::fs::write(dir.path().join("site.toml"), text).unwrap();
    let out = followup(dir.path().to_str().unwrap(), &["--interview", "2025-01-06"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("site.toml:4:1: `followup.weekend`"), "{stderr}");
}

#[test]
fn a_folder_without_site_toml_uses_the_default_rules() {
    let dir = tempfile::tempdir().unwrap();
    let out = followup(dir.path().to_str().unwrap(), &["--interview", "2025-01-06", "--within-weeks", "1", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["follow_up"], "2025-01-15");
}
