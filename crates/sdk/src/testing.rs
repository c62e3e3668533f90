//! Helpers for a plugin's own unit tests: run one rule on a text without a host.

use crate::{Context, Diagnostic, Profile, Rule, Views};

/// Parses `text` with the model's parser and runs `rule` on it with default options and the
/// national profile, the way the host would.
pub fn check_text(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    check_text_with(rule, text, &serde_json::json!({}), &Profile::default())
}

/// Like [`check_text`] with explicit options (the rule's rules.toml table) and profile.
pub fn check_text_with(
    rule: &dyn Rule,
    text: &str,
    options: &serde_json::Value,
    profile: &Profile,
) -> Vec<Diagnostic> {
    let doc = budgetlint_model::parse_text(text.to_string());
    let mut out = Vec::new();
    let views = Views::new(&doc, profile);
    rule.check(&Context::new(&views, options), &mut out);
    assert_one_judgement(rule.meta(), &out);
    out
}

/// Every finding of `meta`'s rule is under its id and at its declared default severity: a
/// rule's severity is its declaration, and rules.toml is the only way to change it. Called on
/// every finding the fixture harness, the seed runs and [`check_text`] see, so a rule that
/// grades a finding apart from its default fails its own tests.
pub fn assert_one_judgement(meta: &crate::RuleMeta, diags: &[Diagnostic]) {
    for d in diags {
        assert_eq!(
            d.rule, meta.id,
            "{} reported a finding under another id",
            meta.id
        );
        assert!(
            d.severity == meta.default_severity,
            "{} declares {} but reported {} at {}:{} (“{}”): a case that deserves another \
             severity is its own rule id (README “Severity”)",
            meta.id,
            meta.default_severity.as_str(),
            d.severity.as_str(),
            d.span.line,
            d.span.col,
            d.message
        );
    }
}

/// `line:col rule severity message`, then each related location and the fix, one per line;
/// `(no findings)` when there are none. The rendering plugins snapshot in their tests.
pub fn render(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&finding_line(d));
        for r in &d.related {
            out.push_str(&format!(
                "    related {}:{} {}\n",
                r.span.line, r.span.col, r.message
            ));
        }
        if let Some(fix) = &d.fix {
            let edits: Vec<String> = fix
                .edits
                .iter()
                .map(|e| format!("{}..{}→“{}”", e.start, e.end, e.replacement))
                .collect();
            out.push_str(&format!(
                "    fix ({:?}) {}: {}\n",
                fix.applicability,
                fix.message,
                edits.join(", ")
            ));
        }
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

/// The `*.txt` files of a fixture directory, sorted by name: (file stem, text).
pub fn fixture_files(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (stem, text)
        })
        .collect()
}

/// Applies the edits of every fix (they must not overlap), last edit first.
pub fn apply_fixes(text: &str, diags: &[Diagnostic]) -> String {
    let mut edits: Vec<&crate::TextEdit> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.start, e.end)));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for e in edits {
        let (start, end) = (e.start as usize, e.end as usize);
        assert!(end <= limit, "overlapping fix edits at {start}..{end}");
        out.replace_range(start..end, &e.replacement);
        limit = start;
    }
    out
}

/// The one fixture convention of every plugin (the tidy test checks it): a rule's fixtures are
/// the `*.txt` files of `tests/fixtures/<rule-name>/`, where `<rule-name>` is its id after the
/// slash, and a file's name says what it must do —
///
/// - `fire*.txt` must produce findings of the rule,
/// - `info*.txt` must produce findings, all of them `info`,
/// - `pass*.txt` must produce none (a correct text, often a trap close to a defect);
///
/// any other name is an error. `<fixture>.options.json` beside a fixture holds the rule's
/// options (its rules.toml table) for that fixture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Fire,
    InfoOnly,
    Pass,
}

