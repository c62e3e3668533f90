use crate::numbers::{agency, doc_numbers};
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta, Span};

declare_rule! {
    /// ## What it checks
    /// The same 发文字号 written twice in a row (`【2015】52号【2015】52号`), with nothing but
    /// spaces between the two.
    ///
    /// ## Why
    /// A doubled citation is a copy-and-paste slip. It does not change the meaning but shows the
    /// text was not proofread (GB/T 9704-2012 §7.2.5 describes one number per document).
    ///
    /// ## Example
    /// `根据【2015】52号【2015】52号人力资源社会保障部关于…` is reported on the second number.
    ///
    /// ## Fix
    /// Delete the second copy (safe).
    ///
    /// ## 检查内容
    /// 同一发文字号连写两次（`【2015】52号【2015】52号`），两者之间只有空格。
    ///
    /// ## 依据
    /// 文号重复是复制粘贴时的疏漏，不改变意思，但说明文字未经校对（GB/T 9704-2012 7.2.5 规定一份公文一个文号）。
    ///
    /// ## 示例
    /// `根据【2015】52号【2015】52号人力资源社会保障部关于…`，在第二个文号处报告。
    ///
    /// ## 修改方法
    /// 删去第二个（安全修复）。
    pub struct Duplicate {
        id: "docnum/duplicate",
        aliases: ["doc-number/duplicate"],
        severity: Info,
        summary: "The same 发文字号 written twice in a row",
        summary_zh: "同一发文字号连写两次",
    }
}

impl Rule for Duplicate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let all = doc_numbers(ctx.doc);
        for pair in all.windows(2) {
            let (first, second) = (&pair[0], &pair[1]);
            let between = ctx.doc.text.get(first.end()..second.start()).unwrap_or("x");
            let same_agency = agency(first.num) == agency(second.num);
            if !between.trim().is_empty() || !same_agency || !first.same_year_and_serial(second) {
                continue;
            }
            let removal = Span {
                start: first.fact.span.end,
                ..second.fact.span
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    second.fact.span,
                    format!("发文字号“{}”连续重复写了两次", second.num.raw),
                )
                .en(format!(
                    "Document number “{}” is written twice in a row",
                    second.num.raw
                ))
                .related(first.fact.span, "第一次出现")
                .replace(removal, "", "删除重复的发文字号", Applicability::Safe),
            );
        }
    }
}
