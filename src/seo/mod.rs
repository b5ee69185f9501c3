//! What link previews and search engines read about a page, as settings: site.toml's
//! `[social]` table, the `image:` an article is shared with (front matter, and the site's
//! default in `[social]`), and OpenGraph's spelling of the site language. Plain types with
//! their own checks, so that both `config` and `content` can hold them; `site::seo` turns
//! them into each page's head, `seo::jsonld` into schema.org data.

pub mod jsonld;
mod size;
pub use size::read_size;

use serde::{Deserialize, Serialize};

/// site.toml `[social]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SocialConfig {
    /// The image pages are shared with when they have none of their own, as written.
    pub image: Option<ImageMeta>,
    /// The site's X (Twitter) account, `@handle`, for `twitter:site`.
    pub twitter: Option<String>,
    /// The publisher's logo in article data: `/path` under static/ or an https:// URL.
    pub logo: Option<String>,
    /// `image` once checked.
    #[serde(skip)]
    pub share_image: Option<Image>,
    /// `logo` once checked.
    #[serde(skip)]
    pub logo_src: Option<ImageSrc>,
}

impl SocialConfig {
    /// The key path under `[social]` (`["image", "alt"]`) and message of the first bad
    /// setting; fills the checked fields when all are good.
    pub fn check(&mut self) -> Result<(), (Vec<&'static str>, String)> {
        if let Some(handle) = &self.twitter {
            check_twitter_handle(handle).map_err(|m| (vec!["twitter"], m))?;
        }
        self.logo_src = match &self.logo {
            Some(logo) => Some(parse_src(logo.trim(), false).map_err(|m| (vec!["logo"], m))?),
            None => None,
        };
        self.share_image = match &self.image {
            Some(image) => Some(image.check(false).map_err(|(key, m)| (vec!["image", key], m))?),
            None => None,
        };
        Ok(())
    }
}

/// An image as written, in front matter (`image: { src, alt, width, height }`) or in
/// `[social]`. Every field is optional here so that a missing one gets our own message,
/// at its line, rather than the YAML reader's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping with `src` and `alt` (and `width` and `height` for an image at a URL)"
)]
pub struct ImageMeta {
    pub src: Option<String>,
    pub alt: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
}

/// A checked image. Link previews need its size to lay out the card before fetching it,
/// and its text alternative for readers who cannot see it; themes may show it as the
/// article's featured image. A `width` and `height` of 0 were not written: the site
/// reads them from the file ([`read_size`]) once it knows which file that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub src: ImageSrc,
    pub alt: String,
    pub width: u32,
    pub height: u32,
}

/// An image as a page shows it: its published URL with the checked facts. Templates get
/// it as `page.image` and in `seo.image`; JSON-LD reads the same values.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ShareImage<'a> {
    pub url: &'a str,
    pub alt: &'a str,
    pub width: u32,
    pub height: u32,
}

/// Where an image comes from. Files are checked against what the site publishes once
/// everything is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ImageSrc {
    /// An absolute http(s) URL, used as written.
    Url(String),
    /// `/images/cover.jpg`: a file the site publishes at that path (static/), kept
    /// without the leading `/`.
    Site(String),
    /// `cover.jpg`: a file beside the article's Markdown, published with it.
    Beside(String),
}

impl ImageMeta {
    /// Checks every field; the error names the field (`src`, `alt`, `width`, `height`).
    /// `beside_ok` allows a path relative to the article (not for site-wide settings,
    /// which belong to no folder).
    pub fn check(&self, beside_ok: bool) -> Result<Image, (&'static str, String)> {
        let src = match self.src.as_deref().map(str::trim) {
            Some(s) if !s.is_empty() => parse_src(s, beside_ok).map_err(|m| ("src", m))?,
            _ => return Err(("src", format!("is required: {}", src_forms(beside_ok)))),
        };
        let alt = match self.alt.as_deref().map(str::trim) {
            Some(a) if !a.is_empty() => a.to_string(),
            _ => {
                return Err((
                    "alt",
                    "is required: say in a few words what the image shows, for readers who cannot see it".into(),
                ))
            }
        };
        let (width, height) = match (self.width, self.height) {
            (None, None) if matches!(src, ImageSrc::Url(_)) => {
                let m = "is required for an image at a URL, as is `height`: careerpress reads the size of the \
                         site's own image files only";
                return Err(("width", m.into()));
            }
            (None, None) => (0, 0),
            (width, height) => (pixels("width", width)?, pixels("height", height)?),
        };
        Ok(Image { src, alt, width, height })
    }
}

