use budgetlint_sdk::model::{Block, DocKind, Document, Fact, FactKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In a budget (预算) for fiscal year N, a project's period — a date range under a label
    /// such as 实施周期, 项目周期, 项目期限 or 实施期限 (on its line, in the heading right above
    /// it, or in the table cell to its left) — that ends before year N: “五、实施周期
    /// 2025年1月1日-2025年12月31日” in the 2026 budget. Only a range of two dates (or years)
    /// with a separator between them is read. A period in a section that reviews finished
    /// work (a heading above it names 绩效评价, 自评, 执行情况, 决算 or 上年) is not read: such a
    /// section describes last year's projects by design.
    ///
    /// ## Why
    /// 预算法 §46 and 财预〔2016〕143号 require the published budget to describe the budget
    /// year: a project funded in year N's budget runs in year N. A period wholly in an earlier
    /// year is the previous edition's text left in, and the reader cannot tell when the money
    /// is to be spent. (A multi-year project that runs into year N ends in N or later and is
    /// not reported.)
    ///
    /// ## Example
    /// In the 2026 budget: “实施周期 2025年1月1日-2025年12月31日”.
    ///
    /// ## Fix
    /// Write the project's period in the budget year (2026年1月1日-2026年12月31日), or the real
    /// multi-year period.
    ///
    /// ## 检查内容
    /// 在N年度预算中，项目的实施期间——“实施周期”“项目周期”“项目期限”“实施期限”等标签（在同一行、紧挨着的上一个标题中或表格左侧单元格中）之下的日期区间——在N年之前就结束了：如2026年预算中的“五、实施周期 2025年1月1日-2025年12月31日”。只读两端为日期（或年份）、中间有连接符的区间。回顾已完成工作的部分（上级标题含“绩效评价”“自评”“执行情况”“决算”或“上年”）中的期间不检查：这些部分按规定描述上年的项目。
    ///
    /// ## 依据
    /// 《预算法》第四十六条和财预〔2016〕143号要求公开的预算说明预算年度的情况：列入N年预算的项目在N年实施。整个期间都在以前年度，说明沿用了上一版的文字，读者无法判断资金何时使用。（跨年度项目若延续到N年，其结束时间在N年或以后，不报告。）
    ///
    /// ## 示例
    /// 2026年预算中写“实施周期 2025年1月1日-2025年12月31日”。
    ///
    /// ## 修改方法
    /// 写明项目在预算年度的实施期间（2026年1月1日-2026年12月31日），或写实际的跨年度期间。
    pub struct StalePeriod {
        id: "dates/stale-period",
        severity: Error,
        summary: "A budget project's period ends before the budget year",
        summary_zh: "预算项目的实施期间在预算年度之前就已结束",
    }
}

/// Labels of a project's period.
const PERIOD_LABELS: &[&str] = &[
    "实施周期",
    "项目周期",
    "项目期限",
    "实施期限",
    "执行期限",
    "执行周期",
];

/// Words of a heading over a section that reviews finished work (last year's 绩效自评, the
/// execution of the previous budget): its projects ran in earlier years by design.
const REVIEW_WORDS: &[&str] = &["评价", "自评", "执行情况", "决算", "上年", "上一年"];

/// What may stand between the two ends of a range.
const SEPARATORS: &[&str] = &["至", "到", "-", "—", "——", "－", "~", "～", "–"];

impl Rule for StalePeriod {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let (Some(DocKind::Budget), Some(year)) = (doc.meta.kind, doc.meta.fiscal_year) else {
            return;
        };
        let dated: Vec<&Fact> = doc.facts.iter().filter(|f| year_of(f).is_some()).collect();
        for pair in dated.windows(2) {
            let (first, second) = (pair[0], pair[1]);
            let Some(end) = year_of(second) else { continue };
            if end >= year
                || !is_range(doc, first, second)
                || !labelled(doc, first)
                || in_review_section(doc, first.block as usize)
            {
                continue;
            }
            let range = &doc.text[first.span.start as usize..second.span.end as usize];
            out.push(
                Diagnostic::new(
                    &Self::META,
                    first.span.to(second.span),
                    format!("{year}年预算中项目的实施期间“{range}”在{year}年之前就已结束"),
                )
                .en(format!(
                    "The project's period '{range}' in the {year} budget ends before {year}"
                )),
            );
        }
    }
}

/// Whether a heading over `block` (the nearest heading above it at each outline depth) names a
/// review of finished work.
fn in_review_section(doc: &Document, block: usize) -> bool {
    let mut depth = u8::MAX;
    for b in doc.blocks.iter().take(block + 1).rev() {
        let Block::Heading(h) = b else { continue };
        if h.depth >= depth {
            continue;
        }
        depth = h.depth;
        if REVIEW_WORDS.iter().any(|w| h.title.contains(w)) {
            return true;
        }
        if depth == 0 {
            break;
        }
    }
    false
}

/// The year of a valid date or year fact.
fn year_of(f: &Fact) -> Option<i32> {
    match f.kind {
        FactKind::Date {
            year, valid: true, ..
        }
        | FactKind::Year { year } => Some(year),
        _ => None,
    }
}

/// Whether the two facts are the ends of one range: in one block or one cell, a separator
/// alone between them.
fn is_range(doc: &Document, first: &Fact, second: &Fact) -> bool {
    if first.block != second.block || first.cell != second.cell {
        return false;
    }
    let between = doc
        .text
        .get(first.span.end as usize..second.span.start as usize)
        .unwrap_or("x");
    SEPARATORS.contains(&between.trim())
}

/// Whether a period label names the range: before it on its line or in its cell, in the cell
/// to its left, or ending the heading or line right above it.
fn labelled(doc: &Document, first: &Fact) -> bool {
    let names = |s: &str| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        PERIOD_LABELS.iter().any(|l| s.contains(l))
    };
    let line_start = doc.text[..first.span.start as usize]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let before = &doc.text[line_start..first.span.start as usize];
    let own_cell = before.rsplit('\t').next().unwrap_or("");
    if let Some(cell) = first.cell {
        let left = cell.col.checked_sub(1).and_then(|c| {
            let row = doc
                .tables
                .get(cell.table as usize)?
                .rows
                .get(cell.row as usize)?;
            row.cells.get(c as usize).map(|c| c.text.as_str())
        });
        return names(own_cell) || left.is_some_and(names);
    }
    if names(before) {
        return true;
    }
    let above = (first.block as usize)
        .checked_sub(1)
        .and_then(|b| doc.blocks.get(b));
    let above_text = match above {
        Some(Block::Heading(h)) => doc.slice(h.span),
        Some(Block::Paragraph(p)) => doc.slice(p.text_span),
        _ => "",
    };
    let above_text: String = above_text.chars().filter(|c| !c.is_whitespace()).collect();
    PERIOD_LABELS
        .iter()
        .any(|l| above_text.ends_with(l) || above_text.ends_with(&format!("{l}：")))
}
