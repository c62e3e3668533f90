//! Numbers as an Excel number format displays them: the decimals it shows, thousands
//! separators, percent, literal text (`¥`, `万元`) and the sections for negative numbers and
//! zero (budget tables often show zero as `-`). Values go through `rust_decimal` at Excel's 15 significant digits, so
//! binary noise (`0.30000000000000004`) never reaches the text.

use rust_decimal::prelude::*;

/// How a number format shows one kind of value (positive, negative or zero).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Section {
    kind: Kind,
    /// Decimals shown (for [`Kind::Number`]).
    decimals: u32,
    thousands: bool,
    percent: bool,
    /// Trailing commas after the digits divide by 1000 each (`#,##0,` shows thousands).
    scale_thousands: u32,
    /// Literal text before the digits (`¥`, `(`) and after them (`万元`, `)`).
    prefix: String,
    suffix: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Kind {
    /// As many digits as the value needs (up to Excel's 15 significant ones).
    #[default]
    General,
    /// Digit placeholders with a fixed number of decimals.
    Number,
    /// Text only, no digits (`"-"` for zero in many budget tables).
    Literal,
}

/// A number format's sections: positive (and the rest when alone), negative, zero.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NumFormat {
    positive: Section,
    negative: Option<Section>,
    zero: Option<Section>,
}

impl NumFormat {
    /// Reads a format code: up to three sections separated by `;` (a fourth, for text, does
    /// not apply to numbers). Scientific formats read as General.
    pub fn parse(code: &str) -> NumFormat {
        let mut sections = split_sections(code).into_iter().map(|s| parse_section(&s));
        let positive = sections.next().unwrap_or_default();
        NumFormat {
            positive,
            negative: sections.next(),
            zero: sections.next(),
        }
    }

    /// Excel's built-in formats that files name by id without writing their code.
    pub fn builtin(id: u32) -> NumFormat {
        let code = match id {
            1 => "0",
            2 => "0.00",
            3 => "#,##0",
            4 => "#,##0.00",
            9 => "0%",
            10 => "0.00%",
            37 | 38 => "#,##0 ;(#,##0)",
            39 | 40 => "#,##0.00;(#,##0.00)",
            _ => "General",
        };
        NumFormat::parse(code)
    }

    /// `value` as this format displays it.
    pub fn render(&self, value: f64) -> String {
        match (&self.zero, &self.negative) {
            (Some(zero), _) if value == 0.0 => zero.render(0.0),
            (_, Some(negative)) if value < 0.0 => negative.render(-value),
            _ if value < 0.0 => format!("-{}", self.positive.render(-value)),
            _ => self.positive.render(value),
        }
    }
}

impl Section {
    /// `value` (not negative: the sign is the caller's) in this section's format.
    fn render(&self, value: f64) -> String {
        let digits = match self.kind {
            Kind::Literal => String::new(),
            Kind::General => {
                to_decimal(value).map_or_else(|| scientific(value), |d| d.normalize().to_string())
            }
            Kind::Number => self.fixed(value),
        };
        format!("{}{digits}{}", self.prefix, self.suffix)
    }

    fn fixed(&self, value: f64) -> String {
        let Some(mut d) = to_decimal(value) else {
            return scientific(value);
        };
        if self.percent {
            // Checked: a value near a decimal's limit must not overflow (it shows as scientific).
            match d.checked_mul(Decimal::ONE_HUNDRED) {
                Some(p) => d = p,
                None => return format!("{}%", scientific(value * 100.0)),
            }
        }
        for _ in 0..self.scale_thousands {
            d /= Decimal::ONE_THOUSAND;
        }
        let dp = self.decimals.min(20);
        let rounded = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
        let digits = format!("{:.*}", dp as usize, rounded);
        let digits = if self.thousands {
            group_thousands(&digits)
        } else {
            digits
        };
        if self.percent {
            format!("{digits}%")
        } else {
            digits
        }
    }
}

/// The sections of a format code: `;` outside quotes, escapes and brackets.
fn split_sections(code: &str) -> Vec<String> {
    let mut sections = Vec::new();
    let mut current = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => sections.push(std::mem::take(&mut current)),
            '"' | '[' => {
                let end = if c == '"' { '"' } else { ']' };
                current.push(c);
                for inner in chars.by_ref() {
                    current.push(inner);
                    if inner == end {
                        break;
                    }
                }
            }
            '\\' => {
                current.push(c);
                current.extend(chars.next());
            }
            _ => current.push(c),
        }
    }
    sections.push(current);
    sections
}

