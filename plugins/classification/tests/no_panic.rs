//! No rule panics on damaged input: the seeds cut at arbitrary places, with fragments of the
//! constructs the rules look for spliced in (`budgetlint_sdk::testing::DAMAGING_SPLICES`).

budgetlint_sdk::damaged_seed_tests!(budgetlint_plugin_classification::all_rules());
