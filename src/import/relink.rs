//! Relative links in imported Markdown. An imported page often moves (`docs/guide/x.md`,
//! once at `/docs/guide/x/`, becomes `content/docs-guide-x.md` at `/docs-guide-x/`; a post
//! at `/2020/01/05/hello/` becomes `/posts/hello/`), and its relative links then name
//! nothing: careerpress reads them from the file's folder in `content/`, a browser from
//! the new URL. Each relative link or image is resolved as the old site resolved it, from
//! the source file's folder (as GitHub Pages' relative links do for `.md` files) and else
//! from the page's old URL (as a browser did), and rewritten to the `@/` link of the
//! document it reaches, or to the site path of the file it reaches. A link that reaches
//! neither is left as written, for the build to report.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use std::ops::Range;

/// What a link may reach on the imported site.
pub trait Places {
    /// The `@/` link of the document read from `source` (a path in the old site).
    fn document_at(&self, source: &str) -> Option<String>;
    /// The `@/` link of the document the old site published at `path` (no leading `/`).
    fn document_published_at(&self, path: &str) -> Option<String>;
    /// Where (no leading `/`) the import publishes the file it copies from `source` (a path
    /// in the old site).
    fn copied_from(&self, source: &str) -> Option<String>;
    /// Whether the import copies a file the old site published at `path` (no leading `/`).
    fn copies(&self, path: &str) -> bool;
    /// Where the import publishes the page bundle's file the old site published at `path`
    /// (no leading `/`), beside the old URL of a page that moved.
    fn bundle_file_published_at(&self, path: &str) -> Option<String>;
    /// Whether the import copies the file at `source` (a path in the old site) beside the
    /// pages in `content/`: a page bundle's own resource.
    fn copies_beside(&self, source: &str) -> bool;
    /// Where the import publishes the global resource (Hugo's `resources.Get`, which the
    /// `figure` shortcode and themes' image hooks fall back to) at `path` in the old site's
    /// resources folder; None for a site that has none, or a path that is none of them.
    fn resource(&self, path: &str) -> Option<String>;
    /// The old site's path under its host (`/myblog`), which its site paths start with; "".
    fn base_path(&self) -> &str;
}

/// `text` with its relative links rewritten, and how many were. `source` is the
/// document's path in the old site; `old_url` is where the old site published it.
pub fn relink(text: &str, source: &str, old_url: &str, places: &dyn Places) -> (String, usize) {
    let from = From::new(source, old_url, places);
    // Raw HTML's URLs are read as a Markdown link's are: its site paths get the new base
    // URL from the build, and its relative ones, which the browser read from the old URL
    // (or an image plugin from the source's folder), would name nothing from the new one.
    let resolve = |dest: &str| from.resolve(dest);
    rewrite(text, &resolve, &resolve)
}

/// `text` with the destination of each inline link and image and of each reference
/// definition replaced where `link` gives a new one, and each `href`, `src`, `poster` and
/// `srcset` URL of raw HTML where `html` does; and how many were.
pub fn rewrite(
    text: &str,
    link: &dyn Fn(&str) -> Option<String>,
    html: &dyn Fn(&str) -> Option<String>,
) -> (String, usize) {
    let mut edits = Vec::new();
    let html_edits = walk(text, html, &mut |dest, written| {
        // Written from the decoded destination: what the Markdown would read otherwise
        // (a space, a lone parenthesis) is escaped again.
        let new = link(dest).map(|new| match written.verbatim && !new.contains(char::is_whitespace) {
            true => new,
            false => escaped_destination(&new, written.bracketed),
        });
        edits.extend(new.map(|new| (written.at, new)));
    });
    edits.extend(html_edits);
    applied(text, edits)
}

