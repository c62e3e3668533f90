//! One rule per file. What stays compiled here, and why (docs/PROVINCES.md): the ten items of
//! the 部门预算编制说明 are data (`data/provinces/sichuan-budget.toml`; the former
//! `sichuan/budget-structure` is now `province/section-recommended` and `province/section-order`),
//! but `class-list-complete` reads a paragraph's list of 类 and compares it with the national
//! classification of the document's year — a computation on the text, not a list of titles.

pub mod class_list_complete;

pub use class_list_complete::ClassListComplete;
