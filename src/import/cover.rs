//! An old page's picture for link previews and the top of the article (jekyll-seo-tag's
//! `image`, PaperMod's `cover`, Hugo's `images`, minimal-mistakes' `header`, themes'
//! `featured_image`) as careerpress's `image`, where the import publishes the file it
//! names. Left under `extra`, as before, the picture was lost to every imported article.

use super::relink::{self, Places};
use serde_json::{Map, Value};

/// The keys themes read a page's picture from, in the order they are tried; `header` is
/// minimal-mistakes' table (`og_image`, `overlay_image`, `image`, `teaser`).
const KEYS: [&str; 10] = [
    "image",
    "cover",
    "images",
    "featured_image",
    "featuredImage",
    "feature_image",
    "featureImage",
    "cover_image",
    "social_image",
    "header",
];

/// A picture as the old front matter wrote it.
#[derive(Debug, PartialEq)]
struct Written {
    /// Where it was read (`cover.image`), for the report.
    key: String,
    src: String,
    alt: Option<String>,
    size: Option<(u64, u64)>,
}

/// Sets `meta`'s `image` from the first picture its `extra` names that careerpress can
/// show: a file the import publishes, or an http(s) URL with its width and height. The
/// page was read from `source` and published at `old_url`. Returns the report's note:
/// what was taken, or why a picture was left under `extra`.
pub fn take(meta: &mut super::meta::Meta, source: &str, old_url: &str, places: &dyn Places) -> Option<String> {
    if meta.has("image") {
        return None;
    }
    let written = KEYS.iter().find_map(|key| written(key, meta.extra.get(*key)?))?;
    let src = match published(&written, source, old_url, places).and_then(|src| shown(&src, written.size)) {
        Ok(src) => src,
        Err(why) => return Some(format!("`{}` kept under extra: {why}", written.key)),
    };
    let mut image = Map::new();
    image.insert("src".into(), Value::String(src));
    let alt = match (&written.alt, meta.get("title")) {
        (Some(alt), _) => alt.clone(),
        (None, Some(title)) => title.to_string(),
        (None, None) => {
            return Some(format!("`{}` kept under extra: it has no alt text, which `image` needs", written.key))
        }
    };
    image.insert("alt".into(), Value::String(alt));
    if let Some((width, height)) = written.size {
        image.insert("width".into(), width.into());
        image.insert("height".into(), height.into());
    }
    meta.set("image", Value::Object(image));
    let alt_note = if written.alt.is_none() { " (its alt text is the title: say what the picture shows)" } else { "" };
    Some(format!("`{}` → image{alt_note}", written.key))
}

/// The picture `value` names under `key`: a path or URL, or a table holding one.
fn written(key: &str, value: &Value) -> Option<Written> {
    let text =
        |v: Option<&Value>| v.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let plain = |src: String, key: String| Written { key, src, alt: None, size: None };
    match value {
        Value::String(_) => Some(plain(text(Some(value))?, key.to_string())),
        Value::Array(items) => Some(plain(text(items.first())?, format!("{key}[0]"))),
        Value::Object(table) => {
            let fields: &[&str] = match key {
                "header" => &["og_image", "overlay_image", "image", "teaser"],
                _ => &["image", "src", "path", "url"],
            };
            let (field, src) = fields.iter().find_map(|f| Some((*f, text(table.get(*f))?)))?;
            let number = |k: &str| table.get(k).and_then(Value::as_u64).filter(|&n| n > 0);
            let alt = ["alt", "image_alt", "caption"].iter().find_map(|k| text(table.get(*k)));
            let size = number("width").zip(number("height"));
            Some(Written { key: format!("{key}.{field}"), src, alt, size })
        }
        _ => None,
    }
}

