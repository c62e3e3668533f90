//! Loading plugins through the C ABI: a Rust plugin and a C plugin built during the test,
//! panics, version mismatches, broken libraries, and configuration applied to plugin rules.

mod common;

use budgetlint_engine::config::Config;
use budgetlint_engine::host::Plugin;
use budgetlint_engine::{
    Linter, Registry, Sources, Trust, PLUGIN_CONTRACT_RULE, PLUGIN_ERROR_RULE,
};
use budgetlint_protocol::Severity;
use std::path::{Path, PathBuf};

fn config_with(dir: &Path, toml: &str) -> Config {
    let path = dir.join("rules.toml");
    std::fs::write(&path, toml).unwrap();
    Config::load(&path).unwrap()
}

/// No built-in directory; the libraries rules.toml names may load (as with `--allow-plugins`).
fn no_sources() -> Sources {
    Sources {
        trust: Trust::Everything,
        ..Sources::default()
    }
}

fn check(linter: &Linter, text: &str) -> Vec<budgetlint_protocol::Diagnostic> {
    let report = linter
        .check(Path::new("doc.txt"), text.as_bytes(), None)
        .unwrap();
    report.findings.into_iter().map(|f| f.diagnostic).collect()
}

fn rust_plugin() -> PathBuf {
    let src = std::fs::read_to_string(common::data("rust_plugin.rs")).unwrap();
    let dir = common::write_rust_plugin("testplug", &src);
    common::build_rust_plugin(&dir, "testplug")
}

#[test]
fn a_rust_plugin_runs_its_rules_with_options_and_a_panic_is_contained() {
    let lib = rust_plugin();
    let tmp = tempfile::tempdir().unwrap();
    let toml = format!(
        "profile = \"sichuan\"\n[plugins]\npaths = [{:?}]\ndisable = [\"wording\"]\n[rules.\"testplug/fires\"]\nseverity = \"error\"\nneedle = \"合计\"\n",
        lib.display().to_string()
    );
    let linter = Linter::new(
        config_with(tmp.path(), &toml),
        &no_sources(),
        &mut Registry::default(),
    );
    assert_eq!(linter.problems(), &[]);
    let found = check(&linter, "第一行\n本年合计10万元\n");
    // Built by another cargo invocation from the same sources: a same-build plugin, whose
    // response (the panic's error included) comes back as a Rust value; through JSON the
    // findings are the same.
    assert!(Plugin::load(&lib).unwrap().is_same_build());
    let linter_json = Linter::new(
        config_with(tmp.path(), &toml),
        &no_sources(),
        &mut Registry::default(),
    )
    .with_same_build_calls(false);
    assert_eq!(
        format!("{found:?}"),
        format!("{:?}", check(&linter_json, "第一行\n本年合计10万元\n"))
    );

    let fires: Vec<_> = found
        .iter()
        .filter(|d| d.rule == "testplug/fires")
        .collect();
    assert_eq!(fires.len(), 1, "{found:#?}");
    assert_eq!(
        (fires[0].span.line, fires[0].span.col, fires[0].span.end_col),
        (2, 3, 5)
    );
    assert_eq!(
        fires[0].severity,
        budgetlint_protocol::Severity::Error,
        "rules.toml raises the severity"
    );

    let panic = found
        .iter()
        .find(|d| d.rule == PLUGIN_ERROR_RULE)
        .expect("the panic is reported");
    let en = panic.message_en.as_deref().unwrap();
    assert!(
        en.contains("testplug")
            && en.contains("testplug/panics")
            && en.contains("deliberate test panic"),
        "{en}"
    );
    assert_eq!(panic.severity, budgetlint_protocol::Severity::Error);

    assert!(
        found
            .iter()
            .any(|d| d.rule == "testplug/profile" && d.message == "profile 四川"),
        "{found:#?}"
    );

    let off = toml.replace("severity = \"error\"", "severity = \"off\"");
    let linter = Linter::new(
        config_with(tmp.path(), &off),
        &no_sources(),
        &mut Registry::default(),
    );
    assert!(!check(&linter, "合计\n")
        .iter()
        .any(|d| d.rule == "testplug/fires"));
    let entry = linter
        .rules()
        .iter()
        .find(|r| r.info.id == "testplug/fires")
        .unwrap();
    assert_eq!(entry.severity, None, "`off` is listed as off");
}

