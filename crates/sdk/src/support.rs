//! Helpers shared by rules: rounding bands, formatting of working.
