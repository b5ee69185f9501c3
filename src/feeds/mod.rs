//! What machines read besides the pages: Atom feeds (RFC 4287) here, the sitemap and
//! robots.txt in `sitemap`, the job board's feeds for aggregators in `jobs`. Plain text
//! writers with no knowledge of `Site`: the XML is built by appending to one `String`,
//! never through a template context, so a feed or a 50,000-URL sitemap costs time linear
//! in what it lists.

pub mod jobs;
pub mod sitemap;

use crate::dates::Date;
use crate::escape::{encode_url, xml_into};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The site feed's file, at the root of the output.
pub const FEED_FILE: &str = "atom.xml";

/// site.toml `[feeds]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedsConfig {
    /// How many of the newest articles each feed carries: the site's and every tag's.
    pub limit: usize,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig { limit: 20 }
    }
}

impl FeedsConfig {
    /// The key and message of a bad `[feeds]` setting.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if self.limit == 0 {
            return Err(("limit", "must be at least 1: a feed needs an entry to say anything".into()));
        }
        Ok(())
    }
}

/// One feed's own metadata. URLs are written as given, after `encode_url`. Serialize is
/// for fingerprints (`site::job_feeds`).
#[derive(serde::Serialize)]
pub struct Feed<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    /// `xml:lang`, from site.toml's `language`.
    pub language: &'a str,
    /// Where the feed itself is published (`rel="self"`); also its permanent `id`, as
    /// the jekyll-feed and Zola feeds have it, so no two feeds share one.
    pub self_url: &'a str,
    /// The HTML page it mirrors (`rel="alternate"`).
    pub page_url: &'a str,
    /// Required at feed level unless every entry has one, so always written: a name, with
    /// the author's page (absolute) when the site's author is an `[authors]` profile.
    pub author: &'a str,
    pub author_url: Option<String>,
    /// The newest entry's `updated`.
    pub updated: Date,
}

/// One article as a feed entry.
pub struct Entry<'a> {
    /// The permalink: the entry's id, which must never change, and its link.
    pub permalink: &'a str,
    pub title: &'a str,
    /// Front matter `author`, each name with the author's page when their `[authors]`
    /// profile gives one (absolute). Empty when the article names none: the feed's author
    /// stands for it then.
    pub authors: Vec<(&'a str, Option<String>)>,
    pub published: Date,
    pub updated: Date,
    /// Plain text.
    pub summary: String,
    /// The article's rendered HTML, sent escaped as `type="html"`.
    pub content: &'a str,
    /// The article's tags, as the tag pages spell them.
    pub categories: Vec<&'a str>,
}

/// Writes an Atom 1.0 document, entries (each written by [`entry`]) in the order given.
pub fn atom(feed: &Feed<'_>, entries: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    attr(&mut out, "xml:lang", feed.language);
    out.push_str(">\n");
    element(&mut out, "id", &encode_url(feed.self_url));
    element(&mut out, "title", feed.title);
    if !feed.subtitle.is_empty() {
        element(&mut out, "subtitle", feed.subtitle);
    }
    element(&mut out, "updated", &feed.updated.to_rfc3339());
    link(&mut out, "self", "application/atom+xml", feed.self_url);
    link(&mut out, "alternate", "text/html", feed.page_url);
    author(&mut out, feed.author, feed.author_url.as_deref());
    out.push_str("<generator>careerpress</generator>\n");
    for e in entries {
        out.push_str(e.as_ref());
    }
    out.push_str("</feed>\n");
    out
}

/// One `<entry>` of an Atom feed. Written on its own so that an article carried by several
/// feeds (the site's and each of its tags') is escaped once.
pub fn entry(e: &Entry<'_>) -> String {
    let mut out = String::with_capacity(1024 + e.content.len() + e.content.len() / 4);
    write_entry(&mut out, e);
    out
}

