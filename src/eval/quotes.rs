//! Quote scores, as ../shared/eval/score/score_quotes.py computes them.
//!
//! Per type (direct, indirect, mixed) and for all quotes: content P/R/F1
//! exact (both spans trimmed of whitespace, quotation marks and edge
//! punctuation, then identical) and overlap (the prediction covers at least
//! half of the gold content's non-space characters; one-to-one, greedy by
//! overlap size); speaker accuracy over overlap-matched quotes (spans share a
//! non-space character, or both null), also over gold quotes with a speaker;
//! cue accuracy over matched quotes with a gold cue; end-to-end P/R/F1
//! (matched and speaker right); and the split/merge tolerant coverage
//! figures. Recall is bucketed by gold type, precision by the type of the
//! predicted span, computed from the marks with the scorer's rule.

use std::fmt::Write;

use serde_json::Value;

use crate::document::Document;
use crate::offsets::CharIndex;
use crate::pipeline::analyze;

/// Buckets, in the scorer's order.
pub const BUCKETS: [&str; 4] = ["direct", "indirect", "mixed", "all"];

/// The counters of one bucket (the scorer's names).
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub gold: usize,
    pub pred: usize,
    pub exact_tp_g: usize,
    pub exact_tp_p: usize,
    pub ov_tp_g: usize,
    pub ov_tp_p: usize,
    pub spk_n: usize,
    pub spk_ok: usize,
    pub spk_nn_n: usize,
    pub spk_nn_ok: usize,
    pub cue_n: usize,
    pub cue_ok: usize,
    pub e2e_tp_g: usize,
    pub e2e_tp_p: usize,
    pub cov_tp_p: usize,
    pub cov_tp_g: usize,
    pub cov_e2e_tp_p: usize,
    pub cov_e2e_tp_g: usize,
}

