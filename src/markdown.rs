//! Markdown to HTML with the extensions authors expect, heading ids, link rewriting
//! (`@/section/file.md` links resolve to permalinks, relative links to where the file they
//! name is published, root-relative links gain the base URL) and shortcodes:
//! `{{< name key="value" >}}` alone on a line (in a list item or a quote too) or, for a site's own,
//! within text, rendered by the theme.

use percent_encoding::percent_decode_str;
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

/// A shortcode as written in Markdown, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcode {
    pub name: String,
    pub args: BTreeMap<String, String>,
    /// The level a heading of the shortcode's own takes so that the page's outline holds:
    /// one below the nearest heading before it in the body, 2 when none is (`heading_level`).
    pub heading_level: u8,
    /// 1 for the first shortcode of its name in the body, 2 for the second, and so on: what
    /// it draws can then be told apart from its siblings (a landmark's label, say).
    pub ordinal: usize,
    /// Values given without a name (`{{< new-in 1.2 >}}`), in order: Hugo's shortcodes take
    /// them, so a site's own shortcode keeps its calls as they were written. A call gives
    /// either these or `args`, never both.
    pub positional: Vec<String>,
    /// What stands between `{{< name >}}` and `{{< /name >}}`, rendered as Markdown with
    /// the rest of the page's links and shortcodes; None for a shortcode without a
    /// closing tag.
    pub body: Option<String>,
    /// The same body as written, before Markdown (Hugo's `.Inner`): what a shortcode for
    /// math or diagrams reads.
    pub inner: Option<String>,
    /// Whether it stands within a line of text, where its HTML must be inline (a `<span>`,
    /// not a `<div>`, which would split the paragraph).
    pub inline: bool,
}

/// Renders a shortcode to HTML, or says why it cannot.
pub type ShortcodeFn<'a> = dyn Fn(&Shortcode) -> Result<String, String> + Sync + 'a;

/// What the renderer needs to know about the rest of the site.
pub struct LinkContext<'a> {
    /// Ends with `/`.
    pub base_url: &'a str,
    /// Every published file of `content/` by its path there (`posts/a.md`,
    /// `posts/chart.png`) to its URL: permalinks for pages, the copied file's URL otherwise.
    pub permalinks: &'a HashMap<String, String>,
    /// The folder of the file being rendered, relative to `content/` ("" at the top):
    /// relative links start from there, as they do in the author's editor.
    pub source_dir: &'a str,
    /// The page's own URL path relative to base_url (`posts/a/`): a relative link that
    /// names no file is tried as a URL from there, as a browser would read it.
    pub page_path: &'a str,
    /// Every URL path the site publishes from content/ (pages, sections, copied files).
    pub published: &'a HashSet<String>,
    /// Content files the build leaves out (drafts, scheduled), by path in `content/`.
    pub left_out: &'a HashSet<String>,
    pub shortcodes: Option<&'a ShortcodeFn<'a>>,
    /// The names `shortcodes` renders: any other is refused by name before its arguments
    /// are read, so `{{< youtube ID >}}` says it is unknown, not that `ID` lacks a value.
    pub known_shortcodes: &'a [&'a str],
    /// Those of them that may also stand within a line of text (`{{< new-in 1.2 >}}`, as
    /// Hugo's may): the site's own. careerpress's draw blocks, and stand alone.
    pub inline_shortcodes: &'a [&'a str],
    /// Whether `Rendered::lookups` notes what the links looked up: only the dev server,
    /// which keeps a body's HTML across reloads while they hold, asks.
    pub note_lookups: bool,
    /// Ids the theme writes around a body (`main`, `related-title`): a heading's id made
    /// from its text steers clear of them, or its anchor would lead to the theme's element.
    pub theme_ids: &'a HashSet<String>,
}

/// A problem in one Markdown body, located within that body (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Where a shortcode's HTML goes: an HTML comment is its own block, so Markdown leaves it
/// whole. `fill_shortcodes` reads the same shape back.
fn placeholder(n: usize) -> String {
    format!("<!--{PLACEHOLDER_NAME}{n}-->")
}

/// Where a call within text goes: an element of no meaning, which Markdown keeps inline
/// where a comment would start a block of raw HTML at a line's start (and take the rest of
/// the line's text as raw HTML too).
fn inline_placeholder(n: usize) -> String {
    format!("<{PLACEHOLDER_NAME}{n}/>{INLINE_TAIL}")
}

/// What follows an inline placeholder: an element alone on a line would start a block of
/// raw HTML too (taking the lines after it up to a blank one), unless something follows it.
const INLINE_TAIL: &str = "<!---->";

/// Where a call within text stood in a summary's or a heading's text until it is drawn:
/// its number between two control characters, which no author text can hold (the build
/// refuses them), so that what the call drew can take its place (`with_calls`).
fn call_mark(n: usize) -> String {
    format!("\u{1}{n}\u{2}")
}

/// The number of the call within text whose placeholder is this piece of inline HTML
/// (`<careerpress-shortcode-N/>`, one event): asked of every inline HTML event of every
/// page, so read off its start, not searched for.
fn placeholder_number(html: &str) -> Option<usize> {
    let rest = html.strip_prefix('<')?.strip_prefix(PLACEHOLDER_NAME)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    rest[digits..].starts_with("/>").then(|| rest[..digits].parse().ok())?
}

/// `text` with each `call_mark` replaced by what `mark` gives for its number.
fn with_calls(text: &str, mark: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1}') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('\u{2}').map_or(rest.len(), |e| at + e);
        out.push_str(&rest[at + 1..end].parse().map(&mark).unwrap_or_default());
        rest = rest.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// What each call drew, read as a reader sees it (`escape::html_text`) the first time a
/// summary or a heading asks: once per call, however many of them hold it.
struct CallTexts<'d> {
    drawn: &'d [String],
    texts: Vec<std::cell::OnceCell<String>>,
}

impl<'d> CallTexts<'d> {
    fn new(drawn: &'d [String]) -> CallTexts<'d> {
        CallTexts { drawn, texts: drawn.iter().map(|_| std::cell::OnceCell::new()).collect() }
    }

    /// `text` with its calls' text in.
    fn fill(&self, text: String) -> String {
        if !text.contains('\u{1}') {
            return text;
        }
        with_calls(&text, |n| match (self.texts.get(n), self.drawn.get(n)) {
            (Some(cell), Some(html)) => cell.get_or_init(|| crate::escape::html_text(html)).clone(),
            _ => String::new(),
        })
    }
}

/// A shortcode read from its line, rendered once the page's headings are known.
struct Call {
    shortcode: Shortcode,
    line: usize,
    column: usize,
    /// For a pair, the Markdown between its tags.
    body: Option<PairBody>,
    /// Within a line of text: its HTML without the line break a template file ends with.
    inline: bool,
}

/// A pair's body as Markdown reads it on its own: without the container markup (a list
/// item's indentation, a quote's `>`) that its lines share with the opening tag.
struct PairBody {
    text: String,
    /// The line (from 1) of the page it starts on.
    first_line: usize,
    /// The columns taken from the start of each of its lines, for columns in the page.
    stripped: Vec<usize>,
    /// Between tags within a line of text: drawn without the paragraph Markdown puts it in.
    inline: bool,
}

impl PairBody {
    /// The body between a pair's tags (`span` of `source`), each line without the part of
    /// `prefix`, the opening tag's container markup, that it repeats.
    fn new(source: &str, span: Range<usize>, prefix: &str, first_line: usize) -> PairBody {
        let body = &source[span];
        if prefix.is_empty() {
            return PairBody { text: body.to_string(), first_line, stripped: Vec::new(), inline: false };
        }
        let mut text = String::with_capacity(body.len());
        let mut stripped = Vec::new();
        for line in body.split_inclusive('\n') {
            let n = continuation_len(prefix, line);
            stripped.push(n);
            text.push_str(&line[n..]);
        }
        PairBody { text, first_line, stripped, inline: false }
    }

    /// `e`, found in the body, placed in the page.
    fn in_page(&self, mut e: MarkdownError) -> MarkdownError {
        e.column += self.stripped.get(e.line - 1).copied().unwrap_or(0);
        e.line += self.first_line - 1;
        e
    }
}

/// How many bytes at the start of a line hold container markup (indentation, a quote's
/// `>`, a list item's `-` or `1.`) before what the line says: a shortcode stands alone on
/// its line within a list item or a quote, as a paragraph would.
pub fn container_prefix(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        i += b[i..].iter().take_while(|&&c| c == b' ' || c == b'\t').count();
        let marker = match b.get(i) {
            Some(b'>') => {
                i += 1;
                continue;
            }
            Some(b'-' | b'*' | b'+') => 1,
            Some(c) if c.is_ascii_digit() => {
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                usize::from(digits <= 9 && matches!(b.get(i + digits), Some(b'.' | b')'))) * (digits + 1)
            }
            _ => 0,
        };
        if marker == 0 || !matches!(b.get(i + marker), Some(b' ' | b'\t')) {
            return i;
        }
        i += marker;
    }
}

/// How much of `line`, within a block that `prefix` (a line's `container_prefix`)
/// opened, repeats that container's markup: up to as many spaces as the prefix is wide
/// where it indents or marks a list item, and each `>` it quotes with. A line without
/// the `>` (a lazy continuation) keeps the rest.
fn continuation_len(prefix: &str, line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    for c in prefix.bytes() {
        match (c, b.get(i)) {
            (b'>', Some(b'>')) => i += 1,
            (b'>', _) => break,
            (b'\t', Some(b'\t' | b' ')) | (_, Some(b' ')) => i += 1,
            _ => {}
        }
    }
    i
}

/// The markup that keeps a line within the containers `prefix` (a line's
/// `container_prefix`) opened: its quotes' `>`, and blanks as wide as its indentation and
/// list markers. A line of it, trimmed, is a blank line within the same list item or quote.
pub fn continuation(prefix: &str) -> String {
    prefix.chars().map(|c| if c == '>' || c == '\t' { c } else { ' ' }).collect()
}

/// How deep pairs may stand in each other's bodies: each body is rendered as a document
/// of its own, so a source nested without end would otherwise exhaust the stack.
const MAX_NESTING: usize = 16;

/// A line outside code whose text (after any container markup) starts with `{{<`, and
/// where it stands in the source.
struct TagLine<'a> {
    /// The line's number, from 0.
    index: usize,
    /// Its bytes in the source, line break included.
    span: Range<usize>,
    /// The container markup before the tag (`container_prefix`), indentation included.
    prefix: &'a str,
    trimmed: &'a str,
    kind: TagKind<'a>,
}

enum TagKind<'a> {
    /// With whether it closes itself (`{{< name />}}`, as Hugo writes a pair's tags with
    /// nothing between): such a one takes no closing tag.
    Opens(&'a str, bool),
    Closes(&'a str),
    /// `{{<` without `>}}` at the line's end: text, unless a known name was mistyped.
    Unclosed,
}

/// The lines outside code that hold a shortcode tag, alone after any container markup,
/// in order. Code is what the Markdown parser reads as code (fenced or indented, in lists
/// and quotes too), asked only where a tag could be code: the body has a fence, the tag's
/// paragraph a backtick, or its line four columns of indentation.
fn tag_lines<'s>(source: &'s str, regions: &RegionsOf<'_>) -> Vec<TagLine<'s>> {
    let mut found = Vec::new();
    let fenced = source.contains("```") || source.contains("~~~");
    let mut ticked = false;
    let mut start = 0;
    for (index, line) in source.split_inclusive('\n').enumerate() {
        let span = start..start + line.len();
        start = span.end;
        // Whether a backtick since the last blank line could open a code span over this one.
        ticked = !line.trim().is_empty() && (ticked || line.contains('`'));
        let at = container_prefix(line);
        let trimmed = line[at..].trim();
        if !trimmed.starts_with("{{<") {
            continue;
        }
        let indented = line[..at].contains('\t') || line[..at].contains("    ");
        if (fenced || ticked || indented) && regions.in_code(span.start + at) {
            continue;
        }
        // The tag must end where the line does: `>}}` earlier, outside a quoted value,
        // has text after it (`{{< a >}} and {{< b >}}`), which is not a call.
        // A quote left open is the value's mistake, which reading it names.
        let whole = tag_end(trimmed).is_none_or(|end| end == trimmed.len());
        let kind = match trimmed.strip_suffix(">}}").filter(|_| whole).map(|t| t[3..].trim_start()) {
            None => TagKind::Unclosed,
            // `{{</* x */>}}` is Hugo's way of showing a shortcode, not a closing tag.
            Some(inner) if inner.starts_with('/') && !inner.starts_with("/*") => {
                TagKind::Closes(inner[1..].split_whitespace().next().unwrap_or_default())
            }
            Some(inner) => {
                TagKind::Opens(inner.split_whitespace().next().unwrap_or_default(), inner.trim_end().ends_with('/'))
            }
        };
        found.push(TagLine { index, span, prefix: &line[..at], trimmed, kind });
    }
    found
}

/// Where the tag that `text` starts with ends: just past its first `>}}` outside a
/// quoted value.
fn tag_end(text: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'>' if !quoted && text[i..].starts_with(">}}") => return Some(i + 3),
            _ => {}
        }
    }
    None
}

