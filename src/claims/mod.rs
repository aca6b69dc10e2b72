//! The claims pass: each checkable statement with its speaker, quote, dates,
//! numbers, check-worthiness, reasons and category.
//!
//! ## What it does
//! [`assemble`] makes one claim per sentence that holds a word. The claim's
//! span is the sentence, or the part of it inside a direct quote with a
//! speaker when that holds most of the sentence (what was said, without
//! "the official said"). It links the quote that overlaps the
//! sentence most, the speaker of that quote (the resolved mention, else the
//! mention), or else the source the sentence names itself ("according to
//! ...", "... announced": `attribution`), and the numbers and dates inside
//! the claim's span. Its date (`about`) is the first resolved DATE of the
//! sentence, else the document creation time.
//!
//! The score (`features`) is a logistic model over the sentence's words, the
//! word lists of `rules/claims.rules` and what the earlier layers found; its
//! weights are `rules/checkworthy.weights`, fitted on the ClaimBuster dev
//! set by `scripts/fit-checkworthy`. The reasons name the checkable parts
//! that are present (quantity, comparison, trend, causal, prediction, law,
//! superlative, date, named source); the category follows the Full Fact
//! typology, first match in this order: causation, correlation, quantity,
//! prediction, rule, personal experience, other.
//!
//! ## Invariants
//! Claims are in text order and never overlap: each lies inside its own
//! sentence. Every linked number or date lies inside the claim's span.
//! Work is linear: the number, date and quote layers are walked with
//! cursors, sentence by sentence.
//!
//! ## Known problems
//! Scores come from a model fitted on debate sentences (ClaimBuster), not
//! news prose; the quote-less source finder does not resolve pronouns.
//!
//! ## Example
//! ```
//! use claimscan::{analyze, Document};
//! let a = analyze(Document::new("ex", "Unemployment fell to 3.5 percent in 2019. Thank you.", None));
//! let c = &a.claims.claims;
//! assert!(c[0].checkworthy >= 0.5 && c[1].checkworthy < c[0].checkworthy);
//! assert!(c[0].reasons.contains(&"quantity"));
//! ```

mod attribution;
mod features;

use crate::document::{
    About, Analysis, Claim, ClaimLayer, DateLayer, Document, NumberKind, NumberLayer, QuoteKind, QuoteLayer,
    SentenceKind, SentenceLayer, TimexType,
};
use crate::span::Span;
use features::bit;

