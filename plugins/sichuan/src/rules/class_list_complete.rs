use budgetlint_province_common::applies;
use budgetlint_sdk::model::classification::{ClassEntry, ClassLevel, Classification};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Span};

/// 类 that are not part of the 一般公共预算 (社会保险基金, 国有资本经营预算, 抗疫特别国债).
const NOT_GENERAL_BUDGET: &[&str] = &["209", "223", "234"];

/// 类 introduced in the 2019 catalogue, not expected in earlier years.
const SINCE_2019: &[&str] = &["224"];

/// A paragraph naming at least this many 类 is a full list (the Sichuan style lists every 类,
/// with 0 for those without money); a shorter one lists only the 类 that have money.
const FULL_LIST: usize = 12;

declare_rule! {
    /// ## What it checks
    /// The Sichuan 一般公共预算当年拨款结构情况 paragraph lists every 类 of the 一般公共预算
    /// with its amount and share, including those with 0 (“一般公共服务支出0万元，占0%；外交支出0万元，
    /// 占0%；…”). When a paragraph lists the 类 this way (at least twelve of them), the rule
    /// reports the 类 of the current 政府收支分类科目 that it leaves out (e.g.
    /// 灾害防治及应急管理支出, added in 2019), and names the outdated 类 names it uses
    /// (文化体育与传媒支出 → 文化旅游体育与传媒支出), which `wording/obsolete-class-name`
    /// reports one by one.
    ///
    /// Runs only under the 四川 profile.
    ///
    /// ## Why
    /// 预算法 §14 and 财预〔2016〕143号 require the 一般公共预算 by 功能分类; a list that presents
    /// itself as complete but misses a 类 — typically one created since the template was
    /// written — shows the template was not updated to the year's 政府收支分类科目, and its shares
    /// no longer describe the whole.
    ///
    /// ## Example
    /// ```text
    /// …国土海洋气象等支出0万元，占0%；住房保障支出54.39万元，占7%；粮油物资储备支出0万元，占0%；
    /// 预备费0万元，占0%；…   ← 缺少“灾害防治及应急管理支出”；“国土海洋气象等支出”现为“自然资源海洋气象等支出”
    /// ```
    ///
    /// ## Fix
    /// List the 类 of the year's 政府收支分类科目 under their current names.
    ///
    /// ## 检查内容
    /// 四川“一般公共预算当年拨款结构情况”段落要列出一般公共预算的每一个类及其金额和占比，包括金额为0的类（“一般公共服务支出0万元，占0%；外交支出0万元，占0%；……”）。段落以这种方式列举类（至少十二个）时，本规则报告其中遗漏的现行政府收支分类科目的类（如2019年新增的灾害防治及应急管理支出），并指出使用的旧类名（文化体育与传媒支出 → 文化旅游体育与传媒支出），旧类名由 `wording/obsolete-class-name` 逐一报告。
    ///
    /// 只在四川省份配置下检查。
    ///
    /// ## 依据
    /// 《预算法》第十四条和财预〔2016〕143号要求按功能分类公开一般公共预算；一份自称完整的列举遗漏了某个类——通常是模板编写后新设的类——说明模板没有按当年的政府收支分类科目更新，各项占比也就不再反映全貌。
    ///
    /// ## 示例
    /// ```text
    /// …国土海洋气象等支出0万元，占0%；住房保障支出54.39万元，占7%；粮油物资储备支出0万元，占0%；
    /// 预备费0万元，占0%；…   ← 缺少“灾害防治及应急管理支出”；“国土海洋气象等支出”现为“自然资源海洋气象等支出”
    /// ```
    ///
    /// ## 修改方法
    /// 按当年政府收支分类科目的现行名称列出各类。
    pub struct ClassListComplete {
        id: "sichuan/class-list-complete",
        severity: Warning,
        summary: "The 一般公共预算 structure paragraph must list every current 类",
        summary_zh: "一般公共预算结构段落应列出全部现行“类”",
    }
}

impl Rule for ClassListComplete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !applies(ctx, crate::PROVINCE) {
            return;
        }
        let year = ctx.doc.meta.fiscal_year;
        let catalogue = Classification::for_year(year);
        let classes: Vec<&ClassEntry> = catalogue
            .entries()
            .iter()
            .filter(|e| e.level() == ClassLevel::Lei && !NOT_GENERAL_BUDGET.contains(&e.code))
            .filter(|e| year.is_none_or(|y| y >= 2019) || !SINCE_2019.contains(&e.code))
            .collect();
        for (_, text, span) in ctx.doc.prose() {
            if let Some(d) = check_paragraph(&Self::META, text, span, &classes) {
                out.push(d);
            }
        }
    }
}

/// How a 类 is named in a paragraph: under its current name, or an outdated one.
enum Named<'a> {
    Current,
    Outdated(&'a str),
}

/// How `text` names `class`, if it does (the longest name found wins: 文化旅游体育与传媒支出
/// before 文化旅游体育与传媒).
fn named<'a>(text: &str, class: &'a ClassEntry) -> Option<Named<'a>> {
    if text.contains(class.name) {
        return Some(Named::Current);
    }
    let mut aliases: Vec<&&str> = class
        .aliases
        .iter()
        .filter(|a| a.chars().count() >= 2 && text.contains(**a))
        .collect();
    aliases.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let alias = **aliases.first()?;
    let current_stem = class.name.trim_end_matches("支出");
    Some(if class.name.starts_with(alias) || alias == current_stem {
        Named::Current
    } else {
        Named::Outdated(alias)
    })
}

fn check_paragraph(
    meta: &'static RuleMeta,
    text: &str,
    span: Span,
    classes: &[&ClassEntry],
) -> Option<Diagnostic> {
    let found: Vec<(&ClassEntry, Option<Named>)> =
        classes.iter().map(|c| (*c, named(text, c))).collect();
    let listed = found.iter().filter(|(_, n)| n.is_some()).count();
    if listed < FULL_LIST {
        return None;
    }
    let missing: Vec<String> = found
        .iter()
        .filter(|(_, n)| n.is_none())
        .map(|(c, _)| format!("“{}”（{}）", c.name, c.code))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let outdated: Vec<String> = found
        .iter()
        .filter_map(|(c, n)| match n {
            Some(Named::Outdated(old)) => Some(format!("“{old}”现为“{}”", c.name)),
            _ => None,
        })
        .collect();
    let note = if outdated.is_empty() {
        String::new()
    } else {
        format!("；另有旧科目名称：{}", outdated.join("，"))
    };
    Some(
        Diagnostic::new(
            meta,
            span,
            format!("这段按类列示一般公共预算支出（列出{listed}个类），但缺少现行政府收支分类科目的{}{note}", missing.join("、")),
        )
        .en(format!("The paragraph lists {listed} 类 of the 一般公共预算 but leaves out {}", missing.join(", "))),
    )
}
