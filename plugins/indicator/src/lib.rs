//! budgetlint plugin `indicator`: checks of the 绩效目标表 (performance targets) of each project.
//!
//! The rules read the model's `PerfTable`s: 一级/二级/三级指标, 指标值 (parsed into operator,
//! quantity and unit) and the project's 预算数 and 资金支出计划. Shared vocabulary lives in
//! [`vocab`] (and data/hierarchy.tsv); [`view`] classifies rows and values. `self-score` reads
//! the text instead: a project's 自评得分 in the 说明 against its 绩效自评表's 总分 line.

pub mod rules;
pub mod view;
pub mod vocab;

use rules::*;

budgetlint_sdk::export_plugin!(
    name: "indicator",
    version: env!("CARGO_PKG_VERSION"),
    rules: [
        ValueEmpty,
        RateOver100,
        RateAtLeast100,
        OperatorDirection,
        OperatorOpposite,
        UnitStandard,
        ValueNotAValue,
        ValueIsARule,
        QualitativeVague,
        SatisfactionSubject,
        UnitNameMismatch,
        RateNamedTimeLimit,
        CategorySemantics,
        SustainableDeadline,
        RateAsQuantity,
        TargetVsBudget,
        MonthlyCapFarBelow,
        TargetNearBudget,
        TargetUnitDoubt,
        Hierarchy,
        HierarchyName,
        SpendingPlan,
        SatisfactionFloor,
        ConflictingTargets,
        SelfScore,
    ]
);