impl Expect {
    /// What a fixture named `stem` expects, or `None` when the name follows no convention.
    pub fn of(stem: &str) -> Option<Expect> {
        if stem.starts_with("pass") {
            Some(Expect::Pass)
        } else if stem.starts_with("info") {
            Some(Expect::InfoOnly)
        } else if stem.starts_with("fire") {
            Some(Expect::Fire)
        } else {
            None
        }
    }
}

/// The name of a rule's fixture directory: its id after the slash.
pub fn rule_name(rule: &dyn Rule) -> &'static str {
    let id = rule.meta().id;
    id.split_once('/').map_or(id, |(_, name)| name)
}

/// Runs `rule` on every fixture of `dir` under the national profile (see [`Expect`]).
pub fn check_fixture_dir(rule: &dyn Rule, dir: &std::path::Path) -> Vec<(String, String)> {
    check_fixture_dir_with(rule, dir, &Profile::default())
}

/// Runs `rule` on every fixture of `dir` under `profile`: each must do what its name says
/// ([`Expect`]), a directory needs at least one firing and one passing fixture, and applying
/// the fixes must remove the fixed findings. Returns each fixture's name and rendered findings,
/// for the caller to snapshot.
pub fn check_fixture_dir_with(
    rule: &dyn Rule,
    dir: &std::path::Path,
    profile: &Profile,
) -> Vec<(String, String)> {
    check_fixture_dir_by(rule, dir, &|_| profile.clone())
}

/// Like [`check_fixture_dir_with`], with the profile of each fixture chosen by its name (file
/// stem): for a rule whose judgement depends on the province's data (the `province` plugin's
/// templates), one folder holds fixtures of several provinces.
pub fn check_fixture_dir_by(
    rule: &dyn Rule,
    dir: &std::path::Path,
    profile_of: &dyn Fn(&str) -> Profile,
) -> Vec<(String, String)> {
    let label = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let mut fired = false;
    let mut passed = false;
    let mut out = Vec::new();
    for (name, text) in fixture_files(dir) {
        let options = fixture_options(dir, &name);
        let diags = check_text_with(rule, &text, &options, &profile_of(&name));
        let what = format!("{label}/{name}.txt");
        match Expect::of(&name) {
            Some(Expect::Pass) => {
                passed = true;
                assert!(
                    diags.is_empty(),
                    "{what} must not fire:\n{}",
                    render(&diags)
                );
            }
            Some(expect) => {
                fired = true;
                assert!(!diags.is_empty(), "{what} must fire");
                assert!(
                    expect == Expect::Fire
                        || diags.iter().all(|d| d.severity == crate::Severity::Info),
                    "{what} must raise info findings only:\n{}",
                    render(&diags)
                );
            }
            None => panic!("{what}: a fixture's name starts with fire, info or pass"),
        }
        assert_fixes_work(rule, &what, &text, &diags);
        out.push((name, render(&diags)));
    }
    assert!(
        fired && passed,
        "{label} needs firing and non-firing fixtures"
    );
    out
}

/// The options of the fixture `name` of `dir` (`<name>.options.json`), `{}` when there are none.
fn fixture_options(dir: &std::path::Path, name: &str) -> serde_json::Value {
    let path = dir.join(format!("{name}.options.json"));
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        }
        Err(_) => serde_json::json!({}),
    }
}

