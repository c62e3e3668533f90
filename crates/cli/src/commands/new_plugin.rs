//! `budgetlint new-plugin NAME`: scaffold an out-of-tree plugin crate that depends on the SDK
//! by path, builds as a cdylib, and has one working rule with unit tests.
//!
//! What it prints and the comments of the files it writes are in the run's language (Chinese by
//! default, `--lang en`); code identifiers stay English, and the rule's documentation has both
//! pages, English then Chinese, as every built-in rule's has.

use crate::cli::{Lang, NewPluginArgs};
use crate::exit;
use crate::i18n::pick;
use budgetlint_engine::{io_zh, Message};
use std::path::{Path, PathBuf};

/// The SDK of the sources this binary was built from.
const BUILD_SDK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../sdk");

const CARGO_TOML: &str = r#"[package]
name = "budgetlint-plugin-{{NAME}}"
version = "0.1.0"
edition = "2021"
description = "budgetlint rule plugin `{{NAME}}`"

[lib]
# {{COMMENT_LIB}}
crate-type = ["cdylib"]

[dependencies]
budgetlint-sdk = { path = "{{SDK}}" }

# {{COMMENT_WORKSPACE}}
[workspace]
"#;

/// The comments of the written files: (key, Chinese, English).
const COMMENTS: &[(&str, &str, &str)] = &[
    (
        "{{COMMENT_LIB}}",
        "C 兼容的动态库：budgetlint 在运行时加载它。",
        "A C-compatible dynamic library: budgetlint loads it at run time.",
    ),
    (
        "{{COMMENT_WORKSPACE}}",
        "自成一个 workspace，放在哪里都能构建。",
        "A workspace of its own, so the crate builds wherever it is placed.",
    ),
    (
        "{{COMMENT_MODULE}}",
        "budgetlint 插件 `{{NAME}}`。用 `cargo build --release` 构建，再让 budgetlint 到\n//! target/release 中加载它（见 README.md）。",
        "budgetlint plugin `{{NAME}}`. Build with `cargo build --release`, then point budgetlint at\n//! target/release (see README.md).",
    ),
    (
        "{{COMMENT_WORDS}}",
        "报告的占位文字；rules.toml 中本规则的 `extra` 选项可以再加。",
        "The placeholders reported; the rule's `extra` option in rules.toml adds more.",
    ),
];

const LIB_RS: &str = r#"//! {{COMMENT_MODULE}}

use budgetlint_sdk::{declare_rule, Context, Diagnostic, DocumentExt, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Template placeholders left in a published disclosure: 待补充, 待填写, XXX, TODO, and any
    /// extra strings listed in the rule's `extra` option in rules.toml.
    ///
    /// ## Why
    /// Disclosures are often written from last year's template; a placeholder that survives
    /// into the published text means a figure or a sentence was never filled in.
    ///
    /// ## Example
    /// `收入合计待补充万元。`
    ///
    /// ## Fix
    /// Fill in the figure or sentence, or delete the placeholder.
    ///
    /// ## 检查内容
    /// 公开文件中留下的模板占位文字：待补充、待填写、XXX、TODO，以及 rules.toml 中本规则
    /// `extra` 选项列出的其他文字。
    ///
    /// ## 依据
    /// 公开文件常由上一年的模板改写而成；占位文字留到公开文本里，说明有数字或句子没有填写。
    ///
    /// ## 示例
    /// `收入合计待补充万元。`
    ///
    /// ## 修改方法
    /// 填上应有的数字或句子，或删去占位文字。
    pub struct PlaceholderText {
        id: "{{NAME}}/placeholder-text",
        severity: Warning,
        summary: "Template placeholder text left in the document",
        summary_zh: "文件中留有模板占位文字",
        options: {
            extra: Strings = "[]", "More placeholder strings to report";
        },
    }
}

/// {{COMMENT_WORDS}}
const PLACEHOLDERS: &[&str] = &["待补充", "待填写", "XXX", "TODO"];

impl Rule for PlaceholderText {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let extra = ctx.option_strings("extra");
        let needles = PLACEHOLDERS.iter().copied().chain(extra.iter().map(String::as_str));
        for needle in needles.filter(|n| !n.is_empty()) {
            for (start, _) in ctx.doc.text.match_indices(needle) {
                let span = ctx.doc.span_of(start, start + needle.len());
                out.push(
                    Diagnostic::new(self.meta(), span, format!("模板占位文字“{needle}”未替换"))
                        .en(format!("template placeholder `{needle}` left in the text")),
                );
            }
        }
    }
}

budgetlint_sdk::export_plugin!(name: "{{NAME}}", version: env!("CARGO_PKG_VERSION"), rules: [PlaceholderText]);

#[cfg(test)]
mod tests {
    use super::*;
    use budgetlint_sdk::testing::{check_text, check_text_with};

    #[test]
    fn fires_on_a_placeholder() {
        let found = check_text(&PlaceholderText, "一、收入\n收入合计待补充万元。\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].span.line, found[0].span.col), (2, 5));
    }

    #[test]
    fn passes_finished_text_and_reads_options() {
        assert!(check_text(&PlaceholderText, "收入合计10万元。").is_empty());
        let options = budgetlint_sdk::serde_json::json!({ "extra": ["（略）"] });
        let found = check_text_with(&PlaceholderText, "详见（略）", &options, &Default::default());
        assert_eq!(found.len(), 1);
    }
}
"#;

const README_ZH: &str = r#"# budgetlint-plugin-{{NAME}}

budgetlint 的规则插件，规则 id 以 `{{NAME}}/` 开头。

