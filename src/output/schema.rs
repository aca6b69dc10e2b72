//! The `claimscan/1` record (DESIGN.md), the only place that knows it.
//!
//! ## What it does
//! [`record`] turns an [`Analysis`] into the JSON object of one document;
//! [`error_record`] gives the record of an input that could not be
//! processed. Offsets become Unicode code points here (`offsets::CharIndex`),
//! and every item carries the exact source `text` of its span.
//!
//! Item ids are the layer letter and the index ("s3", "n0", "d4", "q1",
//! "c2"); claims refer to the other items by these ids.

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::document::{About, Analysis, Anchor, Unit};
use crate::input::InputError;
use crate::offsets::CharIndex;
use crate::span::Span;

pub const SCHEMA: &str = "claimscan/1";

#[derive(Serialize)]
struct Record<'a> {
    schema: &'static str,
    id: &'a str,
    dct: Option<String>,
    dateline: Option<DatelineOut<'a>>,
    sentences: Vec<SentenceOut<'a>>,
    numbers: Vec<NumberOut<'a>>,
    dates: Vec<DateOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
    claims: Vec<ClaimOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<&'a Map<String, Value>>,
}

#[derive(Serialize)]
struct DatelineOut<'a> {
    span: [usize; 2],
    text: &'a str,
    place: &'a str,
    rule: &'static str,
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    id: Id,
    span: [usize; 2],
    text: &'a str,
    kind: &'static str,
    paragraph: usize,
    rule: &'static str,
}

/// An item id, "n3", written without allocating a string.
#[derive(Clone, Copy)]
struct Id(char, usize);

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{}{}", self.0, self.1))
    }
}

/// A JSON number that is written as an integer when it is one ("2500", not
/// "2500.0").
#[derive(Clone, Copy)]
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

#[derive(Serialize)]
struct NumberOut<'a> {
    id: Id,
    span: [usize; 2],
    text: &'a str,
    kind: &'static str,
    value: Option<Num>,
    low: Option<Num>,
    high: Option<Num>,
    qualifier: Option<QualifierOut<'a>>,
    unit: Option<&'a str>,
    rule: &'static str,
}

#[derive(Serialize)]
struct QualifierOut<'a> {
    span: [usize; 2],
    text: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct DateOut<'a> {
    id: Id,
    span: [usize; 2],
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: Option<&'a str>,
    #[serde(rename = "mod")]
    modifier: Option<&'static str>,
    anchor: Option<AnchorOut>,
    rule: &'static str,
}

/// "dct" or the id of the date a relative date was computed from.
struct AnchorOut(Anchor);

impl Serialize for AnchorOut {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Anchor::Dct => s.serialize_str("dct"),
            Anchor::Date(i) => Id('d', i).serialize(s),
        }
    }
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    id: Id,
    kind: &'static str,
    content: [usize; 2],
    content_text: &'a str,
    cue: Option<CueOut<'a>>,
    speaker: Option<SpeakerOut<'a>>,
    rule: &'static str,
}

#[derive(Serialize)]
struct CueOut<'a> {
    span: [usize; 2],
    text: &'a str,
    class: &'static str,
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    span: [usize; 2],
    text: &'a str,
    resolved: Option<&'a str>,
    resolved_span: Option<[usize; 2]>,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: Id,
    span: [usize; 2],
    text: &'a str,
    sentence: Id,
    quote: Option<Id>,
    /// The resolved speaker as text, and where that mention is.
    speaker: Option<&'a str>,
    speaker_span: Option<[usize; 2]>,
    dates: Vec<Id>,
    numbers: Vec<Id>,
    /// The date the claim is about and where it comes from ("d3" or "dct").
    about: Option<AboutOut<'a>>,
    /// Three decimals, written as the f64 nearest to them (as a reader of
    /// the JSON sees it) so that `record` and `write_record` agree.
    checkworthy: f64,
    reasons: &'a [&'static str],
    category: &'static str,
}

#[derive(Serialize)]
struct AboutOut<'a> {
    value: AboutValue<'a>,
    from: AboutFrom,
}

/// The ISO value of the claim's date, written without allocating.
enum AboutValue<'a> {
    Timex(Option<&'a str>),
    Dct(jiff::civil::Date),
}

impl Serialize for AboutValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AboutValue::Timex(Some(v)) => s.serialize_str(v),
            AboutValue::Timex(None) => s.serialize_none(),
            AboutValue::Dct(d) => s.collect_str(d),
        }
    }
}

/// "dct" or the id of the date.
struct AboutFrom(About);

impl Serialize for AboutFrom {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            About::Dct => s.serialize_str("dct"),
            About::Date(i) => Id('d', i).serialize(s),
        }
    }
}

