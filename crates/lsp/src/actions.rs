//! Code actions: each finding's fix (safe fixes are the preferred quick fix), "accept this
//! finding" into the baseline (a command: the engine writes the baseline file), an inline
//! disable comment for Markdown, and "fix all safe problems in this document".

use crate::analysis::{Analysis, Render};
use budgetlint_engine::Finding;
use budgetlint_protocol::{Applicability, Fix};
use serde_json::json;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionDisabled, CodeActionKind, CodeActionOrCommand, Command, DocumentChanges,
    OneOf, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

pub const SUPPRESS: &str = "budgetlint.suppress";
pub const FIX_ALL: &str = "budgetlint.fixAll";
pub const EXPLAIN: &str = "budgetlint.explainRule";
pub const LINT_DOCUMENT: &str = "budgetlint.lintDocument";
pub const STATUS: &str = "budgetlint.documentStatus";
/// Panics on purpose when `BUDGETLINT_LSP_DEBUG` is set: tests that a panicking handler does
/// not kill the server.
pub const DEBUG_PANIC: &str = "budgetlint.debugPanic";

pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.budgetlint")
}

/// Whether the client asked for actions of `kind` (`only` absent: every kind). A requested
/// kind matches its sub-kinds: `source` and `source.fixAll` both ask for `source.fixAll.budgetlint`.
pub fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        })
    })
}

/// How edits are sent: versioned `documentChanges` when the client supports them (it then
/// refuses an edit computed for an older text), else plain `changes`.
pub struct EditShape {
    pub versioned: bool,
}

impl EditShape {
    pub fn edit(&self, uri: &Uri, version: i32, edits: Vec<TextEdit>) -> WorkspaceEdit {
        if self.versioned {
            let doc = TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            };
            WorkspaceEdit {
                document_changes: Some(DocumentChanges::Edits(vec![doc])),
                ..Default::default()
            }
        } else {
            WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), edits)])),
                ..Default::default()
            }
        }
    }
}

/// The quick fixes for the findings touching the byte range `a..=b`.
pub fn quick_fixes(
    analysis: &Analysis,
    range: (usize, usize),
    ctx: &Render,
    shape: &EditShape,
    markdown: bool,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    for finding in analysis.visible(ctx.settings) {
        let (start, end) = analysis.range_of(finding.diagnostic.span);
        if start > range.1 || end < range.0 {
            continue;
        }
        let diagnostic = analysis.diagnostic(finding, ctx);
        if let Some(fix) = &finding.diagnostic.fix {
            if let Some(edits) = fix_edits(analysis, fix, ctx) {
                let safe = fix.applicability == Applicability::Safe;
                // The fix's own words are the rule's (Chinese); the note is the server's.
                let title = match (safe, ctx.settings.english) {
                    (true, _) => fix.message.clone(),
                    (false, false) => format!("{}（需人工确认）", fix.message),
                    (false, true) => format!("{} (check by hand)", fix.message),
                };
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(shape.edit(ctx.uri, analysis.snapshot.version, edits)),
                    is_preferred: Some(safe),
                    ..Default::default()
                }));
            }
        }
        if analysis.has_file {
            out.push(CodeActionOrCommand::CodeAction(suppress_action(
                analysis,
                finding,
                diagnostic.clone(),
                ctx,
            )));
        }
        if markdown {
            out.push(CodeActionOrCommand::CodeAction(disable_line_action(
                analysis, finding, diagnostic, ctx, shape,
            )));
        }
    }
    out
}

