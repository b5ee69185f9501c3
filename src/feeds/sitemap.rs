//! sitemap.xml (sitemaps.org protocol 0.9) and robots.txt. A sitemap file may hold at most
//! 50,000 URLs and 50 MB, so a larger site gets `sitemap1.xml`, `sitemap2.xml`, … and a
//! sitemap index at `sitemap.xml`, which is where robots.txt and crawlers look either way.

use super::element;
use crate::dates::Date;
use crate::escape::encode_url;

/// Where crawlers look for the sitemap, and robots.txt says so.
pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";

/// How much one sitemap file may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub urls: usize,
    /// Uncompressed bytes, the whole file included.
    pub bytes: usize,
}

/// About what one `<url>` entry takes (its location, `lastmod` and the tags around them).
const ROOM_PER_URL: usize = 128;

/// The protocol's limits (sitemaps.org: 50,000 URLs, 52,428,800 bytes).
pub const LIMITS: Limits = Limits { urls: 50_000, bytes: 52_428_800 };

/// One page in the sitemap.
#[derive(Debug, Clone)]
pub struct Url {
    pub loc: String,
    /// Left out when unknown: a wrong `lastmod` teaches crawlers to ignore it.
    pub lastmod: Option<Date>,
}

const URLSET_OPEN: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// The sitemap files, as (output path, XML): `sitemap.xml` alone, or when `urls` do not fit
/// in one file within `limits`, `sitemap1.xml`… and an index `sitemap.xml` listing them
/// by their URL, `url_of(file name)`.
pub fn write(urls: &[Url], url_of: impl Fn(&str) -> String, limits: Limits) -> Vec<(String, String)> {
    let mut parts: Vec<(String, Option<Date>)> = Vec::new();
    // Room for the URLs of one file at once: grown by doubling, a large site's sitemap was
    // copied as often, and each copy faulted in fresh pages (room never written costs nothing).
    let room =
        |left: usize| (URLSET_OPEN.len() + left.min(limits.urls) * ROOM_PER_URL + URLSET_CLOSE.len()).min(limits.bytes);
    let mut current = String::with_capacity(room(urls.len()));
    current.push_str(URLSET_OPEN);
    let (mut count, mut newest) = (0, None);
    let mut one = String::new();
    for (written, url) in urls.iter().enumerate() {
        one.clear();
        url_entry(&mut one, url);
        let full = count == limits.urls || current.len() + one.len() + URLSET_CLOSE.len() > limits.bytes;
        // A URL that alone exceeds the byte limit still gets a file of its own.
        if full && count > 0 {
            current.push_str(URLSET_CLOSE);
            let mut next = String::with_capacity(room(urls.len() - written));
            next.push_str(URLSET_OPEN);
            parts.push((std::mem::replace(&mut current, next), newest.take()));
            count = 0;
        }
        current.push_str(&one);
        count += 1;
        newest = newest.max(url.lastmod);
    }
    current.push_str(URLSET_CLOSE);
    if parts.is_empty() {
        return vec![(SITEMAP_FILE.to_string(), current)];
    }
    parts.push((current, newest));
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::with_capacity(parts.len() + 1);
    for (n, (xml, newest)) in parts.into_iter().enumerate() {
        let name = format!("sitemap{}.xml", n + 1);
        index.push_str("<sitemap>\n");
        url_fields(&mut index, &url_of(&name), newest);
        index.push_str("</sitemap>\n");
        files.push((name, xml));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (SITEMAP_FILE.to_string(), index));
    files
}

fn url_entry(out: &mut String, url: &Url) {
    out.push_str("<url>\n");
    url_fields(out, &url.loc, url.lastmod);
    out.push_str("</url>\n");
}

/// `loc` and `lastmod` (W3C datetime: a plain date when the front matter gives no time).
fn url_fields(out: &mut String, loc: &str, lastmod: Option<Date>) {
    element(out, "loc", &encode_url(loc));
    if let Some(date) = lastmod {
        element(out, "lastmod", &date.to_iso());
    }
}

