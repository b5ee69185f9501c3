//! schema.org data for articles (BlogPosting, BreadcrumbList) and the home page (WebSite),
//! built as JSON values from what one page knows, never by joining text. Callers pass
//! them through `escape::script_json`, so no author text can close the surrounding
//! `<script>` element or be lost from the data. Facts hold URLs as the site gives them
//! (a host outside ASCII, a path in any script); the data writes each through
//! `escape::encode_url`, as the feeds, the sitemap and the JobPosting do, so that search
//! engines get valid absolute URLs and one spelling of each URL across a site's outputs.

use super::ShareImage;
use crate::escape::encode_url;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// What a BlogPosting says about one article. Serialize is for fingerprints, which hash
/// these fields instead of the JSON-LD made of them (`site::seo::JsonLd`).
#[derive(Serialize)]
pub struct Posting<'a> {
    pub headline: &'a str,
    pub description: &'a str,
    /// The article's permalink.
    pub url: &'a str,
    pub date_published: String,
    /// `updated`, else the publication date: Google reads a missing one as "never changed".
    pub date_modified: String,
    /// Empty when neither the article nor the site names an author.
    pub authors: Vec<Person<'a>>,
    /// The site's title.
    pub publisher: &'a str,
    pub publisher_logo: Option<&'a str>,
    pub image: Option<ShareImage<'a>>,
    /// The article's tags.
    pub keywords: Vec<&'a str>,
    pub language: &'a str,
}

/// An article's author: the name, and the author's page when their profile has one.
#[derive(Serialize)]
pub struct Person<'a> {
    pub name: &'a str,
    pub url: Option<String>,
}

fn person(p: &Person<'_>) -> Value {
    let mut author = Map::new();
    author.insert("@type".into(), json!("Person"));
    author.insert("name".into(), json!(p.name));
    if let Some(url) = &p.url {
        author.insert("url".into(), json!(encode_url(url)));
    }
    Value::Object(author)
}

/// The BlogPosting object; empty texts are left out rather than given as "".
pub fn blog_posting(p: &Posting<'_>) -> Value {
    let mut publisher = Map::new();
    publisher.insert("@type".into(), json!("Organization"));
    publisher.insert("name".into(), json!(p.publisher));
    if let Some(logo) = p.publisher_logo {
        publisher.insert("logo".into(), json!({ "@type": "ImageObject", "url": encode_url(logo) }));
    }
    let url = encode_url(p.url);
    let mut v = Map::new();
    v.insert("@context".into(), json!("https://schema.org/"));
    v.insert("@type".into(), json!("BlogPosting"));
    v.insert("headline".into(), json!(p.headline));
    insert_text(&mut v, "description", p.description);
    v.insert("url".into(), json!(url));
    v.insert("datePublished".into(), json!(p.date_published));
    v.insert("dateModified".into(), json!(p.date_modified));
    let mut authors: Vec<Value> = p.authors.iter().filter(|a| !a.name.trim().is_empty()).map(person).collect();
    // One person is an object, several an array of them, as Google's guidelines ask.
    match authors.len() {
        0 => {}
        1 => drop(v.insert("author".into(), authors.remove(0))),
        _ => drop(v.insert("author".into(), Value::Array(authors))),
    }
    v.insert("publisher".into(), Value::Object(publisher));
    if let Some(image) = p.image {
        v.insert(
            "image".into(),
            json!({ "@type": "ImageObject", "url": encode_url(image.url), "width": image.width, "height": image.height }),
        );
    }
    v.insert("mainEntityOfPage".into(), json!({ "@type": "WebPage", "@id": url }));
    if !p.keywords.is_empty() {
        v.insert("keywords".into(), json!(p.keywords));
    }
    insert_text(&mut v, "inLanguage", p.language);
    Value::Object(v)
}

/// A BreadcrumbList of `(name, url)` steps from the home page down to the page itself.
pub fn breadcrumb_list(trail: &[(&str, String)]) -> Value {
    let items: Vec<Value> = trail
        .iter()
        .zip(1..)
        .map(|((name, url), position)| {
            json!({ "@type": "ListItem", "position": position, "name": name, "item": encode_url(url) })
        })
        .collect();
    json!({ "@context": "https://schema.org/", "@type": "BreadcrumbList", "itemListElement": items })
}

/// The WebSite object for the home page.
pub fn web_site(name: &str, url: &str, description: &str, language: &str) -> Value {
    let mut v = Map::new();
    v.insert("@context".into(), json!("https://schema.org/"));
    v.insert("@type".into(), json!("WebSite"));
    v.insert("name".into(), json!(name));
    v.insert("url".into(), json!(encode_url(url)));
    insert_text(&mut v, "description", description);
    insert_text(&mut v, "inLanguage", language);
    Value::Object(v)
}

