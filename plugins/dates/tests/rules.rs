//! Fixture tests: each rule against its firing and non-firing texts, by the one convention of
//! `budgetlint_sdk::testing` (tests/fixtures/<rule-name>/fire*|info*|pass*.txt, one snapshot per
//! fixture under tests/snapshots/<rule-name>__<fixture>.snap).

use budgetlint_plugin_dates::*;

budgetlint_sdk::rule_fixture_tests! {
    stale_year: StaleYear,
    stale_figure_year: StaleFigureYear,
    self_comparison: SelfComparison,
    period_end: PeriodEnd,
    title_year: TitleYear,
    impossible: Impossible,
    range_order: RangeOrder,
    previous_year_reference: PreviousYearReference,
    stale_period: StalePeriod,
}
