//! One rule per file. The 决算's five parts with their lists are data
//! (`data/provinces/shanxi-final-accounts.toml`, checked by `province/template-sections`, which
//! answers to the former id `shanxi/final-structure`). Compiled, because a list of titles cannot
//! say it (docs/PROVINCES.md): the 预算绩效情况说明's three parts, numbered 1、 inside the
//! explanation item （四）, found by that item rather than by a part.

pub mod perf_parts_format;
pub mod perf_three_parts;

pub use perf_parts_format::PerfPartsFormat;
pub use perf_three_parts::PerfThreeParts;
