//! All rules of the plugin on the five seed documents, snapshot-tested so that regressions show.

mod common;

use common::{render, run};

fn seed(name: &str) -> String {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seeds"
    ))
    .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    budgetlint_sdk::model::decode(&bytes)
        .expect("seed decodes")
        .text
}

fn check(name: &str) -> String {
    render(&run(&budgetlint_plugin_structure::all_rules(), &seed(name)))
}

#[test]
fn seed_000() {
    insta::assert_snapshot!(check("000_b6be87d832f84f2b.txt"));
}

#[test]
fn seed_001() {
    insta::assert_snapshot!(check("001_c5c4ecd7bc6cfe7d.txt"));
}

#[test]
fn seed_002() {
    insta::assert_snapshot!(check("002_05b117f19e5843c3.txt"));
}

#[test]
fn seed_003() {
    insta::assert_snapshot!(check("003_bd2267095a380eb6.txt"));
}

#[test]
fn seed_004() {
    insta::assert_snapshot!(check("004_08156c0f8873661b.txt"));
}

/// No rule panics on a seed cut short anywhere (half tables, a 目录 without its body …).
#[test]
fn cut_seeds_do_not_panic() {
    let rules = budgetlint_plugin_structure::all_rules();
    for name in [
        "000_b6be87d832f84f2b.txt",
        "001_c5c4ecd7bc6cfe7d.txt",
        "002_05b117f19e5843c3.txt",
        "003_bd2267095a380eb6.txt",
        "004_08156c0f8873661b.txt",
    ] {
        let text = seed(name);
        let cuts = 12;
        for k in 1..cuts {
            let mut at = text.len() * k / cuts;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let _ = run(&rules, &text[..at]);
            let _ = run(&rules, &text[at..]);
        }
    }
}
