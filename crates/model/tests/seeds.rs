//! The five seed disclosures: model snapshots, encoding independence, and the figures the
//! answer key talks about.

use budgetlint_model::{parse, summary, FactKind};
use std::path::PathBuf;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn seed_models_are_stable() {
    for (name, bytes) in seeds() {
        let doc = parse(&bytes).unwrap();
        insta::assert_snapshot!(name.clone(), summary::render(&doc));
    }
}

#[test]
fn gbk_copy_gives_the_same_model() {
    for (name, bytes) in seeds() {
        let text = String::from_utf8(bytes.clone()).unwrap();
        let (gbk, _, lossy) = encoding_rs::GB18030.encode(&text);
        assert!(!lossy, "{name}");
        let a = parse(&bytes).unwrap();
        let b = parse(&gbk).unwrap();
        assert_eq!(b.source.encoding, "gb18030");
        assert_eq!((a.blocks, a.facts, a.relations, a.perf_tables), (b.blocks, b.facts, b.relations, b.perf_tables), "{name}");
    }
}

/// Every arithmetic and cross-reference entry of the answer key sits on a line where the model
/// found at least one figure: the rules have something to reason about.
#[test]
fn key_entries_have_figures_in_the_model() {
    let key: toml::Value = toml::from_str(include_str!("../../../tests/fixtures/seeds-expected.toml")).unwrap();
    let docs: Vec<(String, budgetlint_model::Document)> = seeds().into_iter().map(|(n, b)| (n, parse(&b).unwrap())).collect();
    let mut missing = Vec::new();
    for entry in key["defect"].as_array().unwrap() {
        let category = entry["category"].as_str().unwrap();
        if category != "arithmetic" || entry.get("artefact").is_some() {
            continue;
        }
        let file = entry["file"].as_str().unwrap();
        let line = entry["line"].as_integer().unwrap() as u32;
        let doc = &docs.iter().find(|(n, _)| n == file).unwrap().1;
        let has = doc.facts.iter().any(|f| f.span.line == line && matches!(f.kind, FactKind::Amount(_) | FactKind::Percent(_)));
        if !has {
            missing.push(format!("{file}:{line}"));
        }
    }
    assert!(missing.is_empty(), "no figure on {missing:?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    #[test]
    fn random_text_never_panics(s in "(\\PC|\t|\n|[0-9.,%万元（）()、一二三]){0,300}") {
        let doc = budgetlint_model::parse_text(s);
        for f in &doc.facts {
            proptest::prop_assert!(f.span.end as usize <= doc.text.len());
        }
    }

    #[test]
    fn truncated_seeds_never_panic(cut in 0usize..20_000, which in 0usize..5) {
        let seeds = seeds();
        let (_, bytes) = &seeds[which % seeds.len()];
        let _ = parse(&bytes[..cut.min(bytes.len())]);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = parse(&bytes);
    }
}
