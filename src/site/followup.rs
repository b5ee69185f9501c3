//! The follow-up calculator: a generated page (and a `followup_calculator` shortcode) that
//! gives readers the same dates as `careerpress followup`, in their browser. The rules the
//! script uses are serialised here from site.toml, so Rust and JavaScript never drift, and
//! a table computed at build time keeps the page useful without JavaScript.

use super::jobs::CalloutContext;
use super::render::{Base, Dest};
use super::seo::SeoContext;
use super::Site;
use crate::error::{Error, ErrorKind};
use crate::followup::{self, Rules, Timeline};
use crate::markdown::Shortcode;
use crate::output::OutputFile;
use crate::templates::join_url;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

/// The page template; it extends base.html.
pub const FOLLOWUP_TEMPLATE: &str = "followup.html";
/// The form and result region, shared by the page and the shortcode.
pub const FOLLOWUP_FORM_TEMPLATE: &str = "partials/followup_form.html";
/// How the header names the calculator.
pub const FOLLOWUP_TITLE: &str = "Follow-up calculator";
/// The calculator page's description, for its head and link previews.
const FOLLOWUP_DESCRIPTION: &str =
    "When to send a thank-you note, follow up and move on after a job interview, counting business days.";
/// Where the calculator is published, relative to base_url.
pub const FOLLOWUP_PATH: &str = "follow-up-calculator/";

/// Monday of the week the no-JavaScript table counts from. Any week works because the
/// table leaves holidays out; a fixed one keeps the output the same on every build.
const REFERENCE_MONDAY: (i32, u32, u32) = (2025, 1, 6);

/// The timelines the no-JavaScript table shows, with the query-string form the script
/// reads, so each cell can link to the full result.
const TABLE_TIMELINES: [(&str, &str, Timeline); 4] = [
    ("none", "No timeline given", Timeline::None),
    ("within-weeks=1", "“Within one week”", Timeline::Weeks(1)),
    ("within-weeks=2", "“Within two weeks”", Timeline::Weeks(2)),
    ("within-business-days=5", "“Within five business days”", Timeline::BusinessDays(5)),
];

const WEEKDAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct TableColumn {
    pub key: &'static str,
    pub label: &'static str,
}

/// One cell: when to follow up after an interview on the row's weekday.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct TableCell {
    pub timeline: &'static str,
    /// ISO date of the follow-up in the reference week.
    pub follow_up: String,
    pub weekday: &'static str,
    pub days_after: i64,
    /// "Wednesday, 9 days later".
    pub text: String,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct TableRow {
    pub weekday: &'static str,
    /// ISO date of the interview in the reference week.
    pub interview: String,
    pub cells: Vec<TableCell>,
}

#[derive(Debug, Serialize)]
pub(crate) struct FollowupTable {
    pub columns: Vec<TableColumn>,
    pub rows: Vec<TableRow>,
}

/// What `partials/followup_form.html` needs.
#[derive(Debug, Serialize)]
struct FormContext {
    /// Prefix of every id in the form, so a page can hold the calculator more than once.
    id: String,
    /// The short form embedded in articles, which links to the full page.
    compact: bool,
    /// The full page reads and writes its query string; an embed leaves the article's alone.
    sync_url: bool,
    /// The level of the form's heading: 2 on the full page; in an article, one below the
    /// heading the shortcode stands under (`Shortcode::heading_level`).
    heading_level: u8,
    /// Already escaped for a `<script>` element by `escape::script_json`.
    rules_json: String,
    page_url: String,
}

/// The rules as the script reads them. Numbers come from the validated rules and the
/// library's limits, and every word from `followup::WORDING`, never from a second copy.
pub(crate) fn rules_json(rules: &Rules) -> Value {
    let weekend: Vec<bool> = WEEKDAYS_FROM_MONDAY.iter().map(|&d| rules.is_weekend(d)).collect();
    let holidays: Vec<String> = rules.holidays().map(|d| d.format("%Y-%m-%d").to_string()).collect();
    json!({
        "wording": wording_json(),
        "weekend": weekend,
        "holidays": holidays,
        "no_timeline_business_days": rules.no_timeline_business_days(),
        "after_deadline_business_days": rules.after_deadline_business_days(),
        "second_follow_up_business_days": rules.second_follow_up_business_days(),
        "max_timeline_days": followup::MAX_TIMELINE_DAYS,
        "max_timeline_weeks": followup::MAX_TIMELINE_WEEKS,
    })
}

