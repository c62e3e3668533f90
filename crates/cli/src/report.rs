//! `check --report report.html`: one self-contained HTML page for a reviewer (inline CSS, SVG
//! and a short script, no external asset): totals, bar charts of the findings per rule, per
//! province and per document, a table of the documents sorted by errors, and every document's
//! findings with the text around them and their page or cell.
//!
//! A folder of hundreds of documents gives tens of thousands of findings, most of them one
//! rule repeated through a template. In each document, the first [`SHOWN_PER_RULE`] findings of
//! a rule are shown with their context and the rest are one line each inside a closed
//! `<details>` (the browser lays out none of it until opened), and each document's section is
//! `content-visibility: auto`, so the page stays light to render. Filters by severity, rule
//! and document are a few lines of inline script; without script the page reads the same,
//! without the filters.
//!
//! The page is written with `write!` rather than a template engine: it is one page of a few
//! fixed parts whose loops and escaping are plain Rust, and a template crate (askama, tera)
//! would add a build-time dependency and a second language for the same few hundred lines.
//!
//! [`Doc`] keeps what the page needs of a checked document (counts, findings, a few lines of
//! context), so the document text can be dropped as soon as it has been checked.

use crate::cli::Lang;
use crate::format::{xml_escape as esc, Outcome, Summary};
use crate::i18n::{pick, severity_word};
use budgetlint_engine::FileReport;
use budgetlint_model::LineIndex;
use budgetlint_protocol::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// Characters of context kept on each side of a finding in a long line.
const CONTEXT_CHARS: usize = 60;
/// Bars shown in the per-rule and per-document charts.
const TOP: usize = 25;
/// Findings of one rule in one document shown with their context; the rest are one line each.
const SHOWN_PER_RULE: usize = 3;

