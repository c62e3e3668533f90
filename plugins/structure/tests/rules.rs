//! Each rule on its fixtures (tests/fixtures/<rule-name>/), by the one fixture convention of
//! every plugin (`budgetlint_sdk::rule_fixture_tests!`): `fire*` files must produce findings,
//! `info*` info findings only, `pass*` none, applying the fixes removes what they fix, and the
//! findings are snapshot-tested (tests/snapshots/<rule-name>__<fixture>.snap).

mod common;

use budgetlint_plugin_structure::*;
use common::{apply_fixes, fixtures, render, run};

budgetlint_sdk::rule_fixture_tests! {
    heading_numbering: HeadingNumbering,
    numbering_gap_doubt: NumberingGapDoubt,
    run_in_item: RunInItem,
    bracket_width: BracketWidth,
    toc_mismatch: TocMismatch,
    toc_title_differs: TocTitleDiffers,
    toc_table_doubt: TocTableDoubt,
    duplicate_paragraph: DuplicateParagraph,
    concatenated_item: ConcatenatedItem,
    duplicate_project: DuplicateProject,
    required_tables: RequiredTables,
    table_unread: TableUnread,
    tables_elsewhere: TablesElsewhere,
    required_sections: RequiredSections,
    phased_in_sections: PhasedInSections,
    explanation_absent: ExplanationAbsent,
    empty_table_shown: EmptyTableShown,
    emptied_table_stated: EmptiedTableStated,
    empty_table_section: EmptyTableSection,
    blank_page: BlankPage,
    decimals_slip: DecimalsSlip,
    glossary_item_absent: GlossaryItemAbsent,
}

/// The half-width bracket fix writes full-width brackets and the finding goes away.
#[test]
fn bracket_fix_is_clean_after_applying() {
    let text = std::fs::read_to_string(
        fixtures("bracket-width")
            .into_iter()
            .find(|p| p.ends_with("fire_half_width_brackets.txt"))
            .expect("fixture"),
    )
    .expect("fixture is UTF-8");
    let diags = run(&[Box::new(BracketWidth)], &text);
    let fixed = apply_fixes(&text, &diags);
    assert!(
        fixed.contains("（三）负责") && !fixed.contains("(三)"),
        "{fixed}"
    );
    assert!(run(&[Box::new(BracketWidth)], &fixed).is_empty());
}

/// Deleting the repeated paragraph leaves no duplicate.
#[test]
fn duplicate_paragraph_fix_is_clean_after_applying() {
    let text = std::fs::read_to_string(
        fixtures("duplicate-paragraph")
            .into_iter()
            .find(|p| p.ends_with("fire_repeated_paragraph.txt"))
            .expect("fixture"),
    )
    .expect("fixture is UTF-8");
    let diags = run(&[Box::new(DuplicateParagraph)], &text);
    assert_eq!(diags.len(), 1);
    let fixed = apply_fixes(&text, &diags);
    assert!(run(&[Box::new(DuplicateParagraph)], &fixed).is_empty());
    assert!(fixed.contains("综合预算管理") && !fixed.contains("综合预算制度"));
}

/// No rule panics on odd input.
#[test]
fn odd_inputs_do_not_panic() {
    let odd = [
        "",
        "\n\n\n",
        "目录\n",
        "目 录\n一、\n",
        "（\n(一\n第部分\n",
        "\t\t\n\t\n",
        "一、\n一、\n一、\n",
        "附件：\n一、表\n",
    ];
    for text in odd {
        let _ = run(&all_rules(), text);
    }
}

/// Whole, well-formed documents in two other templates: no rule has anything to say.
#[test]
fn clean_documents_have_no_findings() {
    for path in fixtures("documents") {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let diags = run(&all_rules(), &text);
        assert!(diags.is_empty(), "{}:\n{}", path.display(), render(&diags));
    }
}

/// Many similar paragraphs (they differ in their digits, so none is a copy) with two real
/// copies among them: the copies are still found, in bounded time (comparing every pair took
/// minutes on 7.5 MB). The bound is generous for a debug build on a busy machine (24 s was
/// measured while other builds ran; the quadratic version took minutes).
#[test]
fn duplicate_paragraph_on_many_paragraphs() {
    let copied = "按照预算管理有关规定，目前我县部门预算的编制实行综合预算管理，即全部收入和支出都反映在预算中。";
    let changed = "按照预算管理有关规定，目前我县部门预算的编制实行综合预算制度，即全部收入和支出都反映的预算中。";
    let mut text = String::new();
    for i in 0..6000 {
        text.push_str(&format!(
            "第{i}项：本单位年度工作任务按计划推进，各项资金按进度拨付使用，编号{i}。\n\n"
        ));
        if i == 1000 {
            text.push_str(&format!("{copied}\n\n"));
        }
        if i == 5000 {
            text.push_str(&format!("{changed}\n\n"));
        }
    }
    let started = std::time::Instant::now();
    let diags = run(&[Box::new(DuplicateParagraph)], &text);
    assert!(started.elapsed() < std::time::Duration::from_secs(90));
    let lines: Vec<u32> = diags.iter().map(|d| d.span.line).collect();
    let changed_line = text[..text.find(changed).unwrap()].matches('\n').count() as u32 + 1;
    assert_eq!(lines, [changed_line], "{}", render(&diags));
}
