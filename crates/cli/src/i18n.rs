//! The language a person reads: Chinese by default, English with `--lang en` or
//! `BUDGETLINT_LANG=en`.
//!
//! The locale (`LANG`, `LC_ALL`) is deliberately not consulted: servers and containers run with
//! `C.UTF-8` or `en_US.UTF-8` whatever their users read, and the users of budgetlint read
//! Chinese. Rule ids, option names and the values of the machine formats (JSON, SARIF, JUnit
//! attributes) stay English whatever the language.
//!
//! The help text is written twice: in English as the doc comments of `cli.rs` (clap's derive
//! reads them) and in Chinese in [`HELP_ZH`], applied to the built command by [`localize`]. A
//! test walks the command and fails when an argument or subcommand has no Chinese text, so the
//! two cannot drift apart silently. clap's parse errors (an unknown flag, command or value) are
//! worded in Chinese by [`parse_error_zh`] from the error's context, clap's suggestion included.

use crate::cli::Lang;
use budgetlint_protocol::Severity;
use clap::Command;
use std::ffi::OsString;

/// The environment variable that chooses the language when `--lang` is not given.
pub const ENV: &str = "BUDGETLINT_LANG";

/// The language of a run: `--lang` (anywhere on the command line, so that `--help` follows it
/// too), else [`ENV`], else Chinese. An unknown value is left for clap to reject.
pub fn detect(args: &[OsString]) -> Lang {
    let mut words = args.iter().map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => continue,
        };
        if let Some(lang) = value.as_deref().and_then(parse) {
            return lang;
        }
    }
    std::env::var(ENV)
        .ok()
        .as_deref()
        .and_then(parse)
        .unwrap_or_default()
}

fn parse(value: &str) -> Option<Lang> {
    match value.trim().to_ascii_lowercase().as_str() {
        "en" | "english" => Some(Lang::En),
        "zh" | "zh-cn" | "chinese" | "中文" => Some(Lang::Zh),
        _ => None,
    }
}

/// The word a person reads for a severity: 错误/警告/提示, or error/warning/info. Every format
/// that shows a severity to a person uses this one function.
pub fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match (lang, severity) {
        (Lang::Zh, Severity::Error) => "错误",
        (Lang::Zh, Severity::Warning) => "警告",
        (Lang::Zh, Severity::Info) => "提示",
        (Lang::En, s) => s.as_str(),
    }
}

/// A rule's summary in `lang`: the Chinese one when the rule has it.
pub fn rule_summary(info: &budgetlint_protocol::RuleInfo, lang: Lang) -> &str {
    match (lang, &info.summary_zh) {
        (Lang::Zh, Some(zh)) => zh,
        _ => &info.summary,
    }
}

/// `zh` or `en` by language: for the short texts of the command line.
pub fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The command with its help in `lang`: unchanged for English, the [`HELP_ZH`] texts and
/// Chinese headings for Chinese.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => cmd,
        Lang::Zh => {
            let mut cmd = cmd;
            // Generates the `--help`, `--version` and `help` entries, so they can be translated.
            cmd.build();
            localize_command(cmd, "")
        }
    }
}

const TEMPLATE_ZH: &str =
    "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

fn localize_command(cmd: Command, path: &str) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE_ZH)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    if let Some(about) = lookup(path, "") {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = lookup(path, &id);
        cmd = cmd.mut_arg(&id, |a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            // The Chinese text names the values and the default itself.
            let a = a
                .help_heading(heading)
                .hide_possible_values(true)
                .hide_default_value(true);
            let a = match value_names_zh(&a) {
                Some(names) => a.value_names(names),
                None => a,
            };
            match help {
                Some(text) => a.help(text).long_help(None::<&str>),
                None => a,
            }
        });
    }
    // Rendered after the arguments' value names are Chinese, so the usage line shows them.
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim();
    cmd = cmd.override_usage(
        usage
            .replace("[OPTIONS]", "[选项]")
            .replace("<COMMAND>", "<命令>"),
    );
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if path == "help" {
            // The `help` command's entries name the other commands: nothing to translate.
            continue;
        }
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localize_command(s, &sub_path));
    }
    cmd
}

