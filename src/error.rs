//! Typed errors for problems in the user's files, so that callers and tests can tell cases
//! apart and every message names the file, plus line and column where they are known.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, coarse enough for tests and the dev server to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// site.toml cannot be read or does not describe a valid site.
    Config,
    /// A content file's front matter is malformed or misses a required value.
    FrontMatter,
    /// A file under `data/` does not parse, or clashes with another.
    Data,
    /// A content, data or template file is not valid UTF-8, or holds a control character.
    Encoding,
    /// Two content files would be written to the same URL.
    DuplicateUrl,
    /// A page bundle's folder holds Markdown besides its `index.md`.
    Bundle,
    /// A Markdown body has a link to no content file, or a shortcode that cannot render.
    Markdown,
    /// A template does not parse, or fails while rendering.
    Template,
    /// Writing the output folder would put the site's sources or other files at risk.
    Output,
    /// Reading or writing a file failed.
    Io,
}

/// One problem located in one file.
#[derive(Debug, Clone)]
pub struct Error {
    kind: ErrorKind,
    path: PathBuf,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    /// Set for an error met while drawing pages: a template's error is often caused by
    /// one page's data, and the template's position alone does not say which page.
    drawn: Option<Box<Drawn>>,
}

/// The pages an error was met on, and its message before they were named in it: what
/// `merge_drawn` needs to say one template fault met on many pages once.
#[derive(Debug, Clone)]
struct Drawn {
    said: String,
    pages: Vec<String>,
}

impl Error {
    pub fn new(kind: ErrorKind, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error { kind, path: path.into(), line: None, column: None, message: message.into(), drawn: None }
    }

    /// The error as met while drawing `page` (as messages name a page, see `printable`):
    /// its message names the page after its lead, "template error while drawing
    /// content/posts/a.md: …".
    pub fn while_drawing(mut self, page: String) -> Self {
        let said = match self.drawn.take() {
            Some(drawn) => drawn.said,
            None => std::mem::take(&mut self.message),
        };
        self.drawn = Some(Box::new(Drawn { said, pages: vec![page] }));
        self.said_with_pages()
    }

    /// `errors` with those that differ only in the pages they were met on made one naming
    /// all of them: a fault in a template every page extends is said once, not once a page.
    pub fn merge_drawn(errors: Vec<Error>) -> Vec<Error> {
        let mut merged: Vec<Error> = Vec::with_capacity(errors.len());
        let mut at: std::collections::HashMap<_, usize> = std::collections::HashMap::new();
        for e in errors {
            let Some(drawn) = &e.drawn else {
                merged.push(e);
                continue;
            };
            let key = (e.kind as u8, e.path.clone(), e.line, e.column, drawn.said.clone());
            match at.get(&key) {
                Some(&i) => {
                    if let (Some(kept), Some(drawn)) = (merged[i].drawn.as_mut(), e.drawn) {
                        kept.pages.extend(drawn.pages);
                    }
                }
                None => {
                    at.insert(key, merged.len());
                    merged.push(e);
                }
            }
        }
        merged.into_iter().map(Error::said_with_pages).collect()
    }

    /// The message made again from `drawn`: "lead while drawing pages: rest".
    fn said_with_pages(mut self) -> Self {
        let Some(drawn) = self.drawn.as_mut() else { return self };
        // The author's own files first, then pages named by their URL (`/tags/x/`).
        drawn.pages.sort_unstable_by(|a, b| (a.starts_with('/'), a).cmp(&(b.starts_with('/'), b)));
        drawn.pages.dedup();
        let pages = named_pages(&drawn.pages);
        self.message = match drawn.said.split_once(": ") {
            Some((lead, rest)) => format!("{lead} while drawing {pages}: {rest}"),
            None => format!("{} while drawing {pages}", drawn.said),
        };
        self
    }

    /// Attaches a 1-based position; a zero line means "unknown" and is ignored.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        if line > 0 {
            self.line = Some(line);
            self.column = (column > 0).then_some(column);
        }
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    pub fn path(&self) -> &Path {
        &self.path
    }
    pub fn line(&self) -> Option<usize> {
        self.line
    }
    pub fn column(&self) -> Option<usize> {
        self.column
    }
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// A path as a person reads it in a message: as it is, but with every control character
/// (`char::is_control`: C0, tab and line breaks included, DEL and C1) written as an escape,
/// `\u{1b}`. A file name is anybody's text (a contributed file, an unpacked archive): raw,
/// an escape sequence in it would retitle or clear the terminal, and a line break would
/// start a forged error line. Other Unicode is left as it is. (`check --format json`
/// needs none of this: JSON escapes control characters itself.)
pub fn printable<P: AsRef<Path> + ?Sized>(path: &P) -> Printable<'_> {
    Printable { text: path.as_ref().to_string_lossy(), tabs: false }
}

/// A line of an author's file quoted under a message (`check`'s rustc-style excerpt):
/// escaped as `printable` escapes paths, but with its tabs kept, which line the caret up.
pub fn printable_line(text: &str) -> Printable<'_> {
    Printable { text: std::borrow::Cow::Borrowed(text), tabs: true }
}

/// See [`printable`].
pub struct Printable<'a> {
    text: std::borrow::Cow<'a, str>,
    tabs: bool,
}

