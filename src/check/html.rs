//! Just enough HTML reading for `check`: the start tags of a page with their attributes,
//! skipping comments and the contents of `<script>` and `<style>`. careerpress's own
//! output is well-formed (the Nu HTML Checker runs over it in the tests), and a scanner
//! this small reads 10,000 pages in a few tens of milliseconds.

use std::borrow::Cow;

/// One start tag: its name in lower case and its attributes as written (values unescaped
/// of the few entities careerpress writes).
pub struct Tag<'a> {
    /// As written; compare with `is`.
    name: &'a str,
    attrs: Vec<(&'a str, Cow<'a, str>)>,
}

impl<'a> Tag<'a> {
    /// Whether this is a `name` tag, in any case.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_ref())
    }
}

/// Every start tag of `html`, in order.
pub fn tags(html: &str) -> Vec<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(rel) = html[at..].find('<') {
        let start = at + rel;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |end| start + end + 3);
            continue;
        }
        let name_len = rest[1..].bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 || !bytes[start + 1].is_ascii_alphabetic() {
            at = start + 1;
            continue;
        }
        let name = &rest[1..1 + name_len];
        let (attrs, end) = attributes(html, start + 1 + name_len);
        at = end;
        if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
            let close = format!("</{}", name.to_ascii_lowercase());
            at = html[at..].to_ascii_lowercase().find(&close).map_or(html.len(), |i| at + i);
        }
        out.push(Tag { name, attrs });
    }
    out
}

/// Attributes from `from` to the tag's `>`, and the offset after it.
fn attributes(html: &str, from: usize) -> (Vec<(&str, Cow<'_, str>)>, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = from;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, i);
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
            i += 1;
        }
        let name = &html[name_start..i];
        let mut value = Cow::Borrowed("");
        // HTML allows white space around the `=`: `<p id = "x">`.
        let after_space = |from: usize| from + bytes[from..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        if bytes.get(after_space(i)) == Some(&b'=') {
            let (v, next) = attribute_value(html, after_space(after_space(i) + 1));
            value = crate::escape::references_read(v);
            i = next;
        }
        if name.is_empty() {
            i += 1;
        } else {
            attrs.push((name, value));
        }
    }
}

fn attribute_value(html: &str, from: usize) -> (&str, usize) {
    let bytes = html.as_bytes();
    match bytes.get(from) {
        Some(&q @ (b'"' | b'\'')) => {
            let end = html[from + 1..].find(q as char).map_or(html.len(), |e| from + 1 + e);
            (&html[from + 1..end], (end + 1).min(html.len()))
        }
        _ => {
            let end = html[from..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(html.len(), |e| from + e);
            (&html[from..end], end)
        }
    }
}

/// Whether `html` has no text a reader would see: only tags, white space and `&nbsp;`.
pub fn text_is_empty(html: &str) -> bool {
    let mut in_tag = false;
    for c in html.replace("&nbsp;", " ").chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && !c.is_whitespace() => return false,
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_and_attributes() {
        let html = r#"<!-- <a href="no"> --><p><a href="/x/?a=1&amp;b=2" class=big>x</a><img src='y.png' alt></p>
<script>if (a < b) { document.write("<a href='z'>") }</script><h2 id="t">T</h2>"#;
        let t = tags(html);
        let names: Vec<&str> = t.iter().map(|t| t.name).collect();
        assert_eq!(names, ["p", "a", "img", "script", "h2"]);
        assert_eq!(t[1].attr("href"), Some("/x/?a=1&b=2"));
        assert_eq!(t[1].attr("class"), Some("big"));
        assert_eq!(t[2].attr("src"), Some("y.png"));
        assert_eq!(t[2].attr("alt"), Some(""));
        assert_eq!(t[4].attr("id"), Some("t"));
        assert!(tags("<a href=\"unclosed").len() == 1 && tags("a < b").is_empty());
        // White space around `=`, and an attribute with no value before another.
        let t = tags("<p id = \"spaced\" hidden\n class =\nwide title= 't'>");
        assert_eq!((t[0].attr("id"), t[0].attr("hidden")), (Some("spaced"), Some("")));
        assert_eq!((t[0].attr("class"), t[0].attr("title")), (Some("wide"), Some("t")));
    }
}
