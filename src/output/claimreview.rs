//! `--format claimreview`: a schema.org ClaimReview draft (JSON-LD) per
//! check-worthy claim, one JSON object a line.
//!
//! ## What it does
//! For each claim scoring at least 0.5, [`drafts`] writes a `ClaimReview`
//! with `claimReviewed` (the claim's text), `itemReviewed` (a `Claim` with
//! its `author`, the speaker, `datePublished`, the document date, and
//! `appearance`, the document), and the fields the reviewer fills in left
//! `null`: the review's `url`, `author`, `datePublished` and the
//! `reviewRating`. Under `claimscan` it keeps where the claim came from
//! (document id, claim id, code-point span, score, reasons, category), so a
//! finished review can be matched back to the text.
//!
//! The speaker's type is a guess: `Person` when the mention names a role
//! held by a person ("official", "minister", ...), else `Organization`.

use serde_json::{json, Value};

use crate::document::Analysis;
use crate::offsets::CharIndex;

use super::claim_date;

/// Words of a mention that make its speaker a person.
const PERSON_WORDS: &[&str] = &[
    "chancellor",
    "director",
    "governor",
    "he",
    "mayor",
    "minister",
    "official",
    "officials",
    "president",
    "secretary",
    "senator",
    "she",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// The threshold of a check-worthy claim.
const THRESHOLD: f64 = 0.5;

/// The ClaimReview drafts of `a`, one JSON line each.
pub fn drafts(a: &Analysis) -> String {
    let mut out = String::new();
    for v in values(a) {
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

/// The ClaimReview drafts of `a` as JSON values.
pub fn values(a: &Analysis) -> Vec<Value> {
    let text = a.doc.text.as_str();
    let idx = CharIndex::new(text);
    let dct = a.doc.dct.map(|d| d.to_string());
    let mut out = Vec::new();
    for (i, c) in a.claims.claims.iter().enumerate() {
        if c.checkworthy_3dp() < THRESHOLD {
            continue;
        }
        let author = c.speaker.map(|s| {
            let name = s.slice(text);
            let person =
                name.split(|ch: char| !ch.is_alphanumeric()).any(|w| PERSON_WORDS.contains(&w.to_lowercase().as_str()));
            json!({"@type": if person { "Person" } else { "Organization" }, "name": name})
        });
        out.push(json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": c.span.slice(text),
            "itemReviewed": {
                "@type": "Claim",
                "author": author,
                "datePublished": dct,
                "appearance": {"@type": "CreativeWork", "identifier": a.doc.id, "datePublished": dct},
                "temporalCoverage": claim_date(a, c),
            },
            "url": null,
            "author": null,
            "datePublished": null,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": null,
                "bestRating": null,
                "worstRating": null,
                "alternateName": null,
                "ratingExplanation": null,
            },
            "claimscan": {
                "doc": a.doc.id,
                "claim": format!("c{i}"),
                "span": [idx.chars(c.span.start), idx.chars(c.span.end)],
                "checkworthy": c.checkworthy_3dp(),
                "reasons": c.reasons,
                "category": c.category,
            },
        }));
    }
    out
}
