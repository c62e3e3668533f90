use crate::numbers::{canonical_with, doc_numbers};
use budgetlint_sdk::{
    declare_rule, Applicability, Context, Diagnostic, Fix, Rule, RuleMeta, TextEdit,
};

declare_rule! {
    /// ## What it checks
    /// The year of a 发文字号 written with two digits (`冀财社〔20〕185号`).
    ///
    /// ## Why
    /// GB/T 9704-2012 §7.2.5: “年份应标全称”: the year is written in full, with four Arabic digits.
    ///
    /// ## Example
    /// `财预〔17〕98号` is reported; `财预〔2017〕98号` is correct.
    ///
    /// ## Fix
    /// Write the four-digit year. The fix expands the two digits to 20xx (or 19xx when that
    /// would be later than the document's year); it is unsafe because the century is a guess.
    ///
    /// ## 检查内容
    /// 发文字号的年份只写了两位（`冀财社〔20〕185号`）。
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：“年份应标全称”，即用四位阿拉伯数字写全年份。
    ///
    /// ## 示例
    /// `财预〔17〕98号`会被报告；`财预〔2017〕98号`是正确的。
    ///
    /// ## 修改方法
    /// 写四位年份。修复把两位数字补为20xx（如果这样会晚于文件所属年度，则补为19xx）；世纪是推测的，因此是不安全修复。
    pub struct YearFormat {
        id: "docnum/year-format",
        aliases: ["doc-number/year-format"],
        severity: Warning,
        summary: "发文字号 year not written with four digits",
        summary_zh: "发文字号的年份未写全四位",
    }
}

impl Rule for YearFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for cited in doc_numbers(ctx.doc) {
            if cited.num.year_text.len() != 2 {
                continue;
            }
            let Ok(short) = cited.num.year_text.parse::<i32>() else {
                continue;
            };
            let year = expand(short, ctx.doc.meta.fiscal_year);
            let raw = &cited.num.raw;
            let mut d = Diagnostic::new(
                &Self::META,
                cited.fact.span,
                format!(
                    "发文字号“{raw}”的年份只写了两位“{}”，应写全称：{}（GB/T 9704-2012 第7.2.5条）",
                    cited.num.year_text,
                    canonical_with(&cited.num.agency, &with_year(cited.num, year))
                ),
            )
            .en(format!(
                "The year of document number “{raw}” has two digits; write it in full ({year})"
            ));
            if let Some(at) = ctx
                .doc
                .slice(cited.fact.span)
                .find(cited.num.year_text.as_str())
                .filter(|&p| p >= cited.num.agency.len())
            {
                let start = cited.fact.span.start + at as u32;
                let edit = TextEdit {
                    start,
                    end: start + 2,
                    replacement: year.to_string(),
                };
                d = d.fix(Fix {
                    message: format!("年份写作{year}"),
                    applicability: Applicability::Unsafe,
                    edits: vec![edit],
                });
            }
            out.push(d);
        }
    }
}

/// `17` → 2017; `98` → 1998 when 2098 would be after the document's year.
fn expand(short: i32, fiscal_year: Option<i32>) -> i32 {
    let candidate = 2000 + short;
    match fiscal_year {
        Some(fy) if candidate > fy => 1900 + short,
        _ => candidate,
    }
}

fn with_year(
    num: &budgetlint_sdk::model::DocNumber,
    year: i32,
) -> budgetlint_sdk::model::DocNumber {
    budgetlint_sdk::model::DocNumber {
        year,
        year_text: year.to_string(),
        ..num.clone()
    }
}
