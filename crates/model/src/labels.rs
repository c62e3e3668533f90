//! Canonical labels.
