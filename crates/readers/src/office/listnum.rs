//! Word's automatic list numbering (`word/numbering.xml`), rendered as Word prints it, so that
//! `一、` and `（一）` headings reach the model as text.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::xml::attr;

/// Word has nine list levels (`w:ilvl` 0–8).
const LEVELS: usize = 9;

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    /// `w:numFmt`: `decimal`, `chineseCounting`, `bullet`, …
    format: String,
    /// `w:lvlText`: `%1、`, `（%1）`, `%1.%2`
    text: String,
    start: u32,
    /// `w:suff`: what follows the number (`tab`, the default, `space` or `nothing`).
    suffix: String,
}

/// A `w:num`: an abstract definition and its start overrides.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: [Option<u32>; LEVELS],
}

/// The list definitions of a document and the counters of the lists printed so far.
#[derive(Debug, Default)]
pub struct ListNumbering {
    abstracts: HashMap<String, [Option<Level>; LEVELS]>,
    nums: HashMap<String, Num>,
    /// Per `w:numId`, the last number printed at each level (`None`: not printed since the
    /// level above last advanced).
    counters: HashMap<String, [Option<u32>; LEVELS]>,
}

/// Where the parser is inside numbering.xml.
#[derive(Default)]
struct ParseState {
    abstract_id: Option<String>,
    num_id: Option<String>,
    override_level: Option<usize>,
    level: Option<(usize, Level)>,
}

impl ListNumbering {
    /// Parses numbering.xml. A damaged part keeps the definitions read before the damage, and
    /// the error is returned beside them for the reader's notes.
    pub fn parse(xml: &str) -> (ListNumbering, Option<crate::Note>) {
        let mut out = ListNumbering::default();
        let mut state = ParseState::default();
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => out.open(&mut state, &e),
                Ok(Event::Empty(e)) => {
                    out.open(&mut state, &e);
                    out.close(&mut state, e.local_name().as_ref());
                }
                Ok(Event::End(e)) => out.close(&mut state, e.local_name().as_ref()),
                Ok(Event::Eof) => return (out, None),
                Err(e) => return (out, Some(crate::Note::new(
                    format!("word/numbering.xml is damaged ({e}); list numbers after the damage may be missing"),
                    format!("word/numbering.xml 已损坏（{}）；损坏处之后的列表编号可能缺失", crate::reasons::xml_zh(&e)),
                ))),
                Ok(_) => {}
            }
        }
    }

    fn open(&mut self, s: &mut ParseState, e: &quick_xml::events::BytesStart<'_>) {
        let val = || attr(e, "val");
        match e.local_name().as_ref() {
            "abstractNum" => s.abstract_id = attr(e, "abstractNumId"),
            "num" => {
                s.num_id = attr(e, "numId");
                if let Some(id) = &s.num_id {
                    self.nums.insert(id.clone(), Num::default());
                }
            }
            "abstractNumId" => {
                if let Some(num) = s.num_id.as_ref().and_then(|id| self.nums.get_mut(id)) {
                    num.abstract_id = val().unwrap_or_default();
                }
            }
            "lvlOverride" => s.override_level = attr(e, "ilvl").and_then(|v| level_index(&v)),
            "startOverride" => {
                let (Some(level), Some(num)) = (
                    s.override_level,
                    s.num_id.as_ref().and_then(|id| self.nums.get_mut(id)),
                ) else {
                    return;
                };
                num.start_overrides[level] = val().and_then(|v| v.parse().ok());
            }
            "lvl" if s.abstract_id.is_some() => {
                s.level = attr(e, "ilvl").and_then(|v| level_index(&v)).map(|i| {
                    (
                        i,
                        Level {
                            suffix: "tab".into(),
                            ..Level::default()
                        },
                    )
                });
            }
            name => {
                if let Some((_, level)) = s.level.as_mut() {
                    match name {
                        "start" => level.start = val().and_then(|v| v.parse().ok()).unwrap_or(0),
                        "numFmt" => level.format = val().unwrap_or_default(),
                        "lvlText" => level.text = val().unwrap_or_default(),
                        "suff" => level.suffix = val().unwrap_or_default(),
                        _ => {}
                    }
                }
            }
        }
    }

    fn close(&mut self, s: &mut ParseState, name: &str) {
        match name {
            "abstractNum" => s.abstract_id = None,
            "num" => s.num_id = None,
            "lvlOverride" => s.override_level = None,
            "lvl" => {
                let (Some((i, level)), Some(id)) = (s.level.take(), s.abstract_id.as_ref()) else {
                    return;
                };
                self.abstracts.entry(id.clone()).or_default()[i] = Some(level);
            }
            _ => {}
        }
    }

    /// The label Word prints for the next paragraph of list `num_id` at level `ilvl`, with what
    /// follows it, and advances the counters. `None` for bullets and unknown lists: a bullet
    /// is no ordinal the model could check.
    pub fn next_label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let num = self.nums.get(num_id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        let level = levels.get(ilvl)?.as_ref()?;
        let starts: [u32; LEVELS] = std::array::from_fn(|i| {
            num.start_overrides[i]
                .or(levels[i].as_ref().map(|l| l.start))
                .unwrap_or(1)
        });
        let counters = self.counters.entry(num_id.to_string()).or_default();
        counters[ilvl] = Some(counters[ilvl].map_or(starts[ilvl], |n| n.saturating_add(1)));
        // A number at one level restarts the levels below it (w:lvlRestart's default).
        counters[ilvl + 1..].iter_mut().for_each(|c| *c = None);
        if level.format == "bullet" {
            return None;
        }
        let values: [u32; LEVELS] = std::array::from_fn(|i| counters[i].unwrap_or(starts[i]));
        let label = expand(
            &level.text,
            |k| levels[k].as_ref().map_or("decimal", |l| l.format.as_str()),
            &values,
        );
        Some(with_suffix(label, &level.suffix))
    }
}

