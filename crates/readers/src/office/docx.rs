//! Word documents: `word/document.xml` read as a stream of XML events, in document order.
//!
//! - A paragraph (`w:p`) is a line: its runs' text (`w:t`), tabs and breaks as spaces, after its
//!   list number as Word prints it (`w:numPr`, directly or through the paragraph's style,
//!   resolved in `word/numbering.xml`).
//! - A table (`w:tbl`) is one line per row (`w:tr`), its cells (`w:tc`) joined by tabs, with a
//!   blank line before and after. A cell spanning n grid columns (`w:gridSpan`) is followed by
//!   n − 1 empty cells and a cell continuing a vertical merge (`w:vMerge`) is empty, so every
//!   row has the grid's columns. A cell's paragraphs are joined by spaces. Rows with no text
//!   at all are left out (they would read as a blank line and split the table). A table of one
//!   column is a frame around text, not a table of figures: its paragraphs are lines.
//! - A table inside a cell is flattened: its text joins the text of the outer cell, since the
//!   canonical text has one level of tables.
//! - Deleted text of tracked changes, field codes, the old properties of tracked formatting
//!   changes and the VML fallbacks of text boxes are skipped; text boxes' text joins the
//!   paragraph that anchors them.
//!
//! The parser keeps counters, not a stack per element, so deep nesting costs no recursion.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::listnum::ListNumbering;
use super::package::{Limits, Package};
use super::xml::{attr, part_text, reference};
use super::{one_line, Out};
use crate::{Format, Place, ReadError, Reading};

pub(super) fn read(bytes: &[u8], limits: Limits) -> Result<Reading, ReadError> {
    let mut package = Package::open(bytes, Format::Docx, limits)?;
    let document = package.part("word/document.xml")?.ok_or_else(|| {
        ReadError::new(
            Format::Docx,
            "no word/document.xml in the package: not a Word document, or a damaged one",
        )
        .zh("包中没有 word/document.xml：不是 Word 文档，或文档已损坏")
    })?;
    let mut notes = Vec::new();
    let lists = match package.part("word/numbering.xml")? {
        Some(xml) => {
            let (lists, damage) = ListNumbering::parse(&part_text(&xml));
            notes.extend(damage);
            lists
        }
        None => ListNumbering::default(),
    };
    let styles = match package.part("word/styles.xml")? {
        Some(xml) => StyleLists::parse(&part_text(&xml)),
        None => StyleLists::default(),
    };
    let mut body = Body {
        lists,
        styles,
        ..Body::default()
    };
    body.parse(&part_text(&document))?;
    notes.append(&mut body.notes);
    Ok(Reading {
        format: Format::Docx,
        text: body.out.text,
        source: super::source_info(Format::Docx),
        places: body.out.places,
        notes,
        origin: None,
    })
}

/// The list each paragraph style numbers its paragraphs with (`w:style/w:pPr/w:numPr`), and
/// the style it is based on.
#[derive(Debug, Default)]
struct StyleLists {
    styles: std::collections::HashMap<String, StyleList>,
}

#[derive(Debug, Default, Clone)]
struct StyleList {
    num_id: Option<String>,
    ilvl: Option<usize>,
    based_on: Option<String>,
}

impl StyleLists {
    /// Reads what it can: a damaged styles.xml costs list numbers, not the document.
    fn parse(xml: &str) -> StyleLists {
        let mut out = StyleLists::default();
        let mut current: Option<(String, StyleList)> = None;
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                    match (e.local_name().as_ref(), current.as_mut()) {
                        ("style", _) => {
                            current = attr(&e, "styleId").map(|id| (id, StyleList::default()))
                        }
                        ("numId", Some((_, s))) => s.num_id = attr(&e, "val"),
                        ("ilvl", Some((_, s))) => {
                            s.ilvl = attr(&e, "val").and_then(|v| v.parse().ok())
                        }
                        ("basedOn", Some((_, s))) => s.based_on = attr(&e, "val"),
                        _ => {}
                    }
                }
                Ok(Event::End(e)) if e.local_name().as_ref() == "style" => {
                    if let Some((id, s)) = current.take() {
                        out.styles.insert(id, s);
                    }
                }
                Ok(Event::Eof) | Err(_) => return out,
                Ok(_) => {}
            }
        }
    }

    /// The list of style `id`, following `w:basedOn` a bounded number of steps (a cycle of
    /// styles must not loop).
    fn list_of(&self, id: &str) -> (Option<String>, Option<usize>) {
        let (mut num_id, mut ilvl) = (None, None);
        let mut next = Some(id);
        for _ in 0..16 {
            let Some(style) = next.and_then(|id| self.styles.get(id)) else {
                break;
            };
            num_id = num_id.or_else(|| style.num_id.clone());
            ilvl = ilvl.or(style.ilvl);
            next = style.based_on.as_deref();
        }
        (num_id, ilvl)
    }
}

