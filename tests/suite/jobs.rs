//! Job listings end to end: the real binary builds `tests/fixtures/jobs-board` with a fixed
//! SOURCE_DATE_EPOCH, and the tests read the board, the listing pages' JSON-LD and the
//! callouts back out of the output.

use crate::common::{json_ld_blocks, list_html_files, read_output, RunResult, TestSite};
use serde_json::Value;

/// 2025-06-01T00:00:00Z: the designer listing (valid through 2025-03-01) is closed.
const JUNE_2025: &str = "1748736000";
/// 2025-02-15T00:00:00Z: every listing is still open.
const FEB_2025: &str = "1739577600";

fn build_at(site: &TestSite, epoch: &str) -> RunResult {
    site.build_dated(epoch, &[])
}

fn built(epoch: &str) -> TestSite {
    let site = TestSite::new("jobs-board");
    build_at(&site, epoch).assert_success();
    site
}

fn job_posting(site: &TestSite, slug: &str) -> Value {
    let html = read_output(&site.out, &format!("jobs/{slug}/index.html"));
    let mut blocks = json_ld_blocks(&html);
    assert_eq!(blocks.len(), 1, "exactly one JSON-LD block on jobs/{slug}/");
    let v = blocks.remove(0);
    assert_eq!(v["@type"], "JobPosting");
    assert_eq!(v["@context"], "https://schema.org/");
    v
}

/// The job links inside the first element with class `job-callout` after `from`.
fn callout_links(html: &str, from: usize) -> Vec<String> {
    let start = html[from..].find("class=\"job-callout\"").map(|i| i + from).expect("no job callout");
    let end = html[start..].find("</aside>").map(|i| i + start).expect("unclosed callout");
    crate::common::extract_links(&html[start..end])
        .into_iter()
        .filter(|l| l.contains("/jobs/") && !l.ends_with("/jobs/"))
        .collect()
}

#[test]
fn open_onsite_listing_has_complete_job_posting() {
    let site = built(JUNE_2025);
    let v = job_posting(&site, "onsite-advisor");
    assert_eq!(v["title"], "Careers Advisor");
    assert_eq!(v["datePosted"], "2025-01-10");
    assert_eq!(v["validThrough"], "2025-12-31T23:59:59+00:00", "open through the whole last day");
    assert_eq!(v["employmentType"], "FULL_TIME");
    assert_eq!(v["hiringOrganization"]["@type"], "Organization");
    assert_eq!(v["hiringOrganization"]["name"], "Northwind University");
    assert_eq!(v["hiringOrganization"]["sameAs"], "https://northwind.example");
    assert_eq!(v["jobLocation"]["@type"], "Place");
    let addr = &v["jobLocation"]["address"];
    assert_eq!(addr["@type"], "PostalAddress");
    assert_eq!(addr["addressLocality"], "Leeds");
    assert_eq!(addr["addressRegion"], "West Yorkshire");
    assert_eq!(addr["addressCountry"], "GB");
    assert!(v.get("jobLocationType").is_none());
    let salary = &v["baseSalary"];
    assert_eq!(salary["@type"], "MonetaryAmount");
    assert_eq!(salary["currency"], "GBP");
    assert_eq!(salary["value"]["@type"], "QuantitativeValue");
    assert_eq!(salary["value"]["minValue"], 32000);
    assert_eq!(salary["value"]["maxValue"], 38000);
    assert_eq!(salary["value"]["unitText"], "YEAR");
    assert_eq!(v["directApply"], false);
    assert_eq!(v["description"], "<p>Advise students on <strong>interviews</strong>.</p>\n");
    assert_eq!(v["url"], "https://jobs.example.org/jobs/onsite-advisor/");
}