/// Lets every crawler in and names the sitemap by its full URL, as the protocol asks.
pub fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", encode_url(sitemap_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn under(base: &str) -> impl Fn(&str) -> String + '_ {
        move |name| format!("{base}{name}")
    }

    fn urls(n: usize) -> Vec<Url> {
        (0..n)
            .map(|i| Url {
                loc: format!("https://a.io/p{i}/"),
                lastmod: Some(Date::parse(&format!("2025-01-{:02}", i % 28 + 1)).unwrap()),
            })
            .collect()
    }

    /// How many `<url>` each file of `files` holds.
    fn counts(files: &[(String, String)]) -> Vec<(String, usize)> {
        files.iter().map(|(name, xml)| (name.clone(), xml.matches("<url>").count())).collect()
    }

    #[test]
    fn up_to_the_limit_is_one_file() {
        let files = write(&urls(3), under("https://a.io/"), Limits { urls: 3, bytes: LIMITS.bytes });
        assert_eq!(counts(&files), [("sitemap.xml".to_string(), 3)]);
        let xml = &files[0].1;
        assert!(xml.starts_with(URLSET_OPEN) && xml.ends_with(URLSET_CLOSE), "{xml}");
        assert!(xml.contains("<url>\n<loc>https://a.io/p2/</loc>\n<lastmod>2025-01-03</lastmod>\n</url>\n"), "{xml}");
    }

    #[test]
    fn over_the_url_limit_splits_behind_an_index() {
        let files = write(&urls(7), under("https://a.io/sub/"), Limits { urls: 3, bytes: LIMITS.bytes });
        let names: Vec<_> = counts(&files);
        assert_eq!(
            names,
            [
                ("sitemap.xml".to_string(), 0),
                ("sitemap1.xml".to_string(), 3),
                ("sitemap2.xml".to_string(), 3),
                ("sitemap3.xml".to_string(), 1)
            ]
        );
        let index = &files[0].1;
        assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
        // Each part's lastmod is its newest page's.
        assert!(index.contains("<loc>https://a.io/sub/sitemap1.xml</loc>\n<lastmod>2025-01-03</lastmod>"), "{index}");
        assert!(index.contains("<loc>https://a.io/sub/sitemap3.xml</loc>\n<lastmod>2025-01-07</lastmod>"), "{index}");
        assert!(files[3].1.contains("<loc>https://a.io/p6/</loc>"));
    }

    #[test]
    fn over_the_byte_limit_splits_too() {
        let one_url = {
            let mut s = String::new();
            url_entry(&mut s, &urls(1)[0]);
            s.len()
        };
        // Room for exactly two URLs a file.
        let bytes = URLSET_OPEN.len() + 2 * one_url + URLSET_CLOSE.len();
        let files = write(&urls(5), under("https://a.io/"), Limits { urls: 100, bytes });
        assert_eq!(counts(&files).iter().map(|(_, n)| *n).collect::<Vec<_>>(), [0, 2, 2, 1]);
        assert!(files[1..].iter().all(|(_, xml)| xml.len() <= bytes));
        // A URL larger than the limit still gets written, alone.
        let files = write(&urls(2), under("https://a.io/"), Limits { urls: 100, bytes: 10 });
        assert_eq!(counts(&files).iter().map(|(_, n)| *n).collect::<Vec<_>>(), [0, 1, 1]);
    }

    #[test]
    fn unknown_lastmod_is_left_out_and_locs_are_encoded() {
        let files =
            write(&[Url { loc: "https://a.io/tags/面接/?a&b".into(), lastmod: None }], under("https://a.io/"), LIMITS);
        let xml = &files[0].1;
        assert!(xml.contains("<url>\n<loc>https://a.io/tags/%E9%9D%A2%E6%8E%A5/?a&amp;b</loc>\n</url>"), "{xml}");
        assert!(!xml.contains("lastmod"));
    }

    #[test]
    fn robots_names_the_sitemap() {
        assert_eq!(
            robots("https://a.io/ü/sitemap.xml"),
            "User-agent: *\nAllow: /\n\nSitemap: https://a.io/%C3%BC/sitemap.xml\n"
        );
    }
}
