mod template_sections;
mod template_tables;

pub use template_sections::TemplateSections;
pub use template_tables::TemplateTables;
