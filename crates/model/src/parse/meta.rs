//! Document metadata: title, issuing body, fiscal year, kind, scope, level and province.

use crate::divisions;
use crate::doc::*;

pub fn extract(doc: &Document) -> Metadata {
    let mut meta = Metadata::default();
    let (title, span) = title(doc);
    if let Some(t) = &title {
        meta.fiscal_year = first_year(t);
        meta.kind = if t.contains("决算") {
            Some(DocKind::FinalAccounts)
        } else if t.contains("预算") {
            Some(DocKind::Budget)
        } else {
            None
        };
        meta.scope = if t.contains("单位预算") || t.contains("单位决算") {
            Some(DocScope::Unit)
        } else if t.contains("部门") {
            Some(DocScope::Department)
        } else {
            None
        };
        meta.issuer = issuer(t);
    }
    meta.fiscal_year = meta
        .fiscal_year
        .or_else(|| first_year(&doc.text[..crate::span::floor_char_boundary(&doc.text, 2000)]));
    meta.level = meta.issuer.as_deref().and_then(level);
    meta.province = province(doc, meta.issuer.as_deref());
    meta.title = title;
    meta.title_span = span;
    meta
}

/// The first lines up to the one that names the document (预算/决算), joined.
fn title(doc: &Document) -> (Option<String>, Option<crate::Span>) {
    let mut parts: Vec<(String, crate::Span)> = Vec::new();
    for block in doc.blocks.iter().take(4) {
        let span = match block {
            Block::Paragraph(p) => p.text_span,
            Block::Heading(h) => h.title_span,
            _ => break,
        };
        let text = super::blocks::strip_decoration(doc.slice(span)).to_string();
        if text.chars().count() > 60 {
            break;
        }
        parts.push((text.clone(), span));
        if text.contains("预算") || text.contains("决算") {
            let joined: String = parts
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
                .join("");
            let first = parts[0].1;
            let mut span = first;
            span.end = parts.last().map_or(first.end, |(_, s)| s.end);
            span.end_line = parts.last().map_or(first.end_line, |(_, s)| s.end_line);
            span.end_col = parts.last().map_or(first.end_col, |(_, s)| s.end_col);
            span.end_utf16_col = parts
                .last()
                .map_or(first.end_utf16_col, |(_, s)| s.end_utf16_col);
            return (Some(joined), Some(span));
        }
    }
    (None, None)
}

fn first_year(s: &str) -> Option<i32> {
    let bytes = s.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let w = &bytes[i..i + 4];
        let boundary = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        (boundary && after && w.iter().all(u8::is_ascii_digit) && (w[0] == b'2' || w[0] == b'1'))
            .then(|| std::str::from_utf8(w).ok()?.parse().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    })
}

/// The body's name: the title up to the year.
fn issuer(title: &str) -> Option<String> {
    let cut = title
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(title.len());
    let name = title[..cut].trim().trim_end_matches(['（', '(']).trim();
    let name = name.strip_prefix("关于").unwrap_or(name);
    (!name.is_empty()).then(|| name.to_string())
}

/// The level from the last administrative suffix of the place name (洛阳市西工区 → district).
fn level(issuer: &str) -> Option<AdminLevel> {
    let mut level = None;
    let mut seen = 0;
    for c in issuer.chars() {
        seen += 1;
        let l = match c {
            '省' => Some(AdminLevel::Province),
            '市' | '州' | '盟' => Some(AdminLevel::City),
            '县' | '旗' => Some(AdminLevel::County),
            '区' => Some(AdminLevel::District),
            '乡' | '镇' => Some(AdminLevel::Township),
            _ => None,
        };
        if let Some(l) = l {
            level = Some(l);
            seen = 0;
        } else if seen > 5 && level.is_some() {
            break;
        }
    }
    level
}

/// The province of the places the issuer's name mentions (when they agree), else of the places
/// the beginning of the document names first (《河北省…办法》), from the division table.
fn province(doc: &Document, issuer: Option<&str>) -> Option<String> {
    if let Some(p) = issuer.and_then(agreed_province) {
        return Some(p.to_string());
    }
    let head = &doc.text[..crate::span::floor_char_boundary(&doc.text, 3000)];
    divisions::occurrences(head)
        .into_iter()
        .find(|o| o.division.rank() < 2)
        .map(|o| o.division.province.to_string())
}

fn agreed_province(name: &str) -> Option<&'static str> {
    let found = divisions::occurrences(name);
    let first = found.first()?.division.province;
    found
        .iter()
        .all(|o| o.division.province == first)
        .then_some(first)
}
