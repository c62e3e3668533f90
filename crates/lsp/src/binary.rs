//! `budgetlint/openBinary`: the findings of a PDF, Word or Excel file in the editor. An editor
//! cannot hold such a file as text, so it does not send it: it asks for the file by its URI,
//! and the server reads it from disk with the engine's readers, checks it, publishes the
//! diagnostics on a read-only view of its canonical text (a virtual document the client shows,
//! `budgetlint-text:` by default) and answers with that text. The client asks again when the
//! file changes on disk (a report drafted in Word is saved), and the diagnostics follow.
//!
//! Request: `{"uri": "file:///…/a.pdf", "textUri": "budgetlint-text:/…/a.pdf"}` (`textUri`
//! optional: the URI the client shows the text under, where the diagnostics are published).
//! Response: `{"textUri", "text", "format", "notes": [..], "error": null | "why"}`; a file that
//! cannot be read (a scanned PDF, a `.doc`) answers with an empty text, its reason in `error`
//! and as a diagnostic on the view.
//!
//! The server keeps the last check of each view ([`View`], at most [`MAX_VIEWS`]), so that
//! hovers (a figure's working, a finding's rule page) and code actions work on the view as on
//! a text: "accept into the baseline" is offered (the baseline is keyed by the file and the
//! finding's canonical line, as `check` of the file applies it); a fix and an inline disable
//! comment cannot be written into a PDF, Word or Excel file, so they are offered disabled, with
//! the reason, to clients that show disabled actions.

use crate::analysis::{Analysis, Checked, Outcome, Snapshot};
use crate::position::LineIndex;
use budgetlint_model::Document;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::Uri;

/// The method name.
pub const OPEN_BINARY: &str = "budgetlint/openBinary";

/// The scheme of the read-only text views, when the client names none.
pub const TEXT_SCHEME: &str = "budgetlint-text";

/// Views kept for hovers and code actions; the view opened longest ago goes first (a view's
/// memory is its text, model and findings: a few MB for a large PDF).
pub const MAX_VIEWS: usize = 16;

/// What the server keeps of a view: the file it shows, the check of its canonical text, and
/// the model of that text, parsed on the first hover that needs it.
pub struct View {
    pub file: PathBuf,
    pub analysis: Arc<Analysis>,
    model: OnceLock<Arc<Document>>,
    /// When it was opened, in requests: the oldest view is dropped first.
    pub opened: u64,
}

impl View {
    pub fn new(file: PathBuf, analysis: Analysis, opened: u64) -> View {
        View {
            file,
            analysis: Arc::new(analysis),
            model: OnceLock::new(),
            opened,
        }
    }

    /// The model of the view's text (for the figure hovers).
    pub fn model(&self) -> Arc<Document> {
        self.model
            .get_or_init(|| {
                let text = self.analysis.snapshot.text.to_string();
                Arc::new(budgetlint_model::parse_text(text))
            })
            .clone()
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenBinaryParams {
    pub uri: Uri,
    #[serde(default)]
    pub text_uri: Option<Uri>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenBinaryResult {
    pub text_uri: String,
    pub text: String,
    pub format: String,
    pub notes: Vec<String>,
    pub error: Option<String>,
}

/// The file path of the request and the URI of its text view.
pub fn resolve(params: &OpenBinaryParams) -> Result<(std::path::PathBuf, Uri)> {
    let is_file = params.uri.as_str().starts_with("file:");
    let path = is_file
        .then(|| params.uri.to_file_path())
        .flatten()
        .map(|p| p.into_owned())
        .ok_or_else(|| Error::invalid_params("budgetlint/openBinary: uri must be a file: URI"))?;
    let text_uri = match &params.text_uri {
        Some(uri) => uri.clone(),
        None => default_text_uri(&params.uri)?,
    };
    Ok((path, text_uri))
}

/// `file:///a/b.pdf` → `budgetlint-text:///a/b.pdf`.
fn default_text_uri(file: &Uri) -> Result<Uri> {
    let text = file.as_str();
    let rest = text.strip_prefix("file:").unwrap_or(text);
    format!("{TEXT_SCHEME}:{rest}")
        .parse()
        .map_err(|_| Error::invalid_params("budgetlint/openBinary: cannot form the text URI"))
}

/// Reads and checks the file at `path` (blocking): the analysis of its canonical text, and the
/// answer without the text URI filled in; its notes and error in Chinese (`chinese`) or English.
pub fn check(
    path: &Path,
    target: &crate::workspace::Target,
    chinese: bool,
) -> (Analysis, OpenBinaryResult) {
    let outcome = budgetlint_readers::read_file_limited(path)
        .map_err(|e| budgetlint_engine::FileError::io(path, &e))
        .and_then(|bytes| {
            target
                .linter
                .check(path, &bytes, target.baseline.as_deref())
        })
        .map_err(|e| e.message_in(chinese).to_string());
    let (text, format, notes, outcome, error) = match outcome {
        Ok(report) => (
            report.text,
            report.format.name().to_string(),
            report
                .notes
                .iter()
                .map(|n| n.in_lang(chinese).to_string())
                .collect(),
            Outcome::Checked(Checked {
                findings: report.findings,
                shift: 0,
                linter: target.linter.clone(),
                baseline_path: target.baseline_path.clone(),
                profile: report.profile,
                suppressed: report.suppressed,
            }),
            None,
        ),
        Err(why) => (
            String::new(),
            String::new(),
            Vec::new(),
            Outcome::Unreadable(why.clone()),
            Some(why),
        ),
    };
    let index = Arc::new(LineIndex::new(&text));
    let analysis = Analysis {
        snapshot: Snapshot {
            version: 0,
            text: Arc::new(text.clone()),
            index,
        },
        generation: 0,
        // A finding of the view can be accepted into the file's baseline: the baseline keys it
        // by the file's path and its canonical line, as `check` of the file applies it.
        has_file: true,
        outcome,
    };
    let result = OpenBinaryResult {
        text_uri: String::new(),
        text,
        format,
        notes,
        error,
    };
    (analysis, result)
}
