//! kramdown's extensions in a Jekyll body: `{::comment}…{:/comment}`, `{::nomarkdown}…{:/}`
//! and `{::options … /}`, and span attributes (`[x](u){:target="_blank"}`), which kramdown
//! read as instructions and careerpress's Markdown would print as text, comments and all. A comment goes with its text, as kramdown never
//! showed it; nomarkdown's HTML stays as raw HTML; options go. Each replacement keeps the
//! lines it replaces, so tags listed as left keep their line numbers.

use super::body::Converted;

/// One extension's start tag: `{::name attributes}`, or `{::name attributes /}` with no body.
struct Start<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    attributes: &'a str,
    empty: bool,
}

/// The extensions kramdown knows; another name was text to kramdown as well.
const NAMES: [&str; 3] = ["comment", "nomarkdown", "options"];

/// `body` with each extension outside code (`markdown::CodeRanges`) replaced; one without
/// its stop tag, or a nomarkdown body that is not HTML, is left and listed with its line.
pub fn convert(body: &str) -> Converted {
    let mut out = Converted::default();
    if !body.contains("{::") {
        out.text = body.to_string();
        return out;
    }
    let code = crate::markdown::CodeRanges::of(body);
    let mut text = String::with_capacity(body.len());
    let (mut copied, mut from) = (0, 0);
    while let Some(found) = body[from..].find("{::") {
        let at = from + found;
        from = at + 3;
        let Some(tag) = start_tag(body, at).filter(|_| !code.contains(at)) else { continue };
        let block = alone_on_line(body, tag.start, tag.end);
        let (inner, end) = if tag.empty { ("", tag.end) } else { stop_tag(body, &tag, block).unwrap_or(("", 0)) };
        if end == 0 {
            out.left.push((line_of(body, at), body[at..tag.end].to_string()));
            continue;
        }
        let Some((replacement, what)) = replace(&tag, inner, block) else {
            out.left.push((line_of(body, at), body[at..tag.end].to_string()));
            continue;
        };
        if !out.done.contains(&what) {
            out.done.push(what);
        }
        text.push_str(&body[copied..at]);
        text.push_str(&replacement);
        (copied, from) = (end, end);
    }
    text.push_str(&body[copied..]);
    out.text = text;
    out
}

/// [`convert`] over a body whose Liquid tags are converted (a `{% highlight %}` is fenced
/// code by then, which leaves what it holds alone): a tag listed as left that a comment
/// took away is listed no more, since Jekyll ran it only for kramdown to hide its output.
pub fn apply(converted: &mut Converted) {
    if let Some(text) = without_span_attributes(&converted.text) {
        converted.text = text;
        converted.done.push("kramdown's span attributes ({:target=\"_blank\"} after a link) removed".into());
    }
    let extensions = convert(&converted.text);
    if extensions.done.is_empty() && extensions.left.is_empty() {
        return;
    }
    let lines: Vec<&str> = extensions.text.lines().collect();
    converted.left.retain(|(line, tag)| {
        let first = tag.lines().next().unwrap_or_default();
        lines.get(line.saturating_sub(1)).is_some_and(|l| l.contains(first))
    });
    converted.left.extend(extensions.left);
    converted.left.sort_by_key(|(line, _)| *line);
    converted.done.extend(extensions.done);
    converted.text = extensions.text;
}

/// `body` without kramdown's span attribute lists, which stand right after a link, an image,
/// emphasis or a code span (`[x](u){:target="_blank"}`, `*x*{: .big}`) and which
/// careerpress's Markdown prints as text; None when it has none outside code. Each goes
/// within its line, so line numbers stay.
fn without_span_attributes(body: &str) -> Option<String> {
    if !body.contains("{:") {
        return None;
    }
    let code = crate::markdown::CodeRanges::of(body);
    let mut out = String::with_capacity(body.len());
    let (mut copied, mut from) = (0, 0);
    while let Some(found) = body[from..].find("{:") {
        let at = from + found;
        from = at + 2;
        let after_span = matches!(body[..at].chars().next_back(), Some(')' | ']' | '*' | '_' | '`'));
        // Raw HTML's `<pre>` is code kramdown reads nothing in (`send(pid){:ok, 1}`).
        let in_pre = body[..at].matches("<pre").count() > body[..at].matches("</pre>").count();
        if !after_span || in_pre || body[at..].starts_with("{::") || code.contains(at) {
            continue;
        }
        let Some(len) =
            body[at + 1..].find(['}', '\n', '{']).map(|len| len + 1).filter(|&len| body[at + len..].starts_with('}'))
        else {
            continue;
        };
        out.push_str(&body[copied..at]);
        (copied, from) = (at + len + 1, at + len + 1);
    }
    (copied > 0).then(|| out + &body[copied..])
}