fn level_index(v: &str) -> Option<usize> {
    v.parse::<usize>().ok().filter(|&i| i < LEVELS)
}

/// `%1、` with level 1's number in its format; `%k` names level k (1-based).
fn expand<'f>(text: &str, format_of: impl Fn(usize) -> &'f str, values: &[u32; LEVELS]) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let level = chars
            .peek()
            .and_then(|d| d.to_digit(10))
            .filter(|d| (1..=LEVELS as u32).contains(d));
        match (c, level) {
            ('%', Some(d)) => {
                chars.next();
                let k = d as usize - 1;
                out.push_str(&format_number(format_of(k), values[k]));
            }
            _ => out.push(c),
        }
    }
    out
}

/// What Word puts after the label. A tab is a cell separator in the canonical text, so it
/// becomes a space after a Latin label (`1.` → `1. `) and nothing after a label that already
/// ends in Chinese punctuation (`一、`, `（一）`), as such headings are typed.
fn with_suffix(mut label: String, suffix: &str) -> String {
    let ends_cjk = label.chars().last().is_some_and(|c| !c.is_ascii());
    match suffix {
        "nothing" => {}
        "space" => label.push(' '),
        _ if ends_cjk || label.is_empty() => {}
        _ => label.push(' '),
    }
    label
}

/// `n` in the list number format `format` (ECMA-376 ST_NumberFormat), as Word prints it.
/// Formats without a rendering here print as decimal, which keeps the ordinal visible.
pub fn format_number(format: &str, n: u32) -> String {
    match format {
        "none" => String::new(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            enclosed_circle(n).map_or_else(|| n.to_string(), String::from)
        }
        "upperLetter" => letters(n, b'A').unwrap_or_else(|| n.to_string()),
        "lowerLetter" => letters(n, b'a').unwrap_or_else(|| n.to_string()),
        "upperRoman" => roman(n).unwrap_or_else(|| n.to_string()),
        "lowerRoman" => roman(n).map_or_else(|| n.to_string(), |r| r.to_lowercase()),
        "chineseCounting" | "taiwaneseCounting" if n >= 100 => digit_by_digit(n, &CHINESE_DIGITS),
        "chineseCounting"
        | "taiwaneseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => counted(n, &CHINESE_DIGITS, ["十", "百", "千"], true),
        "chineseLegalSimplified" => counted(n, &LEGAL_DIGITS, ["拾", "佰", "仟"], false),
        "ideographDigital" | "taiwaneseDigital" => digit_by_digit(n, &CHINESE_DIGITS),
        "ideographTraditional" => STEMS
            .get((n as usize).wrapping_sub(1))
            .map_or_else(|| n.to_string(), |s| s.to_string()),
        _ => n.to_string(),
    }
}

