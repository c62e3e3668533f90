//! The 附件 of a Henan budget: the tables printed after the 附件 line, recognised by their titles
//! (or, for a table printed without its title, by its header), and the 目录's list of them.

use crate::template::{TABLES, TABLE_HEADERS};
use budgetlint_province_common::headings::{body_start, line_format, SectionHeading};
use budgetlint_province_common::names::{best_alias_match, normalize};
use budgetlint_sdk::model::{Block, Document, NumberingStyle, Table};
use budgetlint_sdk::Span;

/// Longest line (characters) taken for a table title.
const MAX_TITLE_CHARS: usize = 60;

/// A table found in the annex.
#[derive(Debug, Clone)]
pub struct AnnexTable {
    /// Its title line, or for an untitled table its first row, as a section candidate.
    pub heading: SectionHeading,
    /// The template table it is (index into [`TABLES`]).
    pub spec: usize,
    /// True when the table has no title and was recognised by its header.
    pub untitled: bool,
}

/// The template table a title names, by the most specific alias.
pub fn table_spec(title: &str) -> Option<usize> {
    let norm = normalize(title);
    let scores: Vec<Option<usize>> = TABLES
        .iter()
        .map(|s| best_alias_match(&norm, s.aliases))
        .collect();
    let best = scores.iter().flatten().max()?;
    scores.iter().position(|s| s.as_ref() == Some(best))
}

/// The block index of the 附件 line (`附件：XX 2021 年部门预算表`) after the 目录, if any.
pub fn annex_block(doc: &Document) -> Option<usize> {
    let start = body_start(doc);
    doc.blocks.iter().enumerate().position(|(_, b)| {
        b.span().start as usize >= start
            && block_text(doc, b).is_some_and(|t| {
                let n = normalize(t);
                n.starts_with("附件") || n.starts_with("附表")
            })
    })
}

fn block_text<'a>(doc: &'a Document, b: &'a Block) -> Option<&'a str> {
    match b {
        Block::Paragraph(p) => Some(doc.slice(p.text_span).trim()),
        Block::Heading(h) => Some(doc.slice(h.span).trim()),
        _ => None,
    }
}

/// The annex tables in reading order.
pub fn tables(doc: &Document) -> Vec<AnnexTable> {
    let Some(first) = annex_block(doc) else {
        return Vec::new();
    };
    let mut out: Vec<AnnexTable> = Vec::new();
    let mut titled_since_last_table = false;
    for (i, block) in doc.blocks.iter().enumerate().skip(first + 1) {
        match block {
            Block::Table { table, .. } => {
                if !titled_since_last_table {
                    if let Some(t) = doc
                        .tables
                        .get(*table as usize)
                        .and_then(|t| untitled_table(doc, i, t))
                    {
                        out.push(t);
                    }
                }
                titled_since_last_table = false;
            }
            other => {
                let Some(text) = block_text(doc, other) else {
                    continue;
                };
                if text.chars().count() > MAX_TITLE_CHARS {
                    continue;
                }
                if let Some(spec) = table_spec(text) {
                    out.push(AnnexTable {
                        heading: candidate(doc, i, text, other.span()),
                        spec,
                        untitled: false,
                    });
                    titled_since_last_table = true;
                }
            }
        }
    }
    out
}

/// A table without a title line before it that its header identifies.
fn untitled_table(doc: &Document, block: usize, t: &Table) -> Option<AnnexTable> {
    if let Some(spec) = t.title.as_deref().and_then(table_spec) {
        let span = t.title_span.unwrap_or(t.span);
        return Some(AnnexTable {
            heading: candidate(doc, block, t.title.as_deref().unwrap_or_default(), span),
            spec,
            untitled: false,
        });
    }
    let head: Vec<String> = t
        .rows
        .iter()
        .take(4)
        .flat_map(|r| r.cells.iter().map(|c| normalize(&c.text)))
        .collect();
    let has = |w: &str| head.iter().any(|c| c.contains(w));
    let (spec, _, _) = TABLE_HEADERS
        .iter()
        .find(|(_, all, any)| all.iter().all(|w| has(w)) && any.iter().any(|w| has(w)))?;
    let first_row = t.rows.first().map_or(t.span, |r| r.span);
    let mut heading = candidate(doc, block, TABLES[*spec].title, first_row);
    heading.title = first_row_text(doc, first_row);
    Some(AnnexTable {
        heading,
        spec: *spec,
        untitled: true,
    })
}

fn first_row_text(doc: &Document, span: Span) -> String {
    doc.slice(span)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

fn candidate(doc: &Document, block: usize, title: &str, span: Span) -> SectionHeading {
    SectionHeading {
        block,
        style: NumberingStyle::None,
        ordinal: 0,
        marker: String::new(),
        title: title.trim().to_string(),
        norm: normalize(title),
        span,
        title_span: span,
        format: line_format(doc, span),
        depth: 0,
    }
}

/// An annex entry of the 目录: its ordinal (十 → 10), the template table it names, and its span.
#[derive(Debug, Clone)]
pub struct TocTable {
    pub ordinal: u32,
    pub spec: Option<usize>,
    pub title: String,
    pub span: Span,
}

/// The 目录 entries after its 附件 entry (empty when the 目录 lists no annex).
pub fn toc_tables(doc: &Document) -> Vec<TocTable> {
    let Some(toc) = doc.blocks.iter().find_map(|b| match b {
        Block::Toc(t) => Some(t),
        _ => None,
    }) else {
        return Vec::new();
    };
    let Some(annex) = toc.entries.iter().position(|e| {
        let n = normalize(&e.title);
        n.starts_with("附件") || n.starts_with("附表")
    }) else {
        return Vec::new();
    };
    toc.entries[annex + 1..]
        .iter()
        .map(|e| TocTable {
            ordinal: e.numbering.ordinal,
            spec: table_spec(&e.title),
            title: format!("{}{}", e.numbering.marker.trim(), e.title.trim()),
            span: e.span,
        })
        .collect()
}
