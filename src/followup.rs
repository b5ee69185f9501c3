//! When to send a thank-you note, follow up, and move on after a job interview, so the
//! `followup` command gives readers dates that respect their weekend and public holidays.
//! Everything here is a plain function of dates and rules: no clock, no files.

use crate::wording::fill;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Longest wait a `[followup]` setting may ask for: beyond it a typo is likelier than intent.
pub const MAX_SETTING_BUSINESS_DAYS: u32 = 60;
/// Longest timeline in days (or business days) an employer is believed to have given.
pub const MAX_TIMELINE_DAYS: u32 = 365;
/// Longest timeline in weeks, the same year as `MAX_TIMELINE_DAYS`.
pub const MAX_TIMELINE_WEEKS: u32 = 52;

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// The `[followup]` table of site.toml, as written; `validate` turns it into `Rules`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FollowupConfig {
    /// With no timeline from the employer, about a week.
    pub no_timeline_business_days: u32,
    /// With a timeline, a little past it.
    pub after_deadline_business_days: u32,
    /// Between the first and second follow-up, and between that and moving on.
    pub second_follow_up_business_days: u32,
    /// Full English weekday names, any case: some countries rest on Friday and Saturday.
    pub weekend: Vec<String>,
    /// ISO dates, quoted or as TOML dates, checked as they are read.
    #[serde(deserialize_with = "crate::dates::deserialize_toml_dates")]
    pub holidays: Vec<NaiveDate>,
}

impl Default for FollowupConfig {
    fn default() -> Self {
        FollowupConfig {
            no_timeline_business_days: 5,
            after_deadline_business_days: 2,
            second_follow_up_business_days: 5,
            weekend: vec!["Saturday".into(), "Sunday".into()],
            holidays: Vec::new(),
        }
    }
}

/// A `[followup]` setting that cannot be used; `key` lets site.toml errors point at it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`followup.{key}`: {message}")]
pub struct InvalidSetting {
    pub key: &'static str,
    pub message: String,
}

impl FollowupConfig {
    /// Checks every setting and builds the rules the date functions take.
    pub fn validate(&self) -> Result<Rules, InvalidSetting> {
        let invalid = |key: &'static str, message: String| InvalidSetting { key, message };
        for (key, value) in [
            ("no_timeline_business_days", self.no_timeline_business_days),
            ("after_deadline_business_days", self.after_deadline_business_days),
            ("second_follow_up_business_days", self.second_follow_up_business_days),
        ] {
            if !(1..=MAX_SETTING_BUSINESS_DAYS).contains(&value) {
                return Err(invalid(
                    key,
                    format!("{value} is not a usable number of business days: give 1 to {MAX_SETTING_BUSINESS_DAYS}"),
                ));
            }
        }
        let mut weekend = [false; 7];
        for name in &self.weekend {
            let day = parse_weekday(name).map_err(|m| invalid("weekend", m))?;
            weekend[day.num_days_from_monday() as usize] = true;
        }
        if weekend.iter().all(|&w| w) {
            return Err(invalid("weekend", "all seven days are weekend days, so no day is a business day".into()));
        }
        Ok(Rules {
            weekend,
            holidays: self.holidays.iter().copied().collect(),
            no_timeline_business_days: self.no_timeline_business_days,
            after_deadline_business_days: self.after_deadline_business_days,
            second_follow_up_business_days: self.second_follow_up_business_days,
        })
    }
}

/// Validated rules. Private fields keep the promise that at least one weekday is a
/// business day, which is what lets `add_business_days` always finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// Indexed by days from Monday.
    weekend: [bool; 7],
    holidays: BTreeSet<NaiveDate>,
    no_timeline_business_days: u32,
    after_deadline_business_days: u32,
    second_follow_up_business_days: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            weekend: [false, false, false, false, false, true, true],
            holidays: BTreeSet::new(),
            no_timeline_business_days: 5,
            after_deadline_business_days: 2,
            second_follow_up_business_days: 5,
        }
    }
}

impl Rules {
    /// The same rules on a calendar without public holidays: what a table of weekdays,
    /// rather than of one real week, is about.
    pub fn without_holidays(&self) -> Rules {
        Rules { holidays: BTreeSet::new(), ..self.clone() }
    }

    pub fn is_weekend(&self, day: Weekday) -> bool {
        self.weekend[day.num_days_from_monday() as usize]
    }
    pub fn holidays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.holidays.iter().copied()
    }
    pub fn no_timeline_business_days(&self) -> u32 {
        self.no_timeline_business_days
    }
    pub fn after_deadline_business_days(&self) -> u32 {
        self.after_deadline_business_days
    }
    pub fn second_follow_up_business_days(&self) -> u32 {
        self.second_follow_up_business_days
    }
}

/// What the employer said about when they would decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeline {
    None,
    Days(u32),
    Weeks(u32),
    BusinessDays(u32),
    DecisionBy(NaiveDate),
}