/// The Chinese names of an argument's values (`<文件>` for `<FILE>`), as the usage line and the
/// argument list show them; `None` for an argument without values. A name missing from
/// [`VALUE_NAMES_ZH`] is kept (a test fails for it). The command is built, so changing the
/// names changes only what is shown, not how many values the argument takes.
fn value_names_zh(arg: &clap::Arg) -> Option<Vec<&'static str>> {
    if !arg.get_action().takes_values() {
        return None;
    }
    let id = arg.get_id().as_str().to_ascii_uppercase();
    let names: Vec<String> = match arg.get_value_names() {
        Some(names) => names.iter().map(|n| n.to_string()).collect(),
        None => vec![id],
    };
    names.iter().map(|n| value_name_zh(n)).collect()
}

fn value_name_zh(name: &str) -> Option<&'static str> {
    VALUE_NAMES_ZH
        .iter()
        .find(|(en, _)| *en == name)
        .map(|(_, zh)| *zh)
}

/// The value names of `cli.rs` (given with `value_name`, or clap's upper-cased argument id) in
/// Chinese.
const VALUE_NAMES_ZH: &[(&str, &str)] = &[
    ("PATHS", "路径"),
    ("PATH", "路径"),
    ("FILE", "文件"),
    ("DIR", "目录"),
    ("RULE", "规则"),
    ("PACKS", "规则包"),
    ("GLOB", "通配模式"),
    ("PROVINCE", "省份"),
    ("FORMAT", "格式"),
    ("COLOR", "何时"),
    ("LANG", "语言"),
    ("NAME", "名称"),
    ("LIBRARY", "插件库"),
    ("SDK", "目录"),
    ("OUTPUT", "文件"),
    ("SUBCOMMAND", "命令"),
    ("COMMAND", "命令"),
];

/// clap's parse error in Chinese: what was wrong, clap's suggestion, the usage line and where to
/// read more. `None` for what is not a mistake (help and version requests) and for kinds this
/// does not word, which keep clap's English text.
pub fn parse_error_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    let value = |kind| e.get(kind).map(|v| v.to_string()).filter(|v| !v.is_empty());
    let arg = value(ContextKind::InvalidArg);
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数“{}”", arg?),
        ErrorKind::InvalidSubcommand => {
            format!("没有“{}”这个命令", value(ContextKind::InvalidSubcommand)?)
        }
        ErrorKind::InvalidValue => {
            let valid = value(ContextKind::ValidValue)
                .map(|v| format!("（可用的值：{v}）"))
                .unwrap_or_default();
            let given = value(ContextKind::InvalidValue).unwrap_or_default();
            format!("{} 的值“{given}”无效{valid}", arg?)
        }
        ErrorKind::ValueValidation => format!(
            "{} 的值“{}”无效",
            arg?,
            value(ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{}", arg?),
        ErrorKind::ArgumentConflict => match value(ContextKind::PriorArg) {
            Some(prior) => format!("{} 不能与 {prior} 同时使用", arg?),
            None => format!("{} 不能与已给出的参数同时使用", arg?),
        },
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{} 的值的个数不对", arg?)
        }
        ErrorKind::NoEquals => format!("{} 的值须用“=”写在参数后", arg?),
        _ => return None,
    };
    let mut out = format!("错误：{what}\n");
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        if let Some(suggested) = value(kind) {
            out.push_str(&format!("\n  提示：是否要用“{suggested}”？\n"));
        }
    }
    if let Some(usage) = value(ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str("\n更多信息请运行 --help。\n");
    Some(out)
}

