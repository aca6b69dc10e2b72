//! Sentence scores, as ../shared/eval/score/score_sentences.py computes them.
//!
//! * String cases (golden rules, pySBD cases): a case passes when the list of
//!   trimmed, non-empty predicted sentences equals the trimmed expected list.
//!   For the pySBD file the substring-preserving subset (the scoreboard's
//!   figure) is reported too.
//! * Span documents (GUM): a boundary is the code-point end of a sentence
//!   after dropping trailing whitespace, the document end left out; micro
//!   P/R/F1 and the share of documents whose boundaries are all right.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde_json::Value;

use super::{f1, ratio};

use crate::document::Document;
use crate::offsets::CharIndex;
use crate::pipeline::analyze;

/// The scores of one gold file.
#[derive(Debug, Default)]
pub struct Report {
    pub cases: usize,
    pub passed: usize,
    /// (cases, passed) over records marked `substring_preserving`.
    pub substring_preserving: Option<(usize, usize)>,
    pub docs: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub docs_fully_correct: usize,
    /// genre -> (tp, fp, fn, docs, fully correct)
    pub genres: BTreeMap<String, [usize; 5]>,
    /// Error lines: missed and spurious boundaries, failed cases.
    pub errors: Vec<String>,
}

impl Report {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp, 1.0)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_, 1.0)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    pub fn docs_fully_correct_rate(&self) -> f64 {
        if self.docs == 0 {
            0.0
        } else {
            self.docs_fully_correct as f64 / self.docs as f64
        }
    }
}

/// Scores the sentence pass on gold records (string cases or span documents).
pub fn score(gold: &[Value]) -> Report {
    let mut rep = Report::default();
    let mut sp = (0, 0);
    let mut any_sp = false;
    for g in gold {
        let id = g["id"].as_str().map_or_else(|| g["id"].to_string(), str::to_string);
        let text = g["text"].as_str().unwrap_or_default();
        let a = analyze(Document::new(id.clone(), text, None));
        let idx = CharIndex::new(text);
        let pred: Vec<(usize, usize)> =
            a.sentences.sentences.iter().map(|s| (idx.chars(s.span.start), idx.chars(s.span.end))).collect();
        let Some(expected) = g["sentences"].as_array() else { continue };
        if expected.first().is_some_and(Value::is_string) || expected.is_empty() {
            let want: Vec<&str> = expected.iter().filter_map(Value::as_str).map(str::trim).collect();
            let got: Vec<&str> =
                a.sentences.sentences.iter().map(|s| a.doc.slice(s.span).trim()).filter(|s| !s.is_empty()).collect();
            let pass = got == want;
            rep.cases += 1;
            rep.passed += usize::from(pass);
            if g["substring_preserving"].as_bool() == Some(true) {
                any_sp = true;
                sp.0 += 1;
                sp.1 += usize::from(pass);
            }
            if !pass {
                rep.errors.push(format!("FAIL {id}\n   expected: {want:?}\n   got:      {got:?}"));
            }
        } else {
            let chars: Vec<char> = text.chars().collect();
            let gold_spans: Vec<(usize, usize)> = expected
                .iter()
                .filter_map(|s| Some((s.get(0)?.as_u64()? as usize, s.get(1)?.as_u64()? as usize)))
                .collect();
            let gb = boundaries(&chars, &gold_spans);
            let pb = boundaries(&chars, &pred);
            let tp = gb.intersection(&pb).count();
            let (fp, fn_) = (pb.len() - tp, gb.len() - tp);
            rep.docs += 1;
            rep.tp += tp;
            rep.fp += fp;
            rep.fn_ += fn_;
            let ok = fp == 0 && fn_ == 0;
            rep.docs_fully_correct += usize::from(ok);
            let genre = rep.genres.entry(g["genre"].as_str().unwrap_or("?").to_string()).or_default();
            for (slot, v) in genre.iter_mut().zip([tp, fp, fn_, 1, usize::from(ok)]) {
                *slot += v;
            }
            for &off in gb.difference(&pb) {
                rep.errors.push(format!("MISSED   {id}@{off}: {}", context(&chars, off)));
            }
            for &off in pb.difference(&gb) {
                rep.errors.push(format!("SPURIOUS {id}@{off}: {}", context(&chars, off)));
            }
        }
    }
    if any_sp {
        rep.substring_preserving = Some(sp);
    }
    rep
}

/// Right-trimmed sentence ends, without the end of the right-trimmed text.
fn boundaries(chars: &[char], spans: &[(usize, usize)]) -> BTreeSet<usize> {
    let doc_end = chars.len() - chars.iter().rev().take_while(|c| is_py_space(**c)).count();
    let mut out = BTreeSet::new();
    for &(a, b) in spans {
        let (a, b) = (a.min(chars.len()), b.min(chars.len()));
        if a >= b {
            continue;
        }
        let seg = &chars[a..b];
        let trailing = seg.iter().rev().take_while(|c| is_py_space(**c)).count();
        if trailing == seg.len() {
            continue;
        }
        let end = b - trailing;
        if end != doc_end {
            out.insert(end);
        }
    }
    out
}

/// Python's `str.isspace`, which the scorer's `strip` uses.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

fn context(chars: &[char], off: usize) -> String {
    let a = off.saturating_sub(50);
    let b = (off + 50).min(chars.len());
    let left: String = chars[a..off].iter().collect();
    let right: String = chars[off..b].iter().collect();
    format!("{left}‖{right}").replace('\n', "⏎")
}

/// The report in the scorer's words, with up to `errors` error lines.
pub fn render(rep: &Report, errors: usize) -> String {
    let mut out = String::new();
    for e in rep.errors.iter().take(errors) {
        let _ = writeln!(out, "{e}");
    }
    if rep.cases > 0 {
        let _ = writeln!(
            out,
            "exact-match accuracy: {}/{} = {:.3}",
            rep.passed,
            rep.cases,
            ratio(rep.passed, rep.cases, 1.0)
        );
        if let Some((n, k)) = rep.substring_preserving {
            let _ = writeln!(out, "substring-preserving cases: {k}/{n} = {:.3}", ratio(k, n, 1.0));
        }
    }
    if rep.docs > 0 {
        for (g, v) in &rep.genres {
            let (p, r) = (ratio(v[0], v[0] + v[1], 1.0), ratio(v[0], v[0] + v[2], 1.0));
            let _ = writeln!(
                out,
                "genre {g:<14} docs={:3}  P={p:.4} R={r:.4} F1={:.4}  docs fully correct={:.3}",
                v[3],
                f1(p, r),
                v[4] as f64 / v[3] as f64
            );
        }
        let _ = writeln!(
            out,
            "docs={} gold boundaries={} tp={} fp={} fn={}",
            rep.docs,
            rep.tp + rep.fn_,
            rep.tp,
            rep.fp,
            rep.fn_
        );
        let _ = writeln!(
            out,
            "boundary P={:.4} R={:.4} F1={:.4}  docs fully correct={:.3}",
            rep.precision(),
            rep.recall(),
            rep.f1(),
            rep.docs_fully_correct_rate()
        );
    }
    out
}