impl Printable<'_> {
    fn escaped(&self, c: char) -> bool {
        c.is_control() && !(self.tabs && c == '\t')
    }

    /// How many columns `c` takes once written: what a caret under the text must pass.
    pub fn width_of(&self, c: char) -> usize {
        if self.escaped(c) {
            c.escape_unicode().len()
        } else {
            1
        }
    }
}

impl fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text: &str = &self.text;
        if !text.chars().any(|c| self.escaped(c)) {
            return f.write_str(text);
        }
        for c in text.chars() {
            if self.escaped(c) {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", printable(&self.path))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for Error {}

/// How many pages an error names before it counts the rest.
const PAGES_NAMED: usize = 3;

/// "a", "a and b", "a, b and c", "a, b, c and 4 other pages".
fn named_pages(pages: &[String]) -> String {
    match pages {
        [] => String::new(),
        [one] => one.clone(),
        _ if pages.len() <= PAGES_NAMED => {
            let last = pages.len() - 1;
            format!("{} and {}", pages[..last].join(", "), pages[last])
        }
        _ => {
            let rest = pages.len() - PAGES_NAMED;
            let other = if rest == 1 { "other page" } else { "other pages" };
            format!("{} and {rest} {other}", pages[..PAGES_NAMED].join(", "))
        }
    }
}

/// Every problem found in one pass, so an author can fix them all before building again.
#[derive(Debug, Clone)]
pub struct Errors(pub Vec<Error>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} error{} found", if n == 1 { "" } else { "s" })?;
        for e in &self.0 {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// A step that finds one problem (`?` on a single `Error`) inside one that may find several.
impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Errors(vec![error])
    }
}

/// Converts a byte offset into a 1-based (line, column), the column counted in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_includes_position_when_known() {
        let e = Error::new(ErrorKind::FrontMatter, "content/a.md", "bad").at(3, 7);
        assert_eq!(e.to_string(), "content/a.md:3:7: bad");
        let e = Error::new(ErrorKind::Io, "x", "gone");
        assert_eq!(e.to_string(), "x: gone");
    }

    #[test]
    fn a_path_shows_its_control_characters_escaped() {
        let name = "content/posts/\u{1b}]0;pwned\u{7}\u{1b}[2J\nfake\t\r\u{7f}\u{85}\u{9f}.md";
        let e = Error::new(ErrorKind::FrontMatter, name, "bad").at(4, 1);
        assert_eq!(
            e.to_string(),
            "content/posts/\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{a}fake\\u{9}\\u{d}\\u{7f}\\u{85}\\u{9f}.md:4:1: bad"
        );
        assert!(!e.to_string().chars().any(char::is_control));
        // Other names, right-to-left, accented or spaced, are shown as they are.
        for plain in ["content/مقابلة/e\u{301}te\u{301} 面接 \u{a0}\u{200b}.md", "a\\u{1b}.md"] {
            assert_eq!(printable(plain).to_string(), plain);
        }
        // A quoted line keeps its tabs, and says how wide each escape is for the caret.
        let line = printable_line("\tx\u{1b}y");
        assert_eq!(line.to_string(), "\tx\\u{1b}y");
        assert_eq!([line.width_of('\t'), line.width_of('x'), line.width_of('\u{1b}')], [1, 1, 6]);
    }

    #[test]
    fn an_error_met_drawing_pages_names_them_after_its_lead() {
        let fault = |page: &str| {
            Error::new(ErrorKind::Template, "t.html", "template error: x: y").at(2, 3).while_drawing(page.into())
        };
        assert_eq!(fault("content/a.md").to_string(), "t.html:2:3: template error while drawing content/a.md: x: y");
        let merged = |pages: &[&str]| {
            let mut errors: Vec<Error> = pages.iter().map(|p| fault(p)).collect();
            // Another fault, and another place, stay apart.
            errors.push(
                Error::new(ErrorKind::Template, "t.html", "template error: z").at(2, 3).while_drawing("/a/".into()),
            );
            errors.push(fault("content/b.md").at(9, 1));
            let merged = Error::merge_drawn(errors);
            assert_eq!(merged.len(), 3);
            merged[0].message().to_string()
        };
        assert_eq!(
            merged(&["/tags/x/", "content/b.md"]),
            "template error while drawing content/b.md and /tags/x/: x: y"
        );
        assert_eq!(merged(&["c", "a", "b", "a"]), "template error while drawing a, b and c: x: y");
        assert_eq!(merged(&["e", "d", "c", "b", "a"]), "template error while drawing a, b, c and 2 other pages: x: y");
        assert_eq!(merged(&["d", "c", "b", "a"]), "template error while drawing a, b, c and 1 other page: x: y");
        // Errors met on no page pass through as they are.
        let plain = Error::new(ErrorKind::Io, "x", "gone");
        assert_eq!(Error::merge_drawn(vec![plain.clone(), plain])[1].to_string(), "x: gone");
    }

    #[test]
    fn line_col_counts_from_one_in_characters() {
        let text = "ab\ncé\nxyz";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // 'é' is two bytes: the offset after it is column 3.
        assert_eq!(line_col(text, 6), (2, 3));
        assert_eq!(line_col(text, 100), (3, 4));
    }
}