/// `text` with each inline link's, image's and reference definition's destination that
/// `refused` holds written as `#`, and what it held kept as the link's title where it had
/// none (`careerpress check` shows it there, at its line); and how many were.
pub(super) fn emptied(text: &str, refused: &dyn Fn(&str) -> bool) -> (String, usize) {
    let mut edits = Vec::new();
    walk(text, &|_| None, &mut |dest, written| {
        if !refused(dest) {
            return;
        }
        let Written { at, bracketed, .. } = written;
        let whole = if bracketed { at.start - 1..at.end + 1 } else { at };
        // A title written after it, empty or not (`""`), stays the link's.
        let titled = text[whole.end..].trim_start().starts_with(['"', '\'', '(']);
        let title = dest.replace('\\', "\\\\").replace('"', "\\\"");
        let new = match (titled, text[whole.end..].starts_with(char::is_whitespace)) {
            (true, true) => "#".to_string(),
            (true, false) => "# ".to_string(),
            (false, _) => format!("# \"{title}\""),
        };
        edits.push((whole, new));
    });
    applied(text, edits)
}

/// Where a link's destination is written.
struct Written {
    /// Its place in the text, inside any `<…>`.
    at: Range<usize>,
    /// Whether it is in `<…>`.
    bracketed: bool,
    /// Whether it is written as the parser gives it (no entities, no escapes).
    verbatim: bool,
}

/// Calls `each` with the destination of each inline link and image and of each reference
/// definition, and where it is written; the edits `html` gives to the URLs of raw HTML.
fn walk(
    text: &str,
    html: &dyn Fn(&str) -> Option<String>,
    each: &mut dyn FnMut(&str, Written),
) -> Vec<(Range<usize>, String)> {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // Each open link or image: its destination (when inline) and where the last event
    // inside it ended, after which its `](` stands.
    let mut open: Vec<(Option<String>, usize)> = Vec::new();
    let mut events = Parser::new_ext(text, crate::markdown::options()).into_offset_iter();
    for (event, range) in events.by_ref() {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, .. } | Tag::Image { link_type, dest_url, .. }) => {
                open.push(((link_type == LinkType::Inline).then(|| dest_url.to_string()), range.start + 1));
            }
            // A block is read whole, since its tags span lines.
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => {
                edits.extend(html_edits(text, range.clone(), html));
                if let Some(parent) = open.last_mut() {
                    parent.1 = parent.1.max(range.end);
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some((inline, inner_end)) = open.pop() else { continue };
                if let Some(parent) = open.last_mut() {
                    parent.1 = parent.1.max(range.end);
                }
                let Some(dest) = inline else { continue };
                if let Some((at, bracketed, verbatim)) = inline_destination(text, inner_end..range.end, &dest) {
                    each(&dest, Written { at, bracketed, verbatim });
                }
            }
            _ => {
                if let Some(parent) = open.last_mut() {
                    parent.1 = parent.1.max(range.end);
                }
            }
        }
    }
    for (_, definition) in events.reference_definitions().iter() {
        let span = definition.span.clone();
        let after_label = text[span.clone()].find("]:").map_or(span.start, |i| span.start + i + 2);
        if let Some((at, bracketed, verbatim)) = written_at(text, after_label..span.end, &definition.dest) {
            each(&definition.dest, Written { at, bracketed, verbatim });
        }
    }
    edits
}

/// `text` with `edits` made (one per place: a link around an image is found twice), and
/// how many there were.
pub(super) fn applied(text: &str, mut edits: Vec<(Range<usize>, String)>) -> (String, usize) {
    edits.sort_by_key(|(at, _)| std::cmp::Reverse(at.start));
    edits.dedup_by_key(|(at, _)| at.start);
    let count = edits.len();
    let mut out = text.to_string();
    for (at, new) in edits {
        out.replace_range(at, &new);
    }
    (out, count)
}

/// Where a relative link is read from.
struct From<'a> {
    source_dir: &'a str,
    url_dir: &'a str,
    places: &'a dyn Places,
}

/// The new destination of one relative URL or site path written in the document read
/// from `source` and published at `old_url` (a picture named in front matter), as
/// [`relink`] reads the body's; None where it stays as written.
pub fn relinked(dest: &str, source: &str, old_url: &str, places: &dyn Places) -> Option<String> {
    From::new(source, old_url, places).resolve(dest)
}

