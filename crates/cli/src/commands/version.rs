//! `budgetlint --version` (and `-V`): the program's version and the rule plugins it finds.
//!
//! A `budgetlint` copied onto PATH without its `budgetlint_plugin_*` libraries runs only the
//! declarative rule packs, so the version line alone would hide the most common installation
//! mistake. This lists every plugin library in the built-in places (beside the program, then
//! `BUDGETLINT_PLUGIN_PATH`), loads each to print its name, version and rule count, and says
//! clearly when there is none and where it looked. Libraries that a rules.toml names are not
//! opened here: that needs trust (see the README's trust model) and a document to configure.

use crate::exit;
use budgetlint_engine::discovery::{libraries_in, Sources};
use budgetlint_engine::host::Plugin;
use std::path::{Path, PathBuf};

/// Whether the arguments ask for the version: `budgetlint --version` or `budgetlint -V`.
/// clap accepts the flag only before a subcommand and the top level has no other options, so
/// looking at the first argument decides it exactly as clap would.
pub fn requested(args: &[std::ffi::OsString]) -> bool {
    matches!(
        args.get(1).and_then(|a| a.to_str()),
        Some("--version" | "-V")
    )
}

pub fn run() -> u8 {
    super::print(&text(&Sources::from_process()));
    exit::CLEAN
}

/// The whole report for these sources.
pub fn text(sources: &Sources) -> String {
    let mut out = format!(
        "budgetlint {} ({}-{})\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    let dirs = sources.builtin_dirs();
    let libraries: Vec<PathBuf> = dirs.iter().flat_map(|d| libraries_in(d)).collect();
    if libraries.is_empty() {
        out.push_str(&none_found(sources, &dirs));
        return out;
    }
    out.push_str(&format!(
        "规则插件 (rule plugins): {} 个\n",
        libraries.len()
    ));
    for path in &libraries {
        out.push_str(&describe(path));
    }
    out
}

/// One line per library: name, version, rule count and file, or why it did not load.
fn describe(path: &Path) -> String {
    match Plugin::load(path) {
        Ok(plugin) => format!(
            "  {:<16} {:<8} {:>3} 条规则 (rules)  {}\n",
            plugin.info.name,
            plugin.info.version,
            plugin.info.rules.len(),
            path.display()
        ),
        Err(e) => format!("  无法加载 (cannot load): {e}\n"),
    }
}

/// The message for an installation without plugin libraries: where it looked, how to fix.
fn none_found(sources: &Sources, dirs: &[PathBuf]) -> String {
    let pattern = format!(
        "{}budgetlint_plugin_*{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    let looked: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    let env = match &sources.env_path {
        Some(p) => p.to_string_lossy().into_owned(),
        None => "未设置 (not set)".to_string(),
    };
    format!(
        "未找到规则插件 (no rule plugin found): 只有声明式规则包可用，合计、百分比、发文字号等检查都不会运行。\n\
         查找了 (looked for) {pattern}: {}\n\
         BUDGETLINT_PLUGIN_PATH: {env}\n\
         请把插件库与 budgetlint 程序放在同一文件夹，或把 BUDGETLINT_PLUGIN_PATH 设为插件所在的文件夹。\n\
         (Put the plugin libraries in the folder of the budgetlint program, or set BUDGETLINT_PLUGIN_PATH.)\n",
        if looked.is_empty() {
            "（无）".to_string()
        } else {
            looked.join(", ")
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn only_a_leading_version_flag_asks_for_the_version() {
        assert!(requested(&args(&["budgetlint", "--version"])));
        assert!(requested(&args(&["budgetlint", "-V"])));
        assert!(!requested(&args(&["budgetlint"])));
        assert!(!requested(&args(&["budgetlint", "check", "--version"])));
        assert!(!requested(&args(&["budgetlint", "check", "a.txt"])));
    }

    #[test]
    fn an_empty_installation_says_where_it_looked() {
        let dir = tempfile::tempdir().unwrap();
        let sources = Sources {
            env_path: None,
            exe_dir: Some(dir.path().to_path_buf()),
            ..Sources::default()
        };
        let text = text(&sources);
        assert!(text.starts_with("budgetlint "), "{text}");
        assert!(text.contains("未找到规则插件"), "{text}");
        assert!(text.contains(&dir.path().display().to_string()), "{text}");
        assert!(text.contains("BUDGETLINT_PLUGIN_PATH: 未设置"), "{text}");
    }
}
