//! Hugo's Markdown (goldmark with its `linkify` extension, on by default) and markdown-it
//! with `linkify: true` (Eleventy sites' usual setting) made a link of every bare URL in a
//! page's text; careerpress's Markdown shows one as text. The import writes each as an
//! autolink (`<https://…>`), so the page keeps its links.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// `text` with each bare URL of its prose (`https://…`, `http://…`, `ftp://…`, and
/// `www.…`, given `protocol` as Hugo's `linkifyProtocol` does) written as an autolink,
/// and how many were. Code, links, raw HTML and template calls (`{{< x url="…" >}}`,
/// which Hugo ran before its Markdown) are left as they are.
pub fn autolinks(text: &str, protocol: &str) -> (String, usize) {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for run in prose_runs(text) {
        find_urls(&text[run.clone()], |found, www| {
            let at = run.start + found.start..run.start + found.end;
            let url = &text[at.clone()];
            let written = if www { format!("<{protocol}://{url}>") } else { format!("<{url}>") };
            edits.push((at, written));
        });
    }
    let count = edits.len();
    let mut out = text.to_string();
    for (at, new) in edits.into_iter().rev() {
        out.replace_range(at, &new);
    }
    (out, count)
}

/// The source ranges of the prose a bare URL may stand in: runs of text outside links,
/// images, code and HTML (an `<a>` written in HTML included).
fn prose_runs(text: &str) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let (mut linked, mut code, mut html_link) = (0usize, false, false);
    for (event, range) in Parser::new_ext(text, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => linked += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => linked = linked.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => code = true,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => code = false,
            Event::InlineHtml(tag) => {
                let tag = tag.trim_start_matches('<').to_ascii_lowercase();
                if tag.starts_with("a ") || tag.starts_with("a>") {
                    html_link = true;
                } else if tag.starts_with("/a") {
                    html_link = false;
                }
            }
            Event::Text(_) if linked == 0 && !code && !html_link => match runs.last_mut() {
                // pulldown-cmark splits a run of text where a delimiter did not open.
                Some(last) if last.end == range.start => last.end = range.end,
                _ => runs.push(range),
            },
            _ => {}
        }
    }
    runs
}

/// Calls `found` with the range of each bare URL in `prose`, and whether it is a
/// `www.` one without a scheme. A URL starts a word (or follows `*`, `_`, `~` or `(`),
/// has a host with a dot, and ends at a space or `<`, without the punctuation that ends
/// its sentence or an unmatched `)`, as GitHub's and goldmark's rules read it.
fn find_urls(prose: &str, mut found: impl FnMut(Range<usize>, bool)) {
    let lower = prose.to_ascii_lowercase();
    let mut braces = 0usize;
    let mut at = 0;
    while at < prose.len() {
        let rest = &lower[at..];
        if rest.starts_with("{{") {
            braces += 1;
        } else if rest.starts_with("}}") {
            braces = braces.saturating_sub(1);
        }
        let starts_word = prose[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || "*_~(".contains(c));
        let www = rest.starts_with("www.");
        let scheme = ["https://", "http://", "ftp://"].into_iter().find(|s| rest.starts_with(s));
        if braces == 0 && starts_word && (www || scheme.is_some()) {
            let end = prose[at..].find(|c: char| c.is_whitespace() || c == '<').map_or(prose.len(), |e| at + e);
            let end = at + trimmed(&prose[at..end]);
            // goldmark wants a dot after `www.` too (`www.example` stays text).
            let host_from = at + scheme.map_or(4, str::len);
            if valid_host(&prose[host_from..end]) {
                found(at..end, scheme.is_none());
                at = end;
                continue;
            }
        }
        at += prose[at..].chars().next().map_or(1, char::len_utf8);
    }
}

/// The length of `url` without what ends the sentence around it: `?!.,:*_~'"` at its
/// end, a `)` that closes nothing of its own, an entity such as `&amp;`.
fn trimmed(url: &str) -> usize {
    let mut end = url.len();
    loop {
        let kept = &url[..end];
        let Some(last) = kept.chars().next_back() else { return 0 };
        let unmatched = last == ')' && kept.matches(')').count() > kept.matches('(').count();
        if "?!.,:*_~'\"".contains(last) || unmatched {
            end -= 1;
        } else if last == ';' {
            let amp = kept.rfind('&').filter(|&a| kept[a + 1..end - 1].chars().all(|c| c.is_ascii_alphanumeric()));
            match amp {
                Some(amp) if amp + 2 < end => end = amp,
                _ => return end,
            }
        } else {
            return end;
        }
    }
}

/// Whether `url` (from its host on) has a host of names joined by dots, the last two
/// without `_`, as GitHub's autolinks require.
fn valid_host(url: &str) -> bool {
    let host = url.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    let names: Vec<&str> = host.split('.').collect();
    names.len() >= 2
        && names.iter().all(|n| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_'))
        && names.iter().rev().take(2).all(|n| !n.contains('_'))
        && names.last().is_some_and(|tld| tld.starts_with(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linked(text: &str) -> String {
        autolinks(text, "https").0
    }

    #[test]
    fn bare_urls_in_prose_become_autolinks() {
        assert_eq!(linked("See https://example.com/jobs."), "See <https://example.com/jobs>.");
        assert_eq!(linked("Try www.example.org/a?b=1!"), "Try <https://www.example.org/a?b=1>!");
        assert_eq!(linked("(at http://x.example/a_(b))"), "(at <http://x.example/a_(b)>)");
        assert_eq!(linked("a https://x.example/?a=1&amp; b"), "a <https://x.example/?a=1>&amp; b");
        assert_eq!(linked("*https://x.example*"), "*<https://x.example>*");
        assert_eq!(linked("- one\n- ftp://files.example/cv.pdf\n"), "- one\n- <ftp://files.example/cv.pdf>\n");
        assert_eq!(linked("HTTPS://X.EXAMPLE/A"), "<HTTPS://X.EXAMPLE/A>");
        let (_, count) = autolinks("two: https://a.example and https://b.example/x_y", "https");
        assert_eq!(count, 2);
    }

    #[test]
    fn urls_already_linked_or_in_code_stay_as_they_are() {
        for kept in [
            "[a](https://x.example) and <https://y.example>",
            "`https://x.example` in code",
            "```\nhttps://x.example\n```\n",
            "    https://indented.example\n",
            "<a href=\"https://x.example\">https://x.example</a>",
            "<div>\nhttps://x.example\n</div>\n",
            "{{< tweet url=\"https://x.example/1\" >}}",
            "no host: https://localhost and www.example and https://x_y.example_z and http://10.0.0.1/",
            "mid-word: xhttps://x.example and awww.x.example",
            "[ref]: https://x.example\n",
        ] {
            assert_eq!(linked(kept), kept);
        }
    }
}
