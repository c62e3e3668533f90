use budgetlint_sdk::model::classification::Classification;
use budgetlint_sdk::model::{Fact, FactKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A functional-classification amount in the text whose class name contradicts the tables:
    /// the same figure appears in the tables only under another 类. Codes and names are those of
    /// the 2021 政府收支分类科目 (crates/model/data/classification-2021.tsv). Figures of 0 and
    /// small round numbers are ignored: they are not distinctive.
    ///
    /// ## Why
    /// 《预算法》第三十二条 and 财预〔2016〕143号 require expenditure to be disclosed by functional
    /// classification down to the 项; a figure under the wrong class misinforms the reader about
    /// what the money is for.
    ///
    /// ## Example
    /// “一般公共服务(类)支出409.04万元” while every table lists 409.04 under 208 社会保障和就业.
    ///
    /// ## Fix
    /// Use the class the tables give (here 社会保障和就业支出).
    ///
    /// ## 检查内容
    /// 正文中按功能分类列示的金额，其科目（类）名称与表格矛盾：同一金额在表格中只出现在另一个类下。科目编码和名称以2021年政府收支分类科目为准。金额为0或较小的整数不检查，因为这类数字无法区分。
    ///
    /// ## 依据
    /// 《预算法》第三十二条和《地方预决算公开操作规程》（财预〔2016〕143号）要求支出按功能分类公开到项级；金额挂错科目，读者就会误解资金的用途。
    ///
    /// ## 示例
    /// 正文写“一般公共服务(类)支出409.04万元”，而各表中409.04万元都列在208社会保障和就业支出下。
    ///
    /// ## 修改方法
    /// 按表格所列的类改正科目名称（本例为社会保障和就业支出）。
    pub struct ClassLabel {
        id: "arithmetic/class-label",
        aliases: ["consistency/class-label"],
        severity: Error,
        summary: "A classification amount is named with another class than in the tables",
        summary_zh: "某一分类金额的科目名称与表格中的不一致",
    }
}

impl Rule for ClassLabel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let classes = Classification::for_year(doc.meta.fiscal_year);
        for f in doc.facts.iter().filter(|f| f.cell.is_none()) {
            let (Some(code), Some(q)) = (class3(f), amount(f)) else {
                continue;
            };
            if q.value.is_zero()
                || (q.decimals == 0 && q.value < budgetlint_sdk::Decimal::from(100))
            {
                continue;
            }
            let in_tables: Vec<&Fact> = doc
                .facts
                .iter()
                .filter(|t| {
                    t.cell.is_some()
                        && amount(t).is_some_and(|tq| tq.value_in(&q.unit) == Some(q.value))
                })
                .collect();
            let table_classes: Vec<String> = in_tables.iter().filter_map(|t| class3(t)).collect();
            if table_classes.is_empty() || table_classes.contains(&code) {
                continue;
            }
            let other = &table_classes[0];
            let other_name = classes.by_code(other).map(|e| e.name).unwrap_or("");
            let own_name = classes.by_code(&code).map(|e| e.name).unwrap_or("");
            let printed = doc.slice(f.span).to_string();
            let mut d = Diagnostic::new(&Self::META, f.span, format!("{printed} 在文中归入 {code} {own_name}，但表中列在 {other} {other_name} 下"))
                .en(format!("{printed} is called {code} {own_name} here, but the tables list it under {other} {other_name}"));
            for t in in_tables.iter().filter(|t| class3(t).is_some()) {
                d = d.related(
                    t.span,
                    format!(
                        "表中 {} {}",
                        class3(t).unwrap_or_default(),
                        t.label.as_ref().map(|l| l.raw.as_str()).unwrap_or("")
                    ),
                );
            }
            out.push(d);
        }
    }
}

fn amount(f: &Fact) -> Option<&budgetlint_sdk::model::Quantity> {
    match &f.kind {
        FactKind::Amount(q) => Some(q),
        _ => None,
    }
}

/// The 类 code (first three digits) of the fact's label.
fn class3(f: &Fact) -> Option<String> {
    let code = f.label.as_ref()?.class_code.as_ref()?;
    code.get(..3).map(str::to_string)
}
