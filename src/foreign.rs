//! Template syntax of other generators left in Markdown (Liquid's `{% … %}` and
//! `{{ … }}`, Hugo's `{{% … %}}`), which careerpress prints as it is: found once, when the
//! Markdown is rendered, so that `check` and `build` can report it after the Markdown
//! itself is gone.

use std::borrow::Cow;

/// One leftover, at its place in the body (line from 1, column in characters from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignSyntax {
    pub line: usize,
    pub column: usize,
    /// The tag as written (up to 40 bytes when it does not close).
    pub text: String,
    pub generator: &'static str,
}

/// The first leftover of each line of `body` outside code (as the Markdown parser reads
/// it: blocks fenced or indented, in quotes and lists, and code spans over line ends)
/// and HTML comments.
/// `own` names the site's own shortcodes, whose calls stand within text too.
pub fn scan(body: &str, own: &[String]) -> Vec<ForeignSyntax> {
    // Parsed only for a body that has a leftover to place: most have none.
    let regions = crate::markdown::RegionsOf::new(body);
    let in_code = |at: usize| regions.in_code(at);
    let mut found = Vec::new();
    let mut in_comment = false;
    let mut start = 0;
    for (n, line) in body.split_inclusive('\n').enumerate() {
        let line_start = start;
        start += line.len();
        let in_code = |i: usize| in_code(line_start + i);
        // What an HTML comment holds, no reader sees.
        let shown = without_comments(line, &mut in_comment, &in_code);
        let first =
            attribute_list(&shown).filter(|&(_, _, at)| !in_code(at)).or_else(|| leftover(&shown, &in_code, own));
        if let Some((text, generator, at)) = first {
            // Columns count characters of the line as written.
            let column = line[..at].chars().count() + 1;
            found.push(ForeignSyntax { line: n + 1, column, text, generator });
        }
    }
    found
}

/// `line` with what HTML comments hold (`<!-- … -->`, across lines: `in_comment` carries
/// an open one to the next) turned to spaces, one per byte, so offsets stay. A `<!--` in
/// code opens nothing.
fn without_comments<'a>(line: &'a str, in_comment: &mut bool, in_code: &dyn Fn(usize) -> bool) -> Cow<'a, str> {
    if !*in_comment && !line.contains("<!--") {
        return line.into();
    }
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    while at < line.len() {
        if *in_comment {
            let end = line[at..].find("-->").map_or(line.len(), |e| at + e + 3);
            out.extend(line[at..end].bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }));
            *in_comment = !line[at..end].ends_with("-->");
            at = end;
            continue;
        }
        let opens = line[at..].match_indices("<!--").map(|(i, _)| at + i).find(|&i| !in_code(i));
        let Some(open) = opens else { break };
        out.push_str(&line[at..open + 4]);
        *in_comment = true;
        at = open + 4;
    }
    out.push_str(&line[at.min(line.len())..]);
    out.into()
}

/// What a line holding only an attribute list holds: `{: .note #x key="v"}` (kramdown, also
/// `{:toc}`) or `{.center}` / `{#x}` (goldmark, Hugo's Markdown). careerpress's Markdown
/// takes attributes only on a heading's own line, so either kind on a line of its own is
/// printed as text. Every word must be an id, a class or a `key=value`: code that looks
/// alike (Elixir's `{:ok, pid}`, Svelte's `{#each items as item}`) and kramdown's
/// extensions (`{::comment}`) are not attribute lists.
pub fn attribute_line(trimmed: &str) -> Option<&str> {
    let inner = trimmed.strip_prefix('{')?.strip_suffix('}')?;
    if inner.contains(['{', '}']) {
        return None;
    }
    let (attributes, kramdown) = match inner.strip_prefix(':') {
        Some(kramdown) => (kramdown.trim(), true),
        None => (inner.trim(), false),
    };
    if kramdown && attributes == "toc" {
        return Some(attributes);
    }
    let attribute = |word: &str| {
        let named = |rest: &str| !rest.is_empty() && rest.chars().all(|c| c.is_alphanumeric() || "-_:.".contains(c));
        match word.split_once('=') {
            Some((key, _)) => named(key),
            None => word.strip_prefix(['#', '.']).is_some_and(named),
        }
    };
    let mut words = attributes.split_whitespace().peekable();
    (words.peek().is_some() && words.all(attribute)).then_some(attributes)
}

/// A line that is only an attribute list, as `leftover` reports a tag.
fn attribute_list(line: &str) -> Option<(String, &'static str, usize)> {
    let trimmed = line.trim();
    attribute_line(trimmed)?;
    let generator =
        if trimmed.starts_with("{:") { "kramdown (Jekyll) attribute list" } else { "goldmark (Hugo) attribute list" };
    Some((trimmed.to_string(), generator, line.len() - line.trim_start().len()))
}

