//! Author text with markup in every field the default theme prints, built by the real
//! binary: no page, feed or data file may carry it as markup, the JSON-LD and the JSON feed
//! must parse and give the text back exactly, and the XML feeds must parse with the text
//! exact in their elements.

use crate::common::*;
use roxmltree::Document;
use serde_json::Value;

/// 2025-06-01T00:00:00Z.
const TODAY: &str = "1748736000";

/// Markup, an entity, a script end, a CDATA end and template syntax; no quotes or dashes,
/// which smart punctuation would rightly turn in titles. Tag names no theme uses, so that
/// finding one in the output can only mean it went through unescaped.
const TITLE: &str = "A&B <xq onload=1> </script> ]]> {{ t }}";
/// For fields that keep their quotes (tags, company names, places).
const QUOTED: &str = "Q\"u'o <tq> & </script> ]]>";

fn hostile_site() -> TestSite {
    let site = TestSite::new("build-basic");
    site.write(
        "content/posts/hostile.md",
        format!(
            "---\ntitle: '{TITLE}'\ndescription: '{TITLE}, with enough words to be a description.'\ndate: 2025-02-01\n\
             tags: ['{q}', plain]\nauthor: '{q}'\n---\nBody with the [follow-up guide](@/posts/follow-up.md).\n",
            q = QUOTED.replace('\'', "''")
        ),
    );
    site.write(
        "content/jobs/hostile.md",
        format!(
            "---\ntitle: '{TITLE}'\ncompany: '{q}'\nemployment_type: FULL_TIME\ndate_posted: 2025-05-01\n\
             apply_url: https://jobs.example/apply?a=1&b=<2>\nvalid_through: 2025-12-31\n\
             location: {{ street: '{q}', city: '{q}', region: '{q}', postal_code: '{q}', country: GB }}\n\
             salary: {{ min: 1, max: 2, currency: GBP, unit: YEAR }}\nrequisition_id: '{q}'\nhours: '{q}'\n\
             benefits: '{q}'\ntags: ['{q}']\n---\nThe role, <em>as written</em>.\n",
            q = QUOTED.replace('\'', "''")
        ),
    );
    site.build_dated(TODAY, &[]).assert_success();
    site
}

/// Every string anywhere in `v`.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// Each string that holds the marker exactly holds the hostile text it came from.
fn assert_exact(found: &[String], marker: &str, whole: &str, what: &str) {
    for s in found.iter().filter(|s| s.contains(marker)) {
        assert!(s.contains(whole), "{what}: {marker} without the rest of {whole:?}: {s:?}");
    }
}

#[test]
fn hostile_text_is_text_in_every_page_feed_and_data_file() {
    let site = hostile_site();
    let mut seen_in = Vec::new();
    for rel in list_files(&site.out) {
        let path = site.out.join(&rel);
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        // The markers in any encoding (a tag slug like `q-u-o-tq` is not one).
        let holds = ["xq onload", "tq>", "tq&gt;", "tq\\u003e", "tq\\u003E"].iter().any(|m| text.contains(m));
        if !holds {
            continue;
        }
        seen_in.push(rel.clone());
        if rel.ends_with(".html") {
            for tag in parse_tags(&text) {
                assert!(tag.name != "xq" && tag.name != "tq", "{rel}: author text became a <{}> element", tag.name);
            }
            assert_eq!(
                text.matches("</script>").count(),
                text.matches("<script").count(),
                "{rel}: a script closed early"
            );
            for block in json_ld_blocks(&text) {
                let mut found = Vec::new();
                strings(&block, &mut found);
                assert_exact(&found, "<xq", TITLE, &rel);
                assert_exact(&found, "<tq>", QUOTED, &rel);
            }
        } else if rel.ends_with(".xml") {
            let doc = Document::parse(&text).unwrap_or_else(|e| panic!("{rel} is not XML: {e}"));
            let found: Vec<String> = doc
                .descendants()
                .filter(|n| n.is_element())
                .map(|n| n.children().filter_map(|c| c.text()).collect::<String>())
                .collect();
            assert_exact(&found, "<xq", TITLE, &rel);
            assert_exact(&found, "<tq>", QUOTED, &rel);
            assert!(found.iter().any(|s| s.contains(TITLE) || s.contains(QUOTED)), "{rel}: the text is not there");
        } else if rel.ends_with(".json") {
            let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"));
            let mut found = Vec::new();
            strings(&v, &mut found);
            assert_exact(&found, "<xq", TITLE, &rel);
            assert_exact(&found, "<tq>", QUOTED, &rel);
        }
    }
    // The text reached the places that matter: else the test checks nothing.
    for wanted in [
        "posts/hostile/index.html",
        "jobs/hostile/index.html",
        "atom.xml",
        "jobs/jobs.xml",
        "jobs/jobs.json",
        "index.html",
    ] {
        assert!(seen_in.iter().any(|r| r == wanted), "{wanted} does not show the hostile text: {seen_in:?}");
    }
    let page = read_output(&site.out, "posts/hostile/index.html");
    assert!(page.contains("A&amp;B &lt;xq onload=1&gt; &lt;/script&gt; ]]&gt; {{ t }}"), "the title as text:\n{page}");
    let listing = read_output(&site.out, "jobs/hostile/index.html");
    let posting = json_ld_blocks(&listing).into_iter().find(|v| v["@type"] == "JobPosting").expect("a JobPosting");
    assert_eq!(posting["hiringOrganization"]["name"], QUOTED);
    assert_eq!(posting["jobLocation"]["address"]["addressLocality"], QUOTED);
    assert_eq!(posting["identifier"]["value"], QUOTED);
    assert_eq!(posting["jobBenefits"], QUOTED);
    assert_eq!(posting["title"], TITLE);
}
