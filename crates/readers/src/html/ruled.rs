//! The ruled cells of a positioned page. PDF-to-HTML converters draw a table's borders as
//! empty positioned elements, one per cell side (`width:0;height:28pt;border-right:0.5pt
//! solid`), and set a wrapped cell's lines as separate runs a line apart. Without the borders
//! those lines look like rows of their own: the row of a wrapped indicator name then holds its
//! first line and an empty value, the next row the rest and the value. With them, the runs
//! inside one bordered cell are that cell: they are joined into one run, top to bottom, placed
//! at the cell's top border, so that every cell of a row (a cell spanning several rows
//! included) starts where the row starts, and bounded by the cell's right border, so that a long
//! joined text does not reach into the next column. A cell without text stays empty: nothing
//! is moved into it.
//!
//! A run that no four borders enclose (prose, a title, a table drawn without borders) is left
//! as it was.

use super::layout::Run;
use std::collections::HashMap;

/// A border drawn on the page: a horizontal one at `at` from `from` to `to` along the page, or
/// a vertical one at `at` across the page from `from` to `to` down it (points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub horizontal: bool,
    pub at: f32,
    pub from: f32,
    pub to: f32,
}

/// Above this many run × border pairs a page is laid out without its borders, so that a
/// hostile page of many thousands of each costs linear time (a real page has a few hundred of
/// each).
const MAX_PAIRS: usize = 4_000_000;

/// How far (points) a run may stick out of its cell: converters place text a fraction of a
/// point over a border.
const SLACK: f32 = 1.0;

/// The runs with those in the same bordered cell joined (see the module documentation).
pub fn join_cells(runs: Vec<Run>, rules: &[Rule]) -> Vec<Run> {
    if rules.is_empty() || runs.len().saturating_mul(rules.len()) > MAX_PAIRS {
        return runs;
    }
    let mut cells: Vec<((f32, f32), f32, Vec<Run>)> = Vec::new();
    let mut index: HashMap<(u32, u32), usize> = HashMap::new();
    let mut out = Vec::with_capacity(runs.len());
    for run in runs {
        let Some((key, right)) = cell_of(&run, rules) else {
            out.push(run);
            continue;
        };
        let at = *index
            .entry((key.0.to_bits(), key.1.to_bits()))
            .or_insert_with(|| {
                cells.push((key, right, Vec::new()));
                cells.len() - 1
            });
        cells[at].2.push(run);
    }
    out.extend(
        cells
            .into_iter()
            .map(|((top, left), right, members)| joined(members, top, (left, right))),
    );
    out
}

/// The cell around `run`: its top border and left border (the key), and its right border.
fn cell_of(run: &Run, rules: &[Rule]) -> Option<((f32, f32), f32)> {
    // The middle of the run's first character, which lies inside its cell.
    let x = run.left + 0.25 * run.size;
    let y = run.top + 0.5 * run.size;
    let across = |r: &&Rule, horizontal: bool, along: f32| {
        r.horizontal == horizontal && r.from - SLACK <= along && along <= r.to + SLACK
    };
    let nearest = |horizontal: bool, along: f32, at: f32, before: bool| {
        rules
            .iter()
            .filter(|r| across(r, horizontal, along))
            .map(|r| r.at)
            .filter(|&p| if before { p <= at } else { p > at })
            .reduce(|a, b| if (a < b) == before { b } else { a })
    };
    let top = nearest(true, x, y, true)?;
    nearest(true, x, y, false)?;
    let left = nearest(false, y, x, true)?;
    let right = nearest(false, y, x, false)?;
    Some(((top, left), right))
}

/// One run of a cell's runs: their text top to bottom (runs of one line left to right), at the
/// cell's top border, as wide as the widest of them but no wider than the cell (`borders`: its
/// left and right border).
fn joined(mut members: Vec<Run>, top: f32, borders: (f32, f32)) -> Run {
    members.sort_by(|a, b| {
        a.top
            .total_cmp(&b.top)
            .then_with(|| a.left.total_cmp(&b.left))
    });
    let left = members.iter().map(|r| r.left).fold(f32::INFINITY, f32::min);
    let widest = members.iter().map(Run::right).fold(left, f32::max);
    let size = members.first().map_or(12.0, |r| r.size);
    let text = members.into_iter().map(|r| r.text).collect();
    Run {
        top,
        left,
        size,
        text,
        right: Some(widest.min(borders.1).max(left)),
        cell: Some(borders),
    }
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

    fn h(at: f32, from: f32, to: f32) -> Rule {
        Rule {
            horizontal: true,
            at,
            from,
            to,
        }
    }

    fn v(at: f32, from: f32, to: f32) -> Rule {
        Rule {
            horizontal: false,
            at,
            from,
            to,
        }
    }

    #[test]
    fn the_lines_of_a_bordered_cell_are_one_run_at_its_top() {
        let rules = [
            h(100.0, 0.0, 200.0),
            h(140.0, 0.0, 200.0),
            v(0.0, 100.0, 140.0),
            v(100.0, 100.0, 140.0),
            v(200.0, 100.0, 140.0),
        ];
        let runs = vec![
            run(112.0, 5.0, "享受补助"),
            run(102.0, 5.0, "符合条件的"),
            run(107.0, 110.0, "≥95%"),
            run(150.0, 5.0, "注：在表外"),
        ];
        let out = join_cells(runs, &rules);
        let texts: Vec<(&str, f32)> = out.iter().map(|r| (r.text.as_str(), r.top)).collect();
        assert_eq!(
            texts,
            [
                ("注：在表外", 150.0),
                ("符合条件的享受补助", 100.0),
                ("≥95%", 100.0)
            ]
        );
        assert!(out[1].right.is_some_and(|r| r <= 100.0));
    }

    #[test]
    fn without_borders_or_with_too_many_pairs_runs_are_kept() {
        let runs = vec![run(10.0, 5.0, "甲"), run(20.0, 5.0, "乙")];
        assert_eq!(join_cells(runs.clone(), &[]).len(), 2);
        let many = vec![h(0.0, 0.0, 1.0); MAX_PAIRS];
        assert_eq!(join_cells(runs, &many).len(), 2);
    }
}
