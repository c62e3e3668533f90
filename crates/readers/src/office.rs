//! Office documents: DOCX (WordprocessingML) and XLSX (SpreadsheetML), and recognising the
//! formats that are refused with a conversion hint (.doc, .xls, OFD).

use crate::{Format, ReadError, Reading};

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

pub fn read_docx(_bytes: &[u8]) -> Result<Reading, ReadError> {
    Err(ReadError::new(
        Format::Docx,
        "Word documents (.docx) cannot be read yet",
    ))
}

pub fn read_xlsx(_bytes: &[u8]) -> Result<Reading, ReadError> {
    Err(ReadError::new(
        Format::Xlsx,
        "Excel workbooks (.xlsx) cannot be read yet",
    ))
}
