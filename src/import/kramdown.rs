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

/// `body` with each extension outside code (`markdown::Regions`) replaced; one without
/// its stop tag, or a nomarkdown body that is not HTML, is left and listed with its line.
pub fn convert(body: &str) -> Converted {
    let mut out = Converted::default();
    if !body.contains("{::") {
        out.text = body.to_string();
        return out;
    }
    let code = crate::markdown::Regions::of(body);
    let mut text = String::with_capacity(body.len());
    let (mut copied, mut from) = (0, 0);
    while let Some(found) = body[from..].find("{::") {
        let at = from + found;
        from = at + 3;
        let Some(tag) = start_tag(body, at).filter(|_| !code.in_code(at)) else { continue };
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
pub fn apply(converted: &mut Converted, block_markdown: bool) {
    // `{::options parse_block_html="true" /}` says it for one body, as the site's
    // `kramdown: parse_block_html` says it for all.
    let block_markdown = block_markdown || block_markdown_option(&converted.text);
    if let Some(text) = without_span_attributes(&converted.text) {
        converted.text = text;
        converted.done.push("kramdown's span attributes ({:target=\"_blank\"} after a link) removed".into());
    }
    let extensions = convert(&converted.text);
    if extensions.done.is_empty() && extensions.left.is_empty() {
        apply_html_blocks(converted, block_markdown);
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
    apply_html_blocks(converted, block_markdown);
}

/// Whether a body's `{::options}` turns kramdown's `parse_block_html` on.
fn block_markdown_option(body: &str) -> bool {
    body.match_indices("{::options").any(|(at, _)| {
        let tag = &body[at..body[at..].find('}').map_or(body.len(), |end| at + end)];
        tag.contains("parse_block_html=\"true\"") || tag.contains("parse_block_html='true'")
    })
}

/// [`apply`]'s last step: kramdown's HTML blocks read as kramdown read them (see
/// [`html_blocks`]), the lines of tags listed as left moved with the lines added.
fn apply_html_blocks(converted: &mut Converted, block_markdown: bool) {
    let Some(blocks) = html_blocks(&converted.text, block_markdown) else { return };
    for (line, _) in &mut converted.left {
        *line = blocks.new_line.get(*line - 1).copied().unwrap_or(*line);
    }
    converted.text = blocks.text;
    if blocks.ended {
        converted.done.push(
            "kramdown's HTML blocks end at their closing tag: a blank line set after each one followed by \
             Markdown, and blank lines inside made empty comments, so the Markdown reads as kramdown read it"
                .into(),
        );
    }
    if blocks.markdown {
        converted.done.push("kramdown's markdown=\"1\" blocks: their Markdown set apart by blank lines".into());
    }
}

/// HTML blocks as kramdown read them, rewritten for careerpress's Markdown (CommonMark).
struct HtmlBlocks {
    text: String,
    /// The new line (from 1) of each line of the old text.
    new_line: Vec<usize>,
    /// A raw block's end or inner blank lines were changed.
    ended: bool,
    /// A `markdown="1"` block was opened up.
    markdown: bool,
}

/// CommonMark's block-level HTML tags whose block ends only at a blank line (its kind 6).
/// kramdown ends such a block at its closing tag, so Markdown on the very next line was
/// Markdown to kramdown and raw HTML to CommonMark, and a blank line inside ended it early.
const BLOCK_TAGS: [&str; 62] = [
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// Of [`BLOCK_TAGS`], those that have no closing tag.
const VOID_TAGS: [&str; 8] = ["base", "basefont", "col", "frame", "hr", "link", "param", "track"];

/// `body` with each HTML block kramdown read (a [`BLOCK_TAGS`] tag opening a line outside
/// code, to its closing tag) kept whole in CommonMark: a blank line after it where
/// Markdown follows at once, and each blank line inside (but in `<script>`, `<style>` and
/// `<textarea>`) an empty comment. A block with `markdown="1"` held Markdown to kramdown:
/// the attribute goes and blank lines set the Markdown apart from its tags. None when
/// nothing needs it.
fn html_blocks(body: &str, all_markdown: bool) -> Option<HtmlBlocks> {
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let mut scan = Scan {
        starts: lines.iter().scan(0, |at, l| Some(std::mem::replace(at, *at + l.len()))).collect(),
        lower: body.to_ascii_lowercase(),
        plan: vec![LinePlan::default(); lines.len()],
        lines,
        all_markdown,
        ended: false,
        markdown: false,
    };
    // An open fence (its character and length), and whether an HTML comment is open.
    let mut fence: Option<(u8, usize)> = None;
    let mut comment = false;
    let mut i = 0;
    while i < scan.lines.len() {
        let line = scan.lines[i];
        i += 1;
        if comment {
            comment = in_comment(line, true);
            continue;
        }
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let run = |c: u8| trimmed.bytes().take_while(|&b| b == c).count();
        if let Some((c, len)) = fence {
            let closes = indent <= 3 && run(c) >= len && trimmed.trim_start_matches(c as char).trim().is_empty();
            fence = (!closes).then_some((c, len));
            continue;
        }
        if let Some(c) = [b'`', b'~'].into_iter().find(|&c| indent <= 3 && run(c) >= 3) {
            fence = Some((c, run(c)));
            continue;
        }
        if indent <= 3 && trimmed.starts_with("<!--") {
            comment = in_comment(line, false);
            continue;
        }
        if let Some(name) = open_tag(line) {
            i = scan.block(i - 1, name).unwrap_or(i);
        }
    }
    (scan.ended || scan.markdown).then(|| write_plan(&scan.lines, &scan.plan, scan.ended, scan.markdown))
}

/// Whether an HTML comment is open after `line`, given whether one was before it.
fn in_comment(line: &str, mut open: bool) -> bool {
    let mut rest = line;
    loop {
        let (mark, now) = if open { ("-->", false) } else { ("<!--", true) };
        match rest.find(mark) {
            Some(at) => {
                rest = &rest[at + mark.len()..];
                open = now;
            }
            None => return open,
        }
    }
}

/// [`html_blocks`] under way: the body's lines, where each starts, and what is planned.
struct Scan<'a> {
    lines: Vec<&'a str>,
    starts: Vec<usize>,
    lower: String,
    plan: Vec<LinePlan>,
    /// kramdown's `parse_block_html`: every block held Markdown, as with `markdown="1"`.
    all_markdown: bool,
    ended: bool,
    markdown: bool,
}

impl Scan<'_> {
    /// Plans the block that `name`'s tag opens on line `open` (from 0); the line to look
    /// at next, or None for a block left alone (not closed, or text after its end).
    fn block(&mut self, open: usize, name: &str) -> Option<usize> {
        let trimmed = self.lines[open].trim_start_matches(' ');
        let open_at = self.starts[open] + (self.lines[open].len() - trimmed.len());
        let end = block_end(&self.lower, open_at, name)?;
        let last = self.starts.partition_point(|&s| s < end) - 1;
        if !self.lines[last][end - self.starts[last]..].trim().is_empty() {
            return None;
        }
        let opened = trimmed.find('>').filter(|&gt| trimmed[gt + 1..].trim().is_empty());
        let attribute = opened.and_then(|gt| markdown_attribute(&trimmed[..gt]));
        let close_alone = self.lines[last].trim_start().to_ascii_lowercase().starts_with(&format!("</{name}"));
        self.plan[last].blank_after = !self.blank(last + 1);
        let markdown = attribute.is_some() || (self.all_markdown && opened.is_some() && !VOID_TAGS.contains(&name));
        if markdown && close_alone && last > open {
            // HTML indented inside a block kramdown read as Markdown (`parse_block_html`)
            // was still HTML to it, and would be code once set apart: kept raw.
            let indented =
                (open + 1..last).any(|j| self.lines[j].starts_with("    ") || self.lines[j].starts_with('\t'));
            if attribute.is_some() || !indented {
                self.open_up(open, last, attribute);
                return Some(open + 1);
            }
        }
        self.keep_raw(open, last);
        Some(last + 1)
    }

    /// A block that held Markdown, from line `open` to line `last`: its Markdown set apart
    /// from its tags, and its `markdown` attribute taken out. Its lines are read on, for
    /// the blocks inside it.
    fn open_up(&mut self, open: usize, last: usize, attribute: Option<std::ops::Range<usize>>) {
        self.markdown = true;
        self.plan[open].without = attribute;
        self.plan[open].blank_after = !self.blank(open + 1);
        self.plan[last].blank_before = !self.blank(last - 1);
    }

    /// A raw block, from line `open` to line `last`: kept whole, each blank line inside
    /// an empty comment (dropped inside a comment, which `<!---->` would end; kept in
    /// `<script>`, `<style>` and `<textarea>`, which it ends nothing in).
    fn keep_raw(&mut self, open: usize, last: usize) {
        let (mut raw_text, mut comment) = (false, in_comment(self.lines[open], false));
        for j in open + 1..last {
            if self.blank(j) && !raw_text {
                self.plan[j].comment = !comment;
                self.plan[j].drop = comment;
                self.ended = true;
            }
            let inner = self.lines[j].to_ascii_lowercase();
            let opens = ["<script", "<style", "<textarea"].iter().any(|t| inner.contains(t));
            let closes = ["</script", "</style", "</textarea"].iter().any(|t| inner.contains(t));
            raw_text = (raw_text || opens) && !closes;
            comment = in_comment(self.lines[j], comment);
        }
        self.ended |= self.plan[last].blank_after;
    }

    fn blank(&self, i: usize) -> bool {
        self.lines.get(i).is_none_or(|l| l.trim().is_empty())
    }
}

/// What [`html_blocks`] does to one line.
#[derive(Clone, Default)]
struct LinePlan {
    /// The `markdown="…"` attribute to take out of it.
    without: Option<std::ops::Range<usize>>,
    blank_before: bool,
    blank_after: bool,
    /// A blank line made an empty comment.
    comment: bool,
    /// A blank line left out (inside a comment).
    drop: bool,
}

fn write_plan(lines: &[&str], plan: &[LinePlan], ended: bool, markdown: bool) -> HtmlBlocks {
    let mut text = String::new();
    let mut new_line = Vec::with_capacity(lines.len());
    let mut at = 1;
    for (line, plan) in lines.iter().zip(plan) {
        let end = if line.ends_with("\r\n") { "\r\n" } else { "\n" };
        if plan.blank_before {
            text.push_str(end);
            at += 1;
        }
        new_line.push(at);
        if plan.drop {
            continue;
        }
        match (&plan.without, plan.comment) {
            (Some(range), _) => {
                let start = line.len() - line.trim_start_matches(' ').len();
                let (from, to) = (start + range.start, start + range.end);
                text.push_str(line[..from].trim_end_matches(' '));
                text.push_str(&line[to..]);
            }
            (None, true) => text.push_str(&format!("<!---->{}", &line[line.trim_end_matches(['\r', '\n']).len()..])),
            (None, false) => text.push_str(line),
        }
        at += 1;
        if plan.blank_after {
            if !line.ends_with('\n') {
                text.push_str(end);
            }
            text.push_str(end);
            at += 1;
        }
    }
    HtmlBlocks { text, new_line, ended, markdown }
}

/// The [`BLOCK_TAGS`] name of the tag that opens `line` (after at most three spaces).
fn open_tag(line: &str) -> Option<&'static str> {
    let trimmed = line.trim_start_matches(' ');
    let rest = trimmed.strip_prefix('<').filter(|_| line.len() - trimmed.len() <= 3)?;
    let len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    let boundary = matches!(rest[len..].chars().next(), None | Some(' ' | '\t' | '\r' | '\n' | '>' | '/'));
    BLOCK_TAGS.iter().copied().find(|t| boundary && t.eq_ignore_ascii_case(&rest[..len]))
}

/// Where the element opened at `open_at` ends: after its matching closing tag, nested ones
/// of its name counted (`lower` is the body in ASCII lower case), or after the tag itself
/// for a void one.
fn block_end(lower: &str, open_at: usize, name: &str) -> Option<usize> {
    let after_tag = |from: usize| lower[from..].find('>').map(|gt| from + gt + 1);
    if VOID_TAGS.contains(&name) {
        return after_tag(open_at);
    }
    let (open, close) = (format!("<{name}"), format!("</{name}"));
    let find = |from: usize, pattern: &str| {
        let mut from = from;
        loop {
            let at = from + lower[from..].find(pattern)?;
            let next = lower[at + pattern.len()..].chars().next();
            if matches!(next, None | Some(' ' | '\t' | '\r' | '\n' | '>' | '/')) {
                return Some(at);
            }
            from = at + pattern.len();
        }
    };
    let (mut depth, mut from) = (0usize, open_at);
    loop {
        let next_close = find(from, &close)?;
        match find(from, &open).filter(|&o| o < next_close) {
            Some(o) => {
                depth += 1;
                from = o + open.len();
            }
            None => {
                depth = depth.checked_sub(1)?;
                from = after_tag(next_close)?;
                if depth == 0 {
                    return Some(from);
                }
            }
        }
    }
}

/// Where kramdown's `markdown="1"` (or `block`, `span`; quoted or not) stands in an opening
/// tag written up to its `>`, with the space before it.
fn markdown_attribute(tag: &str) -> Option<std::ops::Range<usize>> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(" markdown=")?;
    let value_at = at + " markdown=".len();
    let rest = &lower[value_at..];
    let (value, len) = match rest.chars().next()? {
        q @ ('"' | '\'') => {
            let close = rest[1..].find(q)?;
            (&rest[1..1 + close], close + 2)
        }
        _ => {
            let len = rest.find([' ', '\t', '/']).unwrap_or(rest.len());
            (&rest[..len], len)
        }
    };
    ["1", "block", "span"].contains(&value).then_some(at..value_at + len)
}

