//! Check-worthiness features and the linear model that weighs them.
//!
//! ## What it does
//! A statement becomes a set of binary features:
//!
//! * `w:<token>`: each distinct word (ASCII letters and digits with inner
//!   apostrophes, lowercased; a token that starts with a digit is `<num>`);
//! * `r:<section>`: a word or two-word phrase of a section of
//!   `rules/claims.rules` occurs, plus `r:digit` (a digit that is not a
//!   year), `r:year`, `r:question` (ends with "?"), `r:month`; the signs `%`
//!   and `$ £ €` set `r:percent` and `r:money`;
//! * `l:<layer>`: what the earlier passes found in the sentence (a number, a
//!   percentage, money, a date, a quote, a speaker, a headline line);
//! * `len:<k>`: the number of tokens in fives, capped at 8.
//!
//! The score is the logistic function of the bias plus the weights of the
//! features present (`rules/checkworthy.weights`, fitted by
//! `scripts/fit-checkworthy`; a feature without a weight counts 0).
//!
//! ## Invariants
//! One scan over the bytes of the statement, one hash lookup per token (and
//! one per two-word phrase whose first word starts a phrase). Both rule
//! files are parsed once; a malformed line panics naming the file.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::rules;

/// The rule sections of `rules/claims.rules`, in bit order.
pub(crate) const SECTIONS: [&str; 14] = [
    "boilerplate",
    "causal",
    "comparative",
    "correlation",
    "first_person",
    "law",
    "money",
    "number_word",
    "opinion",
    "percent",
    "prediction",
    "source",
    "superlative",
    "trend",
];

/// Bit positions of the features that are not sections.
pub(crate) mod bit {
    pub(crate) const CAUSAL: u32 = 1;
    pub(crate) const COMPARATIVE: u32 = 2;
    pub(crate) const CORRELATION: u32 = 3;
    pub(crate) const FIRST_PERSON: u32 = 4;
    pub(crate) const LAW: u32 = 5;
    pub(crate) const MONEY: u32 = 6;
    pub(crate) const NUMBER_WORD: u32 = 7;
    pub(crate) const OPINION: u32 = 8;
    pub(crate) const PERCENT: u32 = 9;
    pub(crate) const PREDICTION: u32 = 10;
    pub(crate) const SUPERLATIVE: u32 = 12;
    pub(crate) const TREND: u32 = 13;
    pub(crate) const DIGIT: u32 = 14;
    pub(crate) const YEAR: u32 = 15;
    pub(crate) const QUESTION: u32 = 16;
    pub(crate) const MONTH: u32 = 17;
    pub(crate) const ATTRIBUTED: u32 = 18;
    pub(crate) const L_NUMBER: u32 = 19;
    pub(crate) const L_PERCENT: u32 = 20;
    pub(crate) const L_MONEY: u32 = 21;
    pub(crate) const L_DATE: u32 = 22;
    pub(crate) const L_QUOTE: u32 = 23;
    pub(crate) const L_SPEAKER: u32 = 24;
    pub(crate) const L_HEADLINE: u32 = 25;
}

/// Feature names by bit: sections, then the computed and layer features.
const BIT_NAMES: [&str; 26] = [
    "r:boilerplate",
    "r:causal",
    "r:comparative",
    "r:correlation",
    "r:first_person",
    "r:law",
    "r:money",
    "r:number_word",
    "r:opinion",
    "r:percent",
    "r:prediction",
    "r:source",
    "r:superlative",
    "r:trend",
    "r:digit",
    "r:year",
    "r:question",
    "r:month",
    "r:attributed",
    "l:number",
    "l:percent",
    "l:money",
    "l:date",
    "l:quote",
    "l:speaker",
    "l:headline",
];

const LEN_BUCKETS: usize = 9;
/// Longer tokens carry no word feature (no such word has a weight).
const MAX_TOKEN: usize = 24;

/// FNV-1a: the keys are short words, hashed once per token.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// What one token is to the model and to the word lists.
#[derive(Clone, Copy, Default)]
struct Entry {
    /// Index into `Model::words`, when the word has a weight.
    word: Option<u32>,
    /// Sections it belongs to.
    bits: u64,
    /// It is the first word of a two-word phrase.
    head: bool,
}

struct Model {
    bias: f32,
    bits: [f32; BIT_NAMES.len()],
    len: [f32; LEN_BUCKETS],
    words: Vec<f32>,
    /// Tokens of the vocabulary and of the single-word sections.
    tokens: FnvMap<Box<[u8]>, Entry>,
    /// Two-word phrases "a b" of the sections.
    phrases: FnvMap<Box<[u8]>, u64>,
}

const WEIGHTS_FILE: &str = "checkworthy.weights";
const WEIGHTS: &str = include_str!("../../rules/checkworthy.weights");

