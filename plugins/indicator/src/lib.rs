//! budgetlint plugin `indicator`: checks of the 绩效目标表 (performance targets) of each project.
//!
//! The rules read the model's `PerfTable`s: 一级/二级/三级指标, 指标值 (parsed into operator,
//! quantity and unit) and the project's 预算数 and 资金支出计划. Shared vocabulary lives in
//! [`vocab`] (and data/hierarchy.tsv); [`view`] classifies rows and values.

pub mod rules;
pub mod view;
pub mod vocab;

use budgetlint_sdk::Rule;
use rules::*;

/// Every rule of the plugin, for tests and tools that run them without the host.
pub fn all_rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(ValueEmpty),
        Box::new(RateOver100),
        Box::new(OperatorDirection),
        Box::new(UnitStandard),
        Box::new(ValueNotAValue),
        Box::new(QualitativeVague),
        Box::new(SatisfactionSubject),
        Box::new(UnitNameMismatch),
        Box::new(CategorySemantics),
        Box::new(TargetVsBudget),
        Box::new(Hierarchy),
        Box::new(SpendingPlan),
        Box::new(SatisfactionFloor),
        Box::new(ConflictingTargets),
    ]
}

budgetlint_sdk::export_plugin!(
    name: "indicator",
    version: env!("CARGO_PKG_VERSION"),
    rules: [
        ValueEmpty,
        RateOver100,
        OperatorDirection,
        UnitStandard,
        ValueNotAValue,
        QualitativeVague,
        SatisfactionSubject,
        UnitNameMismatch,
        CategorySemantics,
        TargetVsBudget,
        Hierarchy,
        SpendingPlan,
        SatisfactionFloor,
        ConflictingTargets,
    ]
);