/// One section: its digits, decimals, grouping, percent and literal text.
fn parse_section(code: &str) -> Section {
    if code.trim().eq_ignore_ascii_case("general") || code.trim().is_empty() {
        return Section::default();
    }
    let mut f = Section::default();
    let (mut placeholders, mut seen_point, mut pending_commas) = (0u32, false, 0u32);
    let mut text_placeholder = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        let literal = match c {
            '"' => Some(take_until(&mut chars, '"')),
            '[' => Some(currency(&take_until(&mut chars, ']'))),
            '\\' => chars.next().map(String::from),
            // `_x` leaves the width of x blank and `*x` repeats x to fill the cell: layout only.
            '_' | '*' => {
                chars.next();
                None
            }
            '0' | '#' | '?' => {
                placeholders += 1;
                if seen_point {
                    f.decimals += 1;
                } else if pending_commas > 0 {
                    f.thousands = true;
                }
                pending_commas = 0;
                // Text between digits (`0-00`) is neither prefix nor suffix.
                f.suffix.clear();
                None
            }
            '.' if placeholders > 0
                || chars
                    .clone()
                    .next()
                    .is_some_and(|n| matches!(n, '0' | '#' | '?')) =>
            {
                seen_point = true;
                f.scale_thousands += std::mem::take(&mut pending_commas);
                None
            }
            ',' if placeholders > 0 => {
                pending_commas += 1;
                None
            }
            '%' => {
                f.percent = true;
                None
            }
            'E' | 'e' if placeholders > 0 => return Section::default(),
            // The text placeholder: a number in a text format shows as General.
            '@' => {
                text_placeholder = true;
                None
            }
            c if c.is_ascii_alphabetic() => None,
            c => Some(c.to_string()),
        };
        if let Some(text) = literal {
            if placeholders == 0 {
                &mut f.prefix
            } else {
                &mut f.suffix
            }
            .push_str(&text);
        }
    }
    f.scale_thousands += pending_commas;
    f.kind = match (placeholders, text_placeholder) {
        (0, true) => Kind::General,
        (0, false) => Kind::Literal,
        _ => Kind::Number,
    };
    if f.kind == Kind::Literal {
        f.percent = false;
    }
    f
}

fn take_until(chars: &mut std::str::Chars<'_>, end: char) -> String {
    chars.take_while(|&c| c != end).collect()
}

/// The symbol of a `[$¥-804]` currency tag; colours and conditions (`[Red]`, `[>=100]`) show
/// nothing.
fn currency(tag: &str) -> String {
    tag.strip_prefix('$')
        .map(|t| t.split('-').next().unwrap_or("").to_string())
        .unwrap_or_default()
}

/// A value beyond what a decimal holds, as Excel shows it then (`1E+300`).
fn scientific(value: f64) -> String {
    let s = format!("{value:E}");
    if s.contains("E-") {
        s
    } else {
        s.replace('E', "E+")
    }
}

/// The value at the 15 significant digits Excel keeps. `None` for values outside what a
/// decimal holds (or not finite), which then print in scientific notation.
fn to_decimal(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    Decimal::from_scientific(&format!("{value:.14e}")).ok()
}

/// `-1234567.50` → `-1,234,567.50`.
fn group_thousands(number: &str) -> String {
    let (sign, rest) = number.strip_prefix('-').map_or(("", number), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_show_their_decimals() {
        let cases = [
            ("General", 0.1 + 0.2, "0.3"),
            ("General", 1234.5, "1234.5"),
            ("0", 2.5, "3"),
            ("0.00", 1.005, "1.01"),
            ("#,##0.00", 1234567.891, "1,234,567.89"),
            ("#,##0.00", -1234.5, "-1,234.50"),
            ("#,##0", 999.5, "1,000"),
            ("0.00%", 0.12345, "12.35%"),
            ("0%", 0.5, "50%"),
            ("#,##0.00_);[Red](#,##0.00)", 42.0, "42.00"),
            ("#,##0.00_);[Red](#,##0.00)", -42.0, "(42.00)"),
            (r##"#,##0.00;-#,##0.00;"-""##, 0.0, "-"),
            (r##"#,##0.00;-#,##0.00;"-""##, -5.0, "-5.00"),
            (r##"0.00_ ;[Red]-0.00 ;"""##, 0.0, ""),
            (r##"[$¥-804]#,##0.00"##, 12.5, "¥12.50"),
            (r##""¥"#,##0.00"##, -12.5, "-¥12.50"),
            (r#"0.00"万元""#, 3.14659, "3.15万元"),
            ("#,##0,", 1234567.0, "1,235"),
            ("@", 12.0, "12"),
        ];
        for (code, value, want) in cases {
            assert_eq!(NumFormat::parse(code).render(value), want, "{code} {value}");
        }
        assert_eq!(NumFormat::builtin(4).render(1e6), "1,000,000.00");
        assert_eq!(NumFormat::builtin(10).render(0.0123), "1.23%");
        assert_eq!(NumFormat::parse("0.00").render(f64::NAN), "NaN");
        assert_eq!(NumFormat::parse("0.00").render(1e300), "1E+300");
        assert_eq!(NumFormat::parse("0%").render(-1.2e27), "-1.2E+29%");
    }
}