/// The fixture tests of a plugin as a rule × fixture table (as Ruff's rule modules do): one
/// `#[test]` per rule, which runs [`check_fixture_dir_with`] on `tests/fixtures/<rule-name>/`
/// and snapshots each fixture's findings as `tests/snapshots/<rule-name>__<fixture>.snap`
/// (the plugin's tests need `insta`).
///
/// ```ignore
/// budgetlint_sdk::rule_fixture_tests! {
///     stale_year: StaleYear,
///     impossible: Impossible,
/// }
/// // A province plugin's rules run under its profile:
/// budgetlint_sdk::rule_fixture_tests! {
///     profile: budgetlint_sdk::testing::province("河北");
///     asset_table: AssetTable,
/// }
/// // Rules judging by province data: the profile of each fixture, from its file stem.
/// budgetlint_sdk::rule_fixture_tests! {
///     profile_of: |fixture: &str| profile_named_in(fixture);
///     template_sections: TemplateSections,
/// }
/// ```
#[macro_export]
macro_rules! rule_fixture_tests {
    (profile_of: $profile_of:expr; $($test:ident: $rule:expr),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                let root = ::std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
                let mut settings = insta::Settings::clone_current();
                settings.set_snapshot_path(root.join("tests/snapshots"));
                settings.set_prepend_module_to_snapshot(false);
                let rule = $rule;
                let name = $crate::testing::rule_name(&rule);
                let dir = root.join("tests/fixtures").join(name);
                for (fixture, rendered) in
                    $crate::testing::check_fixture_dir_by(&rule, &dir, &$profile_of)
                {
                    settings.bind(|| insta::assert_snapshot!(format!("{name}__{fixture}"), rendered));
                }
            }
        )*
    };
    (profile: $profile:expr; $($test:ident: $rule:expr),* $(,)?) => {
        $crate::rule_fixture_tests!(
            profile_of: |_: &str| -> $crate::Profile { $profile };
            $($test: $rule),*
        );
    };
    ($($test:ident: $rule:expr),* $(,)?) => {
        $crate::rule_fixture_tests!(profile: $crate::Profile::default(); $($test: $rule),*);
    };
}

/// A profile for `province` (`河北`), as the host passes it after detection.
pub fn province(province: &str) -> Profile {
    Profile {
        province: Some(province.to_string()),
        level: None,
        detected_by: "config".into(),
        templates: Vec::new(),
    }
}

/// Applies the fixes and re-checks: only the findings without a fix may remain.
pub fn assert_fixes_work(rule: &dyn Rule, what: &str, text: &str, diags: &[Diagnostic]) {
    let fixable = diags.iter().filter(|d| d.fix.is_some()).count();
    if fixable == 0 {
        return;
    }
    let fixed = apply_fixes(text, diags);
    let after = check_text(rule, &fixed);
    let unfixable = diags.len() - fixable;
    assert_eq!(
        after.len(),
        unfixable,
        "{what}: after applying {fixable} fixes, {} findings remain (expected {unfixable}):\n{}\n--- fixed text ---\n{fixed}",
        after.len(),
        render(&after)
    );
}

/// The seed documents of the repository's `tests/fixtures/seeds`, parsed, sorted by file name.
/// `manifest_dir` is the calling crate's `CARGO_MANIFEST_DIR` (a crate under `plugins/` or `crates/`).
pub fn seed_documents(manifest_dir: &str) -> Vec<(String, budgetlint_model::Document)> {
    let dir = std::path::Path::new(manifest_dir).join("../../tests/fixtures/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("seed dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            (
                name,
                budgetlint_model::parse(&std::fs::read(&p).expect("seed")).expect("decodable seed"),
            )
        })
        .collect()
}

/// Runs `rules` on `doc` with default options, findings sorted by position then rule.
pub fn run_rules(
    rules: &[Box<dyn Rule>],
    doc: &budgetlint_model::Document,
    profile: &Profile,
) -> Vec<Diagnostic> {
    let options = serde_json::json!({});
    let views = Views::new(doc, profile);
    let ctx = Context::new(&views, &options);
    let mut found = Vec::new();
    for rule in rules {
        let mut own = Vec::new();
        rule.check(&ctx, &mut own);
        assert_one_judgement(rule.meta(), &own);
        found.append(&mut own);
    }
    found.sort_by_key(|d| (d.span.start, d.rule.clone()));
    found
}

