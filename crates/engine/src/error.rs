//! The one error shape of the engine: a file, optionally a position in it, and a reason.
//! Every failure a user can cause (a bad rules.toml, a broken plugin, an unreadable document)
//! must say which file and why, so they all share this type.

use std::fmt;
use std::path::{Path, PathBuf};

/// A message a person reads, written in both languages where it is made.
///
/// The engine knows nothing of the front end's language: each message is built in English and
/// Chinese at the one place that has its arguments, and the front end (the CLI's `--lang`, the
/// language server's client locale) shows one with [`Message::in_lang`]. An enum of message
/// kinds rendered by the front ends would need the same wording in both the CLI and the server;
/// passing the language in would make a cached linter depend on who asked.
/// [`Display`](fmt::Display) is English, for logs and tests.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Message {
    pub en: String,
    pub zh: String,
}

impl Message {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Message {
        Message {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The message as a [`FileError`] about `path`.
    pub fn at(self, path: &Path) -> FileError {
        FileError::new(path, self.en).zh(self.zh)
    }

    /// The Chinese text (`chinese`) or the English one.
    pub fn in_lang(&self, chinese: bool) -> &str {
        if chinese {
            &self.zh
        } else {
            &self.en
        }
    }
}

impl From<budgetlint_readers::Note> for Message {
    fn from(note: budgetlint_readers::Note) -> Message {
        Message::new(note.en, note.zh)
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

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

    /// `path[:line:col]: reason` in both languages.
    pub fn to_message(&self) -> Message {
        Message::new(self.display_in(false), self.display_in(true))
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

    /// A TOML error with the place toml reports, converted from a byte offset to line/column;
    /// the Chinese reason words toml's common messages ([`toml_zh`]).
    pub fn from_toml(path: &Path, text: &str, err: &toml::de::Error) -> Self {
        let mut message = err.message().trim().to_string();
        let mut zh = toml_zh(&message);
        let Some(span) = err.span() else {
            return FileError::new(path, message).zh(zh);
        };
        if let Some((table, key)) = unquoted_rule_table(text, span.start) {
            message.push_str(&format!(
                "; a rule id contains `/`, so quote it: [{table}.\"{key}\"]"
            ));
            zh.push_str(&format!(
                "；规则 id 含 /，表名须加引号：[{table}.\"{key}\"]"
            ));
        }
        FileError::at(path, text, span.start, message).zh(zh)
    }

    /// A file that could not be written.
    pub fn write(path: &Path, err: &std::io::Error) -> Self {
        FileError::new(path, format!("cannot write: {err}")).zh(format!("无法写入：{}", io_zh(err)))
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

/// An I/O error in Chinese: the common kinds as a sentence, others with the system's text in
/// brackets. One wording for readers, engine and front ends, so it lives with the readers.
pub use budgetlint_readers::reasons::io_zh;

/// The likeliest mistake in a rules.toml: a rule's table written `[rules.doc-number/bracket-style]`.
/// TOML's own message ("invalid table header") does not say that a `/` needs quotes; this gives
/// the table and the key to quote, when the error's line is such a header.
fn unquoted_rule_table(text: &str, offset: usize) -> Option<(String, String)> {
    let offset = budgetlint_model::span::floor_char_boundary(text, offset);
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start..end].trim();
    let header = line.strip_prefix('[')?.split(']').next()?.trim();
    if !header.contains('/') || header.contains('"') {
        return None;
    }
    let (table, key) = header.split_once('.')?;
    Some((table.to_string(), key.to_string()))
}

/// toml's message in Chinese: the kinds a person writing rules.toml meets (an unknown key or
/// value, a wrong type, a missing or duplicate key) in words, the names kept as toml gives
/// them; any other message (a syntax slip) is kept after a Chinese lead-in. The messages of our
/// own deserializers (a profile) come through here too.
pub fn toml_zh(message: &str) -> String {
    let first = message.lines().next().unwrap_or("").trim();
    let rest = |prefix: &str| first.strip_prefix(prefix).map(str::trim);
    if let Some(sentence) = serde_data_zh(first) {
        sentence
    } else if let Some(r) = rest("duplicate key") {
        if r.is_empty() {
            "同一个键或表写了两次".to_string()
        } else {
            format!("键 {r} 写了两次")
        }
    } else if let Some(r) = rest("unknown profile") {
        let value = r.split(':').next().unwrap_or(r).trim();
        format!(
            "不认识的 profile 值 {value}：可用 \"auto\"、\"national\" 或省级行政区的名称（\"hebei\"、\"河北\"、\"河北省\"、\"130000\"）"
        )
    } else if let Some(sentence) = toml_syntax_zh(first) {
        format!("TOML 格式错误：{sentence}")
    } else {
        format!("TOML 格式错误（{}）", message.trim())
    }
}

/// serde's messages about data of the wrong shape (the same in TOML and JSON): an unknown key
/// or value, a wrong type, a missing field; `None` for any other message.
fn serde_data_zh(first: &str) -> Option<String> {
    let rest = |prefix: &str| first.strip_prefix(prefix).map(str::trim);
    Some(if let Some(r) = rest("unknown field") {
        format!("不认识的键 {}", expected_zh(r))
    } else if let Some(r) = rest("unknown variant") {
        format!("不认识的值 {}", expected_zh(r))
    } else if let Some(r) = rest("invalid type:") {
        match r.split_once(", expected ") {
            Some((got, want)) => format!("类型不对：应为 {want}，实为 {got}"),
            None => format!("类型不对：{r}"),
        }
    } else if let Some(r) = rest("missing field") {
        format!("缺少键 {r}")
    } else {
        return None;
    })
}

/// serde_json's error in Chinese: a file cut short, a syntax error or data of the wrong shape,
/// without the ` at line L column C` that the error's own position (or the file's) says.
pub fn json_zh(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let text = err.to_string();
    let detail = text.split(" at line ").next().unwrap_or(&text).trim();
    match err.classify() {
        Category::Eof => "JSON 意外结束（文件不完整）".to_string(),
        Category::Syntax => format!("JSON 语法错误（{detail}）"),
        Category::Data => {
            serde_data_zh(detail).unwrap_or_else(|| format!("内容不符合格式（{detail}）"))
        }
        Category::Io => format!("读取时出错（{detail}）"),
    }
}

/// The syntax slips of someone editing a rules.toml or a pack by hand, as toml_parser describes
/// them (`<description>, expected <tokens>`), in Chinese; `None` for the rarer ones, which keep
/// toml's text.
fn toml_syntax_zh(first: &str) -> Option<&'static str> {
    let description = first.split(", expected").next().unwrap_or(first).trim();
    Some(match description {
        "string values must be quoted" => "字符串值须加引号（如 severity = \"off\"）",
        "invalid basic string" => "双引号字符串没有结束的 \"",
        "invalid literal string" => "单引号字符串没有结束的 '",
        "invalid multi-line basic string" | "invalid multi-line literal string" => {
            "多行字符串没有结束的三引号"
        }
        "missing escaped value" | "too few unicode value digits" => {
            "双引号字符串中的 \\ 后面不是有效的转义字符（Windows 路径请写成 \\\\，或改用单引号：'C:\\目录'）"
        }
        "key with no value" => "键后面缺少 = 和值",
        "missing value" | "missing value for key" => "= 后面缺少值",
        "missing assignment between key-value pairs" => "键和值之间缺少 =",
        "unclosed table" => "表头缺少结束的 ]",
        "unclosed array table" => "数组表头缺少结束的 ]]",
        "invalid table header" => "表头无效",
        "unclosed array" => "数组缺少结束的 ]",
        "unclosed inline table" => "内联表缺少结束的 }",
        "missing comma between array elements" => "数组的元素之间缺少逗号",
        "missing comma between key-value pairs" => "内联表的键值对之间缺少逗号",
        "unexpected key or value" | "unexpected content" => {
            "一行只能写一个键值对（或一个表头），这里多出了内容"
        }
        "unquoted keys cannot be empty" => "缺少键名",
        "invalid unquoted key" => "键名无效：含字母、数字、- 和 _ 以外的字符时须加引号",
        "unexpected leading zero" => "数字不能以 0 开头",
        "invalid value" => "值无效（字符串须加引号，开关写 true 或 false）",
        _ => return None,
    })
}

/// Why a rule pack's `pattern` is not a regular expression, in Chinese: the mistakes of writing
/// one (an unclosed bracket, a quantifier with nothing before it, look-around, which the regex
/// crate does not support) as a sentence with the character where it is, the rest with the
/// regex crate's own words in brackets. The regex crate's error carries only English text, so
/// the pattern is parsed again with its parser (`regex_syntax`) for the kind of the error.
pub fn regex_zh(pattern: &str, err: &regex::Error) -> String {
    use regex_syntax::ast::ErrorKind as K;
    if let regex::Error::CompiledTooBig(_) = err {
        return "正则表达式太大，无法编译".to_string();
    }
    let Err(ast) = regex_syntax::ast::parse::Parser::new().parse(pattern) else {
        return format!("正则表达式无效（{}）", regex_detail(err));
    };
    let what = match ast.kind() {
        K::GroupUnclosed => "括号 ( 没有闭合",
        K::GroupUnopened => "多出了 )，前面没有对应的 (",
        K::ClassUnclosed => "字符类 [ 没有闭合",
        K::ClassRangeInvalid => "字符范围无效：起点在终点之后",
        K::RepetitionMissing => "量词（* + ? {n}）前面缺少要重复的内容",
        K::RepetitionCountUnclosed => "重复次数的 { 没有闭合",
        K::RepetitionCountInvalid => "重复次数无效：最小值大于最大值",
        K::EscapeUnrecognized => "无法识别的转义（\\ 后面的字符）",
        K::EscapeUnexpectedEof => "末尾的 \\ 后面缺少字符",
        K::UnsupportedLookAround => "不支持环视（(?=…)、(?!…)、(?<=…)、(?<!…)）",
        K::UnsupportedBackreference => "不支持反向引用（\\1 等）",
        _ => return format!("正则表达式无效（{}）", regex_detail(err)),
    };
    let at = ast.span().start;
    if at.line == 1 {
        format!("正则表达式无效：第 {} 个字符处{what}", at.column)
    } else {
        format!("正则表达式无效：{what}")
    }
}

/// The last line of the regex crate's message (`error: unclosed group`), without the pattern
/// and caret it prints above it.
fn regex_detail(err: &regex::Error) -> String {
    let text = err.to_string();
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    last.trim().trim_start_matches("error: ").to_string()
}

/// `` `x`, expected one of `a`, `b` `` → `` `x`（可用：`a`, `b`） ``.
fn expected_zh(rest: &str) -> String {
    match rest.split_once(", expected ") {
        Some((name, expected)) => {
            let expected = expected.trim_start_matches("one of ").trim();
            format!("{name}（可用：{expected}）")
        }
        None => rest.to_string(),
    }
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
                .ends_with("quote it: [rules.\"doc-number/bracket-style\"]"),
            "{e}"
        );
        assert!(
            e.message_in(true)
                .ends_with("；规则 id 含 /，表名须加引号：[rules.\"doc-number/bracket-style\"]"),
            "{e:?}"
        );
        // A quoted header, or another error, gets no such hint.
        let text = "[rules.\"a/b\"]\nseverity = \n";
        let err = toml::from_str::<toml::Value>(text).unwrap_err();
        let e = super::FileError::from_toml(std::path::Path::new("rules.toml"), text, &err);
        assert!(!e.message.contains("quote it"), "{e}");
    }

