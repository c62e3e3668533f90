//! What the model knows about a figure, for hovers: its label, where it sits in a table, and
//! every relation the text states about it, re-computed with exact decimals and the rounding
//! conventions of docs/rounding.md, decided by `budgetlint_model::rounding` (the arithmetic the
//! rules use, so a hover and a finding on the same figures agree):
//!
//! - `✓` the printed figures agree exactly (a rate: the exact ratio rounds half-up to the
//!   printed value);
//! - `≈` they agree within the rounding of the printed figures (尾差);
//! - `✗` they do not, with the computed value.
//!
//! This is an explanation, not a rule: the arithmetic plugin decides what is reported.

use budgetlint_model::number::format_decimal;
use budgetlint_model::rounding::{agreement, check_percent, ratio_interval, Bounded, PercentCheck};
use budgetlint_model::{
    Block, CellRef, Direction, Document, Fact, FactId, FactKind, Quantity, Relation, Unit,
};
use rust_decimal::Decimal;
use std::fmt::Write;

/// The innermost figure (amount, percentage, count, year, date, 发文字号) at byte `offset`. The
/// offset just after a figure also counts, as the cursor usually sits there after typing it.
pub fn fact_at(doc: &Document, offset: usize) -> Option<&Fact> {
    doc.facts
        .iter()
        .filter(|f| (f.span.start as usize) <= offset && offset <= (f.span.end as usize))
        .min_by_key(|f| (f.span.end - f.span.start, offset == f.span.end as usize))
}

/// Markdown describing `fact`.
pub fn describe(doc: &Document, fact: &Fact) -> String {
    let mut out = String::new();
    let _ = write!(out, "**{}**", headline(doc, fact));
    if let Some(label) = &fact.label {
        match &label.key {
            Some(key) if key != &label.raw => {
                let _ = write!(out, " · {key}（“{}”）", label.raw);
            }
            _ => {
                let _ = write!(out, " · “{}”", label.raw);
            }
        }
        if let Some(code) = &label.class_code {
            let _ = write!(out, " · 科目 {code}");
        }
        if !label.class_path.is_empty() {
            let _ = write!(out, " · {}", label.class_path.join(" › "));
        }
    }
    out.push('\n');
    if let Some(section) = section_of(doc, fact.span.start as usize) {
        let _ = write!(out, "\n位于 {section}\n");
    }
    if let Some(cell) = fact.cell {
        if let Some(place) = table_place(doc, cell) {
            let _ = write!(out, "\n{place}\n");
        }
    }
    let relations: Vec<String> = doc
        .relations
        .iter()
        .filter(|r| involves(r, fact.id))
        .filter_map(|r| relation(doc, r))
        .collect();
    if !relations.is_empty() {
        out.push('\n');
        for r in relations {
            let _ = writeln!(out, "- {r}");
        }
    }
    out
}

fn headline(doc: &Document, fact: &Fact) -> String {
    match &fact.kind {
        FactKind::Amount(q) => format!("金额 {}", q.display()),
        FactKind::Percent(q) => format!("百分比 {}", q.display()),
        FactKind::Count(q) => format!("数量 {}", q.display()),
        FactKind::Year { year } => format!("年份 {year}"),
        FactKind::Date {
            year,
            month,
            day,
            valid,
        } => {
            let mut s = format!("日期 {year}年");
            if let Some(m) = month {
                let _ = write!(s, "{m}月");
            }
            if let Some(d) = day {
                let _ = write!(s, "{d}日");
            }
            if !valid {
                s.push_str("（不是有效日期）");
            }
            s
        }
        FactKind::DocNumber(n) => {
            let agency = if n.agency.is_empty() {
                "（缺机关代字）"
            } else {
                n.agency.as_str()
            };
            format!(
                "发文字号 {} · 机关代字 {agency} · 年份 {} · 序号 {}",
                doc.slice(fact.span),
                n.year,
                n.serial
            )
        }
    }
}

/// `表“…” · 行“…” · 列“…”`.
fn table_place(doc: &Document, cell: CellRef) -> Option<String> {
    let table = doc.tables.get(cell.table as usize)?;
    let row = table.rows.get(cell.row as usize)?;
    let title = table.title.as_deref().unwrap_or("（无标题表格）");
    let row_label = row
        .cells
        .iter()
        .find(|c| c.number.is_none() && !c.text.is_empty())
        .map(|c| c.text.replace('\n', ""));
    let column = (0..table.header_rows as usize)
        .rev()
        .find_map(|h| {
            table
                .rows
                .get(h)?
                .cells
                .get(cell.col as usize)
                .filter(|c| !c.text.is_empty())
        })
        .map(|c| c.text.replace('\n', ""));
    let mut s = format!("表“{title}”");
    if let Some(r) = row_label {
        let _ = write!(s, " · 行“{r}”");
    }
    if let Some(c) = column {
        let _ = write!(s, " · 列“{c}”");
    }
    if let Some(unit) = &table.unit {
        let _ = write!(s, " · 单位：{}", unit.as_str());
    }
    Some(s)
}