/// The Chinese text of an argument (`id`) or, for an empty `id`, of the command at `path`:
/// the entry for this command first, then one shared by every command.
fn lookup(path: &str, id: &str) -> Option<&'static str> {
    let find = |key: &str| {
        HELP_ZH
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, text)| *text)
    };
    if id.is_empty() {
        return find(path);
    }
    find(&format!("{path}.{id}")).or_else(|| find(&format!("*.{id}")))
}

/// The Chinese help: `command` for a subcommand's description (`""` for the program),
/// `command.argument` for an argument of one command (`.argument` for the program's own),
/// `*.argument` for one that several commands share.
const HELP_ZH: &[(&str, &str)] = &[
    ("", "预算/决算公开文件（部门预算、部门决算、单位预算公开说明）的检查工具。"),
    ("*.help", "打印帮助（-h 为简要帮助）"),
    ("*.version", "打印版本"),
    ("*.lang", "界面语言：zh（中文，默认）或 en（英文）；也可用环境变量 BUDGETLINT_LANG"),
    ("*.config",
        "所有文件都使用这个 rules.toml，而不是文件所在目录或上级目录中最近的那个",
    ),
    ("*.allow_plugins",
        "本次运行加载 rules.toml 指定的插件库（plugins.paths、plugins.dirs）。插件是本机代码，只允许你信任的目录；也可设 BUDGETLINT_ALLOW_PLUGINS=1，或对某个 rules.toml 运行 budgetlint trust",
    ),
    ("*.include",
        "目录中只检查匹配这个通配符的文件（可重复；默认：*.txt、*.md、*.pdf、*.html、*.htm、*.docx、*.xlsx、*.doc、*.xls）。不含 / 的通配符匹配文件名，含 / 的匹配目录下的相对路径",
    ),
    ("*.exclude",
        "跳过匹配这个通配符的文件和目录（可重复），以及 .gitignore 和 .budgetlintignore 列出的内容",
    ),
    ("help", "打印本帮助或某个命令的帮助"),
    ("help.subcommand", "要查看帮助的命令"),
    ("check", "检查文件（文件、目录，或用 - 读取标准输入）"),
    (
        "check.paths",
        "要检查的文件或目录（默认：当前目录，遵守 .gitignore）；- 表示标准输入",
    ),
    (
        "check.format",
        "输出格式：human（代码框，给人看，默认）、concise（每个问题一行）、json、json-lines、sarif、github、junit、rdjson",
    ),
    (
        "check.stdin_filename",
        "从 - 读入的文件按这个路径报告（也从这里查找 rules.toml）",
    ),
    (
        "check.exit_zero",
        "即使发现问题也以 0 退出（配置和读写错误仍以 2 退出）",
    ),
    ("check.strict", "有警告也以 1 退出"),
    (
        "check.baseline",
        "基线文件（默认：rules.toml 中的 baseline，否则当前目录的 .budgetlint-baseline.json）",
    ),
    (
        "check.color",
        "人读格式的颜色：auto（默认，仅在终端上且未设 NO_COLOR 时）、always、never",
    ),
    (
        "check.ocr",
        "用 OCR 读取没有文字层的 PDF 页面（扫描件）：需要 tesseract 及其 chi_sim 模型（Debian：tesseract-ocr、tesseract-ocr-chi-sim）和 pdftoppm；这些页面上的问题标明为 OCR 文字",
    ),
    (
        "check.package",
        "把分成几个文件发布的一份公开文件（说明和公开表）作为一份检查：给出的每个目录中的文件为一份，直接给出的文件合为一份；问题仍报告在所在的文件中",
    ),
    (
        "check.fix",
        "把安全的修复写回文件（保留编码、BOM、换行、权限、属主和硬链接；只读文件拒绝修改），然后报告剩下的问题",
    ),
    (
        "check.unsafe_fixes",
        "与 --fix 或 --diff 一起使用：也应用不安全的修复（会改动数字或措辞）",
    ),
    (
        "check.diff",
        "只以统一差异格式显示修复，不写文件；有可修复的内容时以 1 退出",
    ),
    ("check.report", "另外把供审阅的独立 HTML 报告写到这个文件"),
    (
        "check.no_progress",
        "不显示进度条（进度条只在终端上、非 CI、较长的运行中出现）",
    ),
    (
        "check.show_profile",
        "显示每个文件的省份配置（省份、级次、如何识别）：人读格式在问题之前，其他格式写到标准错误",
    ),
    (
        "check.select",
        "只报告这些规则（规则 id 或前缀，如 text 或 text/；可重复，也可用逗号分隔）",
    ),
    (
        "check.ignore",
        "不报告这些规则（规则 id 或前缀；可重复，也可用逗号分隔）",
    ),
    (
        "check.statistics",
        "不逐条列出问题，只按规则统计数量（人读格式）",
    ),
    (
        "check.quiet",
        "只输出问题本身：不输出汇总行和提示信息",
    ),
    ("check.output", "把输出写到这个文件而不是标准输出"),
    (
        "check.no_group",
        "人读格式中列出全部重复问题（默认：同一文件中同一规则超过 3 处时，其余的合并为一行）",
    ),
    ("dump-model", "以 JSON 打印文件解析出的文档模型"),
    ("dump-model.file", "要读取的文件"),
    (
        "dump-text",
        "打印 budgetlint 从文件（PDF、HTML、Word、Excel 或文本）读出的文字，带页和工作表标记",
    ),
    ("dump-text.file", "要读取的文件"),
    ("rules", "列出所有规则及其插件、级别和摘要"),
    ("explain", "显示规则的完整说明"),
    ("explain.rule", "规则 id，如 doc-number/bracket-style"),
    (
        "test-rules",
        "运行规则包中的 should_fire/should_pass 示例（默认：所有已加载的规则包）",
    ),
    ("test-rules.packs", "规则包文件（TOML）"),
    (
        "baseline",
        "接受现有问题：写出基线文件，之后 check 不再报告其中的问题",
    ),
    ("baseline.paths", "文件或目录（默认：当前目录）"),
    (
        "baseline.output",
        "基线文件写到哪里（默认：.budgetlint-baseline.json）",
    ),
    ("new-plugin", "在本仓库之外创建一个可直接构建的插件项目"),
    (
        "new-plugin.name",
        "插件名：小写字母、数字和连字符；规则 id 以“插件名/”开头",
    ),
    (
        "new-plugin.dir",
        "在这个目录中创建 budgetlint-plugin-插件名 项目（默认：当前目录）",
    ),
    (
        "new-plugin.sdk",
        "依赖的 budgetlint-sdk 路径（默认：与本程序同一份源码的 SDK）",
    ),
    ("lsp", "为编辑器运行语言服务器（通过标准输入输出的 LSP）"),
    (
        "lsp.stdio",
        "通过标准输入输出通信（唯一的方式；因编辑器会传这个参数而接受）",
    ),
    ("init", "为省份配置写出带注释的 rules.toml"),
    (
        "init.province",
        "要写入的省份配置：hebei、shanxi、sichuan、henan、national（默认：按每个文件自动识别）",
    ),
    ("init.output", "写到哪里（默认：./rules.toml）"),
    ("init.force", "覆盖已有文件"),
    (
        "trust",
        "允许某个 rules.toml 指定的插件库加载，直到该文件被修改（--revoke 撤销）",
    ),
    (
        "trust.path",
        "rules.toml（或目录：其上最近的 rules.toml；默认：当前目录）",
    ),
    ("trust.revoke", "改为从允许列表中删除"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn lang_comes_from_the_command_line_in_either_spelling() {
        assert_eq!(
            detect(&os(&["budgetlint", "--lang", "en", "check"])),
            Lang::En
        );
        assert_eq!(detect(&os(&["budgetlint", "check", "--lang=en"])), Lang::En);
        assert_eq!(
            detect(&os(&["budgetlint", "check", "--lang", "zh"])),
            Lang::Zh
        );
    }

    /// Every argument and shown subcommand has Chinese help, so no English is left in `--help`.
    #[test]
    fn every_argument_and_command_has_chinese_help() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if lookup(path, "").is_none() {
                missing.push(format!("command `{path}`"));
            }
            for a in cmd.get_arguments() {
                if lookup(path, a.get_id().as_str()).is_none() {
                    missing.push(format!("`{path}` argument `{}`", a.get_id()));
                }
            }
            // Hidden commands (`__plugin-worker`, run by budgetlint itself) are never shown.
            let shown = |s: &&Command| !s.is_hide_set();
            for s in cmd
                .get_subcommands()
                .filter(|_| path != "help")
                .filter(shown)
            {
                let sub = if path.is_empty() {
                    s.get_name().to_string()
                } else {
                    format!("{path} {}", s.get_name())
                };
                walk(s, &sub, missing);
            }
        }
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "", &mut missing);
        assert!(missing.is_empty(), "no Chinese help for: {missing:#?}");
    }

    /// Every value placeholder of the usage lines and argument lists has a Chinese name, and
    /// the English help keeps the English ones.
    #[test]
    fn value_names_are_chinese_in_chinese_help() {
        fn walk(cmd: &Command, missing: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                if a.get_action().takes_values() && value_names_zh(a).is_none() {
                    missing.push(format!("{} {:?}", cmd.get_name(), a.get_value_names()));
                }
            }
            for s in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                walk(s, missing);
            }
        }
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, &mut missing);
        assert!(
            missing.is_empty(),
            "no Chinese value name for: {missing:#?}"
        );

        let help = |lang, name: &str| {
            let mut cmd = localize(crate::cli::Cli::command(), lang);
            cmd.find_subcommand_mut(name)
                .unwrap()
                .render_help()
                .to_string()
        };
        let check = help(Lang::Zh, "check");
        assert!(
            check.contains("用法：budgetlint check [选项] [路径]..."),
            "{check}"
        );
        assert!(check.contains("--config <文件>"), "{check}");
        assert!(
            !check.contains("PATHS") && !check.contains("<FILE>"),
            "{check}"
        );
        let dump = help(Lang::Zh, "dump-model");
        assert!(dump.contains("<文件>"), "{dump}");
        let english = help(Lang::En, "check");
        assert!(
            english.contains("[PATHS]...") && english.contains("<FILE>"),
            "{english}"
        );
    }

    /// A mistyped flag, command or value reads in Chinese, with clap's suggestion and the usage
    /// line; help is not an error.
    #[test]
    fn parse_errors_are_worded_in_chinese() {
        let cmd = || localize(crate::cli::Cli::command(), Lang::Zh);
        let error = |args: &[&str]| {
            let mut argv = vec!["budgetlint"];
            argv.extend_from_slice(args);
            cmd().try_get_matches_from(argv).unwrap_err()
        };
        let unknown = parse_error_zh(&error(&["check", "--fromat", "json"])).unwrap();
        assert!(
            unknown.starts_with("错误：不认识的参数“--fromat”"),
            "{unknown}"
        );
        assert!(unknown.contains("提示：是否要用“--format”？"), "{unknown}");
        assert!(unknown.contains("用法：budgetlint check"), "{unknown}");
        assert!(!unknown.contains("Usage:"), "{unknown}");
        let command = parse_error_zh(&error(&["chek"])).unwrap();
        assert!(command.starts_with("错误：没有“chek”这个命令"), "{command}");
        assert!(command.contains("“check”"), "{command}");
        let value = parse_error_zh(&error(&["check", "--format", "xml"])).unwrap();
        assert!(value.contains("的值“xml”无效"), "{value}");
        assert_eq!(parse_error_zh(&error(&["--help"])), None);
    }

    #[test]
    fn severity_words_are_one_per_severity() {
        let words: Vec<&str> = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .map(|s| severity_word(s, Lang::Zh))
            .collect();
        assert_eq!(words, ["错误", "警告", "提示"]);
        assert_eq!(severity_word(Severity::Info, Lang::En), "info");
    }
}
