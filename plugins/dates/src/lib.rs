//! Date and year checks: years that do not fit the fiscal year where current work is meant,
//! impossible dates, date ranges that end before they start.

mod clauses;
pub mod rules;

pub use rules::{
    Impossible, PeriodEnd, PreviousYearReference, RangeOrder, SelfComparison, StaleFigureYear,
    StalePeriod, StaleYear, TitleYear,
};

budgetlint_sdk::export_plugin!(
    name: "dates",
    version: env!("CARGO_PKG_VERSION"),
    rules: [StaleYear, StaleFigureYear, Impossible, RangeOrder, PreviousYearReference, SelfComparison, PeriodEnd, TitleYear, StalePeriod],
);
