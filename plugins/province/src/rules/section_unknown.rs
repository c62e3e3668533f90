use crate::sections;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Headings numbered like the sections of its province's template (a data file, see
    /// docs/PROVINCES.md), between sections found, that match none of the template's sections:
    /// a section the form does not have, or one worded so differently that its aliases miss it.
    /// Not reported inside a section's own list (`items`), whose text numbers its paragraphs.
    ///
    /// Runs under the same conditions as `province/template-sections`.
    ///
    /// ## Why
    /// A section the standard form does not have is either an addition (allowed, but worth a
    /// look) or a template section under another title, which readers then miss; which of the
    /// two only a person can tell, hence info.
    ///
    /// ## Example
    /// Under the Hebei budget template:
    /// ```text
    /// 八、名词解释
    /// 九、专项资金管理情况        ← 不在模板中
    /// ```
    ///
    /// ## Fix
    /// Use the template's title for a template section; keep an addition after the template's
    /// sections, or under 其他需要说明的事项.
    ///
    /// ## 检查内容
    /// 编号方式与省份模板（数据文件，见 docs/PROVINCES.md）各部分相同、位于已找到的部分之间、却对不上模板任何部分的标题：模板没有的部分，或措辞差别太大、别名认不出的模板部分。部分自己的清单（`items`）内不报告，因为其正文有自己的编号段落。检查条件同 `province/template-sections`。
    ///
    /// ## 依据
    /// 模板没有的部分要么是增加的内容（允许，但值得看一眼），要么是换了标题的模板部分，读者会因此找不到；是哪一种只有人能判断，因此作为提示。
    ///
    /// ## 示例
    /// 按河北预算模板：
    /// ```text
    /// 八、名词解释
    /// 九、专项资金管理情况        ← 不在模板中
    /// ```
    ///
    /// ## 修改方法
    /// 模板部分使用模板的标题；增加的内容放在模板各部分之后，或放入“其他需要说明的事项”。
    pub struct SectionUnknown {
        id: "province/section-unknown",
        split_from: "province/template-sections",
        severity: Info,
        summary: "A numbered heading that is none of the province's template (data) sections",
        summary_zh: "标题编号与省级模板（数据）各部分相同但不在模板中",
    }
}

impl Rule for SectionUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        sections::check(ctx, &Self::META, out);
    }
}
