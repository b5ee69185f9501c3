//! The generated follow-up calculator end to end: the real binary builds
//! `tests/fixtures/followup-page` (Friday-Saturday weekend, holidays, unusual counts) and
//! the tests read the page, its embedded rules and its no-JavaScript table back, checking
//! them against `careerpress::followup` computed here from the same site.toml.

use crate::common::{assert_error_location, check_links, parse_tags, read_output, TestSite};
use careerpress::config::Config;
use careerpress::followup::{self, FollowupConfig, Rules, Timeline};
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};
use std::path::Path;

const BASE: &str = "https://example.org/";

fn fixture_config() -> FollowupConfig {
    let site = crate::common::fixture_dir("followup-page").join("site.toml");
    let text = std::fs::read_to_string(&site).unwrap();
    Config::parse(&text, Path::new("site.toml")).expect("the fixture's site.toml is valid").followup
}

/// The text between the end of the first `open` after `from` and the next `close`.
fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open:?} in the page")) + open.len();
    let end = html[start..].find(close).unwrap_or_else(|| panic!("no {close:?} after {open:?}")) + start;
    &html[start..end]
}

/// The value of `name="..."` inside one tag's text.
fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    between(tag, &format!("{name}=\""), "\"")
}

struct Cell {
    interview: String,
    row_weekday: String,
    timeline: String,
    follow_up: String,
    days_after: i64,
    text: String,
}

/// Every `<td>` of the table body, with its row's interview date and weekday.
fn table_cells(html: &str) -> Vec<Cell> {
    let body = between(html, "<tbody>", "</tbody>");
    let mut cells = Vec::new();
    for row in body.split("<tr ").skip(1) {
        let interview = attr(row, "data-interview").to_string();
        let row_weekday = between(row, "<th scope=\"row\">", "</th>").to_string();
        for td in row.split("<td ").skip(1) {
            let tag_end = td.find('>').unwrap();
            let tag = &td[..tag_end];
            cells.push(Cell {
                interview: interview.clone(),
                row_weekday: row_weekday.clone(),
                timeline: attr(tag, "data-timeline").to_string(),
                follow_up: attr(tag, "data-follow-up").to_string(),
                days_after: attr(tag, "data-days-after").parse().unwrap(),
                text: td[tag_end + 1..td.find("</td>").unwrap()].to_string(),
            });
        }
    }
    cells
}

fn timeline_of(key: &str) -> Timeline {
    match key {
        "none" => Timeline::None,
        "within-weeks=1" => Timeline::Weeks(1),
        "within-weeks=2" => Timeline::Weeks(2),
        "within-business-days=5" => Timeline::BusinessDays(5),
        other => panic!("unexpected table column {other:?}"),
    }
}

fn weekday_name(date: NaiveDate) -> &'static str {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        [date.weekday().num_days_from_monday() as usize]
}

fn built() -> TestSite {
    let site = TestSite::new("followup-page");
    site.build_ok(&[]);
    site
}

#[test]
fn the_calculator_page_is_generated_with_a_live_result_region() {
    let site = built();
    let html = read_output(&site.out, "follow-up-calculator/index.html");
    assert!(html.contains("<h1>Follow-up calculator</h1>"), "{html}");
    let region = between(&html, "<div class=\"followup-result\"", ">");
    assert!(region.contains("role=\"status\""), "{region}");
    assert!(html.contains("<link rel=\"canonical\" href=\"https://example.org/follow-up-calculator/\">"));
    assert!(html.contains("<script src=\"https://example.org/followup.js\" defer></script>"));
    assert!(site.out.join("followup.js").is_file());
    // Every hint is linked to its field, and every field has a visible label.
    for field in ["interview", "timeline", "within-days", "within-weeks", "within-business-days", "decision-by"] {
        assert!(html.contains(&format!("<label for=\"followup-{field}\">")), "label for {field}");
        assert!(html.contains(&format!("aria-describedby=\"followup-{field}-hint\"")), "hint for {field}");
        assert!(html.contains(&format!("id=\"followup-{field}-hint\"")), "hint element for {field}");
    }
    check_links(&site.out, BASE).assert_ok();
}

