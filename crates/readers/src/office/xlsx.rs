//! Excel workbooks, read with calamine: every sheet in workbook order, as a caption line with
//! the sheet's name, a blank line, and one line per row of the used range with its cells
//! joined by tabs, each cell as Excel displays it.
//!
//! - The used range is the bounding box of the cells that show something, so empty rows and
//!   columns around the data are dropped (and no row starts with a tab only because column A
//!   is empty).
//! - Rows above the first row with two filled cells (a sheet's title, `单位：万元`) are lines of
//!   text rather than table rows, so the model takes them for the table's caption and unit.
//! - An empty row inside the range is an empty line: in a sheet it separates tables.
//! - A merged region shows its value in its top-left cell; the others are empty.
//! - A formula without a cached value (a file saved by a program that does not calculate) is
//!   empty, and named in the notes.
//!
//! calamine reads the package itself, so every part is first inflated once through the size
//! limits; cells are streamed (calamine's dense `Range` would allocate the bounding box of a
//! stray far-away cell), and the used range is bounded too.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{DataRef, Dimensions, Reader, Xlsx};

use super::numfmt::NumFormat;
use super::package::{Limits, Package};
use super::{one_line, Out};
use crate::{Format, Note, Place, ReadError, Reading};

type Pos = (u32, u32);

pub(super) fn read(bytes: &[u8], limits: Limits) -> Result<Reading, ReadError> {
    Package::open(bytes, Format::Xlsx, limits)?.check_all()?;
    // calamine is a dependency outside these rules: should it panic on a damaged file, that is
    // a file it cannot read, not a crash of the linter.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook(bytes, limits))).unwrap_or_else(|_| {
        Err(ReadError::new(Format::Xlsx, "the workbook is damaged: the spreadsheet library stopped on it (try saving it again in Excel)")
            .zh("工作簿已损坏：表格读取库在读取时中止（请在 Excel 中重新保存后再试）"))
    })
}

fn read_workbook(bytes: &[u8], limits: Limits) -> Result<Reading, ReadError> {
    let mut workbook = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| failed(("cannot open the workbook", "无法打开工作簿"), e))?;
    let mut out = Out::default();
    let mut notes = Vec::new();
    for name in workbook.sheet_names() {
        let sheet = read_sheet(&mut workbook, &name, limits, &mut notes)?;
        out.blank_line();
        write_sheet(&mut out, &name, &sheet, limits, &mut notes);
    }
    Ok(Reading {
        format: Format::Xlsx,
        text: out.text,
        source: super::source_info(Format::Xlsx),
        places: out.places,
        notes,
        origin: None,
    })
}

/// A workbook that cannot be read: what failed (English, Chinese) and the library's reason.
fn failed<E: AsRef<str>, Z: AsRef<str>>(
    (what, what_zh): (E, Z),
    e: calamine::XlsxError,
) -> ReadError {
    let (what, what_zh) = (what.as_ref(), what_zh.as_ref());
    let reason_zh = crate::reasons::calamine_zh(&e);
    ReadError::new(Format::Xlsx, format!("{what}: {e}")).zh(format!("{what_zh}：{reason_zh}"))
}

/// The displayed text of a sheet's cells that show something.
#[derive(Default)]
struct Sheet {
    cells: HashMap<Pos, String>,
}

fn read_sheet(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    limits: Limits,
    notes: &mut Vec<Note>,
) -> Result<Sheet, ReadError> {
    let mut sheet = Sheet::default();
    let mut cells = workbook.worksheet_cells_reader(name).map_err(|e| {
        failed(
            (
                format!("cannot read sheet {name}"),
                format!("无法读取工作表 {name}"),
            ),
            e,
        )
    })?;
    let formats: Vec<NumFormat> = cells
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .map_or_else(NumFormat::default, number_format)
        })
        .collect();
    let general = NumFormat::default();
    while let Some((cell, style)) = cells.next_cell_with_style_id().map_err(|e| {
        failed(
            (
                format!("sheet {name} is damaged"),
                format!("工作表 {name} 已损坏"),
            ),
            e,
        )
    })? {
        let format = formats.get(style).unwrap_or(&general);
        if let Some(text) = display(cell.get_value(), format) {
            sheet.cells.insert(cell.get_position(), one_line(&text));
        }
        // Held in memory until the sheet is written: bounded like the range it spans.
        if sheet.cells.len() as u64 > limits.sheet_cells {
            let most = limits.sheet_cells;
            return Err(ReadError::new(
                Format::Xlsx,
                format!("sheet {name} is too large: more than {most} filled cells"),
            )
            .zh(format!("工作表 {name} 太大：有内容的单元格超过 {most} 个")));
        }
    }
    drop(cells);
    missing_formula_values(workbook, name, &sheet, notes)?;
    let merges = workbook.merge_cells_by_sheet_name(name).map_err(|e| {
        failed(
            (
                format!("cannot read the merged cells of sheet {name}"),
                format!("无法读取工作表 {name} 的合并单元格"),
            ),
            e,
        )
    })?;
    sheet.clear_merged(&merges);
    sheet.cells.retain(|_, text| !text.is_empty());
    Ok(sheet)
}

/// A style's number format: its code, or for a built-in format written by id only, Excel's.
fn number_format(f: &calamine::NumberFormat) -> NumFormat {
    let parsed = NumFormat::parse(&f.format_code);
    match f.format_id {
        Some(id) if parsed == NumFormat::default() => NumFormat::builtin(id),
        _ => parsed,
    }
}

