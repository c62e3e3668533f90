//! Numbers, units and Chinese numerals as they are written in disclosures.
//!
//! Amounts are exact [`Decimal`]s together with the number of decimals printed, so that rules
//! can reason about rounding (see docs/rounding.md and the `rounding` module). Nothing here uses floating point.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A unit of measure.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Yuan,
    WanYuan,
    YiYuan,
    Percent,
    /// `比率`, a non-standard spelling of a percentage.
    Ratio,
    /// Any other unit (人, 台, 万人, 日, 个工作日 …) as written.
    Other(String),
    /// A bare number.
    None,
}

impl Unit {
    pub fn is_money(&self) -> bool {
        matches!(self, Unit::Yuan | Unit::WanYuan | Unit::YiYuan)
    }
    /// How many 元 one unit is, for money units.
    pub fn yuan_factor(&self) -> Option<Decimal> {
        match self {
            Unit::Yuan => Some(Decimal::ONE),
            Unit::WanYuan => Some(Decimal::from(10_000)),
            Unit::YiYuan => Some(Decimal::from(100_000_000)),
            _ => None,
        }
    }
    pub fn as_str(&self) -> &str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
            Unit::YiYuan => "亿元",
            Unit::Percent => "%",
            Unit::Ratio => "比率",
            Unit::Other(s) => s,
            Unit::None => "",
        }
    }
    /// Parse a unit word that stands alone (`万元`, `元`, `%`).
    pub fn from_word(s: &str) -> Option<Unit> {
        let (unit, len) = scan_unit(s.trim())?;
        (len == s.trim().len()).then_some(unit)
    }
}

/// A printed figure: its exact value, how many decimals were printed, its unit and an optional
/// per-unit (`万元/月` has unit 万元 and per `月`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    /// Exact value, serialized as a decimal string (`"10785.51"`).
    #[serde(with = "decimal_string")]
    pub value: Decimal,
    pub decimals: u32,
    pub unit: Unit,
    pub per: Option<String>,
}

impl Quantity {
    pub fn new(value: Decimal, unit: Unit) -> Self {
        Quantity {
            decimals: value.scale(),
            value,
            unit,
            per: None,
        }
    }
    /// The value converted to `target` (both money units), exactly.
    pub fn value_in(&self, target: &Unit) -> Option<Decimal> {
        if self.unit == *target {
            return Some(self.value);
        }
        Some(self.value * self.unit.yuan_factor()? / target.yuan_factor()?)
    }
    /// Half a unit of the last printed digit, in this quantity's own unit: the largest error
    /// that half-up rounding at the printed precision can introduce.
    pub fn half_ulp(&self) -> Decimal {
        Decimal::new(5, self.decimals + 1)
    }
    /// Half a unit of the last printed digit, expressed in `target` (money units).
    pub fn half_ulp_in(&self, target: &Unit) -> Option<Decimal> {
        if self.unit == *target {
            return Some(self.half_ulp());
        }
        Some(self.half_ulp() * self.unit.yuan_factor()? / target.yuan_factor()?)
    }
    /// The figure as printed, e.g. `10785.51万元`.
    pub fn display(&self) -> String {
        let mut s = format_decimal(self.value, self.decimals);
        s.push_str(self.unit.as_str());
        if let Some(per) = &self.per {
            s.push('/');
            s.push_str(per);
        }
        s
    }
}

/// Decimals as strings in every format (JSON and binary alike), so that no precision is lost
/// and binary formats need no self-description.
mod decimal_string {
    use rust_decimal::Decimal;
    use std::str::FromStr;

