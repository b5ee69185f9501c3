//! Liquid tags (Jekyll) and shortcodes (Hugo) in Markdown bodies: those with a plain
//! Markdown equivalent are rewritten (code highlighting, links to other posts, figures,
//! videos); every other one is left where it stands and reported with its line, so an
//! import never hides what a person has to look at.

/// What converting one body did.
#[derive(Debug, Default, PartialEq)]
pub struct Converted {
    pub text: String,
    /// Kinds of tag rewritten, once each: "{% highlight %} → fenced code".
    pub done: Vec<String>,
    /// Tags left in place, with their line in the body.
    pub left: Vec<(usize, String)>,
    /// The site's own shortcodes (`Links::own_shortcode`) its calls were kept for, as
    /// careerpress calls them: each needs a template in `templates/shortcodes/`.
    pub site_shortcodes: std::collections::BTreeSet<String>,
    /// A Zola site's: each call kept, with its values as Zola read them, for the port of
    /// its template (`zola_shortcodes`).
    pub zola_calls: Vec<super::zola_shortcodes::Call>,
}

impl Converted {
    /// Notes a rewrite that wrote `replacement`, each kind once.
    fn note(&mut self, what: String, replacement: &str) {
        if what == SITE_SHORTCODE_KEPT {
            let call = replacement.split_once("{{<").map_or("", |(_, call)| call);
            let call = call.split(">}}").next().unwrap_or_default().trim().trim_start_matches('/');
            self.site_shortcodes.insert(head(call).0.to_string());
        }
        if !self.done.contains(&what) {
            self.done.push(what);
        }
    }
}

/// The note of a site's own shortcode kept as careerpress calls it.
pub const SITE_SHORTCODE_KEPT: &str = "the site's own shortcodes kept, drawn with templates/shortcodes/";

/// How a link to another source file is written in careerpress: `@/posts/slug.md`.
pub trait Links {
    /// The `@/` target for a Jekyll `{% link %}` / `{% post_url %}` argument or a Hugo
    /// `ref` argument, if the import writes that file.
    fn target(&self, reference: &str) -> Option<String>;

    /// What a Liquid `{{ inner }}` printed on this page (`site.repository`, `page.title`,
    /// a string literal), where the old site's values say for sure.
    fn printed(&self, _inner: &str) -> Option<String> {
        None
    }

    /// Whether the old site defines a shortcode of this name itself (Hugo's
    /// `layouts/shortcodes/x.html`), in place of its generator's own.
    fn own_shortcode(&self, _name: &str) -> bool {
        false
    }

    /// Whether the old generator ran Tera over the whole body (Zola 0.23, whose components
    /// took the place of its shortcodes), so that `{% raw %}` is its own.
    fn tera_body(&self) -> bool {
        false
    }
}

/// One `{% ... %}`, `{{ ... }}`, `{{< ... >}}` or `{{% ... %}}` found in a body.
struct Tag<'a> {
    start: usize,
    end: usize,
    /// The text between the delimiters, trimmed (and without Liquid's `-` trim marks);
    /// for a Zola component's tag, the shortcode tag it stands for (`Tags::components`).
    inner: std::borrow::Cow<'a, str>,
    kind: Delim,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Delim {
    LiquidTag,
    LiquidOutput,
    Shortcode,
}

const OPENERS: [(&str, &str, Delim); 4] = [
    ("{{<", ">}}", Delim::Shortcode),
    ("{{%", "%}}", Delim::Shortcode),
    ("{%", "%}", Delim::LiquidTag),
    ("{{", "}}", Delim::LiquidOutput),
];

/// The tags of one text, found from left to right. Where each closing delimiter was last
/// looked for is remembered: a text with many openers that never close (`{%` in prose, `{{`
/// in a code sample) is then searched to its end once, not once per opener.
struct Tags<'a> {
    text: &'a str,
    /// For each of `OPENERS`' closers, the last search for it.
    closes: [std::cell::Cell<Option<Search>>; OPENERS.len()],
    /// Parsed only for a tag whose place must be known: most bodies have none.
    regions: crate::markdown::RegionsOf<'a>,
    /// For each shortcode's closing tag (`/note`), the last search for it: a body of many
    /// calls without one is then searched to its end once, not once per call.
    later_closers: std::cell::RefCell<std::collections::HashMap<String, Search>>,
    /// Whether Zola 0.23's component tags are read as the shortcode tags they stand for
    /// (`zola_components::called`): a Zola site's bodies.
    components: bool,
}

/// Where a closer was looked for from, and where it was found (None: nowhere after).
type Search = (usize, Option<usize>);

impl<'a> Tags<'a> {
    fn new(text: &'a str) -> Tags<'a> {
        Tags {
            text,
            closes: Default::default(),
            regions: crate::markdown::RegionsOf::new(text),
            later_closers: Default::default(),
            components: false,
        }
    }

    /// A Zola body's tags, its components' read as shortcodes.
    fn zola(text: &'a str) -> Tags<'a> {
        Tags { components: true, ..Tags::new(text) }
    }

    /// Whether the byte at `at` is code, as careerpress's Markdown reads the text.
    fn in_code(&self, at: usize) -> bool {
        self.regions.in_code(at)
    }

    /// Where the first shortcode tag `closing` (`/note`) at or after `from` starts.
    fn closer_after(&self, closing: &str, from: usize) -> Option<usize> {
        if let Some(&(searched, found)) = self.later_closers.borrow().get(closing) {
            if searched <= from && found.is_none_or(|f| f >= from) {
                return found;
            }
        }
        let mut at = from;
        let mut found = None;
        while let Some(next) = self.next(at) {
            if next.kind == Delim::Shortcode && tag_name(&next.inner) == closing {
                found = Some(next.start);
                break;
            }
            at = next.end;
        }
        self.later_closers.borrow_mut().insert(closing.to_string(), (from, found));
        found
    }

    /// Whether the byte at `at` is text, as careerpress's Markdown reads it (not code, a
    /// link's target or title, an attribute or an image's description).
    fn in_text(&self, at: usize) -> bool {
        self.regions.in_text(at)
    }

    /// The next tag at or after `from`.
    fn next(&self, from: usize) -> Option<Tag<'a>> {
        let text = self.text;
        let mut at = from;
        while let Some(rel) = text[at..].find('{') {
            let start = at + rel;
            for (k, (open, close, kind)) in OPENERS.into_iter().enumerate() {
                if !text[start..].starts_with(open) {
                    continue;
                }
                if let Some(close_at) = self.close(k, close, start + open.len()) {
                    let inner = &text[start + open.len()..close_at];
                    let inner = inner.trim().trim_start_matches('-').trim_end_matches('-').trim();
                    let tag = Tag { start, end: close_at + close.len(), inner: inner.into(), kind };
                    return Some(if self.components { component(tag, open) } else { tag });
                }
            }
            at = start + 1;
        }
        None
    }

    /// Where `close` (closer `k`) first stands at or after `from`. What an earlier search
    /// from no later than `from` found still holds when it found nothing, or found it at or
    /// after `from`: nothing lies between.
    fn close(&self, k: usize, close: &str, from: usize) -> Option<usize> {
        if let Some((searched, found)) = self.closes[k].get() {
            if searched <= from && found.is_none_or(|at| at >= from) {
                return found;
            }
        }
        let found = self.text[from..].find(close).map(|at| from + at);
        self.closes[k].set(Some((from, found)));
        found
    }
}

/// A Zola component's tag as the shortcode tag it stands for: `{{ <x a="1" /> }}` (or
/// `{{<x a="1" />}}`, which reads as a Hugo shortcode's delimiters) as `{{ x(a="1") }}`,
/// `{% <x> %}` as `{% x() %}` and `{% </x> %}` as `{% end %}`; any other tag as it is.
fn component<'a>(tag: Tag<'a>, open: &str) -> Tag<'a> {
    use super::zola_components::{called, Called};
    let (inner, output) = match (tag.kind, open) {
        (Delim::Shortcode, "{{<") => (format!("<{}>", tag.inner), true),
        (Delim::Shortcode, _) => return tag,
        (kind, _) => (tag.inner.to_string(), kind == Delim::LiquidOutput),
    };
    match called(&inner, output) {
        Some(Called::Alone(call)) => Tag { inner: call.into(), kind: Delim::LiquidOutput, ..tag },
        Some(Called::Opens(call)) => Tag { inner: call.into(), ..tag },
        Some(Called::Ends) => Tag { inner: "end".into(), ..tag },
        None => tag,
    }
}

/// A tag's name, a closing one's with its `/` (`{{</ x >}}` is `/x`, as `{{< /x >}}` is).
fn tag_name(inner: &str) -> std::borrow::Cow<'_, str> {
    match head(inner) {
        ("/", rest) => format!("/{}", head(rest).0).into(),
        (name, _) => name.into(),
    }
}

/// The first word of a tag and the rest.
fn head(inner: &str) -> (&str, &str) {
    let inner = inner.trim();
    match inner.find(char::is_whitespace) {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    }
}

/// The template syntax an old generator ran over a body before its Markdown: only its
/// own tags are rewritten. Hugo never ran Liquid, so `{% raw %}` on a Hugo page is text
/// about Liquid, and Zola's `{{/* */}}` is a Go template comment there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Syntax {
    /// Jekyll's Liquid, run over code too, and Eleventy's by default.
    #[default]
    Liquid,
    /// Eleventy's Nunjucks (`markdownTemplateEngine: "njk"`): Liquid's tags as far as the
    /// import reads them, and `{# … #}` comments, never published.
    Nunjucks,
    /// Hugo's shortcodes, `{{< … >}}` and `{{% … %}}`.
    Hugo,
    /// Zola's shortcodes, `{{ name(…) }}` and `{% name(…) %}`.
    Zola,
    /// A page its generator ran no template over (Jekyll's `render_with_liquid: false`,
    /// Eleventy's `templateEngineOverride: md`): nothing in it is rewritten, and what
    /// looks like a tag in its text is listed.
    Plain,
}

impl Syntax {
    fn liquid(self) -> bool {
        matches!(self, Syntax::Liquid | Syntax::Nunjucks)
    }

    /// Whether tags of this kind are this syntax's own: Hugo's shortcodes are Hugo's alone;
    /// `{% … %}` and `{{ … }}` are Liquid's, Nunjucks's and Zola's.
    fn writes(self, kind: Delim) -> bool {
        match kind {
            Delim::Shortcode => self == Syntax::Hugo,
            Delim::LiquidTag | Delim::LiquidOutput => !matches!(self, Syntax::Hugo | Syntax::Plain),
        }
    }
}

/// Rewrites what it can in `body`; `links` resolves references to other imported files.
/// Jekyll ran Liquid over the body, code and all; Hugo and Zola ran only their shortcodes,
/// and showed `{{ … }}` and `{% … %}` in code as written, as careerpress does, so those
/// are not listed as left there.
pub fn convert(body: &str, links: &dyn Links, syntax: Syntax) -> Converted {
    let liquid = syntax.liquid();
    // Before the tags, so that the lines of tags left are counted in the text written.
    let (body, done) = lines_rewritten(body, links, syntax);
    let body = body.as_str();
    let mut out = Converted { done, ..Converted::default() };
    let mut text = String::with_capacity(body.len());
    let mut lines = Lines::default();
    let tags = if syntax == Syntax::Zola { Tags::zola(body) } else { Tags::new(body) };
    // Zola drew its shortcodes in code too: a call of the site's own left there is listed.
    let zola_own = |tag: &Tag<'_>| {
        syntax == Syntax::Zola && zola_call(&tag.inner).is_some_and(|(name, _)| links.own_shortcode(name))
    };
    let shown_as_written =
        |tag: &Tag<'_>| !liquid && tag.kind != Delim::Shortcode && tags.in_code(tag.start) && !zola_own(tag);
    let mut at = 0;
    while let Some(tag) = tags.next(at) {
        text.push_str(&body[at..tag.start]);
        lines.catch_up(&text);
        // What precedes a tag is judged as converted: `]({{ site.baseurl }}{% post_url x %})`
        // is a link's target once the first is gone.
        let before = Before { text: &text, in_fence: lines.fence.is_open() };
        let rewritten = rewrite(&tags, &tag, before, links, syntax);
        match rewritten {
            Some((replacement, after, what)) => {
                // Liquid's `{{-` and `-}}` took the whitespace beside what they printed; the
                // lines already counted stay (the text only grows past them), so `{{-` takes
                // the spaces before it on its own line.
                let output = tag.kind == Delim::LiquidOutput;
                let written = &body[tag.start..tag.end];
                if output && written.starts_with("{{-") {
                    text.truncate(text.trim_end().len().max(lines.read));
                }
                text.push_str(&replacement);
                if syntax == Syntax::Zola && what == SITE_SHORTCODE_KEPT {
                    out.zola_calls.extend(zola_kept_call(&tags, &tag, links));
                }
                out.note(what, &replacement);
                at = if output && written.ends_with("-}}") { after + ws_len(&body[after..]) } else { after };
            }
            None => {
                // Counted in the converted text, which is what the author opens to fix it.
                if !shown_as_written(&tag) {
                    out.left.push((lines.newlines + 1, body[tag.start..tag.end].to_string()));
                }
                text.push_str(&left_as_written(&tags, &tag));
                at = tag.end;
            }
        }
    }
    text.push_str(&body[at..]);
    out.text = text;
    out
}

/// A tag left, as the converted text writes it: as it stands, but in a Zola body's text a
/// tag whose words start with `<` (a component's call, `{{ <name … /> }}`, `{{<name … />}}`
/// or `{% <name> %}`) is shown as written, its `<` escaped, where careerpress would read
/// `{{<` as a call of its own shortcode and stop the build, and the Markdown `<name …>` as
/// an HTML element no reader sees.
fn left_as_written<'a>(tags: &Tags<'a>, tag: &Tag<'_>) -> std::borrow::Cow<'a, str> {
    let written = &tags.text[tag.start..tag.end];
    let opener = written.get(..2).filter(|o| *o == "{{" || *o == "{%");
    let after = written[opener.map_or(0, str::len)..].trim_start();
    // `<name` or `</name`: a Hugo shortcode's `{{< name >}}` in a Zola body stays as it is.
    let named = after
        .strip_prefix('<')
        .map(|n| n.trim_start_matches('/'))
        .is_some_and(|n| n.starts_with(|c: char| c.is_alphabetic()));
    match opener.filter(|_| tags.components && named && !tags.in_code(tag.start)) {
        Some(opener) => format!("{opener} \\{after}").into(),
        None => written.into(),
    }
}

