//! Which program reads a PDF's text layer: `pdf_oxide` in process (`oxide_words.rs`, the
//! default) or poppler's `pdftotext` as a separate process, chosen by [`PdfText`]. By default
//! a PDF that `pdf_oxide` cannot read (cannot open, panics, runs past the time limit, or reads
//! no page) is read by pdftotext instead, with a note saying so.

use super::boxes::Word;
use super::oxide_words::{self, Extracted, Failure};
use super::rules::PageRules;
use crate::{Format, Note, ReadError, ReadOptions};
use std::time::Duration;

/// Which program reads a PDF's text layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PdfText {
    /// `pdf_oxide` in process, and pdftotext when pdf_oxide reads nothing (the default).
    #[default]
    Auto,
    /// `pdf_oxide` only.
    Oxide,
    /// poppler's `pdftotext` only.
    Pdftotext,
}

impl PdfText {
    /// The environment variable that chooses: `oxide`, `pdftotext`, or unset (`Auto`).
    pub const ENV: &'static str = "BUDGETLINT_PDF_TEXT";

    /// The choice [`Self::ENV`] makes; an unknown value is an error naming the two known ones.
    pub fn from_env() -> Result<PdfText, ReadError> {
        let Some(value) = std::env::var_os(Self::ENV) else {
            return Ok(PdfText::Auto);
        };
        let env = Self::ENV;
        match value.to_string_lossy().trim() {
            "" => Ok(PdfText::Auto),
            "oxide" => Ok(PdfText::Oxide),
            "pdftotext" => Ok(PdfText::Pdftotext),
            other => Err(ReadError::new(
                Format::Pdf,
                format!("{env}={other} is not a PDF text reader: use `oxide` or `pdftotext`"),
            )
            .zh(format!(
                "{env}={other} 不是可用的 PDF 文字读取方式：请用 `oxide` 或 `pdftotext`"
            ))),
        }
    }
}

/// A PDF's text layer as read: the words of every page, notes on how they were read, and the
/// drawn rules when the words' reader read them in the same pass.
pub struct TextLayer {
    pub words: Vec<Vec<Word>>,
    pub notes: Vec<Note>,
    pub rules: RulesPass,
    /// The pages (1-based) that show text the reader did not read (`Extracted::unread`).
    pub unread: Vec<u32>,
}

/// Whether pdf_oxide went through the document for its drawn rules.
pub enum RulesPass {
    /// It did, reading the words: the rules of every page, or `None` when they took longer
    /// than `rules_limit` or it could not read the document at all (then it is not tried again).
    Tried(Option<Vec<PageRules>>),
    /// It did not (pdftotext was chosen to read the words): they are still to be read.
    NotTried,
}

/// The words of every page, and notes on how they were read; the rules too when pdf_oxide
/// read the words, within `rules_limit`.
pub fn text_layer(
    bytes: &[u8],
    options: &ReadOptions,
    rules_limit: Duration,
) -> Result<TextLayer, ReadError> {
    let choice = match options.pdf_text {
        Some(choice) => choice,
        None => PdfText::from_env()?,
    };
    if choice == PdfText::Pdftotext {
        return Ok(TextLayer {
            words: super::pdftotext_words(bytes, options)?,
            notes: Vec::new(),
            rules: RulesPass::NotTried,
            unread: Vec::new(),
        });
    }
    let worker = options.pdf_worker.as_deref();
    let why = match oxide_words::pages(bytes, options.timeout, rules_limit, worker) {
        Ok(read) => match reading_or_reason(read, bytes) {
            Ok(layer) => return Ok(layer),
            Err(why) => why,
        },
        Err(failure) => Reason::Failed(failure),
    };
    if choice == PdfText::Oxide {
        return Err(ReadError::new(Format::Pdf, why.en()).zh(why.zh()));
    }
    match super::pdftotext_words(bytes, options) {
        Ok(words) => {
            let notes = vec![fell_back_note(&why)];
            // Pages the built-in reader failed on or could not read the text of are not known
            // to be images, whatever pdftotext finds on them.
            let unread = match &why {
                Reason::TextNotRead(pages) => pages.clone(),
                Reason::AllPagesFailed(n) => (1..=*n as u32).collect(),
                _ => Vec::new(),
            };
            Ok(TextLayer {
                words,
                notes,
                rules: RulesPass::Tried(None),
                unread,
            })
        }
        Err(e) => Err(ReadError {
            message: format!("{}; pdftotext could not either: {}", why.en(), e.message),
            message_zh: Some(format!(
                "{}；pdftotext 也未能读取：{}",
                why.zh(),
                e.message_zh.as_deref().unwrap_or(&e.message)
            )),
            ..e
        }),
    }
}

