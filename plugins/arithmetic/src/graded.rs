//! Checks whose findings fall into grades of proof, each grade its own rule id (one rule, one
//! judgement): a figure the printed figures prove wrong (error), one cut off instead of
//! rounded (warning), one the rounding of the figures could explain (info). Such a check runs
//! once per document, in a document view that keeps the findings of every grade; the rule of
//! each grade takes its own from there.

use budgetlint_sdk::{Diagnostic, RuleMeta};

/// How far the printed figures prove a figure wrong.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Grade {
    /// Wrong whatever the unrounded figures were.
    Proven,
    /// The exact value cut off at the printed precision instead of rounded half-up.
    Truncated,
    /// The rounding of the printed figures could give it: not provably wrong.
    Doubt,
}

/// The rule of each grade of one check.
pub struct GradedRules {
    pub proven: &'static RuleMeta,
    pub truncated: &'static RuleMeta,
    pub doubt: &'static RuleMeta,
}

impl GradedRules {
    /// The rule a finding of `grade` is reported under.
    pub fn of(&self, grade: Grade) -> &'static RuleMeta {
        match grade {
            Grade::Proven => self.proven,
            Grade::Truncated => self.truncated,
            Grade::Doubt => self.doubt,
        }
    }
}

/// The findings of `all` (every grade of one check, from its document view) that belong to
/// `meta`'s rule.
pub fn findings_of(all: &[Diagnostic], meta: &RuleMeta, out: &mut Vec<Diagnostic>) {
    out.extend(all.iter().filter(|d| d.rule == meta.id).cloned());
}
