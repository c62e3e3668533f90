//! Column totals in tables: a 合计/小计/总计 cell governs the numeric cells to its right up to
//! the next text cell; its parts are the rows directly above or directly below it, up to the
//! next total row. Rows that aggregate other listed rows (a 类 row above its 项 rows, a unit row
//! repeating the total) are left out.

use crate::sums::{Outcome, Source, SumCase};
use crate::support::Figure;
use budgetlint_sdk::model::{text, Block, Cell, Document, Fact, FactKind, Table};
use std::collections::HashMap;

const TOTAL_WORDS: &[&str] = &["合计", "总计", "小计"];

fn is_total_label(cell: &Cell) -> bool {
    // Every total word ends in 计; only such cells are worth compacting (“合 计”).
    if cell.number.is_some() || !text::contains_char(&cell.text, '计') {
        return false;
    }
    text::contains_any(
        &text::without_chars(&cell.text, char::is_whitespace),
        TOTAL_WORDS,
    )
}

/// A table with its rows right-aligned to the widest row (merged leading cells are dropped by
/// the export) and its amount facts by (row, aligned column).
struct Grid<'a> {
    table: &'a Table,
    width: usize,
    /// Whether short rows are aligned to the right (their leading cells merged away, as text
    /// exports drop them) or to the left (their trailing empty cells left out, as readers of
    /// web pages and positioned layouts write them).
    right_aligned: bool,
    amounts: HashMap<(usize, usize), &'a Fact>,
    total_rows: Vec<bool>,
}

impl<'a> Grid<'a> {
    fn new(doc: &'a Document, table: &'a Table, right_aligned: bool) -> Self {
        let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let mut amounts = HashMap::new();
        for f in doc
            .facts_in(table.span)
            .iter()
            .filter(|f| matches!(f.kind, FactKind::Amount(_)))
        {
            let Some(at) = f.cell.filter(|c| c.table == table.id) else {
                continue;
            };
            let row = at.row as usize;
            let shift = if right_aligned {
                width - table.rows.get(row).map_or(width, |r| r.cells.len())
            } else {
                0
            };
            amounts.insert((row, at.col as usize + shift), f);
        }
        // A header row names a 合计 column but holds no amount: it is not a total row (it
        // repeats at the top of every page a long table runs over).
        let rows_with_amounts: std::collections::HashSet<usize> =
            amounts.keys().map(|&(r, _)| r).collect();
        let total_rows = table
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| row.cells.iter().any(is_total_label) && rows_with_amounts.contains(&r))
            .collect();
        Grid {
            table,
            width,
            right_aligned,
            amounts,
            total_rows,
        }
    }
    fn shift(&self, row: usize) -> usize {
        if self.right_aligned {
            self.width - self.table.rows[row].cells.len()
        } else {
            0
        }
    }
    fn is_total_row(&self, row: usize) -> bool {
        self.total_rows[row]
    }
}

pub fn column_sums(doc: &Document) -> Vec<SumCase<'_>> {
    let mut out = Vec::new();
    for table in &doc.tables {
        if !table.rows.iter().flat_map(|r| &r.cells).any(is_total_label) {
            continue;
        }
        // Rows of unequal width can be read aligned either way; a total that foots in either
        // reading is not provably wrong, and the right-aligned reading is the one reported.
        let right = Grid::new(doc, table, true);
        let ragged = table.rows.iter().any(|r| r.cells.len() != right.width);
        let left = ragged.then(|| Grid::new(doc, table, false));
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                if !is_total_label(cell) {
                    continue;
                }
                for case in total_cases(doc, &right, r, c) {
                    let foots_left = left.as_ref().is_some_and(|left| {
                        total_cases(doc, left, r, c).iter().any(|l| {
                            l.total.fact.id == case.total.fact.id
                                && matches!(
                                    l.evaluate(),
                                    Outcome::Exact | Outcome::RoundingGap { .. }
                                )
                        })
                    });
                    if !foots_left {
                        out.push(case);
                    }
                }
            }
        }
    }
    out
}

/// The cases of the total label at (row `r`, cell `c`): one per amount column it governs.
fn total_cases<'a>(doc: &'a Document, grid: &Grid<'a>, r: usize, c: usize) -> Vec<SumCase<'a>> {
    let row = &grid.table.rows[r];
    if in_figure_column(grid, c + grid.shift(r)) {
        // `公用经费合计` read into a column of amounts: the row was set off its columns by the
        // reader, and which figures it totals is a guess.
        return Vec::new();
    }
    let first = c + 1 + grid.shift(r);
    let next_label = row.cells[c + 1..]
        .iter()
        .position(|x| x.number.is_none() && !x.text.is_empty())
        .map(|p| c + 1 + p + grid.shift(r));
    (first..next_label.unwrap_or(grid.width))
        .filter_map(|col| column_case(doc, grid, r, col))
        .collect()
}