#[test]
fn open_remote_listing_uses_telecommute() {
    let site = built(JUNE_2025);
    let v = job_posting(&site, "remote-recruiter");
    assert_eq!(v["jobLocationType"], "TELECOMMUTE");
    let countries: Vec<&str> =
        v["applicantLocationRequirements"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(countries, ["US", "CA"]);
    assert!(v["applicantLocationRequirements"].as_array().unwrap().iter().all(|c| c["@type"] == "Country"));
    assert!(v.get("jobLocation").is_none());
    assert!(v.get("validThrough").is_none(), "no valid_through given");
    assert!(v.get("baseSalary").is_none());
    assert!(v["hiringOrganization"].get("sameAs").is_none(), "no company_url given");
    assert_eq!(v["directApply"], true);
    assert_eq!(v["employmentType"], "CONTRACTOR");
    let board = read_output(&site.out, "jobs/index.html");
    assert!(board.contains("Remote"), "the board says Remote for remote roles");
}

#[test]
fn expired_listing_keeps_its_page_without_markup() {
    let site = built(JUNE_2025);
    let html = read_output(&site.out, "jobs/expired-designer/index.html");
    assert!(json_ld_blocks(&html).is_empty());
    assert!(!html.contains("JobPosting"));
    assert!(html.contains("This listing is closed"), "says it is closed");
    assert!(
        crate::common::extract_links(&html).contains(&"https://jobs.example.org/jobs/".to_string()),
        "links to open roles"
    );
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    let board = read_output(&site.out, "jobs/index.html");
    assert!(!board.contains("expired-designer"), "closed listings leave the board");
}

#[test]
fn build_date_decides_what_is_open() {
    let site = built(FEB_2025);
    let v = job_posting(&site, "expired-designer");
    assert_eq!(v["validThrough"], "2025-03-01T23:59:59+00:00");
    assert!(read_output(&site.out, "jobs/index.html").contains("expired-designer"));
}

#[test]
fn board_lists_open_roles_newest_first_without_markup() {
    let site = built(JUNE_2025);
    let board = read_output(&site.out, "jobs/index.html");
    assert!(!board.contains("JobPosting") && json_ld_blocks(&board).is_empty());
    let order: Vec<String> = crate::common::listed_links(&board)
        .into_iter()
        .filter(|l| l.starts_with("https://jobs.example.org/jobs/") && l.len() > "https://jobs.example.org/jobs/".len())
        // Listing pages, not the board's feeds (jobs.xml and the like) linked in its head.
        .filter(|l| l.ends_with('/'))
        .collect();
    assert_eq!(
        order,
        [
            "https://jobs.example.org/jobs/script-title/",
            "https://jobs.example.org/jobs/onsite-advisor/",
            "https://jobs.example.org/jobs/remote-recruiter/"
        ]
    );
    assert!(board.contains("Northwind University") && board.contains("Leeds") && board.contains("Full time"));
}

#[test]
fn job_posting_markup_only_on_open_listing_pages() {
    let site = built(JUNE_2025);
    let open = ["jobs/onsite-advisor/index.html", "jobs/remote-recruiter/index.html", "jobs/script-title/index.html"];
    for rel in list_html_files(&site.out) {
        let html = read_output(&site.out, &rel);
        let has = html.contains("JobPosting");
        assert_eq!(has, open.contains(&rel.as_str()), "{rel}: JobPosting present = {has}");
    }
}

#[test]
fn callout_picks_most_shared_tags_then_newest() {
    let site = built(JUNE_2025);
    let html = read_output(&site.out, "posts/interview-tips/index.html");
    assert_eq!(html.matches("class=\"job-callout\"").count(), 1);
    assert!(html.contains("Roles picked for you."), "wording from site.toml");
    assert_eq!(
        callout_links(&html, 0),
        [
            "https://jobs.example.org/jobs/remote-recruiter/",
            "https://jobs.example.org/jobs/onsite-advisor/",
            "https://jobs.example.org/jobs/script-title/"
        ],
        "two shared tags, then one, then the newest; never the closed listing"
    );
}

#[test]
fn article_can_opt_out_of_the_callout() {
    let site = built(JUNE_2025);
    let html = read_output(&site.out, "posts/no-callout/index.html");
    assert!(!html.contains("job-callout"));
}

#[test]
fn site_can_turn_callouts_off() {
    let site = TestSite::new("jobs-board");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", config.replace("[jobs]\n", "[jobs]\ncallout = false\n"));
    build_at(&site, JUNE_2025).assert_success();
    let html = read_output(&site.out, "posts/interview-tips/index.html");
    assert!(!html.contains("job-callout"));
    // The shortcode is the author's explicit choice and stays.
    let html = read_output(&site.out, "posts/with-shortcode/index.html");
    assert_eq!(html.matches("class=\"job-callout\"").count(), 1);
}

#[test]
fn shortcode_places_a_filtered_callout_in_the_body() {
    let site = built(JUNE_2025);
    let html = read_output(&site.out, "posts/with-shortcode/index.html");
    assert_eq!(html.matches("class=\"job-callout\"").count(), 2, "the shortcode's and the article's own");
    let body_start = html.find("Design roles we like").unwrap();
    let after = html.find("More text after the callout").unwrap();
    let in_body = html[body_start..].find("class=\"job-callout\"").unwrap() + body_start;
    assert!(in_body < after, "the shortcode's callout stands where it was written");
    assert_eq!(callout_links(&html, body_start), ["https://jobs.example.org/jobs/script-title/"]);
    assert!(!html.contains("{{&lt;") && !html.contains("{{<"));
}

#[test]
fn callouts_on_one_page_are_named_apart() {
    // Screen readers list landmarks by name: three callouts all called "Open roles"
    // could not be told apart there.
    let site = TestSite::new("jobs-board");
    let page = std::fs::read_to_string(site.path("content/posts/with-shortcode.md")).unwrap();
    let more = "\n{{< job_callout tag=\"design\" >}}\n\n{{< job_callout >}}\n\nThe end.\n";
    site.write("content/posts/with-shortcode.md", format!("{page}{more}"));
    build_at(&site, JUNE_2025).assert_success();
    let html = read_output(&site.out, "posts/with-shortcode/index.html");
    let labels: Vec<&str> = html
        .split("<aside class=\"job-callout\" aria-label=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(labels, ["Open roles: design", "Open roles: design (2)", "Open roles (3)", "Open roles (4)"]);
    // A page with only its own callout keeps the plain name.
    let html = read_output(&site.out, "posts/interview-tips/index.html");
    assert_eq!(html.matches("<aside class=\"job-callout\" aria-label=\"Open roles\">").count(), 1);
}

#[test]
fn author_text_is_escaped_in_html_and_kept_in_json_ld() {
    let site = built(JUNE_2025);
    let html = read_output(&site.out, "jobs/script-title/index.html");
    assert_eq!(html.matches("<script").count(), 1, "only the JSON-LD script element");
    assert!(!html.contains("alert(\"x\")</script>"));
    // The title's quotes are curled as the page's text is (`typography::smart`).
    assert!(html.contains("Engineer &lt;/script&gt;&lt;script&gt;alert(“x”)&lt;/script&gt; &amp; Co"));
    let v = job_posting(&site, "script-title");
    assert_eq!(v["title"], "Engineer </script><script>alert(“x”)</script> & Co");
    assert_eq!(v["hiringOrganization"]["name"], "O'Brien & \"Sons\" <Ltd>");
    // Callouts and the board escape it too.
    for rel in ["jobs/index.html", "posts/interview-tips/index.html"] {
        let page = read_output(&site.out, rel);
        assert!(page.contains("Engineer &lt;/script&gt;"), "{rel}");
        // Only the article's own JSON-LD (BlogPosting, BreadcrumbList) and the board's
        // filter script may open a script.
        let json_ld = page.matches("<script type=\"application/ld+json\">").count();
        let filter_script =
            page.matches("<script src=\"https://jobs.example.org/job-filters.js\" defer></script>").count();
        assert_eq!(filter_script, usize::from(rel == "jobs/index.html"), "{rel}");
        assert_eq!(page.matches("<script").count(), json_ld + filter_script, "{rel}");
    }
}

#[test]
fn invalid_listing_names_file_and_field() {
    let site = TestSite::new("jobs-board");
    let path = "content/jobs/remote-recruiter.md";
    let text = std::fs::read_to_string(site.path(path)).unwrap();
    site.write(path, text.replace("applicant_countries: [US, CA]\n", ""));
    let r = build_at(&site, JUNE_2025);
    r.assert_clean_failure();
    // Missing because of `remote: true`: at that line, where the author looks.
    let remote_line = text.lines().position(|l| l.starts_with("remote:")).unwrap() + 1;
    let line = crate::common::assert_error_location(&r, path, Some(remote_line));
    assert!(line.contains("applicant_countries"), "{line}");

    site.write(path, text.replace("employment_type: CONTRACTOR", "employment_type: GIG"));
    let r = build_at(&site, JUNE_2025);
    r.assert_clean_failure();
    let line = crate::common::assert_error_location(&r, path, Some(4));
    assert!(line.contains("employment_type") && line.contains("GIG"), "{line}");
}

#[test]
fn a_nested_value_error_points_at_its_own_line_and_column() {
    let site = TestSite::new("jobs-board");
    let path = "content/jobs/onsite-advisor.md";
    let text = std::fs::read_to_string(site.path(path)).unwrap();
    let inline = "salary: { min: 32000, max: 38000, currency: GBP, unit: YEAR }";
    assert!(text.contains(inline), "the fixture's salary changed");
    // `max` is wrong, and its text "32k" also stands earlier, in the title.
    let text = text
        .replace("title: Careers Advisor", "title: Careers Advisor 32k")
        .replace(inline, "salary:\n  min: 32000\n  max: 32k\n  currency: GBP\n  unit: YEAR");
    let bad_line = text.lines().position(|l| l == "  max: 32k").unwrap() + 1;
    site.write(path, text);
    let r = build_at(&site, JUNE_2025);
    r.assert_clean_failure();
    let line = crate::common::assert_error_location(&r, path, Some(bad_line));
    assert!(line.starts_with(&format!("{path}:{bad_line}:8: ")) && line.contains("salary.max"), "{line}");
}

#[test]
fn listing_is_open_on_its_last_day_and_closed_the_day_after() {
    // 2025-03-01T23:59:59Z, then 2025-03-02T00:00:00Z.
    for (epoch, open) in [("1740873599", true), ("1740873600", false)] {
        let site = built(epoch);
        let html = read_output(&site.out, "jobs/expired-designer/index.html");
        assert_eq!(json_ld_blocks(&html).len(), usize::from(open), "at {epoch}");
    }
}

#[test]
fn listings_without_an_index_file_still_get_their_board() {
    let site = TestSite::new("jobs-board");
    std::fs::remove_file(site.path("content/jobs/_index.md")).unwrap();
    build_at(&site, JUNE_2025).assert_success();
    let board = read_output(&site.out, "jobs/index.html");
    assert!(board.contains("jobs/onsite-advisor/"), "the board lists open roles");
    crate::common::check_links(&site.out, "https://jobs.example.org/").assert_ok();
}

#[test]
fn the_board_is_paginated_like_every_list() {
    let site = TestSite::new("jobs-board");
    site.write("content/jobs/_index.md", "---\ntitle: Open roles\npaginate_by: 2\n---\n");
    build_at(&site, JUNE_2025).assert_success();
    let (listing, pages) =
        crate::common::section_listing("https://jobs.example.org/jobs/", "https://jobs.example.org/", &site.out);
    assert_eq!(pages.len(), 2, "three open roles, two a page: {pages:?}");
    let second = read_output(&site.out, "jobs/page/2/index.html");
    assert_eq!(crate::common::rel_links(&second, "prev"), ["https://jobs.example.org/jobs/"]);
    assert!(second.contains("Newer listings"));
    assert_eq!(
        listing,
        [
            "https://jobs.example.org/jobs/script-title/",
            "https://jobs.example.org/jobs/onsite-advisor/",
            "https://jobs.example.org/jobs/remote-recruiter/"
        ],
        "the pages together list every open role, newest first"
    );
}

/// Every optional field of a listing, each where schema.org and Google put it.
#[test]
fn every_new_listing_field_maps_to_its_job_posting_property() {
    let site = TestSite::new("jobs-details");
    build_at(&site, FEB_2025).assert_success();
    let base = "https://details.example.org";
    let v = job_posting(&site, "advisor");
    let address = &v["jobLocation"]["address"];
    assert_eq!(address["streetAddress"], "Woodhouse Lane");
    assert_eq!(address["postalCode"], "LS2 9JT");
    assert_eq!(address["addressLocality"], "Leeds");
    assert_eq!(v["hiringOrganization"]["logo"], format!("{base}/jobs/advisor/logo.png"));
    assert_eq!(
        v["identifier"],
        serde_json::json!({"@type": "PropertyValue", "name": "Northwind University", "value": "NWU-4821"})
    );
    assert_eq!(v["workHours"], "37.5 hours a week");
    assert_eq!(v["jobBenefits"], "28 days' leave, pension");
    assert_eq!(v["educationRequirements"]["@type"], "EducationalOccupationalCredential");
    assert_eq!(v["educationRequirements"]["credentialCategory"], "bachelor degree");
    assert_eq!(v["experienceRequirements"]["@type"], "OccupationalExperienceRequirements");
    assert_eq!(v["experienceRequirements"]["monthsOfExperience"], 24);
    assert!(site.out.join("jobs/advisor/logo.png").is_file(), "the logo beside the listing is published");
    let page = read_output(&site.out, "jobs/advisor/index.html");
    for shown in ["37.5 hours a week", "Bachelor degree", "2 years", "NWU-4821", "28 days&#39; leave, pension"] {
        assert!(page.contains(shown), "the listing page shows {shown:?}");
    }

    let remote = job_posting(&site, "recruiter");
    assert_eq!(remote["hiringOrganization"]["logo"], format!("{base}/globex.png"));
    assert_eq!(remote["identifier"]["value"], "jobs/recruiter", "without requisition_id, the listing's path");
    assert!(remote.get("jobLocation").is_none() && remote.get("workHours").is_none());
    assert!(read_output(&site.out, "jobs/recruiter/index.html").contains("18 months"));
}

#[test]
fn hybrid_and_multi_office_listings_have_google_s_shapes() {
    let site = TestSite::new("jobs-details");
    build_at(&site, FEB_2025).assert_success();
    // Hybrid: the office as jobLocation, no TELECOMMUTE (that is for fully remote roles),
    // and the countries applicants may live in.
    let hybrid = job_posting(&site, "hybrid-coach");
    assert_eq!(hybrid["jobLocation"]["@type"], "Place");
    assert_eq!(hybrid["jobLocation"]["address"]["addressLocality"], "Leeds");
    assert_eq!(hybrid["jobLocation"]["address"]["streetAddress"], "1 Park Row");
    assert!(hybrid.get("jobLocationType").is_none(), "{hybrid}");
    assert_eq!(
        hybrid["applicantLocationRequirements"],
        serde_json::json!([{ "@type": "Country", "name": "GB" }, { "@type": "Country", "name": "IE" }])
    );
    let page = read_output(&site.out, "jobs/hybrid-coach/index.html");
    assert!(page.contains("Hybrid: Leeds"), "the page says the role is hybrid");

    // Several offices: an array of Places, each with its own address.
    let two = job_posting(&site, "two-offices");
    let places = two["jobLocation"].as_array().expect("an array of places");
    let cities: Vec<&str> = places.iter().map(|p| p["address"]["addressLocality"].as_str().unwrap()).collect();
    assert_eq!(cities, ["Lyon", "Manchester"]);
    assert!(places.iter().all(|p| p["@type"] == "Place" && p["address"]["@type"] == "PostalAddress"));
    assert_eq!(places[0]["address"]["addressCountry"], "FR");
    assert_eq!(places[0]["address"]["postalCode"], "69002");
    assert_eq!(places[1]["address"]["addressRegion"], "Greater Manchester");
    assert!(two.get("jobLocationType").is_none() && two.get("applicantLocationRequirements").is_none());

    // Fully remote stays as it was: no place, TELECOMMUTE and the countries.
    let remote = job_posting(&site, "recruiter");
    assert_eq!(remote["jobLocationType"], "TELECOMMUTE");
    assert_eq!(remote["applicantLocationRequirements"].as_array().map(Vec::len), Some(2));
}

/// The `<dd>` after `<dt>{term}</dt>` on a listing page, with CLDR's no-break spaces plain.
fn listing_fact(site: &TestSite, slug: &str, term: &str) -> String {
    let html = read_output(&site.out, &format!("jobs/{slug}/index.html"));
    let open = format!("<dt>{term}</dt><dd>");
    let start = html.find(&open).unwrap_or_else(|| panic!("no {term} on jobs/{slug}/")) + open.len();
    let end = start + html[start..].find("</dd>").unwrap();
    html[start..end].replace(['\u{a0}', '\u{202f}'], " ")
}

#[test]
fn salaries_and_countries_read_in_the_site_s_language_while_the_data_keeps_codes() {
    let site = TestSite::new("jobs-details");
    build_at(&site, FEB_2025).assert_success();
    assert_eq!(listing_fact(&site, "advisor", "Salary"), "£32,000–£38,000 a year");
    assert_eq!(listing_fact(&site, "advisor", "Location"), "Leeds, West Yorkshire, United Kingdom");
    assert_eq!(listing_fact(&site, "recruiter", "Location"), "Remote (United States, Canada)");
    assert_eq!(
        listing_fact(&site, "two-offices", "Location"),
        "Lyon, France; Manchester, Greater Manchester, United Kingdom"
    );

    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("language = \"fr\"\n{toml}"));
    build_at(&site, FEB_2025).assert_success();
    assert_eq!(listing_fact(&site, "advisor", "Salary"), "32 000 £GB – 38 000 £GB par an");
    assert_eq!(listing_fact(&site, "advisor", "Location"), "Leeds, West Yorkshire, Royaume-Uni");
    assert_eq!(listing_fact(&site, "recruiter", "Location"), "Remote (États-Unis, Canada)");
    // Search engines read codes and numbers, whatever the language.
    let v = job_posting(&site, "advisor");
    assert_eq!(v["baseSalary"]["currency"], "GBP");
    assert_eq!(v["baseSalary"]["value"]["minValue"], 32000);
    assert_eq!(v["jobLocation"]["address"]["addressCountry"], "GB");
    assert_eq!(job_posting(&site, "recruiter")["applicantLocationRequirements"][0]["name"], "US");
}

#[test]
fn a_bad_education_level_or_a_missing_logo_names_the_field_and_line() {
    let site = TestSite::new("jobs-details");
    let listing = "content/jobs/advisor/index.md";
    let text = std::fs::read_to_string(site.path(listing)).unwrap();
    site.write(listing, text.replace("education: bachelor degree", "education: a degree"));
    let r = build_at(&site, FEB_2025);
    r.assert_clean_failure();
    assert!(
        r.stderr.contains(&format!("{listing}:14:1: job listing `education`: \"a degree\" is not one of: high school")),
        "{r}"
    );

    site.write(listing, text.replace("company_logo: logo.png", "company_logo: missing.png"));
    let r = build_at(&site, FEB_2025);
    r.assert_clean_failure();
    assert!(r.stderr.contains(&format!("{listing}:10:1: job listing `company_logo`: there is no file")), "{r}");
}