/// A renamed rule keeps its former id: a rules.toml table, an inline disable and a baseline
/// entry naming it still apply, and the table is reported as renamed, with its line. Unknown
/// rule ids and options, and options of the wrong type, are reported with their line too.
#[test]
fn former_ids_unknown_rules_and_options_are_reported_with_their_line() {
    let lib = rust_plugin();
    let tmp = tempfile::tempdir().unwrap();
    let toml = format!(
        "[plugins]\npaths = [{:?}]\ndisable = [\"wording\"]\n\n[rules.\"testplug/old-fires\"]\nseverity = \"error\"\nneedle = \"合计\"\nneedel = \"x\"\n\n[rules.\"testplug/profile\"]\nseverity = \"off\"\n\n[rules.\"testplug/typo\"]\nseverity = \"off\"\n",
        lib.display().to_string()
    );
    let linter = Linter::new(
        config_with(tmp.path(), &toml),
        &no_sources(),
        &mut Registry::default(),
    );
    let file = tmp.path().join("rules.toml").display().to_string();
    let english: Vec<&str> = linter.warnings().iter().map(|w| w.en.as_str()).collect();
    let chinese: Vec<&str> = linter.warnings().iter().map(|w| w.zh.as_str()).collect();
    let (english, chinese) = (english.join("\n"), chinese.join("\n"));
    for expected in [
        format!("{file}:5: rule `testplug/old-fires` was renamed `testplug/fires`"),
        format!("{file}:8: rule `testplug/fires` has no option `needel` (its options: needle)"),
        format!("{file}:13: no loaded plugin or pack provides rule `testplug/typo`"),
    ] {
        assert!(english.contains(&expected), "{expected}\nnot in\n{english}");
    }
    // The same warnings in Chinese, the front ends' default.
    for expected in [
        format!("{file}:5：规则 `testplug/old-fires` 已更名为 `testplug/fires`"),
        format!("{file}:8：规则 `testplug/fires` 没有选项 `needel`（它的选项：needle）；已忽略"),
        format!("{file}:13：已加载的插件和规则包中没有规则 `testplug/typo`"),
    ] {
        assert!(chinese.contains(&expected), "{expected}\nnot in\n{chinese}");
    }
    // The old table applies to the new id: severity and option.
    let found = check(&linter, "本年合计10万元\n");
    let fires: Vec<_> = found
        .iter()
        .filter(|d| d.rule == "testplug/fires")
        .collect();
    assert_eq!(fires.len(), 1, "{found:#?}");
    assert_eq!(fires[0].severity, budgetlint_sdk::Severity::Error);

    let disabled = "<!-- budgetlint-disable-next-line testplug/old-fires -->\n本年合计10万元\n";
    assert!(!check(&linter, disabled)
        .iter()
        .any(|d| d.rule == "testplug/fires"));

    // A baseline written when the rule had its old id still accepts the finding.
    let doc = tmp.path().join("doc.txt");
    let text = "本年合计10万元\n";
    let report = linter.check(&doc, text.as_bytes(), None).unwrap();
    let accepted: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.rule == "testplug/fires")
        .map(|f| {
            let mut old = f.diagnostic.clone();
            old.rule = "testplug/old-fires".into();
            (doc.clone(), old, f.fingerprint.clone())
        })
        .collect();
    assert_eq!(accepted.len(), 1);
    let path = tmp.path().join("baseline.json");
    budgetlint_engine::baseline::write(&path, &accepted).unwrap();
    let baseline = budgetlint_engine::Baseline::load(&path).unwrap();
    let report = linter
        .check(&doc, text.as_bytes(), Some(&baseline))
        .unwrap();
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.diagnostic.rule == "testplug/fires"),
        "{:#?}",
        report.findings
    );
    assert_eq!(report.suppressed, 1);

    // A value of the wrong type is reported, and the default applies.
    let wrong = toml.replace("needle = \"合计\"", "needle = 3");
    let linter = Linter::new(
        config_with(tmp.path(), &wrong),
        &no_sources(),
        &mut Registry::default(),
    );
    assert!(
        linter.warnings().iter().any(|w| w.en.starts_with(&format!(
            "{file}:7: option `needle` of rule `testplug/fires` must be a string"
        )) && w.zh.starts_with(&format!(
            "{file}:7：规则 `testplug/fires` 的选项 `needle` 须为 string"
        ))),
        "{:?}",
        linter.warnings()
    );
}

