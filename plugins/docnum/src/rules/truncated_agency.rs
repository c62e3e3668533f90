use crate::numbers::{
    agency, by_year_and_serial, canonical_with, doc_numbers, fuller_forms, Cited,
};
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A 机关代字 that has been cut short:
    /// - a 代字 that is the tail of the 代字 the same document uses for the same year and serial
    ///   (`社【2020】185号` where `冀财社【2020】185号` is cited elsewhere), or
    /// - a 代字 of a single character, which no issuing body uses.
    ///
    /// ## Why
    /// GB/T 9704-2012 §7.2.5: the 机关代字 identifies the issuing body (冀财社 = 河北省财政厅
    /// 社会保障处). A truncated code cites a document that does not exist; it typically comes
    /// from a copy that lost the first characters of a project name.
    ///
    /// ## Example
    /// `15.社【2020】185号关于提前下达…` with `冀财社【2020】185号` cited in project 2:
    /// reported, suggesting 冀财社〔2020〕185号.
    ///
    /// ## Fix
    /// Restore the full 代字. When the document cites exactly one full form, the fix inserts the
    /// missing characters (unsafe: a reviewer must confirm).
    ///
    /// ## 检查内容
    /// 被截断的机关代字：
    /// - 代字是同一文件中同年份、同序号文号所用代字的末尾部分（文件别处引用`冀财社【2020】185号`，此处写`社【2020】185号`），或
    /// - 代字只有一个字，没有发文机关使用这样的代字。
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：机关代字标明发文机关（冀财社即河北省财政厅社会保障处）。截断的代字引用的是一份并不存在的文件；通常是复制项目名称时丢了开头几个字。
    ///
    /// ## 示例
    /// 项目2中引用了`冀财社【2020】185号`，另一处写`15.社【2020】185号关于提前下达…`：会被报告，并建议改为冀财社〔2020〕185号。
    ///
    /// ## 修改方法
    /// 补全代字。文件中恰好只引用了一个完整写法时，修复会补上缺失的字（不安全修复：需要审核人员确认）。
    pub struct TruncatedAgency {
        id: "docnum/truncated-agency",
        aliases: ["doc-number/truncated-agency"],
        severity: Warning,
        summary: "发文字号 with a truncated 机关代字",
        summary_zh: "发文字号的机关代字不完整",
    }
}

impl Rule for TruncatedAgency {
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
            let short = agency(cited.num);
            if short.is_empty() {
                continue;
            }
            let full = fuller_forms(group, cited, short);
            if full.is_empty() && wrapped_from_line_before(&ctx.doc.text, cited) {
                // `（财` / `预〔2018〕167 号）`: the head of the 机关代字 is on the line before.
                continue;
            }
            if let Some(d) = finding(cited, short, &full) {
                out.push(d);
            }
        }
    }
}

/// Whether the number starts a line right after a line that ends in a Chinese character (not
/// punctuation): the 机关代字 may have wrapped, its first characters ending the line before.
fn wrapped_from_line_before(text: &str, cited: &Cited) -> bool {
    let before = text.get(..cited.fact.span.start as usize).unwrap_or("");
    let Some(head) = before
        .trim_end_matches([' ', '\u{3000}'])
        .strip_suffix('\n')
    else {
        return false;
    };
    let head = head.strip_suffix('\r').unwrap_or(head);
    head.chars()
        .next_back()
        .is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

fn finding(cited: &Cited, short: &str, full: &[Cited]) -> Option<Diagnostic> {
    let raw = &cited.num.raw;
    match full {
        [one] => {
            let long = agency(one.num);
            let missing = &long[..long.len() - short.len()];
            let mut insert_at = cited.fact.span;
            insert_at.start += (cited.num.agency.len() - short.len()) as u32;
            insert_at.end = insert_at.start;
            Some(
                Diagnostic::new(
                    &TruncatedAgency::META,
                    cited.fact.span,
                    format!("发文字号“{raw}”的机关代字“{short}”不完整；本文件第{}行引用为“{}”，应写作“{}”", one.line(), one.num.raw, canonical_with(long, cited.num)),
                )
                .en(format!("The issuer code “{short}” of “{raw}” is truncated; line {} cites the same number as “{}”", one.line(), one.num.raw))
                .related(one.fact.span, format!("完整发文字号：{}", one.num.raw))
                .replace(insert_at, missing, format!("补全机关代字为“{long}”"), Applicability::Unsafe),
            )
        }
        [] if short.chars().count() == 1 => Some(
            Diagnostic::new(
                &TruncatedAgency::META,
                cited.fact.span,
                format!("发文字号“{raw}”的机关代字只有一个字“{short}”，疑似不完整"),
            )
            .en(format!(
                "The issuer code of “{raw}” is a single character “{short}”; it looks truncated"
            )),
        ),
        [] => None,
        several => {
            let forms: Vec<&str> = several.iter().map(|c| c.num.raw.as_str()).collect();
            Some(
                Diagnostic::new(
                    &TruncatedAgency::META,
                    cited.fact.span,
                    format!("发文字号“{raw}”的机关代字“{short}”不完整；本文件另有“{}”", forms.join("”“")),
                )
                .en(format!("The issuer code “{short}” of “{raw}” looks truncated; the document also cites “{}”", forms.join("”, “"))),
            )
        }
    }
}
