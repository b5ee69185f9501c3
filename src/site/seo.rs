//! Each page's head for link previews and search engines, as the `seo` template context:
//! description, OpenGraph and Twitter card tags, and schema.org JSON-LD (BlogPosting and
//! BreadcrumbList on articles, WebSite on the home page), built from the one page being
//! rendered. Loading checks here that every image named for sharing is a file the site
//! publishes, and warns once when base_url is a path, since these URLs must be absolute.

use super::{BuildOptions, Section, Site, SitePage};
use crate::config::{self, CONFIG_FILE};
use crate::content::{ContentFile, Page, CONTENT_DIR};
use crate::error::{Error, ErrorKind, Errors};
use crate::escape::script_json;
use crate::markdown::content_path;
use crate::seo::{jsonld, og_locale, ImageSrc, ShareImage};
use crate::templates::join_url;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a page's image is published, and its size when read from its file.
type PageImage = (String, Option<(u32, u32)>);

/// What every page's head shares, worked out once per load.
#[derive(Debug, Clone, Default)]
pub struct SiteSeo {
    /// Where `[social] image` is published.
    pub image_url: Option<String>,
    /// Where `[social] logo` is published.
    pub logo_url: Option<String>,
    /// `language` as OpenGraph spells it.
    pub locale: String,
    /// Where each `[authors]` photo is published, by author id.
    pub author_photos: HashMap<String, String>,
}

/// `seo` in templates: what the theme's `partials/meta.html` prints.
#[derive(Serialize)]
pub struct SeoContext<'a> {
    /// The page's own title, without the site's name.
    pub title: String,
    /// `<meta name="description">`, og:description and twitter:description alike.
    pub description: String,
    /// og:url; the same as the canonical link.
    pub url: String,
    /// og:type: `article` or `website`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub site_name: &'a str,
    pub locale: &'a str,
    /// The page's own image, else the site's.
    pub image: Option<ShareImage<'a>>,
    /// Articles only: `date`, `updated` and tag names.
    pub published_time: Option<String>,
    pub modified_time: Option<String>,
    pub tags: Vec<&'a str>,
    /// `summary_large_image` with an image, else `summary`.
    pub twitter_card: &'static str,
    pub twitter_site: Option<&'a str>,
    /// JSON-LD blocks, escaped for `<script>`: print them with `| safe`.
    pub json_ld: Vec<JsonLd<'a>>,
}

/// One JSON-LD block of a page's head. Templates get it as text, escaped for `<script>`;
/// a page's fingerprint (`hash_bytes`, the one serializer that is not human-readable) gets
/// what the text is made of instead, so that a page whose file is reused never builds it.
/// That includes its URLs as the site gives them: the text writes each through
/// `escape::encode_url`, which depends on the URL alone, so the fingerprint still changes
/// whenever the text does, and reused pages never pay for the encoding either.
/// Built for every article of every build, it was a twentieth of a 100,000-article
/// rebuild's time.
pub enum JsonLd<'a> {
    /// Already escaped for `<script>`.
    Text(String),
    Posting(Box<jsonld::Posting<'a>>),
    Breadcrumbs(Vec<(&'a str, String)>),
}

impl JsonLd<'_> {
    /// The block as the page prints it.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            JsonLd::Text(text) => text.into(),
            JsonLd::Posting(posting) => script_json(&jsonld::blog_posting(posting)).into(),
            JsonLd::Breadcrumbs(trail) => script_json(&jsonld::breadcrumb_list(trail)).into(),
        }
    }
}

impl Serialize for JsonLd<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return serializer.serialize_str(&self.text());
        }
        match self {
            JsonLd::Text(text) => serializer.serialize_newtype_variant("JsonLd", 0, "Text", text),
            JsonLd::Posting(posting) => serializer.serialize_newtype_variant("JsonLd", 1, "Posting", posting),
            JsonLd::Breadcrumbs(trail) => serializer.serialize_newtype_variant("JsonLd", 2, "Breadcrumbs", trail),
        }
    }
}

