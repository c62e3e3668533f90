//! Text checks that need reading rather than adding up: unfilled template tokens and
//! extraction leftovers, empty required cells, wording (document kind, doubled words, double
//! negatives, misnamed bodies), jurisdiction (level words, provincial templates) and references
//! to the wrong body or phone number.

pub mod rules;
mod support;

pub use rules::{
    AdminLevelTerms, AgencyName, ContactPhone, DocKindTerm, DocScopeTerm, DoubleNegative,
    DoubledPhrase, EmptyBasis, EmptyCell, EmptyColumn, EmptyExplanation, EmptyField, EntityName,
    ExtractionLeftover, OwnNameVariant, ProvincialTemplate, TemplateAlternative,
    TemplateInstruction, TemplateToken, ThreePublicName, TransposedTerm, UnbalancedMarks,
};

budgetlint_sdk::export_plugin!(
    name: "text",
    version: env!("CARGO_PKG_VERSION"),
    rules: [
        TemplateToken,
        TemplateAlternative,
        ExtractionLeftover,
        EmptyCell,
        EmptyBasis,
        EmptyColumn,
        EmptyField,
        DocKindTerm,
        DocScopeTerm,
        DoubledPhrase,
        DoubleNegative,
        AgencyName,
        AdminLevelTerms,
        ProvincialTemplate,
        EntityName,
        ContactPhone,
        OwnNameVariant,
        TransposedTerm,
        UnbalancedMarks,
        EmptyExplanation,
        TemplateInstruction,
        ThreePublicName,
    ],
);