/// The `claimscan/1` record of `a`, with `meta` carried through.
pub fn record(a: &Analysis, meta: Option<&Map<String, Value>>) -> Value {
    // Serialising plain structs of strings and integers cannot fail.
    serde_json::to_value(build(a, meta)).unwrap_or(Value::Null)
}

/// Appends the record of `a` to `out` as one JSON line (no newline), without
/// building an intermediate `Value`.
pub fn write_record(out: &mut Vec<u8>, a: &Analysis, meta: Option<&Map<String, Value>>) {
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(out, &build(a, meta));
}

fn build<'a>(a: &'a Analysis, meta: Option<&'a Map<String, Value>>) -> Record<'a> {
    let text = a.doc.text.as_str();
    let idx = CharIndex::new(text);
    let cp = |s: Span| [idx.chars(s.start), idx.chars(s.end)];
    Record {
        schema: SCHEMA,
        id: &a.doc.id,
        dct: a.doc.dct.map(|d| d.to_string()),
        dateline: a.sentences.dateline.map(|d| DatelineOut {
            span: cp(d.span),
            text: d.span.slice(text),
            place: d.place.slice(text),
            rule: d.rule,
        }),
        sentences: a
            .sentences
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| SentenceOut {
                id: Id('s', i),
                span: cp(s.span),
                text: s.span.slice(text),
                kind: s.kind.as_str(),
                paragraph: s.paragraph,
                rule: s.rule,
            })
            .collect(),
        numbers: a
            .numbers
            .numbers
            .iter()
            .enumerate()
            .map(|(i, n)| NumberOut {
                id: Id('n', i),
                span: cp(n.span),
                text: n.span.slice(text),
                kind: n.kind.as_str(),
                value: n.value.map(Num),
                low: n.low.map(Num),
                high: n.high.map(Num),
                qualifier: n.qualifier.map(|q| QualifierOut {
                    span: cp(q.span),
                    text: q.span.slice(text),
                    kind: q.kind.as_str(),
                }),
                unit: n.unit.map(|u| match u {
                    Unit::Noun(s) => s.slice(text),
                    Unit::Name(name) => name,
                }),
                rule: n.rule,
            })
            .collect(),
        dates: a
            .dates
            .dates
            .iter()
            .enumerate()
            .map(|(i, d)| DateOut {
                id: Id('d', i),
                span: cp(d.span),
                text: d.span.slice(text),
                kind: d.kind.as_str(),
                value: d.value.as_deref(),
                modifier: d.modifier,
                anchor: d.anchor.map(AnchorOut),
                rule: d.rule,
            })
            .collect(),
        quotes: a
            .quotes
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| QuoteOut {
                id: Id('q', i),
                kind: q.kind.as_str(),
                content: cp(q.content),
                content_text: q.content.slice(text),
                cue: q.cue.map(|c| CueOut { span: cp(c.span), text: c.span.slice(text), class: c.class }),
                speaker: q.speaker.map(|sp| SpeakerOut {
                    span: cp(sp.span),
                    text: sp.span.slice(text),
                    resolved: sp.resolved.map(|r| r.slice(text)),
                    resolved_span: sp.resolved.map(cp),
                }),
                rule: q.rule,
            })
            .collect(),
        claims: a
            .claims
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| ClaimOut {
                id: Id('c', i),
                span: cp(c.span),
                text: c.span.slice(text),
                sentence: Id('s', c.sentence),
                quote: c.quote.map(|q| Id('q', q)),
                speaker: c.speaker.map(|s| s.slice(text)),
                speaker_span: c.speaker.map(cp),
                dates: c.dates.iter().map(|&d| Id('d', d)).collect(),
                numbers: c.numbers.iter().map(|&n| Id('n', n)).collect(),
                about: c.about.map(|ab| AboutOut {
                    value: match (ab, a.doc.dct) {
                        (About::Dct, Some(d)) => AboutValue::Dct(d),
                        (About::Date(i), _) => AboutValue::Timex(a.dates.dates.get(i).and_then(|d| d.value.as_deref())),
                        (About::Dct, None) => AboutValue::Timex(None),
                    },
                    from: AboutFrom(ab),
                }),
                checkworthy: c.checkworthy_3dp(),
                reasons: &c.reasons,
                category: c.category,
            })
            .collect(),
        meta,
    }
}

#[derive(Serialize)]
struct ErrorRecord<'a> {
    schema: &'static str,
    id: &'a str,
    error: ErrorOut<'a>,
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    kind: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
}

/// The record of an input that could not be processed, keys in the order of
/// DESIGN.md (serde_json's `preserve_order` keeps them so in a `Value`).
pub fn error_record(id: &str, e: &InputError) -> Value {
    let rec = ErrorRecord {
        schema: SCHEMA,
        id,
        error: ErrorOut { kind: e.kind.as_str(), message: &e.message, byte_offset: e.byte_offset },
    };
    serde_json::to_value(rec).unwrap_or(Value::Null)
}
