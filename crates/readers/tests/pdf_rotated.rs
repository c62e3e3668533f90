//! Pages turned a quarter: by the page's /Rotate (pdftotext turns the words itself), and by
//! the content, text set sideways on a portrait page, read upwards or downwards (the boxes that
//! `pdftotext -bbox-layout` reports are then tall and narrow, and the reader turns them).
//! The PDFs are written here byte by byte; the test is skipped when pdftotext is missing.

use budgetlint_readers::{read, ReadOptions};
use std::path::Path;

mod support;
use support::pdftotext_available;

const ROWS: [[&str; 4]; 5] = [
    ["Code", "Name", "Total", "Basic"],
    ["201", "General", "1,000.00", "800.00"],
    ["20101", "Congress", "600.00", "400.00"],
    ["20102", "Council", "400.00", "400.00"],
    ["208", "Social", "234.56", "234.56"],
];

const TABLE: &str = "Code\tName\tTotal\tBasic\n201\tGeneral\t1,000.00\t800.00\n20101\tCongress\t600.00\t400.00\n20102\tCouncil\t400.00\t400.00\n208\tSocial\t234.56\t234.56\n";

#[derive(Clone, Copy)]
enum Turn {
    /// Upright content on a page with /Rotate 90.
    PageRotate,
    /// Content turned a quarter anticlockwise (read upwards), no /Rotate.
    Upwards,
    /// Content turned a quarter clockwise (read downwards), no /Rotate.
    Downwards,
}

/// One A4 portrait page (595 × 842) holding ROWS as a table that reads upright on a landscape
/// view: cell (row r, column c) at x = 60 + 150c, y = 80 + 20r from the view's top left.
fn pdf(turn: Turn) -> Vec<u8> {
    let mut content = String::new();
    for (r, row) in ROWS.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (x, y) = (60 + 150 * c as i32, 80 + 20 * r as i32);
            let tm = match turn {
                // /Rotate 90 turns the page clockwise for viewing; the view's top left is the
                // page's bottom left, and text set upwards reads left to right.
                Turn::PageRotate | Turn::Upwards => format!("0 1 -1 0 {} {x}", y),
                Turn::Downwards => format!("0 -1 1 0 {} {}", 595 - y, 842 - x),
            };
            content.push_str(&format!("BT /F1 10 Tf {tm} Tm ({cell}) Tj ET\n"));
        }
    }
    let rotate = if matches!(turn, Turn::PageRotate) {
        90
    } else {
        0
    };
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate {rotate} /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>"),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
    ];
    support::pdf_from_objects(&objects)
}

fn text_of(turn: Turn) -> String {
    let reading = read(Path::new("turned.pdf"), &pdf(turn), &ReadOptions::default()).unwrap();
    reading.text.trim_start_matches('\n').to_string()
}

#[test]
fn a_page_turned_by_its_rotate_entry_reads_as_a_table() {
    if pdftotext_available() {
        assert_eq!(text_of(Turn::PageRotate), TABLE);
    }
}

#[test]
fn text_set_sideways_reading_upwards_is_turned_upright() {
    if pdftotext_available() {
        assert_eq!(text_of(Turn::Upwards), TABLE);
    }
}

#[test]
fn text_set_sideways_reading_downwards_is_turned_upright() {
    if pdftotext_available() {
        assert_eq!(text_of(Turn::Downwards), TABLE);
    }
}
