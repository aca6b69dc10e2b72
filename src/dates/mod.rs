//! The date pass: TIMEX3 expressions anchored on the document date (issue 5).
//!
//! ## What it does
//! 1. `lexicon`: the text is cut into word, number and punctuation tokens;
//!    each word is looked up once in the word lists of rules/dates.rules.
//! 2. `grammar`: at each token that can start a date (a number or a date
//!    word), the rules find the longest expression and its meaning, left to
//!    right, never overlapping.
//! 3. Candidates that overlap a number of the number pass are dropped (a
//!    span is a date or a number, never both), and so are phrases that only
//!    look like dates (rules/dates.rules `[not_a_date]`).
//! 4. Resolution: relative meanings become ISO-TimeML values against the
//!    document date (DCT): a bare weekday or month goes back from the DCT in
//!    a past-tense sentence and forward in a future one; "two years later"
//!    counts from the date before it. Without a DCT (none given and no dated
//!    dateline), relative values are `None`: never the clock.
//!
//! ## Invariants
//! Dates are in text order, non-overlapping, on char boundaries (token
//! edges are ASCII or whole characters), and never overlap a number. The
//! work is linear in the text: one tokenisation, and rules that look at a
//! bounded number of tokens from each start.

mod calendar;
mod grammar;
mod lexicon;

use jiff::civil::Date;

use crate::document::{Anchor, DateLayer, Document, NumberLayer, SentenceLayer, Timex, TimexType};
use crate::span::Span;
use calendar::{Point, Unit};
use grammar::{Cand, Rel, Sem, G};
use lexicon::{Kind, Tok};

/// The date layer of `doc`.
pub fn extract(doc: &Document, sentences: &SentenceLayer, numbers: &NumberLayer) -> DateLayer {
    let text = doc.text.as_str();
    if text.len() >= u32::MAX as usize {
        return DateLayer::default();
    }
    let lower = text.to_ascii_lowercase();
    let mut toks = Vec::with_capacity(text.len() / 5);
    lexicon::tokenize(text, lower.as_bytes(), &mut toks);
    let g = G { text, lower: lower.as_bytes(), toks: &toks };
    let cands = recognize(&g, numbers);
    let dct = doc.dct.or_else(|| dateline_dct(&g, &cands, sentences));
    resolve_all(&g, cands, dct, sentences)
}

/// Candidates in text order, non-overlapping, none overlapping a number.
fn recognize(g: &G<'_>, numbers: &NumberLayer) -> Vec<Cand> {
    let mut out = Vec::new();
    let nums = &numbers.numbers;
    let mut ni = 0;
    let mut i = 0;
    let n = g.n();
    while i < n {
        let t = g.toks[i];
        let trigger = t.kind == Kind::Num || (t.lex > 0 && g.lex(i).trigger);
        if !trigger {
            i += 1;
            continue;
        }
        let Some(c) = g.parse_at(i) else {
            i += 1;
            continue;
        };
        if c.end <= c.start || c.start < i {
            i += 1;
            continue;
        }
        let span = tok_span(g.toks, c.start, c.end);
        while ni < nums.len() && nums[ni].span.end <= span.start {
            ni += 1;
        }
        let clash = nums[ni..].iter().take_while(|x| x.span.start < span.end).any(|x| x.span.overlaps(span));
        if clash || (c.start..c.end).any(|k| g.in_not_a_date(k)) {
            i += 1;
            continue;
        }
        i = c.end;
        out.push(c);
    }
    out
}

fn tok_span(toks: &[Tok], start: usize, end: usize) -> Span {
    Span::new(toks[start].start as usize, toks[end - 1].end as usize)
}

/// The date of a dateline ("WASHINGTON, Sept. 27, 2024 —") when it names a
/// full date: inside the dateline the sentence pass found, or at the start
/// of a paragraph after a place in capitals.
fn dateline_dct(g: &G<'_>, cands: &[Cand], sentences: &SentenceLayer) -> Option<Date> {
    let dl = sentences.dateline.map(|d| d.span);
    cands.iter().take(8).find_map(|c| {
        let s = tok_span(g.toks, c.start, c.end);
        let inside = dl.is_some_and(|dl| dl.contains(s))
            || sentences.paragraphs.iter().take(4).any(|p| {
                p.start <= s.start
                    && s.start - p.start <= 60
                    && g.text.get(p.start..s.start).is_some_and(|pre| {
                        pre.len() > 2 && pre.chars().all(|ch| ch.is_uppercase() || matches!(ch, ' ' | ',' | '.' | '-'))
                    })
            });
        if !inside {
            return None;
        }
        match c.sem {
            Sem::Date { y: Some(y), m, d: Some(d), .. } => calendar::ymd(y, m, d),
            _ => None,
        }
    })
}