fn involves(r: &Relation, id: FactId) -> bool {
    match r {
        Relation::Sum { total, parts } => *total == id || parts.contains(&id),
        Relation::Change {
            current,
            previous,
            delta,
            rate,
            components,
            ..
        } => {
            [*current, *previous, *delta, *rate].contains(&Some(id))
                || components.iter().any(|c| c.amount == id)
        }
        Relation::Share {
            part,
            whole,
            percent,
            ..
        } => *part == id || *whole == Some(id) || *percent == id,
        Relation::Completion {
            actual,
            target,
            percent,
        } => [*actual, *target, *percent].contains(&id),
    }
}

/// One line explaining a relation and whether it checks out; `None` when a figure is missing.
pub fn relation(doc: &Document, r: &Relation) -> Option<String> {
    match r {
        Relation::Sum { total, parts } => sum(doc, *total, parts),
        Relation::Change {
            current,
            previous,
            delta,
            direction,
            rate,
            components,
        } => change(
            doc, *current, *previous, *delta, *direction, *rate, components,
        ),
        Relation::Share {
            part,
            whole,
            whole_label,
            percent,
        } => match whole {
            Some(whole) => ratio(doc, "占比", *part, *whole, *percent),
            None => {
                let (p, pct) = (quantity(doc, *part)?, quantity(doc, *percent)?);
                let of = whole_label
                    .as_deref()
                    .map(|w| format!("“{w}”"))
                    .unwrap_or_else(|| "总额".into());
                Some(format!(
                    "占比：{} {} 占{of}的 {}（总额未列出，无法核对）",
                    name(doc, *part),
                    p.display(),
                    pct.display()
                ))
            }
        },
        Relation::Completion {
            actual,
            target,
            percent,
        } => ratio(doc, "完成率", *actual, *target, *percent),
    }
}

/// The fact's quantity, when it is an amount, percentage or count.
fn quantity(doc: &Document, id: FactId) -> Option<&Quantity> {
    doc.facts.get(id as usize)?.kind.quantity()
}

fn name(doc: &Document, id: FactId) -> String {
    doc.facts
        .get(id as usize)
        .and_then(|f| f.label.as_ref())
        .map(|l| l.key.clone().unwrap_or_else(|| short(&l.raw)))
        .unwrap_or_else(|| "（未命名）".into())
}

/// Long raw labels (whole clauses) cut to their last few characters.
fn short(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    if chars.len() <= 12 {
        raw.to_string()
    } else {
        format!("…{}", chars[chars.len() - 12..].iter().collect::<String>())
    }
}

/// A figure printed without its unit when it shares the unit of the relation's anchor.
fn figure(q: &Quantity, anchor: &Unit) -> String {
    if &q.unit == anchor {
        format_decimal(q.value, q.decimals)
    } else {
        q.display()
    }
}

/// A money value and its rounding half-width, in `unit`.
fn in_unit(q: &Quantity, unit: &Unit) -> Option<(Decimal, Decimal)> {
    Bounded::of(q, unit).map(|b| (b.value, b.tolerance))
}

/// The model's verdict (`budgetlint_model::rounding`, the arithmetic the rules use) on a stated
/// value against one computed within `tolerance`.
fn verdict(diff: Decimal, tolerance: Decimal) -> &'static str {
    agreement(Decimal::ZERO, Bounded::new(diff, tolerance)).mark()
}

/// A signed figure with a proper minus sign (`+5214.77`, `−1733.04`).
fn signed(value: Decimal, decimals: u32) -> String {
    let abs = shown(value.abs(), decimals);
    if value.is_sign_negative() && !value.is_zero() {
        format!("−{abs}")
    } else {
        format!("+{abs}")
    }
}

/// Decimals worth showing for a computed value in `unit`.
fn shown(value: Decimal, decimals: u32) -> String {
    format_decimal(value.normalize(), decimals)
}

