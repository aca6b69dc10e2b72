//! The words of the date pass, read once from rules/dates.rules, and the
//! tokens the grammar walks over.
//!
//! Tokens are words (ASCII letters), numbers (digits, with inner `,.:/`
//! between digits and letters glued to the end: "2,500", "10:35", "1990s",
//! "31st") and single punctuation characters. Each word token carries the
//! index of its lexicon entry (0: none), looked up once with a small FNV
//! hash, so the grammar only starts where a date word or a number is.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::calendar::Unit;
use crate::rules;

/// What one word can be in a date. A word may be several things ("may",
/// "second", "march").
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Lex {
    pub month: u8,
    pub month_ambiguous: bool,
    pub month_context: bool,
    pub weekday: u8,
    pub season: Option<&'static str>,
    pub part: Option<&'static str>,
    pub unit: Option<(Unit, f64)>,
    pub number: Option<f64>,
    pub vague: bool,
    pub ordinal: u8,
    pub reference: Option<&'static str>,
    pub set: Option<&'static str>,
    pub future: bool,
    pub past: bool,
    /// Starts a candidate: the scanner tries the grammar here.
    pub trigger: bool,
}

/// Multi-word lists: (words, value).
pub(crate) type Phrases = Vec<(Vec<&'static str>, &'static str)>;

pub(crate) struct Lexicon {
    pub entries: Vec<Lex>,
    pub index: HashMap<&'static str, u16, BuildHasherDefault<Fnv>>,
    pub quantity_mod: Phrases,
    pub position_mod: Phrases,
    pub time_zone: Phrases,
    pub not_a_date: Phrases,
}

/// Words that start a grammar rule without being in a word list.
const GRAMMAR_TRIGGERS: &[&str] = &[
    "current",
    "each",
    "every",
    "fiscal",
    "last",
    "latest",
    "midnight",
    "mid",
    "next",
    "noon",
    "past",
    "per",
    "previous",
    "recent",
    "the",
    "this",
    "today",
    "tomorrow",
    "tonight",
    "year",
    "yesterday",
    "coming",
    "following",
    "prior",
    "earlier",
    "later",
    "early",
    "late",
    "first",
    "same",
    "once",
    "twice",
];

pub(crate) static LEX: LazyLock<Lexicon> = LazyLock::new(build);

fn split2(e: &'static str) -> (&'static str, &'static str) {
    e.rsplit_once(' ').unwrap_or((e, ""))
}

