//! The number pass: quantities with value, unit and qualifier (issue 4).
//!
//! Not built yet: writes an empty layer.

use crate::document::{Document, NumberLayer, SentenceLayer};

pub fn extract(_doc: &Document, _sentences: &SentenceLayer) -> NumberLayer {
    NumberLayer::default()
}
