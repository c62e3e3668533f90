//! budgetlint's document model.
//!
//! [`parse`] turns the bytes of a disclosure (部门预算/部门决算/单位预算 公开说明, as plain text or
//! Markdown) into a [`Document`]: metadata, the heading outline, paragraphs, tables and cells,
//! and the facts in them (amounts as exact decimals, percentages, years, dates, 发文字号) with the
//! relations the prose states between them (totals and parts, changes, shares, completion
//! rates) and the 绩效目标表 of each project.
//!
//! Invariants: the model knows nothing of LSP, output formats or plugin loading; every node and
//! fact has a [`Span`] into [`Document::text`]; facts are sorted by where they start;
//! amounts are never floating point; parsing never
//! panics and never drops text (every line of the input belongs to exactly one block or is blank).

pub mod classification;
pub mod decode;
pub mod divisions;
pub mod doc;
pub mod kind;
pub mod labels;
pub mod number;
mod parse;
pub mod rounding;
pub mod span;
pub mod summary;
pub mod text;

pub use decode::{decode, encode, DecodeError, Decoded};
pub use doc::*;
pub use number::{Quantity, Unit};
pub use parse::identity::{figure_kind_named, source_named};
pub use parse::parse_text;
pub use span::{LineIndex, Span};

/// Version of the model's serialized schema. SDK plugins get the model in postcard, which is
/// order-based, so bump it on any change to a serialized type: a field added (even optional),
/// removed, renamed, reordered or retyped, a variant added or moved (docs/PLUGIN_ABI.md,
/// “Versions”; `crates/protocol/tests/schema.rs` shows such changes in review). Plugins compiled
/// against another schema version are refused by the host.
pub const SCHEMA_VERSION: u32 = 2;

/// A hash of this crate's sources, the compiler version and the target (made by build.rs): the
/// model types have the same layout in two builds only if these agree (see
/// `budgetlint_protocol::abi::build_identity`).
pub const BUILD_ID: &str = env!("BUDGETLINT_MODEL_BUILD_ID");

/// Decodes `bytes` and parses them.
pub fn parse(bytes: &[u8]) -> Result<Document, DecodeError> {
    let decoded = decode(bytes)?;
    let mut doc = parse_text(decoded.text);
    doc.source = decoded.info;
    Ok(doc)
}

impl Document {
    pub fn fact(&self, id: FactId) -> &Fact {
        &self.facts[id as usize]
    }
    pub fn table(&self, id: TableId) -> &Table {
        &self.tables[id as usize]
    }
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
    /// The text of 1-based `line`, without its line ending. Counts the lines from the start:
    /// where a span is at hand, [`Document::line_at`] is cheaper.
    pub fn line_text(&self, line: u32) -> &str {
        self.text
            .split('\n')
            .nth(line.saturating_sub(1) as usize)
            .map(|l| l.trim_end_matches('\r'))
            .unwrap_or("")
    }
    /// The text of the line holding byte `offset`, without its line ending.
    pub fn line_at(&self, offset: usize) -> &str {
        let bytes = self.text.as_bytes();
        let offset = span::floor_char_boundary(&self.text, offset);
        let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |p| offset + p);
        self.text[start..end].trim_end_matches('\r')
    }
    /// The facts that start inside `span` (half-open), found by binary search: facts are in
    /// document order, sorted by the byte where they start.
    pub fn facts_in(&self, span: Span) -> &[Fact] {
        let from = self.facts.partition_point(|f| f.span.start < span.start);
        let to = from + self.facts[from..].partition_point(|f| f.span.start < span.end);
        &self.facts[from..to]
    }
    /// Paragraph and heading texts in order, with their spans (tables excluded).
    pub fn prose(&self) -> impl Iterator<Item = (BlockId, &str, Span)> + '_ {
        self.blocks.iter().enumerate().filter_map(|(i, b)| match b {
            Block::Paragraph(p) => Some((i as BlockId, self.slice(p.text_span), p.text_span)),
            Block::Heading(h) => Some((i as BlockId, self.slice(h.span), h.span)),
            _ => None,
        })
    }
    /// Amount facts with the given label key.
    pub fn amounts_with_key<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Fact> + 'a {
        self.facts.iter().filter(move |f| {
            matches!(f.kind, FactKind::Amount(_))
                && f.label.as_ref().and_then(|l| l.key.as_deref()) == Some(key)
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_at_and_line_text_agree() {
        let doc = crate::parse_text("第一行\r\n二、第二行𠀀\n\n末行".to_string());
        for (offset, _) in doc.text.char_indices() {
            let line = crate::LineIndex::new(&doc.text).line_of(offset);
            assert_eq!(doc.line_at(offset), doc.line_text(line), "offset {offset}");
        }
        assert_eq!(doc.line_at(doc.text.len()), "末行");
    }
}