/// Whether the shortcode `rest` opens (at the start of its line) is all the line holds, as
/// careerpress's own stand: `{{< ref "x.md" >}} is where…` is another generator's, printed.
fn alone_on_line(rest: &str) -> bool {
    rest.find(">}}").is_none_or(|end| rest[end + 3..].trim().is_empty())
}

/// The name a `{{< … >}}` tag calls or closes.
fn shortcode_name(tag: &str) -> &str {
    let inner = tag[3..].trim_start().trim_start_matches('/');
    crate::markdown::call_name(&inner[..inner.find(">}}").unwrap_or(inner.len())])
}

/// "```" or "~~~" when `trimmed` (a line without its indentation) opens or closes a fence.
pub fn fence_of(trimmed: &str) -> Option<&'static str> {
    ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f))
}

/// The first template tag of another generator on a line outside code, and the byte it
/// starts at.
fn leftover(line: &str, in_code: &dyn Fn(usize) -> bool, own: &[String]) -> Option<(String, &'static str, usize)> {
    let mut from = 0;
    while let Some(found) = line[from..].find('{') {
        let i = from + found;
        from = i + 1;
        let rest = &line[i..];
        // careerpress's own shortcodes stand alone on their line (in a list item or a quote
        // too): one after other text is Hugo's, printed as it is.
        let (generator, close) = if rest.starts_with("{{%") {
            ("Hugo shortcode", "%}}")
        } else if rest.starts_with("{{<")
            && !(crate::markdown::container_prefix(line) == i && alone_on_line(rest))
            && !own.iter().any(|name| *name == shortcode_name(rest))
        {
            ("Hugo shortcode", ">}}")
        } else if rest.starts_with("{%") {
            ("Liquid (Jekyll)", "%}")
        } else if rest.starts_with("{{") && !rest.starts_with("{{<") {
            ("Liquid (Jekyll)", "}}")
        } else {
            continue;
        };
        if in_code(i) {
            continue;
        }
        // An unclosed tag is shown up to 40 bytes, cut where a character ends.
        let mut cut = rest.len().min(40);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let end = rest.find(close).map_or(cut, |e| e + close.len());
        let text = &rest[..end];
        let generator = if generator.starts_with("Liquid") && zola_call(text) { "Zola shortcode" } else { generator };
        return Some((text.trim_end().to_string(), generator, i));
    }
    None
}

