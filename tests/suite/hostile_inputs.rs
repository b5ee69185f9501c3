//! Input a hostile or careless author might write, each run through the real binary on a
//! site that built before: a clear error naming the file (and line where known), exit 1,
//! no panic, no hang, and the previous output byte for byte as it was. Inputs that must
//! simply work (BOM, CRLF, right-to-left text, emoji) build, and come out exact.

use crate::common::*;
use std::time::Duration;

/// 2025-06-01T00:00:00Z.
const TODAY: &str = "1748736000";

const LISTING: &str = "---\ntitle: Coach\ncompany: Acme\nemployment_type: FULL_TIME\ndate_posted: 2025-01-10\n\
                       location: { city: Leeds, country: GB }\n";

/// (what, file, its text, the line the error must name, words the error must say)
fn cases() -> Vec<(&'static str, &'static str, String, Option<usize>, &'static str)> {
    let post = |front: &str| format!("---\ntitle: Hostile\ndate: 2025-01-05\n{front}---\nBody.\n");
    let mut nested = String::from("---\ntitle: Deep\ndate: 2025-01-05\nextra:\n  x: ");
    nested.push_str(&"[".repeat(20_000));
    nested.push_str(&"]".repeat(20_000));
    nested.push_str("\n---\nBody.\n");
    let mut bomb =
        String::from("---\ntitle: Laughs\ndate: 2025-01-05\nextra:\n  a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = format!("*a{}", i - 1);
        bomb.push_str(&format!("  a{i}: &a{i} [{}]\n", [prev.as_str(); 9].join(", ")));
    }
    bomb.push_str("---\nBody.\n");
    // libyaml's scanner takes time growing with the square of this depth (23 s here).
    let deep = |open: &str, close: &str| format!("x: {}{}\n", open.repeat(100_000), close.repeat(100_000));
    vec![
        ("a tab in YAML indentation", "content/posts/h.md", post("tags:\n\t- a\n"), Some(5), "tab"),
        ("a repeated key", "content/posts/h.md", post("title: Again\n"), Some(4), "title"),
        ("an alias bomb", "content/posts/h.md", bomb, None, "alias"),
        ("20,000 levels of nesting", "content/posts/h.md", nested, Some(5), "nest"),
        ("100,000 levels of nesting in a data file", "data/deep.yaml", deep("[", "]"), Some(1), "nest"),
        // Tera's parser recursed until the stack overflowed: an abort, with no message.
        ("2,000 nested template blocks", "templates/page.html", format!("\n{}{}", "{% if true %}".repeat(2_000), "{% endif %}".repeat(2_000)), Some(2), "nest"),
        ("100,000 levels of nesting in front matter", "content/posts/h.md", post(&deep("{a: ", "}")), Some(4), "nest"),
        ("a list for a title", "content/posts/h.md", "---\ntitle: [a, b]\ndate: 2025-01-05\n---\nx\n".into(), Some(2), "title"),
        ("a word for a date", "content/posts/h.md", "---\ntitle: T\ndate: yesterday\n---\nx\n".into(), Some(3), "date"),
        ("a number for tags", "content/posts/h.md", post("tags: 5\n"), Some(4), "tags"),
        ("a word for draft", "content/posts/h.md", post("draft: maybe\n"), Some(4), "draft"),
        ("a NUL in a title", "content/posts/h.md", "---\ntitle: \"a\\0b\"\ndate: 2025-01-05\n---\nx\n".into(), Some(2), "U+0000"),
        ("an escape character in the body", "content/posts/h.md", post("").replace("Body.", "Bo\u{1b}dy."), Some(5), "U+001B"),
        ("updated before date", "content/posts/h.md", post("updated: 2024-01-01\n"), Some(4), "earlier than `date`"),
        ("year 0", "content/posts/h.md", "---\ntitle: T\ndate: 0000-06-01\n---\nx\n".into(), Some(3), "0001 to 9999"),
        ("year 10000", "content/posts/h.md", "---\ntitle: T\ndate: 10000-06-01\n---\nx\n".into(), Some(3), "YYYY-MM-DD"),
        (
            "an inverted salary",
            "content/jobs/h.md",
            format!("{LISTING}apply_url: https://a.example/\nsalary: {{ min: 9, max: 5, currency: GBP, unit: YEAR }}\n---\nx\n"),
            Some(8),
            "min",
        ),
        (
            "a negative salary",
            "content/jobs/h.md",
            format!("{LISTING}apply_url: https://a.example/\nsalary: {{ min: -1, max: 5, currency: GBP, unit: YEAR }}\n---\nx\n"),
            Some(8),
            "min",
        ),
        (
            "a salary of 1e+20",
            "content/jobs/h.md",
            format!("{LISTING}apply_url: https://a.example/\nsalary: {{ min: 1, max: 1e+20, currency: GBP, unit: YEAR }}\n---\nx\n"),
            Some(8),
            "`max` (100000000000000000000) is larger than any salary",
        ),
        (
            "XXX, ISO 4217's no currency",
            "content/jobs/h.md",
            format!("{LISTING}apply_url: https://a.example/\nsalary: {{ min: 1, max: 5, currency: XXX, unit: YEAR }}\n---\nx\n"),
            Some(8),
            "\"No currency\", not money a salary is paid in",
        ),
        (
            "XTS, ISO 4217's code for tests",
            "content/jobs/h.md",
            format!("{LISTING}apply_url: https://a.example/\nsalary: {{ min: 1, max: 5, currency: XTS, unit: YEAR }}\n---\nx\n"),
            Some(8),
            "\"Code reserved for testing\", not money",
        ),
        (
            "a currency ISO 4217 does not list",
            "content/jobs/h.md",
            format!("{LISTING}apply_url: https://a.example/\nsalary: {{ min: 1, max: 5, currency: ABC, unit: YEAR }}\n---\nx\n"),
            Some(8),
            "ISO 4217",
        ),
        ("a javascript: apply URL", "content/jobs/h.md", format!("{LISTING}apply_url: \"javascript:alert(1)\"\n---\nx\n"), Some(7), "http"),
        ("a data: apply URL", "content/jobs/h.md", format!("{LISTING}apply_url: \"data:text/html,hi\"\n---\nx\n"), Some(7), "http"),
        ("an ftp apply URL", "content/jobs/h.md", format!("{LISTING}apply_url: ftp://a.example/x\n---\nx\n"), Some(7), "http"),
        ("invalid UTF-8", "content/posts/h.md", "---\ntitle: T\ndate: 2025-01-05\n---\n\u{0}".replace('\u{0}', "caf"), None, ""),
    ]
}

