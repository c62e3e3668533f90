//! The rules drawn on each page of a PDF (table borders), read in process with `pdf_oxide`.
//!
//! pdftotext gives the words but not the lines drawn between them, and a table whose cells
//! wrap over several lines (a name cell over three lines beside one line of amounts, a header
//! cell over four) cannot be told from several rows by the positions of its words alone: the
//! borders tell where a row ends (`ruled.rs`). Only the drawing of straight axis-aligned
//! segments is taken: stroked lines, the four sides of stroked rectangles, and thin filled
//! rectangles (Word and WPS draw a border as a filled rectangle half a point thick); a filled
//! area (cell shading) is no rule.
//!
//! `pdf_oxide` runs inside budgetlint, so it is contained (`contained.rs`): on its own thread,
//! with a panic caught and a time limit, after which its result is not waited for. Whatever goes wrong, the page has no rules and is read by the positions of its
//! words, as before rules were read; the rules are never needed for the text itself.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// A straight segment on the page, in PDF points with y growing downwards from the top of the
/// page (pdftotext's coordinates, so that words and rules can be compared).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// The x of a vertical segment, the y of a horizontal one.
    pub at: f64,
    /// Where it starts and ends along its direction (`from <= to`).
    pub from: f64,
    pub to: f64,
}

/// The rules drawn on one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageRules {
    pub horizontal: Vec<Segment>,
    pub vertical: Vec<Segment>,
}

/// Thicker than this, a filled rectangle is an area (shading), not a rule.
const MAX_RULE_THICKNESS: f64 = 3.0;

/// Shorter than this, a segment is a tick or a glyph's stroke, not a cell border.
const MIN_RULE_LENGTH: f64 = 4.0;

/// The rules of every page, or `None` when the file cannot be read in time or does not have
/// `pages` pages (then no page has rules). Coordinates are those of the words: points from the
/// top left of the page's visible box. A turned page (/Rotate) gets no rules: its words are
/// set upright by the reader, and the rules are not turned with them.
pub fn read(bytes: &[u8], pages: usize, limit: Duration) -> Option<Vec<PageRules>> {
    let bytes = bytes.to_vec();
    super::contained::run("budgetlint-pdf-rules", limit, move || {
        all_pages(bytes, pages, limit)
    })
    .ok()
    .flatten()
}

fn all_pages(bytes: Vec<u8>, pages: usize, limit: Duration) -> Option<Vec<PageRules>> {
    let start = Instant::now();
    let doc = pdf_oxide::document::PdfDocument::from_bytes(bytes).ok()?;
    if doc.page_count().ok()? != pages {
        return None;
    }
    let mut gathered = Gathered::new(limit.saturating_sub(start.elapsed()));
    for index in 0..pages {
        gathered.add_page(&doc, index);
    }
    gathered.finish()
}

/// The rules of a document's pages gathered one page after another, within a time budget
/// spent on the rules alone (so that the words' reader can gather them in the same pass over
/// the document, `oxide_words.rs`). Past the budget no page has rules: every page is then read
/// the same way, by the positions of its words.
pub struct Gathered {
    pages: Vec<PageRules>,
    spent: Duration,
    limit: Duration,
    over: bool,
}

impl Gathered {
    pub fn new(limit: Duration) -> Gathered {
        Gathered {
            pages: Vec::new(),
            spent: Duration::ZERO,
            limit,
            over: false,
        }
    }

    /// Reads the rules of page `index` (none on a page that fails or panics).
    pub fn add_page(&mut self, doc: &pdf_oxide::document::PdfDocument, index: usize) {
        if self.over {
            return;
        }
        let started = Instant::now();
        let read = catch_unwind(AssertUnwindSafe(|| page(doc, index)));
        self.spent += started.elapsed();
        if self.spent > self.limit {
            self.over = true;
            self.pages = Vec::new();
            return;
        }
        self.pages.push(read.ok().flatten().unwrap_or_default());
    }

    /// The rules of every page added, or `None` when they took longer than the budget.
    pub fn finish(self) -> Option<Vec<PageRules>> {
        (!self.over).then_some(self.pages)
    }
}

/// The rules of one page, unless it is turned.
fn page(doc: &pdf_oxide::document::PdfDocument, index: usize) -> Option<PageRules> {
    if doc.get_page_rotation(index).ok()? % 360 != 0 {
        return None;
    }
    let (x0, y0, x1, y1) = doc.get_page_visible_box(index).ok()?;
    let (left, top) = (f64::from(x0.min(x1)), f64::from(y0.max(y1)));
    let mut rules = PageRules::default();
    for path in doc.extract_paths(index).ok()? {
        let stroked = path.stroke_color.is_some();
        let filled = path.fill_color.is_some();
        for (a, b) in path_segments(&path.operations, stroked, filled) {
            // To the words' page: x from the left edge, y down from the top edge.
            let a = (f64::from(a.0) - left, top - f64::from(a.1));
            let b = (f64::from(b.0) - left, top - f64::from(b.1));
            rules.add(a, b);
        }
    }
    Some(rules)
}

