use crate::shares;
use crate::support::{show, Figure};
use budgetlint_sdk::model::{figure_kind_named, Block, BlockId, Document, FactKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Amounts that cannot exceed their container:
    /// - 机关运行经费 above the basic expenditure's 公用经费 / 商品和服务支出 (机关运行经费 is paid
    ///   from 基本支出 公用经费 only; project money such as 劳务费 of a 人员类项目 does not belong in it);
    /// - an amount said to be a share (占…的N%, N ≤ 100) of a whole that is smaller than the amount
    ///   (“涉及预算金额22086万元，占一般公共预算项目支出总额的100%” with 项目支出 78.85万元).
    ///
    /// ## Why
    /// The glossary of every disclosure defines 机关运行经费 as the 日常公用经费 of 基本支出
    /// (财预〔2016〕143号 名词解释); a share of a smaller whole is impossible.
    ///
    /// ## Example
    /// “机关运行经费支出预算52.37万元” while 商品和服务支出 is 33.53万元.
    ///
    /// ## Fix
    /// Remove project items from 机关运行经费, or correct the amount or the whole.
    ///
    /// ## 检查内容
    /// 不可能超过其所属总额的金额却超过了：
    /// - 机关运行经费大于基本支出中的公用经费或商品和服务支出（机关运行经费只能由基本支出中的公用经费列支，人员类项目的劳务费等项目资金不应计入）；
    /// - 某金额据称占某总额的N%（N≤100），而该总额反而比这一金额小（如“涉及预算金额22086万元，占一般公共预算项目支出总额的100%”，而项目支出只有78.85万元）。
    ///
    /// ## 依据
    /// 各公开文件的名词解释都把机关运行经费定义为基本支出中的日常公用经费（财预〔2016〕143号名词解释）；占一个更小总额的比例是不可能的。
    ///
    /// ## 示例
    /// “机关运行经费支出预算52.37万元”，而商品和服务支出只有33.53万元。
    ///
    /// ## 修改方法
    /// 把项目资金从机关运行经费中剔除，或改正该金额或总额。
    pub struct Scope {
        id: "arithmetic/scope",
        aliases: ["consistency/scope"],
        severity: Warning,
        summary: "An amount exceeds the total it is part of",
        summary_zh: "部分金额超过其所属的总额",
    }
}

impl Rule for Scope {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        running_costs(ctx.doc, out);
        for share in shares_beyond_their_whole(ctx) {
            if share.kinds_may_differ {
                continue; // arithmetic/scope-kind-doubt reports it, as a doubt
            }
            out.push(share.diagnostic(&Scope::META, "", ""));
        }
    }
}

/// A share (占…的N%, N ≤ 100) of a whole that is smaller than the part.
pub(crate) struct ShareBeyondWhole<'a> {
    part: Figure<'a>,
    whole: Figure<'a>,
    percent: Figure<'a>,
    /// The part may be another kind of figure than the whole (a budget amount against an
    /// actual one), so a part larger than the whole proves nothing.
    pub kinds_may_differ: bool,
}

impl ShareBeyondWhole<'_> {
    /// The finding under `meta`, with a note appended (the doubt, for the info rule).
    pub fn diagnostic(&self, meta: &'static RuleMeta, note_zh: &str, note_en: &str) -> Diagnostic {
        let zh = format!(
            "{} {} 被称为占 {} 的 {}，但后者只有 {}{note_zh}",
            self.part.name(),
            self.part.printed(),
            self.whole.name(),
            self.percent.printed(),
            self.whole.printed()
        );
        let en = format!(
            "{} {} is said to be {} of {}, which is only {}{note_en}",
            self.part.name(),
            self.part.printed(),
            self.percent.printed(),
            self.whole.name(),
            self.whole.printed()
        );
        Diagnostic::new(meta, self.percent.fact.span, zh)
            .en(en)
            .related(
                self.whole.fact.span,
                format!("{} {}", self.whole.name(), self.whole.printed()),
            )
    }
}

/// Every share of the document whose part exceeds its whole.
pub(crate) fn shares_beyond_their_whole<'a>(ctx: &Context<'a>) -> Vec<ShareBeyondWhole<'a>> {
    let doc = ctx.doc;
    ctx.view::<shares::Ratios>()
        .iter()
        .filter(|r| {
            !r.completion
                && r.part.quantity.value > r.whole_value
                && r.percent.quantity.value <= budgetlint_sdk::Decimal::ONE_HUNDRED
        })
        .filter_map(|r| {
            let whole = r.whole.clone()?;
            Some(ShareBeyondWhole {
                kinds_may_differ: kinds_may_differ(doc, &r.part, &whole),
                part: r.part.clone(),
                whole,
                percent: r.percent.clone(),
            })
        })
        .collect()
}

