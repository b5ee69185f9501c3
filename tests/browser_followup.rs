//! The follow-up calculator's JavaScript in a real browser: the fixture site is built, served
//! from 127.0.0.1 by a tiny static server, and headless Chromium is driven over the W3C
//! WebDriver protocol (plain HTTP to chromedriver, no client crate). Every date the page
//! shows must equal `careerpress::followup::plan` for the same input and rules.

mod common;

use careerpress::config::Config;
use careerpress::followup::{self, Plan, Rules, Timeline};
use chrono::NaiveDate;
use common::TestSite;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

// ---------------------------------------------------------------------------------------
// A static file server for the output folder
// ---------------------------------------------------------------------------------------

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

fn serve_one(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&request);
    let target = text.lines().next().and_then(|l| l.split_whitespace().nth(1)).unwrap_or("/");
    let path = common::percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let mut file: PathBuf = root.to_path_buf();
    let mut ok = true;
    for part in path.split('/').filter(|p| !p.is_empty()) {
        // The output folder only: no way up and out of it.
        ok &= part != ".." && part != ".";
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let response = match std::fs::read(&file) {
        Ok(body) if ok => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                content_type(&file),
                body.len()
            );
            [head.into_bytes(), body].concat()
        }
        _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
    };
    let _ = stream.write_all(&response);
}

/// Serves `root` on 127.0.0.1 from a background thread; returns the base URL.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("cannot bind a local port");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            serve_one(stream, &root);
        }
    });
    format!("http://127.0.0.1:{port}/")
}

// ---------------------------------------------------------------------------------------
// WebDriver over plain HTTP
// ---------------------------------------------------------------------------------------

/// One HTTP/1.1 request on its own connection, and its JSON body.
fn http_json(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).map_err(|e| e.to_string())?;
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{payload}",
        payload.len()
    );
    stream.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
    // chromedriver keeps the connection open after replying, so read by Content-Length
    // (or to the last chunk), never to the end of the stream.
    let mut reply = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        reply.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&reply);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let head = head.to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            let chunked = head.contains("transfer-encoding:") && head.contains("chunked");
            let done = match length {
                Some(len) => body.len() >= len,
                None if chunked => body.ends_with("0\r\n\r\n"),
                None => false,
            };
            if done || n == 0 {
                let body = if chunked { dechunk(body) } else { body.to_string() };
                return serde_json::from_str(&body).map_err(|e| format!("{e}: {text}"));
            }
        }
        if n == 0 {
            return Err(format!("connection closed: {}", String::from_utf8_lossy(&reply)));
        }
    }
}

/// Joins the chunks of a chunked HTTP body (sizes in hex, each chunk then CRLF).
fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16).unwrap_or(0);
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].strip_prefix("\r\n").unwrap_or(&rest[size..]);
    }
    out
}

/// chromedriver in its own process group, with the browser session it started. Dropping
/// it ends the session and then kills the whole group, so no Chromium is left behind
/// even when an assertion fails half-way.
struct Driver {
    child: Child,
    port: u16,
    session: Option<String>,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(id) = self.session.take() {
            let _ = http_json(self.port, "DELETE", &format!("/session/{id}"), None);
        }
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: kill(2) with the group id of a process group this test created.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("cannot start chromedriver");
        let profile = tempfile::tempdir().unwrap();
        let mut driver = Driver { child, port, session: None, _profile: profile };
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(v) = http_json(port, "GET", "/status", None) {
                if v["value"]["ready"] == json!(true) {
                    break;
                }
            }
            assert!(Instant::now() < deadline, "chromedriver did not start within 15 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile_dir = driver._profile.path().display().to_string();
        let caps = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", format!("--user-data-dir={profile_dir}"),
                    ],
                },
            }},
        });
        let v = http_json(port, "POST", "/session", Some(&caps)).expect("cannot create a browser session");
        let id = v["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {v}")).to_string();
        driver.session = Some(id);
        driver
    }

    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let id = self.session.as_deref().expect("a session");
        let v = http_json(self.port, method, &format!("/session/{id}{path}"), body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert!(v["value"].get("error").is_none(), "{method} {path}: {v}");
        v["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(&json!({ "url": url })));
    }

    fn js(&self, script: &str) -> Value {
        self.call("POST", "/execute/sync", Some(&json!({ "script": script, "args": [] })))
    }

    fn element(&self, css: &str) -> String {
        let v = self.call("POST", "/element", Some(&json!({ "using": "css selector", "value": css })));
        v["element-6066-11e4-a52e-4f735466cecf"]
            .as_str()
            .unwrap_or_else(|| panic!("no element reference: {v}"))
            .to_string()
    }
}

// ---------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------

fn found(path: &str) -> bool {
    Path::new(path).is_file()
}

/// What the result region shows: every `data-field` with its `datetime`, and the
/// explanation.
const READ_RESULT: &str = r#"
const region = document.querySelector('#followup-result');
const fields = {};
region.querySelectorAll('[data-field]').forEach(e => { fields[e.dataset.field] = e.getAttribute('datetime'); });
const why = region.querySelector('[data-followup-explanation]');
return { fields, explanation: why ? why.textContent : null, text: region.textContent.trim(),
         role: region.getAttribute('role'), search: location.search };
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
            assert_eq!(shown["fields"], json!({}), "?{query}");
        }
    }
}

#[test]
fn the_calculator_in_a_browser_agrees_with_the_library() {
    let started = Instant::now();
    if !found(CHROMIUM) || !found(CHROMEDRIVER) {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("chromium ({CHROMIUM}) or chromedriver ({CHROMEDRIVER}) is missing, and CI needs this test");
        }
        eprintln!("\n********\nSKIPPED: chromium/chromedriver not found ({CHROMIUM}, {CHROMEDRIVER})\n********\n");
        return;
    }
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
    assert_eq!(driver.js("return document.querySelector('#followup-count').closest('[hidden]') === null"), true);

    // Real keystrokes in the count field.
    let count = driver.element("#followup-count");
    driver.call("POST", &format!("/element/{count}/clear"), Some(&json!({})));
    driver.call("POST", &format!("/element/{count}/value"), Some(&json!({ "text": "3" })));
    let shown = driver.js(READ_RESULT);
    assert_eq!(shown["search"], "?interview=2025-03-03&within-weeks=3", "{shown}");
    let plan = followup::plan(&rules, "2025-03-03".parse().unwrap(), Timeline::Weeks(3)).unwrap();
    assert_eq!(shown["fields"], expected_fields(&plan));
    assert_eq!(driver.js("return document.activeElement.id"), "followup-count", "focus stays in the field");

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