    #[test]
    fn bad_patterns_are_worded_in_chinese() {
        let zh = |p: &str| super::regex_zh(p, &regex::Regex::new(p).unwrap_err());
        assert_eq!(
            zh("(缺少括号"),
            "正则表达式无效：第 1 个字符处括号 ( 没有闭合"
        );
        assert_eq!(
            zh("ab)"),
            "正则表达式无效：第 3 个字符处多出了 )，前面没有对应的 ("
        );
        assert_eq!(
            zh("*万元"),
            "正则表达式无效：第 1 个字符处量词（* + ? {n}）前面缺少要重复的内容"
        );
        assert_eq!(
            zh("(?<=合计)万元"),
            "正则表达式无效：第 1 个字符处不支持环视（(?=…)、(?!…)、(?<=…)、(?<!…)）"
        );
        // An error only the translation to Unicode classes finds keeps the crate's words.
        assert_eq!(
            zh(r"\p{Klingon}"),
            "正则表达式无效（Unicode property not found）"
        );
    }

    #[test]
    fn json_errors_are_worded_in_chinese() {
        let zh = |text: &str| {
            super::json_zh(&serde_json::from_str::<serde_json::Value>(text).unwrap_err())
        };
        assert_eq!(zh("{\"version\": 1,"), "JSON 意外结束（文件不完整）");
        assert_eq!(zh("{\"version\" 1}"), "JSON 语法错误（expected `:`）");
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct File {
            version: u32,
        }
        let err = serde_json::from_str::<File>("{}").unwrap_err();
        assert_eq!(super::json_zh(&err), "缺少键 `version`");
    }

