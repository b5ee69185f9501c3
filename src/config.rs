//! site.toml: the single model of a site's settings. Unknown keys are errors, so a typo
//! never silently falls back to a default.

use crate::error::{Error, ErrorKind};
use crate::toml_spans::key_position;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    /// Always ends with `/` once loaded, so joining a relative path is concatenation.
    pub base_url: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub author: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_output_dir")]
    pub output_dir: String,
    /// Names at the top of the output folder that builds leave there although the site
    /// does not make them: a deploy repository's `.git`, a host's `CNAME` written by hand.
    #[serde(default)]
    pub keep_in_output: Vec<String>,
    /// Items per list page, unless a section's `_index.md` says otherwise.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// `followup` once checked: what the command and the calculator page use.
    #[serde(skip)]
    pub followup_rules: crate::followup::Rules,
    /// Job listings and callouts.
    #[serde(default)]
    pub jobs: crate::jobs::JobsConfig,
    /// When readers should follow up after an interview.
    #[serde(default)]
    pub followup: crate::followup::FollowupConfig,
    /// Link previews and structured data: share image, X handle, publisher logo.
    #[serde(default)]
    pub social: crate::seo::SocialConfig,
    /// Who writes the articles: profiles by id, named by an article's `author:`.
    #[serde(default)]
    pub authors: crate::authors::Authors,
    /// The Atom feeds.
    #[serde(default)]
    pub feeds: crate::feeds::FeedsConfig,
    /// What `careerpress check` reports.
    #[serde(default)]
    pub check: crate::findings::CheckConfig,
    /// The header's links, in order, when the site names them (`[[menu]]`); else the
    /// sections, the calculator and the standalone pages.
    #[serde(default)]
    pub menu: Vec<MenuEntry>,
    /// Old URLs and where each sends readers (`"/old/" = "https://…"`), as written.
    #[serde(default)]
    pub redirects: std::collections::BTreeMap<String, String>,
    /// `redirects` once checked, each with its redirect page's file and its place here.
    #[serde(skip)]
    pub redirect_pages: Vec<crate::content::alias::SiteRedirect>,
    /// Free-form values for themes.
    #[serde(default)]
    pub extra: toml::Table,
}

/// What a `[[menu]]` link is, for `link_target`'s message.
pub const MENU_LINK: &str = "a menu link can lead";

/// One link of the header's `[[menu]]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    pub name: String,
    /// A path on the site (`/about/`) or a full http(s) URL, as written: a path is joined
    /// to the base URL of the build when the header is drawn.
    pub url: String,
}

fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_output_dir() -> String {
    "public".into()
}
fn default_paginate_by() -> usize {
    10
}

/// Why site.toml could not be read, naming the folder when the file is not there: a wrong
/// `--root`, or a folder that is not a site, is the usual cause, not the file.
fn not_read(root: &Path, e: &std::io::Error) -> Error {
    let folder = crate::error::printable(root);
    if e.kind() != std::io::ErrorKind::NotFound {
        return Error::new(ErrorKind::Config, CONFIG_FILE, format!("cannot read site configuration: {e}"));
    }
    if !root.is_dir() {
        return Error::new(ErrorKind::Config, root, "no such folder: give --root the site's folder");
    }
    Error::new(
        ErrorKind::Config,
        CONFIG_FILE,
        format!(
            "not found in {folder}, so it is not a careerpress site: give --root the site's folder, \
             or start one with `careerpress init`"
        ),
    )
}

impl Config {
    /// Reads `site.toml` from the site root.
    pub fn load(root: &Path) -> Result<Config, Error> {
        // Named relative to the root, like every other file in messages.
        let text = std::fs::read_to_string(root.join(CONFIG_FILE)).map_err(|e| not_read(root, &e))?;
        Config::parse(&text, Path::new(CONFIG_FILE))
    }

