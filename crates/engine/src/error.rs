//! The one error shape of the engine: a file, optionally a position in it, and a reason.
//! Every failure a user can cause (a bad rules.toml, a broken plugin, an unreadable document)
//! must say which file and why, so they all share this type.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    /// 1-based line and character column, when the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl FileError {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        FileError {
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }

    pub fn at(
        path: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        FileError {
            path: path.into(),
            position: Some(line_col(text, offset)),
            message: message.into(),
        }
    }

    /// A TOML error with the place toml reports, converted from a byte offset to line/column.
    pub fn from_toml(path: &Path, text: &str, err: &toml::de::Error) -> Self {
        let message = err.message().trim().to_string();
        match err.span() {
            Some(span) => FileError::at(path, text, span.start, message),
            None => FileError::new(path, message),
        }
    }

    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        FileError::new(path, format!("cannot read: {err}"))
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for FileError {}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = budgetlint_model::span::floor_char_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_col_counts_characters() {
        assert_eq!(super::line_col("ab\n合计x", 9), (2, 3));
        assert_eq!(super::line_col("", 0), (1, 1));
    }
}
