//! The report's structure for the editor: document symbols (the heading outline with its
//! numbering, tables and the 目录 under their sections) and folding ranges (sections, tables,
//! the 目录).

use crate::position::Positions;
use budgetlint_model::{Block, Document, Span};
use tower_lsp_server::ls_types::{DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolKind};

/// One node of the outline with its byte extent.
struct Node {
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    /// The whole section (heading to the last line before the next heading of its level).
    extent: (usize, usize),
    /// The heading line itself.
    head: (usize, usize),
    children: Vec<Node>,
}

/// The outline nodes in reading order, nested by heading depth.
fn nodes(doc: &Document) -> Vec<Node> {
    let mut roots: Vec<Node> = Vec::new();
    let mut stack: Vec<(u8, Node)> = Vec::new();
    let headings: Vec<(usize, u8)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some((h.span.start as usize, h.depth)),
            _ => None,
        })
        .collect();
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => {
                while stack.last().is_some_and(|(d, _)| *d >= h.depth) {
                    close(&mut stack, &mut roots);
                }
                let start = h.span.start as usize;
                let end = section_end(doc, &headings, start, h.depth);
                let name = format!("{}{}", h.numbering.marker.trim(), h.title.trim());
                let node = Node {
                    name: non_empty(name, doc.slice(h.span)),
                    detail: None,
                    kind: if h.depth == 0 {
                        SymbolKind::MODULE
                    } else {
                        SymbolKind::NAMESPACE
                    },
                    extent: (start, end),
                    head: (start, h.span.end as usize),
                    children: Vec::new(),
                };
                stack.push((h.depth, node));
            }
            Block::Table { table, span } => {
                let t = doc.tables.get(*table as usize);
                let title = t
                    .and_then(|t| t.title.clone())
                    .unwrap_or_else(|| format!("表格（第{}行）", span.line));
                let rows = t.map_or(0, |t| t.rows.len());
                let extent = table_extent(doc, *table, *span);
                let node = Node {
                    name: title,
                    detail: Some(format!("{rows}行")),
                    kind: SymbolKind::STRUCT,
                    extent,
                    head: extent,
                    children: Vec::new(),
                };
                attach(&mut stack, &mut roots, node);
            }
            Block::Toc(toc) => {
                let extent = (toc.span.start as usize, toc.span.end as usize);
                let detail = Some(format!("{}项", toc.entries.len()));
                let node = Node {
                    name: "目录".into(),
                    detail,
                    kind: SymbolKind::STRUCT,
                    extent,
                    head: extent,
                    children: Vec::new(),
                };
                attach(&mut stack, &mut roots, node);
            }
            Block::Paragraph(_) => {}
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
}

fn non_empty(name: String, fallback: &str) -> String {
    if !name.trim().is_empty() {
        name
    } else if !fallback.trim().is_empty() {
        fallback.trim().to_string()
    } else {
        "（无标题）".into()
    }
}

fn close(stack: &mut Vec<(u8, Node)>, roots: &mut Vec<Node>) {
    if let Some((_, node)) = stack.pop() {
        attach(stack, roots, node);
    }
}

fn attach(stack: &mut [(u8, Node)], roots: &mut Vec<Node>, node: Node) {
    match stack.last_mut() {
        Some((_, parent)) => parent.children.push(node),
        None => roots.push(node),
    }
}

/// Where the section of the heading at `start` ends: before the next heading at its depth or
/// above, without the blank lines in between.
fn section_end(doc: &Document, headings: &[(usize, u8)], start: usize, depth: u8) -> usize {
    let next = headings
        .iter()
        .find(|(s, d)| *s > start && *d <= depth)
        .map_or(doc.text.len(), |(s, _)| *s);
    let section = doc.text.get(start..next).unwrap_or("");
    start + section.trim_end().len()
}

/// A table from its caption (when there is one) to its last row.
fn table_extent(doc: &Document, table: u32, span: Span) -> (usize, usize) {
    let caption = doc
        .tables
        .get(table as usize)
        .and_then(|t| t.title_span)
        .map(|s| s.start as usize);
    let start = caption.map_or(span.start as usize, |c| c.min(span.start as usize));
    let end = doc
        .text
        .get(..span.end as usize)
        .map_or(span.end as usize, |t| t.trim_end().len().max(start));
    (start, end)
}

pub fn symbols(doc: &Document, positions: &Positions) -> Vec<DocumentSymbol> {
    nodes(doc)
        .into_iter()
        .map(|n| symbol(n, positions))
        .collect()
}

#[allow(deprecated)] // `deprecated` must still be written out: the struct has no Default.
fn symbol(node: Node, positions: &Positions) -> DocumentSymbol {
    let range = positions.range(node.extent.0, node.extent.1.max(node.head.1));
    let selection_range = positions.range(node.head.0, node.head.1);
    let children: Vec<DocumentSymbol> = node
        .children
        .into_iter()
        .map(|c| symbol(c, positions))
        .collect();
    DocumentSymbol {
        name: node.name,
        detail: node.detail,
        kind: node.kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: (!children.is_empty()).then_some(children),
    }
}

/// Sections, tables and the 目录 spanning more than one line.
pub fn folding_ranges(doc: &Document, positions: &Positions) -> Vec<FoldingRange> {
    let mut out = Vec::new();
    let mut stack = nodes(doc);
    while let Some(node) = stack.pop() {
        let (a, b) = (
            positions.position(node.extent.0).line,
            positions.position(node.extent.1).line,
        );
        if b > a {
            out.push(FoldingRange {
                start_line: a,
                start_character: None,
                end_line: b,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: Some(node.name.clone()),
            });
        }
        stack.extend(node.children);
    }
    out.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::position::Encoding;
    use crate::position::LineIndex;

    const TEXT: &str = "某某县2021年部门预算公开说明\n一、部门职责\n负责全县工作。\n（一）机构设置\n内设7个科室。\n二、收支情况\n支出合计100万元。\n";

    #[test]
    fn headings_nest_by_depth_with_their_numbering() {
        let doc = budgetlint_model::parse_text(TEXT.to_string());
        let index = LineIndex::new(TEXT);
        let p = Positions {
            text: TEXT,
            index: &index,
            encoding: Encoding::Utf16,
        };
        let syms = symbols(&doc, &p);
        let names: Vec<&str> = syms.iter().map(|s| s.name.as_str()).collect();
        assert!(
            names.contains(&"一、部门职责") && names.contains(&"二、收支情况"),
            "{names:?}"
        );
        let first = syms.iter().find(|s| s.name == "一、部门职责").unwrap();
        assert_eq!(first.children.as_ref().unwrap()[0].name, "（一）机构设置");
        assert_eq!((first.range.start.line, first.range.end.line), (1, 4));
        let folds = folding_ranges(&doc, &p);
        assert!(
            folds.iter().any(|f| f.start_line == 1 && f.end_line == 4),
            "{folds:?}"
        );
    }
}
