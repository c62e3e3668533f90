//! The `Rule` trait and what a rule sees.

use crate::views::{View, Views};
use crate::{Diagnostic, Profile, Severity};
use budgetlint_model::Document;

/// What the host knows about a rule before running it. `docs` is the rule's full documentation
/// (what it checks, why, example, fix), shown by `budgetlint explain` and on hover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    /// `<plugin>/<name>`: the plugin that holds the rule, then the rule's file name in kebab case
    /// (the tidy test holds every built-in rule to this).
    pub id: &'static str,
    /// Ids the rule had before (`arithmetic/scope` for `arithmetic/scope`): rules.toml, inline
    /// disables and baselines that name them still apply to the rule, and the host says it was
    /// renamed.
    pub aliases: &'static [&'static str],
    /// The rule whose findings this one's were until its judgement got an id of its own (one
    /// severity per id): a rules.toml table, an inline disable or a baseline entry naming that
    /// rule applies to this one too, so a split changes no user's settings.
    pub split_from: Option<&'static str>,
    pub default_severity: Severity,
    pub summary: &'static str,
    /// The summary in Chinese, for `budgetlint rules` and the other places a reviewer reads it
    /// (`None`: the English one is shown).
    pub summary_zh: Option<&'static str>,
    pub docs: &'static str,
    /// The source file that declares the rule, as the compiler saw it (relative to the
    /// workspace for the built-in plugins: `plugins/arithmetic/src/rules/scope.rs`).
    pub file: &'static str,
    /// The options the rule reads from its rules.toml table; the host reports any other key,
    /// and a value of the wrong type, with the file and line.
    pub options: &'static [OptionMeta],
}

/// One option of a rule, declared with it (`declare_rule!`'s `options`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionMeta {
    pub name: &'static str,
    pub kind: OptionKind,
    /// The default as it would be written in rules.toml.
    pub default: &'static str,
    pub doc: &'static str,
    /// The description in Chinese, shown by `explain` to Chinese readers.
    pub doc_zh: Option<&'static str>,
}

pub use budgetlint_protocol::messages::OptionKind;

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
///         aliases: ["consistency/sum-mismatch"], // optional: the ids it had before
///         split_from: "arithmetic/totals",         // optional: the rule it was split from
///         severity: Error,
///         summary: "A stated total differs from the sum of its stated parts",
///         summary_zh: "所述合计数与所述分项之和不符", // optional: the summary in Chinese
///         // optional: the rule's rules.toml options (Decimal, Bool or Strings)
///         options: {
///             min_gap: Decimal = "0", "Report only gaps of at least this much";
///         },
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (@opt) => { None };
    (@opt $value:literal) => { Some($value) };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            id: $id:literal,
            $(aliases: [$($alias:literal),* $(,)?],)?
            $(split_from: $parent:literal,)?
            severity: $sev:ident,
            summary: $summary:literal
            $(, summary_zh: $summary_zh:literal)?
            $(, options: {
                $($opt:ident: $kind:ident = $default:literal, $opt_doc:literal $(, $opt_doc_zh:literal)?;)*
            })? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                id: $id,
                aliases: &[$($($alias),*)?],
                split_from: $crate::declare_rule!(@opt $($parent)?),
                default_severity: $crate::Severity::$sev,
                summary: $summary,
                summary_zh: $crate::declare_rule!(@opt $($summary_zh)?),
                docs: concat!($($doc, "\n"),*),
                file: file!(),
                options: &[$($($crate::OptionMeta {
                    name: stringify!($opt),
                    kind: $crate::OptionKind::$kind,
                    default: $default,
                    doc: $opt_doc,
                    doc_zh: $crate::declare_rule!(@opt $($opt_doc_zh)?),
                }),*)?],
            };
        }
    };
}