type Point = (f32, f32);

/// The straight segments a path draws: its lines when stroked, the sides of its rectangles
/// when stroked, the middle line of its thin rectangles when filled.
fn path_segments(
    operations: &[pdf_oxide::elements::PathOperation],
    stroked: bool,
    filled: bool,
) -> Vec<(Point, Point)> {
    use pdf_oxide::elements::PathOperation as Op;
    let mut out = Vec::new();
    // The current subpath's points, to tell a closed four-sided one (a rectangle drawn as
    // lines) when it is filled.
    let mut subpath: Vec<Point> = Vec::new();
    let flush = |subpath: &mut Vec<Point>, out: &mut Vec<(Point, Point)>| {
        if filled && !stroked {
            if let Some(rect) = as_rectangle(subpath) {
                out.extend(thin_rectangle_rule(rect));
            }
        }
        subpath.clear();
    };
    for op in operations {
        match *op {
            Op::MoveTo(x, y) => {
                flush(&mut subpath, &mut out);
                subpath.push((x, y));
            }
            Op::LineTo(x, y) => {
                if let (true, Some(&last)) = (stroked, subpath.last()) {
                    out.push((last, (x, y)));
                }
                subpath.push((x, y));
            }
            Op::Rectangle(x, y, w, h) => {
                flush(&mut subpath, &mut out);
                let (a, b) = ((x, y), (x + w, y + h));
                if stroked {
                    out.extend(rectangle_sides(a, b));
                } else if filled {
                    out.extend(thin_rectangle_rule((a, b)));
                }
            }
            Op::ClosePath => {
                if let (true, Some(&first), Some(&last)) =
                    (stroked, subpath.first(), subpath.last())
                {
                    out.push((last, first));
                }
                flush(&mut subpath, &mut out);
            }
            // A curve is no rule; the subpath it is in is no rectangle.
            Op::CurveTo(..) => subpath.push((f32::NAN, f32::NAN)),
        }
    }
    flush(&mut subpath, &mut out);
    out
}

/// The corners (two opposite ones) of a subpath of four or five points that goes round an
/// axis-aligned rectangle.
fn as_rectangle(points: &[Point]) -> Option<(Point, Point)> {
    let points = match points {
        [a, .., z] if points.len() == 5 && close(*a, *z) => &points[..4],
        _ if points.len() == 4 => points,
        _ => return None,
    };
    let axis_aligned = (0..4).all(|i| {
        let (a, b) = (points[i], points[(i + 1) % 4]);
        (a.0 - b.0).abs() < 0.1 || (a.1 - b.1).abs() < 0.1
    });
    axis_aligned.then(|| (points[0], points[2]))
}

fn close(a: Point, b: Point) -> bool {
    (a.0 - b.0).abs() < 0.1 && (a.1 - b.1).abs() < 0.1
}

fn rectangle_sides(a: Point, b: Point) -> [(Point, Point); 4] {
    [
        (a, (b.0, a.1)),
        ((b.0, a.1), b),
        (b, (a.0, b.1)),
        ((a.0, b.1), a),
    ]
}

/// The middle line of a filled rectangle thin enough to be a rule.
fn thin_rectangle_rule((a, b): (Point, Point)) -> Option<(Point, Point)> {
    let (w, h) = (f64::from((b.0 - a.0).abs()), f64::from((b.1 - a.1).abs()));
    if h <= MAX_RULE_THICKNESS && w > h {
        let y = (a.1 + b.1) / 2.0;
        Some(((a.0, y), (b.0, y)))
    } else if w <= MAX_RULE_THICKNESS && h > w {
        let x = (a.0 + b.0) / 2.0;
        Some(((x, a.1), (x, b.1)))
    } else {
        None
    }
}

impl PageRules {
    /// Adds a rule as given (for the fuzzer and tests); `from` and `to` in either order.
    pub fn push(&mut self, horizontal: bool, at: f64, from: f64, to: f64) {
        let (a, b) = if horizontal {
            ((from, at), (to, at))
        } else {
            ((at, from), (at, to))
        };
        self.add(a, b);
    }

