mod project_code_prefix;
mod regulation_number;
mod section_format;
mod section_order;
mod section_recommended;
mod section_unknown;
mod template_sections;
mod template_tables;
mod vocabulary;

pub use project_code_prefix::ProjectCodePrefix;
pub use regulation_number::RegulationNumber;
pub use section_format::SectionFormat;
pub use section_order::SectionOrder;
pub use section_recommended::SectionRecommended;
pub use section_unknown::SectionUnknown;
pub use template_sections::TemplateSections;
pub use template_tables::TemplateTables;
pub use vocabulary::Vocabulary;
