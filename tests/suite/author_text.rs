//! What author text may not hold, wherever it is written: control characters (written as
//! they are, or as an escape that decodes to one) and YAML tags. Each case is one file
//! written into the `jobs-board` fixture (articles, a section, job listings) and must fail
//! the build with the file, line and column, writing nothing.

use crate::common::{assert_error_location, TestSite};

const FIXTURE: &str = "jobs-board";

/// Builds the fixture with `rel` written as `text`, expecting a clean failure located at
/// `rel:line:column` whose message contains `wanted`.
fn fails_at(rel: &str, text: &str, (line, column): (usize, usize), wanted: &str) {
    let site = TestSite::new(FIXTURE);
    site.write(rel, text);
    let r = site.build(&[]);
    r.assert_clean_failure();
    assert!(!site.out.exists(), "{rel}: a failed build wrote its output");
    let found = assert_error_location(&r, rel, Some(line));
    assert!(found.starts_with(&format!("{rel}:{line}:{column}:")), "{rel}: wanted column {column}: {found}");
    assert!(found.contains(wanted), "{rel}: wanted {wanted:?} in {found}");
}

const ARTICLE: &str = "content/posts/bad.md";
const SECTION: &str = "content/posts/_index.md";
const LISTING: &str = "content/jobs/bad.md";
const JOB: &str = "company: Hollow Pine\nemployment_type: CONTRACTOR\ndate_posted: 2025-01-05\n\
                   apply_url: https://hollowpine.example/jobs/8\ntags: [remote-work]\nremote: true\n\
                   applicant_countries: [US]\n";

#[test]
fn control_characters_in_front_matter_fail_the_build_where_they_stand() {
    let nul = "control character U+0000";
    for (rel, text, at, wanted) in [
        // The report's case: a YAML escape, so the file itself holds no NUL byte.
        (ARTICLE, "---\ntitle: \"a\\0b\"\ndate: 2025-01-01\n---\nText.\n".to_string(), (2, 8), nul),
        (ARTICLE, "---\ntitle: ok\ndate: 2025-01-01\ntags: [a, \"b\\x07\"]\n---\n".into(), (4, 11), "U+0007"),
        (ARTICLE, "---\ntitle: ok\ndate: 2025-01-01\nextra:\n  author: \"\\u0085x\"\n---\n".into(), (5, 11), "U+0085"),
        (ARTICLE, "---\ntitle: \"a\u{7f}\"\ndate: 2025-01-01\n---\n".into(), (2, 10), "U+007F"),
        (ARTICLE, "+++\ntitle = \"ok\"\ndescription = \"a\\u0000\"\ndate = 2025-01-01\n+++\n".into(), (3, 15), nul),
        (SECTION, "---\ntitle: Posts\ndescription: \"x\\ey\"\n---\n".into(), (3, 14), "U+001B"),
        (LISTING, format!("---\ntitle: \"Recruiter\\0\"\n{JOB}---\nText.\n"), (2, 8), nul),
        (LISTING, format!("---\ntitle: Recruiter\n{JOB}description: \"Remote\\b\"\n---\n"), (10, 14), "U+0008"),
    ] {
        fails_at(rel, &text, at, wanted);
    }
}

#[test]
fn control_characters_in_data_files_and_site_toml_fail_the_build() {
    for (rel, text, at, wanted) in [
        ("data/people.yaml", "- name: \"Ana\\0\"\n", (1, 9), "U+0000"),
        ("data/people.json", "[\n  {\"name\": \"Ana\\u0001\"}\n]\n", (2, 16), "U+0001"),
        ("data/people.toml", "[[person]]\nname = \"Ana\\u009f\"\n", (2, 8), "U+009F"),
        ("site.toml", "title = \"Jobs\\u0000\"\nbase_url = \"https://jobs.example.org/\"\n", (1, 9), "U+0000"),
    ] {
        fails_at(rel, text, at, wanted);
    }
}

#[test]
fn control_characters_in_the_markdown_body_fail_the_build_at_their_line() {
    let front = "---\ntitle: ok\ndate: 2025-01-01\n---\n";
    for (body, at, wanted) in [
        ("Text.\n\nA bell \u{7} here.\n", (7, 8), "U+0007"),
        ("Text.\n\nA reference &#1; here.\n", (7, 13), "U+0001"),
        ("```\nform\u{c}feed\n```\n", (6, 5), "U+000C"),
    ] {
        fails_at(ARTICLE, &format!("{front}{body}"), at, wanted);
    }
    // Tab, newline and carriage return are text; so is a reference to an ordinary character.
    let site = TestSite::new(FIXTURE);
    site.write(ARTICLE, format!("{front}Tab\there,\r\ncafé &#233;, `&#1;` in code.\n"));
    site.build_ok(&[]);
}

#[test]
fn yaml_tags_are_refused_in_every_kind_of_file() {
    let tag = "`!!binary` is not supported";
    for (rel, text, at) in [
        (ARTICLE, "---\ntitle: !!binary aGVsbG8=\ndate: 2025-01-01\n---\n".to_string(), (2, 8)),
        (ARTICLE, "---\ntitle: ok\ndate: 2025-01-01\nextra: {\"a\":!!binary aGVsbG8=}\n---\n".into(), (4, 13)),
        (SECTION, "---\ntitle: !!binary aGVsbG8=\n---\n".into(), (2, 8)),
        (LISTING, format!("---\ntitle: Recruiter\n{JOB}description: !!binary aGVsbG8=\n---\n"), (10, 14)),
        ("data/people.yaml", "- name: Ana\n  bio: !!binary aGVsbG8=\n".into(), (2, 8)),
    ] {
        fails_at(rel, &text, at, tag);
    }
    fails_at(ARTICLE, "---\ntitle: ok\ndate: 2025-01-01\ntags: [!foo a]\n---\n", (4, 8), "`!foo` is not supported");
}
