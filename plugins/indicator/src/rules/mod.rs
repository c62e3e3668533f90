//! One rule per file.

pub mod category_semantics;
pub mod conflicting_targets;
pub mod hierarchy;
pub mod operator_direction;
pub mod qualitative_vague;
pub mod rate_as_quantity;
pub mod rate_at_least_100;
pub mod rate_over_100;
pub mod satisfaction_floor;
pub mod satisfaction_subject;
pub mod spending_plan;
pub mod target_vs_budget;
pub mod unit_name_mismatch;
pub mod unit_standard;
pub mod value_empty;
pub mod value_not_a_value;

pub use category_semantics::CategorySemantics;
pub use conflicting_targets::ConflictingTargets;
pub use hierarchy::Hierarchy;
pub use operator_direction::OperatorDirection;
pub use qualitative_vague::QualitativeVague;
pub use rate_as_quantity::RateAsQuantity;
pub use rate_at_least_100::RateAtLeast100;
pub use rate_over_100::RateOver100;
pub use satisfaction_floor::SatisfactionFloor;
pub use satisfaction_subject::SatisfactionSubject;
pub use spending_plan::SpendingPlan;
pub use target_vs_budget::TargetVsBudget;
pub use unit_name_mismatch::UnitNameMismatch;
pub use unit_standard::UnitStandard;
pub use value_empty::ValueEmpty;
pub use value_not_a_value::ValueNotAValue;