/// The paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
}

/// The outermost table being read.
#[derive(Debug, Default)]
struct Table {
    /// Each row's cells; each cell's paragraphs.
    rows: Vec<Vec<Vec<String>>>,
    cell: Option<Cell>,
    /// Empty grid columns after the current row's last cell.
    grid_after: usize,
}

#[derive(Debug, Default)]
struct Cell {
    paragraphs: Vec<String>,
    span: usize,
    continues_merge: bool,
}

#[derive(Default)]
struct Body {
    lists: ListNumbering,
    styles: StyleLists,
    out: Out,
    notes: Vec<crate::Note>,
    /// Nesting depths: paragraphs (text boxes put paragraphs inside paragraphs), runs, tables,
    /// and elements whose content is skipped.
    p_depth: u32,
    run_depth: u32,
    table_depth: u32,
    skip_depth: u32,
    in_text: bool,
    paragraph: Paragraph,
    table: Table,
    paragraphs: u32,
    tables: u32,
}

/// A count of grid columns (`w:val`), capped: a damaged value must not write millions of
/// empty cells.
fn grid_count(e: &BytesStart<'_>) -> usize {
    attr(e, "val")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
        .min(64)
}

/// Elements whose text is not the document's text as printed.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "del"
            | "moveFrom"
            | "instrText"
            | "delInstrText"
            | "pPrChange"
            | "rPrChange"
            | "tblPrChange"
            | "tcPrChange"
            | "trPrChange"
            | "sectPrChange"
            | "numberingChange"
            | "Fallback"
    )
}