/// `followup::WORDING`, plus the day and month names `followup::format_date` writes, taken
/// from its own formatting of a week and a year.
fn wording_json() -> Value {
    let mut wording = serde_json::to_value(&followup::WORDING).unwrap_or_default();
    let (y, m, d) = REFERENCE_MONDAY;
    let monday = NaiveDate::from_ymd_opt(y, m, d);
    let weekdays: Vec<String> = (0..7u64)
        .filter_map(|i| monday?.checked_add_days(Days::new(i)))
        .map(|day| day.format("%a").to_string())
        .collect();
    let months: Vec<String> = (1..=12)
        .filter_map(|month| NaiveDate::from_ymd_opt(y, month, 1))
        .map(|day| day.format("%b").to_string())
        .collect();
    wording["weekdays"] = json!(weekdays);
    wording["months"] = json!(months);
    wording
}

const WEEKDAYS_FROM_MONDAY: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

/// The follow-up day for each interview weekday and common timeline. `rules` should have
/// no holidays: the table speaks of weekdays, not of one particular week.
pub(crate) fn reference_table(rules: &Rules) -> Result<FollowupTable, String> {
    let (y, m, d) = REFERENCE_MONDAY;
    let monday = NaiveDate::from_ymd_opt(y, m, d).ok_or("the reference week is not a date")?;
    let columns = TABLE_TIMELINES.iter().map(|&(key, label, _)| TableColumn { key, label }).collect();
    let mut rows = Vec::with_capacity(7);
    for offset in 0..7u64 {
        let interview = monday.checked_add_days(Days::new(offset)).ok_or("the reference week ends the calendar")?;
        let mut cells = Vec::with_capacity(TABLE_TIMELINES.len());
        for &(key, _, timeline) in &TABLE_TIMELINES {
            let plan = followup::plan(rules, interview, timeline).map_err(|e| e.to_string())?;
            let days_after = (plan.follow_up - interview).num_days();
            let weekday = WEEKDAY_NAMES[plan.follow_up.weekday().num_days_from_monday() as usize];
            let unit = if days_after == 1 { "day" } else { "days" };
            cells.push(TableCell {
                timeline: key,
                follow_up: plan.follow_up.format("%Y-%m-%d").to_string(),
                weekday,
                days_after,
                text: format!("{weekday}, {days_after} {unit} later"),
            });
        }
        rows.push(TableRow {
            weekday: WEEKDAY_NAMES[interview.weekday().num_days_from_monday() as usize],
            interview: interview.format("%Y-%m-%d").to_string(),
            cells,
        });
    }
    Ok(FollowupTable { columns, rows })
}

/// What `followup.html` names.
#[derive(Serialize)]
struct FollowupVars<'a> {
    calc: FormContext,
    table: FollowupTable,
    #[serde(skip_serializing_if = "Option::is_none")]
    callout: Option<CalloutContext<'a>>,
    current_url: String,
    current_path: &'a str,
    seo: SeoContext<'a>,
}

impl Site {
    fn followup_form(&self, rules: &Rules, id: &str, compact: bool, heading_level: u8) -> FormContext {
        FormContext {
            id: id.to_string(),
            compact,
            sync_url: !compact,
            heading_level,
            rules_json: crate::escape::script_json(&rules_json(rules)),
            page_url: join_url(&self.config.base_url, FOLLOWUP_PATH),
        }
    }