fn build() -> Lexicon {
    let f = rules::file("dates.rules");
    let mut lx = Lexicon {
        entries: vec![Lex::default()],
        index: HashMap::default(),
        quantity_mod: Vec::new(),
        position_mod: Vec::new(),
        time_zone: Vec::new(),
        not_a_date: Vec::new(),
    };
    fn slot<'a>(lx: &'a mut Lexicon, w: &'static str) -> &'a mut Lex {
        let n = lx.entries.len() as u16;
        let i = *lx.index.entry(w).or_insert(n);
        if i as usize == lx.entries.len() {
            lx.entries.push(Lex::default());
        }
        &mut lx.entries[i as usize]
    }
    for e in f.section("month") {
        let (w, v) = split2(e);
        slot(&mut lx, w).month = v.parse().expect("month number");
    }
    for w in f.section("month_ambiguous") {
        slot(&mut lx, w).month_ambiguous = true;
    }
    for w in f.section("month_context") {
        slot(&mut lx, w).month_context = true;
    }
    for e in f.section("weekday") {
        let (w, v) = split2(e);
        slot(&mut lx, w).weekday = v.parse().expect("weekday number");
    }
    for e in f.section("season") {
        let (w, v) = split2(e);
        slot(&mut lx, w).season = Some(v);
    }
    for e in f.section("part_of_day") {
        let (w, v) = split2(e);
        slot(&mut lx, w).part = Some(v);
    }
    for e in f.section("unit") {
        let mut it = e.split(' ');
        let (w, code, k) = (it.next().unwrap_or(""), it.next().unwrap_or(""), it.next().unwrap_or("1"));
        let unit = Unit::from_code(code).unwrap_or_else(|| panic!("rules/dates.rules: unknown unit {code}"));
        slot(&mut lx, w).unit = Some((unit, k.parse().expect("unit multiplier")));
    }
    for e in f.section("number") {
        let (w, v) = split2(e);
        slot(&mut lx, w).number = Some(v.parse().expect("number value"));
    }
    for w in f.section("vague_amount") {
        slot(&mut lx, w).vague = true;
    }
    for e in f.section("ordinal") {
        let (w, v) = split2(e);
        slot(&mut lx, w).ordinal = v.parse().expect("ordinal value");
    }
    for e in f.section("reference") {
        let (w, v) = split2(e);
        slot(&mut lx, w).reference = Some(v);
    }
    for e in f.section("set") {
        let (w, v) = split2(e);
        slot(&mut lx, w).set = Some(v);
    }
    for w in f.section("future_cue") {
        slot(&mut lx, w).future = true;
    }
    for w in f.section("past_cue") {
        slot(&mut lx, w).past = true;
    }
    let phrases = |name: &str, with_value: bool| -> Phrases {
        f.section(name)
            .map(|e| {
                let (words, v) = if with_value { split2(e) } else { (e, "") };
                let words: Vec<&'static str> = words.split(' ').collect();
                assert!(
                    words.iter().all(|w| !w.bytes().any(|b| b.is_ascii_uppercase())) || name == "time_zone",
                    "rules/dates.rules [{name}]: {e:?} must be lower case"
                );
                (words, v)
            })
            .collect()
    };
    lx.quantity_mod = phrases("quantity_mod", true);
    lx.position_mod = phrases("position_mod", true);
    lx.time_zone = phrases("time_zone", false);
    lx.not_a_date = phrases("not_a_date", false);
    // Lower-case the time zones for matching; the text must have them in
    // capitals (checked by the grammar).
    let mut triggers: Vec<&'static str> = GRAMMAR_TRIGGERS.to_vec();
    triggers.extend(lx.quantity_mod.iter().map(|p| p.0[0]));
    triggers.extend(lx.position_mod.iter().map(|p| p.0[0]));
    for w in triggers {
        slot(&mut lx, w).trigger = true;
    }
    for e in lx.entries.iter_mut() {
        e.trigger |= e.month > 0
            || e.weekday > 0
            || e.season.is_some()
            || e.unit.is_some()
            || (e.number.is_some())
            || e.vague
            || e.ordinal > 0
            || e.reference.is_some()
            || e.set.is_some();
    }
    lx
}

/// FNV-1a: a few nanoseconds for a short word, and no dependency.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// Index into `Lexicon::entries` (0: not a date word).
    pub lex: u16,
    /// Only spaces or tabs (no line break) since the previous token.
    pub joined: bool,
    /// No gap at all since the previous token.
    pub glued: bool,
}

/// Splits `text` (whose ASCII-lowercased copy is `lower`) into tokens.
pub(crate) fn tokenize(text: &str, lower: &[u8], out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut last_end = 0usize;
    let mut gap_break = false;
    let lx = &*LEX;
    while i < n {
        let c = b[i];
        if c == b' ' || c == b'\t' {
            i += 1;
            continue;
        }
        if c == b'\n' || c == b'\r' || c == 0x0b || c == 0x0c {
            gap_break = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_alphabetic() {
            while i < n && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            kind = Kind::Word;
        } else if c.is_ascii_digit() {
            while i < n
                && (b[i].is_ascii_digit()
                    || matches!(b[i], b',' | b'.' | b':' | b'/') && i + 1 < n && b[i + 1].is_ascii_digit())
            {
                i += 1;
            }
            while i < n && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            kind = Kind::Num;
        } else {
            // One character, whole (multi-byte characters stay in one token).
            let len = match c {
                0..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            i = (i + len).min(n);
            while i < n && !text.is_char_boundary(i) {
                i += 1;
            }
            kind = Kind::Punct;
        }
        let lex = if kind == Kind::Word && i - start <= 12 {
            std::str::from_utf8(&lower[start..i]).ok().and_then(|w| lx.index.get(w)).copied().unwrap_or(0)
        } else {
            0
        };
        let first = out.is_empty();
        out.push(Tok {
            start: start as u32,
            end: i as u32,
            kind,
            lex,
            joined: !first && !gap_break,
            glued: !first && start == last_end,
        });
        last_end = i;
        gap_break = false;
        // Whitespace other than ASCII (no-break space) also separates.
        if kind == Kind::Punct && c >= 0x80 && text[start..i].chars().all(char::is_whitespace) {
            out.pop();
            last_end = start;
        }
    }
}
