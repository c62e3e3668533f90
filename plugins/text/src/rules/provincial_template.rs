use crate::support::{book_titles, level_rank, publisher_rank, Spans};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A city, district or county document that cites, as its legal basis, disclosure rules
    /// written for a higher level's own units: `《河北省省级预算公开办法》` in a county
    /// disclosure. Only titles that name a level above the publisher's (省级 for cities and
    /// counties, 市级 for counties and districts) and concern 公开 are reported.
    ///
    /// ## Why
    /// Each level publishes under the rules for its own level (地方预决算公开操作规程,
    /// 财预〔2016〕143号, and the provincial rules for cities and counties). 《…省级预算公开办法》
    /// governs provincial departments; a county citing it copied the provincial template, and
    /// the rest of the text (level words, table sets) often follows it. It is a judgment call,
    /// hence info.
    ///
    /// ## Example
    /// `按照《预算法》…和《河北省省级预算公开办法》规定，现将魏县社保中心2021年部门预算公开如下`
    /// is reported.
    ///
    /// ## Fix
    /// Cite the rules that apply to the publisher's level (the city's or county's own measures
    /// or the provincial rules for 市县).
    ///
    /// ## 检查内容
    /// 市、区、县的文件把为上级本级单位制定的公开规定作为法律依据引用：如县级公开文件中的`《河北省省级预算公开办法》`。只报告标题指明高于发布机关级次（对市、县为省级，对县、区为市级）且与公开有关的文件。
    ///
    /// ## 依据
    /// 各级按适用于本级的规定公开（《地方预决算公开操作规程》财预〔2016〕143号，以及省里针对市县的规定）。《…省级预算公开办法》适用于省级部门；县级文件引用它，是照抄了省级模板，正文其余部分（级次用语、表格组成）也常常照搬。需要判断，因此只作提示。
    ///
    /// ## 示例
    /// `按照《预算法》…和《河北省省级预算公开办法》规定，现将魏县社保中心2021年部门预算公开如下`会被报告。
    ///
    /// ## 修改方法
    /// 引用适用于发布机关级次的规定（本市、本县的办法，或省里针对市县的规定）。
    pub struct ProvincialTemplate {
        id: "text/provincial-template",
        aliases: ["jurisdiction/provincial-template"],
        severity: Info,
        summary: "Disclosure rules of a higher level's own units cited as the legal basis",
        summary_zh: "把上级机关本级单位的公开规定作为法律依据引用",
    }
}

impl Rule for ProvincialTemplate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(level) = ctx.doc.meta.level else {
            return;
        };
        let own = publisher_rank(level);
        let spans = Spans::new(ctx.doc);
        for (start, title) in book_titles(&ctx.doc.text) {
            if !title.contains("公开") {
                continue;
            }
            let Some(word) = ["省级", "市级"]
                .into_iter()
                .find(|w| title.contains(w) && level_rank(w) > own)
            else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    spans.span(start, start + title.len()),
                    format!("{}级单位的公开说明以《{title}》为依据，该办法适用于{word}单位，疑为沿用上级模板", level.chinese()),
                )
                .en(format!("A {}-level disclosure cites 《{title}》, which governs {word} units (template carried over from a higher level?)", level_en(level))),
            );
        }
    }
}

fn level_en(level: budgetlint_sdk::model::AdminLevel) -> &'static str {
    use budgetlint_sdk::model::AdminLevel::*;
    match level {
        Province => "province",
        City => "city",
        County => "county",
        District => "district",
        Township => "township",
    }
}