/// Precision, recall and F1 (0 when undefined, as the scorer has it).
pub fn prf(tp_p: usize, npred: usize, tp_g: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 { tp_p as f64 / npred as f64 } else { 0.0 };
    let r = if ngold > 0 { tp_g as f64 / ngold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

impl Counts {
    pub fn exact(&self) -> (f64, f64, f64) {
        prf(self.exact_tp_p, self.pred, self.exact_tp_g, self.gold)
    }
    pub fn overlap(&self) -> (f64, f64, f64) {
        prf(self.ov_tp_p, self.pred, self.ov_tp_g, self.gold)
    }
    pub fn e2e(&self) -> (f64, f64, f64) {
        prf(self.e2e_tp_p, self.pred, self.e2e_tp_g, self.gold)
    }
    pub fn coverage(&self) -> (f64, f64, f64) {
        prf(self.cov_tp_p, self.pred, self.cov_tp_g, self.gold)
    }
    pub fn coverage_e2e(&self) -> (f64, f64, f64) {
        prf(self.cov_e2e_tp_p, self.pred, self.cov_e2e_tp_g, self.gold)
    }
    pub fn speaker_acc(&self) -> Option<f64> {
        (self.spk_n > 0).then(|| self.spk_ok as f64 / self.spk_n as f64)
    }
    pub fn speaker_acc_nonnull(&self) -> Option<f64> {
        (self.spk_nn_n > 0).then(|| self.spk_nn_ok as f64 / self.spk_nn_n as f64)
    }
    pub fn cue_acc(&self) -> Option<f64> {
        (self.cue_n > 0).then(|| self.cue_ok as f64 / self.cue_n as f64)
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub docs: usize,
    /// Indexed like [`BUCKETS`].
    pub buckets: [Counts; 4],
    /// Missed gold quotes, spurious predictions and wrong speakers.
    pub errors: Vec<String>,
}

impl Report {
    pub fn bucket(&self, name: &str) -> &Counts {
        &self.buckets[BUCKETS.iter().position(|b| *b == name).unwrap_or(3)]
    }
}

type Sp = (usize, usize);

struct GoldQ {
    kind: usize,
    content: Sp,
    frags: Vec<Sp>,
    speaker: Option<Sp>,
    cue: Option<Sp>,
}

struct PredQ {
    content: Sp,
    speaker: Option<Sp>,
    cue: Option<Sp>,
}

fn span(v: &Value) -> Option<Sp> {
    Some((v.get(0)?.as_u64()? as usize, v.get(1)?.as_u64()? as usize))
}

/// Python's `str.isspace`.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

fn is_trim(c: char) -> bool {
    is_py_space(c)
        || matches!(
            c,
            '"' | '\''
                | '\u{201c}'
                | '\u{201d}'
                | '\u{2018}'
                | '\u{2019}'
                | '\u{201e}'
                | '\u{ab}'
                | '\u{bb}'
                | ','
                | '.'
                | ';'
                | ':'
                | '!'
                | '?'
                | '-'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2026}'
                | '('
                | ')'
                | '['
                | ']'
        )
}

/// The scorer's `quoted_mask`.
fn quoted_mask(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let mut inside = false;
    let mut skip = false;
    for (i, &ch) in chars.iter().enumerate() {
        if skip {
            skip = false;
            mask[i] = true;
            continue;
        }
        if (ch == '\'' || ch == '`') && chars.get(i + 1) == Some(&ch) {
            mask[i] = true;
            skip = true;
            inside = if ch == '\'' { !inside } else { true };
            continue;
        }
        match ch {
            '\n' => inside = false,
            '\u{201c}' | '\u{201e}' | '\u{ab}' => {
                inside = true;
                mask[i] = true;
            }
            '\u{201d}' | '\u{bb}' => {
                mask[i] = true;
                inside = false;
            }
            '"' => {
                mask[i] = true;
                inside = !inside;
            }
            _ => mask[i] = inside,
        }
    }
    mask
}

/// 0 direct, 1 indirect, 2 mixed: the scorer's `quote_type`.
fn quote_type(chars: &[char], mask: &[bool], frags: &[Sp]) -> usize {
    let (mut n, mut n_in) = (0usize, 0usize);
    for &(s, e) in frags {
        for i in s..e.min(chars.len()) {
            if chars[i].is_alphanumeric() {
                n += 1;
                n_in += usize::from(mask[i]);
            }
        }
    }
    if n == 0 || n_in == 0 {
        1
    } else if n_in as f64 >= 0.98 * n as f64 {
        0
    } else {
        2
    }
}

/// Non-space characters of `frags` (merged so that none counts twice).
fn merge(mut frags: Vec<Sp>) -> Vec<Sp> {
    frags.sort();
    let mut out: Vec<Sp> = Vec::with_capacity(frags.len());
    for (s, e) in frags {
        match out.last_mut() {
            Some(l) if s <= l.1 => l.1 = l.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

struct Doc<'a> {
    chars: &'a [char],
    /// Non-space characters before each position.
    ns: Vec<usize>,
}

impl Doc<'_> {
    fn count(&self, s: usize, e: usize) -> usize {
        let n = self.chars.len();
        let (s, e) = (s.min(n), e.min(n));
        if s >= e {
            0
        } else {
            self.ns[e] - self.ns[s]
        }
    }
    /// Non-space characters in both (merged) fragment lists.
    fn inter(&self, a: &[Sp], b: &[Sp]) -> usize {
        let mut t = 0;
        for &(s1, e1) in a {
            for &(s2, e2) in b {
                t += self.count(s1.max(s2), e1.min(e2));
            }
        }
        t
    }
    fn size(&self, a: &[Sp]) -> usize {
        a.iter().map(|&(s, e)| self.count(s, e)).sum()
    }
    fn overlap(&self, a: Option<Sp>, b: Option<Sp>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => self.count(a.0.max(b.0), a.1.min(b.1)) > 0,
            _ => false,
        }
    }
    fn trimmed(&self, (s, e): Sp) -> Sp {
        let n = self.chars.len();
        let (mut s, mut e) = (s.min(n), e.min(n));
        while s < e && is_trim(self.chars[s]) {
            s += 1;
        }
        while e > s && is_trim(self.chars[e - 1]) {
            e -= 1;
        }
        (s, e)
    }
    fn show(&self, (s, e): Sp) -> String {
        let n = self.chars.len();
        let (s, e) = (s.min(n), e.min(n));
        let t: String = self.chars[s..e].iter().collect();
        let t = t.replace('\n', "⏎");
        if t.chars().count() > 160 {
            let head: String = t.chars().take(100).collect();
            let tail: String = t.chars().rev().take(50).collect::<Vec<_>>().into_iter().rev().collect();
            format!("{head} … {tail}")
        } else {
            t
        }
    }
}

/// Scores the quote pass on PolNeAR-format gold records.
pub fn score(gold: &[Value]) -> Report {
    let mut rep = Report::default();
    for g in gold {
        let id = g["id"].as_str().map_or_else(|| g["id"].to_string(), str::to_string);
        let text = g["text"].as_str().unwrap_or_default();
        let a = analyze(Document::new(id.clone(), text, None));
        let idx = CharIndex::new(text);
        let cp = |s: crate::Span| (idx.chars(s.start), idx.chars(s.end));
        let pq: Vec<PredQ> = a
            .quotes
            .quotes
            .iter()
            .map(|q| PredQ {
                content: cp(q.content),
                speaker: q.speaker.map(|s| cp(s.span)),
                cue: q.cue.map(|c| cp(c.span)),
            })
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let mut ns = Vec::with_capacity(chars.len() + 1);
        ns.push(0);
        for &c in &chars {
            ns.push(ns.last().copied().unwrap_or(0) + usize::from(!is_py_space(c)));
        }
        let d = Doc { chars: &chars, ns };
        let mask = quoted_mask(&chars);
        let gq: Vec<GoldQ> = g["quotes"]
            .as_array()
            .map(|qs| {
                qs.iter()
                    .filter_map(|q| {
                        let content = span(&q["content"])?;
                        let frags = q["content_fragments"]
                            .as_array()
                            .filter(|f| !f.is_empty())
                            .map(|f| f.iter().filter_map(span).collect())
                            .unwrap_or_else(|| vec![content]);
                        let kind = match q["type"].as_str() {
                            Some("direct") => 0,
                            Some("mixed") => 2,
                            _ => 1,
                        };
                        Some(GoldQ {
                            kind,
                            content,
                            frags: merge(frags),
                            speaker: span(&q["speaker"]),
                            cue: span(&q["cue"]),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        rep.docs += 1;
        score_doc(&mut rep, &id, &d, &mask, &gq, &pq);
    }
    rep
}

fn score_doc(rep: &mut Report, id: &str, d: &Doc, mask: &[bool], gq: &[GoldQ], pq: &[PredQ]) {
    let b = &mut rep.buckets;
    let ptypes: Vec<usize> = pq.iter().map(|q| quote_type(d.chars, mask, &[q.content])).collect();
    for q in gq {
        b[q.kind].gold += 1;
        b[3].gold += 1;
    }
    for &t in &ptypes {
        b[t].pred += 1;
        b[3].pred += 1;
    }
    // Exact, boundary-normalised, one-to-one.
    let gtrim: Vec<Sp> = gq.iter().map(|q| d.trimmed(q.content)).collect();
    let mut used = vec![false; gq.len()];
    for (j, q) in pq.iter().enumerate() {
        let key = d.trimmed(q.content);
        if let Some(i) = (0..gq.len()).find(|&i| !used[i] && gtrim[i] == key) {
            used[i] = true;
            b[gq[i].kind].exact_tp_g += 1;
            b[ptypes[j]].exact_tp_p += 1;
            b[3].exact_tp_g += 1;
            b[3].exact_tp_p += 1;
        }
    }
    let gsize: Vec<usize> = gq.iter().map(|q| d.size(&q.frags)).collect();
    let spk_ok = |g: &GoldQ, p: &PredQ| match g.speaker {
        None => p.speaker.is_none(),
        Some(_) => d.overlap(g.speaker, p.speaker),
    };
    // Coverage.
    let mut union_ok: Vec<Vec<Sp>> = vec![Vec::new(); gq.len()];
    for (j, p) in pq.iter().enumerate() {
        let ps = [p.content];
        let psize = d.size(&ps);
        let (mut best, mut bi) = (0, None);
        for (i, g) in gq.iter().enumerate() {
            let ov = d.inter(&ps, &g.frags);
            if ov > best {
                best = ov;
                bi = Some(i);
            }
        }
        if let Some(i) = bi {
            if psize > 0 && best as f64 >= 0.5 * psize as f64 {
                b[ptypes[j]].cov_tp_p += 1;
                b[3].cov_tp_p += 1;
                if spk_ok(&gq[i], p) {
                    b[ptypes[j]].cov_e2e_tp_p += 1;
                    b[3].cov_e2e_tp_p += 1;
                }
            }
        }
        for (i, g) in gq.iter().enumerate() {
            if d.inter(&ps, &g.frags) > 0 && spk_ok(g, p) {
                union_ok[i].push(p.content);
            }
        }
    }
    let union_all = merge(pq.iter().map(|p| p.content).collect());
    for (i, g) in gq.iter().enumerate() {
        if gsize[i] == 0 {
            continue;
        }
        if d.inter(&g.frags, &union_all) as f64 >= 0.5 * gsize[i] as f64 {
            b[g.kind].cov_tp_g += 1;
            b[3].cov_tp_g += 1;
        }
        let u = merge(std::mem::take(&mut union_ok[i]));
        if d.inter(&g.frags, &u) as f64 >= 0.5 * gsize[i] as f64 {
            b[g.kind].cov_e2e_tp_g += 1;
            b[3].cov_e2e_tp_g += 1;
        }
    }
    // Overlap, one-to-one, greedy by overlap size.
    let mut cands = Vec::new();
    for (i, g) in gq.iter().enumerate() {
        if gsize[i] == 0 {
            continue;
        }
        for (j, p) in pq.iter().enumerate() {
            let ov = d.inter(&[p.content], &g.frags);
            if ov as f64 >= 0.5 * gsize[i] as f64 {
                cands.push((std::cmp::Reverse(ov), i, j));
            }
        }
    }
    cands.sort();
    let mut gi_used = vec![false; gq.len()];
    let mut pj_used = vec![false; pq.len()];
    for (_, i, j) in cands {
        if gi_used[i] || pj_used[j] {
            continue;
        }
        gi_used[i] = true;
        pj_used[j] = true;
        let (g, p) = (&gq[i], &pq[j]);
        let (gt, pt) = (g.kind, ptypes[j]);
        b[gt].ov_tp_g += 1;
        b[pt].ov_tp_p += 1;
        b[3].ov_tp_g += 1;
        b[3].ov_tp_p += 1;
        let ok = spk_ok(g, p);
        if g.speaker.is_some() {
            b[gt].spk_nn_n += 1;
            b[3].spk_nn_n += 1;
            if ok {
                b[gt].spk_nn_ok += 1;
                b[3].spk_nn_ok += 1;
            }
        }
        b[gt].spk_n += 1;
        b[3].spk_n += 1;
        if ok {
            b[gt].spk_ok += 1;
            b[3].spk_ok += 1;
            b[gt].e2e_tp_g += 1;
            b[pt].e2e_tp_p += 1;
            b[3].e2e_tp_g += 1;
            b[3].e2e_tp_p += 1;
        } else {
            rep.errors.push(format!(
                "SPEAKER  {id} [{}] {}\n   gold: {:?}  got: {:?}",
                BUCKETS[gt],
                d.show(g.content),
                g.speaker.map(|s| d.show(s)),
                p.speaker.map(|s| d.show(s))
            ));
        }
        if g.cue.is_some() {
            b[gt].cue_n += 1;
            b[3].cue_n += 1;
            if d.overlap(g.cue, p.cue) {
                b[gt].cue_ok += 1;
                b[3].cue_ok += 1;
            }
        }
    }
    for (i, g) in gq.iter().enumerate() {
        if !gi_used[i] {
            rep.errors.push(format!(
                "MISSED   {id} [{}] {}   (speaker {:?}, cue {:?})",
                BUCKETS[g.kind],
                d.show(g.content),
                g.speaker.map(|s| d.show(s)),
                g.cue.map(|s| d.show(s))
            ));
        }
    }
    for (j, p) in pq.iter().enumerate() {
        if !pj_used[j] {
            rep.errors.push(format!(
                "SPURIOUS {id} [{}] {}   (speaker {:?})",
                BUCKETS[ptypes[j]],
                d.show(p.content),
                p.speaker.map(|s| d.show(s))
            ));
        }
    }
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "   -  ".to_string(), |x| format!("{:6.1}", 100.0 * x))
}

/// The report in the scorer's table, with up to `errors` error lines first.
pub fn render(rep: &Report, errors: usize) -> String {
    let mut out = String::new();
    for e in rep.errors.iter().take(errors) {
        let _ = writeln!(out, "{e}");
    }
    let _ = writeln!(out, "gold docs: {}", rep.docs);
    let hdr = ["exP", "exR", "exF1", "ovP", "ovR", "ovF1", "spkAcc", "spkNN", "cueAcc", "e2eP", "e2eR", "e2eF1"];
    let _ = write!(out, "{:<9} {:>6} {:>6} ", "type", "gold", "pred");
    let _ = writeln!(out, "{}", hdr.iter().map(|h| format!("{h:>6}")).collect::<Vec<_>>().join(" "));
    for (name, c) in BUCKETS.iter().zip(&rep.buckets) {
        let (ex, ov, e2e) = (c.exact(), c.overlap(), c.e2e());
        let vals = [
            Some(ex.0),
            Some(ex.1),
            Some(ex.2),
            Some(ov.0),
            Some(ov.1),
            Some(ov.2),
            c.speaker_acc(),
            c.speaker_acc_nonnull(),
            c.cue_acc(),
            Some(e2e.0),
            Some(e2e.1),
            Some(e2e.2),
        ];
        let _ = write!(out, "{name:<9} {:>6} {:>6} ", c.gold, c.pred);
        let _ = writeln!(out, "{}", vals.iter().map(|&v| pct(v)).collect::<Vec<_>>().join(" "));
    }
    let _ = writeln!(out, "coverage (split/merge tolerant):");
    let _ = writeln!(
        out,
        "{:<9} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "type", "covP", "covR", "covF1", "e2cP", "e2cR", "e2cF1"
    );
    for (name, c) in BUCKETS.iter().zip(&rep.buckets) {
        let (cv, ce) = (c.coverage(), c.coverage_e2e());
        let vals = [cv.0, cv.1, cv.2, ce.0, ce.1, ce.2];
        let _ = writeln!(out, "{name:<9} {}", vals.iter().map(|&v| pct(Some(v))).collect::<Vec<_>>().join(" "));
    }
    out
}
