//! No rule panics on damaged input: the seeds cut at arbitrary places, with fragments of the
//! constructs the rules look for (brackets, years, numbers, table tabs, placeholders) spliced in.

use budgetlint_plugin_text::*;
use budgetlint_sdk::Profile;

/// Fragments that open constructs without closing them.
const SPLICES: &[&str] = &[
    "【20",
    "〔2020〕",
    "[2016]52",
    "号",
    "第0",
    "\t",
    "\n\t",
    "XX",
    "××",
    "##A",
    "《",
    "》",
    "{",
    "2020年",
    "302112",
    "至",
    "：指省级",
    "未无",
    "负责人\t",
    "联系电话\t",
    "\u{FFFD}",
    "𠀀",
];

#[test]
fn damaged_seeds_do_not_panic() {
    for (_, seed) in budgetlint_sdk::testing::seed_documents(env!("CARGO_MANIFEST_DIR")) {
        for piece in budgetlint_sdk::testing::damaged_copies(&seed.text, 12, SPLICES, 0x5eed) {
            let doc = budgetlint_sdk::model::parse_text(piece);
            let found = budgetlint_sdk::testing::run_rules(&all_rules(), &doc, &Profile::default());
            budgetlint_sdk::testing::assert_spans_in_text(&doc, &found);
        }
    }
}
