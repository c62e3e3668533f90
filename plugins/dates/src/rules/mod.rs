//! One rule per file.

mod impossible;
mod period_end;
mod previous_year_reference;
mod range_order;
mod self_comparison;
mod stale_figure_year;
mod stale_period;
mod stale_year;
mod title_year;

pub use impossible::Impossible;
pub use period_end::PeriodEnd;
pub use previous_year_reference::PreviousYearReference;
pub use range_order::RangeOrder;
pub use self_comparison::SelfComparison;
pub use stale_figure_year::StaleFigureYear;
pub use stale_period::StalePeriod;
pub use stale_year::StaleYear;
pub use title_year::TitleYear;
