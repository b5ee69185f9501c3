//! The dev server under load while an author keeps saving: `cargo bench --bench serve_load`.
//! 64 keep-alive connections request pages as fast as they are answered while one article
//! is saved every 200 ms, for `CAREERPRESS_LOAD_SECONDS` (default 300: the soak). Every
//! answer must be complete (its whole Content-Length, HTML ending in `</html>`), and every
//! answer for one saved version of the article must be the same bytes: the old page or
//! the new one, never a mix. The server's memory is sampled every 10 s, one connection
//! stays open and silent the whole time, and a 1 MB request head must get a 4xx.
//! Prints the figures, and exits 1 when a rule was broken.

mod corpus;
// Only part of the test client is needed here.
#[allow(dead_code)]
#[path = "../tests/suite/common/server.rs"]
mod server;

use corpus::Corpus;
use server::DevServer;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 64;
const SAVE_EVERY: Duration = Duration::from_millis(200);
/// The article being saved: in the middle of its section's list, with neighbours.
const EDITED: usize = 250;

struct Reply {
    status: u16,
    body: Vec<u8>,
}

/// One HTTP/1.1 keep-alive connection. Errors are strings: each one is a broken rule.
struct Client {
    port: u16,
    reader: Option<BufReader<TcpStream>>,
}

impl Client {
    fn get(&mut self, path: &str) -> Result<Reply, String> {
        if self.reader.is_none() {
            let stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| format!("connect: {e}"))?;
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            // Else each request waits out delayed ACKs: 40 ms a request, not the server's.
            stream.set_nodelay(true).unwrap();
            self.reader = Some(BufReader::new(stream));
        }
        let result = self.exchange(path);
        if result.is_err() {
            self.reader = None;
        }
        result
    }

    fn exchange(&mut self, path: &str) -> Result<Reply, String> {
        let reader = self.reader.as_mut().unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        reader.get_mut().write_all(request.as_bytes()).map_err(|e| format!("send: {e}"))?;
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|e| format!("{path}: status line: {e}"))?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("{path}: bad status line {line:?}"))?;
        let mut length = None;
        loop {
            line.clear();
            reader.read_line(&mut line).map_err(|e| format!("{path}: header: {e}"))?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse::<usize>().ok();
                }
            }
        }
        let length = length.ok_or_else(|| format!("{path}: no Content-Length"))?;
        let mut body = vec![0; length];
        reader.read_exact(&mut body).map_err(|e| format!("{path}: body cut short of {length} bytes: {e}"))?;
        Ok(Reply { status, body })
    }
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// The version number in the edited article's page: "revision N", once.
fn revision(body: &str) -> Option<u64> {
    let mut found = body.match_indices("says revision ").map(|(i, m)| {
        body[i + m.len()..].split(|c: char| !c.is_ascii_digit()).next().and_then(|n| n.parse::<u64>().ok())
    });
    let first = found.next()??;
    found.next().is_none().then_some(first)
}

