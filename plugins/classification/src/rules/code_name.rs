use crate::coded_rows::coded_rows;
use budgetlint_sdk::model::classification::Classification;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In a table, the name next to a classification code that is not the code's name in the
    /// 2021 政府收支分类科目 (crates/model/data/classification-2021.tsv), e.g. the unit's own name
    /// in the 科目名称 column. Only codes the catalogue file knows are checked; old names and
    /// aliases are accepted. A table is reported once, on its first such row.
    ///
    /// ## Why
    /// 《预算法》第三十二条 and 财预〔2016〕143号 ask for expenditure by functional classification
    /// down to the 项, with code and name; a row that shows the unit's name instead of the 科目
    /// name does not say what the money is for.
    ///
    /// ## Example
    /// `208	1	9	309001	洛阳市西工区社会保险中心	369.28` — 2080109 is 社会保险经办机构.
    ///
    /// ## Fix
    /// Put the 科目 name in the name column (社会保险经办机构), and the unit elsewhere.
    pub struct CodeName {
        id: "classification/code-name",
        severity: Warning,
        summary: "The name next to a classification code is not that code's name",
        summary_zh: "科目编码旁的名称不是该编码的名称",
    }
}

impl Rule for CodeName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let classes = Classification::for_year(ctx.doc.meta.fiscal_year);
        for table in &ctx.doc.tables {
            let mut wrong = Vec::new();
            for row in coded_rows(table) {
                let (Some(entry), Some(name)) = (classes.by_code(&row.code()), row.name) else {
                    continue;
                };
                let written = name.text.trim();
                let matches = classes
                    .by_name(written)
                    .is_some_and(|(e, _)| e.code == entry.code)
                    || written.contains(entry.name)
                    || entry.name.contains(written);
                if !matches {
                    wrong.push((row, entry.name));
                }
            }
            let Some((first, expected)) = wrong.first() else {
                continue;
            };
            let name = first.name.map(|c| c.text.as_str()).unwrap_or("");
            let span = first.name.map(|c| c.span).unwrap_or(first.row.span);
            let mut d = Diagnostic::new(
                &Self::META,
                span,
                format!(
                    "科目 {} 的名称应为“{expected}”，表中写作“{name}”",
                    first.code()
                ),
            )
            .en(format!(
                "Code {} is named '{expected}' in the classification, but the table says '{name}'",
                first.code()
            ));
            for (other, expected) in &wrong[1..] {
                d = d.related(other.row.span, format!("{} 应为“{expected}”", other.code()));
            }
            out.push(d);
        }
    }
}
