//! One rule per file.

mod change_mismatch;
mod class_label;
mod percent_mismatch;
mod percent_total;
mod rounding_gap;
mod same_figure;
mod scope;
mod sum_mismatch;
mod table_sum;
mod vehicles;
mod zero_denominator;

pub use change_mismatch::ChangeMismatch;
pub use class_label::ClassLabel;
pub use percent_mismatch::PercentMismatch;
pub use percent_total::PercentTotal;
pub use rounding_gap::RoundingGap;
pub use same_figure::SameFigure;
pub use scope::Scope;
pub use sum_mismatch::SumMismatch;
pub use table_sum::TableSum;
pub use vehicles::Vehicles;
pub use zero_denominator::ZeroDenominator;