/// What is rewritten a line at a time before the tags are read: attribute lists, and
/// Nunjucks's comments or Hugo's shortcodes sharing a line; with the report's notes.
fn lines_rewritten(body: &str, links: &dyn Links, syntax: Syntax) -> (String, Vec<String>) {
    let (body, mut done) = block_attributes(body);
    let (body, more) = match syntax {
        Syntax::Nunjucks => without_nunjucks_comments(&body),
        Syntax::Hugo => one_shortcode_a_line(&body, links),
        _ => (body, None),
    };
    done.extend(more);
    (body, done)
}

/// How many bytes of whitespace `text` starts with.
fn ws_len(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// kramdown's attribute lists (`{: .note}`, `{: #v1}`, `{:toc}`) and goldmark's
/// (`{.center}`), each on a line of its own after the block it dresses, which careerpress's
/// Markdown would print as text. After an ATX heading, its id and classes join the heading
/// as `{#v1 .x}`, which careerpress reads, so links to that id still land; `{:toc}` goes
/// with the `* TOC` list it turns into kramdown's table of contents; any other goes. Each
/// kind is named once in the report.
fn block_attributes(body: &str) -> (String, Vec<String>) {
    let mut out: Vec<String> = Vec::new();
    let mut done: Vec<String> = Vec::new();
    let mut note = |what: &str| {
        if !done.iter().any(|d| d == what) {
            done.push(what.to_string());
        }
    };
    let mut fence = crate::markdown::Fence::default();
    // Code the tags still hold (`{% highlight %}`, `{{< highlight >}}`) or HTML's `<pre>`.
    let mut in_code_tag = false;
    let opens = ["{% highlight", "{%- highlight", "{{< highlight", "{{% highlight", "<pre>", "<pre "];
    let closes = ["endhighlight", "/highlight", "</pre>"];
    for line in body.split_inclusive('\n') {
        let code = in_code_tag || fence.is_open() || line.starts_with("    ") || line.starts_with('\t');
        fence.step(line.trim_end_matches(['\n', '\r']).trim_start());
        // A tag named in inline code (`` the `<pre>` element ``) opens nothing.
        let prose = without_inline_code(line);
        in_code_tag =
            (in_code_tag || opens.iter().any(|o| prose.contains(o))) && !closes.iter().any(|c| prose.contains(c));
        let Some(attributes) = crate::foreign::attribute_line(line.trim()).filter(|_| !code) else {
            out.push(line.to_string());
            continue;
        };
        let previous = out.last().map_or("", |l| l.trim());
        if attributes == "toc" && ["* TOC", "- TOC", "+ TOC", "1. TOC"].contains(&previous) {
            out.pop();
            note("kramdown's {:toc} table of contents removed");
        } else if let Some((at, joined)) =
            heading_text_line(&out).and_then(|at| Some((at, heading_with(&out[at], attributes)?)))
        {
            let ending = if out[at].ends_with("\r\n") { "\r\n" } else { "\n" };
            out[at] = joined + ending;
            note("{: #id .class} after a heading → the heading's {#id .class}");
        } else {
            note("block attributes ({: .class}, {.class}) removed: careerpress's Markdown has none outside headings");
        }
    }
    (out.concat(), done)
}

/// `line` without what its code spans hold (`` `<pre>` `` and the like): a run of backticks
/// to the next run of as many. An unclosed run is text, as in Markdown.
fn without_inline_code(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('`') {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('`') {
        out.push_str(&rest[..open]);
        let ticks = rest[open..].len() - rest[open..].trim_start_matches('`').len();
        let after = &rest[open + ticks..];
        let fence = &rest[open..open + ticks];
        // The closing run must be exactly as long: not part of a longer one.
        let close = after
            .match_indices(fence)
            .find(|&(at, _)| !after[at + ticks..].starts_with('`') && (at == 0 || !after[..at].ends_with('`')));
        match close {
            Some((at, _)) => rest = &after[at + ticks..],
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Which of `lines` (the body read so far) holds the text of a heading that ends on the
/// last: an ATX heading's own line, or a setext heading's text above its `===` or `---`
/// underline (one that makes a heading of it, as careerpress's Markdown reads the two).
fn heading_text_line(lines: &[String]) -> Option<usize> {
    let last = lines.len().checked_sub(1)?;
    let line = lines[last].trim();
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        return Some(last);
    }
    let underline = !line.is_empty() && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-'));
    let text = last.checked_sub(1).filter(|&t| underline && !lines[t].trim().is_empty())?;
    let heading = crate::markdown::heading_spans(&format!("{}{}", lines[text], lines[last]));
    (heading.len() == 1).then_some(text)
}

/// A heading's text line with the ids and classes of `attributes`, as careerpress's heading
/// attributes; None when it has its own, or none would be kept.
fn heading_with(line: &str, attributes: &str) -> Option<String> {
    let heading = line.trim_end();
    if heading.ends_with('}') {
        return None;
    }
    let kept: Vec<&str> = attributes.split_whitespace().filter(|a| a.len() > 1 && a.starts_with(['#', '.'])).collect();
    (!kept.is_empty()).then(|| format!("{heading} {{{}}}", kept.join(" ")))
}

/// The converted text's lines, read once each as it grows: how many have ended, and
/// whether they leave a fenced code block open (as careerpress's Markdown reads it).
/// Reading the whole text again at each tag took time in the square of a body's tags.
#[derive(Default)]
struct Lines {
    /// Where the first line not yet read starts.
    read: usize,
    newlines: usize,
    fence: crate::markdown::Fence,
}

impl Lines {
    /// Reads the lines that `text` (which only grows) has ended since the last call; the
    /// line being written is not a whole line yet, and waits.
    fn catch_up(&mut self, text: &str) {
        let Some(last) = text[self.read..].rfind('\n') else { return };
        let ended = &text[self.read..self.read + last];
        for line in ended.split('\n') {
            self.fence.step(line.strip_suffix('\r').unwrap_or(line).trim_start());
            self.newlines += 1;
        }
        self.read += last + 1;
    }
}

/// The converted text before a tag, and whether it leaves the tag in fenced code.
#[derive(Clone, Copy)]
struct Before<'a> {
    text: &'a str,
    in_fence: bool,
}

/// The replacement for one tag, where it ends (past its closing tag, for a block), and
/// what kind of conversion it was; `None` leaves the tag as it is.
fn rewrite(
    tags: &Tags<'_>,
    tag: &Tag<'_>,
    before: Before<'_>,
    links: &dyn Links,
    syntax: Syntax,
) -> Option<(String, usize, String)> {
    if !syntax.writes(tag.kind) {
        return None;
    }
    match syntax {
        Syntax::Zola => return zola_rewrite(tags, tag, before, links),
        Syntax::Hugo => return hugo_rewrite(tags, tag, before, links),
        Syntax::Liquid | Syntax::Nunjucks | Syntax::Plain => {}
    }
    let (name, args) = head(&tag.inner);
    let closing = |end_name: &str| block_end(tags, tag.end, tag.kind, end_name);
    match (tag.kind, name) {
        (Delim::LiquidTag, "highlight") => highlight(tags, tag, &before, Some(links)),
        (Delim::LiquidTag, "raw") => {
            closing("endraw").map(|(inner, after)| (raw_shown(inner, &before), after, "{% raw %} removed".into()))
        }
        // Jekyll never publishes a comment's text (an editor's note, a draft paragraph).
        (Delim::LiquidTag, "comment") => {
            closing("endcomment").map(|(_, after)| (String::new(), after, "{% comment %} removed with its text".into()))
        }
        (Delim::LiquidTag, "link" | "post_url") => link_target(tag, &before, links),
        (Delim::LiquidOutput, _) => {
            let url = in_link_target(before.text).then(|| site_url(&tag.inner)).flatten();
            let url = url.map(|s| (s, tag.end, "{{ site.baseurl }} and relative_url → site paths".into()));
            // `{{ "{{" }}` printed the start of a tag: in text careerpress would take it
            // for one left to convert, so it is left there (and listed), and written in code.
            let printed =
                links.printed(&tag.inner).filter(|s| in_code(&before) || !(s.contains("{{") || s.contains("{%")));
            url.or_else(|| printed.map(|s| (s, tag.end, printed_note(&tag.inner))))
        }
        // Eleventy Image's shortcode: `{% image "cat.jpg", "A cat" %}`.
        // Only with the source written as a literal: a variable's value is not known here.
        (Delim::LiquidTag, "image") => match literal_args(args).as_slice() {
            [Some(src), Some(alt), ..] => {
                Some((format!("![{}](<{src}>)", alt.replace(['[', ']'], "")), tag.end, "{% image %} → image".into()))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Hugo's shortcodes whose rewrite a site's own of that name does not get: its `details`
/// or `x` may take other arguments, or do something else. Its `figure`, `highlight`, `ref`
/// and videos keep Hugo's arguments in practice, and are rewritten as Hugo's.
const REPLACED: &[&str] = &[
    "details",
    "x",
    "tweet",
    "twitter",
    "twitter_simple",
    "instagram",
    "instagram_simple",
    "vimeo_simple",
    "speakerdeck",
    "qr",
    "gist",
    "param",
    "comment",
];

/// A Hugo shortcode's rewrite, for Hugo's own shortcodes that have a Markdown or HTML
/// equivalent.
fn hugo_rewrite(
    tags: &Tags<'_>,
    tag: &Tag<'_>,
    before: Before<'_>,
    links: &dyn Links,
) -> Option<(String, usize, String)> {
    let name = tag_name(&tag.inner);
    let (name, args) = (name.as_ref(), head(&tag.inner).1);
    let closing = |end_name: &str| block_end(tags, tag.end, tag.kind, end_name);
    let linked = |s: String| (s, tag.end, format!("{{{{< {name} >}}}} → link"));
    let own = |name: &str| REPLACED.contains(&name) && links.own_shortcode(name);
    if own(name.trim_start_matches('/')) {
        return site_shortcode(tags, tag, before);
    }
    match name {
        _ if tag.inner.starts_with("/*") => escaped_shortcode(tags.text, tag, before)
            .map(|(shown, end)| (shown, end, "{{</* */>}} → shortcode shown as text".into())),
        "highlight" => highlight(tags, tag, &before, None),
        "ref" | "relref" => link_target(tag, &before, links),
        "figure" => Some((figure(args), tag.end, "{{< figure >}} → image".into())),
        "youtube" | "vimeo" | "vimeo_simple" => video(name, args).map(linked),
        "x" | "tweet" | "twitter" | "twitter_simple" | "instagram" | "instagram_simple" | "gist" => {
            post_link(name.trim_end_matches("_simple"), args).map(linked)
        }
        "speakerdeck" => speakerdeck(args).map(linked),
        "qr" => qr_code(tags, tag, args),
        "param" => first_arg(args)
            .and_then(|path| links.printed(&path))
            .map(|s| (s, tag.end, "{{< param >}} → the value the old site printed".into())),
        // The tags become HTML's, and what is between stays Markdown, converted as the
        // rest of the body is.
        "details" => {
            closing("/details").map(|_| (details_open(args, &before), tag.end, "{{< details >}} → <details>".into()))
        }
        "/details" => {
            let prefix = container_continuation(last_line(&before)).unwrap_or_default();
            Some((format!("\n{prefix}</details>"), tag.end, "{{< details >}} → <details>".into()))
        }
        "comment" => {
            closing("/comment").map(|(_, after)| (String::new(), after, "{{< comment >}} removed with its text".into()))
        }
        // Hugo's inline shortcodes (`enableInlineShortcodes`) are templates written in the
        // page: one without a Go action printed its text as it is, and keeps it; careerpress
        // runs no Go template, so one with actions goes, as does `{{< x.inline />}}`, a call
        // of one again.
        _ if name.ends_with(".inline") => match args.ends_with('/') {
            true => Some((String::new(), tag.end, INLINE_REMOVED.into())),
            false => closing(&format!("/{name}")).map(|(inner, after)| inline_shortcode(inner, after)),
        },
        _ if links.own_shortcode(name.trim_start_matches('/'))
            || !HUGO_SHORTCODES.contains(&name.trim_start_matches('/')) =>
        {
            site_shortcode(tags, tag, before)
        }
        _ => None,
    }
}

/// Whether `span` of the body is all its line holds, outside code, as careerpress reads
/// a shortcode: after nothing but a list item's or a quote's markup, nothing after.
fn alone_on_line(tags: &Tags<'_>, span: std::ops::Range<usize>) -> bool {
    let line_before = tags.text[..span.start].rsplit('\n').next().unwrap_or_default();
    let rest_of_line = tags.text[span.end..].split('\n').next().unwrap_or_default();
    let markup = crate::markdown::container_prefix(line_before) == line_before.len();
    markup && rest_of_line.trim().is_empty() && !tags.in_code(span.start)
}

/// Whether careerpress reads a call at `span`: alone on its line, or within text, not in
/// code, a link's target (`[x](/v/{{< url >}})` printed a URL there) or an attribute.
fn callable(tags: &Tags<'_>, span: std::ops::Range<usize>) -> bool {
    let line_before = tags.text[..span.start].rsplit('\n').next().unwrap_or_default();
    alone_on_line(tags, span.clone())
        || (!line_before.ends_with('\\') && !crate::markdown::in_link_target(line_before) && tags.in_text(span.start))
}

/// Whether the closing tag of `tag` (which opens a call) stands on a later line.
fn closed_on_later_line(tags: &Tags<'_>, tag: &Tag<'_>) -> bool {
    let closing = format!("/{}", head(&tag.inner).0);
    tags.closer_after(&closing, tag.end).is_some_and(|start| tags.text[tag.end..start].contains('\n'))
}

const INLINE_REMOVED: &str = "Hugo inline shortcodes (Go template code in the page) removed";

/// What a Hugo inline shortcode's definition (`inner`, up to `after`) printed where it
/// stood: its text, where it holds no Go action; else nothing careerpress can tell.
fn inline_shortcode(inner: &str, after: usize) -> (String, usize, String) {
    match inner.contains("{{") {
        true => (String::new(), after, INLINE_REMOVED.into()),
        false => (inner.to_string(), after, "Hugo inline shortcodes without Go actions → their text".into()),
    }
}

/// The shortcodes Hugo has built in, today's and those of older versions: a name that is
/// not among them was the site's, defined by its layouts, its theme or a module, found
/// in the source folder or not.
const HUGO_SHORTCODES: [&str; 19] = [
    "comment",
    "details",
    "figure",
    "gist",
    "highlight",
    "instagram",
    "param",
    "qr",
    "ref",
    "relref",
    "vimeo",
    "x",
    "youtube",
    "tweet",
    "twitter",
    "twitter_simple",
    "vimeo_simple",
    "speakerdeck",
    "instagram_simple",
];

/// A call of a shortcode the old site defined itself, written as careerpress calls the
/// site's own (`{{< name "value" key="value" >}}`, `{{< /name >}}`; `{{% … %}}`, whose
/// body Hugo rendered as Markdown, the same, as careerpress renders every body): where it
/// stands alone on its line outside code, as careerpress reads a call, and its values
/// need no escape. Otherwise it is left, and listed.
fn site_shortcode(tags: &Tags<'_>, tag: &Tag<'_>, before: Before<'_>) -> Option<(String, usize, String)> {
    // careerpress's own names would call careerpress's own shortcodes.
    let name = head(tag.inner.trim_start_matches('/')).0;
    if !callable(tags, tag.start..tag.end) || before.in_fence || crate::site::SHORTCODES.contains(&name) {
        return None;
    }
    let call = match tag.inner.strip_prefix('/') {
        // Its opening tag left (in code, a link's target), it is left too: the pair stays
        // whole. careerpress reads a pair on one line, or with each tag alone on its own.
        Some(closing) => {
            let name = closing.split_whitespace().next()?;
            let opening = ["{{<", "{{%"]
                .iter()
                .filter_map(|o| {
                    let text = &tags.text[..tag.start];
                    let at = text.rmatch_indices(o).find(|&(at, _)| head(text[at + 3..].trim_start()).0 == name)?.0;
                    let end = tags.text[at..].find(if *o == "{{<" { ">}}" } else { "%}}" })? + at + 3;
                    Some(at..end)
                })
                .max_by_key(|r| r.start);
            let opening = opening?;
            let kept = match tags.text[opening.end..tag.start].contains('\n') {
                true => alone_on_line(tags, opening) && alone_on_line(tags, tag.start..tag.end),
                false => callable(tags, opening),
            };
            if !kept {
                return None;
            }
            format!("/{name}")
        }
        // Within text, a pair whose closing tag is on a later line is left whole.
        None if !alone_on_line(tags, tag.start..tag.end) && closed_on_later_line(tags, tag) => return None,
        None => {
            let (name, args) = head(&tag.inner);
            let mut call = name.to_string();
            for (key, value) in args_of(args.strip_suffix('/').unwrap_or(args)) {
                if value.contains('"') {
                    return None;
                }
                call.push(' ');
                call.extend(key.map(|k| format!("{k}=")));
                call.push_str(&format!("\"{value}\""));
            }
            crate::markdown::parse_shortcode(&call).ok()?;
            call
        }
    };
    Some((format!("{{{{< {call} >}}}}"), tag.end, SITE_SHORTCODE_KEPT.to_string()))
}

/// A highlight block, Liquid's or Hugo's, as a fence.
/// A highlight block as fenced code: Liquid's `{% highlight %}` (`liquid` gives what its
/// values printed), whose code Liquid ran over as it ran over the rest of the page, or
/// Hugo's `{{< highlight >}}`, whose code Hugo showed as written.
fn highlight(
    tags: &Tags<'_>,
    tag: &Tag<'_>,
    before: &Before<'_>,
    liquid: Option<&dyn Links>,
) -> Option<(String, usize, String)> {
    let end_name = if liquid.is_some() { "endhighlight" } else { "/highlight" };
    block_end(tags, tag.end, tag.kind, end_name).map(|(code, after)| {
        let lang = first_arg(head(&tag.inner).1).unwrap_or_default();
        let line = before.text.rsplit('\n').next().unwrap_or(before.text);
        let code = match liquid {
            Some(links) => liquid_code(code, links),
            None => code.to_string(),
        };
        (fence(&lang, &code, line), after, format!("{} → fenced code", describe(tag.kind, "highlight")))
    })
}

/// A URL where a link's target goes (`{% link %}`, `{% post_url %}`, `{{< ref >}}`) as an
/// `@/` link. Printed as text, the old generator showed the address, which `@/` or a bare
/// path would not: left for a person to reword.
fn link_target(tag: &Tag<'_>, before: &Before<'_>, links: &dyn Links) -> Option<(String, usize, String)> {
    if !in_link_target(before.text) {
        return None;
    }
    let (name, args) = head(&tag.inner);
    first_arg(args)
        .and_then(|r| links.target(&r))
        .map(|t| (t, tag.end, format!("{} → @/ link", describe(tag.kind, name))))
}

/// The opening of Hugo's `details`: its `summary` (Hugo's default "Details"), `open` and
/// attributes, and the blank line after which the body is Markdown again, each line
/// inside the list item or quote the tag stands in.
fn details_open(args: &str, before: &Before<'_>) -> String {
    let summary = named(args, "summary").unwrap_or_else(|| "Details".into());
    let mut attributes = String::new();
    if named(args, "open").is_some_and(|v| v == "true") {
        attributes.push_str(" open");
    }
    for key in ["class", "name", "title"] {
        if let Some(value) = named(args, key) {
            attributes.push_str(&format!(" {key}=\"{}\"", crate::escape::html(&value)));
        }
    }
    let prefix = container_continuation(last_line(before)).unwrap_or_default();
    let summary = crate::escape::html(&summary);
    format!("<details{attributes}>\n{prefix}<summary>{summary}</summary>\n{}", prefix.trim_end())
}

/// The line a tag stands on, up to the tag.
fn last_line<'a>(before: &Before<'a>) -> &'a str {
    before.text.rsplit('\n').next().unwrap_or(before.text)
}

/// A link to the post Hugo's `x` (`tweet`), `instagram` or `gist` shortcode embedded: the
/// embed needs the service's script, and the link reaches the same post.
fn post_link(name: &str, args: &str) -> Option<String> {
    let positional: Vec<String> = args_of(args).into_iter().filter(|(n, _)| n.is_none()).map(|(_, v)| v).collect();
    let word = |v: &String| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let arg = |key: &str, at: usize| named(args, key).or_else(|| positional.get(at).cloned()).filter(word);
    Some(match name {
        "instagram" => format!("[See the post on Instagram](https://www.instagram.com/p/{}/)", arg("id", 0)?),
        "gist" => {
            format!("[See the code on GitHub Gist](https://gist.github.com/{}/{})", arg("user", 0)?, arg("id", 1)?)
        }
        _ => match (arg("user", 0), arg("id", 1).or_else(|| arg("id", 0))) {
            (Some(user), Some(id)) if user != id => {
                format!("[See the post by @{user} on X](https://x.com/{user}/status/{id})")
            }
            (_, Some(id)) => format!("[See the post on X](https://x.com/i/status/{id})"),
            _ => return None,
        },
    })
}

/// Hugo's `qr` (`{{< qr text="https://…" />}}`, or its text between a pair's tags), an
/// image of a QR code: what the code held, as a link where it is a URL, else as code
/// (contact cards, Wi-Fi settings), with where the call ended.
fn qr_code(tags: &Tags<'_>, tag: &Tag<'_>, args: &str) -> Option<(String, usize, String)> {
    let (written, end) = match named(args, "text") {
        Some(text) => (text, tag.end),
        None => block_end(tags, tag.end, tag.kind, "/qr").map(|(inner, after)| (inner.to_string(), after))?,
    };
    let text = written.trim();
    let url = ["https://", "http://", "mailto:", "tel:"].iter().any(|s| text.starts_with(s))
        && !text.contains(|c: char| c.is_whitespace() || c == '<' || c == '>');
    let shown = match url {
        true => format!("<{text}>"),
        _ if text.is_empty() => return None,
        // One line of text is code within its line, a list item or a quote.
        false if !text.contains('\n') => code_span(text),
        // More lines are a code block, on lines of their own, inside the list item or
        // quote the call stood in; within a line of text the call is left, and listed.
        false if !alone_on_line(tags, tag.start..end) => return None,
        false => fence("text", &written, tags.text[..tag.start].rsplit('\n').next().unwrap_or_default()),
    };
    Some((shown, end, "{{< qr >}} → what the QR code held".into()))
}

/// The report's line for `{{ inner }}` written as what it printed: one per name it starts
/// with (`{{ site.… }}`), so that a page printing many says so once.
fn printed_note(inner: &str) -> String {
    match inner.split_once('.') {
        _ if inner.starts_with(['"', '\'']) => "{{ \"…\" }} → the text it printed".into(),
        Some((root, _)) => format!("{{{{ {root}.… }}}} → the value the old site printed"),
        None => format!("{{{{ {inner} }}}} → the value the old site printed"),
    }
}

/// A Zola shortcode's rewrite: an escaped one, `{{/* youtube(id="x") */}}`, shows the
/// shortcode unescaped, as Zola did; a call of the site's own is careerpress's call of it
/// (`zola_site_shortcode`); a video or gist becomes a link.
fn zola_rewrite(
    tags: &Tags<'_>,
    tag: &Tag<'_>,
    before: Before<'_>,
    links: &dyn Links,
) -> Option<(String, usize, String)> {
    if let Some(inner) = zola_escaped(&tag.inner) {
        let shown =
            if tag.kind == Delim::LiquidTag { format!("{{% {inner} %}}") } else { format!("{{{{ {inner} }}}}") };
        let shown = if in_code(&before) { shown } else { as_code(&shown) };
        return Some((shown, tag.end, "Zola's {{/* */}} → shortcode shown as text".into()));
    }
    if tag.kind == Delim::LiquidTag && head(&tag.inner).0 == "raw" && links.tera_body() {
        let shown = block_end(tags, tag.end, Delim::LiquidTag, "endraw");
        return shown.map(|(inner, after)| (raw_shown(inner, &before), after, "Tera's {% raw %} removed".into()));
    }
    if let Some(kept) = zola_site_shortcode(tags, tag, links) {
        return Some((kept, tag.end, SITE_SHORTCODE_KEPT.to_string()));
    }
    let (name, args) = zola_call(&tag.inner).filter(|_| tag.kind == Delim::LiquidOutput)?;
    (!links.own_shortcode(name))
        .then(|| zola_video(name, &args))
        .flatten()
        .map(|s| (s, tag.end, format!("{{{{ {name}() }}}} → link")))
}

/// A call of the Zola site's own shortcode as careerpress's: `{{ note(kind="tip") }}` is
/// `{{< note kind="tip" >}}`; a pair's opening tag, `{% note() %}`, is `{{< note >}}` and
/// its `{% end %}` is `{{< /note >}}`. Only where careerpress reads the call as Zola did:
/// not in code, alone on its line or within text, and a pair's tags on one line or each
/// alone on its own. A pair on one line alone on its line is written on three, as a block:
/// Zola's output stood there as a block of HTML, and its body was a paragraph of its own.
fn zola_site_shortcode(tags: &Tags<'_>, tag: &Tag<'_>, links: &dyn Links) -> Option<String> {
    match tag.kind {
        Delim::LiquidTag if tag.inner == "end" => {
            let opening = zola_opening(tags, tag.start)?;
            let (call, end) = zola_pair(tags, &opening, links)?;
            let closing = format!("{{{{< /{} >}}}}", call.name);
            match zola_block(tags, &opening, end) {
                _ if end != tag.end => None,
                Some(prefix) => Some(format!("\n{prefix}{closing}")),
                None => Some(closing),
            }
        }
        Delim::LiquidTag => {
            let (call, end) = zola_pair(tags, tag, links)?;
            let opening = format!("{{{{< {} >}}}}", call.written());
            Some(match zola_block(tags, tag, end) {
                Some(prefix) => format!("{opening}\n{prefix}"),
                None => opening,
            })
        }
        Delim::LiquidOutput => {
            let call = zola_site_call(&tag.inner, links)?;
            if !callable(tags, tag.start..tag.end) {
                return None;
            }
            let opening = format!("{{{{< {} >}}}}", call.written());
            // A body given by name (`note(body="…")`) is a pair's body, as the template read it.
            Some(match (&call.body, zola_block(tags, tag, tag.end)) {
                (None, _) => opening,
                (Some(body), Some(prefix)) => format!("{opening}\n{prefix}{body}\n{prefix}{{{{< /{} >}}}}", call.name),
                (Some(body), None) => format!("{opening}{body}{{{{< /{} >}}}}", call.name),
            })
        }
        Delim::Shortcode => None,
    }
}

/// For a pair opened by `open` and ending at `end` on one line that it holds alone, the
/// markup a line within its container starts with (none at the top level, `> ` in a
/// quote); None for a pair within text, or on lines of its own already.
fn zola_block(tags: &Tags<'_>, open: &Tag<'_>, end: usize) -> Option<String> {
    if tags.text[open.start..end].contains('\n') || !alone_on_line(tags, open.start..end) {
        return None;
    }
    container_continuation(tags.text[..open.start].rsplit('\n').next().unwrap_or_default())
}

/// `inner` as a call of one of the site's own shortcodes whose values careerpress's call
/// can pass on.
fn zola_site_call(inner: &str, links: &dyn Links) -> Option<super::zola_shortcodes::Call> {
    let (name, rest) = inner.trim().split_once('(')?;
    let name = name.trim_end();
    let args = rest.trim_end().strip_suffix(')')?;
    if !links.own_shortcode(name) || crate::site::SHORTCODES.contains(&name) {
        return None;
    }
    let mut args = super::zola_shortcodes::values(args)?;
    // Zola's templates read `body` whether a pair's tags or the call's own value gave it.
    let body = args.iter().position(|(key, _)| key == "body").map(|at| args.remove(at).1.written());
    let call = super::zola_shortcodes::Call { name: name.to_string(), args, body };
    crate::markdown::parse_shortcode(&call.written()).ok()?;
    Some(call)
}

/// A pair of the site's own shortcode opened by `open`, and where its `{% end %}` ends,
/// where careerpress reads the pair as Zola did.
fn zola_pair(tags: &Tags<'_>, open: &Tag<'_>, links: &dyn Links) -> Option<(super::zola_shortcodes::Call, usize)> {
    let mut call = zola_site_call(&open.inner, links)?;
    let (body, after) = block_end(tags, open.end, Delim::LiquidTag, "end")?;
    let end = open.end + body.len()..after;
    let read = match body.contains('\n') {
        true => alone_on_line(tags, open.start..open.end) && alone_on_line(tags, end),
        false => callable(tags, open.start..open.end),
    };
    call.body = Some(body.to_string());
    read.then_some((call, after))
}

/// The call `{% name(…) %}` nearest before `at`, where a `{% end %}` stands: the opening
/// tag of its pair, if nothing ended that pair before (Zola's pairs do not nest, and end at
/// their first `{% end %}`). Other tags between, in the body's code or escaped
/// (`{% if x %}`, `{%/* note() */%}`), are text to Zola.
fn zola_opening<'a>(tags: &Tags<'a>, at: usize) -> Option<Tag<'a>> {
    tags.text[..at]
        .rmatch_indices("{%")
        .filter_map(|(start, _)| tags.next(start).filter(|t| t.start == start && t.end <= at))
        .find(|t| t.kind == Delim::LiquidTag && (t.inner == "end" || zola_call(&t.inner).is_some()))
        .filter(|t| t.inner != "end")
}

/// The call a kept tag of the site's own made, for the port of its template: the opening
/// tag of a pair with its body; None for a pair's `{% end %}`.
fn zola_kept_call(tags: &Tags<'_>, tag: &Tag<'_>, links: &dyn Links) -> Option<super::zola_shortcodes::Call> {
    match tag.kind {
        Delim::LiquidTag => zola_pair(tags, tag, links).map(|(call, _)| call),
        _ => zola_site_call(&tag.inner, links),
    }
}

/// `body` with each line that holds tags of the site's own Hugo shortcodes alone, two or
/// more (`{{< /tab >}} {{< tab "Two" >}}`), written one tag a line at its indent, and
/// the report's note when any was: Hugo read its tags wherever they stood, and careerpress
/// reads a pair on lines of its own. Code is left as it is.
fn one_shortcode_a_line(body: &str, links: &dyn Links) -> (String, Option<String>) {
    // Only a pair's tags: calls without a closing tag, written inline (`{{< icon "a" >}}
    // {{< icon "b" >}}`), stay within their line of text.
    let tags = Tags::new(body);
    let (mut closed, mut at) = (std::collections::HashSet::new(), 0);
    while let Some(tag) = tags.next(at) {
        if let Some(name) = tag_name(&tag.inner).strip_prefix('/').filter(|_| tag.kind == Delim::Shortcode) {
            closed.insert(name.to_string());
        }
        at = tag.end;
    }
    // The site's own: defined in its layouts, or by a theme or module the source does not
    // hold (any name Hugo has not built in), as `hugo_rewrite` keeps them.
    let site_name =
        |name: &str| links.own_shortcode(name) || !(HUGO_SHORTCODES.contains(&name) || name.ends_with(".inline"));
    let paired = |name: &str| site_name(name) && closed.contains(name);
    let mut out = String::with_capacity(body.len());
    let mut fence = crate::markdown::Fence::default();
    let mut split = false;
    for line in body.split_inclusive('\n') {
        let code = fence.is_open() || line.starts_with("    ") || line.starts_with('\t');
        fence.step(line.trim_end_matches(['\n', '\r']).trim_start());
        let indent = &line[..line.len() - line.trim_start().len()];
        let tags = (!code).then(|| shortcodes_alone(line.trim(), &paired)).flatten().filter(|t| t.len() > 1);
        let Some(tags) = tags else {
            out.push_str(line);
            continue;
        };
        let ending = if line.ends_with("\r\n") { "\r\n" } else { "\n" };
        for tag in tags {
            out.push_str(&format!("{indent}{tag}{ending}"));
        }
        split = true;
    }
    if !body.ends_with('\n') && split && out.ends_with('\n') {
        out.truncate(out.trim_end_matches(['\n', '\r']).len());
    }
    (out, split.then(|| "Hugo shortcodes sharing a line → one a line, as careerpress reads a pair's tags".into()))
}

/// The shortcode tags `line` holds with nothing but spaces between them, each of a name
/// `paired` takes; None when anything else stands there.
fn shortcodes_alone<'a>(line: &'a str, paired: &dyn Fn(&str) -> bool) -> Option<Vec<&'a str>> {
    let tags = Tags::new(line);
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(tag) = tags.next(at) {
        let own = paired(tag_name(&tag.inner).trim_start_matches('/'));
        if tag.kind != Delim::Shortcode || !own || !line[at..tag.start].trim().is_empty() {
            return None;
        }
        found.push(&line[tag.start..tag.end]);
        at = tag.end;
    }
    (line[at..].trim().is_empty() && !found.is_empty()).then_some(found)
}

/// Nunjucks's comments, `{# … #}` (`{#-` too), which Eleventy never published, taken out
/// with their text, and the report's note when there were any. A heading's `{#id}` is no
/// comment: one opens with a space, a line end or `-`.
fn without_nunjucks_comments(body: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    let mut removed = false;
    while let Some(rel) = body[at..].find("{#") {
        let start = at + rel;
        // Nunjucks prints a `{% raw %}` block's text as it is, comments and all.
        if let Some((raw_start, after)) = raw_before(body, at, start) {
            out.push_str(&body[at..raw_start]);
            out.push_str(&body[raw_start..after]);
            at = after;
            continue;
        }
        let opens = body[start + 2..].starts_with([' ', '\t', '\n', '\r', '-']);
        match body[start + 2..].find("#}").filter(|_| opens) {
            Some(len) => {
                out.push_str(&body[at..start]);
                at = start + 2 + len + 2;
                removed = true;
            }
            None => {
                out.push_str(&body[at..start + 2]);
                at = start + 2;
            }
        }
    }
    out.push_str(&body[at..]);
    (out, removed.then(|| "{# #} comments removed with their text".to_string()))
}

/// The first `{% raw %}` block that opens between `from` and `before`: where it starts and
/// where reading resumes after its `{% endraw %}`.
fn raw_before(body: &str, from: usize, before: usize) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(rel) = body[at..before].find("{%") {
        let start = at + rel;
        if let Some(open_end) = bare_tag_end(body, start, "raw") {
            let (_, after) = raw_end(body, open_end)?;
            return Some((start, after));
        }
        at = start + 2;
    }
    None
}

