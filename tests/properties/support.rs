//! Generators and invariant checks shared by `tests/properties.rs` and
//! `examples/fuzz_long.rs` (which includes this file by path).
//!
//! [`check`] runs the library on one text and checks the invariants of
//! DESIGN.md ("Invariants") and of the document model: spans on char
//! boundaries inside the text, each `text` equal to the slice its span names
//! (bytes in the library, code points in the `claimscan/1` record), and
//! sentences that are non-empty, in order, non-overlapping, inside their
//! paragraph, with only whitespace around them, so that they tile the text.

#![allow(dead_code)]

use claimscan::output::{record, write_record};
use claimscan::{analyze, Document, Span};
use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::Value;

// ----------------------------------------------------------- generators ----

/// Any Unicode scalar values, NUL and controls included.
pub(crate) fn random_unicode() -> impl Strategy<Value = String> {
    vec(any::<char>(), 0..300).prop_map(String::from_iter)
}

/// Characters that matter to the sentence pass, densely mixed.
const ALPHABET: &[char] = &[
    '.', '.', '.', '!', '?', '…', ' ', ' ', ' ', ' ', '\n', '\n', '\r', '\t', '"', '\'', '“', '”', '‘', '’', '(', ')',
    '[', ']', '«', '»', '—', '–', '-', ':', ';', ',', 'a', 'b', 'e', 'm', 'p', 'A', 'I', 'S', 'T', 'U', '1', '2', '•',
    '*', '·', '\u{feff}', '\u{a0}', '\u{2028}', '\u{2029}', '\u{3000}', '\u{85}', '\u{200b}', '\u{1}', 'é', '東',
];

/// Strings over [`ALPHABET`].
pub(crate) fn dense_punctuation() -> impl Strategy<Value = String> {
    vec(prop::sample::select(ALPHABET), 0..200).prop_map(String::from_iter)
}

const WORDS: &[&str] = &[
    "the",
    "said",
    "officials",
    "troops",
    "percent",
    "will",
    "in",
    "of",
    "and",
    "he",
    "she",
    "told",
    "reporters",
    "government",
    "million",
    "ha",
    "x",
    "i",
    "a",
    "The",
    "He",
    "It",
    "I",
    "However",
    "But",
    "In",
    "At",
    "How",
    "Officials",
    "Government",
    "President",
    "Biden",
    "BAGHDAD",
    "WASHINGTON",
    "NEW",
    "YORK",
    "Monday",
    "EDT",
    "café",
    "Zürich",
    "naïve",
    "東京",
    "Ελλάδα",
    "Москва",
    "e\u{301}",
    "👍",
    "🇺🇸",
    "x\u{200d}y",
];

const ABBREVIATIONS: &[&str] = &[
    "U.S.", "U.K.", "D.C.", "U.S.A.", "U.S.-led", "Dr.", "Mr.", "Mrs.", "Gen.", "Sen.", "Prof.", "St.", "Inc.", "Co.",
    "Corp.", "Jr.", "Jr.'s", "vs.", "etc.", "e.g.", "i.e.", "viz.", "a.m.", "p.m.", "A.M.", "No.", "p.", "pp.",
    "Sept.", "Jan.", "Oct.", "J.", "A.", "b.", "al.",
];

const PUNCTUATION: &[&str] = &[
    ".", ".", ".", "!", "?", "…", ". . .", "...", "....", ". . . .", "?!", "!!", ".”", ".\"", "?’", "!'", ".)", ".”)",
    ",", ";", ":", "&",
];

const QUOTES: &[&str] = &["\"", "'", "“", "”", "‘", "’", "«", "»", "„", "‹", "›"];
const DASHES: &[&str] = &["—", "–", "-", "--", " — ", " – ", " - ", "―"];
const BRACKETS: &[&str] = &["(", ")", "[", "]", "{", "}", "(AP)", "(Reuters)"];
const BULLETS: &[&str] = &["•", "* ", "·", "▪", "◦", "➤", "- ", "• ", "1. ", "2. ", "3) ", "a) ", "b. ", "(1) "];
const BREAKS: &[&str] =
    &["\n", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\n \n", "\n\t\n", "\t", "  ", "\u{2028}", "\u{2029}"];
const ODD_SPACE: &[&str] =
    &["\u{a0}", "\u{3000}", "\u{85}", "\u{2009}", "\u{202f}", "\u{200b}", "\u{feff}", "\u{b}", "\u{c}"];
const DATELINES: &[&str] = &[
    "WASHINGTON — ",
    "LONDON, Sept. 3 (AP) — ",
    "Washington (CNN) - ",
    "NEW YORK – ",
    "BAGHDAD —",
    "KYIV, Ukraine (AP) -- ",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(list).prop_map(str::to_string)
}

/// Control characters other than NUL and the whitespace ones.
fn control() -> impl Strategy<Value = String> {
    prop_oneof![(1u32..0x20).prop_filter("not whitespace", |c| !(0x09..=0x0d).contains(c)), 0x7fu32..0xa0]
        .prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default())
}

