use crate::clauses::{after, before_in_sentence, inside_title, is_comparison, sentence};
use budgetlint_sdk::model::{DocKind, Document, Fact, FactKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In a budget (预算) document for fiscal year N, an earlier year written where the
    /// document's own year is meant:
    /// - the period of the planned work: `2020年全年，完成…` opening a cell of a 2021 project
    ///   table (in prose such a sentence may review last year, which is not reported);
    /// - the purpose of a budget item: `确保2020年…工作的正常开展`, `保障2020年…`;
    /// - the label of a budget figure: `住房公积金（项）：2020年预算数为54.38万元` among items
    ///   that say `2021年预算数` (reported as an error: the figure is presented as last year's).
    ///
    /// Sentences that compare with an earlier period (比上年, 较2020年, 与2020年相比, 增加,
    /// 持平 …), years used as a reference point (自2018年起, 截至2020年底) and years inside a
    /// cited title (《…2016年…》) are not reported.
    ///
    /// ## Why
    /// 预算法 §46 and 地方预决算公开操作规程 (财预〔2016〕143号) require the disclosed budget to
    /// describe the budget year. A previous year in the description of this year's work or
    /// figures is text carried over from last year's template; readers cannot tell which year
    /// the figures belong to.
    ///
    /// ## Example
    /// In a 2021 budget: `确保2020年社会养老保险日常工作的正常开展` is reported;
    /// `较2020年预算增加5199.23万元` is not.
    ///
    /// ## Fix
    /// Write the document's year (or rewrite the sentence as an explicit comparison).
    ///
    /// ## 检查内容
    /// 在N年度预算文件中，应写本年度的地方写成了以前年度：
    /// - 计划工作的期间：2021年项目表某栏以`2020年全年，完成…`开头（正文中这样的句子可能是在回顾上年，不报告）；
    /// - 预算项目的用途：`确保2020年…工作的正常开展`、`保障2020年…`；
    /// - 预算数字的标签：在其他各项都写`2021年预算数`时，某项写`住房公积金（项）：2020年预算数为54.38万元`（作为错误报告：数字被表述为上年的数字）。
    ///
    /// 与以前期间比较的句子（比上年、较2020年、与2020年相比、增加、持平等）、作为时间起点的年份（自2018年起、截至2020年底）和引用的文件标题中的年份（《…2016年…》）不报告。
    ///
    /// ## 依据
    /// 《预算法》第四十六条和《地方预决算公开操作规程》（财预〔2016〕143号）要求公开的预算说明预算年度的情况。描述本年工作或数字时出现以前年度，是从上年模板中沿用的文字，读者无法判断数字属于哪一年。
    ///
    /// ## 示例
    /// 2021年预算中：`确保2020年社会养老保险日常工作的正常开展`会被报告；`较2020年预算增加5199.23万元`不会。
    ///
    /// ## 修改方法
    /// 写文件所属年度（或改写为明确的比较句）。
    pub struct StaleYear {
        id: "dates/stale-year",
        aliases: ["date/stale-year"],
        severity: Warning,
        summary: "An earlier year where the budget year is meant",
        summary_zh: "应为预算年度处写成了以前年度",
    }
}

/// How the year is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// `确保2020年…`
    Purpose,
    /// `2020年全年，…`
    WorkPeriod,
    /// `2020年预算数为…`
    BudgetFigure,
}

/// Verbs that introduce the purpose of an item: the year after them is the year worked for.
const PURPOSE_VERBS: &[&str] = &["确保", "保证", "保障", "力争", "争取", "做好", "完成好"];

/// Words after `N年` that label a budget figure of year N.
const FIGURE_LABELS: &[&str] = &["预算数", "度预算数", "预算为", "度预算为", "预算安排"];

impl Rule for StaleYear {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for stale in stale_years(ctx).filter(|s| s.usage != Use::BudgetFigure) {
            out.push(finding(
                &StaleYear::META,
                &stale,
                ctx.doc.slice(stale.fact.span),
            ));
        }
    }
}

/// A year before the fiscal year where the budget year is meant.
pub(crate) struct Stale<'a> {
    pub fact: &'a Fact,
    pub year: i32,
    pub fiscal_year: i32,
    pub usage: Use,
}

/// Every earlier year of a budget document used for this year's work or figures (shared with
/// `dates/stale-figure-year`, which reports the figures).
pub(crate) fn stale_years<'a>(ctx: &'a Context) -> impl Iterator<Item = Stale<'a>> + 'a {
    let doc = ctx.doc;
    let fy = doc
        .meta
        .fiscal_year
        .filter(|_| doc.meta.kind == Some(DocKind::Budget));
    fy.into_iter().flat_map(move |fy| {
        doc.facts.iter().filter_map(move |fact| {
            let FactKind::Year { year } = fact.kind else {
                return None;
            };
            if year >= fy || inside_title(&doc.text, fact.span.start as usize) {
                return None;
            }
            let usage = usage(ctx, fact, fy)?;
            Some(Stale {
                fact,
                year,
                fiscal_year: fy,
                usage,
            })
        })
    })
}

