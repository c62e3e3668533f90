//! `budgetlint --version` (and `-V`): the program's version and the rule plugins it finds.
//!
//! A `budgetlint` copied onto PATH without its `budgetlint_plugin_*` libraries runs only the
//! declarative rule packs, so the version line alone would hide the most common installation
//! mistake. This lists every plugin library in the built-in places (beside the program, then
//! `BUDGETLINT_PLUGIN_PATH`), loads each to print its name, version and rule count, and says
//! clearly when there is none and where it looked. Libraries that a rules.toml names are not
//! opened here: that needs trust (see the README's trust model) and a document to configure.

use crate::cli::Lang;
use crate::exit;
use crate::i18n::pick;
use budgetlint_engine::discovery::{libraries_in, Sources};
use budgetlint_engine::host::Plugin;
use std::path::{Path, PathBuf};

/// Whether the arguments ask for the version: `budgetlint --version` or `budgetlint -V`, after
/// the global `--lang` if it comes first. clap accepts the flag only before a subcommand and the
/// top level has no other options, so this decides it exactly as clap would.
pub fn requested(args: &[std::ffi::OsString]) -> bool {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        match word.as_ref() {
            "--version" | "-V" => return true,
            "--lang" => {
                words.next();
            }
            w if w.starts_with("--lang=") => {}
            _ => return false,
        }
    }
    false
}

pub fn run(lang: Lang) -> u8 {
    super::print(&text(&Sources::from_process(), lang));
    exit::CLEAN
}

/// The whole report for these sources, in `lang`.
pub fn text(sources: &Sources, lang: Lang) -> String {
    let mut out = format!(
        "budgetlint {} ({}-{})\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    let dirs = sources.builtin_dirs();
    let libraries: Vec<PathBuf> = dirs.iter().flat_map(|d| libraries_in(d)).collect();
    if libraries.is_empty() {
        out.push_str(&none_found(sources, &dirs, lang));
        return out;
    }
    out.push_str(&match lang {
        Lang::Zh => format!("规则插件：{} 个\n", libraries.len()),
        Lang::En => format!("rule plugins: {}\n", libraries.len()),
    });
    for path in &libraries {
        out.push_str(&describe(path, lang));
    }
    out
}

/// One line per library: name, version, rule count and file, or why it did not load.
fn describe(path: &Path, lang: Lang) -> String {
    match Plugin::load(path) {
        Ok(plugin) => {
            let rules = plugin.info.rules.len();
            let rules = match lang {
                Lang::Zh => format!("{rules:>3} 条规则"),
                Lang::En => format!("{rules:>3} rules"),
            };
            format!(
                "  {:<16} {:<8} {rules}  {}\n",
                plugin.info.name,
                plugin.info.version,
                path.display()
            )
        }
        Err(e) => format!(
            "  {}{}\n",
            pick(lang, "无法加载：", "cannot load: "),
            e.display_in(lang == Lang::Zh)
        ),
    }
}

/// The message for an installation without plugin libraries: where it looked, how to fix.
fn none_found(sources: &Sources, dirs: &[PathBuf], lang: Lang) -> String {
    let pattern = format!(
        "{}budgetlint_plugin_*{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    let looked: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    let looked = match looked.is_empty() {
        true => pick(lang, "（无）", "(none)").to_string(),
        false => looked.join(", "),
    };
    let env = match &sources.env_path {
        Some(p) => p.to_string_lossy().into_owned(),
        None => pick(lang, "未设置", "not set").to_string(),
    };
    match lang {
        Lang::Zh => format!(
            "未找到规则插件：只有声明式规则包可用，合计、百分比、发文字号等检查都不会运行。\n\
             查找了 {pattern}：{looked}\n\
             BUDGETLINT_PLUGIN_PATH：{env}\n\
             请把插件库与 budgetlint 程序放在同一文件夹，或把 BUDGETLINT_PLUGIN_PATH 设为插件所在的文件夹。\n"
        ),
        Lang::En => format!(
            "no rule plugin found: only the declarative rule packs are available, and the checks of \
             sums, percentages, 发文字号 and the rest will not run.\n\
             looked for {pattern} in: {looked}\n\
             BUDGETLINT_PLUGIN_PATH: {env}\n\
             Put the plugin libraries in the folder of the budgetlint program, or set BUDGETLINT_PLUGIN_PATH.\n"
        ),
    }
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
        assert!(requested(&args(&[
            "budgetlint",
            "--lang",
            "en",
            "--version"
        ])));
        assert!(requested(&args(&["budgetlint", "--lang=zh", "-V"])));
        assert!(!requested(&args(&["budgetlint", "--lang", "en", "check"])));
    }

    #[test]
    fn an_empty_installation_says_where_it_looked() {
        let dir = tempfile::tempdir().unwrap();
        let sources = Sources {
            env_path: None,
            exe_dir: Some(dir.path().to_path_buf()),
            ..Sources::default()
        };
        let zh = text(&sources, Lang::Zh);
        assert!(zh.starts_with("budgetlint "), "{zh}");
        assert!(zh.contains("\n未找到规则插件："), "{zh}");
        assert!(zh.contains(&dir.path().display().to_string()), "{zh}");
        assert!(zh.contains("BUDGETLINT_PLUGIN_PATH：未设置"), "{zh}");
        assert!(!zh.contains("not set") && !zh.contains("found"), "{zh}");
        let en = text(&sources, Lang::En);
        assert!(en.contains("\nno rule plugin found: "), "{en}");
        assert!(en.contains("BUDGETLINT_PLUGIN_PATH: not set"), "{en}");
        assert!(!en.contains("未"), "{en}");
    }
}