fn line_of(body: &str, at: usize) -> usize {
    body[..at].matches('\n').count() + 1
}

/// The start tag at `at` (which holds `{::`), as kramdown reads one: a name of word
/// characters, then attributes after a space, then `/` for one without a body.
fn start_tag(body: &str, at: usize) -> Option<Start<'_>> {
    let rest = &body[at + 3..];
    let name_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    let name = &rest[..name_len];
    if !NAMES.contains(&name) {
        return None;
    }
    let after = &rest[name_len..];
    if !(after.starts_with('}') || after.starts_with([' ', '\t', '/'])) {
        return None;
    }
    let close = after.find('}')?;
    let inside = after[..close].trim();
    let (attributes, empty) = match inside.strip_suffix('/') {
        Some(attributes) => (attributes.trim(), true),
        None => (inside, false),
    };
    let end = at + 3 + name_len + close + 1;
    Some(Start { start: at, end, name, attributes, empty })
}

/// Whether `body[start..end]` stands alone on its line (after at most three spaces), where
/// kramdown reads it as a block and looks for its stop tag on a line of its own.
fn alone_on_line(body: &str, start: usize, end: usize) -> bool {
    let line_start = body[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &body[line_start..start];
    let after = body[end..].split('\n').next().unwrap_or("");
    before.len() <= 3 && before.bytes().all(|b| b == b' ') && after.trim().is_empty()
}

/// The body of `tag` up to its stop tag (`{:/name}` or `{:/}`; for a block, on a line of
/// its own), and where the stop tag ends.
fn stop_tag<'a>(body: &'a str, tag: &Start<'_>, block: bool) -> Option<(&'a str, usize)> {
    let stops = [format!("{{:/{}}}", tag.name), "{:/}".to_string()];
    let mut from = tag.end;
    loop {
        let (found, stop) =
            stops.iter().filter_map(|s| body[from..].find(s.as_str()).map(|i| (from + i, s.len()))).min()?;
        if !block || alone_on_line(body, found, found + stop) {
            return Some((&body[tag.end..found], found + stop));
        }
        from = found + stop;
    }
}

/// What stands for one extension with its body, and the report's note; None leaves it.
fn replace(tag: &Start<'_>, inner: &str, block: bool) -> Option<(String, String)> {
    let lines_of = |text: &str| "\n".repeat(text.matches('\n').count());
    match tag.name {
        "nomarkdown" if !for_html(tag.attributes) => Some((
            lines_of(inner),
            "kramdown's {::nomarkdown} for another output than HTML removed, as kramdown's HTML had none".into(),
        )),
        "nomarkdown" if !block => Some((inner.to_string(), "kramdown's {::nomarkdown} → raw HTML".into())),
        "nomarkdown" => raw_block(inner).map(|html| (html, "kramdown's {::nomarkdown} → raw HTML".into())),
        "options" => Some((lines_of(inner), "kramdown's {::options} removed: careerpress's Markdown has none".into())),
        _ => {
            Some((lines_of(inner), "kramdown's {::comment} removed with its text, as kramdown never showed it".into()))
        }
    }
}

/// Whether a nomarkdown's `type` attribute (space-separated converters) names HTML's, or
/// is not given, as kramdown's HTML converter reads it.
fn for_html(attributes: &str) -> bool {
    let Some(at) = attributes.find("type=") else { return true };
    let value = attributes[at + 5..].trim_start_matches(['"', '\'']);
    let value = value.split(['"', '\'']).next().unwrap_or("");
    value.trim().is_empty() || value.split_whitespace().any(|t| t == "html")
}

