//! Escaping author text for where it lands: HTML text and attributes, and JSON inside a
//! `<script>` element (JSON-LD, the calculator's rules). Templates, the dev server's error
//! overlay and the job pages all escape through here, so one rule holds everywhere.

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
}
