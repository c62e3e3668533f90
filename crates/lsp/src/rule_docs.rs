//! A rule's documentation: as Markdown for hovers and `budgetlint.explainRule`, and as a link
//! for a diagnostic's `codeDescription`.
//!
//! LSP wants an absolute URI there. With a `ruleDocsUrl` template the link points at published
//! pages; without one the server writes each rule's page (from the loaded plugin's metadata, so
//! it always matches the running rule) to a Markdown file in the user's cache folder (never a
//! predictable folder under the shared temporary directory) and links it with `file://`,
//! which every editor can open.

use crate::settings::Settings;
use budgetlint_engine::{Linter, RuleEntry};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use tower_lsp_server::ls_types::Uri;

pub struct RuleDocs {
    dir: PathBuf,
    /// (Rule id, English) → the URI of the page written for it this session (`None`: could
    /// not write).
    written: Mutex<HashMap<(String, bool), Option<Uri>>>,
}

impl RuleDocs {
    pub fn new(dir: PathBuf) -> RuleDocs {
        RuleDocs {
            dir,
            written: Mutex::new(HashMap::new()),
        }
    }

    /// The default directory: the user's cache folder (`$XDG_CACHE_HOME/budgetlint/rule-docs`,
    /// else `~/.cache/budgetlint/rule-docs`), which no other user can write. Without a home, a
    /// fresh folder with a random name that only this user can open: a fixed name under the
    /// shared temporary directory could be made beforehand by someone else (a symlink, or a
    /// folder of pages they wrote) and the editor would open their files as the rule's docs.
    pub fn default_dir() -> PathBuf {
        let cache = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
            .filter(|p| p.is_absolute());
        if let Some(cache) = cache {
            return cache.join("budgetlint").join("rule-docs");
        }
        tempfile::Builder::new()
            .prefix("budgetlint-rule-docs-")
            .tempdir()
            .map(|d| d.keep())
            .unwrap_or_else(|_| std::env::temp_dir().join("budgetlint-rule-docs-unwritable"))
    }

    /// The documentation link of `rule`, or `None` for a rule no loaded plugin declares.
    pub fn url(&self, settings: &Settings, rule: &str, linter: &Linter) -> Option<Uri> {
        if let Some(url) = settings.rule_url(rule) {
            return url.parse().ok();
        }
        let key = (rule.to_string(), settings.english);
        let mut written = crate::lock(&self.written);
        if let Some(uri) = written.get(&key) {
            return uri.clone();
        }
        let entry = entry(linter, rule)?;
        let uri = self.write(entry, settings.english);
        written.insert(key, uri.clone());
        uri
    }

    /// Writes the page in the reader's language: `<id>.md` in Chinese, `<id>.en.md` in English.
    fn write(&self, entry: &RuleEntry, english: bool) -> Option<Uri> {
        let file = self.dir.join(format!(
            "{}{}.md",
            entry.info.id.replace(['/', '\\', ':'], "__"),
            if english { ".en" } else { "" }
        ));
        let text = markdown(entry, english);
        if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            std::fs::create_dir_all(&self.dir).ok()?;
            let tmp = file.with_extension(format!("md.{}", std::process::id()));
            std::fs::write(&tmp, &text).ok()?;
            std::fs::rename(&tmp, &file).ok()?;
        }
        Uri::from_file_path(&file)
    }
}

/// The loaded rule `rule`, if any.
pub fn entry<'a>(linter: &'a Linter, rule: &str) -> Option<&'a RuleEntry> {
    linter.rules().iter().find(|r| r.info.id == rule)
}

/// A rule's page: id, summary, plugin and default severity, then its documentation, in Chinese
/// unless `english` (the English page for a rule that has no Chinese one). (The severity in
/// effect depends on the rules.toml of each document, so hovers show it instead.)
pub fn markdown(entry: &RuleEntry, english: bool) -> String {
    let info = &entry.info;
    let (plugin, default) = if english {
        ("plugin", "default severity")
    } else {
        ("插件", "默认级别")
    };
    format!(
        "# {}\n\n{}\n\n*{plugin}* `{}` · *{default}* {}\n\n{}\n",
        info.id,
        summary(info, english),
        entry.plugin,
        severity_word(info.default_severity, english),
        dedent(info.docs_in(!english))
    )
}

/// The rule's summary in the reader's language (the English one when it has no Chinese one).
pub fn summary(info: &budgetlint_protocol::RuleInfo, english: bool) -> &str {
    match (&info.summary_zh, english) {
        (Some(zh), false) => zh,
        _ => &info.summary,
    }
}

/// The word for a severity in the reader's language, as the CLI words it (错误/警告/提示).
pub fn severity_word(severity: budgetlint_protocol::Severity, english: bool) -> &'static str {
    use budgetlint_protocol::Severity;
    match (english, severity) {
        (true, s) => s.as_str(),
        (false, Severity::Error) => "错误",
        (false, Severity::Warning) => "警告",
        (false, Severity::Info) => "提示",
    }
}

/// Documentation from `///` comments keeps the space after the slashes on every line; remove
/// the indentation all non-blank lines share, so Markdown headings and lists render.
pub fn dedent(docs: &str) -> String {
    let indent = docs
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = docs
        .lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect();
    lines.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_pages_are_not_written_to_a_predictable_folder_under_the_temporary_directory() {
        let dir = RuleDocs::default_dir();
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let shared_tmp = std::env::temp_dir();
        let xdg_in_tmp = std::env::var_os("XDG_CACHE_HOME")
            .is_some_and(|x| PathBuf::from(x).starts_with(&shared_tmp));
        match home.filter(|h| h.is_absolute() && !h.starts_with(&shared_tmp) && !xdg_in_tmp) {
            Some(_) => assert!(!dir.starts_with(&shared_tmp), "{}", dir.display()),
            None => eprintln!("skipped: HOME is unset or under the temporary directory"),
        }
    }
}
