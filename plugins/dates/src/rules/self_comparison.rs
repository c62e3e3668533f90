use budgetlint_sdk::model::{DocKind, FactKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In a budget (预算) for year N, a comparison whose base is year N itself: `比2026年预算增加
    /// 793.14万元` in the 2026 budget. The base of a budget's comparison is the previous year's
    /// budget (N−1); comparing the budget with itself is a year left unchanged from a template or
    /// typed wrong. Reported when the year follows 比, 较 or 与 directly and is followed by 预算,
    /// 年初预算, 执行数 or 决算 (`比2026年预算`, `较2026年度预算`, `与2026年预算相比`).
    ///
    /// Final accounts (决算) compare the year's outcome with the same year's budget
    /// (`2024年度决算比2024年预算…`): they are not checked.
    ///
    /// ## Why
    /// 地方预决算公开操作规程 (财预〔2016〕143号) and the 部门预算公开 templates describe the
    /// budget's change against the previous year (`比2025年预算增加（减少）XX万元`); a comparison
    /// with the budget year itself gives the reader no base and no true change.
    ///
    /// ## Example
    /// In a 2026 budget: `财政拨款收入9628.22万元，比2026年预算增加793.14万元` is reported.
    ///
    /// ## Fix
    /// Write the previous year: `比2025年预算增加793.14万元`.
    ///
    /// ## 检查内容
    /// 在N年度预算中，比较的基数是N年本身：如2026年预算中的`比2026年预算增加793.14万元`。预算比较的基数应为上年（N−1年）预算；与本年预算自身比较，说明年份是从模板中沿用未改，或录入有误。年份紧跟在“比”“较”“与”之后、其后为“预算”“年初预算”“执行数”或“决算”时才检查（`比2026年预算`、`较2026年度预算`、`与2026年预算相比`）。
    ///
    /// 决算是把本年执行结果与同一年度的预算比较（`2024年度决算比2024年预算…`），不检查。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）和部门预算公开模板要求说明预算与上年相比的变化（`比2025年预算增加（减少）XX万元`）；与预算年度自身比较，读者既看不到基数，也看不到真实的变化。
    ///
    /// ## 示例
    /// 2026年预算中：`财政拨款收入9628.22万元，比2026年预算增加793.14万元`会被报告。
    ///
    /// ## 修改方法
    /// 写上一年度：`比2025年预算增加793.14万元`。
    pub struct SelfComparison {
        id: "dates/self-comparison",
        aliases: ["date/self-comparison"],
        severity: Error,
        summary: "A budget compared with its own year instead of the previous year",
        summary_zh: "预算与本年度而非上年度相比",
    }
}

const COMPARE_WORDS: &[&str] = &["比", "较", "与", "同"];
const BASES: &[&str] = &[
    "预算",
    "度预算",
    "年初预算",
    "度年初预算",
    "执行数",
    "决算",
    "度决算",
];

impl Rule for SelfComparison {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let Some(fy) = doc.meta.fiscal_year else {
            return;
        };
        if doc.meta.kind != Some(DocKind::Budget) {
            return;
        }
        for fact in &doc.facts {
            if !matches!(fact.kind, FactKind::Year { year } if year == fy) {
                continue;
            }
            let (start, end) = (fact.span.start as usize, fact.span.end as usize);
            let before = doc.text.get(..start).unwrap_or("");
            let after = doc.text.get(end..).unwrap_or("");
            let compared = COMPARE_WORDS.iter().any(|w| before.ends_with(w));
            let base = BASES.iter().find(|b| after.starts_with(*b));
            let Some(base) = base.filter(|_| compared) else {
                continue;
            };
            let year = doc.slice(fact.span);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    fact.span,
                    format!("{fy}年预算在与“{year}{base}”比较：比较的基数应为上一年（{}年），不能是预算年度本身", fy - 1),
                )
                .en(format!("The {fy} budget is compared with “{year}{base}”: the base must be the previous year ({}), not the budget year itself", fy - 1)),
            );
        }
    }
}