/// The text layer pdf_oxide read, or why pdftotext is to be tried: no pages, every page failed,
/// or no word on any page though some show text (or the file's bytes hold text operators
/// where no page gave a word: a content stream cut off at pdf_oxide's size limit).
fn reading_or_reason(read: Extracted, bytes: &[u8]) -> Result<TextLayer, Reason> {
    if read.pages.is_empty() {
        return Err(Reason::NoPages);
    }
    if read.failed.len() == read.pages.len() {
        return Err(Reason::AllPagesFailed(read.pages.len()));
    }
    let nothing_read = read.pages.iter().all(Vec::is_empty);
    let unread = if nothing_read && read.unread.is_empty() && oxide_words::shows_text(bytes) {
        (1..=read.pages.len() as u32).collect()
    } else {
        read.unread
    };
    if nothing_read && !unread.is_empty() {
        return Err(Reason::TextNotRead(unread));
    }
    Ok(TextLayer {
        notes: failed_pages_note(&read.failed).into_iter().collect(),
        words: read.pages,
        rules: RulesPass::Tried(read.rules),
        unread,
    })
}

/// The note on a PDF read by pdftotext because the built-in reader could not read it.
fn fell_back_note(why: &Reason) -> Note {
    Note::new(
        format!(
            "read by pdftotext: the built-in PDF reader could not ({})",
            why.en()
        ),
        format!(
            "由 pdftotext 读取：内置的 PDF 读取器未能读取（{}）",
            why.zh()
        ),
    )
}

/// Why the built-in reader read nothing.
enum Reason {
    Failed(Failure),
    AllPagesFailed(usize),
    NoPages,
    /// Pages that show text gave no words (see `Extracted::unread`).
    TextNotRead(Vec<u32>),
}

impl Reason {
    fn en(&self) -> String {
        match self {
            Reason::Failed(Failure::Open(why)) => {
                format!("the built-in PDF reader cannot open it: {why}")
            }
            Reason::Failed(Failure::TimedOut) => {
                "the built-in PDF reader did not finish in time; the PDF may be damaged or hostile"
                    .into()
            }
            Reason::Failed(Failure::Panicked) => {
                "the built-in PDF reader failed on it; the PDF may be damaged".into()
            }
            Reason::Failed(Failure::Stopped(why)) => {
                format!("the built-in PDF reader failed on it ({why}); the PDF may be damaged or hostile")
            }
            Reason::AllPagesFailed(n) => format!(
                "the built-in PDF reader could read none of its {n} pages; the PDF may be damaged"
            ),
            Reason::NoPages => {
                "the built-in PDF reader found no pages in it; the PDF may be damaged".into()
            }
            Reason::TextNotRead(pages) => format!(
                "the built-in PDF reader could not read the text on {} (a content stream over its limits, or damaged)",
                super::pages_en(pages)
            ),
        }
    }

