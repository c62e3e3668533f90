//! Tables with drawn borders: each cell's words as one word, each row's cells on one line, and
//! each cell's place in the grid.
//!
//! A cell whose text wraps (a name over three lines beside one line of amounts, a header cell
//! over four) is, by the positions of its words alone, several lines that may be rows; its
//! borders say it is one cell. Where a page has a grid of rules (vertical rules giving at
//! least two columns, horizontal rules at least two rows), the words inside each cell are
//! joined into one word, and the cells of a row (the band between two horizontal rules) are
//! set on one line, each column starting where the widest cell of the column before it ends.
//! Each cell's word carries its place in the grid (`Word::cell`: its table part, the columns it
//! spans), from which `layout.rs` writes the table's rows directly: the borders, not the
//! positions of the words, say which column a cell is in, so a long text cell (a 绩效目标表's
//! 指标值确定依据 over nine lines) or a group header over its sub-headers needs no column
//! found from gutters. A cell spanning columns is written in the first of them, the rest of its
//! span empty, as DOCX `gridSpan` and HTML `colspan` are read; a cell spanning rows is in its
//! top row. A column that no cell starts in (a border drawn for one row only) is no column,
//! unless its border runs through every band (a column left empty on every row).
//!
//! Tables set one under another with no gap between them share rules, so their rules are one
//! connected group; where the outer border of one side moves from a band to the next, the
//! band below starts another table ([`stacked_tables`]).
//!
//! A grid is left to the positions of its words when its bands are not rows: when a cell of a
//! band holds two lines with a figure (rows without a rule between them), or more lines than
//! a wrapped cell has ([`MAX_CELL_LINES`]).

use super::boxes::Word;
use super::rules::{PageRules, Segment};
use crate::layout::GridPlace;

/// Rules closer than this (points) are one rule (a double border, a border drawn twice).
const SAME_RULE: f64 = 2.0;

/// How far (points) a rule may stop short of another and still meet it.
const MEET: f64 = 2.0;

/// How far (points) a table's outer border may move from one band to the next within one
/// table (a row drawn a little wider); further, with the rules ending there too, the band
/// below starts a table of its own (see [`stacked_tables`]). A character of body text.
const NEW_TABLE_EDGE: f64 = 12.0;

/// More lines than this in one cell: the band is not one row (a table with rules round its
/// header only). A long text in a narrow cell of a 绩效目标表 may wrap over twenty lines.
const MAX_CELL_LINES: usize = 40;

/// A page as the ruled-table pass takes it.
pub struct RuledPage<'a> {
    pub words: &'a [Word],
    pub rules: Option<&'a PageRules>,
    /// The width of one text column (half a Chinese character), points.
    pub unit: f64,
}

