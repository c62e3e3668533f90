//! The plugin trust policy and the configuration mistakes that used to pass silently: a C
//! plugin (which marks a file when its code runs) in a "downloaded" folder whose rules.toml names
//! it, loaded only when the policy allows it; unknown names in `enable`, a missing
//! `plugins.dirs`, and no plugin found at all.

mod common;

use budgetlint_engine::config::Config;
use budgetlint_engine::{Linter, Registry, Sources, Trust, TrustList};
use std::path::{Path, PathBuf};

/// A folder with a C plugin under `plugins/` that creates `ran` when loaded, a document, and a
/// rules.toml naming the plugin with `plugins_toml` (where `LIB` and `DIR` stand for the
/// library and its folder).
struct Downloaded {
    dir: tempfile::TempDir,
    lib: PathBuf,
}

impl Downloaded {
    fn new(plugins_toml: &str) -> Downloaded {
        let dir = tempfile::tempdir().unwrap();
        let plugins = dir.path().join("plugins");
        std::fs::create_dir_all(&plugins).unwrap();
        let marker = format!("-DBL_MARKER=\"{}\"", dir.path().join("ran").display());
        let lib = common::build_c_plugin(&plugins, "c", &[&marker]);
        let downloaded = Downloaded { dir, lib };
        downloaded.write_config(plugins_toml);
        downloaded
    }

    fn write_config(&self, plugins_toml: &str) -> PathBuf {
        let text = plugins_toml
            .replace("LIB", &self.lib.display().to_string())
            .replace("DIR", &self.lib.parent().unwrap().display().to_string());
        let path = self.dir.path().join("rules.toml");
        std::fs::write(&path, format!("[plugins]\n{text}\n")).unwrap();
        path
    }

    fn linter(&self, trust: Trust) -> Linter {
        let config = Config::load(&self.dir.path().join("rules.toml")).unwrap();
        Linter::new(
            config,
            &Sources {
                trust,
                ..Sources::default()
            },
            &mut Registry::default(),
        )
    }

    fn code_ran(&self) -> bool {
        self.dir.path().join("ran").exists()
    }
}

fn has_rule(linter: &Linter, id: &str) -> bool {
    linter.rules().iter().any(|r| r.info.id == id)
}

#[test]
fn a_library_a_rules_toml_names_does_not_load_by_default() {
    for toml in ["paths = [\"LIB\"]", "dirs = [\"DIR\"]"] {
        let folder = Downloaded::new(toml);
        let linter = folder.linter(Trust::BuiltinOnly);
        assert!(!has_rule(&linter, "c/todo"), "{toml}");
        assert!(
            !folder.code_ran(),
            "{toml}: the library's initialiser must not run"
        );
        assert_eq!(
            linter.withheld_plugins(),
            std::slice::from_ref(&folder.lib),
            "{toml}"
        );
        assert!(linter.problems().is_empty(), "{:?}", linter.problems());
    }
}

#[test]
fn allowing_everything_loads_it() {
    let folder = Downloaded::new("paths = [\"LIB\"]");
    let linter = folder.linter(Trust::Everything);
    assert!(has_rule(&linter, "c/todo"));
    assert!(folder.code_ran());
    assert!(linter.withheld_plugins().is_empty());
}

#[test]
fn a_listed_rules_toml_loads_until_it_is_edited() {
    let folder = Downloaded::new("paths = [\"LIB\"]");
    let config_path = folder.dir.path().join("rules.toml");
    let mut list = TrustList::default();
    list.trust(&Config::load(&config_path).unwrap()).unwrap();
    assert!(has_rule(
        &folder.linter(Trust::Listed(list.clone())),
        "c/todo"
    ));

    folder.write_config("paths = [\"LIB\"]\nenable = [\"c\"]");
    let edited = folder.linter(Trust::Listed(list));
    assert!(!has_rule(&edited, "c/todo"), "an edit withdraws the trust");
    assert_eq!(edited.withheld_plugins(), std::slice::from_ref(&folder.lib));
}

#[test]
fn a_library_in_a_built_in_directory_loads_whatever_the_trust() {
    let folder = Downloaded::new("paths = [\"LIB\"]");
    let sources = Sources {
        exe_dir: folder.lib.parent().map(Path::to_path_buf),
        ..Sources::default()
    };
    let linter = Linter::new(
        Config::load(&folder.dir.path().join("rules.toml")).unwrap(),
        &sources,
        &mut Registry::default(),
    );
    assert!(has_rule(&linter, "c/todo"));
    assert!(linter.withheld_plugins().is_empty());
}

#[test]
fn an_unknown_name_in_enable_is_a_warning_that_lists_the_known_ones() {
    let folder = Downloaded::new("paths = [\"LIB\"]\nenable = [\"wordnig\", \"c\"]");
    let linter = folder.linter(Trust::Everything);
    let warning = linter
        .warnings()
        .iter()
        .find(|w| w.en.contains("`wordnig`"))
        .unwrap_or_else(|| panic!("{:?}", linter.warnings()));
    assert!(
        warning.en.contains("rules.toml") && warning.en.contains("known: c, wording"),
        "{warning}"
    );
    assert!(
        warning.zh.contains("不是任何插件或规则包") && warning.zh.contains("已知的有：c, wording"),
        "{warning:?}"
    );
    assert!(
        !linter.warnings().iter().any(|w| w.en.contains("`c`")),
        "a loaded plugin is known"
    );
}

#[test]
fn a_missing_plugin_directory_is_a_warning() {
    let folder = Downloaded::new("dirs = [\"no-such-dir\"]");
    let linter = folder.linter(Trust::Everything);
    let missing = folder.dir.path().join("no-such-dir");
    assert!(
        linter
            .warnings()
            .iter()
            .any(|w| w.en.contains(&missing.display().to_string())
                && w.en.contains("does not exist")
                && w.zh
                    .contains(&format!("插件目录 {} 不存在", missing.display()))),
        "{:?}",
        linter.warnings()
    );
}

#[test]
fn finding_no_plugin_at_all_says_where_it_looked_unless_only_packs_are_enabled() {
    let empty = tempfile::tempdir().unwrap();
    let sources = Sources {
        exe_dir: Some(empty.path().to_path_buf()),
        ..Sources::default()
    };
    let linter = Linter::new(Config::default(), &sources, &mut Registry::default());
    let message = linter.no_plugins_found().expect("no plugin is reported");
    assert!(
        message.en.contains(&empty.path().display().to_string())
            && message.en.contains("BUDGETLINT_PLUGIN_PATH (not set)"),
        "{message}"
    );
    assert!(
        message.zh.starts_with("未找到规则插件：")
            && message.zh.contains(&empty.path().display().to_string())
            && message.zh.contains("BUDGETLINT_PLUGIN_PATH（未设置）"),
        "{message:?}"
    );

    let config = empty.path().join("rules.toml");
    std::fs::write(&config, "[plugins]\nenable = [\"wording\"]\n").unwrap();
    let packs_only = Linter::new(
        Config::load(&config).unwrap(),
        &sources,
        &mut Registry::default(),
    );
    assert_eq!(packs_only.no_plugins_found(), None);
}
