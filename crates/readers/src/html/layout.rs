//! Pages converted from PDF, where every run of text is an element placed absolutely
//! (`style="top:135pt;left:88pt;font-size:14pt;position:absolute"`) inside a box per page.
//! In source order such runs are not in reading order and a table's cells are separate
//! elements, so they are laid out by position, the way `pdftotext -layout` lays out a PDF page:
//!
//! - runs whose tops are within about half a line of each other form one row (a cell whose text
//!   wraps puts its lines half a line above and below the row's other cells, so they join it);
//! - in a row, runs are taken from left to right; runs that overlap horizontally are the lines
//!   of one wrapped cell and are joined top to bottom; runs that touch, and letter-spaced
//!   characters (`收 入`), are one piece; a row whose pieces are more than [`CELL_GAP`] ems
//!   apart somewhere has several cells, a row without such a gap is a line of prose;
//! - consecutive rows of several cells are a table, and their pieces are put in columns (see
//!   [`align`]), with empty cells where a row has nothing, so that a column of the page is a
//!   column of the canonical text;
//! - every page ends with a form feed, as `pdftotext` writes, and its lines are placed on
//!   [`Where::Page`]; a box with a single positioned element is no page (ordinary sites place
//!   the odd element absolutely), its text is a line.
//!
//! Widths are estimated from the font size (CJK characters one em, others half an em), since
//! the page gives only where a run starts; the fonts of these conversions (SimSun and the
//! like) have exactly those widths.

use super::ruled::{join_cells, Rule};
use super::sink::{trim, Item, Where};
use super::table::MAX_COLUMNS;

/// A gap between pieces, in ems of the smaller font, above which a row has several cells (and
/// is a row of a table). Spaced-out titles (`目   录`) use one em; most table columns are two
/// or more apart, and narrower ones (a code column beside its label) are found by [`align`].
pub const CELL_GAP: f32 = 1.2;

/// A run of positioned text (top, left and font size in points).
#[derive(Debug, Clone)]
pub struct Run {
    pub top: f32,
    pub left: f32,
    pub size: f32,
    pub text: String,
    /// Where its text ends when something bounds it (the border of the cell whose lines it
    /// joins, [`super::ruled`]); else its width is estimated from the text.
    pub right: Option<f32>,
    /// The left and right border of the ruled cell it fills, when it is one.
    pub cell: Option<(f32, f32)>,
}

impl Run {
    pub fn right(&self) -> f32 {
        self.right
            .unwrap_or_else(|| self.left + width(&self.text) * self.size)
    }
}

/// The width of `text` in ems.
fn width(text: &str) -> f32 {
    text.chars()
        .map(|c| if crate::layout::is_wide(c) { 1.0 } else { 0.5 })
        .sum()
}

/// One wide character alone.
fn is_letter(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(crate::layout::is_wide) && chars.next().is_none()
}

/// The runs of the page being read, and how many pages were laid out.
#[derive(Debug, Default)]
pub struct Pages {
    /// The index (in the element stack) of the element that holds the current page's runs:
    /// the page ends when it closes. `Some(None)`: runs outside any element.
    pub owner: Option<Option<usize>>,
    runs: Vec<Run>,
    /// The borders drawn on the page, which say which runs are the lines of one cell.
    rules: Vec<Rule>,
    count: u32,
}

impl Pages {
    /// Adds a run. Its white space is trimmed and its left edge moved past the leading part,
    /// since that is where its text shows (`\u{3000}\u{3000}培训支出` indents a table's label).
    pub fn add(&mut self, mut run: Run) {
        let text = trim(&run.text);
        if text.is_empty() {
            return;
        }
        let lead = run.text.find(text).unwrap_or(0);
        run.left += width(&run.text[..lead]) * run.size;
        run.text = text.to_string();
        self.runs.push(run);
    }

    /// Adds a border drawn on the page (an empty positioned element with a border).
    pub fn add_rule(&mut self, rule: Rule) {
        self.rules.push(rule);
    }

