//! One rule per file.

pub mod final_structure;
pub mod perf_three_parts;

pub use final_structure::FinalStructure;
pub use perf_three_parts::PerfThreeParts;
