use budgetlint_sdk::model::{Block, Document};
use budgetlint_sdk::spans::DocumentExt;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};
use std::collections::HashSet;

declare_rule! {
    /// ## What it checks
    /// A 项 that the 名词解释 explains (“事业运行（项）：指…”) but that no table of the document
    /// shows, in a document whose tables do show the 项 rows: at least two other 项 the 名词解释
    /// explains are found in table cells, so the tables were read and list 项 by name. A cell
    /// that ends the explained name counts as showing it (“归口管理的行政单位离退休（项）” is the
    /// table's 行政单位离退休).
    ///
    /// ## Why
    /// The 名词解释 explains the 科目 of this year's tables; an entry for a 项 the unit has no
    /// spending on is left over from a template or an earlier year, and sends the reader looking
    /// for a figure that is not there.
    ///
    /// ## Example
    /// The 名词解释 explains `事业运行（项）` and `公务员医疗补助（项）`; no table has a row of
    /// either.
    ///
    /// ## Fix
    /// Remove the entry, or add the missing row to the table if the spending exists.
    ///
    /// ## 检查内容
    /// 名词解释中解释了某个项（如“事业运行（项）：指……”），但文件中没有任何表格列出该项；同时名词解释中至少另有两个项能在表格单元格中找到（说明表格已读取且按名称列出项级科目）。单元格文字是所解释名称的结尾时也算列出（“归口管理的行政单位离退休（项）”即表中的“行政单位离退休”）。
    ///
    /// ## 依据
    /// 名词解释用于解释本年度表格中的科目；解释一个单位并无支出的项，是沿用模板或往年文字的遗留，会让读者去找一个并不存在的数字。
    ///
    /// ## 示例
    /// 名词解释解释了`事业运行（项）`和`公务员医疗补助（项）`，但没有任何表格有这两项的行。
    ///
    /// ## 修改方法
    /// 删除该条解释；如确有该项支出，在表中补上该行。
    pub struct GlossaryItemAbsent {
        id: "structure/glossary-item-absent",
        severity: Info,
        summary: "The 名词解释 explains a 项 that no table shows",
        summary_zh: "名词解释解释了表格中没有的项",
    }
}

/// How many other explained 项 must be found in the tables before an absent one is reported.
const MIN_FOUND: usize = 2;

impl Rule for GlossaryItemAbsent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let Some((start, end)) = glossary_range(doc) else {
            return;
        };
        let entries = explained_items(&doc.text[start..end], start);
        if entries.is_empty() {
            return;
        }
        let cells: HashSet<String> = doc
            .tables
            .iter()
            .flat_map(|t| &t.rows)
            .flat_map(|r| &r.cells)
            .map(|c| c.text.split_whitespace().collect::<String>())
            .filter(|t| !t.is_empty())
            .collect();
        // The run before the marker may carry words that describe the 项 (“归口管理的行政单位
        // 离退休”): a cell of at least four characters that ends it names the same 项.
        let shown = |name: &str| {
            cells
                .iter()
                .any(|c| c.contains(name) || (c.chars().count() >= 4 && name.ends_with(c.as_str())))
        };
        let found = entries.iter().filter(|(n, _)| shown(n)).count();
        if found < MIN_FOUND {
            return;
        }
        for (name, at) in entries.iter().filter(|(n, _)| !shown(n)) {
            let span = doc.span_of(*at, at + name.len());
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span,
                    format!("名词解释解释了“{name}（项）”，但文件中没有任何表格列出该项"),
                )
                .en(format!(
                    "The glossary explains “{name}（项）”, but no table of the document shows it"
                )),
            );
        }
    }
}

/// The byte range of the 名词解释 section: from its heading to the next heading of the same or
/// a higher level.
fn glossary_range(doc: &Document) -> Option<(usize, usize)> {
    let headings: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h),
            _ => None,
        })
        .collect();
    let at = headings.iter().position(|h| h.title.contains("名词解释"))?;
    let head = headings[at];
    let end = headings[at + 1..]
        .iter()
        .find(|h| h.depth <= head.depth)
        .map_or(doc.text.len(), |h| h.span.start as usize);
    let start = head.span.end as usize;
    (start <= end).then_some((start, end))
}

/// Each “<name>（项）：” of the section: the name is the run of Chinese characters before the
/// marker (after a （款） or a list number), with its byte offset in the document.
fn explained_items(section: &str, base: usize) -> Vec<(String, usize)> {
    let mut items = Vec::new();
    for marker in ["（项）：", "（项）:", "(项)：", "(项):"] {
        for (at, _) in section.match_indices(marker) {
            let before = &section[..at];
            let name_start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_han(*c))
                .last()
                .map_or(at, |(i, _)| i);
            let name = &section[name_start..at];
            if name.chars().count() >= 2 {
                items.push((name.to_string(), base + name_start));
            }
        }
    }
    items.sort_by_key(|(_, at)| *at);
    items
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}
