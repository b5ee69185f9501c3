//! Job feeds for machines other than browsers: Indeed's publisher XML, the format most job
//! aggregators take, and a JSON Feed 1.1 for apps and readers. Plain writers like the Atom
//! one beside them, with no knowledge of `Site`: `site::job_feeds` picks the listings and
//! fills these structs in, so every formatting rule stays here, testable on its own.

use super::{element_with, html_elsewhere, Feed};
use crate::dates::Date;
use crate::escape::{cdata_into, encode_url};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::io::{self, Write};

/// Indeed's XML, beside the job board's list page.
pub const INDEED_FILE: &str = "jobs.xml";
/// The JSON Feed, beside it.
pub const JSON_FEED_FILE: &str = "jobs.json";
/// The `version` every JSON Feed 1.1 document names.
pub const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// Who publishes the Indeed feed. Serialize is for fingerprints (`site::job_feeds`).
#[derive(Serialize)]
pub struct Publisher<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub last_build: Date,
}

/// Where the work is, as Indeed's location elements split it; a missing part is left out.
#[derive(Default)]
pub struct Place<'a> {
    pub street: Option<&'a str>,
    pub city: Option<&'a str>,
    pub state: Option<&'a str>,
    pub postal_code: Option<&'a str>,
    pub country: Option<&'a str>,
}

/// One open listing as an Indeed `<job>`.
pub struct Posting<'a> {
    pub title: &'a str,
    /// When it was first published: Indeed requires it to match the date the site shows.
    pub date: Date,
    /// Unique per listing and office and never changed, since Indeed identifies the job by it.
    pub reference: String,
    /// The employer's own reference for the role.
    pub requisition_id: &'a str,
    pub url: &'a str,
    pub company: &'a str,
    pub place: Place<'a>,
    /// The listing's rendered HTML; its scripts are left out.
    pub description: &'a str,
    pub salary: Option<String>,
    pub job_type: Option<&'a str>,
    pub remote_type: Option<&'a str>,
    /// The last moment the listing is open, already in ISO 8601.
    pub expires: Option<String>,
    pub categories: &'a [String],
}

/// Writes Indeed's publisher XML: `<source>` with one `<job>` per posting, in the order
/// given. Every value is in CDATA, as Indeed asks (it reads no entities in job content);
/// dates are ISO 8601, which Indeed's feed reference recommends.
/// Written to `out` a job at a time: the feed carries every open listing whole.
pub fn indeed_xml<'a>(
    publisher: &Publisher<'_>,
    postings: impl IntoIterator<Item = Posting<'a>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut text = String::with_capacity(4096);
    text.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n");
    cdata(&mut text, "publisher", publisher.name);
    cdata(&mut text, "publisherurl", &encode_url(publisher.url));
    cdata(&mut text, "lastBuildDate", &publisher.last_build.to_rfc3339());
    for p in postings {
        job(&mut text, &p);
        out.write_all(text.as_bytes())?;
        text.clear();
    }
    text.push_str("</source>\n");
    out.write_all(text.as_bytes())
}

fn job(out: &mut String, p: &Posting<'_>) {
    out.push_str("<job>\n");
    cdata(out, "title", p.title);
    cdata(out, "date", &p.date.to_rfc3339());
    cdata(out, "referencenumber", &p.reference);
    cdata(out, "requisitionid", p.requisition_id);
    cdata(out, "url", &encode_url(p.url));
    cdata(out, "company", p.company);
    let place = &p.place;
    optional(
        out,
        [
            ("city", place.city),
            ("state", place.state),
            ("country", place.country),
            ("postalcode", place.postal_code),
            ("streetaddress", place.street),
        ],
    );
    cdata(out, "description", &literal_text(&html_elsewhere(p.description)));
    optional(
        out,
        [
            ("salary", p.salary.as_deref()),
            ("jobtype", p.job_type),
            ("remotetype", p.remote_type),
            ("expirationdate", p.expires.as_deref()),
        ],
    );
    if !p.categories.is_empty() {
        cdata(out, "category", &p.categories.join(", "));
    }
    out.push_str("</job>\n");
}

/// The elements that have a value, in the order given.
fn optional<const N: usize>(out: &mut String, elements: [(&str, Option<&str>); N]) {
    for (name, value) in elements {
        if let Some(text) = value {
            cdata(out, name, text);
        }
    }
}

