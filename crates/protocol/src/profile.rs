//! Where a document is from, as the host decided it for the plugins.

use serde::{Deserialize, Serialize};

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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<crate::ProvinceTemplate>,
}
