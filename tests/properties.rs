//! Property tests: the invariants of DESIGN.md over generated text.
//!
//! Each property runs `claimscan::analyze` and `claimscan::output::record`
//! on generated text and checks every span and the tiling of sentences
//! (`support::check`). The generators cover random Unicode, dense mixes of
//! quotes, dashes, digits and line breaks, and news-like text: words,
//! abbreviations, number-like text (money, percentages, ordinals, ranges,
//! fractions, near misses), date-like text (ISO, US and day-month dates,
//! times, decades, weekdays, relative expressions), datelines, bullets,
//! CRLF, a BOM, odd spaces and control characters, and very long lines.
//! 256 cases per property by default; set `PROPTEST_CASES` for more, or run
//! the long loop `cargo run --release --example fuzz_long -- SECONDS` (or
//! `-- --cases 10000000 --threads 2`).
//!
//! A failure found by either is kept below as a plain regression test of
//! the exact input.

mod common;
#[path = "properties/support.rs"]
mod support;

use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256);
    // Failures become the plain regression tests below, not files.
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_unicode_keeps_the_invariants(text in support::random_unicode()) {
        prop_assume!(support::known_bug(&text).is_none());
        support::check(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn dense_punctuation_keeps_the_invariants(text in support::dense_punctuation()) {
        prop_assume!(support::known_bug(&text).is_none());
        support::check(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn news_like_text_keeps_the_invariants(text in support::structured_text()) {
        prop_assume!(support::known_bug(&text).is_none());
        support::check(&text).map_err(TestCaseError::fail)?;
    }
}

// ------------------------------------------------------------ regressions ----

#[track_caller]
fn holds(text: &str) {
    if let Err(e) = support::check(text) {
        panic!("{e}\ninput: {text:?}");
    }
}

#[test]
fn edge_inputs() {
    for text in [
        "",
        " ",
        "\u{feff}",
        "\u{feff}Hi. There.",
        "\r\n\r\n",
        "a\r\nb\r\n\r\nc. D.",
        "\u{0}",
        "x\u{0}y. Z.",
        ". . . .",
        "“",
        "”.”)",
        "U.S. U.S. U.S.",
        "WASHINGTON —",
        "LONDON, Sept. 3 (AP) — Rain fell. It stopped.",
        "1. a 2. b 3. c",
        "• one • two",
        "\u{2028}A.\u{2029}B.\u{85}C.",
    ] {
        holds(text);
    }
}

#[test]
fn long_lines() {
    holds(&"a".repeat(200_000));
    holds(&". ".repeat(100_000));
    holds(&"U.S. ".repeat(40_000));
    holds(&"It rained. ".repeat(20_000));
    holds(&"…".repeat(50_000));
}

// Bugs the properties above found, each kept as its exact input.

/// `offsets::CharIndex::chars` returned 0 for the end of a non-ASCII text
/// whose length is a multiple of 64 bytes (no block entry for the end), so
/// the last sentence got the record span [start, 0].
#[test]
fn regression_offsets_end_of_64_byte_text() {
    let text = format!("é{}.", "a".repeat(61));
    assert_eq!(text.len(), 64);
    holds(&text);
}

/// The sentence pass cut "the…. . . . AA" at byte 4, inside the "…"
/// (`attached_period_end = start + 1` where the run starts with "…", not
/// "."): every sentence was lost in release builds, and the debug
/// assertion of `Span::slice` panicked in debug builds.
#[test]
fn regression_ellipsis_then_spaced_dots() {
    holds("the…. . . . AA");
}

/// The dateline regex took "BAGHDAD-" as the place, the dateline span was
/// trimmed of dashes to "BAGHDAD": the place (0..8) ends after the dateline
/// (0..7), and the record's `dateline.place` was not inside `dateline.text`.
#[test]
fn regression_dateline_place_with_trailing_hyphen() {
    holds("BAGHDAD- — thethethe");
}

/// The title-case alternative of the dateline regex matched
/// "The. LONDON, Sept. 3 (AP)" (place "The. LONDON"), but the sentence pass
/// ended a sentence after "The.": the dateline did not stay inside its
/// sentence.
#[test]
fn regression_dateline_across_sentence_boundary() {
    holds("The. LONDON, Sept. 3 (AP) — the.");
}

/// Once quadratic: each look-back from a candidate walked the whitespace gap
/// before its sentence again. The sentence start now lies after the gap;
/// this input (a 200,000-space gap, then 200,000 abbreviations that end no
/// sentence) must keep the invariants, and takes milliseconds.
#[test]
fn whitespace_gap_before_many_abbreviations() {
    let n = 200_000;
    let text = format!("It rained.{}He{}", " ".repeat(n), " U.S.".repeat(n));
    holds(&text);
}