/// Hugo's escaped shortcode, `{{</* figure src="x" */>}}`, which Hugo shows as the
/// shortcode itself: written so, in code (which careerpress leaves as it is), inline code
/// where it stood in text, or as it is inside code already; and where it ends. As Hugo
/// reads it, it runs to the first `*/>}}` (`*/%}}`), so that one may hold a whole pair,
/// `{{</* katex >}}x{{< /katex */>}}`, and only the `/*` and `*/` go.
fn escaped_shortcode(body: &str, tag: &Tag<'_>, before: Before<'_>) -> Option<(String, usize)> {
    let open = &body[tag.start..tag.start + 3];
    let close = if open == "{{<" { ">}}" } else { "%}}" };
    let comment = tag.start + 3 + body[tag.start + 3..].find("/*")? + 2;
    let (end_at, end) = body[comment..].match_indices("*/").find_map(|(at, _)| {
        let after = body[comment + at + 2..].trim_start_matches([' ', '\t']);
        after.starts_with(close).then(|| (comment + at, body.len() - after.len() + close.len()))
    })?;
    let shown = format!("{open}{}{close}", &body[comment..end_at]);
    match in_code(&before) {
        true => Some((shown, end)),
        false => Some((as_code(&shown), end)),
    }
}

/// Whether what comes after `before` is in code, or in what is not Markdown text: a
/// fence, an indented block, a code span left open in its paragraph, `<code>` on its line, an HTML block
/// (its paragraph opens with `<`), a `<pre>` left open, or a quote, whose fences are not
/// followed here. Template syntax the old site showed as text stays as it is there;
/// elsewhere it becomes inline code (`as_code`), since careerpress leaves code alone but
/// takes `{{ … }}` in text for a leftover to convert (`check`'s `foreign-syntax`).
fn in_code(before: &Before<'_>) -> bool {
    let line = before.text.rsplit('\n').next().unwrap_or(before.text);
    let block = before.text.rsplit("\n\n").next().unwrap_or(before.text).trim_start_matches('\n');
    let opened =
        |tag: &str| before.text.matches(&format!("<{tag}")).count() > before.text.matches(&format!("</{tag}")).count();
    before.in_fence
        || line.starts_with("    ")
        || line.starts_with('\t')
        || open_span(block)
        || line.matches("<code").count() > line.matches("</code>").count()
        || ["<", ">"].iter().any(|opens| block.trim_start_matches(' ').starts_with(opens))
        || ["pre", "textarea", "script"].into_iter().any(opened)
}