/// The words of each page with the words in each ruled table cell joined into one word per
/// cell, each row's cells on one line; `None` for a page without a ruled table (its words
/// stay as they are). A table continued over pages has the same columns on every page.
pub fn merge_cells(pages: &[RuledPage<'_>]) -> Vec<Option<Vec<Word>>> {
    let mut taken: Vec<Vec<bool>> = pages.iter().map(|p| vec![false; p.words.len()]).collect();
    let mut found: Vec<Found> = Vec::new();
    for (page, p) in pages.iter().enumerate() {
        for grid in p.rules.map(grids).unwrap_or_default() {
            if let Some(cells) = grid.cells(p.words, &taken[page], p.unit) {
                for &i in cells.iter().flat_map(|c| &c.words) {
                    taken[page][i] = true;
                }
                found.push(Found { page, grid, cells });
            }
        }
    }
    let tables = tables(&found, pages);
    for table in &tables {
        for pair in table.windows(2) {
            join_split_row(&mut found, pages, pair[0], pair[1]);
        }
    }
    let mut out: Vec<Option<Vec<Word>>> = vec![None; pages.len()];
    let mut parts_before = 0;
    for table in tables {
        let parts: Vec<&Found> = table.iter().map(|&i| &found[i]).collect();
        let unit = pages[parts[0].page].unit;
        for (page, words) in set_out(&parts, pages, unit, parts_before) {
            out[page].get_or_insert_with(Vec::new).extend(words);
        }
        parts_before += parts.len();
    }
    for (page, words) in out.iter_mut().enumerate() {
        if let Some(words) = words {
            let kept = pages[page].words.iter().zip(&taken[page]);
            words.extend(kept.filter(|(_, &t)| !t).map(|(w, _)| w.clone()));
        }
    }
    out
}

/// A grid found on a page, with its cells.
#[derive(Debug)]
struct Found {
    page: usize,
    grid: Grid,
    cells: Vec<Cell>,
}

/// The grids found, as tables: each the indices of its parts, one per page. A grid at the top
/// of a page goes on with the grid that ended the page before when their column borders are
/// the same (those of one lie on those of the other) and their type is the same size.
fn tables(found: &[Found], pages: &[RuledPage<'_>]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let first_on_page = found[..i].iter().all(|g| g.page != f.page);
        let continues = out.last().filter(|_| first_on_page).is_some_and(|t| {
            let last = &found[*t.last().expect("tables have parts")];
            let last_on_page = found[i..].iter().all(|g| g.page != last.page);
            let (a, b) = (pages[last.page].unit, pages[f.page].unit);
            last_on_page
                && last.page + 1 == f.page
                && (a - b).abs() < 0.05 * a
                && same_borders(&last.grid.xs, &f.grid.xs)
        });
        match out.last_mut() {
            Some(table) if continues => table.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// A row cut by the page: when the first row of a table's part on the next page holds only
/// text, is not the header repeated, and leaves empty the columns where the row that ended the
/// page before has its figures (it holds the ends of that row's wrapped cells), its cells'
/// text is joined to the cells of that row, in the same columns, and the row is dropped. Each
/// of those cells must have run to its right border on the page before (a full wrapped line).
fn join_split_row(found: &mut [Found], pages: &[RuledPage<'_>], before: usize, after: usize) {
    let Some(top) = found[after].cells.iter().map(|c| c.band).min() else {
        return;
    };
    let Some(last) = found[before].cells.iter().map(|c| c.band).max() else {
        return;
    };
    let head: Vec<&Cell> = found[after]
        .cells
        .iter()
        .filter(|c| c.band == top)
        .collect();
    let only_text = head
        .iter()
        .all(|c| !c.text.split(' ').any(crate::layout::is_number));
    let first_band_of_table = found[before].cells.iter().map(|c| c.band).min();
    let repeated_header = found[before]
        .cells
        .iter()
        .filter(|c| Some(c.band) == first_band_of_table)
        .any(|c| head.iter().any(|h| h.text == c.text));
    // The figures of the cut row stand on the page before, their cells on this one empty: a
    // row of text only at the top of a page (a 绩效 table's next indicator) is a row.
    let figure_columns: Vec<f64> = found[before]
        .cells
        .iter()
        .filter(|c| c.band == last && crate::layout::is_number(&c.text))
        .map(|c| found[before].grid.xs[c.first_column])
        .collect();
    let figures_left_empty = !figure_columns.is_empty()
        && head.iter().all(|h| {
            let x = found[after].grid.xs[h.first_column];
            figure_columns.iter().all(|f| (f - x).abs() >= SAME_RULE)
        });
    if !only_text || repeated_header || !figures_left_empty {
        return;
    }
    // Where each cell of the cut row starts, to find the cell it goes on in.
    let starts: Vec<(f64, String)> = head
        .iter()
        .map(|c| (found[after].grid.xs[c.first_column], c.text.clone()))
        .collect();
    // A cell goes on over the page only when its text ran to the right border of the cell:
    // a short label there (`本年收入合计` over `使用非财政拨款结余`) ended with its row.
    let cut = &found[before];
    let words = pages[cut.page].words;
    let unit = pages[cut.page].unit;
    let runs_to_the_border = |c: &Cell| {
        let right = cut.grid.xs[c.end_column];
        let end = c
            .words
            .iter()
            .map(|&i| words[i].x_max)
            .fold(f64::MIN, f64::max);
        end >= right - 3.0 * unit
    };
    let targets: Option<Vec<usize>> = starts
        .iter()
        .map(|(x, _)| {
            cut.cells.iter().position(|c| {
                c.band == last
                    && (cut.grid.xs[c.first_column] - x).abs() < SAME_RULE
                    && runs_to_the_border(c)
            })
        })
        .collect();
    // Joined only when every piece has its cell: otherwise the row stays a row of its own.
    let Some(targets) = targets else {
        return;
    };
    for (target, (_, text)) in targets.into_iter().zip(starts) {
        found[before].cells[target].text.push_str(&text);
    }
    found[after].cells.retain(|c| c.band != top);
}

/// Whether every border of the grid with fewer lies on a border of the other.
fn same_borders(a: &[f64], b: &[f64]) -> bool {
    let (few, many) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    few.iter()
        .all(|x| many.iter().any(|y| (x - y).abs() < SAME_RULE))
}

/// The cells of a table's parts as words, per page: each cell on its band's middle line, at
/// its column's start (a spanning cell centred over its columns), the columns of every part
/// at the same text columns; each word with its place in the table's grid. The parts are
/// numbered on from `parts_before` (the parts of the document's tables before this one).
fn set_out(
    parts: &[&Found],
    pages: &[RuledPage<'_>],
    unit: f64,
    parts_before: usize,
) -> Vec<(usize, Vec<Word>)> {
    let mut xs: Vec<f64> = parts
        .iter()
        .flat_map(|p| p.grid.xs.iter().copied())
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|b, a| *b - *a < SAME_RULE);
    let column = |x: f64| {
        (0..xs.len())
            .min_by(|&i, &j| (xs[i] - x).abs().total_cmp(&(xs[j] - x).abs()))
            .expect("a table has borders")
    };
    // Each cell's columns in the table's columns.
    let spans: Vec<Vec<(usize, usize)>> = parts
        .iter()
        .map(|p| {
            let span = |c: &Cell| {
                (
                    column(p.grid.xs[c.first_column]),
                    column(p.grid.xs[c.end_column]),
                )
            };
            p.cells.iter().map(span).collect()
        })
        .collect();
    let widths: Vec<(usize, usize, usize)> = parts
        .iter()
        .zip(&spans)
        .flat_map(|(p, s)| p.cells.iter().zip(s).map(|(c, &(a, b))| (a, b, c.width())))
        .collect();
    let starts = column_starts(&xs, &widths, unit);
    // A column whose left border runs through every band of a part is a column even when no
    // cell of it holds a word (an emptied 政府性基金 column, a 三公 table's amounts left blank).
    let bordered = parts.iter().flat_map(|p| {
        let bands = p.grid.ys.len() - 1;
        (1..p.grid.xs.len() - 1)
            .filter(move |&i| (0..bands).all(|b| p.grid.vertical_border(i, b)))
            .map(|i| column(p.grid.xs[i]))
    });
    let cell_starts = widths.iter().map(|c| c.0);
    let grid_column = grid_columns(cell_starts.chain(bordered), xs.len() - 1);
    let columns = grid_column[xs.len() - 1];
    parts
        .iter()
        .zip(&spans)
        .enumerate()
        .map(|(k, (p, spans))| {
            let words = p.cells.iter().zip(spans).map(|(c, &(first, end))| {
                let width = c.width();
                let spanning = end - first > 1;
                let at = if spanning {
                    centred(&starts[first..end], starts[end], width)
                } else {
                    starts[first]
                };
                let y = (p.grid.ys[c.band] + p.grid.ys[c.band + 1]) / 2.0;
                let page_words = pages[p.page].words;
                let height = c
                    .words
                    .iter()
                    .map(|&i| page_words[i].y_max - page_words[i].y_min)
                    .fold(0.0, f64::max);
                Word {
                    x_min: at as f64 * unit,
                    x_max: (at + width) as f64 * unit,
                    y_min: y - height / 2.0,
                    y_max: y + height / 2.0,
                    text: c.text.clone(),
                    cell: Some(GridPlace {
                        part: parts_before + k,
                        continues: k > 0,
                        first: grid_column[first],
                        end: grid_column[end].max(grid_column[first] + 1),
                        columns,
                    }),
                }
            });
            (p.page, words.collect())
        })
        .collect()
}

/// For each column border of a table (`columns + 1` of them), the column it starts in the
/// table as written: a column that nothing starts in (every cell over it spans from a column
/// before it: a border drawn through one row only) is no column of its own, and the columns
/// after it move left. The last entry is the number of columns. `starts` are the columns
/// where a cell with words starts or a border through every band stands.
fn grid_columns(starts: impl IntoIterator<Item = usize>, columns: usize) -> Vec<usize> {
    let mut started = vec![false; columns];
    for first in starts {
        started[first] = true;
    }
    let mut out = Vec::with_capacity(columns + 1);
    let mut kept = 0;
    for started in started {
        out.push(kept);
        kept += usize::from(started);
    }
    out.push(kept);
    out
}

/// Where a cell `width` columns wide spanning the columns starting at `starts` (the table
/// going on at `end`) is set: centred over them, as printed, but over the start of one of
/// them: a group word set in the blank between two columns' cells would read as a column of
/// its own, so one that covers no column's start moves to the start nearest its centre (this
/// matters only where the layout falls back to the positions of a part's words; otherwise the
/// word's grid place, `Word::cell`, says which columns it heads).
fn centred(starts: &[usize], end: usize, width: usize) -> usize {
    let room = end - starts[0] - 2;
    let at = starts[0] + room.saturating_sub(width) / 2;
    if starts.iter().any(|&s| s >= at && s < at + width.max(1)) {
        return at;
    }
    let centre = at + width / 2;
    starts
        .iter()
        .copied()
        .min_by_key(|&s| s.abs_diff(centre))
        .unwrap_or(at)
}

/// The text column where each column starts (and, last, where the table ends): at its
/// border on the page, or further right when the cells of the column before it, joined, are
/// wider than that column is on the page (two columns apart at least). `cells` are (first
/// column, one past the last, display width).
fn column_starts(xs: &[f64], cells: &[(usize, usize, usize)], unit: f64) -> Vec<usize> {
    let columns = xs.len() - 1;
    let on_page: Vec<usize> = xs
        .iter()
        .map(|x| (x / unit).round().max(0.0) as usize + 1)
        .collect();
    let mut need = vec![2usize; columns];
    for &(first, _, width) in cells.iter().filter(|c| c.1 - c.0 == 1) {
        need[first] = need[first].max(width + 2);
    }
    let starts_for = |need: &[usize]| {
        let mut starts = vec![on_page[0]; columns + 1];
        for i in 1..=columns {
            starts[i] = on_page[i].max(starts[i - 1] + need[i - 1]);
        }
        starts
    };
    let mut starts = starts_for(&need);
    // A spanning cell wider than its columns widens the last of them.
    for &(first, end, width) in cells.iter().filter(|c| c.1 - c.0 > 1) {
        let room = starts[end] - starts[first];
        if width + 2 > room {
            need[end - 1] += width + 2 - room;
            starts = starts_for(&need);
        }
    }
    starts
}

/// A table's rules: the x of its column borders and the y of its row borders, and the
/// vertical rules themselves (a merged cell has no border through it).
#[derive(Debug)]
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    horizontal: Vec<Segment>,
    vertical: Vec<Segment>,
}

/// One cell of a band: the columns it spans and the indices of its words.
#[derive(Debug)]
struct Cell {
    band: usize,
    first_column: usize,
    /// One past its last column.
    end_column: usize,
    words: Vec<usize>,
    text: String,
}

impl Cell {
    fn width(&self) -> usize {
        self.text.chars().map(crate::layout::width).sum()
    }
}

/// The grids on a page: groups of rules that meet, with at least three vertical and three
/// horizontal borders.
fn grids(rules: &PageRules) -> Vec<Grid> {
    let horizontal = joined(&rules.horizontal);
    let vertical = joined(&rules.vertical);
    let meets = |h: &Segment, v: &Segment| {
        v.at >= h.from - MEET && v.at <= h.to + MEET && h.at >= v.from - MEET && h.at <= v.to + MEET
    };
    // Connected groups of rules (horizontal ones first, then vertical), by union-find.
    let n = horizontal.len() + vertical.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in horizontal.iter().enumerate() {
        for (j, v) in vertical.iter().enumerate() {
            if meets(h, v) {
                union(&mut parent, i, horizontal.len() + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Segment>, Vec<Segment>)> =
        Default::default();
    for i in 0..n {
        let group = groups.entry(find(&mut parent, i)).or_default();
        if i < horizontal.len() {
            group.0.push(horizontal[i]);
        } else {
            group.1.push(vertical[i - horizontal.len()]);
        }
    }
    let mut out: Vec<Grid> = groups
        .into_values()
        .flat_map(|(h, v)| stacked_tables(h, v))
        .filter_map(|(h, v)| {
            let ys = positions(&h);
            let xs = positions(&v);
            (xs.len() >= 3 && ys.len() >= 3).then_some(Grid {
                xs,
                ys,
                horizontal: h,
                vertical: v,
            })
        })
        .collect();
    // Top to bottom: the last grid of a page is the one a table continued on the next ends.
    out.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    out
}

/// The rules of a connected group, one group per table. Tables set one under another with no
/// gap (LibreOffice and Word set consecutive tables so) share the rule between them and their
/// left border, so their rules meet and are one group. A table's outer border stands where its
/// horizontal rules end. Where, from one band to the next, the outer border of one side moves
/// by more than [`NEW_TABLE_EDGE`] (the vertical rule closing each band on that side stands
/// where the rule above the upper band and the rule below the lower one end), the band below
/// starts another table. A row that merely has no border on the table's side (a table drawn
/// without outer borders, whose first columns a 合计 row spans) moves its vertical rules but not
/// the ends of its horizontal ones, and stays in its table.
fn stacked_tables(h: Vec<Segment>, v: Vec<Segment>) -> Vec<(Vec<Segment>, Vec<Segment>)> {
    let ys = positions(&h);
    if ys.len() < 4 {
        return vec![(h, v)];
    }
    let edges = |b: usize| {
        let mid = (ys[b] + ys[b + 1]) / 2.0;
        let crossing = v
            .iter()
            .filter(|s| s.from < mid && s.to > mid)
            .map(|s| s.at);
        let left = crossing.clone().min_by(f64::total_cmp)?;
        let right = crossing.max_by(f64::total_cmp)?;
        Some((left, right))
    };
    let rule_ends = |y: f64| {
        let on = h.iter().filter(|s| (s.at - y).abs() < SAME_RULE);
        let from = on.clone().map(|s| s.from).min_by(f64::total_cmp)?;
        let to = on.map(|s| s.to).max_by(f64::total_cmp)?;
        Some((from, to))
    };
    // Between band b and band b + 1, at ys[b + 1].
    let starts_table = |b: usize| {
        let (Some(upper), Some(lower)) = (edges(b), edges(b + 1)) else {
            return false;
        };
        let (Some(over), Some(under)) = (rule_ends(ys[b]), rule_ends(ys[b + 2])) else {
            return false;
        };
        let closes = |border: f64, rule_end: f64| (border - rule_end).abs() <= 2.0 * MEET;
        let moved = |a: f64, b: f64| (a - b).abs() > NEW_TABLE_EDGE;
        let left = moved(upper.0, lower.0) && closes(upper.0, over.0) && closes(lower.0, under.0);
        let right = moved(upper.1, lower.1) && closes(upper.1, over.1) && closes(lower.1, under.1);
        left || right
    };
    let mut cuts = vec![ys[0]];
    cuts.extend(
        (0..ys.len() - 2)
            .filter(|&b| starts_table(b))
            .map(|b| ys[b + 1]),
    );
    cuts.push(ys[ys.len() - 1]);
    if cuts.len() == 2 {
        return vec![(h, v)];
    }
    cuts.windows(2)
        .map(|pair| {
            let (top, bottom) = (pair[0], pair[1]);
            let horizontal = h
                .iter()
                .filter(|s| s.at > top - SAME_RULE && s.at < bottom + SAME_RULE)
                .copied()
                .collect();
            let vertical = v
                .iter()
                .map(|s| Segment {
                    from: s.from.max(top),
                    to: s.to.min(bottom),
                    ..*s
                })
                .filter(|s| s.to - s.from > MEET)
                .collect();
            (horizontal, vertical)
        })
        .collect()
}

/// Segments on one line that touch or overlap joined into one (a border drawn cell by cell);
/// segments on one line with a gap between them (the borders of two tables one above the
/// other) stay apart.
fn joined(segments: &[Segment]) -> Vec<Segment> {
    let mut sorted = segments.to_vec();
    sorted.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut out: Vec<Segment> = Vec::new();
    let mut line_start = 0;
    while line_start < sorted.len() {
        let at = sorted[line_start].at;
        let line_end = line_start
            + sorted[line_start..]
                .iter()
                .take_while(|s| s.at - at < SAME_RULE)
                .count();
        let line = &mut sorted[line_start..line_end];
        line.sort_by(|a, b| a.from.total_cmp(&b.from));
        let first_of_line = out.len();
        for s in line.iter() {
            match out[first_of_line..].last_mut() {
                Some(last) if s.from <= last.to + MEET => last.to = last.to.max(s.to),
                _ => out.push(Segment { at, ..*s }),
            }
        }
        line_start = line_end;
    }
    out
}

/// The distinct positions of rules, those closer than [`SAME_RULE`] counted once.
fn positions(segments: &[Segment]) -> Vec<f64> {
    let mut at: Vec<f64> = segments.iter().map(|s| s.at).collect();
    at.sort_by(f64::total_cmp);
    at.dedup_by(|b, a| *b - *a < SAME_RULE);
    at
}

impl Grid {
    fn contains(&self, w: &Word) -> bool {
        let (x, y) = ((w.x_min + w.x_max) / 2.0, w.y_centre());
        x > self.xs[0]
            && x < self.xs[self.xs.len() - 1]
            && y > self.ys[0]
            && y < self.ys[self.ys.len() - 1]
    }

    /// The column of the grid at `x`.
    fn column_of(&self, x: f64) -> usize {
        let right = self.xs.partition_point(|&b| b <= x);
        right.clamp(1, self.xs.len() - 1) - 1
    }

    /// Whether a border is drawn at column border `i` through the middle of band `b` (the
    /// grid's outer ones always are).
    fn vertical_border(&self, i: usize, b: usize) -> bool {
        let mid = (self.ys[b] + self.ys[b + 1]) / 2.0;
        i == 0 || i == self.xs.len() - 1 || crosses(&self.vertical, self.xs[i], mid)
    }

    /// Whether a border is drawn at row border `k` through the middle of column `c`.
    fn horizontal_border(&self, k: usize, c: usize) -> bool {
        let mid = (self.xs[c] + self.xs[c + 1]) / 2.0;
        k == 0 || k == self.ys.len() - 1 || crosses(&self.horizontal, self.ys[k], mid)
    }

    /// The cells of the grid as (first band, one past the last band, first column, one past
    /// the last column): the boxes between the rules, merged where no rule parts them (a
    /// header cell over two columns, a cell two rows tall). A merged region that is no
    /// rectangle (a rule that stops midway along a row, as a wrapped header cell leaves it) is
    /// cut into rectangles: from its top left box, as far right as the region goes, then down
    /// as long as the whole width stays inside it.
    fn merged_cells(&self) -> Vec<[usize; 4]> {
        let (bands, columns) = (self.ys.len() - 1, self.xs.len() - 1);
        let mut parent: Vec<usize> = (0..bands * columns).collect();
        let box_of = |b: usize, c: usize| b * columns + c;
        for b in 0..bands {
            for c in 0..columns {
                if c + 1 < columns && !self.vertical_border(c + 1, b) {
                    union(&mut parent, box_of(b, c), box_of(b, c + 1));
                }
                if b + 1 < bands && !self.horizontal_border(b + 1, c) {
                    union(&mut parent, box_of(b, c), box_of(b + 1, c));
                }
            }
        }
        let region: Vec<usize> = (0..bands * columns).map(|i| find(&mut parent, i)).collect();
        let mut taken = vec![false; bands * columns];
        let mut cells = Vec::new();
        for b in 0..bands {
            for c in 0..columns {
                if taken[box_of(b, c)] {
                    continue;
                }
                let root = region[box_of(b, c)];
                let free = |b: usize, c: usize, taken: &[bool]| {
                    region[box_of(b, c)] == root && !taken[box_of(b, c)]
                };
                let mut end = c + 1;
                while end < columns && free(b, end, &taken) {
                    end += 1;
                }
                let mut bottom = b + 1;
                while bottom < bands && (c..end).all(|k| free(bottom, k, &taken)) {
                    bottom += 1;
                }
                for band in b..bottom {
                    for k in c..end {
                        taken[box_of(band, k)] = true;
                    }
                }
                cells.push([b, bottom, c, end]);
            }
        }
        cells.sort_unstable();
        cells
    }

    /// The cells holding words, or `None` when the bands are not rows (see the module).
    fn cells(&self, words: &[Word], taken: &[bool], unit: f64) -> Option<Vec<Cell>> {
        let inside: Vec<usize> = (0..words.len())
            .filter(|&i| !taken[i] && self.contains(&words[i]))
            .collect();
        if inside.is_empty() {
            return None;
        }
        let mut cells: Vec<Cell> = Vec::new();
        for [top, bottom, first, end] in self.merged_cells() {
            let (left, right) = (self.xs[first], self.xs[end]);
            let (upper, lower) = (self.ys[top], self.ys[bottom]);
            let in_cell: Vec<usize> = inside
                .iter()
                .copied()
                .filter(|&i| {
                    let w = &words[i];
                    let x = (w.x_min + w.x_max) / 2.0;
                    let y = w.y_centre();
                    x >= left && x < right && y >= upper && y < lower
                })
                .collect();
            if in_cell.is_empty() {
                continue;
            }
            let lines = cell_lines(words, &in_cell, unit);
            // A line that is a figure and nothing else is a row's cell; two in one cell are
            // two rows with no rule between them. A figure inside wrapped text (`双屏电脑 15
            // 台`) is no row.
            let figure_lines = lines
                .iter()
                .filter(
                    |l| matches!(l.as_slice(), [i] if crate::layout::is_number(&words[*i].text)),
                )
                .count();
            if figure_lines >= 2 || lines.len() > MAX_CELL_LINES {
                return None;
            }
            // Figures next to each other in two columns on one line of a cell that spans them:
            // the border between the columns is missing from the drawing, not a cell over both
            // (a header or a text spans columns; amounts stand in their own). Figures with
            // words between them are a wrapped text's (`培养干部 48 人、地方干部 68 人`).
            let figures_apart = lines.iter().any(|line| {
                line.windows(2).any(|pair| {
                    let [a, b] = [&words[pair[0]], &words[pair[1]]];
                    let column = |w: &Word| self.column_of((w.x_min + w.x_max) / 2.0);
                    crate::layout::is_number(&a.text)
                        && crate::layout::is_number(&b.text)
                        && column(a) != column(b)
                })
            });
            if figures_apart {
                return None;
            }
            cells.push(Cell {
                band: top,
                first_column: first,
                end_column: end,
                text: cell_text(words, &lines, unit),
                words: in_cell,
            });
        }
        Some(cells)
    }
}

/// Whether one of `rules` lies at `at` and passes `across` (the middle of a band or column).
fn crosses(rules: &[Segment], at: f64, across: f64) -> bool {
    rules
        .iter()
        .any(|r| (r.at - at).abs() < SAME_RULE && r.from < across && r.to > across)
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    parent[a] = b;
}

/// The words of a cell as lines, top to bottom, each left to right.
fn cell_lines(words: &[Word], cell: &[usize], unit: f64) -> Vec<Vec<usize>> {
    let mut sorted = cell.to_vec();
    sorted.sort_by(|&a, &b| words[a].y_centre().total_cmp(&words[b].y_centre()));
    // As `boxes::lines`: within 0.7 of a character height of the line's first word.
    let tolerance = 0.7 * 2.0 * unit;
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut centre = f64::NEG_INFINITY;
    for i in sorted {
        if lines.is_empty() || (words[i].y_centre() - centre).abs() > tolerance {
            lines.push(Vec::new());
            centre = words[i].y_centre();
        }
        lines.last_mut().expect("a line was pushed").push(i);
    }
    for line in &mut lines {
        line.sort_by(|&a, &b| words[a].x_min.total_cmp(&words[b].x_min));
    }
    lines
}

/// A cell's text: its lines joined as a wrapped line is (Chinese without a space, two Latin
/// words or numbers with one), the words of a line with a space where they stand apart.
fn cell_text(words: &[Word], lines: &[Vec<usize>], unit: f64) -> String {
    let mut text = String::new();
    for line in lines {
        let mut previous_end = None;
        for &i in line {
            let w = &words[i];
            let apart = previous_end.is_some_and(|end: f64| w.x_min - end >= 1.5 * unit);
            if !text.is_empty() && (apart || crate::layout::joins_with_space(&text, &w.text)) {
                text.push(' ');
            }
            text.push_str(&w.text);
            previous_end = Some(w.x_max);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f64, y: f64, text: &str) -> Word {
        let width = text.chars().map(crate::layout::width).sum::<usize>() as f64 * 5.0;
        Word {
            x_min: x,
            y_min: y - 4.0,
            x_max: x + width,
            y_max: y + 4.0,
            text: text.into(),
            cell: None,
        }
    }

    /// `merge_cells` of one page; its words unchanged when it has no ruled table.
    fn merge_one(words: &[Word], rules: &PageRules, unit: f64) -> Vec<Word> {
        let page = RuledPage {
            words,
            rules: Some(rules),
            unit,
        };
        let merged = merge_cells(std::slice::from_ref(&page)).remove(0);
        merged.unwrap_or_else(|| words.to_vec())
    }

    fn rule(at: f64, from: f64, to: f64) -> Segment {
        Segment { at, from, to }
    }

    /// Three columns (x 10, 100, 160, 220), rows between y 10, 30, 70, 90.
    fn grid_rules() -> PageRules {
        PageRules {
            horizontal: [10.0, 30.0, 70.0, 90.0]
                .iter()
                .map(|&y| rule(y, 10.0, 220.0))
                .collect(),
            vertical: [10.0, 100.0, 160.0, 220.0]
                .iter()
                .map(|&x| rule(x, 10.0, 90.0))
                .collect(),
        }
    }

    #[test]
    fn a_wrapped_cell_is_one_word_on_its_row() {
        let words = vec![
            word(12.0, 20.0, "项目"),
            word(102.0, 20.0, "预算数"),
            word(162.0, 20.0, "决算数"),
            // A name over three lines, its amounts centred on the middle one.
            word(12.0, 40.0, "一般公共服务"),
            word(12.0, 50.0, "支出（含财政"),
            word(12.0, 60.0, "事务）"),
            word(110.0, 50.0, "1,234.56"),
            word(170.0, 50.0, "1,200.00"),
            word(12.0, 80.0, "合计"),
            word(110.0, 80.0, "1,234.56"),
        ];
        let merged = merge_one(&words, &grid_rules(), 5.0);
        let name = merged
            .iter()
            .find(|w| w.text.starts_with("一般"))
            .expect("the name cell");
        assert_eq!(name.text, "一般公共服务支出（含财政事务）");
        let row: Vec<&str> = merged
            .iter()
            .filter(|w| w.y_centre() == name.y_centre())
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(
            row,
            ["一般公共服务支出（含财政事务）", "1,234.56", "1,200.00"]
        );
        // The wrapped name is wider than its column on the page: the next columns move right,
        // two columns clear of it, on every row alike.
        let amount_x: Vec<f64> = merged
            .iter()
            .filter(|w| w.text == "1,234.56")
            .map(|w| w.x_min)
            .collect();
        assert_eq!(amount_x.len(), 2);
        assert_eq!(amount_x[0], amount_x[1]);
        assert!(amount_x[0] >= name.x_max + 2.0 * 5.0);
    }

    #[test]
    fn bands_holding_two_rows_of_figures_are_left_to_the_word_positions() {
        let words = vec![
            word(12.0, 40.0, "工资福利支出"),
            word(110.0, 40.0, "10.00"),
            word(12.0, 55.0, "商品和服务支出"),
            word(110.0, 55.0, "20.00"),
        ];
        let merged = merge_one(&words, &grid_rules(), 5.0);
        assert_eq!(merged, words);
    }

    /// A header cell over the two amount columns (no border between them in the top band),
    /// and a row of a label and two amounts, merged.
    fn spanning_header() -> Vec<Word> {
        let mut rules = grid_rules();
        rules.vertical.retain(|v| v.at != 160.0);
        rules.vertical.push(rule(160.0, 30.0, 90.0));
        let words = vec![
            word(12.0, 20.0, "项目"),
            word(150.0, 20.0, "本年数"),
            word(12.0, 50.0, "收入"),
            word(110.0, 50.0, "1.00"),
            word(170.0, 50.0, "2.00"),
        ];
        merge_one(&words, &rules, 5.0)
    }

    #[test]
    fn a_cell_spanning_columns_is_centred_over_them() {
        let merged = spanning_header();
        let group = merged.iter().find(|w| w.text == "本年数").unwrap();
        let first = merged.iter().find(|w| w.text == "1.00").unwrap();
        let second = merged.iter().find(|w| w.text == "2.00").unwrap();
        assert!(group.x_min > first.x_min && group.x_max < second.x_max);
    }

    #[test]
    fn each_cell_carries_the_columns_it_spans() {
        let merged = spanning_header();
        let place = |text: &str| {
            let p = merged
                .iter()
                .find(|w| w.text == text)
                .unwrap()
                .cell
                .unwrap();
            (p.first, p.end, p.columns)
        };
        assert_eq!(place("项目"), (0, 1, 3));
        assert_eq!(place("本年数"), (1, 3, 3));
        assert_eq!(place("收入"), (0, 1, 3));
        assert_eq!(place("1.00"), (1, 2, 3));
        assert_eq!(place("2.00"), (2, 3, 3));
    }

    /// The place (part, first, end, columns) of the word `text` after merging.
    fn place_of(merged: &[Word], text: &str) -> (usize, usize, usize, usize) {
        let w = merged.iter().find(|w| w.text == text).expect("the word");
        let p = w.cell.expect("a grid cell");
        (p.part, p.first, p.end, p.columns)
    }

    /// A table of three columns (x 10..220, rows at y 10, 30, 50) and right under it, sharing
    /// its bottom rule and left border, a table of two (x 10..140, rows at y 50, 70, 90).
    fn stacked_rules() -> PageRules {
        let mut horizontal: Vec<Segment> = [10.0, 30.0, 50.0]
            .iter()
            .map(|&y| rule(y, 10.0, 220.0))
            .collect();
        horizontal.extend([50.5, 70.0, 90.0].iter().map(|&y| rule(y, 10.0, 140.0)));
        let mut vertical: Vec<Segment> = [10.0, 100.0, 160.0, 220.0]
            .iter()
            .map(|&x| rule(x, 10.0, 50.0))
            .collect();
        vertical.extend([10.0, 80.0, 140.0].iter().map(|&x| rule(x, 50.5, 90.0)));
        PageRules {
            horizontal,
            vertical,
        }
    }

    #[test]
    fn tables_set_one_under_another_are_two_tables() {
        let words = vec![
            word(12.0, 20.0, "项目"),
            word(102.0, 20.0, "金额"),
            word(162.0, 20.0, "备注"),
            word(12.0, 40.0, "合计"),
            word(102.0, 40.0, "10.00"),
            word(162.0, 40.0, "无"),
            word(12.0, 60.0, "姓名"),
            word(82.0, 60.0, "电话"),
            word(12.0, 80.0, "张三"),
            word(82.0, 80.0, "65818744"),
        ];
        let merged = merge_one(&words, &stacked_rules(), 5.0);
        // Each table has its own columns: the lower one's second column starts at 80, which
        // is no border of the upper one.
        assert_eq!(place_of(&merged, "金额"), (0, 1, 2, 3));
        assert_eq!(place_of(&merged, "无"), (0, 2, 3, 3));
        assert_eq!(place_of(&merged, "电话"), (1, 1, 2, 2));
        assert_eq!(place_of(&merged, "65818744"), (1, 1, 2, 2));
    }

    #[test]
    fn a_row_without_the_tables_side_border_stays_in_its_table() {
        // Drawn without outer borders: rules from 10 to 220, column borders at 60, 120 and
        // 170 only, and the 合计 row (y 50..70) spans the first two columns, so its leftmost
        // border is at 120, not 60. Its horizontal rules still end where the others do.
        let horizontal = [10.0, 30.0, 50.0, 70.0, 90.0]
            .iter()
            .map(|&y| rule(y, 10.0, 220.0))
            .collect();
        let mut vertical = vec![rule(60.0, 10.0, 50.0), rule(60.0, 70.0, 90.0)];
        vertical.extend([120.0, 170.0].iter().map(|&x| rule(x, 10.0, 90.0)));
        assert_eq!(stacked_tables(horizontal, vertical).len(), 1);
        let (h, v) = (stacked_rules().horizontal, stacked_rules().vertical);
        assert_eq!(stacked_tables(joined(&h), joined(&v)).len(), 2);
    }

    #[test]
    fn a_column_empty_on_every_row_is_kept_by_its_border() {
        // 项目 | 金额, every 金额 cell empty (a 三公 table with nothing spent left blank).
        let rules = PageRules {
            horizontal: [10.0, 30.0, 50.0, 70.0]
                .iter()
                .map(|&y| rule(y, 10.0, 220.0))
                .collect(),
            vertical: [10.0, 120.0, 220.0]
                .iter()
                .map(|&x| rule(x, 10.0, 70.0))
                .collect(),
        };
        let words = vec![
            word(12.0, 20.0, "因公出国费"),
            word(12.0, 40.0, "公务接待费"),
            word(12.0, 60.0, "公务用车费"),
        ];
        let merged = merge_one(&words, &rules, 5.0);
        assert_eq!(place_of(&merged, "公务接待费"), (0, 0, 1, 2));
    }

    #[test]
    fn a_column_no_cell_starts_in_is_no_column() {
        // Columns 0..3; cells start in 0 and 2 only (the middle one is spanned): two columns.
        assert_eq!(grid_columns([0, 2, 0], 3), [0, 1, 1, 2]);
    }

    #[test]
    fn a_group_word_between_two_columns_moves_over_one_of_them() {
        // Centred over columns at 10, 30 and 50 (the table ends at 70), a two-column word
        // would stand at 38..40, over no column's start: it moves to the nearest start, 30.
        assert_eq!(centred(&[10, 30, 50], 70, 2), 30);
        // A word wide enough to cover a start stays centred.
        assert_eq!(centred(&[10, 14, 18], 22, 8), 11);
    }

    #[test]
    fn a_merged_region_that_is_no_rectangle_is_cut_into_rectangles() {
        let mut rules = grid_rules();
        // In the top band the border at 160 is missing (a header over two columns), and under
        // its right half the border at 30 stops short: the region is an L, once refused with
        // the whole grid.
        rules.vertical.retain(|v| v.at != 160.0);
        rules.vertical.push(rule(160.0, 30.0, 90.0));
        rules.horizontal.retain(|h| h.at != 30.0);
        rules.horizontal.push(rule(30.0, 10.0, 160.0));
        let words = vec![
            word(12.0, 20.0, "项目"),
            word(110.0, 20.0, "预算数"),
            word(12.0, 50.0, "收入"),
            word(110.0, 50.0, "1.00"),
            word(170.0, 50.0, "2.00"),
            word(12.0, 80.0, "支出"),
            word(110.0, 80.0, "3.00"),
            word(170.0, 80.0, "4.00"),
        ];
        let merged = merge_one(&words, &rules, 5.0);
        let place = |text: &str| {
            let w = merged.iter().find(|w| w.text == text).expect(text);
            w.cell.map(|c| (c.first, c.end))
        };
        // The top band's header spans both columns; every amount is in its own column.
        assert_eq!(place("预算数"), Some((1, 3)), "{merged:?}");
        assert_eq!(place("1.00"), Some((1, 2)), "{merged:?}");
        assert_eq!(place("2.00"), Some((2, 3)), "{merged:?}");
        assert_eq!(place("4.00"), Some((2, 3)), "{merged:?}");
    }

    #[test]
    fn amounts_in_two_columns_of_a_merged_cell_mean_a_missing_border() {
        let mut rules = grid_rules();
        // No border between the amount columns in the middle band.
        rules.vertical.retain(|v| v.at != 160.0);
        rules.vertical.push(rule(160.0, 10.0, 30.0));
        rules.vertical.push(rule(160.0, 70.0, 90.0));
        let amounts = vec![
            word(12.0, 50.0, "收入"),
            word(110.0, 50.0, "1.00"),
            word(170.0, 50.0, "2.00"),
        ];
        assert_eq!(merge_one(&amounts, &rules, 5.0), amounts);
        // A text over both columns with a year in it is a text cell.
        let text = vec![
            word(12.0, 50.0, "用途"),
            word(102.0, 45.0, "2021"),
            word(125.0, 45.0, "年开展培训工作"),
            word(102.0, 55.0, "完成档案数字化"),
        ];
        let merged = merge_one(&text, &rules, 5.0);
        assert!(
            merged
                .iter()
                .any(|w| w.text == "2021年开展培训工作完成档案数字化"),
            "{merged:?}"
        );
        // So is a text whose line holds figures in both columns with words between them.
        let text = vec![
            word(12.0, 50.0, "完成情况"),
            word(102.0, 45.0, "培养干部"),
            word(130.0, 45.0, "48"),
            word(142.0, 45.0, "人、地方"),
            word(170.0, 45.0, "68"),
            word(182.0, 45.0, "人"),
            word(102.0, 55.0, "到我局锻炼"),
        ];
        let merged = merge_one(&text, &rules, 5.0);
        assert!(
            merged
                .iter()
                .any(|w| w.text.starts_with("培养干部") && w.text.ends_with("到我局锻炼")),
            "{merged:?}"
        );
    }

    #[test]
    fn words_outside_the_grid_are_kept_as_they_are() {
        let title = word(12.0, 5.0, "收入决算表");
        let words = vec![
            title.clone(),
            word(12.0, 40.0, "收入"),
            word(110.0, 40.0, "1.00"),
        ];
        let merged = merge_one(&words, &grid_rules(), 5.0);
        assert!(merged.contains(&title));
        assert_eq!(merged.len(), 3);
    }

    #[test]
    fn borders_on_one_line_with_a_gap_stay_two_borders() {
        let two_tables = [
            rule(100.0, 10.0, 50.0),
            rule(101.0, 60.0, 90.0),
            rule(100.5, 48.0, 59.0),
        ];
        let one = joined(&two_tables);
        assert_eq!(one.len(), 1, "{one:?}");
        assert_eq!((one[0].from, one[0].to), (10.0, 90.0));
        let apart = joined(&[rule(100.0, 60.0, 90.0), rule(101.0, 10.0, 50.0)]);
        assert_eq!(apart.len(), 2, "{apart:?}");
    }

    #[test]
    fn lines_without_a_grid_change_nothing() {
        let rules = PageRules {
            horizontal: vec![rule(30.0, 10.0, 220.0)],
            vertical: vec![],
        };
        let words = vec![word(12.0, 40.0, "收入"), word(110.0, 40.0, "1.00")];
        assert_eq!(merge_one(&words, &rules, 5.0), words);
    }
}
