use super::duplicate_paragraph::{
    list_findings, Limits, DEFAULT_MAX_DIFFERENCE, DEFAULT_MIN_CHARS,
};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A numbered item (inside one paragraph or one table cell, e.g. the 绩效目标 of a project)
    /// that is only two earlier items of the same list pasted together: each of the two is found
    /// in it almost verbatim (at most `max_difference` = 10% of its characters changed; items of
    /// at least half of `min_chars` = 20 characters), and together they make up at least 80% of
    /// it. Texts are compared as `structure/duplicate-paragraph` compares them, which reports an
    /// item that repeats one earlier item (a warning).
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》(财预〔2016〕143号) asks for 内容准确、形式规范. An item made of
    /// two others says nothing new — often a goal the drafter meant to write and did not — but
    /// a summary item that restates the list can be meant: an info.
    ///
    /// ## Example
    /// ```text
    /// 1.保障信息网络系统稳定运行。
    /// 2.为高效办公提供基础保障。
    /// 3.保障信息网络系统稳定运行，为高效办公提供基础保障。 ← 1 and 2 joined
    /// ```
    ///
    /// ## Fix
    /// Write what the item was meant to say, or delete it.
    ///
    /// ## 检查内容
    /// 编号条目（在同一段落或同一单元格内，如某项目的绩效目标）只是把同一列表中前面两条拼接在一起：两条中的每一条都几乎原样出现在其中（改动不超过其 `max_difference`＝10% 的字；条目至少有 `min_chars`＝20 字的一半），且两条合起来占该条目的80%以上。比较方式与 `structure/duplicate-paragraph` 相同，后者报告重复前面某一条的条目（警告）。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求内容准确、形式规范。由另外两条拼成的条目没有新内容——常常是起草人本想写却没写的目标——但也可能是有意总括前文的条目，因此作为提示。
    ///
    /// ## 示例
    /// ```text
    /// 1.保障信息网络系统稳定运行。
    /// 2.为高效办公提供基础保障。
    /// 3.保障信息网络系统稳定运行，为高效办公提供基础保障。 ← 由1和2拼接
    /// ```
    ///
    /// ## 修改方法
    /// 写出该条本来要说的内容，或删去该条。
    pub struct ConcatenatedItem {
        id: "structure/concatenated-item",
        split_from: "structure/duplicate-paragraph",
        severity: Info,
        summary: "A list item is only two earlier items of its list joined together",
        summary_zh: "列表中的某一条只是把前面两条拼接在一起",
        options: {
            min_chars: Decimal = "20", "Items shorter than half this many characters are not compared",
                "短于这个字数一半的条目不比较";
            max_difference: Decimal = "0.10", "The largest share of differing characters that still counts as the same item",
                "不同字符所占比例不超过这个值的，仍算同一条目";
        },
    }
}

impl Rule for ConcatenatedItem {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let limits = Limits::new(
            ctx.option_decimal("min_chars", DEFAULT_MIN_CHARS),
            ctx.option_decimal("max_difference", DEFAULT_MAX_DIFFERENCE),
        );
        out.extend(list_findings(ctx, &limits, &Self::META));
    }
}