/// Whether `line` ends inside a code span: a run of backticks opens one that only a run
/// as long closes.
fn open_span(line: &str) -> bool {
    let mut open: Option<usize> = None;
    let mut rest = line;
    while let Some(at) = rest.find('`') {
        let run = rest[at..].len() - rest[at..].trim_start_matches('`').len();
        open = match open {
            None => Some(run),
            Some(n) if n == run => None,
            kept => kept,
        };
        rest = &rest[at + run..];
    }
    open.is_some()
}

/// `shown` as inline code, in a run of backticks longer than any it holds.
fn as_code(shown: &str) -> String {
    let longest = shown.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    let pad = if shown.starts_with('`') || shown.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{shown}{pad}{ticks}")
}

/// A `{% raw %}` block's text, with each `{{ … }}` and `{% … %}` in it that stands in
/// Markdown text made inline code: Liquid printed them as they are, for a page about
/// templates. Its own fences, code spans, indented blocks, HTML and quotes are left as they
/// are (`in_code`), and so is a block in code.
fn raw_shown(raw: &str, before: &Before<'_>) -> String {
    if in_code(before) {
        return raw.to_string();
    }
    // Written after what comes before it, which `in_code` reads each tag's place in.
    let mut out = String::with_capacity(before.text.len() + raw.len() + 16);
    out.push_str(before.text);
    let mut fence: Option<(char, usize)> = None;
    for line in raw.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let run = |c: char| trimmed.len() - trimmed.trim_start_matches(c).len();
        let marker =
            ['`', '~'].into_iter().map(|c| (c, run(c))).find(|&(_, n)| n >= 3 && line.len() - trimmed.len() < 4);
        fence = match (fence, marker) {
            (None, Some(m)) => Some(m),
            (Some((c, n)), Some((m, k))) if c == m && k >= n && trimmed[k..].trim().is_empty() => None,
            (open, _) => open,
        };
        if fence.is_some() || marker.is_some() {
            out.push_str(line);
            continue;
        }
        let mut at = 0;
        while let Some(open) = ["{{", "{%"].iter().filter_map(|o| line[at..].find(o)).min().map(|o| at + o) {
            let close = if line[open..].starts_with("{{") { "}}" } else { "%}" };
            let Some(end) = line[open + 2..].find(close).map(|c| open + 2 + c + 2) else { break };
            out.push_str(&line[at..open]);
            let tag = &line[open..end];
            match in_code(&Before { text: &out, in_fence: false }) {
                true => out.push_str(tag),
                false => out.push_str(&as_code(tag)),
            }
            at = end;
        }
        out.push_str(&line[at..]);
    }
    out.split_off(before.text.len())
}

fn describe(kind: Delim, name: &str) -> String {
    match kind {
        Delim::Shortcode => format!("{{{{< {name} >}}}}"),
        _ => format!("{{% {name} %}}"),
    }
}

/// The body of a block tag up to its closing tag, and where reading resumes after it. A
/// `{% raw %}` block inside is text, closing tags in it included, as Liquid reads it.
fn block_end<'a>(tags: &Tags<'a>, from: usize, kind: Delim, end_name: &str) -> Option<(&'a str, usize)> {
    if kind == Delim::LiquidTag && end_name == "endraw" {
        return raw_end(tags.text, from);
    }
    let mut at = from;
    while let Some(tag) = tags.next(at) {
        if tag.kind == kind && tag_name(&tag.inner) == end_name {
            return Some((&tags.text[from..tag.start], tag.end));
        }
        at = match (tag.kind, head(&tag.inner).0, end_name) {
            (Delim::LiquidTag, "raw", name) if name != "endraw" => {
                block_end(tags, tag.end, Delim::LiquidTag, "endraw").map_or(tag.end, |(_, after)| after)
            }
            _ => tag.end,
        };
    }
    None
}

/// A `{% raw %}` block's text up to the first `{% endraw %}` (`{%- endraw -%}` too), and
/// where reading resumes: Liquid reads nothing inside, so a `{{` there opens no tag that
/// could hide the end.
fn raw_end(text: &str, from: usize) -> Option<(&str, usize)> {
    let mut at = from;
    while let Some(rel) = text[at..].find("{%") {
        let start = at + rel;
        if let Some(end) = bare_tag_end(text, start, "endraw") {
            return Some((&text[from..start], end));
        }
        at = start + 2;
    }
    None
}

/// Where the tag `{% name %}` (`{%- name -%}` too, nothing else in it) that starts at
/// `start` ends; None when another tag, or none, starts there.
fn bare_tag_end(text: &str, start: usize, name: &str) -> Option<usize> {
    let inner = text.get(start..)?.strip_prefix("{%")?.trim_start_matches('-').trim_start();
    let rest = inner.strip_prefix(name)?.trim_start().trim_start_matches('-').strip_prefix("%}")?;
    Some(text.len() - rest.len())
}

/// `code` as Liquid showed it: each `{% raw %}` block replaced by its text, and each
/// `{{ … }}` whose value the old site's settings say for sure (`Links::printed`) by that.
fn liquid_code(code: &str, links: &dyn Links) -> String {
    let mut out = String::with_capacity(code.len());
    let tags = Tags::new(code);
    let mut at = 0;
    while let Some(tag) = tags.next(at) {
        out.push_str(&code[at..tag.start]);
        let raw = tag.kind == Delim::LiquidTag && head(&tag.inner).0 == "raw";
        let printed = (tag.kind == Delim::LiquidOutput).then(|| links.printed(&tag.inner)).flatten();
        match raw.then(|| block_end(&tags, tag.end, Delim::LiquidTag, "endraw")).flatten() {
            Some((inner, after)) => {
                out.push_str(inner);
                at = after;
            }
            None => {
                out.push_str(printed.as_deref().unwrap_or(&code[tag.start..tag.end]));
                at = tag.end;
            }
        }
    }
    out.push_str(&code[at..]);
    out
}

