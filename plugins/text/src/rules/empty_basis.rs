use super::empty_cell::check_basis;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In a 绩效目标表, the one indicator row without 指标值确定依据 while every other row of the
    /// table (at least three more) gives one. A required cell of another table left empty in
    /// one row is `text/empty-cell`, a warning.
    ///
    /// ## Why
    /// 财预〔2021〕101号 and the 项目支出绩效目标表 templates make the basis of each 指标值
    /// required: it says how the target was set. One row missing what all the others give is
    /// probably an omission, but a target may also need no basis beyond the others' (a
    /// 满意度 floor), so this is an info.
    ///
    /// ## Example
    /// ```text
    /// 可持续影响指标  项目可持续影响  长期  ≥5年  (empty)
    /// ```
    /// where every other indicator row of the table names 计划标准 or 历史标准.
    ///
    /// ## Fix
    /// Fill in the basis (计划标准, 行业标准, 历史标准 …).
    ///
    /// ## 检查内容
    /// 绩效目标表中，其他各行（至少另有三行）都写了指标值确定依据，唯独某一指标行没有。其他表格中某一行的必填单元格为空，由 `text/empty-cell` 作为警告报告。
    ///
    /// ## 依据
    /// 财预〔2021〕101号和项目支出绩效目标表模板把各指标值的确定依据列为必填项：它说明目标是怎样确定的。其他各行都有、唯独一行没有，多半是遗漏，但有的目标（满意度下限）也可能无需另写依据，因此作为提示。
    ///
    /// ## 示例
    /// ```text
    /// 可持续影响指标  项目可持续影响  长期  ≥5年  （空）
    /// ```
    /// 而本表其他指标行都写了计划标准或历史标准。
    ///
    /// ## 修改方法
    /// 填写确定依据（计划标准、行业标准、历史标准等）。
    pub struct EmptyBasis {
        id: "text/empty-basis",
        split_from: "text/empty-cell",
        severity: Info,
        summary: "One indicator of a 绩效目标表 has no 指标值确定依据 while the others give one",
        summary_zh: "绩效目标表中某一指标没有填写指标值确定依据，而其他指标都已填写",
    }
}

impl Rule for EmptyBasis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for perf in &ctx.doc.perf_tables {
            check_basis(&Self::META, perf, out);
        }
    }
}
