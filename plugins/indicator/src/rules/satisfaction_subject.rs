use crate::view::{Category, Indicators};
use crate::vocab::{contains_any, first_found, OWN_STAFF_WORDS, RECIPIENT_WORDS};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A 服务对象满意度 indicator that measures the unit's own people (`工作人员满意度`,
    /// `本单位职工满意度`, `干部满意度`) instead of the people the project serves (参保人员,
    /// 群众, 受益对象 …).
    ///
    /// ## Why
    /// In the 2020 自评 framework (财预〔2020〕10号) the 满意度 dimension is 服务对象满意度: the
    /// satisfaction of the beneficiaries with the output. The unit's staff are the producers of the
    /// service, so their satisfaction says nothing about it. Reported at info level: some internal
    /// projects (an office system) do serve the staff.
    ///
    /// ## Example
    /// ```text
    /// 满意度指标  服务对象满意度指标  工作人员满意度  …  ≥95%
    /// ```
    ///
    /// ## Fix
    /// Measure the beneficiaries (`参保人员满意度 ≥95%`), or explain why the staff are the service
    /// recipients of this project.
    ///
    /// ## 检查内容
    /// 服务对象满意度指标调查的是本单位人员（`工作人员满意度`、`本单位职工满意度`、`干部满意度`），而不是项目服务的对象（参保人员、群众、受益对象等）。
    ///
    /// ## 依据
    /// 2020年绩效自评框架（财预〔2020〕10号）中的满意度指的是服务对象满意度：受益对象对产出的满意程度。本单位职工是服务的提供者，他们是否满意说明不了服务本身。只作提示：有些内部项目（如办公系统）确实是为职工服务的。
    ///
    /// ## 示例
    /// ```text
    /// 满意度指标  服务对象满意度指标  工作人员满意度  …  ≥95%
    /// ```
    ///
    /// ## 修改方法
    /// 调查受益对象（`参保人员满意度 ≥95%`），或说明为什么本项目的服务对象就是职工。
    pub struct SatisfactionSubject {
        id: "indicator/satisfaction-subject",
        severity: Info,
        summary: "服务对象满意度 is measured on the unit's own staff",
        summary_zh: "服务对象满意度以本单位职工为调查对象",
    }
}

impl Rule for SatisfactionSubject {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for ind in ctx.view::<Indicators>() {
            if ind.category != Category::Satisfaction || contains_any(&ind.name, RECIPIENT_WORDS) {
                continue;
            }
            let Some(staff) = first_found(&ind.name, OWN_STAFF_WORDS) else {
                continue;
            };
            let d = Diagnostic::new(&Self::META, ind.name_span(), format!("服务对象满意度指标“{}”调查的是本单位人员（“{staff}”），而不是项目的服务对象", ind.name_as_written()))
                .en(format!("The service-recipient satisfaction indicator “{}” surveys the unit's own staff (“{staff}”) rather than the project's beneficiaries", ind.name_as_written()));
            out.push(ind.relate_value(d));
        }
    }
}
