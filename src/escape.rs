//! Escaping author text for where it lands: HTML text and attributes, and JSON inside a
//! `<script>` element (JSON-LD, the calculator's rules). Templates, the dev server's error
//! overlay and the job pages all escape through here, so one rule holds everywhere. The
//! reverse for URL paths lives here too: the dev server and redirect aliases decode a path
//! segment by one rule, so an alias is written where a request for it looks.

use percent_encoding::percent_decode_str;

/// Escapes the five characters that matter in HTML text and quoted attributes. Tera's
/// default also escapes `/`, which bloats every URL without making anything safer.
pub fn html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