const CHINESE_DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const LEGAL_DIGITS: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
/// The ten heavenly stems, Word's `ideographTraditional` (甲, 乙, … 癸).
const STEMS: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];

/// Chinese counting with place words: 十一, 二十, 一百〇一, 一千〇一十. `bare_ten` drops the
/// leading 一 of 一十 (Word's lower-case styles do; the legal 壹拾 keeps it). Numbers from
/// 10 000 on print as decimal, as Word does.
fn counted(n: u32, digits: &[&str; 10], places: [&str; 3], bare_ten: bool) -> String {
    if n == 0 || n >= 10_000 {
        return if n == 0 {
            digits[0].to_string()
        } else {
            n.to_string()
        };
    }
    let parts = [
        (n / 1000, places[2]),
        (n / 100 % 10, places[1]),
        (n / 10 % 10, places[0]),
        (n % 10, ""),
    ];
    let mut out = String::new();
    let mut zero_pending = false;
    for (digit, place) in parts {
        if digit == 0 {
            zero_pending |= !out.is_empty();
            continue;
        }
        if std::mem::take(&mut zero_pending) {
            out.push_str(digits[0]);
        }
        if !(bare_ten && digit == 1 && out.is_empty() && place == places[0]) {
            out.push_str(digits[digit as usize]);
        }
        out.push_str(place);
    }
    out
}

fn digit_by_digit(n: u32, digits: &[&str; 10]) -> String {
    n.to_string()
        .bytes()
        .map(|b| digits[(b - b'0') as usize])
        .collect()
}

/// ① to ㊿ (Unicode has enclosed numbers up to 50).
fn enclosed_circle(n: u32) -> Option<char> {
    let code = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32B1 + n - 36,
        _ => return None,
    };
    char::from_u32(code)
}

/// A, B, … Z, AA, BB, … (Word repeats the letter rather than counting in base 26). Capped so
/// a start value of four billion cannot print a four-billion-letter label.
fn letters(n: u32, a: u8) -> Option<String> {
    let n = n.checked_sub(1)?;
    let times = (n / 26 + 1) as usize;
    (times <= 100).then(|| ((a + (n % 26) as u8) as char).to_string().repeat(times))
}

fn roman(mut n: u32) -> Option<String> {
    if n == 0 || n >= 4000 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_print_as_in_word() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (101, "一百〇一"),
            (110, "一百一十"),
            (1010, "一千〇一十"),
        ];
        for (n, want) in cases {
            assert_eq!(format_number("chineseCountingThousand", n), want, "{n}");
        }
        assert_eq!(format_number("chineseCounting", 12), "十二");
        assert_eq!(format_number("chineseCounting", 105), "一〇五");
        assert_eq!(format_number("chineseLegalSimplified", 10), "壹拾");
        assert_eq!(format_number("chineseLegalSimplified", 23), "贰拾叁");
        assert_eq!(format_number("ideographTraditional", 3), "丙");
        assert_eq!(format_number("taiwaneseCountingThousand", 15), "十五");
    }

    #[test]
    fn latin_and_enclosed_numbers() {
        assert_eq!(format_number("decimalEnclosedCircle", 3), "③");
        assert_eq!(format_number("decimalEnclosedCircle", 21), "㉑");
        assert_eq!(format_number("decimalEnclosedCircle", 51), "51");
        assert_eq!(format_number("decimalFullWidth", 12), "１２");
        assert_eq!(format_number("upperLetter", 28), "BB");
        assert_eq!(format_number("lowerLetter", 1), "a");
        assert_eq!(format_number("upperRoman", 14), "XIV");
        assert_eq!(format_number("lowerRoman", 9), "ix");
        assert_eq!(format_number("upperLetter", u32::MAX), u32::MAX.to_string());
    }

    #[test]
    fn counters_restart_below_a_higher_level() {
        let xml = r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>
        </w:numbering>"#;
        let (mut list, err) = ListNumbering::parse(xml);
        assert!(err.is_none());
        let labels: Vec<_> = [0, 1, 1, 0, 1, 2]
            .iter()
            .map(|&l| list.next_label("7", l).unwrap_or_default())
            .collect();
        assert_eq!(
            labels,
            ["一、", "（一）", "（二）", "二、", "（一）", "二.1. "]
        );
        assert_eq!(list.next_label("8", 0), None);
    }
}
