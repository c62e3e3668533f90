use crate::numbers::span_from;
use crate::numbers::{doc_numbers, Cited};
use budgetlint_sdk::model::LineIndex;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A 发文字号 whose 机关代字 starts with the province's abbreviation (冀, 晋, 川, 豫 …: a
    /// province-level body) attached to a document whose title names a county, district or city
    /// body as the issuer: `冀人社字【2020】103号《香河县人力资源和社会保障局关于…的请示》`.
    ///
    /// The province is the one the document belongs to (its metadata or the profile); when it is
    /// unknown only the abbreviations that no prefecture-level city shares are used.
    ///
    /// ## Why
    /// GB/T 9704-2012 §7.2.5: the 机关代字 is that of the issuing body. A county bureau numbers
    /// its documents with its own code (香人社 …), never with the provincial department's
    /// (冀人社). A mismatch means either the number or the title is wrong, and the cited basis of
    /// the budget item cannot be traced.
    ///
    /// ## Example
    /// `根据冀人社字【2020】103号《香河县人力资源和社会保障局关于…的请示》` is reported;
    /// `冀财社〔2020〕185号《河北省财政厅关于…的通知》` is not.
    ///
    /// ## Fix
    /// Cite the county body's own number (or the provincial document's own title).
    ///
    /// ## 检查内容
    /// 发文字号的机关代字以省的简称（冀、晋、川、豫等，即省级机关）开头，而所附文件标题写明的发文机关是县、区或市级机关：如`冀人社字【2020】103号《香河县人力资源和社会保障局关于…的请示》`。
    ///
    /// 省份取文件所属的省（文件信息或省份配置）；省份不明时，只使用不与任何地级市简称相同的省简称。
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：机关代字是发文机关的代字。县级部门用本机关的代字编号（如香人社），不会用省厅的代字（冀人社）。两者不符，说明文号或标题有一个是错的，预算项目所引的依据就无从查考。
    ///
    /// ## 示例
    /// `根据冀人社字【2020】103号《香河县人力资源和社会保障局关于…的请示》`会被报告；`冀财社〔2020〕185号《河北省财政厅关于…的通知》`不会。
    ///
    /// ## 修改方法
    /// 引用县级机关自己的文号（或引用省级文件自己的标题）。
    pub struct IssuerLevel {
        id: "docnum/issuer-level",
        aliases: ["jurisdiction/issuer-level"],
        severity: Warning,
        summary: "Province-level 机关代字 on a document issued by a county or city body",
        summary_zh: "县级或市级机关发文使用了省级机关代字",
    }
}

/// Province short names and the abbreviations their bodies use in 机关代字. The second list
/// holds abbreviations also used by a prefecture-level city (宁 南京, 青 青岛, 秦 秦皇岛 …);
/// they count only when the document's province is known.
const PROVINCES: &[(&str, &str, &str)] = &[
    ("河北", "冀", ""),
    ("山西", "晋", ""),
    ("内蒙古", "蒙", ""),
    ("辽宁", "辽", ""),
    ("吉林", "", "吉"),
    ("黑龙江", "黑", ""),
    ("江苏", "苏", ""),
    ("浙江", "浙", ""),
    ("安徽", "皖", ""),
    ("福建", "闽", ""),
    ("江西", "赣", ""),
    ("山东", "鲁", ""),
    ("河南", "豫", ""),
    ("湖北", "鄂", ""),
    ("湖南", "湘", ""),
    ("广东", "粤", ""),
    ("广西", "", "桂"),
    ("海南", "琼", ""),
    ("四川", "川", "蜀"),
    ("贵州", "黔", "贵"),
    ("云南", "", "云滇"),
    ("西藏", "藏", ""),
    ("陕西", "陕", "秦"),
    ("甘肃", "", "甘陇"),
    ("青海", "", "青"),
    ("宁夏", "", "宁"),
    ("新疆", "", "新"),
    ("北京", "京", ""),
    ("天津", "津", ""),
    ("上海", "沪", ""),
    ("重庆", "渝", ""),
];

/// Municipalities: their 市 is province level.
const MUNICIPALITIES: &[&str] = &["北京市", "天津市", "上海市", "重庆市"];

