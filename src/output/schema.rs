//! The `claimscan/1` record (DESIGN.md), the only place that knows it.
//!
//! ## What it does
//! [`record`] turns an [`Analysis`] into the JSON object of one document;
//! [`error_record`] gives the record of an input that could not be
//! processed. Offsets become Unicode code points here (`offsets::CharIndex`),
//! and every item carries the exact source `text` of its span.
//!
//! The passes that are not built yet (numbers, dates, quotes, claims) write
//! empty lists so that consumers see the whole schema from the start.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::document::Analysis;
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
    numbers: [(); 0],
    dates: [(); 0],
    quotes: [(); 0],
    claims: [(); 0],
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
    id: String,
    span: [usize; 2],
    text: &'a str,
    kind: &'static str,
    paragraph: usize,
    rule: &'static str,
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
                id: format!("s{i}"),
                span: cp(s.span),
                text: s.span.slice(text),
                kind: s.kind.as_str(),
                paragraph: s.paragraph,
                rule: s.rule,
            })
            .collect(),
        numbers: [],
        dates: [],
        quotes: [],
        claims: [],
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
