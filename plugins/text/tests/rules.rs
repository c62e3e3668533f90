//! Fixture tests: each rule against its firing and non-firing texts, by the one convention of
//! `budgetlint_sdk::testing` (tests/fixtures/<rule-name>/fire*|info*|pass*.txt, one snapshot per
//! fixture under tests/snapshots/<rule-name>__<fixture>.snap).

use budgetlint_plugin_text::*;

budgetlint_sdk::rule_fixture_tests! {
    template_token: TemplateToken,
    template_alternative: TemplateAlternative,
    extraction_leftover: ExtractionLeftover,
    empty_cell: EmptyCell,
    empty_basis: EmptyBasis,
    empty_column: EmptyColumn,
    empty_field: EmptyField,
    doc_kind_term: DocKindTerm,
    doc_scope_term: DocScopeTerm,
    doubled_phrase: DoubledPhrase,
    double_negative: DoubleNegative,
    agency_name: AgencyName,
    admin_level_terms: AdminLevelTerms,
    provincial_template: ProvincialTemplate,
    entity_name: EntityName,
    contact_phone: ContactPhone,
    own_name_variant: OwnNameVariant,
    transposed_term: TransposedTerm,
    unbalanced_marks: UnbalancedMarks,
    empty_explanation: EmptyExplanation,
    template_instruction: TemplateInstruction,
    three_public_name: ThreePublicName,
}