/// What a cell displays; `None` when it shows nothing.
fn display(value: &DataRef<'_>, format: &NumFormat) -> Option<String> {
    let text = match value {
        DataRef::Empty => return None,
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(i) => format.render(*i as f64),
        DataRef::Float(f) => format.render(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        DataRef::DateTime(d) => format.render(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    };
    Some(text)
}

/// Notes the formulas that have no cached value: their cells stay empty, since budgetlint does
/// not calculate, and the note says which figures the reader could not see.
fn missing_formula_values(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    sheet: &Sheet,
    notes: &mut Vec<Note>,
) -> Result<(), ReadError> {
    let mut cells = workbook.worksheet_cells_reader(name).map_err(|e| {
        failed(
            (
                format!("cannot read sheet {name}"),
                format!("无法读取工作表 {name}"),
            ),
            e,
        )
    })?;
    while let Some(record) = cells.next_cell_with_formula().map_err(|e| {
        failed(
            (
                format!("sheet {name} is damaged"),
                format!("工作表 {name} 已损坏"),
            ),
            e,
        )
    })? {
        let has_formula = record.formula.as_deref().is_some_and(|f| !f.is_empty());
        if has_formula && !sheet.cells.contains_key(&record.pos) {
            let cell = address(name, record.pos);
            notes.push(Note::new(
                format!("{cell}: a formula without a calculated value (the file was saved without calculating); the cell is read as empty"),
                format!("{cell}：公式没有计算结果（文件保存时未计算）；该单元格按空白读取"),
            ));
        }
    }
    Ok(())
}

impl Sheet {
    /// Leaves a merged region's value in its top-left cell only.
    fn clear_merged(&mut self, merges: &[Dimensions]) {
        for region in merges {
            let area = u64::from(region.end.0.saturating_sub(region.start.0) + 1)
                * u64::from(region.end.1.saturating_sub(region.start.1) + 1);
            if area <= self.cells.len() as u64 {
                for pos in (region.start.0..=region.end.0)
                    .flat_map(|r| (region.start.1..=region.end.1).map(move |c| (r, c)))
                {
                    if pos != region.start {
                        self.cells.remove(&pos);
                    }
                }
            } else {
                self.cells
                    .retain(|&pos, _| pos == region.start || !covers(region, pos));
            }
        }
    }

    /// The bounding box of the filled cells: (first row, first column), (last row, last column).
    fn used_range(&self) -> Option<(Pos, Pos)> {
        let rows = self.cells.keys().map(|p| p.0);
        let cols = self.cells.keys().map(|p| p.1);
        Some((
            (rows.clone().min()?, cols.clone().min()?),
            (rows.max()?, cols.max()?),
        ))
    }
}

fn covers(d: &Dimensions, (r, c): Pos) -> bool {
    (d.start.0..=d.end.0).contains(&r) && (d.start.1..=d.end.1).contains(&c)
}

fn write_sheet(out: &mut Out, name: &str, sheet: &Sheet, limits: Limits, notes: &mut Vec<Note>) {
    out.mark(Place::Element(format!("sheet {name}")));
    out.text.push_str(&one_line(name));
    out.text.push_str("\n\n");
    let Some((first, last)) = sheet.used_range() else {
        return;
    };
    let area = u64::from(last.0 - first.0 + 1) * u64::from(last.1 - first.1 + 1);
    if area > limits.sheet_cells {
        let (from, to) = (
            address(name, first),
            column_name(last.1) + &(last.0 + 1).to_string(),
        );
        let most = limits.sheet_cells;
        notes.push(Note::new(
            format!("sheet {name} was skipped: its used range {from}:{to} spans {area} cells (budgetlint reads up to {most})"),
            format!("跳过了工作表 {name}：其使用区域 {from}:{to} 有 {area} 个单元格（budgetlint 最多读取 {most} 个）"),
        ));
        return;
    }
    let mut in_table = false;
    for r in first.0..=last.0 {
        let filled: Vec<u32> = (first.1..=last.1)
            .filter(|&c| sheet.cells.contains_key(&(r, c)))
            .collect();
        in_table |= filled.len() >= 2;
        match (in_table, filled.as_slice()) {
            (_, []) => {}
            (false, [c]) => {
                out.mark(Place::Cell(address(name, (r, *c))));
                out.text.push_str(&sheet.cells[&(r, *c)]);
            }
            _ => write_row(out, name, sheet, r, (first.1, last.1)),
        }
        out.text.push('\n');
    }
}

fn write_row(out: &mut Out, name: &str, sheet: &Sheet, r: u32, (from, to): (u32, u32)) {
    for c in from..=to {
        if c > from {
            out.text.push('\t');
        }
        out.mark(Place::Cell(address(name, (r, c))));
        if let Some(text) = sheet.cells.get(&(r, c)) {
            out.text.push_str(text);
        }
    }
}

/// `Sheet1!C12`; a name with spaces or punctuation is quoted, as Excel writes it (`'收支 总表'!A1`).
fn address(sheet: &str, (row, col): Pos) -> String {
    let plain = sheet.chars().all(|c| c.is_alphanumeric() || c == '_');
    let sheet = if plain {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    };
    format!("{sheet}!{}{}", column_name(col), u64::from(row) + 1)
}

/// 0 → `A`, 25 → `Z`, 26 → `AA`.
fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_as_in_excel() {
        assert_eq!(address("Sheet1", (11, 2)), "Sheet1!C12");
        assert_eq!(address("收支总表", (0, 26)), "收支总表!AA1");
        assert_eq!(address("My Sheet", (0, 0)), "'My Sheet'!A1");
        assert_eq!(column_name(16383), "XFD");
    }
}
