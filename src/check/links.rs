//! Links and images in the rendered site: every internal `href` and `src` must name a file
//! the site publishes, every `#fragment` an id on its page, and no article may send
//! readers to a closed job listing. A finding points at the Markdown line that wrote the
//! link when it can be found there; links the theme writes are reported once.

use super::{html, position_of, Found};
use crate::output::{Data, OutputFile};
use crate::site::Site;
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One page's ids and the internal links it makes.
struct Scanned {
    ids: HashSet<String>,
    /// (the URL as written in the page, the output file it names or None, its fragment).
    links: Vec<Link>,
}

struct Link {
    written: String,
    target: Result<String, String>,
    fragment: Option<String>,
}

pub fn check(site: &Site, files: &[OutputFile], found: &mut Found) {
    let published: HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    let base_path = base_path(&site.config.base_url);
    let pages: Vec<(&OutputFile, &[u8])> = files
        .iter()
        .filter(|f| f.rel.ends_with(".html"))
        .filter_map(|f| match &f.data {
            Data::Bytes(b) => Some((f, b.as_slice())),
            _ => None,
        })
        .collect();
    let scanned: HashMap<&str, Scanned> = pages
        .par_iter()
        .map(|(f, bytes)| (f.rel.as_str(), scan(&String::from_utf8_lossy(bytes), &f.rel, site, &base_path, &published)))
        .collect();
    let closed: HashSet<String> =
        site.jobs.iter().filter(|j| !j.job.is_open(site.today)).map(|j| format!("{}index.html", j.job.path)).collect();
    let articles: HashMap<&Path, &crate::content::ContentFile> = site
        .pages
        .iter()
        .filter(|p| p.page.is_article())
        .map(|p| (p.page.file.display.as_path(), &p.page.file))
        .collect();
    let mut reported: HashSet<(PathBuf, String)> = HashSet::new();
    let mut sources = Sources::default();
    for (f, _) in &pages {
        let Some(page) = scanned.get(f.rel.as_str()) else { continue };
        for link in &page.links {
            let problem = match &link.target {
                Err(path) => Some(("broken-link", format!("links to {path}, which is no page or file of this site"))),
                Ok(target) => match (&link.fragment, scanned.get(target.as_str())) {
                    (Some(frag), Some(t)) if !t.ids.contains(frag) => Some((
                        "broken-fragment",
                        format!("links to #{frag} on {}, which has no element with that id", url_of(target)),
                    )),
                    _ if closed.contains(target) && articles.contains_key(f.source.as_path()) => Some((
                        "closed-listing-link",
                        format!(
                            "links to the job listing {}, which has closed: link to the job board instead",
                            url_of(target)
                        ),
                    )),
                    _ => None,
                },
            };
            let Some((code, message)) = problem else { continue };
            // A link the theme writes is on every page: say it once.
            let at = sources.position(site, &f.source, &link.written, &base_path);
            let key = if at.is_some() {
                (f.source.clone(), link.written.clone())
            } else {
                (PathBuf::new(), link.written.clone())
            };
            if reported.insert(key) {
                found.add(code, &f.source, at, message);
            }
        }
    }
}

/// "/posts/x/" for an output file "posts/x/index.html".
fn url_of(rel: &str) -> String {
    format!("/{}", rel.strip_suffix("index.html").unwrap_or(rel))
}

/// The path part of base_url: "/" for "https://example.org/", "/careers/" for a sub-path.
fn base_path(base_url: &str) -> String {
    match base_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/".to_string(), |i| rest[i..].to_string()),
        None => base_url.to_string(),
    }
}

fn scan(html_text: &str, rel: &str, site: &Site, base_path: &str, published: &HashSet<&str>) -> Scanned {
    let mut ids = HashSet::new();
    let mut links = Vec::new();
    for tag in html::tags(html_text) {
        if let Some(id) = tag.attr("id") {
            ids.insert(id.to_string());
        }
        if tag.name == "a" {
            if let Some(name) = tag.attr("name") {
                ids.insert(name.to_string());
            }
        }
        let attr = match tag.name.as_str() {
            "a" | "area" => "href",
            "img" | "source" | "video" | "audio" | "iframe" | "script" => "src",
            "link" if tag.attr("rel").is_some_and(|r| r.contains("stylesheet") || r.contains("icon")) => "href",
            _ => continue,
        };
        let Some(url) = tag.attr(attr) else { continue };
        if let Some(link) = resolve(url, rel, &site.config.base_url, base_path, published) {
            links.push(link);
        }
    }
    Scanned { ids, links }
}

