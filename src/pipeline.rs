//! The pipeline: the one place that runs the passes, in order.
//!
//! ## What it does
//! [`analyze`] takes a [`Document`] and returns its [`Analysis`]: each pass
//! is a pure function of the document and the layers before it. Later passes
//! (numbers, dates, quotes, claims; see DESIGN.md) are added here, one line
//! each, in this order, and nowhere else.

use crate::document::{Analysis, Document};
use crate::sentences;

/// Runs every pass over `doc`.
pub fn analyze(doc: Document) -> Analysis {
    let sentences = sentences::split(&doc);
    Analysis { doc, sentences }
}
