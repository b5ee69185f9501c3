//! Emoji codes. Hugo's `enableEmoji`, Jekyll's jemoji plugin (on GitHub Pages' list),
//! Zola's `render_emoji` and markdown-it-emoji in Eleventy drew `:tada:` in a page's text
//! as 🎉; careerpress's Markdown shows the code as written. The import writes each code
//! GitHub's list (gemoji, which all of them read) knows as its emoji, so that the page
//! reads as it did.

use std::ops::Range;

/// `text` with each emoji code in its prose (a link's text included, as the old
/// generators drew it; not in code, destinations, images, raw HTML or template calls)
/// written as its emoji, and how many were. A code is `:name:`, the name
/// of letters, digits, `_`, `+` and `-`; one GitHub's list does not know stays text.
pub fn emojify(text: &str) -> (String, usize) {
    let calls = super::linkify::template_calls(text);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for run in super::linkify::prose_runs(text, true) {
        let prose = &text[run.clone()];
        let mut from = 0;
        while let Some(open) = prose[from..].find(':').map(|i| from + i) {
            let rest = &prose[open + 1..];
            let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || "_+-".contains(c))).unwrap_or(rest.len());
            // `\\:tada:` showed the code's colon as text, then the emoji all the same.
            let escaped = text[..run.start + open].ends_with('\\');
            let at = run.start + open - usize::from(escaped)..run.start + open + len + 2;
            let emoji = (len > 0 && rest[len..].starts_with(':'))
                .then(|| emojis::get_by_shortcode(&rest[..len]))
                .flatten()
                .filter(|_| !calls.iter().any(|call| call.contains(&at.start)));
            match emoji {
                Some(emoji) => {
                    edits.push((at, emoji.as_str().to_string()));
                    from = open + len + 2;
                }
                // The colon that closed no code may open the next (`a:b:tada:`).
                None => from = open + 1,
            }
        }
    }
    super::relink::applied(text, edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_prose_become_emoji_and_the_rest_stays() {
        let text = "Offer signed \\:tada: :+1:, at 10:30:15 and a:zzq:rocket:.\n\n\
                    `:tada:` in code, [:tada: **:rocket:**](https://x.example/:tada:) linked, ![:tada:](a.png) \
                    :not_an_emoji_code:\n\n\
                    ```\n:tada:\n```\n\n{{< note text=\":tada:\" >}}\n\n<span title=\":tada:\">x</span>\n";
        let (out, count) = emojify(text);
        assert_eq!(
            out,
            "Offer signed 🎉 👍, at 10:30:15 and a:zzq🚀.\n\n\
             `:tada:` in code, [🎉 **🚀**](https://x.example/:tada:) linked, ![:tada:](a.png) \
             :not_an_emoji_code:\n\n\
             ```\n:tada:\n```\n\n{{< note text=\":tada:\" >}}\n\n<span title=\":tada:\">x</span>\n"
        );
        assert_eq!(count, 5);
    }
}
