//! The generated site every benchmark and the scale test share: articles in five sections,
//! each with 3 to 6 of 200 tags, plus job listings, in careerpress's layout and, for the
//! side-by-side runs, in Hugo's and Zola's with templates that do the same work.
//!
//! Deterministic: the same sizes always give the same bytes, so runs compare.

#![allow(dead_code)] // each bench uses a different part of it

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

pub const SECTIONS: [&str; 5] = ["interviews", "follow-ups", "salary", "networking", "career-change"];
pub const TAGS: usize = 200;
pub const PAGINATE_BY: usize = 10;

const WORDS: [&str; 32] = [
    "interview",
    "candidate",
    "employer",
    "salary",
    "role",
    "team",
    "manager",
    "offer",
    "skills",
    "application",
    "feedback",
    "career",
    "question",
    "answer",
    "reference",
    "culture",
    "recruiter",
    "follow",
    "thank",
    "note",
    "deadline",
    "network",
    "mentor",
    "resume",
    "portfolio",
    "negotiate",
    "benefit",
    "promotion",
    "contract",
    "remote",
    "hybrid",
    "graduate",
];
const CITIES: [(&str, &str); 6] =
    [("Leeds", "GB"), ("Lyon", "FR"), ("Austin", "US"), ("Toronto", "CA"), ("Dublin", "IE"), ("Berlin", "DE")];

/// How big a site to generate.
#[derive(Clone, Copy, Debug)]
pub struct Corpus {
    pub articles: usize,
    pub listings: usize,
}

/// A small fast generator (PCG step), so that text varies without a dependency.
fn mix(i: usize, salt: usize) -> usize {
    let x = (i as u64).wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407 ^ salt as u64);
    ((x ^ (x >> 29)).wrapping_mul(0xbf58476d1ce4e5b9) >> 32) as usize
}

pub fn tag_name(t: usize) -> String {
    format!("topic-{t:03}")
}

impl Corpus {
    pub fn new(articles: usize, listings: usize) -> Corpus {
        Corpus { articles, listings }
    }

