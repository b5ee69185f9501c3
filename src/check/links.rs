//! Links and images in the rendered site: every internal `href` and `src` must name a file
//! the site publishes, every `#fragment` an id on its page, and no article may send
//! readers to a closed job listing. A finding points at the Markdown line that wrote the
//! link when it can be found there; links the theme writes are reported once.

use super::{html, nth_position_of, position_of, positions_of, Found};
use crate::output::{Data, OutputFile};
use crate::site::Site;
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One page's ids and the internal links it makes.
struct Scanned {
    ids: HashSet<String>,
    /// Ids given to a second element, each once, in page order.
    repeated_ids: Vec<String>,
    /// (the URL as written in the page, the output file it names or None, its fragment).
    links: Vec<Link>,
    /// What an https page loads over http (images, scripts, frames, stylesheets), as written.
    insecure: Vec<String>,
}

struct Link {
    written: String,
    target: Result<String, String>,
    fragment: Option<String>,
}

pub fn check(site: &Site, files: &[OutputFile], found: &mut Found) {
    let published: HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    let base_path = base_path(&site.config.base_url);
    let pages: Vec<&OutputFile> =
        files.iter().filter(|f| f.rel.ends_with(".html") && !matches!(f.data, Data::Copy(_))).collect();
    let scanned: HashMap<&str, Scanned> =
        pages.par_iter().map(|f| (f.rel.as_str(), scan(&page_text(f), &f.rel, site, &base_path, &published))).collect();
    let targets = Targets {
        scanned: &scanned,
        closed: site
            .jobs
            .iter()
            .filter(|j| !j.job.is_open(site.today))
            .map(|j| format!("{}index.html", j.job.path))
            .collect(),
        articles: site.pages.iter().filter(|p| p.page.is_article()).map(|p| p.page.file.display.as_path()).collect(),
    };
    let mut reported: HashSet<(PathBuf, String)> = HashSet::new();
    let mut sources = Sources::new(site, &base_path);
    for f in &pages {
        let Some(page) = scanned.get(f.rel.as_str()) else { continue };
        // How often each broken link was met on this page so far: the second is looked
        // for where the source writes it a second time.
        let mut met: HashMap<&str, usize> = HashMap::new();
        for link in &page.links {
            let Some((code, message)) = targets.problem(link, &f.source) else { continue };
            // A full URL the author wrote on this site's host may be served by something
            // else there (an applicant tracking system, say): only links careerpress
            // makes, or written as site paths, are its to judge.
            if link.written.contains("://") && sources.contains(&f.source, &link.written) {
                continue;
            }
            // A link the theme writes is on every page: say it once. One the source writes
            // twice is said at each place.
            let nth = met.entry(link.written.as_str()).or_default();
            let places = sources.written_at(f, &link.written, *nth);
            *nth += 1;
            for (source, at) in places {
                let what = match at {
                    Some((line, column)) => format!("{}\0{line}:{column}", link.written),
                    None => link.written.clone(),
                };
                if first_time(&mut reported, &source, at, what) {
                    found.add(code, &source, at, message.clone());
                }
            }
        }
        repeated_ids(site, f, page, &mut sources, &mut reported, found);
        insecure_loads(f, page, &mut sources, &mut reported, found);
    }
}

/// Whether `what` is reported for the first time: where the source writes it (`at`), once
/// per source file; where it does not (the theme writes it, on every page it draws), once
/// for the whole site.
fn first_time(
    reported: &mut HashSet<(PathBuf, String)>,
    source: &Path,
    at: Option<(usize, usize)>,
    what: String,
) -> bool {
    let key = if at.is_some() { source.to_path_buf() } else { PathBuf::new() };
    reported.insert((key, what))
}

/// A rendered page's HTML: in memory, or last build's page, reused, in the output folder.
fn page_text(f: &OutputFile) -> String {
    match &f.data {
        Data::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        Data::Published { path, .. } | Data::Copy(path) | Data::Staged { path, .. } => {
            std::fs::read_to_string(path).unwrap_or_default()
        }
    }
}

