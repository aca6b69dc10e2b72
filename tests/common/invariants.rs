//! The invariants of DESIGN.md ("Invariants") checked on a `claimscan/1`
//! record against the text it was made from, in plain code. Its own file so
//! that `examples/fuzz_long.rs` can include it without the test-only helpers.

// Each includer uses its own part of this module.
#![allow(dead_code)]

use serde_json::Value;

/// Characters allowed between and around sentences: whitespace, and the
/// byte-order mark, which is not text either.
pub(crate) fn is_gap(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Every way `record` breaks the invariants for `text`; empty when it
/// keeps them all.
///
/// * The record is a `claimscan/1` document record with a string `id`.
/// * Every `span` (and `resolved_span`) anywhere in the record is
///   `[start, end]` in code points with `start <= end <= ` the text's length,
///   and the `text` (`resolved`) beside it equals the code-point slice.
/// * Sentences: `id` is `s0`, `s1`, ... in order; each is non-empty and holds
///   more than whitespace; they increase and do not overlap; only whitespace
///   lies before the first, between two, and after the last (they tile the
///   text); `paragraph` never decreases.
/// * The dateline, when there is one, lies inside a sentence.
/// * A quote's `content_text` is its `content` slice; a claim's `speaker`
///   is its `speaker_span` slice.
/// * Numbers never overlap each other, dates never overlap each other, and
///   no span is both a date and a number.
pub(crate) fn violations(text: &str, record: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    if record["schema"] != "claimscan/1" {
        out.push(format!("schema is {}, not \"claimscan/1\"", record["schema"]));
    }
    if !record["id"].is_string() {
        out.push(format!("id is {}, not a string", record["id"]));
    }
    if record.get("error").is_some() {
        out.push(format!("an error record, not a document: {}", record["error"]));
        return out;
    }
    walk(record, &chars, "$", &mut out);

    let Some(sentences) = record["sentences"].as_array() else {
        out.push(format!("sentences is {}, not an array", record["sentences"]));
        return out;
    };
    let slice = |a: usize, b: usize| -> String { chars[a.min(chars.len())..b.min(chars.len())].iter().collect() };
    let mut cursor = 0;
    let mut paragraph = 0;
    for (i, s) in sentences.iter().enumerate() {
        if s["id"] != format!("s{i}").as_str() {
            out.push(format!("sentence {i} has id {}", s["id"]));
        }
        let Some((a, b)) = span_of(&s["span"]) else {
            // `walk` reported it.
            continue;
        };
        if a >= b || slice(a, b).chars().all(is_gap) {
            out.push(format!("sentence {i} [{a}, {b}] is empty or only whitespace: {:?}", slice(a, b)));
        }
        if a < cursor {
            out.push(format!("sentence {i} [{a}, {b}] starts before the previous one ends ({cursor})"));
        } else if !slice(cursor, a).chars().all(is_gap) {
            out.push(format!("text before sentence {i} [{cursor}, {a}] is not whitespace: {:?}", slice(cursor, a)));
        }
        match s["paragraph"].as_u64() {
            Some(p) if p as usize >= paragraph => paragraph = p as usize,
            _ => out.push(format!("sentence {i} has paragraph {} after paragraph {paragraph}", s["paragraph"])),
        }
        cursor = cursor.max(b);
    }
    if !slice(cursor, chars.len()).chars().all(is_gap) {
        out.push(format!(
            "text after the last sentence [{cursor}, {}] is not whitespace: {:?}",
            chars.len(),
            slice(cursor, chars.len())
        ));
    }
    if sentences.is_empty() && !text.chars().all(is_gap) {
        out.push("no sentences in a text that is not blank".to_string());
    }

    let spans = |layer: &str| -> Vec<(usize, usize)> {
        record[layer].as_array().map(|a| a.iter().filter_map(|x| span_of(&x["span"])).collect()).unwrap_or_default()
    };
    let (numbers, dates) = (spans("numbers"), spans("dates"));
    for (layer, items) in [("numbers", &numbers), ("dates", &dates)] {
        for w in items.windows(2) {
            if w[1].0 < w[0].1 {
                out.push(format!("{layer} {:?} and {:?} overlap or are out of order", w[0], w[1]));
            }
        }
    }
    for n in &numbers {
        if let Some(d) = dates.iter().find(|d| d.0 < n.1 && n.0 < d.1) {
            out.push(format!("number {n:?} overlaps date {d:?}: a span is a date or a number, never both"));
        }
    }

    if let Some((a, b)) = span_of(&record["dateline"]["span"]) {
        let inside = sentences.iter().filter_map(|s| span_of(&s["span"])).any(|(sa, sb)| sa <= a && b <= sb);
        if !inside {
            out.push(format!("dateline [{a}, {b}] is not inside a sentence"));
        }
    }
    out
}

/// Panics with every violation of the invariants (see [`violations`]).
#[track_caller]
pub(crate) fn assert_invariants(what: &str, text: &str, record: &Value) {
    let v = violations(text, record);
    assert!(v.is_empty(), "{what}: {} invariant violation(s):\n  {}", v.len(), v.join("\n  "));
}

fn span_of(v: &Value) -> Option<(usize, usize)> {
    match v.as_array()?.as_slice() {
        [a, b] => Some((a.as_u64()? as usize, b.as_u64()? as usize)),
        _ => None,
    }
}

/// Checks every `span`/`text` and `resolved_span`/`resolved` pair below `v`.
fn walk(v: &Value, chars: &[char], path: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (span_key, text_key) in [
                ("span", "text"),
                ("resolved_span", "resolved"),
                ("content", "content_text"),
                ("speaker_span", "speaker"),
            ] {
                let Some(span) = map.get(span_key) else { continue };
                if span.is_null() {
                    continue;
                }
                let Some((a, b)) = span_of(span) else {
                    out.push(format!("{path}.{span_key} is not [start, end]: {span}"));
                    continue;
                };
                if a > b || b > chars.len() {
                    out.push(format!(
                        "{path}.{span_key} [{a}, {b}] is not inside a text of {} code points",
                        chars.len()
                    ));
                    continue;
                }
                let slice: String = chars[a..b].iter().collect();
                match map.get(text_key) {
                    Some(Value::String(t)) if *t == slice => {}
                    Some(Value::String(t)) => {
                        out.push(format!("{path}.{text_key} is {t:?}, but [{a}, {b}] is {slice:?}"))
                    }
                    // `resolved` may be null or absent; a span item must carry its text.
                    None | Some(Value::Null) if span_key == "resolved_span" => {}
                    // A claim's `speaker` is the text of its `speaker_span`; elsewhere
                    // `speaker` is an object with its own span.
                    _ if span_key == "speaker_span" && !map.contains_key("checkworthy") => {}
                    other => out.push(format!("{path}.{text_key} is {other:?}, not the text of [{a}, {b}]")),
                }
            }
            for (k, child) in map {
                walk(child, chars, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, chars, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}
