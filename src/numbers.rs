//! The number pass: quantities with value, unit and qualifier (issue 4).
//!
//! ## What it does
//! Finds cardinals (digits with separators and decimals, spelled numbers,
//! mixed "1.5 million", "3bn"), ordinals, fractions, percentages, money
//! (symbols, codes and names mapped to ISO 4217), measures with units,
//! vague magnitudes ("tens of thousands") and ranges ("between 1,500 and
//! 3,000", "10 to 15 people"). Each item gets its value, the qualifier
//! before or after it ("about", "more than", "or more") as an item of its
//! own, and the noun it counts ("2,500 U.S. troops" → troops).
//!
//! ## Inputs
//! The text only. One Aho-Corasick scan finds the triggers (a digit or a
//! number word on a word boundary); everything else is local work around a
//! trigger, so the pass is linear in the text.
//!
//! ## Outputs
//! `NumberLayer`: items in text order, never overlapping.
//!
//! ## Invariants
//! Spans are on char boundaries: the scanner moves over ASCII bytes or over
//! whole matches of rule phrases. Not numbers, and left to the date pass:
//! years, decades, day numbers next to a month, clock times, and durations
//! and ages (a number right before a time unit of `[time_unit]`). Not
//! numbers at all: identifiers (letters glued to digits, "Section 230",
//! "Covid-19", "737 MAX"), phone numbers, street numbers, footnote marks,
//! "one" as a pronoun.
//!
//! ## Known problems
//! Compound comparisons ("more than 10 and less than 40") are two items;
//! relative ordinals ("last", "next") and fractions of fractions are not
//! read. A four-digit number from 1000 to 2100 is a year unless a unit,
//! scale, currency, qualifier or counted plural noun says otherwise.
//!
//! ## Example
//! "approximately 2,500 U.S. troops" → `2,500`, value 2500, qualifier
//! `approximately` (approx), unit `troops`.

use std::sync::LazyLock;

use crate::document::{Document, Number, NumberKind, NumberLayer, Qualifier, QualifierKind, SentenceLayer, Unit};
use crate::rules;
use crate::span::Span;

pub fn extract(doc: &Document, _sentences: &SentenceLayer) -> NumberLayer {
    let text = doc.text.as_str();
    let lex = &*LEX;
    let b = text.as_bytes();
    let mut numbers = Vec::new();
    // Everything before `done` is decided: an item, or text that is a date,
    // time or identifier and must not be read again from its middle.
    let mut done = 0usize;
    // One pass over the bytes, eight at a time: a trigger is the start of a
    // digit run, the start of a word that spells a number, or a vulgar
    // fraction character.
    let mut carry = 0u64;
    let mut chunk_at = 0;
    while chunk_at < b.len() {
        let x = match b.get(chunk_at..chunk_at + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or_default()),
            None => {
                // The tail, padded with bytes that start nothing.
                let mut bytes = [0u8; 8];
                bytes[..b.len() - chunk_at].copy_from_slice(&b[chunk_at..]);
                u64::from_le_bytes(bytes)
            }
        };
        let (mut starts, next_carry) = trigger_starts(x, carry);
        // Bytes that end a word (padding past the text included).
        let non_letter = !(in_range((x & !HI) | (LO * 0x20), b'a', b'z') & !(x & HI)) & HI;
        carry = next_carry;
        while starts != 0 {
            let at = chunk_at + (starts.trailing_zeros() / 8) as usize;
            starts &= starts - 1;
            if at < done || at >= b.len() {
                continue;
            }
            let c = b[at];
            if c.is_ascii_alphabetic() {
                if !lex.triggers.first(c) {
                    continue;
                }
                let k = at - chunk_at;
                let after = if k == 7 { 0 } else { non_letter & (u64::MAX << (8 * (k + 1))) };
                let e = if after != 0 {
                    chunk_at + (after.trailing_zeros() / 8) as usize
                } else {
                    letters(b, chunk_at + 8)
                };
                if b.get(e).is_some_and(u8::is_ascii_digit) || !lex.triggers.is_word(&b[at..e]) {
                    continue;
                }
            } else if c >= 0x80 && !VULGAR.iter().any(|(sym, _)| b[at..].starts_with(sym.as_bytes())) {
                continue;
            }
            let mut cx = Cx { text, b, lex, floor: done };
            match cx.item(at) {
                Outcome::Item(n) => {
                    done = n.span.end.max(n.qualifier.map_or(0, |q| q.span.end));
                    numbers.push(n);
                }
                Outcome::Skip(end) => done = done.max(end),
            }
        }
        chunk_at += 8;
    }
    NumberLayer { numbers }
}

// ---------------------------------------------------------------- lexicon --

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `y` (all bytes below 0x80) that lies in
/// `lo..=hi`.
fn in_range(y: u64, lo: u8, hi: u8) -> u64 {
    let ge = y.wrapping_add(LO * u64::from(0x80 - lo));
    let gt = y.wrapping_add(LO * u64::from(0x7f - hi));
    ge & !gt & HI
}

/// The high bit of each byte of `x` equal to `c` (a byte after an equal one
/// may be flagged too; callers check).
fn eq_byte(x: u64, c: u8) -> u64 {
    let t = x ^ (LO * u64::from(c));
    t.wrapping_sub(LO) & !t & HI
}

/// For eight text bytes `x` (little-endian) and the carry of the chunk
/// before: the high bit of each byte that starts a digit run or a word, or
/// is the lead byte of a vulgar fraction; and the carry for the next chunk.
fn trigger_starts(x: u64, carry: u64) -> (u64, u64) {
    let non_ascii = x & HI;
    let y = x & !HI;
    let letter = in_range(y | (LO * 0x20), b'a', b'z') & !non_ascii;
    let digit = in_range(y, b'0', b'9') & !non_ascii;
    let alnum = letter | digit;
    // The flags of the byte before each byte; the carry holds the last
    // byte's flags of the previous chunk (alnum in bit 7, digit in bit 15).
    let prev_alnum = (alnum << 8) | (carry & 0x80);
    let prev_digit = (digit << 8) | ((carry >> 8) & 0x80);
    let lead = (eq_byte(x, 0xC2) | eq_byte(x, 0xE2)) & non_ascii;
    let starts = (letter & !prev_alnum) | (digit & !prev_digit) | lead;
    let next = ((alnum >> 56) & 0x80) | (((digit >> 56) & 0x80) << 8);
    (starts, next)
}

/// The number words that start a number, for a byte scan without a regex:
/// a (length, first letter) → last letters mask rejects almost every other
/// word before the exact look-up.
struct Triggers {
    /// First letters (lowercase) of the words.
    firsts: u32,
    mask: [[u32; 26]; 16],
    words: Vec<u128>,
}

impl Triggers {
    fn new(words: &[String]) -> Triggers {
        let mut mask = [[0u32; 26]; 16];
        let mut keys = Vec::new();
        for w in words {
            let k = w.as_bytes();
            if k.len() < 3 || k.len() > 15 || !k.iter().all(u8::is_ascii_lowercase) {
                continue;
            }
            mask[k.len()][(k[0] - b'a') as usize] |= 1 << (k[k.len() - 1] - b'a');
            keys.push(key(k));
        }
        keys.sort_unstable();
        keys.dedup();
        let firsts = words
            .iter()
            .filter_map(|w| w.bytes().next())
            .filter(u8::is_ascii_lowercase)
            .fold(0, |m, c| m | 1 << (c - b'a'));
        Triggers { firsts, mask, words: keys }
    }

    /// True when a number word may start with the ASCII letter `c`.
    fn first(&self, c: u8) -> bool {
        self.firsts & (1 << (c.to_ascii_lowercase() - b'a')) != 0
    }

    /// True when the ASCII letters `w` spell a number word (any case).
    fn is_word(&self, w: &[u8]) -> bool {
        if w.len() < 3 || w.len() > 15 {
            return false;
        }
        let first = (w[0].to_ascii_lowercase() - b'a') as usize;
        let last = w[w.len() - 1].to_ascii_lowercase() - b'a';
        if self.mask[w.len()][first] & (1 << last) == 0 {
            return false;
        }
        self.words.binary_search(&key(w)).is_ok()
    }
}

/// A phrase list indexed by the (lowercased) byte a match must start or
/// end with, so a look-up tries only the phrases that can match. The order
/// of the list (longest first) is kept inside each bucket.
struct ByByte<T: Copy + 'static> {
    buckets: Vec<Vec<(&'static str, T)>>,
}

