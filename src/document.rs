//! The document model: the unmodified text and the layers the passes add.
//!
//! ## What it does
//! A [`Document`] is one input record: its id, its text exactly as read, and
//! its document creation time (DCT) when known. [`Analysis`] holds the
//! document and one layer per pass, in pipeline order; each layer is written
//! by exactly one pass and read by the passes after it and by `output`.
//!
//! ## Invariants
//! The text is never modified. Every [`Span`] in every layer is a byte range
//! into `Document::text` on char boundaries (see `span`). Adding a pass adds
//! a field here and a line in `pipeline`; nothing else is reshaped.

use crate::span::Span;
use jiff::civil::Date;

/// One input record.
#[derive(Clone, Debug)]
pub struct Document {
    pub id: String,
    pub text: String,
    /// The document creation time, the anchor of relative dates. `None` when
    /// the input gave none: relative dates then stay unresolved.
    pub dct: Option<Date>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>, dct: Option<Date>) -> Document {
        Document { id: id.into(), text: text.into(), dct }
    }

    /// The text a span names (`""` for a span that does not fit).
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}

/// A document with every layer the pipeline computed for it.
#[derive(Debug)]
pub struct Analysis {
    pub doc: Document,
    pub sentences: SentenceLayer,
}

/// What the sentence pass writes.
#[derive(Debug, Default)]
pub struct SentenceLayer {
    /// Paragraph spans in text order, trimmed of surrounding whitespace.
    pub paragraphs: Vec<Span>,
    /// Sentences in text order; they never overlap and each lies inside its
    /// paragraph.
    pub sentences: Vec<Sentence>,
    /// The dateline of the first body paragraph, if it has one. It stays
    /// inside its sentence.
    pub dateline: Option<Dateline>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub kind: SentenceKind,
    /// Index into `SentenceLayer::paragraphs`.
    pub paragraph: usize,
    /// The rule that ended this sentence (the boundary after it).
    pub rule: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentenceKind {
    /// A kicker or headline line at the start of an article.
    Headline,
    Body,
}

impl SentenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SentenceKind::Headline => "headline",
            SentenceKind::Body => "body",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// From the place to the end of the agency or date, before the dash:
    /// "LONDON, Sept. 3 (AP)".
    pub span: Span,
    /// The place name: "LONDON".
    pub place: Span,
    /// The rule that recognised it.
    pub rule: &'static str,
}
