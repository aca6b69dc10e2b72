//! `--format text`: the terminal view for reviewers.
//!
//! ## What it does
//! [`text`] prints the `show` view (the text with its sentences and claims
//! drawn under each line), then the claims by check-worthiness, highest
//! first: id, score, category, reasons, speaker, the date it is about, its
//! numbers and dates, and its text. With [`Style::Colour`] (the CLI picks it
//! when standard output is a terminal) scores are coloured by level, the
//! speaker is bold and numbers and dates are coloured; [`Style::Plain`]
//! writes no escape codes.

use std::fmt::Write;

use crate::document::Analysis;

use super::{claim_date, show};

/// Whether to write ANSI colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Colour,
}

/// The terminal view of `a`.
pub fn text(a: &Analysis, style: Style) -> String {
    let t = a.doc.text.as_str();
    let paint = |code: &str, s: &str| match style {
        Style::Colour => format!("\x1b[{code}m{s}\x1b[0m"),
        Style::Plain => s.to_string(),
    };
    let mut out = show(a);
    let claims = &a.claims.claims;
    let _ = writeln!(out, "── claims by check-worthiness ({})", claims.len());
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by(|&x, &y| claims[y].checkworthy.total_cmp(&claims[x].checkworthy).then(x.cmp(&y)));
    for i in order {
        let c = &claims[i];
        let score = c.checkworthy_3dp();
        let colour = if score >= 0.5 {
            "1;31"
        } else if score >= 0.25 {
            "33"
        } else {
            "2"
        };
        let _ = write!(out, "c{i:<3} {} {}", paint(colour, &format!("{score:.3}")), c.category);
        if !c.reasons.is_empty() {
            let _ = write!(out, " [{}]", c.reasons.join(", "));
        }
        out.push('\n');
        if let Some(s) = c.speaker {
            let _ = writeln!(out, "     speaker: {}", paint("1", s.slice(t)));
        }
        if let Some(d) = claim_date(a, c) {
            let _ = writeln!(out, "     about:   {d}");
        }
        let numbers: Vec<String> =
            c.numbers.iter().filter_map(|&n| a.numbers.numbers.get(n)).map(|n| paint("32", n.span.slice(t))).collect();
        if !numbers.is_empty() {
            let _ = writeln!(out, "     numbers: {}", numbers.join(", "));
        }
        let dates: Vec<String> =
            c.dates.iter().filter_map(|&d| a.dates.dates.get(d)).map(|d| paint("34", d.span.slice(t))).collect();
        if !dates.is_empty() {
            let _ = writeln!(out, "     dates:   {}", dates.join(", "));
        }
        let _ = writeln!(out, "     {}", c.span.slice(t).replace('\n', " "));
    }
    out
}
