//! One rule per file.

mod basic_split;
mod change_mismatch;
mod class_label;
mod comparison_word;
mod fiscal_sources;
mod growth_from_zero;
mod percent_mismatch;
mod percent_total;
mod rounding_gap;
mod row_sum;
mod same_figure;
mod same_quantity;
mod scope;
mod sum_mismatch;
mod table_sum;
mod three_public_split;
mod vehicles;
mod zero_denominator;

pub use basic_split::BasicSplit;
pub use change_mismatch::ChangeMismatch;
pub use class_label::ClassLabel;
pub use comparison_word::ComparisonWord;
pub use fiscal_sources::FiscalSources;
pub use growth_from_zero::GrowthFromZero;
pub use percent_mismatch::PercentMismatch;
pub use percent_total::PercentTotal;
pub use rounding_gap::RoundingGap;
pub use row_sum::RowSum;
pub use same_figure::SameFigure;
pub use same_quantity::SameQuantity;
pub use scope::Scope;
pub use sum_mismatch::SumMismatch;
pub use table_sum::TableSum;
pub use three_public_split::ThreePublicSplit;
pub use vehicles::Vehicles;
pub use zero_denominator::ZeroDenominator;
