//! The administrative-division table for province rules: the model's table
//! (`budgetlint_model::divisions`, which the engine also uses to detect a document's province)
//! and the divisions a body's name contains.

pub use budgetlint_sdk::model::divisions::{all, by_code, Division};

/// The divisions whose full name occurs in `body` (a body's name such as
/// 香河县社会保险事业管理所), by the rules of `budgetlint_model::divisions::occurrences`; short
/// names (乐山 for 乐山市) are left out.
pub fn named_in(body: &str) -> Vec<&'static Division> {
    budgetlint_sdk::model::divisions::occurrences(body)
        .into_iter()
        .filter(|o| !o.short)
        .map(|o| o.division)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_codes_and_names() {
        assert_eq!(
            by_code("131024").next().map(|d| (d.name, d.city, d.level)),
            Some(("香河县", "廊坊市", "county"))
        );
        let names: Vec<&str> = named_in("廊坊市香河县社会保险事业管理所")
            .iter()
            .map(|d| d.name)
            .collect();
        assert_eq!(names, ["廊坊市", "香河县"]);
        assert!(named_in("主城区管理中心").is_empty());
        assert_eq!(
            named_in("魏县社保中心").first().map(|d| d.code),
            Some("130434")
        );
    }
}
