use crate::annex::{self, table_spec};
use crate::template::TABLES;
use budgetlint_province_common::names::{chinese_numeral, normalize};
use budgetlint_province_common::{applies, is_budget};
use budgetlint_sdk::model::{Block, Document};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Span};

/// How many blocks after a 预算N表 label its table title may come.
const TITLE_WINDOW: usize = 3;

declare_rule! {
    /// ## What it checks
    /// Henan budget tables carry an internal number printed above the title (`预算10表`,
    /// `预算12表`). The number must be the table's position in the 目录's list of attached
    /// tables (预算10表 ↔ 十、部门（单位）整体绩效目标表), or in the template's list when the
    /// document has no 目录. The rule reports a label whose table is another one.
    ///
    /// Runs only under the 河南 profile and on budgets.
    ///
    /// ## Why
    /// The numbers tie the published tables to the 预算批复 tables of the budget system and to
    /// the 目录; a wrong number sends readers (and reviewers comparing with the 批复) to the wrong
    /// table (财预〔2016〕143号: 形式规范).
    ///
    /// ## Example
    /// ```text
    /// 十、部门（单位）整体绩效目标表        (目录)
    /// 预算11表
    /// 西工区部门（单位）整体支出绩效目标申报审批表   ← 应为“预算10表”
    /// ```
    ///
    /// ## Fix
    /// Number the table after its place in the 目录.
    ///
    /// ## 检查内容
    /// 河南预算表在表题上方印有内部编号（`预算10表`、`预算12表`）。编号必须是该表在目录所列附表中的序号（预算10表 ↔ 十、部门（单位）整体绩效目标表），文件没有目录时以模板的表序为准。编号对应的是另一张表的，报告。
    ///
    /// 只在河南省份配置下、对预算文件检查。
    ///
    /// ## 依据
    /// 编号把公开的表格与预算系统中的预算批复表和目录对应起来；编号错了，读者（以及对照批复审核的人员）会找错表（财预〔2016〕143号：形式规范）。
    ///
    /// ## 示例
    /// ```text
    /// 十、部门（单位）整体绩效目标表        (目录)
    /// 预算11表
    /// 西工区部门（单位）整体支出绩效目标申报审批表   ← 应为“预算10表”
    /// ```
    ///
    /// ## 修改方法
    /// 按该表在目录中的位置编号。
    pub struct TableNumberMap {
        id: "henan/table-number-map",
        severity: Warning,
        summary: "预算N表 labels must match the 目录's numbering of the attached tables",
        summary_zh: "“预算N表”的编号应与目录中附表的编号一致",
    }
}

impl Rule for TableNumberMap {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !applies(ctx, crate::PROVINCE) || !is_budget(ctx) {
            return;
        }
        let doc = ctx.doc;
        let toc = annex::toc_tables(doc);
        for (block, number, span) in labels(doc) {
            let Some((spec, title, title_span)) = following_title(doc, block) else {
                continue;
            };
            let expected = match toc.iter().find(|t| t.ordinal == number) {
                Some(entry) => entry
                    .spec
                    .map(|s| (s, entry.title.clone(), Some(entry.span))),
                None if toc.is_empty() => (number as usize)
                    .checked_sub(1)
                    .filter(|&i| i < TABLES.len())
                    .map(|i| {
                        (
                            i,
                            format!("{}、{}", chinese_numeral(i + 1), TABLES[i].title),
                            None,
                        )
                    }),
                None => None,
            };
            let Some((expected_spec, expected_title, toc_span)) = expected else {
                continue;
            };
            if expected_spec == spec {
                continue;
            }
            let right = toc
                .iter()
                .find(|t| t.spec == Some(spec))
                .map(|t| t.ordinal)
                .or(Some(spec as u32 + 1))
                .unwrap_or_default();
            let source = if toc.is_empty() { "模板" } else { "目录" };
            let mut d = Diagnostic::new(
                &Self::META,
                span,
                format!("“预算{number}表”下的表是“{title}”，而{source}的第{}张表是“{expected_title}”；按{source}，这张表应为“预算{right}表”", chinese_numeral(number as usize)),
            )
            .en(format!("The table labelled 预算{number}表 is “{title}”, but table {number} of the {} is “{expected_title}”", if toc.is_empty() { "template" } else { "table of contents" }))
            .related(title_span, "表名");
            if let Some(s) = toc_span {
                d = d.related(
                    s,
                    format!("{source}第{}项", chinese_numeral(number as usize)),
                );
            }
            out.push(d);
        }
    }
}

/// The 预算N表 labels: block index, N, span.
fn labels(doc: &Document) -> Vec<(usize, u32, Span)> {
    doc.blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let Block::Paragraph(p) = b else { return None };
            let n = normalize(doc.slice(p.text_span));
            let digits = n.strip_prefix("预算")?.strip_suffix('表')?;
            Some((i, digits.parse().ok()?, p.text_span))
        })
        .collect()
}

/// The title (and the template table it names) within a few blocks after a label.
fn following_title(doc: &Document, block: usize) -> Option<(usize, String, Span)> {
    doc.blocks
        .iter()
        .skip(block + 1)
        .take(TITLE_WINDOW)
        .find_map(|b| match b {
            Block::Paragraph(p) => {
                let text = doc.slice(p.text_span).trim();
                table_spec(text).map(|s| (s, text.to_string(), p.text_span))
            }
            Block::Table { table, .. } => {
                let t = doc.tables.get(*table as usize)?;
                let title = t.title.as_deref()?;
                table_spec(title).map(|s| (s, title.to_string(), t.title_span.unwrap_or(t.span)))
            }
            _ => None,
        })
}
