use super::overall_perf_crosscheck::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The finer split of spending that the Henan 部门（单位）整体绩效目标表 repeats, against the
    /// 合计 row of the 部门支出总体情况表 of the same document: 人员支出 with 工资福利支出 +
    /// 对个人和家庭的补助, 日常公用支出 with 商品和服务支出, 一般性项目支出 and 专项项目支出 with
    /// the columns of the same names. `henan/overall-perf-crosscheck` compares the totals.
    /// Runs only under the 河南 profile and on budgets, when both tables are in the document.
    ///
    /// ## Why
    /// The 整体绩效目标 is set on the whole budget of the unit (财预〔2021〕101号). Templates group
    /// projects and personnel spending differently, so a difference in the split is not
    /// provably wrong: an info, where a difference in the totals is an error.
    ///
    /// ## Example
    /// ```text
    /// 部门支出总体情况表 合计: 项目支出 38.44 (一般性项目 25.24, 人员类项目 13.20)
    /// 整体绩效目标表: 项目支出 38.44, 一般性项目支出 38.44     ← 25.24 in the budget tables
    /// ```
    ///
    /// ## Fix
    /// Fill the split of the 整体绩效目标表 from the approved budget tables, or keep it if the
    /// template groups the projects otherwise.
    ///
    /// ## 检查内容
    /// 河南部门（单位）整体绩效目标表重复列出的支出细分，与同一文件部门支出总体情况表合计行比较：人员支出与工资福利支出加对个人和家庭的补助、日常公用支出与商品和服务支出、一般性项目支出和专项项目支出与同名各列。合计数由 `henan/overall-perf-crosscheck` 比较。只在河南省份配置下、对预算文件检查，且两张表都在文件中。
    ///
    /// ## 依据
    /// 整体绩效目标是针对单位全部预算设定的（财预〔2021〕101号）。各模板对项目和人员支出的归类不同，细分不一致不能证明有错：作为提示；合计数不一致则是错误。
    ///
    /// ## 示例
    /// ```text
    /// 部门支出总体情况表 合计: 项目支出 38.44 (一般性项目 25.24, 人员类项目 13.20)
    /// 整体绩效目标表: 项目支出 38.44, 一般性项目支出 38.44     ← 预算表中为25.24
    /// ```
    ///
    /// ## 修改方法
    /// 按批复的预算表填写整体绩效目标表中的细分；模板另有归类的可保留。
    pub struct OverallPerfSplitDiffers {
        id: "henan/overall-perf-split-differs",
        split_from: "henan/overall-perf-crosscheck",
        severity: Info,
        summary: "整体绩效目标表's finer split of spending differs from the budget tables",
        summary_zh: "整体绩效目标表中支出的细分与预算表不一致",
    }
}

impl Rule for OverallPerfSplitDiffers {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
