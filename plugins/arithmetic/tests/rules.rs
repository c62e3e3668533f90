//! Runs every rule of the plugin on fixture documents and snapshots the findings.

use budgetlint_plugin_arithmetic::*;
use budgetlint_sdk::testing::check_text;

fn render(text: &str) -> String {
    let mut lines = Vec::new();
    for rule in all_rules() {
        for d in check_text(rule.as_ref(), text) {
            let related: Vec<String> = d
                .related
                .iter()
                .map(|r| format!("L{}", r.span.line))
                .collect();
            lines.push(format!(
                "{}:{} {} {} {} [{}]",
                d.span.line,
                d.span.col,
                d.rule,
                d.severity.as_str(),
                d.message,
                related.join(",")
            ));
        }
    }
    lines.sort();
    lines.join("\n")
}

#[test]
fn sums_changes_percentages() {
    let text = include_str!("fixtures/sums.txt");
    insta::assert_snapshot!(render(text));
}

// Each rule on its own fixtures (tests/fixtures/<rule-name>/: `fire*` must produce findings of
// the rule, `pass*` — correct-looking traps: exact rounding, integer percentages that round
// right, partial “其中” lists — none), one snapshot per fixture. Every rule is in the table; the
// tidy test (crates/sdk/tests/tidy.rs) checks that, and that each has both kinds of fixture.
budgetlint_sdk::rule_fixture_tests! {
    sum_mismatch: SumMismatch,
    sum_shortfall: SumShortfall,
    count_sum_mismatch: CountSumMismatch,
    rounding_gap: RoundingGap,
    table_sum: TableSum,
    change_mismatch: ChangeMismatch,
    change_mismatch_doubt: ChangeMismatchDoubt,
    change_rate_truncated: ChangeRateTruncated,
    percent_mismatch: PercentMismatch,
    percent_mismatch_doubt: PercentMismatchDoubt,
    percent_truncated: PercentTruncated,
    percent_total: PercentTotal,
    zero_denominator: ZeroDenominator,
    zero_budget_rate: ZeroBudgetRate,
    execution_rate: ExecutionRate,
    same_figure: SameFigure,
    class_label: ClassLabel,
    scope: Scope,
    scope_kind_doubt: ScopeKindDoubt,
    vehicles: Vehicles,
    same_quantity: SameQuantity,
    same_quantity_split: SameQuantitySplit,
    basic_split: BasicSplit,
    three_public_split: ThreePublicSplit,
    fiscal_sources: FiscalSources,
    source_part_exceeds: SourcePartExceeds,
    growth_from_zero: GrowthFromZero,
    rate_without_percent: RateWithoutPercent,
    comparison_word: ComparisonWord,
    row_sum: RowSum,
    item_amount: ItemAmount,
    listed_item_empty: ListedItemEmpty,
}

/// The unsafe fix of a wrong percentage replaces it with the recomputed value, after which no
/// finding remains.
#[test]
fn percent_fix_applies_and_rechecks_clean() {
    let text = "卫生健康支出年初预算 18.57 万元，支出决算数 18.43 万元，完成年初预算的 99.68%。\n";
    let found = check_text(&PercentMismatch, text);
    let fix = found[0].fix.as_ref().expect("a fix");
    assert_eq!(fix.applicability, budgetlint_sdk::Applicability::Unsafe);
    let edit = &fix.edits[0];
    let fixed = format!(
        "{}{}{}",
        &text[..edit.start as usize],
        edit.replacement,
        &text[edit.end as usize..]
    );
    assert!(fixed.contains("完成年初预算的 99.25%"), "{fixed}");
    assert!(check_text(&PercentMismatch, &fixed).is_empty());
}

/// A total contradicted by its parts and by another mention of itself gets the parts' sum as an
/// unsafe fix; after it, nothing is reported.
#[test]
fn total_fix_applies_and_rechecks_clean() {
    let text = include_str!("fixtures/sum-mismatch/fire.txt");
    let found = check_text(&SumMismatch, text);
    let fixed: Vec<_> = found.iter().filter(|d| d.fix.is_some()).collect();
    assert_eq!(fixed.len(), 1, "{found:?}");
    let edit = &fixed[0].fix.as_ref().unwrap().edits[0];
    let after = format!(
        "{}{}{}",
        &text[..edit.start as usize],
        edit.replacement,
        &text[edit.end as usize..]
    );
    assert!(after.contains("共计10795.51万元"), "{after}");
    assert_eq!(check_text(&SumMismatch, &after).len(), found.len() - 1);
}

#[test]
fn seeds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seeds");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let mut out = String::new();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        out.push_str(&format!(
            "== {}\n{}\n",
            path.file_name().unwrap().to_string_lossy(),
            render(&text)
        ));
    }
    insta::assert_snapshot!(out);
}