/// Each closing tag's opening tag: the nearest open one of its name before it, so that a
/// pair may hold another of its name. Keyed and valued by place in `tags`.
fn pairs(tags: &[TagLine<'_>]) -> HashMap<usize, usize> {
    let mut open: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut pairs = HashMap::new();
    for (i, tag) in tags.iter().enumerate() {
        match tag.kind {
            TagKind::Opens(name, false) => open.entry(name).or_default().push(i),
            TagKind::Opens(_, true) => {}
            TagKind::Closes(name) => {
                if let Some(opening) = open.get_mut(name).and_then(Vec::pop) {
                    pairs.insert(opening, i);
                }
            }
            TagKind::Unclosed => {}
        }
    }
    pairs
}

/// Replaces shortcode lines (outside code) by placeholders, a pair with its body by one
/// placeholder and empty lines, and calls of the site's own shortcodes within text by
/// placeholders within it, keeping line numbers.
/// What cannot be read is returned beside the rest, so that the pairs' bodies are still
/// read for their own mistakes.
fn expand_shortcodes(source: &str, links: &LinkContext<'_>) -> (String, Vec<Call>, Vec<MarkdownError>) {
    let regions = RegionsOf::new(source);
    let tags = tag_lines(source, &regions);
    if tags.is_empty() && (links.inline_shortcodes.is_empty() || !source.contains("{{<")) {
        return (source.to_string(), Vec::new(), Vec::new());
    }
    let pairs = pairs(&tags);
    let mut x = Expansion {
        source,
        links,
        out: String::with_capacity(source.len()),
        calls: Vec::new(),
        errors: Vec::new(),
        regions: &regions,
        counted: (0, 1, 0, 1),
    };
    let (mut copied, mut t) = (0, 0);
    while let Some(tag) = tags.get(t) {
        t += 1;
        x.push_text(copied..tag.span.start);
        copied = tag.span.end;
        let column = tag.prefix.len() + 1;
        let error = |message| MarkdownError { line: tag.index + 1, column, message };
        match tag.kind {
            // A call of the site's own within text that the line starts with.
            TagKind::Unclosed if x.opens_inline(tag) => x.push_text(tag.span.clone()),
            TagKind::Unclosed => {
                // One of careerpress's own, left open by a typo (`>}`), would print as text.
                x.errors.extend(unclosed_shortcode(tag.trimmed, links.known_shortcodes).map(error));
                x.out.push_str(&source[tag.span.clone()]);
            }
            TagKind::Closes(name) => x.errors.push(error(format!(
                "`{}` closes {} `{name}` shortcode that no `{{{{< {name} >}}}}` line above opens",
                tag.trimmed,
                if name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
            ))),
            TagKind::Opens(..) => {
                let closing = pairs.get(&(t - 1)).copied();
                let close = closing.map(|c| &tags[c]);
                let body = close.map(|c| PairBody::new(source, tag.span.end..c.span.start, tag.prefix, tag.index + 2));
                let shortcode = read_shortcode(tag.trimmed, links.shortcodes, links.known_shortcodes);
                let n = shortcode.is_ok().then_some(x.calls.len());
                stand_in_lines(&mut x.out, (tag, close.unwrap_or(tag)), n, source);
                if let Some(c) = closing {
                    copied = tags[c].span.end;
                    t = c + 1;
                }
                match shortcode {
                    Ok(shortcode) => x.calls.push(Call { shortcode, line: tag.index + 1, column, body, inline: false }),
                    Err(message) => x.errors.push(error(message)),
                }
            }
        }
    }
    x.push_text(copied..source.len());
    (x.out, x.calls, x.errors)
}

/// A body's text as `expand_shortcodes` writes it for Markdown, with the calls it read.
struct Expansion<'s, 'l> {
    source: &'s str,
    links: &'l LinkContext<'l>,
    /// Where the parser reads text: a call within a line stands only there.
    regions: &'l RegionsOf<'s>,
    out: String,
    calls: Vec<Call>,
    errors: Vec<MarkdownError>,
    /// The offset up to which the source was counted, its line (from 1), where that line
    /// starts and the offset's column: calls within text are read in order, so each byte
    /// is counted once, however long its line.
    counted: (usize, usize, usize, usize),
}

/// A tag of one of the site's own shortcodes within a line of text.
struct InlineTag {
    span: Range<usize>,
    closes: bool,
    self_closing: bool,
    /// An opening tag with no `>}}` after it on its line (a value's quote left open):
    /// its span runs to the line's end, or to the next tag.
    unclosed: bool,
}

impl Expansion<'_, '_> {
    /// Copies `span` of the source, each call of the site's own shortcodes within its
    /// lines replaced by its placeholder.
    fn push_text(&mut self, span: Range<usize>) {
        let text = &self.source[span.clone()];
        if self.links.inline_shortcodes.is_empty() || !text.contains("{{<") {
            self.out.push_str(text);
            return;
        }
        let mut start = span.start;
        for line in text.split_inclusive('\n') {
            let line_span = start..start + line.len();
            start = line_span.end;
            match line.contains("{{<") {
                true => self.push_line(line_span),
                false => self.out.push_str(line),
            }
        }
    }

    /// One line of text with its calls: each opening tag takes the nearest closing tag
    /// of its name after it on the line that is not another's, as pairs on lines do.
    fn push_line(&mut self, line: Range<usize>) {
        let tags = self.inline_tags(line.clone());
        let mut open: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut closer = vec![None; tags.len()];
        // A closing tag after an opening tag left unclosed is that one's: the error is
        // the opening tag's alone.
        let mut orphan_told = vec![false; tags.len()];
        let mut unclosed: Vec<&str> = Vec::new();
        for (i, tag) in tags.iter().enumerate() {
            let name = self.tag_name(tag);
            match (tag.closes, tag.self_closing || tag.unclosed) {
                (false, false) => open.entry(name).or_default().push(i),
                (false, true) if tag.unclosed => unclosed.push(name),
                (true, _) => match open.get_mut(name).and_then(Vec::pop) {
                    Some(o) => closer[o] = Some(i),
                    None => orphan_told[i] = unclosed.contains(&name),
                },
                _ => {}
            }
        }
        let (mut at, mut i) = (line.start, 0);
        while let Some(tag) = tags.get(i) {
            self.out.push_str(&self.source[at..tag.span.start]);
            let close = closer[i].map(|c| &tags[c]);
            if !orphan_told[i] {
                self.inline_call(tag, close);
            }
            at = close.unwrap_or(tag).span.end;
            i = closer[i].map_or(i + 1, |c| c + 1);
        }
        self.out.push_str(&self.source[at..line.end]);
    }

    /// Whether a line that starts with a tag and goes on (`{{< new-in 1.2 >}} Build it.`)
    /// starts with one of the site's own inline shortcodes.
    fn opens_inline(&self, tag: &TagLine<'_>) -> bool {
        let start = tag.span.start + tag.prefix.len();
        self.inline_tags(tag.span.clone()).first().is_some_and(|t| t.span.start == start)
    }

    /// The name a tag calls or closes.
    fn tag_name(&self, tag: &InlineTag) -> &'_ str {
        let end = if tag.unclosed { tag.span.end } else { tag.span.end - 3 };
        call_name(self.source[tag.span.start + 3..end].trim().trim_start_matches('/'))
    }

    /// The tags of the site's own inline shortcodes on `line`, outside code, link targets,
    /// attributes, autolinks and image descriptions (where the parser reads no text), in
    /// order.
    fn inline_tags(&self, line: Range<usize>) -> Vec<InlineTag> {
        let mut found = Vec::new();
        let mut from = line.start;
        while let Some(at) = self.source[from..line.end].find("{{<").map(|f| from + f) {
            from = at + 3;
            let rest = &self.source[at..line.end];
            let (end, unclosed) = match tag_end_before_next(rest) {
                Some(end) => (end, false),
                None => {
                    let next = rest[3..].find("{{<").map_or(rest.trim_end().len(), |n| n + 3);
                    (next, true)
                }
            };
            let inner = rest[3..end - if unclosed { 0 } else { 3 }].trim();
            let closes = inner.starts_with('/');
            let name = call_name(inner.trim_start_matches('/'));
            // `\{{<` shows the tag as Markdown's escape shows a character; in a link's
            // target it printed a URL (`[x](/v/{{< url >}})`), which a placeholder cannot.
            if !self.links.inline_shortcodes.contains(&name)
                || self.source[..at].ends_with('\\')
                || in_link_target(&self.source[line.start..at])
                || !self.regions.in_text(at)
            {
                continue;
            }
            let self_closing = !closes && inner.ends_with('/');
            found.push(InlineTag { span: at..at + end, closes, self_closing, unclosed });
            from = at + end;
        }
        found
    }

    /// Writes the placeholder of the call `tag` opens (a pair's with `close`), or the
    /// error that reading it gave.
    fn inline_call(&mut self, tag: &InlineTag, close: Option<&InlineTag>) {
        let (line, column) = self.place(tag.span.start);
        let text = &self.source[tag.span.clone()];
        if tag.unclosed {
            let message = format!(
                "`{}` has no `>}}}}` after it on its line to end the tag (a value's quote left open?)",
                text.trim_end()
            );
            self.errors.push(MarkdownError { line, column, message });
            return;
        }
        if tag.closes {
            let name = self.tag_name(tag);
            let message = format!("`{text}` closes a `{name}` shortcode that nothing before it on its line opens");
            self.errors.push(MarkdownError { line, column, message });
            return;
        }
        let shortcode = read_shortcode(text, self.links.shortcodes, self.links.known_shortcodes);
        let body = close.map(|c| PairBody {
            text: self.source[tag.span.end..c.span.start].to_string(),
            first_line: line,
            stripped: vec![column - 1 + text.chars().count()],
            inline: true,
        });
        match shortcode {
            Ok(mut shortcode) => {
                shortcode.inline = true;
                self.out.push_str(&inline_placeholder(self.calls.len()));
                self.calls.push(Call { shortcode, line, column, body, inline: true });
            }
            Err(message) => self.errors.push(MarkdownError { line, column, message }),
        }
    }

    /// The line and column (in characters, from 1) of `offset`, at or after the last one
    /// asked.
    fn place(&mut self, offset: usize) -> (usize, usize) {
        let (from, line, line_start, column) = self.counted;
        let gap = &self.source[from..offset];
        self.counted = match gap.rfind('\n') {
            None => (offset, line, line_start, column + gap.chars().count()),
            Some(last) => {
                let start = from + last + 1;
                (offset, line + gap.matches('\n').count(), start, self.source[start..offset].chars().count() + 1)
            }
        };
        (self.counted.1, self.counted.3)
    }
}

/// The name a tag's text (between `{{<` and `>}}`, without a closing tag's `/`) calls:
/// its first word, which may hold `/` (`docs/version`), without the `/` that ends a tag
/// closing itself (`{{< x/>}}`).
pub fn call_name(inner: &str) -> &str {
    inner.split_whitespace().next().unwrap_or_default().trim_end_matches('/')
}

/// Whether what follows `before` (a line up to a tag) is a link's target: `](` with no
/// space or `)` since, an autolink's (`<https:` with no space or `>` since), or a
/// reference definition's (`[r]: ` or `[r]: <`, the label first on its line). The parser
/// reads no link there while the tag's spaces stand in it.
pub fn in_link_target(before: &str) -> bool {
    let line = before.trim_start_matches(' ');
    let definition = before.len() - line.len() <= 3
        && line.starts_with('[')
        && !line.starts_with("[^")
        && line.find("]:").is_some_and(|at| matches!(line[at + 2..].trim_start(), "" | "<"));
    if definition {
        return true;
    }
    // A target holds no space: the search starts after the last one, so that a long line
    // is not read again for each tag on it.
    let before = &before[before.rfind(char::is_whitespace).map_or(0, |i| i + 1)..];
    let open_since = |opener: &str, closer: char| {
        before
            .rfind(opener)
            .map(|at| &before[at + opener.len()..])
            .filter(|since| !since.contains(|c: char| c == closer || c.is_whitespace()))
    };
    open_since("](", ')').is_some() || open_since("<", '>').is_some_and(|since| since.contains(':'))
}

/// `tag_end` for a tag within text, which ends before the next `{{<`: a line of unclosed
/// openers is then read once, not once per opener.
fn tag_end_before_next(text: &str) -> Option<usize> {
    let next = text[3..].find("{{<").map_or(text.len(), |n| n + 3);
    tag_end(&text[..next])
}

/// Where a call stood, from its opening tag to `last` (its closing tag, or itself): its
/// placeholder (numbered `n`, none for a call that cannot be read) after the tag's
/// container markup, then as many lines again, within the same list item or quote.
fn stand_in_lines(out: &mut String, (tag, last): (&TagLine<'_>, &TagLine<'_>), n: Option<usize>, source: &str) {
    if let Some(n) = n {
        out.push_str(tag.prefix);
        out.push_str(&placeholder(n));
    }
    let within = continuation(tag.prefix);
    let within = within.trim_end();
    for _ in tag.index..last.index {
        out.push('\n');
        out.push_str(within);
    }
    if source[..last.span.end].ends_with('\n') {
        out.push('\n');
    }
}

/// Whether the lines so far left a fenced code block (``` or ~~~) open.
#[derive(Default)]
pub struct Fence(Option<(char, usize)>);

impl Fence {
    /// Takes the next line, without its indentation.
    pub fn step(&mut self, trimmed: &str) {
        let run = |c: char| trimmed.chars().take_while(|&x| x == c).count();
        match self.0 {
            Some((c, n)) if run(c) >= n && trimmed.chars().all(|x| x == c) => self.0 = None,
            Some(_) => {}
            None => {
                for c in ['`', '~'] {
                    if run(c) >= 3 {
                        self.0 = Some((c, run(c)));
                    }
                }
            }
        }
    }

    pub fn is_open(&self) -> bool {
        self.0.is_some()
    }
}

/// The error for a line that opens one of the site's shortcodes (`known`) and does not end
/// with `>}}`; None for any other name, which another generator's text may hold.
fn unclosed_shortcode(line: &str, known: &[&str]) -> Option<String> {
    let name = line[3..].split(|c: char| c.is_whitespace() || c == '>' || c == '}').find(|w| !w.is_empty())?;
    let name = name.strip_prefix('/').unwrap_or(name);
    if !known.contains(&name) {
        return None;
    }
    Some(match tag_end(line) {
        // Hugo's shortcodes may stand within text (`{{< new-in 1.2 />}} Build it so.`).
        Some(end) => format!("text follows the shortcode `{}`: a shortcode stands alone on its line", &line[..end]),
        None => format!("the shortcode `{{{{< {name}` is not closed: a shortcode is one line that ends with `>}}}}`"),
    })
}

/// One shortcode, read from its whole tag (`{{< name args >}}`): an unknown name is
/// refused by name before its arguments are read.
fn read_shortcode(tag: &str, render: Option<&ShortcodeFn<'_>>, known: &[&str]) -> Result<Shortcode, String> {
    let inner = tag[3..tag.len() - 3].trim_end();
    // `{{< name />}}` closes itself: a call with no body.
    let inner = inner.strip_suffix('/').filter(|i| !i.trim_start().starts_with("/*")).unwrap_or(inner);
    let name = inner.split_whitespace().next().unwrap_or_default();
    // Hugo shows `{{</* name */>}}` as the shortcode itself, for pages about shortcodes.
    if let Some(shown) = inner.trim().strip_prefix("/*").and_then(|rest| rest.strip_suffix("*/")) {
        return Err(format!(
            "`{{{{</* {} */>}}}}` is how Hugo shows a shortcode as text; careerpress leaves shortcodes in code \
             as they are: write `` `{{{{< {} >}}}}` `` or put it in a code block",
            shown.trim(),
            shown.trim()
        ));
    }
    if render.is_some() && !known.contains(&name) {
        return Err(format!(
            "unknown shortcode {name:?}; careerpress knows {}, and a site's own is drawn with its \
             templates/shortcodes/{name}.html",
            known.join(", ")
        ));
    }
    let sc = parse_shortcode(inner)?;
    match render {
        Some(_) => Ok(sc),
        None => Err(format!("shortcode `{}` cannot be used here", sc.name)),
    }
}

/// What a body's shortcodes drew: their HTML, in the order they stand, and what their
/// pairs' bodies add to the page's.
#[derive(Default)]
struct Drawn {
    html: Vec<String>,
    /// Broken links the bodies kept (see `render_keeping`), located in the page.
    kept: Vec<MarkdownError>,
    lookups: Vec<Lookup>,
    /// Every shortcode drawn, nested ones after the pair that holds them.
    names: Vec<String>,
    words: usize,
    /// The headings of each pair's body, by the pair's number: they are the page's too.
    headings: Vec<(usize, Vec<Heading>)>,
}

/// Where a body stands among pairs' bodies: how deep, and how many of each name the
/// page drew before it (`Shortcode::ordinal` counts through the whole page).
#[derive(Default)]
struct Nesting {
    depth: usize,
    drawn: HashMap<String, usize>,
    /// The level of the heading before the pair whose body is being rendered (None: no
    /// heading, or the page's own body): a shortcode in the body before any heading of
    /// the body's own stands one below it.
    heading: Option<u8>,
    /// The heading ids the page took so far, its own first: a body's headings steer
    /// clear of them, as of the theme's.
    ids: HashSet<String>,
}

impl Nesting {
    /// `outline` for the page's body (which keeps the ids it took for its pairs' bodies,
    /// when it has pairs) or a pair's body (whose ids steer clear of those taken so far).
    fn outline<'e>(
        &mut self,
        events: Vec<Event<'e>>,
        theme_ids: &HashSet<String>,
        has_pairs: bool,
    ) -> (Vec<Event<'e>>, Vec<Heading>) {
        let reserved: HashSet<String>;
        let taken = match self.depth {
            0 => theme_ids,
            _ => {
                reserved = theme_ids.union(&self.ids).cloned().collect();
                &reserved
            }
        };
        let (events, headings) = outline(events, taken);
        if self.depth > 0 || has_pairs {
            // A heading with a call within it has no id yet: `headings_with_calls` adds it.
            self.ids.extend(headings.iter().filter(|h| !h.id.is_empty()).map(|h| h.id.clone()));
        }
        (events, headings)
    }
}