/// `body` without kramdown's span attribute lists, which stand right after a link, an image,
/// emphasis or a code span (`[x](u){:target="_blank"}`, `*x*{: .big}`) and which
/// careerpress's Markdown prints as text; None when it has none outside code. Each goes
/// within its line, so line numbers stay.
fn without_span_attributes(body: &str) -> Option<String> {
    if !body.contains("{:") {
        return None;
    }
    let code = crate::markdown::Regions::of(body);
    let mut out = String::with_capacity(body.len());
    let (mut copied, mut from) = (0, 0);
    while let Some(found) = body[from..].find("{:") {
        let at = from + found;
        from = at + 2;
        let after_span = matches!(body[..at].chars().next_back(), Some(')' | ']' | '*' | '_' | '`'));
        // Raw HTML's `<pre>` is code kramdown reads nothing in (`send(pid){:ok, 1}`).
        let in_pre = body[..at].matches("<pre").count() > body[..at].matches("</pre>").count();
        if !after_span || in_pre || body[at..].starts_with("{::") || code.in_code(at) {
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
    fn html_blocks_end_at_their_closing_tag_as_kramdown_ended_them() {
        let body = "<div class=\"note\">\n<b>x</b>\n\n    <i>y</i>\n</div>\n## Next\n<p>one line</p>\nText.\n";
        let blocks = html_blocks(body, false).unwrap();
        assert_eq!(
            blocks.text,
            "<div class=\"note\">\n<b>x</b>\n<!---->\n    <i>y</i>\n</div>\n\n## Next\n<p>one line</p>\n\nText.\n"
        );
        assert_eq!(blocks.new_line, [1, 2, 3, 4, 5, 7, 8, 10]);
        assert!(blocks.ended && !blocks.markdown);
        // Nested blocks of one name end at the outer one's tag; a script keeps its blank.
        let body = "<div>\n<div>\n</div>\n<script>\n\nx()\n</script>\n</DIV>\nText\n";
        assert_eq!(
            html_blocks(body, false).unwrap().text,
            "<div>\n<div>\n</div>\n<script>\n\nx()\n</script>\n</DIV>\n\nText\n"
        );
        // Already apart, in code, not a block tag, not closed or with text after: alone.
        for body in [
            "<div>\nx\n</div>\n\nText\n",
            "```\n<div>\n</div>\nText\n```\n",
            "    <div>\n    </div>\n    Text\n",
            "<span>\nx\n</span>\nText\n",
            "<div>\nnever closed\nText\n",
            "<div>x</div> and more\nText\n",
            "<divider>\n</divider>\nText\n",
        ] {
            assert!(html_blocks(body, false).is_none(), "{body}");
        }
        // A void tag is its own block.
        assert_eq!(html_blocks("<hr>\nText\n", false).unwrap().text, "<hr>\n\nText\n");
    }

    #[test]
    fn comments_and_long_fences_hold_no_block() {
        // A commented-out block stays hidden: `<!---->` would end the comment.
        let hidden = "Intro.\n\n<!--\n<div class=\"old\">\n  Hiring!\n\n  Apply.\n</div>\n-->\n\nText.\n";
        assert!(html_blocks(hidden, false).is_none(), "{:?}", html_blocks(hidden, false).map(|b| b.text));
        // Inside a block, a comment's blank line goes instead.
        let inside = "<div>\n<!-- a\n\nb -->\n\n<p>x</p>\n</div>\n";
        let blocks = html_blocks(inside, false).unwrap();
        assert_eq!(blocks.text, "<div>\n<!-- a\nb -->\n<!---->\n<p>x</p>\n</div>\n");
        assert_eq!(blocks.new_line, [1, 2, 3, 3, 4, 5, 6]);
        // Three backticks do not close a fence of four.
        let code = "````md\n```html\n<div>\n\n</div>\n```\n````\nText\n";
        assert!(html_blocks(code, false).is_none());
    }

    #[test]
    fn parse_block_html_makes_every_block_hold_markdown() {
        let body = "<div class=\"note\">\n**Bold** inside.\n</div>\n## Next\n";
        let blocks = html_blocks(body, true).unwrap();
        assert_eq!(blocks.text, "<div class=\"note\">\n\n**Bold** inside.\n\n</div>\n\n## Next\n");
        // Indented HTML inside stays HTML, kept raw as without `parse_block_html`.
        let indented = "<div>\n    <p>x</p>\n\n    <p>y</p>\n</div>\nText\n";
        assert_eq!(
            html_blocks(indented, true).unwrap().text,
            "<div>\n    <p>x</p>\n<!---->\n    <p>y</p>\n</div>\n\nText\n"
        );
        assert!(block_markdown_option("{::options parse_block_html=\"true\" /}\n"));
        assert!(!block_markdown_option("{::options auto_ids=\"false\" /} parse_block_html=\"true\""));
        let mut converted =
            Converted { text: format!("{{::options parse_block_html=\"true\" /}}\n{body}"), ..Converted::default() };
        apply(&mut converted, false);
        assert!(converted.text.contains("\n\n**Bold** inside.\n\n</div>"), "{}", converted.text);
    }

    #[test]
    fn markdown_inside_a_markdown_block_is_set_apart() {
        let body = "Intro\n<div class=\"tip\" markdown=\"1\">\n**Tip:** ask.\n</div>\n## Next\r\n";
        let blocks = html_blocks(body, false).unwrap();
        assert_eq!(blocks.text, "Intro\n<div class=\"tip\">\n\n**Tip:** ask.\n\n</div>\n\n## Next\r\n");
        assert_eq!(blocks.new_line, [1, 2, 4, 6, 8]);
        assert!(blocks.markdown && !blocks.ended);
        assert_eq!(markdown_attribute("<div markdown=block class=x"), Some(4..19));
        assert_eq!(markdown_attribute("<div markdown='span'"), Some(4..20));
        assert_eq!(markdown_attribute("<div markdown=\"0\""), None);
        // Tags left to fix move with the lines added before them.
        let mut converted = Converted {
            text: "<div>\n</div>\nText {% x %}\n".into(),
            left: vec![(3, "{% x %}".into())],
            ..Converted::default()
        };
        apply(&mut converted, false);
        assert_eq!(converted.text, "<div>\n</div>\n\nText {% x %}\n");
        assert_eq!(converted.left, [(4, "{% x %}".to_string())]);
        assert_eq!(converted.done.len(), 1, "{:?}", converted.done);
    }

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