/// Number-like text: the shapes the numbers pass reads, and near misses.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..10_000).prop_map(|n| n.to_string()),
        (0u32..1000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        (1u32..1000, 0u32..1000).prop_map(|(a, b)| format!("{a},{b:03}")),
        (0u32..100).prop_map(|n| format!("{n}%")),
        (0u32..100, 0u32..10).prop_map(|(a, b)| format!("${a}.{b} billion")),
        (0u32..100).prop_map(|n| format!("{n}.")),
        (pick(CURRENCIES), 0u32..1000, pick(SCALES)).prop_map(|(c, n, s)| format!("{c}{n}{s}")),
        (1u32..100, pick(ORDINAL_SUFFIXES)).prop_map(|(n, s)| format!("{n}{s}")),
        (0u32..100, 0u32..100, pick(DASHES)).prop_map(|(a, b, d)| format!("{a}{d}{b}")),
        (prop::bool::ANY, 0u64..u64::MAX).prop_map(|(neg, n)| format!("{}{n}", if neg { "-" } else { "+" })),
        "[0-9]{1,3}(,[0-9]{3}){0,6}(\\.[0-9]{1,4})?",
        "[0-9.,]{1,12}",
        pick(NUMBER_WORDS),
        Just("3.5".to_string()),
        Just("1,500-3,000".to_string()),
    ]
}

const CURRENCIES: &[&str] = &["$", "£", "€", "¥", "US$", "Rs ", "", "-$"];
const SCALES: &[&str] = &["", "m", "bn", "k", " million", " billion", " trillion", "%", " percent", " per cent"];
const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th", "th-century", "s"];
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two-thirds",
    "twenty-five",
    "a dozen",
    "hundreds",
    "half",
    "a quarter",
    "a third",
    "1 1/2",
    "3/4",
    "No. 1",
    "one in five",
    "nearly 40",
    "more than 1,000",
    "up to 5",
    "between 10 and 20",
    "1.5x",
    "24/7",
    "9/11",
    "COVID-19",
    "G7",
    "F-35",
    "1e6",
    "0.000001",
    "٣",
    "½",
];

/// Date-like text: calendar dates in several notations, times, weekdays,
/// relative expressions, decades, and malformed ones.
fn date_like() -> impl Strategy<Value = String> {
    prop_oneof![
        (1900u32..2100, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (0u32..14, 0u32..33, 0u32..3000).prop_map(|(m, d, y)| format!("{m}/{d}/{y}")),
        (pick(MONTHS), 0u32..40, 1000u32..3000).prop_map(|(m, d, y)| format!("{m} {d}, {y}")),
        (0u32..40, pick(MONTHS), 1000u32..3000).prop_map(|(d, m, y)| format!("{d} {m} {y}")),
        (pick(MONTHS), 1900u32..2100).prop_map(|(m, y)| format!("{m} {y}")),
        (0u32..25, 0u32..61, pick(CLOCK)).prop_map(|(h, m, c)| format!("{h}:{m:02}{c}")),
        (1900u32..2100, 0u32..24).prop_map(|(y, h)| format!("{y}-01-01T{h:02}:00:00Z")),
        (1u32..10).prop_map(|d| format!("the {d}0s")),
        (1800u32..2100).prop_map(|y| format!("{y}s")),
        (1900u32..2100, 1u32..100).prop_map(|(a, b)| format!("{a}-{b:02}")),
        pick(RELATIVE_DATES),
    ]
}

const MONTHS: &[&str] = &[
    "January", "Feb.", "March", "Apr", "May", "June", "Jul.", "August", "Sept.", "Sep", "October", "Nov.", "December",
];
const CLOCK: &[&str] = &["", " a.m.", " p.m.", "am", "PM", " EDT", " GMT", " a.m. ET", "h"];
const RELATIVE_DATES: &[&str] = &[
    "Monday",
    "on Tuesday",
    "last week",
    "next year",
    "yesterday",
    "tomorrow morning",
    "two years ago",
    "in three months",
    "the end of September",
    "early 2025",
    "mid-March",
    "every Friday",
    "Q3",
    "FY2024",
    "this weekend",
    "the following day",
    "Christmas Eve",
    "New Year's Day",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![4 => pick(WORDS), 1 => "[a-zA-Z]{1,12}", 1 => "[A-Z]{2,8}"]
}

/// One piece of news-like text.
pub(crate) fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        40 => word(),
        40 => Just(" ".to_string()),
        12 => pick(PUNCTUATION),
        6 => pick(ABBREVIATIONS),
        5 => pick(QUOTES),
        4 => pick(DASHES),
        5 => number(),
        4 => date_like(),
        3 => pick(BRACKETS),
        3 => pick(BULLETS),
        8 => pick(BREAKS),
        2 => pick(ODD_SPACE),
        1 => control(),
        1 => pick(DATELINES),
    ]
}

