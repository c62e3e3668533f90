//! The administrative-division table (GB/T 2260 codes, county level and above), generated into
//! `data/admin-divisions/divisions.tsv` by `scripts/gen_admin_divisions.py`: the places a
//! disclosure's issuing body can belong to. The engine detects a document's province from it;
//! province plugins look codes up in it.

use std::sync::OnceLock;

const DIVISIONS_TSV: &str = include_str!("../../../data/admin-divisions/divisions.tsv");

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// GB/T 2260 code, `131024`.
    pub code: &'static str,
    /// Full name, `香河县`.
    pub name: &'static str,
    /// `province`, `city`, `county` or `district`.
    pub level: &'static str,
    /// Short province name, `河北`.
    pub province: &'static str,
    /// The prefecture-level unit above a county or district (`廊坊市`), or empty.
    pub city: &'static str,
    /// False for names and codes since abolished or renamed.
    pub current: bool,
}

impl Division {
    /// 0 for a province, 1 for a city, 2 below.
    pub fn rank(&self) -> u8 {
        match self.level {
            "province" => 0,
            "city" => 1,
            _ => 2,
        }
    }

    /// The name without its administrative suffix, for provinces and cities (乐山市 → 乐山),
    /// when at least two characters remain.
    pub fn short_name(&self) -> Option<&'static str> {
        if self.rank() == 2 {
            return None;
        }
        const SUFFIXES: &[&str] = &[
            "壮族自治区",
            "回族自治区",
            "维吾尔自治区",
            "特别行政区",
            "自治区",
            "自治州",
            "地区",
            "省",
            "市",
            "盟",
        ];
        let stem = SUFFIXES.iter().find_map(|s| self.name.strip_suffix(s))?;
        (stem.chars().count() >= 2).then_some(stem)
    }
}

/// Every row, in the file's order (sorted by code, the current name first for a code).
pub fn all() -> &'static [Division] {
    static TABLE: OnceLock<Vec<Division>> = OnceLock::new();
    TABLE.get_or_init(|| {
        DIVISIONS_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(parse)
            .collect()
    })
}

fn parse(line: &'static str) -> Option<Division> {
    let mut cols = line.split('\t');
    let (code, name, level, province) = (cols.next()?, cols.next()?, cols.next()?, cols.next()?);
    let city = cols.next().unwrap_or("");
    let current = cols.next().unwrap_or("current") != "former";
    (code.len() == 6 && !name.is_empty()).then_some(Division {
        code,
        name,
        level,
        province,
        city,
        current,
    })
}

/// The divisions with this code (the current name first).
pub fn by_code(code: &str) -> impl Iterator<Item = &'static Division> + '_ {
    all().iter().filter(move |d| d.code == code)
}

/// The province-level divisions' names in Hanyu Pinyin, as they write themselves in Latin
/// letters (陕西 is `shaanxi`, to tell it from 山西 `shanxi`), by GB/T 2260 code. Lets a
/// configuration say `profile = "hebei"`.
const PROVINCE_PINYIN: &[(&str, &str)] = &[
    ("110000", "beijing"),
    ("120000", "tianjin"),
    ("130000", "hebei"),
    ("140000", "shanxi"),
    ("150000", "neimenggu"),
    ("210000", "liaoning"),
    ("220000", "jilin"),
    ("230000", "heilongjiang"),
    ("310000", "shanghai"),
    ("320000", "jiangsu"),
    ("330000", "zhejiang"),
    ("340000", "anhui"),
    ("350000", "fujian"),
    ("360000", "jiangxi"),
    ("370000", "shandong"),
    ("410000", "henan"),
    ("420000", "hubei"),
    ("430000", "hunan"),
    ("440000", "guangdong"),
    ("450000", "guangxi"),
    ("460000", "hainan"),
    ("500000", "chongqing"),
    ("510000", "sichuan"),
    ("520000", "guizhou"),
    ("530000", "yunnan"),
    ("540000", "xizang"),
    ("610000", "shaanxi"),
    ("620000", "gansu"),
    ("630000", "qinghai"),
    ("640000", "ningxia"),
    ("650000", "xinjiang"),
    ("710000", "taiwan"),
    ("810000", "xianggang"),
    ("820000", "aomen"),
];

/// The current province-level division a name designates: its short name (`河北`), full name
/// (`河北省`), code (`130000`) or Pinyin (`hebei`, `Hebei`, `HEBEI`, `hebei sheng`).
pub fn province(name: &str) -> Option<&'static Division> {
    let name = name.trim();
    let latin: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let latin = latin.strip_suffix("sheng").unwrap_or(&latin);
    let code = PROVINCE_PINYIN
        .iter()
        .find(|(_, pinyin)| *pinyin == latin)
        .map(|(code, _)| *code);
    all().iter().find(|d| {
        d.level == "province"
            && d.current
            && (Some(d.code) == code || d.code == name || d.name == name || d.province == name)
    })
}