impl<T: Copy + 'static> ByByte<T> {
    fn new(list: &[(&'static str, T)], last: bool) -> ByByte<T> {
        let mut buckets = vec![Vec::new(); 256];
        for &(p, v) in list {
            let bytes = p.as_bytes();
            let c = if last { bytes[bytes.len() - 1] } else { bytes[0] };
            buckets[c.to_ascii_lowercase() as usize].push((p, v));
        }
        ByByte { buckets }
    }

    /// The phrases that start (or end) with byte `c`.
    fn at(&self, c: Option<&u8>) -> &[(&'static str, T)] {
        c.map_or(&[], |&c| &self.buckets[c.to_ascii_lowercase() as usize])
    }
}

/// Maps and sets of rule words with rustc-hash's fast hash (as the sentence
/// pass's word sets): the keys are short and trusted (they come from
/// rules/), so SipHash's protection against chosen keys buys nothing here.
type FxMap<V> = rustc_hash::FxHashMap<String, V>;
type FxSet<K> = rustc_hash::FxHashSet<K>;

/// Up to 16 ASCII letters, lowercased, packed into one integer.
fn key(w: &[u8]) -> u128 {
    w.iter().take(16).fold(0u128, |k, &c| (k << 8) | u128::from(c.to_ascii_lowercase()))
}

struct Lex {
    triggers: Triggers,
    cardinal: FxMap<f64>,
    ordinal: FxMap<f64>,
    denominator: FxMap<f64>,
    scale: FxMap<f64>,
    scale_suffix: FxMap<f64>,
    vague: FxMap<f64>,
    /// (phrase, code), longest first.
    currency_symbol: Vec<(&'static str, &'static str)>,
    currency_symbol_fwd: ByByte<&'static str>,
    currency_symbol_back: ByByte<&'static str>,
    currency_code: FxMap<&'static str>,
    currency_name: ByByte<&'static str>,
    percent: ByByte<&'static str>,
    unit: ByByte<&'static str>,
    qualifier_back: ByByte<QualifierKind>,
    qualifier_fwd: ByByte<QualifierKind>,
    qualifier_after: ByByte<QualifierKind>,
    time_unit: FxSet<String>,
    period_part: FxSet<String>,
    time_filler: FxSet<String>,
    time_suffix: Vec<&'static str>,
    month: FxSet<&'static str>,
    identifier_before: FxSet<&'static str>,
    /// The entries of `identifier_before` that end with a point ("H.R.").
    identifier_abbrev: Vec<&'static str>,
    street_suffix: FxSet<&'static str>,
    not_identifier: FxSet<&'static str>,
    one_pronoun_before: FxSet<String>,
    one_pronoun_after: Vec<&'static str>,
    noun_stop: FxSet<String>,
}

static LEX: LazyLock<Lex> = LazyLock::new(|| {
    let f = rules::file("numbers.rules");
    let valued = |name: &str| -> Vec<(&'static str, &'static str)> {
        f.section(name)
            .map(|e| {
                let (phrase, value) = e
                    .rsplit_once(' ')
                    .unwrap_or_else(|| panic!("rules/numbers.rules [{name}] {e:?}: `phrase value` expected"));
                (phrase.trim(), value)
            })
            .collect()
    };
    let numeric = |name: &str| -> FxMap<f64> {
        valued(name)
            .into_iter()
            .map(|(p, v)| {
                let v: f64 =
                    v.parse().unwrap_or_else(|_| panic!("rules/numbers.rules [{name}] {p:?}: bad number {v:?}"));
                (p.to_ascii_lowercase(), v)
            })
            .collect()
    };
    let longest_first = |mut v: Vec<(&'static str, &'static str)>| {
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        v
    };
    let qualifiers = |name: &str| {
        let mut v: Vec<(&'static str, QualifierKind)> = valued(name)
            .into_iter()
            .map(|(p, k)| {
                let kind = match k {
                    "approx" => QualifierKind::Approx,
                    "gt" => QualifierKind::Gt,
                    "ge" => QualifierKind::Ge,
                    "lt" => QualifierKind::Lt,
                    "le" => QualifierKind::Le,
                    _ => panic!("rules/numbers.rules [{name}] {p:?}: unknown qualifier kind {k:?}"),
                };
                (p, kind)
            })
            .collect();
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        v
    };
    let lower_set = |name: &str| -> FxSet<String> { f.lowercase_set(name).into_iter().collect() };
    let exact_set = |name: &str| -> FxSet<&'static str> { f.section(name).collect() };

    let cardinal = numeric("cardinal");
    let ordinal = numeric("ordinal");
    let denominator = numeric("denominator");
    let scale = numeric("scale");
    let vague = numeric("vague");
    let mut words: Vec<String> = Vec::new();
    for m in [&cardinal, &ordinal, &denominator, &scale, &vague] {
        words.extend(m.keys().cloned());
    }
    let triggers = Triggers::new(&words);
    Lex {
        triggers,
        cardinal,
        ordinal,
        denominator,
        scale,
        scale_suffix: numeric("scale_suffix"),
        vague,
        currency_symbol: longest_first(valued("currency_symbol")),
        currency_symbol_fwd: ByByte::new(&longest_first(valued("currency_symbol")), false),
        currency_symbol_back: ByByte::new(&longest_first(valued("currency_symbol")), true),
        currency_code: valued("currency_code").into_iter().map(|(p, c)| (p.to_ascii_lowercase(), c)).collect(),
        currency_name: ByByte::new(&longest_first(valued("currency_name")), false),
        percent: ByByte::new(&longest_first(valued("percent")), false),
        unit: ByByte::new(&longest_first(valued("unit")), false),
        qualifier_back: ByByte::new(&qualifiers("qualifier"), true),
        qualifier_fwd: ByByte::new(&qualifiers("qualifier"), false),
        qualifier_after: ByByte::new(&qualifiers("qualifier_after"), false),
        time_unit: lower_set("time_unit"),
        period_part: lower_set("period_part"),
        time_filler: lower_set("time_filler"),
        time_suffix: {
            let mut v: Vec<&'static str> = f.section("time_suffix").collect();
            v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            v
        },
        month: exact_set("month"),
        identifier_before: exact_set("identifier_before"),
        identifier_abbrev: f.section("identifier_before").filter(|e| e.ends_with('.')).collect(),
        street_suffix: exact_set("street_suffix"),
        not_identifier: exact_set("not_identifier"),
        one_pronoun_before: lower_set("one_pronoun_before"),
        one_pronoun_after: f.section("one_pronoun_after").collect(),
        noun_stop: lower_set("noun_stop"),
    }
});

// ------------------------------------------------------------ text helpers --

fn is_alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

/// True when `at` starts a word: no letter or digit right before it.
fn starts_word(b: &[u8], at: usize) -> bool {
    at == 0 || !is_alnum(b[at - 1])
}

fn ends_word(b: &[u8], at: usize) -> bool {
    at >= b.len() || !is_alnum(b[at])
}

/// Skips spaces and tabs (not line breaks: a number never spans lines).
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

fn skip_ws_back(b: &[u8], mut i: usize) -> usize {
    while i > 0 && (b[i - 1] == b' ' || b[i - 1] == b'\t') {
        i -= 1;
    }
    i
}

/// The ASCII letter run starting at `i` (possibly empty).
fn letters(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    j
}

/// The word (letters, with inner apostrophes) starting at `i`.
fn word_end(b: &[u8], i: usize) -> usize {
    letters(b, i)
}

/// The start of the letter run ending at `end`.
fn letters_back(b: &[u8], end: usize) -> usize {
    let mut j = end;
    while j > 0 && b[j - 1].is_ascii_alphabetic() {
        j -= 1;
    }
    j
}

/// Where `phrase` ends when it is written at `i` (ASCII case-insensitive; a
/// space in the phrase matches one or more spaces), followed by a word
/// boundary when it ends in a letter or digit.
fn phrase_at(b: &[u8], i: usize, phrase: &str) -> Option<usize> {
    let p = phrase.as_bytes();
    let (mut j, mut k) = (i, 0);
    while k < p.len() {
        if p[k] == b' ' {
            let after = skip_ws(b, j);
            if after == j {
                return None;
            }
            j = after;
            k += 1;
            continue;
        }
        if j >= b.len() || !b[j].eq_ignore_ascii_case(&p[k]) {
            return None;
        }
        j += 1;
        k += 1;
    }
    if is_alnum(p[p.len() - 1]) && !ends_word(b, j) {
        return None;
    }
    Some(j)
}

/// Like [`phrase_at`] but case-sensitive.
fn phrase_at_exact(b: &[u8], i: usize, phrase: &str) -> Option<usize> {
    let end = phrase_at(b, i, phrase)?;
    let p = phrase.as_bytes();
    let mut j = i;
    for &c in p {
        if c == b' ' {
            j = skip_ws(b, j);
            continue;
        }
        if b[j] != c {
            return None;
        }
        j += 1;
    }
    Some(end)
}

/// Where `phrase` starts when it is written right before `end` (ASCII
/// case-insensitive; a space in the phrase matches one or more spaces),
/// preceded by a word boundary when it starts with a letter or digit.
fn phrase_before(b: &[u8], end: usize, phrase: &str) -> Option<usize> {
    let p = phrase.as_bytes();
    let mut j = end;
    let mut k = p.len();
    while k > 0 {
        if p[k - 1] == b' ' {
            let before = skip_ws_back(b, j);
            if before == j {
                return None;
            }
            j = before;
            k -= 1;
            continue;
        }
        if j == 0 || !b[j - 1].eq_ignore_ascii_case(&p[k - 1]) {
            return None;
        }
        j -= 1;
        k -= 1;
    }
    if is_alnum(p[0]) && !starts_word(b, j) {
        return None;
    }
    Some(j)
}

/// An ASCII-lowercased copy of a short word, on the stack: lookups in the
/// hot path allocate nothing. Longer words come out empty (no rule word is
/// that long).
#[derive(Clone, Copy)]
struct Lw {
    buf: [u8; 24],
    len: u8,
}

impl Lw {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len as usize]).unwrap_or("")
    }
}

impl std::ops::Deref for Lw {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lw {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

fn lower(s: &str) -> Lw {
    let mut buf = [0u8; 24];
    if s.len() > buf.len() {
        return Lw { buf, len: 0 };
    }
    for (d, c) in buf.iter_mut().zip(s.bytes()) {
        *d = c.to_ascii_lowercase();
    }
    Lw { buf, len: s.len() as u8 }
}

// ------------------------------------------------------------------ parse --

enum Outcome {
    Item(Number),
    /// Not a number; nothing before this offset is read again.
    Skip(usize),
}

struct Cx<'a> {
    text: &'a str,
    b: &'a [u8],
    lex: &'a Lex,
    /// The end of the previous item: look-backs stop here.
    floor: usize,
}

/// A number phrase before its suffixes: "2,500", "1.5 million", "twenty-five".
#[derive(Clone, Copy, Debug)]
struct Core {
    start: usize,
    end: usize,
    value: f64,
    kind: NumberKind,
    /// A vague magnitude ("hundreds"): no value.
    vague: bool,
    /// Digits of a plain integer written without separators ("2014" → 4).
    plain_digits: usize,
    /// Written in digits (as opposed to words).
    numeral: bool,
    /// A scale word or suffix multiplied the value.
    scale: Option<f64>,
    rule: &'static str,
}

/// A single quantity with its prefixes and suffixes.
#[derive(Clone, Copy, Debug)]
struct Quant {
    core: Core,
    start: usize,
    end: usize,
    kind: NumberKind,
    value: Option<f64>,
    unit: Option<Unit>,
    /// A currency, percent sign or unit came with the number.
    marked: bool,
    rule: &'static str,
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Last {
    None,
    Article,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    Digits,
}

impl<'a> Cx<'a> {
    fn word(&self, i: usize) -> &'a str {
        &self.text[i..word_end(self.b, i)]
    }

    fn lower_word(&self, i: usize) -> Lw {
        lower(self.word(i))
    }

    /// The word at `i` with hyphenated parts ("ninety-six"), lowercased.
    fn lower_word_hyphenated(&self, i: usize) -> Lw {
        let b = self.b;
        let mut e = word_end(b, i);
        while e > i && b.get(e) == Some(&b'-') && word_end(b, e + 1) > e + 1 {
            e = word_end(b, e + 1);
        }
        lower(&self.text[i..e])
    }

    /// The word ending right before `end` (after spaces), as (start, end).
    fn word_before(&self, end: usize) -> Option<(usize, usize)> {
        let e = skip_ws_back(self.b, end);
        let s = letters_back(self.b, e);
        (s < e && s >= self.floor).then_some((s, e))
    }