/// The forms `src` may take, for messages.
fn src_forms(beside_ok: bool) -> &'static str {
    if beside_ok {
        "a file beside the article (\"cover.jpg\"), a path under static/ (\"/images/cover.jpg\") or an https:// URL"
    } else {
        "a path under static/ (\"/images/share.png\") or an https:// URL"
    }
}

/// A width or height: a whole number of pixels, at least 1.
fn pixels(key: &'static str, value: Option<i64>) -> Result<u32, (&'static str, String)> {
    match value {
        None => Err((
            key,
            format!(
                "is required: the image's {key} in pixels, e.g. {}, or leave out both `width` and `height` \
                 to have them read from the file",
                if key == "width" { 1200 } else { 630 }
            ),
        )),
        Some(n) => u32::try_from(n)
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| (key, format!("{n} is not a positive whole number of pixels"))),
    }
}

/// Reads an image source: an absolute http(s) URL, `/path` published by the site, or
/// (when `beside_ok`) a path relative to the article.
pub fn parse_src(src: &str, beside_ok: bool) -> Result<ImageSrc, String> {
    if src.chars().any(|c| c.is_whitespace() || c.is_control() || "\"<>\\".contains(c)) {
        return Err(format!("{src:?} holds spaces or characters a URL cannot: rename the file or %-encode them"));
    }
    let after_scheme = src.strip_prefix("https://").or_else(|| src.strip_prefix("http://"));
    if let Some(rest) = after_scheme {
        if rest.is_empty() || rest.starts_with('/') {
            return Err(format!("{src:?} names no host"));
        }
        return Ok(ImageSrc::Url(src.to_string()));
    }
    let scheme_like = src.split_once(':').is_some_and(|(before, _)| !before.contains('/'));
    if src.starts_with("//") || scheme_like {
        return Err(format!("{src:?} is not usable: give {}", src_forms(beside_ok)));
    }
    let (path, on_site) = match src.strip_prefix('/') {
        Some(p) => (p, true),
        None => (src, false),
    };
    if !on_site && !beside_ok {
        return Err(format!("{src:?} is relative to nothing here: give {}", src_forms(false)));
    }
    if path.split('/').any(|part| part.is_empty() || part == "." || part == "..") || path.contains(['?', '#']) {
        return Err(format!("{src:?} is not a plain file path: no `.` or `..` parts, `//`, `?` or `#`"));
    }
    Ok(if on_site { ImageSrc::Site(path.to_string()) } else { ImageSrc::Beside(path.to_string()) })
}

/// `@handle`: 1 to 15 letters, digits or underscores, as X allows.
fn check_twitter_handle(handle: &str) -> Result<(), String> {
    let name = handle.strip_prefix('@').unwrap_or("");
    let ok = (1..=15).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!("{handle:?} is not an X (Twitter) handle such as \"@careercompass\""))
    }
}

