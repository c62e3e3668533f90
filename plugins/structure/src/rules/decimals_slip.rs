use budgetlint_sdk::model::{Cell, Table, Unit};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// One amount printed without decimals in a column of a money table whose other amounts
    /// are all printed with two (`22,118,861` among `…34`, `…00` cells). Zeros are not counted
    /// (`0` for nothing is common), nor columns with more than one whole number (a column of
    /// counts, codes or 行次 has no decimals at all), nor rows with no two-decimal amount (a
    /// 栏次 row numbering the columns 1, 2, 3 …).
    ///
    /// ## Why
    /// A table kept to 分 (two decimals) that prints one amount rounded to the 元 hides the cents
    /// of that amount: the table no longer foots to the cent, and a reader cannot tell whether
    /// the figure was rounded or mistyped. 部门预算/决算 tables are printed at one precision.
    ///
    /// ## Example
    /// A 支出预算总表 in 元 whose 合计 row reads `86,959,408.34  22,118,861  64,840,547.00`.
    ///
    /// ## Fix
    /// Print the amount with its two decimals like the rest of the column.
    ///
    /// ## 检查内容
    /// 金额表某一列的其他金额都保留两位小数，只有一个金额没有小数（如在“…34”“…00”中间出现“22,118,861”）。零不计入（空值常写作“0”）；一列中有两个以上整数的也不报告（人数、编码、行次等列本来就没有小数）；同一行没有两位小数金额的行（如标注1、2、3…的栏次行）也不计入。
    ///
    /// ## 依据
    /// 保留到分（两位小数）的表中，一个金额只印到元，就丢失了这个金额的角分：表格不能精确到分地勾稽，读者也分不清是四舍五入还是录入错误。部门预算、决算表格应统一精度。
    ///
    /// ## 示例
    /// 以元为单位的支出预算总表，合计行写作“86,959,408.34  22,118,861  64,840,547.00”。
    ///
    /// ## 修改方法
    /// 按该列其他金额的格式，补全这个金额的两位小数。
    pub struct DecimalsSlip {
        id: "structure/decimals-slip",
        severity: Info,
        summary: "One amount printed without the decimals its column keeps",
        summary_zh: "表中某一金额没有保留该列统一的小数位数",
    }
}

/// How many two-decimal amounts a column needs before one whole number in it stands out.
const MIN_PEERS: usize = 3;

impl Rule for DecimalsSlip {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for table in &ctx.doc.tables {
            if !table.unit.as_ref().is_some_and(Unit::is_money) {
                continue;
            }
            for (slip, peer) in slips(table) {
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        slip.span,
                        format!("“{}”没有小数，而本列其他金额都保留两位小数（如“{}”）", slip.text, peer.text),
                    )
                    .en(format!("“{}” has no decimals while the other amounts of its column have two (e.g. “{}”)", slip.text, peer.text))
                    .related(peer.span, "本列保留两位小数的金额"),
                );
            }
        }
    }
}

/// (the one whole amount of a column, a two-decimal amount of the same column).
fn slips(table: &Table) -> Vec<(&Cell, &Cell)> {
    let body = &table.rows[(table.header_rows as usize).min(table.rows.len())..];
    let width = body.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut found = Vec::new();
    for col in 0..width {
        let mut whole = Vec::new();
        let mut two = Vec::new();
        for cell in body
            .iter()
            .filter(|r| r.cells.iter().any(two_decimals))
            .filter_map(|r| r.cells.get(col))
        {
            let Some(n) = cell.number.as_deref() else {
                continue;
            };
            if !matches!(n.unit, Unit::None) {
                whole.clear();
                two.clear();
                break;
            }
            match n.decimals {
                2 => two.push(cell),
                0 if n.value.is_zero() => {}
                0 => whole.push(cell),
                _ => {
                    // A column of mixed precision keeps no one format to slip from.
                    whole.clear();
                    break;
                }
            }
        }
        if let ([slip], [peer, ..]) = (whole.as_slice(), two.as_slice()) {
            if two.len() >= MIN_PEERS {
                found.push((*slip, *peer));
            }
        }
    }
    found
}

/// A plain amount printed with two decimals.
fn two_decimals(cell: &Cell) -> bool {
    cell.number
        .as_deref()
        .is_some_and(|n| n.decimals == 2 && matches!(n.unit, Unit::None))
}