/// What the report keeps of one checked document.
pub struct Doc {
    path: String,
    province: Option<String>,
    error: Option<String>,
    counts: Counts,
    findings: Vec<Item>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
    fn total(self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

enum Place {
    Page(u32),
    Cell(String),
}

struct Item {
    rule: String,
    severity: Severity,
    message: String,
    line: u32,
    column: u32,
    /// The page (`第 7 页`) or cell (`Sheet1!C12`) of a PDF, spreadsheet or paged text.
    place: Option<Place>,
    /// Lines around the finding: (line number, text before, the finding's text, text after).
    context: Vec<(u32, String, String, String)>,
    /// The places that explain it (`12:3（第 2 页）`, `公开表.xlsx:75:21（单元格 表4!D15）` in
    /// another file of a `--package`) and their messages.
    related: Vec<(String, String)>,
    fix: Option<String>,
}

impl Doc {
    pub fn new(outcome: &Outcome, lang: Lang) -> Doc {
        match outcome {
            Ok(report) => Doc::from_report(report, lang),
            Err(e) => Doc {
                path: e.path.display().to_string(),
                province: None,
                error: Some(e.message_in(lang == Lang::Zh).to_string()),
                counts: Counts::default(),
                findings: Vec::new(),
            },
        }
    }

    fn from_report(report: &FileReport, lang: Lang) -> Doc {
        let index = LineIndex::new(&report.text);
        let mut counts = Counts::default();
        let findings = report
            .findings
            .iter()
            .map(|f| {
                counts.add(f.diagnostic.severity);
                let mut item = item(&report.text, &index, &f.diagnostic);
                let place = crate::format::place(report, &f.diagnostic.span);
                item.place = match (place.cell, place.page) {
                    (Some(cell), _) => Some(Place::Cell(cell.to_string())),
                    (None, Some(page)) => Some(Place::Page(page)),
                    (None, None) => None,
                };
                item.related = crate::format::related_places(report, f)
                    .iter()
                    .map(|r| {
                        let at = crate::format::related_at(r, lang);
                        (at, r.message.to_string())
                    })
                    .collect();
                item
            })
            .collect();
        Doc {
            path: report.path.display().to_string(),
            province: report.profile.province.clone(),
            error: None,
            counts,
            findings,
        }
    }
}

fn item(text: &str, index: &LineIndex, d: &Diagnostic) -> Item {
    let line = d.span.line;
    let mut context = Vec::new();
    for n in line.saturating_sub(1).max(1)..=line + 1 {
        let Some(start) = index.line_start(n) else {
            continue;
        };
        let end = index
            .line_start(n + 1)
            .unwrap_or(text.len())
            .min(text.len());
        let content = text[start..end].trim_end_matches(['\n', '\r']);
        let content_end = start + content.len();
        // A page's first line starts with the form feed that ends the page before.
        let start = start + (content.len() - content.trim_start_matches('\x0c').len());
        let content = &text[start..content_end];
        if n == line {
            let a = (d.span.start as usize).clamp(start, content_end);
            let b = (d.span.end as usize).clamp(a, content_end);
            context.push((
                n,
                tail(&text[start..a]),
                text[a..b].to_string(),
                head(&text[b..content_end]),
            ));
        } else if n < line || !content.trim().is_empty() {
            context.push((n, String::new(), String::new(), head(content)));
        }
    }
    Item {
        rule: d.rule.clone(),
        severity: d.severity,
        message: d.message.clone(),
        line,
        column: d.span.col,
        place: None,
        context,
        related: Vec::new(),
        fix: d.fix.as_ref().map(|f| f.message.clone()),
    }
}

/// The last characters of `s`, with a mark when cut.
fn tail(s: &str) -> String {
    let n = s.chars().count();
    if n <= CONTEXT_CHARS {
        s.to_string()
    } else {
        format!("…{}", s.chars().skip(n - CONTEXT_CHARS).collect::<String>())
    }
}

/// The first characters of `s`, with a mark when cut.
fn head(s: &str) -> String {
    if s.chars().count() <= CONTEXT_CHARS {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(CONTEXT_CHARS).collect::<String>())
    }
}

pub fn write(path: &Path, docs: &[Doc], summary: &Summary, lang: Lang) -> std::io::Result<()> {
    std::fs::write(path, render(docs, summary, lang))
}

pub fn render(docs: &[Doc], summary: &Summary, lang: Lang) -> String {
    let mut html = String::with_capacity(64 * 1024);
    let title = pick(lang, "budgetlint 检查报告", "budgetlint report");
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n",
        pick(lang, "zh-CN", "en")
    );
    html.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n",
    );
    html.push_str(CSS);
    let _ = write!(html, "</style>\n</head>\n<body>\n<h1>{title}</h1>\n");
    totals(&mut html, summary, lang);
    html.push_str("<section class=\"charts\">\n");
    html.push_str(&chart(
        pick(lang, "按规则", "Findings per rule"),
        &top(per_rule(docs), lang),
        lang,
    ));
    html.push_str(&chart(
        pick(lang, "按省份", "Findings per province"),
        &top(per_province(docs, lang), lang),
        lang,
    ));
    html.push_str(&chart(
        pick(lang, "按文件", "Findings per document"),
        &top(per_document(docs), lang),
        lang,
    ));
    html.push_str("</section>\n");
    documents_table(&mut html, docs, lang);
    filters(&mut html, docs, lang);
    for (i, doc) in docs.iter().enumerate() {
        document_section(&mut html, i, doc, lang);
    }
    html.push_str("<script>\n");
    html.push_str(SCRIPT);
    html.push_str("</script>\n</body>\n</html>\n");
    html
}

fn totals(html: &mut String, s: &Summary, lang: Lang) {
    let _ = write!(
        html,
        "<p class=\"totals\"><span>{} {}</span><span class=\"error\">{} {}</span>\
         <span class=\"warning\">{} {}</span><span class=\"info\">{} {}</span>",
        s.files,
        pick(lang, "个文件", "files"),
        s.errors,
        severity_word(Severity::Error, lang),
        s.warnings,
        severity_word(Severity::Warning, lang),
        s.infos,
        severity_word(Severity::Info, lang),
    );
    if s.file_errors > 0 {
        let _ = write!(
            html,
            "<span class=\"error\">{} {}</span>",
            s.file_errors,
            pick(lang, "个无法读取", "unreadable")
        );
    }
    if s.suppressed > 0 {
        let _ = write!(
            html,
            "<span>{} {}</span>",
            s.suppressed,
            pick(lang, "个已忽略", "suppressed")
        );
    }
    html.push_str("</p>\n");
}

