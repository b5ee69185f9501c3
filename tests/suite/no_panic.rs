//! "Never panic on user input": every parser of user files is fed thousands of mutated
//! versions of real inputs (the sample site, the fixtures) and must return, not panic.
//! Deterministic, so a failure reproduces; a fuzzer can take over later.

use careerpress::config::Config;
use careerpress::content::{parse_page, parse_section, ContentFile};
use careerpress::jobs::Job;
use careerpress::markdown::{self, LinkContext};
use careerpress::serve::state::site_key;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const TOKENS: [&str; 20] = [
    "---\n",
    ":",
    ": ",
    "[",
    "]",
    "{",
    "}",
    "{{< ",
    " >}}",
    "{{< job_callout tag=\"x",
    "@/",
    "](",
    "\r\n",
    "é",
    "\u{0}",
    "2025-02-30",
    "-1",
    "99999999999999999999",
    "\"",
    "\n\n",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut s = text.to_string();
    for _ in 0..1 + rng.next() % 4 {
        let mut at = if s.is_empty() { 0 } else { rng.next() % (s.len() + 1) };
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.next() % 4 {
            0 => s.insert_str(at, TOKENS[rng.next() % TOKENS.len()]),
            1 => s.truncate(at),
            2 => {
                let mut end = (at + 1 + rng.next() % 20).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.replace_range(at..end, "");
            }
            _ => {
                let mut bytes = s.into_bytes();
                if !bytes.is_empty() {
                    let i = rng.next() % bytes.len();
                    bytes[i] = (rng.next() % 128) as u8;
                }
                s = String::from_utf8_lossy(&bytes).into_owned();
            }
        }
    }
    s
}

fn seeds(ext: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["content", "tests/fixtures"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
            if entry.path().extension().is_some_and(|e| e == ext) {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    out.push(text);
                }
            }
        }
    }
    assert!(!out.is_empty(), "no .{ext} seeds found");
    out
}

fn file(rel: &str) -> ContentFile {
    ContentFile { abs: PathBuf::from(rel), rel: rel.into(), display: Path::new("content").join(rel) }
}

#[test]
fn content_parsers_never_panic() {
    let mut rng = Rng(7);
    let permalinks: HashMap<String, String> = HashMap::new();
    let (published, left_out) = (std::collections::HashSet::new(), std::collections::HashSet::new());
    let links = LinkContext {
        base_url: "/",
        permalinks: &permalinks,
        source_dir: "posts",
        page_path: "posts/x/",
        published: &published,
        left_out: &left_out,
        shortcodes: None,
        known_shortcodes: &[],
        inline_shortcodes: &[],
        note_lookups: false,
        theme_ids: &Default::default(),
    };
    let seeds = seeds("md");
    for i in 0..3000 {
        let text = mutate(&mut rng, &seeds[i % seeds.len()]);
        let _ = parse_page(&file("posts/a.md"), &text);
        let _ = parse_page(&file("about.md"), &text);
        let _ = parse_page(&file("posts/bundle/index.md"), &text);
        let _ = parse_section(&file("posts/_index.md"), &text);
        let _ = Job::parse(&file("jobs/a.md"), &text, "jobs/");
        let _ = markdown::render(&text, &links);
    }
}

#[test]
fn config_parser_never_panics() {
    let mut rng = Rng(11);
    let seeds = seeds("toml");
    for i in 0..3000 {
        let text = mutate(&mut rng, &seeds[i % seeds.len()]);
        let _ = Config::parse(&text, Path::new("site.toml"));
    }
}

#[test]
fn request_and_alias_paths_never_panic() {
    let mut rng = Rng(13);
    let seeds = ["/", "/posts/a/", "/%2e%2e/x", "/caf%C3%A9/", "/a%2", "/%%", "//x"];
    for i in 0..5000 {
        let path = mutate(&mut rng, seeds[i % seeds.len()]);
        let _ = site_key(&path);
        let _ = careerpress::content::alias::output_file(&path);
    }
}
