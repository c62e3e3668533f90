use crate::template::*;
use budgetlint_province_common::headings::{self, SectionHeading};
use budgetlint_province_common::skeleton::{compare, report, Parts, Report, Template};
use budgetlint_province_common::{applies, is_final_accounts};
use budgetlint_sdk::model::NumberingStyle;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Span};

declare_rule! {
    /// ## What it checks
    /// The layout of the Shanxi 部门决算:
    /// - five parts in order: 第一部分 概况, 第二部分 部门决算报表, 第三部分 情况说明,
    ///   第四部分 名词解释, 第五部分 附件;
    /// - 第一部分: 一、本部门职责 二、机构设置情况;
    /// - 第二部分: the ten tables — the nine national ones with 一般公共预算财政拨款支出决算表
    ///   （一）and（二）, plus 十、部门决算公开相关信息统计表;
    /// - 第三部分: 一、收入支出决算总体情况说明 … 七、“三公”经费支出决算情况说明
    ///   八、其他重要事项情况说明.
    ///
    /// Missing entries are errors, entries out of order warnings, both naming the entry. Siblings
    /// presented differently — a part heading one Markdown level deeper than the other parts, the
    /// items of a part at two heading levels, some table titles plain lines and others list
    /// items — are reported at info level. Runs only under the 山西 profile and on 决算.
    ///
    /// ## Why
    /// The Shanxi template implements the 部门决算 disclosure of 财预〔2016〕143号 and the
    /// 标准目录 (nine tables; Shanxi adds the 相关信息统计表); evaluators score completeness
    /// entry by entry, and a consistent outline is what makes a long 决算 navigable (and what
    /// screen readers and the 目录 rely on).
    ///
    /// ## Example
    /// ```text
    /// ## 第二部分 部门决算报表
    /// ### 第三部分 情况说明        ← 与其他部分（##）不同级
    /// ```
    ///
    /// ## Fix
    /// Add the missing parts and tables (empty tables with a note), keep the template's order,
    /// give siblings the same heading level.
    ///
    /// ## 检查内容
    /// 山西部门决算的结构：
    /// - 五个部分依次为：第一部分 概况，第二部分 部门决算报表，第三部分 情况说明，第四部分 名词解释，第五部分 附件；
    /// - 第一部分：一、本部门职责 二、机构设置情况；
    /// - 第二部分：十张表——全国统一的九张表（其中一般公共预算财政拨款支出决算表分为（一）和（二）），另加十、部门决算公开相关信息统计表；
    /// - 第三部分：一、收入支出决算总体情况说明……七、“三公”经费支出决算情况说明 八、其他重要事项情况说明。
    ///
    /// 缺少的条目作为错误，顺序不对的作为警告，都写明条目名称。同级条目呈现方式不一致——某一部分的标题比其他部分深一级，同一部分的条目分属两个标题级别，表题有的是普通行、有的是列表项——作为提示。只在山西省份配置下、对决算文件检查。
    ///
    /// ## 依据
    /// 山西模板落实了财预〔2016〕143号和标准目录对部门决算公开的要求（九张表，山西另加相关信息统计表）；评审逐条评价完整性，而统一的层次结构是篇幅较长的决算便于查阅的前提（屏幕阅读器和目录也依赖它）。
    ///
    /// ## 示例
    /// ```text
    /// ## 第二部分 部门决算报表
    /// ### 第三部分 情况说明        ← 与其他部分（##）不同级
    /// ```
    ///
    /// ## 修改方法
    /// 补上缺少的部分和表格（空表加说明），按模板顺序排列，同级条目使用相同的标题级别。
    pub struct FinalStructure {
        id: "shanxi/final-structure",
        severity: Error,
        summary: "Shanxi 部门决算 layout: five parts, ten tables, the items of 第三部分",
        summary_zh: "山西部门决算的结构：五个部分、十张表及第三部分各项",
    }
}

impl Rule for FinalStructure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !applies(ctx, crate::PROVINCE) || !is_final_accounts(ctx) {
            return;
        }
        let all = headings::collect(ctx.doc);
        let parts = Parts::check(&Self::META, ctx.doc, &all, &PARTS_TEMPLATE, out);
        let part = |i: usize| parts.part(i);
        let body = &parts.body;
        let lists: [(&Template, usize); 3] = [
            (&OVERVIEW_TEMPLATE, 0),
            (&TABLES_TEMPLATE, 1),
            (&EXPLANATION_TEMPLATE, 2),
        ];
        for (template, i) in lists {
            let Some(from) = part(i) else { continue };
            let to = (i + 1..PARTS.len())
                .find_map(part)
                .map_or(usize::MAX, |p| p.span.start as usize);
            let items: Vec<&SectionHeading> = body
                .iter()
                .copied()
                .filter(|h| {
                    h.style == NumberingStyle::ChineseComma
                        && h.span.start > from.span.start
                        && (h.span.start as usize) < to
                })
                .collect();
            let cmp = compare(template, &items);
            let anchor: Span = from.span;
            out.extend(report(
                &Self::META,
                template,
                &items,
                &cmp,
                Report {
                    extra: None,
                    ..Report::default()
                },
                anchor,
            ));
        }
    }
}