    /// Parses site.toml text; `path` is only used to name the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Error> {
        // The site's title, description and author reach every page and feed.
        if let Some(((line, col), c)) = crate::toml_spans::first_control(text) {
            return Err(Error::new(ErrorKind::Config, path, crate::escape::control_message(c)).at(line, col));
        }
        let mut config: Config = serde_path_to_error::deserialize(toml::Deserializer::new(text)).map_err(|e| {
            let said = crate::toml_spans::explain(text, e.inner(), &e.path().to_string());
            let message = said.key.map_or_else(|| said.message.clone(), |key| format!("`{key}`: {}", said.message));
            let err = Error::new(ErrorKind::Config, path, message);
            match said.at {
                Some((line, col)) => err.at(line, col),
                None => err,
            }
        })?;
        config.check().map_err(|(key, message)| {
            let err = Error::new(ErrorKind::Config, path, message);
            match key_position(text, &key) {
                Some((line, col)) => err.at(line, col),
                None => err,
            }
        })?;
        config.redirect_pages = config.site_redirects(text, path)?;
        config.check_menu(text, path)?;
        // Ids are the site's own words, so their key paths are not `'static` like the rest.
        crate::authors::check(&mut config.authors).map_err(|(keys, message)| {
            let at: Vec<&str> = std::iter::once("authors").chain(keys.iter().map(String::as_str)).collect();
            let err = Error::new(ErrorKind::Config, path, format!("`{}`: {message}", at.join(".")));
            match key_position(text, &at) {
                Some((line, col)) => err.at(line, col),
                None => err,
            }
        })?;
        Ok(config)
    }
}

impl Config {
    /// `[redirects]` checked: each old URL a path a redirect page can be written to, each
    /// target one it can send readers to; an error at the entry's key otherwise.
    fn site_redirects(&self, text: &str, path: &Path) -> Result<Vec<crate::content::alias::SiteRedirect>, Error> {
        use crate::content::alias::{link_target, output_file, Alias, SiteRedirect, REDIRECT};
        let mut pages = Vec::with_capacity(self.redirects.len());
        for (from, to) in &self.redirects {
            let (line, column) = key_position(text, &["redirects", from]).unwrap_or((0, 0));
            let located = |message: String| {
                let err = Error::new(ErrorKind::Config, path, format!("`redirects`: {message}"));
                if line == 0 {
                    err
                } else {
                    err.at(line, column)
                }
            };
            let rel = output_file(from).map_err(located)?;
            link_target(to, &self.base_url, REDIRECT).map_err(located)?;
            pages.push(SiteRedirect {
                alias: Alias { url: from.clone(), rel, line, column },
                to: to.trim().to_string(),
            });
        }
        if let Some((i, cycle)) = redirect_loop(&pages, &self.base_url) {
            let a = &pages[i].alias;
            let message = format!(
                "`redirects`: {:?} leads back to itself ({}): a browser would follow it forever; \
                 send one of them to a page",
                a.url,
                cycle.join(" → ")
            );
            let err = Error::new(ErrorKind::Config, path, message);
            return Err(if a.line == 0 { err } else { err.at(a.line, a.column) });
        }
        Ok(pages)
    }

    /// `[[menu]]` checked: each entry named, and linking to a path of the site or a full
    /// http(s) URL (made a full URL); an error at the entry's table otherwise.
    fn check_menu(&self, text: &str, path: &Path) -> Result<(), Error> {
        let positions = crate::toml_spans::table_positions(text, "menu", self.menu.len());
        for (n, (entry, at)) in self.menu.iter().zip(positions).enumerate() {
            let located = |message: String| {
                let err = Error::new(ErrorKind::Config, path, format!("`menu` entry {}: {message}", n + 1));
                match at {
                    Some((line, column)) => err.at(line, column),
                    None => err,
                }
            };
            if entry.name.trim().is_empty() {
                return Err(located("`name` is empty: give the link's text".into()));
            }
            crate::content::alias::link_target(&entry.url, &self.base_url, MENU_LINK).map_err(located)?;
        }
        Ok(())
    }

