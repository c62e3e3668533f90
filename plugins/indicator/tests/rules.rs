//! Each rule on its fixtures (tests/fixtures/<rule-name>/), by the one fixture convention of
//! every plugin (`budgetlint_sdk::rule_fixture_tests!`): `fire*` files must produce findings,
//! `info*` info findings only, `pass*` none, applying the fixes removes what they fix, and the
//! findings are snapshot-tested (tests/snapshots/<rule-name>__<fixture>.snap).

use budgetlint_plugin_indicator::rules::*;

budgetlint_sdk::rule_fixture_tests! {
    value_empty: ValueEmpty,
    rate_over_100: RateOver100,
    rate_at_least_100: RateAtLeast100,
    operator_direction: OperatorDirection,
    operator_opposite: OperatorOpposite,
    unit_standard: UnitStandard,
    value_not_a_value: ValueNotAValue,
    value_is_a_rule: ValueIsARule,
    qualitative_vague: QualitativeVague,
    satisfaction_subject: SatisfactionSubject,
    unit_name_mismatch: UnitNameMismatch,
    rate_named_time_limit: RateNamedTimeLimit,
    category_semantics: CategorySemantics,
    sustainable_deadline: SustainableDeadline,
    rate_as_quantity: RateAsQuantity,
    target_vs_budget: TargetVsBudget,
    monthly_cap_far_below: MonthlyCapFarBelow,
    target_near_budget: TargetNearBudget,
    target_unit_doubt: TargetUnitDoubt,
    hierarchy: Hierarchy,
    hierarchy_name: HierarchyName,
    spending_plan: SpendingPlan,
    satisfaction_floor: SatisfactionFloor,
    conflicting_targets: ConflictingTargets,
    self_score: SelfScore,
}
