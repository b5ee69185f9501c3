//! Times builds of a generated 10,000-article site: cold, unchanged, after one edit, and
//! with every page rendered again: `cargo bench --bench build`. Prints wall times;
//! nothing is asserted.

use careerpress::build::build;
use careerpress::site::BuildOptions;
use std::fs;
use std::path::Path;
use std::time::Instant;

/// The allocator the binary uses (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ARTICLES: usize = 10_000;
const WORDS: [&str; 16] = [
    "interview",
    "follow",
    "up",
    "career",
    "offer",
    "salary",
    "negotiate",
    "team",
    "manager",
    "skills",
    "resume",
    "network",
    "role",
    "company",
    "hiring",
    "question",
];

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A deterministic corpus: ~300 words an article, two tags, dates over fifteen years.
fn generate(root: &Path) {
    fs::write(root.join("site.toml"), "title = \"Bench\"\nbase_url = \"https://bench.example/\"\n").unwrap();
    let posts = root.join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    let mut seed: u64 = 42;
    let mut word = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        WORDS[(seed >> 33) as usize % WORDS.len()]
    };
    for i in 0..ARTICLES {
        let paragraphs: Vec<String> = (0..5).map(|_| (0..60).map(|_| word()).collect::<Vec<_>>().join(" ")).collect();
        let text = format!(
            "---\ntitle: \"Article {i}\"\ndate: 20{:02}-{:02}-{:02}\ntags: [{}, {}]\n---\n## Heading\n\n{}\n",
            10 + i % 15,
            1 + i % 12,
            1 + i % 28,
            word(),
            word(),
            paragraphs.join("\n\n")
        );
        fs::write(posts.join(format!("a{i}.md")), text).unwrap();
    }
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &root.join("themes"));
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    // CAREERPRESS_BENCH_SITE=dir keeps the corpus there, to profile or to edit its theme.
    let root = std::env::var_os("CAREERPRESS_BENCH_SITE").map_or_else(|| tmp.path().to_path_buf(), Into::into);
    if !root.join("site.toml").exists() {
        fs::create_dir_all(&root).unwrap();
        generate(&root);
    }
    let options = BuildOptions {
        root,
        base_url: None,
        drafts: false,
        future: false,
        today: careerpress::dates::parse_date("2026-01-01").expect("a valid date"),
        preview: false,
    };
    let edited = options.root.join("content/posts/a5000.md");
    let steps: [(&str, bool, Option<&Path>); 5] = [
        ("first build", true, None),
        ("second build (hard-link clone)", true, None),
        ("unchanged rebuild", true, None),
        ("one article edited", true, Some(&edited)),
        ("unchanged, --render-all", false, None),
    ];
    for (label, reuse, edit) in steps {
        if let Some(path) = edit {
            // A new sentence each run, so that a kept corpus changes too.
            let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
            let mut text = fs::read_to_string(path).unwrap();
            text.push_str(&format!("\nEdited at {stamp}.\n"));
            fs::write(path, text).unwrap();
        }
        let t = Instant::now();
        let report = build(&options, None, reuse).unwrap();
        println!(
            "{label:<32} {:>8.1} ms  ({} pages, {} reused; {})",
            t.elapsed().as_secs_f64() * 1e3,
            report.pages,
            report.reused,
            report.timings
        );
    }
}