    fn item(&mut self, at: usize) -> Outcome {
        let first = match self.quant(at) {
            Ok(q) => q,
            Err(end) => return Outcome::Skip(end),
        };
        if let Some(end) = self.not_a_number(&first) {
            return Outcome::Skip(end);
        }
        // A range: "between A and B", "from A to B", "A to B", "A-B".
        let mut q = first;
        let mut range: Option<(f64, f64)> = None;
        if let Some((second, lead)) = self.range_end(&first) {
            // A range of years ("2010-2015", "2023-24") or of durations is the date pass's.
            let dash_year = second.core.plain_digits == 2
                && matches!(&self.text[first.end..second.core.start], "-" | "–" | "—" | "/");
            if is_year(&first) && (is_year(&second) || dash_year) {
                return Outcome::Skip(second.end);
            }
            // "646-3272": a phone number.
            if first.core.plain_digits == 3 && second.core.plain_digits == 4 && self.b.get(first.end) == Some(&b'-') {
                return Outcome::Skip(second.end);
            }
            if self.time_unit_after(second.end).is_some() {
                return Outcome::Skip(second.end);
            }
            let (Some(mut l), Some(h)) = (first.value, second.value) else {
                return Outcome::Skip(second.end);
            };
            if first.core.scale.is_none() {
                if let Some(s) = second.core.scale {
                    if l * s <= h {
                        l *= s;
                    }
                }
            }
            range = Some((l.min(h), l.max(h)));
            q = Quant {
                core: first.core,
                start: lead.unwrap_or(first.start),
                end: second.end,
                kind: NumberKind::Range,
                value: None,
                unit: second.unit.or(first.unit),
                marked: first.marked || second.marked,
                rule: "range",
            };
        }
        let before = self.qualifier_before(q.start);
        let after = self.qualifier_after(q.end);
        let mut qualifier = match (before, after) {
            (Some(b), Some(a)) if b.kind == QualifierKind::Approx => Some(a),
            (b, a) => b.or(a),
        };
        // "more than 10 and less than 40": two bounds make one range.
        if range.is_none() {
            if let (Some(qb), Some(v)) = (qualifier, q.value) {
                if qb.span.end <= q.start {
                    if let Some((end, other, kind2)) = self.second_bound(q.end) {
                        let lower_first = matches!(qb.kind, QualifierKind::Gt | QualifierKind::Ge);
                        let lower_second = matches!(kind2, QualifierKind::Gt | QualifierKind::Ge);
                        let (lo, hi) = if lower_first { (v, other) } else { (other, v) };
                        if lower_first != lower_second
                            && kind2 != QualifierKind::Approx
                            && qb.kind != QualifierKind::Approx
                            && lo < hi
                        {
                            range = Some((lo, hi));
                            q.start = qb.span.start;
                            q.end = end;
                            q.kind = NumberKind::Range;
                            q.rule = "range-bounds";
                            qualifier = None;
                        }
                    }
                }
            }
        }
        if q.kind != NumberKind::Range && is_year(&q) && qualifier.is_none() {
            // A year unless a plural noun follows ("2000 people").
            let n = skip_ws(self.b, q.end);
            let noun = (n > q.end).then(|| self.noun_word(n)).flatten();
            if noun.is_none_or(|e| !plural(&self.text[n..e])) {
                return Outcome::Skip(q.end);
            }
        }
        let unit = q.unit.or_else(|| match q.kind {
            NumberKind::Cardinal | NumberKind::Range | NumberKind::Fraction => {
                self.counted_noun(q.end, q.core.vague).map(Unit::Noun)
            }
            _ => None,
        });
        let (low, high) = range.map_or((None, None), |(l, h)| (Some(tidy(l)), Some(tidy(h))));
        Outcome::Item(Number {
            span: Span::new(q.start, q.end),
            kind: q.kind,
            value: if q.kind == NumberKind::Range { None } else { q.value.map(tidy) },
            low,
            high,
            qualifier,
            unit,
            rule: q.rule,
        })
    }

    // ------------------------------------------------------------ cores --

    /// The quantity at trigger `at` with its currency, sign and suffixes, or
    /// the end of text that is no number.
    fn quant(&self, at: usize) -> Result<Quant, usize> {
        let b = self.b;
        let core = self.core(at)?;
        let mut start = core.start;
        let mut q = Quant {
            core,
            start,
            end: core.end,
            kind: core.kind,
            value: (!core.vague).then_some(core.value),
            unit: None,
            marked: false,
            rule: core.rule,
        };
        // A sign or "minus" before digits.
        if core.numeral && start > 0 && (b[start - 1] == b'-') {
            let before = start - 1;
            if before == 0 || matches!(b[before - 1], b' ' | b'(' | b'$' | b'<' | b'>' | b'=' | b'~') {
                start = before;
                q.value = q.value.map(|v| -v);
            }
        }
        for w in ["minus ", "negative "] {
            if let Some(s) = phrase_before(b, start, w) {
                if s >= self.floor {
                    start = s;
                    q.value = q.value.map(|v| -v);
                    break;
                }
            }
        }
        // Currency before the amount: "$", "US$", "£ ", "EUR ", "Rs. ".
        if core.numeral {
            if let Some((s, code)) = self.currency_before(start) {
                q.start = s;
                q.kind = NumberKind::Money;
                q.unit = Some(Unit::Name(code));
                q.marked = true;
                q.rule = "money";
                start = s;
            }
        }
        q.start = start;
        if q.kind == NumberKind::Ordinal || core.vague {
            return Ok(q);
        }
        // Suffixes: percent, currency names, units.
        let after = skip_ws(b, q.end);
        let glued = after == q.end;
        if q.kind != NumberKind::Money {
            for &(p, name) in self.lex.percent.at(b.get(after)) {
                if p == "%" && (glued || after == q.end + 1) && b.get(after) == Some(&b'%') {
                    if b.get(after + 1).is_some_and(|&c| is_alnum(c)) {
                        return Err(self.alnum_end(after + 1));
                    }
                    return Ok(self.mark(q, after + 1, NumberKind::Percent, Unit::Name("percent"), "percent"));
                }
                if p != "%" && !glued {
                    if let Some(e) = phrase_at(b, after, p) {
                        let name = if name == "percentage_point" { "percentage points" } else { name };
                        return Ok(self.mark(q, e, NumberKind::Percent, Unit::Name(name), "percent"));
                    }
                }
            }
            if let Some((e, code)) = self.currency_after(q.end) {
                let mut m = self.mark(q, e, NumberKind::Money, Unit::Name(code), "money");
                if let Some((ce, cents)) = self.cents_after(e) {
                    m.end = ce;
                    m.value = m.value.map(|v| v + cents / 100.0);
                }
                return Ok(m);
            }
        } else if let Some(e) = phrase_at(b, after, "dollars").or_else(|| phrase_at(b, after, "dollar")) {
            // "$ 10 dollars"
            q.end = e;
        }
        if q.kind != NumberKind::Money {
            if let Some((e, name)) = self.unit_after(q.end) {
                return Ok(self.mark(q, e, NumberKind::Quantity, Unit::Name(name), "unit"));
            }
        }
        Ok(q)
    }

    /// "dollars 50 cents", "dollars and forty-five cents", "dollars 50":
    /// the cents after a currency name.
    fn cents_after(&self, end: usize) -> Option<(usize, f64)> {
        let b = self.b;
        let name = &self.text[letters_back(b, end)..end];
        if !matches!(lower(name).as_str(), "dollars" | "dollar" | "usd") {
            return None;
        }
        let mut n = skip_ws(b, end);
        if n == end {
            return None;
        }
        if let Some(e) = phrase_at(b, n, "and") {
            n = skip_ws(b, e);
        }
        if n >= b.len() {
            return None;
        }
        let (e, v) = if b[n].is_ascii_digit() {
            let (e, v, p) = scan_numeral(b, n);
            if p == 0 || p > 2 || !ends_word(b, e) {
                return None;
            }
            (e, v)
        } else {
            let w = self.lower_word(n);
            if !self.lex.cardinal.contains_key(w.as_str()) {
                return None;
            }
            let c = self.words_phrase(n, None).ok()?;
            if c.kind != NumberKind::Cardinal || c.value >= 100.0 {
                return None;
            }
            (c.end, c.value)
        };
        let m = skip_ws(b, e);
        let e = phrase_at(b, m, "cents").or_else(|| phrase_at(b, m, "cent")).unwrap_or(e);
        // A bare number after "dollars" must end the phrase: "15 dollars 50."
        if e == skip_ws(b, e) && b.get(e).is_some_and(|&c| is_alnum(c)) {
            return None;
        }
        let next = skip_ws(b, e);
        if next < b.len()
            && b[next].is_ascii_alphanumeric()
            && phrase_at(b, m, "cent").is_none()
            && phrase_at(b, m, "cents").is_none()
        {
            // "three thousand dollars two hundred times"
            return None;
        }
        Some((e, v))
    }

    fn mark(&self, mut q: Quant, end: usize, kind: NumberKind, unit: Unit, rule: &'static str) -> Quant {
        q.end = end;
        q.kind = kind;
        q.unit = Some(unit);
        q.marked = true;
        q.rule = rule;
        q
    }

    /// The number phrase at `at`: digits or words with scales and fractions.
    fn core(&self, at: usize) -> Result<Core, usize> {
        let b = self.b;
        if b[at].is_ascii_digit() {
            return self.numeral_phrase(at);
        }
        if let Some(&(sym, v)) = VULGAR.iter().find(|(sym, _)| self.text[at..].starts_with(sym)) {
            return Ok(Core {
                start: at,
                end: at + sym.len(),
                value: v,
                kind: NumberKind::Fraction,
                vague: false,
                plain_digits: 0,
                numeral: true,
                scale: None,
                rule: "fraction",
            });
        }
        let w = self.lower_word(at);
        // Vague magnitudes: "hundreds", "tens of thousands".
        if self.lex.vague.contains_key(w.as_str()) && !self.after_number(at) {
            let mut end = at + w.len();
            if let Some(of) = phrase_at(b, skip_ws(b, end), "of") {
                let n = skip_ws(b, of);
                let w2 = self.lower_word(n);
                if self.lex.vague.contains_key(w2.as_str()) && w2 != "tens" && w2 != "dozens" && w2 != "scores" {
                    end = n + w2.len();
                }
            }
            if end == at + w.len() && (w == "tens" || w == "scores") {
                return Err(end);
            }
            return Ok(Core {
                start: at,
                end,
                value: 0.0,
                kind: NumberKind::Cardinal,
                vague: true,
                plain_digits: 0,
                numeral: false,
                scale: None,
                rule: "vague",
            });
        }
        // "a dozen", "a third", "a hundred": the article belongs to the number.
        let article = self
            .word_before(at)
            .filter(|&(s, e)| matches!(lower(&self.text[s..e]).as_str(), "a" | "an") && e + 1 >= at.saturating_sub(1))
            .map(|(s, _)| s);
        self.words_phrase(at, article)
    }