#[test]
fn each_hostile_input_is_a_located_error_and_the_old_site_stays() {
    let site = TestSite::new("build-basic");
    site.build_dated(TODAY, &[]).assert_success();
    let before = snapshot(&site.out);
    let mut failures = Vec::new();
    for (what, rel, text, line, says) in cases() {
        let bytes: Vec<u8> =
            if what == "invalid UTF-8" { [text.as_bytes(), b"\xff\xfe"].concat() } else { text.into_bytes() };
        site.write(rel, &bytes);
        let args = ["build", "--root", &site.root.display().to_string(), "--output", &site.out.display().to_string()]
            .map(String::from);
        let r = run_careerpress_with_env_within(
            &args,
            site.dir(),
            &[("SOURCE_DATE_EPOCH", TODAY)],
            Duration::from_secs(20),
        );
        let wanted = match line {
            Some(l) => format!("{rel}:{l}:"),
            None => format!("{rel}:"),
        };
        let located = r.stderr.lines().map(str::trim_start).find(|l| l.starts_with(&wanted));
        match located {
            _ if r.code != Some(1) || r.stderr.contains("panicked") => {
                failures.push(format!("{what}: not a clean exit 1\n{r}"))
            }
            Some(l) if l.contains(says) => {}
            _ => failures.push(format!("{what}: wanted {wanted}… saying {says:?}, got:\n{}", r.stderr.trim())),
        }
        assert_same_tree(&before, &snapshot(&site.out), what);
        std::fs::remove_file(site.path(rel)).unwrap();
    }
    assert!(failures.is_empty(), "{} of {} cases:\n\n{}", failures.len(), cases().len(), failures.join("\n\n"));
}