    /// The lines of the current page, ended by a form feed; nothing when it had no text.
    ///
    /// A box with a single run is not a page: ordinary sites position the odd element (a
    /// floating link) absolutely, and that must not put a form feed into their text. Its run is
    /// a line placed where the text around it is (`outside`).
    pub fn finish_page(&mut self, outside: Where) -> Vec<Item> {
        self.owner = None;
        let rules = std::mem::take(&mut self.rules);
        let mut runs = std::mem::take(&mut self.runs);
        if runs.len() < 2 {
            return runs
                .pop()
                .map(|run| vec![Item::Line(run.text, outside)])
                .unwrap_or_default();
        }
        self.count += 1;
        let at = Where::Page(self.count);
        let rows: Vec<(f32, Vec<Cell>)> = rows(join_cells(runs, &rules))
            .into_iter()
            .map(|r| (r.first().map_or(0.0, |run| run.top), pieces(r)))
            .collect();
        let mut items = vec![Item::Blank];
        let mut i = 0;
        while i < rows.len() {
            if cell_count(&rows[i].1) < 2 {
                let text = rows[i]
                    .1
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                items.push(Item::Line(text, at));
                i += 1;
                continue;
            }
            let end = table_end(&rows, i);
            let table: Vec<&[Cell]> = rows[i..end].iter().map(|(_, r)| r.as_slice()).collect();
            items.extend(align(&table).into_iter().map(|cells| Item::Row(cells, at)));
            i = end;
        }
        items.push(Item::PageEnd);
        items
    }
}

/// Where the table that starts at row `start` (a row of two cells or more) ends: after the
/// last row of two cells or more that follows at the table's row pitch. Rows of one cell in
/// between (a label whose figures are empty) are the table's too when the rows around them
/// keep the pitch (at most one and a half times the closest rows of the table so far); a
/// paragraph between two tables is set further apart.
fn table_end(rows: &[(f32, Vec<Cell>)], start: usize) -> usize {
    let mut end = start + 1;
    let mut pitch = f32::INFINITY;
    while let Some(next) = (end..rows.len()).find(|&k| cell_count(&rows[k].1) >= 2) {
        let gaps = (end..=next).map(|k| rows[k].0 - rows[k - 1].0);
        let widest = gaps.clone().fold(0.0, f32::max);
        if next > end && (pitch.is_infinite() || widest > 1.5 * pitch) {
            break;
        }
        pitch = gaps.fold(pitch, f32::min).max(0.1);
        end = next + 1;
    }
    end
}

/// The runs grouped into rows, top to bottom.
fn rows(mut runs: Vec<Run>) -> Vec<Vec<Run>> {
    runs.sort_by(|a, b| a.top.total_cmp(&b.top));
    let mut rows: Vec<Vec<Run>> = Vec::new();
    let (mut first, mut last) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
    for run in runs {
        let em = run.size.max(1.0);
        let joins = run.top - last <= 0.6 * em && run.top - first <= 1.2 * em;
        match rows.last_mut() {
            Some(row) if joins => row.push(run),
            _ => {
                first = run.top;
                rows.push(vec![run]);
            }
        }
        last = rows.last().and_then(|r| r.last()).map_or(last, |r| r.top);
    }
    rows
}

/// A cell of a laid-out row: its horizontal extent and text.
#[derive(Debug)]
struct Cell {
    left: f32,
    right: f32,
    /// The font size (of its first run).
    em: f32,
    /// Its lines (top, text), joined top to bottom at the end.
    lines: Vec<(f32, String)>,
    text: String,
    /// The borders of the ruled cell it is, when it is one.
    borders: Option<(f32, f32)>,
}

