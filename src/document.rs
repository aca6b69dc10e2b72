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
    pub numbers: NumberLayer,
    pub dates: DateLayer,
    pub quotes: QuoteLayer,
    pub claims: ClaimLayer,
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

/// What the number pass writes: quantities in text order, never overlapping.
/// Years, dates, clock times, durations ("three years") and identifiers are
/// not numbers: they belong to the date pass or to nothing.
#[derive(Debug, Default)]
pub struct NumberLayer {
    pub numbers: Vec<Number>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    /// The number with its currency sign and scale word ("$1.2 billion",
    /// "seven", "2.5%"); for a range, the whole range ("between 1,500 and
    /// 3,000"). Never the approximating qualifier, which is its own item.
    pub span: Span,
    pub kind: NumberKind,
    /// The value of a single number; `None` for ranges and vague magnitudes
    /// ("tens of thousands").
    pub value: Option<f64>,
    /// The bounds of a range.
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Option<Qualifier>,
    pub unit: Option<Unit>,
    pub rule: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    Cardinal,
    Ordinal,
    Fraction,
    Percent,
    Money,
    Range,
    /// A measure with a unit: "5 km", "30 °C".
    Quantity,
}

impl NumberKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NumberKind::Cardinal => "cardinal",
            NumberKind::Ordinal => "ordinal",
            NumberKind::Fraction => "fraction",
            NumberKind::Percent => "percent",
            NumberKind::Money => "money",
            NumberKind::Range => "range",
            NumberKind::Quantity => "quantity",
        }
    }
}

/// "about", "more than", "at least", "fewer than", "up to".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Qualifier {
    pub span: Span,
    pub kind: QualifierKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QualifierKind {
    Approx,
    Gt,
    Ge,
    Lt,
    Le,
}

impl QualifierKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QualifierKind::Approx => "approx",
            QualifierKind::Gt => "gt",
            QualifierKind::Ge => "ge",
            QualifierKind::Lt => "lt",
            QualifierKind::Le => "le",
        }
    }
}

/// What a number counts or measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// The counted noun as written: "troops" in "2,500 U.S. troops".
    Noun(Span),
    /// A normalised name from rules/: an ISO 4217 code ("USD") for money,
    /// "percent", "km", ...
    Name(&'static str),
}

/// What the date pass writes: TIMEX3 expressions in text order, never
/// overlapping each other or a number.
#[derive(Debug, Default)]
pub struct DateLayer {
    pub dates: Vec<Timex>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    pub span: Span,
    pub kind: TimexType,
    /// The ISO-TimeML value ("2024-09-27", "2023-WI", "P10Y", "XXXX-WXX-2");
    /// `None` when it depends on a document date that is unknown.
    pub value: Option<String>,
    /// TIMEX3 `mod`: "START", "MID", "END", "BEFORE", "AFTER", "APPROX", ...
    pub modifier: Option<&'static str>,
    /// What a relative value was computed from.
    pub anchor: Option<Anchor>,
    pub rule: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The document creation time.
    Dct,
    /// An earlier date of this layer (its index): "two years later".
    Date(usize),
}

/// What the quote pass writes: attributions in text order of their content.
#[derive(Debug, Default)]
pub struct QuoteLayer {
    pub quotes: Vec<Quote>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    pub kind: QuoteKind,
    /// What was said, believed or found: inside the marks for a direct
    /// quote; the reported clause for an indirect one. A quote that runs over
    /// several paragraphs has one span from its first to its last word.
    pub content: Span,
    pub cue: Option<Cue>,
    pub speaker: Option<Speaker>,
    pub rule: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    Direct,
    Mixed,
    Indirect,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// The word that attributes: "said", "according to", "believes", "found".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    pub span: Span,
    /// What the cue reports, from rules/: "speech", "belief", "intention",
    /// "finding", ...
    pub class: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The mention next to the cue: "he", "the official", "Smith".
    pub span: Span,
    /// The fullest earlier mention it refers to; `None` when unsure.
    pub resolved: Option<Span>,
}

/// What the claims pass writes: one claim per checkable statement.
#[derive(Debug, Default)]
pub struct ClaimLayer {
    pub claims: Vec<Claim>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The statement: a sentence, or the part of it that a quote holds.
    pub span: Span,
    /// Index into `SentenceLayer::sentences`.
    pub sentence: usize,
    /// Index into `QuoteLayer::quotes`.
    pub quote: Option<usize>,
    /// The speaker as resolved (the fullest mention).
    pub speaker: Option<Span>,
    /// Indexes into `DateLayer::dates` and `NumberLayer::numbers`.
    pub dates: Vec<usize>,
    pub numbers: Vec<usize>,
    /// The date the claim is about: the first resolved date of its sentence,
    /// else the document creation time.
    pub about: Option<About>,
    /// In [0, 1].
    pub checkworthy: f32,
    pub reasons: Vec<&'static str>,
    pub category: &'static str,
}

impl Claim {
    /// The score as written in the output: three decimals, as an f64.
    pub fn checkworthy_3dp(&self) -> f64 {
        (f64::from(self.checkworthy) * 1000.0).round() / 1000.0
    }
}

/// Where a claim's date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    /// An index into `DateLayer::dates`.
    Date(usize),
    /// The document creation time.
    Dct,
}
