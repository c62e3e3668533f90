//! Text to document model (work in progress: filled in by the parser).
use crate::doc::*;

pub fn parse_text(text: String) -> Document {
    Document {
        text,
        source: SourceInfo::default(),
        meta: Metadata::default(),
        blocks: Vec::new(),
        tables: Vec::new(),
        outline: Vec::new(),
        facts: Vec::new(),
        relations: Vec::new(),
        perf_tables: Vec::new(),
    }
}