/// One warning when URLs that must be absolute will not be, because base_url is a path.
/// None for `serve`, whose links are root-relative on purpose.
pub(super) fn relative_url_warning(options: &BuildOptions, base_url: &str) -> Option<Error> {
    if options.preview || !base_url.starts_with('/') {
        return None;
    }
    let (what, position) = match &options.base_url {
        Some(_) => (format!("--base-url {base_url:?}"), None),
        None => (format!("`base_url` {base_url:?}"), config::position_in_file(&options.root, &["base_url"])),
    };
    let warning = Error::new(
        ErrorKind::Config,
        CONFIG_FILE,
        format!(
            "{what} is a path, not an absolute URL, so these will be relative: canonical links, og:url and \
             og:image, feed links, sitemap entries and JSON-LD URLs (articles, breadcrumbs, the home page, job \
             postings); search engines and link previews need absolute ones. Set base_url to the site's address, \
             e.g. \"https://careers.example.org/\", or build with --base-url https://…"
        ),
    );
    Some(match position {
        Some((line, column)) => warning.at(line, column),
        None => warning,
    })
}

/// What an image source may name: the files the site publishes by output path (with the
/// file each is copied from), and the content files by their path in content/ (as
/// relative links find them).
struct Published<'a> {
    rels: HashMap<&'a str, Option<&'a Path>>,
    content: &'a HashMap<String, String>,
    root: &'a Path,
    /// The files whose size `sized` read (see `Site::sized_images`).
    read: std::cell::RefCell<Vec<PathBuf>>,
}

impl<'a> Published<'a> {
    fn new(site: &'a Site) -> Published<'a> {
        let copied = |a: &'a crate::output::OutputFile| match &a.data {
            crate::output::Data::Copy(from) => Some(from.as_path()),
            _ => None,
        };
        let rels = site.assets.iter().map(|a| (a.rel.as_str(), copied(a))).collect();
        Published { rels, content: &site.content_links, root: &site.root, read: Default::default() }
    }

    /// The URL an image is published at; `article` is the article's file, for sources
    /// relative to it, resolved as its relative links are. The error says what is missing.
    fn url(&self, base_url: &str, src: &ImageSrc, article: Option<&ContentFile>) -> Result<String, String> {
        match (src, article) {
            (ImageSrc::Url(url), _) => Ok(url.clone()),
            (ImageSrc::Site(rel), _) if self.rels.contains_key(rel.as_str()) => Ok(join_url(base_url, rel)),
            (ImageSrc::Site(rel), _) => {
                Err(format!("the site publishes no file at /{rel}: put the image at static/{rel}"))
            }
            (ImageSrc::Beside(rel), Some(file)) => {
                match content_path(file.folder(), rel).and_then(|target| self.content.get(&target)) {
                    Some(url) => Ok(url.clone()),
                    None => {
                        let beside = Path::new(CONTENT_DIR).join(file.folder()).join(rel);
                        Err(format!("there is no file {} beside the article", crate::error::printable(&beside)))
                    }
                }
            }
            (ImageSrc::Beside(rel), None) => Err(format!("{rel:?} is relative to no article: start it with `/`")),
        }
    }

    /// `image` with its size read from its file when it was not written (see
    /// `seo::Image`); the error says why it cannot be. Called once `url` found the file.
    fn sized(&self, image: &crate::seo::Image, article: Option<&ContentFile>) -> Result<Option<(u32, u32)>, String> {
        if image.width != 0 {
            return Ok(None);
        }
        let file = match (&image.src, article) {
            (ImageSrc::Site(rel), _) => self.rels.get(rel.as_str()).copied().flatten().map(Path::to_path_buf),
            (ImageSrc::Beside(rel), Some(file)) => {
                content_path(file.folder(), rel).map(|target| self.root.join(CONTENT_DIR).join(target))
            }
            _ => None,
        };
        let Some(file) = file else {
            // Not published at all is reported by `url`; published but made by the build
            // (no file to read) is this error's.
            let made = matches!(&image.src, ImageSrc::Site(rel) if self.rels.contains_key(rel.as_str()));
            return if made { Err("its file is made by the build, so its size is not known".into()) } else { Ok(None) };
        };
        let size = crate::seo::read_size(&file);
        self.read.borrow_mut().push(file.clone());
        size.map(Some).map_err(|why| {
            let shown = file.strip_prefix(self.root).unwrap_or(&file);
            format!(
                "no `width` and `height` were given, and the size of {} cannot be read: {why}; give both",
                crate::error::printable(shown)
            )
        })
    }
}

