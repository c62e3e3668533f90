use budgetlint_sdk::spans::DocumentExt;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A page with no text at all between pages that have text: in the text a reader gives, two
    /// page breaks (form feeds) with nothing but white space between them. The first and the
    /// last page are not judged (a cover's back and a trailing break are common), nor a
    /// document with fewer than three pages.
    ///
    /// Reported at info level: the page may be blank by mistake (a superfluous empty page in
    /// the middle of the tables) or hold only a scanned image, which cannot be checked either
    /// way; a reviewer looks at it.
    ///
    /// ## Why
    /// A published disclosure is read page by page; an empty page between two tables looks
    /// like a table lost in conversion, and a page that is an image escapes every check
    /// (and the accessibility rules for government web sites, GB/T 37668).
    ///
    /// ## Example
    /// ```text
    /// 总计	2,961.68	总计	2,961.68
    /// <page break>
    /// <page break>            ← page 14 has no text
    /// 一般公共预算财政拨款支出决算表
    /// ```
    ///
    /// ## Fix
    /// Remove the empty page, or publish the page's content as text (not as a picture).
    ///
    /// ## 检查内容
    /// 前后都有文字的页面中间，有一页完全没有文字：读出的文本中两个分页符（换页符）之间只有空白。首页和末页不判断（封二和末尾分页很常见），不足三页的文件也不判断。
    ///
    /// 只作提示：该页可能是误留的空白页（例如表格之间多出一页），也可能只有一张扫描图片，无法检查；需要审核人看一下。
    ///
    /// ## 依据
    /// 公开文件是逐页阅读的；两张表之间的空白页看起来像转换中丢失的表格，而只有图片的页面躲过了所有检查（也不符合政府网站无障碍要求，GB/T 37668）。
    ///
    /// ## 示例
    /// ```text
    /// 总计	2,961.68	总计	2,961.68
    /// <分页>
    /// <分页>                  ← 第14页没有文字
    /// 一般公共预算财政拨款支出决算表
    /// ```
    ///
    /// ## 修改方法
    /// 删去空白页，或把该页内容以文字（而不是图片）形式公开。
    pub struct BlankPage {
        id: "structure/blank-page",
        severity: Info,
        summary: "A page between pages with text has no text at all (blank, or only an image)",
        summary_zh: "前后有文字的页面之间有一页没有任何文字（空白页或只有图片）",
    }
}

/// Fewer pages than this are not judged: a one- or two-page text has no page "between".
const MIN_PAGES: usize = 3;

impl Rule for BlankPage {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for (page, feed) in blank_pages(&doc.text) {
            out.push(
                Diagnostic::new(
                    &Self::META,
                    doc.span_of(feed, feed + 1),
                    format!("第{page}页没有任何文字：是空白页，还是只有图片（无法检查）？"),
                )
                .en(format!(
                    "page {page} has no text at all: a blank page, or only an image (which cannot be checked)?"
                )),
            );
        }
    }
}

/// The blank pages of a text whose pages end with form feeds: (page number, offset of the form
/// feed that starts it, which ends the page before: readers place a page's feed with the page
/// it ends, and the rebuilt layout of a PDF moves the later one onto the next page's text). The
/// first and the last page are never blank pages (see the rule).
fn blank_pages(text: &str) -> Vec<(usize, usize)> {
    let feeds: Vec<usize> = text.match_indices('\x0c').map(|(i, _)| i).collect();
    // Page k (1-based) runs from after feed k-1 to feed k; the text after the last feed is the
    // last page.
    let pages = feeds.len() + 1;
    if pages < MIN_PAGES {
        return Vec::new();
    }
    let start_of = |k: usize| if k == 1 { 0 } else { feeds[k - 2] + 1 };
    let last_with_text = (1..=pages)
        .rev()
        .find(|&k| {
            let end = feeds.get(k - 1).copied().unwrap_or(text.len());
            !text[start_of(k)..end].trim().is_empty()
        })
        .unwrap_or(0);
    (2..last_with_text)
        .filter(|&k| text[start_of(k)..feeds[k - 1]].trim().is_empty())
        .map(|k| (k, feeds[k - 2]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::blank_pages;

    #[test]
    fn pages_between_pages_with_text_are_judged() {
        assert_eq!(blank_pages("a\x0cb\x0c\x0cc\x0c"), [(3, 3)]);
        assert_eq!(blank_pages("a\x0cb\x0c \n\x0cc"), [(3, 3)]);
        // The first page, trailing empty pages and short texts are not judged.
        assert!(blank_pages("\x0ca\x0cb").is_empty());
        assert!(blank_pages("a\x0cb\x0c\x0c\x0c").is_empty());
        assert!(blank_pages("a\x0c\x0c").is_empty());
        assert!(blank_pages("").is_empty());
    }
}