/// The dates to act on. Serialized as the `--json` output, dates as `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub interview: NaiveDate,
    /// None when no timeline was given.
    pub deadline: Option<NaiveDate>,
    pub thank_you: NaiveDate,
    pub follow_up: NaiveDate,
    pub second_follow_up: NaiveDate,
    pub move_on: NaiveDate,
    pub explanation: String,
}

/// Input that cannot describe a real interview; the command reports these as usage errors.
/// The messages are `WORDING.errors`, which the calculator page's script shows too.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    DecisionBeforeInterview { interview: NaiveDate, decision: NaiveDate },
    ZeroTimeline { unit: &'static str },
    TimelineTooLong { n: u32, unit: &'static str, max: u32 },
    DecisionTooFar { days: i64, max: u32 },
    OutOfRange,
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = &WORDING.errors;
        let text = match self {
            PlanError::DecisionBeforeInterview { interview, decision } => fill(
                words.decision_before_interview,
                &[("decision", &decision.to_string()), ("interview", &interview.to_string())],
            ),
            PlanError::ZeroTimeline { unit } => fill(words.zero_timeline, &[("unit", unit)]),
            PlanError::TimelineTooLong { n, unit, max } => {
                fill(words.timeline_too_long, &[("n", &n.to_string()), ("unit", unit), ("max", &max.to_string())])
            }
            PlanError::DecisionTooFar { days, max } => {
                fill(words.decision_too_far, &[("days", &days.to_string()), ("max", &max.to_string())])
            }
            PlanError::OutOfRange => words.out_of_range.to_string(),
        };
        f.write_str(&text)
    }
}

