use crate::view::{Indicator, Indicators};
use budgetlint_sdk::model::TextCell;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};
use std::collections::HashMap;

declare_rule! {
    /// ## What it checks
    /// Two indicators of the same project whose descriptions promise the same thing with
    /// different numbers (`3个工作日保证企业养老金发放到位` under 质量指标 and
    /// `7个工作日保证企业养老金发放到位` under 时效指标): at least one of the two targets is wrong.
    ///
    /// ## Why
    /// 财预〔2015〕88号 asks for targets that are 指向明确 and consistent with each other; an
    /// evaluator under 财预〔2020〕10号 cannot score a result against two different promises.
    /// Reported at info level: the two may be meant for different steps of the process.
    ///
    /// ## Example
    /// ```text
    /// 质量指标  发放率  3个工作日保证企业养老金发放到位  <3日
    /// 时效指标  到位率  7个工作日保证企业养老金发放到位  <7日
    /// ```
    ///
    /// ## Fix
    /// Keep one promise (one deadline) per result, or say what distinguishes the two.
    ///
    /// ## 检查内容
    /// 同一项目的两个指标，描述的是同一件事，承诺的数字却不同（质量指标下`3个工作日保证企业养老金发放到位`，时效指标下`7个工作日保证企业养老金发放到位`）：两个目标至少有一个是错的。
    ///
    /// ## 依据
    /// 财预〔2015〕88号要求绩效目标指向明确、相互协调；按财预〔2020〕10号评价时，无法对照两个不同的承诺给同一结果打分。只作提示：两者可能指的是流程中的不同环节。
    ///
    /// ## 示例
    /// ```text
    /// 质量指标  发放率  3个工作日保证企业养老金发放到位  <3日
    /// 时效指标  到位率  7个工作日保证企业养老金发放到位  <7日
    /// ```
    ///
    /// ## 修改方法
    /// 每项结果只保留一个承诺（一个期限），或写明两者的区别。
    pub struct ConflictingTargets {
        id: "indicator/conflicting-targets",
        severity: Info,
        summary: "Two indicators of one project promise the same thing with different numbers",
        summary_zh: "同一项目的两个指标以不同数字承诺同一件事",
    }
}

/// Shortest text (without its numbers) worth comparing: shorter ones repeat by chance.
const MIN_TEMPLATE_CHARS: usize = 6;

impl Rule for ConflictingTargets {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let all = ctx.view::<Indicators>();
        for perf in &ctx.doc.perf_tables {
            let mut by_template: HashMap<String, (&Indicator, &TextCell, String)> = HashMap::new();
            for ind in all.iter().filter(|i| std::ptr::eq(i.perf, perf)) {
                let Some(desc) = ind.row.description.as_ref() else {
                    continue;
                };
                let Some((template, numbers)) = split_numbers(&desc.text) else {
                    continue;
                };
                match by_template.get(&template) {
                    Some((first, first_desc, first_numbers)) if *first_numbers != numbers => {
                        out.push(conflict(
                            first,
                            first_desc,
                            ind,
                            desc,
                            first_numbers,
                            &numbers,
                        ));
                    }
                    Some(_) => {}
                    None => {
                        by_template.insert(template, (ind, desc, numbers));
                    }
                }
            }
        }
    }
}

/// The text with its numbers replaced by `#`, and the numbers; `None` without numbers or when
/// the words alone are too short to be a distinctive promise.
fn split_numbers(text: &str) -> Option<(String, String)> {
    let mut template = String::new();
    let mut numbers = String::new();
    let mut in_number = false;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() || (in_number && c == '.') {
            if !in_number {
                template.push('#');
                numbers.push(' ');
            }
            numbers.push(c);
            in_number = true;
        } else {
            template.push(c);
            in_number = false;
        }
    }
    let words = template.chars().filter(|c| *c != '#').count();
    (!numbers.is_empty() && words >= MIN_TEMPLATE_CHARS)
        .then(|| (template, numbers.trim().to_string()))
}

fn conflict(
    first: &Indicator,
    d1: &TextCell,
    second: &Indicator,
    d2: &TextCell,
    a: &str,
    b: &str,
) -> Diagnostic {
    Diagnostic::new(&ConflictingTargets::META, d1.span, format!("同一项目中“{}”（{}）与“{}”（{}）承诺同一事项，数字却不同（{a} 与 {b}）", d1.text, first.label(), d2.text, second.label()))
        .en(format!("In one project “{}” ({}) and “{}” ({}) promise the same thing with different numbers ({a} vs {b})", d1.text, first.label(), d2.text, second.label()))
        .related(d2.span, format!("另一处：{}", d2.text))
}
