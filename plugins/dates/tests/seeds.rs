//! All rules of the plugin on the five seed documents, so that regressions show.

use budgetlint_plugin_dates::*;
use budgetlint_sdk::Profile;

#[test]
fn seeds() {
    let seeds = budgetlint_sdk::testing::seed_documents(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(seeds.len(), 5, "five seeds expected");
    for (name, doc) in seeds {
        let found = budgetlint_sdk::testing::run_rules(&all_rules(), &doc, &Profile::default());
        let rendered: String = found
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {} {} {}\n",
                    d.span.line,
                    d.span.col,
                    d.rule,
                    d.severity.as_str(),
                    d.message
                )
            })
            .collect();
        insta::assert_snapshot!(format!("seed_{}", &name[..3]), rendered);
    }
}
