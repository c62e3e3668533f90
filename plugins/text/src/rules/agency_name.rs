use crate::support::Spans;
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// Public bodies called by a wrong name, from a dictionary of misnamings and their canonical
    /// forms (data/agency-names.tsv): `人力资源和社会保险厅` for 人力资源和社会保障厅,
    /// `卫生和健康委员会` for 卫生健康委员会, `退伍军人事务局` for 退役军人事务局,
    /// `发展与改革委员会` for 发展和改革委员会 ….
    ///
    /// Extra entries can be given in rules.toml: `names = ["错误名称=正确名称", …]`.
    ///
    /// ## Why
    /// Cited issuers and documents must be identifiable (GB/T 9704-2012 §7.2 on 发文机关标志;
    /// reviewing practice checks the names of cited bodies). A misnamed body usually means the
    /// citation was typed from memory and may be wrong in other respects too.
    ///
    /// ## Example
    /// `《河北省人力资源和社会保险厅关于进一步规范网上社保经办服务的紧急通知》` is reported.
    ///
    /// ## Fix
    /// Use the canonical name (unsafe: the fix rewrites a quoted title).
    ///
    /// ## 检查内容
    /// 按错误名称及其规范名称的词典（data/agency-names.tsv）检查写错的机关名称：`人力资源和社会保险厅`应为人力资源和社会保障厅，`卫生和健康委员会`应为卫生健康委员会，`退伍军人事务局`应为退役军人事务局，`发展与改革委员会`应为发展和改革委员会等。
    ///
    /// 可在 rules.toml 中补充条目：`names = ["错误名称=正确名称", …]`。
    ///
    /// ## 依据
    /// 所引的发文机关和文件必须可以查考（GB/T 9704-2012 7.2 关于发文机关标志；审核时会核对所引机关的名称）。机关名称写错，通常说明引文是凭记忆录入的，其他部分也可能有误。
    ///
    /// ## 示例
    /// `《河北省人力资源和社会保险厅关于进一步规范网上社保经办服务的紧急通知》`会被报告。
    ///
    /// ## 修改方法
    /// 使用规范名称（不安全修复：修复会改写引号内的标题）。
    pub struct AgencyName {
        id: "text/agency-name",
        aliases: ["wording/agency-name"],
        severity: Warning,
        summary: "Public body called by a wrong name",
        summary_zh: "机关名称写错",
        options: {
            names: Strings = "[]", "More wrong names to report, as “wrong=right” pairs",
                "更多要报告的错误名称，写作“错误=正确”";
        },
    }
}

type Entry = (String, String, String);

/// (wrong, canonical, why) from the built-in dictionary, and one pattern matching every wrong
/// form (a single pass over the text instead of one per entry).
fn dictionary() -> &'static (Vec<Entry>, Option<Regex>) {
    static DICT: OnceLock<(Vec<Entry>, Option<Regex>)> = OnceLock::new();
    DICT.get_or_init(|| {
        let entries = parse_dictionary(include_str!("../../data/agency-names.tsv"));
        let pattern = alternation(&entries);
        (entries, pattern)
    })
}

/// `wrong1|wrong2|…`, longest first so that a longer wrong form wins over its prefix.
fn alternation(entries: &[Entry]) -> Option<Regex> {
    let mut wrongs: Vec<&str> = entries.iter().map(|(w, _, _)| w.as_str()).collect();
    wrongs.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let joined: Vec<String> = wrongs.iter().map(|w| regex::escape(w)).collect();
    (!joined.is_empty())
        .then(|| Regex::new(&joined.join("|")).ok())
        .flatten()
}

fn parse_dictionary(data: &str) -> Vec<Entry> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split('\t');
            let wrong = parts.next()?.trim();
            let right = parts.next()?.trim();
            let why = parts.next().unwrap_or("").trim();
            (!wrong.is_empty() && !right.is_empty())
                .then(|| (wrong.to_string(), right.to_string(), why.to_string()))
        })
        .collect()
}

impl Rule for AgencyName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        let extra: Vec<Entry> = ctx
            .option_strings("names")
            .iter()
            .filter_map(|e| {
                e.split_once('=')
                    .map(|(w, r)| (w.trim().to_string(), r.trim().to_string(), String::new()))
            })
            .filter(|(w, r, _)| !w.is_empty() && !r.is_empty())
            .collect();
        let (entries, pattern) = dictionary();
        let mut found: Vec<(usize, &str, &str, &str)> = Vec::new();
        if let Some(pattern) = pattern {
            for m in pattern.find_iter(text) {
                if let Some((wrong, right, why)) = entries.iter().find(|(w, _, _)| w == m.as_str())
                {
                    found.push((m.start(), wrong, right, why));
                }
            }
        }
        for (wrong, right, why) in &extra {
            for (at, _) in text.match_indices(wrong.as_str()) {
                if !found
                    .iter()
                    .any(|&(s, w, _, _)| at < s + w.len() && s < at + wrong.len())
                {
                    found.push((at, wrong, right, why));
                }
            }
        }
        found.sort_by_key(|f| f.0);
        for (at, wrong, right, why) in found {
            let span = spans.span(at, at + wrong.len());
            let reason = if why.is_empty() {
                String::new()
            } else {
                format!("（{why}）")
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span,
                    format!("机构名称“{wrong}”有误，应为“{right}”{reason}"),
                )
                .en(format!(
                    "The body is misnamed: “{wrong}” should be “{right}”"
                ))
                .replace(
                    span,
                    right,
                    format!("改为“{right}”"),
                    Applicability::Unsafe,
                ),
            );
        }
    }
}
