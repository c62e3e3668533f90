//! One rule per file.

mod code_format;
mod code_name;
mod former_code_name;
mod item_name;

pub use code_format::CodeFormat;
pub use code_name::CodeName;
pub use former_code_name::FormerCodeName;
pub use item_name::ItemName;
