//! What the province plugins (hebei, shanxi, sichuan, henan, and provinces added out of tree)
//! share:
//!
//! - [`skeleton`]: a province template's sections declared as data (title + aliases), matched
//!   against the document's headings, reporting missing, misplaced, extra and inconsistently
//!   formatted sections;
//! - [`headings`]: the document's headings and short numbered lines as section candidates;
//! - [`names`]: title normalisation and alias matching;
//! - [`divisions`]: the administrative-division table (GB/T 2260), `data/admin-divisions`;
//! - [`applies`]: profile gating — a province rule runs only when the profile's province is its
//!   own;
//! - [`testing`]: running rules on fixtures under a province profile and rendering findings.

pub mod divisions;
pub mod headings;
pub mod names;
pub mod skeleton;
pub mod testing;

use budgetlint_sdk::model::DocKind;
use budgetlint_sdk::Context;

/// True when the profile in effect is `province` (short name, `河北`). Province rules return
/// early otherwise, so that a Hebei template check never runs on a Sichuan document.
pub fn applies(ctx: &Context, province: &str) -> bool {
    ctx.profile.province.as_deref() == Some(province)
}

/// True when the document is a 预算 (budget) — or its kind is unknown.
pub fn is_budget(ctx: &Context) -> bool {
    ctx.doc.meta.kind != Some(DocKind::FinalAccounts)
}

/// True when the document is a 决算 (final accounts).
pub fn is_final_accounts(ctx: &Context) -> bool {
    ctx.doc.meta.kind == Some(DocKind::FinalAccounts)
}

/// Where to report a finding about the whole document: its title, else its first line.
pub fn document_anchor(doc: &budgetlint_sdk::Document) -> budgetlint_sdk::Span {
    use budgetlint_sdk::DocumentExt;
    if let Some(span) = doc.meta.title_span {
        return span;
    }
    let start = doc.text.len() - doc.text.trim_start().len();
    let end = doc.text[start..]
        .find('\n')
        .map_or(doc.text.len(), |i| start + i);
    doc.span_of(start, end)
}
