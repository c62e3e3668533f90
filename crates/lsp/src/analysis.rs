//! One check of one version of a document, and its findings as LSP diagnostics.

use crate::position::LineIndex;
use crate::position::{Encoding, Positions};
use crate::rule_docs::RuleDocs;
use crate::settings::Settings;
use crate::workspace::Target;
use budgetlint_engine::{Finding, Linter};
use budgetlint_protocol::{Profile, Severity, Span};
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::ls_types as lsp;

/// An immutable view of a document's text at one version.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub version: i32,
    pub text: Arc<String>,
    pub index: Arc<LineIndex>,
}

impl Snapshot {
    pub fn positions(&self, encoding: Encoding) -> Positions<'_> {
        Positions {
            text: &self.text,
            index: &self.index,
            encoding,
        }
    }
}

/// What checking a snapshot gave.
pub enum Outcome {
    /// Not checked: no rules.toml applies and the client did not ask for every file.
    OutOfScope,
    /// The engine refused the text (binary data); the reason.
    Unreadable(String),
    Checked(Checked),
}

pub struct Checked {
    pub findings: Vec<Finding>,
    /// How many bytes the decoder dropped from the front of the text (a byte-order mark the
    /// editor kept): engine offsets + `shift` = offsets in the editor's text.
    pub shift: usize,
    pub linter: Arc<Linter>,
    pub baseline_path: PathBuf,
    pub profile: Profile,
    pub suppressed: usize,
}

pub struct Analysis {
    pub snapshot: Snapshot,
    /// The configuration generation it was computed under (see `Core::generation`).
    pub generation: u64,
    /// Whether the document is a file (only files can be accepted into a baseline).
    pub has_file: bool,
    pub outcome: Outcome,
}

/// Checks `snapshot` of the document at `path` with the linter of `target`; `model` is the
/// snapshot's parsed model (the one outline and hovers use), so the version is parsed once.
pub fn check(
    snapshot: &Snapshot,
    model: &budgetlint_model::Document,
    path: &std::path::Path,
    target: &Target,
) -> Outcome {
    match target
        .linter
        .check_buffer(path, model, target.baseline.as_deref())
    {
        Err(e) => Outcome::Unreadable(e.message),
        Ok(report) => Outcome::Checked(Checked {
            shift: snapshot.text.len().saturating_sub(report.text.len()),
            findings: report.findings,
            linter: target.linter.clone(),
            baseline_path: target.baseline_path.clone(),
            profile: report.profile,
            suppressed: report.suppressed,
        }),
    }
}

impl Analysis {
    pub fn checked(&self) -> Option<&Checked> {
        match &self.outcome {
            Outcome::Checked(c) => Some(c),
            _ => None,
        }
    }

    /// The findings shown under `settings`, with their LSP diagnostics, in reading order.
    pub fn visible<'a>(&'a self, settings: &'a Settings) -> impl Iterator<Item = &'a Finding> + 'a {
        self.checked()
            .into_iter()
            .flat_map(|c| &c.findings)
            .filter(|f| f.diagnostic.severity >= settings.minimum_severity)
    }

    /// The byte range of an engine span in the editor's text.
    pub fn range_of(&self, span: Span) -> (usize, usize) {
        let shift = self.checked().map_or(0, |c| c.shift);
        (span.start as usize + shift, span.end as usize + shift)
    }

    pub fn lsp_range(&self, span: Span, encoding: Encoding) -> lsp::Range {
        let (start, end) = self.range_of(span);
        self.snapshot.positions(encoding).range(start, end)
    }

    /// Every visible finding as an LSP diagnostic.
    pub fn diagnostics(&self, ctx: &Render) -> Vec<lsp::Diagnostic> {
        let mut out: Vec<lsp::Diagnostic> = self
            .visible(ctx.settings)
            .map(|f| self.diagnostic(f, ctx))
            .collect();
        if let Outcome::Unreadable(reason) = &self.outcome {
            out.push(lsp::Diagnostic {
                range: lsp::Range::default(),
                severity: Some(lsp::DiagnosticSeverity::WARNING),
                source: Some("budgetlint".into()),
                message: format!("budgetlint 无法检查本文件：{reason}"),
                ..Default::default()
            });
        }
        out
    }

    pub fn diagnostic(&self, finding: &Finding, ctx: &Render) -> lsp::Diagnostic {
        let d = &finding.diagnostic;
        let mut message = match (&d.message_en, ctx.settings.english) {
            (Some(en), true) => en.clone(),
            _ => d.message.clone(),
        };
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .related
            .iter()
            .map(|r| {
                let (start, end) = self.range_of(r.span);
                lsp::DiagnosticRelatedInformation {
                    location: lsp::Location {
                        uri: ctx.uri.clone(),
                        range: self.snapshot.positions(ctx.encoding).range(start, end),
                    },
                    message: if r.message.is_empty() {
                        self.snapshot.text.get(start..end).unwrap_or("").to_string()
                    } else {
                        r.message.clone()
                    },
                }
            })
            .collect();
        if !ctx.related_support {
            for r in &related {
                message.push_str(&format!(
                    "\n  第{}行：{}",
                    r.location.range.start.line + 1,
                    r.message
                ));
            }
        }
        lsp::Diagnostic {
            range: self.lsp_range(d.span, ctx.encoding),
            severity: Some(severity(d.severity)),
            code: Some(lsp::NumberOrString::String(d.rule.clone())),
            code_description: self
                .checked()
                .and_then(|c| ctx.docs.url(ctx.settings, &d.rule, &c.linter))
                .map(|href| lsp::CodeDescription { href }),
            source: Some("budgetlint".into()),
            message,
            related_information: (ctx.related_support && !related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }
}

/// What rendering diagnostics needs besides the analysis.
pub struct Render<'a> {
    pub uri: &'a lsp::Uri,
    pub settings: &'a Settings,
    pub encoding: Encoding,
    pub related_support: bool,
    pub docs: &'a RuleDocs,
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}