impl Site {
    /// Records where every image named for sharing is published; each one that names no
    /// published file is an error at its line.
    pub(super) fn resolve_images(&mut self) -> Result<(), Errors> {
        let published = Published::new(self);
        let mut errors = Vec::new();
        let mut page_urls = Vec::with_capacity(self.pages.len());
        for sp in &self.pages {
            match self.page_image_url(&published, &sp.page) {
                Ok(found) => page_urls.push(found),
                Err(e) => errors.push(e),
            }
        }
        let mut logo_urls = Vec::with_capacity(self.jobs.len());
        for sj in &self.jobs {
            match self.job_logo_url(&published, &sj.job) {
                Ok(url) => logo_urls.push(url),
                Err(e) => errors.push(e),
            }
        }
        let social = &self.config.social;
        let mut site_url = |src: Option<&ImageSrc>, key: &[&str]| {
            let src = src?;
            published
                .url(&self.config.base_url, src, None)
                .map_err(|m| errors.push(config_error(&self.root, key, m)))
                .ok()
        };
        let image_url = site_url(social.share_image.as_ref().map(|i| &i.src), &["social", "image", "src"]);
        let logo_url = site_url(social.logo_src.as_ref(), &["social", "logo"]);
        let mut author_photos = HashMap::new();
        for (id, author) in &self.config.authors {
            let src = author.photo_image.as_ref().map(|i| &i.src);
            if let Some(url) = site_url(src, &["authors", id, "photo", "src"]) {
                author_photos.insert(id.clone(), url);
            }
        }
        let sizes = self.site_image_sizes(&published, &mut errors);
        let read = published.read.into_inner();
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        for (sp, found) in self.pages.iter_mut().zip(page_urls) {
            sp.image_url = found.map(|(url, size)| {
                if let (Some((width, height)), Some(image)) = (size, sp.page.image.as_mut()) {
                    (image.width, image.height) = (width, height);
                }
                url
            });
        }
        self.apply_site_image_sizes(sizes);
        self.sized_images = read.into_iter().collect();
        for (sj, url) in self.jobs.iter_mut().zip(logo_urls) {
            sj.logo_url = url;
        }
        self.seo = SiteSeo { image_url, logo_url, locale: og_locale(&self.config.language), author_photos };
        Ok(())
    }

    /// Where a page's own image is published, for loading and for an edited article, and
    /// its size when the front matter leaves that to the file.
    fn page_image_url(&self, published: &Published<'_>, page: &Page) -> Result<Option<PageImage>, Error> {
        let Some(image) = &page.image else { return Ok(None) };
        let at = |m: String| {
            Error::new(ErrorKind::FrontMatter, &page.file.display, format!("`image.src`: {m}")).at(page.image_line, 1)
        };
        let url = published.url(&self.config.base_url, &image.src, Some(&page.file)).map_err(at)?;
        let size = published.sized(image, Some(&page.file)).map_err(at)?;
        Ok(Some((url, size)))
    }

    /// The sizes of `[social] image` and the `[authors]` photos that site.toml leaves to
    /// their files, by the key path of each (`["authors", id, "photo"]`).
    fn site_image_sizes(&self, published: &Published<'_>, errors: &mut Vec<Error>) -> Vec<(Vec<String>, (u32, u32))> {
        let social = self.config.social.share_image.as_ref().map(|i| (vec!["social".to_string(), "image".into()], i));
        let photos = self.config.authors.iter().filter_map(|(id, a)| {
            a.photo_image.as_ref().map(|i| (vec!["authors".to_string(), id.clone(), "photo".into()], i))
        });
        let mut sizes = Vec::new();
        for (key, image) in social.into_iter().chain(photos) {
            match published.sized(image, None) {
                Ok(Some(size)) => sizes.push((key, size)),
                Ok(None) => {}
                Err(m) => {
                    let path: Vec<&str> = key.iter().map(String::as_str).chain(["src"]).collect();
                    errors.push(config_error(&self.root, &path, m));
                }
            }
        }
        sizes
    }

    fn apply_site_image_sizes(&mut self, sizes: Vec<(Vec<String>, (u32, u32))>) {
        for (key, (width, height)) in sizes {
            let image = match key.as_slice() {
                [_, id, _] => self.config.authors.get_mut(id).and_then(|a| a.photo_image.as_mut()),
                _ => self.config.social.share_image.as_mut(),
            };
            if let Some(image) = image {
                (image.width, image.height) = (width, height);
            }
        }
    }

    /// Where a listing's `company_logo` is published.
    fn job_logo_url(&self, published: &Published<'_>, job: &crate::jobs::Job) -> Result<Option<String>, Error> {
        let Some(src) = &job.details.company_logo else { return Ok(None) };
        published.url(&self.config.base_url, src, Some(&job.file)).map(Some).map_err(|m| {
            Error::new(ErrorKind::FrontMatter, &job.file.display, format!("job listing `company_logo`: {m}"))
                .at(crate::content::front_matter_line(&job.file, &["company_logo"]), 1)
        })
    }

