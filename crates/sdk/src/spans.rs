//! Making spans from byte offsets inside a rule.

use budgetlint_model::{Document, LineIndex, Span};

/// `doc.span_of(start, end)`: the [`Span`] of a byte range of the document text.
///
/// Each call scans the text once, which is fine for the handful of findings a rule reports;
/// a rule that makes thousands of spans should build one [`LineIndex`] and call
/// [`LineIndex::span`]. (The host recomputes lines and columns from the byte offsets anyway, so
/// only `start` and `end` of a reported span are trusted.)
pub trait DocumentExt {
    fn span_of(&self, start: usize, end: usize) -> Span;
}

impl DocumentExt for Document {
    fn span_of(&self, start: usize, end: usize) -> Span {
        LineIndex::new(&self.text).span(&self.text, start, end)
    }
}
