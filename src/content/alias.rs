//! Redirect aliases: the old URLs a page answers at (`aliases:` in front matter), checked to
//! be paths on this site and turned into the output file a redirect page is written to, so
//! links and bookmarks made before a move keep working on any static host.

use super::front_matter::{self, Split};
use crate::error::{Error, ErrorKind};
use crate::escape::decode_path_segment;
use std::path::Path;

/// One redirect of site.toml's `[redirects]`: an old URL and where it sends readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteRedirect {
    pub alias: Alias,
    /// Another site's full URL or a path of this one, as written: a path is joined to the
    /// base URL of the build (`--base-url`, `serve`'s) when the page is drawn.
    pub to: String,
}

/// What a `[redirects]` entry's target is, for [`link_target`]'s message.
pub const REDIRECT: &str = "a redirect can send readers";

/// Where a `[redirects]` entry sends readers, or a `[[menu]]` link leads (`what` says
/// which, for the message), as a full URL: an `http(s)://` URL with a host as it is, a
/// path on this site (`/posts/x/`) under `base_url`; or why it can be neither. A
/// backslash is refused anywhere, since browsers read `/\host` as `//host`.
pub fn link_target(to: &str, base_url: &str, what: &str) -> Result<String, String> {
    let to = to.trim();
    if let Some(why) = crate::escape::url_flaw(to) {
        return Err(format!("{to:?} is not where {what}: it has {why}"));
    }
    let usable = !to.contains(char::is_whitespace) && !to.contains('\\');
    // A scheme stands before the first `/`: `/go?u=https://x` is a path.
    let scheme = to.split_once("://").filter(|(s, _)| !s.contains('/')).map(|(s, rest)| (s.to_ascii_lowercase(), rest));
    match scheme {
        Some((s, rest)) if usable && (s == "http" || s == "https") && !rest.is_empty() && !rest.starts_with('/') => {
            Ok(to.to_string())
        }
        None if usable && to.starts_with('/') && !to.starts_with("//") => {
            Ok(format!("{}/{}", base_url.trim_end_matches('/'), to.trim_start_matches('/')))
        }
        _ => Err(format!(
            "{to:?} is not where {what}: give a path on this site starting with `/` \
             (\"/posts/new/\") or a full http(s) URL (\"https://example.org/\")"
        )),
    }
}

/// One old URL of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// As written in front matter, for messages.
    pub url: String,
    /// The output file the redirect page is written to: `old/path/index.html`, or
    /// `2019/old-slug.html` when the alias names an `.html` file.
    pub rel: String,
    /// Where the alias stands in its file, for messages about it.
    pub line: usize,
    pub column: usize,
}

/// Checks a page's `aliases` and locates each one in its file.
pub fn parse(urls: &[String], split: &Split<'_>, path: &Path) -> Result<Vec<Alias>, Error> {
    if urls.is_empty() {
        return Ok(Vec::new());
    }
    let positions = front_matter::item_positions(split, "aliases", urls.len());
    urls.iter()
        .zip(positions)
        .map(|(url, (line, column))| match output_file(url) {
            Ok(rel) => Ok(Alias { url: url.clone(), rel, line, column }),
            Err(message) => {
                Err(Error::new(ErrorKind::FrontMatter, path, format!("`aliases`: {message}")).at(line, column))
            }
        })
        .collect()
}

/// The output file a redirect for `url` is written to, or why `url` cannot be one. A path
/// ending in `.html` or `.htm` is that file; any other is a folder with an `index.html`,
/// which static hosts (and `serve`) answer for the path with or without its last slash.
/// Percent-escapes are decoded by the rule `serve` applies to requests, so the file is
/// where a request for the old URL looks.
pub fn output_file(url: &str) -> Result<String, String> {
    let bad = |why: &str| Err(format!("{url:?} {why}"));
    if url.contains("://") {
        return bad("is a full URL: give only its path on this site, starting with `/`, such as \"/old/path/\"");
    }
    let Some(path) = url.strip_prefix('/') else {
        return bad("is not a path from the site's root: start it with `/`, such as \"/old/path/\"");
    };
    if path.contains("//") || path.starts_with('/') {
        return bad("contains `//`: name each folder once");
    }
    if url.contains(['?', '#']) {
        return bad("has a query or fragment (`?`, `#`): a redirect page is a file, which has neither");
    }
    if url.contains('\\') {
        return bad("contains a backslash: separate folders with `/`");
    }
    if url.chars().any(char::is_control) {
        return bad("contains a control character");
    }
    let mut parts = Vec::new();
    for raw in path.split('/').filter(|s| !s.is_empty()) {
        match decode_path_segment(raw) {
            Some(part) => parts.push(part),
            None => {
                return bad(&format!(
                    "has a part {raw:?} that cannot name a file: `.`, `..`, `:`, an encoded `/` or `\\`, \
                     or a `%` not followed by two hex digits"
                ))
            }
        }
    }
    // A dot-folder is never published (see `content::HOST_FILES`), and hosts hide or refuse
    // one: a redirect there would be a 404.
    if let Some(hidden) = parts.iter().find(|p| p.starts_with('.')) {
        return bad(&format!("has a part {hidden:?} starting with `.`, which is never published: name another path"));
    }
    if let Some(long) = parts.iter().find(|p| p.len() > super::MAX_NAME_BYTES) {
        return bad(&super::too_long(long));
    }
    let names_a_file = !path.ends_with('/') && parts.last().is_some_and(|last| is_html_file(last));
    let mut rel = parts.join("/");
    if !names_a_file {
        if !rel.is_empty() {
            rel.push('/');
        }
        rel.push_str("index.html");
    }
    Ok(rel)
}

