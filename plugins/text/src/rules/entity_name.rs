use crate::support::{is_han, literals, org_suffix, Spans};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// Sentences that describe the document's own budget (`反映X年度单位预算…`,
    /// `现将X2021年部门预算公开如下`, `X2021年单位预算`) but name another body X than the
    /// publisher, typically the parent bureau: `反映香河县人力资源和社会保障局年度单位预算中支出
    /// 预算的总体情况` in the budget of 香河县社会保险事业管理所.
    ///
    /// X must follow 反映, 现将, 公开 or 关于 and be a body's name (ending in 局, 中心, 所,
    /// 委员会 …) of another kind than the publisher (局 against 所, 厅 against 中心): short forms
    /// of the publisher's own name (西工区社保中心 for 洛阳市西工区社会保险中心, 县政府办 for
    /// 县人民政府办公室) are not reported, nor are sentences that place the unit in another
    /// body's budget (纳入…局部门预算编制范围).
    ///
    ///
    /// A title line (a table banner) that names the same body one level up is reported too:
    /// `上海市规划和自然资源局 2024 年度部门决算表` in the 决算 of 上海市普陀区规划和自然资源局
    /// (the place 普陀区 left out), the banner of the municipal bureau's document it was copied
    /// from.
    ///
    /// ## Why
    /// 地方预决算公开操作规程 (财预〔2016〕143号) has each department and unit publish its own
    /// budget. Naming the parent bureau as the owner of this budget is a copy from the parent's
    /// document and leaves the reader unsure whose figures these are.
    ///
    /// ## Example
    /// In 香河县社会保险事业管理所2021年单位预算, `反映香河县人力资源和社会保障局年度单位预算…`
    /// is reported.
    ///
    /// ## Fix
    /// Name the publisher (or 本单位/本部门).
    ///
    /// ## 检查内容
    /// 描述本文件自身预算的句子（`反映X年度单位预算…`、`现将X2021年部门预算公开如下`、`X2021年单位预算`）中，X 写的是发布机关以外的另一个机关，通常是上级主管局：如香河县社会保险事业管理所的预算中写`反映香河县人力资源和社会保障局年度单位预算中支出预算的总体情况`。
    ///
    /// X 须跟在“反映”“现将”“公开”或“关于”之后，是机关名称（以局、中心、所、委员会等结尾），且与发布机关类型不同（局对所，厅对中心）：发布机关自身名称的简称（洛阳市西工区社会保险中心简称西工区社保中心，县人民政府办公室简称县政府办）不报告，把本单位纳入另一机关预算的句子（纳入…局部门预算编制范围）也不报告。
    ///
    /// 标题行（表格上方的大标题）写成上一级同名机关的也报告：上海市普陀区规划和自然资源局2024年度部门决算中的`上海市规划和自然资源局 2024 年度部门决算表`（少了“普陀区”这一级地名），是从上级机关文件中复制来的。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求各部门、各单位公开自己的预算。把上级局写成这份预算的主体，是照抄上级的文件，读者会弄不清这些数字是谁的。
    ///
    /// ## 示例
    /// 在香河县社会保险事业管理所2021年单位预算中，`反映香河县人力资源和社会保障局年度单位预算…`会被报告。
    ///
    /// ## 修改方法
    /// 写发布机关的名称（或“本单位”“本部门”）。
    pub struct EntityName {
        id: "text/entity-name",
        aliases: ["cross-reference/entity-name"],
        severity: Warning,
        summary: "Another body named where the publisher's own budget is described",
        summary_zh: "描述本单位预算之处写成了另一机关",
    }
}

/// What follows the body's name when the sentence is about its own budget.
const ANCHORS: &[&str] = &["单位预算", "部门预算", "单位决算", "部门决算"];

/// Words after which the name is the owner of the budget being described.
const SELF_LEADS: &[&str] = &["反映", "现将", "公开", "关于"];

/// Words after which another body's budget is named on purpose (纳入…局部门预算编制范围).
const OTHER_LEADS: &[&str] = &[
    "纳入",
    "包含在",
    "包括在",
    "属于",
    "隶属于",
    "隶属",
    "所属",
    "汇总",
    "编入",
    "列入",
];

/// Names that refer to the publisher itself.
const SELF_PREFIXES: &[&str] = &["本", "我", "该", "各", "所属", "下属", "其"];

