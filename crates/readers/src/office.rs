//! Office documents: DOCX (WordprocessingML) and XLSX (SpreadsheetML), and recognising the
//! formats that are refused with a conversion hint (.doc, .xls, OFD).
//!
//! Both readers open the file as a ZIP package through [`package::Package`], which reads every
//! part through a size limit: a document is a few megabytes of XML, so a part that inflates
//! past the limit is a decompression bomb (or a file nobody publishes) and the file is refused.

use crate::{Format, ReadError, Reading};

mod docx;
mod listnum;
mod numfmt;
mod package;
mod xlsx;
mod xml;

pub(crate) use package::Limits;

/// Which ZIP-based format: the part names appear in the archive's headers as plain bytes.
pub fn sniff_zip(bytes: &[u8]) -> Format {
    let has = |name: &[u8]| memchr::memmem::find(bytes, name).is_some();
    if has(b"word/document.xml") {
        Format::Docx
    } else if has(b"xl/workbook.xml") {
        Format::Xlsx
    } else if has(b"OFD.xml") {
        Format::Ofd
    } else {
        Format::Zip
    }
}

/// Which OLE compound file: Word keeps a `WordDocument` stream, Excel a `Workbook` (or `Book`).
pub fn sniff_ole(bytes: &[u8]) -> Format {
    let utf16 = |s: &str| {
        s.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>()
    };
    if memchr::memmem::find(bytes, &utf16("Workbook")).is_some()
        || memchr::memmem::find(bytes, &utf16("Book")).is_some()
    {
        Format::Xls
    } else {
        Format::Doc
    }
}

/// A Word document: its paragraphs with their list numbers as printed, and its tables as
/// tab-separated rows.
pub fn read_docx(bytes: &[u8]) -> Result<Reading, ReadError> {
    docx::read(bytes, Limits::DEFAULT)
}

/// An Excel workbook: every sheet, its cells as displayed, one row a line.
pub fn read_xlsx(bytes: &[u8]) -> Result<Reading, ReadError> {
    xlsx::read(bytes, Limits::DEFAULT)
}

/// Canonical text and its source map, written front to back.
#[derive(Default)]
struct Out {
    text: String,
    places: crate::SourceMap,
}

impl Out {
    /// Starts a line (or a cell) that comes from `place`.
    fn mark(&mut self, place: crate::Place) {
        self.places.push(self.text.len(), place);
    }

    /// Ends the text so far with an empty line, unless it is empty or already does.
    fn blank_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            if !self.text.ends_with('\n') {
                self.text.push('\n');
            }
            self.text.push('\n');
        }
    }
}

/// Text made safe for one line or one cell of the canonical text: tabs separate cells and
/// line breaks separate rows there, so inside a value both become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r' | '\x0b' | '\x0c') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// What a non-text format's text was made from (see `SourceInfo::encoding`).
fn source_info(format: Format) -> crate::SourceInfo {
    crate::SourceInfo {
        encoding: format.name().into(),
        had_bom: false,
        line_ending: "lf".into(),
        replaced_bytes: 0,
    }
}

#[cfg(test)]
mod tests;
