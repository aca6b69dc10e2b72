//! A sentence's source when the quote pass found none: "according to the
//! joint statement", "U.S. Central Command announced".
//!
//! ## What it does
//! [`source`] finds the first attribution verb of `rules/claims.rules`
//! `[attribution_cue]` outside quotation marks and takes the phrase before
//! it, back to a comma, a quotation mark or a dash; a phrase that opens a
//! clause ("when asked about ...") is skipped for the one before it. After
//! an `[attribution_prefix]` ("according to") the source is the phrase that
//! follows. The phrase is cut at a relative word ("A United Nations report
//! released in July" → "A United Nations report") and must start with a
//! capital or an article and hold at most eight words.
//!
//! ## Known problems
//! Pronouns are not resolved (the quote pass does that); a source after its
//! verb ("said the minister") is not found.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::rules;
use crate::span::Span;

struct Lists {
    cues: AhoCorasick,
    /// Patterns below this index are cues; from it on, prefixes.
    first_prefix: usize,
    cut: Vec<String>,
    clause: Vec<String>,
    pronoun: Vec<String>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let f = rules::file("claims.rules");
    let mut patterns: Vec<String> = f.section("attribution_cue").map(str::to_string).collect();
    let first_prefix = patterns.len();
    patterns.extend(f.section("attribution_prefix").map(str::to_string));
    let cues = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .unwrap_or_else(|e| panic!("rules/claims.rules: attribution patterns: {e}"));
    let list = |name: &str| f.section(name).map(str::to_ascii_lowercase).collect();
    Lists {
        cues,
        first_prefix,
        cut: list("attribution_cut"),
        clause: list("attribution_clause"),
        pronoun: list("attribution_pronoun"),
    }
});

/// Longest source phrase, in words.
const MAX_WORDS: usize = 8;

/// The source named in the sentence `s` of `text`, if any.
pub(crate) fn source(text: &str, s: Span) -> Option<Span> {
    let l = &*LISTS;
    let sent = s.slice(text);
    let b = sent.as_bytes();
    for m in l.cues.find_iter(sent) {
        let (a, e) = (m.start(), m.end());
        let word_start = a == 0 || !b[a - 1].is_ascii_alphanumeric();
        let word_end = e == b.len() || !b[e].is_ascii_alphanumeric();
        if !word_start || !word_end || inside_quote(&b[..a]) {
            continue;
        }
        let found = if m.pattern().as_usize() >= l.first_prefix { after(sent, e) } else { before(sent, a, l) };
        if let Some((x, y)) = found {
            return Some(Span::new(s.start + x, s.start + y));
        }
    }
    None
}

/// Whether an opening quotation mark is still open at the end of `b`.
fn inside_quote(b: &[u8]) -> bool {
    let s = std::str::from_utf8(b).unwrap_or("");
    let mut open = false;
    for c in s.chars() {
        match c {
            '“' => open = true,
            '”' => open = false,
            '"' => open = !open,
            _ => {}
        }
    }
    open
}

fn is_boundary(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '“' | '”' | '"' | '—' | '–' | '(' | ')')
}

/// The source phrase that ends before the cue at `cue`.
fn before(sent: &str, cue: usize, l: &Lists) -> Option<(usize, usize)> {
    let mut end = cue;
    for _ in 0..3 {
        let start =
            sent[..end].rfind(is_boundary).map_or(0, |i| i + sent[i..].chars().next().map_or(1, char::len_utf8));
        let (x, y) = trim(sent, start, end);
        let boundary_before = start;
        if x == y {
            // ", said," : the phrase is further back.
            if boundary_before == 0 {
                return None;
            }
            end = prev_char_start(sent, boundary_before);
            continue;
        }
        let first = first_word(&sent[x..y]);
        if l.pronoun.iter().any(|p| p == &first) {
            return None;
        }
        if l.clause.iter().any(|p| p == &first) {
            if boundary_before == 0 {
                return None;
            }
            end = prev_char_start(sent, boundary_before);
            continue;
        }
        // "with Iraqi Prime Minister ... stating": the source follows "with".
        let x = if first == "with" { x + 4 + leading_space(&sent[x + 4..y]) } else { x };
        return phrase(sent, x, y, l);
    }
    None
}

/// The source phrase that follows a prefix ending at `at`.
fn after(sent: &str, at: usize) -> Option<(usize, usize)> {
    let end = sent[at..].find(is_boundary).map_or(sent.len(), |i| at + i);
    let (x, mut y) = trim(sent, at, end);
    // The sentence's full stop, not an abbreviation's ("a U.S. official.").
    if y == sent.len() && sent[x..y].ends_with('.') && sent[..y - 1].ends_with(|c: char| c.is_ascii_lowercase()) {
        y -= 1;
    }
    if x == y {
        return None;
    }
    phrase(sent, x, y, &LISTS)
}

/// Checks and cuts the candidate source `sent[x..y]`.
fn phrase(sent: &str, x: usize, y: usize, l: &Lists) -> Option<(usize, usize)> {
    let mut y2 = y;
    let mut words = 0;
    let mut pos = x;
    for w in sent[x..y].split(' ') {
        if w.is_empty() {
            pos += 1;
            continue;
        }
        if words > 0 && l.cut.iter().any(|c| c.eq_ignore_ascii_case(w)) {
            y2 = pos;
            break;
        }
        words += 1;
        pos += w.len() + 1;
    }
    let (x, y) = trim(sent, x, y2);
    let p = &sent[x..y];
    let first = first_word(p);
    let starts_ok = p.starts_with(|c: char| c.is_uppercase()) || matches!(first.as_str(), "a" | "an" | "the");
    let nwords = p.split_whitespace().count();
    (starts_ok && (1..=MAX_WORDS).contains(&nwords) && !l.pronoun.iter().any(|w| w == &first)).then_some((x, y))
}

fn first_word(p: &str) -> String {
    p.split(|c: char| c.is_whitespace()).next().unwrap_or("").to_ascii_lowercase()
}

fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// `x..y` without surrounding whitespace.
fn trim(sent: &str, x: usize, y: usize) -> (usize, usize) {
    let seg = &sent[x..y];
    let lead = leading_space(seg);
    let t = seg.trim();
    (x + lead, x + lead + t.len())
}

fn prev_char_start(sent: &str, i: usize) -> usize {
    sent[..i].char_indices().next_back().map_or(0, |(j, _)| j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(sentence: &str, want: Option<&str>) {
        let got = source(sentence, Span::new(0, sentence.len())).map(|s| s.slice(sentence));
        assert_eq!(got, want, "{sentence}");
    }

    #[test]
    fn sources() {
        check("The two sides agreed on a plan, according to a U.S. official.", Some("a U.S. official"));
        check("“It will continue until September 2026,” the statement said.", Some("the statement"));
        check(
            "“From 2025 to 2026”, Iraqi Defense Minister Thabet al-Abbassi said earlier.",
            Some("Iraqi Defense Minister Thabet al-Abbassi"),
        );
        check(
            "In a briefing, a senior U.S. defense official, when asked about Erbil, said, “We stay.”",
            Some("a senior U.S. defense official"),
        );
        check("A United Nations report released in July estimated that 3,000 remain.", Some("A United Nations report"));
        check("On Aug. 31, U.S. Central Command announced a joint operation.", Some("U.S. Central Command"));
        check("It urges Iraq to act, stating, “Now.”", None);
        check("“We said nothing,” he told me.", None);
        check("Prices rose 5% last year.", None);
    }
}
