//! One error type for the whole pipeline: a message, and where it happened.

use std::fmt;
use std::path::Path;

/// An error with an optional `file:line:column` location, printed on one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// `file`, `file:line` or `file:line:column`, empty when unknown.
    pub location: String,
    /// What went wrong, without a trailing period.
    pub message: String,
}

/// The pipeline's result type.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An error with no location.
    pub fn msg(message: impl Into<String>) -> Self {
        Error { location: String::new(), message: one_line(message.into()) }
    }

    /// An error about a whole file.
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Error { location: path.display().to_string(), message: one_line(message.into()) }
    }

    /// An error at a line and column (both 1-based) of a file.
    pub fn at(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        Error { location: format!("{}:{line}:{column}", path.display()), message: one_line(message.into()) }
    }

    /// An error at a byte offset of a file's text.
    pub fn at_offset(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, offset);
        Error::at(path, line, column, message)
    }
}

/// Converts a TOML parse error into a located one-line error.
pub fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    match e.span() {
        Some(span) => Error::at_offset(path, text, span.start, e.message()),
        None => Error::file(path, e.message()),
    }
}

/// The 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn one_line(s: String) -> String {
    let joined: Vec<&str> = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    joined.join("; ").trim_end_matches('.').to_string()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.location, self.message)
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 8), (3, 1));
        assert_eq!(line_column(text, 7), (2, 4));
    }

    #[test]
    fn messages_are_one_line() {
        let e = Error::at(Path::new("a.toml"), 3, 7, "bad value\n  expected a colour.\n");
        assert_eq!(e.to_string(), "a.toml:3:7: bad value; expected a colour");
    }
}