/// A block's lines as one raw HTML block: its own line ends kept, and each blank line
/// made an empty comment, which ends no HTML block as a blank line does (in `<script>`,
/// `<style>` and `<textarea>`, which the blank line ends nothing in, it stays). None when
/// the text does not start as HTML, which careerpress would read as Markdown.
fn raw_block(inner: &str) -> Option<String> {
    let parts: Vec<&str> = inner.split('\n').collect();
    let content = &parts[1..parts.len().saturating_sub(1).max(1)];
    if !content.iter().find(|l| !l.trim().is_empty()).is_none_or(|l| l.trim_start().starts_with('<')) {
        return None;
    }
    let mut raw_text = false;
    let mut lines = vec![parts[0].to_string()];
    for line in content {
        let lower = line.to_ascii_lowercase();
        let blank = line.trim().is_empty();
        lines.push(if blank && !raw_text {
            format!("<!---->{}", if line.ends_with('\r') { "\r" } else { "" })
        } else {
            line.to_string()
        });
        let opens = ["<script", "<style", "<textarea"].iter().any(|t| lower.contains(t));
        let closes = ["</script", "</style", "</textarea"].iter().any(|t| lower.contains(t));
        raw_text = (raw_text || opens) && !closes;
    }
    if parts.len() > 1 {
        lines.push(parts[parts.len() - 1].to_string());
    }
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_attributes_after_links_and_emphasis_go() {
        let body = "[site](https://x.io){:target=\"_blank\"} and ![a](p.png){: width=\"50%\"} *big*{: .x}.\n\n\
                    `code`{:.language-ruby} (aside){: .note} text {: .kept} and {:not closed\n\n```\n[x](y){:k}\n```\n";
        assert_eq!(
            without_span_attributes(body).as_deref(),
            Some(
                "[site](https://x.io) and ![a](p.png) *big*.\n\n`code` (aside) text {: .kept} and {:not closed\n\n\
                 ```\n[x](y){:k}\n```\n"
            )
        );
        assert_eq!(without_span_attributes("plain {: .x} text"), None);
        assert_eq!(without_span_attributes("<pre>\nsend(pid){:ok, 1}\n</pre>\n"), None);
        assert_eq!(without_span_attributes("{::comment}x{:/comment}"), None);
    }

    #[test]
    fn comments_go_with_their_text_and_keep_their_lines() {
        let body = "Public.\n\n{::comment}\nEditor's note.\n{:/comment}\n\nSee {::comment}hidden{:/} this.\n\n{::comment /}\n\n  {::comment}\nx\n{:/}\nEnd {% include x.html %}\n";
        let c = convert(body);
        assert_eq!(c.text, "Public.\n\n\n\n\n\nSee  this.\n\n\n\n  \n\n\nEnd {% include x.html %}\n");
        assert_eq!(c.text.lines().count(), body.lines().count());
        assert_eq!(c.done.len(), 1, "{:?}", c.done);
        assert!(c.left.is_empty(), "{:?}", c.left);
    }

    #[test]
    fn nomarkdown_keeps_its_html_raw_over_blank_lines() {
        let body = "A\n\n{::nomarkdown}\n<div class=\"x\">\n\n<p>*not emphasis*</p>\n</div>\n{:/nomarkdown}\n\nInline {::nomarkdown}<b>b</b>{:/} too.\n";
        let c = convert(body);
        assert_eq!(
            c.text,
            "A\n\n\n<div class=\"x\">\n<!---->\n<p>*not emphasis*</p>\n</div>\n\n\nInline <b>b</b> too.\n"
        );
        // In a script a blank line is kept: it ends no block there.
        let script = "{::nomarkdown}\n<script>\nlet a = 1;\n\nlet b = 2;\n</script>\n\n<p>x</p>\n{:/}\n";
        assert_eq!(convert(script).text, "\n<script>\nlet a = 1;\n\nlet b = 2;\n</script>\n<!---->\n<p>x</p>\n\n");
    }

    #[test]
    fn other_outputs_options_and_what_cannot_be_read_are_told_apart() {
        let c = convert("{::nomarkdown type=\"latex\"}\n\\newpage\n{:/}\n{::options parse_block_html=\"true\" /}\nx\n");
        assert_eq!(c.text, "\n\n\n\nx\n");
        assert_eq!(c.done.len(), 2, "{:?}", c.done);
        // Text that is not HTML, and a start without its stop, are left for a person.
        let c = convert("a\n{::nomarkdown}\n\\LaTeX\n{:/}\n{::comment}\nnever closed\n");
        assert_eq!(c.text, "a\n{::nomarkdown}\n\\LaTeX\n{:/}\n{::comment}\nnever closed\n");
        assert_eq!(c.left, [(2, "{::nomarkdown}".to_string()), (5, "{::comment}".to_string())]);
    }

    #[test]
    fn code_and_other_braces_are_left_alone() {
        let body = "```\n{::comment}\nshown\n{:/comment}\n```\n\nWrite `{::comment}x{:/}` or {::commentary}{:/} or {:/}.\n\n    {::comment /}\n";
        let c = convert(body);
        assert_eq!(c.text, body);
        assert!(c.done.is_empty() && c.left.is_empty());
        // A block's stop tag is the first on a line of its own.
        let c = convert("{::comment}\nWrite {:/} to close.\n{:/comment}\nafter\n");
        assert_eq!(c.text, "\n\n\nafter\n");
    }
}
