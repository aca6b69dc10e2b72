//! `--format label-studio`: a Label Studio import file, one task per
//! document with the claims pass's output as pre-annotations.
//!
//! ## What it does
//! [`task`] gives `{"data": {"id", "text", "dct"}, "predictions": [...]}`.
//! The prediction's `result` holds a labelled region per claim (`Claim`),
//! speaker (`Speaker`), number (`Number`) and date (`Date`) of the `label`
//! control, and for each claim the per-region choices `checkworthy`
//! ("check-worthy" when it scores at least 0.5, else "not check-worthy") and
//! `category`. Offsets are code points, as in `claimscan/1`. The labelling
//! config that matches these names is in README.md ("Reviewing in Label
//! Studio"). The run's tasks form one JSON array (batch writes the
//! brackets).

use serde_json::{json, Value};

use crate::document::Analysis;
use crate::offsets::CharIndex;
use crate::span::Span;

/// The task of `a`.
pub fn task(a: &Analysis) -> Value {
    let text = a.doc.text.as_str();
    let idx = CharIndex::new(text);
    let region = |id: String, s: Span, label: &str| {
        json!({
            "id": id, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": idx.chars(s.start), "end": idx.chars(s.end), "text": s.slice(text), "labels": [label]},
        })
    };
    let choice = |id: &str, s: Span, from: &str, value: &str| {
        json!({
            "id": id, "from_name": from, "to_name": "text", "type": "choices",
            "value": {"start": idx.chars(s.start), "end": idx.chars(s.end), "text": s.slice(text), "choices": [value]},
        })
    };
    let mut result = Vec::new();
    let mut speakers: Vec<Span> = Vec::new();
    for (i, c) in a.claims.claims.iter().enumerate() {
        let id = format!("c{i}");
        result.push(region(id.clone(), c.span, "Claim"));
        let worthy = if c.checkworthy_3dp() >= 0.5 { "check-worthy" } else { "not check-worthy" };
        result.push(choice(&id, c.span, "checkworthy", worthy));
        result.push(choice(&id, c.span, "category", c.category));
        if let Some(s) = c.speaker {
            if !speakers.contains(&s) {
                speakers.push(s);
                result.push(region(format!("sp{}", speakers.len() - 1), s, "Speaker"));
            }
        }
    }
    for (i, n) in a.numbers.numbers.iter().enumerate() {
        result.push(region(format!("n{i}"), n.span, "Number"));
    }
    for (i, d) in a.dates.dates.iter().enumerate() {
        result.push(region(format!("d{i}"), d.span, "Date"));
    }
    let score = a.claims.claims.iter().map(|c| c.checkworthy_3dp()).fold(0.0, f64::max);
    json!({
        "data": {"id": a.doc.id, "text": text, "dct": a.doc.dct.map(|d| d.to_string())},
        "predictions": [{"model_version": concat!("claimscan ", env!("CARGO_PKG_VERSION")), "score": score, "result": result}],
    })
}