fn insert_text(v: &mut Map<String, Value>, key: &str, text: &str) {
    if !text.trim().is_empty() {
        v.insert(key.into(), json!(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting() -> Posting<'static> {
        Posting {
            headline: "Ask </script><script>alert(1)</script>",
            description: "",
            url: "https://a.io/posts/x/",
            date_published: "2025-01-10".into(),
            date_modified: "2025-02-01".into(),
            authors: vec![Person { name: "  ", url: None }],
            publisher: "Career Compass",
            publisher_logo: None,
            image: None,
            keywords: Vec::new(),
            language: "en-GB",
        }
    }

    #[test]
    fn blog_posting_leaves_out_what_is_not_known() {
        let v = blog_posting(&posting());
        for absent in ["description", "author", "image", "keywords"] {
            assert!(v.get(absent).is_none(), "{absent}: {v}");
        }
        assert!(v["publisher"].get("logo").is_none(), "{v}");
        assert_eq!(v["mainEntityOfPage"]["@id"], "https://a.io/posts/x/");
        assert_eq!(v["inLanguage"], "en-GB");
        assert_eq!(v["headline"], "Ask </script><script>alert(1)</script>");
    }

    #[test]
    fn blog_posting_carries_image_logo_author_and_keywords() {
        let image = ShareImage { url: "https://a.io/c.png", alt: "A desk", width: 1200, height: 630 };
        let p = Posting {
            authors: vec![Person { name: "Ana", url: Some("https://example.org/ana".into()) }],
            publisher_logo: Some("https://a.io/logo.png"),
            image: Some(image),
            keywords: vec!["interviews", "salary"],
            ..posting()
        };
        let v = blog_posting(&p);
        assert_eq!(v["author"], json!({ "@type": "Person", "name": "Ana", "url": "https://example.org/ana" }));
        assert_eq!(v["publisher"]["logo"]["url"], "https://a.io/logo.png");
        assert_eq!(v["image"]["width"], 1200);
        assert_eq!(v["keywords"], json!(["interviews", "salary"]));

        // Several authors are an array, in the order the article names them.
        let two = vec![Person { name: "Bo", url: None }, Person { name: "Ana", url: Some("https://a.io/ana/".into()) }];
        let v = blog_posting(&Posting { authors: two, ..posting() });
        let both = json!([
            { "@type": "Person", "name": "Bo" },
            { "@type": "Person", "name": "Ana", "url": "https://a.io/ana/" }
        ]);
        assert_eq!(v["author"], both);
    }

    #[test]
    fn breadcrumbs_count_from_one() {
        let v = breadcrumb_list(&[("Home", "https://a.io/".into()), ("Posts", "https://a.io/posts/".into())]);
        let items = v["itemListElement"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["position"], 1);
        assert_eq!(items[1]["item"], "https://a.io/posts/");
    }

    /// A site on a host outside ASCII, under a path outside ASCII: every URL of the data is
    /// written as the feeds and the JobPosting write it, host in Punycode and path
    /// percent-encoded, while text (headline, names) stays as written.
    #[test]
    fn blog_posting_writes_every_url_as_the_feeds_do() {
        let image = ShareImage { url: "https://bücher.example/面接/bild.png", alt: "", width: 1200, height: 630 };
        let p = Posting {
            headline: "Gespräche über 面接",
            url: "https://bücher.example/面接/gespräch/",
            authors: vec![Person { name: "Ana Díaz", url: Some("https://bücher.example/über-uns/".into()) }],
            publisher_logo: Some("https://cdn.bücher.example/logo.png"),
            image: Some(image),
            ..posting()
        };
        let v = blog_posting(&p);
        let article = "https://xn--bcher-kva.example/%E9%9D%A2%E6%8E%A5/gespr%C3%A4ch/";
        assert_eq!(v["url"], article);
        assert_eq!(v["mainEntityOfPage"]["@id"], article);
        assert_eq!(v["image"]["url"], "https://xn--bcher-kva.example/%E9%9D%A2%E6%8E%A5/bild.png");
        assert_eq!(v["publisher"]["logo"]["url"], "https://cdn.xn--bcher-kva.example/logo.png");
        assert_eq!(v["author"]["url"], "https://xn--bcher-kva.example/%C3%BCber-uns/");
        assert_eq!(v["author"]["name"], "Ana Díaz");
        assert_eq!(v["headline"], "Gespräche über 面接");
    }

    #[test]
    fn breadcrumbs_and_the_website_write_their_urls_as_the_feeds_do() {
        let trail = [("Bücher", "https://bücher.example/".into()), ("面接", "https://bücher.example/面接/".into())];
        let v = breadcrumb_list(&trail);
        let items = v["itemListElement"].as_array().unwrap();
        assert_eq!(items[0]["item"], "https://xn--bcher-kva.example/");
        assert_eq!(items[1]["item"], "https://xn--bcher-kva.example/%E9%9D%A2%E6%8E%A5/");
        assert_eq!(items[1]["name"], "面接");
        let site = web_site("Bücher", "https://bücher.example/karrière/", "Über Bücher", "de");
        assert_eq!(site["url"], "https://xn--bcher-kva.example/karri%C3%A8re/");
        assert_eq!(site["name"], "Bücher");
    }
}