/// Whether the part of a share may be a different kind of figure than its whole: its own words
/// name another kind (涉及预算金额 against the 决算数 of 项目支出), or it names none and stands in
/// a section on performance evaluation, whose project amounts are the projects' budgets
/// (绩效自评 reports 年初预算数/全年预算数 beside 执行数), not the year's actual spending.
fn kinds_may_differ(doc: &Document, part: &Figure, whole: &Figure) -> bool {
    let whole_kind = whole
        .fact
        .identity
        .as_ref()
        .and_then(|id| id.kind.as_ref())
        .map(|k| k.value);
    let own_words = part.fact.label.as_ref().map_or("", |l| l.raw.as_str());
    match figure_kind_named(own_words) {
        Some(kind) => whole_kind.is_some_and(|w| w != kind),
        None => heading_above(doc, part.fact.block).is_some_and(|t| t.contains("绩效")),
    }
}

/// The title of the nearest heading at or before `block`.
fn heading_above(doc: &Document, block: BlockId) -> Option<&str> {
    doc.blocks[..=(block as usize).min(doc.blocks.len().saturating_sub(1))]
        .iter()
        .rev()
        .find_map(|b| match b {
            Block::Heading(h) => Some(h.title.as_str()),
            _ => None,
        })
}

/// 机关运行经费 against the largest 公用经费 / 商品和服务支出 figure of the document.
fn running_costs(doc: &Document, out: &mut Vec<Diagnostic>) {
    let container = doc
        .facts
        .iter()
        .filter(|f| matches!(f.kind, FactKind::Amount(_)))
        .filter_map(|f| Some((f, column_or_label(doc, f)?)))
        .filter(|(_, name)| name == "商品和服务支出" || name == "公用经费")
        .filter_map(|(f, _)| Figure::of(doc, f.id))
        .max_by_key(|f| f.quantity.value_in(&budgetlint_sdk::model::Unit::Yuan));
    let Some(container) = container else { return };
    for f in doc
        .amounts_with_key("机关运行经费")
        .filter(|f| f.cell.is_none())
    {
        let Some(cost) = Figure::of(doc, f.id) else {
            continue;
        };
        let unit = &container.quantity.unit;
        let (Some(a), Some(b)) = (cost.value_in(unit), container.value_in(unit)) else {
            continue;
        };
        if a <= b || states_project_money_included(doc) {
            continue; // within its container, or the document says why it is not
        }
        let zh = format!(
            "机关运行经费 {} 超过基本支出中的{} {}（多 {}{}），可能含项目支出",
            cost.printed(),
            container.name(),
            container.printed(),
            show(a - b, 2),
            unit.as_str()
        );
        let en = format!("机关运行经费 {} exceeds the basic expenditure's {} {} by {}{}; it may include project money", cost.printed(), container.name(), container.printed(), show(a - b, 2), unit.as_str());
        out.push(Diagnostic::new(&Scope::META, f.span, zh).en(en).related(
            container.fact.span,
            format!("{} {}", container.name(), container.printed()),
        ));
    }
}

/// Whether a sentence of the document says that project money is counted in 机关运行经费
/// (“将涉及机关运行的项目经费支出纳入了本表”): then an amount above the basic expenditure's
/// 公用经费 is the document's own stated scope, not a slip the rule could point out.
fn states_project_money_included(doc: &Document) -> bool {
    const COUNTED_IN: [&str; 4] = ["纳入", "计入", "包括", "包含"];
    doc.text
        .split('。')
        .filter(|s| s.contains("机关运行") && s.contains("项目"))
        .any(|s| {
            COUNTED_IN.iter().any(|verb| {
                s.match_indices(verb).any(|(at, _)| {
                    let before = s[..at].chars().next_back();
                    !matches!(before, Some('不' | '未' | '没'))
                })
            })
        })
}

/// The label key of a prose figure, or the column header of a table figure on a 合计 row.
fn column_or_label(doc: &Document, f: &budgetlint_sdk::model::Fact) -> Option<String> {
    if let Some(key) = f.label.as_ref().and_then(|l| l.key.clone()) {
        if f.cell.is_none() {
            return Some(key);
        }
    }
    let at = f.cell?;
    let table = doc.tables.get(at.table as usize)?;
    let row = table.rows.get(at.row as usize)?;
    let on_total = row
        .cells
        .iter()
        .any(|c| c.text.replace(' ', "").contains("合计"));
    if !on_total {
        return None;
    }
    table
        .rows
        .iter()
        .take(table.header_rows as usize)
        .rev()
        .find_map(|h| {
            let t: String = h
                .cells
                .get(at.col as usize)?
                .text
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            (t == "商品和服务支出" || t == "日常公用支出" || t == "公用经费").then(|| {
                if t == "商品和服务支出" {
                    t
                } else {
                    "公用经费".to_string()
                }
            })
        })
}
