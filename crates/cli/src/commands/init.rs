//! `budgetlint init [--province P]`: write a commented rules.toml to start from: the chosen
//! province profile, the plugin settings, and every available rule with its default severity
//! and summary, commented out, grouped by plugin.

use crate::cli::{InitArgs, Lang};
use crate::exit;
use budgetlint_engine::config::ProfileSetting;
use budgetlint_engine::{Config, Linter, Registry, RuleEntry, Sources};
use std::collections::BTreeMap;

pub fn run(args: InitArgs, lang: Lang) -> u8 {
    if args.output.exists() && !args.force {
        match lang {
            Lang::Zh => eprintln!(
                "budgetlint: 错误：{} 已存在（用 --force 覆盖）",
                args.output.display()
            ),
            Lang::En => eprintln!(
                "budgetlint: error: {} already exists (use --force to overwrite)",
                args.output.display()
            ),
        }
        return exit::TROUBLE;
    }
    let profile = match args.province.as_deref().map(ProfileSetting::parse) {
        None => ProfileSetting::Auto,
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            match lang {
                Lang::Zh => eprintln!(
                    "budgetlint: 错误：--province：{}",
                    budgetlint_engine::error::toml_zh(&e)
                ),
                Lang::En => eprintln!("budgetlint: error: --province: {e}"),
            }
            return exit::TROUBLE;
        }
    };
    let linter = Linter::new(
        Config::default(),
        &Sources::from_process(),
        &mut Registry::default(),
    );
    let text = render(&profile, &linter, lang);
    match std::fs::write(&args.output, text) {
        Ok(()) => {
            let (path, n) = (args.output.display(), linter.rules().len());
            match lang {
                Lang::Zh => eprintln!("budgetlint: 已写出 {path}（列出 {n} 条规则）"),
                Lang::En => eprintln!("budgetlint: wrote {path} ({n} rules listed)"),
            }
            exit::CLEAN
        }
        Err(e) => {
            let path = args.output.display();
            match lang {
                Lang::Zh => eprintln!(
                    "budgetlint: 错误：{path}：无法写入：{}",
                    budgetlint_engine::io_zh(&e)
                ),
                Lang::En => eprintln!("budgetlint: error: {path}: cannot write: {e}"),
            }
            exit::TROUBLE
        }
    }
}

/// The `profile = …` line, with what the profile means and, for a province without rules of
/// its own among those loaded, that only the national rules apply.
fn profile_line(profile: &ProfileSetting, linter: &Linter, lang: Lang) -> String {
    let value = profile.as_config_value();
    match profile {
        ProfileSetting::Auto => format!("# profile = \"{value}\"\n"),
        ProfileSetting::National => {
            format!("profile = \"{value}\"  # 仅全国通用规则 / national rules only\n")
        }
        ProfileSetting::Province(name) if linter.defines_province(name) => {
            format!("profile = \"{value}\"  # {name}\n")
        }
        ProfileSetting::Province(name) => match lang {
            Lang::Zh => format!(
                "profile = \"{value}\"  # {name}：尚未安装该省的规则，适用全国通用规则\n"
            ),
            Lang::En => format!(
                "profile = \"{value}\"  # {name}: no province rules are installed for it yet, so the national rules apply\n"
            ),
        },
    }
}

fn render(profile: &ProfileSetting, linter: &Linter, lang: Lang) -> String {
    let rules = linter.rules();
    let (header, plugins, plugin_word) = match lang {
        Lang::Zh => (HEADER_ZH, PLUGINS_ZH, "插件"),
        Lang::En => (HEADER, PLUGINS, "plugin"),
    };
    let mut out = String::from(header);
    out.push_str(&profile_line(profile, linter, lang));
    out.push_str(plugins);
    let mut by_plugin: BTreeMap<&str, Vec<&RuleEntry>> = BTreeMap::new();
    for r in rules {
        by_plugin.entry(&r.plugin).or_default().push(r);
    }
    for (plugin, mut rules) in by_plugin {
        rules.sort_by(|a, b| a.info.id.cmp(&b.info.id));
        out.push_str(&format!("\n# ── {plugin_word} `{plugin}` ──\n"));
        for r in rules {
            out.push_str(&format!(
                "#\n# {}\n# [rules.\"{}\"]\n# severity = \"{}\"\n",
                crate::i18n::rule_summary(&r.info, lang).replace('\n', " "),
                r.info.id,
                r.info.default_severity.as_str()
            ));
        }
    }
    out
}

