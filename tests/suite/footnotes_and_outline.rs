//! What readers see of an article's text and structure (issue 15): footnotes that link to
//! numbered notes and back, a calculator embedded under a `###` heading and a job callout
//! under a `####` one that keep the heading outline, and titles (an article's, a listing's)
//! whose punctuation turns as the body's does, everywhere they are shown.

use crate::common::{element_ids, extract_links, heading_levels, parse_tags, read_output, TestSite};

const ARTICLE: &str = "posts/waiting/index.html";

fn built() -> (TestSite, String) {
    let site = TestSite::new("footnotes-outline");
    site.build_ok(&[]);
    let html = read_output(&site.out, ARTICLE);
    (site, html)
}

/// The levels of the headings inside `<main>`, in order.
fn outline(html: &str) -> Vec<u8> {
    heading_levels(&html[html.find("<main").expect("a <main>")..html.find("</main>").expect("a </main>")])
}

#[test]
fn footnotes_link_to_their_notes_and_back_and_every_fragment_resolves() {
    let (site, html) = built();
    let ids = element_ids(&html);
    let fragments: Vec<String> = extract_links(&html).into_iter().filter(|l| l.starts_with('#')).collect();
    assert!(fragments.len() >= 8, "references and backlinks: {fragments:?}");
    for f in &fragments {
        assert!(ids.contains(&f[1..]), "{f} names no id on the page:\n{html}");
    }
    // Numbered by first reference; the note referenced twice has two references and two
    // backlinks; the heading "Fn timing" holds `fn-timing`, so the note takes another id.
    assert!(html.contains("<h2 id=\"fn-timing\">"), "{html}");
    for (note, reference, n) in
        [("fn-timing-1", "fnref-timing-1", 1), ("fn-slow", "fnref-slow", 2), ("fn-timing-1", "fnref-timing-1-2", 1)]
    {
        let expected = format!("<sup class=\"footnote-ref\"><a href=\"#{note}\" id=\"{reference}\">{n}</a></sup>");
        assert!(html.contains(&expected), "{expected}:\n{html}");
    }
    let tags = parse_tags(&html);
    let section = tags.iter().position(|t| t.has_token("class", "footnotes")).expect("a footnotes section");
    assert_eq!(tags[section].attr("role"), Some("doc-endnotes"));
    let notes: Vec<&str> = tags[section..].iter().filter(|t| t.name == "li").filter_map(|t| t.attr("id")).collect();
    assert_eq!(notes, ["fn-timing-1", "fn-slow", "fn-days"], "the unreferenced note is left out");
    let backlinks: Vec<&str> =
        tags.iter().filter(|t| t.has_token("class", "footnote-backref")).filter_map(|t| t.attr("href")).collect();
    assert_eq!(backlinks, ["#fnref-timing-1", "#fnref-timing-1-2", "#fnref-slow", "#fnref-days"]);
    assert!(html.contains("aria-label=\"Back to reference 1-2\""), "{html}");
    assert!(html.contains("<a href=\"https://example.com/survey\">survey of hiring managers</a> in <em>2024</em>."));
    assert!(html.contains("reference to nothing[^missing] stays text"), "{html}");
    assert!(!html.contains("Never referenced"), "{html}");
    // Feed readers get the same notes; the fragments are relative, so they stay in the entry.
    let feed = read_output(&site.out, "atom.xml");
    assert!(feed.contains("href=&quot;#fn-timing-1&quot;") && feed.contains("id=&quot;fn-timing-1&quot;"), "{feed}");
}

#[test]
fn an_embedded_calculator_heading_sits_one_below_the_heading_above_it() {
    let (site, html) = built();
    assert!(html.contains("<h4 id=\"followup-embed-title\" class=\"followup-title\">"), "{html}");
    // The callout shortcode under `####` is one below it; the one ending the article is not
    // a shortcode and keeps level 2.
    let callouts: Vec<&str> =
        html.match_indices("class=\"job-callout-title\"").map(|(at, _)| &html[at - 4..at - 1]).collect();
    assert_eq!(callouts, ["<h5", "<h2"], "{html}");
    let levels = outline(&html);
    assert!(levels.len() >= 7, "{levels:?}");
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "the outline skips from h{} to h{}: {levels:?}", pair[0], pair[1]);
    }
    // The full calculator page keeps its own level.
    let page = read_output(&site.out, "follow-up-calculator/index.html");
    assert!(page.contains("<h2 id=\"followup-title\" class=\"followup-title\">"), "{page}");
}

#[test]
fn a_title_with_punctuation_reads_as_the_body_does_wherever_it_is_shown() {
    let (site, html) = built();
    let title = "Don’t Wait – Follow Up";
    assert!(html.contains(&format!("<title>{title} · Footnotes fixture</title>")), "{html}");
    assert!(html.contains(&format!("<h1>{title}</h1>")), "{html}");
    assert!(html.contains(&format!("<meta property=\"og:title\" content=\"{title}\">")), "{html}");
    let description = "When to follow up… and why it’s “fine” to ask.";
    assert!(html.contains(&format!("<meta name=\"description\" content=\"{description}\">")), "{html}");
    assert!(html.contains(&format!("\"headline\":\"{title}\"")), "JSON-LD says what the page shows: {html}");
    let home = read_output(&site.out, "index.html");
    assert!(home.contains(title) && home.contains(description), "{home}");
    let feed = read_output(&site.out, "atom.xml");
    assert!(feed.contains(&format!("<title>{title}</title>")), "{feed}");
    // The URL comes from the file name, never from the title.
    assert!(site.out.join(ARTICLE).is_file());
    // Listing text too: in the article's callout, on the board and on the listing's page.
    let job = "Follow-Up Coach – Part-Time";
    assert!(html.contains(&format!(">{job}</a>")), "{html}");
    let listing = read_output(&site.out, "jobs/coach/index.html");
    assert!(listing.contains(&format!("<h1>{job}</h1>")), "{listing}");
    assert!(listing.contains("<meta name=\"description\" content=\"Coach candidates who aren’t sure when to write.\">"));
    assert!(read_output(&site.out, "jobs/index.html").contains(job));
}
