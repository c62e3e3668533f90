use super::code_name::{named_rows, Named};
use budgetlint_sdk::model::classification::Classification;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In a table, a classification code named with a name the code had in an earlier
    /// 政府收支分类科目 (医疗卫生与计划生育支出 for 210, now 卫生健康支出), in a document of a
    /// year that the catalogue of the current names covers (crates/model/data/
    /// classification-<year>.tsv). In older documents, or when the document's year is unknown,
    /// former names are accepted. A name that is no name of the code at all is
    /// `classification/code-name`. A table is reported once, on its first such row.
    ///
    /// ## Why
    /// 财预〔2016〕143号 asks for the 科目 of the year's 政府收支分类科目. A former name still says
    /// what the money is for, so this is an info rather than an error: the reader can follow
    /// it, but the table does not use the catalogue of its year.
    ///
    /// ## Example
    /// A 2022 table: `210	医疗卫生与计划生育支出	120.00` — 210 is 卫生健康支出 since 2019.
    ///
    /// ## Fix
    /// Write the current name of the code (卫生健康支出).
    ///
    /// ## 检查内容
    /// 表格中分类科目编码使用了该编码在以前的政府收支分类科目中的名称（210写作医疗卫生与计划生育支出，现名卫生健康支出），且文件年度在现行名称目录（crates/model/data/classification-<年度>.tsv）覆盖的范围内。更早的文件，或文件年度不明时，旧名称可以接受。根本不是该编码名称的，由 `classification/code-name` 报告。每张表只报告一次，报告在第一个这样的行上。
    ///
    /// ## 依据
    /// 财预〔2016〕143号要求使用当年的政府收支分类科目。旧名称仍能说明资金用途，因此作为提示而不是错误：读者能看懂，但表格没有使用当年的科目目录。
    ///
    /// ## 示例
    /// 2022年的表格：`210	医疗卫生与计划生育支出	120.00`——210 自2019年起名为卫生健康支出。
    ///
    /// ## 修改方法
    /// 写该编码的现行名称（卫生健康支出）。
    pub struct FormerCodeName {
        id: "classification/former-code-name",
        split_from: "classification/code-name",
        severity: Info,
        summary: "A classification code is named with a former name of that code",
        summary_zh: "科目编码使用了该编码的旧名称",
    }
}

impl Rule for FormerCodeName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let catalogue_year = Classification::for_year(ctx.doc.meta.fiscal_year).year();
        for table in &ctx.doc.tables {
            let (_, former) = named_rows(ctx, table);
            out.extend(former_name_finding(catalogue_year, &former));
        }
    }
}

/// One finding per table for codes named with a former name, on the first such row.
fn former_name_finding(catalogue_year: i32, former: &[Named<'_>]) -> Option<Diagnostic> {
    let (first, current) = former.first()?;
    let name = first.name.map(|c| c.text.trim()).unwrap_or("");
    let span = first.name.map(|c| c.span).unwrap_or(first.row.span);
    let mut d = Diagnostic::new(
        &FormerCodeName::META,
        span,
        format!(
            "科目 {} 在{catalogue_year}年政府收支分类科目中名为“{current}”，表中写作旧名称“{name}”",
            first.code()
        ),
    )
    .en(format!(
        "Code {} is named '{current}' in the {catalogue_year} classification; '{name}' is a former name",
        first.code()
    ));
    for (other, current) in &former[1..] {
        d = d.related(other.row.span, format!("{} 现名“{current}”", other.code()));
    }
    Some(d)
}