/// A very long line: one short piece repeated without a line break, or a
/// long run of one character.
pub(crate) fn long_line() -> impl Strategy<Value = String> {
    let piece = vec(
        fragment().prop_filter("no line break", |s| !s.contains(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}'])),
        1..8,
    )
    .prop_map(|v| v.concat());
    prop_oneof![
        (piece, 1000usize..8000).prop_map(|(p, n)| p.repeat(n.min(200_000 / p.len().max(1)))),
        (
            prop::sample::select(&["a", ".", " ", "a.", ". ", "U.S. ", "x ", "”", "(", "…", "é", "1."][..]),
            10_000usize..100_000
        )
            .prop_map(|(s, n)| s.repeat(n)),
    ]
}

/// News-like text: fragments, sometimes a leading BOM, now and then a very
/// long line, and sometimes every line break written as CRLF.
pub(crate) fn structured_text() -> impl Strategy<Value = String> {
    let part = prop_oneof![200 => fragment(), 1 => long_line()];
    news(vec(part, 0..160))
}

/// [`structured_text`] without its very long lines: the same mixes at a
/// hundredth of the cost, for the long runs of `fuzz_long`.
pub(crate) fn short_news_text() -> impl Strategy<Value = String> {
    news(vec(fragment(), 0..160))
}

fn news(parts: impl Strategy<Value = Vec<String>>) -> impl Strategy<Value = String> {
    (prop::bool::weighted(0.1), parts, prop::bool::weighted(0.15)).prop_map(|(bom, parts, crlf)| {
        let mut s = String::new();
        if bom {
            s.push('\u{feff}');
        }
        let body = parts.concat();
        if crlf {
            s.push_str(&body.replace("\r\n", "\n").replace('\n', "\r\n"));
        } else {
            s.push_str(&body);
        }
        s
    })
}

// ----------------------------------------------------------- known bugs ----

/// Inputs that trigger a known, reported bug, with its description: the
/// property tests skip them (and `fuzz_long` counts them) so that they keep
/// checking everything else while the bug waits for its fix. Each entry
/// has a matching `#[ignore]`d regression test in `tests/properties.rs`;
/// remove both when the bug is fixed. None at present: the four found so
/// far (offsets at a 64-byte block end, an ellipsis cut inside "…", two
/// dateline spans) are fixed and their regression tests run.
pub(crate) fn known_bug(text: &str) -> Option<&'static str> {
    let _ = text;
    None
}