/// The Pinyin name of a province-level division (`河北` → `hebei`), by its short name.
pub fn province_pinyin(short_name: &str) -> Option<&'static str> {
    let code = province(short_name)?.code;
    PROVINCE_PINYIN
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, p)| *p)
}

/// The current province-level divisions, in code order.
pub fn provinces() -> impl Iterator<Item = &'static Division> {
    all().iter().filter(|d| {
        d.level == "province" && d.current && PROVINCE_PINYIN.iter().any(|(c, _)| *c == d.code)
    })
}

/// A division named in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub start: usize,
    pub end: usize,
    pub division: &'static Division,
    /// True when the text has the short name (乐山 for 乐山市).
    pub short: bool,
}

/// Every division name and short name in one automaton (built once): finding the places a body's
/// name mentions is one pass instead of one search per division.
struct NameIndex {
    automaton: aho_corasick::AhoCorasick,
    /// For each pattern: the division and whether the pattern is its short name.
    patterns: Vec<(&'static Division, bool)>,
}

fn name_index() -> &'static NameIndex {
    static INDEX: OnceLock<NameIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut names = Vec::new();
        let mut patterns = Vec::new();
        for d in all() {
            names.push(d.name);
            patterns.push((d, false));
            if let Some(short) = d.short_name() {
                names.push(short);
                patterns.push((d, true));
            }
        }
        let automaton =
            aho_corasick::AhoCorasick::new(&names).expect("division names are plain strings");
        NameIndex {
            automaton,
            patterns,
        }
    })
}

/// Divisions named in `text` (a body's name such as 洛阳市西工区社会保险中心). A name contained
/// in a longer match is dropped (城区 inside 西城区); a two-character name or a short province or
/// city name (魏县, 乐山) counts only at the start of `text` or right after another match.
pub fn occurrences(text: &str) -> Vec<Occurrence> {
    let index = name_index();
    let mut found: Vec<Occurrence> = Vec::new();
    let mut short: Vec<Occurrence> = Vec::new();
    for m in index.automaton.find_overlapping_iter(text) {
        let (division, is_short) = index.patterns[m.pattern().as_usize()];
        let o = Occurrence {
            start: m.start(),
            end: m.end(),
            division,
            short: is_short,
        };
        if is_short { &mut short } else { &mut found }.push(o);
    }
    for o in short {
        if !found
            .iter()
            .any(|f| f.start == o.start && f.division.code == o.division.code)
        {
            found.push(o);
        }
    }
    let spans: Vec<(usize, usize)> = found.iter().map(|o| (o.start, o.end)).collect();
    let inside_longer = |o: &Occurrence| {
        spans
            .iter()
            .any(|&(s, e)| s <= o.start && o.end <= e && e - s > o.end - o.start)
    };
    let follows_match = |o: &Occurrence| o.start == 0 || spans.iter().any(|&(_, e)| e == o.start);
    found
        .iter()
        .filter(|o| !inside_longer(o))
        .filter(|o| {
            let two_chars = text[o.start..o.end].chars().count() <= 2;
            !(o.short || two_chars) || follows_match(o)
        })
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        assert!(all().len() > 3000);
        assert_eq!(
            by_code("131024").next().map(|d| (d.name, d.city, d.level)),
            Some(("香河县", "廊坊市", "county"))
        );
        let named = |t: &str| {
            occurrences(t)
                .iter()
                .map(|o| o.division.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            named("廊坊市香河县社会保险事业管理所"),
            ["廊坊市", "香河县"]
        );
        assert!(named("主城区管理中心").is_empty());
        assert_eq!(named("魏县社保中心"), ["魏县"]);
        assert_eq!(named("乐山市社会保险事务中心").first(), Some(&"乐山市"));
    }

    #[test]
    fn provinces_are_found_by_chinese_name_code_and_pinyin() {
        for name in [
            "河北",
            "河北省",
            "130000",
            "hebei",
            "Hebei",
            "HEBEI",
            "hebei sheng",
        ] {
            assert_eq!(province(name).map(|d| d.province), Some("河北"), "{name}");
        }
        assert_eq!(province("shanghai").map(|d| d.province), Some("上海"));
        assert_eq!(province("上海市").map(|d| d.province), Some("上海"));
        assert_eq!(province("shanxi").map(|d| d.province), Some("山西"));
        assert_eq!(province("shaanxi").map(|d| d.province), Some("陕西"));
        assert_eq!(province("mars"), None);
        assert_eq!(province("廊坊市"), None, "a city is not a province");
        assert_eq!(province_pinyin("上海"), Some("shanghai"));
        assert_eq!(provinces().count(), PROVINCE_PINYIN.len());
    }
}