/// The picture's image formats whose size careerpress reads from the file, as the build
/// must for a picture written without one (an SVG only where it has a size or viewBox,
/// which the import does not look at).
const SIZED: [&str; 9] = ["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "tif", "tiff"];

/// `src` where the build will take it as the page's `image`: a path careerpress reads
/// (`seo::parse_src`), of a file whose size it can read unless the size is written.
fn shown(src: &str, size: Option<(u64, u64)>) -> Result<String, String> {
    crate::seo::parse_src(src, true)?;
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let url = src.starts_with("http://") || src.starts_with("https://");
    if size.is_none() && !url && !SIZED.contains(&ext.as_str()) {
        return Err(format!("`{src}` is no picture whose size careerpress reads (PNG, JPEG, GIF, WebP, AVIF)"));
    }
    Ok(src.to_string())
}

/// Where careerpress finds the picture: an http(s) URL with its size as written; a file
/// the import publishes by its new site path; a page bundle's own file as written.
fn published(written: &Written, source: &str, old_url: &str, places: &dyn Places) -> Result<String, String> {
    let src = written.src.as_str();
    if src.contains("{{") || src.contains("{%") {
        return Err("it is made by a template, which careerpress does not run".into());
    }
    if src.starts_with("http://") || src.starts_with("https://") {
        return match written.size {
            Some(_) => Ok(src.to_string()),
            None => Err("a picture at a URL needs its width and height, which it does not give".into()),
        };
    }
    if src.starts_with("//") || src.contains(':') {
        return Err(format!("`{src}` is neither a file of the site nor an http(s) URL"));
    }
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let path = path.strip_prefix("./").unwrap_or(path);
    // A page bundle's own file stays where it is, beside the page.
    let beside = crate::markdown::content_path(source.rsplit_once('/').map_or("", |(d, _)| d), path);
    if !path.starts_with('/') && beside.is_some_and(|at| places.copies_beside(&at)) {
        return Ok(path.to_string());
    }
    let on_site = |p: &str| places.copies(p).then(|| format!("/{p}"));
    let found = if path.starts_with('/') {
        // A site path, under the old base path where there was one: a file copied there,
        // or a page bundle's file at the page's old URL.
        let rest = path.strip_prefix(places.base_path()).filter(|r| r.starts_with('/')).unwrap_or(path);
        let rest = rest.trim_start_matches('/');
        places.bundle_file_published_at(rest).or_else(|| on_site(rest))
    } else {
        // As the body's links are read (from the file's folder, else its old URL), then,
        // as jekyll-seo-tag and themes read a relative path, from the site's root.
        match relink::relinked(path, source, old_url, places) {
            Some(new) => Some(new).filter(|new| !new.starts_with("@/")),
            None => crate::markdown::content_path("", path).and_then(|p| on_site(&p)),
        }
    };
    found.ok_or_else(|| format!("`{src}` names no file the import publishes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// An old site under `/myblog/` that copied `img/a.png` to `static/img/a.png`, and
    /// has a page bundle `posts/trip/` with `hall.png` beside its `index.md`.
    struct Blog;
    impl Places for Blog {
        fn document_at(&self, _: &str) -> Option<String> {
            None
        }
        fn document_published_at(&self, _: &str) -> Option<String> {
            None
        }
        fn copied_from(&self, source: &str) -> Option<String> {
            (source == "img/a.png").then(|| source.into())
        }
        fn copies(&self, path: &str) -> bool {
            path == "img/a.png"
        }
        fn bundle_file_published_at(&self, _: &str) -> Option<String> {
            None
        }
        fn copies_beside(&self, source: &str) -> bool {
            source == "content/posts/trip/hall.png"
        }
        fn resource(&self, _: &str) -> Option<String> {
            None
        }
        fn base_path(&self) -> &str {
            "/myblog"
        }
    }

    #[test]
    fn a_picture_is_named_where_the_import_publishes_it() {
        let at = |src: &str, size: Option<(u64, u64)>, source: &str| {
            let written = Written { key: "image".into(), src: src.into(), alt: None, size };
            published(&written, source, "/myblog/2020/01/02/post.html", &Blog)
        };
        let post = "_posts/2020-01-02-post.md";
        for src in ["/myblog/img/a.png", "/img/a.png", "img/a.png", "/img/a.png?v=2"] {
            assert_eq!(at(src, None, post).as_deref(), Ok("/img/a.png"), "{src}");
        }
        assert_eq!(at("hall.png", None, "content/posts/trip/index.md").as_deref(), Ok("hall.png"));
        assert!(at("hall.png", None, post).unwrap_err().contains("names no file"));
        assert!(at("/myblog/img/b.png", None, post).unwrap_err().contains("names no file"));
        assert!(at("https://cdn.example/a.png", None, post).unwrap_err().contains("width and height"));
        assert_eq!(at("https://cdn.example/a.png", Some((800, 400)), post).as_deref(), Ok("https://cdn.example/a.png"));
        for odd in ["{{ site.baseurl }}/img/a.png", "data:image/png;base64,AA", "//cdn.example/a.png"] {
            assert!(at(odd, Some((1, 1)), post).is_err(), "{odd}");
        }
        assert_eq!(at("./hall.png", None, "content/posts/trip/index.md").as_deref(), Ok("hall.png"));
    }

    #[test]
    fn a_picture_the_build_cannot_show_is_not_taken() {
        assert_eq!(shown("hall.png", None).as_deref(), Ok("hall.png"));
        assert_eq!(shown("/img/a.JPG", None).as_deref(), Ok("/img/a.JPG"));
        assert!(shown("/img/a.png?v=2", None).is_err(), "careerpress takes no query in a picture's path");
        assert_eq!(shown("/img/logo.svg", Some((200, 100))).as_deref(), Ok("/img/logo.svg"));
        assert!(shown("https://cdn.example/a", Some((800, 400))).is_ok());
        for (src, why) in [
            ("my hall.png", "holds spaces"),
            ("../x.png", "not a plain file path"),
            ("/notes.txt", "no picture whose size"),
            ("/img/logo.svg", "no picture whose size"),
        ] {
            assert!(shown(src, None).unwrap_err().contains(why), "{src}");
        }
    }

    #[test]
    fn pictures_are_read_in_each_themes_shape() {
        let read = |key: &str, value: Value| written(key, &value);
        assert_eq!(
            read("image", json!("/img/a.png")),
            Some(Written { key: "image".into(), src: "/img/a.png".into(), alt: None, size: None })
        );
        let seo = read("image", json!({ "path": "/a.png", "width": 1200, "height": 630, "alt": "A chart" })).unwrap();
        assert_eq!(
            (seo.key.as_str(), seo.alt.as_deref(), seo.size),
            ("image.path", Some("A chart"), Some((1200, 630)))
        );
        let cover = read("cover", json!({ "image": "cover.jpg", "alt": "The fair", "relative": true })).unwrap();
        assert_eq!((cover.key.as_str(), cover.src.as_str()), ("cover.image", "cover.jpg"));
        assert_eq!(read("images", json!(["first.png", "second.png"])).unwrap().key, "images[0]");
        let header = read("header", json!({ "overlay_color": "#333", "teaser": "t.jpg", "overlay_image": "o.jpg" }));
        assert_eq!(header.unwrap().src, "o.jpg");
        for nothing in [json!(""), json!([]), json!({ "caption": "x" }), json!(3)] {
            assert_eq!(read("image", nothing.clone()), None, "{nothing}");
        }
    }
}
