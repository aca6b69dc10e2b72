//! The word lists of rules/quotes.rules, loaded once, and the lookups the
//! attribution rules make on tokens.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::rules;

pub(crate) struct Lexicon {
    /// Open-addressing index over `words`: (FNV hash, index + 1), 0 empty.
    /// Every token is looked up, so this avoids the generic map's costs.
    table: Vec<(u64, u32)>,
    words: Vec<(Vec<u8>, &'static Entry)>,
    /// A bit for the signature (first, second and last letter, length) of
    /// every listed word: most words of a text are ruled out before hashing.
    present: Box<[u64; 1024]>,
    /// The same for cue words only: tokens look up only words that may be
    /// cues, the rest on demand.
    cue_present: Box<[u64; 1024]>,
}

/// What the lists of rules/quotes.rules say about one word.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    tags: u16,
    /// The cue class, when the word is a cue.
    pub(crate) class: Option<&'static str>,
}

pub(crate) const TAKES_OBJECT: u16 = 1;
pub(crate) const DIRECT_ONLY: u16 = 1 << 1;
pub(crate) const NOT_CONTENT_START: u16 = 1 << 2;
pub(crate) const BETWEEN: u16 = 1 << 3;
pub(crate) const STOP_BACK: u16 = 1 << 4;
pub(crate) const STOP_FORWARD: u16 = 1 << 5;
pub(crate) const LEAD: u16 = 1 << 6;
pub(crate) const PRONOUN: u16 = 1 << 7;
pub(crate) const THING: u16 = 1 << 8;
pub(crate) const NOT_SPEAKER: u16 = 1 << 9;

/// The cue classes, in the order they are looked up. A word listed in two
/// classes takes the first.
const CLASSES: &[&str] = &["speech", "belief", "intention", "finding", "stance", "appearance"];

/// The word-list sections and their tags.
const TAGS: &[(&str, u16)] = &[
    ("takes_object", TAKES_OBJECT),
    ("direct_only", DIRECT_ONLY),
    ("not_content_start", NOT_CONTENT_START),
    ("between", BETWEEN),
    ("stop_back", STOP_BACK),
    ("stop_forward", STOP_FORWARD),
    ("lead", LEAD),
    ("pronoun", PRONOUN),
    ("thing", THING),
    ("not_speaker", NOT_SPEAKER),
];

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let f = rules::file("quotes.rules");
    let mut map: HashMap<Vec<u8>, Entry> = HashMap::new();
    for &class in CLASSES {
        for w in f.section(class) {
            let e = map.entry(w.to_ascii_lowercase().into_bytes()).or_default();
            e.class.get_or_insert(class);
        }
    }
    for &(section, tag) in TAGS {
        for w in f.section(section) {
            map.entry(w.to_ascii_lowercase().into_bytes()).or_default().tags |= tag;
        }
    }
    let mut present = Box::new([0u64; 1024]);
    let mut cue_present = Box::new([0u64; 1024]);
    for (k, e) in &map {
        let g = signature(k);
        present[g >> 6] |= 1 << (g & 63);
        if e.class.is_some() {
            cue_present[g >> 6] |= 1 << (g & 63);
        }
    }
    // The entries live as long as the process: leak them once so tokens can
    // point at them.
    let map: &'static HashMap<Vec<u8>, Entry> = Box::leak(Box::new(map));
    let mut words: Vec<(Vec<u8>, &'static Entry)> = map.iter().map(|(k, e)| (k.clone(), e)).collect();
    words.sort_by(|a, b| a.0.cmp(&b.0));
    let size = (words.len() * 4).next_power_of_two().max(16);
    let mut table = vec![(0u64, 0u32); size];
    for (i, (w, _)) in words.iter().enumerate() {
        let h = fnv(w);
        let mut j = (h as usize) & (size - 1);
        while table[j].1 != 0 {
            j = (j + 1) & (size - 1);
        }
        table[j] = (h, i as u32 + 1);
    }
    Lexicon { table, words, present, cue_present }
});