fn sum(doc: &Document, total: FactId, parts: &[FactId]) -> Option<String> {
    let t = quantity(doc, total)?;
    let mut acc = Decimal::ZERO;
    let mut tolerance = Decimal::ZERO;
    let mut terms = Vec::new();
    let mut decimals = t.decimals;
    for &p in parts {
        let q = quantity(doc, p)?;
        let (v, h) = in_unit(q, &t.unit)?;
        acc += v;
        tolerance += h;
        decimals = decimals.max(q.decimals);
        terms.push(format!("{} {}", name(doc, p), figure(q, &t.unit)));
    }
    let diff = t.value - acc;
    let mut line = format!(
        "{} {} = {} {}",
        name(doc, total),
        t.display(),
        terms.join(" + "),
        verdict(diff, tolerance)
    );
    match verdict(diff, tolerance) {
        "≈" => {
            let _ = write!(
                line,
                "（各项合计 {}，尾差 {}，在 {} 项舍入范围 ±{} 内）",
                shown(acc, decimals),
                shown(diff, decimals),
                parts.len(),
                tolerance.normalize()
            );
        }
        "✗" => {
            let _ = write!(
                line,
                "（各项合计 {}{}，相差 {}）",
                shown(acc, decimals),
                t.unit.as_str(),
                shown(diff, decimals)
            );
        }
        _ => {}
    }
    Some(line)
}

fn change(
    doc: &Document,
    current: Option<FactId>,
    previous: Option<FactId>,
    delta: Option<FactId>,
    direction: Direction,
    rate: Option<FactId>,
    components: &[budgetlint_model::ChangeComponent],
) -> Option<String> {
    let word = match direction {
        Direction::Increase => "增加",
        Direction::Decrease => "减少",
        Direction::Unchanged => "持平",
    };
    let mut parts = Vec::new();
    let d = delta.and_then(|id| quantity(doc, id));
    let c = current.and_then(|id| quantity(doc, id));
    let p = previous.and_then(|id| quantity(doc, id));
    match d {
        Some(d) => parts.push(format!("较上年{word} {}", d.display())),
        None => parts.push(format!("较上年{word}")),
    }
    if let (Some(c), Some(p), Some(d)) = (c, p, d) {
        let (cv, ch) = in_unit(c, &d.unit)?;
        let (pv, ph) = in_unit(p, &d.unit)?;
        let diff = (cv - pv) - direction.sign() * d.value;
        let v = verdict(diff, ch + ph + d.half_ulp());
        parts.push(format!(
            "本年 {} − 上年 {} = {} {v}",
            figure(c, &d.unit),
            figure(p, &d.unit),
            shown(cv - pv, d.decimals.max(c.decimals))
        ));
    }
    if let (Some(rate), Some(d)) = (rate.and_then(|id| quantity(doc, id)), d) {
        let base = match (p, c) {
            (Some(p), _) => in_unit(p, &d.unit),
            (None, Some(c)) => {
                in_unit(c, &d.unit).map(|(v, h)| (v - direction.sign() * d.value, h + d.half_ulp()))
            }
            _ => None,
        };
        if let Some(base) = base {
            let label = if direction == Direction::Decrease {
                "降幅"
            } else {
                "增幅"
            };
            parts.push(rate_line(label, (d.value, d.half_ulp()), base, rate));
        }
    }
    if let Some(d) = d.filter(|_| !components.is_empty()) {
        let mut acc = Decimal::ZERO;
        let mut tolerance = Decimal::ZERO;
        let mut terms = Vec::new();
        for comp in components {
            let q = quantity(doc, comp.amount)?;
            let (v, h) = in_unit(q, &d.unit)?;
            acc += comp.direction.sign() * v;
            tolerance += h;
            let sign = if comp.direction == Direction::Decrease {
                "−"
            } else {
                "+"
            };
            terms.push(format!(
                "{} {sign}{}",
                name(doc, comp.amount),
                figure(q, &d.unit)
            ));
        }
        let stated = direction.sign() * d.value;
        let diff = stated - acc;
        let v = verdict(diff, tolerance + d.half_ulp());
        let note = if v == "✗" {
            "（所列分项与变动额不符；若为“主要是”，列举可能不全）"
        } else {
            ""
        };
        parts.push(format!(
            "分项 {} = {} {v}{note}",
            terms.join("、"),
            signed(acc, d.decimals)
        ));
    }
    Some(parts.join("；"))
}

/// `label：a ÷ b = exact% → printed ✓`.
fn ratio(
    doc: &Document,
    label: &str,
    numerator: FactId,
    denominator: FactId,
    percent: FactId,
) -> Option<String> {
    let n = quantity(doc, numerator)?;
    let d = quantity(doc, denominator)?;
    let pct = quantity(doc, percent)?;
    let unit = &d.unit;
    let num =
        in_unit(n, unit).or_else(|| (n.unit == Unit::None).then(|| (n.value, n.half_ulp())))?;
    let den = (d.value, d.half_ulp());
    let line = rate_line(label, num, den, pct);
    Some(format!(
        "{} {} ÷ {} {}：{line}",
        name(doc, numerator),
        figure(n, unit),
        name(doc, denominator),
        d.display()
    ))
}