/// What an https page loads over http, each where its source writes it.
fn insecure_loads(
    f: &OutputFile,
    page: &Scanned,
    sources: &mut Sources<'_>,
    reported: &mut HashSet<(PathBuf, String)>,
    found: &mut Found,
) {
    for url in &page.insecure {
        let at = sources.position(&f.source, &f.rel, url, 0);
        if first_time(reported, &f.source, at, format!("http {url}")) {
            let message = format!(
                "{} loads {url} over http: browsers block an http script, frame or stylesheet on an https \
                 page, and show an http image only if they can fetch it over https; link to https://",
                url_of(&f.rel)
            );
            found.add("mixed-content", &f.source, at, message);
        }
    }
}

/// Ids given to two elements of one page: a heading's `{#id}` the theme or another
/// heading uses too, or a raw HTML id. A link to one reaches only the first, and a
/// label or ARIA reference may name the wrong element.
fn repeated_ids(
    site: &Site,
    f: &OutputFile,
    page: &Scanned,
    sources: &mut Sources<'_>,
    reported: &mut HashSet<(PathBuf, String)>,
    found: &mut Found,
) {
    for id in &page.repeated_ids {
        let written = [format!("{{#{id}}}"), format!("id=\"{id}\""), format!("id='{id}'")];
        let at = sources.text(&f.source).and_then(|text| position_of(text, &written.each_ref().map(String::as_str)));
        let at = at.or_else(|| super::pages::heading_with_id(site, &f.source, id));
        if !first_time(reported, &f.source, at, format!("id {id}")) {
            continue;
        }
        let message = format!(
            "two elements on {} have the id \"{id}\": a link to #{id} reaches only the first; give a \
             heading another id with {{#…}}, or rename the other",
            url_of(&f.rel)
        );
        found.add("duplicate-id", &f.source, at, message);
    }
}

/// What a link may lead to: the scanned pages, the closed listings' files, the articles.
struct Targets<'a> {
    scanned: &'a HashMap<&'a str, Scanned>,
    closed: HashSet<String>,
    articles: HashSet<&'a Path>,
}

