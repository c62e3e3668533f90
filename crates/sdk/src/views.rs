//! Views: what several rules of a plugin derive from the same document (the indicator rows with
//! their normalised names, the sums stated in the text, the compacted paragraphs …), built once
//! per document on first use and shared by every rule of the plugin that asks for it.

use crate::Profile;
use budgetlint_model::Document;
use std::any::TypeId;
use std::cell::RefCell;
use std::marker::PhantomData;
use std::ptr::NonNull;

/// A derived view of a document. The implementing type is only a name for the view; what rules
/// get is [`View::Output`], which may borrow from the document.
///
/// ```ignore
/// pub struct Indicators;
/// impl View for Indicators {
///     type Output<'d> = Vec<Indicator<'d>>;
///     fn build<'d>(views: &Views<'d>) -> Vec<Indicator<'d>> { … views.doc() … }
/// }
/// // in a rule:
/// for ind in ctx.view::<Indicators>() { … }
/// ```
///
/// A view depends on the document and the profile only, never on a rule's options: every rule
/// of the plugin gets the same value. `build` may ask `views` for other views; what it returns
/// may borrow from the document (not from those other views).
pub trait View: 'static {
    type Output<'d>;
    fn build<'d>(views: &Views<'d>) -> Self::Output<'d>;
}

/// Declares a [`View`] whose output is a function of the document alone; the lifetime names the
/// document's borrow in the output type.
///
/// ```ignore
/// budgetlint_sdk::document_view! {
///     /// Every sum the document states.
///     pub SumCases<'d>: Vec<SumCase<'d>> = sums_of
/// }
/// ```
#[macro_export]
macro_rules! document_view {
    ($(#[$attr:meta])* $vis:vis $name:ident<$d:lifetime>: $output:ty = $build:expr) => {
        $(#[$attr])*
        $vis struct $name;

        impl $crate::View for $name {
            type Output<$d> = $output;
            fn build<$d>(views: &$crate::Views<$d>) -> $output {
                ($build)(views.doc())
            }
        }
    };
}

/// The views built so far for one document: made by the plugin runtime for each request and
/// shared by the [`Context`](crate::Context)s of all its rules.
pub struct Views<'d> {
    doc: &'d Document,
    profile: &'d Profile,
    built: RefCell<Vec<Built>>,
    /// The outputs borrow from `'d` and are dropped with `self`.
    _outputs: PhantomData<&'d ()>,
}

/// One built view: its output, boxed and type-erased, and how to drop it.
struct Built {
    view: TypeId,
    output: NonNull<()>,
    drop: unsafe fn(NonNull<()>),
}

impl<'d> Views<'d> {
    pub fn new(doc: &'d Document, profile: &'d Profile) -> Self {
        Views {
            doc,
            profile,
            built: RefCell::new(Vec::new()),
            _outputs: PhantomData,
        }
    }

    pub fn doc(&self) -> &'d Document {
        self.doc
    }

    pub fn profile(&self) -> &'d Profile {
        self.profile
    }

    /// The output of `V` for this document, built on the first call.
    pub fn get<V: View>(&self) -> &V::Output<'d> {
        if let Some(output) = self.find::<V>() {
            return output;
        }
        // Built without holding the borrow: a view may ask for other views while it is built.
        let output = Box::new(V::build(self));
        let output = NonNull::from(Box::leak(output)).cast::<()>();
        self.built.borrow_mut().push(Built {
            view: TypeId::of::<V>(),
            output,
            drop: drop_output::<V>,
        });
        self.find::<V>().expect("the view was just stored")
    }

    fn find<V: View>(&self) -> Option<&V::Output<'d>> {
        let built = self.built.borrow();
        let entry = built.iter().find(|b| b.view == TypeId::of::<V>())?;
        // SAFETY: entries with `V`'s type id hold a `Box<V::Output<'d>>` (stored by `get`), which
        // is neither moved nor freed before `self` is dropped, so it outlives the borrow of `self`.
        Some(unsafe { entry.output.cast::<V::Output<'d>>().as_ref() })
    }
}

/// Drops a boxed `V::Output`. Lifetimes do not change a type's layout or drop glue, so the
/// output of any `'d` is dropped as the `'static` one.
///
/// # Safety
/// `output` must come from `Box::<V::Output<'_>>::leak` and not have been dropped.
unsafe fn drop_output<V: View>(output: NonNull<()>) {
    // SAFETY: guaranteed by the caller.
    drop(unsafe { Box::from_raw(output.cast::<V::Output<'static>>().as_ptr()) });
}

impl Drop for Views<'_> {
    fn drop(&mut self) {
        for built in self.built.get_mut().drain(..) {
            // SAFETY: each entry is dropped once, here, with the function stored for its type.
            unsafe { (built.drop)(built.output) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static BUILDS: Cell<u32> = const { Cell::new(0) };
    }

    /// The document's lines, borrowed from it.
    struct Lines;
    impl View for Lines {
        type Output<'d> = Vec<&'d str>;
        fn build<'d>(views: &Views<'d>) -> Vec<&'d str> {
            BUILDS.with(|b| b.set(b.get() + 1));
            views.doc().text.lines().collect()
        }
    }

    /// A view built from another one.
    struct LineCount;
    impl View for LineCount {
        type Output<'d> = usize;
        fn build(views: &Views) -> usize {
            views.get::<Lines>().len()
        }
    }

    crate::document_view! {
        /// The paragraphs' count, declared with the macro.
        Paragraphs<'d>: usize = |doc: &Document| doc.prose().count()
    }

    #[test]
    fn document_views_are_functions_of_the_document() {
        let doc = budgetlint_model::parse_text("一、概况\n正文一段。\n".to_string());
        let profile = Profile::default();
        assert_eq!(*Views::new(&doc, &profile).get::<Paragraphs>(), 2);
    }

    #[test]
    fn a_view_may_be_built_inside_another() {
        let doc = budgetlint_model::parse_text("甲\n乙\n丙".to_string());
        let profile = Profile::default();
        let views = Views::new(&doc, &profile);
        assert_eq!(*views.get::<LineCount>(), 3);
        assert_eq!(views.get::<Lines>().len(), 3);
    }

    #[test]
    fn a_view_is_built_once_per_document_and_borrows_from_it() {
        let doc = budgetlint_model::parse_text("一、概况\n正文".to_string());
        let profile = Profile::default();
        BUILDS.with(|b| b.set(0));
        let views = Views::new(&doc, &profile);
        let first = views.get::<Lines>();
        let second = views.get::<Lines>();
        assert_eq!(first, &["一、概况", "正文"]);
        assert!(std::ptr::eq(first, second));
        assert_eq!(BUILDS.with(Cell::get), 1);
        assert_eq!(*views.get::<LineCount>(), 2);
        assert_eq!(BUILDS.with(Cell::get), 1, "LineCount reused the Lines view");
        drop(views);
        let other = budgetlint_model::parse_text("只有一行".to_string());
        assert_eq!(Views::new(&other, &profile).get::<Lines>(), &["只有一行"]);
    }
}
