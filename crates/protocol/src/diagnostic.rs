//! What a rule reports.

use budgetlint_model::Span;
use serde::{Deserialize, Serialize};

/// How serious a finding is. The one severity type: rules declare their default with it, findings
/// carry it, rules.toml sets it (`off` aside, see the engine's `Level`) and every output format
/// maps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }

    /// The severity of a finding after its rule's level moved from `default` to `configured`:
    /// moved by as many steps, within info..=error. A rule reports most findings at its
    /// default; a finding it grades apart (an error among warnings) keeps its distance, so a
    /// rules.toml that restates the default changes nothing and `severity = "info"` on a
    /// warning rule turns its errors into warnings, not into infos.
    pub fn reconfigured(self, default: Severity, configured: Severity) -> Severity {
        let rank = |s: Severity| s as i8;
        let steps = rank(self) + rank(configured) - rank(default);
        match steps {
            i8::MIN..=0 => Severity::Info,
            1 => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// Another place that explains the finding: a part of a sum, the other mention of a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning (e.g. 【2020】 → 〔2020〕).
    Safe,
    /// Changes a figure or wording; a reviewer must confirm.
    Unsafe,
}

/// Replace the bytes `start..end` of the document text with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    pub start: u32,
    pub end: u32,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    /// What the fix does, e.g. `改为〔2020〕`.
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<TextEdit>,
}

/// What a finding needs to know of its rule: the id and the declared default severity (the SDK's
/// `RuleMeta` is one).
pub trait RuleIdentity {
    fn id(&self) -> &str;
    fn default_severity(&self) -> Severity;
}

/// A finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// `category/name`, e.g. `arithmetic/sum-mismatch`.
    pub rule: String,
    pub severity: Severity,
    /// The message in Chinese (the default language).
    pub message: String,
    /// The message in English, when the rule provides one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_en: Option<String>,
    pub span: Span,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding of `rule` at its default severity.
    pub fn new(
        rule: &(impl RuleIdentity + ?Sized),
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule: rule.id().to_string(),
            severity: rule.default_severity(),
            message: message.into(),
            message_en: None,
            span,
            related: Vec::new(),
            fix: None,
        }
    }
    pub fn en(mut self, message: impl Into<String>) -> Self {
        self.message_en = Some(message.into());
        self
    }
    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
    /// A fix replacing `span` with `replacement`.
    pub fn replace(
        self,
        span: Span,
        replacement: impl Into<String>,
        message: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        self.fix(Fix {
            message: message.into(),
            applicability,
            edits: vec![TextEdit {
                start: span.start,
                end: span.end,
                replacement: replacement.into(),
            }],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Severity::{self, Error, Info, Warning};

    #[test]
    fn a_configured_level_moves_findings_relative_to_the_default() {
        let all = [Info, Warning, Error];
        for default in all {
            for finding in all {
                // Restating the default changes nothing.
                assert_eq!(finding.reconfigured(default, default), finding);
            }
        }
        // A warning rule's error stays one step above the configured level …
        assert_eq!(Error.reconfigured(Warning, Info), Warning);
        assert_eq!(Warning.reconfigured(Warning, Info), Info);
        // … and a warning rule's info one step below, within info..=error.
        assert_eq!(Info.reconfigured(Warning, Error), Warning);
        assert_eq!(Error.reconfigured(Warning, Error), Error);
        assert_eq!(Info.reconfigured(Warning, Info), Info);
        assert_eq!(Severity::parse("warn"), Some(Warning));
    }
}