#[test]
fn a_ten_megabyte_title_or_body_builds_within_seconds() {
    let site = TestSite::new("build-basic");
    let long_title = "Interview ".repeat(1_000_000);
    let body = "A sentence about interviews, and another about salary.\n\n".repeat(180_000);
    assert!(long_title.len() >= 10_000_000 && body.len() >= 10_000_000);
    site.write("content/posts/huge-title.md", format!("---\ntitle: \"{long_title}\"\ndate: 2025-01-05\n---\nShort.\n"));
    site.write("content/posts/huge-body.md", format!("---\ntitle: Long read\ndate: 2025-01-06\n---\n{body}"));
    let args = ["build", "--root", &site.root.display().to_string(), "--output", &site.out.display().to_string()]
        .map(String::from);
    let r =
        run_careerpress_with_env_within(&args, site.dir(), &[("SOURCE_DATE_EPOCH", TODAY)], Duration::from_secs(60));
    r.assert_success();
    let page = read_output(&site.out, "posts/huge-body/index.html");
    assert!(page.len() > 10_000_000, "the whole body is published");
}

#[test]
fn bom_crlf_right_to_left_and_emoji_simply_work_and_come_out_exact() {
    let site = TestSite::new("build-basic");
    let title = "مقابلة العمل 💼 e\u{301}te\u{301} & <co> \"quoted\"";
    let text = format!(
        "\u{feff}---\r\ntitle: '{}'\r\ndate: 2025-01-05\r\ntags: [\"مقابلة\", \"😀 joy\"]\r\nslug: rtl-emoji\r\n---\r\nنص المقالة 👋\r\n",
        title.replace('\'', "''")
    );
    site.write("content/posts/rtl.md", text);
    site.build_dated(TODAY, &[]).assert_success();
    let page = read_output(&site.out, "posts/rtl-emoji/index.html");
    let shown = "مقابلة العمل 💼 e\u{301}te\u{301} &amp; &lt;co&gt; “quoted”";
    assert!(page.contains(&format!("<h1>{shown}</h1>")), "the title, exact and escaped:\n{page}");
    assert!(page.contains("نص المقالة 👋"), "the body");
    assert!(!page.contains('\u{feff}') && !page.contains('\r'), "no BOM or carriage return reaches the page");
}

/// Combining marks belong to their word: `résumé` typed with a combining accent (as macOS
/// saves file names) and Devanagari's virama keep their letters in URLs, heading ids and
/// tags, and the two ways of typing one tag meet on one tag page, without a warning.
#[test]
fn combining_marks_stay_in_slugs_and_both_spellings_of_a_tag_meet() {
    let site = TestSite::new("build-basic");
    let (composed, decomposed, hindi) = ("résumé", "re\u{301}sume\u{301}", "साक्षात्कार");
    site.write(
        "content/posts/cafe\u{301}.md",
        format!("---\ntitle: Café\ndate: 2025-01-05\ntags: [\"{composed}\", \"{decomposed}\", \"{hindi}\"]\n---\n## {hindi}\n\nx\n"),
    );
    site.write(
        "content/posts/other.md",
        format!("---\ntitle: Other\ndate: 2025-01-06\ntags: [\"{decomposed}\"]\n---\nx\n"),
    );
    let build = site.build_dated(TODAY, &[]);
    build.assert_success();
    assert!(!build.stderr.contains("merged"), "{build}");

    let files = list_files(&site.out);
    assert!(files.contains("posts/café/index.html"), "{files:#?}");
    assert!(files.contains(&format!("tags/{hindi}/index.html")), "{files:#?}");
    let tag_pages: Vec<&String> = files.iter().filter(|f| f.starts_with("tags/r")).collect();
    assert_eq!(tag_pages, [&format!("tags/{composed}/atom.xml"), &format!("tags/{composed}/index.html")]);
    let tag_page = read_output(&site.out, &format!("tags/{composed}/index.html"));
    assert!(tag_page.contains("/posts/other/") && tag_page.contains("/posts/caf"), "{tag_page}");
    let page = read_output(&site.out, "posts/café/index.html");
    assert!(page.contains(&format!("<h2 id=\"{hindi}\">")), "{page}");
}

