//! The five seed disclosures: model snapshots, encoding independence, and the figures the
//! answer key talks about.

use budgetlint_model::{parse, summary};
use std::path::PathBuf;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
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
        assert_eq!(
            (a.blocks, a.facts, a.relations, a.perf_tables),
            (b.blocks, b.facts, b.relations, b.perf_tables),
            "{name}"
        );
    }
}

/// Every span in a seed's model (facts, cells, rows, blocks, labels, markers …) has the line
/// and columns that a fresh count over its byte range gives: the parser's position cache and
/// the spans it joins from parts never drift.
#[test]
fn every_span_agrees_with_its_byte_range() {
    for (name, bytes) in seeds() {
        let doc = parse(&bytes).unwrap();
        let json = serde_json::to_value(&doc).unwrap();
        let mut spans = Vec::new();
        collect_spans(&json, &mut spans);
        assert!(
            spans.len() > 100,
            "{name}: only {} spans found",
            spans.len()
        );
        for s in spans {
            let fresh = budgetlint_model::LineIndex::new(&doc.text).span(
                &doc.text,
                s[0] as usize,
                s[1] as usize,
            );
            let expected = [
                fresh.start,
                fresh.end,
                fresh.line,
                fresh.col,
                fresh.end_line,
                fresh.end_col,
                fresh.utf16_col,
                fresh.end_utf16_col,
            ];
            assert_eq!(
                s,
                expected,
                "{name}: span of {:?}",
                &doc.text[s[0] as usize..s[1] as usize]
            );
        }
    }
}

/// Facts are sorted by where they start, so `Document::facts_in` finds a cell's or a table's
/// facts by binary search: it gives exactly what a scan of every fact gives.
#[test]
fn facts_are_in_document_order() {
    let mut tables_with_facts = 0;
    for (name, bytes) in seeds() {
        let doc = parse(&bytes).unwrap();
        assert!(
            doc.facts
                .windows(2)
                .all(|w| w[0].span.start <= w[1].span.start),
            "{name}"
        );
        for table in &doc.tables {
            let scanned: Vec<u32> = doc
                .facts
                .iter()
                .filter(|f| table.span.start <= f.span.start && f.span.start < table.span.end)
                .map(|f| f.id)
                .collect();
            let found: Vec<u32> = doc.facts_in(table.span).iter().map(|f| f.id).collect();
            assert_eq!(found, scanned, "{name}: table {}", table.id);
            tables_with_facts += usize::from(!found.is_empty());
        }
    }
    assert!(
        tables_with_facts > 20,
        "only {tables_with_facts} tables with facts"
    );
}

/// Spans are serialized as arrays of eight integers under keys ending in `span`.
fn collect_spans(v: &serde_json::Value, out: &mut Vec<[u32; 8]>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let as_span = v
                    .as_array()
                    .filter(|a| k.ends_with("span") && a.len() == 8)
                    .and_then(|a| {
                        let n: Vec<u32> = a
                            .iter()
                            .filter_map(|x| x.as_u64().map(|x| x as u32))
                            .collect();
                        n.try_into().ok()
                    });
                match as_span {
                    Some(span) => out.push(span),
                    None => collect_spans(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_spans(i, out)),
        _ => {}
    }
}

/// The figures written in the `text` of every arithmetic and cross-reference entry of the
/// answer key are in the model, with the same value and unit, on one of the entry's lines.
#[test]
fn key_figures_are_in_the_model() {
    let key: toml::Value =
        toml::from_str(include_str!("../../../tests/fixtures/seeds-expected.toml")).unwrap();
    let docs: Vec<(String, budgetlint_model::Document)> = seeds()
        .into_iter()
        .map(|(n, b)| (n, parse(&b).unwrap()))
        .collect();
    let mut missing = Vec::new();
    let mut checked = 0;
    for entry in key["defect"].as_array().unwrap() {
        let category = entry["category"].as_str().unwrap();
        if !matches!(category, "arithmetic" | "cross-reference") || entry.get("artefact").is_some()
        {
            continue;
        }
        let file = entry["file"].as_str().unwrap();
        let mut lines = vec![entry["line"].as_integer().unwrap() as u32];
        for also in entry
            .get("also")
            .and_then(|a| a.as_array())
            .into_iter()
            .flatten()
        {
            lines.push(also["line"].as_integer().unwrap() as u32);
        }
        let doc = &docs.iter().find(|(n, _)| n == file).unwrap().1;
        for wanted in figures_in(entry["text"].as_str().unwrap_or("")) {
            checked += 1;
            let found = doc.facts.iter().any(|f| {
                lines.contains(&f.span.line)
                    && f.kind
                        .quantity()
                        .is_some_and(|q| q.value == wanted.value && q.unit == wanted.unit)
            });
            if !found {
                missing.push(format!("{file}:{} {}", lines[0], wanted.display()));
            }
        }
    }
    assert!(checked >= 10, "only {checked} figures checked");
    assert!(
        missing.is_empty(),
        "figures of the key not in the model: {missing:?}"
    );
}

/// Figures with a unit in a piece of text (`项目支出增加5474万元` → 5474万元).
fn figures_in(text: &str) -> Vec<budgetlint_model::Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let starts_number = text[i..].starts_with(|c: char| c.is_ascii_digit())
            && !text[..i].ends_with(|c: char| c.is_ascii_digit() || c == '.');
        match budgetlint_model::number::scan_quantity(&text[i..]).filter(|_| starts_number) {
            Some((q, len)) => {
                // Years (`2021年度`) are Year facts, not quantities.
                let year =
                    matches!(&q.unit, budgetlint_model::Unit::Other(u) if u.starts_with('年'));
                if q.unit != budgetlint_model::Unit::None && !year {
                    out.push(q);
                }
                i += len;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
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
