use crate::support::Spans;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// The template's drafting notes, addressed to whoever fills it in, published as if they were
    /// part of the disclosure:
    /// - notes on what to write: `无“三公”经费财政拨款支出的部门，作下述说明：`,
    ///   `…的，仍保留该表格式，并在本表下方作下述说明`, `按上述格式依次说明到各项级科目`,
    ///   `预决算持平的不用说明变动原因`, `（仅有一个单位的部门，本部分内容为“机构设置”）`;
    /// - who fills in what: `由主管部门根据三定方案等相关规定中有关主要职能填写`;
    /// - the imperative 列明 (“state …”) opening a clause: `列明公务用车购置数量`,
    ///   `…考察，列明公务接待2批次` (a statement that something 已列明 is not reported);
    /// - a note in brackets for a case: a condition and what to do then, `（不涉及的不列）`,
    ///   `（如持平作持平表述）`, `（没有的填0）` (a bracket that only describes, `（如下表所列）`,
    ///   is not reported).
    ///
    /// ## Why
    /// The 部门预决算 templates (财政部's and the provinces', under 财预〔2016〕143号) carry notes
    /// that tell the drafter what to write and what to delete. Published, they show the section
    /// was not finished, and sometimes stand where the required statement should be (a note
    /// “作下述说明” with no statement after it).
    ///
    /// ## Example
    /// `无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：` under an
    /// empty table is reported.
    ///
    /// ## Fix
    /// Delete the note and write what it asks for (here: 本部门本年度没有政府性基金预算财政拨款
    /// 收入、支出…，故本表为空表).
    ///
    /// ## 检查内容
    /// 模板中写给填写者的说明被当作正文公开：
    /// - 说明该写什么：`无“三公”经费财政拨款支出的部门，作下述说明：`、`…的，仍保留该表格式，并在本表下方作下述说明`、`按上述格式依次说明到各项级科目`、`预决算持平的不用说明变动原因`、`（仅有一个单位的部门，本部分内容为“机构设置”）`；
    /// - 说明由谁填写：`由主管部门根据三定方案等相关规定中有关主要职能填写`；
    /// - 分句开头的祈使语“列明”：`列明公务用车购置数量`、`…考察，列明公务接待2批次`（陈述“已列明”的不报告）；
    /// - 括号中针对某种情形的说明，有条件也有做法：`（不涉及的不列）`、`（如持平作持平表述）`、`（没有的填0）`（只作说明的括号如`（如下表所列）`不报告）。
    ///
    /// ## 依据
    /// 部门预决算公开模板（财政部和各省依据财预〔2016〕143号制定）中有告诉填写者写什么、删什么的说明。这些说明被公开，说明该部分没有完成，有时还占据了本应写出规定说明的位置（写了“作下述说明”，下面却没有说明）。
    ///
    /// ## 示例
    /// 空表下方的`无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：`会被报告。
    ///
    /// ## 修改方法
    /// 删去模板说明，写出它要求的内容（此处为：本部门本年度没有政府性基金预算财政拨款收入、支出…，故本表为空表）。
    pub struct TemplateInstruction {
        id: "text/template-instruction",
        severity: Warning,
        summary: "A drafting note of the template published in the disclosure",
        summary_zh: "模板中给填写者的说明被公开了",
    }
}

/// The cues, all literal (one fast pass over the text); 填写 and 列明 are confirmed by their
/// context afterwards ([`note_at`]).
fn cues() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new("作下述说明|保留该表格式|按上述格式|不用说明变动原因|本部分内容为|填写|列明")
            .expect("a valid pattern")
    })
}

/// A note in brackets that tells the drafter what to do in a case: a condition (如, 若, 没有,
/// 无, 不涉及, 未) and, in the same brackets, an instruction to leave out, fill in or word
/// something (不列, 不填, 填, 作…表述, 删除): `（不涉及的不列）`, `（如持平作持平表述）`,
/// `（没有的填0）`. A bracket that only describes (`（如下表所列）`, `（如有）`) gives none.
fn bracketed_notes() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            "（(?:如|若|没有|无|不涉及|未)[^（）。\n]{0,15}?(?:不列|不填|填|作[^（）。\n]{0,6}表述|删除|删去)[^（）。\n]{0,10}）",
        )
        .expect("a valid pattern")
    })
}

/// The note a cue at `start..end` belongs to, as a byte range, or `None` when the context says
/// it is no note: 填写 only in `由…根据…填写` (who fills in what), 列明 only opening a clause.
fn note_at(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    match &text[start..end] {
        "填写" => {
            let sentence_start = text[..start].rfind(['。', '\n']).map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
            let head = &text[sentence_start..start];
            let by = head.find('由')?;
            head[by..]
                .contains("根据")
                .then_some((sentence_start + by, end))
        }
        "列明" => {
            let before = text[..start].trim_end_matches([' ', '\t', '\u{3000}']);
            let opens_clause =
                before.is_empty() || before.ends_with(['\n', '，', '。', '；', '：', '（']);
            opens_clause.then_some((start, end))
        }
        _ => Some((start, end)),
    }
}

impl Rule for TemplateInstruction {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        let mut notes: Vec<(usize, usize)> = cues()
            .find_iter(text)
            .filter_map(|m| note_at(text, m.start(), m.end()))
            .chain(
                bracketed_notes()
                    .find_iter(text)
                    .map(|m| (m.start(), m.end())),
            )
            .collect();
        notes.sort_unstable();
        let mut last_end = None;
        for (start, end) in notes {
            // One finding per note: a second cue in the same sentence is the same note.
            let same_sentence = last_end
                .is_some_and(|last| last > start || !text[last..start].contains(['。', '\n']));
            last_end = Some(end);
            if same_sentence {
                continue;
            }
            let note = &text[start..end];
            out.push(
                Diagnostic::new(
                    &Self::META,
                    spans.span(start, end),
                    format!("“{note}”是模板中给填写者的说明，不应公开：应删去并写出它要求的内容"),
                )
                .en(format!(
                    "“{note}” is the template's note to the drafter: delete it and write what it asks for"
                )),
            );
        }
    }
}
