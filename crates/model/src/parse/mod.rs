//! Text to [`Document`]: lines → blocks (headings, paragraphs, 目录, tables) → facts →
//! relations → metadata → which quantity each amount is → 绩效目标表.

mod blocks;
mod facts;
mod header_paths;
pub(crate) mod identity;
mod lines;
mod meta;
mod numbering;
mod perf;
mod relations;

use crate::classification::Classification;
use crate::doc::*;
use crate::span::LineIndex;

/// Parses decoded text. Never panics; every non-blank line ends up in exactly one block.
pub fn parse_text(text: String) -> Document {
    let index = LineIndex::new(&text);
    let lines = lines::split_lines(&text, &index);
    let built = blocks::build(&text, &index, &lines);
    let blocks = join_broken_paragraphs(&text, built.blocks);
    let mut doc = Document {
        text: String::new(),
        source: SourceInfo::default(),
        meta: Metadata::default(),
        blocks,
        tables: built.tables,
        outline: Vec::new(),
        facts: Vec::new(),
        relations: Vec::new(),
        perf_tables: Vec::new(),
    };
    assign_depths(&mut doc.blocks);
    doc.outline = outline(&doc.blocks);
    let classes = Classification::for_year(None);
    doc.facts = collect_facts(&text, &index, classes, &doc);
    // Facts are the largest list on tables (one per amount and code); its growth's slack
    // is given back (shrinking a large allocation remaps it, no copy).
    doc.facts.shrink_to_fit();
    doc.relations = relations::extract(&text, &doc.blocks, &doc.facts);
    doc.text = text;
    doc.meta = meta::extract(&doc);
    identity::assign(&mut doc, classes);
    doc.perf_tables = perf::extract(&doc);
    doc
}

fn collect_facts(
    text: &str,
    index: &LineIndex,
    classes: &Classification,
    doc: &Document,
) -> Vec<Fact> {
    let mut sink = facts::FactSink {
        text,
        index,
        classes,
        facts: Vec::new(),
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        let id = i as BlockId;
        match block {
            Block::Paragraph(p) => sink.scan_prose(
                p.text_span.start as usize,
                p.text_span.end as usize,
                id,
                None,
            ),
            Block::Heading(h) => {
                sink.scan_prose(h.span.start as usize, h.span.end as usize, id, None)
            }
            Block::Table { table, .. } => sink.scan_table(&doc.tables[*table as usize], id),
            Block::Toc(_) => {}
        }
    }
    sink.facts
}

/// A paragraph cut by a page break in the PDF/Word export (“…支出决” / “算 21633.34 万元”) is
/// joined with its continuation so that sentences and labels stay whole.
///
/// In place, and the list trimmed to its length: blocks are the model's largest list on text
/// of short lines (one per line), and a second list, or the slack of the first one's growth,
/// cost as much again (70 MB of 190 on 6 MB of one-sentence lines).
fn join_broken_paragraphs(text: &str, mut blocks: Vec<Block>) -> Vec<Block> {
    // `dedup_by` hands each block with the last one kept; `true` drops the block (merged).
    blocks.dedup_by(|block, kept| match (kept, &*block) {
        (Block::Paragraph(prev), Block::Paragraph(next)) if continues(text, prev, next) => {
            prev.text_span = prev.text_span.to(next.text_span);
            prev.span = prev.span.to(next.span);
            prev.inline_items.extend(next.inline_items.iter().cloned());
            true
        }
        _ => false,
    });
    blocks.shrink_to_fit();
    blocks
}

fn continues(text: &str, prev: &Paragraph, next: &Paragraph) -> bool {
    let a = &text[prev.text_span.range()];
    let gap = &text[prev.text_span.end as usize..next.text_span.start as usize];
    let Some(last) = a.chars().next_back() else {
        return false;
    };
    let first = text[next.text_span.range()].chars().next();
    (a.chars().count() > 30 || cut_mid_sentence(a))
        && !has_column_gap(a)
        && next.numbering.is_none()
        && gap.trim().is_empty()
        && !"。；：！？”）)】.;:!?".contains(last)
        && ('\u{4E00}'..='\u{9FFF}').contains(&last)
        && first.is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_ascii_digit())
}

/// A shorter line that a comma shows to be inside a sentence: the first line of an indented
/// item, “1．公共安全（类）支出 13656.34 万元，主要用于检”, which the layout left on its own.
fn cut_mid_sentence(a: &str) -> bool {
    a.chars().count() > 12 && a.contains('，')
}

/// A line of words apart by a run of spaces or a tab, with no sentence punctuation: the
/// columns of a table a reader kept as lines, which end in the middle of a cell, not of a
/// sentence (spaced-out prose, `占本年支出合计的   99.92 %。`, has its punctuation).
fn has_column_gap(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        (t.contains("   ") || t.contains('\t') || t.contains("\u{3000}\u{3000}"))
            && !t.contains(['。', '，', '；'])
    })
}

/// Heading depth by numbering style in order of first appearance (Word-style outline
/// inference): a style already on the stack closes the deeper levels; a new style opens one.
fn assign_depths(blocks: &mut [Block]) {
    let mut stack: Vec<(NumberingStyle, Option<u8>)> = Vec::new();
    for block in blocks.iter_mut() {
        let Block::Heading(h) = block else { continue };
        let key = (
            h.numbering.style,
            if h.numbering.style == NumberingStyle::None {
                h.markdown_level
            } else {
                None
            },
        );
        let depth = match stack.iter().position(|k| *k == key) {
            Some(p) => {
                stack.truncate(p + 1);
                p
            }
            None => {
                stack.push(key);
                stack.len() - 1
            }
        };
        h.depth = depth.min(u8::MAX as usize) as u8;
    }
}

fn outline(blocks: &[Block]) -> Vec<OutlineNode> {
    let mut roots: Vec<OutlineNode> = Vec::new();
    // Path of (depth, node) from the root to the last inserted heading.
    let mut path: Vec<u8> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let Block::Heading(h) = block else { continue };
        while path.last().is_some_and(|&d| d >= h.depth) {
            path.pop();
        }
        insert_at_depth(
            &mut roots,
            path.len(),
            OutlineNode {
                block: i as BlockId,
                children: Vec::new(),
            },
        );
        path.push(h.depth);
    }
    roots
}

/// Appends `node` under the last node `depth` levels down.
fn insert_at_depth(nodes: &mut Vec<OutlineNode>, depth: usize, node: OutlineNode) {
    match nodes.last_mut() {
        Some(last) if depth > 0 => insert_at_depth(&mut last.children, depth - 1, node),
        _ => nodes.push(node),
    }
}