static MODEL: LazyLock<Model> = LazyLock::new(load);

fn load() -> Model {
    let mut m = Model {
        bias: 0.0,
        bits: [0.0; BIT_NAMES.len()],
        len: [0.0; LEN_BUCKETS],
        words: Vec::new(),
        tokens: FnvMap::default(),
        phrases: FnvMap::default(),
    };
    let rules = rules::file("claims.rules");
    for (b, name) in SECTIONS.iter().enumerate() {
        for entry in rules.section(name) {
            let entry = entry.to_ascii_lowercase();
            match entry.split_once(' ') {
                Some((head, _)) => {
                    *m.phrases.entry(entry.as_bytes().into()).or_default() |= 1 << b;
                    m.tokens.entry(head.as_bytes().into()).or_default().head = true;
                }
                None => m.tokens.entry(entry.as_bytes().into()).or_default().bits |= 1 << b,
            }
        }
    }
    // "May" is left out: as a word it is mostly the modal verb.
    for month in rules::file("months.rules").section("name").filter(|m| *m != "May") {
        m.tokens.entry(month.to_ascii_lowercase().as_bytes().into()).or_default().bits |= 1 << bit::MONTH;
    }
    for (i, raw) in WEIGHTS.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fail = || -> ! { panic!("rules/{WEIGHTS_FILE}:{}: want `feature weight`, got {line:?}", i + 1) };
        let (name, w) = line.rsplit_once(' ').unwrap_or_else(|| fail());
        let w: f32 = w.parse().unwrap_or_else(|_| fail());
        if name == "bias" {
            m.bias = w;
        } else if let Some(word) = name.strip_prefix("w:") {
            let idx = m.words.len() as u32;
            m.words.push(w);
            m.tokens.entry(word.as_bytes().into()).or_default().word = Some(idx);
        } else if let Some(k) = name.strip_prefix("len:") {
            let k: usize = k.parse().unwrap_or_else(|_| fail());
            *m.len.get_mut(k).unwrap_or_else(|| fail()) = w;
        } else if let Some(b) = BIT_NAMES.iter().position(|n| *n == name) {
            m.bits[b] = w;
        } else {
            fail();
        }
    }
    m
}

/// What the earlier layers say about a statement, as feature bits.
pub(crate) fn layer_bits(number: bool, percent: bool, money: bool, date: bool, quote: bool, speaker: bool) -> u64 {
    let mut b = 0u64;
    for (on, at) in [
        (number, bit::L_NUMBER),
        (percent, bit::L_PERCENT),
        (money, bit::L_MONEY),
        (date, bit::L_DATE),
        (quote, bit::L_QUOTE),
        (speaker, bit::L_SPEAKER),
    ] {
        if on {
            b |= 1 << at;
        }
    }
    b
}

/// The scored statement: its feature bits (for reasons and category) and
/// its score in [0, 1].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scored {
    pub(crate) bits: u64,
    pub(crate) score: f32,
}

impl Scored {
    pub(crate) fn has(&self, b: u32) -> bool {
        self.bits & (1 << b) != 0
    }
}

/// Scores `text` with the layer facts `layers`. `scratch` is reused between
/// calls to avoid allocating per statement.
pub(crate) fn score(text: &str, layers: u64, scratch: &mut Vec<u32>) -> Scored {
    let m = &*MODEL;
    scratch.clear();
    let mut bits = layers | surface_bits(text);
    let mut ntok = 0usize;
    scan(text, m, |tok| match tok {
        Tok::Word(e) => {
            ntok += 1;
            bits |= e.bits;
            if let Some(w) = e.word {
                scratch.push(w);
            }
        }
        Tok::Phrase(b) => bits |= b,
        Tok::Number { year } => {
            ntok += 1;
            bits |= 1 << if year { bit::YEAR } else { bit::DIGIT };
        }
        Tok::Other => ntok += 1,
    });
    scratch.sort_unstable();
    scratch.dedup();
    let mut z = m.bias + m.len[(ntok / 5).min(LEN_BUCKETS - 1)];
    if let Some(&num) = m.tokens.get(b"<num>".as_slice()).and_then(|e| e.word.as_ref()) {
        if bits & (1 << bit::DIGIT | 1 << bit::YEAR) != 0 {
            z += m.words[num as usize];
        }
    }
    z += scratch.iter().map(|&w| m.words[w as usize]).sum::<f32>();
    for (b, w) in m.bits.iter().enumerate() {
        if bits & (1 << b) != 0 {
            z += w;
        }
    }
    Scored { bits, score: 1.0 / (1.0 + (-z).exp()) }
}

