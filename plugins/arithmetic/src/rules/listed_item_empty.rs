use budgetlint_sdk::model::{Block, Cell, Document, Table};
use budgetlint_sdk::spans::DocumentExt;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Span};
use std::collections::{HashMap, HashSet};

declare_rule! {
    /// ## What it checks
    /// An item the 说明 lists as a part of 人员经费 or 公用经费 (“人员经费…万元，主要包括：基本
    /// 工资、津贴补贴…、个人农业生产补贴”) whose row in the document's 基本支出 table (经济分类
    /// 款 rows: code, name, amount) is empty or zero: the text names a component the table shows
    /// as nothing. Only rows read cleanly count: a 类 group of the table with a row that has an
    /// amount but no name, or a name but no code (a row shifted in reading), is left out, and so
    /// is a side of the table without any amount (a blank template).
    ///
    /// ## Why
    /// The 说明 explains the 基本支出 table (部门决算/预算 公开模板: 人员经费 and 公用经费 by
    /// 经济分类); an item it lists must have spending in the table. Either the item was copied
    /// from a template or last year's text, or the table misses an amount.
    ///
    /// ## Example
    /// The text: “人员经费2152.26万元，主要包括：基本工资、…、退休费、个人农业生产补贴”; the
    /// table: `303 10 个人农业生产补贴` with no amount.
    ///
    /// ## Fix
    /// Remove the item from the list, or fill in its amount in the table.
    ///
    /// ## 检查内容
    /// 说明中列为人员经费或公用经费组成部分的项目（如“人员经费…万元，主要包括：基本工资、津贴补贴……个人农业生产补贴”），在本文件基本支出表（经济分类款级行：编码、名称、金额）中该行为空或为零：正文列出的组成部分在表中没有金额。只使用读取整齐的行：表中某一类下如有“有金额无名称”或“有名称无编码”的行（读取时错位），该类整体不检查；整栏没有任何金额的（空白模板）也不检查。
    ///
    /// ## 依据
    /// 说明是对基本支出表的解释（部门决算、预算公开模板：人员经费和公用经费按经济分类列示）；其中列出的项目在表中应有支出。否则要么是照搬模板或上年文字，要么是表中漏填金额。
    ///
    /// ## 示例
    /// 正文写“人员经费2152.26万元，主要包括：基本工资、……、退休费、个人农业生产补贴”；表中“303 10 个人农业生产补贴”一行没有金额。
    ///
    /// ## 修改方法
    /// 从列举中删去该项目，或在表中补填其金额。
    pub struct ListedItemEmpty {
        id: "arithmetic/listed-item-empty",
        severity: Warning,
        summary: "An item listed as part of 人员经费/公用经费 is empty in the 基本支出 table",
        summary_zh: "说明列为人员经费/公用经费组成的项目在基本支出表中为空",
    }
}

impl Rule for ListedItemEmpty {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let empty: HashMap<String, Span> = doc
            .tables
            .iter()
            .filter(|t| t.title.as_deref().is_some_and(|s| s.contains("基本支出")))
            .flat_map(empty_rows)
            .collect();
        if empty.is_empty() {
            return;
        }
        for (name, start, end) in listed_items(doc) {
            let Some(row) = empty.get(&name) else {
                continue;
            };
            let at = doc.span_of(start, end);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    at,
                    format!("说明把“{name}”列为人员经费/公用经费的组成部分，但基本支出表中该行没有金额"),
                )
                .en(format!("The text lists “{name}” as part of 人员经费/公用经费, but its row in the 基本支出 table has no amount"))
                .related(*row, format!("“{name}”一行为空")),
            );
        }
    }
}

/// One side of a side-by-side 经济分类 table: the columns before the name hold the code, the
/// column after it the amount.
struct Group {
    code_cols: std::ops::Range<usize>,
    name: usize,
}