/// Fragments that open the constructs rules look for without closing them (brackets, years,
/// 文号, numbers, table tabs, placeholders, a replacement character, a supplementary-plane
/// character): spliced into the seeds by [`damaged_seed_tests!`].
pub const DAMAGING_SPLICES: &[&str] = &[
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

/// Renders findings as the seed snapshots show them: `line:col rule severity message`.
pub fn render_seed_findings(found: &[Diagnostic]) -> String {
    found.iter().map(finding_line).collect()
}

/// One finding's first line in every rendering: `line:col rule severity message`.
fn finding_line(d: &Diagnostic) -> String {
    format!(
        "{}:{} {} {} {}\n",
        d.span.line,
        d.span.col,
        d.rule,
        d.severity.as_str(),
        d.message
    )
}

/// A test `seeds`: the given rules on the five seed documents under the national profile, one
/// snapshot per seed (`seed_000` …), so that any change of a finding shows in review.
///
/// ```ignore
/// budgetlint_sdk::seed_snapshot_tests!(budgetlint_plugin_dates::all_rules());
/// ```
#[macro_export]
macro_rules! seed_snapshot_tests {
    ($rules:expr) => {
        #[test]
        fn seeds() {
            let seeds = $crate::testing::seed_documents(env!("CARGO_MANIFEST_DIR"));
            assert_eq!(seeds.len(), 5, "five seeds expected");
            let rules = $rules;
            for (name, doc) in seeds {
                let found = $crate::testing::run_rules(&rules, &doc, &$crate::Profile::default());
                insta::assert_snapshot!(
                    format!("seed_{}", &name[..3]),
                    $crate::testing::render_seed_findings(&found)
                );
            }
        }
    };
}

/// A test `damaged_seeds_do_not_panic`: the given rules on copies of the seeds cut at arbitrary
/// places with [`DAMAGING_SPLICES`] spliced in; no rule may panic, and every finding's span must
/// lie inside the text on character boundaries.
#[macro_export]
macro_rules! damaged_seed_tests {
    ($rules:expr) => {
        #[test]
        fn damaged_seeds_do_not_panic() {
            let rules = $rules;
            for (_, seed) in $crate::testing::seed_documents(env!("CARGO_MANIFEST_DIR")) {
                for piece in $crate::testing::damaged_copies(
                    &seed.text,
                    12,
                    $crate::testing::DAMAGING_SPLICES,
                    0x5eed,
                ) {
                    let doc = $crate::model::parse_text(piece);
                    let found =
                        $crate::testing::run_rules(&rules, &doc, &$crate::Profile::default());
                    $crate::testing::assert_spans_in_text(&doc, &found);
                }
            }
        }
    };
}

/// Copies of `text` damaged deterministically: `splices` inserted at pseudo-random places, then
/// cut in two; both halves of each copy are returned. For no-panic tests.
pub fn damaged_copies(text: &str, copies: usize, splices: &[&str], seed: u64) -> Vec<String> {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let floor = |s: &str, i: usize| budgetlint_model::span::floor_char_boundary(s, i.min(s.len()));
    let mut out = Vec::new();
    for _ in 0..copies {
        let mut damaged = text.to_string();
        for _ in 0..8 {
            let at = floor(&damaged, next() % (damaged.len() + 1));
            damaged.insert_str(at, splices[next() % splices.len().max(1)]);
        }
        let cut = floor(&damaged, next() % (damaged.len() + 1));
        out.push(damaged[..cut].to_string());
        out.push(damaged[cut..].to_string());
    }
    out
}

/// Every finding's span lies inside the text on character boundaries.
pub fn assert_spans_in_text(doc: &budgetlint_model::Document, diags: &[Diagnostic]) {
    for d in diags {
        assert!(
            d.span.start <= d.span.end && (d.span.end as usize) <= doc.text.len(),
            "{}: span out of range",
            d.rule
        );
        assert!(
            doc.text.is_char_boundary(d.span.start as usize)
                && doc.text.is_char_boundary(d.span.end as usize),
            "{}: span splits a character",
            d.rule
        );
    }
}
