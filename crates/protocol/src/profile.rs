//! Where a document is from, as the host decided it for the plugins.

use serde::{Deserialize, Deserializer, Serialize};

/// The province profile in effect for a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Short province name (`河北`), or `None` for the national rules only.
    pub province: Option<String>,
    /// `province`, `city`, `county`, `district` or `township`.
    pub level: Option<String>,
    /// How it was decided: `config`, `metadata` (the model's `meta.province`), `issuer-name`,
    /// `cited-rules`, `doc-number-prefix`, `none`.
    pub detected_by: String,
    /// The templates loaded for the province (data, see [`crate::province`]): what the generic
    /// `province` plugin checks the document against. Empty for other plugins' purposes.
    ///
    /// Read leniently: a template this build cannot read (one with a key a later budgetlint
    /// added, which the template type's strictness refuses) is left out rather than failing the
    /// whole request, so that adding a template key stays an optional-field change for plugins
    /// built on an older SDK (docs/PLUGIN_ABI.md, “Versions”). Only the `province` plugin of the
    /// host's own build reads templates, and it reads every one.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "readable_templates"
    )]
    pub templates: Vec<crate::ProvinceTemplate>,
}

/// The templates of a request that this build can read (see [`Profile::templates`]). The
/// profile travels in JSON only, so a template is first read as a JSON value.
fn readable_templates<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<crate::ProvinceTemplate>, D::Error> {
    let raw = Vec::<serde_json::Value>::deserialize(d)?;
    Ok(raw
        .into_iter()
        .filter_map(|t| serde_json::from_value(t).ok())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A template with a key this build does not know (as a later budgetlint may send) is left
    /// out and the rest of the profile read; a template it knows is kept.
    #[test]
    fn a_template_with_a_later_key_is_left_out_not_fatal() {
        let known = r#"{"schema":1,"province":"河北","kind":"budget","name-zh":"x","name-en":"x","numbering":"part","sections":[{"title":"概况","aliases":["概况"]}]}"#;
        let later = known.replace(
            r#""numbering":"part""#,
            r#""numbering":"part","later-key":true"#,
        );
        let json = format!(
            r#"{{"province":"河北","level":null,"detected_by":"config","templates":[{known},{later}]}}"#
        );
        let profile: Profile = serde_json::from_str(&json).unwrap();
        assert_eq!(profile.province.as_deref(), Some("河北"));
        assert_eq!(profile.templates.len(), 1);
        assert_eq!(profile.templates[0].sections[0].title, "概况");
        // Strict where a template is written: the loader's TOML still refuses the key.
        assert!(serde_json::from_str::<crate::ProvinceTemplate>(&later).is_err());
        // Round trip: what the host sends, a plugin of the same build reads whole.
        let back: Profile =
            serde_json::from_str(&serde_json::to_string(&profile).unwrap()).unwrap();
        assert_eq!(back, profile);
    }
}