    pub fn section(i: usize) -> &'static str {
        SECTIONS[i % SECTIONS.len()]
    }

    pub fn slug(i: usize) -> String {
        format!("article-{i:06}")
    }

    /// The article's source, relative to the site root.
    pub fn article_path(i: usize) -> String {
        format!("content/{}/{}.md", Corpus::section(i), Corpus::slug(i))
    }

    /// The article's URL path.
    pub fn article_url(i: usize) -> String {
        format!("/{}/{}/", Corpus::section(i), Corpus::slug(i))
    }

    /// 3 to 6 distinct tags, drawn unevenly (low numbers are popular, as on real blogs).
    pub fn tags(i: usize) -> Vec<String> {
        let n = 3 + i % 4;
        let mut picked: Vec<usize> = Vec::with_capacity(n);
        let mut salt = 0;
        while picked.len() < n {
            let r = mix(i, salt) % (TAGS * TAGS);
            // The square root skews the draw towards the first tags.
            let t = (r as f64).sqrt() as usize;
            let t = TAGS - 1 - t.min(TAGS - 1);
            if !picked.contains(&t) {
                picked.push(t);
            }
            salt += 1;
        }
        picked.into_iter().map(tag_name).collect()
    }

    /// Distinct per article: one day apart per section, newest first by number, starting
    /// 2026-11-01 and going back (100,000 articles reach back to 1972).
    pub fn date(i: usize) -> String {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let day = start - chrono::Days::new((i / SECTIONS.len()) as u64);
        let minute = i % SECTIONS.len();
        format!("{}T09:{minute:02}:00Z", day.format("%Y-%m-%d"))
    }

    pub fn title(i: usize) -> String {
        let w = |s| WORDS[mix(i, s) % WORDS.len()];
        format!("Article {i}: the {} and the {}", w(100), w(101))
    }

    /// About 300 words with two headings, a list and a link to the article before it in
    /// its section; `marker` goes into the first sentence, for edits.
    pub fn body(i: usize, marker: &str) -> String {
        let mut out = format!("The lead sentence of article {i} says {marker}.\n\n");
        for p in 0..4 {
            if p == 1 || p == 3 {
                let _ = writeln!(out, "## Part {p}: {}\n", WORDS[mix(i, 200 + p) % WORDS.len()]);
            }
            let words: Vec<&str> = (0..60).map(|w| WORDS[mix(i, p * 100 + w) % WORDS.len()]).collect();
            out.push_str(&words.join(" "));
            out.push_str(".\n\n");
        }
        for k in 0..3 {
            let _ =
                writeln!(out, "- {} {}", WORDS[mix(i, 300 + k) % WORDS.len()], WORDS[mix(i, 400 + k) % WORDS.len()]);
        }
        if i >= SECTIONS.len() {
            let prev = i - SECTIONS.len();
            let _ = writeln!(out, "\nRead [the article before]({}) too.", Corpus::article_url(prev));
        }
        out
    }

    /// A careerpress article: YAML front matter, then the body.
    pub fn article(i: usize, marker: &str) -> String {
        let tags = Corpus::tags(i).join(", ");
        format!(
            "---\ntitle: \"{}\"\ndate: {}\ndescription: \"What article {i} teaches about {}.\"\ntags: [{tags}]\n---\n\n{}",
            Corpus::title(i),
            Corpus::date(i),
            WORDS[mix(i, 7) % WORDS.len()],
            Corpus::body(i, marker)
        )
    }

    pub fn listing_slug(j: usize) -> String {
        format!("role-{j:05}")
    }

    pub fn listing_tags(j: usize) -> Vec<String> {
        let n = 1 + j % 3;
        let mut tags: Vec<String> = (0..n).map(|k| tag_name(mix(j, 500 + k) % TAGS)).collect();
        tags.dedup();
        tags
    }

    fn listing_date(j: usize) -> String {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        (start - chrono::Days::new((j % 300) as u64)).format("%Y-%m-%d").to_string()
    }

    /// A careerpress job listing, open until 2031.
    pub fn listing(j: usize) -> String {
        let (city, country) = CITIES[j % CITIES.len()];
        let min = 25_000 + (j % 40) * 1_000;
        format!(
            "---\ntitle: \"{} coordinator {j}\"\ncompany: \"Company {}\"\nemployment_type: FULL_TIME\n\
             date_posted: {}\nvalid_through: 2031-06-30\napply_url: \"https://jobs.example.com/apply/{j}\"\n\
             tags: [{}]\nlocation: {{ street: \"{j} High Street\", city: \"{city}\", postal_code: \"{:05}\", country: \"{country}\" }}\n\
             salary: {{ min: {min}, max: {}, currency: \"EUR\", unit: YEAR }}\n---\n\n{}",
            capitalise(WORDS[mix(j, 1) % WORDS.len()]),
            j % 97,
            Corpus::listing_date(j),
            Corpus::listing_tags(j).join(", "),
            10_000 + j % 80_000,
            min + 8_000,
            Corpus::body(j, "this role is open")
        )
    }

    /// Writes the site in careerpress's layout, with the default theme.
    pub fn write_careerpress(&self, root: &Path) {
        fs::create_dir_all(root).unwrap();
        fs::write(
            root.join("site.toml"),
            format!(
                "title = \"Scale\"\nbase_url = \"https://scale.example.org/\"\nauthor = \"Scale team\"\n\
                 description = \"A generated site.\"\npaginate_by = {PAGINATE_BY}\n"
            ),
        )
        .unwrap();
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(root.join("content/_index.md"), "---\ntitle: Home\n---\n\nThe generated site.\n").unwrap();
        for s in SECTIONS {
            fs::create_dir_all(root.join("content").join(s)).unwrap();
            fs::write(root.join(format!("content/{s}/_index.md")), format!("---\ntitle: \"{}\"\n---\n", capitalise(s)))
                .unwrap();
        }
        for i in 0..self.articles {
            fs::write(root.join(Corpus::article_path(i)), Corpus::article(i, "nothing new")).unwrap();
        }
        fs::create_dir_all(root.join("content/jobs")).unwrap();
        fs::write(root.join("content/jobs/_index.md"), "---\ntitle: Open roles\n---\n").unwrap();
        for j in 0..self.listings {
            fs::write(root.join(format!("content/jobs/{}.md", Corpus::listing_slug(j))), Corpus::listing(j)).unwrap();
        }
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"), &root.join("themes/default"));
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}