fn is_html_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_targets_are_full_urls_of_another_site_or_paths_of_this_one() {
        let base = "https://careers.example.org/blog/";
        assert_eq!(
            link_target("https://new.example/x?a=1&b=2", base, REDIRECT).unwrap(),
            "https://new.example/x?a=1&b=2"
        );
        assert_eq!(link_target(" HTTP://new.example/ ", base, REDIRECT).unwrap(), "HTTP://new.example/");
        assert_eq!(link_target("/posts/new/", base, REDIRECT).unwrap(), "https://careers.example.org/blog/posts/new/");
        assert_eq!(link_target("http://a", base, REDIRECT).unwrap(), "http://a");
        let query = link_target("/go?u=https://x.example/", base, REDIRECT).unwrap();
        assert_eq!(query, "https://careers.example.org/blog/go?u=https://x.example/");
        for bad in [
            "javascript:alert(1)",
            "//cdn.example/x",
            "posts/new/",
            "",
            "https://",
            "https:///x",
            "https://a b",
            "ftp://x/",
            "/\\evil.example",
            "x/https://y",
            "/100%-remote/",
            "/\"><script>alert(1)</script>",
            "https://x.example/<b>",
        ] {
            let message = link_target(bad, base, REDIRECT).unwrap_err();
            assert!(message.contains("is not where a redirect can send readers"), "{bad}: {message}");
        }
    }

    #[test]
    fn folders_get_an_index_and_html_files_stay_files() {
        for (url, rel) in [
            ("/old/path/", "old/path/index.html"),
            ("/old/path", "old/path/index.html"),
            ("/2019/08/19/old-slug.html", "2019/08/19/old-slug.html"),
            ("/Old.HTM", "Old.HTM"),
            ("/old.php", "old.php/index.html"),
            ("/v1.2/", "v1.2/index.html"),
            ("/html/", "html/index.html"),
            ("/caf%C3%A9/", "café/index.html"),
            ("/café/", "café/index.html"),
            ("/100%25/", "100%/index.html"),
            ("/", "index.html"),
        ] {
            assert_eq!(output_file(url).as_deref(), Ok(rel), "{url}");
        }
    }

    #[test]
    fn only_site_paths_are_aliases() {
        for (url, why) in [
            ("old/path/", "start it with `/`"),
            ("", "start it with `/`"),
            ("https://old.example.org/a/", "full URL"),
            ("//old.example.org/a/", "`//`"),
            ("/a//b/", "`//`"),
            ("/a/../../etc/", "`..`"),
            ("/./a/", "`.`"),
            ("/%2e%2e/a/", "`..`"),
            ("/a%2Fb/", "encoded"),
            ("/a/?p=12", "query"),
            ("/a/#top", "fragment"),
            ("/a\\b/", "backslash"),
            ("/c:/x/", "`:`"),
            ("/a%zz/", "hex digits"),
            ("/a\u{0}/", "control"),
            ("/.git/config/", "starting with `.`"),
            ("/a/%2Ehidden/", "starting with `.`"),
            (&format!("/a/{}/", "x".repeat(201)), "201 bytes long"),
        ] {
            let e = output_file(url).expect_err(url);
            assert!(e.contains(why), "{url}: {e}");
        }
    }

    #[test]
    fn errors_point_at_the_alias_in_the_file() {
        let text = "---\ntitle: A\naliases:\n  - /fine/\n  - old/\n---\n";
        let split = front_matter::split(text, Path::new("content/a.md")).unwrap();
        let urls = vec!["/fine/".to_string(), "old/".to_string()];
        let e = parse(&urls, &split, Path::new("content/a.md")).unwrap_err();
        assert_eq!((e.line(), e.column()), (Some(5), Some(5)), "{e}");
        assert!(e.message().starts_with("`aliases`: \"old/\""), "{e}");
        let ok = parse(&urls[..1], &split, Path::new("content/a.md")).unwrap();
        assert_eq!(ok, [Alias { url: "/fine/".into(), rel: "fine/index.html".into(), line: 4, column: 5 }]);
    }
}
