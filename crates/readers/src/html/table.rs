//! One `<table>`: its cells placed on a grid (colspan and rowspan leave empty cells, so every
//! column of the canonical text is the same column of the page), then written as rows.
//!
//! A *layout* table (pages put their whole content in one, or a menu beside the content) is
//! not a grid: its cells' paragraphs and tables are written in place as if the table were not
//! there. A table is layout when no row has two cells with text, or when only one row has and
//! a cell holds more than a cell's text (a table, or three lines or more): a data table has a
//! grid of rows, and a one-row table whose cell holds an article is the page's frame.
//!
//! A table inside a cell of a data table is flattened: its rows follow the row of that cell,
//! each as wide as the inner table, and the cell keeps only its own text.

use super::sink::{trim, Item, Where};

/// The widest grid written. Budget tables have at most a few dozen columns; the bound keeps
/// `colspan="1000"` in every cell of a long page from multiplying the output.
pub const MAX_COLUMNS: usize = 128;

/// The rows of a table, as the parser of the page found them.
#[derive(Debug)]
pub struct Grid {
    /// 1-based number of the table in the page.
    pub number: u32,
    rows: Vec<GridRow>,
    /// Per column, how many more rows a `rowspan` from above covers.
    covered: Vec<u32>,
    /// How many `<tr>` were opened (the row number of places).
    tr_count: u32,
    /// What each cell held, in the order of the page. Kept whole until the table ends: a layout
    /// table writes it as it is, a data table takes each cell's text and nested rows from it
    /// (moved, never copied: tables nest, and copies would multiply with the depth).
    cell_items: Vec<Vec<Item>>,
    /// Rows with two cells or more that hold text.
    grid_rows: usize,
    /// A cell holds a table or three lines or more.
    block_cell: bool,
    pub caption: Vec<Item>,
}

#[derive(Debug, Default)]
struct GridRow {
    number: u32,
    /// Cells by column; `None` is a column no cell has taken yet.
    cells: Vec<Option<Slot>>,
    /// How many of its cells hold text.
    with_text: usize,
    open: bool,
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    /// Covered by a colspan or rowspan: an empty cell.
    Spanned,
    /// A cell: its index in `cell_items`.
    Cell(usize),
}

impl Grid {
    pub fn new(number: u32) -> Grid {
        Grid {
            number,
            rows: Vec::new(),
            covered: Vec::new(),
            tr_count: 0,
            cell_items: Vec::new(),
            grid_rows: 0,
            block_cell: false,
            caption: Vec::new(),
        }
    }

    pub fn start_row(&mut self) {
        self.end_row();
        self.tr_count += 1;
        let mut row = GridRow {
            number: self.tr_count,
            open: true,
            ..GridRow::default()
        };
        // Columns that a rowspan from an earlier row covers are empty in this one.
        for (col, left) in self.covered.iter_mut().enumerate() {
            if *left > 0 {
                *left -= 1;
                set(&mut row.cells, col, Slot::Spanned);
            }
        }
        self.rows.push(row);
    }

    pub fn end_row(&mut self) {
        if let Some(row) = self.rows.last_mut() {
            if row.open {
                row.open = false;
                self.grid_rows += usize::from(row.with_text >= 2);
            }
        }
    }

    /// Adds a cell (what its element held) to the open row, opening one if needed.
    pub fn add_cell(&mut self, items: Vec<Item>, colspan: usize, rowspan: u32) {
        if !self.rows.last().is_some_and(|r| r.open) {
            self.start_row();
        }
        let Some(row) = self.rows.last_mut() else {
            return;
        };
        let col = row
            .cells
            .iter()
            .position(Option::is_none)
            .unwrap_or(row.cells.len());
        if col >= MAX_COLUMNS {
            return;
        }
        let has_text = items
            .iter()
            .any(|i| matches!(i, Item::Line(t, _) if !t.is_empty()));
        row.with_text += usize::from(has_text);
        let lines = items.iter().filter(|i| matches!(i, Item::Line(..))).count();
        self.block_cell |= lines >= 3 || items.iter().any(|i| matches!(i, Item::Row(..)));
        set(&mut row.cells, col, Slot::Cell(self.cell_items.len()));
        self.cell_items.push(items);
        let span = colspan.clamp(1, MAX_COLUMNS - col);
        for c in col + 1..col + span {
            set(&mut row.cells, c, Slot::Spanned);
        }
        if rowspan > 1 {
            if self.covered.len() < col + span {
                self.covered.resize(col + span, 0);
            }
            for left in &mut self.covered[col..col + span] {
                *left = (*left).max(rowspan - 1);
            }
        }
    }

