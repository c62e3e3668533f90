use crate::view::normalize;
use budgetlint_sdk::model::TextCell;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};
use std::collections::HashSet;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// The 一级/二级指标 names of each 绩效目标表 against the standard hierarchy
    /// (data/hierarchy.tsv):
    ///
    /// ```text
    /// 产出指标   → 数量指标 | 质量指标 | 时效指标 | 成本指标
    /// 效益指标   → 经济效益指标 | 社会效益指标 | 生态效益指标 | 可持续影响指标
    /// 满意度指标 → 服务对象满意度指标
    /// (101号: 成本指标 → 经济成本指标 | 社会成本指标 | 生态环境成本指标)
    /// ```
    ///
    /// This rule reports a 二级指标 under the wrong 一级指标 (`效益指标 → 数量指标`). A name
    /// that is not standard — a variant (`质量目标`, `可持续发展影响指标`), a truncated name
    /// (`服务对象满意度指`), an unknown category — is `indicator/hierarchy-name`, an info.
    ///
    /// ## Why
    /// The framework of 财预〔2020〕10号 (and the 101号 variant) fixes the categories so that
    /// indicators can be weighted and compared across projects; 财预〔2016〕143号 asks for a
    /// standard form. A misplaced or unknown category breaks the weighting of the 自评.
    ///
    /// ## Example
    /// ```text
    /// 产出指标  质量目标  人员素质高，工作积极主动  …
    /// 满意度指标  服务对象满意度指  参保人员满意  …
    /// ```
    ///
    /// ## Fix
    /// Use the standard name (`质量指标`, `可持续影响指标`, `服务对象满意度指标`) and put each
    /// 二级指标 under its 一级指标.
    ///
    /// ## 检查内容
    /// 按标准指标体系（data/hierarchy.tsv）检查每张绩效目标表的一级、二级指标名称：
    ///
    /// ```text
    /// 产出指标   → 数量指标 | 质量指标 | 时效指标 | 成本指标
    /// 效益指标   → 经济效益指标 | 社会效益指标 | 生态效益指标 | 可持续影响指标
    /// 满意度指标 → 服务对象满意度指标
    /// (101号: 成本指标 → 经济成本指标 | 社会成本指标 | 生态环境成本指标)
    /// ```
    ///
    /// 本规则报告二级指标列在错误的一级指标下（`效益指标 → 数量指标`）。名称不规范——非标准写法（`质量目标`、`可持续发展影响指标`）、被截断的名称（`服务对象满意度指`）、未知的类别——由 `indicator/hierarchy-name` 作为提示报告。
    ///
    /// ## 依据
    /// 财预〔2020〕10号（及101号的变体）规定了指标类别，以便在项目之间设置权重和比较；财预〔2016〕143号要求格式规范。类别放错或不规范，会打乱自评的权重。
    ///
    /// ## 示例
    /// ```text
    /// 产出指标  质量目标  人员素质高，工作积极主动  …
    /// 满意度指标  服务对象满意度指  参保人员满意  …
    /// ```
    ///
    /// ## 修改方法
    /// 使用标准名称（`质量指标`、`可持续影响指标`、`服务对象满意度指标`），并把每个二级指标列在其所属的一级指标下。
    pub struct Hierarchy {
        id: "indicator/hierarchy",
        severity: Warning,
        summary: "A 二级指标 listed under the wrong 一级指标",
        summary_zh: "二级指标列在错误的一级指标下",
    }
}

/// One line of data/hierarchy.tsv.
struct Entry {
    level: u8,
    name: &'static str,
    parents: Vec<&'static str>,
    short: Vec<&'static str>,
    variants: Vec<&'static str>,
}

fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| parse_table(include_str!("../../data/hierarchy.tsv")))
}

fn parse_table(tsv: &'static str) -> Vec<Entry> {
    let list = |s: Option<&'static str>| -> Vec<&'static str> {
        s.unwrap_or("")
            .split('|')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect()
    };
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let level = cols.next()?.trim().parse().ok()?;
            let name = cols.next()?.trim();
            Some(Entry {
                level,
                name,
                parents: list(cols.next()),
                short: list(cols.next()),
                variants: list(cols.next()),
            })
        })
        .collect()
}

