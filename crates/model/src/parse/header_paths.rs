//! The header path of a table's numeric cells, for [`super::identity`]: which header column a
//! data cell stands under, the group header above a sub-column, and the half (收入 or 支出) of a
//! side-by-side 收支总表. Read from the header rows the table already has (never re-joined).
//!
//! - *Group header*: a header cell that has a 小计/合计 under it, followed by empty cells in its
//!   row, heads the columns up to the next header cell of that row: `项目支出` over `小计 |
//!   一般性项目 | 专项项目`, `一般公共预算` over `合计 | 其中：财政拨款 | 行政事业性收费`. The
//!   小计 under it is the proof that the empty cells belong to it (a group's first column is its
//!   total in the templates); without it, an empty header cell stays empty.
//! - *Shifted rows*: a side-by-side 收支总表 often gives its 收入 half two label columns in the
//!   data (a fund source and its 小计 / parts) but one in the header. A row with an amount under
//!   a label header (`项目`) reads its cells one header column to the left when every cell then
//!   fits: amounts under headers of figures, labels under label headers.
//! - *Side*: the first header row of a 收支总表 names the halves (`收 入 | | 支 出`).

use crate::doc::{Row, Table};
use crate::text::without_chars;

/// The header reading of one table's columns and rows.
pub(super) struct HeaderPaths {
    /// Per column: the group header above it, when it is a sub-column.
    groups: Vec<Option<String>>,
    /// Per column: `收入` or `支出`, from the first header row of a side-by-side table.
    sides: Vec<Option<&'static str>>,
    /// Per row: how many columns its cells stand right of their headers (0 or 1).
    shifts: Vec<u8>,
}

impl HeaderPaths {
    pub fn new(table: &Table, headers: &[String]) -> Self {
        let header_rows = (table.header_rows as usize).min(table.rows.len());
        let width = table.rows[..header_rows]
            .iter()
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0);
        let shifts = table
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                if i < header_rows {
                    0
                } else {
                    shift(row, headers)
                }
            })
            .collect();
        HeaderPaths {
            groups: groups(&table.rows[..header_rows], width),
            sides: sides(table.rows.first().filter(|_| header_rows > 1), width),
            shifts,
        }
    }

    /// The header column the cell at (`row`, `col`) stands under.
    pub fn header_col(&self, row: usize, col: usize) -> usize {
        col.saturating_sub(self.shifts.get(row).copied().unwrap_or(0) as usize)
    }

    /// The group header above header column `col`, if it is a sub-column.
    pub fn group(&self, col: usize) -> Option<&str> {
        self.groups.get(col).and_then(|g| g.as_deref())
    }

    /// The half of a side-by-side 收支总表 header column `col` is in.
    pub fn side(&self, col: usize) -> Option<&'static str> {
        self.sides.get(col).copied().flatten()
    }
}

fn plain(s: &str) -> std::borrow::Cow<'_, str> {
    without_chars(s, |c| c.is_whitespace() || c == '\u{3000}')
}

/// Group headers of the rows above the last header row (see the module's doc).
fn groups(header: &[Row], width: usize) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = vec![None; width];
    let Some((_, upper)) = header.split_last() else {
        return out;
    };
    for (r, row) in upper.iter().enumerate() {
        let below = &header[r + 1];
        let texts: Vec<usize> = (0..row.cells.len())
            .filter(|&c| !row.cells[c].text.trim().is_empty())
            .collect();
        for (k, &g) in texts.iter().enumerate() {
            let total_below = below
                .cells
                .get(g)
                .is_some_and(|c| matches!(plain(&c.text).as_ref(), "小计" | "合计"));
            if !total_below {
                continue;
            }
            let end = texts.get(k + 1).copied().unwrap_or(width).min(width);
            let name = plain(&row.cells[g].text).into_owned();
            for slot in out.iter_mut().take(end).skip(g + 1) {
                *slot = Some(match slot.take() {
                    Some(higher) => format!("{higher}{name}"),
                    None => name.clone(),
                });
            }
        }
    }
    out
}

/// `收入`/`支出` per column from a first header row that names both halves.
fn sides(first: Option<&Row>, width: usize) -> Vec<Option<&'static str>> {
    let mut out = vec![None; width];
    let Some(row) = first else {
        return out;
    };
    let side = |c: &crate::doc::Cell| match plain(&c.text).as_ref() {
        "收入" => Some("收入"),
        "支出" => Some("支出"),
        _ => None,
    };
    let named: Vec<Option<&'static str>> = row.cells.iter().map(side).collect();
    if !(named.contains(&Some("收入")) && named.contains(&Some("支出"))) {
        return out;
    }
    let mut current = None;
    for (c, slot) in out.iter_mut().enumerate() {
        match row.cells.get(c) {
            Some(cell) if !cell.text.trim().is_empty() => current = side(cell),
            _ => {}
        }
        *slot = current;
    }
    out
}

/// A header naming the label column of a half (`项目`, `收入项目`, `科目名称`).
fn is_label_header(header: &str) -> bool {
    let p = plain(header);
    let p = p
        .trim_start_matches("收入")
        .trim_start_matches("支出")
        .trim_start_matches('收')
        .trim_start_matches('支');
    matches!(p, "项目" | "科目" | "科目名称" | "项目名称")
}

/// 1 when the row's cells stand wrong under their own headers (an amount under a label
/// header, a label under a header of figures) and all fit one column to the right of them (an
/// extra label column at the left); else 0.
fn shift(row: &Row, headers: &[String]) -> u8 {
    let header = |c: usize| headers.get(c).map_or("", String::as_str);
    let misplaced = row.cells.iter().enumerate().any(|(c, cell)| {
        let h = header(c);
        match cell.number {
            Some(_) => is_label_header(h),
            None => !cell.text.trim().is_empty() && is_figure_header(h),
        }
    });
    u8::from(misplaced && fits(row, headers, 1))
}

/// A header naming a column of figures only (`金额`, `合计`, `决算数`).
fn is_figure_header(header: &str) -> bool {
    matches!(
        plain(header).as_ref(),
        "金额" | "合计" | "小计" | "总计" | "预算数" | "决算数" | "数额"
    )
}

/// Whether every filled cell of `row` fits under the header `k` columns to its left: amounts
/// under headers of figures, labels under label headers, and only labels left of the headers.
fn fits(row: &Row, headers: &[String], k: usize) -> bool {
    let mut filled = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.text.trim().is_empty())
        .peekable();
    filled.peek().is_some()
        && filled.all(|(c, cell)| {
            let Some(h) = c.checked_sub(k) else {
                return cell.number.is_none();
            };
            let h = headers.get(h).map_or("", String::as_str);
            if cell.number.is_some() {
                !h.trim().is_empty() && !is_label_header(h)
            } else {
                is_label_header(h)
            }
        })
}