#[test]
fn the_embedded_rules_are_the_site_toml_rules() {
    let site = built();
    let html = read_output(&site.out, "follow-up-calculator/index.html");
    let text =
        between(&html, "<script type=\"application/json\" id=\"followup-rules\" data-followup-rules>", "</script>");
    let mut rules: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    // The wording is the library's; followup_node checks the script fills it the same way.
    let mut wording = rules.as_object_mut().unwrap().remove("wording").expect("the rules carry their wording");
    let names = wording.as_object_mut().unwrap();
    assert_eq!(names.remove("weekdays").unwrap()[2], "Wed");
    assert_eq!(names.remove("months").unwrap()[0], "Jan");
    assert_eq!(wording, serde_json::to_value(followup::WORDING).unwrap());
    let expected = json!({
        "weekend": [false, false, false, false, true, true, false],
        "holidays": ["2025-01-14", "2025-12-25", "2026-01-01"],
        "no_timeline_business_days": 4,
        "after_deadline_business_days": 3,
        "second_follow_up_business_days": 6,
        "max_timeline_days": followup::MAX_TIMELINE_DAYS,
        "max_timeline_weeks": followup::MAX_TIMELINE_WEEKS,
    });
    assert_eq!(rules, expected);
    // The same numbers again, straight from the library's reading of site.toml.
    let r = fixture_config().validate().unwrap();
    assert_eq!(rules["no_timeline_business_days"], r.no_timeline_business_days());
    assert_eq!(rules["after_deadline_business_days"], r.after_deadline_business_days());
    assert_eq!(rules["second_follow_up_business_days"], r.second_follow_up_business_days());
    let holidays: Vec<String> = r.holidays().map(|d| d.to_string()).collect();
    assert_eq!(rules["holidays"], json!(holidays));
}

#[test]
fn the_no_script_table_matches_the_library() {
    let site = built();
    let html = read_output(&site.out, "follow-up-calculator/index.html");
    let cells = table_cells(&html);
    assert_eq!(cells.len(), 7 * 4, "seven weekdays by four timelines");
    // The table speaks of weekdays, so it counts without the site's holidays.
    let plain: Rules = FollowupConfig { holidays: Vec::new(), ..fixture_config() }.validate().unwrap();
    let mut weekdays = Vec::new();
    for cell in &cells {
        let interview: NaiveDate = cell.interview.parse().unwrap();
        assert_eq!(cell.row_weekday, weekday_name(interview));
        if !weekdays.contains(&cell.row_weekday) {
            weekdays.push(cell.row_weekday.clone());
        }
        let plan = followup::plan(&plain, interview, timeline_of(&cell.timeline)).unwrap();
        assert_eq!(cell.follow_up, plan.follow_up.to_string(), "{} {}", cell.interview, cell.timeline);
        let days = (plan.follow_up - interview).num_days();
        assert_eq!(cell.days_after, days);
        let unit = if days == 1 { "day" } else { "days" };
        assert_eq!(cell.text, format!("{}, {days} {unit} later", weekday_name(plan.follow_up)));
        let follow_up_weekday = plan.follow_up.weekday();
        assert!(follow_up_weekday != chrono::Weekday::Fri && follow_up_weekday != chrono::Weekday::Sat);
    }
    assert_eq!(weekdays, ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
}

#[test]
fn the_shortcode_embeds_the_form_in_an_article() {
    let site = built();
    let html = read_output(&site.out, "posts/guide/index.html");
    assert!(html.contains("When to follow up &lt;fast&gt;"), "the title is escaped");
    assert!(html.contains("<a href=\"https://example.org/follow-up-calculator/\">full calculator</a>"), "{html}");
    for id in ["followup-embed", "followup-again"] {
        assert!(html.contains(&format!("id=\"{id}\" data-followup-calculator data-sync-url=\"false\"")), "{id}");
        assert!(html.contains(&format!("<input type=\"date\" id=\"{id}-interview\"")), "{id}");
        assert!(html.contains(&format!("id=\"{id}-result\" role=\"status\"")), "{id}");
        let text = between(
            &html,
            &format!("<script type=\"application/json\" id=\"{id}-rules\" data-followup-rules>"),
            "</script>",
        );
        let rules: Value = serde_json::from_str(text).unwrap();
        assert_eq!(rules["weekend"], json!([false, false, false, false, true, true, false]));
    }
    // The embed links to the full page and is not wrapped in a Markdown paragraph.
    assert!(html.contains("data-followup-page-link"));
    assert!(!html.contains("<p><section"), "{html}");
}

#[test]
fn calculators_on_one_page_never_share_an_id() {
    let site = TestSite::new("followup-page");
    let calc = "{{< followup_calculator >}}";
    site.write(
        "content/posts/three.md",
        format!("---\ntitle: Three\ndate: 2025-01-01\n---\n\n{calc}\n\n{calc}\n\n{{{{< followup_calculator id=\"again\" >}}}}\n"),
    );
    site.build_ok(&[]);
    let html = read_output(&site.out, "posts/three/index.html");
    let ids: Vec<String> = parse_tags(&html).iter().filter_map(|t| t.attr("id").map(String::from)).collect();
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "every id once: {ids:?}");
    for id in ["followup-embed", "followup-embed-2", "followup-again"] {
        assert!(ids.iter().any(|i| i == id) && ids.contains(&format!("{id}-interview")), "{id} in {ids:?}");
    }

    // An id the author gave twice is the author's to change: the second is refused.
    site.write(
        "content/posts/three.md",
        "---\ntitle: Three\ndate: 2025-01-01\n---\n\n{{< followup_calculator id=\"a\" >}}\n\n{{< followup_calculator id=\"a\" >}}\n",
    );
    let r = site.build(&[]);
    r.assert_clean_failure();
    let line = assert_error_location(&r, "content/posts/three.md", Some(8));
    assert!(line.contains("`id` \"a\" is taken by another calculator on this page"), "{line}");
}