fn main() {
    let seconds: u64 = std::env::var("CAREERPRESS_LOAD_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(300);
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let corpus = Corpus::new(1_000, 100);
    corpus.write_careerpress(&root);
    let edited_path = root.join(Corpus::article_path(EDITED));
    let edited_url = Corpus::article_url(EDITED);
    let save = |n: u64| {
        // As editors save: a whole new file renamed over the old one.
        let tmp_file = edited_path.with_extension("md.tmp~");
        std::fs::write(&tmp_file, Corpus::article(EDITED, &format!("revision {n}"))).unwrap();
        std::fs::rename(&tmp_file, &edited_path).unwrap();
    };
    save(0);

    let bin = PathBuf::from(env!("CARGO_BIN_EXE_careerpress"));
    let server = DevServer::start(&bin, &root, &["--watch"], Duration::from_secs(120));
    let port = server.port;
    let pid = server.child.id();
    println!(
        "serve_load: {} articles, {} listings; {CONNECTIONS} connections for {seconds} s, saving {edited_url} every {} ms",
        corpus.articles,
        corpus.listings,
        SAVE_EVERY.as_millis()
    );
    // Held open and silent all along: it must not hold anyone else up.
    let _idle = TcpStream::connect(("127.0.0.1", port)).unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let saved = Arc::new(AtomicU64::new(0));
    let pages: Arc<Mutex<HashMap<u64, Vec<u8>>>> = Arc::default();
    let requests = Arc::new(AtomicU64::new(0));
    let paths: Vec<String> = vec![
        edited_url.clone(),
        edited_url.clone(),
        "/".into(),
        format!("/{}/", Corpus::section(EDITED)),
        Corpus::article_url(EDITED + 5),
        Corpus::article_url(EDITED - 5),
        "/style.css".into(),
        "/jobs/".into(),
    ];
    let started = Instant::now();
    let workers: Vec<_> = (0..CONNECTIONS)
        .map(|c| {
            let (stop, saved, pages, requests, paths) =
                (stop.clone(), saved.clone(), pages.clone(), requests.clone(), paths.clone());
            let edited_url = edited_url.clone();
            std::thread::spawn(move || {
                let mut client = Client { port, reader: None };
                let mut errors: Vec<String> = Vec::new();
                let mut latencies: Vec<u32> = Vec::new();
                let mut seen = 0u64;
                let mut k = c;
                while !stop.load(Ordering::Relaxed) {
                    let path = &paths[k % paths.len()];
                    k += 1;
                    let asked = Instant::now();
                    let reply = client.get(path);
                    latencies.push(asked.elapsed().as_micros() as u32);
                    requests.fetch_add(1, Ordering::Relaxed);
                    let reply = match reply {
                        Ok(r) if r.status == 200 => r,
                        Ok(r) => {
                            errors.push(format!("{path}: status {}", r.status));
                            continue;
                        }
                        Err(e) => {
                            errors.push(e);
                            continue;
                        }
                    };
                    if path.ends_with('/') && !reply.body.trim_ascii_end().ends_with(b"</html>") {
                        errors.push(format!("{path}: HTML without its end"));
                    }
                    if *path == edited_url {
                        let text = String::from_utf8_lossy(&reply.body);
                        let Some(n) = revision(&text) else {
                            errors.push(format!("{path}: no single revision marker"));
                            continue;
                        };
                        if n > saved.load(Ordering::SeqCst) {
                            errors.push(format!("{path}: revision {n} served before it was saved"));
                        }
                        // Pages never go back to an older version on one connection.
                        if n < seen {
                            errors.push(format!("{path}: revision {n} after {seen}"));
                        }
                        seen = seen.max(n);
                        let mut pages = pages.lock().unwrap();
                        let first = pages.entry(n).or_insert_with(|| reply.body.clone());
                        if *first != reply.body {
                            errors.push(format!("{path}: two different pages for revision {n}"));
                        }
                    }
                }
                (errors, latencies)
            })
        })
        .collect();

    let mut samples: Vec<(u64, u64)> = vec![(0, rss_kib(pid))];
    let mut n = 0;
    let mut next_sample = Duration::from_secs(10);
    while started.elapsed() < Duration::from_secs(seconds) {
        std::thread::sleep(SAVE_EVERY);
        n += 1;
        // Counted first, so that no answer can carry a version not yet counted.
        saved.store(n, Ordering::SeqCst);
        save(n);
        if started.elapsed() >= next_sample {
            samples.push((next_sample.as_secs(), rss_kib(pid)));
            next_sample += Duration::from_secs(10);
        }
    }
    // The last save's reload, before the connections stop.
    std::thread::sleep(Duration::from_secs(1));
    stop.store(true, Ordering::Relaxed);
    let mut errors = Vec::new();
    let mut latencies = Vec::new();
    for w in workers {
        let (e, l) = w.join().unwrap();
        errors.extend(e);
        latencies.extend(l);
    }
    let elapsed = started.elapsed();
    samples.push((elapsed.as_secs(), rss_kib(pid)));

    // After the run: a 1 MB request head, sent while the answer is read.
    let mut big = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut writer = big.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let head = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\n\r\n", "a".repeat(1 << 20));
        let _ = writer.write_all(head.as_bytes());
    });
    big.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut answer = [0u8; 12];
    let got = big.read(&mut answer).unwrap_or(0);
    let answer = String::from_utf8_lossy(&answer[..got]).into_owned();
    let _ = sender.join();
    if !answer.starts_with("HTTP/1.1 4") {
        errors.push(format!("a 1 MB request head got {answer:?}, not a 4xx"));
    }

    let total = requests.load(Ordering::Relaxed);
    latencies.sort_unstable();
    let pct = |p: f64| latencies.get(((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)).copied();
    let versions = pages.lock().unwrap().len();
    println!(
        "serve_load: {total} requests in {:.1} s ({:.0}/s), {n} saves, {versions} versions of the page seen",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    println!(
        "serve_load: latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(0.5).unwrap_or(0) as f64 / 1e3,
        pct(0.99).unwrap_or(0) as f64 / 1e3,
        latencies.last().copied().unwrap_or(0) as f64 / 1e3
    );
    let series: Vec<String> = samples.iter().map(|(t, kib)| format!("{t}s {:.1}", *kib as f64 / 1024.0)).collect();
    println!("serve_load: server RSS (MiB): {}", series.join(", "));
    println!("serve_load: a 1 MB request head got {:?}", answer.lines().next().unwrap_or(""));
    let rebuilds = server.stdout().iter().filter(|l| l.contains(" changed: ")).count();
    println!("serve_load: the server rebuilt {rebuilds} times for {n} saves");
    if rebuilds == 0 {
        errors.push("the server never rebuilt after a save".into());
    }
    let stderr = server.stderr();
    if stderr.contains("panicked") || stderr.contains("error") {
        errors.push(format!("the server reported: {stderr}"));
    }
    if errors.is_empty() {
        println!("serve_load: no errors");
    } else {
        errors.sort();
        errors.dedup();
        println!("serve_load: {} kinds of error:\n  {}", errors.len(), errors.join("\n  "));
        std::process::exit(1);
    }
}