/// `<name><![CDATA[text]]></name>` and a newline.
fn cdata(out: &mut String, name: &str, text: &str) {
    element_with(out, name, text, cdata_into);
}

/// `html` with the character references of its text written as the characters (`R&amp;D`
/// as `R&D`): Indeed reads no entities in job content. Tags are copied as they are (an
/// attribute's `&quot;` stays), and so is a reference whose character would change the
/// markup: `&lt;` before what could start a tag, `&amp;` before what could be read as a
/// reference.
fn literal_text(html: &str) -> Cow<'_, str> {
    if !html.contains('&') {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let taken = if rest.starts_with('<') {
            let len = tag_len(rest);
            out.push_str(&rest[..len]);
            len
        } else {
            reference(rest, &mut out)
        };
        rest = &rest[taken..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The length of the tag (or comment) `html` starts with, quoted attribute values read
/// whole; a `<` that starts no tag is one byte.
fn tag_len(html: &str) -> usize {
    if !html[1..].starts_with(|c: char| c.is_ascii_alphabetic() || "/!?".contains(c)) {
        return 1;
    }
    if html.starts_with("<!--") {
        return html.find("-->").map_or(html.len(), |end| end + 3);
    }
    let mut quote = None;
    for (i, c) in html.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// Writes the character of the reference `text` starts with (`&amp;`, `&#233;`) into
/// `out` as [`literal_text`] allows, else the reference as written; returns its length.
fn reference(text: &str, out: &mut String) -> usize {
    let Some(len) = text[1..].find(';').map(|i| i + 2).filter(|&l| l <= 12) else {
        out.push('&');
        return 1;
    };
    let (name, after) = (&text[1..len - 1], &text[len..]);
    let starts_markup = |next: &str| next.starts_with(|c: char| c.is_ascii_alphabetic() || "/!?".contains(c));
    let reads_as_reference = |next: &str| {
        let word = next.find(|c: char| !c.is_ascii_alphanumeric() && c != '#').unwrap_or(next.len());
        word > 0 && next[word..].starts_with(';')
    };
    let c = match name {
        "amp" if !reads_as_reference(after) => Some('&'),
        "lt" if !starts_markup(after) => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .map(|hex| u32::from_str_radix(hex, 16))
            .or_else(|| name.strip_prefix('#').map(str::parse::<u32>))
            .and_then(Result::ok)
            .and_then(char::from_u32)
            .filter(|c| !matches!(c, '<' | '&') && !c.is_control()),
    };
    match c {
        Some(c) => out.push(c),
        None => out.push_str(&text[..len]),
    }
    len
}

/// One listing as a JSON Feed item.
pub struct JsonItem<'a> {
    /// The permalink: the item's id, which must never change, and its URL.
    pub permalink: &'a str,
    pub title: &'a str,
    /// The listing's rendered HTML; its scripts are left out, as in the Atom feed.
    pub content_html: &'a str,
    pub summary: Option<&'a str>,
    /// Where candidates apply: a page elsewhere, as JSON Feed's `external_url` means.
    pub external_url: &'a str,
    pub published: Date,
    pub tags: &'a [String],
    /// schema.org JobPosting data, the same the listing's page carries.
    pub job_posting: Value,
}

/// The document as JSON Feed names its keys, in the order written.
#[derive(Serialize)]
#[serde(bound(serialize = "I: Iterator<Item = WireItem<'a>>"))]
struct Wire<'a, I: Iterator<Item = WireItem<'a>>> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: [WireAuthor<'a>; 1],
    items: OneByOne<I>,
}

/// A sequence serialised as its iterator yields it: the feed carries every open listing
/// whole, and holding all of them as items before writing doubled its memory.
struct OneByOne<I>(std::cell::Cell<Option<I>>);

impl<I: Iterator<Item = T>, T: Serialize> Serialize for OneByOne<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Serialised once; a second time it is empty.
        serializer.collect_seq(self.0.take().into_iter().flatten())
    }
}

#[derive(Serialize)]
struct WireAuthor<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct WireItem<'a> {
    id: String,
    url: String,
    external_url: String,
    title: &'a str,
    content_html: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    date_published: String,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    /// Custom data goes under a key starting with `_`, which readers that do not know it ignore.
    #[serde(rename = "_job_posting")]
    job_posting: Value,
}

