//! 政府收支分类科目 (functional classification of expenditure), versioned by year.
//!
//! The data lives in `data/classification-<year>.tsv` so that reviewers can read and extend it.
//! One file per year of the 财政部 catalogue that has been sourced; [`Classification::for_year`]
//! picks the table of the closest year at or before the document's year (the catalogue of a
//! year stays in force until the next one changes it). Only the 2021 table exists so far, and it
//! is partial: every 类, but only some 款/项 (see the file's header). A code missing from the
//! table is therefore "not known", never "does not exist".

/// One classification entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassEntry {
    pub code: &'static str,
    pub name: &'static str,
    pub aliases: Vec<&'static str>,
}

impl ClassEntry {
    /// The code one level up (the 类 of a 款, the 款 of a 项); `None` for a 类.
    pub fn parent_code(&self) -> Option<&'static str> {
        match self.code.len() {
            5 | 7 => Some(&self.code[..self.code.len() - 2]),
            _ => None,
        }
    }
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

/// The sourced tables, oldest first: (year of the catalogue, its data).
const YEAR_TABLES: [(i32, &str); 1] = [(2021, include_str!("../data/classification-2021.tsv"))];

/// The classification table of a year (the closest year available).
pub struct Classification {
    /// The year of the catalogue this table was built from.
    year: i32,
    entries: Vec<ClassEntry>,
    /// Normalised name or alias → (entry index, is an outdated alias).
    by_normalized_name: std::collections::HashMap<String, (usize, bool)>,
    /// 类 names and aliases of four characters or more, for finding a class inside a label.
    class_names: aho_corasick::AhoCorasick,
    /// For each pattern of `class_names`, the index of its entry.
    class_of_pattern: Vec<usize>,
}

/// One lazily built table per entry of [`YEAR_TABLES`] (constant data, built once).
static TABLES: [std::sync::OnceLock<Classification>; YEAR_TABLES.len()] =
    [const { std::sync::OnceLock::new() }; YEAR_TABLES.len()];

/// The index in [`YEAR_TABLES`] of the table for a document of `year`: the latest catalogue at
/// or before that year; the earliest one for a year before all of them (its 类 names still
/// match older documents best, and the aliases carry the older names); the latest one when the
/// year is unknown.
fn table_index(year: Option<i32>) -> usize {
    let Some(year) = year else {
        return YEAR_TABLES.len() - 1;
    };
    YEAR_TABLES
        .iter()
        .rposition(|&(y, _)| y <= year)
        .unwrap_or(0)
}

impl Classification {
    /// The table for a document of `year` (see [`table_index`] for the choice of year).
    pub fn for_year(year: Option<i32>) -> &'static Classification {
        let i = table_index(year);
        TABLES[i].get_or_init(|| Classification::build(YEAR_TABLES[i].0, YEAR_TABLES[i].1))
    }

    /// The year of the catalogue this table was built from (may be before the document's year).
    pub fn year(&self) -> i32 {
        self.year
    }

    fn build(year: i32, data: &'static str) -> Classification {
        let entries = parse_table(data);
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
            year,
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

    /// Every sourced table is well formed: codes of 3, 5 or 7 digits, names non-empty, no code
    /// twice, and every 款/项 under a 类/款 that the same table has.
    #[test]
    fn tables_are_consistent() {
        for &(year, data) in &YEAR_TABLES {
            let entries = parse_table(data);
            assert!(!entries.is_empty(), "{year}: empty table");
            let mut seen = std::collections::HashSet::new();
            for e in &entries {
                assert!(
                    matches!(e.code.len(), 3 | 5 | 7) && e.code.bytes().all(|b| b.is_ascii_digit()),
                    "{year}: malformed code {:?}",
                    e.code
                );
                assert!(!e.name.is_empty(), "{year}: {} has no name", e.code);
                assert!(seen.insert(e.code), "{year}: {} listed twice", e.code);
            }
            for e in &entries {
                if let Some(parent) = e.parent_code() {
                    assert!(
                        seen.contains(parent),
                        "{year}: {} {} has no parent {parent}",
                        e.code,
                        e.name
                    );
                }
            }
        }
    }

    #[test]
    fn year_choice_is_the_closest_catalogue_at_or_before() {
        let latest = YEAR_TABLES.len() - 1;
        assert_eq!(table_index(None), latest);
        assert_eq!(table_index(Some(YEAR_TABLES[0].0 - 5)), 0);
        for (i, &(y, _)) in YEAR_TABLES.iter().enumerate() {
            assert_eq!(table_index(Some(y)), i);
        }
        assert_eq!(table_index(Some(YEAR_TABLES[latest].0 + 3)), latest);
        assert_eq!(
            Classification::for_year(Some(2024)).year(),
            YEAR_TABLES[latest].0
        );
    }

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