    cargo test                 # 规则的单元测试
    cargo build --release      # 构建出 target/release/{{LIB}}

不必安装即可使用：

    BUDGETLINT_PLUGIN_PATH=$PWD/target/release budgetlint check 报告.txt
    budgetlint rules | grep {{NAME}}/

或在项目的 rules.toml 中安装：

    [plugins]
    dirs = ["path/to/budgetlint-plugin-{{NAME}}/target/release"]

    [rules."{{NAME}}/placeholder-text"]
    severity = "error"
    extra = ["（略）"]

rules.toml 指定的插件库须经允许才会加载（`budgetlint trust rules.toml`）。详见 budgetlint
仓库中的 docs/WRITING_PLUGINS.md 和 docs/PLUGIN_ABI.md。
"#;

const README_EN: &str = r#"# budgetlint-plugin-{{NAME}}

A rule plugin for budgetlint. Rule ids start with `{{NAME}}/`.

    cargo test                 # unit tests of the rules
    cargo build --release      # builds target/release/{{LIB}}

Use it without installing anything:

    BUDGETLINT_PLUGIN_PATH=$PWD/target/release budgetlint check report.txt
    budgetlint rules | grep {{NAME}}/

or install it for a project, in its rules.toml:

    [plugins]
    dirs = ["path/to/budgetlint-plugin-{{NAME}}/target/release"]

    [rules."{{NAME}}/placeholder-text"]
    severity = "error"
    extra = ["（略）"]

Libraries that a rules.toml names load only once allowed (`budgetlint trust rules.toml`). See
docs/WRITING_PLUGINS.md and docs/PLUGIN_ABI.md in the budgetlint repository.
"#;

pub fn run(args: NewPluginArgs, lang: Lang) -> u8 {
    match scaffold(&args, lang) {
        Ok(dir) => {
            let dir = dir.display();
            match lang {
                Lang::Zh => eprintln!(
                    "budgetlint: 已建立 {dir}\n  接下来：cd {dir} && cargo test && cargo build --release"
                ),
                Lang::En => eprintln!(
                    "budgetlint: created {dir}\n  cd {dir} && cargo test && cargo build --release"
                ),
            }
            exit::CLEAN
        }
        Err(message) => {
            let error_word = pick(lang, "错误：", "error: ");
            eprintln!(
                "budgetlint: {error_word}{}",
                message.in_lang(lang == Lang::Zh)
            );
            exit::TROUBLE
        }
    }
}

fn scaffold(args: &NewPluginArgs, lang: Lang) -> Result<PathBuf, Message> {
    validate_name(&args.name)?;
    let sdk = args.sdk.clone().unwrap_or_else(|| PathBuf::from(BUILD_SDK));
    let sdk = std::fs::canonicalize(&sdk)
        .ok()
        .filter(|p| p.join("Cargo.toml").is_file())
        .ok_or_else(|| {
            let sdk = sdk.display();
            Message::new(
                format!("{sdk}: not the budgetlint-sdk crate; pass its directory with --sdk"),
                format!("{sdk}：不是 budgetlint-sdk crate 的目录；请用 --sdk 指定它的目录"),
            )
        })?;
    let dir = args.dir.join(format!("budgetlint-plugin-{}", args.name));
    if dir.exists() {
        let shown = dir.display();
        return Err(Message::new(
            format!("{shown}: already exists"),
            format!("{shown}：已经存在（不会覆盖）"),
        ));
    }
    let comments = |t: &str| {
        COMMENTS.iter().fold(t.to_string(), |t, (key, zh, en)| {
            t.replace(key, pick(lang, zh, en))
        })
    };
    let fill = |t: &str| {
        comments(t)
            .replace("{{NAME}}", &args.name)
            .replace("{{SDK}}", &sdk.display().to_string().replace('\\', "/"))
            .replace(
                "{{LIB}}",
                &budgetlint_engine::discovery::library_file_name(&args.name),
            )
    };
    let files: [(&str, &str); 4] = [
        ("Cargo.toml", CARGO_TOML),
        ("src/lib.rs", LIB_RS),
        ("README.md", pick(lang, README_ZH, README_EN)),
        (".gitignore", "/target\n"),
    ];
    for (name, template) in files {
        write(&dir.join(name), &fill(template))?;
    }
    Ok(dir)
}

fn write(path: &Path, text: &str) -> Result<(), Message> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| {
        let shown = parent.display();
        Message::new(
            format!("{shown}: cannot create: {e}"),
            format!("{shown}：无法建立：{}", io_zh(&e)),
        )
    })?;
    std::fs::write(path, text).map_err(|e| {
        let shown = path.display();
        Message::new(
            format!("{shown}: cannot write: {e}"),
            format!("{shown}：无法写入：{}", io_zh(&e)),
        )
    })
}

/// Plugin names become crate names, library file names and rule-id prefixes.
fn validate_name(name: &str) -> Result<(), Message> {
    let ok = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(Message::new(
            format!("plugin name `{name}`: use lowercase ASCII letters, digits and dashes, starting with a letter"),
            format!("插件名 `{name}`：只能用小写英文字母、数字和连字符（-），并以字母开头"),
        ))
    }
}
