//! The one arithmetic of printed figures (docs/rounding.md): how far a total may miss the sum of
//! its rounded parts, whether a printed rate or share is the exact ratio at its printed
//! precision, truncated, or a ratio the unrounded figures could give. Every rule that compares
//! figures and the editor's hover decide with these functions, so that a finding and the hover
//! over the same figures never disagree.
//!
//! A printed figure is a [`Bounded`] value: the printed value and the half unit of its last
//! printed digit (the true value lies within it, rounding.md §1). Nothing here uses floating
//! point.

use crate::number::{round_half_up, truncate, Quantity, Unit};
use rust_decimal::Decimal;

/// A printed value and how far the true value may lie from it (half a unit of the last printed
/// digit for one printed figure; the sum of those halves for a value computed from several).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounded {
    pub value: Decimal,
    pub tolerance: Decimal,
}

impl Bounded {
    pub fn new(value: Decimal, tolerance: Decimal) -> Bounded {
        Bounded { value, tolerance }
    }

    /// A printed quantity in `unit` (money converts exactly; other units must be equal).
    pub fn of(q: &Quantity, unit: &Unit) -> Option<Bounded> {
        if &q.unit == unit {
            return Some(Bounded::new(q.value, q.half_ulp()));
        }
        Some(Bounded::new(q.value_in(unit)?, q.half_ulp_in(unit)?))
    }

    /// `self + other`, the tolerances added (each was rounded on its own).
    pub fn plus(self, other: Bounded) -> Bounded {
        Bounded::new(self.value + other.value, self.tolerance + other.tolerance)
    }

    /// `self − other`, the tolerances added.
    pub fn minus(self, other: Bounded) -> Bounded {
        Bounded::new(self.value - other.value, self.tolerance + other.tolerance)
    }
}

/// How a stated figure compares with the value computed from other printed figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Equal to the last digit.
    Exact,
    /// Off by `gap` (computed − stated), within the rounding of the printed figures (尾差,
    /// rounding.md §2): not an arithmetic error.
    WithinRounding { gap: Decimal, tolerance: Decimal },
    /// Off by more than rounding explains: provably wrong.
    Off { gap: Decimal, tolerance: Decimal },
}

impl Agreement {
    /// The one-character verdict the hover shows: `✓`, `≈` or `✗`.
    pub fn mark(&self) -> &'static str {
        match self {
            Agreement::Exact => "✓",
            Agreement::WithinRounding { .. } => "≈",
            Agreement::Off { .. } => "✗",
        }
    }
}

/// Compares a stated value with a computed one whose tolerance (the rounding of the figures it
/// was computed from, plus the stated figure's own when it matters) is `computed.tolerance`.
pub fn agreement(stated: Decimal, computed: Bounded) -> Agreement {
    let gap = computed.value - stated;
    if gap.is_zero() {
        Agreement::Exact
    } else if gap.abs() <= computed.tolerance {
        Agreement::WithinRounding {
            gap,
            tolerance: computed.tolerance,
        }
    } else {
        Agreement::Off {
            gap,
            tolerance: computed.tolerance,
        }
    }
}

/// A total against its printed parts (rounding.md §2): the parts may miss the total by up to
/// n × half a unit of their last printed digit, n the number of parts.
pub fn sum_agreement(total: Decimal, parts: impl IntoIterator<Item = Bounded>) -> Agreement {
    let sum = parts
        .into_iter()
        .fold(Bounded::new(Decimal::ZERO, Decimal::ZERO), Bounded::plus);
    agreement(total, sum)
}

/// How a printed percentage relates to the exact ratio of the printed figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentCheck {
    /// The exact ratio rounds half-up to the printed value (rounding.md §3).
    Rounded,
    /// The printed value is the exact ratio truncated, not rounded.
    Truncated,
    /// Neither, but the ratio of some true values within the rounding of the printed part and
    /// whole gives it (the rate was computed from the unrounded figures): not provably wrong,
    /// worth a note.
    FromUnrounded,
    /// No true values behind the printed figures give it: provably wrong.
    Wrong,
}

impl PercentCheck {
    /// The hover's verdict: `✓` rounded, `≈` possible from the unrounded figures, `✗` otherwise.
    pub fn mark(&self) -> &'static str {
        match self {
            PercentCheck::Rounded => "✓",
            PercentCheck::FromUnrounded => "≈",
            PercentCheck::Truncated | PercentCheck::Wrong => "✗",
        }
    }
}

/// Compares a printed percentage with `part / whole × 100` at the printed precision
/// (rounding.md §3; a growth rate is the change over the *previous* year's figure, §4). The
/// exact ratio is returned with the verdict; `None` when the whole is zero (§6: a rate of a zero
/// base is undefined) or the ratio overflows.
pub fn check_percent(
    printed: &Quantity,
    part: Bounded,
    whole: Bounded,
) -> Option<(PercentCheck, Decimal)> {
    if whole.value.is_zero() {
        return None;
    }
    let exact = part
        .value
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(whole.value)?;
    let shown = printed.value;
    let check = if round_half_up(exact, printed.decimals) == shown {
        PercentCheck::Rounded
    } else if truncate(exact, printed.decimals) == shown {
        PercentCheck::Truncated
    } else if possible_ratio(printed, part, whole) {
        PercentCheck::FromUnrounded
    } else {
        PercentCheck::Wrong
    };
    Some((check, exact))
}

