//! What surrounds an article and greets readers on the home page, end to end: the real
//! binary builds `tests/fixtures/article-furniture` (an `[authors.ana]` profile whose text
//! needs escaping, an article with a featured image) and the tests read the author block,
//! the featured image, the JSON-LD and Atom authors and the home page back; then the
//! errors for an unknown author id and a featured image without alt text, and a site
//! overriding only `partials/author.html`.

use crate::common::{assert_error_location, decode_entities, json_ld_blocks, parse_tags, read_output, TestSite};
use serde_json::json;

const ANA: &str = "Ana <Díaz> & \"Partners\"";
const BIO: &str = "Recruiter for ten years </script><b>bold</b>";

fn built() -> TestSite {
    let site = TestSite::new("article-furniture");
    site.build_ok(&[]);
    site
}

/// The part of `html` from the element opening with `start` to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start:?} in:\n{html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn the_author_block_shows_the_escaped_profile() {
    let site = built();
    let html = read_output(&site.out, "posts/waiting/index.html");
    let block = between(&html, "<aside class=\"author-block\"", "</aside>");
    assert!(block.contains("Ana &lt;Díaz&gt; &amp; &quot;Partners&quot;"), "{block}");
    assert!(block.contains("Recruiter for ten years &lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"), "{block}");
    assert!(!html.contains("<b>bold</b>") && !html.contains("<Díaz>"), "author text reached the page unescaped");
    let tags = parse_tags(block);
    let img = tags.iter().find(|t| t.name == "img").expect("a photo");
    assert_eq!(img.attr("src"), Some("https://furniture.example.org/people/ana.svg"));
    assert_eq!((img.attr("width"), img.attr("height")), (Some("96"), Some("96")));
    assert_eq!(img.attr("alt").map(decode_entities).as_deref(), Some(ANA), "alt defaults to the name");
    let link = tags.iter().find(|t| t.name == "a").expect("a link to the author's page");
    assert_eq!(link.attr("href"), Some("https://furniture.example.org/about/"));
    assert!(site.path("static/people/ana.svg").is_file() && site.out.join("people/ana.svg").is_file());

    // The article without `author:` takes the site's plain name: no profile, no block.
    let plain = read_output(&site.out, "posts/plain/index.html");
    assert!(!plain.contains("author-block"), "{plain}");
    assert!(plain.contains("· The desk"), "{plain}");
}

#[test]
fn json_ld_and_atom_name_the_profile() {
    let site = built();
    let html = read_output(&site.out, "posts/waiting/index.html");
    let posting = json_ld_blocks(&html).into_iter().find(|v| v["@type"] == "BlogPosting").expect("BlogPosting");
    assert_eq!(
        posting["author"],
        json!({ "@type": "Person", "name": ANA, "url": "https://furniture.example.org/about/" })
    );
    assert!(!html.contains(BIO) && !html.contains("</script><b>"), "no author text closes the script");
    let atom = read_output(&site.out, "atom.xml");
    assert!(
        atom.contains(
            "<author><name>Ana &lt;Díaz&gt; &amp; &quot;Partners&quot;</name><uri>https://furniture.example.org/about/</uri>"
        ),
        "{atom}"
    );
}

#[test]
fn the_featured_image_is_sized_described_and_loaded_first() {
    let site = built();
    let html = read_output(&site.out, "posts/waiting/index.html");
    let figure = between(&html, "<figure class=\"featured-image\"", "</figure>");
    let tags = parse_tags(figure);
    let img = tags.iter().find(|t| t.name == "img").expect("an img");
    assert_eq!(img.attr("src"), Some("https://furniture.example.org/posts/desk.svg"));
    assert_eq!((img.attr("width"), img.attr("height")), (Some("1200"), Some("630")));
    assert_eq!(img.attr("alt"), Some("A tidy desk with a notebook"));
    assert_eq!(img.attr("loading"), Some("eager"));
    assert_eq!(img.attr("fetchpriority"), Some("high"));
    assert_eq!(img.attr("decoding"), Some("async"));
    // Above the article's text, and the table of contents below the image.
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    assert!(at("featured-image") < at("aria-label=\"On this page\"") && at("On this page") < at("class=\"prose\""));
    assert!(!read_output(&site.out, "posts/plain/index.html").contains("featured-image"));
}