impl Body {
    fn parse(&mut self, xml: &str) -> Result<(), ReadError> {
        let mut reader = Reader::from_str(xml);
        loop {
            let event = reader.read_event().map_err(|e| {
                let at = reader.error_position();
                ReadError::new(
                    Format::Docx,
                    format!("word/document.xml is damaged near byte {at}: {e}"),
                )
                .zh(format!(
                    "word/document.xml 在第 {at} 字节附近已损坏：{}",
                    crate::reasons::xml_zh(&e)
                ))
            })?;
            match event {
                Event::Start(e) => self.start(&e),
                Event::Empty(e) => {
                    self.start(&e);
                    self.end(e.local_name().as_ref());
                }
                Event::End(e) => self.end(e.local_name().as_ref()),
                Event::Text(t) if self.in_text && self.skip_depth == 0 => {
                    self.paragraph.text.push_str(&t.into_inner())
                }
                Event::CData(t) if self.in_text && self.skip_depth == 0 => {
                    self.paragraph.text.push_str(&t.into_inner())
                }
                Event::GeneralRef(r) if self.in_text && self.skip_depth == 0 => {
                    self.paragraph.text.extend(reference(&r))
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip_depth > 0 || is_skipped(name) {
            self.skip_depth += 1;
            return;
        }
        match name {
            "p" => {
                self.p_depth += 1;
                if self.p_depth == 1 {
                    self.paragraph = Paragraph::default();
                }
            }
            "r" => self.run_depth += 1,
            "t" if self.run_depth > 0 => self.in_text = true,
            // Tab stops (`w:tabs/w:tab`) are properties; only a tab inside a run is text.
            "tab" | "br" | "cr" if self.run_depth > 0 => self.paragraph.text.push(' '),
            "noBreakHyphen" if self.run_depth > 0 => self.paragraph.text.push('-'),
            "numId" if self.p_depth == 1 => self.paragraph.num_id = attr(e, "val"),
            "ilvl" if self.p_depth == 1 => {
                self.paragraph.ilvl = attr(e, "val").and_then(|v| v.parse().ok())
            }
            "pStyle" if self.p_depth == 1 => self.paragraph.style = attr(e, "val"),
            "tbl" => self.start_table(),
            _ if self.table_depth == 1 => self.table_element(name, e),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        match name {
            "p" => {
                self.p_depth = self.p_depth.saturating_sub(1);
                if self.p_depth == 0 {
                    self.end_paragraph();
                }
            }
            "r" => self.run_depth = self.run_depth.saturating_sub(1),
            "t" => self.in_text = false,
            "tbl" => self.end_table(),
            "tc" if self.table_depth == 1 => self.end_cell(),
            "tr" if self.table_depth == 1 => {
                self.end_cell();
                let after = std::mem::take(&mut self.table.grid_after);
                if let Some(row) = self.table.rows.last_mut() {
                    row.extend(std::iter::repeat_with(Vec::new).take(after));
                }
            }
            _ => {}
        }
    }

    /// Row and cell structure of the outermost table (nested tables are flattened).
    fn table_element(&mut self, name: &str, e: &BytesStart<'_>) {
        match name {
            "tr" => self.table.rows.push(Vec::new()),
            "tc" => {
                self.end_cell();
                self.table.cell = Some(Cell {
                    span: 1,
                    ..Cell::default()
                });
            }
            // A row that starts or ends inside the grid (`w:trPr/w:gridBefore`, `w:gridAfter`)
            // gets empty cells there, so its columns line up with the other rows.
            "gridBefore" => {
                let n = grid_count(e);
                if let Some(row) = self.table.rows.last_mut() {
                    row.extend(std::iter::repeat_with(Vec::new).take(n));
                }
            }
            "gridAfter" => self.table.grid_after = grid_count(e),
            "gridSpan" => {
                if let Some(cell) = self.table.cell.as_mut() {
                    cell.span = grid_count(e).max(1);
                }
            }
            "vMerge" => {
                if let Some(cell) = self.table.cell.as_mut() {
                    // `<w:vMerge/>` and `w:val="continue"` continue the cell above; `restart` begins one.
                    cell.continues_merge = attr(e, "val").is_none_or(|v| v == "continue");
                }
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let paragraph = std::mem::take(&mut self.paragraph);
        let label = self.label(&paragraph).unwrap_or_default();
        let text = format!("{label}{}", one_line(&paragraph.text));
        if self.table_depth > 0 {
            if let Some(cell) = self.table.cell.as_mut() {
                cell.paragraphs.push(text);
            }
            return;
        }
        self.paragraphs += 1;
        self.out
            .mark(Place::Element(format!("paragraph {}", self.paragraphs)));
        self.out.text.push_str(&text);
        self.out.text.push('\n');
    }

    /// The list number of `paragraph`: its own `w:numPr`, else its style's. `w:numId` 0 turns
    /// numbering off.
    fn label(&mut self, paragraph: &Paragraph) -> Option<String> {
        let (style_num, style_ilvl) = paragraph
            .style
            .as_deref()
            .map(|s| self.styles.list_of(s))
            .unwrap_or_default();
        let num_id = paragraph
            .num_id
            .clone()
            .or(style_num)
            .filter(|id| id != "0")?;
        let ilvl = paragraph.ilvl.or(style_ilvl).unwrap_or(0);
        self.lists.next_label(&num_id, ilvl)
    }

    fn start_table(&mut self) {
        self.table_depth += 1;
        if self.table_depth == 1 {
            self.table = Table::default();
        }
    }

    fn end_cell(&mut self) {
        let Some(cell) = self.table.cell.take() else {
            return;
        };
        let Some(row) = self.table.rows.last_mut() else {
            return;
        };
        let paragraphs = if cell.continues_merge {
            Vec::new()
        } else {
            cell.paragraphs
        };
        row.push(paragraphs);
        row.extend(std::iter::repeat_with(Vec::new).take(cell.span - 1));
    }

    fn end_table(&mut self) {
        self.table_depth = self.table_depth.saturating_sub(1);
        if self.table_depth > 0 {
            return;
        }
        self.end_cell();
        let table = std::mem::take(&mut self.table);
        self.tables += 1;
        let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
        self.out.blank_line();
        for (r, row) in table.rows.iter().enumerate() {
            let place = Place::Element(format!("table {}, row {}", self.tables, r + 1));
            if width <= 1 {
                self.frame_row(row, place);
            } else {
                self.table_row(row, place);
            }
        }
        self.out.blank_line();
    }

    fn table_row(&mut self, row: &[Vec<String>], place: Place) {
        let cells: Vec<String> = row
            .iter()
            .map(|paragraphs| one_line(&paragraphs.join(" ")))
            .collect();
        if cells.iter().all(String::is_empty) {
            return;
        }
        self.out.mark(place);
        self.out.text.push_str(&cells.join("\t"));
        self.out.text.push('\n');
    }

    fn frame_row(&mut self, row: &[Vec<String>], place: Place) {
        for paragraph in row.iter().flatten() {
            self.out.mark(place.clone());
            self.out.text.push_str(paragraph);
            self.out.text.push('\n');
        }
    }
}
