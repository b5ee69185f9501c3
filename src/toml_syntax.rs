//! toml's syntax errors ("invalid basic string", "expected newline, `#`") said in an
//! author's words, and placed where the mistake is made: toml stops where it gives up, which
//! for a quote or a list left open is the end of the line, the next key or the end of the
//! file. `toml_spans::explain` asks here first, for every TOML file careerpress reads.

/// The plain message for toml's `message` (its lines joined by `: `), failing at byte `at`
/// of `text`, and the byte to report it at; None for a message this does not know.
pub fn said(text: &str, message: &str, at: usize) -> Option<(String, usize)> {
    let at = at.min(text.len());
    // "duplicate key `k` in …" for a key; the same after "invalid table header: " for a
    // table, which toml reports at its header.
    let header = message.strip_prefix("invalid table header: ");
    if let Some(rest) = header.unwrap_or(message).strip_prefix("duplicate key `") {
        let key = rest.split('`').next().unwrap_or_default();
        return Some(if header.is_some() || header_at(text, at) {
            (format!("the table `[{key}]` is written twice: put all of its keys under one `[{key}]`"), at)
        } else {
            (format!("`{key}` is set a second time here: keep one of its values"), at)
        });
    }
    let plain = match message {
        "invalid basic string" => {
            return Some((UNCLOSED_TEXT.into(), open_quote(text, at).unwrap_or(at)));
        }
        "invalid literal string" => {
            return Some((UNCLOSED_LITERAL.into(), open_quote(text, at).unwrap_or(at)));
        }
        "invalid multiline basic string" | "invalid multiline literal string" => {
            let quotes = if message.contains("basic") { "\"\"\"" } else { "'''" };
            let opened = text[..at].rfind(quotes).unwrap_or(at);
            return Some((format!("this text is never closed: end it with {quotes}"), opened));
        }
        "invalid array: expected `]`" => return Some(unclosed(text, at, b'[')),
        "invalid inline table: expected `}`" => return Some(unclosed(text, at, b'{')),
        "expected newline, `#`" => {
            "unexpected text after the value: each `key = value` stands on its own line, and a comment \
             starts with `#` (text goes in quotes, a list in [ ])"
        }
        "expected `.`, `=`" => {
            "expected `=` after the key: write `key = value` (a key with spaces or other signs goes in \
             quotes: \"my key\" = 1)"
        }
        "invalid table header: expected `.`, `]`" | "invalid table header: expected `.`, `]]`" => {
            "this table's name is not closed: write `[name]` (or `[[name]]` for one of a list of tables)"
        }
        "invalid table header: expected newline, `#`" => {
            "unexpected text after the table's name: write `[name]` alone on its line (`[[name]]` for one \
             of a list of tables)"
        }
        "number too large to fit in target type" => {
            "this number is too large: TOML's whole numbers stop at 9223372036854775807"
        }
        "invalid floating-point number" => {
            "not a number TOML can hold: write it as 1.5, 2e3 or -0.25 (a number too large for TOML fails here too)"
        }
        _ if message.starts_with("invalid escape sequence") => {
            let backslash = text[..at].rfind('\\').unwrap_or(at);
            return Some((BAD_ESCAPE.into(), backslash));
        }
        _ => return None,
    };
    Some((plain.to_string(), at))
}

/// What an author is told of a basic string left open at the end of its line.
const UNCLOSED_TEXT: &str = "this text in quotes is not closed on its line: end it with `\"` (text over several \
     lines goes between \"\"\" and \"\"\", and a `\"` inside the text is written `\\\"`)";

/// What an author is told of a backslash that starts no escape TOML has (`"C:\q"`).
const BAD_ESCAPE: &str = "a backslash in double quotes starts an escape, and this is none TOML knows: write `\\\\` \
     for a backslash, or put the text in 'single quotes', which take it as it is";

/// The same for a literal string.
const UNCLOSED_LITERAL: &str = "this text in 'single quotes' is not closed on its line: end it with `'` (text that \
     holds a `'` goes in \"double quotes\")";