/// How a written category name relates to the hierarchy.
enum Match {
    Standard(&'static Entry),
    Variant(&'static Entry),
    Truncated(&'static Entry),
    Unknown,
    /// Not a category name at all (layout debris such as a year).
    NotAName,
}

fn classify(level: u8, written: &str) -> Match {
    let n = normalize(written);
    let at_level = || entries().iter().filter(move |e| e.level == level);
    if let Some(e) = at_level().find(|e| e.name == n || e.short.contains(&n.as_str())) {
        return Match::Standard(e);
    }
    if let Some(e) = at_level().find(|e| e.variants.contains(&n.as_str())) {
        return Match::Variant(e);
    }
    if n.chars().count() >= 3 {
        if let Some(e) = at_level().find(|e| e.name.starts_with(n.as_str()) && e.name != n) {
            return Match::Truncated(e);
        }
    }
    // A name of the other level here is a column shift of the layout, not a naming defect.
    let other = if level == 1 { 2 } else { 1 };
    if entries()
        .iter()
        .any(|e| e.level == other && (e.name == n || e.short.contains(&n.as_str())))
    {
        return Match::NotAName;
    }
    let looks_like_category = ["指标", "目标", "效益", "满意", "产出", "成本"]
        .iter()
        .any(|w| n.contains(w));
    if looks_like_category && n.chars().count() <= 12 {
        Match::Unknown
    } else {
        Match::NotAName
    }
}

impl Rule for Hierarchy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        walk(ctx, Part::Nesting, out);
    }
}

/// Which judgement on the hierarchy a rule makes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// A name that is not standard (`indicator/hierarchy-name`).
    Names,
    /// A 二级指标 under the wrong 一级指标 (this rule).
    Nesting,
}

/// Reports `part` on every indicator row of every 绩效目标表.
pub(crate) fn walk(ctx: &Context, part: Part, out: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for perf in &ctx.doc.perf_tables {
        for row in &perf.indicators {
            let level1 = row.level1.as_ref().map(|c| (c, classify(1, &c.text)));
            if let (Some((cell, m)), Part::Names) = (&level1, part) {
                report_name(cell, 1, m, &mut seen, out);
            }
            let Some(l2) = row.level2.as_ref() else {
                continue;
            };
            let m2 = classify(2, &l2.text);
            if part == Part::Names {
                report_name(l2, 2, &m2, &mut seen, out);
                continue;
            }
            // Both names on the row: an inherited 一级指标 is the last one written above,
            // which in a table read from a page is not always the row's own (a merged
            // cell's name is printed in the middle of its rows, so the rows above it
            // inherit the previous group's).
            if let (Some((l1, m1)), false) = (&level1, l2.inherited) {
                if !l1.inherited {
                    report_nesting(l1, m1, l2, &m2, out);
                }
            }
        }
    }
}

fn report_name(
    cell: &TextCell,
    level: u8,
    m: &Match,
    seen: &mut HashSet<(u32, u8)>,
    out: &mut Vec<Diagnostic>,
) {
    if cell.inherited || !seen.insert((cell.span.start, level)) {
        return;
    }
    let meta = &super::HierarchyName::META;
    let lv = if level == 1 {
        "一级指标"
    } else {
        "二级指标"
    };
    let lv_en = if level == 1 { "level-1" } else { "level-2" };
    let d = match m {
        Match::Variant(e) => Diagnostic::new(
            meta,
            cell.span,
            format!("{lv}“{}”不是标准名称，应为“{}”", cell.text, e.name),
        )
        .en(format!(
            "The {lv_en} indicator name “{}” is not standard; use “{}”",
            cell.text, e.name
        )),
        Match::Truncated(e) => Diagnostic::new(
            meta,
            cell.span,
            format!("{lv}“{}”不完整，应为“{}”", cell.text, e.name),
        )
        .en(format!(
            "The {lv_en} indicator name “{}” is truncated; it should read “{}”",
            cell.text, e.name
        )),
        Match::Unknown => Diagnostic::new(
            meta,
            cell.span,
            format!(
                "{lv}“{}”不在标准指标体系中（{}）",
                cell.text,
                standard_names(level)
            ),
        )
        .en(format!(
            "The {lv_en} indicator name “{}” is not in the standard hierarchy",
            cell.text
        )),
        Match::Standard(_) | Match::NotAName => return,
    };
    out.push(d);
}

fn report_nesting(l1: &TextCell, m1: &Match, l2: &TextCell, m2: &Match, out: &mut Vec<Diagnostic>) {
    let (Some(parent), Some(child)) = (resolved(m1), resolved(m2)) else {
        return;
    };
    if child.parents.contains(&parent.name) {
        return;
    }
    let expected = child.parents.join("或");
    out.push(
        Diagnostic::new(
            &Hierarchy::META,
            l2.span,
            format!(
                "二级指标“{}”放在一级指标“{}”之下，按指标体系应属于“{expected}”",
                l2.text, l1.text
            ),
        )
        .en(format!(
            "The level-2 indicator “{}” sits under “{}”; it belongs under “{expected}”",
            l2.text, l1.text
        ))
        .related(l1.span, "一级指标"),
    );
}

fn resolved(m: &Match) -> Option<&'static Entry> {
    match m {
        Match::Standard(e) | Match::Variant(e) | Match::Truncated(e) => Some(e),
        _ => None,
    }
}

fn standard_names(level: u8) -> String {
    entries()
        .iter()
        .filter(|e| e.level == level)
        .map(|e| e.name)
        .collect::<Vec<_>>()
        .join("、")
}