    /// `follow-up-calculator/index.html`, always: a site without `[followup]` gets the
    /// default rules, as the `followup` command does.
    pub(super) fn render_followup_page(&self, base: &Base<'_>) -> Result<OutputFile, Error> {
        let source = PathBuf::from(crate::config::CONFIG_FILE);
        let fail = |m: String| Error::new(ErrorKind::Config, &source, m);
        let rules = &self.config.followup_rules;
        let table = reference_table(&rules.without_holidays()).map_err(fail)?;
        let vars = FollowupVars {
            calc: self.followup_form(rules, "followup", false, 2),
            table,
            callout: self.followup_callout(&base.listed.callout),
            current_url: join_url(&self.config.base_url, FOLLOWUP_PATH),
            current_path: FOLLOWUP_PATH,
            seo: self.other_seo(FOLLOWUP_TITLE.into(), FOLLOWUP_DESCRIPTION, FOLLOWUP_PATH),
        };
        let dest = Dest { rel: format!("{FOLLOWUP_PATH}index.html"), source, content_len: 0, own: false };
        self.render_vars(base, FOLLOWUP_TEMPLATE, &vars, dest)
    }

    /// `{{< followup_calculator >}}`, or `{{< followup_calculator id="second" >}}`. Every
    /// id in the form starts with the calculator's, so two on one page must differ: one
    /// without `id` takes the first free of `followup-embed`, `followup-embed-2`, …; an
    /// `id` already taken on the page is refused, since the author chose it.
    pub(super) fn followup_calculator_shortcode(&self, sc: &Shortcode, ids: &PageIds) -> Result<String, String> {
        if let Some(unknown) = sc.args.keys().find(|k| k.as_str() != "id") {
            return Err(format!("unknown argument `{unknown}`; it takes only `id`"));
        }
        let id = match sc.args.get("id") {
            Some(id) if !is_plain_id(id) => {
                return Err(format!("`id` {id:?} must be lower-case letters, digits and `-`"));
            }
            Some(id) => ids.claim(format!("followup-{id}")).ok_or_else(|| {
                format!("`id` {id:?} is taken by another calculator on this page: give each its own `id`")
            })?,
            None => (1..)
                .map(|n| if n == 1 { "followup-embed".to_string() } else { format!("followup-embed-{n}") })
                .find_map(|id| ids.claim(id))
                .unwrap_or_default(),
        };
        let mut ctx = self.base_context();
        ctx.insert("calc", &self.followup_form(&self.config.followup_rules, &id, true, sc.heading_level));
        self.templates.render(FOLLOWUP_FORM_TEMPLATE, &ctx).map_err(|e| e.to_string())
    }
}

/// The ids the shortcodes of one page have taken, in the order they are rendered.
#[derive(Default)]
pub(super) struct PageIds(Mutex<HashSet<String>>);

impl PageIds {
    /// `id`, now taken, or `None` when the page already has it.
    fn claim(&self, id: String) -> Option<String> {
        let mut taken = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        taken.insert(id.clone()).then_some(id)
    }
}