/// The byte where the string still open at `at` opened, on `at`'s line.
fn open_quote(text: &str, at: usize) -> Option<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut open: Option<(usize, u8)> = None;
    let bytes = text.as_bytes();
    let mut i = start;
    while i < at {
        let b = bytes[i];
        match open {
            Some((_, b'"')) if b == b'\\' => i += 1,
            Some((_, q)) if b == q => open = None,
            None if b == b'#' => return None,
            None if b == b'"' || b == b'\'' => open = Some((i, b)),
            _ => {}
        }
        i += 1;
    }
    open.map(|(i, _)| i)
}

/// toml's "expected `]`" (or `}`) at `at`, said of the list (or inline table) opened at
/// `open`. Where the next thing is a value, two items lack a comma between them; where it
/// is a new key, a table's name or the end, the list was never closed, and is blamed at
/// its `[`.
fn unclosed(text: &str, at: usize, open: u8) -> (String, usize) {
    let (what, close) = if open == b'[' { ("list", ']') } else { ("table in { }", '}') };
    let next = text[at..].trim_start();
    let a_key = next.lines().next().unwrap_or_default().split_once('=').is_some_and(|(k, _)| {
        let k = k.trim();
        !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\''))
    });
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let ended = next.is_empty() || a_key || header_line(&text[line_start..]);
    match open_bracket(text, at, open) {
        Some(opened) if ended => {
            (format!("this {what} is never closed: end it with `{close}`, with a `,` between its items"), opened)
        }
        _ => (format!("expected `,` between the {what}'s items, or `{close}` to close it"), at),
    }
}

/// Whether a table header (`[name]` or `[[name]]` first on its line) starts at `at`.
fn header_at(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..at].trim().is_empty() && text[at..].starts_with('[')
}

/// Whether the first line of `text` is a table header alone on its line, as a list's item
/// never is: a name in brackets, starting with a letter or a quote (`[jobs]`, `[[menu]]`,
/// `[a."b"]`), then nothing but a comment.
fn header_line(text: &str) -> bool {
    let line = text.lines().next().unwrap_or_default();
    let line = line.split('#').next().unwrap_or_default().trim();
    let name = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]"));
    let Some(name) = name.or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']'))) else {
        return false;
    };
    let name = name.trim();
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '"' || c == '\'')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'' | ' '))
}

/// The byte of the `[` (or `{`) still open at `at`, when the innermost open bracket is
/// that one: strings and comments skipped, table headers told from lists by standing
/// first on their line outside any list.
fn open_bracket(text: &str, at: usize, open: u8) -> Option<usize> {
    let bytes = &text.as_bytes()[..at];
    let mut stack: Vec<(usize, u8)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let skip_to = |from: usize, end: &[u8]| {
            bytes[from..].windows(end.len()).position(|w| w == end).map_or(bytes.len(), |p| from + p + end.len())
        };
        i = match bytes[i] {
            b'#' => skip_to(i, b"\n"),
            _ if rest.starts_with(b"\"\"\"") => skip_to(i + 3, b"\"\"\""),
            _ if rest.starts_with(b"'''") => skip_to(i + 3, b"'''"),
            b'\'' => skip_to(i + 1, b"'"),
            b'"' => basic_end(bytes, i + 1),
            // Inside a list left open, a header is where toml gives up.
            b'[' if header_at(text, i) && (stack.is_empty() || header_line(&text[i..])) => skip_to(i, b"\n"),
            b @ (b'[' | b'{') => {
                stack.push((i, b));
                i + 1
            }
            b']' | b'}' => {
                stack.pop();
                i + 1
            }
            _ => i + 1,
        };
    }
    stack.last().filter(|&&(_, b)| b == open).map(|&(i, _)| i)
}

