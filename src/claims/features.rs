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
    /// Not a feature: an attribution verb or "according to" occurs, so
    /// the sentence may name its source (`attribution`).
    pub(crate) const CUE: u32 = 26;
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

/// A frozen open-addressing table from short byte strings (at most
/// `MAX_TOKEN` bytes, packed into three words) to entries: one hash and at
/// most a few three-word compares per lookup, no call to memcmp.
struct Table {
    /// A fingerprint of each slot's key (0: empty), probed first: a small
    /// array that stays in the cache, so a word that is not in the table
    /// costs no miss on `slots`.
    fps: Vec<u16>,
    slots: Vec<(Key, Entry)>,
    mask: usize,
}

type Key = [u64; 3];

fn pack(b: &[u8]) -> Option<Key> {
    if b.is_empty() || b.len() > MAX_TOKEN {
        return None;
    }
    let mut buf = [0u8; MAX_TOKEN];
    buf[..b.len()].copy_from_slice(b);
    let word = |i: usize| {
        u64::from_le_bytes([buf[i], buf[i + 1], buf[i + 2], buf[i + 3], buf[i + 4], buf[i + 5], buf[i + 6], buf[i + 7]])
    };
    Some([word(0), word(8), word(16)])
}

/// The first slot to probe and the fingerprint of `k`.
#[inline]
fn hash(k: &Key, mask: usize) -> (usize, u16) {
    let h = (k[0] ^ k[1].rotate_left(21) ^ k[2].rotate_left(42)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    ((h >> 40) as usize & mask, (h as u16) | 1)
}

impl Table {
    fn freeze(map: HashMap<Vec<u8>, Entry>, what: &str) -> Table {
        // At most 3/4 full: short probes, and the fingerprints of a few
        // thousand words fit in 8 KB.
        let size = (map.len() * 4 / 3 + 1).next_power_of_two().max(16);
        let mask = size - 1;
        let mut fps = vec![0u16; size];
        let mut slots = vec![([0u64; 3], Entry::default()); size];
        for (k, e) in map {
            let key = pack(&k).unwrap_or_else(|| {
                panic!("{what}: {:?} is empty or longer than {MAX_TOKEN} bytes", String::from_utf8_lossy(&k))
            });
            let (mut i, fp) = hash(&key, mask);
            while fps[i] != 0 {
                i = (i + 1) & mask;
            }
            fps[i] = fp;
            slots[i] = (key, e);
        }
        Table { fps, slots, mask }
    }

    #[inline]
    fn get(&self, k: &Key) -> Option<&Entry> {
        let (mut i, fp) = hash(k, self.mask);
        loop {
            let f = self.fps[i];
            if f == 0 {
                return None;
            }
            if f == fp && self.slots[i].0 == *k {
                return Some(&self.slots[i].1);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// What one token is to the model and to the word lists.
/// Eight bytes, so that the tables stay small in the cache.
#[derive(Clone, Copy)]
struct Entry {
    /// Index into `Model::words`, or `NO_WORD` when the word has no weight.
    word: u32,
    /// Sections it belongs to (bits below 32), and `HEAD` when it is the
    /// first word of a two-word phrase.
    bits: u32,
}

const NO_WORD: u32 = u32::MAX;
const HEAD: u32 = 1 << 31;

impl Default for Entry {
    fn default() -> Entry {
        Entry { word: NO_WORD, bits: 0 }
    }
}

impl Entry {
    fn word(self) -> Option<u32> {
        (self.word != NO_WORD).then_some(self.word)
    }
    fn bits(self) -> u64 {
        u64::from(self.bits & !HEAD)
    }
    fn head(self) -> bool {
        self.bits & HEAD != 0
    }
}

struct Model {
    bias: f32,
    bits: [f32; BIT_NAMES.len()],
    len: [f32; LEN_BUCKETS],
    words: Vec<f32>,
    /// Tokens of the vocabulary and of the single-word sections.
    tokens: Table,
    /// Two-word phrases "a b" of the sections (their `bits`).
    phrases: Table,
    /// The weight of `w:<num>`, a token that starts with a digit.
    num: f32,
}

const WEIGHTS_FILE: &str = "checkworthy.weights";
const WEIGHTS: &str = include_str!("../../rules/checkworthy.weights");

static MODEL: LazyLock<Model> = LazyLock::new(load);

fn load() -> Model {
    let mut bias = 0.0;
    let mut bits = [0.0; BIT_NAMES.len()];
    let mut len = [0.0; LEN_BUCKETS];
    let mut words = Vec::new();
    let mut num = 0.0;
    let mut tokens: HashMap<Vec<u8>, Entry> = HashMap::new();
    let mut phrases: HashMap<Vec<u8>, Entry> = HashMap::new();
    let rules = rules::file("claims.rules");
    for (b, name) in SECTIONS.iter().enumerate() {
        for entry in rules.section(name) {
            let entry = entry.to_ascii_lowercase();
            match entry.split_once(' ') {
                Some((head, _)) => {
                    phrases.entry(entry.as_bytes().into()).or_default().bits |= 1 << b;
                    tokens.entry(head.as_bytes().into()).or_default().bits |= HEAD;
                }
                None => tokens.entry(entry.as_bytes().into()).or_default().bits |= 1 << b,
            }
        }
    }
    for cue in rules.section("attribution_cue") {
        tokens.entry(cue.to_ascii_lowercase().into_bytes()).or_default().bits |= 1 << bit::CUE;
    }
    for prefix in rules.section("attribution_prefix") {
        let prefix = prefix.to_ascii_lowercase();
        let head = prefix.split(' ').next().unwrap_or_default();
        tokens.entry(head.as_bytes().to_vec()).or_default().bits |= HEAD;
        phrases.entry(prefix.into_bytes()).or_default().bits |= 1 << bit::CUE;
    }
    // "May" is left out: as a word it is mostly the modal verb.
    for month in rules::file("months.rules").section("name").filter(|m| *m != "May") {
        tokens.entry(month.to_ascii_lowercase().as_bytes().into()).or_default().bits |= 1 << bit::MONTH;
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
            bias = w;
        } else if name == "w:<num>" {
            num = w;
        } else if let Some(word) = name.strip_prefix("w:") {
            let idx = words.len() as u32;
            words.push(w);
            tokens.entry(word.as_bytes().into()).or_default().word = idx;
        } else if let Some(k) = name.strip_prefix("len:") {
            let k: usize = k.parse().unwrap_or_else(|_| fail());
            *len.get_mut(k).unwrap_or_else(|| fail()) = w;
        } else if let Some(b) = BIT_NAMES.iter().position(|n| *n == name) {
            bits[b] = w;
        } else {
            fail();
        }
    }
    Model {
        bias,
        bits,
        len,
        words,
        tokens: Table::freeze(tokens, "rules/claims.rules and rules/checkworthy.weights"),
        phrases: Table::freeze(phrases, "rules/claims.rules"),
        num,
    }
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

/// The word part of a statement's score: its feature bits and the sum of
/// the bias, the length and the word weights.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lexical {
    pub(crate) bits: u64,
    z: f32,
}

impl Lexical {
    pub(crate) fn has(&self, b: u32) -> bool {
        self.bits & (1 << b) != 0
    }
}

/// The word part of the score of `text`. `scratch` is reused between calls
/// to avoid allocating per statement.
pub(crate) fn lexical(text: &str, scratch: &mut Vec<u32>) -> Lexical {
    let m = &*MODEL;
    scratch.clear();
    let mut bits = surface_bits(text);
    let mut ntok = 0usize;
    scan(text, m, |tok| match tok {
        Tok::Word(e) => {
            ntok += 1;
            bits |= e.bits();
            if let Some(w) = e.word() {
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
    if bits & (1 << bit::DIGIT | 1 << bit::YEAR) != 0 {
        z += m.num;
    }
    z += scratch.iter().map(|&w| m.words[w as usize]).sum::<f32>();
    Lexical { bits, z }
}

/// The score of a statement from its word part and the layer facts
/// `layers`.
pub(crate) fn finish(lex: Lexical, layers: u64) -> Scored {
    let m = &*MODEL;
    let bits = lex.bits | layers;
    let mut z = lex.z;
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
            bits |= e.bits();
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
        if let TokText::Word(w @ [_, ..], _) = t {
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
    /// Lowercased, with ’ as ', and packed as a table key (built as the
    /// bytes are read: no copy, no store-to-load stall).
    Word(&'a [u8], Key),
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
        // The key in three registers (an array indexed by a variable would
        // live in memory and stall the lookup that reads it back).
        let (mut k0, mut k1, mut k2) = (0u64, 0u64, 0u64);
        let mut put = |len: usize, c: u8| {
            let v = u64::from(c) << (8 * (len % 8));
            match len / 8 {
                0 => k0 |= v,
                1 => k1 |= v,
                _ => k2 |= v,
            }
        };
        loop {
            while i < n && b[i].is_ascii_alphanumeric() {
                if len < MAX_TOKEN {
                    let c = b[i].to_ascii_lowercase();
                    buf[len] = c;
                    put(len, c);
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
                    put(len, b'\'');
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
            f(TokText::Word(&buf[..len], [k0, k1, k2]));
        } else {
            f(TokText::Word(b"", [0; 3]));
        }
    }
}

/// Tokens of `text` with what the model knows of them, phrases included.
fn scan(text: &str, m: &Model, mut f: impl FnMut(Tok)) {
    let mut prev = [0u8; MAX_TOKEN];
    let mut prev_len: Option<usize> = None;
    let mut pair = [0u8; MAX_TOKEN];
    each_token(text, |t| match t {
        TokText::Number { year } => {
            prev_len = None;
            f(Tok::Number { year });
        }
        TokText::Word(w, key) => {
            if let Some(pl) = prev_len.filter(|pl| pl + 1 + w.len() <= MAX_TOKEN) {
                pair[..pl].copy_from_slice(&prev[..pl]);
                pair[pl] = b' ';
                pair[pl + 1..pl + 1 + w.len()].copy_from_slice(w);
                if let Some(e) = pack(&pair[..pl + 1 + w.len()]).and_then(|k| m.phrases.get(&k)) {
                    f(Tok::Phrase(e.bits()));
                }
            }
            let found = if w.is_empty() { None } else { m.tokens.get(&key) };
            match found {
                Some(e) => {
                    prev_len = e.head().then(|| {
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
