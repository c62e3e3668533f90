//! Readers: one per published format, each turning a file's bytes into the **canonical text**
//! that `budgetlint_model::parse_text` builds the document model from, plus a [`SourceMap`] from
//! that text back to the original (a PDF page, a spreadsheet cell `Sheet!C12`, an HTML or DOCX
//! element).
//!
//! The canonical text is the seam between formats and the model. Paragraphs are lines of
//! prose; a table is a run of lines with one row each and its cells separated by tabs (the
//! model's `TabSeparated` layout), so a reader that knows the cells (HTML, DOCX, XLSX) hands them
//! over exactly, with no column guessing; pages are separated by form feeds (`\f`), as
//! `pdftotext` prints them, so the model and every output can name the page of a finding.
//!
//! The format is chosen by content (magic bytes and markup), never by the file name alone:
//! a `.txt` that is really a PDF is read as a PDF, and a `.pdf` that is text is read as text.
//!
//! Invariants: a reader never panics and never hangs on any input (external programs run with
//! a time limit; archives are read with size limits), and a file it cannot read is an
//! [`ReadError`] that names the reason and, where it helps, how to convert the file.

use std::path::Path;

mod html;
pub mod layout;
mod office;
mod pdf;
pub mod reasons;
mod text;

pub use budgetlint_model::SourceInfo;
/// The office readers on their own (for the fuzz targets and for callers that know the format).
pub use office::{read_docx, read_xlsx};
/// The built-in PDF reader's worker process: its subcommand and its entry point.
pub use pdf::worker as pdf_worker;
pub use pdf::PdfText;

/// The largest input any reader accepts (bytes). Larger files are refused with a message
/// instead of being read until memory runs out.
pub const MAX_INPUT_BYTES: usize = 200 * 1024 * 1024;

/// Reads a whole input of at most [`MAX_INPUT_BYTES`]: a longer one is refused after that many
/// bytes (a stream or a device such as `/dev/zero` never says its size, and would otherwise be
/// read until memory runs out), and a regular file whose size is over the limit is refused
/// before any byte is read.
pub fn read_limited(input: &mut impl std::io::Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(input, MAX_INPUT_BYTES as u64 + 1),
        &mut bytes,
    )?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// [`read_limited`] on the file at `path`.
pub fn read_file_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    if let Some(size) = size.filter(|&s| s > MAX_INPUT_BYTES as u64) {
        return Err(too_large(Some(size)));
    }
    read_limited(&mut file)
}

fn too_large(size: Option<u64>) -> std::io::Error {
    let limit = MAX_INPUT_BYTES >> 20;
    let size = size.map_or_else(|| format!("over {limit} MB"), |s| format!("{} MB", s >> 20));
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("too large: {size} (budgetlint reads inputs up to {limit} MB)"),
    )
}

/// The most text (bytes of canonical text, UTF-8) checked in one file: a text file larger than
/// this, or a document whose text is, is refused with its size. Every stage is linear (or
/// n·log n) in the text, and so is memory, but its constant depends on the shape: prose costs
/// about 16 bytes per byte of text, rows of a table up to about 55 (cells, facts and their
/// identities), so at this size a check peaks at about 0.5 GB at most
/// (scripts/bench-memory.sh measures it; 32 MB of table rows took 1.7 GB). A real disclosure
/// is well under 1 MB of text: the largest of the real corpus is 92 KB.
pub const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;

/// The most lines checked in one file: the model costs a few hundred bytes per line whatever
/// the line's length (blank lines included), so a text of very short lines needs a bound of
/// its own (750,000 lines of one character took 290 MB; 30 MB of blank lines 1.25 GB). A real
/// disclosure has a few thousand lines (the largest of the real corpus 3,783).
pub const MAX_TEXT_LINES: usize = 500_000;