/// How the year fact is used, when it is one of the current-work uses and not a comparison.
fn usage(ctx: &Context, fact: &Fact, fy: i32) -> Option<Use> {
    let doc = ctx.doc;
    let before = before_in_sentence(doc, fact);
    let (_, whole) = sentence(&doc.text, fact.span.start as usize, fact.span.end as usize);
    // A sentence that names the budget year too sets the two years side by side.
    if is_comparison(whole, before) || whole.contains(&fy.to_string()) {
        return None;
    }
    // A table row that heads one column `2025年预算数` and another `2026年预算数` sets the
    // years side by side too.
    if row_names_year(doc, fact, fy) || nearby_label_names_year(doc, fact, fy) {
        return None;
    }
    let next = after(doc, fact, 24).trim_start();
    if FIGURE_LABELS.iter().any(|l| next.starts_with(l)) {
        return Some(Use::BudgetFigure);
    }
    // “确保2020年底前完成的…” points at a past deadline, “保障2020年结转项目…” at last year's
    // leftovers: neither is this year's work described with the wrong year.
    let past_reference = [
        "底",
        "末",
        "前",
        "以前",
        "之前",
        "结转",
        "度结转",
        "遗留",
        "清算",
        "度清算",
        "欠",
        "决算",
        "度决算",
    ];
    let deadline = past_reference.iter().any(|w| next.starts_with(w));
    if !deadline && PURPOSE_VERBS.iter().any(|v| before.trim_end().ends_with(v)) {
        return Some(Use::Purpose);
    }
    // “2020年全年，…” opening a cell of a project table is the planned period; in prose it may
    // as well open a review of last year, which a budget document may contain.
    let at_start = before
        .trim()
        .chars()
        .all(|c| c.is_ascii_digit() || "、.．)）".contains(c));
    if at_start && fact.cell.is_some() && next.starts_with("全年") {
        return Some(Use::WorkPeriod);
    }
    None
}

/// Whether another cell of the fact's table row names year `fy`.
fn row_names_year(doc: &Document, fact: &Fact, fy: i32) -> bool {
    let Some(at) = fact.cell else {
        return false;
    };
    let year = fy.to_string();
    doc.tables
        .get(at.table as usize)
        .and_then(|t| t.rows.get(at.row as usize))
        .is_some_and(|row| {
            row.cells
                .iter()
                .enumerate()
                .any(|(c, cell)| c != at.col as usize && cell.text.contains(&year))
        })
}

/// Whether the fact's line is a lone column label (`2025年预算数`, a table read one cell per
/// line, as from a web page) and one of the three lines before or after it is another label
/// naming year `fy` (`2026年预算数`): the two years head columns side by side.
fn nearby_label_names_year(doc: &Document, fact: &Fact, fy: i32) -> bool {
    let is_label = |line: &str| {
        let line = line.trim();
        !line.is_empty() && line.chars().count() <= 16 && !line.contains(['。', '，', '；'])
    };
    let start = fact.span.start as usize;
    let line_start = doc.text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before: Vec<&str> = doc.text[..line_start].lines().rev().take(3).collect();
    let mut rest = doc.text[line_start..].lines();
    let own = rest.next().unwrap_or("");
    let year = format!("{fy}年");
    is_label(own)
        && before
            .into_iter()
            .chain(rest.take(3))
            .any(|line| is_label(line) && line.contains(&year))
}

/// The finding of `rule` for `stale`, whose text is `written`.
pub(crate) fn finding(rule: &RuleMeta, stale: &Stale, written: &str) -> Diagnostic {
    let (zh, en) = match stale.usage {
        Use::Purpose => (
            "说明本年度预算项目的用途",
            "states the purpose of a budget item",
        ),
        Use::WorkPeriod => ("作为本年度工作的期间", "is the period of this year's work"),
        Use::BudgetFigure => ("标注本年度预算数", "labels a budget figure"),
    };
    let (year, fy) = (stale.year, stale.fiscal_year);
    Diagnostic::new(
        rule,
        stale.fact.span,
        format!("{fy}年预算中“{written}”{zh}，年份与预算年度{fy}年不符，疑为沿用上年文本"),
    )
    .en(format!("In a {fy} budget, “{written}” {en}; the year does not match the budget year {fy} (text carried over from {year}?)"))
}
