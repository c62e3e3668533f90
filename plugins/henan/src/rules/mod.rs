//! One rule per file. The budget's parts and their items are data
//! (`data/provinces/henan-budget.toml`, checked by the `province` plugin). Compiled rather than
//! data (docs/PROVINCES.md), each because a list of titles cannot say it:
//! - `budget-structure` (a table of the 附件's twelve missing), `budget-order` (one out of order)
//!   and `annex-untitled-table` (one printed without its title): the 附件's tables are
//!   recognised by their header when printed without a title, and a template's tables have
//!   titles only;
//! - `table-number-map`: the 预算N表 labels checked against the 目录's numbering, a mapping the
//!   document itself defines;
//! - `project-perf-table`: the 项目绩效目标汇总表's indicator columns read from a header of
//!   several rows (产出指标 over 数量/质量/时效/成本, each with 中期 and 年度), naming the group
//!   written in its place;
//! - `overall-perf-crosscheck` and `overall-perf-split-differs`: the 整体绩效目标表's figures
//!   compared with the budget tables' — arithmetic across tables.

pub mod annex_untitled_table;
pub mod budget_order;
pub mod budget_structure;
pub mod overall_perf_crosscheck;
pub mod overall_perf_split_differs;
pub mod project_perf_table;
pub mod table_number_map;

pub use annex_untitled_table::AnnexUntitledTable;
pub use budget_order::BudgetOrder;
pub use budget_structure::BudgetStructure;
pub use overall_perf_crosscheck::OverallPerfCrosscheck;
pub use overall_perf_split_differs::OverallPerfSplitDiffers;
pub use project_perf_table::ProjectPerfTable;
pub use table_number_map::TableNumberMap;
