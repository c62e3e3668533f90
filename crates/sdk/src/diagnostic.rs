//! What a rule reports.

use budgetlint_model::Span;
use serde::{Deserialize, Serialize};

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
    /// A finding of `meta`'s rule at its default severity.
    pub fn new(meta: &crate::RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule: meta.id.to_string(),
            severity: meta.default_severity,
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
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
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
