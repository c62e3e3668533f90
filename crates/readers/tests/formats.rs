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

/// The five seeds, then the hand-made texts of tests/fixtures/formats (a table over two pages,
/// prose whose figures fall at line ends).
fn seeds() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["tests/fixtures/seeds", "tests/fixtures/formats"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        out.extend(files);
    }
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

/// The model of the file at `path`; with `dump`, its canonical text and model summary are
/// written to `dump`.canonical.txt and `dump`.summary.txt, for looking into a difference.
fn model(path: &Path, dump: Option<&Path>) -> Result<Document, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let reading = read(path, &bytes, &ReadOptions::default()).map_err(|e| e.to_string())?;
    let doc = budgetlint_model::parse_text(reading.text.clone());
    if let Some(dump) = dump {
        let with = |ext: &str| {
            let mut p = dump.as_os_str().to_owned();
            p.push(ext);
            PathBuf::from(p)
        };
        let _ = std::fs::write(with(".canonical.txt"), &reading.text);
        let _ = std::fs::write(
            with(".summary.txt"),
            budgetlint_model::summary::render(&doc),
        );
    }
    Ok(doc)
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
    /// Tables with figures (by index among those) whose rows of numbers differ.
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
            tables_differing: {
                // Tables without a figure (a sheet's empty row splits a table in two; a PDF
                // table of words only stays lines) are counted, not compared.
                let ta: Vec<_> = ta.iter().filter(|t| !t.is_empty()).collect();
                let tb: Vec<_> = tb.iter().filter(|t| !t.is_empty()).collect();
                (0..ta.len().max(tb.len()))
                    .filter(|&i| ta.get(i) != tb.get(i))
                    .collect()
            },
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

/// The formats whose files hold the cells themselves (HTML, DOCX, XLSX) give the model of the
/// text exactly, with one principled exception: (seed, format, tables in the file's model).
/// - 002 xlsx: the text's first table (单位机构设置情况, cell per line) has a row of four empty
///   cells; a spreadsheet row with nothing in it is an empty line in the XLSX reader's text,
///   and an empty line ends a tab-separated table, so the table of words is two tables (23
///   instead of 22). No figure is in either; all figure tables are equal.
const TABLE_COUNTS: &[(&str, &str, usize)] = &[("002", "xlsx", 23)];

/// The hand-made texts and the seeds 000–003 give the model of the text exactly in every
/// format, PDF included: a table of 73 rows over three pages (one table, every row), prose
/// wrapped at many places (lines that start with a figure, `其中` and `增长` after a wrap), a
/// table of eight columns whose names and headers wrap over two to four lines in their cells
/// and which goes on over a page, and the seeds' 绩效目标表 (002's nineteen, whose
/// 指标值确定依据 wraps over nine lines in a narrow column) and 部门固定资产占用情况表: each
/// ruled table is written from its cells' places in the grid of drawn borders (`pdf/ruled.rs`,
/// `layout::normalize_with_grids`), so a cell is one cell however its text wraps.
const EXACT_IN_PDF: &[&str] = &[
    "000",
    "001",
    "002",
    "003",
    "spanning-table",
    "wrapped-lines",
    "wrapped-cells",
];

/// 004 in landscape is exact too: its seventeen-column tables wrap their header and name cells
/// over two to four lines (each wrapped cell is one cell by its borders), the four 绩效 tables
/// LibreOffice sets one under another without a gap are told apart where the table's outer
/// border moves (`pdf/ruled.rs`, `stacked_tables`), and the 三公 table, whose amount column
/// is empty, keeps that column by its border through every band.
const EXACT_IN_LANDSCAPE: &[&str] = &["004"];

/// PDF: what the model finds of the text's figures where it cannot be the text's model, as
/// floors at what LibreOffice 7.4 with WenQuanYi Micro Hei gives on A4 portrait (another
/// LibreOffice or font wraps differently): (seed, format, amounts found of the text's, at most
/// extra amounts, relations found of the text's). The difference and its cause (see the
/// report):
/// - 004 portrait: every amount (200/200) and relation (9/9), 9 tables of 11. The 项目 table
///   (15 columns) and the 绩效指标 table (29 columns) are wider than a portrait page, and
///   LibreOffice sets them past its right edge, cut off: what a reader of the page sees of
///   them is no table, and their words beyond the page fall into the columns' lines. Their
///   amounts (`2.28万元`, `19.6万元`) are read in those lines.
const PDF_FLOORS: &[(&str, &str, usize, usize, usize)] = &[("004", "pdf", 200, 0, 9)];

#[test]
fn generated_formats_have_the_model_of_their_text() {
    let Some((out, office)) = generate() else {
        return;
    };
    let mut report = Vec::new();
    let mut diffs: BTreeMap<(String, &str), Diff> = BTreeMap::new();
    for seed in seeds() {
        let name = seed.file_stem().unwrap().to_string_lossy().into_owned();
        // `000` for a seed, the file's name for a hand-made text.
        let short = if name.starts_with(|c: char| c.is_ascii_digit()) {
            name[..3].to_string()
        } else {
            name.clone()
        };
        let text = model(&seed, Some(&out.join(format!("{name}.txt")))).unwrap();
        for format in FORMATS {
            if !office && matches!(format, "docx" | "pdf" | "landscape.pdf") {
                continue;
            }
            let path = out.join(format!("{name}.{format}"));
            let file = match model(&path, Some(&path)) {
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
    let mut failures = Vec::new();
    for ((seed, format), d) in &diffs {
        let exact_in_pdf = EXACT_IN_PDF.contains(&seed.as_str())
            || (*format == "landscape.pdf" && EXACT_IN_LANDSCAPE.contains(&seed.as_str()));
        if format.ends_with("pdf") && !exact_in_pdf {
            let Some(&(_, _, found, extra, relations)) =
                PDF_FLOORS.iter().find(|f| f.0 == seed && f.1 == *format)
            else {
                failures.push(format!("{seed} {format}: no floor"));
                continue;
            };
            let got = (
                d.amounts - d.missing.len(),
                d.extra.len(),
                d.relations.0 - d.relations_missing.len(),
            );
            if got.0 < found || got.1 > extra || got.2 < relations {
                failures.push(format!(
                    "{seed} {format}: amounts found {} (floor {found}), extra {} (at most {extra}), relations found {} (floor {relations})",
                    got.0, got.1, got.2
                ));
            }
            continue;
        }
        let tables = TABLE_COUNTS
            .iter()
            .find(|t| t.0 == seed && t.1 == *format)
            .map_or(d.tables.0, |t| t.2);
        let exact = d.missing.is_empty()
            && d.extra.is_empty()
            && d.tables.1 == tables
            && d.tables_differing.is_empty()
            && d.relations_missing.is_empty()
            && d.relations_extra.is_empty();
        if !exact {
            failures.push(d.row(seed, format));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