#[test]
fn a_c_plugin_loads_and_reports_at_the_right_place() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = common::build_c_plugin(tmp.path(), "c", &[]);
    let plugin = Plugin::load(&lib).unwrap();
    assert_eq!(plugin.info.name, "c");
    assert_eq!(plugin.info.rules[0].id, "c/todo");

    // Found through the executable's directory, as built-in plugins are.
    let sources = Sources {
        exe_dir: Some(tmp.path().to_path_buf()),
        ..Sources::default()
    };
    let linter = Linter::new(Config::default(), &sources, &mut Registry::default());
    assert_eq!(linter.problems(), &[]);
    let found = check(&linter, "说明\n\t“引号”TODO\n𠀀TODO");
    let todos: Vec<_> = found
        .iter()
        .filter(|d| d.rule == "c/todo")
        .map(|d| (d.span.line, d.span.col))
        .collect();
    assert_eq!(todos, vec![(2, 6), (3, 2)]);
}

/// A plugin that breaks the contract of one severity per rule id (a C plugin reporting its
/// warning rule's findings as errors, and a finding under a rule it never declared): the
/// findings keep the rule's level under the configuration, the undeclared one is dropped, and
/// one info per document names the plugin and each breach.
#[test]
fn a_plugin_grading_its_own_findings_is_held_to_its_rules_level() {
    let tmp = tempfile::tempdir().unwrap();
    common::build_c_plugin(tmp.path(), "c", &["-DBL_CONTRACT"]);
    let run = |toml: &str| {
        let sources = Sources {
            exe_dir: Some(tmp.path().to_path_buf()),
            ..Sources::default()
        };
        let linter = Linter::new(
            config_with(tmp.path(), toml),
            &sources,
            &mut Registry::default(),
        );
        assert_eq!(linter.problems(), &[]);
        check(&linter, "说明\nTODO 一\nTODO 二\n")
    };
    let severities = |found: &[budgetlint_protocol::Diagnostic], rule: &str| -> Vec<Severity> {
        found
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| d.severity)
            .collect()
    };

    let found = run("");
    assert_eq!(severities(&found, "c/todo"), [Severity::Warning; 2]);
    assert!(severities(&found, "c/undeclared").is_empty());
    let contract: Vec<_> = found
        .iter()
        .filter(|d| d.rule == PLUGIN_CONTRACT_RULE)
        .collect();
    assert_eq!(contract.len(), 1, "{found:#?}");
    assert_eq!(contract[0].severity, Severity::Info);
    let en = contract[0].message_en.as_deref().unwrap_or_default();
    for part in [
        "plugin `c`",
        "`c/todo` declares warning",
        "at error",
        "`c/undeclared`",
    ] {
        assert!(en.contains(part), "{part}: {en}");
    }
    assert!(
        contract[0].message.contains("插件 c"),
        "{}",
        contract[0].message
    );

    // The configured level stays relative to the declared default, whatever the plugin said.
    let level = |severity: &str| format!("[rules.\"c/todo\"]\nseverity = \"{severity}\"\n");
    assert_eq!(
        severities(&run(&level("warning")), "c/todo"),
        [Severity::Warning; 2]
    );
    assert_eq!(
        severities(&run(&level("error")), "c/todo"),
        [Severity::Error; 2]
    );
    assert_eq!(
        severities(&run(&level("info")), "c/todo"),
        [Severity::Info; 2]
    );
    // The contract finding is a rule of its own: it can be switched off.
    let quiet = run("[rules.\"budgetlint/plugin-contract\"]\nseverity = \"off\"\n");
    assert!(severities(&quiet, PLUGIN_CONTRACT_RULE).is_empty());
}