/// The filter bar: severities, rules and documents. Hidden until the script shows it, so a
/// browser without script shows no controls that do nothing.
fn filters(html: &mut String, docs: &[Doc], lang: Lang) {
    let _ = write!(
        html,
        "<form class=\"filters\" hidden><strong>{}</strong>",
        pick(lang, "筛选：", "Filter:")
    );
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let _ = write!(
            html,
            "<label><input type=\"checkbox\" name=\"sev\" value=\"{}\" checked> {}</label>",
            severity.as_str(),
            severity_word(severity, lang)
        );
    }
    let all = pick(lang, "全部", "all");
    let _ = write!(
        html,
        "<label>{} <select name=\"rule\"><option value=\"\">{all}</option>",
        pick(lang, "规则", "rule")
    );
    for (rule, counts) in per_rule(docs) {
        let _ = write!(
            html,
            "<option value=\"{}\">{} ({})</option>",
            esc(&rule),
            esc(&rule),
            counts.total()
        );
    }
    let _ = write!(
        html,
        "</select></label><label>{} <select name=\"doc\"><option value=\"\">{all}</option>",
        pick(lang, "文件", "document")
    );
    for (i, doc) in docs.iter().enumerate() {
        let _ = write!(
            html,
            "<option value=\"doc-{i}\">{}</option>",
            esc(&short_name(&doc.path))
        );
    }
    html.push_str("</select></label></form>\n");
}

fn per_rule(docs: &[Doc]) -> Vec<(String, Counts)> {
    let mut rows: BTreeMap<&str, Counts> = BTreeMap::new();
    for f in docs.iter().flat_map(|d| &d.findings) {
        rows.entry(&f.rule).or_default().add(f.severity);
    }
    rows.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn per_province(docs: &[Doc], lang: Lang) -> Vec<(String, Counts)> {
    let mut rows: BTreeMap<&str, Counts> = BTreeMap::new();
    for doc in docs {
        let c = rows
            .entry(
                doc.province
                    .as_deref()
                    .unwrap_or(pick(lang, "未识别", "unknown")),
            )
            .or_default();
        c.errors += doc.counts.errors;
        c.warnings += doc.counts.warnings;
        c.infos += doc.counts.infos;
    }
    rows.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn per_document(docs: &[Doc]) -> Vec<(String, Counts)> {
    docs.iter()
        .map(|d| (short_name(&d.path), d.counts))
        .collect()
}

/// The rows with the most findings (errors first), at most [`TOP`], plus one row for the rest.
fn top(mut rows: Vec<(String, Counts)>, lang: Lang) -> Vec<(String, Counts)> {
    rows.sort_by(|a, b| {
        (b.1.errors, b.1.warnings, b.1.total())
            .cmp(&(a.1.errors, a.1.warnings, a.1.total()))
            .then(a.0.cmp(&b.0))
    });
    if rows.len() > TOP {
        let rest = rows.split_off(TOP - 1);
        let mut other = Counts::default();
        for (_, c) in &rest {
            other.errors += c.errors;
            other.warnings += c.warnings;
            other.infos += c.infos;
        }
        let label = match lang {
            Lang::Zh => format!("其余 {} 项", rest.len()),
            Lang::En => format!("{} others", rest.len()),
        };
        rows.push((label, other));
    }
    rows
}

fn short_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// A horizontal stacked bar chart (errors, warnings, infos) as inline SVG.
fn chart(title: &str, rows: &[(String, Counts)], lang: Lang) -> String {
    const LABEL: usize = 210;
    const BAR: usize = 240;
    const ROW: usize = 22;
    let max = rows.iter().map(|r| r.1.total()).max().unwrap_or(0).max(1);
    let height = 30 + rows.len().max(1) * ROW + 26;
    let width = LABEL + BAR + 60;
    let mut svg = format!(
        "<figure class=\"chart\"><figcaption>{}</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">\n",
        esc(title),
        esc(title)
    );
    if rows.is_empty() {
        let _ = writeln!(
            svg,
            "<text x=\"10\" y=\"40\" class=\"empty\">{}</text>",
            pick(lang, "没有发现问题", "no findings")
        );
    }
    for (i, (label, c)) in rows.iter().enumerate() {
        let y = 20 + i * ROW;
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"label\">{}</text>",
            LABEL - 8,
            y + 15,
            esc(&clip(label, 28))
        );
        let mut x = LABEL as f64;
        for (n, severity) in [
            (c.errors, Severity::Error),
            (c.warnings, Severity::Warning),
            (c.infos, Severity::Info),
        ] {
            if n == 0 {
                continue;
            }
            let (class, word) = (severity.as_str(), severity_word(severity, lang));
            let w = (n as f64 / max as f64 * BAR as f64).max(1.5);
            let _ = writeln!(svg, "<rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"16\" class=\"{class}\"><title>{n} {word}</title></rect>", y + 3);
            x += w;
        }
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" class=\"count\">{}</text>",
            x + 5.0,
            y + 15,
            c.total()
        );
    }
    let legend_y = height - 10;
    svg.push_str("<g class=\"legend\">");
    for (i, severity) in [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .enumerate()
    {
        let x = LABEL + i * 60;
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" class=\"{}\"/><text x=\"{}\" y=\"{legend_y}\">{}</text>",
            legend_y - 9,
            severity.as_str(),
            x + 14,
            severity_word(severity, lang)
        );
    }
    svg.push_str("</g>\n");
    svg.push_str("</svg></figure>\n");
    svg
}