const HEADER_ZH: &str = "\
# budgetlint 配置文件（由 `budgetlint init` 写出）。
#
# budgetlint 使用文件所在目录或其上级目录中最近的 rules.toml，或 --config 指定的文件。
# 以 # 开头的行是注释：去掉 # 并按需修改。`budgetlint rules` 列出全部规则，
# `budgetlint explain 规则` 显示规则的说明和选项。

# 作为基础的另一个 rules.toml（相对于本文件）；本文件的设置覆盖它。
# extends = \"../rules.toml\"

# 省份配置：\"auto\"（按文件自动识别）、\"national\"（仅全国通用规则），或任一省份的
# 拼音、中文名称或区划代码（\"hebei\"、\"河北\"、\"130000\"）。
";

const PLUGINS_ZH: &str = "
# 已接受问题的基线（由 `budgetlint baseline` 写出），相对于本文件。
# baseline = \".budgetlint-baseline.json\"

[plugins]
# 只加载这些插件和规则包（按名称）；默认：找到的全部。
# enable = [\"arithmetic\", \"structure\", \"wording\"]
# 不加载这些。
# disable = []
# 另外查找插件库的目录，以及插件库文件。插件是本机代码，需 `budgetlint trust` 允许。
# dirs = [\"tools/budgetlint-plugins\"]
# paths = [\"tools/libbudgetlint_plugin_local.so\"]
# 声明式规则包（TOML）。`wording` 规则包是内置的。
# packs = [\"rules/packs/local-terms.toml\"]

# 每条规则一个表：severity = \"error\"（错误）| \"warning\"（警告）| \"info\"（提示）| \"off\"（关闭），
# 以及规则自己的选项（见 `budgetlint explain 规则`）。规则 id 含 /，表名必须加引号：
# [rules.\"doc-number/bracket-style\"]。下面列出每条可用规则及其默认级别。
";

const HEADER: &str = "\
# budgetlint configuration (written by `budgetlint init`).
#
# budgetlint uses the nearest rules.toml in a document's directory or above it, or the file
# given with --config. Lines starting with # are comments: uncomment and edit what you need.
# `budgetlint rules` lists the rules, `budgetlint explain RULE` shows a rule's documentation
# and options.

# Another rules.toml to start from (relative to this file); settings here override it.
# extends = \"../rules.toml\"

# Province profile: \"auto\" (detect from the document), \"national\" (national rules only), or
# a province by Pinyin, Chinese name or code (\"hebei\", \"河北\", \"130000\").
";

const PLUGINS: &str = "
# Baseline of accepted findings (written by `budgetlint baseline`), relative to this file.
# baseline = \".budgetlint-baseline.json\"

[plugins]
# Only load these plugins and packs (by name); default: all that are found.
# enable = [\"arithmetic\", \"structure\", \"wording\"]
# Never load these.
# disable = []
# More directories to search for plugin libraries, and explicit library files.
# dirs = [\"tools/budgetlint-plugins\"]
# paths = [\"tools/libbudgetlint_plugin_local.so\"]
# Declarative rule packs (TOML). The `wording` pack is built in.
# packs = [\"rules/packs/local-terms.toml\"]

# One table per rule: severity = \"error\" | \"warning\" | \"info\" | \"off\", plus the rule's own
# options (see `budgetlint explain RULE`). Every available rule follows with its default.
";