    /// True when a number ends right before `at` ("3 dozens").
    fn after_number(&self, at: usize) -> bool {
        let e = skip_ws_back(self.b, at);
        e > 0 && e < at && self.b[e - 1].is_ascii_digit()
    }

    /// Digits at `at`: separators, decimals, fractions, glued suffixes, then
    /// scale words.
    fn numeral_phrase(&self, at: usize) -> Result<Core, usize> {
        let b = self.b;
        // Letters glued before the digits: an identifier ("A1", "MH17"),
        // unless they are a currency code ("USD115").
        if at > 0 && b[at - 1].is_ascii_alphabetic() {
            let s = letters_back(b, at);
            let code = &self.text[s..at];
            let is_code = code.len() == 3 && code.bytes().all(|c| c.is_ascii_uppercase());
            if !(is_code && self.lex.currency_code.contains_key(lower(code).as_str())) {
                return Err(self.alnum_end(at));
            }
        }
        // A word and a hyphen before: "Covid-19", "F-16", "mid-2022".
        if at > 1 && b[at - 1] == b'-' && b[at - 2].is_ascii_alphabetic() {
            return Err(self.alnum_end(at));
        }
        // Exponents and codes: "km^3", "fb−1", "J1149.5+6663".
        if at > 0 && matches!(b[at - 1], b'^' | b'+') && at > 1 && is_alnum(b[at - 2]) {
            return Err(self.alnum_end(at));
        }
        if self.text[..at].ends_with('\u{2212}') && at > 3 && b[at - 4].is_ascii_alphabetic() {
            return Err(self.alnum_end(at));
        }
        // Footnote marks and bracketed references: "[3]".
        if at > 0 && b[at - 1] == b'[' {
            let e = digits_end(b, at);
            if b.get(e) == Some(&b']') {
                return Err(e + 1);
            }
        }
        // ".25" when a point starts the number.
        let start = if at > 0 && b[at - 1] == b'.' && (at < 2 || !is_alnum(b[at - 2])) { at - 1 } else { at };
        let (mut end, mut value, plain) = scan_numeral(b, start);
        let mut kind = NumberKind::Cardinal;
        let mut scale = None;
        let mut rule = "digits";
        // Apostrophe decades: "'90s" is caught by the glued "s" below.
        match b.get(end) {
            Some(b':') if b.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                // A clock time or a score: "10:30", "3:2".
                return Err(self.alnum_end(end + 1));
            }
            Some(b'/') if b.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                let (e2, den, _) = scan_numeral(b, end + 1);
                if b.get(e2) == Some(&b'/') || (b.get(e2).is_some_and(|&c| is_alnum(c))) {
                    return Err(self.alnum_end(e2 + 1));
                }
                let ok = matches!(den as u64, 2 | 3 | 4 | 8 | 10 | 16 | 32 | 40 | 64 | 100) && value < den;
                if !ok || plain == 0 {
                    return Err(e2);
                }
                value /= den;
                end = e2;
                kind = NumberKind::Fraction;
                rule = "fraction";
            }
            Some(b'-') if b.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                // Three or more groups joined by hyphens: a phone number or code.
                let e2 = digits_end(b, end + 1);
                if b.get(e2) == Some(&b'-') && b.get(e2 + 1).is_some_and(u8::is_ascii_digit) {
                    return Err(self.alnum_end(e2 + 1));
                }
            }
            Some(b'.') if b.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                // "192.168.1.2", "1.2.3": versions and addresses.
                return Err(self.alnum_end(end + 1));
            }
            _ => {}
        }
        // A mixed number: "2 1/2", "10 1/2 miles".
        if kind == NumberKind::Cardinal && plain > 0 {
            let s = skip_ws(b, end);
            if s > end && b.get(s).is_some_and(u8::is_ascii_digit) {
                let (e1, num, p1) = scan_numeral(b, s);
                if p1 > 0 && b.get(e1) == Some(&b'/') && b.get(e1 + 1).is_some_and(u8::is_ascii_digit) {
                    let (e2, den, p2) = scan_numeral(b, e1 + 1);
                    if p2 > 0 && num < den && den > 0.0 && !b.get(e2).is_some_and(|&c| is_alnum(c) || c == b'/') {
                        value += num / den;
                        end = e2;
                        kind = NumberKind::Fraction;
                        rule = "fraction";
                    }
                }
            }
        }
        let mut plain_digits = plain;
        // Letters glued after the digits.
        if kind == NumberKind::Cardinal && b.get(end).is_some_and(u8::is_ascii_alphabetic) {
            let le = letters(b, end);
            let suffix = &self.text[end..le];
            let ls = lower(suffix);
            let alnum_after = b.get(le).is_some_and(u8::is_ascii_digit);
            if matches!(ls.as_str(), "st" | "nd" | "rd" | "th") && plain > 0 && !alnum_after {
                return Ok(Core {
                    start,
                    end: le,
                    value,
                    kind: NumberKind::Ordinal,
                    vague: false,
                    plain_digits: 0,
                    numeral: true,
                    scale: None,
                    rule: "ordinal",
                });
            }
            if ls == "s" && (plain == 4 || plain == 2) {
                return Err(le); // decades: "1990s", "'90s"
            }
            if self.lex.time_suffix.iter().any(|t| t.eq_ignore_ascii_case(suffix)) {
                return Err(le);
            }
            if ls == "x" && alnum_after && self.text[le..].starts_with("10^") {
                // "1.3x10^6", "6.23x10^-4"
                let mut j = le + 3;
                let neg = b.get(j) == Some(&b'-');
                if neg {
                    j += 1;
                }
                let e2 = digits_end(b, j);
                let exp: f64 = self.text[j..e2].parse().unwrap_or(0.0);
                value *= 10f64.powf(if neg { -exp } else { exp });
                end = e2;
                plain_digits = 0;
            } else if ls == "e" && alnum_after {
                let e2 = digits_end(b, le);
                let exp: f64 = self.text[le..e2].parse().unwrap_or(0.0);
                value *= 10f64.powf(exp);
                end = e2;
                plain_digits = 0;
            } else if let Some(&s) = self.lex.scale_suffix.get(ls.as_str()).filter(|_| !alnum_after) {
                // "m" is a million after money or before a noun, else a metre.
                if suffix == "m" && !self.m_is_million(start, le) {
                    // leave it to the unit suffix
                } else {
                    value *= s;
                    scale = Some(s);
                    end = le;
                    plain_digits = 0;
                    rule = "scale";
                }
            } else if alnum_after || (!self.is_unit_or_currency(end) && !ls.eq_ignore_ascii_case("MM") && ls != "x") {
                return Err(self.alnum_end(end));
            } else if ls == "mm" && suffix == "MM" {
                value *= 1e6;
                scale = Some(1e6);
                end = le;
                plain_digits = 0;
            }
        }
        let mut core = Core { start, end, value, kind, vague: false, plain_digits, numeral: true, scale, rule };
        if kind == NumberKind::Cardinal && scale.is_none() {
            self.extend_words(&mut core, Last::Digits);
        }
        // "1 in 5"
        self.ratio(&mut core);
        Ok(core)
    }

    fn m_is_million(&self, start: usize, le: usize) -> bool {
        if self.currency_before(start).is_some() {
            return true;
        }
        let n = skip_ws(self.b, le);
        if n == le {
            return false;
        }
        let w = self.lower_word(n);
        !w.is_empty()
            && self.b[n].is_ascii_lowercase()
            && !matches!(w.as_str(), "tall" | "long" | "high" | "wide" | "deep" | "away" | "above" | "below")
    }

    fn is_unit_or_currency(&self, at: usize) -> bool {
        self.unit_after(at).is_some() || self.currency_after(at).is_some()
    }

    /// The end of the run of letters, digits and joiners from `at`.
    fn alnum_end(&self, at: usize) -> usize {
        let b = self.b;
        let mut j = at.min(b.len());
        while j < b.len()
            && (is_alnum(b[j])
                || (matches!(b[j], b'-' | b'.' | b'/' | b':') && b.get(j + 1).is_some_and(|&c| is_alnum(c))))
        {
            j += 1;
        }
        j
    }

    /// Number words from `at` (with an article before), then scales.
    fn words_phrase(&self, at: usize, article: Option<usize>) -> Result<Core, usize> {
        let b = self.b;
        let w = self.lower_word(at);
        let wend = at + w.len();
        let start = article.unwrap_or(at);
        let lex = self.lex;
        // "half": 0.5, "half a dozen", "half a million", "half million".
        if w == "half" && article.is_none() {
            let n = skip_ws(b, wend);
            let mut end = wend;
            let mut value = 0.5;
            let mut kind = NumberKind::Fraction;
            let mut scale = None;
            let a = phrase_at(b, n, "a").map(|e| skip_ws(b, e)).unwrap_or(n);
            let w2 = self.lower_word(a);
            if let Some(&s) = lex.scale.get(w2.as_str()).filter(|_| !w2.ends_with('s')) {
                value = 0.5 * s;
                end = a + w2.len();
                kind = NumberKind::Cardinal;
                scale = Some(s);
            } else if b.get(wend) == Some(&b'-') {
                return Err(self.alnum_end(wend));
            } else if let Some((ps, pe)) = self.word_before(at) {
                let p = lower(&self.text[ps..pe]);
                if matches!(p.as_str(), "the" | "first" | "second" | "other" | "latter" | "back" | "and") {
                    return Err(wend);
                }
            }
            return Ok(Core {
                start,
                end,
                value,
                kind,
                vague: false,
                plain_digits: 0,
                numeral: false,
                scale,
                rule: "words",
            });
        }
        if article.is_some() {
            // "a third", "a quarter": a fraction unless a noun follows ("a third term").
            if let Some(&den) = lex.denominator.get(w.as_str()) {
                if !w.ends_with('s') {
                    let mut core = Core {
                        start,
                        end: wend,
                        value: 1.0 / den,
                        kind: NumberKind::Fraction,
                        vague: false,
                        plain_digits: 0,
                        numeral: false,
                        scale: None,
                        rule: "fraction",
                    };
                    if self.fraction_of_scale(&mut core) {
                        return Ok(core);
                    }
                    let n = skip_ws(b, wend);
                    let next = self.lower_word(n);
                    if !next.is_empty() && !lex.noun_stop.contains(next.as_str()) {
                        if let Some(&o) = lex.ordinal.get(w.as_str()) {
                            return Ok(Core {
                                start: at,
                                value: o,
                                kind: NumberKind::Ordinal,
                                rule: "ordinal",
                                ..core
                            });
                        }
                        return Err(wend);
                    }
                    return Ok(core);
                }
            }
            if !lex.scale.contains_key(w.as_str()) || w.ends_with('s') {
                return self.words_phrase(at, None);
            }
        }
        // Ordinals on their own: "first", "second", "twentieth".
        if let Some(&o) = lex.ordinal.get(w.as_str()) {
            if article.is_none() {
                return Ok(Core {
                    start: at,
                    end: wend,
                    value: o,
                    kind: NumberKind::Ordinal,
                    vague: false,
                    plain_digits: 0,
                    numeral: false,
                    scale: None,
                    rule: "ordinal",
                });
            }
        }
        let mut core = Core {
            start,
            end: start,
            value: 0.0,
            kind: NumberKind::Cardinal,
            vague: false,
            plain_digits: 0,
            numeral: false,
            scale: None,
            rule: "words",
        };
        let last = if article.is_some() {
            core.value = 1.0;
            Last::Article
        } else {
            Last::None
        };
        self.extend_words(&mut core, last);
        if core.end == core.start {
            return Err(wend);
        }
        if core.kind == NumberKind::Cardinal {
            self.ratio(&mut core);
        }
        Ok(core)
    }

    /// Continues a number with words: "hundred", "and six", "million",
    /// "two thirds", "and a half", "point five", "twenty-first".
    fn extend_words(&self, core: &mut Core, mut last: Last) {
        let b = self.b;
        let lex = self.lex;
        // total: finished scale groups; cur: the group being read.
        let (mut total, mut cur) = (0.0, core.value);
        let mut pos = if last == Last::Digits || last == Last::Article {
            if last == Last::Article {
                // the article's word end
                word_end(b, core.start)
            } else {
                core.end
            }
        } else {
            core.start
        };
        let mut end = core.end;
        let mut max_scale = f64::INFINITY;
        loop {
            // The next word: after spaces, or after a hyphen inside a spelled number.
            let mut n = skip_ws(b, pos);
            let hyphen = n == pos
                && b.get(pos) == Some(&b'-')
                && (last == Last::Tens
                    || matches!(last, Last::Unit | Last::Teen)
                        && lex.denominator.contains_key(self.lower_word(pos + 1).as_str()));
            if hyphen {
                n = pos + 1;
            } else if n == pos && pos != core.start {
                break;
            }
            if n >= b.len() {
                break;
            }
            if b[n].is_ascii_digit() {
                // digits after a scale: "4 thousand 3 hundred"
                if last == Last::Scale && max_scale >= 1000.0 {
                    let (e, v, p) = scan_numeral(b, n);
                    if p > 0 && p <= 3 && !b.get(e).is_some_and(|&c| is_alnum(c) || c == b'/' || c == b'.') {
                        let nn = skip_ws(b, e);
                        let w = self.lower_word(nn);
                        if lex.scale.get(w.as_str()).is_some_and(|&s| s < max_scale) && !w.ends_with('s') {
                            cur = v;
                            pos = e;
                            end = e;
                            last = Last::Digits;
                            continue;
                        }
                    }
                }
                break;
            }
            let w = self.lower_word(n);
            if w.is_empty() {
                break;
            }
            let wend = n + w.len();
            if w == "and" {
                // Only when a number follows that can continue this one.
                if !matches!(last, Last::Hundred | Last::Scale | Last::Digits | Last::Unit | Last::Teen | Last::Tens) {
                    break;
                }
                let m = skip_ws(b, wend);
                let w2 = self.lower_word(m);
                let after_group = matches!(last, Last::Hundred | Last::Scale);
                // "and a half", "and one quarter", "and three quarters"
                let mut with = cur;
                if let Some(fe) = self.and_fraction(m, &mut with) {
                    pos = fe;
                    end = fe;
                    if last == Last::Scale {
                        // "3 million and a half"; "one billion and a half million"
                        let m2 = skip_ws(b, fe);
                        let w3 = self.lower_word(m2);
                        let smaller =
                            lex.scale.get(w3.as_str()).filter(|&&s| s >= 1000.0 && s < max_scale && !w3.ends_with('s'));
                        if let Some(&s2) = smaller {
                            total += (with - cur) * s2;
                            pos = m2 + w3.len();
                            end = pos;
                        } else {
                            total += (with - cur) * max_scale;
                        }
                        max_scale = 0.0;
                    } else {
                        cur = with;
                        last = Last::Unit;
                    }
                    core.kind = NumberKind::Cardinal;
                    continue;
                }
                if after_group && (lex.cardinal.get(w2.as_str()).is_some_and(|&v| v > 0.0)) {
                    pos = wend;
                    continue;
                }
                // "3 hundred and 21"
                if after_group && m < b.len() && b[m].is_ascii_digit() {
                    let (e, v, p) = scan_numeral(b, m);
                    let limit = if last == Last::Hundred { 100.0 } else { max_scale };
                    if p > 0 && p <= 3 && v < limit && ends_word(b, e) {
                        cur += v;
                        pos = e;
                        end = e;
                        last = Last::Teen;
                        continue;
                    }
                }
                break;
            }
            if w == "point" && matches!(last, Last::Unit | Last::Teen | Last::Tens | Last::Hundred) {
                // decimals: "two hundred point zero three"
                let mut digits = String::new();
                let mut p = wend;
                loop {
                    let m = skip_ws(b, p);
                    if m == p {
                        break;
                    }
                    let w2 = self.lower_word(m);
                    match lex.cardinal.get(w2.as_str()) {
                        Some(&v) if v < 20.0 => {
                            digits.push_str(&(v as u64).to_string());
                            p = m + w2.len();
                        }
                        _ => break,
                    }
                }
                if digits.is_empty() {
                    break;
                }
                let frac: f64 = format!("0.{digits}").parse().unwrap_or(0.0);
                cur += frac;
                end = p;
                pos = p;
                last = Last::Scale; // nothing may follow
                max_scale = 0.0;
                continue;
            }
            if let Some(&v) = lex.cardinal.get(w.as_str()) {
                let ok = match last {
                    Last::None => true,
                    Last::Tens => v < 10.0 && v > 0.0,
                    Last::Hundred => v < 100.0,
                    Last::Scale => v < max_scale,
                    _ => false,
                };
                if !ok {
                    break;
                }
                cur += v;
                last = if v >= 20.0 && v % 10.0 == 0.0 {
                    Last::Tens
                } else if v >= 10.0 {
                    Last::Teen
                } else {
                    Last::Unit
                };
                pos = wend;
                end = wend;
                continue;
            }
            if w == "hundred"
                && matches!(last, Last::None | Last::Article | Last::Unit | Last::Teen | Last::Tens | Last::Digits)
            {
                cur = if cur == 0.0 { 100.0 } else { cur * 100.0 };
                last = Last::Hundred;
                pos = wend;
                end = wend;
                core.plain_digits = 0;
                continue;
            }
            if let Some(&s) = lex.scale.get(w.as_str()).or_else(|| {
                if hyphen || w.len() < 2 || matches!(w.as_str(), "mil") {
                    None
                } else {
                    lex.scale_suffix.get(w.as_str())
                }
            }) {
                let plural_vague = w.ends_with('s') && lex.vague.contains_key(w.as_str());
                if plural_vague && !matches!(last, Last::Digits | Last::Unit | Last::Teen | Last::Tens) {
                    break;
                }
                if matches!(last, Last::None) || s >= max_scale {
                    break;
                }
                let base = if cur == 0.0 { 1.0 } else { cur };
                if s < 1000.0 {
                    // "dozen": multiplies the group like "hundred"
                    cur = base * s;
                    last = Last::Hundred;
                } else {
                    total += base * s;
                    cur = 0.0;
                    max_scale = s;
                    last = Last::Scale;
                }
                core.scale = Some(core.scale.map_or(s, |x: f64| x.max(s)));
                core.plain_digits = 0;
                pos = wend;
                end = wend;
                continue;
            }
            // Fractions: "two thirds", "one half", "three quarters".
            if let Some(&den) = lex.denominator.get(w.as_str()) {
                let plural = w.ends_with('s');
                let ok = matches!(last, Last::Unit | Last::Teen | Last::Tens | Last::Digits)
                    && total == 0.0
                    && (plural && cur > 1.0 || !plural && cur == 1.0);
                if ok && !(last == Last::Digits) {
                    cur /= den;
                    core.kind = NumberKind::Fraction;
                    core.rule = "fraction";
                    end = wend;
                    let mut c = Core { value: cur, end, ..*core };
                    if self.fraction_of_scale(&mut c) {
                        cur = c.value;
                        end = c.end;
                    }
                    break;
                }
                if !(lex.ordinal.contains_key(w.as_str()) && last == Last::Tens && hyphen) {
                    break;
                }
            }
            // Compound ordinals: "twenty-first", "one hundred and third".
            if let Some(&o) = lex.ordinal.get(w.as_str()) {
                if o >= 100.0 && matches!(last, Last::Unit | Last::Teen | Last::Tens | Last::Hundred) {
                    // "two hundredth"
                    cur *= o;
                    core.kind = NumberKind::Ordinal;
                    core.rule = "ordinal";
                    end = wend;
                } else if (last == Last::Tens && o < 10.0) || last == Last::None {
                    cur += o;
                    core.kind = NumberKind::Ordinal;
                    core.rule = "ordinal";
                    end = wend;
                }
                break;
            }
            break;
        }
        if end > core.end || last != Last::Digits {
            core.end = end;
            core.value = total + cur;
        }
        if last == Last::Article && core.end == core.start {
            // a bare article
            core.end = core.start;
        }
    }

    /// "and a half" / "and one quarter" / "and three quarters" at `at`
    /// (after "and"): adds the fraction to `cur`, returns its end.
    fn and_fraction(&self, at: usize, cur: &mut f64) -> Option<usize> {
        let b = self.b;
        let w = self.lower_word(at);
        let num = match w.as_str() {
            "a" | "an" => 1.0,
            _ => *self.lex.cardinal.get(w.as_str()).filter(|&&v| v > 0.0 && v < 10.0)?,
        };
        let m = skip_ws(b, at + w.len());
        let d = self.lower_word(m);
        let den = *self.lex.denominator.get(d.as_str())?;
        if (num == 1.0) == d.ends_with('s') || num >= den {
            return None;
        }
        *cur += num / den;
        Some(m + d.len())
    }

    /// "two thirds of a million", "a quarter million": multiplies a fraction.
    fn fraction_of_scale(&self, core: &mut Core) -> bool {
        let b = self.b;
        let mut n = skip_ws(b, core.end);
        if let Some(e) = phrase_at(b, n, "of a") {
            n = skip_ws(b, e);
        }
        let w = self.lower_word(n);
        match self.lex.scale.get(w.as_str()) {
            Some(&s) if s >= 1000.0 && !w.ends_with('s') => {
                core.value *= s;
                core.end = n + w.len();
                core.kind = NumberKind::Cardinal;
                core.scale = Some(s);
                true
            }
            _ => false,
        }
    }

    /// "1 in 5", "one in five": a ratio when the first is the smaller.
    fn ratio(&self, core: &mut Core) {
        if core.kind != NumberKind::Cardinal || core.scale.is_some() {
            return;
        }
        let b = self.b;
        let n = skip_ws(b, core.end);
        let Some(e) = phrase_at(b, n, "in") else { return };
        let m = skip_ws(b, e);
        if m == e || m >= b.len() {
            return;
        }
        let second = if b[m].is_ascii_digit() {
            let (e2, v, p) = scan_numeral(b, m);
            (p > 0 && p < 4 && ends_word(b, e2)).then_some((e2, v))
        } else {
            let w = self.lower_word(m);
            self.lex.cardinal.get(w.as_str()).map(|&v| (m + w.len(), v))
        };
        if let Some((e2, den)) = second {
            if core.value >= 1.0 && core.value < den && self.time_unit_after(e2).is_none() {
                core.value /= den;
                core.end = e2;
                core.kind = NumberKind::Fraction;
                core.rule = "ratio";
            }
        }
    }

    // ---------------------------------------------------- prefixes, suffixes --

    /// A currency symbol or code right before `start`: (its start, ISO code).
    fn currency_before(&self, start: usize) -> Option<(usize, &'static str)> {
        let b = self.b;
        let e = skip_ws_back(b, start);
        if e + 2 < start || e < self.floor.max(1) {
            return None;
        }
        for &(sym, code) in self.lex.currency_symbol_back.at(e.checked_sub(1).and_then(|i| b.get(i))) {
            if let Some(s) = phrase_before(b, e, sym) {
                if s < self.floor {
                    continue;
                }
                // A letter prefix with a space before "$": "us $", "c $".
                if sym == "$" {
                    let p = skip_ws_back(b, s);
                    if p < s {
                        for &(sym2, code2) in &self.lex.currency_symbol {
                            if let Some(pre) =
                                sym2.strip_suffix('$').filter(|p| matches!(*p, "US" | "C" | "U.S" | "U.S."))
                            {
                                if let Some(s2) = phrase_before(b, p, pre) {
                                    if s2 >= self.floor {
                                        return Some((s2, code2));
                                    }
                                }
                            }
                        }
                    }
                }
                return Some((s, code));
            }
        }
        // A code or short name: "EUR 125", "USD115", "Rs. 5".
        let mut e2 = e;
        if e2 > 0 && b[e2 - 1] == b'.' {
            e2 -= 1;
        }
        let s = letters_back(b, e2);
        if s < e2 && s >= self.floor {
            let w = &self.text[s..e2];
            let is_case =
                w.bytes().all(|c| c.is_ascii_uppercase()) || w.bytes().all(|c| c.is_ascii_lowercase()) || w == "Rs";
            if is_case {
                if let Some(&code) = self.lex.currency_code.get(lower(w).as_str()) {
                    return Some((s, code));
                }
            }
        }
        None
    }

    /// A currency after the amount: "rupees", "australian dollars", "USD", "€".
    fn currency_after(&self, end: usize) -> Option<(usize, &'static str)> {
        let b = self.b;
        if b.get(end) == Some(&b'-') && b.get(end + 1).is_some_and(u8::is_ascii_lowercase) {
            // "12-cent", "one-yen"
            for &(name, code) in self.lex.currency_name.at(b.get(end + 1)) {
                if !name.ends_with('s') && !name.contains(' ') {
                    if let Some(e) = phrase_at(b, end + 1, name) {
                        return Some((e, code));
                    }
                }
            }
            return None;
        }
        let n = skip_ws(b, end);
        if n > end + 2 {
            return None;
        }
        for &(sym, code) in self.lex.currency_symbol_fwd.at(b.get(n)) {
            if !sym.as_bytes()[0].is_ascii_alphabetic() && sym.len() > 1 && !sym.contains('$') {
                if let Some(e) = phrase_at(b, n, sym) {
                    return Some((e, code));
                }
            }
            if sym == "$" && n > end {
                if let Some(e) = phrase_at(b, n, sym) {
                    if !b.get(skip_ws(b, e)).is_some_and(u8::is_ascii_digit) {
                        return Some((e, code));
                    }
                }
            }
        }
        if n == end && !b.get(n).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        for &(name, code) in self.lex.currency_name.at(b.get(n)) {
            if let Some(e) = phrase_at(b, n, name) {
                // "pounds" of weight unless a scale or sterling says money
                if name == "pounds" || name == "pound" {
                    let before = &self.text[..end];
                    let scaled = ["million", "billion", "bn", "m", "trillion"]
                        .iter()
                        .any(|s| before.len() >= s.len() && before[before.len() - s.len()..].eq_ignore_ascii_case(s));
                    if !scaled {
                        continue;
                    }
                }
                return Some((e, code));
            }
        }
        let w = &self.text[n..letters(b, n)];
        let is_case = w.bytes().all(|c| c.is_ascii_uppercase()) || w.bytes().all(|c| c.is_ascii_lowercase());
        if is_case && w.len() >= 3 {
            if let Some(&code) = self.lex.currency_code.get(lower(w).as_str()) {
                if ends_word(b, n + w.len()) {
                    return Some((n + w.len(), code));
                }
            }
        }
        None
    }

    /// A unit of measure after the amount, glued, spaced or hyphenated.
    fn unit_after(&self, end: usize) -> Option<(usize, &'static str)> {
        let b = self.b;
        let hyphen = b.get(end) == Some(&b'-') && b.get(end + 1).is_some_and(u8::is_ascii_alphabetic);
        let n = if hyphen { end + 1 } else { skip_ws(b, end) };
        if n >= b.len() {
            return None;
        }
        let glued = n == end;
        if !glued && !hyphen {
            if let Some(e) = phrase_at(b, n, "in") {
                let m = skip_ws(b, e);
                let next = self.lower_word(m);
                let dimension =
                    matches!(next.as_str(), "thick" | "long" | "wide" | "tall" | "high" | "deep" | "across");
                if dimension || m >= b.len() || (b[m] == b'.' && !b.get(m + 1).is_some_and(|&c| is_alnum(c))) {
                    return Some((e, "in"));
                }
            }
        }
        for &(u, name) in self.lex.unit.at(b.get(n)) {
            // A one-letter unit spaced from the number only before a break:
            // "278,000 t valued", not "2 m something".
            let short = u.len() == 1;
            if short && !glued && b.get(n + 1).is_some_and(|&c| is_alnum(c) || c == b'.') {
                continue;
            }
            let exact = u.bytes().any(|c| c.is_ascii_uppercase()) || u.len() <= 2;
            let e = if exact { phrase_at_exact(b, n, u) } else { phrase_at(b, n, u) };
            if let Some(e) = e {
                if hyphen && u.ends_with('s') && !u.ends_with("ss") && u != "degrees" {
                    continue;
                }
                // "2 in 5": only read a one-letter unit when no digit follows
                if u.len() == 1 && b.get(skip_ws(b, e)).is_some_and(u8::is_ascii_digit) {
                    continue;
                }
                return Some((e, name));
            }
        }
        None
    }

    /// A time unit right after `end` (spaced or hyphenated): the end of it.
    fn time_unit_after(&self, end: usize) -> Option<usize> {
        let b = self.b;
        let mut n = skip_ws(b, end);
        if n == end && b.get(end) == Some(&b'-') {
            n = end + 1;
        }
        // "three and a half years", "a year and a half" style fillers are rare; skip "-old".
        let mut w = self.lower_word(n);
        // "20 more years", "eight trading days": one filler word may come between.
        if self.lex.time_filler.contains(w.as_str()) {
            n = skip_ws(b, n + w.len());
            w = self.lower_word(n);
        }
        if w.is_empty() {
            return None;
        }
        self.lex.time_unit.contains(w.as_str()).then_some(n + w.len())
    }

    fn qualifier_before(&self, start: usize) -> Option<Qualifier> {
        let b = self.b;
        let e = skip_ws_back(b, start);
        for &(p, kind) in self.lex.qualifier_back.at(e.checked_sub(1).and_then(|i| b.get(i))) {
            let symbolic = !p.as_bytes()[0].is_ascii_alphabetic();
            if !symbolic && e == start {
                continue;
            }
            if let Some(s) = phrase_before(b, e, p) {
                if symbolic && s > 0 && matches!(b[s - 1], b'<' | b'>' | b'=') {
                    return None;
                }
                if s >= self.floor {
                    return Some(Qualifier { span: Span::new(s, e), kind });
                }
            }
        }
        None
    }

    fn qualifier_after(&self, end: usize) -> Option<Qualifier> {
        let b = self.b;
        let n = skip_ws(b, end);
        if n == end {
            return None;
        }
        for &(p, kind) in self.lex.qualifier_after.at(b.get(n)) {
            if let Some(e) = phrase_at(b, n, p) {
                return Some(Qualifier { span: Span::new(n, e), kind });
            }
        }
        None
    }

    /// The second half of a range after `first`, and the start of a leading
    /// "between"/"from".
    fn range_end(&self, first: &Quant) -> Option<(Quant, Option<usize>)> {
        let b = self.b;
        if first.kind == NumberKind::Ordinal || first.core.vague {
            return None;
        }
        let between = phrase_before(b, skip_ws_back(b, first.start), "between")
            .filter(|&s| s >= self.floor && skip_ws_back(b, first.start) < first.start);
        let from = phrase_before(b, skip_ws_back(b, first.start), "from")
            .filter(|&s| s >= self.floor && skip_ws_back(b, first.start) < first.start);
        let n = skip_ws(b, first.end);
        let mut next = None;
        if between.is_some() {
            if let Some(e) = phrase_at(b, n, "and") {
                next = Some(skip_ws(b, e));
            }
        } else if let Some(e) = phrase_at(b, n, "to") {
            if n > first.end {
                next = Some(skip_ws(b, e));
            }
        } else if first.core.numeral {
            // "1,500-3,000", "1,500 – 3,000"
            let dash = ["-", "–", "—"].iter().find_map(|d| phrase_at(b, n, d));
            if let Some(e) = dash {
                let m = skip_ws(b, e);
                if b.get(m).is_some_and(u8::is_ascii_digit) || currency_start(b, m) {
                    next = Some(m);
                }
            }
        }
        let m = next?;
        if m >= b.len() {
            return None;
        }
        // The second number: digits (maybe after a currency sign) or words.
        let at = if b[m].is_ascii_digit() {
            m
        } else if currency_start(b, m) {
            let mut j = m;
            while j < b.len() && !b[j].is_ascii_digit() && j < m + 8 {
                j += 1;
            }
            if j >= b.len() || !b[j].is_ascii_digit() {
                return None;
            }
            j
        } else {
            let w = self.lower_word(m);
            if !(self.lex.cardinal.contains_key(w.as_str()) || w == "a" || w == "an") {
                return None;
            }
            if w == "a" || w == "an" {
                let n2 = skip_ws(b, m + w.len());
                if n2 >= b.len() {
                    return None;
                }
                n2
            } else {
                m
            }
        };
        let cx = Cx { floor: first.end, ..*self };
        let second = cx.quant(at).ok()?;
        if second.kind == NumberKind::Ordinal || second.core.vague {
            return None;
        }
        // "0.7 percent to 67 million" is a change, not a range; "44 ml to 50 mg" too.
        if first.marked && (second.kind != first.kind || second.unit != first.unit) {
            return None;
        }
        // "won 47 percent to 40 percent", "fell from 10 to 5": a comparison or a change.
        if between.is_none() {
            if let (Some(a), Some(z)) = (first.value, second.value) {
                let a = if first.core.scale.is_none() { second.core.scale.map_or(a, |s| a * s) } else { a };
                if a > z {
                    return None;
                }
            }
        }
        let lead = between.or(from);
        Some((second, lead))
    }

    /// After a bounded number, "and less than 40" / "but no more than 50":
    /// (end, value, kind of the second bound).
    fn second_bound(&self, end: usize) -> Option<(usize, f64, QualifierKind)> {
        let b = self.b;
        let mut n = skip_ws(b, end);
        if b.get(n) == Some(&b',') {
            n = skip_ws(b, n + 1);
        }
        let e = ["and", "but"].iter().find_map(|w| phrase_at(b, n, w)).unwrap_or(n);
        let m = skip_ws(b, e);
        if m == n && b.get(end) != Some(&b',') {
            return None;
        }
        for &(p, kind) in self.lex.qualifier_fwd.at(b.get(m)) {
            if !p.as_bytes()[0].is_ascii_alphabetic() {
                continue;
            }
            if let Some(pe) = phrase_at(b, m, p) {
                let at = skip_ws(b, pe);
                if at == pe || at >= b.len() {
                    return None;
                }
                let w = self.lower_word(at);
                if !(b[at].is_ascii_digit() || self.lex.cardinal.contains_key(w.as_str()) || w == "a" || w == "the") {
                    return None;
                }
                let at = if w == "a" || w == "the" { skip_ws(b, at + w.len()) } else { at };
                let cx = Cx { floor: end, ..*self };
                let second = cx.quant(at).ok()?;
                return Some((second.end, second.value?, kind));
            }
        }
        None
    }

    // ------------------------------------------------------------ filters --

    /// When the quantity is a date, time, duration, identifier or pronoun:
    /// the end of text to skip.
    fn not_a_number(&self, q: &Quant) -> Option<usize> {
        let b = self.b;
        let core = &q.core;
        // Durations and ages: "three years", "24-hour", "five-year".
        if q.kind != NumberKind::Percent && q.kind != NumberKind::Money {
            if let Some(e) = self.time_unit_after(q.end) {
                return Some(e);
            }
            if let Some(e) = self.time_suffix_after(q.end) {
                return Some(e);
            }
        }
        // An ordinal that names part of a period ("the third quarter",
        // "first-half") or opens a duration ("the first nine months").
        if q.kind == NumberKind::Fraction {
            let t = lower(&self.text[q.start..q.end]);
            let n = skip_ws(b, q.end);
            // "the past two quarters", "the next three quarters" (but "three
            // quarters of the vote" is a fraction).
            if t.ends_with("quarters") && phrase_at(b, n, "of").is_none() {
                return Some(q.end);
            }
        }
        if q.kind == NumberKind::Ordinal || q.kind == NumberKind::Fraction {
            let mut n = skip_ws(b, q.end);
            if n == q.end && b.get(q.end) == Some(&b'-') {
                n = q.end + 1;
            }
            let w = self.lower_word(n);
            if !w.is_empty() && self.lex.period_part.contains(w.as_str()) {
                return Some(n + w.len());
            }
            let counts = w.bytes().all(|c| c.is_ascii_digit()) || self.lex.cardinal.contains_key(w.as_str());
            if !w.is_empty() && counts {
                if let Some(e) = self.time_unit_after(n + w.len()) {
                    return Some(e);
                }
            }
        }
        // Years said in words: "nineteen ninety-six", "the year two thousand".
        if !core.numeral && q.kind == NumberKind::Cardinal {
            let n = skip_ws(b, q.end);
            let next = self.lower_word_hyphenated(n);
            let head = next.split('-').next().unwrap_or("");
            let tens = self.lex.cardinal.get(head).is_some_and(|&v| (10.0..100.0).contains(&v));
            if (10.0..=20.0).contains(&core.value) && core.value.fract() == 0.0 && n > q.end && tens {
                return Some(n + next.len());
            }
            if self.word_before(core.start).is_some_and(|(s, e)| lower(&self.text[s..e]) == "year")
                && core.value >= 1000.0
            {
                return Some(q.end);
            }
        }
        if q.marked {
            return None;
        }
        // A list marker at the start of a line: "1. ", "2) ".
        if core.numeral && core.plain_digits > 0 {
            let line_start = core.start == 0
                || b[skip_ws_back(b, core.start).saturating_sub(1)] == b'\n'
                || skip_ws_back(b, core.start) == 0;
            if line_start
                && matches!(b.get(core.end), Some(b'.' | b')'))
                && b.get(core.end + 1).is_none_or(|&c| c == b' ')
            {
                return Some(core.end + 1);
            }
            // "0900", "007": times and codes.
            if b[core.start] == b'0' && core.plain_digits > 1 {
                return Some(core.end);
            }
        }
        // "First Lady", "America First": an ordinal inside a name.
        if !core.numeral && q.kind == NumberKind::Ordinal && b[core.start].is_ascii_uppercase() {
            let n = skip_ws(b, core.end);
            let next_cap = n > core.end && b.get(n).is_some_and(u8::is_ascii_uppercase);
            let prev_cap =
                self.word_before(core.start).is_some_and(|(s, e)| b[s].is_ascii_uppercase() && e + 1 == core.start);
            if next_cap || prev_cap {
                return Some(core.end);
            }
        }
        // "one" as a pronoun: "no one", "one another", "that one".
        if !core.numeral && core.value == 1.0 && core.end - core.start == 3 && q.kind == NumberKind::Cardinal {
            if let Some((s, e)) = self.word_before(core.start) {
                if self.lex.one_pronoun_before.contains(lower(&self.text[s..e]).as_str()) && e + 1 == core.start {
                    return Some(core.end);
                }
            }
            let n = skip_ws(b, core.end);
            if self.lex.one_pronoun_after.iter().any(|p| {
                phrase_at(b, if p.starts_with('\'') || p.starts_with('’') { core.end } else { n }, p).is_some()
            }) {
                return Some(core.end);
            }
        }
        // Day numbers next to a month: "Sept. 27", "27 September", "the 21st of May".
        if q.kind == NumberKind::Ordinal
            || core.numeral && (core.plain_digits > 0 && core.plain_digits <= 2 || core.plain_digits == 4)
        {
            if self.month_before(core.start) {
                return Some(self.after_year(core.end));
            }
            // The second day of "April 13 and 14", "May 3-5".
            if core.plain_digits > 0 && core.plain_digits <= 2 {
                let mut e = skip_ws_back(b, core.start);
                let joined = ["and", "or", "to", "through", "-", "–"].iter().find_map(|w| phrase_before(b, e, w));
                if let Some(j) = joined {
                    e = skip_ws_back(b, j);
                    let s = e
                        - (e - {
                            let mut k = e;
                            while k > 0 && b[k - 1].is_ascii_digit() {
                                k -= 1;
                            }
                            k
                        });
                    if s < e && e - s <= 2 && (Cx { floor: 0, ..*self }).month_before(s) {
                        return Some(core.end);
                    }
                }
            }
            let mut n = skip_ws(b, core.end);
            if let Some(e) = phrase_at(b, n, "of") {
                n = skip_ws(b, e);
            }
            if self.is_month(n) {
                let e = n + self.word(n).len();
                return Some(self.after_year(e));
            }
        }
        // "at 11.30": a clock time written with a point.
        if core.numeral && q.kind == NumberKind::Cardinal && core.scale.is_none() {
            let t = &self.text[core.start..core.end];
            if let Some((h, m)) = t.split_once('.') {
                let at = self.word_before(core.start).map(|(s, e)| lower(&self.text[s..e]));
                if m.len() == 2
                    && h.len() <= 2
                    && h.parse::<u32>().is_ok_and(|h| h <= 24)
                    && m.parse::<u32>().is_ok_and(|m| m < 60)
                    && matches!(at.as_deref(), Some("at" | "by" | "until" | "from" | "before" | "after" | "till"))
                {
                    return Some(core.end);
                }
            }
        }
        if core.numeral && core.plain_digits > 0 && q.kind == NumberKind::Cardinal {
            if let Some((s, e)) = self.word_before(core.start) {
                let w = &self.text[s..e];
                if self.lex.identifier_before.contains(w) && e + 1 >= core.start - 1 {
                    return Some(core.end);
                }
                let cap = w.as_bytes()[0].is_ascii_uppercase();
                if cap && e + 1 == core.start && !self.lex.not_identifier.contains(w) && !self.lex.month.contains(w) {
                    return Some(core.end);
                }
            }
            if core.start > 0 && b[core.start - 1] == b'#' {
                return Some(core.end);
            }
            // "No. 1", "H.R. 1": the abbreviation ends with a point.
            let abbrev_before = skip_ws_back(b, core.start);
            let ids: &[&str] =
                if abbrev_before > 0 && b[abbrev_before - 1] == b'.' { &self.lex.identifier_abbrev } else { &[] };
            for id in ids {
                {
                    if let Some(s) = phrase_before(b, skip_ws_back(b, core.start), id) {
                        if s >= self.floor && skip_ws_back(b, core.start) < core.start {
                            return Some(core.end);
                        }
                    }
                }
            }
            // "737 MAX was grounded": a name after the digits.
            let n = skip_ws(b, core.end);
            if n == core.end + 1 {
                let w = self.word(n);
                if w.len() >= 2 && w.bytes().all(|c| c.is_ascii_uppercase()) && self.unit_after(core.end).is_none() {
                    let m = skip_ws(b, n + w.len());
                    let next = self.lower_word(m);
                    if next.is_empty() || self.lex.noun_stop.contains(next.as_str()) {
                        return Some(n + w.len());
                    }
                }
                // "1600 Pennsylvania Avenue"
                let mut p = n;
                for _ in 0..3 {
                    let w = self.word(p);
                    if w.is_empty() || !w.as_bytes()[0].is_ascii_uppercase() {
                        break;
                    }
                    let mut e = p + w.len();
                    if self.lex.street_suffix.contains(w) {
                        if b.get(e) == Some(&b'.') {
                            e += 1;
                        }
                        return Some(e);
                    }
                    p = skip_ws(b, e);
                }
            }
        }
        None
    }

    /// A year right after a day ("September 11, 2001"): the end of it.
    fn after_year(&self, end: usize) -> usize {
        let b = self.b;
        let mut n = end;
        if b.get(n) == Some(&b',') {
            n += 1;
        }
        let n = skip_ws(b, n);
        let e = digits_end(b, n);
        if e - n == 4 && ends_word(b, e) {
            e
        } else {
            end
        }
    }

    fn is_month(&self, at: usize) -> bool {
        let w = self.word(at);
        !w.is_empty() && self.lex.month.contains(w)
    }

    fn month_before(&self, start: usize) -> bool {
        let b = self.b;
        let mut e = skip_ws_back(b, start);
        if e == start {
            return false;
        }
        if e > 0 && b[e - 1] == b'.' {
            e = skip_ws_back(b, e - 1);
        }
        let s = letters_back(b, e);
        s < e && s >= self.floor && self.lex.month.contains(&self.text[s..e])
    }

    /// "6am", "3 p.m.", "10 GMT": the end of the clock-time suffix.
    fn time_suffix_after(&self, end: usize) -> Option<usize> {
        let b = self.b;
        let n = skip_ws(b, end);
        if n > end + 1 {
            return None;
        }
        if !b
            .get(n)
            .is_some_and(|&c| matches!(c.to_ascii_lowercase(), b'a' | b'p' | b'b' | b'c' | b'e' | b'g' | b'u' | b'o'))
        {
            return None;
        }
        for t in &self.lex.time_suffix {
            let e =
                if t.bytes().any(|c| c.is_ascii_uppercase()) { phrase_at_exact(b, n, t) } else { phrase_at(b, n, t) };
            if let Some(e) = e {
                return Some(e);
            }
        }
        // "at 11.30"
        None
    }

    /// The noun a count counts: the first lowercase word after it, past up to
    /// two capitalised words ("2,500 U.S. troops", "15 ISIS fighters").
    fn counted_noun(&self, end: usize, through_of: bool) -> Option<Span> {
        let b = self.b;
        let mut n = skip_ws(b, end);
        if n == end || n >= b.len() {
            return None;
        }
        if through_of {
            if let Some(e) = phrase_at(b, n, "of") {
                n = skip_ws(b, e);
            }
        }
        for _ in 0..3 {
            if n >= b.len() {
                return None;
            }
            let c = b[n];
            if c.is_ascii_uppercase() {
                // a capitalised word or an abbreviation like "U.S."
                let mut j = n;
                while j < b.len()
                    && (b[j].is_ascii_alphabetic()
                        || (b[j] == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_alphabetic)))
                {
                    j += 1;
                }
                if b.get(j) == Some(&b'.') && j >= n + 2 && b[j - 2] == b'.' {
                    j += 1;
                }
                let next = skip_ws(b, j);
                if next == j {
                    return None;
                }
                n = next;
                continue;
            }
            if !c.is_ascii_lowercase() {
                return None;
            }
            let mut found = None;
            // Past up to two modifiers: "1,500 presidential appointees".
            for _ in 0..3 {
                let e = self.noun_word(n)?;
                let w = &self.text[n..e];
                found = Some(Span::new(n, e));
                if plural(w) {
                    break;
                }
                let m = skip_ws(b, e);
                if m == e || self.noun_word(m).is_none() {
                    break;
                }
                n = m;
            }
            return found;
        }
        None
    }
}