fn clip(s: &str, chars: usize) -> String {
    if s.chars().count() <= chars {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(chars - 1).collect::<String>())
    }
}

fn documents_table(html: &mut String, docs: &[Doc], lang: Lang) {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&docs[a], &docs[b]);
        (
            y.error.is_some(),
            y.counts.errors,
            y.counts.warnings,
            y.counts.infos,
        )
            .cmp(&(
                x.error.is_some(),
                x.counts.errors,
                x.counts.warnings,
                x.counts.infos,
            ))
            .then(a.cmp(&b))
    });
    let _ = write!(
        html,
        "<h2>{}</h2>\n<table class=\"docs\">\n<thead><tr><th>{}</th><th>{}</th>\
         <th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>\n",
        pick(lang, "文件", "Documents"),
        pick(lang, "文件", "document"),
        pick(lang, "省份", "province"),
        severity_word(Severity::Error, lang),
        severity_word(Severity::Warning, lang),
        severity_word(Severity::Info, lang),
    );
    for i in order {
        let d = &docs[i];
        let province = d.province.as_deref().unwrap_or("—");
        let status = match &d.error {
            Some(e) => format!("<td colspan=\"3\" class=\"error\">{}</td>", esc(e)),
            None => format!(
                "<td class=\"n{}\">{}</td><td class=\"n{}\">{}</td><td class=\"n\">{}</td>",
                if d.counts.errors > 0 { " error" } else { "" },
                d.counts.errors,
                if d.counts.warnings > 0 {
                    " warning"
                } else {
                    ""
                },
                d.counts.warnings,
                d.counts.infos
            ),
        };
        let _ = writeln!(
            html,
            "<tr><td><a href=\"#doc-{i}\">{}</a></td><td>{}</td>{status}</tr>",
            esc(&d.path),
            esc(province)
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

fn document_section(html: &mut String, i: usize, doc: &Doc, lang: Lang) {
    let _ = writeln!(
        html,
        "<section class=\"doc\" id=\"doc-{i}\">\n<h2>{} <small>{}</small></h2>",
        esc(&doc.path),
        esc(doc.province.as_deref().unwrap_or(""))
    );
    if let Some(e) = &doc.error {
        let _ = writeln!(
            html,
            "<p class=\"error\">{}{}</p>",
            pick(lang, "无法检查：", "cannot check: "),
            esc(e)
        );
    } else if doc.findings.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"clean\">{}</p>",
            pick(lang, "没有发现问题", "no findings")
        );
    }
    let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
    let mut repeats: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    for f in &doc.findings {
        let n = shown.entry(&f.rule).or_default();
        *n += 1;
        if *n > SHOWN_PER_RULE {
            repeats.entry(&f.rule).or_default().push(f);
        } else {
            finding(html, f, lang);
        }
    }
    for (rule, items) in repeats {
        repeated(html, rule, &items, lang);
    }
    html.push_str("</section>\n");
}

