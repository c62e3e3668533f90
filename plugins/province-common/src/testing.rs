//! The fixture-test harness of the province plugins: run rules on a text under a province
//! profile, render the findings compactly for insta snapshots, apply fixes, list fixtures and
//! seeds.

use budgetlint_sdk::{Diagnostic, Profile, Rule, TextEdit};
use std::path::{Path, PathBuf};

/// A profile for `province` (`河北`), as the host would pass it after detection.
pub fn profile(province: &str) -> Profile {
    Profile {
        province: Some(province.to_string()),
        level: None,
        detected_by: "config".into(),
        ..Profile::default()
    }
}

/// Runs `rules` on `text` under `profile`, findings sorted by position.
pub fn run(rules: &[Box<dyn Rule>], text: &str, profile: &Profile) -> Vec<Diagnostic> {
    budgetlint_sdk::testing::run_rules(
        rules,
        &budgetlint_sdk::model::parse_text(text.to_string()),
        profile,
    )
}

/// `line:col rule severity message`, with related places and fixes indented under it.
pub fn render(diags: &[Diagnostic]) -> String {
    let mut s = String::new();
    for d in diags {
        s.push_str(&format!(
            "{}:{} {} {} {}\n",
            d.span.line,
            d.span.col,
            d.rule,
            d.severity.as_str(),
            d.message
        ));
        if let Some(en) = &d.message_en {
            s.push_str(&format!("    en: {en}\n"));
        }
        for r in &d.related {
            s.push_str(&format!(
                "    related {}:{} {}\n",
                r.span.line, r.span.col, r.message
            ));
        }
        if let Some(fix) = &d.fix {
            s.push_str(&format!(
                "    fix ({:?}) {}: {} edit(s)\n",
                fix.applicability,
                fix.message,
                fix.edits.len()
            ));
        }
    }
    if s.is_empty() {
        s.push_str("(no findings)\n");
    }
    s
}

/// The text with every fix of `diags` applied (edits must not overlap).
pub fn apply_fixes(text: &str, diags: &[Diagnostic]) -> String {
    let mut edits: Vec<&TextEdit> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| &f.edits)
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.start));
    let mut out = text.to_string();
    for e in edits {
        if out.is_char_boundary(e.start as usize)
            && out.is_char_boundary(e.end as usize)
            && e.start <= e.end
            && (e.end as usize) <= out.len()
        {
            out.replace_range(e.start as usize..e.end as usize, &e.replacement);
        }
    }
    out
}

/// The `*.txt` files of `dir`, sorted (empty when `dir` does not exist).
pub fn fixtures(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The seed documents of the repository (tests/fixtures/seeds), given a plugin's manifest dir.
pub fn seeds(manifest_dir: &str) -> Vec<PathBuf> {
    fixtures(&Path::new(manifest_dir).join("../../tests/fixtures/seeds"))
}

/// Runs one rule on every fixture of `dir` under the `province` profile and checks the naming
/// convention: `fire_*` must produce findings, `pass_*` none. Every fixture must also be
/// silent under the national profile and under another province (the rule is gated on its
/// province), and applying a finding's fix must remove it. Returns `(snapshot name, rendering)`
/// pairs for the caller to snapshot with insta.
pub fn check_fixture_dir(
    root: &Path,
    dir: &str,
    rule: &dyn Fn() -> Box<dyn Rule>,
    province: &str,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let files = fixtures(&root.join(dir));
    assert!(
        !files.is_empty(),
        "no fixtures in {}",
        root.join(dir).display()
    );
    for path in files {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let rules = [rule()];
        let diags = run(&rules, &text, &profile(province));
        if name.starts_with("pass_") {
            assert!(
                diags.is_empty(),
                "{dir}/{name} should be clean:\n{}",
                render(&diags)
            );
        } else if name.starts_with("fire_") {
            assert!(!diags.is_empty(), "{dir}/{name} should fire");
        }
        let national = run(&rules, &text, &Profile::default());
        assert!(
            national.is_empty(),
            "{dir}/{name}: a province rule fired under the national profile:\n{}",
            render(&national)
        );
        let other = if province == "山西" {
            "河北"
        } else {
            "山西"
        };
        assert!(
            run(&rules, &text, &self::profile(other)).is_empty(),
            "{dir}/{name}: fired under another province"
        );
        if diags.iter().any(|d| d.fix.is_some()) {
            let fixed = apply_fixes(&text, &diags);
            let after = run(&rules, &fixed, &profile(province));
            assert!(
                after.iter().all(|d| d.fix.is_none()),
                "{dir}/{name}: fixes did not remove their findings:\n{}",
                render(&after)
            );
        }
        out.push((format!("{dir}__{name}"), render(&diags)));
    }
    out
}

/// The decoded text of the seed document `name` (e.g. `004_08156c0f8873661b.txt`).
pub fn seed_text(manifest_dir: &str, name: &str) -> String {
    let path = seeds(manifest_dir)
        .into_iter()
        .find(|p| p.ends_with(name))
        .unwrap_or_else(|| panic!("seed {name} not found"));
    budgetlint_sdk::model::decode(&std::fs::read(&path).expect("seed readable"))
        .expect("seed decodes")
        .text
}

/// The province rules must stay silent on every seed when no province profile applies.
pub fn assert_silent_without_profile(manifest_dir: &str, rules: &[Box<dyn Rule>]) {
    for path in seeds(manifest_dir) {
        let text = budgetlint_sdk::model::decode(&std::fs::read(&path).expect("seed readable"))
            .expect("seed decodes")
            .text;
        let diags = run(rules, &text, &Profile::default());
        assert!(diags.is_empty(), "{}: {}", path.display(), render(&diags));
    }
}