// --------------------------------------------------------------- checks ----

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// What may lie between and around sentences.
fn is_gap(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn span_ok(text: &str, what: &str, s: Span) -> Result<(), String> {
    ensure!(s.start <= s.end, "{what} {s:?} is reversed");
    ensure!(s.end <= text.len(), "{what} {s:?} ends past the text ({} bytes)", text.len());
    ensure!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{what} {s:?} is not on char boundaries");
    Ok(())
}

/// Runs `analyze`, `record` and `write_record` on `text` and checks every
/// invariant. A panic inside the library propagates.
pub(crate) fn check(text: &str) -> Result<(), String> {
    let a = analyze(Document::new("prop", text, None));
    let t = a.doc.text.as_str();
    ensure!(t == text, "the text was modified");
    let layer = &a.sentences;

    // Paragraphs: in order, non-overlapping, non-empty, trimmed.
    let mut prev = 0;
    for (i, &p) in layer.paragraphs.iter().enumerate() {
        span_ok(t, &format!("paragraph {i}"), p)?;
        ensure!(!p.is_empty(), "paragraph {i} {p:?} is empty");
        ensure!(p.start >= prev, "paragraph {i} {p:?} starts before the end of the previous one ({prev})");
        let s = &t[p.range()];
        ensure!(s.trim() == s, "paragraph {i} {p:?} is not trimmed: {s:?}");
        prev = p.end;
    }

    // Sentences: non-empty, in order, inside their paragraph, whitespace
    // between and around them.
    let mut cursor = 0;
    let mut last_para = 0;
    for (i, s) in layer.sentences.iter().enumerate() {
        let sp = s.span;
        span_ok(t, &format!("sentence {i}"), sp)?;
        ensure!(!sp.is_empty(), "sentence {i} {sp:?} is empty");
        ensure!(sp.start >= cursor, "sentence {i} {sp:?} overlaps or precedes the previous one (ends at {cursor})");
        let gap = &t[cursor..sp.start];
        ensure!(gap.chars().all(is_gap), "text between sentences at {cursor}..{} is not whitespace: {gap:?}", sp.start);
        let para = layer.paragraphs.get(s.paragraph).copied();
        ensure!(para.is_some(), "sentence {i} names paragraph {} of {}", s.paragraph, layer.paragraphs.len());
        let para = para.unwrap_or_default();
        ensure!(para.contains(sp), "sentence {i} {sp:?} is not inside its paragraph {} {para:?}", s.paragraph);
        ensure!(
            s.paragraph >= last_para,
            "sentence {i} is in paragraph {} after one in paragraph {last_para}",
            s.paragraph
        );
        let st = &t[sp.range()];
        ensure!(st.trim() == st, "sentence {i} {sp:?} is not trimmed: {st:?}");
        cursor = sp.end;
        last_para = s.paragraph;
    }
    let tail = &t[cursor..];
    ensure!(tail.chars().all(is_gap), "text after the last sentence at {cursor}.. is not whitespace: {tail:?}");

    // The dateline lies inside a sentence, its place inside it.
    if let Some(d) = layer.dateline {
        span_ok(t, "dateline", d.span)?;
        span_ok(t, "dateline place", d.place)?;
        ensure!(d.span.contains(d.place), "dateline place {:?} is outside the dateline {:?}", d.place, d.span);
        ensure!(
            layer.sentences.iter().any(|s| s.span.contains(d.span)),
            "dateline {:?} is not inside a sentence",
            d.span
        );
    }

    check_record(&a)
}

/// The `claimscan/1` record: code-point spans whose `text` is the slice
/// they name, and `write_record` writing the same JSON as `record`.
fn check_record(a: &claimscan::Analysis) -> Result<(), String> {
    let t = a.doc.text.as_str();
    let v = record(a, None);
    let mut buf = Vec::new();
    write_record(&mut buf, a, None);
    let written: Value = serde_json::from_slice(&buf).map_err(|e| format!("write_record wrote invalid JSON: {e}"))?;
    ensure!(written == v, "write_record and record disagree");
    ensure!(v["schema"] == "claimscan/1", "schema is {}", v["schema"]);
    ensure!(v["id"] == "prop", "id is {}", v["id"]);

    let chars: Vec<char> = t.chars().collect();
    // Code-point offset of each byte offset on a char boundary.
    let mut cp = vec![usize::MAX; t.len() + 1];
    for (n, (b, _)) in t.char_indices().enumerate() {
        cp[b] = n;
    }
    cp[t.len()] = chars.len();

    let sentences = v["sentences"].as_array().ok_or("sentences is not an array")?;
    ensure!(
        sentences.len() == a.sentences.sentences.len(),
        "record has {} sentences, the library {}",
        sentences.len(),
        a.sentences.sentences.len()
    );
    for (i, (js, s)) in sentences.iter().zip(&a.sentences.sentences).enumerate() {
        ensure!(js["id"] == format!("s{i}").as_str(), "sentence {i} has id {}", js["id"]);
        let want = [cp[s.span.start], cp[s.span.end]];
        ensure!(
            js["span"] == serde_json::json!(want),
            "sentence {i}: record span {} for byte span {:?}, want {want:?}",
            js["span"],
            s.span
        );
        ensure!(js["paragraph"] == s.paragraph, "sentence {i}: paragraph {}", js["paragraph"]);
        ensure!(js["kind"] == s.kind.as_str(), "sentence {i}: kind {}", js["kind"]);
    }
    match (&v["dateline"], a.sentences.dateline) {
        (Value::Null, None) => {}
        (Value::Object(d), Some(dl)) => {
            ensure!(
                d.get("place").and_then(Value::as_str) == Some(dl.place.slice(t)),
                "dateline place {:?}",
                d.get("place")
            );
        }
        (d, dl) => return Err(format!("record dateline {d} for library dateline {dl:?}")),
    }
    let problems = crate::common::violations(t, &v);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}