/// The formats budgetlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text or Markdown (UTF-8, UTF-16, GB18030), including `pdftotext` output.
    Text,
    Pdf,
    Html,
    /// Word 2007+ (WordprocessingML).
    Docx,
    /// Excel 2007+ (SpreadsheetML).
    Xlsx,
    /// Word 97–2003 (`.doc`).
    Doc,
    /// Excel 97–2003 (`.xls`).
    Xls,
    /// OFD (the Chinese fixed-layout format).
    Ofd,
    /// A ZIP archive that is none of the above.
    Zip,
}

impl Format {
    /// The lower-case name used in messages and in `SourceInfo::encoding` of non-text formats.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Doc => "doc",
            Format::Xls => "xls",
            Format::Ofd => "ofd",
            Format::Zip => "zip",
        }
    }

    /// Whether fixes can be written back to a file of this format (only to text).
    pub fn is_text(self) -> bool {
        matches!(self, Format::Text)
    }

    /// Whether the format has pages (findings then carry a page number).
    pub fn is_paginated(self) -> bool {
        matches!(self, Format::Pdf)
    }
}

/// Where a stretch of the canonical text comes from in the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A page of a paginated source (1-based), or of a text that separates pages by form feeds.
    Page(u32),
    /// A spreadsheet cell, as `Sheet!C12`.
    Cell(String),
    /// A structural element: `table 2, row 3, cell 1` in a DOCX, `<table> 2` in an HTML page.
    Element(String),
}

/// Maps byte offsets of the canonical text to places in the original. Entries are sorted by
/// offset; an entry holds from its offset to the next one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    entries: Vec<(usize, Place)>,
    /// Pages whose text was read by OCR (`ReadOptions::ocr`), not from a text layer.
    pub ocr_pages: Vec<u32>,
}

impl SourceMap {
    /// Records that the canonical text from `offset` on comes from `place`. Offsets must not
    /// decrease (readers write the text front to back).
    pub fn push(&mut self, offset: usize, place: Place) {
        debug_assert!(self.entries.last().is_none_or(|(o, _)| *o <= offset));
        match self.entries.last_mut() {
            Some((o, p)) if *o == offset => *p = place,
            Some((_, p)) if *p == place => {}
            _ => self.entries.push((offset, place)),
        }
    }

    /// The place of the canonical text at `offset`.
    pub fn place_at(&self, offset: usize) -> Option<&Place> {
        let i = self.entries.partition_point(|(o, _)| *o <= offset);
        i.checked_sub(1).map(|i| &self.entries[i].1)
    }

    /// The page at `offset`, for paginated sources.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        match self.place_at(offset)? {
            Place::Page(p) => Some(*p),
            _ => None,
        }
    }

    /// The spreadsheet cell at `offset`.
    pub fn cell_at(&self, offset: usize) -> Option<&str> {
        match self.place_at(offset)? {
            Place::Cell(c) => Some(c),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether the text at `offset` was read by OCR.
    pub fn is_ocr_at(&self, offset: usize) -> bool {
        !self.ocr_pages.is_empty()
            && self
                .page_at(offset)
                .is_some_and(|p| self.ocr_pages.contains(&p))
    }

    /// Page places from the form feeds of `text`: page 1 up to the first form feed, and so on.
    /// Empty when the text has no form feed (a text with one page names no page).
    pub fn pages_from_form_feeds(text: &str) -> SourceMap {
        let mut map = SourceMap::default();
        let feeds: Vec<usize> = memchr::memchr_iter(b'\x0c', text.as_bytes()).collect();
        if feeds.is_empty() {
            return map;
        }
        map.push(0, Place::Page(1));
        for (i, at) in feeds.iter().enumerate() {
            map.push(at + 1, Place::Page(i as u32 + 2));
        }
        map
    }
}

/// A file read into canonical text.
#[derive(Debug, Clone)]
pub struct Reading {
    pub format: Format,
    /// The canonical text (see the crate documentation).
    pub text: String,
    /// How the bytes became text: the encoding for text formats, the format's name otherwise.
    pub source: SourceInfo,
    pub places: SourceMap,
    /// What the reader could not read but did not stop for (pages without text, formulas without
    /// a cached value), each a sentence that names the place.
    pub notes: Vec<Note>,
    /// For a text file whose canonical text was rebuilt from its layout (`pdftotext -layout`
    /// output): the file's own text and the map back to it, so that findings keep the file's
    /// lines and columns and fixes can be written to it.
    pub origin: Option<Origin>,
}

/// The text a canonical text was rebuilt from.
#[derive(Debug, Clone)]
pub struct Origin {
    pub text: String,
    pub map: layout::OffsetMap,
}

/// A reader's note, written in English and Chinese where it is made; front ends show the one
/// of the user's language. [`Display`](std::fmt::Display) is English.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Note {
    pub en: String,
    pub zh: String,
}