    fn zh(&self) -> String {
        match self {
            Reason::Failed(Failure::Open(why)) => format!("内置的 PDF 读取器无法打开该文件：{why}"),
            Reason::Failed(Failure::TimedOut) => {
                "内置的 PDF 读取器未能按时读完；该 PDF 可能已损坏或含有恶意内容".into()
            }
            Reason::Failed(Failure::Panicked) => {
                "内置的 PDF 读取器读取出错；该 PDF 可能已损坏".into()
            }
            Reason::Failed(Failure::Stopped(_)) => {
                "内置的 PDF 读取器的进程中途停止（内存不足或崩溃）；该 PDF 可能已损坏或含有恶意内容"
                    .into()
            }
            Reason::AllPagesFailed(n) => {
                format!("内置的 PDF 读取器未能读取全部 {n} 页中的任何一页；该 PDF 可能已损坏")
            }
            Reason::NoPages => "内置的 PDF 读取器在其中找不到任何页；该 PDF 可能已损坏".into(),
            Reason::TextNotRead(pages) => format!(
                "内置的 PDF 读取器未能读取第 {} 页上的文字（内容流超出其限制，或已损坏）",
                super::page_list(pages)
            ),
        }
    }
}

/// A note naming the pages whose text could not be read (they are left empty).
fn failed_pages_note(failed: &[u32]) -> Option<Note> {
    if failed.is_empty() {
        return None;
    }
    let pages = super::page_list(failed);
    Some(Note::new(
        format!("pages whose text could not be read (damaged?), left empty: {pages}"),
        format!("无法读取文字的页（可能已损坏），按空白页处理：{pages}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extracted(pages: Vec<Vec<Word>>, failed: Vec<u32>, unread: Vec<u32>) -> Extracted {
        Extracted {
            pages,
            failed,
            unread,
            rules: None,
        }
    }

    fn word(text: &str) -> Word {
        Word {
            x_min: 0.0,
            y_min: 0.0,
            x_max: 10.0,
            y_max: 10.0,
            text: text.into(),
            cell: None,
        }
    }

    #[test]
    fn what_the_built_in_reader_read_decides_whether_pdftotext_is_tried() {
        let scan = b"q 595 0 0 842 0 0 cm /Im0 Do Q";
        let text = b"BT /F1 12 Tf (Total) Tj ET";
        let decide = |read, bytes: &[u8]| match reading_or_reason(read, bytes) {
            Ok(layer) => format!("read, unread {:?}", layer.unread),
            Err(Reason::NoPages) => "no pages".into(),
            Err(Reason::AllPagesFailed(n)) => format!("all {n} failed"),
            Err(Reason::TextNotRead(pages)) => format!("text not read on {pages:?}"),
            Err(Reason::Failed(_)) => "failed".into(),
        };
        assert_eq!(decide(extracted(vec![], vec![], vec![]), scan), "no pages");
        // Every page failed: pdftotext, whatever the bytes.
        let failed = extracted(vec![vec![], vec![]], vec![1, 2], vec![]);
        assert_eq!(decide(failed, scan), "all 2 failed");
        // Nothing read, and a page shows text: pdftotext.
        let unread = extracted(vec![vec![], vec![]], vec![], vec![2]);
        assert_eq!(decide(unread, scan), "text not read on [2]");
        // Nothing read, no page known to show text, but the file's bytes do: every page.
        let cut_off = extracted(vec![vec![]], vec![], vec![]);
        assert_eq!(decide(cut_off, text), "text not read on [1]");
        // Nothing read and nothing shows text: a scan, read as empty pages.
        let scanned = extracted(vec![vec![], vec![]], vec![], vec![]);
        assert_eq!(decide(scanned, scan), "read, unread []");
        // Some words: a reading, the unread pages named.
        let partly = extracted(vec![vec![word("合计")], vec![]], vec![], vec![2]);
        assert_eq!(decide(partly, text), "read, unread [2]");
    }

    #[test]
    fn failed_pages_are_named_as_ranges() {
        assert!(failed_pages_note(&[]).is_none());
        let note = failed_pages_note(&[2, 3, 4, 9]).unwrap();
        assert!(note.zh.ends_with("2-4, 9"), "{}", note.zh);
    }
}
