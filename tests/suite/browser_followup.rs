//! The follow-up calculator's JavaScript in a real browser: the fixture site is built, served
//! from 127.0.0.1 by a tiny static server, and headless Chromium is driven over the W3C
//! WebDriver protocol (plain HTTP to chromedriver, no client crate). Every date the page
//! shows must equal `careerpress::followup::plan` for the same input and rules.

use crate::common::browser::{serve, Driver};
use crate::common::TestSite;
use careerpress::config::Config;
use careerpress::followup::{self, Plan, Rules, Timeline};
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------

/// What the result region shows: every `data-field` with its `datetime`, and the
/// explanation.
const READ_RESULT: &str = r#"
const region = document.querySelector('#followup-result');
const fields = {};
region.querySelectorAll('[data-field]').forEach(e => { fields[e.dataset.field] = e.getAttribute('datetime'); });
const why = region.querySelector('[data-followup-explanation]');
const note = region.querySelector('[data-followup-note]');
return { fields, explanation: why ? why.textContent : null, text: region.textContent.trim(),
         note: note ? note.textContent : null, role: region.getAttribute('role'), search: location.search };
"#;

fn expected_fields(plan: &Plan) -> Value {
    let mut fields = json!({
        "thank_you": plan.thank_you.to_string(),
        "follow_up": plan.follow_up.to_string(),
        "second_follow_up": plan.second_follow_up.to_string(),
        "move_on": plan.move_on.to_string(),
    });
    if let Some(deadline) = plan.deadline {
        fields["deadline"] = json!(deadline.to_string());
    }
    fields
}

fn timeline_from_query(query: &str) -> (NaiveDate, Timeline) {
    let mut interview = None;
    let mut timeline = Timeline::None;
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap();
        match key {
            "interview" => interview = Some(value.parse().unwrap()),
            "within-days" => timeline = Timeline::Days(value.parse().unwrap()),
            "within-weeks" => timeline = Timeline::Weeks(value.parse().unwrap()),
            "within-business-days" => timeline = Timeline::BusinessDays(value.parse().unwrap()),
            "decision-by" => timeline = Timeline::DecisionBy(value.parse().unwrap()),
            other => panic!("unknown key {other}"),
        }
    }
    (interview.unwrap(), timeline)
}

fn check_query(driver: &Driver, base: &str, rules: &Rules, query: &str) {
    driver.go(&format!("{base}follow-up-calculator/?{query}"));
    let shown = driver.js(READ_RESULT);
    let (interview, timeline) = timeline_from_query(query);
    match followup::plan(rules, interview, timeline) {
        Ok(plan) => {
            assert_eq!(shown["fields"], expected_fields(&plan), "?{query}: {shown}");
            assert_eq!(shown["explanation"], json!(plan.explanation), "?{query}");
        }
        Err(e) => {
            let text = shown["text"].as_str().unwrap().to_lowercase();
            assert!(text.contains(&e.to_string().to_lowercase()), "?{query}: wanted {e}, shown {shown}");
            // A timeline the rules refuse still gives the dates without one, and says why;
            // only a plan that cannot be made at all shows no dates.
            match followup::plan(rules, interview, Timeline::None) {
                Ok(plain) if timeline != Timeline::None => {
                    assert_eq!(shown["fields"], expected_fields(&plain), "?{query}: {shown}");
                    assert!(shown["note"].as_str().unwrap_or("").contains("These dates assume they gave none"));
                }
                _ => assert_eq!(shown["fields"], json!({}), "?{query}"),
            }
        }
    }
}