impl Note {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Note {
        Note {
            en: en.into(),
            zh: zh.into(),
        }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// Why a file could not be read: in English, and in Chinese for the reasons a reviewer meets
/// (`message_zh`; front ends fall back to the English one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub format: Format,
    pub message: String,
    pub message_zh: Option<String>,
}

impl ReadError {
    pub fn new(format: Format, message: impl Into<String>) -> ReadError {
        ReadError {
            format,
            message: message.into(),
            message_zh: None,
        }
    }

    /// The same reason in Chinese.
    pub fn zh(mut self, message: impl Into<String>) -> ReadError {
        self.message_zh = Some(message.into());
        self
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

/// Settings of a read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// How long an external converter (`pdftotext`; with `ocr`, `pdftoppm` and `tesseract` on
    /// each page) may run on one file.
    pub timeout: std::time::Duration,
    /// Read the PDF pages that have no text layer by OCR (`tesseract` with `chi_sim`); their
    /// text is marked as OCR text (`SourceMap::ocr_pages`, a note).
    pub ocr: bool,
    /// Which program reads a PDF's text layer; `None`: as `BUDGETLINT_PDF_TEXT` says
    /// ([`PdfText::from_env`]).
    pub pdf_text: Option<PdfText>,
    /// The `budgetlint` binary, to read a PDF with the built-in reader in a process of its own
    /// (`budgetlint __pdf-worker`, [`pdf_worker`]) that is killed at the time limit and whose
    /// memory is capped; `None`: on a thread of this process, which a hostile PDF can keep
    /// busy after the time limit (the read is given up, the thread is not).
    pub pdf_worker: Option<std::path::PathBuf>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            timeout: std::time::Duration::from_secs(60),
            ocr: false,
            pdf_text: None,
            pdf_worker: None,
        }
    }
}

/// Reads `bytes` (the file at `path`, used for messages and as a hint) in whatever format their
/// content shows.
pub fn read(path: &Path, bytes: &[u8], options: &ReadOptions) -> Result<Reading, ReadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::new(
            sniff(bytes),
            format!(
                "file too large: {} MB (budgetlint reads files up to {} MB)",
                bytes.len() >> 20,
                MAX_INPUT_BYTES >> 20
            ),
        )
        .zh(format!(
            "文件过大：{} MB（budgetlint 最多读取 {} MB 的文件）",
            bytes.len() >> 20,
            MAX_INPUT_BYTES >> 20
        )));
    }
    let format = sniff(bytes);
    // A text file is refused before it is decoded (its text is about as long as its bytes).
    if format == Format::Text && bytes.len() > MAX_TEXT_BYTES {
        return Err(too_much_text(format, bytes.len()));
    }
    let mut reading = read_as(format, bytes, options)?;
    if reading.text.len() > MAX_TEXT_BYTES {
        return Err(too_much_text(format, reading.text.len()));
    }
    let lines = line_count(&reading.text);
    if lines > MAX_TEXT_LINES {
        return Err(ReadError::new(
            format,
            format!(
                "too many lines: {lines} (budgetlint checks up to {MAX_TEXT_LINES} lines per file; split the file)"
            ),
        )
        .zh(format!(
            "行数太多：{lines} 行（budgetlint 每个文件最多检查 {MAX_TEXT_LINES} 行；请拆分文件）"
        )));
    }
    if let Some(named) = named_format(path).filter(|named| *named != format) {
        let (named, read_as) = (named.name().to_uppercase(), format.name().to_uppercase());
        reading.notes.push(Note::new(
            format!("named as {named} but its content is {read_as}: read as {read_as}"),
            format!("文件名表明是 {named}，但内容是 {read_as}：按 {read_as} 读取"),
        ));
    }
    Ok(reading)
}