/// Whether a `{{ … }}` or `{% … %}` tag is a call, `{{ youtube(id="x") }}`, or the
/// `{% end %}` that closes a call's body: Zola's shortcodes are, Liquid's tags and outputs
/// never (Liquid closes a block with `endif`, `endfor`, ...).
fn zola_call(tag: &str) -> bool {
    let inner = tag[2..].trim_start_matches(['-', ' ', '\t']);
    let name_end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(inner.len());
    let end = tag.starts_with("{%") && inner[name_end..].trim_start_matches(['-', ' ', '\t']).starts_with("%}");
    name_end > 0 && (inner[name_end..].starts_with('(') || (end && &inner[..name_end] == "end"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first leftover of a body of one line: text, generator and column.
    fn leftover(line: &str) -> Option<(String, &'static str, usize)> {
        scan(line, &["note".to_string(), "docs/v".to_string()])
            .into_iter()
            .next()
            .map(|f| (f.text, f.generator, f.column))
    }

    #[test]
    fn leftovers_outside_inline_code() {
        assert_eq!(
            leftover("see {% include a.html %} here"),
            Some(("{% include a.html %}".into(), "Liquid (Jekyll)", 5))
        );
        assert_eq!(leftover("{{% notice %}}x{{% /notice %}}").map(|l| l.1), Some("Hugo shortcode"));
        assert_eq!(leftover("I am {{ quiet(text=\"crab\") }}.").map(|l| l.1), Some("Zola shortcode"));
        assert_eq!(leftover("{%- note(kind=\"tip\") -%}").map(|l| l.1), Some("Zola shortcode"));
        assert_eq!(leftover("Tip. {% end %}").map(|l| l.1), Some("Zola shortcode"));
        assert_eq!(leftover("{%- end -%}").map(|l| l.1), Some("Zola shortcode"));
        assert_eq!(leftover("{% endif %}").map(|l| l.1), Some("Liquid (Jekyll)"));
        assert_eq!(leftover("{% end_note %}").map(|l| l.1), Some("Liquid (Jekyll)"));
        assert_eq!(leftover("{{ page.title | upcase }} (x)").map(|l| l.1), Some("Liquid (Jekyll)"));
        assert_eq!(leftover("{{ page.title }}").map(|l| l.0), Some("{{ page.title }}".into()));
        assert_eq!(leftover("`{% raw %}` is fine"), None);
        assert_eq!(leftover("{{< followup_calculator >}}"), None, "careerpress's own shortcodes");
        assert_eq!(leftover("  {{< job_callout tag=\"x\" >}}"), None, "indented, still alone on its line");
        assert_eq!(leftover("> - {{< job_callout tag=\"x\" >}}"), None, "in a quote's list item, alone on its line");
        assert_eq!(
            leftover("Read {{< note a />}} and {{< note >}}x{{</ note >}}."),
            None,
            "the site's own, within text"
        );
        assert_eq!(leftover("Read {{< notes >}} x").map(|l| l.2), Some(6), "another name");
        assert_eq!(leftover("Since {{< docs/v 2 >}} and {{< docs/v/>}}."), None, "a name in a folder");
        assert_eq!(
            leftover("Install {{< logo name=\"hugo\" >}} first"),
            Some(("{{< logo name=\"hugo\" >}}".into(), "Hugo shortcode", 9)),
            "after text on its line, it is Hugo's"
        );
        assert_eq!(
            leftover("{{< ref \"other.md\" >}} is where it went\n").map(|l| (l.1, l.2)),
            Some(("Hugo shortcode", 1)),
            "with text after it on its line, it is Hugo's too"
        );
        assert_eq!(leftover("{{< followup_calculator >}}  \n"), None);
        assert_eq!(leftover("a { brace }"), None);
        assert_eq!(leftover("``{% raw %}`` and `` `{{ x }}` `` are code"), None, "longer backtick runs");
        assert_eq!(leftover("a lone ` then {{ x }}").map(|l| l.2), Some(15), "an unmatched backtick is literal");
        assert_eq!(leftover("`a` é {% x %}").map(|l| l.2), Some(7), "columns count characters");
    }

    #[test]
    fn attribute_lines_of_other_markdowns_are_leftovers() {
        let body = "## Changes\n{: #v1 .release}\n\nCentred.\n  {.center}\n\n```\n{: .code}\n```\n{}\n{ a }\n\
                    {:ok, pid}\n{#each items as item}\n{:else}\n{::comment}\n{:/comment}\n{#}\n{.}\n";
        let found: Vec<(usize, usize, &str)> =
            scan(body, &[]).into_iter().map(|f| (f.line, f.column, f.generator)).collect();
        assert_eq!(found, [(2, 1, "kramdown (Jekyll) attribute list"), (5, 3, "goldmark (Hugo) attribute list")]);
    }

    #[test]
    fn what_html_comments_hold_is_not_reported() {
        let body = "a <!-- {{ hidden }} --> {{ shown }}\n<!--\n{% include x.html %}\n```\n-->\n{% include y.html %}\n";
        let found: Vec<(usize, usize, String)> =
            scan(body, &[]).into_iter().map(|f| (f.line, f.column, f.text)).collect();
        assert_eq!(found, [(1, 25, "{{ shown }}".to_string()), (6, 1, "{% include y.html %}".to_string())]);
        // `<!--` shown as inline code opens no comment.
        let body = "Open one with `<!--` and close it later.\n\n{% include cta.html %}\n";
        assert_eq!(scan(body, &[]).len(), 1, "{:?}", scan(body, &[]));
    }

    #[test]
    fn an_unclosed_tag_is_cut_where_a_character_ends() {
        let line = format!("{{{{ {}", "é".repeat(30));
        let (text, generator, column) = leftover(&line).expect("found");
        assert!(text.len() <= 40 && line.starts_with(&text), "{text:?}");
        assert_eq!((generator, column), ("Liquid (Jekyll)", 1));
        assert_eq!(scan(&format!("{{% {}\n", "ж".repeat(40)), &[]).len(), 1);
    }

    #[test]
    fn leftovers_in_code_blocks_are_code() {
        let body = "Intro {{ a }}\n```\n{% raw %}\n```\n    {{ indented }}\n\tab {% x %}\nlast {% y %} {% z %}\n";
        let found = scan(body, &[]);
        let at: Vec<(usize, usize, &str)> = found.iter().map(|f| (f.line, f.column, f.text.as_str())).collect();
        assert_eq!(at, vec![(1, 7, "{{ a }}"), (7, 6, "{% y %}")], "one per line, none in code");
        // Code as the parser reads it, as Hugo's docs write templates: a fence in a quote or
        // a list, a longer fence holding a shorter one, a span over a line end.
        let body = "> ```\n> {{ range .Pages }}\n> ```\n\n- item\n\n  ```\n  {{ end }}\n  ```\n\n\
                    ````md\n```\n{{ end }}\n```\n{{ end }}\n````\n\nA span `{{ with .x }}\n{{ end }}` ends.\n\n\
                    - text\n\n      {{ end }}\n";
        assert_eq!(scan(body, &[]), []);
        // Indented under a list item, it is the item's text, shown as it is.
        assert_eq!(scan("- item\n\n    {{ shown }}\n", &[]).len(), 1);
    }

    #[test]
    fn columns_count_characters_after_a_comment() {
        assert_eq!(leftover("<!-- é --> {{ x }}").map(|l| l.2), Some(12));
        assert_eq!(leftover("`<!--` é {{ x }}").map(|l| l.2), Some(10));
    }
}
