//! Date scores, as ../shared/eval/score/score_timex.py computes them
//! (TempEval-3 Task A, timex part).
//!
//! Per document, predicted timexes are paired one-to-one with gold ones:
//! identical (whitespace-trimmed) spans first, then the remaining pairs by
//! largest overlap. Counts are pooled over documents. Strict and relaxed
//! P/R/F1; type and value accuracy over relaxed pairs; type and value F1 =
//! relaxed F1 × accuracy (value F1 is the TempEval-3 ranking metric).

use std::collections::HashSet;
use std::fmt::Write;

use serde_json::Value;

use super::{f1, ratio};

use crate::document::Document;
use crate::offsets::CharIndex;
use crate::pipeline::analyze;

#[derive(Debug, Default)]
pub struct Report {
    pub docs: usize,
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub type_ok: usize,
    pub value_ok: usize,
    /// VALUE / MISS / SPURIOUS / SPAN lines.
    pub errors: Vec<String>,
}

impl Report {
    pub fn strict_f1(&self) -> f64 {
        f1(ratio(self.strict, self.system, 0.0), ratio(self.strict, self.gold, 0.0))
    }
    pub fn relaxed_f1(&self) -> f64 {
        f1(ratio(self.relaxed, self.system, 0.0), ratio(self.relaxed, self.gold, 0.0))
    }
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_ok, self.relaxed, 0.0)
    }
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_ok, self.relaxed, 0.0)
    }
    pub fn type_f1(&self) -> f64 {
        self.relaxed_f1() * self.type_accuracy()
    }
    pub fn value_f1(&self) -> f64 {
        self.relaxed_f1() * self.value_accuracy()
    }
}

struct Item {
    span: (usize, usize),
    ty: Option<String>,
    value: Option<String>,
}

/// Python's `str.isspace`, which the scorer's `strip` uses.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

