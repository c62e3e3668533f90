//! One rule per file. The Hebei template is data (`data/provinces/hebei-budget.toml`): its nine
//! sections (`province/template-sections`, former id `hebei/section-skeleton`) and its project
//! codes' prefix (`project-code-prefix = "division"`: `province/project-code-prefix`, former id
//! `hebei/project-code-prefix`). What stays here is logic data cannot say: the fixed-asset
//! table's figures added up and compared with the text (`asset-table`: arithmetic over a table
//! found by its header), and the 绩效目标表's columns (`perf-table-columns`: the indicator
//! columns and, in the coded variant of the form, the 项目编码 and the 资金支出计划's checkpoint
//! months, recognised cell by cell inside a table).

pub mod asset_table;
pub mod perf_table_columns;

pub use asset_table::AssetTable;
pub use perf_table_columns::PerfTableColumns;