    /// The items the table stands for (see the module documentation).
    pub fn finish(mut self) -> Vec<Item> {
        self.end_row();
        let mut out = Vec::new();
        if self.grid_rows == 0 || (self.grid_rows == 1 && self.block_cell) {
            out.extend(self.caption);
            for items in self.cell_items {
                out.push(Item::Blank);
                out.extend(items);
            }
            out.push(Item::Blank);
            return out;
        }
        out.push(Item::Blank);
        if !self.caption.is_empty() {
            out.extend(self.caption);
            out.push(Item::Blank);
        }
        let width = self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        for row in self.rows {
            let mut nested = Vec::new();
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|slot| match slot {
                    Some(Slot::Cell(i)) => {
                        let items = self.cell_items.get_mut(*i).map(std::mem::take);
                        cell_text(items.unwrap_or_default(), &mut nested)
                    }
                    _ => String::new(),
                })
                .collect();
            if let Some(cells) = row_cells(cells, width) {
                out.push(Item::Row(cells, Where::Row(self.number, row.number)));
            }
            out.extend(nested);
        }
        out.push(Item::Blank);
        out
    }
}

fn set(cells: &mut Vec<Option<Slot>>, col: usize, slot: Slot) {
    if cells.len() <= col {
        cells.resize(col + 1, None);
    }
    cells[col] = Some(slot);
}

/// A cell's own text (its lines joined by spaces); the rows of the tables inside it go to
/// `nested`.
fn cell_text(items: Vec<Item>, nested: &mut Vec<Item>) -> String {
    let mut text = String::new();
    for item in items {
        match item {
            Item::Line(line, _) => {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&line);
            }
            Item::Row(..) => nested.push(item),
            Item::Blank | Item::PageEnd => {}
        }
    }
    trim(&text).to_string()
}

/// The cells of a row padded to the table's width, or `None` for a row without text (it would
/// be a blank line, which ends a table in the canonical text).
///
/// A row of two cells whose first is empty would read `\tX`: one leading tab and no other,
/// which the canonical text reserves for one cell of a cell-per-line table. Such a row gets a
/// third, empty cell.
fn row_cells(mut cells: Vec<String>, width: usize) -> Option<Vec<String>> {
    if cells.iter().all(|c| c.is_empty()) {
        return None;
    }
    cells.resize(width.max(cells.len()), String::new());
    Some(unambiguous(cells))
}

/// A row of two cells whose first is empty, with a third empty cell (see [`row_cells`]).
pub fn unambiguous(mut cells: Vec<String>) -> Vec<String> {
    if cells.len() == 2 && cells[0].is_empty() {
        cells.push(String::new());
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> Vec<Item> {
        vec![Item::Line(text.into(), Where::Body)]
    }

    fn rows(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .filter_map(|i| {
                if let Item::Row(c, _) = i {
                    Some(c.join("|"))
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn spans_keep_the_grid_aligned() {
        let mut g = Grid::new(1);
        g.start_row();
        g.add_cell(cell("项目"), 1, 2);
        g.add_cell(cell("预算数"), 2, 1);
        g.start_row();
        g.add_cell(cell("本年"), 1, 1);
        g.add_cell(cell("上年"), 1, 1);
        g.start_row();
        g.add_cell(cell("合计"), 1, 1);
        g.add_cell(cell("1"), 1, 1);
        g.add_cell(cell("2"), 1, 1);
        assert_eq!(
            rows(&g.finish()),
            ["项目|预算数|", "|本年|上年", "合计|1|2"]
        );
    }

    #[test]
    fn a_one_column_table_is_layout() {
        let mut g = Grid::new(1);
        g.start_row();
        g.add_cell(vec![Item::Line("正文".into(), Where::Block("p", 1))], 1, 1);
        assert_eq!(
            g.finish(),
            vec![
                Item::Blank,
                Item::Line("正文".into(), Where::Block("p", 1)),
                Item::Blank
            ]
        );
    }

    #[test]
    fn a_menu_beside_the_content_is_layout() {
        let mut g = Grid::new(1);
        g.start_row();
        g.add_cell(cell("首页"), 1, 1);
        let article = vec![
            Item::Line("一、部门职责".into(), Where::Block("p", 1)),
            Item::Line("负责……".into(), Where::Block("p", 2)),
            Item::Row(vec!["合计".into(), "5.00".into()], Where::Row(2, 1)),
        ];
        g.add_cell(article.clone(), 1, 1);
        let items = g.finish();
        assert!(items.contains(&article[2]) && items.contains(&article[0]));
        assert!(rows(&items).iter().all(|r| r == "合计|5.00"));
    }

    #[test]
    fn an_ambiguous_two_cell_row_gets_a_third_cell() {
        let mut g = Grid::new(1);
        g.start_row();
        g.add_cell(cell(""), 1, 1);
        g.add_cell(cell("年度"), 1, 1);
        g.start_row();
        g.add_cell(cell("合计"), 1, 1);
        g.add_cell(cell("5"), 1, 1);
        assert_eq!(rows(&g.finish()), ["|年度|", "合计|5"]);
    }
}