/// The exact percentage `num ÷ den`, compared with the printed `pct` by the model's
/// `rounding::check_percent` (the verdict the arithmetic rules use): `✓` it rounds half-up to
/// the printed value, `≈` some true values within the rounding of `num` and `den` give it (not
/// provably wrong), `✗` otherwise (truncated says so).
fn rate_line(
    label: &str,
    num: (Decimal, Decimal),
    den: (Decimal, Decimal),
    pct: &Quantity,
) -> String {
    let (num, den) = (Bounded::new(num.0, num.1), Bounded::new(den.0, den.1));
    let Some((check, exact)) = check_percent(pct, num, den) else {
        return format!("{label} {}：基数为 0，比率无意义", pct.display());
    };
    let note = match check {
        PercentCheck::Truncated => "（截断而非四舍五入）".to_string(),
        PercentCheck::FromUnrounded => match ratio_interval(num, den) {
            Some((lo, hi)) => format!(
                "（按所列数字的舍入范围，真实比率在 {}%–{}% 之间）",
                shown(lo, pct.decimals + 1),
                shown(hi, pct.decimals + 1)
            ),
            None => "（基数可能为 0）".to_string(),
        },
        _ => String::new(),
    };
    format!(
        "{label} {} → 计算值 {}% {}{note}",
        pct.display(),
        shown(exact, pct.decimals + 2),
        check.mark()
    )
}

