//! One rule per file. The Hebei template is data (`data/provinces/hebei-budget.toml`): its nine
//! sections (`province/template-sections`, former id `hebei/section-skeleton`), its project
//! codes' prefix (`province/project-code-prefix`, former id `hebei/project-code-prefix`) and its
//! 绩效目标表's columns (`province/perf-table-columns`, former id `hebei/perf-table-columns`).
//! What stays here is logic data cannot say: the fixed-asset table (`asset-table`) is found by
//! its header, its rows added up and compared with its total and with the totals the text
//! states — arithmetic over the document's own figures, not a list of titles or cells.

pub mod asset_table;

pub use asset_table::AssetTable;