/// Each shortcode's HTML, rendered in the order they stand, each told its heading level
/// and its place among the shortcodes of its name; a pair's body is rendered first.
fn render_shortcodes(
    calls: Vec<Call>,
    levels: &[u8],
    (links, keep_links): (&LinkContext<'_>, bool),
    nesting: &mut Nesting,
) -> Result<Drawn, Vec<MarkdownError>> {
    let Some(render) = links.shortcodes else { return Ok(Drawn::default()) };
    let mut drawn = Drawn { html: Vec::with_capacity(calls.len()), ..Drawn::default() };
    let mut errors = Vec::new();
    for (n, (mut call, &level)) in calls.into_iter().zip(levels).enumerate() {
        let sc = &mut call.shortcode;
        sc.heading_level = level;
        let ordinal = nesting.drawn.entry(sc.name.clone()).or_default();
        *ordinal += 1;
        sc.ordinal = *ordinal;
        drawn.names.push(sc.name.clone());
        let located = |message: String| MarkdownError { line: call.line, column: call.column, message };
        if let Some(body) = call.body {
            if nesting.depth == MAX_NESTING {
                errors.push(located(format!("shortcode `{}`: pairs stand more than {MAX_NESTING} deep", sc.name)));
                continue;
            }
            let in_page = |e| body.in_page(e);
            let outer = std::mem::replace(&mut nesting.heading, (level > 2).then(|| level - 1));
            nesting.depth += 1;
            let inner = render_nested(&body.text, (links, keep_links), nesting);
            nesting.depth -= 1;
            nesting.heading = outer;
            match inner {
                Ok((r, kept)) => {
                    drawn.kept.extend(kept.into_iter().map(in_page));
                    drawn.lookups.extend(r.lookups);
                    drawn.names.extend(r.shortcodes);
                    drawn.words += r.words;
                    drawn.headings.push((n, r.headings));
                    sc.body = Some(match body.inline {
                        true => without_paragraph(r.html.into_string()),
                        false => r.html.into_string(),
                    });
                    sc.inner = Some(body.text);
                }
                Err(inner) => {
                    errors.extend(inner.into_iter().map(in_page));
                    continue;
                }
            }
        }
        match render(sc) {
            Ok(h) if call.inline => drawn.html.push(h.trim_end_matches(['\n', '\r']).to_string()),
            Ok(h) => drawn.html.push(h),
            Err(m) => errors.push(located(format!("shortcode `{}`: {m}", sc.name))),
        }
    }
    if errors.is_empty() {
        Ok(drawn)
    } else {
        Err(errors)
    }
}

/// A body's HTML without the one paragraph Markdown made of a line of text.
fn without_paragraph(html: String) -> String {
    match html.strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>\n")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// The heading level for what follows a heading of `previous` level (`None`: no heading
/// yet): one deeper, as a subsection of it, but never past `<h6>`.
pub fn heading_level(previous: Option<u8>) -> u8 {
    previous.map_or(2, |level| (level + 1).min(6))
}

/// The heading level of each shortcode placeholder in `events`, by the heading before it.
fn shortcode_levels(events: &[Event<'_>], count: usize, heading_before: Option<u8>) -> Vec<u8> {
    let mut levels = vec![None; count];
    let mut previous = heading_before;
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => previous = Some(*level as u8),
            Event::Html(html) | Event::InlineHtml(html) => {
                for n in placeholders(html) {
                    if let Some(slot @ None) = levels.get_mut(n) {
                        *slot = Some(heading_level(previous));
                    }
                }
            }
            _ => {}
        }
    }
    levels.into_iter().map(|l| l.unwrap_or(heading_level(heading_before))).collect()
}

/// Parses `name key="value" key2=value2`, or `name value "another value"`: Hugo's calls
/// give values by place, and a site's own shortcode keeps them. A name may hold `.` and,
/// after its first character, `/` (`shortcodes/docs/note.html` is `docs/note`).
pub fn parse_shortcode(inner: &str) -> Result<Shortcode, String> {
    let inner = inner.trim();
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = &inner[..name_end];
    let name_char = |c: char| c.is_ascii_alphanumeric() || "_-./".contains(c);
    if name.is_empty() || name.starts_with('/') || !name.chars().all(name_char) || name.contains("..") {
        return Err(format!("{inner:?} does not start with a shortcode name"));
    }
    let mut args = BTreeMap::new();
    let mut positional = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let named = rest.find('=').filter(|&eq| eq < word_end && !rest.starts_with('"'));
        let (key, after) = match named {
            Some(eq) => (Some(rest[..eq].trim()), &rest[eq + 1..]),
            None => (None, rest),
        };
        let (value, remainder) = match after.strip_prefix('"') {
            Some(quoted) => {
                let end = quoted.find('"').ok_or_else(|| match key {
                    Some(key) => format!("the value of `{key}` has no closing quote"),
                    None => format!("the value {after:?} has no closing quote"),
                })?;
                (&quoted[..end], &quoted[end + 1..])
            }
            None => after.split_at(after.find(char::is_whitespace).unwrap_or(after.len())),
        };
        match key {
            Some(key) if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') => {
                return Err(format!("{key:?} is not an argument name"));
            }
            Some(key) => {
                if args.insert(key.to_string(), value.to_string()).is_some() {
                    return Err(format!("argument `{key}` is given twice"));
                }
            }
            None => positional.push(value.to_string()),
        }
        rest = remainder.trim_start();
    }
    if !args.is_empty() && !positional.is_empty() {
        return Err("arguments are given both by name and by place: name every one, or none".to_string());
    }
    let level = heading_level(None);
    Ok(Shortcode {
        name: name.to_string(),
        args,
        heading_level: level,
        ordinal: 1,
        positional,
        body: None,
        inner: None,
        inline: false,
    })
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: Html,
    pub words: usize,
    /// Plain text of the first paragraph, for summaries.
    pub first_paragraph: String,
    /// Plain text before `<!-- more -->`, when the author marked where the summary ends.
    pub before_more: Option<String>,
    /// Every heading of the body, in order, for a table of contents.
    pub headings: Vec<Heading>,
    /// What its links looked up in the site's URLs, in order, with what they found: the
    /// HTML depends on the rest of the site through these alone (and its shortcodes).
    /// Empty unless `LinkContext::note_lookups`.
    pub lookups: Vec<Lookup>,
    /// The names of the shortcodes it drew, in order: their HTML comes from the site's
    /// listings and templates.
    pub shortcodes: Vec<String>,
}

/// A body's HTML, with what later steps would otherwise read all of it again for, taken
/// as it is made, while it is still in the cache: at 100,000 articles the bodies hold
/// 270 MB, and each pass over them (a page's fingerprint, `check`'s look for images)
/// missed the cache for every line of it, where 10,000 articles' bodies mostly hit it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Html {
    text: String,
    /// XXH3-128 of `text`.
    hash: u128,
    /// Whether `text` holds `<img` anywhere.
    has_img: bool,
}

impl Html {
    pub fn new(text: String) -> Html {
        let hash = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
        let has_img = text.contains("<img");
        Html { text, hash, has_img }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }

    /// Whether the HTML holds an `<img` tag (or those letters in raw text): without
    /// them, it shows no image.
    pub fn has_img(&self) -> bool {
        self.has_img
    }
}

impl Default for Html {
    fn default() -> Html {
        Html::new(String::new())
    }
}

impl std::fmt::Display for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::ops::Deref for Html {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

/// The text for templates and every other human-readable format; for the fingerprint's
/// serializer (`site::hash_bytes`, not human-readable) the hash alone, which stands for
/// the text as the hash of any long string there does.
impl serde::Serialize for Html {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&self.text)
        } else {
            serializer.serialize_u128(self.hash)
        }
    }
}

/// One question a body's links asked of the site (`LinkContext`), with its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// `permalinks[path]`.
    Permalink(String, Option<String>),
    /// Whether `published` holds the URL path.
    Published(String, bool),
}

impl Lookup {
    /// Whether `permalinks` and `published` (the site's, now) give the same answer.
    pub fn holds(&self, permalinks: &HashMap<String, String>, published: &HashSet<String>) -> bool {
        match self {
            Lookup::Permalink(path, found) => permalinks.get(path) == found.as_ref(),
            Lookup::Published(path, found) => published.contains(path) == *found,
        }
    }
}

/// The start of a GitHub alert (`> [!NOTE]`): a quote with its kind's class and a title,
/// as GitHub shows them, since the kind is no longer written in the text.
fn alert_start(kind: BlockQuoteKind) -> Event<'static> {
    let (class, title) = match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    };
    Event::Html(format!("<blockquote class=\"alert alert-{class}\">\n<p class=\"alert-title\">{title}</p>\n").into())
}

/// A heading as a table of contents lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Renders Markdown. Raw HTML passes through untouched, as authors expect.
pub fn render(source: &str, links: &LinkContext<'_>) -> Result<Rendered, Vec<MarkdownError>> {
    render_keeping(source, links, false).map(|(rendered, _)| rendered)
}

/// Renders Markdown; with `keep_links`, a link or image that names nothing is kept as
/// written and returned beside the HTML instead of failing the body: `check` reports it
/// with everything else it finds, where a build stops at it.
pub fn render_keeping(
    source: &str,
    links: &LinkContext<'_>,
    keep_links: bool,
) -> Result<(Rendered, Vec<MarkdownError>), Vec<MarkdownError>> {
    render_nested(source, (links, keep_links), &mut Nesting::default())
}

/// `render_keeping` for a page's body or a pair's body within it.
fn render_nested(
    source: &str,
    (links, keep_links): (&LinkContext<'_>, bool),
    nesting: &mut Nesting,
) -> Result<(Rendered, Vec<MarkdownError>), Vec<MarkdownError>> {
    let (expanded, calls, mut errors) = expand_shortcodes(source, links);
    let source = expanded.as_str();
    let mut scan = Scan::default();
    let events: Vec<Event<'_>> = Parser::new_ext(source, options())
        .into_offset_iter()
        .map(|(event, range)| scan.event(event, range, links))
        .collect();
    let mut broken_links = std::mem::take(&mut scan.broken_html_links);
    broken_links.extend(located_links(source, std::mem::take(&mut scan.broken_links)));
    let mut broken = std::mem::take(&mut scan.broken);
    if !keep_links {
        broken.append(&mut broken_links);
    }
    let (broken, mut kept) = (located(source, broken), located(source, broken_links));
    let (mut events, mut headings) = nesting.outline(events, links.theme_ids, calls.iter().any(|c| c.body.is_some()));
    let levels = shortcode_levels(&events, calls.len(), nesting.heading);
    let drawn = render_shortcodes(calls, &levels, (links, keep_links), nesting);
    errors.extend(broken);
    let mut drawn = match drawn {
        Ok(drawn) if errors.is_empty() => drawn,
        Ok(_) => return Err(errors),
        Err(more) => {
            errors.extend(more);
            errors.sort_by_key(|e| (e.line, e.column));
            return Err(errors);
        }
    };
    if !drawn.kept.is_empty() {
        kept.extend(drawn.kept);
        kept.sort_by_key(|e| (e.line, e.column));
    }
    let texts = CallTexts::new(&drawn.html);
    headings_with_calls(&mut events, &mut headings, &texts, (links.theme_ids, &mut nesting.ids));
    let headings = with_bodies_headings(headings, std::mem::take(&mut drawn.headings), &events);
    let ids: HashSet<String> = headings.iter().map(|h| h.id.clone()).collect();
    let events = crate::footnotes::endnotes(events, &ids);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let rendered = Rendered {
        html: Html::new(fill_shortcodes(&html, &drawn.html)),
        words: scan.words + drawn.words,
        first_paragraph: match texts.fill(scan.first_paragraph) {
            // A call that drew nothing leaves two spaces where it stood.
            text if text.contains("  ") => text.split_whitespace().collect::<Vec<_>>().join(" "),
            text => text,
        },
        before_more: scan
            .more_found
            .then(|| texts.fill(scan.before_more).split_whitespace().collect::<Vec<_>>().join(" ")),
        headings,
        lookups: [scan.lookups, drawn.lookups].concat(),
        shortcodes: drawn.names,
    };
    Ok((rendered, kept))
}

/// Problems found at byte offsets of `source`, in order, at their lines and columns.
fn located(source: &str, mut found: Vec<(usize, String)>) -> Vec<MarkdownError> {
    found.sort_by_key(|(offset, _)| *offset);
    found
        .into_iter()
        .map(|(offset, message)| {
            let (line, column) = crate::error::line_col(source, offset);
            MarkdownError { line, column, message }
        })
        .collect()
}

/// `<!-- more -->` (any spacing, any case) on a line of its own or inline: where the
/// author's summary ends, as in Hugo, Zola and Jekyll.
fn is_more_marker(html: &str) -> bool {
    let t = html.trim();
    t.strip_prefix("<!--")
        .and_then(|r| r.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim().eq_ignore_ascii_case("more"))
}

/// What one pass over the events learns on the way: words, the first paragraph's text,
/// and links that point at nothing.
#[derive(Default)]
struct Scan {
    words: usize,
    first_paragraph: String,
    /// 0: no paragraph seen yet, 1: inside the first, 2: past it.
    paragraph_state: u8,
    /// Text so far, until `<!-- more -->` is met.
    before_more: String,
    more_found: bool,
    /// Inside a footnote definition: its text is no part of the summary, wherever the
    /// author wrote it.
    in_footnote: usize,
    /// Offset and message of text that holds a control character, and of a heading id
    /// given twice.
    broken: Vec<(usize, String)>,
    /// Offset and message of each raw HTML link that points at nothing.
    broken_html_links: Vec<(usize, String)>,
    /// Markdown links and images that point at nothing, located once the whole body is
    /// parsed (`located_links`): a reference link's target is in its definition.
    broken_links: Vec<BrokenLink>,
    lookups: Vec<Lookup>,
    /// The `{#id}`s headings were given so far.
    heading_ids: HashSet<String>,
    /// Where raw HTML left off: an HTML block comes a line per event, and a comment or a
    /// tag may go on over several.
    html_at: HtmlAt,
}

impl Scan {
    fn event<'a>(&mut self, event: Event<'a>, range: Range<usize>, links: &LinkContext<'_>) -> Event<'a> {
        let offset = range.start;
        self.summaries(&event);
        if let Some(c) = control_in(&event) {
            self.broken.push((offset, crate::escape::control_message(c)));
        }
        match event {
            Event::Start(Tag::Heading { id: Some(ref id), .. }) if !self.heading_ids.insert(id.to_string()) => {
                let message = format!(
                    "the heading id {{#{id}}} is given to an earlier heading too: a link to #{id} reaches only \
                     the first, so give this one another"
                );
                self.broken.push((offset, message));
                event
            }
            // An e-mail autolink's target is the bare address; the writer adds `mailto:`.
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if link_type != LinkType::Email => {
                let dest_url = self.link(dest_url, (range, &id), links);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = self.link(dest_url, (range, &id), links);
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {
                self.html_at = HtmlAt::Text;
                event
            }
            Event::Html(html) => {
                let mut at = self.html_at;
                let rewritten = self.html_links(&html, offset, links, &mut at);
                self.html_at = at;
                rewritten.map_or(Event::Html(html), |r| Event::Html(r.into()))
            }
            // Inline HTML is whole in its one event (CommonMark reads nothing less as HTML).
            Event::InlineHtml(html) => match self.html_links(&html, offset, links, &mut HtmlAt::Text) {
                Some(rewritten) => Event::InlineHtml(rewritten.into()),
                None => Event::InlineHtml(html),
            },
            // `rust,linenos` (Zola, rustdoc, mdBook): the language is the word before the
            // comma; the rest are the highlighter's options, no part of the class.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(language_only(info))))
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => alert_start(kind),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</blockquote>\n".into()),
            // pulldown-cmark's checkbox has no accessible name; screen readers and audits need one.
            Event::TaskListMarker(done) => Event::InlineHtml(
                if done {
                    "<input type=\"checkbox\" disabled checked aria-label=\"done\"> "
                } else {
                    "<input type=\"checkbox\" disabled aria-label=\"to do\"> "
                }
                .into(),
            ),
            other => other,
        }
    }

    /// Counts words and keeps the plain text of the first paragraph and of everything
    /// before `<!-- more -->`.
    fn summaries(&mut self, event: &Event<'_>) {
        let in_first = self.paragraph_state == 1;
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => self.in_footnote += 1,
            Event::End(TagEnd::FootnoteDefinition) => self.in_footnote = self.in_footnote.saturating_sub(1),
            Event::Text(text) | Event::Code(text) => {
                self.words += count_words(text);
                if in_first {
                    self.first_paragraph.push_str(text);
                }
                if !self.more_found && self.in_footnote == 0 {
                    self.before_more.push_str(text);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) if is_more_marker(html) => self.more_found = true,
            Event::InlineHtml(html) => {
                if let Some(n) = placeholder_number(html) {
                    let mark = call_mark(n);
                    if in_first {
                        self.first_paragraph.push_str(&mark);
                    }
                    if !self.more_found && self.in_footnote == 0 {
                        self.before_more.push_str(&mark);
                    }
                }
            }
            Event::Start(Tag::Paragraph) if self.paragraph_state == 0 && self.in_footnote == 0 => {
                self.paragraph_state = 1
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                if in_first && matches!(event, Event::SoftBreak | Event::HardBreak) {
                    self.first_paragraph.push(' ');
                }
                if in_first && matches!(event, Event::End(TagEnd::Paragraph)) {
                    self.paragraph_state = 2;
                }
                if !self.more_found {
                    self.before_more.push(' ');
                }
            }
            _ => {}
        }
    }

    /// A link or image target, rewritten; a broken one is kept as written and noted with
    /// where the link stands and its reference label (empty for an inline link).
    fn link<'a>(&mut self, url: CowStr<'a>, at: (Range<usize>, &str), links: &LinkContext<'_>) -> CowStr<'a> {
        let asked = links.note_lookups.then_some(&mut self.lookups);
        // pulldown-cmark percent-encodes what is not ASCII in a link, which would make a
        // host outside ASCII (`bücher.example`) one DNS cannot find: it is written in
        // IDNA's ASCII form instead, which browsers show as the name.
        match rewrite_url(&url, links, asked) {
            Ok(Some(rewritten)) => match crate::escape::ascii_host(&rewritten) {
                Cow::Owned(ascii) => ascii.into(),
                Cow::Borrowed(_) => rewritten.into(),
            },
            Ok(None) => match crate::escape::ascii_host(&url) {
                Cow::Owned(ascii) => ascii.into(),
                Cow::Borrowed(_) => url,
            },
            Err(message) => {
                let (range, label) = at;
                let label = (!label.is_empty()).then(|| label.to_string());
                self.broken_links.push(BrokenLink { range, label, target: url.to_string(), message });
                url
            }
        }
    }
}

impl Scan {
    /// Raw HTML's link targets (`href`, `src`, `poster`, each of a `srcset`) rewritten as
    /// a Markdown link's are, where they are `@/` links (which `import` writes into HTML
    /// attributes, and a browser could not follow) or site paths (`/x`, which must gain
    /// the base URL's path on a site served from one). Relative targets are left as written: in HTML they were always
    /// the browser's to resolve. None when nothing changed.
    fn html_links(&mut self, html: &str, offset: usize, links: &LinkContext<'_>, at: &mut HtmlAt) -> Option<String> {
        if placeholder_spans(html).next().is_some_and(|(span, _)| span.start == 0) {
            return None;
        }
        let mut out = String::new();
        let mut copied = 0;
        for value in attribute_targets(html, at) {
            let url = &html[value.clone()];
            if !(url.starts_with("@/") || (url.starts_with('/') && !url.starts_with("//"))) {
                continue;
            }
            let asked = links.note_lookups.then_some(&mut self.lookups);
            match rewrite_url(url, links, asked) {
                Ok(Some(rewritten)) => {
                    out.push_str(&html[copied..value.start]);
                    out.push_str(&rewritten);
                    copied = value.end;
                }
                Ok(None) => {}
                Err(message) => self.broken_html_links.push((offset + value.start, message)),
            }
        }
        (copied > 0).then(|| out + &html[copied..])
    }
}

/// A Markdown link or image whose target names nothing.
struct BrokenLink {
    /// Where the whole link stands: `[text](target)`, or `[text][label]`.
    range: Range<usize>,
    /// The reference label of `[text][label]` (and `[label][]`, `[label]`).
    label: Option<String>,
    target: String,
    message: String,
}

/// Each broken link's message at its target, where the author fixes it (and where
/// `check` points at a link to nothing): inside the link, or in its reference definition
/// (`[ref]: @/x.md`). The body is parsed again for the definitions, on this error path only.
fn located_links(source: &str, broken: Vec<BrokenLink>) -> Vec<(usize, String)> {
    if broken.is_empty() {
        return Vec::new();
    }
    let parser = Parser::new_ext(source, options());
    let definitions = parser.reference_definitions();
    let span = |link: &BrokenLink| link.label.as_deref().and_then(|l| definitions.get(l)).map(|d| d.span.clone());
    broken
        .into_iter()
        .map(|link| (target_offset(source, span(&link).unwrap_or(link.range.clone()), &link.target), link.message))
        .collect()
}

/// Where `target` is written as the target in `source[span]`, a link or a reference
/// definition: right after its `](` or `]:` (spaces, line breaks and a `<` between them),
/// which a title (`"(x"`) never is; the last such place, since an image in the link's text
/// comes before the link's own target. The span's start when the target is written
/// otherwise (with a backslash escape, say).
fn target_offset(source: &str, span: Range<usize>, target: &str) -> usize {
    let text = &source[span.clone()];
    let opens = |before: &str| {
        let before = before.trim_end();
        let before = before.strip_suffix('<').unwrap_or(before).trim_end();
        before.ends_with("](") || before.ends_with("]:")
    };
    let at = text.match_indices(target).filter(|&(at, _)| opens(&text[..at])).last();
    at.map_or(span.start, |(at, _)| span.start + at)
}

/// Where a scan of raw HTML stands at the end of one event's text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum HtmlAt {
    #[default]
    Text,
    /// Inside a tag, among its attributes.
    Tag,
    Comment,
}

/// Where the URLs of `href`, `src`, `poster` and `srcset` attributes stand in `html`,
/// inside its tags only (not in text between them or in comments), quoted or not. `at` is
/// where the text before left off, and is left where this one ends.
fn attribute_targets(html: &str, at: &mut HtmlAt) -> Vec<std::ops::Range<usize>> {
    let b = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match *at {
            HtmlAt::Comment => match html[i..].find("-->") {
                Some(end) => (i, *at) = (i + end + 3, HtmlAt::Text),
                None => i = b.len(),
            },
            HtmlAt::Text => {
                let Some(lt) = html[i..].find('<').map(|found| found + i) else { break };
                if html[lt..].starts_with("<!--") {
                    (i, *at) = (lt + 4, HtmlAt::Comment);
                } else if b.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
                    i = lt + 1;
                    while b.get(i).is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>') {
                        i += 1;
                    }
                    *at = HtmlAt::Tag;
                } else {
                    i = lt + 1;
                }
            }
            HtmlAt::Tag => i = attribute(html, i, at, &mut found),
        }
    }
    found
}

