//! The tidy test: the conventions every built-in plugin keeps, checked on the sources so that a
//! new rule cannot slip past them (as rust-analyzer's tidy test does for its own):
//!
//! - a rule's id is `<plugin>/<name>`, the plugin's exported name and the rule file's name in
//!   kebab case (`plugins/arithmetic/src/rules/same_figure.rs` → `arithmetic/same-figure`), so
//!   that an id leads to its file; former ids (`aliases`) name no current rule;
//! - its doc comment has the four sections `budgetlint explain` shows, none empty, in English
//!   and then in Chinese (`## 检查内容`, `## 依据`, `## 示例`, `## 修改方法`);
//! - it is exported by its plugin and its fixtures follow the one convention of
//!   `budgetlint_sdk::testing` (`tests/fixtures/<name>/`: `fire*`/`info*` and `pass*` files);
//! - its plugin's fixture tests name it, and run through the one harness
//!   (`rule_fixture_tests!`, or the province plugins' wrapper of it);
//! - a rule split from another (`split_from`) names a current rule of its plugin, and no
//!   plugin source sets a finding's severity (`.severity(`): a finding carries its rule's
//!   declared default, a case that deserves another severity is its own rule;
//! - a compiled province plugin (one that declares `provinces:`) says why each of its rules is
//!   not data: its `rules/mod.rs` doc comment and docs/PROVINCES.md's table of what stays
//!   compiled name every one;
//! - docs/ARCHITECTURE.md has its entry points, API boundaries, testing strategy and code map,
//!   and the code map names every crate and plugin; every `docs/*.md` a comment in the sources
//!   cites exists (docs/rounding.md was cited sixteen times before it was written);
//! - the tree is rustfmt-clean and clippy-clean with warnings denied (each skipped, saying so,
//!   when `cargo fmt` or `cargo clippy` is not installed).
//!
//! Runs on the sources in the repository; a copy of the SDK outside it skips, saying so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SECTIONS: [&str; 4] = ["## What it checks", "## Why", "## Example", "## Fix"];

/// One `declare_rule!` as written in a rule file.
struct Declared {
    file: PathBuf,
    struct_name: String,
    id: String,
    aliases: Vec<String>,
    /// The rule it was split from (`split_from:`).
    split_from: Option<String>,
    docs: String,
    /// The options declared (`options: { name: Kind = … }`).
    options: Vec<String>,
    /// The options the code reads (`option_decimal("name"`, …).
    read_options: Vec<String>,
}

fn workspace() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.join("plugins").is_dir().then_some(root)
}

/// Plugin directory → (exported name, lib.rs text), for every plugin that exports rules.
fn plugins(root: &Path) -> BTreeMap<PathBuf, (String, String)> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(root.join("plugins")).unwrap() {
        let dir = entry.unwrap().path();
        let Ok(lib) = std::fs::read_to_string(dir.join("src/lib.rs")) else {
            continue;
        };
        let Some(at) = lib.find("export_plugin!") else {
            continue;
        };
        let name = quoted_after(&lib[at..], "name:").expect("export_plugin! names the plugin");
        out.insert(dir, (name, lib));
    }
    out
}

/// The first `"…"` after `key` in `text`.
fn quoted_after(text: &str, key: &str) -> Option<String> {
    let rest = &text[text.find(key)? + key.len()..];
    let start = rest.find('"')? + 1;
    let end = start + rest[start..].find('"')?;
    Some(rest[start..end].to_string())
}