#[test]
fn a_site_without_followup_settings_gets_the_default_rules() {
    let site = TestSite::new("build-basic");
    site.build_ok(&[]);
    let html = read_output(&site.out, "follow-up-calculator/index.html");
    let text = between(&html, "id=\"followup-rules\" data-followup-rules>", "</script>");
    let rules: Value = serde_json::from_str(text).unwrap();
    assert_eq!(rules["weekend"], json!([false, false, false, false, false, true, true]));
    assert_eq!(rules["holidays"], json!([]));
    assert_eq!(rules["no_timeline_business_days"], 5);
    let cells = table_cells(&html);
    let monday_week = cells.iter().find(|c| c.row_weekday == "Monday" && c.timeline == "within-weeks=1").unwrap();
    assert_eq!(monday_week.text, "Wednesday, 9 days later");
}

#[test]
fn bad_shortcode_arguments_and_url_clashes_fail_the_build() {
    let site = TestSite::new("followup-page");
    site.write(
        "content/posts/bad.md",
        "---\ntitle: Bad\ndate: 2025-01-01\n---\n\nText.\n\n{{< followup_calculator size=\"big\" >}}\n",
    );
    let r = site.build(&[]);
    r.assert_clean_failure();
    let line = assert_error_location(&r, "content/posts/bad.md", Some(8));
    assert!(line.contains("unknown argument `size`"), "{line}");

    let site = TestSite::new("followup-page");
    site.write("content/follow-up-calculator.md", "---\ntitle: Mine\n---\n\nMine.\n");
    let r = site.build(&[]);
    r.assert_clean_failure();
    let line = assert_error_location(&r, "content/follow-up-calculator.md", None);
    assert!(line.contains("/follow-up-calculator/"), "{line}");
}

#[test]
fn the_page_carries_a_job_callout_where_the_site_has_a_board() {
    let site = TestSite::new("jobs-board");
    site.build_ok(&[]);
    let html = read_output(&site.out, "follow-up-calculator/index.html");
    assert!(html.contains("<aside class=\"job-callout\""), "{html}");
    let without = built();
    let html = read_output(&without.out, "follow-up-calculator/index.html");
    assert!(!html.contains("job-callout"), "no board, no callout");
}
