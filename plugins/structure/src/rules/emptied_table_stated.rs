use super::empty_table_shown::emptied_tables;
use budgetlint_sdk::model::labels::head_key;
use budgetlint_sdk::model::{source_named, Fact, FactKind, FundSource, Period};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A table published with no figure at all (every amount cell blank, no note saying it is
    /// empty: `structure/empty-table-shown`) while the text states a figure of what the table
    /// shows: `“三公”经费财政拨款支出年初预算为 0.95 万元` under an empty 财政拨款“三公”经费支出决算表.
    ///
    /// What a table shows is read from its title: the quantity it is of (三公经费, 机关运行经费,
    /// 基本支出, 项目支出, 人员经费) and the fund source it names (一般公共预算, 政府性基金,
    /// 国有资本经营). A figure of the text is that table's when the model reads the same
    /// quantity and source for it (both, when the title names both), for this year, and it is
    /// not zero. Only the text's figures are compared, not other tables'.
    ///
    /// ## Why
    /// The text and the tables of one disclosure must agree (《地方预决算公开操作规程》,
    /// 财预〔2016〕143号: 内容准确). A table emptied of its figures while its explanation still
    /// states them is a table whose values were deleted or lost (a reader sees no spending in
    /// the table and spending in the text), or a text left from a version that had them.
    ///
    /// ## Example
    /// ```text
    /// 财政拨款“三公”经费支出决算表
    /// 单位：万元
    /// 合计 | 因公出国（境）费 | 公务接待费        ← no figure in any row
    /// …
    /// “三公”经费财政拨款支出年初预算为0.95万元   ← reported on the table's title
    /// ```
    ///
    /// ## Fix
    /// Restore the table's figures (here 预算数 0.95 in 合计 and 公务接待费), or correct the text.
    ///
    /// ## 检查内容
    /// 公开的表格一个数字也没有（金额栏全为空白，也没有空表说明：`structure/empty-table-shown`），而正文却写明了该表所列内容的数字：财政拨款“三公”经费支出决算表为空，正文却写`“三公”经费财政拨款支出年初预算为 0.95 万元`。
    ///
    /// 表所列内容由表题读出：它所列的量（三公经费、机关运行经费、基本支出、项目支出、人员经费）和它所写的资金来源（一般公共预算、政府性基金、国有资本经营）。正文中的数字若被模型读为相同的量和来源（表题两者都写时两者都要相同）、属于本年且不为零，即为该表的数字。只比较正文中的数字，不比较其他表格。
    ///
    /// ## 依据
    /// 同一份公开文件的说明和表格必须一致（《地方预决算公开操作规程》（财预〔2016〕143号）：内容准确）。表中的数字被清空而说明中仍写着这些数字，说明表中的数字被删除或丢失（读者在表中看不到支出，在说明中却看到支出），或者说明沿用了有数字时的版本。
    ///
    /// ## 示例
    /// ```text
    /// 财政拨款“三公”经费支出决算表
    /// 单位：万元
    /// 合计 | 因公出国（境）费 | 公务接待费        ← 各行都没有数字
    /// …
    /// “三公”经费财政拨款支出年初预算为0.95万元   ← 在表题处报告
    /// ```
    ///
    /// ## 修改方法
    /// 补回表中的数字（此例为合计和公务接待费的预算数0.95），或改正说明。
    pub struct EmptiedTableStated {
        id: "structure/emptied-table-stated",
        severity: Warning,
        summary: "A table has no figures while the text states figures of it",
        summary_zh: "表格没有任何数字，正文却写明了该表的数字",
    }
}

impl Rule for EmptiedTableStated {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for empty in emptied_tables(doc) {
            let Some(shows) = Shows::of(&empty.title) else {
                continue;
            };
            let stated: Vec<&Fact> = doc.facts.iter().filter(|f| shows.holds(f)).collect();
            let Some(first) = stated.first() else {
                continue;
            };
            let figure = |f: &Fact| doc.slice(f.span).trim().to_string();
            let title = &empty.title;
            let mut d = Diagnostic::new(
                &Self::META,
                empty.span,
                format!(
                    "“{title}”没有任何数字，但正文写明了其中的数字（如{}）：表中的数字缺失或被删去，或正文未随表更新",
                    figure(first)
                ),
            )
            .en(format!(
                "'{title}' has no figures, yet the text states figures of it (such as {}): the table's figures are missing, or the text was not updated with it",
                figure(first)
            ));
            for f in &stated {
                d = d.related(f.span, format!("正文中的数字 {}", figure(f)));
            }
            out.push(d);
        }
    }
}

/// What a table's title says it shows.
struct Shows {
    /// The quantity (`三公经费`), as the model's identity names it.
    measure: Option<&'static str>,
    source: Option<FundSource>,
}

/// The quantities whose tables are read by this rule: a title naming one shows only it.
const TABLE_MEASURES: &[&str] = &[
    "三公经费",
    "机关运行经费",
    "基本支出",
    "项目支出",
    "人员经费",
];

impl Shows {
    fn of(title: &str) -> Option<Shows> {
        let measure = head_key(title).filter(|k| TABLE_MEASURES.contains(k));
        // 财政拨款 is the sum of the sources: a title naming it names no one source's figures.
        let source = source_named(title).filter(|s| {
            matches!(
                s,
                FundSource::GeneralBudget | FundSource::GovFund | FundSource::StateCapital
            )
        });
        (measure.is_some() || source.is_some()).then_some(Shows { measure, source })
    }

    /// Whether `fact` is a figure of the text, not zero, of this year, of what the table shows.
    fn holds(&self, fact: &Fact) -> bool {
        let FactKind::Amount(q) = &fact.kind else {
            return false;
        };
        let Some(id) = fact.identity.as_deref() else {
            return false;
        };
        let this_year = id
            .period
            .as_ref()
            .is_none_or(|p| p.value == Period::Current);
        let measure_fits = self
            .measure
            .is_none_or(|m| id.measure.as_ref().is_some_and(|k| k.value == m));
        let source_fits = self
            .source
            .is_none_or(|s| id.source.as_ref().is_some_and(|k| k.value == s));
        fact.cell.is_none() && !q.value.is_zero() && this_year && measure_fits && source_fits
    }
}