/// The `declare_rule!` of a rule file, if it has one.
fn declared(file: &Path) -> Option<Declared> {
    let text = std::fs::read_to_string(file).ok()?;
    let body = &text[text.find("declare_rule!")?..];
    let struct_at = body.find("struct ")?;
    let docs: Vec<&str> = body[..struct_at]
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("///"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    let after_struct = &body[struct_at + "struct ".len()..];
    let struct_name = after_struct
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()?
        .to_string();
    let fields = &after_struct[..after_struct.find('}')?];
    let aliases = fields
        .find("aliases:")
        .map(|at| {
            let list = &fields[at..];
            let list = &list[list.find('[').unwrap_or(0)..=list.find(']').unwrap_or(0)];
            list.split('"')
                .skip(1)
                .step_by(2)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let options = fields
        .find("options:")
        .map(|at| {
            fields[at + "options:".len()..]
                .split(';')
                .filter_map(|o| o.trim_start_matches([' ', '\n', '{']).split(':').next())
                .map(|name| name.trim().to_string())
                .filter(|name| {
                    !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
                })
                .collect()
        })
        .unwrap_or_default();
    let mut read_options: Vec<String> = ["option_decimal(", "option_bool(", "option_strings("]
        .iter()
        .flat_map(|call| text.match_indices(call).map(move |(at, _)| at + call.len()))
        .filter_map(|at| quoted_after(&text[at..], ""))
        .collect();
    read_options.sort();
    read_options.dedup();
    Some(Declared {
        file: file.to_path_buf(),
        struct_name,
        id: quoted_after(fields, "id:")?,
        aliases,
        split_from: quoted_after(fields, "split_from:"),
        docs: docs.join("\n"),
        options,
        read_options,
    })
}

fn rules_of(plugin: &Path) -> Vec<Declared> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(plugin.join("src/rules"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().filter_map(|f| declared(f)).collect()
}

/// Every section of the documentation present and followed by some text: the English page, then
/// the Chinese page (`budgetlint_protocol::split_docs`) that `explain` and the hover show a
/// Chinese reader.
fn doc_problems(docs: &str) -> Vec<String> {
    let (en, zh) = budgetlint_protocol::split_docs(docs);
    let mut problems = section_problems(en, &SECTIONS);
    match zh {
        Some(zh) => problems.extend(section_problems(zh, &budgetlint_protocol::DOC_SECTIONS_ZH)),
        None => problems.push(format!(
            "no Chinese page (`{}` …)",
            budgetlint_protocol::DOC_START_ZH
        )),
    }
    problems
}

/// Each of `sections` present in `docs` and followed by some text.
fn section_problems(docs: &str, sections: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        let Some(at) = docs.find(section) else {
            problems.push(format!("no `{section}` section"));
            continue;
        };
        let rest = &docs[at + section.len()..];
        let end = sections[i + 1..]
            .iter()
            .filter_map(|s| rest.find(s))
            .min()
            .unwrap_or(rest.len());
        if rest[..end].trim().is_empty() {
            problems.push(format!("`{section}` is empty"));
        }
    }
    problems
}

/// The fixture convention of `budgetlint_sdk::testing::Expect`.
fn fixture_problems(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![format!("no fixture directory {}", dir.display())];
    };
    let stems: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .collect();
    let mut problems: Vec<String> = stems
        .iter()
        .filter(|s| budgetlint_sdk::testing::Expect::of(s).is_none())
        .map(|s| format!("fixture `{s}.txt` does not start with fire, info or pass"))
        .collect();
    if !stems
        .iter()
        .any(|s| s.starts_with("fire") || s.starts_with("info"))
    {
        problems.push(format!("no firing fixture in {}", dir.display()));
    }
    if !stems.iter().any(|s| s.starts_with("pass")) {
        problems.push(format!("no passing fixture in {}", dir.display()));
    }
    problems
}

fn kebab_stem(file: &Path) -> String {
    file.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .replace('_', "-")
}

/// The text of a plugin's fixture tests (tests/rules.rs and what it includes).
fn fixture_tests(plugin: &Path) -> String {
    std::fs::read_to_string(plugin.join("tests/rules.rs")).unwrap_or_default()
}

/// Whether a plugin's fixture tests use the one harness (a renderer and fixture loop of its own
/// would keep expectations the other plugins do not).
fn uses_the_fixture_harness(tests: &str) -> bool {
    tests.contains("budgetlint_sdk::rule_fixture_tests!")
        || tests.contains("budgetlint_province_common::testing::check_fixture_dir")
}

#[test]
fn every_rule_follows_the_conventions() {
    let Some(root) = workspace() else {
        eprintln!("skipped: the SDK is not inside the budgetlint repository (no ../../plugins)");
        return;
    };
    let mut problems = Vec::new();
    let mut ids = BTreeMap::new();
    let all = plugins(&root);
    assert!(all.len() >= 5, "plugins found: {:?}", all.keys());
    for (dir, (plugin, lib)) in &all {
        let tests = fixture_tests(dir);
        if !uses_the_fixture_harness(&tests) {
            problems.push(format!(
                "{}: tests/rules.rs does not run its fixtures through \
                 `budgetlint_sdk::rule_fixture_tests!` (or the province plugins' \
                 `budgetlint_province_common::testing::check_fixture_dir`)",
                dir.strip_prefix(&root).unwrap_or(dir).display()
            ));
        }
        for rule in rules_of(dir) {
            let at = rule
                .file
                .strip_prefix(&root)
                .unwrap_or(&rule.file)
                .display()
                .to_string();
            let expected = format!("{plugin}/{}", kebab_stem(&rule.file));
            if rule.id != expected {
                problems.push(format!("{at}: id `{}` should be `{expected}`", rule.id));
            }
            for p in doc_problems(&rule.docs) {
                problems.push(format!("{at}: documentation: {p}"));
            }
            for read in &rule.read_options {
                if !rule.options.contains(read) {
                    problems.push(format!("{at}: reads option `{read}` without declaring it"));
                }
            }
            for declared in &rule.options {
                if !rule.read_options.contains(declared) {
                    problems.push(format!("{at}: declares option `{declared}` it never reads"));
                }
            }
            if !lib.contains(&rule.struct_name) {
                problems.push(format!(
                    "{at}: `{}` is not exported by the plugin",
                    rule.struct_name
                ));
            }
            let name = rule.id.split_once('/').map_or("", |(_, n)| n);
            for p in fixture_problems(&dir.join("tests/fixtures").join(name)) {
                problems.push(format!("{at}: {p}"));
            }
            if !tests.contains(&rule.struct_name) {
                problems.push(format!(
                    "{at}: tests/rules.rs does not run `{}` on its fixtures",
                    rule.struct_name
                ));
            }
            ids.insert(rule.id.clone(), at.clone());
            for alias in rule.aliases {
                ids.entry(alias.clone())
                    .or_insert_with(|| format!("alias in {at}"));
            }
        }
    }
    // A former id must not be a current one (it would then name two rules).
    for dir in all.keys() {
        for rule in rules_of(dir) {
            for alias in &rule.aliases {
                if ids
                    .get(alias)
                    .is_some_and(|owner| !owner.starts_with("alias in"))
                {
                    problems.push(format!(
                        "alias `{alias}` of `{}` is a current rule id",
                        rule.id
                    ));
                }
            }
        }
    }
    // A split rule names a current rule of its own plugin: the one whose settings it follows.
    for dir in all.keys() {
        for rule in rules_of(dir) {
            let Some(parent) = &rule.split_from else {
                continue;
            };
            let same_plugin =
                parent.split_once('/').map(|(p, _)| p) == rule.id.split_once('/').map(|(p, _)| p);
            let current = ids
                .get(parent)
                .is_some_and(|owner| !owner.starts_with("alias in"));
            if !same_plugin || !current {
                problems.push(format!(
                    "`{}` is split from `{parent}`, which is no current rule of its plugin",
                    rule.id
                ));
            }
        }
    }
    assert!(ids.len() > 60, "rules found: {}", ids.len());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_checks_catch_what_they_are_for() {
    let zh = "## 检查内容\n甲\n## 依据\n乙\n## 示例\n丙\n## 修改方法\n丁";
    assert!(doc_problems(&format!(
        "## What it checks\nx\n## Why\ny\n## Example\nz\n## Fix\nw\n{zh}"
    ))
    .is_empty());
    assert_eq!(
        doc_problems("## What it checks\nx\n## Why\n\n## Example\nz\n"),
        [
            "`## Why` is empty",
            "no `## Fix` section",
            "no Chinese page (`## 检查内容` …)"
        ]
    );
    assert_eq!(
        doc_problems(
            "## What it checks\nx\n## Why\ny\n## Example\nz\n## Fix\nw\n## 检查内容\n甲\n## 依据\n\n## 示例\n丙\n"
        ),
        ["`## 依据` is empty", "no `## 修改方法` section"]
    );
    assert_eq!(
        kebab_stem(Path::new("src/rules/same_figure.rs")),
        "same-figure"
    );
    assert!(uses_the_fixture_harness(
        "budgetlint_sdk::rule_fixture_tests! {\n    stale_year: StaleYear,\n}"
    ));
    assert!(!uses_the_fixture_harness(
        "fn check_dir(dir: &str) {}\n#[test]\nfn toc_mismatch() { check_dir(\"toc-mismatch\") }"
    ));
    let dir = tempfile_dir();
    std::fs::write(dir.join("fire.txt"), "x").unwrap();
    std::fs::write(dir.join("clean.txt"), "x").unwrap();
    let problems = fixture_problems(&dir);
    assert!(
        problems.iter().any(|p| p.contains("`clean.txt`")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("no passing fixture")),
        "{problems:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budgetlint-tidy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Each rule of a compiled province plugin is named, with the reason it is not data, where a
/// reader looks: the plugin's `rules/mod.rs` and docs/PROVINCES.md (“What stays compiled”).
#[test]
fn compiled_province_rules_say_why_they_are_not_data() {
    let Some(root) = workspace() else {
        eprintln!("skipped: the SDK is not inside the budgetlint repository (no ../../plugins)");
        return;
    };
    let provinces_md = std::fs::read_to_string(root.join("docs/PROVINCES.md")).unwrap();
    let compiled = provinces_md
        .split("What stays compiled")
        .nth(1)
        .expect("docs/PROVINCES.md has a table of what stays compiled");
    let mut problems = Vec::new();
    let mut checked = 0;
    for (dir, (plugin, lib)) in plugins(&root) {
        if !lib.contains("provinces:") {
            continue;
        }
        let module = std::fs::read_to_string(dir.join("src/rules/mod.rs")).unwrap_or_default();
        let why: String = module
            .lines()
            .filter_map(|l| l.strip_prefix("//!"))
            .collect::<Vec<_>>()
            .join(" ");
        let row = compiled
            .lines()
            .find(|l| l.starts_with(&format!("| `{plugin}` |")))
            .unwrap_or_default();
        for rule in rules_of(&dir) {
            checked += 1;
            let name = rule
                .id
                .trim_start_matches(&format!("{plugin}/"))
                .to_string();
            if !why.contains(&format!("`{name}`")) && !why.contains(&format!("`{}`", rule.id)) {
                problems.push(format!(
                    "{plugin}/src/rules/mod.rs does not say why `{}` is compiled",
                    rule.id
                ));
            }
            if !row.contains(&format!("`{name}`")) {
                problems.push(format!("docs/PROVINCES.md's “What stays compiled” has no `{name}` in the `{plugin}` row"));
            }
        }
    }
    assert!(checked > 0, "no compiled province plugin found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// docs/ARCHITECTURE.md (rust-analyzer's docs/dev/architecture.md as the model) keeps up with the
/// tree: its four parts, and every crate and plugin in the code map.
#[test]
fn the_architecture_doc_maps_every_crate_and_plugin() {
    let Some(root) = workspace() else {
        eprintln!("skipped: the SDK is not inside the budgetlint repository (no ../../plugins)");
        return;
    };
    let doc = std::fs::read_to_string(root.join("docs/ARCHITECTURE.md")).unwrap();
    let mut problems = Vec::new();
    for part in [
        "## Entry points",
        "## API boundaries",
        "## Testing strategy",
        "## Code map",
    ] {
        if !doc.lines().any(|l| l.trim_end() == part) {
            problems.push(format!("no `{part}` section"));
        }
    }
    let map = doc.split("## Code map").nth(1).unwrap_or_default();
    for parent in ["crates", "plugins"] {
        for entry in std::fs::read_dir(root.join(parent)).unwrap() {
            let dir = entry.unwrap().path();
            if !dir.join("Cargo.toml").is_file() {
                continue;
            }
            let name = dir.file_name().unwrap().to_string_lossy().to_string();
            if !map.contains(&format!("`{name}`")) && !map.contains(&format!("{parent}/{name}")) {
                problems.push(format!("the code map does not name {parent}/{name}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "docs/ARCHITECTURE.md: {}",
        problems.join("; ")
    );
}

/// A document the sources' comments send a reader to (`docs/rounding.md`) is in the repository.
#[test]
fn the_docs_the_sources_cite_exist() {
    let Some(root) = workspace() else {
        eprintln!("skipped: the SDK is not inside the budgetlint repository (no ../../plugins)");
        return;
    };
    let mut missing = std::collections::BTreeSet::new();
    let mut cited = 0;
    for dir in ["crates", "plugins"] {
        for file in rust_files(&root.join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            // Comments only: test data may name made-up files; another project's doc is named
            // with its project (rust-analyzer's docs/dev/architecture.md).
            let comments = text
                .lines()
                .map(str::trim_start)
                .filter(|l| l.starts_with("//") && !l.contains("rust-analyzer"));
            for line in comments {
                for (at, _) in line.match_indices("docs/") {
                    let name: String = line[at..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || matches!(c, '/' | '_' | '-' | '.'))
                        .collect();
                    let Some(name) = name
                        .strip_suffix('.')
                        .or(Some(&name))
                        .filter(|n| n.ends_with(".md"))
                    else {
                        continue;
                    };
                    cited += 1;
                    if !root.join(name).is_file() {
                        missing.insert(format!(
                            "{name} (cited in {})",
                            file.strip_prefix(&root).unwrap_or(&file).display()
                        ));
                    }
                }
            }
        }
    }
    assert!(cited > 0, "no docs/*.md cited: the scan is broken");
    assert!(missing.is_empty(), "cited but absent: {missing:?}");
}

#[test]
fn the_tree_is_rustfmt_clean() {
    cargo_gate(
        "fmt",
        &["fmt", "--all", "--", "--check"],
        "run `cargo fmt --all`",
    );
}

/// `cargo clippy --workspace --all-targets -- -D warnings`, run from the test so that the one
/// test command (README, `.ci/run`) is the whole gate. It shares the workspace's target
/// directory: cargo holds that directory's lock while it builds, not while the tests run.
#[test]
fn the_workspace_is_clippy_clean() {
    cargo_gate(
        "clippy",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ],
        "fix what clippy says",
    );
}

/// Runs `cargo <args>` in the workspace and fails with its output unless it succeeds; skipped,
/// saying so, outside the repository or when the cargo subcommand `tool` is not installed.
fn cargo_gate(tool: &str, args: &[&str], remedy: &str) {
    let Some(root) = workspace() else {
        eprintln!("skipped: the SDK is not inside the budgetlint repository");
        return;
    };
    let out = std::process::Command::new(env!("CARGO"))
        .args(args)
        .current_dir(&root)
        .output();
    match out {
        Ok(out) if out.status.success() => {}
        Ok(out) if String::from_utf8_lossy(&out.stderr).contains("not installed") => {
            eprintln!("skipped: {tool} is not installed");
        }
        Ok(out) => {
            let output = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let shown: Vec<&str> = output.lines().take(80).collect();
            panic!(
                "`cargo {}` failed ({remedy}):\n{}",
                args.join(" "),
                shown.join("\n")
            )
        }
        Err(e) => eprintln!("skipped: cannot run cargo {tool}: {e}"),
    }
}

/// The `.rs` files under `dir`, at any depth.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out
}

/// A rule id is one judgement with one severity: no built-in plugin sets a finding's severity
/// (the engine would report it as a contract violation and keep the rule's level anyway).
#[test]
fn no_plugin_sets_a_findings_severity() {
    let Some(root) = workspace() else {
        eprintln!("skipped: the SDK is not inside the budgetlint repository (no ../../plugins)");
        return;
    };
    let mut problems = Vec::new();
    for dir in plugins(&root).keys() {
        for file in rust_files(&dir.join("src")) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for (i, line) in text.lines().enumerate() {
                if line.contains(".severity(") && !line.trim_start().starts_with("//") {
                    problems.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "findings graded apart from their rule's default (split the case into its own rule):\n{}",
        problems.join("\n")
    );
}
