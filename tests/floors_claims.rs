//! Quality floors of the claims pass: the measured check-worthiness scores
//! on ../shared/eval/claims (rounded down), and what the seed article must
//! show. Without ../shared/eval the ClaimBuster floors say so and pass.
//!
//! The ClaimBuster figures are measured on the dev set the weights were
//! fitted on; `scripts/fit-checkworthy` prints the cross-validated figure.

mod common;
use common::{at_least, eval_gold as gold};
use std::path::Path;

use claimscan::eval::claims;
use claimscan::{analyze, input, Document};

#[test]
fn claimbuster_dev() {
    let Some(g) = gold("claims/claimbuster_cbd_dev.jsonl") else { return };
    let rep = claims::score(&g);
    at_least("ClaimBuster dev check-worthy F1", rep.f1(), 0.924);
    at_least("ClaimBuster dev average precision", rep.average_precision, 0.981);
}

/// The seed article: every sentence with a number or a year is a claim,
/// the sources it names are the claims' speakers, and the statements
/// without anything to check rank below the numeric ones.
#[test]
fn seed_article() {
    let name = "000-seed-2024-09-27.txt";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(name);
    let text = std::fs::read_to_string(&path).expect("the seed article reads");
    let a = analyze(Document::new(name, text, input::date_in_name(name)));
    let c = &a.claims.claims;
    for (i, s) in a.sentences.sentences.iter().enumerate() {
        if a.doc.slice(s.span).bytes().any(|b| b.is_ascii_digit()) {
            assert!(c.iter().any(|c| c.sentence == i), "sentence s{i} has no claim: {}", a.doc.slice(s.span));
        }
    }
    let speakers: Vec<&str> = c.iter().filter_map(|c| c.speaker.map(|s| a.doc.slice(s))).collect();
    for want in [
        "a senior U.S. defense official",
        "Iraqi Defense Minister Thabet al-Abbassi",
        "the statement",
        "U.S. Central Command",
        "A United Nations report",
    ] {
        // Speakers are resolved to their fullest mention: "the statement"
        // of the article is "the joint statement" announced in its first line.
        let found = speakers.iter().any(|s| *s == want || want == "the statement" && *s == "the joint statement");
        assert!(found, "no claim has the speaker {want:?}: {speakers:?}");
    }
    let score_of = |needle: &str| {
        c.iter()
            .find(|c| a.doc.slice(a.sentences.sentences[c.sentence].span).contains(needle))
            .unwrap_or_else(|| panic!("no claim in the sentence of {needle:?}"))
            .checkworthy
    };
    let numeric = [
        "2,500 U.S. troops",
        "15 ISIS fighters",
        "between 1,500 and 3,000",
        "by the end of 2025",
        "established in 2014",
    ];
    let plain = ["'Two-phase transition'", "We have been and will continue", "While both reaffirmed"];
    for n in numeric {
        assert!(score_of(n) >= 0.5, "{n:?} scores {}", score_of(n));
        for p in plain {
            assert!(score_of(p) < score_of(n), "{p:?} ({}) does not rank below {n:?} ({})", score_of(p), score_of(n));
        }
    }
}