/// Everything a reader is told about a plan, as templates with `{name}` slots for `fill`.
/// The calculator page's script gets this very value in its rules JSON
/// (`site::followup::rules_json`) and fills the same templates, so the page and the
/// command can never word a plan differently.
#[derive(Debug, Serialize)]
pub struct Wording {
    /// Small numbers read better as words in a sentence; larger ones stay digits.
    pub number_words: [&'static str; 11],
    pub day: &'static str,
    pub days: &'static str,
    /// For dates that do not exist: "February 2025 has 28 days".
    pub month_names: [&'static str; 12],
    /// Slots: `n`, `days`, `follow_up`.
    pub no_timeline: &'static str,
    /// Slot: `n`.
    pub timeline_ends: ByTimeline,
    /// Takes the place of `timeline_ends` when the employer named a date.
    pub decided_by: &'static str,
    /// Slots: `ends`, `deadline`, `n`, `days`, `follow_up`.
    pub after_deadline: &'static str,
    /// Slots: `first` (one of the sentences above), `second_follow_up`, `move_on`.
    pub then: &'static str,
    /// What a count of each timeline counts, for error messages.
    pub units: ByTimeline,
    pub errors: ErrorWording,
}

/// One text per counted timeline, keyed as the query string names the timeline.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ByTimeline {
    pub within_days: &'static str,
    pub within_weeks: &'static str,
    pub within_business_days: &'static str,
}

/// `PlanError` and `dates::DateError` messages; slots as the field names of the errors.
#[derive(Debug, Serialize)]
pub struct ErrorWording {
    /// Slot: `text`, quoted.
    pub not_iso_form: &'static str,
    /// Slots: `text`, `month`.
    pub no_such_month: &'static str,
    /// Slot: `text`.
    pub no_year_zero: &'static str,
    /// Slots: `text`, `month_name`, `year`, `length`.
    pub month_length: &'static str,
    pub decision_before_interview: &'static str,
    pub zero_timeline: &'static str,
    pub timeline_too_long: &'static str,
    pub decision_too_far: &'static str,
    pub out_of_range: &'static str,
}

pub const WORDING: Wording = Wording {
    number_words: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
    day: "day",
    days: "days",
    month_names: crate::dates::MONTH_NAMES,
    no_timeline: "No timeline was given, so wait {n} business {days}: follow up on {follow_up}.",
    timeline_ends: ByTimeline {
        within_days: "Their {n}-day timeline ends",
        within_weeks: "Their {n}-week timeline ends",
        within_business_days: "Their {n}-business-day timeline ends",
    },
    decided_by: "They expect to decide by",
    after_deadline: "{ends} {deadline}; {n} business {days} later, on {follow_up}, send your follow-up.",
    then: "{first} If you still hear nothing, follow up once more on {second_follow_up}; by {move_on} it is time to move on.",
    units: ByTimeline { within_days: "days", within_weeks: "weeks", within_business_days: "business days" },
    errors: ErrorWording {
        not_iso_form: crate::dates::NOT_ISO_FORM,
        no_such_month: crate::dates::NO_SUCH_MONTH,
        no_year_zero: crate::dates::NO_YEAR_ZERO,
        month_length: crate::dates::MONTH_LENGTH,
        decision_before_interview: "the decision date {decision} is before the interview on {interview}",
        zero_timeline: "a timeline of 0 {unit} is not a timeline: give at least 1",
        timeline_too_long: "a timeline of {n} {unit} is longer than anyone waits for an answer: give at most {max}",
        decision_too_far: "a decision date {days} days after the interview is further off than anyone waits for an answer: give one at most {max} days after it",
        out_of_range: "the follow-up dates would fall outside the calendar this tool can count in",
    },
};

pub fn is_business_day(rules: &Rules, date: NaiveDate) -> bool {
    !rules.is_weekend(date.weekday()) && !rules.holidays.contains(&date)
}

/// The k-th business day after `date`, which itself never counts; `date` for k = 0.
/// None only when the calendar runs out.
pub fn add_business_days(rules: &Rules, date: NaiveDate, k: u32) -> Option<NaiveDate> {
    // Rules from `validate` never have a seven-day weekend, but a day-by-day walk with
    // no business days would only stop at the end of the calendar.
    if k > 0 && rules.weekend.iter().all(|&w| w) {
        return None;
    }
    let mut day = date;
    let mut counted = 0;
    while counted < k {
        day = day.succ_opt()?;
        if is_business_day(rules, day) {
            counted += 1;
        }
    }
    Some(day)
}

/// Works out every date from the interview date and what the employer said.
pub fn plan(rules: &Rules, interview: NaiveDate, timeline: Timeline) -> Result<Plan, PlanError> {
    check_timeline(interview, timeline)?;
    // Four-digit years only, as ISO dates and the page's script have them.
    let in_range = |d: Option<NaiveDate>| d.filter(|d| d.year() <= 9999).ok_or(PlanError::OutOfRange);
    let add = |date: NaiveDate, k: u32| in_range(add_business_days(rules, date, k));
    let add_calendar = |days: u64| in_range(interview.checked_add_days(Days::new(days)));
    let deadline = match timeline {
        Timeline::None => None,
        Timeline::Days(n) => Some(add_calendar(u64::from(n))?),
        Timeline::Weeks(n) => Some(add_calendar(7 * u64::from(n))?),
        Timeline::BusinessDays(n) => Some(add(interview, n)?),
        Timeline::DecisionBy(date) => Some(date),
    };
    let thank_you = add(interview, 1)?;
    let follow_up = match deadline {
        Some(date) => add(date, rules.after_deadline_business_days)?,
        None => add(interview, rules.no_timeline_business_days)?,
    };
    let second_follow_up = add(follow_up, rules.second_follow_up_business_days)?;
    let move_on = add(second_follow_up, rules.second_follow_up_business_days)?;
    let mut plan =
        Plan { interview, deadline, thank_you, follow_up, second_follow_up, move_on, explanation: String::new() };
    plan.explanation = explain(rules, timeline, &plan);
    Ok(plan)
}

fn check_timeline(interview: NaiveDate, timeline: Timeline) -> Result<(), PlanError> {
    let (n, unit, max) = match timeline {
        Timeline::None => return Ok(()),
        Timeline::DecisionBy(decision) if decision < interview => {
            return Err(PlanError::DecisionBeforeInterview { interview, decision })
        }
        Timeline::DecisionBy(decision) => {
            let days = (decision - interview).num_days();
            return if days > i64::from(MAX_TIMELINE_DAYS) {
                Err(PlanError::DecisionTooFar { days, max: MAX_TIMELINE_DAYS })
            } else {
                Ok(())
            };
        }
        Timeline::Days(n) => (n, WORDING.units.within_days, MAX_TIMELINE_DAYS),
        Timeline::Weeks(n) => (n, WORDING.units.within_weeks, MAX_TIMELINE_WEEKS),
        Timeline::BusinessDays(n) => (n, WORDING.units.within_business_days, MAX_TIMELINE_DAYS),
    };
    if n == 0 {
        Err(PlanError::ZeroTimeline { unit })
    } else if n > max {
        Err(PlanError::TimelineTooLong { n, unit, max })
    } else {
        Ok(())
    }
}

fn explain(rules: &Rules, timeline: Timeline, plan: &Plan) -> String {
    let words = &WORDING;
    let days = |n: u32| if n == 1 { words.day } else { words.days };
    let first = match (timeline, plan.deadline) {
        (Timeline::None, _) | (_, None) => {
            let n = rules.no_timeline_business_days;
            fill(
                words.no_timeline,
                &[("n", &number_words(n)), ("days", days(n)), ("follow_up", &format_date(plan.follow_up))],
            )
        }
        (_, Some(deadline)) => {
            let ends = &words.timeline_ends;
            let (template, n) = match timeline {
                Timeline::Days(n) => (ends.within_days, n),
                Timeline::Weeks(n) => (ends.within_weeks, n),
                Timeline::BusinessDays(n) => (ends.within_business_days, n),
                _ => (words.decided_by, 0),
            };
            let after = rules.after_deadline_business_days;
            fill(
                words.after_deadline,
                &[
                    ("ends", &fill(template, &[("n", &number_words(n))])),
                    ("deadline", &format_date(deadline)),
                    ("n", &number_words(after)),
                    ("days", days(after)),
                    ("follow_up", &format_date(plan.follow_up)),
                ],
            )
        }
    };
    fill(
        words.then,
        &[
            ("first", &first),
            ("second_follow_up", &format_date(plan.second_follow_up)),
            ("move_on", &format_date(plan.move_on)),
        ],
    )
}

/// The plan as a short aligned list for a person, then the explanation.
pub fn format_plan(plan: &Plan) -> String {
    let deadline = plan.deadline.map_or_else(|| "none given".to_string(), format_date);
    let rows = [
        ("Interview", format_date(plan.interview)),
        ("Thank-you note", format_date(plan.thank_you)),
        ("Deadline", deadline),
        ("Follow-up", format_date(plan.follow_up)),
        ("Second follow-up", format_date(plan.second_follow_up)),
        ("Move on", format_date(plan.move_on)),
    ];
    let width = rows.iter().map(|(label, _)| label.len()).max().unwrap_or(0) + 2;
    let mut out = String::new();
    for (label, value) in rows {
        out.push_str(&format!("{label:<width$}{value}\n"));
    }
    out.push('\n');
    out.push_str(&plan.explanation);
    out.push('\n');
    out
}

/// "Wed 15 Jan 2025": the weekday matters as much as the date when planning a message.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

fn parse_weekday(name: &str) -> Result<Weekday, String> {
    let lower = name.trim().to_ascii_lowercase();
    if let Some((_, day)) = WEEKDAYS.iter().find(|(full, _)| *full == lower) {
        return Ok(*day);
    }
    // An abbreviation is a likely slip; naming the full word makes the fix obvious.
    match WEEKDAYS.iter().find(|(full, _)| lower.len() >= 2 && full.starts_with(&lower)) {
        Some((full, _)) => {
            let mut suggestion = full.to_string();
            suggestion[..1].make_ascii_uppercase();
            Err(format!("{name:?} is not a weekday name: write it in full, {suggestion:?}"))
        }
        None => Err(format!("{name:?} is not a weekday name: use English names such as \"Saturday\"")),
    }
}

/// Small numbers read better as words in a sentence; larger ones stay digits.
pub fn number_words(n: u32) -> String {
    WORDING.number_words.get(n as usize).map_or_else(|| n.to_string(), |w| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        crate::dates::parse_date(text).unwrap()
    }

    fn rules(weekend: &[&str], holidays: &[&str]) -> Rules {
        FollowupConfig {
            weekend: weekend.iter().map(|s| s.to_string()).collect(),
            holidays: holidays.iter().map(|s| d(s)).collect(),
            ..FollowupConfig::default()
        }
        .validate()
        .unwrap()
    }

    fn default_plan(interview: &str, timeline: Timeline) -> Plan {
        plan(&Rules::default(), d(interview), timeline).unwrap()
    }

    // The issue's example, every date of it.
    #[test]
    fn issue_example_one_week() {
        let p = default_plan("2025-01-06", Timeline::Weeks(1));
        assert_eq!(p.interview, d("2025-01-06"));
        assert_eq!(p.thank_you, d("2025-01-07"));
        assert_eq!(p.deadline, Some(d("2025-01-13")));
        assert_eq!(p.follow_up, d("2025-01-15"));
        assert_eq!(p.second_follow_up, d("2025-01-22"));
        assert_eq!(p.move_on, d("2025-01-29"));
        assert!(
            p.explanation.starts_with(
                "Their one-week timeline ends Mon 13 Jan 2025; two business days later, on Wed 15 Jan 2025, send your follow-up."
            ),
            "{}",
            p.explanation
        );
        assert!(p
            .explanation
            .ends_with("follow up once more on Wed 22 Jan 2025; by Wed 29 Jan 2025 it is time to move on."));
    }

    #[test]
    fn no_timeline_waits_five_business_days() {
        let p = default_plan("2025-01-06", Timeline::None);
        assert_eq!(p.deadline, None);
        assert_eq!(p.follow_up, d("2025-01-13"));
        assert_eq!(p.second_follow_up, d("2025-01-20"));
        assert_eq!(p.move_on, d("2025-01-27"));
        assert!(
            p.explanation
                .starts_with("No timeline was given, so wait five business days: follow up on Mon 13 Jan 2025."),
            "{}",
            p.explanation
        );
    }

    #[test]
    fn the_default_config_gives_the_default_rules() {
        assert_eq!(FollowupConfig::default().validate().unwrap(), Rules::default());
    }

    #[test]
    fn weekend_interviews_thank_on_monday() {
        for interview in ["2025-01-10", "2025-01-11", "2025-01-12"] {
            let p = default_plan(interview, Timeline::None);
            assert_eq!(p.thank_you, d("2025-01-13"), "interview {interview}");
            assert_eq!(p.follow_up, d("2025-01-17"), "interview {interview}");
        }
    }

    #[test]
    fn calendar_deadline_on_a_weekend_is_kept_and_follow_up_skips_it() {
        // Friday + 1 day is Saturday: that is when they said, so it stays the deadline.
        let p = default_plan("2025-01-10", Timeline::Days(1));
        assert_eq!(p.deadline, Some(d("2025-01-11")));
        assert_eq!(p.follow_up, d("2025-01-14"));
        let p = default_plan("2025-01-08", Timeline::Days(3));
        assert_eq!(p.deadline, Some(d("2025-01-11")));
        assert_eq!(p.follow_up, d("2025-01-14"));
        assert!(p.explanation.starts_with("Their three-day timeline ends Sat 11 Jan 2025; two business days later"));
    }

    #[test]
    fn business_day_timeline() {
        let p = default_plan("2025-01-06", Timeline::BusinessDays(5));
        assert_eq!(p.deadline, Some(d("2025-01-13")));
        assert_eq!(p.follow_up, d("2025-01-15"));
        assert!(
            p.explanation.starts_with("Their five-business-day timeline ends Mon 13 Jan 2025;"),
            "{}",
            p.explanation
        );
        let p = default_plan("2025-01-10", Timeline::BusinessDays(3));
        assert_eq!(p.deadline, Some(d("2025-01-15")));
    }

    #[test]
    fn decision_by_timeline() {
        let p = default_plan("2025-01-06", Timeline::DecisionBy(d("2025-01-17")));
        assert_eq!(p.deadline, Some(d("2025-01-17")));
        assert_eq!(p.follow_up, d("2025-01-21"));
        assert!(p
            .explanation
            .starts_with("They expect to decide by Fri 17 Jan 2025; two business days later, on Tue 21 Jan 2025,"));
        // A Saturday decision date: the follow-up counts from it all the same.
        let p = default_plan("2025-01-06", Timeline::DecisionBy(d("2025-01-18")));
        assert_eq!(p.follow_up, d("2025-01-21"));
        // Deciding on the day of the interview is odd but possible.
        let p = default_plan("2025-01-06", Timeline::DecisionBy(d("2025-01-06")));
        assert_eq!(p.follow_up, d("2025-01-08"));
    }

    #[test]
    fn long_timelines_in_words_and_digits() {
        let p = default_plan("2025-01-06", Timeline::Days(10));
        assert!(p.explanation.starts_with("Their ten-day timeline ends Thu 16 Jan 2025;"), "{}", p.explanation);
        let p = default_plan("2025-01-06", Timeline::Days(11));
        assert!(p.explanation.starts_with("Their 11-day timeline ends Fri 17 Jan 2025;"), "{}", p.explanation);
        let p = default_plan("2025-01-06", Timeline::Weeks(3));
        assert_eq!(p.deadline, Some(d("2025-01-27")));
        assert!(p.explanation.starts_with("Their three-week timeline ends Mon 27 Jan 2025;"));
    }

    #[test]
    fn friday_saturday_weekend() {
        let r = rules(&["Friday", "Saturday"], &[]);
        assert!(is_business_day(&r, d("2025-01-12")), "Sunday works");
        assert!(!is_business_day(&r, d("2025-01-10")));
        assert!(!is_business_day(&r, d("2025-01-11")));
        let p = plan(&r, d("2025-01-09"), Timeline::None).unwrap();
        assert_eq!(p.thank_you, d("2025-01-12"));
        assert_eq!(p.follow_up, d("2025-01-16"));
        let p = plan(&r, d("2025-01-09"), Timeline::Weeks(1)).unwrap();
        assert_eq!(p.deadline, Some(d("2025-01-16")));
        assert_eq!(p.follow_up, d("2025-01-20"));
    }

    #[test]
    fn single_and_empty_weekends() {
        let r = rules(&["sunday"], &[]);
        let p = plan(&r, d("2025-01-10"), Timeline::None).unwrap();
        assert_eq!(p.thank_you, d("2025-01-11"), "Saturday works");
        assert_eq!(p.follow_up, d("2025-01-16"));
        let r = rules(&[], &[]);
        assert_eq!(add_business_days(&r, d("2025-01-06"), 5), Some(d("2025-01-11")));
    }

    #[test]
    fn holiday_on_the_deadline_does_not_move_it() {
        let r = rules(&["Saturday", "Sunday"], &["2025-01-13"]);
        let p = plan(&r, d("2025-01-06"), Timeline::Weeks(1)).unwrap();
        assert_eq!(p.deadline, Some(d("2025-01-13")));
        assert_eq!(p.follow_up, d("2025-01-15"));
        let r = rules(&["Saturday", "Sunday"], &["2025-01-14"]);
        let p = plan(&r, d("2025-01-06"), Timeline::Weeks(1)).unwrap();
        assert_eq!(p.follow_up, d("2025-01-16"));
    }

    #[test]
    fn holidays_are_skipped_when_counting() {
        let r = rules(&["Saturday", "Sunday"], &["2025-01-10"]);
        let p = plan(&r, d("2025-01-06"), Timeline::BusinessDays(5)).unwrap();
        assert_eq!(p.deadline, Some(d("2025-01-14")));
        assert_eq!(p.follow_up, d("2025-01-16"));
        // A holiday on the interview day itself changes nothing: the start never counts.
        let r = rules(&["Saturday", "Sunday"], &["2025-01-06"]);
        assert_eq!(plan(&r, d("2025-01-06"), Timeline::None).unwrap().follow_up, d("2025-01-13"));
    }

    #[test]
    fn consecutive_holidays_across_the_year_end() {
        let r = rules(&["Saturday", "Sunday"], &["2025-12-24", "2025-12-25", "2025-12-26", "2026-01-01"]);
        let p = plan(&r, d("2025-12-23"), Timeline::None).unwrap();
        assert_eq!(p.thank_you, d("2025-12-29"));
        assert_eq!(p.follow_up, d("2026-01-05"));
    }

    #[test]
    fn year_ends() {
        let p = default_plan("2024-12-31", Timeline::None);
        assert_eq!(p.thank_you, d("2025-01-01"));
        assert_eq!(p.follow_up, d("2025-01-07"));
        let p = default_plan("2025-12-30", Timeline::Days(7));
        assert_eq!(p.deadline, Some(d("2026-01-06")));
        assert_eq!(p.follow_up, d("2026-01-08"));
        let p = default_plan("2025-12-30", Timeline::Days(2));
        assert_eq!(p.deadline, Some(d("2026-01-01")));
        let p = default_plan("2027-12-31", Timeline::None);
        assert_eq!(p.thank_you, d("2028-01-03"));
    }

    #[test]
    fn leap_days() {
        let p = default_plan("2024-02-28", Timeline::Days(1));
        assert_eq!(p.deadline, Some(d("2024-02-29")));
        assert_eq!(p.thank_you, d("2024-02-29"));
        assert_eq!(default_plan("2024-02-28", Timeline::Days(2)).deadline, Some(d("2024-03-01")));
        assert_eq!(default_plan("2024-02-28", Timeline::BusinessDays(2)).deadline, Some(d("2024-03-01")));
        assert_eq!(default_plan("2024-02-29", Timeline::Weeks(52)).deadline, Some(d("2025-02-27")));
        assert_eq!(default_plan("2024-02-29", Timeline::Days(365)).deadline, Some(d("2025-02-28")));
        let p = default_plan("2028-02-28", Timeline::Days(1));
        assert_eq!(p.deadline, Some(d("2028-02-29")));
        assert_eq!(p.thank_you, d("2028-02-29"));
        // 2100 is not a leap year: Sunday 28 February is followed by Monday 1 March.
        assert!(NaiveDate::from_ymd_opt(2100, 2, 29).is_none());
        let p = default_plan("2100-02-28", Timeline::Days(1));
        assert_eq!(p.deadline, Some(d("2100-03-01")));
        assert_eq!(p.thank_you, d("2100-03-01"));
        assert_eq!(p.follow_up, d("2100-03-03"));
    }

    #[test]
    fn timeline_bounds() {
        let ok = |t| plan(&Rules::default(), d("2025-01-06"), t).is_ok();
        assert!(ok(Timeline::Days(1)) && ok(Timeline::Days(365)));
        assert!(ok(Timeline::Weeks(1)) && ok(Timeline::Weeks(52)));
        assert!(ok(Timeline::BusinessDays(1)) && ok(Timeline::BusinessDays(365)));
        let err = |t| plan(&Rules::default(), d("2025-01-06"), t).unwrap_err();
        assert_eq!(err(Timeline::Days(0)), PlanError::ZeroTimeline { unit: "days" });
        assert_eq!(err(Timeline::Weeks(0)), PlanError::ZeroTimeline { unit: "weeks" });
        assert_eq!(err(Timeline::BusinessDays(0)), PlanError::ZeroTimeline { unit: "business days" });
        assert_eq!(err(Timeline::Days(366)), PlanError::TimelineTooLong { n: 366, unit: "days", max: 365 });
        assert_eq!(err(Timeline::Weeks(53)), PlanError::TimelineTooLong { n: 53, unit: "weeks", max: 52 });
        assert!(matches!(err(Timeline::BusinessDays(u32::MAX)), PlanError::TimelineTooLong { .. }));
        assert!(matches!(err(Timeline::Weeks(u32::MAX)), PlanError::TimelineTooLong { .. }));
    }

    #[test]
    fn decision_before_interview_is_an_error() {
        let e = plan(&Rules::default(), d("2025-01-06"), Timeline::DecisionBy(d("2025-01-05"))).unwrap_err();
        assert_eq!(e, PlanError::DecisionBeforeInterview { interview: d("2025-01-06"), decision: d("2025-01-05") });
        assert_eq!(e.to_string(), "the decision date 2025-01-05 is before the interview on 2025-01-06");
    }

    #[test]
    fn decision_dates_far_off_are_absurd() {
        let r = Rules::default();
        assert!(plan(&r, d("2025-01-06"), Timeline::DecisionBy(d("2026-01-06"))).is_ok(), "365 days is allowed");
        let e = plan(&r, d("2025-01-06"), Timeline::DecisionBy(d("2026-01-07"))).unwrap_err();
        assert_eq!(e, PlanError::DecisionTooFar { days: 366, max: MAX_TIMELINE_DAYS });
    }

    #[test]
    fn dates_past_year_9999_are_out_of_range() {
        let e = plan(&Rules::default(), d("9999-12-28"), Timeline::Days(5)).unwrap_err();
        assert_eq!(e, PlanError::OutOfRange);
        let p = plan(&Rules::default(), d("9999-11-01"), Timeline::None).unwrap();
        assert!(p.move_on.year() <= 9999);
    }

    #[test]
    fn the_end_of_the_calendar_is_an_error_not_a_panic() {
        let max = NaiveDate::MAX;
        let r = Rules::default();
        assert_eq!(add_business_days(&r, max, 0), Some(max));
        assert_eq!(add_business_days(&r, max, 1), None);
        assert_eq!(add_business_days(&r, max, u32::MAX), None);
        for timeline in [
            Timeline::None,
            Timeline::Days(1),
            Timeline::Weeks(52),
            Timeline::BusinessDays(365),
            Timeline::DecisionBy(max),
        ] {
            assert_eq!(plan(&r, max, timeline), Err(PlanError::OutOfRange), "{timeline:?}");
            let near = max.checked_sub_days(Days::new(10)).unwrap();
            assert_eq!(plan(&r, near, timeline), Err(PlanError::OutOfRange), "{timeline:?}");
        }
        // The other end of the calendar only ever moves forward, so it works.
        assert!(plan(&r, NaiveDate::MIN, Timeline::Weeks(52)).is_ok());
    }

    #[test]
    fn a_seven_day_weekend_cannot_hang_the_count() {
        let r = Rules { weekend: [true; 7], ..Rules::default() };
        assert_eq!(add_business_days(&r, d("2025-01-06"), 1), None);
        assert_eq!(add_business_days(&r, d("2025-01-06"), 0), Some(d("2025-01-06")));
    }

    /// Counts business days without `is_business_day`: the weekday comes from the
    /// distance to a known Monday, and holidays from a linear scan.
    fn naive_is_business_day(weekend: &[u32], holidays: &[NaiveDate], day: NaiveDate) -> bool {
        let known_monday = NaiveDate::from_ymd_opt(2001, 1, 1).unwrap();
        let from_monday = (day - known_monday).num_days().rem_euclid(7) as u32;
        !weekend.contains(&from_monday) && !holidays.contains(&day)
    }

    #[test]
    fn add_business_days_agrees_with_a_naive_count() {
        let cases: [(&[&str], &[u32], &[&str]); 4] = [
            (&["Saturday", "Sunday"], &[5, 6], &[]),
            (
                &["Friday", "Saturday"],
                &[4, 5],
                &["2024-12-24", "2024-12-25", "2024-12-26", "2025-01-01", "2027-05-01", "2100-03-01"],
            ),
            (&["Sunday"], &[6], &["2024-02-29", "2028-02-28", "2028-02-29", "2028-03-01", "2028-03-02"]),
            (&[], &[], &["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05", "2026-06-06"]),
        ];
        let ranges = [("2023-12-01", "2029-01-31"), ("2099-11-01", "2101-03-01")];
        for (names, weekend, holidays) in cases {
            let r = rules(names, holidays);
            let holidays: Vec<NaiveDate> = holidays.iter().map(|h| d(h)).collect();
            for (from, to) in ranges {
                let mut start = d(from);
                while start <= d(to) {
                    for k in 0..=15 {
                        let end = add_business_days(&r, start, k).unwrap();
                        if k == 0 {
                            assert_eq!(end, start);
                            continue;
                        }
                        assert!(end > start, "{start} + {k}");
                        assert!(naive_is_business_day(weekend, &holidays, end), "{start} + {k} = {end}");
                        let counted = start
                            .iter_days()
                            .skip(1)
                            .take_while(|day| *day <= end)
                            .filter(|day| naive_is_business_day(weekend, &holidays, *day))
                            .count();
                        assert_eq!(counted, k as usize, "{start} + {k} = {end} under {names:?}");
                    }
                    start = start.succ_opt().unwrap();
                }
            }
        }
    }

    #[test]
    fn json_has_exactly_the_documented_keys() {
        let json = serde_json::to_value(default_plan("2025-01-06", Timeline::Weeks(1))).unwrap();
        let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected =
            vec!["interview", "deadline", "thank_you", "follow_up", "second_follow_up", "move_on", "explanation"];
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        expected.sort_unstable();
        assert_eq!(sorted, expected);
        assert_eq!(json["interview"], "2025-01-06");
        assert_eq!(json["deadline"], "2025-01-13");
        assert_eq!(json["follow_up"], "2025-01-15");
        let json = serde_json::to_value(default_plan("2025-01-06", Timeline::None)).unwrap();
        assert!(json["deadline"].is_null());
    }

    #[test]
    fn human_list_is_aligned_with_weekdays() {
        let text = format_plan(&default_plan("2025-01-06", Timeline::Weeks(1)));
        assert!(text.starts_with("Interview         Mon 6 Jan 2025\nThank-you note    Tue 7 Jan 2025\n"), "{text}");
        assert!(text.contains("\nDeadline          Mon 13 Jan 2025\n"), "{text}");
        assert!(text.contains("\nFollow-up         Wed 15 Jan 2025\n"), "{text}");
        assert!(text.contains("\nSecond follow-up  Wed 22 Jan 2025\n"), "{text}");
        assert!(text.contains("\nMove on           Wed 29 Jan 2025\n\nTheir one-week"), "{text}");
        let text = format_plan(&default_plan("2025-01-06", Timeline::None));
        assert!(text.contains("\nDeadline          none given\n"), "{text}");
    }

    #[test]
    fn numbers_up_to_ten_are_words() {
        assert_eq!(number_words(0), "zero");
        assert_eq!(number_words(1), "one");
        assert_eq!(number_words(10), "ten");
        assert_eq!(number_words(11), "11");
        let r = FollowupConfig { after_deadline_business_days: 1, no_timeline_business_days: 1, ..Default::default() }
            .validate()
            .unwrap();
        let p = plan(&r, d("2025-01-06"), Timeline::Weeks(1)).unwrap();
        assert!(p.explanation.contains("; one business day later, on Tue 14 Jan 2025,"), "{}", p.explanation);
        let p = plan(&r, d("2025-01-06"), Timeline::None).unwrap();
        assert!(p
            .explanation
            .starts_with("No timeline was given, so wait one business day: follow up on Tue 7 Jan 2025."));
    }

    fn validate_toml(text: &str) -> Result<Rules, InvalidSetting> {
        toml::from_str::<FollowupConfig>(text).unwrap().validate()
    }

    #[test]
    fn config_reads_names_in_any_case_and_both_date_forms() {
        let r =
            validate_toml("weekend = [\"friday\", \"SATURDAY\"]\nholidays = [\"2025-12-25\", 2026-01-01]\n").unwrap();
        assert!(r.is_weekend(Weekday::Fri) && r.is_weekend(Weekday::Sat) && !r.is_weekend(Weekday::Sun));
        assert_eq!(r.holidays().collect::<Vec<_>>(), vec![d("2025-12-25"), d("2026-01-01")]);
        let r = validate_toml("weekend = [\"Sunday\", \"sunday\"]\nno_timeline_business_days = 60\n").unwrap();
        assert_eq!(r.no_timeline_business_days(), 60);
        assert!(r.is_weekend(Weekday::Sun) && !r.is_weekend(Weekday::Sat));
        assert_eq!(validate_toml("").unwrap(), Rules::default());
    }

    #[test]
    fn config_errors_name_the_key() {
        let e = validate_toml("weekend = [\"Fri\"]").unwrap_err();
        assert_eq!(e.key, "weekend");
        assert!(e.to_string().contains("write it in full, \"Friday\""), "{e}");
        let e = validate_toml("weekend = [\"Funday\"]").unwrap_err();
        assert_eq!(e.key, "weekend");
        let all =
            "weekend = [\"Monday\", \"Tuesday\", \"Wednesday\", \"Thursday\", \"Friday\", \"Saturday\", \"Sunday\"]";
        let e = validate_toml(all).unwrap_err();
        assert_eq!(e.key, "weekend");
        assert!(e.message.contains("all seven"), "{e}");
        for (key, value) in [
            ("no_timeline_business_days", 61),
            ("after_deadline_business_days", 0),
            ("second_follow_up_business_days", 1000),
        ] {
            let e = validate_toml(&format!("{key} = {value}")).unwrap_err();
            assert_eq!(e.key, key);
        }
    }

    #[test]
    fn config_shape_errors_come_from_toml() {
        assert!(toml::from_str::<FollowupConfig>("weekends = []").is_err());
        assert!(toml::from_str::<FollowupConfig>("no_timeline_business_days = -1").is_err());
        let e = toml::from_str::<FollowupConfig>("holidays = [20251225]").unwrap_err();
        assert!(e.message().contains("not a date: write dates as YYYY-MM-DD"), "{e}");
        // Holidays are checked as they are read, by the one date parser.
        let e = toml::from_str::<FollowupConfig>("holidays = [\"2025-02-30\"]").unwrap_err();
        assert_eq!(e.message(), crate::dates::parse_date("2025-02-30").unwrap_err().to_string());
        assert!(toml::from_str::<FollowupConfig>("holidays = [2025-01-01T10:00:00]").is_err());
    }
}