impl<'a> From<'a> {
    fn new(source: &'a str, old_url: &'a str, places: &'a dyn Places) -> From<'a> {
        // Under the old base path (`/myblog/docs/x/`), the path on the site is what follows it.
        From {
            source_dir: source.rsplit_once('/').map_or("", |(dir, _)| dir),
            url_dir: url_dir(old_url, places.base_path()),
            places,
        }
    }

    /// The new destination of `dest`, when it is relative and reaches something imported.
    fn resolve(&self, dest: &str) -> Option<String> {
        let scheme = dest.find(':').is_some_and(|colon| !dest[..colon].contains('/'));
        if dest.starts_with('/') && !dest.starts_with("//") {
            return self.resolve_site_path(dest);
        }
        if dest.is_empty() || scheme || dest.starts_with(['/', '#', '?', '@', '{', '<']) {
            return None;
        }
        let split = dest.find(['#', '?']).unwrap_or(dest.len());
        let (path, suffix) = dest.split_at(split);
        let path = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
        if path.is_empty() {
            return None;
        }
        let reach = |dir: &str, by_url: bool| {
            let target = crate::markdown::content_path(dir, &path)?;
            let places = self.places;
            match by_url {
                true => places
                    .document_published_at(&target)
                    .or_else(|| places.bundle_file_published_at(&target))
                    .or_else(|| places.copies(&target).then(|| format!("/{target}"))),
                false => places.document_at(&target).or_else(|| places.copied_from(&target).map(|at| format!("/{at}"))),
            }
        };
        // A page's own resource (a bundle's file, left as written) comes before a global
        // one of the same name, as in Hugo.
        let own =
            || crate::markdown::content_path(self.source_dir, &path).is_some_and(|at| self.places.copies_beside(&at));
        let resource = || self.places.resource(&crate::markdown::content_path("", &path)?).map(|at| format!("/{at}"));
        let found = reach(self.source_dir, false)
            .or_else(|| reach(self.url_dir, true))
            .or_else(|| self.input_path(&path))
            .or_else(|| resource().filter(|_| !own()))?;
        Some(format!("{found}{suffix}"))
    }

    /// A Markdown file named from the top of the old site's content (Eleventy's
    /// InputPath to URL reads `blog/a.md` and `/blog/a.md` so from any page): the `@/`
    /// link of the document read from it.
    fn input_path(&self, path: &str) -> Option<String> {
        let target = crate::markdown::content_path("", path).filter(|t| super::is_markdown(std::path::Path::new(t)))?;
        self.places.document_at(&target)
    }

    /// A site path of the old site (`/2020/01/05/hello/`, `/myblog/img/a.png` under a base
    /// path): the `@/` link of the document published there, else the path without the
    /// old base path (which careerpress's base URL supplies: left in, it would be there
    /// twice); None when it is neither, and stays as written.
    fn resolve_site_path(&self, dest: &str) -> Option<String> {
        let base = self.places.base_path();
        let under_base = (!base.is_empty())
            .then(|| dest.strip_prefix(base).filter(|rest| rest.is_empty() || rest.starts_with(['/', '#', '?'])))
            .flatten();
        let rest = under_base.unwrap_or(dest);
        let split = rest.find(['#', '?']).unwrap_or(rest.len());
        let (path, suffix) = rest.split_at(split);
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
        let target = decoded.trim_start_matches('/');
        if let Some(document) = self.places.document_published_at(target).filter(|_| !target.is_empty()) {
            return Some(format!("{document}{suffix}"));
        }
        if let Some(file) = self.places.bundle_file_published_at(target) {
            return Some(format!("{file}{suffix}"));
        }
        if let Some(document) = self.input_path(target) {
            return Some(format!("{document}{suffix}"));
        }
        under_base.map(|rest| if rest.starts_with('/') { rest.to_string() } else { format!("/{rest}") })
    }
}

/// The folder a browser read a page's relative links from, as a path on the site under
/// the old base path `base` (`/myblog`): `/docs/guide/x/` is read from its own folder,
/// `/docs/guide/x.html` from `docs/guide`.
fn url_dir<'u>(old_url: &'u str, base: &str) -> &'u str {
    let on_site = old_url.strip_prefix(base).filter(|rest| !base.is_empty() && rest.starts_with('/'));
    on_site.unwrap_or(old_url).trim_start_matches('/').rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The relative `dest` as a browser read it on the page published at `old_url`: a site
