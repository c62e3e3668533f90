//! `budgetlint rules` and `budgetlint explain RULE`.

use crate::cli::{ConfigArgs, Lang};
use crate::exit;
use crate::i18n::{pick, severity_word};
use crate::session::Session;
use budgetlint_engine::{Linter, RuleEntry};
use std::sync::Arc;

/// The linter for the current directory (or `--config`), with load problems on stderr in
/// `lang`.
pub fn linter(config: ConfigArgs, lang: Lang) -> Result<(Arc<Linter>, bool), u8> {
    let mut session = Session::new(&config, lang);
    match session.linter_for(std::path::Path::new(".")) {
        Ok(l) => Ok((l, !session.report_problems(false).is_empty())),
        Err(e) => {
            let error_word = pick(lang, "错误：", "error: ");
            eprintln!("budgetlint: {error_word}{}", session.show(&e));
            Err(exit::TROUBLE)
        }
    }
}

/// The rule's severity in effect, as a person reads it (`off` when turned off).
fn severity(entry: &RuleEntry, lang: Lang) -> &'static str {
    entry
        .severity
        .map_or(pick(lang, "关闭", "off"), |s| severity_word(s, lang))
}

/// The file that declares the rule (its source file, or its pack), `-` when the plugin does
/// not say.
fn file(entry: &RuleEntry) -> &str {
    if entry.info.file.is_empty() {
        "-"
    } else {
        &entry.info.file
    }
}

/// `text` padded with spaces to `width` terminal columns (a Chinese character takes two).
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

pub fn list(config: ConfigArgs, lang: Lang) -> u8 {
    let (linter, trouble) = match linter(config, lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let mut rules: Vec<&RuleEntry> = linter.rules().iter().collect();
    rules.sort_by(|a, b| a.info.id.cmp(&b.info.id));
    let id_width = rules
        .iter()
        .map(|r| r.info.id.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let plugin_width = rules
        .iter()
        .map(|r| r.plugin.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let file_width = rules
        .iter()
        .map(|r| file(r).len())
        .max()
        .unwrap_or(4)
        .max(4);
    let [rule, plugin, level, file_label, summary] = match lang {
        Lang::Zh => ["规则", "插件", "级别", "文件", "摘要"],
        Lang::En => ["RULE", "PLUGIN", "SEVERITY", "FILE", "SUMMARY"],
    };
    let mut out = format!(
        "{}  {}  {}  {}  {summary}\n",
        pad(rule, id_width),
        pad(plugin, plugin_width),
        pad(level, 8),
        pad(file_label, file_width)
    );
    for r in rules {
        out.push_str(&format!(
            "{}  {}  {}  {}  {}\n",
            pad(&r.info.id, id_width),
            pad(&r.plugin, plugin_width),
            pad(severity(r, lang), 8),
            pad(file(r), file_width),
            crate::i18n::rule_summary(&r.info, lang)
        ));
    }
    super::print(&out);
    if trouble {
        exit::TROUBLE
    } else {
        exit::CLEAN
    }
}

pub fn explain(rule: &str, config: ConfigArgs, lang: Lang) -> u8 {
    let (linter, _) = match linter(config, lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let renamed = |r: &&RuleEntry| r.info.aliases.iter().any(|a| a == rule);
    let entry = linter.rules().iter().find(|r| r.info.id == rule);
    let Some(entry) = entry.or_else(|| linter.rules().iter().find(renamed)) else {
        match lang {
            Lang::Zh => eprintln!(
                "budgetlint: 错误：已加载的插件和规则包中没有规则 `{rule}`（用 `budgetlint rules` 查看全部规则）"
            ),
            Lang::En => eprintln!(
                "budgetlint: error: no loaded plugin or pack provides rule `{rule}` (see `budgetlint rules`)"
            ),
        }
        return exit::TROUBLE;
    };
    let info = &entry.info;
    if info.id != rule {
        // A former id may name several rules (its judgements now have ids of their own).
        let now: Vec<&str> = linter
            .rules()
            .iter()
            .filter(renamed)
            .map(|r| r.info.id.as_str())
            .collect();
        match (lang, now.as_slice()) {
            (Lang::Zh, [_]) => eprintln!("budgetlint: 规则 `{rule}` 已更名为 `{}`", info.id),
            (Lang::En, [_]) => eprintln!("budgetlint: `{rule}` was renamed `{}`", info.id),
            (Lang::Zh, _) => eprintln!(
                "budgetlint: 规则 `{rule}` 已拆分为 `{}`；以下是 `{}` 的说明",
                now.join("`、`"),
                info.id
            ),
            (Lang::En, _) => eprintln!(
                "budgetlint: `{rule}` was split into `{}`; explaining `{}`",
                now.join("`, `"),
                info.id
            ),
        }
    }
    let (plugin, file_label, formerly_label, level, default, option_label) = match lang {
        Lang::Zh => ("插件：", "文件：", "曾用名：", "级别：", "默认", "选项："),
        Lang::En => (
            "plugin:   ",
            "file:     ",
            "formerly: ",
            "severity: ",
            "default",
            "option:   ",
        ),
    };
    let formerly = if info.aliases.is_empty() {
        String::new()
    } else {
        format!("{formerly_label}{}\n", info.aliases.join(", "))
    };
    let formerly = match (&info.split_from, lang) {
        (None, _) => formerly,
        (Some(parent), Lang::Zh) => {
            format!("{formerly}拆分自：{parent}（该规则的 rules.toml 设置与行内禁用也适用于本规则）\n")
        }
        (Some(parent), Lang::En) => format!(
            "{formerly}split from: {parent} (its rules.toml settings and inline disables apply to this rule too)\n"
        ),
    };
    let mut options = String::new();
    for o in &info.options {
        options.push_str(&format!(
            "{option_label}{} ({}, {default} {}): {}\n",
            o.name,
            o.kind.as_str(),
            o.default,
            o.doc_in(lang == Lang::Zh)
        ));
    }
    super::print(&format!(
        "{}\n{}\n\n{plugin}{} ({})\n{file_label}{}\n{formerly}{level}{} ({default} {})\n{options}\n{}\n",
        info.id,
        crate::i18n::rule_summary(info, lang),
        entry.plugin,
        entry.source.display(),
        file(entry),
        severity(entry, lang),
        severity_word(info.default_severity, lang),
        crate::format::rule_docs(info.docs_in(lang == Lang::Zh))
    ));
    exit::CLEAN
}
