//! Speakers: the phrase next to a cue, and what it refers to.
//!
//! ## What it does
//! [`before`] reads back from a cue to the speaker phrase ("Thabet
//! al-Abbassi, Iraq's defense minister, said"; "a senior U.S. defense
//! official, when asked about Erbil, said"), [`after`] reads forward from an
//! inverted cue ("said Smith", "according to the statement"), and
//! [`subject`] finds the subject of a sentence for a participle cue ("It
//! urges Iraq to act, stating ..."). [`resolve`] maps a speaker to the
//! fullest earlier mention of the same speaker.
//!
//! ## Known problems
//! Phrases are found from word classes (capitals, the lists of
//! rules/quotes.rules), not from a parser: a long relative clause inside a
//! speaker phrase is cut at its first clause word.

use crate::span::Span;

use super::lexicon::{capitalized, LEXICON as LEX};
use super::tokens::{Tok, Token};

/// A token range, both ends inclusive.
pub(crate) type Range = (usize, usize);

fn word<'t>(text: &'t str, toks: &[Token], i: usize) -> &'t str {
    toks[i].span.slice(text)
}

fn is_word(toks: &[Token], i: usize) -> bool {
    toks[i].kind == Tok::Word
}

/// Determiners and possessives that open a descriptive speaker ("a senior
/// official", "the statement", "his spokesman").
pub(crate) fn determiner(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "A"
            | "An"
            | "The"
            | "his"
            | "her"
            | "its"
            | "their"
            | "His"
            | "Her"
            | "Its"
            | "Their"
            | "one"
            | "One"
            | "some"
            | "Some"
            | "many"
            | "Many"
            | "several"
            | "Several"
            | "two"
            | "Two"
            | "three"
            | "Three"
            | "both"
            | "Both"
            | "most"
            | "Most"
            | "other"
            | "Other"
            | "this"
            | "This"
    )
}

/// The speaker phrase that ends right before the cue at token `cue`, not
/// reaching before token `lo`.
pub(crate) fn before(text: &str, toks: &[Token], cue: usize, lo: usize) -> Option<Range> {
    let mut j = cue.checked_sub(1)?;
    while j >= lo && j > 0 && is_word(toks, j) && LEX.between(word(text, toks, j)) {
        j -= 1;
    }
    if j < lo {
        return None;
    }
    // "Rep. Jason Chaffetz (R-Utah) said": the bracket belongs to the name.
    let mut bracket_end = None;
    if toks[j].kind == Tok::Other && toks[j].span.slice(text) == ")" {
        let open = (lo.max(j.saturating_sub(8))..j).rev().find(|&i| toks[i].span.slice(text) == "(")?;
        if open == 0 || open <= lo {
            return None;
        }
        bracket_end = Some(j);
        j = open - 1;
    }
    let mut apposition_end = None;
    if toks[j].kind == Tok::Comma {
        // ", when asked about X, said" (an interjection: skip it) or
        // ", Iraq's defense minister, said" (an apposition: part of the
        // speaker).
        let floor = lo.max(j.saturating_sub(20));
        let mut m = j;
        let comma = loop {
            if m == floor {
                break None;
            }
            m -= 1;
            match toks[m].kind {
                Tok::Comma => break Some(m),
                Tok::Word | Tok::Other => {}
                _ => break None,
            }
        };
        let m = comma?;
        if m + 1 >= j || m == 0 || m <= lo || !is_word(toks, m - 1) {
            return None;
        }
        let first = word(text, toks, m + 1);
        if capitalized(first) || determiner(first) {
            apposition_end = Some(j - 1);
        }
        j = m - 1;
        while j > lo && is_word(toks, j) && LEX.between(word(text, toks, j)) {
            j -= 1;
        }
    }
    if !is_word(toks, j) {
        return None;
    }
    let end = j;
    let last = word(text, toks, end);
    let apposition_end = apposition_end.or(bracket_end);
    if LEX.pronoun(last) {
        return Some((end, apposition_end.unwrap_or(end)));
    }
    if LEX.stop_back(last) || LEX.cue_class(last).is_some() || LEX.between(last) {
        return None;
    }
    let mut s = end;
    let mut n = 1;
    while s > lo && n < 10 {
        let t = s - 1;
        if !is_word(toks, t) {
            break;
        }
        let w = word(text, toks, t);
        if LEX.stop_back(w) || LEX.pronoun(w) || LEX.cue_class(w).is_some() {
            break;
        }
        s = t;
        n += 1;
    }
    while s < end && LEX.lead(word(text, toks, s)) {
        s += 1;
    }
    // A reduced relative clause is no part of the speaker's head: "A
    // United Nations report released in July".
    let mut end = end;
    if let Some(cut) = (s + 1..=end).find(|&i| {
        let w = word(text, toks, i);
        w.len() > 4 && w.ends_with("ed") && !capitalized(w) && !determiner(word(text, toks, i - 1))
    }) {
        end = cut - 1;
    }
    // A lone determiner or a lower-case word that is no noun of a speaker
    // ("the plan that was approved said") is not a speaker.
    if s == end && determiner(word(text, toks, end)) {
        return None;
    }
    Some((s, apposition_end.unwrap_or(end)))
}

