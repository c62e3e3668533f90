//! One rule per file. Compiled rather than data (docs/PROVINCES.md): the 附件's tables are
//! recognised by their header when printed without a title, their 预算N表 numbers are checked
//! against the 目录, and figures are compared across tables — none of which a list of titles says.

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
