//! One rule per file. The Hebei template's nine sections are data
//! (`data/provinces/hebei-budget.toml`, checked by `province/template-sections`, which answers to
//! the former id `hebei/section-skeleton`); what stays here is logic a list of titles cannot say:
//! project codes against the division table, the fixed-asset table's sums, the 绩效目标表's
//! columns.

pub mod asset_table;
pub mod perf_table_columns;
pub mod project_code_prefix;

pub use asset_table::AssetTable;
pub use perf_table_columns::PerfTableColumns;
pub use project_code_prefix::ProjectCodePrefix;
