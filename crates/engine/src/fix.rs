//! Applying fixes to a document's text: the non-overlapping subset of the proposed fixes, in
//! one pass. Callers (the CLI's `--fix`, an editor's "fix all") re-check the result and apply
//! again for fixes that were held back because they overlapped one already taken.

use budgetlint_protocol::{Fix, TextEdit};

/// The outcome of [`apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The text with the accepted edits made.
    pub text: String,
    /// For each fix given, whether it was applied (a fix identical to an applied one counts
    /// as applied: two findings proposing the same edit are both fixed by it).
    pub applied: Vec<bool>,
}

impl Applied {
    pub fn count(&self) -> usize {
        self.applied.iter().filter(|a| **a).count()
    }
}

/// Applies every fix whose edits are valid (inside `text`, on character boundaries, not
/// overlapping each other) and do not overlap an edit of an earlier accepted fix. Fixes are
/// considered in the order of their first edit, so the result does not depend on the order
/// rules reported them. Two insertions at the same offset count as overlapping, as their
/// order would be a guess.
pub fn apply(text: &str, fixes: &[&Fix]) -> Applied {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by_key(|&i| (first_start(fixes[i]), i));
    let mut accepted: Vec<&TextEdit> = Vec::new();
    let mut applied = vec![false; fixes.len()];
    let mut taken: Vec<&Fix> = Vec::new();
    for i in order {
        let fix = fixes[i];
        if taken.iter().any(|t| t.edits == fix.edits) {
            applied[i] = true;
            continue;
        }
        let Some(edits) = valid_edits(text, fix) else {
            continue;
        };
        if edits
            .iter()
            .any(|e| accepted.iter().any(|a| overlaps(a, e)))
        {
            continue;
        }
        accepted.extend(edits);
        taken.push(fix);
        applied[i] = true;
    }
    accepted.sort_by_key(|e| (e.start, e.end));
    Applied {
        text: splice(text, &accepted),
        applied,
    }
}

fn first_start(fix: &Fix) -> u32 {
    fix.edits.iter().map(|e| e.start).min().unwrap_or(u32::MAX)
}

/// The fix's edits sorted, or `None` when one is out of range, splits a character, or two of
/// them overlap (a malformed fix is never half-applied).
fn valid_edits<'a>(text: &str, fix: &'a Fix) -> Option<Vec<&'a TextEdit>> {
    if fix.edits.is_empty() {
        return None;
    }
    let mut edits: Vec<&TextEdit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| (e.start, e.end));
    let in_text = |e: &&TextEdit| {
        let (s, t) = (e.start as usize, e.end as usize);
        s <= t && t <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(t)
    };
    if !edits.iter().all(in_text) {
        return None;
    }
    if edits.windows(2).any(|w| overlaps(w[0], w[1])) {
        return None;
    }
    Some(edits)
}

/// Whether two edits touch the same text (or insert at the same place).
fn overlaps(a: &TextEdit, b: &TextEdit) -> bool {
    if a.start == a.end && b.start == b.end {
        return a.start == b.start;
    }
    let inside = |point: u32, e: &TextEdit| e.start < point && point < e.end;
    (a.start < b.end && b.start < a.end)
        || (a.start == a.end && inside(a.start, b))
        || (b.start == b.end && inside(b.start, a))
}

/// `text` with `edits` (sorted, non-overlapping) made.
fn splice(text: &str, edits: &[&TextEdit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for e in edits {
        out.push_str(&text[at..e.start as usize]);
        out.push_str(&e.replacement);
        at = e.end as usize;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use budgetlint_protocol::Applicability;

    fn fix(edits: &[(u32, u32, &str)]) -> Fix {
        Fix {
            message: String::new(),
            applicability: Applicability::Safe,
            edits: edits
                .iter()
                .map(|&(start, end, r)| TextEdit {
                    start,
                    end,
                    replacement: r.into(),
                })
                .collect(),
        }
    }

    #[test]
    fn applies_non_overlapping_fixes_and_holds_back_the_rest() {
        let text = "依据【2020】5号和【2021】3号";
        let a = fix(&[(6, 9, "〔"), (13, 16, "〕")]);
        let b = fix(&[(6, 16, "〔2020〕")]);
        let c = fix(&[(23, 26, "〔"), (30, 33, "〕")]);
        let out = apply(text, &[&b, &a, &c]);
        assert_eq!(out.text, "依据〔2020〕5号和〔2021〕3号");
        assert_eq!(
            out.applied,
            [true, false, true],
            "a overlaps b, which starts at the same place and came first"
        );
        assert_eq!(out.count(), 2);
    }

    #[test]
    fn identical_fixes_count_once_and_bad_edits_are_skipped() {
        let text = "部份";
        let a = fix(&[(0, 6, "部分")]);
        let out = apply(
            text,
            &[
                &a,
                &a.clone(),
                &fix(&[(1, 3, "x")]),
                &fix(&[(0, 99, "x")]),
                &fix(&[]),
            ],
        );
        assert_eq!(out.text, "部分");
        assert_eq!(out.applied, [true, true, false, false, false]);
    }

    #[test]
    fn insertions_at_one_place_conflict_but_touching_edits_do_not() {
        let out = apply(
            "ab",
            &[
                &fix(&[(1, 1, "x")]),
                &fix(&[(1, 1, "y")]),
                &fix(&[(0, 1, "A")]),
                &fix(&[(1, 2, "B")]),
            ],
        );
        assert_eq!(out.applied, [true, false, true, true]);
        assert_eq!(out.text, "AxB");
    }
}