/// Where the URLs of the link attributes of a whole piece of raw HTML stand.
pub fn raw_html_targets(html: &str) -> Vec<std::ops::Range<usize>> {
    attribute_targets(html, &mut HtmlAt::Text)
}

/// Reads the attribute (or the tag's end) at `i` inside a tag: notes the URLs of a link
/// attribute, and returns where reading goes on.
fn attribute(html: &str, mut i: usize, at: &mut HtmlAt, found: &mut Vec<std::ops::Range<usize>>) -> usize {
    let b = html.as_bytes();
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace() || *c == b'/') {
        i += 1;
    }
    match b.get(i) {
        None => return i,
        Some(b'>') => {
            *at = HtmlAt::Text;
            return i + 1;
        }
        Some(_) => {}
    }
    let name_start = i;
    while b.get(i).is_some_and(|c| !c.is_ascii_whitespace() && !b"=>/".contains(c)) {
        i += 1;
    }
    let name = &html[name_start..i];
    let mut j = i;
    while b.get(j).is_some_and(u8::is_ascii_whitespace) {
        j += 1;
    }
    if b.get(j) != Some(&b'=') {
        return i;
    }
    j += 1;
    while b.get(j).is_some_and(u8::is_ascii_whitespace) {
        j += 1;
    }
    let (value, next) = match b.get(j) {
        Some(&q @ (b'"' | b'\'')) => {
            let end = html[j + 1..].find(q as char).map_or(b.len(), |e| j + 1 + e);
            (j + 1..end, (end + 1).min(b.len()))
        }
        _ => {
            let end = html[j..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(b.len(), |e| j + e);
            (j..end, end)
        }
    };
    if ["href", "src", "poster"].iter().any(|n| name.eq_ignore_ascii_case(n)) {
        found.push(value);
    } else if name.eq_ignore_ascii_case("srcset") {
        let start = value.start;
        found.extend(srcset_urls(&html[value]).map(|url| start + url.start..start + url.end));
    }
    next
}

/// Where each candidate's URL stands in a `srcset` value (`/a.png 1x, /a@2x.png 2x`), as
/// browsers split it: a URL runs to the next whitespace and loses trailing commas, and its
/// descriptors run to the next comma outside parentheses.
pub fn srcset_urls(value: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let b = value.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while b.get(i).is_some_and(|c| c.is_ascii_whitespace() || *c == b',') {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while b.get(i).is_some_and(|c| !c.is_ascii_whitespace()) {
            i += 1;
        }
        let mut end = i;
        if b[start..end].ends_with(b",") {
            while end > start && b[end - 1] == b',' {
                end -= 1;
            }
        } else {
            // A comma inside parentheses is a descriptor's (`(a, b)`), as browsers read it.
            let mut in_parens = false;
            while let Some(&c) = b.get(i).filter(|&&c| in_parens || c != b',') {
                in_parens = (in_parens || c == b'(') && c != b')';
                i += 1;
            }
        }
        Some(start..end)
    })
}

/// A control character in text the page will show. `content::read_text` refuses those
/// written as they are; a character reference (`&#1;`, `&#x85;`) decodes to one here.
fn control_in(event: &Event<'_>) -> Option<char> {
    let text = match event {
        Event::Text(t) | Event::Code(t) => t,
        Event::Start(Tag::Link { title, .. } | Tag::Image { title, .. }) => title,
        _ => return None,
    };
    crate::escape::first_control(text).map(|(_, c)| c)
}

/// `text.split_whitespace().count()`, reading ASCII a byte at a time: most Markdown text
/// is ASCII, and decoding every character to count words (and again to look for control
/// characters) was a twentieth of a rebuild's CPU at 100,000 articles.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while let Some(&b) = bytes.get(i) {
        let (space, len) = match b {
            // char::is_whitespace's ASCII characters: tab, line feed, vertical tab, form
            // feed, carriage return and space.
            0..0x80 => (matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '), 1),
            // `i` is always where a character starts, so it decodes.
            _ => text[i..].chars().next().map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        i += len;
    }
    words
}

/// What every placeholder holds before its number; `placeholder` and
/// `inline_placeholder` write them.
const PLACEHOLDER_NAME: &str = "careerpress-shortcode-";

/// Each placeholder in `html`, in order: where it stands, and its number.
fn placeholder_spans(html: &str) -> impl Iterator<Item = (Range<usize>, usize)> + '_ {
    html.match_indices(PLACEHOLDER_NAME).filter_map(|(at, _)| {
        let after = &html[at + PLACEHOLDER_NAME.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let n = after[..digits].parse().ok()?;
        let (open, close) = match &html[..at] {
            before if before.ends_with("<!--") => ("<!--", "-->"),
            before if before.ends_with('<') => ("<", "/>"),
            _ => return None,
        };
        let mut end = at + PLACEHOLDER_NAME.len() + digits + close.len();
        if open == "<" && html[end..].starts_with(INLINE_TAIL) {
            end += INLINE_TAIL.len();
        }
        after[digits..].starts_with(close).then_some((at - open.len()..end, n))
    })
}

/// The numbers of the placeholders in one piece of HTML, in order.
fn placeholders(html: &str) -> impl Iterator<Item = usize> + '_ {
    placeholder_spans(html).map(|(_, n)| n)
}

/// Puts each shortcode's HTML where its placeholder stands, in one pass over the page.
fn fill_shortcodes(html: &str, shortcode_html: &[String]) -> String {
    // A copy even without shortcodes: `html` was sized for the worst case, and kept as it
    // is, each page's body would hold twice its length (100 MB more at 100,000 articles).
    if shortcode_html.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + shortcode_html.iter().map(String::len).sum::<usize>());
    let mut copied = 0;
    for (span, n) in placeholder_spans(html) {
        if let Some(sc) = shortcode_html.get(n) {
            out.push_str(&html[copied..span.start]);
            out.push_str(sc);
            copied = span.end;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Why a link to content file `file` finds no page: the build leaves it out, or there is
/// no such file.
fn missing(url: &str, file: &str, links: &LinkContext<'_>) -> String {
    match links.left_out.contains(file) {
        true => format!(
            "link to {url} points at content/{file}, which this build leaves out (a draft, or dated after the \
             build date): publish it first, or build with --drafts or --future"
        ),
        false => no_file(url, file),
    }
}

/// A link to content file `file`, which does not exist, named with the path that was
/// looked for: the link as written may not show it (an `@/` link's `?query` and
/// `#fragment`, a relative link's folder), and a misspelt or moved file is found by it.
fn no_file(url: &str, file: &str) -> String {
    format!("link to {url} points at no content file: it names content/{file}")
}

/// `@/` links become permalinks, their query and fragment kept (`@/x.md?page=2#top`); `/x`
/// becomes base_url + `x`, so that sites served from a sub-path keep working; a relative
/// link becomes the URL of the content file it names. `Ok(None)` leaves the target as
/// written (external, `#fragment`); `Err` says why a link points at nothing.
fn rewrite_url(url: &str, links: &LinkContext<'_>, asked: Option<&mut Vec<Lookup>>) -> Result<Option<String>, String> {
    if let Some(target) = url.strip_prefix("@/") {
        // The file's name ends at the first `?` or `#`: a `?` after the `#` is the fragment's.
        let (file, suffix) = target.split_at(target.find(['?', '#']).unwrap_or(target.len()));
        let found = links.permalinks.get(file);
        note(asked, || Lookup::Permalink(file.to_string(), found.cloned()));
        return match found {
            Some(permalink) => Ok(Some(format!("{permalink}{suffix}"))),
            None => Err(missing(url, file, links)),
        };
    }
    if url.starts_with('/') && !url.starts_with("//") {
        return Ok(Some(format!("{}{}", links.base_url, &url[1..])));
    }
    if is_relative(url) {
        return resolve_relative(url, links, asked).map(Some);
    }
    Ok(None)
}

/// Whether a relative link reaches what the site publishes, read as the build reads it
/// (from the file's folder in `content/`, then from the page's URL); None for a link
/// that is not relative (`@/`, a site path, a URL, a fragment). The import asks it of
/// the pages it writes, before any build.
pub fn relative_link_found(url: &str, links: &LinkContext<'_>) -> Option<bool> {
    (is_relative(url) && !url.starts_with('@')).then(|| resolve_relative(url, links, None).is_ok())
}

/// A link that names a file by its place beside this one: not empty, not `#…`, `?…` or
/// `/…`, and without a scheme (`https:`, `mailto:`, `tel:`).
fn is_relative(url: &str) -> bool {
    !(url.is_empty() || url.starts_with(['#', '?', '/']) || has_scheme(url))
}

/// Adds the lookup `what` makes to `asked`, when lookups are noted at all.
fn note(asked: Option<&mut Vec<Lookup>>, what: impl FnOnce() -> Lookup) {
    if let Some(asked) = asked {
        asked.push(what());
    }
}

/// Whether `url` starts with a scheme as RFC 3986 spells one: a letter, then letters,
/// digits, `+`, `-` or `.`, then `:`. A `/` before the first `:` makes it a path.
fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// A relative link resolved from the source file's folder in `content/` to where the file
/// it names is published, so that `![](chart.png)` works although the page itself lives one
/// folder deeper (`posts/future/`) than its source (`posts/future.md`). The query and
/// fragment are kept. Failing that, the link is read as a URL from the page's own URL, as
/// blogs moved from other generators write page links (`../other-post/`), and accepted
/// when it names something the site publishes.
fn resolve_relative(url: &str, links: &LinkContext<'_>, mut asked: Option<&mut Vec<Lookup>>) -> Result<String, String> {
    let (path, suffix) = url.split_at(url.find(['?', '#']).unwrap_or(url.len()));
    // Authors may percent-encode a space in a file name (`my%20chart.png`).
    let decoded = percent_decode_str(path).decode_utf8().unwrap_or(path.into());
    let target = content_path(links.source_dir, &decoded);
    if let Some(target) = &target {
        let found = links.permalinks.get(target);
        note(asked.as_deref_mut(), || Lookup::Permalink(target.clone(), found.cloned()));
        if let Some(found) = found {
            return Ok(format!("{found}{suffix}"));
        }
    }
    // A page's URL ends in `/`: `../a` names the page `a/` as much as `../a/` does.
    let from_page = content_path(links.page_path, &decoded).and_then(|p| {
        let as_page = if p.is_empty() { p.clone() } else { format!("{p}/") };
        [p, as_page].into_iter().find(|c| {
            let found = links.published.contains(c);
            note(asked.as_deref_mut(), || Lookup::Published(c.clone(), found));
            found
        })
    });
    match (from_page, target) {
        (Some(path), _) => Ok(format!("{}{path}{suffix}", links.base_url)),
        (None, Some(target)) if links.left_out.contains(&target) => Err(missing(url, &target, links)),
        (None, Some(target)) => Err(format!(
            "{}, as relative links name files from this file's folder in content/ (start a site URL with /)",
            no_file(url, &target)
        )),
        (None, None) => Err(format!(
            "link to {url} goes above content/ and names no page the site publishes: relative links name \
             files inside content/ (start a site URL with /)"
        )),
    }
}

/// Joins a relative path onto a folder of `content/`, resolving `.` and `..`; `None` when
/// it climbs above `content/`.
pub fn content_path(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Gives every heading an id (its own `{#id}`, else its slug, made unique, also against
/// `theme_ids`), ends it with an anchor link to itself, and lists them for the table of
/// contents.
fn outline<'e>(events: Vec<Event<'e>>, theme_ids: &HashSet<String>) -> (Vec<Event<'e>>, Vec<Heading>) {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut headings = Vec::new();
    let mut open: Option<Heading> = None;
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let id = id.map(|i| i.to_string());
                open = Some(Heading { level: level as u8, id: id.unwrap_or_default(), title: String::new() });
                out.push(Event::Start(Tag::Heading { level, id: None, classes, attrs }));
            }
            Event::Text(ref t) | Event::Code(ref t) if open.is_some() => {
                open.as_mut().expect("inside a heading").title.push_str(t);
                out.push(event);
            }
            Event::InlineHtml(ref html) if open.is_some() => {
                if let Some(n) = placeholder_number(html) {
                    open.as_mut().expect("inside a heading").title.push_str(&call_mark(n));
                }
                out.push(event);
            }
            Event::End(TagEnd::Heading(level)) if open.is_some() => {
                let mut h = open.take().expect("inside a heading");
                h.title = h.title.trim().to_string();
                // A title with a call within it gets its id once the call is drawn
                // (`headings_with_calls`).
                if h.id.is_empty() && !h.title.contains('\u{1}') {
                    h.id = unique_id(&h.title, &mut used, theme_ids);
                }
                out.push(Event::InlineHtml(anchor(&h).into()));
                out.push(Event::End(TagEnd::Heading(level)));
                headings.push(h);
            }
            other => out.push(other),
        }
    }
    // Ids are only known at each heading's end; the start tags get them now.
    let mut ids = headings.iter().map(|h| h.id.clone());
    for e in &mut out {
        if let Event::Start(Tag::Heading { id, .. }) = e {
            *id = ids.next().map(CowStr::from);
        }
    }
    (out, headings)
}