#[test]
fn the_home_page_introduces_the_site_and_points_at_the_calculator() {
    let site = built();
    let home = read_output(&site.out, "index.html");
    let h1 = between(&home, "<h1>", "</h1>");
    assert_eq!(h1, "<h1>Advice for your next move");
    assert!(home.contains("Plain guidance for every stage of a job search."), "{home}");
    assert!(home.contains("<title>Furniture &amp; Co</title>"), "{home}");
    let card = between(&home, "<aside class=\"home-calculator\"", "</aside>");
    assert!(card.contains("href=\"https://furniture.example.org/follow-up-calculator/\""), "{card}");
    let latest = between(&home, "Latest articles", "</div>");
    assert!(latest.contains("/posts/waiting/") && latest.contains("/posts/plain/"), "{latest}");

    // A `_index.md` title that only repeats the site's name gives way to the description,
    // which is then not repeated as the introduction.
    site.write("content/_index.md", "---\ntitle: Furniture & Co\n---\n");
    site.build_ok(&[]);
    let home = read_output(&site.out, "index.html");
    assert_eq!(between(&home, "<h1>", "</h1>"), "<h1>Advice on interviews you can trust.");
    assert!(!home.contains("home-intro"), "{home}");
}

#[test]
fn an_unknown_author_id_is_an_error_naming_the_known_ids() {
    let site = TestSite::new("article-furniture");
    site.write("content/posts/typo.md", "---\ntitle: Typo\ndate: 2025-01-01\n\nauthor: anna\n---\nText.\n");
    let r = site.build(&[]);
    r.assert_clean_failure();
    let line = assert_error_location(&r, "content/posts/typo.md", Some(5));
    assert!(line.contains("\"anna\"") && line.contains("known ids: ana"), "{line}");
    assert!(!site.out.exists());
}

/// `author: [ana, Bo Chen, kim]` on a site with profiles for ana and kim.
fn co_written() -> TestSite {
    let site = TestSite::new("article-furniture");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}\n[authors.kim]\nname = \"Kim Lee\"\nbio = \"Coach.\"\n"));
    let text = std::fs::read_to_string(site.path("content/posts/waiting.md")).unwrap();
    site.write("content/posts/waiting.md", text.replace("author: ana\n", "author:\n  - ana\n  - kim\n"));
    site
}

#[test]
fn a_co_written_article_credits_every_author_everywhere() {
    let site = co_written();
    site.build_ok(&[]);
    let html = read_output(&site.out, "posts/waiting/index.html");
    assert!(html.contains("· Ana &lt;Díaz&gt; &amp; &quot;Partners&quot; and Kim Lee"), "{html}");
    let blocks: Vec<&str> = html.split("<aside class=\"author-block\"").skip(1).collect();
    assert_eq!(blocks.len(), 2, "a block for each profile, in the byline's order: {html}");
    assert!(blocks[0].contains("Recruiter for ten years") && blocks[1].contains("Kim Lee"), "{html}");
    // Each block is a landmark of its own, so each has a label of its own.
    assert!(blocks[1].starts_with(" aria-label=\"About Kim Lee\""), "{}", blocks[1]);

    let posting = json_ld_blocks(&html).into_iter().find(|v| v["@type"] == "BlogPosting").expect("BlogPosting");
    let people = json!([
        { "@type": "Person", "name": ANA, "url": "https://furniture.example.org/about/" },
        { "@type": "Person", "name": "Kim Lee" }
    ]);
    assert_eq!(posting["author"], people);
    let atom = read_output(&site.out, "atom.xml");
    let entry = between(&atom, "<entry>\n<id>https://furniture.example.org/posts/waiting/", "</entry>");
    assert_eq!(entry.matches("<author>").count(), 2, "{entry}");
    assert!(entry.find("Partners").unwrap() < entry.find("Kim Lee").unwrap(), "{entry}");
}

#[test]
fn a_co_author_is_checked_at_its_own_line() {
    let site = co_written();
    let text = std::fs::read_to_string(site.path("content/posts/waiting.md")).unwrap();
    site.write("content/posts/waiting.md", text.replace("  - kim\n", "  - kim\n  - bo\n"));
    let r = site.build(&[]);
    r.assert_clean_failure();
    let line = assert_error_location(&r, "content/posts/waiting.md", Some(8));
    assert!(line.contains(":8:5:") && line.contains("\"bo\" is not an author id") && line.contains("kim"), "{line}");

    site.write("content/posts/waiting.md", text.replace("  - kim\n", "  - kim\n  - ana\n"));
    let r = site.build(&[]);
    r.assert_clean_failure();
    let line = assert_error_location(&r, "content/posts/waiting.md", Some(8));
    assert!(line.contains(":8:5:") && line.contains("\"ana\" is named twice"), "{line}");
    assert!(!site.out.exists());
}

/// A 640 × 360 PNG: its signature and the header chunk that gives the size.
fn png_640_by_360() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(640u32.to_be_bytes());
    png.extend(360u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    png
}

