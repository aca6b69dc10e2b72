//! The word lists of rules/quotes.rules, loaded once, and the lookups the
//! attribution rules make on tokens.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::rules;

pub(crate) struct Lexicon {
    /// Cue word (lower case) -> the class it reports.
    cues: HashMap<String, &'static str>,
    takes_object: HashSet<String>,
    between: HashSet<String>,
    stop_back: HashSet<String>,
    stop_forward: HashSet<String>,
    lead: HashSet<String>,
    pronoun: HashSet<String>,
    thing: HashSet<String>,
}

/// The cue classes, in the order they are looked up. A word listed in two
/// classes takes the first.
const CLASSES: &[&str] = &["speech", "belief", "intention", "finding"];

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let f = rules::file("quotes.rules");
    let mut cues = HashMap::new();
    for &class in CLASSES {
        for w in f.section(class) {
            cues.entry(w.to_ascii_lowercase()).or_insert(class);
        }
    }
    Lexicon {
        cues,
        takes_object: f.lowercase_set("takes_object"),
        between: f.lowercase_set("between"),
        stop_back: f.lowercase_set("stop_back"),
        stop_forward: f.lowercase_set("stop_forward"),
        lead: f.lowercase_set("lead"),
        pronoun: f.lowercase_set("pronoun"),
        thing: f.lowercase_set("thing"),
    }
});

/// `w` in ASCII lower case in `buf`, or `None` when it is too long to be a
/// listed word (listed words are short).
pub(crate) fn lower<'b>(w: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let b = w.as_bytes();
    if b.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

fn has(set: &HashSet<String>, w: &str) -> bool {
    let mut buf = [0u8; 24];
    lower(w, &mut buf).is_some_and(|l| set.contains(l))
}

impl Lexicon {
    pub(crate) fn cue_class(&self, w: &str) -> Option<&'static str> {
        let mut buf = [0u8; 24];
        lower(w, &mut buf).and_then(|l| self.cues.get(l).copied())
    }
    pub(crate) fn takes_object(&self, w: &str) -> bool {
        has(&self.takes_object, w)
    }
    pub(crate) fn between(&self, w: &str) -> bool {
        has(&self.between, w)
    }
    pub(crate) fn stop_back(&self, w: &str) -> bool {
        has(&self.stop_back, w)
    }
    pub(crate) fn stop_forward(&self, w: &str) -> bool {
        has(&self.stop_forward, w) || has(&self.stop_back, w)
    }
    pub(crate) fn lead(&self, w: &str) -> bool {
        has(&self.lead, w)
    }
    pub(crate) fn pronoun(&self, w: &str) -> bool {
        has(&self.pronoun, w)
    }
    pub(crate) fn thing(&self, w: &str) -> bool {
        has(&self.thing, w)
    }
}

/// Whether the word starts with an upper-case letter or a digit.
pub(crate) fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}
