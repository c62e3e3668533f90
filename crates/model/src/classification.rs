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
    /// Normalised name or alias → (entry index, is an outdated alias).
    by_normalized_name: std::collections::HashMap<String, (usize, bool)>,
    /// 类 names and aliases of four characters or more, for finding a class inside a label.
    class_names: aho_corasick::AhoCorasick,
    /// For each pattern of `class_names`, the index of its entry.
    class_of_pattern: Vec<usize>,
}

static TABLE_2021: std::sync::OnceLock<Classification> = std::sync::OnceLock::new();

impl Classification {
    /// The table of a year (built once; the data is constant).
    pub fn for_year(_year: Option<i32>) -> &'static Classification {
        TABLE_2021.get_or_init(Classification::build_2021)
    }

    fn build_2021() -> Classification {
        let entries = parse_table(DATA_2021);
        let mut patterns = Vec::new();
        let mut class_of_pattern = Vec::new();
        for (i, e) in entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.level() == ClassLevel::Lei)
        {
            for name in std::iter::once(&e.name)
                .chain(e.aliases.iter())
                .filter(|n| n.chars().count() >= 4)
            {
                patterns.push(*name);
                class_of_pattern.push(i);
            }
        }
        let class_names = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("the class names are plain strings");
        let mut by_normalized_name = std::collections::HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            for alias in &e.aliases {
                by_normalized_name
                    .entry(normalize(alias).into_owned())
                    .or_insert((i, true));
            }
        }
        for (i, e) in entries.iter().enumerate() {
            by_normalized_name.insert(normalize(e.name).into_owned(), (i, false));
        }
        Classification {
            entries,
            by_normalized_name,
            class_names,
            class_of_pattern,
        }
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
        let &(i, alias) = self.by_normalized_name.get(normalize(name).as_ref())?;
        Some((&self.entries[i], alias))
    }
    /// The 类 whose name (or alias) occurs in `text` (the leftmost, longest), with the byte range.
    pub fn find_class_in(&self, text: &str) -> Option<(&ClassEntry, usize, usize)> {
        let m = self.class_names.find(text)?;
        let entry = &self.entries[self.class_of_pattern[m.pattern().as_usize()]];
        Some((entry, m.start(), m.end()))
    }
}

fn normalize(s: &str) -> std::borrow::Cow<'_, str> {
    crate::text::without_chars(s, |c| {
        c.is_whitespace() || matches!(c, '（' | '）' | '(' | ')')
    })
}

fn parse_table(data: &'static str) -> Vec<ClassEntry> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let code = cols.next()?.trim();
            let name = cols.next()?.trim();
            let aliases = cols
                .next()
                .map(|a| {
                    a.split('|')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            Some(ClassEntry {
                code,
                name,
                aliases,
            })
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
        let (e, s, _) = c
            .find_class_in("其中：社会保障和就业支出690.58万元")
            .unwrap();
        assert_eq!((e.code, s), ("208", "其中：".len()));
    }
}