impl Rule for IssuerLevel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let province = ctx
            .doc
            .meta
            .province
            .as_deref()
            .or(ctx.profile.province.as_deref());
        for cited in doc_numbers(ctx.doc) {
            let Some(abbr) = provincial_abbreviation(&cited.num.agency, province) else {
                continue;
            };
            let Some((title_start, title)) = cited_title(ctx.doc, &cited) else {
                continue;
            };
            let Some(issuer) = title
                .split("关于")
                .next()
                .filter(|s| !s.is_empty() && title.contains("关于"))
            else {
                continue;
            };
            let Some(level) = local_level(issuer) else {
                continue;
            };
            let title_span = title_span(ctx.doc, &cited, title_start, title.len());
            out.push(
                Diagnostic::new(
                    &Self::META,
                    cited.fact.span,
                    format!(
                        "发文字号“{}”使用省级机关代字“{abbr}”，但所引文件《{title}》的发文机关“{issuer}”是{level}级机关",
                        cited.num.raw
                    ),
                )
                .en(format!(
                    "Document number “{}” carries the province-level code “{abbr}”, but the cited document is issued by the {} body “{issuer}”",
                    cited.num.raw,
                    level_en(level)
                ))
                .related(title_span, format!("发文机关：{issuer}")),
            );
        }
    }
}

/// The province abbreviation `agency` starts with, if it is one for `province` (or, when the
/// province is unknown, an unambiguous one).
fn provincial_abbreviation(agency: &str, province: Option<&str>) -> Option<char> {
    let first = agency.chars().next()?;
    if agency.chars().count() < 2 {
        return None;
    }
    PROVINCES.iter().find_map(|&(name, sure, shared)| {
        let matches = match province {
            Some(p) => p.starts_with(name) && (sure.contains(first) || shared.contains(first)),
            None => sure.contains(first),
        };
        matches.then_some(first)
    })
}

/// The 《title》 right after the number (`…103号《…》`, `…103号文件《…》`) or right before it
/// (`《…》（冀财社〔2020〕185号）`): its byte start and text.
fn cited_title<'a>(doc: &'a budgetlint_sdk::Document, cited: &Cited) -> Option<(usize, &'a str)> {
    let text = &doc.text;
    let after = text.get(cited.end()..)?;
    let skipped = after.trim_start_matches([' ', '\u{3000}']);
    let skipped = ["文件", "文", "的"]
        .iter()
        .find_map(|w| skipped.strip_prefix(w))
        .unwrap_or(skipped);
    if let Some(rest) = skipped.strip_prefix('《') {
        let close = rest.find('》').filter(|&p| p <= 300)?;
        let start = text.len() - rest.len();
        return Some((start, &rest[..close]));
    }
    let before = text
        .get(..cited.start())?
        .trim_end_matches([' ', '\u{3000}', '（', '(']);
    let body = before.strip_suffix('》')?;
    let open = body.rfind('《').filter(|&p| body.len() - p <= 300)?;
    let start = open + '《'.len_utf8();
    Some((start, &body[start..]))
}

/// The administrative level of an issuing body named in a title, when it is below the province.
fn local_level(issuer: &str) -> Option<&'static str> {
    if issuer.contains('省') || issuer.contains("国务院") || issuer.contains("中共中央") {
        return None;
    }
    let mut rest = issuer.replace("自治区", "");
    if let Some(m) = MUNICIPALITIES.iter().find(|m| rest.starts_with(*m)) {
        rest = rest[m.len()..].to_string();
    }
    ["县", "区", "旗", "市", "州", "乡", "镇"]
        .into_iter()
        .find(|w| rest.contains(w))
}

fn level_en(level: &str) -> &'static str {
    match level {
        "县" | "旗" => "county",
        "区" => "district",
        "市" | "州" => "city",
        _ => "township",
    }
}

/// The span of the cited title: counted from the number when the title follows it, from the
/// start of the text otherwise (the title before a number is rare and close to it anyway).
fn title_span(
    doc: &budgetlint_sdk::Document,
    cited: &Cited,
    start: usize,
    len: usize,
) -> budgetlint_sdk::Span {
    if start >= cited.start() {
        span_from(doc, cited.fact.span, start, start + len)
    } else {
        LineIndex::new(&doc.text).span(&doc.text, start, start + len)
    }
}