/// Where an internal URL leads, or None for one this site does not serve (another host,
/// `mailto:`, a path outside base_url).
fn resolve(url: &str, from_rel: &str, base_url: &str, base_path: &str, published: &HashSet<&str>) -> Option<Link> {
    let (without_fragment, fragment) = match url.split_once('#') {
        // Markdown writes `#über` as `#%C3%BCber`; browsers match the decoded id.
        Some((u, f)) => (u, Some(percent_decode_str(f).decode_utf8_lossy().into_owned()).filter(|f| !f.is_empty())),
        None => (url, None),
    };
    let path = without_fragment.split('?').next().unwrap_or("");
    let site_rel = if let Some(rest) = path.strip_prefix(base_url) {
        rest.to_string()
    } else if path.contains(':') || path.starts_with("//") {
        return None;
    } else if let Some(abs) = path.strip_prefix('/') {
        format!("/{abs}").strip_prefix(base_path)?.to_string()
    } else if path.is_empty() {
        // "#top" on the page itself.
        from_rel.strip_suffix("index.html").unwrap_or(from_rel).to_string()
    } else {
        let folder = from_rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        join(folder, path)?
    };
    let decoded = percent_decode_str(&site_rel).decode_utf8_lossy().into_owned();
    let target = target_file(&decoded, published).ok_or_else(|| format!("/{decoded}"));
    Some(Link { written: url.to_string(), target, fragment })
}

/// `folder` joined with a relative path, `..` resolved; None when it climbs above the site.
fn join(folder: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if relative.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// The output file a site path names, as a static host serves it.
fn target_file(path: &str, published: &HashSet<&str>) -> Option<String> {
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_string(), format!("{path}/index.html")]
    };
    candidates.into_iter().find(|c| published.contains(c.as_str()))
}

/// Source texts read once each, to point at the line that wrote a link.
#[derive(Default)]
struct Sources(HashMap<PathBuf, Option<String>>);

impl Sources {
    fn position(&mut self, site: &Site, display: &Path, written: &str, base_path: &str) -> Option<(usize, usize)> {
        let text = self
            .0
            .entry(display.to_path_buf())
            .or_insert_with(|| std::fs::read_to_string(site.root.join(display)).ok());
        let text = text.as_deref()?;
        let root_relative = written.strip_prefix(&site.config.base_url).map(|r| format!("{base_path}{r}"));
        let no_fragment = written.split('#').next().unwrap_or(written);
        position_of(text, &[written, root_relative.as_deref().unwrap_or(""), no_fragment])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_the_ways_a_page_links() {
        let published: HashSet<&str> = ["posts/a/index.html", "style.css", "index.html", "posts/a/chart.png"].into();
        let go = |url: &str| {
            resolve(url, "posts/a/index.html", "https://x.org/", "/", &published).map(|l| (l.target, l.fragment))
        };
        assert_eq!(go("https://x.org/posts/a/"), Some((Ok("posts/a/index.html".into()), None)));
        assert_eq!(go("/posts/a#top"), Some((Ok("posts/a/index.html".into()), Some("top".into()))));
        assert_eq!(go("chart.png"), Some((Ok("posts/a/chart.png".into()), None)));
        assert_eq!(go("../../style.css?v=2"), Some((Ok("style.css".into()), None)));
        assert_eq!(go("#intro"), Some((Ok("posts/a/index.html".into()), Some("intro".into()))));
        assert_eq!(go("/posts/nope/"), Some((Err("/posts/nope/".into()), None)));
        // Markdown percent-encodes `[x](#über)`; the id it names is `über`.
        assert_eq!(go("#%C3%BCber"), Some((Ok("posts/a/index.html".into()), Some("über".into()))));
        assert!(go("https://elsewhere.org/").is_none() && go("mailto:a@b.c").is_none() && go("//cdn.x/y").is_none());
        let sub = resolve("/other/", "index.html", "https://x.org/careers/", "/careers/", &published);
        assert!(sub.is_none(), "a path outside base_url is not this site's");
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://x.org/"), "/");
        assert_eq!(base_path("https://x.org/careers/"), "/careers/");
        assert_eq!(base_path("/"), "/");
    }
}