/// The span without surrounding whitespace (code points).
fn trim(chars: &[char], s: usize, e: usize) -> (usize, usize) {
    let (mut s, mut e) = (s.min(chars.len()), e.min(chars.len()));
    while s < e && is_py_space(chars[s]) {
        s += 1;
    }
    while e > s && is_py_space(chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// One-to-one pairs (gold index, system index).
fn align(gold: &[(usize, usize)], sys: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let (mut used_g, mut used_s) = (HashSet::new(), HashSet::new());
    for (si, s) in sys.iter().enumerate() {
        if let Some(gi) = gold.iter().enumerate().position(|(gi, g)| g == s && !used_g.contains(&gi)) {
            pairs.push((gi, si));
            used_g.insert(gi);
            used_s.insert(si);
        }
    }
    let mut cand = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if used_g.contains(&gi) {
            continue;
        }
        for (si, s) in sys.iter().enumerate() {
            if used_s.contains(&si) {
                continue;
            }
            let ov = g.1.min(s.1) as i64 - g.0.max(s.0) as i64;
            if ov > 0 {
                cand.push((-ov, g.0, s.0, gi, si));
            }
        }
    }
    cand.sort();
    for (_, _, _, gi, si) in cand {
        if used_g.contains(&gi) || used_s.contains(&si) {
            continue;
        }
        pairs.push((gi, si));
        used_g.insert(gi);
        used_s.insert(si);
    }
    pairs
}

fn str_of(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// Scores the date pass on gold documents {"id", "text", "dct", "timexes"}.
pub fn score(gold: &[Value]) -> Report {
    let mut rep = Report::default();
    for g in gold {
        let id = g["id"].as_str().map_or_else(|| g["id"].to_string(), str::to_string);
        let text = g["text"].as_str().unwrap_or_default();
        let dct = g["dct"].as_str().and_then(|d| d.get(..10)).and_then(|d| d.parse().ok());
        let a = analyze(Document::new(id.clone(), text, dct));
        let idx = CharIndex::new(text);
        let chars: Vec<char> = text.chars().collect();
        let slice = |(s, e): (usize, usize)| chars[s.min(chars.len())..e.min(chars.len())].iter().collect::<String>();
        let golds: Vec<Item> = g["timexes"]
            .as_array()
            .map(|ts| {
                ts.iter()
                    .filter_map(|t| {
                        let (s, e) = (t["start"].as_u64()? as usize, t["end"].as_u64()? as usize);
                        let span = trim(&chars, s, e);
                        (span.0 < span.1).then(|| Item { span, ty: str_of(&t["type"]), value: str_of(&t["value"]) })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let sys: Vec<Item> = a
            .dates
            .dates
            .iter()
            .filter_map(|d| {
                let span = trim(&chars, idx.chars(d.span.start), idx.chars(d.span.end));
                (span.0 < span.1).then(|| Item { span, ty: Some(d.kind.as_str().to_string()), value: d.value.clone() })
            })
            .collect();
        rep.docs += 1;
        rep.gold += golds.len();
        rep.system += sys.len();
        let gs: Vec<_> = golds.iter().map(|x| x.span).collect();
        let ss: Vec<_> = sys.iter().map(|x| x.span).collect();
        let pairs = align(&gs, &ss);
        let (mut mg, mut ms) = (HashSet::new(), HashSet::new());
        for &(gi, si) in &pairs {
            mg.insert(gi);
            ms.insert(si);
            let (gt, st) = (&golds[gi], &sys[si]);
            rep.relaxed += 1;
            if gt.span == st.span {
                rep.strict += 1;
            } else {
                rep.errors.push(format!("SPAN\t{id}\t{:?}\t{:?}", slice(gt.span), slice(st.span)));
            }
            rep.type_ok += usize::from(gt.ty == st.ty);
            if gt.value == st.value {
                rep.value_ok += 1;
            } else {
                rep.errors.push(format!(
                    "VALUE\t{id}\t{:?}\t{}\t{}\t{:?}\t{}\t{}",
                    slice(gt.span),
                    gt.ty.as_deref().unwrap_or("-"),
                    gt.value.as_deref().unwrap_or("-"),
                    slice(st.span),
                    st.ty.as_deref().unwrap_or("-"),
                    st.value.as_deref().unwrap_or("null"),
                ));
            }
        }
        for (gi, t) in golds.iter().enumerate().filter(|(gi, _)| !mg.contains(gi)) {
            rep.errors.push(format!(
                "MISS\t{id}\t{:?}\t{}\t{}",
                slice(t.span),
                t.ty.as_deref().unwrap_or("-"),
                t.value.as_deref().unwrap_or("-")
            ));
            let _ = gi;
        }
        for (_, t) in sys.iter().enumerate().filter(|(si, _)| !ms.contains(si)) {
            rep.errors.push(format!(
                "SPURIOUS\t{id}\t{:?}\t{}\t{}",
                slice(t.span),
                t.ty.as_deref().unwrap_or("-"),
                t.value.as_deref().unwrap_or("null")
            ));
        }
    }
    rep
}

/// The report in the scorer's words, with up to `errors` error lines.
pub fn render(rep: &Report, errors: usize) -> String {
    let mut out = String::new();
    for e in rep.errors.iter().take(errors) {
        let _ = writeln!(out, "{e}");
    }
    let pc = |x: f64| format!("{:6.2}", 100.0 * x);
    let _ = writeln!(out, "gold timexes {}, system timexes {}", rep.gold, rep.system);
    let (sp, sr) = (ratio(rep.strict, rep.system, 0.0), ratio(rep.strict, rep.gold, 0.0));
    let (rp, rr) = (ratio(rep.relaxed, rep.system, 0.0), ratio(rep.relaxed, rep.gold, 0.0));
    let _ = writeln!(out, "strict   P {}  R {}  F1 {}", pc(sp), pc(sr), pc(rep.strict_f1()));
    let _ = writeln!(out, "relaxed  P {}  R {}  F1 {}", pc(rp), pc(rr), pc(rep.relaxed_f1()));
    let _ = writeln!(out, "type  accuracy {}   type  F1 {}", pc(rep.type_accuracy()), pc(rep.type_f1()));
    let _ = writeln!(
        out,
        "value accuracy {}   value F1 {}   (TE3 ranking metric)",
        pc(rep.value_accuracy()),
        pc(rep.value_f1())
    );
    out
}