/// A 16-bit signature of a word from its first, second and last byte (ASCII
/// lower-cased) and its length.
fn signature(b: &[u8]) -> usize {
    let n = b.len();
    let f = usize::from(b[0].to_ascii_lowercase());
    let s = usize::from(b.get(1).map_or(0, u8::to_ascii_lowercase));
    let l = usize::from(b[n - 1].to_ascii_lowercase());
    (f.wrapping_mul(31 * 31 * 37) ^ s.wrapping_mul(31 * 37) ^ l.wrapping_mul(37) ^ n).wrapping_mul(0x9e37) >> 3 & 0xffff
}

/// FNV-1a over bytes.
fn fnv(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h = (h ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Lexicon {
    /// The entry of `w` (case-insensitive), if a list names it.
    pub(crate) fn entry(&'static self, w: &str) -> Option<&'static Entry> {
        let b = w.as_bytes();
        if b.is_empty() || b.len() > 24 {
            return None;
        }
        let g = signature(b);
        if self.present[g >> 6] & (1 << (g & 63)) == 0 {
            return None;
        }
        let mut buf = [0u8; 24];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        let key = &buf[..b.len()];
        let h = fnv(key);
        let mask = self.table.len() - 1;
        let mut j = (h as usize) & mask;
        loop {
            let (th, ti) = self.table[j];
            if ti == 0 {
                return None;
            }
            if th == h {
                let (w, e) = &self.words[ti as usize - 1];
                if w.as_slice() == key {
                    return Some(e);
                }
            }
            j = (j + 1) & mask;
        }
    }
    /// Whether any word of `s` may be a cue or "according" (no false
    /// negatives): a paragraph without one, and without quotation marks,
    /// holds no quote and is not tokenised.
    pub(crate) fn any_cue(&self, s: &str) -> bool {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let w = &b[start..i];
            if w.len() > 1 && w.len() <= 24 {
                let g = signature(w);
                if self.cue_present[g >> 6] & (1 << (g & 63)) != 0 || w.eq_ignore_ascii_case(b"according") {
                    return true;
                }
            }
        }
        false
    }

    /// Whether `w` may be a cue (no false negatives).
    pub(crate) fn maybe_cue(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if b.is_empty() || b.len() > 24 {
            return false;
        }
        let g = signature(b);
        self.cue_present[g >> 6] & (1 << (g & 63)) != 0
    }
    fn has(&'static self, w: &str, tag: u16) -> bool {
        self.entry(w).is_some_and(|e| e.tags & tag != 0)
    }
    pub(crate) fn cue_class(&'static self, w: &str) -> Option<&'static str> {
        self.entry(w).and_then(|e| e.class)
    }
    pub(crate) fn takes_object(&'static self, w: &str) -> bool {
        self.has(w, TAKES_OBJECT)
    }
    pub(crate) fn direct_only(&'static self, w: &str) -> bool {
        self.has(w, DIRECT_ONLY)
    }
    pub(crate) fn not_content_start(&'static self, w: &str) -> bool {
        self.has(w, NOT_CONTENT_START)
    }
    pub(crate) fn stop_back(&'static self, w: &str) -> bool {
        self.has(w, STOP_BACK)
    }
    pub(crate) fn stop_forward(&'static self, w: &str) -> bool {
        self.has(w, STOP_FORWARD | STOP_BACK)
    }
    pub(crate) fn pronoun(&'static self, w: &str) -> bool {
        self.has(w, PRONOUN)
    }
    pub(crate) fn thing(&'static self, w: &str) -> bool {
        self.has(w, THING)
    }
}

/// Whether token `t`'s word is in a list with tag `tag` (a possible cue's
/// entry was looked up when the token was made, others are looked up now).
pub(crate) fn tagged(text: &str, t: &super::tokens::Token, tag: u16) -> bool {
    let e =
        if t.lex.is_some() || t.kind != super::tokens::Tok::Word { t.lex } else { LEXICON.entry(t.span.slice(text)) };
    e.is_some_and(|e| e.tags & tag != 0)
}

/// Whether the word starts with an upper-case letter or a digit.
pub(crate) fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}