/// A row's pieces of text, left to right: runs that overlap (the lines of a wrapped cell) or
/// touch are one piece.
fn pieces(mut row: Vec<Run>) -> Vec<Cell> {
    row.sort_by(|a, b| a.left.total_cmp(&b.left));
    let mut cells: Vec<Cell> = Vec::new();
    for run in row {
        let em = run.size.max(1.0);
        let right = run.right();
        // A ruled cell is a piece of its own: its borders, not the gap, separate it.
        let ruled = run.cell.is_some() || cells.last().is_some_and(|c| c.borders.is_some());
        match cells.last_mut() {
            _ if ruled => {
                cells.push(Cell {
                    left: run.left,
                    right,
                    em,
                    lines: vec![(run.top, run.text)],
                    text: String::new(),
                    borders: run.cell,
                });
                continue;
            }
            // Overlapping the cell: another line of it.
            Some(cell) if run.left < cell.right - 0.25 * em => cell.lines.push((run.top, run.text)),
            Some(cell) if run.left - cell.right <= 0.25 * em => {
                if let Some((_, text)) = cell.lines.last_mut() {
                    text.push_str(&run.text);
                }
            }
            // Letter-spaced text (`收 入`, `本 年 合 计`): characters set one by one, an em or so
            // apart, are one piece, or a label wider than the others would make columns.
            Some(cell)
                if run.left - cell.right <= CELL_GAP * em
                    && (is_letter(&run.text)
                        || cell.lines.last().is_some_and(|(_, t)| {
                            is_letter(t.rsplit(' ').next().unwrap_or(t))
                        })) =>
            {
                if let Some((_, text)) = cell.lines.last_mut() {
                    text.push(' ');
                    text.push_str(&run.text);
                }
            }
            _ => {
                cells.push(Cell {
                    left: run.left,
                    right,
                    em,
                    lines: vec![(run.top, run.text)],
                    text: String::new(),
                    borders: run.cell,
                });
                continue;
            }
        }
        if let Some(cell) = cells.last_mut() {
            cell.right = cell.right.max(right);
        }
    }
    for cell in &mut cells {
        cell.lines.sort_by(|a, b| a.0.total_cmp(&b.0));
        cell.text = cell.lines.iter().map(|(_, t)| trim(t)).collect();
    }
    cells
}

/// A row's cells without columns: pieces closer than [`CELL_GAP`] ems joined by a space.
fn coarse_cells(pieces: &[Cell]) -> Vec<String> {
    let mut cells: Vec<String> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let gap = i
            .checked_sub(1)
            .map(|p| piece.left - pieces[p].right > CELL_GAP * piece.em.min(pieces[p].em));
        match cells.last_mut() {
            Some(last) if gap == Some(false) => {
                last.push(' ');
                last.push_str(&piece.text);
            }
            _ => cells.push(piece.text.clone()),
        }
    }
    cells
}

/// How many cells a row of pieces has: a gap wider than [`CELL_GAP`] ems separates cells.
fn cell_count(pieces: &[Cell]) -> usize {
    1 + pieces
        .windows(2)
        .filter(|w| w[1].left - w[0].right > CELL_GAP * w[0].em.min(w[1].em))
        .count()
}

/// The rows of one table with their pieces in columns, empty cells where a row has none, so
/// that a column of the page is a column of the canonical text.
///
/// The columns are the horizontal extents of the pieces of the rows that hold a figure, merged
/// where they overlap (headers are left out: a header cell over two columns would join them).
/// Pieces of a row in the same column are one cell, joined by a space: gaps between columns
/// can be narrower than gaps between words (`03` and `培训支出` are a little more than one em
/// apart, `第一部分` and `部门概况` half an em), so the columns decide, not the gap.
fn align(rows: &[&[Cell]]) -> Vec<Vec<String>> {
    let with_figures: Vec<&[Cell]> = rows
        .iter()
        .copied()
        .filter(|r| r.iter().any(|c| is_figure(&c.text)))
        .collect();
    let defining: Vec<&[Cell]> = if with_figures.is_empty() {
        rows.to_vec()
    } else {
        with_figures
    };
    let mut columns = columns(defining.into_iter().flatten());
    // A ruled cell over no column of figures (a header over a column left empty) is a column
    // of its own, not part of its neighbour's.
    let apart: Vec<&Cell> = rows
        .iter()
        .flat_map(|r| r.iter())
        .filter(|c| {
            c.borders
                .is_some_and(|(l, r)| columns.iter().all(|&(a, b)| r.min(b) - l.max(a) <= 0.0))
        })
        .collect();
    if !apart.is_empty() {
        let extents = apart.iter().map(|c| (c.left, c.right));
        columns = merged(columns.iter().copied().chain(extents));
    }
    if columns.len() > MAX_COLUMNS {
        // No table is that wide: the rows are written with their cells as they come.
        return rows.iter().map(|row| coarse_cells(row)).collect();
    }
    rows.iter()
        .map(|row| {
            let mut out = vec![String::new(); columns.len()];
            for cell in row.iter() {
                let col = column_of(&columns, cell);
                if !out[col].is_empty() {
                    out[col].push(' ');
                }
                out[col].push_str(&cell.text);
            }
            super::table::unambiguous(out)
        })
        .collect()
}

