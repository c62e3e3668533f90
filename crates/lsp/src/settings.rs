//! What the client can set: initialization options, later updated by
//! `workspace/didChangeConfiguration`. Unknown keys and values of the wrong type are ignored
//! (and logged, in the user's language), never fatal: a typo in an editor config must not stop
//! the server.

use budgetlint_engine::Message;
use budgetlint_protocol::Severity;
use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;

/// The default pause after the last edit before a document is checked again.
pub const DEFAULT_DEBOUNCE_MS: u64 = 150;

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Whether the workspace is trusted: only then are plugin libraries named in its rules.toml
    /// (outside the built-in plugin directory) loaded. The VS Code extension sets it from the
    /// workspace-trust state.
    pub trusted: bool,
    pub debounce: Duration,
    /// URL template of a rule's documentation: `{rule}` (`arithmetic/sum-mismatch`),
    /// `{category}` and `{name}` are replaced. `None`: the server writes each rule's documentation
    /// to a Markdown file and links that (`file://`).
    pub rule_docs_url: Option<String>,
    /// Also check .txt/.md documents that have no rules.toml above them.
    pub lint_without_config: bool,
    /// Use this rules.toml for every document instead of the nearest one.
    pub config_path: Option<PathBuf>,
    /// Report only findings at or above this severity.
    pub minimum_severity: Severity,
    /// Show English messages when the rule has them.
    pub english: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            trusted: false,
            debounce: Duration::from_millis(DEFAULT_DEBOUNCE_MS),
            rule_docs_url: None,
            lint_without_config: false,
            config_path: None,
            minimum_severity: Severity::Info,
            english: false,
        }
    }
}

impl Settings {
    /// Applies the members of `value` it knows: the object itself, or its `budgetlint` member
    /// (how `didChangeConfiguration` usually nests a section). Returns complaints to log, in
    /// both languages: the `language` they are shown in may be among the values read.
    pub fn update(&mut self, value: &Value) -> Vec<Message> {
        let Some(object) = value.get("budgetlint").unwrap_or(value).as_object() else {
            return if value.is_null() {
                Vec::new()
            } else {
                vec![Message::new(
                    format!("settings are not an object: {value}"),
                    format!("设置不是一个对象（{value}）"),
                )]
            };
        };
        let mut complaints = Vec::new();
        for (key, v) in object {
            if let Err((why, why_zh)) = self.set(key, v) {
                complaints.push(Message::new(
                    format!("setting `{key}`: {why}"),
                    format!("设置 `{key}`：{why_zh}"),
                ));
            }
        }
        complaints
    }

    /// Applies one setting; `Err((English, Chinese))` says what it should have been.
    fn set(&mut self, key: &str, v: &Value) -> Result<(), (&'static str, &'static str)> {
        const BOOL: (&str, &str) = ("expected true or false", "应为 true 或 false");
        match key {
            "trusted" => self.trusted = v.as_bool().ok_or(BOOL)?,
            "debounceMs" => {
                self.debounce = Duration::from_millis(
                    v.as_u64()
                        .filter(|ms| *ms <= 10_000)
                        .ok_or(("expected 0..=10000", "应为 0 到 10000 之间的整数（毫秒）"))?,
                )
            }
            "ruleDocsUrl" => self.rule_docs_url = optional_string(v)?,
            "lintWithoutConfig" => self.lint_without_config = v.as_bool().ok_or(BOOL)?,
            "configPath" => self.config_path = optional_string(v)?.map(PathBuf::from),
            "minimumSeverity" => {
                self.minimum_severity = v.as_str().and_then(Severity::parse).ok_or((
                    "expected \"info\", \"warning\" or \"error\"",
                    "应为 \"info\"、\"warning\" 或 \"error\"",
                ))?
            }
            "language" => {
                self.english = v
                    .as_str()
                    .ok_or(("expected \"zh\" or \"en\"", "应为 \"zh\" 或 \"en\""))?
                    .starts_with("en")
            }
            _ => return Err(("unknown setting (ignored)", "不认识的设置（已忽略）")),
        }
        Ok(())
    }

    /// The documentation URL of `rule` under the configured template.
    pub fn rule_url(&self, rule: &str) -> Option<String> {
        let template = self.rule_docs_url.as_deref()?;
        let (category, name) = rule.split_once('/').unwrap_or(("", rule));
        Some(
            template
                .replace("{rule}", rule)
                .replace("{category}", category)
                .replace("{name}", name),
        )
    }
}

fn optional_string(v: &Value) -> Result<Option<String>, (&'static str, &'static str)> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        _ => Err(("expected a string", "应为字符串")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_keys_are_read_and_bad_ones_reported() {
        let mut s = Settings::default();
        let complaints = s.update(&json!({"budgetlint": {"trusted": true, "debounceMs": 0, "minimumSeverity": "warning", "typo": 1, "lintWithoutConfig": "yes"}}));
        assert!(s.trusted);
        assert_eq!(s.debounce, Duration::ZERO);
        assert_eq!(s.minimum_severity, Severity::Warning);
        assert_eq!(complaints.len(), 2, "{complaints:?}");
        assert!(!s.lint_without_config);
        let zh: Vec<&str> = complaints.iter().map(|c| c.zh.as_str()).collect();
        assert!(
            zh.contains(&"设置 `typo`：不认识的设置（已忽略）"),
            "{zh:?}"
        );
        assert!(
            zh.contains(&"设置 `lintWithoutConfig`：应为 true 或 false"),
            "{zh:?}"
        );
        assert!(complaints
            .iter()
            .any(|c| c.en == "setting `typo`: unknown setting (ignored)"));
    }

    #[test]
    fn rule_urls_fill_the_template() {
        let s = Settings {
            rule_docs_url: Some("https://example.org/rules/{category}/{name}.html#{rule}".into()),
            ..Settings::default()
        };
        assert_eq!(
            s.rule_url("arithmetic/sum-mismatch").unwrap(),
            "https://example.org/rules/arithmetic/sum-mismatch.html#arithmetic/sum-mismatch"
        );
    }
}
