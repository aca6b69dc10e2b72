//! The date pass: TIMEX3 expressions anchored on the document date (issue 5).
//!
//! Not built yet: writes an empty layer.

use crate::document::{DateLayer, Document, NumberLayer, SentenceLayer};

pub fn extract(_doc: &Document, _sentences: &SentenceLayer, _numbers: &NumberLayer) -> DateLayer {
    DateLayer::default()
}