impl Targets<'_> {
    /// The code and message of what is wrong with `link` on a page made from `source`.
    fn problem(&self, link: &Link, source: &Path) -> Option<(&'static str, String)> {
        let target = match &link.target {
            Err(path) => {
                return Some(("broken-link", format!("links to {path}, which is no page or file of this site")))
            }
            Ok(target) => target,
        };
        match (&link.fragment, self.scanned.get(target.as_str())) {
            (Some(frag), Some(t)) if !t.ids.contains(frag) => Some((
                "broken-fragment",
                format!("links to #{frag} on {}, which has no element with that id", url_of(target)),
            )),
            _ if self.closed.contains(target) && self.articles.contains(source) => Some((
                "closed-listing-link",
                format!("links to the job listing {}, which has closed: link to the job board instead", url_of(target)),
            )),
            _ => None,
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
    let mut repeated_ids = Vec::new();
    let mut links = Vec::new();
    let mut insecure = Vec::new();
    // Markdown's links to this site carry a host outside ASCII in IDNA's form.
    let ascii_base = crate::escape::ascii_host(&site.config.base_url);
    let ascii_base = (ascii_base != site.config.base_url).then_some(ascii_base);
    for tag in html::tags(html_text) {
        if let Some(id) = tag.attr("id").filter(|id| !id.is_empty()) {
            if !ids.insert(id.to_string()) && !repeated_ids.iter().any(|r| r == id) {
                repeated_ids.push(id.to_string());
            }
        }
        if tag.is("a") {
            if let Some(name) = tag.attr("name") {
                ids.insert(name.to_string());
            }
        }
        // A link is followed; what else a tag names, the page loads.
        let loads = !(tag.is("a") || tag.is("area"));
        for url in urls_of(&tag) {
            if loads {
                insecure.extend(loaded_over_http(url, &site.config.base_url));
            }
            let url = match ascii_base.as_deref().and_then(|ascii| url.strip_prefix(ascii)) {
                Some(rest) => std::borrow::Cow::Owned(format!("{}{rest}", site.config.base_url)),
                None => std::borrow::Cow::Borrowed(url),
            };
            if let Some(link) = resolve(&url, rel, &site.config.base_url, base_path, published) {
                links.push(link);
            }
        }
    }
    Scanned { ids, repeated_ids, links, insecure }
}

/// The URLs a tag links to or loads: a link's `href`; a media or script element's `src`,
/// each candidate of its `srcset` (`<picture>`'s `<source>` has only that) and a video's
/// `poster`; a stylesheet's or icon's `href`.
fn urls_of<'t>(tag: &'t html::Tag<'_>) -> Vec<&'t str> {
    let href = tag.is("a")
        || tag.is("area")
        || tag.is("link") && tag.attr("rel").is_some_and(|r| r.contains("stylesheet") || r.contains("icon"));
    if href {
        return tag.attr("href").into_iter().collect();
    }
    if !["img", "source", "video", "audio", "iframe", "script", "track", "embed"].iter().any(|n| tag.is(n)) {
        return Vec::new();
    }
    let srcset = tag.attr("srcset").map(|set| crate::markdown::srcset_urls(set).map(|url| &set[url]));
    tag.attr("src").into_iter().chain(srcset.into_iter().flatten()).chain(tag.attr("poster")).collect()
}

/// The URL, when an https page loads it over plain http: browsers block such scripts,
/// frames and stylesheets, and show such images only where they can upgrade them.
fn loaded_over_http(url: &str, base_url: &str) -> Option<String> {
    let insecure = base_url.starts_with("https://") && url.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("http://"));
    insecure.then(|| url.to_string())
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
        join("", &format!("{base_path}{rest}"), true)?.strip_prefix(base_path.trim_start_matches('/'))?.to_string()
    } else if path.contains(':') || path.starts_with("//") {
        return None;
    } else if path.starts_with('/') {
        // Browsers resolve `.` and `..` in a path from the root too (`/a/../b/` is `/b/`).
        join("", path, true)?.strip_prefix(base_path.trim_start_matches('/'))?.to_string()
    } else if path.is_empty() {
        // "#top" on the page itself.
        from_rel.strip_suffix("index.html").unwrap_or(from_rel).to_string()
    } else {
        let folder = from_rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        join(folder, path, false)?
    };
    let decoded = percent_decode_str(&site_rel).decode_utf8_lossy().into_owned();
    let target = target_file(&decoded, published).ok_or_else(|| format!("/{decoded}"));
    Some(Link { written: url.to_string(), target, fragment })
}

/// `folder` joined with a relative path, `.` and `..` resolved as browsers do (`%2e` is a
/// dot too), without the leading `/`. A `..` above the root is dropped from a path written
/// from the root (`/../a/` is `/a/`), as browsers do; a relative one that climbs above the
/// site gives None.
fn join(folder: &str, relative: &str, from_root: bool) -> Option<String> {
    fn dots(part: &str) -> std::borrow::Cow<'_, str> {
        match part.contains('%') {
            true => std::borrow::Cow::Owned(part.to_ascii_lowercase().replace("%2e", ".")),
            false => std::borrow::Cow::Borrowed(part),
        }
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match &*dots(part) {
            "." | "" => {}
            ".." => {
                if parts.pop().is_none() && !from_root {
                    return None;
                }
            }
            _ => parts.push(part),
        }
    }
    let last = relative.rsplit('/').next().map(dots).unwrap_or_default();
    let ends_in_folder = matches!(&*last, "" | "." | "..");
    let mut out = parts.join("/");
    if ends_in_folder && !out.is_empty() {
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
struct Sources<'a> {
    site: &'a Site,
    base_path: &'a str,
    /// Every content file's URL to its path in content/, for links written as `@/posts/a.md`.
    content_by_url: HashMap<&'a str, &'a str>,
    texts: HashMap<PathBuf, Option<String>>,
}