/// The names of every feature of `text` (words whether or not they have a
/// weight), sorted: what `scripts/fit-checkworthy` fits on.
pub(crate) fn feature_names(text: &str, layers: u64) -> Vec<String> {
    let m = &*MODEL;
    let mut bits = layers | surface_bits(text);
    let mut names = vec!["bias".to_string()];
    let mut ntok = 0usize;
    scan(text, m, |tok| match tok {
        Tok::Word(e) => {
            ntok += 1;
            bits |= e.bits;
        }
        Tok::Phrase(b) => bits |= b,
        Tok::Number { year } => {
            ntok += 1;
            bits |= 1 << if year { bit::YEAR } else { bit::DIGIT };
            names.push("w:<num>".to_string());
        }
        Tok::Other => ntok += 1,
    });
    // A second scan for the words themselves: the first one reports known
    // words as entries, without their text.
    each_token(text, |t| {
        if let TokText::Word(w @ [_, ..]) = t {
            names.push(format!("w:{}", String::from_utf8_lossy(w)));
        }
    });
    names.push(format!("len:{}", (ntok / 5).min(LEN_BUCKETS - 1)));
    for (b, n) in BIT_NAMES.iter().enumerate() {
        if bits & (1 << b) != 0 {
            names.push((*n).to_string());
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Features read from characters rather than words.
fn surface_bits(text: &str) -> u64 {
    let b = text.as_bytes();
    let mut bits = 0u64;
    if memchr::memchr(b'%', b).is_some() {
        bits |= 1 << bit::PERCENT;
    }
    if memchr::memchr(b'$', b).is_some() || text.contains('£') || text.contains('€') {
        bits |= 1 << bit::MONEY;
    }
    let tail = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']'));
    if tail.ends_with('?') {
        bits |= 1 << bit::QUESTION;
    }
    bits
}

enum Tok {
    Word(Entry),
    Phrase(u64),
    Number {
        year: bool,
    },
    /// A word the model and the word lists do not know.
    Other,
}

enum TokText<'a> {
    /// Lowercased, with ’ as '.
    Word(&'a [u8]),
    Number {
        year: bool,
    },
}

/// Calls `f` with each token of `text`, lowercased into a stack buffer.
fn each_token(text: &str, mut f: impl FnMut(TokText)) {
    let b = text.as_bytes();
    let n = b.len();
    let mut buf = [0u8; MAX_TOKEN];
    let mut i = 0;
    while i < n {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut len = 0usize;
        let mut over = false;
        loop {
            while i < n && b[i].is_ascii_alphanumeric() {
                if len < MAX_TOKEN {
                    buf[len] = b[i].to_ascii_lowercase();
                } else {
                    over = true;
                }
                len += 1;
                i += 1;
            }
            // An inner apostrophe followed by a letter continues the word.
            let apo = if b.get(i) == Some(&b'\'') {
                1
            } else if b[i.min(n)..].starts_with("’".as_bytes()) {
                3
            } else {
                0
            };
            if apo > 0 && b.get(i + apo).is_some_and(u8::is_ascii_alphabetic) {
                if len < MAX_TOKEN {
                    buf[len] = b'\'';
                } else {
                    over = true;
                }
                len += 1;
                i += apo;
                continue;
            }
            break;
        }
        if b[start].is_ascii_digit() {
            let tok = &b[start..i];
            let year = tok.len() == 4
                && tok.iter().all(u8::is_ascii_digit)
                && (b"1900".as_slice()..=b"2099".as_slice()).contains(&tok);
            f(TokText::Number { year });
        } else if !over {
            f(TokText::Word(&buf[..len]));
        } else {
            f(TokText::Word(b""));
        }
    }
}

/// Tokens of `text` with what the model knows of them, phrases included.
fn scan(text: &str, m: &Model, mut f: impl FnMut(Tok)) {
    let mut prev = [0u8; MAX_TOKEN];
    let mut prev_len: Option<usize> = None;
    let mut pair = [0u8; 2 * MAX_TOKEN + 1];
    each_token(text, |t| match t {
        TokText::Number { year } => {
            prev_len = None;
            f(Tok::Number { year });
        }
        TokText::Word(w) => {
            if let Some(pl) = prev_len {
                pair[..pl].copy_from_slice(&prev[..pl]);
                pair[pl] = b' ';
                pair[pl + 1..pl + 1 + w.len()].copy_from_slice(w);
                if let Some(&bits) = m.phrases.get(&pair[..pl + 1 + w.len()]) {
                    f(Tok::Phrase(bits));
                }
            }
            match m.tokens.get(w) {
                Some(e) => {
                    prev_len = e.head.then(|| {
                        prev[..w.len()].copy_from_slice(w);
                        w.len()
                    });
                    f(Tok::Word(*e));
                }
                None => {
                    prev_len = None;
                    f(Tok::Other);
                }
            }
        }
    });
}
