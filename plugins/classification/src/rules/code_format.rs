use crate::coded_rows::coded_rows;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Classification codes in tables whose 款 or 项 part is written without zero padding
    /// (`208 1 9` instead of `208 01 09`). Each table with such codes is reported once, on its
    /// first unpadded row, listing the others.
    ///
    /// ## Why
    /// The 政府收支分类科目 codes are fixed-width (类 3 digits, 款 and 项 2 digits each, 财预
    /// annual catalogue); `208 1 9` cannot be matched against the catalogue or the other tables of
    /// the same disclosure, which usually write `208 01 09`.
    ///
    /// ## Example
    /// `208	1	9	309001	…	369.28` in a 部门收入总体情况表.
    ///
    /// ## Fix
    /// Write every 款 and 项 part with two digits: `208	01	09`.
    ///
    /// ## 检查内容
    /// 表格中的分类科目编码，其款或项的部分没有补零（写成`208 1 9`而不是`208 01 09`）。每张有这种编码的表只报告一次，报告在第一个未补零的行上，并列出其他行。
    ///
    /// ## 依据
    /// 政府收支分类科目编码是定长的（类3位，款、项各2位，见财政部每年的科目目录）；`208 1 9`无法与科目目录或同一公开文件中通常写作`208 01 09`的其他表格对应。
    ///
    /// ## 示例
    /// 部门收入总体情况表中的`208	1	9	309001	…	369.28`。
    ///
    /// ## 修改方法
    /// 款和项都写成两位：`208	01	09`。
    pub struct CodeFormat {
        id: "classification/code-format",
        severity: Info,
        summary: "A classification code is written without zero padding",
        summary_zh: "科目编码未按位补零",
    }
}

impl Rule for CodeFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for table in &ctx.doc.tables {
            let unpadded: Vec<_> = coded_rows(table)
                .into_iter()
                .filter(|r| r.unpadded())
                .collect();
            let Some(first) = unpadded.first() else {
                continue;
            };
            let written: Vec<String> = first.parts.iter().map(|c| c.text.clone()).collect();
            let code = first.code();
            let mut d = Diagnostic::new(
                &Self::META,
                first.row.span,
                format!(
                    "科目编码“{}”未补零，应写作“{} {} {}”",
                    written.join(" "),
                    &code[..3],
                    code.get(3..5).unwrap_or(""),
                    code.get(5..7).unwrap_or("")
                ),
            )
            .en(format!(
                "Classification code '{}' is not zero-padded; write '{} {} {}'",
                written.join(" "),
                &code[..3],
                code.get(3..5).unwrap_or(""),
                code.get(5..7).unwrap_or("")
            ));
            for other in &unpadded[1..] {
                d = d.related(other.row.span, format!("同样未补零：{}", other.code()));
            }
            out.push(d);
        }
    }
}
