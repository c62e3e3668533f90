//! Rules for the Sichuan (四川) 部门预算编制说明 template. They run only when the document's
//! profile is 四川.

pub mod rules;

pub use rules::*;

/// The province these rules belong to.
pub const PROVINCE: &str = "四川";

budgetlint_sdk::export_plugin!(
    name: "sichuan",
    version: env!("CARGO_PKG_VERSION"),
    rules: [BudgetStructure, ClassListComplete],
    provinces: [PROVINCE],
);
