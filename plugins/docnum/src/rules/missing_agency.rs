use crate::numbers::{agency, by_year_and_serial, canonical_with, doc_numbers, fuller_forms};
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// 发文字号 written without a 机关代字: the bracketed year comes first (`根据[2016]52号文件`,
    /// `【2015】52号人力资源社会保障部关于…`). When the same year and serial are cited elsewhere
    /// in the document with a 代字, the message names that full form.
    ///
    /// ## Why
    /// GB/T 9704-2012 §7.2.5: a 发文字号 consists of 机关代字, 年份 and 序号. Without the 代字
    /// the number does not identify a document (every issuing body has a “〔2016〕52号”), so the
    /// cited legal basis of the budget item cannot be verified.
    ///
    /// ## Example
    /// `根据【2020】143号河北省财政厅关于…` while the project title cites `冀财社【2020】143号`:
    /// reported, with 冀财社〔2020〕143号 as the likely full number.
    ///
    /// ## Fix
    /// Write the issuing body's 代字 before the year. When the document itself cites exactly one
    /// full form of the number, the fix inserts that 代字 (unsafe: a reviewer must confirm it is
    /// the same document).
    ///
    /// ## 检查内容
    /// 缺少机关代字的发文字号：括号括起的年份在最前面（`根据[2016]52号文件`、`【2015】52号人力资源社会保障部关于…`）。文件中别处引用了年份和序号相同、带代字的文号时，提示中给出该完整文号。
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：发文字号由机关代字、年份和发文顺序号组成。没有代字的文号无法确定是哪份文件（每个发文机关都有“〔2016〕52号”），预算项目所引的依据也就无法核实。
    ///
    /// ## 示例
    /// `根据【2020】143号河北省财政厅关于…`，而项目名称引用的是`冀财社【2020】143号`：会被报告，并提示完整文号可能是冀财社〔2020〕143号。
    ///
    /// ## 修改方法
    /// 在年份前写上发文机关的代字。文件中恰好只引用了一个该文号的完整写法时，修复会插入那个代字（不安全修复：需要审核人员确认是同一份文件）。
    pub struct MissingAgency {
        id: "docnum/missing-agency",
        aliases: ["doc-number/missing-agency"],
        severity: Warning,
        summary: "发文字号 without 机关代字",
        summary_zh: "发文字号缺少机关代字",
    }
}

impl Rule for MissingAgency {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let all = doc_numbers(ctx.doc);
        let groups = by_year_and_serial(&all);
        for cited in &all {
            let group = groups
                .get(&(cited.num.year, cited.num.serial))
                .map_or(&[][..], Vec::as_slice);
            if !agency(cited.num).is_empty() {
                continue;
            }
            let written = ctx.doc.slice(cited.fact.span);
            let full = fuller_forms(group, cited, "");
            let mut d = match full.as_slice() {
                [one] => {
                    let a = agency(one.num);
                    Diagnostic::new(
                        &Self::META,
                        cited.fact.span,
                        format!("发文字号“{written}”缺少机关代字；本文件第{}行引用为“{}”，应写作“{}”", one.line(), one.num.raw, canonical_with(a, cited.num)),
                    )
                    .en(format!("Document number “{written}” lacks the issuer code; line {} cites it as “{}”", one.line(), one.num.raw))
                    .related(one.fact.span, format!("完整发文字号：{}", one.num.raw))
                }
                _ => Diagnostic::new(
                    &Self::META,
                    cited.fact.span,
                    format!("发文字号“{written}”缺少机关代字，应写作“机关代字〔{}〕{}号”（GB/T 9704-2012 第7.2.5条）", cited.num.year, cited.num.serial),
                )
                .en(format!("Document number “{written}” lacks the issuer code (机关代字) before the year (GB/T 9704-2012 §7.2.5)")),
            };
            if let [one] = full.as_slice() {
                d = d.replace(
                    insert_point(cited),
                    agency(one.num),
                    format!("补上机关代字“{}”", agency(one.num)),
                    Applicability::Unsafe,
                );
            }
            out.push(d);
        }
    }
}

/// An empty span just before the bracket (after a function character the model kept, if any).
fn insert_point(cited: &crate::numbers::Cited) -> budgetlint_sdk::Span {
    let mut span = cited.fact.span;
    span.start += cited.num.agency.len() as u32;
    span.end = span.start;
    span
}