/// The code actions on the read-only view of a PDF, Word or Excel file (`crate::binary`) for
/// the findings touching the byte range `a..=b`: "accept into the baseline" as on a text; a
/// fix and an inline disable comment cannot be written into such a file, so when the client
/// shows disabled actions (`disabled_support`) they are listed disabled with the reason, and
/// otherwise left out (an action without an edit would seem to do nothing).
pub fn view_actions(
    analysis: &Analysis,
    range: (usize, usize),
    ctx: &Render,
    disabled_support: bool,
) -> Vec<CodeActionOrCommand> {
    let english = ctx.settings.english;
    let mut out = Vec::new();
    for finding in analysis.visible(ctx.settings) {
        let (start, end) = analysis.range_of(finding.diagnostic.span);
        if start > range.1 || end < range.0 {
            continue;
        }
        let diagnostic = analysis.diagnostic(finding, ctx);
        out.push(CodeActionOrCommand::CodeAction(suppress_action(
            analysis,
            finding,
            diagnostic.clone(),
            ctx,
        )));
        if !disabled_support {
            continue;
        }
        if let Some(fix) = &finding.diagnostic.fix {
            out.push(disabled(
                fix.message.clone(),
                &diagnostic,
                pick(english, FIX_NOT_WRITTEN),
            ));
        }
        let rule = &finding.diagnostic.rule;
        let title = if english {
            format!("Disable {rule} on this line")
        } else {
            format!("在本行禁用 {rule}")
        };
        out.push(disabled(
            title,
            &diagnostic,
            pick(english, NO_INLINE_COMMENT),
        ));
    }
    out
}

/// Why a view's finding cannot be fixed there (Chinese, English).
const FIX_NOT_WRITTEN: (&str, &str) = (
    "修复只写入文本文件，不写入 PDF、Word 或 Excel 文件：请在生成此文件的原文档中修改",
    "fixes are written only to text files, never to a PDF, Word or Excel file: make the change in the document this file was made from",
);

/// Why a view's finding cannot be disabled on its line (Chinese, English).
const NO_INLINE_COMMENT: (&str, &str) = (
    "PDF、Word 或 Excel 文件中不能写入行内禁用注释：请在基线中接受此问题，或在 rules.toml 中关闭该规则",
    "an inline disable comment cannot be written into a PDF, Word or Excel file: accept the finding into the baseline, or turn the rule off in rules.toml",
);

fn pick(english: bool, (zh, en): (&'static str, &'static str)) -> &'static str {
    if english {
        en
    } else {
        zh
    }
}

/// A quick fix the client shows greyed out, with the reason it cannot be applied.
fn disabled(
    title: String,
    diagnostic: &tower_lsp_server::ls_types::Diagnostic,
    reason: &str,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        disabled: Some(CodeActionDisabled {
            reason: reason.to_string(),
        }),
        is_preferred: Some(false),
        ..Default::default()
    })
}

/// A fix's edits as LSP edits, or `None` when one does not fit the text.
fn fix_edits(analysis: &Analysis, fix: &Fix, ctx: &Render) -> Option<Vec<TextEdit>> {
    let positions = analysis.snapshot.positions(ctx.encoding);
    let shift = analysis.checked().map_or(0, |c| c.shift);
    let text = analysis.snapshot.text.as_str();
    fix.edits
        .iter()
        .map(|e| {
            let (a, b) = (e.start as usize + shift, e.end as usize + shift);
            (a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b))
                .then(|| TextEdit {
                    range: positions.range(a, b),
                    new_text: e.replacement.clone(),
                })
        })
        .collect()
}

fn suppress_action(
    analysis: &Analysis,
    finding: &Finding,
    diagnostic: tower_lsp_server::ls_types::Diagnostic,
    ctx: &Render,
) -> CodeAction {
    let rule = &finding.diagnostic.rule;
    let title = if ctx.settings.english {
        format!("Accept this finding into the baseline ({rule})")
    } else {
        format!("在基线中接受此问题（{rule}）")
    };
    let arguments = json!({
        "uri": ctx.uri.as_str(),
        "version": analysis.snapshot.version,
        "rule": rule,
        "fingerprint": finding.fingerprint,
        "start": finding.diagnostic.span.start,
    });
    CodeAction {
        title: title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        command: Some(Command {
            title,
            command: SUPPRESS.into(),
            arguments: Some(vec![arguments]),
        }),
        is_preferred: Some(false),
        ..Default::default()
    }
}