/// Whether most filled cells of grid column `g` are figures: a column of amounts, where a
/// row's label does not belong.
fn in_figure_column(grid: &Grid, g: usize) -> bool {
    let (mut figures, mut texts) = (0usize, 0usize);
    let table = grid.table;
    for (r, row) in table
        .rows
        .iter()
        .enumerate()
        .skip(table.header_rows as usize)
    {
        let cell = g.checked_sub(grid.shift(r)).and_then(|c| row.cells.get(c));
        match cell {
            Some(cell) if cell.number.is_some() => figures += 1,
            Some(cell) if !cell.text.trim().is_empty() => texts += 1,
            _ => {}
        }
    }
    figures > 2 * texts.max(1)
}

/// The best reading of the total at (row, col): the candidate part set that foots, or the one
/// that comes closest.
fn column_case<'a>(
    doc: &'a Document,
    grid: &Grid<'a>,
    row: usize,
    col: usize,
) -> Option<SumCase<'a>> {
    let total = Figure::of(doc, grid.amounts.get(&(row, col))?.id)?;
    let rows = grid.table.rows.len();
    let above: Vec<usize> = (0..row)
        .rev()
        .take_while(|&i| !grid.is_total_row(i))
        .collect();
    let below: Vec<usize> = (row + 1..rows)
        .take_while(|&i| !grid.is_total_row(i))
        .collect();
    // A grand total (总计) may add the subtotal above it (本年收入合计) to the rows between.
    let with_subtotal: Vec<usize> = above
        .last()
        .map(|&top| top.checked_sub(1))
        .unwrap_or_else(|| row.checked_sub(1))
        .filter(|&i| grid.is_total_row(i))
        .map(|sub| above.iter().copied().chain([sub]).collect())
        .unwrap_or_default();
    let mut best: Option<SumCase> = None;
    let width = grid.table.rows[row].cells.len();
    for candidate in [above, below, with_subtotal] {
        let facts: Vec<&Fact> = candidate
            .iter()
            .filter_map(|&i| grid.amounts.get(&(i, col)).copied())
            .collect();
        // Rows of another width than the total's (with figures) were aligned by a guess: such a
        // reading may show that the total foots, but cannot prove that it does not.
        let guessed = candidate.iter().any(|&i| {
            let cells = &grid.table.rows[i].cells;
            cells.len() != width && cells.iter().any(|c| c.number.is_some())
        });
        // Parts that run to the end of a table that ends at a page break may go on on the next
        // page (where a reader may have found other columns and begun another table).
        let open_ended = candidate.contains(&(rows - 1))
            && (ends_at_page_break(doc, grid.table) || broken_off(doc, grid.table));
        // Parts whose numbered items start after the first (十七、 … 二十一、: the rest are on
        // the page before), or a table noted to leave rows out, are not all the parts.
        let incomplete =
            starts_mid_list(grid.table, &candidate, row) || omits_rows(doc, grid.table);
        let guessed =
            guessed || open_ended || incomplete || labels_step(grid.table, &candidate, col);
        let variants = readings(facts)
            .into_iter()
            .flat_map(|v| [(v.clone(), false), (v, true)]);
        for (variant, by_sums) in variants {
            let mut parts: Vec<Figure> = leaves(doc, variant, by_sums);
            // A row that repeats the total (a unit row above its class rows) aggregates the
            // others; when it is the only one, the total foots.
            if let Some(p) = parts
                .iter()
                .position(|p| p.quantity.value == total.quantity.value)
            {
                parts.remove(p);
                if parts.is_empty()
                    || (parts.len() == 1 && parts[0].quantity.value == total.quantity.value)
                {
                    return None;
                }
            }
            if parts.len() < 2 {
                continue;
            }
            let case = SumCase {
                total: total.clone(),
                parts,
                source: Source::Table,
            };
            match case.evaluate() {
                Outcome::Exact | Outcome::RoundingGap { .. } => return Some(case),
                _ if guessed => continue,
                _ => {}
            }
            let gap = |c: &SumCase| (c.sum().0 - c.total.quantity.value).abs();
            if best.as_ref().is_none_or(|b| gap(&case) < gap(b)) {
                best = Some(case);
            }
        }
    }
    best
}

