//! One rule per file.

mod admin_level_terms;
mod agency_name;
mod contact_phone;
mod doc_kind_term;
mod doc_scope_term;
mod double_negative;
mod doubled_phrase;
mod empty_cell;
mod empty_explanation;
mod entity_name;
mod extraction_leftover;
mod own_name_variant;
mod provincial_template;
mod template_alternative;
mod template_instruction;
mod template_token;
mod transposed_term;
mod unbalanced_marks;

pub use admin_level_terms::AdminLevelTerms;
pub use agency_name::AgencyName;
pub use contact_phone::ContactPhone;
pub use doc_kind_term::DocKindTerm;
pub use doc_scope_term::DocScopeTerm;
pub use double_negative::DoubleNegative;
pub use doubled_phrase::DoubledPhrase;
pub use empty_cell::EmptyCell;
pub use empty_explanation::EmptyExplanation;
pub use entity_name::EntityName;
pub use extraction_leftover::ExtractionLeftover;
pub use own_name_variant::OwnNameVariant;
pub use provincial_template::ProvincialTemplate;
pub use template_alternative::TemplateAlternative;
pub use template_instruction::TemplateInstruction;
pub use template_token::TemplateToken;
pub use transposed_term::TransposedTerm;
pub use unbalanced_marks::UnbalancedMarks;
