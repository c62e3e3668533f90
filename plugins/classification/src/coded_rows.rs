//! Table rows that start with a classification code split over 类/款/项 cells (`208 01 09`).

use budgetlint_sdk::model::{Cell, Row, Table};

/// A row whose first cells are a 3-digit 类 code and 1–2-digit 款 and 项 parts.
pub struct CodedRow<'a> {
    pub row: &'a Row,
    /// The code cells as written.
    pub parts: Vec<&'a Cell>,
    /// The name cell: the first text cell after the codes (skipping a unit code).
    pub name: Option<&'a Cell>,
}

impl CodedRow<'_> {
    /// `2080109` from `208 1 9` or `208 01 09`.
    pub fn code(&self) -> String {
        self.parts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == 0 {
                    c.text.clone()
                } else {
                    format!("{:0>2}", c.text)
                }
            })
            .collect()
    }
    /// Whether a 款/项 part is written with one digit.
    pub fn unpadded(&self) -> bool {
        self.parts.iter().skip(1).any(|c| c.text.len() == 1)
    }
}

fn is_digits(s: &str, lens: std::ops::RangeInclusive<usize>) -> bool {
    lens.contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
}

pub fn coded_rows(table: &Table) -> Vec<CodedRow<'_>> {
    table.rows.iter().filter_map(coded_row).collect()
}

fn coded_row(row: &Row) -> Option<CodedRow<'_>> {
    let first = row.cells.first()?;
    if !is_digits(first.text.trim(), 3..=3) || !first.text.starts_with('2') {
        return None;
    }
    let mut parts = vec![first];
    for cell in row.cells.iter().skip(1).take(2) {
        if is_digits(cell.text.trim(), 1..=2) {
            parts.push(cell);
        } else {
            break;
        }
    }
    let name = row
        .cells
        .iter()
        .skip(parts.len())
        .find(|c| !c.text.trim().is_empty() && c.number.is_none());
    Some(CodedRow { row, parts, name })
}