impl Cx<'_> {
    /// The end of a lowercase word at `n` that can be a counted noun.
    fn noun_word(&self, n: usize) -> Option<usize> {
        let b = self.b;
        if !b.get(n).is_some_and(u8::is_ascii_lowercase) {
            return None;
        }
        let mut e = word_end(b, n);
        while b.get(e) == Some(&b'-') && b.get(e + 1).is_some_and(u8::is_ascii_lowercase) {
            e = word_end(b, e + 1);
        }
        let w = &self.text[n..e];
        let lw = lower(w);
        let bad = w.len() < 2
            || self.lex.noun_stop.contains(lw.as_str())
            || w.ends_with("ly")
            || w.ends_with("ed")
            || self.lex.cardinal.contains_key(lw.as_str())
            || self.lex.time_unit.contains(lw.as_str())
            || b.get(e).is_some_and(|&c| c == b'\'' || c.is_ascii_digit());
        (!bad).then_some(e)
    }
}

/// Vulgar fraction characters.
const VULGAR: &[(&str, f64)] = &[
    ("½", 0.5),
    ("⅓", 1.0 / 3.0),
    ("⅔", 2.0 / 3.0),
    ("¼", 0.25),
    ("¾", 0.75),
    ("⅕", 0.2),
    ("⅖", 0.4),
    ("⅗", 0.6),
    ("⅘", 0.8),
    ("⅙", 1.0 / 6.0),
    ("⅚", 5.0 / 6.0),
    ("⅛", 0.125),
    ("⅜", 0.375),
    ("⅝", 0.625),
    ("⅞", 0.875),
];