/// Assembles the claims of `doc` from the layers of the earlier passes.
pub fn assemble(
    doc: &Document,
    sentences: &SentenceLayer,
    numbers: &NumberLayer,
    dates: &DateLayer,
    quotes: &QuoteLayer,
) -> ClaimLayer {
    let text = doc.text.as_str();
    let mut claims = Vec::new();
    let mut scratch = Vec::new();
    let (mut ni, mut di, mut qi) = (0, 0, 0);
    for (si, s) in sentences.sentences.iter().enumerate() {
        let sent = s.span.slice(text);
        if !sent.bytes().any(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let lex = features::lexical(sent, &mut scratch);
        let ctx = context(text, s.span, numbers, dates, quotes, (&mut ni, &mut di, &mut qi), lex.has(bit::CUE));
        let mut layers = ctx.layer_bits;
        if s.kind == SentenceKind::Headline {
            layers |= 1 << bit::L_HEADLINE;
        }
        let scored = features::finish(lex, layers);
        let span = ctx.span;
        let numbers_in: Vec<usize> =
            (ctx.numbers.0..ctx.numbers.1).filter(|&i| span.contains(numbers.numbers[i].span)).collect();
        let dates_in: Vec<usize> = (ctx.dates.0..ctx.dates.1).filter(|&i| span.contains(dates.dates[i].span)).collect();
        let about = (ctx.dates.0..ctx.dates.1)
            .find(|&i| dates.dates[i].kind == TimexType::Date && dates.dates[i].value.is_some())
            .map(About::Date)
            .or(doc.dct.map(|_| About::Dct));
        claims.push(Claim {
            span,
            sentence: si,
            quote: ctx.quote,
            speaker: ctx.speaker,
            dates: dates_in,
            numbers: numbers_in,
            about,
            checkworthy: (scored.score * 1000.0).round() / 1000.0,
            reasons: reasons(&scored, ctx.speaker.is_some()),
            category: category(&scored),
        });
    }
    ClaimLayer { claims }
}

/// The feature names of claim `c` of `a`, as the score sees them: what
/// `scripts/fit-checkworthy` fits on (see `examples/checkworthy_features.rs`).
pub fn claim_features(a: &Analysis, c: &Claim) -> Vec<String> {
    let Some(s) = a.sentences.sentences.get(c.sentence) else { return Vec::new() };
    let text = a.doc.text.as_str();
    let cue = features::lexical(s.span.slice(text), &mut Vec::new()).has(bit::CUE);
    let ctx = context(text, s.span, &a.numbers, &a.dates, &a.quotes, (&mut 0, &mut 0, &mut 0), cue);
    let mut layers = ctx.layer_bits;
    if s.kind == SentenceKind::Headline {
        layers |= 1 << bit::L_HEADLINE;
    }
    features::feature_names(s.span.slice(text), layers)
}

/// What the earlier layers hold for one sentence.
struct Context {
    /// The claim's span: the sentence, or its part inside a direct quote.
    span: Span,
    quote: Option<usize>,
    speaker: Option<Span>,
    /// Index ranges of the numbers and dates inside the sentence.
    numbers: (usize, usize),
    dates: (usize, usize),
    layer_bits: u64,
}

fn context(
    text: &str,
    s: Span,
    numbers: &NumberLayer,
    dates: &DateLayer,
    quotes: &QuoteLayer,
    (ni, di, qi): (&mut usize, &mut usize, &mut usize),
    cue: bool,
) -> Context {
    let nums = &numbers.numbers;
    while *ni < nums.len() && nums[*ni].span.end <= s.start {
        *ni += 1;
    }
    let mut n_end = *ni;
    while n_end < nums.len() && nums[n_end].span.start < s.end {
        n_end += 1;
    }
    let ds = &dates.dates;
    while *di < ds.len() && ds[*di].span.end <= s.start {
        *di += 1;
    }
    let mut d_end = *di;
    while d_end < ds.len() && ds[d_end].span.start < s.end {
        d_end += 1;
    }
    let qs = &quotes.quotes;
    while *qi < qs.len() && qs[*qi].content.end <= s.start {
        *qi += 1;
    }
    let mut quote = None;
    let mut best = 0;
    let mut k = *qi;
    while k < qs.len() && qs[k].content.start < s.end {
        let q = qs[k].content;
        let overlap = q.end.min(s.end).saturating_sub(q.start.max(s.start));
        if overlap > best {
            best = overlap;
            quote = Some(k);
        }
        k += 1;
    }
    let mut span = s;
    let mut speaker = None;
    if let Some(k) = quote {
        let q = &qs[k];
        speaker = q.speaker.map(|sp| sp.resolved.unwrap_or(sp.span));
        // A direct quote with a speaker that holds most of the sentence is
        // the statement; a quoted fragment ("the “withdrawal of forces”")
        // is not: the claim stays the sentence.
        if q.kind == QuoteKind::Direct && speaker.is_some() {
            let inner = Span::new(q.content.start.max(s.start), q.content.end.min(s.end));
            let (x, y) = trim_statement(text, inner);
            if text[x..y].split_whitespace().count() >= 3 && 2 * (y - x) >= s.len() {
                span = Span::new(x, y);
            }
        }
    }
    // The sentence's own source, only when an attribution word occurs
    // (found by the word scan, so most sentences skip this search).
    if speaker.is_none() && cue {
        speaker = attribution::source(text, s);
    }
    let in_sentence = |sp: Span| s.contains(sp);
    let number = (*ni..n_end).any(|i| in_sentence(nums[i].span));
    let kind = |k: NumberKind| (*ni..n_end).any(|i| nums[i].kind == k && in_sentence(nums[i].span));
    let mut layer_bits = features::layer_bits(
        number,
        kind(NumberKind::Percent),
        kind(NumberKind::Money),
        (*di..d_end).any(|i| in_sentence(ds[i].span)),
        quote.is_some(),
        speaker.is_some() && quote.is_some(),
    );
    if speaker.is_some() {
        layer_bits |= 1 << bit::ATTRIBUTED;
    }
    Context { span, quote, speaker, numbers: (*ni, n_end), dates: (*di, d_end), layer_bits }
}

/// `span` without surrounding whitespace, quotation marks and the comma
/// that ends a quote ("... 2026,").
fn trim_statement(text: &str, span: Span) -> (usize, usize) {
    let s = span.slice(text);
    let junk = |c: char| c.is_whitespace() || matches!(c, '“' | '”' | '"' | ',' | '‘' | '’' | '\'');
    let t = s.trim_start_matches(junk);
    let x = span.start + (s.len() - t.len());
    let t = t.trim_end_matches(junk);
    (x, x + t.len())
}

/// The checkable parts present, in a fixed order.
fn reasons(s: &features::Scored, speaker: bool) -> Vec<&'static str> {
    let any = |bits: &[u32]| bits.iter().any(|&b| s.has(b));
    let mut out = Vec::new();
    let table: [(&[u32], &str); 8] = [
        (
            &[bit::DIGIT, bit::NUMBER_WORD, bit::PERCENT, bit::MONEY, bit::L_NUMBER, bit::L_PERCENT, bit::L_MONEY],
            "quantity",
        ),
        (&[bit::COMPARATIVE], "comparison"),
        (&[bit::TREND], "trend"),
        (&[bit::CAUSAL], "causal"),
        (&[bit::PREDICTION], "prediction"),
        (&[bit::LAW], "law"),
        (&[bit::SUPERLATIVE], "superlative"),
        (&[bit::YEAR, bit::MONTH, bit::L_DATE], "date"),
    ];
    for (bits, name) in table {
        if any(bits) {
            out.push(name);
        }
    }
    if speaker {
        out.push("named source");
    }
    out
}

