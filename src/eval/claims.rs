//! Check-worthiness scores, as ../shared/eval/scoreboard.py (`claims`) and
//! ../shared/eval/score/score_claims.py compute them.
//!
//! Each gold record is one sentence with a label (1 = check-worthy). The
//! record's score is the highest `checkworthy` of its claims (0 without
//! claims), its label is score ≥ 0.5 (`claimscan_adapters.claims`). The
//! figures: P/R/F1 of the check-worthy class, average precision over the
//! records ranked by score, ties broken by the SHA-1 of the id (never by file
//! order: the gold file lists positives first), and precision at 10, 50, 100.

use std::fmt::Write;

use serde_json::Value;

use super::ratio;

use crate::document::Document;
use crate::pipeline::analyze;

/// The default threshold of the check-worthy label.
pub const THRESHOLD: f64 = 0.5;

#[derive(Debug, Default)]
pub struct Report {
    pub n: usize,
    pub positives: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub average_precision: f64,
    /// (k, precision at k) for k = 10, 50, 100.
    pub precision_at: Vec<(usize, f64)>,
    /// Error lines: missed and spurious check-worthy sentences, by score.
    pub errors: Vec<String>,
}

impl Report {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp, 0.0)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_, 0.0)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Scores the claims pass on gold records `{"id", "text", "label"}`.
pub fn score(gold: &[Value]) -> Report {
    let mut rows: Vec<(String, String, bool, f64)> = Vec::with_capacity(gold.len());
    for g in gold {
        let id = g["id"].as_str().map_or_else(|| g["id"].to_string(), str::to_string);
        let text = g["text"].as_str().unwrap_or_default();
        let a = analyze(Document::new(id.clone(), text, None));
        // The score as the output writes it, so ties and the threshold agree
        // with the scorer, which reads it from the JSON.
        let score = a.claims.claims.iter().map(|c| c.checkworthy_3dp()).fold(0.0, f64::max);
        let label = g["label"].as_i64().unwrap_or(0) != 0 || g["label"].as_bool() == Some(true);
        rows.push((id, text.to_string(), label, score));
    }
    let mut rep = Report { n: rows.len(), ..Report::default() };
    for (id, text, label, score) in &rows {
        let pred = *score >= THRESHOLD;
        match (label, pred) {
            (true, true) => rep.tp += 1,
            (false, true) => {
                rep.fp += 1;
                rep.errors.push(format!("SPURIOUS {score:.3} {id}: {text}"));
            }
            (true, false) => {
                rep.fn_ += 1;
                rep.errors.push(format!("MISSED   {score:.3} {id}: {text}"));
            }
            (false, false) => {}
        }
    }
    rep.positives = rep.tp + rep.fn_;
    let mut ranked: Vec<(f64, String, bool)> =
        rows.iter().map(|(id, _, l, s)| (*s, sha1_hex(id.as_bytes()), *l)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let (mut hits, mut ap) = (0usize, 0.0f64);
    for (i, (_, _, label)) in ranked.iter().enumerate() {
        if *label {
            hits += 1;
            ap += hits as f64 / (i + 1) as f64;
        }
    }
    rep.average_precision = ap / rep.positives.max(1) as f64;
    for k in [10, 50, 100] {
        let p = ranked.iter().take(k).filter(|r| r.2).count() as f64 / k as f64;
        rep.precision_at.push((k, p));
    }
    rep
}

/// The report in the scorer's words, with up to `errors` error lines.
pub fn render(rep: &Report, errors: usize) -> String {
    let mut out = String::new();
    for e in rep.errors.iter().take(errors) {
        let _ = writeln!(out, "{e}");
    }
    let _ =
        writeln!(out, "sentences={} check-worthy={} tp={} fp={} fn={}", rep.n, rep.positives, rep.tp, rep.fp, rep.fn_);
    let _ = writeln!(
        out,
        "check-worthy P={:.4} R={:.4} F1={:.4} at threshold {THRESHOLD}",
        rep.precision(),
        rep.recall(),
        rep.f1()
    );
    let _ = writeln!(out, "average precision={:.4}", rep.average_precision);
    let pk: Vec<String> = rep.precision_at.iter().map(|(k, p)| format!("P@{k}={p:.4}")).collect();
    let _ = writeln!(out, "{}", pk.join(" "));
    out
}

/// SHA-1 as lowercase hex (FIPS 180-4), for the scorer's tie-breaking; the
/// ids are short, so a plain implementation is enough.
fn sha1_hex(data: &[u8]) -> String {
    let mut h: [u32; 5] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 80];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, &wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::sha1_hex;

    #[test]
    fn sha1_matches_known_digests() {
        assert_eq!(sha1_hex(b""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(sha1_hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(sha1_hex(b"cb-27247"), "cfba82184a5fb6133e904fc125becebd7fdd3943");
    }
}
