//! 政府收支分类科目 (functional classification) in tables: how codes are written and whether
//! the name next to a code is that code's name; and whether the text's 类/款/项 names are
//! those the tables list.

mod coded_rows;
pub mod rules;

pub use rules::*;

budgetlint_sdk::export_plugin!(name: "classification", version: env!("CARGO_PKG_VERSION"), rules: [CodeFormat, CodeName, FormerCodeName, ItemName]);