/// Fenced code for a highlight block whose tag stood after `line_before` on its line. In
/// a list item or a quote (`1. `, `> `), each line and the closing fence carry what
/// continues that container (`   `, `> `): a fence closed at the margin would end the
/// list, and open a block that swallows the rest of the page. After text on its line, a
/// one-line block becomes a code span.
fn fence(lang: &str, code: &str, line_before: &str) -> String {
    let continuation = container_continuation(line_before);
    if continuation.is_none() && !code.trim().contains('\n') {
        return code_span(code.trim());
    }
    let prefix = continuation.unwrap_or_default();
    let bare = prefix.trim_end();
    // In a quote, a line of `>` alone is as empty as a blank one.
    let quoted = prefix.contains('>');
    let empty = |l: &str| l.trim_matches(|c: char| c.is_whitespace() || (quoted && c == '>')).is_empty();
    let mut lines: Vec<&str> = code.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    // The rest of the opening tag's line, and the indent before the closing tag.
    if lines.len() > 1 && empty(lines[0]) {
        lines.remove(0);
    }
    if lines.len() > 1 && lines.last().is_some_and(|l| empty(l)) {
        lines.pop();
    }
    let ticks = if code.contains("```") { "````" } else { "```" };
    let mut out = format!("{ticks}{lang}\n");
    // Written inside the container already when every line carries its continuation;
    // decided for the block, so that code indented as deep as a list item keeps its indent.
    let carried = |l: &str| l.starts_with(&prefix) || (quoted && l.starts_with(bare));
    let inside = lines.iter().all(|l| empty(l) || carried(l));
    for line in lines {
        if empty(line) {
            out.push_str(bare);
        } else {
            if !inside {
                out.push_str(&prefix);
            }
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push_str(&prefix);
    out.push_str(ticks);
    out
}

/// What continues the list items and quotes a line opens with (`1. ` and `> - `), as
/// spaces for each list marker and `>` for each quote: None when other text comes first.
fn container_continuation(line_before: &str) -> Option<String> {
    let whole = crate::markdown::container_prefix(line_before) == line_before.len();
    whole.then(|| crate::markdown::continuation(line_before))
}

/// `code` as an inline code span, its backticks fenced by more of them.
fn code_span(code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{code}{pad}{ticks}")
}

/// Arguments as Liquid and Hugo write them: bare words, "quoted" or 'quoted' strings,
/// and `name="value"` pairs.
fn args_of(args: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut rest = args.trim();
    while !rest.is_empty() {
        let (name, after_name) = match rest.find(['=', ' ', '"', '\'']) {
            Some(i) if rest[i..].starts_with('=') => (Some(rest[..i].to_string()), &rest[i + 1..]),
            _ => (None, rest),
        };
        let (value, after) = match after_name.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => match after_name[1..].find(q) {
                Some(end) => (after_name[1..1 + end].to_string(), &after_name[2 + end..]),
                None => (after_name[1..].to_string(), ""),
            },
            _ => {
                let end = after_name.find(char::is_whitespace).unwrap_or(after_name.len());
                (after_name[..end].to_string(), &after_name[end..])
            }
        };
        out.push((name, value));
        rest = after.trim_start();
    }
    out
}

/// The quoted strings of `text`, in order: JavaScript's arguments (`"a.png", "Alt"`) and
/// literals in an Eleventy configuration.
pub(super) fn quoted(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(['"', '\'', '`']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out
}

/// A tag's comma-separated arguments, each the text of a quoted literal or None for any
/// other expression (`"./img/" + name`, a variable), whose value is not known here.
fn literal_args(args: &str) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut rest = args.trim();
    while !rest.is_empty() {
        let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'));
        let literal = quote.and_then(|q| rest[1..].find(q).map(|end| (rest[1..1 + end].to_string(), &rest[2 + end..])));
        let (value, after) = match literal {
            // Eleventy's Liquid shortcodes take arguments split by commas or by spaces.
            Some((text, after))
                if after.trim_start().is_empty() || after.trim_start().starts_with([',', '"', '\'', '`']) =>
            {
                (Some(text), after.trim_start())
            }
            // Not a literal alone: the argument runs to the next comma outside quotes.
            _ => (None, &rest[expression_end(rest)..]),
        };
        out.push(value);
        rest = after.strip_prefix(',').unwrap_or(after).trim_start();
    }
    out
}

/// Where an argument that is an expression ends: its first comma outside quotes.
fn expression_end(text: &str) -> usize {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'' | '`') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ',') => return i,
            _ => {}
        }
    }
    text.len()
}

fn first_arg(args: &str) -> Option<String> {
    args_of(args).into_iter().find(|(name, _)| name.is_none()).map(|(_, v)| v)
}

fn named(args: &str, key: &str) -> Option<String> {
    args_of(args).into_iter().find(|(name, _)| name.as_deref() == Some(key)).map(|(_, v)| v)
}

/// `{{ site.baseurl }}`, `{{ site.url }}` and `{{ "/path" | relative_url }}`: the site path
/// itself, as careerpress's links are.
fn site_url(inner: &str) -> Option<String> {
    let compact: String = inner.split_whitespace().collect::<Vec<_>>().join(" ");
    if compact == "site.baseurl" || compact == "site.url" {
        return Some(String::new());
    }
    let (value, filters) = compact.split_once('|')?;
    let filter = filters.trim();
    // Jekyll's filters, and Eleventy's `url` (its pathPrefix before the path).
    let known = ["relative_url", "absolute_url", "prepend: site.baseurl", "prepend: site.url", "url"];
    if !known.contains(&filter) {
        return None;
    }
    let value = value.trim();
    let path = value.strip_prefix(['"', '\''])?.strip_suffix(['"', '\''])?;
    Some(if path.starts_with('/') { path.to_string() } else { format!("/{path}") })
}

/// Whether a tag that ends `before` stands where a URL goes: a Markdown link or image's
/// target (`](`), a reference definition's (`[x]: `), or an HTML attribute's value.
fn in_link_target(before: &str) -> bool {
    let tight = before.trim_end_matches([' ', '\t']);
    if tight.ends_with("](") || before.ends_with("](<") || before.ends_with("=\"") || before.ends_with("='") {
        return true;
    }
    // An unquoted attribute: `<a href={{ site.baseurl }}/x>`.
    let attribute = ["href=", "src=", "srcset=", "poster=", "action="];
    if attribute.iter().any(|a| {
        before.len() > a.len() && before.ends_with(a) && before[..before.len() - a.len()].ends_with(char::is_whitespace)
    }) {
        return true;
    }
    let line = before.rsplit('\n').next().unwrap_or(before);
    let definition = line.trim_start();
    line.len() - definition.len() < 4
        && definition.starts_with('[')
        && definition.trim_end().ends_with("]:")
        && !definition.starts_with("[^")
}

/// Hugo's figure as Markdown: the image (linked, when it was), then one line of caption
/// with its title in bold and its attribution, linked when it was.
fn figure(args: &str) -> String {
    let given = |key: &str| named(args, key).filter(|v| !v.trim().is_empty());
    let src = named(args, "src").unwrap_or_default();
    let (title, caption) = (given("title"), given("caption"));
    let alt = given("alt").or_else(|| caption.clone()).or_else(|| title.clone()).unwrap_or_default();
    let image = format!("![{}](<{}>)", alt.replace(['[', ']'], ""), src);
    let mut out = match given("link") {
        Some(link) => format!("[{image}](<{link}>)"),
        None => image,
    };
    // Hugo's figure printed the title as text, and the caption and attribution through
    // its Markdown, which leaves raw HTML out by default.
    let mut lines: Vec<String> = Vec::new();
    lines.extend(title.map(|t| format!("**{}**", markdown_text(&t))));
    lines.extend(caption.map(|c| format!("*{}*", c.replace('<', "\\<"))));
    lines.extend(given("attr").map(|a| a.replace('<', "\\<")).map(|a| match given("attrlink") {
        Some(link) => format!("[{a}](<{link}>)"),
        None => a,
    }));
    if !lines.is_empty() {
        out.push_str("\n\n");
        out.push_str(&lines.join(" "));
    }
    out
}

/// `text` as Markdown that shows it as written: every ASCII punctuation mark escaped, so
/// that nothing in it is emphasis, a link, HTML or a character reference.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Zola shortcode call, `youtube(id="x", autoplay=true)`: its name, and its arguments
/// as Hugo writes them (`id="x" autoplay=true`), for [`args_of`].
fn zola_call(inner: &str) -> Option<(&str, String)> {
    let (name, rest) = inner.trim().split_once('(')?;
    // Zola's grammar lets space stand between the name and its parenthesis (`note ()`).
    let name = name.trim_end();
    let args = rest.strip_suffix(')')?;
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let mut quote = None;
    let spaced = args
        .chars()
        .map(|c| match (quote, c) {
            (None, '"' | '\'' | '`') => {
                quote = Some(c);
                c
            }
            (Some(q), _) if c == q => {
                quote = None;
                c
            }
            (None, ',') => ' ',
            _ => c,
        })
        .collect();
    Some((name, spaced))
}

/// The shortcode inside Zola's escape, `/* youtube(id="x") */`.
fn zola_escaped(inner: &str) -> Option<&str> {
    Some(inner.trim().strip_prefix("/*")?.strip_suffix("*/")?.trim())
}

/// Zola's built-in embeds as a link to what they showed; None for any other shortcode.
fn zola_video(name: &str, args: &str) -> Option<String> {
    match name {
        "youtube" | "vimeo" => video(name, args),
        "streamable" => named(args, "id")
            .filter(|id| id.chars().all(|c| c.is_ascii_alphanumeric()))
            .map(|id| format!("[Watch the video on Streamable](https://streamable.com/{id})")),
        "gist" => named(args, "url")
            .filter(|url| url.starts_with("https://gist.github.com/") && !url.contains(['<', '>', ' ']))
            .map(|url| format!("[See the code on GitHub Gist](<{url}>)")),
        _ => None,
    }
}

/// A link to the slides Hugo's old `speakerdeck` shortcode embedded, by their id.
fn speakerdeck(args: &str) -> Option<String> {
    let id = first_arg(args).filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()))?;
    Some(format!("[See the slides on Speaker Deck](https://speakerdeck.com/player/{id})"))
}

