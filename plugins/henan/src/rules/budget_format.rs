use super::budget_structure::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The parts and the items of 第一 and 第二部分 of a Henan 部门预算, matched with the template
    /// as `henan/budget-structure` matches them: siblings presented differently (one item a
    /// heading, the others plain lines; a different Markdown level or bullet). Reported once,
    /// on the first that differs, with the others as related places. Runs only under the 河南
    /// profile and on budgets.
    ///
    /// ## Why
    /// GB/T 9704-2012 (党政机关公文格式) presents the headings of one level alike;
    /// 财预〔2016〕143号 asks for 形式规范. The content is there: an info.
    ///
    /// ## Example
    /// ```text
    /// ## 一、收入支出预算总体情况说明
    /// 二、收入预算总体情况说明            ← not a heading like its siblings
    /// ```
    ///
    /// ## Fix
    /// Present the items of one level alike.
    ///
    /// ## 检查内容
    /// 河南部门预算的各部分以及第一、第二部分的各项，按 `henan/budget-structure` 的方式与模板匹配后，同级项的呈现方式不同（一项是标题、其余是普通行；Markdown 层级或项目符号不同）。只报告一次，位置在第一个不同的项上，其余作为相关位置列出。只在河南省份配置下、对预算文件检查。
    ///
    /// ## 依据
    /// GB/T 9704-2012《党政机关公文格式》要求同级标题格式一致；财预〔2016〕143号要求形式规范。内容并未缺少：作为提示。
    ///
    /// ## 示例
    /// ```text
    /// ## 一、收入支出预算总体情况说明
    /// 二、收入预算总体情况说明            ← 不像同级项那样是标题
    /// ```
    ///
    /// ## 修改方法
    /// 同级各项使用相同的格式。
    pub struct BudgetFormat {
        id: "henan/budget-format",
        split_from: "henan/budget-structure",
        severity: Info,
        summary: "Henan budget layout: parts or items of one level presented differently",
        summary_zh: "河南预算公开中同级部分或事项的格式不一致",
    }
}

impl Rule for BudgetFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
