//! One rule per file. The 决算's five parts with their lists are data
//! (`data/provinces/shanxi-final-accounts.toml`, checked by `province/template-sections`, which
//! answers to the former id `shanxi/final-structure`). Compiled, because a list of titles cannot
//! say it (docs/PROVINCES.md): `perf-three-parts` (and `perf-parts-format`, its parts presented
//! differently) looks for the 预算绩效情况说明's three parts numbered `1、` inside the
//! explanation item （四）, found by that item's own heading rather than by a part or a `一、`
//! item of the template — a list nested at a depth and under a numbering that a template's
//! sections and their items do not describe.

pub mod perf_parts_format;
pub mod perf_three_parts;

pub use perf_parts_format::PerfPartsFormat;
pub use perf_three_parts::PerfThreeParts;