#[test]
#[ignore = "needs chromium + chromedriver"]
fn the_calculator_in_a_browser_agrees_with_the_library() {
    let started = Instant::now();
    crate::common::browser::require();
    let site = TestSite::new("followup-page");
    // The server's address is the base URL, so the page loads its script from it.
    let base = serve(site.out.clone());
    site.build_ok(&["--base-url", &base]);
    let text = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    let rules = Config::parse(&text, Path::new("site.toml")).unwrap().followup.validate().unwrap();

    let driver = Driver::start();
    let queries = [
        "interview=2025-01-06",
        "interview=2025-01-06&within-weeks=1",
        "interview=2025-01-06&within-weeks=2",
        "interview=2025-01-09&within-days=3",
        "interview=2025-01-10",
        "interview=2025-01-11&within-business-days=5",
        "interview=2025-01-13&within-days=1",
        "interview=2025-01-06&within-days=12",
        "interview=2025-01-06&decision-by=2025-01-20",
        "interview=2025-01-06&decision-by=2025-01-06",
        "interview=2025-12-22&within-weeks=1",
        "interview=2025-12-24",
        "interview=2025-12-31&within-business-days=1",
        "interview=2028-02-28&within-days=1",
        "interview=2028-02-28&within-business-days=2",
        "interview=2024-02-29&within-weeks=52",
        "interview=2025-01-06&within-business-days=365",
        "interview=2025-01-06&within-days=365",
        "interview=2025-01-06&decision-by=2025-01-05",
        "interview=2025-01-06&decision-by=2026-01-07",
        "interview=9999-12-28&within-days=5",
        "interview=2025-01-06&within-weeks=53",
        "interview=2025-01-06&within-days=0",
    ];
    for query in queries {
        check_query(&driver, &base, &rules, query);
    }

    // A load without a query shows a result for today and leaves the address alone.
    driver.go(&format!("{base}follow-up-calculator/"));
    let shown = driver.js(READ_RESULT);
    assert_eq!(shown["role"], "status");
    assert_eq!(shown["search"], "");
    assert!(shown["fields"]["follow_up"].is_string(), "{shown}");

    // The form: change the date and the timeline as a reader would.
    driver.go(&format!("{base}follow-up-calculator/?interview=2025-01-06"));
    driver.js(r#"
        const i = document.querySelector('#followup-interview');
        i.focus(); i.value = '2025-03-03';
        i.dispatchEvent(new Event('input', { bubbles: true }));
        const t = document.querySelector('#followup-timeline');
        t.focus(); t.value = 'within-weeks';
        t.dispatchEvent(new Event('change', { bubbles: true }));
        "#);
    let shown = driver.js(READ_RESULT);
    assert_eq!(shown["search"], "?interview=2025-03-03&within-weeks=1", "{shown}");
    let plan = followup::plan(&rules, "2025-03-03".parse().unwrap(), Timeline::Weeks(1)).unwrap();
    assert_eq!(shown["fields"], expected_fields(&plan));
    assert_eq!(driver.js("return document.activeElement.id"), "followup-timeline", "focus stays on the select");
    assert_eq!(driver.js("return document.querySelector('#followup-within-weeks').closest('[hidden]') === null"), true);
    // Only the chosen timeline's field is shown and sent with the form.
    let others = driver.js("return ['within-days', 'within-business-days', 'decision-by'].map(k => {
            const e = document.querySelector('#followup-' + k); return e.disabled && e.closest('[hidden]') !== null; })");
    assert_eq!(others, json!([true, true, true]));

    // Real keystrokes in the count field.
    let count = driver.element("#followup-within-weeks");
    driver.call("POST", &format!("/element/{count}/clear"), Some(&json!({})));
    driver.call("POST", &format!("/element/{count}/value"), Some(&json!({ "text": "3" })));
    let shown = driver.js(READ_RESULT);
    assert_eq!(shown["search"], "?interview=2025-03-03&within-weeks=3", "{shown}");
    let plan = followup::plan(&rules, "2025-03-03".parse().unwrap(), Timeline::Weeks(3)).unwrap();
    assert_eq!(shown["fields"], expected_fields(&plan));
    assert_eq!(driver.js("return document.activeElement.id"), "followup-within-weeks", "focus stays in the field");

    // The calendar link and the .ics text.
    let href = driver.js("return document.querySelector('#followup [data-followup-calendar-link]').href");
    let compact = plan.follow_up.format("%Y%m%d").to_string();
    let next = plan.follow_up.succ_opt().unwrap().format("%Y%m%d").to_string();
    assert!(href.as_str().unwrap().contains(&format!("dates={compact}%2F{next}")), "{href}");
    let ics = driver.js("const r = JSON.parse(document.querySelector('#followup-rules').textContent);
         return window.careerpressFollowup.icsText(r, '2025-01-06');");
    let ics = ics.as_str().unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF in {ics:?}");
    let plain = followup::plan(&rules, "2025-01-06".parse().unwrap(), Timeline::None).unwrap();
    let day = plain.follow_up.format("%Y%m%d").to_string();
    let day_after = plain.follow_up.succ_opt().unwrap().format("%Y%m%d").to_string();
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
    }
    let unfolded = ics.replace("\r\n ", "");
    for wanted in [
        "BEGIN:VEVENT\r\nUID:",
        "\r\nDTSTAMP:19700101T000000Z\r\n",
        &format!("\r\nDTSTART;VALUE=DATE:{day}\r\n"),
        &format!("\r\nDTEND;VALUE=DATE:{day_after}\r\n"),
        "\r\nSUMMARY:Follow up on your job interview\r\n",
        "\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:",
        "\r\nTRIGGER:",
        "\r\nEND:VALARM\r\nEND:VEVENT\r\n",
    ] {
        assert!(unfolded.contains(wanted), "{wanted:?} not in {unfolded:?}");
    }
    let escaped_why = plain.explanation.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,");
    assert!(unfolded.contains(&format!("\r\nDESCRIPTION:{escaped_why}\r\n")), "{unfolded}");
    let folded = driver.js("return window.careerpressFollowup.icsFold('DESCRIPTION:' + 'é'.repeat(80))");
    for line in folded.as_str().unwrap().split("\r\n") {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }

    // Nothing but this site was asked for.
    let resources = driver.js("return performance.getEntriesByType('resource').map(e => e.name)");
    for url in resources.as_array().unwrap() {
        assert!(url.as_str().unwrap().starts_with(&base), "a request left the site: {url}");
    }

    // The embed in an article works and leaves the article's address alone.
    driver.go(&format!("{base}posts/guide/"));
    driver.js(r#"
        const i = document.querySelector('#followup-embed-interview');
        i.value = '2025-01-06'; i.dispatchEvent(new Event('input', { bubbles: true }));
        "#);
    let embed = driver.js(
        "return { search: location.search,
                  follow_up: document.querySelector('#followup-embed-result [data-field=follow_up]').getAttribute('datetime'),
                  link: document.querySelector('#followup-embed [data-followup-page-link]').getAttribute('href') }",
    );
    let plan = followup::plan(&rules, "2025-01-06".parse().unwrap(), Timeline::None).unwrap();
    assert_eq!(embed["search"], "");
    assert_eq!(embed["follow_up"], json!(plan.follow_up.to_string()));
    assert!(embed["link"].as_str().unwrap().ends_with("follow-up-calculator/?interview=2025-01-06"), "{embed}");

    drop(driver);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
}

