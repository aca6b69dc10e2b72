//! The quote pass: direct, mixed and indirect quotes with their speakers
//! (issue 6).
//!
//! Not built yet: writes an empty layer.

use crate::document::{Document, QuoteLayer, SentenceLayer};

pub fn extract(_doc: &Document, _sentences: &SentenceLayer) -> QuoteLayer {
    QuoteLayer::default()
}