/// A heading of a Markdown source as the build will read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingSpan {
    /// Where the heading stands in the source, its `#`s or underline included.
    pub range: std::ops::Range<usize>,
    /// Its own `{#id}`, when it has one.
    pub own_id: Option<String>,
    /// The id the build gives it: its own, else its slug made unique (as [`outline`] does).
    pub id: String,
    /// Its text as the reader sees it, without markup.
    pub title: String,
}

/// Every heading of `source`, with the id each will get: for an import, which must know
/// whether a heading keeps the id the old generator gave it.
pub fn heading_spans(source: &str) -> Vec<HeadingSpan> {
    let mut spans: Vec<HeadingSpan> = Vec::new();
    let mut open: Option<HeadingSpan> = None;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                let own_id = id.map(|i| i.to_string());
                open = Some(HeadingSpan { range, own_id, id: String::new(), title: String::new() });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = open.as_mut() {
                    h.title.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut h) = open.take() {
                    h.title = h.title.trim().to_string();
                    spans.push(h);
                }
            }
            _ => {}
        }
    }
    // As in `outline`: a heading's own id is taken before any is made from a title.
    let mut used: HashSet<String> = spans.iter().filter_map(|h| h.own_id.clone()).collect();
    for h in &mut spans {
        h.id = match &h.own_id {
            Some(own) => own.clone(),
            None => unique_id(&h.title, &mut used, &HashSet::new()),
        };
    }
    spans
}

/// The footnotes `source` shows, numbered and given ids as the build gives them (apart
/// from its headings' ids): for an import, whose links name the old generator's ids.
pub fn footnote_ids(source: &str) -> Vec<crate::footnotes::NoteIds> {
    let events: Vec<Event<'_>> = Parser::new_ext(source, options()).collect();
    let (events, headings) = outline(events, &HashSet::new());
    let taken: HashSet<String> = headings.into_iter().map(|h| h.id).collect();
    crate::footnotes::note_ids(events, &taken)
}

/// Where a Markdown source holds code and where it holds text, as the build reads it, as
/// byte ranges in order, found in one parse. Readers of the source that must leave code
/// alone, or read only text, ask this rather than reading fences and backticks themselves.
pub struct Regions {
    /// Code blocks (fenced, fences included, in quotes and lists too, or indented) and code
    /// spans (backticks included, over line ends too).
    code: Vec<std::ops::Range<usize>>,
    /// Text events outside code blocks, image descriptions and autolinks (whose text is
    /// also an attribute). Link targets and titles, reference definitions, raw HTML and
    /// code are not text.
    text: Vec<std::ops::Range<usize>>,
}

impl Regions {
    pub fn of(source: &str) -> Regions {
        let mut hidden = 0usize;
        let mut links = Vec::new();
        let (mut code, mut text) = (Vec::new(), Vec::new());
        for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_)) => {
                    code.push(range);
                    hidden += 1;
                }
                Event::Code(_) => code.push(range),
                Event::Start(Tag::Image { .. }) => hidden += 1,
                Event::End(TagEnd::Image | TagEnd::CodeBlock) => hidden -= 1,
                Event::Start(Tag::Link { link_type, .. }) => {
                    let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    hidden += usize::from(auto);
                    links.push(auto);
                }
                Event::End(TagEnd::Link) => hidden -= usize::from(links.pop().unwrap_or(false)),
                Event::Text(_) if hidden == 0 => text.push(range),
                _ => {}
            }
        }
        code.sort_by_key(|r| r.start);
        text.sort_by_key(|r| r.start);
        Regions { code, text }
    }

    /// Whether the byte at `at` is code.
    pub fn in_code(&self, at: usize) -> bool {
        within(&self.code, at)
    }

    /// Whether the byte at `at` is text.
    pub fn in_text(&self, at: usize) -> bool {
        within(&self.text, at)
    }
}

/// Whether `at` is in one of `ranges`, which are in order and apart.
fn within(ranges: &[std::ops::Range<usize>], at: usize) -> bool {
    let after = ranges.partition_point(|r| r.end <= at);
    ranges.get(after).is_some_and(|r| r.start <= at)
}

/// The [`Regions`] of a source, parsed the first time a place in it is asked about: most
/// sources never are.
pub struct RegionsOf<'s> {
    source: &'s str,
    regions: std::cell::OnceCell<Regions>,
}