/// Appends `<!-- budgetlint-disable-line rule -->` to the finding's line (Markdown only: the
/// comment is invisible when rendered, but would show in a plain-text report).
fn disable_line_action(
    analysis: &Analysis,
    finding: &Finding,
    diagnostic: tower_lsp_server::ls_types::Diagnostic,
    ctx: &Render,
    shape: &EditShape,
) -> CodeAction {
    let text = analysis.snapshot.text.as_str();
    let (start, _) = analysis.range_of(finding.diagnostic.span);
    let line_end = text[start.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| start + i);
    let line_end = if text[..line_end].ends_with('\r') {
        line_end - 1
    } else {
        line_end
    };
    let rule = &finding.diagnostic.rule;
    let insert = TextEdit {
        range: analysis
            .snapshot
            .positions(ctx.encoding)
            .range(line_end, line_end),
        new_text: format!(" <!-- budgetlint-disable-line {rule} -->"),
    };
    CodeAction {
        title: if ctx.settings.english {
            format!("Disable {rule} on this line")
        } else {
            format!("在本行禁用 {rule}")
        },
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(shape.edit(ctx.uri, analysis.snapshot.version, vec![insert])),
        is_preferred: Some(false),
        ..Default::default()
    }
}

/// The safe fixes of the analysis applied in one pass (overlapping fixes held back), as the
/// text after them, or `None` when there is nothing to fix.
pub fn apply_safe_fixes(
    analysis: &Analysis,
    settings: &crate::settings::Settings,
) -> Option<String> {
    let checked = analysis.checked()?;
    let fixes: Vec<&Fix> = analysis
        .visible(settings)
        .filter_map(|f| f.diagnostic.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe)
        .collect();
    if fixes.is_empty() {
        return None;
    }
    let engine_text = analysis.snapshot.text.get(checked.shift..)?;
    let applied = budgetlint_engine::fix::apply(engine_text, &fixes);
    if applied.count() == 0 || applied.text == engine_text {
        return None;
    }
    Some(format!(
        "{}{}",
        &analysis.snapshot.text[..checked.shift],
        applied.text
    ))
}

/// The `source.fixAll` action for the analysis, if it has safe fixes.
pub fn fix_all_action(
    analysis: &Analysis,
    ctx: &Render,
    shape: &EditShape,
) -> Option<CodeActionOrCommand> {
    let fixed = apply_safe_fixes(analysis, ctx.settings)?;
    let edit = minimal_edit(&analysis.snapshot, &fixed, ctx)?;
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: if ctx.settings.english {
            "Fix all safe problems in this file (budgetlint)".into()
        } else {
            "修复本文件所有可安全修复的问题（budgetlint）".into()
        },
        kind: Some(fix_all_kind()),
        edit: Some(shape.edit(ctx.uri, analysis.snapshot.version, vec![edit])),
        ..Default::default()
    }))
}

/// One edit turning the snapshot's text into `new`: the span between their common prefix and
/// suffix (on character boundaries).
pub fn minimal_edit(
    snapshot: &crate::analysis::Snapshot,
    new: &str,
    ctx: &Render,
) -> Option<TextEdit> {
    let old = snapshot.text.as_str();
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Some(TextEdit {
        range: snapshot
            .positions(ctx.encoding)
            .range(prefix, old.len() - suffix),
        new_text: new[prefix..new.len() - suffix].to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requested_kinds_match_their_sub_kinds() {
        let fix_all = fix_all_kind();
        assert!(wanted(None, &fix_all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), &fix_all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE_FIX_ALL]), &fix_all));
        assert!(!wanted(Some(&[CodeActionKind::QUICKFIX]), &fix_all));
        assert!(!wanted(
            Some(&[CodeActionKind::new("source.fix")]),
            &fix_all
        ));
    }
}
