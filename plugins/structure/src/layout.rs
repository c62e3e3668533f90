//! Where the document keeps its tables: the caption lines above each table, lines that name a
//! table with nothing under them, and the text of headings and paragraphs.

use crate::text::compact_title;
use budgetlint_sdk::model::text::contains_char;
use budgetlint_sdk::model::{Block, BlockId, Document, NumberingStyle, TableId};
use budgetlint_sdk::Span;

/// How far above a table its caption may sit (title, 单位名称, 单位：万元, 预算10表 …).
const CAPTION_REACH: usize = 4;
/// A caption is a short line; longer paragraphs are prose.
const CAPTION_MAX_CHARS: usize = 60;

/// The text of a heading (marker and title, as written) or of a paragraph.
pub fn block_text<'d>(doc: &'d Document, block: &Block) -> Option<(&'d str, Span)> {
    match block {
        Block::Heading(h) => Some((doc.slice(h.span), h.span)),
        Block::Paragraph(p) => Some((doc.slice(p.text_span), p.text_span)),
        _ => None,
    }
}

/// The title of a heading or numbered paragraph without its marker.
pub fn block_title<'d>(doc: &'d Document, block: &Block) -> Option<(&'d str, Span)> {
    match block {
        Block::Heading(h) => Some((doc.slice(h.title_span), h.title_span)),
        Block::Paragraph(p) => {
            let text = doc.slice(p.text_span);
            match &p.numbering {
                Some(n) if n.span.end <= p.text_span.end && n.span.start >= p.text_span.start => {
                    let cut = (n.span.end - p.text_span.start) as usize;
                    Some((text.get(cut..).unwrap_or(text), p.text_span))
                }
                _ => Some((text, p.text_span)),
            }
        }
        _ => None,
    }
}

/// A short heading or paragraph that may be a caption, compacted.
pub fn caption_text(doc: &Document, block: &Block) -> Option<(String, Span)> {
    let (text, span) = block_text(doc, block)?;
    // A caption is a title, not a sentence (“具体内容见下表。”).
    if contains_char(text, '。') {
        return None;
    }
    let compact = compact_title(text);
    let n = compact.chars().count();
    (2..=CAPTION_MAX_CHARS)
        .contains(&n)
        .then_some((compact, span))
}

/// A heading or paragraph short enough to be a caption (possibly one with nothing but a year).
fn is_short_line(doc: &Document, block: &Block) -> bool {
    block_text(doc, block).is_some_and(|(t, _)| {
        !contains_char(t, '。') && compact_title(t).chars().count() <= CAPTION_MAX_CHARS
    })
}

/// Whether a compacted line names a table: it ends with 表 (before an optional `(一)`).
pub fn names_a_table(compact: &str) -> bool {
    let core = match compact.strip_suffix(')') {
        Some(rest) => rest.rfind('(').map(|i| &rest[..i]).unwrap_or(rest),
        None => compact,
    };
    core.ends_with('表') && core.chars().count() >= 3
}

/// One table block with the caption lines above it.
#[derive(Debug, Clone)]
pub struct PlacedTable {
    pub block: BlockId,
    pub table: TableId,
    pub span: Span,
    /// Caption candidates, nearest first: the parser's title and the short lines above.
    pub captions: Vec<(String, Span)>,
    /// Blocks holding those caption lines.
    pub caption_blocks: Vec<BlockId>,
}

/// Every table block with its captions.
pub fn placed_tables(doc: &Document) -> Vec<PlacedTable> {
    let mut out = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        let Block::Table { table, span } = block else {
            continue;
        };
        let mut captions = Vec::new();
        let mut caption_blocks = Vec::new();
        if let Some(title) = doc
            .tables
            .get(*table as usize)
            .and_then(|t| t.title.as_deref())
        {
            let compact = compact_title(title);
            if !compact.is_empty() {
                let title_span = doc.tables[*table as usize].title_span.unwrap_or(*span);
                captions.push((compact, title_span));
            }
        }
        if let Some(title_row) = doc
            .tables
            .get(*table as usize)
            .and_then(|t| title_row(doc, t))
        {
            captions.push(title_row);
        }
        for j in (i.saturating_sub(CAPTION_REACH)..i).rev() {
            let Some((text, span)) = doc.blocks.get(j).and_then(|b| block_text(doc, b)) else {
                break;
            };
            if contains_char(text, '。') {
                break;
            }
            let compact = compact_title(text);
            let n = compact.chars().count();
            if n > CAPTION_MAX_CHARS {
                break;
            }
            caption_blocks.push(j as BlockId);
            if n >= 2
                && !captions
                    .iter()
                    .any(|(_, s): &(String, Span)| s.line == span.line)
            {
                captions.push((compact, span));
            }
        }
        out.push(PlacedTable {
            block: i as BlockId,
            table: *table,
            span: *span,
            captions,
            caption_blocks,
        });
    }
    out
}

