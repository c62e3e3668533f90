use budgetlint_province_common::divisions::{self, Division};
use budgetlint_sdk::province::ProjectCodePrefix as Prefix;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Span};

declare_rule! {
    /// ## What it checks
    /// Where the province's template says `project-code-prefix = "division"` (a data file, see
    /// docs/PROVINCES.md; Hebei's does), the 项目编码 of a budget project begins with the
    /// six-digit administrative-division code (GB/T 2260) of the budget unit's place: a 香河县
    /// unit's projects are numbered `131024…`. The rule reads the division named in the issuing body's name
    /// (香河县社会保险事业管理所 → 香河县, 131024) from the division table and reports the
    /// 项目编码 of the 绩效目标表 whose first six digits name another place. A city-level unit's
    /// codes may use the city's own code or its 市辖区 code (131000, 131001).
    ///
    /// Runs only when a template of the profile's province says so (for any kind of document:
    /// the codes are the province's budget system's); silent when the body's name names no
    /// place of the province, or names several that cannot be told apart. Formerly the compiled
    /// `hebei/project-code-prefix`, whose id still names it.
    ///
    /// ## Why
    /// The prefix ties the project to the budget unit in the provincial 预算管理一体化 system;
    /// a code with another place's prefix shows a table copied from another county's disclosure
    /// or a typing error, and the 项目编码 no longer identifies the project
    /// (《地方预决算公开操作规程》 财预〔2016〕143号: content must be accurate).
    ///
    /// ## Example
    /// ```text
    /// 香河县社会保险事业管理所2021年单位预算信息公开情况说明
    /// 项目编码	131025212WPP84MMFSEMX    ← 131025 是大城县，本单位在香河县（131024）
    /// ```
    ///
    /// ## Fix
    /// Copy the 项目编码 from the budget system; check that the table belongs to this unit.
    ///
    /// ## 检查内容
    /// 省份模板（数据文件，见 docs/PROVINCES.md）写明 `project-code-prefix = "division"` 时（河北模板如此），预算项目的项目编码以预算单位所在地的六位行政区划代码（GB/T 2260）开头：香河县单位的项目编码为`131024…`。本规则从发文机关名称中读出所在地（香河县社会保险事业管理所 → 香河县，131024），报告绩效目标表中前六位指向其他地方的项目编码。市级单位的编码可以用本市代码或其市辖区代码（131000、131001）。
    ///
    /// 只在省份配置中有模板写明该要求时检查（对各类文件都检查：编码属于该省的预算系统）；机关名称中没有本省地名，或有几个无法区分的地名时不检查。原编译规则 `hebei/project-code-prefix` 即本规则，其编号仍可使用。
    ///
    /// ## 依据
    /// 编码前缀把项目与省预算管理一体化系统中的预算单位对应起来；前缀是别处的代码，说明表格是从其他县的公开文件中复制的，或是录入错误，项目编码就不再能标识该项目（《地方预决算公开操作规程》财预〔2016〕143号：内容应准确）。
    ///
    /// ## 示例
    /// ```text
    /// 香河县社会保险事业管理所2021年单位预算信息公开情况说明
    /// 项目编码	131025212WPP84MMFSEMX    ← 131025 是大城县，本单位在香河县（131024）
    /// ```
    ///
    /// ## 修改方法
    /// 从预算系统中复制项目编码，并核对该表是否属于本单位。
    pub struct ProjectCodePrefix {
        id: "province/project-code-prefix",
        aliases: ["hebei/project-code-prefix"],
        severity: Warning,
        summary: "项目编码 must start with the unit's administrative-division code",
        summary_zh: "项目编码应以本单位的行政区划代码开头",
    }
}

impl Rule for ProjectCodePrefix {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(province) = division_prefixed(ctx) else {
            return;
        };
        let unit = ctx.doc.meta.issuer.as_deref();
        let Some(unit) = unit.and_then(|issuer| unit_division(issuer, province)) else {
            return;
        };
        let wrong: Vec<(&str, Span)> = ctx
            .doc
            .perf_tables
            .iter()
            .filter_map(|t| Some((t.code.as_deref()?, t.code_span?)))
            .filter(|(code, _)| prefix(code).is_some_and(|p| !belongs_to(p, unit)))
            .collect();
        let Some(&(first, span)) = wrong.first() else {
            return;
        };
        out.push(finding(&Self::META, unit, first, span, &wrong[1..]));
    }
}

/// The profile's province (short name) when one of its templates says its 项目编码 begin with
/// the unit's division code.
fn division_prefixed<'a>(ctx: &Context<'a>) -> Option<&'a str> {
    let province = ctx.profile.province.as_deref()?;
    ctx.profile
        .templates
        .iter()
        .any(|t| t.project_code_prefix == Some(Prefix::Division))
        .then_some(province)
}

/// The most specific division of `province` the body's name names, when exactly one.
pub fn unit_division(issuer: &str, province: &str) -> Option<&'static Division> {
    let named = divisions::named_in(issuer);
    let rank = |d: &Division| match d.level {
        "province" => 0,
        "city" => 1,
        _ => 2,
    };
    let best = named.iter().map(|d| rank(d)).max()?;
    let mut top: Vec<&Division> = named
        .into_iter()
        .filter(|d| rank(d) == best && d.province == province)
        .collect();
    if top.iter().any(|d| d.current) {
        top.retain(|d| d.current);
    }
    top.dedup_by_key(|d| d.code);
    match top.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The first six characters of a 项目编码 when they are digits.
fn prefix(code: &str) -> Option<&str> {
    let p = code.trim().get(..6)?;
    p.bytes().all(|b| b.is_ascii_digit()).then_some(p)
}

/// True when a code prefix is the unit's: its own code, or for a city or province a code of its
/// own level (131000, 131001 for 廊坊市; 130000 for 河北省).
fn belongs_to(prefix: &str, unit: &Division) -> bool {
    match unit.level {
        "province" => prefix.get(..2) == unit.code.get(..2) && prefix.get(2..) == Some("0000"),
        "city" => {
            prefix.get(..4) == unit.code.get(..4)
                && matches!(prefix.get(4..), Some("00") | Some("01"))
        }
        _ => prefix == unit.code,
    }
}

/// A province's full name (河北省 for 河北), from the division table.
fn province_name(short: &str) -> &str {
    divisions::all()
        .iter()
        .find(|d| d.level == "province" && d.province == short && d.current)
        .map_or(short, |d| d.name)
}

fn place_name(prefix: &str) -> String {
    match divisions::by_code(prefix).next() {
        Some(d) if d.city.is_empty() => d.name.to_string(),
        Some(d) => format!("{}{}", d.city, d.name),
        None => "不存在的行政区划".to_string(),
    }
}

fn finding(
    meta: &'static RuleMeta,
    unit: &Division,
    code: &str,
    span: Span,
    others: &[(&str, Span)],
) -> Diagnostic {
    let p = prefix(code).unwrap_or_default();
    let more = if others.is_empty() {
        String::new()
    } else {
        format!("（另有{}个项目编码同样不符）", others.len())
    };
    let mut d = Diagnostic::new(
        meta,
        span,
        format!("项目编码“{code}”的前6位{p}是{}的行政区划代码，而本单位在{}（{}）；{}项目编码应以本单位的行政区划代码开头{more}", place_name(p), unit.name, unit.code, province_name(unit.province)),
    )
    .en(format!("项目编码 “{code}” starts with {p}, not with the unit's division code {} ({})", unit.code, unit.name));
    for (other, s) in others {
        d = d.related(*s, format!("项目编码“{other}”"));
    }
    d
}