/// The byte after the `"` closing the basic string whose text starts at `from` (or the
/// line's end, where toml would have stopped).
fn basic_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' | b'\n' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// toml's own error for `text`, as `explain` receives it.
    fn fails(text: &str) -> (String, usize) {
        let e = text.parse::<toml::Table>().unwrap_err();
        let lines: Vec<&str> = e.message().lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        (lines.join(": "), e.span().unwrap().start)
    }

    /// What `said` tells of `text`: the message and the (line, column) it is reported at.
    fn told(text: &str) -> (String, (usize, usize)) {
        let (message, at) = fails(text);
        let (plain, at) = said(text, &message, at).unwrap_or_else(|| panic!("{message:?} not said: {text:?}"));
        (plain, crate::error::line_col(text, at))
    }

    #[test]
    fn quotes_left_open_are_blamed_where_they_open() {
        let (message, at) = told("a = 1\ntitle = \"My site   # the name\nb = 2\n");
        assert!(message.starts_with("this text in quotes is not closed on its line"), "{message}");
        assert_eq!(at, (2, 9));
        let (message, at) = told("x = [\"a\", 'b, \"c\"]\n");
        assert!(message.starts_with("this text in 'single quotes' is not closed"), "{message}");
        assert_eq!(at, (1, 11));
        let (message, at) = told("a = 1\nbio = \"\"\"\nLong\ntext\n");
        assert_eq!((message.as_str(), at), ("this text is never closed: end it with \"\"\"", (2, 7)));
    }

    #[test]
    fn a_list_never_closed_is_blamed_at_its_bracket_and_a_missing_comma_where_it_is_missing() {
        for text in [
            "holidays = [\"2025-12-25\",\n\n[jobs]\nx = 1\n",
            "tags = [\"a\", \"b\"\ntitle = \"t\"\n",
            "tags = [\n  \"a\", # a ] in a comment\n  \"b\",\n",
            "a = \"[x\"\ntags = [[1, 2], [3]\n",
        ] {
            let (message, at) = told(text);
            assert!(message.starts_with("this list is never closed: end it with `]`"), "{text:?}: {message}");
            let bracket = text.find(" = [").unwrap_or(0) + 3;
            let bracket = if text.starts_with("a = \"[") { text.find("tags = [").unwrap() + 7 } else { bracket };
            assert_eq!(at, crate::error::line_col(text, bracket), "{text:?}");
        }
        let text = "tags = [\n  \"a\"\n  \"b\",\n]\n";
        let (message, at) = told(text);
        assert!(message.starts_with("expected `,` between the list's items"), "{message}");
        assert_eq!(at, (3, 3));
        let (message, at) = told("image = { src = \"/a.png\"\nalt = \"x\"\n");
        assert!(message.starts_with("this table in { } is never closed: end it with `}`"), "{message}");
        assert_eq!(at, (1, 9));
    }

    #[test]
    fn other_syntax_errors_say_what_to_write() {
        for (text, start, at) in [
            ("title = \"t\" x\n", "unexpected text after the value", (1, 13)),
            ("my title = \"t\"\n", "expected `=` after the key", (1, 4)),
            ("[jobs\nx = 1\n", "this table's name is not closed", (1, 6)),
            ("[jobs]]\n", "unexpected text after the table's name", (1, 7)),
            ("title = \"a\"\ntitle = \"b\"\n", "`title` is set a second time here", (2, 1)),
            ("[jobs]\nx = 1\n[jobs]\ny = 2\n", "the table `[jobs]` is written twice", (3, 1)),
            ("n = 99999999999999999999\n", "this number is too large", (1, 5)),
            ("n = 1e400\n", "not a number TOML can hold", (1, 5)),
            ("p = \"C:\\q\"\n", "a backslash in double quotes starts an escape", (1, 8)),
        ] {
            let (message, where_) = told(text);
            assert!(message.starts_with(start), "{text:?}: {message}");
            assert_eq!(where_, at, "{text:?}: {message}");
        }
        assert_eq!(said("", "some message toml may add one day", 0), None);
    }
}
