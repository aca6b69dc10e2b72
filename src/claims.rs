//! The claims pass: checkable statements with their speaker, dates, numbers
//! and check-worthiness (issue 7).
//!
//! Not built yet: writes an empty layer.

use crate::document::{ClaimLayer, DateLayer, Document, NumberLayer, QuoteLayer, SentenceLayer};

pub fn assemble(
    _doc: &Document,
    _sentences: &SentenceLayer,
    _numbers: &NumberLayer,
    _dates: &DateLayer,
    _quotes: &QuoteLayer,
) -> ClaimLayer {
    ClaimLayer::default()
}
