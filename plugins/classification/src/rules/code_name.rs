use crate::coded_rows::coded_rows;
use crate::coded_rows::CodedRow;
use budgetlint_sdk::model::classification::{ClassEntry, Classification};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In a table, the name next to a classification code that is not the code's name in the
    /// 政府收支分类科目 of the document's year (the closest catalogue at or before it, see
    /// crates/model/data/classification-<year>.tsv), e.g. the unit's own name in the 科目名称
    /// column. A former name of the same code (医疗卫生与计划生育支出 for 210) is not this rule's
    /// finding: `classification/former-code-name` reports it, as an info. Only codes the
    /// catalogue file knows are checked. A table is reported once, on its first such row.
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
    ///
    /// ## 检查内容
    /// 表格中分类科目编码旁的名称，不是该编码在文件所属年度政府收支分类科目中的名称（取该年度或之前最近的目录，见 crates/model/data/classification-<年度>.tsv），例如在科目名称列写了单位自己的名称。同一编码的旧名称（210写作医疗卫生与计划生育支出）不由本规则报告，而由 `classification/former-code-name` 作为提示报告。只检查目录文件中有的编码。每张表只报告一次，报告在第一个这样的行上。
    ///
    /// ## 依据
    /// 《预算法》第三十二条和财预〔2016〕143号要求支出按功能分类公开到项级，写明编码和名称；某一行写的是单位名称而不是科目名称，就说明不了资金的用途。
    ///
    /// ## 示例
    /// `208	1	9	309001	洛阳市西工区社会保险中心	369.28`——2080109 是社会保险经办机构。
    ///
    /// ## 修改方法
    /// 在名称列写科目名称（社会保险经办机构），单位名称另行列示。
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
        for table in &ctx.doc.tables {
            let (wrong, _) = named_rows(ctx, table);
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

/// A coded row of a table and the name its code has in the catalogue.
pub(crate) type Named<'t> = (CodedRow<'t>, &'static str);

/// The coded rows of `table` whose name is not their code's: another name (`.0`), and a
/// former name of the same code where the catalogue in force is the one we have (`.1`).
pub(crate) fn named_rows<'t>(
    ctx: &Context,
    table: &'t budgetlint_sdk::model::Table,
) -> (Vec<Named<'t>>, Vec<Named<'t>>) {
    let classes = Classification::for_year(ctx.doc.meta.fiscal_year);
    // Former names are wrong only where the catalogue in force is the one we have.
    let former_names_wrong = ctx
        .doc
        .meta
        .fiscal_year
        .is_some_and(|y| y >= classes.year());
    let mut wrong = Vec::new();
    let mut former = Vec::new();
    for row in coded_rows(table) {
        let (Some(entry), Some(name)) = (classes.by_code(&row.code()), row.name) else {
            continue;
        };
        match name_match(classes, entry, name.text.trim()) {
            NameMatch::Current => {}
            NameMatch::Former if former_names_wrong => former.push((row, entry.name)),
            NameMatch::Former => {}
            NameMatch::Other => wrong.push((row, entry.name)),
        }
    }
    (wrong, former)
}

/// How a written name relates to the name of the code next to it.
enum NameMatch {
    /// The current name, a short form of it, or a name that contains it.
    Current,
    /// A name the code had in an earlier catalogue (recorded as an alias that is not a short form).
    Former,
    /// Another name.
    Other,
}

fn name_match(classes: &Classification, entry: &ClassEntry, written: &str) -> NameMatch {
    let alias = classes
        .by_name(written)
        .filter(|(e, _)| e.code == entry.code)
        .map(|(_, alias)| alias);
    match alias {
        Some(true) if !entry.name.starts_with(written) => NameMatch::Former,
        Some(_) => NameMatch::Current,
        None if written.contains(entry.name) || entry.name.contains(written) => NameMatch::Current,
        None => NameMatch::Other,
    }
}