impl<'s> RegionsOf<'s> {
    pub fn new(source: &'s str) -> RegionsOf<'s> {
        RegionsOf { source, regions: std::cell::OnceCell::new() }
    }

    fn regions(&self) -> &Regions {
        self.regions.get_or_init(|| Regions::of(self.source))
    }

    pub fn in_code(&self, at: usize) -> bool {
        self.regions().in_code(at)
    }

    pub fn in_text(&self, at: usize) -> bool {
        self.regions().in_text(at)
    }
}

/// `title` slugged into an id that is not in `used` (which then holds it) nor `reserved`.
/// `reserved` is only read: each body would otherwise copy the theme's ids into `used`.
fn unique_id(title: &str, used: &mut HashSet<String>, reserved: &HashSet<String>) -> String {
    let base = match crate::content::slugify(title) {
        s if s.is_empty() => "section".to_string(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 1;
    while reserved.contains(&id) || !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// A body's headings with its pairs' bodies' headings where those pairs stand among them
/// (`bodies`, by the pair's number in order), so that the table of contents lists every
/// heading the page shows, in the order it shows them.
fn with_bodies_headings(
    headings: Vec<Heading>,
    bodies: Vec<(usize, Vec<Heading>)>,
    events: &[Event<'_>],
) -> Vec<Heading> {
    if bodies.iter().all(|(_, body)| body.is_empty()) {
        return headings;
    }
    // How many of the body's own headings stand before each placeholder.
    let mut after = HashMap::new();
    let mut seen = 0;
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) => seen += 1,
            Event::Html(html) | Event::InlineHtml(html) => after.extend(placeholders(html).map(|n| (n, seen))),
            _ => {}
        }
    }
    let mut bodies = bodies.into_iter().map(|(n, h)| (after.get(&n).copied().unwrap_or(seen), h)).peekable();
    let mut all = Vec::with_capacity(headings.len());
    for (k, h) in headings.into_iter().enumerate() {
        while let Some((_, body)) = bodies.next_if(|(at, _)| *at <= k) {
            all.extend(body);
        }
        all.push(h);
    }
    all.extend(bodies.flat_map(|(_, body)| body));
    all
}

/// The headings that hold a call within text, given what it drew now that it is drawn:
/// in their title (the table of contents, the anchor's label), and in the id made of it,
/// which `outline` left empty, unique among the ids `taken` (the theme's, and those the
/// page's bodies took so far, which then holds it too) and the other headings'.
fn headings_with_calls(
    events: &mut [Event<'_>],
    headings: &mut [Heading],
    texts: &CallTexts<'_>,
    taken: (&HashSet<String>, &mut HashSet<String>),
) {
    let marked: Vec<bool> = headings.iter().map(|h| h.title.contains('\u{1}')).collect();
    if !marked.contains(&true) {
        return;
    }
    let (theme_ids, page_ids) = taken;
    let mut used: HashSet<String> = page_ids.iter().cloned().chain(headings.iter().map(|h| h.id.clone())).collect();
    for (h, _) in headings.iter_mut().zip(&marked).filter(|(_, &m)| m) {
        let title = texts.fill(std::mem::take(&mut h.title));
        h.title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if h.id.is_empty() {
            h.id = unique_id(&h.title, &mut used, theme_ids);
            page_ids.insert(h.id.clone());
        }
    }
    // `outline` wrote each heading's start, then its anchor right before its end.
    let mut k = 0;
    for at in 0..events.len() {
        match &mut events[at] {
            Event::Start(Tag::Heading { id, .. }) => {
                if marked.get(k) == Some(&true) {
                    *id = Some(headings[k].id.clone().into());
                }
                k += 1;
            }
            Event::End(TagEnd::Heading(_)) if at > 0 && k > 0 && marked.get(k - 1) == Some(&true) => {
                events[at - 1] = Event::InlineHtml(anchor(&headings[k - 1]).into());
            }
            _ => {}
        }
    }
}

/// A link to the heading itself, shown on hover and focus by the theme; its name says
/// where it goes, since "#" alone tells a screen reader nothing.
fn anchor(h: &Heading) -> String {
    let id = crate::escape::html(&h.id);
    let title = crate::escape::html(&h.title);
    format!(" <a class=\"heading-anchor\" href=\"#{id}\" aria-label=\"Link to this section: {title}\">#</a>")
}

/// A fenced block's info string cut at a comma in its first word: `rust,linenos` is `rust`.
fn language_only(info: CowStr<'_>) -> CowStr<'_> {
    let word = info.split(char::is_whitespace).next().unwrap_or("");
    match word.split_once(',') {
        Some((language, _)) => language.to_string().into(),
        None => info,
    }
}

/// Minutes to read at 200 words a minute, never less than one.
pub fn reading_time(words: usize) -> usize {
    words.div_ceil(200).max(1)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_tag_in_a_links_target_is_told_from_one_in_text() {
        for before in ["[x](/v/", "See [x](", "<https://x.example/", "[feed]: ", "[feed]: <", "   [r]:"] {
            assert!(in_link_target(before), "{before}");
        }
        for before in ["Text ", "[x](/v/) and ", "<span ", "[^1]: ", "    [r]: ", "[r]: text ", "a [r]: "] {
            assert!(!in_link_target(before), "{before}");
        }
    }

    #[test]
    fn a_code_blocks_language_is_the_word_before_a_comma() {
        let html = |md: &str| ctx_render(md).unwrap().html.into_string();
        assert!(html("```rust,linenos,hl_lines=1\nfn main() {}\n```").contains("<code class=\"language-rust\">"));
        assert!(html("```sh\nls\n```").contains("<code class=\"language-sh\">"));
        assert!(html("```\nplain\n```").contains("<pre><code>plain"));
        // A comma after the first word is the rest of the info string's business.
        assert!(html("```toml title=\"a,b\"\nx = 1\n```").contains("<code class=\"language-toml\">"));
    }

    #[test]
    fn github_alerts_and_definition_lists_render_as_their_markup() {
        let html = |md: &str| ctx_render(md).unwrap().html.into_string();
        let alert = html("> [!WARNING]\n> Never *bluff* about an offer.\n");
        assert_eq!(
            alert,
            "<blockquote class=\"alert alert-warning\">\n<p class=\"alert-title\">Warning</p>\n\
             <p>Never <em>bluff</em> about an offer.</p>\n</blockquote>\n"
        );
        // A plain quote stays one, and a kind GitHub does not know is text.
        assert_eq!(html("> Quoted.\n"), "<blockquote>\n<p>Quoted.</p>\n</blockquote>\n");
        assert!(html("> [!TODO]\n> x\n").contains("<blockquote>\n<p>[!TODO]"));
        let list = html("Notice period\n: How long you work after resigning.\n");
        assert_eq!(list, "<dl>\n<dt>Notice period</dt>\n<dd>How long you work after resigning.</dd>\n</dl>\n");
    }

    #[test]
    fn a_body_knows_whether_it_shows_an_image() {
        assert!(ctx_render("![A desk](https://cdn.example/desk.png)").unwrap().html.has_img());
        assert!(ctx_render("Text <img src=\"https://cdn.example/a.png\"> inline").unwrap().html.has_img());
        assert!(!ctx_render("No image, only `<im g>` and text").unwrap().html.has_img());
        assert!(!Html::default().has_img() && Html::default().is_empty());
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        // Every whitespace character Unicode has, and non-space ones of 1 to 4 bytes.
        let spaces: Vec<char> = (0..=0x3000u32).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
        assert_eq!(spaces.len(), 25, "{spaces:?}");
        let mut alphabet = spaces.clone();
        alphabet.extend(['a', 'Z', '7', '-', '\u{0}', '\u{7f}', '\u{9f}', 'é', '—', '中', '\u{200b}', '😀']);
        let mut text = String::new();
        for a in &alphabet {
            for b in &alphabet {
                for c in &alphabet {
                    text.clear();
                    text.extend([*a, *b, *c]);
                    assert_eq!(count_words(&text), text.split_whitespace().count(), "{text:?}");
                }
            }
        }
        let long = "Ask\u{a0}for the\u{2003}offer — in writing.\r\n\u{3000}Then\twait 中文 😀 ok ";
        assert_eq!(count_words(long), long.split_whitespace().count());
        assert_eq!(count_words(""), 0);
    }

    #[test]
    fn headings_get_unique_ids_anchors_and_an_outline() {
        let r = ctx_render("# Why it matters\n\n## Why it matters\n\n### Own id {#custom}\n\n## `code` & <b>x</b>\n")
            .unwrap();
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["why-it-matters", "why-it-matters-1", "custom", "code-x"]);
        assert_eq!(r.headings[2], Heading { level: 3, id: "custom".into(), title: "Own id".into() });
        assert!(r.html.contains("<h2 id=\"why-it-matters-1\">Why it matters <a class=\"heading-anchor\" href=\"#why-it-matters-1\" aria-label=\"Link to this section: Why it matters\">#</a></h2>"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"custom\">"), "{}", r.html);
    }

    /// The tests' theme writes `id="main"`: a heading named so would share it.
    #[test]
    fn a_heading_id_made_from_its_text_steers_clear_of_the_themes_ids() {
        let r = ctx_render("## Main\n\n## Main\n").unwrap();
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["main-1", "main-2"]);
        assert!(r.html.contains("href=\"#main-1\""), "{}", r.html);
        // An id the author gives is theirs to choose.
        let r = ctx_render("## Main {#main}\n").unwrap();
        assert_eq!(r.headings[0].id, "main");
    }

    #[test]
    fn the_more_marker_ends_the_summary() {
        let r = ctx_render("Intro *one*.\n\nSecond\nline.\n\n<!-- more -->\n\nRest of it.\n").unwrap();
        assert_eq!(r.before_more.as_deref(), Some("Intro one. Second line."));
        assert_eq!(r.first_paragraph, "Intro one.");
        let r = ctx_render("No spaces.\n\n<!--MORE-->\n\nAfter.\n").unwrap();
        assert_eq!(r.before_more.as_deref(), Some("No spaces."));
        assert_eq!(ctx_render("Plain.\n").unwrap().before_more, None);
        // In code, the marker is text, not a marker.
        assert_eq!(ctx_render("A\n\n    <!-- more -->\n").unwrap().before_more, None);
    }

    #[test]
    fn an_unknown_shortcode_is_named_before_its_arguments_are_read() {
        let err = ctx_render("Text\n\n{{< youtube dQw4w9WgXcQ >}}\n").unwrap_err();
        assert_eq!((err[0].line, err[0].column), (3, 1));
        assert!(err[0].message.starts_with("unknown shortcode \"youtube\"; careerpress knows box"), "{err:?}");
        let err = ctx_render("Text\n\n{{< youtube dQw4w9WgXcQ >}}\ninside\n{{< /youtube >}}\n").unwrap_err();
        assert_eq!(err.len(), 1, "the pair's closing tag is not a second error: {err:?}");
        let err = ctx_render("inside\n\n{{</ box >}}").unwrap_err();
        assert!(err[0].message.starts_with("`{{</ box >}}` closes a `box` shortcode that no"), "{err:?}");
        let err = ctx_render("{{< /box  >}}\n\n{{< box >}}").unwrap_err();
        assert!(err[0].message.starts_with("`{{< /box  >}}` closes a `box` shortcode"), "{err:?}");
        let err = ctx_render("{{< /aside >}}").unwrap_err();
        assert!(err[0].message.starts_with("`{{< /aside >}}` closes an `aside` shortcode"), "{err:?}");
        let err = ctx_render("{{</* figure src=\"a.png\" */>}}").unwrap_err();
        assert!(err[0].message.starts_with("`{{</* figure src=\"a.png\" */>}}` is how Hugo shows"), "{err:?}");
        assert!(err[0].message.contains("write `` `{{< figure src=\"a.png\" >}}` ``"), "{err:?}");
    }

    #[test]
    fn shortcodes_fill_their_own_placeholders_only() {
        let html = format!(
            "a{}b{}c<!--careerpress-shortcode-9-->d<!--careerpress-shortcode-x-->",
            placeholder(1),
            placeholder(0)
        );
        let filled = fill_shortcodes(&html, &["<i>zero</i>".into(), "<b>one</b>".into()]);
        assert_eq!(filled, "a<b>one</b>b<i>zero</i>c<!--careerpress-shortcode-9-->d<!--careerpress-shortcode-x-->");
        assert_eq!(fill_shortcodes("plain", &[]), "plain");
        assert_eq!(fill_shortcodes("<!--careerpress-shortcode-", &["x".into()]), "<!--careerpress-shortcode-");
    }

    /// Renders `src` as an article of `content/posts/` (other modules' tests use it too).
    pub(crate) fn ctx_render(src: &str) -> Result<Rendered, Vec<MarkdownError>> {
        render_in("posts", src)
    }

    /// Renders `src` as if it came from the folder `source_dir` of content/.
    fn render_in(source_dir: &str, src: &str) -> Result<Rendered, Vec<MarkdownError>> {
        render_noting(source_dir, src, true)
    }

    /// `render_in`, with `note_lookups` as given.
    fn render_noting(source_dir: &str, src: &str, note_lookups: bool) -> Result<Rendered, Vec<MarkdownError>> {
        with_links(source_dir, note_lookups, |links| render(src, links))
    }

    /// What `f` makes of the links of a page of `source_dir` with the tests' shortcodes.
    fn with_links<T>(source_dir: &str, note_lookups: bool, f: impl FnOnce(&LinkContext<'_>) -> T) -> T {
        let mut permalinks = HashMap::new();
        for (file, url) in [
            ("posts/a.md", "https://x.io/sub/posts/a/"),
            ("about.md", "https://x.io/sub/about/"),
            ("posts/chart.png", "https://x.io/sub/posts/chart.png"),
            ("posts/my chart.png", "https://x.io/sub/posts/my chart.png"),
        ] {
            permalinks.insert(file.to_string(), url.to_string());
        }
        let sc = |s: &Shortcode| match s.name.as_str() {
            "box" if s.args.get("tag").is_some_and(|t| t == "fail") => Err("told to fail".to_string()),
            "box" => Ok(format!(
                "<div class=\"box\">{}</div>\n\n<p>after blank</p>",
                s.args.get("tag").cloned().unwrap_or_default()
            )),
            "level" => Ok(format!("<h{0}>Own heading</h{0}>", s.heading_level)),
            "wrap" => Ok(format!(
                "<div class=\"wrap\" data-n=\"{}\" data-at=\"{}\" data-chars=\"{}\">{}</div>",
                s.ordinal,
                s.positional.join(","),
                s.inner.as_deref().map_or(0, str::len),
                s.body.as_deref().unwrap_or("(none)")
            )),
            _ => Err("unknown shortcode".to_string()),
        };
        // The page is published one folder below its source, as `posts/x.md` is at `posts/x/`.
        let page_path = format!("{source_dir}/x/");
        let published: HashSet<String> =
            ["posts/", "posts/a/", "about/", "posts/chart.png", "posts/my chart.png", "follow-up-calculator/"]
                .map(String::from)
                .into();
        let links = LinkContext {
            base_url: "https://x.io/sub/",
            permalinks: &permalinks,
            source_dir,
            page_path: page_path.trim_start_matches('/'),
            published: &published,
            left_out: &["posts/draft.md".to_string()].into(),
            shortcodes: Some(&sc),
            known_shortcodes: &["box", "level", "wrap"],
            inline_shortcodes: &["wrap"],
            note_lookups,
            theme_ids: &["main".to_string()].into(),
        };
        f(&links)
    }

    #[test]
    fn shortcodes_render_as_blocks_outside_code() {
        let r = ctx_render("Intro\n{{< box tag=\"a b\" >}}\n    indented text\n\n```\n{{< box >}}\n```\n").unwrap();
        assert!(r.html.contains("<div class=\"box\">a b</div>\n\n<p>after blank</p>"), "{}", r.html);
        assert!(r.html.contains("{{&lt; box &gt;}}"), "literal inside code: {}", r.html);
        let r = ctx_render("Text\n\n    {{< box >}}\n").unwrap();
        assert!(r.html.contains("<pre><code>{{&lt; box &gt;}}"), "literal in an indented code block: {}", r.html);
    }

    #[test]
    fn shortcode_errors_are_located() {
        let e = ctx_render("a\n\n  {{< nope >}}\n").unwrap_err();
        assert_eq!((e[0].line, e[0].column), (3, 3));
        assert!(e[0].message.contains("nope"));
        let e = ctx_render("{{< box tag=\"x >}}\n").unwrap_err();
        assert!(e[0].message.contains("closing quote"), "{:?}", e);
        // A typo in the closing `>}}` printed the shortcode as text, without a word.
        let e = ctx_render("a\n\n {{< box tag=\"x\" >}\n\n{{< box\n").unwrap_err();
        assert_eq!(e.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(), [(3, 2), (5, 1)]);
        assert!(e[0].message.starts_with("the shortcode `{{< box` is not closed"), "{e:?}");
        let e = ctx_render("{{< box />}} and text\n").unwrap_err();
        assert_eq!(e[0].message, "text follows the shortcode `{{< box />}}`: a shortcode stands alone on its line");
        // Text after a call on its line, even where the line ends like one, is not a call.
        for line in ["{{< box >}} and {{< box >}}", "{{< box >}}inline{{< /box >}}", "{{< box x=\"x\" >}} y >}}"] {
            let e = ctx_render(&format!("{line}\n")).unwrap_err();
            assert!(e[0].message.starts_with("text follows the shortcode `{{< "), "{line}: {e:?}");
        }
        let r = ctx_render("{{< wrap \"a >}} b\" >}}\n").unwrap();
        assert!(r.html.contains("data-at=\"a >}} b\""), "a quoted `>}}` is a value's: {}", r.html);
        // Another generator's, or text: no shortcode of careerpress's, no error.
        assert!(ctx_render("{{< youtube abc >}\n\n{{<b>} and more\n").is_ok());
    }

    #[test]
    fn a_pairs_body_is_rendered_as_markdown_with_the_pages_links_and_shortcodes() {
        let src = "{{< wrap >}}\n\n# Title\n\n{{< wrap 1 two >}}\nSome **bold** and [a](@/posts/a.md).\n\n\
                   {{< wrap >}}\n{{< box tag=\"in\" >}}\n{{< /wrap >}}\n{{< /wrap >}}\n\nAfter the pair.\n";
        let r = ctx_render(src).unwrap();
        let html = r.html.as_str();
        assert!(
            html.starts_with("<div class=\"wrap\" data-n=\"1\" data-at=\"\" data-chars=\"0\">(none)</div>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<div class=\"wrap\" data-n=\"2\" data-at=\"1,two\" data-chars=\"86\"><p>Some <strong>bold</strong>"
            ),
            "{html}"
        );
        assert!(html.contains("<a href=\"https://x.io/sub/posts/a/\">a</a>"), "a body's links resolve: {html}");
        assert!(
            html.contains(
                "<div class=\"wrap\" data-n=\"3\" data-at=\"\" data-chars=\"21\"><div class=\"box\">in</div>"
            ),
            "{html}"
        );
        assert!(html.contains("<p>after blank</p>\n</div>\n</div>\n<p>After the pair.</p>"), "{html}");
        assert_eq!(r.shortcodes, ["wrap", "wrap", "wrap", "box"], "in the order they stand, nested ones too");
        assert_eq!(r.words, 2 + 4 + 3, "the bodies' words count with the page's");
        assert_eq!(r.headings.len(), 1, "{:?}", r.headings);
        assert!(r.lookups.iter().any(|l| matches!(l, Lookup::Permalink(p, _) if p == "posts/a.md")), "{:?}", r.lookups);
    }

    #[test]
    fn errors_in_a_pairs_body_and_after_it_are_placed_in_the_page() {
        let src =
            "Intro\n\n{{< wrap >}}\nfine\n\n{{< nope >}}\n[x](missing.md)\n{{< /wrap >}}\n\n{{< box tag=\"fail\" >}}\n";
        let e = ctx_render(src).unwrap_err();
        let at: Vec<_> = e.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(6, 1), (7, 5), (10, 1)], "{e:?}");
        assert!(e[0].message.starts_with("unknown shortcode \"nope\""), "{e:?}");
        // A body's broken links are kept for `check` as the page's own are.
        let src = "a\n{{< wrap >}}\n\n[x](gone.md)\n{{< /wrap >}}\n";
        let (r, kept) = with_links("posts", false, |links| render_keeping(src, links, true)).unwrap();
        assert_eq!(kept.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(), [(4, 5)]);
        assert!(r.html.contains("href=\"gone.md\""), "kept as written: {}", r.html);
    }

    #[test]
    fn pairs_nest_as_deep_as_sixteen() {
        let nested = |n: usize| "{{< wrap >}}\n".repeat(n) + "core\n" + &"{{< /wrap >}}\n".repeat(n);
        let r = ctx_render(&nested(MAX_NESTING)).unwrap();
        assert_eq!(r.html.matches("<div class=\"wrap\"").count(), MAX_NESTING);
        let e = ctx_render(&nested(MAX_NESTING + 1)).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].line, MAX_NESTING + 1);
        assert!(e[0].message.contains("more than 16 deep"), "{e:?}");
        // A shortcode in a body before any heading of its own stands under the page's.
        let r =
            ctx_render("### Deep\n\n{{< wrap >}}\n{{< level >}}\n\n## Own\n\n{{< level >}}\n{{< /wrap >}}\n").unwrap();
        assert!(r.html.contains("<h4>Own heading</h4>") && r.html.contains("<h3>Own heading</h3>"), "{}", r.html);
        assert_eq!(r.html.matches("<h").count(), 4, "{}", r.html);
        // A body's headings take ids of their own, apart from the page's and each other's.
        let r = ctx_render(
            "## Intro\n\n{{< wrap >}}\n## Intro\n{{< /wrap >}}\n{{< wrap >}}\n## Intro\n## Main\n{{< /wrap >}}\n",
        )
        .unwrap();
        let ids: Vec<&str> = r.html.split("id=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
        assert_eq!(ids, ["intro", "intro-1", "intro-2", "main-1"], "{}", r.html);
        // One that closes itself takes no closing tag.
        let r = ctx_render("{{< wrap >}}\n{{< wrap a />}}\n{{< /wrap >}}\n").unwrap();
        assert!(r.html.starts_with("<div class=\"wrap\" data-n=\"1\" data-at=\"\" data-chars=\"16\"><div class=\"wrap\" data-n=\"2\" data-at=\"a\" data-chars=\"0\">(none)</div>"), "{}", r.html);
        // Without its closing tag, an opening one is a shortcode of its own.
        let r = ctx_render("{{< wrap >}}\n\n{{< wrap >}}\nin\n{{< /wrap >}}\n").unwrap();
        assert!(
            r.html.starts_with("<div class=\"wrap\" data-n=\"1\" data-at=\"\" data-chars=\"0\">(none)</div>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("data-n=\"2\" data-at=\"\" data-chars=\"3\"><p>in</p>"), "{}", r.html);
    }

    /// Filling placeholders one `replacen` at a time rescanned the page per shortcode:
    /// 20,000 took 3.4 s in release (`cargo bench --bench shortcodes`), 9 ms in one pass.
    /// The bound is a hang guard, not a timing; the bench holds the numbers.
    #[test]
    fn shortcodes_stand_in_list_items_and_quotes() {
        let r = ctx_render("- one\n- {{< box tag=\"a\" >}}\n- three\n").unwrap();
        let html = r.html.as_str();
        assert!(html.starts_with("<ul>\n<li>one</li>\n<li><div class=\"box\">a</div>"), "{html}");
        assert!(html.ends_with("</li>\n<li>three</li>\n</ul>\n") && html.matches("<ul>").count() == 1, "{html}");
        // A pair's body written at its list item's indentation is that item's text, fences
        // and all, not code; the list goes on after it.
        let src = "1. Step one\n\n   {{< wrap >}}\n   Inside **bold**\n\n   ```sh\n   code\n   ```\n   {{< /wrap >}}\n2. Step two\n";
        let r = ctx_render(src).unwrap();
        let html = r.html.as_str();
        assert_eq!(html.matches("<ol>").count(), 1, "{html}");
        assert!(
            html.contains(
                "<p>Inside <strong>bold</strong></p>\n<pre><code class=\"language-sh\">code\n</code></pre>\n</div>"
            ),
            "{html}"
        );
        assert!(html.contains("Step two</p>\n</li>\n</ol>"), "{html}");
        // In a quote, the lines the pair stood on stay in the quote.
        let r = ctx_render("> {{< wrap >}}\n> quoted *text*\n> {{< /wrap >}}\n> after\n").unwrap();
        assert_eq!(r.html.matches("<blockquote>").count(), 1, "{}", r.html);
        assert!(r.html.contains("<p>quoted <em>text</em></p>\n</div>\n<p>after</p>\n</blockquote>"), "{}", r.html);
        // A quoted opening tag in a list item, its body and closing tag at the item's
        // indentation only (as PaperMod's example site writes them).
        let r = ctx_render("3. Item\n\n   > {{< wrap >}}\n\n   body\n\n   {{< /wrap >}}\n\n4. Next\n").unwrap();
        assert_eq!(r.html.matches("<ol").count(), 1, "{}", r.html);
        assert!(r.html.contains("<blockquote>\n<div class=\"wrap\""), "{}", r.html);
        // Code within a list item or a quote, or a code span over lines, stays code.
        for (src, code) in [
            ("- item\n\n      {{< box >}}\n", "<pre><code>{{&lt; box &gt;}}"),
            (">\n>     {{< box >}}\n", "<pre><code>{{&lt; box &gt;}}"),
            ("Run `a\n{{< box >}}\nb` now\n", "<code>a {{&lt; box &gt;}} b</code>"),
            ("- ```\n  {{< box >}}\n  ```\n", "<code>{{&lt; box &gt;}}\n</code>"),
        ] {
            let r = ctx_render(src).unwrap();
            assert!(r.html.contains(code), "{src:?}: {}", r.html);
        }
    }