fn video(name: &str, args: &str) -> Option<String> {
    let id = named(args, "id").or_else(|| first_arg(args))?;
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    Some(match name {
        "youtube" => format!("[Watch the video on YouTube](https://www.youtube.com/watch?v={id})"),
        _ => format!("[Watch the video on Vimeo](https://vimeo.com/{id})"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Posts;
    impl Links for Posts {
        fn target(&self, reference: &str) -> Option<String> {
            (reference.contains("welcome")).then(|| "@/posts/welcome.md".to_string())
        }
    }

    /// Knows one setting, as a Jekyll site's `_config.yml` would.
    struct Repository;
    impl Links for Repository {
        fn target(&self, _: &str) -> Option<String> {
            None
        }
        fn printed(&self, inner: &str) -> Option<String> {
            match inner {
                "site.repository" => Some("https://example.org/repo".into()),
                "color" => Some("red".into()),
                _ => None,
            }
        }
    }

    #[test]
    fn details_stay_inside_the_quote_or_list_item_they_stand_in() {
        let quoted = "> {{< details summary=\"S\" class=\"a'<b\" >}}\n> Body **b**.\n> {{< /details >}}\n";
        let c = convert(quoted, &Repository, Syntax::Hugo);
        assert_eq!(
            c.text,
            "> <details class=\"a&#39;&lt;b\">\n> <summary>S</summary>\n>\n> Body **b**.\n> \n> </details>\n"
        );
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&c.text));
        assert!(
            html.starts_with("<blockquote>\n<details") && html.trim_end().ends_with("</details>\n</blockquote>"),
            "{html}"
        );
        let listed = "- {{< details >}}\n\n  Body.\n  {{< /details >}}\n";
        let c = convert(listed, &Repository, Syntax::Hugo);
        assert_eq!(c.text, "- <details>\n  <summary>Details</summary>\n\n\n  Body.\n  \n  </details>\n");
    }

    /// A site whose own shortcodes (its templates') are these names.
    struct Own(&'static [&'static str]);
    impl Links for Own {
        fn target(&self, _: &str) -> Option<String> {
            None
        }
        fn own_shortcode(&self, name: &str) -> bool {
            self.0.contains(&name)
        }
    }

    /// The site's own `details` and `figure` (a theme's) are not Hugo's.
    const OWN_DETAILS: Own = Own(&["details", "figure"]);
    /// A Zola site whose own shortcodes are `note` and `val`.
    const ZOLA_OWN: Own = Own(&["note", "val"]);

    #[test]
    fn a_zola_pair_ends_at_its_end_tag_whatever_its_body_holds() {
        let body = "{% note() %}\n```jinja\n{% if user %}Hi{% endif %}\n```\n{% end %}\n\n\
                    {% note(kind=\"tip\") %}\nInline `{% for x in y %}` and {%/* note() */%}.\n{% end %}\n\n{% end %}\n";
        let c = convert(body, &ZOLA_OWN, Syntax::Zola);
        assert_eq!(
            c.text,
            "{{< note >}}\n```jinja\n{% if user %}Hi{% endif %}\n```\n{{< /note >}}\n\n\
             {{< note kind=\"tip\" >}}\nInline `{% for x in y %}` and `{% note() %}`.\n{{< /note >}}\n\n{% end %}\n"
        );
        assert_eq!(c.left, [(11, "{% end %}".to_string())], "a stray end tag is listed");
        let bodies: Vec<_> = c.zola_calls.iter().map(|call| call.body.as_deref().unwrap_or_default()).collect();
        assert_eq!(
            bodies,
            ["\n```jinja\n{% if user %}Hi{% endif %}\n```\n", "\nInline `{% for x in y %}` and {%/* note() */%}.\n"]
        );
    }

    #[test]
    fn a_zola_pair_alone_on_one_line_is_a_block_and_a_call_in_code_is_listed() {
        let body = "{% note() %}one *line*{% end %}\n\n> {% note() %}quoted{% end %}\n\n\
                    Inline {% note() %}pair{% end %} and {{ val(n=2) }}.\n\n`{{ val(v=\"code\") }}`\n";
        let c = convert(body, &ZOLA_OWN, Syntax::Zola);
        assert_eq!(
            c.text,
            "{{< note >}}\none *line*\n{{< /note >}}\n\n> {{< note >}}\n> quoted\n> {{< /note >}}\n\n\
             Inline {{< note >}}pair{{< /note >}} and {{< val n=\"2\" >}}.\n\n`{{ val(v=\"code\") }}`\n"
        );
        assert_eq!(c.left, [(11, "{{ val(v=\"code\") }}".to_string())], "Zola drew it in code: it is listed");
        assert_eq!(c.site_shortcodes.into_iter().collect::<Vec<_>>(), ["note", "val"]);
    }

    #[test]
    fn hugo_shortcodes_sharing_a_line_are_written_one_a_line() {
        let body = "{{< tabs >}} {{< tab \"One\" >}}\n\nFirst.\n\n  {{< /tab >}}  {{% tab \"Two\" %}}\r\nSecond.\n\
                    {{< /tab >}} and text {{< x >}}\n```\n{{< a >}} {{< b >}}\n```\n{{< /tab >}} {{< /tabs >}}";
        let c = convert(body, &Own(&["tabs", "tab", "x", "a", "b", "icon"]), Syntax::Hugo);
        assert_eq!(
            c.text,
            "{{< tabs >}}\n{{< tab \"One\" >}}\n\nFirst.\n\n  {{< /tab >}}\r\n  {{< tab \"Two\" >}}\r\nSecond.\n\
             {{< /tab >}} and text {{< x >}}\n```\n{{< a >}} {{< b >}}\n```\n{{< /tab >}}\n{{< /tabs >}}"
        );
        assert!(c.done.iter().any(|d| d.contains("one a line")), "{:?}", c.done);
        assert_eq!(convert("{{< a >}} {{< b >}}\n", &Own(&["a", "b"]), Syntax::Liquid).text, "{{< a >}} {{< b >}}\n");
        // Hugo's own, made links, stay on their line, and calls without a closing tag too.
        let c = convert("{{< tab >}} {{< youtube x >}}\n{{< /tab >}}\n", &Own(&["tab"]), Syntax::Hugo);
        assert!(c.text.starts_with("{{< tab >}} [Watch"), "{}", c.text);
        let icons = "Stars:\n{{< icon \"a\" >}} {{< icon \"b\" >}}\n";
        assert_eq!(convert(icons, &Own(&["icon"]), Syntax::Hugo).text, icons);
        // A theme's or module's pair the source does not hold (beautifulhugo's `tabs`) is
        // the site's too; Hugo's own `details` is not.
        let theirs = "{{< tabs >}} {{< tab \"One\" >}}\nFirst.\n{{< /tab >}} {{< /tabs >}}\n";
        let c = convert(theirs, &Own(&[]), Syntax::Hugo);
        assert!(
            c.text.starts_with("{{< tabs >}}\n{{< tab \"One\" >}}\nFirst.\n{{< /tab >}}\n{{< /tabs >}}"),
            "{}",
            c.text
        );
        let hugos = "{{< details >}} {{< x.inline >}}\nA.\n{{< /x.inline >}} {{< /details >}}\n";
        assert!(!convert(hugos, &Own(&[]), Syntax::Hugo).done.iter().any(|d| d.contains("one a line")));
    }

    #[test]
    fn a_zola_body_given_by_name_is_a_pairs_body() {
        let body = "{{ note(body=\"Inline **b**\", kind=\"tip\") }}\n\nSay {{ val(n=1, body='x') }} now.\n";
        let c = convert(body, &ZOLA_OWN, Syntax::Zola);
        assert_eq!(
            c.text,
            "{{< note kind=\"tip\" >}}\nInline **b**\n{{< /note >}}\n\nSay {{< val n=\"1\" >}}x{{< /val >}} now.\n"
        );
        let bodies: Vec<Option<&str>> = c.zola_calls.iter().map(|call| call.body.as_deref()).collect();
        assert_eq!(bodies, [Some("Inline **b**"), Some("x")]);
    }

    /// A Zola 0.23 site: Tera ran over its bodies.
    struct Tera2;
    impl Links for Tera2 {
        fn target(&self, _: &str) -> Option<String> {
            None
        }
        fn tera_body(&self) -> bool {
            true
        }
    }

    #[test]
    fn zola_023s_raw_blocks_show_their_text_as_tera_showed_it() {
        let body = "## Usage {% raw %}{#usage}{% endraw %}\n\nSee `{% raw %}{{ config.base_url }}{% endraw %}` and \
                    {% raw %}{{ page.title }}{% endraw %}.\n\n```\n{% raw %}{% if x %}{% endraw %}\n```\n";
        let c = convert(body, &Tera2, Syntax::Zola);
        assert_eq!(
            c.text,
            "## Usage {#usage}\n\nSee `{{ config.base_url }}` and `{{ page.title }}`.\n\n```\n{% if x %}\n```\n"
        );
        assert!(c.left.is_empty(), "{:?}", c.left);
        // Before 0.23, Zola ran only its shortcodes: `{% raw %}` was text, left and listed.
        let c = convert("A {% raw %}x{% endraw %}.\n", &ZOLA_OWN, Syntax::Zola);
        assert_eq!((c.text.as_str(), c.left.len()), ("A {% raw %}x{% endraw %}.\n", 2));
    }

    #[test]
    fn zola_components_are_kept_as_its_shortcodes_were() {
        let body = "{{ <val n={2} /> }} and {{<val v=\"x\" on={true}/>}}.\n\n{% <note kind=\"tip\"> %}\nA *tip*.\n{% </note> %}\n\n\
                    {{ <val v={page.title} /> }}\n\n{{ <other /> }} <b>bold</b> {{ <val> }} {{<val v={x} />}}\n";
        let c = convert(body, &ZOLA_OWN, Syntax::Zola);
        assert_eq!(
            c.text,
            "{{< val n=\"2\" >}} and {{< val v=\"x\" on=\"true\" >}}.\n\n{{< note kind=\"tip\" >}}\nA *tip*.\n{{< /note >}}\n\n\
             {{ \\<val v={page.title} /> }}\n\n{{ \\<other /> }} <b>bold</b> {{ \\<val> }} {{ \\<val v={x} />}}\n"
        );
        // A value that is no literal, and what is not a call, stay as written and are listed.
        let left: Vec<&str> = c.left.iter().map(|(_, tag)| tag.as_str()).collect();
        assert_eq!(left, ["{{ <val v={page.title} /> }}", "{{ <other /> }}", "{{ <val> }}", "{{<val v={x} />}}"]);
        let calls: Vec<(&str, Option<&str>)> =
            c.zola_calls.iter().map(|c| (c.name.as_str(), c.body.as_deref())).collect();
        assert_eq!(calls, [("val", None), ("val", None), ("note", Some("\nA *tip*.\n"))]);
    }

    #[test]
    fn a_sites_own_shortcode_of_a_hugo_name_is_kept_as_the_sites() {
        let body = "{{< details \"Answer\" >}}\nYes.\n{{</ details >}}\n{{< figure src=\"a.png\" >}}\n";
        let c = convert(body, &OWN_DETAILS, Syntax::Hugo);
        assert!(c.text.starts_with("{{< details \"Answer\" >}}\nYes.\n{{< /details >}}\n![](<a.png>)"), "{}", c.text);
        assert!(c.left.is_empty(), "{:?}", c.left);
        assert_eq!(c.site_shortcodes.into_iter().collect::<Vec<_>>(), ["details"]);
    }

    #[test]
    fn the_sites_own_shortcodes_are_written_as_careerpress_calls_where_it_reads_them() {
        let body = concat!(
            "{{< job_callout x >}}\n",
            "{{% notice tip `Read this` %}}\nSome *text*.\n{{% /notice %}}\n",
            "  {{< badge v=1.2 />}}\n",
            "Text {{< badge v=1 >}} inline.\n",
            "> {{< note >}}\nquoted opening\n{{</ note >}}\n",
            "{{< say text=\"a \\\"b\\\"\" >}}\n",
            "```\n{{< badge >}}\n```\n",
            "{{< speakerdeck \"../x\" >}}\n",
        );
        let c = convert(body, &Repository, Syntax::Hugo);
        let lines: Vec<&str> = c.text.lines().skip(1).collect();
        assert_eq!(
            lines[..5],
            [
                "{{< notice \"tip\" \"Read this\" >}}",
                "Some *text*.",
                "{{< /notice >}}",
                "  {{< badge v=\"1.2\" >}}",
                "Text {{< badge v=\"1\" >}} inline."
            ]
        );
        assert_eq!(
            lines[5..8],
            ["> {{< note >}}", "quoted opening", "{{< /note >}}"],
            "a quoted call is a call, as in a list item"
        );
        let left: Vec<usize> = c.left.iter().map(|(line, _)| *line).collect();
        let expected = [1, 10, 12, 14];
        assert_eq!(
            left, expected,
            "careerpress's name, a quote in a value, in code, Hugo's own without an id it can read: {:?}",
            c.left
        );
        assert_eq!(c.site_shortcodes.into_iter().collect::<Vec<_>>(), ["badge", "note", "notice"]);
    }

    #[test]
    fn the_sites_own_shortcodes_within_text_are_kept_where_careerpress_reads_them() {
        // Within text: a pair on one line is kept, one over lines, or in a link's target, left.
        let body =
            "Press {{% kbd %}}Ctrl{{% /kbd %}} now.\nSee [it]({{< url >}}).\nA {{< mark >}}long\nrun{{< /mark >}}.\n";
        let c = convert(body, &Repository, Syntax::Hugo);
        assert!(
            c.text.starts_with("Press {{< kbd >}}Ctrl{{< /kbd >}} now.\nSee [it]({{< url >}}).\nA {{< mark >}}"),
            "{}",
            c.text
        );
        assert_eq!(c.left.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [2, 3, 4], "{:?}", c.left);
        assert_eq!(c.site_shortcodes.into_iter().collect::<Vec<_>>(), ["kbd"]);
        // The search for a later closing tag is shared by the calls before it.
        let c = convert("A {{% m %}} x\nB {{% m %}}y{{% /m %}}\n", &Repository, Syntax::Hugo);
        assert_eq!(c.text, "A {{% m %}} x\nB {{< m >}}y{{< /m >}}\n");
    }

    #[test]
    fn a_list_items_indentation_is_not_code() {
        let body = "1. Step\n\n    {{< note >}}\n\n        {{< badge >}}\n\ntext\n\n    {{< badge >}}\n";
        let c = convert(body, &Repository, Syntax::Hugo);
        assert_eq!(c.left.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [5, 9], "{:?}", c.left);
        assert!(c.done.iter().any(|d| d == SITE_SHORTCODE_KEPT), "{:?}", c.done);
    }

    #[test]
    fn hugos_inline_shortcodes_keep_their_text_and_lose_their_go_code() {
        let body = "{{< a.inline >}}\n{{ if .Site.Params.math }}<script></script>{{ end }}\n{{< /a.inline >}}\n\
                    {{< b.inline >}}<p>Shown as written.</p>{{</ b.inline >}}\n{{< a.inline />}}\nEnd.\n";
        let c = convert(body, &Repository, Syntax::Hugo);
        assert_eq!(c.text, "\n<p>Shown as written.</p>\n\nEnd.\n");
        assert!(c.left.is_empty(), "{:?}", c.left);
        assert_eq!(c.done.len(), 2, "{:?}", c.done);
    }

    #[test]
    fn a_printed_tag_start_is_left_in_text_and_written_in_code() {
        struct Literal;
        impl Links for Literal {
            fn target(&self, _: &str) -> Option<String> {
                None
            }
            fn printed(&self, inner: &str) -> Option<String> {
                inner.strip_prefix('"')?.strip_suffix('"').map(str::to_string)
            }
        }
        let body = "Use `{{ \"{{\" }} x }}`. Text {{ \"{{\" }} y }} and {{ \"b\" }}.\n";
        let c = convert(body, &Literal, Syntax::Liquid);
        assert_eq!(c.text, "Use `{{ x }}`. Text {{ \"{{\" }} y }} and b.\n");
        assert_eq!(c.left, [(1, "{{ \"{{\" }}".to_string())]);
    }

    #[test]
    fn a_page_that_ran_no_template_keeps_its_tags() {
        let body = "{{ site.repository }} {% highlight x %}a{% endhighlight %}\n";
        let c = convert(body, &Repository, Syntax::Plain);
        assert_eq!(c.text, body);
        assert_eq!(c.left.len(), 3);
    }

    #[test]
    fn hugos_own_shortcodes_become_markdown_and_html() {
        let body = "{{< details summary=\"Pay <bands>\" open=true >}}\nA **bold** {{< param \"color\" >}} word.\n{{< /details >}}\n\n\
                    {{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}\n{{< tweet 877500564405444608 >}}\n\
                    {{< instagram CxOWiQNP2MO >}}\n{{< gist spf13 7896402 >}}\n\
                    {{% comment %}}A note {{< param \"nope\" >}}{{% /comment %}}{{< param size >}}\n";
        let c = convert(body, &Repository, Syntax::Hugo);
        assert_eq!(
            c.text,
            "<details open>\n<summary>Pay &lt;bands&gt;</summary>\n\nA **bold** red word.\n\n</details>\n\n\
             [See the post by @SanDiegoZoo on X](https://x.com/SanDiegoZoo/status/1453110110599868418)\n\
             [See the post on X](https://x.com/i/status/877500564405444608)\n\
             [See the post on Instagram](https://www.instagram.com/p/CxOWiQNP2MO/)\n\
             [See the code on GitHub Gist](https://gist.github.com/spf13/7896402)\n\
             {{< param size >}}\n"
        );
        assert_eq!(c.left, [(12, "{{< param size >}}".to_string())]);
        // A `details` that never closes, or an id that could leave the URL, is left.
        // Hugo's older built-ins, as the ones that replaced them.
        let old = "{{< vimeo_simple 146022717 >}}\n{{< twitter_simple user=\"a\" id=\"1\" >}}\n\
                   {{< speakerdeck 4e8126e72d853c0060001f97 >}}\n";
        assert_eq!(
            convert(old, &Repository, Syntax::Hugo).text,
            "[Watch the video on Vimeo](https://vimeo.com/146022717)\n[See the post by @a on X](https://x.com/a/status/1)\n\
             [See the slides on Speaker Deck](https://speakerdeck.com/player/4e8126e72d853c0060001f97)\n"
        );
        let odd = "{{< details >}}\n{{< instagram \"a/../b\" >}}\n";
        assert_eq!(convert(odd, &Repository, Syntax::Hugo).text, odd);
        // `qr` (Hugo 0.141): what the code held, a URL as a link, other text as code.
        let body = "{{< qr text=\"https://gohugo.io\" />}}\n\n{{< qr >}}\nBEGIN:VCARD\nN:Doe;John\n{{< /qr >}}\n\n\
                    {{< qr text=\"a ``` b\" />}}\n";
        let c = convert(body, &Repository, Syntax::Hugo);
        assert_eq!(c.text, "<https://gohugo.io>\n\n```text\nBEGIN:VCARD\nN:Doe;John\n```\n\n````a ``` b````\n");
        assert!(c.left.is_empty() && c.done.iter().any(|d| d.contains("{{< qr >}} → what the QR code held")));
        // Within a line, in a list or a quote, a line of text is code there; more lines a
        // code block inside the quote.
        let body = "Scan {{< qr text=\"WIFI:S:net;;\" />}} to join, or {{< qr text=\"https://x.example\" />}}.\n\
                    - {{< qr text=\"BEGIN:VCARD\" />}}\n> {{< qr >}}\n> x\n> y\n> {{< /qr >}}\n";
        let c = convert(body, &Repository, Syntax::Hugo);
        let want =
            "Scan `WIFI:S:net;;` to join, or <https://x.example>.\n- `BEGIN:VCARD`\n> ```text\n> x\n> y\n> ```\n";
        assert_eq!(c.text, want);
        assert!(c.left.is_empty(), "{:?}", c.left);
        // A site's own `qr` or `speakerdeck` is its own, and kept as a call.
        let own = "{{< qr text=\"https://gohugo.io\" >}}\n{{< speakerdeck abc >}}\n";
        let kept = "{{< qr text=\"https://gohugo.io\" >}}\n{{< speakerdeck \"abc\" >}}\n";
        assert_eq!(convert(own, &Own(&["qr", "speakerdeck"]), Syntax::Hugo).text, kept);
    }

    #[test]
    fn values_the_old_site_printed_are_written_in_text_links_and_code() {
        let body = "[#12]({{ site.repository }}/issues/12)\n\n`{{- site.repository -}}` and {{ site.other }}\n";
        let c = convert(body, &Repository, Syntax::Liquid);
        assert_eq!(
            c.text,
            "[#12](https://example.org/repo/issues/12)\n\n`https://example.org/repo` and {{ site.other }}\n"
        );
        assert_eq!(c.done, ["{{ site.… }} → the value the old site printed"]);
        assert_eq!(c.left, [(3, "{{ site.other }}".to_string())]);
        // Liquid's whitespace control took the spaces and line ends beside the value.
        let c = convert("a {{- site.repository -}}\n b {{ site.repository -}} c", &Repository, Syntax::Liquid);
        assert_eq!(c.text, "ahttps://example.org/repob https://example.org/repoc");
        // Not past a line already counted: a value printed as nothing after a blank line.
        let c = convert("a\n\n{{- site.other -}}\n{{- site.repository }}", &Repository, Syntax::Liquid);
        assert_eq!(c.text, "a\n\n{{- site.other -}}\nhttps://example.org/repo");
        // Hugo and Zola ran no Liquid: their `{{ … }}` is theirs, or text.
        for syntax in [Syntax::Hugo, Syntax::Zola] {
            assert_eq!(convert(body, &Repository, syntax).text, body);
        }
    }

    #[test]
    fn highlight_becomes_a_fence_in_both_dialects() {
        let c = convert("a\n{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\nb", &Posts, Syntax::Liquid);
        assert_eq!(c.text, "a\n```ruby\nputs 1\n```\nb");
        // Liquid ran over the code as over the page: what it printed is written, raw text shown.
        let code = "{% highlight sh %}\ngit clone {{ site.repository }}\n{% raw %}{{ x }}{% endraw %} {{ site.other }}\n{% endhighlight %}";
        let c = convert(code, &Repository, Syntax::Liquid);
        assert_eq!(c.text, "```sh\ngit clone https://example.org/repo\n{{ x }} {{ site.other }}\n```");
        // Hugo showed its highlight's code as written.
        let code = "{{< highlight sh >}}\n{{ site.repository }} {% raw %}x{% endraw %}\n{{< /highlight >}}";
        let c = convert(code, &Repository, Syntax::Hugo);
        assert_eq!(c.text, "```sh\n{{ site.repository }} {% raw %}x{% endraw %}\n```");
        let c =
            convert("{{< highlight go \"linenos=table\" >}}\nfmt.Println()\n{{< /highlight >}}", &Posts, Syntax::Hugo);
        assert_eq!(c.text, "```go\nfmt.Println()\n```");
        assert!(c.left.is_empty());
    }

    #[test]
    fn links_urls_figures_and_videos() {
        let c = convert(
            "[a]({% post_url 2019-08-19-welcome %}) [b]({% link _posts/2019-08-19-welcome.md %})",
            &Posts,
            Syntax::Liquid,
        );
        assert_eq!(c.text, "[a](@/posts/welcome.md) [b](@/posts/welcome.md)");
        let c = convert(
            "![x]({{ site.baseurl }}/assets/x.png) ![y]({{ '/assets/y.png' | relative_url }})",
            &Posts,
            Syntax::Liquid,
        );
        assert_eq!(c.text, "![x](/assets/x.png) ![y](/assets/y.png)");
        let c = convert("[w]({{< ref \"welcome.md\" >}})\n\n[w]: {{< relref \"welcome.md\" >}}", &Posts, Syntax::Hugo);
        assert_eq!(c.text, "[w](@/posts/welcome.md)\n\n[w]: @/posts/welcome.md");
        let c = convert(
            "[c]( {{ site.baseurl }}/x) <a href={{ site.baseurl }}/y>y</a> x={{ site.url }}",
            &Posts,
            Syntax::Liquid,
        );
        assert_eq!(c.text, "[c]( /x) <a href=/y>y</a> x={{ site.url }}");
        let c = convert("[a]({{ site.baseurl }}{% post_url 2019-08-19-welcome %})", &Posts, Syntax::Liquid);
        assert_eq!(c.text, "[a](@/posts/welcome.md)");
        let c = convert("<a href=\"{{< ref \"welcome.md\" >}}\">w</a>", &Posts, Syntax::Hugo);
        assert_eq!(c.text, "<a href=\"@/posts/welcome.md\">w</a>");
        let c = convert(
            "{{< figure src=\"chart.png\" alt=\"A chart\" caption=\"Offers by month\" >}}",
            &Posts,
            Syntax::Hugo,
        );
        assert_eq!(c.text, "![A chart](<chart.png>)\n\n*Offers by month*");
        let c = convert(
            "{{< figure src=\"c.png\" link=\"/big.png\" title=\"Offers\" caption=\"by month\" attr=\"BLS\" \
             attrlink=\"https://bls.gov\" >}}",
            &Posts,
            Syntax::Hugo,
        );
        assert_eq!(c.text, "[![by month](<c.png>)](</big.png>)\n\n**Offers** *by month* [BLS](<https://bls.gov>)");
        // Hugo printed the title as text, and left raw HTML out of the caption.
        let c = convert(
            "{{< figure src=\"c.png\" title=\"<img src=x onerror=alert(1)> *T* &amp;\" caption=\"<b>x</b>\" >}}",
            &Posts,
            Syntax::Hugo,
        );
        assert_eq!(
            c.text,
            "![<b>x</b>](<c.png>)\n\n**\\<img src\\=x onerror\\=alert\\(1\\)\\> \\*T\\* \\&amp\\;** *\\<b>x\\</b>*"
        );
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&c.text));
        assert!(html.contains("<strong>&lt;img src=x onerror=alert(1)&gt; *T* &amp;amp;</strong>"), "{html}");
        assert!(!html.contains("<img src=x") && !html.contains("<b>"), "{html}");
        let c = convert("{{< youtube dQw4w9WgXcQ >}} {{< vimeo id=\"123\" >}}", &Posts, Syntax::Hugo);
        assert_eq!(
            c.text,
            "[Watch the video on YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ) \
             [Watch the video on Vimeo](https://vimeo.com/123)"
        );
    }

    #[test]
    fn zolas_embeds_become_links_and_its_escapes_show_the_shortcode() {
        let body =
            "{{ youtube(id=\"dQw4w9WgXcQ\", autoplay=true) }}\n\n{{ gist(url=\"https://gist.github.com/a/1\") }}\n\n\
                    Write {{/* vimeo(id=\"1\") */}} and {%/* note() */%}.\n\n{{ chart(data=\"a, b\") }}\n\n\
                    `{{/* in_code() */}}`";
        let c = convert(body, &Posts, Syntax::Zola);
        assert_eq!(
            c.text,
            "[Watch the video on YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\n\
             [See the code on GitHub Gist](<https://gist.github.com/a/1>)\n\n\
             Write `{{ vimeo(id=\"1\") }}` and `{% note() %}`.\n\n{{ chart(data=\"a, b\") }}\n\n\
             `{{ in_code() }}`"
        );
        assert_eq!(c.left, [(7, "{{ chart(data=\"a, b\") }}".to_string())]);
        assert_eq!(zola_call("chart(data=\"a, b\", n=2)"), Some(("chart", "data=\"a, b\"  n=2".to_string())));
        assert_eq!(zola_call("site.title"), None);
        // Zola lets space stand before the parenthesis (DeepThought's `{% mermaid () %}`).
        assert_eq!(zola_call(" note () "), Some(("note", String::new())));
        let c = convert("{% note () %}\nHello **world**.\n{% end %}\n", &ZOLA_OWN, Syntax::Zola);
        assert_eq!(c.text, "{{< note >}}\nHello **world**.\n{{< /note >}}\n");
        assert!(c.left.is_empty(), "{:?}", c.left);
    }

    #[test]
    fn escaped_shortcodes_are_shown_as_the_shortcode_hugo_showed() {
        let body = "Write {{</* youtube abc */>}} inline.\n\n{{%/* notice */%}}\n\n```go\n{{</* figure src=\"x.png\" */>}}\n```\n\nIn `{{</* ref \"a.md\" */>}}` code.";
        let c = convert(body, &Posts, Syntax::Hugo);
        assert_eq!(
            c.text,
            "Write `{{< youtube abc >}}` inline.\n\n`{{% notice %}}`\n\n```go\n{{< figure src=\"x.png\" >}}\n```\n\nIn `{{< ref \"a.md\" >}}` code."
        );
        assert!(c.left.is_empty(), "{:?}", c.left);
        // hugo-book: one comment around a whole pair, and a self-closing one.
        let body = "In `{{</* katex >}}\\pi(x){{< /katex */>}}` and {{</* katex /*/>}}.\n\n```tpl\n{{</* katex display=true >}}\nx\n{{< /katex */>}}\n```\n";
        assert_eq!(
            convert(body, &Posts, Syntax::Hugo).text,
            "In `{{< katex >}}\\pi(x){{< /katex >}}` and `{{< katex />}}`.\n\n```tpl\n{{< katex display=true >}}\nx\n{{< /katex >}}\n```\n"
        );
        // Indented code, a fence inside a longer one, and `<code>` hold it as it is.
        let body = "    {{</* a */>}}\n\n````md\n```\n{{</* b */>}}\n````\n\n<code>{{</* c */>}}</code>";
        assert_eq!(
            convert(body, &Posts, Syntax::Hugo).text,
            "    {{< a >}}\n\n````md\n```\n{{< b >}}\n````\n\n<code>{{< c >}}</code>"
        );
    }

    /// `Tags::next` against the search written plainly (every opener looks for its closer
    /// from scratch), on random texts of braces, from every position in order and then
    /// backwards, so that what the remembered searches hold is tried both ways.
    #[test]
    fn remembered_closers_find_what_a_fresh_search_finds() {
        fn plain(text: &str, from: usize) -> Option<(usize, usize)> {
            let mut at = from;
            while let Some(rel) = text[at..].find('{') {
                let start = at + rel;
                for (open, close, _) in OPENERS {
                    if text[start..].starts_with(open) {
                        if let Some(len) = text[start + open.len()..].find(close) {
                            return Some((start, start + open.len() + len + close.len()));
                        }
                    }
                }
                at = start + 1;
            }
            None
        }
        let mut next = crate::testing::random(0x2545_f491);
        for _ in 0..300 {
            let text: String = (0..next(60)).map(|_| ['{', '}', '%', '<', '>', 'x', ' '][next(7)]).collect();
            let tags = Tags::new(&text);
            let found = |from: usize| tags.next(from).map(|t| (t.start, t.end));
            for from in (0..=text.len()).chain((0..=text.len()).rev()) {
                assert_eq!(found(from), plain(&text, from), "{text:?} from {from}");
            }
        }
    }

    #[test]
    fn attribute_lists_join_their_heading_or_go() {
        let body = "* TOC\n{:toc}\n\n## 1.0.0 / 2013-05-06\n{: #v1-0-0 .release}\n\nA note.\n{: .note .info}\n\n\
                    Centred.\r\n{.center}\r\n\n```\n{: .kept}\n```\n\n    {: .kept}\n## Own {#own}\n{: #other}\n{% include x.html %}\n";
        let c = convert(body, &Posts, Syntax::Liquid);
        // Code that looks alike stays, in tags' code and in `<pre>` above all.
        let code = "{% highlight elixir %}\n{: .x}\n{:ok, pid}\n{% endhighlight %}\n\n<pre>\n{.y}\n</pre>\n{::comment}\nHidden.\n{:/comment}\n";
        let kept = convert(code, &Posts, Syntax::Liquid).text;
        assert!(
            kept.contains("{: .x}\n{:ok, pid}\n") && kept.contains("{.y}") && kept.contains("{::comment}"),
            "{kept}"
        );
        assert_eq!(
            c.text,
            "\n## 1.0.0 / 2013-05-06 {#v1-0-0 .release}\n\nA note.\n\nCentred.\r\n\n```\n{: .kept}\n```\n\n    {: .kept}\n## Own {#own}\n{% include x.html %}\n"
        );
        assert_eq!(c.done.len(), 3, "{:?}", c.done);
        // The tag left is counted on the line it stands on in the text written.
        assert_eq!(c.left, [(14, "{% include x.html %}".to_string())]);
        for not_one in ["{}", "{{ x }}", "{not: attrs}", "{ a }", "{.a}{.b}"] {
            assert_eq!(crate::foreign::attribute_line(not_one), None, "{not_one}");
        }
    }

    #[test]
    fn attribute_lists_after_setext_headings_join_their_text_line() {
        let body = "Salary & Benefits\n=================\n{: #pay}\n\nNotice period\r\n---\r\n{: #notice .key}\r\n\n\
                    Text.\n\n---\n{: .divider}\n\nOwn {#own}\n---\n{: #other}\n- item\n---\n{: #not-a-heading}\n";
        let c = convert(body, &Posts, Syntax::Liquid);
        assert_eq!(
            c.text,
            "Salary & Benefits {#pay}\n=================\n\nNotice period {#notice .key}\r\n---\r\n\n\
             Text.\n\n---\n\nOwn {#own}\n---\n- item\n---\n"
        );
        let ids: Vec<String> = crate::markdown::heading_spans(&c.text).into_iter().map(|h| h.id).collect();
        assert_eq!(ids, ["pay", "notice", "own"]);
    }

    #[test]
    fn a_pre_or_highlight_named_in_inline_code_or_prose_opens_no_code() {
        // just-the-docs: "the `<pre>` element" kept every later attribute list as text.
        let body = "Use the `<pre>` element, or `` `{% highlight %}` ``, or <prefix>.\n\n\
                    Big text\n{: .fs-5}\n\n## Heading\n{: #custom-id}\n";
        let c = convert(body, &Posts, Syntax::Liquid);
        assert!(!c.text.contains("{: .fs-5}") && c.text.contains("## Heading {#custom-id}\n"), "{}", c.text);
        assert_eq!(without_inline_code("a `x` b ``y`z`` c `open"), "a  b  c `open");
        assert_eq!(without_inline_code("``a``b`"), "b`");
    }

    /// The fence and the line count are carried from tag to tag: over many blocks, with
    /// Windows line ends, each tag is still judged and counted where it stands.
    #[test]
    fn many_tags_are_each_judged_on_their_own_line() {
        let block = "{{</* a */>}}\r\n~~~\r\n{{</* b */>}} {{< include x.html >}}\r\n~~~\r\n";
        let c = convert(&block.repeat(200), &Posts, Syntax::Hugo);
        let converted = "`{{< a >}}`\r\n~~~\r\n{{< b >}} {{< include x.html >}}\r\n~~~\r\n";
        assert_eq!(c.text, converted.repeat(200));
        let lines: Vec<usize> = c.left.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, (0..200).map(|i| 3 + 4 * i).collect::<Vec<_>>());
    }

    #[test]
    fn anything_else_is_left_and_listed_with_its_line() {
        let c = convert(
            "one\n{% include note.html %}\n{{< tweet 123 >}}\n{{ page.title }}\n[x]({% post_url nope %})",
            &Posts,
            Syntax::Liquid,
        );
        assert_eq!(
            c.text,
            "one\n{% include note.html %}\n{{< tweet 123 >}}\n{{ page.title }}\n[x]({% post_url nope %})"
        );
        let lines: Vec<usize> = c.left.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        assert!(c.done.is_empty());
    }

    #[test]
    fn a_url_tag_printed_as_text_is_left_not_made_an_unresolved_path() {
        // Hugo and Jekyll print the address there; `@/posts/welcome.md` or "" would be
        // shown to readers as it is.
        let body = "See {{< ref \"welcome.md\" >}} or {% post_url 2019-08-19-welcome %}.\n\nHome: {{ site.url }}";
        let c = convert(body, &Posts, Syntax::Liquid);
        assert_eq!(c.text, body);
        let lines: Vec<usize> = c.left.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [1, 1, 3]);
    }

    #[test]
    fn hugo_template_syntax_in_code_is_not_listed_as_left() {
        let body = "Close with `{{ end }}`.\n\n```\n{{ range .Pages }}{{ end }}\n{{< notice >}}\n```\n\n\
                    > ```\n> {% x %}\n> ```\n\nThe {{ .Title }} here.\n";
        let hugo = convert(body, &Posts, Syntax::Hugo);
        assert_eq!(hugo.text, body);
        // Hugo ran the shortcode in code; the rest in code it showed as written.
        assert_eq!(hugo.left, [(5, "{{< notice >}}".to_string()), (12, "{{ .Title }}".to_string())]);
        // Jekyll ran Liquid in code too: every tag is listed.
        assert_eq!(convert(body, &Posts, Syntax::Liquid).left.len(), 6);
    }

    #[test]
    fn left_tags_are_counted_in_lines_of_the_converted_text() {
        let c = convert("{% comment %}\none\ntwo\n{% endcomment %}\n{% include x.html %}", &Posts, Syntax::Liquid);
        assert_eq!(c.text, "\n{% include x.html %}");
        assert_eq!(c.left, [(2, "{% include x.html %}".to_string())]);
    }

    #[test]
    fn comments_go_with_their_text_and_raw_inside_highlight_stays_code() {
        let c = convert(
            "Public.\n\n{% comment %}\nEditor note: do not publish.\n{% endcomment %}\n\nMore.",
            &Posts,
            Syntax::Liquid,
        );
        assert_eq!(c.text, "Public.\n\n\n\nMore.");
        assert!(c.done.iter().any(|d| d.contains("comment")) && c.left.is_empty(), "{:?}", c.left);
        let body = "{% highlight liquid %}\n{% raw %}{% highlight ruby %}\nputs 1\n{% endhighlight %}{% endraw %}\n\
                    {% endhighlight %}\n\n## After";
        let c = convert(body, &Posts, Syntax::Liquid);
        assert_eq!(c.text, "```liquid\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n```\n\n## After");
    }

    #[test]
    fn highlight_in_a_list_item_or_a_quote_stays_in_it() {
        // The closing fence at the margin ended the list, and a stray fence then took the
        // rest of the post as code.
        let body = "1. Run:\n   {% highlight bash %}\n   jekyll serve\n   {% endhighlight %}\n2. Open it.\n\n\
                    > {% highlight ruby %}\n> puts 1\n> {% endhighlight %}\n\n\
                    - {% highlight sh %}\r\nls\r\n\r\npwd\r\n{% endhighlight %}\n\n\
                    Inline {% highlight ruby %}x = `1`{% endhighlight %} here.";
        let c = convert(body, &Posts, Syntax::Liquid);
        assert_eq!(
            c.text,
            "1. Run:\n   ```bash\n   jekyll serve\n   ```\n2. Open it.\n\n\
             > ```ruby\n> puts 1\n> ```\n\n\
             - ```sh\n  ls\n\n  pwd\n  ```\n\n\
             Inline `` x = `1` `` here."
        );
        let html = crate::markdown::tests::ctx_render(&c.text).unwrap().html.into_string();
        assert_eq!(html.matches("<pre>").count(), 3, "{html}");
        assert!(html.contains("<li>Open it.</li>") && html.contains("<code>x = `1`</code>"), "{html}");
        // Code indented as deep as the item keeps its own indent under the item's.
        let c =
            convert("1. {% highlight python %}\ndef f():\n    return 1\n{% endhighlight %}", &Posts, Syntax::Liquid);
        assert_eq!(c.text, "1. ```python\n   def f():\n       return 1\n   ```");
        assert_eq!(code_span("a``b"), "```a``b```");
        assert_eq!(container_continuation("10) > - "), Some("    >   ".to_string()));
        assert_eq!(container_continuation("Text "), None);
        assert_eq!(container_continuation("-x"), None);
    }

    #[test]
    fn an_image_is_converted_only_from_literals() {
        let c =
            convert("{% image \"cat.jpg\", \"A cat, asleep\", \"(min-width: 30em) 50vw\" %}", &Posts, Syntax::Liquid);
        assert_eq!(c.text, "![A cat, asleep](<cat.jpg>)");
        // eleventy-excellent: a source built from a variable, and a caption after the alt.
        for body in
            ["{% image \"./src/\" + src, alt, \"Caption\" %}", "{% image src, \"A\" %}", "{% image \"x.png\", alt %}"]
        {
            let c = convert(body, &Posts, Syntax::Liquid);
            assert_eq!((c.text.as_str(), c.left.len()), (body, 1), "{body}");
        }
        assert_eq!(literal_args("'a', b + \"c,d\", `e`"), [Some("a".into()), None, Some("e".into())]);
        // Liquid shortcodes take arguments split by spaces too.
        assert_eq!(convert("{% image \"cat.jpg\" \"A cat\" %}", &Posts, Syntax::Liquid).text, "![A cat](<cat.jpg>)");
    }

    #[test]
    fn only_the_old_generators_own_syntax_is_rewritten() {
        // A Hugo post about Liquid and Go templates: Hugo showed all of it as written.
        let body = "Wrap it in `{% raw %}{% endraw %}`.\n\n```go\n{{/* show the title */}}\n{{ .Title }}\n```\n\n\
                    {% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n{% comment %}kept{% endcomment %}";
        let hugo = convert(body, &Posts, Syntax::Hugo);
        assert_eq!(hugo.text, body);
        assert!(hugo.done.is_empty(), "{:?}", hugo.done);
        // Zola never ran Liquid or Hugo's shortcodes either.
        let body = "{% raw %}x{% endraw %} {{< youtube abc >}} {{< ref \"welcome.md\" >}}";
        assert_eq!(convert(body, &Posts, Syntax::Zola).text, body);
        // Nor did Jekyll run Zola's or Hugo's.
        let body = "{{ youtube(id=\"abc\") }} and {{< figure src=\"x.png\" >}}";
        assert_eq!(convert(body, &Posts, Syntax::Liquid).text, body);
    }

    #[test]
    fn nunjucks_comments_go_with_their_text() {
        let body = "## Pay {#pay}\n\nPublic.{# TODO: the salary of Bob #}\n\n{#- a note\nover lines -#}\n\n\
                    Kept: {#id} and `{# in code #}`.\n\n{% include x.njk %}";
        let c = convert(body, &Posts, Syntax::Nunjucks);
        // Eleventy ran Nunjucks over code too, as Jekyll ran Liquid.
        assert_eq!(c.text, "## Pay {#pay}\n\nPublic.\n\n\n\nKept: {#id} and ``.\n\n{% include x.njk %}");
        assert!(c.done.iter().any(|d| d.contains("{# #} comments removed")), "{:?}", c.done);
        // Counted in the converted text, as every left tag is.
        assert_eq!(c.left, [(9, "{% include x.njk %}".to_string())]);
        // Under Liquid, `{# #}` is text, shown as written.
        let liquid = convert(body, &Posts, Syntax::Liquid);
        assert!(liquid.text.contains("{# TODO: the salary of Bob #}"), "{}", liquid.text);
        // One never closed stays, and one inside raw is shown as written.
        assert_eq!(convert("a {# b", &Posts, Syntax::Nunjucks).text, "a {# b");
        let raw = "```\n{% raw %}{# kept #}{% endraw %}\n```\n{# gone #}";
        assert_eq!(convert(raw, &Posts, Syntax::Nunjucks).text, "```\n{# kept #}\n```\n");
    }

    #[test]
    fn raw_blocks_keep_their_text_and_unclosed_blocks_are_left() {
        // Shown as Liquid printed it, as inline code: careerpress takes `{{ }}` in text for
        // a leftover to convert (`check`'s foreign-syntax).
        let c = convert("{% raw %}{{ not liquid }}{% endraw %}", &Posts, Syntax::Liquid);
        assert_eq!(c.text, "`{{ not liquid }}`");
        let c = convert("Write {% raw %}{{ page.title }} or {% if x %}{% endraw %} here.", &Posts, Syntax::Liquid);
        assert_eq!(c.text, "Write `{{ page.title }}` or `{% if x %}` here.");
        // In code already, in the raw block's own fence, code span or indented lines, and
        // a raw block inside a fence: as it is.
        let raw = "{% raw %}\n```liquid\n{{ a }}\n```\nText `{{ b }}` and {{ c }}\n\n    {{ d }}\n{% endraw %}";
        let c = convert(raw, &Posts, Syntax::Liquid);
        assert_eq!(c.text, "\n```liquid\n{{ a }}\n```\nText `{{ b }}` and `{{ c }}`\n\n    {{ d }}\n");
        let c = convert("```\n{% raw %}{{ e }}{% endraw %}\n```", &Posts, Syntax::Liquid);
        assert_eq!(c.text, "```\n{{ e }}\n```");
        let c = convert("Use `{% raw %}{{ f }}{% endraw %}`.", &Posts, Syntax::Liquid);
        assert_eq!(c.text, "Use `{{ f }}`.");
        // HTML, a quote, a longer fence holding a shorter one, a double-backtick span and a
        // span across lines are left as they are; a tag holding backticks gets a longer run.
        for (raw, shown) in [
            ("<pre>\n{% raw %}{{ page.title }}{% endraw %}\n</pre>", "<pre>\n{{ page.title }}\n</pre>"),
            ("<div>\nA {% raw %}{{ g }}{% endraw %}\n</div>", "<div>\nA {{ g }}\n</div>"),
            ("> ```\n> {% raw %}{{ h }}{% endraw %}\n> ```", "> ```\n> {{ h }}\n> ```"),
            ("{% raw %}\n````\n```liquid\n{{ a }}\n```\n````\n{% endraw %}", "\n````\n```liquid\n{{ a }}\n```\n````\n"),
            ("`` {% raw %}{{ a }}{% endraw %} ``", "`` {{ a }} ``"),
            ("`a\n{% raw %}{{ b }}{% endraw %}`", "`a\n{{ b }}`"),
            ("{% raw %}{{ \"``\" }}{% endraw %}", "```{{ \"``\" }}```"),
        ] {
            assert_eq!(convert(raw, &Posts, Syntax::Liquid).text, shown, "{raw}");
        }
        let zola = convert("<pre>\n{{/* youtube(id=\"x\") */}}\n</pre>", &Posts, Syntax::Zola);
        assert_eq!(zola.text, "<pre>\n{{ youtube(id=\"x\") }}\n</pre>");
        // The first end closes the block, though a `{{` inside opens what a `}}` later closes.
        let c = convert("{% raw %}`{{`{% endraw %} and {%- raw -%}`}}`{%- endraw -%}.", &Posts, Syntax::Liquid);
        assert_eq!(c.text, "`{{` and `}}`.");
        assert!(c.left.is_empty(), "{:?}", c.left);
        let c = convert("{% highlight sh %}\nno end", &Posts, Syntax::Liquid);
        assert_eq!(c.left.len(), 1);
    }
}
