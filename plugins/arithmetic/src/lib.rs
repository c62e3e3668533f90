//! Arithmetic and cross-reference checks that show their working (issue 4): sums in prose,
//! classes and tables, changes against last year, percentages, and figures that must agree.

mod class_tree;
mod graded;
mod identities;
mod one_source;
mod quantities;
mod report;
pub mod rules;
mod shares;
mod sums;
mod support;
mod tables;

pub use rules::*;

budgetlint_sdk::export_plugin!(
    name: "arithmetic",
    version: env!("CARGO_PKG_VERSION"),
    rules: [SumMismatch, SumShortfall, CountSumMismatch, RoundingGap, TableSum, ChangeMismatch, ChangeMismatchDoubt, ChangeRateTruncated, PercentMismatch, PercentMismatchDoubt, PercentTruncated, PercentTotal, ZeroDenominator, ZeroBudgetRate, ExecutionRate, GrowthFromZero, RateWithoutPercent, SameFigure, SameQuantity, SameQuantitySplit, BasicSplit, ThreePublicSplit, FiscalSources, SourcePartExceeds, ClassLabel, Scope, ScopeKindDoubt, Vehicles, ComparisonWord, RowSum, ItemAmount, ListedItemEmpty]
);
