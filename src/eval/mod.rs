//! `claimscan eval`: score the pipeline against the gold files of
//! ../shared/eval, with the metrics of the scorers in ../shared/eval/score.
//!
//! Each pass has its own file; each computes a report from gold records and
//! the pipeline's output, and prints it in the scorer's terms so that the two
//! can be compared line by line.

pub mod claims;
pub mod dates;
pub mod numbers;
pub mod quotes;
pub mod sentences;

use serde_json::Value;

/// `a / b`, or `if_empty` when `b` is 0. The scorers differ there:
/// score_sentences.py counts an empty denominator as 1, the others as 0.
pub(crate) fn ratio(a: usize, b: usize, if_empty: f64) -> f64 {
    if b == 0 {
        if_empty
    } else {
        a as f64 / b as f64
    }
}

/// The harmonic mean of precision and recall (0 when both are 0).
pub(crate) fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Reads a JSONL gold file into values (the gold files are small).
pub fn read_gold(path: &std::path::Path) -> anyhow::Result<Vec<Value>> {
    let data = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| anyhow::anyhow!("{}:{}: {e}", path.display(), i + 1)))
        .collect()
}