/// A fractional value rounded to 15 significant digits: "$4.1 billion" is
/// 4100000000, not the 4099999999.9999995 that 4.1 × 10⁹ gives in binary,
/// and the shortest decimal form of the result reads back exactly.
fn tidy(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() || v.fract() == 0.0 {
        return v;
    }
    let digits = 14 - v.abs().log10().floor() as i32;
    if !(-300..=300).contains(&digits) {
        return v;
    }
    let m = 10f64.powi(digits.abs());
    let r = if digits >= 0 { (v * m).round() / m } else { (v / m).round() * m };
    if r.is_finite() {
        r
    } else {
        v
    }
}

/// A plain four-digit number that reads as a year.
fn is_year(q: &Quant) -> bool {
    !q.marked && q.core.plain_digits == 4 && q.value.is_some_and(|v| (1400.0..=2100.0).contains(&v))
}

/// A noun in the plural: "troops", "people".
fn plural(w: &str) -> bool {
    (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is"))
        || matches!(w, "people" | "children" | "men" | "women" | "police" | "staff" | "personnel" | "cattle")
}

/// True when a currency symbol or code starts at `at`.
fn currency_start(b: &[u8], at: usize) -> bool {
    matches!(b.get(at), Some(b'$')) || b[at..].starts_with("£".as_bytes()) || b[at..].starts_with("€".as_bytes())
}

struct Digits {
    buf: [u8; 64],
    len: usize,
}

impl Digits {
    fn push(&mut self, s: &[u8]) {
        let n = s.len().min(self.buf.len() - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&s[..n]);
        self.len += n;
    }
}

fn digits_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// Reads digits with thousands separators and a decimal part from `i`:
/// (end, value, digits of a plain integer or 0).
fn scan_numeral(b: &[u8], i: usize) -> (usize, f64, usize) {
    // The digits without separators, on the stack (a longer numeral reads
    // as its first 64 characters, which no real quantity reaches).
    let mut buf = Digits { buf: [0; 64], len: 0 };
    let mut j = i;
    let mut plain = true;
    if b.get(j) == Some(&b'.') {
        buf.push(b"0");
    }
    let lead = digits_end(b, j);
    buf.push(&b[j..lead]);
    j = lead;
    let lead_len = lead - i;
    if lead_len > 0 && lead_len <= 3 {
        // Groups of three after a comma, or a (narrow) no-break or plain space.
        loop {
            let sep_len = if b.get(j) == Some(&b',') {
                1
            } else if b[j..].starts_with("\u{202f}".as_bytes()) {
                3
            } else if b[j..].starts_with("\u{a0}".as_bytes()) {
                2
            } else if b.get(j) == Some(&b' ') && b[i] != b'0' {
                1
            } else {
                0
            };
            if sep_len == 0 {
                break;
            }
            let g = j + sep_len;
            let ge = digits_end(b, g);
            if ge - g != 3 || b.get(ge).is_some_and(|&c| c.is_ascii_alphanumeric()) && sep_len != 1 {
                break;
            }
            if ge - g != 3 {
                break;
            }
            if b[j] == b' ' && b.get(ge).is_some_and(|&c| c.is_ascii_alphanumeric()) {
                break;
            }
            buf.push(&b[g..ge]);
            j = ge;
            plain = false;
        }
    }
    if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        let de = digits_end(b, j + 1);
        // "1.2.3" is caught by the caller.
        buf.push(b".");
        buf.push(&b[j + 1..de]);
        j = de;
        plain = false;
    }
    if b.get(i) == Some(&b'.') {
        plain = false;
    }
    let value = std::str::from_utf8(&buf.buf[..buf.len]).ok().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    (j, value, if plain { j - i } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders items as `text = value [qualifier] [unit]`, ranges as `low..high`.
    fn render(input: &str) -> String {
        let doc = Document::new("t", input, None);
        let layer = extract(&doc, &SentenceLayer::default());
        let items: Vec<String> = layer
            .numbers
            .iter()
            .map(|n| {
                let mut s = format!("{} = ", n.span.slice(input));
                match (n.value, n.low, n.high) {
                    (_, Some(l), Some(h)) => s.push_str(&format!("{l}..{h}")),
                    (Some(v), _, _) => s.push_str(&format!("{v}")),
                    _ => s.push('?'),
                }
                if let Some(q) = n.qualifier {
                    s.push(' ');
                    s.push_str(q.kind.as_str());
                }
                match n.unit {
                    Some(Unit::Noun(sp)) => {
                        s.push(' ');
                        s.push_str(sp.slice(input));
                    }
                    Some(Unit::Name(u)) => {
                        s.push(' ');
                        s.push_str(u);
                    }
                    None => {}
                }
                s
            })
            .collect();
        if items.is_empty() {
            "-".to_string()
        } else {
            items.join(" | ")
        }
    }

    #[track_caller]
    fn check(input: &str, expected: &str) {
        assert_eq!(render(input), expected, "input: {input:?}");
    }

    /// Every `[examples]` line of rules/numbers.rules.
    #[test]
    fn rule_examples() {
        let failures = rules::failing_examples(rules::Owner::Numbers, render);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn spelled_and_mixed() {
        check("one hundred and sixty-one", "one hundred and sixty-one = 161");
        check("It cost $3bn and 1.5 million more.", "$3bn = 3000000000 USD | 1.5 million = 1500000");
        check("half a dozen", "half a dozen = 6");
        check("two thirds of a million", "two thirds of a million = 666666.666666667");
        check("five and a half million", "five and a half million = 5500000");
    }

    #[test]
    fn no_panic_on_edges() {
        for s in ["", "1", "$", "a", "1/", "1,", "-", "a half", "between 1 and", "1-", "£", "1e", "one", "½"] {
            let _ = render(s);
        }
    }
}
