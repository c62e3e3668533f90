//! 类 = Σ款 and 款 = Σ项 in tables whose 科目编码 is split over 类, 款 and 项 columns
//! (`208 | | | 社会保障和就业支出`, `| 28 | | 退役军人管理事务`, `| | 01 | 行政运行`): each 类 or
//! 款 row's figure in a column against the figures of the rows listed under it, one level down.
//! The cases go to `arithmetic/table-sum` with the other table totals.
//!
//! Not judged: a row with nothing listed under it (a 款 shown without its 项 is another
//! question), rows under it that run to the end of a table the reader broke off or that
//! continues on the next page, rows of another width than the parent's (cells aligned by a
//! guess), and a table whose note says rows were left out.

use crate::sums::{Source, SumCase};
use crate::support::Figure;
use crate::tables::{broken_off, ends_at_page_break, omits_rows};
use budgetlint_sdk::model::{Document, Fact, FactKind, Table};
use std::collections::HashMap;

/// The sum cases of every table with 类/款/项 code columns.
pub fn class_sums(doc: &Document) -> Vec<SumCase<'_>> {
    let mut out = Vec::new();
    for table in &doc.tables {
        let Some(columns) = code_columns(table) else {
            continue;
        };
        let codes = row_codes(table, columns);
        let amounts: HashMap<(usize, usize), &Fact> = doc
            .facts_in(table.span)
            .iter()
            .filter(|f| matches!(f.kind, FactKind::Amount(_)))
            .filter_map(|f| {
                let at = f.cell.filter(|c| c.table == table.id)?;
                Some(((at.row as usize, at.col as usize), f))
            })
            .collect();
        let open_end = ends_at_page_break(doc, table) || broken_off(doc, table);
        if omits_rows(doc, table) {
            continue;
        }
        for (row, code) in codes.iter().enumerate() {
            let Some(code) = code.as_deref().filter(|c| c.len() == 3 || c.len() == 5) else {
                continue;
            };
            let Some(children) = children(table, &codes, row, code) else {
                continue;
            };
            // The last rows with a code may go on on the next page (a page number or a note
            // can follow them inside the table).
            let last = children.last().copied().unwrap_or(row);
            if open_end && codes[last + 1..].iter().all(Option::is_none) {
                continue;
            }
            out.extend(cases(doc, &amounts, row, &children));
        }
    }
    out
}

/// The rows one level under the row `row` (code `code`): the rows that follow it while their
/// codes extend its code, those two digits longer. `None` when there are none, or when one of
/// them has another width than the parent (its cells were aligned by a guess).
fn children(table: &Table, codes: &[Option<String>], row: usize, code: &str) -> Option<Vec<usize>> {
    let width = table.rows[row].cells.len();
    let mut out = Vec::new();
    for (k, other) in codes.iter().enumerate().skip(row + 1) {
        match other {
            Some(c) if c.len() > code.len() && c.starts_with(code) => {
                if c.len() == code.len() + 2 {
                    out.push(k);
                }
            }
            _ => break,
        }
    }
    let same_width = out.iter().all(|&k| table.rows[k].cells.len() == width);
    (!out.is_empty() && same_width).then_some(out)
}

/// One case per column where the parent row has an amount and some child row has one too.
fn cases<'d>(
    doc: &'d Document,
    amounts: &HashMap<(usize, usize), &'d Fact>,
    row: usize,
    children: &[usize],
) -> Vec<SumCase<'d>> {
    let mut columns: Vec<usize> = amounts
        .keys()
        .filter(|&&(r, _)| r == row)
        .map(|&(_, c)| c)
        .collect();
    columns.sort_unstable();
    columns
        .into_iter()
        .filter_map(|col| {
            let total = Figure::of(doc, amounts.get(&(row, col))?.id)?;
            let parts: Vec<Figure> = children
                .iter()
                .filter_map(|&k| amounts.get(&(k, col)))
                .filter_map(|f| Figure::of(doc, f.id))
                .collect();
            (!parts.is_empty()).then_some(SumCase {
                total,
                parts,
                source: Source::Table,
            })
        })
        .collect()
}

/// The indices of the 类, 款 and 项 columns: a header row (among the first few) whose cells
/// read exactly 类, 款 and 项, left to right, in three neighbouring columns.
fn code_columns(table: &Table) -> Option<[usize; 3]> {
    const HEADER_ROWS: usize = 4;
    table.rows.iter().take(HEADER_ROWS).find_map(|row| {
        let texts: Vec<String> = row
            .cells
            .iter()
            .map(|c| c.text.chars().filter(|c| !c.is_whitespace()).collect())
            .collect();
        let lei = texts.iter().position(|t| t == "类")?;
        (texts.get(lei + 1)? == "款" && texts.get(lei + 2)? == "项").then_some([
            lei,
            lei + 1,
            lei + 2,
        ])
    })
}

/// Each row's full code, the 类 and 款 carried down from the rows above (`| 28 |` under `208`
/// is 20828); `None` for a row without a code (a 合计 row, a header).
fn row_codes(table: &Table, [lei, kuan, xiang]: [usize; 3]) -> Vec<Option<String>> {
    let mut class: Option<String> = None;
    let mut item: Option<String> = None;
    let digits = |row: &budgetlint_sdk::model::Row, i: usize, len: usize| {
        row.cells
            .get(i)
            .map(|c| c.text.trim())
            .filter(|t| t.len() == len && t.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string)
    };
    table
        .rows
        .iter()
        .map(|row| {
            if let Some(c) = digits(row, lei, 3) {
                class = Some(c.clone());
                item = None;
                Some(c)
            } else if let Some(k) = digits(row, kuan, 2) {
                let code = format!("{}{k}", class.as_ref()?);
                item = Some(code.clone());
                Some(code)
            } else {
                digits(row, xiang, 2).and_then(|x| Some(format!("{}{x}", item.as_ref()?)))
            }
        })
        .collect()
}
