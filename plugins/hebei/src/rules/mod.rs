//! One rule per file.

pub mod asset_table;
pub mod perf_table_columns;
pub mod project_code_prefix;
pub mod section_skeleton;

pub use asset_table::AssetTable;
pub use perf_table_columns::PerfTableColumns;
pub use project_code_prefix::ProjectCodePrefix;
pub use section_skeleton::SectionSkeleton;