fn write_entry(out: &mut String, e: &Entry<'_>) {
    out.push_str("<entry>\n");
    element(out, "id", &encode_url(e.permalink));
    element(out, "title", e.title);
    link(out, "alternate", "text/html", e.permalink);
    element(out, "published", &e.published.to_rfc3339());
    element(out, "updated", &e.updated.to_rfc3339());
    for (name, uri) in &e.authors {
        author(out, name, uri.as_deref());
    }
    for term in &e.categories {
        out.push_str("<category");
        attr(out, "term", term);
        out.push_str("/>\n");
    }
    if !e.summary.is_empty() {
        out.push_str("<summary type=\"text\">");
        xml_into(out, &e.summary);
        out.push_str("</summary>\n");
    }
    // xml:base resolves the article's relative links (images beside it) as its page does.
    out.push_str("<content type=\"html\"");
    attr(out, "xml:base", &encode_url(e.permalink));
    out.push('>');
    xml_into(out, &html_elsewhere(e.content));
    out.push_str("</content>\n</entry>\n");
}

/// A page's HTML as readers outside the site get it (feeds, a job posting's description):
/// without its scripts, and without the "#" links Markdown puts in headings, which would
/// point at the reader's own page (and job sites take no links in a description).
pub(crate) fn html_elsewhere(html: &str) -> Cow<'_, str> {
    match without_scripts(html) {
        Cow::Borrowed(html) => without_anchors(html),
        Cow::Owned(html) => Cow::Owned(without_anchors(&html).into_owned()),
    }
}

/// The HTML without its `<script>` elements: feed readers and job aggregators drop them
/// anyway, the W3C feed validator warns about them, and an embedded calculator's rules are
/// no use off its page.
fn without_scripts(html: &str) -> Cow<'_, str> {
    without_spans(
        html,
        |from| find_tag(html, from, "<script"),
        |at| {
            // An unclosed script runs to the end, as a browser reads it.
            find_tag(html, at, "</script").and_then(|close| html[close..].find('>').map(|gt| close + gt + 1))
        },
    )
}

/// The HTML without the heading links `markdown::anchor` writes, space before included.
fn without_anchors(html: &str) -> Cow<'_, str> {
    const START: &str = " <a class=\"heading-anchor\" href=\"#";
    const END: &str = "\">#</a>";
    without_spans(
        html,
        |from| html[from..].find(START).map(|at| from + at),
        |at| html[at..].find(END).map(|end| at + end + END.len()),
    )
}

/// `html` without each span that starts where `start` finds one (from a byte on) and ends
/// where `end` says (None: at the end of the text).
fn without_spans<'h>(
    html: &'h str,
    start: impl Fn(usize) -> Option<usize>,
    end: impl Fn(usize) -> Option<usize>,
) -> Cow<'h, str> {
    let Some(mut at) = start(0) else { return Cow::Borrowed(html) };
    let mut out = String::with_capacity(html.len());
    let mut kept_from = 0;
    loop {
        out.push_str(&html[kept_from..at]);
        kept_from = end(at).unwrap_or(html.len());
        match start(kept_from) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(&html[kept_from..]);
    Cow::Owned(out)
}

/// Where `tag` (`<script` or `</script`, any case) next starts at or after `from`, as a
/// whole element name: `<scripts>` is not a script.
fn find_tag(html: &str, from: usize, tag: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(pos) = html[i..].find('<') {
        let start = i + pos;
        let end = start + tag.len();
        let named = bytes.get(start..end).is_some_and(|b| b.eq_ignore_ascii_case(tag.as_bytes()));
        if named && bytes.get(end).is_none_or(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/') {
            return Some(start);
        }
        i = start + 1;
    }
    None
}

/// `<name>text</name>` and a newline.
pub(crate) fn element(out: &mut String, name: &str, text: &str) {
    element_with(out, name, text, xml_into);
}

/// `<name>`, `text` as `write` puts it (escaped, or in CDATA), `</name>` and a newline.
pub(crate) fn element_with(out: &mut String, name: &str, text: &str, write: fn(&mut String, &str)) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    write(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

/// ` name="value"`, escaped.
fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    xml_into(out, value);
    out.push('"');
}

fn link(out: &mut String, rel: &str, mime: &str, href: &str) {
    out.push_str("<link");
    attr(out, "rel", rel);
    attr(out, "type", mime);
    attr(out, "href", &encode_url(href));
    out.push_str("/>\n");
}