/// The speaker phrase that starts at token `k` (after an inverted cue or
/// "according to"), before token `hi`.
pub(crate) fn after(text: &str, toks: &[Token], k: usize, hi: usize) -> Option<Range> {
    if k >= hi || !is_word(toks, k) {
        return None;
    }
    let first = word(text, toks, k);
    if LEX.pronoun(first) {
        return Some((k, k));
    }
    // "said former Utah governor Michael Leavitt", "said host Bill Maher".
    let title_first = (k + 1..hi.min(k + 4)).any(|i| is_word(toks, i) && capitalized(word(text, toks, i)));
    if !(capitalized(first) || determiner(first) || title_first) || LEX.stop_forward(first) {
        return None;
    }
    let mut e = k;
    while e + 1 < hi && e - k < 9 && is_word(toks, e + 1) {
        let w = word(text, toks, e + 1);
        if LEX.stop_forward(w) || LEX.pronoun(w) || LEX.cue_class(w).is_some() || LEX.between(w) {
            break;
        }
        e += 1;
    }
    Some((k, e))
}

/// The subject at the start of the sentence whose first token is `first`,
/// ending before token `hi`: a pronoun, a run of capitalised words, or a
/// determiner with the words after it up to the first verb-like word.
pub(crate) fn subject(text: &str, toks: &[Token], first: usize, hi: usize) -> Option<Range> {
    let mut s = first;
    while s < hi && (!is_word(toks, s) || LEX.lead(word(text, toks, s))) {
        s += 1;
    }
    if s >= hi {
        return None;
    }
    let w = word(text, toks, s);
    if LEX.pronoun(w) {
        return Some((s, s));
    }
    let caps = capitalized(w) && !determiner(w);
    if !caps && !determiner(w) {
        return None;
    }
    let mut e = s;
    while e + 1 < hi && e - s < 6 && is_word(toks, e + 1) {
        let w = word(text, toks, e + 1);
        let verbish = LEX.stop_back(w) || LEX.between(w) || LEX.cue_class(w).is_some() || LEX.pronoun(w);
        if verbish || (caps && !capitalized(w) && w != "of") {
            break;
        }
        e += 1;
    }
    Some((s, e))
}

/// The span of a token range.
pub(crate) fn span(toks: &[Token], r: Range) -> Span {
    Span::new(toks[r.0].span.start, toks[r.1].span.end)
}

/// What kind of thing a speaker phrase names, for pronoun resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sort {
    /// "he", "she": a person or a description of one.
    Person,
    /// "it": a document, an institution.
    Thing,
    /// "they", "we", "I", "you": not resolved.
    Other,
}

/// One speaker mention seen so far, with the fullest mention it stands for.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mention {
    /// Where the mention is.
    pub(crate) at: Span,
    pub(crate) resolved: Span,
    pub(crate) sort: Sort,
}

fn head(s: &str) -> &str {
    s.rsplit(|c: char| c.is_whitespace()).next().unwrap_or(s).trim_end_matches(['.', ',', '\u{2019}', '\''])
}

/// The sort of a non-pronoun speaker phrase, from its last word.
pub(crate) fn sort_of(text: &str, sp: Span) -> Sort {
    let h = head(sp.slice(text));
    let h = h.strip_suffix("'s").unwrap_or(h);
    if LEX.thing(h) || LEX.thing(h.trim_end_matches('s')) {
        Sort::Thing
    } else if h.ends_with('s') && !capitalized(h) {
        Sort::Other
    } else {
        Sort::Person
    }
}

/// How far back (in bytes) a pronoun looks for what it refers to: about
/// three short paragraphs. Farther, `resolved` is null rather than a guess.
const PRONOUN_REACH: usize = 1200;
/// How far back a name or description looks for a fuller mention.
const NAME_REACH: usize = 20_000;

/// The fullest earlier mention of the speaker at `sp`, given the speakers
/// of earlier quotes (most recent last) and the sentence subjects of the
/// text (in text order). `None` when unsure.
pub(crate) fn resolve(text: &str, sp: Span, history: &[Mention], subjects: &[Mention]) -> (Option<Span>, Sort) {
    let s = sp.slice(text);
    let lower = s.to_ascii_lowercase();
    let want = match lower.as_str() {
        "he" | "she" => Some(Sort::Person),
        "it" => Some(Sort::Thing),
        "i" | "we" | "you" | "they" | "who" => return (None, Sort::Other),
        _ => None,
    };
    if let Some(want) = want {
        // The most recent earlier speaker or sentence subject of that sort.
        let from_history = history.iter().rev().find(|m| m.at.end <= sp.start && m.sort == want);
        let upto = subjects.partition_point(|m| m.at.end <= sp.start);
        let from_subjects = subjects[..upto].iter().rev().find(|m| m.sort == want);
        let best = match (from_history, from_subjects) {
            (Some(h), Some(s)) => Some(if s.at.start > h.at.start { s } else { h }),
            (h, s) => h.or(s),
        };
        return match best {
            Some(m) if m.at.end + PRONOUN_REACH >= sp.start => (Some(fullest(text, m.resolved, history)), want),
            _ => (None, want),
        };
    }
    (Some(fullest(text, sp, history)), sort_of(text, sp))
}

/// The longest earlier speaker mention with the same head word as `sp` (a
/// short description or a surname), or `sp` itself.
fn fullest(text: &str, sp: Span, history: &[Mention]) -> Span {
    let s = sp.slice(text);
    // An indefinite description introduces someone new ("a U.S. defense
    // official" after "a senior U.S. defense official").
    if s.starts_with("a ") || s.starts_with("an ") || s.starts_with("A ") || s.starts_with("An ") {
        return sp;
    }
    let h = head(s);
    let mut best = sp;
    if h.chars().count() >= 3 {
        for m in history.iter().rev() {
            if m.at.end + NAME_REACH < sp.start {
                break;
            }
            let r = m.resolved.slice(text);
            if m.resolved.len() > best.len() && head(r).eq_ignore_ascii_case(h) {
                best = m.resolved;
            }
        }
    }
    best
}