/// The format a file's extension claims, for a note when the content says otherwise.
fn named_format(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "md" => Format::Text,
        "pdf" => Format::Pdf,
        "html" | "htm" => Format::Html,
        "docx" => Format::Docx,
        "xlsx" => Format::Xlsx,
        "doc" => Format::Doc,
        "xls" => Format::Xls,
        "ofd" => Format::Ofd,
        _ => return None,
    })
}

/// Lines as the model counts them: ended by `\r\n`, `\n` or a lone `\r`.
fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let feeds = memchr::memchr_iter(b'\n', bytes).count();
    let lone_returns = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .count();
    feeds + lone_returns + 1
}

fn too_much_text(format: Format, len: usize) -> ReadError {
    ReadError::new(
        format,
        format!(
            "too much text: {} MB (budgetlint checks up to {} MB of text per file; split the file)",
            len >> 20,
            MAX_TEXT_BYTES >> 20
        ),
    )
    .zh(format!(
        "文字过多：{} MB（budgetlint 每个文件最多检查 {} MB 文字；请拆分文件）",
        len >> 20,
        MAX_TEXT_BYTES >> 20
    ))
}

fn read_as(format: Format, bytes: &[u8], options: &ReadOptions) -> Result<Reading, ReadError> {
    match format {
        Format::Text => text::read(bytes),
        Format::Pdf => pdf::read(bytes, options),
        Format::Html => html::read(bytes),
        Format::Docx => office::read_docx(bytes),
        Format::Xlsx => office::read_xlsx(bytes),
        Format::Doc => Err(ReadError::new(
            format,
            "a Word 97-2003 document (.doc): save it as .docx (Word: File > Save As; LibreOffice: `soffice --headless --convert-to docx FILE`) and check that",
        ).zh("Word 97-2003 文档（.doc）：请另存为 .docx（Word：文件 > 另存为；LibreOffice：`soffice --headless --convert-to docx 文件`）后再检查")),
        Format::Xls => Err(ReadError::new(
            format,
            "an Excel 97-2003 workbook (.xls): save it as .xlsx (`soffice --headless --convert-to xlsx FILE`) and check that",
        ).zh("Excel 97-2003 工作簿（.xls）：请另存为 .xlsx（`soffice --headless --convert-to xlsx 文件`）后再检查")),
        Format::Ofd => Err(ReadError::new(format, "an OFD document: export it as PDF and check that").zh("OFD 文档：请导出为 PDF 后再检查")),
        Format::Zip => Err(ReadError::new(format, "a ZIP archive that is not a Word or Excel file: unpack it and check its files").zh("不是 Word 或 Excel 文件的 ZIP 压缩包：请解压后检查其中的文件")),
    }
}

/// Reads `bytes` as an HTML page whatever their content looks like (for callers that know
/// the format, and for the fuzzer, which must not reach the PDF reader's external program).
pub fn read_html(bytes: &[u8]) -> Result<Reading, ReadError> {
    html::read(bytes)
}

/// The PDF reader from the word boxes `pdftotext -bbox-layout` prints (for the fuzzer, which
/// must not run the external program): layout, paragraphs and tables as for a PDF.
pub fn read_pdf_boxes(xhtml: &str) -> Result<Reading, ReadError> {
    pdf::read_bbox_layout(xhtml)
}

/// [`read_pdf_boxes`] with drawn rules given as (page, horizontal, at, from, to), in
/// pdftotext's coordinates (for the fuzzer: the ruled-table pass on any borders and words).
pub fn read_pdf_boxes_with_rules(
    xhtml: &str,
    rules: &[(usize, bool, f64, f64, f64)],
) -> Result<Reading, ReadError> {
    pdf::read_bbox_layout_with_rules(xhtml, rules)
}

