//! Which province's rules apply to a document. Kept deliberately small: the configured
//! profile wins; otherwise what the model's metadata says; otherwise the prefix of a 发文字号.
//! Better detection belongs in the model's metadata, and this function only reads it.

use crate::config::ProfileSetting;
use budgetlint_model::{AdminLevel, Document, FactKind};
use budgetlint_sdk::Profile;

/// The profile for `doc` under the configured `setting`.
pub fn resolve(setting: ProfileSetting, doc: &Document) -> Profile {
    let level = doc.meta.level.map(level_name);
    match forced_province(setting) {
        Some(province) => Profile { province, level, detected_by: "config".into() },
        None => detect(doc, level),
    }
}

/// `Some(province)` when the setting decides it (`national` decides "no province").
fn forced_province(setting: ProfileSetting) -> Option<Option<String>> {
    let name = match setting {
        ProfileSetting::Auto => return None,
        ProfileSetting::National => return Some(None),
        ProfileSetting::Hebei => "河北",
        ProfileSetting::Shanxi => "山西",
        ProfileSetting::Sichuan => "四川",
        ProfileSetting::Henan => "河南",
    };
    Some(Some(name.to_string()))
}

fn detect(doc: &Document, level: Option<String>) -> Profile {
    if let Some(province) = &doc.meta.province {
        return Profile { province: Some(province.clone()), level, detected_by: "metadata".into() };
    }
    let from_doc_number = doc.facts.iter().find_map(|f| match &f.kind {
        FactKind::DocNumber(n) => province_of_agency(&n.agency),
        _ => None,
    });
    match from_doc_number {
        Some(p) => Profile { province: Some(p.into()), level, detected_by: "doc-number-prefix".into() },
        None => Profile { province: None, level, detected_by: "none".into() },
    }
}

/// The province whose abbreviation starts a 机关代字 (冀财社 → 河北).
fn province_of_agency(agency: &str) -> Option<&'static str> {
    match agency.chars().next()? {
        '冀' => Some("河北"),
        '晋' => Some("山西"),
        '川' | '蜀' => Some("四川"),
        '豫' => Some("河南"),
        _ => None,
    }
}

fn level_name(level: AdminLevel) -> String {
    serde_json::to_value(level).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_wins_and_auto_falls_back_to_metadata() {
        let mut doc = budgetlint_model::parse_text(String::new());
        doc.meta.province = Some("四川".into());
        doc.meta.level = Some(AdminLevel::City);
        let p = resolve(ProfileSetting::Hebei, &doc);
        assert_eq!((p.province.as_deref(), p.detected_by.as_str(), p.level.as_deref()), (Some("河北"), "config", Some("city")));
        assert_eq!(resolve(ProfileSetting::National, &doc).province, None);
        assert_eq!(resolve(ProfileSetting::Auto, &doc).province.as_deref(), Some("四川"));
    }
}
