//! Document metadata: title, issuing body, fiscal year, kind, scope, level and province.

use crate::doc::*;

const PROVINCES: &[&str] = &[
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南",
    "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
];

/// Prefecture-level cities (and a few counties) of the provinces budgetlint has profiles for.
/// The full administrative-division table belongs to the province profiles; this list only
/// lets the model name the province when the text does not.
const PLACES: &[(&str, &str)] = &[
    ("石家庄", "河北"), ("唐山", "河北"), ("秦皇岛", "河北"), ("邯郸", "河北"), ("邢台", "河北"), ("保定", "河北"), ("张家口", "河北"),
    ("承德", "河北"), ("沧州", "河北"), ("廊坊", "河北"), ("衡水", "河北"), ("魏县", "河北"), ("香河", "河北"),
    ("太原", "山西"), ("大同", "山西"), ("阳泉", "山西"), ("长治", "山西"), ("晋城", "山西"), ("朔州", "山西"), ("晋中", "山西"),
    ("运城", "山西"), ("忻州", "山西"), ("临汾", "山西"), ("吕梁", "山西"),
    ("成都", "四川"), ("自贡", "四川"), ("攀枝花", "四川"), ("泸州", "四川"), ("德阳", "四川"), ("绵阳", "四川"), ("广元", "四川"),
    ("遂宁", "四川"), ("内江", "四川"), ("乐山", "四川"), ("南充", "四川"), ("眉山", "四川"), ("宜宾", "四川"), ("广安", "四川"),
    ("达州", "四川"), ("雅安", "四川"), ("巴中", "四川"), ("资阳", "四川"), ("阿坝", "四川"), ("甘孜", "四川"), ("凉山", "四川"),
    ("郑州", "河南"), ("开封", "河南"), ("洛阳", "河南"), ("平顶山", "河南"), ("安阳", "河南"), ("鹤壁", "河南"), ("新乡", "河南"),
    ("焦作", "河南"), ("濮阳", "河南"), ("许昌", "河南"), ("漯河", "河南"), ("三门峡", "河南"), ("南阳", "河南"), ("商丘", "河南"),
    ("信阳", "河南"), ("周口", "河南"), ("驻马店", "河南"), ("济源", "河南"), ("西工区", "河南"),
];

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
    meta.fiscal_year = meta.fiscal_year.or_else(|| first_year(&doc.text[..crate::span::floor_char_boundary(&doc.text, 2000)]));
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
            let joined: String = parts.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join("");
            let first = parts[0].1;
            let mut span = first;
            span.end = parts.last().map_or(first.end, |(_, s)| s.end);
            span.end_line = parts.last().map_or(first.end_line, |(_, s)| s.end_line);
            span.end_col = parts.last().map_or(first.end_col, |(_, s)| s.end_col);
            span.end_utf16_col = parts.last().map_or(first.end_utf16_col, |(_, s)| s.end_utf16_col);
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
    let cut = title.find(|c: char| c.is_ascii_digit()).unwrap_or(title.len());
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

fn province(doc: &Document, issuer: Option<&str>) -> Option<String> {
    let head = &doc.text[..crate::span::floor_char_boundary(&doc.text, 3000)];
    let name = issuer.unwrap_or("");
    if let Some(p) = PROVINCES.iter().find(|p| name.starts_with(**p)) {
        return Some(p.to_string());
    }
    if let Some((_, p)) = PLACES.iter().find(|(place, _)| name.contains(place)) {
        return Some(p.to_string());
    }
    if let Some(p) = PROVINCES.iter().filter_map(|p| head.find(&format!("{p}省")).map(|i| (i, p))).min().map(|(_, p)| p) {
        return Some(p.to_string());
    }
    PLACES.iter().filter_map(|(place, p)| head.find(place).map(|i| (i, p))).min().map(|(_, p)| p.to_string())
}