    /// [`Site::page_image_url`] for one page outside a full load, its size set in `page`.
    pub(super) fn image_url_of(&mut self, page: &mut Page) -> Result<Option<String>, Error> {
        let published = Published::new(self);
        let found = self.page_image_url(&published, page);
        let read = published.read.into_inner();
        self.sized_images.extend(read);
        let found = found?;
        Ok(found.map(|(url, size)| {
            if let (Some((width, height)), Some(image)) = (size, page.image.as_mut()) {
                (image.width, image.height) = (width, height);
            }
            url
        }))
    }

    /// A page's own image, for `page.image` and its head.
    pub(super) fn page_image<'a>(&'a self, sp: &'a SitePage) -> Option<ShareImage<'a>> {
        let (image, url) = (sp.page.image.as_ref()?, sp.image_url.as_deref()?);
        Some(ShareImage { url, alt: &image.alt, width: image.width, height: image.height })
    }

    /// `[social] image`, shared by pages without their own.
    fn site_image(&self) -> Option<ShareImage<'_>> {
        let (image, url) = (self.config.social.share_image.as_ref()?, self.seo.image_url.as_deref()?);
        Some(ShareImage { url, alt: &image.alt, width: image.width, height: image.height })
    }

    /// The head of a page that is not an article: og:type `website`, the site's image.
    fn website_seo(&self, title: String, description: Option<&str>, url: String) -> SeoContext<'_> {
        let image = self.site_image();
        let description = self.head_description(description);
        SeoContext {
            title,
            description: description.to_string(),
            url,
            kind: "website",
            site_name: &self.config.title,
            locale: &self.seo.locale,
            image,
            published_time: None,
            modified_time: None,
            tags: Vec::new(),
            twitter_card: if image.is_some() { "summary_large_image" } else { "summary" },
            twitter_site: self.config.social.twitter.as_deref(),
            json_ld: Vec::new(),
        }
    }

    /// A page's description for its head: its own, else the site's.
    fn head_description<'s>(&'s self, own: Option<&'s str>) -> &'s str {
        own.filter(|d| !d.trim().is_empty()).unwrap_or(&self.config.description)
    }

    /// An article or standalone page; articles add their dates, tags and JSON-LD.
    pub(super) fn page_seo(&self, i: usize) -> SeoContext<'_> {
        let sp = &self.pages[i];
        let p = &sp.page;
        let mut seo = self.website_seo(p.title.clone(), Some(self.summary(i)), sp.permalink.clone());
        if let Some(image) = self.page_image(sp) {
            seo.image = Some(image);
            seo.twitter_card = "summary_large_image";
        }
        if !p.is_article() {
            return seo;
        }
        seo.kind = "article";
        seo.tags = self.tags.of_page[i].iter().map(|&t| self.tags.tags[t].name.as_str()).collect();
        seo.published_time = p.date().map(|d| d.to_iso());
        seo.modified_time = p.meta.updated.map(|d| d.to_iso());
        let posting = jsonld::Posting {
            headline: &p.title,
            description: self.head_description(Some(self.summary(i))),
            url: &sp.permalink,
            date_published: seo.published_time.clone().unwrap_or_default(),
            date_modified: seo.modified_time.clone().or_else(|| seo.published_time.clone()).unwrap_or_default(),
            authors: self.byline(p).map_or_else(Vec::new, |b| {
                b.credits
                    .iter()
                    .map(|c| jsonld::Person { name: c.name, url: c.url().map(|u| self.author_url(u)) })
                    .collect()
            }),
            publisher: &self.config.title,
            publisher_logo: self.seo.logo_url.as_deref(),
            image: seo.image,
            keywords: seo.tags.clone(),
            language: &self.config.language,
        };
        seo.json_ld = vec![JsonLd::Posting(Box::new(posting)), JsonLd::Breadcrumbs(self.breadcrumbs(i))];
        seo
    }

    /// Home, each enclosing section from the top, then the article: `(name, URL)`.
    fn breadcrumbs(&self, i: usize) -> Vec<(&str, String)> {
        let sp = &self.pages[i];
        let key = sp.page.section_key();
        let ancestors = key.match_indices('/').map(|(at, _)| &key[..at]).chain(std::iter::once(key));
        std::iter::once("")
            .chain(ancestors)
            .filter_map(|k| self.sections.get(k))
            .map(|s| (s.title.as_str(), join_url(&self.config.base_url, &s.path)))
            .chain(std::iter::once((sp.page.title.as_str(), sp.permalink.clone())))
            .collect()
    }

    /// One page of a section's (or the home page's) list; the home page's first page
    /// describes the site as a WebSite.
    pub(super) fn list_seo(&self, section: &Section, url: String, first_page: bool) -> SeoContext<'_> {
        let mut seo = self.website_seo(section.title.clone(), section.description.as_deref(), url);
        if section.path.is_empty() && first_page {
            let c = &self.config;
            let site = jsonld::web_site(&c.title, &seo.url, &c.description, &c.language);
            seo.json_ld.push(JsonLd::Text(script_json(&site)));
        }
        seo
    }

    /// Any other generated page: a job listing, the follow-up calculator, the tag pages.
    pub(super) fn other_seo(&self, title: String, description: &str, path: &str) -> SeoContext<'_> {
        self.website_seo(title, Some(description), join_url(&self.config.base_url, path))
    }
}