    /// Checks what the TOML reader cannot: the key path (`jobs.section`) and message of the
    /// first bad value. Each feature checks its own table; this only assembles them.
    fn check(&mut self) -> Result<(), (Vec<&'static str>, String)> {
        let invalid = |key: &'static str, msg: String| (vec![key], format!("`{key}`: {msg}"));
        self.base_url = normalize_base_url(&self.base_url).map_err(|m| invalid("base_url", m))?;
        if self.title.trim().is_empty() {
            return Err(invalid("title", "must not be empty: it names the site in every page's title and feed".into()));
        }
        // It is every page's `<html lang>`, `og:locale` and `inLanguage`, and the locale
        // listings write money and countries in.
        if !is_language_tag(&self.language) {
            return Err(invalid(
                "language",
                format!("{:?} is not a language tag: give one such as \"en\", \"en-GB\" or \"fr-CA\"", self.language),
            ));
        }
        // BCP 47 writes `-`: `en_GB` (POSIX's form, common in Jekyll sites) is understood,
        // and published as `en-GB` in `<html lang>`, `og:locale`'s source and `inLanguage`.
        self.language = self.language.replace('_', "-");
        if self.paginate_by == 0 {
            return Err(invalid("paginate_by", "must be at least 1".into()));
        }
        if self.theme.is_empty() || self.theme.contains(['/', '\\']) || self.theme == ".." {
            return Err(invalid("theme", format!("{:?} is not a theme folder name", self.theme)));
        }
        if self.output_dir.trim().is_empty() {
            return Err(invalid("output_dir", "must not be empty".into()));
        }
        if let Some(name) = self.keep_in_output.iter().find(|n| !is_plain_name(n)) {
            let why = format!("{name:?} is not a name at the top of the output folder (such as \".git\" or \"CNAME\")");
            return Err(invalid("keep_in_output", why));
        }
        self.jobs.check().map_err(|(key, msg)| (vec!["jobs", key], format!("`jobs.{key}`: {msg}")))?;
        self.feeds.check().map_err(|(key, msg)| (vec!["feeds", key], format!("`feeds.{key}`: {msg}")))?;
        self.check.check().map_err(|(key, msg)| (vec!["check", key], format!("`check.{key}`: {msg}")))?;
        self.followup_rules = self.followup.validate().map_err(|e| (vec!["followup", e.key], e.to_string()))?;
        self.social.check().map_err(|(keys, msg)| {
            let path = [&["social"], keys.as_slice()].concat();
            let message = format!("`{}`: {msg}", path.join("."));
            (path, message)
        })?;
        Ok(())
    }
}

/// Whether `name` is one name, as `keep_in_output` lists those at the top of the output
/// folder: no `/`, backslash, NUL, `.` or `..`.
fn is_plain_name(name: &str) -> bool {
    !(name.is_empty() || name.contains(['/', '\\', '\0']) || name == "." || name == "..")
}

/// Checks that a base URL is absolute (http/https) or root-relative, and gives it a trailing slash.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let unusable = |why: &str| {
        Err(format!(
            "{url:?} is not a usable base URL{why}: give an absolute http(s) URL such as \"https://example.org/\" or a path starting with \"/\""
        ))
    };
    if url.contains(char::is_whitespace) {
        return unusable("");
    }
    // Every page's URL is its path added to this one: anything after a `?` or `#` would
    // end up in the middle of every link.
    if url.contains(['?', '#']) {
        return unusable(" (it has a query or a fragment, which would stand before every page's path)");
    }
    // Browsers read `\` as `/` and resolve `.` and `..` away, but sitemaps and feeds
    // publish the URL as written: the two would name different pages.
    if url.contains('\\') || url.chars().any(char::is_control) {
        return unusable(" (it has a backslash or a control character: separate folders with `/`)");
    }
    if let Some(why) = crate::escape::url_flaw(url) {
        return unusable(&format!(" (it has {why})"));
    }
    let path = url.split_once("://").map_or(url, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    if path.split('/').any(|part| part == "." || part == ".." || part.eq_ignore_ascii_case("%2e")) {
        return unusable(" (it has a `.` or `..` folder, which browsers resolve away: write the path it means)");
    }
    let mut url = match url.split_once("://") {
        Some((scheme, rest)) if ["http", "https"].contains(&scheme.to_ascii_lowercase().as_str()) => {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            if authority.contains('@') {
                return unusable(" (it names a user or password, which every page would then publish)");
            }
            let (host, port) = match authority.rsplit_once(':') {
                Some((host, port)) if !host.is_empty() && !port.contains(']') => (host, Some(port)),
                _ => (authority, None),
            };
            if host.is_empty() || port.is_some_and(|p| p.parse::<u16>().map_or(true, |p| p == 0)) {
                return unusable("");
            }
            // Feeds, sitemaps and JSON-LD write a host outside ASCII in IDNA's form
            // (`escape::encode_url`): one IDNA cannot write is no host anyone can reach.
            let Some(host) = idna_host(host) else {
                return unusable(" (its host is not a domain name IDNA can write in ASCII)");
            };
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            // Scheme and host are read without regard to case; URLs are written in lower case.
            format!("{}://{host}{port}{path}", scheme.to_ascii_lowercase())
        }
        None if url.starts_with('/') => url.to_string(),
        _ => return unusable(""),
    };
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// A `[redirects]` entry whose chain of redirects comes back to it, with the old URLs
/// along the way (itself again at the end). A target is followed when it is a path of this
/// site that another entry redirects. Each entry is walked once.
fn redirect_loop(pages: &[crate::content::alias::SiteRedirect], base_url: &str) -> Option<(usize, Vec<String>)> {
    use crate::content::alias::{link_target, output_file, REDIRECT};
    let by_file: HashMap<&str, usize> = pages.iter().enumerate().map(|(i, p)| (p.alias.rel.as_str(), i)).collect();
    let next = |i: usize| {
        let target = link_target(&pages[i].to, base_url, REDIRECT).ok()?;
        let path = target.strip_prefix(base_url.trim_end_matches('/'))?;
        by_file.get(output_file(path).ok()?.as_str()).copied()
    };
    // Which walk first reached each entry: a walk that reaches an entry of its own has
    // gone round a loop; one that reaches an earlier walk's entry has not.
    let mut walk_of = vec![usize::MAX; pages.len()];
    for start in 0..pages.len() {
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| walk_of[i] == usize::MAX) {
            walk_of[i] = start;
            at = next(i);
        }
        if let Some(first) = at.filter(|&i| walk_of[i] == start) {
            let mut urls = vec![pages[first].alias.url.clone()];
            let mut i = next(first)?;
            while i != first {
                urls.push(pages[i].alias.url.clone());
                i = next(i)?;
            }
            urls.push(pages[first].alias.url.clone());
            return Some((first, urls));
        }
    }
    None
}

