//! Fixture tests: each rule against its firing and non-firing texts.

mod harness;

use budgetlint_plugin_docnum::*;
use harness::check_rule;

#[test]
fn bracket_style() {
    check_rule(&BracketStyle, "bracket-style");
}

#[test]
fn missing_agency() {
    check_rule(&MissingAgency, "missing-agency");
}

#[test]
fn truncated_agency() {
    check_rule(&TruncatedAgency, "truncated-agency");
}

#[test]
fn year_format() {
    check_rule(&YearFormat, "year-format");
}

#[test]
fn serial_format() {
    check_rule(&SerialFormat, "serial-format");
}

#[test]
fn duplicate() {
    check_rule(&Duplicate, "duplicate");
}

#[test]
fn issuer_level() {
    check_rule(&IssuerLevel, "issuer-level");
}