fn author(out: &mut String, name: &str, uri: Option<&str>) {
    out.push_str("<author><name>");
    xml_into(out, name);
    out.push_str("</name>");
    if let Some(uri) = uri {
        element(out, "uri", &encode_url(uri));
    }
    out.push_str("</author>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn scripts_are_left_out_of_feed_content() {
        assert!(matches!(without_scripts("<p>no scripts, <scripts> or </script> here</p>"), Cow::Borrowed(_)));
        let html =
            "<p>a</p><script type=\"application/json\">{\"x\":1}</script>\n<SCRIPT src=x.js defer></Script ><p>b</p>";
        assert_eq!(without_scripts(html), "<p>a</p>\n<p>b</p>");
        assert_eq!(without_scripts("<p>a</p><script>never closed"), "<p>a</p>");
        // `<script/>` does not close itself in HTML: the script runs to `</script>`.
        assert_eq!(without_scripts("<p>é</p><script/>ü<script>x</script>ö"), "<p>é</p>ö");
    }

    #[test]
    fn heading_links_are_left_out_of_html_read_elsewhere() {
        let page = crate::markdown::tests::ctx_render("## Pay & \"perks\"\n\nText.\n\n### Hours {#h}\n").unwrap();
        let page = page.html.into_string();
        assert!(page.contains("class=\"heading-anchor\""), "the page keeps them: {page}");
        assert_eq!(
            html_elsewhere(&page),
            "<h2 id=\"pay-perks\">Pay &amp; “perks”</h2>\n<p>Text.</p>\n<h3 id=\"h\">Hours</h3>\n"
        );
        assert!(matches!(html_elsewhere("<h2>A</h2><p>a <a href=\"#x\">#</a></p>"), Cow::Borrowed(_)));
        let both = html_elsewhere(
            "<h2 id=\"a\">A <a class=\"heading-anchor\" href=\"#a\" aria-label=\"A\">#</a></h2><script>x</script>",
        );
        assert_eq!(both, "<h2 id=\"a\">A</h2>");
    }

    #[test]
    fn limit_must_be_positive() {
        assert!(FeedsConfig::default().check().is_ok());
        assert_eq!(FeedsConfig { limit: 0 }.check().unwrap_err().0, "limit");
    }

    #[test]
    fn atom_escapes_every_text_and_attribute() {
        let feed = Feed {
            title: "Tom & Jerry's <careers>",
            subtitle: "",
            language: "en\"",
            self_url: "https://a.io/tags/面接/atom.xml",
            page_url: "https://a.io/tags/面接/",
            author: "A & B",
            author_url: None,
            updated: date("2025-01-06"),
        };
        let e = Entry {
            permalink: "https://a.io/posts/x/",
            title: "1 < 2 \u{1}",
            authors: vec![("<Ann>", Some("https://a.io/people/ann/".into())), ("Bo", None)],
            published: date("2025-01-05 10:00:00 +0200"),
            updated: date("2025-01-06"),
            summary: "Said \"hi\"".into(),
            content: "<p>a &amp; b</p>",
            categories: vec!["C++ & \"Rust\""],
        };
        let xml = atom(&feed, [entry(&e)]);
        for expected in [
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en&quot;\">",
            "<id>https://a.io/tags/%E9%9D%A2%E6%8E%A5/atom.xml</id>",
            "<title>Tom &amp; Jerry&#39;s &lt;careers&gt;</title>",
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://a.io/tags/%E9%9D%A2%E6%8E%A5/atom.xml\"/>",
            "<author><name>A &amp; B</name></author>",
            "<updated>2025-01-06T00:00:00Z</updated>",
            "<title>1 &lt; 2 </title>",
            "<published>2025-01-05T10:00:00+02:00</published>",
            "<author><name>&lt;Ann&gt;</name><uri>https://a.io/people/ann/</uri>\n</author>\n<author><name>Bo</name></author>",
            "<category term=\"C++ &amp; &quot;Rust&quot;\"/>",
            "<summary type=\"text\">Said &quot;hi&quot;</summary>",
            "<content type=\"html\" xml:base=\"https://a.io/posts/x/\">&lt;p&gt;a &amp;amp; b&lt;/p&gt;</content>",
        ] {
            assert!(xml.contains(expected), "missing {expected}\n{xml}");
        }
        assert!(!xml.contains("<subtitle>"), "an empty subtitle is left out");
        assert!(!xml.contains('\u{1}'));
    }
}
