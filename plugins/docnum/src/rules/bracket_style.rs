use crate::numbers::{bracket_edits, bracket_name, canonical_with, doc_numbers};
use budgetlint_sdk::model::BracketStyle as Bracket;
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Fix, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The brackets around the year of every 发文字号 cited in the document. Only the
    /// 六角括号 〔〕 are correct; 【】, [] / ［］, () / （） and look-alikes such as ﹝﹞ or 〈〉 are
    /// reported, one finding per occurrence.
    ///
    /// ## Why
    /// GB/T 9704-2012《党政机关公文格式》§7.2.5: the year of a 发文字号 is written in full and
    /// enclosed in 六角括号 〔〕 (机关代字〔年份〕序号号, e.g. 财预〔2016〕143号). Reviewers of
    /// disclosures check cited document numbers against this form; 【】 and [] usually come from
    /// typing the number by hand.
    ///
    /// ## Example
    /// `根据冀财社【2020】185号…` and `人社部发[2015]52号` are reported;
    /// `财预〔2017〕98号` is correct.
    ///
    /// ## Fix
    /// Replace the two brackets with 〔〕 (safe: nothing else changes).
    ///
    /// ## 检查内容
    /// 文件中引用的每个发文字号，其年份外的括号。只有六角括号〔〕是正确的；【】、[]、［］、()、（）以及﹝﹞、〈〉等形似符号都会被报告，每处一条。
    ///
    /// ## 依据
    /// GB/T 9704-2012《党政机关公文格式》7.2.5：发文字号中的年份应标全称，用六角括号〔〕括入（机关代字〔年份〕序号号，如财预〔2016〕143号）。审核公开文件时会按此格式核对所引文号；【】和[]通常是手工录入文号造成的。
    ///
    /// ## 示例
    /// `根据冀财社【2020】185号…`和`人社部发[2015]52号`会被报告；`财预〔2017〕98号`是正确的。
    ///
    /// ## 修改方法
    /// 把两个括号换成〔〕（安全修复：其他内容不变）。
    pub struct BracketStyle {
        id: "docnum/bracket-style",
        aliases: ["doc-number/bracket-style"],
        severity: Warning,
        summary: "发文字号 year not enclosed in 六角括号 〔〕",
        summary_zh: "发文字号的年份未使用六角括号〔〕",
    }
}

impl Rule for BracketStyle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for cited in doc_numbers(ctx.doc) {
            if cited.num.bracket == Bracket::Tortoise {
                continue;
            }
            let (zh, en) = bracket_name(cited.num.bracket);
            let corrected = canonical_with(&cited.num.agency, cited.num);
            let mut d = Diagnostic::new(
                &Self::META,
                cited.fact.span,
                format!("发文字号“{}”的年份使用了{zh}，应使用六角括号〔〕：{corrected}（GB/T 9704-2012 第7.2.5条）", cited.num.raw),
            )
            .en(format!("Document number “{}” encloses the year in {en}; GB/T 9704-2012 §7.2.5 requires 〔〕: {corrected}", cited.num.raw));
            if let Some(edits) = bracket_edits(&cited, ctx.doc) {
                d = d.fix(Fix {
                    message: "改为六角括号〔〕".into(),
                    applicability: Applicability::Safe,
                    edits,
                });
            }
            out.push(d);
        }
    }
}
