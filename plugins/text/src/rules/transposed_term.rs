use crate::support::Spans;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta};
use std::collections::HashMap;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// A standard budget term with two neighbouring characters swapped: `一般共公预算` for
    /// 一般公共预算, `政府性金基` for 政府性基金, `公务用接待`… The terms are the fixed names of
    /// the disclosure (fund sources, 支出 kinds, the 三公 items, the standard tables' words and
    /// the 经济分类 names), at least four characters long; a swap inside one of them never gives
    /// another word of a disclosure, so what is found is a typing slip. A swapped form followed
    /// by the character that makes it the term with one character written twice
    /// (`公务车用车` for 公务用车) is reported as that.
    ///
    /// ## Why
    /// The standard terms are prescribed by 《政府收支分类科目》 and the disclosure templates
    /// (财预〔2016〕143号); a garbled term in a published disclosure is a proofreading error
    /// that reviewers list, and it defeats a reader's search for the term.
    ///
    /// ## Example
    /// `2019年一般共公预算当年拨款规模变化情况` is reported: 一般公共预算.
    ///
    /// ## Fix
    /// Swap the two characters back (offered as a safe fix: the term is fixed).
    ///
    /// ## 检查内容
    /// 规范用语中相邻两个字颠倒：`一般共公预算`（一般公共预算）、`政府性金基`（政府性基金）等；或某个字多写一次，如`公务车用车`（公务用车）。用语取自公开文件的固定名称（资金来源、支出类别、“三公”经费项目、标准表格用语和经济分类名称），至少四个字；这些用语中颠倒相邻两字不会构成另一个公开文件用语，因此查到的都是录入错误。
    ///
    /// ## 依据
    /// 这些用语由《政府收支分类科目》和公开模板（财预〔2016〕143号）规定；公开文件中用语错乱属于校对错误，也使读者检索不到该用语。
    ///
    /// ## 示例
    /// `2019年一般共公预算当年拨款规模变化情况`会被报告，应为“一般公共预算”。
    ///
    /// ## 修改方法
    /// 改回规范用语（安全修复：用语是固定的）。
    pub struct TransposedTerm {
        id: "text/transposed-term",
        severity: Info,
        summary: "A standard budget term with two neighbouring characters swapped",
        summary_zh: "规范用语中相邻两字颠倒",
    }
}

/// The fixed terms of a disclosure, four characters or more.
const TERMS: &[&str] = &[
    "一般公共预算",
    "政府性基金",
    "国有资本经营",
    "财政拨款",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "机关运行经费",
    "三公经费",
    "因公出国",
    "公务用车",
    "公务接待",
    "运行维护费",
    "会议费",
    "培训费",
    "政府采购",
    "国有资产",
    "绩效目标",
    "绩效评价",
    "部门预算",
    "部门决算",
    "单位预算",
    "单位决算",
    "年初结转",
    "结转和结余",
    "年末结转",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位",
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "资本性支出",
    "社会保障和就业",
    "卫生健康支出",
    "住房保障支出",
    "城乡社区支出",
    "节能环保支出",
    "一般公共服务",
    "行政运行",
    "一般行政管理事务",
    "机关服务",
    "事业运行",
    "住房公积金",
    "购房补贴",
    "职业年金",
    "基本养老保险",
    "基本医疗保险",
    "公务员医疗补助",
    "行政单位医疗",
    "事业单位医疗",
    "伙食补助费",
    "津贴补贴",
    "绩效工资",
    "物业管理费",
    "委托业务费",
    "专用材料费",
    "差旅费",
    "办公设备购置",
    "中小企业",
];

/// The vocabulary's swapped forms (each mapped to its term) and one pattern for all of them.
fn swapped_forms() -> &'static (HashMap<String, &'static str>, AhoCorasick) {
    static FORMS: OnceLock<(HashMap<String, &'static str>, AhoCorasick)> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut forms = HashMap::new();
        for term in TERMS.iter().filter(|t| t.chars().count() >= 4) {
            let chars: Vec<char> = term.chars().collect();
            for i in 0..chars.len() - 1 {
                if chars[i] == chars[i + 1] {
                    continue;
                }
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                // A swapped form that is itself written inside another term is not a slip.
                if !TERMS.iter().any(|t| t.contains(swapped.as_str())) {
                    forms.insert(swapped, *term);
                }
            }
        }
        // A DFA over the few hundred forms: one pass over the text (a regex alternation of
        // them was half again as slow). Leftmost-longest, as the longest form at a place is meant.
        let pattern = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(forms.keys())
            .expect("a few hundred literal forms build a DFA");
        (forms, pattern)
    })
}

impl Rule for TransposedTerm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let (forms, pattern) = swapped_forms();
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        for m in pattern.find_iter(text) {
            let Some(term) = forms.get(&text[m.start()..m.end()]) else {
                continue;
            };
            let slip = Slip::at(text, m.start(), m.end(), term);
            let written = &text[slip.start..slip.end];
            let span = spans.span(slip.start, slip.end);
            let (zh, en) = if slip.extra_char {
                ("多写了一个字", "one character too many")
            } else {
                ("相邻两字颠倒", "two characters are swapped")
            };
            out.push(
                Diagnostic::new(&Self::META, span, format!("“{written}”应为“{term}”：{zh}"))
                    .en(format!("“{written}” should read “{term}”: {en}"))
                    .replace(
                        span,
                        term.to_string(),
                        format!("改为“{term}”"),
                        Applicability::Safe,
                    ),
            );
        }
    }
}

/// What was written in place of a term.
struct Slip {
    start: usize,
    end: usize,
    /// The term with one character written twice (`公务车用车` for 公务用车): the swapped form
    /// found is then followed by the character that, taken out, leaves the term.
    extra_char: bool,
}

impl Slip {
    fn at(text: &str, start: usize, end: usize, term: &str) -> Slip {
        if let Some(next) = text[end..].chars().next() {
            let longer = &text[start..end + next.len_utf8()];
            if leaves_term_without_one_char(longer, term) {
                return Slip {
                    start,
                    end: end + next.len_utf8(),
                    extra_char: true,
                };
            }
        }
        Slip {
            start,
            end,
            extra_char: false,
        }
    }
}

/// Whether taking one character out of `written` leaves `term`.
fn leaves_term_without_one_char(written: &str, term: &str) -> bool {
    written.char_indices().any(|(i, c)| {
        let rest = written[..i].to_string() + &written[i + c.len_utf8()..];
        rest == term
    })
}