impl Rule for EntityName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(issuer) = ctx.doc.meta.issuer.as_deref() else {
            return;
        };
        let Some(own_kind) = org_suffix(issuer).map(body_kind) else {
            return;
        };
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        let title_end = ctx.doc.meta.title_span.map_or(0, |s| s.end as usize);
        static PATTERN: OnceLock<Regex> = OnceLock::new();
        let pattern = literals(&PATTERN, &ANCHORS.join("|"));
        for m in pattern.find_iter(text) {
            let (at, anchor) = (m.start(), m.as_str());
            if at < title_end {
                continue;
            }
            let Some((start, name)) = body_before(text, at) else {
                continue;
            };
            let Some(kind) = org_suffix(name).map(body_kind) else {
                continue;
            };
            if kind == own_kind || name == issuer || issuer.contains(name) || name.contains(issuer)
            {
                continue;
            }
            let whose = if anchor.starts_with('单') {
                "单位"
            } else {
                "部门"
            };
            out.push(
                Diagnostic::new(&Self::META, spans.span(start, start + name.len()), format!("此处描述本{whose}的预算，却写成了“{name}”；发布单位是“{issuer}”"))
                    .en(format!("The sentence describes the publisher's own budget but names “{name}”; the publisher is “{issuer}”")),
            );
        }
        for (start, name) in titles_naming_a_level_up(text, issuer, title_end) {
            out.push(
                Diagnostic::new(&Self::META, spans.span(start, start + name.len()), format!("标题行写的是上级机关“{name}”，而发布单位是“{issuer}”"))
                    .en(format!("The title line names “{name}”, the body one level up; the publisher is “{issuer}”")),
            );
        }
    }
}

/// Title lines (a table banner: `上海市规划和自然资源局 2024 年度部门决算表`) whose body is
/// the publisher with a place level left out (上海市普陀区规划和自然资源局 without 普陀区):
/// the same body of the level above, whose document this was copied from. Byte start and name.
fn titles_naming_a_level_up<'t>(
    text: &'t str,
    issuer: &str,
    title_end: usize,
) -> Vec<(usize, &'t str)> {
    let mut found = Vec::new();
    let mut offset = 0;
    // The name one level up keeps the issuer's first place level (`is_level_up`), so a line
    // that does not begin with the issuer's first character is not looked at further.
    let Some(first) = issuer.chars().next() else {
        return found;
    };
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if line_start < title_end {
            continue;
        }
        let trimmed = line.trim_start();
        if !trimmed.starts_with(first) {
            continue;
        }
        let start = line_start + (line.len() - trimmed.len());
        let name_len = trimmed
            .char_indices()
            .find(|(_, c)| !is_han(*c))
            .map_or(trimmed.len(), |(i, _)| i);
        let (name, rest) = trimmed.split_at(name_len);
        let rest = rest
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit());
        let rest = rest
            .trim_start()
            .trim_start_matches('年')
            .trim_start_matches('度');
        let names_own_budget = ANCHORS.iter().any(|a| rest.trim_start().starts_with(a));
        if names_own_budget && rest.len() < trimmed.len() && is_level_up(issuer, name) {
            found.push((start, name));
        }
    }
    found
}

/// Whether `name` is `issuer` with one place level taken out of it (a run of characters ending
/// in 省/市/区/县/州/盟/旗, not the first level): 上海市规划和自然资源局 for
/// 上海市普陀区规划和自然资源局.
fn is_level_up(issuer: &str, name: &str) -> bool {
    if name.len() >= issuer.len() || !issuer.ends_with(|c: char| name.ends_with(c)) {
        return false;
    }
    let removed = issuer.len() - name.len();
    issuer.char_indices().filter(|(i, _)| *i > 0).any(|(i, _)| {
        let Some(cut) = issuer.get(i..i + removed) else {
            return false;
        };
        let place_level = cut.ends_with(['省', '市', '区', '县', '州', '盟', '旗']);
        let before = &issuer[..i];
        place_level
            && before.ends_with(['省', '市', '区', '县', '州', '盟', '旗'])
            && format!("{before}{}", &issuer[i + removed..]) == name
    })
}

/// The body's name right before `anchor_at`, skipping a year (`2021年`, `年度`): its byte start
/// and text. The name must follow a word that makes it the budget's owner (反映, 现将 …).
fn body_before(text: &str, anchor_at: usize) -> Option<(usize, &str)> {
    let head = &text[..anchor_at];
    let head = head.trim_end_matches(['度', ' ', '\u{3000}']);
    let head = head.strip_suffix('年').map_or(head, |h| {
        h.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
    });
    let end = head.len();
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c))
        .last()
        .map(|(i, _)| i)?;
    let run = &head[start..end];
    let last_lead = |leads: &[&str]| {
        leads
            .iter()
            .filter_map(|w| run.rfind(w).map(|p| p + w.len()))
            .max()
    };
    let (self_lead, other_lead) = (last_lead(SELF_LEADS)?, last_lead(OTHER_LEADS));
    if other_lead.is_some_and(|o| o > self_lead) {
        return None;
    }
    let cut = self_lead;
    let name = &run[cut..];
    let too_short = name.chars().count() < 4;
    if too_short || SELF_PREFIXES.iter().any(|p| name.starts_with(p)) {
        return None;
    }
    Some((start + cut, name))
}

/// The kind of body a name suffix denotes: long and short forms are the same kind
/// (办公室/办, 委员会/委, 管理局/局 …).
fn body_kind(suffix: &str) -> &str {
    match suffix {
        "办公室" => "办",
        "委员会" => "委",
        "管理局" => "局",
        "管理所" => "所",
        "服务中心" => "中心",
        other => other,
    }
}
