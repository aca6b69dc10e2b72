//! Unit tests of the date pass: the examples of rules/dates.rules, the seed
//! article, the number contract and the no-DCT rule.

use super::*;
use crate::document::{Number, NumberKind};
use crate::rules;

/// (text, type, value) of every date found in `text` with document date `dct`.
fn run(text: &str, dct: Option<&str>, numbers: &NumberLayer) -> Vec<(String, &'static str, Option<String>)> {
    let doc = Document::new("t", text, dct.map(|d| d.parse().expect("test DCT")));
    let sentences = crate::sentences::split(&doc);
    extract(&doc, &sentences, numbers)
        .dates
        .into_iter()
        .map(|t| (doc.slice(t.span).to_string(), t.kind.as_str(), t.value))
        .collect()
}

fn show(found: &[(String, &'static str, Option<String>)]) -> String {
    if found.is_empty() {
        return "-".into();
    }
    found.iter().map(|(t, _, v)| format!("{t}={}", v.as_deref().unwrap_or("null"))).collect::<Vec<_>>().join(" | ")
}

#[test]
fn rule_examples() {
    let failures = rules::failing_examples(rules::Owner::Dates, |input| {
        show(&run(input, Some("2024-09-27"), &NumberLayer::default()))
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_article() {
    let text = include_str!("../../corpus/000-seed-2024-09-27.txt");
    let found = run(text, Some("2024-09-27"), &NumberLayer::default());
    let want = [
        ("the end of 2025", "2025"),
        ("Friday", "2024-09-27"),
        ("2014", "2014"),
        ("the end of September 2025", "2025-09"),
        ("September 2026", "2026-09"),
        ("September 2025", "2025-09"),
        ("earlier in September", "2024-09"),
        ("the winter of 2023", "2023-WI"),
        ("2017", "2017"),
        ("September 17", "2024-09-17"),
        ("September 24", "2024-09-24"),
        ("Aug. 31", "2024-08-31"),
        ("two years later", "2019"),
        ("July", "2024-07"),
    ];
    for (t, v) in want {
        assert!(
            found.iter().any(|(ft, _, fv)| ft == t && fv.as_deref() == Some(v)),
            "{t} = {v} not found in {}",
            show(&found)
        );
    }
}

#[test]
fn without_a_document_date_relative_values_are_null() {
    let found = run("He left on Friday, and returns in 2025. It ended last year.", None, &NumberLayer::default());
    assert_eq!(show(&found), "Friday=null | 2025=2025 | last year=null");
}

#[test]
fn a_date_never_overlaps_a_number() {
    let text = "Sales reached 1990 units in the third quarter.";
    let start = text.find("1990").unwrap();
    let numbers = NumberLayer {
        numbers: vec![Number {
            span: Span::new(start, start + 4),
            kind: NumberKind::Cardinal,
            value: Some(1990.0),
            low: None,
            high: None,
            qualifier: None,
            unit: None,
            rule: "test",
        }],
    };
    let found = run(text, Some("2024-09-27"), &numbers);
    assert_eq!(show(&found), "the third quarter=2024-Q3");
}

#[test]
fn dateline_gives_the_document_date() {
    let text = "WASHINGTON, Sept. 27, 2024 (AP) — The vote was held Friday.";
    let found = run(text, None, &NumberLayer::default());
    assert!(found.iter().any(|(t, _, v)| t == "Friday" && v.as_deref() == Some("2024-09-27")), "{}", show(&found));
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "May",
        "the",
        "9/99/9999",
        "12:99 p.m.",
        "2024-13-45",
        "first-",
        "a -",
        "\u{a0}Friday\u{a0}",
        "the end of the",
    ] {
        let _ = run(t, Some("2024-09-27"), &NumberLayer::default());
        let _ = run(t, None, &NumberLayer::default());
    }
}
