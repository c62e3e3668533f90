//! The out-of-tree province plugin of examples/province-plugin (山东): built during the test in
//! its own target directory under target/, loaded through a rules.toml (`[plugins] paths` and
//! `dirs`), and run only on documents whose detected province is 山东.

mod common;

use budgetlint_engine::config::Config;
use budgetlint_engine::{Linter, Registry, Sources, Trust};
use common::example::{build_example, NAME};
use std::path::Path;

fn linter(dir: &Path, plugins: &str) -> Linter {
    linter_with(dir, "", plugins)
}

/// A linter whose rules.toml starts with `head` (a profile) and loads the plugin by `plugins`.
fn linter_with(dir: &Path, head: &str, plugins: &str) -> Linter {
    let path = dir.join("rules.toml");
    std::fs::write(
        &path,
        format!("{head}[plugins]\n{plugins}\nenable = [\"{NAME}\"]\n"),
    )
    .unwrap();
    // The test built the plugin itself: allowed as `--allow-plugins` would allow it.
    let sources = Sources {
        trust: Trust::Everything,
        ..Sources::default()
    };
    let linter = Linter::new(
        Config::load(&path).unwrap(),
        &sources,
        &mut Registry::default(),
    );
    assert!(
        linter.problems().is_empty(),
        "the plugin loads: {:?}",
        linter.problems()
    );
    linter
}

const SHANDONG_DOC: &str = "济南市历下区教育局2021年部门预算公开说明\n第一部分 部门概况\n负责全区教育工作。\n第三部分 名词解释\n财政拨款收入。\n第四部分 部门预算公开表\n附表。\n";

#[test]
fn the_example_builds_loads_through_rules_toml_and_runs_on_its_province_only() {
    let lib = build_example();
    let tmp = tempfile::tempdir().unwrap();
    for plugins in [
        format!("paths = [{:?}]", lib.display().to_string()),
        format!("dirs = [{:?}]", lib.parent().unwrap().display().to_string()),
    ] {
        let linter = linter(tmp.path(), &plugins);
        assert!(
            linter
                .rules()
                .iter()
                .any(|r| r.info.id == "shandong/budget-parts"),
            "{plugins}"
        );

        let report = linter
            .check(Path::new("shandong.txt"), SHANDONG_DOC.as_bytes(), None)
            .unwrap();
        assert_eq!(report.profile.province.as_deref(), Some("山东"));
        assert_eq!(
            (
                report.profile.level.as_deref(),
                report.profile.detected_by.as_str()
            ),
            (Some("district"), "issuer-name")
        );
        let found: Vec<_> = report
            .findings
            .iter()
            .map(|f| &f.diagnostic)
            .filter(|d| d.rule == "shandong/budget-parts")
            .collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.contains("第二部分“部门预算情况说明”"),
            "{}",
            found[0].message
        );

        // The same layout from a Hebei county: the profile is 河北, the Shandong rule stays quiet.
        let hebei = SHANDONG_DOC.replace("济南市历下区教育局", "香河县社会保险事业管理所");
        let report = linter
            .check(Path::new("hebei.txt"), hebei.as_bytes(), None)
            .unwrap();
        assert_eq!(report.profile.province.as_deref(), Some("河北"));
        assert!(report
            .findings
            .iter()
            .all(|f| f.diagnostic.rule != "shandong/budget-parts"));

        // No recognisable province: national rules only, and the profile says so.
        let nowhere = SHANDONG_DOC.replace("济南市历下区教育局", "某某中心");
        let report = linter
            .check(Path::new("none.txt"), nowhere.as_bytes(), None)
            .unwrap();
        assert_eq!(
            (
                report.profile.province.as_deref(),
                report.profile.detected_by.as_str()
            ),
            (None, "none")
        );
        assert!(report
            .findings
            .iter()
            .all(|f| f.diagnostic.rule != "shandong/budget-parts"));
    }
}

/// `profile = "shandong"` (or `"山东"`) selects the compiled out-of-tree province for a document
/// that names no place, and the profile is not reported as lacking rules.
#[test]
fn the_example_is_selected_by_profile_in_pinyin_or_chinese() {
    let lib = build_example();
    let tmp = tempfile::tempdir().unwrap();
    let nowhere = SHANDONG_DOC.replace("济南市历下区教育局", "某某中心");
    for profile in ["shandong", "山东"] {
        let linter = linter_with(
            tmp.path(),
            &format!("profile = \"{profile}\"\n"),
            &format!("paths = [{:?}]", lib.display().to_string()),
        );
        assert!(linter.defines_province("山东"));
        assert!(linter.warnings().is_empty(), "{:?}", linter.warnings());
        let report = linter
            .check(Path::new("none.txt"), nowhere.as_bytes(), None)
            .unwrap();
        assert_eq!(
            (
                report.profile.province.as_deref(),
                report.profile.detected_by.as_str()
            ),
            (Some("山东"), "config")
        );
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.diagnostic.rule == "shandong/budget-parts"),
            "{profile}"
        );
    }
}
