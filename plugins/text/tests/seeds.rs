//! All rules of the plugin on the five seed documents, so that regressions show.

budgetlint_sdk::seed_snapshot_tests!(budgetlint_plugin_text::all_rules());