fn is_plain_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 40 && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::followup::FollowupConfig;

    fn d(text: &str) -> NaiveDate {
        crate::dates::parse_date(text).unwrap()
    }

    fn cell<'a>(table: &'a FollowupTable, weekday: &str, timeline: &str) -> &'a TableCell {
        let row = table.rows.iter().find(|r| r.weekday == weekday).unwrap();
        row.cells.iter().find(|c| c.timeline == timeline).unwrap()
    }

    #[test]
    fn table_has_every_weekday_and_timeline() {
        let table = reference_table(&Rules::default()).unwrap();
        let weekdays: Vec<&str> = table.rows.iter().map(|r| r.weekday).collect();
        assert_eq!(weekdays, WEEKDAY_NAMES);
        assert_eq!(table.rows[0].interview, "2025-01-06");
        assert_eq!(table.rows[6].interview, "2025-01-12");
        assert!(table.rows.iter().all(|r| r.cells.len() == 4));
        assert_eq!(table.columns.len(), 4);
    }

    #[test]
    fn table_cells_match_the_plan_with_default_rules() {
        let table = reference_table(&Rules::default()).unwrap();
        // The example: Monday, within a week, follow up Wednesday nine days later.
        let c = cell(&table, "Monday", "within-weeks=1");
        assert_eq!(c.follow_up, "2025-01-15");
        assert_eq!(c.text, "Wednesday, 9 days later");
        assert_eq!(cell(&table, "Monday", "none").text, "Monday, 7 days later");
        // Friday plus five business days is the next Friday.
        assert_eq!(cell(&table, "Friday", "none").text, "Friday, 7 days later");
        // A Saturday interview: five business days end on the next Friday.
        assert_eq!(cell(&table, "Saturday", "none").text, "Friday, 6 days later");
        // Friday + 5 business days = next Friday; +2 = Tuesday, 11 days later.
        assert_eq!(cell(&table, "Friday", "within-business-days=5").text, "Tuesday, 11 days later");
        for row in &table.rows {
            for c in &row.cells {
                let timeline = TABLE_TIMELINES.iter().find(|t| t.0 == c.timeline).unwrap().2;
                let p = followup::plan(&Rules::default(), d(&row.interview), timeline).unwrap();
                assert_eq!(c.follow_up, p.follow_up.to_string());
                assert_eq!(c.days_after, (p.follow_up - d(&row.interview)).num_days());
            }
        }
    }

    #[test]
    fn table_follows_a_friday_saturday_weekend_and_ignores_holidays() {
        let config = FollowupConfig {
            weekend: vec!["Friday".into(), "Saturday".into()],
            holidays: vec![d("2025-01-08")],
            ..FollowupConfig::default()
        };
        let rules = config.validate().unwrap();
        let plain = rules.without_holidays();
        assert_eq!(rules.holidays().count(), 1);
        assert_eq!(plain.holidays().count(), 0);
        let table = reference_table(&plain).unwrap();
        // Thursday 9 Jan: Sun..Thu are business days, five of them end Thursday 16 Jan.
        assert_eq!(cell(&table, "Thursday", "none").follow_up, "2025-01-16");
        // Monday 6 Jan, within a week: Monday 13; two business days later, Wednesday 15.
        assert_eq!(cell(&table, "Monday", "within-weeks=1").follow_up, "2025-01-15");
        // Wednesday 8 Jan is a holiday in `rules`, but the weekday table must not show it.
        assert_eq!(cell(&table, "Tuesday", "none").follow_up, "2025-01-14");
        assert!(table.rows.iter().flat_map(|r| &r.cells).all(|c| {
            let day = d(&c.follow_up).weekday();
            day != Weekday::Fri && day != Weekday::Sat
        }));
    }

    #[test]
    fn rules_json_comes_from_the_rules() {
        let config = FollowupConfig {
            no_timeline_business_days: 4,
            weekend: vec!["Sunday".into()],
            holidays: vec![d("2025-12-25"), d("2025-01-01")],
            ..FollowupConfig::default()
        };
        let v = rules_json(&config.validate().unwrap());
        assert_eq!(v["weekend"], json!([false, false, false, false, false, false, true]));
        assert_eq!(v["holidays"], json!(["2025-01-01", "2025-12-25"]));
        assert_eq!(v["no_timeline_business_days"], 4);
        assert_eq!(v["after_deadline_business_days"], 2);
        assert_eq!(v["second_follow_up_business_days"], 5);
        assert_eq!(v["max_timeline_days"], followup::MAX_TIMELINE_DAYS);
        assert_eq!(v["max_timeline_weeks"], followup::MAX_TIMELINE_WEEKS);
        let wording = &v["wording"];
        assert_eq!(wording["weekdays"], json!(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]));
        assert_eq!(wording["months"][0], "Jan");
        assert_eq!(wording["months"][11], "Dec");
        assert_eq!(wording["timeline_ends"]["within-weeks"], followup::WORDING.timeline_ends.within_weeks);
        assert_eq!(wording["errors"]["out_of_range"], followup::PlanError::OutOfRange.to_string());
    }

    #[test]
    fn page_ids_are_claimed_once() {
        let ids = PageIds::default();
        assert_eq!(ids.claim("a".into()).as_deref(), Some("a"));
        assert_eq!(ids.claim("a".into()), None);
        assert_eq!(ids.claim("b".into()).as_deref(), Some("b"));
    }

    #[test]
    fn shortcode_ids_are_plain() {
        assert!(is_plain_id("second-1"));
        assert!(!is_plain_id(""));
        assert!(!is_plain_id("a\"b"));
        assert!(!is_plain_id("Upper"));
    }
}