    #[test]
    fn the_sites_own_shortcodes_stand_within_text() {
        let r = ctx_render("Text {{< wrap a />}} more **bold**.\n\n{{< wrap b />}} Build it **so**.\n").unwrap();
        let drawn = |n: usize, at: &str| {
            format!("<div class=\"wrap\" data-n=\"{n}\" data-at=\"{at}\" data-chars=\"0\">(none)</div>")
        };
        let first = format!("<p>Text {} more <strong>bold</strong>.</p>", drawn(1, "a"));
        assert!(r.html.starts_with(&first), "{}", r.html);
        let second = format!("<p>{} Build it <strong>so</strong>.</p>", drawn(2, "b"));
        assert!(r.html.contains(&second), "a line that starts with one stays Markdown: {}", r.html);
        assert_eq!(r.shortcodes, ["wrap", "wrap"]);
        // A pair on one line encloses Markdown, drawn without a paragraph around it.
        let r = ctx_render("Press {{< wrap >}}*Ctrl*{{< /wrap >}} now.\n").unwrap();
        let pair =
            "<p>Press <div class=\"wrap\" data-n=\"1\" data-at=\"\" data-chars=\"6\"><em>Ctrl</em></div> now.</p>";
        assert_eq!(r.html.trim_end(), pair);
        // Ordinals follow the page's order, within text and alone on a line alike.
        let r = ctx_render("Text {{< wrap />}}\n\n{{< wrap >}}\nin\n{{< /wrap >}}\n\nEnd {{< wrap />}}\n").unwrap();
        let ns: Vec<&str> = r.html.split("data-n=\"").skip(1).map(|rest| &rest[..1]).collect();
        assert_eq!(ns, ["1", "2", "3"], "{}", r.html);
        // Not in code, a link's target or an attribute; careerpress's own stand alone.
        for src in [
            "Write `{{< wrap />}}` so.\n",
            "See [it]({{< wrap />}}).\n",
            "<a href=\"{{< wrap />}}\">x</a>\n",
            "Text {{< box >}} more\n",
        ] {
            let r = ctx_render(src).unwrap();
            assert!(r.shortcodes.is_empty() && r.html.contains("{{"), "{src:?}: {}", r.html);
        }
    }

    #[test]
    fn the_headings_of_pairs_bodies_are_the_pages_in_the_order_shown() {
        let src = "## A\n\n{{< wrap >}}\n## B\n\n{{< wrap >}}\n### C\n{{< /wrap >}}\n\n## D\n{{< /wrap >}}\n\n\
                   ## E\n\n{{< wrap >}}\n## A\n{{< /wrap >}}\n";
        let r = ctx_render(src).unwrap();
        let listed: Vec<(u8, &str, &str)> =
            r.headings.iter().map(|h| (h.level, h.title.as_str(), h.id.as_str())).collect();
        assert_eq!(
            listed,
            [(2, "A", "a"), (2, "B", "b"), (3, "C", "c"), (2, "D", "d"), (2, "E", "e"), (2, "A", "a-1")]
        );
        for id in ["a", "b", "c", "d", "e", "a-1"] {
            assert!(r.html.contains(&format!("<h{} id=\"{id}\">", if id == "c" { 3 } else { 2 })), "{id}: {}", r.html);
        }
        // A body before any heading of the page's comes first.
        let r = ctx_render("{{< wrap >}}\n## In\n{{< /wrap >}}\n\n## Out\n").unwrap();
        let titles: Vec<&str> = r.headings.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(titles, ["In", "Out"]);
    }

    #[test]
    fn a_call_within_text_gives_its_words_to_summaries_and_headings() {
        let src = "## Press {{< wrap >}}Ctrl &amp; C{{< /wrap >}}\n\nSince {{< wrap a />}} it works \
                   {{< wrap >}}*fast*{{< /wrap >}}.\n\n## Then {{< wrap />}} {#own}\n\n## Press Ctrl & C\n\n\
                   More {{< wrap >}}x{{< /wrap >}}<!-- more -->after\n";
        let r = ctx_render(src).unwrap();
        assert_eq!(r.first_paragraph, "Since (none) it works fast.");
        assert_eq!(
            r.before_more.as_deref(),
            Some("Press Ctrl & C Since (none) it works fast. Then (none) Press Ctrl & C More x")
        );
        let titles: Vec<(&str, &str)> = r.headings.iter().map(|h| (h.title.as_str(), h.id.as_str())).collect();
        // The plain heading took its id first: the one with a call gets its id once drawn.
        assert_eq!(
            titles,
            [("Press Ctrl & C", "press-ctrl-c-1"), ("Then (none)", "own"), ("Press Ctrl & C", "press-ctrl-c")]
        );
        assert!(r.html.contains("<h2 id=\"press-ctrl-c-1\">"), "{}", r.html);
        assert!(
            r.html.contains("href=\"#press-ctrl-c-1\" aria-label=\"Link to this section: Press Ctrl &amp; C\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("aria-label=\"Link to this section: Then (none)\""), "{}", r.html);
        assert!(!r.html.contains('\u{1}') && !r.html.contains("id=\"\""), "{}", r.html);
    }

    #[test]
    fn headings_with_calls_in_pairs_bodies_take_ids_of_their_own() {
        let note = "{{< wrap >}}\n## Step {{< wrap >}}x{{< /wrap >}}\n{{< /wrap >}}\n\n";
        let src =
            format!("## Step {{{{< wrap >}}}}x{{{{< /wrap >}}}}\n\n{}{}## Step x\n\n{note}", note.repeat(2), note);
        let r = ctx_render(&src).unwrap();
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        let unique: HashSet<&str> = ids.iter().copied().collect();
        assert_eq!((ids.len(), unique.len()), (6, 6), "{ids:?}");
        assert!(r.headings.iter().all(|h| h.title == "Step x"), "{:?}", r.headings);
        for id in ids {
            assert_eq!(r.html.matches(&format!("id=\"{id}\"")).count(), 1, "{id}: {}", r.html);
        }
    }

    #[test]
    fn a_call_within_text_stays_in_its_paragraph_and_out_of_attributes() {
        // Alone on its line, it does not start a block of raw HTML that takes the next line.
        let r = ctx_render("Intro.\n\n{{< wrap >}}Ctrl{{< /wrap >}}\nand *more* text\n").unwrap();
        assert!(
            r.html.ends_with("data-chars=\"4\"><p>Ctrl</p>\n</div>\nand <em>more</em> text</p>\n")
                || r.html.ends_with("data-chars=\"4\">Ctrl</div>\nand <em>more</em> text</p>\n"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p><div class=\"wrap\""), "{}", r.html);
        // Escaped, in an image's description, a link's target or title, an attribute or
        // an autolink, it is text, and no placeholder shows.
        for src in [
            "Write \\{{< wrap />}} to show it.\n",
            "![alt {{< wrap />}}](/i.png)\n",
            "[x](https://e.com/{{< wrap />}}) and [y](https://e.com/ \"title {{< wrap />}}\")\n",
            "<div title=\"a {{< wrap />}}\">x</div>\n",
            "Go <https://e.com/{{< wrap />}}>\n",
            "```\nx {{< wrap />}}\n```\n",
            "Text\n\n    x {{< wrap />}}\n",
        ] {
            let r = ctx_render(src).unwrap();
            assert!(r.shortcodes.is_empty() && !r.html.contains("careerpress-shortcode"), "{src:?}: {}", r.html);
        }
        // Pairs of one name nest on a line; a closing tag that nothing opens is an error.
        let r = ctx_render("a {{< wrap >}}{{< wrap >}}x{{< /wrap >}}{{< /wrap >}} b\n").unwrap();
        assert!(
            r.html.contains("data-n=\"1\" data-at=\"\" data-chars=\"26\"><div class=\"wrap\" data-n=\"2\""),
            "{}",
            r.html
        );
        assert!(!r.html.contains("{{"), "{}", r.html);
        let e = ctx_render("a {{< /wrap >}} b\n").unwrap_err();
        assert_eq!((e[0].line, e[0].column), (1, 3), "{e:?}");
        assert!(e[0].message.contains("nothing before it on its line opens"), "{e:?}");
    }

    #[test]
    fn errors_in_an_indented_body_are_placed_at_their_column_in_the_page() {
        let e =
            ctx_render("- item\n\n  {{< wrap >}}\n  [x](missing.md)\n  {{< nope >}}\n  {{< /wrap >}}\n").unwrap_err();
        assert_eq!(e.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(), [(4, 7), (5, 3)], "{e:?}");
        let e = ctx_render("> - {{< nope >}}\n").unwrap_err();
        assert_eq!((e[0].line, e[0].column), (1, 5), "{e:?}");
        // Within text: the call's own column, and its body's.
        let e = ctx_render("x\nÉtat {{< wrap a k=v >}} y\nGo {{< wrap >}}[x](missing.md){{< /wrap >}}\n").unwrap_err();
        assert_eq!(e.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(), [(2, 6), (3, 20)], "{e:?}");
    }

    #[test]
    fn container_markup_is_read_as_markdown_reads_it() {
        for (line, prefix) in [
            ("{{< x >}}", ""),
            ("   > {{< x >}}", "   > "),
            ("- 1. > * {{< x >}}", "- 1. > * "),
            ("2) text", "2) "),
            ("-text", ""),
            ("1234567890. x", ""),
            ("\t>\t{{< x >}}", "\t>\t"),
        ] {
            assert_eq!(&line[..container_prefix(line)], prefix, "{line}");
        }
        assert_eq!(continuation_len("   > ", "   body\n"), 3);
        assert_eq!(continuation_len("   > ", "   > quoted\n"), 5);
        assert_eq!(continuation_len("> ", ">tight\n"), 1);
        assert_eq!(continuation_len("- ", "-  x\n"), 0, "a new item's marker is not the old one's indentation");
        assert_eq!(continuation("   > - "), "   >   ");
    }

