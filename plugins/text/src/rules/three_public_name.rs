use crate::support::{literals, Spans};
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// A “三公”经费 item named in a shortened or altered spelling (`公务用车购置及运行费`,
    /// `公务用车运行费`, `公务用车购置及运维费` …) in a document that elsewhere uses the
    /// standard name `公务用车购置及运行维护费`: one item, two names. (`公务用车运行维护费` alone
    /// is no evidence: it is also the 经济分类 item's name in every year.) A document that uses only the older spelling throughout (earlier
    /// templates wrote `公务用车购置及运行费`) is left alone.
    ///
    /// ## Why
    /// The 三公 items are fixed categories of the 部门预算/决算 templates (财政部; the 经济分类
    /// 30231 公务用车运行维护费); a table that heads a column with another name than the text
    /// uses makes the reader wonder whether both mean the same money, and the
    /// 公开 reviews (三公口径) ask for the template's names.
    ///
    /// ## Example
    /// The text says “公务用车购置及运行维护费支出决算为0.00万元”; the 三公 table's header
    /// reads “公务用车购置及运行费” and “公务用车运行费”.
    ///
    /// ## Fix
    /// Write the standard name everywhere (unsafe: the table may be generated from a template
    /// that must be changed at its source).
    ///
    /// ## 检查内容
    /// 文件其他地方使用了“三公”经费分项的标准名称`公务用车购置及运行维护费`，某处却写成简略或改动过的名称（`公务用车购置及运行费`、`公务用车运行费`、`公务用车购置及运维费`等）：同一分项两种叫法。通篇只用旧写法的文件（早年模板写作`公务用车购置及运行费`）不报告；单独出现的`公务用车运行维护费`不作为依据，因为它也是历年经济分类科目的名称。
    ///
    /// ## 依据
    /// “三公”经费分项是财政部部门预算、决算模板规定的固定类别（经济分类30231为公务用车运行维护费）；表头与正文叫法不同，读者会怀疑两者是否是同一笔钱，公开检查（三公口径）也要求使用模板名称。
    ///
    /// ## 示例
    /// 正文写“公务用车购置及运行维护费支出决算为0.00万元”，“三公”经费表的表头却写“公务用车购置及运行费”“公务用车运行费”。
    ///
    /// ## 修改方法
    /// 全文统一使用标准名称（不安全修复：表格可能由模板生成，须在模板处修改）。
    pub struct ThreePublicName {
        id: "text/three-public-name",
        severity: Info,
        summary: "A 三公 item named otherwise than the standard name the document uses elsewhere",
        summary_zh: "“三公”经费分项的名称与文件其他处使用的标准名称不一致",
    }
}

/// The standard name of the 公务用车 三公 item. Its part 公务用车运行维护费 is not evidence of
/// the document's choice: it is also the 经济分类 item 30231, named so in every year, and lists
/// of 机关运行经费 cite it in documents that write the older 三公 names throughout.
const STANDARD: &[&str] = &["公务用车购置及运行维护费"];

/// (variant, the standard name it stands for). None of them occurs inside a standard name.
const VARIANTS: &[(&str, &str)] = &[
    ("公务用车购置及运行费", "公务用车购置及运行维护费"),
    ("公务用车购置和运行费", "公务用车购置及运行维护费"),
    ("公务用车购置和运行维护费", "公务用车购置及运行维护费"),
    ("公务用车购置及运维费", "公务用车购置及运行维护费"),
    ("公务用车运行费", "公务用车运行维护费"),
    ("公务用车运维费", "公务用车运行维护费"),
];

impl Rule for ThreePublicName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let Some((std_at, std_name)) = first_standard(text) else {
            return;
        };
        let spans = Spans::new(ctx.doc);
        let standard_span = spans.span(std_at, std_at + std_name.len());
        static PATTERN: OnceLock<Regex> = OnceLock::new();
        let alternatives: Vec<&str> = VARIANTS.iter().map(|(v, _)| *v).collect();
        let pattern = literals(&PATTERN, &alternatives.join("|"));
        for m in pattern.find_iter(text) {
            let Some(&(variant, standard)) = VARIANTS.iter().find(|(v, _)| *v == m.as_str()) else {
                continue;
            };
            let span = spans.span(m.start(), m.end());
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span,
                    format!("“{variant}”与本文件其他处使用的标准名称“{std_name}”不一致，应写作“{standard}”"),
                )
                .en(format!("“{variant}” differs from the standard name “{std_name}” the document uses elsewhere; write “{standard}”"))
                .related(standard_span, format!("标准名称“{std_name}”"))
                .replace(span, standard, format!("改为“{standard}”"), Applicability::Unsafe),
            );
        }
    }
}

/// The first standard name of the family in the text, with its byte offset. A name right
/// after a code (`30231 公务用车运行维护费`) is the 经济分类 item's name, which kept the standard
/// wording in the years the 三公 templates wrote `公务用车购置及运行费`: it is not the
/// document's choice of name.
fn first_standard(text: &str) -> Option<(usize, &'static str)> {
    STANDARD
        .iter()
        .filter_map(|name| {
            text.match_indices(name)
                .map(|(at, _)| at)
                .find(|at| !after_code(text, *at))
                .map(|at| (at, *name))
        })
        .min_by_key(|(at, _)| *at)
}

/// Whether the last character before `at`, white space skipped, is a digit.
fn after_code(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| c.is_ascii_digit())
}