/// A first row with a single short cell that names a table: a title set inside the table.
fn title_row(doc: &Document, table: &budgetlint_sdk::model::Table) -> Option<(String, Span)> {
    let row = table.rows.first()?;
    let mut filled = row.cells.iter().filter(|c| !c.text.trim().is_empty());
    let cell = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    let compact = compact_title(doc.slice(cell.span));
    (names_a_table(&compact) && compact.chars().count() <= CAPTION_MAX_CHARS)
        .then_some((compact, cell.span))
}

/// Lines that name a table (`一、收入支出决算总表`) with no table under them, in order.
pub fn title_only_lines(doc: &Document) -> Vec<(BlockId, String, Span)> {
    let mut out = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        // A part heading (`第二部分 部门决算报表`) names a group of tables, not one.
        if matches!(block, Block::Toc(_))
            || matches!(block, Block::Heading(h) if h.numbering.style == NumberingStyle::Part)
        {
            continue;
        }
        let Some((compact, span)) = caption_text(doc, block) else {
            continue;
        };
        if !names_a_table(&compact) || has_table_below(doc, i) {
            continue;
        }
        out.push((i as BlockId, compact, span));
    }
    out
}

/// Whether a table follows block `i` with only caption-like lines (unit, 单位名称, sub-title)
/// in between.
fn has_table_below(doc: &Document, i: usize) -> bool {
    for block in doc.blocks.iter().skip(i + 1).take(CAPTION_REACH) {
        match block {
            Block::Table { .. } => return true,
            Block::Toc(_) => return false,
            other if !is_short_line(doc, other) || is_section_heading(other) => return false,
            other => match caption_text(doc, other) {
                Some((compact, _)) if names_a_table(&compact) => return false,
                _ => continue,
            },
        }
    }
    false
}

/// A numbered heading (not a caption line).
fn is_section_heading(block: &Block) -> bool {
    matches!(block, Block::Heading(h) if h.numbering.style != NumberingStyle::None)
}

/// The first block after `from` that opens the attachments (`附件：…`, `第五部分 附件`, `附表`).
pub fn annex_marker(doc: &Document, from: usize) -> Option<usize> {
    doc.blocks.iter().enumerate().skip(from).find_map(|(i, b)| {
        let (title, _) = block_title(doc, b)?;
        let compact = compact_title(title);
        is_annex_title(&compact).then_some(i)
    })
}

/// `附件…`, `附表…`: the title of an attachments list — not a numbered attachment
/// (`附表1：部门收支总体情况表` is one table).
pub fn is_annex_title(compact: &str) -> bool {
    let core = compact.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "第一二三四五六七八九十部分".contains(c)
    });
    let Some(rest) = core
        .strip_prefix("附件")
        .or_else(|| core.strip_prefix("附表"))
    else {
        return false;
    };
    !rest.starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names() {
        assert!(names_a_table("一般公共预算财政拨款支出决算表(一)"));
        assert!(names_a_table("部门收支总体情况表"));
        assert!(!names_a_table("机关运行经费"));
        assert!(!names_a_table("表"));
    }

    #[test]
    fn annex_titles() {
        assert!(is_annex_title("附件西工区社会保险中心部门预算表"));
        assert!(is_annex_title("第五部分附件"));
        assert!(!is_annex_title("附表1部门收支总体情况表"));
        assert!(!is_annex_title("附件二部门收入总体情况表"));
        assert!(!is_annex_title("名词解释"));
    }
}
