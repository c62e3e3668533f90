//! Structure and completeness rules for 部门预算/部门决算 disclosures: heading numbering, the
//! 目录 against the body, duplicated paragraphs and projects, and the national lists of required
//! tables and explanatory sections.

pub mod catalog;
pub mod layout;
pub mod rules;
pub mod text;

pub use rules::*;

budgetlint_sdk::export_plugin!(
    name: "structure",
    version: env!("CARGO_PKG_VERSION"),
    rules: [HeadingNumbering, NumberingGapDoubt, RunInItem, BracketWidth, TocMismatch, TocTitleDiffers, TocTableDoubt, DuplicateParagraph, ConcatenatedItem, DuplicateProject, RequiredTables, TableUnread, TablesElsewhere, RequiredSections, PhasedInSections, ExplanationAbsent, EmptyTableShown, EmptiedTableStated, EmptyTableSection, BlankPage, DecimalsSlip, GlossaryItemAbsent],
);