/// `第 12 行，第 3 页`: where a finding is, as a reviewer looks for it.
fn position(f: &Item, lang: Lang) -> String {
    let place = match (&f.place, lang) {
        (Some(Place::Page(p)), Lang::Zh) => format!("，第 {p} 页"),
        (Some(Place::Page(p)), Lang::En) => format!(", page {p}"),
        (Some(Place::Cell(c)), Lang::Zh) => format!("，单元格 {}", esc(c)),
        (Some(Place::Cell(c)), Lang::En) => format!(", cell {}", esc(c)),
        (None, _) => String::new(),
    };
    match lang {
        Lang::Zh => format!("第 {} 行{place}", f.line),
        Lang::En => format!("line {}{place}", f.line),
    }
}

/// One finding with its context, related places and fix.
fn finding(html: &mut String, f: &Item, lang: Lang) {
    let severity = f.severity.as_str();
    let _ = writeln!(
        html,
        "<div class=\"finding {severity}\" data-sev=\"{severity}\" data-rule=\"{}\"><p><span class=\"badge {severity}\">{}</span> <code>{}</code> \
         <span class=\"pos\">{} ({}:{})</span></p>\n<p class=\"msg\">{}</p>",
        esc(&f.rule),
        severity_word(f.severity, lang),
        esc(&f.rule),
        position(f, lang),
        f.line,
        f.column,
        esc(&f.message)
    );
    html.push_str("<pre class=\"context\">");
    for (n, before, hit, after) in &f.context {
        let _ = write!(html, "<span class=\"ln\">{n:>5}</span> {}", esc(before));
        if n == &f.line {
            let _ = write!(html, "<mark>{}</mark>", esc(hit));
        }
        let _ = writeln!(html, "{}", esc(after));
    }
    html.push_str("</pre>\n");
    if !f.related.is_empty() {
        html.push_str("<ul class=\"related\">");
        for (at, message) in &f.related {
            let _ = write!(html, "<li>{} {}</li>", esc(at), esc(message));
        }
        html.push_str("</ul>\n");
    }
    if let Some(fix) = &f.fix {
        let _ = writeln!(
            html,
            "<p class=\"fix\">{}{}</p>",
            pick(lang, "修改建议：", "fix: "),
            esc(fix)
        );
    }
    html.push_str("</div>\n");
}

/// A rule's findings after the first few in a document: one line each (position, flagged text,
/// message), in a closed `<details>`.
fn repeated(html: &mut String, rule: &str, items: &[&Item], lang: Lang) {
    let severity = items[0].severity.as_str();
    let summary = match lang {
        Lang::Zh => format!("另有 {} 处同类问题", items.len()),
        Lang::En => format!("{} more of the same rule", items.len()),
    };
    let _ = writeln!(
        html,
        "<details class=\"repeats {severity}\" data-sev=\"{severity}\" data-rule=\"{}\"><summary><span class=\"badge {severity}\">{}</span> <code>{}</code> {summary}</summary>\n<ul>",
        esc(rule),
        severity_word(items[0].severity, lang),
        esc(rule)
    );
    for f in items {
        let hit = f
            .context
            .iter()
            .find(|c| c.0 == f.line)
            .map_or("", |c| c.2.as_str());
        let _ = writeln!(
            html,
            "<li><span class=\"pos\">{}</span> <mark>{}</mark> {}</li>",
            position(f, lang),
            esc(&clip(hit, CONTEXT_CHARS)),
            esc(&f.message)
        );
    }
    html.push_str("</ul></details>\n");
}

/// Shows the filter bar and hides what it filters out: findings by severity and rule,
/// documents by name.
const SCRIPT: &str = r#"(function () {
  var form = document.querySelector("form.filters");
  if (!form) return;
  form.hidden = false;
  function apply() {
    var sev = {};
    form.querySelectorAll("input[name=sev]").forEach(function (c) { sev[c.value] = c.checked; });
    var rule = form.elements.rule.value, doc = form.elements.doc.value;
    document.querySelectorAll("section.doc").forEach(function (s) {
      s.hidden = doc !== "" && s.id !== doc;
      if (s.hidden) return;
      s.querySelectorAll("[data-rule]").forEach(function (e) {
        e.hidden = !sev[e.getAttribute("data-sev")] || (rule !== "" && e.getAttribute("data-rule") !== rule);
      });
    });
  }
  form.addEventListener("change", apply);
})();
"#;

