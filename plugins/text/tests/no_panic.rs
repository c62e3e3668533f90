//! No rule panics on damaged input: the seeds cut at arbitrary places, with fragments of the
//! constructs the rules look for (brackets, years, numbers, table tabs, placeholders) spliced in.

use budgetlint_plugin_text::*;
use budgetlint_sdk::{Context, Profile, Rule};

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

/// Fragments that open constructs without closing them.
const SPLICES: &[&str] = &["【20", "〔2020〕", "[2016]52", "号", "第0", "\t", "\n\t", "XX", "××", "##A", "《", "》", "{", "2020年", "302112", "至", "：指省级", "未无", "负责人\t", "联系电话\t", "\u{FFFD}", "𠀀"];

fn lcg(state: &mut u64) -> usize {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (*state >> 33) as usize
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[test]
fn damaged_seeds_do_not_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("seed dir").filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let options = serde_json::json!({});
    let profile = Profile::default();
    let mut state = 0x5eed_u64;
    for path in files {
        let text = String::from_utf8_lossy(&std::fs::read(&path).expect("seed")).into_owned();
        for _ in 0..12 {
            let mut damaged = text.clone();
            for _ in 0..8 {
                let at = floor_boundary(&damaged, lcg(&mut state) % (damaged.len() + 1));
                let splice = SPLICES[lcg(&mut state) % SPLICES.len()];
                damaged.insert_str(at, splice);
            }
            let cut = floor_boundary(&damaged, lcg(&mut state) % (damaged.len() + 1));
            for piece in [&damaged[..cut], &damaged[cut..]] {
                let doc = budgetlint_sdk::model::parse_text(piece.to_string());
                let ctx = Context { doc: &doc, options: &options, profile: &profile };
                for rule in rules() {
                    let mut out = Vec::new();
                    rule.check(&ctx, &mut out);
                    for d in &out {
                        assert!(d.span.start <= d.span.end && (d.span.end as usize) <= doc.text.len(), "{}: span out of range", d.rule);
                        assert!(doc.text.is_char_boundary(d.span.start as usize) && doc.text.is_char_boundary(d.span.end as usize), "{}: span splits a character", d.rule);
                    }
                }
            }
        }
    }
}