/// The Full Fact category: the first that applies.
fn category(s: &features::Scored) -> &'static str {
    let quantity =
        [bit::DIGIT, bit::NUMBER_WORD, bit::PERCENT, bit::MONEY, bit::L_NUMBER, bit::L_PERCENT, bit::L_MONEY]
            .iter()
            .any(|&b| s.has(b));
    if s.has(bit::CAUSAL) {
        "causation"
    } else if s.has(bit::CORRELATION) {
        "correlation"
    } else if quantity {
        "quantity"
    } else if s.has(bit::PREDICTION) {
        "prediction"
    } else if s.has(bit::LAW) {
        "rule"
    } else if s.has(bit::FIRST_PERSON) && !s.has(bit::OPINION) {
        "personal experience"
    } else {
        "other"
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::pipeline::analyze;
    use crate::rules;

    /// Every `[examples]` line of rules/claims.rules: `sentence => high|low
    /// reason ...`.
    #[test]
    fn rule_examples() {
        let mut failures = Vec::new();
        for ex in &rules::file("claims.rules").examples {
            let a = analyze(Document::new("t", ex.input, None));
            let best = a.claims.claims.iter().max_by(|x, y| x.checkworthy.total_cmp(&y.checkworthy));
            let (score, reasons) = best.map_or((0.0, Vec::new()), |c| (c.checkworthy, c.reasons.clone()));
            let mut want = ex.expected.split_whitespace();
            let level = want.next().unwrap_or("");
            let want_reasons: Vec<String> =
                want.collect::<Vec<_>>().join(" ").split(", ").map(str::to_string).collect();
            let ok_level = match level {
                "high" => score >= 0.5,
                "low" => score < 0.5,
                _ => false,
            };
            let missing: Vec<&String> =
                want_reasons.iter().filter(|r| !r.is_empty() && !reasons.contains(&r.as_str())).collect();
            if !ok_level || !missing.is_empty() {
                failures.push(format!(
                    "rules/claims.rules:{}\n  input: {}\n  want:  {}\n  got:   {score} {reasons:?}",
                    ex.line, ex.input, ex.expected
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