const CSS: &str = r#"body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 24px; color: #222; max-width: 1200px; }
h1 small, h2 small { color: #777; font-weight: normal; font-size: 60%; }
.totals span { display: inline-block; margin-right: 16px; padding: 4px 10px; border-radius: 4px; background: #f2f2f2; }
.totals .error { background: #fde8e8; } .totals .warning { background: #fff1e0; } .totals .info { background: #e6f0fb; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.chart { margin: 0; padding: 8px; border: 1px solid #ddd; border-radius: 6px; background: #fff; }
.chart figcaption { font-weight: bold; margin-bottom: 4px; }
svg .label, svg .count, svg .legend text, svg .empty { font-size: 12px; fill: #333; }
svg rect.error { fill: #d73a49; } svg rect.warning { fill: #f0883e; } svg rect.info { fill: #3b82c4; }
table.docs { border-collapse: collapse; margin: 8px 0 24px; }
table.docs th, table.docs td { border-bottom: 1px solid #e5e5e5; padding: 4px 10px; text-align: left; }
table.docs td.n, table.docs th.n { text-align: right; }
td.error, p.error { color: #b31d28; font-weight: bold; } td.warning { color: #b45309; font-weight: bold; }
section.doc { border-top: 2px solid #ccc; margin-top: 24px; content-visibility: auto; contain-intrinsic-size: auto 600px; }
form.filters { position: sticky; top: 0; background: #fff; padding: 6px 0; border-bottom: 1px solid #ddd; z-index: 1; }
form.filters label { margin-left: 12px; }
details.repeats { margin: 10px 0; padding: 4px 10px; border-left: 4px solid #ccc; background: #fafafa; font-size: 13px; }
details.repeats.error { border-color: #d73a49; } details.repeats.warning { border-color: #f0883e; } details.repeats.info { border-color: #3b82c4; }
details.repeats summary { cursor: pointer; } details.repeats ul { margin: 4px 0; padding-left: 20px; }
[hidden] { display: none !important; }
.finding { margin: 10px 0; padding: 6px 10px; border-left: 4px solid #ccc; background: #fafafa; }
.finding.error { border-color: #d73a49; } .finding.warning { border-color: #f0883e; } .finding.info { border-color: #3b82c4; }
.finding p { margin: 2px 0; }
.badge { color: #fff; border-radius: 3px; padding: 0 6px; font-size: 12px; }
.badge.error { background: #d73a49; } .badge.warning { background: #f0883e; } .badge.info { background: #3b82c4; }
.pos { color: #666; font-size: 12px; }
pre.context { background: #fff; border: 1px solid #eee; padding: 6px; white-space: pre-wrap; word-break: break-all; font-size: 13px; }
pre.context .ln { color: #999; user-select: none; }
mark { background: #ffe066; }
.related { margin: 2px 0; font-size: 13px; color: #444; } .fix { color: #2f6f2f; font-size: 13px; } .clean { color: #2f6f2f; }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_labels_and_scale_bars() {
        let svg = chart(
            "t",
            &[
                (
                    "a<b>".into(),
                    Counts {
                        errors: 2,
                        warnings: 1,
                        infos: 0,
                    },
                ),
                (
                    "c".into(),
                    Counts {
                        errors: 0,
                        warnings: 0,
                        infos: 3,
                    },
                ),
            ],
            Lang::Zh,
        );
        assert!(svg.contains("a&lt;b&gt;"));
        assert_eq!(
            svg.matches("<rect").count(),
            3 + 3,
            "three bars and three legend keys"
        );
    }

    #[test]
    fn top_keeps_the_worst_and_sums_the_rest() {
        let rows: Vec<(String, Counts)> = (0..30)
            .map(|i| {
                (
                    format!("r{i}"),
                    Counts {
                        errors: i,
                        warnings: 0,
                        infos: 1,
                    },
                )
            })
            .collect();
        let t = top(rows, Lang::Zh);
        assert_eq!(t.len(), TOP);
        assert_eq!(t[0].0, "r29");
        assert_eq!(t[TOP - 1].1.infos, 30 - (TOP - 1));
    }
}
