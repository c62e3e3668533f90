//! All rules on the five seed documents under the 四川 profile (snapshots, so regressions show).
//! The ten items of the 编制说明 are data now: `plugins/province/tests/seeds.rs` checks them on
//! seed 003 and on edited copies (an item deleted, two swapped).

use budgetlint_plugin_sichuan::{all_rules, PROVINCE};
use budgetlint_province_common::testing::{
    assert_silent_without_profile, profile, render, run, seed_text,
};

const SICHUAN_SEED: &str = "003_bd2267095a380eb6.txt";

fn seed(name: &str) -> String {
    seed_text(env!("CARGO_MANIFEST_DIR"), name)
}

fn check(name: &str) -> String {
    render(&run(&all_rules(), &seed(name), &profile(PROVINCE)))
}

#[test]
fn seed_003() {
    insta::assert_snapshot!(check(SICHUAN_SEED));
}

/// The Sichuan rules forced onto the other provinces' seeds: they must not misfire.
#[test]
fn other_provinces_seeds_forced_to_sichuan() {
    for name in [
        "000_b6be87d832f84f2b.txt",
        "001_c5c4ecd7bc6cfe7d.txt",
        "002_05b117f19e5843c3.txt",
        "004_08156c0f8873661b.txt",
    ] {
        insta::assert_snapshot!(format!("forced_{}", &name[..3]), check(name));
    }
}

#[test]
fn nothing_under_the_national_profile() {
    assert_silent_without_profile(env!("CARGO_MANIFEST_DIR"), &all_rules());
}