/// path (`../a.png` from `/docs/x/` is `/docs/a.png`), without the old base path `base`,
/// which careerpress's base URL supplies. As in a browser, `..` at the top stays there, a
/// path ending in `.` or `..` names a folder, and the text is kept as written
/// (percent-encoding, query, fragment).
pub fn as_browser_read(dest: &str, old_url: &str, base: &str) -> String {
    let (path, suffix) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
    let mut parts: Vec<&str> = url_dir(old_url, base).split('/').filter(|s| !s.is_empty()).collect();
    let segments: Vec<&str> = path.split('/').collect();
    for segment in &segments {
        match *segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let folder = matches!(segments.last(), Some(&("" | "." | "..")));
    let slash = if folder && !parts.is_empty() { "/" } else { "" };
    format!("/{}{slash}{suffix}", parts.join("/"))
}

/// Raw HTML's URLs at `range` of `text`, each replaced where `html` gives a new one.
fn html_edits(text: &str, range: Range<usize>, html: &dyn Fn(&str) -> Option<String>) -> Vec<(Range<usize>, String)> {
    let mut edits = Vec::new();
    for value in crate::markdown::raw_html_targets(&text[range.clone()]) {
        let at = range.start + value.start..range.start + value.end;
        edits.extend(html(&text[at.clone()]).map(|new| (at, new)));
    }
    edits
}

/// Where an inline link's destination is written in `range`, which starts where its text
/// ends: after the first `](`; see [`written_at`].
fn inline_destination(text: &str, range: Range<usize>, dest: &str) -> Option<(Range<usize>, bool, bool)> {
    let opened = range.start + text[range.clone()].find("](")? + 2;
    written_at(text, opened..range.end, dest)
}

/// Where a destination is written in `range` (after its link's `](`, or its definition's
/// `]:`): after spaces (a line's end, in a definition) and a `<`; whether it is in `<…>`,
/// and whether it is written as `dest` (no entities or escapes).
fn written_at(text: &str, range: Range<usize>, dest: &str) -> Option<(Range<usize>, bool, bool)> {
    let rest = &text[range.clone()];
    let skipped = rest.len() - rest.trim_start().len();
    let rest = &rest[skipped..];
    let bracket = usize::from(rest.starts_with('<'));
    let start = range.start + skipped + bracket;
    if rest[bracket..].starts_with(dest) {
        return Some((start..start + dest.len(), bracket == 1, true));
    }
    // The parser gives the destination decoded (`#r&eacute;d` as `#réd`, `\_` as `_`):
    // what was written is then found by where it ends.
    let len = written_destination(&rest[bracket..], bracket == 1);
    (len > 0).then(|| (start..start + len, bracket == 1, false))
}

/// `dest` as a link destination is written (in `<…>` when `bracketed`): its parentheses,
/// angle brackets and backslashes escaped, and a space-holding one put in `<…>`.
fn escaped_destination(dest: &str, bracketed: bool) -> String {
    let wrap = !bracketed && dest.contains(char::is_whitespace);
    let special: &[char] = if bracketed || wrap { &['<', '>', '\\'] } else { &['(', ')', '<', '>', '\\'] };
    let mut out = String::with_capacity(dest.len() + 2);
    for c in dest.chars() {
        if special.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    if wrap {
        format!("<{out}>")
    } else {
        out
    }
}

/// The length of a link destination as written at the start of `rest`: to the `>` of one
/// in angle brackets, else to white space, a `)` that closes no `(` of its own or the end.
fn written_destination(rest: &str, bracketed: bool) -> usize {
    let mut depth = 0usize;
    let mut escaped = false;
    for (at, c) in rest.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '>' if bracketed => return at,
            '\n' if bracketed => return 0,
            '(' if !bracketed => depth += 1,
            ')' if !bracketed && depth == 0 => return at,
            ')' if !bracketed => depth -= 1,
            c if !bracketed && c.is_whitespace() => return at,
            _ => {}
        }
    }
    // A definition's destination may end where its text does.
    if bracketed {
        0
    } else {
        rest.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_link_is_read_as_a_browser_read_it_from_the_old_url() {
        let cases = [
            ("LICENSE", "/themes/night/", "", "/themes/night/LICENSE"),
            ("./CONTRIBUTING.md#setup", "/themes/night/", "", "/themes/night/CONTRIBUTING.md#setup"),
            ("../a%20b.png?v=2", "/docs/x/", "", "/docs/a%20b.png?v=2"),
            // A page published as a file is read from its folder.
            ("b.png", "/docs/x.html", "", "/docs/b.png"),
            // `..` at the top stays there; a path ending in `.` or `..` names a folder.
            ("../../../../c.png", "/docs/x/", "", "/c.png"),
            ("..", "/docs/guide/x/", "", "/docs/guide/"),
            ("./", "/docs/x/", "", "/docs/x/"),
            ("../..", "/docs/", "", "/"),
            // The old base path is careerpress's base URL's to give.
            ("d.png", "/myblog/posts/x/", "/myblog", "/posts/x/d.png"),
        ];
        for (dest, old_url, base, want) in cases {
            assert_eq!(as_browser_read(dest, old_url, base), want, "{dest} from {old_url}");
        }
    }

    /// An old site: `docs/guide/x.md` and `y.md` published at `/docs/guide/x/` and `y/`,
    /// a post at `/2020/01/05/hello/`, a copied image beside the guide, one in a Jekyll
    /// collection (`_guides/map.png`, published at `guides/map.png`), and a global
    /// resource (Hugo's `assets/images/cover.jpg`).
    struct Old;
    impl Places for Old {
        fn document_at(&self, source: &str) -> Option<String> {
            match source {
                "docs/guide/y.md" => Some("@/docs-guide-y.md".into()),
                "_posts/2020-01-05-hello.md" => Some("@/posts/hello.md".into()),
                _ => None,
            }
        }
        fn document_published_at(&self, path: &str) -> Option<String> {
            match path.trim_end_matches('/') {
                "docs/guide/x" => Some("@/docs-guide-x.md".into()),
                "docs/guide/y" => Some("@/docs-guide-y.md".into()),
                "faq" => Some("@/faq.md".into()),
                _ => None,
            }
        }
        fn copied_from(&self, source: &str) -> Option<String> {
            match source {
                "docs/guide/chart.png" => Some(source.into()),
                "_guides/map.png" => Some("guides/map.png".into()),
                _ => None,
            }
        }
        fn copies(&self, path: &str) -> bool {
            path == "docs/guide/chart.png" || path == "guides/map.png"
        }
        fn bundle_file_published_at(&self, path: &str) -> Option<String> {
            (path == "garden/photo.png").then(|| "/posts/garden/photo.png".into())
        }
        fn copies_beside(&self, source: &str) -> bool {
            source == "content/posts/bundle/images/cover.jpg"
        }
        fn resource(&self, path: &str) -> Option<String> {
            (path == "images/cover.jpg").then(|| path.into())
        }
        fn base_path(&self) -> &str {
            ""
        }
    }

    /// The same site published under `/myblog/` (a project's GitHub Pages).
    struct UnderBase;
    impl Places for UnderBase {
        fn document_at(&self, source: &str) -> Option<String> {
            Old.document_at(source)
        }
        fn document_published_at(&self, path: &str) -> Option<String> {
            Old.document_published_at(path)
        }
        fn copied_from(&self, source: &str) -> Option<String> {
            Old.copied_from(source)
        }
        fn copies(&self, path: &str) -> bool {
            Old.copies(path)
        }
        fn bundle_file_published_at(&self, path: &str) -> Option<String> {
            Old.bundle_file_published_at(path)
        }
        fn copies_beside(&self, source: &str) -> bool {
            Old.copies_beside(source)
        }
        fn resource(&self, path: &str) -> Option<String> {
            Old.resource(path)
        }
        fn base_path(&self) -> &str {
            "/myblog"
        }
    }

    #[test]
    fn raw_html_site_paths_are_read_as_markdown_links_are() {
        let text = "<figure>\n  <img\n    src=\"/myblog/docs/guide/chart.png\" alt=\"c\"\n    \
                    srcset=\"/myblog/docs/guide/chart.png 1x, /myblog/docs/guide/chart@2x.png 2x\">\n</figure>\n\n\
                    See <a href=\"/myblog/faq/\">the FAQ</a> or <a href=\"//cdn.e.org/x\">x</a> and [<b>y</b>](y.md).\n\n\
                    <img src=\"./chart.png\"> <a href=\"../y/#top\">y</a> <a href=\"#h\">h</a> <a href=\"none.html\">n</a>\n";
        let (out, count) = relink(text, "docs/guide/x.md", "/myblog/docs/guide/x/", &UnderBase);
        assert_eq!(
            out,
            "<figure>\n  <img\n    src=\"/docs/guide/chart.png\" alt=\"c\"\n    \
             srcset=\"/docs/guide/chart.png 1x, /docs/guide/chart@2x.png 2x\">\n</figure>\n\n\
             See <a href=\"@/faq.md\">the FAQ</a> or <a href=\"//cdn.e.org/x\">x</a> and [<b>y</b>](@/docs-guide-y.md).\n\n\
             <img src=\"/docs/guide/chart.png\"> <a href=\"@/docs-guide-y.md#top\">y</a> <a href=\"#h\">h</a> \
             <a href=\"none.html\">n</a>\n"
        );
        assert_eq!(count, 7);
    }

    #[test]
    fn site_paths_of_the_old_site_reach_documents_and_lose_the_old_base_path() {
        let text = "[F](/faq/#q) [X](/docs/guide/x/) [A](/about/) [root](/) [far](//cdn.e.org/x)";
        let (out, count) = relink(text, "a.md", "/a/", &Old);
        assert_eq!(out, "[F](@/faq.md#q) [X](@/docs-guide-x.md) [A](/about/) [root](/) [far](//cdn.e.org/x)");
        assert_eq!(count, 2);
        let text =
            "[F](/myblog/faq/) [img](/myblog/docs/guide/chart.png) [home](/myblog) [other](/myblogger/x) [A](/about/)";
        let (out, count) = relink(text, "a.md", "/myblog/a/", &UnderBase);
        assert_eq!(out, "[F](@/faq.md) [img](/docs/guide/chart.png) [home](/) [other](/myblogger/x) [A](/about/)");
        assert_eq!(count, 3);
    }

    #[test]
    fn relative_links_are_read_as_the_old_site_read_them() {
        let text = "See [Y](y.md), [Y](../y/#top), [FAQ](../../../faq/ \"t\"), ![c](chart.png), \
                    [ext](https://e.org/x), [abs](/about/), [here](#h), [mail](mailto:a@b.c), \
                    [gone](nowhere.md), [esc](<y.md>).\n\n    [code](y.md)\n\n[r]: y.md#part\n\nA [ref][r].\n";
        let (out, count) = relink(text, "docs/guide/x.md", "/docs/guide/x/", &Old);
        assert_eq!(
            out,
            "See [Y](@/docs-guide-y.md), [Y](@/docs-guide-y.md#top), [FAQ](@/faq.md \"t\"), \
             ![c](/docs/guide/chart.png), [ext](https://e.org/x), [abs](/about/), [here](#h), \
             [mail](mailto:a@b.c), [gone](nowhere.md), [esc](<@/docs-guide-y.md>).\n\n    [code](y.md)\n\n\
             [r]: @/docs-guide-y.md#part\n\nA [ref][r].\n"
        );
        assert_eq!(count, 6);
    }

    /// A file copied from a folder it is not published at is linked where it is published;
    /// a path that reaches nothing else is read as a global resource, the last fallback of
    /// Hugo's `figure` shortcode and of themes' image hooks.
    #[test]
    fn copies_are_linked_where_published_and_global_resources_last() {
        let (out, count) = relink("![m](map.png) [up](../map.png)", "_guides/intro.md", "/guides/intro/", &Old);
        assert_eq!((out.as_str(), count), ("![m](/guides/map.png) [up](/guides/map.png)", 2));
        let text = "![c](images/cover.jpg) ![d](./images/cover.jpg#x) ![n](images/none.jpg) ![y](y.md)";
        let (out, count) = relink(text, "docs/guide/x.md", "/docs/guide/x/", &Old);
        assert_eq!(
            out,
            "![c](/images/cover.jpg) ![d](/images/cover.jpg#x) ![n](images/none.jpg) ![y](@/docs-guide-y.md)"
        );
        assert_eq!(count, 3);
        // A moved bundle's file, at its page's old URL: where its page now is.
        let text = "![p](/garden/photo.png) <img src=\"/garden/photo.png\"> [p](../../garden/photo.png#x)";
        let (out, count) = relink(text, "content/posts/garden/index.md", "/a/b/", &Old);
        let new = "/posts/garden/photo.png";
        assert_eq!(out, format!("![p]({new}) <img src=\"{new}\"> [p]({new}#x)"));
        assert_eq!(count, 3);
        // A bundle's own `images/cover.jpg` is the one its page shows.
        let (out, count) = relink("![c](images/cover.jpg)", "content/posts/bundle/index.md", "/posts/bundle/", &Old);
        assert_eq!((out.as_str(), count), ("![c](images/cover.jpg)", 0));
    }

    #[test]
    fn a_destination_written_with_entities_or_escapes_is_rewritten_whole() {
        // opensource.guide's French articles: the parser gives `#rédaction`, the text holds
        // `#r&eacute;daction`, and the link was left to fail the build.
        let text = "[a](../y/#r&eacute;daction) [b](<y.md#l&#39;id>) [c](y.md#a\\(1\\) \"t\") after)\n";
        let (out, count) = relink(text, "docs/guide/x.md", "/docs/guide/x/", &Old);
        assert_eq!(
            out,
            "[a](@/docs-guide-y.md#rédaction) [b](<@/docs-guide-y.md#l'id>) [c](@/docs-guide-y.md#a\\(1\\) \"t\") after)\n"
        );
        assert_eq!(count, 3);
    }

    #[test]
    fn definitions_written_with_entities_or_escapes_and_new_paths_with_spaces_are_written_whole() {
        let text = "[r]: ../y/#r&eacute;d\n[s]:\n  <y.md#a\\_b> 'T'\n\n[r] [s] [c](y.md \"T\")\n";
        let to = |dest: &str| dest.contains("y").then(|| "/the assets/y (1).png".to_string());
        let (out, count) = rewrite(text, &to, &|_| None);
        assert_eq!(
            out,
            "[r]: </the assets/y (1).png>\n[s]:\n  </the assets/y (1).png> 'T'\n\n[r] [s] [c](</the assets/y (1).png> \"T\")\n"
        );
        assert_eq!(count, 3);
    }

    #[test]
    fn a_call_as_a_target_keeps_a_title_written_after_it_empty_or_not() {
        let calls = |dest: &str| dest.contains("{{%");
        for (text, out) in [
            ("[a](<{{%x%}}>\"t\")", "[a](# \"t\")"),
            ("[a](<{{%x%}}> \"\")", "[a](# \"\")"),
            ("[a]({{%x%}} (t))", "[a](# (t))"),
            ("[r]: {{%a\\_b%}}\n\n[r]", "[r]: # \"{{%a_b%}}\"\n\n[r]"),
        ] {
            assert_eq!(emptied(text, &calls), (out.to_string(), 1), "{text}");
        }
    }

    #[test]
    fn a_link_around_an_image_and_code_or_titles_that_look_like_links_are_rewritten_once_each() {
        let text = "[![a](chart.png)](<chart.png>) [![b](y.md)]( y.md) [`x](y.md`](<y.md>) [T](y.md \"go ](y.md\")";
        let (out, count) = relink(text, "docs/guide/x.md", "/docs/guide/x/", &Old);
        assert_eq!(
            out,
            "[![a](/docs/guide/chart.png)](</docs/guide/chart.png>) [![b](@/docs-guide-y.md)]( @/docs-guide-y.md) \
             [`x](y.md`](<@/docs-guide-y.md>) [T](@/docs-guide-y.md \"go ](y.md\")"
        );
        assert_eq!(count, 6);
    }

    #[test]
    fn a_post_reads_links_from_its_dated_url() {
        // From /2020/01/06/next/, four levels up is the site's root.
        let text = "Read the [guide](../../../../docs/guide/x/) and [hello again](2020-01-05-hello.md).";
        let (out, _) = relink(text, "_posts/2020-01-06-next.md", "/2020/01/06/next/", &Old);
        assert_eq!(out, "Read the [guide](@/docs-guide-x.md) and [hello again](@/posts/hello.md).");
        // Above the site's root, or an `.html` page's folder: nothing to reach, left as is.
        let (out, count) = relink("[up](../../../../../x/)", "a.md", "/a.html", &Old);
        assert_eq!((out.as_str(), count), ("[up](../../../../../x/)", 0));
    }
}