/// What `careerpress followup --json` says for the same input: the dates the page must show.
fn command_dates(site: &TestSite, args: &[&str]) -> Value {
    let root = site.root.display().to_string();
    let run = crate::common::run_careerpress(
        [&["followup", "--root", root.as_str(), "--json"][..], args].concat(),
        site.dir(),
    );
    run.assert_success();
    let plan: Value = serde_json::from_str(run.stdout.trim()).unwrap_or_else(|e| panic!("{e}: {run}"));
    let mut fields = json!({});
    for key in ["thank_you", "deadline", "follow_up", "second_follow_up", "move_on"] {
        if !plan[key].is_null() {
            fields[key] = plan[key].clone();
        }
    }
    fields
}

/// Waits for a navigation started by a click to reach a page whose address ends `suffix`.
fn wait_for_url(driver: &Driver, contains: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(Value::String(url)) = driver.try_js("return location.href") {
            if url.contains(contains) && driver.try_js("return document.readyState").ok() == Some(json!("complete")) {
                return url;
            }
        }
        assert!(Instant::now() < deadline, "no navigation to {contains}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
#[ignore = "needs chromium + chromedriver"]
fn the_form_submitted_carries_the_documented_parameters_and_the_command_s_dates() {
    crate::common::browser::require();
    let site = TestSite::new("followup-page");
    let base = serve(site.out.clone());
    site.build_ok(&["--base-url", &base]);
    let driver = Driver::start();
    driver.go(&format!("{base}follow-up-calculator/"));
    // The reader picks a date and a timeline, types a count, and presses Enter.
    driver.js(r#"
        const i = document.querySelector('#followup-interview');
        i.value = '2025-01-08'; i.dispatchEvent(new Event('input', { bubbles: true }));
        const t = document.querySelector('#followup-timeline');
        t.value = 'within-business-days'; t.dispatchEvent(new Event('change', { bubbles: true }));
        "#);
    let count = driver.element("#followup-within-business-days");
    driver.call("POST", &format!("/element/{count}/clear"), Some(&json!({})));
    driver.call("POST", &format!("/element/{count}/value"), Some(&json!({ "text": "4\u{E007}" })));
    let shown = driver.js(READ_RESULT);
    assert_eq!(shown["search"], "?interview=2025-01-08&within-business-days=4", "{shown}");
    let want = command_dates(&site, &["--interview", "2025-01-08", "--within-business-days", "4"]);
    assert_eq!(shown["fields"], want, "{shown}");
    assert_eq!(shown["note"], Value::Null);

    // A decision date, then the button.
    driver.js(r#"
        const t = document.querySelector('#followup-timeline');
        t.value = 'decision-by'; t.dispatchEvent(new Event('change', { bubbles: true }));
        const d = document.querySelector('#followup-decision-by');
        d.value = '2025-01-20'; d.dispatchEvent(new Event('input', { bubbles: true }));
        "#);
    let button = driver.element(".followup-submit button");
    driver.call("POST", &format!("/element/{button}/click"), Some(&json!({})));
    let shown = driver.js(READ_RESULT);
    assert_eq!(shown["search"], "?interview=2025-01-08&decision-by=2025-01-20", "{shown}");
    let want = command_dates(&site, &["--interview", "2025-01-08", "--decision-by", "2025-01-20"]);
    assert_eq!(shown["fields"], want, "{shown}");

    // Links the page did not make: the form submitted without a script (every field, the
    // unused ones empty), empty and unknown parameters, and the form's old names.
    let cases = [
        (
            "interview=2025-01-08&within-days=&within-weeks=2&within-business-days=&decision-by=",
            &["--within-weeks", "2"][..],
            false,
        ),
        ("interview=2025-01-08&within-days=&within-weeks=&within-business-days=&decision-by=", &[][..], true),
        ("interview=2025-01-08&decision-by=", &[][..], true),
        ("interview=2025-01-08&colour=blue", &[][..], true),
        ("interview=2025-01-08&timeline=within-weeks&count=1&decision-by=", &["--within-weeks", "1"][..], false),
        ("interview=2025-01-08&within-weeks=abc", &[][..], true),
    ];
    for (query, timeline, noted) in cases {
        driver.go(&format!("{base}follow-up-calculator/?{query}"));
        let shown = driver.js(READ_RESULT);
        let want = command_dates(&site, &[&["--interview", "2025-01-08"][..], timeline].concat());
        assert_eq!(shown["fields"], want, "?{query}: {shown}");
        assert_eq!(shown["note"].is_string(), noted, "?{query}: {shown}");
        assert!(!shown["text"].as_str().unwrap().contains("is not a date"), "?{query}: {shown}");
    }
}

#[test]
#[ignore = "needs chromium + chromedriver"]
fn without_javascript_the_form_lands_on_its_weekday_row() {
    crate::common::browser::require();
    let site = TestSite::new("followup-page");
    let base = serve(site.out.clone());
    site.build_ok(&["--base-url", &base]);
    let driver = Driver::start_without_javascript();
    driver.go(&format!("{base}follow-up-calculator/"));
    // The page's script did not run: the select is still hidden and every field shown.
    let state = driver.js("return { choice: document.querySelector('[data-followup-choice]').hidden,
                  fields: Array.from(document.querySelectorAll('[data-followup-show]')).map(e => e.hidden),
                  weekdays: document.querySelectorAll('.followup-weekdays button').length }");
    assert_eq!(state, json!({ "choice": true, "fields": [false, false, false, false], "weekdays": 7 }), "{state}");
    // 2025-01-08 was a Wednesday; the reader types into the fields and presses that button.
    driver.js("document.querySelector('#followup-interview').value = '2025-01-08'");
    let weeks = driver.element("#followup-within-weeks");
    driver.call("POST", &format!("/element/{weeks}/value"), Some(&json!({ "text": "2" })));
    let wednesday = driver.element("button[formaction$='#followup-row-wednesday']");
    driver.call("POST", &format!("/element/{wednesday}/click"), Some(&json!({})));
    let url = wait_for_url(&driver, "#followup-row-wednesday");
    assert!(
        url.starts_with(&format!("{base}follow-up-calculator/?interview=2025-01-08&within-days=&within-weeks=2&")),
        "{url}"
    );
    let row = driver.js("const t = document.querySelector(':target');
         return { id: t.id, interview: t.dataset.interview, weekday: t.querySelector('th').textContent,
                  cells: Array.from(t.querySelectorAll('td')).map(c => [c.dataset.timeline, c.dataset.followUp]) }");
    assert_eq!(row["id"], "followup-row-wednesday", "{row}");
    assert_eq!(row["weekday"], "Wednesday");
    // The row's cell for two weeks is the command's follow-up day for a Wednesday interview.
    let interview = row["interview"].as_str().unwrap().to_string();
    let want = command_dates(&site, &["--interview", &interview, "--within-weeks", "2"]);
    let cell = row["cells"].as_array().unwrap().iter().find(|c| c[0] == "within-weeks=2").cloned();
    assert_eq!(cell.map(|c| c[1].clone()), Some(want["follow_up"].clone()), "{row}");
    // Pressing Enter submits with the main button: the table, not a wrong row.
    driver.go(&format!("{base}follow-up-calculator/"));
    let field = driver.element("#followup-within-days");
    driver.call("POST", &format!("/element/{field}/value"), Some(&json!({ "text": "3\u{E007}" })));
    let url = wait_for_url(&driver, "#followup-table-title");
    assert!(url.contains("within-days=3"), "{url}");
}
