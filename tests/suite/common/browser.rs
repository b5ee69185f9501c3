//! Headless Chromium over the W3C WebDriver protocol: plain HTTP to chromedriver, no
//! client crate.
//!
//! Browser tests are `#[ignore = "needs chromium + chromedriver"]`, so a plain `cargo test`
//! reports them as ignored rather than passed; `.ci/run` installs both and runs them with
//! `--include-ignored`. Once asked to run, a test fails (never skips) if either is missing.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Fails the test, naming what to install, when chromium or chromedriver is missing.
pub fn require() {
    for tool in [CHROMIUM, CHROMEDRIVER] {
        assert!(
            Path::new(tool).is_file(),
            "{tool} is missing: install Debian's chromium and chromium-driver (see .ci/run)"
        );
    }
}

/// One HTTP/1.1 request on its own connection, and its JSON body.
pub fn http_json(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
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
pub struct Driver {
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
    pub fn start() -> Driver {
        Driver::start_with(true)
    }

    /// A browser whose pages run no script, as a reader with JavaScript turned off sees
    /// them. WebDriver's own `execute` still works (it is not the page's script), so tests
    /// can read the page the same way.
    pub fn start_without_javascript() -> Driver {
        Driver::start_with(false)
    }

    fn start_with(javascript: bool) -> Driver {
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
                    // 1 allows, 2 blocks: Chromium's content setting for page scripts.
                    "prefs": { "profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 } },
                },
            }},
        });
        let v = http_json(port, "POST", "/session", Some(&caps)).expect("cannot create a browser session");
        let id = v["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {v}")).to_string();
        driver.session = Some(id);
        driver
    }

    pub fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let id = self.session.as_deref().expect("a session");
        let v = http_json(self.port, method, &format!("/session/{id}{path}"), body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert!(v["value"].get("error").is_none(), "{method} {path}: {v}");
        v["value"].clone()
    }

    pub fn go(&self, url: &str) {
        self.call("POST", "/url", Some(&json!({ "url": url })));
    }

    pub fn js(&self, script: &str) -> Value {
        self.call("POST", "/execute/sync", Some(&json!({ "script": script, "args": [] })))
    }

    /// [`Driver::js`] that reports a failure (such as a navigation in progress) instead
    /// of panicking, for polling.
    pub fn try_js(&self, script: &str) -> Result<Value, String> {
        let id = self.session.as_deref().expect("a session");
        let v = http_json(
            self.port,
            "POST",
            &format!("/session/{id}/execute/sync"),
            Some(&json!({ "script": script, "args": [] })),
        )?;
        match v["value"].get("error") {
            Some(e) => Err(format!("{e}: {}", v["value"]["message"])),
            None => Ok(v["value"].clone()),
        }
    }

    /// A Chrome DevTools command through chromedriver's `goog/cdp/execute` extension.
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.call("POST", "/goog/cdp/execute", Some(&json!({ "cmd": cmd, "params": params })))
    }

    /// Makes pages match `prefers-color-scheme: scheme` ("light" or "dark") from now on,
    /// whatever the machine's setting, across navigations.
    pub fn emulate_color_scheme(&self, scheme: &str) {
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        );
    }

    /// Sizes the window so that the page's viewport (`innerWidth` × `innerHeight`) is
    /// `width` × `height` CSS pixels: the window's frame, if any, is measured and added.
    pub fn set_viewport(&self, width: i64, height: i64) {
        let mut rect = (width, height);
        for _ in 0..5 {
            self.call("POST", "/window/rect", Some(&json!({ "width": rect.0, "height": rect.1 })));
            let (w, h) = self.settled_viewport();
            if (w, h) == (width, height) {
                return;
            }
            rect = (rect.0 + width - w, rect.1 + height - h);
        }
        panic!("cannot size the viewport to {width}×{height}: {}", self.js("return [innerWidth, innerHeight]"));
    }

    /// `innerWidth` × `innerHeight` once two reads 50 ms apart agree: a new window size
    /// reaches the page when it gets there, and a read taken before that (once in a CI run,
    /// 1280×943 for 1280×800) sized the next attempt from the old size.
    fn settled_viewport(&self) -> (i64, i64) {
        let read = || {
            let inner = self.js("return [window.innerWidth, window.innerHeight]");
            (inner[0].as_i64().unwrap_or(0), inner[1].as_i64().unwrap_or(0))
        };
        let mut last = read();
        for _ in 0..20 {
            std::thread::sleep(std::time::Duration::from_millis(50));
            let now = read();
            if now == last {
                break;
            }
            last = now;
        }
        last
    }

    pub fn element(&self, css: &str) -> String {
        let v = self.call("POST", "/element", Some(&json!({ "using": "css selector", "value": css })));
        v["element-6066-11e4-a52e-4f735466cecf"]
            .as_str()
            .unwrap_or_else(|| panic!("no element reference: {v}"))
            .to_string()
    }
}

// ---------------------------------------------------------------------------------------
// A static file server for a built output folder, for the browser to load
// ---------------------------------------------------------------------------------------

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("png") => "image/png",
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
    let path = crate::common::percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
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
pub fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("cannot bind a local port");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            serve_one(stream, &root);
        }
    });
    format!("http://127.0.0.1:{port}/")
}
