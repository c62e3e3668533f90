//! 政府收支分类科目 (functional classification of expenditure), versioned by year.
//!
//! The data lives in `data/classification-<year>.tsv` so that reviewers can read and extend it.

/// One classification entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassEntry {
    pub code: &'static str,
    pub name: &'static str,
    pub aliases: Vec<&'static str>,
}

impl ClassEntry {
    /// 类 (3 digits), 款 (5) or 项 (7).
    pub fn level(&self) -> ClassLevel {
        match self.code.len() {
            3 => ClassLevel::Lei,
            5 => ClassLevel::Kuan,
            _ => ClassLevel::Xiang,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassLevel {
    Lei,
    Kuan,
    Xiang,
}

const DATA_2021: &str = include_str!("../data/classification-2021.tsv");

/// The classification table of a year (the closest year available).
pub struct Classification {
    entries: Vec<ClassEntry>,
}

impl Classification {
    pub fn for_year(_year: Option<i32>) -> Classification {
        Classification { entries: parse_table(DATA_2021) }
    }
    pub fn entries(&self) -> &[ClassEntry] {
        &self.entries
    }
    pub fn by_code(&self, code: &str) -> Option<&ClassEntry> {
        self.entries.iter().find(|e| e.code == code)
    }
    /// The entry whose current name or an alias is `name` (after normalisation), and whether
    /// `name` is an outdated alias.
    pub fn by_name(&self, name: &str) -> Option<(&ClassEntry, bool)> {
        let n = normalize(name);
        self.entries.iter().find_map(|e| {
            if normalize(e.name) == n {
                Some((e, false))
            } else if e.aliases.iter().any(|a| normalize(a) == n) {
                Some((e, true))
            } else {
                None
            }
        })
    }
    /// The 类 whose name (or alias) occurs in `text`, longest match first, with the byte range.
    pub fn find_class_in(&self, text: &str) -> Option<(&ClassEntry, usize, usize)> {
        let mut best: Option<(&ClassEntry, usize, usize)> = None;
        for e in self.entries.iter().filter(|e| e.level() == ClassLevel::Lei) {
            for name in std::iter::once(&e.name).chain(e.aliases.iter()) {
                if name.chars().count() < 4 {
                    continue;
                }
                if let Some(pos) = text.find(name) {
                    if best.is_none_or(|(_, s, l)| name.len() > l || (name.len() == l && pos < s)) {
                        best = Some((e, pos, name.len()));
                    }
                }
            }
        }
        best.map(|(e, s, l)| (e, s, s + l))
    }
}

fn normalize(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '（' | '）' | '(' | ')')).collect()
}

fn parse_table(data: &'static str) -> Vec<ClassEntry> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let code = cols.next()?.trim();
            let name = cols.next()?.trim();
            let aliases = cols.next().map(|a| a.split('|').map(str::trim).filter(|a| !a.is_empty()).collect()).unwrap_or_default();
            Some(ClassEntry { code, name, aliases })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases() {
        let c = Classification::for_year(Some(2021));
        assert_eq!(c.by_code("208").unwrap().name, "社会保障和就业支出");
        let (e, old) = c.by_name("文化体育与传媒支出").unwrap();
        assert_eq!((e.code, old), ("207", true));
        let (e, s, _) = c.find_class_in("其中：社会保障和就业支出690.58万元").unwrap();
        assert_eq!((e.code, s), ("208", "其中：".len()));
    }
}
