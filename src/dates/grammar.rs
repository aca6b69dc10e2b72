//! Recognition: which tokens form a temporal expression, and what it means
//! before the document date is known (a [`Sem`]).
//!
//! [`G::parse_at`] tries, at one token, an optional quantity modifier
//! ("about", "more than"), an optional position modifier ("the end of",
//! "early", "mid-"), an optional "the", and then the core rules, longest
//! first within each family. Spans follow the TimeML/TempEval-3 annotation:
//! "the" is inside for periods ("the third quarter", "the past three
//! months"), modifiers are inside, prepositions ("in", "by", "on") are not.

use super::calendar::Unit;
use super::lexicon::{Kind, Lex, Phrases, Tok, LEX};
use crate::document::TimexType;

/// How a bare weekday, month or season is placed relative to the document
/// date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rel {
    /// By the tense of the sentence.
    Tense,
    Last,
    Next,
    This,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Sem {
    /// A value that needs no anchor: "1998", "P3Y", "PRESENT_REF".
    Lit(String),
    /// A calendar date; a missing year comes from the document date.
    Date {
        y: Option<i32>,
        m: u8,
        d: Option<u8>,
        rel: Rel,
    },
    Weekday {
        wd: u8,
        rel: Rel,
    },
    /// The unit containing the document date, shifted by `n`: "today" (Day 0),
    /// "last week" (Week -1), "next year" (Year 1).
    RelUnit {
        unit: Unit,
        n: i32,
    },
    /// `n` units before (`dir` -1) or after (+1) the document date ("three
    /// years ago") or the date before it ("two years later": `from_prev`).
    Shift {
        unit: Unit,
        n: Option<f64>,
        dir: i32,
        from_prev: bool,
    },
    Quarter {
        q: u8,
        y: Option<i32>,
        yshift: i32,
    },
    Half {
        h: u8,
        y: Option<i32>,
    },
    /// The quarter just reported: "the quarter", "the latest quarter".
    LatestQuarter,
    Season {
        s: &'static str,
        y: Option<i32>,
        rel: Rel,
    },
    /// A clock time on a day (`None`: the document date).
    Time {
        h: u8,
        mi: u8,
        day: Option<Box<Sem>>,
    },
    /// A part of a day: "Friday night", "this morning".
    Part {
        part: &'static str,
        day: Box<Sem>,
    },
    /// A month of the year of the document date shifted by `n`: "June last year".
    MonthOfYear {
        m: u8,
        n: i32,
    },
    /// The weekend of the document date's week (or the one before it).
    Weekend {
        n: i32,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct Cand {
    /// Token range, end exclusive.
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    pub ty: TimexType,
    pub modifier: Option<&'static str>,
    pub rule: &'static str,
}

/// What a core rule found: its end token, meaning, type, rule name, and
/// whether a leading "the" belongs to the span.
struct Core {
    end: usize,
    sem: Sem,
    ty: TimexType,
    rule: &'static str,
    takes_the: bool,
}

fn core(end: usize, sem: Sem, ty: TimexType, rule: &'static str) -> Option<Core> {
    Some(Core { end, sem, ty, rule, takes_the: true })
}

pub(crate) struct G<'a> {
    pub text: &'a str,
    pub lower: &'a [u8],
    pub toks: &'a [Tok],
}

const EMPTY: Lex = Lex {
    month: 0,
    month_ambiguous: false,
    month_context: false,
    weekday: 0,
    season: None,
    part: None,
    unit: None,
    number: None,
    vague: false,
    ordinal: 0,
    reference: None,
    set: None,
    future: false,
    past: false,
    trigger: false,
};

impl<'a> G<'a> {
    pub(crate) fn n(&self) -> usize {
        self.toks.len()
    }

    /// The lower-case text of token `i` ("" past the end).
    pub(crate) fn w(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => std::str::from_utf8(&self.lower[t.start as usize..t.end as usize]).unwrap_or(""),
            None => "",
        }
    }

    /// The original text of token `i`.
    fn raw(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => self.text.get(t.start as usize..t.end as usize).unwrap_or(""),
            None => "",
        }
    }

    pub(crate) fn lex(&self, i: usize) -> &'static Lex {
        match self.toks.get(i) {
            Some(t) if t.lex > 0 => &LEX.entries[t.lex as usize],
            _ => &EMPTY,
        }
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Token `i` continues the phrase of token `i - 1` (same line).
    fn ok(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.joined)
    }

    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }

    /// Token `i` is the word `s` and continues the phrase.
    fn is(&self, i: usize, s: &str) -> bool {
        self.ok(i) && self.w(i) == s
    }

    fn capitalized(&self, i: usize) -> bool {
        self.raw(i).as_bytes().first().is_some_and(u8::is_ascii_uppercase)
    }

    fn all_caps(&self, i: usize) -> bool {
        let r = self.raw(i);
        !r.is_empty() && r.bytes().all(|b| b.is_ascii_uppercase())
    }

    /// A plain number token (digits only) and its value.
    fn plain(&self, i: usize) -> Option<u32> {
        if self.kind(i) != Some(Kind::Num) {
            return None;
        }
        let r = self.raw(i);
        if r.len() > 9 || !r.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        r.parse().ok()
    }

    /// A four-digit year 1000..=2099.
    fn year(&self, i: usize) -> Option<i32> {
        let r = self.raw(i);
        if r.len() != 4 {
            return None;
        }
        let y = self.plain(i)? as i32;
        ((1000..=2099).contains(&y)).then_some(y)
    }

    /// A day number 1..=31, with or without an ordinal suffix ("31st").
    fn day(&self, i: usize) -> Option<u8> {
        if self.kind(i) != Some(Kind::Num) {
            return None;
        }
        let w = self.w(i);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
            return None;
        }
        let d: u8 = digits.parse().ok()?;
        ((1..=31).contains(&d)).then_some(d)
    }

    /// Matches one of `phrases` starting at token `i` (the first word need
    /// not continue a phrase). Returns the end token and the value.
    fn phrase(&self, i: usize, phrases: &'static Phrases) -> Option<(usize, &'static str)> {
        let first = self.w(i);
        let mut best: Option<(usize, &'static str)> = None;
        for (words, v) in phrases {
            if !words[0].eq_ignore_ascii_case(first) {
                continue;
            }
            let ok =
                words.iter().enumerate().skip(1).all(|(k, w)| self.ok(i + k) && self.w(i + k).eq_ignore_ascii_case(w));
            if ok && best.is_none_or(|b| b.0 < i + words.len()) {
                best = Some((i + words.len(), v));
            }
        }
        best
    }

    /// A phrase of `not_a_date` covers token `i`.
    pub(crate) fn in_not_a_date(&self, i: usize) -> bool {
        LEX.not_a_date.iter().any(|(words, _)| {
            (0..words.len()).any(|k| {
                i >= k
                    && words.iter().enumerate().all(|(j, w)| {
                        let t = i - k + j;
                        self.w(t) == *w && (j == 0 || self.ok(t) || self.glued(t))
                    })
            })
        })
    }

    /// Tries every rule at token `i`.
    pub(crate) fn parse_at(&self, i: usize) -> Option<Cand> {
        let mut k = i;
        let mut qmod = None;
        if let Some((e, m)) = self.phrase(i, &LEX.quantity_mod) {
            if self.ok(e) {
                k = e;
                qmod = Some(m);
            }
        }
        let mut pmod = None;
        // "the late 1970s", "the mid-1990s": "the" before the modifier.
        let the_before = self.w(k) == "the" && matches!(self.w(k + 1), "early" | "late" | "mid") && self.ok(k + 1);
        let k0 = k;
        if the_before {
            k += 1;
        }
        let mut p = k;
        if let Some((e, m)) = self.phrase(k, &LEX.position_mod) {
            let w = self.w(k);
            if w == "earlier" || w == "later" {
                // "earlier this year", "later in September".
                if self.is(e, "this") || self.is(e, "next") || self.is(e, "last") {
                    p = e;
                    pmod = Some(m);
                } else if self.is(e, "in") && (self.lex(e + 1).month > 0 || self.is(e + 1, "the")) {
                    p = e + 1;
                }
            } else if w == "mid" && self.w(e) == "-" && self.glued(e) {
                p = e + 1;
                pmod = Some(m);
            } else if self.ok(e) && !(w == "mid" && self.w(e) == "-") {
                p = e;
                pmod = Some(m);
            }
        }
        if p != k {
            if let Some(c) = self.core_the(p) {
                if datelike(&c.sem) {
                    return Some(Cand { start: k0, end: c.end, sem: c.sem, ty: c.ty, modifier: pmod, rule: c.rule });
                }
            }
        }
        if the_before {
            return None;
        }
        let c = self.core_the(k)?;
        let amount_like = matches!(c.ty, TimexType::Duration | TimexType::Time) || matches!(c.sem, Sem::Shift { .. });
        let (start, modifier) = if qmod.is_some() && amount_like && c.start == k { (i, qmod) } else { (c.start, None) };
        Some(Cand { start, end: c.end, sem: c.sem, ty: c.ty, modifier, rule: c.rule })
    }

    /// An optional "the", then a core rule.
    fn core_the(&self, k: usize) -> Option<CoreAt> {
        if self.w(k) == "the" && self.ok(k + 1) {
            if let Some(c) = self.core(k + 1, true) {
                let start = if c.takes_the { k } else { k + 1 };
                return Some(CoreAt { start, end: c.end, sem: c.sem, ty: c.ty, rule: c.rule });
            }
            return None;
        }
        let c = self.core(k, false)?;
        Some(CoreAt { start: k, end: c.end, sem: c.sem, ty: c.ty, rule: c.rule })
    }

    fn core(&self, c: usize, the: bool) -> Option<Core> {
        match self.kind(c)? {
            Kind::Num => self.num_led(c, the),
            Kind::Word => self.word_led(c, the),
            Kind::Punct => None,
        }
    }

    fn num_led(&self, c: usize, the: bool) -> Option<Core> {
        let raw = self.raw(c);
        // Slash dates: 9/27/2024, 9/27/24.
        if raw.contains('/') {
            let parts: Vec<&str> = raw.split('/').collect();
            if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
                let (m, d) = (parts[0].parse::<u8>().ok()?, parts[1].parse::<u8>().ok()?);
                let y: i32 = match parts[2].len() {
                    4 => parts[2].parse().ok()?,
                    2 => {
                        let v: i32 = parts[2].parse().ok()?;
                        if v < 50 {
                            2000 + v
                        } else {
                            1900 + v
                        }
                    }
                    _ => return None,
                };
                if (1..=12).contains(&m) && (1..=31).contains(&d) {
                    return no_the(core(
                        c + 1,
                        Sem::Date { y: Some(y), m, d: Some(d), rel: Rel::Tense },
                        TimexType::Date,
                        "slash date",
                    ));
                }
            }
            return None;
        }
        if raw.contains(':') {
            return self.clock(c);
        }
        // 3 p.m., 10pm
        if let Some(t) = self.clock(c) {
            return Some(t);
        }
        if let Some(y) = self.year(c) {
            // ISO 2024-09-27 and 2024-09.
            if self.w(c + 1) == "-" && self.glued(c + 1) && self.glued(c + 2) && self.raw(c + 2).len() == 2 {
                if let Some(m) = self.plain(c + 2).filter(|m| (1..=12).contains(m)) {
                    if self.w(c + 3) == "-" && self.glued(c + 3) && self.glued(c + 4) && self.raw(c + 4).len() == 2 {
                        if let Some(d) = self.plain(c + 4).filter(|d| (1..=31).contains(d)) {
                            return no_the(core(
                                c + 5,
                                Sem::Date { y: Some(y), m: m as u8, d: Some(d as u8), rel: Rel::Tense },
                                TimexType::Date,
                                "iso date",
                            ));
                        }
                    }
                }
            }
            // "the 1988 second quarter", "the 1988 period".
            if the {
                let o = self.lex(c + 1).ordinal;
                if self.ok(c + 1) && (1..=4).contains(&o) && self.is(c + 2, "quarter") {
                    return core(c + 3, Sem::Quarter { q: o, y: Some(y), yshift: 0 }, TimexType::Date, "year quarter");
                }
                if self.is(c + 1, "period") {
                    return core(c + 2, Sem::Lit(y.to_string()), TimexType::Date, "year period");
                }
            }
            if self.year_context_bad(c) {
                return None;
            }
            // Outside 1900-2099 a number is a year only after a date word:
            // "in 1776", "since 1850" (not "S. 1404", "1000 troops").
            if !(1900..=2099).contains(&y) {
                let prev = if c > 0 && self.ok(c) { self.w(c - 1) } else { "" };
                if !matches!(
                    prev,
                    "in" | "since"
                        | "of"
                        | "by"
                        | "from"
                        | "until"
                        | "to"
                        | "during"
                        | "before"
                        | "after"
                        | "early"
                        | "late"
                        | "mid"
                        | "around"
                        | "circa"
                ) {
                    return None;
                }
            }
            return no_the(core(c + 1, Sem::Lit(y.to_string()), TimexType::Date, "year"));
        }
        // 1990s
        let w = self.w(c);
        if w.len() == 5 && w.ends_with('s') {
            if let Ok(y) = w[..4].parse::<i32>() {
                if (1000..=2090).contains(&y) && y % 10 == 0 {
                    return core(c + 1, Sem::Lit((y / 10).to_string()), TimexType::Date, "decade");
                }
            }
        }
        // 20th century
        if let Some(d) = self.day(c) {
            if self.w(c).len() > 2 && self.is(c + 1, "century") {
                return core(c + 2, Sem::Lit(format!("{:02}", d.saturating_sub(1))), TimexType::Date, "century");
            }
            // 27 September 2024, the 27th of September
            let mut j = c + 1;
            if the && self.is(j, "of") {
                j += 1;
            }
            let lx = self.lex(j);
            if self.ok(j) && lx.month > 0 && self.capitalized(j) {
                let mut e = j + 1;
                if self.w(e) == "." && self.glued(e) {
                    e += 1;
                }
                let mut y = None;
                if self.ok(e) {
                    if let Some(yy) = self.year(e) {
                        y = Some(yy);
                        e += 1;
                    } else if self.w(e) == "," && self.ok(e + 1) && self.year(e + 1).is_some() {
                        y = self.year(e + 1);
                        e += 2;
                    }
                }
                return core(
                    e,
                    Sem::Date { y, m: lx.month, d: Some(d), rel: Rel::Tense },
                    TimexType::Date,
                    "day month",
                );
            }
        }
        self.amount_led(c, the)
    }

    /// A four-digit number that is a quantity, not a year: "$1990",
    /// "about 2000", "1990%".
    fn year_context_bad(&self, c: usize) -> bool {
        if c > 0 && self.glued(c) && matches!(self.w(c - 1), "$" | "#" | "£" | "€" | "." | "/") {
            return true;
        }
        if c > 1 && self.glued(c) && self.w(c - 1) == "-" && self.glued(c - 1) && self.kind(c - 2) == Some(Kind::Num) {
            return true;
        }
        if self.glued(c + 1) && matches!(self.w(c + 1), "%" | "-") {
            return true;
        }
        if c > 0
            && self.ok(c)
            && matches!(
                self.w(c - 1),
                "about"
                    | "nearly"
                    | "some"
                    | "than"
                    | "approximately"
                    | "almost"
                    | "roughly"
                    | "around"
                    | "only"
                    | "just"
                    | "no"
                    | "number"
                    | "flight"
                    | "route"
                    | "room"
                    | "page"
            )
        {
            return true;
        }
        let next = self.w(c + 1);
        self.ok(c + 1)
            && matches!(
                next,
                "percent"
                    | "people"
                    | "troops"
                    | "shares"
                    | "workers"
                    | "employees"
                    | "dollars"
                    | "miles"
                    | "feet"
                    | "meters"
                    | "tons"
                    | "points"
                    | "soldiers"
                    | "men"
                    | "women"
                    | "jobs"
                    | "cars"
                    | "units"
                    | "residents"
                    | "students"
                    | "acres"
                    | "hours"
                    | "days"
                    | "years"
            )
    }

    /// A clock time at token `c`: "3 p.m.", "10:35 a.m.", "10pm", then a time
    /// zone and a day.
    fn clock(&self, c: usize) -> Option<Core> {
        let w = self.w(c);
        let (num, suffix) = w.split_at(w.find(|ch: char| ch.is_ascii_alphabetic()).unwrap_or(w.len()));
        let (h, mi) = match num.split_once(':') {
            Some((h, m)) if m.len() == 2 => (h.parse::<u8>().ok()?, m.parse::<u8>().ok()?),
            Some(_) => return None,
            None => (num.parse::<u8>().ok()?, 0),
        };
        if h > 24 || mi > 59 {
            return None;
        }
        let mut e = c + 1;
        let mut pm = None;
        match suffix {
            "am" | "a" => pm = Some(false),
            "pm" | "p" => pm = Some(true),
            "" => {}
            _ => return None,
        }
        if pm.is_none() {
            if let Some((end, is_pm)) = self.ampm(e) {
                pm = Some(is_pm);
                e = end;
            } else if self.is(e, "o") && self.w(e + 1) == "'" && self.is(e + 2, "clock") {
                e += 3;
            } else if !num.contains(':') {
                return None;
            }
        } else if suffix.len() == 1 {
            // "10a.m.": the rest of the suffix.
            if self.w(e) == "." && self.glued(e) && self.w(e + 1) == "m" && self.glued(e + 1) {
                e += 2;
                if self.w(e) == "." && self.glued(e) {
                    e += 1;
                }
            } else {
                return None;
            }
        }
        let h = match pm {
            Some(true) if h < 12 => h + 12,
            Some(false) if h == 12 => 0,
            _ => h,
        };
        if pm.is_some() && (h > 23) {
            return None;
        }
        self.time_tail(c, e, h, mi)
    }

    /// "a.m." / "p.m." / "am" / "pm" at token `e`.
    fn ampm(&self, e: usize) -> Option<(usize, bool)> {
        if !self.ok(e) {
            return None;
        }
        match self.w(e) {
            "am" | "pm" => Some((e + 1, self.w(e) == "pm")),
            "a" | "p" if self.w(e + 1) == "." && self.glued(e + 1) && self.w(e + 2) == "m" && self.glued(e + 2) => {
                let mut end = e + 3;
                if self.w(end) == "." && self.glued(end) {
                    end += 1;
                }
                Some((end, self.w(e) == "p"))
            }
            _ => None,
        }
    }

    /// After a clock time ending before token `e`: a time zone, then a day.
    fn time_tail(&self, c: usize, mut e: usize, h: u8, mi: u8) -> Option<Core> {
        if let Some((end, _)) = self.phrase(e, &LEX.time_zone) {
            if self.ok(e) && (self.all_caps(e) || self.w(e) == "local") {
                e = end;
            }
        }
        let mut f = e;
        if self.w(f) == "," && self.ok(f) {
            f += 1;
        }
        let mut day = None;
        if self.ok(f) {
            if let Some(d) = self.day_word(f) {
                day = Some(d);
            }
        }
        let (end, day) = match day {
            Some((end, sem)) => (end, Some(Box::new(sem))),
            None => (e, None),
        };
        let _ = c;
        no_the(core(end, Sem::Time { h, mi, day }, TimexType::Time, "clock time"))
    }

    /// A day after a clock time: a weekday, "today", "yesterday",
    /// "tomorrow", or a month and day.
    fn day_word(&self, f: usize) -> Option<(usize, Sem)> {
        let lx = self.lex(f);
        if lx.weekday > 0 && self.capitalized(f) {
            return Some((f + 1, Sem::Weekday { wd: lx.weekday, rel: Rel::Tense }));
        }
        match self.w(f) {
            "today" => return Some((f + 1, Sem::RelUnit { unit: Unit::Day, n: 0 })),
            "yesterday" => return Some((f + 1, Sem::RelUnit { unit: Unit::Day, n: -1 })),
            "tomorrow" => return Some((f + 1, Sem::RelUnit { unit: Unit::Day, n: 1 })),
            _ => {}
        }
        if lx.month > 0 && self.capitalized(f) {
            if let Some(c) = self.month_led(f) {
                if matches!(c.sem, Sem::Date { d: Some(_), .. }) {
                    return Some((c.end, c.sem));
                }
            }
        }
        None
    }

    fn word_led(&self, c: usize, the: bool) -> Option<Core> {
        let lx = self.lex(c);
        let w = self.w(c);
        if lx.month > 0 && self.capitalized(c) {
            if let Some(r) = self.month_led(c) {
                return no_the(Some(r));
            }
        }
        if lx.weekday > 0 && self.capitalized(c) {
            if let Some(r) = self.weekday_led(c, Rel::Tense, c) {
                return no_the(Some(r));
            }
        }
        if lx.season.is_some() {
            if let Some(r) = self.season_led(c, Rel::Tense, the) {
                return Some(r);
            }
        }
        match w {
            "last" | "next" | "this" | "past" | "coming" | "previous" | "following" | "current" | "latest"
            | "recent" | "prior" | "same" | "first" => {
                if let Some(r) = self.rel_led(c, the) {
                    return Some(r);
                }
            }
            "today" | "yesterday" | "tomorrow" | "tonight" => return self.today_led(c),
            "fiscal" => return self.fiscal(c, the),
            "noon" | "midnight" => {
                let h = if w == "noon" { 12 } else { 24 };
                let mut e = c + 1;
                let mut day = None;
                if self.ok(e) {
                    if let Some((end, d)) = self.day_word(e) {
                        day = Some(Box::new(d));
                        e = end;
                    }
                }
                return no_the(core(e, Sem::Time { h, mi: 0, day }, TimexType::Time, "noon"));
            }
            "every" | "each" | "per" => return self.set_led(c),
            "once" | "twice" => {
                // "twice a year"
                if self.is(c + 1, "a") {
                    if let Some((u, _)) = self.lex(c + 2).unit.filter(|_| self.ok(c + 2)) {
                        return no_the(core(
                            c + 3,
                            Sem::Lit(super::calendar::duration(Some(1.0), u)),
                            TimexType::Set,
                            "times a unit",
                        ));
                    }
                }
                return None;
            }
            "year" => {
                // "year-earlier", "year-ago" (+ quarter / period)
                if self.w(c + 1) == "-" && self.glued(c + 1) && self.glued(c + 2) {
                    let x = self.w(c + 2);
                    if x == "earlier" || x == "ago" {
                        let mut e = c + 3;
                        if self.is(e, "quarter") || self.is(e, "period") {
                            e += 1;
                        } else if the {
                            return None;
                        }
                        return core(
                            e,
                            Sem::Shift { unit: Unit::Year, n: Some(1.0), dir: -1, from_prev: false },
                            TimexType::Date,
                            "year-earlier",
                        );
                    }
                    if x == "end" {
                        return core(c + 3, Sem::RelUnit { unit: Unit::Year, n: 0 }, TimexType::Date, "year-end");
                    }
                }
            }
            _ => {}
        }
        if let Some(r) = lx.reference {
            // "recent years" is a vague past too.
            let e = c + 1;
            if w == "current" && the {
                return None;
            }
            return no_the(core(e, Sem::Lit(r.to_string()), TimexType::Date, "reference"));
        }
        if let Some(s) = lx.set {
            return no_the(core(c + 1, Sem::Lit(s.to_string()), TimexType::Set, "frequency"));
        }
        if the {
            match w {
                "past" if !self.starts_amount(c + 1) => {
                    return core(c + 1, Sem::Lit("PAST_REF".into()), TimexType::Date, "the past")
                }
                "future" => return core(c + 1, Sem::Lit("FUTURE_REF".into()), TimexType::Date, "the future"),
                "present" => return core(c + 1, Sem::Lit("PRESENT_REF".into()), TimexType::Date, "the present"),
                "year" | "fiscal" => {
                    let ended = matches!(self.w(c + 1), "ended" | "ending" | "through" | "to");
                    if ended {
                        return core(c + 1, Sem::Lit("P1Y".into()), TimexType::Duration, "the year ended");
                    }
                    return core(c + 1, Sem::RelUnit { unit: Unit::Year, n: 0 }, TimexType::Date, "the year");
                }
                "quarter" | "period" => {
                    if matches!(self.w(c + 1), "ended" | "ending" | "through") && w == "period" {
                        return None;
                    }
                    if w == "period" {
                        return None;
                    }
                    return core(c + 1, Sem::LatestQuarter, TimexType::Date, "the quarter");
                }
                "week" => return core(c + 1, Sem::RelUnit { unit: Unit::Week, n: 0 }, TimexType::Date, "the week"),
                "month" => return core(c + 1, Sem::RelUnit { unit: Unit::Month, n: 0 }, TimexType::Date, "the month"),
                "weekend" => return core(c + 1, Sem::Weekend { n: 0 }, TimexType::Date, "the weekend"),
                _ => {}
            }
        }
        if lx.ordinal > 0 {
            if let Some(r) = self.ordinal_led(c) {
                return Some(r);
            }
        }
        self.amount_led(c, the)
    }

    fn starts_amount(&self, c: usize) -> bool {
        self.ok(c)
            && (self.kind(c) == Some(Kind::Num)
                || self.lex(c).number.is_some()
                || self.lex(c).unit.is_some()
                || self.lex(c).vague)
    }

    /// A month name: with a day and year, a year, or alone.
    fn month_led(&self, c: usize) -> Option<Core> {
        let lx = self.lex(c);
        let m = lx.month;
        let w = self.w(c);
        let full = w.len() > 4 || w == "may" || w == "june" || w == "july";
        let mut e = c + 1;
        if self.w(e) == "." && self.glued(e) {
            if full {
                return self.bare_month(c, e);
            }
            e += 1;
        } else if !full && w != "sept" {
            // An abbreviation needs its period or a day/year after it.
        }
        if self.ok(e) {
            if let Some(d) = self.day(e).filter(|_| {
                self.raw(e).len() <= 4 && !self.glued(e + 1) || self.w(e + 1) == "," || self.w(e + 1) == "."
            }) {
                // Not a clock time or a decimal: "May 5:30", "Sept. 5.5".
                let mut f = e + 1;
                let mut y = None;
                if self.w(f) == "," && self.ok(f + 1) {
                    if let Some(yy) = self.year(f + 1) {
                        y = Some(yy);
                        f += 2;
                    }
                } else if self.ok(f) {
                    if let Some(yy) = self.year(f) {
                        y = Some(yy);
                        f += 1;
                    }
                }
                return no_the(core(f, Sem::Date { y, m, d: Some(d), rel: Rel::Tense }, TimexType::Date, "month day"));
            }
            if let Some(y) = self.year(e) {
                return core(
                    e + 1,
                    Sem::Date { y: Some(y), m, d: None, rel: Rel::Tense },
                    TimexType::Date,
                    "month year",
                );
            }
            if self.w(e) == "of" && self.ok(e + 1) {
                if let Some(y) = self.year(e + 1) {
                    return core(
                        e + 2,
                        Sem::Date { y: Some(y), m, d: None, rel: Rel::Tense },
                        TimexType::Date,
                        "month of year",
                    );
                }
            }
            if self.w(e) == "," && self.ok(e + 1) && self.raw(e + 1).len() == 4 {
                if let Some(y) = self.year(e + 1) {
                    return core(
                        e + 2,
                        Sem::Date { y: Some(y), m, d: None, rel: Rel::Tense },
                        TimexType::Date,
                        "month year",
                    );
                }
            }
            // "June last year", "January this year"
            if matches!(self.w(e), "last" | "this" | "next") && self.is(e + 1, "year") {
                let n = match self.w(e) {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                return core(e + 2, Sem::MonthOfYear { m, n }, TimexType::Date, "month relative year");
            }
        }
        if !full && self.w(c + 1) != "." {
            return None;
        }
        self.bare_month(c, if self.w(c + 1) == "." && self.glued(c + 1) && !full { c + 2 } else { c + 1 })
    }

    fn bare_month(&self, c: usize, e: usize) -> Option<Core> {
        let lx = self.lex(c);
        if c > 1 && self.w(c - 1) == "-" && self.glued(c) && !matches!(self.w(c - 2), "mid" | "late" | "early") {
            return None;
        }
        if lx.month_ambiguous || self.w(c).len() <= 4 {
            let prev = if c > 0 && self.ok(c) { self.lex(c - 1) } else { &EMPTY };
            if !prev.month_context {
                return None;
            }
            // "in May" at the start of a title-case line is still a date;
            // "May" after a capitalised word is a name ("Theresa May").
        }
        if c > 0
            && self.ok(c)
            && self.capitalized(c - 1)
            && self.kind(c - 1) == Some(Kind::Word)
            && !self.lex(c - 1).month_context
            && !self.lex(c - 1).trigger
        {
            return None;
        }
        core(e, Sem::Date { y: None, m: lx.month, d: None, rel: Rel::Tense }, TimexType::Date, "month")
    }

    /// A weekday, with a date after it ("Tuesday, Sept. 17"), or a part of
    /// the day ("Friday night").
    fn weekday_led(&self, c: usize, rel: Rel, start: usize) -> Option<Core> {
        let _ = start;
        let wd = self.lex(c).weekday;
        let mut e = c + 1;
        if self.w(e) == "." && self.glued(e) && self.w(c).len() <= 4 {
            e += 1;
        } else if self.w(c).len() <= 4 && !matches!(self.w(c), "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun") {
            // abbreviations other than the three-letter ones need a period
        } else if self.w(c).len() <= 4 {
            return None;
        }
        // A month and day after the weekday name it.
        let mut f = e;
        if self.w(f) == "," {
            f += 1;
        }
        if self.ok(f) && self.lex(f).month > 0 && self.capitalized(f) {
            if let Some(r) = self.month_led(f) {
                if matches!(r.sem, Sem::Date { d: Some(_), .. }) {
                    return core(r.end, r.sem, TimexType::Date, "weekday date");
                }
            }
        }
        let day = Sem::Weekday { wd, rel };
        if self.ok(e) {
            // "Friday night": TE3 annotates the day itself.
            if self.lex(e).part.is_some() {
                return core(e + 1, day, TimexType::Date, "weekday part");
            }
        }
        core(e, day, TimexType::Date, "weekday")
    }

    fn season_led(&self, c: usize, rel: Rel, the: bool) -> Option<Core> {
        let s = self.lex(c).season?;
        let mut e = c + 1;
        if self.is(e, "of") && self.ok(e + 1) {
            if let Some(y) = self.year(e + 1) {
                return core(e + 2, Sem::Season { s, y: Some(y), rel }, TimexType::Date, "season of year");
            }
        }
        if self.ok(e) {
            if let Some(y) = self.year(e) {
                e += 1;
                return core(e, Sem::Season { s, y: Some(y), rel }, TimexType::Date, "season year");
            }
        }
        if rel == Rel::Tense {
            // A bare season needs a preposition or "the": "in the fall".
            let prev = if c > 0 && self.ok(c) { self.w(c - 1) } else { "" };
            let prev2 = if c > 1 && self.ok(c - 1) { self.w(c - 2) } else { "" };
            let ctx = |p: &str| matches!(p, "in" | "during" | "this" | "by" | "until" | "through" | "since" | "over");
            if !(ctx(prev) || the && ctx(prev2)) {
                return None;
            }
            if self.ok(e) && self.lex(e).unit.is_some() {
                return None;
            }
        }
        core(e, Sem::Season { s, y: None, rel }, TimexType::Date, "season")
    }

    /// "last week", "next Friday", "this year's third quarter", "the past
    /// three months", "the latest quarter", "the following day".
    fn rel_led(&self, c: usize, the: bool) -> Option<Core> {
        let w = self.w(c);
        let j = c + 1;
        if !self.ok(j) {
            return None;
        }
        let rel = match w {
            "last" | "previous" | "prior" | "past" => Rel::Last,
            "next" | "coming" | "following" => Rel::Next,
            _ => Rel::This,
        };
        let n = match rel {
            Rel::Last => -1,
            Rel::Next => 1,
            _ => 0,
        };
        // An amount: a duration ("the past three months", "the next two weeks").
        if matches!(w, "past" | "last" | "next" | "coming" | "first" | "previous" | "latest" | "following" | "recent") {
            if let Some((e, amount, unit, _hy)) = self.amount(j) {
                if w == "coming" && amount.is_none() {
                    return core(e, Sem::Lit("FUTURE_REF".into()), TimexType::Date, "coming units");
                }
                if amount.is_some() || matches!(w, "past" | "last" | "recent" | "next" | "previous") {
                    let ty = TimexType::Duration;
                    return core(e, Sem::Lit(super::calendar::duration(amount, unit)), ty, "past amount");
                }
            }
        }
        if matches!(w, "current" | "this" | "last" | "next") && self.w(j) == "fiscal" && self.is(j + 1, "year") {
            return core(j + 2, Sem::RelUnit { unit: Unit::Year, n }, TimexType::Date, "relative fiscal year");
        }
        let lx = self.lex(j);
        if lx.weekday > 0 && self.capitalized(j) && matches!(w, "last" | "next" | "this" | "coming" | "past") {
            let r = self.weekday_led(j, rel, c)?;
            return no_the(core(r.end, r.sem, r.ty, r.rule));
        }
        if lx.month > 0 && self.capitalized(j) && matches!(w, "last" | "next" | "this" | "coming" | "past") {
            return no_the(core(
                j + 1,
                Sem::Date { y: None, m: lx.month, d: None, rel },
                TimexType::Date,
                "relative month",
            ));
        }
        if lx.season.is_some() && matches!(w, "last" | "next" | "this" | "coming" | "past") {
            return core(j + 1, Sem::Season { s: lx.season?, y: None, rel }, TimexType::Date, "relative season");
        }
        if let Some(p) = lx.part {
            if w == "this" || (w == "last" && p == "NI") {
                let day = Sem::RelUnit { unit: Unit::Day, n: if w == "last" { -1 } else { 0 } };
                return core(j + 1, Sem::Part { part: p, day: Box::new(day) }, TimexType::Time, "relative part");
            }
        }
        // "this year's third quarter", "last year's quarter"
        if self.w(j) == "year" && self.w(j + 1) == "'" && self.w(j + 2) == "s" && self.ok(j + 3) {
            let o = self.lex(j + 3).ordinal;
            let yshift = n;
            if (1..=4).contains(&o) && self.is(j + 4, "quarter") {
                return no_the(core(j + 5, Sem::Quarter { q: o, y: None, yshift }, TimexType::Date, "year's quarter"));
            }
            if self.is(j + 3, "quarter") {
                return no_the(core(
                    j + 4,
                    Sem::Shift { unit: Unit::Year, n: Some(1.0), dir: -1, from_prev: false },
                    TimexType::Date,
                    "last year's quarter",
                ));
            }
        }
        if w == "latest" && self.w(j) == "period" {
            return core(j + 1, Sem::LatestQuarter, TimexType::Date, "latest period");
        }
        let (unit, _) = lx.unit?;
        if self.w(j).ends_with('s') && unit != Unit::Weekend {
            return None;
        }
        if matches!(w, "following" | "same") || (w == "next" && the) || (w == "previous" && the) || w == "prior" {
            // Anchored on the date before: "the following day".
            if w == "same" {
                return None;
            }
            let dir = if rel == Rel::Last { -1 } else { 1 };
            return core(
                j + 1,
                Sem::Shift { unit, n: Some(1.0), dir, from_prev: true },
                TimexType::Date,
                "following unit",
            );
        }
        if w == "latest" || (w == "current" && unit == Unit::Quarter) {
            if false {
                return None;
            }
            if matches!(unit, Unit::Quarter) || self.w(j) == "period" {
                return core(j + 1, Sem::LatestQuarter, TimexType::Date, "latest quarter");
            }
            return None;
        }
        if w == "recent" || w == "first" {
            return None;
        }
        if w == "past" && matches!(unit, Unit::Decade | Unit::Century) {
            return core(j + 1, Sem::Lit(super::calendar::duration(Some(1.0), unit)), TimexType::Duration, "past unit");
        }
        if unit == Unit::Weekend {
            return core(j + 1, Sem::Weekend { n }, TimexType::Date, "relative weekend");
        }
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        core(j + 1, Sem::RelUnit { unit, n }, TimexType::Date, "relative unit")
    }

    fn today_led(&self, c: usize) -> Option<Core> {
        let (n, tonight) = match self.w(c) {
            "today" => (0, false),
            "yesterday" => (-1, false),
            "tomorrow" => (1, false),
            _ => (0, true),
        };
        let day = Sem::RelUnit { unit: Unit::Day, n };
        if tonight {
            return no_the(core(c + 1, Sem::Part { part: "NI", day: Box::new(day) }, TimexType::Time, "tonight"));
        }
        if self.ok(c + 1) {
            if let Some(p) = self.lex(c + 1).part {
                return no_the(core(c + 2, Sem::Part { part: p, day: Box::new(day) }, TimexType::Time, "day part"));
            }
        }
        no_the(core(c + 1, day, TimexType::Date, "today"))
    }

    fn fiscal(&self, c: usize, the: bool) -> Option<Core> {
        let mut e = c + 1;
        if self.is(e, "year") {
            e += 1;
        }
        if self.ok(e) {
            if let Some(y) = self.year(e) {
                return core(e + 1, Sem::Lit(y.to_string()), TimexType::Date, "fiscal year");
            }
            let w = self.w(e);
            if w.len() == 2 && w.bytes().all(|b| b.is_ascii_digit()) && self.raw(e - 1) != "year" {
                let v: i32 = w.parse().ok()?;
                let y = if v < 50 { 2000 + v } else { 1900 + v };
                return core(e + 1, Sem::Lit(y.to_string()), TimexType::Date, "fiscal year");
            }
            let o = self.lex(e).ordinal;
            if (1..=4).contains(&o) && self.is(e + 1, "quarter") && e == c + 1 {
                return core(e + 2, Sem::Quarter { q: o, y: None, yshift: 0 }, TimexType::Date, "fiscal quarter");
            }
        }
        if e == c + 2 && the {
            if matches!(self.w(e), "ended" | "ending" | "through") {
                return core(e, Sem::Lit("P1Y".into()), TimexType::Duration, "the fiscal year ended");
            }
            return core(e, Sem::RelUnit { unit: Unit::Year, n: 0 }, TimexType::Date, "the fiscal year");
        }
        None
    }

    fn set_led(&self, c: usize) -> Option<Core> {
        let mut j = c + 1;
        if !self.ok(j) {
            return None;
        }
        if self.w(j) == "other" {
            j += 1;
        }
        let lx = self.lex(j);
        if lx.weekday > 0 && self.capitalized(j) && self.w(c) != "per" {
            let mut e = j + 1;
            let mut v = format!("XXXX-WXX-{}", lx.weekday);
            if self.ok(e) {
                if let Some(p) = self.lex(e).part {
                    v.push('T');
                    v.push_str(p);
                    e += 1;
                }
            }
            return no_the(core(e, Sem::Lit(v), TimexType::Set, "every weekday"));
        }
        if let Some((u, k)) = lx.unit {
            let every = if self.w(j - 1) == "other" { 2.0 } else { k };
            return no_the(core(
                j + 1,
                Sem::Lit(super::calendar::duration(Some(every), u)),
                TimexType::Set,
                "every unit",
            ));
        }
        if let Some(p) = lx.part.filter(|_| self.w(c) != "per") {
            return no_the(core(j + 1, Sem::Lit(format!("XXXX-XX-XXT{p}")), TimexType::Set, "every part"));
        }
        None
    }

    /// "third quarter", "third-quarter", "first half", "the 20th century"
    /// (as a word), "first nine months".
    fn ordinal_led(&self, c: usize) -> Option<Core> {
        let o = self.lex(c).ordinal;
        let mut j = c + 1;
        let hyph = self.w(j) == "-" && self.glued(j) && self.glued(j + 1);
        if hyph {
            j += 1;
        } else if !self.ok(j) {
            return None;
        }
        match self.w(j) {
            "quarter" if (1..=4).contains(&o) => {
                let mut e = j + 1;
                let mut y = None;
                if self.is(e, "of") && self.ok(e + 1) && self.year(e + 1).is_some() {
                    y = self.year(e + 1);
                    e += 2;
                } else if self.ok(e) && self.year(e).is_some() {
                    y = self.year(e);
                    e += 1;
                } else if self.w(e) == "," && self.ok(e + 1) && self.year(e + 1).is_some() && !hyph {
                    y = self.year(e + 1);
                    e += 2;
                }
                let c = core(e, Sem::Quarter { q: o, y, yshift: 0 }, TimexType::Date, "ordinal quarter");
                if hyph {
                    no_the(c)
                } else {
                    c
                }
            }
            "half" if (1..=2).contains(&o) => {
                let mut e = j + 1;
                let mut y = None;
                if self.is(e, "of") && self.ok(e + 1) {
                    if let Some(yy) = self.year(e + 1) {
                        y = Some(yy);
                        e += 2;
                    } else if self.is(e + 1, "the") && self.is(e + 2, "year") {
                        e += 3;
                    } else {
                        return None;
                    }
                } else if self.ok(e) && self.year(e).is_some() {
                    y = self.year(e);
                    e += 1;
                } else if !hyph {
                    return None;
                }
                core(e, Sem::Half { h: o, y }, TimexType::Date, "ordinal half")
            }
            "century" if !hyph => {
                core(j + 1, Sem::Lit(format!("{:02}", o.saturating_sub(1))), TimexType::Date, "century")
            }
            _ if o == 1 && !hyph => {
                // "the first nine months"
                let (e, amount, unit, _) = self.amount(j)?;
                amount?;
                core(e, Sem::Lit(super::calendar::duration(amount, unit)), TimexType::Duration, "first amount")
            }
            _ => None,
        }
    }

    /// A number and a unit: "three years", "a year", "five-year", "24
    /// hours", "several weeks", "years". Returns the end token, the amount
    /// (`None`: vague) and the unit.
    fn amount(&self, c: usize) -> Option<(usize, Option<f64>, Unit, bool)> {
        let mut j = c;
        let mut n: Option<f64> = None;
        let mut counted = false;
        let lx = self.lex(j);
        let w = self.w(j);
        if self.kind(j) == Some(Kind::Num) {
            let r = self.raw(j);
            if !r.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') || r.len() > 12 {
                return None;
            }
            n = r.replace(',', "").parse::<f64>().ok();
            n?;
            counted = true;
            j += 1;
            // "2 1/2 years"
            if self.ok(j) && self.raw(j) == "1/2" {
                n = n.map(|v| v + 0.5);
                j += 1;
            }
        } else if w == "a" || w == "an" {
            j += 1;
            if self.is(j, "couple") && self.is(j + 1, "of") {
                n = Some(2.0);
                j += 2;
            } else if self.is(j, "few") {
                j += 1;
            } else if self.is(j, "dozen") {
                n = Some(12.0);
                j += 1;
            } else if self.is(j, "half") {
                n = Some(0.5);
                j += 1;
            } else if self.is(j, "hundred") {
                n = Some(100.0);
                j += 1;
            } else {
                n = Some(1.0);
            }
            counted = true;
        } else if lx.vague {
            j += 1;
            counted = true;
        } else if w == "couple" && self.is(j + 1, "of") {
            n = Some(2.0);
            j += 2;
            counted = true;
        } else if let Some(v) = lx.number.filter(|&v| v > 0.0) {
            let mut v = v;
            j += 1;
            // twenty four, twenty-four
            if (20.0..=90.0).contains(&v) && v % 10.0 == 0.0 {
                let k = if self.w(j) == "-" && self.glued(j) && self.glued(j + 1) { j + 1 } else { j };
                if let Some(u) = self.lex(k).number.filter(|&u| (1.0..=9.0).contains(&u)) {
                    if k == j + 1 || self.ok(k) {
                        v += u;
                        j = k + 1;
                    }
                }
            }
            if self.is(j, "hundred") {
                v *= 100.0;
                j += 1;
            }
            n = Some(v);
            counted = true;
        }
        if counted && j > c && !self.ok(j) && !(self.w(j) == "-" && self.glued(j)) {
            return None;
        }
        // "20 more years"
        if counted && self.is(j, "more") {
            j += 1;
        }
        let mut hyph = false;
        if counted && self.w(j) == "-" && self.glued(j) && self.glued(j + 1) {
            hyph = true;
            j += 1;
        }
        let (unit, k) = self.lex(j).unit?;
        if j > c && !hyph && !self.ok(j) {
            return None;
        }
        let plural = self.w(j).ends_with('s');
        if !counted && !plural {
            return None;
        }
        // "six-year-old", "52 years old", "year-earlier": an age or a compound.
        if self.w(j + 1) == "-" && self.glued(j + 1) && self.glued(j + 2) && self.kind(j + 2) == Some(Kind::Word) {
            return None;
        }
        if self.ok(j + 1) && matches!(self.w(j + 1), "old" | "older" | "younger" | "olds") {
            return None;
        }
        // "a second" (a second term), "a minute" are rarely durations.
        if (w == "a" || w == "an") && matches!(unit, Unit::Second) {
            return None;
        }
        if hyph && plural {
            return None;
        }
        let mut e = j + 1;
        let mut amount = n.map(|v| v * k);
        // "a minute and a half", "two and a half years" is rarer
        if self.is(e, "and") && self.is(e + 1, "a") && self.is(e + 2, "half") {
            amount = amount.map(|v| v + 0.5 * k);
            e += 3;
        }
        if !counted {
            amount = None;
        }
        Some((e, amount, unit, hyph))
    }

    /// A duration, or a date counted from one: "three years ago", "two years
    /// later", "$2 a year".
    fn amount_led(&self, c: usize, the: bool) -> Option<Core> {
        let (e, amount, unit, hyph) = self.amount(c)?;
        let w = self.w(c);
        if (w == "a" || w == "an") && amount == Some(1.0) && !the && c > 0 {
            // "$2 a year", "twice a day": a frequency.
            let prev = self.w(c - 1);
            let numeric = self.kind(c - 1) == Some(Kind::Num)
                || matches!(
                    prev,
                    "million"
                        | "billion"
                        | "trillion"
                        | "thousand"
                        | "hundred"
                        | "percent"
                        | "%"
                        | "dollars"
                        | "cents"
                        | "times"
                        | "twice"
                        | "once"
                );
            if numeric && !matches!(self.w(e), "ago" | "earlier" | "later" | "before" | "after") {
                return no_the(core(e, Sem::Lit(super::calendar::duration(Some(1.0), unit)), TimexType::Set, "a unit"));
            }
        }
        if !hyph && self.ok(e) {
            match self.w(e) {
                "ago" => {
                    return no_the(core(
                        e + 1,
                        Sem::Shift { unit, n: amount, dir: -1, from_prev: false },
                        TimexType::Date,
                        "ago",
                    ));
                }
                "earlier" | "later" if !the => {
                    let dir = if self.w(e) == "later" { 1 } else { -1 };
                    return no_the(core(
                        e + 1,
                        Sem::Shift { unit, n: amount, dir, from_prev: true },
                        TimexType::Date,
                        "later",
                    ));
                }
                "from" if self.is(e + 1, "now") => {
                    return no_the(core(
                        e + 2,
                        Sem::Shift { unit, n: amount, dir: 1, from_prev: false },
                        TimexType::Date,
                        "from now",
                    ));
                }
                _ => {}
            }
        }
        if unit == Unit::Weekend && amount.is_none() {
            return None;
        }
        let bare = self.lex(c).unit.is_some();
        let c = core(e, Sem::Lit(super::calendar::duration(amount, unit)), TimexType::Duration, "duration");
        if hyph || bare {
            no_the(c)
        } else {
            c
        }
    }
}

struct CoreAt {
    start: usize,
    end: usize,
    sem: Sem,
    ty: TimexType,
    rule: &'static str,
}

fn no_the(c: Option<Core>) -> Option<Core> {
    c.map(|c| Core { takes_the: false, ..c })
}

/// Meanings a position modifier ("early", "the end of") can apply to.
fn datelike(s: &Sem) -> bool {
    !matches!(s, Sem::Time { .. })
}
