use super::sum_mismatch::{report, Judgement};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A stated money total outside the tables that is more than the sum of its stated parts,
    /// by more than rounding each part can explain (docs/rounding.md §2): the same totals and
    /// parts as `arithmetic/sum-mismatch` (prose totals with their “其中”, a 类 amount and the
    /// 项 amounts stated under it), where the parts fall short instead of exceeding the total.
    /// A “其中” covering well under the total (less than 90%) lists some items only and is not
    /// reported.
    ///
    /// ## Why
    /// 《预算法》第十四条 and 《地方预决算公开操作规程》(财预〔2016〕143号) require the disclosed
    /// figures to be true and complete. Parts that exceed their total prove a wrong figure (an
    /// error, `arithmetic/sum-mismatch`); parts that fall short may also mean a part the text
    /// leaves out, so this is a warning.
    ///
    /// ## Example
    /// “2021年支出预算共计10786.51万元，其中人员经费75.21万元，日常公用经费8.00万元，项目支出
    /// 10702.30万元” — 75.21 + 8.00 + 10702.30 = 10785.51, 1.00万元 short of 10786.51.
    ///
    /// ## Fix
    /// Correct the wrong figure, or list the missing part. When the document states the same
    /// quantity elsewhere with the value of the parts' sum, the finding carries that value as
    /// an unsafe fix of the total.
    ///
    /// ## 检查内容
    /// 表格以外所述金额合计数比所述各分项之和多，且超出各分项舍入所能解释的差额（docs/rounding.md 第2节）：合计与分项的范围与 `arithmetic/sum-mismatch` 相同（正文中的合计及其“其中”、类的金额及其下各项的金额），只是分项之和小于合计而不是大于合计。“其中”所列分项远小于合计（不到90%）的，视为只列举了部分项目，不报告。
    ///
    /// ## 依据
    /// 《预算法》第十四条和《地方预决算公开操作规程》（财预〔2016〕143号）要求公开的数字真实、完整。分项之和超过合计，必有数字写错（错误，`arithmetic/sum-mismatch`）；分项之和小于合计，也可能是正文漏列了某个分项，因此作为警告。
    ///
    /// ## 示例
    /// “2021年支出预算共计10786.51万元，其中人员经费75.21万元，日常公用经费8.00万元，项目支出10702.30万元”，75.21＋8.00＋10702.30＝10785.51，比10786.51少1.00万元。
    ///
    /// ## 修改方法
    /// 改正写错的数字，或补列遗漏的分项。如果文件在别处写明同一数量、其数值正好等于分项之和，检查结果附带该数值作为合计数的不安全修复。
    pub struct SumShortfall {
        id: "arithmetic/sum-shortfall",
        split_from: "arithmetic/sum-mismatch",
        severity: Warning,
        summary: "A stated money total is more than the sum of its stated parts",
        summary_zh: "所述金额合计数大于所述分项之和",
    }
}

impl Rule for SumShortfall {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, Judgement::Short, out);
    }
}