#[test]
fn image_sizes_left_out_are_read_from_the_files() {
    let site = TestSite::new("article-furniture");
    let text = std::fs::read_to_string(site.path("content/posts/waiting.md")).unwrap();
    site.write("content/posts/waiting.md", text.replace("  width: 1200\n  height: 630\n", ""));
    site.write("static/share.png", png_640_by_360());
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    let toml = toml.replace(", width = 96, height = 96 }", " }");
    site.write("site.toml", format!("{toml}\n[social]\nimage = {{ src = \"/share.png\", alt = \"The desk\" }}\n"));
    site.build_ok(&[]);

    // The featured image's size from its SVG, in the page and in what machines read.
    let html = read_output(&site.out, "posts/waiting/index.html");
    let img = parse_tags(between(&html, "<figure class=\"featured-image\"", "</figure>"))
        .into_iter()
        .find(|t| t.name == "img")
        .expect("an img");
    assert_eq!((img.attr("width"), img.attr("height")), (Some("1200"), Some("630")));
    assert!(html.contains("<meta property=\"og:image:width\" content=\"1200\">"), "{html}");
    let posting = json_ld_blocks(&html).into_iter().find(|v| v["@type"] == "BlogPosting").expect("BlogPosting");
    assert_eq!((&posting["image"]["width"], &posting["image"]["height"]), (&json!(1200), &json!(630)));
    // The author's photo from its SVG, the site's share image from its PNG header.
    let photo = parse_tags(between(&html, "<aside class=\"author-block\"", "</aside>"))
        .into_iter()
        .find(|t| t.name == "img")
        .expect("a photo");
    assert_eq!((photo.attr("width"), photo.attr("height")), (Some("96"), Some("96")));
    let plain = read_output(&site.out, "posts/plain/index.html");
    assert!(plain.contains("<meta property=\"og:image:width\" content=\"640\">"), "{plain}");
    assert!(plain.contains("<meta property=\"og:image:height\" content=\"360\">"), "{plain}");
}

#[test]
fn an_image_whose_size_cannot_be_read_is_an_error_naming_its_file() {
    let site = TestSite::new("article-furniture");
    let text = std::fs::read_to_string(site.path("content/posts/waiting.md")).unwrap();
    let text = text.replace("  width: 1200\n  height: 630\n", "").replace("src: desk.svg", "src: desk.png");
    site.write("content/posts/waiting.md", text);
    site.write("content/posts/desk.png", "not a PNG at all");
    let r = site.build(&[]);
    r.assert_clean_failure();
    let line = assert_error_location(&r, "content/posts/waiting.md", Some(7));
    assert!(line.contains("content/posts/desk.png") && line.contains("give both"), "{line}");
    assert!(!site.out.exists());

    // A photo the site does not publish is one error, not a second one about its size.
    let site = TestSite::new("article-furniture");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        toml.replace(
            "photo = { src = \"/people/ana.svg\", width = 96, height = 96 }",
            "photo = { src = \"/missing.png\" }",
        ),
    );
    let r = site.build(&[]);
    r.assert_clean_failure();
    assert!(r.stderr.contains("1 error found") && r.stderr.contains("publishes no file at /missing.png"), "{r}");
    let site = TestSite::new("article-furniture");
    let text = std::fs::read_to_string(site.path("content/posts/waiting.md")).unwrap();
    let text = text.replace("  width: 1200\n  height: 630\n", "").replace("src: desk.svg", "src: desk.png");
    site.write("content/posts/waiting.md", text);
    site.write("content/posts/desk.png", "not a PNG at all");

    // A URL's size is never fetched: it must be written.
    site.write(
        "content/posts/waiting.md",
        std::fs::read_to_string(site.path("content/posts/waiting.md"))
            .unwrap()
            .replace("src: desk.png", "src: https://cdn.example.org/desk.png"),
    );
    let r = site.build(&[]);
    r.assert_clean_failure();
    let line = assert_error_location(&r, "content/posts/waiting.md", Some(6));
    assert!(line.contains("`image.width`") && line.contains("at a URL"), "{line}");
}

#[test]
fn a_featured_image_without_alt_text_is_an_error_at_its_line() {
    let site = TestSite::new("article-furniture");
    let text = std::fs::read_to_string(site.path("content/posts/waiting.md")).unwrap();
    site.write("content/posts/waiting.md", text.replace("  alt: A tidy desk with a notebook\n", ""));
    let r = site.build(&[]);
    r.assert_clean_failure();
    let line = assert_error_location(&r, "content/posts/waiting.md", Some(6));
    assert!(line.contains("`image.alt`: is required"), "{line}");
}

#[test]
fn a_site_overrides_the_author_block_alone() {
    let site = TestSite::new("article-furniture");
    site.write(
        "templates/partials/author.html",
        "<section class=\"byline-card\"><h2>About {{ author.name }}</h2><p>{{ author.bio }}</p></section>\n",
    );
    site.build_ok(&[]);
    let html = read_output(&site.out, "posts/waiting/index.html");
    assert!(html.contains("<section class=\"byline-card\"><h2>About Ana &lt;Díaz&gt;"), "{html}");
    assert!(!html.contains("author-block"), "the theme's block is replaced");
    for default in ["featured-image", "aria-label=\"On this page\"", "class=\"related\"", "class=\"site-header\""] {
        assert!(html.contains(default), "the rest of the theme stays: no {default}");
    }
}
