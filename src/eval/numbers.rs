//! Number scores, as ../shared/eval/score/score_numbers.py computes them on
//! claimscan output converted by ../shared/eval/score/claimscan_adapters.py.
//!
//! * Conversion (the adapter): every number is a prediction of the model its
//!   kind maps to (cardinal and fraction → number, money → currency,
//!   quantity → dimension, ...). A number with a gt/ge/lt/le qualifier also
//!   yields a range prediction over qualifier..number; in a `quantity` case
//!   that range replaces the number.
//! * Typed scoring: in a case of one model, only predictions of that model
//!   count. Exact span P/R/F1 (one-to-one on equal spans), overlap P/R/F1
//!   (greedy on overlap length), value accuracy and unit accuracy on exact
//!   matches, and predictions that hit a listed negative span and no gold span.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use super::{f1, ratio};

use crate::document::{Number, NumberKind, QualifierKind, Unit};
use crate::offsets::CharIndex;
use crate::pipeline::analyze;
use crate::Document;

/// Counts of one model (or of all cases).
#[derive(Debug, Default, Clone)]
pub struct Counts {
    pub cases: usize,
    pub gold: usize,
    pub pred: usize,
    pub tp: usize,
    pub otp: usize,
    pub val_n: usize,
    pub val_ok: usize,
    pub unit_n: usize,
    pub unit_ok: usize,
    pub neg_hits: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.pred, 0.0)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.gold, 0.0)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    pub fn overlap_f1(&self) -> f64 {
        f1(ratio(self.otp, self.pred, 0.0), ratio(self.otp, self.gold, 0.0))
    }
    pub fn value_acc(&self) -> Option<f64> {
        (self.val_n > 0).then(|| self.val_ok as f64 / self.val_n as f64)
    }
    pub fn unit_acc(&self) -> Option<f64> {
        (self.unit_n > 0).then(|| self.unit_ok as f64 / self.unit_n as f64)
    }
    fn add(&mut self, o: &Counts) {
        self.cases += o.cases;
        self.gold += o.gold;
        self.pred += o.pred;
        self.tp += o.tp;
        self.otp += o.otp;
        self.val_n += o.val_n;
        self.val_ok += o.val_ok;
        self.unit_n += o.unit_n;
        self.unit_ok += o.unit_ok;
        self.neg_hits += o.neg_hits;
    }
}

/// The scores of one gold file.
#[derive(Debug, Default)]
pub struct Report {
    pub models: BTreeMap<String, Counts>,
    pub all: Counts,
    /// One line per case with a missed, spurious or wrong item.
    pub errors: Vec<String>,
}

/// A predicted value: a number or a range (open sides `None`).
#[derive(Debug, Clone, Copy)]
enum Val {
    None,
    Num(f64),
    Range(Option<f64>, Option<f64>),
}

struct Pred {
    start: usize,
    end: usize,
    model: &'static str,
    value: Val,
    unit: Option<String>,
}

/// The adapter's conversion of one record's numbers.
fn predictions(text: &str, numbers: &[Number], case_model: &str) -> Vec<Pred> {
    let ix = CharIndex::new(text);
    let mut out = Vec::new();
    for n in numbers {
        let (start, end) = (ix.chars(n.span.start), ix.chars(n.span.end));
        let unit = n.unit.map(|u| match u {
            Unit::Noun(s) => s.slice(text).to_string(),
            Unit::Name(name) => name.to_string(),
        });
        let model = match n.kind {
            NumberKind::Cardinal | NumberKind::Fraction => "number",
            NumberKind::Ordinal => "ordinal",
            NumberKind::Percent => "percent",
            NumberKind::Money => "currency",
            NumberKind::Range => "range",
            NumberKind::Quantity => "dimension",
        };
        if n.kind == NumberKind::Range {
            out.push(Pred { start, end, model, value: Val::Range(n.low, n.high), unit });
            continue;
        }
        let value = n.value.map_or(Val::None, Val::Num);
        let bounded = n.qualifier.and_then(|q| {
            let v = n.value;
            let r = match q.kind {
                QualifierKind::Gt | QualifierKind::Ge => Val::Range(v, None),
                QualifierKind::Lt | QualifierKind::Le => Val::Range(None, v),
                QualifierKind::Approx => return None,
            };
            Some((ix.chars(q.span.start).min(start), ix.chars(q.span.end).max(end), r))
        });
        match bounded {
            Some((s, e, r)) => {
                if case_model != "quantity" {
                    out.push(Pred { start, end, model, value, unit: unit.clone() });
                }
                out.push(Pred { start: s, end: e, model: "range", value: r, unit });
            }
            None => out.push(Pred { start, end, model, value, unit }),
        }
    }
    out
}