    #[test]
    fn toml_messages_are_worded_in_chinese() {
        use super::toml_zh;
        assert_eq!(
            toml_zh("unknown field `enabel`, expected one of `enable`, `disable`"),
            "不认识的键 `enabel`（可用：`enable`, `disable`）"
        );
        assert_eq!(
            toml_zh("unknown variant `fatal`, expected one of `error`, `warning`, `info`, `off`"),
            "不认识的值 `fatal`（可用：`error`, `warning`, `info`, `off`）"
        );
        assert_eq!(
            toml_zh("invalid type: integer `3`, expected a string"),
            "类型不对：应为 a string，实为 integer `3`"
        );
        assert_eq!(
            toml_zh("invalid table header\nexpected `.`, `]`"),
            "TOML 格式错误：表头无效"
        );
        assert_eq!(
            toml_zh("string values must be quoted, expected literal string"),
            "TOML 格式错误：字符串值须加引号（如 severity = \"off\"）"
        );
        assert!(toml_zh("missing escaped value, expected `b`, `e`").contains("Windows 路径"));
        assert_eq!(toml_zh("duplicate key"), "同一个键或表写了两次");
        // A rarer slip keeps toml's words, in brackets after a Chinese lead-in.
        assert_eq!(
            toml_zh("redundant numeric sign, expected digits"),
            "TOML 格式错误（redundant numeric sign, expected digits）"
        );
        assert!(toml_zh("unknown profile `atlantis`: expected ...")
            .starts_with("不认识的 profile 值 `atlantis`："));
    }
}
