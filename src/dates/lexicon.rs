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
    /// First word of a `[quantity_mod]` / `[position_mod]` phrase; a word of
    /// a `[not_a_date]` phrase.
    pub qmod_start: bool,
    pub pmod_start: bool,
    /// Which `[quantity_mod]` / `[position_mod]` phrases start with this
    /// word (bit i: phrase i), so a lookup tries only those.
    pub qmods: u64,
    pub pmods: u64,
    pub in_not_a_date: bool,
    /// A trigger that is never a date alone ("the", "last", "about", "a"):
    /// worth trying only before a date word or a number.
    pub needs_next: bool,
    /// Can be part of a date (not only a context word like "in" or a tense cue).
    pub content: bool,
}

/// Multi-word lists: (words, value).
pub(crate) type Phrases = Vec<(Vec<&'static str>, &'static str)>;

pub(crate) struct Lexicon {
    pub entries: Vec<Lex>,
    index: HashMap<&'static str, u16, BuildHasherDefault<Fnv>>,
    /// Open-addressing table over `words` for the hot lookup in `tokenize`.
    table: Vec<u16>,
    words: Vec<&'static str>,
    /// Bit (first letter, last letter, length) of every word: most words of
    /// a text miss it and skip the table.
    shape: Vec<u64>,
    pub quantity_mod: Phrases,
    pub position_mod: Phrases,
    pub time_zone: Phrases,
    pub not_a_date: Phrases,
}

