//! Smart punctuation for author text that is not Markdown (page and section titles,
//! descriptions, job listing titles and descriptions), so that a title reads "Don’t" where
//! its body does. pulldown-cmark's own rules do the work, on the text escaped to be one
//! line of plain inline text: a second copy of the rules would drift from the body's.

use pulldown_cmark::{Event, Options, Parser};

/// Guards the text's first character from block syntax (`- a` is a list, `---` a rule,
/// `1. a` a list): after a letter and a space, the text is inside a paragraph. A space
/// before a quote opens it exactly as the start of a line does, so the rules see no change.
const GUARD: &str = "x ";

/// `text` with straight quotes curled, `--` and `---` as en and em dashes and `...` as an
/// ellipsis, as `ENABLE_SMART_PUNCTUATION` turns them in the body. Nothing else changes:
/// Markdown syntax (`*a*`, `<b>`, `&amp;`, `\`) stays as written, since this is plain text
/// that templates escape afterwards. Line breaks become spaces, as HTML reads them.
pub fn smart(text: &str) -> String {
    if !(text.contains(['\'', '"']) || text.contains("--") || text.contains("...")) {
        return text.to_string();
    }
    let inner = text.trim();
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    let mut source = String::with_capacity(GUARD.len() + inner.len() * 2);
    source.push_str(GUARD);
    for c in inner.chars() {
        match c {
            '\n' | '\r' => source.push(' '),
            '\'' | '"' | '-' | '.' => source.push(c),
            c if c.is_ascii_punctuation() => {
                source.push('\\');
                source.push(c);
            }
            c => source.push(c),
        }
    }
    let mut out = String::with_capacity(text.len() + 8);
    for event in Parser::new_ext(&source, Options::ENABLE_SMART_PUNCTUATION) {
        if let Event::Text(t) = event {
            out.push_str(&t);
        }
    }
    let out = out.strip_prefix(GUARD).unwrap_or(&out);
    format!("{lead}{out}{trail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_turns_as_in_the_body() {
        assert_eq!(smart("Don't wait"), "Don’t wait");
        assert_eq!(smart("\"Quoted\" and 'single'"), "“Quoted” and ‘single’");
        assert_eq!(smart("Pay -- and perks --- matter..."), "Pay – and perks — matter…");
        assert_eq!(smart("'90s rules"), "’90s rules");
        assert_eq!(smart("Plain title"), "Plain title");
    }

    #[test]
    fn markdown_syntax_stays_text() {
        for text in ["*not em* `code` <b>x</b> [a](b) &amp; \\ ~~s~~ | x", "# Not a heading", "- not a list", "1. Step"]
        {
            assert_eq!(smart(&format!("{text} isn't")), format!("{text} isn’t"));
        }
        assert_eq!(smart("--- starts with a rule"), "— starts with a rule");
        assert_eq!(smart("a \\ b's"), "a \\ b’s");
    }

    #[test]
    fn whitespace_around_is_kept_and_line_breaks_become_spaces() {
        assert_eq!(smart("  Don't  \n"), "  Don’t  \n");
        assert_eq!(smart("It's\nover -- now"), "It’s over – now");
    }

    /// The point of the function: the same text as a paragraph of the body reads the same.
    #[test]
    fn matches_the_body_on_plain_text() {
        let body_options = Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES;
        for text in [
            "Don't \"over-think\" it -- or do...",
            "The 'right' answer isn't 'always' obvious",
            "She said \"it's 'fine'\" --- twice",
            "Rock 'n' roll (\"quoted\") and 'ok'.",
            "a----b a-----b ....",
        ] {
            let body: String = Parser::new_ext(text, body_options)
                .filter_map(|e| if let Event::Text(t) = e { Some(t.to_string()) } else { None })
                .collect();
            assert_eq!(smart(text), body, "{text}");
        }
    }
}