/// Whether the rows' labels (the text nearest left of column `col`) stand in different columns:
/// a list whose levels are set by column (`一、货物` in the first, a project under it in the
/// second, the items bought in the fourth), where a flat sum adds the levels together. Rows
/// with classification codes say their levels by code and are not judged here.
fn labels_step(table: &Table, rows: &[usize], col: usize) -> bool {
    let label_column = |i: usize| {
        let cells = &table.rows[i].cells;
        (0..col.min(cells.len()))
            .rev()
            .find(|&c| cells[c].number.is_none() && !cells[c].text.trim().is_empty())
    };
    let coded = rows.iter().any(|&i| {
        let cells = &table.rows[i].cells;
        cells.iter().take(col).any(|c| {
            let t = c.text.trim();
            t.len() >= 3 && t.chars().all(|ch| ch.is_ascii_digit())
        })
    });
    let columns: std::collections::BTreeSet<usize> = rows
        .iter()
        .filter(|&&i| {
            table.rows[i]
                .cells
                .get(col)
                .is_some_and(|c| c.number.is_some())
        })
        .filter_map(|&i| label_column(i))
        .collect();
    !coded && columns.len() >= 2
}

/// Whether only white space and a page number stand between the table and the next page.
pub(crate) fn ends_at_page_break(doc: &Document, table: &Table) -> bool {
    let after = doc.text.get(table.span.end as usize..).unwrap_or("");
    // Trimmed of white space but not of the form feed, which is white space to `str::trim`.
    let trim = |l: &str| {
        l.trim_matches(|c: char| c != '\x0c' && c.is_whitespace())
            .to_string()
    };
    let mut lines = after.split('\n').map(trim).filter(|l| !l.is_empty());
    let next = lines.next();
    match next {
        Some(l) if l.starts_with('\x0c') => true,
        Some(l) if text::is_page_number(&l) => lines.next().is_none_or(|n| n.starts_with('\x0c')),
        _ => false,
    }
}

/// Whether the table goes on in another table a few lines below, with only fragments between
/// (cell texts of no sentence): the reader broke one table in two where its rows did not line
/// up, so the rows of the first are not all the parts.
pub(crate) fn broken_off(doc: &Document, table: &Table) -> bool {
    // Fragments a broken row leaves between the two pieces; more is another block of text.
    const MAX_FRAGMENTS: usize = 5;
    let own = |b: &Block| matches!(b, Block::Table { table: id, .. } if *id == table.id);
    let Some(at) = doc.blocks.iter().position(own) else {
        return false;
    };
    let mut fragments = 0;
    for block in &doc.blocks[at + 1..] {
        match block {
            Block::Table { .. } => return true,
            Block::Paragraph(p)
                if fragments < MAX_FRAGMENTS
                    && p.numbering.is_none()
                    && is_fragment(doc.slice(p.span)) =>
            {
                fragments += 1;
            }
            _ => return false,
        }
    }
    false
}

/// Whether the first of `rows` and the total's row whose label is a numbered item
/// (`十七、住房保障支出`, `3.…`) is not the first item: the items before it are elsewhere (a
/// table continued from the page before), so the rows are not all the parts. (A side-by-side
/// table can hold the first item in the total's row: `支出合计 461.84 一、一般公共服务`.)
fn starts_mid_list(table: &Table, rows: &[usize], total_row: usize) -> bool {
    let mut in_order: Vec<usize> = rows.iter().copied().chain([total_row]).collect();
    in_order.sort_unstable();
    in_order
        .iter()
        .flat_map(|&r| {
            table
                .rows
                .get(r)
                .map(|row| row.cells.as_slice())
                .unwrap_or(&[])
        })
        .find_map(|cell| item_ordinal(cell.text.trim()))
        .is_some_and(|ordinal| ordinal > 1)
}

/// The ordinal of a label numbered `十七、` or `3、`/`3.` (1 for the first item).
fn item_ordinal(label: &str) -> Option<u32> {
    let (marker, rest) = label.split_once(['、', '.', '．'])?;
    // An item has words after its marker (a figure, 461.84, has digits).
    let words = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii_digit());
    if !words || marker.is_empty() || marker.chars().count() > 3 {
        return None;
    }
    if marker.chars().all(|c| c.is_ascii_digit()) {
        return marker.parse().ok();
    }
    marker
        .chars()
        .all(budgetlint_sdk::model::number::is_chinese_numeral_char)
        .then(|| budgetlint_sdk::model::number::parse_chinese_numeral(marker))
        .flatten()
}

