//! The `Rule` trait and what a rule sees.

use crate::views::{View, Views};
use crate::{Diagnostic, Profile, Severity};
use budgetlint_model::Document;

/// What the host knows about a rule before running it. `docs` is the rule's full documentation
/// (what it checks, why, example, fix), shown by `budgetlint explain` and on hover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    pub id: &'static str,
    pub default_severity: Severity,
    pub summary: &'static str,
    pub docs: &'static str,
}

impl budgetlint_protocol::RuleIdentity for RuleMeta {
    fn id(&self) -> &str {
        self.id
    }
    fn default_severity(&self) -> Severity {
        self.default_severity
    }
}

/// Everything a rule may look at.
pub struct Context<'a> {
    pub doc: &'a Document,
    /// The rule's options table from rules.toml (`{}` when none).
    pub options: &'a serde_json::Value,
    pub profile: &'a Profile,
    /// The views of this document built so far, shared by all rules of the plugin.
    pub views: &'a Views<'a>,
}

impl<'a> Context<'a> {
    /// The context of one rule: the document and profile of `views`, and the rule's options.
    pub fn new(views: &'a Views<'a>, options: &'a serde_json::Value) -> Self {
        Context {
            doc: views.doc(),
            options,
            profile: views.profile(),
            views,
        }
    }

    /// The view `V` of the document (see [`View`]): built by the first rule that asks for it,
    /// shared with the plugin's other rules for the same document.
    pub fn view<V: View>(&self) -> &'a V::Output<'a> {
        self.views.get::<V>()
    }

    /// A numeric option, or `default`.
    pub fn option_decimal(
        &self,
        name: &str,
        default: rust_decimal::Decimal,
    ) -> rust_decimal::Decimal {
        match self.options.get(name) {
            Some(serde_json::Value::Number(n)) => n.to_string().parse().unwrap_or(default),
            Some(serde_json::Value::String(s)) => s.parse().unwrap_or(default),
            _ => default,
        }
    }
    pub fn option_bool(&self, name: &str, default: bool) -> bool {
        self.options
            .get(name)
            .and_then(|v| v.as_bool())
            .unwrap_or(default)
    }
    pub fn option_strings(&self, name: &str) -> Vec<String> {
        self.options
            .get(name)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A rule. Implementations are stateless; `check` may be called from several threads.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>);
}

/// Declares a rule type whose documentation is its doc comment.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it checks
///     /// …
///     pub struct SumMismatch {
///         id: "arithmetic/sum-mismatch",
///         severity: Error,
///         summary: "A stated total differs from the sum of its stated parts",
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            id: $id:literal,
            severity: $sev:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                id: $id,
                default_severity: $crate::Severity::$sev,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}