/// An error about a file site.toml names, at the key that names it.
fn config_error(root: &Path, key: &[&str], message: String) -> Error {
    let error = Error::new(ErrorKind::Config, CONFIG_FILE, format!("`{}`: {message}", key.join(".")));
    match config::position_in_file(root, key) {
        Some((line, column)) => error.at(line, column),
        None => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(headline: &str) -> jsonld::Posting<'_> {
        jsonld::Posting {
            headline,
            description: "On follow-ups",
            url: "https://a.io/posts/x/",
            date_published: "2025-01-10".into(),
            date_modified: "2025-01-10".into(),
            authors: Vec::new(),
            publisher: "Career Compass",
            publisher_logo: None,
            image: None,
            keywords: vec!["interviews"],
            language: "en",
        }
    }

    fn hashed(block: &JsonLd<'_>) -> Vec<u8> {
        let mut bytes = Vec::new();
        super::super::hash_bytes::write(&mut bytes, block).unwrap();
        bytes
    }

    /// Templates see the escaped text; the fingerprint sees its inputs, and still tells
    /// every change of them apart.
    #[test]
    fn json_ld_is_text_for_templates_and_its_inputs_for_fingerprints() {
        let block = JsonLd::Posting(Box::new(posting("Ask </script>")));
        let text = script_json(&jsonld::blog_posting(&posting("Ask </script>")));
        assert!(text.contains("\\u003c/script\\u003e"), "{text}");
        assert_eq!(serde_json::to_value(&block).unwrap(), serde_json::Value::String(text.clone()));
        let trail = vec![("Home", "https://a.io/".to_string())];
        let crumbs = JsonLd::Breadcrumbs(trail.clone());
        let crumbs_text = script_json(&jsonld::breadcrumb_list(&trail));
        assert_eq!(serde_json::to_value(&crumbs).unwrap(), serde_json::Value::String(crumbs_text));

        let bytes = hashed(&block);
        assert!(!bytes.windows(text.len()).any(|w| w == text.as_bytes()), "the text itself was built and hashed");
        assert_ne!(bytes, hashed(&JsonLd::Posting(Box::new(posting("Ask again")))));
        assert_ne!(bytes, hashed(&JsonLd::Text(text)));
        assert_ne!(hashed(&crumbs), hashed(&JsonLd::Breadcrumbs(vec![("Home", "https://b.io/".to_string())])));
    }

    /// The text writes the page's URL encoded (host in Punycode, path percent-encoded); the
    /// fingerprint, made of the URL as given, still tells a change of it apart.
    #[test]
    fn json_ld_text_encodes_urls_and_its_fingerprint_follows_them() {
        let unicode = jsonld::Posting { url: "https://bücher.example/面接/", ..posting("Ask") };
        let text = JsonLd::Posting(Box::new(unicode)).text().into_owned();
        assert!(text.contains("\"url\":\"https://xn--bcher-kva.example/%E9%9D%A2%E6%8E%A5/\""), "{text}");
        assert!(!text.contains("bücher") && !text.contains("面接"), "{text}");
        let with_url = |url| hashed(&JsonLd::Posting(Box::new(jsonld::Posting { url, ..posting("Ask") })));
        assert_ne!(with_url("https://bücher.example/面接/"), with_url("https://bücher.example/求人/"));
        let crumbs = |url: &str| JsonLd::Breadcrumbs(vec![("Home", url.to_string())]);
        assert!(crumbs("https://bücher.example/").text().contains("https://xn--bcher-kva.example/"));
        assert_ne!(hashed(&crumbs("https://bücher.example/")), hashed(&crumbs("https://bücher.example/面接/")));
    }
}
