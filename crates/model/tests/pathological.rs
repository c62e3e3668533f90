//! Inputs that once took minutes (the issue "Safe to run on anything"): each must parse in well
//! under the bound even in a debug build. The bound is generous on purpose (a loaded CI machine
//! must not fail it); a quadratic path takes minutes on these sizes, not seconds.
//! scripts/bench-pathological.sh measures the same shapes on the release binary at N and 2N.

use budgetlint_model::parse;
use std::time::{Duration, Instant};

/// 60 s: a debug build takes about 4 s for the largest case on an idle 2-core machine and 12 s
/// when that machine builds other crates at the same time; a quadratic path takes minutes.
const BOUND: Duration = Duration::from_secs(60);

/// A case: its name, the input, and what the model must show of it.
type Case = (
    &'static str,
    Vec<u8>,
    fn(&budgetlint_model::Document) -> bool,
);

fn cases() -> Vec<Case> {
    let row = "项目名称\t\t\t资金支出计划\t3月底\t\t6月底\n";
    vec![
        (
            "one line of 200,000 tabs",
            "\t".repeat(200_000).into_bytes(),
            // White space only: a blank line, in no block.
            |d| d.blocks.is_empty(),
        ),
        (
            "a row of 200,000 empty cells",
            format!("项目名称{}合计", "\t".repeat(200_000)).into_bytes(),
            |d| d.tables.len() == 1 && d.tables[0].rows[0].cells.len() == 200_001,
        ),
        (
            "a 1 MB single line of prose",
            "本部门2021年一般公共预算支出合计10785.51万元，较上年增加12.5%。"
                .repeat(1_000_000 / 80)
                .into_bytes(),
            |d| d.facts.len() > 10_000,
        ),
        (
            "a 200,000-cell 绩效目标表 key row",
            format!("{}\n", "项目名称\t".repeat(100_000) + &"\t".repeat(100_000)).into_bytes(),
            |d| d.tables.len() == 1,
        ),
        (
            "a table of 100,000 rows",
            row.repeat(100_000).into_bytes(),
            |d| d.tables.len() == 1 && d.tables[0].rows.len() == 100_000,
        ),
        (
            "20,000 headings",
            "一、基本情况\n".repeat(20_000).into_bytes(),
            |d| d.outline.len() == 20_000,
        ),
    ]
}

#[test]
fn pathological_inputs_parse_in_bounded_time() {
    for (name, bytes, check) in cases() {
        let started = Instant::now();
        let doc = parse(&bytes).unwrap();
        let took = started.elapsed();
        assert!(took < BOUND, "{name}: {took:?}");
        assert!(check(&doc), "{name}: unexpected model");
    }
}