/// The range of `part / whole × 100` over the true values within the bounds of the printed
/// figures, or `None` when the whole may be zero (any ratio is possible).
pub fn ratio_interval(part: Bounded, whole: Bounded) -> Option<(Decimal, Decimal)> {
    let (part_abs, whole_abs) = (part.value.abs(), whole.value.abs());
    let smallest_whole = whole_abs - whole.tolerance;
    if smallest_whole <= Decimal::ZERO {
        return None;
    }
    let ratio = |p: Decimal, w: Decimal| {
        p.checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(w))
    };
    let lo = ratio(
        (part_abs - part.tolerance).max(Decimal::ZERO),
        whole_abs + whole.tolerance,
    )?;
    let hi = ratio(part_abs + part.tolerance, smallest_whole)?;
    Some((lo, hi))
}

/// Whether the printed percentage is the half-up rounding of some ratio in [`ratio_interval`].
fn possible_ratio(printed: &Quantity, part: Bounded, whole: Bounded) -> bool {
    let Some((lo, hi)) = ratio_interval(part, whole) else {
        return true;
    };
    let shown = printed.value.abs();
    round_half_up(lo, printed.decimals) <= shown && shown <= round_half_up(hi, printed.decimals)
}

/// Half a unit of the last of `decimals` printed decimals.
pub fn half_ulp(decimals: u32) -> Decimal {
    Decimal::new(5, decimals + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(value: &str) -> Quantity {
        let value: Decimal = value.parse().unwrap();
        Quantity {
            value,
            decimals: value.scale(),
            unit: Unit::Percent,
            per: None,
        }
    }

    fn b(value: &str, tolerance: &str) -> Bounded {
        Bounded::new(value.parse().unwrap(), tolerance.parse().unwrap())
    }

    #[test]
    fn a_rate_the_unrounded_amounts_can_give_is_not_wrong() {
        // 1.5万元, 增加0.5万元 (each ±0.05): the base 1.0 is ±0.1, the true rate 40.9%–61.1%,
        // so “增长45%” is possible although 0.5 / 1.0 = 50% exactly.
        let (check, exact) = check_percent(&pct("45"), b("0.5", "0.05"), b("1.0", "0.1")).unwrap();
        assert_eq!(
            (check, exact),
            (PercentCheck::FromUnrounded, "50".parse().unwrap())
        );
        let (lo, hi) = ratio_interval(b("0.5", "0.05"), b("1.0", "0.1")).unwrap();
        assert_eq!(round_half_up(lo, 1).to_string(), "40.9");
        assert_eq!(round_half_up(hi, 1).to_string(), "61.1");
        // 40.61 / 46.20 = 87.90%; with the amounts' rounding 87.86%–87.94%: 87.88% is possible.
        let (check, _) =
            check_percent(&pct("87.88"), b("40.61", "0.005"), b("46.20", "0.015")).unwrap();
        assert_eq!(check, PercentCheck::FromUnrounded);
    }

    #[test]
    fn rounded_truncated_and_wrong_rates() {
        let (part, whole) = (b("63.17", "0.005"), b("79.48", "0.005"));
        let check = |p: &str| check_percent(&pct(p), part, whole).unwrap().0;
        assert_eq!(check("79.48"), PercentCheck::Rounded);
        assert_eq!(check("79.47"), PercentCheck::Truncated);
        let wrong = check_percent(&pct("71.73"), b("2106.66", "0.005"), b("2940.05", "0.005"));
        assert_eq!(wrong.unwrap().0, PercentCheck::Wrong);
        // rounding.md §4: 314.27 / (461.84 + 314.27) = 40.49% → “40%”.
        let (check, _) =
            check_percent(&pct("40"), b("314.27", "0.005"), b("776.11", "0.01")).unwrap();
        assert_eq!(check, PercentCheck::Rounded);
    }

    #[test]
    fn a_zero_base_has_no_rate_and_a_near_zero_one_allows_any() {
        assert!(check_percent(&pct("100"), b("5", "0.5"), b("0", "0.5")).is_none());
        let (check, _) = check_percent(&pct("300"), b("1", "0.5"), b("0.4", "0.5")).unwrap();
        assert_eq!(check, PercentCheck::FromUnrounded);
    }

    #[test]
    fn sums_within_n_halves_are_rounding_gaps() {
        let parts = [
            b("75.21", "0.005"),
            b("8.00", "0.005"),
            b("10702.30", "0.005"),
        ];
        assert_eq!(
            sum_agreement("10785.51".parse().unwrap(), parts),
            Agreement::Exact
        );
        let gap = sum_agreement("10785.52".parse().unwrap(), parts);
        assert_eq!(gap.mark(), "≈");
        let off = sum_agreement("10785.53".parse().unwrap(), parts);
        assert_eq!(off.mark(), "✗");
    }

    #[test]
    fn half_ulp_is_half_the_last_digit() {
        assert_eq!(half_ulp(0).to_string(), "0.5");
        assert_eq!(half_ulp(2).to_string(), "0.005");
    }
}
