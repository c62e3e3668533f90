//! One rule per file.

pub mod blank_page;
pub mod concatenated_item;
pub mod duplicate_paragraph;
pub mod duplicate_project;
pub mod empty_table_section;
pub mod empty_table_shown;
pub mod heading_numbering;
pub mod required_sections;
pub mod required_tables;
pub mod toc_mismatch;

pub use blank_page::BlankPage;
pub use concatenated_item::ConcatenatedItem;
pub use duplicate_paragraph::DuplicateParagraph;
pub use duplicate_project::DuplicateProject;
pub use empty_table_section::EmptyTableSection;
pub use empty_table_shown::EmptyTableShown;
pub use heading_numbering::HeadingNumbering;
pub use required_sections::RequiredSections;
pub use required_tables::RequiredTables;
pub use toc_mismatch::TocMismatch;
