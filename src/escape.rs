//! Escaping author text for where it lands: HTML text and attributes, XML (feeds,
//! sitemaps), and JSON inside a `<script>` element (JSON-LD, the calculator's rules).
//! Templates, the dev server's error overlay, the job pages and the feeds all escape
//! through here, so one rule holds everywhere. The reverse for URL paths lives here too:
//! the dev server and redirect aliases decode a path segment by one rule, so an alias is
//! written where a request for it looks.

use percent_encoding::percent_decode_str;

/// Escapes the five characters that matter in HTML text and quoted attributes. Tera's
/// default also escapes `/`, which bloats every URL without making anything safer.
pub fn html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match entity(c) {
            Some(e) => out.push_str(e),
            None => out.push(c),
        }
    }
    out
}

/// The entity HTML and XML both write for one of the five markup characters.
fn entity(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        _ => return None,
    })
}

/// Appends `input` to `out` as XML 1.0 text or attribute value: the five markup characters
/// as entities, and the characters XML 1.0 forbids outright (control characters other than
/// tab, newline and carriage return; U+FFFE and U+FFFF) dropped, since no escape can carry
/// them and one would make a whole feed unreadable. Appending, so that a feed of thousands
/// of entries is one growing string.
pub fn xml_into(out: &mut String, input: &str) {
    for c in input.chars() {
        match entity(c) {
            Some(e) => out.push_str(e),
            None if xml_allows(c) => out.push(c),
            None => {}
        }
    }
}

/// XML 1.0's `Char` production. Rust's `char` already excludes surrogates.
fn xml_allows(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// JSON safe inside `<script type="application/ld+json">`: `<`, `>` and `&` become
/// `\u` escapes, which JSON parsers read back as the same characters.
pub fn script_json(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// One decoded URL path segment, or `None` when it is malformed or could step out of its
/// folder once decoded: `..`, an encoded separator or backslash, NUL, or a drive letter.
pub fn decode_path_segment(raw: &str) -> Option<String> {
    // percent-encoding passes a stray `%` through as it is; a path holding one is
    // malformed, not a file name.
    let well_formed =
        raw.split('%').skip(1).all(|after| after.get(..2).is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit())));
    if !well_formed {
        return None;
    }
    let seg = percent_decode_str(raw).decode_utf8().ok()?;
    if seg == "." || seg == ".." || seg.contains(['/', '\\', '\0', ':']) {
        return None;
    }
    Some(seg.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(html("</script>&\"'"), "&lt;/script&gt;&amp;&quot;&#39;");
        assert_eq!(html("https://a.io/x/"), "https://a.io/x/");
    }

    #[test]
    fn xml_escapes_markup_and_drops_what_xml_forbids() {
        let mut out = String::from("kept ");
        xml_into(&mut out, "a <b> & \"c\" 'd'");
        assert_eq!(out, "kept a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;");
        let mut out = String::new();
        xml_into(&mut out, "tab\tnl\ncr\r nul\0 bell\u{7} esc\u{1b} \u{FFFE}\u{FFFF}\u{FFFD} 面接 🎯");
        assert_eq!(out, "tab\tnl\ncr\r nul bell esc \u{FFFD} 面接 🎯");
        // Already escaped text is escaped again: the feed carries it literally.
        let mut out = String::new();
        xml_into(&mut out, "&amp;");
        assert_eq!(out, "&amp;amp;");
    }

    #[test]
    fn script_json_cannot_close_the_script_and_round_trips() {
        let v = json!({ "title": "</script><script>alert(1)</script> & more" });
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn segments_decode_only_when_well_formed_and_harmless() {
        assert_eq!(decode_path_segment("a%20b").as_deref(), Some("a b"));
        assert_eq!(decode_path_segment("100%25").as_deref(), Some("100%"), "an encoded % is a plain %");
        assert_eq!(decode_path_segment("%C3%a9t%C3%A9").as_deref(), Some("été"), "hex digits of either case");
        assert_eq!(decode_path_segment("...").as_deref(), Some("..."), "only . and .. are special");
        for bad in ["%", "a%", "%4", "%4g", "%%41", "%e9", "%C3", "%2F", "%2f", "%5C", "%00", "%3A", "%2E%2e", "%2E"] {
            assert_eq!(decode_path_segment(bad), None, "{bad}");
        }
    }
}
