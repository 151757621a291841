//! Turns laid-out pages into printpdf operations and a lopdf document.
//!
//! Each page is painted in three passes — fills, then lines, then all text in one `BT … ET` — so
//! a table's cell shading never covers a border or a word, and the content stream stays short. Fonts are registered under
//! fixed resource names (printpdf would draw random ones from a process-wide counter, and the
//! same document would differ between two renders in one process).

use printpdf::{
    Color, CustomPdfConformance, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfConformance,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb as PdfRgb, TextMatrix,
    WindingOrder,
};

use super::fonts::Face;
use super::layout::Item;
use super::text::Rgb;

/// The pages as a lopdf document (fonts embedded and subset), or `None` if a face failed to
/// load — which would mean a broken build, not bad input.
pub fn document(pages: Vec<Vec<Item>>, title: &str) -> Option<lopdf::Document> {
    let mut pdf = PdfDocument::new(title);
    pdf.metadata.info.conformance = PdfConformance::Custom(CustomPdfConformance {
        requires_icc_profile: false,
        requires_xmp_metadata: false,
        ..CustomPdfConformance::default()
    });
    for face in Face::ALL {
        pdf.resources.fonts.map.insert(face.resource(), face.pdf_font()?);
    }
    let pages = pages.into_iter().map(|items| PdfPage::new(Mm(210.0), Mm(297.0), ops(items))).collect();
    pdf.with_pages(pages);
    let options =
        PdfSaveOptions { optimize: false, subset_fonts: true, secure: true, image_optimization: None };
    Some(pdf.to_lopdf_document(&options, &mut Vec::new()))
}

/// The graphics state already set, so repeated colours and widths are not written again.
#[derive(Default)]
struct Pen {
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    width: Option<f32>,
}

fn ops(items: Vec<Item>) -> Vec<Op> {
    let mut out = Vec::new();
    let mut pen = Pen::default();
    let (texts, graphics): (Vec<Item>, Vec<Item>) =
        items.into_iter().partition(|item| matches!(item, Item::Text { .. }));
    let (strokes, fills): (Vec<Item>, Vec<Item>) =
        graphics.into_iter().partition(|item| matches!(item, Item::Stroke { .. }));
    for item in fills.into_iter().chain(strokes) {
        graphic(&mut out, item, &mut pen);
    }
    if texts.is_empty() {
        return out;
    }
    out.push(Op::StartTextSection);
    let mut font: Option<(Face, f32)> = None;
    for item in texts {
        if let Item::Text { x, y, size, color, runs } = item {
            pen.set_fill(&mut out, color);
            out.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(round(x)), Pt(round(y))) });
            for run in runs {
                if font != Some((run.face, size)) {
                    out.push(Op::SetFont {
                        font: PdfFontHandle::External(run.face.resource()),
                        size: Pt(size),
                    });
                    font = Some((run.face, size));
                }
                out.push(Op::ShowText { items: run.items });
            }
        }
    }
    out.push(Op::EndTextSection);
    out
}

fn graphic(out: &mut Vec<Op>, item: Item, pen: &mut Pen) {
    match item {
        Item::Fill { rect, color } => {
            pen.set_fill(out, color);
            out.push(Op::DrawRectangle { rectangle: filled(rect) });
        }
        Item::Boxes { rects, color } => {
            pen.set_fill(out, color);
            out.extend(rects.into_iter().map(|rect| Op::DrawRectangle { rectangle: filled(rect) }));
        }
        Item::Stroke { from, to, width, color, dash } => {
            pen.set_stroke(out, color, width);
            if let Some(dash) = dash {
                out.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[dash, dash * 0.75]) });
            }
            out.push(Op::DrawLine { line: segment(from, to) });
            if dash.is_some() {
                out.push(Op::SetLineDashPattern { dash: LineDashPattern::solid() });
            }
        }
        Item::Text { .. } => {}
    }
}

impl Pen {
    fn set_fill(&mut self, out: &mut Vec<Op>, color: Rgb) {
        if self.fill != Some(color) {
            out.push(Op::SetFillColor { col: rgb(color) });
            self.fill = Some(color);
        }
    }

    fn set_stroke(&mut self, out: &mut Vec<Op>, color: Rgb, width: f32) {
        if self.stroke != Some(color) {
            out.push(Op::SetOutlineColor { col: rgb(color) });
            self.stroke = Some(color);
        }
        if self.width != Some(width) {
            out.push(Op::SetOutlineThickness { pt: Pt(width) });
            self.width = Some(width);
        }
    }
}

fn rgb(color: Rgb) -> Color {
    Color::Rgb(PdfRgb::new(color[0], color[1], color[2], None))
}

fn filled(rect: [f32; 4]) -> Rect {
    Rect {
        x: Pt(round(rect[0])),
        y: Pt(round(rect[1])),
        width: Pt(round(rect[2])),
        height: Pt(round(rect[3])),
        mode: Some(PaintMode::Fill),
        winding_order: Some(WindingOrder::NonZero),
    }
}

fn segment(from: (f32, f32), to: (f32, f32)) -> Line {
    let point =
        |(x, y): (f32, f32)| LinePoint { p: Point { x: Pt(round(x)), y: Pt(round(y)) }, bezier: false };
    Line { points: vec![point(from), point(to)], is_closed: false }
}

/// Two decimals are a hundredth of a point — far below what any printer resolves — and keep
/// the content streams short.
fn round(value: f32) -> f32 {
    (value * 100.0).round() / 100.0
}