/// The tense of the sentence around a candidate: `true` when the nearest
/// tense cue before it (else after it) speaks of the future.
fn future_tense(g: &G<'_>, c: &Cand, sent: Option<Span>) -> bool {
    let (lo, hi) = match sent {
        Some(s) => (s.start as u32, s.end as u32),
        None => (0, u32::MAX),
    };
    let cue = |k: usize| -> Option<bool> {
        let l = g.lex(k);
        if l.future {
            return Some(true);
        }
        if l.past {
            return Some(false);
        }
        // A lower-case word in -ed is a past verb more often than not
        // ("United", "hundred", "need" are not).
        let w = g.w(k);
        let passive = k > 0 && matches!(g.w(k - 1), "be" | "been" | "being" | "is" | "are");
        if w.len() > 4
            && !passive
            && w.ends_with("ed")
            && !w.ends_with("eed")
            && w != "hundred"
            && g.text.as_bytes()[g.toks[k].start as usize].is_ascii_lowercase()
        {
            return Some(false);
        }
        None
    };
    let mut k = c.start;
    let mut steps = 0;
    while k > 0 && steps < 40 {
        k -= 1;
        steps += 1;
        if g.toks[k].start < lo {
            break;
        }
        if let Some(f) = cue(k) {
            return f;
        }
    }
    let mut k = c.end;
    let mut steps = 0;
    while k < g.n() && steps < 40 && g.toks[k].end <= hi {
        if let Some(f) = cue(k) {
            return f;
        }
        k += 1;
        steps += 1;
    }
    false
}

fn resolve_all(g: &G<'_>, cands: Vec<Cand>, dct: Option<Date>, sentences: &SentenceLayer) -> DateLayer {
    let mut dates: Vec<Timex> = Vec::with_capacity(cands.len());
    let sents = &sentences.sentences;
    let mut si = 0;
    // The last resolved absolute date: the anchor of "two years later".
    let mut prev: Option<(usize, Point)> = None;
    for c in cands {
        let span = tok_span(g.toks, c.start, c.end);
        while si < sents.len() && sents[si].span.end <= span.start {
            si += 1;
        }
        let sent = sents.get(si).map(|s| s.span).filter(|s| s.start <= span.start);
        let future = future_tense(g, &c, sent);
        let cx = Ctx { dct, future, prev: prev.map(|p| p.1) };
        let (value, anchor) = match resolve(&c.sem, &cx) {
            Some((v, a)) => (Some(v), a),
            None => (None, None),
        };
        let anchor = match anchor {
            Some(AnchorKind::Dct) => Some(Anchor::Dct),
            Some(AnchorKind::Prev) => prev.map(|p| Anchor::Date(p.0)),
            None => None,
        };
        if let Some(v) = &value {
            // A date counted from another ("a year earlier") is not itself
            // the anchor of the next one.
            if c.ty == TimexType::Date && !matches!(c.sem, Sem::Shift { .. }) {
                if let Some(p) = Point::parse(v) {
                    prev = Some((dates.len(), p));
                }
            }
        }
        dates.push(Timex { span, kind: c.ty, value, modifier: c.modifier, anchor, rule: c.rule });
    }
    DateLayer { dates }
}

