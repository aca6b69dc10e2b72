//! `--format csv`: one row per claim, for spreadsheets.
//!
//! ## What it does
//! [`HEADER`] is written once per run, then [`rows`] for each document:
//! the document id, the claim id, its code-point span, score, category,
//! reasons (joined with "; "), speaker, quote id, the date it is about, the
//! numbers and dates inside it (their text, joined with "; "), the sentence
//! id and the claim's text. Fields are quoted as RFC 4180 says (a field with
//! a comma, a quotation mark or a line break is quoted, marks doubled);
//! lines end with CRLF, as the RFC and spreadsheet programs expect.

use std::fmt::Write;

use crate::document::Analysis;
use crate::offsets::CharIndex;

use super::claim_date;

/// The header row.
pub const HEADER: &str =
    "doc_id,claim_id,start,end,checkworthy,category,reasons,speaker,quote,date,numbers,dates,sentence,text\r\n";

/// The rows of the claims of `a`.
pub fn rows(a: &Analysis) -> String {
    let text = a.doc.text.as_str();
    let idx = CharIndex::new(text);
    let mut out = String::new();
    for (i, c) in a.claims.claims.iter().enumerate() {
        let numbers: Vec<&str> =
            c.numbers.iter().filter_map(|&n| a.numbers.numbers.get(n)).map(|n| n.span.slice(text)).collect();
        let dates: Vec<&str> =
            c.dates.iter().filter_map(|&d| a.dates.dates.get(d)).map(|d| d.span.slice(text)).collect();
        let fields = [
            a.doc.id.clone(),
            format!("c{i}"),
            idx.chars(c.span.start).to_string(),
            idx.chars(c.span.end).to_string(),
            format!("{:.3}", c.checkworthy_3dp()),
            c.category.to_string(),
            c.reasons.join("; "),
            c.speaker.map_or_else(String::new, |s| s.slice(text).to_string()),
            c.quote.map_or_else(String::new, |q| format!("q{q}")),
            claim_date(a, c).unwrap_or_default(),
            numbers.join("; "),
            dates.join("; "),
            format!("s{}", c.sentence),
            c.span.slice(text).to_string(),
        ];
        for (k, f) in fields.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            field(&mut out, f);
        }
        out.push_str("\r\n");
    }
    out
}

fn field(out: &mut String, f: &str) {
    if f.contains([',', '"', '\n', '\r']) {
        let _ = write!(out, "\"{}\"", f.replace('"', "\"\""));
    } else {
        out.push_str(f);
    }
}
