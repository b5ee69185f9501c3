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
}

impl Error {
    pub fn new(kind: ErrorKind, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error { kind, path: path.into(), line: None, column: None, message: message.into() }
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
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
    fn line_col_counts_from_one_in_characters() {
        let text = "ab\ncé\nxyz";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // 'é' is two bytes: the offset after it is column 3.
        assert_eq!(line_col(text, 6), (2, 3));
        assert_eq!(line_col(text, 100), (3, 4));
    }
}