/// The section path of a byte offset (`一、… › （二）…`).
pub fn section_of(doc: &Document, offset: usize) -> Option<String> {
    let mut path: Vec<(u8, String)> = Vec::new();
    for block in &doc.blocks {
        let Block::Heading(h) = block else { continue };
        if h.span.start as usize > offset {
            break;
        }
        path.retain(|(depth, _)| *depth < h.depth);
        path.push((h.depth, format!("{}{}", h.numbering.marker.trim(), h.title)));
    }
    (!path.is_empty()).then(|| {
        path.into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join(" › ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hover_at(text: &str, needle: &str) -> String {
        let doc = budgetlint_model::parse_text(text.to_string());
        let offset = text.find(needle).unwrap() + 1;
        describe(&doc, fact_at(&doc, offset).expect("a figure"))
    }

    #[test]
    fn a_total_shows_its_parts_and_checks_out() {
        let text = "二、支出说明\n2021年支出预算共计10785.51万元，其中人员经费支出预算75.21万元，日常公用经费支出预算8.00万元，项目支出10702.30万元。\n";
        let h = hover_at(text, "10785.51");
        assert!(h.contains("金额 10785.51万元"), "{h}");
        assert!(h.contains("= 人员经费 75.21 + "), "{h}");
        assert!(h.trim_end().ends_with('✓'), "{h}");
    }

    #[test]
    fn a_wrong_total_shows_the_gap() {
        let text = "2021年支出预算共计10785.51万元，其中人员经费支出预算76.21万元，日常公用经费支出预算8.00万元，项目支出10702.30万元。\n";
        let h = hover_at(text, "76.21");
        assert!(h.contains("✗（各项合计 10786.51万元，相差 -1.00）"), "{h}");
    }

    #[test]
    fn rates_are_checked_against_the_previous_year() {
        let text = "2021年一般公共预算支出761.84万元，比上年增加30.67万元，增长4.19%。\n";
        let doc = budgetlint_model::parse_text(text.to_string());
        let lines: Vec<String> = doc
            .relations
            .iter()
            .filter_map(|r| relation(&doc, r))
            .collect();
        assert!(
            lines.iter().any(|l| l.contains("4.19%") && l.contains('✓')),
            "{lines:?}"
        );
    }

    #[test]
    fn ratios_within_rounding_are_approximately_right() {
        let pct = Quantity {
            value: Decimal::new(40, 0),
            decimals: 0,
            unit: Unit::Percent,
            per: None,
        };
        let line = rate_line(
            "增幅",
            (Decimal::new(31427, 2), Decimal::new(5, 3)),
            (Decimal::new(77611, 2), Decimal::new(5, 3)),
            &pct,
        );
        assert!(line.ends_with('✓'), "{line}");
        let wrong = Quantity {
            value: Decimal::new(45, 0),
            ..pct
        };
        assert!(rate_line(
            "增幅",
            (Decimal::new(31427, 2), Decimal::ZERO),
            (Decimal::new(77611, 2), Decimal::ZERO),
            &wrong
        )
        .ends_with('✗'));
    }

    /// “增长45%” on 0.5 of 1.0 (each rounded to 0.1): 50% exactly, but the true rate lies in
    /// 40.9%–61.1%, so the hover says `≈` and gives the interval (the rule's verdict too).
    #[test]
    fn a_rate_the_rounded_figures_allow_is_approximately_right() {
        let h = hover_at(
            "2021年一般公共预算支出1.5万元，比上年增加0.5万元，增长45%。\n",
            "45%",
        );
        assert!(h.contains("增幅 45% → 计算值 50.00% ≈"), "{h}");
        assert!(h.contains("40.9%–61.1%"), "{h}");
    }

    /// A truncated rate (63.17 ÷ 79.48 = 79.4816% printed “79.47%”) is wrong, as the rule says,
    /// although the interval of the printed figures reaches it.
    #[test]
    fn a_truncated_rate_is_wrong_not_approximate() {
        let pct = Quantity {
            value: Decimal::new(7947, 2),
            decimals: 2,
            unit: Unit::Percent,
            per: None,
        };
        let line = rate_line(
            "完成率",
            (Decimal::new(6317, 2), Decimal::new(5, 3)),
            (Decimal::new(7948, 2), Decimal::new(5, 3)),
            &pct,
        );
        assert!(line.contains("✗（截断而非四舍五入）"), "{line}");
    }

    /// The hover and the arithmetic rules decide with the same arithmetic: `✓` no finding,
    /// `≈` at most a note (info), `✗` a warning or error — for sums, changes and rates.
    #[test]
    fn the_hover_and_the_rules_agree() {
        use budgetlint_plugin_arithmetic::{
            ChangeMismatch, ChangeMismatchDoubt, ChangeRateTruncated, PercentMismatch,
            PercentMismatchDoubt, PercentTruncated, RoundingGap, SumMismatch, SumShortfall,
        };
        use budgetlint_sdk::{testing::check_text, Rule, Severity};
        let sum = "2021年支出预算共计{T}万元，其中人员经费支出预算75.21万元，日常公用经费支出预算8.00万元，项目支出10702.30万元。\n";
        let change = "2021年一般公共预算支出{C}万元，比上年增加{D}万元，增长{R}%。\n";
        let cases = [
            (sum.replace("{T}", "10785.51"), "✓"),
            (sum.replace("{T}", "10785.52"), "≈"),
            (sum.replace("{T}", "10786.51"), "✗"),
            (
                change
                    .replace("{C}", "761.84")
                    .replace("{D}", "30.67")
                    .replace("{R}", "4.19"),
                "✓",
            ),
            (
                change
                    .replace("{C}", "1.5")
                    .replace("{D}", "0.5")
                    .replace("{R}", "45"),
                "≈",
            ),
            (
                change
                    .replace("{C}", "142.65")
                    .replace("{D}", "63.17")
                    .replace("{R}", "79.47"),
                "✗",
            ),
            (
                change
                    .replace("{C}", "761.84")
                    .replace("{D}", "30.67")
                    .replace("{R}", "5.19"),
                "✗",
            ),
        ];
        let rules: [&dyn Rule; 9] = [
            &SumMismatch,
            &SumShortfall,
            &RoundingGap,
            &ChangeMismatch,
            &ChangeMismatchDoubt,
            &ChangeRateTruncated,
            &PercentMismatchDoubt,
            &PercentTruncated,
            &PercentMismatch,
        ];
        for (text, expected) in cases {
            let doc = budgetlint_model::parse_text(text.clone());
            let lines: Vec<String> = doc
                .relations
                .iter()
                .filter_map(|r| relation(&doc, r))
                .collect();
            let marks: Vec<&str> = ["✗", "≈", "✓"]
                .into_iter()
                .filter(|m| lines.iter().any(|l| l.contains(m)))
                .collect();
            assert_eq!(marks.first(), Some(&expected), "{text}: hover {lines:?}");
            let worst = rules
                .iter()
                .flat_map(|r| check_text(*r, &text))
                .map(|d| d.severity)
                .min_by_key(|s| match s {
                    Severity::Error => 0,
                    Severity::Warning => 1,
                    Severity::Info => 2,
                });
            let rule_mark = match worst {
                None => "✓",
                Some(Severity::Info) => "≈",
                Some(_) => "✗",
            };
            assert_eq!(
                rule_mark, expected,
                "{text}: rules {worst:?}, hover {lines:?}"
            );
        }
    }
}
