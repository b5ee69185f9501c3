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
    let calls = template_calls(text);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for run in prose_runs(text, false) {
        for (at, www) in urls_in(text, run) {
            if calls.iter().any(|call| call.contains(&at.start)) {
                continue;
            }
            let url = &text[at.clone()];
            let written = if www { format!("<{protocol}://{url}>") } else { format!("<{url}>") };
            edits.push((at, written));
        }
    }
    let count = edits.len();
    let mut out = text.to_string();
    for (at, new) in edits.into_iter().rev() {
        out.replace_range(at, &new);
    }
    (out, count)
}

/// Where `text` calls its templates (`{{ … }}`, `{{< … >}}`, `{% … %}`), which the old
/// generator ran before its Markdown, so no URL in them was ever linked; a call left
/// open runs to the end.
pub(super) fn template_calls(text: &str) -> Vec<Range<usize>> {
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| from + i) {
        let close = match text.as_bytes().get(open + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                from = open + 1;
                continue;
            }
        };
        let end = text[open + 2..].find(close).map_or(text.len(), |e| open + 2 + e + close.len());
        calls.push(open..end);
        from = end;
    }
    calls
}

/// The source ranges of the prose a bare URL may stand in: runs of text outside links
/// (unless `link_text`: then a Markdown link's text is prose too), images, code and HTML
/// (an `<a>` written in HTML included).
pub(super) fn prose_runs(text: &str, link_text: bool) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let (mut code, mut html_link) = (false, false);
    // Each link (false) and image (true) the text is in.
    let mut open: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(text, crate::markdown::options()).into_offset_iter() {
        let linked = if link_text { open.contains(&true) } else { !open.is_empty() };
        match event {
            Event::Start(Tag::Link { .. }) => open.push(false),
            Event::Start(Tag::Image { .. }) => open.push(true),
            Event::End(TagEnd::Link | TagEnd::Image) => _ = open.pop(),
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => code = true,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => code = false,
            Event::InlineHtml(tag) => {
                let tag = tag.trim_start_matches('<').to_ascii_lowercase();
                let after_a = tag.strip_prefix('a').and_then(|rest| rest.chars().next());
                if after_a.is_some_and(|c| c == '>' || c.is_whitespace()) {
                    html_link = true;
                } else if tag.starts_with("/a") {
                    html_link = false;
                }
            }
            Event::Text(_) if !linked && !code && !html_link => match runs.last_mut() {
                // pulldown-cmark splits a run of text where a delimiter did not open.
                Some(last) if last.end == range.start => last.end = range.end,
                _ => runs.push(range),
            },
            _ => {}
        }
    }
    runs
}

/// The range in `text` of each bare URL in its prose `run`, and whether it is a `www.`
/// one without a scheme. A URL starts a word (after a space, a line's start, `*`, `_`,
/// `~` or `(`), has a host with a dot, and runs over the ASCII characters goldmark's
/// rule allows (not `<`, `>`, `|`, `\`, a space or any other character), without the
/// punctuation that ends its sentence or an unmatched `)`.
fn urls_in(text: &str, run: Range<usize>) -> Vec<(Range<usize>, bool)> {
    let in_url = |c: char| c.is_ascii_alphanumeric() || "-@:%_+.~#!?&/=();,'\"^{}[]".contains(c);
    let mut urls = Vec::new();
    let mut at = run.start;
    while at < run.end {
        let rest = &text[at..run.end];
        let starts_word = text[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || "*_~(".contains(c));
        let www = starts_with_ascii_case(rest, "www.");
        let scheme = ["https://", "http://", "ftp://"].into_iter().find(|s| starts_with_ascii_case(rest, s));
        if starts_word && (www || scheme.is_some()) {
            let mut end = at;
            for (i, c) in rest.char_indices() {
                if !in_url(c) || rest[i..].starts_with("{{") || rest[i..].starts_with("{%") {
                    break;
                }
                end = at + i + c.len_utf8();
            }
            let end = at + trimmed(&text[at..end]);
            // goldmark wants a dot after `www.` too (`www.example` stays text).
            let host_from = at + scheme.map_or(4, str::len);
            if end > host_from && valid_host(&text[host_from..end]) {
                urls.push((at..end, scheme.is_none()));
                at = end;
                continue;
            }
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    urls
}

fn starts_with_ascii_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
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
        // A URL ends where goldmark's characters do: before other scripts' punctuation,
        // a template call, `>` or `|`.
        assert_eq!(linked("见 https://example.com/foo，这是中文。"), "见 <https://example.com/foo>，这是中文。");
        assert_eq!(
            linked("Share https://x.example/?u={{ page.url }} now"),
            "Share <https://x.example/?u=>{{ page.url }} now"
        );
        assert_eq!(linked("Gt https://x.example/a>b"), "Gt <https://x.example/a>>b");
        // Between a shortcode's tags is Markdown, which Hugo linked.
        assert_eq!(
            linked("{{% s %}}see https://x.example/p{{% /s %}}"),
            "{{% s %}}see <https://x.example/p>{{% /s %}}"
        );
    }

    #[test]
    fn a_www_without_a_host_is_no_url() {
        for kept in ["Visit www. for more.", "www..", "(see www.)", "https://.", "http://)"] {
            assert_eq!(linked(kept), kept);
        }
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
            "{{< note title=\"*Photo* by https://x.example/p\" >}}",
            "{{< s\n  https://x.example/m\n>}}",
            "<span>www.example.com</span> and `code`https://x.example",
            "Text <a\n  href=\"https://x.example/ml\">https://x.example/ml</a>",
            "no host: https://localhost and www.example and https://x_y.example_z and http://10.0.0.1/",
            "mid-word: xhttps://x.example and awww.x.example",
            "[ref]: https://x.example\n",
        ] {
            assert_eq!(linked(kept), kept);
        }
    }
}