#[test]
fn a_wrong_abi_version_names_the_file_and_both_versions() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = common::build_c_plugin(tmp.path(), "old", &["-DBL_ABI=99"]);
    let err = Plugin::load(&lib).unwrap_err();
    let text = err.to_string();
    assert!(text.contains(&lib.display().to_string()), "{text}");
    assert!(
        text.contains("ABI version 99") && text.contains("ABI version 2"),
        "{text}"
    );
}

#[test]
fn broken_libraries_are_errors_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let corrupt = tmp
        .path()
        .join(budgetlint_engine::discovery::library_file_name("corrupt"));
    std::fs::write(&corrupt, "this is a text file, not a library\n").unwrap();
    let no_symbols_src = tmp.path().join("empty.c");
    std::fs::write(&no_symbols_src, "int budgetlint_something_else = 1;\n").unwrap();
    let no_symbols = tmp
        .path()
        .join(budgetlint_engine::discovery::library_file_name("nosym"));
    let status = std::process::Command::new("cc")
        .args(["-shared", "-fPIC", "-o"])
        .arg(&no_symbols)
        .arg(&no_symbols_src)
        .status()
        .unwrap();
    assert!(status.success());
    common::build_c_plugin(tmp.path(), "c", &[]);

    let sources = Sources {
        exe_dir: Some(tmp.path().to_path_buf()),
        ..Sources::default()
    };
    let linter = Linter::new(Config::default(), &sources, &mut Registry::default());
    let problems: Vec<String> = linter.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems
        .iter()
        .any(|p| p.contains(&corrupt.display().to_string())
            && p.contains("not a loadable plugin library")));
    assert!(problems
        .iter()
        .any(|p| p.contains(&no_symbols.display().to_string())
            && p.contains("budgetlint_abi_version")));
    assert!(
        check(&linter, "TODO").iter().any(|d| d.rule == "c/todo"),
        "the good plugin still runs"
    );
}

#[test]
fn plugins_are_found_through_the_plugin_path_variable() {
    let tmp = tempfile::tempdir().unwrap();
    common::build_c_plugin(tmp.path(), "c", &[]);
    let sources = Sources {
        env_path: Some(
            std::env::join_paths(["/nonexistent", tmp.path().to_str().unwrap()]).unwrap(),
        ),
        ..Sources::default()
    };
    let linter = Linter::new(Config::default(), &sources, &mut Registry::default());
    assert!(linter.rules().iter().any(|r| r.info.id == "c/todo"));
}

/// The built-in plugins are the libraries cargo puts next to the `budgetlint` binary
/// (target/<profile>/); every one there must load.
#[test]
fn the_built_in_plugins_next_to_the_binary_load() {
    let test_exe = std::env::current_exe().unwrap();
    let profile_dir = test_exe.parent().and_then(Path::parent).unwrap();
    for lib in budgetlint_engine::discovery::libraries_in(profile_dir) {
        let plugin = Plugin::load(&lib).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !plugin.info.rules.is_empty(),
            "{} declares no rules",
            lib.display()
        );
    }
}

