//! GTK's print dialog for an issued PDF: the citizen picks a printer (or «Печать в файл») and its
//! options in the same dialog every GTK program uses, and each page of the PDF is drawn on the
//! printer's cairo surface by poppler — vector text and the QR as issued, no re-layout. A4 paper
//! gets the page at 100 %; smaller paper gets it shrunk to fit, never cropped.

use std::cell::RefCell;
use std::rc::Rc;

use gtk::prelude::*;
use gtk::{
    PageSetup, PaperSize, PrintContext, PrintOperation, PrintOperationAction, PrintOperationResult, Unit,
};

/// `true`: sent to the printer; `false`: the dialog was cancelled; `Err`: why it failed.
pub type Finished = Result<bool, String>;

/// Shows the print dialog over the window of `webview` and calls `finished` once. Runs on the GTK
/// main thread (it is called from `with_webview`).
pub fn run(
    webview: &impl IsA<gtk::Widget>,
    pdf: Vec<u8>,
    job_name: &str,
    finished: impl FnOnce(Finished) + 'static,
) {
    let finished = Once::new(finished);
    let document = match poppler::Document::from_bytes(&gtk::glib::Bytes::from_owned(pdf), None) {
        Ok(document) => document,
        Err(error) => return finished.call(Err(error.to_string())),
    };
    let operation = PrintOperation::new();
    operation.set_job_name(job_name);
    operation.set_n_pages(document.n_pages());
    operation.set_use_full_page(true);
    operation.set_unit(Unit::Points);
    operation.set_default_page_setup(Some(&a4()));
    operation.set_embed_page_setup(true);
    operation.set_allow_async(true);
    operation.connect_draw_page(move |_, context, index| draw(&document, context, index));
    let on_done = finished.clone();
    operation.connect_done(move |operation, result| on_done.call(outcome(operation, result)));
    let parent = webview.toplevel().and_then(|widget| widget.downcast::<gtk::Window>().ok());
    match operation.run(PrintOperationAction::PrintDialog, parent.as_ref()) {
        Ok(PrintOperationResult::InProgress) => {}
        Ok(result) => finished.call(outcome(&operation, result)),
        Err(error) => finished.call(Err(error.to_string())),
    }
}

fn a4() -> PageSetup {
    let setup = PageSetup::new();
    setup.set_paper_size(&PaperSize::new(Some("iso_a4")));
    setup
}

fn outcome(operation: &PrintOperation, result: PrintOperationResult) -> Finished {
    match result {
        PrintOperationResult::Apply | PrintOperationResult::InProgress => Ok(true),
        PrintOperationResult::Cancel => Ok(false),
        _ => Err(operation.error().map(|error| error.to_string()).unwrap_or_else(|| "print failed".into())),
    }
}

/// Draws page `index` at its size in points, shrunk to the paper if the paper is smaller.
fn draw(document: &poppler::Document, context: &PrintContext, index: i32) {
    let (Some(page), Some(setup), Some(cairo)) =
        (document.page(index), context.page_setup(), context.cairo_context())
    else {
        return;
    };
    let (width, height) = page.size();
    let (paper_width, paper_height) = (setup.paper_width(Unit::Points), setup.paper_height(Unit::Points));
    let scale = (paper_width / width).min(paper_height / height).min(1.0);
    cairo.translate((paper_width - width * scale) / 2.0, (paper_height - height * scale) / 2.0);
    cairo.scale(scale, scale);
    page.render_for_printing(&cairo);
}

/// A callback that runs at most once, whichever of `run`'s result and the `done` signal comes
/// first.
struct Once<F>(Rc<RefCell<Option<F>>>);

impl<F> Clone for Once<F> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<F: FnOnce(Finished)> Once<F> {
    fn new(callback: F) -> Self {
        Self(Rc::new(RefCell::new(Some(callback))))
    }

    fn call(&self, finished: Finished) {
        let callback = self.0.borrow_mut().take();
        if let Some(callback) = callback {
            callback(finished);
        }
    }
}