/// `host` in lower case: ASCII's, or for a host outside ASCII IDNA's mapping (`BÜCHER.example`
/// is `bücher.example`), which readers see in pages; None when IDNA cannot write it in ASCII.
fn idna_host(host: &str) -> Option<String> {
    if host.is_ascii() {
        return Some(host.to_ascii_lowercase());
    }
    let ascii = idna::domain_to_ascii_cow(host.as_bytes(), idna::AsciiDenyList::URL).ok()?;
    let (unicode, checked) = idna::domain_to_unicode(&ascii);
    checked.ok().map(|()| unicode)
}

/// Whether `language` is a language tag (`en`, `en-GB`, `fr_CA`): what `language` must be.
/// ICU's parser takes Unicode locales; BCP 47 also writes extended languages (`zh-yue-HK`),
/// private use (`x-private`) and old registered tags (`i-klingon`), taken by their shape:
/// subtags of one to eight letters or digits, the first letters only.
pub fn is_language_tag(language: &str) -> bool {
    let tag = language.replace('_', "-");
    if tag.parse::<icu_locale_core::Locale>().is_ok() {
        return true;
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    let first = subtags[0];
    let first_ok = first.chars().all(|c| c.is_ascii_alphabetic()) && (first.len() >= 2 || first == "i" || first == "x");
    // A one-letter subtag introduces the ones after it: an extension's (two letters or
    // more each) or, after `x`, private use (any).
    let private = subtags.iter().position(|s| s.eq_ignore_ascii_case("x")).unwrap_or(subtags.len());
    let introduced = subtags[..private].windows(2).all(|w| w[0].len() > 1 || w[1].len() > 1)
        && subtags[..private].last().is_none_or(|s| s.len() > 1)
        && private + 1 != subtags.len();
    first_ok
        && first.len() <= 8
        && introduced
        && subtags[1..].iter().all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Where the key at `path` is written in the site's site.toml, for problems found after
/// loading (a file it names that the site does not publish). Reads the file again, so
/// call it on error paths.
pub fn position_in_file(root: &Path, path: &[&str]) -> Option<(usize, usize)> {
    key_position(&std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        Config::parse(text, Path::new("site.toml"))
    }

    #[test]
    fn base_urls_are_absolute_http_or_a_path_without_query_fragment_or_user() {
        for (given, made) in [
            ("https://example.org", "https://example.org/"),
            ("HTTPS://Example.ORG/Careers", "https://example.org/Careers/"),
            ("http://localhost:8080/", "http://localhost:8080/"),
            ("https://[::1]:8443/x", "https://[::1]:8443/x/"),
            ("https://[::1]/", "https://[::1]/"),
            ("https://BÜCHER.example:8443/Karriere", "https://bücher.example:8443/Karriere/"),
            ("/", "/"),
            ("/blog", "/blog/"),
        ] {
            assert_eq!(normalize_base_url(given).as_deref(), Ok(made), "{given}");
        }
        for bad in [
            "https://example.org/?ref=x",
            "https://example.org/#top",
            "https://user:pw@example.org/",
            "https://example.org:99999/",
            "https://example.org:0/",
            "https://example.org:/",
            "https:///path",
            "ftp://example.org/",
            "example.org",
            "https://exa mple.org/",
            "https://b\u{fffd}cher.example/",
            "https://xn--ü.example/",
            "https://example.org\\blog/",
            "https://example.org/%zz/",
            "/100%/",
            "https://example.org/\"><b>/",
            "https://example.org/a/../b/",
            "/blog/./",
            "https://example.org/..",
            "https://example.org/\u{1}/",
            "",
        ] {
            assert!(normalize_base_url(bad).is_err(), "{bad:?} was accepted");
        }
        let why = normalize_base_url("https://example.org/?ref=x").unwrap_err();
        assert!(why.contains("query or a fragment"), "{why}");
    }

    #[test]
    fn the_title_is_required_and_the_language_is_a_tag() {
        let e = parse("title = \" \"\nbase_url = \"/\"\n").unwrap_err();
        assert_eq!((e.line(), e.message().contains("`title`")), (Some(1), true), "{e}");
        for bad in
            ["english!!", "", "e", "en-", "en--GB", "toolongtag9", "q-x", "en_GB_x", "x", "i", "en-i", "en-a-b-cd"]
        {
            let e = parse(&format!("title = \"T\"\nbase_url = \"/\"\nlanguage = {bad:?}\n")).unwrap_err();
            assert_eq!(e.line(), Some(3), "{bad:?}: {e}");
            assert!(e.message().contains("not a language tag"), "{e}");
        }
        for good in [
            "en",
            "en-GB",
            "fr_CA",
            "zh-Hant-TW",
            "es-419",
            "zh-yue-HK",
            "sgn-BE-FR",
            "i-klingon",
            "x-private",
            "en-x-a",
        ] {
            assert!(parse(&format!("title = \"T\"\nbase_url = \"/\"\nlanguage = {good:?}\n")).is_ok(), "{good}");
        }
        let c = parse("title = \"T\"\nbase_url = \"/\"\nlanguage = \"en_GB\"\n").unwrap();
        assert_eq!(c.language, "en-GB");
    }

    #[test]
    fn redirects_that_come_back_to_themselves_are_errors_at_the_entry() {
        let site = |entries: &str| {
            parse(&format!("title = \"T\"\nbase_url = \"https://x.org/blog/\"\n[redirects]\n{entries}"))
        };
        let e = site("\"/old/\" = \"/old\"\n").unwrap_err();
        assert_eq!(e.line(), Some(4), "{e}");
        assert!(e.message().contains("\"/old/\" leads back to itself (/old/ → /old/)"), "{e}");
        // Through others, one of them written as the site's full URL, and after an entry
        // that only leads into the loop.
        let e = site("\"/in/\" = \"/a/\"\n\"/a/\" = \"/b/\"\n\"/b/\" = \"https://x.org/blog/c/\"\n\"/c/\" = \"/a/\"\n")
            .unwrap_err();
        assert!(e.message().contains("(/a/ → /b/ → /c/ → /a/)") && e.line() == Some(5), "{e}");
        // A chain that ends at a page, or at another site, is no loop.
        assert!(site("\"/a/\" = \"/b/\"\n\"/b/\" = \"/posts/x/\"\n\"/c/\" = \"https://y.org/a/\"\n").is_ok());
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"T\"\nbase_url = \"https://example.org\"\n").unwrap();
        assert_eq!(c.base_url, "https://example.org/");
        assert_eq!(c.theme, "default");
        assert_eq!(c.output_dir, "public");
        assert_eq!(c.language, "en");
        assert_eq!(c.paginate_by, 10);
    }

    #[test]
    fn unknown_key_is_named_with_position() {
        let e = parse("title = \"T\"\nbase_url = \"/\"\ntitel = \"x\"\n").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.message().contains("titel"), "{e}");
        assert_eq!(e.line(), Some(3));
    }

    #[test]
    fn bad_base_url_points_at_key() {
        let e = parse("title = \"T\"\n\nbase_url = \"ftp://x\"\n").unwrap_err();
        assert!(e.to_string().starts_with("site.toml:3:1: `base_url`"), "{e}");
    }

    #[test]
    fn base_url_forms() {
        assert_eq!(normalize_base_url("/").unwrap(), "/");
        assert_eq!(normalize_base_url("https://a.io/careers").unwrap(), "https://a.io/careers/");
        assert!(normalize_base_url("https:///x").is_err());
        assert!(normalize_base_url("example.org").is_err());
        assert!(normalize_base_url("https://a b").is_err());
    }

    #[test]
    fn syntax_error_has_position() {
        let e = parse("title = \"T\nbase_url = \"/\"\n").unwrap_err();
        assert!(e.line().is_some(), "{e}");
    }

    #[test]
    fn bad_followup_setting_points_at_its_line() {
        let text = "title = \"T\"\nbase_url = \"/\"\n\n[extra]\nweekend = 1\n\n[followup]\n# rest days\n  weekend = [\"Fri\", \"Saturday\"]\n";
        let e = parse(text).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.to_string().starts_with("site.toml:9:3: `followup.weekend`: \"Fri\""), "{e}");
        // Holidays are checked as they are read: the TOML reader points at their list.
        let text = "title = \"T\"\nbase_url = \"/\"\n[followup]\nholidays = [\n  \"2025-02-30\",\n]\n";
        let e = parse(text).unwrap_err();
        assert!(
            e.to_string().starts_with("site.toml:4:12: `followup.holidays[0]`: 2025-02-30 is not a valid date"),
            "{e}"
        );
        let text = "title = \"T\"\nbase_url = \"/\"\nfollowup.no_timeline_business_days = 0\n";
        assert_eq!(parse(text).unwrap_err().line(), Some(3));
        // Inside an inline table too, the key itself.
        let text = "title = \"T\"
base_url = \"/\"
followup = { holidays = [] , weekend = [\"x\"] }
";
        let e = parse(text).unwrap_err();
        assert!(e.to_string().starts_with("site.toml:3:30: `followup.weekend`"), "{e}");
        // Unknown keys inside the table come from the TOML reader, with their position.
        let e = parse("title = \"T\"\nbase_url = \"/\"\n[followup]\nweekends = []\n").unwrap_err();
        assert_eq!(e.line(), Some(4), "{e}");
        let c = parse("title = \"T\"\nbase_url = \"/\"\n[followup]\nweekend = [\"Friday\", \"Saturday\"]\n").unwrap();
        assert_eq!(c.followup.weekend, ["Friday", "Saturday"]);
    }

    #[test]
    fn jobs_section_must_be_a_content_folder() {
        for bad in ["\"\"", "\"/\"", "\"../x\"", "\"a//b\""] {
            let e = parse(&format!("title = \"T\"\nbase_url = \"/\"\n[jobs]\nsection = {bad}\n")).unwrap_err();
            assert!(e.message().contains("jobs.section"), "{bad}: {e}");
            assert_eq!(e.line(), Some(4), "{bad}: {e}");
        }
        assert_eq!(
            parse("title = \"T\"\nbase_url = \"/\"\n[jobs]\nsection = \"careers/open\"\n").unwrap().jobs.section,
            "careers/open"
        );
    }

    #[test]
    fn key_positions_come_from_the_parser() {
        let text = "# base_url = \"commented\"\ntitle = \"base_url\"\n[jobs]\n  section = \"x\"\n[followup]\n";
        assert_eq!(key_position(text, &["jobs", "section"]), Some((4, 3)));
        // A key not written falls back to its table's header.
        assert_eq!(key_position(text, &["followup", "weekend"]), Some((5, 2)));
        assert_eq!(key_position(text, &["base_url"]), None);
        assert_eq!(key_position("a.b.c = 1\n", &["a", "b", "c"]), Some((1, 5)));
        assert_eq!(key_position("not toml = = \n", &["a"]), None);
    }

    #[test]
    fn social_settings_are_checked_at_their_key() {
        let text = "title = \"T\"\nbase_url = \"/\"\n[social]\ntwitter = \"@ok\"\nimage = { src = \"/a.png\", alt = \"A\", width = 0, height = 630 }\n";
        let e = parse(text).unwrap_err();
        assert!(e.to_string().starts_with("site.toml:5:"), "{e}");
        assert!(e.message().starts_with("`social.image.width`: 0 is not a positive"), "{e}");
        let e = parse("title = \"T\"\nbase_url = \"/\"\n\n[social]\ntwitter = \"ok\"\n").unwrap_err();
        assert!(e.to_string().starts_with("site.toml:5:1: `social.twitter`"), "{e}");
        // Unknown keys in the table are the TOML reader's, with their position.
        assert_eq!(parse("title = \"T\"\nbase_url = \"/\"\n[social]\nfacebook = \"x\"\n").unwrap_err().line(), Some(4));
        let c = parse("title = \"T\"\nbase_url = \"/\"\n[social]\nlogo = \"https://cdn.example.org/l.png\"\n").unwrap();
        assert_eq!(c.social.logo_src, Some(crate::seo::ImageSrc::Url("https://cdn.example.org/l.png".into())));
    }

    #[test]
    fn feeds_limit_is_checked_where_it_is_written() {
        assert_eq!(parse("title = \"T\"\nbase_url = \"/\"\n").unwrap().feeds.limit, 20);
        assert_eq!(parse("title = \"T\"\nbase_url = \"/\"\n[feeds]\nlimit = 5\n").unwrap().feeds.limit, 5);
        let e = parse("title = \"T\"\nbase_url = \"/\"\n[feeds]\n limit = 0\n").unwrap_err();
        assert!(e.to_string().starts_with("site.toml:4:2: `feeds.limit`: must be at least 1"), "{e}");
        let e = parse("title = \"T\"\nbase_url = \"/\"\n[feeds]\nlimits = 5\n").unwrap_err();
        assert!(e.message().contains("limits") && e.line() == Some(4), "{e}");
    }

    #[test]
    fn author_profiles_are_checked_at_their_key() {
        let text = "title = \"T\"\nbase_url = \"/\"\n[authors.ana]\nname = \"Ana\"\nurl = \"ana.example\"\n";
        let e = parse(text).unwrap_err();
        assert!(e.to_string().starts_with("site.toml:5:1: `authors.ana.url`"), "{e}");
        let text = "title = \"T\"\nbase_url = \"/\"\n[authors.ana]\nbio = \"x\"\n";
        assert_eq!(parse(text).unwrap_err().line(), Some(3), "name is required");
        let text = "title = \"T\"\nbase_url = \"/\"\n[authors.ana]\nname = \"Ana\"\nphoto = { src = \"/a.png\", width = 96 }\n";
        assert!(parse(text).unwrap_err().message().starts_with("`authors.ana.photo.height`"));
        let text = "title = \"T\"\nbase_url = \"/\"\n[authors.ana]\nname = \" Ana \"\n";
        assert_eq!(parse(text).unwrap().authors["ana"].name, "Ana");
    }

    #[test]
    fn zero_pagination_rejected() {
        let e = parse("title = \"T\"\nbase_url = \"/\"\npaginate_by = 0\n").unwrap_err();
        assert!(e.message().contains("paginate_by"), "{e}");
    }

    #[test]
    fn a_callout_limit_is_what_a_callout_may_show() {
        for (limit, ok) in [(0, false), (1, true), (20, true), (21, false), (1000, false)] {
            let text = format!("title = \"T\"\nbase_url = \"/\"\n[jobs]\ncallout_limit = {limit}\n");
            match parse(&text) {
                Ok(c) => assert!(ok && c.jobs.callout_limit == limit, "{limit}"),
                Err(e) => {
                    assert!(!ok, "{limit}: {e}");
                    assert!(
                        e.to_string().starts_with("site.toml:4:1: `jobs.callout_limit`: must be a number from 1 to 20"),
                        "{e}"
                    );
                }
            }
        }
    }
}
