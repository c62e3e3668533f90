//! One rule per file.

pub mod budget_structure;
pub mod class_list_complete;

pub use budget_structure::BudgetStructure;
pub use class_list_complete::ClassListComplete;