/// The extents of `cells`, merged where they overlap, left to right.
fn columns<'c>(cells: impl Iterator<Item = &'c Cell>) -> Vec<(f32, f32)> {
    merged(cells.map(|c| (c.left, c.right)))
}

/// Extents merged where they overlap, left to right.
fn merged(extents: impl Iterator<Item = (f32, f32)>) -> Vec<(f32, f32)> {
    let mut extents: Vec<(f32, f32)> = extents.collect();
    extents.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (left, right) in extents {
        match merged.last_mut() {
            Some(last) if left < last.1 => last.1 = last.1.max(right),
            _ => merged.push((left, right)),
        }
    }
    merged
}

/// The column that `cell` overlaps most, or the nearest.
fn column_of(columns: &[(f32, f32)], cell: &Cell) -> usize {
    let overlap = |&(l, r): &(f32, f32)| cell.right.min(r) - cell.left.max(l);
    (0..columns.len())
        .max_by(|&a, &b| overlap(&columns[a]).total_cmp(&overlap(&columns[b])))
        .unwrap_or(0)
}

/// A figure as budget tables print them: digits with separators and signs (`1,234.50`, `-3`,
/// `12%`).
fn is_figure(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '%'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(top: f32, left: f32, text: &str) -> Run {
        Run {
            top,
            left,
            size: 10.0,
            text: text.into(),
            right: None,
            cell: None,
        }
    }

    #[test]
    fn table_rows_are_aligned_in_columns() {
        let mut pages = Pages::default();
        for r in [
            run(100.0, 20.0, "项目"),
            run(100.0, 200.0, "预算数"),
            run(100.0, 300.0, "上年"),
            run(120.0, 20.0, "205"),
            run(120.0, 60.0, "教育支出"),
            run(120.0, 210.0, "148.95"),
            run(140.0, 40.0, "08"),
            run(140.0, 60.0, "\u{3000}进修"),
            run(140.0, 310.0, "39.15"),
            run(160.0, 60.0, "其他支出"),
            run(180.0, 60.0, "合 计"),
            run(180.0, 205.0, "1,148.95"),
            run(260.0, 20.0, "注：说明在表后。"),
        ] {
            pages.add(r);
        }
        let rows: Vec<String> = pages
            .finish_page(Where::Body)
            .into_iter()
            .filter_map(|i| match i {
                Item::Row(cells, _) => Some(cells.join("|")),
                Item::Line(text, _) => Some(format!("line {text}")),
                _ => None,
            })
            .collect();
        assert_eq!(
            rows,
            [
                "项目|||预算数|上年",
                "205||教育支出|148.95|",
                "|08|进修||39.15",
                "||其他支出||",
                "||合 计|1,148.95|",
                "line 注：说明在表后。"
            ]
        );
    }

    #[test]
    fn runs_become_rows_and_cells() {
        let mut pages = Pages::default();
        for r in [
            run(100.0, 200.0, "12.50"),
            run(100.0, 20.0, "一般公共服务支出"),
            run(96.0, 300.0, "上年"),
            run(104.0, 300.0, "结转"),
            run(50.0, 20.0, "目"),
            run(50.0, 40.0, "录"),
            run(70.0, 20.0, "第一部分"),
            run(70.0, 65.0, "部门概况"),
        ] {
            pages.add(r);
        }
        let items = pages.finish_page(Where::Body);
        let at = Where::Page(1);
        assert_eq!(
            items,
            vec![
                Item::Blank,
                Item::Line("目 录".into(), at),
                Item::Line("第一部分 部门概况".into(), at),
                Item::Row(
                    vec!["一般公共服务支出".into(), "12.50".into(), "上年结转".into()],
                    at
                ),
                Item::PageEnd,
            ]
        );
    }
}
