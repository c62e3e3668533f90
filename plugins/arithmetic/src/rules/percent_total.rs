use crate::shares;
use crate::support::show;
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Shares of one whole (the 占比 figures of one list) that add up to more or less than 100%
    /// beyond what rounding allows: n shares printed at d decimals may miss 100% by at most
    /// n × half a unit of the last digit (docs/rounding.md §3).
    ///
    /// ## Why
    /// Shares of a whole must cover it; a list that totals 103% or 95% has a wrong share or a
    /// missing item (财预〔2016〕143号: the explanation must match the tables).
    ///
    /// ## Example
    /// “基本支出占比92%；项目支出占比9%” — 101%.
    ///
    /// ## Fix
    /// Recompute the shares from the amounts.
    ///
    /// ## 检查内容
    /// 同一总体各部分的占比（同一组列举中的占比）相加，超出或不足100%的幅度大于舍入所能解释的范围：n 个保留 d 位小数的占比，合计与100%最多相差 n 个末位的半个单位（docs/rounding.md 第3节）。
    ///
    /// ## 依据
    /// 各部分占比应覆盖总体；合计为103%或95%说明有某项占比算错或漏列了项目（《地方预决算公开操作规程》要求说明与表格一致）。
    ///
    /// ## 示例
    /// “基本支出占比92%；项目支出占比9%”，合计101%。
    ///
    /// ## 修改方法
    /// 根据金额重新计算各项占比。
    pub struct PercentTotal {
        id: "arithmetic/percent-total",
        severity: Warning,
        summary: "Shares of one whole do not add up to 100%",
        summary_zh: "同一总体的各部分占比相加不等于100%",
    }
}

impl Rule for PercentTotal {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let ratios: Vec<&shares::Ratio> = ctx
            .view::<shares::Ratios>()
            .iter()
            .filter(|r| !r.completion)
            .collect();
        let mut seen: Vec<(u32, Decimal)> = Vec::new();
        for r in &ratios {
            let key = (r.part.fact.block, r.whole_value);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let list: Vec<&shares::Ratio> = ratios
                .iter()
                .copied()
                .filter(|o| (o.part.fact.block, o.whole_value) == key)
                .collect();
            // Only lists that claim to cover the whole: the parts add up to it.
            let parts: Decimal = list.iter().map(|o| o.part.quantity.value).sum();
            if list.len() < 2 || parts != r.whole_value {
                continue;
            }
            let total: Decimal = list.iter().map(|o| o.percent.quantity.value).sum();
            let tolerance: Decimal = list.iter().map(|o| o.percent.quantity.half_ulp()).sum();
            if (total - Decimal::ONE_HUNDRED).abs() <= tolerance {
                continue;
            }
            let terms: Vec<String> = list.iter().map(|o| o.percent.printed()).collect();
            let zh = format!(
                "各项占比之和 {} = {}%，应为100%",
                terms.join(" + "),
                show(total, 2)
            );
            let en = format!(
                "The shares add up to {} = {}%, not 100%",
                terms.join(" + "),
                show(total, 2)
            );
            let mut d = Diagnostic::new(&Self::META, list[0].percent.fact.span, zh).en(en);
            for o in &list[1..] {
                d = d.related(
                    o.percent.fact.span,
                    format!("{} {}", o.part.name(), o.percent.printed()),
                );
            }
            out.push(d);
        }
    }
}
