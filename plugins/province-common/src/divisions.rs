//! The administrative-division table (GB/T 2260 codes, county level and above), generated into
//! `data/admin-divisions/divisions.tsv` by `scripts/gen_admin_divisions.py`.
//!
//! The engine reads the same file to detect a document's province (crates/engine/src/profile.rs,
//! which also disambiguates names shared by several places); plugins use it to look codes up and
//! to tell which divisions a body's name contains.

use std::sync::OnceLock;

const DIVISIONS_TSV: &str = include_str!("../../../data/admin-divisions/divisions.tsv");

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// `131024`
    pub code: &'static str,
    /// `香河县`
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

/// Every row, sorted by code (current rows first for a code).
pub fn all() -> &'static [Division] {
    static TABLE: OnceLock<Vec<Division>> = OnceLock::new();
    TABLE.get_or_init(|| DIVISIONS_TSV.lines().filter(|l| !l.starts_with('#')).filter_map(parse).collect())
}

fn parse(line: &'static str) -> Option<Division> {
    let mut cols = line.split('\t');
    let (code, name, level, province) = (cols.next()?, cols.next()?, cols.next()?, cols.next()?);
    let city = cols.next().unwrap_or("");
    let current = cols.next().unwrap_or("current") != "former";
    (code.len() == 6 && !name.is_empty()).then_some(Division { code, name, level, province, city, current })
}

/// The divisions with this code (the current name first).
pub fn by_code(code: &str) -> impl Iterator<Item = &'static Division> + '_ {
    all().iter().filter(move |d| d.code == code)
}

/// The county-level or city-level divisions whose full name occurs in `body` (a body's name
/// such as 香河县社会保险事业管理所). A two-character name (魏县) counts only at the start of
/// `body` or right after a city or province name; a name inside a longer match (城区 in 西城区)
/// does not count.
pub fn named_in(body: &str) -> Vec<&'static Division> {
    let mut hits: Vec<(usize, usize, &'static Division)> = Vec::new();
    for d in all() {
        for (start, _) in body.match_indices(d.name) {
            hits.push((start, start + d.name.len(), d));
        }
    }
    let spans: Vec<(usize, usize)> = hits.iter().map(|(s, e, _)| (*s, *e)).collect();
    hits.iter()
        .filter(|(s, e, _)| !spans.iter().any(|&(s2, e2)| s2 <= *s && *e <= e2 && e2 - s2 > e - s))
        .filter(|(s, e, _)| e - s > "县县".len() || *s == 0 || spans.iter().any(|&(_, e2)| e2 == *s))
        .map(|(_, _, d)| *d)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_codes_and_names() {
        assert_eq!(by_code("131024").next().map(|d| (d.name, d.city, d.level)), Some(("香河县", "廊坊市", "county")));
        let names: Vec<&str> = named_in("廊坊市香河县社会保险事业管理所").iter().map(|d| d.name).collect();
        assert_eq!(names, ["廊坊市", "香河县"]);
        assert!(named_in("主城区管理中心").is_empty());
        assert_eq!(named_in("魏县社保中心").first().map(|d| d.code), Some("130434"));
    }
}
