//! A rule-friendly view of the 绩效目标表 rows: normalised names, the indicator's category and
//! what kind of value its target is.

use crate::vocab::{self, contains_any};
use budgetlint_sdk::model::{
    Comparison, Document, FactKind, IndicatorRow, IndicatorValue, PerfTable, Quantity, TextCell,
    Unit,
};
use budgetlint_sdk::{Decimal, Diagnostic, Span};

/// The 二级指标 an indicator belongs to (2020 自评表 framework, with the 101号 成本 split).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Quantity,
    Quality,
    Timeliness,
    Cost,
    Economic,
    Social,
    Ecological,
    Sustainable,
    Satisfaction,
    Unknown,
}

impl Category {
    /// The category named by a 二级指标 (or, failing that, a 一级指标) cell.
    pub fn from_name(name: &str) -> Category {
        let n = normalize(name);
        // 成本 first: 社会成本指标 / 生态环境成本指标 (101号) are costs, not benefits.
        if n.contains("成本") {
            Category::Cost
        } else if n.contains("数量") {
            Category::Quantity
        } else if n.contains("质量") {
            Category::Quality
        } else if n.contains("时效") {
            Category::Timeliness
        } else if n.contains("经济效益") {
            Category::Economic
        } else if n.contains("社会效益") {
            Category::Social
        } else if n.contains("生态效益") || n.contains("环境效益") {
            Category::Ecological
        } else if n.contains("可持续") {
            Category::Sustainable
        } else if n.contains("满意") {
            Category::Satisfaction
        } else {
            Category::Unknown
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Category::Quantity => "数量指标",
            Category::Quality => "质量指标",
            Category::Timeliness => "时效指标",
            Category::Cost => "成本指标",
            Category::Economic => "经济效益指标",
            Category::Social => "社会效益指标",
            Category::Ecological => "生态效益指标",
            Category::Sustainable => "可持续影响指标",
            Category::Satisfaction => "满意度指标",
            Category::Unknown => "指标",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            Category::Quantity => "quantity",
            Category::Quality => "quality",
            Category::Timeliness => "timeliness",
            Category::Cost => "cost",
            Category::Economic => "economic-benefit",
            Category::Social => "social-benefit",
            Category::Ecological => "ecological-benefit",
            Category::Sustainable => "sustainability",
            Category::Satisfaction => "satisfaction",
            Category::Unknown => "unclassified",
        }
    }

    /// Benefit and satisfaction indicators are “越大越好” when measured as a share.
    pub fn is_benefit_or_satisfaction(self) -> bool {
        matches!(
            self,
            Category::Economic
                | Category::Social
                | Category::Ecological
                | Category::Sustainable
                | Category::Satisfaction
        )
    }
}

/// What kind of figure a target value is.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind<'a> {
    /// Nothing, or only a unit or an operator.
    Empty,
    /// A percentage (`%` or the non-standard `比率`).
    Percent { value: Decimal, ratio_unit: bool },
    /// A money amount, possibly per month/year/person.
    Money(&'a Quantity),
    /// A month of the year written as a target (`12月`, `12月份`).
    MonthOfYear,
    /// A duration or time limit (`<3日`, `≥1年`, `6个月`).
    Time,
    /// A count with another unit (人, 台, 份 …).
    Count,
    /// A number without unit.
    Bare,
    /// Per mille or percentage points (`‰`, `个百分点`): a rate, but not bounded by 100%.
    OtherRate,
    /// Words.
    Text,
}

/// One indicator row with what the rules need to know about it.
pub struct Indicator<'a> {
    pub perf: &'a PerfTable,
    pub row: &'a IndicatorRow,
    pub category: Category,
    /// The 三级指标 name, normalised (or the description when the name cell is empty).
    pub name: String,
    pub name_cell: Option<&'a TextCell>,
    /// The 指标值 as written, trimmed.
    pub value_text: &'a str,
    pub value_span: Span,
}

impl<'a> Indicator<'a> {
    /// The operator of a numeric target.
    pub fn op(&self) -> Option<Comparison> {
        match &self.row.parsed {
            IndicatorValue::Numeric { op, .. } => *op,
            _ => None,
        }
    }

