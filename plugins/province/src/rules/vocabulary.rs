use crate::template::applicable;
use budgetlint_sdk::province::Term;
use budgetlint_sdk::{
    declare_rule, Applicability, Context, Diagnostic, DocumentExt, Fix, Rule, RuleMeta, TextEdit,
};

declare_rule! {
    /// ## What it checks
    /// That a document uses the wording its province's form prescribes: each `[[vocabulary]]`
    /// entry of the province's template (a data file, see docs/PROVINCES.md) names a preferred
    /// term and the wordings it replaces, and every use of a replaced wording is reported with
    /// the preferred term as its fix. Wording inside 《》 is left alone: a cited document keeps
    /// its own title.
    ///
    /// Runs only when the profile's province has a template for the document's kind and level.
    ///
    /// ## Why
    /// Terms change with the law and differ between provinces: 2014年修正的《预算法》第五条
    /// renamed 公共财政预算 一般公共预算, and a disclosure that still uses the old term names a
    /// budget that no longer exists. The province's form fixes the wording its inspections
    /// expect; the template's `reason` says where the rule comes from.
    ///
    /// ## Example
    /// Under the Hebei budget template:
    /// ```text
    /// 2024年公共财政预算拨款收入1,234.56万元      ← 应称“一般公共预算”
    /// ```
    ///
    /// ## Fix
    /// Use the preferred term (the fix replaces the wording; review it, since a sentence may
    /// quote an old document without 《》).
    ///
    /// ## 检查内容
    /// 文件是否使用所在省份格式规定的用语：省份模板（数据文件，见 docs/PROVINCES.md）的每个 `[[vocabulary]]` 条目给出规范用语及其替代的旧称，正文中每处旧称都报告，修改建议为规范用语。《》内的文字不检查：引用的文件保留其原标题。只在省份配置中有适用于文件类型和级次的模板时检查。
    ///
    /// ## 依据
    /// 用语随法律变化、各省也不同：2014年修正的《预算法》第五条将“公共财政预算”改称“一般公共预算”，仍用旧称的公开说明所指的预算已不存在。省级格式规定了检查所要求的用语；模板的 `reason` 说明其来源。
    ///
    /// ## 示例
    /// 按河北预算模板：
    /// ```text
    /// 2024年公共财政预算拨款收入1,234.56万元      ← 应称“一般公共预算”
    /// ```
    ///
    /// ## 修改方法
    /// 改用规范用语（修改建议会替换该词；请复核，因为句子可能未加《》引用旧文件）。
    pub struct Vocabulary {
        id: "province/vocabulary",
        severity: Warning,
        summary: "Wording the province's template (data) replaces with a preferred term",
        summary_zh: "使用了省级模板（数据）规定应改用规范用语的旧称",
    }
}

impl Rule for Vocabulary {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let mut seen: Vec<&Term> = Vec::new();
        for term in applicable(ctx).flat_map(|t| &t.vocabulary) {
            // Two templates of a province (two levels) may list the same term.
            if seen.contains(&term) {
                continue;
            }
            seen.push(term);
            for wording in &term.deprecated {
                check_wording(ctx, term, wording, out);
            }
        }
    }
}

fn check_wording(ctx: &Context, term: &Term, wording: &str, out: &mut Vec<Diagnostic>) {
    let text = &ctx.doc.text;
    for (at, _) in text.match_indices(wording) {
        if inside_title_marks(text, at) {
            continue;
        }
        // 一般公共财政预算: the preferred term's beginning may precede the old wording, and the
        // fix must not double it.
        let start = at - preferred_prefix_before(text, at, &term.preferred);
        let end = at + wording.len();
        let found = &text[start..end];
        let reason = if term.reason.is_empty() {
            String::new()
        } else {
            format!("（{}）", term.reason)
        };
        let d = Diagnostic::new(
            &Vocabulary::META,
            ctx.doc.span_of(start, end),
            format!("“{found}”应称“{}”{reason}", term.preferred),
        )
        .en(format!(
            "“{found}” is called “{}” in this province's form",
            term.preferred
        ))
        .fix(Fix {
            message: format!("改为“{}”", term.preferred),
            applicability: Applicability::Unsafe,
            edits: vec![TextEdit {
                start: start as u32,
                end: end as u32,
                replacement: term.preferred.clone(),
            }],
        });
        out.push(d);
    }
}

/// True when `at` lies between 《 and 》 on its line.
fn inside_title_marks(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    match (before.rfind('《'), before.rfind('》')) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The length in bytes of the longest beginning of `preferred`, two characters or more, that
/// the text ends with just before `at` (`一般` before `公共财政预算`), 0 when none. (One
/// character is too often another word's end: 统一.)
fn preferred_prefix_before(text: &str, at: usize, preferred: &str) -> usize {
    preferred
        .char_indices()
        .map(|(i, _)| i)
        .skip(2)
        .filter(|&i| text[..at].ends_with(&preferred[..i]))
        .max()
        .unwrap_or(0)
}
