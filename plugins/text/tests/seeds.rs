//! All rules of the plugin on the five seed documents, so that regressions show.

use budgetlint_plugin_text::*;
use budgetlint_sdk::{Context, Diagnostic, Profile, Rule};

fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(TemplateToken),
        Box::new(ExtractionLeftover),
        Box::new(EmptyCell),
        Box::new(DocKindTerm),
        Box::new(DocScopeTerm),
        Box::new(DoubledPhrase),
        Box::new(DoubleNegative),
        Box::new(AgencyName),
        Box::new(AdminLevelTerms),
        Box::new(ProvincialTemplate),
        Box::new(EntityName),
        Box::new(ContactPhone),
    ]
}

#[test]
fn seeds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("seed dir").filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    assert_eq!(files.len(), 5, "five seeds expected in {dir}");
    for path in files {
        let doc = budgetlint_sdk::model::parse(&std::fs::read(&path).expect("seed")).expect("decodable seed");
        let options = serde_json::json!({});
        let profile = Profile::default();
        let ctx = Context { doc: &doc, options: &options, profile: &profile };
        let mut found: Vec<Diagnostic> = Vec::new();
        for rule in rules() {
            rule.check(&ctx, &mut found);
        }
        found.sort_by_key(|d| (d.span.start, d.rule.clone()));
        let rendered: String = found
            .iter()
            .map(|d| format!("{}:{} {} {} {}\n", d.span.line, d.span.col, d.rule, d.severity.as_str(), d.message))
            .collect();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default()[..3].to_string();
        insta::assert_snapshot!(format!("seed_{name}"), rendered);
    }
}