    pub fn quantity(&self) -> Option<&'a Quantity> {
        match &self.row.parsed {
            IndicatorValue::Numeric { quantity, .. } => Some(quantity),
            _ => None,
        }
    }

    /// Text after the number of a numeric target (`，大于6万元按6万元计。`).
    pub fn rest(&self) -> &'a str {
        match &self.row.parsed {
            IndicatorValue::Numeric { rest, .. } => rest.as_str(),
            _ => "",
        }
    }

    pub fn kind(&self) -> ValueKind<'a> {
        value_kind(&self.row.parsed)
    }

    /// The percentage target of a share bounded by 100% (完成率, 覆盖率, 满意度 …) whose whole
    /// name is read: what the rate-over-100 rules judge.
    pub fn bounded_rate_target(&self) -> Option<Decimal> {
        let ValueKind::Percent { value, .. } = self.kind() else {
            return None;
        };
        let bounded = is_bounded_rate_name(&self.name) || self.category == Category::Satisfaction;
        (self.name_is_whole() && bounded).then_some(value)
    }

    /// Whether the name reads as a whole name, not a piece of one that a table wrapped over two
    /// rows (`率` alone, `…完成对物业公司的`): a rule that reads the name's meaning cannot judge a
    /// piece.
    pub fn name_is_whole(&self) -> bool {
        let name = self.name.trim();
        name.chars().count() >= 2 && !name.ends_with(NAME_CUT_ENDINGS)
    }

    /// Where a finding about the name goes: the name cell, else the value cell.
    pub fn name_span(&self) -> Span {
        self.name_cell.map(|c| c.span).unwrap_or(self.value_span)
    }

    /// The name as written (for messages).
    pub fn name_as_written(&self) -> &str {
        self.name_cell
            .map(|c| c.text.as_str())
            .unwrap_or(self.name.as_str())
    }

    /// The description, normalised (empty when there is none).
    pub fn description(&self) -> String {
        self.row
            .description
            .as_ref()
            .map(|d| normalize(&d.text))
            .unwrap_or_default()
    }

    /// Adds the name cell as a related location (when the finding is on the value).
    pub fn relate_name(&self, d: Diagnostic) -> Diagnostic {
        match self.name_cell {
            Some(c) if c.span != self.value_span => {
                d.related(c.span, format!("指标名称“{}”", c.text))
            }
            _ => d,
        }
    }

    /// Adds the value cell as a related location (when the finding is on the name).
    pub fn relate_value(&self, d: Diagnostic) -> Diagnostic {
        if self.value_span != self.name_span() {
            d.related(self.value_span, format!("指标值“{}”", self.value_text))
        } else {
            d
        }
    }

    /// `成本指标/预算控制数`, for messages.
    pub fn label(&self) -> String {
        format!("{}/{}", self.category.chinese(), self.name_as_written())
    }
}

budgetlint_sdk::document_view! {
    /// All indicator rows of the document that name an indicator (rows without a name or a
    /// description are layout debris and are skipped): built once per document, shared by the
    /// rules.
    pub Indicators<'d>: Vec<Indicator<'d>> = indicators
}

fn indicators(doc: &Document) -> Vec<Indicator<'_>> {
    let mut out = Vec::new();
    for perf in &doc.perf_tables {
        for row in &perf.indicators {
            if let Some(ind) = indicator(perf, row) {
                out.push(ind);
            }
        }
    }
    out
}

fn indicator<'a>(perf: &'a PerfTable, row: &'a IndicatorRow) -> Option<Indicator<'a>> {
    let name_cell = row.level3.as_ref().or(row.description.as_ref());
    let name = normalize(&name_cell?.text);
    if name.is_empty() {
        return None;
    }
    let category = row
        .level2
        .as_ref()
        .map(|c| Category::from_name(&c.text))
        .filter(|c| *c != Category::Unknown)
        .or_else(|| row.level1.as_ref().map(|c| Category::from_name(&c.text)))
        .unwrap_or(Category::Unknown);
    let (value_text, value_span) = match &row.value {
        Some(v) => (v.text.trim(), v.span),
        None => ("", row.span),
    };
    Some(Indicator {
        perf,
        row,
        category,
        name,
        name_cell: row.level3.as_ref(),
        value_text,
        value_span,
    })
}

