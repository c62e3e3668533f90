//! A compact, human-readable rendering of a parsed document: metadata, the heading outline,
//! tables, relations with their figures, and 绩效目标表. Used by the snapshot tests, and handy
//! when writing rules (`budgetlint dump-model --summary`).

use crate::doc::*;
use std::fmt::Write;

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    let _ = writeln!(
        out,
        "title: {:?}\nissuer: {:?} year: {:?} kind: {:?} scope: {:?} level: {:?} province: {:?}",
        m.title, m.issuer, m.fiscal_year, m.kind, m.scope, m.level, m.province
    );
    let _ = writeln!(
        out,
        "encoding: {} lines: {}",
        doc.source.encoding,
        doc.text.lines().count()
    );
    out.push_str("\n# outline\n");
    for node in &doc.outline {
        outline_node(doc, node, 0, &mut out);
    }
    for block in &doc.blocks {
        if let Block::Toc(toc) = block {
            let _ = writeln!(
                out,
                "\n# toc (line {}, {} entries)",
                toc.span.line,
                toc.entries.len()
            );
            for e in &toc.entries {
                let _ = writeln!(out, "  {}{}", e.numbering.marker, e.title);
            }
        }
    }
    out.push_str("\n# tables\n");
    for t in &doc.tables {
        let cols = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let _ = writeln!(
            out,
            "T{} line {}-{} {:?} rows {} cols {} header {} unit {:?} title {:?}",
            t.id,
            t.span.line,
            t.span.end_line,
            t.layout,
            t.rows.len(),
            cols,
            t.header_rows,
            t.unit.as_ref().map(|u| u.as_str()),
            t.title
        );
    }
    out.push_str("\n# relations\n");
    for r in &doc.relations {
        let _ = writeln!(out, "{}", relation(doc, r));
    }
    out.push_str("\n# perf tables\n");
    for p in &doc.perf_tables {
        let budget = p.budget.map(|f| fact(doc, f)).unwrap_or_default();
        let plan: Vec<String> = p
            .spending_plan
            .iter()
            .map(|pt| format!("{}={}", pt.label, fact(doc, pt.percent)))
            .collect();
        let _ = writeln!(
            out,
            "P T{} {:?} code {:?} budget {} plan [{}] indicators {}",
            p.table,
            p.project,
            p.code,
            budget,
            plan.join(", "),
            p.indicators.len()
        );
        for row in &p.indicators {
            let name = |c: &Option<TextCell>| {
                c.as_ref()
                    .map(|c| c.text.replace('\n', " "))
                    .unwrap_or_default()
            };
            let _ = writeln!(
                out,
                "  L{} {} / {} / {} = {} {:?}",
                row.span.line,
                name(&row.level1),
                name(&row.level2),
                name(&row.level3),
                name(&row.value),
                value_kind(&row.parsed)
            );
        }
    }
    out
}

fn value_kind(v: &IndicatorValue) -> String {
    match v {
        IndicatorValue::Empty => "empty".into(),
        IndicatorValue::BareUnit { .. } => "bare-unit".into(),
        IndicatorValue::Numeric { op, quantity, rest } => format!(
            "{op:?} {}{}",
            quantity.display(),
            if rest.is_empty() {
                String::new()
            } else {
                format!(" +{rest:?}")
            }
        ),
        IndicatorValue::Text { .. } => "text".into(),
    }
}

fn outline_node(doc: &Document, node: &OutlineNode, depth: usize, out: &mut String) {
    if let Block::Heading(h) = &doc.blocks[node.block as usize] {
        let _ = writeln!(
            out,
            "{}L{} [{:?} {}] {}",
            "  ".repeat(depth),
            h.span.line,
            h.numbering.style,
            h.numbering.ordinal,
            h.title
        );
    }
    for child in &node.children {
        outline_node(doc, child, depth + 1, out);
    }
}

/// `L25 10785.51万元 (支出预算)`.
pub fn fact(doc: &Document, id: FactId) -> String {
    let f = doc.fact(id);
    let label = f
        .label
        .as_ref()
        .map(|l| format!(" ({})", l.key.as_deref().unwrap_or(&l.raw)))
        .unwrap_or_default();
    let value = match &f.kind {
        FactKind::Amount(q) | FactKind::Percent(q) | FactKind::Count(q) => q.display(),
        other => format!("{other:?}"),
    };
    format!("L{} {value}{label}", f.span.line)
}

pub fn relation(doc: &Document, r: &Relation) -> String {
    match r {
        Relation::Sum { total, parts } => {
            let parts: Vec<String> = parts.iter().map(|p| fact(doc, *p)).collect();
            format!("sum {} = {}", fact(doc, *total), parts.join(" + "))
        }
        Relation::Change {
            current,
            previous,
            delta,
            direction,
            rate,
            components,
        } => {
            let comps: Vec<String> = components
                .iter()
                .map(|c| format!("{:?} {}", c.direction, fact(doc, c.amount)))
                .collect();
            format!(
                "change {:?} current {} previous {} delta {} rate {} components [{}]",
                direction,
                current.map(|f| fact(doc, f)).unwrap_or_default(),
                previous.map(|f| fact(doc, f)).unwrap_or_default(),
                delta.map(|f| fact(doc, f)).unwrap_or_default(),
                rate.map(|f| fact(doc, f)).unwrap_or_default(),
                comps.join(", ")
            )
        }
        Relation::Share {
            part,
            whole,
            whole_label,
            percent,
        } => format!(
            "share {} of {} {:?} = {}",
            fact(doc, *part),
            whole.map(|f| fact(doc, f)).unwrap_or_default(),
            whole_label,
            fact(doc, *percent)
        ),
        Relation::Completion {
            actual,
            target,
            percent,
        } => {
            format!(
                "completion {} / {} = {}",
                fact(doc, *actual),
                fact(doc, *target),
                fact(doc, *percent)
            )
        }
    }
}
