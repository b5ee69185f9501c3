//! `data/` files (YAML, TOML, JSON) reach templates as `data.<name>`: built with the real
//! binary on the `data-files` fixture, whose site template lists them; bad data files
//! fail the build at their line; `serve --watch` picks up a data edit.

use crate::common::server::DevServer;
use crate::common::{assert_error_location, careerpress_bin, read_output, TestSite};
use std::time::{Duration, Instant};

const FIXTURE: &str = "data-files";

#[test]
fn templates_read_every_data_format_and_escape_it() {
    let site = TestSite::new(FIXTURE);
    site.build_ok(&[]);
    let html = read_output(&site.out, "coaches/index.html");
    assert!(html.contains("<li data-speciality=\"Interview practice\">Ana Díaz</li>"), "{html}");
    // Data is author text: escaped like front matter, never trusted as HTML.
    assert!(html.contains("Sam &lt;script&gt;alert(1)&lt;/script&gt; Lee"), "{html}");
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(html.contains("data-speciality=\"Salary &amp; offers\""), "{html}");
    assert!(html.contains("Northwind Careers (12 roles)"), "{html}");
    assert!(html.contains("341 placements since 2019"), "{html}");
}

#[test]
fn a_bad_data_file_fails_the_build_at_its_line() {
    for (rel, text, line) in [
        ("data/stats.json", "{\n  \"placements\": 341,\n  \"since\": twenty\n}\n", 3),
        ("data/employers/partners.toml", "[[partner]]\nname = \"A\"\nroles = = 3\n", 3),
        ("data/coaches.yaml", "- name: A\n  speciality: x\n - name: B\n", 3),
    ] {
        let site = TestSite::new(FIXTURE);
        site.write(rel, text);
        let r = site.build(&[]);
        r.assert_clean_failure();
        let shown = assert_error_location(&r, rel, Some(line));
        assert!(shown.contains("data file"), "{shown}");
        assert!(!site.out.exists(), "a failed build wrote output");
    }
}

#[test]
fn serve_reloads_when_a_data_file_changes() {
    let site = TestSite::new(FIXTURE);
    let server = DevServer::start(&careerpress_bin(), &site.root, &["--watch"], Duration::from_secs(30));
    // As the page's own script opens it: the open page is rendered first.
    let (events, _) = server.events_on("/coaches/");
    assert!(server.get("/coaches/").text().contains("341 placements"));
    site.write("data/stats.json", r#"{ "placements": 342, "since": 2019 }"#);
    events.expect_reload(Duration::from_secs(10), "editing data/stats.json");
    let line = server.wait_stdout(|l| l.contains(" changed: "), Instant::now() + Duration::from_secs(10));
    assert!(line.is_some_and(|l| l.contains("open in a browser first")), "{}", server.output());
    let html = server.get("/coaches/").text();
    assert!(html.contains("342 placements since 2019"), "{html}");
}
