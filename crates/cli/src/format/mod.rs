//! Output formats of `check`. Each format is its own module implementing [`Format`]: a file's
//! part is rendered right after the file is checked (in parallel, so the document text can be
//! dropped at once), and [`Format::finish`] assembles the parts in input order with the summary.

mod human;
mod json;

use budgetlint_engine::{FileError, FileReport};
use budgetlint_sdk::Severity;
use serde::Serialize;

/// The result of checking one file.
pub type Outcome = Result<FileReport, FileError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatKind {
    /// Code frames and a summary line, for people.
    Human,
    /// One JSON document, schema version 1 (docs/OUTPUT.md).
    Json,
}

pub trait Format: Sync {
    /// The rendering of one file's outcome.
    fn file(&self, outcome: &Outcome) -> String;
    /// The whole output: the file parts, in order, and the summary.
    fn finish(&self, files: Vec<String>, summary: &Summary) -> String;
}

pub fn new(kind: FormatKind, color: bool) -> Box<dyn Format> {
    match kind {
        FormatKind::Human => Box::new(human::Human { color }),
        FormatKind::Json => Box::new(json::Json),
    }
}

/// Totals over a run.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings hidden by inline comments or the baseline.
    pub suppressed: usize,
    /// Files that could not be read or decoded.
    pub file_errors: usize,
    /// Plugins, packs or configuration that failed to load (the run went on without them).
    pub problems: Vec<String>,
}

impl Summary {
    pub fn add(&mut self, outcome: &Outcome) {
        self.files += 1;
        match outcome {
            Err(_) => self.file_errors += 1,
            Ok(report) => {
                self.suppressed += report.suppressed;
                for f in &report.findings {
                    match f.diagnostic.severity {
                        Severity::Error => self.errors += 1,
                        Severity::Warning => self.warnings += 1,
                        Severity::Info => self.infos += 1,
                    }
                }
            }
        }
    }

    pub fn merge(&mut self, other: &Summary) {
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.suppressed += other.suppressed;
        self.file_errors += other.file_errors;
    }
}
