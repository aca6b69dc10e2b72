//! Tests of the quote pass: the examples of rules/quotes.rules and the seed
//! article.

use crate::rules::{self, Owner};
use crate::{analyze, Document};

/// `kind content | speaker | cue` for each quote of `text`, joined by ` ;; `,
/// or `-` when there is none.
fn describe(text: &str) -> String {
    let a = analyze(Document::new("t", text, None));
    if a.quotes.quotes.is_empty() {
        return "-".to_string();
    }
    a.quotes
        .quotes
        .iter()
        .map(|q| {
            format!(
                "{} {} | {} | {}",
                q.kind.as_str(),
                q.content.slice(text),
                q.speaker.map_or("", |s| s.span.slice(text)),
                q.cue.map_or("", |c| c.span.slice(text))
            )
        })
        .collect::<Vec<_>>()
        .join(" ;; ")
}

#[test]
fn rule_examples() {
    let failures = rules::failing_examples(Owner::Quotes, describe);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn seed() -> crate::Analysis {
    let text = include_str!("../../corpus/000-seed-2024-09-27.txt");
    analyze(Document::new("seed", text, None))
}

/// The quote whose content contains `needle`: (kind, speaker, resolved).
#[track_caller]
fn quote_with<'a>(a: &'a crate::Analysis, needle: &str) -> (&'static str, &'a str, Option<&'a str>) {
    let text = a.doc.text.as_str();
    let q = a
        .quotes
        .quotes
        .iter()
        .find(|q| q.content.slice(text).contains(needle))
        .unwrap_or_else(|| panic!("no quote contains {needle:?}"));
    let sp = q.speaker.unwrap_or_else(|| panic!("the quote with {needle:?} has no speaker"));
    (q.kind.as_str(), sp.span.slice(text), sp.resolved.map(|r| r.slice(text)))
}

#[test]
fn seed_article_quotes() {
    let a = seed();
    let cases: &[(&str, &str, &str)] = &[
        ("no later than the end of September 2025", "mixed", "the joint statement"),
        ("two-phase transition plan", "mixed", "a U.S. official"),
        ("will continue until September 2026", "direct", "the statement"),
        ("concerns the Kurdistan region", "direct", "Iraqi Defense Minister Thabet al-Abbassi"),
        ("Just to speak about Erbil", "direct", "a senior U.S. defense official"),
        ("we’ll hold on describing future deployments", "direct", "a senior U.S. defense official"),
        ("To ensure the safe and orderly conclusion", "direct", "It"),
        ("We are not going to discuss specific plans", "direct", "a U.S. defense official"),
        ("We have been and will continue", "direct", "a U.S. defense official"),
        ("is not required anymore", "mixed", "Iraqi Prime Minister Mohammed Shia al-Sudani"),
        ("armed with numerous weapons", "mixed", "CENTCOM"),
        ("had dwindled to between 1,500 and 3,000", "indirect", "A United Nations report"),
        ("largely contained", "mixed", "The report"),
    ];
    for &(needle, kind, speaker) in cases {
        let (k, s, _) = quote_with(&a, needle);
        assert_eq!((k, s), (kind, speaker), "quote with {needle:?}");
    }
    // "It … stating" resolves to the statement.
    let (_, _, resolved) = quote_with(&a, "To ensure the safe and orderly conclusion");
    assert!(resolved.is_some_and(|r| r.ends_with("statement")), "It resolved to {resolved:?}");
    // "The report" resolves to the fuller mention.
    let (_, _, resolved) = quote_with(&a, "largely contained");
    assert_eq!(resolved, Some("A United Nations report"));
    // Scare quotes are not quotes.
    let text = a.doc.text.as_str();
    assert!(!a.quotes.quotes.iter().any(|q| q.content.slice(text) == "“victory”"));
}

/// A participle cue as the very first token of a paragraph, before a
/// quote: the look-back for its subject must not step before the first
/// token (a White House list item of this shape panicked).
#[test]
fn participle_cue_at_paragraph_start() {
    for text in [
        "Supporting creative utilization of federal resources: Local and state governments can now access a “Quick Guide to Using HUD’s Community Planning and Development Programs.” The Quick Guide assists them.",
        "Calling the defense of democracy “the defining challenge of our time,” on December 9-10, 2021, President Biden convened a summit.",
        "Stating “we will not leave this place before the end of the year” was easy.",
        "stating “we will not leave this place before the end of the year”",
    ] {
        let a = crate::analyze(crate::Document::new("t", text, None));
        for q in &a.quotes.quotes {
            assert!(text.get(q.content.range()).is_some());
        }
    }
}
