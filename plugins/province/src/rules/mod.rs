mod regulation_number;
mod template_sections;
mod template_tables;
mod vocabulary;

pub use regulation_number::RegulationNumber;
pub use template_sections::TemplateSections;
pub use template_tables::TemplateTables;
pub use vocabulary::Vocabulary;
