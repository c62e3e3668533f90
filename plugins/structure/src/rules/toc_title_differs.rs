use super::toc_mismatch::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A 目录 entry found in the body (a part or section with the same number, a table in the
    /// matching part or attachment) under another title. Titles are compared as
    /// `structure/toc-mismatch` compares them (without spaces, years, the body's own name,
    /// quotes and a trailing 情况/说明); that rule reports entries the body lacks or has in
    /// another order.
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》(财预〔2016〕143号) asks for 内容准确、形式规范: a reader looks a
    /// section up by its 目录 title. A title reworded in one place is usually harmless, so an
    /// info, but it is often the trace of a template whose 目录 was not updated.
    ///
    /// ## Example
    /// ```text
    /// 目录  三、一般公共预算“三公”经费支出预算表
    /// 正文  三、一般公共预算“三公”经费支出情况表   ← another title
    /// ```
    ///
    /// ## Fix
    /// Use one title in the 目录 and in the body.
    ///
    /// ## 检查内容
    /// 在正文中找到的目录条目（编号相同的部分或节、相应部分或附件中的表格）标题不同。标题的比较方式与 `structure/toc-mismatch` 相同（忽略空格、年份、单位自己的名称、引号和末尾的“情况”“说明”）；正文中没有或顺序不同的条目由该规则报告。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求内容准确、形式规范：读者按目录标题查找内容。个别标题措辞不同通常无碍，因此作为提示，但它常常说明目录是从模板复制而未更新的。
    ///
    /// ## 示例
    /// ```text
    /// 目录  三、一般公共预算“三公”经费支出预算表
    /// 正文  三、一般公共预算“三公”经费支出情况表   ← 标题不同
    /// ```
    ///
    /// ## 修改方法
    /// 目录与正文使用同一标题。
    pub struct TocTitleDiffers {
        id: "structure/toc-title-differs",
        split_from: "structure/toc-mismatch",
        severity: Info,
        summary: "A 目录 entry is found in the body under another title",
        summary_zh: "目录条目在正文中的标题不同",
    }
}

impl Rule for TocTitleDiffers {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
