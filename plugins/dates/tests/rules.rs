//! Fixture tests: each rule against its firing and non-firing texts.

mod harness;

use budgetlint_plugin_dates::*;
use harness::check_rule;

#[test]
fn stale_year() {
    check_rule(&StaleYear, "stale-year");
}

#[test]
fn stale_figure_year() {
    check_rule(&StaleFigureYear, "stale-figure-year");
}

#[test]
fn self_comparison() {
    check_rule(&SelfComparison, "self-comparison");
}

#[test]
fn period_end() {
    check_rule(&PeriodEnd, "period-end");
}

#[test]
fn title_year() {
    check_rule(&TitleYear, "title-year");
}

#[test]
fn impossible() {
    check_rule(&Impossible, "impossible");
}

#[test]
fn range_order() {
    check_rule(&RangeOrder, "range-order");
}

#[test]
fn previous_year_reference() {
    check_rule(&PreviousYearReference, "previous-year-reference");
}
