//! claimscan: annotated claims from English news, every item tied to the
//! exact characters of the unmodified source.
//!
//! The library takes text and returns values: it neither prints, nor reads
//! files, nor knows about flags. See ARCHITECTURE.md for the passes, the data
//! flow and the invariants.
//!
//! ```
//! use claimscan::{analyze, Document};
//! let a = analyze(Document::new("ex", "It rained. We stayed in.", None));
//! assert_eq!(a.sentences.sentences.len(), 2);
//! ```

pub mod batch;
pub mod claims;
pub mod dates;
pub mod document;
pub mod eval;
pub mod input;
pub mod numbers;
pub mod offsets;
pub mod output;
pub mod pipeline;
pub mod quotes;
pub mod rules;
pub mod sentences;
pub mod span;

pub use document::{Analysis, Document};
pub use pipeline::analyze;
pub use span::Span;
