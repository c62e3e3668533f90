//! One rule per file. Compiled rather than data (docs/PROVINCES.md): `budget-structure` is
//! another judgement than `province/template-sections` (a missing 编制说明 item is a warning, and
//! auto-numbered `1、` items count as top level), and `class-list-complete` reads a paragraph's
//! list of 类 against the national classification.

pub mod budget_structure;
pub mod class_list_complete;

pub use budget_structure::BudgetStructure;
pub use class_list_complete::ClassListComplete;