fn num_eq(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= f64::max(1e-6 * f64::max(a.abs(), b.abs()), 1e-9),
        (None, None) => true,
        _ => false,
    }
}

fn gold_num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().trim_end_matches('%').parse().ok(),
        _ => None,
    }
}

fn value_ok(gold: &Value, pred: &Val) -> bool {
    match gold {
        Value::Object(o) => match pred {
            Val::Range(lo, hi) => {
                num_eq(o.get("min").and_then(gold_num), *lo) && num_eq(o.get("max").and_then(gold_num), *hi)
            }
            _ => false,
        },
        _ => match (gold_num(gold), pred) {
            (Some(g), Val::Num(p)) => num_eq(Some(g), Some(*p)),
            (Some(_), _) => false,
            // Relative ordinals ("end+0") compare as strings; nothing here
            // predicts them.
            (None, _) => false,
        },
    }
}

/// The scorer's unit normalisation.
fn norm_unit(u: &str) -> String {
    const ALIASES: &[(&str, &str)] = &[
        ("united states dollar", "dollar"),
        ("us dollar", "dollar"),
        ("usd", "dollar"),
        ("$", "dollar"),
        ("pound sterling", "pound"),
        ("british pound", "pound"),
        ("gbp", "pound"),
        ("£", "pound"),
        ("euro", "euro"),
        ("eur", "euro"),
        ("€", "euro"),
        ("japanese yen", "yen"),
        ("jpy", "yen"),
        ("chinese yuan", "yuan"),
        ("cny", "yuan"),
        ("rmb", "yuan"),
        ("renminbi", "yuan"),
        ("pence", "penny"),
        ("cent", "cent"),
        ("pound-mass", "pound"),
        ("lb", "pound"),
        ("pound mass", "pound"),
        ("tonne", "metric ton"),
        ("percentage", "percent"),
        ("%", "percent"),
        ("degree celsius", "c"),
        ("celsius", "c"),
        ("°c", "c"),
        ("degree fahrenheit", "f"),
        ("fahrenheit", "f"),
        ("indian rupee", "rupee"),
        ("rs", "rupee"),
        ("cubic centimeter", "milliliter"),
        ("degree angle", "degree"),
        ("arcdegree", "degree"),
    ];
    let alias = |s: &str| ALIASES.iter().find(|(k, _)| *k == s).map(|(_, v)| v.to_string());
    let lower = u.trim().to_lowercase();
    let mut s = String::new();
    for part in lower.split(|c: char| c.is_whitespace() || c == '-' || c == '_').filter(|p| !p.is_empty()) {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(part);
    }
    let s = s.replace("metre", "meter").replace("litre", "liter");
    if let Some(a) = alias(&s) {
        return a;
    }
    let words: Vec<String> = s
        .split(' ')
        .map(|w| {
            if w.chars().count() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    let s = words.join(" ").replace("feet", "foot").replace("inche", "inch");
    alias(&s).unwrap_or(s)
}

fn span_of(v: &Value) -> (usize, usize) {
    (v["start"].as_u64().unwrap_or(0) as usize, v["end"].as_u64().unwrap_or(0) as usize)
}

/// Scores the number pass on gold records (typed, code-point offsets).
pub fn score(gold: &[Value]) -> Report {
    let mut rep = Report::default();
    for g in gold {
        let id = g["id"].as_str().map_or_else(|| g["id"].to_string(), str::to_string);
        let model = g["model"].as_str().unwrap_or("quantity").to_string();
        let text = g["input"].as_str().unwrap_or_default();
        let expected: &[Value] = g["expected"].as_array().map_or(&[], Vec::as_slice);
        let negatives: &[Value] = g["negatives"].as_array().map_or(&[], Vec::as_slice);
        let a = analyze(Document::new(id.clone(), text, None));
        let preds: Vec<Pred> = predictions(text, &a.numbers.numbers, &model)
            .into_iter()
            .filter(|p| model == "quantity" || p.model == model)
            .collect();
        let mut c = Counts { cases: 1, gold: expected.len(), pred: preds.len(), ..Counts::default() };
        // Exact matches, one-to-one, in gold order.
        let mut used = vec![false; preds.len()];
        let mut matches = Vec::new();
        for ge in expected {
            let (gs, gend) = span_of(ge);
            if let Some(pi) = (0..preds.len()).find(|&pi| !used[pi] && preds[pi].start == gs && preds[pi].end == gend) {
                used[pi] = true;
                matches.push((ge, pi));
            }
        }
        c.tp = matches.len();
        // Overlap matches: greedy by overlap length, ties as Python's
        // reverse sort of (overlap, gold index, prediction index).
        let mut cands = Vec::new();
        for (gi, ge) in expected.iter().enumerate() {
            let (gs, gend) = span_of(ge);
            for (pi, p) in preds.iter().enumerate() {
                let ov = gend.min(p.end) as isize - gs.max(p.start) as isize;
                if ov > 0 {
                    cands.push((ov, gi, pi));
                }
            }
        }
        cands.sort_unstable_by(|a, b| b.cmp(a));
        let (mut ug, mut up) = (vec![false; expected.len()], vec![false; preds.len()]);
        for (_, gi, pi) in cands {
            if !ug[gi] && !up[pi] {
                ug[gi] = true;
                up[pi] = true;
                c.otp += 1;
            }
        }
        let overlaps = |v: &Value, p: &Pred| {
            let (s, e) = span_of(v);
            e.min(p.end) as isize - s.max(p.start) as isize > 0
        };
        for p in &preds {
            if negatives.iter().any(|n| overlaps(n, p)) && !expected.iter().any(|x| overlaps(x, p)) {
                c.neg_hits += 1;
            }
        }
        let mut bad = Vec::new();
        for &(ge, pi) in &matches {
            let p = &preds[pi];
            if !ge["value"].is_null() {
                c.val_n += 1;
                if value_ok(&ge["value"], &p.value) {
                    c.val_ok += 1;
                } else {
                    bad.push(format!("value {} {} != {:?}", ge["text"], ge["value"], p.value));
                }
            }
            if let Some(gu) = ge["unit"].as_str() {
                c.unit_n += 1;
                if p.unit.as_deref().is_some_and(|u| norm_unit(u) == norm_unit(gu)) {
                    c.unit_ok += 1;
                } else {
                    bad.push(format!("unit {} {gu:?} != {:?}", ge["text"], p.unit));
                }
            }
        }
        if c.tp != c.gold || c.tp != c.pred || !bad.is_empty() {
            let chars: Vec<char> = text.chars().collect();
            let slice = |s: usize, e: usize| chars[s.min(chars.len())..e.min(chars.len())].iter().collect::<String>();
            let gold_s: Vec<String> = expected.iter().map(|x| x["text"].to_string()).collect();
            let pred_s: Vec<String> = preds.iter().map(|p| format!("{:?}", slice(p.start, p.end))).collect();
            let mut line = format!("{id}: gold [{}] pred [{}]", gold_s.join(", "), pred_s.join(", "));
            for b in bad {
                let _ = write!(line, "; {b}");
            }
            rep.errors.push(line);
        }
        rep.models.entry(model).or_default().add(&c);
        rep.all.add(&c);
    }
    rep
}

fn fmt(v: Option<f64>) -> String {
    v.map_or_else(|| "  -  ".to_string(), |v| format!("{v:.3}"))
}

/// The scorer's table, then up to `errors` error lines.
pub fn render(rep: &Report, errors: usize) -> String {
    let mut out = String::new();
    let cols = ["cases", "gold", "pred", "tp", "P", "R", "F1", "overlap_F1", "value_acc", "unit_acc", "neg_hits"];
    let _ = write!(out, "model     ");
    for c in cols {
        let _ = write!(out, " {c:>10}");
    }
    out.push('\n');
    let rows = rep.models.iter().map(|(m, c)| (m.as_str(), c)).chain([("ALL", &rep.all)]);
    for (m, c) in rows {
        let _ = write!(
            out,
            "{m:<10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n",
            c.cases,
            c.gold,
            c.pred,
            c.tp,
            fmt(Some(c.precision())),
            fmt(Some(c.recall())),
            fmt(Some(c.f1())),
            fmt(Some(c.overlap_f1())),
            fmt(c.value_acc()),
            fmt(c.unit_acc()),
            c.neg_hits
        );
    }
    for e in rep.errors.iter().take(errors) {
        out.push_str(e);
        out.push('\n');
    }
    out
}