struct Ctx {
    dct: Option<Date>,
    future: bool,
    prev: Option<Point>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum AnchorKind {
    Dct,
    Prev,
}

/// The value of a meaning, and what it was computed from.
fn resolve(sem: &Sem, cx: &Ctx) -> Option<(String, Option<AnchorKind>)> {
    use calendar::*;
    let dct = cx.dct;
    let rel = |v: String| Some((v, Some(AnchorKind::Dct)));
    match sem {
        Sem::Lit(v) => Some((v.clone(), None)),
        Sem::Date { y: Some(y), m, d: Some(d), .. } => Some((fmt_date(ymd(*y, *m, *d)?), None)),
        Sem::Date { y: Some(y), m, d: None, .. } => Some((fmt_month(*y, *m), None)),
        Sem::Date { y: None, m, d, rel: r } => {
            let dct = dct?;
            let (dy, dm) = (dct.year() as i32, dct.month() as u8);
            match d {
                Some(d) => {
                    // The year that puts the date on the side of the document date
                    // the tense says (within four months), else the nearest.
                    let mut best: Option<(i64, Date)> = None;
                    for y in [dy - 1, dy, dy + 1] {
                        if let Some(date) = ymd(y, *m, *d) {
                            let diff = (date - dct).get_days() as i64;
                            let dist =
                                diff.abs() + if cx.future && diff < 0 || !cx.future && diff > 0 { 120 } else { 0 };
                            if best.is_none_or(|b| dist < b.0) {
                                best = Some((dist, date));
                            }
                        }
                    }
                    rel(fmt_date(best?.1))
                }
                None => {
                    let y = match r {
                        Rel::Last => {
                            if *m < dm {
                                dy
                            } else {
                                dy - 1
                            }
                        }
                        Rel::Next => {
                            if *m > dm {
                                dy
                            } else {
                                dy + 1
                            }
                        }
                        Rel::This => dy,
                        Rel::Tense => {
                            if cx.future {
                                if *m + 1 >= dm {
                                    dy
                                } else {
                                    dy + 1
                                }
                            } else if *m <= dm {
                                dy
                            } else {
                                dy - 1
                            }
                        }
                    };
                    rel(fmt_month(y, *m))
                }
            }
        }
        Sem::MonthOfYear { m, n } => rel(fmt_month(dct?.year() as i32 + n, *m)),
        Sem::Weekday { wd, rel: r } => rel(fmt_date(weekday_date(dct?, *wd, *r, cx.future)?)),
        Sem::RelUnit { unit, n } => rel(unit_value(dct?, *unit, *n)?),
        Sem::Weekend { n } => {
            let dct = dct?;
            // "the weekend" early in the week is the one just past.
            let base = if *n == 0 && weekday(dct) <= 4 && !cx.future { add_days(dct, -7)? } else { dct };
            let d = add_days(base, 7 * *n as i64)?;
            rel(format!("{}-WE", fmt_week(d)))
        }
        Sem::Shift { unit, n, dir, from_prev } => {
            let Some(n) = n else {
                return Some((if *dir < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string(), None));
            };
            if n.fract() != 0.0 {
                return None;
            }
            let k = (*n as i32) * dir;
            // A year back from a quarter just named stays a quarter: "a year
            // earlier" after "the third quarter" is last year's third quarter.
            if *unit == Unit::Year {
                if let Some(Point::Quarter(y, q)) = cx.prev {
                    if cx.dct.is_some_and(|d| d.year() as i32 == y || d.month() <= 3 && d.year() as i32 == y + 1) {
                        return Some((format!("{:04}-Q{q}", y + k), Some(AnchorKind::Prev)));
                    }
                }
            }
            let (base, anchor) = match (from_prev, cx.prev) {
                (true, Some(p)) => (p, AnchorKind::Prev),
                _ => (Point::Day(dct?), AnchorKind::Dct),
            };
            let v = shift(base, *unit, k)?;
            Some((v, Some(anchor)))
        }
        Sem::Quarter { q, y: Some(y), .. } => Some((format!("{y:04}-Q{q}"), None)),
        Sem::Quarter { q, y: None, yshift } => rel(format!("{:04}-Q{q}", dct?.year() as i32 + yshift)),
        Sem::LatestQuarter => {
            let dct = dct?;
            let (y, q) = add_quarters(dct.year() as i32, quarter_of(dct.month() as u8), -1);
            rel(format!("{y:04}-Q{q}"))
        }
        Sem::Half { h, y: Some(y) } => Some((format!("{y:04}-H{h}"), None)),
        Sem::Half { h, y: None } => rel(format!("{:04}-H{h}", dct?.year())),
        Sem::Season { s, y: Some(y), .. } => Some((format!("{y:04}-{s}"), None)),
        Sem::Season { s, y: None, rel: r } => {
            let dct = dct?;
            let (cy, ci) = season_of(dct.year() as i32, dct.month() as u8);
            let si = season_index(s);
            let y = match r {
                Rel::Last => {
                    if si < ci {
                        cy
                    } else {
                        cy - 1
                    }
                }
                Rel::Next => {
                    if si > ci {
                        cy
                    } else {
                        cy + 1
                    }
                }
                Rel::This => cy,
                Rel::Tense => {
                    if cx.future {
                        if si >= ci {
                            cy
                        } else {
                            cy + 1
                        }
                    } else if si <= ci {
                        cy
                    } else {
                        cy - 1
                    }
                }
            };
            rel(format!("{y:04}-{s}"))
        }
        Sem::Time { h, mi, day } => {
            let (d, a) = match day {
                Some(day) => resolve(day, cx)?,
                None => (fmt_date(dct?), Some(AnchorKind::Dct)),
            };
            let d = d.get(..10)?.to_string();
            Some((format!("{d}T{h:02}:{mi:02}"), a))
        }
        Sem::Part { part, day } => {
            let (d, a) = resolve(day, cx)?;
            Some((format!("{}T{part}", d.get(..10)?), a))
        }
    }
}

/// The weekday `wd` nearest the document date in the direction `r` (or of
/// the sentence's tense).
fn weekday_date(dct: Date, wd: u8, r: Rel, future: bool) -> Option<Date> {
    let cur = calendar::weekday(dct) as i64;
    let wd = wd as i64;
    let back = (cur - wd).rem_euclid(7);
    let fwd = (wd - cur).rem_euclid(7);
    let delta = match r {
        Rel::Last => -(if back == 0 { 7 } else { back }),
        Rel::Next => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Rel::This | Rel::Tense => {
            if future {
                fwd
            } else {
                -back
            }
        }
    };
    calendar::add_days(dct, delta)
}

/// The unit containing `dct`, shifted by `n`, as a value of its granularity.
fn unit_value(dct: Date, unit: Unit, n: i32) -> Option<String> {
    use calendar::*;
    let (y, m) = (dct.year() as i32, dct.month() as u8);
    Some(match unit {
        Unit::Day | Unit::Second | Unit::Minute | Unit::Hour => fmt_date(add_days(dct, n as i64)?),
        Unit::Week | Unit::Weekend => fmt_week(add_days(dct, 7 * n as i64)?),
        Unit::Month => {
            let (y, m) = add_months(y, m, n);
            fmt_month(y, m)
        }
        Unit::Quarter => {
            let (y, q) = add_quarters(y, quarter_of(m), n);
            format!("{y:04}-Q{q}")
        }
        Unit::Year => format!("{:04}", y + n),
        Unit::Decade => format!("{:03}", y.div_euclid(10) + n),
        Unit::Century => format!("{:02}", y.div_euclid(100) + n),
    })
}

/// `base` shifted by `k` units, at the granularity of the unit.
fn shift(base: Point, unit: Unit, k: i32) -> Option<String> {
    use calendar::*;
    Some(match (unit, base) {
        (Unit::Year, Point::Quarter(y, q)) => format!("{:04}-Q{q}", y + k),
        (Unit::Year | Unit::Decade | Unit::Century, p) => {
            let f = match unit {
                Unit::Decade => 10,
                Unit::Century => 100,
                _ => 1,
            };
            format!("{:04}", p.year() + k * f)
        }
        (Unit::Quarter, Point::Quarter(y, q)) => {
            let (y, q) = add_quarters(y, q, k);
            format!("{y:04}-Q{q}")
        }
        (Unit::Quarter, Point::Day(d)) => {
            let (y, q) = add_quarters(d.year() as i32, quarter_of(d.month() as u8), k);
            format!("{y:04}-Q{q}")
        }
        (Unit::Month, Point::Month(y, m)) => {
            let (y, m) = add_months(y, m, k);
            fmt_month(y, m)
        }
        (Unit::Month, Point::Day(d)) => {
            let (y, m) = add_months(d.year() as i32, d.month() as u8, k);
            fmt_month(y, m)
        }
        (Unit::Week | Unit::Weekend, Point::Day(d)) => fmt_week(add_days(d, 7 * k as i64)?),
        (Unit::Day, Point::Day(d)) => fmt_date(add_days(d, k as i64)?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
