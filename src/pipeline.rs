//! The pipeline: the one place that runs the passes, in order.
//!
//! ## What it does
//! [`analyze`] takes a [`Document`] and returns its [`Analysis`]: each pass
//! is a pure function of the document and the layers before it, in the order
//! of DESIGN.md. A new pass is one line here and one field in `Analysis`.

use crate::document::{Analysis, Document};
use crate::{claims, dates, numbers, quotes, sentences};

/// Runs every pass over `doc`.
pub fn analyze(doc: Document) -> Analysis {
    let sentences = sentences::split(&doc);
    let numbers = numbers::extract(&doc, &sentences);
    // Dates read the numbers so that a span is a date or a number, never both.
    let dates = dates::extract(&doc, &sentences, &numbers);
    let quotes = quotes::extract(&doc, &sentences);
    let claims = claims::assemble(&doc, &sentences, &numbers, &dates, &quotes);
    Analysis { doc, sentences, numbers, dates, quotes, claims }
}
