//! `check --report report.html`: one self-contained HTML page for a reviewer (inline CSS and
//! SVG, no script, no external asset): totals, bar charts of the findings per rule, per
//! province and per document, a table of the documents sorted by errors, and every document's
//! findings with the text around them.
//!
//! [`Doc`] keeps what the page needs of a checked document (counts, findings, a few lines of
//! context), so the document text can be dropped as soon as it has been checked.

use crate::format::{xml_escape as esc, Outcome, Summary};
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

struct Item {
    rule: String,
    severity: Severity,
    message: String,
    line: u32,
    column: u32,
    /// Lines around the finding: (line number, text before, the finding's text, text after).
    context: Vec<(u32, String, String, String)>,
    related: Vec<(u32, u32, String)>,
    fix: Option<String>,
}

impl Doc {
    pub fn new(outcome: &Outcome) -> Doc {
        match outcome {
            Ok(report) => Doc::from_report(report),
            Err(e) => Doc {
                path: e.path.display().to_string(),
                province: None,
                error: Some(e.message.clone()),
                counts: Counts::default(),
                findings: Vec::new(),
            },
        }
    }

    fn from_report(report: &FileReport) -> Doc {
        let index = LineIndex::new(&report.text);
        let mut counts = Counts::default();
        let findings = report
            .findings
            .iter()
            .map(|f| {
                counts.add(f.diagnostic.severity);
                item(&report.text, &index, &f.diagnostic)
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
        context,
        related: d
            .related
            .iter()
            .map(|r| (r.span.line, r.span.col, r.message.clone()))
            .collect(),
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

pub fn write(path: &Path, docs: &[Doc], summary: &Summary) -> std::io::Result<()> {
    std::fs::write(path, render(docs, summary))
}

pub fn render(docs: &[Doc], summary: &Summary) -> String {
    let mut html = String::with_capacity(64 * 1024);
    html.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>budgetlint 检查报告</title>\n");
    html.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n",
    );
    html.push_str(CSS);
    html.push_str(
        "</style>\n</head>\n<body>\n<h1>budgetlint 检查报告 <small>report</small></h1>\n",
    );
    totals(&mut html, summary);
    html.push_str("<section class=\"charts\">\n");
    html.push_str(&chart("按规则 · findings per rule", &top(per_rule(docs))));
    html.push_str(&chart(
        "按省份 · findings per province",
        &top(per_province(docs)),
    ));
    html.push_str(&chart(
        "按文件 · findings per document",
        &top(per_document(docs)),
    ));
    html.push_str("</section>\n");
    documents_table(&mut html, docs);
    for (i, doc) in docs.iter().enumerate() {
        document_section(&mut html, i, doc);
    }
    html.push_str("</body>\n</html>\n");
    html
}

fn totals(html: &mut String, s: &Summary) {
    let _ = write!(
        html,
        "<p class=\"totals\"><span>{} 个文件 files</span><span class=\"error\">{} 错误 errors</span>\
         <span class=\"warning\">{} 警告 warnings</span><span class=\"info\">{} 提示 infos</span>",
        s.files, s.errors, s.warnings, s.infos
    );
    if s.file_errors > 0 {
        let _ = write!(
            html,
            "<span class=\"error\">{} 无法读取 unreadable</span>",
            s.file_errors
        );
    }
    if s.suppressed > 0 {
        let _ = write!(html, "<span>{} 已忽略 suppressed</span>", s.suppressed);
    }
    html.push_str("</p>\n");
}

fn per_rule(docs: &[Doc]) -> Vec<(String, Counts)> {
    let mut rows: BTreeMap<&str, Counts> = BTreeMap::new();
    for f in docs.iter().flat_map(|d| &d.findings) {
        rows.entry(&f.rule).or_default().add(f.severity);
    }
    rows.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn per_province(docs: &[Doc]) -> Vec<(String, Counts)> {
    let mut rows: BTreeMap<&str, Counts> = BTreeMap::new();
    for doc in docs {
        let c = rows
            .entry(doc.province.as_deref().unwrap_or("未识别 unknown"))
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
fn top(mut rows: Vec<(String, Counts)>) -> Vec<(String, Counts)> {
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
        rows.push((format!("其余 {} 项 others", rest.len()), other));
    }
    rows
}

fn short_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// A horizontal stacked bar chart (errors, warnings, infos) as inline SVG.
fn chart(title: &str, rows: &[(String, Counts)]) -> String {
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
        svg.push_str("<text x=\"10\" y=\"40\" class=\"empty\">没有发现 no findings</text>\n");
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
        for (n, class) in [
            (c.errors, "error"),
            (c.warnings, "warning"),
            (c.infos, "info"),
        ] {
            if n == 0 {
                continue;
            }
            let w = (n as f64 / max as f64 * BAR as f64).max(1.5);
            let _ = writeln!(svg, "<rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"16\" class=\"{class}\"><title>{n} {class}</title></rect>", y + 3);
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
    let _ = writeln!(
        svg,
        "<g class=\"legend\"><rect x=\"{LABEL}\" y=\"{}\" width=\"10\" height=\"10\" class=\"error\"/><text x=\"{}\" y=\"{legend_y}\">错误</text>\
         <rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" class=\"warning\"/><text x=\"{}\" y=\"{legend_y}\">警告</text>\
         <rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" class=\"info\"/><text x=\"{}\" y=\"{legend_y}\">提示</text></g>",
        legend_y - 9,
        LABEL + 14,
        LABEL + 60,
        legend_y - 9,
        LABEL + 74,
        LABEL + 120,
        legend_y - 9,
        LABEL + 134
    );
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

fn documents_table(html: &mut String, docs: &[Doc]) {
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
    html.push_str("<h2>文件 · documents</h2>\n<table class=\"docs\">\n<thead><tr><th>文件 document</th><th>省份 province</th>\
                   <th class=\"n\">错误</th><th class=\"n\">警告</th><th class=\"n\">提示</th></tr></thead>\n<tbody>\n");
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

fn document_section(html: &mut String, i: usize, doc: &Doc) {
    let _ = writeln!(
        html,
        "<section class=\"doc\" id=\"doc-{i}\">\n<h2>{} <small>{}</small></h2>",
        esc(&doc.path),
        esc(doc.province.as_deref().unwrap_or(""))
    );
    if let Some(e) = &doc.error {
        let _ = writeln!(
            html,
            "<p class=\"error\">无法检查 cannot check: {}</p>",
            esc(e)
        );
    } else if doc.findings.is_empty() {
        html.push_str("<p class=\"clean\">没有发现问题 no findings</p>\n");
    }
    for f in &doc.findings {
        let severity = f.severity.as_str();
        let _ = writeln!(
            html,
            "<div class=\"finding {severity}\"><p><span class=\"badge {severity}\">{severity}</span> <code>{}</code> \
             <span class=\"pos\">第{}行 {}:{}</span></p>\n<p class=\"msg\">{}</p>",
            esc(&f.rule),
            f.line,
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
            for (line, col, message) in &f.related {
                let _ = write!(html, "<li>{line}:{col} {}</li>", esc(message));
            }
            html.push_str("</ul>\n");
        }
        if let Some(fix) = &f.fix {
            let _ = writeln!(html, "<p class=\"fix\">修改建议 fix: {}</p>", esc(fix));
        }
        html.push_str("</div>\n");
    }
    html.push_str("</section>\n");
}

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
section.doc { border-top: 2px solid #ccc; margin-top: 24px; }
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
        let t = top(rows);
        assert_eq!(t.len(), TOP);
        assert_eq!(t[0].0, "r29");
        assert_eq!(t[TOP - 1].1.infos, 30 - (TOP - 1));
    }
}
