use crate::view::{is_bounded_rate_name, sub_span, Category, Indicator, Indicators};
use budgetlint_sdk::model::number::{scan_quantity, scan_unit};
use budgetlint_sdk::model::{IndicatorValue, Unit};
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The 计量单位 of an indicator's target:
    /// - the non-standard unit `比率` (`100比率`, `≥95比率`) where a percentage is meant — with a
    ///   safe fix to `%`;
    /// - a number with no unit at all (`≥95`, `社保网络0.36`), so the reader cannot tell 元 from 万元
    ///   or % from a count. Dates written as digits (`202112`) and ordinals (`第3`) are not units.
    ///
    /// ## Why
    /// 财预〔2021〕101号 asks that every quantified indicator carry a 计量单位 from the
    /// usual list (%, 人, 人次, 个, 次, 台, 份, 家, 万元, 元, 元/人, 月, 日, 年 …); 地方预决算公开
    /// 操作规程 (财预〔2016〕143号) asks for a standard form (形式规范).
    ///
    /// ## Example
    /// ```text
    /// 质量指标  完成率  年度完成情况  100比率
    /// 成本指标  严格按预算执行  社保网络0.36
    /// ```
    ///
    /// ## Fix
    /// `100比率` → `100%` (applied automatically); add the unit after a bare number (`0.36万元`).
    ///
    /// ## 检查内容
    /// 指标目标值的计量单位：
    /// - 不规范的单位`比率`（`100比率`、`≥95比率`），实际指百分比——安全修复为`%`；
    /// - 没有任何单位的数字（`≥95`、`社保网络0.36`），读者分不清是元还是万元、是百分比还是数量。用数字写的日期（`202112`）和序数（`第3`）不算单位问题。
    ///
    /// ## 依据
    /// 财预〔2021〕101号要求每个量化指标都带有常用的计量单位（%、人、人次、个、次、台、份、家、万元、元、元/人、月、日、年等）；《地方预决算公开操作规程》（财预〔2016〕143号）要求形式规范。
    ///
    /// ## 示例
    /// ```text
    /// 质量指标  完成率  年度完成情况  100比率
    /// 成本指标  严格按预算执行  社保网络0.36
    /// ```
    ///
    /// ## 修改方法
    /// `100比率` 改为 `100%`（自动修复）；在单独的数字后补上单位（`0.36万元`）。
    pub struct UnitStandard {
        id: "indicator/unit-standard",
        severity: Warning,
        summary: "A target uses a non-standard unit (比率) or a number without unit",
        summary_zh: "指标值使用了不规范的单位（比率）或缺少单位",
    }
}

impl Rule for UnitStandard {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for ind in ctx.view::<Indicators>() {
            if let Some(d) = ratio_unit(ctx, ind).or_else(|| missing_unit(ind)) {
                out.push(ind.relate_name(d));
            }
        }
    }
}

/// `100比率` → `100%`.
fn ratio_unit(ctx: &Context, ind: &Indicator) -> Option<Diagnostic> {
    let q = ind.quantity()?;
    if q.unit != Unit::Ratio {
        return None;
    }
    let cell = ctx.doc.slice(ind.value_span);
    let at = cell.find("比率")?;
    let span = sub_span(ind.value_span, cell, at, "比率".len())?;
    let fixed = cell.replacen("比率", "%", 1);
    Some(
        Diagnostic::new(
            &UnitStandard::META,
            span,
            format!(
                "“{}”的目标值“{}”使用了非标准计量单位“比率”，应为“%”（{}）",
                ind.label(),
                ind.value_text,
                fixed
            ),
        )
        .en(format!(
            "The target “{}” of “{}” uses the non-standard unit “比率”; write “%” ({})",
            ind.value_text,
            ind.label(),
            fixed
        ))
        .replace(span, "%", "将“比率”改为“%”", Applicability::Safe),
    )
}

/// A number in the value with no unit after it.
fn missing_unit(ind: &Indicator) -> Option<Diagnostic> {
    let number = match &ind.row.parsed {
        IndicatorValue::Numeric { quantity, rest, .. } if quantity.unit == Unit::None => {
            let printed = bare_number_text(ind.value_text)?;
            let ordinal_or_name = rest.starts_with(['.', '、', '．', ')', '）'])
                || rest.starts_with(|c: char| c.is_ascii_alphabetic());
            (!looks_like_date(printed) && !ordinal_or_name).then(|| printed.to_string())?
        }
        IndicatorValue::Text { text } => unitless_number_in_text(text)?,
        _ => return None,
    };
    let hint = if is_bounded_rate_name(&ind.name) || ind.category == Category::Satisfaction {
        "（按指标名称应为“%”）"
    } else if ind.category == Category::Cost {
        "（成本指标应注明“元”或“万元”）"
    } else {
        ""
    };
    Some(
        Diagnostic::new(
            &UnitStandard::META,
            ind.value_span,
            format!(
                "“{}”的目标值“{}”中的数字{}没有计量单位{hint}",
                ind.label(),
                ind.value_text,
                number
            ),
        )
        .en(format!(
            "The number {} in the target “{}” of “{}” has no unit",
            number,
            ind.value_text,
            ind.label()
        )),
    )
}

/// The digits of a value that is a number, after its operator.
fn bare_number_text(value: &str) -> Option<&str> {
    let start = value.find(|c: char| c.is_ascii_digit())?;
    let tail = &value[start..];
    let end = tail
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(tail.len());
    Some(&tail[..end])
}

/// `202112`, `2021`, `20211231`: a date written as digits, not a quantity.
fn looks_like_date(digits: &str) -> bool {
    let starts_like_year = digits.starts_with("19") || digits.starts_with("20");
    starts_like_year
        && matches!(digits.len(), 4 | 6 | 8)
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The first number inside a phrase that has no unit after it (`社保网络0.36`), ignoring dates,
/// ordinals (`第3`, `1.`), document numbers and numbers written as part of a name.
fn unitless_number_in_text(text: &str) -> Option<String> {
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let starts_number = c.is_ascii_digit()
            && !prev.is_some_and(|p| p.is_ascii_digit() || p == '.' || p.is_ascii_alphabetic());
        let after_marker = prev.is_some_and(|p| {
            matches!(
                p,
                '第' | '【' | '〔' | '[' | '（' | '(' | '-' | '/' | '×' | '*'
            )
        });
        prev = Some(c);
        if !starts_number || after_marker {
            continue;
        }
        let Some((q, len)) = scan_quantity(&text[i..]) else {
            continue;
        };
        let printed = &text[i..i + len];
        let after = &text[i + len..];
        if q.unit != Unit::None || looks_like_date(printed) || scan_unit(after).is_some() {
            continue;
        }
        if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        if after.starts_with([
            '.', '、', '．', '号', '：', ':', '-', '—', '~', '～', '/', '）', ')', '】', '〕', ']',
            '期', '版', '级', '类', '号',
        ]) {
            continue;
        }
        // “百分之…”, “倍”, “万” etc. are units the number scanner does not know.
        if after.starts_with([
            '倍', '成', '折', '千', '亿', '亩', '公', '米', '吨', '册', '栋', '间', '所', '株',
            '头', '只', '块',
        ]) {
            continue;
        }
        return Some(printed.to_string());
    }
    None
}