/// Writes a JSON Feed 1.1 document, items in the order given, indented for people reading
/// it. It says of itself what an Atom feed does (`page_url` is its `home_page_url`,
/// `self_url` its `feed_url`, `subtitle` its `description`), except `updated`: JSON Feed
/// dates only its items.
pub fn json_feed<'a>(
    feed: &Feed<'_>,
    items: impl IntoIterator<Item = JsonItem<'a>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let wire = Wire {
        version: JSON_FEED_VERSION,
        title: feed.title,
        home_page_url: encode_url(feed.page_url).into_owned(),
        feed_url: encode_url(feed.self_url).into_owned(),
        description: feed.subtitle,
        language: feed.language,
        authors: [WireAuthor {
            name: feed.author,
            url: feed.author_url.as_deref().map(|u| encode_url(u).into_owned()),
        }],
        items: OneByOne(std::cell::Cell::new(Some(items.into_iter().map(|i| {
            let url = encode_url(i.permalink).into_owned();
            WireItem {
                id: url.clone(),
                url,
                external_url: encode_url(i.external_url).into_owned(),
                title: i.title,
                content_html: html_elsewhere(i.content_html),
                summary: i.summary,
                date_published: i.published.to_rfc3339(),
                tags: i.tags,
                job_posting: i.job_posting,
            }
        })))),
    };
    // Strings, numbers and JSON values only: only writing can fail.
    serde_json::to_writer_pretty(&mut *out, &wire).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn text(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
        let mut bytes = Vec::new();
        write(&mut bytes).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    fn posting<'a>(tags: &'a [String]) -> Posting<'a> {
        Posting {
            title: "C++ <dev> & ]]> lead",
            date: date("2025-01-10"),
            reference: "jobs/dev".into(),
            requisition_id: "R-1",
            url: "https://a.io/jobs/développeur/",
            company: "O'Brien & Sons",
            place: Place { city: Some("Cork"), country: Some("IE"), ..Place::default() },
            description: "<p>a &amp; b</p><script>calc()</script>",
            salary: Some("30000-40000 EUR per year".into()),
            job_type: Some("fulltime"),
            remote_type: None,
            expires: Some("2025-03-01T23:59:59+00:00".into()),
            categories: tags,
        }
    }

    #[test]
    fn indeed_xml_puts_every_value_in_cdata_with_iso_dates() {
        let tags = vec!["design".to_string(), "C & C".to_string()];
        let publisher = Publisher { name: "A & B", url: "https://a.io/", last_build: date("2025-06-01") };
        let xml = text(|out| indeed_xml(&publisher, [posting(&tags)], out));
        let expected = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n\
            <publisher><![CDATA[A & B]]></publisher>\n\
            <publisherurl><![CDATA[https://a.io/]]></publisherurl>\n\
            <lastBuildDate><![CDATA[2025-06-01T00:00:00Z]]></lastBuildDate>\n\
            <job>\n\
            <title><![CDATA[C++ <dev> & ]]]]><![CDATA[> lead]]></title>\n\
            <date><![CDATA[2025-01-10T00:00:00Z]]></date>\n\
            <referencenumber><![CDATA[jobs/dev]]></referencenumber>\n\
            <requisitionid><![CDATA[R-1]]></requisitionid>\n\
            <url><![CDATA[https://a.io/jobs/d%C3%A9veloppeur/]]></url>\n\
            <company><![CDATA[O'Brien & Sons]]></company>\n\
            <city><![CDATA[Cork]]></city>\n\
            <country><![CDATA[IE]]></country>\n\
            <description><![CDATA[<p>a & b</p>]]></description>\n\
            <salary><![CDATA[30000-40000 EUR per year]]></salary>\n\
            <jobtype><![CDATA[fulltime]]></jobtype>\n\
            <expirationdate><![CDATA[2025-03-01T23:59:59+00:00]]></expirationdate>\n\
            <category><![CDATA[design, C & C]]></category>\n\
            </job>\n</source>\n";
        assert_eq!(xml, expected);
    }

    #[test]
    fn indeed_descriptions_write_characters_not_references_where_the_markup_allows() {
        let literal = |html: &str| literal_text(html).into_owned();
        assert!(matches!(literal_text("<p>Plain “text”</p>"), Cow::Borrowed(_)));
        assert_eq!(
            literal("<p>R&amp;D &quot;team&quot; &gt; 5, caf&#233; &#x1F600;&nbsp;!</p>"),
            "<p>R&D \"team\" > 5, café 😀\u{a0}!</p>"
        );
        // Where the character would change the markup, the reference stays.
        assert_eq!(
            literal("<p>&lt;b&gt; and &lt; 40k, &amp;copy; and &amp; co</p>"),
            "<p>&lt;b> and < 40k, &amp;copy; and & co</p>"
        );
        assert_eq!(literal("<p>&#60;x &#38;y; &#0; &bogus; & alone</p>"), "<p>&#60;x &#38;y; &#0; &bogus; & alone</p>");
        // Tags and comments are copied whole, quoted `>` and references included.
        let tag = "<a href=\"/x?a=1&amp;b=2\" title=\"a &quot;>&quot; b\">R&amp;D</a><!-- &amp; -->";
        assert_eq!(literal(tag), "<a href=\"/x?a=1&amp;b=2\" title=\"a &quot;>&quot; b\">R&D</a><!-- &amp; -->");
    }

    #[test]
    fn indeed_dates_keep_the_time_and_offset_written() {
        let publisher = Publisher { name: "A", url: "https://a.io/", last_build: date("2025-06-01") };
        let p = Posting { date: date("2025-01-10 09:30:00 +0200"), ..posting(&[]) };
        let xml = text(|out| indeed_xml(&publisher, [p], out));
        assert!(xml.contains("<date><![CDATA[2025-01-10T09:30:00+02:00]]></date>"), "{xml}");
        assert!(!xml.contains("<category>"), "no tags, no category:\n{xml}");
        // No listings is still a feed: it tells aggregators that every job has closed.
        let empty = text(|out| indeed_xml(&publisher, [], out));
        assert!(empty.ends_with("</lastBuildDate>\n</source>\n"), "{empty}");
    }

    #[test]
    fn json_feed_names_its_version_and_keeps_extension_data() {
        let feed = Feed {
            title: "Jobs",
            subtitle: "",
            language: "en",
            self_url: "https://a.io/jobs/jobs.json",
            page_url: "https://a.io/jobs/",
            author: "Team",
            author_url: None,
            updated: date("2025-06-01"),
        };
        let tags = vec!["remote".to_string()];
        let item = JsonItem {
            permalink: "https://a.io/jobs/面接/",
            title: "Dev </script>",
            content_html: "<p>x</p><script>calc()</script>",
            summary: None,
            external_url: "https://e.io/apply?a=1&b=2",
            published: date("2025-01-10"),
            tags: &tags,
            job_posting: json!({ "@type": "JobPosting", "title": "Dev" }),
        };
        let text = text(|out| json_feed(&feed, [item], out));
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], JSON_FEED_VERSION);
        assert!(v.get("description").is_none(), "an empty description is left out");
        assert_eq!(v["home_page_url"], "https://a.io/jobs/");
        assert_eq!(v["feed_url"], "https://a.io/jobs/jobs.json");
        assert_eq!(v["authors"], json!([{ "name": "Team" }]));
        let item = &v["items"][0];
        assert_eq!(item["id"], "https://a.io/jobs/%E9%9D%A2%E6%8E%A5/");
        assert_eq!(item["id"], item["url"]);
        assert_eq!(item["title"], "Dev </script>");
        assert_eq!(item["content_html"], "<p>x</p>", "scripts are no use in a feed");
        assert_eq!(item["external_url"], "https://e.io/apply?a=1&b=2");
        assert_eq!(item["date_published"], "2025-01-10T00:00:00Z");
        assert_eq!(item["tags"], json!(["remote"]));
        assert!(item.get("summary").is_none());
        assert_eq!(item["_job_posting"]["@type"], "JobPosting");
        // Keys in the order JSON Feed's own examples use, whatever serde_json's map does.
        let at = |key: &str| text.find(&format!("\"{key}\"")).unwrap();
        assert!(at("version") < at("title") && at("title") < at("items"));
    }
}