impl<'a> Sources<'a> {
    fn new(site: &'a Site, base_path: &'a str) -> Sources<'a> {
        let content_by_url = site.content_links.iter().map(|(rel, url)| (url.as_str(), rel.as_str())).collect();
        Sources { site, base_path, content_by_url, texts: HashMap::new() }
    }

    fn text(&mut self, display: &Path) -> Option<&str> {
        let site = self.site;
        self.texts
            .entry(display.to_path_buf())
            .or_insert_with(|| std::fs::read_to_string(site.root.join(display)).ok())
            .as_deref()
    }

    /// Whether the source file has `written` as it is.
    fn contains(&mut self, display: &Path, written: &str) -> bool {
        self.text(display).is_some_and(|t| t.contains(written))
    }

    /// The files that wrote the link `written` on page `f` (its `nth`, from 0), and where:
    /// the page's source; else each place site.toml writes it (the theme draws `[[menu]]`'s
    /// and authors' links, so which of them this one is cannot be told, and an author
    /// fixing one should hear of the others); else the page's source with no position (a
    /// link the theme itself writes).
    fn written_at(&mut self, f: &OutputFile, written: &str, nth: usize) -> Vec<(PathBuf, Option<(usize, usize)>)> {
        if let Some(at) = self.position(&f.source, &f.rel, written, nth) {
            return vec![(f.source.clone(), Some(at))];
        }
        let config = Path::new(crate::config::CONFIG_FILE);
        let places = self.spelled(config, &f.rel, written).map_or_else(Vec::new, |(text, needles)| {
            positions_of(text, &needles.iter().map(String::as_str).collect::<Vec<_>>())
        });
        if places.is_empty() {
            return vec![(f.source.clone(), None)];
        }
        places.into_iter().map(|at| (config.to_path_buf(), Some(at))).collect()
    }

    /// Where the page made from `display` (published as `page_rel`) wrote `written` for
    /// the `nth` time (from 0).
    fn position(&mut self, display: &Path, page_rel: &str, written: &str, nth: usize) -> Option<(usize, usize)> {
        let (text, needles) = self.spelled(display, page_rel, written)?;
        nth_position_of(text, &needles.iter().map(String::as_str).collect::<Vec<_>>(), nth)
    }

    /// The text of `display` and the ways the page made from it (published as `page_rel`)
    /// may spell `written` there.
    fn spelled(&mut self, display: &Path, page_rel: &str, written: &str) -> Option<(&str, Vec<String>)> {
        let site = self.site;
        let urls =
            SiteUrls { base_url: &site.config.base_url, base_path: self.base_path, content: &self.content_by_url };
        let needles = urls.spellings(written, page_rel);
        Some((self.text(display)?, needles))
    }
}

/// What an author may have written for a URL the page now holds, to find it in the source.
struct SiteUrls<'a> {
    base_url: &'a str,
    base_path: &'a str,
    content: &'a HashMap<&'a str, &'a str>,
}

impl SiteUrls<'_> {
    /// The ways `written`, found on the page published as `page_rel`, may be spelled in its
    /// Markdown, most exact first: as it is, root-relative (with and without base_url's
    /// path), as `@/` and its content path, relative to the page; each with its fragment
    /// (as written and decoded), then the fragment alone, then each without the fragment.
    fn spellings(&self, written: &str, page_rel: &str) -> Vec<String> {
        let (url, fragment) = written.split_once('#').map_or((written, None), |(u, f)| (u, Some(f)));
        let mut paths = vec![url.to_string()];
        if let Some(rest) = url.strip_prefix(self.base_url) {
            paths.push(format!("{}{rest}", self.base_path));
            paths.push(format!("/{rest}"));
            if let Some(content) = self.content.get(url) {
                paths.push(format!("@/{content}"));
            }
            let folder = page_rel.rsplit_once('/').map_or("", |(dir, _)| dir);
            paths.extend(relative(folder, rest));
        }
        paths.dedup();
        let mut fragments: Vec<String> = fragment.into_iter().map(String::from).collect();
        if let Some(decoded) = fragment.map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned()) {
            if !fragments.contains(&decoded) {
                fragments.push(decoded);
            }
        }
        let mut out: Vec<String> =
            fragments.iter().flat_map(|f| paths.iter().map(move |p| format!("{p}#{f}"))).collect();
        out.extend(fragments.iter().flat_map(|f| [format!("#{f})"), format!("#{f}\"")]));
        out.extend(paths.into_iter().filter(|p| !p.is_empty()));
        out
    }
}