    #[test]
    fn twenty_thousand_shortcodes_render_in_one_pass() {
        let source: String = (0..20_000).map(|i| format!("{{{{< box tag=\"{i}\" >}}}}\n\n")).collect();
        let started = std::time::Instant::now();
        let r = ctx_render(&source).unwrap();
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());
        assert_eq!(r.html.matches("<div class=\"box\">").count(), 20_000);
        let (first, last) = (r.html.find(">0</div>").unwrap(), r.html.find(">19999</div>").unwrap());
        assert!(first < last && !r.html.contains("careerpress-shortcode"), "in order, every one filled");
    }

    /// One pass also means a shortcode's own HTML is never read again: text in it that
    /// looks like a later placeholder stays as the shortcode wrote it.
    #[test]
    fn shortcode_html_is_not_filled_again() {
        let html = format!("{}\n{}", placeholder(0), placeholder(1));
        let filled = fill_shortcodes(&html, &[placeholder(1), "<b>one</b>".into()]);
        assert_eq!(filled, format!("{}\n<b>one</b>", placeholder(1)));
    }

    #[test]
    fn shortcode_arguments() {
        let sc = parse_shortcode("job_callout tag=\"a b\" limit=2").unwrap();
        assert_eq!(sc.name, "job_callout");
        assert_eq!(sc.args["tag"], "a b");
        assert_eq!(sc.args["limit"], "2");
        assert!(parse_shortcode("x a=1 a=2").is_err());
        let sc = parse_shortcode("math.inline 1.2 \"two words\" x").unwrap();
        assert_eq!(
            (sc.name.as_str(), sc.positional.as_slice()),
            ("math.inline", &["1.2", "two words", "x"].map(String::from)[..])
        );
        assert!(sc.args.is_empty());
        assert_eq!(parse_shortcode("docs/note").unwrap().name, "docs/note");
        for bad in ["/x", "a/../b", "a b=1 c", "a \"open"] {
            assert!(parse_shortcode(bad).is_err(), "{bad}");
        }
        assert!(parse_shortcode("a b=1 c").unwrap_err().contains("both by name and by place"));
        assert!(parse_shortcode("").is_err());
    }

    #[test]
    fn character_references_to_control_characters_are_located() {
        let e = ctx_render("Fine &#233; text.\n\nA bell &#7; here.\n").unwrap_err();
        assert_eq!((e[0].line, e[0].column), (3, 8), "at the reference: {e:?}");
        assert!(e[0].message.contains("U+0007"), "{e:?}");
        let e = ctx_render("[a](/x \"t&#x85;\") and `code`\n").unwrap_err();
        assert!(e[0].message.contains("U+0085"), "{e:?}");
        // In code the reference is literal text, and NUL becomes U+FFFD as CommonMark says.
        let r = ctx_render("`&#7;` and &#0;\n\n    &#1;\n").unwrap();
        assert!(r.html.contains("<code>&amp;#7;</code> and \u{fffd}"), "{}", r.html);
    }

    #[test]
    fn extensions_are_on() {
        let r =
            ctx_render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ - [ ] task\n\n\"quoted\"\n\nnote[^1]\n\n[^1]: foot\n")
                .unwrap();
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("\u{201c}quoted\u{201d}"));
        assert!(
            r.html.contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<li id=\"fn-1\">\n<p>foot <a href=\"#fnref-1\""), "{}", r.html);
        let r = ctx_render("- [x] done\n- [ ] open\n").unwrap();
        assert!(r.html.contains("<input type=\"checkbox\" disabled checked aria-label=\"done\">"), "{}", r.html);
        assert!(r.html.contains("<input type=\"checkbox\" disabled aria-label=\"to do\">"));
    }

    #[test]
    fn a_shortcode_heading_is_one_below_the_heading_before_it() {
        assert_eq!(heading_level(None), 2);
        assert_eq!(heading_level(Some(1)), 2);
        assert_eq!(heading_level(Some(3)), 4);
        assert_eq!(heading_level(Some(5)), 6);
        assert_eq!(heading_level(Some(6)), 6, "there is no h7");
        let r = ctx_render("{{< level >}}\n\n## Two\n\n### Three\n\n{{< level >}}\n\nSetext\n------\n\n{{< level >}}\n\n###### Six\n{{< level >}}\n")
            .unwrap();
        let levels: Vec<&str> = r.html.match_indices("<h").map(|(at, _)| &r.html[at..at + 3]).collect();
        assert_eq!(levels, ["<h2", "<h2", "<h3", "<h4", "<h2", "<h3", "<h6", "<h6"], "{}", r.html);
    }

    #[test]
    fn shortcode_and_link_errors_are_reported_together_in_order() {
        let e = ctx_render("{{< box tag=\"fail\" >}}\n\n[gone](@/posts/missing.md)\n\n  {{< box tag=\"fail\" >}}\n")
            .unwrap_err();
        let at: Vec<(usize, usize)> = e.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(1, 1), (3, 8), (5, 3)], "{e:?}");
        assert_eq!(e[0].message, "shortcode `box`: told to fail");
        let e = ctx_render("{{< box tag=\"x >}}\n\n[gone](@/posts/missing.md)\n").unwrap_err();
        let at: Vec<(usize, usize)> = e.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(1, 1), (3, 8)], "an unreadable shortcode and the rest, in order: {e:?}");
    }

    #[test]
    fn code_ranges_are_the_code_the_parser_reads() {
        let src = "a `x\ny` b\n\n> ```\n> q\n> ```\n\n- i\n\n      ind\n\n- j\n\n    text\n";
        let code = Regions::of(src);
        let at = |needle: &str| code.in_code(src.find(needle).unwrap());
        assert!(at("`x") && at("y`") && !at(" b") && !at("a "), "a span over a line end, backticks in");
        assert!(at("```\n> q") && at("q\n") && !at("> ```") && !at("- i"), "a fence in a quote, fences in");
        assert!(at("ind") && !at("text"), "indented code in a list item; the item's own text is not");
        assert!(!code.in_code(src.len()));
    }

    #[test]
    fn footnotes_end_the_body_with_ids_apart_from_heading_ids() {
        let r =
            ctx_render("## Fn note\n\nText[^note] and *more*[^note].\n\n[^note]: The [note](@/posts/a.md).\n").unwrap();
        assert!(r.html.contains("<h2 id=\"fn-note\">"), "{}", r.html);
        assert!(r.html.contains("<a href=\"#fn-note-1\" id=\"fnref-note-1\">1</a>"), "{}", r.html);
        assert!(r.html.contains("<a href=\"#fn-note-1\" id=\"fnref-note-1-2\">1</a>"), "{}", r.html);
        assert!(
            r.html.contains("<li id=\"fn-note-1\">\n<p>The <a href=\"https://x.io/sub/posts/a/\">note</a>."),
            "{}",
            r.html
        );
        assert!(r.html.trim_end().ends_with("</ol>\n</section>"), "{}", r.html);
        assert_eq!(r.first_paragraph, "Text and more.");
        let r = ctx_render("[^a]: A note written first.\n\nThe text[^a].\n").unwrap();
        assert_eq!(r.first_paragraph, "The text.", "a note is no summary");
    }

    #[test]
    fn raw_html_passes_through() {
        let r = ctx_render("<div class=\"note\">hi</div>\n").unwrap();
        assert!(r.html.contains("<div class=\"note\">hi</div>"));
    }

    #[test]
    fn an_explicit_heading_id_given_twice_is_an_error_at_the_second() {
        let e = ctx_render("## One {#same}\n\ntext\n\n## Two {#same}\n\n## Three {#other}\n").unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].line, e[0].column), (5, 1), "{e:?}");
        assert!(e[0].message.contains("{#same}"), "{}", e[0].message);
    }

    #[test]
    fn heading_ids_are_unique_and_explicit_ids_kept() {
        let r = ctx_render("## Why wait?\n\n## Why wait?\n\n## Custom {#mine}\n\n## `code` too\n").unwrap();
        assert!(r.html.contains("<h2 id=\"why-wait\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"why-wait-1\">"));
        assert!(r.html.contains("<h2 id=\"mine\">"));
        assert!(r.html.contains("<h2 id=\"code-too\">"));
    }

    #[test]
    fn links_are_rewritten() {
        let r =
            ctx_render("[a](@/posts/a.md#part) [b](/jobs/) [c](https://e.org/) [d](//cdn.x/y) ![i](/img.png)").unwrap();
        assert!(r.html.contains("href=\"https://x.io/sub/posts/a/#part\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://x.io/sub/jobs/\""));
        assert!(r.html.contains("href=\"https://e.org/\""));
        assert!(r.html.contains("href=\"//cdn.x/y\""));
        assert!(r.html.contains("src=\"https://x.io/sub/img.png\""));
    }

    #[test]
    fn an_at_link_keeps_its_query_and_fragment() {
        let r = ctx_render(
            "[q](@/posts/a.md?page=2#part) [o](@/posts/a.md?x) [f](@/posts/a.md#p?not-a-query)\n\n\
                            <a href=\"@/about.md?ref=nav#top\">about</a>",
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        for href in [
            "https://x.io/sub/posts/a/?page=2#part",
            "https://x.io/sub/posts/a/?x",
            "https://x.io/sub/posts/a/#p?not-a-query",
            "https://x.io/sub/about/?ref=nav#top",
        ] {
            assert!(r.html.contains(&format!("href=\"{href}\"")), "{href}: {}", r.html);
        }
        // The file is named without them, in the lookup and in the message.
        let e = ctx_render("[g](@/posts/gone.md?page=2#part)").unwrap_err();
        assert_eq!(
            e[0].message,
            "link to @/posts/gone.md?page=2#part points at no content file: it names content/posts/gone.md"
        );
    }

    /// Every question the links asked of the site's URLs is noted with its answer, so that
    /// a reload can tell whether the HTML still holds; links that ask nothing note nothing.
    #[test]
    fn links_note_what_they_looked_up_and_shortcodes_are_counted() {
        let r = ctx_render("[a](@/posts/a.md#part) [b](/jobs/) [c](https://e.org/) [d](../a) ![e](chart.png)");
        let r = r.unwrap_or_else(|e| panic!("{e:?}"));
        let permalink = |p: &str, url: Option<&str>| Lookup::Permalink(p.into(), url.map(String::from));
        let published = |p: &str, found: bool| Lookup::Published(p.into(), found);
        let expected = [
            permalink("posts/a.md", Some("https://x.io/sub/posts/a/")),
            permalink("a", None),
            published("posts/a", false),
            published("posts/a/", true),
            permalink("posts/chart.png", Some("https://x.io/sub/posts/chart.png")),
        ];
        assert_eq!(r.lookups, expected);
        assert!(r.shortcodes.is_empty());
        let permalinks: HashMap<String, String> = [
            ("posts/a.md".into(), "https://x.io/sub/posts/a/".into()),
            ("posts/chart.png".into(), "https://x.io/sub/posts/chart.png".into()),
        ]
        .into();
        let urls: HashSet<String> = ["posts/a/".to_string()].into();
        assert!(r.lookups.iter().all(|l| l.holds(&permalinks, &urls)));
        let moved: HashMap<String, String> = [("posts/a.md".into(), "https://x.io/sub/posts/b/".into())].into();
        assert!(!r.lookups[0].holds(&moved, &urls), "a permalink that moved");
        assert!(!r.lookups[3].holds(&permalinks, &HashSet::new()), "a URL no longer published");
        assert!(!r.lookups[1].holds(&[("a".into(), "https://x.io/sub/a/".into())].into(), &urls), "a new file");

        let r = ctx_render("Intro\n{{< box tag=\"x\" >}}\n\n{{< level >}}\n").unwrap();
        assert_eq!((r.shortcodes.len(), r.lookups.len()), (2, 0));

        // A build asks nothing of them: the same links, the same HTML, nothing noted.
        let src = "[a](@/posts/a.md#part) [d](../a) ![e](chart.png)";
        let (noted, quiet) = (render_noting("posts", src, true).unwrap(), render_noting("posts", src, false).unwrap());
        assert_eq!((noted.lookups.len(), quiet.lookups.len(), &quiet.html), (5, 0, &noted.html));
    }

    #[test]
    fn broken_internal_links_are_reported_with_offsets() {
        let src = "ok\n\n[gone](@/posts/missing.md)";
        let err = ctx_render(src).unwrap_err();
        assert_eq!((err[0].line, err[0].column), (3, 8));
        assert!(err[0].message.contains("@/posts/missing.md"));
    }

    /// A broken link is reported where its target is written, as `check` reports a link to
    /// nothing: that is what to fix, and the link's own start may be far before it.
    #[test]
    fn a_broken_link_is_located_at_its_target() {
        let at = |src: &str| {
            let e = ctx_render(src).unwrap_err();
            e.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>()
        };
        assert_eq!(at("![chart](@/posts/gone.md)"), [(1, 10)]);
        assert_eq!(at("[a](<@/posts/gone.md>) [b](\n  @/posts/gone.md)"), [(1, 6), (2, 3)]);
        // The link's text or title may hold the same words: the target follows `](`.
        assert_eq!(at("[see (@/posts/gone.md](@/posts/gone.md \"(@/posts/gone.md\")"), [(1, 24)]);
        assert_eq!(at("[![i](@/posts/gone.md)](@/posts/gone.md)"), [(1, 7), (1, 25)]);
        // A reference link's target is in its definition, with the other errors in order.
        assert_eq!(at("[a][far] and [b](@/posts/gone.md)\n\n[far]: @/posts/nope.md\n"), [(1, 18), (3, 8)]);
        assert_eq!(at("[Far][] and [far]\n\n[FAR]:\n  <@/posts/nope.md>\n"), [(4, 4), (4, 4)]);
        // Written otherwise than it reads (an escape): the link's start.
        assert_eq!(at("x [a](@/posts/gone\\_x.md)"), [(1, 3)]);
    }

    #[test]
    fn raw_html_at_links_and_site_paths_are_rewritten_and_the_rest_left() {
        let src = "<p><a href=\"@/posts/a.md#part\">a</a> <img src='/img.png' alt=\"x\"> \
                   <a HREF=/jobs/>j</a> <a href=\"../rel/\">r</a> <a href=\"//cdn.x/y\">c</a></p>\n\n\
                   Inline <a title=\"@/posts/a.md\" href=\"@/about.md\">about</a> and src=/not-a-tag.\n\n\
                   <!-- <a href=\"@/posts/missing.md\"> -->\n\n\
                   <img srcset=\"/a.png 1x, /b.png 2x, //cdn.x/c.png 3x\"> <video poster=/still.png>\n";
        let r = ctx_render(src).unwrap();
        for expected in [
            "href=\"https://x.io/sub/posts/a/#part\"",
            "src='https://x.io/sub/img.png'",
            "HREF=https://x.io/sub/jobs/>",
            "href=\"../rel/\"",
            "href=\"//cdn.x/y\"",
            "title=\"@/posts/a.md\" href=\"https://x.io/sub/about/\"",
            "src=/not-a-tag.",
            "<!-- <a href=\"@/posts/missing.md\"> -->",
            "srcset=\"https://x.io/sub/a.png 1x, https://x.io/sub/b.png 2x, //cdn.x/c.png 3x\"",
            "poster=https://x.io/sub/still.png>",
        ] {
            assert!(r.html.contains(expected), "{expected} in {}", r.html);
        }
        // An `@/` link in raw HTML that names nothing fails as a Markdown one does, where it stands.
        let err = ctx_render("ok\n\n<div>\n<a href=\"@/posts/missing.md\">gone</a>\n</div>\n").unwrap_err();
        assert_eq!((err[0].line, err[0].column), (4, 10), "{err:?}");
        assert!(err[0].message.contains("@/posts/missing.md"));
        let targets = |html: &str| attribute_targets(html, &mut HtmlAt::Text);
        assert!(targets("<a href=\"x").len() == 1 && targets("<a href").is_empty());
        assert!(targets("< a href=x>").is_empty() && targets("<").is_empty());
        // An HTML block comes a line per event: a tag or a comment goes on over several.
        let mut at = HtmlAt::Text;
        assert!(attribute_targets("<a class=\"card\"\n", &mut at).is_empty());
        assert_eq!(attribute_targets("   href=\"@/x.md\">x</a>", &mut at), [std::ops::Range { start: 9, end: 15 }]);
        assert_eq!(at, HtmlAt::Text);
        assert!(attribute_targets("<!--\n", &mut at).is_empty() && at == HtmlAt::Comment);
        assert!(attribute_targets("<a href=\"@/gone.md\">\n", &mut at).is_empty() && at == HtmlAt::Comment);
        assert_eq!(attribute_targets("--> <img src=/a.png>", &mut at), [std::ops::Range { start: 13, end: 19 }]);
        assert_eq!(at, HtmlAt::Text);
        // In a document: a commented-out link is no link, and a tag over two lines is one.
        let r = ctx_render("<!--\n<a href=\"@/posts/missing.md\">old</a>\n-->\n\n<div>\n<a class=\"c\"\n  href=\"@/about.md\">a</a>\n</div>\n").unwrap();
        assert!(r.html.contains("<a href=\"@/posts/missing.md\">old</a>"), "{}", r.html);
        assert!(r.html.contains("  href=\"https://x.io/sub/about/\">a</a>"), "{}", r.html);
    }

    #[test]
    fn srcset_candidates_are_split_as_browsers_split_them() {
        let urls = |set: &str| srcset_urls(set).map(|r| set[r].to_string()).collect::<Vec<_>>();
        assert_eq!(urls("/a.png 1x, /b.png 2x"), ["/a.png", "/b.png"]);
        assert_eq!(urls("  a.png 480w ,, b.png  "), ["a.png", "b.png"]);
        // A comma inside a URL is the URL's; trailing commas end it.
        assert_eq!(
            urls("data:image/png;base64,AAA= 1x,b.png,, c.png"),
            ["data:image/png;base64,AAA=", "b.png", "c.png"]
        );
        assert_eq!(urls("a.png 1x (bad, c.png"), ["a.png"]);
        assert_eq!(urls("a.png (1x, 2x) 3x, c.png"), ["a.png", "c.png"]);
        assert!(urls(" , ").is_empty() && urls("").is_empty());
    }

    #[test]
    fn relative_links_resolve_from_the_source_folder_to_published_urls() {
        let r = ctx_render(
            "![c](chart.png) [a](a.md#part) [up](../about.md) [q](./chart.png?v=2#x) [s](my%20chart.png) [t](<my chart.png>)",
        )
        .unwrap();
        assert!(r.html.contains("src=\"https://x.io/sub/posts/chart.png\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://x.io/sub/posts/a/#part\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://x.io/sub/about/\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://x.io/sub/posts/chart.png?v=2#x\""), "{}", r.html);
        assert_eq!(r.html.matches("href=\"https://x.io/sub/posts/my%20chart.png\"").count(), 2, "{}", r.html);
        // The same names from the top of content/ need the folder.
        let r = render_in("", "[a](posts/a.md) ![c](posts/chart.png)").unwrap();
        assert!(r.html.contains("href=\"https://x.io/sub/posts/a/\""), "{}", r.html);
        assert!(r.html.contains("src=\"https://x.io/sub/posts/chart.png\""), "{}", r.html);
    }

    #[test]
    fn relative_links_written_as_urls_resolve_from_the_page_url() {
        // The page `posts/x.md` is published at posts/x/, so `../a/` is posts/a/.
        let r =
            ctx_render("[a](../a/) [list](../) [about](../../about/#team) [a2](../a) [c](../../follow-up-calculator/)")
                .unwrap();
        for href in ["posts/a/", "posts/", "about/#team", "follow-up-calculator/"] {
            assert!(r.html.contains(&format!("href=\"https://x.io/sub/{href}\"")), "{href}: {}", r.html);
        }
        assert_eq!(r.html.matches("href=\"https://x.io/sub/posts/a/\"").count(), 2, "`../a` is the page: {}", r.html);
        let err = ctx_render("[gone](../gone/)").unwrap_err();
        assert!(err[0].message.contains("points at no content file"), "{err:?}");
        // A draft is there, but left out: the message says so, for @/ and relative links.
        for link in ["[soon](@/posts/draft.md)", "[soon](draft.md)"] {
            let err = ctx_render(link).unwrap_err();
            assert!(err[0].message.contains("content/posts/draft.md, which this build leaves out"), "{link}: {err:?}");
        }
    }

    #[test]
    fn links_that_are_not_relative_paths_stay_as_written() {
        let src =
            "[f](#part) [q](?page=2) [m](mailto:a@b.org) [t](tel:+441234) [h](HTTPS://e.org/x) <team@example.org>";
        let r = ctx_render(src).unwrap();
        for href in ["#part", "?page=2", "mailto:a@b.org", "tel:+441234", "HTTPS://e.org/x", "mailto:team@example.org"]
        {
            assert!(r.html.contains(&format!("href=\"{href}\"")), "{href}: {}", r.html);
        }
    }

    #[test]
    fn broken_relative_links_are_located_and_explained() {
        let err = ctx_render("ok\n\nSee [the chart](charts.png) and [b](../posts/b/).").unwrap_err();
        assert_eq!(err.len(), 2, "{err:?}");
        assert_eq!((err[0].line, err[0].column), (3, 17));
        assert!(
            err[0].message.contains("charts.png") && err[0].message.contains("content/posts/charts.png"),
            "{err:?}"
        );
        assert!(err[1].message.contains("content/posts/b"), "{err:?}");
        let err = ctx_render("[x](../../secret.png)").unwrap_err();
        assert!(err[0].message.contains("above content/"), "{err:?}");
    }

    #[test]
    fn content_paths_resolve_dots_inside_content_only() {
        assert_eq!(content_path("posts", "chart.png").as_deref(), Some("posts/chart.png"));
        assert_eq!(content_path("posts/deep", "../a.md").as_deref(), Some("posts/a.md"));
        assert_eq!(content_path("posts", "./img//x.png").as_deref(), Some("posts/img/x.png"));
        assert_eq!(content_path("", "about.md").as_deref(), Some("about.md"));
        assert_eq!(content_path("posts", "../about.md").as_deref(), Some("about.md"));
        assert_eq!(content_path("posts", "../../x.png"), None);
        assert_eq!(content_path("", "../x.png"), None);
        assert_eq!(content_path("posts", "a/../../../x"), None);
    }

    #[test]
    fn schemes_follow_rfc_3986() {
        for url in ["https://a", "mailto:x", "tel:1", "a+b.c-d:x", "javascript:void(0)"] {
            assert!(has_scheme(url), "{url}");
        }
        for url in ["chart.png", "1tel:1", "img/a:b.png", ":x", "a b:c"] {
            assert!(!has_scheme(url), "{url}");
        }
    }

    #[test]
    fn words_and_first_paragraph() {
        let r = ctx_render("# T\n\nOne two\nthree.\n\nFour.").unwrap();
        assert_eq!(r.words, 5);
        assert_eq!(r.first_paragraph, "One two three.");
        assert_eq!(reading_time(0), 1);
        assert_eq!(reading_time(201), 2);
    }
}