/// The built-in plugins (in target/<profile>/deps, beside the test binary) compile the same
/// model sources with the same compiler as this test, so they are lent the parsed document;
/// what they find that way is exactly what they find from the encoded model, on every seed.
#[test]
fn same_build_plugins_read_the_document_in_place_with_the_same_findings() {
    let test_exe = std::env::current_exe().unwrap();
    let deps_dir = test_exe.parent().unwrap().to_path_buf();
    let libraries = budgetlint_engine::discovery::libraries_in(&deps_dir);
    if libraries.is_empty() {
        // `cargo test -p budgetlint-engine` alone builds no plugin; the workspace suite does.
        assert!(
            std::env::var_os("CI").is_none(),
            "no built-in plugins in {} under CI",
            deps_dir.display()
        );
        eprintln!(
            "skipped: no built-in plugins in {} (run `cargo test --workspace`)",
            deps_dir.display()
        );
        return;
    }
    for lib in &libraries {
        assert!(
            Plugin::load(lib).unwrap().is_same_build(),
            "{} is not of this build",
            lib.display()
        );
    }

    let sources = Sources {
        exe_dir: Some(deps_dir),
        ..Sources::default()
    };
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let run = |same_build: bool, path: &Path| {
        let linter = Linter::new(Config::default(), &sources, &mut Registry::default())
            .with_same_build_calls(same_build);
        let report = linter
            .check(path, &std::fs::read(path).unwrap(), None)
            .unwrap();
        report
            .findings
            .into_iter()
            .map(|f| format!("{:?}", f.diagnostic))
            .collect::<Vec<_>>()
    };
    for seed in std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let lent = run(true, &seed);
        assert!(
            lent.len() > 10,
            "{}: {} findings",
            seed.display(),
            lent.len()
        );
        assert_eq!(lent, run(false, &seed), "{}", seed.display());
    }
}

/// A library whose model identity is not the host's is never called through
/// `budgetlint_check_native` (the C plugin's aborts): it gets the JSON request.
#[test]
fn a_plugin_of_another_build_gets_the_encoded_model() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = common::build_c_plugin(tmp.path(), "foreign", &["-DBL_IDENTITY=42"]);
    assert!(!Plugin::load(&lib).unwrap().is_same_build());
    let sources = Sources {
        exe_dir: Some(tmp.path().to_path_buf()),
        ..Sources::default()
    };
    let linter = Linter::new(Config::default(), &sources, &mut Registry::default());
    let found = check(&linter, "说明\nTODO 一\n");
    assert_eq!(
        found
            .iter()
            .map(|d| (d.rule.as_str(), d.span.line))
            .collect::<Vec<_>>(),
        [("c/todo", 2)]
    );
}

/// Calling a document's plugins from several threads gives the same findings, in the same
/// order, as calling them one after another.
#[test]
fn plugins_called_from_several_threads_give_the_same_findings() {
    let tmp = tempfile::tempdir().unwrap();
    common::build_c_plugin(tmp.path(), "c", &[]);
    let rust = rust_plugin();
    std::fs::copy(&rust, tmp.path().join(rust.file_name().unwrap())).unwrap();
    let sources = Sources {
        exe_dir: Some(tmp.path().to_path_buf()),
        ..Sources::default()
    };
    let text = "说明\nTODO 一\n本年合计TODO\n";
    let run = |threads: usize| {
        let linter = Linter::new(Config::default(), &sources, &mut Registry::default())
            .with_plugin_threads(threads);
        check(&linter, text)
            .into_iter()
            .map(|d| (d.rule, d.span.start, d.message))
            .collect::<Vec<_>>()
    };
    let serial = run(1);
    assert!(
        serial.iter().any(|(r, _, _)| r == "c/todo")
            && serial.iter().any(|(r, _, _)| r == "testplug/fires"),
        "{serial:?}"
    );
    assert_eq!(run(2), serial);
    assert_eq!(run(4), serial);
}

/// A file named like a plugin that is not a library: the error keeps the system's reason.
#[test]
fn the_dlopen_error_keeps_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir
        .path()
        .join(budgetlint_engine::discovery::library_file_name("bad"));
    std::fs::write(&lib, b"not an ELF file at all, just text").unwrap();
    let err = Plugin::load(&lib).unwrap_err().message;
    assert!(
        err.starts_with("not a loadable plugin library: dlopen failed: "),
        "{err}"
    );
    let reason = &err["not a loadable plugin library: dlopen failed: ".len()..];
    assert!(
        reason.contains(&lib.display().to_string())
            || reason.contains("ELF")
            || reason.contains("short"),
        "the dlerror text is kept: {err}"
    );
}
