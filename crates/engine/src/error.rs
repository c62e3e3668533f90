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
    /// The reason in Chinese, for the reasons a reviewer meets (reading a file, a reader's
    /// refusal); `None`: front ends show `message`. [`Display`](fmt::Display) is English.
    pub message_zh: Option<String>,
}

impl FileError {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        FileError {
            path: path.into(),
            position: None,
            message: message.into(),
            message_zh: None,
        }
    }

    /// The same reason in Chinese.
    pub fn zh(mut self, message: impl Into<String>) -> Self {
        self.message_zh = Some(message.into());
        self
    }

    /// The reason in Chinese (`chinese`, when there is one) or English.
    pub fn message_in(&self, chinese: bool) -> &str {
        match (&self.message_zh, chinese) {
            (Some(zh), true) => zh,
            _ => &self.message,
        }
    }

    /// `path[:line:col]: reason`, the reason as [`FileError::message_in`] gives it.
    pub fn display_in(&self, chinese: bool) -> String {
        let message = self.message_in(chinese);
        match self.position {
            Some((line, col)) => format!("{}:{line}:{col}: {message}", self.path.display()),
            None => format!("{}: {message}", self.path.display()),
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
            message_zh: None,
        }
    }

    /// A TOML error with the place toml reports, converted from a byte offset to line/column.
    pub fn from_toml(path: &Path, text: &str, err: &toml::de::Error) -> Self {
        let mut message = err.message().trim().to_string();
        match err.span() {
            Some(span) => {
                if let Some(hint) = unquoted_rule_table(text, span.start) {
                    message.push_str(&hint);
                }
                FileError::at(path, text, span.start, message)
            }
            None => FileError::new(path, message),
        }
    }

    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        FileError::new(path, format!("cannot read: {err}")).zh(format!("无法读取：{}", io_zh(err)))
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

/// An I/O error in Chinese: the common kinds in words, others with the system's own text.
pub fn io_zh(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "文件或目录不存在".into(),
        ErrorKind::PermissionDenied => "没有权限".into(),
        ErrorKind::IsADirectory => "这是一个目录".into(),
        ErrorKind::InvalidData => format!("数据无效（{err}）"),
        _ => format!("{err}"),
    }
}

/// The likeliest mistake in a rules.toml: a rule's table written `[rules.doc-number/bracket-style]`.
/// TOML's own message ("invalid table header") does not say that a `/` needs quotes; this says
/// how to write it, when the error's line is such a header.
fn unquoted_rule_table(text: &str, offset: usize) -> Option<String> {
    let offset = budgetlint_model::span::floor_char_boundary(text, offset);
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start..end].trim();
    let header = line.strip_prefix('[')?.split(']').next()?.trim();
    if !header.contains('/') || header.contains('"') {
        return None;
    }
    let (table, key) = header.split_once('.')?;
    Some(format!(
        "; a rule id contains `/`, so quote it: [{table}.\"{key}\"] \
         (规则 id 含 /，表名须加引号：[{table}.\"{key}\"])"
    ))
}

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

    #[test]
    fn an_unquoted_rule_table_says_how_to_quote_it() {
        let text = "[plugins]\n\n[rules.doc-number/bracket-style]\nseverity = \"off\"\n";
        let err = toml::from_str::<toml::Value>(text).unwrap_err();
        let e = super::FileError::from_toml(std::path::Path::new("rules.toml"), text, &err);
        assert_eq!(e.position.map(|p| p.0), Some(3), "{e}");
        assert!(
            e.message
                .ends_with("quote it: [rules.\"doc-number/bracket-style\"] (规则 id 含 /，表名须加引号：[rules.\"doc-number/bracket-style\"])"),
            "{e}"
        );
        // A quoted header, or another error, gets no such hint.
        let text = "[rules.\"a/b\"]\nseverity = \n";
        let err = toml::from_str::<toml::Value>(text).unwrap_err();
        let e = super::FileError::from_toml(std::path::Path::new("rules.toml"), text, &err);
        assert!(!e.message.contains("quote it"), "{e}");
    }
}
