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
//! - *Side*: the first header row of a 收支总表 names the halves (`收 入 | | 支 出`, or
//!   `财政拨款收入 | | 财政拨款支出` when each half has its own 项目 column); a bare 合计 of a
//!   half is the half's (`支出合计`), since the half's name heads its first column only.

use crate::doc::{Row, Table};
use crate::text::without_chars;
use std::borrow::Cow;

/// The header reading of one table's columns and rows.
pub(super) struct HeaderPaths {
    /// Per column: the group header above it, when it is a sub-column.
    groups: Vec<Option<String>>,
    /// Per column: the half of a side-by-side table it is in, from its first header row.
    sides: Vec<Option<Half>>,
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
            sides: sides(&table.rows[..header_rows], width),
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
        self.half(col).map(|h| h.side)
    }

    fn half(&self, col: usize) -> Option<&Half> {
        self.sides.get(col).and_then(Option::as_ref)
    }

    /// Header `header` of column `col` as its half names it: a bare `合计`/`小计`/`总计` of a
    /// half is the half's (`合计` under `支出` is `支出合计`, under `财政拨款支出`
    /// `财政拨款支出合计`). The half's name heads the first column of its span (the half's
    /// 项目), as a span is written, so the 合计 further right does not carry it. Other headers
    /// are left as they are (`金额` of the 收入 half is read with its row's label).
    pub fn sided_header<'h>(&self, col: usize, header: &'h str) -> Cow<'h, str> {
        match (self.half(col), plain(header).as_ref()) {
            (Some(half), total @ ("合计" | "小计" | "总计")) => {
                Cow::Owned(format!("{}{total}", half.name))
            }
            _ => Cow::Borrowed(header),
        }
    }
}

/// One half of a side-by-side 收支总表: `收入` or `支出`, and its name as printed over it
/// (`收入`, `财政拨款支出`, `本年收入`).
#[derive(Debug, Clone)]
struct Half {
    side: &'static str,
    name: String,
}

fn plain(s: &str) -> Cow<'_, str> {
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

/// The half of each column, from a first header row that names both halves: `收入` and
/// `支出` themselves, or names ending with them (`财政拨款收入`, `本年支出`) when each such
/// half has a label column (`项目`) in the last header row, which tells a half of a 收支总表
/// from a column group such as `本年收入` over `小计 | 基本支出 …`.
fn sides(header: &[Row], width: usize) -> Vec<Option<Half>> {
    let mut out = vec![None; width];
    let (Some(first), Some(last)) = (header.first(), header.last()) else {
        return out;
    };
    if header.len() < 2 {
        return out;
    }
    let side = |text: &str| -> Option<&'static str> {
        let p = plain(text);
        if p.ends_with("收入") {
            Some("收入")
        } else if p.ends_with("支出") {
            Some("支出")
        } else {
            None
        }
    };
    let starts: Vec<usize> = (0..first.cells.len().min(width))
        .filter(|&c| !first.cells[c].text.trim().is_empty())
        .collect();
    let mut halves: Vec<(usize, usize, Half)> = Vec::new();
    for (k, &c) in starts.iter().enumerate() {
        let Some(s) = side(&first.cells[c].text) else {
            continue;
        };
        let end = starts.get(k + 1).copied().unwrap_or(width);
        let name = plain(&first.cells[c].text).into_owned();
        let labelled =
            (c..end).any(|i| last.cells.get(i).is_some_and(|h| is_label_header(&h.text)));
        if name != s && !labelled {
            return out;
        }
        halves.push((c, end, Half { side: s, name }));
    }
    let named = |s: &str| halves.iter().any(|h| h.2.side == s);
    if !(named("收入") && named("支出")) {
        return out;
    }
    for (from, end, half) in halves {
        for slot in &mut out[from..end] {
            *slot = Some(half.clone());
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The halves of the first table of `text`, column by column.
    fn halves(text: &str) -> Vec<Option<&'static str>> {
        let doc = crate::parse_text(text.to_string());
        let table = &doc.tables[0];
        let headers = super::super::facts::column_headers(table);
        let paths = HeaderPaths::new(table, &headers);
        (0..headers.len()).map(|c| paths.side(c)).collect()
    }

    #[test]
    fn halves_named_by_their_money_have_a_label_column_each() {
        let sides = halves(
            "2021年财政拨款收支总表\n单位：万元\n财政拨款收入\t\t财政拨款支出\t\t\n项目\t预算数\t项目\t合计\t一般公共预算\n一、一般公共预算\t100.00\t一、一般公共服务支出\t100.00\t100.00\n收入总计\t100.00\t支出总计\t100.00\t100.00\n",
        );
        let (i, s) = (Some("收入"), Some("支出"));
        assert_eq!(sides, [i, i, s, s, s]);
        // A half's total takes the half's name, whichever column the name stands over.
        let doc = crate::parse_text(
            "2021年收支总表\n单位：万元\n收入\t\t支出\t\t\n项目\t金额\t项目\t合计\t基本支出\n收入合计\t100.00\t支出合计\t100.00\t100.00\n".to_string(),
        );
        let table = &doc.tables[0];
        let paths = HeaderPaths::new(table, &super::super::facts::column_headers(table));
        assert_eq!(paths.sided_header(3, "合计"), "支出合计");
        assert_eq!(paths.sided_header(1, "金额"), "金额");
    }

    #[test]
    fn income_and_spending_groups_over_totals_are_no_halves() {
        // 本年收入 and 本年支出 head groups of figures, not halves with their own 项目.
        let sides = halves(
            "政府性基金预算财政拨款收入支出决算表\n单位：万元\n项目\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余\n\t\t\t小计\t基本支出\t项目支出\t\n合计\t0.00\t10.00\t10.00\t4.00\t6.00\t0.00\n",
        );
        assert!(sides.iter().all(Option::is_none), "{sides:?}");
    }
}