/// OpenGraph writes locales as language_TERRITORY: `en-GB` becomes `en_GB`, a script
/// subtag is left out (`zh-Hant-TW` becomes `zh_TW`), and a language without a territory
/// takes its most likely one, as CLDR has it (`en` is `en_US`, `fr` is `fr_FR`); one CLDR
/// knows no territory for stays the language alone.
pub fn og_locale(language: &str) -> String {
    let language = language.trim();
    let with_region =
        language.replace('_', "-").parse::<icu_locale_core::LanguageIdentifier>().ok().and_then(|mut id| {
            if id.region.is_none() {
                icu_locale::LocaleExpander::new_common().maximize(&mut id);
            }
            id.region.map(|region| format!("{}-{}", id.language, region))
        });
    let language = with_region.as_deref().unwrap_or(language);
    let mut parts = language.split(['-', '_']).filter(|p| !p.is_empty());
    // Private use (`x-…`) and old registered tags (`i-…`) have no language to name.
    let Some(lang) = parts.next().filter(|lang| lang.len() >= 2) else { return String::new() };
    let is_region = |p: &&str| {
        (p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
            || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
    };
    match parts.find(is_region) {
        Some(region) => format!("{}_{}", lang.to_ascii_lowercase(), region.to_ascii_uppercase()),
        None => lang.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(src: &str) -> ImageMeta {
        ImageMeta { src: Some(src.into()), alt: Some("A desk".into()), width: Some(1200), height: Some(630) }
    }

    #[test]
    fn locales_follow_opengraph_spelling() {
        // A language alone takes its most likely territory: OpenGraph has no locale without one.
        assert_eq!(og_locale("en"), "en_US");
        assert_eq!(og_locale("fr"), "fr_FR");
        assert_eq!(og_locale("ja"), "ja_JP");
        assert_eq!(og_locale("x-private"), "");
        assert_eq!(og_locale("en-GB"), "en_GB");
        assert_eq!(og_locale("fr_ca"), "fr_CA");
        assert_eq!(og_locale("zh-Hant-TW"), "zh_TW");
        assert_eq!(og_locale("es-419"), "es_419");
        assert_eq!(og_locale(" "), "");
    }

    #[test]
    fn image_sources_take_three_forms() {
        assert_eq!(meta("cover.jpg").check(true).unwrap().src, ImageSrc::Beside("cover.jpg".into()));
        assert_eq!(meta("/img/a.png").check(true).unwrap().src, ImageSrc::Site("img/a.png".into()));
        let url = "https://cdn.example.org/a.png?w=1200";
        assert_eq!(meta(url).check(false).unwrap().src, ImageSrc::Url(url.into()));
        for bad in
            ["../a.png", "a//b.png", "//cdn.example.org/a.png", "data:image/png;base64,AA", "a b.png", "https:///x"]
        {
            let (key, _) = meta(bad).check(true).unwrap_err();
            assert_eq!(key, "src", "{bad}");
        }
        // A site-wide image belongs to no article folder.
        let (key, message) = meta("share.png").check(false).unwrap_err();
        assert_eq!(key, "src");
        assert!(message.contains("static/"), "{message}");
    }

    #[test]
    fn every_field_is_required_and_sizes_are_positive() {
        let cases = [
            (ImageMeta { src: None, ..meta("a.png") }, "src"),
            (ImageMeta { alt: Some("  ".into()), ..meta("a.png") }, "alt"),
            (ImageMeta { width: None, ..meta("a.png") }, "width"),
            (ImageMeta { height: Some(0), ..meta("a.png") }, "height"),
            (ImageMeta { width: Some(-5), ..meta("a.png") }, "width"),
            (ImageMeta { width: Some(1 << 40), ..meta("a.png") }, "width"),
        ];
        for (image, key) in cases {
            assert_eq!(image.check(true).unwrap_err().0, key, "{image:?}");
        }
        let ok = meta("a.png").check(true).unwrap();
        assert_eq!((ok.alt.as_str(), ok.width, ok.height), ("A desk", 1200, 630));
    }

    #[test]
    fn a_size_left_out_is_read_from_the_file_except_at_a_url() {
        let unsized_ = |src: &str| ImageMeta { width: None, height: None, ..meta(src) };
        let image = unsized_("cover.png").check(true).unwrap();
        assert_eq!((image.width, image.height), (0, 0), "left to the file");
        let (key, message) = unsized_("https://cdn.example.org/a.png").check(false).unwrap_err();
        assert_eq!(key, "width");
        assert!(message.contains("at a URL"), "{message}");
        // One of the two alone is half a size.
        let (key, message) = ImageMeta { height: None, ..meta("a.png") }.check(true).unwrap_err();
        assert_eq!(key, "height");
        assert!(message.contains("leave out both"), "{message}");
    }

    #[test]
    fn social_settings_check_themselves() {
        let mut s = SocialConfig { twitter: Some("@career_compass".into()), ..Default::default() };
        assert!(s.check().is_ok());
        for bad in ["career", "@", "@has space", "@waytoolonghandle123"] {
            let mut s = SocialConfig { twitter: Some(bad.into()), ..Default::default() };
            assert_eq!(s.check().unwrap_err().0, ["twitter"], "{bad}");
        }
        let mut s = SocialConfig { logo: Some("logo.png".into()), ..Default::default() };
        assert_eq!(s.check().unwrap_err().0, ["logo"]);
        let mut s = SocialConfig { image: Some(ImageMeta { alt: None, ..meta("/share.png") }), ..Default::default() };
        assert_eq!(s.check().unwrap_err().0, ["image", "alt"]);
        let mut s =
            SocialConfig { image: Some(meta("/share.png")), logo: Some("/logo.png".into()), ..Default::default() };
        s.check().unwrap();
        assert_eq!(s.share_image.unwrap().src, ImageSrc::Site("share.png".into()));
        assert_eq!(s.logo_src, Some(ImageSrc::Site("logo.png".into())));
    }
}
