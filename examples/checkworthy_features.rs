//! The check-worthiness features of every record of a gold file, for
//! `scripts/fit-checkworthy`.
//!
//! ```text
//! cargo run --release --example checkworthy_features -- GOLD.jsonl > features.jsonl
//! ```
//!
//! Each output line is `{"id", "label", "features": [...]}`: the union of the
//! feature names of the record's claims, as the claims pass computes them
//! (`claimscan::claims::feature_names`), so the fit sees exactly what the
//! scorer will.

use std::io::Write;

use claimscan::claims::claim_features;
use claimscan::{analyze, Document};

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).ok_or_else(|| anyhow::anyhow!("usage: checkworthy_features GOLD.jsonl"))?;
    let gold = claimscan::eval::read_gold(std::path::Path::new(&path))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for g in &gold {
        let id = g["id"].as_str().unwrap_or_default();
        let text = g["text"].as_str().unwrap_or_default();
        let a = analyze(Document::new(id, text, None));
        let mut names: Vec<String> = a.claims.claims.iter().flat_map(|c| claim_features(&a, c)).collect();
        names.sort();
        names.dedup();
        let line = serde_json::json!({"id": id, "label": g["label"], "features": names});
        writeln!(out, "{line}")?;
    }
    Ok(())
}