/// The names of the clean 款 rows whose amount is empty or zero, with the row's name span;
/// a name on two rows is dropped (it does not say which).
fn empty_rows(table: &Table) -> Vec<(String, Span)> {
    let Some(header) = table.rows.first() else {
        return Vec::new();
    };
    let mut groups = Vec::new();
    let mut start = 0;
    for (i, cell) in header.cells.iter().enumerate() {
        if cell.text.contains("名称") && i > start {
            groups.push(Group {
                code_cols: start..i,
                name: i,
            });
            start = i + 2;
        }
    }
    let mut found: Vec<(String, Span)> = Vec::new();
    let mut seen = HashSet::new();
    let mut twice = HashSet::new();
    for group in &groups {
        for (name, span) in empty_in_group(table, group) {
            if !seen.insert(name.clone()) {
                twice.insert(name.clone());
            }
            found.push((name, span));
        }
    }
    found.retain(|(n, _)| !twice.contains(n));
    found
}

fn empty_in_group(table: &Table, group: &Group) -> Vec<(String, Span)> {
    let mut shifted: HashSet<String> = HashSet::new();
    let mut candidates = Vec::new();
    let mut class = String::new();
    let mut spent = false;
    for row in table.rows.iter().skip(table.header_rows.max(1) as usize) {
        let cells = &row.cells;
        let (Some(name), Some(amount)) = (cells.get(group.name), cells.get(group.name + 1)) else {
            continue;
        };
        let code: Vec<&str> = group
            .code_cols
            .clone()
            .filter_map(|c| cells.get(c).map(|x| x.text.trim()))
            .filter(|t| !t.is_empty())
            .collect();
        let name_text: String = name.text.split_whitespace().collect();
        if let Some(first) = code.first() {
            class = first.chars().take(3).collect();
        }
        let has_amount = amount.number.is_some();
        spent |= amount.number.as_deref().is_some_and(|n| !n.value.is_zero());
        if name_text.contains("合计") || name_text.contains("总计") {
            continue;
        }
        if (name_text.is_empty() && has_amount) || (code.is_empty() && !name_text.is_empty()) {
            shifted.insert(class.clone());
            continue;
        }
        // A 款 row: a 类 code and a 款 code, or one code of five digits.
        let is_item = code.len() >= 2 || code.first().is_some_and(|c| c.len() == 5);
        if is_item && !name_text.is_empty() && nothing(amount) {
            candidates.push((class.clone(), name_text, name.span));
        }
    }
    // A table with no amount at all is a blank template, not a statement of nothing spent.
    if !spent {
        return Vec::new();
    }
    candidates
        .into_iter()
        .filter(|(c, _, _)| !shifted.contains(c))
        .map(|(_, n, s)| (n, s))
        .collect()
}

/// An empty amount cell, a dash, or a zero.
fn nothing(cell: &Cell) -> bool {
    match cell.number.as_deref() {
        Some(n) => n.value.is_zero(),
        None => cell
            .text
            .chars()
            .all(|c| matches!(c, '-' | '—' | '－') || c.is_whitespace()),
    }
}

/// The items of the lists after “人员经费…包括” and “公用经费…包括” in the paragraphs, with
/// their byte ranges: the words between 、 up to the end of the clause (；or 。).
fn listed_items(doc: &Document) -> Vec<(String, usize, usize)> {
    let mut items = Vec::new();
    for block in &doc.blocks {
        let Block::Paragraph(p) = block else {
            continue;
        };
        let text = doc.slice(p.text_span);
        let base = p.text_span.start as usize;
        for (at, _) in text.match_indices("包括") {
            let before = &text[..at];
            let clause_start = before
                .rfind(['；', '。'])
                .map_or(0, |i| i + '；'.len_utf8());
            let head = &before[clause_start.min(before.len())..];
            if !(head.contains("人员经费") || head.contains("公用经费")) {
                continue;
            }
            let rest = &text[at + "包括".len()..];
            let rest = rest.trim_start_matches(['：', ':']);
            let offset = text.len() - rest.len();
            let end = rest.find(['；', '。', '\n']).unwrap_or(rest.len());
            let mut pos = offset;
            for item in rest[..end].split('、') {
                let name: String = item.trim_end_matches('等').split_whitespace().collect();
                let len = item.len();
                if !name.is_empty() {
                    let start = base + pos;
                    items.push((name, start, start + len));
                }
                pos += len + '、'.len_utf8();
            }
        }
    }
    items
}
