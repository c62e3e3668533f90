//! Fixture tests: each rule against its firing and non-firing texts, by the one convention of
//! `budgetlint_sdk::testing` (tests/fixtures/<rule-name>/fire*|info*|pass*.txt, one snapshot per
//! fixture under tests/snapshots/<rule-name>__<fixture>.snap).

use budgetlint_plugin_docnum::*;

budgetlint_sdk::rule_fixture_tests! {
    bracket_style: BracketStyle,
    missing_agency: MissingAgency,
    truncated_agency: TruncatedAgency,
    year_format: YearFormat,
    serial_format: SerialFormat,
    duplicate: Duplicate,
    issuer_level: IssuerLevel,
}