/// The format of `bytes`, by their content.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    // A PDF header may follow up to 1024 bytes of junk (PDF 32000-1 §7.5.2 allows readers to
    // look that far).
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return office::sniff_zip(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return office::sniff_ole(bytes);
    }
    if html::looks_like_html(head) {
        return Format::Html;
    }
    Format::Text
}

/// Whether `path` names a file budgetlint can read (by extension; for walking folders).
pub fn is_readable_extension(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some("txt" | "md" | "pdf" | "html" | "htm" | "docx" | "xlsx" | "doc" | "xls")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_sniffed_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3"), Format::Pdf);
        assert_eq!(
            sniff(b"\xef\xbb\xbf<!DOCTYPE html><html><body>x</body></html>"),
            Format::Html
        );
        assert_eq!(sniff("一、部门主要职责\n".as_bytes()), Format::Text);
        assert_eq!(sniff(b"PK\x03\x04garbage"), Format::Zip);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]),
            Format::Doc
        );
    }

    #[test]
    fn pages_follow_form_feeds() {
        let map = SourceMap::pages_from_form_feeds("一\n\x0c二\n\x0c\x0c三");
        assert_eq!(map.page_at(0), Some(1));
        assert_eq!(map.page_at(3), Some(1));
        assert_eq!(map.page_at(5), Some(2));
        assert_eq!(map.page_at(10), Some(3));
        assert_eq!(map.page_at(11), Some(4));
        assert!(SourceMap::pages_from_form_feeds("no pages").is_empty());
    }

    #[test]
    fn a_file_named_as_another_format_is_read_by_content_with_a_note() {
        let reading = read(
            Path::new("report.pdf"),
            "一、部门主要职责\n".as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(reading.format, Format::Text);
        assert_eq!(
            reading.notes,
            [Note::new(
                "named as PDF but its content is TEXT: read as TEXT",
                "文件名表明是 PDF，但内容是 TEXT：按 TEXT 读取"
            )]
        );
        let plain = read(
            Path::new("report.txt"),
            "一、部门主要职责\n".as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert!(plain.notes.is_empty());
    }

    #[test]
    fn too_much_text_is_refused_with_its_size() {
        let big = vec![b'a'; MAX_TEXT_BYTES + 1];
        let err = read(Path::new("big.txt"), &big, &ReadOptions::default()).unwrap_err();
        assert!(err.message.contains("too much text"), "{err}");
        let fits = vec![b'a'; 1 << 20];
        assert!(read(Path::new("fits.txt"), &fits, &ReadOptions::default()).is_ok());
    }

    #[test]
    fn too_many_lines_are_refused_with_their_count() {
        let blank = "\n".repeat(MAX_TEXT_LINES);
        let err = read(
            Path::new("blank.txt"),
            blank.as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert!(
            err.message
                .contains(&format!("too many lines: {}", MAX_TEXT_LINES + 1)),
            "{err}"
        );
        let fits = "\n".repeat(MAX_TEXT_LINES - 1);
        assert!(read(
            Path::new("fits.txt"),
            fits.as_bytes(),
            &ReadOptions::default()
        )
        .is_ok());
        assert_eq!(
            line_count("a\r\nb\rc\n"),
            4,
            "\\r\\n, a lone \\r and \\n each end a line"
        );
    }

    #[test]
    fn oversized_input_is_refused_with_its_size() {
        let mut endless = std::io::repeat(0);
        let err = read_limited(&mut endless).unwrap_err().to_string();
        assert!(err.contains("too large: over 200 MB"), "{err}");
        let big = vec![b'a'; MAX_INPUT_BYTES + 1];
        let err = read(Path::new("big.txt"), &big, &ReadOptions::default()).unwrap_err();
        assert!(err.message.contains("too large"), "{err}");
    }
}
