use crate::numbers::{canonical_serial, canonical_with, doc_numbers};
use budgetlint_sdk::{
    declare_rule, Applicability, Context, Diagnostic, Fix, Rule, RuleMeta, TextEdit,
};

declare_rule! {
    /// ## What it checks
    /// The serial of a 发文字号 written with “第” (`〔2020〕第5号`) or with leading zeros
    /// (`〔2020〕052号`).
    ///
    /// ## Why
    /// GB/T 9704-2012 §7.2.5: “发文顺序号不加‘第’字，不编虚位（即1不编为01）”.
    ///
    /// ## Example
    /// `冀财社〔2020〕第185号` and `冀财社〔2020〕0185号` are reported; `冀财社〔2020〕185号` is
    /// correct.
    ///
    /// ## Fix
    /// Drop “第” and the leading zeros (safe: the number is the same).
    ///
    /// ## 检查内容
    /// 发文字号的序号加了“第”字（`〔2020〕第5号`）或有前导零（`〔2020〕052号`）。
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：“发文顺序号不加‘第’字，不编虚位（即1不编为01）”。
    ///
    /// ## 示例
    /// `冀财社〔2020〕第185号`和`冀财社〔2020〕0185号`会被报告；`冀财社〔2020〕185号`是正确的。
    ///
    /// ## 修改方法
    /// 去掉“第”字和前导零（安全修复：号码不变）。
    pub struct SerialFormat {
        id: "docnum/serial-format",
        aliases: ["doc-number/serial-format"],
        severity: Warning,
        summary: "发文字号 serial with 第 or leading zeros",
        summary_zh: "发文字号的序号带“第”字或前导零",
    }
}

impl Rule for SerialFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for cited in doc_numbers(ctx.doc) {
            let written = cited.num.serial_text.as_str();
            let serial = canonical_serial(cited.num);
            if written == serial {
                continue;
            }
            let raw = &cited.num.raw;
            let what = match (
                written.starts_with('第'),
                written.trim_start_matches('第').starts_with('0'),
            ) {
                (true, true) => ("加了“第”字并编了虚位", "has 第 and leading zeros"),
                (true, false) => ("加了“第”字", "has 第"),
                _ => ("编了虚位（前导零）", "has leading zeros"),
            };
            let mut d = Diagnostic::new(
                &Self::META,
                cited.fact.span,
                format!(
                    "发文字号“{raw}”的序号{}，应写作“{}”（GB/T 9704-2012 第7.2.5条）",
                    what.0,
                    canonical_with(&cited.num.agency, cited.num)
                ),
            )
            .en(format!(
                "The serial of document number “{raw}” {}; write “{serial}”",
                what.1
            ));
            // The written serial ends just before the final 号.
            let end = cited.fact.span.end - '号'.len_utf8() as u32;
            let start = end.saturating_sub(written.len() as u32);
            if ctx.doc.text.get(start as usize..end as usize) == Some(written) {
                let edit = TextEdit {
                    start,
                    end,
                    replacement: serial.clone(),
                };
                d = d.fix(Fix {
                    message: format!("序号写作{serial}"),
                    applicability: Applicability::Safe,
                    edits: vec![edit],
                });
            }
            out.push(d);
        }
    }
}