    pub fn serialize<S: serde::Serializer>(
        value: &Decimal,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Decimal;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a decimal number as a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Decimal, E> {
                Decimal::from_str(s).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// Formats `value` with exactly `decimals` decimals (half-up).
pub fn format_decimal(value: Decimal, decimals: u32) -> String {
    let v = value.round_dp_with_strategy(
        decimals,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    );
    let mut s = v.to_string();
    if decimals > 0 {
        let have = s.find('.').map(|p| s.len() - p - 1).unwrap_or_else(|| {
            s.push('.');
            0
        });
        for _ in have..decimals as usize {
            s.push('0');
        }
    }
    s
}

/// Rounds half-up (away from zero) at `decimals`.
pub fn round_half_up(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(
        decimals,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    )
}

/// Truncates toward zero at `decimals`.
pub fn truncate(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::ToZero)
}

fn ascii_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

pub fn is_digit(c: char) -> bool {
    ascii_digit(c).is_some()
}

/// A number at the start of `s`: digits with optional thousands separators (`1,234`) and a
/// decimal point (`.` or `．`). Returns the value, the decimals printed and the byte length.
pub fn scan_number(s: &str) -> Option<(Decimal, u32, usize)> {
    // The mantissa is accumulated directly: no intermediate string (this runs for every figure).
    let mut mantissa: i128 = 0;
    let mut digits = 0u32;
    let mut decimals = 0u32;
    let mut seen_dot = false;
    let mut end = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(d) = ascii_digit(c) {
            digits += 1;
            if digits > 27 {
                return None;
            }
            mantissa = mantissa * 10 + i128::from(d);
            if seen_dot {
                decimals += 1;
            }
            end = i + c.len_utf8();
        } else if (c == '.' || c == '．') && !seen_dot && digits > 0 {
            match chars.peek() {
                Some(&(_, n)) if is_digit(n) => seen_dot = true,
                _ => break,
            }
        } else if c == ',' && !seen_dot && digits > 0 && thousands_group_follows(&s[i + 1..]) {
            // thousands separator: exactly three digits follow
        } else {
            break;
        }
    }
    if digits == 0 {
        return None;
    }
    let value = Decimal::try_from_i128_with_scale(mantissa, decimals).ok()?;
    Some((value, decimals, end))
}

fn thousands_group_follows(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && !b.get(3).is_some_and(|c| c.is_ascii_digit())
}

/// Units recognised after a number, longest first. `比率` is listed so that `100比率` is read
/// as one (non-standard) value.
const UNIT_WORDS: &[(&str, Option<Unit>)] = &[
    ("亿元", Some(Unit::YiYuan)),
    ("万元", Some(Unit::WanYuan)),
    ("元", Some(Unit::Yuan)),
    ("%", Some(Unit::Percent)),
    ("％", Some(Unit::Percent)),
    ("‰", None),
    ("比率", Some(Unit::Ratio)),
    ("个工作日", None),
    ("个月", None),
    ("月份", None),
    ("年度", None),
    ("个百分点", None),
    ("万人次", None),
    ("万人", None),
    ("万户", None),
    ("人次", None),
    ("小时", None),
    ("平方米", None),
    ("人", None),
    ("个", None),
    ("台", None),
    ("套", None),
    ("次", None),
    ("份", None),
    ("家", None),
    ("户", None),
    ("辆", None),
    ("项", None),
    ("条", None),
    ("名", None),
    ("期", None),
    ("场", None),
    ("本", None),
    ("册", None),
    ("批", None),
    ("所", None),
    ("处", None),
    ("列", None),
    ("组", None),
    ("件", None),
    ("座", None),
    ("张", None),
    ("篇", None),
    ("类", None),
    ("种", None),
    ("吨", None),
    ("公里", None),
    ("千米", None),
    ("米", None),
    ("亩", None),
    ("公顷", None),
    ("间", None),
    ("栋", None),
    ("幢", None),
    ("部", None),
    ("门", None),
    ("块", None),
    ("棵", None),
    ("株", None),
    ("盏", None),
    ("架次", None),
    ("车次", None),
    ("课时", None),
    ("学时", None),
    ("宗", None),
    ("例", None),
    ("位", None),
    ("轮", None),
    ("届", None),
    ("村", None),
    ("日", None),
    ("天", None),
    ("周", None),
    ("月", None),
    ("年", None),
    ("分", None),
    ("万", None),
];

/// The entries of [`UNIT_WORDS`] whose word starts with `first`, in their order (an index built
/// once: this runs for every figure of a document).
fn units_starting_with(first: char) -> &'static [(&'static str, Option<Unit>)] {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    type ByFirst = HashMap<char, Vec<(&'static str, Option<Unit>)>>;
    static BY_FIRST: OnceLock<ByFirst> = OnceLock::new();
    let index = BY_FIRST.get_or_init(|| {
        let mut index: ByFirst = HashMap::new();
        for (word, unit) in UNIT_WORDS {
            if let Some(c) = word.chars().next() {
                index.entry(c).or_default().push((word, unit.clone()));
            }
        }
        index
    });
    index.get(&first).map_or(&[], Vec::as_slice)
}

/// A unit at the start of `s` (spaces allowed before it). Returns the unit and the byte length
/// consumed, including the spaces.
pub fn scan_unit(s: &str) -> Option<(Unit, usize)> {
    let trimmed = s.trim_start_matches([' ', '\u{3000}']);
    let skipped = s.len() - trimmed.len();
    // Words are compared only when their first character matches (most figures are followed
    // by punctuation or another word, and this runs for every figure).
    let first = trimmed.chars().next()?;
    if let Some((unit, len)) = scan_wrapped_money_unit(trimmed) {
        return Some((unit, skipped + len));
    }
    for (word, unit) in units_starting_with(first) {
        if trimmed.starts_with(word) {
            let unit = unit
                .clone()
                .unwrap_or_else(|| Unit::Other((*word).to_string()));
            return Some((unit, skipped + word.len()));
        }
    }
    None
}

/// `万元` or `亿元` cut by a line break (`1,429.17万` / `元，事业单位…`): text exported from a
/// PDF or a web page wraps a line wherever the width ends, also inside a unit. Without this the
/// figure reads as a bare count of 万 and drops out of the sum it belongs to.
fn scan_wrapped_money_unit(s: &str) -> Option<(Unit, usize)> {
    let (unit, rest) = if let Some(rest) = s.strip_prefix('万') {
        (Unit::WanYuan, rest)
    } else {
        (Unit::YiYuan, s.strip_prefix('亿')?)
    };
    let after_break = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let next_line = after_break.trim_start_matches([' ', '\u{3000}']);
    let after_yuan = next_line.strip_prefix('元')?;
    Some((unit, s.len() - after_yuan.len()))
}

/// A `/月`-style per-unit right after a unit.
fn scan_per(s: &str) -> Option<(String, usize)> {
    let rest = s
        .strip_prefix('/')
        .or_else(|| s.strip_prefix('／'))
        .or_else(|| s.strip_prefix("每"))?;
    let sep = s.len() - rest.len();
    let per: String = rest
        .chars()
        .take_while(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .take(2)
        .collect();
    (!per.is_empty()).then(|| (per.clone(), sep + per.len()))
}

/// A full quantity at the start of `s`: number, optional unit and per-unit. `None` when `s`
/// does not start with a digit.
pub fn scan_quantity(s: &str) -> Option<(Quantity, usize)> {
    let (value, decimals, mut len) = scan_number(s)?;
    let mut unit = Unit::None;
    let mut per = None;
    if let Some((u, ulen)) = scan_unit(&s[len..]) {
        unit = u;
        len += ulen;
        if let Some((p, plen)) = scan_per(&s[len..]) {
            per = Some(p);
            len += plen;
        }
    }
    Some((
        Quantity {
            value,
            decimals,
            unit,
            per,
        },
        len,
    ))
}

/// A comparison operator at the start of `s`, with its byte length.
pub fn scan_comparison(s: &str) -> Option<(crate::doc::Comparison, usize)> {
    use crate::doc::Comparison::*;
    const OPS: &[(&str, crate::doc::Comparison)] = &[
        (">=", Ge),
        ("<=", Le),
        ("≥", Ge),
        ("≧", Ge),
        ("≤", Le),
        ("≦", Le),
        ("＞＝", Ge),
        ("＜＝", Le),
        (">", Gt),
        ("<", Lt),
        ("＞", Gt),
        ("＜", Lt),
        ("=", Eq),
        ("＝", Eq),
        ("不低于", Ge),
        ("不少于", Ge),
        ("不小于", Ge),
        ("大于等于", Ge),
        ("不高于", Le),
        ("不超过", Le),
        ("不大于", Le),
        ("小于等于", Le),
        ("低于", Lt),
        ("少于", Lt),
        ("小于", Lt),
        ("大于", Gt),
        ("高于", Gt),
        ("达到", Ge),
    ];
    let trimmed = s.trim_start();
    let skipped = s.len() - trimmed.len();
    OPS.iter()
        .find(|(w, _)| trimmed.starts_with(w))
        .map(|(w, op)| (*op, skipped + w.len()))
}

/// Parses an indicator target value (`≥95%`, `<3日`, `≤4万元/月`, `100比率`, `%`, `满意度问卷调查表`).
pub fn parse_indicator_value(text: &str) -> crate::doc::IndicatorValue {
    use crate::doc::IndicatorValue;
    let t = text.trim();
    if t.is_empty() {
        return IndicatorValue::Empty;
    }
    let (op, oplen) = match scan_comparison(t) {
        Some((op, len)) => (Some(op), len),
        None => (None, 0),
    };
    let after_op = t[oplen..].trim_start();
    if let Some((quantity, qlen)) = scan_quantity(after_op) {
        let rest = after_op[qlen..].trim().to_string();
        // "2021年度按月实施" or "202112" are dates/text rather than numeric targets.
        // "2021年度按月实施", "5G网络全覆盖" are text, not numeric targets.
        let continues_word =
            !rest.is_empty() && !rest.starts_with(['，', ',', '(', '（', '；', ';', '。', ' ']);
        let looks_like_text =
            op.is_none() && (quantity.unit == Unit::None || continues_word) && !rest.is_empty();
        if !looks_like_text {
            return IndicatorValue::Numeric { op, quantity, rest };
        }
    }
    if after_op.is_empty() || Unit::from_word(after_op).is_some() {
        return IndicatorValue::BareUnit {
            text: t.to_string(),
        };
    }
    IndicatorValue::Text {
        text: t.to_string(),
    }
}

/// Value of a Chinese numeral made of 〇零一二两三四五六七八九十百千 (`十二` = 12, `二十一` = 21,
/// `一百零五` = 105). `None` for anything else or values of 10 000 and above.
pub fn parse_chinese_numeral(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in s.chars() {
        let digit = match c {
            '〇' | '零' => Some(0),
            '一' | '壹' => Some(1),
            '二' | '两' | '贰' => Some(2),
            '三' | '叁' => Some(3),
            '四' | '肆' => Some(4),
            '五' | '伍' => Some(5),
            '六' | '陆' => Some(6),
            '七' | '柒' => Some(7),
            '八' | '捌' => Some(8),
            '九' | '玖' => Some(9),
            _ => None,
        };
        if let Some(d) = digit {
            current = Some(match current {
                Some(c) => c.checked_mul(10)?.checked_add(d)?,
                None => d,
            });
            continue;
        }
        let mult = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            _ => return None,
        };
        total = total.checked_add(current.take().unwrap_or(1).checked_mul(mult)?)?;
    }
    let value = total.checked_add(current.unwrap_or(0))?;
    (value < 10_000).then_some(value)
}

/// Whether `c` can be part of a Chinese numeral.
pub fn is_chinese_numeral_char(c: char) -> bool {
    "〇零一二两三四五六七八九十百千".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Comparison, IndicatorValue};

    fn q(s: &str) -> (String, u32, Unit, Option<String>, usize) {
        let (q, len) = scan_quantity(s).unwrap();
        (q.value.to_string(), q.decimals, q.unit, q.per, len)
    }

    #[test]
    fn a_money_unit_cut_by_a_line_break_is_one_unit() {
        let s = "1,429.17万\n元，事业单位";
        assert_eq!(q(s).2, Unit::WanYuan);
        assert_eq!(q(s).4, "1,429.17万\n元".len());
        assert_eq!(q("3.2亿\r\n  元").2, Unit::YiYuan);
        // 万 at the end of a line followed by anything but 元 stays a bare 万.
        assert_eq!(q("12万\n人次").2, Unit::Other("万".into()));
        assert_eq!(q("12万\n\n元").2, Unit::Other("万".into()));
    }

    #[test]
    fn amounts_with_units() {
        assert_eq!(
            q("1,234.56万元"),
            (
                "1234.56".into(),
                2,
                Unit::WanYuan,
                None,
                "1,234.56万元".len()
            )
        );
        assert_eq!(
            q("10785.51 万元，"),
            (
                "10785.51".into(),
                2,
                Unit::WanYuan,
                None,
                "10785.51 万元".len()
            )
        );
        assert_eq!(
            q("0.2万元"),
            ("0.2".into(), 1, Unit::WanYuan, None, "0.2万元".len())
        );
        assert_eq!(
            q("22086万元"),
            ("22086".into(), 0, Unit::WanYuan, None, "22086万元".len())
        );
        assert_eq!(
            q("6.4万人"),
            (
                "6.4".into(),
                1,
                Unit::Other("万人".into()),
                None,
                "6.4万人".len()
            )
        );
        assert_eq!(
            q("4万元/月"),
            (
                "4".into(),
                0,
                Unit::WanYuan,
                Some("月".into()),
                "4万元/月".len()
            )
        );
        assert_eq!(
            q("100比率"),
            ("100".into(), 0, Unit::Ratio, None, "100比率".len())
        );
        assert_eq!(
            q("８．５０%"),
            ("8.50".into(), 2, Unit::Percent, None, "８．５０%".len())
        );
    }

    #[test]
    fn comma_is_a_separator_only_before_three_digits() {
        assert_eq!(scan_number("5,00").unwrap().2, 1);
        assert_eq!(
            scan_number("12,345,678.9").unwrap().0.to_string(),
            "12345678.9"
        );
        assert_eq!(scan_number("3.").unwrap().2, 1);
    }

    #[test]
    fn indicator_values() {
        match parse_indicator_value("≥95%") {
            IndicatorValue::Numeric { op, quantity, .. } => {
                assert_eq!(op, Some(Comparison::Ge));
                assert_eq!(quantity.unit, Unit::Percent);
                assert_eq!(quantity.value, Decimal::from(95));
            }
            other => panic!("{other:?}"),
        }
        match parse_indicator_value("<3日") {
            IndicatorValue::Numeric { op, quantity, .. } => {
                assert_eq!(op, Some(Comparison::Lt));
                assert_eq!(quantity.unit, Unit::Other("日".into()));
            }
            other => panic!("{other:?}"),
        }
        match parse_indicator_value("≤4万元/月") {
            IndicatorValue::Numeric { op, quantity, .. } => {
                assert_eq!(op, Some(Comparison::Le));
                assert_eq!(quantity.per.as_deref(), Some("月"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            parse_indicator_value("%"),
            IndicatorValue::BareUnit { text: "%".into() }
        );
        assert_eq!(parse_indicator_value(" "), IndicatorValue::Empty);
        assert!(matches!(
            parse_indicator_value("满意度问卷调查表"),
            IndicatorValue::Text { .. }
        ));
    }

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十一", 21),
            ("三十四", 34),
            ("一百零五", 105),
            ("九十九", 99),
        ] {
            assert_eq!(parse_chinese_numeral(s), Some(v), "{s}");
        }
        assert_eq!(parse_chinese_numeral("第"), None);
    }

    #[test]
    fn formatting_keeps_printed_precision() {
        assert_eq!(format_decimal(Decimal::new(8, 0), 2), "8.00");
        assert_eq!(format_decimal(Decimal::new(12345, 3), 2), "12.35");
        assert_eq!(round_half_up(Decimal::new(9925, 4), 2).to_string(), "0.99");
    }

    proptest::proptest! {
        #[test]
        fn scanning_never_panics(s in "\\PC{0,40}") {
            let _ = scan_quantity(&s);
            let _ = parse_indicator_value(&s);
            let _ = parse_chinese_numeral(&s);
        }

        #[test]
        fn printed_decimals_round_trip(int in 0u64..10_000_000, frac in 0u32..100) {
            let s = format!("{int}.{frac:02}万元");
            let (quantity, len) = scan_quantity(&s).unwrap();
            proptest::prop_assert_eq!(len, s.len());
            proptest::prop_assert_eq!(quantity.decimals, 2);
            proptest::prop_assert_eq!(format_decimal(quantity.value, 2), format!("{int}.{frac:02}"));
        }
    }
}