/// Removes blanks and bracketed explanations: `产出指标（预期提供的公共产品或服务）` → `产出指标`.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() || c == '\u{3000}' => {}
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The kind of a parsed target value.
pub fn value_kind(value: &IndicatorValue) -> ValueKind<'_> {
    match value {
        IndicatorValue::Empty | IndicatorValue::BareUnit { .. } => ValueKind::Empty,
        IndicatorValue::Text { .. } => ValueKind::Text,
        IndicatorValue::Numeric { quantity, rest, op } => match &quantity.unit {
            Unit::Percent => ValueKind::Percent {
                value: quantity.value,
                ratio_unit: false,
            },
            Unit::Ratio => ValueKind::Percent {
                value: quantity.value,
                ratio_unit: true,
            },
            u if u.is_money() => ValueKind::Money(quantity),
            Unit::Other(u) if u == "‰" || u == "个百分点" => ValueKind::OtherRate,
            Unit::Other(u) if u == "月" && is_month_of_year(quantity, rest, *op) => {
                ValueKind::MonthOfYear
            }
            Unit::Other(u) if vocab::TIME_UNITS.contains(&u.as_str()) => ValueKind::Time,
            Unit::Other(_) => ValueKind::Count,
            Unit::None => ValueKind::Bare,
            _ => ValueKind::Count,
        },
    }
}

/// `12月`, `12月份`, `12月底前`: a month of the year rather than a number of months.
fn is_month_of_year(q: &Quantity, rest: &str, op: Option<Comparison>) -> bool {
    let month =
        q.value >= Decimal::ONE && q.value <= Decimal::from(12) && q.value.fract().is_zero();
    let tail_ok =
        rest.is_empty() || contains_any(rest, &["份", "底", "末", "前", "中旬", "上旬", "下旬"]);
    month && q.per.is_none() && tail_ok && matches!(op, None | Some(Comparison::Eq))
}

/// Characters a name never ends with: a particle or conjunction that joins it to more words.
const NAME_CUT_ENDINGS: &[char] = &[
    '的', '和', '及', '与', '或', '、', '对', '在', '将', '把', '被', '，',
];

/// Is `name` a share bounded by 100% (完成率, 满意度 …), not a growth rate or a frequency?
pub fn is_bounded_rate_name(name: &str) -> bool {
    let not_a_share = contains_any(name, vocab::NOT_A_SHARE_RATE_WORDS) && !name.contains("满意");
    contains_any(name, vocab::BOUNDED_RATE_WORDS)
        && !contains_any(name, vocab::GROWTH_WORDS)
        && !not_a_share
}

/// Is `name` a rate where a larger value is worse (差错率, 投诉率)?
pub fn is_less_is_better_rate(name: &str) -> bool {
    contains_any(name, vocab::LESS_IS_BETTER_RATE_WORDS)
}

/// Is `name` about time (完成时间, 及时率, 办结时限)?
pub fn is_time_name(name: &str) -> bool {
    contains_any(name, vocab::TIME_NAME_WORDS)
}

/// The project budget (预算数): its value in 万元, its span and the figure as printed.
pub fn budget_wan(doc: &Document, perf: &PerfTable) -> Option<(Decimal, Span, String)> {
    let fact = doc.facts.get(perf.budget? as usize)?;
    let FactKind::Amount(q) = &fact.kind else {
        return None;
    };
    if !is_plausible(q.value) {
        return None;
    }
    let v = q.value_in(&Unit::WanYuan)?;
    (v > Decimal::ZERO).then(|| (v, fact.span, q.display()))
}

/// A decimal printed without trailing zeros (`12.0100` → `12.01`).
pub fn show(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The span of `len` bytes at byte `offset` inside a cell whose text starts at `cell.start`
/// (`cell_text` being the document's text from there). Computed from the cell's own position,
/// without rescanning the document; `None` when the piece is not on the cell's first line.
pub fn sub_span(cell: Span, cell_text: &str, offset: usize, len: usize) -> Option<Span> {
    let before = cell_text.get(..offset)?;
    let piece = cell_text.get(offset..offset + len)?;
    if before.contains('\n') || piece.contains('\n') {
        return None;
    }
    let chars = |s: &str| s.chars().count() as u32;
    let units = |s: &str| s.encode_utf16().count() as u32;
    let start = cell.start + offset as u32;
    let col = cell.col + chars(before);
    let utf16_col = cell.utf16_col + units(before);
    Some(Span {
        start,
        end: start + len as u32,
        line: cell.line,
        col,
        end_line: cell.line,
        end_col: col + chars(piece),
        utf16_col,
        end_utf16_col: utf16_col + units(piece),
    })
}

/// Figures beyond 10^15 are not budgets but digit runs; skipping them keeps the exact decimal
/// arithmetic of the rules far from overflow (which would panic).
pub fn is_plausible(d: Decimal) -> bool {
    d.abs() < Decimal::from(1_000_000_000_000_000u64)
}
