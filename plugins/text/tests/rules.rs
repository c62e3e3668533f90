//! Fixture tests: each rule against its firing and non-firing texts.

mod harness;

use budgetlint_plugin_text::*;
use harness::check_rule;

#[test]
fn template_token() {
    check_rule(&TemplateToken, "template-token");
}

#[test]
fn template_alternative() {
    check_rule(&TemplateAlternative, "template-alternative");
}

#[test]
fn extraction_leftover() {
    check_rule(&ExtractionLeftover, "extraction-leftover");
}

#[test]
fn empty_cell() {
    check_rule(&EmptyCell, "empty-cell");
}

#[test]
fn doc_kind_term() {
    check_rule(&DocKindTerm, "doc-kind-term");
}

#[test]
fn doc_scope_term() {
    check_rule(&DocScopeTerm, "doc-scope-term");
}

#[test]
fn doubled_phrase() {
    check_rule(&DoubledPhrase, "doubled-phrase");
}

#[test]
fn double_negative() {
    check_rule(&DoubleNegative, "double-negative");
}

#[test]
fn agency_name() {
    check_rule(&AgencyName, "agency-name");
}

#[test]
fn admin_level_terms() {
    check_rule(&AdminLevelTerms, "admin-level-terms");
}

#[test]
fn provincial_template() {
    check_rule(&ProvincialTemplate, "provincial-template");
}

#[test]
fn entity_name() {
    check_rule(&EntityName, "entity-name");
}

#[test]
fn contact_phone() {
    check_rule(&ContactPhone, "contact-phone");
}