    /// Adds the segment from `a` to `b` when it is horizontal or vertical and long enough.
    fn add(&mut self, a: (f64, f64), b: (f64, f64)) {
        let finite = [a.0, a.1, b.0, b.1].iter().all(|v| v.is_finite());
        if !finite {
            return;
        }
        let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
        if dy < 0.5 && dx >= MIN_RULE_LENGTH {
            self.horizontal.push(Segment {
                at: (a.1 + b.1) / 2.0,
                from: a.0.min(b.0),
                to: a.0.max(b.0),
            });
        } else if dx < 0.5 && dy >= MIN_RULE_LENGTH {
            self.vertical.push(Segment {
                at: (a.0 + b.0) / 2.0,
                from: a.1.min(b.1),
                to: a.1.max(b.1),
            });
        }
    }
}

/// The integration tests' PDF writer, shared so that a PDF is written by one definition.
#[cfg(test)]
#[path = "../../tests/support/pdf_objects.rs"]
mod pdf_objects;

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_oxide::elements::PathOperation as Op;

    #[test]
    fn a_stroked_rectangle_is_four_rules() {
        let segments = path_segments(&[Op::Rectangle(10.0, 20.0, 100.0, 30.0)], true, false);
        let mut rules = PageRules::default();
        for (a, b) in segments {
            rules.add(
                (f64::from(a.0), f64::from(a.1)),
                (f64::from(b.0), f64::from(b.1)),
            );
        }
        assert_eq!(rules.horizontal.len(), 2);
        assert_eq!(rules.vertical.len(), 2);
    }

    #[test]
    fn a_thin_filled_rectangle_is_one_rule_and_shading_none() {
        let border = path_segments(&[Op::Rectangle(10.0, 20.0, 100.0, 0.5)], false, true);
        assert_eq!(border, vec![((10.0, 20.25), (110.0, 20.25))]);
        let shading = path_segments(&[Op::Rectangle(10.0, 20.0, 100.0, 30.0)], false, true);
        assert!(shading.is_empty());
    }

    #[test]
    fn a_filled_rectangle_drawn_as_lines_is_a_rule_when_thin() {
        let ops = [
            Op::MoveTo(0.0, 0.0),
            Op::LineTo(50.0, 0.0),
            Op::LineTo(50.0, 0.7),
            Op::LineTo(0.0, 0.7),
            Op::ClosePath,
        ];
        assert_eq!(path_segments(&ops, false, true).len(), 1);
    }

    #[test]
    fn curves_and_short_ticks_are_no_rules() {
        let curve = [
            Op::MoveTo(0.0, 0.0),
            Op::CurveTo(1.0, 1.0, 2.0, 2.0, 3.0, 3.0),
            Op::LineTo(3.0, 50.0),
        ];
        let mut rules = PageRules::default();
        for (a, b) in path_segments(&curve, true, false) {
            rules.add(
                (f64::from(a.0), f64::from(a.1)),
                (f64::from(b.0), f64::from(b.1)),
            );
        }
        // The line after the curve starts at a point the curve left unknown: no rule.
        assert!(rules.vertical.is_empty() && rules.horizontal.is_empty());
        let mut ticks = PageRules::default();
        ticks.add((0.0, 0.0), (2.0, 0.0));
        assert!(ticks.horizontal.is_empty());
    }

    #[test]
    fn a_damaged_file_has_no_rules_and_no_panic() {
        let limit = Duration::from_secs(5);
        assert_eq!(read(b"%PDF-1.4\n1 0 obj <<", 1, limit), None);
        assert_eq!(read(b"", 0, limit), None);
    }

    /// A one-page PDF drawing one horizontal line, 400 points long, 100 below the top.
    fn one_line_pdf() -> Vec<u8> {
        let content = "50 692 m 450 692 l S";
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".into(),
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            ),
        ];
        super::pdf_objects::pdf_from_objects(&objects)
    }

    #[test]
    fn rules_past_their_time_budget_are_none_on_every_page() {
        let pdf = one_line_pdf();
        let rules = read(&pdf, 1, Duration::from_secs(5)).expect("the rules");
        let line = Segment {
            at: 100.0,
            from: 50.0,
            to: 450.0,
        };
        assert_eq!(rules[0].horizontal, [line]);
        // No time at all for the rules: no page has any, rather than some pages.
        let doc = pdf_oxide::document::PdfDocument::from_bytes(pdf).expect("opens");
        let mut gathered = Gathered::new(Duration::ZERO);
        gathered.add_page(&doc, 0);
        assert_eq!(gathered.finish(), None);
        // A page count the file does not have is no reading.
        assert_eq!(read(&one_line_pdf(), 2, Duration::from_secs(5)), None);
    }
}
