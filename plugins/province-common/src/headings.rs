//! The document's section candidates: headings, and short numbered lines that the parser kept as
//! paragraphs, with how each line is presented (Markdown level, list bullet or plain).

use crate::names::normalize;
use budgetlint_sdk::model::{Block, Document, NumberingStyle};
use budgetlint_sdk::Span;

/// Longest text (characters) a numbered paragraph may have to count as a section title.
const MAX_TITLE_CHARS: usize = 40;

/// How a heading line is presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LineFormat {
    /// A Markdown heading with this many `#`.
    Markdown(u8),
    /// A list item (`- 三、支出决算表`).
    Bullet,
    /// A plain line.
    Plain,
}

impl LineFormat {
    /// 四级标题（####） / 列表项 / 普通行.
    pub fn describe_zh(self) -> String {
        match self {
            LineFormat::Markdown(n) => format!(
                "{}级标题（{}）",
                crate::names::chinese_numeral(n as usize),
                "#".repeat(n as usize)
            ),
            LineFormat::Bullet => "列表项（- ）".to_string(),
            LineFormat::Plain => "普通行".to_string(),
        }
    }
    pub fn describe_en(self) -> String {
        match self {
            LineFormat::Markdown(n) => format!("a level-{n} heading"),
            LineFormat::Bullet => "a list item".to_string(),
            LineFormat::Plain => "a plain line".to_string(),
        }
    }
}

/// A heading, or a short numbered line, that may open a section.
#[derive(Debug, Clone)]
pub struct SectionHeading {
    /// Index of the block in `doc.blocks`.
    pub block: usize,
    pub style: NumberingStyle,
    pub ordinal: u32,
    /// The marker as written (`一、`, `第二部分`), empty when unnumbered.
    pub marker: String,
    /// The title as written, trimmed.
    pub title: String,
    /// [`normalize`]d title.
    pub norm: String,
    /// The whole heading (marker and title).
    pub span: Span,
    pub title_span: Span,
    pub format: LineFormat,
    /// Depth in the model's outline (0 = top); 0 for numbered paragraphs.
    pub depth: u8,
}

impl SectionHeading {
    /// The marker and title as a reader sees them: `五、预算绩效信息`.
    pub fn label(&self) -> String {
        let marker = self.marker.trim();
        if marker.is_empty() || self.title.starts_with(marker) {
            self.title.clone()
        } else if matches!(self.style, NumberingStyle::Part) {
            format!("{marker} {}", self.title)
        } else {
            format!("{marker}{}", self.title)
        }
    }
}

/// Every section candidate of `doc`, in reading order. A part heading whose title is on the next
/// line (`第一部分` / `西工区社会保险中心概况`) takes that line as its title.
pub fn collect(doc: &Document) -> Vec<SectionHeading> {
    let mut out = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading(h) => {
                let mut title = h.title.trim().to_string();
                let mut title_span = h.title_span;
                if title.is_empty() {
                    if let Some((t, s)) = next_line_title(doc, i) {
                        title = t;
                        title_span = s;
                    }
                }
                out.push(SectionHeading {
                    block: i,
                    style: h.numbering.style,
                    ordinal: h.numbering.ordinal,
                    marker: h.numbering.marker.clone(),
                    norm: normalize(&title),
                    title,
                    span: h.span,
                    title_span,
                    format: line_format(doc, h.span),
                    depth: h.depth,
                });
            }
            Block::Paragraph(p) => {
                let Some(n) = &p.numbering else { continue };
                let text = doc.slice(p.text_span).trim();
                let title = text.strip_prefix(n.marker.as_str()).unwrap_or(text).trim();
                if title.is_empty()
                    || title.chars().count() > MAX_TITLE_CHARS
                    || is_definition(title)
                {
                    continue;
                }
                out.push(SectionHeading {
                    block: i,
                    style: n.style,
                    ordinal: n.ordinal,
                    marker: n.marker.clone(),
                    title: title.to_string(),
                    norm: normalize(title),
                    span: p.text_span,
                    title_span: p.text_span,
                    format: line_format(doc, p.span),
                    depth: 0,
                });
            }
            _ => {}
        }
    }
    out
}

/// A numbered definition or statement (`4、基本支出：指为保障…`), not a section title: text
/// continues after a colon.
fn is_definition(title: &str) -> bool {
    title
        .find(['：', ':'])
        .is_some_and(|i| !title[i..].trim_start_matches(['：', ':']).trim().is_empty())
}

/// The text of the block after `i` when it is a short unnumbered line.
fn next_line_title(doc: &Document, i: usize) -> Option<(String, Span)> {
    let (text, span) = match doc.blocks.get(i + 1)? {
        Block::Paragraph(p) if p.numbering.is_none() => (doc.slice(p.text_span), p.text_span),
        Block::Heading(h) if h.numbering.style == NumberingStyle::None => {
            (h.title.as_str(), h.title_span)
        }
        _ => return None,
    };
    let text = text.trim();
    (!text.is_empty() && text.chars().count() <= MAX_TITLE_CHARS).then(|| (text.to_string(), span))
}

/// How the line holding `span` is presented.
pub fn line_format(doc: &Document, span: Span) -> LineFormat {
    let line = doc.line_at(span.start as usize).trim_start();
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if hashes > 0 && line[hashes..].starts_with([' ', '\t']) {
        LineFormat::Markdown(hashes.min(6) as u8)
    } else if line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("+ ")
        || line.starts_with('•')
    {
        LineFormat::Bullet
    } else {
        LineFormat::Plain
    }
}

/// The byte offset where the block after the 目录 starts (0 when there is no 目录): section
/// candidates before it are the title page, not the body.
pub fn body_start(doc: &Document) -> usize {
    doc.blocks
        .iter()
        .position(|b| matches!(b, Block::Toc(_)))
        .and_then(|i| doc.blocks.get(i + 1))
        .map_or(0, |b| b.span().start as usize)
}
