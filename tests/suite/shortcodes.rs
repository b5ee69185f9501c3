//! A site's own shortcodes: templates in `templates/shortcodes/`, called alone on their
//! line, a pair's body rendered as Markdown with the rest of the page.

use crate::common::*;
use std::fs;

const FIXTURE: &str = "shortcodes-own";
const NOTES: &str = "posts/notes/index.html";
const NOTES_SOURCE: &str = "content/posts/notes.md";

#[test]
fn a_sites_shortcodes_draw_with_its_templates_and_a_pairs_body_is_markdown() {
    let site = TestSite::new(FIXTURE);
    site.build_ok(&[]);
    let html = read_output(&site.out, NOTES);
    let note = concat!(
        "<aside class=\"note note-tip\" data-ordinal=\"1\"><h2>Don&#39;t &lt;panic&gt; &amp; wait</h2>",
        "<p>A <strong>bold</strong> word, and <a href=\"https://fixture.example.org/posts/other/\">the other ",
        "article</a>.</p>\n<span class=\"version\">1.2 / two words (Own Shortcodes)</span>\n\n</aside>\n\n",
        "<p>After the note.</p>"
    );
    assert!(html.contains(note), "the note, its body and its escaped title:\n{html}");
    assert!(html.contains("<aside class=\"note note-info\" data-ordinal=\"2\"></aside>"), "{html}");
    // The body as written, for math or diagrams: no Markdown, no typography, escaped.
    assert!(html.contains("<pre class=\"raw\">a_1 * b_2 and A--&gt;B &lt;x&gt;\n</pre>"), "{html}");
    assert!(!html.contains("{{&lt;") && !html.contains("{{<"), "no tag printed as text");
}

#[test]
fn an_edited_shortcode_template_reaches_the_pages_that_call_it() {
    let site = TestSite::new(FIXTURE);
    site.build_ok(&[]);
    let other = read_output(&site.out, "posts/other/index.html");
    site.write(
        "templates/shortcodes/docs/version.html",
        "<span class=\"since\">since {{ shortcode.positional[0] }}</span>",
    );
    let r = site.build_ok(&[]);
    let html = read_output(&site.out, NOTES);
    assert!(html.contains("<span class=\"since\">since 1.2</span>") && !html.contains("class=\"version\""), "{html}");
    assert_eq!(read_output(&site.out, "posts/other/index.html"), other);
    assert!(r.reused_count() > 0, "pages without the shortcode are reused: {}", r.stdout);
}

#[test]
fn a_shortcodes_mistakes_are_named_with_the_file_and_line() {
    let site = TestSite::new(FIXTURE);
    let notes = fs::read_to_string(site.path(NOTES_SOURCE)).unwrap();
    let broken = notes.replace("{{< docs/version 1.2 \"two words\" >}}", "{{< docs/versions 1.2 >}}").replace(
        "After the note.",
        "After the note.\n\n{{< /aside >}}\n\n{{< job_callout >}}\nbody\n{{< /job_callout >}}",
    );
    site.write(NOTES_SOURCE, broken);
    let r = site.build(&[]);
    r.assert_clean_failure();
    for expected in [
        "content/posts/notes.md:11:1: unknown shortcode \"docs/versions\"",
        "a site's own is drawn with its templates/shortcodes/docs/versions.html",
        "content/posts/notes.md:16:1: `{{< /aside >}}` closes an `aside` shortcode that no",
        "content/posts/notes.md:18:1: shortcode `job_callout`: `job_callout` takes no body",
    ] {
        assert!(r.stderr.contains(expected), "{expected}\n{}", r.stderr);
    }
}

#[test]
fn a_shortcode_templates_errors_and_a_taken_name_fail_the_build() {
    let site = TestSite::new(FIXTURE);
    site.write("templates/shortcodes/note.html", "<aside>{{ shortcode.args.kind | nosuchfilter }}</aside>");
    let r = site.build(&[]);
    r.assert_clean_failure();
    assert!(r.stderr.contains("content/posts/notes.md:8:1: shortcode `note`:"), "{}", r.stderr);
    assert!(r.stderr.contains("nosuchfilter"), "{}", r.stderr);

    let site = TestSite::new(FIXTURE);
    site.write("templates/shortcodes/followup_calculator.html", "<p>mine</p>");
    let r = site.build(&[]);
    r.assert_clean_failure();
    assert!(
        r.stderr.contains(
            "templates/shortcodes/followup_calculator.html: `followup_calculator` is careerpress's own shortcode"
        ),
        "{}",
        r.stderr
    );
}

/// The site's own shortcodes stand within text and in list items too, as Hugo's do; a
/// site moved from Hugo keeps its calls there, and `check` does not take them for leftovers.
#[test]
fn a_sites_shortcodes_stand_within_text_and_in_list_items() {
    let site = TestSite::new(FIXTURE);
    site.write(
        "content/posts/other.md",
        "---\ntitle: \"Other article\"\ndate: 2025-03-01\n---\n\nLinked from a note. Since {{< docs/version 2.0 >}} it **works**.\n\n\
         - Step {{< note >}}in *a* list{{< /note >}}\n- {{< docs/version 3 >}}\n\n  {{< note kind=\"tip\" >}}\n  Indented *body*.\n  {{< /note >}}\n- Last\n",
    );
    site.build_ok(&[]);
    let html = read_output(&site.out, "posts/other/index.html");
    let since = "Since <span class=\"version\">2.0 (Own Shortcodes)</span> it <strong>works</strong>.</p>";
    assert!(html.contains(since), "{html}");
    assert!(
        html.contains(
            "<meta name=\"description\" content=\"Linked from a note. Since 2.0 (Own Shortcodes) it works.\">"
        ),
        "{html}"
    );
    let item = "<li>\n<p>Step <aside class=\"note note-info\" data-ordinal=\"1\">in <em>a</em> list</aside></p>\n</li>";
    assert!(html.contains(item), "{html}");
    let body = "<aside class=\"note note-tip\" data-ordinal=\"2\"><p>Indented <em>body</em>.</p>\n</aside>\n\n</li>\n<li>\n<p>Last</p>";
    assert!(html.contains(body), "the list goes on after the pair: {html}");
    let check = run_careerpress(["check", "--root", site.dir().to_str().unwrap()], site.dir());
    assert!(!check.stdout.contains("foreign-syntax"), "{check}");
}

/// A call within text whose tag is never ended (a value's quote left open) was printed
/// as text, and its closing tag blamed for opening nothing; it now fails where it stands.
#[test]
fn a_call_within_text_left_open_fails_where_it_stands() {
    let site = TestSite::new(FIXTURE);
    site.write(
        "content/posts/other.md",
        "---\ntitle: \"Other article\"\ndate: 2025-03-01\n---\n\nPress {{< note kind=\"tip >}}Ctrl{{< /note >}} now.\n\n\
         Since {{< docs/version 2.0 > it works, and {{< docs/version \"3\" >}} too.\n",
    );
    let r = site.build(&[]);
    r.assert_clean_failure();
    for expected in [
        "content/posts/other.md:6:7: `{{< note kind=\"tip >}}Ctrl` has no `>}}` after it on its line",
        "content/posts/other.md:8:7: `{{< docs/version 2.0 > it works, and` has no `>}}`",
    ] {
        assert!(r.stderr.contains(expected), "{expected}\n{}", r.stderr);
    }
    assert!(!r.stderr.contains("closes a"), "the closing tag is the opening tag's: {}", r.stderr);
    assert_eq!(r.stderr.matches("content/posts/other.md:").count(), 2, "{}", r.stderr);
}