/// `target` (a site path such as `posts/a/`) relative to `folder` (`posts/b`): `../a/`.
fn relative(folder: &str, target: &str) -> Option<String> {
    let from: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = target.split('/').filter(|p| !p.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    let mut out = parts.join("/");
    if target.ends_with('/') && !to[common..].is_empty() {
        out.push('/');
    }
    // The page itself, or a spelling too short to be found reliably.
    (out.len() > 2 && !out.chars().all(|c| c == '.' || c == '/')).then_some(out)
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
        // Dot segments, however written, are resolved before the page is looked for.
        for dotted in ["/posts/../posts/a/", "/%2e%2e/posts/a/", "https://x.org/posts/x/%2E./a/", "/posts/a/."] {
            assert_eq!(go(dotted), Some((Ok("posts/a/index.html".into()), None)), "{dotted}");
        }
        assert_eq!(go("../../../style.css"), None, "above the site: not this site's to check");
        // Markdown percent-encodes `[x](#über)`; the id it names is `über`.
        assert_eq!(go("#%C3%BCber"), Some((Ok("posts/a/index.html".into()), Some("über".into()))));
        assert!(go("https://elsewhere.org/").is_none() && go("mailto:a@b.c").is_none() && go("//cdn.x/y").is_none());
        let sub = resolve("/other/", "index.html", "https://x.org/careers/", "/careers/", &published);
        assert!(sub.is_none(), "a path outside base_url is not this site's");
    }

    #[test]
    fn finds_how_a_rewritten_link_was_spelled() {
        let content: HashMap<&str, &str> = [("https://x.org/careers/jobs/old/", "jobs/old.md")].into();
        let urls = SiteUrls { base_url: "https://x.org/careers/", base_path: "/careers/", content: &content };
        let spelled = |written: &str| urls.spellings(written, "posts/b/index.html");
        let page = spelled("https://x.org/careers/jobs/old/#pay");
        for wanted in ["/careers/jobs/old/#pay", "/jobs/old/#pay", "@/jobs/old.md#pay", "../../jobs/old/#pay", "#pay)"]
        {
            assert!(page.iter().any(|s| s == wanted), "{wanted} not in {page:?}");
        }
        assert!(page.iter().position(|s| s == "/jobs/old/#pay") < page.iter().position(|s| s == "/jobs/old/"));
        assert!(spelled("#%C3%BCber").contains(&"#über".to_string()));
        assert_eq!(spelled("/elsewhere/"), ["/elsewhere/"]);
    }

    #[test]
    fn relative_spellings() {
        assert_eq!(relative("posts/b", "posts/a/").as_deref(), Some("../a/"));
        assert_eq!(relative("posts/b", "jobs/x/").as_deref(), Some("../../jobs/x/"));
        assert_eq!(relative("posts/b", "posts/b/chart.png").as_deref(), Some("chart.png"));
        assert_eq!(relative("posts/b", "posts/b/"), None, "the page itself");
        assert_eq!(relative("posts/b", ""), None, "too short to find");
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://x.org/"), "/");
        assert_eq!(base_path("https://x.org/careers/"), "/careers/");
        assert_eq!(base_path("/"), "/");
    }
}
