//! One rule per file.

pub mod budget_structure;
pub mod overall_perf_crosscheck;
pub mod project_perf_table;
pub mod table_number_map;

pub use budget_structure::BudgetStructure;
pub use overall_perf_crosscheck::OverallPerfCrosscheck;
pub use project_perf_table::ProjectPerfTable;
pub use table_number_map::TableNumberMap;
