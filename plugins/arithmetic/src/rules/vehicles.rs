use budgetlint_sdk::model::{Document, Fact, FactKind, Span, Unit};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A unit that holds vehicles (“共有车辆1辆”, a 车辆 row of the asset table with a count) while
    /// the text budgets nothing for 公务用车运行维护费 or says 公务用车 were abolished, with no
    /// explanation. Reported at info level: the vehicle may be a special-purpose one that is not
    /// a 公务用车, but then the disclosure should say so.
    ///
    /// ## Why
    /// The “三公”经费 explanation must be consistent with the 国有资产占用 section (财预〔2016〕143号;
    /// evaluators compare 公务用车保有量 with 公务用车运行维护费).
    ///
    /// ## Example
    /// “截至去年底，…共有车辆1辆” and “公务用车购置0万元，运行维护费0万元”.
    ///
    /// ## Fix
    /// Explain the vehicle (e.g. 执法执勤用车, 特种专业技术用车), or correct the figures.
    ///
    /// ## 检查内容
    /// 单位有车辆（“共有车辆1辆”，或国有资产占用情况表中车辆一行有数量），而正文中公务用车运行维护费没有安排任何经费，或称公务用车已取消，且未作说明。只作提示：这辆车可能是不属于公务用车的特种专业技术用车，但公开文件应当写明。
    ///
    /// ## 依据
    /// “三公”经费的说明应与国有资产占用情况一致（财预〔2016〕143号；评审时会比对公务用车保有量和公务用车运行维护费）。
    ///
    /// ## 示例
    /// “截至去年底，……共有车辆1辆”，同时写“公务用车购置0万元，运行维护费0万元”。
    ///
    /// ## 修改方法
    /// 说明车辆的性质（如执法执勤用车、特种专业技术用车），或改正有关数字。
    pub struct Vehicles {
        id: "arithmetic/vehicles",
        aliases: ["consistency/vehicles"],
        severity: Info,
        summary: "Vehicles are held but no vehicle running costs are budgeted",
        summary_zh: "有公务用车但未安排公务用车运行维护费",
    }
}

impl Rule for Vehicles {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        // A disclosure that says what the vehicle is has explained it.
        if [
            "执法执勤",
            "特种专业技术用车",
            "非公务用车",
            "业务用车",
            "应急保障用车",
        ]
        .iter()
        .any(|w| doc.text.contains(w))
        {
            return;
        }
        let Some(held) = vehicles_held(doc) else {
            return;
        };
        let Some((no_cost, what)) = no_running_cost(doc) else {
            return;
        };
        let count = doc.slice(held).to_string();
        out.push(
            Diagnostic::new(
                &Self::META,
                held,
                format!("单位有车辆（{count}），但{what}，未说明车辆性质"),
            )
            .en(format!(
                "The unit holds vehicles ({count}), but {}, without explaining the vehicle",
                if what.contains("取消") {
                    "official cars are said to be abolished"
                } else {
                    "no running costs are budgeted for official cars"
                }
            ))
            .related(no_cost, what),
        );
    }
}

/// A positive count of vehicles: “车辆1辆” in the text, or the first figure of a 车辆 row in a
/// table (the asset table's 数量 column).
fn vehicles_held(doc: &Document) -> Option<Span> {
    let in_text = doc.facts.iter().find(|f| {
        matches!(&f.kind, FactKind::Count(q) if q.unit == Unit::Other("辆".into()) && q.value > budgetlint_sdk::Decimal::ZERO)
            && f.cell.is_none()
            && doc.slice(line_of(doc, f.span)).contains("车辆")
    });
    if let Some(f) = in_text {
        return Some(f.span);
    }
    doc.tables.iter().flat_map(|t| &t.rows).find_map(|row| {
        let label = row.cells.iter().find(|c| !c.text.is_empty())?;
        if !label.text.contains("车辆") {
            return None;
        }
        let count = row.cells.iter().find(|c| c.number.is_some())?;
        let q = count.number.as_ref()?;
        (q.decimals == 0 && q.value > budgetlint_sdk::Decimal::ZERO).then_some(count.span)
    })
}

/// A zero 公务用车运行维护费 in the text, or the words 取消公务用车.
fn no_running_cost(doc: &Document) -> Option<(Span, &'static str)> {
    let zero =
        |f: &&Fact| f.cell.is_none() && matches!(&f.kind, FactKind::Amount(q) if q.value.is_zero());
    let running_cost = |f: &&Fact| {
        let key = f.label.as_ref().and_then(|l| l.key.as_deref());
        let raw = f.label.as_ref().map(|l| l.raw.as_str()).unwrap_or("");
        key == Some("公务用车运行维护费")
            || (["运行维护费", "运维费", "运行费"]
                .iter()
                .any(|w| raw.contains(w))
                && doc.slice(line_of(doc, f.span)).contains("公务用车"))
    };
    if let Some(f) = doc.facts.iter().filter(zero).find(running_cost) {
        return Some((f.span, "公务用车运行维护费为0"));
    }
    doc.prose().find_map(|(_, text, span)| {
        let at = text.find("取消公务用车")?;
        let start = span.start + at as u32;
        let mut s = span;
        s.start = start;
        s.end = start + "取消公务用车".len() as u32;
        Some((s, "文中称已取消公务用车"))
    })
}

/// The span of the whole line a span starts on.
fn line_of(doc: &Document, span: Span) -> Span {
    let start = doc.text[..span.start as usize]
        .rfind('\n')
        .map_or(0, |p| p + 1);
    let end = doc.text[span.start as usize..]
        .find('\n')
        .map_or(doc.text.len(), |p| span.start as usize + p);
    Span {
        start: start as u32,
        end: end as u32,
        ..span
    }
}