/// `café.md` saved twice, once with `é` as one character and once as `e` plus an accent
/// (as macOS names files), makes one URL: the error says why two names that print alike
/// are two files.
#[test]
fn twin_file_names_in_two_unicode_forms_are_explained() {
    let site = TestSite::new("build-basic");
    site.write("content/posts/caf\u{e9}.md", "---\ntitle: One\ndate: 2025-01-05\n---\nx\n");
    site.write("content/posts/cafe\u{301}.md", "---\ntitle: Two\ndate: 2025-01-06\n---\nx\n");
    let build = site.build_dated(TODAY, &[]);
    build.assert_clean_failure();
    assert!(build.stderr.contains("URL /posts/café/ is also produced by"), "{build}");
    assert!(build.stderr.contains("the two names look alike"), "{build}");
    // Names that only clash by slug get no such words.
    let site = TestSite::new("build-basic");
    site.write("content/posts/a.md", "---\ntitle: One\ndate: 2025-01-05\nslug: same\n---\nx\n");
    site.write("content/posts/b.md", "---\ntitle: Two\ndate: 2025-01-06\nslug: same\n---\nx\n");
    let build = site.build_dated(TODAY, &[]);
    build.assert_clean_failure();
    assert!(build.stderr.contains("is also produced by") && !build.stderr.contains("look alike"), "{build}");
}

/// A file name is anybody's text: one holding escape sequences and a line break must not
/// retitle or clear the terminal, nor start a line that reads as another file's error.
/// Each control character in a path, or in a line `check` quotes, is shown escaped; the
/// message stays on its one line.
#[test]
fn control_characters_in_file_names_and_quoted_lines_are_shown_escaped() {
    let site = TestSite::new("build-basic");
    let name = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31mred\nfake";
    let shown = "content/posts/\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{1b}[31mred\\u{a}fake.md";
    let hostile = format!("content/posts/{name}.md");
    let raw = |run: &RunResult| run.stderr.chars().chain(run.stdout.chars()).any(|c| c.is_control() && c != '\n');
    // The file's own error, from build and from check.
    site.write(&hostile, "---\ntitle: T\ndate: 2025-01-05\nbogus: 1\n---\nx\n");
    let build = site.build_dated(TODAY, &[]);
    build.assert_clean_failure();
    assert!(!raw(&build), "{:?}", build.stderr);
    assert!(
        build.stderr.lines().any(|l| l.starts_with(&format!("  {shown}:4:1: front matter: unknown key"))),
        "{build}"
    );
    let root = site.root.to_str().unwrap();
    let check = run_careerpress(["check", "--root", root], site.dir());
    assert!(!raw(&check) && check.stdout.contains(&format!("{shown}:4:1: error[load]")), "{check}");
    // Named in another file's message: the one whose `slug` takes its URL.
    site.write(&hostile, "---\ntitle: T\ndate: 2025-01-05\n---\nx\n");
    site.write("content/posts/clash.md", "---\ntitle: C\ndate: 2025-01-05\nslug: 0-pwned-2j-31mred-fake\n---\nx\n");
    let build = site.build_dated(TODAY, &[]);
    build.assert_clean_failure();
    assert!(!raw(&build), "{:?}", build.stderr);
    assert!(
        build.stderr.contains(&format!(
            "content/posts/clash.md:4:1: URL /posts/0-pwned-2j-31mred-fake/ is also produced by {shown}:"
        )),
        "{build}"
    );
    std::fs::remove_file(site.path("content/posts/clash.md")).unwrap();
    // A line `check` quotes under a message keeps its escape escaped, the caret under it.
    std::fs::remove_file(site.path(&hostile)).unwrap();
    site.write("content/posts/esc.md", "---\ntitle: T\ndate: 2025-01-05\n---\nBo\u{1b}[2Jdy\n");
    let check = run_careerpress(["check", "--root", root], site.dir());
    assert!(!raw(&check), "{:?}", check.stdout);
    assert!(check.stdout.contains("5 | Bo\\u{1b}[2Jdy\n  |   ^\n"), "{check}");
}
