//! A test plugin: one rule that fires on a configurable needle, one that panics, one that
//! reports the profile it was given.

use budgetlint_sdk::{declare_rule, Context, Diagnostic, DocumentExt, Rule};

declare_rule! {
    /// Reports each occurrence of the `needle` option (default `TODO`). It was called
    /// `testplug/old-fires` once.
    pub struct Fires {
        id: "testplug/fires",
        aliases: ["testplug/old-fires"],
        severity: Warning,
        summary: "finds the needle",
        options: { needle: Text = "TODO", "The text to find"; },
    }
}

impl Rule for Fires {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }
    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let needle = ctx.options.get("needle").and_then(|v| v.as_str()).unwrap_or("TODO");
        let text = &ctx.doc.text;
        for (start, m) in text.match_indices(needle) {
            let span = ctx.doc.span_of(start, start + m.len());
            out.push(Diagnostic::new(self.meta(), span, format!("found {needle}")));
        }
    }
}

declare_rule! {
    /// Always panics.
    pub struct Panics { id: "testplug/panics", severity: Error, summary: "panics" }
}

impl Rule for Panics {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }
    fn check(&self, _: &Context, _: &mut Vec<Diagnostic>) {
        panic!("deliberate test panic");
    }
}

declare_rule! {
    /// Reports the province of the profile at the start of the text.
    pub struct ShowsProfile { id: "testplug/profile", severity: Info, summary: "shows the profile" }
}

impl Rule for ShowsProfile {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }
    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let province = ctx.profile.province.as_deref().unwrap_or("none");
        out.push(Diagnostic::new(self.meta(), ctx.doc.span_of(0, 0), format!("profile {province}")));
    }
}

budgetlint_sdk::export_plugin!(name: "testplug", version: "0.0.1", rules: [Fires, Panics, ShowsProfile]);