/// Words that start a grammar rule without being in a word list.
const GRAMMAR_TRIGGERS: &[&str] = &[
    "current",
    "future",
    "present",
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
        table: Vec::new(),
        words: vec![""],
        shape: vec![0; 32 * 32],
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
            lx.words.push(w);
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
    assert!(lx.quantity_mod.len() <= 64 && lx.position_mod.len() <= 64, "rules/dates.rules: at most 64 modifiers");
    let starts: Vec<(&'static str, bool, usize)> = lx
        .quantity_mod
        .iter()
        .enumerate()
        .map(|(i, p)| (p.0[0], true, i))
        .chain(lx.position_mod.iter().enumerate().map(|(i, p)| (p.0[0], false, i)))
        .collect();
    for (w, q, i) in starts {
        let e = slot(&mut lx, w);
        if q {
            e.qmod_start = true;
            e.qmods |= 1 << i;
        } else {
            e.pmod_start = true;
            e.pmods |= 1 << i;
        }
    }
    let nad: Vec<&'static str> = lx.not_a_date.iter().flat_map(|p| p.0.iter().copied()).collect();
    for w in nad {
        slot(&mut lx, w).in_not_a_date = true;
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
        let alone = e.month > 0
            || e.weekday > 0
            || e.season.is_some()
            || e.unit.is_some()
            || e.reference.is_some()
            || e.set.is_some();
        e.needs_next = !alone;
        e.content = e.trigger || e.part.is_some();
    }
    for w in ["today", "yesterday", "tomorrow", "tonight", "noon", "midnight", "year"] {
        slot(&mut lx, w).needs_next = false;
    }
    for w in lx.words.iter().skip(1) {
        let b = w.as_bytes();
        if !b.is_empty() && b.len() < 64 {
            lx.shape[shape_slot(b)] |= 1u64 << b.len();
        }
    }
    lx.table = vec![0; TABLE];
    for (i, w) in lx.words.iter().enumerate().skip(1) {
        let mut h = slot_hash(w.as_bytes());
        while lx.table[h] != 0 {
            h = (h + 1) & (TABLE - 1);
        }
        lx.table[h] = i as u16;
    }
    lx
}

const TABLE: usize = 4096;

fn shape_slot(w: &[u8]) -> usize {
    ((w[0] & 31) as usize) << 5 | (w[w.len() - 1] & 31) as usize
}

/// A cheap hash of a short word: its length and four of its bytes.
fn slot_hash(w: &[u8]) -> usize {
    let n = w.len();
    let (a, b, c, d) = (w[0] as usize, w[n / 2] as usize, w[n - 1] as usize, w[(n - 1).min(1)] as usize);
    (n.wrapping_mul(0x9e37) ^ a.wrapping_mul(31) ^ b.wrapping_mul(1031) ^ c.wrapping_mul(131) ^ d.wrapping_mul(7919))
        & (TABLE - 1)
}

impl Lexicon {
    /// The entry index of a lower-case word (0: none).
    pub(crate) fn lookup(&self, w: &[u8]) -> u16 {
        if w.is_empty() || w.len() > 12 || self.shape[shape_slot(w)] & (1u64 << w.len()) == 0 {
            return 0;
        }
        let mut h = slot_hash(w);
        loop {
            let e = self.table[h];
            if e == 0 || self.words[e as usize].as_bytes() == w {
                return e;
            }
            h = (h + 1) & (TABLE - 1);
        }
    }
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

/// Byte classes of the tokenizer.
const SPACE: u8 = 0;
const BREAK: u8 = 1;
const ALPHA: u8 = 2;
const DIGIT: u8 = 3;
const OTHER: u8 = 4;

static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b == b' ' || b == b'\t' {
            SPACE
        } else if b == b'\n' || b == b'\r' || b == 0x0b || b == 0x0c {
            BREAK
        } else if b.is_ascii_alphabetic() {
            ALPHA
        } else if b.is_ascii_digit() {
            DIGIT
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// Splits `text` (whose ASCII-lowercased copy is `lower`) into tokens.
pub(crate) fn tokenize(text: &str, lower: &str, out: &mut Vec<Tok>) {
    let lower = lower.as_bytes();
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut last_end = usize::MAX;
    let mut joined = false;
    let lx = &*LEX;
    while i < n {
        let c = b[i];
        let start = i;
        let kind = match CLASS[c as usize] {
            SPACE => {
                i += 1;
                continue;
            }
            BREAK => {
                joined = false;
                i += 1;
                continue;
            }
            ALPHA => {
                i = letters_end(lower, i + 1);
                Kind::Word
            }
            DIGIT => {
                i += 1;
                loop {
                    if i >= n {
                        break;
                    }
                    let k = CLASS[b[i] as usize];
                    if k == DIGIT || matches!(b[i], b',' | b'.' | b':' | b'/') && i + 1 < n && b[i + 1].is_ascii_digit()
                    {
                        i += 1;
                    } else {
                        break;
                    }
                }
                while i < n && CLASS[b[i] as usize] == ALPHA {
                    i += 1;
                }
                Kind::Num
            }
            _ => {
                if c < 0x80 {
                    i += 1;
                } else {
                    // One whole character; whitespace beyond ASCII (no-break
                    // space) separates like a space.
                    i += 1;
                    while i < n && b[i] & 0xc0 == 0x80 {
                        i += 1;
                    }
                    if text.get(start..i).is_some_and(|ch| ch.chars().all(char::is_whitespace)) {
                        continue;
                    }
                }
                Kind::Punct
            }
        };
        let lex = if kind == Kind::Word { lx.lookup(&lower[start..i]) } else { 0 };
        out.push(Tok { start: start as u32, end: i as u32, kind, lex, joined, glued: start == last_end });
        last_end = i;
        joined = true;
    }
}

/// The end of the run of ASCII letters starting at `i` in the lower-cased
/// text, eight bytes at a time (a word boundary costs one branch, not one per
/// letter).
fn letters_end(lower: &[u8], mut i: usize) -> usize {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HI: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = lower.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let low7 = v & LO7;
        // High bit of each byte: >= 'a', > 'z', not ASCII.
        let ge_a = (low7 + 0x1f1f_1f1f_1f1f_1f1f) & HI;
        let gt_z = (low7 + 0x0505_0505_0505_0505) & HI;
        let letters = ge_a & !gt_z & !(v & HI);
        let other = !letters & HI;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < lower.len() && lower[i].is_ascii_lowercase() {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::letters_end;

    #[test]
    fn letter_runs() {
        for (s, start, end) in [
            ("hello world", 0, 5),
            ("abcdefghijklmnopq rst", 0, 17),
            ("ab", 0, 2),
            ("abcdefgh", 0, 8),
            ("abcdefgh`", 0, 8),
            ("abcdefgh{", 0, 8),
            ("abc\u{e9}def", 0, 3),
            ("x1y", 0, 1),
            ("zzzzzzzzzzzzzzzz@", 0, 16),
        ] {
            assert_eq!(letters_end(s.as_bytes(), start), end, "{s:?}");
        }
    }
}
