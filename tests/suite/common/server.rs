//! Drives `careerpress serve` from the outside: starts the real binary, reads its address
//! from stdout, and talks to it with a tiny HTTP/1.1 client and a server-sent events
//! reader over plain `std::net::TcpStream` (no client crate, nothing that normalises a
//! request target behind the test's back).
//!
//! Self-contained (no `crate::common` paths), so that the serve benchmark can include it
//! with `#[path = "../tests/suite/common/server.rs"] mod server;`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The live-reload stream's path.
pub const EVENTS_PATH: &str = "/__careerpress/livereload";

// ---------------------------------------------------------------------------------------
// The server process
// ---------------------------------------------------------------------------------------

/// A running `careerpress serve`. Dropping it kills the process, so no server outlives a
/// failed assertion.
pub struct DevServer {
    pub child: Child,
    /// `http://127.0.0.1:PORT/`, as printed by the server.
    pub base: String,
    pub port: u16,
    stdout_rx: Receiver<String>,
    stdout_all: Arc<Mutex<Vec<String>>>,
    stderr_all: Arc<Mutex<String>>,
}

impl Drop for DevServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl DevServer {
    /// Runs `<bin> serve --root <root> --port 0 <extra...>` and waits (up to `startup`) for
    /// the "Serving … at URL" line, and with `--watch` also for "Watching for changes in …".
    /// Panics when the server does not start; see [`DevServer::try_start`].
    pub fn start(bin: &Path, root: &Path, extra: &[&str], startup: Duration) -> DevServer {
        DevServer::try_start(bin, root, 0, extra, startup).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Runs `<bin> serve --root <root> --port <port> <extra...>` (0: any free port) and
    /// waits as [`DevServer::start`] does. A server that exits or stays silent instead is
    /// killed, and the error says why together with everything it printed.
    pub fn try_start(
        bin: &Path,
        root: &Path,
        port: u16,
        extra: &[&str],
        startup: Duration,
    ) -> Result<DevServer, String> {
        let mut child = Command::new(bin)
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", &port.to_string()])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LOG")
            .spawn()
            .map_err(|e| format!("cannot start {} serve: {e}", bin.display()))?;
        let (tx, stdout_rx) = mpsc::channel();
        let stdout_all = Arc::new(Mutex::new(Vec::new()));
        let stderr_all = Arc::new(Mutex::new(String::new()));
        let out = child.stdout.take().unwrap();
        let all = stdout_all.clone();
        let stdout_reader = std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                all.lock().unwrap().push(line.clone());
                let _ = tx.send(line);
            }
        });
        let err = child.stderr.take().unwrap();
        let all = stderr_all.clone();
        let stderr_reader = std::thread::spawn(move || {
            for line in BufReader::new(err).lines() {
                let Ok(line) = line else { break };
                let mut all = all.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let mut server = DevServer { child, base: String::new(), port: 0, stdout_rx, stdout_all, stderr_all };
        // Stops the process and waits for both readers, so the error has all it printed.
        let fail = |mut server: DevServer, why: String| -> String {
            let _ = server.child.kill();
            let status = server.child.wait().map(|s| s.to_string()).unwrap_or_else(|e| e.to_string());
            let _ = stdout_reader.join();
            let _ = stderr_reader.join();
            format!("{why} ({status})\n{}", server.output())
        };
        let deadline = Instant::now() + startup;
        let Some(serving) = server.wait_stdout(|l| l.starts_with("Serving "), deadline) else {
            return Err(fail(server, format!("no \"Serving … at URL\" line within {startup:?}")));
        };
        let Some(url) = serving.split_whitespace().find(|w| w.starts_with("http://")).map(str::to_string) else {
            return Err(fail(server, format!("no URL in {serving:?}")));
        };
        if !url.ends_with('/') {
            return Err(fail(server, format!("the URL does not end with a slash: {serving:?}")));
        }
        let Some(actual_port) =
            url.trim_start_matches("http://").trim_end_matches('/').rsplit_once(':').and_then(|(_, p)| p.parse().ok())
        else {
            return Err(fail(server, format!("no port in {url}")));
        };
        server.port = actual_port;
        server.base = url;
        if extra.contains(&"--watch")
            && server.wait_stdout(|l| l.starts_with("Watching for changes in "), deadline).is_none()
        {
            return Err(fail(server, format!("no \"Watching for changes\" line within {startup:?}")));
        }
        Ok(server)
    }

    /// The next stdout line matching `wanted`, skipping others, or `None` at the deadline
    /// or when the process has closed stdout.
    pub fn wait_stdout(&self, wanted: impl Fn(&str) -> bool, deadline: Instant) -> Option<String> {
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.stdout_rx.recv_timeout(left) {
                Ok(line) if wanted(&line) => return Some(line),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }

    /// Every stdout line so far.
    pub fn stdout(&self) -> Vec<String> {
        self.stdout_all.lock().unwrap().clone()
    }

    /// Everything on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr_all.lock().unwrap().clone()
    }

    /// Waits until stderr contains `needle`: the reader thread may lag behind the server
    /// (whose error line is written before the reload event) on a busy machine.
    pub fn wait_stderr(&self, needle: &str, deadline: Instant) -> bool {
        loop {
            if self.stderr().contains(needle) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Both streams, for failure messages.
    pub fn output(&self) -> String {
        format!("--- stdout ---\n{}\n--- stderr ---\n{}", self.stdout().join("\n"), self.stderr())
    }

    /// A full URL for a root-relative path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    pub fn get(&self, path: &str) -> HttpResponse {
        get(self.port, path)
    }

    /// A GET that may wait up to `limit` for its answer (a page still being drawn).
    pub fn get_within(&self, path: &str, limit: Duration) -> HttpResponse {
        let raw = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", self.port);
        raw_request_within(self.port, &raw, limit).unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    pub fn head(&self, path: &str) -> HttpResponse {
        request(self.port, "HEAD", path)
    }

    /// Opens the live-reload stream and returns it after its `hello` event.
    pub fn events(&self) -> (SseClient, String) {
        self.events_from(None)
    }

    /// Opens the live-reload stream as the page at `path` does (the page then counts as
    /// open in a browser) and returns it after its `hello` event.
    pub fn events_on(&self, path: &str) -> (SseClient, String) {
        self.events_from(Some(path))
    }

    fn events_from(&self, page: Option<&str>) -> (SseClient, String) {
        let sse = SseClient::connect(self.port, page);
        let hello = sse.next(Duration::from_secs(5)).unwrap_or_else(|| panic!("no hello event\n{}", self.output()));
        assert_eq!(hello.0, "hello", "the first event is hello: {hello:?}");
        (sse, hello.1)
    }
}

// ---------------------------------------------------------------------------------------
// HTTP/1.1 over a plain TcpStream
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    /// Names in lower case, in order.
    pub headers: Vec<(String, String)>,
    /// De-chunked when the response was chunked.
    pub body: Vec<u8>,
    /// Whether the body is as long as Content-Length said (or the last chunk arrived).
    pub complete: bool,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `GET path` on its own connection with `Connection: close`.
pub fn get(port: u16, path: &str) -> HttpResponse {
    request(port, "GET", path)
}

/// `METHOD path` on its own connection with `Connection: close`.
pub fn request(port: u16, method: &str, path: &str) -> HttpResponse {
    raw_request(port, &format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"))
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// Sends `raw` exactly as given and reads the reply to the end of the connection. A
/// response to HEAD has no body whatever its Content-Length says.
pub fn raw_request(port: u16, raw: &str) -> Result<HttpResponse, String> {
    raw_request_within(port, raw, Duration::from_secs(10))
}

/// [`raw_request`], waiting up to `limit` for each read.
pub fn raw_request_within(port: u16, raw: &str, limit: Duration) -> Result<HttpResponse, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    stream.set_read_timeout(Some(limit)).unwrap();
    stream.write_all(raw.as_bytes()).map_err(|e| format!("write: {e}"))?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).map_err(|e| format!("read: {e} after {:?}", String::from_utf8_lossy(&reply)))?;
    let is_head = raw.starts_with("HEAD ");
    parse_response(&reply, is_head)
}

fn parse_response(reply: &[u8], is_head: bool) -> Result<HttpResponse, String> {
    let split = reply
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("no end of headers in {:?}", String::from_utf8_lossy(reply)))?;
    let head = String::from_utf8_lossy(&reply[..split]).into_owned();
    let rest = &reply[split + 4..];
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let find = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let chunked = find("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let (body, complete) = if is_head {
        (rest.to_vec(), rest.is_empty())
    } else if chunked {
        let mut dechunker = Dechunker::default();
        let body = dechunker.feed(rest);
        (body, dechunker.done)
    } else if let Some(len) = find("content-length").and_then(|v| v.parse::<usize>().ok()) {
        (rest.to_vec(), rest.len() == len)
    } else {
        (rest.to_vec(), true)
    };
    Ok(HttpResponse { status, headers, body, complete })
}

/// Incremental chunked-transfer decoding: feed bytes as they arrive, get payload back.
#[derive(Default)]
struct Dechunker {
    pending: Vec<u8>,
    /// Payload bytes still to come in the current chunk, plus its trailing CRLF.
    remaining: Option<usize>,
    done: bool,
}

impl Dechunker {
    fn feed(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.pending.extend_from_slice(bytes);
        let mut out = Vec::new();
        loop {
            if self.done {
                return out;
            }
            match self.remaining {
                None => {
                    let Some(end) = self.pending.windows(2).position(|w| w == b"\r\n") else { return out };
                    let line = String::from_utf8_lossy(&self.pending[..end]).into_owned();
                    self.pending.drain(..end + 2);
                    let size = usize::from_str_radix(line.split(';').next().unwrap_or("").trim(), 16).unwrap_or(0);
                    if size == 0 {
                        self.done = true;
                        return out;
                    }
                    self.remaining = Some(size + 2);
                }
                Some(n) => {
                    if self.pending.is_empty() {
                        return out;
                    }
                    let take = n.min(self.pending.len());
                    let data_take = take.min(n.saturating_sub(2));
                    out.extend_from_slice(&self.pending[..data_take]);
                    self.pending.drain(..take);
                    self.remaining = if n == take { None } else { Some(n - take) };
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Server-sent events
// ---------------------------------------------------------------------------------------

/// One open live-reload stream, read by a background thread. Dropping it closes the
/// connection.
pub struct SseClient {
    stream: TcpStream,
    events: Receiver<(String, String)>,
    /// The response head, once read (status line and headers).
    pub head: Arc<Mutex<String>>,
}

impl Drop for SseClient {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

impl SseClient {
    /// `page`: the path of the page opening the stream, sent as the page's script does.
    pub fn connect(port: u16, page: Option<&str>) -> SseClient {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("cannot connect for events");
        // The script sends `encodeURIComponent(location.pathname)`.
        let query = page.map(|p| format!("?page={}", p.replace('%', "%25").replace('/', "%2F"))).unwrap_or_default();
        let request = format!(
            "GET {EVENTS_PATH}{query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).unwrap();
        let (tx, events) = mpsc::channel();
        let head = Arc::new(Mutex::new(String::new()));
        let mut reader = stream.try_clone().unwrap();
        let head_slot = head.clone();
        std::thread::spawn(move || {
            let mut raw = Vec::new();
            let mut buf = [0u8; 4096];
            let mut chunked = None;
            let mut dechunker = Dechunker::default();
            let mut text = String::new();
            let (mut event, mut data) = (String::new(), Vec::<String>::new());
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                let payload = match chunked {
                    None => {
                        raw.extend_from_slice(&buf[..n]);
                        let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
                        let head = String::from_utf8_lossy(&raw[..end]).into_owned();
                        let is_chunked = head.to_ascii_lowercase().contains("transfer-encoding: chunked");
                        *head_slot.lock().unwrap() = head;
                        chunked = Some(is_chunked);
                        let rest = raw[end + 4..].to_vec();
                        if is_chunked {
                            dechunker.feed(&rest)
                        } else {
                            rest
                        }
                    }
                    Some(true) => dechunker.feed(&buf[..n]),
                    Some(false) => buf[..n].to_vec(),
                };
                text.push_str(&String::from_utf8_lossy(&payload));
                while let Some(end) = text.find('\n') {
                    let line = text[..end].trim_end_matches('\r').to_string();
                    text.drain(..=end);
                    if line.is_empty() {
                        if !data.is_empty() || !event.is_empty() {
                            let name = if event.is_empty() { "message".to_string() } else { event.clone() };
                            if tx.send((name, data.join("\n"))).is_err() {
                                return;
                            }
                        }
                        event.clear();
                        data.clear();
                    } else if line.starts_with(':') {
                        // A comment: keep-alive.
                    } else {
                        let (field, value) = line.split_once(':').unwrap_or((line.as_str(), ""));
                        let value = value.strip_prefix(' ').unwrap_or(value).to_string();
                        match field {
                            "event" => event = value,
                            "data" => data.push(value),
                            _ => {}
                        }
                    }
                }
            }
        });
        SseClient { stream, events, head }
    }

    /// The next event as (event name, data), or `None` after `timeout`.
    pub fn next(&self, timeout: Duration) -> Option<(String, String)> {
        match self.events.recv_timeout(timeout) {
            Ok(e) => Some(e),
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Waits for the next `reload` event and returns its data (the build id); panics with
    /// `what` after `timeout`.
    pub fn expect_reload(&self, timeout: Duration, what: &str) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now()).unwrap_or_default();
            match self.next(left) {
                Some((name, data)) if name == "reload" => return data,
                Some(_) => {}
                None => panic!("no reload event within {timeout:?} after {what}"),
            }
        }
    }

    /// Events that arrive within `window` (to prove that none do).
    pub fn drain(&self, window: Duration) -> Vec<(String, String)> {
        let deadline = Instant::now() + window;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some(e) => seen.push(e),
                None => break,
            }
        }
        seen
    }
}
