//! All rules on the five seed documents under the 河北 profile (snapshots, so regressions show),
//! and the skeleton rule on edited copies of the Hebei seeds: two sections swapped, one deleted.

use budgetlint_plugin_hebei::{all_rules, SectionSkeleton, PROVINCE};
use budgetlint_province_common::testing::{
    assert_silent_without_profile, profile, render, run, seed_text,
};
use budgetlint_sdk::Rule;

fn seed(name: &str) -> String {
    seed_text(env!("CARGO_MANIFEST_DIR"), name)
}

fn check(name: &str) -> String {
    render(&run(&all_rules(), &seed(name), &profile(PROVINCE)))
}

#[test]
fn seed_000() {
    insta::assert_snapshot!(check("000_b6be87d832f84f2b.txt"));
}

#[test]
fn seed_002() {
    insta::assert_snapshot!(check("002_05b117f19e5843c3.txt"));
}

/// The Hebei rules forced onto the other provinces' seeds: they must not misfire.
#[test]
fn other_provinces_seeds_forced_to_hebei() {
    for name in [
        "001_c5c4ecd7bc6cfe7d.txt",
        "003_bd2267095a380eb6.txt",
        "004_08156c0f8873661b.txt",
    ] {
        insta::assert_snapshot!(format!("forced_{}", &name[..3]), check(name));
    }
}

#[test]
fn nothing_under_the_national_profile() {
    assert_silent_without_profile(env!("CARGO_MANIFEST_DIR"), &all_rules());
}

/// The text from the line starting with `from` up to (not including) the line starting with `to`.
fn cut(text: &str, from: &str, to: &str) -> (usize, usize) {
    let start = text
        .find(&format!("\n{from}"))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no line {from}"));
    let end = text[start..]
        .find(&format!("\n{to}"))
        .map(|i| start + i + 1)
        .unwrap_or_else(|| panic!("no line {to}"));
    let _ = &text[start..end];
    (start, end)
}

fn skeleton(text: &str) -> Vec<budgetlint_sdk::Diagnostic> {
    let rules: Vec<Box<dyn Rule>> = vec![Box::new(SectionSkeleton)];
    run(&rules, text, &profile(PROVINCE))
}

#[test]
fn deleting_a_section_names_it() {
    for name in ["000_b6be87d832f84f2b.txt", "002_05b117f19e5843c3.txt"] {
        let text = seed(name);
        let (a, b) = cut(&text, "六、", "七、");
        let edited = format!("{}{}", &text[..a], &text[b..]);
        let diags = skeleton(&edited);
        assert_eq!(diags.len(), 1, "{name}: {}", render(&diags));
        assert!(
            diags[0].message.contains("第六部分“政府采购预算情况”"),
            "{name}: {}",
            diags[0].message
        );
    }
}

#[test]
fn swapping_two_sections_names_one_of_them() {
    for name in ["000_b6be87d832f84f2b.txt", "002_05b117f19e5843c3.txt"] {
        let text = seed(name);
        let (a, b) = cut(&text, "三、", "四、");
        let (_, c) = cut(&text, "四、", "五、");
        let edited = format!("{}{}{}{}", &text[..a], &text[b..c], &text[a..b], &text[c..]);
        let diags = skeleton(&edited);
        assert_eq!(diags.len(), 1, "{name}: {}", render(&diags));
        let m = &diags[0].message;
        assert!(
            m.contains("机关运行经费安排情况") || m.contains("三公"),
            "{name}: {m}"
        );
        assert!(m.contains("位置不符合"), "{name}: {m}");
    }
}

#[test]
fn seeds_are_complete() {
    for name in ["000_b6be87d832f84f2b.txt", "002_05b117f19e5843c3.txt"] {
        let diags = skeleton(&seed(name));
        assert!(diags.is_empty(), "{name}: {}", render(&diags));
    }
}
