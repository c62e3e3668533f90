//! An example province plugin kept outside the workspace: Shandong (山东).
//!
//! It shows the three things a province plugin does:
//! 1. declare the province's template as data ([`PARTS`]: titles and aliases);
//! 2. gate every rule on the profile (`applies(ctx, "山东")`): budgetlint detects the province
//!    from the document (济南市历下区教育局 → 370102 山东), from the 鲁 prefix of the 发文字号
//!    it cites or from 《山东省…》, so the rule never runs on another province's documents;
//! 3. export the rules with `export_plugin!`, so that `budgetlint` loads the library at run time,
//!    declaring the province (`provinces: [PROVINCE]`): the host then calls the plugin only for
//!    山东 documents, and knows that `profile = "shandong"` has rules to run.
//!
//! The template below is an illustration for the walkthrough in docs/WRITING_PLUGINS.md, not a
//! verified copy of the Shandong template.

use budgetlint_province_common::headings::{self, SectionHeading};
use budgetlint_province_common::skeleton::{compare, report_under, Rules, Section, Template};
use budgetlint_province_common::{applies, document_anchor, is_budget};
use budgetlint_sdk::model::NumberingStyle;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

/// The province the rules belong to, as the profile names it.
pub const PROVINCE: &str = "山东";

/// The parts of the disclosure, in order, each with the phrases its title may contain.
pub const PARTS: &[Section] = &[
    Section { title: "部门概况", aliases: &["概况"] },
    Section { title: "部门预算情况说明", aliases: &["情况说明", "预算说明"] },
    Section { title: "名词解释", aliases: &["名词解释"] },
    Section { title: "部门预算公开表", aliases: &["公开表", "附件", "附表"] },
];

const TEMPLATE: Template = Template {
    scope_zh: "山东省部门预算公开模板",
    scope_en: "the Shandong budget disclosure template",
    unit_zh: "部分",
    unit_en: "part",
    sections: PARTS,
};

declare_rule! {
    /// ## What it checks
    /// That a Shandong 部门预算 disclosure has its four parts in order: 第一部分 部门概况,
    /// 第二部分 部门预算情况说明, 第三部分 名词解释, 第四部分 部门预算公开表: reports the missing
    /// parts. A rule id is one judgement at one severity (docs/PLUGIN_ABI.md): parts out of order
    /// (a warning) would be a rule of their own, given `misplaced` in `Rules`.
    /// Runs only under the 山东 profile and on budgets.
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》(财预〔2016〕143号) asks for complete disclosure in a standard form;
    /// the provincial template fixes the parts.
    ///
    /// ## Example
    /// ```text
    /// 第一部分 部门概况
    /// 第三部分 名词解释      ← 缺少第二部分“部门预算情况说明”
    /// ```
    ///
    /// ## Fix
    /// Add the missing part, keep the template's order.
    pub struct BudgetParts {
        id: "shandong/budget-parts",
        severity: Error,
        summary: "The four parts of the Shandong budget disclosure, in order",
    }
}

impl Rule for BudgetParts {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        // Province rules return at once under another profile (or the national one).
        if !applies(ctx, PROVINCE) || !is_budget(ctx) {
            return;
        }
        let all = headings::collect(ctx.doc);
        let parts: Vec<&SectionHeading> = all.iter().filter(|h| h.style == NumberingStyle::Part).collect();
        let cmp = compare(&TEMPLATE, &parts);
        let rules = Rules { missing: Some(&Self::META), ..Rules::default() };
        out.extend(report_under(&rules, &TEMPLATE, &parts, &cmp, document_anchor(ctx.doc)));
    }
}

budgetlint_sdk::export_plugin!(name: "shandong", version: env!("CARGO_PKG_VERSION"), rules: [BudgetParts], provinces: [PROVINCE]);

#[cfg(test)]
mod tests {
    use super::*;
    use budgetlint_province_common::testing::{profile, run};

    const COMPLETE: &str = "济南市历下区教育局2021年部门预算\n第一部分 部门概况\n职责。\n第二部分 部门预算情况说明\n说明。\n第三部分 名词解释\n解释。\n第四部分 部门预算公开表\n表。\n";

    fn check(text: &str, province: &str) -> Vec<Diagnostic> {
        run(&[Box::new(BudgetParts) as Box<dyn Rule>], text, &profile(province))
    }

    #[test]
    fn complete_document_is_clean() {
        assert!(check(COMPLETE, PROVINCE).is_empty());
    }

    #[test]
    fn a_missing_part_is_named() {
        let text = COMPLETE.replace("第二部分 部门预算情况说明\n说明。\n", "");
        let found = check(&text, PROVINCE);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("第二部分“部门预算情况说明”"), "{}", found[0].message);
    }

    #[test]
    fn silent_under_another_province() {
        let text = COMPLETE.replace("第二部分 部门预算情况说明\n说明。\n", "");
        assert!(check(&text, "河北").is_empty());
    }
}