/// Words of a note saying that a table leaves some rows out (“部分具体项目信息公开时予以剔除”,
/// “涉密项目未列示”): its total then covers more than its rows.
const OMISSION_WORDS: &[&str] = &["剔除", "未列示", "不予公开", "未予公开", "未公开", "不公开"];

/// Whether a note right under the table (the next two blocks) says that rows were left out.
pub(crate) fn omits_rows(doc: &Document, table: &Table) -> bool {
    let own = |b: &Block| matches!(b, Block::Table { table: id, .. } if *id == table.id);
    let Some(at) = doc.blocks.iter().position(own) else {
        return false;
    };
    doc.blocks[at + 1..]
        .iter()
        .take(2)
        .filter(|b| matches!(b, Block::Paragraph(_)))
        .any(|b| text::contains_any(doc.slice(b.span()), OMISSION_WORDS))
}

/// A cell's text left over from a broken row: short, and no sentence.
fn is_fragment(text: &str) -> bool {
    text.trim().chars().count() <= 20 && !text.contains(['。', '；', '：', ':'])
}

/// The part sets a run of rows may stand for: all of them, and without the rows that repeat
/// the row above (a breakdown line, “其中：一般公共预算财政拨款”, that repeats its parent).
fn readings(facts: Vec<&Fact>) -> Vec<Vec<&Fact>> {
    let value = |f: &Fact| f.kind.quantity().map(|q| q.value);
    let without_repeats: Vec<&Fact> = facts
        .iter()
        .enumerate()
        .filter(|(k, f)| *k == 0 || value(f) != value(facts[k - 1]))
        .map(|(_, f)| *f)
        .collect();
    if without_repeats.len() == facts.len() {
        vec![facts]
    } else {
        vec![facts, without_repeats]
    }
}

/// Drops rows that aggregate other listed rows: by their classification codes (a code that is
/// the prefix of another listed row's code), and, when `by_sums`, a row that equals the sum of
/// the rows right below it (a 类 above its 款 when the table prints names, or only some codes).
fn leaves<'a>(doc: &'a Document, mut facts: Vec<&'a Fact>, by_sums: bool) -> Vec<Figure<'a>> {
    facts.sort_by_key(|f| f.span.start);
    let code = |f: &Fact| f.label.as_ref().and_then(|l| l.class_code.clone());
    let codes: Vec<String> = facts.iter().filter_map(|f| code(f)).collect();
    let sums_below = if by_sums {
        aggregates(&facts)
    } else {
        vec![false; facts.len()]
    };
    facts
        .iter()
        .zip(sums_below)
        .filter(|(f, sum_of_below)| {
            let parent_by_code = code(f)
                .is_some_and(|c| codes.iter().any(|o| o.len() > c.len() && o.starts_with(&c)));
            !parent_by_code && !sum_of_below
        })
        .map(|(f, _)| f)
        .filter(|f| !f.quantity_is_zero())
        .filter_map(|f| Figure::of(doc, f.id))
        .collect()
}

/// For each row, whether its value is the sum of one or more of the rows right after it
/// within the rounding of that many printed parts (docs/rounding.md: n × half a unit). Looks at
/// most `LOOK_AHEAD` rows ahead, so the work stays linear in the table.
fn aggregates(rows: &[&Fact]) -> Vec<bool> {
    const LOOK_AHEAD: usize = 64;
    (0..rows.len())
        .map(|i| {
            let Some(total) = rows[i].kind.quantity() else {
                return false;
            };
            let half_unit = rust_decimal::Decimal::new(5, total.decimals + 1);
            let mut sum = rust_decimal::Decimal::ZERO;
            // A row with a code sums rows only when they have none: among coded rows the codes
            // say which is whose part (two sibling 项 may well be equal).
            let coded = |f: &Fact| f.label.as_ref().is_some_and(|l| l.class_code.is_some());
            let own_code = coded(rows[i]);
            rows[i + 1..]
                .iter()
                .take(LOOK_AHEAD)
                .take_while(|f| !(own_code && coded(f)))
                .enumerate()
                .any(|(k, f)| {
                    sum += f.kind.quantity().map(|q| q.value).unwrap_or_default();
                    (sum - total.value).abs() <= half_unit * rust_decimal::Decimal::from(k + 1)
                })
        })
        .collect()
}

trait ZeroCheck {
    fn quantity_is_zero(&self) -> bool;
}

impl ZeroCheck for Fact {
    fn quantity_is_zero(&self) -> bool {
        self.kind.quantity().is_some_and(|q| q.value.is_zero())
    }
}
